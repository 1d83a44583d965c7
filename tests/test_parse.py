"""Parsing and validating records: every problem located on the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Problems
from generator.model import PartialDate
from generator.parse import Text, parse_author, parse_paper, split_front_matter


def paper(text: str, path: str = "content/papers/x.md") -> tuple[object, list[str]]:
    problems = Problems()
    record = parse_paper(Text(path, text), problems)
    return record, [str(p) for p in problems.items]


GOOD = """---
title: "Safe RLHF-V: Safe RL"
authors:
  - Jiaming Ji
  - Xinyu Chen
  - et al.
date: 2025-03-22
category: cs.LG
score: 96.9
citations: 12
links:
  code: https://github.com/x/y
  arxiv: 2503.17682
---
The abstract with $\\mathbf{(I)}$.
"""


def test_good_record_has_every_field() -> None:
    record, problems = paper(GOOD)
    assert problems == []
    assert record.title == "Safe RLHF-V: Safe RL"  # type: ignore[attr-defined]
    assert record.authors == ("Jiaming Ji", "Xinyu Chen")  # type: ignore[attr-defined]
    assert record.authors_truncated is True  # type: ignore[attr-defined]
    assert record.date == PartialDate(2025, 3, 22)  # type: ignore[attr-defined]
    assert record.links["arxiv"] == "https://arxiv.org/abs/2503.17682"  # type: ignore[attr-defined]
    assert record.abstract == "The abstract with $\\mathbf{(I)}$."  # type: ignore[attr-defined]
    assert record.lines["score"] == 9  # type: ignore[attr-defined]


def test_lines_count_the_front_matter_fence() -> None:
    text = "---\ntitle: T\nauthors: [A]\ndate: 2024\ncitaions: 3\n---\nbody\n"
    _, problems = paper(text)
    assert problems == [
        "content/papers/x.md:5: unknown field `citaions`; did you mean `citations`?"
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("date: 2024-13-45", "x.md:4: `date` 2024-13-45 has no month 13"),
        ("date: 2023-02-29", "x.md:4: `date` 2023-02-29 is not a calendar day"),
        # A date written as people write it: the message writes it the way to write it.
        (
            "date: May 2024",
            "x.md:4: `date` must be a date written YYYY-MM-DD, YYYY-MM or "
            "YYYY, not 'May 2024'; write `2024-05`",
        ),
        (
            "date: 2024/03/05",
            "x.md:4: `date` must be a date written YYYY-MM-DD, YYYY-MM or "
            "YYYY, not '2024/03/05'; write `2024-03-05`",
        ),
        (
            "date: 05.03.2024",
            "x.md:4: `date` must be a date written YYYY-MM-DD, YYYY-MM or "
            "YYYY, not '05.03.2024'; write `2024-03-05`",
        ),
        (
            "date: 3/5/2024",
            "x.md:4: `date` must be a date written YYYY-MM-DD, YYYY-MM or "
            "YYYY, not '3/5/2024'; write `2024-05-03` (day 3) or `2024-03-05` (day 5), whichever",
        ),
        # A time stamp, as Hugo's and Jekyll's front matter write a date
        (
            "date: 2024-05-01T00:00:00Z",
            "x.md:4: `date` must be a date written YYYY-MM-DD, YYYY-MM or YYYY, not "
            "'2024-05-01T00:00:00Z'; write `2024-05-01` (the date, without its time)",
        ),
        (
            "date: 2024-5-1 23:30:00 -05:00",
            "x.md:4: `date` must be a date written YYYY-MM-DD, YYYY-MM or YYYY, not "
            "'2024-5-1 23:30:00 -05:00'; write `2024-05-01` (the date, without its time)",
        ),
        ("date: 2024-05-01\ncitations: -3", "x.md:5: `citations` must be 0 or more, not -3"),
        ("date: 2024-05-01\ncitations: 2.5", "x.md:5: `citations` must be a whole number"),
        ("date: 2024-05-01\nscore: 250", "x.md:5: `score` must be a number from 0 to 100, not 250"),
        ("date: 2024-05-01\nscore: .nan", "x.md:5: `score` must be a number from 0 to 100"),
        ("date: 2024-05-01\nfeatured: yes please", "x.md:5: `featured` must be true or false"),
        (
            "date: 2024-05-01\nlinks: {code: 'javascript:alert(1)'}",
            "x.md:5: link `code` uses the `javascript:` scheme",
        ),
        (
            "date: 2024-05-01\nlinks: {cdoe: 'https://x.org'}",
            "x.md:5: unknown link `cdoe` in `links`; did you mean `code`?",
        ),
        ("date: 2024-05-01\nslug: Bad Slug", "x.md:5: slug 'Bad Slug' must match"),
        (
            "date: 2024-05-01\nlinks:\n  - https://x.org/p.pdf",
            "x.md:5: `links` must be a mapping of names to URLs, not a list; write each link as "
            "`name: URL` on its own line under `links:`",
        ),
    ],
)
def test_bad_values_are_located(line: str, expected: str) -> None:
    text = f"---\ntitle: T\nauthors: [A]\n{line}\n---\nbody\n"
    record, problems = paper(text)
    assert record is None
    assert len(problems) == 1, problems
    assert problems[0].startswith("content/papers/" + expected)


@pytest.mark.parametrize(
    ("line", "fix"),
    [
        (
            'citations: "12"',
            "`citations` must be a whole number, not '12' (text, in quotes); write it without quotes: 12",
        ),
        (
            "score: '96.9'",
            "`score` must be a number from 0 to 100, not '96.9' (text, in quotes); write it without quotes: 96.9",
        ),
        (
            'featured: "True"',
            "`featured` must be true or false, not 'True' (text, in quotes); write it without quotes: true",
        ),
    ],
)
def test_a_number_or_flag_in_quotes_says_to_remove_them(line: str, fix: str) -> None:
    # `not '12'` alone reads as nonsense: 12 is a whole number. The quotes are the problem.
    _, problems = paper(f"---\ntitle: T\nauthors: [A]\ndate: 2024\n{line}\n---\n")
    assert problems == [f"content/papers/x.md:5: {fix}"]
    key, written = line.split(": ")[0], fix.rsplit(" ", 1)[-1]
    _, problems = paper(f"---\ntitle: T\nauthors: [A]\ndate: 2024\n{key}: {written}\n---\n")
    assert problems == []


@pytest.mark.parametrize(
    ("written", "number"),
    [("7.5/10", "75"), ("4 / 5", "80"), ("75%", "75"), ("2/3", "66.67"), ("17/20", "85")],
)
def test_a_score_out_of_another_number_says_the_score_out_of_100(written: str, number: str) -> None:
    """`score: 7.5/10`, as a reviewing platform shows it, was "must be a number from 0 to
    100, not '7.5/10'", with no number to write."""
    _, problems = paper(f"---\ntitle: T\nauthors: [A]\ndate: 2024\nscore: {written}\n---\n")
    assert problems == [
        f"content/papers/x.md:5: `score` must be a number from 0 to 100, not '{written}'; it is "
        f"out of 100: write `score: {number}`"
    ]
    _, problems = paper(f"---\ntitle: T\nauthors: [A]\ndate: 2024\nscore: {number}\n---\n")
    assert problems == []
    _, problems = paper("---\ntitle: T\nauthors: [A]\ndate: 2024\nscore: 11/10\n---\n")
    assert problems == [
        "content/papers/x.md:5: `score` must be a number from 0 to 100, not '11/10'"
    ]


@pytest.mark.parametrize(
    ("written", "fix"),
    [("12k", "write the whole number: 12000"), ("1.5M", "write the whole number: 1500000")],
)
def test_a_count_written_as_a_profile_shows_it_says_the_number(written: str, fix: str) -> None:
    # `citations: 12k` copied from a profile was "must be a whole number, not '12k'", no fix.
    _, problems = paper(f"---\ntitle: T\nauthors: [A]\ndate: 2024\ncitations: {written}\n---\n")
    assert problems == [
        f"content/papers/x.md:5: `citations` must be a whole number, not '{written}'; {fix}"
    ]
    number = fix.rsplit(" ", 1)[-1]
    _, problems = paper(f"---\ntitle: T\nauthors: [A]\ndate: 2024\ncitations: {number}\n---\n")
    assert problems == []
    # one the abbreviation cannot give exactly: the count to look up, and about how many
    _, problems = paper("---\ntitle: T\nauthors: [A]\ndate: 2024\ncitations: 1.2345k\n---\n")
    assert problems == [
        "content/papers/x.md:5: `citations` must be a whole number, not '1.2345k'; write the "
        "whole number, the exact count (about 1234)"
    ]
    # digits past what any count has: no hint (Python refuses to read 4,300 digits at once)
    long = "1." + "9" * 6000 + "k"
    _, problems = paper(f"---\ntitle: T\nauthors: [A]\ndate: 2024\ncitations: {long}\n---\n")
    assert len(problems) == 1 and "must be a whole number" in problems[0]


def test_a_bad_entry_of_a_long_list_is_reported_on_its_own_line() -> None:
    # In a list of 30 authors, "line 3" (the `authors:` key) leaves the reader searching.
    names = "".join(f"  - Author {i}\n" for i in range(30))
    text = (
        f"---\ntitle: T\ndate: 2024\nauthors:\n{names}  -\n  - Smith: J.\n"
        "  - Last Author\ntags:\n  - ml\n  - [nested]\n---\n"
    )
    record, problems = paper(text)
    assert record is None
    assert problems == [
        "content/papers/x.md:35: an entry of `authors` is empty (a `-` with nothing after it, "
        "or `null`); write it or remove the line",
        "content/papers/x.md:36: an entry of `authors` holds `: `, which YAML reads as "
        "`name: value`; put it in quotes: `- 'Smith: J.'`",
        "content/papers/x.md:40: an entry of `tags` must be text, not a list",
    ]
    # In brackets there is no `-`: the `null` is named
    _, problems = paper("---\ntitle: T\ndate: 2024\nauthors: [A]\ntags: [ml, null, ~]\n---\n")
    assert (
        problems
        == [
            "content/papers/x.md:5: an entry of `tags` is empty (`null` or `~` between the "
            "brackets); write it or remove it"
        ]
        * 2
    )
    # The quick reader (plain `- name` lines) places entries as PyYAML does.
    _, problems = paper("---\ntitle: T\ndate: 2024\nauthors:\n  - A\n  - et al.\n  - B\n---\n")
    assert problems == [
        "content/papers/x.md:6: "
        "`et al.` may only end the author list; move it after the last name, or remove it"
    ]


@pytest.mark.parametrize(
    ("authors", "pair", "fix"),
    [
        ("[Müller, Zoë, et al.]", "`Müller, Zoë`", "`Zoë Müller`, or quote it: `'Müller, Zoë'`"),
        ("[Ann Lee, Smith, J.]", "`Smith, J.`", "`J. Smith`, or quote it: `'Smith, J.'`"),
    ],
)
def test_a_last_name_first_split_by_a_flow_list_is_refused(
    authors: str, pair: str, fix: str
) -> None:
    # Read as two people, Zoë Müller's own paper would silently not be hers.
    _, problems = paper(f"---\ntitle: T\ndate: 2024\nauthors: {authors}\n---\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"content/papers/x.md:4: {pair} in `[…]` is read as two names")
    assert f"; write {fix} (two people known by one name each: one per `- ` line)" in problems[0]


def test_an_author_written_as_a_record_slug_is_refused_on_its_line() -> None:
    # `- ada-lovelace` is no way to point at content/authors/ada-lovelace.yaml: the pages
    # would show the slug, lowercase and hyphenated, as the person's name.
    _, problems = paper(
        "---\ntitle: T\ndate: 2024\nauthors:\n  - Charles Babbage\n  - ada-lovelace\n---\n"
    )
    assert problems == [
        "content/papers/x.md:6: `ada-lovelace` in `authors` looks like a file name (a slug), "
        "and pages would show it so; write the name as it should show, such as `Ada Lovelace` "
        "(a site author is found by the `name` or `aliases` of their record)"
    ]
    _, problems = paper("---\ntitle: T\ndate: 2024\nauthors: [ada-lovelace, bob]\n---\n")
    assert len(problems) == 1 and "`ada-lovelace` in `authors` looks like" in problems[0]


@pytest.mark.parametrize(
    "authors",
    [
        "['Müller, Zoë', Bob Smith]",
        "[Zoë Müller, Bob Smith]",
        "[王小明, 李华, 김민수, Layla Haddad]",  # names written without a space
        "[Ann Lee, Bob, others]",
        "\n  - Plato\n  - Aristotle",  # one per line: two people known by one name each
    ],
)
def test_lists_of_whole_names_are_accepted(authors: str) -> None:
    record, problems = paper(f"---\ntitle: T\ndate: 2024\nauthors: {authors}\n---\n")
    assert problems == []
    assert record is not None


def test_one_author_or_tag_without_brackets_is_a_list_of_one() -> None:
    """As the README says of `tags`, `authors` and `aliases`: `tags: graphs` is `[graphs]`."""
    record, problems = paper(
        "---\ntitle: T\ndate: 2024\nauthors: Ada Lovelace\ntags: graphs\n---\n"
    )
    assert problems == []
    assert record.authors == ("Ada Lovelace",) and record.tags == ("graphs",)  # type: ignore[attr-defined]


def test_a_value_that_is_no_date_is_named_as_written() -> None:
    # YAML reads `date: yes` as true: the message says it as the file does, not as `True`.
    _, problems = paper("---\ntitle: T\nauthors: [A]\ndate: yes\n---\n")
    assert problems == [
        "content/papers/x.md:4: `date` must be a date written YYYY-MM-DD, YYYY-MM or YYYY, "
        "not true/false"
    ]


def test_a_yaml_record_that_is_a_list_says_so_without_front_matter() -> None:
    # A .yaml record has no front matter: the message names what the reader wrote.
    _, problems = paper("- title: T\n- date: 2024\n", "content/papers/x.yaml")
    assert problems == ["content/papers/x.yaml:1: the file must be a mapping of `key: value` lines"]
    _, problems = paper("---\n- title: T\n---\n")
    assert problems == [
        "content/papers/x.md:2: the front matter must be a mapping of `key: value` lines"
    ]


def test_keys_other_tools_write_say_what_to_write_instead() -> None:
    # al-folio, academicpages and Hugo write these; "did you mean `score`?" for `code`
    # would send the researcher the wrong way.
    text = (
        "---\ntitle: T\nauthors: [A]\ndate: 2024\nyear: 2024\ncode: https://github.com/a/b\n"
        "url: https://a.org/p\njournal: Nature\narxiv: 2401.12345\nkeywords: [ml]\n---\n"
    )
    _, problems = paper(text)
    link = "a link goes under `links:`, one indented line each (`links:`, then `  {}: https://…`)"
    assert problems == [
        "content/papers/x.md:5: unknown field `year`; write the year as `date:` (`date: 2024`, "
        "or the full date)",
        f"content/papers/x.md:6: unknown field `code`; {link.format('code')}",
        f"content/papers/x.md:7: unknown field `url`; {link.format('paper')}",
        "content/papers/x.md:8: unknown field `journal`; write the journal as `venue:`",
        "content/papers/x.md:9: unknown field `arxiv`; write the arXiv id as `arxiv_id:` (its "
        "link is made from it)",
        "content/papers/x.md:10: unknown field `keywords`; write them as `tags:`",
    ]
    author_problems = Problems()
    parse_author(
        Text("content/authors/a.yaml", "name: A\nhomepage: https://a.org\nh_index: 3\n"),
        author_problems,
    )
    assert [str(p) for p in author_problems.items] == [
        f"content/authors/a.yaml:2: unknown field `homepage`; {link.format('homepage')}",
        "content/authors/a.yaml:3: unknown field `h_index`; a declared metric goes under "
        "`metrics:` (`metrics:`, then `  h_index: …`)",
    ]


def test_authors_in_quartos_shape_and_text_yaml_reads_as_true_say_what_to_write() -> None:
    # Quarto and CITATION.cff list authors as `- name: …` with affiliations; YAML reads an
    # unquoted `yes`, `no`, `on`, `off` as true/false.
    text = (
        "---\ntitle: T\ndate: 2024\nauthors:\n  - name: Ada Lovelace\n"
        "    affiliation: Analytical Society\n  - Charles Babbage\ntags: [ml, on]\n---\n"
    )
    _, problems = paper(text)
    assert problems == [
        "content/papers/x.md:5: an entry of `authors` is a mapping (`name: …`); write the name "
        "alone: `- Ada Lovelace`",
        "content/papers/x.md:8: an entry of `tags` must be text, not true/false; YAML reads an "
        "unquoted yes, no, on, off, true or false so: put the text in quotes",
    ]


def test_every_problem_of_a_record_in_one_pass() -> None:
    text = "---\ntitle: T\nauthors: []\ndate: 2024-13-01\nscore: 250\ncitaions: 1\n---\n"
    _, problems = paper(text)
    lines = sorted(int(p.split(":")[1]) for p in problems)
    assert lines == [3, 4, 5, 6]


def test_a_missing_required_field_says_where_to_add_it() -> None:
    _, problems = paper("---\ncategory: cs.AI\nvenue: ICML 2024\n---\nbody\n")
    assert problems == [
        "content/papers/x.md:1: missing required field `title` (the paper's title); "
        "add `title:` to the front matter (lines 1–4)",
        "content/papers/x.md:1: missing required field `authors` (list of names in order; "
        "end with 'et al.' if truncated); add `authors:` to the front matter (lines 1–4)",
        "content/papers/x.md:1: missing required field `date` (YYYY-MM-DD, YYYY-MM or YYYY); "
        "add `date:` to the front matter (lines 1–4)",
    ]


def test_a_missing_required_field_of_a_yaml_record_names_the_file() -> None:
    problems = Problems()
    parse_author(Text("content/authors/a.yaml", "# Ada\nfield: AI\naffiliation: X\n"), problems)
    assert [str(p) for p in problems.items] == [
        "content/authors/a.yaml:1: missing required field `name`; add `name:` to the file "
        "(lines 1–3)"
    ]
    _, found = paper("authors: [A]\ndate: 2024\n", "content/papers/x.yaml")
    assert found == [
        "content/papers/x.yaml:1: missing required field `title` (the paper's title); "
        "add `title:` to the file (lines 1–2)"
    ]


def test_yaml_syntax_error_is_on_its_line() -> None:
    _, problems = paper("---\ntitle: T\nauthors: [A\ndate: 2024\n---\n")
    assert len(problems) == 1
    assert problems[0].startswith("content/papers/x.md:")
    assert "YAML syntax error" in problems[0]
    line = int(problems[0].split(":")[1])
    assert 3 <= line <= 5


def test_no_front_matter() -> None:
    _, problems = paper("Just an abstract\n")
    assert problems == [
        "content/papers/x.md:1: has no front matter; start the file with a `---` line, "
        "the fields, and another `---` line, then the abstract"
    ]


def test_python_tags_are_refused() -> None:
    _, problems = paper(
        "---\ntitle: !!python/object/apply:os.system [echo hi]\nauthors: [A]\ndate: 2024\n---\n"
    )
    assert len(problems) == 1 and "x.md:2:" in problems[0]


def test_yaml_paper_with_abstract_key() -> None:
    record, problems = paper(
        "title: T\nauthors: [A]\ndate: 2024-05\nabstract: |\n  Para one.\n", "content/papers/t.yaml"
    )
    assert problems == []
    assert record.abstract.strip() == "Para one."  # type: ignore[attr-defined]
    assert record.date == PartialDate(2024, 5)  # type: ignore[attr-defined]


def test_et_al_only_at_the_end() -> None:
    _, problems = paper("---\ntitle: T\nauthors: [A, et al., B]\ndate: 2024\n---\n")
    assert problems == [
        "content/papers/x.md:3: "
        "`et al.` may only end the author list; move it after the last name, or remove it"
    ]


def test_crlf_and_bom_are_read() -> None:
    raw = "\ufeff---\r\ntitle: T\r\nauthors: [A]\r\ndate: 2024\r\nscore: 500\r\n---\r\nbody\r\n"
    _, problems = paper(raw.removeprefix("\ufeff").replace("\r\n", "\n"))
    assert problems[0].startswith("content/papers/x.md:5:")


def test_split_front_matter_reports_body_line() -> None:
    parts = split_front_matter("---\na: 1\nb: 2\n---\nbody\n")
    assert parts is not None
    assert parts[2] == "body\n" and parts[3] == 5


def test_author_metrics_and_novelty_forms() -> None:
    problems = Problems()
    text = "name: A\nmetrics:\n  h_index: 24\n  novelty: '47%'\n  score: 57\nmetrics_source: GS\n"
    author = parse_author(Text("content/authors/a.yaml", text), problems)
    assert problems.items == []
    assert author is not None and author.metrics == {"h_index": 24, "novelty": 0.47, "score": 57}


def test_author_unknown_metric_hint() -> None:
    problems = Problems()
    parse_author(Text("content/authors/a.yaml", "name: A\nmetrics:\n  hindex: 3\n"), problems)
    assert [str(p) for p in problems.items] == [
        "content/authors/a.yaml:3: unknown metric `hindex`; did you mean `h_index`?"
    ]


def test_author_bad_metric_value_is_named_on_its_own_line() -> None:
    problems = Problems()
    text = "name: A\nmetrics:\n  citations: 100\n  h_index: ten\n  novelty: 3\n"
    parse_author(Text("content/authors/a.yaml", text), problems)
    assert [str(p) for p in problems.items] == [
        "content/authors/a.yaml:4: `metrics.h_index` must be a whole number, not 'ten'",
        "content/authors/a.yaml:5: `metrics.novelty` must be a number from 0 to 1, not 3; "
        "write novelty as a fraction (0.47) or a percentage ('47%')",
    ]


def test_author_novelty_out_of_range_is_one_problem_said_as_written() -> None:
    # One mistake is one message (and one in the count), with its fix; a percentage is
    # named as it was written, not as the fraction it was read as.
    problems = Problems()
    text = "name: A\nmetrics:\n  novelty: '147%'\n  score: 57\n"
    parse_author(Text("content/authors/a.yaml", text), problems)
    assert [str(p) for p in problems.items] == [
        "content/authors/a.yaml:3: `metrics.novelty` '147%' is not a share from 0% to 100%; "
        "write novelty as a fraction (0.47) or a percentage ('47%')",
    ]


def test_invalid_utf8_names_byte_offset(tmp_path: Path) -> None:
    from generator.parse import read_text

    path = tmp_path / "p.md"
    path.write_bytes(b"---\ntitle: caf\xe9\n---\n")
    problems = Problems()
    assert read_text(path, "content/papers/p.md", problems) is None
    assert str(problems.items[0]) == (
        "content/papers/p.md:2: is not valid UTF-8 (byte 0xe9 at offset 14); it looks saved as "
        "Windows-1252 (ANSI, Latin-1), where it reads `café`; save the file as UTF-8"
    )


def test_each_link_problem_is_on_its_own_line() -> None:
    text = (
        "---\ntitle: T\nauthors: [A]\ndate: 2024\nlinks:\n  code: https://ok.org\n"
        "  pdf: 'javascript:alert(1)'\n  cdoe: https://x.org\n---\n"
    )
    _, problems = paper(text)
    assert [p.split(":")[1] for p in problems] == ["7", "8"]


def test_binary_values_are_not_text() -> None:
    _, problems = paper("---\ntitle: !!binary aGVsbG8=\nauthors: [A]\ndate: 2024\n---\n")
    assert problems == ["content/papers/x.md:2: `title` must be text, not binary data"]


def test_unclosed_front_matter_says_so() -> None:
    _, problems = paper("---\ntitle: T\nauthors: [A]\ndate: 2024\n\nThe abstract.\n")
    assert problems == [
        "content/papers/x.md:1: the front matter that starts here is never closed; "
        "add a `---` line after the last field, before the abstract"
    ]


@pytest.mark.parametrize(
    ("title", "word"),
    [
        (r'"On $\theta$-Stable Laws"', r"\theta"),  # \t: a tab, silently
        (r'"The $\nu$ Parameter"', r"\nu"),  # \n: a line break, silently
        (r'"A $\rho$ Bound"', r"\rho"),  # \r
        (r'"A $\Lambda$CDM Fit"', r"\Lambda"),  # \L: U+2028, silently
        (r'"$\alpha$-Stable"', r"\alpha"),  # \a: a control character
    ],
)
def test_latex_in_double_quotes_is_refused_with_the_fix(title: str, word: str) -> None:
    text = f"---\ntitle: {title}\nauthors: [A]\ndate: 2024\n---\n"
    record, problems = paper(text)
    assert record is None
    assert problems == [
        f"content/papers/x.md:2: YAML reads `{word}` in double quotes as the escape "
        f"`{word[:2]}`, not as LaTeX; put the value in single quotes ('…') or write `\\{word}`"
    ]


def test_latex_written_as_yaml_allows_is_read_as_latex() -> None:
    text = (
        "---\ntitle: 'On $\\theta$ and $\\nu$'\nauthors: [A]\ndate: 2024\n"
        'venue: "Tab\\there, price \\"$5\\" and $\\\\rho$"\n---\n'
    )
    record, problems = paper(text)
    assert problems == []
    assert record.title == "On $\\theta$ and $\\nu$"  # type: ignore[attr-defined]
    assert record.venue == 'Tab\there, price "$5" and $\\rho$'  # type: ignore[attr-defined]


def test_unknown_escape_and_tab_errors_say_how_to_fix() -> None:
    _, problems = paper('---\ntitle: "On $\\sigma$"\nauthors: [A]\ndate: 2024\n---\n')
    assert problems == [
        "content/papers/x.md:2: YAML syntax error: found unknown escape character `\\s`: in "
        "double quotes a backslash starts a YAML escape, so LaTeX such as `\\sigma` must be in "
        "single quotes ('…') or written `\\\\sigma`"
    ]
    _, problems = paper("---\ntitle: T\nauthors:\n\t- A\ndate: 2024\n---\n")
    assert problems == [
        "content/papers/x.md:4: YAML syntax error: found character that cannot start any "
        "token (a tab); indent with spaces, YAML does not allow tabs there"
    ]


@pytest.mark.parametrize(
    ("line", "fix"),
    [
        (
            "title: BERT: Pre-training of Deep Transformers",
            "title: 'BERT: Pre-training of Deep Transformers'",
        ),
        ("venue: Proc. NAACL: Human Language\r", "venue: 'Proc. NAACL: Human Language'"),
        ("title: Ada's paper: $\\alpha$ bounds", "title: 'Ada''s paper: $\\alpha$ bounds'"),
    ],
)
def test_a_colon_inside_an_unquoted_value_says_to_quote_it(line: str, fix: str) -> None:
    # The commonest hand-written slip: a title with a subtitle. The fix is the line itself.
    title = "" if line.startswith("title") else "title: T\n"
    text = f"---\n{title}authors: [A]\ndate: 2024\n{line}\n---\n"
    _, problems = paper(text)
    assert problems == [
        f"content/papers/x.md:{text.count(chr(10), 0, text.index(line)) + 1}: YAML syntax error: mapping values are not allowed in this "
        f"context; a value holding `: ` must be in quotes: `{fix}`"
    ]
    fixed, problems = paper(text.replace(line.strip(), fix))
    assert problems == []
    assert fixed is not None


@pytest.mark.parametrize(
    "authors",
    [
        "José Núñez, Alice Jones and Carol White",
        "Ann Lee, Bob Smith",
        "Lee, A.; Smith, B.",
        "Ann Lee & Bob Smith",
    ],
)
def test_several_authors_written_as_one_string_are_refused(authors: str) -> None:
    record, problems = paper(f"---\ntitle: T\ndate: 2024\nauthors: {authors}\n---\n")
    assert record is None
    assert problems == [
        "content/papers/x.md:4: `authors` is one piece of text with several names; list them "
        "one per line (`- Name`) or as `[Name One, Name Two]`"
    ]


@pytest.mark.parametrize(
    "authors", ["Ann Lee", "Lee, Ann", "van der Berg, Jan", "[Ann Lee and Bob]"]
)
def test_one_author_written_as_one_string_is_accepted(authors: str) -> None:
    record, problems = paper(f"---\ntitle: T\ndate: 2024\nauthors: {authors}\n---\n")
    assert problems == []
    assert len(record.authors) == 1  # type: ignore[attr-defined]


def test_web_and_mail_addresses_without_scheme_are_refused_with_the_fix() -> None:
    problems = Problems()
    text = (
        "name: A\nlinks:\n  scholar: scholar.google.com/citations?user=abc\n"
        "  github: github.com/ann\n  homepage: www.uni-x.de/~ann\n  lab: cs.ox.ac.uk\n"
        "  email: ann@uni-x.de\n  cv: files/cv.pdf\n  talk: talk.pdf\n  home: /about/\n"
        "  group: ethz.ch/ann\n  tool: run.py\n"
    )
    author = parse_author(Text("content/authors/a.yaml", text), problems)
    assert author is None
    assert [str(p) for p in problems.items] == [
        "content/authors/a.yaml:3: link `scholar` has no `https://`, so it would point inside "
        "this site; write `https://scholar.google.com/citations?user=abc`",
        "content/authors/a.yaml:4: link `github` has no `https://`, so it would point inside "
        "this site; write `https://github.com/ann`",
        "content/authors/a.yaml:5: link `homepage` has no `https://`, so it would point "
        "inside this site; write `https://www.uni-x.de/~ann`",
        "content/authors/a.yaml:6: link `lab` has no `https://`, so it would point inside "
        "this site; write `https://cs.ox.ac.uk`",
        "content/authors/a.yaml:7: link `email` is an e-mail address without `mailto:`; "
        "write `mailto:ann@uni-x.de`",
        # a country's domain, which is no file's extension (`run.py` is a file)
        "content/authors/a.yaml:11: link `group` has no `https://`, so it would point inside "
        "this site; write `https://ethz.ch/ann`",
    ]


@pytest.mark.parametrize(
    "email",
    ["ada", "javascript:alert(1)", "mailto:mailto:ada@example.org", "ada @example.org", "a@b@c"],
)
def test_an_email_that_is_not_an_address_is_refused_at_its_line(email: str) -> None:
    """Shown as plain text without a word (or, `mailto:` written twice, linked to
    `mailto:mailto:…`, an e-mail to nobody)."""
    problems = Problems()
    text = f"name: A\nfield: CS\nemail: '{email}'\n"
    assert parse_author(Text("content/authors/a.yaml", text), problems) is None
    assert [str(p) for p in problems.items] == [
        f"content/authors/a.yaml:3: email '{email.removeprefix('mailto:')}' is not an address; "
        "write it as name@host (or, shown as text so that harvesters miss it, as "
        "`name [at] host [dot] org`)"
    ]


@pytest.mark.parametrize(
    ("email", "kept"),
    [
        ("ada@example.org", "ada@example.org"),
        ("MAILTO:ada@example.org", "ada@example.org"),
        ("ada [at] example [dot] org", "ada [at] example [dot] org"),
        ("ada (AT) example.org", "ada (AT) example.org"),
        ("ada at example dot org", "ada at example dot org"),
        ("ada @ example.org", "ada @ example.org"),
    ],
)
def test_an_address_or_one_hidden_from_harvesters_is_kept(email: str, kept: str) -> None:
    problems = Problems()
    author = parse_author(Text("content/authors/a.yaml", f"name: A\nemail: {email}\n"), problems)
    assert problems.items == [] and author is not None and author.email == kept


def test_several_tags_written_as_one_string_are_refused() -> None:
    text = "---\ntitle: T\ndate: 2024\nauthors: [A]\ntags: machine learning, physics\n---\n"
    record, problems = paper(text)
    assert record is None
    assert problems == [
        "content/papers/x.md:5: `tags` is one piece of text; list the tags as `[tag one, tag two]`"
    ]
    record, problems = paper(text.replace("learning, physics", "learning"))
    assert problems == [] and record.tags == ("machine learning",)  # type: ignore[attr-defined]


def test_an_empty_required_field_is_one_problem_on_its_line() -> None:
    record, problems = paper("---\ntitle:\nauthors: []\ndate: ' '\n---\n")
    assert record is None
    assert problems == [
        "content/papers/x.md:2: required field `title` is empty (the paper's title)",
        "content/papers/x.md:3: required field `authors` is empty (list of names in order; "
        "end with 'et al.' if truncated)",
        "content/papers/x.md:4: required field `date` is empty (YYYY-MM-DD, YYYY-MM or YYYY)",
    ]
    found = Problems()
    parse_author(Text("content/authors/a.yaml", "field: AI\nname:\n"), found)
    assert [str(p) for p in found.items] == [
        "content/authors/a.yaml:2: required field `name` is empty"
    ]


@pytest.mark.parametrize("word", ["Null", "null", "NULL", "~"])
def test_a_required_word_yaml_reads_as_nothing_says_to_quote_it(word: str) -> None:
    # A paper titled "Null" (or an author so named): YAML reads the bare word as no value.
    record, problems = paper(f"---\ntitle: {word}  # the title\nauthors: [A]\ndate: 2024\n---\n")
    assert record is None
    assert problems == [
        f"content/papers/x.md:2: required field `title` is empty: YAML reads an unquoted "
        f'`{word}` as no value at all; to mean the word, quote it: `title: "{word}"`'
    ]
    found = Problems()
    parse_author(Text("content/authors/a.yaml", f"field: AI\nname: {word}\n"), found)
    assert [str(p) for p in found.items] == [
        f"content/authors/a.yaml:2: required field `name` is empty: YAML reads an unquoted "
        f'`{word}` as no value at all; to mean the word, quote it: `name: "{word}"`'
    ]


def test_a_name_that_is_no_slug_says_which_slug_to_write() -> None:
    # A file saved as "Über Paper.md" (as a Mac or Windows user names files).
    text = "---\ntitle: T\nauthors: [A]\ndate: 2024\n---\n"
    _, problems = paper(text, "content/papers/Über Paper.md")
    assert problems == [
        "content/papers/Über Paper.md:1: file name 'Über Paper' is not a valid slug (lowercase "
        "letters, digits and hyphens); rename the file to `uber-paper.md` or add a `slug:` field"
    ]
    _, problems = paper(text.replace("date:", "slug: My_Paper\ndate:"))
    assert problems == [
        "content/papers/x.md:4: slug 'My_Paper' must match [a-z0-9][a-z0-9-]* (at most 120 "
        "characters); write `slug: my-paper`"
    ]


@pytest.mark.parametrize("name", ["深度学习", "3次元物体"])
def test_a_file_name_without_latin_letters_says_the_name_an_import_would_give(name: str) -> None:
    # It said "rename the file" to a user whose titles have no letters a slug is made of.
    text = "---\ntitle: 深度学习的研究\nauthors: [Wei Li, Ada Lovelace]\ndate: 2024-02-02\n---\n"
    _, problems = paper(text, f"content/papers/{name}.md")
    assert problems == [
        f"content/papers/{name}.md:1: file name '{name}' is not a valid slug (lowercase "
        "letters, digits and hyphens); rename the file to `li-2024.md` or add a `slug:` field"
    ]
    # a first author without Latin letters either: no name to suggest
    _, problems = paper(text.replace("Wei Li", "李伟"), f"content/papers/{name}.md")
    assert problems == [
        f"content/papers/{name}.md:1: file name '{name}' is not a valid slug (lowercase "
        "letters, digits and hyphens); rename the file or add a `slug:` field"
    ]


def test_the_name_suggested_for_a_file_is_not_one_its_folder_has(tmp_path: Path) -> None:
    # Two papers by one first author in one year: "rename to li-2024.md" would overwrite one.
    folder = tmp_path / "content" / "papers"
    folder.mkdir(parents=True)
    (folder / "li-2024.md").write_text("---\ntitle: T\nauthors: [Wei Li]\ndate: 2024\n---\n")
    text = "---\ntitle: 深度学习的研究\nauthors: [Wei Li]\ndate: 2024-02-02\n---\n"
    _, problems = paper(text, str(folder / "深度学习.md"))
    assert problems[0].endswith("rename the file to `li-2024-2.md` or add a `slug:` field")
    (folder / "li-2024-2.md").write_text("taken too")
    _, problems = paper(text, str(folder / "深度学习.md"))
    assert problems[0].endswith("rename the file to `li-2024-3.md` or add a `slug:` field")


def test_a_yaml_error_does_not_hide_a_bad_file_name() -> None:
    text = "---\ntitle: Attention: all you need\nauthors: [A]\ndate: 2024\n---\nThe abstract.\n"
    _, problems = paper(text, "content/papers/Attention_Paper.md")
    problems.sort()  # as the build lists them: by line
    assert len(problems) == 2
    assert problems[0] == (
        "content/papers/Attention_Paper.md:1: file name 'Attention_Paper' is not a valid slug "
        "(lowercase letters, digits and hyphens); rename the file to `attention-paper.md` or "
        "add a `slug:` field"
    )
    assert problems[1].startswith("content/papers/Attention_Paper.md:2: YAML syntax error")
    # A `slug:` line means the file name is not the slug: then nothing more can be said.
    _, problems = paper(text.replace("date:", "slug: attention\ndate:"), "content/papers/A_B.md")
    assert len(problems) == 1 and "YAML syntax error" in problems[0]


def test_unclosed_or_absent_front_matter_does_not_hide_a_bad_file_name() -> None:
    for text, first in [
        ("---\ntitle: T\nauthors: [A]\ndate: 2024\n\nThe abstract.\n", "is never closed"),
        ("title: T\n\nThe abstract.\n", "has no front matter"),
    ]:
        _, problems = paper(text, "content/papers/con.md")
        assert len(problems) == 2 and first in problems[0]
        assert problems[1] == (
            "content/papers/con.md:1: file name 'con' is reserved on Windows; "
            "rename the file or add a `slug:`"
        )


@pytest.mark.parametrize(
    ("front", "line", "says"),
    [
        # A list item one space further in: valid YAML that made one author of two.
        ("authors:\n  - Marie Curie\n   - Pierre Curie\n", 5, "(`Marie Curie - Pierre Curie`)"),
        ("authors:\n  -Marie Curie\n  - Pierre Curie\n", 4, "write `- Marie Curie`"),
        # Syntax errors were put where the list or the first field began, in YAML's words.
        ("authors:\n  - Marie Curie\n\t- Pierre Curie\n", 5, "(a tab); indent with spaces"),
        ("authors:\n  - Marie Curie\n - Pierre Curie\n", 5, "not indented like the lines"),
        ("authors: [A]\nlinks:\n  pdf: https://a.org\n code: https://b.org\n", 6, "same column"),
        ("authors: [A]\nvenue: 'Ada's workshop'\n", 4, "`venue: 'Ada''s workshop'`"),
        ("authors: [A]\nvenue:Nature\n", 4, "write `venue: Nature`"),
        ("authors:\n  - Marie Curie\n  Pierre Curie\n", 5, "start it with `- `"),
        ("authors: [A]\ntags: [a, b] c\n", 4, "the value on this line ends before `c`"),
        ('authors: [A]\nvenue: "Nature\n', 4, "the quote that opens this value is never closed"),
    ],
)
def test_a_slip_in_the_yaml_is_named_at_its_line_with_the_fix(
    front: str, line: int, says: str
) -> None:
    _, problems = paper(f"---\ntitle: T\n{front}date: 2024\n---\n")
    assert len(problems) == 1 and problems[0].startswith(f"content/papers/x.md:{line}: "), problems
    assert says in problems[0]
    assert "while parsing" not in problems[0] and "found on line" not in problems[0]


def test_a_title_wrapped_before_a_dash_is_one_title() -> None:
    # Not a list: the same lines under `authors:` are refused (the test above).
    record, problems = paper(
        "---\ntitle: Learning to rank\n  - a survey\nauthors: [A]\ndate: 2024\n---\n"
    )
    assert problems == []
    assert record.title == "Learning to rank - a survey"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("----\ntitle: T\nauthors: [A]\ndate: 2024\n----\nAbstract.\n", 1),
        ("---\ntitle: T\nauthors: [A]\ndate: 2024\n-----\nAbstract.\n", 5),
    ],
)
def test_a_fence_of_more_than_three_dashes_is_named(text: str, line: int) -> None:
    # Was "has no front matter" or "never closed": true, but not what to change.
    _, problems = paper(text)
    assert problems == [
        f"content/papers/x.md:{line}: `{text.splitlines()[line - 1]}` is no front matter "
        "line: the front matter starts and ends with a line of exactly three dashes, `---`"
    ]


def test_the_quick_searches_for_controls_find_what_the_full_ones_find() -> None:
    # Every text field, and every abstract's HTML, is searched for control characters,
    # noncharacters and bidirectional controls: a quicker search (for text without
    # characters beyond U+FFFF) must find exactly those, at the same place.
    from generator import markup, validate

    searches = [
        (validate.find_control, validate.CONTROL),
        (validate._find_control_or_bidi, validate._CONTROL_OR_BIDI),
        (markup._find_control_or_c1, markup._CONTROL_OR_C1),
    ]
    astral = [p + c for p in range(0x10000, 0x110000, 0x10000) for c in (0, 0xFFFD, 0xFFFE, 0xFFFF)]
    for code in [*range(0x10000), *astral]:
        for text in (f"ab{chr(code)}", f"é{chr(code)}\U0001f600", f"\U0001f600 {chr(code)}x"):
            for quick, full in searches:
                found, expected = quick(text), full.search(text)
                assert (found and (found.start(), found.group())) == (
                    expected and (expected.start(), expected.group())
                ), (hex(code), full.pattern[:20])


def test_a_value_is_blank_exactly_when_every_character_shows_nothing() -> None:
    # A required field of spaces, zero-width spaces or lone accents is refused as empty;
    # one with any letter or digit (checked first, quickly) never is.
    import sys
    import unicodedata

    from generator.validate import blank

    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        unseen = ch.isspace() or unicodedata.category(ch) in ("Cf", "Mn", "Me")
        assert blank(ch) is unseen and blank(f"{ch} ") is unseen, hex(code)
        assert blank(f"{ch}a") is False


FIELDS = "title: T\nauthors: [A]\ndate: 2024\n"


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        # a YAML tool's way to open a mapping: the front matter is there, and was "none"
        (
            f"--- !!map\n{FIELDS}---\nAbstract.\n",
            "content/papers/x.md",
            "content/papers/x.md:1: the front matter's first line is `--- !!map`: front matter "
            "starts with a line of three dashes alone; remove `!!map`, a YAML tag, after them",
        ),
        # so opened and never closed: it said "has no front matter"
        (
            f"--- !!map\n{FIELDS}\nAbstract.\n",
            "content/papers/x.md",
            "content/papers/x.md:1: the front matter that starts here is never closed; add a "
            "`---` line after the last field, before the abstract; and the front matter's "
            "first line is `--- !!map`: front matter starts with a line of three dashes "
            "alone; remove `!!map`, a YAML tag, after them",
        ),
        (
            f"%YAML 1.2\n---\n{FIELDS}Abstract.\n",
            "content/papers/x.md",
            "content/papers/x.md:1: the front matter that starts here is never closed; add a "
            "`---` line after the last field, before the abstract; and the file starts with "
            "`%YAML 1.2`, a YAML directive, which front matter takes none of (it starts on "
            "the first line with `---`); remove that line",
        ),
        (
            f"%YAML 1.2\n---\n{FIELDS}---\nAbstract.\n",
            "content/papers/x.md",
            "content/papers/x.md:1: the file starts with `%YAML 1.2`, a YAML directive, which "
            "front matter takes none of (it starts on the first line with `---`); remove that "
            "line",
        ),
        (
            f"---\n%YAML 1.2\n{FIELDS}---\n",
            "content/papers/x.md",
            "content/papers/x.md:2: YAML syntax error: `%YAML 1.2` is a YAML directive, which "
            "front matter takes none of; remove that line",
        ),
        # a .yaml file may hold one, followed by `---`: without it, PyYAML's words alone
        (
            f"%YAML 1.2\n{FIELDS}abstract: A.\n",
            "content/papers/x.yaml",
            "content/papers/x.yaml:1: YAML syntax error: a directive line, `%YAML 1.2`, must "
            "be followed by a `---` line before the fields; add `---` on the line below it, or "
            "remove the `%YAML 1.2` line (authorsite needs none)",
        ),
        (
            f"%YAML 2.0\n---\n{FIELDS}",
            "content/papers/x.yaml",
            "content/papers/x.yaml:1: YAML syntax error: `%YAML 2.0` names a version of YAML "
            "that authorsite does not read (it reads YAML 1.x); write `%YAML 1.2`, or remove "
            "the line",
        ),
        (
            f"%YAML 1.2\n%YAML 1.2\n---\n{FIELDS}",
            "content/papers/x.yaml",
            "content/papers/x.yaml:2: YAML syntax error: this line repeats a directive the "
            "file has already (`%YAML 1.2`, line 1); remove it",
        ),
    ],
)
def test_a_yaml_tag_or_directive_before_the_fields_is_named_with_its_fix(
    text: str, path: str, expected: str
) -> None:
    _, problems = paper(text, path)
    assert problems == [expected]


def test_a_yaml_file_with_a_directive_and_its_dashes_is_read() -> None:
    record, problems = paper(f"%YAML 1.2\n---\n{FIELDS}abstract: A.\n", "content/papers/x.yaml")
    assert problems == []
    assert record.title == "T"  # type: ignore[attr-defined]
