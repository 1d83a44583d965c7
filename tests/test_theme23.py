"""A theme whose fonts and images come from another host by CSS or `srcset`: warned of,
as a `<link>` to a font's CDN is, since no page is to load anything from another host."""

from __future__ import annotations

from tests import test_theme22
from tests.conftest import MINIMAL_AUTHOR, REPO
from tests.test_theme22 import Built

built = test_theme22.built  # the fixture: a site's build, its exit status and stderr

SITE = "title: Test\nbuild_date: 2026-11-28\nmain_author: ada\n"
WHO = "a request from every visitor's browser to"


def test_a_style_sheet_importing_a_font_from_another_host_is_warned_of_at_its_line(
    built: Built,
) -> None:
    """The most common way a theme loads Google Fonts is the first line of its style
    sheet, `@import url(…)`; it was published without a word. A commented-out import, a
    `data:` address and a file of static/ load nothing from another host."""
    css = (REPO / "themes/default/static/style.css").read_text(encoding="utf-8")
    mine = (
        "/* @import url('https://fonts.example.com/old.css'); */\n"
        "@import url('https://fonts.googleapis.com/css2?family=Inter');\n"
        "body { background: url(data:image/png;base64,AAAA) }\n"
        'h1 { background: url("../static/logo.png") }\n'
        '@font-face { font-family: X; src: url(//cdn.example.org/x.woff2) format("woff2") }\n'
    )
    site, code, err = built(
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "static/style.css": mine + css,
        }
    )
    assert code == 0, err
    assert err.splitlines() == [
        "static/style.css:2: the style sheet loads https://fonts.googleapis.com/css2?"
        f"family=Inter from another host, {WHO} fonts.googleapis.com, which learns who "
        "reads the page and when; put the file in static/ and load it by an address "
        "relative to the style sheet (url(fonts/x.woff2)), or remove the line",
        "static/style.css:5: the style sheet loads //cdn.example.org/x.woff2 from another "
        f"host, {WHO} cdn.example.org, which learns who reads the page and when; put the "
        "file in static/ and load it by an address relative to the style sheet "
        "(url(fonts/x.woff2)), or remove the line",
    ]
    assert (site / "output/index.html").is_file()  # a warning: the build goes on


def test_srcset_and_inline_css_from_another_host_in_a_template_are_warned_of(
    built: Built,
) -> None:
    """`<img srcset>` candidates, a video's poster and a `<style>` block's `@import`
    fetch as `src` does; the `src` of the same tag on this site is no request elsewhere."""
    _site, code, err = built(
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "templates/_card.html": (
                '<img src="{{ root }}static/a.png" srcset="{{ root }}static/a.png 1x,'
                ' https://img.example.net/a@2x.png 2x" alt="">\n'
                '<style>@import "https://cdn.example.com/theme.css";</style>\n'
                '<video poster="//media.example.org/p.jpg"></video>\n'
                '<img data-src="{{ root }}static/b.png" src="https://cdn.example.org/b.png" '
                'alt="">\n'
            ),
        }
    )
    assert code == 0, err
    said = [line.split(", a request")[0] for line in err.splitlines()]
    assert said == [
        "templates/_card.html:1: every page that uses _card.html loads "
        "https://img.example.net/a@2x.png from another host",
        "templates/_card.html:2: every page that uses _card.html loads "
        "https://cdn.example.com/theme.css from another host",
        "templates/_card.html:3: every page that uses _card.html loads "
        "//media.example.org/p.jpg from another host",
        # a lazy-loading script's `data-src` did not hide the `src` that the browser loads
        "templates/_card.html:4: every page that uses _card.html loads "
        "https://cdn.example.org/b.png from another host",
    ]


def test_the_default_themes_style_sheet_loads_nothing_from_another_host(
    built: Built,
) -> None:
    _site, code, err = built({"site.yaml": SITE, "content/authors/ada.yaml": MINIMAL_AUTHOR})
    assert code == 0 and err == ""
