"""A score written `-0.0` (or `-0`, as a spreadsheet may export a rounded negative) is 0.

It passed the range check (-0.0 is not below 0) and was shown as `-0` on the card, in the
profile's mean score, and in the card's `data-score`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.hostile.harness import run_build, write_site


@pytest.mark.parametrize("written", ["-0.0", "-0", "-0.00"])
def test_a_negative_zero_score_is_shown_as_zero(written: str, tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/papers/one.md": "---\ntitle: One\nauthors: [Ada Lovelace]\n"
            f"date: 2024-05-01\nscore: {written}\n---\nx\n",
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    for page in ("index.html", "papers/one/index.html", "cv/index.html"):
        text = (built.out / page).read_text()
        assert not re.search(r">\s*-0(?:\.0)?\s*<|\"-0(?:\.0)?\"", text), page
    profile = (built.out / "index.html").read_text()
    assert re.findall(r'data-score="([^"]*)"', profile) == ["0.0"]
    assert re.findall(r'class="score"[^>]*>([^<]*)<', profile) == ["0"]
