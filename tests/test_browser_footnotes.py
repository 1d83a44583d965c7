"""Footnotes in a real browser: the mark leads to its note, the note's arrow back to the
mark, on a paper's page and on a profile whose abstract is folded."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import built_and_served

pytestmark = pytest.mark.browser

FILLER = " ".join(["A sentence that makes the abstract long enough to fold."] * 40)
SITE = {
    "site.yaml": "title: Lab\nbuild_date: 2026-11-28\nmain_author: ada\n",
    "content/authors/ada.yaml": "name: Ada Lovelace\nfield: CS\nbio: |\n  Short[^1].\n\n  [^1]: Bio note.\n",
    "content/papers/long.md": (
        "---\ntitle: Long\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n---\n"
        f"Measured twice[^1]. {FILLER}\n\n[^1]: With the second instrument.\n"
    ),
    "content/papers/short.md": (
        "---\ntitle: Short\nauthors: [Ada Lovelace]\ndate: 2024-04-01\n---\n"
        "Also[^1].\n\n[^1]: Another note.\n"
    ),
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from built_and_served(tmp_path_factory.mktemp("footnotes") / "site", SITE)


def _target_in_view(page: Any) -> str:
    """The id of the element the URL's fragment names, which must be in the viewport."""
    return str(
        page.evaluate(
            """() => {
              const t = document.querySelector(':target');
              if (!t) return '';
              const r = t.getBoundingClientRect();
              return r.top >= 0 && r.bottom <= innerHeight && r.height > 0 ? t.id : 'hidden:' + t.id;
            }"""
        )
    )


def _there_and_back(page: Any, mark: Any) -> None:
    ref = mark.get_attribute("id")
    mark.click()
    note = _target_in_view(page)
    assert note.startswith("fn:"), note
    assert page.evaluate("location.hash") == "#" + note
    assert "second instrument" in page.locator(f'[id="{note}"]').inner_text()
    page.locator(f'[id="{note}"] a.footnote-backref').first.click()
    assert _target_in_view(page) == ref


def test_a_footnote_mark_leads_to_its_note_and_back_on_a_papers_page(
    browser: Any, site_url: str
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 500})
    page.goto(site_url + "papers/long/")
    _there_and_back(page, page.locator(".abstract sup.footnote-ref a").first)
    page.close()


def test_a_footnote_in_a_folded_abstract_unfolds_it_and_is_shown(
    browser: Any, site_url: str
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 500})
    page.goto(site_url + "authors/ada/")
    folded = page.locator(".abstract.long.folded")
    assert folded.count() == 1
    _there_and_back(page, folded.locator("sup.footnote-ref a").first)
    assert page.locator(".abstract.long.folded").count() == 0
    note = page.locator(".abstract.long sup.footnote-ref a").first.get_attribute("href")
    page.close()
    # a link from elsewhere to the note: the abstract opens unfolded at it
    page = browser.new_page(viewport={"width": 390, "height": 500})
    page.goto(site_url + "authors/ada/" + note)
    assert page.locator(".abstract.long.folded").count() == 0
    assert _target_in_view(page) == note[1:]
    page.close()
