"""The build cache in ``.authorsite-cache/``: what lets a rebuild skip work, never go stale.

Four things are kept, each safe to delete at any moment (the next build is then a cold
one, with the same output):

- **records**: every parsed paper and author, keyed by a hash of the file's path and
  bytes; a file whose size and modification time are unchanged is not even read again.
- **markup**: rendered Markdown, keyed by the text itself (an abstract that did not
  change is not converted again).
- **novelty**: the last scores with each paper's record key and a hash of its texts (a
  citation edit changes the first, not the second), and
  the state of that computation (each paper's terms and best earlier match), from which
  a build after a few edits updates the scores instead of computing them all again.
- **state** per output folder: the signature of every input of the last good build,
  and per output file the fingerprint of what it was rendered from and the hash of its
  bytes. A build whose inputs all match does nothing; otherwise only pages whose
  fingerprint changed are rendered, and only bytes that changed are written.

Everything is keyed by the code too (this package's files, and the installed versions
of the libraries whose output is kept: Jinja, MarkupSafe, PyYAML, cmark-gfm, nh3, NumPy),
so a new version of authorsite, an edited template filter or an upgraded sanitiser never
reuses what older code computed.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path

from generator import __version__
from generator.deltree import remove_tree
from generator.trust import blake2b, stamp

# A build with nothing to do imports this module: `dataclasses` (with `inspect`, `ast`,
# `dis`...), `shutil` (with bz2 and lzma) and `typing` are imported where they are used.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, BinaryIO

CACHE_DIRNAME = ".authorsite-cache"
FORMAT = 6  # bump when what is stored changes shape
# Every table, emptied when another code's cache is opened
TABLES = (
    "files",
    "records",
    "markup",
    "state",
    "state_files",
    "state_stats",
    "blobs",
    "meta",
)
# A file changed within this many seconds of being cached is read again next time: a
# second edit in the same clock tick could otherwise keep the same size and mtime.
RACY_NS = 2_000_000_000
# What makes the cache unusable for this build (it goes on without it): the database's
# errors, and a path that SQLite cannot hold as text. A site in a folder whose name is not
# UTF-8 (`M\xfcller/`, named on a Latin-1 system) has such paths for its output and its
# records; keyed by them, every build of it ended with a traceback. A damaged database
# file (a disk error, a copy cut short) gives text that is not UTF-8: every build of the
# site ended with a traceback (UnicodeDecodeError) until the cache was deleted by hand.
UNUSABLE = (sqlite3.Error, UnicodeError)
# Records up to which BuildCache.decoded_records looks each up by key (one query, within
# SQLite's 999 parameters); more are read in one pass over the table.
_BY_KEY_MOST = 900


def digest(*parts: str | bytes) -> str:
    """A short, stable hash (BLAKE2b, 128 bits) of the parts, in order."""
    h = blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: str | os.PathLike[str]) -> str:
    """``digest(path.read_bytes())``, read a megabyte at a time: a file in static/ (a video,
    a data set) may be larger than the memory, where reading it whole was a MemoryError."""
    with open(path, "rb") as file:
        return _digest_of(file)


def regular_file_digest(path: str | os.PathLike[str]) -> str | None:
    """:func:`file_digest` of a regular file; None for anything else (a named pipe, which
    ``open`` would wait on for a writer forever, a device), or a file that cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        try:
            return _digest_of(file)
        except OSError:
            return None


def _digest_of(file: BinaryIO) -> str:
    h = blake2b(digest_size=16)
    h.update(os.fstat(file.fileno()).st_size.to_bytes(8, "little"))
    while chunk := file.read(1 << 20):
        h.update(chunk)
    return h.hexdigest()


# The size and time of a name under an input folder that has none (a link to nothing)
UNSTATTED = (-1, -1)


def _walk_files(
    root: Path, within: str | None = None
) -> Iterator[tuple[str, os.stat_result | None]]:
    """Every file under ``root`` (recursively, symlinks followed), with its stat.

    A link back to a folder that holds it (``static/up -> ..``, ``a -> .``) is not
    followed: it would be walked again inside itself, about 40 levels deep (where the
    system stops resolving links), on every build. It comes with None instead of a stat,
    as does a name that cannot be statted (a link to nothing, a link in a loop): it has no
    size or time, but a build says something of it, so its name is an input too. So does
    a link to a folder outside ``within`` (the site's folder, resolved), when given: a
    build reads nothing through one (it refuses or skips it), and ``static/root -> /``
    had every build walk the whole disk before it said so.
    """
    stack: list[tuple[Path, frozenset[tuple[int, int]]]] = [(root, frozenset())]
    while stack:
        folder, above = stack.pop()
        fd = None
        try:
            info = os.stat(folder)
            here = (info.st_dev, info.st_ino)
            if here in above:
                yield str(folder), None
                continue
            above = above | {here}
            if _SCAN_AT:
                # Its entries are statted relative to it, each path walked from here, not
                # from the root (~10 % less CPU for a no-change rebuild's 10,500 inputs)
                fd = os.open(folder, OPEN_FOLDER)
                with os.scandir(fd) as found:
                    entries = list(found)
            else:
                entries = list(os.scandir(folder))
        except OSError:
            if fd is not None:
                os.close(fd)
            continue
        prefix = os.path.join(folder, "")  # the entry's path as scandir(folder) gives it
        try:
            for entry in entries:
                path = prefix + entry.name
                try:
                    if entry.is_dir():
                        if within is not None and entry.is_symlink() and not _inside(path, within):
                            yield path, None
                            continue
                        stack.append((Path(path), above))
                    else:
                        yield path, entry.stat()
                except OSError:
                    yield path, None
        finally:
            if fd is not None:
                os.close(fd)


def _inside(path: str, folder: str) -> bool:
    """Whether ``path``, its links resolved, is ``folder`` or inside it."""
    target = os.path.realpath(path)
    return target == folder or target.startswith(os.path.join(folder, ""))


# Folders listed through an open folder, whose entries are then statted relative to it
# (os.open of a folder: OPEN_FOLDER)
_SCAN_AT = os.scandir in os.supports_fd and os.stat in os.supports_dir_fd
OPEN_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


# Module -> distribution of each library whose results the cache keeps or pages show:
# templates (jinja2, markupsafe), parsed records (yaml), converted and sanitised Markdown
# (cmarkgfm, nh3) and novelty scores (numpy). An upgrade of any of them (nh3 fixing a
# sanitiser bypass, say) must not leave pages built by the old one in place.
LIBRARIES = {
    "jinja2": "jinja2",
    "markupsafe": "markupsafe",
    "yaml": "pyyaml",
    "cmarkgfm": "cmarkgfm",
    "nh3": "nh3",
    "numpy": "numpy",
}


@functools.cache
def code_fingerprint() -> str:
    """Identifies this authorsite: version, Python, every file of the package, libraries.

    Taken once per process, when it first opens a cache: it names the code the process
    runs, which stays the same when authorsite is upgraded on disk meanwhile (a ``serve``
    left running must not file its results under the new code's name).

    It holds this user's stamp (see ``trust``): a cache folder that came with the site, made
    by someone else, is keyed otherwise and is emptied, never run or published.
    """
    package = Path(__file__).resolve().parent
    parts = [__version__, sys.version, str(FORMAT), stamp(), *library_versions(LIBRARIES)]
    for path, st in sorted(_walk_files(package), key=lambda found: found[0]):
        if st is not None and path.endswith((".py", ".html", ".xml", ".txt", ".css", ".js")):
            parts.append(f"{os.path.relpath(path, package)}:{st.st_size}:{st.st_mtime_ns}")
    return digest(*parts)


def _canonical(name: str) -> str:
    """A distribution's name as packaging compares them (PEP 503), ``-`` for separators."""
    return "".join("-" if c in "-_." else c for c in name.lower())


def library_versions(libraries: Mapping[str, str]) -> list[str]:
    """Each library's installed version, without importing it (no-change builds never do).

    Read from the name of its ``<name>-<version>.dist-info`` (or ``.egg-info``) folder
    beside the module; where there is none, the module file's size and time stand in.
    A library that is not installed is named as missing.
    """
    import importlib.util

    listed: dict[str, dict[str, str]] = {}  # folder -> canonical name -> version
    found = []
    for module, distribution in sorted(libraries.items()):
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            spec = None
        origin = None if spec is None else spec.origin
        if origin is None or not os.path.isabs(origin):
            found.append(f"{module}:missing")
            continue
        path = Path(origin)
        folder = str(path.parent.parent if path.name.startswith("__init__.") else path.parent)
        if folder not in listed:
            listed[folder] = _installed(folder)
        version = listed[folder].get(_canonical(distribution))
        if version is None:
            try:
                st = path.stat()
                version = f"{st.st_size}:{st.st_mtime_ns}"
            except OSError:
                version = "unreadable"
        found.append(f"{module}:{version}")
    return found


def _installed(folder: str) -> dict[str, str]:
    """Canonical distribution name -> version, from the metadata folders' names in ``folder``."""
    versions: dict[str, str] = {}
    try:
        entries = os.listdir(folder)
    except OSError:
        return versions
    for entry in entries:
        stem, dot, suffix = entry.rpartition(".")
        if not dot or suffix not in ("dist-info", "egg-info"):
            continue
        name, _, version = stem.partition("-")  # escaped names hold no "-" (PEP 427)
        # Debian's egg-info folders may add "-py3.11" after the version.
        versions[_canonical(name)] = version
    return versions


def scan(roots: Iterable[Path], within: Path | None = None) -> dict[str, tuple[int, int]]:
    """``path -> (size, mtime_ns)`` for every file under the roots (files or folders);
    a link to a folder outside ``within`` is named, not walked (see :func:`_walk_files`)."""
    found: dict[str, tuple[int, int]] = {}
    inside = None if within is None else os.path.realpath(within)
    for root in roots:
        try:
            st = root.stat()
        except OSError:
            continue
        if root.is_dir():
            for path, entry in _walk_files(root, inside):
                found[path] = UNSTATTED if entry is None else (entry.st_size, entry.st_mtime_ns)
        else:
            found[str(root)] = (st.st_size, st.st_mtime_ns)
    return found


def signature(stats: Mapping[str, tuple[int, int]], *extra: str) -> str:
    """One hash of every input's name, size and modification time, plus ``extra``.

    In the order :func:`scan` found them (not sorted: ~7 ms of every no-change rebuild at
    10k): a folder lists its files in the same order while it is unchanged, and another
    order only makes the signatures differ, which costs a rebuild, never a wrong one.
    The names are hashed as one text (no path holds a NUL) and the numbers apart: half
    the time of marshalling the mapping whole (~4 ms at 10,000 papers).
    """
    # marshal format 2 has no back-references, so equal data always gives equal bytes.
    return digest(*extra, "\0".join(stats), marshal.dumps(list(stats.values()), 2))


class BuildCache:
    """The cache database of one site folder; every failure to use it is a cache miss.

    SQLite (standard library) lets a rebuild update the few rows that changed instead of
    rewriting the whole cache. Everything in it is keyed by the code fingerprint: a
    database written by other code is emptied before use.
    """

    def __init__(self, site_dir: Path, root: Path | None = None) -> None:
        """``root``: the cache folder, if not the site's own (``check``'s copy, see
        :func:`copy_of`)."""
        self.root = root if root is not None else site_dir / CACHE_DIRNAME
        self.db: sqlite3.Connection | None = None
        try:
            self.root.mkdir(exist_ok=True)
            if _linked(self.root):
                return
            tag = self.root / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text(
                    "Signature: 8a477f597d28d172789f06886806bc55\n"
                    "# authorsite's build cache; deleting it is always safe.\n"
                )
            self.db = self._open_or_replace(self.root / "cache.sqlite")
        except (OSError, *UNUSABLE):
            self.db = None

    @staticmethod
    def _open_or_replace(path: Path) -> sqlite3.Connection:
        """The database at ``path``; one that is damaged (no database, or a malformed one)
        is deleted and made again, as the cache may always be: kept, every later build
        would have gone on without a cache."""
        try:
            return BuildCache._open(path)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            if type(exc) is not sqlite3.DatabaseError and not isinstance(exc, UnicodeError):
                raise  # busy (another build holds it), read-only…: not damaged
        for end in ("", "-wal", "-shm"):
            path.with_name(path.name + end).unlink(missing_ok=True)
        return BuildCache._open(path)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=10, isolation_level=None)
        try:
            return BuildCache._ready(db)
        except BaseException:
            db.close()  # a file that is no database: the connection goes with it
            raise

    @staticmethod
    def _ready(db: sqlite3.Connection) -> sqlite3.Connection:
        # The cache can always be rebuilt: no fsync; WAL keeps a killed build harmless.
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")
        db.executescript(
            """
            CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
            CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INT, mtime INT, key TEXT);
            CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, data BLOB);
            CREATE TABLE IF NOT EXISTS markup (kind TEXT, key TEXT, html TEXT,
                                               PRIMARY KEY (kind, key));
            CREATE TABLE IF NOT EXISTS state (out TEXT PRIMARY KEY, data BLOB);
            CREATE TABLE IF NOT EXISTS state_files (out TEXT PRIMARY KEY, data BLOB);
            CREATE TABLE IF NOT EXISTS state_stats (out TEXT PRIMARY KEY, data BLOB);
            CREATE TABLE IF NOT EXISTS blobs (k TEXT PRIMARY KEY, data BLOB);
            """
        )
        code = code_fingerprint()
        row = db.execute("SELECT v FROM meta WHERE k = 'code'").fetchone()
        if row is None or row[0] != code:
            db.execute("BEGIN")
            for table in TABLES:
                db.execute(f"DELETE FROM {table}")
            db.execute("INSERT INTO meta VALUES ('code', ?)", (code,))
            db.execute("COMMIT")
        return db

    def folder(self, kind: str, *key: str) -> Path | None:
        """A folder for ``kind`` of files, keyed by the code and ``key``; None if unusable.

        Another code's or key's folder of the same kind is removed: it can never be read again.
        """
        if self.db is None:
            return None
        name = f"{kind}-{digest(code_fingerprint(), *key)[:16]}"
        try:
            for old in self.root.glob(f"{kind}-*"):
                if old.name != name and old.is_dir():
                    remove_tree(old)
            (self.root / name).mkdir(exist_ok=True)
        except OSError:
            return None
        return self.root / name

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        if self.db is None:
            return []
        try:
            return self.db.execute(sql, args).fetchall()
        except UNUSABLE:
            self._unusable()
            return []

    def _write(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        if self.db is None:
            return
        try:
            if not _begin_as_owner(self.db):
                self._unusable()  # another version's cache now: neither read nor written
                return
            self.db.executemany(sql, rows)
            self.db.execute("COMMIT")
        except UNUSABLE:
            self._unusable()

    def state(self, out: Path) -> Any:
        """What the last good build into ``out`` left (plain data), or None."""
        rows = self._query("SELECT data FROM state WHERE out = ?", (str(out),))
        if not rows:
            return None
        try:
            return marshal.loads(rows[0][0])
        except (EOFError, ValueError, TypeError):
            return None

    def state_files(self, out: Path) -> bytes | None:
        """The last build's table of output files (marshalled), kept apart from its state.

        Only a build that renders needs it (3 MB at 10,000 papers): a no-change rebuild
        never reads it.
        """
        rows = self._query("SELECT data FROM state_files WHERE out = ?", (str(out),))
        return bytes(rows[0][0]) if rows else None

    def state_stats(self, out: Path) -> bytes | None:
        """The size and time of every file the last build left in ``out`` (as
        ``state.pack_stats`` packs them), kept apart from its state: only the child that
        checks the output files reads them (:func:`read_state_stats`), and a build that
        writes."""
        return _state_stats(self._query, out)

    def save_state(self, out: Path, value: Any, files: bytes, stats: bytes = b"") -> None:
        """Record the build just finished into ``out``: its state, its files' table and
        their sizes and times."""
        if self.db is None:
            return
        try:
            if not _begin_as_owner(self.db):
                self._unusable()
                return
            self.db.execute(
                "INSERT OR REPLACE INTO state VALUES (?, ?)", (str(out), marshal.dumps(value))
            )
            self.db.execute("INSERT OR REPLACE INTO state_files VALUES (?, ?)", (str(out), files))
            self.db.execute("INSERT OR REPLACE INTO state_stats VALUES (?, ?)", (str(out), stats))
            self.db.execute("COMMIT")
        except UNUSABLE:
            self._unusable()

    def forget_state(self, out: Path) -> None:
        """Before ``out`` is changed in place: a build killed meanwhile leaves no stale state."""
        self._write("DELETE FROM state WHERE out = ?", [(str(out),)])

    def file_keys(self) -> dict[str, tuple[int, int, str]]:
        """``path -> (size, mtime_ns, record key)`` as the last build read them."""
        return {p: (size, mtime, key) for p, size, mtime, key in self._query("SELECT * FROM files")}

    def record(self, key: str) -> bytes | None:
        """One cached record's encoded form, or None."""
        rows = self._query("SELECT data FROM records WHERE key = ?", (key,))
        return bytes(rows[0][0]) if rows else None

    def records(self) -> dict[str, bytes]:
        """Every cached record's encoded form, by key."""
        return dict(self._query("SELECT key, data FROM records"))

    def record_keys(self) -> set[str]:
        """The keys of every cached record."""
        return {key for (key,) in self._query("SELECT key FROM records")}

    def decoded_records(
        self, wanted: Collection[str], classes: Mapping[str, type[Any]]
    ) -> dict[str, Any]:
        """The cached records whose keys are ``wanted``, decoded (:func:`decode_record`)
        as the rows are read; one that cannot be decoded is left out.

        Row by row, each encoded copy freed once decoded: the next row's bytes take its
        memory. All of them read first (:meth:`records`) were ~25 MB of new memory at
        10,000 papers, ~7,000 page faults after every edit. A few are looked up by key,
        many read in one pass over the table.
        """
        found: dict[str, Any] = {}
        if self.db is None or not wanted:
            return found
        keys = list(wanted)
        try:
            if len(keys) > _BY_KEY_MOST:
                rows: Iterable[tuple[str, bytes]] = self.db.execute("SELECT key, data FROM records")
            else:
                marks = ",".join("?" * len(keys))
                sql = f"SELECT key, data FROM records WHERE key IN ({marks})"
                rows = self.db.execute(sql, keys)
            for key, data in rows:
                if key in wanted:
                    record = decode_record(data, classes)
                    if record is not None:
                        found[key] = record
        except UNUSABLE:
            self._unusable()  # the records read so far are what their keys say
        return found

    def save_records(
        self,
        files: Mapping[str, tuple[int, int, str]],
        new: Mapping[str, bytes],
        known: Mapping[str, tuple[int, int, str]],
    ) -> None:
        """Make the file table ``files`` (it was ``known``), add new records, drop unused ones.

        Only the rows that differ are written: after one edit, one row, not 10,000.
        """
        if self.db is None:
            return
        changed = [(p, *row) for p, row in files.items() if known.get(p) != row]
        gone = [(p,) for p in known if p not in files]
        if not changed and not gone and not new:
            return
        try:
            if not _begin_as_owner(self.db):
                self._unusable()
                return
            self.db.executemany("DELETE FROM files WHERE path = ?", gone)
            self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", changed)
            self.db.executemany("INSERT OR REPLACE INTO records VALUES (?, ?)", new.items())
            if len(changed) + len(gone) > 100:
                self.db.execute("DELETE FROM records WHERE key NOT IN (SELECT key FROM files)")
            else:  # a few edits: only the records they replaced (no scan of the table)
                used = {row[2] for row in files.values()}
                replaced = {known[p][2] for p, *_ in changed if p in known}
                replaced |= {known[p][2] for (p,) in gone}
                self.db.executemany(
                    "DELETE FROM records WHERE key = ?", [(k,) for k in replaced - used]
                )
            self.db.execute("COMMIT")
        except UNUSABLE:
            self._unusable()

    def markup(self) -> MarkupLookup:
        """A lookup of renderings saved by earlier builds, one query per text.

        Per text, not the whole table: a rebuild after one edit renders a few pages, and
        at 10,000 papers the table is 40,000 renderings (~60 MB).
        """
        return MarkupLookup(self._query)

    @property
    def path(self) -> Path | None:
        """The database file, for processes that read it on their own; None if unusable."""
        return None if self.db is None else self.root / "cache.sqlite"

    def save_markup(self, new: Mapping[tuple[str, str], str]) -> None:
        """Keep new renderings for the next build."""
        self._write(
            "INSERT OR REPLACE INTO markup VALUES (?, ?, ?)",
            # A generator: the rows of a 10k site's first build would be ~50 MB as a list.
            ((kind, digest(text), html) for (kind, text), html in new.items()),
        )

    def blob(self, name: str) -> bytes | None:
        """The bytes last saved under ``name`` (:meth:`save_blob`), or None."""
        rows = self._query("SELECT data FROM blobs WHERE k = ?", (f"blob:{name}",))
        return bytes(rows[0][0]) if rows else None

    def save_blob(self, name: str, data: bytes) -> None:
        """Keep ``data`` under ``name`` for the next build."""
        self._write("INSERT OR REPLACE INTO blobs VALUES (?, ?)", [(f"blob:{name}", data)])

    def novelty(self) -> tuple[dict[str, tuple[str, str]], dict[str, float]] | None:
        """The last novelty scores, with each paper's (record key, hash of its texts)."""
        data = self.blob("novelty-scores")
        try:
            texts, scores = marshal.loads(data) if data else (None, None)
        except (EOFError, ValueError, TypeError):
            return None
        if not (isinstance(texts, dict) and isinstance(scores, dict)):
            return None
        return {slug: tuple(pair) for slug, pair in texts.items()}, scores

    def save_novelty(
        self, texts: Mapping[str, tuple[str, str]], scores: Mapping[str, float]
    ) -> None:
        """Keep the scores of the latest set of texts (one set: older ones are never reused)."""
        self.save_blob("novelty-scores", marshal.dumps((dict(texts), dict(scores))))

    def novelty_state(self) -> bytes | None:
        """The state of the last novelty computation (see generator.novelty_update), or None."""
        return _novelty_state(self._query)

    def save_novelty_state(self, state: bytes) -> None:
        """Keep the state of the novelty computation just done (one: the latest)."""
        self._write("INSERT OR REPLACE INTO blobs VALUES ('novelty', ?)", [(state,)])

    def _unusable(self) -> None:
        """Neither read nor write the cache again in this build (the build goes on)."""
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None

    def close(self) -> None:
        """Release the database."""
        if self.db is not None:
            self.db.close()
            self.db = None


def copy_of(site_dir: Path, folder: Path) -> Path:
    """``folder``, made to hold a copy of the site's cache database (if it has one).

    For ``check``, which writes nothing in the site folder: opened there, the database
    would be written (its log, a cache of other code emptied, what the build converted).
    The copy gives the check the earlier builds' work; what it adds dies with ``folder``.
    A linked cache is not copied, as it is not used (see :func:`_linked`).

    A build that writes the cache meanwhile (into its log, or the log into the database)
    made a copy of two moments that SQLite reads without an error, its tables out of
    order: every copy taken beside a busy writer failed ``PRAGMA integrity_check``. The
    files are copied again while they change under the copy, and after three tries the
    check starts with no cache (slower, never wrong). The ``-shm`` file is never copied:
    SQLite makes it again from the log. A cache folder that cannot be read (`chmod 700` by
    another user) is no cache; before, the check stopped at `cache.sqlite: Permission
    denied`, where the build goes on without it.
    """
    folder.mkdir()
    root = site_dir / CACHE_DIRNAME
    try:
        if not root.is_dir() or _linked(root):
            return folder
    except OSError:  # a folder its owner keeps from others: no cache, as a build has none
        return folder
    for _ in range(3):
        with contextlib.suppress(OSError):
            before = _database_stamps(root)
            for name in _DATABASE_FILES:  # the log holds what is not yet in the database
                (folder / name).unlink(missing_ok=True)
                if before[name] is not None:
                    import shutil

                    shutil.copyfile(root / name, folder / name)
            if _database_stamps(root) == before:
                return folder
    for name in _DATABASE_FILES:
        with contextlib.suppress(OSError):
            (folder / name).unlink(missing_ok=True)
    return folder


_DATABASE_FILES = ("cache.sqlite", "cache.sqlite-wal")


def _database_stamps(root: Path) -> dict[str, tuple[int, int, int] | None]:
    """Each database file's (inode, size, modification time), None where there is none:
    a file written meanwhile has another."""
    stamps: dict[str, tuple[int, int, int] | None] = {}
    for name in _DATABASE_FILES:
        try:
            found = (root / name).stat()
        except FileNotFoundError:
            stamps[name] = None
        else:
            stamps[name] = (found.st_ino, found.st_size, found.st_mtime_ns)
    return stamps


def _linked(root: Path) -> bool:
    """Whether the cache folder, or its database's files, are symbolic links.

    A site can bring them along: `.authorsite-cache -> ~`, or `cache.sqlite` linked to
    another program's database, whose tables named like ours the cache would empty.
    Such a cache is not used at all.
    """
    return any(
        path.is_symlink()
        for path in (root, *(root / f"cache.sqlite{end}" for end in ("", "-wal", "-shm")))
    )


def _begin_as_owner(db: sqlite3.Connection) -> bool:
    """Start a write that holds the lock, if the database is still keyed by this code.

    Another version of authorsite (a ``serve`` left running across an upgrade, or the new
    version beside it) may have emptied and re-keyed the database since it was opened:
    rows written now would be read by that code as its own. Then nothing is written.
    """
    db.execute("BEGIN IMMEDIATE")  # no other writer between the check and the write
    row = db.execute("SELECT v FROM meta WHERE k = 'code'").fetchone()
    if row is not None and row[0] == code_fingerprint():
        return True
    db.execute("ROLLBACK")
    return False


class MarkupLookup:
    """Renderings saved by earlier builds: one text at a time, or many in one query."""

    def __init__(self, query: Callable[[str, tuple[Any, ...]], list[Any]]) -> None:
        self.query = query

    def __call__(self, kind: str, text: str) -> str | None:
        rows = self.query(
            "SELECT html FROM markup WHERE kind = ? AND key = ?", (kind, digest(text))
        )
        return str(rows[0][0]) if rows else None

    def many(self, kind: str, texts: Iterable[str]) -> dict[str, str]:
        """The saved renderings of those of ``texts`` that have one (a profile's 1,800
        abstracts: a few queries instead of 1,800)."""
        by_key = {digest(text): text for text in texts}
        keys = list(by_key)
        found: dict[str, str] = {}
        for start in range(0, len(keys), 500):  # well under SQLite's bound on parameters
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT key, html FROM markup WHERE kind = ? AND key IN ({marks})"
            for key, html in self.query(sql, (kind, *chunk)):
                found[by_key[key]] = str(html)
        return found


def _novelty_state(query: Callable[[str, tuple[Any, ...]], list[Any]]) -> bytes | None:
    rows = query("SELECT data FROM blobs WHERE k = ?", ("novelty",))
    return bytes(rows[0][0]) if rows and isinstance(rows[0][0], bytes) else None


def _state_stats(query: Callable[[str, tuple[Any, ...]], list[Any]], out: Path) -> bytes | None:
    rows = query("SELECT data FROM state_stats WHERE out = ?", (str(out),))
    return bytes(rows[0][0]) if rows and isinstance(rows[0][0], bytes) else None


def _read_apart(
    path: Path, read: Callable[[Callable[..., list[Any]]], bytes | None]
) -> bytes | None:
    """``read(query)`` through a read-only connection of its own (a forked child); None
    if the database cannot be read."""
    try:
        db = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return None
    try:
        return read(lambda sql, args: db.execute(sql, args).fetchall())
    except UNUSABLE:
        return None
    finally:
        db.close()


def read_novelty_state(path: Path) -> bytes | None:
    """:meth:`BuildCache.novelty_state` through a connection of its own (a forked child)."""
    return _read_apart(path, _novelty_state)


def read_state_stats(path: Path, out: Path) -> bytes | None:
    """:meth:`BuildCache.state_stats` through a connection of its own (the forked child
    that checks the output files)."""
    return _read_apart(path, lambda query: _state_stats(query, out))


def write_novelty_state(path: Path, state: bytes) -> None:
    """:meth:`BuildCache.save_novelty_state` through a connection of its own (a forked child).

    The child that computed the state stores it: the main process, whose memory every
    render worker starts with, never holds its ~10 MB (at 10,000 papers).
    """
    try:
        db = sqlite3.connect(path, timeout=10, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        if _begin_as_owner(db):
            db.execute("INSERT OR REPLACE INTO blobs VALUES ('novelty', ?)", (state,))
            db.execute("COMMIT")
    except UNUSABLE:
        pass  # a cache that cannot be written costs the next build time only
    finally:
        db.close()


def markup_reader(path: Path) -> MarkupLookup | None:
    """A read-only lookup of saved renderings through a connection of its own (workers)."""
    try:
        db = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return None

    def query(sql: str, args: tuple[Any, ...]) -> list[Any]:
        try:
            return db.execute(sql, args).fetchall()
        except UNUSABLE:
            return []

    return MarkupLookup(query)


_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def field_names(cls: type[Any]) -> tuple[str, ...]:
    """A dataclass's field names, in order (looked up once per class)."""
    names = _FIELDS.get(cls)
    if names is None:
        import dataclasses

        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


_SCALARS = (str, int, float, bool, type(None))


def encode_record(record: Any) -> bytes:
    """A parsed record (frozen dataclass of plain values) as bytes.

    ``(shape, values, nested)``: the shape names the class and its fields in order
    (``Paper|slug,source,…``), the values follow in that order. Field names are not
    repeated in every record: decoding 10,000 records makes half the objects. ``nested``
    are the places of the values that hold a model object (a paper's date) or tuples, the
    only ones decoding looks into: not each of ~28 fields of 10,000 records a rebuild.
    """
    cls = type(record)
    values: list[Any] = []
    nested: list[int] = []
    for index, name in enumerate(field_names(cls)):
        value = getattr(record, name)
        if type(value) in _SCALARS:  # most fields: no need to look further
            values.append(value)
            continue
        value = _plain(value)
        values.append(value)
        if _made_again(value):
            nested.append(index)
    return marshal.dumps((_shape(cls), tuple(values), tuple(nested)))


def _shape(cls: type[Any]) -> str:
    """``Paper|slug,source,…``: a class and its fields, as an encoded record names them."""
    return f"{cls.__name__}|{','.join(field_names(cls))}"


def _plain(value: Any) -> Any:
    if type(value) in _SCALARS:  # most fields: no need to look further
        return value
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            "\0" + type(value).__name__,
            *(getattr(value, name) for name in field_names(type(value))),
        )
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


def decode_record(data: bytes, classes: Mapping[str, type[Any]]) -> Any:
    """The record back from :func:`encode_record`, or None when it cannot be."""
    try:
        shape, values, nested = marshal.loads(data)
        cls = _SHAPES.get(shape)
        if cls is None or classes.get(cls.__name__) is not cls:
            cls = classes[shape.partition("|")[0]]
            if shape != _shape(cls):
                return None  # not what this code writes (a field renamed, added…): a miss
            _SHAPES[shape] = cls
        names = field_names(cls)
        if type(values) is not tuple or len(values) != len(names):
            return None
        # Filled in directly, as unpickling does: a frozen dataclass's __init__ sets each
        # field through object.__setattr__, and a rebuild decodes 10,000 records. A dict
        # of its own, made whole: the one a new object has is laid out for its class's
        # shared keys, and filled with a paper's 30 fields it grew to 1,584 bytes, where
        # this one takes 832 (7.5 MB less at 10,000 papers, for the same CPU; lazy helper).
        record = object.__new__(cls)
        fields = dict(zip(names, values, strict=True))
        object.__setattr__(record, "__dict__", fields)
        for index in nested:  # the values that hold a dataclass (see encode_record)
            fields[names[index]] = _unplain(values[index], classes)
        return record
    except (EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None  # (a shape that is no text: AttributeError)


_SHAPES: dict[str, type[Any]] = {}  # shapes this code writes, and their classes


def _made_again(value: Any) -> bool:
    """Whether :func:`_unplain` makes ``value`` (as :func:`_plain` made it) anew: a
    dataclass, or a tuple of tuples, which may hold one."""
    if type(value) is not tuple:
        return False
    if value and type(value[0]) is str and value[0].startswith("\0"):
        return True
    return any(type(item) is tuple for item in value)


def _unplain(value: Any, classes: Mapping[str, type[Any]]) -> Any:
    if type(value) is not tuple:
        return value
    if value and type(value[0]) is str and value[0].startswith("\0"):
        return classes[value[0][1:]](*value[1:])
    for item in value:
        if type(item) is tuple:
            return tuple(_unplain(v, classes) for v in value)
    return value  # plain values only (a list of names): the very tuple marshal made


def now_ns() -> int:
    """The wall clock, for the racy-file rule."""
    return time.time_ns()
