"""Safe YAML loading that keeps the line of every top-level key.

Only plain data is ever constructed (PyYAML's safe constructor; libyaml's
parser when it is installed, which is several times faster). Timestamps are
not resolved implicitly: dates stay strings so that an impossible date such
as ``2024-13-45`` becomes a located message instead of a crash.

Speed, for sites of thousands of records: a record in the usual shape is read by
:func:`_simple_mapping` without PyYAML; any other document is composed by PyYAML and,
when it is plain data, built by :func:`_plain_values` in one pass. Both give up on
anything out of the ordinary, which then takes PyYAML's general path, so values,
lines and messages are always the general path's (tests/test_yamlio.py compares them).
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from generator.schema import AUTHOR_FIELDS, PAPER_FIELDS, SITE_FIELDS

try:  # libyaml's parser; the constructor stays the safe, pure-Python one
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


# yaml.safe_load's own loader, with libyaml's parser where there is one (~5 times faster:
# an import reads back every record of the site).
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """A safe loader without implicit timestamps."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

# arXiv ids such as 2503.17680 would otherwise load as floats and lose digits.
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:str", re.compile(r"^\d{4}\.\d{4,5}(?:v\d+)?$"), list("0123456789")
)
# YAML 1.1 reads `007` and `010` as octal (7, 8), `1:30` as sexagesimal (90), `1_000` as
# 1000 and `0x1F` as 31: `slug: 010` published papers/8/, `title: 1:30` showed "90". Such a
# value stays the text it is written as (a count is then refused with the way to write it);
# plain decimals (`12`, `0`, `56.5`, `-3`) are numbers as before.
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:str",
    re.compile(r"^[-+]?(?:0[0-9_bx]|[0-9][0-9.]*[_:])[0-9a-fA-F_.:eE+-]*$"),
    list("0123456789+-"),
)
for _first in "0123456789+-":  # consulted before the int and float resolvers
    _resolvers = _Loader.yaml_implicit_resolvers[_first]
    _added = 2 if _first.isdigit() else 1  # the str resolvers above, in their order
    _resolvers[:] = _resolvers[-_added:] + _resolvers[:-_added]


class WrittenFloat(float):
    """A float that is its text as written where it is text: ``tags: [3.10]`` is "3.10".

    ``str()`` of the float 3.10 is "3.1" (and of 1.0e3 "1000.0"): a title, venue or tag
    YAML reads as a number would show another text than the one written. As a number
    (``score: 56.50``) it is the float it always was.
    """

    written: str

    def __str__(self) -> str:
        return self.written


def _written_float(constructor: Any, node: yaml.Node) -> float:
    """The float PyYAML makes of ``node`` (a scalar: any other node is PyYAML's error)."""
    value = WrittenFloat(constructor.construct_yaml_float(node))
    value.written = str(node.value)
    return value


_Loader.add_constructor("tag:yaml.org,2002:float", _written_float)

# A document whose aliases expand to more nodes than this is refused (billion laughs).
MAX_NODES = 200_000


class YamlError(Exception):
    """A YAML problem with the 1-based line it was found on (0 when unknown)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Document:
    """A loaded mapping and the 1-based line of each of its keys."""

    data: dict[str, Any]
    lines: Mapping[str, int]


def _line(text: str, mark: yaml.Mark | None, offset: int) -> int:
    """The file line of ``mark``, counting ``\n`` only.

    YAML also counts U+0085, U+2028 and U+2029 as line breaks, which editors do not show
    as new lines; counting by the mark's character index keeps messages on the real line.
    """
    if mark is None:
        return 0
    return text.count("\n", 0, mark.index) + 1 + offset


def _too_many_digits(text: str) -> tuple[int, int] | None:
    """The line and length of the first run of more than 4,300 digits in ``text``, or None."""
    for run in re.finditer(r"[0-9_]+", text):  # each run once: linear in the text
        count = len(run.group()) - run.group().count("_")
        if count > 4_300:
            return text.count("\n", 0, run.start()) + 1, count
    return None


def load_mapping(text: str, *, first_line: int = 1, what: str = "file") -> Document:
    """Load ``text`` as one YAML mapping; ``first_line`` is the file line of text's line 1."""
    offset = first_line - 1
    simple = _simple_mapping(text, offset)
    if simple is not None:
        return Document(*simple)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document({}, {})
        data = _plain_values(loader, node)
        if data is _UNUSUAL:  # a duplicate key, an alias bomb, a tag or shape out of the ordinary
            _check_graph(node, text, offset)
            data = loader.construct_document(node)
        if "\\" in text:
            _latex_escapes(node, text, offset)
        if isinstance(node, yaml.MappingNode):
            _merged_list_item(node, text, offset)
    except yaml.MarkedYAMLError as exc:
        raise syntax_error(exc, text, offset, what) from None
    except yaml.YAMLError as exc:
        raise YamlError(first_line, f"YAML error: {exc}") from None
    except (ValueError, TypeError, RecursionError) as exc:
        digits = _too_many_digits(text) if isinstance(exc, ValueError) else None
        if digits is not None:  # Python reads no whole number of over 4,300 digits
            line, count = digits
            raise YamlError(
                line + offset, f"a number of {count:,} digits; no value holds so many"
            ) from None
        raise YamlError(first_line, f"YAML error: {exc}") from None
    except LookupError:  # `!!bool maybe`, an empty `!!int`: PyYAML's conversions fail
        raise YamlError(first_line, "YAML error: a value does not fit its `!!` tag") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise YamlError(first_line, f"the {what} must be a mapping of `key: value` lines")
    # Without the breaks only YAML counts (U+0085, U+2028, U+2029, a lone CR), the
    # parser's own line number is the file line, and counting newlines is not needed.
    if any(ch in text for ch in _OTHER_BREAKS):
        where = functools.partial(_line, text, offset=offset)
    else:
        where = functools.partial(_mark_line, offset=offset)
    lines: dict[str, int] = {}
    names: dict[Any, str] = {}  # a key YAML reads as a number or true/false: its text
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        if key.tag == _NULL:  # `null:`, `~:`: the constructed key would be Python's None
            raise YamlError(
                where(key.start_mark),
                f"`{key.value}:` is a key without a name (YAML reads `{key.value}` as "
                "nothing), so this line is no field; write the field's name, such as "
                "`title:`, or remove the line",
            )
        if key.tag in _SCALARS:  # `yes:` is True to YAML; a message names it `yes`
            with contextlib.suppress(Exception):
                names[_Loader.yaml_constructors[key.tag](_CONSTRUCTOR, key)] = key.value
        lines[str(key.value)] = where(key.start_mark)
        if isinstance(value, yaml.MappingNode):  # `links.code`: a message about one link
            for sub_key, _ in value.value:
                if isinstance(sub_key, yaml.ScalarNode):
                    lines[f"{key.value}.{sub_key.value}"] = where(sub_key.start_mark)
        elif isinstance(value, yaml.SequenceNode) and not value.flow_style:
            # `authors.4`: the `- ` line of one name, for a message about it in a long list
            for index, item in enumerate(value.value):
                lines[f"{key.value}.{index}"] = where(item.start_mark)
    return Document({names.get(k, str(k)): v for k, v in data.items()}, lines)


_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def safe_load(text: str) -> Any:
    """Any YAML document as ``yaml.safe_load`` reads it, but bounded: for other tools' files.

    Front matter of an imported site, or a record read back while importing, may be a
    "billion laughs" bomb that ``yaml.safe_load`` builds at once and any ``str()`` of it
    then expands without end, or nesting deep enough to exhaust Python's stack. The first is
    refused as load_mapping refuses it (MAX_NODES); the second is a ``yaml.YAMLError`` too.
    """
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _too_large(node):
            raise yaml.composer.ComposerError(
                None,
                None,
                f"the document expands to more than {MAX_NODES} values "
                "(aliases nested too deeply?)",
                node.start_mark,
            )
        return loader.construct_document(node)
    except RecursionError:
        raise yaml.YAMLError("the document is nested too deeply") from None
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):  # libyaml's own limit
            raise yaml.YAMLError("the document is nested too deeply") from None
        raise
    finally:
        loader.dispose()


def _mark_line(mark: yaml.Mark | None, offset: int) -> int:
    """The file line of ``mark`` in a text whose only line break is ``\\n``."""
    return 0 if mark is None else mark.line + 1 + offset


# The values that plain YAML data is made of, as the safe constructor makes them.
_STR, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_SCALARS = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_CACHED_LENGTH = 200  # longer values (titles, abstracts) rarely recur: not kept in memory
_MAX_DEPTH = 32  # deeper documents take the general path (records are two levels deep)
_UNUSUAL: Any = object()  # _plain_values could not take the fast path
_BUSY: Any = object()  # a collection whose value is being built


def _plain_values(loader: _Loader, root: yaml.Node) -> Any:
    """The document's value, or _UNUSUAL when it needs the general path.

    The general path (check every key and the alias expansion, then PyYAML's safe
    constructor) is exact but slow: it is a state machine of generators, run once for
    every value. Plain data, which every record is, is built here in one recursive pass
    that also finds what the general path would refuse (a duplicate key, an expansion of
    more than MAX_NODES values): then it hands the document over, so that each message is
    the one the general path gives.
    """
    built: dict[int, Any] = {}  # id(node) -> value: an alias is built once, as PyYAML does
    sizes: dict[int, int] = {}  # id(node) -> values it expands to, as _check_graph counts
    constructors = loader.yaml_constructors

    def build(node: yaml.Node, depth: int) -> tuple[Any, int]:
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                return node.value, 1
            if tag == _NULL:
                return None, 1
            if tag not in _SCALARS:
                raise _Unusual
            try:  # the safe constructor's own conversion (octal, sexagesimal, .inf, ...)
                return constructors[tag](loader, node), 1
            except Exception:  # the general path reports it, in its own order
                raise _Unusual from None
        known = built.get(id(node), _UNUSUAL)
        if known is _BUSY or depth > _MAX_DEPTH:
            raise _Unusual  # a recursive alias, or deep nesting
        if known is not _UNUSUAL:
            return known, sizes[id(node)]
        built[id(node)] = _BUSY
        size = 1
        value: Any
        if isinstance(node, yaml.SequenceNode) and tag == _SEQ:
            value = []
            for item in node.value:
                item_value, item_size = build(item, depth + 1)
                value.append(item_value)
                size += item_size
        elif isinstance(node, yaml.MappingNode) and tag == _MAP:
            value = {}
            keys: set[str] = set()
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.value in keys:
                    raise _Unusual  # a complex key, or a duplicate one
                keys.add(key_node.value)
                key, _ = build(key_node, depth + 1)
                item_value, item_size = build(value_node, depth + 1)
                value[key] = item_value
                size += 1 + item_size
        else:
            raise _Unusual
        if size > MAX_NODES:
            raise _Unusual
        built[id(node)], sizes[id(node)] = value, size
        return value, size

    try:
        return build(root, 0)[0]
    except _Unusual:
        return _UNUSUAL


class _Unusual(Exception):
    """The document needs the general path of load_mapping."""


def syntax_error(
    exc: yaml.MarkedYAMLError, text: str, offset: int, what: str = "file"
) -> YamlError:
    """A located message; an unclosed bracket or quote points at where it was opened.

    Also for other tools' front matter, read with :func:`safe_load` (the importers).
    ``what`` the text is: ``front matter`` takes no ``---`` of its own.
    """
    problem = (exc.problem or "invalid YAML") + _hint(exc, text)
    where = exc.problem_mark
    directive = _directive_problem(exc, text, offset, what)
    if directive is not None:
        return directive
    tagged = _NO_CONSTRUCTOR.match(exc.problem or "")
    if tagged is not None and where is not None:  # `!!python/object/apply:os.system`
        tag = tagged.group(1).replace("tag:yaml.org,2002:", "!!", 1)
        return YamlError(
            _line(text, where, offset),
            f"YAML syntax error: the tag `{tag}` asks YAML for a value of a kind of its own "
            f"(a program's object), which authorsite does not read; remove `{tag}` and write the value "
            "as text",
        )
    if "another document" in problem and where is not None:  # a .yaml closed like front matter
        return YamlError(
            _line(text, where, offset),
            "YAML syntax error: this `---` line starts a second document; a .yaml record "
            "ends without one: remove it",
        )
    context = exc.context or ""
    if (
        where is not None
        and context.startswith("while parsing a block")
        and (exc.problem or "").startswith("did not find expected")
        and (not _hint(exc, text) or "closing quote" in _hint(exc, text))
    ):
        # The context is where the mapping or list began (often the first field):
        # the line to mend is the one YAML could not place.
        return YamlError(_line(text, where, offset), _misplaced(text, where))
    unclosed = _UNCLOSED.get(context)
    if unclosed and exc.context_mark is not None and not _hint(exc, text):
        return YamlError(_line(text, exc.context_mark, offset), f"YAML syntax error: {unclosed}")
    glued = None
    if where is not None and "mapping values are not" in problem:  # the line above, glued
        glued = _glued_colon(text, text.count("\n", 0, where.index))
    elif exc.context_mark is not None and context == "while scanning a simple key":
        glued = _glued_colon(text, text.count("\n", 0, exc.context_mark.index))
    if glued is not None:
        return YamlError(glued[0] + 1 + offset, f"YAML syntax error: {glued[1]}")
    if exc.context_mark is not None and context == "while scanning a simple key":
        row = text.count("\n", 0, exc.context_mark.index)
        unseen = _UNSEEN_COLON.search(text.split("\n")[row])
        if unseen is not None:  # `note:\xa0x`, `note：x`: no `: ` to YAML
            char = unseen.group(1) or unseen.group(2)
            what = f"U+{ord(char):04X} ({unicodedata.name(char, 'blank').lower()})"
            return YamlError(
                _line(text, exc.context_mark, offset),
                f"YAML syntax error: the blank after this line's `:` is {what}, which YAML "
                "does not read as a space; type a plain space after the `:`"
                if unseen.group(1)
                else f"YAML syntax error: this line's `{char}` is {what}, which YAML does not "
                "read as `:`; write `: `",
            )
        # `  Pierre Curie` under `  - Marie Curie`: an item without its dash
        return YamlError(
            _line(text, exc.context_mark, offset),
            "YAML syntax error: this line is neither a `field: value` line nor a `- ` item "
            "of a list; if it is one more item of the list above, start it with `- `",
        )
    if where is not None and "found unhashable key" in problem:  # at the key, not the mapping
        return YamlError(
            _line(text, where, offset),
            "YAML syntax error: this key is a list or a mapping (`[…]`, `{…}` or `? ` before "
            "it), which is no field name; write the field's name, such as `title:`",
        )
    if where is not None and problem.endswith(_TAB_HINT):  # at the tab, not before it
        return YamlError(_line(text, where, offset), f"YAML syntax error: {problem}")
    if exc.context_mark is not None and (where is None or exc.context_mark.line < where.line):
        found = f" (found on line {_line(text, where, offset)})" if where is not None else ""
        context = exc.context or "here"
        return YamlError(
            _line(text, exc.context_mark, offset), f"YAML syntax error {context}: {problem}{found}"
        )
    return YamlError(_line(text, where, offset), f"YAML syntax error: {problem}")


# A directive line (`%YAML 1.2`, `%TAG ! tag:…`), which a YAML file may start with
_DIRECTIVE = re.compile(r"^%([A-Z]+)\b[^\n]*", re.MULTILINE)


def _directive_problem(
    exc: yaml.MarkedYAMLError, text: str, offset: int, what: str
) -> YamlError | None:
    """The slips of a directive line (`%YAML 1.2`), where PyYAML's words named no fix: no
    `---` after it ("did not find expected <document start>"), a version it does not
    read ("found incompatible YAML document"), the line twice; else None."""
    problem = exc.problem or ""
    found = _DIRECTIVE.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1 + offset
    written = found.group(0).strip()
    if what == "front matter" and ("document start" in problem or "duplicate" in problem):
        return YamlError(
            line,
            f"YAML syntax error: `{written}` is a YAML directive, which {what} takes none of; "
            "remove that line",
        )
    if "expected <document start>" in problem:
        return YamlError(
            line,
            f"YAML syntax error: a directive line, `{written}`, must be followed by a `---` "
            f"line before the fields; add `---` on the line below it, or remove the "
            f"`{written}` line (authorsite needs none)",
        )
    if "incompatible YAML document" in problem:
        return YamlError(
            line,
            f"YAML syntax error: `{written}` names a version of YAML that authorsite does not "
            "read (it reads YAML 1.x); write `%YAML 1.2`, or remove the line",
        )
    if "duplicate" in problem and exc.problem_mark is not None:
        return YamlError(
            _line(text, exc.problem_mark, offset),
            f"YAML syntax error: this line repeats a directive the file has already "
            f"(`{written}`, line {line}); remove it",
        )
    return None


def _reserved_hint(line: str, char: str) -> str:
    """``x_username: @ann``: YAML keeps ``@`` and a backquote for itself; the value quoted."""
    key, colon, value = line.rstrip("\r").partition(": ")
    value = re.sub(r"\s+#.*", "", value).strip()
    quoted = "'" + value.replace("'", "''") + "'"
    fence = "``" if char == "`" else "`"
    example = f"{key.strip()}: {quoted}"
    pad = " " if char == "`" else ""
    example = f" ({fence}{pad}{example}{pad}{fence})" if colon and value.startswith(char) else ""
    what = "`@`" if char == "@" else "a backquote"
    return f"; YAML does not let a value begin with {what}: put it in quotes{example}"


_TAB_HINT = " (a tab); indent with spaces, YAML does not allow tabs there"
# PyYAML's words for a `!tag` its safe loader makes nothing of
_NO_CONSTRUCTOR = re.compile(r"could not determine a constructor for the tag '([^']+)'")
# `note:` then a no-break space (a web page's), or a full-width colon (a CJK keyboard's)
_UNSEEN_COLON = re.compile("^[^:#]*:([\u00a0\u2000-\u200b\u202f\u3000])|^[^:#]*(\uff1a)")


def _misplaced(text: str, mark: yaml.Mark) -> str:
    """What to mend on a line YAML could not place: its indentation, or text after a quote."""
    line = text.split("\n")[text.count("\n", 0, mark.index)].rstrip("\r")
    quoted = _after_quote(line)
    if quoted:
        return f"YAML syntax error: {quoted}"
    start = text.rfind("\n", 0, mark.index) + 1
    if text[start : mark.index].strip():  # `tags: [a, b] c`: more after a closed value
        end = text.find("\n", mark.index)
        rest = text[mark.index : end if end != -1 else len(text)].strip()
        return (
            f"YAML syntax error: the value on this line ends before `{rest[:40]}`; "
            "remove what follows it, or put the whole value in quotes"
        )
    return (
        "YAML syntax error: this line is not indented like the lines above it; fields "
        "start at the beginning of a line, and the `- ` items of a list (or the "
        "`name: URL` lines under `links:`) all start in the same column"
    )


# `title: 'Ada's paper'`, `title: "Radium" a new element`: text after a closing quote.
# The value is greedy and stripped after (as in _COLON_LINE below: no lazy run before `\s*`).
_QUOTED_LINE = re.compile(r"(\s*(?:- +)?)(?:([^\s#'\"\[{][^:#]*?):[ \t]+)?(['\"].*)")


def _after_quote(line: str) -> str:
    """The fix for a quoted value followed by more text, or "" when the line is not one."""
    match = _QUOTED_LINE.fullmatch(line)
    if match is None:
        return ""
    indent, key, value = match.groups()
    value = value.rstrip()
    quote = value[0]
    inner = value[1:-1] if len(value) > 1 and value.endswith(quote) else value
    value = single_quoted(inner if quote == "'" else value)
    fixed = f"- {value}" if "-" in indent else f"{key}: {value}" if key else value
    return (
        "the value goes on after its closing quote; put the whole value in quotes, "
        f"writing a `'` inside single quotes twice: `{fixed.strip()}`"
    )


def _hint(exc: yaml.MarkedYAMLError, text: str) -> str:
    """How to fix the syntax errors researchers meet most: a tab, LaTeX in double quotes, …"""
    mark = exc.problem_mark
    found = text[mark.index : mark.index + 40] if mark is not None else ""
    if found.startswith("\t"):
        return _TAB_HINT
    # Obsidian's `tags: [#ml, #rl]`: the list is reported where it starts, or where the
    # text ends, after the comment took the rest of its line.
    at = exc.context_mark or mark
    # By the mark's index, not its line: YAML's lines also end at U+2028 and its kin.
    row = text.count("\n", 0, at.index) if at is not None else 0
    lines = text.split("\n")[max(0, row - 3) : row + 1] if at is not None else []
    for line in lines:
        if re.search(r"(?:^|[\s\[{,])#\w", line.partition(":")[2]):
            return (
                "; a `#` after a space or `[` starts a comment in YAML; "
                'put the value in quotes ("#ml")'
            )
    if "mapping values are not allowed" in (exc.problem or "") and mark is not None:
        row = text.count("\n", 0, mark.index)
        line = text.split("\n")[row].rstrip("\r")
        if line.find(":") == mark.column:  # at the line's own key: more of the value above
            return _run_on(text, row) or _colon_hint(line)
        return _colon_hint(line) or _run_on(text, row)
    if (exc.problem or "").startswith("did not find expected key") and mark is not None:
        quoted = _after_quote(text.split("\n")[text.count("\n", 0, mark.index)].rstrip("\r"))
        if quoted:
            return f"; {quoted}"
    if "cannot start any token" in (exc.problem or "") and mark and found[:1] in ("@", "`"):
        return _reserved_hint(text.split("\n")[text.count("\n", 0, mark.index)], found[0])
    if exc.context == "while scanning an alias" and found.startswith(" "):
        # `  * Ada Lovelace`: a Markdown list; in YAML a `*` names an alias
        return "; a `*` does not start an item of a list in YAML: write `- ` instead of `* `"
    if "maximum nesting depth" in (exc.problem or ""):  # libyaml's limit, `[[[[…`
        return (
            "; the `[` and `{` of this value are nested deeper than any field needs: close "
            "them, or put the value in quotes if they are text"
        )
    if "invalid Unicode character escape" in (exc.problem or "") and mark is not None:
        # `"\ud800"`: half of a UTF-16 surrogate pair (as JSON writes an emoji), or past U+10FFFF
        escape = re.match(r"\\[uU][0-9A-Fa-f]*", text[mark.index - 2 : mark.index + 8])
        return (
            f"; `{escape.group() if escape else found[:6]}` names no character (half of a "
            "surrogate pair, or a number past U+10FFFF); write the character itself, or "
            "`\\U` and its eight digits (`\\U0001F600`)"
        )
    if found.startswith("\\") and "escape" in (exc.problem or ""):
        word = re.match(r"\\[A-Za-z]*", found)
        latex = word.group() if word and len(word.group()) > 1 else "\\sigma"
        return (
            f" `{found[:2]}`: in double quotes a backslash starts a YAML escape, so LaTeX such "
            f"as `{latex}` must be in single quotes ('…') or written `\\{latex}`"
        )
    return ""


# `title: BERT: Pre-training …`: a field whose plain value holds `: ` (YAML reads it as a
# second key on the line). Not a value YAML can read as quoted, a list or a mapping.
# The value runs to the end of the line and its trailing blanks are stripped after: a
# lazy value before `\s*` took time with the square of a line's trailing blanks.
_COLON_LINE = re.compile(r"(\s*(?:- +)?)([^\s#'\"\[{][^:#]*?):[ \t]+([^'\"\[{|>&*!#\s].*)")


def _colon_hint(line: str) -> str:
    """How to write a line whose plain value holds `: `: the value in quotes."""
    match = _COLON_LINE.fullmatch(line)
    if match is None:
        return ""
    indent, key, value = match.groups()
    value = value.rstrip()
    # A line of a pasted page (megabytes) is quoted in part, not printed whole
    key = key if len(key) <= 80 else key[:79] + "…"
    value = value if len(value) <= 120 else value[:119] + "…"
    if "-" in indent:  # `- Smith: J.`: a list item is one value, quoted as a whole
        return f"; a value holding `: ` must be in quotes: `- {single_quoted(f'{key}: {value}')}`"
    return f"; a value holding `: ` must be in quotes: `{key}: {single_quoted(value)}`"


# What a value opened and never closed is, by the context PyYAML names.
_UNCLOSED = {
    "while scanning a quoted scalar": (
        "the quote that opens this value is never closed; end the value with the same "
        "quote mark, on this line"
    ),
    "while parsing a flow sequence": (
        "the `[` list that starts on this line is never closed; separate its items with "
        "commas and end it with `]` on the same line"
    ),
    "while parsing a flow mapping": (
        "the `{` that starts on this line is never closed; end it with `}` on the same line"
    ),
}


def _glued_colon(text: str, row: int) -> tuple[int, str] | None:
    """(row, message) when ``row`` (or the line above it) is `title:T`: no space after the colon."""
    lines = text.split("\n")
    for at in (row, next((i for i in range(row - 1, -1, -1) if lines[i].strip()), None)):
        if at is None or at >= len(lines):
            continue
        glued = re.fullmatch(r"\s*([A-Za-z_][\w-]*):([^\s/][^\r]*)\r?", lines[at])
        if glued is not None:
            key, value = glued.groups()
            return at, (
                f"`{key}:{value}` needs a space after the colon, or YAML reads no field "
                f"here: write `{key}: {value}`"
            )
    return None


def _run_on(text: str, row: int) -> str:
    """Why YAML read a `key: value` line as more of the value above it, and the fix."""
    lines = text.split("\n")
    line = lines[row].rstrip("\r")
    above = next((x.rstrip("\r") for x in reversed(lines[:row]) if x.strip()), "")
    if line[:1] == " " and above[:1] not in (" ", ""):
        return (
            "; this line is indented, so YAML reads it as more of the value on the line "
            "above; start it at the beginning of the line, as the other fields"
        )
    # `   code: …` under `  pdf: …` (under `links:`): one blank too many, and the line was
    # told to quote its value, which changed nothing
    indent, indent_above = len(line) - len(line.lstrip(" ")), len(above) - len(above.lstrip(" "))
    key_above = re.fullmatch(r"\s*(?:- +)?([^\s#'\"\[{][^:#]*?):[ \t]+[^|>\s].*", above)
    if indent > indent_above and key_above:
        return (
            f"; this line is indented further than the line above it ({indent} spaces, not "
            f"{indent_above}), so YAML reads it as more of that line's value; start it in "
            f"the same column as `{key_above.group(1)}:`"
        )
    # `   _pages` above `  - scope:` (Jekyll's `defaults:`, a comment's `#` lost): a word
    # alone is the start of a text, and YAML reads this line as more of it
    code = (x.rstrip("\r") for x in reversed(lines[:row]) if x.strip()[:1] not in ("", "#"))
    word = next(code, "").strip()
    if re.fullmatch(r"\w[\w.-]*", word):
        return (
            f"; the line above, `{word}`, is neither a `field: value` line nor a `- ` item, "
            "so YAML reads this line as more of its text; make it a comment (`# "
            f"{word}`) or delete it"
        )
    return ""


def single_quoted(value: str) -> str:
    """``value`` as a YAML single-quoted scalar (backslashes stay as written, for LaTeX)."""
    return "'" + value.replace("'", "''") + "'"


# A `- ` line inside a plain value: a list item indented further than the one above it.
# Checked in a list's items, and in the value of a field that holds a list.
_LIST_KEYS = frozenset(
    spec.name
    for spec in (*PAPER_FIELDS, *AUTHOR_FIELDS, *SITE_FIELDS)
    if spec.kind in ("names", "strings")
)
_ITEM_IN_VALUE = re.compile(r"\n[ \t]*(- \S[^\n]*)")
# A list written with another mark than `-` (a word processor's en dash or bullet, a
# Markdown `+`): YAML reads `  – Ada Lovelace` and `  – Bob Byron` as one author's name.
_BULLET_ITEM = re.compile(
    r"(?:^|\n)[ \t]*([\u2013\u2014\u2022\u2212\u00b7+\u2023\u25e6\u25aa] \S[^\n]*)"
)


def _merged_list_item(root: yaml.MappingNode, text: str, offset: int) -> None:
    """Refuse a list item that YAML silently joined to the value above it.

    ``  - Marie Curie`` then ``   - Pierre Curie`` (one space further in) is valid YAML:
    the second line continues the first, and the paper has one author named
    ``Marie Curie - Pierre Curie``. No one means that, so it is an error at the line.
    """
    for key, value in root.value:
        if isinstance(value, yaml.SequenceNode):
            items = value.value
        elif isinstance(key, yaml.ScalarNode) and key.value in _LIST_KEYS:
            items = [value]  # `authors: Marie Curie` then `  - Pierre Curie`
        else:
            continue  # `title: Learning to rank` then `  - a survey`: one title, as meant
        for node in items:
            if not isinstance(node, yaml.ScalarNode) or node.style not in (None, ""):
                continue
            start, end = node.start_mark.index, node.end_mark.index
            _bulleted_item(key, node, text, offset)
            found = _ITEM_IN_VALUE.search(text, start, end)
            if found is None:
                continue
            item = found.group(1).rstrip()
            first = text[start : text.find("\n", start)].rstrip("\r")
            if re.match(r"-[^\s-]", first):  # `-Ann Lee`: a name, not an item
                raise YamlError(
                    text.count("\n", 0, start) + 1 + offset,
                    f"`{first}` needs a space after its `-` to be an item of the list: "
                    f"write `- {first[1:]}`",
                )
            shown = node.value if len(node.value) <= 80 else node.value[:79] + "…"
            raise YamlError(
                text.count("\n", 0, found.start() + 1) + 1 + offset,
                f"`{item}` is indented differently from the line above it, so YAML reads "
                f"the two as one value (`{shown}`); start every `- ` of the list in the "
                "same column",
            )


def _bulleted_item(key: yaml.Node, node: yaml.ScalarNode, text: str, offset: int) -> None:
    """Refuse a list field's item marked with another character than `-` (`– Ada`)."""
    if not isinstance(key, yaml.ScalarNode) or key.value not in _LIST_KEYS:
        return
    start, end = node.start_mark.index, node.end_mark.index
    found = _BULLET_ITEM.search(text[start:end])
    if found is None:
        return
    item = found.group(1).rstrip()
    mark = unicodedata.name(item[0], "a mark").lower()
    joined = "\n" in text[start:end].strip()
    shown = node.value if len(node.value) <= 80 else node.value[:79] + "…"
    raise YamlError(
        text.count("\n", 0, start + found.start(1)) + 1 + offset,
        f"`{item}` starts with the {mark} U+{ord(item[0]):04X}, not the `-` of a list item, "
        + (
            f"so YAML reads the lines as one value (`{shown}`)"
            if joined
            else "so YAML reads it as text"
        )
        + f"; write `- {item[2:].strip()}`",
    )


def _latex_escapes(root: yaml.Node, text: str, offset: int) -> None:
    """Refuse LaTeX in a double-quoted value that YAML read as escapes.

    In ``"On $\\theta$"`` YAML reads ``\\t`` as a tab (``\\nu`` a line break, ``\\rho`` a
    carriage return, ``\\Lambda`` a line separator): the title silently changes. Inside
    ``$…$`` a backslash is always meant for LaTeX, so such a value is an error.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode) and node.style == '"':
            start = node.start_mark.index
            found = _escape_in_math(text[start : node.end_mark.index])
            if found is not None:
                where, word = found
                raise YamlError(
                    text.count("\n", 0, start + where) + 1 + offset,
                    f"YAML reads `{word}` in double quotes as the escape `{word[:2]}`, not as "
                    f"LaTeX; put the value in single quotes ('…') or write `\\{word}`",
                )


def _escape_in_math(source: str) -> tuple[int, str] | None:
    """(index, ``\\word``) of the first backslash-letter inside ``$…$`` in quoted source."""
    in_math = False
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            if in_math and source[i + 1 : i + 2].isascii() and source[i + 1 : i + 2].isalpha():
                word = re.match(r"\\[A-Za-z]+", source[i:])
                assert word is not None  # a letter follows
                return i, word.group()
            i += 2  # `\\$` and `\\\\` are one character each
            continue
        if ch == "$":
            in_math = not in_math
        i += 1
    return None


def _expanded(root: yaml.Node) -> Iterator[yaml.Node]:
    """Every node of a document as its aliases expand it: a shared node once per use."""
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _too_large(root: yaml.Node) -> bool:
    """Whether the document expands to more than MAX_NODES values (billion laughs)."""
    return any(count > MAX_NODES for count, _ in enumerate(_expanded(root), start=1))


# A node's anchor, where the node starts (`&t [*t]`)
_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")


def _in_itself(root: yaml.Node) -> yaml.Node | None:
    """A node that holds itself (`&t [*t]`: a recursive alias), the outermost; else None.
    Each node is entered once, so a bomb of shared aliases is walked in its written size."""
    done: set[int] = set()
    path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            path.discard(id(node))
            continue
        if id(node) in path:
            return node
        if id(node) in done:
            continue
        done.add(id(node))
        path.add(id(node))
        stack.append((node, True))
        if isinstance(node, yaml.MappingNode):
            stack.extend((item, False) for pair in node.value for item in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, False) for item in node.value)
    return None


def _check_graph(root: yaml.Node, text: str, offset: int) -> None:
    """Refuse duplicate keys and alias expansions larger than MAX_NODES."""
    nodes: set[int] = set()  # a node met twice is an alias's
    for seen, node in enumerate(_expanded(root), start=1):
        if seen > MAX_NODES:
            if len(nodes) == MAX_NODES:  # written out, not expanded: said where it is
                raise YamlError(
                    _line(text, node.start_mark, offset),
                    f"the {'record' if offset else 'file'} holds more than {MAX_NODES} values "
                    "(no field needs so many); shorten the list this line is in",
                )
            looped = _in_itself(root)
            if looped is not None:
                anchor = _ANCHOR.match(text, looped.start_mark.index)
                name = anchor.group(1) if anchor else "…"
                raise YamlError(
                    _line(text, looped.start_mark, offset),
                    f"YAML syntax error: the value anchored `&{name}` holds the alias `*{name}` "
                    f"of itself, so it never ends; write the value out instead of `*{name}`",
                )
            raise YamlError(
                _line(text, root.start_mark, offset),
                f"YAML document expands to more than {MAX_NODES} values "
                "(aliases nested too deeply?); write the values out instead",
            )
        nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        raise YamlError(
                            _line(text, key.start_mark, offset),
                            f"duplicate key `{key.value}`; keep only one of them",
                        )
                    keys.add(key.value)


# --- The common shape, read without PyYAML ----------------------------------------------------
#
# Records are nearly always written one way: `key: value` lines, a list as `[a, b]` or as
# `- item` lines, links as indented `name: url` lines, values plain or quoted on one line.
# _simple_mapping reads exactly that shape, several times faster than PyYAML (whose
# nodes, marks and constructor cost more than the parsing), and gives up (None) on
# anything else, which then goes through PyYAML: a comment, a tab, an anchor, a tag, a
# multi-line or block scalar, an escape other than \\ and \", a character YAML refuses or
# treats specially, a duplicate key, a value that could start another token. What it
# accepts it reads as PyYAML does: the same implicit types (the loader's own resolvers
# and the safe constructor's conversions), the same key lines.

# Characters that send a text to PyYAML: tab, CR and YAML's other line breaks, the
# byte-order mark (skipped at line starts), and what YAML does not allow in a document.
_NOT_SIMPLE_TEXT = re.compile(
    "[^\\n\\x20-\\x7e\\xa0-\\u2027\\u202a-\\ud7ff\\ue000-\\ufefe\\uff00-\\ufffd\\U00010000-\\U0010ffff]"
)
# Values are taken whole and right-stripped in code: a lazy `(.*?) *` would try every
# split of a long run of spaces (quadratic time on a hostile line).
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]{0,99}):(?: +(.*))?")
_NESTED_LINE = re.compile(r"( +)([A-Za-z_][A-Za-z0-9_]{0,99}): +(.*)")
_DOUBLE_QUOTED = re.compile(r'"((?:[^"\\]|\\["\\])*)"')
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
_FLOW_LIST = re.compile(r"\[([^\[\]{}#'\"]*)\]")
_UNESCAPE = re.compile(r"\\(.)")
# What may not start a plain value here: YAML's indicators, and `-`, `?`, `:` (which
# start one only when a non-space follows; never needed by a record).
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_IMPLICIT = {
    first: tuple(resolvers) for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}
_WILDCARD = _IMPLICIT.pop(None, ())


def _simple_mapping(text: str, offset: int) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The mapping and key lines of a text in the common shape; None for any other text."""
    if _NOT_SIMPLE_TEXT.search(text) or " #" in text:
        return None
    lines = text.split("\n")
    data: dict[str, Any] = {}
    where: dict[str, int] = {}
    values = 1  # as _check_graph counts them
    i, count = 0, len(lines)
    while i < count:
        line = lines[i]
        i += 1
        if not line.strip(" "):
            continue
        match = _KEY_LINE.fullmatch(line)
        if match is None:
            return None
        key, raw = match.group(1), (match.group(2) or "").rstrip(" ")
        if key in data or type(_plain(key)) is not str:
            return None
        where[key] = i + offset
        value: Any
        if raw:
            value = _flow_list(raw) if raw[0] == "[" else _scalar(raw)
            size = 1 + len(value) if isinstance(value, list) else 1
        else:
            value, i, size = _block(lines, i, key, where, offset)
        if value is _UNUSUAL:
            return None
        data[key] = value
        values += 1 + size
    if not data or values > MAX_NODES:
        return None
    return data, where


def _block(
    lines: list[str], start: int, key: str, where: dict[str, int], offset: int
) -> tuple[Any, int, int]:
    """The value below an empty ``key:`` at ``lines[start]`` on: (value, next line, size).

    A list of `- item` lines, a mapping of indented `name: value` lines, or nothing (None).
    """
    i = start
    while i < len(lines) and not lines[i].strip(" "):
        i += 1
    if i == len(lines) or (lines[i][0] != " " and lines[i][0] != "-"):
        return None, i, 1
    line = lines[i]
    indent = len(line) - len(line.lstrip(" "))
    items: list[Any] = []
    mapping: dict[str, Any] = {}
    is_list = line[indent] == "-"
    item_start = " " * indent + "- "
    while i < len(lines):
        line = lines[i]
        if not line.strip(" "):
            i += 1
            continue
        if line[0] != " " and not (is_list and indent == 0 and line[0] == "-"):
            break  # the next top-level key
        if is_list:  # `- item` at the list's indentation (what _ITEM_LINE says, faster)
            if not line.startswith(item_start):
                return _UNUSUAL, i, 0
            where[f"{key}.{len(items)}"] = i + 1 + offset
            items.append(_scalar(line[len(item_start) :].strip(" ")))
        else:
            match = _NESTED_LINE.fullmatch(line)
            if match is None or len(match.group(1)) != indent:
                return _UNUSUAL, i, 0
            name = match.group(2)
            if name in mapping or type(_plain(name)) is not str:
                return _UNUSUAL, i, 0
            mapping[name] = _scalar(match.group(3).rstrip(" "))
            where[f"{key}.{name}"] = i + 1 + offset
        i += 1
    value: Any = items if is_list else mapping
    if any(item is _UNUSUAL for item in (items if is_list else mapping.values())):
        return _UNUSUAL, i, 0
    return value, i, 1 + (len(items) if is_list else 2 * len(mapping))


def _flow_list(raw: str) -> Any:
    """``[a, b, c]`` of plain values (no quotes, brackets or colons) as a list."""
    match = _FLOW_LIST.fullmatch(raw)
    if match is None or ":" in match.group(1):
        return _UNUSUAL
    inside = match.group(1)
    if not inside.strip(" "):
        return []
    items = [item.strip(" ") for item in inside.split(",")]
    if not all(items):
        return _UNUSUAL  # `[a,,b]` or a trailing comma: left to PyYAML
    values = [_plain(item) for item in items]
    return _UNUSUAL if any(value is _UNUSUAL for value in values) else values


def _scalar(raw: str) -> Any:
    """A one-line value; short ones (names, links, tags recur in many records) cached."""
    return _cached_scalar(raw) if len(raw) <= _CACHED_LENGTH else _read_scalar(raw)


def _plain(value: str) -> Any:
    """A plain value as PyYAML reads it; short ones cached."""
    return _cached_plain(value) if len(value) <= _CACHED_LENGTH else _read_plain(value)


def _read_scalar(raw: str) -> Any:
    """A one-line value: double-quoted, single-quoted or plain."""
    if not raw:
        return _UNUSUAL  # `- ` or `name: ` without a value
    first = raw[0]
    if first == '"':
        match = _DOUBLE_QUOTED.fullmatch(raw)
        return _UNUSUAL if match is None else _UNESCAPE.sub(r"\1", match.group(1))
    if first == "'":
        match = _SINGLE_QUOTED.fullmatch(raw)
        return _UNUSUAL if match is None else match.group(1).replace("''", "'")
    if ": " in raw or raw[-1] == ":":
        return _UNUSUAL
    return _plain(raw)


def _read_plain(value: str) -> Any:
    """A plain value as PyYAML reads it: its implicit type, by the loader's resolvers."""
    if value[0] in _NOT_PLAIN_START:
        return _UNUSUAL
    tag = _implicit_tag(value)
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag not in _SCALARS:
        return _UNUSUAL  # `<<`, `=` and the like
    try:
        return _Loader.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))
    except Exception:  # the general path reports it
        return _UNUSUAL


def _implicit_tag(value: str) -> str:
    """The tag PyYAML's resolver gives a plain value (Resolver.resolve, without paths)."""
    for tag, regexp in _IMPLICIT.get(value[0], ()) + _WILDCARD:
        if regexp.match(value):
            return str(tag)
    return _STR


_cached_scalar = functools.lru_cache(maxsize=1 << 16)(_read_scalar)
_cached_plain = functools.lru_cache(maxsize=1 << 16)(_read_plain)
