"""Incremental changes to the output: all or nothing across a kill, finished by the next run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator import write
from generator.errors import UsageError
from generator.write import JOURNAL, PENDING, apply_changes, update_site, write_site
from tests.conftest import REPO

OLD = {f"papers/p{i:04d}/index.html": f"old {i}".encode() for i in range(300)}
OLD["index.html"] = b"home"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the marker aside) with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != write.MARKER
    }


def pending(parent: Path) -> list[Path]:
    """Pending change folders beside the output."""
    return [p for p in parent.iterdir() if PENDING in p.name]


def test_changes_and_removals_are_applied(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site(out, OLD.items(), [])
    changed = apply_changes(
        out,
        [("papers/p0001/index.html", b"new 1"), ("papers/new/index.html", b"added")],
        ["papers/p0002/index.html"],
    )
    assert changed == 3
    files = snapshot(out)
    assert files["papers/p0001/index.html"] == b"new 1"
    assert files["papers/new/index.html"] == b"added"
    assert "papers/p0002/index.html" not in files and not (out / "papers/p0002").exists()
    assert len(files) == len(OLD) and pending(tmp_path) == []


def test_a_folder_authorsite_did_not_build_is_refused(tmp_path: Path) -> None:
    (tmp_path / "output").mkdir()
    assert apply_changes(tmp_path / "output", [], []) == 0  # nothing to do, nothing refused
    with pytest.raises(UsageError):
        apply_changes(tmp_path / "output", [("index.html", b"x")], [])


def test_failure_before_the_commit_leaves_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "output"
    write_site(out, OLD.items(), [])

    def no_commit(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(json, "dump", no_commit)  # the journal, as write imports it
    with pytest.raises(OSError):
        apply_changes(out, [(rel, b"new") for rel in OLD], [])
    assert snapshot(out) == OLD and pending(tmp_path) == []


def test_a_committed_change_cut_short_is_finished_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "output"
    write_site(out, OLD.items(), [])
    real_replace, calls = os.replace, []

    def dies_midway(a: object, b: object) -> None:
        calls.append(b)
        if len(calls) == 100:
            raise KeyboardInterrupt  # as if killed between two moves
        real_replace(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(write.os, "replace", dies_midway)
    new = {rel: b"new " + rel.encode() for rel in OLD}
    with pytest.raises(KeyboardInterrupt):
        apply_changes(out, list(new.items()), [])
    monkeypatch.undo()
    assert snapshot(out) not in (OLD, new)  # cut short: the next run must finish it
    apply_changes(out, [], [])
    assert snapshot(out) == new and pending(tmp_path) == []


KILLED = """
import os, signal, sys
from pathlib import Path
from generator.write import apply_changes
out, step, nth = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
calls = 0
def killed_at(real):
    def call(*args, **kwargs):
        global calls
        calls += 1
        if calls == nth:
            os.kill(os.getpid(), signal.SIGKILL)  # no clean-up runs, as for a real kill
        return real(*args, **kwargs)
    return call
if step == "write":
    Path.write_bytes = killed_at(Path.write_bytes)
else:
    os.replace = killed_at(os.replace)
apply_changes(out, [(f"papers/p{i:04d}/index.html", b"new %d" % i) for i in range(600)], [])
"""


@pytest.mark.parametrize(
    ("step", "nth", "expected"),
    [
        ("write", 1, "old"),  # before the first new file is staged
        ("write", 300, "old"),  # half of them staged
        ("replace", 1, "old"),  # the journal written, not yet renamed into place
        ("replace", 2, "new"),  # committed, nothing moved yet
        ("replace", 300, "new"),  # committed, half moved: output/ is a mix until the next run
        ("replace", 601, "new"),  # all moved but the last
    ],
)
def test_sigkill_during_a_change_leaves_the_old_site_or_finishes_it(
    tmp_path: Path, step: str, nth: int, expected: str
) -> None:
    old = {f"papers/p{i:04d}/index.html": f"old {i}".encode() for i in range(600)}
    new = {rel: f"new {int(rel[8:12])}".encode() for rel in old}
    out = tmp_path / "output"
    write_site(out, old.items(), [])
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED), str(out), step, str(nth)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    assert proc.returncode == -signal.SIGKILL  # killed where it was meant to be
    committed = any((p / JOURNAL).exists() for p in pending(tmp_path))
    assert committed == (expected == "new")
    if not committed:
        assert snapshot(out) == old, "an uncommitted change touched output/"
    apply_changes(out, [], [])  # the next run
    assert snapshot(out) == (new if expected == "new" else old)
    assert pending(tmp_path) == []


def test_a_large_change_is_staged_with_links_and_swapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "output"
    write_site(out, OLD.items(), [])
    (out / "CNAME").write_text("papers.example.org\n")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref\n")
    changes = [(rel, b"new") for rel in list(OLD)[:100]]

    def killed(*args: object) -> None:
        raise KeyboardInterrupt  # as if killed just before the swap

    monkeypatch.setattr(write, "_swap", killed)
    with pytest.raises(KeyboardInterrupt):
        update_site(out, changes, ["index.html"])
    monkeypatch.undo()
    # Nothing was written through a hard link into the live site.
    assert snapshot(out) == {**OLD, "CNAME": b"papers.example.org\n", ".git/HEAD": b"ref\n"}
    update_site(out, changes, ["index.html"])
    expected = {**OLD, **dict(changes), "CNAME": b"papers.example.org\n", ".git/HEAD": b"ref\n"}
    del expected["index.html"]
    assert snapshot(out) == expected
    assert (out / write.MARKER).exists() and pending(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["output"]
