"""What an audit of a site with varied content (tests/fixtures/varied-site) found.

Each test is one problem the Nu checker, axe-core or Chromium at 390 px showed on content
the sample does not have, built small here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from generator.build import build

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
