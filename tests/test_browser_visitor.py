"""The sample site as its visitors meet it: pointer targets, the finder's search on a small
screen, zoom, the keyboard. Runs Debian's Chromium through Playwright, as
tests/test_browser.py does (always in CI=true)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import sample_built_and_served, serve
from tests.conftest import MINIMAL_AUTHOR, MINIMAL_PAPER, write_files

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory, sample_source: Path) -> Iterator[str]:
    yield from sample_built_and_served(sample_source, tmp_path_factory.mktemp("visitor") / "out")


# Every link and button of the top bar and of the cards (and the paper page's), as the
# pointer meets it: each box the browser draws for it (a link over two lines is two).
SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
    '.topbar a, .topbar button, article.card a, article.card button, .paper a, .paper button'))
  .filter(el => el.getClientRects().length)
  .flatMap(el => {
    const whole = el.getBoundingClientRect();
    const boxes = Array.from(el.getClientRects());
    return boxes.some(r => r.height < 24) || whole.width < 24
      ? [[el.textContent.trim().slice(0, 30), Math.round(whole.width), Math.round(whole.height)]]
      : [];
  })"""


# The focused link's words, address, size and whether all of it is in the window
FOCUSED_LINK = (
    "(() => { const e = document.activeElement, r = e.getBoundingClientRect();"
    " return [e.textContent.trim(), e.getAttribute('href'), r.width, r.height,"
    " r.top >= 0 && r.bottom <= innerHeight]; })()"
)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["", "papers/align-anything/"])
def test_every_link_and_button_is_a_target_of_24_px(
    browser: Any, site_url: str, width: int, path: str
) -> None:
    """WCAG 2.2's target size (2.5.8, AA): 24 by 24 CSS px at least.

    Before, the top bar's "CV" was 22 px wide, a card's "Code" badge 23 px high, a link in
    an abstract 18 px and a title's 21 px high (the letters' box), the paper page's way
    back to the profile 16 px.
    """
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.goto(site_url + path)
    # Shown ("Show more", the theme button) and all cards laid out, not estimated.
    page.evaluate(
        "document.querySelectorAll('.paper-list > .card')"
        ".forEach(c => c.style.contentVisibility = 'visible')"
    )
    assert page.locator(".topbar a").count() >= 3
    assert page.evaluate(SMALL_TARGETS) == []
    ctx.close()


CLIPPED = "el => el.scrollHeight > el.clientHeight + 1"


def test_searching_shows_whole_the_matching_abstracts_the_reader_reaches(
    browser: Any, site_url: str
) -> None:
    """While searching, a matching abstract is shown whole where the reader sees it: those on
    the screen at once, the others as scrolling brings them there.

    Before, the first word typed unfolded every matching abstract of the page at once:
    100-250 ms of style and layout for a profile of 730 papers, mostly for cards far
    below the screen. Now those stay folded until they come near.
    """
    ctx = browser.new_context(viewport={"width": 390, "height": 400})
    page = ctx.new_page()
    page.goto(site_url)
    box = page.get_by_label("Search papers")
    box.fill("model")
    box.press("Enter")
    page.wait_for_function("location.search === '?q=model'")
    matching = page.locator("article.card:visible:has(.abstract.long)")
    assert matching.count() >= 10
    first, last = matching.first.locator(".abstract"), matching.last.locator(".abstract")
    assert not first.evaluate(CLIPPED)
    assert not matching.first.locator("button.more").is_visible()
    # Far below the screen, not unfolded yet: no style or layout spent on it.
    assert last.evaluate(CLIPPED)
    # Scrolled to, it is whole, as every matching abstract on the way.
    for i in range(matching.count()):
        card = matching.nth(i)
        card.evaluate("el => el.scrollIntoView()")
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        assert not card.locator(".abstract").evaluate(CLIPPED), card.get_attribute("id")
        assert not card.locator("button.more").is_visible()
    # The search cleared, each is folded again under its "Show more".
    box.fill("")
    box.press("Enter")
    page.wait_for_function("location.search === ''")
    assert last.evaluate(CLIPPED)
    assert matching.last.locator("button.more").is_visible()
    assert page.locator(".abstract.long").evaluate_all(f"boxes => boxes.every({CLIPPED})")
    ctx.close()


def test_a_new_order_while_searching_shows_whole_the_abstracts_it_brings_on_screen(
    browser: Any, site_url: str
) -> None:
    """Sorting the found papers anew brings other cards to the top: theirs are whole too.

    Before, the abstracts to unfold were chosen where the cards stood before the new order
    moved them: the cards it brought on the screen stayed folded.
    """
    ctx = browser.new_context(viewport={"width": 390, "height": 400})
    page = ctx.new_page()
    page.goto(site_url + "?q=model")
    # The list's top at the window's top, the date's order whole there; then the menu
    # changed without moving the page (choosing by hand scrolls up to it).
    page.locator("#papers").evaluate("el => el.scrollIntoView()")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.evaluate(
        "(() => { const menu = document.getElementById('find-sort'); menu.value = 'title';"
        " menu.dispatchEvent(new Event('change', {bubbles: true})); })()"
    )
    page.wait_for_function("location.search === '?q=model&sort=title'")
    on_screen = page.locator("article.card:visible:has(.abstract.long)").evaluate_all(
        "cards => cards.filter(c => { const r = c.getBoundingClientRect();"
        " return r.bottom > 0 && r.top < innerHeight; })"
        f".map(c => [c.id, ({CLIPPED})(c.querySelector('.abstract'))])"
    )
    assert on_screen and all(not clipped for _, clipped in on_screen), on_screen
    ctx.close()


def test_every_tab_stop_of_the_profile_is_on_the_screen_with_its_focus_ring(
    browser: Any, site_url: str
) -> None:
    """Tab through the whole profile: each stop and its ring (3 px, 2 px outside) in view.

    Before, a folded abstract's link unfolded it, and the next Tab reached its "Show less"
    at the window's bottom edge, flush: the browser scrolls a stop only just into view,
    and the ring below it was cut off.
    """
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(site_url)
    seen = []
    for _ in range(200):
        page.keyboard.press("Tab")
        where = page.evaluate(
            "(() => { const e = document.activeElement; if (e === document.body) return null;"
            " const r = e.getBoundingClientRect();"
            " return [e.outerHTML.slice(0, 60), r.top, r.bottom, r.left, r.right,"
            " innerWidth, innerHeight, getComputedStyle(e).outlineStyle]; })()"
        )
        if where is None or where[0] in seen[:1]:
            break
        seen.append(where[0])
        html, top, bottom, left, right, width, height, outline = where
        ring = 5
        assert outline != "none", html
        assert top >= ring and bottom + ring <= height, where
        assert left >= ring and right + ring <= width, where
    assert len(seen) > 40  # the top bar, the finder, every card's links and buttons
    ctx.close()


PAGES = ["", "papers/align-anything/", "cv/", "authors/", "404.html"]


@pytest.mark.parametrize("zoom", [2, 4])
def test_zoomed_to_400_percent_no_page_scrolls_sideways(
    browser: Any, site_url: str, zoom: int
) -> None:
    """WCAG's reflow (1.4.10): at 400 % a 1280 px window is 320 CSS px wide; every kind of
    page fits it, the top bar, the finder, the cards, the facts and BibTeX of a paper."""
    ctx = browser.new_context(viewport={"width": 1280 // zoom, "height": 1024 // zoom})
    page = ctx.new_page()
    for path in PAGES:
        page.goto(site_url + path)
        wide = page.evaluate(
            "Array.from(document.querySelectorAll('body *'))"
            ".filter(e => e.getBoundingClientRect().right > innerWidth + 1)"
            ".map(e => e.outerHTML.slice(0, 80))"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280 // zoom, wide
    ctx.close()


def test_a_printed_paper_page_gives_the_address_of_each_link(browser: Any, site_url: str) -> None:
    """A printout's reader cannot follow "Code": the address is printed after it."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(site_url + "papers/align-anything/")
    page.emulate_media(media="print")
    code = page.locator(".paper .links a", has_text="Code")
    href = code.get_attribute("href")
    assert href == "https://github.com/PKU-Alignment/align-anything"
    after = code.evaluate("a => getComputedStyle(a, '::after').content")
    assert href in after
    # On the screen, the name alone.
    page.emulate_media(media="screen")
    assert code.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    ctx.close()


def test_while_searching_no_found_card_offers_show_more_to_a_screen_reader(
    browser: Any, site_url: str
) -> None:
    """While searching, every found abstract is read whole, and no card's button says
    "Show more", also where the card is far below the screen and not unfolded yet.

    Before, a screen reader (which reads a folded abstract whole: the fold only clips it)
    met the found cards near the screen with no button and the far ones with "Show more,
    collapsed", for text it had just read and that scrolling there shows whole.
    """
    ctx = browser.new_context(viewport={"width": 390, "height": 400})
    page = ctx.new_page()
    page.goto(site_url + "?q=model")
    page.wait_for_function("document.getElementById('finder-status').textContent !== ''")
    matching = page.locator("article.card:visible:has(.abstract.long)")
    assert matching.count() >= 10
    # Far below the screen, not unfolded yet (no style or layout spent on it) ...
    assert matching.last.locator(".abstract").evaluate(CLIPPED)
    # ... and yet no "Show more" in what a screen reader reads of the list.
    heard = page.locator("#papers").aria_snapshot()
    assert "Show more" not in heard
    # (an article's line is quoted where its name, the card's title, holds a colon)
    articles = re.findall(r"^\s*- '?article\b", heard, re.MULTILINE)
    assert len(articles) == page.locator("article.card:visible").count()
    # The search cleared, every long abstract has its button again, folded.
    box = page.get_by_label("Search papers")
    box.fill("")
    box.press("Enter")
    page.wait_for_function("location.search === ''")
    heard = page.locator("#papers").aria_snapshot()
    assert heard.count('button "Show more"') == page.locator(".abstract.long").count()
    assert page.locator("button.more[aria-expanded=false]:visible").count() == (
        page.locator(".abstract.long").count()
    )
    ctx.close()


@pytest.mark.parametrize("chosen", ["dark", "light"])
def test_a_high_contrast_themes_chart_is_drawn_in_its_text_colour(
    browser: Any, site_url: str, chosen: str
) -> None:
    """Windows' contrast themes (forced colours) set the colours of text, not an SVG's
    fills: the chart's bars, numbers and years are drawn in the contrast theme's text colour,
    whichever theme the moon button chose.

    Before, they kept the theme's colours: a white contrast theme with dark chosen showed
    the numbers in near-white on white; a black one with light chosen, near-black on black.
    """
    ctx = browser.new_context(color_scheme="light" if chosen == "dark" else "dark")
    page = ctx.new_page()
    page.emulate_media(forced_colors="active")
    page.goto(site_url)
    page.evaluate(f"document.documentElement.setAttribute('data-theme', '{chosen}')")
    text = page.evaluate("getComputedStyle(document.body).color")
    fills = page.locator(".chart-svg .bar, .chart-svg text").evaluate_all(
        "marks => marks.map(m => getComputedStyle(m).fill)"
    )
    assert len(fills) > 8
    assert set(fills) == {text}
    ctx.close()


def test_words_typed_with_an_input_method_are_searched_once_chosen(
    browser: Any, site_url: str
) -> None:
    """Chinese, Japanese and Korean are typed through an input method: the letters being
    composed (pinyin `moxing` for 模型) are not the words yet, and are not searched.

    Before, each pause while composing searched them: `mox` hid every paper, the page said
    "No paper matches", a screen reader heard "Showing 0 of 14 papers", and the address
    became ?q=mox.
    """
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(site_url)
    page.get_by_label("Search papers").click()
    ime = ctx.new_cdp_session(page)
    for letters in ("m", "mo", "mox", "moxi"):
        ime.send(
            "Input.imeSetComposition",
            {"text": letters, "selectionStart": len(letters), "selectionEnd": len(letters)},
        )
        # Longer than the pause after which typed words are searched.
        page.wait_for_timeout(400)
        assert page.locator("#finder-status").text_content() == "Showing all 14 papers"
        assert not page.locator(".finder-empty").is_visible()
        assert page.evaluate("location.search") == ""
    ime.send("Input.insertText", {"text": "model"})
    page.wait_for_function("location.search === '?q=model'")
    assert page.locator("#finder-status").text_content() == "Showing 13 of 14 papers"
    ctx.close()


# The colour a phone gives its address bar (the theme-color that applies) and the top bar's.
BARS = """() => {
  const meta = Array.from(document.querySelectorAll('meta[name="theme-color"]'))
    .find(m => matchMedia(m.media || 'all').matches);
  const probe = document.createElement('i');
  probe.style.color = meta.content;
  document.body.append(probe);
  const address = getComputedStyle(probe).color;
  probe.remove();
  return [address, getComputedStyle(document.querySelector('.topbar')).backgroundColor];
}"""


@pytest.mark.parametrize("system", ["light", "dark"])
def test_a_phones_address_bar_is_the_top_bars_colour_in_either_theme(
    browser: Any, site_url: str, system: str
) -> None:
    """The address bar over the page (theme-color) is the top bar's colour, in the system's
    theme and in the one the moon button chose, also after a reload.

    Before, it was a grey that the page did not use (#f7f7f5 over the white top bar,
    #111317 over #181b21), and a dark choice on a light phone kept a light bar above it.
    """
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, color_scheme=system
    )
    page = ctx.new_page()
    page.goto(site_url)
    address, top = page.evaluate(BARS)
    assert address == top
    page.locator(".theme-toggle").tap()
    address, chosen = page.evaluate(BARS)
    assert chosen != top
    assert address == chosen
    page.reload()
    assert page.evaluate(BARS) == [chosen, chosen]
    ctx.close()


def test_a_screen_reader_hears_what_a_score_badges_number_is(browser: Any, site_url: str) -> None:
    """A card's and a paper page's score badge reads "Paper score 96.9", in the site's
    words (the badge's title), and the words are not searched as the card's text.

    Before, a screen reader read the badge as "96.9" alone, then the category and date: a
    number with nothing to say what it counts (the title is shown to a pointer only).
    """
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(site_url)
    card = page.locator("#paper-debate-with-images")
    assert card.locator(".score").get_attribute("title") == "Paper score"
    assert "Paper score 96.9" in card.aria_snapshot()
    box = page.get_by_label("Search papers")
    box.fill('"paper score"')
    box.press("Enter")
    page.wait_for_function("location.search !== ''")
    assert page.locator(".finder-empty").is_visible()
    page.goto(site_url + "papers/debate-with-images/")
    assert "Paper score 96.9" in page.locator(".paper .meta").aria_snapshot()
    ctx.close()


def test_in_a_high_contrast_theme_buttons_look_like_buttons_and_show_when_pressed(
    browser: Any, site_url: str
) -> None:
    """A contrast theme (forced colours) draws text in its own colours: "Show more" has a
    button's border, and the moon button, pressed, the theme's selection colours.

    Before, "Show more" was one more line of the abstract's text, and the moon button
    looked the same pressed or not (its colour alone said which).
    """
    ctx = browser.new_context(color_scheme="light")
    page = ctx.new_page()
    page.emulate_media(forced_colors="active")
    page.goto(site_url)
    more = page.locator("button.more").first
    assert more.evaluate("b => getComputedStyle(b).borderTopStyle") == "solid"
    toggle = page.locator(".theme-toggle")
    look = "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]"
    unpressed = toggle.evaluate(look)
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    pressed = toggle.evaluate(look)
    assert pressed[0] != unpressed[0] and pressed[1] != unpressed[1]
    ctx.close()


def test_after_the_finder_tab_reaches_a_link_past_every_card(browser: Any, site_url: str) -> None:
    """A keyboard can pass the list of papers: on a profile of 1,811 papers, 6,600 tab
    stops (titles, badges, co-authors, "Show more") stood between the finder and the footer,
    with no way past them. The link is hidden until Tab reaches it, then shown where it is."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(site_url)
    page.focus("#find-q")
    for _ in range(20):  # through the finder's controls
        page.keyboard.press("Tab")
        if not page.evaluate("!!document.activeElement.closest('form.finder')"):
            break
    focused = page.evaluate(FOCUSED_LINK)
    assert focused[:2] == ["Skip the list of papers", "#papers-end"], focused
    assert focused[2] >= 24 and focused[3] >= 24 and focused[4], focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is after the list: the footer's feed link, not the first card's title.
    after = page.evaluate(
        "(() => { const e = document.activeElement, list = document.getElementById('papers');"
        " return [e.textContent.trim(), !!e.closest('#papers'),"
        " !!(list.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)]; })()"
    )
    assert after[1:] == [False, True], after
    assert page.locator("article.card:visible").count() == 14  # nothing hidden by the jump
    ctx.close()


def test_on_the_cv_tab_reaches_a_link_past_every_publication(browser: Any, site_url: str) -> None:
    """The CV's list is passed as the profile's is: the CV of a lab's most prolific author
    held about 5,200 tab stops (titles, co-authors' links) and no way past them. After
    the heading "Publications", Tab reaches the link, shown where it stands; Enter goes
    past the last entry."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(site_url + "cv/")
    page.focus("button.print")
    in_list = "!!document.activeElement.closest('section[aria-labelledby=\"cv-pubs\"]')"
    for _ in range(30):  # through the links of the header and the bio
        page.keyboard.press("Tab")
        if page.evaluate(in_list):
            break
    focused = page.evaluate(FOCUSED_LINK)
    assert focused[:2] == ["Skip the list of publications", "#publications-end"], focused
    assert focused[2] >= 24 and focused[3] >= 24 and focused[4], focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop follows the last entry: the footer's feed link, no entry's title.
    after = page.evaluate(
        "(() => { const e = document.activeElement, lists = document.querySelectorAll('.cv-list'),"
        " last = lists[lists.length - 1];"
        " return [e.textContent.trim(), !!e.closest('.cv-list'),"
        " !!(last.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)]; })()"
    )
    assert after[1:] == [False, True], after
    ctx.close()


def test_slash_goes_back_to_the_search_box_from_anywhere_but_a_field(
    browser: Any, site_url: str
) -> None:
    """`/` goes to the search box, as on GitHub and MDN: from the 14th card, a keyboard
    went back up through every card (or Shift+Tab 60 times). Its words are selected, so a
    new search types over them; a `/` typed in a field is text, as it was. A screen reader
    is told the key (aria-keyshortcuts, in the accessibility tree the browser builds), and
    a sighted reader sees it drawn in the empty box."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(site_url)
    hint = page.locator(".finder-key")
    assert hint.is_visible()
    page.locator("article.card").last.locator("h3 a").focus()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "find-q"
    assert page.input_value("#find-q") == ""  # the key went to the box, not into it
    assert not hint.is_visible()
    page.keyboard.type("align")
    page.wait_for_function("document.getElementById('finder-status').textContent.includes('of')")
    shown = page.locator("article.card:visible").count()
    assert 0 < shown < 14
    page.locator("article.card:visible").first.locator("h3 a").focus()
    page.keyboard.press("/")
    page.keyboard.type("debate")  # over the selected words
    assert page.input_value("#find-q") == "debate"
    page.keyboard.type("/x")  # in the box, a slash is text
    assert page.input_value("#find-q") == "debate/x"
    page.focus("#find-year")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "find-year"
    # What a screen reader reads of the box: its name and its key
    tree = ctx.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    box = [n for n in tree if n.get("name", {}).get("value") == "Search papers"]
    assert box and {"name": "keyshortcuts", "value": {"type": "string", "value": "/"}} in box[
        0
    ].get("properties", []), box
    ctx.close()


def test_a_visitor_turns_the_slash_key_off_and_the_browser_remembers(
    browser: Any, site_url: str
) -> None:
    """WCAG 2.1.4 (character key shortcuts): a single-character key must be one a visitor
    can turn off. A `/` that dictation sends outside a field moved the focus to the search
    box, with no way to stop it. The finder's switch turns it off (the key no longer drawn
    nor told to a screen reader), for every page of the site until turned on again."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(site_url)
    switch = page.get_by_label("Press / to search")
    assert switch.is_visible() and switch.is_checked()
    switch.uncheck()
    assert page.url == site_url  # a setting, no search: the address is as it was
    assert page.locator("article.card:visible").count() == 14
    assert not page.locator(".finder-key").is_visible()
    assert page.get_attribute("#find-q", "aria-keyshortcuts") is None
    page.locator("article.card").last.locator("h3 a").focus()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.closest('article') !== null")
    page.reload()  # remembered
    assert not page.get_by_label("Press / to search").is_checked()
    page.locator("article.card").last.locator("h3 a").focus()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") != "find-q"
    page.get_by_label("Press / to search").check()  # and on again
    page.locator("article.card").last.locator("h3 a").focus()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "find-q"
    assert page.get_attribute("#find-q", "aria-keyshortcuts") == "/"
    ctx.close()


def test_a_site_turns_the_slash_key_off_in_site_yaml(browser: Any, tmp_path: Path) -> None:
    """`search_shortcut: false`: no `/` key at all on the site's profiles (for an owner
    whose readers dictate), and nothing on the page that offers one."""
    from generator.build import build

    site = write_files(
        tmp_path / "site",
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n"
            "search_shortcut: false\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": MINIMAL_PAPER,
            "content/papers/two.md": MINIMAL_PAPER.replace("A Paper", "Another"),
        },
    )
    build(site, site / "output")
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    with serve(site / "output") as url:
        page.goto(url)
        assert page.locator("#find-q").is_visible()  # the search itself is there
        assert page.locator(".finder-key, #find-key").count() == 0
        assert page.get_attribute("#find-q", "aria-keyshortcuts") is None
        page.locator("article.card").last.locator("h3 a").focus()
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") != "find-q"
    ctx.close()
