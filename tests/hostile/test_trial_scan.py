"""A link back to a folder that holds it, in a folder the build watches: walked once.

``static/again -> .`` or ``static/up -> ..`` was followed into itself about 40 levels
deep (until the system stops resolving links) by the scan that every build starts with:
a build with nothing to do took seconds instead of milliseconds on a 3,000-page site.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator import cache
from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n",
        "content/papers/one.md": "---\ntitle: A Paper\nauthors: [Ada Lovelace]\n"
                                 "date: 2024-05-01\n---\nAbstract.\n",
        "static/extra.css": "p { color: teal; }\n"}  # fmt: skip


def test_a_link_to_the_folder_itself_is_not_walked_again(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", SITE)
    os.symlink(".", site / "static" / "again")
    found = cache.scan([site / "static"])
    # the link is named (an input that comes or goes), not entered
    assert found.keys() == {str(site / "static" / "extra.css"), str(site / "static" / "again")}
    assert found[str(site / "static" / "again")] == cache.UNSTATTED


def test_a_link_to_a_folder_above_is_walked_once_not_into_itself(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", SITE)
    os.symlink("..", site / "static" / "up")
    found = cache.scan([site / "static"])
    up = site / "static" / "up"
    assert str(up / "content" / "papers" / "one.md") in found
    assert [path for path in found if path.startswith(str(up / "static"))] == [str(up / "static")]
    assert found[str(up / "static")] == cache.UNSTATTED  # named, not entered


def test_a_site_with_such_a_link_builds_and_says_it_is_skipped(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", SITE)
    os.symlink("..", site / "static" / "up")
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert "static/up: symbolic link skipped; copy the folder into static/ instead" in built.stderr
    assert (built.out / "static" / "extra.css").is_file()
    assert not (built.out / "static" / "up").exists()
