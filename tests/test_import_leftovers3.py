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


# As al-folio's users write them (its bib.liquid shows `annotation` beside the names and
# the marks on surnames as superscripts): two marks on one name, and a plus.
MARKED = r"""
@inproceedings{zhang2025ttrl,
  title={TTRL: Test-Time Reinforcement Learning},
  author={Zhang*†, Kaiyan and Zuo*, Yuxin and Ding, Ning and Zhou†, Bowen},
  abbr={NeurIPS 2025},
  year={2025},
  booktitle={The Thirty-Ninth Annual Conference on Neural Information Processing Systems},
  annotation={* Equal contribution<br>† Corresponding author},
  bibtex_show={true},
  selected={true}
}

@article{song2026example,
  author={Song*, Moohyun and Lee*, Kyungyong and Zhang, Kaiyan},
  title={A Great Paper Title},
  journal={Journal of Things},
  note={Extended version},
  year={2026},
  annotation={* Authors contributed equally.},
}

@inproceedings{lee2026eyetag,
  title       = {EyeTAG: Eye Trajectory-Aware Gaze Estimation},
  author      = {Zhang, Kaiyan and Ullah+, Niamat and Han+, Yoseob},
  booktitle   = {British Machine Vision Conference (BMVC)},
  year        = {2026},
  annotation  = {+ Corresponding authors},
}

@article{zotero2021,
  title = {Notes of Its Owner},
  author = {Zhang, Kaiyan},
  journal = {Journal of Things},
  year = {2021},
  annotation = {Comment: 12 pages; reviewer 2 was right about section 4},
}
"""


def test_al_folio_s_legend_of_marks_on_names_is_the_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`annotation = {* Equal contribution<br>† Corresponding author}` was left out with a
    reference manager's notes, and the marks taken off the names: the page said nothing of
    who contributed equally. The note names them; the names stay plain, and a Zotero
    user's own annotation stays out."""
    site = new_site(tmp_path / "site", "Kaiyan Zhang")
    bib = tmp_path / "papers.bib"
    bib.write_text(MARKED, encoding="utf-8")
    assert run_import(site, "bibtex", bib) == 0
    found = records_by_title(site)
    ttrl = found["TTRL: Test-Time Reinforcement Learning"]
    assert ttrl["authors"] == ["Kaiyan Zhang", "Yuxin Zuo", "Ning Ding", "Bowen Zhou"]
    assert ttrl["note"] == (
        "Equal contribution: Kaiyan Zhang, Yuxin Zuo; Corresponding author: Kaiyan Zhang, "
        "Bowen Zhou"
    )
    assert found["A Great Paper Title"]["note"] == (
        "Extended version; Authors contributed equally: Moohyun Song, Kyungyong Lee"
    )
    eyetag = found["EyeTAG: Eye Trajectory-Aware Gaze Estimation"]
    assert eyetag["note"] == "Corresponding authors: Niamat Ullah, Yoseob Han"
    assert "note" not in found["Notes of Its Owner"]
    capsys.readouterr()
    from generator.cli import main

    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "TTRL: Test-Time Reinforcement Learning")
    assert "<dd>Equal contribution: Kaiyan Zhang, Yuxin Zuo; Corresponding" in page
    assert "Zhang*" not in page.partition('class="bibtex"')[0]
