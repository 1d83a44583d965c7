"""BibTeX (and al-folio's ``papers.bib``) → works, with bibtexparser v2 splitting blocks.

bibtexparser v2 splits the file into blocks and keeps each entry's raw text and line;
it does not evaluate ``#`` concatenation or crossref, so values are evaluated here,
against ``@string`` macros and the standard month macros. LaTeX is turned into
Unicode for display (pylatexenc, which bibtexparser itself uses) while the original
entry is kept verbatim for ``cite.bib``; an entry that needs the file's macros or a
crossref to stand alone is written back with those resolved.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
import shlex
import unicodedata
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from bibtexparser.middlewares.names import parse_single_name_into_parts
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry
from pylatexenc import latexwalker
from pylatexenc.latex2text import (
    LatexNodes2Text,
    MacroTextSpec,
    get_default_latex_context_db,
)
from pylatexenc.macrospec import MacroSpec

from generator.errors import ContentError, Problem
from generator.ids import ARXIV_NEW, ARXIV_OLD, is_resolver_url, parse_arxiv, parse_doi, shown
from generator.ingest.sniff import check_bibtex
from generator.ingest.sources import open_source, read_text
from generator.ingest.work import (
    Work,
    arxiv_from_doi,
    as_markdown,
    bare_doi,
    check,
    close_quotes,
    fold_paragraphs,
    fold_space,
    html_to_markdown,
    normalise_date,
    normalise_title,
    split_arxiv_id,
    split_dois,
    unescape,
)
from generator.languages import language_tag
from generator.names import GROUP_NAME

# bibtexparser logs each failed block itself; we report them as problems instead.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# The standard month macros expand to the full name, as in BibTeX's own styles.
_MONTH_MACROS = dict(zip(MONTHS, MONTH_NAMES, strict=True))
# Month text (macro or name, any case) → number.
_MONTH_NAMES = {m: i for i, m in enumerate(MONTHS, start=1)}
_MONTH_NAMES.update({n.lower(): i for i, n in enumerate(MONTH_NAMES, start=1)})

TYPES = {
    "article": "article",
    "inproceedings": "conference",
    "conference": "conference",
    "proceedings": "other",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "techreport": "report",
    "report": "report",
    "manual": "other",
    "booklet": "other",
    "misc": "other",
    "online": "other",
    "unpublished": "preprint",
}
VENUE_KEYS = (
    "journal",
    "journaltitle",
    "booktitle",
    "school",
    "institution",
    "howpublished",
    "publisher",
)
# al-folio's own keys that hold a URL, onto our link keys.
LINK_KEYS = {
    "code": "code",
    "pdf": "pdf",
    "html": "paper",  # al-folio: the paper's own web page, not a project or code
    "website": "project",
    "slides": "slides",
    "video": "video",
    "data": "data",
    # al-folio's other buttons (its README lists them): they were read as al-folio's
    # fields, left out of cite.bib, and the links lost with them.
    "poster": "poster",
    "supp": "supplement",
    "blog": "blog",
}
# The link fields al-folio's page takes as a file of its assets/pdf/ folder when they
# hold no address (`slides = {talk.pdf}`).
_ASSET_KEYS = ("pdf", "slides", "poster", "supp")

# What a crossref'd volume says about itself, not about the paper in it: its DOI and URL
# name the volume (two papers inheriting them would become one record), its abstract and
# keywords describe the volume, and dblp's bookkeeping fields describe the volume's entry.
_NOT_INHERITED = frozenset(
    {"doi", "url", "urldate", "eprint", "eprinttype", "archiveprefix", "primaryclass", "arxiv",
     "abstract", "keywords", "note", "file", "timestamp", "biburl", "bibsource", "title",
     "subtitle", "titleaddon"}
)  # fmt: skip
# Volumes whose title is the booktitle of the papers that crossref them (as biblatex does).
_VOLUMES = frozenset({"proceedings", "mvproceedings", "book", "mvbook", "collection"})

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


# al-folio marks equal contribution and corresponding authors on the names themselves
# (`Einstein*†, A.`), for its own page; the names in cite.bib are plain. Some mark the
# corresponding author with a caret after the surname (`Lee^, Yong Jae`).
NAME_MARKS = re.compile(r"[*∗†‡§¶]+|(?<=\w)\^+(?=[\s,}]|$)")
# The same marks written in TeX, as a paper's own .bib has them (`Adria Recasens$^*$`,
# `Lee\textsuperscript{*}`, `$^{\dagger}$`): the name was shown as
# "Adria Recasens$^*$", and cite.bib, its star taken, kept `$^$`, which TeX refuses.
_MARK = (
    r"(?:[*∗†‡§¶#,\s]|\\(?:ast|star|dagger|ddagger|dag|ddag|S|P|\#|sharp|natural|flat)(?![A-Za-z]))"
)
TEX_MARKS = re.compile(
    rf"\$\s*\^\s*(?:\{{{_MARK}+\}}|{_MARK})\s*\$|\\textsuperscript\s*\{{{_MARK}+\}}"
)


def _unmarked(field: str, value: str) -> str:
    """An author or editor list without al-folio's marks; any other value as it is."""
    if field.lower() not in ("author", "editor"):
        return value
    return NAME_MARKS.sub("", TEX_MARKS.sub("", value))


_MARKS = "*∗†‡§¶^ "
# Zotero (and other exporters) write the characters TeX treats specially as text
# commands: `p {\textless} 0.05`, `{\textbar}V{\textbar}`. pylatexenc drops these
# (and gives `\textperiodcentered` as a dot above, `\textasciicircum` as a modifier
# letter): the text said `p 0.05`.
_TEXT_SYMBOLS = {
    "textless": "<", "textgreater": ">", "textbar": "|", "textquotedbl": '"',
    "textunderscore": "_", "textbraceleft": "{", "textbraceright": "}",
    "textperiodcentered": "·", "textasciicircum": "^",
    # pylatexenc has no text for these either; shown as written they read `\\euro 5`.
    "copyright": "©", "euro": "€", "S": "§", "P": "¶", "ddag": "‡", "slash": "/",
    "nobreakspace": "\u00a0", "checkmark": "✓",
}  # fmt: skip
# Commands that only format or space text: dropped, as TeX shows no word for them.
_FORMATTING = frozenset({
    "em", "bf", "it", "sl", "sc", "tt", "rm", "sf", "up", "md", "normalfont", "itshape",
    "bfseries", "scshape", "slshape", "upshape", "mdseries", "ttfamily", "rmfamily",
    "sffamily", "tiny", "scriptsize", "footnotesize", "small", "normalsize", "large",
    "Large", "LARGE", "huge", "Huge", "relax", "noindent", "par", "newline", "linebreak",
    "allowbreak", "nobreak", "break", "protect", "xspace", "centering", "raggedright",
    "raggedleft", "hfill", "vfill", "smallskip", "medskip", "bigskip", "null", "unskip",
    "ignorespaces", "displaystyle", "textstyle", "hline", "cr", "smallbreak", "medbreak",
    "bigbreak", "newpage", "clearpage", "pagebreak",
})  # fmt: skip
# Commands whose argument is their text (pylatexenc dropped it with them); any other
# command's arguments (`\label{sec:x}`, `\color{red}`) are no text, as before.
_TEXT_ARGUMENT = frozenset({
    "texttt", "textsf", "textup", "textmd", "textnormal", "textsl", "textrm", "mbox", "hbox",
    "fbox", "makebox", "framebox", "text", "textsuperscript", "textsubscript",
})  # fmt: skip


def _unknown_macro(node: Any, l2tobj: Any) -> str:
    """A command pylatexenc has no text for: its last argument's text (``\\texttt{BERT}``,
    ``\\mbox{A}``: pylatexenc dropped both, argument and all); one without arguments
    as written (an author's own ``\\dataset``, which left ``resulting in , a ...``),
    unless it only formats."""
    args = [arg for arg in (node.nodeargd.argnlist if node.nodeargd else []) if arg is not None]
    if args:
        return str(l2tobj.nodelist_to_text([args[-1]])) if node.macroname in _TEXT_ARGUMENT else ""
    after = node.parsing_state.s[node.pos + node.len :]
    if (
        node.macroname in _FORMATTING
        or not str(node.macroname).isalpha()  # `\\/`, italic correction
        or (after.startswith("{") and not after.startswith("{}"))  # `\\cmd{text}`: its text
    ):
        return ""
    return "\\" + str(node.macroname) + str(node.macro_post_space)


_CONTEXT = get_default_latex_context_db()
_CONTEXT.add_context_category(
    "authorsite-text-symbols",
    macros=[MacroTextSpec(name, text) for name, text in _TEXT_SYMBOLS.items()],
    prepend=True,
)
_CONTEXT.set_unknown_macro_spec(MacroTextSpec("", simplify_repl=_unknown_macro))
# A citation or cross-reference in an abstract copied from the paper: pylatexenc gives
# "<cit.>" and "<ref>", which name nothing. Shown as written, as other commands with no
# text here are, so you see what to spell out.
_REFERENCES = (
    "cite", "citep", "citet", "citealp", "citealt", "citeauthor", "citeyear", "parencite",
    "textcite", "autocite", "ref", "eqref", "autoref", "cref", "Cref", "pageref",
)  # fmt: skip
_CONTEXT.add_context_category(
    "authorsite-references",
    macros=[
        MacroTextSpec(name, simplify_repl=lambda node: str(node.latex_verbatim()))
        for name in _REFERENCES
    ],
    prepend=True,
)
_DECODER = LatexNodes2Text(latex_context=_CONTEXT, math_mode="verbatim", strict_latex_spaces=True)
# The parser's table of macros, made once: LatexNodes2Text.latex_to_text has the parser
# make it anew for every value (a third of the time of importing 2,000 entries).
_PARSER_CONTEXT = latexwalker.get_default_latex_context_db()
# BibTeX's own trick to sort a name by other letters (btxdoc: `@preamble{"\newcommand
# {\noopsort}[1]{}"}`, then `{\noopsort{Lee}}{van Lee}, Ann`): the command prints nothing.
# Its argument was read as text: "Ann Leevan Lee".
_SORT_KEYS = ("noopsort", "SortNoop", "sortnoop", "NOOPSORT", "nosort", "sortkey")
_PARSER_CONTEXT.add_context_category(
    "authorsite-sort-keys",
    macros=[MacroSpec(name, "{") for name in _SORT_KEYS],
    prepend=True,
)
# biblatex's and csquotes' quotes (`\mkbibquote{Intention}`, as biblatex's examples
# write them; Better BibLaTeX's `\enquote{…}`): the title read "Intention und …".
_QUOTES = ("enquote", "mkbibquote")
_PARSER_CONTEXT.add_context_category(
    "authorsite-quotes", macros=[MacroSpec(name, "{") for name in _QUOTES], prepend=True
)
_CONTEXT.add_context_category(
    "authorsite-quotes",
    macros=[MacroTextSpec(name, "\u201c%s\u201d") for name in _QUOTES],
    prepend=True,
)


# What pylatexenc reads as more than the characters themselves: macros, groups, math,
# comments, specials, TeX's quotes and dashes, and the spaces TeX folds. Text without any
# of them (most names and titles) comes out as it went in: tested on 40,000 such values.
_LATEX_MARKUP = re.compile(r"[\\{}$%&#^_~`\n\r\t\f]|''|--|[!?]`|  ")


def _decoded(latex: str) -> str:
    """``_DECODER.latex_to_text(latex)``, parsed with the table made once (~10 times as
    fast for a value without markup, which is returned as it is)."""
    if _LATEX_MARKUP.search(latex) is None:
        return latex
    walker = latexwalker.LatexWalker(latex, latex_context=_PARSER_CONTEXT)
    return str(_DECODER.nodelist_to_text(walker.get_latex_nodes()[0]))


class _Undefined(Exception):
    """A value names a macro that no ``@string`` defines."""


class _TooLong(Exception):
    """A value expands to more text than any BibTeX field holds (a macro bomb)."""


# `@string{s1 = s0 # s0}`, each macro twice the one before: 30 lines expand to a gigabyte
# (BibTeX's billion laughs). No field is longer than this (an abstract: a few thousand), and
# all of a file's values together expand to a few times the file (BUDGET_PER_CHAR).
MAX_VALUE_CHARS = 100_000
BUDGET_PER_CHAR = 10
# What a macro left out for its length stands for: a value that uses it is too long too.
_DROPPED = "".join(["\0", "dropped"])


class _RunOn(Exception):
    """A value is followed by more text before its comma (a comma is missing)."""


def _group_end(part: str) -> int:
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
class _Entry:
    """An entry with its values evaluated (still LaTeX) and what evaluating needed."""

    block: Entry
    fields: dict[str, str]
    lines: dict[str, int]
    used_macros: bool
    unreadable: bool = False  # a field could not be read (already reported)


# pylatexenc drops the TeX logos; they are words in a title ("A \LaTeX{} primer").
_LOGOS = re.compile(r"\\(BibTeX|LaTeXe|LaTeX|XeTeX|LuaTeX|TeX)(?![A-Za-z])(?:\{\})?")


# dblp writes inline math as ``{\(q\)}``; titles show math written as ``$q$``.
_PAREN_MATH = re.compile(r"\\\((.+?)\\\)")


# BibTeX reads a `%` in a value as a character; LaTeX would start a comment there, and so
# did pylatexenc: "finding 92.9% agreement with ..." lost all after "92.9". Abstracts
# copied from arXiv or a journal page write percentages so, as al-folio shows them.
_BARE_PERCENT = re.compile(r"(?<!\\)((?:\\\\)*)%")
# The same for `&`, which LaTeX reads as a table's column break and pylatexenc dropped:
# `publisher = {Taylor & Francis}` (as publishers' own exports write it) showed "Taylor
# Francis", and "R&D" in an abstract "R   D".
_BARE_AMPERSAND = re.compile(r"(?<!\\)((?:\\\\)*)&")


# pylatexenc fails on \href: an IndexError, a traceback from an abstract with one (and
# "\hrefhttps://a.org/text" in a title). Its text stays (a link in an abstract) and the
# address goes around pylatexenc, which reads `~` and `%` in it as TeX.
_HREF_COMMAND = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")


def _latex_to_text(text: str, links: bool = False) -> str:
    """pylatexenc's conversion, with the TeX logos kept as their names; with ``links``,
    an ``\\href`` is a Markdown link (for an abstract), else its text."""
    hrefs: list[str] = []

    def hold(match: re.Match[str]) -> str:
        address = verbatim(match.group(1))
        hrefs.append(address if links and address.startswith(("https://", "http://")) else "")
        return f"HREFOPEN{len(hrefs) - 1}X{match.group(2)}HREFEND{len(hrefs) - 1}X"

    text = _BARE_PERCENT.sub(r"\1\\%", _HREF_COMMAND.sub(hold, text))
    text = _BARE_AMPERSAND.sub(r"\1\\&", text)
    named = _LOGOS.sub(lambda m: "LaTeX2e" if m.group(1) == "LaTeXe" else m.group(1), text)
    named = _PAREN_MATH.sub(r"$\1$", named)
    plain = close_quotes(_decoded(named))
    for number, address in enumerate(hrefs):
        plain = plain.replace(f"HREFOPEN{number}X", "[" if address else "", 1)
        plain = plain.replace(f"HREFEND{number}X", f"]({address})" if address else "", 1)
    return plain


_URL_COMMAND = re.compile(r"\\url\s*\{([^{}]*)\}")


def _only_url(value: str) -> str | None:
    """The address of a value that is only an address (a bare one, or in a url command)."""
    text = verbatim(_URL_COMMAND.sub(r"\1", value.strip()))
    return text if re.fullmatch(r"https?://\S+", text) else None


def _abstract(text: str) -> str:
    """An abstract's LaTeX as Markdown text; markup pylatexenc gives up on, as written."""
    try:
        return _latex_to_text(text, links=True)
    except Exception:  # as decode: an IndexError from broken markup was a traceback
        return text.replace("{", "").replace("}", "")


def decode(text: str) -> str:
    """LaTeX accents, commands and braces → Unicode; ``$...$`` math kept as written."""
    text = _URL_COMMAND.sub(lambda m: verbatim(m.group(1)), text)  # not "<https://…>"
    try:
        return fold_space(_latex_to_text(text))
    except Exception:  # pylatexenc gives up on some broken markup; show it as written
        return fold_space(text.replace("{", "").replace("}", ""))


# dblp (and others) escape URL and DOI characters that are special to TeX: ``paper\_files``.
_TEX_ESCAPE = re.compile(r"\\([_&%#$~])")


def verbatim(value: str) -> str:
    """A URL, DOI or id as meant: TeX escapes and protecting braces removed."""
    return _TEX_ESCAPE.sub(r"\1", value.strip()).replace("{", "").replace("}", "")


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


def evaluate(raw: str, macros: dict[str, str]) -> tuple[str, bool]:
    """A raw value's text (macros expanded, outer delimiters gone); whether it used a macro.

    Raises ``_TooLong`` past ``MAX_VALUE_CHARS``, ``_Undefined`` for an unknown macro.
    """
    pieces: list[str] = []
    used, size = False, 0
    for part in _split_value(raw):
        if pieces:
            size += len(pieces[-1])
            if size > MAX_VALUE_CHARS:
                raise _TooLong

        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            end = _group_end(part)
            if end < len(part) - 1:  # "{A} author = {B}": the value ran into the next field
                raise _RunOn(part[end + 1 :].strip().splitlines()[0])
            pieces.append(part[1:-1])
        elif part.isdigit():
            pieces.append(part)
        elif part.lower() in macros:
            if macros[part.lower()] is _DROPPED:
                raise _TooLong
            pieces.append(macros[part.lower()])
            used = used or part.lower() not in MONTHS
        else:
            raise _Undefined(part)
    if size + len(pieces[-1] if pieces else "") > MAX_VALUE_CHARS:
        raise _TooLong
    return "".join(pieces), used


# JabRef heads a file with its encoding; older versions wrote ISO8859_1 (Latin-1) files.
_DECLARED = re.compile(rb"^%\s*Encoding:\s*([\w.-]+)", re.IGNORECASE | re.MULTILINE)


def _bibtex_text(source: str) -> str:
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
        # JabRef's older files and Windows editors save Latin-1: the byte read so shows
        # whether it is, and JabRef's header, one line to add, reads the file as such.
        byte = data[exc.start]
        line = data[: exc.start].count(b"\n") + 1
        message = (
            f"not UTF-8 text (byte 0x{byte:02x}, {bytes([byte]).decode('cp1252', 'replace')!r} "
            "in Latin-1); save the file as UTF-8 and try again, or, if it is Latin-1, add "
            "the line `% Encoding: windows-1252` at its top (JabRef's header)"
        )
        raise ContentError([Problem(source, line, message)]) from None


# What the comment scan stops at: braces and quotes (which open values, where `%` is a
# character: `50% of`), escaped ones (which do not), ends of lines, and `%`.
_COMMENT_SCAN = re.compile(r'\\[{}"%]|[{}"\n%)]|@[ \t]*([A-Za-z][\w-]*)[ \t]*[{(]')


def _without_comments(text: str) -> str:
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


def parse_bibtex(
    text: str,
    origin: str,
    notes: list[str] | None = None,
    shared: dict[str, str] | None = None,
) -> list[Work]:
    """Works from BibTeX text; ``origin`` names the file in messages.

    ``notes`` collects what a person should know but is no error (a key used twice).
    ``shared`` holds the ``@string`` macros of the files read before this one, as BibTeX
    reads ``\\bibliography{IEEEabrv,papers}``; this file's are added to it, and a file
    of macros alone is then no error.
    """
    library = parse_string(_without_comments(text), parse_stack=[])
    problems = _failed_blocks(library, origin, notes if notes is not None else [], text)
    macros = _macros(library, origin, problems, shared or {})
    if shared is not None:
        shared.update(macros)
    budget = BUDGET_PER_CHAR * len(text) + MAX_VALUE_CHARS
    entries = _evaluate(library, macros, origin, problems, budget)
    if not library.entries and not problems and not (library.strings and shared is not None):
        problems.append(Problem(origin, 0, "no BibTeX entries found"))
    works = []
    header = _EXPORT_DATE.search(text[: text.find("@")] if "@" in text else "")
    exported = _day(header.group(1)) if header else None  # Scopus's export
    referenced = {e.fields.get("crossref", "").lower() for e in entries.values()}
    for entry in entries.values():
        if entry.unreadable:
            continue  # its problem is reported; "has no title" would only repeat it
        if not entry.block.key.strip():  # R's `citation()`: `@Article{,`
            kind = entry.block.entry_type
            problems.append(Problem(origin, (entry.block.start_line or 0) + 1, (
                f"@{kind} entry has no citation key: nothing comes before its first comma; "
                f"write a key there, e.g. `@{kind}{{lee2021,`"
            )))  # fmt: skip
            continue
        if entry.block.key.lower() in referenced and "author" not in entry.fields:
            continue  # a volume that papers crossref (its editors are not authors), not a paper
        if entry.block.entry_type.lower() in ("xdata", "set"):
            # biblatex's shared fields (a venue's name, its year), and its entry sets
            # (`@set{stdmodel, entryset = {glashow,weinberg,salam}}`, which cite those
            # entries as one): never a paper. A set was refused as one without a title.
            continue
        found = _with_xdata(entry, entries, origin, problems, set())
        if found is None:
            continue
        entry = found
        parent = None
        if "crossref" in entry.fields:
            parent = entries.get(entry.fields["crossref"].lower())
        work = _work(entry, _lineage(parent, entries), origin, exported)
        found_problems = _yearless(entry, work) if not work.date else check(work)
        if "crossref" in entry.fields and parent is None:
            _unknown_crossref(entry, origin, found_problems, notes)
        problems.extend(found_problems)
        if notes is not None:
            notes.extend(_unlinked(entry.fields, work) + _comma_notes(entry.fields, work))
            notes.extend(_years(entry.fields, work))
        works.append(work)
    if problems:
        raise ContentError(problems)
    return works


def _unknown_crossref(
    entry: _Entry, origin: str, problems: list[Problem], notes: list[str] | None
) -> None:
    """A crossref to an entry the file lacks (one entry pasted from DBLP's "with crossref"
    BibTeX, say): BibTeX and biber warn and go on with the entry's own fields, and so does
    the import, with a note. If the entry then lacks what a paper needs, it is one more
    problem: what it lacks may be what the volume would have given."""
    line = entry.lines["crossref"]
    named = f"entry '{entry.block.key}': crossref to '{shown(entry.fields['crossref'])}'"
    if problems:
        fix = "add that entry to the file, or write its booktitle and year into this one"
        problems.append(Problem(origin, line, f"{named} is not in this file; {fix}"))
    elif notes is not None:
        notes.append(
            f"{origin}:{line}: {named} is not in this file; imported with the entry's own "
            "fields (add the volume's entry for what it would give, such as its booktitle)"
        )


def _yearless(entry: _Entry, work: Work) -> list[Problem]:
    """``check``'s problems for an entry with no date; a year written as words
    (`year = {in press}`, `{forthcoming}`) is named, at its line, with what to write."""
    problems = check(work)
    # biblatex's `pubstate = {forthcoming}` (or `inpress`, `submitted`) in place of a date,
    # which biblatex prints as the date: named as a `year` in words is.
    for key in ("date", "year", "pubstate"):
        written = fold_space(entry.fields.get(key, ""))
        if written:
            message = (
                f"{work.label}: {key} = {{{shown(written)}}} names no year; write the year "
                "it appears, e.g. year = {2025} (for a paper not out yet, its year of acceptance)"
            )
            generic = work.problem("has no date (year)")
            line = entry.lines.get(key, work.line)
            return [Problem(work.origin, line, message) if p == generic else p for p in problems]
    return problems


def _with_xdata(
    entry: _Entry,
    entries: dict[str, _Entry],
    origin: str,
    problems: list[Problem],
    seen: set[str],
) -> _Entry | None:
    """The entry with the fields of the ``@xdata`` entries its ``xdata`` names (biblatex:
    `xdata = {neurips23}`), its own fields winning; None if one is not in the file.

    They were not read: a paper that takes its booktitle and year from them had no date,
    and each ``@xdata`` entry was refused as a paper with no title and no authors.
    """
    if "xdata" not in entry.fields:
        return entry
    fields = {k: v for k, v in entry.fields.items() if k != "xdata"}
    seen = seen | {entry.block.key.lower()}
    for key in filter(None, (k.strip() for k in entry.fields["xdata"].split(","))):
        data = entries.get(key.lower())
        if data is not None and key.lower() not in seen:  # `xdata` may name more `xdata`
            data = _with_xdata(data, entries, origin, problems, seen)
        if data is None:
            message = f"entry '{entry.block.key}': xdata names unknown entry '{key}'"
            problems.append(Problem(origin, entry.lines["xdata"], message))
            return None
        for name, value in data.fields.items():
            fields.setdefault(name, value)
    fields.pop("xdata", None)
    # Written back with the shared fields in it: cite.bib stands alone.
    return replace(entry, fields=fields, used_macros=True)


def _from_line(text: str, line: int) -> str:
    """The text from a line on (counted from 1), a few lines of it."""
    return "\n".join(text.split("\n", line + 3)[line - 1 : line + 2])


def _failed_blocks(
    library: Library, origin: str, notes: list[str], text: str = ""
) -> list[Problem]:
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


# An entry's key as written up to its comma, on its first lines.
_SPACED_KEY = re.compile(r"\s*@(\w+)\s*[{(]\s*([^,=\n]*?[^,=\s])\s*,")
# An entry whose `{` is followed by a field, not a key.
_KEYLESS = re.compile(r"\s*@(\w+)\s*[{(]\s*([A-Za-z][\w:.+-]*)\s*=")
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


def _read_anyway(failed: object) -> Entry | None:
    """The entry of a failed block that is imported all the same: its key is another
    entry's, or only fields left out of cite.bib repeat."""
    entry = getattr(failed, "ignore_error_block", None)
    if not isinstance(entry, Entry):
        return None
    if isinstance(failed, DuplicateBlockKeyBlock) or _private_duplicates(failed, _REPEATED_NUMBERS):
        return entry
    return None


def _month_number(text: str) -> int | None:
    """The month a name or abbreviation names (``July``, ``Sept.``, ``jul``), if any."""
    word = text.strip().rstrip(".").lower()
    return _MONTH_NAMES.get(word) or (_MONTH_NAMES.get(word[:3]) if len(word) >= 3 else None)


def _macros(
    library: Library, origin: str, problems: list[Problem], inherited: dict[str, str]
) -> dict[str, str]:
    """The month macros, those ``inherited`` from earlier files and every ``@string``, in
    file order (later ones may use earlier)."""
    macros = {**_MONTH_MACROS, **inherited}
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


def _too_long(what: str) -> str:
    return (
        f"{what} expands to more than {MAX_VALUE_CHARS:,} characters (a macro built from "
        "another one several times over?); nothing was imported"
    )


def _evaluate(
    library: Library, macros: dict[str, str], origin: str, problems: list[Problem], budget: int
) -> dict[str, _Entry]:
    """Every entry with its field values evaluated, by lower-case key.

    ``budget``: how many characters all values may expand to together; past it, or past
    ``MAX_VALUE_CHARS`` in one value, the rest is left unread with one problem.
    """
    entries: dict[str, _Entry] = {}
    reused = [e for e in map(_read_anyway, library.failed_blocks) if e is not None]
    for block in [*library.entries, *reused]:
        fields: dict[str, str] = {}
        lines: dict[str, int] = {}
        used = False
        reported = len(problems)
        for fld in block.fields:
            key = fld.key.lower()
            if key in lines and (is_private(key) or key in _REPEATED_NUMBERS):
                continue  # the first is read, as BibTeX reads it (a note says so)
            if key in lines:  # `title` and `Title`: BibTeX's one field
                line = (fld.start_line or block.start_line or 0) + 1
                message = f"entry '{block.key}': `{fld.key}` is given twice; keep one of them"
                problems.append(Problem(origin, line, message))
                continue
            lines[key] = (fld.start_line or block.start_line or 0) + 1
            try:
                value, uses = evaluate(str(fld.value), macros)
            except _TooLong:  # the rest of the file is left unread: one problem says why
                if _DROPPED not in macros.values():
                    what = f"entry '{block.key}': {key}"
                    problems.append(Problem(origin, lines[key], _too_long(what)))
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
                message = (
                    f"entry '{block.key}': {key}: its value is followed by '{exc}'; "
                    "is a comma missing after it?"
                )
                problems.append(Problem(origin, lines[key], message))
                continue
            budget -= len(value)
            if budget < 0:
                message = (
                    f"entry '{block.key}': {key}: the file's values expand to more than "
                    f"{BUDGET_PER_CHAR} times its length (its macros used many times over?); "
                    "nothing was imported"
                )
                problems.append(Problem(origin, lines[key], message))
                return entries
            fields[key], used = value, used or uses
        name = block.key.lower()
        while name in entries:  # a key used twice: the second entry is a paper too
            name += "'"
        entries[name] = _Entry(block, fields, lines, used, len(problems) > reported)
    return entries


# A list cut short by hand: `…, et al.` or `… and et al.` at its end. A run of blanks is
# entered at its first character only (the lookbehinds): a search that could start at every
# blank of a long run, each scanning the rest, took time with the square of the run.
_ET_AL = re.compile(r"(?:(?<!\s)\s+and)?(?<![\s,])[\s,]+et\.?\s+al\.?\s*$", re.IGNORECASE)


# What splits a name list: ` and ` between words, outside braces (where `{Simon and
# Schuster}` is one name). An escaped brace counts for nothing. A run of blanks is entered
# at its first character only, as in `_ET_AL`.
_NAME_LIST_TOKEN = re.compile(r"\\[{}]|[{}]|(?<![ \t\r\n])[ \t\r\n]+and(?=[ \t\r\n])", re.I)


def split_persons(raw: str) -> list[str]:
    """The names of an author list, each as written.

    bibtexparser's splitter skips the character after a backslash: a name that starts
    with an accent (`and \\"{O}zt\\"{u}rk`, `and \\v{S}koda`) lost it (Oztürk, Skoda).
    """
    raw = raw.strip(" \t\r\n")
    names, depth, start = [], 0, 0
    for token in _NAME_LIST_TOKEN.finditer(raw):
        if token.group(0) == "{":
            depth += 1
        elif token.group(0) == "}":
            depth = max(depth - 1, 0)
        elif not token.group(0).startswith("\\") and depth == 0:
            names.append(raw[start : token.start()])
            start = token.end()
    names.append(raw[start:])
    return [name.strip() for name in names if name.strip()]


def _comma_listed(person: str) -> list[str] | None:
    """The names of a "name" that lists several between commas, as READMEs' BibTeX
    writes them (`Yann LeCun, Leon Bottou, Yoshua Bengio`; `Kaiming He, Xiangyu Zhang,
    Shaoqing Ren and Jian Sun`), else None. BibTeX reads one name of its parts ("von
    Last, Jr, First"): the record named "Yoshua Bengio Yann LeCun Leon Bottou". A name has
    at most three such parts, and its "Jr" one word: three parts of two words or more
    each are names."""
    parts = _comma_parts(person)
    return parts if len(parts) >= 3 and all(len(p.split()) >= 2 for p in parts) else None


def _comma_parts(person: str) -> list[str]:
    """``person`` split at its commas outside braces, each part stripped."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(person):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(person[start:index].strip())
            start = index + 1
    parts.append(person[start:].strip())
    return parts


def _comma_notes(fields: dict[str, str], work: Work) -> list[str]:
    """A note on each author list read as names between commas, saying what to write."""
    where = f"{work.origin}:{work.line}" if work.line else work.origin
    return [
        f"{where}: {work.label}: {key} '{fold_space(person)}' names several people between "
        f"commas, which BibTeX reads as one garbled name; imported as {len(listed)} names "
        "(write `and` between them in the file)"
        for key in ("author", "editor")
        for person in split_persons(fields.get(key, ""))
        if (listed := _comma_listed(person))
    ]


# A company's name ends so: `{Google, Inc.}` is no person "Inc. Google".
_COMPANY = frozenset({"inc", "ltd", "llc", "corp", "co", "gmbh", "ag", "plc", "sa", "bv"})


def _inverted_in_braces(person: str) -> str | None:
    """``Perren, G. I.`` where ``person`` is ``{Perren, G. I.}``, one braced name written
    surname first; else None (a corporate name such as ``{Planck Collaboration}``)."""
    person = person.strip()
    if not person.startswith("{") or _group_end(person) != len(person) - 1:
        return None
    inner = person[1:-1]
    parts = _comma_parts(inner)
    if len(parts) != 2:
        return None
    surname, given = parts[0].split(), parts[1].split()
    # Given names or initials, each a capital's (`Graeme Andrew`, `T.-O.`, `{\'E}mile`):
    # not `{Ministry of Health, Labour and Welfare}`.
    if not surname or not given or len(given) > 4 or any(w[0].islower() for w in given):
        return None
    return None if given[-1].strip(".").lower() in _COMPANY else inner


def _names(raw: str) -> list[str]:
    """``Last, First and First von Last and others`` → display names in order."""
    names = []
    # "Wang, K. et al." written by hand: the list is cut short, "et al." is no name part.
    cut = _ET_AL.search(raw)
    if cut and raw[: cut.start()].strip():
        return [*_names(raw[: cut.start()]), "et al."]
    persons = split_persons(raw)
    # EDP Sciences' export (A&A, EPJ Web of Conferences) braces each name whole, surname
    # first (`{{Perren, G. I.} and {V\'azquez, R. A.}}`), for its style to print as it is:
    # read as one surname, the card showed "Perren, G. I., Vázquez, R. A." (four names?).
    # Only where every name is so: `{Gaia Collaboration} and Vallenari, A.` is a group's.
    named = [p for p in persons if p.strip().strip("{} ").lower() != "others"]
    unbraced = [_inverted_in_braces(p) for p in named]
    if named and all(unbraced):
        persons = [_inverted_in_braces(p) or p for p in persons]
    for person in persons:
        listed = _comma_listed(person)
        if listed:
            names.extend(_names(" and ".join(listed)))
            continue
        if person.strip().strip("{} ").lower() == "others":  # `and {others}` too
            names.append("et al.")
            continue
        extended = _extended_name(person)
        if extended is not None:
            names.append(extended)
            continue
        parts = parse_single_name_into_parts(TEX_MARKS.sub("", person), strict=False)
        # A mark on a part, not only at the name's ends (`*Pang, Ce`, `∗Yadav, Sourabh`,
        # `Zhengmao, Ye*`): the name was "Ce *Pang", where cite.bib had it plain.
        given = " ".join(decode(p) for p in parts.first).strip("*∗†‡")
        family = " ".join(decode(p) for p in parts.von + parts.last).strip("*∗†‡")
        # al-folio marks equal contribution and corresponding authors with symbols.
        name = " ".join(x for x in (given, family) if x).strip(_MARKS).strip()
        if parts.jr:
            name += " " + " ".join(
                decode(p) for p in parts.jr
            )  # no comma: it reads as "Last, First"
        names.append(name)
    return names


# biblatex's extended name format, which Better BibLaTeX writes for names with particles:
# "family=Berg, given=Pieter, prefix=van den, useprefix=true".
# (One run of blanks, then maybe a brace and blanks: `\s*\{?\s*` took time with the square
# of a run of blanks that ends in no key.)
_NAME_PART = re.compile(
    r"^\s*(?:\{\s*)?(family|given|prefix|suffix|useprefix|juniorcomp)\s*=", re.I
)


def _extended_name(person: str) -> str | None:
    """A name in biblatex's ``key=value`` form as ``given prefix family suffix``; else None."""
    items = [item for item in person.split(",") if item.strip()]
    if not items or not all(_NAME_PART.match(item) for item in items):
        return None
    parts: dict[str, str] = {}
    for item in items:
        key, _, value = item.partition("=")
        parts[key.strip(" {").lower()] = decode(value.strip())
    order = ("given", "prefix", "family", "suffix")
    return " ".join(parts[k] for k in order if parts.get(k)).strip(_MARKS).strip()


def _years(fields: dict[str, str], work: Work) -> list[str]:
    """A note for a `year` of several years (`2009-2023`, a project's span), of which the
    first is the paper's: it was taken without a word."""
    written = fold_space(fields.get("year", ""))
    dated = re.match(r"\d{4}", verbatim(fields.get("date", "")))
    first = re.search(r"\d{4}", written)
    if dated or first is None or len(re.findall(r"\d{4}", written)) < 2:
        return []
    where = f"{work.origin}:{work.line}" if work.line else work.origin
    return [
        f"{where}: {work.label}: year = {{{shown(written)}}} names more than one year; "
        f"imported as {first.group(0)} (write the year the paper appeared)"
    ]


def _date(fields: dict[str, str]) -> str:
    # Web of Science doubles every value's braces: `Month = {{MAR}}` lost its month.
    date = verbatim(fields.get("date", ""))
    if re.match(r"\d{4}", date):
        return normalise_date(date)  # also a range: 2021-03-01/2021-03-05
    year = re.search(r"\d{4}", fields.get("year", ""))
    if not year:
        return ""
    month_text = verbatim(fields.get("month", "")).lower().rstrip(".")
    month_word = re.sub(r"[^a-z]", "", month_text)  # `15~aug`: the month's word
    month = _MONTH_NAMES.get(month_text) or _MONTH_NAMES.get(month_word[:3])
    if month is None and month_text.isdigit() and 1 <= int(month_text) <= 12:
        month = int(month_text)
    if not month:
        return year.group(0)
    # Springer's export and biblatex give the day too (`day = "01"`); a day the month
    # does not have is left out, not refused.
    day = verbatim(fields.get("day", ""))
    # BibTeX's way to give the day (btxdoc): `month = aug # "~15"`, or `"15~" # aug`. A
    # range (`jul # "~18--24"`) names no one day. The day was dropped.
    written = re.fullmatch(r"[a-z]+\.?[~\s]+(\d{1,2})|(\d{1,2})[~\s]+[a-z]+\.?", month_text)
    if not day and written:
        day = written.group(1) or written.group(2)
    if day.isdigit() and 1 <= int(day) <= calendar.monthrange(int(year.group(0)), month)[1]:
        return f"{year.group(0)}-{month:02d}-{int(day):02d}"
    return f"{year.group(0)}-{month:02d}"


_ARXIV_TEXT = re.compile(
    r"arxiv[:/.\s]*(?:abs/)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})", re.IGNORECASE
)


# Venues that only say "arXiv", as the exports write it: dblp's "CoRR" (the preprint),
# Google Scholar's "arXiv preprint arXiv:1803.10122", Semantic Scholar's "ArXiv", ADS's
# "arXiv e-prints". The card showed the id a second time, and every import of the paper
# from another source reported a conflict with its "arXiv".
# Zotero writes its preprints' venue (or note) as "arXiv:2010.01234 [cs]", the id's archive
# in brackets.
# Preprint servers other than arXiv, as a venue names them (and al-folio's `abbr =
# {Preprint}`). bioRxiv's and medRxiv's "Download citation" gives `@article` with
# `journal = {bioRxiv}`: the preprint was an article, so its published version, imported
# later, made a second record of the paper (an arXiv preprint and its journal version
# are one).
_PREPRINT_SERVER = re.compile(
    r"\s*(?:biorxiv|medrxiv|chemrxiv|techrxiv|psyarxiv|socarxiv|eartharxiv|engrxiv|ssrn"
    r"|research\s+square|osf\s+preprints|authorea|preprints?(?:\.org)?)\s*",
    re.IGNORECASE,
)
_ARXIV_VENUE = re.compile(
    r"\s*(?:arxiv(?:\s+preprint|\s+e-prints?)?|corr)"
    r"(?:(?:\s+|\s*:\s*)(?:arxiv:\s*|abs/)?(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?/\d{7})"
    r"(?:v\d+)?(?:\s*\[[\w.-]+\])?)?\s*",
    re.IGNORECASE,
)
_ARXIV_VOLUME = re.compile(r"\s*abs/(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})\s*")


# The paper's page or PDF on arxiv.org, in an entry's `url` (arXiv's DataCite record, JabRef
# and Zotero entries of preprints): the id was missed, and the arXiv link with it.
_ARXIV_PAGE = re.compile(rf"\barxiv\.org/(?:abs|pdf|html)/({ARXIV_NEW}|{ARXIV_OLD})", re.IGNORECASE)


def _arxiv(fields: dict[str, str]) -> str | None:
    """The arXiv id of an entry (``arxiv``, Mendeley's ``arxivId``, ``eprint``, a url).

    A field that says it holds an arXiv id but does not is returned as written, for the
    import to drop with a note (see ``_bad_arxiv_fields``).
    """
    stated = None
    for key in ("arxiv", "arxivid"):
        parsed = split_arxiv_id(verbatim(fields.get(key, "")))
        if parsed:
            return parsed[0]
        stated = stated or verbatim(fields.get(key, ""))
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    if fields.get("eprint") and prefix in ("arxiv", ""):
        parsed = split_arxiv_id(verbatim(fields["eprint"]))
        if parsed:
            return parsed[0]
        if prefix == "arxiv":  # without a prefix, an eprint may be any archive's id
            stated = stated or verbatim(fields["eprint"])
    for key in ("journal", "url", "howpublished", "note"):
        text = fields.get(key, "")
        match = _ARXIV_TEXT.search(text) or _ARXIV_PAGE.search(verbatim(text))
        if match:
            return match.group(1)
    # arXiv's DataCite record (doi.org's BibTeX of an arXiv DOI) names the id only so.
    return arxiv_from_doi(bare_doi(verbatim(fields.get("doi", "")))) or stated or None


def _bad_ids(fields: dict[str, str], work: Work) -> set[str]:
    """The fields holding a DOI or arXiv id that is none: left out of the stored entry."""
    bad = set()
    if work.doi and not any(parse_doi(doi) for doi in split_dois(work.doi)):
        bad.add("doi")  # (of several, the first DOI is kept: see work.drop_bad_ids)
    if work.arxiv_id and parse_arxiv(work.arxiv_id) is None:
        bad |= {
            k
            for k in ("arxiv", "arxivid", "eprint")
            if verbatim(fields.get(k, "")) == work.arxiv_id
        }
    return bad


# A link written as HTML, as a site's own generator wrote it into `url` (`doi:<a
# href="https://doi.org/10.1016/…">10.1016/…</a>`): its address.
_HTML_HREF = re.compile(r"<a\s[^<>]*?\bhref\s*=\s*[\"']([^\"'<>]+)[\"']", re.IGNORECASE)


def _link(value: str) -> str:
    """A link field's address: its first web address where it lists several, one a line
    (EndNote: `<Go to ISI>://WOS:000…` then `https://…`), else the value as written.

    A `\\url{…}` around it (`url={\\url{https://…}}`, as some write a `howpublished`)
    and an HTML link's tag are no part of it: both lost the address, and the note named
    `\\urlhttps://…`.
    """
    href = _HTML_HREF.search(value)
    url = unescape(href.group(1)).strip() if href else verbatim(_URL_COMMAND.sub(r"\1", value))
    parts = url.split()
    # Several addresses; or one after text (an address with a space in it stays whole).
    if len(parts) > 1 and (
        all("://" in part for part in parts) or not url.startswith(("https://", "http://"))
    ):
        return next((p for p in parts if p.startswith(("https://", "http://"))), url)
    return url


def _unlinked(fields: dict[str, str], work: Work) -> list[str]:
    """Notes on link fields that are no web address: a reference manager's file, `www.x`.

    Only http(s) addresses become links; the others were left out without a word.
    """
    where = f"{work.origin}:{work.line}" if work.line else work.origin
    notes = []
    for key in ("url", *LINK_KEYS):
        url = _link(fields.get(key, ""))
        if key in _ASSET_KEYS and re.fullmatch(r"[\w.+-]+\.\w{2,5}", url, re.IGNORECASE):
            # al-folio's `pdf={paper.pdf}` is its own assets/pdf/paper.pdf
            notes.append(
                f"{where}: {work.label}: `{key}={{{shown(url)}}}` is al-folio's file "
                f"assets/pdf/{shown(url)}; to link it, copy it into static/ and add "
                f"`{LINK_KEYS[key]}: static/{shown(url)}` under the record's links:"
            )
        elif url and not url.startswith(("https://", "http://")):
            notes.append(
                f"{where}: {work.label}: link `{key}` `{shown(url)}` is not an http(s) "
                "address; imported without it"
            )
    return notes


# NASA ADS writes a journal as the AAS macro that names it (`journal = {\apj}`), which
# the journals' LaTeX classes define (aas_macros.sty); shown as written, the card's venue
# was "\apj". Here as those classes print them.
AAS_JOURNALS = {
    "aj": "AJ", "actaa": "Acta Astron.", "araa": "ARA&A", "apj": "ApJ", "apjl": "ApJL",
    "apjs": "ApJS", "ao": "Appl. Opt.", "apss": "Ap&SS", "aap": "A&A", "aapr": "A&A Rev.",
    "aaps": "A&AS", "azh": "AZh", "baas": "BAAS", "caa": "Chinese Astron. Astrophys.",
    "cjaa": "Chinese J. Astron. Astrophys.", "icarus": "Icarus", "jcap": "JCAP",
    "jrasc": "JRASC", "memras": "MmRAS", "mnras": "MNRAS", "na": "New A",
    "nar": "New A Rev.", "pra": "Phys. Rev. A", "prb": "Phys. Rev. B", "prc": "Phys. Rev. C",
    "prd": "Phys. Rev. D", "pre": "Phys. Rev. E", "prl": "Phys. Rev. Lett.", "pasa": "PASA",
    "pasp": "PASP", "pasj": "PASJ", "rmxaa": "Rev. Mexicana Astron. Astrofis.",
    "qjras": "QJRAS", "skytel": "S&T", "solphys": "Sol. Phys.", "sovast": "Soviet Ast.",
    "ssr": "Space Sci. Rev.", "zap": "ZAp", "nat": "Nature", "iaucirc": "IAU Circ.",
    "aplett": "Astrophys. Lett.", "apspr": "Astrophys. Space Phys. Res.",
    "bain": "Bull. Astron. Inst. Netherlands", "fcp": "Fund. Cosmic Phys.",
    "gca": "Geochim. Cosmochim. Acta", "grl": "Geophys. Res. Lett.", "jcp": "J. Chem. Phys.",
    "jgr": "J. Geophys. Res.", "jqsrt": "J. Quant. Spectr. Rad. Transf.",
    "memsai": "Mem. Soc. Astron. Italiana", "nphysa": "Nucl. Phys. A",
    "physrep": "Phys. Rep.", "physscr": "Phys. Scr", "planss": "Planet. Space Sci.",
    "procspie": "Proc. SPIE", "psj": "PSJ",
}  # fmt: skip
_ONE_MACRO = re.compile(r"\s*\\([A-Za-z]+)\s*(?:\{\})?\s*")


# Web of Science writes every journal and proceedings name in capitals ("JOURNAL OF
# THINGS"); the card showed them so. Written in title case, its acronyms kept: these, and
# the capitals of the entry's own ISO abbreviation (`Journal-ISO = {IEEE Trans. …}`).
_ACRONYMS = frozenset(
    {"IEEE", "ACM", "CVF", "CVPR", "ICCV", "ECCV", "AAAI", "IJCAI", "ICML", "ICLR", "ACL",
     "EMNLP", "NAACL", "COLING", "KDD", "WWW", "SIGIR", "SIGMOD", "SIGKDD", "VLDB", "USA",
     "UK", "SIAM", "SPIE", "AIP", "IET", "IOP", "RSC", "BMC", "BMJ", "JAMA", "PLOS", "PNAS",
     "NIPS", "NEURIPS", "AI", "ML", "NLP", "ICRA", "IROS", "ICASSP", "INTERSPEECH", "ISCA",
     "CHI", "UIST", "ICSE", "FSE", "PLDI", "POPL", "OSDI", "SOSP", "NSDI", "II", "III", "IV",
     "VI", "VII", "VIII", "IX", "XI", "XII", "EPL", "JETP", "DNA", "RNA", "HIV", "MRI", "X"}
)  # fmt: skip
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
     "with", "de", "des", "du", "la", "le", "et", "und", "fur", "für", "der", "die"}
)  # fmt: skip


def _wos_case(venue: str, fields: dict[str, str]) -> str:
    """A Web of Science venue in capitals in title case; any other venue as it is."""
    if not venue.isupper() or not (
        "web-of-science-categories" in fields
        or verbatim(fields.get("unique-id", "")).startswith("WOS:")
    ):
        return venue
    iso = decode(fields.get("journal-iso", ""))
    acronyms = _ACRONYMS | {w for w in re.findall(r"[A-Z][A-Z0-9&-]+", iso) if not iso.isupper()}

    def word(match: re.Match[str]) -> str:
        text = match.group(0)
        if text in acronyms or any(c.isdigit() for c in text):
            return text
        if text.lower() in _SMALL_WORDS and match.start() > 0:
            return text.lower()
        return text[:1] + text[1:].lower()

    return re.sub(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\w+", word, venue)


def _venue(value: str) -> str:
    """A journal, booktitle or publisher as text; an AAS journal macro as its name."""
    macro = _ONE_MACRO.fullmatch(value)
    if macro and macro.group(1) in AAS_JOURNALS:
        return AAS_JOURNALS[macro.group(1)]
    return decode(value)


# doi.org's BibTeX carries Crossref's markup in titles, escaped for TeX:
# `\textless{}i\textgreater{}In Vivo\textless{}/i\textgreater{}`. The title read
# "<i>In Vivo</i>", and its slug "…-i-in-vivo-i-…". The other importers read it so too.
_CROSSREF_MARKUP = re.compile(
    r"</?(?:i|b|em|strong|sub|sup|scp|u|sc|jats:[\w-]+|mml:[\w-]+)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)


# Scopus writes its count and access flags as the note: "Cited by: 12; All Open Access,
# Gold Open Access", older exports "Export Date: 1 March 2021; Cited By: 3". The page
# showed it as the paper's note; the count is the paper's citations, as of the export.
_SCOPUS_NOTE = re.compile(
    r"(?:export date:\s*([^;]*);\s*)?cited by:?\s*(\d{1,3}(?:,\d{3})+|\d+)\b", re.IGNORECASE
)
# The date above a Scopus file's entries: "Scopus\nEXPORT DATE: 02 June 2025".
_EXPORT_DATE = re.compile(r"^\s*export date:\s*(\d{1,2}\s+[a-z]+\.?\s+\d{4})\s*$", re.I | re.M)
SCOPUS_SOURCE = "Scopus"
# A note that only says when the address was read, as Wikipedia's "Cite this page"
# (`[Online; accessed 19-July-2021]`) and Overleaf's examples (`Accessed: 2023-01-01`)
# write it for a reference list: the card showed "Accessed: 2023-01-01" as the comment.
_DATE_PART = (
    r"(?:\d{1,4}(?:st|nd|rd|th)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.?)"
)
_ACCESSED = re.compile(
    r"\s*\[?\s*(?:online\s*[;,.]?\s*)?(?:last\s+)?(?:accessed|visited|retrieved)(?:\s+on)?"
    rf"\s*:?\s*{_DATE_PART}(?:[\s,./-]+{_DATE_PART}){{0,3}}\s*\]?\.?\s*",
    re.IGNORECASE,
)
# Scopus's `url` is its own record of the entry (`…/inward/record.uri?eid=…&md5=…`), which
# only subscribers open; it was the card's paper link beside the DOI's.
_SCOPUS_RECORD = re.compile(r"https?://(?:www\.)?scopus\.com/(?:inward|record)/", re.IGNORECASE)
WOS_SOURCE = "Web of Science"


def _day(text: str) -> str | None:
    """``02 June 2025`` (Scopus's export date) as ``2025-06-02``; None if it is no day."""
    match = re.fullmatch(r"\s*(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})\s*", text, re.IGNORECASE)
    month = _MONTH_NAMES.get(match.group(2).lower()[:3]) if match else None
    if match is None or month is None:
        return None
    day = f"{match.group(3)}-{month:02d}-{int(match.group(1)):02d}"
    return day if _calendar(day) else None


def _calendar(day: str) -> bool:
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        return False
    return True


def _citations(fields: dict[str, str], work: Work, exported: str | None) -> None:
    """The count a database wrote in its export: Web of Science's ``Times-Cited`` (dated
    by its ``DA``, the day of the export), Scopus's ``note = {Cited by: 12; …}``.

    Both were left out (the Scopus note shown as the paper's note until then); the
    profile's h-index counts them, as it counts an OpenAlex import's.
    """
    wos = verbatim(fields.get("times-cited", "")).strip()
    if wos.isdigit():
        work.citations, work.citations_source = int(wos), WOS_SOURCE
        day = verbatim(fields.get("da", "")).strip()
        work.citations_date = day if _calendar(day) and len(day) == 10 else None
        return
    scopus = _SCOPUS_NOTE.match(decode(fields.get("note", ""))) if fields.get("note") else None
    if scopus:
        work.citations, work.citations_source = int(scopus.group(2).replace(",", "")), SCOPUS_SOURCE
        work.citations_date = (_day(scopus.group(1)) if scopus.group(1) else None) or exported


# A url on a code host is the code (`@software`, a paper's `url = {https://github.com/…}`):
# it was the card's paper link, and it had no Code badge.
_CODE_HOST = re.compile(r"https?://(www\.)?(github|gitlab)\.com/")


def _lineage(parent: _Entry | None, entries: dict[str, _Entry]) -> list[_Entry]:
    """A crossref parent and the entries it crossrefs in turn, nearest first (biber's
    nested crossref: a paper → its `@proceedings` → their `@mvproceedings`); a loop ends."""
    found: list[_Entry] = []
    while parent is not None and parent not in found and len(found) < 8:
        found.append(parent)
        parent = entries.get(parent.fields.get("crossref", "").lower())
    return found


# biblatex's other eprint types (its `\\DeclareFieldFormat{eprint:…}`), each the address
# of the paper's page: the entry's only link was left out without a word.
_EPRINT_PAGES = {
    "pubmed": "https://pubmed.ncbi.nlm.nih.gov/{}/",
    "hdl": "https://hdl.handle.net/{}",
    "jstor": "https://www.jstor.org/stable/{}",
    "hal": "https://hal.science/{}",
    "googlebooks": "https://books.google.com/books?id={}",
}


def _eprint_link(fields: dict[str, str], work: Work) -> None:
    """The `paper` link an `eprinttype` of PubMed, a handle, JSTOR, HAL or Google Books
    gives, where the entry has none."""
    kind = verbatim(fields.get("eprinttype", "")).strip().lower()
    ident = verbatim(fields.get("eprint", "")).strip()
    page = _EPRINT_PAGES.get(kind)
    if page and ident and re.fullmatch(r"[\w./:-]+", ident) and "paper" not in work.links:
        work.links["paper"] = page.format(urllib.parse.quote(ident, safe="/:"))


def _work(
    entry: _Entry, parents: Sequence[_Entry], origin: str, exported: str | None = None
) -> Work:
    """One evaluated entry mapped onto our fields (its crossref parents fill gaps).

    The nearest parent's fields win over a farther one's; the parent's own `crossref`
    was inherited as written (`crossref = {icml}` in a paper's cite.bib, naming an
    entry it does not hold), and the grandparent's fields were lost.
    """
    fields = {k: v for k, v in entry.fields.items() if k != "crossref"}
    for parent in parents:  # crossref: the entry's own fields win, the parents fill the rest
        inherited = {
            k: v for k, v in parent.fields.items() if k not in _NOT_INHERITED and k != "crossref"
        }
        title = parent.fields.get("title")
        if title and parent.block.entry_type.lower() in _VOLUMES:
            inherited.setdefault("booktitle", title)
        fields.update({k: v for k, v in inherited.items() if k not in fields})
    block = entry.block
    work = Work(origin, (block.start_line or 0) + 1, f"entry '{block.key}'")
    work.title = decode(fields.get("title", ""))
    subtitle = decode(fields.get("subtitle", ""))
    if work.title and subtitle and subtitle.casefold() not in work.title.casefold():
        # biblatex's `subtitle` (Citavi, JabRef and biblatex's own examples write one),
        # which biblatex prints after the title; it was left out of the title shown.
        work.title += (" " if work.title[-1] in ".:?!" else ": ") + subtitle
    if _CROSSREF_MARKUP.search(work.title):
        work.title = fold_space(html_to_markdown(work.title))
    work.authors = _names(fields.get("author") or fields.get("editor") or "")
    work.authors = _collaboration(fields, work.authors)
    work.date = _date(fields)
    entry_type = block.entry_type.lower()
    work.type = TYPES.get(entry_type, "other")
    # A paper in a volume is in its `booktitle`, which BibTeX's styles print for these
    # types (they ignore a `journal`): IRIS gives a chapter both, the series in capitals
    # as `journal`, and the card showed "LECTURE NOTES IN …" over the book's title.
    in_volume = entry_type in ("inproceedings", "conference", "incollection", "inbook")
    for key in ("booktitle", *VENUE_KEYS) if in_volume else VENUE_KEYS:
        address = _only_url(fields.get(key, ""))
        if address:  # `howpublished = {\url{https://github.com/...}}`: a link, no venue
            kind = "code" if _CODE_HOST.match(address) else "paper"
            work.links.setdefault(kind, address)
        elif fields.get(key):
            work.venue = _wos_case(_venue(fields[key]), fields)
            break
    if not work.venue and fields.get("abbr"):
        work.venue = decode(fields["abbr"])
    if not work.venue and entry_type == "patent" and fields.get("number"):
        # A patent is known by its number (`US 5,973,252 A`), which BibTeX's and biblatex's
        # styles print where a paper has its journal; the card showed no venue at all.
        country = decode(fields.get("nationality") or "")
        work.venue = " ".join(p for p in (country, "Patent", decode(fields["number"])) if p)
    work.arxiv_id = _arxiv(fields)
    volume = _ARXIV_VOLUME.fullmatch(verbatim(fields.get("volume", "")))
    if not work.arxiv_id and volume and _ARXIV_VENUE.fullmatch(work.venue or ""):
        work.arxiv_id = volume.group(1)  # Semantic Scholar: journal={ArXiv}, volume={abs/…}
    if _ARXIV_VENUE.fullmatch(work.venue or ""):
        work.venue = "arXiv"  # the one name, as the other sources give it
    venue = (work.venue or "").lower()
    if work.arxiv_id and (not work.venue or "arxiv" in venue) and work.type in ("article", "other"):
        work.type = "preprint"
    if _PREPRINT_SERVER.fullmatch(venue) and work.type in ("article", "other"):
        work.type = "preprint"  # bioRxiv's own export: `@article`, `journal = {bioRxiv}`
    if fields.get("doi"):
        work.doi = bare_doi(verbatim(fields["doi"]))
    if work.arxiv_id:
        work.links["arxiv"] = f"https://arxiv.org/abs/{work.arxiv_id}"
        # arXiv's own export (`primaryClass`) and biblatex (`eprintclass`) name the category
        # that the arXiv import gives the card (`cs.LG` shown as `LG`).
        category = verbatim(fields.get("primaryclass") or fields.get("eprintclass") or "")
        if not category and "/" in work.arxiv_id:  # an old id names it: `hep-th/9901001`
            category = work.arxiv_id.partition("/")[0]
        if re.fullmatch(r"[a-z-]+(?:\.[A-Za-z-]+)?", category):
            work.category = category
    for key, link in LINK_KEYS.items():
        url = _link(fields.get(key, ""))
        # al-folio's html={https://arxiv.org/abs/…} (or its PDF, /pdf/…, which made the
        # `paper` link the `pdf` one again): the arXiv page, whose link the id gives;
        # `url` is the paper's.
        on_arxiv = re.search(r"arxiv\.org/(?:abs|pdf)/", url)
        arxiv = split_arxiv_id(url) if link == "paper" and on_arxiv else None
        if arxiv:
            work.arxiv_id = work.arxiv_id or arxiv[0]
        elif url.startswith(("https://", "http://")):
            work.links.setdefault(link, url)
    if work.arxiv_id:
        work.links.setdefault("arxiv", f"https://arxiv.org/abs/{work.arxiv_id}")
    url = _link(fields.get("url", ""))
    if work.doi and _SCOPUS_RECORD.match(url):
        url = ""  # Scopus's own page of the entry (behind its login), not the paper's: the DOI is
    if not work.doi and is_resolver_url(url):
        work.doi = parse_doi(url)  # `url = {https://doi.org/10.…}` alone: the paper's DOI
    if url.startswith(("https://", "http://")) and "arxiv.org" not in url and "doi.org" not in url:
        kind = "pdf" if url.lower().endswith(".pdf") else "paper"
        work.links.setdefault("code" if _CODE_HOST.match(url) else kind, url)
    _eprint_link(fields, work)
    if fields.get("abstract"):
        # IRIS wraps each abstract in straight quotes, some twice (`{""Cloud …""}`): they
        # opened and closed the abstract shown. A quote inside is the text's own.
        wrapped = re.fullmatch(r'\s*"+([^"]*?)"+\s*', fields["abstract"])
        text = wrapped.group(1) if wrapped else fields["abstract"]
        if _CROSSREF_MARKUP.search(text):
            # NASA ADS writes an abstract's sub- and superscripts in HTML (`10<SUP>3</SUP>`,
            # `T <SUB>eff</SUB>`), which the page showed as tags: read as the databases' are.
            # (Zotero writes a `<` of the text as `{\textless}`, which stays text.)
            text = html_to_markdown(text)
        work.abstract = as_markdown(fold_paragraphs(_abstract(text)))
    if fields.get("note"):
        work.note = decode(fields["note"])
        if work.arxiv_id and _ARXIV_VENUE.fullmatch(work.note):
            work.note = None  # Zotero's "arXiv:2309.08600 [cs]": the id the page links
        elif _SCOPUS_NOTE.match(work.note):
            work.note = None  # Scopus's "Cited by: 12; All Open Access": its bookkeeping
        elif _ACCESSED.fullmatch(work.note):
            work.note = None  # when a web page was read, for a reference list: no comment
    # biblatex's `langid` is the one language of the entry (a babel name), `hyphenation`
    # its older name (the patent of biblatex-examples.bib had no language);
    # `language` may list several ("english and german"), which names no single one.
    for key in ("langid", "hyphenation", "language"):
        if fields.get(key) and work.language is None:
            work.language = language_tag(decode(fields[key]))
    if fields.get("keywords") or fields.get("author_keywords"):
        # A list split by `;` (IEEE Xplore, Mendeley) may hold commas inside its keywords.
        keywords = fields.get("keywords") or fields["author_keywords"]  # Scopus's name
        # Springer's keywords are separated by middle dots ("Smart grid · Smart energy").
        separator = ";" if ";" in keywords else "·" if "·" in keywords else ","
        tags = [decode(t) for t in re.split(separator, keywords) if t.strip()]
        # doi.org's record of an arXiv paper lists "FOS: Computer and information sciences"
        # twice; the card showed the tag twice. The first spelling of each is kept.
        firsts: dict[str, str] = {}
        for tag in tags:
            firsts.setdefault(tag.casefold(), tag)
        work.tags = list(firsts.values())
    work.featured = fields.get("selected", "").strip().lower() in ("true", "yes", "1")
    _citations(fields, work, exported)
    # An id that is none is left out of the record (with a note) and so out of cite.bib.
    bad = _bad_ids(fields, work)
    if "crossref" in entry.fields and not parents:
        bad.add("crossref")  # to an entry not in the file: in cite.bib, BibTeX would warn
    if entry.used_macros or parents:
        private = {k for k in fields if is_private(k)}
        work.bibtex = _standalone(block.entry_type, block.key, fields, private | bad)
    else:
        work.bibtex = _without_private(block, bad)
    return work


def _collaboration(fields: dict[str, str], authors: list[str]) -> list[str]:
    """The authors, led by the collaborations of INSPIRE-HEP's `collaboration` where the
    list is cut short: `author = "Aad, Georges and others"` of `ATLAS` was "Georges Aad
    et al." on every card of an ATLAS member's papers, whose author INSPIRE and arXiv
    name "ATLAS Collaboration". A full list (a paper "on behalf of" one) stays as it is."""
    groups = [g.strip() for g in decode(fields.get("collaboration", "")).split(",") if g.strip()]
    if not authors or authors[-1] != "et al." or not groups:
        return authors
    named = [g if GROUP_NAME.search(g) else f"{g} Collaboration" for g in groups]
    return [*(g for g in named if g not in authors), *authors]


def _without_private(block: Entry, leave: set[str] | frozenset[str] = frozenset()) -> str:
    """The entry as written, less the fields that only make sense on the author's disk."""
    raw = (block.raw or "").strip()
    for fld in block.fields:
        value = str(fld.value)
        if _unmarked(fld.key, value) != value:
            raw = raw.replace(value, _unmarked(fld.key, value), 1)
        if not is_private(fld.key) and fld.key.lower() not in leave:
            continue
        pattern = (
            rf"(?im)^[ \t]*{re.escape(fld.key)}\s*=\s*{re.escape(str(fld.value))}\s*,?[ \t]*\r?\n?"
        )
        raw, found = re.subn(pattern, "", raw, count=1)
        if not found:  # written some other way (on one line with others): rebuild the entry
            fields = {f.key.lower(): str(f.value) for f in block.fields}
            private = {k for k in fields if is_private(k)}
            return _standalone_raw(block.entry_type, block.key, fields, private | set(leave))
    return raw


def _standalone_raw(entry_type: str, key: str, fields: dict[str, str], leave: set[str]) -> str:
    """The entry rebuilt from its raw values (as written), less the ``leave`` fields."""
    lines = [f"@{entry_type}{{{key},"]
    lines += [
        f"  {name} = {_unmarked(name, value)},"
        for name, value in fields.items()
        if name not in leave
    ]
    lines.append("}")
    return "\n".join(lines)


def _standalone(
    entry_type: str,
    key: str,
    fields: dict[str, str],
    leave: set[str] | frozenset[str] = frozenset(),
) -> str:
    """The entry with macros and crossref resolved, LaTeX kept as written."""
    lines = [f"@{entry_type}{{{key},"]
    for name, value in fields.items():
        if name in leave:
            continue
        month = _MONTH_NAMES.get(value.strip().lower()) if name == "month" else None
        text = MONTHS[month - 1] if month else f"{{{_unmarked(name, value)}}}"  # months: macros
        lines.append(f"  {name} = {text},")
    lines.append("}")
    return "\n".join(lines)


def page_bibtex(
    path: Path, work: Work, notes: list[str], whose: str = "", inline: tuple[str, int] | None = None
) -> Work | None:
    """The entry of a page's BibTeX file beside it (Hugo's `cite.bib`, academicpages'
    `bibtexurl`) if it describes the page's ``work``; else None, with a note. ``inline``
    is BibTeX the page ``path`` holds itself, and the line before its first.

    The old site served the file as it is: one BibTeX cannot read (bioRxiv's
    `@article {Garc{\\'\\i}a Pascual2024…,`) stopped the import of every page. One copied
    from another page describes another paper: its DOI and BibTeX would be wrong here, so
    one whose title differs from the page's is left out (``whose``: ` for <the page>`).
    """
    text, before = inline if inline else (read_text(str(path)), 0)
    try:
        entries = parse_bibtex(text, str(path))
    except ContentError as exc:
        notes.extend(
            f"{p.path}:{p.line + before}: {p.message}; the page is imported without this "
            "BibTeX (correct it and import again to add it)"
            for p in exc.problems
        )
        return None
    if not entries:
        return None
    bib = entries[0]
    ours, theirs = normalise_title(work.title), normalise_title(bib.title)
    if ours and not (theirs.startswith(ours) or ours.startswith(theirs)):
        where = f"{path}:{bib.line + before}: its BibTeX is" if inline else f"{path}:"
        notes.append(
            f"{where} not used{whose}: it describes {bib.title!r}, not {work.title!r} "
            "(copied from another page?)"
        )
        return None
    return bib


def import_bibtex_files(sources: Sequence[str], notes: list[str] | None = None) -> list[Work]:
    """Works from several BibTeX files, every file's problems reported together."""
    works: list[Work] = []
    problems: list[Problem] = []
    shared: dict[str, str] = {}  # @string macros hold for the files after theirs
    for number, source in enumerate(sources, start=1):
        before = dict(shared)
        try:
            found = parse_bibtex(_bibtex_text(source), source, notes, shared)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        works.extend(found)
        if not found and shared != before and number == len(sources):
            message = (
                "holds only @string macros and no entries; give it before the files that "
                f"use them, as BibTeX reads them: authorsite import bibtex {shlex.quote(source)} "
                "papers.bib"
            )
            problems.append(Problem(source, 0, message))
    if problems:
        raise ContentError(problems)
    return works
