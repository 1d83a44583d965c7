"""Templates as the theme's folders hold them, and their mistakes as located problems.

A mistake in a template of the site's own (or of a theme it made) is the user's to fix:
each is said at its file and line with what to do, as a record's problem is. Jinja's own
messages are kept where they are clear, and completed where they are not: the name
meant for a misspelt one, the tag left open, the file that lacks a macro.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import itertools
import os
import re
import sys
import traceback
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

from generator import model
from generator.errors import Problem, listed
from generator.routes import FALLBACK_PREFIX, Page

THEME_PREFIX = "theme/"  # `{% extends "theme/paper.html" %}`: the theme's own, not the site's


def did_you_mean(name: str, known: Iterable[object]) -> str:
    """`; did you mean 'venue'?` for the known name closest to ``name``, else nothing."""
    names = sorted({str(item) for item in known if isinstance(item, str)})
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# What a template calls each record it is given (`{{ paper.title }}`, `{{ site.title }}`)
_RECORDS = {
    model.Paper: "paper",
    model.Author: "author",
    model.SiteConfig: "site",
    model.SitePage: "page",
    model.Profile: "profile",
    model.PartialDate: "date",
}
# A field's message in Jinja's words, as HintedUndefined words it: `paper has no field 'x'`
_NO_FIELD = re.compile(r"(?P<owner>.+?) has no field '(?P<name>[^']+)'")


def _fields(record: object) -> list[str]:
    """The fields and properties a template can read of ``record`` (a dataclass)."""
    shown = [f.name for f in dataclasses.fields(record) if f.name != "lines"]  # type: ignore[arg-type]
    kind = type(record)
    computed = (property, functools.cached_property)
    return shown + sorted(n for n, v in vars(kind).items() if isinstance(v, computed))


def _value_kind(value: object) -> str:
    """What ``value`` is, in a user's words: `text`, `a number`, `a list`..."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool | int | float):
        return "a number"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


# The lists Jekyll's `site` (and Hugo's `.Site`) hold, which `site` here does not: it is
# site.yaml's settings; `site.papers` was said with "did you mean 'paper_sort'?"
_PAPERS_ARE = (
    "`site` holds site.yaml's settings; the papers are given to the pages that show "
    "them: `profile.papers` in profile.html and cv.html, `paper` in paper.html, "
    "`recent` in feed.xml (a page of content/pages/ gets its `page` only: link to a "
    "profile, `{{ root }}authors/<slug>/`, for the list)"
)
_SITE_LISTS = {
    "papers": _PAPERS_ARE,
    "posts": _PAPERS_ARE,
    "publications": _PAPERS_ARE,
    "authors": "the authors are `profiles` in authors.html, and a paper's site authors "
    "`profiles` in paper.html",
    "pages": "the pages of content/pages/ that the header links are `site.nav`, "
    "`(address, title)` pairs",
}


class HintedUndefined(jinja2.StrictUndefined):
    """Undefined values as errors, naming the attribute meant: `paper.venu` -> `venue`.
    A record's missing field is said as the record (`paper has no field 'titel'`), not as
    Jinja's `'generator.model.Paper object' has no attribute`, which names our class."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        message = super()._undefined_message
        owner, name = self._undefined_obj, self._undefined_name
        if self._undefined_hint or owner is jinja2.utils.missing or not isinstance(name, str):
            return message
        record = _RECORDS.get(type(owner))
        if record == "site" and name in _SITE_LISTS:  # Jekyll's `site.posts`, Hugo's
            return f"site has no field '{name}': {_SITE_LISTS[name]}"
        if record is not None:
            fields = _fields(owner)
            return f"{record} has no field '{name}'" + (
                did_you_mean(name, fields) or f" (its fields are {', '.join(fields)})"
            )
        known = owner if isinstance(owner, Mapping) else dir(owner)
        meant = did_you_mean(name, (n for n in known if not str(n).startswith("_")))
        if isinstance(owner, Mapping):  # `paper.links.pdff`: the names it has
            return f"{_value_kind(owner)} has no field '{name}'{meant}"
        if isinstance(owner, str | bool | int | float | list | tuple):  # not its methods
            return f"{_value_kind(owner)} has no field '{name}'"
        return message + meant


def _named_owner(message: str, line: str) -> str:
    """``message`` (`paper has no field 'titel'`) with what has no such field as the
    template's ``line`` writes it (`profile.author`, `paper.title is text, which`)."""
    said = _NO_FIELD.match(message)
    if said is None:
        return message
    name = re.escape(said.group("name"))
    written = re.search(
        rf"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?:\.{name}\b|\[['\"]{name}['\"]\])", line
    )
    if written is None:
        return message
    owner, expression = said.group("owner"), written.group(1)
    subject = expression if owner in _RECORDS.values() else f"{expression} is {owner}, which"
    return subject + message[said.end("owner") :]


# Jinja's "No filter named 'uppercase'." (at compile time; "… found." at run time)
_NO_SUCH = re.compile(r"No (filter|test) named '([^']+)'")


# Jekyll's (Liquid's) filters that Jinja names otherwise or does otherwise: a theme
# ported from Jekyll keeps them, and `upcase` was said with no filter meant at all
_LIQUID_FILTERS = {
    "upcase": "`upper`",
    "downcase": "`lower`",
    "strip": "`trim`",
    "strip_html": "`striptags`",
    "jsonify": "`tojson`",
    "markdownify": "`markdown`",
    "size": "`length`",
    "uniq": "`unique`",
    "where": "`selectattr('field', 'equalto', value)`",
    "relative_url": "a link to the site's own file is `{{ root }}static/x.pdf`, and a "
    "record's link `url|from_root(root)`",
    "absolute_url": "a page's own address is `{{ absolute_url }}`, and a link to the "
    "site's own file `{{ root }}static/x.pdf`",
    "date": "a record's date is `format_date(paper.date, site.build_date)` or `paper.date.iso()`",
    "date_to_xmlschema": "`facts(paper).day` is a paper's date as `YYYY-MM-DD`",
}


def hinted(env: jinja2.Environment, message: str) -> str:
    """A message about an unknown filter or test, with the one meant where one is close
    (or, for a filter of Jekyll's Liquid, Jinja's for it)."""
    match = _NO_SUCH.search(message)
    if match is None:
        return message
    kind, name = match.groups()
    if kind == "filter" and name in _LIQUID_FILTERS:
        meant = _LIQUID_FILTERS[name]
        said = f"Jinja's is {meant}" if meant.startswith("`") else f"here, {meant}"
        return f"{message.rstrip('.')} (Liquid's, as Jekyll has it); {said}"
    return message.rstrip(".") + did_you_mean(name, env.filters if kind == "filter" else env.tests)


# Jinja's words for `{% from "_macros.html" import x %}` where the file has no macro x
_NOT_EXPORTED = re.compile(
    r"the template '([^']+)' \(imported on line \d+ in '[^']*'\) does not export the requested name '([^']+)'"
)


def _not_exported(env: jinja2.Environment, template: str, name: str) -> str:
    """Which file ``template`` is (a site's copy stands in for the theme's), lacking ``name``:
    the one meant where the file has a macro close to it, else where to copy it from."""
    if env.loader is None:
        return ""
    try:
        source, found, _ = env.loader.get_source(env, template)
        theme = env.loader.get_source(env, THEME_PREFIX + template)[1]
    except jinja2.TemplateError:
        return ""
    close = did_you_mean(name, re.findall(r"\{%-?\s*macro\s+(\w+)", source))
    if close:
        return close
    copy = f" (copy it from the theme's {theme})" if theme != found else ""
    return f": {found or template} has no macro {name}; add it{copy}"


def syntax_problem(env: jinja2.Environment, exc: jinja2.TemplateSyntaxError) -> Problem:
    """A template syntax error at its file and line."""
    where = exc.filename or exc.name or "template"
    message = exc.message or "syntax error"
    unknown = _UNKNOWN_TAG.match(message)
    if unknown and unknown.group(1) not in _ENDS:  # `{% iff %}`, not a stray `{% endif %}`
        return Problem(where, exc.lineno, _unknown_tag(env, unknown.group(1)))
    if exc.source is not None and (unclosed := _unclosed(exc.source, exc.lineno)):
        return Problem(where, *unclosed)
    if unknown and unknown.group(1) in ("else", "elif"):
        return Problem(
            where,
            exc.lineno,
            f"{{% {unknown.group(1)} %}} is in no {{% if %}} or {{% for %}}: remove it, or "
            "open one before it",
        )
    if message.startswith("Missing end of raw directive"):
        return Problem(
            where, exc.lineno, "{% raw %} is not closed: add {% endraw %} where its text ends"
        )
    if exc.source is not None and (said := _go_template(exc.source, exc.lineno)):
        return Problem(where, exc.lineno, said)
    if exc.source is not None and (said := _parser_words(message, exc.source, exc.lineno)):
        return Problem(where, exc.lineno, said)
    # A tag left open: Jinja named the file's last line (or the end tag that came first)
    # and the open tag's kind ("the innermost block … is 'for'"), not the tag itself
    if "innermost block that needs to be closed" not in message or exc.source is None:
        return Problem(where, exc.lineno, hinted(env, message))
    opened, stray = _nesting(env, exc.source)
    if not opened:
        return Problem(where, exc.lineno, hinted(env, message))
    line, tag, shown = opened[-1]
    if stray is None:  # the file ended first
        return Problem(where, line, f"{shown} is not closed: add {{% end{tag} %}} where it ends")
    ends = stray[1][3:]
    if ends not in {entry[1] for entry in opened}:  # `{% endif %}` with no if open
        text = f"{{% {stray[1]} %}} ends no {{% {ends} %}}: remove it, or open one before it"
    else:
        text = (
            f"{{% {stray[1]} %}} comes before the end of {shown} (line {line}): add "
            f"{{% end{tag} %}} before it"
        )
    return Problem(where, stray[0], text)


# Jinja's words for a tag it does not know (`{% iff x %}`); it says so of the words that
# end or split a tag's body (_ENDS) where they are out of place
_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '([^']+)'")
# The tags Jinja reads in any template (its parser's own, `call`, `filter` and `raw`)
_TAGS = frozenset(("autoescape", "block", "call", "extends", "filter", "for", "from", "if"))
_TAGS |= {"import", "include", "macro", "print", "raw", "set", "with"}


# Jekyll's (Liquid's) tags and what Jinja writes for each
_LIQUID_TAGS = {
    "comment": "a comment is `{# … #}`",
    "assign": "Jinja writes `{% set name = … %}`",
    "capture": "Jinja writes `{% set name %}…{% endset %}`",
    "unless": "Jinja writes `{% if not … %}`",
    "case": "Jinja writes `{% if x == … %}…{% elif x == … %}…{% endif %}`",
    "render": 'Jinja writes `{% include "file.html" %}`',
    "increment": "Jinja writes `{% set n = n + 1 %}`",
}


def _unknown_tag(env: jinja2.Environment, name: str) -> str:
    """What to write for `{% name %}`, a tag neither Jinja nor an extension has."""
    if name in _LIQUID_TAGS:  # a template ported from Jekyll
        return f"`{{% {name} %}}` is Liquid's, no tag Jinja knows; {_LIQUID_TAGS[name]}"
    tags = {*_TAGS, *(tag for ext in env.extensions.values() for tag in ext.tags)}
    close = difflib.get_close_matches(name, sorted(tags), n=1, cutoff=0.6)
    meant = (
        f"; did you mean `{{% {close[0]} %}}`?"
        if close
        else (f" (the tags are {', '.join(sorted(tags))})")
    )
    return f"`{{% {name} %}}` is no tag Jinja knows{meant}"


# Where a Jinja tag, expression or comment opens, and what ends each
_OPENER = re.compile(r"\{([{%#])")
_CLOSER = {"{": "}}", "%": "%}", "#": "#}"}
_RAW = re.compile(r"\{%[-+]?\s*raw\s*[-+]?%\}")
_END_RAW = re.compile(r"\{%[-+]?\s*endraw\s*[-+]?%\}")


def _unclosed(source: str, before: int) -> tuple[int, str] | None:
    """The first `{{`, `{%` or `{#` of ``source`` (on line ``before`` or earlier) that is not
    closed by its own end before the next one opens or the file ends: its line, and what to
    write. Jinja said such a tag as what it met next (`unexpected '}'`, at the line after)."""
    at = counted = 0
    line = 1
    while (opened := _OPENER.search(source, at)) is not None:
        start, kind = opened.start(), opened.group(1)
        line += source.count("\n", counted, start)
        counted = start
        if line > before:
            return None
        closer = _CLOSER[kind]
        if kind == "%" and (raw := _RAW.match(source, start)):  # its text is not Jinja's
            raw_end = _END_RAW.search(source, raw.end())
            at = len(source) if raw_end is None else raw_end.end()
            continue
        end, other = _tag_end(source, opened.end(), kind)
        if end is not None and other is None:
            at = end
            continue
        shown = source[start : end if end is not None else len(source)].split("\n", 1)[0]
        shown = shown.strip() if len(shown) <= 60 else shown[:57].rstrip() + "…"
        if other is not None:
            return line, (
                f"`{shown}` opens with {{{kind} and ends with {other}: end it with `{closer}`"
            )
        return line, f"`{shown}` is not closed: end it with `{closer}`"
    return None


def _tag_end(source: str, at: int, kind: str) -> tuple[int | None, str | None]:
    """Where the tag opened with ``kind`` before ``at`` ends (after its closer), and the
    other kind's closer if that is what ends it; (None, None) where another tag opens
    first or the file ends. Quoted text and braces inside the tag are skipped."""
    if kind == "#":
        end = source.find("#}", at)
        return (None, None) if end < 0 else (end + 2, None)
    depth, quote, index = 0, "", at
    while index < len(source):
        char, pair = source[index], source[index : index + 2]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif pair in ("{{", "{%", "{#") and depth == 0:
            return None, None
        elif pair in ("}}", "%}") and depth == 0:
            other = None if pair == _CLOSER[kind] else pair
            return index + 2, other
        elif char == "{":
            depth += 1
        elif char == "}" and depth:
            depth -= 1
        index += 1
    return None, None


# Jinja's parser's words for a tag it could not read, and its names of a tag's ends
_EXPECTED = re.compile(
    r"(?:expected token '(?P<token>[^']+)'|Expected an expression|unexpected), got '(?P<got>[^']+)'"
    r"|unexpected '(?P<early>[^']+)'(?:, expected '(?P<bracket>[^']+)')?"
)
_TOKENS = {"end of print statement": "}}", "end of statement block": "%}"}
_BARE_END = re.compile(r"\{%[-+]?\s*(?:end\w*|else)\s*[-+]?%\}$")  # a tag nothing is missing in


def _parser_words(message: str, source: str, line: int) -> str | None:
    """What Jinja's ``expected token …, got …`` means and how to mend it, with the tag of
    ``line`` it is about where that tag can be told; None for other messages."""
    found = _EXPECTED.fullmatch(message.replace("Unexpected", "unexpected"))
    if found is None:
        return None
    token, bracket = found.group("token"), found.group("bracket")
    got = found.group("got") or found.group("early")
    ends = _TOKENS.get(got)
    opener = {"}}": "{", "%}": "%"}.get(ends or "")
    tags = [
        tag
        for tag in _tags_on(source, line)
        if (tag[1] == opener if ends else got in re.findall(r"\w+|[^\w\s]", tag)[3:-2])
        and not _BARE_END.match(tag)
    ]
    # an end tag with more in it (`{% endfor x %}`) is wrong whatever the others hold
    ended = [tag for tag in tags if re.match(r"\{%[-+]?\s*end(?!block)\w", tag)]
    tag = ended[0] if ended else tags[0] if len(tags) == 1 else ""
    words = re.findall(r"\w+", tag)
    shown = f"`{ends or got}`"
    if bracket is not None:
        what = f"`{bracket}` is missing before {shown}: close the bracket opened before it"
    elif token is None and ends:  # `{{ x + }}`, `{% for p in %}`
        what = f"an expression is missing before {shown}"
    elif token == "name":
        what = (
            f"a name is missing before {shown} (after `|`, a filter's; after `.`, an attribute's)"
        )
    elif token in _TOKENS and got == "if" and words[:1] == ["else"]:
        what = "Jinja writes else if as `{% elif … %}`"
    elif token in _TOKENS and words[:1] and words[0].startswith("end"):
        what = f"an end tag takes nothing more: write `{{% {words[0]} %}}`"
    elif token in _TOKENS:
        what = (
            f"{shown} follows a whole expression; join the two with an operator (`~` joins "
            "text) or take it out"
        )
    else:
        return None
    return f"`{tag}`: {what}" if tag else what


# Go's template language, as Hugo's themes write it, and what Jinja writes for each form
# (`range`, `if` and `with` followed by what Go's take: `.Pages`, `$p`, `eq .A "b"`)
_GO_ARGUMENT = r"\s+(?:[.$]|(?:eq|ne|lt|gt|le|ge|and|or|not|isset|where|first|after)\s)"
_GO_TEMPLATE = (
    (re.compile(r"\{\{-?\s*partial\s+\"([^\"]+)\""), 'Jinja writes `{{% include "{0}" %}}`'),
    (
        re.compile(r"\{\{-?\s*(range)" + _GO_ARGUMENT),
        "Jinja writes `{{% for x in … %}}…{{% endfor %}}`",
    ),
    (re.compile(r"\{\{-?\s*(if)" + _GO_ARGUMENT), "Jinja writes `{{% if … %}}…{{% endif %}}`"),
    (
        re.compile(r"\{\{-?\s*(with)" + _GO_ARGUMENT),
        "Jinja writes `{{% with x = … %}}…{{% endwith %}}`",
    ),
    (
        re.compile(r"\{\{-?\s*\$?\.[A-Za-z]|\{\{-?\s*\$\w"),
        "Jinja names a value without the dot or `$`, as this page's variables are named: "
        "Hugo's `.Site.Title` is `site.title`, a page's `.Title` `paper.title` or `page.title`",
    ),
)


def _go_template(source: str, line: int) -> str | None:
    """What Jinja writes for a tag of ``line`` written in Go's template language, as a
    theme ported from Hugo writes it (`{{ .Site.Title }}`, `{{ partial "x.html" . }}`):
    Jinja said only "unexpected '.'", or that a string followed a whole expression."""
    for tag in _tags_on(source, line):
        for form, meant in _GO_TEMPLATE:
            if found := form.match(tag):
                shown = " ".join(tag.split())
                return (
                    f"`{shown}` is Hugo's (Go's template language); {meant.format(*found.groups())}"
                )
    return None


def _tags_on(source: str, line: int) -> list[str]:
    """The `{{ … }}` and `{% … %}` tags that start on ``line`` of ``source`` and end."""
    start = 0
    for _ in range(line - 1):
        start = source.find("\n", start) + 1
        if not start:
            return []
    stop = source.find("\n", start)
    stop = len(source) if stop < 0 else stop
    tags = []
    while (opened := _OPENER.search(source, start, stop)) is not None:
        end, _ = _tag_end(source, opened.end(), opened.group(1))
        if end is None:
            break
        tags.append(source[opened.start() : end])
        start = end
    return [tag for tag in tags if tag[1] != "#"]


# The tags that take an end tag (`{% set x %}…{% endset %}` too, but not `{% set x = 1 %}`)
_PAIRED = frozenset(("autoescape", "block", "call", "filter", "for", "if", "macro", "set", "with"))
_ENDS = frozenset(
    ("else", "elif", "endraw", "endtrans", "pluralize", *(f"end{t}" for t in _PAIRED))
)


def _nesting(
    env: jinja2.Environment, source: str
) -> tuple[list[tuple[int, str, str]], tuple[int, str] | None]:
    """The tags of ``source`` open where its nesting goes wrong, the innermost last (each
    one's line, name and opening words: `{% block main %}`), and the end tag there that
    ends another (its line and name), None where the file ends first."""
    try:
        tokens = [t for t in env.lex(source) if t[1] != "whitespace"]
    except jinja2.TemplateSyntaxError:
        return [], None
    opened: list[tuple[int, str, str]] = []
    for index, (line, kind, _) in enumerate(tokens[:-1]):
        if kind != "block_begin" or tokens[index + 1][1] != "name":
            continue
        tag = tokens[index + 1][2]
        words = list(itertools.takewhile(lambda t: t[1] != "block_end", tokens[index + 1 :]))
        if tag.startswith("end") and tag[3:] in _PAIRED:
            if not opened or opened[-1][1] != tag[3:]:
                return opened, (line, tag)
            opened.pop()
        elif tag in _PAIRED and not (tag == "set" and any(t[2] == "=" for t in words)):
            named = f" {words[1][2]}" if tag in ("block", "macro") and len(words) > 1 else ""
            opened.append((line, tag, f"{{% {tag}{named} %}}"))
    return opened, None


# The template names each environment's loader can find, listed once: looking for a
# per-page override (``paper-<slug>.html``) that does not exist costs a stat per folder.
_NAMES: weakref.WeakKeyDictionary[jinja2.Environment, frozenset[str]] = weakref.WeakKeyDictionary()


def known_templates(env: jinja2.Environment) -> frozenset[str] | None:
    """The names of every template the environment's folders hold (None: not listable)."""
    known = _NAMES.get(env)
    if known is None:
        try:
            known = frozenset(env.list_templates())
        except TypeError:  # a loader that cannot list its templates
            return None
        _NAMES[env] = known
    return known


def existing_templates(env: jinja2.Environment, templates: Sequence[str]) -> list[str]:
    """``templates`` without the names no folder holds (all of them when none is found)."""
    known = known_templates(env)
    found = [name for name in templates if known is None or name in known]
    return found or list(templates)  # so that the error names every template tried


def missing_templates(
    env: jinja2.Environment, pages: Iterable[Page], theme: str, default: Path
) -> list[Problem]:
    """Each template that pages need and no folder holds, with those pages, at ``theme``
    (the theme's templates folder as the user names it): a theme of the site's own that
    lacks some of the default theme's files said only the first, as `templates/`. And
    each empty one an HTML page is made from (`touch templates/paper.html`, the copy not
    pasted yet): blank pages that the build and `check` passed."""
    known = known_templates(env)
    if known is None or env.loader is None:
        return []
    needed: dict[str, list[str]] = {}
    used: dict[str, tuple[str, str]] = {}  # the template of each kind of HTML page -> a
    # page made from it, and the theme's general template for it (`paper-x.html`'s paper.html)
    for page in pages:  # 21,500 at 10,000 papers: the first template found, no list
        if page.body is not None or not page.templates:
            continue
        for name in page.templates:
            if name in known:
                if name not in used and page.output.endswith(".html"):
                    used[name] = (page.output, page.templates[-1])
                break
        else:
            needed.setdefault(page.templates[-1], []).append(page.output)
    problems = [
        Problem(
            theme,
            0,
            f"has no {name} (for {listed(outputs)}); a theme is complete in itself: copy "
            f"{name} from the default theme ({default / name}), or write one",
        )
        for name, outputs in needed.items()
    ]
    for name, (output, general) in used.items():
        try:
            source, filename, _ = env.loader.get_source(env, name)
        except jinja2.TemplateSyntaxError:  # not UTF-8: said when it is rendered
            continue
        if not source.strip():
            problems.append(
                Problem(
                    filename or name,
                    0,
                    f"is empty, so {output} and every page made from it would be blank; "
                    f"write it (the default theme's {general} is {default / general}), or "
                    "delete it",
                )
            )
    return problems


# A page's own template: `paper-<slug>.html`, `profile-<slug>.html`, `cv-<slug>.html`,
# `page-<slug>.html` (a page of content/pages/)
_PER_PAGE = re.compile(r"(paper|profile|cv|page)-([^/]+)\.html")


def unused_page_templates(env: jinja2.Environment, pages: Iterable[Page]) -> list[str]:
    """A note for each page's own template that no page of this build is made from: a slug
    mistyped in its name (`paper-fedaly.html`) left the page as the theme makes it, unsaid."""
    known = known_templates(env)
    if not known or env.loader is None:
        return []
    own = {name for name in known if _PER_PAGE.fullmatch(name)}
    if not own:  # no page's own template (the default theme): no 21,500 pages to look at
        return []
    wanted = {name for page in pages for name in page.templates}
    notes = []
    for name in sorted(own - wanted):
        match = _PER_PAGE.fullmatch(name)
        if match is None:
            continue
        kind, slug = match.groups()
        try:
            where = env.loader.get_source(env, name)[1] or name
        except jinja2.TemplateError:
            where = name
        if kind == "paper":
            why = f"no published paper has the slug `{slug}` (a draft's page uses it with --drafts)"
            slugs = "its record's file name, or its `slug:`"
        elif kind == "page":
            why = (
                f"no published page of content/pages/ has the slug `{slug}` (a draft's page "
                "uses it with --drafts)"
            )
            slugs = "its file's name in content/pages/, or its `slug:`"
        else:
            why, slugs = f"no author has the slug `{slug}`", "its file's name in content/authors/"
        same = sorted(m[2] for m in map(_PER_PAGE.fullmatch, wanted) if m and m[1] == kind)
        close = difflib.get_close_matches(slug, same, n=1, cutoff=0.6)
        fix = (
            f"did you mean {kind}-{close[0]}.html?"
            if close
            else f"name it {kind}-<slug>.html ({slugs})"
        )
        notes.append(f"{where}: no page is made from it: {why}; {fix}")
    return notes


def stray_blocks(env: jinja2.Environment, bundled: Path) -> list[str]:
    """A warning for each block of a template that extends another (`{% extends
    "theme/paper.html" %}`) that no template it extends has: outside the parent's blocks a
    child's text is dropped, so a misspelt `{% block titel %}` changed nothing, unsaid.
    The templates that come with authorsite (``bundled``) are not read."""
    known = known_templates(env)
    if not known or env.loader is None:
        return []
    sources: dict[str, tuple[str, str | None]] = {}
    for name in sorted(known):
        if name.startswith(FALLBACK_PREFIX):
            continue
        try:
            source, filename, _ = env.loader.get_source(env, name)
        except jinja2.TemplateError:  # said at its line when a page is made from it
            continue
        if not _bundled(bundled, Path(filename or name)):
            sources[name] = (source, filename)
    # Only the bundled theme, or copies of it as it came (the repository's own site, a
    # site's `themes/default/`): nothing to read (~0.17 s a build). A copy beside a
    # changed template is read: its blocks may be gone from a changed base.html.
    if all(bundled.joinpath(name).is_file() for name in sources) and all(
        _as_it_came(bundled, name, source) for name, (source, _) in sources.items()
    ):
        return []
    notes: list[str] = []
    for name, (source, filename) in sources.items():
        try:
            if "extends" not in source:
                continue
            tree = env.parse(source, name, filename)
        except jinja2.TemplateError:  # said at its line when a page is made from it
            continue
        extends = next(iter(tree.find_all(jinja2.nodes.Extends)), None)
        if extends is None or not isinstance(extends.template, jinja2.nodes.Const):
            continue
        parent = str(extends.template.value)
        offered = _blocks_of(env, parent, {name})
        if offered is None:
            continue
        for block in _outer_blocks(tree):
            if block.name in offered:
                continue
            close = difflib.get_close_matches(block.name, sorted(offered), n=1, cutoff=0.6)
            hint = (
                f"did you mean `{close[0]}`?"
                if close
                else f"its blocks are {', '.join(sorted(offered))}"
            )
            notes.append(
                f"{filename or name}:{block.lineno}: block `{block.name}` is no block of "
                f"{parent} (nor of a template it extends), so what it holds shows on no "
                f"page; {hint}"
            )
    return notes


def _bundled(bundled: Path, path: Path) -> bool:
    """Whether a template is the bundled theme's own file (found by a relative path too,
    as `authorsite build` run in the repository finds it)."""
    return path.resolve().is_relative_to(bundled.resolve())


def _as_it_came(bundled: Path, name: str, source: str) -> bool:
    """Whether a site's template is the bundled theme's of that name, unchanged."""
    try:
        return (bundled / name).read_text(encoding="utf-8") == source
    except (OSError, UnicodeDecodeError, ValueError):
        return False


def _blocks_of(env: jinja2.Environment, name: str, seen: set[str]) -> set[str] | None:
    """The names of the blocks of template ``name`` and of those it extends; None when one
    of them cannot be read (its mistake is said when a page is made from it)."""
    if name in seen or env.loader is None:
        return None
    try:
        source, filename, _ = env.loader.get_source(env, name)
        tree = env.parse(source, name, filename)
    except jinja2.TemplateError:
        return None
    names = {block.name for block in tree.find_all(jinja2.nodes.Block)}
    extends = next(iter(tree.find_all(jinja2.nodes.Extends)), None)
    if extends is None:
        return names
    if not isinstance(extends.template, jinja2.nodes.Const):
        return None
    above = _blocks_of(env, str(extends.template.value), seen | {name})
    return None if above is None else names | above


def _outer_blocks(node: jinja2.nodes.Node) -> Iterator[jinja2.nodes.Block]:
    """The blocks of ``node`` that are inside no other block."""
    for child in node.iter_child_nodes():
        if isinstance(child, jinja2.nodes.Block):
            yield child
        else:
            yield from _outer_blocks(child)


# A style sheet or script a template loads from the site's static files:
# `<link rel="stylesheet" href="{{ root }}static/style.css">`, `<script src="/static/x.js">`
# A Jinja or HTML comment, which loads nothing (blanked out, its lines kept, before _LOADED)
_COMMENT = re.compile(r"\{#.*?#\}|<!--.*?-->", re.DOTALL)
_LOADED = re.compile(
    r"<(link|script)\b[^>]*?\b(?:href|src)\s*=\s*[\"']"
    r"(?:\{\{-?\s*root\s*-?\}\}|/)?(static/[^\"'{}\s?#]+)",
    re.IGNORECASE,
)


def unprovided_assets(
    env: jinja2.Environment,
    provided: Collection[str],
    folders: Sequence[str],
    default: Path,
) -> list[str]:
    """A warning for each style sheet or script that a template (the theme's, and the
    site's own: base.html, paper.html, a `_head.html` that base.html includes) loads from
    static/ and no folder of ``folders`` (the theme's static/, then the site's) holds: a
    theme of the site's own without its static/ built without a word, and every page was
    published unstyled (a page without its style sheet looks broken). ``provided``: the
    static files (`static/style.css`); ``default``: the default theme's static/."""
    if env.loader is None:
        return []
    notes: list[str] = []
    read: set[str] = set()  # the files read
    names = sorted(known_templates(env) or {"base.html"})
    for name in (name for name in names if not name.startswith(FALLBACK_PREFIX)):
        # the theme's, whose assets belong in its static/, then the site's (if it has one)
        for template, folder in ((THEME_PREFIX + name, folders[0]), (name, folders[-1])):
            try:
                source, filename, _ = env.loader.get_source(env, template)
            except jinja2.TemplateError:
                continue
            if (filename or template) not in read:
                read.add(filename or template)
                notes += _unprovided(
                    source, filename or name, name, provided, folders, folder, default
                )
                notes += _remote_loads(source, filename or name, name, folder)
    return notes


# What a template makes every visitor's browser fetch from another host: a font's or a
# framework's CDN (`<link href="https://fonts.googleapis.com/…" rel="stylesheet">`, and the
# `preconnect` that goes with it), a script, an image or a frame; a `canonical`,
# `alternate` or `me` link is an address, not a request.
_TAG = re.compile(r"<(link|script|img|iframe|video|audio|source|embed|track|object)\b[^>]*>", re.I)
_ATTR = re.compile(
    r"""(?<![\w-])(rel|href|src|srcset|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
    re.I,
)
# CSS that fetches from another host, in a template's `<style>` or `style=""` or in a
# style sheet of static/: `@import url("https://fonts.googleapis.com/…")`, `@import
# "//x/y.css"`, `src: url(https://…/font.woff2)`, `background: url('//cdn/x.png')`
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_REMOTE = re.compile(r"""(?:@import\s+|\burl\(\s*)(["']?)\s*((?:https?:)?//[^"')\s;]+)""", re.I)
_FETCHED = frozenset(
    [
        "stylesheet",
        "preconnect",
        "dns-prefetch",
        "preload",
        "prefetch",
        "modulepreload",
        "icon",
        "apple-touch-icon",
        "manifest",
    ]
)
_REMOTE = re.compile(r"^\s*(?:https?:)?//([^/?#\s]+)", re.I)


def _remote_loads(source: str, shown: str, name: str, folder: str) -> list[str]:
    """A warning for each file the template ``name`` (file ``shown``) loads from another
    host: the README promises that no page loads anything from another host (a
    record's photo there is refused), and a theme's Google Font link was published
    without a word, a request from every visitor's browser that tells that host who
    reads the page, and when. ``folder``: the static folder to keep the file in."""
    source = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
    said: list[tuple[int, str]] = []  # (line, warning), said in the lines' order
    who = "every page" if name == "base.html" else f"every page that uses {name}"
    for tag in _TAG.finditer(source):
        attrs = {
            key.lower(): "".join(values)  # the one of the three forms that matched
            for key, *values in reversed(_ATTR.findall(tag.group()))  # the first counts
        }
        kind = tag.group(1).lower()
        if kind == "link" and not _FETCHED.intersection(attrs.get("rel", "").lower().split()):
            continue
        key = {"link": "href", "object": "data"}.get(kind, "src")
        # `srcset="a.png 1x, https://cdn/b.png 2x"`: each candidate's address is fetched
        candidates = [c.split()[0] for c in attrs.get("srcset", "").split(",") if c.split()]
        for address in [attrs.get(key, ""), attrs.get("poster", ""), *candidates]:
            host = _REMOTE.match(address)
            if host is None:
                continue
            line = source.count("\n", 0, tag.start()) + 1
            does = f"loads {address.strip()} from another host"
            fix = _put_it_in(folder)
            if {"preconnect", "dns-prefetch"}.intersection(attrs.get("rel", "").lower().split()):
                does, fix = f"connects to {address.strip()}", "remove the line"
            said.append((line, _remote_warning(shown, line, who, does, host.group(1), fix)))
    for line, address, host_name in css_remote_loads(source):
        does = f"loads {address} from another host"
        said.append((line, _remote_warning(shown, line, who, does, host_name, _put_it_in(folder))))
    return [warning for _, warning in sorted(said, key=lambda said: said[0])]


def _put_it_in(folder: str) -> str:
    return f"put the file in {folder} and load it from {{{{ root }}}}static/, or remove the line"


def _remote_warning(shown: str, line: int, who: str, does: str, host: str, fix: str) -> str:
    return (
        f"{shown}:{line}: {who} {does}, a request from every visitor's browser to "
        f"{host}, which learns who reads the page and when; {fix}"
    )


def css_remote_loads(source: str) -> Iterator[tuple[int, str, str]]:
    """(line, address, host) of each `@import` or `url()` of ``source`` (CSS, or a
    template's text) that fetches from another host; CSS comments load nothing."""
    source = _CSS_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
    line, counted = 1, 0  # lines counted on from the last match, not from the top each time
    for match in _CSS_REMOTE.finditer(source):
        address = match.group(2)
        host = _REMOTE.match(address)
        if host is not None:
            line += source.count("\n", counted, match.start())
            counted = match.start()
            yield line, address, host.group(1)


def remote_style_sheets(sources: Mapping[str, Path], shown: Callable[[Path], str]) -> list[str]:
    """A warning for each `@import` or `url()` of a style sheet of static/ (``sources``:
    output path -> file) that fetches from another host: a theme's
    `@import url("https://fonts.googleapis.com/…")` was published without a word, while
    no page is to load anything from another host. ``shown``: a file as messages name it."""
    notes = []
    for rel, path in sorted(sources.items()):
        if not rel.lower().endswith(".css"):
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for line, address, host in css_remote_loads(text):
            does = f"loads {address} from another host"
            fix = (
                "put the file in static/ and load it by an address relative to the style "
                "sheet (url(fonts/x.woff2)), or remove the line"
            )
            notes.append(_remote_warning(shown(path), line, "the style sheet", does, host, fix))
    return notes


def _unprovided(
    source: str,
    shown: str,
    name: str,
    provided: Collection[str],
    folders: Sequence[str],
    folder: str,
    default: Path,
) -> Iterator[str]:
    """unprovided_assets's warnings for the template ``name`` (file ``shown``), whose
    assets belong in ``folder``."""
    # (comments blanked out, their lines kept)
    source = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
    for match in _LOADED.finditer(source):
        tag, rel = match.groups()
        if rel in provided:
            continue
        line = source.count("\n", 0, match.start()) + 1
        what = "style sheet" if tag.lower() == "link" else "script"
        copy = default / rel.removeprefix("static/")
        fix = f"copy the default theme's {copy} into" if copy.is_file() else "put it in"
        pages, show = "every page", "every page shows"
        if name != "base.html":  # `paper.html`, a `_head.html` that base.html includes
            pages, show = f"every page that uses {name}", "those pages show"
        yield (
            f"{shown}:{line}: {pages} loads {rel}, which neither {' nor '.join(folders)} "
            f"holds, so {show} without that {what}; {fix} {folder}, or remove the line"
        )


def _raised_by_template() -> bool:
    """Whether the exception being handled was raised in template code or in Jinja itself."""
    frames = traceback.extract_tb(sys.exc_info()[2])
    innermost = frames[-1].filename if frames else ""
    return innermost.endswith((".html", ".xml", ".txt")) or f"{os.sep}jinja2{os.sep}" in innermost


# The themes that come with authorsite (in a clone, and in the installed package)
_SHIPPED = tuple(
    str(folder / "themes") + os.sep
    for folder in (Path(__file__).resolve().parent.parent, Path(__file__).resolve().parent)
)


def _template_origin(own: bool = False) -> str:
    """The template file and line at which rendering failed, from the traceback; with
    ``own``, the innermost of the site's own (not a theme that came with authorsite),
    or "" when none is in it."""
    for frame in reversed(traceback.extract_tb(sys.exc_info()[2])):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            shipped = os.path.abspath(frame.filename).startswith(_SHIPPED)
            if not own or not shipped:
                return f"{frame.filename}:{frame.lineno}"
    return "" if own else "template"


def _template_line() -> str:
    """The text of the template line at which rendering failed ("" where none is known)."""
    for frame in reversed(traceback.extract_tb(sys.exc_info()[2])):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            return frame.line or ""
    return ""


def calling_template() -> str:
    """``file:line`` of the innermost template line running now (a filter it calls asks),
    as an error's traceback names it; ``template`` where no template is running."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            line = template.get_corresponding_lineno(frame.f_lineno)
            return f"{template.filename or template.name}:{line}"
        frame = frame.f_back  # type: ignore[assignment]
    return "template"


def _meant_variable(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """`; did you mean 'paper.title'?` for a record's field written bare (`{{ title }}`), the
    variable closest to ``name``, or else the page's variables: never nothing."""
    shown = sorted(key for key in context if not key.startswith("_"))
    for key in shown:
        value = context[key]
        if dataclasses.is_dataclass(value) and name in {f.name for f in dataclasses.fields(value)}:
            return f"; did you mean '{key}.{name}'?"
    return did_you_mean(name, [*context, *env.globals]) or (
        f"; this page's variables are {', '.join(shown)}"
    )


def rendering_problem(
    env: jinja2.Environment, exc: Exception, output: str, context: Mapping[str, Any]
) -> Problem | None:
    """The template's mistake that ``exc`` (being handled) is, at its file and line, while
    rendering ``output`` with ``context``; None when no template made it (our own bug,
    which then shows as what it is)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):  # an included or imported template's
        return syntax_problem(env, exc)
    if isinstance(exc, jinja2.TemplateNotFound):  # `{% include "x.html" %}`: named at its line
        return Problem(
            _template_origin(),
            0,
            f"template '{exc.name}' not found: it is neither in the site's "
            "templates/ nor in the theme's; create it, or correct the name",
        )
    if isinstance(exc, jinja2.UndefinedError):
        message = exc.message or "undefined"
        if hugo := _go_template(_template_line(), 1):  # `{{ range .Pages }}` compiles
            return Problem(_template_origin(), 0, f"{hugo} (rendering {output})")
        missing = re.fullmatch(r"'(.+)' is undefined", message)
        if missing and missing.group(1) in context:  # the page has it; the macro does not
            message += (
                " in a macro imported without the page's variables; import it with them: "
                '{% from "_macros.html" import … with context %}, or pass it as an argument'
            )
        elif missing:  # a variable misspelt, or a record's field written bare
            message += _meant_variable(env, missing.group(1), context)
        elif unexported := _NOT_EXPORTED.search(message):  # which file it was looked for in
            message += _not_exported(env, *unexported.groups())
        else:
            message = _named_owner(message, _template_line())
        return Problem(_template_origin(), 0, f"{message} (rendering {output})")
    # An unknown filter or test, a call that fails (`{{ x|round("a") }}`), a value the
    # template divides by zero...: the template's mistake, named at its line.
    where = _template_origin()
    if where == "template":
        return None
    message = hinted(env, getattr(exc, "message", None) or str(exc) or type(exc).__name__)
    if not _raised_by_template():
        # In a helper or filter (`{{ author_names(paper, profiles[0]) }}`, `{{ none|number
        # }}`): a value it cannot take, given by a template of the site's own, was a
        # traceback; called by the themes that come with authorsite only, it is ours.
        where = _template_origin(own=True)
        if not where:
            return None
        message = (
            "a filter or helper on this line was given a value it cannot take "
            f"({type(exc).__name__}: {message}); see what each takes in the README's "
            "Themes and templates"
        )
    if isinstance(exc, RecursionError):  # "maximum recursion depth exceeded" said no cause
        message = (
            "includes itself, or calls a macro that calls itself, without end; "
            "give the recursion a condition that stops it"
        )
    return Problem(where, 0, f"{message} (rendering {output})")
