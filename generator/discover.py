"""Find a site's source files, sorted, ignoring editor and dot files."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problems

PAPER_SUFFIXES = (".md", ".yaml", ".yml")
AUTHOR_SUFFIXES = (".yaml", ".yml")


RecordFile = tuple[str, str]  # (path, path relative to the site folder, for messages)


@dataclass(frozen=True)
class Sources:
    """The files that make a site: its configuration, authors and papers.

    Record files are plain strings, not Paths: making 10,000 Path objects and their
    relative forms took ~0.1 s of every build.
    """

    root: Path
    config: Path
    authors: tuple[RecordFile, ...]
    papers: tuple[RecordFile, ...]

    def rel(self, path: Path) -> str:
        """``path`` as shown in messages: relative to the site folder."""
        # The common case by text (a path made from the root starts with it): relative_to
        # costs several microseconds, for each of thousands of records on every build.
        root, text = self.root.as_posix(), path.as_posix()
        if root != "." and text.startswith(root) and text[len(root) : len(root) + 1] == "/":
            return text[len(root) + 1 :]
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


# The temporary files that editors and tools write beside the file they save, by name:
# sed -i's `sedAbC123` (mkstemp's six characters), Python's tempfile `tmpk3j_2x9q`, vim's
# write test `4913` (then 5036, ... in steps of 123, while the name is taken).
_TOOL_TEMPORARY = re.compile(r"sed[A-Za-z0-9]{6}|tmp[a-z0-9_]{8}|(?P<vim>[0-9]{4,})")


def is_editor_litter(name: str) -> bool:
    """Whether a file name is an editor's or tool's temporary, swap, lock or backup file.

    Hidden files (vim's `.x.md.swp`, Emacs's lock `.#x.md`, rsync's `.x.md.Gh2k1a`), Emacs's
    auto-save `#x.md#`, backups (`x.md~`, `x.md.bak`), JetBrains's safe write
    (`x.md___jb_tmp___`, `x.md___jb_old___`) and the names in _TOOL_TEMPORARY. None of them
    is ever a record, and ``serve`` neither reports nor rebuilds for them.
    """
    if name.startswith((".", "#", "~")) or name.endswith(
        ("~", ".swp", ".swo", ".swx", ".tmp", ".bak", "___jb_tmp___", "___jb_old___")
    ):
        return True
    tool = _TOOL_TEMPORARY.fullmatch(name)
    if tool is None:
        return False
    number = tool.group("vim")
    return number is None or (int(number) >= 4913 and (int(number) - 4913) % 123 == 0)


def is_record_name(name: str, suffixes: tuple[str, ...]) -> bool:
    """Whether a file of this name, directly in a records folder, is one of its records."""
    return "." + name.rpartition(".")[2].lower() in suffixes and not is_editor_litter(name)


def _records(
    folder: Path, suffixes: tuple[str, ...], sources: Sources, problems: Problems
) -> list[RecordFile]:
    """The record files directly in ``folder``, sorted by name."""
    if not folder.is_dir():
        return []
    found: list[RecordFile] = []
    resolved_root = sources.root.resolve()
    # Resolved, not only when the file itself is a link: a linked folder
    # (content/papers -> /elsewhere) must not pull in files from outside either. Inside a
    # folder that is in the site, only a link can lead out: the others need no resolving
    # (which costs a system call per folder of the path, for every file).
    folder_inside = folder.resolve().is_relative_to(resolved_root)
    rel_folder = sources.rel(folder)
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        name = entry.name
        if not is_record_name(name, suffixes):
            continue
        rel = f"{rel_folder}/{name}"
        if (not folder_inside or entry.is_symlink()) and not Path(
            entry.path
        ).resolve().is_relative_to(resolved_root):
            problems.add(
                rel,
                0,
                "is a symbolic link to a file outside the site folder; copy the file in instead",
            )
            continue
        if entry.is_file():
            found.append((entry.path, rel))
    return found


def discover(root: Path, problems: Problems) -> Sources:
    """Collect the site's files under ``root``; a site needs a ``site.yaml``."""
    content = root / "content"
    site = Sources(root=root, config=root / "site.yaml", authors=(), papers=())
    return Sources(
        root=root,
        config=site.config,
        authors=tuple(_records(content / "authors", AUTHOR_SUFFIXES, site, problems)),
        papers=tuple(_records(content / "papers", PAPER_SUFFIXES, site, problems)),
    )
