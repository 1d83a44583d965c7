"""A tester's trial of volume, issue and pages and of re-import marks, with the shapes
real exports write (fixtures/trial-locators): dblp's and the ACM Digital Library's
article-numbered pages, arXiv's journal reference before a publisher's BibTeX."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import Problems
from generator.parse import Text, parse_paper
from tests.ingest_support import new_site, records_by_title, run_import
from tests.test_seo import head

HERE = Path(__file__).parent / "fixtures" / "trial-locators"
TOG = "Coarse-to-fine: facial structure editing of portrait images via latent space classifications"
CONGA = (
    "Performance-Efficiency Trade-off of Low-Precision Numerical Formats in Deep Neural Networks"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site")


def built(site: Path) -> Path:
    assert main(["build", "--site", str(site)]) == 0
    return site / "output"


def record_problems(fields: str) -> tuple[object, list[str]]:
    """A record with these fields (from its line 5) parsed, and its problems."""
    text = f"---\ntitle: On Engines\nauthors: [Ada Lovelace]\ndate: 2023\n{fields}\n---\n"
    problems = Problems()
    record = parse_paper(Text("content/papers/x.md", text), problems)
    return record, [str(p) for p in problems.items]


# --- ACM's article-numbered pages ---------------------------------------------------------


def test_acm_article_numbered_pages_from_dblp_and_the_acm_dl_are_imported(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """dblp writes every ACM journal paper's pages as `46:1--46:13` (article 46, pages 1
    to 13), and the ACM DL's export did for its proceedings: both were "not pages" and
    left out with a note, so the page and Scholar's tags had no pages for them."""
    assert run_import(site, "bibtex", HERE / "dblp-acm.bib") == 0
    out = capsys.readouterr().out
    assert "is not pages" not in out
    found = records_by_title(site)
    assert (found[TOG]["volume"], found[TOG]["issue"], found[TOG]["pages"]) == (40, 4, "46:1–46:13")
    assert found[CONGA]["pages"] == "3:1–3:9"
    page = built(site) / "papers" / "coarse-to-fine-facial-structure-editing-of-portrait-images"
    html = (page / "index.html").read_text("utf-8")
    assert '<span class="locator">40(4), 46:1–46:13</span>' in html
    tags = head(page / "index.html").meta
    assert ("citation_firstpage", "46:1") in tags and ("citation_lastpage", "46:13") in tags


def test_acm_article_numbered_pages_by_hand(site: Path) -> None:
    record, problems = record_problems("pages: 46:1--46:13")
    assert problems == [] and record.pages == "46:1–46:13"  # type: ignore[attr-defined]
    _, problems = record_problems("pages: 46:13--46:1")
    assert problems == [
        "content/papers/x.md:5: `pages` `46:13--46:1` ends before it starts; write the first "
        "page, then the last: `46:1–46:13`"
    ]


# --- arXiv's journal reference, then the publisher's BibTeX --------------------------------

GW = "observation-of-gravitational-waves-from-a-binary-black-hole"


def test_arxiv_v1_then_v2_then_the_publishers_bibtex_shows_the_volume_once(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A physicist's arXiv paper, imported at v1, again at v2 (its journal reference and
    DOI, now read apart), then from the APS's BibTeX: a record an earlier import wrote
    with arXiv's `venue: Phys. Rev. Lett. 116, 061102 (2016)` kept it (a conflict) and gained `volume: 116`, `issue: 6`, `pages:
    061102` beside it, so the page read "Phys. Rev. Lett. 116, 061102 (2016) 116(6),
    061102"."""
    assert run_import(site, "arxiv", HERE / "arxiv-gw-v1.xml") == 0
    assert run_import(site, "arxiv", HERE / "arxiv-gw-v2.xml") == 0
    data = records_by_title(site)[
        "Observation of Gravitational Waves from a Binary Black Hole Merger"
    ]
    # the reference in the APS journals' form, read apart
    assert (data["venue"], data["volume"], data["pages"]) == ("Phys. Rev. Lett.", 116, "061102")
    assert data["doi"] == "10.1103/PhysRevLett.116.061102"
    assert data["links"]["pdf"] == "https://arxiv.org/pdf/1602.03837"  # the latest version
    capsys.readouterr()
    assert run_import(site, "bibtex", HERE / "aps.bib") == 0
    assert "conflict " not in capsys.readouterr().out  # the APS's issue, added
    data = records_by_title(site)[
        "Observation of Gravitational Waves from a Binary Black Hole Merger"
    ]
    assert (data["venue"], data["volume"], data["issue"]) == ("Phys. Rev. Lett.", 116, 6)
    # a record an earlier arXiv import wrote with the reference whole, as they did
    record = site / "content" / "papers" / f"{GW}.md"
    text = record.read_text("utf-8")
    whole = "venue: Phys. Rev. Lett. 116, 061102 (2016)\n"
    text = re.sub(r"venue: Phys\. Rev\. Lett\.\n(?:(?:volume|issue|pages): .*\n)+", whole, text)
    record.write_text(text, "utf-8")
    assert run_import(site, "bibtex", HERE / "aps.bib") == 0
    out = capsys.readouterr().out
    data = records_by_title(site)[
        "Observation of Gravitational Waves from a Binary Black Hole Merger"
    ]
    assert "volume" not in data and "issue" not in data and "pages" not in data
    assert (
        "content/papers/observation-of-gravitational-waves-from-a-binary-black-hole.md:8: "
        "conflict  venue: keeps 'Phys. Rev. Lett. 116, 061102 (2016)'; the import has "
        "'Phys. Rev. Lett.' (your venue names the import's volume and pages, 116(6), 061102, "
        "which are not added beside it: delete `venue:` and import again to take the "
        "import's venue with them)"
    ) in out
    html = (built(site) / "papers" / GW / "index.html").read_text("utf-8")
    assert "Phys. Rev. Lett. 116, 061102 (2016)</dd>" in html and 'class="locator"' not in html
    # as the conflict says: without the venue, the import's venue comes with them
    record = site / "content" / "papers" / f"{GW}.md"
    text = record.read_text("utf-8")
    record.write_text(text.replace("venue: Phys. Rev. Lett. 116, 061102 (2016)\n", ""), "utf-8")
    assert run_import(site, "bibtex", HERE / "aps.bib") == 0
    data = records_by_title(site)[
        "Observation of Gravitational Waves from a Binary Black Hole Merger"
    ]
    assert (data["venue"], data["volume"], data["issue"], data["pages"]) == (
        "Phys. Rev. Lett.",
        116,
        6,
        "061102",
    )


# --- the mark of an imported entry ---------------------------------------------------------


def test_an_entry_holding_a_stray_byte_order_mark_is_marked_and_follows_its_file(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A title led by U+FEFF, which YAML cannot keep in a literal block: the entry was
    written as one quoted line without `# as imported (…)`, so importing the updated
    file took it for an entry edited by hand ("edited since it was imported") and
    neither the pages nor cite.bib followed it."""
    assert run_import(site, "bibtex", HERE / "crossref-bom-v1.bib") == 0
    assert (
        "byte-order mark (U+FEFF) or control characters (U+007F to U+009F) in title, bibtex "
        "taken out" in capsys.readouterr().out
    )
    (record,) = (site / "content" / "papers").glob("*.md")
    text = record.read_text("utf-8")
    assert "bibtex: |  # as imported (" in text and "title: 'Neurosift: DANDI" in text
    assert run_import(site, "bibtex", HERE / "crossref-bom-v2.bib") == 0
    out = capsys.readouterr().out
    assert "(pages added; bibtex updated)" in out and "conflict" not in out.replace(
        "0 with conflicts", ""
    )
    served = (built(site) / "papers" / record.stem / "cite.bib").read_text("utf-8")
    assert "pages={6590}" in served and "\ufeff" not in served


# --- a negative volume written as text ------------------------------------------------------


def test_a_negative_volume_is_refused_written_as_text_too(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`volume: -1` was refused, `volume: "-1"` (as an import wrote a BibTeX entry's
    `volume = {-1}`) built and showed "Journal -1(-2)"."""
    _, problems = record_problems("volume: '-1'\nissue: -2")
    assert problems == [
        "content/papers/x.md:5: `volume` must not be negative, not -1",
        "content/papers/x.md:6: `issue` must not be negative, not -2",
    ]
    bib = site / "junk.bib"
    bib.write_text(
        "@article{junk, title = {Junk}, author = {Doe, Jane}, journal = {J}, year = {2020},\n"
        "  volume = {-1}, number = {-2}, pages = {12}}\n",
        "utf-8",
    )
    assert run_import(site, "bibtex", bib) == 0
    out = capsys.readouterr().out
    assert (
        "junk.bib:1: entry 'junk': `volume` must not be negative, not -1; imported without it"
        in out
    )
    data = records_by_title(site)["Junk"]
    assert "volume" not in data and "issue" not in data and data["pages"] == 12


# --- Google Scholar's `pages={--}` ----------------------------------------------------------


def test_scholars_empty_range_is_no_pages_without_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Scholar writes `pages={--}` where it knows no pages, and READMEs copy it: each such
    entry was imported with a note that `--` is not pages and how to write a range, as
    if the author had a range to write."""
    assert run_import(site, "bibtex", HERE / "scholar-placeholder-pages.bib") == 0
    out = capsys.readouterr().out
    assert "2 works: 2 new" in out
    # the one note: Meirui Jiang's and Chia-Cheng Yen's papers, on Kaile Wang's site
    (note,) = [line for line in out.split("\n") if line.startswith("note:")]
    assert note.startswith("note: 2 of the 2 new records name none of the site's authors")
    assert not any("pages" in data for data in records_by_title(site).values())
    # a record's volume of a dash alone showed "Journal -": no volume
    _, problems = record_problems("volume: '-'")
    assert problems == [
        "content/papers/x.md:5: `volume` `-` holds no number; write the volume (`volume: 12`) "
        "or leave it out"
    ]


def test_the_acm_dls_article_number_and_page_count_are_the_pages(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The ACM DL's export since 2020 has no `pages`, only `articleno` and `numpages`:
    an ACM journal's paper had no pages at all (none on its page, no `citation_firstpage`
    for Scholar); dblp's entry for it then says `32:1--32:13`, which must agree."""
    assert run_import(site, "bibtex", HERE / "acm-dl-articleno.bib") == 0
    found = records_by_title(site)
    carpentry = found["Co-Optimization of Design and Fabrication Plans for Carpentry"]
    assert (carpentry["volume"], carpentry["issue"], carpentry["pages"]) == (41, 3, "32:1–32:13")
    pmp = "PMP: Learning to Physically Interact with Environments using Part-wise Motion Priors"
    assert found[pmp]["pages"] == 64  # no page count: the article's number
    capsys.readouterr()
    assert run_import(site, "bibtex", HERE / "dblp-carpentry.bib") == 0
    assert "conflict  pages" not in capsys.readouterr().out


def test_ieee_early_access_placeholders_are_no_volume_issue_or_pages(site: Path) -> None:
    """IEEE Xplore's Early Access entries: the page read "IEEE Transactions on Image
    Processing PP(99), 1" and told Scholar `citation_volume` PP, `citation_firstpage` 1."""
    assert run_import(site, "bibtex", HERE / "ieee-early-access.bib") == 0
    for data in records_by_title(site).values():
        assert not {"volume", "issue", "pages"} & set(data), data["title"]
    html = (built(site) / "papers").glob("*/index.html")
    assert not any('class="locator"' in page.read_text("utf-8") for page in html)
