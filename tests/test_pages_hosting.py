"""The built site served as GitHub Pages serves it: under a project's path and at a domain root.

GitHub Pages answers a missing address at any depth with the site's 404.html (status 404),
redirects a folder without its `/`, lists no folder, and matches names case by case. Every
link a reader, a feed reader or a search engine follows must lead to a page there.
"""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from generator.build import build
from generator.check import check_output
from tests.browser import serve_like_pages
from tests.conftest import REPO

HOSTS = {
    "project": "https://ada.github.io/site/",  # https://USER.github.io/REPO/
    "user": "https://ada.github.io/",  # https://USER.github.io/, or a custom domain
}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def _links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def fetch(url: str) -> tuple[int, str]:
    """Status and body of ``url`` after redirects, as a browser or a crawler sees it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.fixture(scope="module", params=list(HOSTS))
def hosted(
    request: Any, tmp_path_factory: pytest.TempPathFactory, sample_source: Path
) -> Iterator[tuple[str, str]]:
    """(base_url the site was built for, the local address it is served at)."""
    base_url = HOSTS[request.param]
    out = tmp_path_factory.mktemp(request.param) / "out"
    build(sample_source, out, base_url=base_url)
    path = re.sub(r"^https://[^/]+", "", base_url)
    with serve_like_pages(out, path) as url:
        yield base_url, url


def _local(url: str, base_url: str, served: str) -> str | None:
    """The local address of a link to the site itself; None for a link to another site."""
    if url.startswith(base_url):
        return served + url[len(base_url) :]
    if url.startswith(("http://", "https://", "mailto:", "data:", "#")):
        return None
    return url


def crawl(base_url: str, served: str) -> tuple[set[str], list[str]]:
    """Every address reached from the home page and robots.txt, where a visitor and a search
    engine start (the site built for ``base_url``, served at ``served``), and what is broken:
    every href and src, feed and sitemap entry, and every full address on the site's host
    (canonical links, og:url, Scholar's tags) must lead to a file of the site."""
    host = "/".join(base_url.split("/")[:3]) + "/"
    pages, seen, broken = [served, served + "robots.txt"], set(), []
    while pages:
        page = pages.pop()
        if page in seen:
            continue
        seen.add(page)
        status, body = fetch(page)
        if status != 200:
            broken.append(f"{page}: {status}")
            continue
        if page.endswith(".xml"):  # feeds and the sitemap: <link href>, <loc>, <uri>, <id>
            found = re.findall(r'<(?:loc|uri|id)>([^<]+)<|<link[^>]*href="([^"]+)"', body)
            links = [a or b for a, b in found]
        elif page.endswith("robots.txt"):
            links = re.findall(r"^Sitemap: (\S+)", body, re.MULTILINE)
        elif page.endswith((".html", "/")):
            links = _links(body) + re.findall(r'content="(https?://[^"]+)"', body)
        else:
            continue
        for link in links:
            local = _local(link.replace("&amp;", "&"), base_url, served)
            if local is None and link.startswith(host):
                broken.append(f"{page}: {link} is on the site's host but outside the site")
            elif local is not None:
                target = urljoin(page, local).split("#")[0]
                if target.startswith(served):
                    pages.append(target)
                else:
                    broken.append(f"{page}: {link} leaves the site's path")
    return seen, broken


def test_every_link_feed_sitemap_entry_and_canonical_url_leads_to_a_page(
    hosted: tuple[str, str],
) -> None:
    seen, broken = crawl(*hosted)
    served = hosted[1]
    pages_seen = [u for u in seen if u.endswith("/")]
    assert broken == []
    assert len(pages_seen) > 14  # every paper's page was reached
    assert any(u.endswith("cite.bib") for u in seen) and any(u.endswith("feed.xml") for u in seen)
    assert served + "sitemap.xml" in seen  # named in robots.txt: a full base_url


@pytest.mark.parametrize(
    "missing", ["nope", "papers/nope/", "papers/nope/deeper/still", "Papers/fedrd/"]
)
def test_a_missing_address_at_any_depth_gets_a_404_page_whose_links_work(
    hosted: tuple[str, str], missing: str
) -> None:
    """GitHub Pages sends 404.html for every missing address; its links are read from there."""
    base_url, served = hosted
    status, body = fetch(served + missing)
    assert status == 404 and "<h1" in body
    links = [_local(link, base_url, served) for link in _links(body)]
    targets = {urljoin(served + missing, link) for link in links if link is not None}
    assert any(t.endswith("style.css") for t in targets)
    assert any(t.endswith("site.js") for t in targets)
    for target in sorted(targets):
        assert fetch(target)[0] == 200, f"{missing}: {target}"


@pytest.mark.parametrize("trimmed", ["papers/", "authors/"])
def test_a_paper_address_trimmed_to_its_folder_is_a_page(
    hosted: tuple[str, str], trimmed: str
) -> None:
    """`…/papers/fedrd/` trimmed to `…/papers/` was GitHub Pages' 404: it is a page that
    sends the visitor on to the list of papers (not itself in the sitemap: it says noindex)."""
    base_url, served = hosted
    status, body = fetch(served + trimmed)
    assert status == 200 and "<h1" in body
    sitemap = fetch(served + "sitemap.xml")[1]
    assert (f"<loc>{base_url}{trimmed}</loc>" in sitemap) == (trimmed == "authors/")


def test_a_folder_without_its_slash_is_found(hosted: tuple[str, str]) -> None:
    assert fetch(hosted[1] + "papers/fedrd") == fetch(hosted[1] + "papers/fedrd/")


@pytest.mark.browser
def test_the_404_page_is_styled_and_scripted_at_any_depth(
    hosted: tuple[str, str], browser: Any
) -> None:
    _, served = hosted
    page = browser.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    answer = page.goto(served + "papers/nope/deeper/")
    assert answer is not None and answer.status == 404
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.classList.contains('js')")  # site.js ran
    rules = page.evaluate("[...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0)")
    assert rules > 10  # style.css was loaded, not the 404 page in its place
    assert failed == [served + "papers/nope/deeper/"]  # nothing but the page itself
    page.get_by_role("link", name=re.compile("papers|profile|home", re.I)).first.click()
    page.wait_for_load_state("load")
    assert page.locator("article.card").count() >= 14


@pytest.mark.browser
@pytest.mark.parametrize("main_author", [True, False])
def test_a_visitor_at_papers_is_sent_on_to_the_list_of_papers(
    tmp_path: Path, main_author: bool, browser: Any
) -> None:
    """A single author's site sends `papers/` to the profile's list of papers, scrolled to
    it; a lab's (no main_author) to its list of authors, whose profiles list them."""
    site = Path(shutil.copytree(REPO, tmp_path / "site", ignore=_not_the_site))
    if not main_author:
        config = site / "site.yaml"
        kept = [x for x in config.read_text().splitlines(True) if not x.startswith("main_author")]
        config.write_text("".join(kept))
    out = tmp_path / "out"
    build(site, out, base_url="https://ada.github.io/site/")
    # Its canonical names the root and it says noindex: no sitemap entry is missed, no
    # draft or unlisted paper noted
    summary = check_output(out, "https://ada.github.io/site/")
    assert summary.split("\n")[0].endswith("sitemap: no problems") and "draft" not in summary
    with serve_like_pages(out, "/site/") as served:
        page = browser.new_page()
        page.goto(served + "papers/")
        page.wait_for_url(re.compile(re.escape(served) + "(#papers-heading)?$"))
        if main_author:
            assert page.url == served + "#papers-heading"
            assert page.locator("article.card").count() == 14
            heading = page.locator("#papers-heading").bounding_box()
            assert heading is not None and -2 < heading["y"] < 200  # scrolled to it
        else:
            assert page.url == served
            assert page.get_by_role("link", name="Kaile Wang").count() >= 1


def _not_the_site(folder: str, names: list[str]) -> set[str]:
    """What a copy of the repository's sample site leaves out: all but its records and config."""
    if Path(folder) == REPO:
        return {n for n in names if n not in ("content", "site.yaml", "themes")}
    return set()
