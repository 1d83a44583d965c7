"""Importers' fourth round of left-overs: a master's thesis's entry type, al-folio's
badges' ids and its citation counts by Scholar id, dblp's booktitle, a new page's
placeholder in the site's language, and an academicpages file name that is no UTF-8."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import new_site, read_papers, records_by_title, run_import

# As BibTeX's and biblatex's users cite their theses (biblatex's @thesis says which one
# by its `type` key, as Zotero writes it; BibTeX has an entry type for each)
THESES = r"""
@mastersthesis{nguyen2019,
  author  = {Nguyen, Thi Mai},
  title   = {Graph Kernels for Molecular Property Prediction},
  school  = {Technische Universit{\"a}t M{\"u}nchen},
  address = {Munich, Germany},
  year    = {2019},
}

@thesis{nguyen2020,
  author      = {Nguyen, Thi Mai},
  title       = {Message Passing on Hypergraphs},
  institution = {University of Amsterdam},
  type        = {mathesis},
  date        = {2020-06},
}

@thesis{nguyen2024,
  author      = {Nguyen, Thi Mai},
  title       = {Learning on Graphs with Symmetries},
  institution = {University of Amsterdam},
  type        = {phdthesis},
  date        = {2024-03-12},
}
"""
MASTERS = ("Graph Kernels for Molecular Property Prediction", "Message Passing on Hypergraphs")
PHD = "Learning on Graphs with Symmetries"


def _bib_site(tmp_path: Path, owner: str, bibtex: str) -> tuple[Path, Path]:
    """A new site of ``owner`` that imported ``bibtex`` (saved as a file), and that file."""
    site = new_site(tmp_path / "site", owner)
    bib = tmp_path / "papers.bib"
    bib.write_text(bibtex, encoding="utf-8")
    assert run_import(site, "bibtex", bib) == 0
    return site, bib


def _output_of(site: Path, title: str) -> Path:
    """The output folder of the page of the record titled ``title``."""
    path = next(p for p, data, _ in read_papers(site) if data["title"] == title)
    return site / "output" / "papers" / path.stem


def test_a_master_s_thesis_is_cited_as_one(tmp_path: Path) -> None:
    """A @mastersthesis (and biblatex's @thesis of `type = {mathesis}`) was `type: thesis`,
    and the cite.bib made for it without its kept entry said @phdthesis."""
    site, _ = _bib_site(tmp_path, "Thi Mai Nguyen", THESES)
    found = records_by_title(site)
    assert [found[title]["type"] for title in MASTERS] == ["mastersthesis", "mastersthesis"]
    assert found[PHD]["type"] == "thesis"
    for path, _, _ in read_papers(site):  # cite.bib made from the record's fields
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^bibtex: \|.*\n(?:  .*\n)*", "", text), encoding="utf-8")
    assert main(["build", "--site", str(site)]) == 0
    for title, entry in ((MASTERS[0], "@mastersthesis{"), (MASTERS[1], "@mastersthesis{")):
        assert (_output_of(site, title) / "cite.bib").read_text(encoding="utf-8").startswith(entry)
    assert (
        (_output_of(site, PHD) / "cite.bib").read_text(encoding="utf-8").startswith("@phdthesis{")
    )
    page = (_output_of(site, MASTERS[1]) / "index.html").read_text(encoding="utf-8")
    assert (
        '<meta name="citation_dissertation_institution" content="University of Amsterdam">' in page
    )


def test_a_master_s_thesis_an_earlier_import_typed_thesis_is_updated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record an earlier import wrote `type: thesis` for a @mastersthesis takes the new
    type at the next import of the same entry, and is no conflict."""
    site, bib = _bib_site(tmp_path, "Thi Mai Nguyen", THESES)
    path = next(p for p, data, _ in read_papers(site) if data["title"] == MASTERS[0])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("type: mastersthesis", "type: thesis"), encoding="utf-8")
    capsys.readouterr()
    assert run_import(site, "bibtex", bib) == 0
    assert "conflict " not in capsys.readouterr().out
    assert records_by_title(site)[MASTERS[0]]["type"] == "mastersthesis"
