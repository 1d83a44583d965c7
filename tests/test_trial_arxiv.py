"""A new user's trial of `authorsite import arxiv` with responses as the API sends them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest import sources
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import new_site

FIXTURES = INGEST / "arxiv"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site")


def page_text(page: Path) -> str:
    """The words of a built page's abstract, as a reader sees them."""
    html = page.read_text(encoding="utf-8")
    abstract = re.search(r'<div class="abstract[^"]*"[^>]*>(.*?)</div>', html, re.DOTALL)
    assert abstract is not None
    text = re.sub(r"<[^>]+>", "", abstract.group(1))
    return " ".join(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").split())


def test_an_abstract_with_inequalities_keeps_its_words(site: Path) -> None:
    """`For all i<j and k>l`: Markdown read `<j and k>` as an HTML tag, which the
    sanitiser dropped with its words ("For all il")."""
    xml = FIXTURES / "trial-classic-inequalities.xml"
    assert main(["import", "arxiv", str(xml), "--site", str(site)]) == 0
    assert main(["build", "--site", str(site)]) == 0
    pages = site / "output" / "papers"
    perm = page_text(
        pages / "ordered-pairs-in-random-permutations-the-case-of-small-gaps" / "index.html"
    )
    assert perm.startswith("Let pi be a random permutation of n elements. For all i<j and k>l")
    assert "that pi(i)<pi(j), and show that for n<m<2n the bound $P(i<j) < 1/2$ is sharp" in perm
    sorting = pages / "tight-bounds-for-sorting-with-few-comparisons" / "index.html"
    assert "We sort with n<2^k comparisons." in page_text(sorting)
    assert '<a href="https://github.com/kaile/sorting"' in sorting.read_text(encoding="utf-8")


def test_a_papers_html_view_address_asks_the_api_for_its_id(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """arXiv links each paper's HTML view (`arxiv.org/html/…`); copied from the browser it
    was fetched as a feed, and refused as "a web page (HTML)"."""
    asked: list[str] = []

    def fake_fetch(url: str) -> io.BytesIO:
        asked.append(url)
        return io.BytesIO((FIXTURES / "trial-classic-inequalities.xml").read_bytes())

    monkeypatch.setattr(sources, "connect", fake_fetch)
    pages = ["https://arxiv.org/html/2103.04567v1", "https://arxiv.org/html/math/0301001v2/"]
    assert main(["import", "arxiv", *pages, "--site", str(site)]) == 0
    assert asked == [
        "https://export.arxiv.org/api/query?id_list=2103.04567v1%2Cmath%2F0301001v2&max_results=2"
    ]
