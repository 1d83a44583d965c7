"""``--drafts``: drafts are shown, marked as drafts, and kept from search engines and feeds."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.synth import generate
from generator import workers
from generator.build import build
from generator.check import check_output
from generator.reuse import Reuse
from tests.conftest import MINIMAL_AUTHOR
from tests.test_incremental import cold_of_these_inputs

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


def _tree(out: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


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
    assert check_output(out, "https://lab.example.org/").startswith("8 pages")


def test_without_drafts_nothing_is_marked(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out)
    assert not (out / "papers" / "work-in-progress").exists()
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "Draft" not in text, path
        # papers/ only sends its visitor on to the list: no page of its own for a search engine
        assert (NOINDEX in text) == (path == out / "papers" / "index.html"), path


# A draft that would change every figure if it were counted: it has the most citations,
# a co-author of its own, an earlier date than every published paper, and words it shares
# with the latest published paper (which would lower that paper's novelty).
EARLY_DRAFT = """\
---
title: Quantum Annealing for Sparse Graph Matching
authors: [Ada Lovelace, Grace Hopper]
date: 2021-02-01
citations: 40
draft: true
---
Quantum annealing schedules find sparse graph matchings with fewer qubits.
"""
FIRST = """\
---
title: Analytical Engines and Looms
authors: [Ada Lovelace, Charles Babbage]
date: 2022-03-01
citations: 12
---
Punched cards describe the patterns a loom weaves and the operations an engine runs.
"""
SECOND = """\
---
title: Sparse Graph Matching with Quantum Annealing
authors: [Ada Lovelace, Mary Somerville]
date: 2024-09-01
citations: 3
---
Annealing schedules on quantum hardware find sparse graph matchings, with qubits to spare.
"""


@pytest.fixture
def counted_site(make_site: Callable[[dict[str, str | bytes]], Path]) -> Path:
    return make_site(
        {
            "site.yaml": "title: T\nmain_author: ada\nbuild_date: 2026-11-28\n"
            "metrics: [h_index, papers, citations, i10_index, novelty]\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/quantum-draft.md": EARLY_DRAFT,
            "content/papers/engines.md": FIRST,
            "content/papers/matching.md": SECOND,
        }
    )


def _between(html: str, start: str, end: str) -> str:
    """The part of ``html`` from ``start`` to the first ``end`` after it."""
    assert start in html
    return start + html.split(start, 1)[1].split(end, 1)[0]


def _figures(out: Path) -> dict[str, str]:
    """What a reader sees counted: tiles, their provenance, charts, co-authors, novelty."""
    profile = _read(out, "authors/ada/index.html")
    return {
        "tiles": _between(profile, '<ul class="tiles">', "</ul>"),
        "provenance": _between(profile, '<details class="provenance">', "</details>"),
        "insights": _between(profile, '<section class="insights"', "</section>"),
        "heading": _between(profile, '<h2 id="papers-heading">', "</h2>").split(" <small")[0],
        "cv": _between(_read(out, "cv/index.html"), '<h2 id="cv-pubs">', "</h2>").split(" <small")[
            0
        ],
        "novelty": _between(_read(out, "papers/matching/index.html"), "<dt>Novelty</dt>", "</dd>"),
        "authors": _between(_read(out, "authors/index.html"), '<span class="count">', "</span>"),
    }


def test_a_drafts_build_shows_the_published_figures(counted_site: Path, tmp_path: Path) -> None:
    plain, preview = tmp_path / "plain", tmp_path / "preview"
    build(counted_site, plain, use_cache=False)
    build(counted_site, preview, drafts=True, use_cache=False)
    published = _figures(plain)
    assert _figures(preview) == published
    # The figures are the two published papers': the draft's 40 citations, its year and
    # its co-author are nowhere, and the later paper keeps its novelty.
    tiles = re.sub(r"\s+", " ", published["tiles"])
    assert '<span class="value">2</span><span class="label">papers</span>' in tiles
    assert '<span class="value">15</span><span class="label">citations</span>' in tiles
    assert '<span class="label">h-index</span><span class="value">2</span>' in tiles
    assert '<span class="label">i10-index</span><span class="value">1</span>' in tiles
    assert "computed from 2 listed papers" in published["provenance"]
    assert "Grace Hopper" not in published["insights"] and "2021" not in published["insights"]
    assert "Mary Somerville" in published["insights"]
    assert "2 Papers" in published["heading"] and "2 papers" in published["authors"]
    # The draft is still shown, as a draft, with no novelty of its own.
    profile = _read(preview, "authors/ada/index.html")
    assert BADGE.search(_card(profile, "quantum-draft"))
    assert "+ 1 draft, not counted" in profile
    draft_page = _read(preview, "papers/quantum-draft/index.html")
    assert BADGE.search(draft_page) and "<dt>Novelty</dt>" not in draft_page


def test_alternating_drafts_and_plain_builds_each_equal_their_cold_build(
    counted_site: Path, tmp_path: Path
) -> None:
    cold = {}
    for drafts in (False, True):
        out = tmp_path / f"cold-{drafts}"
        build(counted_site, out, drafts=drafts, use_cache=False)
        cold[drafts] = _tree(out)
    assert cold[True] != cold[False]  # the draft's pages and badges
    out = counted_site / "output"
    for drafts in (True, False, True, False, True):
        build(counted_site, out, drafts=drafts)
        assert _tree(out) == cold[drafts], f"drafts={drafts}"


def _counted_parts(out: Path) -> dict[str, str]:
    """Every profile's tiles and charts, and every published paper's novelty."""
    parts = {}
    for page in sorted(out.glob("authors/*/index.html")):
        html = page.read_text(encoding="utf-8")
        parts[f"{page.parent.name} tiles"] = _between(html, '<ul class="tiles">', "</ul>")
        if '<section class="insights"' in html:
            parts[f"{page.parent.name} charts"] = _between(
                html, '<section class="insights"', "</section>"
            )
    for page in sorted(out.glob("papers/*/index.html")):
        html = page.read_text(encoding="utf-8")
        if not BADGE.search(html):
            parts[page.parent.name] = html.split("<dt>Novelty</dt>")[-1].split("</dd>")[0]
    return parts


@pytest.mark.parametrize("kept", [False, True], ids=["command-line", "serve"])
def test_drafts_builds_after_edits_keep_the_published_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept: bool
) -> None:
    """Several authors, drafts among their papers, novelty in a child (as on large sites),
    edits to drafts between builds: each build equals its cold build, and a --drafts
    build's figures are the plain build's."""
    monkeypatch.setattr(workers, "PARALLEL_MIN", 2)
    site = tmp_path / "site"
    generate(site, papers=40, authors=4, seed=7)
    papers = sorted((site / "content" / "papers").glob("*.md"))

    def draft(path: Path) -> None:
        path.write_text(path.read_text().replace("\n---\n", "\ndraft: true\n---\n", 1))

    def cite(path: Path) -> None:
        text = re.sub(r"^citations: .*\n", "", path.read_text(), flags=re.M)
        path.write_text(text.replace("\n---\n", "\ncitations: 900\n---\n", 1))

    def reword(path: Path) -> None:
        path.write_text(path.read_text() + "\nRevised with the words of another abstract.\n")

    steps = [
        ("drafts", lambda: [draft(p) for p in papers[::7]]),
        ("draft cited", lambda: cite(papers[0])),
        ("draft reworded", lambda: reword(papers[7])),
        ("published cited", lambda: cite(papers[1])),
    ]
    out = tmp_path / "out"
    memory = Reuse() if kept else None
    for step, (what, edit) in enumerate(steps):
        edit()
        cold = {
            drafts: cold_of_these_inputs(site, tmp_path / f"cold-{step}-{drafts}", drafts=drafts)
            for drafts in (False, True)
        }
        assert cold[True] != cold[False]
        counted = _counted_parts(tmp_path / f"cold-{step}-False")
        assert _counted_parts(tmp_path / f"cold-{step}-True") == counted, what
        for drafts in (True, False):
            build(site, out, drafts=drafts, memory=memory)
            assert _tree(out) == cold[drafts], f"after {what}, drafts={drafts}"
