"""An installed authorsite (not only this checkout) carries its themes and scaffold."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_wheel_ships_the_default_theme_and_scaffold(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # A newcomer's `make site` printed ~200 lines of setuptools warnings about the data
    # folders, as if the install had gone wrong.
    assert "Warning" not in done.stderr, done.stderr
    wheel = next(tmp_path.glob("authorsite-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for theme_file in (REPO / "themes" / "default").rglob("*"):
        if theme_file.is_file():
            rel = theme_file.relative_to(REPO / "themes").as_posix()
            assert f"generator/themes/{rel}" in names
    assert "generator/scaffold/site/site.yaml" in names
    assert "generator/cli.py" in names
