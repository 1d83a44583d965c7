"""Record file names that end in a dot or a space: named as unread, never left out silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n"}  # fmt: skip
PAPER = "---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n---\nAbstract.\n"


@pytest.mark.parametrize(
    ("name", "wanted"),
    [
        ("content/papers/one.md.", "papers are .md, .yaml or .yml files; rename it to one.md"),
        ("content/papers/one.md ", "papers are .md, .yaml or .yml files; rename it to one.md"),
        (
            "content/papers/one.markdown. ",
            "papers are .md, .yaml or .yml files; rename it to one.md",
        ),
        ("content/authors/bob.yaml.", "authors are .yaml or .yml files; rename it to bob.yaml"),
    ],
)
def test_a_record_name_with_a_trailing_dot_or_space_is_a_located_problem(
    name: str, wanted: str, tmp_path: Path
) -> None:
    """Windows drops a trailing dot or space from a name; here it hid the record."""
    text = "name: Bob\n" if "authors" in name else PAPER
    site = write_site(tmp_path / "site", {**SITE, name: text})
    built = run_build(site)
    assert built.status == 1, built.stderr
    [problem] = built.problems()
    assert (problem["path"], problem["message"]) == (name, f"is not read: {wanted}")
    assert not built.out.exists()


def test_a_photo_that_climbs_out_of_the_site_is_told_where_to_put_it(tmp_path: Path) -> None:
    """`photo: ../../me.jpg` was told to become `static/../../me.jpg`, as broken as before."""
    author = "name: Ada Lovelace\nphoto: ../../pictures/me.jpg\n"
    files = {**SITE, "content/authors/ada.yaml": author, "content/papers/one.md": PAPER}
    site = write_site(tmp_path / "site", files)
    built = run_build(site)
    assert built.status == 0, built.stderr
    # (a slow machine also shows progress lines)
    assert [line for line in built.stderr.splitlines() if "ada.yaml" in line] == [
        "content/authors/ada.yaml:2: `photo` `../../pictures/me.jpg` leads to nothing the site "
        "holds; a link cannot leave the site with `..`; put the file in static/ and write "
        "`static/me.jpg`"
    ]
