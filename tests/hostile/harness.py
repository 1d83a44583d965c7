"""Build a site from inline files and inspect every output page as a browser would parse it."""

from __future__ import annotations

import contextlib
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from generator.cli import main
from tests.conftest import write_files as write_site

__all__ = ["write_site"]

# Attributes whose value a browser loads or navigates to.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href"}
SAFE_SCHEMES = {"", "http", "https", "mailto"}
# `path:line: message`, or `path: message` for problems that have no line.
# What sanitised Markdown may make (the documented allow-list), besides the theme's markup.
MARKDOWN_SHAPES = {
    *((tag, ()) for tag in ("p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul",
                            "ol", "li", "a", "sub", "sup", "del", "span", "h3", "h4", "h5", "h6",
                            "table", "thead", "tbody", "tr", "th", "td")),
    ("a", ("rel",)), ("a", ("href", "rel")), ("a", ("href", "rel", "title")), ("a", ("rel", "title")),
    ("a", ("href",)), ("a", ("href", "title")),  # a relative link: the site's own, followed
    ("span", ("class",)), ("th", ("class",)), ("td", ("class",)),
}  # fmt: skip
# Never made by sanitised Markdown; allowed only where the theme itself makes them.
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "base", "form",
                  "textarea", "frame", "input", "video", "audio", "img", "meta", "link"}  # fmt: skip
LOCATED = re.compile(r"^(?P<path>[^\s:][^:]*?):(?:(?P<line>\d+):)? (?P<message>\S.*)$")


@dataclass
class Page:
    """What a parser finds in one HTML page: elements, attributes, URLs and scripts."""

    elements: list[tuple[str, tuple[tuple[str, str], ...]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    scripts: list[tuple[str, str]] = field(default_factory=list)  # (type, inline content)

    def shapes(self) -> set[tuple[str, tuple[str, ...]]]:
        """Each element as (tag, its attribute names): what a payload could add."""
        return {(tag, tuple(sorted(name for name, _ in attrs))) for tag, attrs in self.elements}

    def urls(self) -> Iterator[str]:
        """Every URL the page would load or link to."""
        for _, attrs in self.elements:
            for name, value in attrs:
                if name in URL_ATTRIBUTES:
                    yield value

    def all_text(self) -> str:
        """The page's text as a reader sees it (entities decoded, markup gone)."""
        return "".join(self.text)


class _Reader(HTMLParser):
    """An HTML tokenizer as close to a browser's as the standard library has."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._script: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append((tag, tuple((n, v or "") for n, v in attrs)))
        if tag == "script":
            self._script = (dict(attrs).get("type") or "", [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append((tag, tuple((n, v or "") for n, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            kind, parts = self._script
            self.page.scripts.append((kind, "".join(parts)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
        else:
            self.page.text.append(data)


def parse_html(text: str) -> Page:
    """Parse one HTML document."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.page


def scheme(url: str) -> str:
    """The scheme a browser would see (control characters and spaces stripped, lowercased)."""
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", url)
    return urlsplit(squeezed).scheme.lower()


@dataclass
class Built:
    """The result of one build: exit status, stderr lines and the output folder."""

    status: int
    stderr: str
    out: Path

    def problems(self) -> list[re.Match[str]]:
        """Each located problem line; every line before the summary must be one."""
        lines = self.stderr.strip().splitlines()
        assert lines, "expected problems on stderr"
        *problems, summary = lines
        assert re.fullmatch(r"\d+ problems?; nothing was written\.", summary), summary
        matches = [LOCATED.match(line) for line in problems]
        assert all(matches), f"unlocated problem in {problems}"
        return [m for m in matches if m]

    def pages(self) -> dict[str, Page]:
        """Every HTML page of the output, parsed."""
        return {
            p.relative_to(self.out).as_posix(): parse_html(p.read_text("utf-8"))
            for p in sorted(self.out.rglob("*.html"))
        }


def run_build(site: Path, *args: str, out: Path | None = None) -> Built:
    """``authorsite build`` in-process, as a user would run it."""
    target = out or site / "output"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            status = main(["build", "--site", str(site), "--out", str(target), *args])
        except SystemExit as exit_:  # a usage error, as argparse reports it: its status
            status = exit_.code if isinstance(exit_.code, int) else 2
    return Built(status, err.getvalue(), target)


def assert_nothing_live(built: Built, baseline: Built) -> None:
    """No element, attribute, URL scheme or script exists that the theme itself does not make.

    ``baseline`` is the same site built with harmless text: every (tag, attribute names)
    shape of the hostile build must occur there too, every URL must be http(s), mailto or
    relative, and no page may hold inline script, event handlers or styles.
    """
    assert built.status == 0, built.stderr
    allowed: set[tuple[str, tuple[str, ...]]] = set(MARKDOWN_SHAPES)
    for page in baseline.pages().values():
        allowed |= page.shapes()
    theme_tags = {tag for tag, _ in allowed}
    theme_scripts = {code for page in baseline.pages().values() for _, code in page.scripts}
    theme_urls = {url for page in baseline.pages().values() for url in page.urls()}
    # the theme's own refresh (papers/ sends its visitor on to the list of papers): the
    # same element on the same page, its address unchanged by the payload
    theme_refresh = {
        (rel, attrs)
        for rel, page in baseline.pages().items()
        for tag, attrs in page.elements
        if tag == "meta" and "http-equiv" in dict(attrs)
    }
    pages = built.pages()
    assert pages.keys() == baseline.pages().keys()
    for rel, page in pages.items():
        extra = page.shapes() - allowed
        assert not extra, f"{rel}: payload made elements {extra}"
        for tag, attrs in page.elements:
            for name, _ in attrs:
                assert not name.startswith("on"), f"{rel}: event handler {name} on <{tag}>"
                assert name not in ("style", "srcdoc", "formaction"), (rel, tag, name)
                assert name != "http-equiv" or (rel, attrs) in theme_refresh, (rel, tag, attrs)
            assert tag not in DANGEROUS_TAGS - theme_tags, f"{rel}: <{tag}> from the payload"
        for url in page.urls():
            assert scheme(url) in SAFE_SCHEMES or url in theme_urls, f"{rel}: unsafe URL {url!r}"
        for kind, code in page.scripts:
            if kind == "application/ld+json":  # data, not code: it must still parse as JSON
                json.loads(code)
            else:
                assert not code.strip() or code in theme_scripts, f"{rel}: inline script {code!r}"
        scripts = [dict(a)["src"] for t, a in page.elements if t == "script" and "src" in dict(a)]
        assert all(s.endswith("static/site.js") for s in scripts), f"{rel}: scripts {scripts}"
        metas = [(rel, a) for t, a in page.elements if t == "meta" and "http-equiv" in dict(a)]
        assert all(m in theme_refresh for m in metas), f"{rel}: meta refresh {metas}"
    for feed in sorted(built.out.rglob("*.xml")):
        root = ET.parse(feed).getroot()  # well-formed, whatever the records held
        for element in root.iter():
            assert element.tag.startswith(("{http://www.w3.org/2005/Atom}",
                                           "{http://www.sitemaps.org/schemas/sitemap/0.9}")), element.tag  # fmt: skip
