"""An `email` written so that address harvesters miss it (`ada [at] example [dot] org`, as
many researchers' pages do) is shown as text: a `mailto:` link to it opens an e-mail to
nobody."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.harness import Built, run_build, write_site

PAPER = "---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n---\nAbstract.\n"


def _built(tmp_path: Path, email: str) -> Built:
    files = {
        "site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": f"name: Ada Lovelace\nemail: {email}\n",
        "content/papers/one.md": PAPER,
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 0, built.stderr
    return built


@pytest.mark.parametrize(
    "email", ['"ada [at] example [dot] org"', "ada(at)example.org", '"ada @ example.org"']
)
def test_an_address_written_to_foil_harvesters_is_text_not_a_link(
    tmp_path: Path, email: str
) -> None:
    built = _built(tmp_path, email)
    shown = email.strip('"')
    for page in ("index.html", "cv/index.html"):
        assert not [u for u in built.pages()[page].urls() if u.startswith("mailto:")], page
        assert shown in built.pages()[page].all_text(), page


def test_a_plain_address_is_a_mailto_link(tmp_path: Path) -> None:
    built = _built(tmp_path, "ada@example.org")
    for page in ("index.html", "cv/index.html"):
        assert [u for u in built.pages()[page].urls() if u.startswith("mailto:")] == [
            "mailto:ada@example.org"
        ], page
