"""An import of a large file shows its progress as a build does: a bar on a terminal for
each stage that lasts more than a moment, a plain line elsewhere (CI, pipes)."""

from __future__ import annotations

import itertools
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from generator import reporter
from generator.cli import main
from generator.ingest import arxiv, bibtex_read, merge
from tests.ingest_support import FIXTURES, new_site

BIB = FIXTURES / "bibtex" / "dblp.bib"  # DBLP's export: several entries
OTHER = FIXTURES / "bibtex" / "zotero.bib"  # Zotero's: other papers


def _entries(path: Path) -> int:
    return len(re.findall(r"^@\w+\{", path.read_text(), re.M))


def _import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool, *files: Path) -> int:
    """Import BIB (or ``files``) into a new site with every stage "slow" (no moment to wait)."""
    monkeypatch.setattr(reporter, "MOMENT_S", 0.0)
    monkeypatch.setattr(reporter, "REDRAW_S", 0.0)
    monkeypatch.setattr(reporter, "_is_terminal", lambda stream: terminal)
    site = new_site(tmp_path / "site")
    return main(["import", "bibtex", *map(str, files or [BIB]), "--site", str(site)])


def _columns(text: str) -> int:
    """The columns a terminal gives ``text`` (a wide character two, a combining mark none)."""
    wide = {"W": 2, "F": 2}
    return sum(
        0 if unicodedata.combining(c) else wide.get(unicodedata.east_asian_width(c), 1)
        for c in text
    )


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
        f"scan dblp.bib: {entries} of {entries}",  # bibtexparser's split of the file
        f"read dblp.bib: {entries} of {entries}",  # the file's entries
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
    assert re.search(rf"read dblp\.bib +\[#+\.*\] \d+/{entries}", err)
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
    assert stages == ["scan", "", "read", "", "records", "", "plan", "", "check", ""]


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
    assert [line.split(" in ")[0] for line in lines[:-1]] == ["read classic.xml: 1 of 2"]
    assert lines[-1].startswith("interrupted before any record was written")


def test_an_import_of_several_files_names_the_file_each_stage_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import bibtex a.bib b.bib` said `read: 5 of 5`, then `read: 3 of 3`: which file was
    slow (or stopped midway) was left to guess. Each stage names its file, not its path,
    and a control character in the name is written as an escape, as in any message."""
    other = tmp_path / "\x1b[2Jzotero.bib"  # would clear the screen of a log's reader
    shutil.copyfile(OTHER, other)
    assert _import(tmp_path, monkeypatch, False, BIB, other) == 0
    err = capsys.readouterr().err
    stages = [line.split(":")[0] for line in err.splitlines()]
    # Every file is scanned before any is read: a crossref may name an entry of a later one.
    assert stages[:4] == [
        "scan dblp.bib",
        "scan \\x1b[2Jzotero.bib",
        "read dblp.bib",
        "read \\x1b[2Jzotero.bib",
    ]
    assert str(FIXTURES) not in err and str(tmp_path) not in err and "\x1b" not in err


@pytest.mark.parametrize(
    "name",
    [
        "\x1b]0;owned\x07\x1b[2J" + "x" * 150 + ".bib",  # sets the window's title, clears
        "論文リスト" * 10 + ".bib",  # each character two columns wide
        "e\u0301" * 60 + ".bib",  # accents that take no column of their own
    ],
    ids=["controls", "wide", "accents"],
)
def test_a_hostile_or_long_file_name_neither_breaks_the_bar_nor_acts_on_the_terminal(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    path = tmp_path / name
    shutil.copyfile(BIB, path)
    assert _import(tmp_path, monkeypatch, True, path) == 0
    frames = capsys.readouterr().err.split("\r\x1b[2K")  # the bar's own redraw and clear
    drawn = [frame for frame in frames if frame.startswith(("scan ", "read "))]
    assert len(drawn) > 2
    for frame in drawn:
        assert not re.search(r"[\x00-\x1f\x7f-\x9f]", frame)  # escaped: `\x1b`, never raw
        assert _columns(frame) <= 72  # within 80 columns, with 10000/10000 as the count
        label = frame.split(" [")[0]
        assert "…" in label and label.endswith(".bib")


def test_a_large_bibtex_files_split_shows_a_bar_while_bibtexparser_splits_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bibtexparser's split of a 10,000-entry file took a second before the `read` stage
    began: the terminal showed nothing meanwhile. A bar now counts the entries it finds."""
    splitting, drawn = [False], []

    def split(self: Any) -> Any:
        splitting[0] = True
        try:
            return split_file(self)
        finally:
            splitting[0] = False

    split_file, draw = bibtex_read.Splitter.split, reporter.Reporter.draw
    monkeypatch.setattr(bibtex_read.Splitter, "split", split)
    monkeypatch.setattr(
        reporter.Reporter,
        "draw",
        lambda self, progress: drawn.append((splitting[0], progress.bar())) or draw(self, progress),
    )
    assert _import(tmp_path, monkeypatch, True) == 0
    during = [bar for split_now, bar in drawn if split_now]
    entries = _entries(BIB)
    assert during and all(bar.startswith("scan dblp.bib [") for bar in during)
    assert during[0].endswith(f" 1/{entries}")  # counted as they are found
