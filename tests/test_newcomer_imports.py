"""A newcomer's trial of the importers, on files that the earlier trials had not held:
underscores in titles and abstracts (Mendeley escapes every one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES, new_site, read_papers
from tests.ingest_support import run_import as _import

TRIAL = FIXTURES / "newcomer"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Ada Lovelace")


def _page_text(site: Path) -> tuple[str, str]:
    """The one record's page: its title (the `<h1>`) and its abstract's HTML, its line
    breaks folded."""
    [(path, _, _)] = read_papers(site)
    assert main(["build", "--site", str(site)]) == 0
    page = (site / "output" / "papers" / path.stem / "index.html").read_text(encoding="utf-8")
    title = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    abstract = page.split('class="abstract', 1)[1].split("</div>", 1)[0]
    return title, " ".join(abstract.split())


@pytest.mark.parametrize(
    ("command", "fixture"),
    [
        ("bibtex", "mendeley-underscores.bib"),
        ("arxiv", "arxiv-underscores.xml"),
        ("semanticscholar", "s2-underscores.json"),
    ],
)
def test_underscores_in_a_title_or_abstract_are_underscores_not_emphasis(
    site: Path, command: str, fixture: str
) -> None:
    """`\\_` is BibTeX's underscore (Mendeley writes each as `{\\_}`), and arXiv and
    Semantic Scholar send plain text: the record is Markdown, where `__init__` is a bold
    "init" and `_private_` an italic "private", which the page showed so. A name's own
    underscore (`snake_case`), math and an address stay as written."""
    assert _import(site, command, TRIAL / fixture) == 0
    title, abstract = _page_text(site)
    assert title == "The __init__ Method Considered Harmful"
    assert "calls __init__ on every new object and hides _private_ names" in abstract
    assert "snake_case names" in abstract
    assert "<strong>" not in abstract and "<em>" not in abstract
    if command != "semanticscholar":
        assert "$x_1$" in abstract
        assert 'href="https://github.com/ada/__engine' in abstract


def test_stars_in_a_bibtex_abstract_are_stars(site: Path) -> None:
    """A BibTeX abstract's `2*3*4` set "3" in italics; a title's stars were text already."""
    assert _import(site, "bibtex", TRIAL / "mendeley-underscores.bib") == 0
    _, abstract = _page_text(site)
    assert "A grid of 2*3*4 cells." in abstract
