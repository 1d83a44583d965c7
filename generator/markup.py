"""Markdown and inline text to sanitised HTML.

Rendered Markdown passes an allow-list sanitiser (nh3, the Rust ``ammonia``
library): raw HTML that is not on the list is dropped, ``script`` and
``style`` lose their content, and links keep only http, https, mailto and
relative URLs. LaTeX between ``$`` signs is kept exactly as written.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

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


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """Block Markdown (abstracts, bios) as sanitised HTML."""
    protected, spans = _protect_math(text)
    _converter.reset()
    rendered = _converter.convert(protected)
    return _clean(_restore_math(rendered, spans), ALLOWED_TAGS)


@lru_cache(maxsize=4096)
def render_inline(text: str) -> str:
    """Inline Markdown (titles) as sanitised HTML without block elements.

    Angle brackets in a title are text, never markup: ``<b>`` shows as ``<b>``.
    """
    rendered = render_markdown(html.escape(text, quote=False))
    return _clean(rendered, INLINE_TAGS).strip()


def plain_text(text: str) -> str:
    """Markdown as plain text (for meta descriptions and feeds' summaries)."""
    stripped = nh3.clean(render_markdown(text), tags=set())
    return html.unescape(re.sub(r"\s+", " ", stripped)).strip()
