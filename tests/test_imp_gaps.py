"""Import gaps: names, abstracts, kinds of work and files as researchers' tools write them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_import_profile import PROFILES, author, fresh, imported


@pytest.mark.parametrize("written", ["Smith, M. S.", "Lee, M.D.", "Gyorgypal, M. A."])
def test_a_family_name_and_initials_keep_the_initials(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    """A profile's name written family name first, then initials, as a citation writes it:
    the initials were read as a degree (M.S., M.D., M.A.), the record's name became the
    family name alone ("Smith"), which matches none of the owner's papers."""
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / "academicpages-retitled-sample", folder)
    config = folder / "_config.yml"
    text = config.read_text(encoding="utf-8").replace("   _pages", "#   _pages")
    config.write_text(text.replace('"Aron Gyorgypal, PhD"', f'"{written}"'), encoding="utf-8")
    site = fresh(tmp_path)
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0, err
    assert author(site)["name"] == written
    assert "left out of the name" not in err


def test_a_full_name_s_degree_is_still_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / "academicpages-retitled-sample", folder)
    config = folder / "_config.yml"
    text = config.read_text(encoding="utf-8").replace("   _pages", "#   _pages")
    config.write_text(text.replace('"Aron Gyorgypal, PhD"', '"Aron Gyorgypal, M. S."'), "utf-8")
    site = fresh(tmp_path)
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0, err
    assert author(site)["name"] == "Aron Gyorgypal"
    assert "'M. S.' left out of the name" in err
