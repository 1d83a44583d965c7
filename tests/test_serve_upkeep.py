"""``authorsite serve`` kept open all day by a lab's administrator doing upkeep: content/
moved away, base_url changed, a branch checked out, a save in two parts, with tabs open."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from bench.synth import generate
from generator.serve import LiveServer, Session
from tests.test_serve import (
    TIMEOUT,
    Events,
    Server,
    _paper,
    serving,
    shown_without_an_error,
)

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


def test_base_url_s_path_changed_while_serving_reloads_tabs_under_the_old_one(
    tmp_path: Path,
) -> None:
    """base_url's path moved from /lab/ to /group/. The terminal said nothing of where the
    preview now is; a tab on /lab/authors/ was written ahead and reloaded with the new page
    while /lab/ was still served, and stayed there although the address was gone (its
    next reload, for any later save, gave the 404 page)."""
    site = tmp_path / "site"
    generate(site, papers=3, authors=2, seed=9)
    config = site / "site.yaml"
    assert "base_url: https://example.org/lab/" in config.read_text()
    said: list[str] = []
    session = Session(site, out=said.append)
    live: LiveServer | None = None
    events: Events | None = None
    try:
        assert session.rebuild()
        live = LiveServer("127.0.0.1", 0, session.out_dir, session.state)
        live.start()
        server = Server(live.url, site, None, None)  # type: ignore[arg-type]
        status, html = server.get("lab/authors/")
        assert status == 200
        shown = "authors/index.html"
        given = int(re.findall(r"var served = (\d+);", html)[0])
        events = Events(live.url, "/lab/authors/")
        assert events.next()["version"] == given
        early: list[int] = []
        publish_early = session.state.publish_early

        def ahead(pages: list[str]) -> None:
            publish_early(pages)
            early.append(session.state.version_for(shown))  # what a reload then gets

        session.state.publish_early = ahead  # type: ignore[method-assign]
        config.write_text(config.read_text().replace("example.org/lab/", "example.org/group/"))
        assert session.rebuild([str(config)])
        assert early, "the open page was not written ahead"
        assert (
            "base_url's path is now /group/: the preview is also under /group/, as published; "
            "no longer under /lab/"
        ) in said
        # the tab, reloaded ahead under /lab/, is told to reload again: to the 404 page
        assert session.state.version_for(shown) not in (given, *early)
        assert events.until(lambda s: s["version"] not in (given, *early))["error"] is None
        assert server.get("lab/authors/")[0] == 404
        status, html = server.get("group/authors/")
        assert status == 200 and 'href="https://example.org/group/"' in html

        config.write_text(config.read_text().replace("example.org/group/", "example.org/"))
        assert session.rebuild([str(config)])
        assert "base_url's path is now /: the preview is at the root only; no longer under " in (
            "\n".join(said)
        )
    finally:
        if events is not None:
            events.close()
        if live is not None:
            live.stop()
        session.close()


def test_a_git_checkout_under_serve_is_built_once_when_git_is_done(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`git checkout other-branch` writes its files while it holds .git/index.lock; on a
    busy machine with pauses longer than a save's settling, so serve built each part as it
    came (a mix of both branches, every tab reloaded for each, 2-3 builds of ~10 s at 600
    papers instead of one). Done here as git does it, without git."""
    site = tmp_path / "site"
    generate(site, papers=6, authors=2, seed=9)
    (site / ".git").mkdir()
    first, second = sorted((site / "content" / "papers").glob("*.md"))[:2]
    config = site / "site.yaml"
    with serving(site) as server:
        capsys.readouterr()
        lock = site / ".git" / "index.lock"
        lock.write_bytes(b"")
        for path, old, new in [
            (first, "\n---\n", "\n---\n\nOn the other branch.\n"),
            (second, "\n---\n", "\n---\n\nAlso on the other branch.\n"),
            (config, "title: Synthetic Lab", "title: Other Branch Lab"),
        ]:
            path.write_text(path.read_text().replace(old, new, 1))
            time.sleep(0.3)  # a pause: each file came as a change of its own
        (site / ".git" / "index").write_bytes(b"")
        lock.unlink()
        deadline = time.monotonic() + TIMEOUT
        while "Other Branch Lab" not in server.get("")[1] and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # (a build of a part left over would be under way by now)
        built = [line for line in capsys.readouterr().out.splitlines() if "built" in line]
        assert len(built) == 1, built
        assert built[0].startswith("built after content/papers/")
        assert "On the other branch." in server.get(f"papers/{first.stem}/")[1]
        assert "Also on the other branch." in server.get(f"papers/{second.stem}/")[1]


def test_a_save_written_in_two_parts_shows_no_error_on_the_way(tmp_path: Path) -> None:
    """An editor (or a copy on a busy machine) writes a record in two parts, the first
    cut in the front matter: it was built as it stood, and every open tab flashed `the
    front matter that starts here is never closed` until the rest came. It waits for the
    rest, as a save that empties the file first does."""
    site = tmp_path / "site"
    generate(site, papers=3, authors=1, seed=9)
    paper = _paper(site)
    original = paper.read_text(encoding="utf-8")
    with serving(site) as server:
        events = Events(server.url)
        try:
            first = events.next()
            for save in range(2):  # and again once the first save is built
                text = original + f"\nWritten in two parts, save {save}.\n"
                with paper.open("w", encoding="utf-8") as file:
                    file.write(text[:20])  # `---`, and a part of the title
                    file.flush()
                    os.fsync(file.fileno())
                    time.sleep(0.15)  # the rest, a moment later
                    file.write(text[20:])
                shown_without_an_error(server, events, first, paper, f"save {save}.")
        finally:
            events.close()
