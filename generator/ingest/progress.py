"""What an import shows while it works: a build's progress (:mod:`generator.reporter`).

On a terminal, a stage that lasts more than a moment (reading a large file's entries,
matching them against the site's records) shows a progress bar, redrawn in place on
stderr and cleared when the stage ends; elsewhere (CI, pipes) a slow stage says one
plain line when it ends. Outside the command line (tests, other callers) nothing is
shown: :func:`each` only iterates, and :func:`counting` counts nothing.

A stage that reads one of the import's files names it (``read papers.bib``), shortened
and with its control characters escaped, so that an import of several files tells them
apart and a hostile file name cannot break the bar or act on the terminal.
"""

from __future__ import annotations

import contextlib
import unicodedata
import urllib.parse
from collections.abc import Callable, Collection, Generator, Iterable, Iterator
from pathlib import PurePath
from typing import Any, TypeVar

from generator.errors import visible
from generator.ingest.sources import is_url
from generator.reporter import Progress, Reporter

T = TypeVar("T")

_shown: list[tuple[Reporter, list[Generator[Any, None, None]]]] = []  # while a command runs
# The stage being counted. A stage run within it (the record's own BibTeX entry, read again
# while the import's works are planned) is part of it: its end would clear the bar.
_counting: list[str] = []
# The most columns a file's name takes in a stage's label: with the stage, the bar and its
# count, the line stays within a terminal of 80 columns (`read ` 5 + 24, bar 31, 10000/10000).
NAME_COLUMNS = 24
ELLIPSIS = "…"


@contextlib.contextmanager
def shown(reporter: Reporter) -> Iterator[None]:
    """Show the stages of the import run within, through ``reporter``."""
    stages: list[Generator[Any, None, None]] = []
    _shown.append((reporter, stages))
    try:
        yield
    finally:
        _shown.pop()
        # A stage stopped midway (Ctrl-C, an error) ends now, before the command says why,
        # not once the exception that holds it is let go: its plain line came after that.
        for stage in reversed(stages):
            stage.close()
        reporter.clear_bar()  # its message on a line of its own


def each(stage: str, items: Collection[T], source: str | None = None) -> Iterable[T]:
    """``items``, counted as the ``stage`` of the import (``read``, ``plan``, …) done;
    ``source``: the file (or URL) the stage reads, named in its label."""
    if not _shown or _counting or not items:
        return items
    reporter, stages = _shown[-1]
    counted = _counted(reporter, label(stage, source), items)
    stages.append(counted)
    return counted


def _counted(reporter: Reporter, name: str, items: Collection[T]) -> Generator[T, None, None]:
    with _stage(reporter, name, len(items)) as progress:
        for item in items:
            yield item
            progress.advance()


@contextlib.contextmanager
def counting(
    stage: str, estimate: Callable[[], int], source: str | None = None
) -> Iterator[Callable[[], None]]:
    """A stage whose items are counted as some other code finds them (bibtexparser's split
    of a file into entries): the block within calls what it yields once per item.

    ``estimate`` gives the number of items to expect; it is asked only when the stage is
    shown, and the stage's last line gives the number counted.
    """
    if not _shown or _counting:
        yield _nothing
        return
    reporter, _ = _shown[-1]
    with _stage(reporter, label(stage, source), estimate()) as progress:
        yield progress.advance
        progress.total = progress.done  # the count, where the estimate was not it


def _nothing() -> None:
    """What :func:`counting` counts with when no stage is shown."""


@contextlib.contextmanager
def _stage(reporter: Reporter, name: str, total: int) -> Iterator[Progress]:
    _counting.append(name)
    try:
        with reporter.stage(name, total) as progress:
            yield progress
    finally:
        _counting.remove(name)


def label(stage: str, source: str | None) -> str:
    """``read papers.bib``: the stage and the file's name (a URL's host), not its whole
    path, short enough for the bar's line and with control characters escaped."""
    if source is None:
        return stage
    if is_url(source):
        name = urllib.parse.urlsplit(source).hostname or source
    else:
        name = PurePath(source).name or source
    return f"{stage} {_fitted(visible(name), NAME_COLUMNS)}"


def _columns(char: str) -> int:
    """How many columns a terminal gives ``char``: none for a combining mark or a format
    character (a zero-width space), two for a wide one (CJK, most emoji), else one."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _fitted(text: str, width: int) -> str:
    """``text`` within ``width`` columns: its start and end, an ellipsis between (the end
    holds the extension, and a numbered file's number). Marks that take no column count
    too, up to two a column: a name of stacked accents stays a short label."""
    if sum(map(_columns, text)) <= width and len(text) <= 2 * width:
        return text
    tail = _taken(reversed(text), (width - 1) // 2)
    head = _taken(text, width - 1 - (width - 1) // 2)
    return "".join(head) + ELLIPSIS + "".join(reversed(tail))


def _taken(chars: Iterable[str], width: int) -> list[str]:
    """The first of ``chars`` that fit in ``width`` columns (and two characters a column)."""
    taken: list[str] = []
    used = 0
    for char in chars:
        used += _columns(char)
        if used > width or len(taken) >= 2 * width:
            break
        taken.append(char)
    return taken
