"""An import of a large file shows its progress as a build does: a bar on a terminal for
each stage that lasts more than a moment, a plain line elsewhere (CI, pipes)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from generator import reporter
from generator.cli import main
from generator.ingest import arxiv, merge
from tests.ingest_support import FIXTURES, new_site

BIB = FIXTURES / "bibtex" / "dblp.bib"  # DBLP's export: several entries


def _entries(path: Path) -> int:
    return len(re.findall(r"^@\w+\{", path.read_text(), re.M))


def _import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool) -> int:
    """Import BIB into a new site with every stage "slow" (no moment to wait)."""
    monkeypatch.setattr(reporter, "MOMENT_S", 0.0)
    monkeypatch.setattr(reporter, "REDRAW_S", 0.0)
    monkeypatch.setattr(reporter, "_is_terminal", lambda stream: terminal)
    site = new_site(tmp_path / "site")
    return main(["import", "bibtex", str(BIB), "--site", str(site)])


def test_outside_a_terminal_each_stage_of_an_import_is_one_plain_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 10,000-entry file took 23 s without a word until the plan came out at once."""
    assert _import(tmp_path, monkeypatch, terminal=False) == 0
    out, err = capsys.readouterr()
    entries = _entries(BIB)
    records = len([line for line in out.splitlines() if line.startswith("new ")])
    assert 0 < records <= entries  # the plan, on stdout as before (a crossref'd volume is none)
    stages = [line.split(" in ")[0] for line in err.splitlines()]
    assert stages == [
        f"read: {entries} of {entries}",  # the file's entries
        f"plan: {records} of {records}",  # the works, matched against the site's records
        f"check: {records} of {records}",  # each record to write, read as the build reads it
    ]
    assert "\r" not in err


def test_on_a_terminal_an_import_draws_a_bar_and_clears_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(tmp_path, monkeypatch, terminal=True) == 0
    out, err = capsys.readouterr()
    entries = _entries(BIB)
    assert re.search(rf"read +\[#+\.*\] \d+/{entries}", err)
    assert re.search(r"plan +\[#+\.*\] \d+/\d+", err)
    assert err.endswith("\r\x1b[2K")  # nothing left on the line
    assert "new " in out and "\x1b" not in out


def test_ctrl_c_during_a_stage_clears_the_bar_before_saying_what_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    merged, calls = merge.merged, []

    def interrupted(*args: object) -> object:
        calls.append(args)
        if len(calls) == 2:  # the first work is planned: the bar is drawn
            raise KeyboardInterrupt
        return merged(*args)

    monkeypatch.setattr(merge, "merged", interrupted)
    assert _import(tmp_path, monkeypatch, terminal=True) == 130
    err = capsys.readouterr().err
    bar, _, said = err.rpartition("\r\x1b[2K")
    assert "plan " in bar and said.startswith("interrupted before any record was written")


def test_a_reimport_that_reads_records_entries_again_keeps_the_plan_bar_on_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file imported before, its entries since updated (DBLP's timestamp): planning each
    work reads the record's own entry again, whose one-entry stage ended by clearing the
    line. The plan's bar was wiped after every redraw, an empty line for most of the plan;
    it now stays, and only the import's own stages are drawn."""
    assert _import(tmp_path, monkeypatch, terminal=True) == 0
    updated = tmp_path / "dblp.bib"
    updated.write_text(BIB.read_text().replace("+0200}", "+0100}"))
    capsys.readouterr()
    site = tmp_path / "site"
    assert main(["import", "bibtex", str(updated), "--site", str(site), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "bibtex updated" in out
    drawn = err.split("\r\x1b[2K")[1:]
    stages = [name for name, _ in itertools.groupby(frame.split(" ")[0] for frame in drawn)]
    # "": the line cleared, once at the end of each stage
    assert stages == ["read", "", "records", "", "plan", "", "check", ""]


def test_a_stage_stopped_midway_says_its_line_before_the_command_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C while an arXiv response's entries were read (a list built from them): the
    stage ended only once the exception holding it was let go, so a log's last line was
    `read: 1 of 2`, after `interrupted …`. The stage now ends first."""
    monkeypatch.setattr(reporter, "MOMENT_S", 0.0)
    monkeypatch.setattr(reporter, "_is_terminal", lambda stream: False)
    made, calls = arxiv._work, []

    def interrupted(*args: Any) -> Any:
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return made(*args)

    monkeypatch.setattr(arxiv, "_work", interrupted)
    site = new_site(tmp_path / "site")
    feed = FIXTURES / "arxiv" / "classic.xml"  # two entries
    assert main(["import", "arxiv", str(feed), "--site", str(site)]) == 130
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" in ")[0] for line in lines[:-1]] == ["read: 1 of 2"]
    assert lines[-1].startswith("interrupted before any record was written")
