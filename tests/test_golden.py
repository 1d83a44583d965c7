"""The sample site builds exactly as the reviewed golden copy (``make golden`` updates it)."""

from __future__ import annotations

from pathlib import Path

from tests.golden import GOLDEN, build_sample


def test_sample_site_matches_golden(tmp_path: Path, sample_source: Path) -> None:
    built = build_sample(sample_source, tmp_path / "out")
    golden = {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes()
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file()
    }
    assert sorted(built) == sorted(golden), "files differ; run `make golden` and review the diff"
    changed = [rel for rel in built if built[rel] != golden[rel]]
    assert changed == [], "run `make golden` and review `git diff tests/golden`"
