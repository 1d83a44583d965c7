"""Error types that own their message format and exit status."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in the user's files: ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line > 0:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"


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
