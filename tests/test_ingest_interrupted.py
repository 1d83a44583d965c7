"""An import stopped while it renames its records (SIGKILL, Ctrl-C, SIGTERM): what it
leaves, what it says, and that the next import finishes the job safely.

The stops are deterministic: a child process whose ``os.replace`` sends the signal to
itself just before the Nth rename of a record's temporary file, or pauses there.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest import records
from tests.ingest_support import FIXTURES, new_site

NEW_XML = str(FIXTURES / "arxiv" / "new.xml")  # three papers: three new records

# Run as `python -c CHILD N ACTION args...`: the Nth rename of a temporary file first
# kills the process (ACTION = a signal's name) or pauses until a line comes on stdin.
CHILD = """
import os, signal, sys
n, action = int(sys.argv[1]), sys.argv[2]
real, calls = os.replace, []
def replace(src, dst, *args, **kwargs):
    if str(src).endswith(".tmp"):
        calls.append(src)
        if len(calls) == n and action == "pause":
            print("paused", file=sys.stderr, flush=True)
            sys.stdin.readline()
        elif len(calls) == n:
            os.kill(os.getpid(), getattr(signal, action))
    return real(src, dst, *args, **kwargs)
os.replace = replace
from generator.cli import main
sys.exit(main(sys.argv[3:]))
"""


def _child(n: int, action: str, *argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(n), action, *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _files(site: Path) -> dict[str, bytes]:
    folder = site / "content" / "papers"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _temporaries(site: Path) -> list[str]:
    return [name for name in _files(site) if name.endswith(".tmp")]


@pytest.fixture
def whole(tmp_path: Path) -> dict[str, bytes]:
    """The records an import that is never stopped writes."""
    site = new_site(tmp_path / "whole")
    assert main(["import", "arxiv", NEW_XML, "--site", str(site)]) == 0
    return _files(site)


def test_a_kill_during_the_renames_is_finished_by_the_next_import(
    tmp_path: Path, whole: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path / "site")
    child = _child(2, "SIGKILL", "import", "arxiv", NEW_XML, "--site", str(site))
    child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL
    left = _files(site)
    stale = _temporaries(site)
    assert len(stale) == 2  # the first record was renamed into place, two were not
    written = [name for name in left if not name.endswith(".tmp")]
    assert len(written) == 1 and left[written[0]] == whole[written[0]]  # whole, never half

    # The build and check read records only: the hidden temporary files are no records.
    for command in (["build"], ["check"]):
        assert main([*command, "--site", str(site)]) == 0
    assert ".tmp" not in "".join(capsys.readouterr())

    assert main(["import", "arxiv", NEW_XML, "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert "3 works: 2 new, 0 updated, 1 unchanged" in out
    for name in stale:
        assert f"note: deleted {site / 'content' / 'papers' / name}, a temporary file" in out
    assert _files(site) == whole


def test_an_import_never_deletes_the_temporary_files_of_one_still_writing(
    tmp_path: Path,
    whole: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = new_site(tmp_path / "site")
    child = _child(2, "pause", "import", "arxiv", NEW_XML, "--site", str(site))
    assert child.stderr is not None
    try:
        assert child.stderr.readline() == "paused\n"  # between its first and second rename
        busy = _files(site)
        assert len(_temporaries(site)) == 2
        monkeypatch.setattr(records, "LOCK_WAIT", 0.3)
        bib = FIXTURES / "bibtex" / "zotero.bib"
        assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 1
        err = capsys.readouterr().err
        assert "content/papers: another authorsite import (or init) is writing into" in err
        assert _files(site) == busy  # its temporary files, and every record, untouched
    finally:
        child.communicate("\n", timeout=120)
    assert child.returncode == 0
    assert _files(site) == whole


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_ctrl_c_during_the_renames_says_which_records_are_written_and_what_to_do(
    tmp_path: Path, whole: dict[str, bytes], capsys: pytest.CaptureFixture[str], signame: str
) -> None:
    site = new_site(tmp_path / "site")
    child = _child(3, signame, "import", "arxiv", NEW_XML, "--site", str(site))
    _, err = child.communicate(timeout=120)
    assert child.returncode == 130
    assert not _temporaries(site)  # each cleaned up on the way out
    written = sorted(_files(site))
    assert len(written) == 2
    papers = site / "content" / "papers"
    pending = next(name for name in whole if name not in written)
    assert "Traceback" not in err
    said, rest = err.split("; not written: ")
    assert said.startswith("interrupted while writing records: 2 of 3 written (")
    assert all(str(papers / name) in said for name in written)
    assert rest.startswith(f"{papers / pending}.\n")
    assert "Run the same import again to write the rest" in err

    # What the message promises: the import, run again, writes the rest.
    assert main(["import", "arxiv", NEW_XML, "--site", str(site)]) == 0
    assert "3 works: 1 new, 0 updated, 2 unchanged" in capsys.readouterr().out
    assert _files(site) == whole


def test_ctrl_c_before_the_renames_says_nothing_was_written(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    child = _child(1, "SIGINT", "import", "arxiv", NEW_XML, "--site", str(site))
    _, err = child.communicate(timeout=120)
    assert child.returncode == 130
    assert err.strip() == (
        "interrupted before any record was written: every record is as it was; run the import again"
    )
    assert _files(site) == {}


# Ctrl-C arriving while a temporary file is made: Python raises KeyboardInterrupt as the
# call that made it returns, which the child does here at the Nth temporary file.
CHILD_OPEN = """
import os, signal, sys
n, real, calls = int(sys.argv[1]), os.open, []
def open_(path, *args, **kwargs):
    fd = real(path, *args, **kwargs)
    if str(path).endswith(".tmp"):
        calls.append(path)
        if len(calls) == n:
            os.kill(os.getpid(), getattr(signal, sys.argv[2]))
    return fd
os.open = open_
from generator.cli import main
sys.exit(main(sys.argv[3:]))
"""


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_ctrl_c_as_a_temporary_file_is_made_leaves_none_behind(
    tmp_path: Path, signame: str
) -> None:
    """Ctrl-C during a 3,560-entry import left a `.x.md.4e4a5d4b.tmp` behind each time it
    came as the file was made (its name was noted for clean-up only after): the README
    promises none is left, and a second import had to delete it."""
    site = new_site(tmp_path / "site")
    argv = ["import", "arxiv", NEW_XML, "--site", str(site)]
    done = subprocess.run(
        [sys.executable, "-c", CHILD_OPEN, "2", signame, *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.startswith("interrupted before any record was written"), done.stderr
    assert _files(site) == {}


def test_an_import_with_nothing_to_write_still_clears_a_killed_ones_leftovers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path / "site")
    assert main(["import", "arxiv", NEW_XML, "--site", str(site)]) == 0
    papers = site / "content" / "papers"
    name = next(p.name for p in papers.iterdir())
    stale = papers / f".{name}.0f3a9c1e.tmp"
    stale.write_text("---\ntitle: half a plan\n", encoding="utf-8")
    # Not ours, though alike: an editor's swap file, a name with no record suffix, a folder.
    others = [papers / f".{name}.swp", papers / ".notes.txt.0f3a9c1e.tmp"]
    for other in others:
        other.write_text("keep me\n", encoding="utf-8")
    (papers / f".{name}.1b2c3d4e.tmp").mkdir()
    capsys.readouterr()
    assert main(["import", "arxiv", NEW_XML, "--site", str(site)]) == 0
    assert f"note: deleted {stale}, a temporary file left by an import" in capsys.readouterr().out
    assert not stale.exists()
    assert all(other.read_text(encoding="utf-8") == "keep me\n" for other in others)
    assert (papers / f".{name}.1b2c3d4e.tmp").is_dir()


def test_a_dry_run_deletes_nothing(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    stale = site / "content" / "papers" / ".a-paper.md.0f3a9c1e.tmp"
    stale.write_text("---\n", encoding="utf-8")
    assert main(["import", "arxiv", NEW_XML, "--dry-run", "--site", str(site)]) == 0
    assert stale.exists()
    assert os.listdir(stale.parent) == [stale.name]
