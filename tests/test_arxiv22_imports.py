"""arXiv, OpenAlex and Semantic Scholar answers as they were saved in public repositories.

Each fixture under tests/fixtures/ingest/arxiv22/ is a trimmed copy of a real answer;
SOURCES.md there says where each comes from.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import answer_with, new_site, read_papers, run_import, snapshot

FIXTURES = INGEST / "arxiv22"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path)


def test_openalex_year_1400_is_no_date(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # OpenAlex gives a work whose date it does not know `"publication_year": 1400`
    # (`"1400-01-01"`): the chapter was imported as published in 1400, last on the site.
    assert run_import(site, "openalex", FIXTURES / "openalex-year-1400.json") == 0
    assert read_papers(site) == []
    out = capsys.readouterr().out
    assert "work 'W2483224560' ('Communications in Socialist France" in out
    assert "left out: the response gives no year; add it by hand" in out


def test_semantic_scholar_doi_keeps_its_case_beside_an_open_pdf_at_doi_org(site: Path) -> None:
    # Its `openAccessPdf.url` is Unpaywall's `https://doi.org/10.4172/2157-2526.s1-003`,
    # in lower case; the record's DOI became that, not the `S1-003` Crossref registered.
    assert run_import(site, "semanticscholar", FIXTURES / "s2-batch-disclaimers.json") == 0
    records = {data["title"]: data for _, data, _ in read_papers(site)}
    tbe = records["Tick-borne Encephalitis Vaccines"]
    assert tbe["doi"] == "10.4172/2157-2526.S1-003"
    assert "pdf" not in tbe.get("links", {})  # the DOI links the paper
    assert records["Tafamidis Treatment for Patients with Transthyretin Amyloid Cardiomyopathy"][
        "links"
    ] == {
        "pdf": "https://www.nejm.org/doi/pdf/10.1056/NEJMoa1805689?articleTools=true",
        "paper": "https://pubmed.ncbi.nlm.nih.gov/30145929/",  # its `externalIds.PubMed`
    }


def test_openalex_abstract_loses_the_heading_the_publisher_gave_it(site: Path) -> None:
    # Springer's abstract is indexed with its heading as its first word, `"Abstract": [0]`:
    # the record's abstract read "Abstract According to various international reports".
    assert run_import(site, "openalex", FIXTURES / "openalex-abstract-heading.json") == 0
    abstracts = {data["title"].split()[0]: body for _, data, body in read_papers(site)}
    assert abstracts["Systematic"].startswith(
        "According to various international reports, Artificial Intelligence"
    )
    # an abstract without one is untouched
    assert abstracts["Exploring"].startswith("This paper explores")


@pytest.mark.parametrize(
    ("kind", "what"),
    [("openalex", "an OpenAlex works"), ("semanticscholar", "a Semantic Scholar author or papers")],
)
def test_crossref_answer_is_named_with_where_to_get_its_works(
    site: Path, kind: str, what: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Crossref's `{"status": "ok", "message": {…}}` was "the API answered with an error",
    # with every work of its `message` printed as the error's text.
    before = snapshot(site)
    assert run_import(site, kind, FIXTURES / "crossref-works-search.json") == 1
    err = capsys.readouterr().err
    assert "answered with an error" not in err
    assert f"crossref-works-search.json:1: not {what} response; it is a Crossref answer" in err
    assert "https://api.openalex.org/works?filter=doi:10.33140/eoa.01.03.10" in err
    assert "https://doi.org/10.33140/eoa.01.03.10" in err
    assert snapshot(site) == before


def test_csl_json_is_named_with_what_to_export_instead(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(site, "openalex", FIXTURES / "csl-json-citeproc-demo.json") == 1
    err = capsys.readouterr().err
    assert "csl-json-citeproc-demo.json:1: not an OpenAlex works response; it is CSL JSON" in err
    assert "export the same items as BibTeX" in err


def test_an_old_id_with_its_subject_class_asks_arxiv_for_the_paper(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `math.GT/0309136`, as old papers' stamps and citations write it: arXiv's API finds
    # nothing by it (its page redirects to math/0309136), and the import said "arXiv has
    # no paper with this id (a typo?)".
    asked = answer_with(monkeypatch, FIXTURES / "math-0309136.xml")
    assert run_import(site, "arxiv", "https://arxiv.org/abs/math.GT/0309136") == 0
    assert "id_list=math%2F0309136&" in asked[0]
    [(_, record, _)] = read_papers(site)
    assert record["arxiv_id"] == "math/0309136"
    assert "no paper with this id" not in capsys.readouterr().err


def test_bibtex_eprint_with_a_subject_class_is_the_papers_arxiv_id(tmp_path: Path) -> None:
    # A real corpus's `eprint = {math.ST/0503083}`: the record kept `math.ST/0503083`, which
    # an arXiv import of the same paper (math/0503083) did not find as its id.
    site = new_site(tmp_path / "site")
    bib = tmp_path / "old.bib"
    bib.write_text(
        "@article{stat05,\n  title = {An old statistics preprint},\n  author = {Lee, Ann},\n"
        "  year = {2005},\n  eprint = {math.ST/0503083},\n  archivePrefix = {arXiv},\n}\n",
        encoding="utf-8",
    )
    assert run_import(site, "bibtex", bib) == 0
    [(_, record, _)] = read_papers(site)
    assert record["arxiv_id"] == "math/0503083"


def test_semantic_scholar_preprint_server_venue_gives_way_to_the_journal(site: Path) -> None:
    # `venue` is the preprint's server, `journal` the journal that published it: the card
    # read "bioRxiv 16", the journal's volume under the server's name, beside its DOI.
    assert run_import(site, "semanticscholar", FIXTURES / "s2-biorxiv-venue-published.json") == 0
    [(_, record, _)] = read_papers(site)
    assert (record["venue"], record["volume"]) == ("PLoS Biology", 16)
    assert record["doi"] == "10.1371/journal.pbio.2002468"


def test_openalex_abstract_that_starts_with_the_word_abstract_keeps_it(site: Path) -> None:
    # Only a heading is dropped: "Abstract Syntax Trees are …" was imported as "Syntax
    # Trees are …", "Abstract Meaning Representation (AMR) is …" as "Meaning …".
    assert run_import(site, "openalex", FIXTURES / "openalex-abstract-terms.json") == 0
    abstracts = {data["title"].split()[0]: body for _, data, body in read_papers(site)}
    assert abstracts["Incremental"].startswith("Abstract Syntax Trees are the common")
    assert abstracts["Sembanking"].startswith("Abstract Meaning Representation (AMR) is a")
    # Springer's heading before a sentence that starts with the word: one of them goes
    assert abstracts["Formal"].startswith("Abstract interpretation is a theory of sound")
