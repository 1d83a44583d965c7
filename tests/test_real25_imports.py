"""Imports of files as researchers' sites and their tools wrote them (trial 25).

Each fixture under tests/fixtures/ingest/real25/ is a trimmed copy of a public file,
named in its first lines and in SOURCES.md there.
"""

from __future__ import annotations

from pathlib import Path

from generator.cli import main
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import new_site, records_by_title, run_import

FIXTURES = INGEST / "real25"


def test_a_pdf_kept_on_github_is_the_papers_pdf_not_its_code(tmp_path: Path) -> None:
    # btskinner/tex_cv keeps its papers' PDFs in the CV's repository and links each as
    # `url = {https://github.com/…/papers/x.pdf}`. The card's Code badge led to the PDF.
    site = new_site(tmp_path, "First M. Last")
    assert run_import(site, "bibtex", FIXTURES / "github-pdf-url.bib") == 0
    paper = records_by_title(site)["Paper four"]
    assert paper["links"] == {
        "pdf": "https://github.com/btskinner/tex_cv/blob/master/papers/last_paper_four.pdf"
    }
    assert main(["build", "--site", str(site)]) == 0
    assert ">Code<" not in (site / "output" / "index.html").read_text("utf-8")


def test_full_width_semicolons_part_chinese_keywords(tmp_path: Path) -> None:
    # liguge/DLWCB cites its paper as CNKI gives it: `keywords = {…; 双向门控循环单元;
    # 标签平滑；故障诊断；少量样本}`. The full-width `；` was no separator: the card showed
    # "标签平滑；故障诊断；少量样本" as one tag.
    site = new_site(tmp_path, "罗浩")
    assert run_import(site, "bibtex", FIXTURES / "cnki-fullwidth-keywords.bib") == 0
    paper = records_by_title(site)["基于Laplace小波卷积和BiGRU的少量样本故障诊断方法"]
    assert paper["tags"] == [
        "拉普拉斯小波卷积核",
        "双向门控循环单元",
        "标签平滑",
        "故障诊断",
        "少量样本",
    ]
    assert paper["authors"] == ["罗浩", "何超", "陈彪", "路颜萍", "张欣", "张利"]
