"""The sample site in Arabic (`language: ar-EG`) in a real browser: the layout mirrored.

The same records built twice, in English and in Arabic, with a photo and one Arabic
paper beside the English ones: in Arabic the header, the photo and the cards' badges sit
on the right; English titles still start at the left, identifiers read left to right,
and nothing widens the page. In English nothing moved. Runs Debian's Chromium through
Playwright, as tests/test_browser.py does (always in CI=true).
"""

from __future__ import annotations

import shutil
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build import build
from tests.browser import serve
from tests.conftest import REPO

pytestmark = pytest.mark.browser

DOI = "10.1007/978-3-030-58452-8_1"
ARABIC_PAPER = f"""\
---
title: "نماذج المكافأة للحوار"
authors: [Kaile Wang, ليلى حداد, Jiaming Ji]
date: 2026-06-01
score: 80.5
doi: {DOI}
links: {{code: "https://github.com/x/arabic"}}
---
نُقَدِّمُ دِرَاسَةً عن نماذج المكافأة.
"""


def _png(size: int = 96) -> bytes:
    """A plain square PNG: the author's photo."""
    rows = b"".join(b"\x00" + bytes((40, 82, 199)) * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))


def _site(root: Path, language: str) -> Path:
    """The sample site with a photo and an Arabic paper, in ``language``."""
    shutil.copytree(REPO / "content", root / "content")
    config = (REPO / "site.yaml").read_text(encoding="utf-8")
    assert "\nlanguage: en\n" in config
    (root / "site.yaml").write_text(config.replace("\nlanguage: en\n", f"\nlanguage: {language}\n"))
    (root / "static").mkdir()
    (root / "static" / "photo.png").write_bytes(_png())
    author = root / "content" / "authors" / "kaile-wang.yaml"
    author.write_text(author.read_text(encoding="utf-8") + "photo: static/photo.png\n")
    (root / "content" / "papers" / "reward-arabic.md").write_text(ARABIC_PAPER, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    with (
        serve(_built(tmp_path_factory, "en")) as ltr,
        serve(_built(tmp_path_factory, "ar-EG")) as rtl,
    ):
        yield {"ltr": ltr, "rtl": rtl}


def _built(factory: pytest.TempPathFactory, language: str) -> Path:
    root = _site(factory.mktemp(language), language)
    build(root, root / "output")
    return root / "output"


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return dict(found)


def content_box(page: Any, selector: str) -> tuple[float, float]:
    """The left and right edges of an element's content (inside its padding)."""
    edges = page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);"
        " return [r.left + parseFloat(s.paddingLeft) + parseFloat(s.borderLeftWidth),"
        " r.right - parseFloat(s.paddingRight) - parseFloat(s.borderRightWidth)] }"
    )
    return float(edges[0]), float(edges[1])


def text_edges(page: Any, selector: str) -> tuple[float, float]:
    """Where the first and the last character of an element's text are drawn (their left)."""
    edges = page.locator(selector).first.evaluate(
        "e => { const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT); const nodes = [];"
        " while (walk.nextNode()) if (walk.currentNode.data.trim()) nodes.push(walk.currentNode);"
        " const at = (n, i) => { const r = document.createRange(); r.setStart(n, i);"
        " r.setEnd(n, i + 1); return r.getBoundingClientRect().left };"
        " const first = nodes[0], last = nodes[nodes.length - 1];"
        " const start = first.data.search(/\\S/), end = last.data.trimEnd().length - 1;"
        " return [at(first, start), at(last, end)] }"
    )
    return float(edges[0]), float(edges[1])


@pytest.mark.parametrize("width", [1280, 390])
def test_the_arabic_header_and_cards_are_mirrored_and_the_english_ones_are_not(
    browser: Any, urls: dict[str, str], width: int
) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    pages = {}
    for side, url in urls.items():
        page = pages[side] = ctx.new_page()
        page.goto(url)
        # Nothing sticks out sideways: a phone would scroll (in Arabic, to the left).
        assert page.evaluate("document.documentElement.scrollWidth") <= width, side
    ltr, rtl = pages["ltr"], pages["rtl"]
    # The photo beside the name: at the start of the line, left in English, right in Arabic.
    assert box(ltr, ".photo")["x"] < box(ltr, ".who h1")["x"]
    assert box(rtl, ".photo")["x"] > box(rtl, ".who h1")["x"]
    # The site's name at the start of the top bar, its links at the end.
    for page, start in ((ltr, "left"), (rtl, "right")):
        brand, links = box(page, ".topbar .brand"), box(page, ".topbar nav a[href$='authors/']")
        assert (brand["x"] < links["x"]) == (start == "left")
    left, right = content_box(rtl, ".topbar nav")
    brand = box(rtl, ".topbar .brand")
    assert abs(brand["x"] + brand["width"] - right) < 1
    # A card's first badge at the start edge: the score.
    for page, start in ((ltr, "left"), (rtl, "right")):
        left, right = content_box(page, "#paper-reward-arabic")
        score = box(page, "#paper-reward-arabic .score")
        edge = score["x"] if start == "left" else score["x"] + score["width"]
        assert abs(edge - (left if start == "left" else right)) < 1, (start, edge, left, right)
    # In Arabic, the Arabic title starts at the right edge, an English one at the left.
    left, right = content_box(rtl, "#paper-reward-arabic")
    title = box(rtl, "#paper-reward-arabic .title a")
    assert abs(title["x"] + title["width"] - right) < 1
    english = "#paper-debate-with-images"
    left, right = content_box(rtl, english)
    assert abs(box(rtl, f"{english} .title a")["x"] - left) < 1
    assert abs(box(rtl, f"{english} .authors")["x"] - left) < 1
    ctx.close()


def test_a_doi_reads_left_to_right_in_an_arabic_page(browser: Any, urls: dict[str, str]) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(urls["rtl"] + "papers/reward-arabic/")
    link = page.locator(f"a[href='https://doi.org/{DOI}']")
    assert link.inner_text() == DOI
    # Its first character drawn left of its last: not "1_10.1007/978-3-030-58452-8".
    first, last = text_edges(page, f"a[href='https://doi.org/{DOI}']")
    assert first < last
    first, _ = text_edges(page, "#bibtex")
    assert abs(first - content_box(page, "#bibtex")[0]) < 1  # "@misc{…" starts at the left
    ctx.close()


@pytest.mark.parametrize(
    "query",
    ["المكافاة", "نقدم دراسة"],  # without the hamza of "المكافأة"; without the harakat
)
def test_arabic_words_are_found_without_their_vowel_marks_or_hamza(
    browser: Any, urls: dict[str, str], query: str
) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(urls["rtl"] + "?q=" + query)
    titles = page.locator("article.card:visible .title").all_text_contents()
    assert [t.strip() for t in titles] == ["نماذج المكافأة للحوار"]
    ctx.close()


def test_a_right_to_left_series_is_followed_by_its_volume(
    browser: Any, make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """A number after right-to-left text joins it to the bidirectional algorithm: on an
    English page `(סדרה 12)` was drawn `(12 סדרה)`, the series' volume before its name,
    as the venue's own `<bdi>` prevents for the venue."""
    paper = (
        "---\ntitle: On engines\nauthors: [Ada Lovelace]\ndate: 2020\ntype: conference\n"
        "venue: Proceedings of Engines\nseries: סדרה של כנסים\nvolume: 12346\n---\n"
    )
    site = make_site(
        {
            "site.yaml": "title: Ada\nmain_author: ada\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/papers/engines.md": paper,
        }
    )
    build(site, tmp_path / "out")
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    with serve(tmp_path / "out") as url:
        page.goto(url + "papers/engines/")
        edges = page.locator("dd .locator").first.evaluate(
            "(e, words) => words.map(word => { const walk = document.createTreeWalker(e,"
            " NodeFilter.SHOW_TEXT); while (walk.nextNode()) { const n = walk.currentNode,"
            " i = n.data.indexOf(word); if (i >= 0) { const r = document.createRange();"
            " r.setStart(n, i); r.setEnd(n, i + word.length); const box ="
            " r.getBoundingClientRect(); return [box.left, box.right] } } return null })",
            ["סדרה של כנסים", "12346"],
        )
    ctx.close()
    (_, series_right), (volume_left, _) = edges
    assert volume_left >= series_right - 1, edges
