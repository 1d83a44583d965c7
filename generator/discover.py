"""Find a site's source files, sorted, ignoring editor and dot files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problems

PAPER_SUFFIXES = (".md", ".yaml", ".yml")
AUTHOR_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Sources:
    """The files that make a site: its configuration, authors and papers."""

    root: Path
    config: Path
    authors: tuple[Path, ...]
    papers: tuple[Path, ...]

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


def _ignored(path: Path) -> bool:
    """Editor backups, swap files and hidden files are never records."""
    name = path.name
    return name.startswith((".", "#", "~")) or name.endswith(("~", ".swp", ".swx", ".tmp", ".bak"))


def _records(folder: Path, suffixes: tuple[str, ...], root: Path, problems: Problems) -> list[Path]:
    """The record files directly in ``folder``, sorted by name."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    resolved_root = root.resolve()
    # Resolved, not only when the file itself is a link: a linked folder
    # (content/papers -> /elsewhere) must not pull in files from outside either. Inside a
    # folder that is in the site, only a link can lead out: the others need no resolving
    # (which costs a system call per folder of the path, for every file).
    folder_inside = folder.resolve().is_relative_to(resolved_root)
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        path = folder / entry.name
        if _ignored(path) or path.suffix.lower() not in suffixes:
            continue
        if (not folder_inside or entry.is_symlink()) and not path.resolve().is_relative_to(
            resolved_root
        ):
            problems.add(
                path.relative_to(root).as_posix(),
                0,
                "is a symbolic link to a file outside the site folder; copy the file in instead",
            )
            continue
        if entry.is_file():
            found.append(path)
    return found


def discover(root: Path, problems: Problems) -> Sources:
    """Collect the site's files under ``root``; a site needs a ``site.yaml``."""
    content = root / "content"
    return Sources(
        root=root,
        config=root / "site.yaml",
        authors=tuple(_records(content / "authors", AUTHOR_SUFFIXES, root, problems)),
        papers=tuple(_records(content / "papers", PAPER_SUFFIXES, root, problems)),
    )
