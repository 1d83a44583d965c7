"""What an audit of a site with varied content (tests/fixtures/varied-site) found.

Each test is one problem the Nu checker, axe-core or Chromium at 390 px showed on content
the sample does not have, built small here.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

from generator.build import build
from tests.conftest import REPO

DECOMPOSED_TITLE = "Cafe\u0301 re\u0301sume\u0301s in Tie\u0302\u0301ng Vie\u0323\u0302t"
DECOMPOSED_NAME = "Jose\u0301 Marti\u0301nez"


def test_decomposed_accents_are_published_composed(
    make_site: Callable[[dict[str, str | bytes]], Path],
) -> None:
    """An accent written as a letter and a combining mark (NFD: macOS file names, text
    copied from some PDFs) is published as one character (NFC), as the web is written: the
    Nu checker warned "Text run is not in Unicode Normalization Form C" on every page and
    meta tag that showed it, and find-in-page for `café` missed `café`."""
    site = make_site(
        {
            "content/authors/jose.yaml": f"name: {DECOMPOSED_NAME}\nfield: Re\u0301seaux\n",
            "content/papers/cafe.md": (
                f"---\ntitle: {DECOMPOSED_TITLE}\nauthors: [{DECOMPOSED_NAME}]\n"
                "date: 2020-01-15\ntags: [re\u0301seau]\n---\n"
                "An abstract about re\u0301sume\u0301s.\n"
            ),
            # a YAML escape, in a file whose own text is composed
            "content/papers/escaped.md": (
                '---\ntitle: "Escaped Cafe\\u0301"\nauthors: [Ada]\ndate: 2021\n---\n'
            ),
        }
    )
    build(site, site / "output")
    composed = unicodedata.normalize("NFC", DECOMPOSED_TITLE)
    assert composed != DECOMPOSED_TITLE
    for rel in ("papers/cafe/index.html", "authors/jose/index.html", "feed.xml"):
        text = (site / "output" / rel).read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), rel
        assert composed in text, rel
    cite = (site / "output" / "papers/cafe/cite.bib").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", DECOMPOSED_NAME) in cite
    escaped = (site / "output" / "papers/escaped/index.html").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", escaped)
    assert "Escaped Café" in escaped
    assert "résumés" in (site / "output" / "papers/cafe/index.html").read_text(encoding="utf-8")


def test_the_varied_fixture_builds_composed_with_every_table_in_its_scroll_box(
    tmp_path: Path,
) -> None:
    """tests/fixtures/varied-site, the site the audit ran on, built with its draft: every
    page, feed and cite.bib is NFC (its emoji paper spells `é` decomposed), every Markdown
    table (abstracts, a bio, a page) sits in its scroll box, and the profiles of 0 and 1
    papers are built."""
    site = tmp_path / "varied"
    shutil.copytree(REPO / "tests" / "fixtures" / "varied-site", site)
    build(site, site / "output", drafts=True)
    out = site / "output"
    for path in (*out.rglob("*.html"), *out.rglob("*.xml"), *out.rglob("*.bib")):
        assert unicodedata.is_normalized("NFC", path.read_text(encoding="utf-8")), path
    for rel in ("papers/rich-abstract/", "authors/ada/", "facilities/", "papers/arabic-title/"):
        html = (out / rel / "index.html").read_text(encoding="utf-8")
        # the charts' tables, for screen readers, sit in a box of their own (not Markdown's)
        tables = html.count("<table>") - html.count('<div class="visually-hidden"><table>')
        assert tables and html.count('<div class="table-scroll"><table>') == tables, rel
    assert "0 Papers" in (out / "authors/zero/index.html").read_text(encoding="utf-8")
    assert "1 Paper<" in (out / "authors/one/index.html").read_text(encoding="utf-8")


def test_a_name_in_cjk_compatibility_ideographs_is_published_as_written(
    make_site: Callable[[dict[str, str | bytes]], Path],
) -> None:
    """塚 U+FA10 and 福 U+FA1B, as some Japanese names are registered, stay those characters
    in a record whose other text is composed: NFC made them the unified 塚 U+585A and 福
    U+798F, which some fonts draw otherwise, and changed the person's name on the page."""
    name = "\ufa10本 \ufa1b子"
    site = make_site(
        {
            "content/authors/tsukamoto.yaml": f"name: {name}\nfield: Re\u0301seaux\n",
            "content/papers/one.md": (
                f"---\ntitle: Cafe\u0301 \ufa10\nauthors: [{name}]\ndate: 2020-01-15\n---\n"
                "An abstract.\n"
            ),
        }
    )
    build(site, site / "output")
    page = (site / "output" / "papers/one/index.html").read_text(encoding="utf-8")
    assert name in page and "Café \ufa10" in page
    assert "\u585a" not in page and "e\u0301" not in page
    profile = (site / "output" / "authors/tsukamoto/index.html").read_text(encoding="utf-8")
    assert name in profile and "Réseaux" in profile
