"""Markdown and inline text to sanitised HTML.

Rendered Markdown passes an allow-list sanitiser (nh3, the Rust ``ammonia``
library): raw HTML that is not on the list is dropped, ``script`` and
``style`` lose their content, and links keep only http, https, mailto and
relative URLs. LaTeX between ``$`` signs is kept exactly as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import markdown as md
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "sub", "sup", "del", "span", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
INLINE_TAGS = {"em", "strong", "code", "sub", "sup", "del", "span"}

_MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<!\\)\$([^$\n]+?)(?<!\\)\$", re.DOTALL)
_TOKEN = re.compile(r"authorsitemath(\d+)x")
_converter = md.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def _protect_math(text: str) -> tuple[str, list[str]]:
    """Swap ``$...$`` spans for tokens so Markdown leaves their ``_`` and ``\\`` alone."""
    spans: list[str] = []

    def keep(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return f"authorsitemath{len(spans) - 1}x"

    return _MATH.sub(keep, text), spans


def _restore_math(rendered: str, spans: list[str]) -> str:
    """Put the LaTeX back, escaped, in a ``span.math``."""
    return _TOKEN.sub(
        lambda m: f'<span class="math">{html.escape(spans[int(m.group(1))], quote=False)}</span>',
        rendered,
    )


def _clean(rendered: str, tags: set[str]) -> str:
    """The allow-list sanitiser, with safe rel on links."""
    return nh3.clean(
        rendered,
        tags=tags,
        attributes={k: v for k, v in ALLOWED_ATTRIBUTES.items() if k in tags},
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
    protected, spans = _protect_math(text)
    _converter.reset()
    rendered = _converter.convert(protected)
    return _clean(_restore_math(rendered, spans), ALLOWED_TAGS)


def _inline(text: str) -> str:
    rendered = render_markdown(html.escape(text, quote=False))
    return _clean(rendered, INLINE_TAGS).strip()


def _plain(text: str) -> str:
    stripped = nh3.clean(render_markdown(text), tags=set())
    return html.unescape(re.sub(r"\s+", " ", stripped)).strip()


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
