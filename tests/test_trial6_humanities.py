"""A historian's site: monographs, an edited collection her chapters crossref, an edition
she edited, a book review, and an academicpages site whose citations name editors. What
a humanities scholar brings, where the earlier trials brought papers of the sciences."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest.bibtex import parse_bibtex
from tests.ingest_support import built_page as page_of
from tests.ingest_support import new_site, write_files
from tests.ingest_support import records_by_title as records
from tests.ingest_support import run_import as run

OWNER = "Marie-Thérèse de La Fayette"

# As JabRef writes a biblatex database: her edited collection, which her chapter and a
# colleague's crossref; a conference's proceedings, edited by others, which a paper of
# hers crossrefs; a monograph whose count of pages has its front matter's; an edition
# of Mozart's letters she edited; a book review.
BIB = r"""
@Collection{Odegard2020,
  editor    = {Ødegård, Åse and de La Fayette, Marie-Thérèse},
  title     = {Empires of Letters},
  subtitle  = {Correspondence Networks in the Long Nineteenth Century},
  publisher = {Brill},
  date      = {2020},
  pagetotal = {388},
}
@InCollection{LaFayette2020a,
  author    = {de La Fayette, Marie-Thérèse},
  title     = {Writing to Vienna},
  crossref  = {Odegard2020},
  pages     = {45--78},
}
@InCollection{Rossi2020,
  author    = {Rossi, Giulia},
  title     = {Lettere da Napoli},
  crossref  = {Odegard2020},
  pages     = {79--101},
}
@Proceedings{DH2019,
  editor    = {Smith, John and Doe, Jane},
  title     = {Proceedings of Digital Humanities 2019},
  date      = {2019},
}
@InProceedings{LaFayette2019dh,
  author    = {de La Fayette, Marie-Thérèse},
  title     = {Counting Salons},
  crossref  = {DH2019},
  pages     = {1--9},
}
@Book{LaFayette2021,
  author    = {de La Fayette, Marie-Thérèse},
  title     = {Music and Memory in Post-Napoleonic Europe},
  publisher = {Oxford University Press},
  date      = {2021},
  pagetotal = {xvi+356},
}
@Book{Mozart2015,
  author    = {Mozart, Wolfgang Amadeus},
  editor    = {de La Fayette, Marie-Thérèse},
  title     = {Lettres choisies},
  publisher = {Gallimard},
  date      = {2015},
}
@Review{LaFayette2022r,
  author       = {de La Fayette, Marie-Thérèse},
  title        = {Review of: Jean Dupont, \emph{La Monarchie de Juillet}},
  journaltitle = {French History},
  volume       = {36},
  number       = {1},
  pages        = {140--142},
  date         = {2022},
}
"""

COLLECTION = "Empires of Letters: Correspondence Networks in the Long Nineteenth Century"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", OWNER)


@pytest.fixture
def imported(site: Path) -> Path:
    write_files(site, {"mine.bib": BIB})
    assert run(site, "bibtex", site / "mine.bib") == 0
    return site


def _tags(page: str, name: str) -> list[str]:
    return re.findall(rf'<meta name="citation_{name}" content="([^"]*)">', page)


def test_the_collection_she_edited_is_her_book_and_others_proceedings_are_no_paper(
    imported: Path,
) -> None:
    """Her chapters crossref the collection she edited: it was left out as a volume that
    papers crossref, unsaid, and her profile lacked the book. A conference's proceedings
    that a paper of hers crossrefs, edited by others, is still no paper of hers."""
    found = records(imported)
    assert COLLECTION in found
    volume = found[COLLECTION]
    assert volume["authors"] == ["Åse Ødegård (ed.)", f"{OWNER} (ed.)"]
    assert volume["type"] == "book"  # biblatex's @collection: an edited book, not `other`
    assert volume["venue"] == "Brill" and volume["pages"] == 388
    assert found["Writing to Vienna"]["venue"] == COLLECTION  # its subtitle, inherited
    assert "Proceedings of Digital Humanities 2019" not in found
    assert found["Counting Salons"]["venue"] == "Proceedings of Digital Humanities 2019"


def test_a_review_is_a_journals_and_the_collection_a_publishers(imported: Path) -> None:
    """biblatex's @review is an @article (its manual: "the standard styles will treat this
    entry type as an alias for @article"), and its @collection a book: the review was of
    type `other`, and Scholar was told of no journal; the volume of no publisher."""
    assert records(imported)["Review of: Jean Dupont, *La Monarchie de Juillet*"]["type"] == (
        "article"
    )
    assert main(["build", "--site", str(imported)]) == 0
    review = page_of(imported, "Review of: Jean Dupont, *La Monarchie de Juillet*")
    assert _tags(review, "journal_title") == ["French History"]
    assert _tags(review, "volume") == ["36"] and _tags(review, "issue") == ["1"]
    assert _tags(page_of(imported, COLLECTION), "publisher") == ["Brill"]


def test_an_edition_names_its_editor_who_is_no_author_to_scholar(imported: Path) -> None:
    """A @book with an author and its own editor (her edition of Mozart's letters): the
    editor was left out, and the edition was on no profile of hers. Scholar's tag "must
    contain the authors (and only the actual authors)": Mozart, not his editor."""
    edition = records(imported)["Lettres choisies"]
    assert edition["authors"] == ["Wolfgang Amadeus Mozart", f"{OWNER} (ed.)"]
    assert main(["build", "--site", str(imported)]) == 0
    page = page_of(imported, "Lettres choisies")
    assert _tags(page, "author") == ["Wolfgang Amadeus Mozart"]
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found is not None
    data = json.loads(found[1])
    assert [p["name"] for p in data["author"]] == ["Wolfgang Amadeus Mozart"]
    assert [p["name"] for p in data["editor"]] == [OWNER]
    # hers: on her profile, her name in bold
    profile = (imported / "output" / "index.html").read_text(encoding="utf-8")
    assert f"Wolfgang Amadeus Mozart, <strong>{OWNER} (ed.)</strong>" in profile
    # a chapter's editor is its book's, not the chapter's: not lent to the chapter
    assert records(imported)["Writing to Vienna"]["authors"] == [OWNER]


def test_a_chapters_book_has_its_subtitle() -> None:
    """biblatex's `booksubtitle` (JabRef writes one; a crossref'd volume's `subtitle`
    becomes it, as biblatex inherits it): the chapter's book was its title alone."""
    (work,) = parse_bibtex(
        "@InCollection{a, author = {Rossi, Giulia}, title = {Lettere},"
        " booktitle = {Empires of Letters}, booksubtitle = {Correspondence Networks},"
        " editor = {Ødegård, Åse}, publisher = {Brill}, date = {2020}, pages = {1--9}}",
        "mine.bib",
    )
    assert work.venue == "Empires of Letters: Correspondence Networks"


def test_a_count_of_pages_with_the_front_matters_is_the_texts(imported: Path) -> None:
    """biblatex's `pagetotal = {xvi+356}`, as a publisher counts a book's pages: it was left
    out, unsaid, where `pages = {xvi+356}` was 356."""
    assert records(imported)["Music and Memory in Post-Napoleonic Europe"]["pages"] == 356


def test_a_citation_key_spells_an_o_with_a_stroke(site: Path) -> None:
    """The key of a generated cite.bib is ASCII: Ødegård's was `degard2018lettres` (Ø
    dropped, not spelled), a key its author would not guess."""
    write_files(
        site,
        {
            "content/papers/by-hand.md": (
                "---\ntitle: Lettres du Nord\nauthors:\n  - Åse Ødegård (ed.)\n"
                "date: 2018\ntype: book\nvenue: Brill\n---\n"
            )
        },
    )
    assert main(["build", "--site", str(site)]) == 0
    cite = (site / "output" / "papers" / "by-hand" / "cite.bib").read_text(encoding="utf-8")
    assert cite.startswith("@book{odegard2018lettres,")


# --- academicpages: the citations of a historian's old site ---------------------------


def _old_site(root: Path) -> Path:
    return write_files(
        root,
        {
            "_config.yml": f'title: "{OWNER}"\nauthor:\n  name: "{OWNER}"\n',
            "_publications/2019-01-01-salons.md": (
                '---\ntitle: "Les salons de la Restauration"\ncollection: publications\n'
                "category: books\ndate: 2019-01-01\nvenue: 'Presses universitaires de Rennes'\n"
                "citation: 'de La Fayette, Marie-Thérèse. (2019). <i>Les salons de la "
                "Restauration</i>. Rennes: PUR.'\n---\n"
            ),
            "_publications/2016-06-01-debats.md": (
                '---\ntitle: "Le Journal des débats"\ncollection: publications\n'
                "category: manuscripts\ndate: 2016-06-01\nvenue: 'RHMC'\n"
                "citation: 'Ødegård, Åse and Smith, Jane. (2016). &quot;Le Journal des "
                "débats.&quot; <i>RHMC</i>.'\n---\n"
            ),
            "_publications/2020-05-01-empires.md": (
                '---\ntitle: "Empires of Letters"\ncollection: publications\n'
                "category: books\ndate: 2020-05-01\nvenue: 'Brill'\n"
                "citation: 'Ødegård, Å. and de La Fayette, M.-T. (eds.) (2020). <i>Empires "
                "of Letters</i>. Leiden: Brill.'\n---\n"
            ),
            "_publications/2021-01-01-briefe.md": (
                '---\ntitle: "Briefe"\ncollection: publications\ncategory: books\n'
                "date: 2021-01-01\nvenue: 'Henle'\n"
                "citation: 'Ødegård, Åse, and Marie-Thérèse de La Fayette, eds. 2021. "
                "<i>Briefe</i>. München: Henle.'\n---\n"
            ),
        },
    )


def test_an_old_sites_citations_name_editors_and_end_their_sentence(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`de La Fayette, M.-T. (eds.)`: the mark was read into her given name, "M.-T. (eds.)
    de La Fayette", a co-author the import said to add to her aliases so, and the first
    editor was an author; `…, Marie-Thérèse. (2019)` and `…, Jane. (2016)` kept the
    sentence's period, "Marie-Thérèse. de La Fayette", "Jane. Doe"."""
    assert run(site, "academicpages", _old_site(tmp_path / "old")) == 0
    out = capsys.readouterr().out
    found = records(site)
    assert found["Les salons de la Restauration"]["authors"] == [OWNER]
    assert found["Le Journal des débats"]["authors"] == ["Åse Ødegård", "Jane Smith"]
    assert found["Empires of Letters"]["authors"] == [
        "Å. Ødegård (ed.)",
        "M.-T. de La Fayette (ed.)",
    ]
    assert found["Briefe"]["authors"] == ["Åse Ødegård (ed.)", f"{OWNER} (ed.)"]  # Chicago's
    # the spelling to add is the name, not the name and its mark
    assert f"'M.-T. de La Fayette' (1 work) may be {OWNER}" in out
    assert "(ed.)' (1 work)" not in out


def test_the_build_says_an_editors_spelling_to_add_without_the_mark(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An edited volume listing the owner by initials: the build said to add
    `M.-T. de La Fayette (ed.)` to her aliases, the mark with the name."""
    write_files(
        site,
        {
            "content/papers/empires.md": (
                "---\ntitle: Empires of Letters\nauthors:\n  - Å. Ødegård (ed.)\n"
                "  - M.-T. de La Fayette (ed.)\ndate: 2020\ntype: book\nvenue: Brill\n---\n"
            )
        },
    )
    assert main(["build", "--site", str(site)]) == 0
    err = capsys.readouterr().err
    assert f"`M.-T. de La Fayette` may be {OWNER}" in err
    assert "add `M.-T. de La Fayette` to aliases" in err
    assert "(ed.)`" not in err
