"""The Japanese lab's site of the ninth trial in Chromium, published as a project site under
/lab/ (https://kobayashi-lab.github.io/lab/), served as GitHub Pages serves one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from generator.build import build
from tests.browser import need_font, serve_like_pages
from tests.ingest_support import write_files
from tests.test_browser import open_page

pytestmark = pytest.mark.browser

LAB = {
    "site.yaml": "title: 小林研究室\nlanguage: ja\n"
    "base_url: https://kobayashi-lab.github.io/lab/\nbuild_date: 2026-11-30\n",
    "content/authors/kobayashi-miho.yaml": "name: 小林 美穂\naliases: [Miho Kobayashi]\n",
    "content/authors/watanabe-ayaka.yaml": "name: 渡辺 彩花\n",
    "content/papers/kuzushiji.md": "---\ntitle: 古文書画像におけるくずし字検出の検討\n"
    "authors: [渡辺彩花, 小林美穂]\ndate: 2024-03\nvenue: 情報処理学会 第86回全国大会\n---\n",
    "content/papers/layoutprune.md": "---\ntitle: 'LayoutPrune: Efficient Vision "
    "Transformers'\nauthors: [Sho Ito, Miho Kobayashi]\ndate: 2024-06-17\nvenue: CVPR 2024\n"
    "language: en\n---\nWe prune background tokens.\n",
}


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = write_files(tmp_path_factory.mktemp("lab"), LAB)
    build(site, site / "out")
    with serve_like_pages(site / "out", "/lab/") as url:
        yield url


def _style(page: Any, selector: str) -> str:
    return str(page.locator(selector).first.evaluate("e => getComputedStyle(e).fontStyle"))


def test_a_venue_on_a_japanese_page_is_upright(browser: Any, lab_url: str) -> None:
    """情報処理学会 on a Japanese page leaned: browsers slant CJK glyphs for italics, which
    Japanese typography never does (no Japanese font has italics). On the student's profile
    and CV the venue now stands upright (on an English page it is italic, as before)."""
    ctx = browser.new_context()
    page, errors = open_page(ctx, lab_url + "authors/watanabe-ayaka/")
    assert page.locator(".card .venue").first.text_content() == "情報処理学会 第86回全国大会"
    assert _style(page, ".card .venue") == "normal"
    page.goto(lab_url + "authors/watanabe-ayaka/cv/")
    assert _style(page, ".cv-list em") == "normal"
    page.goto(lab_url + "authors/kobayashi-miho/")
    assert page.get_by_role("heading", name="論文 2 件").count() == 1
    assert errors == []
    ctx.close()


def test_a_japanese_title_breaks_between_phrases(browser: Any, lab_url: str) -> None:
    """A Japanese title wrapped inside a word (古文書画像におけるくずし字検出の検|討): its
    heading now breaks between phrases (Chromium's `word-break: auto-phrase`). The English
    paper's title on the same page breaks between words, as before."""
    need_font("ja")  # without one, the title's glyphs are boxes of another width
    ctx = browser.new_context(viewport={"width": 360, "height": 800})
    page, errors = open_page(ctx, lab_url + "authors/kobayashi-miho/")

    def word_break(title: str) -> str:
        found = page.locator(".card .title", has_text=title).first
        return str(found.evaluate("e => getComputedStyle(e).wordBreak"))

    assert word_break("くずし字") == "auto-phrase"
    assert word_break("LayoutPrune") == "normal"
    # the phrase is kept whole: the line breaks before くずし字, not inside it
    lines = page.locator(".card .title a", has_text="くずし字").first.evaluate(
        """a => { const text = a.firstChild, range = document.createRange(), tops = [];
        for (let i = 0; i < text.length; i++) { range.setStart(text, i); range.setEnd(text, i + 1);
          tops.push(Math.round(range.getBoundingClientRect().top)); }
        const out = [[text.data[0]]];
        for (let i = 1; i < text.length; i++) {
          if (tops[i] !== tops[i - 1]) out.push([]); out[out.length - 1].push(text.data[i]); }
        return out.map(l => l.join("")); }"""
    )
    assert len(lines) > 1, lines  # (the card is narrow enough to wrap the title)
    assert all(line.endswith(("の", "る", "字", "出", "討", "像")) for line in lines[:-1]), lines
    assert errors == []
    ctx.close()
