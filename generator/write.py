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
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import secrets
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import ContentError, Problem, UsageError
from generator.validate import RESERVED_NAMES

MARKER = ".authorsite-output"  # proves authorsite made the folder and may replace it
KEEP = ("CNAME", ".git", ".well-known")  # put there on purpose by users; carried over
STAGING = "authorsite-staging"  # .<out>.authorsite-staging-<hex>: a build being written
ASIDE = "authorsite-old"  # .<out>.authorsite-old-<hex>: the old site during the fallback swap
PENDING = "authorsite-pending"  # .<out>.authorsite-pending-<hex>: an incremental change
JOURNAL = "journal.json"  # in a pending folder: present once the change is committed
# Folders of the site that a build may never replace or write into.
_SOURCES = {"content": "the content", "themes": "the themes", "templates": "the templates",
            "static": "the static"}  # fmt: skip


class UnsafeOutput(ContentError, ValueError):
    """An output path that would leave the output folder or that two pages claim."""

    def __init__(self, rel: str, message: str) -> None:
        super().__init__([Problem(f"output/{rel}", 0, message)])


@dataclass(frozen=True)
class WriteResult:
    """How many files the build wrote anew and how many it found unchanged."""

    written: int
    unchanged: int


def safe_relpath(rel: str) -> PurePosixPath:
    """``rel`` as a path that cannot leave the output folder, or ValueError."""
    if not rel or "\\" in rel or "\x00" in rel or rel.startswith("/"):
        raise ValueError(f"unsafe output path {rel!r}")
    path = PurePosixPath(rel)
    for part in path.parts:
        if part in ("", ".", "..") or len(part.encode()) > 255:
            raise ValueError(f"unsafe output path {rel!r}")
        if part.split(".")[0].lower() in RESERVED_NAMES:
            raise ValueError(f"reserved name in output path {rel!r}")
    return path


def check_out_dir(out: Path, site: Path, *, force: bool = False) -> None:
    """Refuse output folders whose replacement would destroy something else."""
    target = out.resolve()
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
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result: int = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _unchanged(old: Path, data: bytes) -> bool:
    """Whether the previous build's file already holds exactly these bytes."""
    try:
        return old.stat().st_size == len(data) and old.read_bytes() == data
    except OSError:
        return False


def _copy_static(sources: Sequence[Path], staging: Path) -> int:
    """Copy static folders (theme first, site overrides last) into ``static/``."""
    copied = 0
    for source in sources:
        if source.is_symlink():  # static -> ~/.ssh would publish the files it points to
            raise ContentError(
                [Problem(source.as_posix(), 0, "is a symbolic link; copy the files in instead")]
            )
        if not source.is_dir():
            continue
        for path in sorted(source.rglob("*")):
            if path.is_dir() or path.name.startswith(".") or path.is_symlink():
                continue
            rel = path.relative_to(source).as_posix()
            dest = staging / "static" / safe_relpath(rel)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
            copied += 1
    return copied


def _sibling(out: Path, kind: str) -> Path:
    """A new, empty folder beside ``out`` (mode from the umask, like any folder the user makes)."""
    path = out.parent / f".{out.name}.{kind}-{secrets.token_hex(6)}"
    path.mkdir()
    return path


def _leftovers(out: Path, kind: str) -> list[Path]:
    """Folders of ``kind`` that a killed build left beside ``out``."""
    prefix = f".{out.name}.{kind}-"
    return sorted(p for p in out.parent.iterdir() if p.name.startswith(prefix) and p.is_dir())


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (where the system has flock)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no second build to guard against here
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _recover(out: Path) -> None:
    """Repair what a killed build left: put the old site back, rescue kept entries, sweep."""
    for pending in _leftovers(out, PENDING):
        if (pending / JOURNAL).exists() and out.is_dir():
            _roll_forward(out, pending)  # committed: finish it, so the new site is complete
        shutil.rmtree(pending, ignore_errors=True)
    aside = _leftovers(out, ASIDE)
    if aside and not out.exists():  # killed between the fallback's two renames
        os.replace(aside.pop(), out)
    for stale in aside + _leftovers(out, STAGING):
        if out.is_dir():
            for name in KEEP:
                if (stale / name).exists() and not (out / name).exists():
                    os.replace(stale / name, out / name)
        shutil.rmtree(stale, ignore_errors=True)


def _stage(
    out: Path, staging: Path, files: Iterable[tuple[str, bytes]], static: Sequence[Path]
) -> WriteResult:
    """Write the new site into ``staging``; count what differs from ``out``."""
    written = unchanged = 0
    claimed: set[PurePosixPath] = set()
    for rel, data in files:
        try:
            path = safe_relpath(rel)
        except ValueError as exc:
            raise UnsafeOutput(rel, str(exc)) from None
        if path in claimed:
            raise UnsafeOutput(rel, f"two pages claim {rel}")
        claimed.add(path)
        dest = staging / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        if _unchanged(out / path, data):
            unchanged += 1
        else:
            written += 1
    written += _copy_static(static, staging)
    (staging / MARKER).write_text(
        "This folder is built by authorsite; it is replaced on every build.\n"
    )
    for name in KEEP:  # small files are copied now; folders are moved after the swap
        if (out / name).is_file():
            shutil.copy2(out / name, staging / name)
    return WriteResult(written, unchanged)


def _swap(out: Path, staging: Path) -> Path:
    """Make ``staging`` the new ``out``; return where the old site now is (to delete)."""
    if not out.exists():
        os.replace(staging, out)
        return staging
    if _exchange(staging, out):
        old = staging
    else:
        old = out.parent / f".{out.name}.{ASIDE}-{secrets.token_hex(6)}"
        os.replace(out, old)
        os.replace(staging, out)
    for name in KEEP:
        if (old / name).is_dir():
            os.replace(old / name, out / name)
    return old


def write_site(
    out: Path, files: Iterable[tuple[str, bytes]], static: Sequence[Path]
) -> WriteResult:
    """Write ``files`` and the static folders as the new content of ``out``, atomically."""
    out = out.resolve()  # a symlinked output folder is written where it points
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out.parent):
        _recover(out)
        staging = _sibling(out, STAGING)
        try:
            result = _stage(out, staging, files, static)
            staging = _swap(out, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return result


def apply_changes(out: Path, changes: Sequence[tuple[str, bytes]], removed: Sequence[str]) -> int:
    """Change some files of a site this tool built, all or nothing; return how many changed.

    For incremental builds, where rewriting every page to swap folders would cost more
    than the change itself. The new files are written into a pending folder beside
    ``out`` first: killed then, ``out`` is untouched and the next build deletes the folder.
    Then a journal of the moves is written and synced; renaming it into place commits the
    change. The files are then moved in (one rename each, on one file system). Killed
    after the commit, the next build (or change) finishes the moves before anything else.
    """
    out = out.resolve()
    with _locked(out.parent):
        _recover(out)
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
                (pending / str(number)).write_bytes(data)
                moves.append((str(number), rel))
            for rel in removed:
                try:
                    safe_relpath(rel)
                except ValueError as exc:
                    raise UnsafeOutput(rel, str(exc)) from None
            journal = pending / (JOURNAL + ".tmp")
            with open(journal, "w", encoding="utf-8") as file:
                json.dump({"moves": moves, "removed": list(removed)}, file)
                file.flush()
                os.fsync(file.fileno())
            os.replace(journal, pending / JOURNAL)  # the commit point
            committed = True
            _roll_forward(out, pending)
            committed = False  # done: nothing left to finish
        finally:
            if not committed:  # a committed change cut short is finished by the next run
                shutil.rmtree(pending, ignore_errors=True)
    return len(changes) + len(removed)


def _roll_forward(out: Path, pending: Path) -> None:
    """Carry out a committed change; safe to repeat after a kill part-way through."""
    journal = json.loads((pending / JOURNAL).read_text(encoding="utf-8"))
    for name, rel in journal["moves"]:
        source = pending / name
        if source.exists():  # not yet moved
            dest = out / safe_relpath(rel)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, dest)
    for rel in journal["removed"]:
        dest = out / safe_relpath(rel)
        if dest.is_dir() and not dest.is_symlink():
            shutil.rmtree(dest)
        else:
            dest.unlink(missing_ok=True)
        folder = dest.parent
        while folder != out and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
