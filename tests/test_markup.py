"""What the Markdown of abstracts, bios and titles shows to a reader (CommonMark + GFM)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest

from generator.ingest.records import wrap_markdown
from generator.markup import (
    headings_below,
    plain_text,
    render_inline,
    render_markdown,
    render_page_text,
)
from generator.seo import title_text
from tests.hostile.harness import parse_html, scheme


@pytest.mark.parametrize(
    "title",
    ["1. Introduction to sparse models", "2020) A retrospective", "# of samples matters",
     "- a dash first", "+ plus", "[1]: the reference", "```", "    indented", "* * *", "==="],
)  # fmt: skip
def test_a_title_that_looks_like_a_block_shows_as_written(title: str) -> None:
    assert parse_html(render_inline(title)).all_text() == title.strip()
    assert title_text(title) == title.strip()


def test_a_title_keeps_its_inline_markup_and_shows_tags_as_text() -> None:
    html = render_inline("*Sparse* `attention` for <b>x</b>\nand $a<b_1$")
    page = parse_html(html)
    assert [tag for tag, _ in page.elements] == ["em", "code", "span"]
    assert page.all_text() == "Sparse attention for <b>x</b> and $a<b_1$"


@pytest.mark.parametrize(
    ("title", "shown", "code"),
    [
        ("Faster `std::vector<int>` & `a&&b`", "Faster std::vector<int> & a&&b",
         ["std::vector<int>", "a&&b"]),
        ("``a ` b<c`` and `x<y`", "a ` b<c and x<y", ["a ` b<c", "x<y"]),
        ("`<script>alert(1)</script>` <i>x</i>", "<script>alert(1)</script> <i>x</i>",
         ["<script>alert(1)</script>"]),
        ("An odd `tick <b>here</b>", "An odd `tick <b>here</b>", []),
        ("Escaped \\`x<y` tick", "Escaped `x<y` tick", []),
    ],
)  # fmt: skip
def test_code_in_a_title_shows_its_characters_once(title: str, shown: str, code: list[str]) -> None:
    """Inside backticks `<` and `&` were escaped twice: `vector<int>` showed `vector&lt;int&gt;`."""
    page = parse_html(render_inline(title))
    assert page.all_text() == shown
    assert [tag for tag, _ in page.elements] == ["code"] * len(code)
    assert title_text(title) == shown


@pytest.mark.parametrize(
    "title",
    ["Data at https://e.org/a>b now", "Mirror: www.e.org/x?a=1&b=2 & more", "<https://e.org/>"],
)
def test_an_address_in_a_title_shows_as_written(title: str) -> None:
    # A title keeps no links; an address in it once showed `a&gt;b` (escaped twice).
    html = render_inline(title)
    assert parse_html(html).all_text() == title
    assert title_text(title) == title


def test_latex_is_kept_as_written_wherever_it_stands() -> None:
    html = render_markdown(
        "Costs $\\mathcal{O}(n_1 * n_2)$ or **$$\\sum_i x_i$$**, not \\$5 or \\$6."
    )
    assert '<span class="math">$\\mathcal{O}(n_1 * n_2)$</span>' in html
    assert '<strong><span class="math">$$\\sum_i x_i$$</span></strong>' in html
    # A backslash before $ is CommonMark's escape: a dollar shown, not the start of math.
    assert (
        parse_html(html).all_text()
        == "Costs $\\mathcal{O}(n_1 * n_2)$ or $$\\sum_i x_i$$, not $5 or $6."
    )


@pytest.mark.parametrize("render", [render_markdown, render_inline])
def test_math_holding_an_escaped_dollar_is_one_span(render: Callable[[str], str]) -> None:
    # As arXiv 2303.04729's abstract writes prices: each `$\$…$` is math whole; the `\$`
    # inside is no end of it, so `$, $` between the two is no math either.
    text = "costs $\\$0.8$ and $\\$1$ per query, or $x\\\\$ and $$a \\$$ b$$"
    html = render(text)
    spans = [unescape(span) for span in re.findall(r'<span class="math">(.*?)</span>', html)]
    assert spans == ["$\\$0.8$", "$\\$1$", "$x\\\\$", "$$a \\$$ b$$"]


@pytest.mark.parametrize("render", [render_markdown, render_inline])
def test_a_dollar_in_code_is_code_not_the_start_of_math(render: Callable[[str], str]) -> None:
    # Shell prompts and variables, as a page or a bio writes them: the `$` of one code span
    # paired with the next one's, and the text between showed in code, backticks and all.
    html = render("Run `$ make` then ``$ make test``, see `$HOME`, at $O(n)$ or $$x$$.")
    page = parse_html(html)
    assert [tag for tag, _ in page.elements if tag != "p"] == ["code"] * 3 + ["span"] * 2
    assert page.all_text() == "Run $ make then $ make test, see $HOME, at $O(n)$ or $$x$$."
    assert html.count('<span class="math">') == 2


def test_a_title_s_tags_between_code_holding_dollars_are_text() -> None:
    title = "`$ a` <b>x</b> & `$ b`"
    assert parse_html(render_inline(title)).all_text() == "$ a <b>x</b> & $ b"


def _math(html: str) -> list[str]:
    """The formulas of rendered text, as written."""
    return [unescape(span) for span in re.findall(r'<span class="math">(.*?)</span>', html, re.S)]


@pytest.mark.parametrize(
    "block",
    ["```sh\necho $A $B\n```", "~~~sh\necho $A $B\n~~~", "````\necho $A $B\n```\n````",
     "~~~~\necho $A $B\n~~~\n```\n~~~~", "  ~~~\n  echo $A $B\n  ~~~", "    echo $A $B",
     "\techo $A $B", "> ~~~\n> echo $A $B\n> ~~~", "> Run:\n>\n>     echo $A $B",
     "1. Run:\n\n       echo $A $B", "- ~~~\n  echo $A $B\n  ~~~"],
)  # fmt: skip
def test_a_dollar_in_a_code_block_is_code(block: str) -> None:
    """As CommonMark reads code blocks: fenced with backticks or tildes (closed by a fence of
    the same character, at least as long: the inner ``` and ~~~ are code), indented, in a
    quote or list item. In a block fenced with tildes or indented,
    `$A $` was set as math, its `$` signs gone from the code for a client-side renderer."""
    html = render_markdown(f"Then\n\n{block}\n\nand $x$ or \\(y\\).")
    code = re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", html, re.S)
    assert len(code) == 1 and "echo $A $B\n" in code[0] and "<span" not in code[0]
    assert _math(html) == ["$x$", "\\(y\\)"]


def test_an_indented_line_in_a_paragraph_is_text_and_its_math_is_math() -> None:
    # An indented line cannot interrupt a paragraph: it goes on with it (CommonMark 4.4).
    html = render_markdown("The bound\n    $O(n_1 + n_2)$ holds.")
    assert "<pre" not in html and _math(html) == ["$O(n_1 + n_2)$"]


def test_a_backtick_in_a_code_block_opens_no_code_span_outside_it() -> None:
    # The block's lone backtick paired with the next paragraph's first, and that one's
    # second with its third: `$m$ and` was shown as code, the math with its dollars.
    html = render_markdown("~~~\necho `date\n~~~\n\nUse `b`, $m_1$ and `c`.")
    page = parse_html(html)
    assert [tag for tag, _ in page.elements] == ["pre", "code", "p", "code", "span", "code"]
    assert _math(html) == ["$m_1$"]


def test_math_never_runs_into_a_code_block() -> None:
    # The block is read first (its `$$` is code); the paragraph's `$$` opens no formula.
    html = render_markdown("Costs $$a_1\n~~~\necho b$$\n~~~")
    assert _math(html) == [] and ">echo b$$\n</code></pre>" in html


def test_a_formula_broken_over_two_lines_of_a_paragraph_is_one_formula() -> None:
    # An import wraps an abstract at 88 columns, between a formula's words too: `$x = y
    # \cdot z_1$` over two lines was no formula, shown with its dollars and `\cdot`.
    text = wrap_markdown("w" * 72 + " $x = y \\cdot z_1$ and more")
    assert "\n" in text
    assert _math(render_markdown(text)) == ["$x = y \\cdot\nz_1$"]


def test_a_formula_broken_over_two_lines_of_a_list_item_is_one_formula() -> None:
    # The import wraps a list item as it wraps a paragraph, and cmark writes a tight list's
    # item without its <p>: `$x \in \{a,` / `b\}$` was no formula, shown as "{a, b}".
    text = wrap_markdown("- " + "w" * 72 + " $x \\in \\{a, b\\}$ and more\n- second")
    assert "{a,\nb" in text
    assert _math(render_markdown(text)) == ["$x \\in \\{a,\nb\\}$"]


@pytest.mark.parametrize(
    "text",
    [
        "> A sum $a_1 +\n> b_2$ here.",
        "> > A sum $a_1 +\n> > b_2$ here.",
        "- > A sum $a_1 +\n  > b_2$ here.",
    ],
)
def test_a_formula_broken_over_two_lines_of_a_quote_holds_no_quote_marker(text: str) -> None:
    # The second line's `>` marks the quote, not the formula: it was set as "a_1 + > b_2".
    assert _math(render_markdown(text)) == ["$a_1 +\nb_2$"]


def test_a_display_formula_in_a_quote_holds_no_quote_marker() -> None:
    # Out of a quote, a display's line may start with `>` (a relation); in one, it is the
    # quote's.
    html = render_markdown("> Display:\n> $$a_1\n> b_2\n> > c$$\n> end\n\n$$c\n> d$$")
    assert _math(html) == ["$$a_1\nb_2\n> c$$", "$$c\n> d$$"]


@pytest.mark.parametrize("text", ["- $a\n  - b$ c", "- # $a\n  b$ c", "- $a\n  ***\n  b$ c"])
def test_no_formula_runs_from_a_list_item_into_a_block_inside_it(text: str) -> None:
    # A nested list, a heading or a rule in the item is a block of its own: the dollars
    # stay text.
    assert _math(render_markdown(text)) == []


@pytest.mark.parametrize(
    "text", ["Prices: $5 a month\n- or $3 a year", "Costs $5\n\nor $6", "> A $5 fee\n# $6"]
)
def test_no_formula_runs_from_one_block_into_the_next(text: str) -> None:
    # The next line starts a list item, a paragraph or a heading: the dollars are prices.
    html = render_markdown(text)
    assert _math(html) == [] and parse_html(html).all_text().count("$") == 2


@pytest.mark.parametrize("render", [render_markdown, render_inline])
@pytest.mark.parametrize(
    "text", ["Costs $5 and $6 a month", "From $20,000 and $30,000, or $1.5M to $2M a year"]
)
def test_prices_on_one_line_are_no_formula(render: Callable[[str], str], text: str) -> None:
    # "5 and " was set as a formula, its dollars gone: a `$` before a digit closes none.
    html = render(text)
    assert _math(html) == [] and parse_html(html).all_text() == text


def test_a_blank_inside_dollars_keeps_the_formula() -> None:
    # As ADS's abstracts write a formula (tests/fixtures/ingest/trial7/bibdesk.bib), and
    # people `$ x $`: no space rule, unlike pandoc's.
    html = render_markdown("gravities ( $\\mathrm log g\\sim $ 5), $ x $ and $\\$5$ or $y$.")
    assert _math(html) == ["$\\mathrm log g\\sim $", "$ x $", "$\\$5$", "$y$"]


@pytest.mark.parametrize("render", [render_markdown, render_inline])
@pytest.mark.parametrize(
    ("text", "formulas", "shown"),
    [
        # pandoc 3.9 reads each as here (`pandoc -f markdown`).
        ("$$x$ and $y$", ["$x$", "$y$"], "$$x$ and $y$"),
        ("$$x$", ["$x$"], "$$x$"),
        ("$$ $x$", ["$x$"], "$$ $x$"),
        ("a $$ b $x$", ["$x$"], "a $$ b $x$"),
        ("$$x  $y$", ["$y$"], "$$x  $y$"),
        ("$$y $", [], "$$y $"),
        ("$$\\ $", ["$\\ $"], "$$\\ $"),  # an escaped blank is no blank
        ("a $$$ b $x$", ["$x$"], "a $$$ b $x$"),
        ("a $$ b", [], "a $$ b"),
        ("$ $x$ or a $ $ b", ["$x$"], "$ $x$ or a $ $ b"),
        ("\\\\$ $ b", [], "\\$ $ b"),  # after an escaped backslash too
        ("$x$$y$", ["$x$", "$y$"], "$x$$y$"),
        ("$$$x$$$", ["$$$x$$"], "$$$x$$$"),
    ],
)
def test_a_double_dollar_that_none_closes_is_a_dollar_then_math(
    render: Callable[[str], str], text: str, formulas: list[str], shown: str
) -> None:
    # `$$x$ and $y$` set the formula `$ and $` between two stray letters: the second `$`
    # of an unclosed `$$` opened nothing, so the end of `$x$` opened one.
    html = render(text)
    assert _math(html) == formulas and parse_html(html).all_text() == shown


@pytest.mark.parametrize("text", ["Costs $$a\n\nb$$ and $x$.", "Costs $$a\n  \n- b$$ and $x$."])
def test_a_display_formula_stops_at_a_blank_line(text: str) -> None:
    # TeX allows no blank line in math: `$$a` and `b$$` were one formula, two paragraphs
    # (or a paragraph and a list) set as one span in one paragraph.
    html = render_markdown(text)
    assert _math(html) == ["$x$"]
    assert len(parse_html(html).elements) - html.count("<span") > 1  # two blocks


def test_a_formula_in_a_table_stays_in_its_cell() -> None:
    # `$a | b$` swallowed the cell's `|`: two cells shown as one formula in the first.
    html = render_markdown(
        "| x | y | z |\n|---|---|---|\n| $a | b$ | $c$ |\n| $\\|v\\|$ | $d$ | e |\n\n$f | g$"
    )
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert [unescape(re.sub(r"<[^>]*>", "", cell)) for cell in cells] == [
        "$a", "b$", "$c$", "$\\|v\\|$", "$d$", "e"
    ]  # fmt: skip
    assert _math(html) == ["$c$", "$\\|v\\|$", "$d$", "$f | g$"]


def test_an_escaped_pipe_in_a_formula_in_a_table_is_the_norm_as_written() -> None:
    # `\|` in a cell is the cell's `|` (GFM: cmark-gfm, markdown-it and pandoc's gfm reader
    # drop its backslash, in a code span too), and a TeX writer's norm `$\|x - y\|_2$`
    # showed as `$|x - y|_2$`. In a formula it is TeX's, as pandoc's Markdown reads it;
    # outside one, still the cell's `|`.
    html = render_markdown(
        "| loss | bound |\n|---|---|\n| $\\|x - y\\|_2$ | \\(\\|w\\| \\le 1\\) |\n"
        "| a \\| b | `c \\| d` |"
    )
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert [unescape(re.sub(r"<[^>]*>", "", cell)) for cell in cells] == [
        "$\\|x - y\\|_2$", "\\(\\|w\\| \\le 1\\)", "a | b", "c | d"
    ]  # fmt: skip
    assert _math(html) == ["$\\|x - y\\|_2$", "\\(\\|w\\| \\le 1\\)"]


# As Springer's abstracts write their math (Crossref's metadata of Coron, Greuet and Zeitoun,
# Eurocrypt 2020, as OccDeser/Paper-Archive's docs/en/Eurocrypt/Eurocrypt 20-3.md holds it).
SPRINGER = (
    "For security against t probes, the classical ISW countermeasure requires "
    "\\(\\mathcal{O}(t^2 s)\\) random bits, [...] reduced to "
    "\\(\\mathcal{\\tilde{O}}(t^{4})\\), that is independent of the circuit size s."
)


@pytest.mark.parametrize("render", [render_markdown, render_inline])
def test_latex_between_backslashed_parentheses_is_math_as_written(
    render: Callable[[str], str],
) -> None:
    # Markdown read `\(` as an escaped `(`: the page showed "(\mathcal{O}(t^2 s))", and
    # "{\tilde{O}}" lost its backslash before the brace.
    html = render(SPRINGER)
    assert _math(html) == ["\\(\\mathcal{O}(t^2 s)\\)", "\\(\\mathcal{\\tilde{O}}(t^{4})\\)"]
    assert parse_html(html).all_text() == SPRINGER


def test_display_latex_between_backslashed_brackets_is_math_as_written() -> None:
    # As Overleaf's users write a display formula, on lines of its own: `\|` was `|`, and
    # `_{i}\|` and `\hat{x}_i` set italics between their underscores.
    text = (
        "We minimise\n\\[\n  \\mathcal{L} = \\sum_{i} \\|x_i - \\hat{x}_i\\|^2_2 \\\\ "
        "a < b\n\\]\nover the batch, \\(x_i\n\\in X\\) (the break an import's wrapping makes)."
    )
    html = render_markdown(text)
    assert _math(html) == [
        "\\[\n  \\mathcal{L} = \\sum_{i} \\|x_i - \\hat{x}_i\\|^2_2 \\\\ a < b\n\\]",
        "\\(x_i\n\\in X\\)",
    ]
    assert "<em>" not in html and "a &lt; b" in html


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("An escaped backslash: \\\\(x\\)", "An escaped backslash: \\(x)"),
        ("In code: `\\(x_1\\)`", "In code: \\(x_1\\)"),
        ("Not across paragraphs: \\(a\n\nb\\)", "Not across paragraphs: (ab)"),
        ("Empty: \\(\\) and \\[ \\]", "Empty: () and [ ]"),
        ("Unclosed: \\( and \\[", "Unclosed: ( and ["),
        # brackets escaped around words, as Markdown writers do: no display math
        ("See \\[PDF\\], \\[1\\] and \\[*in press*\\]", "See [PDF], [1] and [in press]"),
    ],
)
def test_backslashed_delimiters_that_open_no_math_are_markdown(text: str, shown: str) -> None:
    html = render_markdown(text)
    assert _math(html) == []
    assert parse_html(html).all_text().replace("\n", "") == shown


def test_escaped_brackets_around_a_link_keep_the_link() -> None:
    # `\[[PDF](…)\]`, as a bio brackets its links: no formula, which would show the link's
    # Markdown as written; an escaped parenthesis in an address is the address's.
    html = render_markdown(
        "\\[[PDF](static/p.pdf)\\] on [Foo](https://en.wikipedia.org/wiki/Foo_\\(bar\\))"
    )
    links = [dict(attrs)["href"] for tag, attrs in parse_html(html).elements if tag == "a"]
    assert links == ["static/p.pdf", "https://en.wikipedia.org/wiki/Foo_(bar)"]
    assert parse_html(html).all_text() == "[PDF] on Foo"


@pytest.mark.parametrize("render", [render_markdown, render_inline, render_page_text])
def test_markup_inside_backslashed_math_is_text(render: Callable[[str], str]) -> None:
    text = '\\(<script>alert(1)</script> <b onclick="x">\\) and \\[<img src=x onerror=a()>\\]'
    page = parse_html(render(text))
    assert [tag for tag, _ in page.elements if tag != "p"] == ["span", "span"]
    assert page.all_text() == text and not page.scripts


def test_a_url_holding_dollar_signs_links_to_what_was_written() -> None:
    html = render_markdown("Data at https://example.org/$a$b and [here](https://example.org/?$x$).")
    hrefs = [dict(attrs)["href"] for tag, attrs in parse_html(html).elements if tag == "a"]
    assert hrefs == ["https://example.org/$a$b", "https://example.org/?$x$"]


def test_one_tilde_is_text_and_two_strike_through() -> None:
    page = parse_html(render_markdown("Gains of ~10% and ~20%, ~~not 30%~~."))
    assert [tag for tag, _ in page.elements] == ["p", "del"]
    assert page.all_text() == "Gains of ~10% and ~20%, not 30%."


def test_bare_urls_become_safe_links_and_other_schemes_never_do() -> None:
    html = render_markdown(
        "Code at https://github.com/x/y, see www.example.org or mail a@example.org.\n\n"
        "Not <javascript:alert(1)>, javascript:alert(1), <data:text/html,x> or "
        "[x](vbscript:msgbox(1)) or ftp://example.org/f."
    )
    page = parse_html(html)
    links = [dict(attrs) for tag, attrs in page.elements if tag == "a"]
    hrefs = [link["href"] for link in links if "href" in link]
    assert hrefs == ["https://github.com/x/y", "http://www.example.org", "mailto:a@example.org"]
    # A link whose address was dropped is text: no rel, which needs an href (valid HTML)
    assert [link.get("rel") for link in links] == [
        "nofollow noopener" if "href" in link else None for link in links
    ]
    assert {scheme(url) for url in page.urls()} <= {"http", "https", "mailto"}
    assert "javascript:alert(1)" in page.all_text()


def test_allowed_raw_html_is_kept_and_the_rest_dropped() -> None:
    page = parse_html(render_markdown('H<sub>2</sub>O and x<sup>2</sup> <img src=x onerror="a()">'))
    assert [tag for tag, _ in page.elements] == ["p", "sub", "sup"]
    assert page.all_text().strip() == "H2O and x2"


def test_raw_html_keeps_only_the_listed_attributes() -> None:
    html = render_markdown(
        '<p title="t" lang="fr" id="x">a <a href="https://e.org/p/" title="y" lang="en">b</a></p>\n\n'
        '<span class="math" title="z">c</span> <em lang="de" dir="rtl">d</em>'
    )
    assert parse_html(html).shapes() == {
        ("p", ()), ("a", ("href", "rel", "title")), ("span", ("class",)), ("em", ()),
    }  # fmt: skip


def test_plain_text_is_one_line_without_markup_or_control_characters() -> None:
    text = "A *new* `method`:\n\n- one &#1;\n- two &amp; <b>three</b>\n\n| a |\n|---|\n| $x_1$ |"
    assert plain_text(text) == "A new method: one two & three a $x_1$"


def test_plain_text_keeps_text_beside_tags_whose_attributes_hold_angle_brackets() -> None:
    text = '[a > b](/x "c > d") <span title="e > f">g</span> ![h](p.png "i<j") k < l'
    assert plain_text(text) == "a > b g h k < l"  # an image reads as its alt text


def test_saved_renderings_are_fetched_many_at_once(tmp_path: Path) -> None:
    """A profile's 1,800 abstracts: looked up in a few queries, found or left for later."""
    from generator.cache import BuildCache
    from generator.markup import Memo

    cache = BuildCache(tmp_path)
    texts = [f"Abstract number *{i}*." for i in range(1203)]  # more than one chunk of 500
    cache.save_markup({("md", t): f"<p>saved {i}</p>" for i, t in enumerate(texts[:1200])})
    lookup = cache.markup()
    found = lookup.many("md", texts)
    assert found == {t: f"<p>saved {i}</p>" for i, t in enumerate(texts[:1200])}
    assert lookup.many("inline", texts) == {}  # another kind
    memo = Memo()
    memo.backing = lookup
    memo.prefetch("md", texts)
    assert len(memo.seen) == 1200
    computed: list[str] = []
    assert memo.get("md", texts[5], computed.append) == "<p>saved 5</p>"  # type: ignore[arg-type]
    assert memo.get("md", texts[1201], lambda t: "<p>new</p>") == "<p>new</p>"
    assert computed == []
    cache.close()


def test_an_image_shows_its_description_as_text() -> None:
    """Pages load nothing from other hosts, so an image is left out, but not its words."""
    html = render_markdown('See ![Figure 1: "the" results](https://x.org/f.png "t") here.')
    assert parse_html(html).all_text() == 'See Figure 1: "the" results here.'
    assert "<img" not in html
    title = render_inline("![SPADE](logo.png): Sparse *Attention*")
    assert parse_html(title).all_text() == "SPADE: Sparse Attention"
    assert plain_text("![Figure 2](f.png) shows it.") == "Figure 2 shows it."


def test_table_alignment_is_a_class_not_the_obsolete_align_attribute() -> None:
    # HTML made `align` obsolete (the Nu checker warns on every cell); the theme aligns by class.
    html = render_markdown("| a | b | c | d |\n|:--|--:|:-:|---|\n| 1 | 2 | 3 | 4 |")
    cells = [dict(attrs) for tag, attrs in parse_html(html).elements if tag in ("th", "td")]
    assert [cell.get("class") for cell in cells] == [
        "align-left",
        "align-right",
        "align-center",
        None,
    ] * 2
    assert all("align" not in cell for cell in cells)


@pytest.mark.parametrize("render", [render_markdown, render_page_text])
def test_links_to_the_sites_own_pages_are_followed_and_links_away_are_not(
    render: Callable[[str], str],
) -> None:
    html = render(
        "See [the paper](papers/x/), [teaching](teaching/), [above](#top), [home](/) and "
        "[data](static/d.csv); [elsewhere](https://example.org/), [here in full]"
        '(https://me.example.org/teaching/), <a href="/\\evil.example">x</a> and '
        '[mail](mailto:a@example.org), [t](papers/y/ \'a" rel="me" onclick="x\').'
    )
    links = [dict(attrs) for tag, attrs in parse_html(html).elements if tag == "a"]
    rels = {link.get("href"): link.get("rel") for link in links}
    assert rels == {
        "papers/x/": None,
        "teaching/": None,
        "#top": None,
        "/": None,
        "static/d.csv": None,
        "papers/y/": None,
        "https://example.org/": "nofollow noopener",
        "https://me.example.org/teaching/": "nofollow noopener",
        None: None,  # `/\evil.example` is another host: its href is dropped, the text kept
        "mailto:a@example.org": "nofollow noopener",
    }
    # A title cannot open an attribute of its own: rel and onclick stay inside it.
    assert all(set(link) <= {"href", "title", "rel"} for link in links)


def _levels(html: str) -> list[tuple[str, str]]:
    """Each heading's level and words."""
    found = re.findall(r"<h(\d)[^>]*>(.*?)</h\d>", html, re.S)
    return [(level, re.sub(r"<[^>]*>", "", words).strip()) for level, words in found]


def test_a_heading_in_an_abstract_or_a_bio_is_a_heading() -> None:
    # `# Results` lost its tag (h1 and h2 were not allowed): its words ran into the text.
    html = render_markdown("# Results\n\nWe show.\n\n#### Detail\n\n## Method")
    assert _levels(html) == [("3", "Results"), ("4", "Detail"), ("4", "Method")]
    assert _levels(headings_below(html, 1)) == [("2", "Results"), ("3", "Detail"), ("3", "Method")]
    assert _levels(headings_below(html, 5)) == [("6", "Results"), ("6", "Detail"), ("6", "Method")]


def test_headings_of_abstracts_and_bios_follow_the_page_s_outline(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """Under the paper page's h2 "Abstract", the profile's h1 (the bio) and a card's h3 (its
    abstract), and the CV's h2 "About": one level below, none skipped (the Nu checker)."""
    from generator.build import build

    site = make_site(
        {
            "site.yaml": "title: Lab\nmain_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\nbio: |\n  # Background\n\n"
            "  Text.\n\n  ### Detail\n\n  More.\n",
            "content/papers/a-paper.md": "---\ntitle: A Paper\nauthors: [Ada Lovelace]\n"
            "date: 2024-05-01\n---\n## Results\n\nWe show.\n\n#### Sub\n\nx.\n",
        }
    )
    out = tmp_path / "out"
    build(site, out)
    paper = _levels((out / "papers" / "a-paper" / "index.html").read_text())
    assert paper[:4] == [("1", "A Paper"), ("2", "Abstract"), ("3", "Results"), ("4", "Sub")]
    profile = _levels((out / "index.html").read_text().split("<main")[1])
    assert [level for level in profile if level[1] in ("Background", "Detail")] == [
        ("2", "Background"), ("3", "Detail")
    ]  # fmt: skip
    assert [level for level in profile if level[1] in ("Results", "Sub")] == [
        ("4", "Results"), ("5", "Sub")
    ]  # fmt: skip
    cv = _levels((out / "cv" / "index.html").read_text())
    assert ("3", "Background") in cv and ("4", "Detail") in cv
    for page in (paper, profile, cv):
        levels = [int(level) for level, _ in page]
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), page


@pytest.mark.parametrize(
    "forbidden", ["\x01", "\x1b", "\x7f", "\ufdd0", "\ufffe", "\U0001fffe", "\U0010ffff"]
)
@pytest.mark.parametrize("around", ["plain words", "mots accentués", "中文 text"])
def test_an_abstract_shows_no_character_a_feed_or_page_may_not_hold(
    forbidden: str, around: str
) -> None:
    """What the page and the feed summary show of an abstract holds no C0 control, DEL or
    noncharacter (XML cannot read one), in ASCII text or not; characters whose UTF-8
    looks like a noncharacter's (U+0FFF, U+FFBF) are kept."""
    abstract = f"{around} {forbidden}end and \u0fff\uffbf kept"
    for shown in (render_markdown(abstract), plain_text(abstract)):
        assert forbidden not in shown
        assert "end" in shown and "\u0fff\uffbf kept" in shown
        assert around in shown
