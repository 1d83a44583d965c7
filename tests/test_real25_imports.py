"""Imports of files as researchers' sites and their tools wrote them (trial 25).

Each fixture under tests/fixtures/ingest/real25/ is a trimmed copy of a public file,
named in its first lines and in SOURCES.md there.
"""

from __future__ import annotations

from pathlib import Path

from generator.cli import main
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import new_site, records_by_title, run_import

FIXTURES = INGEST / "real25"


def test_a_pdf_kept_on_github_is_the_papers_pdf_not_its_code(tmp_path: Path) -> None:
    # btskinner/tex_cv keeps its papers' PDFs in the CV's repository and links each as
    # `url = {https://github.com/…/papers/x.pdf}`. The card's Code badge led to the PDF.
    site = new_site(tmp_path, "First M. Last")
    assert run_import(site, "bibtex", FIXTURES / "github-pdf-url.bib") == 0
    paper = records_by_title(site)["Paper four"]
    assert paper["links"] == {
        "pdf": "https://github.com/btskinner/tex_cv/blob/master/papers/last_paper_four.pdf"
    }
    assert main(["build", "--site", str(site)]) == 0
    assert ">Code<" not in (site / "output" / "index.html").read_text("utf-8")
