"""What authorsite prints never carries a record's control characters to the terminal.

A field name, a file name or an imported entry is echoed in messages. Raw, ``\\x1b[2J``
would clear the screen, an OSC sequence would set the window title (or, in some
terminals, the clipboard), and ``\\r`` or ``\\n`` would forge lines such as
``content/x.md:1: fine`` in a CI log. Each is shown as an escape instead (``\\x1b``).
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.hostile.harness import run_build, write_site
from tests.ingest_support import new_site

# C0 controls but tab and line feed, DEL and C1: what a terminal would act on.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
KEY = "\x1b]0;owned\x07\x1b[2J\x1b[8mhidden\rcontent/papers/x.md:1: fine\x9b31m"
SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\n"}


def test_a_field_name_with_terminal_controls_is_shown_escaped(tmp_path: Path) -> None:
    key = KEY.encode("unicode_escape").decode().replace('"', '\\"')
    site = write_site(
        tmp_path, {**SITE, "content/authors/ada.yaml": f'name: Ada Lovelace\n"{key}": 1\n'}
    )
    built = run_build(site)
    assert built.status == 1
    assert not RAW_CONTROL.search(built.stderr), repr(built.stderr)
    [problem] = built.problems()  # one line: the `\n` and `\r` in the key forge none
    assert problem["message"].startswith(
        "unknown field `\\x1b]0;owned\\x07\\x1b[2J\\x1b[8mhidden\\x0dcontent/papers/x.md:1: fine"
    )


def test_a_direction_override_in_a_field_name_is_shown_escaped(tmp_path: Path) -> None:
    """Raw, it would reorder the rest of the line where the log is read in a browser."""
    site = write_site(
        tmp_path, {**SITE, "content/authors/ada.yaml": 'name: Ada\n"x\\u202e\\u2028y": 1\n'}
    )
    built = run_build(site)
    assert built.status == 1
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u2028\u2029]", built.stderr)
    [problem] = built.problems()
    assert problem["message"].startswith("unknown field `x\\u202e\\u2028y`")


def test_a_skipped_static_link_named_with_controls_is_shown_escaped(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {**SITE, "content/authors/ada.yaml": "name: Ada\n"})
    (tmp_path / "logo.svg").write_text("<svg/>")
    (site / "static").mkdir()
    (site / "static" / "\x1b[2Jlogo.svg").symlink_to(tmp_path / "logo.svg")
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert "static/\\x1b[2Jlogo.svg: symbolic link skipped" in built.stderr
    assert not RAW_CONTROL.search(built.stderr), repr(built.stderr)


@pytest.mark.parametrize("dry_run", [True, False])
def test_an_imported_entry_with_controls_is_shown_escaped(dry_run: bool, tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{key\x1b[2J,\n  title = {Title \x1b]0;owned\x07 here},\n"
        "  author = {Kaile Wang and Ada \x1b[8mLovelace},\n  year = {2024}\n}\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["import", "bibtex", str(bib), "--site", str(site),
                       *(["--dry-run"] if dry_run else [])])  # fmt: skip
    printed = out.getvalue() + err.getvalue()
    assert not RAW_CONTROL.search(printed), repr(printed)
    assert status == 0
    assert "<- entry 'key\\x1b[2J'" in printed  # the entry, named as it is
