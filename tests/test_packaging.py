"""An installed authorsite (not only this checkout) carries its themes and scaffold."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_wheel_ships_the_default_theme_and_scaffold(tmp_path: Path) -> None:
    # Built from a copy of what the wheel is made of: setuptools writes build/ and
    # *.egg-info/ beside the pyproject.toml, which in the repository is a test writing
    # into it (and into one folder with a suite run from the same checkout meanwhile).
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    for name in ("generator", "themes"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(source)],
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
