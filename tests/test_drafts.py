"""``--drafts``: drafts are shown, marked as drafts, and kept from search engines and feeds."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build
from generator.check import check_output
from tests.conftest import MINIMAL_AUTHOR

DRAFT = """\
---
title: Work in Progress
authors: [Ada Lovelace]
date: 2024-06-01
draft: true
featured: true
---
Not ready yet.
"""
PUBLISHED = """\
---
title: Finished Work
authors: [Ada Lovelace]
date: 2024-05-01
featured: true
---
Out in the world.
"""
BADGE = re.compile(r'<span class="draft"[^>]*>Draft</span>')
NOINDEX = '<meta name="robots" content="noindex">'


@pytest.fixture
def site(make_site: Callable[[dict[str, str | bytes]], Path]) -> Path:
    return make_site(
        {
            "site.yaml": "title: T\nmain_author: ada\nbuild_date: 2026-11-28\n"
            "base_url: https://lab.example.org/\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/work-in-progress.md": DRAFT,
            "content/papers/finished-work.md": PUBLISHED,
        }
    )


def _card(html: str, slug: str) -> str:
    """The card of ``slug`` on a profile page."""
    return html.split(f'id="paper-{slug}"')[1].split("</article>")[0]


def _read(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


def test_a_drafts_build_marks_the_draft_and_only_the_draft(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out, drafts=True)
    for profile in ("index.html", "authors/ada/index.html"):
        html = _read(out, profile)
        assert BADGE.search(_card(html, "work-in-progress")), profile
        assert not BADGE.search(_card(html, "finished-work")), profile
        selected = html.split('<section class="featured"')[1].split("</section>")[0]
        assert len(BADGE.findall(selected)) == 1
        assert BADGE.search(selected.split("Work in Progress")[1].split("</li>")[0])
    cv = _read(out, "cv/index.html")
    draft_item = cv.split("Work in Progress")[0].rsplit("<li>", 1)[1]
    assert BADGE.search(draft_item) and len(BADGE.findall(cv)) == 1
    page = _read(out, "papers/work-in-progress/index.html")
    assert NOINDEX in page.split("</head>")[0]
    head_of_article = page.split('<article class="paper">')[1].split("</h1>")[0]
    assert BADGE.search(head_of_article)
    published = _read(out, "papers/finished-work/index.html")
    assert NOINDEX not in published and not BADGE.search(published)


def test_drafts_stay_out_of_the_sitemap_and_feeds(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out, drafts=True)
    sitemap = _read(out, "sitemap.xml")
    assert "https://lab.example.org/papers/finished-work/" in sitemap
    assert "work-in-progress" not in sitemap
    for feed in ("feed.xml", "authors/ada/feed.xml"):
        text = _read(out, feed)
        assert "Finished Work" in text and "papers/finished-work/" in text, feed
        assert "Work in Progress" not in text and "work-in-progress" not in text, feed
    # `check --drafts` accepts it: a noindex page need not be in the sitemap.
    assert check_output(out, "https://lab.example.org/").startswith("7 pages")


def test_without_drafts_nothing_is_marked(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out)
    assert not (out / "papers" / "work-in-progress").exists()
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "Draft" not in text and NOINDEX not in text, path
