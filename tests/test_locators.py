"""A paper's volume, issue and pages: records, importers, re-imports, and every output."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
import pytest
import yaml

from generator.build import build
from generator.errors import Problems
from generator.locators import locator
from generator.parse import Text, parse_paper
from tests.ingest_support import FIXTURES, new_site, read_papers, records_by_title, run_import
from tests.test_browser import ada_site
from tests.test_seo import BASE, head, one_paper_site

RECORD = """\
---
title: On Engines
authors: [Ada Lovelace]
date: 2023
venue: Journal of Machines
{fields}
---
"""


def parsed(fields: str) -> tuple[object, list[str]]:
    problems = Problems()
    record = parse_paper(Text("content/papers/x.md", RECORD.format(fields=fields)), problems)
    return record, [str(p) for p in problems.items]


@pytest.mark.parametrize(
    ("fields", "volume", "issue", "pages"),
    [
        # YAML's number and text are one volume; a range kept with an en dash
        ("volume: 12\nissue: 3\npages: 45-67", "12", "3", "45–67"),
        ("volume: '12'\nissue: '3'\npages: 45--67", "12", "3", "45–67"),
        ("volume: 12A\nissue: Suppl 2\npages: 45–67", "12A", "Suppl 2", "45–67"),
        ("pages: pp. 45 - 67", None, None, "45–67"),
        ("pages: e1002345", None, None, "e1002345"),
        ("pages: 105123", None, None, "105123"),
        ("pages: 45+", None, None, "45+"),
        ("pages: S12–S19", None, None, "S12–S19"),
        ("pages: iv-xii", None, None, "iv–xii"),
        ("pages: xii-5", None, None, "xii–5"),
        ("pages: XIV", None, None, "XIV"),
    ],
)
def test_volume_issue_and_pages_are_read_as_written(
    fields: str, volume: str | None, issue: str | None, pages: str | None
) -> None:
    record, problems = parsed(fields)
    assert problems == []
    assert (record.volume, record.issue, record.pages) == (volume, issue, pages)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            "pages: 67-45",
            "x.md:6: `pages` `67-45` ends before it starts; write the first page, then the "
            "last: `45–67`",
        ),
        # a roman range, as a reversed arabic one; a range from the text into the front
        # matter (`5-xii`) too; `xii-5`, from one into the other, is a range (below)
        (
            "pages: xii-iv",
            "x.md:6: `pages` `xii-iv` ends before it starts; write the first page, then the "
            "last: `iv–xii`",
        ),
        (
            "pages: 5-xii",
            "x.md:6: `pages` `5-xii` ends before it starts (the front matter's roman pages "
            "come before page 1); write the first page, then the last: `xii–5`",
        ),
        ("pages: iiii", "x.md:6: `pages` `iiii` is not pages"),
        (
            "pages: 1234-56",
            "x.md:6: `pages` `1234-56` is a shortened range; write it whole: `1234–1256`",
        ),
        ("pages: [45, 67]", "x.md:6: `pages` must be pages written as text, such as `45–67`"),
        ("pages: see the PDF", "x.md:6: `pages` `see the PDF` is not pages; write a range"),
        ("volume: [12, 13]", "x.md:6: `volume` must be one whole number or short text"),
        ("volume: 12.5", "x.md:6: `volume` must be one whole number or short text"),
        ("issue: No. 3", "x.md:6: `issue` repeats the word `No.`, which the page's `12(3)`"),
        ("volume: -3", "x.md:6: `volume` must not be negative"),
        ("number: 3", "x.md:6: unknown field `number`; write the issue as `issue:`"),
        ("page: 45", "x.md:6: unknown field `page`; write the pages as `pages:`"),
        ("volme: 12", "x.md:6: unknown field `volme`; did you mean `volume`?"),
    ],
)
def test_bad_volume_issue_or_pages_are_refused_at_their_line(fields: str, expected: str) -> None:
    record, problems = parsed(fields)
    assert record is None
    assert len(problems) == 1
    assert problems[0].startswith(f"content/papers/{expected}")


def test_every_bad_one_is_reported_in_one_run() -> None:
    _, problems = parsed("volume: Vol. 12\nissue: [3]\npages: 9-1")
    assert [p.split(":")[1] for p in problems] == ["6", "7", "8"]


JOURNAL = RECORD.format(fields="type: article\nvolume: 12\nissue: '3'\npages: 45--67")
CONFERENCE = """\
---
title: On Attention
authors: [Ada Lovelace]
date: 2023
venue: NeurIPS 2023
pages: e123
---
"""


@pytest.fixture
def located_site(make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path) -> Path:
    site = make_site(
        {
            "site.yaml": f"title: Ada\nbase_url: {BASE}\nmain_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/papers/engines.md": JOURNAL,
            "content/papers/attention.md": CONFERENCE,
        }
    )
    out = tmp_path / "out"
    build(site, out)
    return out


def test_scholar_gets_volume_issue_and_first_and_last_page(located_site: Path) -> None:
    """Scholar's inclusion guidelines: citation_volume, citation_issue, citation_firstpage
    and citation_lastpage, after the journal's title."""
    meta = head(located_site / "papers" / "engines" / "index.html").meta
    names = [name for name, _ in meta]
    start = names.index("citation_journal_title")
    assert meta[start : start + 5] == [
        ("citation_journal_title", "Journal of Machines"),
        ("citation_volume", "12"),
        ("citation_issue", "3"),
        ("citation_firstpage", "45"),
        ("citation_lastpage", "67"),
    ]
    # an article number is a first page, with no last page
    conference = dict(head(located_site / "papers" / "attention" / "index.html").meta)
    assert conference["citation_firstpage"] == "e123"
    assert "citation_lastpage" not in conference and "citation_volume" not in conference


def test_json_ld_names_the_issue_volume_journal_and_pages(located_site: Path) -> None:
    data = json.loads(head(located_site / "papers" / "engines" / "index.html").jsonld[0])
    assert data["isPartOf"] == {
        "@type": "PublicationIssue",
        "issueNumber": "3",
        "isPartOf": {
            "@type": "PublicationVolume",
            "volumeNumber": "12",
            "isPartOf": {"@type": "Periodical", "name": "Journal of Machines"},
        },
    }
    assert (data["pageStart"], data["pageEnd"], data["pagination"]) == ("45", "67", "45–67")
    other = json.loads(head(located_site / "papers" / "attention" / "index.html").jsonld[0])
    assert other["pageStart"] == "e123" and "pageEnd" not in other


def test_the_venue_line_reads_as_a_reference(located_site: Path) -> None:
    page = (located_site / "papers" / "engines" / "index.html").read_text(encoding="utf-8")
    assert '<dd>Journal of Machines <span class="locator">12(3), 45–67</span></dd>' in page
    other = (located_site / "papers" / "attention" / "index.html").read_text(encoding="utf-8")
    assert '<dd>NeurIPS 2023, <span class="locator">e123</span></dd>' in other
    cv = (located_site / "cv" / "index.html").read_text(encoding="utf-8")
    assert '<em>Journal of Machines</em> <span class="locator">12(3), 45–67</span>, ' in cv


def test_cite_bib_has_volume_number_and_pages_as_bibtex_writes_them(located_site: Path) -> None:
    text = (located_site / "papers" / "engines" / "cite.bib").read_text(encoding="utf-8")
    assert "pages = {45--67}" in text
    [entry] = bibtexparser.parse_string(text).entries
    fields = {f.key: f.value for f in entry.fields}
    assert (fields["volume"], fields["number"], fields["pages"]) == ("12", "3", "45--67")


BIB = FIXTURES / "bibtex" / "locators.bib"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site")


def test_bibtex_import_keeps_volume_issue_and_pages(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(site, "bibtex", BIB) == 0
    found = records_by_title(site)

    def located(title: str) -> tuple[object, object, object]:
        data = found[title]
        return data.get("volume"), data.get("issue"), data.get("pages")

    # doi.org's: `number` is the issue; written back as numbers, as a person writes them
    go = "Mastering the game of Go with deep neural networks and tree search"
    assert located(go) == (529, 7587, "484–489")
    # biblatex's `issue`, an article number
    assert located("Deep learning") == (11, 5, "e1004256")
    # `Vol.` and `pp.` dropped, PubMed's shortened range whole
    assert located("A shortened page range") == (129, 3, "1234–1256")
    # a conference's `number` is its series', no issue; pages that go on keep their `+`
    assert located("Attention is All you Need") == (30, None, "5998+")
    # Semantic Scholar's `volume = {abs/…}` of an arXiv paper is its id, no volume
    assert located("An arXiv preprint as Semantic Scholar exports it") == (None, None, None)
    # pages that are none: left out, with a note; the volume kept
    assert located("A paper whose pages say something else") == (7, None, None)
    assert (
        "locators.bib:57: entry 'badpages': pages `Article in press` is not pages"
        in capsys.readouterr().out
    )
    # and the site builds from them
    build(site, site / "output")


def test_bibtex_entry_is_still_served_as_written(site: Path) -> None:
    assert run_import(site, "bibtex", BIB) == 0
    build(site, site / "output")
    bib = next((site / "output" / "papers").glob("deep-learning/cite.bib"))
    text = bib.read_text(encoding="utf-8")
    assert "issue = {5}" in text and "number" not in text  # biblatex's own, kept verbatim


def test_reimport_fills_gaps_keeps_hand_edits_and_reports_a_difference(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = site / "content" / "papers"
    papers.mkdir(parents=True, exist_ok=True)
    # by hand: Go's volume wrong, its pages written with a hyphen; Deep learning's none
    (papers / "go.md").write_text(
        "---\ntitle: Mastering the game of Go with deep neural networks and tree search\n"
        "authors: [David Silver]\ndate: 2016\nvenue: Nature\nvolume: 592\npages: 484-489\n"
        "doi: 10.1038/nature16961\n---\n",
        encoding="utf-8",
    )
    (papers / "deep.md").write_text(
        "---\ntitle: Deep learning\nauthors: [Yann LeCun]\ndate: 2015\n"
        "venue: PLoS Computational Biology\n---\n",
        encoding="utf-8",
    )
    assert run_import(site, "bibtex", BIB) == 0
    out = capsys.readouterr().out
    go = (papers / "go.md").read_text(encoding="utf-8")
    assert "volume: 592\n" in go and "pages: 484-489\n" in go  # never overwritten
    assert "issue: 7587\n" in go  # the gap filled
    assert "content/papers/go.md:6: conflict  volume: keeps '592'; the import has '529'" in out
    assert "pages:" not in out.split("go.md")[1].split("\n")[0]  # 484-489 is 484–489
    assert "conflict  pages" not in out
    deep = (papers / "deep.md").read_text(encoding="utf-8")
    assert "volume: 11\nissue: 5\npages: e1004256\n" in deep


def test_openalex_and_semantic_scholar_give_volume_issue_and_pages(tmp_path: Path) -> None:
    openalex = new_site(tmp_path / "openalex")
    assert run_import(openalex, "openalex", FIXTURES / "openalex" / "works.json") == 0
    tpami = [d for d in records_by_title(openalex).values() if d.get("volume") == 46]
    assert [(d.get("issue"), d.get("pages")) for d in tpami] == [(12, "8012–8031")]
    s2 = new_site(tmp_path / "s2")
    assert run_import(s2, "semanticscholar", FIXTURES / "semanticscholar" / "author.json") == 0
    found = records_by_title(s2).values()
    assert {(d.get("volume"), d.get("pages")) for d in found if d.get("pages")} == {
        (46, "8012–8031"),
        (None, "1201–1219"),
    }
    # an arXiv paper's `journal.volume`, `abs/2505.21432`, is no volume
    assert not any(str(d.get("volume", "")).startswith("abs/") for d in found)


def test_an_old_site_s_page_takes_them_from_its_bibtex_unless_its_venue_names_them(
    tmp_path: Path,
) -> None:
    """A Hugo page has no volume or pages of its own; its cite.bib has. Hugo's sample
    `publication: '*Journal of Source Themes, 1*(1)'` names them already: taken again,
    the page would read "Journal of Source Themes, 1(1) 1(1)". They are the record's
    volume and issue, read out of the venue (leftovers8), once."""
    marks = new_site(tmp_path / "marks")
    assert run_import(marks, "hugo", FIXTURES / "hugo-marks") == 0
    neural = records_by_title(marks)["A mechanism for synaptic copy between neural circuits"]
    assert (neural["venue"], neural["volume"], neural["issue"], neural["pages"]) == (
        "Neural computation",
        31,
        10,
        "1964–1984",
    )
    sample = new_site(tmp_path / "sample")
    assert run_import(sample, "hugo", FIXTURES / "hugo") == 0
    found = records_by_title(sample)
    journal = found["Our journal article"]
    assert (journal["venue"], journal["volume"], journal["issue"]) == (
        "Journal of Source Themes",
        1,
        1,
    )
    assert "pages" not in journal
    assert found["Our conference paper"]["pages"] == "1–8"


def test_an_academicpages_page_takes_them_from_its_bibtex(tmp_path: Path) -> None:
    old = tmp_path / "old" / "_publications"
    old.mkdir(parents=True)
    (old / "2016-go.md").write_text(
        "---\ntitle: 'Mastering the game of Go'\ncollection: publications\n"
        "date: 2016-01-28\nvenue: 'Nature'\nbibtex: |\n"
        "  @article{silver2016, title={Mastering the game of Go}, author={Silver, David},\n"
        "    journal={Nature}, volume={529}, number={7587}, pages={484--489}, year={2016}}\n"
        "---\n",
        encoding="utf-8",
    )
    site = new_site(tmp_path / "site")
    assert run_import(site, "academicpages", old / "2016-go.md") == 0
    go = records_by_title(site)["Mastering the game of Go"]
    assert (go["volume"], go["issue"], go["pages"]) == (529, 7587, "484–489")


def test_an_imported_page_range_thousands_of_digits_long_is_a_note(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pages that are no pages (a pasted run of digits): the importer's whole-range step
    read them as a number before their length was checked, and the import stopped with
    Python's "Exceeds the limit (4300 digits)" traceback."""
    bib = tmp_path / "long.bib"
    pages = "1" * 5000 + "--" + "2" * 4999
    bib.write_text(
        "@article{long,\n  title = {Long pages},\n  author = {Ada Lovelace},\n"
        f"  journal = {{Nature}},\n  year = {{2020}},\n  volume = {{3}},\n  pages = {{{pages}}}\n}}\n",
        encoding="utf-8",
    )
    assert run_import(site, "bibtex", bib) == 0
    assert "entry 'long': pages `1111" in capsys.readouterr().out
    assert records_by_title(site)["Long pages"].get("pages") is None


def test_two_entries_of_one_title_in_two_issues_are_two_papers(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two editorials of one year, one editor, no DOI, in two issues of a journal: the
    import took them for one paper, kept the first and dropped the second unsaid. Their
    issues and pages say they are two; imported again, each is its own record's."""
    bib = tmp_path / "editorials.bib"
    entry = (
        "@article{{{key},\n  title = {{Editorial}},\n  author = {{Lovelace, Ada}},\n"
        "  journal = {{Journal of Engines}},\n  year = {{2020}},\n  volume = {{12}},\n"
        "  number = {{{issue}}},\n  pages = {{{pages}}}\n}}\n"
    )
    bib.write_text(
        entry.format(key="ed1", issue=1, pages="1--2")
        + entry.format(key="ed2", issue=2, pages="101--102"),
        encoding="utf-8",
    )
    assert run_import(site, "bibtex", bib) == 0
    records = [data for _, data, _ in read_papers(site) if data["title"] == "Editorial"]
    assert sorted((d["issue"], d["pages"]) for d in records) == [(1, "1–2"), (2, "101–102")]
    capsys.readouterr()
    assert run_import(site, "bibtex", bib) == 0
    assert "2 works: 0 new, 0 updated, 2 unchanged" in capsys.readouterr().out
    # one paper listed twice, with its first page alone and with its range: one place
    once = tmp_path / "once.bib"
    once.write_text(
        entry.format(key="go1", issue=7587, pages="484").replace("Editorial", "Go")
        + entry.format(key="go2", issue=7587, pages="484--489").replace("Editorial", "Go"),
        encoding="utf-8",
    )
    assert run_import(site, "bibtex", once) == 0
    assert [d["pages"] for _, d, _ in read_papers(site) if d["title"] == "Go"] == [484]


def test_a_paper_s_pages_are_read_once_for_all_its_page_shows(
    make_site: Callable[[dict[str, str | bytes]], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A paper's page read its pages four times (its venue line twice, Scholar's tags,
    JSON-LD), and the CV once more: ~3 µs each, on every paper page of a 10,000-paper
    site. Its stored text, already checked, is read once."""
    from generator import locators

    reads: list[str] = []
    read = locators.read_pages

    def counting(text: str) -> object:
        reads.append(text)
        return read(text)

    monkeypatch.setattr(locators, "read_pages", counting)
    pages = "1207–1213"  # pages no other test's site has: read here first
    site = make_site(
        {
            "site.yaml": "title: Ada\nmain_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/papers/engines.md": JOURNAL.replace("45--67", "1207--1213"),
        }
    )
    build(site, tmp_path / "out")
    page = (tmp_path / "out/papers/engines/index.html").read_text(encoding="utf-8")
    assert 'citation_firstpage" content="1207"' in page and pages in page
    assert reads.count(pages) <= 1


def test_cite_bib_escapes_latex_s_specials_in_the_venue_and_its_numbers(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """A hand-written venue, volume or issue is plain text on the page; cite.bib copied its
    `_` (and `$`, `^`, `~`) as they were, and the reader's LaTeX stopped at "Missing $
    inserted". They are escaped as a title's `_` is; LaTeX written escaped stays as it is."""
    out = one_paper_site(
        make_site,
        tmp_path,
        "title: On snake_case names\ntype: conference\n"
        'venue: "Workshop on snake_case & 100% #1 ~ x^2 $5 (\\\\& kept)"\n'
        "volume: 12_A\nissue: 3~4\npages: 45--67",
    )
    [entry] = bibtexparser.parse_string(
        (out / "papers" / "t" / "cite.bib").read_text(encoding="utf-8")
    ).entries
    fields = {f.key: f.value for f in entry.fields}
    assert fields["title"] == r"{On snake\_case names}"  # as a title's `_` always was
    assert fields["booktitle"] == (
        r"Workshop on snake\_case \& 100\% \#1 \textasciitilde{} x\textasciicircum{}2 \$5"
        r" (\& kept)"
    )
    assert (fields["volume"], fields["number"], fields["pages"]) == (
        r"12\_A",
        r"3\textasciitilde{}4",
        "45--67",
    )


def test_cite_bib_escapes_a_venue_s_tilde_whose_braces_do_not_nest(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """Braces that do not nest are dropped from a field (they would end it early); they were
    dropped after `~` became `\\textasciitilde{}`, whose `{}` went with them: `~b` was
    `\\textasciitildeb`, and pdflatex stopped at "Undefined control sequence"."""
    out = one_paper_site(
        make_site, tmp_path, 'title: On x\ntype: conference\nvenue: "Workshop on x^y and ~b }"'
    )
    [entry] = bibtexparser.parse_string(
        (out / "papers" / "t" / "cite.bib").read_text(encoding="utf-8")
    ).entries
    booktitle = {f.key: f.value for f in entry.fields}["booktitle"]
    assert booktitle.strip() == r"Workshop on x\textasciicircum{}y and \textasciitilde{}b"


def test_cite_bib_keeps_a_title_s_markup_whose_braces_do_not_nest(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """So for a title: `**bold** }` was `\textbfbold`, and pdflatex stopped there too."""
    out = one_paper_site(make_site, tmp_path, 'title: "On **bold** and x^y }"')
    [entry] = bibtexparser.parse_string(
        (out / "papers" / "t" / "cite.bib").read_text(encoding="utf-8")
    ).entries
    title = {f.key: f.value for f in entry.fields}["title"]
    assert title == r"{On \textbf{bold} and x\textasciicircum{}y}"


@pytest.mark.parametrize(
    ("language", "issue", "line"),
    [
        ("en", "3", 'Journal of Machines, <span class="locator">no. 3, 45–67</span>'),
        ("de", "3", 'Journal of Machines, <span class="locator">Nr. 3, 45–67</span>'),
        # words of their own, as the README's `Suppl 2` and biblatex's `Spring`: not "no. Spring"
        ("en", "Suppl 2", 'Journal of Machines, <span class="locator">Suppl 2, 45–67</span>'),
        ("de", "Spring", 'Journal of Machines, <span class="locator">Spring, 45–67</span>'),
    ],
)
def test_an_issue_without_a_volume_reads_as_its_number(
    make_site: Callable[[dict[str, str | bytes]], Path],
    tmp_path: Path,
    language: str,
    issue: str,
    line: str,
) -> None:
    """An issue alone showed as "Journal of Machines (3)", a footnote's mark more than an
    issue: it reads "Journal of Machines, no. 3", as Chicago writes it, in the page's language."""
    fields = f"issue: {issue}\npages: 45-67"
    site = make_site(
        {
            "site.yaml": f"title: Ada\nmain_author: ada\nlanguage: {language}\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/papers/engines.md": RECORD.format(fields=fields),
        }
    )
    build(site, tmp_path / "out")
    page = (tmp_path / "out" / "papers" / "engines" / "index.html").read_text(encoding="utf-8")
    assert f"<dd>{line}</dd>" in page
    cv = (tmp_path / "out" / "cv" / "index.html").read_text(encoding="utf-8")
    assert f"<em>Journal of Machines</em>, {line.split(', ', 1)[1]}, " in cv


def test_pages_written_with_their_word_are_imported_as_pages(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Real .bib files write `pp 39` (no dot), a German chapter's `S. 72-89`: they were
    refused as no pages and left out. A word that is no pages is still a note at its line."""
    assert run_import(site, "bibtex", FIXTURES / "bibtex" / "page-words.bib") == 0
    found = {title: data.get("pages") for title, data in records_by_title(site).items()}
    assert found["Wiley-Schnellkurs Bioinformatik – Datenmassen richtig fassen"] == "72–89"
    assert found["A range after pp without its dot"] == "3–5"
    assert found["A range with spaces around its dash"] == "3–5"
    assert found["One page after p."] == 7
    assert [pages for title, pages in found.items() if "queenfish" in title] == [39]
    assert found["Pages that are a word"] is None
    out = capsys.readouterr().out
    assert "page-words.bib:45: entry 'nonsense': pages `pp. see text` is not pages" in out
    assert out.count("is not pages") == 1


@pytest.mark.parametrize(
    ("pages", "kept"),
    # `S` with a space as the README says, not only with its dot; `S12` is still a page
    [("pp 45-67", "45–67"), ("S. 45-67", "45–67"), ("p 7", "7"), ("S 72-89", "72–89")],
)
def test_a_record_s_pages_may_name_their_word_without_its_dot(pages: str, kept: str) -> None:
    record, problems = parsed(f"pages: {pages}")
    assert problems == []
    assert str(record.pages) == kept  # type: ignore[attr-defined]


WHOLE_WORKS = {
    "book": "venue: Springer\ntype: book\npages: 312",
    "thesis": "venue: Massachusetts Institute of Technology\ntype: phdthesis\npages: 180",
    "report": "venue: CSIRO\ntype: report\npages: pp 39",
    "chapter": "venue: Handbook of Engines\ntype: chapter\npages: 312",  # a page of the book
}


@pytest.fixture
def whole_works(make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path) -> Path:
    papers = {stem: f"title: On {stem}s\n{lines}" for stem, lines in WHOLE_WORKS.items()}
    return ada_site(make_site, tmp_path / "out", papers, site=f"base_url: {BASE}\n")


@pytest.mark.parametrize(("stem", "count"), [("book", "312"), ("thesis", "180"), ("report", "39")])
def test_a_book_s_pages_of_one_number_are_its_count_of_pages(
    whole_works: Path, stem: str, count: str
) -> None:
    """BibTeX's `pages = {312}` of a @book (a thesis, a report) is how many pages it has:
    Scholar was told 312 was its first page, and the page showed "Springer, 312"."""
    meta = dict(head(whole_works / "papers" / stem / "index.html").meta)
    assert "citation_firstpage" not in meta and "citation_lastpage" not in meta
    page = (whole_works / "papers" / stem / "index.html").read_text(encoding="utf-8")
    assert f', <span class="locator">{count} pp.</span></dd>' in page
    [entry] = bibtexparser.parse_string(
        (whole_works / "papers" / stem / "cite.bib").read_text(encoding="utf-8")
    ).entries
    fields = {f.key: f.value for f in entry.fields}
    assert fields.get("pagetotal") == count and "pages" not in fields
    data = json.loads(head(whole_works / "papers" / stem / "index.html").jsonld[0])
    assert "pageStart" not in data
    assert data.get("numberOfPages") == (312 if stem == "book" else None)


def test_a_chapter_s_one_page_is_still_a_page(whole_works: Path) -> None:
    meta = dict(head(whole_works / "papers" / "chapter" / "index.html").meta)
    assert meta["citation_firstpage"] == "312"


@pytest.mark.parametrize(
    ("slug", "title", "count", "venue"),
    [
        # Zotero's BibLaTeX export: a book's number of pages as `pagetotal = {79}`
        ("savoir-et-pouvoir", "Savoir et pouvoir", 79, "Hatier"),
        # MathSciNet's: `PAGES = {xii+308}`, its front matter's pages and the text's
        ("universal-algebra", "Universal algebra", 308, "CRC Press, Boca Raton, FL"),
    ],
)
def test_a_book_s_count_of_pages_is_imported_as_exports_write_it(
    site: Path, slug: str, title: str, count: int, venue: str
) -> None:
    """A book's count of pages as Zotero's and MathSciNet's exports write it (the way
    cite.bib writes it back, `pagetotal`, and `xii+308`): left out, the second with a note
    saying it was no pages, and the page said nothing of it."""
    assert run_import(site, "bibtex", FIXTURES / "bibtex" / "page-words.bib") == 0
    assert records_by_title(site)[title].get("pages") == count
    build(site, site / "output")
    page = (site / "output" / "papers" / slug / "index.html").read_text("utf-8")
    assert f"{count} pp.</span></dd>" in page and f"<dd>{venue}" in page


def test_a_proceedings_volume_s_count_of_pages_is_not_imported_as_a_page(site: Path) -> None:
    assert run_import(site, "bibtex", FIXTURES / "bibtex" / "page-words.bib") == 0
    [volume] = [d for t, d in records_by_title(site).items() if t.startswith("Computer Vision")]
    assert (volume.get("volume"), volume.get("pages")) == (12346, None)


def test_a_series_volume_is_named_with_its_series(site: Path) -> None:
    """`volume = {12333}` of an @inproceedings with `series = {Lecture Notes in Computer
    Science}` is LNCS's volume: the page read "…, Proceedings 12333, 531–547", as if it
    were the conference's. Scholar still gets it as `citation_volume`, as its inclusion
    guidelines ask of a conference's paper; a venue that is the series keeps it after it."""
    assert run_import(site, "bibtex", FIXTURES / "bibtex" / "series.bib") == 0
    found = records_by_title(site)
    assert {t[:8]: (d.get("series"), d.get("volume")) for t, d in found.items()} == {
        "HADDOCK:": ("Lecture Notes in Computer Science", 12333),
        "Unsuperv": ("Proceedings of Machine Learning Research", 37),
        "PAOS: a ": (
            "Society of Photo-Optical Instrumentation Engineers (SPIE) Conference Series",
            13092,
        ),
        "Post-pro": (
            "Society of Photo-Optical Instrumentation Engineers (SPIE) Conference Series",
            10400,
        ),
    }
    build(site, site / "output")
    lines = {}
    for page in (site / "output" / "papers").glob("*/index.html"):
        text = page.read_text(encoding="utf-8")
        lines[page.parent.name[:8]] = text.split('<span class="locator">')[1].split("</span>")[0]
        if page.parent.name.startswith("haddock"):
            meta = dict(head(page).meta)
    assert lines == {
        "haddock-": "(LNCS 12333), 531–547",
        "unsuperv": "(PMLR 37), 1180–1189",
        "paos-a-f": "(Proc. SPIE 13092), 130924K",
        "post-pro": "10400, 1040021",
    }
    assert (meta["citation_volume"], meta["citation_firstpage"]) == ("12333", "531")


def test_a_series_is_not_added_beside_a_volume_of_the_record_s_own(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The import's series says whose volume the record's `volume` is: added beside a
    volume written by hand (`3`, the proceedings' part), the page read "CP 2020 (LNCS 3)".
    The volume's conflict says why; once the record takes the import's volume, it follows."""
    record = site / "content" / "papers" / "haddock.md"
    record.write_text(
        "---\ntitle: 'HADDOCK: A Language and Architecture for Decision Diagram Compilation'\n"
        "authors: [Rebecca Gentzel, Laurent Michel, Willem Jan van Hoeve]\ndate: 2020\n"
        "type: conference\nvenue: CP 2020\nvolume: 3\npages: 531-547\n---\n",
        encoding="utf-8",
    )
    assert run_import(site, "bibtex", FIXTURES / "bibtex" / "series.bib") == 0
    assert "series" not in yaml.safe_load(record.read_text(encoding="utf-8").split("---")[1])
    assert (
        "haddock.md:7: conflict  volume: keeps '3'; the import has '12333' (of its series, "
        "'Lecture Notes in Computer Science', which is not added beside your volume: write "
        "`volume: 12333` to take both)"
    ) in capsys.readouterr().out
    build(site, site / "output")
    page = (site / "output" / "papers" / "haddock" / "index.html").read_text(encoding="utf-8")
    assert '<dd>CP 2020, <span class="locator">vol. 3, 531–547</span></dd>' in page
    record.write_text(record.read_text(encoding="utf-8").replace("volume: 3\n", "volume: 12333\n"))
    assert run_import(site, "bibtex", FIXTURES / "bibtex" / "series.bib") == 0
    assert "(series added)" in capsys.readouterr().out
    text = record.read_text(encoding="utf-8")
    assert "series: Lecture Notes in Computer Science\nvolume: 12333\n" in text


def test_a_series_shortened_by_hand_is_no_conflict(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`series: LNCS` by hand is the import's `Lecture Notes in Computer Science`, as the
    page names it: every re-import said a conflict, which only taking the long name ended."""
    assert run_import(site, "bibtex", FIXTURES / "bibtex" / "series.bib") == 0
    [record] = (site / "content" / "papers").glob("haddock-*.md")
    long = "series: Lecture Notes in Computer Science\n"
    record.write_text(record.read_text(encoding="utf-8").replace(long, "series: LNCS\n"))
    capsys.readouterr()
    assert run_import(site, "bibtex", FIXTURES / "bibtex" / "series.bib") == 0
    assert "conflict  " not in capsys.readouterr().out
    assert "series: LNCS\n" in record.read_text(encoding="utf-8")


def test_a_hand_written_series_is_in_cite_bib_and_spie_s_volume_follows_its_name(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    papers = {
        "eccv": "title: On ECCV\nvenue: ECCV 2020\ntype: conference\n"
        "series: Lecture Notes in Computer Science\nvolume: 12346\npages: 213-229",
        # SPIE's papers are cited by Proc. SPIE's volume, written as the venue
        "spie": "title: On SPIE\nvenue: Proc. SPIE\nvolume: 11313\npages: 113130A",
    }
    ada_site(make_site, tmp_path / "out", papers)
    eccv = (tmp_path / "out" / "papers" / "eccv" / "index.html").read_text(encoding="utf-8")
    assert '<dd>ECCV 2020 <span class="locator">(LNCS 12346), 213–229</span></dd>' in eccv
    spie = (tmp_path / "out" / "papers" / "spie" / "index.html").read_text(encoding="utf-8")
    assert '<dd>Proc. SPIE <span class="locator">11313, 113130A</span></dd>' in spie
    [entry] = bibtexparser.parse_string(
        (tmp_path / "out" / "papers" / "eccv" / "cite.bib").read_text(encoding="utf-8")
    ).entries
    fields = {f.key: f.value for f in entry.fields}
    assert (fields["series"], fields["volume"]) == ("Lecture Notes in Computer Science", "12346")


@pytest.mark.parametrize(
    ("venue", "where"),
    [
        ("ICCIS 2020", "(CCIS 1234), 1–10"),  # a conference whose name holds CCIS
        ("CCIS 1234", "1234, 1–10"),  # the venue is the series: named once
        ("Proc. of ICCIS (CCIS)", "1234, 1–10"),
    ],
)
def test_a_venue_names_its_series_only_as_words_of_its_own(venue: str, where: str) -> None:
    """A conference whose acronym holds the series' short name (`ICCIS` holds `CCIS`)
    hid the series: its volume read as the conference's, "ICCIS 2020 1234, 1–10"."""

    @dataclass
    class Record:
        venue: str | None
        series: str | None = "Communications in Computer and Information Science"
        volume: str | None = "1234"
        issue: str | None = None
        pages: str | None = "1–10"
        type: str | None = None

    assert locator(Record(venue)) == where


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "vol. 12346"), ("de", "Bd. 12346"), ("ja", "第12346巻"), ("ru", "т. 12346")],
)
def test_a_conference_s_volume_without_its_series_reads_as_a_volume(
    make_site: Callable[[dict[str, str | bytes]], Path],
    tmp_path: Path,
    language: str,
    said: str,
) -> None:
    """A conference record with `volume` and no `series` read "ECCV 2020 12346", the
    volume as part of the conference's name: it reads "ECCV 2020, vol. 12346", in the
    page's language. A journal's volume and a series' read as before."""
    papers = {
        "eccv": "title: On ECCV\nvenue: ECCV 2020\ntype: conference\nvolume: 12346\npages: 213-229",
        "lncs": "title: On LNCS\nvenue: ECCV 2020\ntype: conference\n"
        "series: Lecture Notes in Computer Science\nvolume: 12346\npages: 213-229",
        "nature": "title: On Nature\nvenue: Nature\nvolume: 12\nissue: 3\npages: 45-67",
        # a journal whose name reads as a conference's: its issue says it is a journal
        "pnas": "title: On PNAS\nvenue: Proceedings of the National Academy of Sciences\n"
        "volume: 117\nissue: 3\npages: 1-10",
    }
    out = ada_site(make_site, tmp_path / "out", papers, f"language: {language}\n")

    def page(slug: str) -> str:
        return (out / "papers" / slug / "index.html").read_text(encoding="utf-8")

    assert f'<dd>ECCV 2020, <span class="locator">{said}, 213–229</span></dd>' in page("eccv")
    assert '<dd>ECCV 2020 <span class="locator">(LNCS 12346), 213–229</span></dd>' in page("lncs")
    assert '<dd>Nature <span class="locator">12(3), 45–67</span></dd>' in page("nature")
    assert 'Sciences <span class="locator">117(3), 1–10</span></dd>' in page("pnas")
    cv = (out / "cv" / "index.html").read_text(encoding="utf-8")
    assert f'<em>ECCV 2020</em>, <span class="locator">{said}, 213–229</span>, ' in cv


def test_a_journal_s_series_is_named_after_the_journal_with_the_journal_s_volume(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """A journal's `series` is the journal's own (biblatex's `series` of an @article:
    biblatex-examples.bib's American Anthropologist, new series; a Zotero user's `Series
    B`), its `volume` and `issue` the journal's: the page read "American Anthropologist
    (new series 93(1)), 9–27", as if 93(1) were the series' volume and issue. It reads as
    APA's and Chicago's styles print it, the series after the journal's name, and so does
    an issue beside a well-known series of books. An LNCS journal (Transactions on Rough
    Sets X is LNCS 5656) without an issue keeps the series' volume."""
    papers = {
        "shore": "title: Twice-Born, Once Conceived\nvenue: American Anthropologist\n"
        "type: article\nseries: new series\nvolume: 93\nissue: 1\npages: 9-27",
        "rss": "title: On Lasso\nvenue: Journal of the Royal Statistical Society\n"
        "series: Series B\nvolume: 58\npages: 267-288",
        "things": "title: On Things\nvenue: Journal of Things\ntype: article\n"
        "series: LNCS\nvolume: 12\nissue: 3\npages: 45-67",
        "trs": "title: On Rough Sets\nvenue: Transactions on Rough Sets X\ntype: article\n"
        "series: Lecture Notes in Computer Science\nvolume: 5656\npages: 1-20",
    }
    out = ada_site(make_site, tmp_path / "out", papers)

    def line(slug: str) -> str:
        page = (out / "papers" / slug / "index.html").read_text(encoding="utf-8")
        return page.split("<dd>", 1)[1].split("</dd>")[0]

    assert line("shore") == (
        'American Anthropologist, <span class="locator">new series, 93(1), 9–27</span>'
    )
    assert line("rss") == (
        'Journal of the Royal Statistical Society, <span class="locator">Series B, 58, '
        "267–288</span>"
    )
    assert line("things") == 'Journal of Things, <span class="locator">LNCS, 12(3), 45–67</span>'
    assert line("trs") == (
        'Transactions on Rough Sets X <span class="locator">(LNCS 5656), 1–20</span>'
    )
    cv = (out / "cv" / "index.html").read_text(encoding="utf-8")
    assert '<em>American Anthropologist</em>, <span class="locator">new series, 93(1)' in cv
    meta = dict(head(out / "papers" / "shore" / "index.html").meta)
    assert (meta["citation_journal_title"], meta["citation_volume"], meta["citation_issue"]) == (
        "American Anthropologist",
        "93",
        "1",
    )
    [entry] = bibtexparser.parse_string(
        (out / "papers" / "shore" / "cite.bib").read_text(encoding="utf-8")
    ).entries
    fields = {f.key: f.value for f in entry.fields}
    assert entry.entry_type == "article"
    assert (fields["journal"], fields["series"], fields["volume"], fields["number"]) == (
        "American Anthropologist",
        "new series",
        "93",
        "1",
    )


def test_an_imported_journal_s_series_is_kept_as_biblatex_prints_it(site: Path) -> None:
    """biblatex's `series` of an @article (biblatex-examples.bib's American Anthropologist,
    `newseries`; the William and Mary Quarterly's 3rd series, `series = 3`) was dropped:
    the page read "American Anthropologist 93(1)", a volume of the old series' numbering
    as much as of the new's. It is the record's `series`, in the words biblatex prints."""
    assert run_import(site, "bibtex", FIXTURES / "bibtex" / "journal-series.bib") == 0
    found = {t[:8]: (d.get("series"), d.get("volume")) for t, d in records_by_title(site).items()}
    assert found == {
        "Twice-Bo": ("new series", 93),
        "Herder a": ("new series", 9),
        "Georgia ": ("3rd series", 15),
    }
    build(site, site / "output")
    lines = {}
    for page in (site / "output" / "papers").glob("*/index.html"):
        text = page.read_text(encoding="utf-8")
        lines[page.parent.name[:8]] = text.split("<dd>", 1)[1].split("</dd>")[0]
    assert lines == {
        "twice-bo": 'American Anthropologist, <span class="locator">new series, 93(1), 9–27</span>',
        "herder-a": 'Publications of the English Goethe Society, <span class="locator">new series, '
        "9, 46–67</span>",
        "georgia-": 'William and Mary Quarterly, <span class="locator">3rd series, 15, '
        "168–190</span>",
    }
