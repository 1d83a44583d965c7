"""Relative links in abstracts and bios: relative to the site's root, on every page that shows them.

One abstract is shown on its paper's page, on each author's profile (the root too, for
the main author) and CV; one bio on its profile and CV. A link such as
`[data](static/data.csv)`, read from each of those pages, must lead to the same file.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from generator.check import check_output
from tests.hostile.harness import run_build, write_site

BASE = "https://user.github.io/repo/"
LINKS = (
    "[the data](static/data.csv), [the other paper](papers/two/), [the top](#main), "
    "[mail](mailto:ada@example.org), [the web](https://example.org/x) and "
    "[bad](javascript:alert(1))"
)
SITE = {
    "site.yaml": f"title: T\nbuild_date: 2026-11-28\nmain_author: ada\nbase_url: {BASE}\n",
    "content/authors/ada.yaml": 'name: Ada Lovelace\nbio: "My [slides](static/talk.pdf)."\n'
    "links:\n  cv: static/cv.pdf\n",
    "content/authors/bob.yaml": 'name: Bob Byron\nbio: "See [Ada\'s data](static/data.csv)."\n',
    "content/papers/one.md": "---\ntitle: One\nauthors: [Ada Lovelace, Bob Byron]\n"
    f"date: 2024-05-01\n---\nWe share {LINKS}.\n",
    "content/papers/two.md": "---\ntitle: Two\nauthors: [Ada Lovelace]\ndate: 2024-06-01\n"
    "links:\n  code: static/code.zip\n  pdf: static/two.pdf\n---\nx\n",
    "static/data.csv": "a,b\n1,2\n",
    "static/talk.pdf": "%PDF-1.4\n",
    "static/cv.pdf": "%PDF-1.4\n",
    "static/two.pdf": "%PDF-1.4\n",
    "static/code.zip": "PK\x05\x06" + "\x00" * 18,
}
ABSTRACT = {BASE + "static/data.csv", BASE + "papers/two/", "#main", "mailto:ada@example.org",
            "https://example.org/x"}  # fmt: skip
ADA_BIO, BOB_BIO = {BASE + "static/talk.pdf"}, {BASE + "static/data.csv"}
# Every page that shows paper one's abstract or a bio: its address, and where its links lead.
SHOWN = {
    "index.html": ("", ABSTRACT | ADA_BIO),
    "authors/ada/index.html": ("authors/ada/", ABSTRACT | ADA_BIO),
    "authors/bob/index.html": ("authors/bob/", ABSTRACT | BOB_BIO),
    "cv/index.html": ("cv/", ADA_BIO),
    "authors/bob/cv/index.html": ("authors/bob/cv/", BOB_BIO),
    "papers/one/index.html": ("papers/one/", ABSTRACT),
}


def test_relative_links_lead_to_one_place_from_every_page(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", SITE)
    assert run_build(site).status == 0
    # A rebuild: the profiles are rendered again, paper one's abstract from the cache.
    (site / "content/papers/two.md").write_text(SITE["content/papers/two.md"] + "More.\n")
    built = run_build(site)
    assert built.status == 0, built.stderr
    for rel, (url, expected) in SHOWN.items():
        html = (built.out / rel).read_text("utf-8")
        page = BASE + url
        found = {urljoin(page, href) for href in _hrefs(html)}
        # an anchor stays on its own page; `javascript:` is gone (no href at all)
        assert found == {page + "#main" if x == "#main" else x for x in expected}, rel
    # `authorsite check` finds every one of them where it leads
    assert check_output(built.out, BASE).startswith(f"{len(built.pages())} pages")


def _hrefs(html: str) -> list[str]:
    """The href of every link in the page's abstracts and bios."""
    blocks = re.findall(r'<div class="(?:abstract[^"]*|bio)">(.*?)</div>', html, re.DOTALL)
    return [h for block in blocks for h in re.findall(r'<a [^>]*href="([^"]*)"', block)]


# A record's own links (`links:`), relative ones too: the paper's page lists them, each
# card's Code badge points to the code, a profile and a CV list the author's.
RECORD_LINKS = {
    "papers/two/index.html": ("papers/two/", {"static/code.zip", "static/two.pdf"}),
    "index.html": ("", {"static/code.zip", "static/cv.pdf"}),
    "authors/ada/index.html": ("authors/ada/", {"static/code.zip", "static/cv.pdf"}),
    "cv/index.html": ("cv/", {"static/cv.pdf"}),
}


def test_relative_record_links_lead_to_one_place_from_every_page(tmp_path: Path) -> None:
    built = run_build(write_site(tmp_path / "site", SITE))
    assert built.status == 0, built.stderr
    pages = built.pages()
    for rel, (url, targets) in RECORD_LINKS.items():
        found = {urljoin(BASE + url, href) for href in pages[rel].urls()}
        assert {BASE + target for target in targets} <= found, rel
        assert not any(f.startswith(BASE + url + "static/") for f in found if url), rel
    assert check_output(built.out, BASE).startswith(f"{len(pages)} pages")
