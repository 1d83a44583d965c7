"""A no-change rebuild's checks: stats relative to an open folder see what stats by path see.

The inputs and ``output/`` are statted relative to their open folders where the system
can (see ``write._stat_base`` and ``cache._walk_files``). Each kind of change a rebuild
must notice is made here, and both ways must find the same.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import cache as cachelib
from generator import state, write
from generator.write import added_entries, changed_files, snapshot

RELS = ["index.html", "feed.xml", "papers/a/index.html", "papers/a/cite.bib", "papers/b/index.html"]


def _site_out(root: Path) -> tuple[Path, dict[str, list[int]], dict[str, int]]:
    out = root / "out"
    for rel in RELS:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(f"page {rel}")
    files, folders = snapshot(out, RELS)
    return out, files, folders


def _later(path: Path) -> None:
    """Move ``path``'s time on (as an edit a moment later would)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


def _same_size_edit(out: Path) -> None:
    page = out / "papers/a/index.html"
    page.write_text(page.read_text().replace("page", "PAGE"))
    _later(page)


OUTPUT_CHANGES: dict[str, Callable[[Path], None]] = {
    "nothing": lambda out: None,
    "same size edit": _same_size_edit,
    "touched": lambda out: _later(out / "feed.xml"),
    "deleted": lambda out: (out / "papers/b/index.html").unlink(),
    "stray at the top": lambda out: (out / "stray.html").write_text("x"),
    "stray in a page folder": lambda out: (out / "papers/a/notes.txt").write_text("x"),
    "stray folder": lambda out: (out / "papers/c").mkdir(),
    "folder removed": lambda out: [
        (out / "papers/b/index.html").unlink(),
        (out / "papers/b").rmdir(),
    ],
    "page made a folder": lambda out: [
        (out / "papers/a/cite.bib").unlink(),
        (out / "papers/a/cite.bib").mkdir(),
    ],
    "page made a link": lambda out: [
        (out / "index.html").unlink(),
        (out / "index.html").symlink_to("feed.xml"),
    ],
    "output gone": lambda out: os.rename(out, out.with_name("elsewhere")),
}


@pytest.mark.parametrize("change", OUTPUT_CHANGES)
def test_the_output_check_finds_what_stats_by_path_find(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    out, files, folders = _site_out(tmp_path)
    OUTPUT_CHANGES[change](out)
    found = changed_files(out, files), added_entries(out, files, folders)
    # as the child that checks a large site's files gets them: packed in the state
    packed = state.unpack_stats(state.pack_stats(files, "token"), "token")
    assert packed is not None
    assert changed_files(out, packed) == found[0]
    # and the folders' times as the state keeps them, read by this process
    times = state.unpack_folders(state.pack_folders(folders))
    assert times is not None
    assert added_entries(out, files, times) == found[1]
    monkeypatch.setattr(write, "_STAT_AT", False)
    by_path = changed_files(out, files), added_entries(out, files, folders)
    assert found == by_path
    assert (found == (set(), [])) == (change == "nothing")


def test_the_packed_output_stats_are_the_snapshot(tmp_path: Path) -> None:
    """What a state keeps of the output files is read back as the snapshot took it."""
    out, files, folders = _site_out(tmp_path)
    token = "the state's"

    def kept(stats: dict[str, list[int]]) -> dict[str, object]:
        return {"stats": state.pack_stats(stats, token), "token": token}

    assert state.output_stats(kept(files), None, out) == files
    assert state.output_stats(kept({}), None, out) == {}
    # another state's (or damaged): lost, never taken for an output folder with no files
    assert state.output_stats({**kept(files), "token": "another"}, None, out) is None
    assert state.output_stats({**kept(files), "stats": b"\0damaged"}, None, out) is None
    for kept in (folders, {"": 5}, {}):  # "" is the output folder itself
        times = state.unpack_folders(state.pack_folders(kept))
        assert times is not None
        assert state.output_folders({"folders": times}) == kept
    assert state.unpack_folders(b"\0damaged") is None


SIGNED = {"content/papers/a.md": (10, 1_000), "content/papers/b.md": (20, 2_000)}


@pytest.mark.parametrize(
    "other",
    [
        {"content/papers/a.md": (10, 1_000), "content/papers/c.md": (20, 2_000)},  # renamed
        {"content/papers/a.md": (11, 1_000), "content/papers/b.md": (20, 2_000)},  # edited
        {"content/papers/a.md": (10, 1_001), "content/papers/b.md": (20, 2_000)},  # touched
        {"content/papers/a.md": (20, 2_000), "content/papers/b.md": (10, 1_000)},  # swapped
        {"content/papers/a.md": (10, 1_000)},  # removed
        {**SIGNED, "content/papers/c.md": cachelib.UNSTATTED},  # a link to nothing added
        {"content/papers/a.md/": (10, 1_000), "content/papers/b.md": (20, 2_000)},
        {"content/papers/a.mdcontent/papers/b.md": (10, 1_000), "x": (20, 2_000)},
    ],
)
def test_the_signature_tells_every_name_size_and_time(other: dict[str, tuple[int, int]]) -> None:
    """The inputs' one hash: the same for the same names, sizes and times in the same
    order, another for any name, size or time changed, added or removed."""
    assert cachelib.signature(dict(SIGNED), "drafts=False") == cachelib.signature(
        SIGNED, "drafts=False"
    )
    assert cachelib.signature(other, "drafts=False") != cachelib.signature(SIGNED, "drafts=False")
    assert cachelib.signature(SIGNED, "drafts=True") != cachelib.signature(SIGNED, "drafts=False")


def _inputs(root: Path) -> Path:
    site = root / "site"
    for rel in ("site.yaml", "content/papers/a.md", "content/papers/b.md", "static/css/s.css"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(f"text of {rel}")
    return site


def _scan(site: Path) -> dict[str, tuple[int, int]]:
    return cachelib.scan([site / "site.yaml", site / "content", site / "static"])


INPUT_CHANGES: dict[str, Callable[[Path], None]] = {
    "nothing": lambda site: None,
    "same size edit": lambda site: [
        (site / "content/papers/a.md").write_text("TEXT of content/papers/a.md"),
        _later(site / "content/papers/a.md"),
    ],
    "touched": lambda site: _later(site / "static/css/s.css"),
    "added": lambda site: (site / "content/papers/c.md").write_text("new"),
    "removed": lambda site: (site / "content/papers/b.md").unlink(),
    "file in a new folder": lambda site: [
        (site / "static/img").mkdir(),
        (site / "static/img/x.png").write_bytes(b"png"),
    ],
    "link to a folder": lambda site: (site / "static/more").symlink_to(site / "content"),
    "link to nothing": lambda site: (site / "content/papers/gone.md").symlink_to("nowhere.md"),
    "link in a loop": lambda site: (site / "static/up").symlink_to(".."),
    "link to a file": lambda site: (site / "static/a.md").symlink_to("../content/papers/a.md"),
}


@pytest.mark.parametrize("change", INPUT_CHANGES)
def test_the_input_scan_finds_what_stats_by_path_find(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    site = _inputs(tmp_path)
    before = _scan(site)
    INPUT_CHANGES[change](site)
    found = _scan(site)
    monkeypatch.setattr(cachelib, "_SCAN_AT", False)
    by_path = _scan(site)
    assert list(found.items()) == list(by_path.items())  # the same order: the same signature
    assert (found == before) == (change == "nothing")


@pytest.mark.parametrize("scan_at", [True, False])
def test_a_link_to_a_folder_outside_the_site_is_named_not_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scan_at: bool
) -> None:
    # A build reads nothing through such a link (it skips or refuses it); walked, a
    # `static/root -> /` had every build list the whole disk before it said so.
    site = _inputs(tmp_path)
    disk = tmp_path / "disk"
    (disk / "deep" / "er").mkdir(parents=True)
    (disk / "deep" / "er" / "secret.txt").write_text("x")
    (site / "static/root").symlink_to(disk, target_is_directory=True)
    (site / "static/more").symlink_to(site / "content", target_is_directory=True)
    roots = [site / "site.yaml", site / "content", site / "static"]
    monkeypatch.setattr(cachelib, "_SCAN_AT", scan_at and cachelib._SCAN_AT)
    found = cachelib.scan(roots, site)
    assert found[str(site / "static/root")] == cachelib.UNSTATTED  # its name, an input
    assert not [path for path in found if "secret" in path]
    assert str(site / "static/more/papers/a.md") in found  # a link inside: walked
