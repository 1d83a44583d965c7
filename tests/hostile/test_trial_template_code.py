"""A record's text written by a site's own template where the page runs it as code.

HTML escaping keeps a title from being markup, not from being code: in a `<script>` a
title `${alert(1)}` in a template literal ran, and in an event handler's attribute the
browser reads `&#39;` back as `'` before it runs the handler. A site's own template
(`templates/paper.html`, an analytics snippet on a download button) is refused at its
line, as `|tojson` in a double-quoted attribute is; `|tojson` makes the value a string.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from generator import render
from tests.browser import serve
from tests.hostile.harness import run_build, write_site

THEME = Path(__file__).parents[2] / "themes/default/templates/paper.html"
TITLE = 'x${alert(1)}\';alert(2);//"-alert(3)-"'
CODE = {
    "template literal": "<script>window.t = `{{ paper.title }}`;</script>",
    "string": '<script>window.t = "{{ paper.title }}";</script>',
    "typed, capitals": "<SCRIPT type='text/javascript'>var t = '{{ paper.title }}'</SCRIPT>",
    "module": "<script type=module>\nwindow.t = `{{ paper.venue }}`;\n</script>",
    "after a value": "<script>var n = {{ paper.citations|tojson }}, t = `{{ paper.title }}`;</script>",
    "handler": "<button onclick=\"track('{{ paper.title }}')\">PDF</button>",
    "handler, single quotes": '<a href="#" ONMOUSEOVER=\'f("{{ paper.title }}")\'>x</a>',
    "handler, no quotes": "<button onclick=track({{ paper.citations }})>x</button>",
    "srcdoc": '<iframe srcdoc="<p>{{ paper.title }}</p>"></iframe>',
    # a `data-type` is no type, and browsers run these types too
    "data-type": "<script data-type='x'>var t = '{{ paper.title }}'</script>",
    "javascript1.5": '<script type="text/javascript1.5">var t = "{{ paper.title }}"</script>',
    "x-javascript": "<script type=application/x-javascript>var t = '{{ paper.title }}'</script>",
    # `tojson` on one operand, the title beside it as written
    "tojson, then text": "<script>var t = {{ paper.citations|tojson ~ paper.title }};</script>",
    "tojson or text": "<script>var t = {{ 1|tojson if paper.draft else paper.title }};</script>",
}
SAFE = (
    "<script>window.t1 = {{ paper.title|tojson }};</script>\n"
    '<button id="b" data-t=\'{{ paper.title|tojson }}\' onclick="window.t2 = '
    'JSON.parse(this.dataset.t)">PDF</button>\n'
    '<script type="text/template" id="tpl">{{ paper.title }}</script>\n'
    '<script type="application/ld+json">{{ {"name": paper.title}|script_json }}</script>\n'
    '<script>window.t3 = {{ (paper.title ~ "!")|tojson|safe }};</script>\n'
    '<p id="after">{{ paper.title }}</p>'
)


def site(tmp_path: Path, snippet: str) -> Path:
    paper = THEME.read_text("utf-8").replace("{% block main %}", "{% block main %}\n" + snippet, 1)
    record = (
        f"---\ntitle: {json.dumps(TITLE)}\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n"
        f"venue: {json.dumps('`;alert(4);`')}\ncitations: 3\n---\nAbstract.\n"
    )
    files = {
        "site.yaml": "title: T\nbuild_date: 2026-11-28\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n",
        "content/papers/one.md": record,
        "templates/paper.html": paper,
    }
    return write_site(tmp_path / "site", files)


def snippet_line(snippet: str) -> int:
    """The line of the template the snippet's `{{ …}}` (its last) is on."""
    before = THEME.read_text("utf-8").split("{% block main %}")[0].count("\n")
    return before + 2 + snippet[: snippet.rindex("{{")].count("\n")


@pytest.mark.parametrize("case", CODE)
def test_record_text_where_the_page_runs_code_is_refused_at_its_line(
    case: str, tmp_path: Path
) -> None:
    snippet = CODE[case]
    built = run_build(site(tmp_path, snippet))
    assert built.status == 1, built.stderr
    [problem] = built.problems()
    assert problem["path"] == "templates/paper.html", built.stderr  # as the site names it
    assert problem["line"] == str(snippet_line(snippet)), built.stderr
    assert "is code there" in problem["message"] and "|tojson" in problem["message"]
    assert not built.out.exists()


def test_record_text_as_json_or_data_stays_a_string(tmp_path: Path, browser: Any) -> None:
    built = run_build(site(tmp_path, SAFE))
    assert built.status == 0, built.stderr
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(built.out) as url:
        page.goto(url + "papers/one/")
        page.click("#b")
        shown = page.evaluate(
            "[window.t1, window.t2, document.getElementById('tpl').textContent,"
            " document.getElementById('after').textContent]"
        )
    page.close()
    assert dialogs == []
    # a data script is raw text: the escaped title as it is, which no script runs
    assert shown == [TITLE, TITLE, str(escape(TITLE)), TITLE]


def test_a_script_tag_in_an_html_comment_opens_no_script(tmp_path: Path) -> None:
    """`<!-- no <script> here -->` is a comment's text: the `{{ … }}` after it, in a
    paragraph, was refused as code, and so was every one to the end of the template."""
    snippet = (
        "<!-- This page loads no <script> of a tracker: see the site's CSP -->\n"
        '<p id="after">{{ paper.title }}</p>'
    )
    built = run_build(site(tmp_path, snippet))
    assert built.status == 0, built.stderr
    assert str(escape(TITLE)) in (built.out / "papers/one/index.html").read_text("utf-8")
    # the same `{{ … }}` in a script after the comment is still refused
    assert (
        run_build(
            site(tmp_path / "2", snippet + "<script>var t = '{{ paper.title }}'</script>")
        ).status
        == 1
    )


def test_a_template_of_many_values_is_read_in_one_pass() -> None:
    """Whether each `{{ … }}` goes through `tojson` was read from a copy of every token
    after it: quadratic, 26 s of a 1 MB template's 40 s. The tokens read are counted (a
    copy reads those it copies): each `{{ … }}` reads its own few, not the rest of the
    template, so 2,000 values show it as 150,000 did, without their minutes of lexing."""
    import tempfile

    class Counted(list[Any]):
        """The template's tokens, counting each one read."""

        read = 0

        def __getitem__(self, key: Any) -> Any:
            found = super().__getitem__(key)
            Counted.read += len(found) if isinstance(key, slice) else 1
            return found

        def __iter__(self) -> Iterator[Any]:
            for token in super().__iter__():
                Counted.read += 1
                yield token

    env = render.make_environment([Path(tempfile.mkdtemp())])
    tokens = Counted(env.lexer.tokenize("<p>{{ y }}</p>" * 2_000 + "{{ z|tojson }}"))
    begins = [i for i, token in enumerate(tokens) if token.type == "variable_begin"]
    Counted.read = 0
    assert [render._as_json(tokens, i) for i in begins] == [False] * 2_000 + [True]
    assert Counted.read < 4 * len(tokens)  # a copy of the rest each: 1,000 times as many


_FILL = ["x", " ", '"', "'", "=", "<", ">", "\n", "on", "a", "`", "("]
_MIDDLES = (
    ["<a", "<iframe", "<X-y", "a"],
    ["", ' title="a"', " t='b'", " d=e", " on"],
    [" ", "\n", "", "-"],
    ["onclick", "ONMOUSEOVER", "srcdoc", "on", "xonclick"],
    ["=", " = ", ""],
    ['"', "'", "", "`"],
)


def test_an_open_handler_or_srcdoc_is_found_as_the_full_patterns_find_it() -> None:
    """The check reads the text from its end first, to let a template without an open
    `on…=` through at once; it refuses what the patterns refuse, no more, no less.

    Every one of the 4,800 tag, attribute, name, `=` and quote combinations, three times
    between up to 4 and up to 5 pieces of filler drawn with a fixed seed (Hypothesis took
    16 s for 3,000 drawn texts; these 14,400 take well under a second)."""
    rng = random.Random(160)

    def fill(most: int) -> str:
        return "".join(rng.choice(_FILL) for _ in range(rng.randint(0, most)))

    for middle in itertools.product(*_MIDDLES):
        for _ in range(3):
            written = fill(4) + "".join(middle) + fill(5) + "x"  # a `{{ … }}` is written so
            full = render._IN_HANDLER.search(written) or render._IN_SRCDOC.search(written)
            assert (render._in_code(written) is not None) == bool(full), written
