"""A new user's trial of the API importers (arXiv, OpenAlex, Semantic Scholar) with
answers as the APIs give them: a response saved in 2022, an author answer, a `select=`
query, the open copy's PDF, a conference paper Semantic Scholar calls a journal article,
bulk search, and arXiv's own DOIs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest import sources
from tests.ingest_support import FIXTURES, new_site, read_papers, snapshot
from tests.test_trial_scholarly import records, run

TRIAL = FIXTURES / "trial6"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")
    return new_site(tmp_path / "site")


def refused(site: Path, capsys: pytest.CaptureFixture[str], command: str, *given: Path) -> str:
    """The error output of an import that must fail and write nothing."""
    before = snapshot(site)
    assert run(site, "import", command, *map(str, given)) == 1
    assert snapshot(site) == before
    return capsys.readouterr().err


def test_an_openalex_work_saved_before_2023_keeps_its_venue_and_type(site: Path) -> None:
    # OpenAlex named the venue `host_venue` and gave Crossref's type (`journal-article`)
    # until 2023: such a saved answer gave a record without venue, of type `other`.
    assert run(site, "import", "openalex", str(TRIAL / "openalex-2022-work.json")) == 0
    paper = records(site)[
        "The state of OA: a large-scale analysis of the prevalence and impact of Open Access "
        "articles"
    ]
    assert paper["venue"] == "PeerJ"
    assert paper["type"] == "article"
    assert paper["doi"] == "10.7717/peerj.4375"
    assert paper["citations"] == 394


def test_an_openalex_author_answer_gives_the_figures_and_where_the_works_are(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `/authors/A…` was "not an OpenAlex works response"; `/authors?search=…` read each
    # author as a work "without year or authors", to be added by hand.
    before = snapshot(site)
    single = TRIAL / "openalex-2022-author.json"
    assert run(site, "import", "openalex", str(single)) == 0
    out = capsys.readouterr().out
    assert (
        f"note: {single}: an author answer lists no works; Heather A. Piwowar's are at "
        "https://api.openalex.org/works?filter=author.id:A1969205032&per-page=200 "
        "(import that answer)"
    ) in out
    assert "Heather A. Piwowar: the source reports 2691 citations, 50 papers" in out
    search = TRIAL / "openalex-authors-search.json"
    assert run(site, "import", "openalex", str(search)) == 0
    out = capsys.readouterr().out
    assert "Jason Priem: the source reports h-index 16, 4731 citations, 53 papers" in out
    assert "filter=author.id:A5023888391&per-page=200" in out
    assert "left out" not in out
    alone = site.parent / "results.json"  # `jq .results`, as for works
    alone.write_text(json.dumps(json.loads(search.read_text(encoding="utf-8"))["results"]))
    assert run(site, "import", "openalex", str(alone)) == 0
    assert "Jason Priem: the source reports h-index 16" in capsys.readouterr().out
    assert snapshot(site) == before


def test_a_select_that_leaves_out_the_authorships_says_what_to_ask_for(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each work was left out "the response gives no authors; add it by hand", exit 0.
    source = TRIAL / "openalex-select.json"
    err = refused(site, capsys, "openalex", source)
    assert f"{source}:1: the works carry no authorships: the query's select= left them out" in err
    assert "select=id,doi,title,publication_date,authorships," in err
    grouped = TRIAL / "openalex-group-by.json"  # was "no works in this response"
    assert f"{grouped}:1: a group_by answer counts works and lists none; ask again without" in (
        refused(site, capsys, "openalex", grouped)
    )


def test_openalex_links_the_open_copys_pdf_and_a_review_is_an_article(site: Path) -> None:
    # A paywalled article's PDF on arXiv is its `best_oa_location`: it had no PDF link,
    # where Semantic Scholar's `openAccessPdf` gave one. A review article was `other`.
    assert run(site, "import", "openalex", str(TRIAL / "openalex-best-oa.json")) == 0
    found = records(site)
    debate = found["Debate Improves Oversight of Language Agents"]
    assert debate["links"]["pdf"] == "https://arxiv.org/pdf/2402.01234"
    assert debate["venue"] == "Nature Machine Intelligence"
    assert debate["arxiv_id"] == "2402.01234"
    survey = found["A Survey of Reward Modelling"]
    assert survey["type"] == "article"
    assert "links" not in survey


def test_a_semantic_scholar_conference_paper_is_a_conference_paper_without_arxivs_doi(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # S2 lists LoRA (ICLR) as "JournalArticle" with arXiv's DOI: the record was an
    # article (BibTeX @article, Scholar's journal tag) whose DOI was arXiv's.
    assert run(site, "import", "semanticscholar", str(TRIAL / "s2-lora.json")) == 0
    lora = records(site)["LoRA: Low-Rank Adaptation of Large Language Models"]
    assert lora["type"] == "conference"
    assert lora["venue"] == "International Conference on Learning Representations"
    assert lora["arxiv_id"] == "2106.09685"
    assert "doi" not in lora
    assert "pdf" not in lora["links"]  # `openAccessPdf.url` is "" (a disclaimer only)
    # `journal` is arXiv's (`{"name": "ArXiv", "volume": "abs/2106.09685"}`): its volume
    # is the arXiv id, and the page read "International Conference on Learning
    # Representations abs/2106.09685"
    assert "volume" not in lora


def test_a_bulk_search_page_says_how_to_get_the_next(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = TRIAL / "s2-bulk-search.json"
    assert run(site, "import", "semanticscholar", str(source)) == 0
    assert (
        f"note: {source}: one page of papers; import the next page too "
        "(token=PCOA3RZZB2ADADAEYCX2BLJJRSEGBI)"
    ) in capsys.readouterr().out


def test_an_arxiv_doi_asks_the_api_for_its_id(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # arXiv's page gives each paper's DOI to cite it; bare it was "no such file", as a
    # doi.org address it fetched the abstract page (HTML).
    asked: list[str] = []

    def fake_fetch(url: str) -> io.BytesIO:
        asked.append(url)
        return io.BytesIO((FIXTURES / "arxiv" / "classic.xml").read_bytes())

    monkeypatch.setattr(sources, "connect", fake_fetch)
    dois = ["10.48550/arXiv.2305.18290", "https://doi.org/10.48550/arXiv.cond-mat/0102536"]
    assert run(site, "import", "arxiv", *dois) == 0
    assert asked == [
        "https://export.arxiv.org/api/query?id_list=2305.18290%2Ccond-mat%2F0102536&max_results=2"
    ]
    assert len(records(site)) == 2


def test_a_citations_answer_is_named_and_a_papers_page_gets_its_own_fields(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # /paper/{id}/citations was told to "ask the API for authors or year", which it had;
    # a bare /author/{id}/papers page was told to ask for `papers.title`, `name`, … which
    # that endpoint refuses (its fields are `title`, `authors`, …).
    citations = TRIAL / "s2-citations.json"
    bare = TRIAL / "s2-papers-page-bare.json"
    err = refused(site, capsys, "semanticscholar", citations, bare)
    assert (
        f"{citations}:1: this answer lists the papers that cite a paper "
        "(/paper/{id}/citations), not an author's own; import /author/{id}/papers"
    ) in err
    assert (
        f"{bare}:1: the papers carry no authors or year; ask the API for them, e.g. "
        "fields=title,year,publicationDate,authors,venue,publicationVenue,publicationTypes,"
        "journal,externalIds,citationCount,openAccessPdf,abstract\n"
    ) in err


def test_arxivs_daily_listing_is_refused_with_what_to_import(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # rss.arxiv.org/atom/cs.AI is Atom from arXiv: each of everyone's new papers became a
    # record, without arXiv id, by one author "Jiayu Fang, Zhiqi Shao, …", its abstract
    # starting "arXiv:2508.13435v1 Announce Type: new Abstract:".
    listing = TRIAL / "arxiv-listing-atom.xml"
    err = refused(site, capsys, "arxiv", listing)
    assert f"{listing}:1: this is arXiv's daily listing of new papers (rss.arxiv.org)" in err
    assert "import your papers by id (authorsite import arxiv 2508.13435)" in err


def test_a_semantic_scholar_author_without_papers_says_where_they_are(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `/author/{id}` without `papers.*` fields: "0 works" and the figures, nothing on why.
    source = FIXTURES / "semanticscholar" / "author-no-papers.json"
    assert run(site, "import", "semanticscholar", str(source)) == 0
    assert (
        f"note: {source}: the answer lists no papers (its fields= asked for none); import "
        "https://api.semanticscholar.org/graph/v1/author/2267490315/papers?fields=title,year,"
        "publicationDate,authors,venue,publicationVenue,publicationTypes,journal,externalIds,"
        "citationCount,openAccessPdf,abstract&limit=1000"
    ) in capsys.readouterr().out


def test_an_openalex_list_saved_before_2023_finds_arxiv_ids_and_leaves_figures_out(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before 2023 a preprint's arXiv address was its `host_venue.url` (no locations), and
    # a figure with its own DOI was Crossref's `component`: the preprint had no arXiv id
    # (a later arXiv import made it a second record), the figure became a paper.
    source = TRIAL / "openalex-2022-works.json"
    assert run(site, "import", "openalex", str(source)) == 0
    found = records(site)
    assert list(found) == ["Reward Shaping for Safe Language Agents"]
    preprint = found["Reward Shaping for Safe Language Agents"]
    assert preprint["arxiv_id"] == "2106.01234"
    assert preprint["type"] == "preprint"
    assert (
        f"{source}:29: work 'W3170000002' ('Fig 3. Reward curves of the agents.') is part of "
        "another work (a figure or table) (OpenAlex type 'component'), not a paper: left out"
    ) in capsys.readouterr().out


def test_a_semantic_scholar_venue_named_for_an_arxiv_category_is_arxiv(site: Path) -> None:
    # Papers S2 took from Microsoft Academic have the venue "arXiv: Learning": the record
    # was a journal article in the journal "arXiv: Learning" (BibTeX @article), no preprint.
    assert run(site, "import", "semanticscholar", str(TRIAL / "s2-mag-arxiv-venue.json")) == 0
    sgdr = records(site)["SGDR: Stochastic Gradient Descent with Warm Restarts"]
    assert sgdr["venue"] == "arXiv"
    assert sgdr["type"] == "preprint"
    assert sgdr["arxiv_id"] == "1608.03983"
    # DBLP's name for arXiv, as `journal.name` where S2 gives no venue: a journal "CoRR"
    adam = records(site)["Adam: A Method for Stochastic Optimization"]
    assert (adam["venue"], adam["type"]) == ("arXiv", "preprint")


@pytest.mark.parametrize(
    ("command", "page", "query", "answer"),
    [
        ("semanticscholar", "https://www.semanticscholar.org/author/Kaile-Wang/2267490315",
         "https://api.semanticscholar.org/graph/v1/author/2267490315?fields=name,hIndex,"
         "citationCount,paperCount,papers.title,papers.year,", "semanticscholar/author.json"),
        ("semanticscholar",
         "https://www.semanticscholar.org/paper/LoRA-Hu-Shen/a8ca46b171467ceb2d7652fbfb67fe701ad86092",
         "https://api.semanticscholar.org/graph/v1/paper/a8ca46b171467ceb2d7652fbfb67fe701ad86092"
         "?fields=title,year,", "trial6/s2-lora.json"),
        ("openalex", "https://openalex.org/A5087654321",
         "https://api.openalex.org/works?filter=author.id:A5087654321&per-page=200",
         "openalex/works.json"),
        ("openalex", "https://openalex.org/works/W2741809807",
         "https://api.openalex.org/works/W2741809807", "trial6/openalex-2022-work.json"),
    ],
)  # fmt: skip
def test_a_profile_or_paper_page_copied_from_the_browser_asks_the_api(
    site: Path, monkeypatch: pytest.MonkeyPatch, command: str, page: str, query: str, answer: str
) -> None:
    # The website's page is HTML: it was fetched and refused as "a web page", where the
    # arXiv importer asks the API about a paper page's id.
    asked: list[str] = []

    def fake_fetch(url: str) -> io.BytesIO:
        asked.append(url)
        return io.BytesIO((FIXTURES / answer).read_bytes())

    monkeypatch.setattr(sources, "connect", fake_fetch)
    assert run(site, "import", command, page) == 0
    assert len(asked) == 1 and asked[0].startswith(query)
    assert records(site)


def test_inequalities_in_a_semantic_scholar_title_and_abstract_are_kept(site: Path) -> None:
    # S2's text for an arXiv paper is arXiv's: `k<n and n>2` was read as a tag
    # `<n and n>` and dropped, from the title too ("Regret Bounds When k2: …"). An
    # ecology journal's numbered abstract ("1. Droughts … 2. We …") became a list of one.
    source = TRIAL / "s2-inequalities.json"
    assert run(site, "import", "semanticscholar", str(source)) == 0
    found = {data["title"]: path for path, data, _ in read_papers(site)}
    title = "Regret Bounds When k<n and n>2: Ranking with Few Comparisons"
    assert title in found
    assert main(["build", "--site", str(site)]) == 0

    def page(title: str) -> str:
        path = site / "output" / "papers" / found[title].stem / "index.html"
        return path.read_text(encoding="utf-8")

    assert "Regret Bounds When k&lt;n and n&gt;2: Ranking" in page(title)
    assert "For every a&lt;b and c&gt;d we show" in page(title)
    ecology = page("Plant traits predict drought recovery in grasslands")
    abstract = ecology.split('class="abstract', 1)[1].split("</div>", 1)[0]
    assert "<ol" not in abstract and "<p>1. Droughts are becoming more frequent. 2. We" in abstract


@pytest.mark.parametrize(
    ("command", "fixture", "title", "abstract"),
    [
        ("semanticscholar", "s2-stars.json",
         "Anytime D*Lite with Learned Heuristics: Replanning in 2*10^3 Steps",
         "We compare A* with D*Lite on grids of n*m cells; the cost is O(n*m)"),
        ("arxiv", "arxiv-stars.xml", "Anytime D*Lite with Learned Heuristics",
         "We compare A* with D*Lite on grids of n*m cells; in math, $c = a*b$ stays"),
    ],
)  # fmt: skip
def test_stars_in_a_title_or_abstract_are_stars_not_emphasis(
    site: Path, command: str, fixture: str, title: str, abstract: str
) -> None:
    # A title is Markdown: "D*Lite … 2*10" set "Lite … 2" in italics, on the page and in
    # the abstract; a publisher's <i> is still emphasis, and math is as written.
    assert run(site, "import", command, str(TRIAL / fixture)) == 0
    [(path, _, _)] = read_papers(site)
    assert main(["build", "--site", str(site)]) == 0
    page = (site / "output" / "papers" / path.stem / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{title}</h1>" in page
    assert abstract in page
    assert "<em>learned</em>" in page or command == "arxiv"
