"""Page gaps a visitor met: a consortium card that said not how many authors, a first
publication printed beside the same date, a translator's mark in English on a Japanese
page, a full-width edition number read as words, a journal paper whose "PDF" was its
medRxiv preprint's, and a `/` key switch shared by every project site of one owner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import new_site, write_files

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
