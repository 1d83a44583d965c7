"""Reading and writing records: new ones read like hand-written, updates touch one key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.ingest import records
from generator.ingest.records import (
    RecordError,
    dump_field,
    read_record,
    render_record,
    update_record,
    wrap_markdown,
)
from generator.markup import render_markdown
from generator.schema import PAPER_FIELDS
from generator.yamlio import load_mapping

BIBTEX = "@article{k,\n  title = {A {B} C},\n  year = 2020,\n}"


def test_new_record_follows_schema_order_with_block_abstract() -> None:
    fields = {
        "bibtex": BIBTEX,
        "links": {"pdf": "https://x.org/a.pdf"},
        "date": "2024-05-27",
        "title": "Title: with a colon",
        "authors": ["A. Person", "B. Person"],
        "arxiv_id": "2405.00001",
        "citations": 3,
    }
    text = render_record(fields, "First paragraph.\n\nSecond " + "word " * 40)
    _, front, body = text.split("---\n", 2)
    keys = [line.split(":")[0] for line in front.splitlines() if line and line[0].isalpha()]
    order = [spec.name for spec in PAPER_FIELDS]
    assert keys == sorted(keys, key=order.index)
    data = yaml.safe_load(front)
    assert data["title"] == "Title: with a colon"
    assert data["arxiv_id"] == "2405.00001"  # quoted, so not read as a number
    assert data["bibtex"].strip() == BIBTEX
    assert "bibtex: |" in front  # a literal block, as a person would write it
    assert "  - A. Person" in front  # block-style list
    paragraphs = body.strip().split("\n\n")
    assert paragraphs[0] == "First paragraph."
    assert all(len(line) <= 88 for line in paragraphs[1].splitlines())


def test_update_replaces_one_key_and_inserts_in_schema_order(tmp_path: Path) -> None:
    original = (
        "---\n"
        "title: T   # my title\n"
        "authors:\n- A\n- B\n"
        "date: 2020\n"
        "# the venue is pending\n"
        "citations: 4\n"
        "citations_source: OpenAlex\n"
        "tags: [x]\n"
        "---\n\nBody.\n"
    )
    path = tmp_path / "t.md"
    path.write_text(original, encoding="utf-8")
    record = read_record(path, "t.md")
    text = update_record(record, {"citations": 9, "category": "cs.AI", "doi": "10.1/x"})
    lines = text.splitlines()
    assert "title: T   # my title" in lines
    assert "# the venue is pending" in lines
    assert "citations: 9" in lines and "citations: 4" not in lines
    assert lines.index("category: cs.AI") == lines.index("date: 2020") + 1
    assert lines.index("doi: 10.1/x") < lines.index("tags: [x]")
    assert text.endswith("---\n\nBody.\n")
    assert yaml.safe_load(text.split("---\n")[1])["authors"] == ["A", "B"]


def test_update_adds_an_abstract_only_where_there_is_none(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text("---\ntitle: T\n---\n", encoding="utf-8")
    assert update_record(read_record(path, "t.md"), {}, "New abstract.").endswith(
        "---\n\nNew abstract.\n"
    )
    path.write_text("---\ntitle: T\n---\nMine.\n", encoding="utf-8")
    assert update_record(read_record(path, "t.md"), {}, "New abstract.").endswith("Mine.\n")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: no fence\n", 1, "must start with '---'"),
        ("---\ntitle: x\n", 1, "no closing '---'"),
        ("---\ntitle: x\n  bad: indent\n---\n", 3, "YAML syntax error"),
        ("---\n- a list\n---\n", 2, "must be a mapping"),
    ],
)
def test_unreadable_records_are_located(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        read_record(path, "content/papers/bad.md")
    assert caught.value.problem.line == line
    assert message in caught.value.problem.message


@pytest.mark.parametrize("filler", range(40, 95))
def test_wrapped_abstract_never_starts_a_line_like_a_block(filler: int) -> None:
    """Imported prose stays one paragraph: CommonMark starts a list at a line's "- "."""
    abstract = (
        "x" * filler + " - unlike dense attention - keeps 1. accuracy + recall > 90% # top"
        " * more <b> ``` then ~~~ and == and - the end."
    )
    wrapped = wrap_markdown(abstract)
    html = render_markdown(wrapped)
    assert html.startswith("<p>") and html.count("<p>") == 1
    assert "<li>" not in html and "<h" not in html and "<pre>" not in html
    assert " ".join(wrapped.split()) == abstract


def test_a_decimal_read_back_from_a_record_is_written_again() -> None:
    """The record loader keeps a decimal's text (`56.50`) in a float of its own type,
    which PyYAML's dumper refused ("cannot represent an object") when an import wrote a
    field it had read back from the site's records."""
    score = load_mapping("score: 56.50\n").data["score"]
    assert dump_field("score", score) == "score: 56.5\n"
    assert dump_field("metrics", {"novelty": load_mapping("n: 0.470\n").data["n"]}) == (
        "metrics:\n  novelty: 0.47\n"
    )


# Characters the two YAML emitters might read differently: indicators, quotes, line breaks
# of every kind, spaces that are not U+0020, right-to-left letters and marks, the edges
# of YAML's printable ranges, and characters beyond U+FFFF (libyaml escapes those).
_NEAR_MISSES = list(
    "aZ9 .,:;#-?!|>@`'\"%&*[]{}~=<\\/\n\t\r\x00\x07\x1b\x7f\x85\xa0\xe9\u05d0\u0627"
    "\u200b\u200f\u2028\u2029\u3000\ud7ff\ue000\ufeff\ufffd\ufffe\U0001f600\U0001d4aa"
)
_WORDS = ["no", "on", "Off", "yes", "y", "N", "null", "~", "true", "1e3", "0x1F", "1_000",
          "1:30", "012", ".5", "-1", "2024-01-01", "2405.00001", "---", "...", "- a", "a: b",
          "a #b", "? x", "%YAML", "<<", "=", "!tag", "&anchor", "*alias"]  # fmt: skip
_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from(_NEAR_MISSES), max_size=30),
    st.lists(st.sampled_from([*_WORDS, " ", "\n", "\n\n", "  "]), max_size=6).map("".join),
)
_SCALARS = st.one_of(
    _TEXT,
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.dates(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=8,
)


def _python_emitter(key: str, value: Any) -> str:
    """The field as PyYAML's Python emitter writes it, libyaml's kept out."""
    with mock.patch.object(records, "_FastDumper", None):
        return dump_field(key, value)


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(["title", "authors", "date", "links", "bibtex", "pages", "x"]), _VALUES)
@example("title", "\U0001f600 emoji in a title")
@example("authors", ["Ann Lee", "\u05d0\u05d1 \u05d2", " lead", "trail ", "no", "1:30"])
@example("bibtex", "@misc{k,\n  title = {A: #B},\n\n  note = {on}\n}\n\n")
@example("links", {"paper": "https://a.org/x#y?z: w", "code": "0x1F"})
@example("links", {"": "a", "a\u2028b": "c", "k" * 127: 1, "k" * 128: 2, "k" * 129: 3})
@example("title", {"99": "\n", "9": ""})  # libyaml ended this one's document: `...`
def test_libyaml_writes_every_field_as_the_python_emitter_does(key: str, value: Any) -> None:
    """An import writes records with libyaml's emitter where PyYAML has it (a large import
    spent a third of its time in the Python one): the files must not change by a byte."""
    assert records._FastDumper is not None or not yaml.__with_libyaml__
    try:
        expected = _python_emitter(key, value)
    except yaml.YAMLError:  # no YAML for it (a key YAML cannot write)
        return
    assert dump_field(key, value) == expected


@pytest.mark.parametrize("past", [-20, -1, 0, 1, 40])
def test_a_line_as_long_as_the_emitters_width_is_written_alike(
    past: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both emitters fold a line past the width they are given, at a space.

    Given 100, not the 10**6 a record is written with: both emitters fold at any width
    by one rule, and a line of 10**6 characters took the Python emitter seconds.
    """
    monkeypatch.setattr(records, "LINE_WIDTH", 100)
    length = 100 + past
    title = ("word " * length)[:length] + "end"
    for value in (title, [title, "x"], {"paper": title}, title + "\n" + title):
        assert dump_field("title", value) == _python_emitter("title", value)
    assert dump_field("date", dt.date(2024, 5, 27)) == "date: 2024-05-27\n"
