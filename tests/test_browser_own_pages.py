"""A page of the site's own in a real browser: its header link, dark mode, print, a phone.

Runs Debian's Chromium through Playwright, as tests/test_browser.py does (always in CI=true).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import built_and_served
from tests.conftest import MINIMAL_AUTHOR

pytestmark = pytest.mark.browser

TEACHING = (
    "---\ntitle: Teaching\nnav: 1\n---\n### Courses\n\n"
    "| Course | Term | Room |\n|:--|--:|:-:|\n"
    + "".join(f"| {'Introduction_to_programming_' * 3}{i} | 202{i} | B{i} |\n" for i in range(3))
    + "\nSee https://example.org/"
    + "a-very-long-path-segment-" * 6
    + " for the notes.\n"
)
SITE = {
    "site.yaml": "title: Lab\nbuild_date: 2026-11-28\nmain_author: ada\n",
    "content/authors/ada.yaml": MINIMAL_AUTHOR,
    "content/pages/teaching.md": TEACHING,
    "content/pages/contact.md": "---\ntitle: Contact\nnav: 2\n---\nWrite to us.\n",
    **{
        f"content/pages/extra-{i}.md": f"---\ntitle: Open positions {i}\nnav: true\n---\nx\n"
        for i in range(3)
    },
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from built_and_served(tmp_path_factory.mktemp("pages") / "site", SITE)


def _brightness(page: Any, script: str) -> int:
    colour = page.evaluate(script)
    return sum(int(c) for c in colour[colour.index("(") + 1 : -1].split(",")[:3])


def test_the_header_leads_to_the_page_which_says_it_is_the_current_one(
    browser: Any, site_url: str
) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(site_url)
    page.get_by_role("link", name="Teaching").click()
    assert page.url == site_url + "teaching/"
    assert page.get_by_role("heading", level=1).inner_text() == "Teaching"
    current = page.locator('header a[aria-current="page"]')
    assert current.inner_text() == "Teaching"
    # The current page's link stands out from the others, once its style sheet is read (a
    # click waits for the new page's address, not its load: on a busy machine both links
    # were the browser's own blue, rgb(0, 0, 238), as the style sheet was still on its way)
    page.wait_for_load_state("load")
    assert _brightness(
        page, "getComputedStyle(document.querySelector('a[aria-current]')).color"
    ) < (
        _brightness(
            page, "getComputedStyle(document.querySelector('header a[href$=\"contact/\"]')).color"
        )
    )
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_page_is_dark_in_dark_mode_and_fits_a_phone(
    browser: Any, site_url: str, scheme: str
) -> None:
    ctx = browser.new_context(viewport={"width": 360, "height": 800}, color_scheme=scheme)
    page = ctx.new_page()
    page.goto(site_url + "teaching/")
    # Its table, its long words and the header's five more links: nothing scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for name in ("Contact", "Open positions 2"):
        box = page.get_by_role("link", name=name).bounding_box()
        assert box is not None and box["x"] + box["width"] <= 360, name
    background = _brightness(page, "getComputedStyle(document.body).backgroundColor")
    assert (background < 150) == (scheme == "dark")
    cells = page.eval_on_selector_all(
        ".page-text td", "cells => cells.slice(0, 3).map(c => getComputedStyle(c).textAlign)"
    )
    assert cells == ["left", "right", "center"]
    ctx.close()


def test_a_printed_page_is_its_text_black_on_white(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    page = ctx.new_page()
    page.goto(site_url + "teaching/")
    page.emulate_media(media="print", color_scheme="dark")
    assert not page.locator(".topbar").is_visible()
    assert page.locator(".page-text table").is_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    ctx.close()
