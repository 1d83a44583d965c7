"""A historian's books: an ISBN, an edition, a translator. A book record could hold
none of them: Scholar and Zotero were told no ISBN, cite.bib had neither ISBN nor
edition, and a translation was on no profile of its translator's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import built_page as page_of
from tests.ingest_support import new_site, write_files
from tests.ingest_support import records_by_title as records
from tests.ingest_support import run_import as run

OWNER = "Marie-Thérèse de La Fayette"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", OWNER)


def _book(site: Path, front: str, name: str = "book") -> Path:
    return write_files(site, {f"content/papers/{name}.md": f"---\n{front}---\n"})


BOOK = (
    "title: Illusions perdues\nauthors:\n  - Honoré de Balzac\n"
    f"  - {OWNER} (trans.)\ndate: 2019\ntype: book\nvenue: Penguin\n"
)


def _tags(page: str, name: str) -> list[str]:
    return re.findall(rf'<meta name="citation_{name}" content="([^"]*)">', page)


def _json_ld(page: str) -> dict[str, object]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found is not None
    data = json.loads(found[1])
    assert isinstance(data, dict)
    return data


def _cite(site: Path, slug: str = "book") -> str:
    return (site / "output" / "papers" / slug / "cite.bib").read_text(encoding="utf-8")


# --- ISBN ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "said"),
    [
        # one digit mistyped: the check digit says which it should be
        ("978-0-19-953556-0", "has a wrong check digit: with these first 12 digits the last is 9"),
        ("0-8044-2957-5", "has a wrong check digit: with these first 9 digits the last is X"),
        ("978-0-19-95355-9", "has 12 digits; an ISBN has 13"),
        ("ISBN 978-0-19-953556-9", "begins with `ISBN`; write the number alone, `978-0-19-"),
        ("978-0-19-953556-9, 978-0-19-953557-6", "holds more than one ISBN; keep the one"),
        ("123-4-56-789012-8", "is no ISBN-13, which begins with 978 or 979"),
        ("see the publisher", "is not an ISBN (13 digits such as 978-0-19-953556-9"),
    ],
)
def test_a_wrong_isbn_is_an_error_at_its_line_that_says_what_to_write(
    site: Path, capsys: pytest.CaptureFixture[str], written: str, said: str
) -> None:
    _book(site, BOOK + f"isbn: {written}\n")
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"content/papers/book.md:9: isbn `{written}` {said}" in err


def test_a_long_edition_is_told_what_an_edition_is(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the volume's message read "a edition is a number or a short name such as `Suppl 2`"
    _book(site, BOOK + "edition: " + "Revised and much enlarged " * 4 + "\n")
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "content/papers/book.md:9: `edition` `Revised and much" in err
    assert "; an edition is a number or a short name such as `Revised` (at most" in err


def test_an_isbn_is_told_to_scholar_zotero_json_ld_and_cite_bib_as_written(site: Path) -> None:
    """Scholar's guidelines list `citation_isbn`; Zotero's Embedded Metadata reads it into
    the item's ISBN. The hyphens are kept as the book prints them."""
    _book(site, BOOK + "isbn: 978-0-19-953556-9\nedition: 2\n")
    _book(
        site,
        "title: Writing to Vienna\nauthors: [Åse Ødegård]\ndate: 2020\ntype: chapter\n"
        "venue: Empires of Letters\nisbn: 0-8044-2957-X\n",
        "chapter",
    )
    assert main(["build", "--site", str(site)]) == 0
    page = page_of(site, "Illusions perdues")
    assert _tags(page, "isbn") == ["978-0-19-953556-9"]
    data = _json_ld(page)
    assert data["@type"] == "Book"
    assert data["isbn"] == "978-0-19-953556-9" and data["bookEdition"] == "2"
    cite = _cite(site)
    assert "  isbn = {978-0-19-953556-9}" in cite and "  edition = {2}" in cite
    # a reader sees them among the page's facts, beside its DOI's
    assert "<div><dt>ISBN</dt><dd>978-0-19-953556-9</dd></div>" in page
    assert "<div><dt>Edition</dt><dd>2</dd></div>" in page
    # a chapter's ISBN is its book's: Zotero's book section holds one; schema.org's
    # Chapter has no `isbn`
    chapter = page_of(site, "Writing to Vienna")
    assert _tags(chapter, "isbn") == ["0-8044-2957-X"]
    assert "isbn" not in _json_ld(chapter)
    assert "  isbn = {0-8044-2957-X}" in _cite(site, "chapter")


# --- translator ------------------------------------------------------------------------


def test_a_translator_is_no_author_to_scholar_and_the_translation_is_hers(site: Path) -> None:
    """`Name (trans.)`, as an editor's `(ed.)`: her translation is on her profile, her
    name bold; Scholar's `citation_author` names Balzac alone ("only the actual
    authors"); JSON-LD's `translator` and cite.bib's `translator` name her."""
    _book(site, BOOK)
    assert main(["build", "--site", str(site)]) == 0
    page = page_of(site, "Illusions perdues")
    assert _tags(page, "author") == ["Honoré de Balzac"]
    data = _json_ld(page)
    assert [p["name"] for p in data["author"]] == ["Honoré de Balzac"]  # type: ignore[attr-defined]
    assert [p["name"] for p in data["translator"]] == [OWNER]  # type: ignore[attr-defined]
    assert "editor" not in data
    profile = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert f"Honoré de Balzac, <strong>{OWNER} (trans.)</strong>" in profile
    cite = _cite(site)
    assert "  author = {Honoré de Balzac},\n  translator = {" in cite
    assert "La Fayette" not in cite.split("translator")[0]


def test_a_translator_and_an_editor_marked_in_japanese_are_no_authors(tmp_path: Path) -> None:
    """`佐藤 健太 (訳)` and `山田 花子（編）` (full-width parentheses), as Japanese writes the
    marks: the CV listed them as authors with the mark, and Scholar named them authors."""
    site = new_site(tmp_path / "site", "佐藤 健太")
    _book(
        site,
        "title: 失われた幻想\nauthors:\n  - オノレ・ド・バルザック\n  - 佐藤 健太 (訳)\n"
        "  - 山田 花子（編）\ndate: 2019\ntype: book\nvenue: 岩波書店\n",
    )
    assert main(["build", "--site", str(site)]) == 0
    page = page_of(site, "失われた幻想")
    assert _tags(page, "author") == ["オノレ・ド・バルザック"]
    data = _json_ld(page)
    assert [p["name"] for p in data["translator"]] == ["佐藤 健太"]  # type: ignore[attr-defined]
    assert [p["name"] for p in data["editor"]] == ["山田 花子"]  # type: ignore[attr-defined]
    cite = _cite(site)
    assert "translator = {佐藤 健太}" in cite and "editor = {山田 花子}" in cite


# --- imports ---------------------------------------------------------------------------

BIB = r"""
@Book{Balzac2019,
  author     = {de Balzac, Honoré},
  translator = {de La Fayette, Marie-Thérèse},
  title      = {Illusions perdues},
  publisher  = {Penguin},
  date       = {2019},
  edition    = {2},
  isbn       = {978-0-19-953556-0, 978-0-19-953556-9 9780199535576},
}
@Book{Goethe2020,
  author      = {von Goethe, Johann Wolfgang},
  editora     = {de La Fayette, Marie-Thérèse},
  editoratype = {translator},
  title       = {Faust},
  publisher   = {Oxford University Press},
  date        = {2020},
  isbn        = {0-8044-2957-X},
}
"""


def test_bibtex_import_keeps_the_first_valid_isbn_the_edition_and_the_translator(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """IRIS and publishers list a print and an electronic ISBN in one field: the first
    valid one is kept, the others are said. biblatex's `translator`, and `editora` with
    `editoratype = {translator}`, are the translator: she was left out."""
    write_files(site, {"mine.bib": BIB})
    assert run(site, "bibtex", site / "mine.bib") == 0
    out = capsys.readouterr().out
    found = records(site)
    balzac, faust = found["Illusions perdues"], found["Faust"]
    assert balzac["isbn"] == "978-0-19-953556-9" and balzac["edition"] == 2
    assert balzac["authors"] == ["Honoré de Balzac", f"{OWNER} (trans.)"]
    assert faust["authors"] == ["Johann Wolfgang von Goethe", f"{OWNER} (trans.)"]
    assert faust["isbn"] == "0-8044-2957-X"
    assert (
        "entry 'Balzac2019': isbn: kept 978-0-19-953556-9, the first valid one; left out "
        "978-0-19-953556-0 (a wrong check digit, or no ISBN), 9780199535576" in out
    )
    text = (site / "content" / "papers" / "illusions-perdues.md").read_text(encoding="utf-8")
    assert "\nedition: 2\n" in text  # as a person writes it, not `'2'`


def test_academicpages_pages_give_their_isbn_and_their_entrys(site: Path, tmp_path: Path) -> None:
    """An old site's page with an `isbn:` of its own, and one whose BibTeX entry has an
    `isbn` and an `edition`: they were left out of the records."""
    old = write_files(
        tmp_path / "old",
        {
            "_config.yml": f'title: "{OWNER}"\nauthor:\n  name: "{OWNER}"\n',
            "_publications/2019-01-01-salons.md": (
                '---\ntitle: "Les salons de la Restauration"\ncollection: publications\n'
                "category: books\ndate: 2019-01-01\nvenue: 'Presses universitaires de Rennes'\n"
                "isbn: [978-2-7535-7814-4, 978-2-7535-7814-2]\nedition: Revised\n"
                f"citation: '{OWNER}. (2019). <i>Les salons</i>. Rennes: PUR.'\n---\n"
            ),
            "_publications/2021-01-01-musique.md": (
                '---\ntitle: "Musique et mémoire"\ncollection: publications\n'
                "category: books\ndate: 2021-01-01\nvenue: 'Gallimard'\n"
                "bibtex: '@book{lf21, author = {de La Fayette, Marie-Thérèse}, title = "
                "{Musique et mémoire}, publisher = {Gallimard}, year = {2021}, "
                "edition = {3}, isbn = {0-8044-2957-X}}'\n---\n"
            ),
        },
    )
    assert run(site, "academicpages", old) == 0
    found = records(site)
    assert found["Les salons de la Restauration"]["isbn"] == "978-2-7535-7814-2"
    assert found["Les salons de la Restauration"]["edition"] == "Revised"
    assert found["Musique et mémoire"]["isbn"] == "0-8044-2957-X"
    assert found["Musique et mémoire"]["edition"] == 3


def test_a_hugo_pages_isbn_and_its_cite_bibs(site: Path, tmp_path: Path) -> None:
    """Hugo Blox's publication page with an `isbn:`, and one whose `cite.bib` beside it
    has an `isbn` and an `edition`."""
    old = write_files(
        tmp_path / "hugo",
        {
            "content/publication/salons/index.md": (
                "---\ntitle: Les salons de la Restauration\nauthors: [admin]\n"
                "date: 2019-01-01\npublication_types: ['5']\npublication: PUR\n"
                "isbn: 978-2-7535-7814-2\nedition: 2\n---\n"
            ),
            "content/publication/musique/index.md": (
                "---\ntitle: Musique et mémoire\nauthors: [admin]\ndate: 2021-01-01\n"
                "publication_types: ['5']\npublication: Gallimard\n---\n"
            ),
            "content/publication/musique/cite.bib": (
                "@book{lf21, author = {de La Fayette, Marie-Thérèse}, title = {Musique et "
                "mémoire}, publisher = {Gallimard}, year = {2021}, edition = {3},\n"
                " isbn = {0-8044-2957-X}}\n"
            ),
            "content/authors/admin/_index.md": f"---\ntitle: {OWNER}\n---\n",
        },
    )
    assert run(site, "hugo", old) == 0
    found = records(site)
    assert found["Les salons de la Restauration"]["isbn"] == "978-2-7535-7814-2"
    assert found["Les salons de la Restauration"]["edition"] == 2
    assert found["Musique et mémoire"]["isbn"] == "0-8044-2957-X"
    assert found["Musique et mémoire"]["edition"] == 3


# --- a reprint's first publication -----------------------------------------------------


def test_a_reprint_says_when_it_was_first_published(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """biblatex's `origdate`: Tocqueville's 2019 edition of a book of 1835. The page says
    "First published 1835", cite.bib gives `origdate`; a first publication after the
    record's own date is a date swapped or mistyped, said at its line."""
    _book(
        site,
        "title: De la démocratie en Amérique\nauthors: [Alexis de Tocqueville]\ndate: 2019\n"
        "type: book\nvenue: Gallimard\nedition: 3\nfirst_published: 1835\n",
    )
    assert main(["build", "--site", str(site)]) == 0
    page = page_of(site, "De la démocratie en Amérique")
    assert '<dt>First published</dt><dd><time datetime="1835">1835</time></dd>' in page
    assert "  origdate = {1835}" in _cite(site)
    _book(
        site,
        "title: De la démocratie en Amérique\nauthors: [Alexis de Tocqueville]\ndate: 2019\n"
        "type: book\nfirst_published: 2021\n",
    )
    assert main(["build", "--site", str(site)]) == 1
    assert (
        "content/papers/book.md:6: `first_published` 2021 is after `date` 2019: `date` is "
        "when this edition or reprint appeared" in capsys.readouterr().err
    )
    # a reprint of the same year, its first publication's day known: no swap (it was
    # refused, the month the reprint's date leaves out counted as January's first)
    _book(
        site,
        "title: Démocratie\nauthors: [Alexis de Tocqueville]\ndate: 2019\n"
        "type: book\nfirst_published: 2019-03-05\n",
    )
    assert main(["build", "--site", str(site)]) == 0, capsys.readouterr().err
    _book(site, "title: Démocratie\nauthors: [Alexis de Tocqueville]\ndate: 2019\norigdate: 1835\n")
    assert main(["build", "--site", str(site)]) == 1
    assert "write the first publication's date as `first_published:`" in capsys.readouterr().err


def test_bibtex_import_reads_origdate_and_a_second_import_changes_nothing(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(
        site,
        {
            "mine.bib": "@Book{T19, author = {de Tocqueville, Alexis}, title = {De la "
            "démocratie en Amérique}, publisher = {Gallimard}, date = {2019}, origdate = "
            "{1835}, edition = {3}, isbn = {978-0-19-953556-9}}\n"
        },
    )
    assert run(site, "bibtex", site / "mine.bib") == 0
    book = records(site)["De la démocratie en Amérique"]
    assert book["first_published"] == 1835 and book["edition"] == 3
    text = (site / "content" / "papers" / "de-la-democratie-en-amerique.md").read_text("utf-8")
    assert "\nfirst_published: 1835\n" in text  # as a person writes it, not `'1835'`
    capsys.readouterr()
    assert run(site, "bibtex", site / "mine.bib") == 0
    assert "1 work: 0 new, 0 updated, 1 unchanged" in capsys.readouterr().out


# --- a book on the card and on the CV ---------------------------------------------------


def _entries(site: Path) -> list[str]:
    """The CV's entries as a reader reads them: text, one space between words."""
    cv = (site / "output" / "cv" / "index.html").read_text(encoding="utf-8")
    return [
        " ".join(re.sub(r"<[^>]+>", "", item).split())
        for item in re.findall(r"<li>(.*?)</li>", cv.split('id="cv-pubs"')[1], re.S)
    ]


def _card_meta(site: Path, slug: str = "book") -> str:
    profile = (site / "output" / "index.html").read_text(encoding="utf-8")
    card = profile.split(f'id="paper-{slug}"')[1].split("</article>")[0]
    meta = card.split('<div class="meta">')[1].split("</div>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", meta).split())


def test_a_translated_edition_reads_on_the_cv_as_a_citation_style_prints_it(site: Path) -> None:
    """A book's edition, its first publication and its translator were on its own page
    only: the CV said `Honoré de Balzac, Marie-Thérèse … (trans.). Illusions perdues.
    Penguin, 2019.`, the translator in the authors' place and no edition. Now as Chicago
    and biblatex print a book: the translator after the title, then the edition; the
    first publication after the date. Her name stays bold: the CV is hers."""
    _book(site, BOOK.replace("date: 2019", "date: 2019\nedition: 2\nfirst_published: 1837"))
    _book(
        site,
        "title: Le Rouge et le Noir\nauthors:\n  - Stendhal\n  - Ann Other (trans.)\n"
        f"  - {OWNER} (trans.)\ndate: 2021\ntype: book\nvenue: Folio\nedition: Revised\n",
        "red",
    )
    assert main(["build", "--site", str(site)]) == 0
    assert _entries(site) == [
        f"Stendhal. Le Rouge et le Noir. Trans. Ann Other, {OWNER}. Revised. Folio, 2021.",
        f"Honoré de Balzac. Illusions perdues. Trans. {OWNER}. 2nd ed. Penguin, 2019. "
        "First published 1837.",
    ]
    cv = (site / "output" / "cv" / "index.html").read_text(encoding="utf-8")
    assert f"Trans. Ann Other, <strong>{OWNER}</strong>.</span>" in cv
    # The card: the edition and the first publication beside the venue, in its line of
    # facts; the translator in the byline, with her mark
    assert _card_meta(site) == "2019 Penguin 2nd ed. First published 1837"
    profile = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert f"Honoré de Balzac, <strong>{OWNER} (trans.)</strong>" in profile


def test_a_translation_by_its_translators_alone_is_cited_by_them(site: Path) -> None:
    """biblatex's `usetranslator`: with no author, the translators stand in the authors'
    place (a CV entry with no names before its title, and `Trans.` after it, was none)."""
    _book(site, f"title: Faust\nauthors: ['{OWNER} (trans.)']\ndate: 2020\ntype: book\n")
    assert main(["build", "--site", str(site)]) == 0
    assert _entries(site) == [f"{OWNER} (trans.). Faust. 2020."]


@pytest.mark.parametrize(
    ("language", "translated", "edition"),
    [
        ("de", f"Übers. von {OWNER}.", "3. Aufl."),
        ("fr", f"Trad. par {OWNER}.", "3e éd."),
        ("ja", f"{OWNER} 訳.", "第3版."),
    ],
)
def test_a_cv_in_another_language_prints_the_translator_and_edition_its_way(
    site: Path, language: str, translated: str, edition: str
) -> None:
    yaml = site / "site.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace("language: en\n", f"language: {language}\n"),
        encoding="utf-8",
    )
    _book(site, BOOK.replace("date: 2019", "date: 2019\nedition: 3"))
    assert main(["build", "--site", str(site)]) == 0
    assert _entries(site) == [
        f"Honoré de Balzac. Illusions perdues. {translated} {edition} Penguin, 2019."
    ]


@pytest.mark.parametrize(
    ("n", "english", "french"),
    [(1, "1st", "1re"), (2, "2nd", "2e"), (3, "3rd", "3e"), (4, "4th", "4e"), (11, "11th", "11e"),
     (12, "12th", "12e"), (13, "13th", "13e"), (21, "21st", "21e"), (102, "102nd", "102e"),
     (111, "111th", "111e")],
)  # fmt: skip
def test_an_edition_number_is_its_ordinal(n: int, english: str, french: str) -> None:
    from generator.i18n import resolve

    assert resolve("en").edition(str(n)) == f"{english} ed."
    assert resolve("fr").edition(str(n)) == f"{french} éd."
    assert resolve("en").edition("Revised") == "Revised"  # words as written
