"""``authorsite serve`` as a new user tries it: content/ deleted (or moved away) and put back."""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.cli import main
from generator.serve import Session, serve
from tests.test_serve import TIMEOUT, Events, Server, _paper, serving
from tests.test_serve_browser import WAIT_MS, chromium


def _init(site: Path) -> None:
    """A new user's site: `authorsite init` (its main author's record is in content/)."""
    assert main(["init", str(site)]) == 0


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """`serve` of a new site, in a folder whose name has a space and non-ASCII letters."""
    site = tmp_path / "my site ünï"
    _init(site)
    with serving(site) as running:
        yield running


def _move_away(content: Path, aside: Path) -> None:
    shutil.move(content, aside)  # a rename: the folder keeps its inode


def _delete(content: Path, aside: Path) -> None:
    shutil.copytree(content, aside)
    shutil.rmtree(content)


def _move_back(content: Path, aside: Path) -> None:
    shutil.move(aside, content)


def _copy_back(content: Path, aside: Path) -> None:
    shutil.copytree(aside, content)
    shutil.rmtree(aside)


WAYS = [(_move_away, _move_back), (_delete, _copy_back)]


def test_an_edit_after_content_is_put_back_builds_every_record(tmp_path: Path) -> None:
    """The build that failed without content/ kept its listing (no records); the build
    after content/ came back had nothing to do and kept it too; the next edit's build then
    failed: `main_author ... has no record in content/authors/ (authors: none yet)`."""
    site = tmp_path / "site"
    _init(site)
    content, aside = site / "content", tmp_path / "aside"
    said: list[str] = []
    session = Session(site, out=said.append)
    try:
        assert session.rebuild()
        shutil.move(content, aside)
        assert not session.rebuild([str(content)])
        shutil.move(aside, content)
        assert session.rebuild([str(content)]), said
        paper = _paper(site)
        paper.write_text(paper.read_text() + "\nAdded after content/ came back.\n")
        assert session.rebuild([str(paper)]), said[-3:]
        shown = (session.out_dir / "papers" / paper.stem / "index.html").read_text()
        assert "Added after content/ came back." in shown
    finally:
        session.close()


@pytest.mark.parametrize(("away", "back"), WAYS, ids=["moved", "deleted"])
def test_saves_are_seen_after_content_is_deleted_and_put_back(
    server: Server,
    away: Callable[[Path, Path], None],
    back: Callable[[Path, Path], None],
) -> None:
    """The watch of content/ ended with the folder: a folder made again was not watched,
    and every later save went unseen (the page never changed, the terminal said nothing)."""
    content, aside = server.site / "content", server.site.parent / "aside"
    paper = _paper(server.site)
    events = Events(server.url)
    try:
        events.next()
        away(content, aside)
        events.until(lambda s: bool(s["error"]))
        back(content, aside)
        state = events.until(lambda s: s["error"] is None)
        # Twice: a first save close behind the folder's return may still be seen with it.
        for text in ("Saved after content/ came back.", "Saved once more."):
            paper.write_text(paper.read_text() + f"\n{text}\n")
            seen = state["version"]
            # past a read of the save half-written (`has no front matter`, on a busy machine):
            # a save that stays unseen or wrong never gets here, and the wait says so
            state = events.until(lambda s, seen=seen: s["version"] > seen and not s["error"])
            assert text in server.get(f"papers/{paper.stem}/")[1]
    finally:
        events.close()


@pytest.mark.browser
def test_a_tab_follows_content_deleted_put_back_and_edited(server: Server) -> None:
    """In the browser: the overlay says why while content/ is gone, goes when it is back,
    and the next save of an abstract shows in the open page."""
    content, aside = server.site / "content", server.site.parent / "aside"
    paper = _paper(server.site)
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{server.url}papers/{paper.stem}/?from=test#top")
        page.wait_for_function("() => document.body.innerText.length > 100", timeout=WAIT_MS)
        _delete(content, aside)
        # (said as site.yaml's removal is; it was `main_author ... has no record in
        # content/authors/`; a first build may see the folder half deleted)
        page.wait_for_function(
            "() => (document.getElementById('authorsite-error') || {}).innerText"
            "?.includes('content/: removed while serving')",
            timeout=WAIT_MS,
        )
        _copy_back(content, aside)
        page.wait_for_selector("#authorsite-error", state="detached", timeout=WAIT_MS)
        for text in ("Seen in the tab after content/ came back.", "Seen once more."):
            paper.write_text(paper.read_text() + f"\n{text}\n")
            page.wait_for_function(
                f"() => document.body.innerText.includes('{text}')"
                " || document.getElementById('authorsite-error')",
                timeout=WAIT_MS,
            )
            assert page.query_selector("#authorsite-error") is None
        assert page.url.endswith("?from=test#top")


def test_a_port_in_use_is_said_before_the_first_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The site was built first (at 10,000 papers ~14 s without a kept preview), then the
    port was found taken: the wait was for nothing."""
    site = tmp_path / "site"
    _init(site)
    capsys.readouterr()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--site", str(site), "--port", str(port)]) == 2
    said = capsys.readouterr()
    assert f"cannot serve on 127.0.0.1:{port}: Address already in use" in said.err
    assert "built" not in said.out
    assert not (site / ".authorsite-cache" / "serve" / "site").exists()


def test_ctrl_c_during_the_first_build_stops_and_frees_the_port(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The port is taken before the first build: Ctrl-C in that build must still stop
    (the server's shutdown waited for a serving loop that had not started, for ever)."""
    site = tmp_path / "site"
    _init(site)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    def interrupted(self: Session, reason: object = ()) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(Session, "rebuild", interrupted)
    status: list[int] = []
    thread = threading.Thread(target=lambda: status.append(serve(site, "127.0.0.1", port)))
    thread.start()
    thread.join(timeout=TIMEOUT)
    assert not thread.is_alive(), "serve did not stop"
    assert status == [0]
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))  # freed
