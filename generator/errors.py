"""Error types that own their message format and exit status."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in the user's files: ``path:line: message``."""

    path: str
    line: int
    message: str

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
