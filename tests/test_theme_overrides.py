"""A site customising its look: templates that build on the theme's, own themes, icons."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import MINIMAL_AUTHOR, MINIMAL_PAPER, REPO

SITE = "title: Test\nbuild_date: 2026-11-28\nmain_author: ada\n"


Built = Callable[[dict[str, str]], tuple[Path, str]]


@pytest.fixture
def built(
    make_site: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Built:
    """A site of the given files, and what `authorsite build` run in its folder (as a user
    runs it) says on stderr."""

    def build(files: dict[str, str]) -> tuple[Path, str]:
        site = make_site(files)
        monkeypatch.chdir(site)
        code = main(["build"])
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert code == (0 if not err else 1), err
        return site, err

    return build


def test_an_override_builds_on_the_themes_template_of_the_same_name(
    built: Built,
) -> None:
    """`{% extends "theme/paper.html" %}` changes one block and keeps the theme's rest;
    without it the only way to change a paper page's title was to copy the whole file."""
    site, err = built(
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": MINIMAL_PAPER,
            "templates/paper.html": '{% extends "theme/paper.html" %}\n'
            "{% block title %}Paper: {{ super() }}{% endblock %}\n",
        }
    )
    assert err == ""
    page = (site / "output/papers/one/index.html").read_text(encoding="utf-8")
    assert "<title>Paper: A Paper · Test</title>" in page
    assert '<dl class="facts">' in page  # the theme's page, around the changed block


def test_a_template_extending_its_own_name_says_how_to_build_on_the_themes(
    built: Built,
) -> None:
    """`{% extends "paper.html" %}` in templates/paper.html extends itself: it was
    `maximum recursion depth exceeded in comparison`, with no word of the way out."""
    site, err = built(
        {
            "content/papers/one.md": MINIMAL_PAPER,
            "templates/paper.html": "{# my paper page #}\n"
            "{%- extends 'paper.html' -%}\n{% block title %}Mine{% endblock %}\n",
        }
    )
    assert err.startswith(
        "templates/paper.html:2: paper.html extends itself; to build on the theme's "
        'paper.html, write {% extends "theme/paper.html" %}\n'
    ), err
    assert not (site / "output").exists()


def test_a_site_base_templates_head_is_on_every_page(
    built: Built,
) -> None:
    """A stylesheet added in base.html's `head` block was missing from the profile (the
    site's front page), whose own `head` block replaced it; `meta` from paper pages. The
    theme's icon had no block: a site's own favicon meant copying all of base.html."""
    site, err = built(
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": MINIMAL_PAPER,
            "static/custom.css": "body { color: teal }\n",
            "static/favicon.png": "(an icon)",
            "templates/base.html": '{% extends "theme/base.html" %}\n'
            '{% block meta %}<meta name="author" content="Ada">{% endblock %}\n'
            '{% block icon %}<link rel="icon" href="{{ root }}static/favicon.png">{% endblock %}'
            '{% block head %}<link rel="stylesheet" href="{{ root }}static/custom.css">'
            "{% endblock %}\n",
        }
    )
    assert err == ""
    out = site / "output"
    for page in ["index.html", "papers/one/index.html", "authors/index.html", "cv/index.html"]:
        text = (out / page).read_text(encoding="utf-8")
        assert 'static/custom.css">' in text and '<meta name="author"' in text, page
        assert 'static/favicon.png">' in text and "data:image/svg" not in text, page
    assert (out / "static/custom.css").is_file()


@pytest.mark.parametrize(("written", "meant"), [("mien", "mine"), ("defualt", "default")])
def test_a_misspelt_theme_names_the_theme_that_is_there(
    built: Built,
    written: str,
    meant: str,
) -> None:
    """It said `expected themes/mien/templates/ (to start one, copy the default theme…)`,
    beside the site's own themes/mine/ that it was meant to name."""
    _, err = built(
        {
            "site.yaml": f"title: Test\ntheme: {written}\n",
            "content/papers/one.md": MINIMAL_PAPER,
            "themes/mine/templates/base.html": "<main>{% block main %}{% endblock %}</main>\n",
        }
    )
    assert err.startswith(f"site.yaml:2: theme `{written}` not found: did you mean `{meant}`?\n")


def test_a_theme_without_some_templates_names_each_with_its_pages(
    built: Built,
) -> None:
    """A theme started with only base.html said `templates/: no template for index.html:
    tried none of the templates given were found: …`, one template per run, in the site's
    templates/ folder it was not about."""
    site, err = built(
        {
            "site.yaml": SITE + "theme: mine\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": MINIMAL_PAPER,
            "themes/mine/templates/base.html": "<main>{% block main %}{% endblock %}</main>\n",
        }
    )
    lines = err.splitlines()
    assert len(lines) == 9 and lines[-1] == "8 problems; nothing was written.", lines
    paper = next(line for line in lines if "paper.html" in line)
    assert paper.startswith(
        "themes/mine/templates/: has no paper.html (for papers/one/index.html); a theme is "
        "complete in itself: copy paper.html from the default theme ("
    ), paper
    assert Path(paper.split("default theme (")[1].rstrip(")").split("), or")[0]).is_file()
    profile = next(line for line in lines if "profile.html" in line)
    assert "(for index.html, authors/ada/index.html)" in profile
    assert not (site / "output").exists()


def test_two_broken_templates_are_both_named_in_one_run(
    built: Built,
) -> None:
    """The build stopped at the profile's mistake; the paper page's was said only by the
    run after it was fixed. A syntax error and an undefined name, each at its line."""
    site, err = built(
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": MINIMAL_PAPER,
            "content/papers/two.md": MINIMAL_PAPER.replace("A Paper", "Another"),
            "templates/profile.html": '{% extends "base.html" %}\n{% block main %}\n'
            "{{ profile.author.nmae }}\n{% endblock %}\n",
            "templates/paper.html": '{% extends "base.html" %}\n{% block main %}\n'
            "<h1>{{ paper.title }</h1>\n{% endblock %}\n",
            "templates/cv.html": '{% extends "base.html" %}\n{% block main %}\n\n'
            "{{ nosuch }}\n{% endblock %}\n",
        }
    )
    lines = err.splitlines()
    assert lines == [
        "templates/cv.html:4: 'nosuch' is undefined; this page's variables are absolute_url, "
        "canonical, jsonld, members, meta_type, page_url, profile, profile_url, root, site "
        "(rendering cv/index.html)",
        "templates/paper.html:3: `{{ paper.title }</h1>` is not closed: end it with `}}`",
        "templates/profile.html:3: profile.author has no field 'nmae'; did you mean 'name'? "
        "(rendering index.html)",
        "3 problems; nothing was written.",
    ]
    assert not (site / "output").exists()


@pytest.mark.parametrize(
    ("main", "message"),
    [
        # Python's `maximum recursion depth exceeded` said no cause
        (
            '{% include "part.html" %}',
            "templates/part.html:2: includes itself, or calls a macro that calls itself, "
            "without end; give the recursion a condition that stops it "
            "(rendering papers/one/index.html)\n",
        ),
        # found when the template is compiled, not rendered: Jinja's other message
        (
            "<h1>{{ paper.title|trucate(30) }}</h1>",
            "templates/paper.html:2: No filter named 'trucate'; did you mean 'truncate'?\n",
        ),
        # a helper given what it cannot take was a traceback from inside authorsite
        (
            "{{ author_names(paper, paper) }}",
            "templates/paper.html:2: a filter or helper on this line was given a value it "
            "cannot take (TypeError: 'Paper' object is not iterable); see what each takes in "
            "the README's Themes and templates (rendering papers/one/index.html)\n",
        ),
        # a count without its number showed "{n} papers" on the page, and the build passed
        (
            "<h2>{{ words.n_papers }}</h2>",
            "templates/paper.html:2: words.n_papers is a count: give it the number, "
            "words.n_papers(4), or it shows '{n} papers' (rendering papers/one/index.html)\n",
        ),
        # Jinja's "The innermost block that needs to be closed is 'for'" named no line of it
        (
            "{% for p in profiles %}\n<p>{{ p.author.name }}</p>\n",
            "templates/paper.html:4: {% endblock %} comes before the end of {% for %} "
            "(line 2): add {% endfor %} before it\n",
        ),
        (
            "{% if paper %}\n{% endif %}{% endif %}\n",
            "templates/paper.html:3: {% endif %} ends no {% if %}: remove it, or open one "
            "before it\n",
        ),
        # the file's last line, where the block's end was missed ("Unexpected end of template")
        (
            "{% macro card(p) %}\n{{ p }}\n",
            "templates/paper.html:4: {% endblock %} comes before the end of {% macro card %} "
            "(line 2): add {% endmacro %} before it\n",
        ),
        # Jinja's "unexpected '%'", at the line after the tag: which tag, and how to end it
        (
            "{% if paper.draft %\n<p>Draft</p>{% endif %}\n",
            "templates/paper.html:2: `{% if paper.draft %` is not closed: end it with `%}`\n",
        ),
        (
            "<h1>{{ paper.title }</h1>\n",
            "templates/paper.html:2: `{{ paper.title }</h1>` is not closed: end it with `}}`\n",
        ),
        (
            "\n<h1>{{ paper.title\n",
            "templates/paper.html:3: `{{ paper.title` is not closed: end it with `}}`\n",
        ),
        (
            "<h1>{{ paper.title %}</h1>\n",
            "templates/paper.html:2: `{{ paper.title %}` opens with {{ and ends with %}: "
            "end it with `}}`\n",
        ),
        (
            "{# a note\n<p>x</p>\n",
            "templates/paper.html:2: `{# a note` is not closed: end it with `#}`\n",
        ),
        # a misspelt tag was said to be a stray {% endif %}, which is the if's own end
        (
            "{% iff paper.draft %}<p>Draft</p>{% endif %}\n",
            "templates/paper.html:2: `{% iff %}` is no tag Jinja knows; did you mean `{% if %}`?\n",
        ),
        (
            "{% incldue 'part.html' %}\n",
            "templates/paper.html:2: `{% incldue %}` is no tag Jinja knows; did you mean "
            "`{% include %}`?\n",
        ),
        # Jinja's parser's words (`expected token 'name', got 'end of print statement'`):
        # the tag they are about, and what to do
        (
            "<h1>{{ paper.title | }}</h1>\n",
            "templates/paper.html:2: `{{ paper.title | }}`: a name is missing before `}}` "
            "(after `|`, a filter's; after `.`, an attribute's)\n",
        ),
        (
            "{% for p in %}{{ p }}{% endfor %}\n",
            "templates/paper.html:2: `{% for p in %}`: an expression is missing before `%}`\n",
        ),
        (
            "<h1>{{ paper.title paper.venue }}</h1>\n",
            "templates/paper.html:2: `{{ paper.title paper.venue }}`: `paper` follows a whole "
            "expression; join the two with an operator (`~` joins text) or take it out\n",
        ),
        (
            "{% if paper.venue %}x{% else if paper.doi %}y{% endif %}\n",
            "templates/paper.html:2: `{% else if paper.doi %}`: Jinja writes else if as "
            "`{% elif … %}`\n",
        ),
        (
            "{% for p in profiles %}{{ p }}{% endfor p %}\n",
            "templates/paper.html:2: `{% endfor p %}`: an end tag takes nothing more: write "
            "`{% endfor %}`\n",
        ),
        (
            "<h1>{{ paper.title|truncate(30 }}</h1>\n",
            "templates/paper.html:2: `)` is missing before `}`: close the bracket opened "
            "before it\n",
        ),
        (
            "<p>x</p>{% else %}<p>y</p>\n",
            "templates/paper.html:2: {% else %} is in no {% if %} or {% for %}: remove it, "
            "or open one before it\n",
        ),
        (
            "{% raw %}<p>{{ x }}</p>\n",
            "templates/paper.html:2: {% raw %} is not closed: add {% endraw %} where its text "
            "ends\n",
        ),
    ],
)
def test_a_template_mistake_says_what_it_is(
    built: Built,
    main: str,
    message: str,
) -> None:
    _, err = built(
        {
            "content/papers/one.md": MINIMAL_PAPER,
            "templates/paper.html": '{% extends "base.html" %}{% block main %}\n'
            + main
            + "{% endblock %}\n",
            "templates/part.html": '<p>\n{% include "part.html" %}\n',
        }
    )
    assert err.startswith(message), err
    assert "recursion depth" not in err


def test_a_copy_of_the_themes_template_without_its_last_endblock_names_the_block(
    built: Built,
) -> None:
    """It said `templates/paper.html:<last line>: Unexpected end of template. Jinja was
    looking for the following tags: 'endblock'. The innermost block … is 'block'.`"""
    theme = (REPO / "themes/default/templates/paper.html").read_text(encoding="utf-8")
    lines = theme.splitlines(keepends=True)
    assert lines[-1] == "{% endblock %}\n"
    opened = lines.index("{% block main %}\n") + 1
    _, err = built(
        {"content/papers/one.md": MINIMAL_PAPER, "templates/paper.html": "".join(lines[:-1])}
    )
    assert err.startswith(
        f"templates/paper.html:{opened}: {{% block main %}} is not closed: add {{% endblock %}} "
        "where it ends\n"
    ), err


def test_the_themes_card_on_a_page_of_the_sites_own(built: Built) -> None:
    """`paper_card(paper, none, root)`: a card that sets no one's name in bold, on a page
    of no author's, was a traceback; imported without the page's variables, the card
    said `'site' is undefined; did you mean 'site'?`."""
    page = (
        '{% extends "base.html" %}{% block main %}{% from "_macros.html" import paper_card %}\n'
        "{{ paper_card(paper, none, root) }}{% endblock %}\n"
    )
    files = {"content/papers/one.md": MINIMAL_PAPER, "templates/paper.html": page}
    _, err = built(files)
    assert "_macros.html:3: 'site' is undefined in a macro imported without the page's " in err
    assert '{% from "_macros.html" import … with context %}' in err and "did you" not in err
    site, err = built(
        {**files, "templates/paper.html": page.replace(" %}\n", " with context %}\n", 1)}
    )
    assert err == ""
    html = (site / "output/papers/one/index.html").read_text(encoding="utf-8")
    assert '<p class="authors">Ada Lovelace, Charles Babbage</p>' in html


def test_an_empty_template_is_refused_rather_than_blank_pages(built: Built) -> None:
    """`touch templates/paper.html` before pasting the theme's into it: the build and
    `check` passed, and every paper page was published blank."""
    files = {"content/papers/one.md": MINIMAL_PAPER, "templates/paper.html": "\n  \n"}
    site, err = built(files)
    assert err.startswith(
        "templates/paper.html: is empty, so papers/one/index.html and every page made from "
        "it would be blank; write it (the default theme's paper.html is "
    ), err
    assert not (site / "output").exists()
    # a page's own template: the theme has none of that name, but has the one it replaces
    _, err = built({**files, "templates/paper.html": "x", "templates/paper-one.html": ""})
    assert err.startswith("templates/paper-one.html: is empty, so papers/one/index.html ")
    assert Path(err.split("paper.html is ")[1].split("), or")[0]).is_file(), err


def test_theme_names_the_theme_in_a_site_without_templates(built: Built) -> None:
    """`theme/<name>` was found only when the site had a templates/ folder of its own."""
    theme = REPO / "themes/default/templates"
    mine = {f"themes/mine/templates/{t.name}": t.read_text() for t in theme.iterdir()}
    site, err = built(
        {
            **mine,
            "site.yaml": "title: Test\ntheme: mine\n",
            "content/papers/one.md": MINIMAL_PAPER,
            "themes/mine/templates/paper.html": '{% extends "theme/base.html" %}'
            "{% block main %}<h1>Mine: {{ paper.title }}</h1>{% endblock %}",
            **{f"themes/mine/static/{name}": "x" for name in ("style.css", "site.js")},
        }
    )
    assert err == ""
    assert "<h1>Mine: A Paper</h1>" in (site / "output/papers/one/index.html").read_text()


def test_a_macro_the_sites_macros_lack_says_which_file_lacks_it(built: Built) -> None:
    """A copy of _macros.html without `drafts_note` (the theme's cv.html imports it) said
    only "the template '_macros.html' … does not export the requested name", at a line of
    the theme's; the copy in templates/ that lacks it went unnamed."""
    macros = (REPO / "themes/default/templates/_macros.html").read_text(encoding="utf-8")
    start = macros.index("{% macro drafts_note")
    end = macros.index("{%- endmacro %}", start) + len("{%- endmacro %}")
    files = {
        "site.yaml": SITE,
        "content/authors/ada.yaml": MINIMAL_AUTHOR,
        "content/papers/one.md": MINIMAL_PAPER,
        "templates/_macros.html": macros[:start] + macros[end:],
    }
    _, err = built(files)
    theme = REPO / "themes/default/templates/_macros.html"
    assert (
        "does not export the requested name 'drafts_note': templates/_macros.html has no "
        f"macro drafts_note; add it (copy it from the theme's {theme}) (rendering "
    ) in err, err
    page = (
        '{% extends "base.html" %}{% from "_macros.html" import paper_crd %}\n'
        "{% block main %}{{ paper_crd(paper, none, root) }}{% endblock %}"
    )
    _, err = built({**files, "templates/_macros.html": macros, "templates/paper.html": page})
    assert "'paper_crd'; did you mean 'paper_card'? (rendering papers/one/index.html)" in err


def test_a_pages_own_template_with_a_mistyped_slug_is_named(
    make_site: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """templates/paper-on.html for the paper `one`: no page was made from it, and nothing
    said so; the page stayed as the theme makes it."""
    site = make_site(
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": MINIMAL_PAPER,
            "templates/paper-on.html": '{% extends "theme/paper.html" %}',
            "templates/profile-adda.html": '{% extends "theme/profile.html" %}',
            "templates/cv-ada.html": '{% extends "theme/cv.html" %}',  # used: no note
        }
    )
    monkeypatch.chdir(site)
    assert main(["build"]) == 0  # a note, not an error
    assert capsys.readouterr().err.splitlines() == [
        "templates/paper-on.html: no page is made from it: no published paper has the slug "
        "`on` (a draft's page uses it with --drafts); did you mean paper-one.html?",
        "templates/profile-adda.html: no page is made from it: no author has the slug `adda`; "
        "did you mean profile-ada.html?",
    ]


PAGE = "---\ntitle: About\n---\nHello.\n"


@pytest.mark.parametrize(
    ("template", "line", "said"),
    [
        ("paper.html", "{{ paper.titel }}", "paper has no field 'titel'; did you mean 'title'?"),
        (
            "paper.html",
            "{{ paper.title.foo }}",
            "paper.title is text, which has no field 'foo'",
        ),
        (
            "paper.html",
            "{{ paper['venu'] }}",
            "paper has no field 'venu'; did you mean 'venue'?",
        ),
        # not str's method `title`, which no template means
        (
            "paper.html",
            "{{ paper.title.titel }}",
            "paper.title is text, which has no field 'titel' ",
        ),
        (
            "paper.html",
            "{{ paper.links.pdff }}",
            "paper.links is a mapping, which has no field 'pdff'",
        ),
        ("profile.html", "{{ profile.author.afiliation }}", "profile.author has no field "),
        (
            "profile.html",
            "{% for p in profile.papers %}{{ p.venu }}{% endfor %}",
            "p has no field 'venu'; did you mean 'venue'?",
        ),
        (
            "profile.html",
            "{{ profile.countd }}",
            "profile has no field 'countd'; did you mean 'counted'?",
        ),
        ("profile.html", "{{ site.titel }}", "site has no field 'titel'; did you mean 'title'?"),
        ("page.html", "{{ page.bdy }}", "page has no field 'bdy'; did you mean 'body'?"),
        # nothing close: what there is to write instead
        (
            "page.html",
            "{{ page.zzz }}",
            "page has no field 'zzz' (its fields are slug, source, title, body, description, "
            "nav, language, draft)",
        ),
    ],
)
def test_a_records_missing_field_is_said_as_the_record(
    built: Built, template: str, line: str, said: str
) -> None:
    """`{{ paper.titel }}` in a template of the site's own said `'generator.model.Paper
    object' has no attribute 'titel'`: our class's name, not the variable the user wrote."""
    site, err = built(
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": MINIMAL_PAPER,
            "content/pages/about.md": PAGE,
            f"templates/{template}": '{% extends "base.html" %}\n{% block main %}\n'
            f"{line}\n{{% endblock %}}\n",
        }
    )
    assert err.startswith(f"templates/{template}:3: {said}"), err
    assert "generator.model" not in err and "object" not in err
    assert not (site / "output").exists()


def test_a_theme_without_the_static_files_its_base_loads_is_warned_of(
    make_site: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A theme of the site's own made of the default theme's templates and no static/
    built without a word, and every page was published without its style sheet: only
    `authorsite check` said so. A warning, not an error; said again by a rebuild that has
    nothing to do, until the files are there."""
    theme = REPO / "themes/default/templates"
    files = {f"themes/mine/templates/{t.name}": t.read_text() for t in theme.iterdir()}
    site = make_site({**files, "site.yaml": "title: Test\ntheme: mine\n"})
    monkeypatch.chdir(site)
    base = (theme / "base.html").read_text(encoding="utf-8").splitlines()
    css = next(n for n, text in enumerate(base, 1) if "static/style.css" in text)
    warned = (
        f"themes/mine/templates/base.html:{css}: every page loads static/style.css, which "
        "neither themes/mine/static/ nor static/ holds, so every page shows without that style "
        f"sheet; copy the default theme's {REPO / 'themes/default/static/style.css'} into "
        "themes/mine/static/, or remove the line"
    )
    for _ in range(2):  # the second has nothing to do
        assert main(["build"]) == 0
        err = capsys.readouterr().err.splitlines()
        assert warned in err
        assert any(
            line.startswith("themes/mine/templates/base.html:") and "site.js" in line
            for line in err
        ), err
    assert (site / "output/index.html").is_file()

    (site / "themes/mine/static").mkdir()
    for name in ("style.css", "site.js"):
        (site / "themes/mine/static" / name).write_text("x")
    # the site's own base.html, as the README's Themes and templates shows it
    (site / "templates").mkdir()
    (site / "templates/base.html").write_text(
        '{% extends "theme/base.html" %}\n'
        '{% block head %}<link rel="stylesheet" href="{{ root }}static/custom.css">{% endblock %}\n'
    )
    assert main(["build"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "templates/base.html:2: every page loads static/custom.css, which neither "
        "themes/mine/static/ nor static/ holds, so every page shows without that style sheet; "
        "put it in static/, or remove the line"
    ]
    (site / "static").mkdir()
    (site / "static/custom.css").write_text("x")
    assert main(["build"]) == 0
    assert capsys.readouterr().err == ""


def test_a_style_sheet_or_script_that_any_template_loads_is_warned_of_at_its_line(
    make_site: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only base.html was read: a theme of one's own that loads its assets in paper.html,
    profile.html or a `_head.html` that base.html includes published pages without them,
    unsaid. Each is named at its template's line, in the folder its template belongs with;
    one in a comment, or one a static folder holds, is no warning."""
    theme = REPO / "themes/default/templates"
    files = {f"themes/mine/templates/{t.name}": t.read_text() for t in theme.iterdir()}
    base = files["themes/mine/templates/base.html"]
    paper = files["themes/mine/templates/paper.html"].replace(
        "{% block main %}\n",
        '{% block main %}\n<script src="{{ root }}static/paper.js"></script>\n',
    )
    head = '{# <link rel="stylesheet" href="{{ root }}static/old.css"> #}\n'
    site = make_site(
        {
            **files,
            "themes/mine/templates/base.html": base.replace(
                "</head>", '{% include "_head.html" %}\n</head>'
            ),
            "themes/mine/templates/_head.html": head
            + '<link rel="stylesheet" href="/static/fonts.css">\n',
            "themes/mine/templates/paper.html": paper,
            "themes/mine/static/style.css": "x",
            "themes/mine/static/site.js": "x",
            "templates/profile.html": '{% extends "theme/profile.html" %}\n{% block head %}'
            '{{ super() }}\n<script src="{{ root }}static/charts.js"></script>{% endblock %}\n',
            "static/charts.js": "x",
            "templates/cv.html": '{% extends "theme/cv.html" %}\n{% block head %}\n'
            '<link rel="stylesheet" href="{{ root }}static/print.css">{% endblock %}\n',
            "site.yaml": SITE + "theme: mine\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": MINIMAL_PAPER,
        }
    )
    monkeypatch.chdir(site)
    assert main(["build"]) == 0
    line = paper[: paper.index("static/paper.js")].count("\n") + 1
    folders = "neither themes/mine/static/ nor static/ holds"
    assert capsys.readouterr().err.splitlines() == [
        f"themes/mine/templates/_head.html:2: every page that uses _head.html loads "
        f"static/fonts.css, which {folders}, so those pages show without that style sheet; "
        "put it in themes/mine/static/, or remove the line",
        f"templates/cv.html:3: every page that uses cv.html loads static/print.css, which "
        f"{folders}, so those pages show without that style sheet; put it in static/, or "
        "remove the line",
        f"themes/mine/templates/paper.html:{line}: every page that uses paper.html loads "
        f"static/paper.js, which {folders}, so those pages show without that script; put it "
        "in themes/mine/static/, or remove the line",
    ]


def test_a_style_sheet_in_a_comment_of_base_html_is_not_warned_of(
    make_site: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A line commented out (`{# … #}`, `<!-- … -->`) loads nothing: no warning for it,
    and the one still loaded is named at its own line."""
    site = make_site({"site.yaml": "title: Test\n"})
    monkeypatch.chdir(site)
    (site / "templates").mkdir()
    (site / "templates/base.html").write_text(
        '{% extends "theme/base.html" %}\n'
        "{% block head %}\n"
        '{#- <link rel="stylesheet" href="{{ root }}static/old.css"> -#}\n'
        '<!--\n<script src="{{ root }}static/old.js"></script>\n-->\n'
        '<link rel="stylesheet" href="{{ root }}static/new.css">\n'
        "{% endblock %}\n"
    )
    assert main(["build"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "templates/base.html:7: every page loads static/new.css, which neither "
        f"{(REPO / 'themes/default/static').as_posix()}/ nor static/ holds, "
        "so every page shows without that style sheet; put it in static/, or remove the line"
    ]


THEME_FILES = sorted(p.name for p in (REPO / "themes/default/templates").iterdir())


def test_a_block_the_template_it_extends_lacks_is_named(
    make_site: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Outside the blocks of the template it extends, an override's text is dropped: a
    misspelt `{% block titel %}` changed nothing, and nothing said so."""
    base = (REPO / "themes/default/templates/base.html").read_text(encoding="utf-8")
    site = make_site(
        {
            "site.yaml": SITE.replace("main_author", "theme: mine\nmain_author"),
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": MINIMAL_PAPER,
            "templates/paper.html": '{% extends "theme/paper.html" %}\n'
            "{% block titel %}Paper: {{ super() }}{% endblock %}\n"
            "{% block main %}{{ super() }}{% block mine %}{% endblock %}{% endblock %}\n"
            "{% block talks %}Talks{% endblock %}\n",
            # a theme of the site's own: its base.html's blocks are those a child may fill
            **{
                f"themes/mine/templates/{name}": (
                    REPO / "themes/default/templates" / name
                ).read_text(encoding="utf-8")
                for name in THEME_FILES
                if name != "base.html"
            },
            "themes/mine/templates/base.html": base.replace(
                "{% block main %}", "{% block body %}{% endblock %}{% block main %}"
            ),
            "themes/mine/static/style.css": "",
        }
    )
    monkeypatch.chdir(site)
    assert main(["build"]) == 0  # a note, not an error
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if "is no block" in line] == [
        "templates/paper.html:2: block `titel` is no block of theme/paper.html (nor of a "
        "template it extends), so what it holds shows on no page; did you mean `title`?",
        "templates/paper.html:4: block `talks` is no block of theme/paper.html (nor of a "
        "template it extends), so what it holds shows on no page; its blocks are body, "
        "description, head, icon, main, meta, og_locale, og_title, title",
    ]
    assert main(["build"]) == 0  # said by every build, one with nothing to do too
    assert "block `titel`" in capsys.readouterr().err


def test_a_copy_of_the_theme_as_it_came_is_not_read_for_stray_blocks_each_build(
    make_site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repository's own site, or a site's `themes/default/` copied unchanged, found by
    a relative path (`authorsite build` in the site's folder): reading its 12 templates
    for blocks no parent has took ~0.17 s of every build that renders a page."""
    import jinja2

    from generator.build import theme_dirs
    from generator.config import bundled_templates
    from generator.render import make_environment
    from generator.template_problems import stray_blocks

    theme = REPO / "themes/default/templates"
    site = make_site(
        {
            "site.yaml": SITE,
            **{
                f"themes/default/templates/{name}": (theme / name).read_text(encoding="utf-8")
                for name in THEME_FILES
            },
        }
    )
    monkeypatch.chdir(site)
    search, _ = theme_dirs(Path("."), "default")
    env = make_environment(search, None, "en", (), bundled_templates())
    parsed: list[str] = []
    real_parse = jinja2.Environment.parse

    def parse(self: jinja2.Environment, source: str, name: str | None = None, *a: object) -> object:
        parsed.append(str(name))
        return real_parse(self, source, name, *a)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "parse", parse)
    assert stray_blocks(env, bundled_templates()) == []
    assert parsed == []
    # One template changed: the copies beside it are read (a block may be gone from it)
    (site / "themes/default/templates/base.html").write_text(
        (theme / "base.html")
        .read_text(encoding="utf-8")
        .replace("{% block meta %}", "{% block x %}"),
        encoding="utf-8",
    )
    env = make_environment(search, None, "en", (), bundled_templates())
    warned = stray_blocks(env, bundled_templates())
    assert parsed and any("block `meta` is no block of base.html" in line for line in warned)


def _og_title(page: str) -> str:
    found = re.search(r'<meta property="og:title" content="([^"]*)">', page)
    assert found is not None, page
    return html.unescape(found[1])


def test_a_site_template_without_an_og_title_block_names_the_site_once_in_previews(
    built: Built,
) -> None:
    """A link preview shows og:site_name beside og:title. A site's own paper page whose
    <title> ends with the site's name (`A Paper | Ada & Co`) and that writes no og_title
    block had og:title `A Paper | Ada & Co` under `Ada & Co`: it is `A Paper`. A page that
    writes the block keeps its own words; a title that starts with the site's name is
    the page's subject and is kept whole."""
    site, err = built(
        {
            "site.yaml": "title: Ada & Co\nbuild_date: 2026-11-28\nmain_author: ada\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": MINIMAL_PAPER,
            "templates/paper.html": '{% extends "base.html" %}\n'
            "{% block title %}{{ paper.title }} | {{ site.title }}{% endblock %}\n"
            "{% block main %}<h1>{{ paper.title }}</h1>{% endblock %}\n",
            "templates/cv.html": '{% extends "base.html" %}\n'
            "{% block title %}CV · {{ site.title }}{% endblock %}\n"
            "{% block og_title %}The CV of {{ profile.author.name }}{% endblock %}\n"
            "{% block main %}<h1>CV</h1>{% endblock %}\n",
            "templates/profile.html": '{% extends "base.html" %}\n'
            "{% block title %}{{ site.title }} · {{ profile.author.name }}{% endblock %}\n"
            "{% block main %}<h1>{{ profile.author.name }}</h1>{% endblock %}\n",
        }
    )
    assert err == ""
    out = site / "output"
    paper = (out / "papers/one/index.html").read_text(encoding="utf-8")
    assert _og_title(paper) == "A Paper"
    assert "<title>A Paper | Ada &amp; Co</title>" in paper  # the tab keeps the site's name
    assert '<meta name="twitter:title" content="A Paper | Ada &amp; Co">' in paper
    assert (
        _og_title((out / "cv/index.html").read_text(encoding="utf-8")) == "The CV of Ada Lovelace"
    )
    root = (out / "index.html").read_text(encoding="utf-8")
    assert _og_title(root) == "Ada & Co · Ada Lovelace"
    # the theme's own pages without the block, as the paper's with it: the page's title alone
    assert _og_title((out / "authors/index.html").read_text(encoding="utf-8")) == "Authors"
    assert _og_title((out / "404.html").read_text(encoding="utf-8")) == "Page not found"
