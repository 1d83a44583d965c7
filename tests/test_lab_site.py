"""A lab manager's site (trial5): a German group site on a project path, its papers from
the lab's Zotero library (Better BibLaTeX), arXiv answers and the members' exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_support import FIXTURES, new_site, records_by_title, run_import

LAB = FIXTURES / "labsite"
RIVERS = "Graph Neural Operators for River Network Forecasting"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Katharina Böhm")


def test_zoteros_archive_alone_is_no_category_and_arxiv_gives_it(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Better BibLaTeX writes what Zotero keeps of a new preprint's class, its archive
    (`eprintclass = {cs}`): the card showed `cs`, and the arXiv answer's `cs.LG` was a
    conflict at every import of the students' preprints."""
    assert run_import(site, "bibtex", LAB / "zotero-lab.bib") == 0
    assert "category" not in records_by_title(site)[RIVERS]
    capsys.readouterr()
    assert run_import(site, "arxiv", LAB / "arxiv-students.xml") == 0
    assert "conflict  category" not in capsys.readouterr().out
    assert records_by_title(site)[RIVERS]["category"] == "cs.LG"
