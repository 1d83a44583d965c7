"""A long page of an old site is read in time linear in its length (found by fuzzing).

The pattern that tells a template's placeholder address (`you@example.com`) searched for a
mailbox from every character of a page's text: a page of 430 KB with no `@` took many
minutes. No time is asserted (tests never do): the page is sized so that the pattern gone
quadratic again runs for many minutes, which the suite's run does not survive.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

from generator.cli import main
from tests.ingest_support import new_site

FIXTURE = Path(__file__).parent.parent / "fixtures" / "profile" / "academicpages"


def test_a_long_page_of_an_old_site_without_an_at_sign_imports_quickly(tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(FIXTURE, old)
    text = "I teach courses on engines and their uses. " * 10_000
    (old / "_pages" / "courses.md").write_text(
        f"---\ntitle: Courses\npermalink: /courses/\n---\n\n{text}\n", encoding="utf-8"
    )
    site = new_site(tmp_path / "site")
    said = io.StringIO()
    with contextlib.redirect_stderr(said), contextlib.redirect_stdout(said):
        status = main(["import", "academicpages", str(old), "--site", str(site), "--dry-run"])
    assert status == 0, said.getvalue()
    # too long for a page, it is left out with the reason, not a hang
    assert "/_pages/courses.md: not imported as a page" in said.getvalue()
