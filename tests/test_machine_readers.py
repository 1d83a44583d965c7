"""What each machine reader gets from the demanding site, read with real parsers.

The fixture (tests/fixtures/demanding-site: right-to-left and CJK names, TeX and HTML-like
titles, a 300-author paper, dates without day or month, a draft) is built under a project
path with --drafts, and every page, feed, the sitemap and robots.txt are checked against the
rules their readers follow: Google Scholar's inclusion guidelines, schema.org JSON-LD,
Atom (RFC 4287 with RFC 3339 dates), the sitemaps.org protocol and RFC 9309.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml

from generator.build import build
from tests.test_seo import Head, head

FIXTURE = Path(__file__).parent / "fixtures" / "demanding-site"
BASE = "https://user.github.io/repo/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# RFC 3339 date-time, as RFC 4287 3.3 wants it
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")
# Scholar: "full dates in the "2010/5/12" format if available; or a year alone otherwise"
SCHOLAR_DATE = re.compile(r"\d{4}(?:/\d\d/\d\d)?")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("machines")
    source = Path(shutil.copytree(FIXTURE, root / "site"))
    build(source, root / "out", drafts=True, base_url=BASE)
    return root / "out"


def heads(out: Path) -> Iterator[tuple[str, Head]]:
    """Each HTML page's head (its meta tags, canonical link and JSON-LD), by path."""
    for path in sorted(out.rglob("*.html")):
        yield path.relative_to(out).as_posix(), head(path)


def values(page: Head, name: str) -> list[str]:
    """The contents of ``page``'s meta tags named ``name``, in order."""
    return [v for k, v in page.meta if k == name]


def urls_in(data: Any) -> Iterator[str]:
    """Every value of a JSON-LD ``url``, ``image``, ``sameAs``, ``mainEntityOfPage``…."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("url", "image", "sameAs", "mainEntityOfPage", "codeRepository"):
                yield from value if isinstance(value, list) else [value]
            else:
                yield from urls_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from urls_in(item)


def test_every_page_names_one_absolute_canonical_and_the_same_og_url(site: Path) -> None:
    for rel, page in heads(site):
        if rel == "404.html":  # served at any missing address: it claims none
            assert page.canonical is None and values(page, "og:url") == []
            continue
        assert page.canonical and page.canonical.startswith(BASE), (rel, page.canonical)
        assert values(page, "og:url") == [page.canonical], rel
        [description] = values(page, "description")
        assert description, rel


def test_json_ld_parses_with_schema_org_context_and_absolute_urls(site: Path) -> None:
    kinds = set()
    for rel, page in heads(site):
        for block in page.jsonld:
            data = json.loads(block)
            assert data["@context"] == "https://schema.org", rel
            kinds.add(data["@type"])
            for url in urls_in(data):
                assert isinstance(url, str) and url.startswith(("https://", "http://")), (rel, url)
    assert kinds == {"ScholarlyArticle", "ProfilePage"}


def test_scholar_tags_on_every_paper_page_and_nowhere_else(site: Path) -> None:
    papers = 0
    for rel, page in heads(site):
        names = [k for k, _ in page.meta if k.startswith("citation_")]
        if not rel.startswith("papers/") or rel == "papers/index.html":
            assert names == [], rel  # a list page's tags would mix up its papers
            continue
        papers += 1
        # The three Scholar needs: title, first author, year of publication
        assert len(values(page, "citation_title")) == 1 and values(page, "citation_title")[0]
        assert values(page, "citation_author"), rel
        [date] = values(page, "citation_publication_date")
        assert SCHOLAR_DATE.fullmatch(date), (rel, date)
        for pdf in values(page, "citation_pdf_url"):
            assert pdf.startswith(BASE), (rel, pdf)  # "in the same subdirectory"
        assert values(page, "citation_abstract_html_url") == [BASE + rel[: -len("index.html")]]
    assert papers == 11
    long = head(site / "papers" / "very-long-title" / "index.html")
    record = (FIXTURE / "content" / "papers" / "very-long-title.md").read_text(encoding="utf-8")
    written = yaml.safe_load(record.split("---\n")[1])["authors"]
    assert values(long, "citation_author") == written and len(written) == 300  # all, in order


def test_atom_feeds_follow_rfc_4287(site: Path) -> None:
    pages = {
        BASE + p.relative_to(site).as_posix()[: -len("index.html")]
        for p in site.rglob("index.html")
    }
    feeds = sorted(site.rglob("feed.xml"))
    assert len(feeds) == 4  # the site's and one per author
    for feed in feeds:
        data = feed.read_bytes()
        assert not feedparser.parse(data).bozo, feed
        root = ET.fromstring(data)
        for name in ("id", "title", "updated"):
            assert len(root.findall(ATOM + name)) == 1, (feed, name)
        updated = root.findtext(ATOM + "updated") or ""
        assert RFC3339.fullmatch(updated), feed
        ids = []
        for entry in root.findall(ATOM + "entry"):
            ids.append(entry.findtext(ATOM + "id"))
            for name in ("updated", "published"):
                assert RFC3339.fullmatch(entry.findtext(ATOM + name) or ""), (feed, name)
            assert (entry.findtext(ATOM + "updated") or "") <= updated
            assert entry.findall(f"{ATOM}author/{ATOM}name"), feed
            [link] = [x.get("href") for x in entry.findall(ATOM + "link")]
            assert link in pages and not link.endswith("draft-paper/"), (feed, link)
        assert len(ids) == len(set(ids)) and all(i and i.startswith(BASE) for i in ids)


def test_sitemap_lists_each_indexable_page_once_and_robots_names_it(site: Path) -> None:
    locs = [loc.text or "" for loc in ET.parse(site / "sitemap.xml").iter(SITEMAP + "loc")]
    assert len(locs) == len(set(locs))
    own = set()
    for rel, page in heads(site):
        noindex = any("noindex" in v for v in values(page, "robots"))
        address = BASE + rel[: -len("index.html")]
        if page.canonical == address and not noindex:
            own.add(address)
    assert set(locs) == own
    assert BASE + "papers/draft-paper/" not in locs  # a draft says noindex
    assert BASE + "authors/layla-haddad/" not in locs  # the main author's second address
    sitemap_lines = [
        line.split(":", 1)[1].strip()
        for line in (site / "robots.txt").read_text(encoding="utf-8").splitlines()
        if line.lower().startswith("sitemap:")
    ]
    assert sitemap_lines == [BASE + "sitemap.xml"]
