"""An imported entry whose title or authors hold a script address keeps no entry of its
own: cite.bib is made from the record, title and authors included.

The import leaves such a field out of the entry it keeps for cite.bib (published as
written, it would be a link that runs script in a reader's PDF). For the title or the
author list that left an entry without them: a reference without a title, or without
authors, in every reader's reference manager.
"""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest

from generator.bibtex import script_links
from generator.cli import main
from generator.urls import script_scheme
from tests.hostile.harness import run_build
from tests.ingest_support import new_site

ENTRIES = {
    "title": "  title = {A Study \\url{javascript:alert(1)} of Engines},\n"
    "  author = {Lovelace, Ada and Babbage, Charles},\n",
    "author": "  title = {A Study of Engines},\n"
    "  author = {Lovelace, Ada and \\href{javascript:alert(1)}{Babbage}, Charles},\n",
}


@pytest.mark.parametrize("field", ENTRIES)
def test_a_scripted_title_or_author_list_leaves_cite_bib_its_title_and_authors(
    field: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path / "site", "Ada Lovelace")
    bib = tmp_path / "refs.bib"
    bib.write_text(
        f"@article{{a1,\n{ENTRIES[field]}  journal = {{J. Things}},\n  year = 2024,\n}}\n"
    )
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    notes = capsys.readouterr().out
    assert f"`{field}` holds a `javascript:` address" in notes, notes
    built = run_build(site)
    assert built.status == 0, built.stderr
    [cite] = built.out.glob("papers/*/cite.bib")
    text = cite.read_text("utf-8")
    assert script_links(text) == [], text
    [entry] = bibtexparser.parse_string(text).entries
    assert "A Study" in entry.fields_dict["title"].value, text
    assert "Lovelace" in entry.fields_dict["author"].value, text
    assert entry.fields_dict["journal"].value == "J. Things", text
    for value in entry.fields_dict.values():
        assert script_scheme(str(value.value)) is None, text
