"""One source file into one validated record, every problem located.

Lines are counted in the original file, front matter included, so that a
message always points at the line a person has to edit.
"""

from __future__ import annotations

import contextlib
import difflib
import html
import itertools
import os
import re
import stat
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import names
from generator.errors import Problem, Problems
from generator.ids import parse_arxiv, parse_doi
from generator.model import Author, Paper, PartialDate, SitePage
from generator.schema import (
    AUTHOR_FIELDS,
    AUTHOR_KEY_HINTS,
    BUILT_FOLDERS,
    DECLARED_METRICS,
    PAGE_FIELDS,
    PAGE_KEY_HINTS,
    PAPER_FIELDS,
    PAPER_KEY_HINTS,
    PAPER_LINK_KEYS,
    SLUG_PATTERN,
    FieldSpec,
)
from generator.urls import as_followed, profile_link, url_problem
from generator.validate import (
    BIDI,
    C1,
    C1_BYTES,
    CONTROL,
    NUMERIC_REFERENCE,
    RESERVED_NAMES,
    Checker,
    blank,
    composed,
    email_problem,
    may_hold_control,
    referenced_bidi,
    unbalanced_bidi,
    windows_1252,
)
from generator.yamlio import Document, YamlError, load_mapping

# Whole names only: `$` would let a final line feed through (a file named `abc\n.md`).
_SLUG = re.compile(SLUG_PATTERN)
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# Invisible characters that hide a first `---` line: a second byte-order mark, zero widths
_BEFORE_FENCE = "\ufeff\u200b\u200c\u200d\u2060"
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*:")  # a URL with one: not a path of the site
_OTHER_HOST = re.compile(r"[/\\]{2}")  # `//host/x.png`: browsers read `/\host` the same way
MAX_SLUG_LENGTH = 120
MAX_RECORD_BYTES = 16 * 2**20
# What git leaves in a file it could not merge: `<<<<<<< HEAD` ... `>>>>>>> branch`.
CONFLICT_MARKER = re.compile(r"^(?:<{7}|>{7})(?:[ \t].*)?\r?$", re.MULTILINE)


# The line between a conflict's two versions
_CONFLICT_MIDDLE = re.compile(r"^={7}[ \t]*\r?$", re.MULTILINE)


def conflict_problems(text: str, origin: str, holder: str = "page") -> list[Problem]:
    """Each git merge conflict an imported file holds (its ``<<<<<<<`` line, or a
    ``>>>>>>>`` left without one), with how to resolve it; ``holder`` names the file.
    A marker alone, the rest of its conflict resolved by hand, is said so."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:  # cheap: the search is rarely needed
        return []
    problems, opened = [], False
    line, counted = 1, 0  # the lines before each marker, counted on from the last one's
    markers = list(CONFLICT_MARKER.finditer(text))
    for marker, lone in zip(markers, _lone_markers(text, markers), strict=True):
        opens = marker.group().startswith("<")
        if opens or not opened:
            # (counted from the file's start for each, 250,000 markers took hours)
            line += text.count("\n", counted, marker.start())
            counted = marker.start()
            shown = marker.group().strip()[:20]
            if lone:
                # (amazeliauskas.github.io's papers.bib keeps a `<<<<<<< HEAD` line, and
                # no `=======` or `>>>>>>>`: the message said to delete lines it has not)
                message = (
                    f"git's merge conflict marker `{shown}`, left alone: no `=======` line "
                    "and no other marker of its conflict is there, as it was resolved by "
                    f"hand; delete this line, check that the {holder}'s lines around it are "
                    "the version you meant, and import again"
                )
            else:
                message = (
                    f"git's merge conflict marker `{shown}`: the {holder} holds two "
                    "versions of its lines; keep one, delete the other and the "
                    "`<<<<<<<`, `=======` and `>>>>>>>` lines, and import again"
                )
            problems.append(Problem(origin, line, message))
        opened = opens
    return problems


def _lone_markers(text: str, markers: list[re.Match[str]]) -> list[bool]:
    """For each of ``markers`` (of ``text``), whether it is left alone: a ``<<<<<<<``
    with no ``=======`` line after it and no ``>>>>>>>`` next, or a ``>>>>>>>`` with no
    ``<<<<<<<`` before it and no ``=======`` line since the marker before, if any: a line
    left of a conflict resolved by hand, not two versions of the lines."""
    lone = []
    for i, marker in enumerate(markers):
        before = markers[i - 1] if i else None
        after = markers[i + 1] if i + 1 < len(markers) else None
        if marker.group().startswith("<"):
            closed = after is not None and after.group().startswith(">")
            end = after.start() if after else len(text)
            lone.append(not closed and not _CONFLICT_MIDDLE.search(text, marker.end(), end))
        else:
            opened = before is not None and before.group().startswith("<")
            start = before.end() if before else 0
            lone.append(not opened and not _CONFLICT_MIDDLE.search(text, start, marker.start()))
    return lone


def blank_lone_markers(text: str) -> str | None:
    """``text`` with each conflict marker's line blank (its line end kept, so that the
    lines after it keep their numbers), where every marker is left alone (see
    :func:`conflict_problems`); else None: two versions are not to be read."""
    markers = list(CONFLICT_MARKER.finditer(text))
    if not markers or not all(_lone_markers(text, markers)):
        return None
    for marker in reversed(markers):
        text = text[: marker.start()] + text[marker.end() :]
    return text


_REQUIRED_PAPER = frozenset(spec.name for spec in PAPER_FIELDS if spec.required)
# How parse_paper checks each field (the keys of schema.PAPER_FIELDS; `slug` is _slug's).
_PAPER_KINDS = {
    **dict.fromkeys(
        (
            "title",
            "translated_title",
            "category",
            "venue",
            "series",
            "type",
            "report_number",
            "citations_source",
            "note",
            "imported_from",
        ),
        "text",
    ),
    "bibtex": "text",
    "abstract": "markdown",
    **dict.fromkeys(("authors", "tags"), "strings"),
    **dict.fromkeys(("date", "citations_date", "first_published"), "date"),
    "citations": "integer",
    **dict.fromkeys(("volume", "issue", "edition"), "number_text"),
    "isbn": "isbn",
    "pages": "pages",
    "doi": "doi",
    "arxiv_id": "arxiv_id",
    "score": "score",
    "links": "links",
    "language": "language",
    **dict.fromkeys(("featured", "draft"), "flag"),
}


@dataclass(frozen=True)
class Text:
    """A decoded source file: its text with ``\\n`` line ends."""

    path: str
    text: str


def _line_passing(path: str | Path, limit: int) -> int:
    """The line of ``path`` that holds its byte after the first ``limit``: where a file too
    large passes the limit (read a megabyte at a time, the limit at most: the error had
    no line, and `path:line:` is where an editor opens the file)."""
    lines, left = 1, limit
    with open(path, "rb") as file:
        while left > 0 and (chunk := file.read(min(left, 2**20))):
            lines += chunk.count(b"\n")
            left -= len(chunk)
    return lines


def _windows_1252(raw: bytes, at: int) -> str:
    """``it looks saved as Windows-1252 … `` with the word at ``at`` as it was meant, or ""."""
    start = max(raw.rfind(b" ", 0, at), raw.rfind(b"\n", 0, at)) + 1
    ends = [i for i in (raw.find(b" ", at), raw.find(b"\n", at)) if i != -1]
    word = raw[start : min(ends, default=len(raw))][:40]
    try:
        meant = word.decode("cp1252").strip()
    except UnicodeDecodeError:  # a byte Windows-1252 does not define: some other encoding
        return ""
    # A Windows editor's "ANSI" (Latin-1 to most people); the word shows what it holds.
    return f"it looks saved as Windows-1252 (ANSI, Latin-1), where it reads `{meant}`; "


def read_text(path: str | Path, rel: str, problems: Problems) -> Text | None:
    """Read a file as UTF-8 (a byte-order mark is allowed); None after a problem."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):  # `mkdir site.yaml`: the system says `Is a directory`
            name = os.path.basename(rel)
            problems.add(
                rel,
                0,
                f"is a folder, not a file; move it away (or rename it) and write {name} as a file",
            )
            return None
        if not stat.S_ISREG(info.st_mode):
            # Never opened: a pipe would make the build wait forever, a device read forever.
            problems.add(rel, 0, "is not a plain file (a pipe, socket or device); remove it")
            return None
        size = info.st_size
        if size > MAX_RECORD_BYTES:  # never read a multi-gigabyte file into memory
            problems.add(
                rel,
                _line_passing(path, MAX_RECORD_BYTES),
                f"is {size / 2**20:.0f} MB; a record may hold at most "
                f"{MAX_RECORD_BYTES // 2**20} MB, which this line passes: shorten it, or move "
                "it out of the site if it is no record",
            )
            return None
        with open(path, "rb") as file:
            raw = file.read()
    except OSError as exc:
        problems.add(rel, 0, f"cannot be read: {exc.strerror}")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _binary(raw):
            problems.add(rel, 0, binary_problem(raw, rel))
            return None
        line = raw.count(b"\n", 0, exc.start) + 1
        wide = _wide(raw)
        problems.add(
            rel,
            line,
            f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            + (f"it is saved as {wide}; " if wide else _windows_1252(raw, exc.start))
            + "save the file as UTF-8",
        )
        return None
    # Looking for CONTROL's bytes is several times cheaper than searching the text.
    bad = CONTROL.search(text) if may_hold_control(raw) else None
    if bad:
        if wide := _wide(raw):
            problems.add(
                rel, 1, f"contains NUL characters: it is saved as {wide}; save the file as UTF-8"
            )
            return None
        if _binary(raw):
            problems.add(rel, 0, binary_problem(raw, rel))
            return None
        what = (
            "a NUL character"
            if bad.group() == "\x00"
            else f"the control character U+{ord(bad.group()):04X}"
        )
        problems.add(rel, text.count("\n", 0, bad.start()) + 1, f"contains {what}; remove it")
        return None
    if C1_BYTES.search(raw) is not None:
        # `don\x92t`: a Windows program's ’ read as Latin-1 on its way into a UTF-8 file.
        # What it meant is not in doubt (browsers read `&#146;` so), and the page shows it.
        text = windows_1252(text)
        bad = C1.search(text)
        if bad:  # one of the five bytes that Windows-1252 leaves undefined
            line = text.count("\n", 0, bad.start()) + 1
            problems.add(
                rel, line, f"contains the control character U+{ord(bad.group()):04X}; remove it"
            )
            return None
    if b"<<<<<<<" in raw or b">>>>>>>" in raw:  # cheap: the search below is rarely needed
        marker = CONFLICT_MARKER.search(text)
        if marker is not None:  # both sides of a merge would be published, markers and all
            line = text.count("\n", 0, marker.start()) + 1
            problems.add(rel, line, "holds a git merge conflict marker; resolve the conflict")
            return None
    # An accent as two characters (`e` and U+0301, as macOS file names and some PDFs and
    # exports write it): one spelling, NFC, as the web is written (the Nu checker warns of
    # any other in a page, and a reader's find-in-page and Scholar's matching of titles and
    # names miss it); CJK compatibility ideographs kept (see validate.composed).
    text = composed(text)
    return Text(rel, text.replace("\r\n", "\n").replace("\r", "\n"))


# The first bytes of files that are no text, and what each is: saved or renamed by mistake.
_SIGNATURES = (
    (b"\x89PNG", "it starts as a PNG picture does"),
    (b"\xff\xd8\xff", "it starts as a JPEG picture does"),
    (b"GIF8", "it starts as a GIF picture does"),
    (b"%PDF-", "it starts as a PDF does"),
    (b"PK\x03\x04", "it starts as a zip archive does, and so do Word's .docx and Excel's .xlsx"),
    (b"\xd0\xcf\x11\xe0", "it starts as an old Word .doc or Excel .xls does"),
    (b"\x1f\x8b", "it starts as a gzip archive does"),
    (b"RIFF", "it starts as a WebP picture, a WAV sound or an AVI video does"),
    (b"\x7fELF", "it starts as a program does"),
)
# Bytes that no text holds (a tab, line ends, form feed, vertical tab and escape it may)
_NO_TEXT_BYTES = bytes([*range(0x00, 0x08), *range(0x0E, 0x1B), *range(0x1C, 0x20)])


def binary_problem(raw: bytes, rel: str) -> str:
    """What a file of ``raw`` that is no text is, and what to do for ``rel``'s kind of file."""
    kind = next(
        (what for start, what in _SIGNATURES if raw.startswith(start)),
        "a picture, a PDF, a program?",
    )
    if rel.startswith("content/"):
        fix = "a record is text saved as UTF-8: move this file out of content/"
    else:  # site.yaml: a picture or document saved over it, or renamed to it
        fix = (
            f"{rel} holds the site's settings as text saved as UTF-8: write them into it "
            f"again (`git checkout -- {rel}` takes back its last committed text)"
        )
    return f"is not a text file (it holds binary data: {kind}); {fix}"


def _binary(raw: bytes) -> bool:
    """Whether ``raw`` is no text at all: a picture's or a document's first bytes, or NULs
    and other control bytes that are not UTF-16's (a stray one or two are not)."""
    if raw.startswith(tuple(start for start, _ in _SIGNATURES)):
        return True
    head = raw[:4096]
    junk = len(head) - len(head.translate(None, _NO_TEXT_BYTES))
    return (head.count(0) > 8 or junk > max(8, len(head) // 100)) and not _wide(head)


def _wide(raw: bytes) -> str | None:
    """``UTF-32`` or ``UTF-16`` where ``raw`` is text in it (Notepad's "Unicode", Windows
    PowerShell's ``>``), else None.

    With a byte-order mark, or without one: text in Latin letters is then every other
    byte (every fourth, in UTF-32) a NUL, and reads as text in it.
    """
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:200]
    if len(head) < 8:
        return None
    for name, codec, size in (
        ("UTF-32", "utf-32-le", 4),
        ("UTF-32", "utf-32-be", 4),
        ("UTF-16", "utf-16-le", 2),
        ("UTF-16", "utf-16-be", 2),
    ):
        units = len(head) // size * size
        if head[:units].count(0) <= units // 4:
            continue
        # A program or a picture has NULs too: text in that encoding reads as text.
        text = head[:units].decode(codec, errors="replace")
        readable = sum((c.isprintable() and c != "\ufffd") or c in "\t\r\n" for c in text)
        if readable >= len(text) * 0.9:
            return name
    return None


# A line of four or more dashes where a `---` fence belongs (Markdown's thematic break).
_LONG_FENCE = re.compile(r"^-{4,}[ \t]*\r?$", re.MULTILINE)


def split_front_matter(text: str) -> tuple[str, int, str, int] | None:
    """``(front matter, its first line, body, body's first line)``, or None if absent."""
    if not text.startswith("---"):
        return None
    first_end = text.find("\n")
    if first_end == -1 or text[:first_end].rstrip() != "---":
        return None
    closing = _FENCE.search(text, first_end + 1)
    if closing is None:
        return None
    front = text[first_end + 1 : closing.start()]
    body_start = closing.end() + 1 if closing.end() < len(text) else closing.end()
    body_line = text.count("\n", 0, body_start) + 1
    return front, 2, text[body_start:], body_line


# A first line that opens front matter the way a YAML file opens a document, and Jekyll,
# Hugo and authorsite do not: `--- !!map` (a tag after the dashes), or a directive line,
# `%YAML 1.2`, before them. Either followed by the front matter, then its closing `---`.
_OPENING = re.compile(r"(?:---[ \t]+(\S[^\n]*?)|(%[A-Z]+\b[^\n]*?)[ \t]*\r?\n---)[ \t]*\r?(?=\n)")


def _opening_problem(opening: re.Match[str]) -> str:
    """What is wrong with a front matter's first line that :data:`_OPENING` matched."""
    after, directive = opening.group(1), opening.group(2)
    if directive is not None:
        return (
            f"the file starts with `{directive}`, a YAML directive, which front matter takes "
            "none of (it starts on the first line with `---`); remove that line"
        )
    kind = ", a YAML tag," if after.startswith("!") else ""
    return (
        f"the front matter's first line is `--- {after}`: front matter starts with a line of "
        f"three dashes alone; remove `{after}`{kind} after them"
    )


@dataclass(frozen=True)
class LoadedRecord:
    """A record's fields, its Markdown body, and where the fields are, for messages."""

    document: Document
    body: str
    where: str  # "the front matter (lines 1–7)": where a missing field is to be added


def load_record(source: Text, problems: Problems) -> LoadedRecord | None:
    """The record's fields and its Markdown body (empty for YAML records).

    When the fields cannot be read, the file name is still checked, so that one run
    reports both; nothing else can be known without the fields.
    """
    body = ""
    if source.path.lower().endswith(".md"):
        parts = split_front_matter(source.text)
        # `----`: a fence of the wrong length (looked for only where no front matter is)
        dashes = _LONG_FENCE.search(source.text) if parts is None else None
        if dashes is not None:
            problems.add(
                source.path,
                source.text.count("\n", 0, dashes.start()) + 1,
                f"`{dashes.group().strip()}` is no front matter line: the front matter "
                "starts and ends with a line of exactly three dashes, `---`",
            )
            _check_file_name(source, source.text, problems)
            return None
        opening = _OPENING.match(source.text) if parts is None else None
        if opening is not None and split_front_matter("---" + source.text[opening.end() :]):
            # `--- !!map` (a YAML tool's way to open a mapping), `%YAML 1.2` then `---`: the
            # front matter is there, and the message said it had none
            problems.add(source.path, 1, _opening_problem(opening))
            return None
        if opening is not None:  # so opened, and never closed: it said "no front matter"
            problems.add(
                source.path,
                1,
                "the front matter that starts here is never closed; add a `---` line after "
                f"the last field, before the {_body_name(source)}; and "
                f"{_opening_problem(opening)}",
            )
            _check_file_name(source, source.text, problems)
            return None
        if parts is None and source.text.split("\n", 1)[0].rstrip() == "---":
            problems.add(
                source.path,
                1,
                "the front matter that starts here is never closed; "
                f"add a `---` line after the last field, before the {_body_name(source)}",
            )
            _check_file_name(source, source.text, problems)
            return None
        blank = source.text[: len(source.text) - len(source.text.lstrip())].count("\n")
        if parts is None and blank and split_front_matter(source.text.lstrip()) is not None:
            lines = "blank line" if blank == 1 else f"{blank} blank lines"
            problems.add(
                source.path,
                1,
                f"the front matter must start on the first line; remove the {lines} "
                "before the first `---`",
            )
            return None
        hidden = len(source.text) - len(source.text.lstrip(_BEFORE_FENCE))
        if parts is None and hidden and split_front_matter(source.text[hidden:]) is not None:
            # a second byte-order mark (two tools each added one), a zero-width space
            char = source.text[0]
            problems.add(
                source.path,
                1,
                f"the first line holds U+{ord(char):04X} ({unicodedata.name(char).lower()}), "
                "an invisible character, before its `---`, so the front matter is not "
                "seen; remove it (retype the line as `---`)",
            )
            return None
        if parts is None and source.text.startswith("+++"):
            problems.add(
                source.path,
                1,
                "has its front matter in TOML (between `+++` lines, as Hugo writes it); write "
                "it in YAML between `---` lines, or bring a Hugo site in with "
                "`authorsite import hugo`",
            )
            return None
        if parts is None:
            problems.add(
                source.path,
                1,
                "has no front matter; start the file with a `---` line, the fields, "
                f"and another `---` line, then the {_body_name(source)}",
            )
            _check_file_name(source, source.text, problems)
            return None
        front, front_line, body, _ = parts
        where = _lines("the front matter", 1, front_line + front.count("\n"))
        what = "front matter"
    else:  # a .yaml record has no front matter: the whole file is the mapping
        front, front_line = source.text, 1
        where = _lines("the file", 1, max(1, len(front.rstrip("\n").split("\n"))))
        what = "file"
    try:
        document = load_mapping(front, first_line=front_line, what=what)
    except YamlError as exc:
        problems.add(source.path, exc.line, exc.message)
        _check_file_name(source, front, problems)
        return None
    return LoadedRecord(document, body.strip("\n"), where)


def _body_name(source: Text) -> str:
    """What the Markdown below a record's front matter is: a paper's abstract, a page's text."""
    return "page's text" if source.path.startswith("content/pages/") else "abstract"


def _lines(what: str, first: int, last: int) -> str:
    """``the front matter (lines 1–7)``."""
    return f"{what} (line {first})" if first == last else f"{what} (lines {first}–{last})"


# A top-level `slug:` key, found without YAML: the file name is then not the slug.
_SLUG_KEY = re.compile(r"""^["']?slug["']?[ \t]*:""", re.MULTILINE)


def _check_file_name(source: Text, front: str, problems: Problems) -> None:
    """Report a file name that cannot be the slug, when the fields could not be read."""
    if _SLUG_KEY.search(front) is None:
        _file_slug(source.path, problems)


def _stem(path: str) -> str:
    """``Path(path).stem`` for a path written with ``/``, without building a Path."""
    name = path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _slug(check: Checker, data: dict[str, Any], path: str) -> str | None:
    """The record's slug: its ``slug`` field, else its file name."""
    if "slug" in data:
        value = check.text("slug", data["slug"])
        if value is None:
            return None
        if not _SLUG.fullmatch(value) or len(value) > MAX_SLUG_LENGTH:
            check.fail(
                "slug",
                f"slug {value!r} must match {SLUG_PATTERN} (at most {MAX_SLUG_LENGTH} characters)"
                + (f"; write `slug: {fixed}`" if (fixed := _suggested_slug(value)) else ""),
            )
            return None
        if value in RESERVED_NAMES:
            check.fail("slug", f"slug {value!r} is a reserved file name on Windows; choose another")
            return None
        return value
    return _file_slug(path, check.problems, data)


@dataclass(frozen=True)
class Claims:
    """What a record with problems of its own claims, which no other record may: its slug,
    and a published paper's ``doi`` and ``arxiv_id`` (as the record would hold them)."""

    slug: str | None
    ids: Mapping[str, str]


def claims(path: str, rel: str) -> Claims:
    """What the record at ``path`` claims, as far as it can be told (see :class:`Claims`).

    For the checks across records in a run that fails anyway: a paper whose slug, DOI or
    arXiv id is taken by a record with a bad `citations:` is told so now, not after that
    is mended. The slug is the record's ``slug:`` where that is one, else its file name
    where that is one.
    """
    scratch = Problems()
    source = read_text(path, rel, scratch)
    if source is None:
        return Claims(None, {})
    loaded = load_record(source, scratch)
    ids: dict[str, str] = {}
    if loaded is None:  # fields unreadable: the file name, unless a `slug:` line replaces it
        value: Any = None if _SLUG_KEY.search(source.text) else _stem(rel)
    else:
        data = loaded.document.data
        value = data.get("slug", _stem(rel))
        if data.get("draft") is not True:  # drafts may share them (see assemble)
            for key, parse in (("doi", parse_doi), ("arxiv_id", parse_arxiv)):
                written = data.get(key)
                found = parse(written.strip()) if isinstance(written, str) else None
                if found:
                    ids[key] = found
    if not isinstance(value, str) or len(value) > MAX_SLUG_LENGTH:
        return Claims(None, ids)
    usable = _SLUG.fullmatch(value) and value not in RESERVED_NAMES
    return Claims(value if usable else None, ids)


def _file_slug(path: str, problems: Problems, data: Mapping[str, Any] | None = None) -> str | None:
    """The record's file name as its slug, or None after a problem. ``data``: the record's
    fields, to name a paper whose file name has no Latin letters (`深度学习.md`)."""
    stem = _stem(path)
    if stem in RESERVED_NAMES:
        problems.add(
            path, 1, f"file name {stem!r} is reserved on Windows; rename the file or add a `slug:`"
        )
        return None
    if not _SLUG.fullmatch(stem) or len(stem) > MAX_SLUG_LENGTH:
        fixed = _suggested_slug(stem, data)
        ext = os.path.splitext(path)[1]
        rename = f" to `{_free_name(path, fixed, ext)}{ext}`" if fixed else ""
        problems.add(
            path,
            1,
            f"file name {stem!r} is not a valid slug (lowercase letters, digits and hyphens); "
            f"rename the file{rename} or add a `slug:` field",
        )
        return None
    return stem


def _free_name(path: str, slug: str, ext: str) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… if a file of that name is beside ``path`` already
    (two papers named by one first author and year): the name to suggest renaming it to."""
    try:
        taken = set(os.listdir(os.path.dirname(path) or "."))
    except OSError:
        return slug
    name, number = slug, 2
    while name + ext in taken:
        name, number = f"{slug}-{number}", number + 1
    return name


def _suggested_slug(text: str, data: Mapping[str, Any] | None = None) -> str | None:
    """The slug to write for ``text`` (`Über Paper` -> `uber-paper`), for a message; for
    one without Latin letters (`深度学习`), a paper's first author's family name and year
    (``data``: its fields), as `authorsite new paper` and the importers name it."""
    from generator.ingest.work import family_slug, says_nothing, slugify  # only when wrong

    slug = slugify(text, limit=MAX_SLUG_LENGTH, what="record")
    if slug == "record" or says_nothing(slug, text):
        authors, date = (data or {}).get("authors"), str((data or {}).get("date", ""))
        first = authors[0] if isinstance(authors, list) and authors else None
        year = int(date[:4]) if re.match(r"[0-9]{4}", date) else None
        slug = (family_slug(first, year) if isinstance(first, str) else None) or ""
    return slug if _SLUG.fullmatch(slug) else None


def _begin(
    source: Text, problems: Problems, table: tuple[FieldSpec, ...], hints: Mapping[str, str]
) -> tuple[Document, str, Checker] | None:
    """Load a record and check its keys against ``table`` (``hints``: the keys other tools
    write, and what to write instead); None if it did not load."""
    loaded = load_record(source, problems)
    if loaded is None:
        return None
    document = loaded.document
    check = Checker(source.path, document.lines, problems)
    check.unknown_keys(document.data, table, hints)
    check.required(document.data, table, loaded.where, source.text)
    return document, loaded.body, check


def parse_paper(source: Text, problems: Problems) -> Paper | None:
    """A paper record from a ``.md`` (front matter + abstract) or ``.yaml`` file."""
    before = len(problems.items)
    begun = _begin(source, problems, PAPER_FIELDS, PAPER_KEY_HINTS)
    if begun is None:
        return None
    document, body, check = begun
    data, lines = document.data, document.lines
    if source.path.lower().endswith(".md") and "abstract" in data:
        check.fail(
            "abstract", "an .md paper keeps its abstract below the front matter, not in `abstract:`"
        )
    _check_body(source, body, "the abstract", problems)
    fields: dict[str, Any] = {}
    for key, value in data.items():
        if value is None or (key in _REQUIRED_PAPER and blank(value)):
            continue  # empty: the same as missing (a required one is reported once, above)
        kind = _PAPER_KINDS.get(key)
        if kind == "text":
            fields[key] = check.text(key, value)
        elif kind == "markdown":
            fields[key] = check.markdown(key, value)
        elif kind == "strings":
            fields[key] = check.strings(key, value)
        elif kind == "date":
            fields[key] = check.date(key, value)
        elif kind == "integer":
            fields[key] = check.integer(key, value)
        elif kind == "doi":
            fields[key] = check.doi(key, value)
        elif kind == "arxiv_id":
            fields[key] = check.arxiv_id(key, value)
        elif kind == "score":
            fields[key] = check.number(key, value, 0, 100)
        elif kind == "links":
            fields[key] = check.links(key, value, PAPER_LINK_KEYS)
        elif kind == "flag":
            fields[key] = check.flag(key, value)
        elif kind == "language":
            fields[key] = check.language(key, value)
        elif kind == "number_text":
            fields[key] = check.number_text(key, value)
        elif kind == "pages":
            fields[key] = check.pages(key, value)
        elif kind == "isbn":
            fields[key] = check.isbn(key, value)
    if isinstance(fields.get("bibtex"), str):
        _check_own_bibtex(source, fields["bibtex"], check)
    first, date = fields.get("first_published"), fields.get("date")
    if isinstance(first, PartialDate) and isinstance(date, PartialDate) and _before(date, first):
        check.fail(
            "first_published",
            f"`first_published` {first.iso()} is after `date` {date.iso()}: `date` is when this "
            "edition or reprint appeared, `first_published` when the work first did; swap "
            "them, or correct the one mistyped",
        )
    slug = _slug(check, data, source.path)
    authors = fields.get("authors")
    if isinstance(data.get("authors"), str) and _several_names(data["authors"]):
        check.fail(
            "authors",
            "`authors` is one piece of text with several names; list them one per line "
            "(`- Name`) or as `[Name One, Name Two]`",
        )
    if isinstance(data.get("tags"), str) and "," in data["tags"]:
        check.fail("tags", "`tags` is one piece of text; list the tags as `[tag one, tag two]`")
    slugs = _slug_names(check, data.get("authors"))
    if authors and not slugs and "authors.0" not in lines:  # `[…]`: no lines of entries
        _split_surname(check, data["authors"])
    truncated = False
    if authors is not None:
        if authors and names.is_truncation(authors[-1]):
            authors, truncated = authors[:-1], True
        if any(map(names.is_truncation, authors)):
            raw = data["authors"] if isinstance(data["authors"], list) else []
            early = next(  # the first `et al.` written before the end, to name its line
                (str(i) for i, name in enumerate(raw[:-1]) if names.is_truncation(str(name))),
                None,
            )
            check.fail(
                "authors",
                "`et al.` may only end the author list; move it after the last name, or remove it",
                early,
            )
        if not authors and truncated:  # (a list of blank names is empty: Checker.required)
            check.fail("authors", "`authors` must list at least one name, not only `et al.`")
    if len(problems.items) > before or slug is None:
        return None
    abstract = fields.pop("abstract", None) or body
    fields.pop("slug", None)
    return Paper(
        slug=slug,
        source=source.path,
        abstract=abstract,
        authors=tuple(authors or ()),
        authors_truncated=truncated,
        lines=_kept_lines(lines),
        **{key: value for key, value in fields.items() if key != "authors"},
    )


def _check_own_bibtex(source: Text, entry: str, check: Checker) -> None:
    """A record's own entry is published as written in cite.bib, which readers import into
    their reference managers and compile into PDFs: an address in it that runs script
    (`url = {javascript:…}`, `\\href{data:…}{…}`, in any spelling) is refused at its line."""
    from generator.bibtex import script_links  # here: only a record with its own entry

    first = check.line("bibtex")
    written = source.text.split("\n")[first - 1] if first else ""
    block = re.match(r"\s*bibtex\s*:\s*[|>]", written) is not None  # `bibtex: |`: below
    for name, scheme, line in script_links(entry):
        check.problems.add(
            source.path,
            first + (line + 1 if block else 0),
            f"`bibtex`: the entry's `{name}` holds a `{scheme}:` address, which runs where "
            "a reader's reference manager or a PDF made from cite.bib follows it; remove "
            f"it from `{name}`, or write the page's http(s) address",
        )


def _check_body(source: Text, body: str, what: str, problems: Problems) -> None:
    """Refuse an unbalanced bidirectional control in a Markdown body (``what``), at its line,
    as in every other text field (see Checker.text)."""
    unbalanced = (unbalanced_bidi(body) or referenced_bidi(body)) if body else None
    if unbalanced is not None:
        first = BIDI.search(body) or next(
            (
                ref
                for ref in NUMERIC_REFERENCE.finditer(body)
                if BIDI.search(html.unescape(ref.group()))
            ),
            None,
        )
        at = source.text.rfind(body) + (first.start() if first else 0)
        problems.add(source.path, source.text.count("\n", 0, at) + 1, f"{what} {unbalanced}")


def parse_page(source: Text, problems: Problems) -> SitePage | None:
    """A page of the site's own from a ``.md`` file: front matter, then its Markdown text."""
    before = len(problems.items)
    begun = _begin(source, problems, PAGE_FIELDS, PAGE_KEY_HINTS)
    if begun is None:
        return None
    document, body, check = begun
    data = document.data
    _check_body(source, body, "the page's text", problems)
    if body:
        from generator.markup import over_budget  # cmark: only for a page's text

        first = source.text.count("\n", 0, source.text.rfind(body))
        too_large = over_budget(body)
        if too_large is not None:  # shown as abstracts so are: raw, in plain paragraphs
            problems.add(
                source.path,
                first + 1,
                f"the page's text is too large to show as Markdown: {too_large} (a bound "
                "that keeps every build fast), and it would be shown unformatted, as plain "
                "paragraphs; split it into pages (such as `group-2.md`, linked from this one)",
            )
    fields: dict[str, Any] = {}
    for key, value in data.items():
        if value is None or (key == "title" and blank(value)):
            continue  # empty: the same as missing (`title` is reported once, by _begin)
        if key in ("title", "description"):
            fields[key] = check.text(key, value)
        elif key == "draft":
            fields[key] = check.flag(key, value)
        elif key == "nav":
            fields[key] = check.place(key, value)
        elif key == "language":
            fields[key] = check.language(key, value, "the page's")
    slug = _slug(check, data, source.path)
    if slug in BUILT_FOLDERS:
        fix = (
            f"write another `slug:`, such as `slug: {slug}-page`"
            if "slug" in data
            else f"rename the file (such as to `{slug}-page.md`) or add a `slug:`"
        )
        check.fail(
            "slug",
            f"page slug `{slug}` would be built to {slug}/, which holds {BUILT_FOLDERS[slug]}; "
            + fix,
        )
    if len(problems.items) > before or slug is None:
        return None
    fields.pop("slug", None)
    return SitePage(
        slug=slug, source=source.path, body=body, lines=_kept_lines(document.lines), **fields
    )


_SLUG_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def slug_shown(name: str) -> str | None:
    """The name as pages should show it where ``name`` is written as a slug
    (`ada-lovelace`: `Ada Lovelace`); None for a name written as one."""
    if not _SLUG_NAME.fullmatch(name.strip()):
        return None
    return " ".join(part.capitalize() for part in name.strip().split("-"))


def _slug_names(check: Checker, written: Any) -> bool:
    """Refuse an author written as a record's slug (`ada-lovelace`): pages show it as is.

    Papers name their authors as the pages should show them; a site author is found by
    name and aliases, never by the slug of their record.
    """
    if not isinstance(written, list):
        return False
    found = False
    for index, name in enumerate(written):
        if isinstance(name, str) and (shown := slug_shown(name)):
            check.fail(
                "authors",
                f"`{name.strip()}` in `authors` looks like a file name (a slug), and pages "
                f"would show it so; write the name as it should show, such as `{shown}` "
                "(a site author is found by the `name` or `aliases` of their record)",
                str(index),
            )
            found = True
    return found


# One word of a script that puts spaces between a name's parts (Latin, Greek, Cyrillic):
# `李华` or `김민수` is a whole name without a space.
_ONE_WORD = re.compile(
    r"[A-Za-z\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff\u0370-\u03ff\u0400-\u04ff.'’-]+"
)


def _split_surname(check: Checker, written: Any) -> None:
    """Refuse ``[Müller, Zoë]``: one name written last name first, split by YAML's comma.

    Read as two people, `Müller` and `Zoë`, it silently matches no site author (the paper
    is not theirs, their name is not bold, both words count as co-authors). Two one-word
    names in a row are that slip far more often than two people each known by one name,
    who can still be listed one per `- ` line.
    """
    if not isinstance(written, list):
        return
    for first, second in itertools.pairwise(written):
        if not (isinstance(first, str) and isinstance(second, str)):
            continue
        pair = _ONE_WORD.fullmatch(first.strip()) and _ONE_WORD.fullmatch(second.strip())
        if pair and not names.is_truncation(second):
            check.fail(
                "authors",
                f"`{first}, {second}` in `[…]` is read as two names, `{first}` and `{second}`, "
                f"as a comma separates them there; write `{second} {first}`, or quote it: "
                f"`'{first}, {second}'` (two people known by one name each: one per `- ` line)",
            )
            return


def _kept_lines(lines: Mapping[str, int]) -> dict[str, int]:
    """The lines a record keeps once read: its fields' and its mappings' keys (``links.code``).

    The line of each list entry (``authors.7``) serves the checks while the file is read;
    kept, it would be ~15 more entries in each of 10,000 records, in memory and the cache.
    """
    return {key: line for key, line in lines.items() if not key.rpartition(".")[2].isdigit()}


def _several_names(text: str) -> bool:
    """Whether an author list written as one string holds more than one name.

    "Lee, Ann" is one name written last name first; "Ann Lee, Bob Smith", "Ann Lee and
    Bob Smith" and "Lee, A.; Smith, B." are several.
    """
    if ";" in text or re.search(r"\s(?:and|&)\s", text):
        return True
    parts = [part.split() for part in text.split(",")]
    return len(parts) > 1 and all(len(words) > 1 for words in parts)


# An author's link under another template's name for it (academicpages' `googlescholar`
# and `semantic`, a hand's `google_scholar`): the profile read "googlescholar".
_OTHER_LINK_NAMES = {
    **dict.fromkeys(("googlescholar", "google_scholar", "google-scholar"), "scholar"),
    **dict.fromkeys(("semanticscholar", "semantic-scholar"), "semantic_scholar"),
}


def _our_link_names(links: dict[str, str]) -> dict[str, str]:
    """``links`` with each name of `_OTHER_LINK_NAMES` as ours, where ours is not there."""
    named: dict[str, str] = {}
    for name, url in links.items():
        ours = _OTHER_LINK_NAMES.get(name, name)
        if ours in links or ours in named:
            named[name] = url
        else:  # `googlescholar: qc6CJjYAAAAJ`, an id, as `scholar:` takes it (see validate)
            named[ours] = profile_link(ours, url) or url
    return named


def _before(earlier: PartialDate, later: PartialDate) -> bool:
    """Whether ``earlier`` is surely before ``later``, read to the parts both have: a
    reprint of 2024 is not before its first publication on 2024-01-01 (a missing month
    counted as the earliest, and the book was refused)."""
    first, second = earlier.to_shared_parts(later)
    return first < second


# An author's `order:` is a place in a list: Hugo's `weight` (-100, 10, 200) is one
ORDER_LIMIT = 99999
# An author's fields of one piece of text each
_AUTHOR_TEXTS = frozenset(
    ("name", "field", "affiliation", "position", "group", "email", "photo", "metrics_source")
)


def parse_author(source: Text, problems: Problems) -> Author | None:
    """An author record from a ``.yaml`` file."""
    before = len(problems.items)
    begun = _begin(source, problems, AUTHOR_FIELDS, AUTHOR_KEY_HINTS)
    if begun is None:
        return None
    document, _, check = begun
    data, lines = document.data, document.lines
    fields: dict[str, Any] = {}
    for key, value in data.items():
        if value is None or (
            key in _AUTHOR_TEXTS
            and (isinstance(value, str) or key in ("name", "group"))
            and blank(value)
        ):
            # empty: the same as missing (`name` is reported once, by _begin); a `group: ""`
            # was a group of its own, listed after every named one without a heading, and a
            # zero-width space alone an empty line of affiliation, or a photo of nothing
            continue
        if key in _AUTHOR_TEXTS:
            fields[key] = check.text(key, value)
        elif key == "order":
            fields[key] = check.number(
                key, value, -ORDER_LIMIT, ORDER_LIMIT, advice="; lower comes first, as `order: 1`"
            )
        elif key == "bio":
            fields[key] = check.markdown(key, value)
        elif key == "aliases" and isinstance(value, str) and _several_names(value):
            # `aliases: A. Lovelace and Ada King` was one alias that matched no paper
            check.fail(
                key,
                "`aliases` is one piece of text with several names; list them one per line "
                "(`- Name`) or as `[Name One, Name Two]`",
            )
        elif key == "aliases":
            fields[key] = check.strings(key, value)
        elif key == "links":
            links = check.links(key, value)
            fields[key] = _our_link_names(links) if links else links
        elif key == "metrics":
            fields[key] = _declared_metrics(check, value)
    if fields.get("group"):  # a heading, on one line: `group: "PhD\n  students"` (a YAML
        # block) is `PhD students`, as the page shows it; its warnings broke over lines
        fields["group"] = " ".join(fields["group"].split())
    email = fields.get("email")
    if email and email[:7].lower() == "mailto:":  # the theme links it with `mailto:` itself
        fields["email"] = email = email[7:].strip()
    if email and (problem := email_problem(email)):  # a link to nobody, or not a mailto: one
        check.fail("email", problem)
    photo = (fields.get("photo") or "").strip()
    if photo and (url_problem(photo) or _SCHEME.match(photo)):
        # An <img> from another host is a request from every visitor's browser to it
        # (a tracking pixel, or a picture that changes later): the site loads only its own.
        # One message for every address that is not a file of the site, so that the hint
        # for a link (`//host`: "write it with https://") does not lead to a second error.
        problem = url_problem(photo)
        if problem is None or _OTHER_HOST.match(photo):
            why = f"is on another host ({photo}); the site loads nothing from other hosts"
        else:  # `data:`, `C:/Users/…`, `javascript:`: the reason, without a link's hint
            why = problem.partition(";")[0]
        check.fail(
            "photo",
            f"`photo` {why}: save the picture in static/ and write its path, "
            "such as `photo: static/photo.jpg`",
        )
    elif photo:
        fields["photo"] = as_followed(photo)  # `static/my photo.jpg`, valid as a src
    slug = _slug(check, data, source.path)
    if len(problems.items) > before or slug is None:
        return None
    fields.pop("slug", None)
    return Author(slug=slug, source=source.path, lines=_kept_lines(lines), **fields)


def _declared_metrics(check: Checker, value: Any) -> dict[str, float] | None:
    """Declared metric values: whole numbers, and novelty as a fraction or a percentage."""
    if not isinstance(value, dict):
        check.fail("metrics", f"`metrics` must be a mapping such as `h_index: 24`, not {value!r}")
        return None
    result: dict[str, float] = {}
    for key, item in value.items():
        if key is None:  # `null:` or `~:`, which YAML reads as no name
            check.fail(
                "metrics", "a metric in `metrics` has no name; write it as `h_index: 24`", "null"
            )
            continue
        key = str(key)
        if key in ("metrics_source", "source"):  # the source of them all, written among them
            check.fail(
                "metrics",
                f"`{key}` is not a metric: the source of the declared metrics is a field of "
                "its own, beside `metrics:`; move it out of the list, without the indent, as "
                "`metrics_source: Google Scholar, 2026-11`",
                key,
            )
            continue
        if key not in DECLARED_METRICS:
            close = difflib.get_close_matches(key, DECLARED_METRICS, n=1)
            hint = (
                f"; did you mean `{close[0]}`?"
                if close
                else f"; known: {', '.join(DECLARED_METRICS)}"
            )
            check.fail("metrics", f"unknown metric `{key}`{hint}", key)
            continue
        written = item
        if key == "novelty" and isinstance(item, str) and item.strip().endswith("%"):
            with contextlib.suppress(ValueError):
                item = float(item.strip()[:-1]) / 100
        # `metrics.h_index`: the message names the metric and points at its own line.
        where = f"metrics.{key}"
        if key == "novelty":
            # One problem, one message: what is wrong, then how to write it.
            advice = "; write novelty as a fraction (0.47) or a percentage ('47%')"
            if written is not item and not 0 <= item <= 1:  # '147%': said as written
                check.fail(where, f"`{where}` {written!r} is not a share from 0% to 100%{advice}")
                continue
            number = check.number(where, item, 0, 1, advice=advice)
        elif key == "score":
            number = check.number(where, item, 0, 100)
        else:
            integer = check.integer(where, item)
            number = None if integer is None else float(integer)
        if number is not None:
            result[key] = number
    return result
