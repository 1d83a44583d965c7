"""``authorsite serve``: serves the build, reloads on change, shows errors, stops cleanly."""

from __future__ import annotations

import contextlib
import http.client
import io
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bench.synth import generate
from generator.cli import main
from generator.serve import (
    EVENTS_PATH,
    Handler,
    LiveServer,
    LiveState,
    Session,
    Watcher,
    allowed_hosts,
    host_allowed,
    serve,
)

TIMEOUT = 30.0  # generous: CI machines are slow; no test asserts a time


@dataclass
class Server:
    """A running ``serve`` in a thread of the test process."""

    url: str
    site: Path
    thread: threading.Thread
    stop: threading.Event

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=TIMEOUT) as reply:
                return reply.status, reply.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def _paper(site: Path) -> Path:
    return sorted((site / "content" / "papers").glob("*.md"))[0]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    site = tmp_path / "site"
    generate(site, papers=6, authors=2, seed=9)
    with serving(site) as running:
        yield running


@contextlib.contextmanager
def serving(site: Path) -> Iterator[Server]:
    """``serve`` of ``site`` in a thread, until the block ends."""
    ready: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=serve, args=(site, "127.0.0.1", 0), kwargs={"ready": ready.put, "stop": stop}
    )
    thread.start()
    try:
        yield Server(ready.get(timeout=TIMEOUT), site, thread, stop)
    finally:
        stop.set()
        thread.join(timeout=TIMEOUT)


class Events:
    """The page's Server-Sent Events stream, read line by line in a thread."""

    def __init__(self, url: str, shown: str | None = None) -> None:
        parts = urlsplit(url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
        query = "" if shown is None else f"?page={urllib.parse.quote(shown, safe='')}"
        self.conn.request("GET", EVENTS_PATH + query)
        self.reply = self.conn.getresponse()
        assert self.reply.getheader("Content-Type") == "text/event-stream"
        self.states: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for raw in self.reply:
                line = raw.decode().rstrip("\n")
                if line.startswith("data: "):
                    self.states.put(json.loads(line[6:]))
        except (OSError, ValueError):
            pass

    def next(self) -> dict[str, Any]:
        return self.states.get(timeout=TIMEOUT)

    def until(self, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The first state that is ``wanted`` (a save may first be seen half-written)."""
        while not wanted(state := self.next()):
            pass
        return state

    def close(self) -> None:
        self.conn.close()


def test_serves_pages_with_the_reload_script_only_in_responses(server: Server) -> None:
    slug = _paper(server.site).stem
    status, page = server.get(f"papers/{slug}/")
    assert status == 200
    assert "new EventSource" in page and EVENTS_PATH in page
    served_folder = server.site / ".authorsite-cache" / "serve" / "site"
    on_disk = (served_folder / "papers" / slug / "index.html").read_text()
    assert "EventSource" not in on_disk
    assert not (server.site / "output").exists()  # serve never touches output/
    status, missing = server.get("no/such/page/")
    assert status == 404 and "EventSource" in missing


def _get_as(server: Server, path: str, host: str) -> tuple[int, str]:
    """A GET whose ``Host`` header is ``host``, as a browser sends it for that address."""
    parts = urlsplit(server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        conn.request("GET", path, headers={"Host": host})
        reply = conn.getresponse()
        return reply.status, reply.read(1 << 16).decode(errors="replace")
    finally:
        conn.close()


@pytest.mark.parametrize(
    "path",
    ["/../../../site.yaml", "/%2e%2e/%2e%2e/%2e%2e/site.yaml", "/%2e%2e%2f%2e%2e%2f%2e%2e%2fsite.yaml",
     "/..%5c..%5c..%5csite.yaml", "/static/../../../../site.yaml", "/index.html%00", "/%00"],
)  # fmt: skip
def test_a_path_out_of_the_build_folder_gets_the_404_page(server: Server, path: str) -> None:
    """The preview is served from .authorsite-cache/serve/site: site.yaml is three up."""
    status, body = _get_as(server, path, "127.0.0.1")
    assert status == 404, path
    assert "build_date" not in body and "Page not found" in body


@contextmanager
def _served_at(tmp_path: Path, base_url: str) -> Iterator[Server]:
    """A small site whose site.yaml names ``base_url``, served until the block ends."""
    site = tmp_path / "site"
    generate(site, papers=3, authors=1, seed=4)
    config = site / "site.yaml"
    text = re.sub(r"(?m)^base_url:.*$", f"base_url: {base_url}", config.read_text("utf-8"))
    config.write_text(text, encoding="utf-8")
    ready: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=serve, args=(site, "127.0.0.1", 0), kwargs={"ready": ready.put, "stop": stop}
    )
    thread.start()
    try:
        yield Server(ready.get(timeout=TIMEOUT), site, thread, stop)
    finally:
        stop.set()
        thread.join(timeout=TIMEOUT)


def test_a_site_built_for_a_project_path_is_previewed_there_too_404_page_included(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """site.yaml's base_url https://…/my-site/: the 404 page links from /my-site/."""
    with _served_at(tmp_path, "https://ada.github.io/my-site/") as running:
        status, body = running.get("/papers/nope/deeper/")
        assert status == 404 and 'href="/my-site/static/style.css"' in body
        for path in ("/my-site/static/style.css", "/my-site/", "/my-site/authors/", "/"):
            assert running.get(path)[0] == 200, path
        assert running.get("/my-site")[0] == 200  # redirected to the folder's address
        assert "(Ctrl-C to stop; also under /my-site/, as published)" in capsys.readouterr().out


def test_a_project_path_named_like_a_folder_of_the_site_keeps_the_root_preview(
    tmp_path: Path,
) -> None:
    """base_url https://…/papers/ (a repository named `papers`): /papers/<slug>/ at the root
    is still the paper's page, and the site is under /papers/ too."""
    with _served_at(tmp_path, "https://ada.github.io/papers/") as running:
        built = running.site / ".authorsite-cache" / "serve" / "site"
        slug = sorted(p.name for p in (built / "papers").iterdir() if p.is_dir())[0]
        title = re.search(r"<title>[^<]*", (built / "papers" / slug / "index.html").read_text())
        assert title is not None
        for path in (f"/papers/{slug}/", f"/papers/papers/{slug}/"):
            status, body = running.get(path)
            assert status == 200 and title.group() in body, path
        home = re.search(r"<title>[^<]*", (built / "index.html").read_text())
        assert home is not None
        for path in ("/", "/papers/"):
            status, body = running.get(path)
            assert status == 200 and home.group() in body, path


@pytest.mark.parametrize(
    "host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil.example"]
)
def test_a_request_for_another_host_is_refused_dns_rebinding(server: Server, host: str) -> None:
    """A page on another site whose name now resolves to 127.0.0.1 cannot read the preview."""
    port = urlsplit(server.url).port
    for path in ("/", EVENTS_PATH, "/feed.xml"):
        status, body = _get_as(server, path, f"{host}:{port}")
        assert status == 421, (path, status)
        assert "EventSource" not in body and "version" not in body
    for name in ("localhost", "127.0.0.1", "[::1]", "preview.localhost"):
        status, body = _get_as(server, "/", f"{name}:{port}")
        assert status == 200 and "EventSource" in body, name


def _ipv6_loopback() -> bool:
    """Whether this machine has ``::1`` (some containers have no IPv6 at all)."""
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


def _short() -> str:
    """This machine's name as a phone on its network reaches it (`<name>.local`)."""
    return socket.gethostname().lower().split(".")[0]


IPV6 = pytest.mark.skipif(not _ipv6_loopback(), reason="this machine has no IPv6 loopback")


@pytest.mark.parametrize(
    ("host", "opened"),
    [
        pytest.param("::1", "[::1]", marks=IPV6),
        pytest.param("::", "[::1]", marks=IPV6),
        ("0.0.0.0", "127.0.0.1"),
    ],
)
def test_serves_on_an_ipv6_address_or_every_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], host: str, opened: str
) -> None:
    """``--host ::`` (every address, as ``0.0.0.0`` for IPv4) and ``--host ::1`` serve.

    Every address is no address to open (Windows cannot reach 0.0.0.0, Chrome phases it out):
    the line says this machine's own, and a note what other machines open and see.
    """
    site = tmp_path / "site"
    generate(site, papers=2, authors=1, seed=9)
    ready: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    failed: list[BaseException] = []

    def run() -> None:
        try:
            serve(site, host, 0, ready=ready.put, stop=stop)
        except BaseException as exc:  # the test says what stopped it, not only a timeout
            failed.append(exc)
            ready.put("")

    thread = threading.Thread(target=run)
    thread.start()
    try:
        url = ready.get(timeout=TIMEOUT)
        assert not failed, failed
        assert url.startswith(f"http://{opened}:"), url
        port = urlsplit(url).port
        printed = capsys.readouterr().out
        assert f"at {url} (Ctrl-C to stop" in printed
        note = (
            f"every machine on your network can open the preview: http://{_short()}.local:{port}/"
        )
        assert (note in printed) == (host != "::1"), printed
        # `::` takes IPv4 clients too, as a phone on the same network may be
        for address in {"::": ["::1", "127.0.0.1"], "::1": ["::1"]}.get(host, ["127.0.0.1"]):
            conn = http.client.HTTPConnection(address, port, timeout=TIMEOUT)
            conn.request("GET", "/")
            reply = conn.getresponse()
            assert reply.status == 200 and b"EventSource" in reply.read(), address
            conn.close()
    finally:
        stop.set()
        thread.join(timeout=TIMEOUT)


def test_a_port_in_use_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Most often a `serve` left running in another terminal.
    site = tmp_path / "site"
    generate(site, papers=2, authors=1, seed=9)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--site", str(site), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot serve on 127.0.0.1:{port}: Address already in use; another program " in err
    assert f"stop it, or pass --port {port + 1} (--port 0: any free port)" in err
    assert "Traceback" not in err


def test_an_edit_reloads_an_error_shows_and_a_fix_clears_it(server: Server) -> None:
    paper = _paper(server.site)
    events = Events(server.url)
    try:
        first = events.next()
        assert first["error"] is None
        original = paper.read_text()
        paper.write_text(original + "\nA sentence added while serving.\n")
        edited = events.until(lambda s: s["version"] > first["version"] and not s["error"])
        assert "A sentence added while serving." in server.get(f"papers/{paper.stem}/")[1]

        paper.write_text(original.replace("citations:", "citaions:", 1))
        broken = events.until(lambda s: "citaions" in (s["error"] or ""))
        assert broken["version"] == edited["version"]
        assert f"content/papers/{paper.name}:" in broken["error"]
        assert "citaions" in broken["error"]
        # The last good build is still served.
        assert "A sentence added while serving." in server.get(f"papers/{paper.stem}/")[1]

        paper.write_text(original)
        events.until(lambda s: s["error"] is None)
        assert "A sentence added while serving." not in server.get(f"papers/{paper.stem}/")[1]
    finally:
        events.close()


def test_a_templates_folder_made_while_serving_is_watched(server: Server) -> None:
    slug = _paper(server.site).stem
    theme = Path(__file__).resolve().parent.parent / "themes" / "default" / "templates"
    original = (theme / "paper.html").read_text(encoding="utf-8")
    marker = '<article class="paper">'
    assert marker in original
    events = Events(server.url)
    try:
        first = events.next()
        override = server.site / "templates" / "paper.html"
        override.parent.mkdir()  # the folder did not exist when serve started
        override.write_text(
            original.replace(marker, '<article class="paper mine">'), encoding="utf-8"
        )
        # The folder's creation (and the file, if written by then) is one rebuild; else
        # the file's save is seen by the folder's new watch.
        state = events.until(
            lambda s: (
                s["version"] > first["version"]
                and 'class="paper mine"' in server.get(f"papers/{slug}/")[1]
            )
        )
        override.write_text(
            original.replace(marker, '<article class="paper mine again">'), encoding="utf-8"
        )
        events.until(lambda s: s["version"] > state["version"])
        assert 'class="paper mine again"' in server.get(f"papers/{slug}/")[1]
    finally:
        events.close()


def test_a_template_mistake_is_named_from_the_site_as_a_records_is(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    """`templates/paper.html:3: …`, as `content/papers/x.md:5: …` is: the overlay and the
    log named the template by the folder serve was run from (the whole path here)."""
    theme = Path(__file__).resolve().parent.parent / "themes" / "default" / "templates"
    original = (theme / "paper.html").read_text(encoding="utf-8")
    at = original.index("{% block title %}")
    line = original.count("\n", 0, at) + 1
    events = Events(server.url)
    try:
        events.next()
        override = server.site / "templates" / "paper.html"
        override.parent.mkdir()
        override.write_text(
            original.replace("{% block title %}", "{% block title %}{{ paper.venu }}", 1),
            encoding="utf-8",
        )
        broken = events.until(lambda s: "venu" in (s["error"] or ""))
        said = f"templates/paper.html:{line}: paper has no field 'venu'; did you mean 'venue'?"
        assert broken["error"].startswith(said), broken["error"]
        printed = "".join(capsys.readouterr())
        assert said in printed and str(server.site) + "/templates" not in printed
    finally:
        events.close()


def test_a_save_that_empties_the_file_before_writing_it_shows_no_error_on_the_way(
    server: Server,
) -> None:
    """An editor that saves in place empties the file, then writes the text: the empty
    file was built (a record without its front matter) and every open tab flashed the
    error overlay until the text came. The save is one change: the page reloads once,
    with the new text, and no error is shown between."""
    paper = _paper(server.site)
    original = paper.read_text(encoding="utf-8")
    events = Events(server.url)
    try:
        first = events.next()
        for save in range(2):  # and again once the first save is built
            with paper.open("r+", encoding="utf-8") as file:
                file.truncate(0)  # the editor's first write: the file emptied
                file.flush()
                os.fsync(file.fileno())
                time.sleep(0.1)  # its second, a moment later: the text
                file.write(original + f"\nSaved in place, save {save}.\n")
            shown_without_an_error(server, events, first, paper, f"save {save}.")
    finally:
        events.close()


def shown_without_an_error(
    server: Server, events: Events, first: dict[str, Any], paper: Path, text: str
) -> None:
    """Wait until a build after ``first`` shows ``text`` on ``paper``'s page; no state the
    tab was told on the way had an error."""
    seen: list[dict[str, Any]] = []

    def built(state: dict[str, Any]) -> bool:
        seen.append(state)
        page = server.get(f"papers/{paper.stem}/")[1]
        return state["version"] > first["version"] and text in page

    events.until(built)
    assert [s["error"] for s in seen if s["error"]] == []


def test_stops_cleanly_and_frees_the_port(server: Server) -> None:
    host, port = urlsplit(server.url).hostname, urlsplit(server.url).port
    events = Events(server.url)
    events.next()
    server.stop.set()
    server.thread.join(timeout=TIMEOUT)
    assert not server.thread.is_alive()
    events.close()
    assert not list((server.site / ".authorsite-cache").glob("serve-*"))
    with pytest.raises(OSError), socket.create_connection((host, port), timeout=2):
        pass


def test_a_restart_is_incremental_and_a_second_serve_gets_a_folder_of_its_own(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    generate(site, papers=12, authors=2, seed=8)
    said: list[str] = []
    first = Session(site, out=said.append)
    assert first.rebuild()
    assert said[-1].startswith("built: ") and " 0 written" not in said[-1]
    # Another serve of the same site meanwhile builds elsewhere and cleans up after itself.
    other = Session(site, out=said.append)
    assert other.tmp != first.tmp and other.rebuild()
    other.close()
    assert not other.tmp.exists()
    first.close()
    # The preview is kept: serving again only builds what changed (here nothing).
    again = Session(site, out=said.append)
    try:
        assert again.out_dir == first.out_dir and again.rebuild()
        assert said[-1].startswith("built: 0 written")
    finally:
        again.close()


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _assert_as_cold(session: Session, cold: Path) -> None:
    """The preview holds what a cold build of the site (into ``cold``) writes."""
    from generator.build import build

    build(session.site_dir, cold, use_cache=False)
    preview = {k: v for k, v in _tree(session.out_dir).items() if k != ".authorsite-output"}
    assert preview == {k: v for k, v in _tree(cold).items() if k != ".authorsite-output"}


def test_a_text_edit_reloads_with_the_last_novelty_then_settles_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a large site (here: a low threshold) the build after an abstract edit shows the
    last novelty scores, and a build right after shows the exact ones: the preview ends
    as a cold build of the edited site."""
    from generator import workers

    monkeypatch.setattr(workers, "PARALLEL_MIN", 5)
    site = tmp_path / "site"
    generate(site, papers=30, authors=3, seed=4)
    past = time.time() - 60  # out of the racy window: the inputs' signature alone decides
    for path in site.rglob("*"):
        os.utime(path, (past, past))
    said: list[str] = []
    session = Session(site, out=said.append)
    try:
        assert session.rebuild()
        assert "novelty follows" not in said[-1]  # nothing to show before: computed
        paper = _paper(site)
        paper.write_text(paper.read_text() + "\nQuasars and zebras, entirely new words.\n")
        os.utime(paper, (past + 1, past + 1))
        assert session.rebuild([str(paper)])
        provisional, settled = said[-2:]
        assert provisional.endswith("novelty follows") and "written" in provisional
        assert settled.startswith("built (novelty updated): ")
        _assert_as_cold(session, tmp_path / "cold")
        # Nothing changed since: one build, settled.
        assert session.rebuild() and "novelty" not in said[-1]
    finally:
        session.close()


def test_content_swapped_for_a_link_out_of_the_site_is_refused_as_a_cold_build_does(
    tmp_path: Path,
) -> None:
    """content/ moved out of the site and linked back (every file keeps its name, size and
    time) is refused by the next rebuild, as a cold build refuses it; it said that nothing
    had changed and kept serving. Moved back, the site builds again."""
    site = tmp_path / "site"
    generate(site, papers=6, authors=2, seed=3)
    said: list[str] = []
    session = Session(site, out=said.append)
    try:
        assert session.rebuild()
        elsewhere = tmp_path / "elsewhere"
        (site / "content").rename(elsewhere)
        (site / "content").symlink_to(elsewhere)
        assert not session.rebuild([str(site / "content")])
        # said once for each folder, not once for each of its records (none of them a link)
        problem = "\n".join(said[-2:])
        for folder in ("authors", "papers"):
            said_once = f"content/{folder}: leads outside the site folder (to {elsewhere / folder})"
            assert problem.count(said_once) == 1
        assert "outside the site folder; copy" not in problem
        (site / "content").unlink()
        elsewhere.rename(site / "content")
        assert session.rebuild([str(site / "content")])
        _assert_as_cold(session, tmp_path / "cold")
    finally:
        session.close()


def test_a_save_during_the_first_build_is_built_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record saved while serve's first build runs (seconds on a large site) is built
    once that build is done: the watcher started only afterwards, and the preview kept the
    record as the first build had read it until the next save."""
    site = tmp_path / "site"
    generate(site, papers=6, authors=2, seed=9)
    paper = _paper(site)
    first = Session.rebuild

    def rebuild(self: Session, reason: Iterable[str] = ()) -> bool:
        built = first(self, reason)
        if not list(reason) and "Saved during the first build" not in paper.read_text():
            paper.write_text(paper.read_text() + "\nSaved during the first build.\n")
        return built

    monkeypatch.setattr(Session, "rebuild", rebuild)
    with serving(site) as running:
        deadline = time.monotonic() + TIMEOUT
        shown = ""
        while time.monotonic() < deadline and "Saved during the first build" not in shown:
            time.sleep(0.1)
            shown = running.get(f"papers/{paper.stem}/")[1]
        assert "Saved during the first build." in shown


def test_serve_shows_a_build_s_progress_as_build_does(tmp_path: Path) -> None:
    """serve's builds show their progress (a bar on a terminal, a line when a stage ends
    elsewhere), as build does; they showed none, ~14 s of silence for a first build at
    10,000 papers. Its own line still ends each build."""
    from generator.reporter import Reporter

    site = tmp_path / "site"
    generate(site, papers=6, authors=2, seed=9)
    for interactive in (True, False):
        err = io.StringIO()
        said: list[str] = []
        session = Session(
            site,
            out=said.append,
            reporter=Reporter(err=err, interactive=interactive, moment=0),
        )
        try:
            paper = _paper(site)
            paper.write_text(paper.read_text() + f"\nProgress {interactive}.\n")
            assert session.rebuild([str(paper)])
        finally:
            session.close()
        assert ("render   [" in err.getvalue()) is interactive
        assert ("render: " in err.getvalue()) is not interactive
        assert said[-1].startswith("built after ")


def _showing(folder: Path, text: str) -> set[str]:
    """The files of a build folder that hold ``text``."""
    return {rel for rel, data in _tree(folder).items() if text.encode() in data}


@pytest.fixture
def built(tmp_path: Path) -> Session:
    """A serve session of a site of 12 papers, built once (the test closes it)."""
    site = tmp_path / "site"
    generate(site, papers=12, authors=3, seed=5)
    session = Session(site, out=lambda line: None)
    assert session.rebuild()
    return session


def test_the_page_open_in_a_tab_is_written_and_its_tab_told_before_the_rest(
    built: Session,
) -> None:
    """A tab on the edited paper's page reloads once that page is written, before the
    profiles that list the paper are rendered; it reloads once, and the others once."""
    session = built
    try:
        paper = _paper(session.site_dir)
        page = f"papers/{paper.stem}/index.html"
        listing = _showing(session.out_dir, f"papers/{paper.stem}/")
        profiles = {rel for rel in listing if rel.startswith("authors/") and "cv/" not in rel}
        assert profiles  # the paper's card on its authors' profiles, with its abstract
        state = session.state
        before = state.version
        told: list[tuple[list[str], set[str], int, int]] = []
        publish_early = state.publish_early

        def early(pages: list[str]) -> None:
            added = _showing(session.out_dir, "Written ahead of the rest.")
            told.append((pages, added, state.version_for(page), state.version_for(None)))
            publish_early(pages)
            told[-1] = (*told[-1][:2], state.version_for(page), state.version_for(None))

        state.publish_early = early  # type: ignore[method-assign]
        with state.watched(page):
            assert state.viewing() == {page}
            paper.write_text(paper.read_text() + "\nWritten ahead of the rest.\n")
            assert session.rebuild([str(paper)])
        assert state.viewing() == frozenset()
        [(pages, written, mine, others)] = told
        assert pages == [page]
        assert written == {page}  # the profiles listing the paper were not written yet
        assert (mine, others) == (before + 1, before)  # its tab reloads, no other yet
        assert profiles <= _showing(session.out_dir, "Written ahead of the rest.")
        # The whole build has the version the tab already has: it does not reload again.
        assert state.version_for(page) == state.version_for(None) == before + 1
    finally:
        session.close()


@pytest.mark.parametrize("typo", [False, True], ids=["then-fixed", "then-a-typo-then-fixed"])
def test_a_build_that_fails_after_writing_an_open_page_first_is_mended_by_the_next(
    tmp_path: Path, request: pytest.FixtureRequest, typo: bool
) -> None:
    """The open page is written; the rest fails (a broken template of the site). Undo
    both, and the next build renders that page again (its record is back as the last good
    build had it), and only what changed: the preview is a cold build of the site again,
    and the tab reloads. A build failing in between on a record (a typo) wrote nothing:
    the last good state is still the one to start from (it lost it, and the fix rendered
    the whole site again: 14 s at 10,000 papers)."""
    site = tmp_path / "site"
    generate(site, papers=12, authors=3, seed=5)
    said: list[str] = []
    broken = site / "templates" / "profile.html"
    broken.parent.mkdir()  # the site's own templates: none yet
    session = Session(site, out=said.append)
    try:
        assert session.rebuild()
        paper = _paper(site)
        original = paper.read_text()
        page = f"papers/{paper.stem}/index.html"
        state = session.state
        tab: list[int] = []  # the version the tab reloaded to
        publish_early = state.publish_early

        def early(pages: list[str]) -> None:
            publish_early(pages)
            tab.append(state.version_for(page))

        state.publish_early = early  # type: ignore[method-assign]
        with state.watched(page):
            paper.write_text(original + "\nShown ahead of a failure.\n")
            broken.write_text("{{ profile.author.no_such_field.name }}\n")
            assert not session.rebuild([str(paper), str(broken)])
            assert "profile.html" in said[-2]
            # Not "nothing was written": the open page was, as its overlay says (below).
            assert said[-2].endswith(
                "1 problem; nothing was written but the open page shown first, which shows "
                f"the change: {page}."
            )
            assert said[-1] == "serving the last good build but for it; fix the problem to continue"
            assert page in _showing(session.out_dir, "Shown ahead of a failure.")
            assert len(tab) == 1
            # Its tab's overlay says that the page shows the change, the others not.
            assert state.told(page)[1:] == (said[-2], True)
            assert state.told("authors/index.html")[1:] == (said[-2], False)
            if typo:
                paper.write_text(original.replace("citations:", "citaions:", 1))
                assert not session.rebuild([str(paper)])
                assert "citaions" in said[-2] and said[-2].endswith("nothing was written.")
                assert state.told(page)[2]  # still the failed build's page
            paper.write_text(original)
            broken.unlink()
            rendered: list[int] = request.getfixturevalue("rendered_counts")  # from now on
            assert session.rebuild([str(paper), str(broken)])
            assert 0 < sum(rendered) < 5  # not the whole site again
            assert state.version_for(page) > tab[0]  # the page changed since: it reloads
            assert state.told(page)[1:] == (None, False)
        _assert_as_cold(session, tmp_path / "cold")
    finally:
        session.close()


def _paper_template(site: Path, extra: str) -> str:
    """The default theme's paper.html with ``extra`` at the top of every paper's page."""
    from generator.config import theme_root

    default = (theme_root(site, "default") / "templates" / "paper.html").read_text()
    marked = default.replace('<article class="paper">', f'<article class="paper">{extra}', 1)
    assert marked != default
    return marked


def _other_category(site: Path, paper: Path) -> str:
    """A category of another paper than ``paper``'s (a template's branch it never takes)."""
    categories = {
        path: re.search(r"^category: (\S+)$", path.read_text(), re.M)
        for path in (site / "content" / "papers").glob("*.md")
    }
    mine = categories[paper]
    assert mine is not None
    return next(m[1] for m in categories.values() if m is not None and m[1] != mine[1])


@pytest.mark.parametrize("template", ["profile.html", "paper.html"])
def test_a_failed_save_that_leaves_the_open_page_as_its_tab_shows_it_does_not_reload_it(
    tmp_path: Path, template: str
) -> None:
    """A template of the site is broken while the open paper's page changes: that page is
    written ahead, the build fails. While the template is being fixed, every save that
    still failed wrote the page ahead again, with the bytes its tab already showed, and
    reloaded the tab (the fix once more). Now a tab reloads for the saves that change its
    page only (an undo of the record's edit); its overlay stays, with each save's error.
    The page's template may be the broken one: an undefined filter in a branch that other
    papers take fails only when they are rendered, after the open page."""
    site = tmp_path / "site"
    generate(site, papers=12, authors=3, seed=5)
    (site / "templates").mkdir()
    broken = site / "templates" / template
    paper = _paper(site)
    original = paper.read_text()
    page = f"papers/{paper.stem}/index.html"
    if template == "profile.html":
        saves = [
            "{{ profile.author.no_such_field.name }}\n",
            "{% if profile %}{{ profile.author.name }\n",  # a syntax error
            "{{ profile.author.name|no_such_filter }}\n",
        ]
        errors = ["no_such_field", "is not closed: end it with `}}`", "no_such_filter"]
        fixed = "{{ profile.author.name }}\n"
    else:
        branch = f'{{% if paper.category == "{_other_category(site, paper)}" %}}'
        saves = [
            _paper_template(site, f"<p>Cite as below.</p>{branch}{{{{ 1|{name} }}}}{{% endif %}}")
            for name in ("category_name", "category_label", "category_title")
        ]
        errors = ["category_name", "category_label", "category_title"]
        fixed = _paper_template(
            site, f"<p>Cite as below.</p>{branch}{{{{ 1|string }}}}{{% endif %}}"
        )
    said: list[str] = []
    session = Session(site, out=said.append)
    try:
        assert session.rebuild()
        tabs = _Tabs(session, [page])
        with tabs.open():
            paper.write_text(original + "\nShown ahead of a failure.\n")
            for number, (save, error) in enumerate(zip(saves, errors, strict=True)):
                broken.write_text(save)
                assert not session.rebuild([str(paper), str(broken)])
                assert error in said[-2], said[-2]
                # The tab shows the change that did not build, under this save's error;
                # the terminal names the page the first save wrote (the later ones' errors
                # say "nothing was written": "but for it" named nothing).
                assert session.state.told(page)[1:] == (said[-2], True)
                assert said[-1] == (
                    "serving the last good build but for it; fix the problem to continue"
                    if number == 0
                    else f"serving the last good build but for {page}, which shows a change "
                    "that has not built yet; fix the problem to continue"
                )
                assert page in _showing(session.out_dir, "Shown ahead of a failure.")
                assert tabs.reloads == tabs.changes == {page: 1}  # the first save's only
            paper.write_text(original)  # undone: the page changes back, and reloads
            assert not session.rebuild([str(paper)])
            assert tabs.reloads == tabs.changes == {page: 2}
            assert session.state.told(page)[2]
            broken.write_text(fixed)  # the page the tab shows is the good build's: it stays
            assert session.rebuild([str(broken)])
            assert tabs.reloads == tabs.changes == {page: 2}
            assert session.state.told(page)[1:] == (None, False)  # the overlay goes
        _assert_as_cold(session, tmp_path / "cold")
    finally:
        session.close()


@pytest.mark.parametrize("restarted", [False, True])
def test_a_serve_stopped_after_a_failed_build_that_wrote_ahead_restarts_incrementally(
    tmp_path: Path, request: pytest.FixtureRequest, restarted: bool
) -> None:
    """The open page was written, then the build failed (a broken template), and serve
    was stopped. The next start rendered the whole preview again (14 s at 10,000 papers):
    the state was forgotten once the page was written. It now renders the page written
    ahead and what changed meanwhile, and the preview equals a cold build. So it does
    when that serve was itself a restart whose first build had nothing to do (the state
    it held then came from the cache, without the table of files). A start while the
    build still fails says over that page that it shows a change not built yet."""
    site = tmp_path / "site"
    generate(site, papers=12, authors=3, seed=5)
    broken = site / "templates" / "profile.html"
    broken.parent.mkdir()
    hour_ago = time.time_ns() - 3600 * 10**9  # no file changed too recently to be trusted
    for path in site.rglob("*"):
        os.utime(path, ns=(hour_ago, hour_ago))
    if restarted:
        earlier = Session(site, out=lambda line: None)
        try:
            assert earlier.rebuild()
        finally:
            earlier.close()
    first = Session(site, out=lambda line: None)
    try:
        assert first.rebuild()
        paper = _paper(site)
        original, before = paper.read_text(), paper.stat()
        page = f"papers/{paper.stem}/index.html"
        with first.state.watched(page):
            paper.write_text(original + "\nShown ahead of a failure.\n")
            broken.write_text("{{ profile.author.no_such_field.name }}\n")
            assert not first.rebuild([str(paper), str(broken)])
        assert page in _showing(first.out_dir, "Shown ahead of a failure.")
    finally:
        first.close()
    # Started again with the template still broken: that page still shows the change, and
    # its overlay says so (it said "showing the last good build"), the others' not; so
    # does the terminal, naming it (it said "serving the last good build", and "but for
    # it" from the second failed save on).
    said: list[str] = []
    broken_again = Session(site, out=said.append)
    try:
        for save in range(2):
            assert not broken_again.rebuild([str(broken)] if save else [])
            assert said[-2].endswith("1 problem; nothing was written.")
            assert said[-1] == (
                f"serving the last good build but for {page}, which shows a change that has "
                "not built yet; fix the problem to continue"
            )
            assert broken_again.state.told(page)[2]
            assert not broken_again.state.told("authors/index.html")[2]
    finally:
        broken_again.close()
    paper.write_text(original)  # both undone while serve was stopped, times and all:
    broken.unlink()  # the inputs are the last good build's, the preview is not
    os.utime(paper, ns=(before.st_atime_ns, before.st_mtime_ns))
    again = Session(site, out=lambda line: None)
    try:
        assert again.out_dir == first.out_dir
        rendered: list[int] = request.getfixturevalue("rendered_counts")
        assert again.rebuild()
        assert 0 < sum(rendered) < 5  # the page written ahead, not the whole site
        assert page not in _showing(again.out_dir, "Shown ahead of a failure.")
        _assert_as_cold(again, tmp_path / "cold")
    finally:
        again.close()


class _Tabs:
    """Tabs open on files of a serve session's build: each reloads whenever the version
    of its file moves on, as the reload script does; counted, with the builds that
    changed each file."""

    def __init__(self, session: Session, files: list[str]) -> None:
        self.session, self.files = session, files
        state = session.state
        self.served = {rel: state.version_for(rel) for rel in files}
        self.reloads = dict.fromkeys(files, 0)
        self.changes = dict.fromkeys(files, 0)  # builds that changed the file's bytes
        publish, publish_early, build = state.publish, state.publish_early, session._build

        def told(call: Callable[..., None]) -> Callable[..., None]:
            def then_reload(*args: Any, **kwargs: Any) -> None:
                call(*args, **kwargs)
                for rel in files:
                    if state.version_for(rel) != self.served[rel]:
                        self.served[rel] = state.version_for(rel)
                        self.reloads[rel] += 1

            return then_reload

        def counted(*args: Any, **kwargs: Any) -> Any:
            before = {rel: (session.out_dir / rel).read_bytes() for rel in files}
            result = build(*args, **kwargs)
            for rel in files:
                self.changes[rel] += (session.out_dir / rel).read_bytes() != before[rel]
            return result

        state.publish = told(publish)  # type: ignore[method-assign]
        state.publish_early = told(publish_early)  # type: ignore[method-assign]
        session._build = counted  # type: ignore[method-assign]

    @contextmanager
    def open(self) -> Iterator[None]:
        with contextlib.ExitStack() as stack:
            for rel in self.files:
                stack.enter_context(self.session.state.watched(rel))
            yield


def test_a_tab_reloads_once_for_each_build_that_changed_its_page_and_no_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An abstract edit on a large site (here: a low threshold) is two builds: the second
    settles novelty and rewrites a few profiles. A tab on the paper, on a profile and on
    the list of authors each reloaded twice; now a tab reloads for each build that
    changed its own page, and every tab for a style sheet, which every page loads."""
    from generator import workers

    monkeypatch.setattr(workers, "PARALLEL_MIN", 5)
    site = tmp_path / "site"
    generate(site, papers=30, authors=3, seed=4)
    said: list[str] = []
    session = Session(site, out=said.append)
    try:
        assert session.rebuild()
        paper = _paper(site)
        page = f"papers/{paper.stem}/index.html"
        profiles = sorted(
            rel
            for rel in _showing(session.out_dir, f"papers/{paper.stem}/")
            if re.fullmatch(r"authors/[^/]+/index\.html", rel)
        )
        files = [page, "authors/index.html", *profiles]
        tabs = _Tabs(session, files)
        with tabs.open():
            paper.write_text(paper.read_text() + "\nQuasars and zebras, entirely new words.\n")
            assert session.rebuild([str(paper)])
            assert said[-1].startswith("built (novelty updated): ")  # two builds
            assert tabs.changes[page] >= 1 and tabs.changes["authors/index.html"] == 0
            assert tabs.reloads == tabs.changes  # not 2 for every tab

            (site / "static").mkdir()
            (site / "static" / "extra.css").write_text("p { margin: 0 }\n")
            assert session.rebuild([str(site / "static" / "extra.css")])
            assert tabs.reloads == {rel: tabs.changes[rel] + 1 for rel in files}
    finally:
        session.close()


def _served_version(html: str) -> int:
    """The version the reload script of a served page says the page has."""
    found = re.search(r"var served = (\d+);", html)
    assert found is not None, html[-300:]
    return int(found[1])


@contextmanager
def _live(folder: Path) -> Iterator[tuple[LiveState, str]]:
    """A live server on ``folder`` (a build folder made by hand), with its state and URL."""
    state = LiveState()
    state.publish(changed=True, error=None)  # the first build
    live = LiveServer("127.0.0.1", 0, folder, state)
    live.start()
    try:
        yield state, live.url
    finally:
        live.stop()


def test_a_page_read_while_a_build_writes_it_is_not_left_on_the_old_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tab loads a page; between the reading of its file and the sending of it, a build
    writes the page and says so. The tab got the old text: it must be told it is old (and
    reload), not be given the new build's version with the old text."""
    folder = tmp_path / "site"
    (folder / "papers" / "x").mkdir(parents=True)
    shown = folder / "papers" / "x" / "index.html"
    shown.write_text("<html><body>Old text.</body></html>")
    real, real_write = Path.read_bytes, Path.write_text

    def read_then_rebuild(path: Path) -> bytes:
        data = real(path)
        if path.name == "index.html":  # the build thread: written and published meanwhile
            real_write(shown, "<html><body>New text.</body></html>")
            state.publish(changed=True, error=None)
        return data

    with _live(folder) as (state, url):
        monkeypatch.setattr(Path, "read_bytes", read_then_rebuild)
        with urllib.request.urlopen(url + "papers/x/", timeout=TIMEOUT) as reply:
            html = reply.read().decode()
        monkeypatch.undo()
        assert "Old text." in html
        assert _served_version(html) < state.version_for("papers/x/index.html")  # reloads


@pytest.mark.parametrize("shown", ["/papers/new/", "/lab/papers/new/"])
def test_a_404_page_sent_while_a_build_makes_the_page_at_its_address_reloads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown: str
) -> None:
    """A tab asks for an address with no page; once the server has found no file there,
    a build writes the page at that address and says so, before the 404 page is sent. The
    tab got the 404 page with the new build's version, which its event stream (on a page
    now) said too: it stayed on the 404 page. It must be told it is old, and reload."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "404.html").write_text("<html><body>No such page.</body></html>")
    made = folder / "papers" / "new" / "index.html"
    real = os.path.isfile

    def look_then_build(path: Any) -> bool:
        found = real(path)
        if not found and str(path).endswith("new") and not made.exists():  # the build thread
            made.parent.mkdir(parents=True)
            made.write_text("<html><body>The new page.</body></html>")
            state.publish(changed=True, error=None, pages=["papers/new/index.html"])
        return found

    with _live(folder) as (state, url):
        state.base_path = "/lab/"
        monkeypatch.setattr(os.path, "isfile", look_then_build)
        with pytest.raises(urllib.error.HTTPError) as reply:
            urllib.request.urlopen(url + shown[1:], timeout=TIMEOUT)
        monkeypatch.undo()
        assert reply.value.code == 404
        assert made.is_file()  # made meanwhile
        served = _served_version(reply.value.read().decode())
        assert _first_event(url, shown)["version"] != served  # it reloads


def test_a_tab_left_open_while_serve_restarts_reloads_for_what_changed_meanwhile(
    tmp_path: Path,
) -> None:
    """serve is stopped, a paper edited, serve started again: the tab on the paper's page,
    whose event stream reconnects to the new serve, is told a version it was not given
    (each serve counted from 1, and the tab stayed on the old text)."""
    site = tmp_path / "site"
    generate(site, papers=6, authors=2, seed=9)
    paper = _paper(site)
    page = f"papers/{paper.stem}/index.html"
    before = Session(site, out=lambda line: None)
    try:
        assert before.rebuild()
        served = before.state.version_for(page)
    finally:
        before.close()
    paper.write_text(paper.read_text() + "\nEdited while serve was stopped.\n")
    after = Session(site, out=lambda line: None)
    try:
        assert after.rebuild()
        assert b"Edited while serve was stopped." in (after.out_dir / page).read_bytes()
        assert after.state.version_for(page) != served
    finally:
        after.close()


def _first_event(url: str, shown: str) -> dict[str, Any]:
    """The first state the event stream of a page at the URL path ``shown`` sends."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        conn.request("GET", f"{EVENTS_PATH}?page={urllib.parse.quote(shown, safe='')}")
        for raw in conn.getresponse():
            if raw.startswith(b"data: "):
                return dict(json.loads(raw[6:]))
        raise AssertionError("no event")
    finally:
        conn.close()


def test_a_tab_on_the_404_page_is_told_the_version_it_was_given(tmp_path: Path) -> None:
    """A tab on an address with no page gets the 404 page; a rebuild that changed one
    page only must not make it reload again and again (its events and its page agree)."""
    folder = tmp_path / "site"
    (folder / "papers" / "x").mkdir(parents=True)
    (folder / "papers" / "x" / "index.html").write_text("<html><body>x</body></html>")
    (folder / "404.html").write_text("<html><body>No such page.</body></html>")
    with _live(folder) as (state, url):
        state.publish(changed=True, error=None, pages=["papers/x/index.html"])
        try:
            urllib.request.urlopen(url + "papers/nope/", timeout=TIMEOUT)
        except urllib.error.HTTPError as error:
            html = error.read().decode()
        assert "No such page." in html
        assert _first_event(url, "/papers/nope/")["version"] == _served_version(html)
        with urllib.request.urlopen(url + "papers/x/", timeout=TIMEOUT) as reply:
            served = _served_version(reply.read().decode())
        assert _first_event(url, "/papers/x/")["version"] == served


def test_a_tab_on_the_404_page_reloads_for_what_may_change_it_only(tmp_path: Path) -> None:
    """A tab on the 404 page was given a new version by every build that changed a file,
    and by every build that failed after writing some other page ahead: it reloaded for
    nothing. It now reloads when the 404 page changes, a file that every page loads, or
    a build makes a page at its address (at the root or under base_url's path)."""
    folder = tmp_path / "site"
    for rel in ("papers/x/index.html", "404.html"):
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(f"<html><body>{rel}</body></html>")
    with _live(folder) as (state, url):
        state.base_path = "/lab/"
        tabs = {}
        for shown in ("/papers/nope/", "/lab/papers/nope/", "/papers/nope"):
            try:
                urllib.request.urlopen(url + shown[1:], timeout=TIMEOUT)
            except urllib.error.HTTPError as error:
                assert error.code == 404
                served = _served_version(error.read().decode())
            tabs[shown] = (Events(url, shown), served)
        try:

            def told() -> dict[str, dict[str, Any]]:
                """Each tab's next state, and whether the tab reloads for it."""
                now = {shown: events.next() for shown, (events, _) in tabs.items()}
                return {
                    shown: {**seen, "reloads": seen["version"] != tabs[shown][1]}
                    for shown, seen in now.items()
                }

            first = told()
            assert not any(state["reloads"] for state in first.values())

            state.publish_early(["papers/x/index.html"])  # written ahead; then it failed
            state.publish(changed=False, error="templates/cv.html:1: broken")
            failed = told()
            assert {s["error"] for s in failed.values()} == {"templates/cv.html:1: broken"}
            assert not any(s["reloads"] for s in failed.values())
            state.publish(changed=True, error=None, pages=["papers/x/index.html"])  # fixed
            assert not any(s["reloads"] or s["error"] for s in told().values())

            state.publish(changed=True, error=None, pages=["404.html"])
            assert all(s["reloads"] for s in told().values())
            tabs = {shown: (events, state.version) for shown, (events, _) in tabs.items()}
            state.publish(changed=True, error=None, pages=["papers/nope/index.html"])
            assert all(s["reloads"] for s in told().values())
            tabs = {shown: (events, state.version) for shown, (events, _) in tabs.items()}
            state.publish(changed=True, error=None, pages=None)  # a style sheet
            assert all(s["reloads"] for s in told().values())
        finally:
            for events, _ in tabs.values():
                events.close()


def test_a_fixed_record_reloads_its_open_page_first_not_after_the_whole_build(
    built: Session,
) -> None:
    """A typo in the record of the open paper shows the error over the tab; the fix is
    written first, as any edit is. The tab was told the new version with the old error
    still set, so it kept the overlay on the old page until the whole build had ended."""
    session = built
    try:
        paper = _paper(session.site_dir)
        page = f"papers/{paper.stem}/index.html"
        state = session.state
        told: list[tuple[int, str | None]] = []
        publish_early = state.publish_early

        def early(pages: list[str]) -> None:
            publish_early(pages)
            told.append(state.snapshot(page))  # what the tab's event stream says now

        state.publish_early = early  # type: ignore[method-assign]
        with state.watched(page):
            original = paper.read_text()
            paper.write_text(original.replace("citations:", "citaions:", 1))
            assert not session.rebuild([str(paper)])
            served, error = state.snapshot(page)
            assert error is not None and "citaions" in error
            paper.write_text(original + "\nFixed, and shown first.\n")
            assert session.rebuild([str(paper)])
        [(version, error)] = told
        assert version != served and error is None  # the script reloads the tab at once
        assert state.snapshot(page) == (version, None)  # and not again at the end
    finally:
        session.close()


def test_a_write_cut_short_then_undone_leaves_the_preview_as_a_cold_build(
    built: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild's write fails once its files are in (a full disk as it ends): the next
    build starts from the last good state, and an undo of the edit writes those pages
    back (they were left with the undone text)."""
    import errno

    from generator import build as build_module

    session = built
    try:
        paper = _paper(session.site_dir)
        original = paper.read_text()
        real = build_module.update_site

        def full_disk(out: Path, changes: Any, removed: Any) -> None:
            real(out, changes, removed)
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(build_module, "update_site", full_disk)
        paper.write_text(original + "\nWritten, then the disk was full.\n")
        assert not session.rebuild([str(paper)])
        monkeypatch.undo()
        paper.write_text(original)
        assert session.rebuild([str(paper)])
        _assert_as_cold(session, tmp_path / "cold")
    finally:
        session.close()


@pytest.mark.parametrize("change", ["new paper", "style sheet"])
def test_a_build_that_failed_once_its_files_were_in_reloads_their_tabs_with_the_next(
    built: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """A rebuild fails once its files are in (an internal error as it saves its state): a
    new paper's page, or a style sheet, is in the preview, but no tab was told (the build
    failed). The next build found those files as it would write them and wrote nothing:
    the tab on the 404 page at the new paper's address, or on any page for the style
    sheet, never reloaded. Now it does, and the preview is a cold build."""
    from generator import state
    from generator.serve import Missing

    session = built
    site = session.site_dir
    try:
        if change == "new paper":
            saved = site / "content" / "papers" / "brand-new.md"
            text = _paper(site).read_text().replace('title: "', 'title: "Brand new, ', 1)
            tab: str | Missing = Missing(("papers/brand-new/index.html",))
        else:
            (site / "static").mkdir()
            saved, text, tab = site / "static" / "extra.css", "p { margin: 0 }\n", "index.html"
        served = session.state.version_for(tab)

        def bug(*args: Any) -> None:
            raise RuntimeError("a bug")

        monkeypatch.setattr(state, "save", bug)
        saved.write_text(text)
        assert not session.rebuild([str(saved)])
        monkeypatch.undo()
        assert session.state.version_for(tab) == served  # the failure: not yet
        saved.write_text(text)  # saved again
        assert session.rebuild([str(saved)])
        assert session.state.version_for(tab) != served  # it reloads
        _assert_as_cold(session, tmp_path / "cold")
    finally:
        session.close()


def test_a_new_page_written_first_by_a_build_that_failed_goes_with_its_record(
    tmp_path: Path,
) -> None:
    """A tab still says it shows a page the last build did not make (a paper's, whose
    record an undo brings back before the tab has reloaded), while a template of the site
    is broken: the page is written first, then the build fails. Remove the record and fix
    the template: the page went on being served; now it goes, as a cold build has it."""

    site = tmp_path / "site"
    generate(site, papers=12, authors=3, seed=5)
    (site / "templates").mkdir()
    said: list[str] = []
    session = Session(site, out=said.append)
    try:
        assert session.rebuild()
        new = site / "content" / "papers" / "brand-new.md"
        page = "papers/brand-new/index.html"
        with session.state.watched(page):
            new.write_text(_paper(site).read_text().replace('title: "', 'title: "Brand new, ', 1))
            broken = site / "templates" / "cv.html"
            broken.write_text("{{ profile.author.no_such_field.name }}\n")
            assert not session.rebuild([str(new), str(broken)])
            assert (session.out_dir / page).is_file()  # written first
            new.unlink()
            broken.unlink()
            assert session.rebuild([str(new), str(broken)])
        _assert_as_cold(session, tmp_path / "cold")
    finally:
        session.close()


def test_an_address_too_long_for_a_file_name_gets_the_404_page_and_events(
    tmp_path: Path,
) -> None:
    """A name longer than the system allows (255 bytes): the request got no answer and the
    terminal a traceback, for a page and for an event stream saying it shows one (which
    the browser asks again every half second)."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "404.html").write_text("<html><body>No such page.</body></html>")
    long = "/" + "a" * 300 + "/"
    with _live(folder) as (state, url):
        with pytest.raises(urllib.error.HTTPError) as reply:
            urllib.request.urlopen(url + long[1:], timeout=TIMEOUT)
        assert reply.value.code == 404 and "No such page." in reply.value.read().decode()
        assert _first_event(url, long)["version"] == state.version


def _sed(paper: Path) -> None:
    """GNU sed -i: writes `sedAbC123` beside the file, then renames it over the file."""
    subprocess.run(["sed", "-i", "$a Edited with sed.", str(paper)], check=True)


def _vim(paper: Path) -> None:
    """vim: a write test file `4913`, a swap file, a backup `x.md~`, then the file itself."""
    folder = paper.parent
    (folder / "4913").write_text("")
    (folder / "4913").unlink()
    swap = folder / f".{paper.name}.swp"
    swap.write_bytes(b"b0VIM 9.0")
    shutil.copy(paper, folder / f"{paper.name}~")
    paper.write_text(paper.read_text() + "\nSaved by vim.\n")
    swap.unlink()


def _emacs(paper: Path) -> None:
    """Emacs: a lock link `.#x.md`, an auto-save `#x.md#`, the old file kept as `x.md~`."""
    folder = paper.parent
    lock = folder / f".#{paper.name}"
    lock.symlink_to("ada@laptop.4242:1700000000")
    autosave = folder / f"#{paper.name}#"
    text = paper.read_text() + "\nSaved by Emacs.\n"
    autosave.write_text(text)
    paper.rename(folder / f"{paper.name}~")
    paper.write_text(text)
    autosave.unlink()
    lock.unlink()


def _jetbrains(paper: Path) -> None:
    """JetBrains's safe write: `x.md___jb_tmp___`, the old file to `x.md___jb_old___`, swap."""
    folder = paper.parent
    temporary = folder / f"{paper.name}___jb_tmp___"
    old = folder / f"{paper.name}___jb_old___"
    temporary.write_text(paper.read_text() + "\nSaved by PyCharm.\n")
    paper.rename(old)
    temporary.rename(paper)
    old.unlink()


def _python_tool(paper: Path) -> None:
    """A tool's atomic write: tempfile's `tmpk3j_2x9q` in the same folder, os.replace."""
    with tempfile.NamedTemporaryFile("w", dir=paper.parent, delete=False) as file:
        file.write(paper.read_text() + "\nRewritten by a script.\n")
    os.replace(file.name, paper)


@pytest.mark.parametrize("save", [_sed, _vim, _emacs, _jetbrains, _python_tool])
def test_editors_temporary_files_are_not_reported_and_the_saved_file_is(
    tmp_path: Path, save: Callable[[Path], None]
) -> None:
    """Only the real file is a change: the log names it, and it is rebuilt once replaced."""
    site = tmp_path / "site"
    generate(site, papers=3, authors=1, seed=5)
    paper, other = sorted((site / "content" / "papers").glob("*.md"))[:2]
    watcher = Watcher(site)
    watcher.start()
    try:

        def seen_until(path: Path, poke: Callable[[], None] | None = None) -> set[str]:
            """Every path reported until ``path`` is; ``poke`` repeats a save until then."""
            seen: set[str] = set()
            give_up = time.monotonic() + TIMEOUT
            while time.monotonic() < give_up:
                if poke is not None:
                    poke()
                seen.update(watcher.wait(timeout=0.5))
                if str(path) in seen:
                    return seen
            pytest.fail(f"the watcher never reported {path}")

        # The watch is live once a save is seen (the kernel watch starts in a thread).
        seen_until(other, lambda: other.write_text(other.read_text()))
        save(paper)
        reported = seen_until(paper)
        # A later save is reported after anything left from this one (events are in order).
        other.write_text(other.read_text() + "\nLater.\n")
        reported |= seen_until(other)
    finally:
        watcher.stop()
    assert reported <= {str(paper), str(other)}, sorted(reported)


def test_the_log_names_the_saved_file_not_seds_temporary_file(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    paper = _paper(server.site)
    events = Events(server.url)
    try:
        first = events.next()
        _sed(paper)
        events.until(lambda s: s["version"] > first["version"])
        assert "Edited with sed." in server.get(f"papers/{paper.stem}/")[1]
    finally:
        events.close()
    log = capsys.readouterr().out
    assert f"built after content/papers/{paper.name}:" in log
    assert "content/papers/sed" not in log


@pytest.mark.parametrize(
    ("machine", "names"),
    [("box", ["box", "box.local"]), ("Box.lab.example.org", ["box.lab.example.org", "box.local"]),
     ("Ada-MacBook.local", ["ada-macbook.local"])],
)  # fmt: skip
def test_the_machine_is_reached_by_its_names_from_the_network(
    monkeypatch: pytest.MonkeyPatch, machine: str, names: list[str]
) -> None:
    """`serve --host 0.0.0.0` opened from a phone as `http://box.local:8000/` is answered."""
    monkeypatch.setattr(socket, "gethostname", lambda: machine)
    hosts = allowed_hosts("0.0.0.0")
    for name in names:
        assert host_allowed(f"{name}:8000", hosts), name
        assert host_allowed(name.upper(), hosts), name  # names ignore case
    assert not host_allowed("box.local.evil.example:8000", hosts)
    assert not host_allowed("evil.example", hosts)


def test_a_change_seen_by_both_watches_is_named_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`serve` in the site folder (`--site .`): a templates/ folder made and removed again
    was logged as `built after templates, templates, templates/paper.html`."""
    site = tmp_path / "site"
    generate(site, papers=2, authors=1, seed=9)
    watcher = Watcher(Path("."))
    # What watchfiles delivered there: the site folder's own watch (of `.`) and the
    # watch of templates/ name the folder in two spellings.
    watcher.changes.put([f"{site}/./templates"])
    watcher.changes.put([f"{site}/templates", f"{site}/templates/paper.html"])
    changed = watcher.wait(timeout=1)
    assert changed == [f"{site}/templates", f"{site}/templates/paper.html"]
    session = Session(site)
    try:
        assert session.rebuild(changed)
    finally:
        session.close()
    assert "built after templates, templates/paper.html: " in capsys.readouterr().out


def test_a_site_that_never_built_is_not_said_to_show_a_last_good_build(tmp_path: Path) -> None:
    """Started on a broken record, serve has nothing to show: the terminal does not speak of
    a last good build (nor the overlay: tests/test_browser.py), unless a last serve left one."""
    site = tmp_path / "site"
    generate(site, papers=2, authors=1, seed=9)
    paper = _paper(site)
    original = paper.read_text()
    paper.write_text(original.replace("citations:", "citaions:", 1))
    said: list[str] = []
    session = Session(site, out=said.append)
    try:
        assert not session.rebuild()
        assert said[-1] == "nothing to serve until it builds; fix the problem to continue"
        paper.write_text(original)
        assert session.rebuild()
    finally:
        session.close()
    # The next serve starts on a broken record again: the kept preview is served meanwhile.
    paper.write_text(original.replace("citations:", "citaions:", 1))
    again = Session(site, out=said.append)
    try:
        assert not again.rebuild()
        assert said[-1] == "serving the last good build; fix the problem to continue"
    finally:
        again.close()


def test_site_yaml_removed_while_serving_keeps_the_last_build_and_says_why(
    tmp_path: Path,
) -> None:
    """Deleted (a slip, a checkout), site.yaml was replaced by the defaults without a word:
    the preview became a site titled "Publications" at `/`, as if that were the change."""
    site = tmp_path / "site"
    generate(site, papers=2, authors=1, seed=9)
    config = site / "site.yaml"
    original = config.read_text()
    title = re.search(r"^title: (.+)$", original, re.MULTILINE)
    assert title is not None
    said: list[str] = []
    session = Session(site, out=said.append)
    page = session.out_dir / "index.html"
    try:
        assert session.rebuild()
        assert title.group(1).strip("'\"") in page.read_text()
        config.unlink()
        assert not session.rebuild([str(config)])
        removed = (
            "site.yaml: removed while serving; without it the site is built with the defaults "
            "(title `Publications`, base_url `/`, theme `default`, language `en`, no "
            "main_author), so the preview keeps the last build made with it: restore "
            "site.yaml (`git checkout site.yaml`), or save an empty site.yaml to build with "
            "the defaults"
        )
        assert said[-2].splitlines()[0] == removed
        assert said[-1] == "serving the last good build; fix the problem to continue"
        error = session.state.snapshot()[1]
        assert error is not None and error.startswith(removed)  # the overlay's text
        assert title.group(1).strip("'\"") in page.read_text()
        config.write_text(original)
        assert session.rebuild([str(config)])
        assert session.state.snapshot()[1] is None
        config.write_text("")  # the defaults, asked for
        assert session.rebuild([str(config)])
        assert title.group(1) not in page.read_text()
        assert "Publications" in page.read_text()
    finally:
        session.close()


@pytest.mark.parametrize("error", [BrokenPipeError, ConnectionResetError, ValueError])
def test_a_tab_that_leaves_mid_answer_prints_no_traceback(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: type[Exception],
) -> None:
    """A tab reloaded or closed while its page is sent: the server's write fails with a
    broken pipe, which printed a traceback amid the build's messages. Another failure of
    a request is still printed whole."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("<html><body>Text.</body></html>")

    def tab_gone(*args: Any) -> None:
        raise error("the tab went away")

    monkeypatch.setattr(Handler, "_html", tab_gone)
    with (
        _live(folder) as (_, url),
        pytest.raises((urllib.error.URLError, http.client.HTTPException, OSError)),
    ):
        urllib.request.urlopen(url, timeout=10).read()
    # (the server's thread prints before it closes the connection the client saw close)
    printed = capsys.readouterr().err
    assert ("Traceback" in printed) == (error is ValueError), printed
