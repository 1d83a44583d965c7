"""Imports of files as researchers' sites and their tools wrote them (realfiles4).

Each fixture under tests/fixtures/ingest/realfiles4/ is a trimmed copy of a public file,
named in its first lines and in SOURCES.md there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import new_site, records_by_title, run_import

FIXTURES = INGEST / "realfiles4"


def test_entries_inside_a_comment_block_are_not_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 2jungeuni/2jungeuni.github.io wraps al-folio's sample entries in `@comment{…}`, as
    # jekyll-scholar (and biber) read a comment: its whole braces. bibtexparser ended the
    # comment at the `@book{` on the next line, so Einstein's papers were imported as the
    # owner's, and the note said the comment's `{` was "never closed".
    site = new_site(tmp_path, "Jungeun Lee")
    assert run_import(site, "bibtex", FIXTURES / "alfolio-commented-samples.bib") == 0
    assert sorted(records_by_title(site)) == [
        "Performance Analysis of Beamforming for Radar and Communications Coexisting Systems",
        "Safe Trajectory Planning with Bernstein Polynomials Under Control Barrier Function "
        "Constraints",
    ]
    said = capsys.readouterr()
    assert "never closed" not in said.out + said.err


def test_a_hugo_page_that_names_its_co_authors_after_with(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ast-code/arthurstenzel_homepage lists each paper's co-authors only, after "with"
    # (`- with Kristian D Allee, Raffael Speitmann, and Yuchen Wu (2024)`): the record's
    # authors were "with Kristian D Allee", "Raffael Speitmann" and "Yuchen Wu (2024)",
    # and the site's owner was on none of them.
    site = new_site(tmp_path, "Arthur Stenzel")
    assert run_import(site, "hugo", FIXTURES / "hugo-with-coauthors") == 0
    records = records_by_title(site)
    market = next(r for t, r in records.items() if t.startswith("Market-based oil spill"))
    assert market["authors"] == [
        "Arthur Stenzel",
        "Kristian D Allee",
        "Raffael Speitmann",
        "Yuchen Wu",
    ]
    comment = next(r for t, r in records.items() if t.startswith("Kommentierung"))
    assert comment["authors"] == ["Arthur Stenzel", "Dirk Hachmeister"]
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "Market-basedoilspill(overs)/index.md:7: publication 'Market-basedoilspill(overs)': "
        '`authors` names the co-authors after "with"'
    ) in out
    assert "Arthur Stenzel is put first" in out


def test_with_in_a_name_is_no_co_authors_mark(tmp_path: Path) -> None:
    # A name that begins with the letters "with" (Withers) is a name.
    page = tmp_path / "old" / "content" / "publication" / "p" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: A paper\nauthors:\n  - Jane Withers\n  - Ann Lee\ndate: 2020-01-01\n---\n",
        encoding="utf-8",
    )
    site = new_site(tmp_path / "site", "Ann Lee")
    assert run_import(site, "hugo", tmp_path / "old") == 0
    assert records_by_title(site)["A paper"]["authors"] == ["Jane Withers", "Ann Lee"]


def test_an_apa_citation_gives_a_proceedings_papers_pages_and_a_thesis_university(
    tmp_path: Path,
) -> None:
    # Arnaud-GS/arnaud-gs.github.io cites its papers as Google Scholar's APA does: a
    # paper in proceedings `In Proceedings of … (pp. 47-58).` (its pages were lost, even
    # where the page's `venue` is written otherwise than the citation's), a thesis
    # `(Doctoral dissertation, Université Paris-Saclay).` (the record had no venue nor
    # type, and showed as a paper of nowhere).
    site = new_site(tmp_path, "Arnaud Grivet Sébert")
    assert run_import(site, "academicpages", FIXTURES / "academicpages-apa") == 0
    records = records_by_title(site)
    shield = records[
        "A Probabilistic Design for Practical Homomorphic Majority Voting with Intrinsic "
        "Differential Privacy"
    ]
    assert shield["pages"] == "47–58"
    fuzzy = records["Fuzzy rule learning for material classification from imprecise data"]
    assert fuzzy["pages"] == "62–73"
    thesis = records[
        "Combining differential privacy and homomorphic encryption for privacy-preserving "
        "collaborative machine learning (PhD thesis)"
    ]
    assert (thesis["type"], thesis["venue"]) == ("thesis", "Université Paris-Saclay")


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        ("Lee, A. (2020). A study [Master's thesis, University of Oslo].", "mastersthesis"),
        ("Lee, A. (2020). A study (Unpublished doctoral dissertation).", "thesis"),
    ],
)
def test_apa_thesis_kinds(tmp_path: Path, citation: str, expected: str) -> None:
    # APA 7 writes the description in brackets; a thesis may name no university
    page = tmp_path / "old" / "_publications" / "2020-01-01-study.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        f"---\ntitle: A study\ncollection: publications\ndate: 2020-01-01\n"
        f"citation: '{citation.replace(chr(39), chr(39) * 2)}'\n---\n",
        encoding="utf-8",
    )
    site = new_site(tmp_path / "site", "Ann Lee")
    assert run_import(site, "academicpages", tmp_path / "old") == 0
    record = records_by_title(site)["A study"]
    assert record["type"] == expected
    assert record.get("venue") == ("University of Oslo" if "Oslo" in citation else None)


def test_two_page_groups_in_a_citation_give_no_pages(tmp_path: Path) -> None:
    # which of them is the paper's is not known: none is taken
    page = tmp_path / "old" / "_publications" / "2020-01-01-study.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: A study\ncollection: publications\ndate: 2020-01-01\n"
        "citation: 'Lee, A. (2020). A study (pp. 3-4). In Book (pp. 1-9).'\n---\n",
        encoding="utf-8",
    )
    site = new_site(tmp_path / "site", "Ann Lee")
    assert run_import(site, "academicpages", tmp_path / "old") == 0
    assert "pages" not in records_by_title(site)["A study"]
