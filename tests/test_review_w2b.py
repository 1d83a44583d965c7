"""A review of the latest merges (kept tiles and title texts, records read in NFC, the
check's copy of the cache): inputs their tests did not try."""

from __future__ import annotations

import os
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
