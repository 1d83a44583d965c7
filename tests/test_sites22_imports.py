"""Real researchers' sites moved to authorsite with the profile importers (round 22).

Each folder under tests/fixtures/profile/ is trimmed from a public repository, named in
its files; emails are replaced.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_import_profile import PROFILES, author, built_profile, fresh, imported, words

AT_HANDLE = PROFILES / "alfolio-at-handle"


def test_an_unquoted_at_handle_says_how_to_quote_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """AdrienTaylor.github.io's `x_username: @TaylorAdrien`: YAML refuses a value that
    begins with `@`, and the note said only "found character that cannot start any
    token", which tells a researcher nothing about the fix."""
    site = fresh(tmp_path)
    status, out, _ = imported("alfolio", AT_HANDLE, site, capsys)
    assert status == 0  # the papers come across; the profile waits for the fix
    assert (
        "_config.yml:10: YAML syntax error: found character that cannot start any token; "
        "YAML does not let a value begin with `@`: put it in quotes "
        "(`x_username: '@TaylorAdrien'`); the profile was not imported"
    ) in out


def test_the_owner_s_spelling_in_the_papers_is_named_against_the_filled_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The name the profile fills (`Adrien Taylor`, over init's `Your Name`) was not the
    one the papers' spellings were held against: `Adrien B. Taylor`, on every paper,
    went unnamed, and the built profile listed him as his own most frequent co-author."""
    folder = tmp_path / "old"
    shutil.copytree(AT_HANDLE, folder)
    config = folder / "_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("@TaylorAdrien", "'@TaylorAdrien'"),
        encoding="utf-8",
    )
    site = fresh(tmp_path)
    status, out, err = imported("alfolio", folder, site, capsys)
    assert status == 0, err
    assert author(site)["name"] == "Adrien Taylor"
    assert (
        "note: 'Adrien B. Taylor' (2 works) may be Adrien Taylor: if so, add it to aliases "
        "in content/authors/your-name.yaml, so that those papers show as theirs"
    ) in out
    # the note's advice taken, he is no co-author of his own
    path = site / "content" / "authors" / "your-name.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("aliases: []", "aliases: [Adrien B. Taylor]"),
        encoding="utf-8",
    )
    assert "Adrien B. Taylor 2" not in words(built_profile(site, capsys))
