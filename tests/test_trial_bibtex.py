"""A new user's trial of `authorsite import bibtex` with files as real tools export them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import new_site, read_papers

FIXTURES = INGEST / "bibtex"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site")


def records(site: Path) -> dict[str, dict[str, Any]]:
    """Every record's front matter (with its body as ``abstract``) by title."""
    return {str(data["title"]): {**data, "abstract": body} for _, data, body in read_papers(site)}


def test_a_name_that_starts_with_an_accent_keeps_it(site: Path) -> None:
    """`and \\"{O}zt\\"{u}rk` and `and \\v{S}koda`: the accent right after `and` was lost."""
    bib = FIXTURES / "trial-jabref-accents.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    (paper,) = records(site).values()
    assert paper["authors"] == [
        "Jörg Müller",
        "Ayşe Öztürk",
        "José Álvarez",
        "Hans Straße",
        "Petr Škoda",
        "Lars Christensen",
    ]
