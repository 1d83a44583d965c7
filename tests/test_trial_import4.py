"""A fourth trial of the importers: re-imports after a correction, and files as other
exporters write them (Web of Science, Scopus, JabRef, Overleaf, Hugo Blox's starter)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES, new_site, read_papers

TRIAL = FIXTURES / "trial4"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Ann Lee")


def records(site: Path) -> dict[str, dict[str, Any]]:
    """Every record's front matter (with its body as ``abstract``) by title."""
    return {str(data["title"]): {**data, "abstract": body} for _, data, body in read_papers(site)}


def _import(site: Path, kind: str, *sources: Path | str, dry: bool = False) -> int:
    return main(
        ["import", kind, *map(str, sources), "--site", str(site), *(["--dry-run"] if dry else [])]
    )


# --- 1. a title corrected at the source, imported again -----------------------------


def test_a_bibtex_title_corrected_and_imported_again_is_the_same_record(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`smith2020deep` renamed in the .bib (no DOI, no arXiv id) made a second record."""
    bib = tmp_path / "mine.bib"
    entry = (
        "@article{{lee2020cats,\n  title = {{{}}},\n  author = {{Lee, Ann and Doe, Jane}},\n"
        "  journal = {{Journal of Cats}},\n  year = {{2020}},\n}}\n"
    )
    bib.write_text(entry.format("Deep Lerning for Cats"), encoding="utf-8")
    assert _import(site, "bibtex", bib) == 0
    bib.write_text(entry.format("Learning to Herd Cats: A Survey"), encoding="utf-8")
    capsys.readouterr()
    assert _import(site, "bibtex", bib) == 0
    out = capsys.readouterr().out
    assert list(records(site)) == ["Deep Lerning for Cats"]  # one record, its title kept
    assert "recognised by its BibTeX key lee2020cats" in out
    assert "title: keeps 'Deep Lerning for Cats'; the import has 'Learning to Herd" in out


def test_an_academicpages_title_corrected_and_imported_again_is_the_same_record(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page `_publications/2015-10-01-…md` retitled in the old site made a second
    record; the record now says which page it came from."""
    old = tmp_path / "old"
    shutil.copytree(FIXTURES / "academicpages", old)
    assert _import(site, "academicpages", old) == 0
    page = old / "_publications" / "2015-10-01-paper-title-number-3.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            'title: "Paper About Number 3"', 'title: "On the Third Number, Revisited"'
        ),
        encoding="utf-8",
    )
    (old / "markdown_generator" / "publications.tsv").unlink()  # the page alone now
    capsys.readouterr()
    assert _import(site, "academicpages", old / "_publications") == 0  # another folder given
    out = capsys.readouterr().out
    found = records(site)
    assert "On the Third Number, Revisited" not in found
    assert found["Paper About Number 3"]["imported_from"] == (
        "academicpages _publications/2015-10-01-paper-title-number-3.md"
    )
    assert "recognised by its page academicpages _publications/2015-10-01-paper" in out
    assert "0 new" in out


def test_a_hugo_title_corrected_and_imported_again_is_the_same_record(
    site: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old"
    shutil.copytree(FIXTURES / "hugo-blox", old)
    page = old / "content" / "publications" / "spinning-tags" / "index.md"
    text = page.read_text(encoding="utf-8")
    # No DOI or arXiv id to know it by: only its page.
    head, _, rest = text.partition("hugoblox:")
    page.write_text(head + "---" + rest.partition("---")[2], encoding="utf-8")
    assert _import(site, "hugo", old) == 0
    before = len(records(site))
    page.write_text(
        page.read_text(encoding="utf-8").replace("via Spinning Tags", "by Spinning Tags"),
        encoding="utf-8",
    )
    assert _import(site, "hugo", old) == 0
    found = records(site)
    assert len(found) == before
    title = "Accurate Spatial Calibration of RFID Antennas via Spinning Tags"
    assert found[title]["imported_from"] == "hugo publications/spinning-tags"


def test_another_paper_under_a_records_page_or_key_is_still_another_paper(
    site: Path, tmp_path: Path
) -> None:
    """A key (`Wang_2023`) or page reused for another paper of another venue or author is
    no correction: the new paper is added."""
    bib = tmp_path / "a.bib"
    bib.write_text(
        "@article{Wang_2023, title = {Sparse Probing}, author = {Wang, Kaile},"
        " journal = {JMLR}, year = 2023}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", bib) == 0
    bib.write_text(
        "@article{Wang_2023, title = {Dense Retrieval at Scale}, author = {Wang, Kaile},"
        " journal = {TACL}, year = 2023}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", bib) == 0
    assert sorted(records(site)) == ["Dense Retrieval at Scale", "Sparse Probing"]
