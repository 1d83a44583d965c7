"""The profile in a real browser: finding papers, the URL state, dark mode, print, copying.

Runs Debian's Chromium through Playwright. Always runs in CI (CI=true), where a missing
Chromium is a failure; elsewhere it is skipped only when Chromium is not installed.
"""

from __future__ import annotations

import queue
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.synth import generate
from generator import serve as live
from generator.build import build
from tests.browser import sample_built_and_served, serve
from tests.conftest import REPO

pytestmark = pytest.mark.browser

SHOTS = REPO / "screenshots"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory, sample_source: Path) -> Iterator[str]:
    yield from sample_built_and_served(sample_source, tmp_path_factory.mktemp("browser") / "out")


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def open_page(ctx: Any, url: str) -> tuple[Any, list[str]]:
    """A page at ``url``, with a list that collects console errors and uncaught exceptions."""
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    return page, errors


def visible_titles(page: Any) -> list[str]:
    # textContent, not innerText: a card off the screen has `content-visibility: auto`, and
    # until the browser next paints, innerText of its skipped content can be "" (a flake).
    titles = page.locator("article.card:visible .title").all_text_contents()
    return [" ".join(str(t).split()) for t in titles]


def status(page: Any) -> str:
    return str(page.locator("#finder-status").inner_text())


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_fit_the_width(browser: Any, site_url: str, width: int, scheme: str) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page, errors = open_page(ctx, site_url)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"profile-{width}-{scheme}.png"), full_page=True)
    # Nothing sticks out sideways (a phone would scroll horizontally).
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator("article.card").count() == 14
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    dark = sum(int(c) for c in background[4:-1].split(",")[:3]) < 150
    assert dark == (scheme == "dark"), background
    assert errors == []
    ctx.close()


def test_without_javascript_every_paper_is_listed_and_readable(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(site_url)
    assert page.locator("article.card:visible").count() == 14
    assert not page.locator("form.finder").is_visible()
    assert not page.locator(".theme-toggle").is_visible()
    # A long abstract reads to its last sentence.
    last = page.get_by_text("Our findings underscore the need to address the inherent elasticity")
    assert last.is_visible()
    ctx.close()


def test_find_by_abstract_word_filter_share_and_go_back(context: Any, site_url: str) -> None:
    page, errors = open_page(context, site_url)
    assert status(page) == "Showing all 14 papers"
    box = page.get_by_label("Search papers")
    box.click()
    page.keyboard.type("elasticity")
    page.wait_for_function("location.search.includes('q=elasticity')")
    assert visible_titles(page) == [
        "Language Models Resist Alignment: Evidence From Data Compression"
    ]
    assert status(page) == "Showing 1 of 14 papers"
    # The word is in the folded part of the abstract: while searching it is shown whole.
    clipped = "el => el.scrollHeight > el.clientHeight + 1"
    box_abstract = page.locator("#paper-language-models-resist-alignment .abstract")
    assert not box_abstract.evaluate(clipped)
    box.fill("")
    page.wait_for_function("!location.search.includes('q=')")
    assert box_abstract.evaluate(clipped)  # folded again once the search is cleared
    page.get_by_label("Year").select_option("2024")
    page.wait_for_function("location.search === '?year=2024'")
    assert status(page) == "Showing 5 of 14 papers"
    assert len(visible_titles(page)) == 5
    shared = page.url
    # The shared link, opened elsewhere, shows the same view.
    other, _ = open_page(context, shared)
    assert other.get_by_label("Year").input_value() == "2024"
    assert visible_titles(other) == visible_titles(page)
    other.close()
    # Back returns to the previous view, step by step.
    page.go_back()
    page.wait_for_function("!location.search.includes('year')")
    assert page.get_by_label("Year").input_value() == ""
    assert errors == []


def test_back_returns_to_the_previous_search_after_a_pause(context: Any, site_url: str) -> None:
    """A search, a pause to read, another search: Back shows the first one again.

    Before, every later burst of typing replaced the first burst's entry, and Back went
    straight to the unfiltered list.
    """
    context.clock.install()  # the page's timers run, and the pause is moved on by the test
    page, errors = open_page(context, site_url)
    start = page.evaluate("history.length")
    box = page.get_by_label("Search papers")
    box.click()
    page.keyboard.type("elasticity", delay=20)  # one burst: one step
    page.wait_for_function("location.search === '?q=elasticity'")
    assert page.evaluate("history.length") == start + 1
    page.clock.run_for(1500)  # reading the result
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("fedrd", delay=20)
    page.wait_for_function("location.search === '?q=fedrd'")
    assert page.evaluate("history.length") == start + 2
    page.go_back()
    page.wait_for_function("location.search === '?q=elasticity'")
    assert box.input_value() == "elasticity"
    assert status(page) == "Showing 1 of 14 papers"
    page.go_back()
    page.wait_for_function("location.search === ''")
    assert status(page) == "Showing all 14 papers"
    assert errors == []


def test_a_selected_paper_hidden_by_the_filters_is_shown_when_its_link_is_followed(
    context: Any, tmp_path: Path
) -> None:
    """Before, a "Selected papers" link to a paper the view hid went nowhere, page unmoved."""
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "site.yaml", site)
    record = site / "content" / "papers" / "fedrd.md"
    record.write_text(
        record.read_text().replace("date: 2026-01-28", "date: 2026-01-28\nfeatured: true")
    )
    build(site, site / "output")
    with serve(site / "output") as url:
        page, errors = open_page(context, url + "?year=2023")
        card = page.locator("#paper-fedrd")
        assert not card.is_visible()
        page.locator(".featured").get_by_role("link", name="FedRD", exact=False).click()
        card.wait_for()
        assert status(page) == "Showing all 14 papers"
        assert page.evaluate("location.search") == ""
        page.wait_for_function(  # scrolled to it (once the cards above have been drawn)
            "el => { const top = el.getBoundingClientRect().top;"
            " return 0 <= top && top < innerHeight; }",
            arg=card.element_handle(),
            timeout=5000,
        )
        page.get_by_label("Year").select_option("2024")  # a new view: the stale #… is dropped
        page.wait_for_function("location.search === '?year=2024'")
        assert page.evaluate("location.hash") == ""
        page.go_back()
        page.wait_for_function("location.search === ''")
        page.go_back()  # Back returns to the filtered view
        page.wait_for_function("location.search === '?year=2023'")
        assert not card.is_visible()
        assert errors == []


def test_filters_and_sort_compose(context: Any, site_url: str) -> None:
    page, errors = open_page(context, site_url + "?code=1&sort=title")
    assert page.get_by_label("Has code").is_checked()
    assert page.get_by_label("Sort by").input_value() == "title"
    titles = visible_titles(page)
    assert len(titles) == 4 and titles == sorted(titles, key=str.casefold)
    assert status(page) == "Showing 4 of 14 papers"
    page.get_by_label("Category").select_option("cs.LG")
    assert visible_titles(page) == [
        "Safe RLHF-V: Safe Reinforcement Learning from Multi-modal Human Feedback"
    ]
    page.get_by_label("Sort by").select_option("score")
    page.get_by_label("Has code").uncheck()
    page.get_by_label("Category").select_option("")
    first = page.locator("article.card:visible .title").first.text_content().strip()
    assert first.startswith("Debate with Images")  # the only scored paper leads
    page.get_by_role("button", name="Reset").click()
    assert status(page) == "Showing all 14 papers"
    assert page.evaluate("location.search") == ""
    assert errors == []


def test_search_ignores_case_and_accents_and_reports_no_match(context: Any, site_url: str) -> None:
    page, _ = open_page(context, site_url + "?q=FRANCOIS+portet")
    assert [t.split(":")[0] for t in visible_titles(page)] == ["FedAli"]
    page.get_by_label("Search papers").fill("zzzz-no-such-word")
    page.wait_for_function("document.querySelector('.finder-empty').hidden === false")
    assert status(page) == "Showing 0 of 14 papers"
    page.get_by_role("button", name="Clear the search and filters").click()
    assert status(page) == "Showing all 14 papers"


def test_words_in_quotes_are_found_as_a_phrase(context: Any, site_url: str) -> None:
    """A quote was searched as a letter: '"language models"' found no paper at all."""
    page, errors = open_page(context, site_url + '?q="Language+Models"')
    shown = page.locator("article.card:visible")
    assert shown.count() > 0
    for card in shown.all():
        words = " ".join(card.locator(".title, .authors, .abstract").all_text_contents())
        assert "language models" in " ".join(words.lower().split()), card.get_attribute("id")
    box = page.get_by_label("Search papers")
    box.fill("\u201cdata compression\u201d")  # curly quotes, as a phone's keyboard types them
    box.press("Enter")
    assert visible_titles(page) == [
        "Language Models Resist Alignment: Evidence From Data Compression"
    ]
    box.fill('"compression data"')  # the words, but not in that order
    box.press("Enter")
    assert status(page) == "Showing 0 of 14 papers"
    box.fill("compression data")
    box.press("Enter")
    assert status(page) != "Showing 0 of 14 papers"
    assert errors == []


def test_the_words_of_the_buttons_are_not_searched(context: Any, site_url: str) -> None:
    """Every long abstract has a "Show more" button: "more" found all 14 papers before."""
    page, errors = open_page(context, site_url + "?q=more")
    shown = page.locator("article.card:visible")
    assert 0 < shown.count() < 14
    for card in shown.all():
        words = card.locator(".title, .authors, .abstract").all_text_contents()
        assert "more" in " ".join(words).lower(), card.get_attribute("id")
    assert status(page) == f"Showing {shown.count()} of 14 papers"
    assert errors == []


def test_count_is_announced_and_controls_are_labelled(context: Any, site_url: str) -> None:
    page, _ = open_page(context, site_url)
    live = page.locator("#finder-status")
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"
    for label in ("Search papers", "Year", "Category", "Sort by", "Has code"):
        assert page.get_by_label(label).count() == 1, label
    # Keyboard only: skip link, then Tab reaches the search box and a filter.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.get_by_label("Search papers").focus()
    page.keyboard.type("fedrd")
    page.keyboard.press("Enter")
    assert page.evaluate("location.search") == "?q=fedrd"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "find-year"


def accessibility_tree(context: Any, page: Any) -> list[dict[str, Any]]:
    """Chromium's accessibility tree of ``page``: what a screen reader is given."""
    nodes: list[dict[str, Any]] = context.new_cdp_session(page).send("Accessibility.getFullAXTree")[
        "nodes"
    ]
    return nodes


def value(node: dict[str, Any], key: str) -> str:
    return str(node.get(key, {}).get("value", ""))


def test_a_screen_readers_list_of_articles_names_each_card_by_its_title(
    context: Any, site_url: str
) -> None:
    """A screen reader's list of articles (landmarks) named none of the 14 cards: each is
    named by its title, still after a search, which keeps finding and folding as before."""
    page, errors = open_page(context, site_url)
    titles = visible_titles(page)
    named = [
        " ".join(value(n, "name").split())
        for n in accessibility_tree(context, page)
        if value(n, "role") == "article"
    ]
    assert len(titles) == 14 and named == titles
    # Found by its name, as a screen reader's "go to article" list finds it
    card = page.get_by_role("article", name=re.compile("^FedCCA"))
    assert card.get_attribute("id") == "paper-fedcca"
    page.get_by_label("Search papers").fill("heterogeneity")
    page.keyboard.press("Enter")
    assert status(page) == "Showing 2 of 14 papers"
    assert page.get_by_role("article", name=re.compile("^FedCCA")).is_visible()
    assert errors == []


# The text of an element that is drawn: a visually hidden part (in a 1 px box) left out.
SEEN = """e => {
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  const seen = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const box = node.parentElement.getBoundingClientRect();
    if (box.width > 1 && box.height > 1) seen.push(node.textContent);
  }
  return seen.join("");
}"""


def test_a_category_badge_reads_as_the_whole_category(context: Any, site_url: str) -> None:
    """`LG` on a card is `cs.LG`, the arXiv category: read so by a screen reader (it read
    "LG"), shown so in a pointer's tooltip, and copied so; the badge still shows `LG`. On a paper's
    page too."""
    paper, _ = open_page(context, site_url + "papers/fedcca/")
    profile, _ = open_page(context, site_url)
    for page, badge in (
        (paper, paper.locator(".cat")),
        (profile, profile.locator("#paper-fedcca .cat")),
    ):
        badge.scroll_into_view_if_needed()
        assert badge.evaluate(SEEN) == "LG"
        assert badge.get_attribute("title") == "cs.LG"
        spoken = [
            value(n, "name")
            for n in accessibility_tree(context, page)
            if value(n, "role") == "StaticText" and not n.get("ignored")
        ]
        assert "cs.LG" in spoken and "LG" not in spoken
        # copied, the badge is the whole category, not its short code run into it (LGcs.LG)
        copied = badge.evaluate(
            """b => { const r = document.createRange(); r.selectNodeContents(b);
            const s = getSelection(); s.removeAllRanges(); s.addRange(r);
            return s.toString(); }"""
        )
        assert copied == "cs.LG"


def test_the_count_is_announced_again_only_when_it_changes(context: Any, site_url: str) -> None:
    """A screen reader hears "Showing 1 of 14 papers" once, not once more at every key typed.

    Before, each key rewrote the live region with the same words, and a screen reader may
    read a rewritten live region again: "fedrd" typed on was the same line four times.
    """
    page, errors = open_page(context, site_url)
    page.evaluate(
        """window.rewrites = 0;
        new MutationObserver(l => { window.rewrites += l.length; }).observe(
          document.getElementById("finder-status"),
          {childList: true, characterData: true, subtree: true})"""
    )
    box = page.get_by_label("Search papers")
    box.fill("fedr")
    box.press("Enter")
    assert status(page) == "Showing 1 of 14 papers"
    rewrites = page.evaluate("window.rewrites")
    assert rewrites > 0
    for query in ("fedrd", "fedrd ", "fedrd"):
        box.fill(query)
        box.press("Enter")
    assert page.evaluate("window.rewrites") == rewrites
    box.fill("")
    box.press("Enter")
    assert status(page) == "Showing all 14 papers"
    assert errors == []


def test_show_more_unfolds_a_long_abstract(context: Any, site_url: str) -> None:
    page, _ = open_page(context, site_url)
    button = page.locator("#paper-fedali button.more")
    box = page.locator("#paper-fedali .abstract")
    folded = box.bounding_box()["height"]
    assert button.get_attribute("aria-expanded") == "false"
    assert button.text_content() == "Show more"
    # The button names the box it opens, for a screen reader.
    assert page.evaluate(
        "document.getElementById(document.querySelector('#paper-fedali button.more')"
        ".getAttribute('aria-controls')) === document.querySelector('#paper-fedali .abstract')"
    )
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert button.text_content() == "Show less"
    assert box.bounding_box()["height"] > folded * 2
    button.click()  # and folds it again
    assert button.get_attribute("aria-expanded") == "false"
    assert button.text_content() == "Show more"
    assert box.bounding_box()["height"] == folded


def test_tabbing_onto_a_link_in_a_folded_abstract_unfolds_it(context: Any, site_url: str) -> None:
    """The link at the end of a folded abstract is a Tab stop: the abstract opens from its start.

    Before, the clipped box scrolled to show the link and stayed so: the abstract read from
    mid-sentence, its first lines cut off, the link focused below "Show more".
    """
    page, errors = open_page(context, site_url)
    card = page.locator("#paper-align-anything")
    card.locator(".title a").focus()
    page.keyboard.press("Tab")
    link = card.locator(".abstract a")
    assert page.evaluate("document.activeElement.href") == link.get_attribute("href")
    box = card.locator(".abstract")
    assert box.evaluate("el => el.scrollTop") == 0
    assert box.evaluate("el => el.scrollHeight <= el.clientHeight + 1")  # nothing clipped
    assert card.locator("button.more").get_attribute("aria-expanded") == "true"
    assert card.locator("button.more").inner_text() == "Show less"
    assert errors == []


def test_a_link_tabbed_onto_in_a_folded_abstract_is_on_the_screen(
    context: Any, site_url: str
) -> None:
    """The keyboard's focus is where the reader can see it, for every such link on the page.

    Before, the browser scrolled the link into view inside the clipped box, the abstract
    then unfolded below it and pushed it past the bottom of the window: the focus ring was
    off the screen (AI Deception's www.deceptionsurvey.com, at 1280 by 900).
    """
    page, errors = open_page(context, site_url)
    cards = page.locator("article.card:has(.abstract.long a)")
    assert cards.count() >= 3
    for i in range(cards.count()):
        page.goto(site_url)
        card = cards.nth(i)
        card.locator(".title a").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.abstract') !== null")
        top, bottom, height = page.evaluate(
            "(() => { const r = document.activeElement.getBoundingClientRect();"
            " return [r.top, r.bottom, innerHeight]; })()"
        )
        ring = 5  # the focus ring: a 3 px outline 2 px outside the link
        assert ring <= top and bottom + ring <= height, (card.get_attribute("id"), top, bottom)
    assert errors == []


COUNT_READS = """
window.reads = {text: 0, attributes: 0};
// The text of a card's parts (its meta line, title, authors, abstract), read to search it.
const textContent = Object.getOwnPropertyDescriptor(Node.prototype, "textContent");
Object.defineProperty(Node.prototype, "textContent", {
  configurable: true,
  get() {
    if (this.parentElement && this.parentElement.matches("article.card")) window.reads.text += 1;
    return textContent.get.call(this);
  },
  set(value) { textContent.set.call(this, value); },
});
const getAttribute = Element.prototype.getAttribute;
Element.prototype.getAttribute = function (name) {
  if (this.matches("article.card")) window.reads.attributes += 1;
  return getAttribute.call(this, name);
};
"""


@pytest.mark.parametrize("sort", ["date", "citations"])
def test_a_key_typed_in_the_search_reads_no_card_again(
    context: Any, site_url: str, sort: str
) -> None:
    """Each key typed filters the cards from what was read of them once, while the page was idle.

    Before, on a profile of 730 papers, the first key typed folded the text of every card
    (a pause of a tenth of a second and more), and every key read and split each card's
    tags and, sorted by citations, sorted the cards again reading their attributes.
    """
    page = context.new_page()
    page.add_init_script(COUNT_READS)
    page.goto(site_url + ("" if sort == "date" else f"?sort={sort}"))
    cards = page.locator("article.card").count()
    # The cards' text is read and folded without a key typed.
    parts = page.locator("article.card > :not(button)").count()
    assert parts > cards
    page.wait_for_function(f"window.reads.text >= {parts}", timeout=10_000)
    box = page.get_by_label("Search papers")
    for query in ("a", "al", "align", "alignment"):
        page.evaluate("window.reads = {text: 0, attributes: 0}")
        box.fill(query)
        box.press("Enter")
        assert page.evaluate("location.search").startswith(f"?q={query}")
        reads = page.evaluate("window.reads")
        assert reads == {"text": 0, "attributes": 0}, query
    assert status(page) == "Showing 10 of 14 papers"


def test_dark_toggle_is_remembered_without_a_flash(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(color_scheme="light")
    page, errors = open_page(ctx, site_url)
    toggle = page.get_by_role("button", name="Dark theme")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert errors == []
    # Another page, with site.js blocked: the inline script alone applies the choice
    # before the stylesheet, so the first paint is already dark.
    page.route("**/static/site.js", lambda route: route.abort())
    page.goto(site_url + "papers/fedrd/", wait_until="commit")
    page.wait_for_selector("body")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.wait_for_load_state()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(15, 17, 21)"
    page.unroute("**/static/site.js")
    page.goto(site_url)
    page.get_by_role("button", name="Dark theme").click()
    assert page.evaluate("localStorage.getItem('authorsite-theme')") == "light"
    ctx.close()


def test_print_is_a_clean_publication_list(context: Any, site_url: str) -> None:
    page, _ = open_page(context, site_url)
    page.emulate_media(media="print")
    assert page.locator("article.card:visible").count() == 14
    for hidden in ("form.finder", ".topbar", "#paper-fedali .abstract", ".insights", "button.more"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("#paper-fedali .authors").is_visible()
    # Black on white even when the screen is dark.
    page.emulate_media(media="print", color_scheme="dark")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"


@pytest.mark.parametrize("path", ["", "cv/", "papers/fedrd/"])
def test_a_page_printed_from_dark_mode_has_no_dark_background_behind_its_text(
    browser: Any, site_url: str, path: str
) -> None:
    """Before, the profile's field ("AI") printed black on the dark mode's navy pill."""
    ctx = browser.new_context(color_scheme="dark")
    page, _ = open_page(ctx, site_url + path)
    page.emulate_media(media="print", color_scheme="dark")
    shaded = page.evaluate(
        """[...document.querySelectorAll("body *")]
        .filter(e => e.checkVisibility() && e.textContent.trim())
        .filter(e => {
          const m = getComputedStyle(e).backgroundColor.match(/[0-9.]+/g).map(Number);
          const opaque = m.length < 4 || m[3] > 0;
          return opaque && m[0] + m[1] + m[2] < 600;  // darker than a light grey
        })
        .map(e => e.className + ": " + e.textContent.trim().slice(0, 20))"""
    )
    assert shaded == []
    ctx.close()


def test_a_printed_filtered_list_says_it_is_part_of_the_list(context: Any, site_url: str) -> None:
    """A visitor who filters, then prints, got the papers in view with nothing saying
    that others were left out."""
    page, _ = open_page(context, site_url)
    page.emulate_media(media="print")
    assert not page.locator("#finder-status").is_visible()  # the whole list: nothing to say
    page.emulate_media(media="screen")
    page.get_by_label("Year").select_option("2024")
    shown = page.locator("article.card:visible").count()
    page.emulate_media(media="print")
    assert page.locator("#finder-status").is_visible()
    assert status(page) == f"Showing {shown} of 14 papers"


def test_copy_bibtex(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], viewport={"width": 390, "height": 800}
    )
    page, errors = open_page(ctx, site_url + "papers/fedrd/")
    # The entry wraps instead of scrolling sideways (a scrolling box needs keyboard access).
    assert page.locator("#bibtex").evaluate("el => el.scrollWidth <= el.clientWidth")
    page.get_by_role("button", name="Copy BibTeX").click()
    page.get_by_text("BibTeX copied to the clipboard.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    bib = page.evaluate("fetch('cite.bib').then(r => r.text())")
    assert copied == bib and copied.startswith("@")
    assert errors == []
    ctx.close()


# Notes in window.written when the page writes the element's text (the same text again too).
SEEN_WRITTEN = """selector => {
    window.written = false;
    new MutationObserver(() => { window.written = true; })
        .observe(document.querySelector(selector), {childList: true});
}"""


def test_a_second_copy_is_confirmed_for_its_own_two_seconds(browser: Any, site_url: str) -> None:
    """Before, the first click's timer wiped the second click's "Copied" half a second in."""
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    ctx.clock.install()  # the page's timers, moved on by the test rather than waited for
    page, errors = open_page(ctx, site_url + "papers/fedrd/")
    button = page.locator("button.copy")
    button.click()
    page.get_by_text("BibTeX copied to the clipboard.").wait_for()
    page.clock.run_for(1500)
    page.evaluate(SEEN_WRITTEN, ".copy-status")
    button.click()
    page.wait_for_function("window.written")  # the second copy is done (said again)
    page.clock.run_for(800)  # 2.3 s after the first copy, 0.8 s after the second
    assert button.inner_text() == "Copied"
    assert page.locator(".copy-status").inner_text() == "BibTeX copied to the clipboard."
    page.clock.run_for(1300)
    page.get_by_role("button", name="Copy BibTeX").wait_for()  # and then it goes back
    assert errors == []
    ctx.close()


def test_cv_page(context: Any, site_url: str) -> None:
    page, errors = open_page(context, site_url + "cv/")
    assert page.locator("h1").inner_text() == "Kaile Wang"
    assert page.locator(".cv h3").all_inner_texts() == ["2026", "2025", "2024", "2023"]
    assert page.locator(".cv-list li").count() == 14
    assert page.get_by_role("button", name="Print or save as PDF").is_visible()
    assert errors == []


def test_no_request_leaves_the_site(browser: Any, site_url: str) -> None:
    ctx = browser.new_context()
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    for path in ("", "papers/fedrd/", "cv/"):
        page = ctx.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        page.close()
    assert requests and all(u.startswith(site_url) or u.startswith("data:") for u in requests)
    ctx.close()


def _overlay_title(context: Any, site: Path) -> str:
    """The heading of the error overlay of ``site`` served now (its records are broken)."""
    ready: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=live.serve, args=(site, "127.0.0.1", 0), kwargs={"ready": ready.put, "stop": stop}
    )
    thread.start()
    try:
        page, _ = open_page(context, ready.get(timeout=60))
        overlay = page.locator("#authorsite-error")
        overlay.locator("pre", has_text="citaions").wait_for(timeout=30_000)
        return str(overlay.locator("h2").inner_text())
    finally:
        stop.set()
        thread.join(timeout=60)


def test_the_serve_overlay_says_whether_a_last_good_build_is_underneath(
    context: Any, tmp_path: Path
) -> None:
    """Started on a broken record there is none, unless a last serve of the site left one."""
    site = tmp_path / "site"
    generate(site, papers=2, authors=1, seed=9)
    paper = sorted((site / "content" / "papers").glob("*.md"))[0]
    original = paper.read_text()
    paper.write_text(original.replace("citations:", "citaions:", 1))
    none = "The site does not build yet: nothing to show until it does."
    assert _overlay_title(context, site) == none
    paper.write_text(original)
    session = live.Session(site)  # a serve that builds it, and keeps its preview
    assert session.rebuild()
    session.close()
    paper.write_text(original.replace("citations:", "citaions:", 1))
    last = "The last change did not build; showing the last good build."
    assert _overlay_title(context, site) == last


def ada_site(make_site: Any, out: Path, papers: dict[str, str], site: str = "") -> Path:
    """``out``, the built site of Ada's papers: slug -> front matter lines (a title among
    them), each dated 2024; ``site``: lines for site.yaml."""
    files: dict[str, str | bytes] = {
        "site.yaml": f"title: Ada\nmain_author: ada\nbuild_date: 2026-11-28\n{site}",
        "content/authors/ada.yaml": "name: Ada Lovelace\n",
    }
    for slug, lines in papers.items():
        files[f"content/papers/{slug}.md"] = (
            f"---\n{lines}\nauthors: [Ada Lovelace]\ndate: 2024\n---\nText.\n"
        )
    build(make_site(files), out)
    return out


def test_the_finder_folds_letters_as_the_build_does(
    context: Any, make_site: Any, tmp_path: Path
) -> None:
    """`Ørsted` is among the O's and `Straße` is `strasse`, as the build orders and matches
    them (ø, ł, æ, ß spelled as in ASCII): the script put `Ørsted` after `Zeta`, so the page
    a `paper_sort: title` build wrote in title order reordered itself as it loaded, and
    `orsted` or `strasse` found nothing."""
    titles = {"z": "Zeta functions", "o": "Ørsted's law", "s": "Die Straße", "a": "Alpha rays"}
    papers = {slug: f'title: "{title}"' for slug, title in titles.items()}
    out = ada_site(make_site, tmp_path / "out", papers, "paper_sort: title\n")
    order = ["Alpha rays", "Die Straße", "Ørsted's law", "Zeta functions"]
    with serve(out) as url:
        page, errors = open_page(context, url)
        page.locator("#finder-status").wait_for()
        assert visible_titles(page) == order
        for query, found in (("orsted", "Ørsted's law"), ("STRASSE", "Die Straße")):
            page, _ = open_page(context, f"{url}?q={query}")
            page.locator("#finder-status").wait_for()
            assert visible_titles(page) == [found], query
    assert not errors


def test_the_finder_orders_cherokee_and_old_cyrillic_titles_as_the_build_does(
    context: Any, make_site: Any, tmp_path: Path
) -> None:
    """Casefolding, by which the build orders titles, is no lowercasing for Cherokee (it
    folds to the capitals, U+13A0…) or old Cyrillic letter variants (`ᲂ` folds to `о`):
    the script lowercased them (to U+AB70…), and put a Cherokee title after a Japanese
    one and `ᲂ` after `п`, reordering the page the build wrote in title order; and the
    search, which lowercases, found no `ᲂ` for an `о`."""
    titles = {
        "ja": "あさひ",
        "chr-small": "ꭰꮒ ᏣᎳᎩ",  # small letters: folded to the capitals, as the next
        "chr": "Ꭱ ᏣᎳᎩ",
        "cyr-narrow": "ᲂбраз",  # narrow o: an о, before п
        "cyr": "пример",
        "latin": "Zeta",
    }
    papers = {slug: f'title: "{title}"' for slug, title in titles.items()}
    out = ada_site(make_site, tmp_path / "out", papers, "paper_sort: title\n")
    order = ["Zeta", "ᲂбраз", "пример", "ꭰꮒ ᏣᎳᎩ", "Ꭱ ᏣᎳᎩ", "あさひ"]
    with serve(out) as url:
        page, errors = open_page(context, url)
        page.locator("#finder-status").wait_for()
        assert visible_titles(page) == order
        page.select_option("select[name=sort]", "date")
        page.select_option("select[name=sort]", "title")
        assert visible_titles(page) == order
        # The search reads them as the order does: `образ` (as typed on a keyboard) finds
        # the title spelled with the narrow `ᲂ`, which it did not.
        for query, found in (("образ", ["ᲂбраз"]), ("ꮳꮃꭹ", ["ꭰꮒ ᏣᎳᎩ", "Ꭱ ᏣᎳᎩ"])):
            page, _ = open_page(context, f"{url}?q={query}&sort=title")
            page.locator("#finder-status").wait_for()
            assert visible_titles(page) == found, query
    assert not errors


def test_a_tag_or_category_menu_entry_finds_each_spelling_it_stands_for(
    context: Any, make_site: Any, tmp_path: Path
) -> None:
    """The menus list `RL` and `rl` once (the first spelling), as they do `cs.LG` and
    `CS.lg`: choosing the entry found only the papers of that very spelling, and hid the
    others it stands for."""
    papers = {
        "a": "title: Paper a\ncategory: cs.LG\ntags: [RL]",
        "b": "title: Paper b\ncategory: CS.lg\ntags: [rl]",
        "c": "title: Paper c\ncategory: cs.AI\ntags: [safety]",
    }
    out = ada_site(make_site, tmp_path / "out", papers)
    with serve(out) as url:
        for query in ("tag=RL", "category=cs.LG"):
            page, errors = open_page(context, f"{url}?{query}")
            page.locator("#finder-status").wait_for()
            assert sorted(visible_titles(page)) == ["Paper a", "Paper b"], query
            assert not errors


# Papers whose date, title and slug orders differ from their citation order, with ties
# of every kind: one date, a year alone beside a month of it, one title twice (the newer
# one's file name last).
TIED = {
    "zeta": ("Zeta functions", "2024", 50),
    "orsted": ("Ørsted's law", "2024", 40),
    "b-erratum": ("Erratum", "2024", 35),
    "alpha": ("alpha rays", "2024", 30),
    "a-erratum": ("Erratum", "2023-06", 25),
    "mid": ("Mid-year", "2024-05", 20),
    "beta": ("*Beta* decay", "2024", 10),
    "older": ("Aardvarks", "2023-12-01", 60),
}


def _tied_site(make_site: Any, out: Path, sort: str) -> Path:
    files: dict[str, str | bytes] = {
        "site.yaml": f"title: Ada\nmain_author: ada\nbuild_date: 2026-11-28\npaper_sort: {sort}\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n",
    }
    for slug, (title, date, citations) in TIED.items():
        files[f"content/papers/{slug}.md"] = (
            f'---\ntitle: "{title}"\nauthors: [Ada Lovelace]\ndate: {date}\n'
            f"citations: {citations}\n---\nText.\n"
        )
    build(make_site(files), out)
    return out


def _card_ids(page: Any) -> list[str]:
    return list(page.locator("article.card:visible").evaluate_all("cs => cs.map(c => c.id)"))


def test_the_finders_date_and_title_orders_are_the_builds(
    context: Any, make_site: Any, tmp_path: Path
) -> None:
    """On a page built in another order (citations), sorting by date broke ties of one date
    by that order, not by title A–Z as the build does, and by title ties of one title by
    date, not by file name: the same choice gave two orders on two sites."""
    built = {}  # each order as the build wrote it (before the script runs)
    for sort in ("date", "title", "citations"):
        html = (_tied_site(make_site, tmp_path / sort, sort) / "index.html").read_text("utf-8")
        built[sort] = re.findall(r'<article class="card" id="(paper-[^"]+)"', html)
    # The build's own orders, which the finder must give on any page
    assert built["date"] == [f"paper-{slug}" for slug in (
        "mid", "alpha", "beta", "b-erratum", "orsted", "zeta", "older", "a-erratum"
    )]  # fmt: skip
    assert built["title"] == [f"paper-{slug}" for slug in (
        "older", "alpha", "beta", "a-erratum", "b-erratum", "mid", "orsted", "zeta"
    )]  # fmt: skip
    for page_sort in ("date", "title", "citations"):
        with serve(tmp_path / page_sort) as url:
            for chosen in ("date", "title", "citations"):
                page, errors = open_page(context, f"{url}?sort={chosen}")
                page.locator("#finder-status").wait_for()
                assert _card_ids(page) == built[chosen], (page_sort, chosen)
                assert not errors


def test_the_finder_orders_numbers_in_titles_by_value_as_the_build_does(
    context: Any, make_site: Any, tmp_path: Path
) -> None:
    """`9 things` before `10 things` in the build's title order and in the finder's, with
    what folding makes of a fullwidth `１２` and a ligature, and what lies beyond the
    letters (an emoji after a private-use character, by code point, as the build orders)."""
    titles = {
        "ten": "10 things", "nine": "9 things", "hundred": "100 things", "wide": "１２ things",
        "gpt10": "GPT-10 report", "gpt9": "GPT-9 report", "zero": "007 agents",
        "fine": "ﬁne-tuning 2 models", "final": "Fine-tuning 10 models",
        "emoji": "\U0001f600 survey", "private": "\ue000 mark", "alpha": "Alpha",
    }  # fmt: skip
    papers = {slug: f'title: "{title}"' for slug, title in titles.items()}
    order = [
        *("paper-zero", "paper-nine", "paper-ten", "paper-wide", "paper-hundred"),
        *("paper-alpha", "paper-fine", "paper-final", "paper-gpt9", "paper-gpt10"),
        *("paper-private", "paper-emoji"),
    ]
    for sort in ("date", "title"):  # one date: the date order is the title order too
        out = ada_site(make_site, tmp_path / sort, papers, f"paper_sort: {sort}\n")
        html = (out / "index.html").read_text(encoding="utf-8")
        assert re.findall(r'<article class="card" id="(paper-[^"]+)"', html) == order, sort
        with serve(out) as url:
            for chosen in ("", "?sort=title", "?sort=date", "?sort=citations"):
                page, errors = open_page(context, url + chosen)
                page.locator("#finder-status").wait_for()
                assert _card_ids(page) == order, (sort, chosen)
                assert not errors


def test_the_finders_title_order_folds_marks_as_the_build_does(
    context: Any, make_site: Any, tmp_path: Path
) -> None:
    """The build folds away every combining mark (a Devanagari virama, a Thai tone mark)
    and keeps the tatweel, a letter; the script dropped its own list of accents and
    Arabic and Hebrew vowel marks, the tatweel among them: `क्क` (with a virama) after
    `कख`, and `كتـاب` before `كتب`, where the build had them the other way round, so a
    page built A–Z by title reordered itself as it loaded."""
    titles = {
        "ka": "कख", "kka": "क्क", "kitab": "كتـاب", "kutub": "كتب",
        "thai-a": "กข", "thai-b": "ก่ก",
    }  # fmt: skip
    papers = {slug: f'title: "{title}"' for slug, title in titles.items()}
    out = ada_site(make_site, tmp_path / "out", papers, "paper_sort: title\n")
    html = (out / "index.html").read_text(encoding="utf-8")
    order = re.findall(r'<article class="card" id="(paper-[^"]+)"', html)
    # the build's: marks gone (`कक` before `कख`, `กก` before `กข`), the tatweel a letter
    assert order == [
        *("paper-kutub", "paper-kitab", "paper-kka", "paper-ka", "paper-thai-b"),
        "paper-thai-a",
    ]
    with serve(out) as url:
        for chosen in ("", "?sort=title", "?sort=date"):
            page, errors = open_page(context, url + chosen)
            page.locator("#finder-status").wait_for()
            assert _card_ids(page) == order, chosen
            assert not errors
