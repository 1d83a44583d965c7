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


def test_a_collaborations_first_member_is_no_frequent_co_author(site: Path) -> None:
    """INSPIRE names a collaboration's paper by its first member in the alphabet
    (`Aad, Georges and others`): Georges Aad was the physicist's most frequent
    co-author, beside the collaborations and the people she writes papers with."""
    profile = _text((site / "output" / "index.html").read_text(encoding="utf-8"))
    coauthors = profile.split("Frequent co-authors", 1)[1].split("Papers", 1)[0]
    assert "ATLAS Collaboration 3" in coauthors
    assert "CMS Collaboration 3" in coauthors
    assert "Ana Sofia Carvalho 1" in coauthors
    assert "Aad" not in coauthors and "Hayrapetyan" not in coauthors
    card = profile.split("Accuracy versus precision", 1)[1][:200]
    assert "ATLAS Collaboration, Georges Aad et al." in card  # the card names him still


def test_arxivs_journal_reference_of_inspires_record_is_no_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A physicist's own paper is in INSPIRE's export (`journal = "JHEP"`, `volume =
    "01"`, `pages = "121"`; `Phys. Rev. D`) and in arXiv's answer, whose journal reference
    cites it `JHEP 01 (2019) 121` (`Phys.Rev.D 109 (2024) 5, 055012`): the arXiv import
    said `conflict  venue: keeps 'JHEP'; the import has 'JHEP 01 (2019) 121'` at every
    import. A reference in INSPIRE's form is the journal, volume, issue and pages, and one
    in another form that cites the record's (`JHEP 01, 121 (2019)`) is no conflict
    either; a reference to other pages still is one."""
    root = new_site(tmp_path / "site", OWNER)
    assert run_import(root, "bibtex", TRIAL / "inspire.bib") == 0
    capsys.readouterr()
    assert run_import(root, "arxiv", TRIAL / "arxiv-own.xml") == 0
    out = capsys.readouterr().out
    assert "conflict " not in out
    assert "0 with conflicts" in out
    record = records(root)["Energy Flow Networks: Deep Sets for Particle Jets"]
    assert (record["venue"], record["volume"], record["pages"]) == ("JHEP", "01", 121)
    feed = (TRIAL / "arxiv-own.xml").read_text(encoding="utf-8")
    other_form = tmp_path / "other-form.xml"
    other_form.write_text(feed.replace("JHEP 01 (2019) 121", "JHEP 01, 121 (2019)"), "utf-8")
    assert run_import(root, "arxiv", other_form) == 0
    assert "conflict " not in capsys.readouterr().out
    inspire = tmp_path / "anomaly.bib"  # INSPIRE's entry of the arXiv paper, published
    inspire.write_text(
        '@article{Ferraro:2023xyz,\n    author = "Ferraro, Giulia and Lindqvist, Tobias and'
        ' Carvalho, Ana Sofia",\n    title = "{Anomaly detection with graph networks for'
        ' dijet resonance searches at the LHC}",\n    eprint = "2311.04567",\n'
        '    archivePrefix = "arXiv",\n    primaryClass = "hep-ph",\n'
        '    doi = "10.1103/PhysRevD.109.055012",\n    journal = "Phys. Rev. D",\n'
        '    volume = "109",\n    number = "5",\n    pages = "055012",\n    year = "2024"\n}\n',
        "utf-8",
    )
    assert run_import(root, "bibtex", inspire) == 0
    assert "conflict " not in capsys.readouterr().out
    elsewhere = tmp_path / "elsewhere.xml"
    elsewhere.write_text(feed.replace("JHEP 01 (2019) 121", "JHEP 02, 7 (2019)"), "utf-8")
    assert run_import(root, "arxiv", elsewhere) == 0
    out = capsys.readouterr().out  # the APS form, read apart: another volume and page
    assert "conflict  volume: keeps '01'; the import has '02'" in out
    assert "conflict  pages: keeps '121'; the import has '7'" in out
    assert "conflict  venue" not in out


def test_arxiv_journal_reference_in_inspires_form_is_scholars_journal(site: Path) -> None:
    """arXiv's journal reference in INSPIRE's form (`Phys.Rev.D 109 (2024) 5, 055012`)
    was the venue whole: Scholar's citation_journal_title held the volume, year and
    pages, and the page showed no volume or issue of its own."""
    title = "Anomaly detection with graph networks for dijet resonance searches at the LHC"
    record = records(site)[title]
    assert (record["venue"], record["volume"], record["issue"]) == ("Phys.Rev.D", 109, 5)
    assert record["pages"] == "055012"
    page = _page(site, title)
    assert _tags(page, "citation_journal_title") == ["Phys.Rev.D"]
    assert _tags(page, "citation_volume") == ["109"]
    assert _tags(page, "citation_issue") == ["5"]
    assert _tags(page, "citation_firstpage") == ["055012"]
    assert "Venue Phys.Rev.D 109(5), 055012" in _text(page)


def test_inspires_export_says_how_to_show_the_h_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """INSPIRE's BibTeX has no citation counts: the new profile showed no h-index and no
    citations, and nothing said why. The import says how to show INSPIRE's figures, and
    says it no more once they are declared."""
    root = new_site(tmp_path / "site", OWNER)
    assert run_import(root, "bibtex", TRIAL / "inspire.bib") == 0
    out = capsys.readouterr().out
    assert (
        "note: INSPIRE-HEP's BibTeX gives no citation counts, so the profile shows no "
        "h-index or citations" in out
    )
    assert (
        "content/authors/giulia-ferraro.yaml as `metrics: {h_index: 45, citations: 12000}`" in out
    )
    record = root / "content" / "authors" / "giulia-ferraro.yaml"
    with record.open("a", encoding="utf-8") as file:
        file.write(
            "metrics: {h_index: 45, citations: 12000}\nmetrics_source: INSPIRE-HEP, 2026-11\n"
        )
    assert run_import(root, "bibtex", TRIAL / "inspire.bib") == 0
    assert "no citation counts" not in capsys.readouterr().out
    assert main(["build", "--site", str(root)]) == 0
    profile = _text((root / "output" / "index.html").read_text(encoding="utf-8"))
    assert "h-index 45 declared" in profile
    assert "h-index declared (INSPIRE-HEP, 2026-11)" in profile


def test_a_cern_note_is_a_report_numbered_by_its_report_number(site: Path) -> None:
    """CDS's BibTeX of a CMS note is a @techreport numbered by `reportNumber` alone (no
    `number`): Scholar's citation_technical_report_number and JSON-LD's reportNumber were
    left out, where a report's number is what cites it."""
    title = "CMS flavor physics projections for the update of the European Strategy for Particle Physics"
    page = _page(site, title)
    assert _tags(page, "citation_technical_report_number") == ["CMS-NOTE-2025-004"]
    assert _tags(page, "citation_technical_report_institution") == ["CERN"]
    assert '"reportNumber": "CMS-NOTE-2025-004"' in page
    assert "Report number CMS-NOTE-2025-004, CERN-CMS-NOTE-2025-004" in _text(page)


def test_a_pos_record_an_earlier_import_wrote_as_an_article_follows_the_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record imports wrote before they read PoS (`type: article`, no series) takes the
    import's `conference` at the next import of the same file, without a conflict; one
    whose entry a person edited keeps its own type, with one."""
    root = new_site(tmp_path / "site", OWNER)
    assert run_import(root, "bibtex", TRIAL / "inspire.bib") == 0
    path = next(
        p
        for p in (root / "content" / "papers").glob("*.md")
        if f"title: {POS_ARTICLE}\n" in p.read_text(encoding="utf-8")
    )
    before = path.read_text(encoding="utf-8")
    path.write_text(
        before.replace("type: conference\n", "type: article\n").replace("series: PoS\n", ""),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run_import(root, "bibtex", TRIAL / "inspire.bib") == 0
    out = capsys.readouterr().out
    assert "conflict " not in out
    assert "(series added; type updated)" in out
    assert records(root)[POS_ARTICLE]["type"] == "conference"
    edited = before.replace("type: conference\n", "type: article\n")
    path.write_text(edited.replace('pages = "1237",', 'pages = "1237--1240",'), encoding="utf-8")
    assert run_import(root, "bibtex", TRIAL / "inspire.bib") == 0
    assert "conflict  type: keeps 'article'; the import has 'conference'" in capsys.readouterr().out


@pytest.mark.parametrize("first", ["bibtex", "arxiv"])
def test_arxivs_collaboration_author_is_inspires_list_cut_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], first: str
) -> None:
    """arXiv names an ATLAS paper's author `ATLAS Collaboration`, INSPIRE `ATLAS
    Collaboration, Georges Aad, et al.`: either import after the other said `conflict
    authors`, of one paper's one author list."""
    root = new_site(tmp_path / "site", OWNER)
    sources = {"bibtex": TRIAL / "inspire.bib", "arxiv": TRIAL / "arxiv-atlas.xml"}
    second = "arxiv" if first == "bibtex" else "bibtex"
    assert run_import(root, first, sources[first]) == 0
    capsys.readouterr()
    assert run_import(root, second, sources[second]) == 0
    out = capsys.readouterr().out
    assert "conflict  authors" not in out
    title = "Accuracy versus precision in boosted top tagging with the ATLAS detector"
    expected = (
        ["ATLAS Collaboration"]
        if first == "arxiv"
        else ["ATLAS Collaboration", "Georges Aad", "et al."]
    )
    assert records(root)[title]["authors"] == expected


def test_a_journal_reference_an_earlier_import_wrote_whole_is_read_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record arXiv imports wrote before they read INSPIRE's form (`venue: JHEP 01
    (2019) 121`, no volume or pages) takes the journal, volume and pages at the next
    import, without the conflict (`your venue names the import's volume and pages`)."""
    root = new_site(tmp_path / "site", OWNER)
    assert run_import(root, "arxiv", TRIAL / "arxiv-own.xml") == 0
    path = root / "content" / "papers" / "energy-flow-networks-deep-sets-for-particle-jets.md"
    text = path.read_text(encoding="utf-8")
    assert "venue: JHEP\nvolume: '01'\npages: 121\n" in text
    old = text.replace("venue: JHEP\nvolume: '01'\npages: 121\n", "venue: JHEP 01 (2019) 121\n")
    path.write_text(old, encoding="utf-8")
    capsys.readouterr()
    assert run_import(root, "arxiv", TRIAL / "arxiv-own.xml") == 0
    out = capsys.readouterr().out
    assert "conflict " not in out
    assert "(venue updated (its journal reference read apart); volume added; pages added)" in out
    assert path.read_text(encoding="utf-8") == text
