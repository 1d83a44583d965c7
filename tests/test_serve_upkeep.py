"""``authorsite serve`` kept open all day by a lab's administrator doing upkeep: content/
moved away, with tabs open."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.synth import generate
from generator.serve import Session
from tests.test_serve import _paper

REMOVED = (
    "content/: removed while serving (or moved away); without it the site has no authors, "
    "papers or pages, so the preview keeps the last build made with it: restore it (`git "
    "checkout content`, or move it back), or make an empty content/ folder to build a site "
    "without records"
)


def test_content_removed_while_serving_keeps_the_last_build_and_says_why(
    tmp_path: Path,
) -> None:
    """A lab's site (no main_author) builds without content/, as a site of no authors: every
    open tab went to the 404 page, and the terminal said only `built after content/…: 651
    written`. It is said as site.yaml's removal is, and the last good build kept."""
    site = tmp_path / "site"
    generate(site, papers=3, authors=2, seed=9)
    assert "main_author" not in (site / "site.yaml").read_text()
    content, aside = site / "content", tmp_path / "aside"
    paper = _paper(site)
    said: list[str] = []
    session = Session(site, out=said.append)
    page = session.out_dir / "papers" / paper.stem / "index.html"
    try:
        assert session.rebuild()
        shutil.move(content, aside)
        assert not session.rebuild([str(content)])
        assert said[-2].splitlines()[0] == REMOVED
        assert said[-1] == "serving the last good build; fix the problem to continue"
        error = session.state.snapshot()[1]
        assert error is not None and error.startswith(REMOVED)  # the overlay's text
        assert page.is_file()

        shutil.move(aside, content)
        assert session.rebuild([str(content)])
        assert session.state.snapshot()[1] is None and page.is_file()

        shutil.rmtree(content)
        content.mkdir()  # a site without records, asked for
        assert session.rebuild([str(content)])
        assert not page.exists()
    finally:
        session.close()
