"""`make bench`'s driver, run as a smoke test: every figure, serve's included, is measured."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import run as bench_run


def test_a_small_benchmark_prints_every_figure_and_the_summary_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # --verify: after the command line's edits and serve's, the incremental output is the
    # cold build's, byte for byte (exit status 1 otherwise). From 400 papers records are
    # parsed on every core and novelty runs in a child; serve shows an abstract edit with
    # the last novelty first, then a second build settles it (and may reload the page).
    # The import is timed with the first 40 of the site's entries, not all 420: importing
    # them is the driver's same code, and 4 imports of 420 took half of this test's time.
    monkeypatch.setattr(bench_run, "IMPORTED", 40)
    # Every figure is measured once, but serve saves twice: the second save is where the
    # driver once took the first save's queued novelty reload for its own (252eb47, 074ac0d).
    # A second run of the builds and imports is the same code again (about half this
    # test's time).
    measure_serve = bench_run.measure_serve
    monkeypatch.setattr(
        bench_run, "measure_serve", lambda site, _runs, log: measure_serve(site, 2, log)
    )
    args = ["--sizes", "420/10", "--runs", "1", "--workdir", str(tmp_path), "--verify"]
    assert bench_run.main(args) == 0
    captured = capsys.readouterr()
    rows = {
        cells[0]: cells[1:]
        for line in captured.out.splitlines()
        if line.startswith("| ") and not line.startswith("| measure")
        for cells in [[cell.strip() for cell in line.strip("|").split("|")]]
    }
    for label in (
        "cold build (s)",
        "cold build: CPU in user space (s)",
        "cold build: CPU in the kernel (s)",
        "no-change rebuild (s)",
        "edit one paper's abstract (s)",
        "edit one author (s)",
        "peak RSS, largest process (MB)",
        "serve: save an abstract until the page shows it (s)",
        "serve: its rebuild, as serve prints it (s)",
        "serve: peak RSS over the session (MB)",
        "import its BibTeX, at most 3,000 entries (s)",
        "import it again, nothing changed (s)",
    ):
        assert float(rows[label][0]) > 0, label
    assert rows["serve: save an abstract until the page shows it (s)"][1] == "≤ 0.5"
    # Where the time goes: the phases of a cold build and of an abstract edit
    assert "| phase | cold, 420 | edit paper, 420 |" in captured.out
    render = rows["render: render (a cold build: and write) the pages"]
    assert float(render[0]) > float(render[1]) > 0  # a cold build renders every page
    assert rows["plan: fingerprint every page, pick the changed ones"][0] == "–"  # cold: none
    assert float(rows["plan: fingerprint every page, pick the changed ones"][1]) > 0
    assert float(rows["start and exit (Python, imports)"][0]) > 0
    # The page was fetched after the reload and held the edit (the driver stops otherwise);
    # the abstract edit rewrote a few pages, not the site.
    assert re.search(r"serve 2/2: page shows the edit after [\d.]+ s", captured.err)
    assert "incremental output equals a cold build" in captured.err
    assert re.search(r"import 40 entries 1/1: [\d.]+ s, again [\d.]+ s", captured.err)
    last = captured.out.strip().splitlines()[-1]
    assert re.fullmatch(
        r"bench: papers=420 cold_s=[\d.]+ noop_s=[\d.]+ edit_s=[\d.]+ peak_mb=\d+", last
    )


def test_settling_waits_for_the_novelty_build_however_long_it_takes() -> None:
    # On a slow hour the novelty update after an abstract edit took more than the second
    # of quiet the driver waited for: its reload then came after the next save, was taken
    # for that save's, and the page fetched lacked the edit (make bench stopped).
    import queue
    import threading
    import time

    served = object.__new__(bench_run._Serve)
    served.lines, served.events, served.said = queue.Queue(), queue.Queue(), []

    def novelty_build() -> None:
        time.sleep(0.6)  # longer than the quiet asked for
        served.events.put((time.perf_counter(), 4, None))
        served.lines.put("built (novelty updated): 3 written, 418 unchanged, 0.55 s")

    threading.Thread(target=novelty_build).start()
    assert served.settle(3, quiet=0.2, novelty=True) == 4
    assert served.said[-1].startswith("built (novelty updated)")
    # with nothing to follow, a moment of quiet is enough
    assert served.settle(4, quiet=0.2) == 4


def test_serve_stops_at_ctrl_c_where_the_driver_runs_with_it_ignored(tmp_path: Path) -> None:
    """A shell runs a background job (`make bench &`, nohup) with SIGINT ignored, which
    serve inherited: each of the driver's Ctrl-Cs was ignored, and serve was killed a
    minute later (exit -9), not stopped as a user stops it."""
    import signal

    from generator.cli import main

    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        served = bench_run._Serve(site)
    finally:
        signal.signal(signal.SIGINT, before)
    try:
        served.start(timeout=120)
    finally:
        served.stop()
    assert served.proc.returncode == 0  # stopped as Ctrl-C stops it, not killed (-9)
