"""``authorsite check --built DIR`` on a folder holding more than files: it finishes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n",
        "content/papers/one.md": "---\ntitle: A Paper\nauthors: [Ada Lovelace]\n"
                                 "date: 2024-05-01\n---\nAbstract.\n"}  # fmt: skip


def test_a_pipe_or_a_link_in_a_loop_in_the_checked_folder_is_no_page(tmp_path: Path) -> None:
    """A pipe named like a page made check wait forever; a link in a loop, a traceback."""
    site = write_site(tmp_path / "site", SITE)
    built = run_build(site)
    assert built.status == 0, built.stderr
    os.mkfifo(built.out / "pipe.html")
    os.symlink("loop.xml", built.out / "loop.xml")
    os.symlink("nothing.css", built.out / "papers" / "gone.css")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--site", str(site), "--built"],
        capture_output=True,
        text=True,
        timeout=60,  # waiting on the pipe would never end
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "no problems" in done.stdout
