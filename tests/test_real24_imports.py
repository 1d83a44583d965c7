"""Imports of files as researchers' sites and their tools wrote them (trial 24).

Each fixture under tests/fixtures/ingest/real24/ is a trimmed copy of a public file,
named in SOURCES.md there or in its first lines.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import built_page, new_site, records_by_title, run_import

FIXTURES = INGEST / "real24"
LINKED = FIXTURES / "alfolio-linked-titles"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path)


def test_a_title_written_as_an_html_link_is_the_title_and_its_link(site: Path) -> None:
    # lreyzin/website: every title of its papers.bib is `<a href="…">Title</a>`. Every card
    # showed `<a href="https://arxiv.org/abs/2205.09056">` before the title and `</a>` after
    # it, the slugs began `a-href-…`, and the arXiv id and the PDF it linked were lost.
    assert run_import(site, "bibtex", LINKED / "_bibliography" / "papers.bib") == 0
    records = records_by_title(site)
    bandits = records[
        "Slowly Changing Adversarial Bandit Algorithms are Provably Efficient for Discounted MDPs"
    ]
    assert bandits["arxiv_id"] == "2205.09056"
    sampling = records["Sampling Without Compromising Accuracy in Adaptive Data Analysis"]
    assert sampling["links"] == {
        "pdf": "http://proceedings.mlr.press/v117/fish20a/fish20a.pdf",
        "paper": "http://proceedings.mlr.press/v117/fish20a.html",
    }
    nature = records["Unprovability comes to machine learning"]
    assert nature["links"]["paper"].startswith(
        "https://www.nature.com/articles/d41586-019-00012-4.epdf?author_access_token="
    )
    papers = site / "content" / "papers"
    assert (papers / "an-interactive-search-game-with-two-agents.md").is_file()
    assert not list(papers.glob("a-href-*"))
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, bandits["title"])
    assert "&lt;a href" not in page
    assert "&lt;a href" not in (site / "output" / "index.html").read_text("utf-8")
    # the entry a reader copies has the title, not the tag
    slug = "slowly-changing-adversarial-bandit-algorithms-are-provably"
    cite = (site / "output" / "papers" / slug / "cite.bib").read_text("utf-8")
    assert "<a href" not in cite
    assert "Slowly Changing Adversarial Bandit Algorithms" in cite


def test_a_titles_link_to_a_file_of_the_alfolio_site_is_its_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GaoR22's title links `/assets/pdf/GaoR22.pdf`, a file of the old site that al-folio's
    # own `pdf={GaoR22.pdf}` would name: the al-folio import copies it, as it does those.
    old = tmp_path / "old" / "site"
    shutil.copytree(LINKED, old)
    (old / "assets" / "pdf").mkdir(parents=True)
    (old / "assets" / "pdf" / "GaoR22.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    site = new_site(tmp_path / "new", "Lev Reyzin")
    assert run_import(site, "alfolio", old) == 0
    game = records_by_title(site)["An Interactive Search Game with Two Agents"]
    assert game["links"] == {"pdf": "static/papers/an-interactive-search-game-with-two-agents.pdf"}
    assert (site / "static" / "papers" / "an-interactive-search-game-with-two-agents.pdf").is_file()
    # with no such file, the note says where the link came from, not a `pdf=` it never had
    site = new_site(tmp_path / "second", "Lev Reyzin")
    capsys.readouterr()
    assert run_import(site, "bibtex", LINKED / "_bibliography" / "papers.bib") == 0
    out = capsys.readouterr().out
    assert "papers.bib:12: entry 'GaoR22': the title's link names a file" in out
    assert "`pdf={GaoR22.pdf}`" not in out


def test_an_html_line_break_parts_the_words_of_an_award(site: Path) -> None:
    # lreyzin/website: `award = {invited review<br>article}`, the text al-folio's button
    # shows on two lines. The tag went with no space: the note read "invited reviewarticle".
    assert run_import(site, "bibtex", LINKED / "_bibliography" / "papers.bib") == 0
    nature = records_by_title(site)["Unprovability comes to machine learning"]
    assert nature["note"] == "invited review article"


def test_a_hugo_sample_publications_placeholder_links_are_not_the_papers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # peppocola/peppocola.github.io wrote its NLBSE'22 paper over Wowchemy's sample and kept
    # its `url_code: https://github.com/wowchemy/wowchemy-hugo-themes` (with url_dataset,
    # url_source) and `url_video: https://youtube.com`. The card's Code badge led to the
    # theme's repository, and the page's Video button to YouTube's front page.
    site = new_site(tmp_path, "Giuseppe Colavito")
    assert run_import(site, "hugo", FIXTURES / "hugo-sample-links") == 0
    paper = records_by_title(site)["Issue report classification using pre-trained language models"]
    assert "links" not in paper
    assert paper["doi"] == "10.1145/3528588.3528659"
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "conference-paper/index.md:1: publication 'conference-paper': `url_code` "
        "https://github.com/wowchemy/wowchemy-hugo-themes, `url_dataset` "
        "https://github.com/wowchemy/wowchemy-hugo-themes, `url_video` https://youtube.com, "
        "`url_source` https://github.com/wowchemy/wowchemy-hugo-themes: the addresses the template's "
        "sample publication links, not this paper's; not imported"
    ) in out
    assert main(["build", "--site", str(site)]) == 0
    assert "wowchemy-hugo-themes" not in (site / "output" / "index.html").read_text("utf-8")


def test_zoteros_bare_comma_keywords_are_tags_and_its_pmid_links_pubmed(site: Path) -> None:
    # Zotero's Better BibTeX joins keywords with a bare `,` and writes the MeSH heading
    # "Translational Research, Biomedical" as `Translational Research; Biomedical`. Split
    # at the `;`, the card showed one tag of eleven keywords and a second, "Biomedical".
    # Its `pmid = {23564629}` linked nothing, where `eprinttype = {pmid}` links PubMed.
    assert run_import(site, "bibtex", FIXTURES / "zotero-keywords-pmid.bib") == 0
    [paper] = records_by_title(site).values()
    assert paper["tags"] == [
        "Artificial Intelligence",
        "clinical language processing",
        "Electronic Health Records",
        "Humans",
        "medical language processing",
        "natural language processing",
        "Patient Discharge Summaries",
        "sharedtask challenges",
        "temporal reasoning",
        "Time",
        "Translational Research; Biomedical",
    ]
    assert paper["links"] == {"paper": "https://pubmed.ncbi.nlm.nih.gov/23564629/"}


def test_ads_code_in_the_ascl_is_in_that_library_and_has_no_pages(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ADS exports ATLAS9's record with `eid = pages = {ascl:1710.017}` and no journal. The
    # card showed no venue, and the import said "pages `ascl:1710.017` is not pages; write a
    # range (`45–67`)…", a fix for a field that holds no pages.
    assert run_import(site, "bibtex", FIXTURES / "ads-ascl-pages.bib") == 0
    [paper] = records_by_title(site).values()
    assert paper["venue"] == "Astrophysics Source Code Library"
    assert "pages" not in paper
    assert paper["links"] == {"paper": "https://ui.adsabs.harvard.edu/abs/2017ascl.soft10017K"}
    assert "is not pages" not in capsys.readouterr().out


def test_a_hugo_link_named_url_is_the_papers_link(tmp_path: Path) -> None:
    # peppocola/peppocola.github.io's pages as Hugo Blox's BibTeX import writes them: the
    # entry's `url` as `links: [{name: URL, url: …}]`. It was a link of the site's own
    # named "URL", beside no `paper` link, where a link named Publisher or HTML is that.
    site = new_site(tmp_path, "Giuseppe Colavito")
    assert run_import(site, "hugo", FIXTURES / "hugo-url-link") == 0
    [paper] = records_by_title(site).values()
    assert paper["links"] == {
        "paper": "https://www.sciencedirect.com/science/article/pii/S0950584925000977"
    }
