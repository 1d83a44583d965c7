"""The one object that owns what a build prints while it runs.

On a terminal a stage that lasts more than a moment shows a progress bar (redrawn in
place on stderr, at most ten times a second); elsewhere (CI, pipes, files) a slow stage
prints one plain line when it ends, so logs stay readable. Warnings (things that did not
stop the build, such as a skipped symbolic link) are lines on stderr. Every build ends
with one summary line on stdout: ``N pages written, M unchanged, S s``.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

TYPE_CHECKING = False  # a build with nothing to do need not import `typing`
if TYPE_CHECKING:
    from typing import TextIO

# A stage shorter than this shows nothing: quick builds stay quiet but for the summary.
MOMENT_S = 0.4
# Set (to anything), a build also says how long each of its phases took, on one line of
# stderr (``phases: scan 0.031 records 0.240 …``): `make bench`'s "where the time goes".
# Set to ``cpu``, the seconds are the build process's CPU time (user and system, children
# apart) instead of the wall clock's: on a machine shared with other work, a phase's wall
# time is mostly its wait for a core (5-10 times its CPU time at a load of 10 on 2 cores).
PHASES_ENV = "AUTHORSITE_PHASES"
REDRAW_S = 0.1
BAR_WIDTH = 28


def summary_line(written: int, unchanged: int, seconds: float) -> str:
    """The final line of every build."""
    noun = "page" if written == 1 else "pages"
    return f"{written} {noun} written, {unchanged} unchanged, {seconds:.2f} s"


class Progress:
    """The progress of one stage: call ``advance`` as items are done."""

    def __init__(self, reporter: Reporter, name: str, total: int) -> None:
        self.reporter = reporter
        self.name = name
        self.total = total
        self.done = 0
        self.started = time.perf_counter()
        self._drawn_at = 0.0

    def advance(self, count: int = 1) -> None:
        """Count ``count`` more items done; redraws the bar when it is due."""
        self.done += count
        if not self.reporter.interactive:
            return
        now = time.perf_counter()
        if now - self.started >= self.reporter.moment and now - self._drawn_at >= REDRAW_S:
            self._drawn_at = now
            self.reporter.draw(self)

    def bar(self) -> str:
        """``render  [#######.....]  5000/10500``."""
        total = max(self.total, 1)
        filled = min(BAR_WIDTH, BAR_WIDTH * self.done // total)
        return (
            f"{self.name:<8} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total}"
        )


class Reporter:
    """Prints progress to ``err`` and the summary to ``out``; quiet unless a stage is slow."""

    def __init__(
        self,
        out: TextIO | None = None,
        err: TextIO | None = None,
        *,
        interactive: bool | None = None,
        quiet: bool = False,
        moment: float | None = None,
    ) -> None:
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr
        if interactive is None:
            interactive = _is_terminal(self.err)
        self.interactive = interactive
        self.quiet = quiet
        self.moment = MOMENT_S if moment is None else moment  # read now: tests set it
        self._bar_shown = False
        self._marks: list[tuple[str, float]] | None = None
        asked = os.environ.get(PHASES_ENV, "")
        self._timing = bool(asked)
        self._cpu = asked.strip().lower() == "cpu"

    def _now(self) -> float:
        return time.process_time() if self._cpu else time.perf_counter()

    def begin(self) -> None:
        """The start of a build, from which its phases are timed (if they are)."""
        if self._timing:
            self._marks = [("", self._now())]

    def mark(self, phase: str) -> None:
        """The end of one phase of a build (a no-op unless AUTHORSITE_PHASES is set)."""
        if self._marks is not None:
            self._marks.append((phase, self._now()))

    def phases(self) -> None:
        """``phases: scan 0.031 records 0.240 …`` (wall-clock seconds) on stderr, once;
        ``phases (cpu): …`` with AUTHORSITE_PHASES=cpu (the process's CPU seconds)."""
        marks, self._marks = self._marks, None
        if marks and len(marks) > 1:
            spans = itertools.pairwise(marks)
            line = " ".join(f"{name} {end - start:.3f}" for (_, start), (name, end) in spans)
            print(f"phases{' (cpu)' if self._cpu else ''}: {line}", file=self.err, flush=True)

    @contextmanager
    def stage(self, name: str, total: int) -> Iterator[Progress]:
        """Track one stage of ``total`` items; a plain line at its end if it was slow."""
        progress = Progress(self, name, total)
        try:
            yield progress
        finally:
            elapsed = time.perf_counter() - progress.started
            self.clear_bar()
            if not self.quiet and not self.interactive and elapsed >= self.moment:
                done = f"{progress.done} of {progress.total}"  # an estimate ends as the count
                print(f"{name}: {done} in {elapsed:.1f} s", file=self.err)

    def clear_bar(self) -> None:
        """Clear the bar from the terminal's line, if one is drawn."""
        if self._bar_shown:
            self.err.write("\r\x1b[2K")
            self.err.flush()
            self._bar_shown = False

    def draw(self, progress: Progress) -> None:
        """Redraw the bar in place (terminals only)."""
        if self.quiet:
            return
        self.err.write("\r\x1b[2K" + progress.bar())
        self.err.flush()
        self._bar_shown = True

    def warning(self, line: str) -> None:
        """A ``path: message`` line that did not stop the build; never silenced by ``quiet``."""
        print(line, file=self.err, flush=True)

    def summary(self, written: int, unchanged: int, seconds: float, out: object = None) -> None:
        """The last line of a build (``-> out`` added when given)."""
        if not self.quiet:
            where = f" -> {out}" if out is not None else ""
            print(summary_line(written, unchanged, seconds) + where, file=self.out, flush=True)


def _is_terminal(stream: TextIO) -> bool:
    """A real terminal that can redraw a line (not a pipe, not TERM=dumb)."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and os.environ.get("TERM", "") != "dumb"
