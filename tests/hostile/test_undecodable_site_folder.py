"""A site in a folder whose name is not UTF-8 builds, and builds again (found by fuzzing)."""

from __future__ import annotations

import os
from pathlib import Path

from tests.hostile.harness import run_build, write_site

SITE = {
    "site.yaml": "title: T\nbase_url: /\nmain_author: ada\n",
    "content/authors/ada.yaml": "name: Ada Lovelace\n",
    "content/papers/one.md": "---\ntitle: One\nauthors: [Ada Lovelace]\ndate: 2024-01-02\n---\nText.\n",
}


def test_a_site_in_a_folder_named_in_latin_1_builds_and_rebuilds(tmp_path: Path) -> None:
    """`Müller/` named on a Latin-1 system (byte 0xFC) reaches Python as a lone surrogate,
    which the build cache could not store: every build ended with a UnicodeEncodeError
    traceback. The cache is left out for such a site; the build goes on."""
    site = write_site(tmp_path / os.fsdecode(b"M\xfcller"), SITE)
    first = run_build(site)
    assert first.status == 0, first.stderr
    assert "One" in (first.out / "papers" / "one" / "index.html").read_text("utf-8")
    (site / "content/papers/one.md").write_text(
        "---\ntitle: One, edited\nauthors: [Ada Lovelace]\ndate: 2024-01-02\n---\nText.\n"
    )
    again = run_build(site)
    assert again.status == 0, again.stderr
    assert "One, edited" in (again.out / "papers" / "one" / "index.html").read_text("utf-8")
