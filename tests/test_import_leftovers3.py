"""Importers' third round of left-overs: a thesis's kind, al-folio's annotations and
marks on names, a generational suffix, an old import's `Name et al.`, al-folio's
co-authors, an unclosed `--- !!map`, and undated Scopus counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_support import built_page, new_site, records_by_title, run_import

# As theses are cited on their authors' pages: BibTeX's @mastersthesis with a German
# `Type`, biblatex's @thesis with Zotero's key for a PhD, and a Habilitation.
THESES = r"""
@mastersthesis{groebert2010,
Author = {Felix Gr{\"o}bert},
Title = {{Automatic Identification of Cryptographic Primitives in Software}},
School = {Ruhr-University Bochum, Germany},
Type = {Diplomarbeit},
Year = {2010}
}

@thesis{groebert2016,
  title = {Cryptographic Primitives in Binaries},
  author = {Gr{\"o}bert, Felix},
  institution = {Ruhr-University Bochum},
  type = {phdthesis},
  date = {2016},
}

@phdthesis{groebert2020,
  title = {Secure Software Supply Chains},
  author = {Felix Gr\"obert},
  school = {Ruhr-University Bochum},
  type = {Habilitation},
  note = {Cumulative},
  year = {2020},
}

@phdthesis{groebert2012,
  title = {Plain Thesis},
  author = {Felix Gr\"obert},
  school = {Ruhr-University Bochum},
  year = {2012},
}
"""


def test_a_thesis_s_kind_is_its_note_on_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Type = {Diplomarbeit}` was kept in cite.bib only: the record said `type: thesis`,
    and the page did not say which thesis it was."""
    site = new_site(tmp_path / "site", "Felix Gröbert")
    bib = tmp_path / "theses.bib"
    bib.write_text(THESES, encoding="utf-8")
    assert run_import(site, "bibtex", bib) == 0
    found = records_by_title(site)
    diplom = found["Automatic Identification of Cryptographic Primitives in Software"]
    assert (diplom["type"], diplom["note"]) == ("thesis", "Diplomarbeit")
    assert found["Cryptographic Primitives in Binaries"]["note"] == "PhD thesis"
    assert found["Secure Software Supply Chains"]["note"] == "Habilitation; Cumulative"
    assert "note" not in found["Plain Thesis"]
    capsys.readouterr()
    assert run_import(site, "bibtex", bib) == 0  # again: nothing to say
    assert "conflict " not in capsys.readouterr().out
    from generator.cli import main

    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "Automatic Identification of Cryptographic Primitives in Software")
    assert "<dd>Diplomarbeit</dd>" in page
    assert "Type = {Diplomarbeit}" in page  # cite.bib keeps it as written
