"""A newcomer's trial of the importers on files not tried before: the IRIDIA BibTeX
repository (iridia-ulb/references), whose papers name their authors and journals by
macros of other files and crossref proceedings kept in a file of their own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest.latex import decode
from tests.ingest_support import FIXTURES, OWNER_NOTE, new_site
from tests.ingest_support import built_page as _page
from tests.ingest_support import records_by_title as records
from tests.ingest_support import run_import as _import

IRIDIA = FIXTURES / "trial-new" / "iridia"
# As IRIDIA's README has LaTeX read them: \bibliography{abbrev,authors,journals,biblio,crossref}
IRIDIA_FILES = [
    IRIDIA / f"{name}.bib" for name in ("abbrev", "authors", "journals", "biblio", "crossref")
]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Manuel López-Ibáñez")


def test_a_crossref_to_a_volume_in_another_file_is_followed(site: Path) -> None:
    """BibTeX takes the files of `\\bibliography{biblio,crossref}` as one database, and
    IRIDIA keeps its proceedings, `@Book{GECCO2010,…}`, in crossref.bib. Each file was read
    alone: the papers had "no date (year)", the crossref "is not in this file", and each
    volume was refused as a paper with no authors; nothing was imported."""
    assert _import(site, "bibtex", *IRIDIA_FILES) == 0
    found = records(site)
    gecco = found[
        "The impact of design choices of multi-objective ant colony optimization algorithms"
        " on performance: An experimental study on the biobjective TSP"
    ]
    assert (gecco["date"], gecco["venue"], gecco["pages"]) == (2010, "GECCO 2010", "71–78")
    ea = found[
        "An Analysis of Algorithmic Components for Multiobjective Ant Colony Optimization:"
        " A Case Study on the Biobjective TSP"
    ]
    assert ea["series"] == "Lecture Notes in Computer Science" and ea["volume"] == 5975
    assert ea["authors"] == ["Manuel López-Ibáñez", "Thomas Stützle"]  # authors.bib's macros
    assert "crossref" not in ea["bibtex"] and "booktitle = {Artificial Evolution" in ea["bibtex"]
    # The volumes are no papers of their own.
    assert not any(title.startswith("Proceedings of the Genetic") for title in found)
    assert len(found) == 11
    assert main(["build", "--site", str(site)]) == 0
    assert "GECCO 2010" in _page(site, gecco["title"])


def test_a_command_the_preamble_defines_is_its_text(site: Path) -> None:
    """IRIDIA's abbrev.bib defines `\\MaxMinAntSystem` (and `\\proglang{R}`) in its
    @preamble for the titles that use them: the page's title read "Solving Optimal Pump
    Control Problem using \\MaxMinAntSystem", and cite.bib used a command it lacked."""
    assert _import(site, "bibtex", *IRIDIA_FILES) == 0
    found = records(site)
    title = "Solving Optimal Pump Control Problem using $\\cal MAX$–$\\cal MIN$ Ant System"
    assert title in found
    assert "\\MaxMinAntSystem" not in found[title]["bibtex"]  # cite.bib stands alone
    spot = found["SPOT: Sequential Parameter Optimization"]
    assert spot["note"] == "R package"
    assert main(["build", "--site", str(site)]) == 0
    assert "MaxMinAntSystem" not in _page(site, title)


def test_a_pdf_field_of_a_file_is_not_said_to_be_al_folios(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """IRIDIA's `pdf = {doc/pap212s1-lopezibanez.pdf}` names a file of its own web folder:
    the note called it "al-folio's file assets/pdf/doc/…", a folder this file never had."""
    assert _import(site, "bibtex", *IRIDIA_FILES) == 0
    out = capsys.readouterr().out
    assert "is al-folio's file" not in out
    assert (
        "`pdf={doc/pap212s1-lopezibanez.pdf}` names a file, not a web address (on an "
        "al-folio site, assets/pdf/doc/pap212s1-lopezibanez.pdf); to link it, copy it into "
        "static/ and add `pdf: static/pap212s1-lopezibanez.pdf` under the record's links:"
    ) in out


def test_supplementary_material_is_the_papers_supplement_link(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """IRIDIA lists a paper's supplementary material as an `@Misc` of its own: of the
    paper's title, with `note = {Supplementary material of \\cite{LopStu2010:gecco}}`, it was
    taken for the paper (its Paper link led to the supplement, and the note showed the
    `\\cite`); titled "<the paper's>: {S}upplementary material", it was a paper of its own."""
    assert _import(site, "bibtex", *IRIDIA_FILES) == 0
    found = records(site)
    gecco = found[
        "The impact of design choices of multi-objective ant colony optimization algorithms"
        " on performance: An experimental study on the biobjective TSP"
    ]
    assert gecco["links"] == {"supplement": "http://iridia.ulb.ac.be/supp/IridiaSupp2010-003/"}
    assert "note" not in gecco
    tec = found["The Automatic Design of Multi-Objective Ant Colony Optimization Algorithms"]
    assert tec["links"] == {
        "supplement": "http://iridia.ulb.ac.be/supp/IridiaSupp2011-007/Iridia-2011-007.pdf"
    }
    assert not any("upplementary" in title for title in found)
    assert (
        "entry 'LopStu2011moaco-supp' is the supplementary material of entry 'LopStu2012tec'"
    ) in capsys.readouterr().out


def test_a_thesis_names_the_university_its_address_gives(site: Path) -> None:
    """IRIDIA's PhD thesis gives its school, `School of Engineering and the Built
    Environment`, and the university in its `address`: the card named a school of no
    university. A school that names its own keeps its address out (the diploma thesis)."""
    assert _import(site, "bibtex", *IRIDIA_FILES) == 0
    found = records(site)
    phd = found["Operational Optimisation of Water Distribution Networks"]
    assert phd["venue"] == (
        "School of Engineering and the Built Environment, Edinburgh Napier University, UK"
    )
    diploma = found["Multi-objective Ant Colony Optimization"]
    assert diploma["venue"] == (
        "Intellectics Group, Computer Science Department, Technische Universität Darmstadt, Germany"
    )


def test_a_discretionary_hyphen_is_no_character_of_the_venue() -> None:
    """IRIDIA's journals.bib writes `Prac\\-tice` (TeX's place where the word may break):
    the venue held a soft hyphen, invisible on the page but in Scholar's
    `citation_journal_title` ("Prac\\u00adtice") and in what the search compares."""
    text = (IRIDIA / "journals.bib").read_text(encoding="utf-8")
    value = re.search(r'@string\{j-CCPE\s*=\s*"([^"]*)"', text)
    assert value is not None and "\\-" in value.group(1)
    assert decode(value.group(1)) == "Concurrency and Computation: Practice and Experience"


# --- a lab's file: papers that name none of the site's authors ------------------------------


def _owner_notes(out: str) -> list[str]:
    return [line for line in out.split("\n") if OWNER_NOTE in line]


def test_a_lab_file_s_paper_of_other_people_is_said_to_be_the_owner_s(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """IRIDIA's file holds the R package SPOT, by Bartz-Beielstein, Ziegenhirt, Konen and
    others of another lab, beside Manuel López-Ibáñez's papers. It names no site author, so
    it became his paper, on his profile and CV, without a word."""
    assert _import(site, "bibtex", *IRIDIA_FILES) == 0
    assert _owner_notes(capsys.readouterr().out) == [
        "note: 1 of the 11 new records names none of the site's authors "
        "(content/papers/spot-sequential-parameter-optimization.md from entry 'R:SPOT'): "
        "shown as Manuel López-Ibáñez's papers, on the profile and CV, as every record of a "
        "personal site is its owner's; delete those that are not theirs (or import again "
        "with --named-only, which leaves them out), or add the spelling of the name on them "
        "to aliases in content/authors/manuel-lopez-ibanez.yaml"
    ]


def test_a_colleague_s_import_of_the_lab_file_names_three_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Thomas Stützle's site, importing the same file: the seven records without him (López-
    Ibáñez's with Prasad and Paechter, López-Ibáñez's theses, SPOT) in one note, three of
    them named, not a line each (a lab's file holds hundreds)."""
    site = new_site(tmp_path / "site", "Thomas Stützle")
    assert _import(site, "bibtex", *IRIDIA_FILES) == 0
    (note,) = _owner_notes(capsys.readouterr().out)
    assert note.startswith("note: 7 of the 11 new records name none of the site's authors (")
    assert note.count(" from entry '") == 3 and " and 4 more): shown as Thomas Stützle's" in note
    assert "LopStu" not in note  # his own papers (authors.bib's `Stuetzle` is his name)
    assert note.endswith("aliases in content/authors/thomas-stutzle.yaml")


def test_named_only_leaves_the_lab_s_other_papers_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deleting 7 records by hand is work; a lab's file of 500 entries, hundreds of records:
    `--named-only` imports Thomas Stützle's four papers alone, and says what it left out."""
    site = new_site(tmp_path / "site", "Thomas Stützle")
    assert (
        main(["import", "bibtex", *map(str, IRIDIA_FILES), "--named-only", "--site", str(site)])
        == 0
    )
    out = capsys.readouterr().out
    assert "4 works: 4 new" in out
    (note,) = _owner_notes(out)
    assert note.startswith(
        "note: 7 of the 11 new records name none of the site's authors (entry 'LopPraPae08aco', "
    )
    assert note.endswith(
        " and 4 more): left out, as --named-only asks (without it, they would be Thomas "
        "Stützle's papers, as every record of a personal site is its owner's)"
    )
    found = records(site)
    assert len(found) == 4
    assert all("Thomas Stützle" in data["authors"] for data in found.values())


def test_a_list_cut_short_a_body_or_an_initial_is_no_stranger_s_paper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a complete list that cannot hold the owner is said: `and others` may have cut
    their name off, a collaboration's paper is its members', and `T. Stützle` has a note of
    its own (add it to aliases). Records already on the site are not new: importing again
    says nothing; nor does a site without a main_author, whose such papers are nobody's, or
    one whose author is still init's `Your Name`."""
    site = new_site(tmp_path / "site", "Thomas Stützle")
    bib = tmp_path / "lab.bib"
    bib.write_text(
        '@article{own, author = {Thomas St{\\"u}tzle and Ann Lee}, title = {Own}, year = 2010}\n'
        "@article{cut, author = {Ann Lee and others}, title = {Cut Short}, year = 2011}\n"
        '@article{initial, author = {T. St{\\"u}tzle and Ann Lee}, title = {Initial}, year = 2012}\n'
        "@article{body, author = {{ATLAS Collaboration}}, title = {Body}, year = 2013}\n"
        "@article{lee, author = {Ann Lee and Bo Chen}, title = {Stranger}, year = 2014}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", bib) == 0
    out = capsys.readouterr().out
    (note,) = _owner_notes(out)
    assert note.startswith(
        "note: 1 of the 5 new records names none of the site's authors "
        "(content/papers/stranger.md from entry 'lee'): shown as Thomas Stützle's papers"
    )
    assert "note: 'T. Stützle' (1 work) may be Thomas Stützle" in out
    assert _import(site, "bibtex", bib) == 0
    assert _owner_notes(capsys.readouterr().out) == []
    other = new_site(tmp_path / "other", "Thomas Stützle")
    config = other / "site.yaml"
    config.write_text(
        re.sub(r"(?m)^main_author:.*\n", "", config.read_text(encoding="utf-8")), "utf-8"
    )
    assert _import(other, "bibtex", bib) == 0
    assert _owner_notes(capsys.readouterr().out) == []
    # made by init without --name: no paper could name `Your Name`, none is said
    unnamed = new_site(tmp_path / "unnamed", "Your Name")
    assert _import(unnamed, "bibtex", bib) == 0
    assert _owner_notes(capsys.readouterr().out) == []


def test_named_only_leaves_them_out_of_a_lab_s_site_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lab's site has no main_author (the README makes one so), and `--named-only` is
    for a lab's file: it imported the papers of no member all the same, on no profile,
    without a word. The one new record is not "1 of the 1 new records"."""
    site = new_site(tmp_path / "site", "Thomas Stützle")
    config = site / "site.yaml"
    config.write_text(
        re.sub(r"(?m)^main_author:.*\n", "", config.read_text(encoding="utf-8")), "utf-8"
    )
    bib = tmp_path / "lab.bib"
    bib.write_text(
        '@article{own, author = {Thomas St{\\"u}tzle and Ann Lee}, title = {Own}, year = 2010}\n'
        "@article{lee, author = {Ann Lee and Bo Chen}, title = {Stranger}, year = 2014}\n",
        encoding="utf-8",
    )
    argv = ["import", "bibtex", str(bib), "--named-only", "--site", str(site)]
    assert main(argv) == 0
    assert _owner_notes(capsys.readouterr().out) == [
        "note: 1 of the 2 new records names none of the site's authors (entry 'lee'): left "
        "out, as --named-only asks (without it, they would be on no author's profile)"
    ]
    assert sorted(data["title"] for data in records(site).values()) == ["Own"]
    one = tmp_path / "one.bib"
    one.write_text(bib.read_text(encoding="utf-8").split("\n")[1], encoding="utf-8")
    assert (
        main(["import", "bibtex", str(one), "--named-only", "--dry-run", "--site", str(site)]) == 0
    )
    (note,) = _owner_notes(capsys.readouterr().out)
    assert note.startswith("note: the new record names none of the site's authors (entry 'lee')")
