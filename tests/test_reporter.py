"""Build output: a progress bar on terminals, plain lines elsewhere, one summary line."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from bench.synth import generate
from generator.build import build
from generator.reporter import PHASES_ENV, Reporter, summary_line


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


def test_a_build_says_its_phases_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `make bench` sets AUTHORSITE_PHASES to print where a build's time goes.
    site = tmp_path / "site"
    generate(site, papers=12, authors=2, seed=3)

    def built() -> str:
        err = io.StringIO()
        build(site, reporter=Reporter(io.StringIO(), err))
        return err.getvalue()

    assert "phases:" not in built()  # a first build, not asked to
    monkeypatch.setenv(PHASES_ENV, "1")
    (site / "content" / "papers" / sorted(os.listdir(site / "content" / "papers"))[0]).write_text(
        "---\ntitle: Edited\nauthors: [Someone Else]\ndate: 2024\n---\nNew words.\n"
    )
    said = built().strip().splitlines()[-1]
    names = re.findall(r" ([a-z]+) \d+\.\d{3}", said)
    assert said.startswith("phases: scan ") and names == [
        "scan", "records", "assemble", "markdown", "routes", "plan", "render", "write", "save"
    ]  # fmt: skip


def test_phases_in_cpu_time_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    # AUTHORSITE_PHASES=cpu: the process's CPU seconds, which a machine shared with other
    # builds leaves as they are, where the wall clock's grow with the wait for a core.
    ticks = iter([10.0, 10.25, 11.0])
    monkeypatch.setattr("generator.reporter.time.process_time", lambda: next(ticks))
    monkeypatch.setattr("generator.reporter.time.perf_counter", lambda: 500.0)
    for asked, said in (("cpu", "phases (cpu): scan 0.250 records 0.750"), ("1", None)):
        monkeypatch.setenv(PHASES_ENV, asked)
        err = io.StringIO()
        reporter = Reporter(io.StringIO(), err)
        reporter.begin()
        reporter.mark("scan")
        reporter.mark("records")
        reporter.phases()
        if said is not None:
            assert err.getvalue() == said + "\n"
        else:  # the wall clock's, which stood still here
            assert err.getvalue() == "phases: scan 0.000 records 0.000\n"
