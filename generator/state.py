"""What changed since the last build: the inputs, and the output folder the build left.

A build saves, with its output folder, a *state* in the cache: a signature of every
input's name, size and time (and the build's options), the size and time of every file it
wrote, and the fingerprint and hash of every page. The next build scans the inputs and
compares: the same signature and an output folder nobody touched is a build with nothing
to do (~0.1 s at 10,000 papers); otherwise the state says what to render and write again.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import stat
from collections.abc import Collection
from operator import itemgetter
from pathlib import Path

from generator import cache as cachelib
from generator.discover import resolved
from generator.write import (
    MARKER,
    changed_files,
    changed_folders,
    drift,
    snapshot,
    strays_in,
)

# A build with nothing to do imports this module: it needs no `typing`
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from generator.reuse import Reuse
    from generator.workers import ChildJob


STATE_KEYS = {"signature", "marker", "token", "folders", "pages"}


def input_roots(site_dir: Path) -> list[Path]:
    """Everything a build may read: the site's files and the bundled themes."""
    here = Path(__file__).resolve().parent
    roots = [site_dir / "site.yaml", site_dir / "content", site_dir / "templates"]
    roots += [site_dir / "static", site_dir / "themes", here.parent / "themes", here / "themes"]
    unique: dict[Path, Path] = {}
    for root in roots:
        unique.setdefault(resolved(root) or root, root)  # a link in a loop: refused later
    return list(unique.values())


RESCAN_OVER = 50  # more changed files than this at once: scan everything (a checkout)


def scan_inputs(
    site_dir: Path, memory: Reuse | None, changed: Collection[str] | None
) -> tuple[dict[str, tuple[int, int]], bool]:
    """Size and time of every input: scanned, or the last scan with ``changed`` statted again.

    The short way (``serve``: ~0.1 s less at 10,000 papers) is taken only when every
    changed path is a file the last scan found (edited or deleted); a new file, a folder,
    anything outside the site or a burst of changes scans everything, as does a build
    without ``memory`` or ``changed``. Also says whether the folders still list the same
    files (the short way, nothing deleted).
    """
    last = None if memory is None else memory.stats
    stats: dict[str, tuple[int, int]] | None = None
    same_files = False
    if last is not None and changed is not None and len(changed) <= RESCAN_OVER:
        stats = dict(last)
        same_files = True
        base = os.path.abspath(site_dir)
        for path in changed:
            rel = os.path.relpath(os.path.abspath(path), base)
            key = os.path.normpath(os.path.join(str(site_dir), rel))
            if rel.startswith("..") or key not in last:
                stats = None
                break
            try:
                st = os.stat(key)
            except FileNotFoundError:
                del stats[key]
                same_files = False
                continue
            except OSError:
                stats = None
                break
            if not stat.S_ISREG(st.st_mode):
                stats = None
                break
            stats[key] = (st.st_size, st.st_mtime_ns)
    if stats is None:
        stats, same_files = cachelib.scan(input_roots(site_dir), site_dir), False
        if memory is not None:
            # The kept listing is the last *loaded* build's: a build that then finds nothing
            # to do does not load (content/ deleted, that build failed, put back: the
            # listing of the empty folder stayed, and the next edit's build, taking the
            # short way, found no records at all). Listed again by the next load.
            memory.sources = None
    if memory is not None:
        memory.stats = stats
    return stats, same_files


def root_links(site_dir: Path) -> str:
    """Which of the site's own input folders (and site.yaml) are symbolic links, and where
    each leads.

    A folder swapped for a link to a copy elsewhere (``mv content ~/c; ln -s ~/c content``)
    keeps every file's name, size and time, so the signature of the files alone said that
    nothing changed: the build (and ``serve``) kept the last output, while a cold build
    refuses a ``content/`` outside the site folder.
    """
    links = []
    for name in ("site.yaml", "content", "templates", "static", "themes"):
        root = site_dir / name
        if root.is_symlink():
            links.append(f"{name}->{resolved(root)}")
    return "\n".join(links)


def signature(
    stats: dict[str, tuple[int, int]], drafts: bool, base_url: str | None, links: str = ""
) -> str:
    """What a build's output is made from: its inputs' names, sizes and times, the links
    among its folders (:func:`root_links`), and options."""
    options = (
        f"links={links}",
        f"drafts={drafts}",
        f"base_url={base_url}",
        # The day config's build_date_default() takes, in UTC: the local day turns over
        # hours apart from it, and a rebuild meanwhile would keep last year's dates.
        f"today={dt.datetime.now(dt.timezone.utc).date().isoformat()}",
        f"epoch={os.environ.get('SOURCE_DATE_EPOCH', '')}",
    )
    return cachelib.signature(stats, *options)


def racy_digests(stats: dict[str, tuple[int, int]]) -> dict[str, str]:
    """The hash of what each input changed in the last moments holds, taken before the
    build reads it.

    Such a file may change again within the same clock tick, keeping its size and time,
    so its signature alone cannot say that it did not. A later build compares these hashes
    instead: the same bytes, and nothing else changed, is still a build with nothing to do
    (a build run again right after an edit's took the whole model's way: ~1.5 s at 10k).
    A hash taken before the build read the file can only be older than what it read:
    a change in between makes them differ, and the next build does the work.
    """
    since = cachelib.now_ns() - cachelib.RACY_NS
    if not stats or max(map(itemgetter(1), stats.values())) <= since:
        return {}  # the usual case, found in C (~1.5 ms less at 10k)
    # "" (never the same again): gone meanwhile, unreadable, or no regular file (a named
    # pipe would keep the build waiting for a writer), or larger than a record may be,
    # which the build refuses unread (a 3 GB file just made took 21 s to hash here)
    return {
        path: (size <= RACY_MAX_BYTES and cachelib.regular_file_digest(path)) or ""
        for path, (size, mtime) in stats.items()
        if mtime > since
    }


RACY_MAX_BYTES = 16 * 2**20
"""The largest file :func:`racy_digests` hashes: a record's bound (``parse.MAX_RECORD_BYTES``,
not imported: this module is on the path of a build with nothing to do)."""


def _same_bytes(digests: object) -> bool:
    """Whether the files of ``digests`` (a state's ``racy``) still hold those bytes."""
    if not isinstance(digests, dict):
        return False
    return all(
        isinstance(path, str) and digest and cachelib.regular_file_digest(path) == digest
        for path, digest in digests.items()
    )


def same_inputs(previous: dict[str, Any], signature: str) -> bool:
    """Whether the inputs are those of the build that left ``previous``: the same names,
    sizes and times and options, and the files changed just before it the same bytes."""
    return previous["signature"] == signature and _same_bytes(previous.get("racy", {}))


def previous_state(
    cache: cachelib.BuildCache | None, out: Path, reuse: Reuse | None = None
) -> dict[str, Any] | None:
    """The last build's state for ``out``, if that folder is still the one it wrote.

    ``reuse`` holds the state this process saved for its own private folder (``serve``):
    the same as the cache's, without reading and decoding it again (~20 ms at 10k).
    """
    if cache is None:
        return None
    kept = None
    if reuse is not None:
        kept, reuse.state = reuse.state, None  # trusted again once this build saves it
    state = kept[1] if kept is not None and kept[0] == str(out) else cache.state(out)
    if not isinstance(state, dict) or not state.keys() >= STATE_KEYS:
        return None
    if not isinstance(state["pages"], int):
        return None
    if not isinstance(state["folders"], tuple):  # kept in memory (serve): decoded once
        folders = unpack_folders(state["folders"])
        if folders is None:
            return None
        state["folders"] = folders
    if not isinstance(state["token"], str):
        return None
    try:
        marker = (out / MARKER).stat()
    except OSError:
        return None
    if [marker.st_ino, marker.st_mtime_ns] != state["marker"]:
        return None  # output/ was replaced or rebuilt by something else
    return state


DRIFT_BESIDE_MIN = 4000  # output files from which checking them in a child pays for the fork
SHARED_CHUNK = 512  # output folders taken at a time by either process (see Beside)


class Beside:
    """The output folder's check started in a forked child, while this process scans the
    inputs: the child stats the output files, then the output folders from the last one
    down, while this process, done with the inputs, stats them from the first one up.

    Each takes ``SHARED_CHUNK`` folders at a time and says in memory shared by both how far
    it has taken them; each stops where the other's taking is. Neither waits for the other
    that way, whichever has more to do (a site of more inputs or of more pages, another
    program on one of the cores). The memory only steers the work: the child tells from
    which folder on it statted them, and this process stats any left between (a child
    that failed: all of them).
    """

    __slots__ = ("folders", "job", "shared")

    def __init__(self, job: ChildJob, folders: tuple[list[str], list[int]], shared: Any) -> None:
        self.job = job
        self.folders = folders
        self.shared = shared  # mmap: this process's next folder, the child's lowest taken

    def close(self) -> None:
        """Stop the child if its result was never asked for (a build that failed)."""
        self.job.close()
        self.shared.close()


def _told(shared: Any, at: int) -> int:
    return int.from_bytes(shared[at : at + 8], "little")


def _tell(shared: Any, at: int, value: int) -> None:
    shared[at : at + 8] = value.to_bytes(8, "little")


def drift_beside(
    out: Path, previous: dict[str, Any], cache: cachelib.BuildCache | None
) -> Beside | None:
    """The check of ``out`` started in a forked child (:class:`Beside`), for large sites;
    else None.

    The child reads the output files' sizes and times from the cache itself: this
    process, which scans the inputs meanwhile, never reads them (1.8 MB at 10,000 papers).
    """
    import mmap

    from generator.workers import ChildJob

    path = None if cache is None else cache.path
    if previous["pages"] < DRIFT_BESIDE_MIN or path is None:
        return None
    folders = folder_times(previous)
    shared = mmap.mmap(-1, 16)  # anonymous: shared with the child
    _tell(shared, 8, len(folders[0]))
    kept = previous.get("stats")  # serve's state, kept in memory with them
    job = ChildJob(_check_beside, out, path, previous["token"], kept, folders, shared)
    if not job.pid:
        shared.close()
        return None
    return Beside(job, folders, shared)


def _check_beside(
    out: Path,
    path: Path,
    token: str,
    kept: bytes | dict[str, list[int]] | None,
    folders: tuple[list[str], list[int]],
    shared: Any,
) -> tuple[set[str], list[str], int] | None:
    """In the child: the output files changed (their stats read from the cache at
    ``path``, decoded here), then the folders changed from the last one down while this
    process has not taken them, and the first folder it statted; None if the files'
    stats are not the state's of ``token``."""
    if isinstance(kept, dict):
        touched = changed_files(out, kept)
    else:
        data = kept if kept is not None else cachelib.read_state_stats(path, out)
        unpacked = None if data is None else unpack_stats(data, token)
        if unpacked is None:
            return None
        touched = changed_files(out, unpacked)
    names, times = folders
    changed: list[str] = []
    stop = len(names)
    while (start := max(stop - SHARED_CHUNK, _told(shared, 0))) < stop:
        _tell(shared, 8, start)
        changed += changed_folders(out, names, times, start, stop)
        stop = start
    return touched, changed, stop


def _folders_up(out: Path, checking: Beside) -> tuple[list[str], int]:
    """In this process: the folders changed from the first one up while the child has
    not taken them, and the folder it stopped before."""
    names, times = checking.folders
    changed: list[str] = []
    start = 0
    while start < (stop := min(start + SHARED_CHUNK, _told(checking.shared, 8), len(names))):
        _tell(checking.shared, 0, stop)
        changed += changed_folders(out, names, times, start, stop)
        start = stop
    return changed, start


def pack_stats(stats: dict[str, list[int]], token: str) -> bytes:
    """The output files' sizes and times as a state keeps them (1.8 MB at 10,000 papers),
    apart from the state (``cache.state_stats``), with the ``token`` of the state they are
    of: their names as one text (no path holds a NUL) and every size and time in one list.

    The child that checks the output files decodes that in ~3 ms of CPU, where a
    marshalled mapping of 21,500 lists took ~13 ms (a loaded machine's figures).
    """
    return marshal.dumps((token, "\0".join(stats), [n for pair in stats.values() for n in pair]))


def unpack_stats(data: bytes, token: str) -> tuple[list[str], list[int]] | None:
    """:func:`pack_stats`' names and numbers; None if they are not the state's of ``token``
    (or damaged)."""
    try:
        kept, names, numbers = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if kept != token or not isinstance(names, str) or not isinstance(numbers, list):
        return None
    listed = names.split("\0") if numbers else []
    return (listed, numbers) if len(numbers) == 2 * len(listed) else None


def output_stats(
    previous: dict[str, Any], cache: cachelib.BuildCache | None, out: Path
) -> dict[str, list[int]] | None:
    """The size and time of each output file the last build left, read and decoded on
    first use; None if they are lost (the output folder cannot be checked).

    Kept apart from the state (:func:`pack_stats`): a no-change rebuild leaves them to the
    child that checks the output files, and reads them here only if a folder changed or a
    page is written.
    """
    stats = previous.get("stats")
    if isinstance(stats, dict):
        return stats
    if not isinstance(stats, bytes):
        stats = None if cache is None else cache.state_stats(out)
    unpacked = None if stats is None else unpack_stats(stats, previous["token"])
    if unpacked is None:
        return None
    names, numbers = unpacked
    pairs = iter(numbers)
    decoded = dict(zip(names, map(list, zip(pairs, pairs, strict=True)), strict=True))
    previous["stats"] = decoded
    return decoded


def pack_folders(folders: dict[str, int]) -> bytes:
    """The output folders' times as a state keeps them: their names as one text and
    their times in one list (decoded in ~2 ms at 10,000 papers, a mapping in ~4.5 ms)."""
    return marshal.dumps(("\0".join(folders), list(folders.values())))


def unpack_folders(data: object) -> tuple[list[str], list[int]] | None:
    """:func:`pack_folders`' names and times; None if damaged."""
    try:
        names, times = marshal.loads(data) if isinstance(data, bytes) else (None, None)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(names, str) or not isinstance(times, list):
        return None
    listed = names.split("\0") if times else []
    return (listed, times) if len(times) == len(listed) else None


def folder_times(previous: dict[str, Any]) -> tuple[list[str], list[int]]:
    """The names and times of the output folders the last build left (decoded by
    :func:`previous_state`; still packed in a state ``serve`` keeps from its last save)."""
    folders = previous["folders"]
    if isinstance(folders, tuple):
        return folders
    return unpack_folders(folders) or ([], [])


def output_folders(previous: dict[str, Any]) -> dict[str, int]:
    """:func:`folder_times` as a mapping."""
    return dict(zip(*folder_times(previous), strict=True))


def drifted(
    out: Path,
    previous: dict[str, Any],
    checking: Beside | None,
    cache: cachelib.BuildCache | None,
) -> tuple[set[str], list[str]] | None:
    """The output files changed since the last build (by hand), and entries it did not
    write; None if what the last build left is lost (a whole new folder is then written).

    ``checking``: the child :func:`drift_beside` started, which statted the output files
    while this process scanned the inputs, and shares the folders with it.
    """
    lost: list[Path] = []

    def expected() -> set[str]:  # asked for only if a folder changed
        stats = output_stats(previous, cache, out)
        if stats is None:
            lost.append(out)
        return {*(stats or {}), *folder_times(previous)[0]}

    if checking is None:
        names, times = folder_times(previous)
        changed = changed_folders(out, names, times, 0, len(names))
        found = None
    else:
        names, times = checking.folders
        changed, stop = _folders_up(out, checking)
        found = checking.job.result()
        checking.shared.close()
        start = found[2] if isinstance(found, tuple) else len(names)
        changed += changed_folders(out, names, times, stop, start)  # left between: few
        changed += found[1] if isinstance(found, tuple) else []
    strays = strays_in(out, changed, expected)
    if isinstance(found, tuple):
        touched = found[0]
    else:  # not checked beside (a small site), or the child failed
        stats = output_stats(previous, cache, out)
        if stats is None:
            return None
        touched = changed_files(out, stats)
    return None if lost else (touched, strays)


def nothing_to_do(
    previous: dict[str, Any], signature: str, touched: set[str], strays: list[str]
) -> bool:
    """Whether the output folder holds what a build of these inputs would write."""
    return same_inputs(previous, signature) and not touched and not strays


def old_files(cache: cachelib.BuildCache | None, out: Path) -> dict[str, list[str | None]]:
    """The last build's table of output files (path -> [fingerprint, hash]); {} if unreadable."""
    data = None if cache is None else cache.state_files(out)
    try:
        table = marshal.loads(data) if data is not None else {}
    except (EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


class Written:
    """What a build left in its output folder, as the state will say it.

    (A plain class: a build with nothing to do imports this module, and needs no
    `dataclasses`.)
    """

    __slots__ = ("files", "private", "rewritten", "warnings")

    def __init__(
        self,
        files: dict[str, list[str | None]],
        rewritten: list[str] | None,
        warnings: tuple[str, ...],
        private: bool,
    ) -> None:
        self.files = files  # every file: path -> [fingerprint, hash]
        self.rewritten = rewritten  # the files written in place (None: a whole new folder)
        self.warnings = warnings  # said again by a build with nothing to do
        self.private = private  # nobody else writes there (serve's own folder): no check


def save(
    cache: cachelib.BuildCache,
    out: Path,
    written: Written,
    signature: str,
    previous: dict[str, Any] | None,
    memory: Reuse | None,
    racy: dict[str, str] | None = None,
) -> None:
    """Save the state of ``out`` for the next build (and for ``serve``'s, in ``memory``);
    ``racy``: the hashes of the inputs changed just before (see :func:`racy_digests`)."""
    files, rewritten = written.files, written.rewritten
    marker = (out / MARKER).stat()
    out_stats: dict[str, list[int]]
    folders: dict[str, int]
    if written.private:
        # Nobody else writes there, so nothing is ever checked against them: no size and
        # time of 21,500 files to take and save on every serve rebuild.
        out_stats, folders = {}, {}
    elif (
        previous is None
        or rewritten is None
        or (kept := output_stats(previous, cache, out)) is None
    ):
        out_stats, folders = snapshot(out, files)
    else:
        out_stats = {k: v for k, v in kept.items() if k in files}
        fresh_stats, fresh_folders = snapshot(out, rewritten)
        out_stats.update(fresh_stats)
        folders = {**output_folders(previous), **fresh_folders}
        for rel in rewritten:  # folders emptied by removals are gone
            folder = rel.rpartition("/")[0]
            if folder in folders and not (out / folder).is_dir():
                del folders[folder]
    token = os.urandom(8).hex()  # names this state: its files' stats are kept apart
    state = {
        "signature": signature,
        "marker": [marker.st_ino, marker.st_mtime_ns],
        "token": token,
        "folders": pack_folders(folders),
        "pages": len(files),
        "warnings": list(written.warnings),
        "racy": racy or {},
    }
    # read by the child that checks the output files, not with the state
    stats = pack_stats(out_stats, token)
    cache.save_state(out, state, marshal.dumps(files), stats)
    if memory is not None and written.private:
        memory.state = (str(out), {**state, "stats": stats, "decoded": files})


def keep_unfinished(
    cache: cachelib.BuildCache, kept: tuple[str, dict[str, Any]], dirty: Collection[str]
) -> None:
    """Save the last good state of a private folder (``kept``, as ``serve`` holds it) of
    which a build that then failed wrote the files ``dirty``: for a later process (the
    next ``serve``), which renders and writes those again and only what changed, instead
    of the whole site. Its signature is never a build's: the folder always needs work."""
    out, last = kept
    # In memory once this process saved a state; else (its first build had nothing to do)
    # the cache's table, which a failed build leaves: it forgets the state only.
    files = last.get("decoded") or old_files(cache, Path(out))
    if not files:
        return  # the table is lost: the next build writes a whole new folder
    table = {**files, **{rel: [None, None] for rel in dirty}}  # never any page's
    saved = {key: value for key, value in last.items() if key not in ("decoded", "stats")}
    saved["folders"] = pack_folders(output_folders(last))  # as a build saves them
    saved["signature"] = f"{last['signature']}:unfinished"
    saved["unfinished"] = sorted(dirty)  # for the next serve's overlay (see unfinished)
    stats = output_stats(last, cache, Path(out))
    packed = pack_stats(stats or {}, saved.get("token", ""))
    cache.save_state(Path(out), saved, marshal.dumps(table), packed)


def unfinished(cache: cachelib.BuildCache, out: Path) -> set[str]:
    """The files of ``out`` that a build which then failed wrote, as :func:`keep_unfinished`
    saved them (none once a build has changed the folder since)."""
    saved = cache.state(out)
    files = saved.get("unfinished") if isinstance(saved, dict) else None
    return {rel for rel in files if isinstance(rel, str)} if isinstance(files, list) else set()


def current_output(
    site_dir: Path,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    cache_root: Path | None = None,
) -> Path | None:
    """``output/``, when a build with these options would write nothing to it (no input,
    option or output file changed since the build that wrote it); else None.

    ``check`` then reads it instead of building the whole site into a folder of its own
    (~10 s at 10,000 papers). Nothing is written to the folder. ``cache_root``: the cache
    folder to read, if not the site's own (``check``'s copy of it).
    """
    out = (site_dir / "output").absolute()
    root = cache_root if cache_root is not None else site_dir / cachelib.CACHE_DIRNAME
    if not (root / "cache.sqlite").is_file():
        return None  # no build kept a state here
    cache = cachelib.BuildCache(site_dir, cache_root)
    try:
        previous = previous_state(cache, out)
        if previous is None:
            return None
        stats, _ = scan_inputs(site_dir, None, None)
        if not same_inputs(previous, signature(stats, drafts, base_url, root_links(site_dir))):
            return None
        files = output_stats(previous, cache, out)
        if files is None:
            return None
        touched, strays = drift(out, files, output_folders(previous))
        return None if touched or strays else out
    finally:
        cache.close()


def kept_warnings(site_dir: Path, cache_root: Path | None = None) -> tuple[str, ...]:
    """The warnings of the build that wrote ``output/`` (``check`` reads an up-to-date
    output/ instead of building: it says them all the same)."""
    cache = cachelib.BuildCache(site_dir, cache_root)
    try:
        previous = previous_state(cache, (site_dir / "output").absolute())
    finally:
        cache.close()
    said = previous.get("warnings", ()) if previous is not None else ()
    return tuple(line for line in said if isinstance(line, str))
