"""Property-based tests: any bytes parse to a record or located problems; metric invariants.

tests/test_metrics.py already checks h-index bounds and monotonicity and novelty on small
vocabularies; here: parsing of arbitrary input, novelty of arbitrary Unicode text, the
metrics as assembled from records, and sanitised Markdown of arbitrary HTML-ish text.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.assemble import assemble
from generator.config import load_config
from generator.errors import Problems
from generator.i18n import half_up, shown_fraction
from generator.markup import _inline, is_plain_inline, render_inline, render_markdown
from generator.metrics import novelty_scores
from generator.model import Author, Paper, PartialDate, SiteConfig
from generator.parse import Text, parse_author, parse_paper, read_text
from generator.seo import _title_text, title_text
from tests.hostile.harness import MARKDOWN_SHAPES, parse_html, scheme

# Pieces of YAML and front matter, so that examples reach the parser's deeper paths.
TOKENS = ["---\n", "...\n", "title: ", "authors: ", "date: ", "links:\n  code: ", "citations: ",
          "score: ", "slug: ", "name: ", "metrics:\n  h_index: ", "[", "]", "{", "}", ", ",
          "- ", "&a ", "*a ", "!!python/object/apply:os.system ", "!!binary ", "? ", ": ",
          '"', "'", "\\", "\t", "\n", "\r\n", "\ufeff", "\x00", "\x0b", "2024-02-30", "2024",
          ".nan", "1e400", "99999999999999999999", "et al.", "javascript:alert(1)", "<script>",
          "$x$", "{{ 7*7 }}", "é", "\u2028", "%", "@", "`", "|", ">"]  # fmt: skip


def token_text(tokens: list[str], piece: int, most: int) -> st.SearchStrategy[str]:
    """Texts of up to ``most`` parts, each one of ``tokens`` or any text up to ``piece`` long."""
    return st.lists(st.one_of(st.sampled_from(tokens), st.text(max_size=piece)), max_size=most).map(
        "".join
    )


record_text = token_text(TOKENS, 8, 40)
record_bytes = st.one_of(
    st.binary(max_size=300),
    record_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(record_text, st.binary(max_size=4)).map(
        lambda p: p[0].encode("utf-8", "replace") + p[1]
    ),
)


def _located(problems: Problems, rel: str, data: bytes) -> None:
    """Every problem names the file and a line that exists (0 only for whole-file ones)."""
    lines = data.count(b"\n") + data.count(b"\r") + 2  # U+2028 is no line break to editors
    for problem in problems.items:
        assert problem.path == rel
        assert 0 <= problem.line <= lines, (problem, lines)
        assert problem.message and "Traceback" not in problem.message


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=record_bytes, suffix=st.sampled_from([".md", ".yaml"]))
def test_any_bytes_parse_to_a_paper_or_located_problems(
    data: bytes, suffix: str, tmp_path: Path
) -> None:
    path = tmp_path / f"paper{suffix}"
    path.write_bytes(data)
    rel = f"content/papers/paper{suffix}"
    problems = Problems()
    text = read_text(path, rel, problems)
    paper = parse_paper(text, problems) if text else None
    _located(problems, rel, data)
    assert (paper is None) == bool(problems.items)
    if paper is not None:
        assert paper.title and paper.authors and paper.slug == "paper"


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=record_bytes)
def test_any_bytes_parse_to_an_author_or_a_config_or_located_problems(
    data: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "ada.yaml"
    path.write_bytes(data)
    problems = Problems()
    text = read_text(path, "content/authors/ada.yaml", problems)
    author = parse_author(text, problems) if text else None
    _located(problems, "content/authors/ada.yaml", data)
    assert (author is None) == bool(problems.items)
    problems = Problems()
    config = load_config(path, "site.yaml", problems)
    _located(problems, "site.yaml", data)
    assert isinstance(config, SiteConfig)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(2000, 2003), st.text(max_size=60)), max_size=12))
def test_novelty_of_any_unicode_text_lies_in_the_unit_interval(
    docs: list[tuple[int, str]],
) -> None:
    scores = novelty_scores([(f"p{i}", (year, 1, 1), text) for i, (year, text) in enumerate(docs)])
    assert set(scores) <= {f"p{i}" for i in range(len(docs))}
    assert all(0.0 <= value <= 1.0 for value in scores.values())


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.one_of(st.none(), st.integers(0, 500)), st.integers(2015, 2026)), max_size=30
    ),
    st.integers(0, 200),
)
def test_assembled_metrics_keep_their_invariants(
    papers: list[tuple[int | None, int]], extra: int
) -> None:
    """From records to tiles: h within bounds, and more citations never lower h."""

    def tiles(records: list[tuple[int | None, int]]) -> dict[str, float]:
        site = assemble(
            SiteConfig(main_author="ada", build_date=dt.date(2026, 11, 28),
                       metrics=("h_index", "papers", "citations", "i10_index", "novelty")),
            [Paper(slug=f"p{i}", source=f"p{i}.md", title=f"Paper {i}", authors=("Ada",),
                   date=PartialDate(year), citations=c) for i, (c, year) in enumerate(records)],
            [Author(slug="ada", source="ada.yaml", name="Ada")],
            Problems(),
        )  # fmt: skip
        return {m.key: m.value for m in site.profiles[0].metrics}

    values = tiles(papers)
    counts = [c for c, _ in papers if c is not None]
    # No listed paper: no `0 papers` tile either, a metric without data.
    assert values.get("papers") == (len(papers) if papers else None)
    if counts:
        assert values["h_index"] <= len(counts) and values["h_index"] <= max(counts)
        assert values["citations"] == sum(counts)
        assert values["i10_index"] <= len(counts)
    else:
        assert "h_index" not in values and "citations" not in values  # no data: not shown as 0
    assert 0.0 <= values.get("novelty", 0.0) <= 1.0
    if papers:
        bumped = [(None if c is None else c + extra if i == 0 else c, y)
                  for i, (c, y) in enumerate(papers)]  # fmt: skip
        assert tiles(bumped).get("h_index", 0) >= values.get("h_index", 0)


HTML_TOKENS = ["<", ">", "</", "/>", "<script>", "<svg", "<math", "<img", "<a ", "href=",
               "src=", "onerror=", "style=", "javascript:", "java\tscript:", "data:", "&#",
               "&#x6A;", ";", '"', "'", "`", "[x](", ")", "![", "](", "\n\n", "    ", "> ", "- ",
               "|", "$", "<!--", "-->", "<![CDATA[", "]]>", "<style>", "url(", "<iframe",
               "srcdoc=", "<base", "<form", " ", "\\(", "\\)", "\\[", "\\]", "\\", "~~~",
               "```", "\n    "]  # fmt: skip
HTMLISH = token_text(HTML_TOKENS, 4, 40)


@settings(max_examples=400, deadline=None)
@given(HTMLISH)
def test_sanitised_markdown_of_any_text_holds_only_allowed_markup(text: str) -> None:
    for html in (render_markdown(text), render_inline(text)):
        page = parse_html(html)
        assert page.shapes() <= MARKDOWN_SHAPES, (text, html)
        assert not page.scripts
        for url in page.urls():
            assert scheme(url) in ("", "http", "https", "mailto"), (text, url)


# Titles as records hold them: words, numbers and the punctuation titles use, with every
# character that cmark, HTML or the sanitiser could read as more than text.
TITLE_TOKENS = ["Deep", "learning", "GPT-4", "x:y", "1. ", "1) ", "# ", "- ", "+ ", "> ", "  ",
                " ", "'", '"', "(", ")", ",", ".", "?", "%", "/", "=", "|", "{", "}", "^", "@",
                "www.a.org", "http://a.b", "a@b.org", "#12;", "é", "Ø", "中", "😀", "\u0301",
                "\u00a0", "\u00ad", "\u200b", "\u2028", "\ufeff", "\ufffe", "\t", "\n", "\r",
                "\x85", "\x1b", "*", "_", "`", "[", "]", "!", "<", ">", "&", "~", "$", "\\",
                "&amp;", "*a*", "_a_", "~~a~~", "$x$", "`a`", "[a](b)", "<b>", "\\*",
                "\\.", "\\(", "![a](b)", "Hello!"]  # fmt: skip


def random_token_texts(tokens: list[str], piece: int, most: int, count: int) -> list[str]:
    """``count`` texts of up to ``most`` parts, each one of ``tokens`` or up to ``piece``
    characters (ASCII, Latin and punctuation, or any code point but a surrogate), drawn
    with a fixed seed, and the empty text and each token alone.

    As :func:`token_text` draws them, at a fraction of its cost: Hypothesis took 20 s to
    draw 3,000 titles that the functions under test read in one.
    """
    rng = random.Random(f"{count}/{most}/{piece}")

    def char() -> str:
        ranges = ((0, 0x7F), (0x80, 0x2FFF), (0, 0xD7FF), (0xE000, 0x10FFFF))
        low, high = rng.choice(ranges)
        return chr(rng.randint(low, high))

    def part() -> str:
        if rng.random() < 0.5:
            return rng.choice(tokens)
        return "".join(char() for _ in range(rng.randint(0, piece)))

    drawn = ["".join(part() for _ in range(rng.randint(0, most))) for _ in range(count)]
    return ["", *tokens, *drawn]


def test_a_title_taken_as_plain_text_reads_as_its_conversion_would() -> None:
    """Titles that skip cmark and the sanitiser (most) show exactly what converting them
    would show: on the page, in the Scholar tags, in the title order."""
    for text in random_token_texts(TITLE_TOKENS, 3, 12, 4000):
        if is_plain_inline(text):
            assert _inline(text) == text, text
            assert _title_text(text) == text, text
        assert render_inline(text) == _inline(text), text
        assert title_text(text) == _title_text(text), text


def test_text_of_a_record_path_is_kept(tmp_path: Path) -> None:
    """The property tests' reading of a record is the build's reading (same function)."""
    path = tmp_path / "x.md"
    path.write_bytes(b"---\ntitle: T\nauthors: [A]\ndate: 2024\n---\nBody\n")
    problems = Problems()
    text = read_text(path, "x.md", problems)
    assert text == Text("x.md", "---\ntitle: T\nauthors: [A]\ndate: 2024\n---\nBody\n")


@given(
    st.one_of(
        st.floats(0, 1),
        # halves and their float neighbours, where the cheap path must hand over
        st.integers(0, 99).map(lambda k: (k + 0.5) / 100),
        st.integers(0, 99).map(lambda k: (k + 0.5) / 100 + 1e-17 * (k % 3 - 1)),
        st.integers(0, 9999).map(lambda k: k / 10000),
    )
)
def test_a_fraction_is_shown_as_its_written_value_rounds_half_up(fraction: float) -> None:
    """The novelty a paper's page and a tile show: a whole percent, a half up, from the
    fraction as written (``0.465`` is 47%), whichever way it is computed."""
    assert shown_fraction(fraction) == float(half_up(fraction, 2))
