"""Symbolic links in a loop (``a -> a``, ``a -> b -> a``) anywhere a build looks: located.

Such a link is easily made by mistake (``ln -s output output`` run twice, a copy of a
folder with relative links) and cannot be followed; each is named, never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n",
        "content/papers/one.md": "---\ntitle: A Paper\nauthors: [Ada Lovelace]\n"
                                 "date: 2024-05-01\n---\nAbstract.\n"}  # fmt: skip
LOOP = "is a symbolic link in a loop (it leads back to itself); remove it"


@pytest.mark.parametrize(
    "links",
    [
        ["content/papers/two.md"],
        ["content/authors/bob.yaml"],
        ["content/papers/two.md", "content/authors/bob.yaml"],
        ["templates"],
        ["templates/paper.html"],
        ["themes/default/templates/paper.html"],
    ],
)
def test_a_link_in_a_loop_is_a_located_problem(links: list[str], tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", SITE)
    for link in links:
        (site / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(Path(link).name, site / link)  # a link to itself
    built = run_build(site)
    assert built.status == 1, built.stderr
    assert sorted((p["path"], p["message"]) for p in built.problems()) == sorted(
        (link, LOOP) for link in links
    )
    assert not built.out.exists()


def test_a_link_in_a_loop_not_named_as_a_record_is_left_alone_as_other_files_are(
    tmp_path: Path,
) -> None:
    """`content/papers/loop -> loop` ended the build at the first one, with the bare
    `content/papers/loop: Too many levels of symbolic links` and no other problem said.
    Named as a record in another ending (`old.markdown`), it is the loop it is."""
    site = write_site(tmp_path / "site", SITE)
    for link in ("content/papers/loop", "content/authors/self", "content/pages/x"):
        (site / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(Path(link).name, site / link)
    assert run_build(site).status == 0
    for link in ("content/papers/old.markdown", "content/papers/two.md"):
        os.symlink(Path(link).name, site / link)
    built = run_build(site)
    assert built.status == 1, built.stderr
    assert sorted((p["path"], p["message"]) for p in built.problems()) == [
        ("content/papers/old.markdown", LOOP),
        ("content/papers/two.md", LOOP),
    ]


@pytest.mark.parametrize("out", ["output", "output/site"])
def test_an_output_folder_behind_a_link_in_a_loop_is_a_usage_error(
    out: str, tmp_path: Path
) -> None:
    site = write_site(tmp_path / "site", SITE)
    os.symlink("elsewhere", site / "output")
    os.symlink("output", site / "elsewhere")  # output -> elsewhere -> output
    built = run_build(site, out=site / out)
    assert built.status == 2, built.stderr
    assert built.stderr.strip() == (
        f"--out {site / out}: leads through a symbolic link in a loop (one that leads back "
        "to itself); remove it or choose another folder"
    )


def test_records_that_are_no_plain_files_are_located_problems(tmp_path: Path) -> None:
    """A pipe, a folder or a dangling link named like a record was silently left out."""
    site = write_site(tmp_path / "site", SITE)
    papers = site / "content" / "papers"
    os.mkfifo(papers / "pipe.md")
    (papers / "2024.md").mkdir()
    os.symlink("gone.md", papers / "moved.md")
    os.symlink(tmp_path / "nowhere.md", papers / "far.md")  # was "a file outside the site"
    os.symlink("gone.yaml", site / "content" / "authors" / "bob.yaml")
    built = run_build(site)
    assert built.status == 1, built.stderr
    assert sorted((p["path"], p["message"]) for p in built.problems()) == [
        (
            "content/authors/bob.yaml",
            "is a symbolic link to nothing; remove it or copy the file in",
        ),
        ("content/papers/2024.md", "is a folder, not a record file; rename it or move it away"),
        ("content/papers/far.md", "is a symbolic link to nothing; remove it or copy the file in"),
        ("content/papers/moved.md", "is a symbolic link to nothing; remove it or copy the file in"),
        ("content/papers/pipe.md", "is not a plain file (a pipe, socket or device); remove it"),
    ]
    assert not built.out.exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda site, out: os.symlink("site.yaml", site / "site.yaml"), LOOP),
        (
            lambda site, out: os.symlink(out / "secret.yaml", site / "site.yaml"),
            "is a symbolic link to a file outside the site folder; copy the file in instead",
        ),
        (
            lambda site, out: os.mkfifo(site / "site.yaml"),
            "is not a plain file (a pipe, socket or device); remove it",
        ),
        (  # said as `cannot be read: Is a directory`, the system's words, with no fix
            lambda site, out: (site / "site.yaml").mkdir(),
            "is a folder, not a file; move it away (or rename it) and write site.yaml as a file",
        ),
    ],
    ids=["loop", "outside", "pipe", "folder"],
)
def test_a_site_yaml_that_is_no_file_of_the_site_is_a_located_problem(
    make: Callable[[Path, Path], None], message: str, tmp_path: Path
) -> None:
    """A loop built with every default; a link out was read (and its lines quoted in a
    message); a pipe made the build wait forever."""
    site = write_site(tmp_path / "site", {k: v for k, v in SITE.items() if k != "site.yaml"})
    # Not YAML: a failed parse would quote its lines.
    (tmp_path / "secret.yaml").write_text("aws_secret_access_key: abc: def\n")
    make(site, tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site", str(site)],
        capture_output=True,
        text=True,
        timeout=60,  # a pipe read would never end
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines()[0] == f"site.yaml: {message}"
    assert "abc" not in done.stderr
    assert not (site / "output").exists()
