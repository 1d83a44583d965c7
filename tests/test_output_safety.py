"""The output folder: refusals, kept files, permissions, recovery after a killed build."""

from __future__ import annotations

import fcntl
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import build as build_module
from generator import write
from generator.cli import main
from generator.errors import ContentError
from generator.write import ASIDE, STAGING, write_site
from tests.conftest import MINIMAL_AUTHOR, MINIMAL_PAPER, REPO

Site = Callable[[dict[str, str | bytes]], Path]
FILES: dict[str, str | bytes] = {
    "content/authors/ada.yaml": MINIMAL_AUTHOR,
    "content/papers/one.md": MINIMAL_PAPER,
}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def leftovers(parent: Path) -> list[str]:
    """Staging or set-aside folders that a build left behind."""
    return sorted(p.name for p in parent.iterdir() if STAGING in p.name or ASIDE in p.name)


@pytest.fixture
def no_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refusals must happen before anything is written: writing fails the test."""

    def refuse(*args: object) -> None:
        raise AssertionError("the output folder was about to be written")

    monkeypatch.setattr(build_module, "staged_site", refuse)
    monkeypatch.setattr(build_module, "update_site", refuse)


@pytest.mark.parametrize(
    "target",
    ["/", "HOME", "HOME/..", "SITE", "SITE/..", "SITE/content", "SITE/content/papers/out",
     "SITE/themes", "SITE/themes/default/out", "SITE/templates", "SITE/static/x",
     "SITE/.git", "SITE/.git/out"],
)  # fmt: skip
@pytest.mark.parametrize("force", [False, True])
def test_out_refusals_even_with_force(
    target: str,
    force: bool,
    make_site: Site,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_writes: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = tmp_path / "home" / "me"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    site = make_site(FILES)
    (site / ".git").mkdir()
    out = target.replace("HOME", str(home)).replace("SITE", str(site))
    status = main(["build", "--site", str(site), "--out", out, *(["--force"] if force else [])])
    assert status == 2
    assert f"--out {out}: refusing to build into" in capsys.readouterr().err


@pytest.mark.parametrize("out", ["output/new/..", "output/new/../elsewhere"])
def test_out_going_up_from_a_missing_folder_is_refused(
    out: str, make_site: Site, no_writes: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """The system cannot go up from a folder that does not exist: such an --out was a
    site written into output/ and then "No such file or directory", exit 1."""
    site = make_site(FILES)
    assert main(["build", "--site", str(site), "--out", str(site / out)]) == 2
    err = capsys.readouterr().err
    assert f"{site / 'output' / 'new'} is not a folder, so `..` after it leads nowhere" in err
    assert not (site / "output").exists()


def test_foreign_folder_needs_force_and_keeps_cname_and_git(
    make_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(FILES)
    foreign = tmp_path / "pages"
    (foreign / ".git" / "objects").mkdir(parents=True)
    (foreign / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (foreign / "CNAME").write_text("papers.example.org\n")
    (foreign / "notes.txt").write_text("mine")
    before = snapshot(foreign)
    assert main(["build", "--site", str(site), "--out", str(foreign)]) == 2
    assert "not empty and authorsite did not create it" in capsys.readouterr().err
    assert snapshot(foreign) == before
    assert main(["build", "--site", str(site), "--out", str(foreign), "--force"]) == 0
    after = snapshot(foreign)
    assert after[".git/HEAD"] == before[".git/HEAD"] and after["CNAME"] == before["CNAME"]
    assert "notes.txt" not in after and "index.html" in after
    # A folder holding only what users keep (a gh-pages checkout) needs no --force.
    for entry in foreign.iterdir():
        if entry.name not in (".git", "CNAME"):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    assert main(["build", "--site", str(site), "--out", str(foreign)]) == 0
    assert snapshot(foreign)[".git/HEAD"] == before[".git/HEAD"]
    assert leftovers(tmp_path) == []


def test_out_that_is_a_file_is_refused(make_site: Site, tmp_path: Path, no_writes: None) -> None:
    site = make_site(FILES)
    (tmp_path / "file").write_text("x")
    assert main(["build", "--site", str(site), "--out", str(tmp_path / "file")]) == 2


def test_output_folder_gets_normal_permissions(make_site: Site) -> None:
    """A web server running as another user must be able to read output/."""
    site = make_site(FILES)
    old = os.umask(0o022)
    try:
        assert main(["build", "--site", str(site)]) == 0
        assert main(["build", "--site", str(site)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((site / "output").stat().st_mode) == 0o755


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "fallback"])
def test_rebuilds_keep_cname_and_git_and_leave_nothing_behind(
    exchange: bool, make_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not exchange:
        monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    site = make_site(FILES)
    out = site / "output"
    assert main(["build", "--site", str(site)]) == 0
    (out / "CNAME").write_text("papers.example.org\n")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / "content/papers/two.md").write_text(MINIMAL_PAPER.replace("A Paper", "Another"))
    assert main(["build", "--site", str(site)]) == 0
    files = snapshot(out)
    assert files["CNAME"] == b"papers.example.org\n" and ".git/HEAD" in files
    assert "papers/two/index.html" in files
    assert leftovers(site) == []


def test_state_left_by_a_kill_after_the_exchange_is_repaired(make_site: Site) -> None:
    """Killed after the swap, before .git moved over: the next build moves it."""
    site = make_site(FILES)
    out = site / "output"
    assert main(["build", "--site", str(site)]) == 0
    old = site / f".output.{STAGING}-0123456789ab"
    shutil.copytree(out, old)
    (old / ".git").mkdir()
    (old / ".git" / "HEAD").write_text("ref\n")
    assert main(["build", "--site", str(site)]) == 0
    assert (out / ".git" / "HEAD").read_text() == "ref\n"
    assert leftovers(site) == []


def test_state_left_by_a_kill_inside_the_fallback_swap_is_repaired(make_site: Site) -> None:
    """Killed between the fallback's two renames, output/ is missing: nothing is lost."""
    site = make_site(FILES)
    out = site / "output"
    assert main(["build", "--site", str(site)]) == 0
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref\n")
    old_site = snapshot(out)
    aside = site / f".output.{ASIDE}-0123456789ab"
    os.replace(out, aside)
    (site / f".output.{STAGING}-ba9876543210").mkdir()  # the half-written new site
    (site / "content/papers/bad.md").write_text("---\ntitle: [\n---\n")
    assert main(["build", "--site", str(site)]) == 1  # a failed build touches nothing
    assert snapshot(aside) == old_site
    (site / "content/papers/bad.md").unlink()
    assert main(["build", "--site", str(site)]) == 0
    assert (out / ".git" / "HEAD").read_text() == "ref\n"
    assert leftovers(site) == []


def test_symlinked_output_stays_a_link(make_site: Site, tmp_path: Path) -> None:
    site = make_site(FILES)
    real = tmp_path / "www"
    (site / "output").symlink_to(real, target_is_directory=True)
    for _ in range(2):
        assert main(["build", "--site", str(site)]) == 0
    assert (site / "output").is_symlink() and (real / "index.html").exists()
    assert leftovers(site) == [] and leftovers(tmp_path) == []


def test_unsafe_output_paths_are_a_located_error_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        write_site(tmp_path / "out", [("../escape.html", b"x")], [])
    assert caught.value.problems[0].path == "output/../escape.html"
    assert not (tmp_path / "escape.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def blocked_on_lock(proc: subprocess.Popen[Any], folder: Path) -> None:
    """Return once ``proc`` waits for the lock on ``folder`` (a waiter in /proc/locks);
    fail if it ends first. Waiting on the event, not for a few seconds of hoping that it
    would have finished otherwise: the kernel shows it blocked on that very lock."""
    info = folder.stat()
    inode = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    deadline = time.monotonic() + 60
    while True:
        waiters = Path("/proc/locks").read_text().splitlines()
        if any(f"-> FLOCK  ADVISORY  WRITE {proc.pid} {inode} " in line for line in waiters):
            return
        assert proc.poll() is None, "the build ended without waiting for the lock"
        assert time.monotonic() < deadline, "the build never waited for the lock"
        time.sleep(0.02)


def test_a_second_build_waits_for_the_first(make_site: Site) -> None:
    """Two builds into one folder never sweep each other's staging folder."""
    site = make_site(FILES)
    fd = os.open(site, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a running build holds it
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--site", str(site)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        blocked_on_lock(proc, site)
        assert proc.poll() is None and not (site / "output").exists()
    finally:
        os.close(fd)
    assert proc.wait(timeout=60) == 0
    assert (site / "output" / "index.html").exists()


# Build 1 stops after reading the records (before it renders and writes) until told to go on.
PAUSED_BUILD = """
import sys, time
from pathlib import Path
from generator import build
from generator.cli import main

rendering = build._render_and_write

def paused(*args, **kwargs):
    Path(sys.argv[2]).touch()  # the records are read
    while not Path(sys.argv[3]).exists():
        time.sleep(0.02)
    return rendering(*args, **kwargs)

build._render_and_write = paused
sys.exit(main(["build", "--site", sys.argv[1]]))
"""


def test_the_build_started_last_leaves_its_content(make_site: Site, tmp_path: Path) -> None:
    """A build that starts while another is rendering older records waits for it, then
    builds what the records say now: never a site of the older records (a deleted paper
    still published) while the last build said it was up to date."""
    site = make_site(FILES)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    assert main(["build", "--site", str(site)]) == 0
    extra = site / "content/papers/two.md"
    extra.write_text(MINIMAL_PAPER.replace("title: ", "title: Two ", 1), encoding="utf-8")
    read, go = tmp_path / "read", tmp_path / "go"
    first = subprocess.Popen(
        [sys.executable, "-c", PAUSED_BUILD, str(site), str(read), str(go)], env=env
    )
    second: subprocess.Popen[bytes] | None = None
    try:
        deadline = time.monotonic() + 60
        while not read.exists():
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        extra.unlink()  # the user deletes the paper again and builds
        second = subprocess.Popen(
            [sys.executable, "-m", "generator", "build", "--site", str(site)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        blocked_on_lock(second, site)  # it waits for the first build's lock
    finally:
        go.touch()
        assert first.wait(timeout=60) == 0
        said = "" if second is None else second.communicate(timeout=60)[1]
        assert second is None or second.returncode == 0
    assert "output: another build is writing this folder; waiting for it to finish" in said
    assert not (site / "output/papers/two").exists()
    assert (site / "output/papers/one/index.html").exists()
