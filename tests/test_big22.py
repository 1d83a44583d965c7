"""A prolific researcher's dblp export moved to authorsite (real entries, trimmed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import new_site, read_papers

FIXTURES = Path(__file__).parent / "fixtures" / "big22"


def test_an_arxiv_address_written_as_the_doi_gives_the_arxiv_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Papers accepted but not yet in print, their arXiv PDF written as `doi`: the import
    had left the address out as no DOI, and the papers had no link at all."""
    site = new_site(tmp_path / "site", "Karthik Vaidhyanathan")
    bib = FIXTURES / "arxiv-in-doi.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert (
        f"note: {bib}:3: entry 'Pandey2026': doi `https://arxiv.org/pdf/2512.04702` is an "
        "arXiv address, not a DOI; imported as the arXiv id 2512.04702"
    ) in out
    assert "is not a DOI" not in out
    found = {str(data["title"]): data for _, data, _ in read_papers(site)}
    polaris = found[
        "POLARIS: Is Multi-Agentic Reasoning the Next Wave in Engineering Self-Adaptive Systems?"
    ]
    assert polaris["arxiv_id"] == "2512.04702" and "doi" not in polaris
    assert found["Architecting AgentOps Needs CHANGE"]["arxiv_id"] == "2601.06456"
    assert main(["build", "--site", str(site)]) == 0
    page = next((site / "output" / "papers").glob("architecting-agentops*/index.html"))
    assert "https://arxiv.org/abs/2601.06456" in page.read_text(encoding="utf-8")


def test_a_preprint_reworded_in_small_words_is_one_record_with_its_published_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """dblp lists a paper twice, its CoRR preprint and its conference version; a title
    changed in one small word made two records, the paper twice on the profile."""
    site = new_site(tmp_path / "site", "Karthik Vaidhyanathan")
    assert (
        main(["import", "bibtex", str(FIXTURES / "reworded-preprint.bib"), "--site", str(site)])
        == 0
    )
    assert "1 work: 1 new" in capsys.readouterr().out
    [(_, paper, _)] = read_papers(site)
    assert paper["title"].endswith(
        "Certification of Low Criticality ML-Enabled Airborne Applications"
    )
    assert paper["venue"] == "CAIN 2025"  # as dblp names the meeting (its booktitle is kept)
    assert paper["doi"] == "10.1109/CAIN66642.2025.00020"
    assert paper["arxiv_id"] == "2501.17028"


def test_two_published_works_differing_in_small_words_stay_two(tmp_path: Path) -> None:
    """Only a preprint is matched so: two papers in print are two papers (the second
    without a DOI, which would otherwise tell them apart)."""
    site = new_site(tmp_path / "site", "Karthik Vaidhyanathan")
    text = (FIXTURES / "reworded-preprint.bib").read_text(encoding="utf-8")
    published = text.replace("journal      = {CoRR}", "journal      = {J. Syst. Softw.}")
    published = published.replace("doi          = {10.48550/ARXIV.2501.17028},", "")
    published = published.replace("https://doi.org/10.48550/arXiv.2501.17028", "")
    published = published.replace("eprinttype    = {arXiv},", "").replace(
        "eprint       = {2501.17028},", ""
    )
    bib = tmp_path / "two.bib"
    bib.write_text(published, encoding="utf-8")
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    assert len(read_papers(site)) == 2
