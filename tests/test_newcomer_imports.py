"""A newcomer's trial of the importers, on files that the earlier trials had not held:
underscores in titles and abstracts (Mendeley escapes every one), EndNote's copy of Web of
Science's counts, Mendeley's volumes, answers of other services given to the JSON
importers, and spellings of names; and an author record written by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import Problems
from generator.parse import Text, parse_author
from tests.ingest_support import FIXTURES, new_site, read_papers
from tests.ingest_support import run_import as _import

TRIAL = FIXTURES / "newcomer"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Ada Lovelace")


def _import_text(site: Path, text: str, name: str = "entries.bib") -> tuple[int, Path]:
    """``import bibtex`` of a file beside the site holding ``text``: its status and path."""
    bib = site.parent / name
    bib.write_text(text, encoding="utf-8")
    return _import(site, "bibtex", bib), bib


def _page_text(site: Path) -> tuple[str, str]:
    """The one record's page: its title (the `<h1>`) and its abstract's HTML, its line
    breaks folded."""
    [(path, _, _)] = read_papers(site)
    assert main(["build", "--site", str(site)]) == 0
    page = (site / "output" / "papers" / path.stem / "index.html").read_text(encoding="utf-8")
    title = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    abstract = page.split('class="abstract', 1)[1].split("</div>", 1)[0]
    return title, " ".join(abstract.split())


@pytest.mark.parametrize(
    ("command", "fixture"),
    [
        ("bibtex", "mendeley-underscores.bib"),
        ("arxiv", "arxiv-underscores.xml"),
        ("semanticscholar", "s2-underscores.json"),
    ],
)
def test_underscores_in_a_title_or_abstract_are_underscores_not_emphasis(
    site: Path, command: str, fixture: str
) -> None:
    """`\\_` is BibTeX's underscore (Mendeley writes each as `{\\_}`), and arXiv and
    Semantic Scholar send plain text: the record is Markdown, where `__init__` is a bold
    "init" and `_private_` an italic "private", which the page showed so. A name's own
    underscore (`snake_case`), math and an address stay as written."""
    assert _import(site, command, TRIAL / fixture) == 0
    title, abstract = _page_text(site)
    assert title == "The __init__ Method Considered Harmful"
    assert "calls __init__ on every new object and hides _private_ names" in abstract
    assert "snake_case names" in abstract
    assert "<strong>" not in abstract and "<em>" not in abstract
    if command != "semanticscholar":
        assert "$x_1$" in abstract
        assert 'href="https://github.com/ada/__engine' in abstract


def test_stars_in_a_bibtex_abstract_are_stars(site: Path) -> None:
    """A BibTeX abstract's `2*3*4` set "3" in italics; a title's stars were text already."""
    assert _import(site, "bibtex", TRIAL / "mendeley-underscores.bib") == 0
    _, abstract = _page_text(site)
    assert "A grid of 2*3*4 cells." in abstract


def test_endnote_web_of_science_counts_are_citations_not_a_note(site: Path) -> None:
    """EndNote keeps Web of Science's counts in a record's notes, which its BibTeX export
    writes as the `note` ("Times Cited:353" and "Cited References Count:30", one a
    line; now "Times Cited in Web of Science Core Collection: 42" and two more): each
    page showed them as the paper's note, and the count was lost. A note that says more
    than the counts stays the note."""
    assert _import(site, "bibtex", TRIAL / "endnote-wos.bib") == 0
    found = {data["title"]: data for _, data, _ in read_papers(site)}
    old = found["Notes on the analytical engine"]
    assert (old["citations"], old["citations_source"]) == (353, "Web of Science")
    assert "note" not in old
    new = found["Sketch of the analytical engine"]
    assert (new["citations"], new["citations_source"]) == (42, "Web of Science")
    assert "note" not in new
    other = found["A note that is a note"]
    assert other["note"] == "Times Cited: 5 of the 12 examples fail"
    assert "citations" not in other
    assert main(["build", "--site", str(site)]) == 0
    page = site / "output" / "papers" / "notes-on-the-analytical-engine" / "index.html"
    assert "Cited References Count" not in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "field",
    [
        "times-cited = {%s}",
        "note = {Times Cited: %s}",
        "note = {Cited by: %s}",
        "month = {%s}",
        "month = feb, day = {%s}",
        "journal = {J}, series = {%s}",
        "articleno = {3}, numpages = {%s}",
        "eprint = {2301.12345v%s}, archiveprefix = {arXiv}",
    ],
)
def test_a_count_of_thousands_of_digits_is_no_count_and_no_traceback(
    site: Path, field: str
) -> None:
    """Web of Science's and Scopus's counts, a month and a day were read with int(), which
    Python refuses past 4,300 digits: the import stopped with a traceback. Such a count is
    none, and such a month or day no date's."""
    entry = "@article{k, title={Big}, author={Ada Lovelace}, year={2020}, %s}\n" % (
        field % ("9" * 6000)
    )
    status, _ = _import_text(site, entry)
    assert status == 0
    [(_, data, _)] = read_papers(site)
    assert "citations" not in data
    assert str(data["date"]) in ("2020", "2020-02")


def test_an_arxiv_feed_counting_thousands_of_digits_is_refused_not_a_traceback(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    many = "9" * 6000
    feed = site.parent / "feed.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">\n<title>arXiv Query</title>\n'
        f"<opensearch:totalResults>{many}</opensearch:totalResults>\n"
        f"<opensearch:startIndex>{many}9</opensearch:startIndex>\n</feed>\n",
        encoding="utf-8",
    )
    assert _import(site, "arxiv", feed) == 1
    assert ":1: the feed has no entries" in capsys.readouterr().err


def test_an_arxiv_version_of_thousands_of_digits_is_imported_not_a_traceback(site: Path) -> None:
    feed = site.parent / "feed.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        "<title>arXiv Query</title>\n<entry><id>http://arxiv.org/abs/2301.12345v"
        + "9"
        * 6000
        + "</id><title>T</title><summary>S</summary><published>2023-01-02T00:00:00Z</published>"
        "<author><name>Ada Lovelace</name></author></entry>\n</feed>\n",
        encoding="utf-8",
    )
    assert _import(site, "arxiv", feed) == 0
    [(_, data, _)] = read_papers(site)
    assert data["arxiv_id"] == "2301.12345"


@pytest.mark.parametrize(
    ("fixture", "counts"),
    [
        (FIXTURES / "bibtex" / "trial-scopus.bib", "Cited by"),
        (TRIAL / "endnote-wos.bib", "Times Cited"),
    ],
)
def test_a_databases_counts_note_stays_out_of_cite_bib(
    site: Path, fixture: Path, counts: str
) -> None:
    """The record dropped Scopus's and Web of Science's counts as a note, but the entry
    it keeps for cite.bib still had them: a reader's bibliography printed "Cited by: 12;
    All Open Access" after the paper. A note that says more stays."""
    assert _import(site, "bibtex", fixture) == 0
    assert main(["build", "--site", str(site)]) == 0
    served = {
        path.parent.name: path.read_text(encoding="utf-8")
        for path in (site / "output" / "papers").glob("*/cite.bib")
    }
    kept = [text for name, text in served.items() if name != "a-note-that-is-a-note"]
    assert kept and all(counts not in text and "note =" not in text for text in kept)
    if "a-note-that-is-a-note" in served:
        assert "note = {Times Cited: 5 of the 12 examples fail}" in served["a-note-that-is-a-note"]


@pytest.mark.parametrize("command", ["semanticscholar", "openalex"])
def test_an_orcid_answer_says_where_to_get_the_same_works(
    site: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """ORCID's API answer (`pub.orcid.org/v3.0/ID/works`), where a researcher keeps their
    works, was refused as "not a Semantic Scholar author or papers response", with no
    word of what to give instead: it names OpenAlex's works of that ORCID iD, and the
    BibTeX export of the ORCID record. An answer of no known kind says what to save."""
    assert _import(site, command, TRIAL / "orcid-works.json") == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "orcid-works.json:1: not a" in err and "it is an ORCID answer" in err
    assert "api.openalex.org/works?filter=author.orcid:0000-0002-1825-0097" in err
    assert "`authorsite import openalex`" in err and "`authorsite import bibtex`" in err
    unknown = site / "answer.json"
    unknown.write_text('{"items": [{"name": "Ada"}]}', encoding="utf-8")
    assert _import(site, command, unknown) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "answer.json:1: not a" in err and "; save the answer of https://api." in err
    assert not list((site / "content" / "papers").iterdir())


def test_mendeleys_cut_off_date_is_no_volume(site: Path) -> None:
    """Mendeley gives a conference paper Scopus's year and month of the meeting, cut to
    ten characters, as its `volume` (`2017-Decem`, `2016-June`): the page read "Advances
    in Neural Information Processing Systems 2017-Decem, 5999–6009", and cite.bib gave
    it to readers' bibliographies. A volume that is one stays."""
    assert _import(site, "bibtex", TRIAL / "mendeley-cut-volume.bib") == 0
    found = {data["title"]: data for _, data, _ in read_papers(site)}
    assert "volume" not in found["Attention is all you need"]
    assert "volume" not in found["Deep residual learning for image recognition"]
    assert found["Notes on the analytical engine"]["volume"] == 3
    assert main(["build", "--site", str(site)]) == 0
    papers = site / "output" / "papers"
    for slug in ("attention-is-all-you-need", "deep-residual-learning-for-image-recognition"):
        for name in ("index.html", "cite.bib"):
            text = (papers / slug / name).read_text(encoding="utf-8")
            assert "2017-Decem" not in text and "2016-June" not in text
    assert "volume = {3}" in (papers / "notes-on-the-analytical-engine" / "cite.bib").read_text(
        encoding="utf-8"
    )


def test_an_impossible_date_in_biblatex_says_how_to_fix_it(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """biblatex's `date = {2021-02-30}` was refused as "no calendar day", with no word of
    what to do: the message says how many days the month has, and what to correct."""
    status, bib = _import_text(
        site,
        "@article{bad,\n  author = {Lovelace, Ada},\n  title = {Thirty February},\n"
        "  journaltitle = {J},\n  date = {2024-02-30},\n}\n",
    )
    assert status == 1
    err = " ".join(capsys.readouterr().err.split())
    assert (
        f"{bib}:1: entry 'bad': has the date '2024-02-30', which is no calendar day (that "
        "month has 29 days); correct the day in the source (or give the year alone) and "
        "import it again"
    ) in err


def test_endnotes_web_of_science_link_stays_out_of_cite_bib(site: Path) -> None:
    """EndNote's `url` starts with its link into Web of Science (`<Go to ISI>://WOS:…`),
    which only EndNote follows: the record took the web address after it (or none), but
    cite.bib gave the whole `url` to readers, whose bibliographies printed it."""
    assert _import(site, "bibtex", TRIAL / "endnote-wos.bib") == 0
    found = {data["title"]: data for _, data, _ in read_papers(site)}
    assert found["Sketch of the analytical engine"]["links"] == {
        "paper": "https://example.org/sketch"
    }
    assert main(["build", "--site", str(site)]) == 0
    papers = site / "output" / "papers"
    alone = (papers / "notes-on-the-analytical-engine" / "cite.bib").read_text(encoding="utf-8")
    assert "ISI" not in alone and "url" not in alone and "DOI = {10.1000/endnote.1843}" in alone
    both = (papers / "sketch-of-the-analytical-engine" / "cite.bib").read_text(encoding="utf-8")
    assert "ISI" not in both and "url = {https://example.org/sketch}" in both


@pytest.mark.parametrize(
    ("name", "spelling"),
    [("Min-Su Kim", "Kim, Minsu"), ("Xiaoming Wang", "Wang, Xiao-Ming")],
)
def test_a_given_name_in_one_word_or_two_may_be_the_authors(
    tmp_path: Path, name: str, spelling: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Romanised Korean and Chinese given names are written in one word or in two
    (`Minsu` and `Min-Su`): a paper by the other spelling was shown as a co-author's,
    and neither the import nor the build said it might be the site author's."""
    site = new_site(tmp_path / "site", name)
    entry = f"@article{{a, author = {{{spelling} and Lee, Ann}}, title = {{One}}, journal = {{J}},"
    assert _import_text(site, entry + " year = 2020}\n")[0] == 0
    written = " ".join(spelling.split(", ")[::-1])
    out = " ".join(capsys.readouterr().out.split())
    assert f"note: '{written}' (1 work) may be {name}: if so, add it to aliases" in out
    assert main(["build", "--site", str(site)]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert f"`{written}` may be {name}, whose record does not list that spelling" in err


def test_spellings_one_alias_covers_are_one_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Names are matched ignoring case and punctuation, so `J. D. van der Waals` as an
    alias claims `J.D. Van der Waals` and `J. D. van der WAALS` too: the import said each
    spelling in a note of its own, and the author added three aliases for one."""
    site = new_site(tmp_path / "site", "Johannes Diderik van der Waals")
    status, _ = _import_text(
        site,
        "@article{a, author = {van der Waals, J. D.}, title = {One}, journal = {J}, year = 1901}\n"
        "@article{b, author = {Van der Waals, J.D.}, title = {Two}, journal = {J}, year = 1902}\n"
        "@article{c, author = {van der WAALS, J. D.}, title = {Three}, journal = {J}, year = 1903}"
        "\n@article{d, author = {van der Waals, J. D.}, title = {Four}, journal = {J}, year = 1904}"
        "\n@article{e, author = {van der Waals, J.}, title = {Five}, journal = {J}, year = 1905}\n",
    )
    assert status == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if "may be" in line]
    assert [note.split(" may be")[0] for note in notes] == [
        "note: 'J. D. van der Waals' (4 works)",
        "note: 'J. van der Waals' (1 work)",
    ]


@pytest.mark.parametrize(
    ("aliases", "problem"),
    [("A. Lovelace and Ada King", True), ("A. Lovelace; Ada King", True), ("Lovelace, A.", False)],
)
def test_aliases_written_as_one_text_of_several_names_is_said(aliases: str, problem: bool) -> None:
    """`aliases: A. Lovelace and Ada King` was taken as one alias, which no paper lists:
    the papers by either spelling stayed a co-author's, unsaid. (`authors` said so.) One
    name written without brackets, last name first too, is one alias."""
    found = Problems()
    text = f"name: Ada Lovelace\naliases: {aliases}\n"
    author = parse_author(Text("content/authors/ada.yaml", text), found)
    if problem:
        assert author is None
        assert [str(p) for p in found.items] == [
            "content/authors/ada.yaml:2: `aliases` is one piece of text with several names; "
            "list them one per line (`- Name`) or as `[Name One, Name Two]`"
        ]
    else:
        assert author is not None and author.aliases == (aliases,) and not found.items


def test_a_value_too_long_to_import_says_what_to_do(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An abstract of 120,000 characters (a paper's whole text pasted as its abstract) was
    refused as a macro "built from another one several times over", which the file has
    none of, and with no word of what to do."""
    words = " ".join(["The abstract goes on and on."] * 4300)
    status, bib = _import_text(
        site,
        "@article{long,\n  author = {Lovelace, Ada},\n  title = {Long},\n  journal = {J},\n"
        f"  year = 2020,\n  abstract = {{{words}}},\n}}\n",
    )
    assert status == 1
    err = " ".join(capsys.readouterr().err.split())
    assert f"{bib}:" in err and "abstract expands to more than 100,000 characters" in err
    assert "or a whole text pasted into one field?); shorten it in the file and import it" in err


def test_a_title_an_earlier_import_wrote_unescaped_follows_the_entry(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record imported before the import escaped a title's underscores holds
    `The __init__ Method…` (a bold "init" on its page): importing the same file again
    held it as an edit of the author's, a conflict at every import, and the title stayed
    wrong. It is the import's (its BibTeX entry is as imported) and is updated; a title
    that was edited, or a record whose entry was, is still kept."""
    bib = TRIAL / "mendeley-underscores.bib"
    assert _import(site, "bibtex", bib) == 0
    [(path, data, _)] = read_papers(site)
    assert data["title"] == "The \\_\\_init\\_\\_ Method Considered Harmful"
    text = path.read_text(encoding="utf-8")
    old = text.replace("title: The \\_\\_init\\_\\_ Method", "title: The __init__ Method", 1)
    assert old != text
    path.write_text(old, encoding="utf-8")
    capsys.readouterr()
    assert _import(site, "bibtex", bib) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "title updated" in out and "0 with conflicts" in out
    assert path.read_text(encoding="utf-8") == text
    edited = old.replace("Considered Harmful", "Considered Useful")
    path.write_text(edited, encoding="utf-8")
    assert _import(site, "bibtex", bib) == 0
    assert "conflict title: keeps" in " ".join(capsys.readouterr().out.split())
    assert path.read_text(encoding="utf-8") == edited


@pytest.mark.parametrize("name", ["Yes", "Null", "On"])
def test_init_writes_a_main_author_that_yaml_reads_as_the_slug(tmp_path: Path, name: str) -> None:
    """`init --name Yes` wrote `main_author: yes`, which YAML reads as true: the new site
    did not build ("`main_author` must be text"), and `main_author: null` was no main
    author at all. A slug YAML reads otherwise is written in quotes."""
    site = tmp_path / "site"
    assert main(["init", str(site), "--name", name]) == 0
    slug = name.lower()
    assert f'main_author: "{slug}"\n' in (site / "site.yaml").read_text(encoding="utf-8")
    assert main(["build", "--site", str(site)]) == 0
    assert (site / "output" / "authors" / slug / "index.html").is_file()
