"""Text that `init --name`, `new paper` and `new page` are given and no record can hold is
refused before anything is written (found by fuzzing)."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

from generator.cli import main
from tests.hostile.harness import run_build
from tests.ingest_support import new_site, snapshot

LATIN_1 = os.fsdecode(b"M\xfcller")  # `Müller` typed where the terminal is Latin-1


def said(*argv: str) -> tuple[int, str]:
    """One command in-process: its status and what it said on stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(list(argv))
    return status, err.getvalue()


def test_a_name_in_another_encoding_is_a_usage_error_and_no_folder(tmp_path: Path) -> None:
    """It was a UnicodeEncodeError traceback, after `.github/` had been written."""
    site = tmp_path / "site"
    status, err = said("init", str(site), "--name", LATIN_1)
    assert status == 2
    assert err.startswith(
        "init --name: the name is not UTF-8 text (it holds the byte 0xFC, of another encoding"
    )
    assert not site.exists()


@pytest.mark.parametrize("kind", ["paper", "page"])
def test_a_title_in_another_encoding_is_a_usage_error(kind: str, tmp_path: Path) -> None:
    """`new paper` wrote `title: "\\uDCFC"`, which the build then refused."""
    site = new_site(tmp_path / "site")
    before = snapshot(site)
    status, err = said("new", kind, LATIN_1, "--site", str(site))
    assert status == 2
    assert err.startswith(f"new {kind}: the title is not UTF-8 text (it holds the byte 0xFC")
    assert snapshot(site) == before
    assert run_build(site).status == 0


@pytest.mark.parametrize("name", ["\u200b", "\u0301\u0301", "\ufeff"])
def test_a_name_that_shows_as_nothing_is_a_usage_error(name: str, tmp_path: Path) -> None:
    """init wrote `name: "\u200b"`, and the new site did not build (`name` is empty)."""
    site = tmp_path / "site"
    status, err = said("init", str(site), "--name", name)
    assert status == 2
    assert err.startswith("init --name: the name shows as nothing")
    assert not site.exists()
