"""Rendering helpers and templates: dates, categories, names, overrides, escaping."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from generator.build import build
from generator.model import Author, Paper, PartialDate
from generator.render import byline, format_date, short_category
from tests.conftest import MINIMAL_PAPER

BUILD = dt.date(2026, 11, 28)


def test_date_rule() -> None:
    assert format_date(PartialDate(2026, 5, 27), BUILD) == "May 27"
    assert format_date(PartialDate(2023, 10, 30), BUILD) == "Oct 30, 2023"
    assert format_date(PartialDate(2023, 10), BUILD) == "Oct 2023"
    assert format_date(PartialDate(2023), BUILD) == "2023"


def test_short_category() -> None:
    assert short_category("cs.AI") == "AI"
    assert short_category("stat.ML") == "ML"
    assert short_category("hep-th") == "hep-th"
    assert short_category("Machine learning, v.2") == "Machine learning, v.2"


def test_byline_matches_accents_and_aliases() -> None:
    paper = Paper(
        slug="p",
        source="p.md",
        title="T",
        date=PartialDate(2024),
        authors=("Sannara Ek", "Francois Portet", "K. Wang", "Someone"),
    )
    me = Author(slug="f", source="f.yaml", name="François Portet")
    assert byline(paper, me, 3) == [
        ("Sannara Ek", False),
        ("Francois Portet", True),
        ("K. Wang", False),
    ]
    alias = Author(slug="k", source="k.yaml", name="Kaile Wang", aliases=("K. Wang",))
    assert byline(paper, alias, 3)[2] == ("K. Wang", True)


def test_site_template_overrides_theme_file_by_file(make_site: Callable[..., Path]) -> None:
    site = make_site(
        {
            "content/papers/one.md": MINIMAL_PAPER,
            "templates/404.html": '{% extends "base.html" %}{% block main %}<p>Lost here</p>{% endblock %}',
        }
    )
    build(site)
    assert "<p>Lost here</p>" in (site / "output" / "404.html").read_text()
    assert "A Paper" in (site / "output" / "papers" / "one" / "index.html").read_text()


def test_titles_and_abstracts_are_escaped(make_site: Callable[..., Path]) -> None:
    site = make_site(
        {
            "content/papers/x.md": (
                "---\ntitle: '<img src=x onerror=alert(1)> *emph* {{ 7*7 }}'\nauthors: ['<b>Eve</b>']\n"
                "date: 2024\n---\nHi <script>alert(1)</script> [a](javascript:alert(2)) {% raw %}\n"
            ),
        }
    )
    build(site)
    html = (site / "output" / "papers" / "x" / "index.html").read_text()
    assert "<img" not in html and "<script>alert" not in html and "javascript:" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; <em>emph</em> {{ 7*7 }}" in html
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html
    assert "{% raw %}" in html


def test_latex_in_titles_is_escaped_once(make_site: Callable[..., Path]) -> None:
    title = r"Bounds when $n < 2^k$ and $a \& b$ hold, <b>A</b> & $<img src=x onerror=alert(1)>$"
    site = make_site(
        {
            "content/papers/m.md": f"---\ntitle: '{title}'\nauthors: [A]\ndate: 2024\n---\nx\n",
        }
    )
    build(site)
    html = (site / "output" / "papers" / "m" / "index.html").read_text()
    assert r'<span class="math">$n &lt; 2^k$</span>' in html
    assert r'<span class="math">$a \&amp; b$</span>' in html
    assert "&lt;b&gt;A&lt;/b&gt; &amp;" in html
    assert "&amp;lt;" not in html and "<img" not in html
    feed = (site / "output" / "feed.xml").read_text()
    assert "&amp;lt;" not in feed and "$n &lt; 2^k$" in feed
