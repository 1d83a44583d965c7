"""A build cache that came with the site is never run or published.

The cache sits in the site folder (``.authorsite-cache/``), and a pull request can add
files there as easily as a record. Its compiled templates are loaded with pickle and
run; its rendered Markdown is published as it is. One made elsewhere must be emptied:
it is keyed by a stamp made from a secret of the user who wrote it (``trust``).
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from jinja2.bccache import bc_magic

from tests.conftest import REPO
from tests.hostile.harness import write_site

SITE = {
    "site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
    "content/authors/ada.yaml": "name: Ada Lovelace\n",
    "content/papers/one.md": "---\ntitle: On Engines\nauthors: [Ada Lovelace]\ndate: 2024\n"
    "---\nThe engine weaves patterns.\n",
}


class _Opens:
    """Unpickled, it opens (creates) a file: proof that the cache's pickle was loaded."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.path), "w"))


def build_as(user_cache: Path, site: Path, out: Path) -> None:
    """``authorsite build`` by a user whose own cache folder is ``user_cache``."""
    env = {**os.environ, "XDG_CACHE_HOME": str(user_cache)}
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site", str(site), "--out", str(out)],
        env=env, cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr


def poison(site: Path, marker: Path) -> None:
    """Turn the site's cache into an attacker's: templates that run code, a script."""
    cache = site / ".authorsite-cache"
    compiled = sorted(cache.glob("templates-*/*.cache"))
    assert compiled
    for path in compiled:
        path.write_bytes(bc_magic + pickle.dumps(_Opens(marker)))
    with closing(sqlite3.connect(cache / "cache.sqlite")) as db, db:
        changed = db.execute("UPDATE markup SET html = '<script>alert(1)</script>'").rowcount
    assert changed


def test_a_cache_made_by_someone_else_is_emptied_not_run(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", SITE)
    marker = tmp_path / "ran"
    # The attacker builds the site, then edits their cache and commits it with the site.
    build_as(tmp_path / "attacker", site, tmp_path / "out-attacker")
    poison(site, marker)
    # The poison works where the cache is trusted: its maker's next build runs and shows it.
    build_as(tmp_path / "attacker", site, tmp_path / "out-again")
    assert marker.exists()
    assert "<script>" in (tmp_path / "out-again/papers/one/index.html").read_text("utf-8")
    marker.unlink()
    poison(site, marker)  # that build compiled the templates again: poisoned once more
    # Anyone else's build (the site's owner, a CI runner) empties it first.
    build_as(tmp_path / "owner", site, tmp_path / "out-owner")
    assert not marker.exists()
    page = (tmp_path / "out-owner/papers/one/index.html").read_text("utf-8")
    assert "<script>alert" not in page and "The engine weaves patterns." in page


def test_a_serve_preview_made_by_someone_else_is_emptied(tmp_path: Path) -> None:
    from generator.serve import _owned
    from generator.trust import stamp

    folder = tmp_path / ".authorsite-cache" / "serve"
    (folder / "site").mkdir(parents=True)
    (folder / "site" / "index.html").write_text("<script>alert(1)</script>")
    (folder / "owner").write_text("0" * 32)  # another user's stamp
    _owned(folder)
    assert not (folder / "site").exists()
    assert (folder / "owner").read_text() == stamp()
    (folder / "site").mkdir()
    (folder / "site" / "index.html").write_text("<p>own preview</p>")
    _owned(folder)  # this user's: kept for the next start
    assert (folder / "site" / "index.html").read_text() == "<p>own preview</p>"


def test_a_cache_database_linked_to_another_programs_is_not_touched(tmp_path: Path) -> None:
    """`cache.sqlite -> ~/.config/…/History`: emptying the cache would empty its `meta`."""
    other = tmp_path / "History"
    with closing(sqlite3.connect(other)) as db, db:
        db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")
        db.execute("INSERT INTO meta VALUES ('version', '42')")
    site = write_site(tmp_path / "site", SITE)
    cache = site / ".authorsite-cache"
    cache.mkdir()
    (cache / "cache.sqlite").symlink_to(other)
    build_as(tmp_path / "owner", site, tmp_path / "out")
    with closing(sqlite3.connect(other)) as db, db:
        assert db.execute("SELECT * FROM meta").fetchall() == [("version", "42")]
        tables = {
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    assert tables == {"meta"}  # none of the cache's tables were made there
    assert "The engine weaves patterns." in (tmp_path / "out/index.html").read_text("utf-8")


def test_a_cache_folder_linked_elsewhere_is_not_used(tmp_path: Path) -> None:
    """`.authorsite-cache -> ~`: nothing is written or removed there."""
    elsewhere = tmp_path / "home"
    (elsewhere / "templates-keep").mkdir(parents=True)
    site = write_site(tmp_path / "site", SITE)
    (site / ".authorsite-cache").symlink_to(elsewhere)
    build_as(tmp_path / "owner", site, tmp_path / "out")
    assert [p.name for p in elsewhere.iterdir()] == ["templates-keep"]
    assert (tmp_path / "out/index.html").exists()


def test_a_damaged_key_is_made_again_not_left_to_make_every_build_cold(tmp_path: Path) -> None:
    """A key file of the wrong length (cut short, or written by hand) was refused in every
    process, each of which then keyed its cache with a secret of its own: every build was a
    cold one, without a word. It is replaced, and the processes after agree on the new key."""
    from generator.trust import KEY_BYTES, _read_or_create

    key = tmp_path / "authorsite" / "cache-key"
    key.parent.mkdir()
    key.write_bytes(b"cut")
    made = _read_or_create(key)
    assert len(made) == KEY_BYTES and key.read_bytes() == made
    assert _read_or_create(key) == made
    assert oct(key.stat().st_mode & 0o777) == "0o600"
