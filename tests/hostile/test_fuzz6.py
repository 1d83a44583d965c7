"""Hostile and odd input against the last round's import rules (fuzz6): correction and
retraction notices told by their titles, a preprint's server, the link names of a site's
own, through the real `authorsite import` and `authorsite build`.

No time is asserted (tests never do): an input meant to catch a pattern gone quadratic is
sized so that it would run for many minutes, which the suite's run does not survive.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.harness import run_build, write_site
from tests.ingest_support import new_site, read_papers, run_import, write_files

OWNER = "Maria J. Okonkwo-Smith"


def _bib(*titles: str) -> str:
    """A .bib of the owner's articles of 2021, one a title."""
    return "".join(
        f"@article{{e{i}, title = {{{title}}}, author = {{Okonkwo-Smith, Maria J.}}, "
        "journal = {BMJ}, year = {2021}}\n"
        for i, title in enumerate(titles)
    )


def _imported(tmp_path: Path, bib: str) -> dict[str, dict[str, object]]:
    """The records a new site of the owner's gets from ``bib``, by title."""
    site = write_files(new_site(tmp_path / "site", OWNER), {"p.bib": bib})
    assert run_import(site, "bibtex", site / "p.bib") == 0
    return {str(data["title"]): data for _, data, _ in read_papers(site)}


def test_a_paper_whose_title_starts_with_corrections_possessive_is_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An apostrophe after "Correction" read as the quote before a corrected paper's title
    # (`Correction 'Title'`): the paper was left out as a correction notice.
    papers = ["Correction's role in second-language learning", "Retraction's toll on trust"]
    found = _imported(tmp_path, _bib(*papers, "Correction: Vaccine uptake in Lagos"))
    assert sorted(found) == sorted(papers)
    assert (
        "'Correction: Vaccine uptake in Lagos') is a correction notice" in capsys.readouterr().out
    )


def test_notices_in_emphasis_or_other_languages_are_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # They were papers, counted in the metrics, as the English ones were before.
    notices = [
        r"\textit{Erratum}: Vaccine uptake in Lagos",
        "Korrektur zu: Salzkonsum in Lagos",
        "Fe de erratas",
        "Errata corrige: Sale e pressione in Lagos",
        "更正：拉各斯的疫苗接种",
        "Rétractation : Zinc et sepsis",
    ]
    kept = ["Berichtigungen in der Quantenoptik", "Correcciones ópticas de segundo orden"]
    assert sorted(_imported(tmp_path, _bib(*notices, *kept))) == sorted(kept)
    out = capsys.readouterr().out
    assert "('*Erratum*: Vaccine uptake in Lagos') is a correction notice" in out
    assert "('Rétractation : Zinc et sepsis') is a retraction notice" in out


def test_springers_retracted_article_mark_makes_a_draft_as_elseviers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "RETRACTED ARTICLE: …" (Springer's and Nature's) was listed as any paper, the mark in
    # its title; a mark twice, or in bold, left a mark in the title.
    bib = _bib(
        "RETRACTED ARTICLE: Fertility after stroke",
        "Retracted: RETRACTED: Salt intake in Lagos",
        r"\textbf{RETRACTED:} Zinc and sepsis",
        "Retracted articles in medicine: a review",
    )
    s2 = {"paperId": "e" * 40, "title": "<b>RETRACTED:</b> Iron and sepsis", "year": 2016,
          "venue": "Lancet", "authors": [{"name": OWNER}], "citationCount": 3}  # fmt: skip
    site = write_files(
        new_site(tmp_path / "site", OWNER), {"p.bib": bib, "s2.json": json.dumps({"data": [s2]})}
    )
    assert run_import(site, "bibtex", site / "p.bib") == 0
    assert run_import(site, "semanticscholar", site / "s2.json") == 0
    found = {str(data["title"]): data for _, data, _ in read_papers(site)}
    drafts = [
        "Fertility after stroke",
        "Salt intake in Lagos",
        "Zinc and sepsis",
        "Iron and sepsis",
    ]
    assert sorted(found) == sorted([*drafts, "Retracted articles in medicine: a review"])
    assert sorted(t for t, data in found.items() if data.get("draft") is True) == sorted(drafts)
    assert "('Fertility after stroke') is retracted" in capsys.readouterr().out


def test_a_hugo_link_named_by_a_long_run_of_digits_imports_quickly(tmp_path: Path) -> None:
    # Whether a link's name is ours with a number after it (`pdf2`) was read by a pattern
    # ending in `[0-9]*$`, tried from each digit of the run to its end: 30,000 digits took
    # 7 s of CPU, this many about ten minutes.
    name = "1" * 300_000 + "x"
    hugo = write_files(
        tmp_path / "hugo",
        {
            "content/publication/p1/index.md": (
                '---\ntitle: "On Engines"\nauthors:\n- Kaile Wang\ndate: "2020-01-01"\n'
                f'publication: "J"\nlinks:\n- name: "{name}"\n  url: https://example.org/x\n'
                "---\nBody.\n"
            )
        },
    )
    site = new_site(tmp_path / "site")
    assert run_import(site, "hugo", hugo) == 0
    [(_, record, _)] = read_papers(site)
    assert record["links"] == {name: "https://example.org/x"}


def test_an_ssrn_electronic_journal_entry_is_the_preprint_of_its_journal_version(
    tmp_path: Path,
) -> None:
    # Crossref names SSRN "SSRN Electronic Journal", as Zotero's export of any SSRN paper
    # gives it: the entry was a journal article, a second record of the paper.
    site = write_files(
        new_site(tmp_path / "site", OWNER),
        {
            "p.bib": """@article{ssrn2020, title = {Mortality and pensions in Europe},
  journal = {SSRN Electronic Journal}, doi = {10.2139/ssrn.3456789},
  author = {Okonkwo-Smith, Maria J.}, year = {2020}}
@article{jf2021, title = {Mortality and pensions in Europe}, journal = {Journal of Finance},
  volume = {76}, doi = {10.1111/jofi.13000}, author = {Okonkwo-Smith, Maria J.}, year = {2021}}
"""
        },
    )
    assert run_import(site, "bibtex", site / "p.bib") == 0
    [(_, record, _)] = read_papers(site)
    assert (record["venue"], record["doi"], str(record["date"])) == (
        "Journal of Finance",
        "10.1111/jofi.13000",
        "2021",
    )
    assert record["links"] == {"preprint": "https://doi.org/10.2139/ssrn.3456789"}


def test_a_name_that_only_looks_like_ours_is_told_by_its_characters(tmp_path: Path) -> None:
    # "unknown link `сode` in `links`; did you mean `code`?": the two names looked the same
    # (a Cyrillic с, a zero-width space after it); a full-width `ｃｏｄｅ` was a link of its
    # own, far from `code` letter by letter, its button not the Code badge.
    site = write_site(
        tmp_path,
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\n",
            "content/papers/one.md": (
                "---\ntitle: On Engines\nauthors: [Ada]\ndate: 2024\ntіtle: x\nlinks:\n"
                '  сode: https://example.org/a\n  "code\\u200b": https://example.org/b\n'
                "  ｃｏｄｅ: https://example.org/c\n  core: https://example.org/d\n---\n"
            ),
        },
    )
    built = run_build(site)
    assert built.status == 1
    assert not built.out.exists()
    told = {problem["line"]: problem["message"] for problem in built.problems()}
    assert told == {
        "5": "unknown field `tіtle`; did you mean `title`? (`tіtle` holds U+0456 (cyrillic "
        "small letter byelorussian-ukrainian i), which `title` does not: type the name again)",
        "7": "unknown link `сode` in `links`; did you mean `code`? (`сode` holds U+0441 "
        "(cyrillic small letter es), which `code` does not: type the name again)",
        "8": "unknown link `code\u200b` in `links`; did you mean `code`? (`code\u200b` holds "
        "U+200B (zero width space), which `code` does not: type the name again)",
        "9": "unknown link `ｃｏｄｅ` in `links`; did you mean `code`? (`ｃｏｄｅ` holds U+FF43 "
        "(fullwidth latin small letter c), U+FF4F (fullwidth latin small letter o), U+FF44 "
        "(fullwidth latin small letter d), which `code` does not: type the name again)",
        "10": "unknown link `core` in `links`; did you mean `code`?",
    }


PREPRINT = """@article{pre2020,
  title = {Excess all-cause mortality in 21 {European} regions: a time series analysis},
  doi = {10.1101/2020.06.11.20128389},
  url = {https://www.medrxiv.org/content/10.1101/2020.06.11.20128389v1},
  journal = {medRxiv}, author = {Okonkwo-Smith, Maria J. and Abbas, Li}, year = {2020},
}
"""
JOURNAL = """@article{bmj2021,
  title = {Excess all-cause mortality in 21 {European} regions: time series analysis},
  volume = {373}, doi = {10.1136/bmj.n1234}, journal = {BMJ}, pages = {n1234},
  author = {Okonkwo-Smith, Maria J. and Abbas, Li}, year = {2021},
}
"""


@pytest.mark.parametrize("own_page", [None, "https://example.org/our-summary"])
def test_a_preprints_record_that_becomes_its_journal_version_links_the_preprint(
    tmp_path: Path, own_page: str | None
) -> None:
    # The preprint imported first, then its journal version (its .bib entry replaced):
    # the record's DOI became the BMJ's, the preprint's was kept nowhere, and its medRxiv
    # page stayed the journal paper's `paper` link. Merged in one import, the record links
    # the preprint as `preprint` and has no medRxiv `paper`; so does this one now. A
    # `paper` link of the owner's own stays.
    site = write_files(new_site(tmp_path / "site", OWNER), {"pre.bib": PREPRINT, "j.bib": JOURNAL})
    assert run_import(site, "bibtex", site / "pre.bib") == 0
    [(path, record, _)] = read_papers(site)
    if own_page:
        text = path.read_text("utf-8")
        page = f"  paper: {record['links']['paper']}\n"
        path.write_text(text.replace(page, f"  paper: {own_page}\n"), "utf-8")
    assert run_import(site, "bibtex", site / "j.bib") == 0
    [(_, record, _)] = read_papers(site)
    assert (record["venue"], record["doi"]) == ("BMJ", "10.1136/bmj.n1234")
    preprint = {"preprint": "https://doi.org/10.1101/2020.06.11.20128389"}
    assert record["links"] == ({"paper": own_page, **preprint} if own_page else preprint)


def test_a_reworded_preprint_imported_again_is_no_title_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Its venue, type and DOI are the preprint's alone, skipped; its title ("…: a time
    # series analysis", in print "…: time series analysis") was a conflict at each import.
    site = write_files(
        new_site(tmp_path / "site", OWNER), {"both.bib": PREPRINT + JOURNAL, "pre.bib": PREPRINT}
    )
    assert run_import(site, "bibtex", site / "both.bib") == 0
    before = read_papers(site)
    capsys.readouterr()
    assert run_import(site, "bibtex", site / "pre.bib") == 0
    assert "0 with conflicts" in capsys.readouterr().out
    assert read_papers(site) == before


def test_an_ssrn_eprint_is_the_journal_papers_preprint(tmp_path: Path) -> None:
    # biblatex's `eprint = {3456789}, eprinttype = {ssrn}` (or `archiveprefix = {SSRN}`)
    # was left out without a word: the entry linked nothing. Its SSRN version imported
    # with it is the same link, not a second one.
    site = write_files(
        new_site(tmp_path / "site", OWNER),
        {
            "p.bib": """@article{jf2021, title = {Mortality and pensions in Europe},
  journal = {Journal of Finance}, volume = {76}, eprint = {3456789}, eprinttype = {ssrn},
  author = {Okonkwo-Smith, Maria J.}, year = {2021}}
@article{jf2022, title = {Pensions and wages}, journal = {Journal of Finance}, volume = {77},
  eprint = {ssrn.4567890}, archiveprefix = {SSRN}, author = {Okonkwo-Smith, Maria J.},
  year = {2022}}
@article{ssrn2020, title = {Mortality and pensions in Europe},
  journal = {SSRN Electronic Journal}, doi = {10.2139/ssrn.3456789},
  author = {Okonkwo-Smith, Maria J.}, year = {2020}}
"""
        },
    )
    assert run_import(site, "bibtex", site / "p.bib") == 0
    links = {data["title"]: data.get("links") for _, data, _ in read_papers(site)}
    assert links == {
        "Mortality and pensions in Europe": {"preprint": "https://doi.org/10.2139/ssrn.3456789"},
        "Pensions and wages": {"preprint": "https://doi.org/10.2139/ssrn.4567890"},
    }


def test_an_openalex_ssrn_article_is_the_preprint_of_its_journal_version(tmp_path: Path) -> None:
    # Crossref registers SSRN's papers as journal articles of the "SSRN Electronic
    # Journal", and OpenAlex types them `article`: a second record of the paper.
    def work(wid: str, date: str, doi: str, venue: str, kind: str) -> dict[str, object]:
        return {
            "id": f"https://openalex.org/{wid}", "doi": f"https://doi.org/{doi}",
            "title": "Mortality and pensions in Europe", "publication_date": date,
            "type": "article", "cited_by_count": 3,
            "primary_location": {"source": {"display_name": venue, "type": kind}},
            "authorships": [{"author": {"display_name": OWNER}}],
        }  # fmt: skip

    works = [
        work("W1", "2020-03-01", "10.2139/ssrn.3456789", "SSRN Electronic Journal", "repository"),
        work("W2", "2021-02-01", "10.1111/jofi.13000", "Journal of Finance", "journal"),
    ]
    site = write_files(
        new_site(tmp_path / "site", OWNER), {"works.json": json.dumps({"results": works})}
    )
    assert run_import(site, "openalex", site / "works.json") == 0
    [(_, record, _)] = read_papers(site)
    assert (record["venue"], record["doi"], str(record["date"])) == (
        "Journal of Finance",
        "10.1111/jofi.13000",
        "2021-02-01",
    )
    assert record["links"]["preprint"] == "https://doi.org/10.2139/ssrn.3456789"


def test_an_editor_or_translator_field_with_a_japanese_mark_is_marked_once(
    tmp_path: Path,
) -> None:
    # `translator = {佐藤 健太 (訳)}` was `佐藤 健太 (訳) (trans.)`: the name without its
    # mark, `佐藤 健太 (訳)`, found no profile's papers.
    site = write_files(
        new_site(tmp_path / "site", "佐藤 健太"),
        {
            "p.bib": """@book{b1, title = {Engines}, author = {Lovelace, Ada},
  translator = {佐藤 健太 (訳)}, publisher = {Iwanami}, year = {2020}}
@book{b2, title = {Looms}, editor = {佐藤 健太（編） and 山田 花子}, publisher = {Iwanami},
  year = {2021}}
"""
        },
    )
    assert run_import(site, "bibtex", site / "p.bib") == 0
    authors = {data["title"]: data["authors"] for _, data, _ in read_papers(site)}
    assert authors == {
        "Engines": ["Ada Lovelace", "佐藤 健太 (trans.)"],
        "Looms": ["佐藤 健太 (ed.)", "山田 花子 (ed.)"],
    }
