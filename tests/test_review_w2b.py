"""A review of the latest merges (kept tiles and title texts, records read in NFC, the
check's copy of the cache): inputs their tests did not try."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from bench.synth import generate
from generator import cache
from generator.build import build
from generator.cli import main


def test_check_goes_on_without_a_cache_folder_it_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A site whose cache folder another user made (`chmod 700`, a build run with sudo)
    is checked without it, as ``build`` builds without it; before, ``check`` stopped at
    `.authorsite-cache/cache.sqlite: Permission denied` and checked nothing."""
    site = tmp_path / "site"
    generate(site, 12, 2)
    build(site)
    folder = site / cache.CACHE_DIRNAME
    assert (folder / "cache.sqlite").is_file()
    real_stat = os.stat

    def refused(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        # what the system says of the folder's files to a user without its x permission
        if Path(os.fsdecode(path)).parent == folder:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", refused)
    assert main(["check", "--site", str(site)]) == 0
    assert "Permission denied" not in capsys.readouterr().err


def test_a_link_to_a_file_named_with_decomposed_accents_says_to_rename_it(
    tmp_path: Path,
) -> None:
    """A record is read in NFC since records are: its link `static/talk-rené.pdf` to a file
    whose name writes `é` as `e` and U+0301 (unpacked from a Mac's archive) leads to
    nothing. The note said to put the file there, where it seems to be: it says why not
    and what to do."""
    site = tmp_path / "site"
    generate(site, 3, 1, seed=2)
    (site / "static").mkdir(exist_ok=True)
    name = "talk-rene\u0301.pdf"
    (site / "static" / name).write_bytes(b"%PDF-1.4\n")
    paper = sorted((site / "content" / "papers").glob("*.md"))[0]
    text = paper.read_text(encoding="utf-8")
    text = re.sub(r"^links:.*$", f"links:\n  slides: static/{name}", text, count=1, flags=re.M)
    paper.write_text(text, encoding="utf-8")
    (note,) = [w for w in build(site).warnings if "leads to nothing" in w]
    assert "`static/talk-ren\u00e9.pdf` leads to nothing the site holds" in note
    assert f"the file there is named `static/{name}`" in note
    assert "rename the file" in note
