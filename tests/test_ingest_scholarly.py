"""Semantic Scholar and OpenAlex: new works, citation counts with source and date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.ingest.commands import h_index
from tests.ingest_support import FIXTURES, new_site, read_papers, snapshot

S2 = FIXTURES / "semanticscholar"
OPENALEX = FIXTURES / "openalex"
GARBLED = ":2: paper '9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3': author name 'JÃ¶rg MÃ¼ller'"
EPOCH = "1764288000"  # 2025-11-28, so the stamped date is known


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return new_site(tmp_path / "site")


def records(site: Path) -> dict[str, dict[str, Any]]:
    return {str(data["title"]): data for _, data, _ in read_papers(site)}


def run(site: Path, *args: str) -> int:
    return main([*args, "--site", str(site)])


def test_author_response_creates_records_with_counts_source_and_date(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(site, "import", "semanticscholar", str(S2 / "author.json")) == 0
    found = records(site)
    assert len(found) == 9
    align = found[
        "Align Anything: Training All-Modality Models to Follow Instructions with Language Feedback"
    ]
    assert align["citations"] == 150
    assert align["citations_source"] == "Semantic Scholar"
    assert str(align["citations_date"]) == "2025-11-28"
    assert align["venue"] == "Neural Information Processing Systems"
    assert align["arxiv_id"] == "2406.15513"
    assert align["links"] == {  # type: ignore[comparison-overlap]
        "arxiv": "https://arxiv.org/abs/2406.15513",
        "pdf": "https://arxiv.org/pdf/2406.15513",
    }
    inter = found["InterMT: Multi-Turn Interleaved Preference Alignment with Human Feedback"]
    assert str(inter["date"]) == "2024"  # no publicationDate: the year
    out = capsys.readouterr().out
    assert "Kaile Wang: the source reports h-index 6, 335 citations, 9 papers" in out


def test_imported_counts_give_the_h_index_semantic_scholar_reports(site: Path) -> None:
    assert run(site, "import", "semanticscholar", str(S2 / "author.json")) == 0
    counts = [int(str(r["citations"])) for r in records(site).values()]
    reported = yaml.safe_load((S2 / "author.json").read_text(encoding="utf-8"))["hIndex"]
    assert h_index(counts) == reported


def test_a_papers_page_refreshes_counts_an_import_wrote(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(site, "import", "semanticscholar", str(S2 / "author.json")) == 0
    assert run(site, "import", "semanticscholar", str(S2 / "papers-page.json")) == 0
    found = records(site)
    title = (
        "Align Anything: Training All-Modality Models to Follow Instructions with Language Feedback"
    )
    assert found[title]["citations"] == 163
    assert "one page of papers; import the next page too (offset=2)" in capsys.readouterr().out
    # The page has no count for this one: the last good value stays.
    assert found["Position: Alignment Needs Auditable Benchmarks"]["citations"] == 0
    assert len(found) == 9


def test_a_count_set_by_hand_is_a_conflict_not_an_update(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = site / "content" / "papers" / "survey.md"
    mine.write_text(
        "---\ntitle: A Survey of Safe Reinforcement Learning from Human Feedback\n"
        "authors: [Juntao Dai, Kaile Wang, Yaodong Yang]\ndate: 2024-05\ncitations: 120\n---\n",
        encoding="utf-8",
    )
    assert run(site, "import", "openalex", str(OPENALEX / "works.json")) == 0
    data = yaml.safe_load(mine.read_text(encoding="utf-8").split("---\n")[1])
    assert data["citations"] == 120
    assert "citations_source" not in data
    assert "citations: keeps 120 (set by hand); OpenAlex reports 101" in capsys.readouterr().out


def test_openalex_works_map_and_match_arxiv_preprints(site: Path) -> None:
    assert run(site, "import", "arxiv", str(FIXTURES / "arxiv" / "new.xml")) == 0
    assert run(site, "import", "openalex", str(OPENALEX / "works.json")) == 0
    found = records(site)
    assert len(found) == 5  # 3 from arXiv + 2 new; the arXiv DOI matched its preprint
    reward = found["Reward Models for Multi-Turn Dialogue Safety"]
    assert reward["citations"] == 38 and reward["citations_source"] == "OpenAlex"
    survey = found["A Survey of Safe Reinforcement Learning from Human Feedback"]
    assert survey["doi"] == "10.1109/tpami.2024.3401234"
    assert survey["authors"] == ["Juntao Dai", "Kaile Wang", "Yaodong Yang"]
    assert survey["venue"] == "IEEE Transactions on Pattern Analysis and Machine Intelligence"
    assert survey["type"] == "article"
    position = found["Position: Alignment Needs Auditable Benchmarks"]
    assert position["type"] == "conference"
    body = (site / "content" / "papers").glob("position-*.md")
    assert "Benchmarks should be auditable." in next(body).read_text(encoding="utf-8")


def test_author_without_papers_reports_figures_and_writes_nothing(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(site)
    assert run(site, "import", "semanticscholar", str(S2 / "author-no-papers.json")) == 0
    assert snapshot(site) == before
    assert "the source reports h-index 6, 335 citations, 9 papers" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("command", "fixture", "expected"),
    [
        ("semanticscholar", S2 / "error.json", ":1: the API answered with an error: Author with"),
        ("semanticscholar", S2 / "malformed.json",
         ":3: malformed JSON: Expecting ',' delimiter at column 1; the file ends before"),
        # a slip inside the file: its column, and no word of a download cut short
        ("openalex", OPENALEX / "missing-comma.json",
         ":1: malformed JSON: Expecting ',' delimiter at column 23\n"),
        # a download cut short: json's "Unterminated string starting at" read cut off too
        ("semanticscholar", S2 / "cut-short.json",
         ":2: malformed JSON: Unterminated string starting at column 31; the file ends "
         "before the answer does (a download cut short?): save the whole answer again"),
        ("semanticscholar", S2 / "mojibake.json", GARBLED),
        # Semantic Scholar's rate limit: a "message" and a "code", not "not a response".
        ("semanticscholar", S2 / "rate-limited.json",
         ":1: the API answered with an error (429): Too Many Requests. Please wait"),
        ("openalex", OPENALEX / "error.json", ":1: the API answered with an error: filter is not"),
        ("openalex", OPENALEX / "empty.json", ":1: no works in this response"),
        ("openalex", S2 / "author.json", ":1: not an OpenAlex works response"),
    ],
)  # fmt: skip
def test_bad_responses_are_located_and_nothing_is_written(
    site: Path, capsys: pytest.CaptureFixture[str], command: str, fixture: Path, expected: str
) -> None:
    before = snapshot(site)
    assert run(site, "import", command, str(fixture)) == 1
    assert f"{fixture}{expected}" in capsys.readouterr().err
    assert snapshot(site) == before


def test_h_index_definition() -> None:
    assert h_index([]) == 0
    assert h_index([0, 0]) == 0
    assert h_index([10, 8, 5, 4, 3]) == 4
    assert h_index([25, 8, 5, 3, 3]) == 3
    assert h_index([1, 1, 1]) == 1


def test_a_response_without_paper_fields_says_which_fields_to_ask_for(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bare = tmp_path / "bare.json"
    bare.write_text(
        '{"authorId": "2267490315", "name": "Kaile Wang", "papers": [\n'
        '  {"paperId": "2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e", "title": "Align Anything"}]}\n',
        encoding="utf-8",
    )
    assert run(site, "import", "semanticscholar", str(bare)) == 1
    err = capsys.readouterr().err
    assert f"{bare}:1: the papers carry no authors or year; ask the API for them" in err
    assert "papers.authors" in err and "papers.citationCount" in err


def test_publisher_markup_in_titles_becomes_text_and_emphasis(site: Path) -> None:
    # OpenAlex passes on Crossref's inline HTML: <i>, <scp>, <sub>, entities.
    assert run(site, "import", "openalex", str(OPENALEX / "markup.json")) == 0
    found = records(site)
    assert (
        "Genomic signatures of *Wolbachia* infection in COVID‐19 era mosquito populations: "
        "H₂O & CO₂ stress"
    ) in found
    server = found["On the *k*-Server Conjecture for *n* < *k* + 2"]
    assert str(server["date"]) == "2022"
    assert run(site, "build") == 0
    pages = site / "output" / "papers"
    page = next(pages.glob("genomic-signatures-of-wolbachia-*/index.html"))
    html = page.read_text(encoding="utf-8")
    assert "<h1>Genomic signatures of <em>Wolbachia</em> infection" in html
    assert "&lt;i&gt;" not in html and "&amp;amp;" not in html


def test_papers_the_database_lists_without_year_or_authors_are_left_out_with_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Semantic Scholar lists supplements and front matter with "year": null or no authors;
    # they stopped the whole import, and the saved response is no file to fix by hand.
    source = S2 / "author-incomplete.json"
    assert run(site, "import", "semanticscholar", str(source)) == 0
    out = capsys.readouterr().out
    assert sorted(records(site)) == [
        "AI Alignment: A Comprehensive Survey",
        "Safe RLHF: Safe Reinforcement Learning from Human Feedback",
    ]
    assert (
        f"note: {source}:26: paper 'e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4' "
        "('Supplementary Material: Safe Exploration') left out: the response gives no year"
    ) in out
    assert "('Workshop Proceedings Front Matter') left out: the response gives no authors" in out
    survey = records(site)["AI Alignment: A Comprehensive Survey"]
    assert survey["citations"] == 48 and survey["doi"] == "10.1145/3626234"


def test_items_not_shaped_as_the_api_writes_them_are_each_named(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A hand-edited answer: an author as a string, then as a list.
    edited = tmp_path / "works.json"
    edited.write_text(
        '{"meta": {"count": 2, "page": 1, "per_page": 25}, "results": [\n'
        ' {"id": "https://openalex.org/W1", "title": "One", "publication_year": 2021,\n'
        '  "authorships": [{"author": "Kaile Wang"}]},\n'
        ' {"id": "https://openalex.org/W2", "title": "Two", "publication_year": 2022,\n'
        '  "authorships": [{"author": ["Kaile Wang"]}]}\n]}\n',
        encoding="utf-8",
    )
    before = snapshot(site)
    assert run(site, "import", "openalex", str(edited)) == 1
    err = capsys.readouterr().err
    assert f"{edited}:2: https://openalex.org/W1: not shaped as the API writes it" in err
    assert f"{edited}:4: https://openalex.org/W2: not shaped as the API writes it" in err
    assert "Traceback" not in err
    assert snapshot(site) == before


def test_control_characters_and_impossible_counts_are_dropped_with_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Abstracts taken from PDFs carry form feeds, and data bases the odd escape code; a
    # record may hold none (it would not build), and the saved response is no file to fix.
    source = S2 / "author-control-characters.json"
    assert run(site, "import", "semanticscholar", str(source)) == 0
    out = capsys.readouterr().out
    safety = records(site)["Safety Alignment of Vision-Language Models"]
    assert safety["venue"] == "arXiv.org [0m"
    assert safety["authors"] == ["Kaile Wang", "Jiaming Ji"]
    [(_, _, abstract)] = [r for r in read_papers(site) if r[1]["title"].startswith("Safety")]
    assert (
        abstract == "Abstract extracted from the PDF. Page two of the abstract, with a stray bell."
    )
    where = f"note: {source}:13: paper '5f0c1d2e3a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9'"
    assert f"{where}: control characters in authors, abstract, venue replaced" in out
    assert "citations" not in records(site)["A Count Beyond Belief"]
    assert (
        f"note: {source}:43: paper '6a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c': "
        "citation count 1000000000000000000000000000000 is not believable; imported without it"
    ) in out
    assert main(["build", "--site", str(site)]) == 0


@pytest.mark.parametrize(("command", "response"), [("semanticscholar", S2), ("openalex", OPENALEX)])
def test_an_http_pdf_link_is_kept_and_a_script_one_is_not(
    site: Path, command: str, response: Path
) -> None:
    """JMLR and many repositories still give `http://` PDF addresses: a link all the same."""
    assert run(site, "import", command, str(response / "pdf-links.json")) == 0
    found = records(site)
    dropout = found["Dropout: a simple way to prevent neural networks from overfitting"]
    assert dropout["links"]["pdf"].startswith("http://")
    assert dropout["links"]["pdf"].endswith("/srivastava14a/srivastava14a.pdf")
    hostile = [data for title, data in found.items() if not title.startswith("Dropout")]
    assert hostile and all("links" not in data for data in hostile)
    assert run(site, "build") == 0
    page = next((site / "output" / "papers").glob("dropout-*/index.html")).read_text()
    assert f'href="{dropout["links"]["pdf"]}"' in page
    assert "javascript:" not in page.lower() and "data:application" not in page


def test_a_spelling_of_a_site_authors_name_the_record_lacks_is_named_with_the_alias_to_add(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Semantic Scholar writes `J. Schmidhuber`. The site matches names and aliases only,
    so those papers did not show as his: the name not bold, `J. Schmidhuber` his own most
    frequent co-author, and on a site without main_author the papers on no profile."""
    from generator.build import build

    site = new_site(tmp_path / "site", "Jürgen Schmidhuber")
    (site / "site.yaml").write_text("title: IDSIA\n", encoding="utf-8")  # a group's site
    (site / "content" / "authors" / "kazuki-irie.yaml").write_text(
        "name: Kazuki Irie\n", encoding="utf-8"
    )
    source = str(FIXTURES / "semanticscholar" / "abbreviated-names.json")
    assert main(["import", "semanticscholar", source, "--site", str(site)]) == 0
    out = capsys.readouterr().out
    record = "content/authors/jurgen-schmidhuber.yaml"
    assert (
        f"note: 'J. Schmidhuber' (3 works) may be Jürgen Schmidhuber: if so, add it to "
        f"aliases in {record}, so that those papers show as theirs"
    ) in out
    assert "R. Srivastava" not in out and "Kazuki Irie" not in out  # no site author's
    path = site / record
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("aliases: []", "aliases: [J. Schmidhuber]"), encoding="utf-8")
    assert main(["import", "semanticscholar", source, "--site", str(site)]) == 0
    assert "may be" not in capsys.readouterr().out
    build(site, site / "output")
    profile = site / "output" / "authors" / "jurgen-schmidhuber" / "index.html"
    profile = profile.read_text(encoding="utf-8")
    assert "Long Short-Term Memory" in profile and "World Models" in profile


@pytest.mark.parametrize(
    ("spelling", "fits"),
    [
        ("J. Schmidhuber", True),
        ("Schmidhuber, J.", True),
        ("Juergen Schmidhuber", True),  # arXiv's transliteration
        ("J Schmidhuber", True),
        ("K. Schmidhuber", False),
        ("Jan Schmidhuber", False),
        # the family name alone, as a citation of few words lists it (`Schmidhuber et al.
        # (1997)`): only a "may be", and the site showed the owner as their own co-author
        ("Schmidhuber", True),
        ("Schmid", False),
        ("J. Schmid", False),
    ],
)
def test_which_spellings_may_be_a_name(spelling: str, fits: bool) -> None:
    from generator.ingest.aliases import could_be

    assert could_be(spelling, "Jürgen Schmidhuber") is fits


def test_no_spelling_is_named_where_two_names_on_a_paper_could_be_the_author(
    tmp_path: Path,
) -> None:
    """Two J. Wangs on one paper: which (if either) is Jing Wang, no one can tell."""
    from generator.ingest.aliases import alias_notes
    from generator.ingest.work import Work

    site = new_site(tmp_path / "site", "Jing Wang")
    two = Work("x.json", 1, "paper 'a'", title="A", authors=["J. Wang", "Li Chen", "J. Wang"])
    one = Work("x.json", 2, "paper 'b'", title="B", authors=["Li Chen", "Wang, J."])
    (note,) = alias_notes(site, [two, one])
    assert note.startswith("'Wang, J.' (1 work) may be Jing Wang")


def test_a_retracted_work_is_imported_as_a_draft_with_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """OpenAlex lists retracted works with `is_retracted: true`; imported as any other,
    one was listed as published and its citations counted in the h-index."""
    from generator.build import build

    assert run(site, "import", "openalex", str(OPENALEX / "retracted.json")) == 0
    out = capsys.readouterr().out
    found = records(site)
    retracted = found["Adaptive graph reasoning for multi-agent trajectory forecasting"]
    assert retracted["draft"] is True and retracted["citations"] == 12
    assert "draft" not in found["Retraction-aware citation analysis of machine learning literature"]
    assert "work 'W4385123456' ('Adaptive graph reasoning for multi-agent trajectory " in out
    assert "forecasting') is retracted: a new record for it gets draft: true" in out
    build(site, site / "output")
    profile = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert "Retraction-aware citation analysis" in profile
    assert "Adaptive graph reasoning" not in profile
    assert [p.name for p in (site / "output" / "papers").iterdir() if p.is_dir()] == [
        "retraction-aware-citation-analysis-of-machine-learning"
    ]


def test_a_works_list_saved_alone_is_read(site: Path) -> None:
    # An OpenAlex `results` list saved without its envelope (jq .results, pyalex; the
    # OpenAlex answer a library's docstring keeps) was "not an OpenAlex works response".
    source = str(FIXTURES / "openalex" / "results-list.json")
    assert main(["import", "openalex", source, "--site", str(site)]) == 0
    found = {data["title"]: data for _, data, _ in read_papers(site)}
    assert found["Willie Mays: My life in and out of baseball"]["authors"] == [
        "Willie Mays",
        "Charles Einstein",
    ]
    assert "Baseball's Great Experiment: Jackie Robinson and His Legacy." in found


def test_a_batch_response_with_ids_not_found_imports_the_others(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Semantic Scholar's /paper/batch answers null for an id it does not know; the whole
    # file was "not a Semantic Scholar response".
    source = str(FIXTURES / "semanticscholar" / "batch-with-null.json")
    assert main(["import", "semanticscholar", source, "--site", str(site)]) == 0
    titles = {data["title"] for _, data, _ in read_papers(site)}
    assert "A new species of leaf beetle from the Atlantic forest" in titles
    assert any(t.startswith("Reinfection and low cross-immunity") for t in titles)
    assert "1 of the batch's 3 ids found no paper (null); the others are imported" in (
        capsys.readouterr().out
    )


def test_entries_are_located_in_one_pass_as_line_of_locates_them() -> None:
    from generator.ingest.sources import Lines, line_of

    text = '{"data": [\n {"paperId": "a1"},\n {"paperId": "b2"},\n\n {"paperId": "c3"}\n]}'
    lines = Lines(text)
    assert [lines.of(key) for key in ("a1", "b2", "c3")] == [2, 3, 5]
    assert [line_of(text, key) for key in ("a1", "b2", "c3")] == [2, 3, 5]
    assert lines.of("a1") == 2  # out of order: found from the start
    assert lines.of("zz", 7) == 7 and lines.of("", 7) == 7


@pytest.mark.parametrize(
    ("importer", "answer", "count"),
    [("semanticscholar", S2 / "author.json", 9), ("openalex", OPENALEX / "works.json", 3)],
)
def test_a_paper_retitled_by_hand_is_found_again_by_the_databases_id(
    site: Path, importer: str, answer: Path, count: int, capsys: pytest.CaptureFixture[str]
) -> None:
    # A paper with neither DOI nor arXiv id was matched by its title alone: once the
    # title was corrected by hand, importing the same answer again made a second record.
    assert run(site, "import", importer, str(answer)) == 0
    (path,) = (site / "content" / "papers").glob("position-*.md")
    text = path.read_text(encoding="utf-8")
    retitled = "Auditable Benchmarks for Alignment (a Position Paper)"
    path.write_text(
        text.replace("Position: Alignment Needs Auditable Benchmarks", retitled), encoding="utf-8"
    )
    capsys.readouterr()
    assert run(site, "import", importer, str(answer)) == 0
    said = "Semantic Scholar id 8293a4b5" if importer == "semanticscholar" else "OpenAlex id W44"
    assert f"recognised by its {said}" in capsys.readouterr().out
    found = records(site)
    assert len(found) == count
    assert retitled in found
    assert "Position: Alignment Needs Auditable Benchmarks" not in found
