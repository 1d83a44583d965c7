"""Markdown that would stall or crash a build renders as plain text, quickly.

cmark itself is linear in any input, but the sanitiser's HTML parser is quadratic in how
deeply elements nest (100,000 nested quotes take minutes), and a short table can ask for
a million cells. A hostile abstract must neither hang a build nor raise a traceback. The
first cases stalled or crashed python-markdown, the library used before; they must not
come back. No time is asserted (tests never do; `make bench` measures): python-markdown,
nh3 on cmark's output, or a math scan gone quadratic needs many minutes for these, which
the suite's run does not survive (pytest's faulthandler then shows where).
"""

from __future__ import annotations

import pytest

from generator.markup import plain_text, render_inline, render_markdown
from tests.hostile.harness import parse_html

PATHOLOGICAL = {
    "unclosed brackets": "[" * 20_000,
    "unclosed links": "[a](" * 10_000,
    "unclosed images": "![" * 10_000,
    "unclosed autolinks": "<http://a " * 10_000,
    "unclosed inline html": '<a href="' * 10_000,
    "many headings": "# a\n" * 20_000,
    "deep list": "".join("  " * i + "- x\n" for i in range(3_000)),
    "deep quote": ">" * 5_000 + " x",
    "one megabyte": ("Lorem ipsum [1] dolor <sit> amet. " * 30_000)[:1_000_000],
    # Under the size cap, but the sanitiser would need minutes for what cmark makes.
    "deep quote in budget": ">" * 90_000 + " x",
    "deep raw html": "<div>" * 19_000,
    "deep raw quotes": "<blockquote>\n" * 7_000,
    "wide table": "|a" * 2_000 + "|\n" + "|-" * 2_000 + "|\n" + "|x\n" * 2_000,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_markdown_renders_fast_as_text(name: str) -> None:
    text = PATHOLOGICAL[name]
    html = render_markdown(text)
    inline = render_inline(text)
    plain = plain_text(text)
    page = parse_html(html)
    # Shown as text: paragraphs holding every character that was written, and nothing else.
    assert {tag for tag, _ in page.elements} == {"p"}
    assert not any(attrs for _, attrs in page.elements)
    assert "".join(page.all_text().split()) == "".join(text.split())
    assert parse_html(inline).shapes() <= {("p", ())}
    assert "".join(plain.split()) == "".join(text.split())


# Under the size cap, so that math is looked for: each opening that is never closed once
# had its closing looked for from there on (the first case: about 25,000 openings each
# passing 16,000 escaped closings, hours), and code blocks read by a pattern per line.
SLOW_MATH = {
    "unclosed parentheses": ("\\(" * 25_000 + "\\\\)" * 16_000, 0),
    "unclosed brackets": ("\\[a" * 33_000, 0),
    "one formula of brackets": ("\\[a" * 33_000 + "\\]", 1),
    "brackets of words": ("\\[a b\\] " * 14_000, 0),  # each looks for a sign once
    "one formula of openings": ("\\(a" * 33_000 + "\\)", 1),
    "openings before a blank line": ("\\(" * 49_000 + "\n\n\\)", 0),
    "dollars": ("$" * 99_000, 19_800),  # `$$` `$` `$$`, again and again
    "escaped dollars": ("$$a" + "\\$$" * 33_000, 16_500),  # `$$a\$$`, then `$\$$` each
    "tilde fences": ("~~~\n$a$ `\n" * 12_000, 0),
    "fences in formulas": ("\\(a\n~~~\n" * 11_000, 0),
    "fences in display formulas": ("$$a\n~~~\n" * 11_000, 0),
    "indented dollars": ("a\n\n    $x$\n" * 9_000, 0),
    "formulas over lines": ("a $x\ny$ b\n" * 9_000, 9_000),
    "formulas into list items": ("a $x\n- y$ b\n\n" * 7_000, 0),
    # each opening's lines up to the next item were read again, to know that it ends in
    # another block than it opens in (a tight list's item has no <p>: its lines are read)
    "openings in a list item": ("- " + "\\(\n" * 33_000 + "- b\\)", 0),
    "prices": ("$5 and " * 14_000, 0),  # each `$` closes none: before a digit
    "display formulas over blank lines": ("$$a\n\nb $" * 11_000, 0),
    "formulas across cells": ("|x|y|\n|-|-|\n" + "| $a | b$ |\n" * 9_000, 0),
}


@pytest.mark.parametrize("name", SLOW_MATH)
def test_text_full_of_math_delimiters_renders_fast(name: str) -> None:
    text, formulas = SLOW_MATH[name]
    html = render_markdown(text)
    inline = render_inline(text)
    assert html.count('<span class="math">') == formulas
    assert parse_html(inline).all_text()


def test_words_that_look_like_math_tokens_stay_words() -> None:
    html = render_markdown("authorsitemath0x $a_1$ authorsitemath7x")
    page = parse_html(html)
    assert page.all_text() == "authorsitemath0x $a_1$ authorsitemath7x"


def test_classes_and_alignments_outside_the_allow_list_are_dropped() -> None:
    html = render_markdown(
        '<span class="skip tile">x</span> <span class="math">y</span>\n\n'
        '<table><tr><td align="javascript:x">1</td><td align="left">2</td></tr></table>'
    )
    page = parse_html(html)
    classes = [dict(a).get("class") for t, a in page.elements if t == "span"]
    assert classes[1] == "math" and classes[0] in (None, "")
    aligns = [dict(a).get("class") for t, a in page.elements if t == "td"]
    assert aligns == [None, "align-left"]
