"""A build killed at any moment leaves the complete old site or the complete new one.

A site of a few thousand generated papers is built in a subprocess that gets SIGKILL at
several points: while reading and rendering, and at several delays after its staging
folder appears (writing, swapping, removing the old site). After each kill, output/ must
equal exactly the old tree or exactly the new tree; the final, unkilled build must succeed
and leave no staging folder behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.write import ASIDE, PENDING, STAGING, TRASH
from tests.conftest import REPO

PAPERS = 2_000
WORDS = [
    "alignment",
    "safety",
    "reward",
    "model",
    "language",
    "vision",
    "federated",
    "learning",
    "robust",
    "debate",
]


def generate(root: Path, title: str) -> Path:
    """A site of PAPERS small papers (deterministic), titled ``title``."""
    papers = root / "content" / "papers"
    papers.mkdir(parents=True)
    (root / "content" / "authors").mkdir()
    (root / "content" / "authors" / "ada.yaml").write_text("name: Ada Lovelace\n")
    set_title(root, title)
    for i in range(PAPERS):
        words = " ".join(WORDS[(i * k) % len(WORDS)] for k in range(1, 7))
        (papers / f"p{i:05d}.md").write_text(
            f"---\ntitle: {words} {i}\nauthors: [Ada Lovelace, Bo {i}]\n"
            f"date: 20{10 + i % 15}-0{1 + i % 9}-1{i % 9}\ncitations: {i % 50}\n---\n{words}\n"
        )
    return root


def set_title(root: Path, title: str) -> None:
    """Change the site title: every page of the new build differs from the old one."""
    (root / "site.yaml").write_text(f"title: {title}\nbuild_date: 2026-11-28\nmain_author: ada\n")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of the built site (users' .git aside) with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(folder).parts
    }


def start_build(site: Path, out: Path | None = None) -> subprocess.Popen[bytes]:
    """``authorsite build`` as a separate process."""
    args = [sys.executable, "-m", "generator", "build", "--site", str(site)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [*args, *(["--out", str(out)] if out else [])],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def is_ours(path: Path) -> bool:
    """A folder a build writes beside the output: staging, a change, a site being deleted."""
    return any(kind in path.name for kind in (STAGING, ASIDE, PENDING, TRASH))


def staging_appears(parent: Path, proc: subprocess.Popen[bytes], old: set[str]) -> bool:
    """Wait until the build starts writing (a new staging folder exists); False if it ended."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if any(is_ours(p) and p.name not in old for p in parent.iterdir()):
            return True
        time.sleep(0.002)
    return False


@pytest.mark.slow
def test_sigkill_at_any_moment_leaves_old_or_new_site(tmp_path: Path) -> None:
    site = generate(tmp_path / "site", "Version A")
    reference = tmp_path / "reference"
    other = generate(tmp_path / "site-b", "Version B")
    builds = [start_build(site, reference / "A"), start_build(other, reference / "B")]
    assert [b.wait(timeout=300) for b in builds] == [0, 0]
    trees = {"A": snapshot(reference / "A"), "B": snapshot(reference / "B")}
    assert trees["A"] != trees["B"] and len(trees["A"]) > 2 * PAPERS

    out = site / "output"
    shutil.copytree(reference / "A", out)
    (out / "CNAME").write_text("papers.example.org\n")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    trees = {k: {**v, "CNAME": b"papers.example.org\n"} for k, v in trees.items()}

    # One complete build first, timing its writing (staging folder to exit); the build
    # cache then knows output/, so the first kill hits an incremental build (changed files
    # moved in after a journal) rather than a full swap.
    set_title(site, "Version B")
    proc = start_build(site)
    assert staging_appears(site, proc, set())
    began = time.monotonic()
    assert proc.wait(timeout=300) == 0 and snapshot(out) == trees["B"]
    writing = time.monotonic() - began

    # Two kills while reading and rendering, then kills at delays after the staging folder
    # appears that close in on the swap: longer after a kill that left the old site, shorter
    # after one that left the new site, so that kills land on both sides of the swap.
    current, outcomes = "B", []
    early, late, delay = 0.0, 1.5 * writing, 0.75 * writing
    for when in ("start", "start", *["write"] * 8):
        if len(outcomes) >= 6 and {o[3] for o in outcomes} == {"old", "new"}:
            break  # 6 kills, more if both sides of the swap were not hit yet
        target = "B" if current == "A" else "A"
        set_title(site, f"Version {target}")
        before = {p.name for p in site.iterdir()}
        proc = start_build(site)
        wait = 0.5 + len(outcomes) if when == "start" else delay
        if when == "write" and not staging_appears(site, proc, before):
            pytest.fail(f"build ended before writing (status {proc.returncode})")
        time.sleep(wait)
        finished = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = snapshot(out)
        assert now in (trees[current], trees[target]), f"mixed tree after kill at {when}+{wait}"
        state = "new" if now == trees[target] else "old"
        leftover = [p.name for p in site.iterdir() if is_ours(p)]
        outcomes.append((when, round(wait, 3), "finished" if finished else "killed", state,
                         f"{len(leftover)} leftover"))  # fmt: skip
        current = target if state == "new" else current
        if when == "write":
            if state == "old":
                # Until a kill has landed after the swap, the window may lie later than the
                # first build suggested (a busy machine): widen it, so the search always
                # reaches the swap, at the latest once a build finishes before its kill.
                seen_new = any(o[0] == "write" and o[3] == "new" for o in outcomes)
                early, late = delay, late if seen_new else max(late, 2 * delay)
            else:
                late = delay
            delay = (early + late) / 2
    print(f"writing took {writing:.2f} s; kill outcomes:", *outcomes, sep="\n  ")
    assert {o[3] for o in outcomes} == {"old", "new"}  # both sides of the swap were hit

    target = "B" if current == "A" else "A"
    set_title(site, f"Version {target}")
    assert start_build(site).wait(timeout=300) == 0
    assert snapshot(out) == trees[target]
    assert (out / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    # the replaced site is deleted by a detached process (4,000 files or more): soon
    deadline = time.monotonic() + 120
    while [p.name for p in site.iterdir() if is_ours(p)]:
        assert time.monotonic() < deadline, "a folder beside output/ was left behind"
        time.sleep(0.05)
