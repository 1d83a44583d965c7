"""Folders nested ~1,000 deep in a site (a copy into itself, or made to break the build).

pathlib's rglob and os.walk call themselves once per level: such a folder in static/ or
templates/ ended `build` and `check` with a RecursionError traceback, and one in
content/papers/ ended every build the same way.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from generator.deltree import remove_tree
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


def test_a_folder_nested_a_thousand_deep_in_the_output_is_removed(site: Path) -> None:
    # Copied into output/ by hand (a stray the build removes): shutil.rmtree called itself
    # per level, and every build after ended with a RecursionError traceback.
    first = run_build(site)
    assert first.status == 0, first.stderr
    _nest(first.out / "copy", DEEP, "x.txt")
    (site / "content" / "papers" / "two.md").write_text(
        SITE["content/papers/one.md"].replace("A Paper", "Another"), encoding="utf-8"
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert not (built.out / "copy").exists()
    assert (built.out / "papers" / "two" / "index.html").is_file()
    assert run_build(site).status == 0


def test_a_replaced_site_with_a_deep_folder_is_deleted_in_the_background(site: Path) -> None:
    # A whole new site (no cache): the old one is moved aside and a detached process
    # deletes it, with deltree.py loaded from its file.
    first = run_build(site)
    assert first.status == 0, first.stderr
    _nest(first.out / "copy", DEEP, "x.txt")
    remove_tree(site / ".authorsite-cache")
    # As a user runs it: in a process of its own, with no other thread (in-process, a
    # test's threads would make the build delete the old site itself, in the foreground).
    # A site this small is deleted in the foreground too: from 4,000 files in the background.
    script = (
        "import generator.write as w; w.DISCARD_BESIDE_MIN = 0; import generator.cli as c; c.run()"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "build", "--site", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not (first.out / "copy").exists()
    deadline = time.monotonic() + 60
    while [p for p in site.iterdir() if "trash" in p.name] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [p.name for p in site.iterdir() if "trash" in p.name] == []


def test_remove_tree_goes_deeper_than_a_path_can_be_long_and_follows_no_link(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("kept", encoding="utf-8")
    root = Path(tempfile.mkdtemp(prefix="authorsite-deep-"))
    fd = os.open(root, os.O_RDONLY)
    try:  # 2,500 levels of 2 characters: past the 4,096 a whole path may have on Linux
        for _ in range(2500):
            os.mkdir("d", dir_fd=fd)
            child = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        os.symlink(outside, "to-outside", dir_fd=fd)
        os.close(os.open("x.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
    finally:
        os.close(fd)
    os.symlink(outside, root / "link")
    remove_tree(root)
    assert not root.exists()
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "kept"  # links not followed


def test_remove_tree_says_what_it_cannot_delete_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "site" / "old"
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "b" / "x.txt").write_text("x", encoding="utf-8")

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rmdir", refused)
    remove_tree(folder)  # quietly: what it could delete, it did
    assert not (folder / "a" / "b" / "x.txt").exists() and (folder / "a" / "b").is_dir()
    with pytest.raises(PermissionError):
        remove_tree(folder, ignore_errors=False)
    remove_tree(tmp_path / "nothing-there", ignore_errors=False)  # gone is no error
