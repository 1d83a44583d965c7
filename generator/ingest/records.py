"""Careful reading and writing of paper record files for the importers.

Records are hand-edited, so an update must touch only the keys it changes: the
lines of every other key, comments and the abstract stay byte for byte as they were.
New records are written in the order of ``schema.PAPER_FIELDS`` with a block-style
abstract, so that they read like hand-written ones.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import secrets
import signal
import stat
import textwrap
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import yamlio
from generator.errors import ContentError, Interrupted, Problem, Problems, listed
from generator.ingest.work import BLOCK_START, fold_space, markdown_blocks, outside_fences
from generator.parse import Text, parse_author, parse_paper, read_text
from generator.schema import PAPER_FIELDS

FIELD_ORDER = tuple(spec.name for spec in PAPER_FIELDS)
# A key, bare or in quotes (`"score": 88`, as YAML allows), and the name it holds.
_KEY_LINE = re.compile(r"^([\"']?)([A-Za-z_][A-Za-z0-9_-]*)\1\s*:(?:\s|$)")
_FENCE = "---"
_BOM = b"\xef\xbb\xbf"


class RecordError(Exception):
    """A record file that cannot be read safely; carries its located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class PartlyWritten(ContentError):
    """A rename failed after others were made: those records are new, the rest are not."""

    def __init__(self, problems: list[Problem], written: list[Path]) -> None:
        super().__init__(problems)
        self.written = written

    def summary(self, count: int) -> str:
        """Not "nothing was written": say what was."""
        names = ", ".join(map(str, self.written))
        return f"{count} problem{'' if count == 1 else 's'}; written before it: {names}."


@dataclass
class RecordFile:
    """One paper record as found on disk: its text, its mapping and where its keys are."""

    path: Path
    rel: str  # the path relative to the site, for messages
    text: str
    data: dict[str, Any]
    body: str  # the Markdown abstract of a .md record ("" for .yaml)
    is_markdown: bool
    bom: bool = False  # saved with a byte-order mark (Windows Notepad): kept
    newline: str = "\n"  # "\r\n" for a record saved with CRLF line ends: kept
    # (size, mtime_ns, inode) when it was read: written over only while they still hold
    signature: tuple[int, int, int] | None = None

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


def read_record(path: Path, rel: str, author: bool = False) -> RecordFile:
    """Read one ``.md`` or ``.yaml`` paper record, or raise RecordError naming the line.

    It is read as the build reads it (a byte-order mark allowed, control characters
    refused), but its text is kept as it is on disk, CRLF line ends included, so that
    an update changes only the lines it means to. ``author``: an author record (.yaml),
    whose problems are named as the build names an author's.
    """
    problems = Problems()
    try:  # taken first: a save after it, even while reading, shows when writing
        signature = file_signature(path)
    except OSError as exc:
        raise RecordError(Problem(rel, 0, f"cannot be read: {exc.strerror}")) from None
    source = read_text(path, rel, problems)  # the build's checks and messages
    if source is None:
        raise RecordError(problems.items[0])
    try:
        raw = path.read_bytes()
    except OSError as exc:  # gone since: a race with another program
        raise RecordError(Problem(rel, 0, f"cannot be read: {exc.strerror}")) from None
    bom = raw.startswith(_BOM)
    text = raw[len(_BOM) if bom else 0 :].decode("utf-8")
    is_markdown = path.suffix.lower() == ".md"  # `one.MD` is read as the build reads it
    normal = source.text
    front, body, offset = _split(normal, rel) if is_markdown else (normal, "", 0)
    try:  # the build's reader: `arxiv_id: 2409.01230` is that text, not the float 2409.0123
        data = yamlio.load_mapping(front, first_line=offset + 1, what="front matter").data
    except yamlio.YamlError as exc:
        problem = _as_built(source, author) or Problem(rel, exc.line, exc.message)
        raise RecordError(problem) from None
    first = _LINE.match(text)
    end = first.group()[len(first.group().rstrip("\r\n")) :] if first else ""
    newline = end or "\n"  # the first line's end: new lines end as it does
    return RecordFile(path, rel, text, data, body, is_markdown, bom, newline, signature)


def file_signature(path: Path) -> tuple[int, int, int]:
    """The size, time and inode of the file ``path`` names (through a link): an editor's
    save changes one of them, whether it writes the file or renames a new one over it."""
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ino


def _as_built(source: Text, author: bool = False) -> Problem | None:
    """The build's first problem with a record: the same line and words as ``build``."""
    problems = Problems()
    (parse_author if author else parse_paper)(source, problems)
    return min(problems.items) if problems.items else None


def _split(text: str, rel: str) -> tuple[str, str, int]:
    """Front matter, body and the line offset of the front matter in a .md record."""
    lines = _lines(text)
    if not lines or lines[0].rstrip() != _FENCE:
        raise RecordError(Problem(rel, 1, "a .md record must start with '---'"))
    close = _closing(lines)
    if close is None:
        raise RecordError(Problem(rel, 1, "the front matter has no closing '---'"))
    return "".join(lines[1:close]), "".join(lines[close + 1 :]), 1


def _closing(lines: list[str]) -> int | None:
    """The index of the line that closes the front matter: ``---``, or YAML's own end of
    a document ``...``, which the build accepts too."""
    return next((i for i in range(1, len(lines)) if lines[i].rstrip() in (_FENCE, "...")), None)


# A line and its end as the build reads them: CRLF, LF, or a lone CR (classic Mac OS).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines(text: str) -> list[str]:
    """The text's lines with their ends; only CR and LF end a line, as in the build
    (``str.splitlines`` also splits at U+2028 or a form feed inside a title)."""
    return _LINE.findall(text)


class _Dumper(yaml.SafeDumper):
    """Block style, indented lists, and literal blocks for multi-line strings."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_written_float(dumper: yaml.SafeDumper, data: float) -> yaml.ScalarNode:
    return dumper.represent_float(float(data))


# libyaml's emitter, where PyYAML has it (about 10 times as fast as the Python one, which
# was a third of the time of a large import), for the values it writes byte for byte as
# the Python one does. It is told the same representers.
_FastDumper: Any = None
if getattr(yaml, "__with_libyaml__", False):
    _FastDumper = type("_FastDumper", (yaml.CSafeDumper,), {})

_DUMPERS = (_Dumper, _FastDumper) if _FastDumper is not None else (_Dumper,)
for _dumper in _DUMPERS:
    _dumper.add_representer(str, _represent_str)
    # A number read back from a record (`score: 56.50`) is the loader's WrittenFloat,
    # which PyYAML's dumper, matching types exactly, would refuse: written as the float.
    _dumper.add_representer(yamlio.WrittenFloat, _represent_written_float)

# The characters both emitters take for printable and neither for a line break but
# "\n": libyaml escapes the ones beyond U+FFFF (an emoji in a title read "\U0001F600")
# and U+0085, which the Python emitter writes as they are. A value with any other goes the
# Python way, as does a line break but "\n" (U+2028, U+2029) in any but a literal block.
_ALIKE_LINE = r"[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]"
_ALIKE_TEXT = re.compile(f"(?:{_ALIKE_LINE}|\n)*")
_ALIKE_ONE_LINE = re.compile(f"{_ALIKE_LINE}*")
_ALIKE_SCALARS = (bool, int, float, dt.date, type(None))


def _written_alike(value: Any, *, in_list: bool = False) -> bool:
    """Whether libyaml's emitter writes ``value`` as the Python one does: text of the
    characters above, numbers, dates, and mappings of them. In a list (which libyaml
    writes unindented, re-indented after) only one-line values."""
    if isinstance(value, str):
        return (_ALIKE_ONE_LINE if in_list else _ALIKE_TEXT).fullmatch(value) is not None
    if isinstance(value, dict) and not in_list:
        return all(_simple_key(k) and _written_alike(v) for k, v in value.items())
    return isinstance(value, _ALIKE_SCALARS)


def _simple_key(key: Any) -> bool:
    """A key both emitters write as ``key:`` (an empty one, one of many lines, or a long
    one, from 128 characters in the Python emitter, 129 in libyaml, is ``? key``)."""
    return isinstance(key, str) and 0 < len(key) < 100 and _written_alike(key, in_list=True)


# The width past which the emitters fold a line (at a space): none a record holds.
LINE_WIDTH = 10**6


def _dump(key: str, value: Any) -> str:
    """``{key: value}`` as YAML in block style, lists indented under their key."""
    options: dict[str, Any] = {
        "allow_unicode": True,
        "sort_keys": False,
        "default_flow_style": False,
        "width": LINE_WIDTH,
    }
    if _FastDumper is not None:
        if isinstance(value, list) and all(_written_alike(v, in_list=True) for v in value):
            # libyaml writes `- item` at the key's margin: indented here, an item a line
            lines = str(yaml.dump({key: value}, Dumper=_FastDumper, **options)).split("\n")
            if len(value) > 0 and len(lines) == len(value) + 2:
                return "\n  ".join(lines[:-1]) + "\n"
        if not isinstance(value, list) and _written_alike(value):
            text = str(yaml.dump({key: value}, Dumper=_FastDumper, **options))
            # A block kept with its trailing lines (`|+`) before another value of a mapping
            # leaves libyaml's document open: it ends it, `...`, where the Python emitter
            # does not (inside a record's front matter, an end of its YAML): written so
            if not text.endswith("\n...\n"):
                return text
    return str(yaml.dump({key: value}, Dumper=_Dumper, **options))


def _yaml_value(key: str, value: Any) -> Any:
    """Dates written the way people write them: ``2024-05-27``, ``2024-05``, ``2024``."""
    if key in ("date", "citations_date", "first_published") and isinstance(value, str):
        parts = value.split("-")
        if len(parts) == 3:
            try:
                return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:  # no calendar day: written as text, which the check names
                return value
        if len(parts) == 1 and value.isdigit():
            return int(value)
    if key in ("volume", "issue", "pages", "edition") and isinstance(value, str):
        # `volume: 12`, as a person writes it (not `'12'`); `012` or `12A` stays text
        return int(value) if re.fullmatch(r"[1-9][0-9]{0,8}", value) else value
    if key == "bibtex" and isinstance(value, str):
        # A literal block can carry neither trailing spaces nor tabs (Zotero indents with
        # tabs), and would fall back to one long quoted line; in BibTeX both are spaces.
        lines = (line.rstrip().replace("\t", "  ") for line in value.strip().splitlines())
        return "\n".join(lines) + "\n"
    return value


def dump_field(key: str, value: Any) -> str:
    """One top-level key as YAML lines, ending in a newline.

    A BibTeX entry is marked as the import wrote it (see :func:`bibtex_as_imported`).
    """
    value = _yaml_value(key, value)
    text = _dump(key, value)
    if key == "bibtex" and isinstance(value, str) and text.startswith("bibtex: |\n"):
        mark = f"  # as imported ({_entry_mark(value)}): re-imports refresh it until you edit it"
        text = "bibtex: |" + mark + text[len("bibtex: |") :]
    return text


# The mark an import writes after `bibtex: |`: the digest of the entry it wrote.
_IMPORTED = re.compile(r"^bibtex:[ \t]*\|[ \t]+#[ \t]*as imported \(([0-9a-f]{12})\)")


def _entry_mark(entry: str) -> str:
    """A digest of a BibTeX entry, blanks and line breaks aside."""
    return hashlib.sha256(fold_space(entry).encode("utf-8")).hexdigest()[:12]


def bibtex_as_imported(record: RecordFile) -> bool:
    """Whether the record's ``bibtex`` is the entry an import wrote, unedited since.

    The import marks the entry it writes with its digest; an entry edited by hand no
    longer has it (nor does one written by hand, or imported before the mark existed),
    so a later import keeps it as a person's. Re-indenting it is no edit.
    """
    entry = record.data.get("bibtex")
    line = key_lines(record).get("bibtex")
    if not isinstance(entry, str) or line is None:
        return False
    match = _IMPORTED.match(_lines(record.text)[line - 1])
    return match is not None and match.group(1) == _entry_mark(entry)


def wrap_markdown(text: str, width: int = 88) -> str:
    """Paragraphs wrapped for reading in an editor (Markdown joins the lines again).

    A line never starts like a block (``- ``, ``1. ``, ``# ``…): in "A - unlike B" the
    wrap would otherwise turn " - unlike B" into a list item. Such a line stays on the
    line before, a little longer than ``width``. A heading, list item or HTML line the
    text holds keeps a line of its own, and a heading is not wrapped; a fenced code block
    keeps its lines as written.
    """
    return outside_fences(text, lambda part: _wrapped_paragraphs(part, width))


def _wrapped_paragraphs(text: str, width: int) -> list[str]:
    """Each paragraph of Markdown text without code blocks, wrapped (see wrap_markdown)."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    wrapped = []
    for paragraph in paragraphs:
        lines: list[str] = []
        for block in markdown_blocks(paragraph):  # a heading or list item keeps its line
            if block.startswith("#"):  # a heading's second line would be a paragraph
                lines.append(block)
                continue
            # A block's line break is a hard one (a line that ends in `\`, TeX's `\\` in
            # an arXiv abstract): its line ends there; joined, `a\ b` showed the backslash.
            for part in block.split("\n"):
                part_start = len(lines)
                for line in textwrap.wrap(
                    " ".join(part.split()), width, break_long_words=False, break_on_hyphens=False
                ):
                    if len(lines) > part_start and BLOCK_START.match(line):
                        lines[-1] += " " + line
                    else:
                        lines.append(line)
        if lines:
            wrapped.append("\n".join(lines))
    return wrapped


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
    """Each top-level key's lines as ``[start, end)``; comments and blanks after it stay
    outside."""
    spans: dict[str, tuple[int, int]] = {}
    current: str | None = None
    start = end = 0
    for index, line in enumerate(lines):
        match = _KEY_LINE.match(line)
        if match:
            if current is not None:
                spans[current] = (start, end)
            current, start, end = match.group(2), index, index + 1
        elif current is not None and line.strip() and (line[0] in " \t" or line.startswith("-")):
            end = index + 1  # an indented continuation or a block list item
        elif current is not None and line.strip() and not line.startswith("#"):
            end = index + 1
        # A comment at the margin is outside the key, unless lines of the key follow it
        # (`links:` / `# the code` / `  code: …`): then the next line takes it in.
    if current is not None:
        spans[current] = (start, end)
    return spans


def update_record(
    record: RecordFile,
    changes: Mapping[str, Any],
    abstract: str = "",
    order: Sequence[str] = FIELD_ORDER,
) -> str:
    """The record's text with only ``changes`` (and an abstract where it had none) applied;
    a change to None removes its key.

    Every other line stays as it was, byte for byte: the record's line ends (CRLF too)
    and byte-order mark are kept, and the new lines take the record's line ends.
    A new key goes where ``order`` (the record kind's field order) puts it.
    """
    eol = record.newline
    if record.is_markdown:
        lines = _lines(record.text)
        close = _closing(lines) or len(lines)  # there is one: the record was read
        front, head, tail = lines[1:close], lines[:1], lines[close:]
    else:
        front, head, tail = _lines(record.text), [], []
    if front and not front[-1].endswith(("\n", "\r")):
        front[-1] += eol
    if abstract.strip() and not record.abstract() and not record.is_markdown:
        # A key like any other: `abstract:` left empty is filled, not written twice.
        changes = {**changes, "abstract": wrap_markdown(abstract)}
    for key, value in changes.items():
        spans = _key_spans(front)
        if value is None:  # a key the import removes: its lines go
            start, end = spans.get(key, (0, 0))
            del front[start:end]
        elif key in spans:
            start, end = spans[key]
            old = front[start:end]
            front[start:end] = _replacement(old, key, value, record.data.get(key), eol)
        else:
            at = _insert_at(key, spans, len(front), order)
            front[at:at] = _ended(dump_field(key, value), eol)
    text = "".join(head + front + tail)
    if abstract.strip() and not record.abstract() and record.is_markdown:
        text = text.rstrip("\r\n") + eol + eol + wrap_markdown(abstract).replace("\n", eol) + eol
    return ("\ufeff" if record.bom else "") + text


# A one-line plain, quoted or flow value and the comment after it: `citations: 12  # S2`.
_VALUE_COMMENT = re.compile(
    r"[^:]+:[ \t]*(?P<value>[^\s'\"#|>&*!\[{][^#]*?|'[^'\n]*'|\"[^\"\\\n]*\""
    r"|[\[{](?:[^'\"#\]}\n]|'[^'\n]*'|\"[^\"\\\n]*\")*[\]}])?([ \t]+#.*?)?\r?\n?"
)


def _ended(text: str, eol: str) -> list[str]:
    """New lines, each ending as the record's lines end."""
    return [line[:-1] + eol for line in text.splitlines(keepends=True)]


def _replacement(old: list[str], key: str, value: Any, before: Any, eol: str) -> list[str]:
    """The lines that take the place of ``old``, a key's lines, for its new value.

    A mapping that gains entries (``links:`` gains ``pdf``) keeps its lines, comments
    and quotes and has the new entries added at its end; a one-line value keeps the
    comment after it.
    """
    if isinstance(value, dict) and isinstance(before, dict) and before:
        entries = [line for line in old[1:] if line.strip() and not line.lstrip().startswith("#")]
        block = _KEY_LINE.match(old[0]) and old[0].split(":", 1)[1].split("#", 1)[0].strip() == ""
        indent = entries[0][: len(entries[0]) - len(entries[0].lstrip())] if entries else ""
        if block and indent and all(name in value for name in before):
            added = {name: url for name, url in value.items() if name not in before}
            lines = _ended(dump_field(key, added), eol)[1:]
            return old + [indent + line.lstrip() for line in lines]
    new = _ended(dump_field(key, value), eol)
    match = _VALUE_COMMENT.fullmatch(old[0]) if len(old) == 1 else None
    # A comment on a value (one written on one line, `links: {…}  # x`, now a block:
    # after its key); not a placeholder's on an empty key (`abstract:  # to write`).
    if match is not None and match.group(2) and (len(new) == 1 or match.group("value")):
        return [new[0][: -len(eol)] + match.group(2) + eol, *new[1:]]
    return new


def key_lines(record: RecordFile) -> dict[str, int]:
    """The line (from 1) of each top-level key in the record's file, and of each entry
    of a block mapping under one (``links.pdf``)."""
    lines = _lines(record.text)
    first = 0
    if record.is_markdown:
        lines, first = lines[1 : _closing(lines) or len(lines)], 1
    found: dict[str, int] = {}
    for key, (start, end) in _key_spans(lines).items():
        found[key] = first + start + 1
        for index in range(start + 1, end):
            entry = _KEY_LINE.match(lines[index].lstrip(" "))
            if entry is not None and lines[index].startswith(" "):
                found.setdefault(f"{key}.{entry.group(2)}", first + index + 1)
    return found


def as_built(text: str) -> str:
    """A record's text as the build reads it: no byte-order mark, ``\\n`` line ends."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_only(path: Path) -> bool:
    """Whether the file (the one a link leads to) is marked read-only for its owner.

    By its mode, not ``os.access``: to root (a container, CI) every file is writable.
    """
    try:
        return not os.stat(path).st_mode & stat.S_IWUSR
    except OSError:
        return False


def _insert_at(
    key: str, spans: Mapping[str, tuple[int, int]], length: int, fields: Sequence[str]
) -> int:
    """Where a new key goes: after the last present key that precedes it in schema order."""
    order = {name: i for i, name in enumerate(fields)}
    rank = order.get(key, len(order))
    best: int | None = None
    for name, (_, end) in spans.items():
        if order.get(name, len(order)) < rank and (best is None or end > best):
            best = end
    if best is not None:
        return best
    following = [start for name, (start, _) in spans.items() if order.get(name, 0) > rank]
    return min(following) if following else length


CHANGED_MEANWHILE = (
    "changed on disk while the import ran (saved in an editor, or by another import); "
    "nothing was written; run the import again"
)


def write_files(
    files: Mapping[Path, str | bytes],
    expected: Mapping[Path, tuple[int, int, int] | None] | None = None,
    folders: Iterable[Path] = (),
) -> list[Path]:
    """Write every file atomically: all temporary files first, then one rename each.

    A file keeps its permissions (a new one gets the ones the umask gives, as an editor's
    file does), and a symbolic link stays a link: the file it leads to is written.
    SIGTERM is held off as Ctrl-C is, so that no temporary file is left behind; Ctrl-C
    raises :class:`Interrupted`, which names the files written and those not.
    ``expected`` holds, for files that were read before (or found missing: None), what
    :func:`file_signature` said then: if any is not so now, nothing is written.

    The folders written into, and ``folders``, are locked while this runs, and the
    temporary files a killed run left in them are deleted first: returned, to be named.
    """
    staged: list[tuple[str, Path]] = []
    done: list[Path] = []
    current = Path()
    with _terminate_as_interrupt():
        try:
            targets = {path: _target(path) for path in files}
            for target in targets.values():
                current = target
                target.parent.mkdir(parents=True, exist_ok=True)
            with _locked({t.parent for t in targets.values()} | set(folders)) as locked:
                removed = [stale for folder in locked for stale in _stale_temporaries(folder)]
                for path, text in files.items():
                    current, target = path, targets[path]
                    fd = _temporary(target, staged)  # named in `staged` before it is made
                    tmp = staged[-1][0]
                    with os.fdopen(fd, "wb") as handle:
                        if target.exists():
                            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
                        # text as UTF-8 with its "\n" kept; bytes (a picture copied into
                        # static/ by an import) as they are
                        handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
                _unchanged_since(expected or {})
                try:
                    for (tmp, target), path in zip(staged, files, strict=True):
                        current = path
                        os.replace(tmp, target)
                        done.append(path)
                except KeyboardInterrupt:
                    # Renamed or not is told by the temporary file: the signal may come
                    # between a rename and its note in `done`.
                    renamed = {
                        p
                        for (tmp, _), p in zip(staged, files, strict=True)
                        if not os.path.exists(tmp)
                    }
                    written = [path for path in files if path in renamed]
                    pending = [path for path in files if path not in renamed]
                    raise Interrupted(_interrupted(written, pending), written, pending) from None
        except Interrupted:
            raise
        except KeyboardInterrupt:
            files_ = list(files)
            raise Interrupted(_interrupted([], files_), [], files_) from None
        except OSError as exc:
            problem = Problem(str(current), 0, f"cannot write: {exc.strerror or exc}")
            if done:  # a rename failed after others had been made
                raise PartlyWritten([problem], done) from None
            raise ContentError([problem]) from None
        finally:
            for tmp, _ in staged:
                if os.path.exists(tmp):
                    os.unlink(tmp)
    return removed


def _target(path: Path) -> Path:
    """The file that writing ``path`` changes: where a symbolic link leads, else ``path``."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _interrupted(written: list[Path], pending: list[Path]) -> str:
    """What an interrupted :func:`write_files` leaves: which files are new, which as they were."""
    if not written:
        return "interrupted before anything was written: every file is as it was"
    return (
        f"interrupted while writing: {len(written)} of {len(written) + len(pending)} files "
        f"written ({listed(written)}); not written: {listed(pending)}"
    )


# The temporary files of _temporary: `.<record name>.<8 hex digits>.tmp`, beside the file.
# Only these are ever deleted as left over; an editor's `.x.md.swp` or `.x.md~` is not ours.
_OUR_TEMPORARY = re.compile(
    r"\..+\.(?:md|yaml|yml|jpe?g|png|gif|webp|avif)\.[0-9a-f]{8}\.tmp", re.IGNORECASE
)
# How long a write waits for another import writing in the same folder (a few ms, usually).
LOCK_WAIT = 10.0


def _stale_temporaries(folder: Path) -> list[Path]:
    """Delete the temporary files a killed import left in ``folder`` (whose lock we hold,
    so no import that is alive is writing them); return them."""
    removed = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    for name in names:
        path = folder / name
        try:
            if _OUR_TEMPORARY.fullmatch(name) and stat.S_ISREG(os.lstat(path).st_mode):
                path.unlink()
                removed.append(path)
        except FileNotFoundError:  # gone meanwhile (deleted by hand)
            continue
    return removed


@contextlib.contextmanager
def _locked(folders: Iterable[Path]) -> Iterator[list[Path]]:
    """Hold an exclusive lock on each existing folder (in one order, so two writers never
    wait for each other); yield those locked, where the system has locks, else none.

    Every run of :func:`write_files` holds the lock of each folder it writes into while its
    temporary files exist: a temporary file in a folder whose lock we hold is a dead run's.
    The lock goes with the process, however it ends (SIGKILL too).
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, so no file is taken as stale
        yield []
        return
    # One lock per folder however it is named (`content/papers`, a link to it), taken in
    # the order of the real paths; named in messages as the caller named it.
    named = {folder.resolve(): folder for folder in folders if folder.is_dir()}
    ordered = [named[real] for real in sorted(named, key=str)]
    with contextlib.ExitStack() as stack:
        for folder in ordered:
            fd = os.open(folder, os.O_RDONLY)
            stack.callback(os.close, fd)  # closing it releases the lock
            deadline = time.monotonic() + LOCK_WAIT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        message = (
                            "another authorsite import (or init) is writing into this folder "
                            f"and has not finished for {LOCK_WAIT:.0f} s; run this one again "
                            "when it has (a stopped one: Ctrl-Z, then fg, or end it)"
                        )
                        raise ContentError([Problem(str(folder), 0, message)]) from None
                    time.sleep(0.05)
        yield ordered


def _unchanged_since(expected: Mapping[Path, tuple[int, int, int] | None]) -> None:
    """Raise ContentError naming each file that is no longer as it was read (or missing)."""
    problems = Problems()
    for path, signature in expected.items():
        try:
            now: tuple[int, int, int] | None = file_signature(path)
        except FileNotFoundError:
            now = None if not os.path.lexists(path) else (-1, -1, -1)  # a link to nothing
        except OSError:
            now = (-1, -1, -1)
        if now != signature:
            problems.add(str(path), 0, CHANGED_MEANWHILE)
    problems.raise_if_any()


def _temporary(path: Path, staged: list[tuple[str, Path]]) -> int:
    """A new hidden file beside ``path``, made with the umask's permissions (mkstemp's
    are 0600, which would leave a record unreadable to the group that shares the site).

    Its name joins ``staged`` (the files cleaned up however the writing ends) before the
    file is made: Ctrl-C comes as the call that made it returns, before any line after it.
    """
    while True:
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
        staged.append((tmp, path))
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # a dead run's, in a folder we lock: not ours to clean up
            staged.pop()


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While records are written, SIGTERM (a CI timeout, ``kill``) unwinds as Ctrl-C does."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: nothing to hold off
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
