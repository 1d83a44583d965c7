"""The only code that touches the output folder: contained, unique, atomic writes.

A build is written into a fresh folder beside the output folder and then
swapped in with one atomic rename (Linux ``renameat2(RENAME_EXCHANGE)`` when
available), so a reader, or a build killed at any moment, sees the complete
old site or the complete new one.

Where the system cannot exchange two folders, the old site is renamed aside
and the new one renamed in: two renames with a gap of microseconds in which
``output/`` is missing. The next build finds the old site aside and puts it
back before doing anything else, so nothing is lost even then. Builds into one
folder take a lock on its parent, so that two builds (``serve`` and ``build``)
never sweep each other's staging folders.

Incremental builds (:func:`update_site`) keep the same promise: a large change is
staged with hard links to the unchanged files and swapped the same way; a small
one is committed by a journal and moved in, and finished by the next run if a
kill cuts it short.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath

from generator import deltree
from generator.cache import CACHE_DIRNAME, OPEN_FOLDER
from generator.deltree import remove_tree
from generator.discover import TooDeep, resolved, tree
from generator.errors import ContentError, Problem, UsageError, visible

# `shutil` (with bz2 and lzma) is imported where a file is copied: a build with nothing to
# do imports this module and copies nothing.

MARKER = ".authorsite-output"  # proves authorsite made the folder and may replace it
KEEP = ("CNAME", ".git", ".well-known")  # put there on purpose by users; carried over
STAGING = "authorsite-staging"  # .<out>.authorsite-staging-<hex>: a build being written
ASIDE = "authorsite-old"  # .<out>.authorsite-old-<hex>: the old site during the fallback swap
PENDING = "authorsite-pending"  # .<out>.authorsite-pending-<hex>: an incremental change
TRASH = "authorsite-trash"  # .<out>.authorsite-trash-<hex>: a replaced site being deleted
JOURNAL = "journal.json"  # in a pending folder: present once the change is committed
# Folders of the site that a build may never replace or write into.
_SOURCES = {"content": "the content", "themes": "the themes", "templates": "the templates",
            "static": "the static"}  # fmt: skip


class UnsafeOutput(ContentError, ValueError):
    """An output path that would leave the output folder or that two pages claim."""

    def __init__(self, rel: str, message: str) -> None:
        super().__init__([Problem(f"output/{rel}", 0, message)])


class WriteResult:
    """How many files the build wrote anew and how many it found unchanged.

    (A plain class: a build with nothing to do imports this module, and needs no
    `dataclasses`.)
    """

    __slots__ = ("unchanged", "written")

    def __init__(self, written: int, unchanged: int) -> None:
        self.written = written
        self.unchanged = unchanged


def safe_relpath(rel: str) -> PurePosixPath:
    """``rel`` as a path that cannot leave the output folder, or ValueError."""
    check_relpath(rel)
    return PurePosixPath(rel)


def check_relpath(rel: str) -> None:
    """ValueError unless ``rel`` is a plain relative path (``a/b.html``) inside the folder.

    Every part must be a name: no empty part, ``.`` or ``..``, so the string is its own
    normal form (two spellings never name one file). Checked as a string, since a cold
    build checks 21,500 paths (a PurePosixPath each cost twice as much).
    """
    if not rel or "\\" in rel or "\x00" in rel or rel.startswith("/"):
        raise ValueError(f"unsafe output path {rel!r}")
    from generator.validate import RESERVED_NAMES  # here: a no-change build never needs it

    for part in rel.split("/"):
        if part in ("", ".", "..") or len(part.encode()) > 255:
            raise ValueError(f"unsafe output path {rel!r}")
        if part.split(".")[0].lower() in RESERVED_NAMES:
            raise ValueError(f"reserved name in output path {rel!r}")


def check_out_dir(out: Path, site: Path, *, force: bool = False, private: bool = False) -> None:
    """Refuse output folders whose replacement would destroy something else.

    ``private``: ``serve``'s own preview folder, which it keeps in the build cache.
    """
    ups = [i for i, part in enumerate(out.parts) if part == ".."]
    if ups and not Path(*out.parts[: ups[-1]]).is_dir():
        # The system goes up from a folder only when it exists: `output/new/..` cannot be
        # written, while its resolved form (output/) could; said before anything is written.
        raise UsageError(
            f"--out {out}: {Path(*out.parts[: ups[-1]])} is not a folder, so `..` after it "
            "leads nowhere; name the output folder without `..`"
        )
    target = resolved(out)
    if target is None:
        # `notes.txt/site`: a file on the way is no folder, and no link in a loop either
        on_way = (p for p in reversed(out.absolute().parents) if p.exists() and not p.is_dir())
        if (file := next(on_way, None)) is not None:
            raise UsageError(
                f"--out {out}: {file} is a file, not a folder, so nothing can be built "
                "inside it; choose another folder, such as output/"
            )
        raise UsageError(
            f"--out {out}: leads through a symbolic link in a loop (one that leads back to "
            "itself); remove it or choose another folder"
        )
    site_root = site.resolve()
    home = Path.home().resolve()

    def refuse(what: str) -> UsageError:
        return UsageError(f"--out {out}: refusing to build into {what}; choose e.g. output/")

    if target == Path(target.anchor):
        raise refuse("the file system root")
    if target == home:
        raise refuse("your home folder")
    if home.is_relative_to(target):
        raise refuse("a folder that contains your home folder")
    if target == site_root:
        raise refuse("the site folder itself")
    if site_root.is_relative_to(target):
        raise UsageError(f"--out {out}: refusing to build into a folder that contains the site")
    for name, what in _SOURCES.items():
        if target.is_relative_to(site_root / name):
            raise refuse(f"{what} folder ({name}/) or a folder inside it")
    # A site built there would go with the cache (SPEC: deleting it is always safe).
    if not private and target.is_relative_to(site_root / CACHE_DIRNAME):
        raise refuse(f"the build cache folder ({CACHE_DIRNAME}/) or a folder inside it")
    if ".git" in target.parts:
        raise refuse("a git repository's own folder (.git)")
    if target.exists() and not target.is_dir():
        raise UsageError(f"--out {out}: exists and is not a folder")
    if target.is_dir() and not force and not (target / MARKER).exists():
        others = [p.name for p in target.iterdir() if p.name not in KEEP]
        if others:
            raise UsageError(
                f"--out {out}: the folder is not empty and authorsite did not create it; "
                "choose an empty folder, or pass --force to replace its contents"
            )


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux only); False where the system cannot."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result: int = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _unchanged(old: str, data: bytes) -> bool:
    """Whether the previous build's file already holds exactly these bytes."""
    try:
        if os.stat(old).st_size != len(data):
            return False
        with open(old, "rb") as file:
            return file.read() == data
    except OSError:
        return False


def static_sources(sources: Sequence[Path], links: list[Path] | None = None) -> dict[str, Path]:
    """Output path (``static/...``) -> source file; later folders override earlier ones.

    Symbolic links inside the folders are skipped (one to ~/.ssh/id_rsa would publish the
    key); they are added to ``links``, if given, so that the build can say so.
    """
    found: dict[str, Path] = {}
    unnamed: list[Problem] = []
    for source in sources:
        if source.is_symlink():  # static -> ~/.ssh would publish the files it points to
            raise ContentError(
                [Problem(source.as_posix(), 0, "is a symbolic link; copy the files in instead")]
            )
        if not source.is_dir():
            continue
        try:
            paths = sorted(tree(source))
        except TooDeep as exc:
            raise ContentError([exc.problem(source, source.as_posix())]) from None
        for path in paths:
            if path.name.startswith("."):
                continue
            if path.is_symlink():
                if links is not None:
                    links.append(path)
                continue
            if not path.is_file():  # a folder; a pipe or a device would hang the copy
                continue
            rel = path.relative_to(source).as_posix()
            problem = _unpublishable(rel)
            if problem is not None:
                unnamed.append(Problem(path.as_posix(), 0, problem))
            found["static/" + rel] = path
    if unnamed:  # said before anything is written, not as the writer's ValueError
        raise ContentError(unnamed)
    return found


def name_twins(sources: Iterable[str]) -> list[str]:
    """A warning for each static file whose name differs from another's only in case or in
    how its accents are encoded (NFC or NFD): one file on macOS and Windows, where a clone
    of the site, or its output folder, keeps only one of the two."""
    import unicodedata

    seen: dict[str, str] = {}
    said: list[str] = []
    for rel in sorted(sources):
        other = seen.setdefault(unicodedata.normalize("NFC", rel).casefold(), rel)
        if other != rel:
            how = (
                "in case"
                if unicodedata.normalize("NFC", rel) != unicodedata.normalize("NFC", other)
                else "in how its accents are encoded (NFC or NFD)"
            )
            said.append(
                f"{visible(rel)}: differs from {visible(other)} only {how}; macOS and "
                "Windows keep one of the two: rename one"
            )
    return said


def misplaced_cname(sources: Mapping[str, Path], shown: Callable[[Path], str]) -> list[str]:
    """A warning for a ``CNAME`` in static/, where Hugo's and Jekyll's sites keep theirs:
    it is published as ``static/CNAME``, where GitHub Pages looks for no domain, and the
    build said nothing."""
    return [
        f"{shown(source)}: is published as output/{visible(rel)}, where GitHub Pages reads "
        "no custom domain; a site deployed by the workflow needs no CNAME (set the domain "
        "in Settings > Pages > Custom domain), and one published from a branch by hand "
        "keeps its CNAME in output/ itself, which builds leave there: delete this one"
        for rel, source in sorted(sources.items())
        if rel.casefold() == "static/cname"
    ]


def _unpublishable(rel: str) -> str | None:
    """Why a static file named ``rel`` cannot be published under its name, or None.

    What check_relpath refuses in an output path, said as the fix: a name the file
    system holds may still be no web address (not UTF-8, or a backslash in it).
    """
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return "the name is not valid UTF-8, so no web address can name it; rename it"
    if "\\" in rel:
        return "the name holds a backslash, which browsers read as `/`; rename it"
    from generator.validate import RESERVED_NAMES

    for part in rel.split("/"):
        if part.split(".")[0].lower() in RESERVED_NAMES:
            return f"the name {part!r} is reserved on Windows; rename it"
    return None


def _copy_static(sources: Sequence[Path], staging: Path) -> int:
    """Copy static folders (theme first, site overrides last) into ``static/``."""
    copied = 0
    for rel, path in static_sources(sources).items():
        dest = staging / safe_relpath(rel)
        dest.parent.mkdir(parents=True, exist_ok=True)
        import shutil

        shutil.copyfile(path, dest)
        copied += 1
    return copied


def _sibling(out: Path, kind: str) -> Path:
    """A new, empty folder beside ``out`` (mode from the umask, like any folder the user makes)."""
    path = out.parent / f".{out.name}.{kind}-{os.urandom(6).hex()}"
    path.mkdir()
    return path


def _leftovers(out: Path, kind: str) -> list[Path]:
    """Folders of ``kind`` that a killed build left beside ``out``."""
    prefix = f".{out.name}.{kind}-"
    return sorted(p for p in out.parent.iterdir() if p.name.startswith(prefix) and p.is_dir())


# The folders whose lock this thread holds (by device and inode), so that the writer's
# lock inside a build that already holds it (see :func:`build_lock`) does not wait for itself.
_held = threading.local()


@contextlib.contextmanager
def _locked(folder: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (where the system has flock); ``waiting`` is
    called first when another process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no second build to guard against here
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    info = os.fstat(fd)
    key = (info.st_dev, info.st_ino)
    held: set[tuple[int, int]] = _held.__dict__.setdefault("folders", set())
    if key in held:
        os.close(fd)
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        held.add(key)
        yield
    finally:
        held.discard(key)
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def build_lock(out: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """The lock the writer takes, held by a whole build: from reading what the last build
    left to saving what this one made. Two builds into one folder then take turns
    entirely; otherwise the later one could find the site unchanged, or plan its writes
    against, a state the earlier one is about to replace (a site neither build's).
    ``waiting`` is called when this build has to wait for another.
    """
    folder = out.resolve().parent
    while not folder.is_dir() and folder != folder.parent:  # --out new/folder: made later
        folder = folder.parent
    with _locked(folder, waiting):
        yield


def killed_build_left(out: Path) -> bool:
    """Whether a killed build left folders beside ``out`` that the next build that writes
    repairs (see :func:`_recover`): a build with nothing else to do must write then."""
    prefixes = tuple(f".{out.name}.{kind}-" for kind in (PENDING, ASIDE, STAGING))
    try:
        return any(name.startswith(prefixes) for name in os.listdir(out.parent))
    except OSError:
        return False


def _recover(out: Path) -> None:
    """Repair what a killed build left: put the old site back, rescue kept entries, sweep."""
    for pending in _leftovers(out, PENDING):
        if (pending / JOURNAL).exists() and out.is_dir():
            _roll_forward(out, pending)  # committed: finish it, so the new site is complete
        remove_tree(pending)
    aside = _leftovers(out, ASIDE)
    if aside and not out.exists():  # killed between the fallback's two renames
        os.replace(aside.pop(), out)
    for stale in aside + _leftovers(out, STAGING):
        if out.is_dir():
            for name in KEEP:
                if (stale / name).exists() and not (out / name).exists():
                    os.replace(stale / name, out / name)
        remove_tree(stale)
    for trash in _leftovers(out, TRASH):
        if not _being_deleted(trash):  # its deleter was stopped: start another
            _discard(out, trash)


def stage_file(staging: Path, out: Path, rel: str, data: bytes, made: set[str]) -> bool:
    """Write one file of a new site into ``staging``; whether ``out`` holds it already.

    ``rel`` was claimed (:meth:`Stager.claim` checked it). ``made`` holds the folders
    created so far (one mkdir each, not one per file). Forked render workers call this
    too, so a big build writes on every core; plain strings, as it runs 21,500 times.
    """
    folder = rel.rpartition("/")[0]
    if folder not in made:
        os.makedirs(f"{staging}/{folder}", exist_ok=True)
        made.add(folder)
    with open(f"{staging}/{rel}", "wb") as file:
        file.write(data)
    return _unchanged(f"{out}/{rel}", data)


class Stager:
    """A new site being written into a staging folder beside the output folder."""

    def __init__(self, out: Path, staging: Path) -> None:
        self.out = out
        self.path = staging
        self.written = 0
        self.unchanged = 0
        self._claimed: set[str] = set()
        self._made: set[str] = set()

    def claim(self, rel: str) -> None:
        """Reserve ``rel`` for one file; refuse paths that leave the folder or are taken."""
        try:
            check_relpath(rel)
        except ValueError as exc:
            raise UnsafeOutput(rel, str(exc)) from None
        if rel in self._claimed:  # a checked path is its own normal form
            raise UnsafeOutput(rel, f"two pages claim {rel}")
        self._claimed.add(rel)

    def count(self, unchanged: bool) -> None:
        """Count a file written (by whichever process wrote it)."""
        if unchanged:
            self.unchanged += 1
        else:
            self.written += 1

    def add(self, rel: str, data: bytes) -> None:
        """Claim ``rel`` and write ``data`` there."""
        self.claim(rel)
        self.count(stage_file(self.path, self.out, rel, data, self._made))

    def finish(self, static: Sequence[Path]) -> None:
        """Add the static files, the marker and the kept files: the folder is complete."""
        self.written += _copy_static(static, self.path)
        (self.path / MARKER).write_text(
            "This folder is built by authorsite; it is replaced on every build.\n"
        )
        for name in KEEP:  # small files are copied now; folders are moved after the swap
            if (self.out / name).is_file():
                import shutil

                shutil.copy2(self.out / name, self.path / name)

    @property
    def result(self) -> WriteResult:
        """The counts so far."""
        return WriteResult(self.written, self.unchanged)


def _swap(out: Path, staging: Path) -> Path:
    """Make ``staging`` the new ``out``; return where the old site now is (to delete)."""
    if not out.exists():
        os.replace(staging, out)
        return staging
    if _exchange(staging, out):
        old = staging
    else:
        old = out.parent / f".{out.name}.{ASIDE}-{os.urandom(6).hex()}"
        os.replace(out, old)
        os.replace(staging, out)
    for name in KEEP:
        if (old / name).is_dir():
            os.replace(old / name, out / name)
    return old


@contextlib.contextmanager
def staged_site(out: Path, static: Sequence[Path]) -> Iterator[Stager]:
    """A staging folder for a whole new site, swapped in for ``out`` when the block ends.

    If the block raises, the staging folder is deleted and ``out`` is left as it was.
    """
    out = out.resolve()  # a symlinked output folder is written where it points
    out.parent.mkdir(parents=True, exist_ok=True)
    replaced = None
    with _locked(out.parent):
        _recover(out)
        stager = Stager(out, _sibling(out, STAGING))
        leftover: Path | None = stager.path
        try:
            yield stager
            stager.finish(static)
            leftover = _swap(out, stager.path)
            if not leftover.exists():  # there was no old site: the staging folder became it
                leftover = None
            elif stager.written + stager.unchanged >= DISCARD_BESIDE_MIN:
                replaced, leftover = leftover, None
        finally:
            if leftover is not None:
                remove_tree(leftover)
    if replaced is not None:
        _discard(out, replaced)


# From this many files, a replaced site is deleted by a detached process: at 21,500 files
# deleting takes 3-10 s on some disks, after the new site is already in place.
DISCARD_BESIDE_MIN = 4000


def _discard(out: Path, path: Path) -> None:
    """Delete ``path`` (a replaced site beside ``out``, no longer needed) without waiting.

    It is renamed to a trash folder, which a detached process (a fresh interpreter, not a
    copy of this one's memory) deletes while holding a lock on it, with no descriptor of
    ours open (a pipe reading our output sees its end when we exit). A build meanwhile leaves a locked trash folder alone (see
    :func:`_recover`), and deletes one whose deleter was stopped. Where forking is not
    safe (threads running, as in ``serve``) the folder is deleted here.
    """
    import threading

    if TRASH not in path.name:
        trash = out.parent / f".{out.name}.{TRASH}-{os.urandom(6).hex()}"
        try:
            os.replace(path, trash)
            path = trash
        except OSError:
            pass
    if not hasattr(os, "fork") or threading.active_count() > 1:
        remove_tree(path)
        return
    try:
        pid = os.fork()
    except OSError:
        remove_tree(path)
        return
    if pid:
        os.waitpid(pid, 0)  # the child only forks again and exits
        return
    try:  # the child
        os.setsid()
        if os.fork() == 0:  # the grandchild, adopted by init: never a zombie of ours
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.closerange(3, 65536)
            if sys.executable:  # a fresh interpreter: not a copy of this build's memory
                argv = [sys.executable, "-I", "-S", "-c", _DELETER, str(path), deltree.__file__]
                os.execv(sys.executable, argv)
            remove_tree(path)
    finally:
        os._exit(0)


# What the detached process runs: lock the folder (another deleter holds it: let it be),
# then delete it with deltree.py, loaded from its file (the interpreter is isolated: -I -S).
_DELETER = (
    "import fcntl, importlib.util, os, sys\n"
    "fcntl.flock(os.open(sys.argv[1], os.O_RDONLY), fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
    "spec = importlib.util.spec_from_file_location('deltree', sys.argv[2])\n"
    "module = importlib.util.module_from_spec(spec)\n"
    "spec.loader.exec_module(module)\n"
    "module.remove_tree(sys.argv[1])\n"
)


def _being_deleted(trash: Path) -> bool:
    """Whether a deleter (see :func:`_discard`) holds ``trash``'s lock right now."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: deleted in the foreground there
        return False
    try:
        fd = os.open(trash, os.O_RDONLY)
    except OSError:
        return True  # gone meanwhile: nothing to do
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def write_site(
    out: Path, files: Iterable[tuple[str, bytes]], static: Sequence[Path]
) -> WriteResult:
    """Write ``files`` and the static folders as the new content of ``out``, atomically."""
    with staged_site(out, static) as stager:
        for rel, data in files:
            stager.add(rel, data)
    return stager.result


def apply_changes(
    out: Path, changes: Sequence[tuple[str, bytes | Path]], removed: Sequence[str]
) -> int:
    """Change some files of a site this tool built, all or nothing; return how many changed.

    For incremental builds, where rewriting every page to swap folders would cost more
    than the change itself. The new files are written into a pending folder beside
    ``out`` first: killed then, ``out`` is untouched and the next build deletes the folder.
    Then a journal of the moves is written; renaming it into place commits the
    change. The files are then moved in (one rename each, on one file system). Killed
    after the commit, the next build (or change) finishes the moves before anything else.
    """
    import json

    out = out.resolve()
    with _locked(out.parent):
        _recover(out)
        if not changes and not removed:
            return 0
        if not (out / MARKER).is_file():
            raise UsageError(f"{out}: not a site built by authorsite; build it in full first")
        pending = _sibling(out, PENDING)
        committed = False
        try:
            moves: list[tuple[str, str]] = []
            for number, (rel, data) in enumerate(changes):
                try:
                    safe_relpath(rel)
                except ValueError as exc:
                    raise UnsafeOutput(rel, str(exc)) from None
                if isinstance(data, bytes):
                    (pending / str(number)).write_bytes(data)
                else:  # a static file, copied as it is
                    import shutil

                    shutil.copyfile(data, pending / str(number))
                moves.append((str(number), rel))
            for rel in removed:
                try:
                    safe_relpath(rel)
                except ValueError as exc:
                    raise UnsafeOutput(rel, str(exc)) from None
            journal = pending / (JOURNAL + ".tmp")
            # Not fsynced: the promise is about a killed process (the page cache outlives
            # it), as for full builds; syncing would cost more than a small change.
            with open(journal, "w", encoding="utf-8") as file:
                json.dump({"moves": moves, "removed": list(removed)}, file)
            os.replace(journal, pending / JOURNAL)  # the commit point
            committed = True
            _roll_forward(out, pending)
            committed = False  # done: nothing left to finish
        finally:
            if not committed:  # a committed change cut short is finished by the next run
                remove_tree(pending)
    return len(changes) + len(removed)


def _roll_forward(out: Path, pending: Path) -> None:
    """Carry out a committed change; safe to repeat after a kill part-way through."""
    import json

    journal = json.loads((pending / JOURNAL).read_text(encoding="utf-8"))
    for name, rel in journal["moves"]:
        source = pending / name
        if source.exists():  # not yet moved
            dest = out / safe_relpath(rel)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, dest)
    _remove(out, journal["removed"])


# Up to this many files an incremental change is committed by a journal (a window of at
# most this many renames in which a kill leaves a mix, finished by the next run); larger
# changes are staged in full, unchanged files hard-linked, and swapped in atomically.
SMALL_CHANGE = 64


def update_site(
    out: Path, changes: Sequence[tuple[str, bytes | Path]], removed: Sequence[str]
) -> None:
    """Change a folder this build wrote before: only ``changes`` and ``removed``.

    For a rebuild that changes a few files of thousands (one edited record), rewriting
    the whole site would cost seconds. A small change is moved in after a journal
    (:func:`apply_changes`); a large one is staged beside ``out`` with every unchanged
    file hard-linked from it, and swapped in like a full build. The caller renders every
    change before calling this, so a failing build never gets here.
    """
    if len(changes) + len(removed) <= SMALL_CHANGE:
        apply_changes(out, changes, removed)
        return
    out = out.resolve()
    replaced = None
    with _locked(out.parent):
        _recover(out)
        staging = _sibling(out, STAGING)
        leftover: Path | None = staging
        try:
            linked = _link_tree(out, staging)
            for rel, data in changes:
                try:
                    dest = staging / safe_relpath(rel)
                except ValueError as exc:
                    raise UnsafeOutput(rel, str(exc)) from None
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.unlink(missing_ok=True)  # a hard link: writing into it would change out/
                if isinstance(data, bytes):
                    dest.write_bytes(data)
                else:
                    import shutil

                    shutil.copyfile(data, dest)
            _remove(staging, removed)
            leftover = _swap(out, staging)
            if linked >= DISCARD_BESIDE_MIN:
                replaced, leftover = leftover, None
        finally:
            if leftover is not None:
                remove_tree(leftover)
    if replaced is not None:
        _discard(out, replaced)


def _link_tree(out: Path, staging: Path) -> int:
    """Fill ``staging`` with hard links to every file of ``out`` (copies where links fail).

    Returns how many files it linked.
    """
    base = str(out)
    count = 0
    for root, folders, files in os.walk(base):
        if root == base:  # users' folders are moved over by the swap, never linked
            folders[:] = [f for f in folders if f not in KEEP]
        target = str(staging) + root[len(base) :]
        os.makedirs(target, exist_ok=True)
        count += len(files)
        for name in files:
            try:
                os.link(os.path.join(root, name), os.path.join(target, name))
            except OSError:  # a file system without hard links
                import shutil

                shutil.copy2(os.path.join(root, name), os.path.join(target, name))
    return count


def _remove(folder: Path, removed: Iterable[str]) -> None:
    """Delete ``removed`` (paths inside ``folder``) and the folders they leave empty."""
    for rel in removed:
        try:
            dest = folder / safe_relpath(rel)
        except ValueError as exc:
            raise UnsafeOutput(rel, str(exc)) from None
        if dest.is_dir() and not dest.is_symlink():
            remove_tree(dest, ignore_errors=False)
        else:
            dest.unlink(missing_ok=True)
        parent = dest.parent
        while parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def snapshot(out: Path, rels: Iterable[str]) -> tuple[dict[str, list[int]], dict[str, int]]:
    """``(size, mtime_ns)`` of each file and ``mtime_ns`` of each folder holding one.

    A later build compares these to notice anything changed in the folder since: an
    edited file has another size or time, an added or removed one changes its folder's
    time. (Plain string paths: this runs over every output file on every build.)
    """
    base = str(out.absolute()) + os.sep
    files: dict[str, list[int]] = {}
    folders: dict[str, int] = {}
    for rel in rels:
        try:
            st = os.stat(base + rel)
        except OSError:
            continue
        files[rel] = [st.st_size, st.st_mtime_ns]
        folder = rel.rpartition("/")[0]
        while folder not in folders:
            try:
                folders[folder] = os.stat(base + folder).st_mtime_ns
            except OSError:
                break
            if not folder:
                break
            folder = folder.rpartition("/")[0]
    return files, folders


def drift(
    out: Path, files: dict[str, list[int]], folders: dict[str, int]
) -> tuple[set[str], list[str]]:
    """Files changed since :func:`snapshot`, and entries added since (to be removed)."""
    return changed_files(out, files), added_entries(out, files, folders)


# Output files are statted relative to the open output folder where the system can: it
# then walks each path from there, not from the root through every folder above it (at
# 10,000 papers, a no-change rebuild stats 32,000 paths in output/: ~9 % less CPU, by
# turns).
_STAT_AT = os.stat in os.supports_dir_fd


@contextlib.contextmanager
def _stat_base(out: Path) -> Iterator[tuple[str, int | None]]:
    """``(prefix, dir_fd)`` to stat ``out``'s files with ``os.stat(prefix + rel,
    dir_fd=dir_fd)``: ``out`` open (prefix "") or, where it cannot be, its full path."""
    fd = None
    if _STAT_AT:
        with contextlib.suppress(OSError):  # gone: every stat by path fails as it did
            fd = os.open(out, OPEN_FOLDER)
    try:
        yield ("", fd) if fd is not None else (str(out.absolute()) + os.sep, None)
    finally:
        if fd is not None:
            os.close(fd)


def changed_files(
    out: Path, files: dict[str, list[int]] | tuple[Sequence[str], Sequence[int]]
) -> set[str]:
    """The files of :func:`snapshot` whose size or time is not what it recorded, or gone.

    ``files`` may also be their names and, in one list, each one's size and time (as a
    state keeps them: ``state.pack_stats``).
    """
    changed: set[str] = set()
    stat = os.stat
    if isinstance(files, dict):
        rows: Iterable[tuple[str, int, int]] = (
            (rel, size, mtime) for rel, (size, mtime) in files.items()
        )
    else:
        numbers = iter(files[1])
        rows = zip(files[0], numbers, numbers, strict=True)
    with _stat_base(out) as (base, fd):
        for rel, size, mtime in rows:
            try:
                st = stat(base + rel, dir_fd=fd)
            except OSError:
                changed.add(rel)
                continue
            if st.st_size != size or st.st_mtime_ns != mtime:
                changed.add(rel)
    return changed


def added_entries(
    out: Path,
    files: dict[str, list[int]] | Callable[[], dict[str, list[int]]],
    folders: dict[str, int] | tuple[Sequence[str], Sequence[int]],
) -> list[str]:
    """Entries in the folders of :func:`snapshot` that it did not record (an added file
    changes its folder's time, so only folders whose time changed are listed).

    ``files`` may be a function that gives them: called only if a folder changed.
    ``folders`` may also be their names and, in one list, their times (as a state keeps
    them: ``state.folder_times``).
    """
    names, times = (list(folders), list(folders.values())) if isinstance(folders, dict) else folders
    changed = changed_folders(out, names, times, 0, len(names))
    return strays_in(out, changed, lambda: {*(files() if callable(files) else files), *names})


def changed_folders(
    out: Path, names: Sequence[str], times: Sequence[int], start: int, stop: int
) -> list[str]:
    """Of the folders of :func:`snapshot` (their names and times), from ``start`` to
    ``stop``, those whose time is not what it recorded (gone: not listed)."""
    stat = os.stat
    changed = []
    with _stat_base(out) as (base, fd):
        for folder, mtime in zip(names[start:stop], times[start:stop], strict=True):
            try:
                # "" is the folder itself: "." from it
                if stat(base + folder or ".", dir_fd=fd).st_mtime_ns != mtime:
                    changed.append(folder)
            except OSError:
                continue
    return changed


def strays_in(out: Path, changed: Iterable[str], expected: Callable[[], set[str]]) -> list[str]:
    """The entries of the ``changed`` folders of ``out`` that are not ``expected`` (every
    file and folder a build wrote; asked for only if a folder changed)."""
    full = str(out.absolute()) + os.sep
    strays: list[str] = []
    known: set[str] | None = None
    for folder in dict.fromkeys(changed):  # each once (checked twice where shared)
        try:
            names = os.listdir(full + folder)
        except OSError:
            continue
        if known is None:
            known = expected() | {MARKER, *KEEP}
        for name in names:
            rel = f"{folder}/{name}" if folder else name
            if rel not in known and not name.endswith("-tmp"):
                strays.append(rel)
    return sorted(strays)


def remove_strays(out: Path, strays: Iterable[str]) -> None:
    """Delete files and folders that a build did not write (found by :func:`drift`)."""
    for rel in strays:
        path = out.absolute() / safe_relpath(rel)
        if path.is_dir() and not path.is_symlink():
            remove_tree(path, ignore_errors=False)
        else:
            path.unlink(missing_ok=True)
