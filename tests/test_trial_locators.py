"""A tester's trial of volume, issue and pages and of re-import marks, with the shapes
real exports write (fixtures/trial-locators): dblp's and the ACM Digital Library's
article-numbered pages, arXiv's journal reference before a publisher's BibTeX."""

from __future__ import annotations

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


def record_problems(pages: str) -> tuple[object, list[str]]:
    text = f"---\ntitle: On Engines\nauthors: [Ada Lovelace]\ndate: 2023\npages: {pages}\n---\n"
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
    record, problems = record_problems("46:1--46:13")
    assert problems == [] and record.pages == "46:1–46:13"  # type: ignore[attr-defined]
    _, problems = record_problems("46:13--46:1")
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
    DOI), then from the APS's BibTeX: the record kept arXiv's `venue: Phys. Rev. Lett.
    116, 061102 (2016)` (a conflict) and gained `volume: 116`, `issue: 6`, `pages:
    061102` beside it, so the page read "Phys. Rev. Lett. 116, 061102 (2016) 116(6),
    061102"."""
    assert run_import(site, "arxiv", HERE / "arxiv-gw-v1.xml") == 0
    assert run_import(site, "arxiv", HERE / "arxiv-gw-v2.xml") == 0
    data = records_by_title(site)[
        "Observation of Gravitational Waves from a Binary Black Hole Merger"
    ]
    assert data["venue"] == "Phys. Rev. Lett. 116, 061102 (2016)"
    assert data["doi"] == "10.1103/PhysRevLett.116.061102"
    assert data["links"]["pdf"] == "https://arxiv.org/pdf/1602.03837"  # the latest version
    capsys.readouterr()
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
