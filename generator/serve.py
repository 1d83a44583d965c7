"""``authorsite serve``: build, serve, rebuild on change, reload the browser.

The site is built into a temporary folder (never ``output/``) and served from there by
the standard library's HTTP server. A watcher (``watchfiles``: kernel file events, so
a 10,000-paper site costs nothing while idle and an edit is seen at once) rebuilds
incrementally on every change to ``site.yaml``, ``content/``, ``themes/``,
``templates/`` or ``static/``. Open pages hold a Server-Sent Events connection and
reload after a rebuild that changed files. A content error is printed in the terminal
and sent to the pages, which show it over the last good build until it is fixed.

The reload script is added to HTML responses by the server only; built files never
contain it.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import errno
import functools
import ipaddress
import json
import os
import queue
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import parse_qs, urlsplit

from generator.cache import CACHE_DIRNAME
from generator.deltree import remove_tree
from generator.discover import is_editor_litter
from generator.errors import (
    AuthorsiteError,
    ContentError,
    Problem,
    UsageError,
    listed,
    visible,
)
from generator.reporter import Reporter
from generator.reuse import Reuse
from generator.trust import stamp
from generator.write import MARKER

if TYPE_CHECKING:
    from generator.build import BuildResult

EVENTS_PATH = "/__authorsite/events"
WATCHED_DIRS = ("content", "themes", "templates", "static")
WATCHED_FILES = ("site.yaml",)
# Inputs that the last good build read and that are gone: refused (see _removed)
KEPT_INPUTS = ("content", "site.yaml")
KEEPALIVE_S = 15.0
# Changes closer together than this are one rebuild (an editor's save can be several writes).
SETTLE_S = 0.03
# How long a file saved empty (or cut short in its front matter) is given to get its
# text: an editor that saves in place empties the file, then writes it (on a busy machine
# in parts), and the empty record's error flashed over every tab. Only such a save waits;
# a file meant to be so is built after it.
EMPTIED_S = 0.4
# How long the changes of a git command at work (a checkout of another branch, a pull, a
# stash) are waited for, while it holds the index lock: its files came in several batches,
# each built (a mix of both branches, every tab reloaded for it) before the last.
GIT_BUSY_S = 10.0
# ... and then until no change has come for this long
GIT_QUIET_S = 0.2

RELOAD_SCRIPT = """<script>/* added by authorsite serve; not in the built site */
(function () {
  var served = %(version)d;
  var box = null;
  function show(text, ahead) {
    if (!box) {
      box = document.createElement("div");
      box.id = "authorsite-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:#140000;color:#fff;font:14px/1.5 ui-monospace,monospace;" +
        "padding:2em";
      var title = document.createElement("h2");
      title.textContent = document.getElementById("authorsite-waiting")
        ? "The site does not build yet: nothing to show until it does."
        : ahead
        ? "The last change did not build; this page shows a change that has not built yet, " +
          "the other pages the last good build."
        : "The last change did not build; showing the last good build.";
      title.style.cssText = "font:bold 18px sans-serif;margin:0 0 1em";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      box.appendChild(title);
      box.appendChild(pre);
      document.body.appendChild(box);
    }
    box.lastChild.textContent = text;
  }
  function hide() { if (box) { box.remove(); box = null; } }
  var source = new EventSource("%(events)s?page=" + encodeURIComponent(location.pathname));
  source.onmessage = function (event) {
    var state = JSON.parse(event.data);
    // A page written ahead of a build that failed is reloaded first, also when the tab
    // hears of it only with the failure: the overlay then says that it shows the change.
    if (state.error && !(state.ahead && state.version !== served)) {
      show(state.error, state.ahead);
    }
    else if (state.version !== served) { source.close(); location.reload(); }
    else { hide(); }
  };
})();
</script>
"""

WAITING_PAGE = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>authorsite serve</title>
<body><p id="authorsite-waiting">No build yet: fix the problems shown, and this page will reload.</p>
</body></html>
"""


NOT_FOUND_PAGE = "404.html"


@dataclass(frozen=True)
class Missing:
    """A tab on the 404 page, at an address that names no file of the build: ``files``
    are those that would be its page, should a build make one."""

    files: tuple[str, ...] = ()


# What a tab shows: a file of the build, the 404 page (Missing), or None: not known.
Shown: TypeAlias = "str | Missing | None"


class LiveState:
    """The served build's version and the current error, shared by all threads.

    Open pages say which file they show (``viewing``). A tab reloads when its own file
    changed (``version_for`` it moved on), or any file that every page may load (a style
    sheet), not when a rebuild changed only other pages; a tab on the 404 page (Missing)
    when that page changes, or a page is made at its address. A rebuild writes the open
    pages first and tells their tabs at once (:meth:`publish_early`), before it renders
    the rest of what changed.
    """

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.version = 0  # of the last build that changed files (0: none built yet)
        # The first build's version: this session's own, so that a tab left open while
        # serve was stopped and started again (its event stream reconnects by itself)
        # never takes the new session's numbers for the ones it was given.
        self.first = time.time_ns() // 1_000_000
        self.error: str | None = None
        self.closing = False
        # The path of base_url (`/repo/` for https://user.github.io/repo/): the 404 page
        # links from there, so the preview serves the site there too, as GitHub Pages does.
        self.base_path = "/"
        self.open: collections.Counter[str] = collections.Counter()  # file -> open pages
        self.ahead: dict[str, int] = {}  # file -> the version its early pages have
        self.shared = 0  # the version of the last change that every page may show
        self.changed: dict[str, int] = {}  # file -> the version that changed it, since
        # Files written ahead by builds that then failed, since the last good build: their
        # tabs show the change that did not build, not the last good build.
        self.partial: set[str] = set()

    def _next(self) -> int:
        """The version the build now running will have (with ``cond`` held)."""
        return self.version + 1 if self.version else self.first

    def _version(self, page: Shown) -> int:
        """:meth:`version_for`, with ``cond`` held."""
        if page is None:  # not known: any change
            return self.version
        if isinstance(page, Missing):
            # The 404 page changes with its own file, a file that every page loads, or a
            # page made at its address; not with other pages (written ahead of a build
            # that then failed, or by builds that succeeded).
            files = (NOT_FOUND_PAGE, *page.files)
            return max(self.shared, *(self.changed.get(rel, 0) for rel in files))
        if page in self.ahead:
            return self.ahead[page]
        return max(self.shared, self.changed.get(page, 0))

    def _state(self, page: Shown) -> tuple[int, str | None, bool]:
        """:meth:`told`, with ``cond`` held. A page written ahead comes from a build that
        read every record: the last build's error (a record being fixed) is not its."""
        if isinstance(page, str) and page in self.ahead:
            return self.ahead[page], None, False
        return self._version(page), self.error, isinstance(page, str) and page in self.partial

    def version_for(self, page: Shown) -> int:
        """The version a page showing ``page`` (a file of the build) has."""
        with self.cond:
            return self._version(page)

    def snapshot(self, page: Shown = None) -> tuple[int, str | None]:
        """The version (of ``page``'s file) and error now."""
        with self.cond:
            return self._state(page)[:2]

    def told(self, page: Shown = None) -> tuple[int, str | None, bool]:
        """What a tab showing ``page`` is told now: :meth:`snapshot`, and whether its file
        holds a change that did not build (written ahead by a build that then failed)."""
        with self.cond:
            return self._state(page)

    def viewing(self) -> frozenset[str]:
        """The files the open pages show."""
        with self.cond:
            return frozenset(self.open)

    @contextlib.contextmanager
    def watched(self, page: Shown) -> Iterator[None]:
        """While a page showing ``page`` holds its event stream open."""
        if not isinstance(page, str):
            yield
            return
        with self.cond:
            self.open[page] += 1
        try:
            yield
        finally:
            with self.cond:
                self.open[page] -= 1
                if self.open[page] <= 0:
                    del self.open[page]

    def publish_early(self, pages: Iterable[str]) -> None:
        """``pages`` are written ahead of the rest of the build: reload the pages showing
        them now, with the version the whole build will have."""
        with self.cond:
            pages = list(pages)
            if self.ahead.keys() & set(pages):
                # Written ahead twice in one build (first from the last build's page with
                # the new record, then as the model made it, otherwise after all): its tab,
                # told of the first, must hear of the second. The versions skip one.
                self.version = self._next()
            for page in pages:
                self.ahead[page] = self._next()
            self.cond.notify_all()

    def publish(
        self,
        *,
        changed: bool,
        error: str | None,
        pages: Iterable[str] | None = None,
        moved: bool = False,
    ) -> None:
        """Record a build's outcome and wake every open page.

        ``pages``: the only files the build changed (None: any, the first build's all).
        Pages written early have the new version already (they do not reload twice). A
        build that failed after writing some early still moves their version on, so that
        no page stays on it once the next build changes files. ``moved``: base_url's path
        changed, so every tab reloads (written ahead too: it was sent at an address that
        may now be none, under the old path).
        """
        with self.cond:
            if moved and self.ahead:
                self.version = self._next()
            if changed or self.ahead:
                self.version = self._next()
                if changed and pages is None:
                    self.shared = self.version
                    self.changed = {}
                for page in [*(pages or ()), *self.ahead]:
                    self.changed[page] = self.version
            self.partial = self.partial | set(self.ahead) if error is not None else set()
            self.ahead = {}
            self.error = error
            self.cond.notify_all()

    def written_ahead(self) -> list[str]:
        """The files the build now running has written ahead of the rest."""
        with self.cond:
            return sorted(self.ahead)

    def unbuilt(self) -> list[str]:
        """The files that hold a change that did not build: written ahead by the build now
        running, or by builds that failed since the last good one."""
        with self.cond:
            return sorted(self.partial | self.ahead.keys())

    def unfinished(self, files: Iterable[str]) -> None:
        """``files`` hold a change that did not build (a last serve wrote them ahead of a
        build that failed), until a build succeeds: as if written ahead by this one's."""
        with self.cond:
            self.partial.update(files)

    def wait_change(
        self, seen: tuple[int, str | None, bool], timeout: float, page: Shown = None
    ) -> tuple[int, str | None, bool]:
        """Block until the state of ``page``'s file differs from ``seen`` (or timeout, or
        closing)."""
        with self.cond:
            self.cond.wait_for(
                lambda: self.closing or self._state(page) != seen,
                timeout=timeout,
            )
            return self._state(page)

    def close(self) -> None:
        """Release every waiting event stream."""
        with self.cond:
            self.closing = True
            self.cond.notify_all()


def inject(body: bytes, version: int) -> bytes:
    """``body`` with the reload script before its last ``</body>`` (or at its end)."""
    script = (RELOAD_SCRIPT % {"version": version, "events": EVENTS_PATH}).encode()
    at = body.lower().rfind(b"</body>")
    return body + script if at < 0 else body[:at] + script + body[at:]


def allowed_hosts(host: str) -> frozenset[str]:
    """The names (besides IP addresses and ``localhost``) a request may be addressed to."""
    machine = socket.gethostname().lower()
    # A phone on the same network reaches the machine as `<name>.local` (mDNS), also where
    # the machine calls itself by a full name (`box.lab.example.org`: `box.local`).
    short = machine.split(".")[0]
    return frozenset({host.lower().strip("[]"), machine, f"{short}.local"} - {"", ".local"})


def host_allowed(header: str | None, names: frozenset[str]) -> bool:
    """Whether a request's ``Host`` names this server, not a web site that resolves to it.

    A page on ``evil.example`` can make its name resolve to 127.0.0.1 after it has loaded
    (DNS rebinding); the browser then lets it read the preview (drafts included) and the
    event stream, as same-origin. Its requests still carry ``Host: evil.example``. An IP
    address, ``localhost`` (and ``*.localhost``) or a name in ``names`` cannot be
    rebound by another site. A request without ``Host`` (HTTP/1.0) is no browser's.
    """
    if header is None:
        return True
    name = urlsplit(f"//{header.strip()}").hostname or ""
    if name == "localhost" or name.endswith(".localhost") or name in names:
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class Handler(SimpleHTTPRequestHandler):
    """Static files from the build folder; HTML gets the reload script; plus the event stream."""

    state: LiveState

    def __init__(
        self,
        *args: Any,
        state: LiveState,
        directory: str,
        hosts: frozenset[str] = frozenset(),
        **kwargs: Any,
    ) -> None:
        self.state = state
        self.hosts = hosts
        super().__init__(*args, directory=directory, **kwargs)

    def parse_request(self) -> bool:
        """The request line and headers; a request addressed to another host is refused."""
        if not super().parse_request():
            return False
        try:
            allowed = host_allowed(self.headers.get("Host"), self.hosts)
        except ValueError:  # `Host: [::1` and the like: no address at all
            allowed = False
        if not allowed:
            self.send_error(
                HTTPStatus.MISDIRECTED_REQUEST,
                "Not a name of this server",
                "authorsite serve answers requests for localhost, an IP address or "
                "the --host name only, so that another site cannot read the preview.",
            )
            return False
        return True

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for builds and errors, not for every request."""

    def end_headers(self) -> None:
        # A served page must never come from the browser's cache after a rebuild.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        """The file for ``path``, at the site's root or under base_url's path.

        The root comes first: base_url's path may name a folder of the site too (a
        repository called `papers` or `cv`), whose pages are still served at the root.
        """
        *root, last = self._places(path)
        for found in root:
            if os.path.isfile(found) or os.path.isfile(os.path.join(found, "index.html")):
                return found
        return last

    def _places(self, path: str) -> list[str]:
        """The files ``path`` may name: at the site's root, then under base_url's path
        (for a path under it)."""
        places = [super().translate_path(path)]
        base = self.state.base_path
        where = urlsplit(path).path
        if base != "/" and (where == base[:-1] or where.startswith(base)):
            places.append(super().translate_path("/" + where[len(base) :]))
        return places

    def do_GET(self) -> None:
        """Events, HTML with the script, or a plain static file."""
        split = urlsplit(self.path)
        if split.path == EVENTS_PATH:
            shown = parse_qs(split.query).get("page", [""])[0]
            self._events(self._file_of(shown) if shown.startswith("/") else None)
            return
        # The 404 page's version before looking for a file: a build that makes the page at
        # this address meanwhile then reloads the tab, where the other order gave the 404
        # page that build's version, and left the tab on it for good.
        missing = self.state.version_for(self._missing(split.path))
        target = Path(self.translate_path(self.path))
        # os.path's tests, not Path's: a name too long for the system is no file (Path's
        # raise, and the request got no answer but a traceback in the terminal).
        if os.path.isdir(target):
            if not split.path.endswith("/"):
                super().do_GET()  # the standard redirect to the folder's URL with a slash
                return
            target = target / "index.html"
        if target.suffix == ".html" and os.path.isfile(target):
            # The version before the bytes: a build that writes the page meanwhile then
            # reloads it once more, where the other order left it on the old page for good.
            version = self.state.version_for(self._relative(target))
            self._html(HTTPStatus.OK, target.read_bytes(), version)
        elif os.path.isfile(target):
            super().do_GET()
        else:
            self._not_found(missing)

    def _file_of(self, path: str) -> str | Missing:
        """The build's file that the URL path ``path`` shows (Missing: none of its files,
        the 404 page)."""
        target = Path(self.translate_path(path))
        if os.path.isdir(target):  # (os.path's: see do_GET)
            target = target / "index.html"
        found = self._relative(target) if os.path.isfile(target) else None
        return self._missing(path) if found is None else found

    def _missing(self, path: str) -> Missing:
        """The 404 page at the URL path ``path``: the files that would be its page."""
        files: list[str] = []
        for place in self._places(path):
            names = [Path(place, "index.html")]
            if not place.endswith("/"):  # `/x`: the file x too (x/'s page, by a redirect)
                names.append(Path(place))
            files += [rel for rel in map(self._relative, names) if rel is not None]
        return Missing(tuple(files))

    def _relative(self, target: Path) -> str | None:
        """``target`` as a path in the build folder, as the build names its files."""
        rel = os.path.relpath(target, self.directory)
        return None if rel.startswith("..") else Path(rel).as_posix()

    def _not_found(self, version: int) -> None:
        """The site's own 404 page (its tab at ``version``), or a note while there is no
        build yet."""
        page = Path(self.directory) / NOT_FOUND_PAGE
        if page.is_file():
            self._html(HTTPStatus.NOT_FOUND, page.read_bytes(), version)
        elif self.state.snapshot()[0] == 0:
            self._html(HTTPStatus.SERVICE_UNAVAILABLE, WAITING_PAGE.encode(), version)
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _html(self, status: HTTPStatus, body: bytes, version: int) -> None:
        """``body`` with the reload script of a page that has ``version``."""
        data = inject(body, version)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _events(self, page: Shown) -> None:
        """Server-Sent Events: the state now, then on every change, until the page closes.

        ``page`` is the file the page shows: a rebuild writes it first (see LiveState).
        """
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "keep-alive")
        self.end_headers()
        seen: tuple[int, str | None, bool] | None = None
        try:
            with self.state.watched(page):
                self.wfile.write(b"retry: 500\n\n")
                while not self.state.closing:
                    now = (
                        self.state.told(page)
                        if seen is None
                        else self.state.wait_change(seen, KEEPALIVE_S, page)
                    )
                    if now == seen:
                        self.wfile.write(b": keep-alive\n\n")
                    else:
                        payload = json.dumps({"version": now[0], "error": now[1], "ahead": now[2]})
                        self.wfile.write(f"data: {payload}\n\n".encode())
                        seen = now
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded


class _Server(ThreadingHTTPServer):
    """The preview's HTTP server: a tab that goes away mid-answer is no error."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Print the traceback of a request that failed, unless its client left: a tab
        reloaded or closed while a page was sent printed a BrokenPipeError's traceback
        amid the build's messages."""
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


class _IPv6Server(_Server):
    """An HTTP server on an IPv6 address; on ``::`` it answers IPv4 clients too."""

    address_family = socket.AF_INET6

    def server_bind(self) -> None:
        """Bind; ``::`` takes IPv4 as well, as ``0.0.0.0`` does (where the system lets it)."""
        with contextlib.suppress(OSError, AttributeError):
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


def _owned(folder: Path) -> None:
    """Empty a kept preview ``folder`` that this user's serve did not make (see ``trust``).

    A site can bring a `.authorsite-cache/serve/site/` along; its pages would be served as
    the preview until the first build succeeds.
    """
    owner = folder / "owner"
    try:
        if owner.read_text("ascii") == stamp():
            return
    except (OSError, UnicodeDecodeError):
        pass
    for entry in folder.iterdir():
        if entry.name != "serve.lock":
            if entry.is_dir() and not entry.is_symlink():
                remove_tree(entry)
            else:
                entry.unlink(missing_ok=True)
    owner.write_text(stamp(), "ascii")


class LiveServer:
    """A build folder served over HTTP with live state; stops cleanly."""

    def __init__(self, host: str, port: int, directory: Path, state: LiveState) -> None:
        handler = functools.partial(
            Handler, state=state, directory=str(directory), hosts=allowed_hosts(host)
        )
        # ThreadingHTTPServer is IPv4 only: an IPv6 address (`::`, `::1`) needs its own family
        ipv6 = ":" in host
        try:
            self.httpd = (_IPv6Server if ipv6 else _Server)((host, port), handler)
        except OSError as exc:
            shown = f"[{host}]" if ipv6 else host
            fix = ""
            if exc.errno == errno.EADDRINUSE:  # most often another `serve` left running
                other = port + 1 if 0 < port < 65535 else 8001
                fix = (
                    "; another program (another `authorsite serve`?) is using that port: stop "
                    f"it, or pass --port {other} (--port 0: any free port)"
                )
            elif exc.errno == errno.EADDRNOTAVAIL:
                fix = "; this machine has no such address: leave --host out (127.0.0.1)"
            elif exc.errno == errno.EACCES:
                fix = "; ports below 1024 need administrator rights: pass --port 8000"
            raise UsageError(f"cannot serve on {shown}:{port}: {exc.strerror}{fix}") from None
        self.httpd.daemon_threads = True
        self.state = state
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The address to open (on this machine)."""
        name = self.host
        if self.everywhere:  # 0.0.0.0 or `::` is no address to open: this machine's own is
            name = "::1" if ":" in name else "127.0.0.1"
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{self.httpd.server_address[1]}/"

    @property
    def host(self) -> str:
        """The address listened on."""
        host = self.httpd.server_address[0]
        return host.decode() if isinstance(host, bytes) else str(host)

    @property
    def everywhere(self) -> bool:
        """Whether every address of this machine is listened on (other machines' too)."""
        return ipaddress.ip_address(self.host.split("%")[0]).is_unspecified

    def elsewhere(self, drafts: bool) -> str:
        """What other machines open, and what they see (for ``--host 0.0.0.0`` or ``::``)."""
        short = socket.gethostname().lower().split(".")[0]
        seen = "the preview, drafts included" if drafts else "the preview"
        return (
            f"note: every machine on your network can open {seen}: "
            f"http://{short}.local:{self.httpd.server_address[1]}/ or this machine's IP "
            "address; leave --host out to keep it to this machine"
        )

    def start(self) -> None:
        """Serve in a background thread."""
        self.thread.start()

    def stop(self) -> None:
        """Close event streams, stop accepting, free the port."""
        self.state.close()
        if self.thread.is_alive():  # (shutdown waits for a serve_forever that never ran)
            self.httpd.shutdown()
        self.httpd.server_close()


class Watcher:
    """Kernel file events for the site's inputs, delivered to one queue."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.git = _git_dir(site_dir)
        self.changes: queue.Queue[list[str]] = queue.Queue()
        self.stop_event = threading.Event()
        self.threads: list[threading.Thread] = []
        # each watched input folder -> what stops its own watch (besides stop_event)
        self.watched: dict[Path, threading.Event] = {}

    def start(self) -> None:
        """Watch folders recursively, and the site folder itself for ``site.yaml``."""
        # The site folder is watched alone, not recursively (it may hold .venv and output/);
        # a file watch would lose site.yaml when an editor saves by renaming. It also sees
        # a `templates/` or `static/` made while serving, which is then watched too, and
        # an input folder deleted and made again (or moved away and back), watched anew.
        self._spawn(
            self.site_dir,
            recursive=False,
            keep=lambda p: Path(p).name in WATCHED_FILES + WATCHED_DIRS,
        )
        for name in WATCHED_DIRS:
            if (self.site_dir / name).is_dir():
                self._watch_dir(self.site_dir / name)

    def _watch_new_dirs(self, batch: set[tuple[Any, str]]) -> None:
        """Watch the input folders that ``batch`` (of the site folder's watch) says were
        made: new ones, and ones made again, whose old watch saw its folder go (a folder
        deleted and put back was watched no more, and every later save went unseen)."""
        import watchfiles

        for change, path in batch:
            folder = Path(path)
            if folder.name not in WATCHED_DIRS or not folder.is_dir():
                continue
            if folder not in self.watched or change == watchfiles.Change.added:
                self._watch_dir(folder)

    def _watch_dir(self, folder: Path) -> None:
        """Watch ``folder`` and everything in it (instead of any watch it had)."""
        old = self.watched.get(folder)
        if old is not None:
            old.set()
        self.watched[folder] = threading.Event()
        self._spawn(folder, recursive=True, keep=_not_editor_litter, own=self.watched[folder])

    def _spawn(
        self,
        path: Path,
        *,
        recursive: bool,
        keep: Callable[[str], bool],
        own: threading.Event | None = None,
    ) -> None:
        import watchfiles

        stopped = _Either(self.stop_event, own)

        def run() -> None:
            for batch in watchfiles.watch(
                path,
                watch_filter=lambda _change, path: keep(path),
                recursive=recursive,
                stop_event=stopped,
                debounce=400,
                step=int(SETTLE_S * 1000),
                rust_timeout=500,
                raise_interrupt=False,
            ):
                if stopped.is_set():  # replaced by a new watch: that one says the changes
                    return
                if not recursive:  # before the rebuild, so that no later save is missed
                    self._watch_new_dirs(batch)
                self.changes.put([path for _change, path in batch])  # one batch, whole

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        self.threads.append(thread)

    def wait(self, timeout: float) -> list[str]:
        """The changed paths once some arrive and settle (empty after ``timeout``)."""
        try:
            paths = list(self.changes.get(timeout=timeout))
        except queue.Empty:
            return []
        # watchfiles has already waited for the writes to settle (``step``); batches
        # that arrived meanwhile (the other watch) join this one.
        paths += self._arrived()
        deadline = time.monotonic() + EMPTIED_S
        while any(map(_cut_short, paths)) and (left := deadline - time.monotonic()) > 0:
            try:
                paths += self.changes.get(timeout=left)
            except queue.Empty:
                break
            paths += self._arrived()
        paths += self._git_done()
        # `serve` in the site folder watches `.`: the folder's own watch then says
        # `/site/./templates` for what the folder's watch says `/site/templates`.
        return sorted({os.path.normpath(path) for path in paths})

    def _git_done(self) -> list[str]:
        """The changes that arrive while a git command holds the index lock of the site's
        repository (up to GIT_BUSY_S), and until they stop (GIT_QUIET_S): a checkout
        writes its files in one go, but on a busy machine with pauses longer than a save's
        settling, and each watch (content/'s, the site folder's for site.yaml) says its
        own part in its own time, also after git is done."""
        if self.git is None or not (_git_busy(self.git) or _git_just_done(self.git)):
            return []
        paths: list[str] = []
        deadline = time.monotonic() + GIT_BUSY_S
        while _git_busy(self.git) and time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                paths += self.changes.get(timeout=SETTLE_S)
        while time.monotonic() < deadline:
            try:
                paths += self.changes.get(timeout=GIT_QUIET_S)
            except queue.Empty:
                break
        return paths

    def _arrived(self) -> list[str]:
        """The paths of the batches already waiting."""
        paths: list[str] = []
        while True:
            try:
                paths += self.changes.get_nowait()
            except queue.Empty:
                return paths

    def stop(self) -> None:
        """Stop the watch threads."""
        self.stop_event.set()
        for thread in list(self.threads):
            thread.join(timeout=2)


@dataclass(frozen=True)
class _Either:
    """Set when either event is (watchfiles' ``stop_event``)."""

    first: threading.Event
    second: threading.Event | None

    def is_set(self) -> bool:
        return self.first.is_set() or (self.second is not None and self.second.is_set())


def _cut_short(path: str) -> bool:
    """Whether ``path`` is a file with nothing in it, or a record whose front matter opens
    and is never closed (a save half done, most often: the editor writes the rest next)."""
    from generator.parse import split_front_matter

    try:
        if not os.path.isfile(path):
            return False
        size = os.stat(path).st_size
        if size == 0:
            return True
        if not path.endswith(".md") or size > 1 << 20:
            return False
        with open(path, encoding="utf-8", errors="replace", newline="") as file:
            text = file.read().replace("\r\n", "\n")
    except OSError:
        return False
    return text.split("\n", 1)[0].rstrip() == "---" and split_front_matter(text) is None


def _git_dir(site_dir: Path) -> Path | None:
    """The folder of the git repository that holds ``site_dir`` (None: none)."""
    folder = site_dir.resolve()
    for place in (folder, *folder.parents):
        dot = place / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():  # a worktree or submodule: `gitdir: <its folder>`
            with contextlib.suppress(OSError, UnicodeDecodeError):
                first = dot.read_text("utf-8").partition("\n")[0]
                if first.startswith("gitdir: "):
                    return place / first[len("gitdir: ") :].strip()
            return None
    return None


def _git_busy(git: Path) -> bool:
    """Whether a git command is at work: its index lock is there, and fresh (a lock left
    by a git that crashed is old, and must not hold every rebuild up)."""
    try:
        return time.time() - (git / "index.lock").stat().st_mtime < GIT_BUSY_S
    except OSError:
        return False


def _git_just_done(git: Path) -> bool:
    """Whether a git command wrote the index just now (a checkout ends so, its lock gone
    before the watch of the last file it wrote says so)."""
    try:
        return time.time() - (git / "index").stat().st_mtime < GIT_QUIET_S * 5
    except OSError:
        return False


def _not_editor_litter(path: str) -> bool:
    """Skip the swap, backup, lock and temporary files that editors write beside real ones.

    A save that replaces the file by renaming a temporary one over it is still seen: the
    rename's target is the real file's name.
    """
    return not (is_editor_litter(os.path.basename(path)) or "__pycache__" in path)


class Session:
    """One ``serve`` run: the temporary build folder, the builds and the live state."""

    def __init__(
        self,
        site_dir: Path,
        *,
        drafts: bool = False,
        base_url: str | None = None,
        out: Callable[[str], None] | None = None,
        reporter: Reporter | None = None,
    ) -> None:
        """``reporter``: the progress of each build after a change (a bar on a terminal,
        a plain line elsewhere, as ``build``'s); None: none."""
        self.site_dir = site_dir
        self.drafts = drafts
        self.reporter = reporter
        self.base_url = base_url
        # Beside the site (in its cache folder) rather than in /tmp: same disk, and on some
        # systems /tmp is much slower to create files in. The first serve of a site keeps
        # its preview in `.authorsite-cache/serve/` between runs, so that the next start is
        # an incremental build (at 10,000 papers ~1 s instead of ~15 s); a second serve of
        # the same site at the same time builds into a temporary folder of its own.
        self.lock: Any = None
        self.keep = False
        try:
            cache_dir = site_dir / CACHE_DIRNAME
            cache_dir.mkdir(exist_ok=True)
            if cache_dir.is_symlink() or (cache_dir / "serve").is_symlink():
                raise OSError("the site's cache folder is a link: not used")  # see _owned
            self.lock = _exclusive(cache_dir / "serve.lock")
            if self.lock is not None:
                self.tmp = cache_dir / "serve"
                self.tmp.mkdir(exist_ok=True)
                _owned(self.tmp)
                self.keep = True
            else:
                self.tmp = Path(tempfile.mkdtemp(prefix="serve-", dir=cache_dir))
        except OSError:
            self.tmp = Path(tempfile.mkdtemp(prefix="authorsite-serve-"))
        self.out_dir = self.tmp / "site"
        self.state = LiveState()
        self.say = out or (lambda line: print(line, flush=True))
        self.memory = Reuse()  # what the last build read and made, for the next
        self.warned: tuple[str, ...] = ()  # said once, not again after every save
        # Which of site.yaml and content/ the last good build read: one removed since is
        # not built as the defaults (or a site without records) without a word (_removed)
        self.had: frozenset[str] = frozenset()

    def rebuild(self, reason: Iterable[str] = ()) -> bool:
        """Build once; publish the outcome; True when the build succeeded.

        On a large site, the build after a text edit shows the last novelty scores (the
        page reloads without waiting ~0.4 s for novelty), and a second build right after
        settles them: the page reloads again only if a shown value changed.
        """
        paths = list(reason)
        names = [os.path.relpath(p, self.site_dir) for p in paths]
        what = f" after {', '.join(names[:3])}{' …' if len(names) > 3 else ''}" if names else ""
        # The watcher's paths spare a scan of every input; the first build has none.
        result = self._build(what, provisional=True, changed=paths if paths else None)
        if result is not None and not result.settled:
            result = self._build(" (novelty updated)", provisional=False, changed=[])
        return result is not None

    def warm(self) -> None:
        """After a first build that had nothing to do (the preview a last serve kept), read
        the site as a rebuild does, writing nothing: the first save's rebuild then reuses
        what the next ones do (decoded records, the model's parts, pages and fingerprints,
        the pages written ahead of the model), instead of making them all (~3.5 s at
        10,000 papers, ~0.15 s after). Its watcher is on meanwhile: a save waits for it.
        Nothing is said: a problem (or a bug) is said by the next build, which meets it
        again."""
        if self.memory.records or not self.state.snapshot()[0]:
            return  # the first build read the site, or failed
        with contextlib.suppress(Exception):
            self._run(changed=[], first=((), self.state.publish_early), load=True)

    def _run(self, **options: Any) -> BuildResult:
        """A build of the site into the preview, with this session's options and memory."""
        from generator.build import build

        return build(
            self.site_dir,
            self.out_dir,
            drafts=self.drafts,
            base_url=self.base_url,
            memory=self.memory,
            private_out=True,
            **options,
        )

    def _build(
        self, what: str, *, provisional: bool, changed: list[str] | None
    ) -> BuildResult | None:
        """One build, said and published; None when it failed."""
        started = time.perf_counter()
        has = frozenset(name for name in KEPT_INPUTS if os.path.lexists(self.site_dir / name))
        try:
            if self.had - has:
                raise ContentError([_removed(name) for name in sorted(self.had - has)])
            result = self._run(
                reporter=self.reporter,
                provisional_novelty=provisional,
                changed=changed,
                first=(self.state.viewing(), self.state.publish_early),
            )
        except AuthorsiteError as exc:
            self._kept_unfinished()
            early = self.state.written_ahead()
            text = _ahead_of(exc, early) if early else exc.format()
            self.say(text)
            unbuilt = self.state.unbuilt()  # this build's, or a failed one's before it
            if unbuilt and set(unbuilt) <= set(early):  # named in the error just said
                but = "it" if len(unbuilt) == 1 else "those"
                self.say(f"serving the last good build but for {but}; fix the problem to continue")
            elif unbuilt:
                show = "shows" if len(unbuilt) == 1 else "show"
                self.say(
                    f"serving the last good build but for {listed(unbuilt)}, which {show} a "
                    "change that has not built yet; fix the problem to continue"
                )
            elif (self.out_dir / MARKER).is_file():  # this one's, or a last serve's kept one
                self.say("serving the last good build; fix the problem to continue")
            else:
                self.say("nothing to serve until it builds; fix the problem to continue")
            self._failed(text)
            return None
        except Exception as exc:  # a bug must not stop the server; say it in one line
            text = visible(f"internal error while building: {type(exc).__name__}: {exc}")
            self.say(text)
            self._kept_unfinished()
            self._failed(text)
            return None
        seconds = time.perf_counter() - started
        self.had = has
        for line in result.warnings:
            if line not in self.warned:
                self.say(line)
        self.warned = result.warnings
        later = "" if result.settled else "; novelty follows"
        self.say(
            f"built{what}: {result.pages_written} written, "
            f"{result.pages_unchanged} unchanged, {seconds:.2f} s{later}"
        )
        first = self.state.snapshot()[0] == 0
        base, was = _base_path(self.site_dir, self.base_url), self.state.base_path
        self.state.base_path = base
        moved = not first and base != was
        if moved:
            self.say(_moved(base, was))
        self.state.publish(
            changed=first or result.pages_written > 0,
            error=None,
            pages=None if first or moved else result.pages,
            moved=moved,
        )
        return result

    def _kept_unfinished(self) -> None:
        """After a failed build: before any build of this serve succeeded, the preview is
        the one a last serve kept, and the pages it wrote ahead of its failure hold the
        change still; their overlay, and the terminal, say so."""
        if self.keep and not self.state.snapshot()[0]:
            from generator import state

            self._with_cache(
                lambda cache: self.state.unfinished(state.unfinished(cache, self.out_dir))
            )

    def _failed(self, text: str) -> None:
        """Publish a failed build."""
        self.state.publish(changed=False, error=text)

    def _with_cache(self, use: Callable[[Any], None]) -> None:
        """``use`` the site's build cache (not at all where it cannot be opened)."""
        from generator.cache import BuildCache

        with contextlib.suppress(OSError):
            cache = BuildCache(self.site_dir)
            try:
                use(cache)
            finally:
                cache.close()

    def close(self) -> None:
        """Remove the temporary build folder (the kept preview stays for the next start)."""
        if self.keep:
            if self.memory.dirty and self.memory.state is not None:
                # A build failed after writing some pages: the next start writes them again
                # (and what changed meanwhile), not the whole preview.
                from generator import state

                kept, dirty = self.memory.state, self.memory.dirty
                self._with_cache(lambda cache: state.keep_unfinished(cache, kept, dirty))
            self.lock.close()  # releases the lock
        else:
            remove_tree(self.tmp)


def _removed(name: str) -> Problem:
    """site.yaml or content/ deleted while serving (by mistake, or by a checkout of a branch
    without it): a build would make another site, silently: one named and addressed by the
    defaults, or one without authors or papers, every open tab then on its 404 page."""
    if name == "site.yaml":
        return Problem(name, 0, _config_removed())
    return Problem(
        f"{name}/",
        0,
        "removed while serving (or moved away); without it the site has no authors, papers "
        "or pages, so the preview keeps the last build made with it: restore it "
        f"(`git checkout {name}`, or move it back), or make an empty {name}/ folder to build "
        "a site without records",
    )


def _config_removed() -> str:
    """What a site built without site.yaml would be, and what to do instead."""
    from generator.model import SiteConfig

    default = SiteConfig()
    return (
        "removed while serving; without it the site is built with the defaults (title "
        f"`{default.title}`, base_url `{default.base_url}`, theme `{default.theme}`, language "
        f"`{default.language}`, no main_author), so the preview keeps the last build made "
        "with it: restore site.yaml (`git checkout site.yaml`), or save an empty site.yaml "
        "to build with the defaults"
    )


def _ahead_of(exc: AuthorsiteError, early: list[str]) -> str:
    """The error of a build that failed after writing the open pages ``early`` first: not
    "nothing was written", as a build that writes nothing ahead says."""
    if not isinstance(exc, ContentError):
        return exc.format()
    count = len(exc.problems)
    pages = "the open page" if len(early) == 1 else "the open pages"
    show = "shows" if len(early) == 1 else "show"
    return (
        f"{exc}\n{count} problem{'' if count == 1 else 's'}; nothing was written but {pages} "
        f"shown first, which {show} the change: {listed(early)}."
    )


def _moved(base: str, was: str) -> str:
    """What serve says when base_url's path changed from ``was`` to ``base``: where the
    preview is now (the tabs under ``was`` reload to the 404 page)."""
    now = "at the root only" if base == "/" else f"also under {base}, as published"
    gone = "" if was == "/" else f"; no longer under {was}"
    return f"base_url's path is now {base}: the preview is {now}{gone}"


def _base_path(site_dir: Path, base_url: str | None) -> str:
    """The path of the base_url the site is built for (``/`` for none, or a bad one)."""
    from generator.config import load_config
    from generator.errors import Problems

    config = load_config(site_dir / "site.yaml", "site.yaml", Problems(), base_url=base_url)
    return urlsplit(config.base_url).path or "/"


def _exclusive(path: Path) -> Any:
    """An open lock file held exclusively by this process, or None if another holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock: every serve gets a folder of its own
        return None
    handle = open(path, "w")  # noqa: SIM115 - held open for the whole session
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def serve(
    site_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    drafts: bool = False,
    ready: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Build, serve and watch until Ctrl-C (or ``stop`` is set); return the exit status."""
    if not site_dir.is_dir():
        raise UsageError(f"{site_dir}: no such site folder")
    # The first build of a large site takes seconds (~14 s at 10,000 papers without a kept
    # preview), a change of site.yaml or a template as many: they showed no progress at all.
    session = Session(site_dir, drafts=drafts, reporter=Reporter())
    server: LiveServer | None = None
    watcher = Watcher(site_dir)
    if threading.current_thread() is threading.main_thread():
        # A process manager's SIGTERM stops the server as cleanly as Ctrl-C does.
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        # The port first: one in use (another serve left running) is said at once, not
        # after a first build that may take a while (14 s at 10,000 papers). Requests wait
        # for the build, then are answered.
        server = LiveServer(host, port, session.out_dir, session.state)
        # Watching first: a save during the first build (seconds on a large site) was
        # never seen, and the preview kept the file as that build had read it.
        watcher.start()
        session.rebuild()
        server.start()
        base = session.state.base_path
        under = f"; also under {base}, as published" if base != "/" else ""
        print(
            f"serving a preview of {site_dir.resolve()} at {server.url} (Ctrl-C to stop{under}"
            "); `authorsite build` writes output/",
            flush=True,
        )
        if server.everywhere:
            print(server.elsewhere(drafts), flush=True)
        if ready is not None:
            ready(server.url)
        session.warm()
        while stop is None or not stop.is_set():
            changed = watcher.wait(timeout=0.25)
            if changed:
                session.rebuild(changed)
    except KeyboardInterrupt:
        print("\nstopping", flush=True)
    finally:
        watcher.stop()
        if server is not None:
            server.stop()
        session.close()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _serve_command(args: argparse.Namespace) -> int:
    """``authorsite serve``."""
    from generator.build import require_site

    require_site(Path(args.site))
    return serve(Path(args.site), args.host, args.port, drafts=args.drafts)


def _port(value: str) -> int:
    """``--port``: a TCP port number (the socket module raises OverflowError for others)."""
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a port number; write one from 1 to 65535 (0: any free port)"
        )
    return port


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``authorsite serve``."""
    parser = subparsers.add_parser(
        "serve", help="build, serve on 127.0.0.1:8000, rebuild on change, reload the browser"
    )
    parser.add_argument("--site", default=".", metavar="DIR", help="the site folder (default: .)")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )
    parser.add_argument("--port", type=_port, default=8000, help="port (default 8000; 0: any free)")
    parser.add_argument("--drafts", action="store_true", help="include papers marked draft: true")
    parser.set_defaults(func=_serve_command)


if __name__ == "__main__":  # pragma: no cover - convenience for manual runs
    sys.exit(serve(Path(sys.argv[1] if len(sys.argv) > 1 else ".")))
