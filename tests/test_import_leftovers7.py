"""Importers' seventh round of left-overs: Hugo Blox author pages written as leaf bundles
or in a folder per language, `journal-full`, an oral or spotlight written as a field of
its own, a name in half-width katakana or Kangxi radicals, a month range, and a DOI's
address among a `url`'s two."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.ingest_support import bib_site, new_site, records_by_title, run_import, write_files

# --- Hugo Blox author pages: `authors/<slug>/index.md`, `authors/<language>/<slug>/` ----

# As vision-agh.github.io writes its people (a leaf bundle `index.md`, `name.display`, no
# `title`), and a multilingual lab its members, one folder per language.
HUGO_AUTHORS = {
    "content/authors/admin/index.md": (
        "---\nname:\n  display: Mateusz Nowak\n  given: Mateusz\n  family: Nowak\n"
        "role: Assistant Professor\nis_owner: true\nuser_groups: [Researchers]\n---\n\n"
        "Mateusz works on embedded vision systems.\n"
    ),
    "content/authors/_index.md": "---\ntitle: People\n---\n",
    "content/authors/en/_index.md": "---\ntitle: People\n---\n",
    "content/authors/en/ola-kowalska/_index.md": (
        "---\ntitle: Ola Kowalska\nrole: PhD Student\nuser_groups: [Researchers]\n---\n"
    ),
    "content/authors/de/ola-kowalska/_index.md": (
        "---\ntitle: Ola Kowalska\nrole: Doktorandin\nuser_groups: [Researchers]\n---\n"
    ),
    "content/publication/embedded-slam/index.md": (
        "---\ntitle: Embedded SLAM on a Drone\nauthors: [admin, ola-kowalska]\n"
        "date: 2023-05-01\npublication_types: ['2']\npublication: '*Sensors*'\n---\n"
    ),
}


def _author(site: Path, slug: str) -> dict[str, object]:
    data = yaml.safe_load((site / "content" / "authors" / f"{slug}.yaml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_hugo_author_pages_as_leaf_bundles_and_per_language_folders(tmp_path: Path) -> None:
    """The owner's page `authors/admin/index.md` and a member's in `authors/en/<slug>/`
    were not read: the paper's author was `admin`, the profile empty, the member missed."""
    old = write_files(tmp_path / "old", HUGO_AUTHORS)
    site = new_site(tmp_path / "site", "Mateusz Nowak")
    assert run_import(site, "hugo", old) == 0
    paper = records_by_title(site)["Embedded SLAM on a Drone"]
    assert paper["authors"] == ["Mateusz Nowak", "Ola Kowalska"]
    slugs = sorted(p.stem for p in (site / "content" / "authors").glob("*.yaml"))
    assert len(slugs) == 2 and "ola-kowalska" in slugs
    owner = _author(site, next(s for s in slugs if s != "ola-kowalska"))
    assert owner["position"] == "Assistant Professor"
    assert "embedded vision systems" in str(owner["bio"])
    # the English folder's page, not the German one's (`de` comes first)
    assert _author(site, "ola-kowalska")["position"] == "PhD Student"


# --- BibDesk's `journal-full` --------------------------------------------------------------

# BibDesk's entries from PubMed (as real sites keep them): MEDLINE's abbreviation as the
# `journal`, the NLM's full title (in sentence case) as `journal-full`; and one with the
# full title alone.
JOURNAL_FULL = r"""
@article{Mun:2016aa,
    Author = {Mun, Terry and Bachmann, Asger},
    Journal = {Sci Rep},
    Journal-Full = {Scientific reports},
    Title = {Lotus Base},
    Volume = {6},
    Year = {2016}}
@article{Rothwell:2018aa,
    Author = {Mun, Terry},
    Journal = {Lancet},
    Journal-Full = {Lancet (London, England)},
    Title = {Effects of Aspirin},
    Year = {2018}}
@article{chakrabarti2022,
    author = {Mun, Terry},
    journal = {Nat. Commun.},
    journal-full = {Nature communications},
    title = {A Litmus Test},
    year = {2022}}
@article{alone2020,
    author = {Mun, Terry},
    journal-full = {The Journal of biological chemistry},
    title = {Only the Full Title},
    volume = {295},
    year = {2020}}
"""


def test_journal_full_names_the_journal_where_the_journal_is_abbreviated_or_missing(
    tmp_path: Path,
) -> None:
    """The card showed MEDLINE's `Sci Rep`, and a paper with `journal-full` alone had no
    venue; a journal that is its own name keeps it (`Lancet`, not PubMed's `Lancet
    (London, England)`)."""
    site, _ = bib_site(tmp_path, "Terry Mun", JOURNAL_FULL)
    venues = {title: data.get("venue") for title, data in records_by_title(site).items()}
    assert venues == {
        "Lotus Base": "Scientific Reports",
        "Effects of Aspirin": "Lancet",
        "A Litmus Test": "Nature Communications",
        "Only the Full Title": "The Journal of Biological Chemistry",
    }
    assert records_by_title(site)["Only the Full Title"]["volume"] == 295


# --- a month range --------------------------------------------------------------------------

MONTHS = r"""
@article{range, author = {Lee, Ann}, title = {Range}, journal = {J}, year = {2013}, month = {Sep-Oct}}
@article{macros, author = {Lee, Ann}, title = {Macros}, journal = {J}, year = 2013, month = jul # "/" # aug}
@article{numbers, author = {Lee, Ann}, title = {Numbers}, journal = {J}, year = {2013}, month = {9--10}}
@article{one, author = {Lee, Ann}, title = {One}, journal = {J}, year = {2013}, month = {Sep.}}
@article{days, author = {Lee, Ann}, title = {Days}, journal = {J}, year = {2013}, month = jul # "~18--24"}
"""


def test_a_month_range_takes_its_first_month_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`month = {Sep-Oct}` (a bimonthly issue) was September without a word, where the
    same range written in the year (`2013 Sep-Oct`) is said; `9--10` lost its month."""
    site, bib = bib_site(tmp_path, "Ann Lee", MONTHS)
    out = capsys.readouterr().out.partition("note:")[2]
    dates = {title: str(data["date"]) for title, data in records_by_title(site).items()}
    assert dates == {
        "Range": "2013-09",
        "Macros": "2013-07",
        "Numbers": "2013-09",
        "One": "2013-09",
        "Days": "2013-07",
    }
    assert (
        f"{bib}:2: entry 'range': month = {{Sep-Oct}} names more than one month; imported "
        "as 2013-09 (its first month; `Oct` left out, as a record's date is one year, month "
        "or day)"
    ) in " ".join(out.split())
    assert "entry 'macros': month = {July/August} names more than one month" in out
    assert "`10` left out" in out
    assert "entry 'one'" not in out and "entry 'days'" not in out


# --- names in half-width katakana and Kangxi radicals ---------------------------------------

# One paper (its DOI) twice: as the lab's record lists it, and as an old export from a
# Japanese database writes its names, in half-width katakana (`ﾀﾞ`, two code points) and
# with `⼩` (U+2F29, KANGXI RADICAL SMALL) for `小`, which look the same in a list.
WRITTEN = r"""@article{a, author = {ヤマダ, タロウ and 小林, 美穂}, title = {くずし字の検出},
  journal = {情報処理学会論文誌}, year = {2023}, doi = {10.2197/ipsjjip.31.100}}
"""
EXPORTED = r"""@article{b, author = {ﾔﾏﾀﾞ ﾀﾛｳ and ⼩林 美穂}, title = {くずし字の検出},
  journal = {情報処理学会論文誌}, year = {2023}, doi = {10.2197/ipsjjip.31.100}}
"""


def test_a_name_in_half_width_katakana_or_kangxi_radicals_is_the_same_person(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The second file's names are the first's under other code points: each import said
    `conflict  authors`, two people where there was one; the record keeps its own."""
    site = new_site(tmp_path / "site", "小林 美穂")
    first, second = tmp_path / "written.bib", tmp_path / "exported.bib"
    first.write_text(WRITTEN, encoding="utf-8")
    second.write_text(EXPORTED, encoding="utf-8")
    assert run_import(site, "bibtex", first) == 0
    capsys.readouterr()
    assert run_import(site, "bibtex", second) == 0
    told = capsys.readouterr()
    assert "conflict  authors" not in told.out + told.err
    (record,) = records_by_title(site).values()
    assert record["authors"] == ["ヤマダタロウ", "小林美穂"]  # as the site wrote them


def test_a_name_in_half_width_katakana_after_a_comma_is_written_surname_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """BibTeX's `ﾔﾏﾀﾞ, ﾀﾛｳ` (surname, given name) was read as a name in Latin letters and
    written given name first, "ﾀﾛｳ ﾔﾏﾀﾞ": no one's name, and a conflict with `ヤマダタロウ`
    at the next import. It is written as `山田, 太郎` is, its letters as the file has them."""
    site = new_site(tmp_path / "site", "小林 美穂")
    first, second = tmp_path / "exported.bib", tmp_path / "written.bib"
    first.write_text(EXPORTED.replace("ﾔﾏﾀﾞ ﾀﾛｳ", "ﾔﾏﾀﾞ, ﾀﾛｳ"), encoding="utf-8")
    second.write_text(WRITTEN, encoding="utf-8")
    assert run_import(site, "bibtex", first) == 0
    (record,) = records_by_title(site).values()
    assert record["authors"] == ["ﾔﾏﾀﾞﾀﾛｳ", "⼩林 美穂"]
    capsys.readouterr()
    assert run_import(site, "bibtex", second) == 0
    assert "conflict  authors" not in capsys.readouterr().out


# --- a DOI's address among a `url`'s two ---------------------------------------------------

# As GermanHCI/website-ng writes its ACM exports' `url`, with no `doi` field: the DOI's
# address and the paper's own page, in either order, between a comma or a semicolon.
TWO_URLS = r"""
@inproceedings{first, author = {Buschek, Daniel}, title = {Writer-Defined AI Personas},
  booktitle = {CHI '24}, year = {2024},
  url = {https://doi.org/10.1145/3613904.3642406, https://docs.google.com/document/d/13OMgb/edit}}
@inproceedings{second, author = {Buschek, Daniel}, title = {Second Paper},
  booktitle = {CHI '23}, year = {2023},
  url = {https://example.org/second.html;https://dx.doi.org/10.1145/3544548.3581234}}
"""


def test_a_dois_address_among_a_urls_two_is_the_records_doi(tmp_path: Path) -> None:
    """The other address was linked, and the paper had no DOI: no DOI badge, and its
    entry from the ACM's library, imported later, a second record."""
    site, _ = bib_site(tmp_path, "Daniel Buschek", TWO_URLS)
    records = records_by_title(site)
    first, second = records["Writer-Defined AI Personas"], records["Second Paper"]
    assert first["doi"] == "10.1145/3613904.3642406"
    assert first["links"] == {"paper": "https://docs.google.com/document/d/13OMgb/edit"}
    assert second["doi"] == "10.1145/3544548.3581234"
    assert second["links"] == {"paper": "https://example.org/second.html"}


# --- an oral or a spotlight, written as a field of its own ----------------------------------

# As a site's publications guide asks (`presentation = {oral}`, `{spotlight}`, for its
# own highlight), beside al-folio's `award` and a note that already says it.
PRESENTED = r"""
@inproceedings{oral, author = {Smith, Jane}, title = {Oral Paper}, booktitle = {NeurIPS},
  year = {2024}, presentation = {oral}, acceptance_rate = {0.8}}
@inproceedings{spot, author = {Smith, Jane}, title = {Spotlight Paper}, booktitle = {ICML},
  year = {2023}, presentation = {spotlight}, award = {Best Paper}}
@inproceedings{both, author = {Smith, Jane}, title = {Noted Paper}, booktitle = {ICLR},
  year = {2022}, note = {Best Paper Award}, award = {Best Paper}}
@inproceedings{slides, author = {Smith, Jane}, title = {Slides Paper}, booktitle = {ACL},
  year = {2021}, presentation = {slides/acl21.pdf}}
"""


def test_an_oral_or_spotlight_written_as_presentation_is_the_papers_note(
    tmp_path: Path,
) -> None:
    """`presentation = {oral}` was lost: the card said nothing of the oral, where
    al-folio's `award = {Oral}` is its note; an award the note says already is said once."""
    site, _ = bib_site(tmp_path, "Jane Smith", PRESENTED)
    notes = {title: data.get("note") for title, data in records_by_title(site).items()}
    assert notes == {
        "Oral Paper": "Oral",
        "Spotlight Paper": "Best Paper; Spotlight",
        "Noted Paper": "Best Paper Award",
        "Slides Paper": None,
    }
