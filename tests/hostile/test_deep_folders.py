"""Folders nested ~1,000 deep in a site (a copy into itself, or made to break the build).

pathlib's rglob and os.walk call themselves once per level: such a folder in static/ or
templates/ ended `build` and `check` with a RecursionError traceback, and one in
content/papers/ ended every build the same way.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n",
        "content/papers/one.md": "---\ntitle: A Paper\nauthors: [Ada Lovelace]\n"
                                 "date: 2024-05-01\n---\nAbstract.\n"}  # fmt: skip
DEEP = 1000


@pytest.fixture
def site() -> Iterator[Path]:
    """A site in a folder of its own outside pytest's, removed level by level afterwards.

    pytest removes its old temporary folders with shutil.rmtree, which calls itself per
    level too: a folder this deep left there (a run killed halfway) would end every later
    pytest run on the machine with a RecursionError.
    """
    root = Path(tempfile.mkdtemp(prefix="authorsite-deep-"))
    try:
        yield write_site(root / "site", SITE)
    finally:
        _remove(root)


def _remove(root: Path) -> None:
    """Remove ``root`` and everything in it, without recursion."""
    folders: list[str] = []
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        folders.append(folder)
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            else:
                os.unlink(entry.path)
    for folder in reversed(folders):
        os.rmdir(folder)


def _nest(folder: Path, levels: int, file: str) -> Path:
    """``folder/d/d/…/file``, ``levels`` folders deep; the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    for _ in range(levels):
        folder = folder / "d"
        folder.mkdir()
    (folder / file).write_text("x", encoding="utf-8")
    return folder / file


def test_a_static_folder_nested_a_thousand_deep_is_refused_and_output_kept(site: Path) -> None:
    first = run_build(site)
    assert first.status == 0, first.stderr
    before = (first.out / "index.html").read_bytes()
    _nest(site / "static", DEEP, "x.txt")
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert problem.group(0).endswith(
        "static/d/d/d/…: folders nested more than 64 deep (a folder copied into itself?); "
        "remove the extra levels"
    )
    assert (built.out / "index.html").read_bytes() == before


def test_templates_nested_a_thousand_deep_are_refused_by_build_and_check(site: Path) -> None:
    _nest(site / "templates", DEEP, "x.html")
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert problem.group(0).startswith("templates/d/d/d/…: folders nested more than 64 deep")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["check", "--site", str(site)])
    assert status == 1
    assert "templates/d/d/d/…: folders nested more than 64 deep" in err.getvalue()


def test_a_folder_nested_a_thousand_deep_in_papers_does_not_stop_the_build(site: Path) -> None:
    _nest(site / "content" / "papers" / "old", DEEP, "x.md")
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert (built.out / "papers" / "one" / "index.html").is_file()


def test_a_static_folder_nested_a_little_under_the_limit_is_published(site: Path) -> None:
    (site / "static").mkdir()
    source = _nest(site / "static", 60, "x.txt")
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert (built.out / source.relative_to(site)).read_text(encoding="utf-8") == "x"
