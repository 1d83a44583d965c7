"""Imports of files as researchers' sites and their tools wrote them (realfiles4).

Each fixture under tests/fixtures/ingest/realfiles4/ is a trimmed copy of a public file,
named in its first lines and in SOURCES.md there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import bib_site, new_site, records_by_title, run_import, write_files

FIXTURES = INGEST / "realfiles4"


def hugo_paper(tmp_path: Path, authors: list[str], **profiles: str) -> dict[str, object]:
    """The record a Hugo Blox site of one page (`authors` its list, ``profiles`` its
    authors' folders and names) gives a new site of Ann Lee's."""
    old = tmp_path / "old"
    listed = "".join(f"\n  - {name}" for name in authors)
    write_files(old, {
        "content/publication/p/index.md":
            f"---\ntitle: A paper\nauthors:{listed}\ndate: 2020-01-01\n---\n",
        **{f"content/authors/{slug}/_index.md": f"---\ntitle: {name}\n---\n"
           for slug, name in profiles.items()},
    })  # fmt: skip
    site = new_site(tmp_path / "site", "Ann Lee")
    assert run_import(site, "hugo", old) == 0
    return records_by_title(site)["A paper"]


def academicpages_study(tmp_path: Path, citation: str) -> dict[str, object]:
    """The record an academicpages page of `citation` gives a new site of Ann Lee's."""
    quoted = citation.replace("'", "''")
    write_files(tmp_path / "old", {
        "_publications/2020-01-01-study.md": "---\ntitle: A study\ncollection: publications\n"
        f"date: 2020-01-01\ncitation: '{quoted}'\n---\n"
    })  # fmt: skip
    site = new_site(tmp_path / "site", "Ann Lee")
    assert run_import(site, "academicpages", tmp_path / "old") == 0
    return records_by_title(site)["A study"]


def test_entries_inside_a_comment_block_are_not_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 2jungeuni/2jungeuni.github.io wraps al-folio's sample entries in `@comment{…}`, as
    # jekyll-scholar (and biber) read a comment: its whole braces. bibtexparser ended the
    # comment at the `@book{` on the next line, so Einstein's papers were imported as the
    # owner's, and the note said the comment's `{` was "never closed".
    site = new_site(tmp_path, "Jungeun Lee")
    assert run_import(site, "bibtex", FIXTURES / "alfolio-commented-samples.bib") == 0
    assert sorted(records_by_title(site)) == [
        "Performance Analysis of Beamforming for Radar and Communications Coexisting Systems",
        "Safe Trajectory Planning with Bernstein Polynomials Under Control Barrier Function "
        "Constraints",
    ]
    said = capsys.readouterr()
    assert "never closed" not in said.out + said.err


def test_a_hugo_page_that_names_its_co_authors_after_with(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ast-code/arthurstenzel_homepage lists each paper's co-authors only, after "with"
    # (`- with Kristian D Allee, Raffael Speitmann, and Yuchen Wu (2024)`): the record's
    # authors were "with Kristian D Allee", "Raffael Speitmann" and "Yuchen Wu (2024)",
    # and the site's owner was on none of them.
    site = new_site(tmp_path, "Arthur Stenzel")
    assert run_import(site, "hugo", FIXTURES / "hugo-with-coauthors") == 0
    records = records_by_title(site)
    market = next(r for t, r in records.items() if t.startswith("Market-based oil spill"))
    assert market["authors"] == [
        "Arthur Stenzel",
        "Kristian D Allee",
        "Raffael Speitmann",
        "Yuchen Wu",
    ]
    comment = next(r for t, r in records.items() if t.startswith("Kommentierung"))
    assert comment["authors"] == ["Arthur Stenzel", "Dirk Hachmeister"]
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "Market-basedoilspill(overs)/index.md:7: publication 'Market-basedoilspill(overs)': "
        '`authors` names the co-authors after "with"'
    ) in out
    assert "Arthur Stenzel is put first" in out


def test_with_in_a_name_is_no_co_authors_mark(tmp_path: Path) -> None:
    # A name that begins with the letters "with" (Withers) is a name.
    record = hugo_paper(tmp_path, ["Jane Withers", "Ann Lee"], ann="Ann Lee")
    assert record["authors"] == ["Jane Withers", "Ann Lee"]


def test_an_apa_citation_gives_a_proceedings_papers_pages_and_a_thesis_university(
    tmp_path: Path,
) -> None:
    # Arnaud-GS/arnaud-gs.github.io cites its papers as Google Scholar's APA does: a
    # paper in proceedings `In Proceedings of … (pp. 47-58).` (its pages were lost, even
    # where the page's `venue` is written otherwise than the citation's), a thesis
    # `(Doctoral dissertation, Université Paris-Saclay).` (the record had no venue nor
    # type, and showed as a paper of nowhere).
    site = new_site(tmp_path, "Arnaud Grivet Sébert")
    assert run_import(site, "academicpages", FIXTURES / "academicpages-apa") == 0
    records = records_by_title(site)
    shield = records[
        "A Probabilistic Design for Practical Homomorphic Majority Voting with Intrinsic "
        "Differential Privacy"
    ]
    assert shield["pages"] == "47–58"
    fuzzy = records["Fuzzy rule learning for material classification from imprecise data"]
    assert fuzzy["pages"] == "62–73"
    thesis = records[
        "Combining differential privacy and homomorphic encryption for privacy-preserving "
        "collaborative machine learning (PhD thesis)"
    ]
    assert (thesis["type"], thesis["venue"]) == ("thesis", "Université Paris-Saclay")


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        ("Lee, A. (2020). A study [Master's thesis, University of Oslo].", "mastersthesis"),
        ("Lee, A. (2020). A study (Unpublished doctoral dissertation).", "thesis"),
    ],
)
def test_apa_thesis_kinds(tmp_path: Path, citation: str, expected: str) -> None:
    # APA 7 writes the description in brackets; a thesis may name no university
    record = academicpages_study(tmp_path, citation)
    assert record["type"] == expected
    assert record.get("venue") == ("University of Oslo" if "Oslo" in citation else None)


def test_two_page_groups_in_a_citation_give_no_pages(tmp_path: Path) -> None:
    # which of them is the paper's is not known: none is taken
    record = academicpages_study(tmp_path, "Lee, A. (2020). A study (pp. 3-4). In Book (pp. 1-9).")
    assert "pages" not in record


def test_a_conference_named_in_portuguese_as_a_journal_is_a_conference(tmp_path: Path) -> None:
    # giancds/giancds.github.io writes each paper as an @article, a conference's as its
    # journal: `journal = {XVIII Conferência Internacional sobre Informática na Educação
    # (TISE2013)}` was a journal article, where `VI Workshop de …` was a conference.
    site = new_site(tmp_path, "Giancarlo D. Salton")
    assert run_import(site, "bibtex", FIXTURES / "portuguese-conferencia.bib") == 0
    records = records_by_title(site)
    paper = records[
        "Regras sintáticas livres de contexto na correção automática de Unidades de Leitura"
    ]
    assert (paper["type"], paper["pages"]) == ("conference", "217–222")


@pytest.mark.parametrize(
    ("journal", "expected"),
    [
        ("Actas del XV Congreso Español de Informática", "conference"),
        ("Actes de la Conférence TALN 2019", "conference"),
        ("Труды конференции «Диалог»", "conference"),
        ("Tagungsband der 12. Jahrestagung der DGfS", "conference"),
        ("Revista Brasileira de Informática na Educação", "article"),
        ("Colloquium Mathematicum", "article"),
    ],
)
def test_meetings_in_other_languages(tmp_path: Path, journal: str, expected: str) -> None:
    entry = f"@article{{a,\n  title = {{A Study}},\n  author = {{Lee, Ann}},\n  journal = {{{journal}}},\n  year = {{2019}}\n}}\n"
    site, _ = bib_site(tmp_path, "Ann Lee", entry)
    assert records_by_title(site)["A Study"]["type"] == expected


def test_a_profile_named_twice_in_a_hugo_page_is_one_author(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # santiagomosca/GMG-gh-pg's page names the profile `msanchez` twice (its cite.bib
    # has four authors): the record showed "Martín Sánchez, Martín Sánchez".
    site = new_site(tmp_path, "Luis Pugnaloni")
    assert run_import(site, "hugo", FIXTURES / "hugo-profile-twice") == 0
    (record,) = records_by_title(site).values()
    assert record["authors"] == [
        "Mauro Baldini",
        "Manuel Carlevaro",
        "Luis Pugnaloni",
        "Martín Sánchez",
    ]
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "baldini-2018/index.md:5: publication 'baldini-2018': `authors` names the profile "
        "'msanchez' (Martín Sánchez) twice; imported once"
    ) in out


def test_two_people_of_one_name_stay_two(tmp_path: Path) -> None:
    # names written out are not profiles: two Wei Wangs may write one paper
    record = hugo_paper(tmp_path, ["Wei Wang", "Ann Lee", "Wei Wang"], ann="Ann Lee")
    assert record["authors"] == ["Wei Wang", "Ann Lee", "Wei Wang"]


def test_a_bilingual_sites_link_in_english_is_named_so(tmp_path: Path) -> None:
    # bahleg/bahleg.github.io gives each paper's page in Russian (`html`) and English
    # (`html_en`): the English one's button read "html_en".
    site = new_site(tmp_path, "Oleg Bakhteev")
    assert run_import(site, "bibtex", FIXTURES / "bilingual-html-en.bib") == 0
    (record,) = records_by_title(site).values()
    assert record["links"] == {
        "paper": "http://www.mathnet.ru/php/archive.phtml?wshow=paper&jrnid=at&paperid=14742"
        "&option_lang=rus",
        "paper (English)": "https://link.springer.com/article/10.1134/S000511791808009X",
    }


def test_a_field_that_ends_in_letters_of_no_language_keeps_its_name(tmp_path: Path) -> None:
    # `demo_hf` is a site's own button (no language is `hf`)
    entry = (
        "@article{a,\n  title = {A Study},\n  author = {Lee, Ann},\n  journal = {J},\n"
        "  year = {2019},\n  demo_hf = {https://huggingface.co/x}\n}\n"
    )
    site, _ = bib_site(tmp_path, "Ann Lee", entry)
    assert records_by_title(site)["A Study"]["links"] == {"demo_hf": "https://huggingface.co/x"}


def test_with_and_no_owner_to_put_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a lab's site, two profiles and no `admin`: whose paper it is is not known
    record = hugo_paper(tmp_path, ["with Dirk Hachmeister"], ann="Ann Lee", bo="Bo Chen")
    assert record["authors"] == ["Dirk Hachmeister"]
    out = " ".join(capsys.readouterr().out.split())
    assert "p/index.md:3: publication 'p': `authors` names the co-authors after \"with\"" in out
    assert "add your name to the record's authors, in the paper's order" in out


def test_a_bilingual_academicpages_page_is_imported_in_its_first_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # pedroiff0/webpage writes each page in English and Portuguese: `title: {en: …, pt:
    # …}`, the citation so too, the body a `<div class="lang-en">` and a `lang-pt`. The
    # record's title was "{'en': 'Stellar …', 'pt': …}" and its one author "{'en':".
    site = new_site(tmp_path, "Pedro H. R. de Andrade")
    assert run_import(site, "academicpages", FIXTURES / "academicpages-bilingual") == 0
    (record,) = records_by_title(site).values()
    assert record["title"] == (
        "Stellar properties and chemical features of the Gaia Catalogue of Nearby Stars "
        "observed by GALAH DR4"
    )
    # MNRAS's names, the surname first (`de Andrade P. H. R., Soja A. C., …, 2024, …`)
    assert record["authors"] == ["P. H. R. de Andrade", "A. C. Soja", "M. L. L. Dantas"]
    assert record["abstract"].startswith("The Gaia Catalogue of Nearby Stars (GCNS)")
    assert "Resumo" not in record["abstract"] and "<div" not in record["abstract"]
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "deAndrade2025.md:4: publication 'deAndrade2025': `title` and `citation` give a text "
        "in each language (en, pt): the first, en, is imported"
    ) in out
