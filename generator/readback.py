"""A built site read back as the checks need it: each page's ids, links and JSON-LD, and
each feed's entries, read on every core for a big site.

Pages are scanned with a few regular expressions rather than an HTML parser (Python's
takes ~3 ms a page); Atom feeds are read by expat, anything else by feedparser.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser

from generator.reporter import Reporter

# Attributes that hold a URL the browser will follow or fetch, by element.
_URL_ATTRS = {
    "a": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "iframe": ("src",),
    "form": ("action",),
}


# A page read as an HTML tokenizer splits it, in one pass of one pattern: comments (and
# what a browser reads as one: `<!doctype>`, `<![CDATA[`, `<?php`, each to its first `>`),
# and start tags with their attributes (end tags and text are passed over). A quoted
# value may hold `>` or `<`; an unquoted one neither. The repeat is unrolled (every turn
# starts at a quote), so a tag that never ends costs a scan to the next `<`, not a search
# that backtracks. ~10 times faster than Python's
# HTMLParser, which took 3 ms for a paper's page and 8 ms for a profile.
_VALUES = r"""[^"'<>]*(?:(?:"[^"]*"|'[^']*')[^"'<>]*)*"""


_MARKUP = re.compile(
    rf"<!--(?:-?>|.*?(?:--!?>|\Z))|<[!?][^>]*(?:>|\Z)|<([a-zA-Z][^\t\n\f\r />]*)({_VALUES})>", re.S
)


# Elements whose content is text, never markup (an `<a href>` written in a script is not a
# link): their content runs to their end tag.
_RAW_END = {
    name: re.compile(rf"</{name}[\t\n\f\r />]", re.I)
    for name in ("script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes")
}


def start_tags(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each start tag of an HTML ``text`` (group 1 its name, 2 its attributes as written)
    and, for an element whose content is text (``<script>``), that content; comments and
    the content of such elements are passed over, as a browser passes them."""
    at = 0
    while (markup := _MARKUP.search(text, at)) is not None:
        at = markup.end()
        if markup.group(1) is None:
            continue  # a comment
        content = ""
        if (tag := markup.group(1).lower()) in _RAW_END:
            end = _RAW_END[tag].search(text, at)
            stop = len(text) if end is None else end.start()
            content, at = text[at:stop], stop
        yield markup, content


# One attribute of a start tag: its name, whether it has a value, and the value as written.
ATTRIBUTE = re.compile(
    r"([^\t\n\f\r />\"'=][^\t\n\f\r />=]*)"
    r"(?:[\t\n\f\r ]*(=)[\t\n\f\r ]*(\"[^\"]*\"|'[^']*'|[^\t\n\f\r >]*))?"
)


# The address in a `<meta http-equiv="refresh" content="0; url=…">` (quoted or not).
# (`\s*[\d.]*\s*`, each blank of a long run tried in both places, was quadratic)
_REFRESH_URL = re.compile(r"""^\s*(?:[\d.]+\s*)?[;,]\s*url\s*=\s*['"]?([^'"]*)""", re.IGNORECASE)

# The elements read whatever their attributes; any other only for its id.
_READ = frozenset(_URL_ATTRS) | {"meta", "script"}


def _attributes(text: str) -> dict[str, str | None]:
    """A start tag's attributes (names in lower case; of a repeated one the first, which is
    the one a browser keeps)."""
    found: dict[str, str | None] = {}
    for name, equals, value in ATTRIBUTE.findall(text):
        key = name.lower()
        if key in found:
            continue
        if not equals:
            found[key] = None
            continue
        if len(value) >= 2 and value[0] in ("'", '"') and value[-1] == value[0]:
            value = value[1:-1]
        found[key] = html.unescape(value) if "&" in value else value
    return found


# Where a reference's path ends: at its query or fragment.
_PATH_END = re.compile(r"[?#]")


# A query and fragment that urljoin keeps as they are (it drops an empty one).
_PLAIN_REST = re.compile(r"(?:\?[^#]+)?(?:#.+)?", re.S)


def join_url(base: str, url: str) -> str:
    """``urljoin(base, url)`` for a page's absolute path ``base``, 3 times as fast for a
    plain relative reference (a check follows 200,000 of them at 10,000 papers).

    Anything urljoin treats in its own way (a scheme, controls, empty segments or an empty
    query, `..` above the root) is left to urljoin. One difference is kept: a path ending
    in `;` keeps it, as a browser requests it (urljoin drops it as an empty parameter).
    """
    end = _PATH_END.search(url)
    path, rest = (url, "") if end is None else (url[: end.start()], url[end.start() :])
    if (
        not path
        or path[0] <= " "  # urljoin strips what a browser strips
        or ":" in path
        or "//" in path
        or "//" in base
        or not url.isprintable()
        or _PLAIN_REST.fullmatch(rest) is None
    ):
        return urljoin(base, url)
    if not path.startswith("/"):
        path = base.rpartition("/")[0] + "/" + path
    if "/." not in path:
        return path + rest
    # RFC 3986 5.2.4: the dot segments removed
    segments = path.split("/")[1:]
    kept: list[str] = []
    for segment in segments:
        if segment == "..":
            if not kept:
                return urljoin(base, url)
            kept.pop()
        elif segment != ".":
            kept.append(segment)
    if segments[-1] in (".", ".."):
        kept.append("")
    return "/" + "/".join(kept) + rest


@dataclass
class ParsedPage:
    """What the checks need of one HTML page (as :func:`parse_page` found it)."""

    ids: set[str]
    urls: list[tuple[int, str]]
    jsonld: list[tuple[int, str]]
    noindex: bool
    canonical: str | None = None  # the href of its <link rel="canonical">, if any
    full_text: bool = False  # whether it names Google Scholar a PDF (citation_pdf_url)
    # An id given to a second element (its line, the id): a link to it leads to the first
    repeated: list[tuple[int, str]] = field(default_factory=list)


def parse_page(path: Path) -> ParsedPage:
    """One HTML file's ids, URLs (with their lines), JSON-LD and robots flag."""
    text = path.read_text(encoding="utf-8", errors="replace")
    page = ParsedPage(set(), [], [], False)
    seen: set[str] = set()  # the elements' ids (not an <a name>, which may repeat an id)
    lines: list[int] | None = None  # where each line ends, found once a line is needed
    for markup, content in start_tags(text):
        tag, inside = markup.group(1).lower(), markup.group(2)
        if tag not in _READ and "id" not in inside.lower():
            continue
        attr = _attributes(inside)
        if lines is None:
            lines = [newline.start() for newline in re.finditer("\n", text)]
        line = bisect.bisect_left(lines, markup.start()) + 1
        given = attr.get("id")
        if given:
            if given in seen:
                page.repeated.append((line, given))
            seen.add(given)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attr.get(key):
                page.ids.add(attr[key] or "")
        for key in _URL_ATTRS.get(tag, ()):
            value = attr.get(key)
            if value is not None:
                page.urls.append((line, value.strip()))
        if tag == "link" and "canonical" in (attr.get("rel") or "").lower().split():
            page.canonical = page.canonical if page.canonical is not None else attr.get("href")
        if tag == "meta" and (attr.get("http-equiv") or "").lower() == "refresh":
            # `0; url=../#papers`: where the page sends its visitor, a link like any other
            refresh = _REFRESH_URL.search(attr.get("content") or "")
            if refresh:
                page.urls.append((line, refresh.group(1).strip()))
        if tag == "meta" and (attr.get("name") or "").lower() == "citation_pdf_url":
            page.full_text = True
        if tag == "meta" and (attr.get("name") or "").lower() == "robots":
            page.noindex = page.noindex or "noindex" in (attr.get("content") or "").lower()
        if tag == "script" and attr.get("type") == "application/ld+json":
            page.jsonld.append((line, content))
    return page


# A feed as the checks need it: a parse error, or each entry's (title, has an id, has a
# date, link).
ReadFeed = tuple["str | None", list[tuple[str, bool, bool, "str | None"]]]


_ATOM = "{http://www.w3.org/2005/Atom}"


_HTML = ("text/html", "application/xhtml+xml")


_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


# A date as Atom writes one (RFC 4287 3.3: an RFC 3339 date-time).
_ATOM_DATE = re.compile(
    r"\s*(\d{4}-\d\d-\d\d)[Tt](\d\d:\d\d:\d\d)(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)\s*"
)


def _atom_date(element: ET.Element | None) -> bool:
    """Whether ``element`` holds an RFC 3339 date-time that names a real moment."""
    found = _ATOM_DATE.fullmatch(element.text or "") if element is not None else None
    if found is None:
        return False
    clock = found.group(2)
    if clock.endswith(":60"):  # a leap second, which RFC 3339 allows and datetime does not
        clock = clock[:-2] + "59"
    try:
        dt.datetime.fromisoformat(f"{found.group(1)}T{clock}")
    except ValueError:  # 2024-02-30, 25:00:00
        return False
    return True


def _entry_link(entry: ET.Element, base: str) -> str | None:
    """The entry's link to its page (``rel="alternate"``, Atom's default), resolved.

    An entry may have an alternate of each type (a PDF beside the page): the page is the
    HTML one (no type is HTML), as feedparser and feed readers take it; else the first.
    """
    alternates = [
        link
        for link in entry.findall(f"{_ATOM}link")
        if link.get("rel", "alternate") == "alternate" and link.get("href")
    ]
    if not alternates:
        return None
    alternates.sort(key=lambda link: link.get("type", "text/html") not in _HTML)  # stable
    link = alternates[0]
    # xml:base may stand on the link itself too (RFC 4287 2, XML Base)
    return urljoin(urljoin(base, (link.get(_XML_BASE) or "").strip()), link.get("href", "").strip())


def read_feed(path: Path) -> ReadFeed:
    """A feed as the checks need it: an Atom feed read by expat, anything else by feedparser.

    feedparser reads a feed as a feed reader does (content sanitised, dates in a dozen
    formats): ~20 ms for a feed of 30 entries, 10 s for the 501 feeds of a 10,000-paper
    site. An Atom feed that expat (the XML parser feedparser tries first) reads is checked
    against Atom itself instead, in ~1 ms; feedparser still reads whatever else a site's
    templates make, and says why a feed does not parse.
    """
    data = path.read_bytes()
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        root = None
    if root is None or root.tag != f"{_ATOM}feed":
        return _read_by_feedparser(data)
    base = (root.get(_XML_BASE) or "").strip()
    entries = []
    for entry in root.findall(f"{_ATOM}entry"):
        title = entry.find(f"{_ATOM}title")
        entry_id = entry.find(f"{_ATOM}id")
        entries.append(
            (
                " ".join("".join(title.itertext()).split()) or "?" if title is not None else "?",
                entry_id is not None and bool((entry_id.text or "").strip()),
                _atom_date(entry.find(f"{_ATOM}updated"))
                or _atom_date(entry.find(f"{_ATOM}published")),
                _entry_link(entry, urljoin(base, (entry.get(_XML_BASE) or "").strip())),
            )
        )
    return None, entries


def _read_by_feedparser(data: bytes) -> ReadFeed:
    """A feed read by feedparser, or why it does not parse."""
    feed = feedparser.parse(data)
    if feed.bozo:
        return f"feed does not parse: {feed.bozo_exception}", []
    return None, [
        (
            str(entry.get("title", "?")),
            bool(entry.get("id")),
            bool(entry.get("published_parsed") or entry.get("updated_parsed")),
            entry.get("link") or None,
        )
        for entry in feed.entries
    ]


_READERS: dict[str, Callable[[Path], Any]] = {"page": parse_page, "feed": read_feed}


def _read_span(kind: str, paths: list[str]) -> list[Any]:
    """In a worker: the reader of ``kind`` on each path."""
    return [_READERS[kind](Path(path)) for path in paths]


def read_all(kind: str, out: Path, files: list[str], reporter: Reporter) -> Iterator[Any]:
    """Each file of ``out`` read as ``kind``, in order, on every core for a big site.

    Python's HTML parser takes ~3 ms a page and feedparser ~60 ms a feed: on one core,
    30 s for the 11,000 pages and 30 s for the 501 feeds of a 10,000-paper site.
    """
    from generator import workers

    paths = [str(out / rel) for rel in files]
    step = workers.CHUNK if kind == "page" else max(1, workers.CHUNK // 20)
    spans = [paths[i : i + step] for i in range(0, len(paths), step)]
    count = workers.worker_count(len(paths) if kind == "page" else len(paths) * 20)
    with reporter.stage(f"{kind}s", len(paths)) as progress:
        if count < 2:
            for span in spans:
                yield from _read_span(kind, span)
                progress.advance(len(span))
            return
        with workers.fork_pool(count) as pool:
            for done in pool.imap(functools.partial(_read_span, kind), spans):
                yield from done
                progress.advance(len(done))
