"""A particle physicist's first site: INSPIRE-HEP's BibTeX of an LHC collaboration member
and arXiv's answer for their own few-author papers (fixtures in trial11/, SOURCES.md)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES, new_site, run_import
from tests.ingest_support import records_by_title as records

TRIAL = FIXTURES / "trial11"
OWNER = "Giulia Ferraro"
POS_ARTICLE = "Boosted top tagging in ATLAS Run 3"
POS_PROCEEDINGS = "Searches for electroweak SUSY with ATLAS"
CMS_ONLY = "Search for disappearing tracks in proton-proton collisions at $\\sqrt{s} =$ 13 TeV"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The physicist's site: INSPIRE's export and arXiv's answer imported, then built."""
    root = new_site(tmp_path_factory.mktemp("physicist") / "site", OWNER)
    assert run_import(root, "bibtex", TRIAL / "inspire.bib") == 0
    assert run_import(root, "arxiv", TRIAL / "arxiv-own.xml") == 0
    assert main(["build", "--site", str(root)]) == 0
    return root


def _page(site: Path, title: str) -> str:
    slug = next(
        p.stem
        for p in (site / "content" / "papers").glob("*.md")
        if f"title: {title}" in p.read_text(encoding="utf-8")
        or f"title: '{title}'" in p.read_text(encoding="utf-8")
    )
    return (site / "output" / "papers" / slug / "index.html").read_text(encoding="utf-8")


def _text(page: str) -> str:
    """The page as a reader sees its words (tags dropped, blanks folded)."""
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _tags(page: str, name: str) -> list[str]:
    return [html.unescape(v) for v in re.findall(rf'<meta name="{name}" content="([^"]*)"', page)]


def test_a_paper_inspire_names_by_its_collaboration_alone_is_imported(site: Path) -> None:
    """INSPIRE's entry of a CMS paper whose list it has not taken in has `collaboration =
    "CMS"` and no `author`: it was refused ("has no authors"), and the whole file with it,
    so that none of the physicist's papers came in."""
    record = records(site)[CMS_ONLY]
    assert record["authors"] == ["CMS Collaboration"]
    page = _page(site, CMS_ONLY)
    assert "CMS Collaboration" in _text(page).split("Venue", 1)[0]
    assert _tags(page, "citation_author") == ["CMS Collaboration"]


def test_proceedings_of_science_are_conference_papers_in_the_series_pos(site: Path) -> None:
    """INSPIRE exports a PoS contribution as `@article` with `journal = "PoS"` and the
    meeting's acronym as its volume: the page said "Journal article" and told Scholar the
    journal "PoS". An @inproceedings with the meeting's `booktitle` lost PoS altogether."""
    article = _page(site, POS_ARTICLE)
    assert "Type Conference paper" in _text(article)
    assert "Venue PoS ICHEP2022, 1237" in _text(article)
    assert _tags(article, "citation_conference_title") == ["PoS"]
    assert _tags(article, "citation_volume") == ["ICHEP2022"]
    assert not _tags(article, "citation_journal_title")
    proceedings = _page(site, POS_PROCEEDINGS)
    assert "Type Conference paper" in _text(proceedings)
    assert (
        "Venue 42nd International Conference on High Energy Physics (PoS ICHEP2024), 512"
        in _text(proceedings)
    )
    assert _tags(proceedings, "citation_conference_title") == [
        "42nd International Conference on High Energy Physics"
    ]
