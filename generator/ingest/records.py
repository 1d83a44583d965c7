"""Careful reading and writing of paper record files for the importers.

Records are hand-edited, so an update must touch only the keys it changes: the
lines of every other key, comments and the abstract stay byte for byte as they were.
New records are written in the order of ``schema.PAPER_FIELDS`` with a block-style
abstract, so that they read like hand-written ones.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tempfile
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import yamlio
from generator.errors import ContentError, Problem
from generator.ingest.frontmatter import yaml_value_problem
from generator.schema import PAPER_FIELDS

FIELD_ORDER = tuple(spec.name for spec in PAPER_FIELDS)
_KEY_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*:(?:\s|$)")
_FENCE = "---"


class RecordError(Exception):
    """A record file that cannot be read safely; carries its located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class RecordFile:
    """One paper record as found on disk: its text, its mapping and where its keys are."""

    path: Path
    rel: str  # the path relative to the site, for messages
    text: str
    data: dict[str, Any]
    body: str  # the Markdown abstract of a .md record ("" for .yaml)
    is_markdown: bool

    @property
    def slug(self) -> str:
        """The record's slug: its ``slug`` key, else its file name."""
        value = self.data.get("slug")
        return str(value) if value else self.path.stem

    def abstract(self) -> str:
        """The abstract, wherever the record keeps it."""
        if self.is_markdown:
            return self.body.strip()
        return str(self.data.get("abstract") or "").strip()


def read_record(path: Path, rel: str) -> RecordFile:
    """Read one ``.md`` or ``.yaml`` paper record, or raise RecordError naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(Problem(rel, 0, f"not UTF-8 text ({exc.reason})")) from None
    is_markdown = path.suffix.lower() == ".md"  # `one.MD` is read as the build reads it
    front, body, offset = _split(text, rel) if is_markdown else (text, "", 0)
    try:
        data = yamlio.safe_load(front) if front.strip() else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 + offset if mark is not None else 0
        raise RecordError(Problem(rel, line, f"invalid YAML: {exc.problem}")) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:  # `date: 2024-02-30`
        raise RecordError(yaml_value_problem(exc, front, rel, offset)) from None
    if not isinstance(data, dict):
        raise RecordError(Problem(rel, offset + 1, "the front matter is not a mapping"))
    return RecordFile(path, rel, text, data, body, is_markdown)


def _split(text: str, rel: str) -> tuple[str, str, int]:
    """Front matter, body and the line offset of the front matter in a .md record."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != _FENCE:
        raise RecordError(Problem(rel, 1, "a .md record must start with '---'"))
    for index in range(1, len(lines)):
        if lines[index].rstrip() == _FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), 1
    raise RecordError(Problem(rel, 1, "the front matter has no closing '---'"))


class _Dumper(yaml.SafeDumper):
    """Block style, indented lists, and literal blocks for multi-line strings."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def _yaml_value(key: str, value: Any) -> Any:
    """Dates written the way people write them: ``2024-05-27``, ``2024-05``, ``2024``."""
    if key in ("date", "citations_date") and isinstance(value, str):
        parts = value.split("-")
        if len(parts) == 3:
            try:
                return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:  # no calendar day: written as text, which the check names
                return value
        if len(parts) == 1 and value.isdigit():
            return int(value)
    if key == "bibtex" and isinstance(value, str):
        # A literal block can carry neither trailing spaces nor tabs (Zotero indents with
        # tabs), and would fall back to one long quoted line; in BibTeX both are spaces.
        lines = (line.rstrip().replace("\t", "  ") for line in value.strip().splitlines())
        return "\n".join(lines) + "\n"
    return value


def dump_field(key: str, value: Any) -> str:
    """One top-level key as YAML lines, ending in a newline."""
    return yaml.dump(
        {key: _yaml_value(key, value)},
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10**6,
    )


# The start of a line that would begin a block in CommonMark even in mid-paragraph:
# a list item, heading, quote, code fence, HTML block or setext underline.
_BLOCK_START = re.compile(r"(?:[-+*>]|#{1,6}|\d{1,9}[.)])(?:\s|$)|<|`{3}|~{3}|[=-]+$")


def wrap_markdown(text: str, width: int = 88) -> str:
    """Paragraphs wrapped for reading in an editor (Markdown joins the lines again).

    A line never starts like a block (``- ``, ``1. ``, ``# ``…): in "A - unlike B" the
    wrap would otherwise turn " - unlike B" into a list item. Such a line stays on the
    line before, a little longer than ``width``.
    """
    paragraphs = re.split(r"\n\s*\n", text.strip())
    wrapped = []
    for paragraph in paragraphs:
        if not paragraph.strip():
            continue
        lines: list[str] = []
        for line in textwrap.wrap(
            " ".join(paragraph.split()), width, break_long_words=False, break_on_hyphens=False
        ):
            if lines and _BLOCK_START.match(line):
                lines[-1] += " " + line
            else:
                lines.append(line)
        wrapped.append("\n".join(lines))
    return "\n\n".join(wrapped)


def render_record(fields: Mapping[str, Any], abstract: str) -> str:
    """A new ``.md`` record: front matter in schema order, then the abstract."""
    lines = [_FENCE + "\n"]
    for key in FIELD_ORDER:
        if key in fields and key != "abstract":
            lines.append(dump_field(key, fields[key]))
    lines.append(_FENCE + "\n")
    if abstract.strip():
        lines.append("\n" + wrap_markdown(abstract) + "\n")
    return "".join(lines)


def _key_spans(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Each top-level key's lines as ``[start, end)``; comments and blanks stay outside."""
    spans: dict[str, tuple[int, int]] = {}
    current: str | None = None
    start = end = 0
    for index, line in enumerate(lines):
        match = _KEY_LINE.match(line)
        if match:
            if current is not None:
                spans[current] = (start, end)
            current, start, end = match.group(1), index, index + 1
        elif current is not None and line.strip() and (line[0] in " \t" or line.startswith("-")):
            end = index + 1  # an indented continuation or a block list item
        elif current is not None and line.strip() and not line.startswith("#"):
            end = index + 1
        elif current is not None and line.startswith("#"):
            spans[current] = (start, end)
            current = None
    if current is not None:
        spans[current] = (start, end)
    return spans


def update_record(record: RecordFile, changes: Mapping[str, Any], abstract: str = "") -> str:
    """The record's text with only ``changes`` (and an abstract where it had none) applied."""
    if record.is_markdown:
        lines = record.text.splitlines(keepends=True)
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip() == _FENCE)
        front, head, tail = lines[1:close], lines[:1], lines[close:]
    else:
        front, head, tail = record.text.splitlines(keepends=True), [], []
    if front and not front[-1].endswith("\n"):
        front[-1] += "\n"
    for key, value in changes.items():
        new_lines = dump_field(key, value).splitlines(keepends=True)
        spans = _key_spans(front)
        if key in spans:
            start, end = spans[key]
            front[start:end] = new_lines
        else:
            at = _insert_at(key, spans, len(front))
            front[at:at] = new_lines
    text = "".join(head + front + tail)
    if abstract.strip() and not record.abstract():
        if record.is_markdown:
            text = text.rstrip("\n") + "\n\n" + wrap_markdown(abstract) + "\n"
        else:
            text = text.rstrip("\n") + "\n" + dump_field("abstract", wrap_markdown(abstract))
    return text


def _insert_at(key: str, spans: Mapping[str, tuple[int, int]], length: int) -> int:
    """Where a new key goes: after the last present key that precedes it in schema order."""
    order = {name: i for i, name in enumerate(FIELD_ORDER)}
    rank = order.get(key, len(order))
    best: int | None = None
    for name, (_, end) in spans.items():
        if order.get(name, len(order)) < rank and (best is None or end > best):
            best = end
    if best is not None:
        return best
    following = [start for name, (start, _) in spans.items() if order.get(name, 0) > rank]
    return min(following) if following else length


def _mode(path: Path) -> int:
    """The permissions a written record gets: its own if it exists, else the umask's."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0o022)  # read it the only way there is: set it, and put it back
        os.umask(mask)
        return 0o666 & ~mask


def write_files(files: Mapping[Path, str]) -> None:
    """Write every file atomically: all temporary files first, then one rename each."""
    staged: list[tuple[str, Path]] = []
    current = Path()
    try:
        for path, text in files.items():
            current = path
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))  # before writing, so a failed write is cleaned up too
            os.fchmod(fd, _mode(path))  # mkstemp's 0600 would replace the record's own
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        for tmp, path in staged:
            current = path
            os.replace(tmp, path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ContentError([Problem(str(current), 0, f"cannot write: {reason}")]) from None
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
