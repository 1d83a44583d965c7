"""Page gaps a visitor met: a consortium card that said not how many authors, a first
publication printed beside the same date, a translator's mark in English on a Japanese
page, a full-width edition number read as words, a journal paper whose "PDF" was its
medRxiv preprint's, and a `/` key switch shared by every project site of one owner."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.browser import serve
from tests.ingest_support import new_site, read_papers, run_import, write_files

OWNER = "Ada Lovelace"


def _site(tmp_path: Path, papers: dict[str, str], language: str = "en") -> Path:
    """A site of ``OWNER`` (made as `authorsite init` makes one) with ``papers`` (slug ->
    front matter) in ``language``, built."""
    site = new_site(tmp_path / "site", OWNER)
    config = site / "site.yaml"
    config.write_text(
        config.read_text("utf-8").replace("\nlanguage: en\n", f"\nlanguage: {language}\n"),
        "utf-8",
    )
    write_files(
        site,
        {
            f"content/papers/{slug}.md": f"---\n{front}---\nAn abstract.\n"
            for slug, front in papers.items()
        },
    )
    assert main(["build", "--site", str(site)]) == 0
    return site


def _text(html: str) -> str:
    """What a reader reads of ``html``: its text, one space between words."""
    return re.sub(r" ([,.])", r"\1", " ".join(re.sub(r"<[^>]+>", " ", html).split()))


def _card(site: Path, slug: str) -> str:
    profile = (site / "output" / "index.html").read_text("utf-8")
    return _text(profile.split(f'id="paper-{slug}"')[1].split("</article>")[0].split(">", 1)[1])


def _cv_entry(site: Path, title: str) -> str:
    cv = (site / "output" / "cv" / "index.html").read_text("utf-8")
    [entry] = [_text(li) for li in re.findall(r"<li>(.*?)</li>", cv, re.S) if title in li]
    return entry


def _page(site: Path, slug: str) -> str:
    return (site / "output" / "papers" / slug / "index.html").read_text("utf-8")


def _page_facts(site: Path, slug: str) -> str:
    """The text of a paper's page from its title to its abstract: its names and facts."""
    page = _page(site, slug)
    return _text(page.split("<h1", 1)[1].split('class="abstract', 1)[0])


# --- 1. a collaboration's card says how many ------------------------------------------


def _crowd(size: int, own_at: int) -> str:
    names = [f"Person{i:04d} Example" for i in range(size - 1)]
    names.insert(own_at, OWNER)
    return "[" + ", ".join(names) + "]"


@pytest.mark.parametrize(
    ("language", "count"),
    [("en", "(812 authors)"), ("de", "(812 Autoren)"), ("ja", "(著者 812 名)")],
)
def test_a_consortium_card_says_how_many_authors_it_leaves_out(
    tmp_path: Path, language: str, count: str
) -> None:
    """`A, B, C, …, Ada Lovelace et al.` left a visitor to guess whether 5 names or 800
    were left out: the card now says how many, in the page's language, as the CV does.
    A short list cut at three says nothing more; Scholar still gets every name."""
    site = _site(
        tmp_path,
        {
            "gbd": f"title: Global burden\nauthors: {_crowd(812, 400)}\ndate: 2020-10-01\n",
            "small": f"title: Small\nauthors: [Al One, Bo Two, Cy Three, {OWNER}, Di Four]\n"
            "date: 2019-01-01\n",
        },
        language,
    )
    card = _card(site, "gbd")
    assert card.count(count) == 1, card
    assert "Person0002 Example … Ada Lovelace" in card.replace(",", "")
    assert "Person0003 Example" not in card
    assert "author" not in _card(site, "small").replace("Ada", "")  # no count: 5 names
    assert "Autoren" not in _card(site, "small") and "著者" not in _card(site, "small")
    assert count.strip("()") in _cv_entry(site, "Global burden")
    tags = re.findall(r'<meta name="citation_author" content="([^"]*)">', _page(site, "gbd"))
    assert len(tags) == 812 and tags[400] == OWNER and tags[-1] == "Person0810 Example"


def test_a_cut_short_consortium_list_says_at_least_how_many(tmp_path: Path) -> None:
    """A record that ends its 60 names with `et al.` has more: `(60+ authors)`."""
    site = _site(
        tmp_path,
        {"cut": f"title: Cut\nauthors: {_crowd(60, 0)[:-1]}, et al.]\ndate: 2020-10-01\n"},
    )
    assert "(60+ authors)" in _card(site, "cut")


# --- 2. a first publication on the date itself ------------------------------------------


def test_a_first_publication_that_is_the_date_is_printed_once(tmp_path: Path) -> None:
    """`first_published` as `date` (or the same to the parts both give) says nothing the
    date does not: the card read "Jan 1, 2020 First published 2020-01-01", the CV and the
    page the date twice. A reprint's earlier first publication is still shown."""
    site = _site(
        tmp_path,
        {
            "same": f"title: Same\nauthors: [{OWNER}]\ndate: 2020-01-01\nfirst_published: 2020-01-01\n",
            "year": f"title: Year\nauthors: [{OWNER}]\ndate: 2018-06\nfirst_published: 2018\n",
            "reprint": f"title: Reprint\nauthors: [{OWNER}]\ndate: 2019\nfirst_published: 1837\n",
        },
    )
    for slug, title in (("same", "Same"), ("year", "Year")):
        assert "First published" not in _card(site, slug)
        assert "First published" not in _cv_entry(site, title)
        assert "First published" not in _page_facts(site, slug)
    assert "First published 1837" in _card(site, "reprint")
    assert "First published 1837" in _cv_entry(site, "Reprint")
    assert "First published 1837" in _page_facts(site, "reprint")


# --- 3. a translator's mark in the page's language --------------------------------------


def test_a_translators_mark_is_in_the_pages_language(tmp_path: Path) -> None:
    """A translation listed by its translators alone read `Ada Lovelace (trans.)` in
    English on a Japanese page (card, CV, its own page): the mark is the page's, `（訳）`,
    as an editor's is `（編）`; the name is still hers, bold."""
    site = _site(
        tmp_path,
        {
            "faust": f"title: ファウスト\nauthors: ['{OWNER} (trans.)', Bob Smith (translator)]\n"
            "date: 2020\ntype: book\n",
            "volume": f"title: 論集\nauthors: [Al One, '{OWNER} (ed.)']\ndate: 2019\ntype: book\n",
        },
        "ja",
    )
    card, entry, page = (
        _card(site, "faust"),
        _cv_entry(site, "ファウスト"),
        _page_facts(site, "faust"),
    )
    for shown in (card, entry, page):
        assert f"{OWNER}（訳）, Bob Smith（訳）" in shown, shown
        assert "trans" not in shown
    assert f"<strong>{OWNER}（訳）</strong>" in (site / "output" / "index.html").read_text("utf-8")
    assert f"Al One, {OWNER}（編）" in _card(site, "volume")
    # Scholar and cite.bib name them without any mark
    assert "translator = {Ada Lovelace and Bob Smith}" in (
        site / "output" / "papers" / "faust" / "cite.bib"
    ).read_text("utf-8")


def test_a_japanese_mark_reads_in_english_on_an_english_page(tmp_path: Path) -> None:
    """The other way round: `佐藤 健太 (訳)` on an English page is `佐藤 健太 (trans.)`."""
    site = _site(
        tmp_path,
        {"t": f"title: Faust\nauthors: [Goethe, '{OWNER} (訳)', 山田 花子（編）]\ndate: 2020\n"},
    )
    assert f"Goethe, {OWNER} (trans.), 山田 花子 (ed.)" in _page_facts(site, "t")


# --- 4. a full-width edition number ---------------------------------------------------------


@pytest.mark.parametrize("written", ["２", "第２版", "第2版"])
def test_a_full_width_edition_number_is_the_edition(tmp_path: Path, written: str) -> None:
    """A Japanese record's `edition: ２` (or `第２版`) was shown as written, `２` on an
    English card, and cite.bib's `edition = {２}`, which biblatex prints as no ordinal:
    read as NFKC reads it, it is the 2nd edition in every language."""
    front = f"title: Book\nauthors: [{OWNER}]\ndate: 2020\ntype: book\nedition: {written}\n"
    english = _site(tmp_path / "en", {"book": front})
    assert "2nd ed." in _card(english, "book")
    assert "2nd ed." in _cv_entry(english, "Book")
    assert "edition = {2}" in (english / "output" / "papers" / "book" / "cite.bib").read_text()
    japanese = _site(tmp_path / "ja", {"book": front}, "ja")
    assert "第2版" in _card(japanese, "book") and "２" not in _card(japanese, "book")


# --- 5. a journal paper's PDF is not its preprint's ----------------------------------------

PREPRINT_DOI = "10.1101/2020.06.11.20128389"
PREPRINT_PDF = f"https://www.medrxiv.org/content/{PREPRINT_DOI}v1.full.pdf"
BIB = f"""@article{{pre2020,
  title = {{Excess mortality in 21 regions: time series analysis}},
  doi = {{{PREPRINT_DOI}}},
  journal = {{medRxiv}},
  pdf = {{{PREPRINT_PDF}}},
  author = {{Lovelace, Ada and Abbas, Li}},
  year = {{2020}},
}}

@article{{bmj2021,
  title = {{Excess mortality in 21 regions: time series analysis}},
  volume = {{373}},
  doi = {{10.1136/bmj.n1234}},
  journal = {{BMJ}},
  author = {{Lovelace, Ada and Abbas, Li}},
  year = {{2021}},
  pages = {{n1234}},
}}
"""


def _openalex(wid: str, doi: str, venue: str, kind: str, pdf: str | None) -> dict[str, Any]:
    return {
        "id": f"https://openalex.org/{wid}",
        "doi": f"https://doi.org/{doi}",
        "title": "Excess mortality in 21 regions: time series analysis",
        "publication_date": "2021-05-19" if kind == "article" else "2020-06-14",
        "type": kind,
        "primary_location": {
            "source": {"display_name": venue, "type": "journal" if kind == "article" else "repository"},
            "pdf_url": pdf,
        },
        "authorships": [{"author": {"display_name": OWNER}}, {"author": {"display_name": "Li Abbas"}}],
    }  # fmt: skip


@pytest.mark.parametrize("how", ["one import", "the preprint later", "openalex"])
def test_a_journal_papers_pdf_is_not_its_medrxiv_preprints(tmp_path: Path, how: str) -> None:
    """The BMJ paper's "PDF" was medRxiv's full text of its preprint, and Scholar's tags
    could name it: the preprint's PDF is linked as what it is, "Preprint PDF" (a free
    copy of a paper behind a paywall), beside its "Preprint" link; the paper has no `pdf`."""
    site = new_site(tmp_path / "site", OWNER)
    pre, bmj = BIB.split("\n\n")
    if how == "one import":
        write_files(site, {"p.bib": BIB})
        assert run_import(site, "bibtex", site / "p.bib") == 0
    elif how == "the preprint later":
        write_files(site, {"bmj.bib": bmj, "pre.bib": pre})
        assert run_import(site, "bibtex", site / "bmj.bib") == 0
        assert run_import(site, "bibtex", site / "pre.bib") == 0
    else:
        works = [
            _openalex("W1", PREPRINT_DOI, "medRxiv", "preprint", PREPRINT_PDF),
            _openalex("W2", "10.1136/bmj.n1234", "BMJ", "article", None),
        ]
        write_files(site, {"w.json": json.dumps({"results": works})})
        assert run_import(site, "openalex", site / "w.json") == 0
    [(_, data, _)] = read_papers(site)
    assert data["venue"] == "BMJ"
    assert data["links"] == {
        "preprint_pdf": PREPRINT_PDF,
        "preprint": f"https://doi.org/{PREPRINT_DOI}",
    }
    assert main(["build", "--site", str(site)]) == 0
    [page] = (site / "output" / "papers").glob("*/index.html")
    links = re.findall(r'<li><a href="([^"]*)" rel="noopener">([^<]*)</a>', page.read_text("utf-8"))
    assert (PREPRINT_PDF, "Preprint PDF") in links
    assert "PDF" not in [label for _, label in links]
    assert "citation_pdf_url" not in page.read_text("utf-8")


def test_an_arxiv_preprints_pdf_is_still_the_papers(tmp_path: Path) -> None:
    """An arXiv preprint is the record's own (its `arxiv_id`): its PDF stays `pdf`."""
    from generator.ingest.match import other_version_links
    from generator.ingest.work import Work

    work = Work("x.bib", 1, "entry 'x'")
    work.arxiv_id = "2401.00001"
    work.links = {"pdf": "https://arxiv.org/pdf/2401.00001"}
    assert other_version_links(work, {}) == {"pdf": "https://arxiv.org/pdf/2401.00001"}


# --- 6. the `/` key's switch is one site's ------------------------------------------------------


@pytest.mark.browser
def test_the_slash_key_switch_is_remembered_per_project_site(browser: Any, tmp_path: Path) -> None:
    """GitHub Pages serves every project site of one owner from one origin
    (`user.github.io/a/`, `user.github.io/b/`): the `/` key turned off on one was off on
    all of them. Each site remembers its own switch."""
    site = _site(
        tmp_path,
        {
            "one": f"title: One\nauthors: [{OWNER}]\ndate: 2020\n",
            "two": f"title: Two\nauthors: [{OWNER}]\ndate: 2021\n",
        },
    )
    host = tmp_path / "host"
    for name in ("a", "b"):
        shutil.copytree(site / "output", host / name)
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    with serve(host) as url:
        page.goto(url + "a/")
        page.get_by_label("Press / to search").uncheck()
        page.goto(url + "b/")
        assert page.get_by_label("Press / to search").is_checked()
        page.locator("article.card").last.locator("h3 a").focus()
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") == "find-q"
        page.goto(url + "a/")  # and the one turned off stays off
        assert not page.get_by_label("Press / to search").is_checked()
        page.locator("article.card").last.locator("h3 a").focus()
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") != "find-q"
    ctx.close()
