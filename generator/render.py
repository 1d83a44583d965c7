"""The Jinja environment (autoescape, StrictUndefined, filters) and page rendering."""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator import names
from generator.charts import bar_svg
from generator.errors import ContentError, Problem
from generator.markup import plain_text, render_inline, render_markdown
from generator.model import Author, Paper, PartialDate
from generator.routes import Page
from generator.seo import script_json, title_text

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(date: PartialDate, build_date: dt.date) -> str:
    """``May 27`` in the build year, ``Oct 30, 2023`` otherwise (``May 2023``, ``2023``)."""
    if date.month is None:
        return str(date.year)
    month = _MONTH_ABBR[date.month - 1]
    if date.day is None:
        return month if date.year == build_date.year else f"{month} {date.year}"
    if date.year == build_date.year:
        return f"{month} {date.day}"
    return f"{month} {date.day}, {date.year}"


def short_category(category: str) -> str:
    """arXiv's ``cs.AI`` as ``AI``; free text as written."""
    head, _, tail = category.rpartition(".")
    return tail if head and tail and " " not in category else category


def byline(paper: Paper, author: Author | None, shown: int) -> list[tuple[str, bool]]:
    """The first ``shown`` names, each with whether it is the profile's own author."""
    own = (author.name, *author.aliases) if author else ()
    return [(name, bool(own) and names.matches(name, own)) for name in paper.authors[:shown]]


def is_own(name: str, profiles: Sequence[Any]) -> bool:
    """Whether ``name`` is one of the site's authors (given their profiles)."""
    return any(names.matches(name, (p.author.name, *p.author.aliases)) for p in profiles)


def badge_link(paper: Paper) -> str | None:
    """Where a card's ``Code`` badge points: the code, else the project or data page."""
    for key in ("code", "project", "data"):
        if key in paper.links:
            return paper.links[key]
    return None


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds; a file that cannot be used is a miss.

    Compiling the theme costs ~0.08 s in every build process; loading it ~0.003 s. Jinja
    checks each template's source checksum; the folder is keyed by our code and Jinja's version.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        # A cache that cannot be written only makes the next build compile again.
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def make_environment(
    search_path: Sequence[Path], bytecode: Path | None = None
) -> jinja2.Environment:
    """Templates from ``search_path`` in order (site overrides first), escaped, strict.

    ``bytecode`` is a folder where compiled templates are kept for later builds.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path]),
        bytecode_cache=None if bytecode is None else _BytecodeCache(str(bytecode)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        markdown=lambda text: Markup(render_markdown(text)),
        inline=lambda text: Markup(render_inline(text)),
        plain=plain_text,
        title_text=title_text,
        short_category=short_category,
        number=lambda v: f"{v:.1f}".removesuffix(".0"),
        # JSON for <script type="application/ld+json">, escaped so it cannot end the element.
        script_json=lambda data: Markup(script_json(data)),
        bar_svg=lambda chart: Markup(bar_svg(chart)),
    )
    env.globals.update(
        format_date=format_date,
        byline=byline,
        badge_link=badge_link,
        is_own=is_own,
    )
    return env


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    """One page's bytes: its body, or its first template that exists, rendered."""
    if page.body is not None:
        return page.body.encode("utf-8")
    context = page.full_context()
    if not page.templates:
        return str(context["body"]).encode("utf-8")
    try:
        template = env.select_template(list(page.templates))
        return template.render(context).encode("utf-8")
    except jinja2.TemplateSyntaxError as exc:
        raise ContentError(
            [
                Problem(
                    exc.filename or exc.name or "template",
                    exc.lineno,
                    exc.message or "syntax error",
                )
            ]
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise ContentError(
            [Problem("templates/", 0, f"no template for {page.output}: tried {exc.message}")]
        ) from None
    except jinja2.UndefinedError as exc:
        raise ContentError(
            [Problem(_template_origin(), 0, f"{exc.message} (rendering {page.output})")]
        ) from None


def _template_origin() -> str:
    """The template file and line at which rendering failed, from the traceback."""
    for frame in reversed(traceback.extract_tb(sys.exc_info()[2])):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            return f"{frame.filename}:{frame.lineno}"
    return "template"
