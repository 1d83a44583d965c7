"""A theme of one's own, made as one coming from Jekyll or Hugo makes it: partials,
a copy of the default theme, its head changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import MINIMAL_AUTHOR, REPO

SITE = "title: Test\nbuild_date: 2026-11-28\nmain_author: ada\n"

EVIL_PAPER = """\
---
title: "Evil <img src=x onerror=alert(1)>"
authors: [Ada Lovelace]
date: 2024-05-01
---
An abstract.
"""

Built = Callable[[dict[str, str | bytes]], tuple[Path, int, str]]


@pytest.fixture
def built(
    make_site: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Built:
    """A site of the given files, and `authorsite build`'s exit status and stderr."""

    def build(files: dict[str, str | bytes]) -> tuple[Path, int, str]:
        site = make_site(files)
        monkeypatch.chdir(site)
        code = main(["build"])
        err = capsys.readouterr().err
        assert "Traceback" not in err
        return site, code, err

    return build


def test_a_txt_partial_an_html_page_includes_escapes_the_records_text(built: Built) -> None:
    """Jinja chooses autoescaping by the template's name: with every `.txt` unescaped (for
    robots.txt), a `_note.txt` partial that paper.html includes showed a title's `<img
    onerror=…>` as live HTML in the paper's page."""
    site, code, err = built(
        {
            "site.yaml": SITE.replace("Test", "Q&A Lab"),
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": EVIL_PAPER,
            "templates/robots.txt": "# {{ site.title }}\nUser-agent: *\n",
            "templates/_note.txt": "Cite: {{ paper.title }}\n",
            "templates/paper.html": '{% extends "theme/paper.html" %}\n'
            '{% block title %}{% include "_note.txt" %}{% endblock %}\n',
        }
    )
    assert code == 0, err
    page = (site / "output/papers/one/index.html").read_text(encoding="utf-8")
    assert "<img" not in page
    assert "Cite: Evil &lt;img src=x onerror=alert(1)&gt;" in page
    # robots.txt, the plain-text page, still holds its values as they are
    robots = (site / "output/robots.txt").read_text(encoding="utf-8")
    assert robots.startswith("# Q&A Lab\n")


def test_a_template_saved_with_a_byte_order_mark_and_crlf_publishes_neither(
    built: Built,
) -> None:
    """Notepad's "UTF-8 with BOM": the partial's U+FEFF was published in the middle of
    every page's body (an invisible character, and a stray one before `<!doctype html>`
    of a base.html saved so); Windows line ends are read as line ends."""
    site, code, err = built(
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "templates/_foot.html": '\ufeff<p class="foot">\r\n{{ site.title }}\r\n</p>\r\n',
            "templates/profile.html": '\ufeff{% extends "theme/profile.html" %}\r\n'
            '{% block main %}{{ super() }}{% include "_foot.html" %}{% endblock %}\r\n',
        }
    )
    assert code == 0, err
    page = (site / "output/index.html").read_bytes()
    assert b'<p class="foot">\nTest\n</p>\n' in page
    assert "\ufeff".encode() not in page and b"\r" not in page


def test_a_theme_folder_named_with_a_blank_is_said_with_the_name_to_write(
    built: Built,
) -> None:
    """`themes/My Theme/` and `theme: My Theme`: the build said "`theme` must be the name
    of a folder in themes/", which it was, and not what to rename it to."""
    _, code, err = built(
        {
            "site.yaml": SITE + "theme: My Theme\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "themes/My Theme/templates/base.html": "x",
        }
    )
    assert code == 1
    assert err.startswith(
        "site.yaml:4: a theme's name is letters, digits, `-` and `_`, not 'My Theme': "
        "rename the folder themes/My Theme/ to themes/My-Theme/ and write `theme: My-Theme`\n"
    )


def test_a_font_from_another_host_in_the_themes_head_is_warned_of_at_its_line(
    built: Built,
) -> None:
    """A Google Font linked from base.html's head was published without a word, though
    no page is to load anything from another host (a record's photo there is refused);
    links that load nothing (`canonical`, a link in `<a>`) and a commented-out line are
    not said."""
    base = (REPO / "themes/default/templates/base.html").read_text(encoding="utf-8")
    head = (
        '<link rel="preconnect" href="https://fonts.googleapis.com">\n'
        "<link href='https://fonts.googleapis.com/css2?family=Inter' rel=stylesheet>\n"
        '<link rel="me" href="https://mastodon.social/@ada">\n'
        '{# <script src="https://cdn.example/x.js"></script> #}\n'
    )
    site, code, err = built(
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "templates/base.html": base.replace("{% block head %}", head + "{% block head %}"),
            "templates/_card.html": '<p><a href="https://example.org/">x</a></p>\n'
            '<img src="//cdn.example.org/logo.png" alt="">\n',
        }
    )
    assert code == 0, err
    line = base[: base.index("{% block head %}")].count("\n") + 1
    assert err.splitlines() == [
        "templates/_card.html:2: every page that uses _card.html loads "
        "//cdn.example.org/logo.png from another host, a request from every visitor's "
        "browser to cdn.example.org, which learns who reads the page and when; put the "
        "file in static/ and load it from {{ root }}static/, or remove the line",
        f"templates/base.html:{line}: every page connects to https://fonts.googleapis.com, "
        "a request from every visitor's browser to fonts.googleapis.com, which learns who "
        "reads the page and when; remove the line",
        f"templates/base.html:{line + 1}: every page loads "
        "https://fonts.googleapis.com/css2?family=Inter from another host, a request from "
        "every visitor's browser to fonts.googleapis.com, which learns who reads the page "
        "and when; put the file in static/ and load it from {{ root }}static/, or remove "
        "the line",
    ]
    assert (site / "output/index.html").is_file()  # a warning: the build goes on


@pytest.mark.parametrize(
    ("line", "said"),
    [
        # Jinja read it as the field `html` of a variable `footer`: "'footer' is
        # undefined; did you mean 'root'?" of every page
        (
            "{% include footer.html %}",
            "`{% include footer.html %}` names the file without quotes, as Jekyll does; "
            'Jinja writes `{% include "footer.html" %}`',
        ),
        # No filter was named at all, nor a tag meant
        (
            "{{ site.title | upcase }}",
            "No filter named 'upcase' (Liquid's, as Jekyll has it); Jinja's is `upper`",
        ),
        (
            '<a href="{{ "static/cv.pdf" | relative_url }}">CV</a>',
            "No filter named 'relative_url' (Liquid's, as Jekyll has it); here, a link to "
            "the site's own file is `{{ root }}static/x.pdf`, and a record's link "
            "`url|from_root(root)`",
        ),
        (
            "{% assign year = 2024 %}",
            "`{% assign %}` is Liquid's, no tag Jinja knows; Jinja writes `{% set name = … %}`",
        ),
        (
            "{% comment %}old footer{% endcomment %}",
            "`{% comment %}` is Liquid's, no tag Jinja knows; a comment is `{# … #}`",
        ),
        # Hugo's (Go's template language): Jinja said "unexpected '.'", that a string
        # "follows a whole expression", or "'type object' has no attribute 'Pages'"
        (
            "{{ .Site.Title }}",
            "`{{ .Site.Title }}` is Hugo's (Go's template language); Jinja names a value "
            "without the dot or `$`, as this page's variables are named: Hugo's "
            "`.Site.Title` is `site.title`, a page's `.Title` `paper.title` or `page.title`",
        ),
        (
            '{{ partial "social.html" . }}',
            "`{{ partial \"social.html\" . }}` is Hugo's (Go's template language); Jinja "
            'writes `{% include "social.html" %}`',
        ),
        (
            "{{ range .Pages }}<li>x</li>{{ end }}",
            "`{{ range .Pages }}` is Hugo's (Go's template language); Jinja writes "
            "`{% for x in … %}…{% endfor %}`",
        ),
    ],
)
def test_a_partial_written_as_jekyll_or_hugo_writes_it_is_said_with_jinjas_form(
    built: Built, line: str, said: str
) -> None:
    """A theme ported from Jekyll or Hugo keeps Liquid's or Go's template words; each is
    named with Jinja's."""
    _, code, err = built(
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "templates/_footer.html": f"<footer>\n{line}\n</footer>\n",
            "templates/profile.html": '{% extends "theme/profile.html" %}\n'
            '{% block main %}{{ super() }}{% include "_footer.html" %}{% endblock %}\n',
        }
    )
    assert code == 1
    assert err.splitlines()[0].removesuffix(" (rendering index.html)") == (
        f"templates/_footer.html:2: {said}"
    )


def test_site_papers_on_a_page_of_ones_own_says_where_the_papers_are(built: Built) -> None:
    """Jekyll's `site.posts` is what a Jekyll user reaches for: `site.papers` was said
    with "did you mean 'paper_sort'?", a setting, not the papers."""
    _, code, err = built(
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/pages/pubs.md": "---\ntitle: Publications\n---\nAll of them.\n",
            "templates/page-pubs.html": '{% extends "page.html" %}\n{% block main %}\n'
            "{% for p in site.papers %}{{ p.title }}{% endfor %}\n{% endblock %}\n",
        }
    )
    assert code == 1
    assert err.splitlines()[0] == (
        "templates/page-pubs.html:3: site has no field 'papers': `site` holds site.yaml's "
        "settings; the papers are given to the pages that show them: `profile.papers` in "
        "profile.html and cv.html, `paper` in paper.html, `recent` in feed.xml (a page of "
        "content/pages/ gets its `page` only: link to a profile, `{{ root }}authors/<slug>/`, "
        "for the list) (rendering pubs/index.html)"
    )


def test_check_names_the_line_and_the_template_of_a_feed_that_does_not_parse(
    built: Built, capsys: pytest.CaptureFixture[str]
) -> None:
    """An override of feed.xml or sitemap.xml that leaves an element open: `check` said
    `feed.xml: feed does not parse: <unknown>:21:0: no element found`, at no line and
    with nothing to mend."""
    default = REPO / "themes/default/templates"
    feed = (default / "feed.xml").read_text(encoding="utf-8")
    sitemap = (default / "sitemap.xml").read_text(encoding="utf-8")
    site, code, err = built(
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "templates/feed.xml": feed.replace("</feed>", ""),
            "templates/sitemap.xml": sitemap.replace("</urlset>", ""),
        }
    )
    assert code == 0, err
    assert main(["check", "--built"]) == 1
    said = [line for line in capsys.readouterr().err.splitlines() if "parse" in line]
    fix = (
        "template (the site's templates/ or its theme's): make that write well-formed XML "
        "(every element it opens closed, `&` written `&amp;`)"
    )
    lines = (site / "output/feed.xml").read_text(encoding="utf-8").count("\n")
    assert said == [
        f"authors/ada/feed.xml:{lines + 1}: feed does not parse: no element found; it is "
        f"written by the feed.xml {fix}",
        f"feed.xml:{lines + 1}: feed does not parse: no element found; it is written by the "
        f"feed.xml {fix}",
        f"sitemap.xml:{(site / 'output/sitemap.xml').read_text(encoding='utf-8').count(chr(10)) + 1}: does "
        f"not parse: no element found; it is written by the sitemap.xml {fix}",
    ]


def test_tojson_in_a_double_quoted_attribute_is_refused_at_its_line(built: Built) -> None:
    """`tojson` escapes `<`, `>`, `&` and `'` but not JSON's `"`: in `data-t="…"` a title
    `x onmouseover=alert(1) y` came out as `data-t=""x onmouseover=alert(1) y""`, a live
    event handler. In single quotes, as Jinja's documentation writes it, it is safe."""
    files: dict[str, str | bytes] = {
        "site.yaml": SITE,
        "content/authors/ada.yaml": MINIMAL_AUTHOR,
        "content/papers/one.md": EVIL_PAPER.replace(
            "Evil <img src=x onerror=alert(1)>", "x onmouseover=alert(1) y"
        ),
        "templates/paper.html": '{% extends "theme/paper.html" %}\n{% block meta %}\n'
        '<meta name="x" data-t="{{ paper.title|tojson }}">\n{% endblock %}\n',
    }
    _, code, err = built(files)
    assert code == 1
    assert err.splitlines()[0] == (
        "templates/paper.html:3: `|tojson` in an attribute written in double quotes (or "
        "none): its JSON's `\"` ends the attribute, and a record's text after it would be "
        "HTML of the page's (an `onmouseover=`); write the attribute in single quotes: "
        "data-x='{{ …|tojson }}'"
    )
    files["templates/paper.html"] = str(files["templates/paper.html"]).replace(
        'data-t="{{ paper.title|tojson }}"', "data-t='{{ paper.title|tojson }}'"
    )
    site, code, err = built(files)
    assert code == 0, err
    page = (site / "output/papers/one/index.html").read_text(encoding="utf-8")
    assert '<meta name="x" data-t=\'"x onmouseover=alert(1) y"\'>' in page
