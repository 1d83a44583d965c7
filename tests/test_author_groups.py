"""A lab's authors page: its members under their groups' headings ("Faculty", "PhD
students"), in the order site.yaml names the groups, each list in the authors' `order:`;
and a Hugo Blox lab's People page brought across so."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build
from generator.cli import main
from tests.test_narrow_views import _rendered, _tree

HUGO_LAB = Path(__file__).parent / "fixtures" / "ingest" / "hugolab" / "spmlab"

PAPER = """\
---
title: A paper of the lab
authors: [Zoe Adams, Amy Brown, Carl Dunn, Bea Evans, Al Alumnus, Guest Person]
date: 2024-01-02
---
An abstract.
"""


def _lab(make_site: Callable[[dict[str, str | bytes]], Path], groups: str = "") -> Path:
    return make_site(
        {
            "site.yaml": f"title: Vision Lab\nbuild_date: 2026-11-28\n{groups}",
            "content/authors/zoe.yaml": "name: Zoe Adams\ngroup: Faculty\n",
            "content/authors/amy.yaml": "name: Amy Brown\ngroup: PhD students\norder: 2\n",
            "content/authors/carl.yaml": "name: Carl Dunn\ngroup: PhD students\norder: 1\n",
            "content/authors/bea.yaml": "name: Bea Evans\ngroup: PhD students\n",
            "content/authors/al.yaml": "name: Al Alumnus\ngroup: Alumni\n",
            "content/authors/guest.yaml": "name: Guest Person\n",
            "content/papers/p.md": PAPER,
        }
    )


def _listed(page: str) -> list[str]:
    """The authors page as read: each group heading, and each author's name under it."""
    main = page.partition('<main id="main">')[2].partition("</main>")[0]
    return [
        f"## {heading}" if heading else name
        for heading, name in re.findall(r"<h3>(.*?)</h3>|<li><a [^>]*>(.*?)</a>", main)
    ]


def test_groups_are_headings_in_the_order_site_yaml_names_them(
    make_site: Callable[[dict[str, str | bytes]], Path],
) -> None:
    site = _lab(make_site, "author_groups: [Faculty, PhD students]\n")
    build(site)
    page = (site / "output" / "authors" / "index.html").read_text()
    assert _listed(page) == [
        "Guest Person",  # of no group: first, under the count's heading
        "## Faculty",
        "Zoe Adams",
        "## PhD students",
        "Carl Dunn",  # order: 1
        "Amy Brown",  # order: 2
        "Bea Evans",  # no order: after the numbered ones
        "## Alumni",  # not named in site.yaml: after those named
        "Al Alumnus",
    ]


def test_without_author_groups_the_groups_come_a_to_z(
    make_site: Callable[[dict[str, str | bytes]], Path],
) -> None:
    site = _lab(make_site)
    build(site)
    headings = [
        line
        for line in _listed((site / "output" / "authors" / "index.html").read_text())
        if line.startswith("## ")
    ]
    assert headings == ["## Alumni", "## Faculty", "## PhD students"]


def test_a_site_without_groups_is_one_list_a_to_z(
    make_site: Callable[[dict[str, str | bytes]], Path],
) -> None:
    site = make_site(
        {
            "content/authors/zoe.yaml": "name: Zoe Adams\n",
            "content/authors/amy.yaml": "name: Amy Brown\n",
            "content/authors/carl.yaml": "name: Carl Dunn\norder: 1\n",
            "content/papers/p.md": PAPER,
        }
    )
    build(site)
    page = (site / "output" / "authors" / "index.html").read_text()
    assert "<h3>" not in page
    assert _listed(page) == ["Carl Dunn", "Amy Brown", "Zoe Adams"]
    assert page.count('<ul class="author-list">') == 1


def test_a_group_named_by_no_author_and_a_near_miss_are_warned_of(
    make_site: Callable[[dict[str, str | bytes]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = _lab(make_site, "author_groups: [Faculty, PhD students, Postdocs]\n")
    (site / "content/authors/bea.yaml").write_text("name: Bea Evans\ngroup: PhD student\n")
    assert main(["build", "--site", str(site)]) == 0
    err = capsys.readouterr().err
    assert "site.yaml:3: `author_groups` names `Postdocs`, the group of no author" in err
    assert (
        "content/authors/bea.yaml:2: `group: PhD student` is not `PhD students` of "
        "site.yaml's `author_groups`" in err
    )
    assert "write `group: PhD students`" in err


def test_an_order_that_is_no_number_and_hugo_s_names_are_told(
    make_site: Callable[[dict[str, str | bytes]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = _lab(make_site)
    (site / "content/authors/amy.yaml").write_text("name: Amy Brown\norder: first\n")
    (site / "content/authors/carl.yaml").write_text("name: Carl Dunn\nweight: 3\n")
    (site / "content/authors/zoe.yaml").write_text("name: Zoe Adams\nuser_groups: [Faculty]\n")
    (site / "site.yaml").write_text("title: Lab\nauthor_groups: Faculty and students\n")
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "content/authors/amy.yaml:2: `order` must be a number" in err
    assert "lower comes first" in err
    assert "content/authors/carl.yaml:2:" in err and "as `order:`" in err
    assert "content/authors/zoe.yaml:2:" in err and "as `group:`" in err
    assert "Traceback" not in err
    assert not (site / "output").exists()


def test_moving_an_author_to_another_group_rebuilds_the_list_as_a_cold_build(
    make_site: Callable[[dict[str, str | bytes]], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = _lab(make_site, "author_groups: [Faculty, PhD students]\n")
    build(site)
    rendered = _rendered(monkeypatch)
    (site / "content/authors/al.yaml").write_text("name: Al Alumnus\ngroup: Faculty\norder: 0\n")
    build(site)
    assert "authors/index.html" in rendered
    page = (site / "output" / "authors" / "index.html").read_text()
    assert _listed(page)[1:4] == ["## Faculty", "Al Alumnus", "Zoe Adams"]
    cold = tmp_path / "cold"
    build(site, cold, use_cache=False)
    assert _tree(site / "output") == _tree(cold)
    # An abstract edit still leaves the list alone (it shows no abstract)
    rendered.clear()
    paper = site / "content/papers/p.md"
    paper.write_text(paper.read_text().replace("An abstract.", "Another abstract."))
    build(site)
    assert "papers/p/index.html" in rendered
    assert "authors/index.html" not in rendered


def test_a_hugo_lab_s_people_come_with_their_groups_and_places(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = shutil.copytree(HUGO_LAB, tmp_path / "old")
    page = old / "content/authors/majidi/_index.md"
    page.write_text(page.read_text().replace("user_groups:", "weight: 2\nuser_groups:", 1))
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    assert main(["import", "hugo", str(old), "--site", str(site)]) == 0
    said = capsys.readouterr()
    out = said.out + said.err
    majidi = (site / "content/authors/majidi.yaml").read_text()
    assert "group: Lab Advisors\n" in majidi
    assert "order: 2\n" in majidi
    assert "group: Principal Investigators\n" in (site / "content/authors/mahmoud.yaml").read_text()
    assert "filled  group  (from content/authors/majidi/_index.md user_groups)" in out
    assert "add to site.yaml `author_groups: [Principal Investigators, Lab Advisors]`" in out
    # a new member's links are each said with where they came from
    assert "links.scholar: https://scholar.google.com/" in out
    assert "links  (from )" not in out
    (site / "site.yaml").write_text(
        (site / "site.yaml").read_text()
        + "author_groups: [Principal Investigators, Lab Advisors]\n"
    )
    assert main(["build", "--site", str(site)]) == 0
    listed = _listed((site / "output/authors/index.html").read_text())
    assert listed.index("## Principal Investigators") < listed.index("## Lab Advisors")
