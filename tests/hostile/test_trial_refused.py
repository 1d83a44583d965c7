"""A site that cannot be written (no permission, a full disk): a message, the old site kept.

The suite runs as any user, root included, for whom permissions do not apply: the
system's refusal is made where authorsite writes, with the error the system gives.
"""

from __future__ import annotations

import errno
import os
import pathlib
from pathlib import Path
from typing import Any

import pytest

from generator import write
from generator.cli import main
from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n",
        "content/papers/one.md": "---\ntitle: A Paper\nauthors: [Ada Lovelace]\n"
                                 "date: 2024-05-01\n---\nAbstract.\n"}  # fmt: skip


def files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def refuse(error: int) -> Any:
    """A stand-in for a write that the system refuses with ``error``."""

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(error, os.strerror(error), str(args[0]) if args else None)

    return refused


@pytest.mark.parametrize("edit", [False, True])  # a whole new site; a change in place
def test_a_folder_without_write_permission_is_a_message(
    edit: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = write_site(tmp_path / "site", SITE)
    assert run_build(site).status == 0
    before = files(site / "output")
    if edit:
        paper = site / "content/papers/one.md"
        paper.write_text(paper.read_text().replace("Abstract.", "A new abstract."))
    else:
        (site / "content/papers/two.md").write_text(SITE["content/papers/one.md"])
    # Every new folder beside output/ (the new site, or a change to it) is refused.
    monkeypatch.setattr(write, "_sibling", refuse(errno.EACCES))
    built = run_build(site)
    assert built.status == 1, built.stderr
    [problem] = built.problems()
    assert problem["path"] == "output"
    assert problem["message"].startswith("cannot write the new site: Permission denied")
    assert problem["message"].endswith("; build into a folder you can write with --out DIR")
    assert "Traceback" not in built.stderr
    assert files(site / "output") == before


def test_a_full_disk_while_the_pages_are_written_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = write_site(tmp_path / "site", SITE)
    assert run_build(site).status == 0
    before = files(site / "output")
    (site / "content/papers/two.md").write_text(SITE["content/papers/one.md"])
    (site / ".authorsite-cache").rename(tmp_path / "cache")  # a whole new site: every page
    monkeypatch.setattr(write, "stage_file", refuse(errno.ENOSPC))
    built = run_build(site)
    assert built.status == 1, built.stderr
    [problem] = built.problems()
    assert problem["path"] == "output"
    assert "No space left on device" in problem["message"]
    assert "--out" not in problem["message"]  # another folder on the disk is as full
    assert files(site / "output") == before
    assert [p.name for p in site.iterdir() if "authorsite-staging" in p.name] == []


@pytest.mark.parametrize("folder", ["content/authors", "content/papers"])
@pytest.mark.parametrize("call", ["stat", "scandir"])  # content/ not searchable; not readable
def test_a_records_folder_that_cannot_be_read_is_a_located_problem(
    folder: str, call: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = write_site(tmp_path / "site", SITE)
    real = getattr(os, call)

    def refused(path: Any, *args: Any, **kwargs: Any) -> Any:
        # (an open folder's descriptor, which the scan of the inputs lists, passes: the
        # folder was refused where it was opened by its name)
        if not isinstance(path, int) and os.fspath(path).endswith(folder):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, call, refused)
    if call == "stat" and hasattr(pathlib, "_NormalAccessor"):
        # Python 3.10's Path.stat calls the os.stat its accessor took at import
        monkeypatch.setattr(pathlib._NormalAccessor, "stat", staticmethod(refused))
    built = run_build(site)
    assert built.status == 1, built.stderr
    problems = [(p["path"], p["message"]) for p in built.problems()]
    assert (folder, "cannot be read: Permission denied") in problems
    assert not built.out.exists()


def test_new_paper_in_a_folder_that_cannot_be_searched_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = write_site(tmp_path / "site", SITE)
    real = Path.stat

    def refused(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.parent.name == "papers":  # content/papers without search permission
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", refused)
    assert main(["new", "paper", "A Title", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().endswith("content/papers/a-title.md: Permission denied")
