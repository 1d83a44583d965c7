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


def test_inspire_report_numbers_are_on_the_paper_page(site: Path) -> None:
    """INSPIRE's `reportNumber` (`CERN-EP-2024-159`; CMS's two, comma-separated) is how a
    physicist cites a paper before it is published: it was in cite.bib alone."""
    cms = "The CMS statistical analysis and combination tool: Combine"
    assert records(site)[cms]["report_number"] == "CMS-CAT-23-001, CERN-EP-2024-078"
    assert "Report number CMS-CAT-23-001, CERN-EP-2024-078" in _text(_page(site, cms))
    proceedings = _text(_page(site, POS_PROCEEDINGS))
    assert "Report number ATL-PHYS-PROC-2024-071" in proceedings


def test_a_report_number_written_by_hand_is_in_the_papers_cite_bib(tmp_path: Path) -> None:
    """A record written by hand with a `report_number` shows it, and is cited with it
    under INSPIRE's own name for the field."""
    root = new_site(tmp_path / "site", OWNER)
    paper = root / "content" / "papers" / "jes.md"
    paper.write_text(
        "---\ntitle: Jet energy scale at the HL-LHC\nauthors: [Giulia Ferraro]\n"
        "date: 2025-03\nreport_number: ATL-PHYS-PUB-2025-012\n---\n",
        encoding="utf-8",
    )
    assert main(["build", "--site", str(root)]) == 0
    cite = (root / "output" / "papers" / "jes" / "cite.bib").read_text(encoding="utf-8")
    assert "reportnumber = {ATL-PHYS-PUB-2025-012}" in cite
    page = (root / "output" / "papers" / "jes" / "index.html").read_text(encoding="utf-8")
    assert "Report number ATL-PHYS-PUB-2025-012" in _text(page)


def test_inspires_note_of_the_papers_data_is_its_data_link(site: Path) -> None:
    """INSPIRE's `note = "Data set is available on \\href{…}{HEPData}"` was the note "Data
    set is available on HEPData" with the address lost; it is the paper's Data link, and
    cite.bib keeps the note as INSPIRE wrote it."""
    title = (
        "Search for charginos and neutralinos in final states with two boosted hadronically"
        " decaying bosons and missing transverse momentum in $pp$ collisions at"
        " $\\sqrt {s}$ = 13 TeV with the ATLAS detector"
    )
    record = records(site)[title]
    assert record["links"]["data"] == "https://doi.org/10.17182/hepdata.104458.v1"
    assert "note" not in record
    page = _page(site, title)
    assert '<a href="https://doi.org/10.17182/hepdata.104458.v1" rel="noopener">Data</a>' in page
    assert "\\href{https://doi.org/10.17182/hepdata.104458.v1}{HEPData}" in record["bibtex"]
    website = "https://atlas.web.cern.ch/Atlas/GROUPS/PHYSICS/PAPERS/SUSY-2018-19/"
    preprint = next(r for t, r in records(site).items() if t.startswith("Search for long-lived"))
    assert preprint["links"]["data"] == website
