"""A feed lists its papers newest first; papers of the same date in the site's order."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from generator.build import build


def _paper(title: str, date: str, authors: str, draft: bool = False) -> str:
    return (
        f"---\ntitle: {title}\nauthors: [{authors}]\ndate: {date}\n"
        + ("draft: true\n" if draft else "")
        + "---\nText.\n"
    )


def _titles(feed: Path) -> list[str]:
    """The titles of a feed's entries, in its order."""
    return re.findall(r"<entry>\s*<title[^>]*>([^<]*)</title>", feed.read_text(encoding="utf-8"))


def test_feeds_list_the_newest_first_and_a_date_shared_in_the_sites_order(
    make_site: Callable[[dict[str, str | bytes]], Path],
) -> None:
    # `paper_sort: title`: the site lists Apples, Bananas, Cherries, Dates. Bananas and
    # Dates share the newest day, which the feeds list in that order; Cherries, of a
    # month with no day, counts as older than any day of it.
    site = make_site(
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\npaper_sort: title\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/authors/bob.yaml": "name: Bob Byrne\n",
            "content/papers/dates.md": _paper("Dates", "2024-05-01", "Bob Byrne, Ada Lovelace"),
            "content/papers/cherries.md": _paper("Cherries", "2024-05", "Ada Lovelace"),
            "content/papers/bananas.md": _paper("Bananas", "2024-05-01", "Ada Lovelace"),
            "content/papers/apples.md": _paper("Apples", "2023-01-02", "Bob Byrne"),
            "content/papers/wip.md": _paper("Unfinished", "2025-01-01", "Ada Lovelace", True),
        }
    )
    out = site / "output"
    build(site, out, drafts=True)
    assert _titles(out / "authors/ada/feed.xml") == ["Bananas", "Dates", "Cherries"]
    assert _titles(out / "authors/bob/feed.xml") == ["Dates", "Apples"]
    assert _titles(out / "feed.xml") == ["Bananas", "Dates", "Cherries", "Apples"]
