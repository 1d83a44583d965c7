"""``authorsite init --name`` with a name YAML would read as syntax: a site that builds."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.cli import main
from tests.hostile.harness import parse_html, run_build


@pytest.mark.parametrize(
    "name", ['O\'Brien: "Jr" # x', "Ada #1", "- Ada", "| Ada", "&a *b", "!Ada", "'Ada'"]
)
def test_init_with_any_name_makes_a_site_that_builds(name: str, tmp_path: Path) -> None:
    """site.yaml's `description` held the name unquoted: `O'Brien: Jr` made a YAML error,
    and `Ada #1` lost its `#1` to a comment."""
    site = tmp_path / "site"
    assert main(["init", str(site), "--name", name]) == 0
    built = run_build(site)
    assert built.status == 0, built.stderr
    feed = (built.out / "feed.xml").read_bytes()
    page = parse_html((built.out / "index.html").read_text(encoding="utf-8"))
    assert name in page.all_text()
    subtitle = ET.fromstring(feed).find("{http://www.w3.org/2005/Atom}subtitle")
    assert subtitle is not None and subtitle.text == f"Publications of {name}"  # all of it
