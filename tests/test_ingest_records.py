"""Reading and writing records: new ones read like hand-written, updates touch one key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

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
