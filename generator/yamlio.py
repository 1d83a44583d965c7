"""Safe YAML loading that keeps the line of every top-level key.

Only plain data is ever constructed (PyYAML's safe constructor; libyaml's
parser when it is installed, which is several times faster). Timestamps are
not resolved implicitly: dates stay strings so that an impossible date such
as ``2024-13-45`` becomes a located message instead of a crash.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml's parser; the constructor stays the safe, pure-Python one
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


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
for _first in "0123456789":  # consulted before the float resolver
    _Loader.yaml_implicit_resolvers[_first].insert(0, _Loader.yaml_implicit_resolvers[_first].pop())

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


def load_mapping(text: str, *, first_line: int = 1, what: str = "file") -> Document:
    """Load ``text`` as one YAML mapping; ``first_line`` is the file line of text's line 1."""
    offset = first_line - 1
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document({}, {})
        _check_graph(node, text, offset)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, offset) from None
    except yaml.YAMLError as exc:
        raise YamlError(first_line, f"YAML error: {exc}") from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise YamlError(first_line, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise YamlError(first_line, f"the {what} must be a mapping of `key: value` lines")
    lines: dict[str, int] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        lines[str(key.value)] = _line(text, key.start_mark, offset)
        if isinstance(value, yaml.MappingNode):  # `links.code`: a message about one link
            for sub_key, _ in value.value:
                if isinstance(sub_key, yaml.ScalarNode):
                    lines[f"{key.value}.{sub_key.value}"] = _line(text, sub_key.start_mark, offset)
    return Document({str(k): v for k, v in data.items()}, lines)


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, offset: int) -> YamlError:
    """A located message; an unclosed bracket or quote points at where it was opened."""
    problem = exc.problem or "invalid YAML"
    where = exc.problem_mark
    if exc.context_mark is not None and (where is None or exc.context_mark.line < where.line):
        found = f" (found on line {_line(text, where, offset)})" if where is not None else ""
        context = exc.context or "here"
        return YamlError(
            _line(text, exc.context_mark, offset), f"YAML syntax error {context}: {problem}{found}"
        )
    return YamlError(_line(text, where, offset), f"YAML syntax error: {problem}")


def _check_graph(root: yaml.Node, text: str, offset: int) -> None:
    """Refuse duplicate keys and alias expansions larger than MAX_NODES."""
    seen = 0
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            raise YamlError(
                _line(text, root.start_mark, offset),
                f"YAML document expands to more than {MAX_NODES} values "
                "(aliases nested too deeply?); write the values out instead",
            )
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        raise YamlError(
                            _line(text, key.start_mark, offset),
                            f"duplicate key `{key.value}`; keep only one of them",
                        )
                    keys.add(key.value)
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
