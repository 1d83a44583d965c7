"""A paper written in another language than the pages' gives its title in the pages'
language too (`translated_title:`): under its title on the card and its page, in
brackets after it in the CV (as APA cites a work in another language), and as
schema.org's alternativeHeadline; escaped and sanitised as a title is."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build
from generator.cli import main

SITE = {
    "site.yaml": "title: Lab\nbuild_date: 2026-11-28\nmain_author: sato\n",
    "content/authors/sato.yaml": "name: 佐藤 健太\naliases: [Kenta Sato]\n",
    "content/papers/ja.md": """\
        ---
        title: 手書き文書認識の高速化
        translated_title: Faster recognition of *handwritten* documents <script>alert(1)</script>
        authors: [佐藤 健太, 山田 花子]
        date: 2024-05-01
        language: ja
        ---
        日本語の要旨。
        """,
    "content/papers/en.md": """\
        ---
        title: An English paper
        authors: [Kenta Sato]
        date: 2023-01-01
        ---
        An abstract.
        """,
}


def _between(page: str, start: str, end: str) -> str:
    return page.partition(start)[2].partition(end)[0]


def test_the_translated_title_shows_under_the_title_escaped(
    make_site: Callable[[dict[str, str | bytes]], Path],
) -> None:
    site = make_site(SITE)
    build(site)
    out = site / "output"
    shown = (
        '<p class="translated-title">Faster recognition of <em>handwritten</em> documents '
        "&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    profile = (out / "index.html").read_text()
    card = _between(profile, 'id="paper-ja"', "</article>")
    assert shown in card
    assert card.index("手書き文書認識の高速化") < card.index(shown)  # the title first
    # in the pages' language: no lang="ja" of the paper's on it
    assert 'lang="ja"' in _between(card, "<h3", "</h3>")
    page = (out / "papers/ja/index.html").read_text()
    assert shown in page
    assert "<script>alert" not in page and "<script>alert" not in profile
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)  # type: ignore[union-attr]
    )
    assert data["name"] == "手書き文書認識の高速化"
    assert data["alternativeHeadline"].startswith("Faster recognition of handwritten documents")
    cv = (out / "cv/index.html").read_text()
    assert (
        '手書き文書認識の高速化</a> <span class="cv-translated">[Faster recognition of '
        "<em>handwritten</em> documents &lt;script&gt;alert(1)&lt;/script&gt;]</span>." in cv
    )
    # A paper without one has no such line
    assert "translated-title" not in _between(profile, 'id="paper-en"', "</article>")
    assert "alternativeHeadline" not in (out / "papers/en/index.html").read_text()


def test_a_right_to_left_translation_on_a_left_to_right_page_goes_its_way(
    make_site: Callable[[dict[str, str | bytes]], Path],
) -> None:
    files = dict(SITE)
    files["content/papers/ja.md"] = files["content/papers/ja.md"].replace(
        "translated_title: Faster recognition of *handwritten* documents <script>alert(1)</script>",
        "translated_title: تسريع التعرف على الوثائق",
    )
    site = make_site(files)
    build(site)
    page = (site / "output/papers/ja/index.html").read_text()
    assert '<p class="translated-title" dir="rtl">تسريع التعرف على الوثائق</p>' in page


def test_a_translated_title_that_is_no_text_is_an_error_at_its_line(
    make_site: Callable[[dict[str, str | bytes]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files = dict(SITE)
    files["content/papers/ja.md"] = files["content/papers/ja.md"].replace(
        "translated_title: Faster recognition of *handwritten* documents <script>alert(1)</script>",
        "translated_title: [Faster, recognition]",
    )
    site = make_site(files)
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "content/papers/ja.md:3: `translated_title`" in err
    assert "Traceback" not in err


def test_editing_the_translation_rebuilds_the_cv_as_a_cold_build(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    site = make_site(SITE)
    build(site)
    record = site / "content/papers/ja.md"
    record.write_text(record.read_text().replace("Faster recognition", "Quicker reading"))
    build(site)
    cold = tmp_path / "cold"
    build(site, cold, use_cache=False)
    for rel in ("cv/index.html", "index.html", "papers/ja/index.html"):
        assert (site / "output" / rel).read_bytes() == (cold / rel).read_bytes(), rel
    assert "[Quicker reading of" in (site / "output/cv/index.html").read_text()


@pytest.mark.parametrize(
    "same", ["手書き文書認識の高速化", " 手書き文書認識の高速化 ", "[](https://example.org)"]
)
def test_a_translation_that_reads_as_the_title_or_as_nothing_is_not_shown(
    make_site: Callable[[dict[str, str | bytes]], Path], same: str
) -> None:
    files = dict(SITE)
    files["content/papers/ja.md"] = files["content/papers/ja.md"].replace(
        "translated_title: Faster recognition of *handwritten* documents <script>alert(1)</script>",
        f"translated_title: '{same}'",
    )
    site = make_site(files)
    build(site)
    out = site / "output"
    for rel in ("index.html", "papers/ja/index.html", "cv/index.html"):
        page = (out / rel).read_text()
        assert "translated-title" not in page and "cv-translated" not in page, rel
    assert "alternativeHeadline" not in (out / "papers/ja/index.html").read_text()
