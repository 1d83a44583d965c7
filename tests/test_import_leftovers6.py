"""Importers' sixth round of left-overs: a .bib file git could not merge, a month written
in the year (PubMed's `2013 Sep-Oct`), MathSciNet's review number, a hand-written thesis
type, a translation listed by its translators, and al-folio's talks an earlier import made
papers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import (
    FIXTURES,
    bib_site,
    built_page,
    new_site,
    read_papers,
    records_by_title,
    run_import,
    write_files,
)

# --- a .bib file with git's conflict markers ---------------------------------------------

# Two people edited papers.bib; git could not merge their edits and left both versions,
# inside an entry (one field) and between entries (a whole entry), as it writes them.
CONFLICTED = """@article{lee2021,
  author = {Lee, Ann and Wu, Bo},
  title = {A Study of Things},
<<<<<<< HEAD
  journal = {Journal of Things},
=======
  journal = {J. Things},
>>>>>>> fix-venue
  year = {2021},
}

<<<<<<< HEAD
@article{kim2020,
  author = {Lee, Ann},
  title = {An Old Title},
  year = {2020},
}
=======
@article{kim2020,
  author = {Lee, Ann},
  title = {A New Title},
  year = {2020},
}
>>>>>>> fix-venue
"""


def test_a_bib_file_git_could_not_merge_is_refused_at_each_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Within an entry the markers read as a missing comma; between entries both versions
    were imported, a key used twice, with no word of git. Each conflict is named, with
    how to resolve it, as an academicpages page's are, and nothing is written."""
    site = new_site(tmp_path / "site", "Ann Lee")
    bib = tmp_path / "papers.bib"
    bib.write_text(CONFLICTED, encoding="utf-8")
    assert run_import(site, "bibtex", bib) == 1
    said = capsys.readouterr()
    told = said.out + said.err
    how = (
        "git's merge conflict marker `<<<<<<< HEAD`: the file holds two versions of its "
        "lines; keep one, delete the other and the `<<<<<<<`, `=======` and `>>>>>>>` lines, "
        "and import again"
    )
    assert f"{bib}:4: {how}" in told
    assert f"{bib}:12: {how}" in told
    assert "comma missing" not in told
    assert read_papers(site) == []


# --- a month in the year ------------------------------------------------------------------

# As PubMed dates an issue (its DP field: `2013 Sep-Oct`, `2013 Sep 15`, `2013 Spring`),
# which EndNote's and others' BibTeX write as the year, and as a journal's issue is
# printed (`Sep.-Oct. 2013`)
YEARS = r"""
@article{bimonthly, author = {Lee, Ann}, title = {Bimonthly}, journal = {J}, year = {2013 Sep-Oct}}
@article{printed, author = {Lee, Ann}, title = {Printed}, journal = {J}, year = {Sep.-Oct. 2013}}
@article{daily, author = {Lee, Ann}, title = {Daily}, journal = {J}, year = {2013 Sep 15}}
@article{written, author = {Lee, Ann}, title = {Written}, journal = {J}, year = {Sep. 15, 2013}}
@article{season, author = {Lee, Ann}, title = {Season}, journal = {J}, year = {2013 Spring}}
@article{second, author = {Lee, Ann}, title = {Second}, journal = {J}, year = {2013b}}
"""


def test_a_month_written_in_the_year_is_the_record_s_and_what_is_left_out_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, bib = bib_site(tmp_path, "Ann Lee", YEARS)
    out = capsys.readouterr().out.partition("note:")[2]  # the notes, not the records' lines
    dates = {title: str(data["date"]) for title, data in records_by_title(site).items()}
    assert dates == {
        "Bimonthly": "2013-09",
        "Printed": "2013-09",
        "Daily": "2013-09-15",
        "Written": "2013-09-15",
        "Season": "2013",
        "Second": "2013",  # a letter that tells two works of 2013 apart: no month, no note
    }
    assert (
        f"{bib}:2: entry 'bimonthly': year = {{2013 Sep-Oct}} holds more than the year; "
        "imported as 2013-09 (its first month; `Oct` left out, as a record's date is one "
        "year, month or day)"
    ) in out
    season = "year = {2013 Spring} holds more than the year; imported as 2013 (`Spring` left"
    assert season in out
    assert not re.search(r"entry '(?:second|daily|written)'", out)
    assert main(["build", "--site", str(site)]) == 0
    assert "Sep 2013" in built_page(site, "Bimonthly")


def test_a_year_of_thousands_of_words_is_a_note_of_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each word the date left out was named, each time: a year of 15,000 words (95 KB,
    # under what a field may hold) was a note as long, in the terminal's scrollback.
    words = "Spring Summer Fall " * 5_000
    bib_site(
        tmp_path,
        "Ann Lee",
        f"@article{{seasons, author = {{Lee, Ann}}, title = {{Seasons}}, journal = {{J}},\n"
        f"  year = {{2013 {words}}}}}\n",
    )
    [note] = [line for line in capsys.readouterr().out.splitlines() if "note: " in line]
    assert "imported as 2013 (`Spring`, `Summer`, `Fall` left out, as a record's" in note
    assert len(note) < 400


# --- MathSciNet ---------------------------------------------------------------------------

# MathSciNet's own BibTeX (its number alone), and the older exports' and MR Lookup's
# (`MR` and the printed review's number after it)
MATHSCINET = r"""@article {Wiles95,
    AUTHOR = {Wiles, Andrew},
     TITLE = {Modular elliptic curves and {F}ermat's last theorem},
   JOURNAL = {Ann. of Math. (2)},
    VOLUME = {141},
      YEAR = {1995},
     PAGES = {443--551},
   MRCLASS = {11G05 (11D41 11F11 11F80 11G18)},
  MRNUMBER = {MR1333035 (96d:11071)},
       DOI = {10.2307/2118559},
}
@article {Wiles13,
    AUTHOR = {Wiles, Andrew},
     TITLE = {On a later theorem},
   JOURNAL = {Ann. of Math. (2)},
      YEAR = {2013},
  MRNUMBER = {3012345},
}
"""


def test_mathscinet_s_review_number_is_linked_and_kept_in_cite_bib(tmp_path: Path) -> None:
    """`MRNUMBER` was no link: the page of a mathematician's paper did not link its review,
    which AMS's own styles link (amsrefs' `\\MR`)."""
    site, _ = bib_site(tmp_path, "Andrew Wiles", MATHSCINET)
    found = records_by_title(site)
    fermat = found["Modular elliptic curves and Fermat's last theorem"]
    assert fermat["links"]["mathscinet"] == (
        "https://mathscinet.ams.org/mathscinet-getitem?mr=1333035"
    )
    assert fermat["doi"] == "10.2307/2118559"  # beside the DOI, not instead of it
    assert found["On a later theorem"]["links"] == {
        "mathscinet": "https://mathscinet.ams.org/mathscinet-getitem?mr=3012345"
    }
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "On a later theorem")
    assert (
        '<a href="https://mathscinet.ams.org/mathscinet-getitem?mr=3012345" rel="noopener">'
        "MathSciNet</a>"
    ) in page
    path = next(p for p, data, _ in read_papers(site) if data["title"] == "On a later theorem")
    cite = (site / "output" / "papers" / path.stem / "cite.bib").read_text(encoding="utf-8")
    assert "MRNUMBER = {3012345}" in cite


# --- a hand-written thesis type -----------------------------------------------------------

MASTERS = r"""@mastersthesis{nguyen2019,
  author  = {Nguyen, Thi Mai},
  title   = {Graph Kernels for Molecular Property Prediction},
  school  = {Technische Universit{\"a}t M{\"u}nchen},
  year    = {2019},
}
"""


def test_a_hand_written_thesis_type_is_kept_and_the_import_s_is_a_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Her `type: thesis`, written by hand on a record whose entry is untouched, followed
    the next import's `mastersthesis` without a word, as no other hand-edited field does."""
    site, bib = bib_site(tmp_path, "Thi Mai Nguyen", MASTERS)
    [(path, _, _)] = read_papers(site)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("type: mastersthesis", "type: thesis"), encoding="utf-8")
    capsys.readouterr()
    assert run_import(site, "bibtex", bib) == 0
    out = capsys.readouterr().out
    assert [data["type"] for _, data, _ in read_papers(site)] == ["thesis"]
    assert (
        "conflict  type: keeps 'thesis'; the import has 'mastersthesis' (the entry is a "
        "master's thesis"
    ) in out
    assert "write `type: mastersthesis` to take the import's, or keep yours" in out


# --- a translation listed by its translators ----------------------------------------------


def test_a_translation_s_translators_are_no_authors_to_scholar(tmp_path: Path) -> None:
    """biblatex's `usetranslator` lists a translation by its translators, whom it prints as
    translators ("trans."). They were imported as its authors: Google Scholar's
    citation_author tags, the page and the CV named them so."""
    site = new_site(tmp_path / "site", "Monika B. Vizedom")
    assert run_import(site, "bibtex", FIXTURES / "bib22" / "biblatex-examples-translation.bib") == 0
    record = records_by_title(site)["The Rites of Passage"]
    assert record["authors"] == ["Monika B. Vizedom (trans.)", "Gabrielle L. Caffee (trans.)"]
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "The Rites of Passage")
    assert "citation_author" not in page
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    assert [p["name"] for p in data["translator"]] == ["Monika B. Vizedom", "Gabrielle L. Caffee"]
    assert "author" not in data
    # still on her profile, as a translation of hers
    assert "The Rites of Passage" in (site / "output" / "index.html").read_text(encoding="utf-8")


# --- al-folio's talks an earlier import made papers ----------------------------------------

TALKS = r"""@article{archives2021,
  author = {Dupont, Marie},
  title = {Les archives de Gen\`eve au XVIIIe si\`ecle},
  journal = {Revue historique},
  year = {2021},
}
@misc{geneva2023,
  author = {Dupont, Marie},
  title = {Archives and Empire},
  howpublished = {Invited talk, Universit\'e de Gen\`eve},
  year = {2023},
}
"""


def test_al_folio_s_talk_an_earlier_import_made_a_paper_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The record stays (an import never deletes one), and she is told which to delete, as
    `import bibtex` of the same papers.bib tells her; `import alfolio` said nothing, and
    the talk stayed a paper of her site."""
    site = new_site(tmp_path / "site", "Marie Dupont")
    write_files(
        site / "content" / "papers",
        {
            "archives-and-empire.md": (
                "---\ntitle: Archives and Empire\nauthors: [Marie Dupont]\ndate: 2023\n"
                "venue: Invited talk, Université de Genève\n---\n"
            )
        },
    )
    old = write_files(tmp_path / "old", {"_bibliography/papers.bib": TALKS})
    assert run_import(site, "alfolio", old) == 0
    assert (
        "note: content/papers/archives-and-empire.md: a record of the talk entry "
        "'geneva2023' ('Archives and Empire'), which an earlier import made, is still a "
        "paper of the site: delete it to take it off, and list the talk on "
        "content/pages/talks.md"
    ) in capsys.readouterr().out
