"""A site author's name written another way on hand-made records (`A. Vesely` for Anna
Vesely): the build says which alias would make those papers show as theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import new_site
from tests.test_trial_lab import lab_site


def paper(site: Path, slug: str, authors: str) -> None:
    (site / "content" / "papers" / f"{slug}.md").write_text(
        f"---\ntitle: Paper {slug}\nauthors: [{authors}]\ndate: 2024-01-01\n---\nText.\n",
        "utf-8",
    )


def build(site: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["build", "--site", str(site)]) == 0
    return capsys.readouterr().err


def test_an_initial_of_the_owner_is_said_once_with_the_alias_to_add(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two papers list `A. Vesely`, one `Anna Vesely`: the two showed the owner's name
    unbolded and as her own most frequent co-author, and the build said nothing."""
    site = new_site(tmp_path / "site", "Anna Vesely")
    paper(site, "a-first", "A. Vesely, Bob Stone")
    paper(site, "b-second", "Bob Stone, A. Vesely")
    paper(site, "c-third", "Anna Vesely, Bob Stone")
    record = next((site / "content" / "authors").glob("*.yaml")).relative_to(site).as_posix()
    err = build(site, capsys)
    assert (
        "content/papers/a-first.md:3: `A. Vesely` (and 1 more papers) may be Anna Vesely, "
        "whose record does not list that spelling, so the name shows as a co-author's and "
        f"not as theirs; if it is theirs, add `A. Vesely` to aliases in {record}; if it is "
        "someone else, write their name in full"
    ) in err
    assert err.count("may be Anna Vesely") == 1
    profile = (site / "output" / "index.html").read_text("utf-8")
    assert "A. Vesely" in profile.split("co-author", 1)[-1]  # what the warning is about
    # With the alias, the papers are hers by name: nothing more to say
    path = site / record
    path.write_text(path.read_text("utf-8").replace("aliases: []", "aliases: [A. Vesely]"), "utf-8")
    assert "may be" not in build(site, capsys)


def test_a_spelling_on_a_lab_site_is_said_and_two_that_fit_are_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a lab's site such a paper was nobody's. `J. Wang` fits Jing and Jun: no guess;
    nor for a paper that already names a member by a known name."""
    site = lab_site(
        tmp_path / "lab",
        {
            "frank-wood": "name: Frank Wood\n",
            "jing-wang": "name: Jing Wang\n",
            "jun-wang": "name: Jun Wang\n",
        },
    )
    paper(site, "one", "'Wood, F.', Carol Ames")
    paper(site, "two", "J. Wang, Carol Ames")
    paper(site, "three", "Frank Wood, J. Wang")
    err = build(site, capsys)
    assert "content/papers/one.md:3: `Wood, F.` may be Frank Wood" in err
    assert "J. Wang" not in err
    assert err.count("may be") == 1
    # Someone else (Fiona Wood), written in full as the warning says: nothing more to say
    paper(site, "one", "Fiona Wood, Carol Ames")
    assert "may be" not in build(site, capsys)


def test_check_says_the_build_s_warnings_whether_it_builds_or_reads_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` built the site into a folder of its own, or read an up-to-date output/,
    and said none of the build's warnings: a site checked before publishing looked clean."""
    site = new_site(tmp_path / "site", "Anna Vesely")
    paper(site, "a-first", "A. Vesely, Bob Stone")
    warning = "content/papers/a-first.md:3: `A. Vesely` may be Anna Vesely"
    capsys.readouterr()
    assert main(["check", "--site", str(site)]) == 0
    assert warning in capsys.readouterr().err
    build(site, capsys)
    assert main(["check", "--site", str(site)]) == 0
    out, err = capsys.readouterr()
    assert "is up to date with the site" in out
    assert warning in err
