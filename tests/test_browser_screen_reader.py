"""The sample site as a screen reader hears it: what its links and numbers say out of their
place on the screen (a list of links, a count beside a name) and where the top bar says one
is. Runs Debian's Chromium through Playwright, as tests/test_browser.py does (always in
CI=true)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import sample_built_and_served, serve
from tests.conftest import MINIMAL_AUTHOR, MINIMAL_PAPER, write_files

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory, sample_source: Path) -> Iterator[str]:
    yield from sample_built_and_served(sample_source, tmp_path_factory.mktemp("reader") / "out")


def link_names(snapshot: str) -> list[str]:
    """The names of the links of an aria snapshot, as a screen reader's list of links has them."""
    return [m.group(1) for m in re.finditer(r"""- ['"]?link "((?:[^"\\]|\\.)*)\"""", snapshot)]


def test_each_code_badge_names_its_paper(browser: Any, site_url: str) -> None:
    """A card's `Code` badge is named with its paper ("Code: Align Anything: …"), the word
    shown first (WCAG 2.5.3: a speech user says what they see).

    Before, a screen reader's list of links read "Code" once per card with code, and Tab
    reached each badge (above its card's title) before the title that says whose it is.
    """
    page = browser.new_context().new_page()
    page.goto(site_url)
    badges = page.locator("article.card a.code")
    titles = [
        badges.nth(i).evaluate("a => a.closest('article').querySelector('h3').textContent.trim()")
        for i in range(badges.count())
    ]
    assert len(titles) >= 2
    names = [n for n in link_names(page.locator("main").aria_snapshot()) if n.startswith("Code")]
    assert names == [f"Code: {title}" for title in titles]
    # What the eye sees is still the one word
    assert set(badges.all_text_contents()) == {"Code"}


def test_frequent_coauthors_say_what_they_count(browser: Any, site_url: str) -> None:
    """Each frequent co-author's count is read as "10 papers" (and a pointer's tooltip says
    so); the eye sees the number in its column, and a copy has it once.

    Before, a screen reader read "Jiaming Ji 10", a number with nothing to say what it counts.
    """
    page = browser.new_context().new_page()
    page.goto(site_url)
    heard = page.locator(".coauthors ul").aria_snapshot()
    assert "listitem: Jiaming Ji 10 papers" in heard
    assert re.findall(r"listitem: .* (\d+) (papers?)\b", heard)
    count = page.locator(".coauthors li .n").first
    assert count.get_attribute("title") == "10 papers"
    # Seen: the number alone, in its column (the words take no room beside it)
    widths = count.evaluate(
        "n => [n.getBoundingClientRect().width, n.firstElementChild.getBoundingClientRect().width,"
        " n.firstElementChild.textContent]"
    )
    assert widths[0] == widths[1] and widths[2] == "10"
    page.locator(".coauthors li").first.select_text()
    assert page.evaluate("getSelection().toString()").split() == ["Jiaming", "Ji", "10", "papers"]


@pytest.mark.parametrize(
    ("path", "current"),
    [("", None), ("cv/", "CV"), ("authors/", "Authors"), ("papers/align-anything/", None)],
)
def test_the_top_bar_says_which_page_one_is_on(
    browser: Any, site_url: str, path: str, current: str | None
) -> None:
    """The top bar's link to the page one is on is the current page to a screen reader
    (`aria-current="page"`) and underlined to the eye.

    Before, only the site's own pages (`nav:` in site.yaml) said so: on the CV a screen
    reader heard "CV, link" as on every other page, and the eye saw it in the muted grey
    of every other link.
    """
    page = browser.new_context().new_page()
    page.goto(site_url + path)
    marked = page.locator('.topbar a[aria-current="page"]')
    assert marked.all_inner_texts() == ([current] if current else [])
    lines = page.evaluate(
        "Array.from(document.querySelectorAll('.topbar a')).map(a =>"
        " [a.textContent.trim(), getComputedStyle(a).textDecorationLine])"
    )
    underlined = [name for name, line in lines if line == "underline"]
    assert underlined == marked.all_inner_texts()


def test_a_labs_root_is_its_current_list_of_authors(browser: Any, tmp_path: Path) -> None:
    """A site without `main_author` has its list of authors at the root: there too the top
    bar's *Authors* is the current page (as at `authors/`, the same list)."""
    from generator.build import build

    site = write_files(
        tmp_path / "site",
        {
            "site.yaml": "title: Lab\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/authors/charles.yaml": "name: Charles Babbage\n",
            "content/papers/one.md": MINIMAL_PAPER,
        },
    )
    build(site, site / "output")
    page = browser.new_context().new_page()
    with serve(site / "output") as url:
        for path, current in [("", ["Authors"]), ("authors/", ["Authors"]), ("authors/ada/", [])]:
            page.goto(url + path)
            assert page.locator('.topbar a[aria-current="page"]').all_inner_texts() == current


@pytest.mark.parametrize(
    "path", ["", "authors/kaile-wang/", "papers/align-anything/", "cv/", "authors/", "404.html"]
)
def test_every_page_has_its_landmarks_and_an_outline_without_gaps(
    browser: Any, site_url: str, path: str
) -> None:
    """What a screen reader's lists of landmarks and headings offer on each kind of page:
    the top bar (banner, its navigation), the page's main part and its footer
    (contentinfo); one level-1 heading, the page's title, and below it no level skipped
    (a heading navigator reads a gap, `h2` to `h4`, as a part left out)."""
    page = browser.new_context().new_page()
    page.goto(site_url + path)
    heard = page.locator("body").aria_snapshot()
    for landmark in ("- banner:", '- navigation "', "- main:", "- contentinfo:"):
        assert landmark in heard, landmark
    levels = [int(level) for level in re.findall(r"heading .*\[level=(\d)\]", heard)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


def test_a_large_default_font_is_followed_and_no_page_scrolls_sideways(
    browser: Any, tmp_path: Path
) -> None:
    """A reader who sets a large default font in the browser (32 px, Chrome's "very
    large") gets it in all the text, and on a 320 px phone no page scrolls sideways; the
    citations chart's table says "no data" for a year whose paper records no count.

    Before, the body's text stayed at 16 px while the captions, abstracts and controls
    (in rem) grew; the profile was 544 px wide, its charts' column at least 16rem (512
    px), the finder's *Press / to search* did not wrap, and the citations chart's hidden
    table, a table being never narrower than its words, ran 8 px past the edge.
    """
    from generator.build import build

    paper = MINIMAL_PAPER.replace("date: 2024-05-01", "date: {date}\ncitations: {cites}")
    site = write_files(
        tmp_path / "site",
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": paper.format(date="2022-03-01", cites=12),
            "content/papers/two.md": MINIMAL_PAPER.replace("2024-05-01", "2023-03-01"),
            "content/papers/three.md": paper.format(date="2024-03-01", cites=30).replace(
                "A Paper", "Another"
            ),
        },
    )
    build(site, site / "output")
    ctx = browser.new_context(viewport={"width": 320, "height": 640})
    page = ctx.new_page()
    ctx.new_cdp_session(page).send(
        "Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}}
    )
    with serve(site / "output") as url:
        for path in ["", "cv/", "authors/", "papers/one/", "404.html"]:
            page.goto(url + path)
            assert page.evaluate("getComputedStyle(document.body).fontSize") == "32px", path
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
            if path == "":
                heard = page.locator("figure.chart-citations").aria_snapshot()
                assert 'row "2023 no data"' in heard and 'row "2024 30"' in heard
