"""Folders nested ~1,000 deep in a site (a copy into itself, or made to break the build).

pathlib's rglob and os.walk call themselves once per level: such a folder in static/ or
templates/ ended `build` and `check` with a RecursionError traceback, and one in
content/papers/ ended every build the same way.
"""

from __future__ import annotations

import contextlib
import io
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


@pytest.fixture(autouse=True)
def _unnest() -> Iterator[None]:
    """Remove the nested folders level by level: shutil.rmtree, with which pytest removes
    its old temporary folders, calls itself per level too."""
    yield
    for file in _MADE:
        file.unlink()
        for folder in file.parents:
            if folder.name != "d":
                break
            folder.rmdir()
    _MADE.clear()


_MADE: list[Path] = []


def _nest(folder: Path, levels: int, file: str) -> Path:
    """``folder/d/d/…/file``, ``levels`` folders deep; the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    for _ in range(levels):
        folder = folder / "d"
        folder.mkdir()
    (folder / file).write_text("x", encoding="utf-8")
    _MADE.append(folder / file)
    return folder / file


def test_a_static_folder_nested_a_thousand_deep_is_refused_and_output_kept(
    tmp_path: Path,
) -> None:
    site = write_site(tmp_path / "site", SITE)
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


def test_templates_nested_a_thousand_deep_are_refused_by_build_and_check(
    tmp_path: Path,
) -> None:
    site = write_site(tmp_path / "site", SITE)
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


def test_a_folder_nested_a_thousand_deep_in_papers_does_not_stop_the_build(
    tmp_path: Path,
) -> None:
    site = write_site(tmp_path / "site", SITE)
    _nest(site / "content" / "papers" / "old", DEEP, "x.md")
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert (built.out / "papers" / "one" / "index.html").is_file()


def test_a_static_folder_nested_a_little_under_the_limit_is_published(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", SITE)
    (site / "static").mkdir()
    source = _nest(site / "static", 60, "x.txt")
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert (built.out / source.relative_to(site)).read_text(encoding="utf-8") == "x"
