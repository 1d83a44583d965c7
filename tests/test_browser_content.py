"""Real users' content in a real browser: long URLs, tables, code, right-to-left names.

The sample site holds none of these; each test builds a small site that does. Runs
Debian's Chromium through Playwright, as tests/test_browser.py does (always in CI=true).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import built_and_served

pytestmark = pytest.mark.browser

LONG_URL = "https://github.com/some-organisation/" + "a-very-long-repository-name-" * 4 + "x"
ABSTRACT = f"""
Code and data: {LONG_URL}. The word Pneumonoultramicroscopicsilicovolcanoconiosis_{"x" * 60}.

| Model | Accuracy | Notes |
|:------|---------:|:-----:|
| Ours  | 99.1 | {"a_long_cell_without_spaces_" * 4} |

```
python train.py --config configs/{"very_long_config_path_" * 6}.yaml --seed 0
```
"""
AUTHORS = ["ليلى حداد", "يوسف كاهن", "Ahmed Ali"]
SITE = {
    "site.yaml": "title: Lab\nbuild_date: 2026-11-28\nmain_author: layla\n",
    "content/authors/layla.yaml": "name: ليلى حداد\naliases: [Layla Haddad]\n",
    "content/authors/yusuf.yaml": "name: يوسف كاهن\n",
    "content/papers/hebrew.md": "---\ntitle: למידה עמוקה, סקירה\nauthors: [ليلى حداد]\n"
    "date: 2020-01-01\nlanguage: he\n---\nתקציר בעברית עם **הדגשה**.\n",
    "content/papers/wide.md": "---\ntitle: Wide content in Pneumonoultramicroscopicsilicovolcanoconiosis_of_the_title\n"
    "authors: [ليلى حداد, يوسف كاهن, Ahmed Ali]\ndate: 2025-03-04\n"
    "tags: [تعلم, عميق]\n---\n" + ABSTRACT,
    "content/papers/table-first.md": "---\ntitle: Results first\nauthors: [ليلى حداد]\n"
    "date: 2019-01-01\n---\n"
    + "| Model | Accuracy |\n|:--|--:|\n"
    + "".join(f"| Model number {i} with its settings | {80 + i}.5 |\n" for i in range(12))
    + "\nA table of results before any sentence, as some abstracts begin.\n",
    "content/papers/numbers.md": "---\ntitle: Results in eight columns\nauthors: [ليلى حداد]\n"
    "date: 2018-01-01\n---\n"
    "| Model | Params | BLEU | chrF | COMET | Latency (ms) | Memory (GB) | Notes |\n"
    "|:--|--:|--:|--:|--:|--:|--:|:--|\n"
    "| Transformer-Big-With-A-Very-Long-Model-Name | 213M | 29.3 | 57.1 | 0.843 | 120 | 4.2 | a |\n",
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from built_and_served(tmp_path_factory.mktemp("content") / "site", SITE)


def phone_page(browser: Any, url: str) -> Any:
    ctx = browser.new_context(viewport={"width": 390, "height": 800})
    page = ctx.new_page()
    page.goto(url)
    return page


@pytest.mark.parametrize("path", ["papers/wide/", "", "cv/"])
def test_long_urls_words_tables_and_code_do_not_widen_a_phone_page(
    browser: Any, site_url: str, path: str
) -> None:
    page = phone_page(browser, site_url + path)
    page.evaluate(
        "document.querySelectorAll('.abstract').forEach(a => a.classList.remove('folded'))"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.context.close()


def test_table_cells_are_aligned_as_the_markdown_says(browser: Any, site_url: str) -> None:
    page = phone_page(browser, site_url + "papers/wide/")
    aligns = page.eval_on_selector_all(
        ".abstract td", "cells => cells.map(c => getComputedStyle(c).textAlign)"
    )
    assert aligns == ["left", "right", "center"]
    page.context.close()


def test_a_table_wider_than_a_phone_scrolls_in_its_box_with_its_numbers_whole(
    browser: Any, site_url: str
) -> None:
    # Squeezed into 358 px, eight columns broke `29.3` into `2`, `9.` and `3` on three lines
    # (and `213M`, `0.843`): now the table keeps its words whole and scrolls in its own box,
    # a tab stop with a visible focus ring that the arrow keys scroll; the page does not.
    page = phone_page(browser, site_url + "papers/numbers/")
    for number in ("213M", "29.3", "0.843", "Memory"):
        assert len(page.evaluate(TEXT_BOXES, [".abstract table", number])) == 1, number
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator(".abstract .table-scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    assert box.get_attribute("tabindex") == "0"
    for _ in range(30):
        page.keyboard.press("Tab")
        if box.evaluate("b => b === document.activeElement"):
            break
    assert box.evaluate("b => b === document.activeElement")
    assert box.evaluate("b => getComputedStyle(b).outlineStyle") != "none"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.table-scroll').scrollLeft > 0")
    # Where it fits, it is no tab stop of its own.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function("!document.querySelector('.table-scroll').hasAttribute('tabindex')")
    # Paper does not scroll: printed, the box clips nothing.
    page.emulate_media(media="print")
    assert box.evaluate("b => getComputedStyle(b).overflowX") == "visible"
    page.context.close()


# The boxes (one per line it is drawn on) of the first `text` inside `selector`, as
# [left, width] pairs; null where it is not there.
TEXT_BOXES = """(args) => {
  const [selector, text] = args;
  const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(text);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      return [...range.getClientRects()].filter(r => r.width > 0).map(r => [r.left, r.width]);
    }
  }
  return null;
}"""
NAME_LEFT = (
    f"(args) => ({TEXT_BOXES})(args)?.reduce((left, box) => Math.min(left, box[0]), Infinity)"
)


@pytest.mark.parametrize("path", ["papers/wide/", "", "cv/"])
def test_right_to_left_names_are_shown_in_the_papers_author_order(
    browser: Any, site_url: str, path: str
) -> None:
    # Two Arabic names side by side, with only ", " between them, would run together as
    # one right-to-left stretch: the second author shown first, left of the first.
    page = phone_page(browser, site_url + path)
    page.set_viewport_size({"width": 1280, "height": 800})
    selector = ".authors" if path != "cv/" else ".cv-authors"
    lefts = [page.evaluate(NAME_LEFT, [selector, name]) for name in AUTHORS]
    assert None not in lefts and lefts == sorted(lefts), lefts
    if path == "papers/wide/":
        links = page.eval_on_selector_all(
            ".facts a", "links => links.map(a => a.getBoundingClientRect().left)"
        )
        assert len(links) == 2 and links == sorted(links), links
        tags = [page.evaluate(NAME_LEFT, [".facts", tag]) for tag in ("تعلم", "عميق")]
        assert None not in tags and tags == sorted(tags), tags
    page.context.close()


@pytest.mark.parametrize("path", ["papers/hebrew/", ""])
def test_a_hebrew_abstract_and_title_read_right_to_left(
    browser: Any, site_url: str, path: str
) -> None:
    # In the page's left-to-right flow, the full stop would be shown at the right end,
    # before the sentence's first word, and the text aligned to the left.
    page = phone_page(browser, site_url + path)
    abstract = ".abstract" if path else "#paper-hebrew .abstract"
    stop, first = (page.evaluate(NAME_LEFT, [abstract, text]) for text in (".", "תקציר"))
    assert stop < first
    title = "h1" if path else "#paper-hebrew .title"
    comma, before = (page.evaluate(NAME_LEFT, [title, text]) for text in (",", "עמוקה"))
    assert comma < before
    assert page.eval_on_selector(abstract, "el => getComputedStyle(el).direction") == "rtl"
    page.context.close()


@pytest.mark.parametrize("path", ["papers/hebrew/", "", "cv/"])
def test_a_hebrew_paper_is_read_as_hebrew_and_the_page_around_it_as_english(
    browser: Any, site_url: str, path: str
) -> None:
    # The language the browser gives an element is what a screen reader speaks it in and
    # what picks its font; the chrome around the paper stays in the site's language.
    page = phone_page(browser, site_url + path)
    own = {
        "papers/hebrew/": ["h1", ".abstract"],
        "": ["#paper-hebrew .title", "#paper-hebrew .abstract"],
        "cv/": ['.cv-title[href$="papers/hebrew/"]'],
    }[path]
    around = {"papers/hebrew/": "#abstract-heading", "": "#paper-hebrew .authors", "cv/": "h1"}
    for selector in own:
        assert page.eval_on_selector(selector, "el => el.matches(':lang(he)')"), selector
    assert page.eval_on_selector(around[path], "el => el.matches(':lang(en)')")
    page.context.close()


def test_a_folded_abstract_is_three_lines_high_also_when_it_starts_with_a_table(
    browser: Any, site_url: str
) -> None:
    # Line clamping counts lines of text; a table or code block has none to count, so a
    # "folded" abstract showed them whole, and off screen its card ran over the next one.
    page = phone_page(browser, site_url)
    box = page.locator("#paper-table-first .abstract")
    assert "folded" in (box.get_attribute("class") or "")
    height, line = box.evaluate(
        "e => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight)]"
    )
    assert height <= 3 * line + 1, (height, line)
    page.context.close()


# A made-up compound of 47 letters, and a longer one, where the theme shows record text.
LONG_WORD = "Supercalifragilisticexpialidociousnessfulnesses"
LONGER = "Donaudampfschifffahrtselektrizitaetenhauptbetriebswerkbauunterbeamtengesellschaft"
# A title of ordinary words that takes several lines on a phone: none of them is broken.
NORMAL_TITLE = "Understanding representations through interpretability, robustness and reliability"
LONG_WORDS = {
    "site.yaml": f"title: Lab {LONG_WORD}\nbuild_date: 2026-11-28\nmain_author: ada\n",
    "content/authors/ada.yaml": f"name: Ada {LONG_WORD}\naffiliation: Institut {LONGER}\n"
    f"position: {LONG_WORD}\n",
    "content/authors/bob.yaml": f"name: Bob {LONGER}\n",
    "content/papers/one.md": f"---\ntitle: {LONGER} in a title\n"
    f"authors: [Ada {LONG_WORD}, Bob {LONGER}]\ndate: 2025-03-04\n"
    f"venue: Proceedings {LONGER}\ntags: [{LONG_WORD}]\ncategory: {LONG_WORD}\n"
    f"featured: true\ncitations: 3\n---\nAn abstract with {LONGER} and {LONG_URL}.\n",
    "content/papers/two.md": f"---\ntitle: {LONG_WORD}\nauthors: [Ada {LONG_WORD}]\n"
    "date: 2024-03-04\n---\nShort.\n",
    "content/papers/three.md": f"---\ntitle: {NORMAL_TITLE}\nauthors: [Ada {LONG_WORD}]\n"
    "date: 2023-03-04\n---\nShort.\n",
}


@pytest.fixture(scope="module")
def long_words_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from built_and_served(tmp_path_factory.mktemp("long") / "site", LONG_WORDS)


@pytest.mark.parametrize("path", ["", "papers/one/", "cv/", "authors/", "authors/bob/"])
def test_a_word_longer_than_a_360px_screen_does_not_scroll_the_page_sideways(
    browser: Any, long_words_url: str, path: str
) -> None:
    """`overflow-wrap: break-word` left a long word in a flex or grid item (a card's venue
    and category, a co-author, an author in the index) as wide as itself: 704 px of page
    on a 360 px phone. Normal words are not broken: the sample site lays out as before."""
    page = browser.new_context(viewport={"width": 360, "height": 800}).new_page()
    page.goto(long_words_url + path)
    page.evaluate(
        "document.querySelectorAll('.abstract').forEach(a => a.classList.remove('folded'))"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Every long word is on the page, broken, not hidden: its element is within the screen.
    wider = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 360.5).map(e => e.className || e.tagName)"
    )
    assert wider == []
    assert LONG_WORD in page.inner_text("body")
    # The words beside them, and a title of ordinary words wrapping over several lines,
    # stay whole: each is drawn in one box, on one line.
    shown = page.inner_text("main")
    for word in ("Proceedings", "Institut", *NORMAL_TITLE.replace(",", "").split()):
        if word in shown:
            assert len(page.evaluate(TEXT_BOXES, ["main", word])) == 1, word
    page.context.close()
