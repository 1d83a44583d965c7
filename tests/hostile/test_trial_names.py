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
