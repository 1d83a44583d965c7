"""A co-author who is a site author links to their profile in a byline (profile cards, paper
pages, CVs), and a rebuild after an author is added, renamed or removed, or has aliases
changed, is the cold build byte for byte."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from posixpath import normpath

import pytest

from bench.synth import generate
from generator.build import build
from generator.reuse import Reuse
from tests.test_incremental import _authors, _papers, _tree, cold_of_these_inputs

_LAB = {
    "site.yaml": "title: Lab\nbuild_date: 2026-11-28\nmain_author: ada\nauthors_shown: 6\n",
    "content/authors/ada.yaml": "name: Ada Lovelace\nfield: CS\n",
    "content/authors/bob.yaml": "name: Bob Example\naliases: [B. Example]\nfield: CS\n",
    # two lab members who both sign `K. Wang`: that name is neither's link
    "content/authors/kai.yaml": "name: Kai Wang\naliases: [K. Wang]\nfield: CS\n",
    "content/authors/kim.yaml": "name: Kim Wang\naliases: [K. Wang]\nfield: CS\n",
    "content/authors/layla.yaml": "name: ليلى حداد\nfield: CS\n",
    "content/papers/joint.md": (
        "---\ntitle: Joint Work\n"
        "authors: [Ada Lovelace, Eve <b>Outsider</b>, B. Example, K. Wang, ليلى حداد]\n"
        "date: 2024-05-01\n---\nAn abstract.\n"
    ),
}


def _byline(html: str, slug: str) -> str:
    """The byline of the card ``paper-<slug>`` on a profile, or of a paper's page."""
    found = re.search(
        rf'id="paper-{slug}".*?<p class="authors">(.*?)</p>|<p class="authors full">(.*?)</p>',
        html,
        re.S,
    )
    assert found is not None
    return found.group(1) or found.group(2)


def _targets(page: Path, out: Path) -> list[str]:
    """The files the member links of ``page`` lead to, from the output's root."""
    text = page.read_text(encoding="utf-8")
    folder = page.parent.relative_to(out).as_posix()
    return [
        normpath(f"{folder}/{href}index.html")
        for href in re.findall(r'<a class="member" href="([^"]*)"', text)
    ]


def test_a_co_author_on_the_site_links_to_their_profile(make_site: Callable[..., Path]) -> None:
    site = make_site(_LAB)
    out = site / "output"
    build(site, out)

    bob = (out / "authors" / "bob" / "index.html").read_text(encoding="utf-8")
    assert _byline(bob, "joint") == (
        '<a class="member" href="../../">Ada Lovelace</a>, '  # the main author's is the root
        "Eve &lt;b&gt;Outsider&lt;/b&gt;, "  # no one's: as it was, escaped
        "<strong>B. Example</strong>, "  # the page's own: bold, no link to itself
        "K. Wang, "  # two members' name: neither's
        '<a class="member" href="../../authors/layla/"><bdi>ليلى حداد</bdi></a>'
    )
    root = (out / "index.html").read_text(encoding="utf-8")
    assert _byline(root, "joint").startswith(
        "<strong>Ada Lovelace</strong>, Eve &lt;b&gt;Outsider&lt;/b&gt;, "
        '<a class="member" href="./authors/bob/">B. Example</a>, K. Wang, '
    )
    paper = (out / "papers" / "joint" / "index.html").read_text(encoding="utf-8")
    assert _byline(paper, "joint") == (
        '<strong><a class="member" href="../../">Ada Lovelace</a></strong>, '
        "Eve &lt;b&gt;Outsider&lt;/b&gt;, "
        '<strong><a class="member" href="../../authors/bob/">B. Example</a></strong>, '
        "<strong>K. Wang</strong>, "
        '<strong><a class="member" href="../../authors/layla/"><bdi>ليلى حداد</bdi></a></strong>'
    )
    cv = (out / "authors" / "bob" / "cv" / "index.html").read_text(encoding="utf-8")
    assert '<a class="member" href="../../../">Ada Lovelace</a>' in cv
    feed = (out / "authors" / "bob" / "feed.xml").read_text(encoding="utf-8")
    assert "member" not in feed and "Ada Lovelace" in feed
    # Every link leads to the profile it names, from each page's depth
    for page in (
        out / "index.html",
        out / "authors/bob/index.html",
        out / "papers/joint/index.html",
    ):
        targets = _targets(page, out)
        assert targets and all((out / target).is_file() for target in targets), page
    assert set(_targets(out / "authors/kai/index.html", out)) == {
        "index.html",
        "authors/bob/index.html",
        "authors/layla/index.html",
    }


def _names_listed(site: Path, members: set[str]) -> list[str]:
    """Names on the site's papers that are no site author's, most listed first."""
    counts: Counter[str] = Counter()
    for path in _papers(site):
        block = re.search(r"^authors:\n((?:  - .*\n)+)", path.read_text(), re.M)
        assert block is not None
        counts.update(line[4:].strip() for line in block.group(1).splitlines())
    return [name for name, _ in counts.most_common() if name not in members]


def _member_names(site: Path) -> set[str]:
    return {
        re.search(r"^name: (.*)$", p.read_text(), re.M).group(1)  # type: ignore[union-attr]
        for p in _authors(site)
    }


def _linked_to(out: Path, slug: str, name: str = "") -> int:
    """How many member links of the profiles and paper pages lead to ``slug``'s profile
    (with the text ``name``)."""
    return sum(
        page.read_text(encoding="utf-8").count(f'authors/{slug}/">{name}')
        for page in [*out.glob("authors/*/index.html"), *out.glob("papers/*/index.html")]
    )


@pytest.mark.parametrize("kept", [False, True], ids=["command-line", "serve"])
def test_adding_renaming_removing_an_author_rebuilds_every_byline(
    tmp_path: Path, kept: bool
) -> None:
    """Each step changes bylines on pages that are not the author's own (their co-authors'
    profiles, CVs and paper pages): the rebuild is the cold build, byte for byte."""
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=40, authors=5, seed=11)
    memory = Reuse() if kept else None
    build(site, out, memory=memory)
    authors = site / "content" / "authors"
    first, second, third = _names_listed(site, _member_names(site))[:3]

    def step(what: str) -> None:
        build(site, out, memory=memory)
        assert _tree(out) == cold_of_these_inputs(site, tmp_path / f"cold-{what}"), f"after {what}"

    (authors / "newcomer.yaml").write_text(f"name: {first}\nfield: CS\n")
    step("adding an author")
    assert _linked_to(out, "newcomer") > 0

    (authors / "newcomer.yaml").write_text(f"name: {second}\nfield: CS\n")
    step("renaming an author")
    assert _linked_to(out, "newcomer") > 0
    assert _linked_to(out, "newcomer", f"{first}<") == 0

    (authors / "newcomer.yaml").write_text(f"name: {second}\naliases: [{first}]\nfield: CS\n")
    step("adding an alias")
    linked = _linked_to(out, "newcomer")

    (authors / "newcomer.yaml").write_text(f"name: {second}\naliases: [{third}]\nfield: CS\n")
    step("changing an alias")
    assert _linked_to(out, "newcomer") != linked

    # Another author who signs as the newcomer's name: it is neither's link any more
    other = next(p for p in _authors(site) if "aliases:" not in p.read_text())
    other.write_text(other.read_text() + f"aliases: [{second}]\n")
    step("an alias two authors share")

    (authors / "newcomer.yaml").unlink()
    step("removing an author")
    assert _linked_to(out, "newcomer") == 0
