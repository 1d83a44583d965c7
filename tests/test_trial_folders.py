"""Migrating sites as their owners wrote them: files and keys the templates never had."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES, new_site, read_papers, snapshot

CUSTOM = FIXTURES / "academicpages-custom"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Ann Lee")


def records(site: Path) -> dict[str, tuple[dict[str, Any], str]]:
    return {str(data["title"]): (data, body) for _, data, body in read_papers(site)}


def test_a_readme_or_empty_file_among_the_pages_is_passed_over_with_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Jekyll copies a collection file without front matter as it is; a README.md in
    # _publications stopped the whole import with "no front matter".
    assert main(["import", "academicpages", str(CUSTOM), "--site", str(site)]) == 0
    assert len(records(site)) == 5
    out = capsys.readouterr().out
    for name in ("README.md", "2020-01-01-placeholder.md"):
        assert f"{name}: not a publication page (no '---' front matter" in out


def test_a_folder_of_only_a_readme_is_refused_and_nothing_written(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "old" / "_publications"
    folder.mkdir(parents=True)
    shutil.copy(CUSTOM / "_publications" / "README.md", folder)
    before = snapshot(site)
    assert main(["import", "academicpages", str(folder.parent), "--site", str(site)]) == 1
    assert "no publication page here" in capsys.readouterr().err
    assert snapshot(site) == before
