"""Built paper pages against Google Scholar's inclusion guidelines for webmasters
(https://scholar.google.com/intl/en/scholar/inclusion.html), for each kind of record:
one paper per page, its title in the heading as ``citation_title`` says it, its authors
and abstract on the page, dates in the forms Scholar reads, the venue in the tag of its
kind, ``citation_pdf_url`` only for a PDF on the site, no ``citation_*`` tags on pages that
are no paper's, and robots.txt, the sitemap and the canonical links letting Scholar in."""

from __future__ import annotations

import re
import urllib.robotparser
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import build
from generator.check import check_output
from tests.ingest_support import write_files

BASE = "https://example.org/~ada/"
PDF = b"%PDF-1.4\n%%EOF\n"


def paper(front: str, abstract: str = "") -> str:
    return f"---\n{front.strip()}\n---\n{abstract}"


MANY = [f"Author{n} Surname{n}" for n in range(1, 300)]
PAPERS = {
    "journal": paper(
        "title: A Journal Article\nauthors: [Ada Lovelace, Charles Babbage]\n"
        "date: 2020-03-15\ntype: article\nvenue: Journal of Things\nvolume: '12'\n"
        "issue: '3'\npages: 45-67\nlinks:\n  pdf: static/papers/journal.pdf",
        "The journal abstract.",
    ),
    "conference": paper(
        "title: A Conference Paper\nauthors: [Ada Lovelace]\ndate: 2021-06\n"
        "type: conference\nvenue: NeurIPS 2021\n"
        "links:\n  pdf: https://arxiv.org/pdf/2101.00001.pdf",
        "The conference abstract.",
    ),
    "preprint": paper(
        "title: A Preprint\nauthors: [Ada Lovelace]\ndate: 2022\ntype: preprint\n"
        "venue: arXiv\narxiv_id: 2201.00001v2",
        "The preprint abstract.",
    ),
    "book": paper(
        "title: A Book\nauthors: [Ada Lovelace]\ndate: 2019\ntype: book\nvenue: Springer\n"
        "isbn: 978-3-16-148410-0\npages: '312'",
        "The book's blurb.",
    ),
    "chapter": paper(
        "title: A Chapter\nauthors: [Ada Lovelace, Bob Editor (ed.)]\ndate: 2018\n"
        "type: chapter\nvenue: The Big Book\npages: 10-20",
        "The chapter abstract.",
    ),
    "phd": paper(
        "title: A PhD Thesis\nauthors: [Ada Lovelace]\ndate: 2015\ntype: phdthesis\n"
        "venue: University of London",
        "The thesis abstract.",
    ),
    "masters": paper(
        "title: A Master's Thesis\nauthors: [Ada Lovelace]\ndate: 2012\n"
        "type: mastersthesis\nvenue: University of Cambridge"
    ),
    "habilitation": paper(
        "title: A Habilitation\nauthors: [Ada Lovelace]\ndate: 2024\ntype: habilitation\n"
        "venue: Universität Wien"
    ),
    "report": paper(
        "title: A Report\nauthors: [Ada Lovelace]\ndate: 2017\ntype: techreport\n"
        "venue: MIT CSAIL\nissue: MIT-CSAIL-TR-2017-001"
    ),
    # The kinds as a hand writes them in a record, not as README lists them
    "phd-hand": paper(
        "title: A Thesis Typed By Hand\nauthors: [Ada Lovelace]\ndate: 2016\n"
        "type: PhD thesis\nvenue: Universität Bonn"
    ),
    "masters-hand": paper(
        "title: Another Thesis\nauthors: [Ada Lovelace]\ndate: 2013\n"
        "type: Master’s Thesis\nvenue: ETH Zürich"
    ),
    "working": paper(
        "title: A Working Paper\nauthors: [Ada Lovelace]\ndate: 2023-07\n"
        "type: Working Paper\nvenue: National Bureau of Economic Research\nissue: w31422"
    ),
    "discussion": paper(
        "title: A Discussion Paper\nauthors: [Ada Lovelace]\ndate: 2023\n"
        "type: discussion-paper\nvenue: IZA\nissue: DP 15432"
    ),
    "book-chapter": paper(
        "title: A Chapter Typed By Hand\nauthors: [Ada Lovelace]\ndate: 2018\n"
        "type: book chapter\nvenue: Handbook of Engines"
    ),
    "many": paper(
        "title: Many Hands\nauthors: [Ada Lovelace, 山田 太郎, Ludwig van Beethoven, "
        "Jean de La Fontaine, 'Gates, Jr., S. James', 王小明, "
        + ", ".join(MANY)
        + ", et al.]\ndate: 2020-01-02\nvenue: Nature",
        "Many hands.",
    ),
    "japanese": paper(
        "title: 手書き文書認識の高速化\ntranslated_title: Faster recognition of handwriting\n"
        "authors: [山田 太郎, Ada Lovelace]\ndate: 2019-11-05\nvenue: 情報処理学会論文誌\n"
        "language: ja",
        "日本語の概要です。",
    ),
    "math": paper(
        "title: 'Bounds for $\\alpha$-**stable** processes'\nauthors: [Ada Lovelace]\n"
        "date: 2020\nvenue: Annals of Probability",
        "Math.",
    ),
    "unicode-pdf": paper(
        "title: A PDF Named In Japanese\nauthors: [Ada Lovelace]\ndate: 2020\n"
        "venue: Nature\nlinks:\n  pdf: static/papers/論文 1.pdf",
        "Its abstract.",
    ),
    "pdf-only": paper(
        "title: Its PDF Alone\nauthors: [Ada Lovelace]\ndate: 2020\nvenue: Nature\n"
        "links:\n  pdf: static/papers/journal.pdf"
    ),
    "secret": paper("title: Secret Draft\nauthors: [Ada Lovelace]\ndate: 2025\ndraft: true"),
}

# What each kind names its venue (and number) by: the guidelines' tags for journal and
# conference papers, theses and technical reports; Zotero's for a book and a chapter
VENUE_TAGS = {
    "journal": [("citation_journal_title", "Journal of Things"), ("citation_volume", "12")],
    "conference": [("citation_conference_title", "NeurIPS 2021")],
    "preprint": [],
    "book": [("citation_publisher", "Springer"), ("citation_isbn", "978-3-16-148410-0")],
    "chapter": [("citation_book_title", "The Big Book"), ("citation_firstpage", "10")],
    "phd": [("citation_dissertation_institution", "University of London")],
    "masters": [("citation_dissertation_institution", "University of Cambridge")],
    "habilitation": [("citation_dissertation_institution", "Universität Wien")],
    "report": [
        ("citation_technical_report_institution", "MIT CSAIL"),
        ("citation_technical_report_number", "MIT-CSAIL-TR-2017-001"),
    ],
    "phd-hand": [("citation_dissertation_institution", "Universität Bonn")],
    "masters-hand": [("citation_dissertation_institution", "ETH Zürich")],
    "working": [
        ("citation_technical_report_institution", "National Bureau of Economic Research"),
        ("citation_technical_report_number", "w31422"),
    ],
    "discussion": [
        ("citation_technical_report_institution", "IZA"),
        ("citation_technical_report_number", "DP 15432"),
    ],
    "book-chapter": [("citation_book_title", "Handbook of Engines")],
}
VENUE_NAMES = {
    "citation_journal_title",
    "citation_conference_title",
    "citation_dissertation_institution",
    "citation_technical_report_institution",
    "citation_book_title",
    "citation_publisher",
}


class Page(HTMLParser):
    """What Scholar reads of a page: its meta tags, canonical link, headings, the byline
    and the abstract's text, and whether the abstract sits where a click must open it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []
        self.canonical: str | None = None
        self.h1: list[str] = []
        self.byline = ""
        self.abstract = ""
        self.abstract_folded = False
        self._open: list[tuple[str, str]] = []  # (tag, what its text goes to)
        self._folded = 0  # <details> or [hidden] elements the parser is inside

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and a.get("name"):
            self.meta.append((a["name"] or "", a.get("content") or ""))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        if tag in ("meta", "link", "br", "img", "input"):
            return
        classes = (a.get("class") or "").split()
        into = self._open[-1][1] if self._open else ""
        if tag == "h1":
            self.h1.append("")
            into = "h1"
        elif tag == "p" and "authors" in classes:
            into = "byline"
        elif tag == "div" and "abstract" in classes:
            into = "abstract"
            self.abstract_folded = self._folded > 0
        folds = tag == "details" or "hidden" in a
        self._folded += folds
        self._open.append((tag, into + ("+fold" if folds else "")))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            opened, into = self._open.pop()
            self._folded -= into.endswith("+fold")
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        into = self._open[-1][1].removesuffix("+fold") if self._open else ""
        if into == "h1":
            self.h1[-1] += data
        elif into == "byline":
            self.byline += data
        elif into == "abstract":
            self.abstract += data

    def tags(self, name: str) -> list[str]:
        return [content for tag, content in self.meta if tag == name]


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _build(root: Path, papers: dict[str, str], site_yaml: str, *, drafts: bool = False) -> Path:
    files = {
        "site.yaml": site_yaml,
        "content/authors/ada.yaml": "name: Ada Lovelace\nfield: CS\n",
        **{f"content/papers/{slug}.md": text for slug, text in papers.items()},
        # a page of the site's own, which lists papers as text: no paper's page to Scholar
        "content/pages/publications.md": "---\ntitle: Selected\nnav: 1\n---\n"
        "A Journal Article. Ada Lovelace, Charles Babbage. 2020.\n",
    }
    site = write_files(root / "site", files)
    (site / "static" / "papers").mkdir(parents=True)
    (site / "static" / "papers" / "journal.pdf").write_bytes(PDF)
    (site / "static" / "papers" / "論文 1.pdf").write_bytes(PDF)
    out = root / "out"
    build(site, out, drafts=drafts)
    return out


SITE_YAML = f"title: Ada\nbase_url: {BASE}\nmain_author: ada\nbuild_date: 2026-11-28\n"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("scholar"), PAPERS, SITE_YAML)


PUBLISHED = [slug for slug in PAPERS if "draft: true" not in PAPERS[slug]]


@pytest.mark.parametrize("slug", sorted(VENUE_TAGS))
def test_each_kind_names_its_venue_by_its_own_tag(out: Path, slug: str) -> None:
    page = read(out / "papers" / slug / "index.html")
    for tag in VENUE_TAGS[slug]:
        assert tag in page.meta, (slug, page.meta)
    # one venue tag at most, the kind's own: a thesis's university or a working paper's
    # bureau named as a journal made Scholar list it as a journal article
    venues = [name for name, _ in page.meta if name in VENUE_NAMES]
    assert venues == [name for name, _ in VENUE_TAGS[slug] if name in VENUE_NAMES]
    names = [name for name, _ in page.meta]
    assert "citation_issue" not in names or slug == "journal"


def test_a_kind_typed_by_hand_is_cited_as_that_kind(out: Path) -> None:
    # cite.bib and the page's "Type" read the record as its tags do
    assert (out / "papers" / "phd-hand" / "cite.bib").read_text().startswith("@phdthesis{")
    assert "school = {Universität Bonn}" in (out / "papers" / "phd-hand" / "cite.bib").read_text()
    bib = (out / "papers" / "working" / "cite.bib").read_text()
    assert bib.startswith("@techreport{") and "institution = {National Bureau" in bib
    # BibTeX prints a @techreport's `type` where it would print "Technical Report"
    assert "type = {Working Paper}" in bib
    assert "type = {Discussion Paper}" in (out / "papers" / "discussion" / "cite.bib").read_text()
    # and the CV cites it by its kind, as an economist's does: "…, Working Paper w31422"
    cv = (out / "cv" / "index.html").read_text(encoding="utf-8")
    assert '<span class="locator">Working Paper w31422</span>' in cv
    assert (out / "papers" / "masters-hand" / "cite.bib").read_text().startswith("@mastersthesis{")
    assert (out / "papers" / "book-chapter" / "cite.bib").read_text().startswith("@incollection{")
    assert "Master’s thesis" in (out / "papers" / "masters-hand" / "index.html").read_text()


@pytest.mark.parametrize("slug", PUBLISHED)
def test_each_paper_page_is_one_paper_as_its_tags_say(out: Path, slug: str) -> None:
    page = read(out / "papers" / slug / "index.html")
    # one paper, its title in the one prominent heading, as citation_title reads
    [title] = page.tags("citation_title")
    assert [" ".join(h.split()) for h in page.h1] == [title]
    # the authors on the page, each tag's name in the byline, in the record's order
    authors = page.tags("citation_author")
    assert authors
    at = 0
    for name in authors:
        found = page.byline.find(name, at)
        assert found >= at, (name, page.byline[at : at + 80])
        at = found + len(name)
    # a date Scholar reads: "2010/5/12" or a year alone
    [date] = page.tags("citation_publication_date")
    assert re.fullmatch(r"\d{4}(/\d{2}/\d{2})?", date)
    # the abstract on the page itself, no click to open it
    abstract = PAPERS[slug].split("---\n", 2)[2].strip()
    if abstract:
        assert abstract in page.abstract and not page.abstract_folded
    # the page's own address, as canonical link, Scholar's tag and the sitemap give it
    address = f"{BASE}papers/{slug}/"
    assert page.canonical == address
    assert page.tags("citation_abstract_html_url") == [address]
    text = (out / "papers" / slug / "index.html").read_text(encoding="utf-8")
    assert len(text.encode()) < 5_000_000
    # the tags in the head, where Scholar reads them
    assert text.rindex('<meta name="citation_') < text.index("</head>")


def test_names_dates_and_languages_go_as_written(out: Path) -> None:
    many = read(out / "papers" / "many" / "index.html")
    # one tag per author, all 305, in order; `et al.` is no author
    assert many.tags("citation_author") == [
        "Ada Lovelace",
        "山田 太郎",
        "Ludwig van Beethoven",
        "Jean de La Fontaine",
        "Gates, Jr., S. James",
        "王小明",
        *MANY,
    ]
    # the editor of the chapter's book is no author of it
    assert read(out / "papers" / "chapter" / "index.html").tags("citation_author") == [
        "Ada Lovelace"
    ]
    dates = {
        slug: read(out / "papers" / slug / "index.html").tags("citation_publication_date")
        for slug in ("journal", "conference", "preprint")
    }
    assert dates == {"journal": ["2020/03/15"], "conference": ["2021"], "preprint": ["2022"]}
    japanese = read(out / "papers" / "japanese" / "index.html")
    # the title as published, not the translation shown under it; the paper's language
    assert japanese.tags("citation_title") == ["手書き文書認識の高速化"]
    assert japanese.tags("citation_language") == ["ja"]
    assert japanese.tags("citation_author") == ["山田 太郎", "Ada Lovelace"]
    assert read(out / "papers" / "math" / "index.html").tags("citation_title") == [
        "Bounds for $\\alpha$-stable processes"
    ]


def test_only_a_pdf_the_site_holds_is_scholars_full_text(out: Path) -> None:
    journal = read(out / "papers" / "journal" / "index.html")
    assert journal.tags("citation_pdf_url") == [f"{BASE}static/papers/journal.pdf"]
    assert (out / "static" / "papers" / "journal.pdf").read_bytes() == PDF
    # arXiv's PDF is linked on the page, not named to Scholar (another host)
    conference = out / "papers" / "conference" / "index.html"
    assert "https://arxiv.org/pdf/2101.00001.pdf" in conference.read_text()
    assert read(conference).tags("citation_pdf_url") == []
    # a file name in another script, or with a blank, as a URI: percent-encoded UTF-8
    # (it was given raw, `static/papers/論文 1.pdf`, no address by RFC 3986)
    unicode_pdf = read(out / "papers" / "unicode-pdf" / "index.html")
    assert unicode_pdf.tags("citation_pdf_url") == [
        f"{BASE}static/papers/%E8%AB%96%E6%96%87%201.pdf"
    ]


def test_no_citation_tags_but_on_paper_pages_and_every_paper_reachable(out: Path) -> None:
    papers = {out / "papers" / slug / "index.html" for slug in PUBLISHED}
    assert (out / "publications" / "index.html").exists()  # checked below, with the rest
    for html in out.rglob("*.html"):
        names = [name for name, _ in read(html).meta if name.startswith("citation_")]
        assert bool(names) == (html in papers), html
    # the draft has no page, and nothing names it
    assert not (out / "papers" / "secret").exists()
    assert not [p for p in out.rglob("*") if p.is_file() and b"Secret Draft" in p.read_bytes()]
    # robots.txt lets Scholar's crawler in to every paper, and the sitemap lists each
    robots = urllib.robotparser.RobotFileParser()
    robots.parse((out / "robots.txt").read_text().splitlines())
    listed = {
        loc.text
        for loc in ET.parse(out / "sitemap.xml").iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    }
    for slug in PUBLISHED:
        assert robots.can_fetch("Googlebot", f"{BASE}papers/{slug}/")
        assert f"{BASE}papers/{slug}/" in listed
    assert robots.site_maps() == [f"{BASE}sitemap.xml"]
    # and the profile links each by a plain link, the crawler's way from one to the next
    profile = (out / "index.html").read_text(encoding="utf-8")
    for slug in PUBLISHED:
        assert f'href="./papers/{slug}/"' in profile


def test_a_drafts_preview_keeps_the_draft_out_of_the_index(tmp_path: Path) -> None:
    out = _build(tmp_path, {"secret": PAPERS["secret"]}, SITE_YAML, drafts=True)
    page = (out / "papers" / "secret" / "index.html").read_text()
    assert '<meta name="robots" content="noindex">' in page
    assert "papers/secret/" not in (out / "sitemap.xml").read_text()


def test_a_site_in_another_language_tags_each_paper_in_its_own(tmp_path: Path) -> None:
    site_yaml = SITE_YAML + "language: de\n"
    papers = {
        "english": paper(
            "title: An English Paper\nauthors: [Ada Lovelace]\ndate: 2020\nvenue: Nature\n"
            "language: en",
            "English.",
        ),
        "german": paper(
            "title: Ein deutscher Aufsatz\nauthors: [Ada Lovelace]\ndate: 2021\n"
            "venue: Zeitschrift für Dinge",
            "Deutsch.",
        ),
    }
    out = _build(tmp_path, papers, site_yaml)
    english = read(out / "papers" / "english" / "index.html")
    german = read(out / "papers" / "german" / "index.html")
    assert english.tags("citation_language") == ["en"]
    assert german.tags("citation_language") == ["de"]
    assert english.h1 == ["An English Paper"] and german.h1 == ["Ein deutscher Aufsatz"]


def test_check_names_the_papers_scholar_would_not_index(out: Path) -> None:
    # "Bibliographical information without abstracts or full-text articles will not be
    # crawled for inclusion": a paper with neither is named, the others are not
    summary = check_output(out, BASE)
    [note] = [line for line in summary.splitlines() if "Google Scholar" in line]
    bare = [
        slug
        for slug in PUBLISHED
        if not PAPERS[slug].split("---\n", 2)[2].strip() and slug != "pdf-only"
    ]
    assert note.startswith(f"note: {len(bare)} paper page(s) with neither an abstract nor a PDF")
    assert "papers/masters/" in note or "more" in note
    assert "papers/journal/" not in note and "papers/pdf-only/" not in note
