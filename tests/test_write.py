"""The writer: contained paths, atomic replacement, files users keep."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.write import MARKER, safe_relpath, write_site


@pytest.mark.parametrize(
    "rel",
    [
        *("../x", "/etc/passwd", "a/../../b", "a\\b", "a\x00b", "con/index.html", "x" * 300, ""),
        # not in normal form: two spellings of one file would both be claimed
        *("a//b.html", "./x.html", "a/./b.html", "papers/x/"),
    ],
)
def test_unsafe_paths_are_refused(rel: str) -> None:
    with pytest.raises(ValueError):
        safe_relpath(rel)


def test_first_build_and_replacement(tmp_path: Path) -> None:
    out = tmp_path / "output"
    first = write_site(out, [("index.html", b"one"), ("a/b.html", b"b")], [])
    assert first.written == 2 and (out / MARKER).exists()
    second = write_site(out, [("index.html", b"two"), ("a/b.html", b"b")], [])
    assert (second.written, second.unchanged) == (1, 1)
    assert (out / "index.html").read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_two_pages_may_not_claim_one_path(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="two pages claim"):
        write_site(tmp_path / "out", [("x.html", b"1"), ("x.html", b"2")], [])
    assert not (tmp_path / "out").exists()
    assert list(tmp_path.iterdir()) == []


# Run in a fresh process: this one may hold threads left by other tests (then nothing forks).
_REPLACE_TWICE = """
import os, sys, threading
from pathlib import Path
from generator import write
write.DISCARD_BESIDE_MIN = 3
out = Path(sys.argv[1])
pages = [(f"papers/p{i}/index.html", f"page {i}".encode()) for i in range(5)]
write.write_site(out, pages, [])
(out / "CNAME").write_text("example.org\\n")  # kept across builds
forked = []
real_fork = os.fork
os.fork = lambda: forked.append(1) or real_fork()
stop = threading.Event()
if sys.argv[2] == "threads":
    threading.Thread(target=stop.wait).start()
try:
    second = write.write_site(out, [*pages[:4], ("index.html", b"new")], [])
finally:
    stop.set()
print(second.written, second.unchanged, len(forked))
"""


@pytest.mark.parametrize("threads", [False, True], ids=["detached", "here"])
def test_a_large_replaced_site_is_deleted_without_waiting(tmp_path: Path, threads: bool) -> None:
    """From DISCARD_BESIDE_MIN files, by a detached process; in a threaded one (serve), here."""
    import subprocess
    import sys
    import time

    out = tmp_path / "output"
    done = subprocess.run(
        [sys.executable, "-c", _REPLACE_TWICE, str(out), "threads" if threads else "alone"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    written, unchanged, forked = map(int, done.stdout.split())
    assert (written, unchanged) == (1, 4)
    assert (out / "index.html").read_bytes() == b"new"
    assert not (out / "papers" / "p4").exists()
    assert (out / "CNAME").read_text() == "example.org\n"
    assert bool(forked) != threads
    deadline = time.monotonic() + 20
    while sorted(p.name for p in tmp_path.iterdir()) != ["output"]:
        assert time.monotonic() < deadline, "the replaced site was not deleted"
        time.sleep(0.02)


def test_a_large_change_in_place_leaves_no_replaced_site_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change staged with hard links, swapped in, the old folder deleted in the background."""
    import time

    from generator import write

    monkeypatch.setattr(write, "DISCARD_BESIDE_MIN", 3)
    monkeypatch.setattr(write, "SMALL_CHANGE", 0)
    out = tmp_path / "output"
    write_site(out, [(f"p{i}/index.html", f"page {i}".encode()) for i in range(5)], [])
    write.update_site(out, [("p0/index.html", b"changed")], ["p4/index.html"])
    assert (out / "p0" / "index.html").read_bytes() == b"changed"
    assert (out / "p1" / "index.html").read_bytes() == b"page 1"
    assert not (out / "p4").exists()
    deadline = time.monotonic() + 20
    while sorted(p.name for p in tmp_path.iterdir()) != ["output"]:
        assert time.monotonic() < deadline, "the replaced site was not deleted"
        time.sleep(0.02)


def test_a_build_leaves_a_site_being_deleted_alone_and_finishes_a_stopped_deletion(
    tmp_path: Path,
) -> None:
    """A build right after a large one must not wait for its deleter; a stopped one is redone."""
    import fcntl
    import os
    import threading
    import time

    from generator.write import TRASH

    out = tmp_path / "output"
    write_site(out, [("index.html", b"one")], [])
    trash = tmp_path / f".output.{TRASH}-0123456789ab"
    (trash / "papers").mkdir(parents=True)
    (trash / "papers" / "old.html").write_text("old")
    lock = os.open(trash, os.O_RDONLY)
    fcntl.flock(lock, fcntl.LOCK_EX)  # as its deleter holds it
    stop = threading.Event()
    serving = threading.Thread(target=stop.wait)  # as in serve: deletions in the foreground
    serving.start()
    try:
        write_site(out, [("index.html", b"two")], [])
        assert (trash / "papers" / "old.html").exists()  # not deleted under its deleter
    finally:
        stop.set()
        serving.join()
        os.close(lock)  # the deleter was stopped
    write_site(out, [("index.html", b"three")], [])
    assert (out / "index.html").read_bytes() == b"three"
    deadline = time.monotonic() + 20
    while trash.exists():
        assert time.monotonic() < deadline, "the stopped deletion was not finished"
        time.sleep(0.02)


def test_a_first_large_site_starts_no_deleter(tmp_path: Path) -> None:
    """Nothing was replaced: no process is started to delete nothing."""
    import subprocess
    import sys

    script = _REPLACE_TWICE.replace(
        'second = write.write_site(out, [*pages[:4], ("index.html", b"new")], [])',
        'second = write.write_site(out.parent / "other", pages, [])',
    )
    assert script != _REPLACE_TWICE
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "output"), "alone"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["5", "0", "0"]  # five written, none forked
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other", "output"]
