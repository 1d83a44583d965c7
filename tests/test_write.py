"""The writer: contained paths, atomic replacement, files users keep."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.write import MARKER, safe_relpath, write_site


@pytest.mark.parametrize(
    "rel", ["../x", "/etc/passwd", "a/../../b", "a\\b", "a\x00b", "con/index.html", "x" * 300, ""]
)
def test_unsafe_paths_are_refused(rel: str) -> None:
    with pytest.raises(ValueError):
        safe_relpath(rel)


def test_first_build_and_replacement(tmp_path: Path) -> None:
    out = tmp_path / "output"
    first = write_site(out, [("index.html", b"one"), ("a/b.html", b"b")], [])
    assert first.written == 2 and (out / MARKER).exists()
    second = write_site(out, [("index.html", b"two"), ("a/b.html", b"b")], [])
    assert (second.written, second.unchanged) == (1, 1)
    assert (out / "index.html").read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_two_pages_may_not_claim_one_path(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="two pages claim"):
        write_site(tmp_path / "out", [("x.html", b"1"), ("x.html", b"2")], [])
    assert not (tmp_path / "out").exists()
    assert list(tmp_path.iterdir()) == []
