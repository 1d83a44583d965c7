"""Markdown and inline text to sanitised HTML.

Rendered Markdown passes an allow-list sanitiser (nh3, the Rust ``ammonia``
library): raw HTML that is not on the list is dropped, ``script`` and
``style`` lose their content, and links keep only http, https, mailto and
relative URLs. LaTeX between ``$`` signs is kept exactly as written.

python-markdown is not built for hostile input: unclosed brackets or angle
brackets in one paragraph make it quadratic, deep nesting makes it recurse
past Python's limit. Text beyond the budgets below is therefore shown as
plain, escaped paragraphs instead (still sanitised), so that no record can
stall or crash a build.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import markdown as md
import nh3

from generator.urls import url_problem
from generator.validate import CONTROL

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "sub", "sup", "del", "span", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# Attributes allowed only with these values (a free class could dress text up as site UI).
ALLOWED_VALUES = {
    "th": {"align": {"left", "right", "center"}},
    "td": {"align": {"left", "right", "center"}},
}
ALLOWED_CLASSES = {"span": {"math"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

# Budgets within which python-markdown runs in well under a second per field.
MARKDOWN_MAX_CHARS = 20_000
MARKDOWN_MAX_LINES = 1_000  # headings and other blocks are quadratic in their number
_MAX_BRACKET_WORK = 1_000_000  # ("[" + "<" in a paragraph) x the paragraph's length
_MAX_NESTING = 64  # leading spaces, tabs and ">" of one line
INLINE_TAGS = {"em", "strong", "code", "sub", "sup", "del", "span"}

_MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<!\\)\$([^$\n]+?)(?<!\\)\$", re.DOTALL)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_converter = md.Markdown(
    extensions=["tables", "sane_lists"],
    extension_configs={"tables": {"use_align_attribute": True}},  # style= is not allowed
    output_format="html",
)


def _protect_math(text: str) -> tuple[str, str, list[str]]:
    """Swap ``$...$`` spans for tokens so Markdown leaves their ``_`` and ``\\`` alone.

    The token's stem never occurs in ``text``, so words that look like tokens stay words.
    """
    stem = "authorsitemath"
    while stem in text:
        stem += "q"
    spans: list[str] = []

    def keep(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return f"{stem}{len(spans) - 1}x"

    return _MATH.sub(keep, text), stem, spans


def _restore_math(rendered: str, stem: str, spans: list[str]) -> str:
    """Put the LaTeX back, escaped, in a ``span.math``."""
    return re.sub(
        rf"{stem}(\d+)x",
        lambda m: f'<span class="math">{html.escape(spans[int(m.group(1))], quote=False)}</span>',
        rendered,
    )


def within_budget(text: str) -> bool:
    """Whether python-markdown can render ``text`` quickly (see the module's note)."""
    if len(text) > MARKDOWN_MAX_CHARS or text.count("\n") >= MARKDOWN_MAX_LINES:
        return False
    for paragraph in _PARAGRAPH.split(text):
        if (paragraph.count("[") + paragraph.count("<")) * len(paragraph) > _MAX_BRACKET_WORK:
            return False
    return all(len(line) - len(line.lstrip(" \t>")) <= _MAX_NESTING for line in text.split("\n"))


def _plain_paragraphs(text: str) -> str:
    """Text as escaped paragraphs, without Markdown: linear time for any input."""
    paragraphs = (p.strip() for p in _PARAGRAPH.split(text))
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p)


def _safe_url(tag: str, attribute: str, value: str) -> str | None:
    """Drop a URL that the records' own check would refuse (``java  script:`` and the like).

    nh3 reads the scheme strictly; browsers are lenient about blanks and control
    characters, and Markdown turns a tab into spaces, so URLs are checked the records' way too.
    """
    if attribute == "href" and url_problem(value):
        return None
    return value


def _clean(rendered: str, tags: set[str]) -> str:
    """The allow-list sanitiser, with safe rel on links."""
    return nh3.clean(
        rendered,
        attribute_filter=_safe_url,
        tags=tags,
        attributes={k: v for k, v in ALLOWED_ATTRIBUTES.items() if k in tags},
        tag_attribute_values={k: v for k, v in ALLOWED_VALUES.items() if k in tags},
        allowed_classes={k: v for k, v in ALLOWED_CLASSES.items() if k in tags},
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )


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
        self.backing: Callable[[str, str], str | None] | None = None

    def known(self, kind: str, text: str) -> bool:
        """Whether the rendering of ``text`` is at hand (here or in the backing store)."""
        key = (kind, text)
        if key in self.seen:
            return True
        found = self.backing(kind, text) if self.backing is not None else None
        if found is not None:
            self.seen[key] = found
        return found is not None

    def get(self, kind: str, text: str, compute: Callable[[str], str]) -> str:
        """The rendering of ``text``, computed only when no one has it yet."""
        key = (kind, text)
        found = self.seen.get(key)
        if found is None:
            found = self.backing(kind, text) if self.backing is not None else None
            if found is None:
                found = compute(text)
                self.new[key] = found
            self.seen[key] = found
        return found


memo = Memo()


def _markdown(text: str) -> str:
    if not within_budget(text):
        return _clean(_plain_paragraphs(text), ALLOWED_TAGS)
    protected, stem, spans = _protect_math(text)
    _converter.reset()
    try:
        rendered = _converter.convert(protected)
    except RecursionError:  # nesting that the budget let through; never a traceback
        return _clean(_plain_paragraphs(text), ALLOWED_TAGS)
    return _clean(_restore_math(rendered, stem, spans), ALLOWED_TAGS)


def _escape_outside_math(text: str) -> str:
    """Escape a title's angle brackets and ampersands, except in ``$…$`` (escaped once, later)."""
    parts: list[str] = []
    last = 0
    for match in _MATH.finditer(text):
        parts += [html.escape(text[last : match.start()], quote=False), match.group(0)]
        last = match.end()
    parts.append(html.escape(text[last:], quote=False))
    return "".join(parts)


def _inline(text: str) -> str:
    rendered = render_markdown(_escape_outside_math(text))
    return _clean(rendered, INLINE_TAGS).strip()


def _plain(text: str) -> str:
    stripped = nh3.clean(render_markdown(text), tags=set())
    # An entity such as &#1; would become a character that XML (feeds) forbids.
    return CONTROL.sub("", html.unescape(re.sub(r"\s+", " ", stripped))).strip()


RENDERERS: dict[str, Callable[[str], str]] = {}


def render_markdown(text: str) -> str:
    """Block Markdown (abstracts, bios) as sanitised HTML."""
    return memo.get("md", text, _markdown)


def render_inline(text: str) -> str:
    """Inline Markdown (titles) as sanitised HTML without block elements.

    Angle brackets in a title are text, never markup: ``<b>`` shows as ``<b>``.
    """
    return memo.get("inline", text, _inline)


def plain_text(text: str) -> str:
    """Markdown as plain text (for meta descriptions and feeds' summaries)."""
    return memo.get("plain", text, _plain)


RENDERERS.update(md=render_markdown, inline=render_inline, plain=plain_text)
