"""BibTeX as real READMEs, theses and reference managers wrote it (trial 21).

Each fixture under tests/fixtures/ingest/real21/ is a trimmed copy of a public file,
named in its first lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import new_site, read_papers, snapshot

FIXTURES = INGEST / "real21"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path)


def test_text_after_a_braced_value_is_named_not_called_an_undefined_macro(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # will-rice/gpr-gym README.md: `adsurl = {<https://…}>`. The message said the field
    # "uses undefined macro '{<https://…}>'", and pointed at @string and IEEEabrv.bib.
    bib = FIXTURES / "ads-autolink-adsurl.bib"
    before = snapshot(site)
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert (
        f"{bib}:15: entry '2019arXiv190513321R': adsurl: its value is followed by '>'; "
        "delete it, or move it inside the value's closing brace"
    ) in err
    assert "macro" not in err
    assert snapshot(site) == before
    fixed = site / "fixed.bib"
    fixed.write_text(bib.read_text(encoding="utf-8").replace("}>,", ">},"), encoding="utf-8")
    assert main(["import", "bibtex", str(fixed), "--site", str(site)]) == 0
    assert [d["arxiv_id"] for _, d, _ in read_papers(site)] == ["1905.13321"]
