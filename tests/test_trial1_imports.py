"""A newcomer's trial: an al-folio site, a colleague's BibTeX and hand edits, as the tools
and people that make them really write them; each test is one thing that tripped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_support import new_site
from tests.ingest_support import records_by_title as records
from tests.ingest_support import run_import as _import


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Maria Garcia-Lopez")


def test_tilde_accent_without_braces_in_a_name_is_the_letter(site: Path, tmp_path: Path) -> None:
    """`Jo\\~ao Silva`, a tilde accent written without braces as hand-typed BibTeX has it
    (al-folio's papers.bib, a colleague's file), is João Silva: the name parser read the
    `~` as TeX's tie between words, and the author list showed "Jo ao Silva"."""
    bib = tmp_path / "papers.bib"
    bib.write_text(
        "@misc{dialect,\n"
        "  title = {Dialect Robustness},\n"
        "  author = {Mar\\'ia Garc\\'ia-L\\'opez and Jo\\~ao Silva and Sim\\~{o}es, Ant\\^onio"
        " and Jo\\~ao~Pedro Sousa},\n"
        "  year = {2023},\n"
        "}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", bib) == 0
    assert records(site)["Dialect Robustness"]["authors"] == [
        "María García-López",
        "João Silva",
        "Antônio Simões",
        "João Pedro Sousa",
    ]
