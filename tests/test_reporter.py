"""Build output: a progress bar on terminals, plain lines elsewhere, one summary line."""

from __future__ import annotations

import io

from generator.reporter import Reporter, summary_line


def test_summary_line_says_written_unchanged_and_seconds() -> None:
    assert summary_line(12, 21497, 0.2349) == "12 pages written, 21497 unchanged, 0.23 s"
    assert summary_line(1, 0, 1.0) == "1 page written, 0 unchanged, 1.00 s"
    out = io.StringIO()
    Reporter(out=out, err=io.StringIO(), interactive=False).summary(3, 4, 0.5, "output")
    assert out.getvalue() == "3 pages written, 4 unchanged, 0.50 s -> output\n"


def test_slow_stage_is_one_plain_line_outside_a_terminal() -> None:
    err = io.StringIO()
    reporter = Reporter(out=io.StringIO(), err=err, interactive=False, moment=0.0)
    with reporter.stage("render", 3) as progress:
        for _ in range(3):
            progress.advance()
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("render: 3 of 3 in ")
    assert "\r" not in err.getvalue()


def test_terminal_gets_a_bar_redrawn_in_place_and_cleared() -> None:
    err = io.StringIO()
    reporter = Reporter(out=io.StringIO(), err=err, interactive=True, moment=0.0)
    with reporter.stage("render", 10) as progress:
        progress.advance(5)
    text = err.getvalue()
    assert "[##############..............] 5/10" in text
    assert text.endswith("\r\x1b[2K")  # the bar is wiped before the summary line


def test_quick_stages_and_quiet_builds_print_nothing() -> None:
    err, out = io.StringIO(), io.StringIO()
    reporter = Reporter(out=out, err=err, interactive=False)  # default moment: quick stage
    with reporter.stage("render", 2) as progress:
        progress.advance(2)
    quiet = Reporter(out=out, err=err, interactive=True, quiet=True, moment=0.0)
    with quiet.stage("render", 2) as progress:
        progress.advance(2)
    quiet.summary(1, 1, 0.1)
    assert err.getvalue() == "" and out.getvalue() == ""
