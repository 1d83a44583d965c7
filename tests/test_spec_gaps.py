"""SPEC gaps: ``check`` writes nothing in the site folder; one paper named by its arXiv
DOI in one record and its arXiv id in another is refused as a paper listed twice."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from generator.cache import CACHE_DIRNAME
from generator.cli import main


def listing(site: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file and folder under ``site``: its size, mtime and (for files) bytes."""
    found = {}
    for folder, dirs, files in os.walk(site):
        for name in dirs + files:
            path = Path(folder, name)
            info = path.lstat()
            body = path.read_bytes() if path.is_file() else b""
            found[path.relative_to(site).as_posix()] = (info.st_size, info.st_mtime_ns, body)
    return found


def _break_a_link(site: Path) -> None:
    paper = site / "content" / "papers" / "fedrd.md"
    text = paper.read_text(encoding="utf-8")
    paper.write_text(text + "\nSee [the slides](/slides/nowhere/).\n", encoding="utf-8")


def _checked(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    before = listing(site)
    status = main(["check", "--site", str(site)])
    assert listing(site) == before  # nothing made, changed or touched in the site folder
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_check_on_a_fresh_site_writes_nothing(
    sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, said = _checked(sample_site, capsys)
    assert status == 0 and "check: 20 pages" in said
    assert not (sample_site / CACHE_DIRNAME).exists()
    _break_a_link(sample_site)
    status, said = _checked(sample_site, capsys)
    assert status == 1
    assert "content/papers/fedrd.md:" in said and "/slides/nowhere/" in said
    assert not (sample_site / CACHE_DIRNAME).exists()


def test_check_reads_the_cache_and_output_without_writing_them(
    sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--site", str(sample_site)]) == 0
    status, said = _checked(sample_site, capsys)
    assert status == 0 and "is up to date with the site; checking it as it is" in said
    _break_a_link(sample_site)  # output/ is no longer current: built elsewhere
    status, said = _checked(sample_site, capsys)
    assert status == 1 and "content/papers/fedrd.md:" in said and "/slides/nowhere/" in said


def test_check_leaves_a_cache_of_other_code_as_it_is(
    sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cache written by another version is emptied before a build uses it: check does
    that to its copy only."""
    assert main(["build", "--site", str(sample_site)]) == 0
    db = sqlite3.connect(sample_site / CACHE_DIRNAME / "cache.sqlite")
    db.execute("UPDATE meta SET v = 'another version' WHERE k = 'code'")
    db.commit()
    db.close()
    status, said = _checked(sample_site, capsys)
    assert status == 0 and "check: 20 pages" in said
