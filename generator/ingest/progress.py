"""What an import shows while it works: a build's progress (:mod:`generator.reporter`).

On a terminal, a stage that lasts more than a moment (reading a large file's entries,
matching them against the site's records) shows a progress bar, redrawn in place on
stderr and cleared when the stage ends; elsewhere (CI, pipes) a slow stage says one
plain line when it ends. Outside the command line (tests, other callers) nothing is
shown: :func:`each` only iterates.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Generator, Iterable, Iterator
from typing import Any, TypeVar

from generator.reporter import Reporter

T = TypeVar("T")

_shown: list[tuple[Reporter, list[Generator[Any, None, None]]]] = []  # while a command runs
# The stage being counted. A stage run within it (the record's own BibTeX entry, read again
# while the import's works are planned) is part of it: its end would clear the bar.
_counting: list[str] = []


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


def each(stage: str, items: Collection[T]) -> Iterable[T]:
    """``items``, counted as the ``stage`` of the import (``read``, ``plan``, …) done."""
    if not _shown or _counting or not items:
        return items
    reporter, stages = _shown[-1]
    counted = _counted(reporter, stage, items)
    stages.append(counted)
    return counted


def _counted(reporter: Reporter, stage: str, items: Collection[T]) -> Generator[T, None, None]:
    _counting.append(stage)
    try:
        with reporter.stage(stage, len(items)) as progress:
            for item in items:
                yield item
                progress.advance()
    finally:
        _counting.remove(stage)
