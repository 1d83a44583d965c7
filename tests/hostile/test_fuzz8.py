"""Hostile and odd input against the last rounds' lab groups, base_url rules, Hugo imports
and build cache (fuzz8), through the real `authorsite build` and `authorsite import`.
"""

from __future__ import annotations

from pathlib import Path

from generator import cache as cachelib
from generator.model import Paper
from tests.hostile.harness import run_build, write_site

SITE = {
    "site.yaml": "title: Lab\nbase_url: /\nbuild_date: 2026-11-28\n",
    "content/authors/ada.yaml": "name: Ada Lovelace\n",
    "content/papers/p.md": "---\ntitle: A paper\nauthors: [Ada Lovelace]\ndate: 2024\n---\nBody.\n",
}


def _pages(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_a_damaged_cache_database_is_made_again_not_a_traceback(tmp_path: Path) -> None:
    # One byte of the database's schema gone bad (a disk error, a copy cut short): SQLite's
    # message holds it, Python could not decode it, and every build of the site ended in
    # a UnicodeDecodeError traceback until the user found and deleted the cache.
    site = write_site(tmp_path / "site", SITE)
    first = run_build(site)
    assert first.status == 0, first.stderr
    built = _pages(first.out)
    database = site / cachelib.CACHE_DIRNAME / "cache.sqlite"
    data = database.read_bytes()
    at = data.index(b"sqlite_autoindex_records_1") + 5
    database.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    paper = site / "content/papers/p.md"
    paper.write_text(paper.read_text("utf-8").replace("Body.", "Body, edited."), "utf-8")
    again = run_build(site)
    assert again.status == 0, again.stderr
    assert "Traceback" not in again.stderr
    assert _pages(again.out)["papers/p/index.html"] != built["papers/p/index.html"]
    # made again: the next build has its cache back, where it went on without one each time
    cache = cachelib.BuildCache(site)
    try:
        assert cache.db is not None
        assert cache.state(again.out.absolute()) is not None
    finally:
        cache.close()


def test_a_cached_record_of_no_shape_is_a_miss() -> None:
    # A record's first value is the name of its shape; one that is no text (a row written
    # by other code) raised AttributeError out of the build, where a miss was meant.
    import marshal

    assert cachelib.decode_record(marshal.dumps((1, (), ())), {"Paper": Paper}) is None
