"""Error types that own their message format and exit status."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Control characters a terminal (or a CI log viewer) acts on: C0 but tab, DEL and C1.
# `\x1b[2J` clears the screen, OSC sequences set the window title or the clipboard, and
# `\r` or `\n` in a message would forge lines of output, all from a record's field name.
# A lone surrogate (JSON's "\ud800") cannot be printed at all: UTF-8 cannot encode it.
# Direction overrides and isolates reorder the rest of the line where a log is read in a
# browser (a CI job's page), and line and paragraph separators break it there.
_CONTROL = re.compile(
    r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with each control character written as an escape (``\\x1b``), never raw."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_escape, text)


class Problem:
    """One located problem in the user's files: ``path:line: message``.

    Compared, ordered and hashed as ``(path, line, message)`` and never changed, as a
    frozen, ordered dataclass would be; written out because every command imports this
    module, a build with nothing to do among them, which then needs no `dataclasses`
    (with `inspect`, `ast`, `dis` and `tokenize`: ~10 ms of its ~0.2 s).
    """

    __slots__ = ("line", "message", "path")
    __match_args__ = ("path", "line", "message")
    path: str
    line: int
    message: str

    def __init__(self, path: str, line: int, message: str) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "message", message)

    def _key(self) -> tuple[str, int, str]:
        return (self.path, self.line, self.message)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[Problem], tuple[str, int, str]]:
        return (Problem, self._key())  # (pickled by a worker: made again by __init__)

    def __repr__(self) -> str:
        return f"Problem(path={self.path!r}, line={self.line!r}, message={self.message!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: Problem) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: Problem) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: Problem) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: Problem) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        path, message = visible(self.path), visible(self.message)
        if self.line > 0:
            return f"{path}:{self.line}: {message}"
        return f"{path}: {message}"


class AuthorsiteError(Exception):
    """Base class: every error a user may see, with its exit status."""

    exit_code = 1

    def format(self) -> str:
        """The text printed to stderr."""
        return str(self)


class ContentError(AuthorsiteError):
    """One or more problems in the site's records; exit status 1."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def format(self) -> str:
        return str(self) + "\n" + self.summary(len(self.problems))

    def summary(self, count: int) -> str:
        """The closing line under the list of problems."""
        return f"{count} problem{'' if count == 1 else 's'}; nothing was written."


class UsageError(AuthorsiteError):
    """The command line was used wrongly; exit status 2."""

    exit_code = 2


class ArgumentError(ContentError):
    """What the command line gave cannot be used (``new paper ""``, ``init --slug "A B"``,
    ``init`` into a folder with files): a usage error, exit status 2, with every problem
    of the command said in one run as content problems are."""

    exit_code = 2


def listed(items: Iterable[object], shown: int = 5) -> str:
    """Up to ``shown`` items (paths, names) for a message, then how many more."""
    every = [str(item) for item in items]
    more = f" and {len(every) - shown} more" if len(every) > shown else ""
    return ", ".join(every[:shown]) + more


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) that stopped a command part-way: its text says what state the
    files are in and what to do, where plain "interrupted" would leave the user guessing."""

    def __init__(
        self, message: str, written: Iterable[object] = (), pending: Iterable[object] = ()
    ) -> None:
        super().__init__(message)
        self.written = list(written)  # files the command wrote before it was stopped
        self.pending = list(pending)  # files it meant to write and did not: as they were


class Problems:
    """A collector: stages add problems and raise once, with all of them."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: str, line: int, message: str) -> None:
        """Record one problem."""
        self.items.append(Problem(path, line, message))

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record several problems."""
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        """Fail once, with every problem collected so far."""
        if self.items:
            raise ContentError(self.items)
