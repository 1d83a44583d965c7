"""Reproducible builds: the same input gives the same bytes, wherever and whenever it is built."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def copy_site(dest: Path, *, reverse: bool = False, build_date: bool = True) -> Path:
    """A copy of the sample site; ``reverse`` creates its files in the opposite order."""
    (dest / "content" / "authors").mkdir(parents=True)
    (dest / "content" / "papers").mkdir()
    files = sorted((REPO / "content").rglob("*.*"), reverse=reverse)
    for path in files:
        shutil.copyfile(path, dest / "content" / path.relative_to(REPO / "content"))
    config = (REPO / "site.yaml").read_text()
    if not build_date:
        config = re.sub(r"(?m)^build_date:.*\n", "", config)
    (dest / "site.yaml").write_text(config)
    return dest


def build(site: Path, **env: str) -> dict[str, bytes]:
    """Build ``site`` in a fresh process with ``env`` added; every output file's bytes."""
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site", str(site)],
        env={**environ, "PYTHONPATH": str(REPO), **env},
        check=True,
        capture_output=True,
    )
    out = site / "output"
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_two_builds_in_different_places_are_byte_identical(tmp_path: Path) -> None:
    """Other folder, other file creation order, other hash seed, time zone and locale."""
    one = build(copy_site(tmp_path / "a" / "site"), PYTHONHASHSEED="1", TZ="UTC")
    two = build(
        copy_site(tmp_path / "elsewhere" / "other-name", reverse=True),
        PYTHONHASHSEED="4242",
        TZ="Pacific/Kiritimati",
        LC_ALL="C",
    )
    assert one.keys() == two.keys() and len(one) > 30
    assert [rel for rel in one if one[rel] != two[rel]] == []


def test_output_holds_no_path_of_the_building_machine(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "where-it-was-built")
    files = build(site)
    needles = [str(tmp_path).encode(), str(REPO).encode(), str(Path.home()).encode(),
               b"where-it-was-built", os.uname().nodename.encode()]  # fmt: skip
    for rel, data in files.items():
        for needle in needles:
            assert needle not in data, f"{rel} holds {needle!r}"


def test_source_date_epoch_is_the_build_date_and_no_clock_time_leaks(tmp_path: Path) -> None:
    epoch = 1_700_000_000  # 2023-11-14T22:13:20Z
    site = copy_site(tmp_path / "site", build_date=False)
    files = build(site, SOURCE_DATE_EPOCH=str(epoch))
    text = b"\n".join(files.values()).decode("utf-8", "replace")
    assert "2023-11-14" in files["index.html"].decode()
    # The feed's updated is the build date, or its newest entry's when that is later (the
    # sample's papers of 2024-2026 in a build of 2023): never the clock's
    feed = files["feed.xml"].decode()
    entries = re.findall(r"\n    <updated>(\d{4}-\d\d-\d\d)T", feed)
    newest = max(["2023-11-14", *entries])
    assert f"  <updated>{newest}T00:00:00Z</updated>\n  <generator>" in feed
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert today not in text  # neither today's date ...
    times = set(re.findall(r"\d\d:\d\d:\d\d", text))
    assert times <= {"00:00:00"}, times  # ... nor any clock time
    # The same epoch a second later gives the same bytes; another day only changes dates.
    assert build(site, SOURCE_DATE_EPOCH=str(epoch + 1)) == files
    later = build(site, SOURCE_DATE_EPOCH=str(epoch + 86_400))
    assert later != files and "2023-11-15" in later["index.html"].decode()
