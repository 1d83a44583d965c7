"""A BibTeX file → its entries with their values evaluated (still LaTeX).

bibtexparser v2 splits the file into blocks and keeps each entry's raw text and line;
it does not evaluate ``#`` concatenation or ``@string`` macros, so values are evaluated
here, against the file's macros and the standard month macros. Blocks bibtexparser could
not read are named by type, key and line, with what to fix.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bibtexparser.library import Library
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry
from bibtexparser.splitter import Splitter

from generator.errors import ContentError, Problem
from generator.ids import shown
from generator.ingest.latex import brace_closings, decode, utf8_letters
from generator.ingest.sniff import check_bibtex
from generator.ingest.sources import open_source

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# The standard month macros expand to the full name, as in BibTeX's own styles.
_MONTH_MACROS = dict(zip(MONTHS, MONTH_NAMES, strict=True))
# Month text (macro or name, any case) → number.
MONTH_NUMBERS = {m: i for i, m in enumerate(MONTHS, start=1)}
MONTH_NUMBERS.update({n.lower(): i for i, n in enumerate(MONTH_NAMES, start=1)})

# Fields reference managers write for their owner alone: attached files' paths on the
# owner's disk (Zotero, Better BibTeX, JabRef, Mendeley), reading notes and comments
# (Zotero's `annote`, one per note; JabRef's per-user `comment-<name>`), the JabRef owner,
# groups, ratings and timestamps, Mendeley's folders; BibDesk's (and Papers') dates and
# to-read mark, and its attached files: `Bdsk-File-1`, an alias in base64 that holds the
# file's path (`/Users/<name>/Dropbox/…`), and `Local-Url`, its older `file://` address;
# CiteULike's (2004-2019, exports still kept) `posted-at` and `citeulike-article-id`,
# `citeulike-linkout-N`: when and where the owner bookmarked it.
# The site serves each paper's BibTeX, so these stay out of it.
PRIVATE_FIELDS = frozenset(
    {"file", "annotation", "annote", "comment", "owner", "groups", "ranking", "priority",
     "printed", "qualityassured", "relevance", "read", "readstatus", "mendeley-groups",
     "mendeley-tags", "creationdate", "modificationdate", "date-added", "date-modified",
     "to-read", "local-url", "posted-at"}
)  # fmt: skip


# Fields al-folio's theme reads to draw its publications page (its `_config.yml` lists
# them as `filtered_bibtex_keywords`, which it strips from the BibTeX it shows): a badge,
# a thumbnail, buttons, badges' ids. None is BibTeX; a paper's cite.bib leaves them out
# (the links they hold are the record's links). The abstract, shown on the page, stays.
AL_FOLIO_FIELDS = frozenset(
    {"abbr", "additional_info", "altmetric", "arxiv", "award", "award_name", "bibtex_show",
     "blog", "code", "dimensions", "google_scholar_id", "html", "inspirehep_id", "pdf",
     "poster", "preview", "selected", "slides", "supp", "video", "website"}
)  # fmt: skip


def is_private(field: str) -> bool:
    """Whether a field stays out of the served BibTeX: one a reference manager keeps for
    its owner, or one al-folio's theme reads to draw its page."""
    name = field.lower()
    return (
        name in PRIVATE_FIELDS
        or name in AL_FOLIO_FIELDS
        or name.startswith(("comment-", "bdsk-file-", "citeulike-"))
    )


class _Undefined(Exception):
    """A value names a macro that no ``@string`` defines."""


class _TooLong(Exception):
    """A value expands to more text than any BibTeX field holds (a macro bomb)."""


# `@string{s1 = s0 # s0}`, each macro twice the one before: 30 lines expand to a gigabyte
# (BibTeX's billion laughs). No field is longer than this (an abstract: a few thousand), and
# all of a file's values together expand to a few times the file (BUDGET_PER_CHAR).
MAX_VALUE_CHARS = 100_000
# A list of names is longer: a collaboration's paper as its journal exports it names every
# author (ATLAS and CMS's combined Higgs mass paper, 5,154 of them: ~120,000 characters),
# and the whole file was refused as a macro bomb. As many as the longest lists published
# (some 15,000 names) fit under this.
MAX_NAMES_CHARS = 1_000_000
NAME_FIELDS = frozenset({"author", "editor"})
BUDGET_PER_CHAR = 10
# What a macro left out for its length stands for: a value that uses it is too long too.
_DROPPED = "".join(["\0", "dropped"])


class _RunOn(Exception):
    """A value is followed by more text before its comma (a comma is missing)."""


def group_end(part: str) -> int:
    """Where the ``{...}`` or ``"..."`` group that opens ``part`` closes."""
    depth = 0
    for index, char in enumerate(part):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and part[0] == "{":
                return index
        elif char == '"' and index > 0 and depth == 0 and part[0] == '"':
            return index
    return len(part) - 1


@dataclass
class Evaluated:
    """An entry with its values evaluated (still LaTeX) and what evaluating needed."""

    block: Entry
    fields: dict[str, str]
    lines: dict[str, int]
    used_macros: bool
    unreadable: bool = False  # a field could not be read (already reported)


def _split_value(raw: str) -> list[str]:
    """The ``#``-separated parts of a raw value, outside braces and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(raw[start:index].strip())
            start = index + 1
    parts.append(raw[start:].strip())
    return parts


# A bare value (a number or a macro) run on into the next field: `2020\n  publisher = …`
_BARE_RUN_ON = re.compile(r"[^\s{}\"]+\s+([A-Za-z][\w:.+-]*\s*=.*)", re.DOTALL)


def evaluate(raw: str, macros: dict[str, str], limit: int = MAX_VALUE_CHARS) -> tuple[str, bool]:
    """A raw value's text (macros expanded, outer delimiters gone); whether it used a macro.

    Raises ``_TooLong`` past ``limit`` characters, ``_Undefined`` for an unknown macro.
    """
    pieces: list[str] = []
    used, size = False, 0
    for part in _split_value(raw):
        if pieces:
            size += len(pieces[-1])
            if size > limit:
                raise _TooLong

        if len(part) >= 2 and part[0] in '{"':
            end = group_end(part)
            if end < len(part) - 1:
                # "{A} author = {B}": the value ran into the next field; "{<https://…}>"
                # (a README's Markdown autolink around ADS's adsurl): text after the
                # value, which BibTeX refuses too. It was named an undefined macro.
                raise _RunOn(part[end + 1 :].strip().splitlines()[0])
            pieces.append(part[1:-1])
        elif part.isdigit():
            pieces.append(part)
        elif part.lower() in macros:
            if macros[part.lower()] is _DROPPED:
                raise _TooLong
            pieces.append(macros[part.lower()])
            used = used or part.lower() not in MONTHS
        elif run_on := _BARE_RUN_ON.match(part):
            # `year = 2020` and, on the next line, `publisher = {ACM}` with no comma
            # between: bibtexparser reads the two as one bare value, which was named an
            # undefined macro, "2020 publisher = {ACM}", with a file of macros to give.
            raise _RunOn(run_on.group(1).splitlines()[0])
        else:
            raise _Undefined(part)
    if size + len(pieces[-1] if pieces else "") > limit:
        raise _TooLong
    return "".join(pieces), used


def value_text(raw: str, macros: dict[str, str]) -> str | None:
    """A raw value's text as BibTeX prints it, an undefined macro as nothing (BibTeX warns
    and goes on); None past ``MAX_VALUE_CHARS`` or with text run on after it."""
    macros = dict(macros)
    while True:
        try:
            return evaluate(raw, macros)[0]
        except _Undefined as undefined:
            macros[str(undefined).lower()] = ""
        except (_TooLong, _RunOn):
            return None


# JabRef heads a file with its encoding; older versions wrote ISO8859_1 (Latin-1) files.
_DECLARED = re.compile(rb"^%\s*Encoding:\s*([\w.-]+)", re.IGNORECASE | re.MULTILINE)


def bibtex_text(source: str) -> str:
    """The file as text: UTF-8, or the encoding its JabRef header declares.

    A file with no entry at all (a PDF, an archive, a log given by mistake) is refused
    before it is read whole.
    """
    with open_source(source) as stream:
        check_bibtex(stream, source)
        data = stream.read()
    declared = _DECLARED.search(data[:500])  # in the file's first comment lines
    if declared:
        name = declared.group(1).decode("ascii").replace("_", "-")
        try:
            return data.decode(name).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong declaration: read it as UTF-8, which names the line
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # JabRef's older files and Windows editors save Windows-1252 (Latin-1 but for its
        # bytes 0x80-0x9f: `’` is 0x92): the byte read so shows whether it is, and
        # JabRef's header, one line to add, reads the file as such.
        byte = data[exc.start]
        line = data[: exc.start].count(b"\n") + 1
        message = (
            f"not UTF-8 text (byte 0x{byte:02x}, {bytes([byte]).decode('cp1252', 'replace')!r} "
            "in Windows-1252); save the file as UTF-8 and try again, or, if it is "
            "Windows-1252 or Latin-1, add the line `% Encoding: windows-1252` at its top "
            "(JabRef's header)"
        )
        raise ContentError([Problem(source, line, message)]) from None


# What the comment scan stops at: braces and quotes (which open values, where `%` is a
# character: `50% of`), escaped ones (which do not), ends of lines, and `%`.
_COMMENT_SCAN = re.compile(r'\\[{}"%]|[{}"\n%)]|@[ \t]*([A-Za-z][\w-]*)[ \t]*[{(]')


class _Counting(Splitter):
    """bibtexparser's splitter, which says each entry it splits off."""

    def __init__(self, text: str, found: Callable[[], None]) -> None:
        super().__init__(text)
        self._entry_found = found

    def _handle_entry(self, *args: Any) -> Any:
        entry = super()._handle_entry(*args)
        self._entry_found()
        return entry


def split(text: str, found: Callable[[], None]) -> Library:
    """The file's blocks, as ``parse_string(text, parse_stack=[])`` gives them; ``found``
    is called for each entry as it is split off (a large file's split takes a second).

    ``_handle_entry`` is bibtexparser's own (2.0 to 2.1), called once an entry: were it
    renamed, the split would give the same blocks, uncounted. Once an entry costs nothing
    that can be measured: 10,000 calls beside a split of 0.7 s.
    """
    return _Counting(text, found).split()


# Where bibtexparser starts an entry: `@type{` or `@type(`, but a comment, macro or preamble.
_ENTRY_START = re.compile(r"@(?!comment|string|preamble)\w*[ \t]*[{(]", re.IGNORECASE)


def entries_in(text: str) -> int:
    """About how many entries bibtexparser finds in ``text`` (7 ms for 10,000 entries)."""
    return sum(1 for _ in _ENTRY_START.finditer(text))


def without_comments(text: str) -> str:
    """The text less `%` comments between fields and lines that start with `%`; each
    comment's line stays, empty, so lines keep their numbers.

    People comment a field or a whole entry out with `%` (biber and JabRef read it so):
    `% doi = {...},` was read as a field named "% doi" (written into cite.bib), one
    without a comma took the next field's value with it, `% @article{old, ...}` was
    imported, and `title = {T}, % note` lost the next field.
    """
    if "%" not in text:
        return text
    pieces: list[str] = []
    depth, quoted, line_start, kept, position = 0, False, 0, 0, 0
    parens = False  # the entry at depth 1 is `@type(...)`, which a `)` closes
    free = False  # the block at depth 1 is an @comment or @preamble
    written = -1  # the start of the last line found to have text before a `%`
    while (token := _COMMENT_SCAN.search(text, position)) is not None:
        position = token.end()
        char = token.group(0)
        if char == "\n":
            line_start = position
        elif char.startswith("@"):  # `@article(key, ...)`: its body is as in braces
            if depth == 0:
                depth, parens = 1, char.endswith("(")
                # An @comment's text is its own (`@comment{50% done}`), as is a preamble's.
                free = token.group(1).lower() in ("comment", "preamble")
            elif char.endswith("{"):
                depth += 1
        elif char == "{":
            parens, free = (parens, free) if depth else (False, False)
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
            quoted = quoted and depth > 0  # a `"` left open dies with its block
        elif char == ")":
            if depth == 1 and parens and not quoted:
                depth, parens = 0, False
        elif char == '"' and depth == 1 and not free:  # a quoted value in an entry
            quoted = not quoted
        elif char == "%" and depth <= 1 and not quoted and not (depth == 1 and free):
            # Each line is looked at once (a line of `a%a%a%...` was looked at per `%`).
            if written != line_start and text[line_start : token.start()].strip():
                written = line_start
            if depth == 0 and written == line_start:
                continue  # text outside entries, which BibTeX reads as a comment anyway
            end = text.find("\n", position)
            end = len(text) if end < 0 else end
            pieces.append(text[kept : token.start() if written == line_start else line_start])
            kept = position = end
    pieces.append(text[kept:])
    return "".join(pieces)


# An @comment block: biber's reader (btparse) and bibtex-ruby (jekyll-scholar's, so
# al-folio's) take the whole text between its delimiters, braces balanced, as the
# comment. Sites comment old entries out so (2jungeuni/2jungeuni.github.io wraps al-folio's
# samples in `@comment{ @book{einstein1920relativity, …} … }`): bibtexparser ends a block
# at an `@` that starts a line, so the entries within were imported, as papers of the
# site's owner, and the comment said to be "never closed".
_COMMENT_BLOCK = re.compile(r"@[ \t]*comment[ \t]*([{(])", re.IGNORECASE)
_DELIMITERS = re.compile(r"(?<!\\)[{})]")  # as bibtexparser counts them: `\{` is none


def without_comment_blocks(text: str) -> str:
    """The text with each @comment block's own text blanked, its lines kept (so lines
    keep their numbers). A block whose braces never close is left as it is: it runs on to
    the next block, and :func:`failed_blocks` says so."""
    if "@" not in text:
        return text
    pieces: list[str] = []
    kept = 0
    while (found := _COMMENT_BLOCK.search(text, kept)) is not None:
        end = _block_end(text, found.end(), found.group(1))
        if end is None:
            break
        pieces += [text[kept : found.end()], re.sub(r"[^\n]", " ", text[found.end() : end])]
        kept = end
    return "".join(pieces) + text[kept:]


def _block_end(text: str, start: int, opener: str) -> int | None:
    """Where the block opened by ``opener`` just before ``start`` closes, or None."""
    depth = 0
    for mark in _DELIMITERS.finditer(text, start):
        char = mark.group()
        if char == "{":
            depth += 1
        elif char == "}" and depth:
            depth -= 1
        elif depth == 0 and char == ("}" if opener == "{" else ")"):
            return mark.start()
    return None


def _from_line(text: str, line: int) -> str:
    """The text from a line on (counted from 1), a few lines of it."""
    return "\n".join(text.split("\n", line + 3)[line - 1 : line + 2])


def failed_blocks(library: Library, origin: str, notes: list[str], text: str = "") -> list[Problem]:
    """Blocks bibtexparser could not read, each named by its type, key and line.

    A key used twice is no reason to lose a paper: Crossref's and ORCID's exports name
    entries ``Surname_Year``, so two papers of one year share a key. Both are imported.
    """
    problems = []
    for failed in library.failed_blocks:
        line = (failed.start_line or 0) + 1
        head = re.match(r"\s*@(\w+)\s*[{(]\s*([^,\s]*)", failed.raw or "")
        what = f"@{head.group(1)} entry '{head.group(2)}'" if head else "a block"
        if isinstance(failed, DuplicateBlockKeyBlock):
            notes.append(
                f"{origin}:{line}: {what}: the key is used twice; both entries are "
                "imported (rename one in your file to cite them apart)"
            )
        elif head and head.group(1).lower() == "comment":
            # BibTeX reads no @comment at all; a `{` of its text never closed (a BibDesk
            # group, `<string>Mine {draft</string>`, or a JabRef group so named, in the
            # groups its app writes at the file's end) ended it at the next block. bibtexparser
            # reads the blocks after it; the import was refused, nothing written.
            notes.append(
                f"{origin}:{line}: @comment: a `{{` in its text is never closed, so it runs "
                "on to the next block, which is read; a comment is imported in no way, as "
                "BibTeX reads none (close the brace to keep the file tidy)"
            )
        elif head and head.group(1).lower() == "string" and _runs_on(failed):
            # `@string{ieee = {IEEE}` with its closing brace lost: "could not be read:
            # Unexpected block start", or, earlier, advice to give the macro a citation key.
            named = re.match(r"\s*@\w+\s*[{(]\s*([^\s=,{}\"]*)", failed.raw or "")
            macro = f" '{named.group(1)}'" if named and named.group(1) else ""
            problems.append(Problem(origin, line, (
                f"@string{macro} is never closed: a `}}` is missing at its end or in its "
                "value (each entry that uses the macro then finds it undefined); add the "
                "missing `}`"
            )))  # fmt: skip
        elif _private_duplicates(failed):
            continue  # Zotero writes one `annote` per note: read, and left out of cite.bib
        elif _private_duplicates(failed, _REPEATED_NUMBERS):
            repeats = [f for f in _repeated(failed) if f.key.lower() in _REPEATED_NUMBERS]
            for key in dict.fromkeys(f.key.lower() for f in repeats):
                again = [f for f in repeats if f.key.lower() == key]
                times, all_ = (
                    ("twice", "both")
                    if len(again) == 1
                    else (f"{len(again) + 1} times", "them all")
                )
                notes.append(
                    f"{origin}:{(again[0].start_line or 0) + 1}: {what}: `{again[0].key}` is "
                    f"given {times} (a print and an electronic number?); the first is read, "
                    f"as BibTeX reads it, and cite.bib keeps {all_} as written"
                )
        elif _same_repeats(failed):
            for fld in _repeated(failed):
                notes.append(
                    f"{origin}:{(fld.start_line or 0) + 1}: {what}: `{fld.key}` is given "
                    "twice, the same both times; read once, and cite.bib keeps both as written"
                )
        elif isinstance(failed, DuplicateFieldKeyBlock) and isinstance(
            failed.ignore_error_block, Entry
        ):
            # bibtexparser's own message ends "Note: The entry (containing duplicates) is
            # available as `failed_block.ignore_error_block`", which is for programmers.
            for fld in _repeated(failed):
                if fld.key in failed.duplicate_keys:
                    message = f"{what}: `{fld.key}` is given twice; keep one of them"
                    problems.append(Problem(origin, (fld.start_line or 0) + 1, message))
                    break
            else:
                reason = ", ".join(sorted(failed.duplicate_keys))
                problems.append(Problem(origin, line, f"{what}: {reason} given twice"))
        elif keyless := _KEYLESS.match(failed.raw or ""):
            # `@ONLINE{` then `author = …` (READMEs' citations): bibtexparser read the
            # field's name as the key, and the entry was said never to close.
            kind, field = keyless.group(1), keyless.group(2)
            problems.append(Problem(origin, line, (
                f"@{kind} entry has no citation key: its `{{` is followed by its {field} "
                f"field; write a key before it, e.g. `@{kind}{{lee2021,`"
            )))  # fmt: skip
        elif (spaced := _SPACED_KEY.match(_from_line(text, line))) and re.search(
            r"[\s{}\\]", spaced.group(2)
        ):
            # bioRxiv's export builds the key from the first author's surname as typed:
            # `@article {Garc{\'\i}a Pascual2024.01.29.577802,`; BibTeX and biber refuse
            # it too. bibtexparser said "Expected comma after entry key, but found {".
            kind, key = spaced.groups()
            plain = re.sub(r"[^A-Za-z0-9:.+/_-]", "", unicodedata.normalize("NFKD", decode(key)))
            problems.append(Problem(origin, line, (
                f"@{kind} entry '{key}': a citation key holds no space, brace or "
                f"backslash; write it without them, e.g. `@{kind}{{{plain or 'lee2021'},`"
            )))  # fmt: skip
        elif colon := _COLON_FIELD.search(failed.raw or ""):
            # `urn: https://nbn-resolving.org/…` among the fields (PyTorch-Wavelet-Toolbox's
            # README): YAML's or a web page's `name: value`. bibtexparser stopped there and
            # said "Expected a `=` after entry key, but found `,`" at the entry's first line.
            name, value = colon.group(1), colon.group(2).rstrip().rstrip(",").rstrip()
            offset = (failed.raw or "")[: colon.start(1)].count("\n")
            problems.append(Problem(origin, line + offset, (
                f"{what}: `{name}: {shown(value)}` is no BibTeX field (a field is written "
                f"with `=`); write `{name} = {{{shown(value)}}},` or delete the line"
            )))  # fmt: skip
        elif head and "Expected comma after entry key" in _reason(failed):
            # `@article{lee2020` and the fields on the next lines, the comma after the key
            # left out: it was said never to close, "a `}` is missing in its author".
            kind, key = head.group(1), head.group(2)
            problems.append(Problem(origin, line, (
                f"{what}: no comma after its key; write `@{kind}{{{key},`"
            )))  # fmt: skip
        elif "Expected a `=` after entry key, but found `,`" in _reason(failed):
            # `author = {Lee, Ann},,`: a field left empty between two commas; it was said
            # never to close. The block ends at the first of them.
            raw = (failed.raw or "").rstrip()
            field = re.findall(r"^[ \t]*([A-Za-z][\w:.+-]*)[ \t]*=", raw, re.MULTILINE)
            after = f" after its {field[-1]}" if field else ""
            problems.append(Problem(origin, line + raw.count("\n"), (
                f"{what}: two commas with no field between them{after}; delete one"
            )))  # fmt: skip
        elif (unclosed := _unclosed(failed.raw or "")) is not None:
            name, offset, mark = unclosed
            closing = "}" if mark == "{" else '"'
            message = (
                f"{what}: the `{mark}` that opens its {name} is never closed (the entry runs "
                f"on to the next one, or to the end of the file); add the missing `{closing}`"
                if mark
                else f"{what} is never closed: a `}}` is missing in its {name}, or at the "
                "entry's end"
            )
            problems.append(Problem(origin, line + offset, message))
        else:
            reason = getattr(failed.error, "abort_reason", None) or str(failed.error)
            problems.append(Problem(origin, line, f"{what} could not be read: {reason}"))
    return problems


def _reason(failed: object) -> str:
    """Why bibtexparser gave up on a block, as it says it."""
    return str(getattr(getattr(failed, "error", None), "abort_reason", "") or "")


def _runs_on(failed: object) -> bool:
    """Whether bibtexparser gave up on a block for want of its closing brace: it met the
    next block, or the file's end, first."""
    reason = _reason(failed)
    return "still looking for closing" in reason or "end of file" in reason


# An entry's key as written up to its comma, on its first lines.
_SPACED_KEY = re.compile(r"\s*@(\w+)\s*[{(]\s*([^,=\n]*?[^,=\s])\s*,")
# An entry whose `{` is followed by a field, not a key.
_KEYLESS = re.compile(r"\s*@(\w+)\s*[{(]\s*([A-Za-z][\w:.+-]*)\s*=")
# The line bibtexparser stopped at, when it is a field written `name: value` (its last).
_COLON_FIELD = re.compile(r"\n[ \t]*([A-Za-z][\w-]*)[ \t]*:[ \t]*(\S[^\n]*)$")
# A field's start: its name and `=` (`author = {…}` after a value whose comma is lost).
_FIELD_START = re.compile(r"[A-Za-z][\w:.+-]*\s*=")
# A field's start on its own line (`  title = {`), and what opens or closes a value.
_FIELD_LINE = re.compile(r"[ \t]*([A-Za-z][\w:.+-]*)[ \t]*=")
_DELIMITER = re.compile(r'\\[{}"]|[{}"]')


def _unclosed(raw: str) -> tuple[str, int, str] | None:
    """The field of a block that bibtexparser could not read whose value's ``{`` or ``"``
    is never closed: its name, its line within the block (from 0), and the mark (none
    when the block never closes but each value seems to: the last one is named).

    bibtexparser said only "Unexpectedly reached end of file." at the entry's first line,
    which leaves a person to count the braces of every field.
    """
    depth, quoted, field = 0, False, None
    for number, line in enumerate(raw.splitlines()):
        starts = _FIELD_LINE.match(line)
        if starts and (depth > 1 or quoted) and field is not None:
            return field  # a field starts inside the last one's value: that one is open
        if starts and depth == 1:
            field = (starts.group(1).lower(), number, "{")
        for mark in _DELIMITER.findall(line):
            if mark == "{":
                depth += 1
            elif mark == "}":
                depth -= 1
            elif mark == '"' and depth == 1:
                quoted = not quoted
                if field is not None and quoted:
                    field = (field[0], field[1], '"')
                elif field is not None:
                    field = (field[0], field[1], "{")
    if field is None or depth < 1:
        return None
    # Open to the end: that value's `{` or `"`; or the last value took the entry's `}`.
    return field if depth > 1 or quoted else (field[0], field[1], "")


# Fields a book has two of, which some exporters write twice: IRIS (the repository of
# most Italian universities) gives a chapter's print and electronic ISBN as two `isbn`
# fields. BibTeX reads the first and warns; each such entry refused the whole file.
_REPEATED_NUMBERS = frozenset({"isbn", "issn"})


def _repeated(failed: object) -> list[Any]:
    """The fields of a block that repeat one before them (`title`, then `Title`)."""
    block = getattr(failed, "ignore_error_block", None)
    seen: set[str] = set()
    found = []
    for fld in block.fields if isinstance(block, Entry) else []:
        if fld.key.lower() in seen:
            found.append(fld)
        seen.add(fld.key.lower())
    return found


def _private_duplicates(failed: object, also: frozenset[str] = frozenset()) -> bool:
    """Whether a block failed only for repeating fields the served BibTeX leaves out
    (or those of ``also``)."""
    return (
        isinstance(failed, DuplicateFieldKeyBlock)
        and isinstance(failed.ignore_error_block, Entry)
        and all(is_private(key) or key.lower() in also for key in failed.duplicate_keys)
    )


def _bare(value: object) -> str:
    """A field's value without its braces or quotes and with its blanks folded."""
    text = str(value).strip()
    if len(text) > 1 and (text[0], text[-1]) in (("{", "}"), ('"', '"')):
        text = text[1:-1]
    return " ".join(text.split())


def _same_repeats(failed: object) -> bool:
    """Whether a block failed only for a field given twice with one value (al-folio sites'
    `year = "2024"` and, further down, `year={2024}`): nothing to choose between, and
    the entry was refused with the whole import."""
    if not isinstance(failed, DuplicateFieldKeyBlock):
        return False
    block = failed.ignore_error_block
    if not isinstance(block, Entry):
        return False
    values: dict[str, set[str]] = {}
    for fld in block.fields:
        values.setdefault(fld.key.lower(), set()).add(_bare(fld.value))
    return all(len(values.get(key.lower(), set())) == 1 for key in failed.duplicate_keys)


def _read_anyway(failed: object) -> Entry | None:
    """The entry of a failed block that is imported all the same: its key is another
    entry's, or only fields left out of cite.bib repeat."""
    entry = getattr(failed, "ignore_error_block", None)
    if not isinstance(entry, Entry):
        return None
    if isinstance(failed, DuplicateBlockKeyBlock) or _private_duplicates(failed, _REPEATED_NUMBERS):
        return entry
    if _same_repeats(failed):
        return entry
    return None


def _month_number(text: str) -> int | None:
    """The month a name or abbreviation names (``July``, ``Sept.``, ``jul``), if any."""
    word = text.strip().rstrip(".").lower()
    return MONTH_NUMBERS.get(word) or (MONTH_NUMBERS.get(word[:3]) if len(word) >= 3 else None)


def file_macros(
    library: Library, origin: str, problems: list[Problem], inherited: dict[str, str]
) -> dict[str, str]:
    """The month macros, those ``inherited`` from earlier files and every ``@string``, in
    file order (later ones may use earlier)."""
    macros = {**_MONTH_MACROS, **inherited}
    for preamble in library.preambles:
        macros.update(_preamble_commands(preamble.value, macros))
    for string in library.strings:
        line = (string.start_line or 0) + 1
        try:
            macros[string.key.lower()] = evaluate(string.value, macros)[0]
        except _Undefined as exc:
            problems.append(Problem(origin, line, f"@string {string.key}: undefined macro {exc}"))
        except _TooLong:  # said once, for the first; the ones made from it are longer still
            if _DROPPED not in macros.values():
                problems.append(Problem(origin, line, _too_long(f"@string {string.key}")))
            macros[string.key.lower()] = _DROPPED
    return macros


# A command a file's @preamble defines for its entries (IRIDIA's abbrev.bib:
# `\providecommand{\MaxMinAntSystem}{{$\cal MAX$--$\cal MIN$} {Ant} {System}}`, and
# `\providecommand{\proglang}[1]{{#1}}`), kept among the macros under its name with its
# backslash, which no @string name has. One of no argument is its text; one of one
# argument that prints it as it is (`{#1}`) is `#1`. Others are left to the page.
_DEFINITION = re.compile(
    r"\\(?:providecommand|newcommand|renewcommand)\*?\s*(?:\{\\([A-Za-z]+)\}|\\([A-Za-z]+))"
    r"\s*(?:\[(\d)\])?\s*\{"
)
_IDENTITY = "#1"


def _preamble_commands(raw: str, macros: dict[str, str]) -> dict[str, str]:
    """The commands a @preamble's ``raw`` value defines that a value can be given as text."""
    try:
        text = evaluate(raw.strip(), macros)[0]
    except (_Undefined, _TooLong, _RunOn):
        return {}
    commands = {}
    closing = brace_closings(text)  # not a search from each: nested ones took minutes
    for found in _DEFINITION.finditer(text):
        if (end := closing.get(found.end() - 1)) is None:
            continue  # never closed
        body = text[found.end() : end - 1].strip()
        name = "\\" + (found.group(1) or found.group(2))
        if found.group(3) in (None, "0") and "#" not in body:
            commands[name] = body
        elif found.group(3) == "1" and body.strip("{}") == _IDENTITY:
            commands[name] = _IDENTITY
    return commands


def expand_commands(value: str, macros: dict[str, str]) -> str:
    r"""``value`` with the @preamble's commands (see ``_preamble_commands``) replaced by
    their text in braces: `{\MaxMinAntSystem}` is `{{$\cal MAX$--$\cal MIN$} {Ant}
    {System}}`, `\proglang{R}` is `{R}`. The page showed `\MaxMinAntSystem`.

    Raises ``_TooLong`` where the value would grow past ``MAX_VALUE_CHARS``: a command of
    50,000 characters used 2,000 times made a title of 100 million (12 GB, two minutes).
    """
    if "\\" not in value:
        return value
    grown = len(value)

    def replace(found: re.Match[str]) -> str:
        nonlocal grown
        body = macros.get(found.group(1))
        if body is None or not found.group(1).startswith("\\"):
            return found.group(0)
        if body != _IDENTITY:
            grown += len(body) + 2
            if grown > MAX_VALUE_CHARS:
                raise _TooLong
            return "{" + body + "}" + found.group(2)
        rest = found.group(2)
        if not rest.startswith("{"):
            return found.group(0)
        return rest  # `\proglang{R}` is `{R}`

    return _COMMAND_USE.sub(replace, value)


_COMMAND_USE = re.compile(r"(\\[A-Za-z]+)(?![A-Za-z])(\{\}|\{|)")


def _too_long(what: str, limit: int = MAX_VALUE_CHARS) -> str:
    return (
        f"{what} expands to more than {limit:,} characters (a macro built from "
        "another one several times over, or a whole text pasted into one field?); shorten "
        "it in the file and import it again; nothing was imported"
    )


def evaluate_entries(
    library: Library, macros: dict[str, str], origin: str, problems: list[Problem], budget: int
) -> dict[str, Evaluated]:
    """Every entry with its field values evaluated, by lower-case key.

    ``budget``: how many characters all values may expand to together; past it, or past
    ``MAX_VALUE_CHARS`` in one value, the rest is left unread with one problem.
    """
    entries: dict[str, Evaluated] = {}
    reused = [e for e in map(_read_anyway, library.failed_blocks) if e is not None]
    for block in [*library.entries, *reused]:
        fields: dict[str, str] = {}
        lines: dict[str, int] = {}
        used = False
        reported = len(problems)
        same: dict[str, set[str]] = {}  # each field's value as first given
        for fld in block.fields:
            same.setdefault(fld.key.lower(), {_bare(fld.value)})
        for fld in block.fields:
            key = fld.key.lower()
            if key in lines and (
                is_private(key) or key in _REPEATED_NUMBERS or _bare(fld.value) in same[key]
            ):
                continue  # the first is read, as BibTeX reads it (a note says so)
            if key in lines:  # `title` and `Title`: BibTeX's one field
                line = (fld.start_line or block.start_line or 0) + 1
                message = f"entry '{block.key}': `{fld.key}` is given twice; keep one of them"
                problems.append(Problem(origin, line, message))
                continue
            lines[key] = (fld.start_line or block.start_line or 0) + 1
            try:
                limit = MAX_NAMES_CHARS if key in NAME_FIELDS else MAX_VALUE_CHARS
                value, uses = evaluate(str(fld.value), macros, limit)
                expanded = expand_commands(value, macros)
            except _TooLong:  # the rest of the file is left unread: one problem says why
                if _DROPPED not in macros.values():
                    what = f"entry '{block.key}': {key}"
                    problems.append(Problem(origin, lines[key], _too_long(what, limit)))
                return entries
            except _Undefined as exc:
                if key == "month" and _month_number(str(exc)):
                    # doi.org's BibTeX (Crossref) writes `month=July`, a macro BibTeX does
                    # not define (it warns and goes on); the whole file was refused. The
                    # entry is written back with the standard macro (`jul`).
                    fields[key], used = str(exc), True
                    continue
                message = f"entry '{block.key}': {key} uses undefined macro '{exc}'"
                hint = (
                    " (no @string defines it; if a file of macros such as IEEEabrv.bib "
                    "does, give that file first: authorsite import bibtex IEEEabrv.bib "
                    f"{shlex.quote(origin)})"
                )
                problems.append(Problem(origin, lines[key], message + hint))
                continue
            except _RunOn as exc:
                fix = (
                    "is a comma missing after it?"
                    if _FIELD_START.match(str(exc))
                    else "delete it, or move it inside the value's closing brace"
                )
                message = f"entry '{block.key}': {key}: its value is followed by '{exc}'; {fix}"
                problems.append(Problem(origin, lines[key], message))
                continue
            budget -= len(expanded)
            if budget < 0:
                message = (
                    f"entry '{block.key}': {key}: the file's values expand to more than "
                    f"{BUDGET_PER_CHAR} times its length (its macros used many times over?); "
                    "nothing was imported"
                )
                problems.append(Problem(origin, lines[key], message))
                return entries
            uses = uses or expanded != value  # cite.bib stands alone, without the @preamble
            fields[key], used = utf8_letters(expanded), used or uses  # SciELO's `Jos\~A\copyright`
        name = block.key.lower()
        while name in entries:  # a key used twice: the second entry is a paper too
            name += "'"
        entries[name] = Evaluated(block, fields, lines, used, len(problems) > reported)
    return entries
