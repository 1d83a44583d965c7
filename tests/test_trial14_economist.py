"""A trial of the BibTeX import as an applied economist uses it: a Zotero library exported
with Better BibLaTeX (biblatex, not BibTeX), full of working papers (NBER, IZA, CEPR
`@report`s with their `type` and `number`), SSRN papers, forthcoming articles
(`pubstate`), handbook chapters with their editors, and `file` fields naming the owner's
disk. Fixtures are real entries (see fixtures/ingest/trial14/SOURCES.md) or written for
the test as biblatex's manual defines the fields."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.render import paper_state
from tests.ingest_support import FIXTURES, built_page, new_site, read_papers
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
    [(_, record, _)] = read_papers(site)
    assert record["doi"] == "10.1086/729999"
    assert record["venue"] == "Journal of Labor Economics"
    assert record["links"] == {"preprint": "https://doi.org/10.2139/ssrn.4612345"}


# --- 3. A working paper and its journal version ------------------------------------

_NBER = (
    "@report{okafor_minimum_2019,\n\ttitle = {Minimum Wages and Firm Employment},\n"
    "\turl = {https://www.nber.org/papers/w25987},\n\tdoi = {10.3386/w25987},\n"
    "\tnumber = {25987},\n\tinstitution = {National Bureau of Economic Research},\n"
    "\ttype = {Working Paper},\n\tauthor = {Okafor, Chidi and Lindqvist, Maja},\n"
    "\tdate = {2019-06},\n}\n"
)
_AER = (
    "@article{okafor_minimum_2023,\n\ttitle = {Minimum Wages and Firm Employment},\n"
    "\tvolume = {113},\n\tdoi = {10.1257/aer.20201234},\n\tpages = {1201--1240},\n"
    "\tnumber = {5},\n\tjournaltitle = {American Economic Review},\n"
    "\tauthor = {Okafor, Chidi and Lindqvist, Maja},\n\tdate = {2023-05},\n}\n"
)


def _the_aer_paper(site: Path) -> None:
    [(_, record, _)] = read_papers(site)
    assert record["venue"] == "American Economic Review"
    assert record["date"] == "2023-05"
    assert record["type"] == "article"
    assert record["doi"] == "10.1257/aer.20201234"
    assert record["links"] == {"preprint": "https://doi.org/10.3386/w25987"}
    assert "note" not in record  # "Working Paper" described the NBER version alone
    assert "@article{okafor_minimum_2023" in record["bibtex"]


def test_a_working_paper_and_its_journal_version_years_later_are_one_paper(
    site: Path,
) -> None:
    """An economist's library holds the NBER working paper of 2019 and the AER paper of
    2023: the profile listed the paper twice, the AER one's novelty 0%."""
    assert _import(site, "bibtex", _bib(site, _NBER + "\n" + _AER)) == 0
    _the_aer_paper(site)


@pytest.mark.parametrize("order", ["working paper first", "journal paper first"])
def test_a_working_paper_imported_apart_from_its_journal_version_is_the_same_paper(
    site: Path, order: str
) -> None:
    first, then = (_NBER, _AER) if order == "working paper first" else (_AER, _NBER)
    assert _import(site, "bibtex", _bib(site, first, "first.bib")) == 0
    assert _import(site, "bibtex", _bib(site, then, "then.bib")) == 0
    _the_aer_paper(site)


def test_a_discussion_paper_without_a_doi_gives_its_pdf_as_the_preprint_s(site: Path) -> None:
    iza = (
        "@report{k,\n\ttitle = {Minimum Wages and Firm Employment},\n"
        "\tinstitution = {Institute of Labor Economics ({IZA})},\n"
        "\ttype = {{IZA} Discussion Paper},\n\tnumber = {12345},\n"
        "\turl = {https://docs.iza.org/dp12345.pdf},\n"
        "\tauthor = {Okafor, Chidi and Lindqvist, Maja},\n\tdate = {2019},\n}\n"
    )
    assert _import(site, "bibtex", _bib(site, iza + "\n" + _AER)) == 0
    [(_, record, _)] = read_papers(site)
    assert record["venue"] == "American Economic Review"
    assert record["links"]["preprint_pdf"] == "https://docs.iza.org/dp12345.pdf"


def test_a_working_paper_by_other_people_stays_a_paper_of_its_own(site: Path) -> None:
    """A shared title is not enough years apart: a co-author added on the way to the
    journal, or another paper of that title, is two records, as for any preprint."""
    other = _NBER.replace("Okafor, Chidi and Lindqvist, Maja", "Okafor, Chidi")
    assert _import(site, "bibtex", _bib(site, other + "\n" + _AER)) == 0
    assert sorted(data["type"] for _, data, _ in read_papers(site)) == ["article", "report"]


def test_a_technical_report_is_no_working_paper(site: Path) -> None:
    """A report of another kind (a lab's technical report, then its journal paper three
    years later) is matched as before: a year apart at most."""
    report = (
        _NBER.replace("\tdoi = {10.3386/w25987},\n", "")
        .replace("{Working Paper}", "{Technical Report}")
        .replace("National Bureau of Economic Research", "MIT CSAIL")
    )
    assert _import(site, "bibtex", _bib(site, report + "\n" + _AER)) == 0
    assert sorted(data["type"] for _, data, _ in read_papers(site)) == ["article", "report"]


def test_a_real_nber_working_paper_is_a_preprint_of_its_journal_version(site: Path) -> None:
    """Zotero's entry of NBER's w31422 (fixtures), then its journal version written for the
    test two years later: one record, the working paper its `preprint` link."""
    published = (
        "@article{agarwal_published,\n\ttitle = {Combining human expertise with artificial "
        "intelligence: Experimental evidence from radiology},\n\tjournaltitle = {Journal},\n"
        "\tauthor = {Agarwal, Nikhil and Moehring, Alex and Rajpurkar, Pranav and Salz, "
        "Tobias},\n\tdate = {2025},\n}\n"
    )
    assert _import(site, "bibtex", TRIAL / "zotero-economics.bib") == 0
    assert _import(site, "bibtex", _bib(site, published)) == 0
    found = records(site)
    record = found[
        "Combining human expertise with artificial intelligence: Experimental evidence "
        "from radiology"
    ]
    assert record["venue"] == "Journal"
    assert record["links"]["preprint"] == "https://doi.org/10.3386/w31422"
    assert len(found) == 4


# --- 4. Where a paper stands, on its card and the CV --------------------------------


def _main_text(html: str) -> str:
    """A page's main text, its tags gone and blanks folded."""
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_a_forthcoming_paper_says_so_on_the_profile_and_the_cv(site: Path) -> None:
    """An economist's CV lists "Journal of Labor Economics, forthcoming": the card and
    the CV entry showed the journal and the year alone, as of a published paper (the
    state was on the paper's own page only, as its note)."""
    bib = _bib(
        site,
        "@article{a,\n\ttitle = {Apprenticeship Subsidies},\n"
        "\tjournaltitle = {Journal of Labor Economics},\n\tauthor = {Okafor, Chidi},\n"
        "\tdate = {2025},\n\tpubstate = {forthcoming},\n}\n\n"
        "@report{b,\n\ttitle = {Unions and Automation},\n\tnumber = {15432},\n"
        "\tinstitution = {Institute of Labor Economics ({IZA})},\n"
        "\ttype = {{IZA} Discussion Paper},\n\tauthor = {Okafor, Chidi},\n"
        "\tdate = {2022-07},\n\tnote = {Revise and resubmit at AER},\n}\n\n"
        "@article{c,\n\ttitle = {Minimum Wages},\n\tjournaltitle = {American Economic "
        "Review},\n\tauthor = {Okafor, Chidi},\n\tdate = {2023},\n\tnote = {With an "
        "online appendix},\n}\n",
    )
    assert _import(site, "bibtex", bib) == 0
    assert main(["build", "--site", str(site)]) == 0
    output = site / "output"
    cv = _main_text((output / "cv" / "index.html").read_text(encoding="utf-8"))
    assert "Journal of Labor Economics , 2025 . Forthcoming." in cv
    assert "no. 15432 , 2022-07 . Revise and resubmit at AER." in cv
    assert "appendix" not in cv  # a note that is no state stays on the paper's page
    profile = (output / "index.html").read_text(encoding="utf-8")
    assert '<span class="state">Forthcoming</span>' in profile
    assert '<span class="state">Revise and resubmit at AER</span>' in profile
    assert profile.count('class="state"') == 2


@pytest.mark.parametrize(
    ("note", "state"),
    [
        ("Forthcoming", "Forthcoming"),
        ("IZA Discussion Paper; Revise and resubmit at AER", "Revise and resubmit at AER"),
        ("R&R at the Quarterly Journal of Economics", "R&R at the Quarterly Journal of Economics"),
        ("Working Paper; Under review.", "Under review"),
        (
            "To appear in the Journal of Political Economy",
            "To appear in the Journal of Political Economy",
        ),
        ("Conditionally accepted at Econometrica", "Conditionally accepted at Econometrica"),
        ("Working Paper", None),
        ("Accepted manuscript version", None),
        ("Presented at the NBER Summer Institute", None),
        ("12 pages, 3 figures", None),
        (None, None),
    ],
)
def test_the_state_shown_is_the_part_of_the_note_that_says_where_the_paper_stands(
    note: str | None, state: str | None
) -> None:
    assert paper_state(note) == state


# --- 5. biblatex's ranges of dates -------------------------------------------------


def test_a_range_of_years_is_its_start_with_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Better BibLaTeX's own export of Zotero's date ranges (fixtures): each was its start
    without a word, where a `year = {2009--2023}` is named in a note."""
    assert _import(site, "bibtex", TRIAL / "bbt-date-ranges.biblatex") == 0
    found = records(site)
    assert found["A Manuscript"]["date"] == dt.date(2014, 12, 31)
    assert found["Open-Ended Date Range Test"]["date"] == dt.date(2014, 12, 31)
    assert found["EDTF Date Range, circa Begin"]["date"] == dt.date(2011, 5, 25)
    assert found["Single Date Test"]["date"] == dt.date(2014, 12, 31)
    out = capsys.readouterr().out
    fixture = TRIAL / "bbt-date-ranges.biblatex"
    assert (
        f"note: {fixture}:1: entry 't1': date = {{2014-12-31/2015-01-01}} is a range of "
        "years; imported as 2014-12-31 (its start, as a record's date is one year, month "
        "or day: write the year the paper appeared if it is another)"
    ) in out
    assert f"{fixture}:8: entry 't3': date = {{2014-12-31/}} is an open range" in out
    notes = [line for line in out.splitlines() if "} is a" in line or "} is an" in line]
    assert len(notes) == 5  # t1, t3 and the three of 2011-2012; a single date says nothing


def test_a_range_of_days_in_one_year_says_nothing(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = _bib(
        site,
        "@report{k,\n\ttitle = {Trade Shocks},\n\tauthor = {Okafor, Chidi},\n"
        "\tinstitution = {Centre for Economic Policy Research},\n"
        "\tdate = {2023-03-01/2023-03-05},\n}\n",
    )
    assert _import(site, "bibtex", bib) == 0
    assert records(site)["Trade Shocks"]["date"] == dt.date(2023, 3, 1)
    assert "range" not in capsys.readouterr().out


def test_a_working_paper_is_cited_by_its_series_on_the_cv_and_its_card(site: Path) -> None:
    """The CV read "Institute of Labor Economics (IZA), no. 15432" and the card the
    institution alone: nowhere but the paper's own page said it was a discussion paper,
    where an economist's CV cites "IZA Discussion Paper No. 15432". The NBER and SSRN
    entries are Zotero's (fixtures)."""
    bib = _bib(
        site,
        "@report{b,\n\ttitle = {Unions and Automation},\n\tnumber = {15432},\n"
        "\tinstitution = {Institute of Labor Economics ({IZA})},\n"
        "\ttype = {{IZA} Discussion Paper},\n\tauthor = {Okafor, Chidi},\n"
        "\tdate = {2022-07},\n}\n\n"
        "@report{c,\n\ttitle = {Trade Shocks},\n\tnumber = {DP18123},\n"
        "\tinstitution = {Centre for Economic Policy Research},\n"
        "\ttype = {Discussion Paper},\n\tauthor = {Okafor, Chidi},\n\tdate = {2023},\n}\n\n"
        "@techreport{d,\n\ttitle = {A Lab Report},\n\tinstitution = {MIT},\n"
        "\ttype = {Technical Memo},\n\tnumber = {12},\n\tauthor = {Okafor, Chidi},\n"
        "\tyear = {2021},\n}\n",
    )
    assert _import(site, "bibtex", bib, TRIAL / "zotero-economics.bib") == 0
    assert main(["build", "--site", str(site)]) == 0
    output = site / "output"
    cv = _main_text((output / "cv" / "index.html").read_text(encoding="utf-8"))
    assert "Institute of Labor Economics (IZA) , IZA Discussion Paper no. 15432 , 2022-07" in cv
    assert "Centre for Economic Policy Research , Discussion Paper DP18123 , 2023" in cv
    assert "National Bureau of Economic Research , NBER Working Paper no. 31422 , 2023-07" in cv
    assert "Stanford Digital Economy Laboratory , Working Paper, 23 pp. , 2025-06-03" in cv
    assert "MIT , no. 12 , 2021" in cv  # a report of another kind, as before
    profile = (output / "index.html").read_text(encoding="utf-8")
    assert '<span class="series-kind">IZA Discussion Paper</span>' in profile
    assert profile.count('class="series-kind"') == 4
    page = _main_text(built_page(site, "Unions and Automation"))
    assert "Institute of Labor Economics (IZA), no. 15432" in page  # its note says the rest


def test_a_paper_s_working_papers_in_two_series_and_its_journal_version_are_one(
    site: Path,
) -> None:
    """NBER's working paper of 2019, CEPR's discussion paper of 2020 and the AER paper of
    2023: CEPR's stayed a record of its own, two series a year apart."""
    cepr = (
        "@report{cepr,\n\ttitle = {Minimum Wages and Firm Employment},\n"
        "\tinstitution = {Centre for Economic Policy Research},\n"
        "\ttype = {Discussion Paper},\n\tnumber = {DP14001},\n"
        "\tauthor = {Lindqvist, Maja and Okafor, Chidi},\n\tdate = {2020},\n}\n"
    )
    assert _import(site, "bibtex", _bib(site, _NBER + "\n" + cepr + "\n" + _AER)) == 0
    [(_, record, _)] = read_papers(site)
    assert record["venue"] == "American Economic Review"
    assert record["links"] == {"preprint": "https://doi.org/10.3386/w25987"}


def test_a_working_paper_does_not_join_two_journal_papers_of_its_title_into_one(
    site: Path,
) -> None:
    """One export with the NBER paper of 2019, the AER paper of 2023 and another journal's
    paper of the same title by the same people in 2021 (two DOIs of published papers):
    the working paper matched both, and the three were one record with the AER's venue
    and DOI beside the other paper's date, the other paper lost."""
    other = (
        "@article{okafor_minimum_2021,\n\ttitle = {Minimum Wages and Firm Employment},\n"
        "\tvolume = {40},\n\tdoi = {10.1086/719999},\n"
        "\tjournaltitle = {Journal of Labor Economics},\n"
        "\tauthor = {Okafor, Chidi and Lindqvist, Maja},\n\tdate = {2021-03},\n}\n"
    )
    assert _import(site, "bibtex", _bib(site, _NBER + "\n" + _AER + "\n" + other)) == 0
    found = {data["doi"]: data for _, data, _ in read_papers(site)}
    assert sorted(found) == ["10.1086/719999", "10.1257/aer.20201234"]
    assert (found["10.1086/719999"]["date"], found["10.1086/719999"]["venue"]) == (
        "2021-03",
        "Journal of Labor Economics",
    )
    aer = found["10.1257/aer.20201234"]
    assert (aer["date"], aer["venue"]) == ("2023-05", "American Economic Review")
    assert aer["links"] == {"preprint": "https://doi.org/10.3386/w25987"}


@pytest.mark.parametrize("together", [True, False], ids=["one import", "two imports"])
def test_two_numbers_of_one_working_paper_series_are_two_papers(site: Path, together: bool) -> None:
    """NBER numbers a paper once and keeps the number through its revisions: two NBER
    papers of one title by the same people (w31999 of 2016, w25987 of 2019) were one
    record, 2016's date beside 2019's DOI, w31999 in no field."""
    earlier = (
        _NBER.replace("25987", "31999")
        .replace("2019-06", "2016-01")
        .replace("okafor_minimum_2019", "okafor_minimum_2016")
    )
    if together:
        assert _import(site, "bibtex", _bib(site, earlier + "\n" + _NBER)) == 0
    else:
        assert _import(site, "bibtex", _bib(site, earlier, "first.bib")) == 0
        assert _import(site, "bibtex", _bib(site, _NBER, "then.bib")) == 0
    dated = sorted((data["date"], data["doi"]) for _, data, _ in read_papers(site))
    assert dated == [("2016-01", "10.3386/w31999"), ("2019-06", "10.3386/w25987")]


def test_one_paper_of_two_series_on_ssrn_is_still_one_paper(site: Path) -> None:
    """IZA's and CESifo's discussion papers of one paper, each with the SSRN DOI of its
    copy there (SSRN numbers each upload), and the AER paper: one record; SSRN's DOIs are
    no series' numbers, as NBER's are."""
    iza, cesifo = (
        "@report{" + key + ",\n\ttitle = {Minimum Wages and Firm Employment},\n"
        f"\tinstitution = {{{name}}},\n\ttype = {{Discussion Paper}},\n"
        f"\tdoi = {{10.2139/ssrn.{number}}},\n"
        f"\tauthor = {{Okafor, Chidi and Lindqvist, Maja}},\n\tdate = {{{year}}},\n}}\n"
        for key, name, number, year in (
            ("iza", "IZA", "3401234", "2019"),
            ("cesifo", "CESifo", "3561234", "2020"),
        )
    )
    assert _import(site, "bibtex", _bib(site, iza + "\n" + cesifo + "\n" + _AER)) == 0
    [(_, record, _)] = read_papers(site)
    assert record["venue"] == "American Economic Review"
    assert record["links"]["preprint"] == "https://doi.org/10.2139/ssrn.3401234"
