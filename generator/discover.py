"""Find a site's source files, sorted, ignoring editor and dot files."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from generator.errors import Problem, Problems

PAPER_SUFFIXES = (".md", ".yaml", ".yml")
AUTHOR_SUFFIXES = (".yaml", ".yml")
PAGE_SUFFIXES = (".md",)
# What each folder's records are, for a file that is not read
_KINDS = {
    PAPER_SUFFIXES: "papers are .md, .yaml or .yml",
    AUTHOR_SUFFIXES: "authors are .yaml or .yml",
    PAGE_SUFFIXES: "pages are .md",
}
# Other endings of Markdown files (Jekyll's and Hugo's users write `.markdown`): a file so
# named in content/ is meant as a record, and is said to be unread rather than left out.
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdx")


RecordFile = tuple[str, str]  # (path, path relative to the site folder, for messages)
LOOP = "is a symbolic link in a loop (it leads back to itself); remove it"
_DANGLING = "is a symbolic link to nothing; remove it or copy the file in"
_OUTSIDE = "is a symbolic link to a file outside the site folder; copy the file in instead"


def resolved(path: Path) -> Path | None:
    """Where ``path`` leads, links followed; None for a link in a loop (``a -> a``).

    Strictly first: Python 3.13's lenient ``resolve()`` no longer stops at a loop (it
    returns a path through it), while a strict one raises, as older ones always did
    (RuntimeError before 3.13, OSError since). Nothing there at all (a link to a file
    not made yet, a folder the site lacks) is where it would be.
    """
    try:
        return path.resolve(strict=True)
    except FileNotFoundError:
        pass
    except (RuntimeError, OSError):
        return None
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


MAX_DEPTH = 64  # folders in a static or template folder: deeper is a copy into itself


class TooDeep(Exception):
    """A folder nested more than MAX_DEPTH levels under the folder being listed."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder

    def problem(self, root: Path, shown: str) -> Problem:
        """The problem as ``path: message``, ``root`` (the folder listed) shown as ``shown``."""
        first = self.folder.relative_to(root).parts[:3]
        where = "/".join((shown, *first, "…"))
        return Problem(
            where,
            0,
            f"folders nested more than {MAX_DEPTH} deep (a folder copied into itself?); "
            "remove the extra levels",
        )


def tree(root: Path, *, strict: bool = True) -> Iterator[Path]:
    """Every file and folder under ``root``, as ``root.rglob("*")`` gives them (links are
    given, folders they lead to are not entered); past MAX_DEPTH levels, raise TooDeep
    (or, not ``strict``, go no deeper). Lazily: a search can stop at what it looks for.

    rglob calls itself once per level: a folder nested ~1,000 deep (a copy gone wrong, or
    made to break the build) ended the build with a RecursionError and a traceback.
    An unreadable folder is listed and not entered.
    """
    stack = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError:
            continue
        for entry in entries:
            path = folder / entry.name
            yield path
            try:
                inside = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if inside:
                if depth + 1 < MAX_DEPTH:
                    stack.append((path, depth + 1))
                elif strict:
                    raise TooDeep(path)


class Sources:
    """The files that make a site: its configuration, authors, papers and own pages.

    Record files are plain strings, not Paths: making 10,000 Path objects and their
    relative forms took ~0.1 s of every build. (A plain class: a build with nothing to
    do imports this module, and needs no `dataclasses`.)
    """

    __slots__ = ("authors", "config", "pages", "papers", "root")

    def __init__(
        self,
        root: Path,
        config: Path,
        authors: tuple[RecordFile, ...],
        papers: tuple[RecordFile, ...],
        pages: tuple[RecordFile, ...] = (),  # content/pages/, a folder a site may not have
    ) -> None:
        self.root = root
        self.config = config
        self.authors = authors
        self.papers = papers
        self.pages = pages

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


def _record_name(name: str, suffixes: tuple[str, ...]) -> str | None:
    """The name a file that looks meant as a record should have; None if it does not."""
    trimmed = name.rstrip(". ")
    if trimmed != name and trimmed:  # `x.md.`, `x.md `: Windows drops them, Linux keeps them
        if "." + trimmed.rpartition(".")[2].lower() in suffixes:
            return trimmed
        return _record_name(trimmed, suffixes)
    stem, dot, suffix = name.rpartition(".")
    suffix = "." + suffix.lower()
    if not dot or not stem or stem.lower() == "readme":  # a note on the folder, no record
        return None
    if suffix == ".txt" and "." + stem.rpartition(".")[2].lower() in suffixes:
        return stem  # `ada.yaml.txt`: Windows hides the ending its editor added
    if suffix in _MARKDOWN_SUFFIXES:
        return stem + suffixes[0]  # `.md` in papers/ and pages/, `.yaml` in authors/
    return None


# Files in content/pages/ that look meant as pages, and what to do instead of renaming them
_HTML_PAGE = (
    "HTML is not published as it is (it could carry script): write the page's text as "
    "Markdown in {md}"
)
_YAML_PAGE = "write its fields between two `---` lines at the top of {md}, then its text"
_PAGE_LOOKALIKES = {"html": _HTML_PAGE, "htm": _HTML_PAGE, "yaml": _YAML_PAGE, "yml": _YAML_PAGE}


def _is_folder_note(path: str, name: str) -> bool:
    """Whether ``name`` is a README about the folder (no front matter), not a record:
    GitHub shows it below the folder's files, and people write one there."""
    if name.rpartition(".")[0].lower() != "readme":
        return False
    try:
        with open(path, "rb") as file:
            start = file.read(4096)
    except OSError:
        return False  # read (and said) as a record
    lines = start.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n").split(b"\n", 1)
    return lines[0].rstrip(b" \t\r") != b"---"


def _holds_records(folder: str, suffixes: tuple[str, ...]) -> bool:
    """Whether ``folder`` or a folder in it holds a file with a record's ending."""
    return any(
        "." + path.name.rpartition(".")[2].lower() in suffixes
        and not is_editor_litter(path.name)
        and not path.is_dir()
        for path in tree(Path(folder), strict=False)
    )


def _unread(
    entry: os.DirEntry[str], rel: str, suffixes: tuple[str, ...], problems: Problems
) -> None:
    """Say so when a file or folder that is not a record looks meant as one."""
    folder, _, name = rel.rpartition("/")
    kinds = _KINDS[suffixes]
    stem, _, suffix = name.rpartition(".")
    lookalike = suffix.lower() if suffixes == PAGE_SUFFIXES and stem else ""
    fix = _PAGE_LOOKALIKES.get(lookalike)  # an HTML or YAML page: what to write instead
    wanted = _record_name(name, suffixes)
    try:
        is_folder = entry.is_dir()
    except OSError:  # a link in a loop: said if it looks meant as a record, as a file would be
        if fix is not None or wanted is not None:
            problems.add(rel, 0, LOOP)
        return
    if is_folder:
        if _holds_records(entry.path, suffixes):
            problems.add(
                rel,
                0,
                f"is a folder, and only the files directly in {folder}/ are read; "
                f"move its records up into {folder}/",
            )
    elif fix is not None:
        problems.add(rel, 0, f"is not read: {kinds} files; {fix.format(md=f'{stem}.md')}")
    elif wanted is not None:
        problems.add(rel, 0, f"is not read: {kinds} files; rename it to {wanted}")


def _records(
    folder: Path, suffixes: tuple[str, ...], sources: Sources, problems: Problems
) -> list[RecordFile]:
    """The record files directly in ``folder``, sorted by name."""
    try:
        is_folder = folder.is_dir()
    except OSError as exc:  # its parent without search permission: it cannot even be seen
        problems.add(sources.rel(folder), 0, f"cannot be read: {exc.strerror}")
        return []
    if not is_folder:
        _not_a_folder(folder, sources, problems)
        return []
    found: list[RecordFile] = []
    resolved_root = sources.root.resolve()
    # Resolved, not only when the file itself is a link: a linked folder
    # (content/papers -> /elsewhere) must not pull in files from outside either. Inside a
    # folder that is in the site, only a link can lead out: the others need no resolving
    # (which costs a system call per folder of the path, for every file).
    folder_inside = folder.resolve().is_relative_to(resolved_root)
    rel_folder = sources.rel(folder)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:  # a folder without read permission: none of its records is read
        problems.add(rel_folder, 0, f"cannot be read: {exc.strerror}")
        return []
    led_out = 0  # records of a folder linked out of the site, said once for the folder
    for entry in entries:
        name = entry.name
        if is_editor_litter(name):
            continue
        rel = f"{rel_folder}/{name}"
        if "." + name.rpartition(".")[2].lower() not in suffixes:
            _unread(entry, rel, suffixes, problems)
            continue
        if not folder_inside or entry.is_symlink():
            target = resolved(Path(entry.path))
            if target is None:
                problems.add(rel, 0, LOOP)
                continue
            if not target.is_relative_to(resolved_root):
                if not folder_inside and target.exists() and not entry.is_symlink():
                    led_out += 1
                else:
                    problems.add(rel, 0, _OUTSIDE if target.exists() else _DANGLING)
                continue
        if entry.is_file():
            if not _is_folder_note(entry.path, name):
                found.append((entry.path, rel))
        elif entry.is_dir():
            problems.add(rel, 0, "is a folder, not a record file; rename it or move it away")
        elif entry.is_symlink() and not os.path.exists(entry.path):
            problems.add(rel, 0, _DANGLING)
        else:  # never read: a pipe would make the build wait forever, a device read forever
            problems.add(rel, 0, "is not a plain file (a pipe, socket or device); remove it")
    if led_out:
        # Once, not once per record (a content/ linked out of the site said "is a symbolic
        # link to a file outside the site folder" of each of its files, none of them a link)
        records = "its record is" if led_out == 1 else f"its {led_out} records are"
        problems.add(
            rel_folder,
            0,
            f"leads outside the site folder (to {folder.resolve()}) through a symbolic link, "
            f"so {records} not read; move the folder into the site folder instead of "
            "linking to it",
        )
    return found


def _not_a_folder(folder: Path, sources: Sources, problems: Problems) -> None:
    """Say so when ``folder`` is there, but as a file (or a link to nothing) that holds nothing."""
    if folder.is_symlink() and not folder.exists():
        problems.add(sources.rel(folder), 0, "is a symbolic link to nothing; make it a folder")
    elif folder.exists():
        problems.add(
            sources.rel(folder),
            0,
            f"is a file, not a folder, so nothing in it is read; the records go in a folder "
            f"{sources.rel(folder)}/, one file each: rename the file and make the folder",
        )


def paper_files(root: Path, problems: Problems) -> list[RecordFile]:
    """The paper records of the site under ``root`` that a build reads, and its problems
    with the others (a link out of the site, a `.markdown` file), as the build has them."""
    site = Sources(root=root, config=root / "site.yaml", authors=(), papers=())
    folder = root / "content" / "papers"
    return _records(folder, PAPER_SUFFIXES, site, problems) if folder.exists() else []


def discover(root: Path, problems: Problems) -> Sources:
    """Collect the site's files under ``root``; a site needs a ``site.yaml``."""
    content = root / "content"
    site = Sources(root=root, config=root / "site.yaml", authors=(), papers=())
    if not site.config.exists() and (root / "site.yml").is_file():
        problems.add(
            site.rel(root / "site.yml"),
            0,
            "is not read: the configuration is site.yaml; rename it to site.yaml",
        )
    if not content.is_dir():  # then neither records folder can be there
        _not_a_folder(content, site, problems)
    return Sources(
        root=root,
        config=site.config,
        authors=tuple(_records(content / "authors", AUTHOR_SUFFIXES, site, problems)),
        papers=tuple(_records(content / "papers", PAPER_SUFFIXES, site, problems)),
        pages=tuple(_records(content / "pages", PAGE_SUFFIXES, site, problems)),
    )
