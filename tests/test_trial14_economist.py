"""A trial of the BibTeX import as an applied economist uses it: a Zotero library exported
with Better BibLaTeX (biblatex, not BibTeX), full of working papers (NBER, IZA, CEPR
`@report`s with their `type` and `number`), SSRN papers, forthcoming articles
(`pubstate`), handbook chapters with their editors, and `file` fields naming the owner's
disk. Fixtures are real entries (see fixtures/ingest/trial14/SOURCES.md) or written for
the test as biblatex's manual defines the fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES, built_page, new_site
from tests.ingest_support import records_by_title as records
from tests.ingest_support import run_import as _import

TRIAL = FIXTURES / "trial14"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Chidi Okafor")


def _bib(site: Path, text: str, name: str = "mine.bib") -> Path:
    path = site.parent / name
    path.write_text(text, encoding="utf-8")
    return path


# --- 1. biblatex's pubstate -------------------------------------------------------


def test_a_forthcoming_paper_says_so_where_it_read_as_published(site: Path) -> None:
    """Entries from two READMEs with biblatex's `pubstate = {forthcoming}` beside their
    date: the records had no word of it, and the pages listed the papers as out."""
    assert _import(site, "bibtex", TRIAL / "readme-pubstate.bib") == 0
    found = records(site)
    profiling = found["Fine-Grained Memory Profiling of GPGPU Kernels"]
    assert profiling["note"] == "Forthcoming"
    assert profiling["venue"] == "Computer Graphics Forum"
    assert found["Iterative Circuit Repair Against Formal Specifications"]["note"] == (
        "Forthcoming"
    )
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "Fine-Grained Memory Profiling of GPGPU Kernels")
    assert "Forthcoming" in page


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("inpress", "In press"),
        ("inpreparation", "In preparation"),
        ("submitted", "Submitted"),
        ("prepublished", "Pre-published"),
        ("{Revise and resubmit}", "Revise and resubmit"),
    ],
)
def test_biblatex_s_publication_states_are_printed_as_biblatex_prints_them(
    site: Path, written: str, shown: str
) -> None:
    """The manual's known states are keys biblatex prints in words (`inpress` is "in
    press"); any other is printed as written."""
    bib = _bib(
        site,
        "@article{k,\n\tauthor = {Okafor, Chidi},\n\ttitle = {Childcare Costs},\n"
        "\tjournaltitle = {Journal of Public Economics},\n\tdate = {2024},\n"
        f"\tpubstate = {{{written}}},\n}}\n",
    )
    assert _import(site, "bibtex", bib) == 0
    assert records(site)["Childcare Costs"]["note"] == shown


def test_a_state_comes_after_the_working_paper_series_and_before_the_owner_s_note(
    site: Path,
) -> None:
    bib = _bib(
        site,
        "@report{k,\n\tauthor = {Okafor, Chidi},\n\ttitle = {Unions and Automation},\n"
        "\tinstitution = {Institute of Labor Economics ({IZA})},\n"
        "\ttype = {{IZA} Discussion Paper},\n\tnumber = {15432},\n\tdate = {2022-07},\n"
        "\tpubstate = {submitted},\n\tnote = {Revise and resubmit at AER},\n}\n",
    )
    assert _import(site, "bibtex", bib) == 0
    assert records(site)["Unions and Automation"]["note"] == (
        "IZA Discussion Paper; Submitted; Revise and resubmit at AER"
    )


def test_the_state_goes_once_the_entry_no_longer_gives_it(site: Path) -> None:
    """The export after the paper came out has its volume and no `pubstate`: the record
    said "Forthcoming" of a published paper."""
    entry = (
        "@article{k,\n\tauthor = {Okafor, Chidi and Becker, Jonas},\n"
        "\ttitle = {Apprenticeship Subsidies and Youth Unemployment},\n"
        "\tjournaltitle = {Journal of Labor Economics},\n\tdate = {2025},\nSTATE}\n"
    )
    assert (
        _import(site, "bibtex", _bib(site, entry.replace("STATE", "\tpubstate = {forthcoming},\n")))
        == 0
    )
    assert records(site)["Apprenticeship Subsidies and Youth Unemployment"]["note"] == (
        "Forthcoming"
    )
    assert _import(site, "bibtex", _bib(site, entry.replace("STATE", "\tvolume = {43},\n"))) == 0
    record = records(site)["Apprenticeship Subsidies and Youth Unemployment"]
    assert "note" not in record
    assert record["volume"] == 43


# --- 2. An SSRN paper alone --------------------------------------------------------


def test_an_ssrn_paper_in_no_journal_is_a_preprint_on_ssrn(site: Path) -> None:
    """Zotero's `@online` of a paper saved from SSRN, its number as biblatex's `eprint`:
    the page said "Type: Other", named no venue, and linked a "Preprint" that was the
    paper itself."""
    bib = _bib(
        site,
        "@online{okafor_remote_2024,\n\ttitle = {Remote Work and the Gender Pay Gap},\n"
        "\turl = {https://papers.ssrn.com/abstract=4612345},\n\teprint = {4612345},\n"
        "\teprinttype = {ssrn},\n\tauthor = {Okafor, Chidi and Haddad, Rania},\n"
        "\tdate = {2024-02-14},\n\turldate = {2024-03-01},\n\tlangid = {english},\n}\n",
    )
    assert _import(site, "bibtex", bib) == 0
    record = records(site)["Remote Work and the Gender Pay Gap"]
    assert record["venue"] == "SSRN"
    assert record["type"] == "preprint"
    assert record["links"] == {"paper": "https://papers.ssrn.com/abstract=4612345"}
    assert record["doi"] == "10.2139/ssrn.4612345"  # SSRN's DOI of it


def test_an_ssrn_paper_without_its_address_is_linked_by_its_doi(site: Path) -> None:
    bib = _bib(
        site,
        "@online{k,\n\ttitle = {Remote Work},\n\teprint = {4612345},\n"
        "\teprinttype = {ssrn},\n\tauthor = {Okafor, Chidi},\n\tdate = {2024},\n}\n",
    )
    assert _import(site, "bibtex", bib) == 0
    record = records(site)["Remote Work"]
    assert record["doi"] == "10.2139/ssrn.4612345"
    assert "links" not in record  # the DOI is the link
    assert record["venue"] == "SSRN"


def test_a_journal_paper_s_ssrn_eprint_is_still_its_preprint(site: Path) -> None:
    bib = _bib(
        site,
        "@article{k,\n\ttitle = {Remote Work},\n\tjournaltitle = {Journal of Labor "
        "Economics},\n\teprint = {4612345},\n\teprinttype = {ssrn},\n"
        "\tauthor = {Okafor, Chidi},\n\tdate = {2024},\n}\n",
    )
    assert _import(site, "bibtex", bib) == 0
    record = records(site)["Remote Work"]
    assert record["links"] == {"preprint": "https://doi.org/10.2139/ssrn.4612345"}
    assert record["venue"] == "Journal of Labor Economics"
    assert record["type"] == "article"


def test_an_ssrn_paper_and_its_journal_version_are_one_record(site: Path) -> None:
    """SSRN's DOI, now the SSRN paper's own, is no second DOI of the journal paper: the
    two entries of one export are one record, the SSRN version its `preprint` link."""
    bib = _bib(
        site,
        "@online{a,\n\ttitle = {Remote Work and the Gender Pay Gap},\n"
        "\turl = {https://papers.ssrn.com/abstract=4612345},\n\teprint = {4612345},\n"
        "\teprinttype = {ssrn},\n\tauthor = {Okafor, Chidi and Haddad, Rania},\n"
        "\tdate = {2024-02-14},\n}\n\n"
        "@article{b,\n\ttitle = {Remote Work and the Gender Pay Gap},\n"
        "\tjournaltitle = {Journal of Labor Economics},\n\tvolume = {43},\n"
        "\tdoi = {10.1086/729999},\n\tauthor = {Okafor, Chidi and Haddad, Rania},\n"
        "\tdate = {2025-01},\n}\n",
    )
    assert _import(site, "bibtex", bib) == 0
    (record,) = records(site).values()
    assert record["doi"] == "10.1086/729999"
    assert record["venue"] == "Journal of Labor Economics"
    assert record["links"] == {"preprint": "https://doi.org/10.2139/ssrn.4612345"}
