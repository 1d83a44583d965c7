"""The only code that touches the output folder: contained, unique, atomic writes.

A build is written into a fresh folder beside the output folder and then
swapped in with one atomic rename (Linux ``renameat2(RENAME_EXCHANGE)`` when
available), so a reader, or a build killed at any moment, sees the complete
old site or the complete new one.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import UsageError

MARKER = ".authorsite-output"  # proves authorsite made the folder and may replace it
KEEP = ("CNAME", ".git", ".well-known")  # put there on purpose by users; carried over
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}  # fmt: skip


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
        if part.split(".")[0].lower() in _WINDOWS_RESERVED:
            raise ValueError(f"reserved name in output path {rel!r}")
    return path


def check_out_dir(out: Path, site: Path, *, force: bool = False) -> None:
    """Refuse output folders whose replacement would destroy something else."""
    target = out.resolve()
    site_root = site.resolve()
    forbidden = {
        Path("/"): "the file system root",
        Path.home().resolve(): "your home folder",
        site_root: "the site folder itself",
        site_root / "content": "the content folder",
        site_root / "themes": "the themes folder",
        site_root / "templates": "the site's templates folder",
    }
    for path, what in forbidden.items():
        if target == path:
            raise UsageError(f"--out {out}: refusing to build into {what}; choose e.g. output/")
    if site_root.is_relative_to(target):
        raise UsageError(f"--out {out}: refusing to build into a folder that contains the site")
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


def static_sources(sources: Sequence[Path]) -> dict[str, Path]:
    """Output path (``static/...``) -> source file; later folders override earlier ones."""
    found: dict[str, Path] = {}
    for source in sources:
        if not source.is_dir():
            continue
        for path in sorted(source.rglob("*")):
            if path.is_dir() or path.name.startswith(".") or path.is_symlink():
                continue
            found["static/" + path.relative_to(source).as_posix()] = path
    return found


def _copy_static(sources: Sequence[Path], staging: Path) -> int:
    """Copy static folders (theme first, site overrides last) into ``static/``."""
    copied = 0
    for rel, path in static_sources(sources).items():
        dest = staging / safe_relpath(rel)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        copied += 1
    return copied


def _sweep(out: Path) -> None:
    """Remove folders left by a build that was killed; rescue kept entries first."""
    for stale in out.parent.glob(f".{out.name}.*-tmp"):
        if out.is_dir():
            for name in KEEP:
                if (stale / name).exists() and not (out / name).exists():
                    os.replace(stale / name, out / name)
        shutil.rmtree(stale, ignore_errors=True)


def write_site(
    out: Path, files: Iterable[tuple[str, bytes]], static: Sequence[Path]
) -> WriteResult:
    """Write ``files`` and the static folders as the new content of ``out``, atomically."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    _sweep(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix="-tmp", dir=out.parent))
    written = unchanged = 0
    try:
        claimed: set[PurePosixPath] = set()
        made: set[Path] = set()  # folders created so far: one mkdir each, not one per file
        for rel, data in files:
            path = safe_relpath(rel)
            if path in claimed:
                raise ValueError(f"two pages claim {rel}")
            claimed.add(path)
            dest = staging / path
            if dest.parent not in made:
                dest.parent.mkdir(parents=True, exist_ok=True)
                made.add(dest.parent)
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
        if out.exists() and _exchange(staging, out):
            for name in KEEP:
                if (staging / name).is_dir():
                    os.replace(staging / name, out / name)
        elif out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix="-tmp", dir=out.parent))
            os.replace(out, old / "site")
            os.replace(staging, out)
            for name in KEEP:
                if (old / "site" / name).is_dir():
                    os.replace(old / "site" / name, out / name)
            staging = old
        else:
            os.replace(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return WriteResult(written, unchanged)


def update_site(
    out: Path, changes: Sequence[tuple[str, bytes | Path]], removed: Sequence[str]
) -> None:
    """Change a folder this build wrote before, in place: only ``changes`` and ``removed``.

    For a rebuild that changes a few files of thousands (one edited record), rewriting
    the whole site would cost seconds. Each file is replaced atomically (a temporary
    file, then ``os.replace``), so a reader never sees half a page; the caller renders
    every change before calling this, so a failing build never gets here.
    """
    out = out.absolute()
    for rel, data in changes:
        dest = out / safe_relpath(rel)
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix="-tmp", dir=dest.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data if isinstance(data, bytes) else data.read_bytes())
            os.chmod(tmp, 0o644)
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    for rel in removed:
        dest = out / safe_relpath(rel)
        dest.unlink(missing_ok=True)
        folder = dest.parent
        while folder != out and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


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
    base = str(out.absolute()) + os.sep
    changed: set[str] = set()
    stat = os.stat
    for rel, (size, mtime) in files.items():
        try:
            st = stat(base + rel)
        except OSError:
            changed.add(rel)
            continue
        if st.st_size != size or st.st_mtime_ns != mtime:
            changed.add(rel)
    strays: list[str] = []
    expected = set(files) | set(folders) | {MARKER, *KEEP}
    for folder, mtime in folders.items():
        try:
            if stat(base + folder).st_mtime_ns == mtime:
                continue
            names = os.listdir(base + folder)
        except OSError:
            continue
        for name in names:
            rel = f"{folder}/{name}" if folder else name
            if rel not in expected and not name.endswith("-tmp"):
                strays.append(rel)
    return changed, sorted(strays)


def remove_strays(out: Path, strays: Iterable[str]) -> None:
    """Delete files and folders that a build did not write (found by :func:`drift`)."""
    for rel in strays:
        path = out.absolute() / safe_relpath(rel)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
