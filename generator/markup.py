"""Markdown and inline text to sanitised HTML.

Markdown is CommonMark, a specification with a test suite, plus GitHub's tables,
``~~strikethrough~~``, autolinked bare URLs and footnotes, converted by cmark-gfm (GitHub's C
library, through ``cmarkgfm``). Its HTML then passes an allow-list sanitiser (nh3, the
Rust ``ammonia`` library): raw HTML that is not on the list is dropped, ``script`` and
``style`` lose their content, and links keep only http, https, mailto and relative URLs.
LaTeX between ``$`` signs, ``\\(…\\)`` or ``\\[…\\]`` is kept exactly as written.

cmark runs in linear time on any input. The sanitiser does not: the HTML parser under nh3
checks scopes along the stack of open elements, so its time grows with the square of the
nesting depth (5,000 nested lists or quotes take a tenth of a second, 100,000 take
minutes). Depth needs a tag per level, so text whose HTML holds more than
``MARKDOWN_MAX_TAGS`` tags, or longer than ``MARKDOWN_MAX_CHARS`` (a cap on memory), is
shown as plain, escaped paragraphs instead (still sanitised): no record can stall a build.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

from generator.urls import as_followed, is_site_relative, url_problem
from generator.validate import C1, CONTROL, bmp_searcher, find_control, windows_1252

if TYPE_CHECKING:
    from generator.cache import MarkupLookup

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "sub", "sup", "del", "span", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "div",
}  # fmt: skip
# `id` and `aria-label` only as footnotes have them (see _footnote_filter): none of the text's own
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "id", "aria-label"}, "li": {"id"}}
# Attributes allowed only with these values (a free class could dress text up as site UI).
ALLOWED_VALUES = {
    "th": {"align": {"left", "right", "center"}},
    "td": {"align": {"left", "right", "center"}},
}
ALLOWED_CLASSES = {
    "span": {"math"},
    # footnotes, as cmark-gfm (and GitHub) mark them: the theme's style sheet sets them
    "sup": {"footnote-ref"},
    "a": {"footnote-backref"},
    "div": {"footnotes"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
INLINE_TAGS = {"em", "strong", "code", "sub", "sup", "del", "span"}

# Budgets (see the module's note): an abstract is a few thousand characters and tags.
MARKDOWN_MAX_CHARS = 100_000
MARKDOWN_MAX_TAGS = 5_000  # "<" in the converted HTML, a bound on its nesting depth

# `\[…\]` and `\(…\)` stay in their paragraph: MathJax and KaTeX read math in one text only.
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_NOT_BLANK = re.compile(r"\S")
# What a formula between `\[` and `\]` holds and words in escaped brackets (`\[PDF\]`,
# `\[1\]`, as Markdown writers escape brackets) do not: a command, a sign, a brace.
_MATH_SIGN = re.compile(r"[\\^_={}+<>|]")
_CLOSING = {"\\)", "\\]"}  # what a backslash before it escapes
# `$$…$$` and `$…$` (no blank line inside, as TeX allows none in math), from their opening
# `$`: inside, a backslash and the character after it go together, so an escaped dollar
# (`$\$0.8$`, as arXiv abstracts write prices) is part of the math, not its end. As pandoc
# reads them, a `$` right before a digit closes no `$…$` (`$5 and $6` are prices); a blank
# after the opening `$` or before the closing one is allowed (ADS's abstracts write
# `$\mathrm log g\sim $`, people `$ x $`).
_IN_MATH = r"\\[^\n]|\\?\n(?![ \t\r]*\n)"  # an escaped character, a line's end
_DOLLARS = re.compile(rf"\$\$(?:{_IN_MATH}|[^\\\n])+?\$\$")
_DOLLAR = re.compile(rf"\$(?:{_IN_MATH}|[^$\\\n])+?\$(?!\d)")
# What stands at a `$` or a backslash where math may open: a run of backslashes (whole: it
# is never read from inside one) and what follows it, a whole `$$…$$` or `$…$` (found at
# once, as most formulas are), or a `$` that none of them closes. `$` opens after an even
# run (none, or escaped backslashes: `\\$x$` is a backslash, then math), `\[` and `\(`
# after an odd one (`\\[` is a backslash and a bracket).
_MATH_OPEN = re.compile(rf"(\\+)([\[($]?)|({_DOLLARS.pattern}|{_DOLLAR.pattern})|\$", re.DOTALL)
# A character that a backslash escapes in CommonMark (ASCII punctuation).
_ESCAPED_PUNCTUATION = re.compile(r"\\([!-/:-@\[-`{-~])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
# What opens a line before its text: quote markers and list items' (`> - `, `- > `, `1. `)
_LINE_MARKERS = re.compile(r"[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+|>[ \t]?)*")
# What inline Markdown, HTML or the sanitiser read as more than text: backslash escapes,
# code, emphasis, links and images (``![`` needs its bracket), raw HTML, entities,
# strikethrough and LaTeX.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>&~$]")
# A tag as cmark and the sanitiser write it: every attribute value in double quotes, which may
# hold a `>`; a `<` in text is always written `&lt;`. So this finds every tag and nothing
# else in render_markdown's output (parsing it again with nh3 cost 3 times as long).
_TAG = re.compile(r'<[^<>"]*(?:"[^"]*"[^<>"]*)*>')
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
# cmark turns `&#xFFFF;` and `&#xFFFE;` into bytes that are not UTF-8, and its result then
# fails to decode: those references are taken out before it reads them.
# An image as cmark writes it: pages load nothing from other hosts and the sanitiser drops
# it, so its description (escaped by cmark) is shown as text instead of nothing.
_IMAGE = re.compile(r'<img src="[^"]*" alt="([^"]*)"(?: title="[^"]*")? />')
# A table cell's alignment as the sanitiser leaves it: HTML made ``align`` obsolete (the Nu
# checker warns), so it becomes a class that the theme's style sheet aligns by.
_ALIGN = re.compile(r'<(t[hd]) align="(left|right|center)">')
_NONCHARACTER_REFERENCE = re.compile(r"&#(?:[xX]0*[fF]{3}[eEfF]|0*6553[45]);")
_INLINE_OPTIONS = (
    Options.CMARK_OPT_UNSAFE  # raw HTML goes on to nh3, whose allow-list decides
    | Options.CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE  # "~10 % or ~20 %" is not struck through
)  # table cells get align="left|right|center" (then a class), never style=
# Blocks have footnotes (`text[^1]` … `[^1]: note`) as GitHub has them; a title has none.
_OPTIONS = _INLINE_OPTIONS | Options.CMARK_OPT_FOOTNOTES
# Blocks with their lines, raw HTML left out: what _Blocks reads (a footnote's paragraphs too).
_OPTIONS_SOURCEPOS = (
    Options.CMARK_OPT_SOURCEPOS
    | Options.CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
    | Options.CMARK_OPT_FOOTNOTES
)
_EXTENSIONS = ["table", "strikethrough", "autolink"]
# A title keeps no links (it is itself the link to its paper's page), so it needs no
# autolinks: one would take an escaped `>` after a URL into the URL, and the sanitiser,
# dropping the link, would leave its text escaped twice (`a&amp;gt;b` shown as `a&gt;b`).
_INLINE_EXTENSIONS = ["strikethrough"]
# Registered once, now: the first conversion would otherwise do it, without a lock.
cmarkgfm.cmark.core_extensions_ensure_registered()


def _protect_math(text: str, *, blocks: bool = True) -> tuple[str, str, list[str]]:
    """Swap ``$...$`` spans (and ``\\(…\\)``, ``\\[…\\]``) for tokens so Markdown leaves
    their ``_`` and ``\\`` alone; ``blocks``: ``text`` may hold code blocks (not a title).

    The token's stem never occurs in ``text``, so words that look like tokens stay words.
    """
    if "$" not in text and "\\(" not in text and "\\[" not in text:
        return text, "", []  # most abstracts: nothing to protect, nothing to restore
    stem = "authorsitemath"
    while stem in text:
        stem += "q"
    spans: list[str] = []
    parts: list[str] = []
    last = 0
    for start, end in _math_spans(text, blocks=blocks):
        span = text[start:end]
        if blocks and "\n" in span:  # in a quote, its lines' `>` markers are the quote's
            span = _unquoted(span, text, start)
        # In a table's cell `\|` is the cell's `|` (GFM), but not in a formula: there it is
        # TeX's norm, as pandoc reads it (cmark never sees it, so it stays as written).
        spans.append(span)
        parts += [text[last:start], f"{stem}{len(spans) - 1}x"]
        last = end
    parts.append(text[last:])
    return "".join(parts), stem, spans


def _unquoted(span: str, text: str, start: int) -> str:
    """A formula over several lines, as ``text`` holds it from ``start``, without the quote
    markers that open its lines after the first: as many as open the line it starts on (a
    display's line may start with a `>` of its own, a relation)."""
    line = text.rfind("\n", 0, start) + 1
    markers = _LINE_MARKERS.match(text, line, start)
    depth = markers.group().count(">") if markers else 0
    return re.sub(rf"\n(?: {{0,3}}>[ \t]?){{1,{depth}}}", "\n", span) if depth else span


class _Closings:
    """The first place at or after an index where ``\\)`` or ``\\]`` (not escaped), a line's
    end, a blank line or a link's ``](`` is, remembered: the next opening asks from further
    on, and gets the same answer without reading the text again, so that finding every
    ``\\(…\\)`` of a text reads it a bounded number of times (an unclosed one once read on
    to the text's end for each)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, tuple[int, int]] = {}  # what -> (asked from, found at or -1)

    def first(self, what: str, start: int) -> int:
        """Where ``what`` is first found at or after ``start``; -1 if nowhere."""
        asked, at = self.found.get(what, (len(self.text) + 1, -1))
        if asked <= start and (at < 0 or start <= at):
            return at
        at = self._search(what, start)
        self.found[what] = (start, at)
        return at

    def _search(self, what: str, start: int) -> int:
        text = self.text
        if what == "blank line":
            blank = _BLANK_LINE.search(text, start)
            return blank.start() if blank else -1
        if what == "math sign":
            sign = _MATH_SIGN.search(text, start)
            return sign.start() if sign else -1
        at = text.find(what, start)
        while at >= 0 and what in _CLOSING and _escaped(text, at):
            at = text.find(what, at + 1)
        return at


def _escaped(text: str, index: int) -> bool:
    """Whether an odd run of backslashes stands before ``index`` (it escapes what is there)."""
    before = index
    while before > 0 and text[before - 1] == "\\":
        before -= 1
    return (index - before) % 2 == 1


def _math_candidates(text: str, after: list[int]) -> Iterator[tuple[int, int, bool]]:
    """Each formula of ``text`` by where it starts and ends, and whether it must lie in one
    paragraph (it holds a line break), from ``after[0]`` on (the reader moves it past a
    formula it takes, or past code): ``$$…$$``; ``$…$``,
    ``\\[…\\]`` and ``\\(…\\)`` with no blank line inside, ``\\[…\\]`` and ``\\(…\\)`` not
    blank and holding no Markdown link's ``](`` (``\\[[PDF](x.pdf)\\]`` is an escaped
    bracket around a link), ``\\[…\\]`` holding a command, a sign or a brace (``\\[PDF\\]``,
    ``\\[1\\]`` are words in escaped brackets). Inside, a backslash escapes the character after it, so
    ``$\\$0.8$`` is one formula."""
    closings = _Closings(text)
    position = 0
    dollar = backslash = -2  # the next `$` and `\\` from where a search last looked; -1: none
    while True:
        position = max(position, after[0])
        if 0 <= dollar < position or dollar == -2:
            dollar = text.find("$", position)  # (find is many times a pattern's search)
        if 0 <= backslash < position or backslash == -2:
            backslash = text.find("\\", position)
        if dollar < 0 and backslash < 0:
            return
        found = _MATH_OPEN.match(
            text, dollar if backslash < 0 or 0 <= dollar < backslash else backslash
        )
        if found is None:  # (never: a `$` or a backslash always matches)
            return
        position = found.end()
        # A `$` formula that finds no end was read up to the next `$` (it holds none) or a
        # blank line, a `$$` one up to a blank line (a later `$$` would have ended it): so
        # each stretch of text is read a bounded number of times.
        if (formula := found.group(3)) is not None:  # a whole formula of dollars
            if formula.startswith("$$") or not formula[1:-1].isspace():  # `$ $`: no formula
                yield found.start(), position, "\n" in formula and not formula.startswith("$$")
            position = found.start() + 1  # if not taken: its second `$` may open one
            continue
        run, delimiter = found.group(1), found.group(2)
        # A `$$` that no `$$` closes is a dollar sign, and then a `$` that opens a `$…$` as
        # pandoc reads one, with no blank right inside its `$`s: `$$x$ and $y$` is a `$`,
        # then `$x$` and `$y$` (the `$` before ` and ` closed `$x$` and opens nothing).
        if (
            run is None
            and text.startswith("$", position)
            and not text.startswith("$", position + 1)  # `$$$`: the next two are a `$$`
            and not _pandoc_dollar(text, position)
        ):
            position += 1
        if run is None or delimiter == "":
            continue  # a `$` that no formula follows, or backslashes before something else
        if delimiter in "[(":  # after a run of backslashes
            if len(run) % 2 == 0:
                continue  # `\\[`: an escaped backslash, then a bracket
            start = position - 2
            closing = closings.first("\\]" if text[position - 1] == "[" else "\\)", position)
            if (
                closing >= 0
                and not 0 <= closings.first("blank line", position) < closing
                and not 0 <= closings.first("](", position) < closing
                and _NOT_BLANK.search(text, position, closing) is not None
                # `\[PDF\]`: escaped brackets around words, not display math
                and (delimiter == "(" or 0 <= closings.first("math sign", position) < closing)
            ):
                yield start, closing + 2, 0 <= closings.first("\n", position) < closing
        elif len(run) % 2 == 0:  # `$` not escaped
            start = position - 1
            if (dollars := _DOLLARS.match(text, start)) is not None:
                yield start, dollars.end(), False
            elif (single := _DOLLAR.match(text, start)) and not single.group()[1:-1].isspace():
                yield start, single.end(), "\n" in single.group()


def _pandoc_dollar(text: str, start: int) -> bool:
    """Whether a `$…$` opens at ``start`` as pandoc reads one: no blank after its opening
    `$` nor before its closing one, unless escaped (`$x $` and `$ x$` are none)."""
    single = _DOLLAR.match(text, start)
    if single is None or text[start + 1].isspace():
        return False
    end = single.end()
    return not text[end - 2].isspace() or _escaped(text, end - 2)


def _math_spans(text: str, *, blocks: bool = True) -> Iterator[tuple[int, int]]:
    """Where ``text``'s formulas are (see _math_candidates), not in code, whose ``$`` is a
    character: a code span (`` `$ make` ``) or, with ``blocks``, a code block, fenced (with
    backticks or tildes) or indented, as CommonMark reads them (see _Blocks). Between a
    formula and a code span, whichever starts first is the one; a formula never runs into a
    code block, whose lines are read as code before anything in them is. In a table (with
    ``blocks``), a formula stays in its cell: one holding a ``|`` that is not escaped (the
    next cell's start, GFM) is none; an escaped one, ``\\|``, is TeX's norm."""
    read = _Blocks(text) if blocks else None
    code = iter(_code(text, read))
    code_start, code_end, block = next(code, (len(text), len(text), False))
    after = [0]
    for start, end, lines in _math_candidates(text, after):
        while code_end <= start:  # code before the formula: passed
            code_start, code_end, block = next(code, (len(text), len(text), False))
        if code_start <= start:  # the formula would start inside code: it is code
            after[0] = code_end
            continue
        if block and code_start < end:
            continue  # it would run into a code block: no formula
        if lines and read is not None and not read.one_paragraph(start, end - 1):
            continue  # it would run from one block into the next (`$5` … `- item: $3`)
        cell = read is not None and "|" in text[start:end] and read.in_table(start)
        if cell and any(not _escaped(text, at) for at in _pipes(text, start, end)):
            continue  # `| $a | b$ |`: it would run from one cell into the next
        yield start, end
        after[0] = end


def _pipes(text: str, start: int, end: int) -> Iterator[int]:
    """Where ``|`` is in ``text[start:end]``."""
    at = text.find("|", start, end)
    while at >= 0:
        yield at
        at = text.find("|", at + 1, end)


def _restore_math(rendered: str, stem: str, spans: list[str]) -> str:
    """Put the LaTeX back, escaped, in a ``span.math``; inside a tag (a URL), as text."""
    if not spans:
        return rendered
    token = re.compile(rf"{stem}(\d+)x")

    def in_tag(tag: re.Match[str]) -> str:
        # An address or a title, as CommonMark reads the text there: `\(` is `(`, so
        # `[x](https://e.org/Foo_\(bar\))` (as Wikipedia's addresses are written) leads there.
        return token.sub(
            lambda m: html.escape(_ESCAPED_PUNCTUATION.sub(r"\1", spans[int(m.group(1))])),
            tag.group(0),
        )

    return token.sub(
        lambda m: f'<span class="math">{html.escape(spans[int(m.group(1))], quote=False)}</span>',
        _TAG.sub(in_tag, rendered),
    )


def _plain_paragraphs(text: str) -> str:
    """Text as escaped paragraphs, without Markdown: linear time for any input."""
    paragraphs = (p.strip() for p in _PARAGRAPH.split(text))
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p)


def _safe_url(tag: str, attribute: str, value: str) -> str | None:
    """Drop a URL that the records' own check would refuse (``java  script:`` and the like).

    nh3 reads the scheme strictly; browsers are lenient about blanks and control
    characters, and Markdown rewrites some of them, so URLs are checked the records' way too.
    """
    if attribute in ("id", "aria-label"):
        return None  # only footnotes have them (_footnote_filter)
    if attribute != "href":
        return value
    return None if url_problem(value) else as_followed(value)


def _sanitiser(tags: set[str]) -> dict[str, Any]:
    """nh3's settings for an allow-list of ``tags`` (links get their rel after: _rel)."""
    return {
        "attribute_filter": _safe_url,
        "tags": tags,
        # "*": none on every element (ammonia's default lets title and lang through).
        "attributes": {"*": set(), **{k: v for k, v in ALLOWED_ATTRIBUTES.items() if k in tags}},
        "tag_attribute_values": {k: v for k, v in ALLOWED_VALUES.items() if k in tags},
        "allowed_classes": {k: v for k, v in ALLOWED_CLASSES.items() if k in tags},
        "url_schemes": ALLOWED_SCHEMES,
        "link_rel": None,
        "strip_comments": True,
    }


_BLOCK = _sanitiser(ALLOWED_TAGS)
_INLINE = _sanitiser(INLINE_TAGS)


def sanitise(html_text: str) -> str:
    """``html_text`` through the abstracts' allow-list: what a template's ``|safe`` gives."""
    return _without_control(_rel(nh3.clean(html_text, **_BLOCK)))


# Said on every link that leaves the site: imported text is not the site's to vouch for
# (nofollow), and the page opened gets no handle on this one (noopener).
OFF_SITE_REL = "nofollow noopener"


def _rel(cleaned: str) -> str:
    """Sanitised HTML with ``rel="nofollow noopener"`` on each link to another place than
    the site itself (a scheme or a host: ``https://…``, ``mailto:``, even the site's own
    address written in full, since one rendering serves every base_url), none on a
    relative link (``papers/x/``, ``teaching/``, ``#anchor``): nofollow there would tell
    search engines not to follow the site's own structure. The sanitiser keeps no ``rel``
    of the text's own and writes every value in double quotes, so the one added is the
    only one, and nothing in a URL can open an attribute."""
    if "<a" not in cleaned:
        return cleaned

    def link(match: re.Match[str]) -> str:
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        href = attributes.get("href")
        # No href (none written, or one refused): no link, and `rel` on it is invalid HTML
        if href is None or is_site_relative(html.unescape(href)):
            return match.group(0)
        return f'<a{match.group(1)} rel="{OFF_SITE_REL}">'

    return _LINK.sub(link, cleaned)


_BACKTICKS = re.compile(r"\\?`+")
# What a code block needs: a fence of backticks or tildes, or a line indented 4 columns
# (looked for one by one: a pattern of the four takes 20 times as long).
_MAY_HOLD_CODE_BLOCK = ("```", "~~~", "    ", "\t")
# A code block or a paragraph as cmark writes it with its source position: its first and
# last lines. A tight list's item holds its paragraph without a <p>: the item's lines are
# its paragraph's, less those of the blocks in it (a nested item, a heading, a rule).
_BLOCK_LINES = re.compile(r'<(pre|p|table|li|hr|h[1-6]) data-sourcepos="(\d+):\d+-(\d+):\d+"')
# A line's end as CommonMark reads it.
_LINE_END = re.compile(r"\r\n?|\n")


class _Blocks:
    """Where a text's code blocks and paragraphs are, by line, as cmark reads the text
    (converted once more, only when a question needs it; its raw HTML left out, so no
    ``<pre data-sourcepos`` of the text's own can count)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[int] | None = None  # where each line starts, then the text's end
        self.code: list[tuple[int, int]] = []  # each code block's first and last lines
        self.paragraph: dict[int, int] = {}  # a paragraph's line -> which paragraph
        self.table: set[int] = set()  # the lines of tables (their rows)
        self.goes_on: list[int] = []  # line -> the last line after it of the same paragraph

    def _read(self) -> list[int]:
        if self.lines is None:
            text = self.text
            self.lines = [0, *(end.end() for end in _LINE_END.finditer(text)), len(text)]
            for block in _BLOCK_LINES.finditer(_cmark(text, options=_OPTIONS_SOURCEPOS)):
                first, last = int(block.group(2)), int(block.group(3))
                if block.group(1) == "pre":
                    self.code.append((first, last))
                elif block.group(1) == "table":
                    self.table.update(range(first, last + 1))
                else:  # each block by where cmark wrote it: an item and its heading differ
                    self.paragraph.update(dict.fromkeys(range(first, last + 1), block.start()))
            # (one pass from the end, so that asking about a formula reads none of its lines)
            self.goes_on = list(range(len(self.lines) + 1))
            for line in range(len(self.lines) - 1, 0, -1):
                here = self.paragraph.get(line)
                if here is not None and here == self.paragraph.get(line + 1):
                    self.goes_on[line] = self.goes_on[line + 1]
        return self.lines

    def code_blocks(self) -> list[tuple[int, int]]:
        """Where the code blocks are, whole lines from the fence's (if any) to the closing
        one's: fenced with 3 or more backticks or tildes and closed by a fence of the same
        character at least as long (or by the end of the text, or of the quote or list item
        holding it), or indented 4 columns after a blank line (an indented line cannot
        interrupt a paragraph), also in quotes and list items."""
        if not any(mark in self.text for mark in _MAY_HOLD_CODE_BLOCK):
            return []  # most abstracts: no second conversion for this
        lines = self._read()
        return [(lines[first - 1], lines[min(last, len(lines) - 1)]) for first, last in self.code]

    def in_table(self, index: int) -> bool:
        """Whether ``text[index]`` is on a row of a GFM table."""
        return bisect.bisect_right(self._read(), index) in self.table

    def one_paragraph(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies in one paragraph (a line break in a formula, as an
        import's wrapping makes, is one only where the paragraph goes on)."""
        lines = self._read()
        first, last = bisect.bisect_right(lines, start), bisect.bisect_right(lines, end)
        # on every line: an item's paragraph goes on past a rule in it
        return first in self.paragraph and self.goes_on[first] >= last


def _code(text: str, blocks: _Blocks | None) -> list[tuple[int, int, bool]]:
    """``text``'s code in order: each code block (with ``blocks``) and code span, where it
    starts and ends and whether it is a block. A code span is inline: it stays between
    two blocks (a backtick in a block fenced with tildes pairs with none outside it)."""
    found: list[tuple[int, int, bool]] = []
    last = 0
    for start, end in [*(blocks.code_blocks() if blocks else []), (len(text), len(text))]:
        if text.find("`", last, start) >= 0:
            found += [(s, e, False) for s, e in _code_spans(text, last, start)]
        if start < end:
            found.append((start, end, True))
        last = end
    return found


def _code_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where the code spans of ``text`` (from ``start`` to ``end``) are, as CommonMark finds
    them (in linear time).

    A span opens with a run of backticks and closes at the next run of the same length;
    a run that none closes is text. A backslash before a run escapes its first backtick.
    """
    runs: list[tuple[int, int]] = []
    for match in _BACKTICKS.finditer(text, start, len(text) if end is None else end):
        run_start, run_end = match.span()
        if text[run_start] == "\\":
            run_start += 2  # `\`` is a backtick as text; the rest of the run still counts
        if run_start < run_end:
            runs.append((run_start, run_end))
    following: list[int | None] = [None] * len(runs)  # the next run of the same length
    seen: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = seen.get(length)
        seen[length] = index
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        closing = following[index]
        if closing is None:
            index += 1
        else:
            spans.append((runs[index][0], runs[closing][1]))
            index = closing + 1
    return spans


def _escape_outside_math(text: str) -> str:
    """Escape a title's angle brackets and ampersands, except in math (escaped once,
    later) and in code spans (whose text cmark escapes itself: `` `a<b` `` shows ``a<b``)."""
    math = list(_math_spans(text, blocks=False))
    kept = sorted([*math, *_code_spans(text)])
    parts: list[str] = []
    last = 0
    for start, end in kept:
        if start >= last:
            parts.append(html.escape(text[last:start], quote=False))
        parts.append(text[max(start, last) : end])
        last = max(last, end)
    parts.append(html.escape(text[last:], quote=False))
    return "".join(parts)


def _cmark(text: str, extensions: list[str] = _EXTENSIONS, options: int = _OPTIONS) -> str:
    """CommonMark with GitHub's extensions as HTML, raw HTML kept for the sanitiser."""
    if "&#" in text:
        text = _NONCHARACTER_REFERENCE.sub("", text)
    html_text: str = cmarkgfm.markdown_to_html_with_extensions(
        text, options=options, extensions=extensions
    )
    return html_text


def over_budget(text: str) -> str | None:
    """Why block Markdown ``text`` would be shown as plain paragraphs instead (see the
    module's note), or None: its length, or the tags of its HTML."""
    if len(text) > MARKDOWN_MAX_CHARS:
        return f"it is {len(text):,} characters long, more than {MARKDOWN_MAX_CHARS:,}"
    tags = _cmark(_protect_math(text)[0]).count("<")
    if tags > MARKDOWN_MAX_TAGS:
        return f"its HTML would hold {tags:,} tags, more than {MARKDOWN_MAX_TAGS:,}"
    return None


def _convert(text: str, *, inline: bool = False) -> str:
    """``text`` as HTML with its LaTeX kept, not yet sanitised; plain beyond the budgets.

    ``inline`` (titles) makes one paragraph of ``text`` with its angle brackets as text:
    the lines are joined and an escaped ``!`` goes first (taken off again after), so that
    no start of a line, such as ``1. ``, ``# `` or ``[1]: ``, can make a list, a heading or
    a hidden link definition.
    """
    if len(text) > MARKDOWN_MAX_CHARS:
        return _plain_paragraphs(text)
    protected, stem, spans = _protect_math(
        _escape_outside_math(text) if inline else text, blocks=not inline
    )
    if inline:
        protected = "\\!" + protected.replace("\r", " ").replace("\n", " ")
    rendered = (
        _cmark(protected, _INLINE_EXTENSIONS, _INLINE_OPTIONS) if inline else _cmark(protected)
    )
    if rendered.count("<") > MARKDOWN_MAX_TAGS:
        return _plain_paragraphs(text)
    if "<img " in rendered:
        rendered = _IMAGE.sub(r"\1", rendered)
    if inline and rendered.startswith("<p>!"):  # always, for one line that starts so
        rendered = "<p>" + rendered[4:]
    return _restore_math(rendered, stem, spans)


class Memo:
    """Rendered text by (kind, source): each abstract is converted once per build.

    A site shows one abstract on its paper page, on every author's profile and in the
    feeds, so without this a 10,000-paper site converts the same text many times. A
    ``backing`` store (the build cache) can answer misses from earlier builds; what is
    computed here is kept in ``new`` for the cache to save.
    """

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], str] = {}
        self.new: dict[tuple[str, str], str] = {}
        self.backing: MarkupLookup | None = None

    def known(self, kind: str, text: str) -> bool:
        """Whether the rendering of ``text`` is at hand (here or in the backing store)."""
        key = (kind, text)
        if key in self.seen:
            return True
        found = self.backing(kind, text) if self.backing is not None else None
        if found is not None:
            self.seen[key] = found
        return found is not None

    def prefetch(self, kind: str, texts: Iterable[str]) -> None:
        """Look up the renderings of many texts in the backing store at once."""
        if self.backing is None or kind in UNSAVED:
            return
        missing = [text for text in to_convert(kind, texts) if (kind, text) not in self.seen]
        if missing:
            found = self.backing.many(kind, missing)
            self.seen.update(((kind, text), html) for text, html in found.items())

    def get(self, kind: str, text: str, compute: Callable[[str], str]) -> str:
        """The rendering of ``text``, computed only when no one has it yet."""
        key = (kind, text)
        found = self.seen.get(key)
        if found is None:
            backing = self.backing if kind not in UNSAVED else None
            found = backing(kind, text) if backing is not None else None
            if found is None:
                found = compute(text)
                if kind not in UNSAVED:
                    self.new[key] = found
            self.seen[key] = found
        return found


memo = Memo()
# Kinds not kept in the build cache: plain text is made from the (cached) HTML in a few
# microseconds, and keeping it would cost the main process ~15 MB at 10,000 papers.
UNSAVED = {"plain"}


# What _without_control takes out or reads anew: C0 controls, noncharacters and C1 controls.
_CONTROL_OR_C1 = re.compile(f"{CONTROL.pattern}|{C1.pattern}")
_find_control_or_c1 = bmp_searcher(
    _CONTROL_OR_C1, "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]"
)


def _without_control(html_text: str) -> str:
    """``html_text`` without the control characters that references such as ``&#27;`` made.

    cmark and the sanitiser decode a reference into the character itself, which HTML calls
    a parse error and XML (the feeds) forbids; the plain text drops them too. ``&#146;``
    (U+0092) is read as browsers read it, as Windows-1252's ’; the few C1 references
    Windows-1252 leaves undefined are dropped.
    """
    if _find_control_or_c1(html_text) is None:
        return html_text
    return C1.sub("", windows_1252(CONTROL.sub("", html_text), utf8=False))


def _markdown(text: str) -> str:
    return _levelled(_block_cleaned(text, _HEADED_BLOCK), top=3)


# Footnotes as cmark-gfm writes them (a label percent-encoded, so holding no `"` or `<`): a
# reference, its note's item, and each way back from the note to a reference (the second
# reference to one note is `fnref-<label>-2`, its way back's index `<number>-2`).
_FOOTNOTE_REF = re.compile(r'<a href="#fn-([^"]*)" id="fnref-([^"]*)" data-footnote-ref>(\d+)</a>')
_FOOTNOTE_ITEM = re.compile(r'<li id="fn-([^"]*)">')
_FOOTNOTE_BACK = re.compile(
    r'<a href="#fnref-[^"]*" class="footnote-backref" data-footnote-backref'
    r' data-footnote-backref-idx="(\d+)(-\d+)?" aria-label="Back to reference [^"]*">'
)
_FOOTNOTE_SECTION = '<section class="footnotes" data-footnotes>'
_ID = re.compile(r' id="([^"]*)"')


def _block_cleaned(text: str, settings: dict[str, Any]) -> str:
    """Block Markdown converted and sanitised with ``settings``, its footnotes' ids kept.

    Footnotes' ids are made of the note's number (never of its label: `[^<script>]`) and
    of a prefix taken from the text's hash, so the notes of two abstracts on one profile
    never share an id (``fn:1a2b3c4d:1``, ``fnref:1a2b3c4d:1``; a second reference to a
    note ``fnref:1a2b3c4d:1-2``); ``:`` is in no heading's id (_heading_ids). The text's
    own HTML keeps no id or aria-label: the sanitiser lets through only values marked
    with a stem made of the text's hash, which the text cannot hold.
    """
    rendered = _convert(text)
    if "data-footnote-ref>" not in rendered:
        return _cleaned(rendered, settings)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    prefix, stem = digest[:8], f"authorsite{digest[8:24]}"
    numbers: dict[str, str] = {}

    def reference(match: re.Match[str]) -> str:
        label, ref, number = match.groups()
        numbers.setdefault(label, number)
        again = ref[len(label) :] if ref.startswith(label) else ""  # "" or "-2"
        again = again if re.fullmatch(r"(-\d+)?", again) else ""
        return (
            f'<a href="#{stem}fn:{prefix}:{number}" id="{stem}fnref:{prefix}:{number}{again}">'
            f"{number}</a>"
        )

    def item(match: re.Match[str]) -> str:
        number = numbers.get(match.group(1))
        return f'<li id="{stem}fn:{prefix}:{number}">' if number else "<li>"

    def back(match: re.Match[str]) -> str:
        number, again = match.group(1), match.group(2) or ""
        return (
            f'<a href="#{stem}fnref:{prefix}:{number}{again}" class="footnote-backref"'
            f' aria-label="{stem}Back to reference {number}{again}">'
        )

    # cmark writes the notes last, after the text's own HTML, which may copy their tags
    notes = max(rendered.rfind(_FOOTNOTE_SECTION), 0)
    marked = _FOOTNOTE_REF.sub(reference, rendered[:notes])
    notes_html = _FOOTNOTE_REF.sub(reference, rendered[notes:])  # a note may refer to another
    marked += _FOOTNOTE_BACK.sub(back, _FOOTNOTE_ITEM.sub(item, notes_html))
    # a div: a section without a heading is one the Nu checker warns about
    marked = marked.replace(_FOOTNOTE_SECTION, '<div class="footnotes">').replace(
        "</section>", "</div>"
    )
    filtered = {**settings, "attribute_filter": functools.partial(_footnote_filter, stem)}
    return _unique_ids(_cleaned(marked, filtered).replace(f'"{stem}', '"').replace(f"#{stem}", "#"))


_FOOTNOTE_VALUE = re.compile(
    r"(?:fn|fnref):[0-9a-f]{8}:\d+(?:-\d+)?|Back to reference \d+(?:-\d+)?"
)


def _footnote_filter(stem: str, tag: str, attribute: str, value: str) -> str | None:
    """The sanitiser's filter for a text with footnotes: an id, an aria-label or an
    in-page link only as _block_cleaned marked them with ``stem``."""
    if attribute in ("id", "aria-label") or value.startswith(f"#{stem}"):
        marked = value.removeprefix("#").removeprefix(stem)
        if not value.removeprefix("#").startswith(stem) or not _FOOTNOTE_VALUE.fullmatch(marked):
            return None
        return value
    return _safe_url(tag, attribute, value)


def _unique_ids(html_text: str) -> str:
    """``html_text`` with each id only on the first tag that has it (raw HTML may copy a
    footnote's own tags)."""
    seen: set[str] = set()

    def once(match: re.Match[str]) -> str:
        if match.group(1) in seen:
            return ""
        seen.add(match.group(1))
        return match.group(0)

    return _TAG.sub(lambda tag: _ID.sub(once, tag.group(0)), html_text)


# A page's text may have h2 (below the page's h1 title); an abstract's and a bio's start
# at h3, below an h2 ("Abstract" on the paper's page, "About" on the CV), and where they
# stand higher or lower the template levels them again (headings_below). The sanitiser lets
# h1 and h2 through for _levelled, which runs on its result (where a `<h1` in a comment or
# an attribute's value is gone or escaped) and makes every heading an h2 (h3) or lower.
_HEADED_BLOCK = _sanitiser(ALLOWED_TAGS | {"h1", "h2"})
_HEADING_TAG = re.compile(r"<(/?)h([1-6])(?=[\s>/])", re.IGNORECASE)


def _levelled(html_text: str, top: int = 2) -> str:
    """Headings as an outline under the heading above them (a page's h1 title): the highest
    of them ``top`` (h2), and none more than one level below the heading before it (`#`,
    `##` or `###` may open a page's text; a `####` right after a `##` is an h3), so no
    level is skipped; none lower than h6."""
    levels = [int(m.group(2)) for m in _HEADING_TAG.finditer(html_text) if not m.group(1)]
    if not levels:
        return html_text
    shift = top - min(levels)
    last = top - 1  # the heading above the text
    shown = top

    def relevel(match: re.Match[str]) -> str:
        nonlocal last, shown
        if not match.group(1):
            shown = max(top, min(int(match.group(2)) + shift, last + 1, 6))
            last = shown
        return f"<{match.group(1)}h{shown}"

    return _HEADING_TAG.sub(relevel, html_text)


def headings_below(html_text: str, level: int) -> str:
    """Rendered Markdown (an abstract, a bio) whose headings are its outline under an h
    ``level`` that the page shows above it: its highest heading one level below (an h2 in
    a bio under a profile's h1, an h4 in an abstract under a card's h3), none skipped."""
    return _levelled(html_text, top=min(level + 1, 6))


def _page_markdown(text: str) -> str:
    return _heading_ids(_levelled(_block_cleaned(text, _HEADED_BLOCK)))


def _cleaned(html_text: str, settings: dict[str, Any]) -> str:
    """Converted Markdown through the sanitiser with ``settings``."""
    # Blocks one a line, as cmark writes them, without its final line end.
    cleaned = _rel(nh3.clean(html_text, **settings)).rstrip("\n")
    if " align=" in cleaned:
        cleaned = _ALIGN.sub(r'<\1 class="align-\2">', cleaned)
    if "<table>" in cleaned:
        # A table wider than a phone scrolls in its own box, its cells' words whole: squeezed
        # to the screen, `29.3` was drawn `2`, `9.`, `3` on three lines (see the style sheet)
        cleaned = cleaned.replace("<table>", '<div class="table-scroll"><table>').replace(
            "</table>", "</table></div>"
        )
    return _without_control(cleaned)


def _inline(text: str) -> str:
    rendered = _convert(text, inline=True)
    return _without_control(nh3.clean(rendered, **_INLINE).strip())


# Footnotes as plain text (feeds, descriptions): a reference `[1]`, a note `[1] its text`,
# no way back (an in-page link means nothing in a feed reader).
_PLAIN_FOOTNOTES = (
    (re.compile(r'<sup class="footnote-ref"><a [^>]*>(\d+)</a></sup>'), r"[\1]"),
    (re.compile(r'<a [^>]*class="footnote-backref".*?</a>', re.DOTALL), ""),
    (re.compile(r'<li id="fn:[^"]*:(\d+)">'), r"<li>[\1] "),
)


def _plain(text: str) -> str:
    rendered = render_markdown(text)
    if '<div class="footnotes">' in rendered:
        for pattern, replacement in _PLAIN_FOOTNOTES:
            rendered = pattern.sub(replacement, rendered)
    # a line break written as HTML (al-folio's `award = {invited review<br>article}`) parts
    # the words it stands between: the text read "invited reviewarticle"
    stripped = _TAG.sub("", _BREAK.sub(" ", rendered))
    # An entity such as &#1; would become a character that XML (feeds) forbids.
    text = html.unescape(stripped)
    return " ".join((text if find_control(text) is None else CONTROL.sub("", text)).split())


RENDERERS: dict[str, Callable[[str], str]] = {}

# The page being rendered, as the way back from it to the site's root ("../../" from
# papers/x/index.html): set by render_page, read by rooted.
_PAGE_ROOT: ContextVar[str | None] = ContextVar("page_root", default=None)
# The footnotes' prefixes the page being rendered shows already (see _page_footnotes).
_PAGE_FOOTNOTES: ContextVar[set[str] | None] = ContextVar("page_footnotes", default=None)
_FOOTNOTE_PREFIX = re.compile(r'<a href="#fn:([0-9a-f]{8}(?:-\d+)?):')
# An `<a>` as the sanitiser writes it (every value in double quotes, a `"` in it as
# `&quot;`), and each of its attributes.
_LINK = re.compile(r'<a((?: [^\s=>]+="[^"]*")*)>')
_ATTRIBUTE = re.compile(r' ([^\s=>]+)="([^"]*)"')
# What a link that is not relative to the site starts with: a scheme, `/` or `#`.
_NOT_RELATIVE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*:|[/#]")


def from_root(url: str, root: str) -> str:
    """``url`` as seen from a page whose way back to the site's root is ``root``.

    A relative URL in a record (a link, a photo, a link in Markdown) is relative to the
    site's root; one with a scheme, ``/…`` or ``#…`` is kept as it is.
    """
    return url if _NOT_RELATIVE.match(url) else root + url


@contextmanager
def page_root(root: str) -> Iterator[None]:
    """Render within a page whose way back to the site's root is ``root`` (``../../``)."""
    token = _PAGE_ROOT.set(root)
    footnotes = _PAGE_FOOTNOTES.set(set())
    try:
        yield
    finally:
        _PAGE_FOOTNOTES.reset(footnotes)
        _PAGE_ROOT.reset(token)


def _page_footnotes(html_text: str) -> str:
    """Rendered Markdown whose footnotes' ids no text shown before it on the page has: the
    same abstract twice on one page (a paper listed under two headings) gets its prefix
    numbered the second time (``fn:1a2b3c4d-2:1``)."""
    shown = _PAGE_FOOTNOTES.get()
    if shown is None or 'href="#fn:' not in html_text:  # most texts: no footnote
        return html_text
    found = _FOOTNOTE_PREFIX.search(html_text)
    if found is None:
        return html_text
    prefix = base = found.group(1)
    count = 1
    while prefix in shown:
        count += 1
        prefix = f"{base}-{count}"
    shown.add(prefix)
    if prefix == base:
        return html_text
    renamed = re.compile(rf'(?<=")(#?fn(?:ref)?):{re.escape(base)}:')
    return _TAG.sub(lambda tag: renamed.sub(rf"\1:{prefix}:", tag.group(0)), html_text)


def rooted(html_text: str) -> str:
    """Rendered Markdown whose relative links work on the page being rendered.

    A relative link in an abstract or a bio (``[data](static/data.csv)``) is relative to
    the site's root, the folder that holds ``index.html``, as a photo's path is: the same
    text is shown on pages at several depths (the paper's page, each profile, the CV), so
    read from each page it would lead somewhere else. Each page gets its way back to the
    root put in front. Links with a scheme, ``/…`` and ``#anchor`` links are kept as they
    are. Done after the cache, which keeps one rendering of each text for every page.
    """
    html_text = _page_footnotes(html_text)
    root = _PAGE_ROOT.get()
    if root is None or "<a " not in html_text:
        return html_text

    def attribute(match: re.Match[str]) -> str:
        name, value = match.groups()
        return match.group() if name != "href" else f' href="{from_root(value, root)}"'

    return _LINK.sub(lambda link: "<a" + _ATTRIBUTE.sub(attribute, link.group(1)) + ">", html_text)


# A heading as the sanitiser writes it (no attribute is kept on one), and what GitHub takes
# out of its words to make its id: all but letters, digits, `_`, `-` and spaces, and but
# marks (its `\p{Word}` has them: Devanagari's vowel signs, a decomposed accent), which
# Python's `\w` leaves out (see _kept_in_id)
_HEADING = re.compile(r"<h([2-6])>(.*?)</h\1>", re.DOTALL)
_NOT_IN_ID = re.compile(r"[^\w\- ]")


def _kept_in_id(match: re.Match[str]) -> str:
    """A character of a heading that ``_NOT_IN_ID`` found: kept if a mark or a connector
    (``हिन्दी`` stays ``हिन्दी``, not ``हनद``), else taken out."""
    character = match.group()
    return character if unicodedata.category(character) in ("Mn", "Mc", "Me", "Pc") else ""


def _heading_ids(html_text: str, taken: Iterable[str] = ("main",)) -> str:
    """A page's sanitised text with an id on each heading, as GitHub makes them (`## Past
    courses` is `#past-courses`; a second `FAQ` is `faq-1`), so that a link can lead to it.
    An id the page has already (``taken``: base.html's `main`, the skip link's) gets a
    number too; a heading with no letter or digit has no id.
    """
    used = set(taken)

    def heading(match: re.Match[str]) -> str:
        level = match.group(1)
        words = html.unescape(_TAG.sub("", match.group(2))).strip().lower()
        base = _NOT_IN_ID.sub(_kept_in_id, words).replace(" ", "-")
        if not base.strip("-_"):
            return match.group(0)
        found, count = base, 0
        while found in used:
            count += 1
            found = f"{base}-{count}"
        used.add(found)
        return f'<h{level} id="{html.escape(found)}">{match.group(2)}</h{level}>'

    return _HEADING.sub(heading, html_text)


def render_markdown(text: str) -> str:
    """Block Markdown (abstracts, bios) as sanitised HTML."""
    return memo.get("md", text, _markdown)


def render_page_text(text: str) -> str:
    """A page's text (content/pages/) as sanitised HTML: block Markdown whose headings are
    the page's outline below its title, whatever level they start at (see _levelled)."""
    return memo.get("page", text, _page_markdown)


@functools.cache  # asked for each title on every page that shows it: ~0.7 µs, cached 0.04
def is_plain_inline(text: str) -> bool:
    """Whether ``text`` is its own inline rendering, and its own plain title: most titles.

    It is printable (no control, format or line character, no space but U+0020, which
    cmark keeps and the sanitiser writes as it is), has no blank at either end (cmark takes
    it off) and holds none of :data:`_INLINE_SYNTAX`. cmark and nh3 give such a text back
    unchanged (a test compares the two on random texts), so it skips them and the cache:
    ~50 µs a title in a first build, and a rebuild's 10,000 lookups in the cache.
    """
    return (
        len(text) <= MARKDOWN_MAX_CHARS
        and text.isprintable()
        and not text.startswith(" ")
        and not text.endswith(" ")
        and _INLINE_SYNTAX.search(text) is None
    )


# The kinds of rendering that give a plain inline text back as it is (see is_plain_inline).
PLAIN_AS_IS = {"inline", "title"}


def to_convert(kind: str, texts: Iterable[str]) -> list[str]:
    """Those of ``texts`` that need a rendering of ``kind`` made or looked up, once each."""
    unique = dict.fromkeys(texts)
    return [t for t in unique if not is_plain_inline(t)] if kind in PLAIN_AS_IS else list(unique)


def render_inline(text: str) -> str:
    """Inline Markdown (titles) as sanitised HTML without block elements.

    Angle brackets in a title are text, never markup: ``<b>`` shows as ``<b>``.
    """
    if is_plain_inline(text):
        return text
    return memo.get("inline", text, _inline)


def plain_text(text: str) -> str:
    """Markdown as plain text (for meta descriptions and feeds' summaries)."""
    return memo.get("plain", text, _plain)


RENDERERS.update(md=render_markdown, page=render_page_text, inline=render_inline, plain=plain_text)
