"""What machines read: Atom feeds, sitemap, robots.txt, citation meta tags, JSON-LD, OpenGraph."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import feedparser
import pytest
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

from generator.build import build
from generator.check import check_output
from tests.conftest import REPO

BASE = "https://example.org/kw/"

FULL_PAPER = """\
---
title: 'Breaking </script><script>alert(1)</script> & $\\alpha$-Things'
authors: [Ada Lovelace, Charles Babbage, Mary Somerville, Grace Hopper]
date: 2024-05-07
venue: NeurIPS 2024
category: cs.LG
citations: 12
doi: 10.1234/abc.5678
arxiv_id: 2405.01234
tags: [alignment, federated]
links:
  code: https://github.com/ada/things
  pdf: https://example.com/things.pdf
---
An abstract that says </script> too.
"""

JOURNAL_PAPER = """\
---
title: On Engines
authors: [Ada Lovelace]
date: 2023
venue: Journal of Machines
type: article
---
Engines.
"""

AUTHOR = """\
name: Ada Lovelace
field: CS
photo: static/ada.jpg
affiliation: Analytical Society
links:
  homepage: https://ada.example.org/
  github: https://github.com/ada
"""


class Head(HTMLParser):
    """The head's meta tags, canonical link, and JSON-LD blocks of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []
        self.canonical: str | None = None
        self.jsonld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.meta.append((a.get("name") or a.get("property") or "", a.get("content") or ""))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_ld = False


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, sample_source: Path) -> Path:
    out = tmp_path_factory.mktemp("sample") / "out"
    build(sample_source, out, base_url=BASE)
    return out


@pytest.fixture
def full_site(make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path) -> Path:
    site = make_site(
        {
            "site.yaml": f"title: Ada\nbase_url: {BASE}\nmain_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/things.md": FULL_PAPER,
            "content/papers/engines.md": JOURNAL_PAPER,
        }
    )
    out = tmp_path / "out"
    build(site, out)
    return out


def record_dates() -> dict[str, str]:
    """Each sample paper's date as written in its record."""
    dates = {}
    for path in (REPO / "content" / "papers").glob("*.md"):
        match = re.search(r"^date: (\S+)$", path.read_text(encoding="utf-8"), re.M)
        assert match
        dates[path.stem] = match.group(1)
    return dates


@pytest.mark.parametrize("feed", ["feed.xml", "authors/kaile-wang/feed.xml"])
def test_feeds_list_every_paper_with_absolute_links_and_dates(sample: Path, feed: str) -> None:
    parsed = feedparser.parse((sample / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.id.startswith(BASE)
    assert any(link.rel == "self" and link.href == BASE + feed for link in parsed.feed.links)
    # The page the feed stands for, at its canonical address: the main author's is the root
    assert [link.href for link in parsed.feed.links if link.rel == "alternate"] == [BASE]
    dates = record_dates()
    assert len(parsed.entries) == len(dates) == 14
    seen = set()
    for entry in parsed.entries:
        assert entry.link.startswith(BASE + "papers/"), entry.link
        slug = entry.link[len(BASE + "papers/") :].rstrip("/")
        seen.add(slug)
        assert entry.id == entry.link
        published = dt.date(*entry.published_parsed[:3])
        assert published.isoformat() == dates[slug]
        assert entry.authors and entry.summary
    assert seen == set(dates)


def test_feed_without_absolute_base_url_still_parses_with_stable_ids(
    tmp_path: Path, sample_source: Path
) -> None:
    # base_url "/" (the sample's own setting): links are paths, ids urn:uuid (Atom wants
    # absolute ids), the same on every build.
    ids = []
    for run in ("a", "b"):
        build(sample_source, tmp_path / run)
        parsed = feedparser.parse((tmp_path / run / "feed.xml").read_bytes())
        assert not parsed.bozo
        assert len(parsed.entries) == 14
        assert all(e.link.startswith("/papers/") for e in parsed.entries)
        assert all(e.id.startswith("urn:uuid:") for e in parsed.entries)
        ids.append([e.id for e in parsed.entries])
    assert ids[0] == ids[1] and len(set(ids[0])) == 14
    robots = (tmp_path / "a" / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap:" not in robots  # a sitemap reference must be a full URL


def test_sitemap_lists_every_page_absolutely(sample: Path) -> None:
    root = ET.fromstring((sample / "sitemap.xml").read_bytes())
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [loc.text for loc in root.iter(f"{ns}loc")]
    canonicals = {
        BASE + p.relative_to(sample).as_posix().removesuffix("index.html"): head(p).canonical
        for p in sample.rglob("index.html")
    }
    # Each page once, at the address its canonical names: the main author's profile is
    # the root, and its second address `authors/kaile-wang/` says so and is left out.
    assert sorted(locs) == sorted(url for url, canonical in canonicals.items() if url == canonical)
    assert BASE + "cv/" in locs and BASE + "papers/fedrd/" in locs and BASE in locs
    assert canonicals[BASE + "authors/kaile-wang/"] == BASE
    assert BASE + "authors/kaile-wang/" not in locs
    robots = (sample / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots
    # The 404 page is served at any missing address: it claims none as its own.
    assert head(sample / "404.html").canonical is None
    assert "og:url" not in dict(head(sample / "404.html").meta)


def test_citation_meta_tags_for_google_scholar(full_site: Path) -> None:
    meta = head(full_site / "papers" / "things" / "index.html").meta
    tags = [(k, v) for k, v in meta if k.startswith("citation_")]
    assert (
        "citation_title",
        "Breaking </script><script>alert(1)</script> & $\\alpha$-Things",
    ) in tags
    assert [v for k, v in tags if k == "citation_author"] == [
        "Ada Lovelace",
        "Charles Babbage",
        "Mary Somerville",
        "Grace Hopper",
    ]
    assert ("citation_publication_date", "2024/05/07") in tags
    assert ("citation_conference_title", "NeurIPS 2024") in tags
    assert ("citation_doi", "10.1234/abc.5678") in tags
    assert ("citation_arxiv_id", "2405.01234") in tags
    # The PDF is on another host: Scholar takes citation_pdf_url only from the site itself
    assert "citation_pdf_url" not in dict(tags)
    journal = dict(head(full_site / "papers" / "engines" / "index.html").meta)
    assert journal["citation_journal_title"] == "Journal of Machines"
    assert journal["citation_publication_date"] == "2023"
    assert "citation_conference_title" not in journal


def test_no_pdf_address_for_scholar_from_arxiv(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """arXiv's PDF is not on the site: Scholar's citation_pdf_url "must refer to a file in
    the same subdirectory as the HTML abstract" (its inclusion guidelines)."""
    paper = FULL_PAPER.replace("  pdf: https://example.com/things.pdf\n", "")
    site = make_site(
        {
            "site.yaml": f"title: Ada\nbase_url: {BASE}\n",
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/things.md": paper,
        }
    )
    build(site, tmp_path / "out")
    meta = dict(head(tmp_path / "out" / "papers" / "things" / "index.html").meta)
    assert meta["citation_arxiv_id"] == "2405.01234"
    assert "citation_pdf_url" not in meta


def test_jsonld_cannot_break_out_of_its_script(full_site: Path) -> None:
    page = full_site / "papers" / "things" / "index.html"
    html = page.read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    assert "<" not in blocks[0] and ">" not in blocks[0] and "&" not in blocks[0]
    assert "<script>alert" not in html.split("</head>")[0].replace("&lt;script&gt;", "")
    data = json.loads(blocks[0])
    assert data["@type"] == "ScholarlyArticle"
    assert data["name"] == "Breaking </script><script>alert(1)</script> & $\\alpha$-Things"
    assert [a["name"] for a in data["author"]] == [
        "Ada Lovelace",
        "Charles Babbage",
        "Mary Somerville",
        "Grace Hopper",
    ]
    assert data["author"][0]["url"] == BASE  # the main author's profile is the root
    assert data["datePublished"] == "2024-05-07"
    assert data["url"] == BASE + "papers/things/"
    assert "https://doi.org/10.1234/abc.5678" in data["sameAs"]
    assert "https://arxiv.org/abs/2405.01234" in data["sameAs"]


def test_profile_page_jsonld_and_social_tags_on_profile(full_site: Path) -> None:
    parsed = head(full_site / "index.html")
    page = json.loads(parsed.jsonld[0])
    # Google's profile page structured data: a ProfilePage whose mainEntity is the Person
    assert page["@context"] == "https://schema.org" and page["@type"] == "ProfilePage"
    assert page["url"] == BASE
    person = page["mainEntity"]
    assert person["@type"] == "Person" and person["name"] == "Ada Lovelace"
    assert person["sameAs"] == ["https://ada.example.org/", "https://github.com/ada"]
    assert person["affiliation"]["name"] == "Analytical Society"
    assert person["url"] == BASE
    assert person["image"] == BASE + "static/ada.jpg"
    # The papers' authors name the same address as the person's own
    article = json.loads(head(full_site / "papers" / "things" / "index.html").jsonld[0])
    assert article["author"][0]["url"] == person["url"]
    meta = dict(parsed.meta)
    assert meta["og:type"] == "profile"
    assert meta["og:url"] == BASE
    assert meta["og:title"].startswith("Ada Lovelace")
    assert meta["twitter:card"] == "summary"
    assert meta["og:image"] == BASE + "static/ada.jpg"
    assert meta["twitter:title"] == meta["og:title"]
    assert meta["description"] and meta["og:description"] == meta["description"]
    assert parsed.canonical == BASE
    # The main author's second address points search engines at the root.
    assert head(full_site / "authors" / "ada" / "index.html").canonical == BASE
    paper = head(full_site / "papers" / "engines" / "index.html")
    assert paper.canonical == BASE + "papers/engines/"
    assert dict(paper.meta)["og:type"] == "article"


def test_a_shared_paper_link_names_the_site_once(full_site: Path) -> None:
    """A link preview shows og:site_name beside og:title: the title is the paper's alone
    (it said `… · Ada` under `Ada`). The tab's <title> and X's card, which shows no site
    name, keep it."""
    page = full_site / "papers" / "things" / "index.html"
    meta = dict(head(page).meta)
    paper = "Breaking </script><script>alert(1)</script> & $\\alpha$-Things"
    assert meta["og:site_name"] == "Ada"
    assert meta["og:title"] == paper
    assert meta["twitter:title"] == paper + " · Ada"
    tab = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"))
    assert tab is not None and html.unescape(tab.group(1)) == paper + " · Ada"


def test_no_canonical_or_og_url_without_absolute_base(tmp_path: Path, sample_source: Path) -> None:
    build(sample_source, tmp_path / "out")
    parsed = head(tmp_path / "out" / "index.html")
    assert parsed.canonical is None
    assert "og:url" not in dict(parsed.meta)
    page = json.loads(parsed.jsonld[0])
    assert "url" not in page and "url" not in page["mainEntity"]
    assert "image" not in page["mainEntity"]  # a photo's address would be a path


def test_cv_groups_publications_by_year(full_site: Path, sample: Path) -> None:
    html = (sample / "cv" / "index.html").read_text(encoding="utf-8")
    years = re.findall(r'<h3 id="y(\d{4})">', html)
    assert years == ["2026", "2025", "2024", "2023"]
    sections = re.split(r'<h3 id="y\d{4}">', html)[1:]
    counts = [s.count('class="cv-title"') for s in sections]
    assert counts == [3, 5, 5, 1]
    assert "Kaile Wang" in html and 'href="../"' in html
    ada = (full_site / "cv" / "index.html").read_text(encoding="utf-8")
    assert "Analytical Society" in ada and "https://github.com/ada" in ada
    assert "<strong>Ada Lovelace</strong>" in ada


def test_papers_per_year_chart_with_text_equivalent(sample: Path) -> None:
    html = (sample / "index.html").read_text(encoding="utf-8")
    figure = html.split('<figure class="chart chart-papers">')[1].split("</figure>")[0]
    assert "<svg" in figure and 'aria-hidden="true"' in figure
    rows = re.findall(r'<th scope="row">(\d{4})</th><td>(\d+)</td>', figure)
    assert rows == [("2023", "1"), ("2024", "5"), ("2025", "5"), ("2026", "3")]
    assert len(re.findall(r'<rect class="bar"', figure)) == 4
    # No paper in the sample records its citations, so there is no citations chart.
    assert "chart-citations" not in html


def test_citations_chart_when_counts_are_known(full_site: Path) -> None:
    html = (full_site / "index.html").read_text(encoding="utf-8")
    figure = html.split('<figure class="chart chart-citations">')[1].split("</figure>")[0]
    rows = re.findall(r'<th scope="row">(\d{4})</th><td>([^<]*)</td>', figure)
    # 2023's paper records no count: no data, not 0 (SPEC §3), in the table and the chart;
    # the table says so in words (a screen reader read the dash as nothing, an empty cell)
    assert rows == [("2023", "no data"), ("2024", "12")]
    assert figure.count('<text class="value none"') == 1
    assert "(12 in all)" in figure


def test_cards_carry_data_for_the_finder(full_site: Path) -> None:
    html = (full_site / "index.html").read_text(encoding="utf-8")
    card = re.search(r'<article class="card" id="paper-things"[^>]*>', html)
    assert card
    tag = card.group(0)
    for attr in (
        'data-year="2024"',
        'data-category="cs.LG"',
        'data-tags="alignment|federated"',
        'data-code="1"',
        'data-citations="12"',
        'data-authors="Ada Lovelace, Charles Babbage, Mary Somerville, Grace Hopper"',
    ):
        assert attr in tag
    # The finder ships hidden: without the script nothing half-works.
    assert re.search(r'<form class="finder"[^>]*\bhidden\b', html)


def test_arxiv_and_doi_read_from_links(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """SPEC: `links` maps `arxiv` and `doi` to URLs "or ids". Written there, they are the
    paper's for Google Scholar and for the BibTeX to copy or download (cite.bib had
    neither: a reader who cited the paper from it lost its DOI)."""
    paper = """\
    ---
    title: Linked
    authors: [Ada Lovelace]
    date: 2024-02
    links:
      arxiv: 2402.00001
      doi: 10.5555/xyz.1
    ---
    Text.
    """
    site = make_site({"content/authors/ada.yaml": AUTHOR, "content/papers/linked.md": paper})
    build(site, tmp_path / "out")
    meta = dict(head(tmp_path / "out" / "papers" / "linked" / "index.html").meta)
    assert meta["citation_arxiv_id"] == "2402.00001"
    assert meta["citation_doi"] == "10.5555/xyz.1"
    assert "citation_pdf_url" not in meta  # arXiv's PDF is on another host
    # Scholar reads a full date or a year alone: a month without its day is its year
    assert meta["citation_publication_date"] == "2024"
    bib = (tmp_path / "out" / "papers" / "linked" / "cite.bib").read_text(encoding="utf-8")
    [entry] = bibtexparser.parse_string(bib).entries
    fields = {f.key: f.value for f in entry.fields}
    assert fields["doi"] == "10.5555/xyz.1"
    assert (fields["eprint"], fields["archiveprefix"]) == ("2402.00001", "arXiv")


@pytest.mark.parametrize(
    "pdf", ["/static/files/things.pdf", "static/files/things.pdf", "./static/files/things.pdf"]
)
def test_scholar_s_pdf_address_is_the_one_the_page_links_to(
    pdf: str, make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """On a project site (served under /repo/), a PDF link without a host: Google Scholar's
    citation_pdf_url named base_url + the path, while the page's own link (a `/…` path
    from the host's root, another from the site's root) led elsewhere for `/…`."""
    from urllib.parse import urljoin

    base = "https://ada.github.io/repo/"
    paper = FULL_PAPER.replace("https://example.com/things.pdf", pdf)
    site = make_site(
        {
            "site.yaml": f"title: Ada\nbase_url: {base}\nmain_author: ada\n",
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/things.md": paper,
            "static/files/things.pdf": b"%PDF-1.4\n",
        }
    )
    build(site, tmp_path / "out")
    page = tmp_path / "out" / "papers" / "things" / "index.html"
    [href] = re.findall(r'<a href="([^"]*)"[^>]*>PDF</a>', page.read_text(encoding="utf-8"))
    shown = urljoin(base + "papers/things/", href)
    # `/files/…` leads out of /repo/, to another site on the host: not one Scholar may take
    expected = shown if shown.startswith(base) else None
    assert dict(head(page).meta).get("citation_pdf_url") == expected


def test_scholar_is_named_no_pdf_the_site_lacks(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """`pdf: static/papers/things.pdf` with no such file: the page named it to Google
    Scholar as the paper's full text (`citation_pdf_url`), a 404 to its crawler. It names
    none until the file is there, the build's warning saying at the record's line where
    to put it; the page an incremental build makes once the file is added is the cold
    build's, byte for byte."""
    paper = FULL_PAPER.replace("https://example.com/things.pdf", "static/papers/things.pdf")
    site = make_site(
        {
            "site.yaml": f"title: Ada\nbase_url: {BASE}\nmain_author: ada\n",
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/things.md": paper,
        }
    )
    out = tmp_path / "out"
    warnings = build(site, out).warnings
    line = paper.splitlines().index("  pdf: static/papers/things.pdf") + 1
    said = f"content/papers/things.md:{line}: link `pdf` `static/papers/things.pdf` leads to "
    assert any(w.startswith(said + "nothing the site holds") for w in warnings)
    page = out / "papers" / "things" / "index.html"
    assert "citation_pdf_url" not in dict(head(page).meta)
    (site / "static" / "papers").mkdir(parents=True)
    (site / "static" / "papers" / "things.pdf").write_bytes(b"%PDF-1.4\n")
    build(site, out)  # incremental: the page is made again, as the file's there now
    assert dict(head(page).meta)["citation_pdf_url"] == BASE + "static/papers/things.pdf"
    build(site, tmp_path / "cold")
    assert (
        page.read_bytes() == (tmp_path / "cold" / "papers" / "things" / "index.html").read_bytes()
    )


# Papers whose venue is of each kind Scholar tells apart: file stem, front matter lines
VENUES = {
    "journal": "venue: Journal of Machine Learning Research\ntype: article\n",
    "conference": "venue: Proceedings of ICML 2023\n",
    "preprint": "venue: arXiv preprint arXiv:2501.00002\ntype: preprint\n",
    "biorxiv": "venue: bioRxiv\n",
    "corr": "venue: CoRR abs/2501.00002\n",  # DBLP's name for arXiv
    "thesis": "venue: Massachusetts Institute of Technology\ntype: phdthesis\n",
    "report": "venue: Bell Labs\ntype: techreport\n",
    "book": "venue: Springer\ntype: book\n",
    "chapter": "venue: Handbook of Engines\ntype: chapter\n",
    # what the importers call `other` (a @patent, a @misc on GitHub): no journal's paper
    "patent": "venue: US Patent 5,973,252 A\ntype: other\n",
    "software": "venue: GitHub\ntype: other\n",
    # published, with its arXiv id too: a conference paper all the same
    "published": "venue: NeurIPS 2023\narxiv_id: 2501.00003\n",
}
# The journal paper has a full date and its PDF on the site; the others a month.
DATES = {"journal": "2024-03-09\nlinks:\n  pdf: static/files/journal.pdf"}


@pytest.fixture
def venue_site(make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path) -> Path:
    files: dict[str, str | bytes] = {
        "site.yaml": "title: Ada\nbase_url: https://ada.github.io/repo/\n",
        "content/authors/ada.yaml": AUTHOR,
        "static/files/journal.pdf": b"%PDF-1.4\n",
    }
    for stem, lines in VENUES.items():
        date = DATES.get(stem, "2024-03")
        files[f"content/papers/{stem}.md"] = (
            f"---\ntitle: A {stem}\nauthors: [Ada Lovelace]\ndate: {date}\n{lines}---\nText.\n"
        )
    build(make_site(files), tmp_path / "out")
    return tmp_path / "out"


@pytest.mark.parametrize(
    ("stem", "tag", "ld_key"),
    [
        ("journal", "citation_journal_title", "isPartOf"),
        ("conference", "citation_conference_title", "publication"),
        ("preprint", None, None),  # a preprint server is not a journal
        ("biorxiv", None, None),
        ("corr", None, None),
        ("thesis", "citation_dissertation_institution", "sourceOrganization"),
        ("report", "citation_technical_report_institution", "sourceOrganization"),
        ("book", None, None),
        # its book as Zotero reads it (Scholar names no tag); isPartOf a Book in JSON-LD
        ("chapter", "citation_book_title", "isPartOf"),
        ("patent", None, None),
        ("software", None, None),
        ("published", "citation_conference_title", "publication"),
    ],
)
def test_scholar_is_told_what_the_venue_is(
    venue_site: Path, stem: str, tag: str | None, ld_key: str | None
) -> None:
    """Scholar's guidelines: citation_journal_title or citation_conference_title for journal
    and conference papers; citation_dissertation_institution and
    citation_technical_report_institution for theses and reports; no journal for a preprint."""
    parsed = head(venue_site / "papers" / stem / "index.html")
    venue_tags = {
        k: v
        for k, v in parsed.meta
        if k.endswith(("_title", "_institution")) and k != "citation_title"
    }
    venue = re.search(r"venue: (.*)\n", VENUES[stem])
    assert venue
    assert venue_tags == ({tag: venue.group(1)} if tag else {})
    data = json.loads(parsed.jsonld[0])
    placed = {k for k in ("isPartOf", "publication", "sourceOrganization") if k in data}
    assert placed == ({ld_key} if ld_key else set())
    if ld_key:
        assert data[ld_key]["name"] == venue.group(1)
    # schema.org's own type for what is not an article
    kinds = {"thesis": "Thesis", "report": "Report", "book": "Book", "chapter": "Chapter"}
    assert data["@type"] == kinds.get(stem, "ScholarlyArticle")


# Where BibTeX's standard styles (plain.bst: "Warning--empty school", "empty institution",
# "empty publisher") and biblatex's data model read each entry type's venue from.
BIB_VENUE = {
    "journal": ("article", "journal"),
    "conference": ("inproceedings", "booktitle"),
    "thesis": ("phdthesis", "school"),
    "report": ("techreport", "institution"),
    "book": ("book", "publisher"),
    "chapter": ("incollection", "booktitle"),
    "patent": ("misc", "howpublished"),
    "software": ("misc", "howpublished"),
    # as its Scholar tags say: a conference paper, arXiv id or not; a preprint server's
    # name is no journal's
    "published": ("inproceedings", "booktitle"),
    "preprint": ("misc", "howpublished"),
    "biorxiv": ("misc", "howpublished"),
    "corr": ("misc", "howpublished"),
}


@pytest.mark.parametrize("stem", sorted(BIB_VENUE))
def test_cite_bib_puts_the_venue_where_its_entry_type_reads_it(venue_site: Path, stem: str) -> None:
    """A thesis's university is its `school`, a report's institution its `institution`, a
    book's publisher its `publisher`: BibTeX printed "PhD thesis, 2018." without the
    university from a `howpublished`, which none of these types has (biber: "Invalid field
    'howpublished' for entrytype 'thesis'"). A patent or software is a @misc, not a
    journal's @article."""
    text = (venue_site / "papers" / stem / "cite.bib").read_text(encoding="utf-8")
    [entry] = bibtexparser.parse_string(text).entries
    fields = {f.key: f.value for f in entry.fields}
    venue = re.search(r"venue: (.*)\n", VENUES[stem])
    assert venue
    kind, field = BIB_VENUE[stem]
    assert (entry.entry_type, fields[field]) == (kind, venue.group(1))
    others = {"journal", "booktitle", "school", "institution", "publisher", "howpublished"}
    assert not (others - {field}) & fields.keys()


@pytest.mark.parametrize(
    ("venue", "tag", "kind"),
    [
        # a journal whose words hold a conference's acronym: `agricoltura` holds COLT,
        # `antiquaires` UAI; both were told to Scholar as conferences, @inproceedings
        ("Rivista di storia dell'agricoltura", "citation_journal_title", "article"),
        (
            "Bulletin de la Société nationale des antiquaires de France",
            "citation_journal_title",
            "article",
        ),
        # the acronyms themselves, with a year, a prefix of their own or a track
        ("EACL 2024", "citation_conference_title", "inproceedings"),
        ("SIGKDD 2023", "citation_conference_title", "inproceedings"),
        ("Findings of ACL 2024", "citation_conference_title", "inproceedings"),
        ("NeurIPS2023 Workshops", "citation_conference_title", "inproceedings"),
        ("ICLR'24", "citation_conference_title", "inproceedings"),
        # journals named "Proceedings of …" (PNAS, PACM, the IEEE's), told as conferences
        ("Proceedings of the National Academy of Sciences", "citation_journal_title", "article"),
        ("Proceedings of the IEEE", "citation_journal_title", "article"),
        ("Proceedings of the ACM on Programming Languages", "citation_journal_title", "article"),
        ("Proceedings of the VLDB Endowment", "citation_journal_title", "article"),
        # and meetings whose name begins so, as before
        (
            "Proceedings of the IEEE International Conference on Computer Vision",
            "citation_conference_title",
            "inproceedings",
        ),
        ("Proceedings of Machine Learning Research", "citation_conference_title", "inproceedings"),
    ],
)
def test_a_conference_is_told_by_its_acronym_not_by_letters_inside_a_word(
    make_site: Callable[[dict[str, str | bytes]], Path],
    tmp_path: Path,
    venue: str,
    tag: str,
    kind: str,
) -> None:
    """A venue is a conference's when it names one (`conference`, `proceedings`, or a
    known acronym as a word of its own), not when a word merely holds an acronym's letters."""
    out = one_paper_site(make_site, tmp_path, f"title: T\nvenue: {json.dumps(venue)}")
    meta = dict(head(out / "papers" / "t" / "index.html").meta)
    assert {k: v for k, v in meta.items() if k.endswith("_title") and k != "citation_title"} == {
        tag: venue
    }
    text = (out / "papers" / "t" / "cite.bib").read_text(encoding="utf-8")
    [entry] = bibtexparser.parse_string(text).entries
    assert entry.entry_type == kind


def one_paper_site(
    make_site: Callable[[dict[str, str | bytes]], Path],
    tmp_path: Path,
    lines: str,
    authors: str = "[Ada Lovelace]",
) -> Path:
    """The built site of Ada's one paper `papers/t/`, its front matter ``lines``, its
    ``authors`` (Ada alone unless given) and 2025 as date."""
    paper = f"---\n{lines}\nauthors: {authors}\ndate: 2025\n---\nText.\n"
    site = make_site(
        {
            "site.yaml": f"title: Ada\nbase_url: {BASE}\n",
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/t.md": paper,
        }
    )
    build(site, tmp_path / "out")
    return tmp_path / "out"


@pytest.mark.parametrize(
    ("title", "latex"),
    [
        # Markdown is typeset as the page shows it, not as asterisks and underscores
        (
            "'**Bold** and _emphasis_ and `code_name`'",
            r"\textbf{Bold} and \emph{emphasis} and \texttt{code\_name}",
        ),
        # `_`, `^` and `$` as text stopped the reader's LaTeX: "Missing $ inserted"
        ("snake_case in x^2 costs \\$5", r"snake\_case in x\textasciicircum{}2 costs \$5"),
        # math, LaTeX commands and TeX's escapes stay as written (Markdown drops `\`)
        ("'**Bold** \\\"{o} and \\{x\\}'", r"\textbf{Bold} \"{o} and \{x\}"),
        ("'$\\alpha_1$-nets and \\textsc{Bert}'", r"$\alpha_1$-nets and \textsc{Bert}"),
    ],
)
def test_cite_bib_title_is_latex_that_typesets_as_the_page_reads(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path, title: str, latex: str
) -> None:
    """BibTeX copies a title into the reader's document as LaTeX: a Markdown title's `_x_`
    stopped it at "Missing $ inserted", and `**bold**` was cited with its asterisks."""
    out = one_paper_site(make_site, tmp_path, f"title: {title}")
    bib = (out / "papers" / "t" / "cite.bib").read_text(encoding="utf-8")
    [entry] = bibtexparser.parse_string(bib).entries
    assert {f.key: f.value for f in entry.fields}["title"] == "{" + latex + "}"


def test_a_co_author_s_feed_is_not_described_as_the_site(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """Atom's subtitle is the feed's description (RFC 4287, 4.2.12): the site's `description`
    ("Papers of Ada Lovelace") described every author's feed, so a feed reader showed it
    under a co-author's name. It describes the site's feed and the main author's."""
    paper = "---\ntitle: T\nauthors: [Ada Lovelace, Bob Babbage]\ndate: 2025\n---\nText.\n"
    site = make_site(
        {
            "site.yaml": "title: Ada\ndescription: Papers of Ada Lovelace.\nmain_author: ada\n",
            "content/authors/ada.yaml": AUTHOR,
            "content/authors/bob.yaml": "name: Bob Babbage\n",
            "content/papers/t.md": paper,
        }
    )
    build(site, tmp_path / "out")
    subtitles = {}
    for feed in ("feed.xml", "authors/ada/feed.xml", "authors/bob/feed.xml"):
        parsed = feedparser.parse(str(tmp_path / "out" / feed))
        assert not parsed.bozo, feed
        subtitles[feed] = parsed.feed.get("subtitle")
    assert subtitles == {
        "feed.xml": "Papers of Ada Lovelace.",
        "authors/ada/feed.xml": "Papers of Ada Lovelace.",
        "authors/bob/feed.xml": None,
    }


def test_two_papers_never_share_a_citation_key(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """Papers of one first author and year whose titles start alike had one key, and so
    had papers with a name and title in another script (`2024paper`): put in one .bib,
    BibTeX skipped the second ("Repeated entry") and biber too ("Duplicate entry key").
    The earliest keeps the key, so that a later paper changes no earlier one's; a
    rebuild that adds an earlier one rewrites the later one's cite.bib."""

    def paper(title: str, author: str, date: str) -> str:
        return f"---\ntitle: {title}\nauthors: [{author}]\ndate: {date}\n---\nText.\n"

    files: dict[str, str | bytes] = {
        "content/authors/wei.yaml": "name: Wei Wang\n",
        "content/papers/towards-one.md": paper("Towards One", "Wei Wang", "2024-03-01"),
        "content/papers/towards-two.md": paper("Towards Two", "Wei Wang", "2024-09-01"),
        "content/papers/zh-one.md": paper("大模型对齐", "王伟", "2024-02-01"),
        "content/papers/zh-two.md": paper("安全强化学习", "王伟", "2024-05-01"),
    }
    site = make_site(files)
    out = tmp_path / "out"

    def keys() -> dict[str, str]:
        found = {}
        for bib in sorted(out.glob("papers/*/cite.bib")):
            [entry] = bibtexparser.parse_string(bib.read_text(encoding="utf-8")).entries
            found[bib.parent.name] = entry.key
        return found

    build(site, out)
    assert keys() == {
        "towards-one": "wang2024towards",
        "towards-two": "wang2024towardsb",
        "zh-one": "2024paper",
        "zh-two": "2024paperb",
    }
    (site / "content/papers/towards-zero.md").write_text(
        paper("Towards Zero", "Wei Wang", "2024-01-01"), encoding="utf-8"
    )
    build(site, out)
    assert keys()["towards-zero"] == "wang2024towards"
    assert keys()["towards-one"] == "wang2024towardsb"
    page = (out / "papers" / "towards-one" / "index.html").read_text(encoding="utf-8")
    assert "@misc{wang2024towardsb," in page  # the page's Cite box says what cite.bib says


def test_a_group_s_name_is_a_group_s_in_cite_bib_and_json_ld(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """BibTeX splits names at `and` and reads a name's last word as the surname: the
    arXiv-style author `ATLAS Collaboration` was cited "A. Collaboration" (abbrv) and
    `Food and Drug Administration` as two authors, "Food, D. Administration". JSON-LD
    called them a Person; Google's Article author is an Organization for one."""
    authors = "[ATLAS Collaboration, Food and Drug Administration, Ada Lovelace]"
    out = one_paper_site(make_site, tmp_path, "title: T", authors)
    bib = (out / "papers" / "t" / "cite.bib").read_text(encoding="utf-8")
    split = [SeparateCoAuthors(), SplitNameParts()]  # as BibTeX reads an author list
    [entry] = bibtexparser.parse_string(bib, append_middleware=split).entries
    assert [(n.first, n.last) for n in entry["author"]] == [
        ([], ["{ATLAS Collaboration}"]),
        ([], ["{Food and Drug Administration}"]),
        (["Ada"], ["Lovelace"]),
    ]
    data = json.loads(head(out / "papers" / "t" / "index.html").jsonld[0])
    assert [a["@type"] for a in data["author"]] == ["Organization", "Organization", "Person"]


def test_a_body_that_issued_a_standard_is_one_name_and_an_organization(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """The BibTeX import names a standard's or a report's organization as its author
    (`International Organization for Standardization`, `U.S. Department of Energy`): a
    generated cite.bib gave it to BibTeX unbraced, a Mr Standardization whose given names
    were "International Organization", and JSON-LD called it a Person."""
    authors = "[International Organization for Standardization, U.S. Department of Energy]"
    out = one_paper_site(make_site, tmp_path, "title: T", authors)
    bib = (out / "papers" / "t" / "cite.bib").read_text(encoding="utf-8")
    split = [SeparateCoAuthors(), SplitNameParts()]
    [entry] = bibtexparser.parse_string(bib, append_middleware=split).entries
    assert [(n.first, n.last) for n in entry["author"]] == [
        ([], ["{International Organization for Standardization}"]),
        ([], ["{U.S. Department of Energy}"]),
    ]
    data = json.loads(head(out / "papers" / "t" / "index.html").jsonld[0])
    assert [a["@type"] for a in data["author"]] == ["Organization", "Organization"]


@pytest.mark.parametrize(
    ("record", "named"),
    [
        ("arxiv_id: 2501.00002v3", "2501.00002"),
        ("links:\n  arxiv: https://arxiv.org/abs/2501.00002v2", "2501.00002"),
        ("links:\n  arxiv: https://arxiv.org/pdf/hep-th/9901001v1.pdf", "hep-th/9901001"),
        ("links:\n  arxiv: https://arxiv.org/abs/not-an-id", None),
    ],
)
def test_arxiv_id_is_named_without_its_version(
    make_site: Callable[[dict[str, str | bytes]], Path],
    tmp_path: Path,
    record: str,
    named: str | None,
) -> None:
    """arXiv's own pages name the paper (every version) as `citation_arxiv_id` 2501.00002:
    a version-bound id would not match them."""
    out = one_paper_site(make_site, tmp_path, f"title: T\n{record}")
    parsed = head(out / "papers" / "t" / "index.html")
    assert dict(parsed.meta).get("citation_arxiv_id") == named
    same_as = json.loads(parsed.jsonld[0]).get("sameAs", [])
    assert (f"https://arxiv.org/abs/{named}" in same_as) == (named is not None)


def test_scholar_date_and_pdf_of_a_paper_on_the_site(venue_site: Path) -> None:
    journal = dict(head(venue_site / "papers" / "journal" / "index.html").meta)
    assert journal["citation_publication_date"] == "2024/03/09"
    assert journal["citation_pdf_url"] == "https://ada.github.io/repo/static/files/journal.pdf"
    month_only = dict(head(venue_site / "papers" / "thesis" / "index.html").meta)
    assert month_only["citation_publication_date"] == "2024"


def test_a_feed_is_never_older_than_its_newest_entry(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """RFC 4287 4.2.15: a feed's updated is the most recent instant it was modified, so a
    paper dated after the build (accepted for next year) moves it forward."""
    ahead = "---\ntitle: Next Year\nauthors: [Ada Lovelace]\ndate: 2027-03\n---\nText.\n"
    site = make_site(
        {
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/engines.md": JOURNAL_PAPER,
            "content/papers/ahead.md": ahead,
        }
    )
    build(site, tmp_path / "out")
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in ("feed.xml", "authors/ada/feed.xml"):
        root = ET.fromstring((tmp_path / "out" / feed).read_bytes())
        entries = [e.findtext(f"{atom}updated") or "" for e in root.iter(f"{atom}entry")]
        assert sorted(entries) == ["2023-01-01T00:00:00Z", "2027-03-01T00:00:00Z"]
        assert root.findtext(f"{atom}updated") == "2027-03-01T00:00:00Z"
        assert not feedparser.parse((tmp_path / "out" / feed).read_bytes()).bozo


def robots_fields(text: str) -> list[tuple[str, str]]:
    """robots.txt as RFC 9309 reads it: `key: value` lines, keys case-insensitive."""
    fields = []
    for line in text.splitlines():
        key, sep, value = line.split("#", 1)[0].partition(":")
        if sep:
            fields.append((key.strip().lower(), value.strip()))
    return fields


def test_robots_txt_names_the_sitemap_by_its_address_as_written(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """robots.txt is plain text: a base_url with `&` (legal in a path) is not
    HTML-escaped there, while the sitemap's XML escapes it and reads back the same."""
    base = "https://example.org/r&d/"
    site = make_site({"content/authors/ada.yaml": AUTHOR, "content/papers/e.md": JOURNAL_PAPER})
    build(site, tmp_path / "out", base_url=base)
    robots = robots_fields((tmp_path / "out" / "robots.txt").read_text(encoding="utf-8"))
    assert robots == [("user-agent", "*"), ("allow", "/"), ("sitemap", base + "sitemap.xml")]
    root = ET.fromstring((tmp_path / "out" / "sitemap.xml").read_bytes())
    locs = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert base in locs and base + "papers/e/" in locs


def test_without_a_main_author_the_author_list_is_the_root(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """The root and `authors/` then show the same list: `authors/` names the root as its
    canonical (and og:url), and the sitemap lists the root only."""
    site = make_site(
        {
            "site.yaml": f"title: Lab\nbase_url: {BASE}\n",
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/e.md": JOURNAL_PAPER,
            "static/ada.jpg": b"\xff\xd8\xff\xd9",
        }
    )
    out = tmp_path / "out"
    build(site, out)
    listing = head(out / "authors" / "index.html")
    assert listing.canonical == BASE and dict(listing.meta)["og:url"] == BASE
    assert head(out / "index.html").canonical == BASE
    root = ET.fromstring((out / "sitemap.xml").read_bytes())
    locs = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert sorted(locs) == sorted(
        [BASE, BASE + "authors/ada/", BASE + "authors/ada/cv/", BASE + "papers/e/"]
    )
    check_output(out, BASE)  # and check agrees


def test_a_paper_without_abstract_is_described_as_a_reference(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """Search results and link previews show the description: an empty one says nothing."""
    bare = "---\ntitle: Bare\nauthors: [Ada Lovelace, B. Two, C. Three, D. Four]\ndate: 2019\nvenue: Nature\n---\n"
    site = make_site({"content/authors/ada.yaml": AUTHOR, "content/papers/bare.md": bare})
    build(site, tmp_path / "out")
    meta = dict(head(tmp_path / "out" / "papers" / "bare" / "index.html").meta)
    assert meta["description"] == "Ada Lovelace, B. Two, C. Three et al., Nature, 2019."
    assert meta["og:description"] == meta["twitter:description"] == meta["description"]


def test_json_ld_links_an_author_written_by_alias_or_in_another_order(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """The page sets the site's authors in bold by name, alias or `Last, First`: the JSON-LD
    links the same names to their profiles, and no other name."""
    grace = "name: Grace Hopper\naliases: [G. M. Hopper]\n"
    paper = (
        "---\ntitle: T\nauthors: ['Lovelace, Ada', G. M. Hopper, Alan Turing]\ndate: 2024\n---\n"
    )
    site = make_site(
        {
            "site.yaml": f"title: Lab\nbase_url: {BASE}\nmain_author: ada\n",
            "content/authors/ada.yaml": AUTHOR.replace("photo: static/ada.jpg\n", ""),
            "content/authors/grace.yaml": grace,
            "content/papers/t.md": paper,
        }
    )
    build(site, tmp_path / "out")
    page = tmp_path / "out" / "papers" / "t" / "index.html"
    authors = json.loads(head(page).jsonld[0])["author"]
    assert [(a["name"], a.get("url")) for a in authors] == [
        ("Lovelace, Ada", BASE),
        ("G. M. Hopper", BASE + "authors/grace/"),
        ("Alan Turing", None),
    ]
    html = page.read_text(encoding="utf-8")
    bold = re.findall(
        r'<strong><a class="member" href="([^"]*)">(?:<bdi>)?([^<]*)', html.split("<dl")[0]
    )
    # the page's own reading agrees: bold, and linked to the profiles the JSON-LD names
    assert bold == [("../../", "Lovelace, Ada"), ("../../authors/grace/", "G. M. Hopper")]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Short title", "Short title"),
        ("x" * 110, "x" * 110),
        ("word " * 30, ("word " * 22).strip() + "…"),  # 22 words are 109 characters
        ("A" * 200, "A" * 109 + "…"),  # one word: cut within it
        ("Learning to Rank: " + "a" * 92 + " tail", "Learning to Rank…"),
    ],
)
def test_a_long_title_s_headline_ends_at_a_whole_word(title: str, expected: str) -> None:
    """schema.org headlines are cut at Google's 110 characters: mid-word, they read as typos."""
    from generator.seo import HEADLINE_MAX, headline

    assert headline(title) == expected
    assert len(headline(title)) <= HEADLINE_MAX


def test_a_shared_paper_says_when_it_came_out_whose_it_is_and_its_tags(full_site: Path) -> None:
    """A paper's page is an Open Graph article: with its date, the profile on the site of
    each of its authors there, and its tags, as a post that shares the link shows them.

    Before, it said og:type article and nothing of the article: a share said no date.
    """
    meta = head(full_site / "papers" / "things" / "index.html").meta
    assert ("article:published_time", "2024-05-07") in meta
    assert [c for n, c in meta if n == "article:author"] == [BASE]
    assert [c for n, c in meta if n == "article:tag"] == ["alignment", "federated"]
    # A paper dated by its year alone says the year (ISO 8601's reduced precision).
    meta = head(full_site / "papers" / "engines" / "index.html").meta
    assert ("article:published_time", "2023") in meta
    assert [n for n, _ in meta if n == "article:tag"] == []


def test_a_paper_shared_from_a_site_without_its_address_names_no_author_page(
    tmp_path: Path, sample_source: Path
) -> None:
    """Without an absolute base_url, a profile's address would be a path: none is given."""
    build(sample_source, tmp_path / "out")
    meta = head(tmp_path / "out" / "papers" / "debate-with-images" / "index.html").meta
    assert ("article:published_time", "2026-05-27") in meta
    assert "article:author" not in dict(meta)
