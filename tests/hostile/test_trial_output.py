"""Output folders a user may name by mistake: refused before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n",
        "content/papers/one.md": "---\ntitle: A Paper\nauthors: [Ada Lovelace]\n"
                                 "date: 2024-05-01\n---\nAbstract.\n"}  # fmt: skip


@pytest.mark.parametrize("out", [".authorsite-cache", ".authorsite-cache/site"])
def test_the_build_cache_is_no_output_folder(out: str, tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", SITE)
    assert run_build(site).status == 0  # the cache now exists and holds the last build's work
    cache = {p: p.read_bytes() for p in (site / ".authorsite-cache").rglob("*") if p.is_file()}
    assert cache
    built = run_build(site, out=site / out)
    assert built.status == 2
    assert "refusing to build into the build cache folder (.authorsite-cache/)" in built.stderr
    # Deleting the cache is always safe (SPEC): it never holds the site, nor loses itself to it.
    after = {p: p.read_bytes() for p in (site / ".authorsite-cache").rglob("*") if p.is_file()}
    assert after == cache
