"""The quick reader of common records gives exactly what PyYAML's general path gives."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import yamlio
from generator.yamlio import YamlError, load_mapping

RECORD = """title: "Graph Networks: a \\"survey\\" of C:\\\\ paths"
authors:
  - Ada Lovelace
  - 'Niamh O''Brien'
  - et al.
date: 2024-05-01
citations: 12
score: 61.5
arxiv_id: 2503.17680
links:
  code: https://github.com/a/b#readme
  arxiv: 2503.17680v2
tags: [graphs, yes, null, 0x1F, .inf, ~, 017]
minutes: 1:30
featured: no
draft: true
note:
"""

# Each is read twice, quickly and by PyYAML; both must give the same value or message.
TEXTS = [
    RECORD,
    RECORD.replace("  - ", "- "),  # a list at the key's own indentation
    RECORD + "\n\n   \n",
    "title: x\ntitle: y\n",  # duplicate keys are refused with their line
    "links:\n  code: a\n  code: b\n",
    "null: 1\n~: 2\n",  # keys that are not text
    "yes: 1\n",
    "title: a: b\n",  # a mapping inside a plain value: a syntax error
    "title: x\n  continued on the next line\n",
    "title: x # a comment\n",
    "# a comment\ntitle: x\n",
    "title: |\n  block\n",
    "title: &a x\nnote: *a\n",
    "title: !!str 12\n",
    "title: !!python/name:os.system\n",
    "tags: [a, b,]\n",
    "tags: [a,, b]\n",
    "tags: [a: b]\n",
    "tags: [ ]\n",
    "tags: []\n",
    "tags: [a, [b]]\n",
    "tags: {a: 1}\n",
    "authors:\n  - a\n   - b\n",  # uneven indentation
    "authors:\n  - a\n - b\n",
    "authors:\n  -a\n",
    "authors:\n  - \n",
    "authors:\n  - - a\n",
    "authors:\n  - a: b\n",
    "links:\n  code:\n",
    "links:\n  code: x\n    more\n",
    "links:\n  code: x\n- y\n",
    "title: 'unclosed\n",
    'title: "unclosed\n',
    'title: "a" b\n',
    'title: "tab\\tescape"\n',
    "title: x\tand a tab\n",
    "title: \ufeffx\n",
    "\ufefftitle: x\nnote: y\n",
    "title: x\u2028y\nnote: z\n",
    "title: x\x85y\n",
    "title: \x7f\n",
    "title: -1\nnote: -x\n",
    "title: ?x\n",
    "title: :x\n",
    "title: @x\n",
    "title: `x\n",
    "title: %x\n",
    "title: x:\n",
    "title:x\n",
    "title : x\n",
    "  title: x\n",
    "- a\n- b\n",
    "just words\n",
    "",
    "\n\n",
    "---\ntitle: x\n",
    "title: x\n...\n",
    "<<: {a: 1}\n",
    "a" * 120 + ": x\n",
    "title: 😀 emoji\n",
    "date: 2024-05-01T10:00:00\n",
    # more values than load_mapping allows (at the limit of 2,000 the test sets, as
    # tests/hostile/test_yaml.py does: 200,001 values took PyYAML's general path seconds)
    "tags: [" + ", ".join(["a"] * 2_001) + "]\n",
]


def _read(text: str, first_line: int = 1) -> tuple[Any, ...]:
    try:
        document = load_mapping(text, first_line=first_line, what="front matter")
    except YamlError as exc:
        return ("error", exc.line, exc.message)
    data = {key: (type(value).__name__, repr(value)) for key, value in document.data.items()}
    return ("ok", data, dict(document.lines))


def _both(text: str, monkeypatch: pytest.MonkeyPatch, first_line: int = 1) -> None:
    quick = _read(text, first_line)
    with monkeypatch.context() as patched:
        patched.setattr(yamlio, "_simple_mapping", lambda text, offset: None)
        general = _read(text, first_line)
    assert quick == general


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_quick_reader_agrees_with_pyyaml(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_NODES", 2_000)  # the texts hold a few values but one
    _both(text, monkeypatch, first_line=2)


def test_the_common_record_takes_the_quick_path() -> None:
    """A record written the usual way never pays for PyYAML's nodes."""
    assert yamlio._simple_mapping(RECORD, 0) is not None
    document = load_mapping(RECORD, first_line=2)
    assert document.data["arxiv_id"] == "2503.17680"  # not the float 2503.1768
    assert document.data["date"] == "2024-05-01"  # not a datetime.date
    # YAML 1.1's hex, octal and sexagesimal numbers stay the text they are written as
    assert document.data["tags"] == ["graphs", True, None, "0x1F", float("inf"), None, "017"]
    assert document.data["title"] == 'Graph Networks: a "survey" of C:\\ paths'
    assert document.data["authors"][1] == "Niamh O'Brien"
    assert document.lines["links.arxiv"] == 13 and document.lines["note"] == 18
    assert document.data["minutes"] == "1:30"


_PIECES = [
    "title: x\n", "authors:\n", "  - a\n", "- b\n", "  code: https://a.org/x\n", "tags: [a, b]\n",
    "date: 2024-05-01\n", "citations: 3\n", "score: 1.5e3\n", "note:\n", "\n", "  \n", ": ", "- ",
    "#", " #", "'", '"', "\\", "[", "]", "{", "&a ", "*a", "!!int ", "  ", "\t", "\u2028", "é",
    "yes", "~", "0o7", "x:", "links:\n", "  more: y\n", "    deeper: z\n",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.sampled_from(["", "k: v\n"]))
def test_quick_reader_agrees_with_pyyaml_on_any_mix(pieces: list[str], start: str) -> None:
    text = start + "".join(pieces)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _both(text, monkeypatch)


def test_a_byte_order_mark_before_the_first_key_does_not_shift_lines() -> None:
    """libyaml skips a leading BOM without counting it; the lines still point right."""
    document = load_mapping("\ufefftitle: x\n\nnote: y\ndate: 2024-02-30\n", first_line=2)
    assert dict(document.lines) == {"title": 2, "note": 4, "date": 5}


@pytest.mark.parametrize(
    "line",
    ["title: a{}b", "links:\n  code: https://a.org/{}x", "authors:\n  - A{}B", "title: 'a{}b'"],
)
def test_a_long_run_of_spaces_is_read_in_linear_time(line: str) -> None:
    """A hostile record must not stall the build (a lazy regex would take minutes here)."""
    # (no time asserted: a quadratic pattern runs for more minutes than the suite's run
    # survives, and pytest's faulthandler_timeout shows where it is stuck)
    document = load_mapping(line.format(" " * 300_000) + "   \n")
    [value] = document.data.values()
    text = (
        value
        if isinstance(value, str)
        else next(iter(value.values() if isinstance(value, dict) else value))
    )
    assert len(text) > 300_000 and not text.endswith(" ")


def test_a_line_separator_before_a_stray_colon_is_a_located_problem() -> None:
    """U+2028, pasted from a PDF, ends a line for YAML but not for the file: no crash."""
    with pytest.raises(YamlError) as caught:
        load_mapping("title: x\n\u2028\u2028  more: y\n", what="front matter")
    assert caught.value.line == 2
    assert "mapping values are not allowed" in str(caught.value)


def test_the_bounded_safe_load_reads_documents_as_yaml_safe_load_does() -> None:
    """Imports read other tools' front matter with libyaml's parser: the same values."""
    documents = [
        "title: 'A: B'\n",
        "title: 'It''s'\ndate: 2024-05-01\nwhen: 2024-05-01 10:00:00\n",
        "flags: [yes, no, on, off, true, ~, null, 0o17, 017, 0x1F, 1e3, .inf, -.nan]\n",
        "authors:\n  - Ada Lovelace\n  - 'Müller, Zoë'\n  - 漢字\nabstract: |\n  One.\n\n  Two.\n",
        "a: &x [1, 2]\nb: *x\nc: {d: e, 'f': \"g\\u00e9\"}\n",
        "folded: >\n  a\n  b\n\n  c\nempty:\nlist: []\n",
        "- 1\n- two\n- {three: 3}\n",
        "",
        "# only a comment\n",
        "key: value # comment\nother: 'quoted # not a comment'\n",
    ]
    for document in documents:
        assert yamlio.safe_load(document) == yaml.safe_load(document), document
    for broken in ("title: A: B\n", "a: [1, 2\n", "a: 'open\n", "\tkey: tab\n"):
        with pytest.raises(yaml.YAMLError):
            yaml.safe_load(broken)
        with pytest.raises(yaml.YAMLError):
            yamlio.safe_load(broken)
