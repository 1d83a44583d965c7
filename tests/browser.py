"""Helpers for tests that drive Debian's Chromium through Playwright (and for tools/audit.py)."""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# No downloads, no background traffic: the browser must only talk to our local server.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """A static file handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


# What GitHub Pages sends compressed to a browser that accepts gzip (text, not images).
_COMPRESSED = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "image/svg+xml",
)


class _Gzipped(_Quiet):
    """The static handler, sending text gzipped to browsers that accept it, as GitHub Pages does.

    Without it, Lighthouse times a large profile as no visitor receives it: 2.4 MB of HTML
    on a slow phone network instead of the ~0.7 MB that GitHub Pages sends.
    """

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not path.is_file()
            or not kind.startswith(_COMPRESSED)
        ):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _LikePages(_Quiet):
    """Serves a built site as GitHub Pages does a project site at ``base`` (such as /repo/).

    A missing address, at any depth, gets the site's own 404.html with status 404; a folder
    without its ``/`` is redirected to it (301); a folder without index.html is no listing
    but a 404; names are matched case by case; nothing outside ``base`` exists.
    """

    base = "/"

    def translate_path(self, path: str) -> str:
        where = urlsplit(path).path
        if not where.startswith(self.base):
            return str(Path(self.directory) / "\0outside")
        return super().translate_path("/" + where[len(self.base) :])

    def list_directory(self, path: Any) -> None:
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve_like_pages(folder: Path, base: str = "/") -> Iterator[str]:
    """Serve ``folder`` as GitHub Pages serves a site at path ``base``; yields the site's URL."""
    handler = type("Handler", (_LikePages,), {"base": base})
    with _serving(functools.partial(handler, directory=str(folder))) as root:
        yield root + base[1:]


@contextmanager
def serve(folder: Path, *, compress: bool = False) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) for the duration; yields the root URL.

    ``compress``: text is sent gzipped when the browser accepts it (as GitHub Pages does).
    """
    with _serving(
        functools.partial(_Gzipped if compress else _Quiet, directory=str(folder))
    ) as root:
        yield root


@contextmanager
def _serving(handler: Any) -> Iterator[str]:
    """A threaded server on 127.0.0.1 (a free port) for the duration; yields its root URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def built_and_served(root: Path, files: dict[str, str | bytes]) -> Iterator[str]:
    """A site of ``files`` written at ``root``, built and served, for a test module's
    ``site_url`` fixture (``yield from`` it); yields the root URL."""
    from generator.build import build
    from tests.conftest import write_files

    site = write_files(root, files)
    build(site, site / "output")
    with serve(site / "output") as url:
        yield url


def sample_built_and_served(site: Path, out: Path) -> Iterator[str]:
    """The sample site (``site``, a copy of it) built into ``out`` and served, for a test
    module's ``site_url`` fixture (``yield from`` it); yields the root URL."""
    from generator.build import build

    build(site, out)
    with serve(out) as url:
        yield url


def need_chromium() -> None:
    """Nothing if Chromium is installed; in CI (CI=true, or any value but 0 or false) a
    failure without it, elsewhere a skip."""
    import pytest

    if CHROMIUM.exists():
        return
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"CI is set but Chromium is missing at {CHROMIUM}; .ci/run installs it")
    pytest.skip(
        f"Chromium not installed at {CHROMIUM} (apt-get install chromium); browser tests skipped"
    )


def need_font(language: str) -> None:
    """Nothing if fontconfig knows a font for ``language`` (``ja``); in CI a failure
    without one, elsewhere a skip. Line breaking and widths of text in a script that no
    font covers are the browser's boxes for missing glyphs, not what a reader sees."""
    import shutil
    import subprocess

    import pytest

    found = ""
    if shutil.which("fc-list"):
        found = subprocess.run(
            ["fc-list", f":lang={language}"], capture_output=True, text=True, check=False
        ).stdout.strip()
    if found:
        return
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"CI is set but no font covers {language!r}; .ci/run installs one")
    pytest.skip(f"no font for {language!r} (apt-get install fonts-ipafont-gothic); skipped")


class _Shared:
    """The one Chromium that browser tests running one after another share (and its
    Playwright): launching it took a second or more for each test module that used one."""

    playwright: Any = None
    browser: Any = None


def shared_chromium() -> Any:
    """The shared Chromium, launched now if none is running (or the last one crashed)."""
    need_chromium()
    if _Shared.browser is not None and _Shared.browser.is_connected():
        return _Shared.browser
    close_shared_chromium()  # a crashed browser (and its Playwright) is not reused
    from playwright.sync_api import sync_playwright

    _Shared.playwright = sync_playwright().start()
    _Shared.browser = _Shared.playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
    )
    return _Shared.browser


def close_shared_chromium() -> None:
    """Close the shared Chromium and stop its Playwright, if they run; a browser or driver
    that has crashed is let go (the next browser test launches another).

    Called before each test that needs no browser: a running Playwright holds an event
    loop and a thread, which no other test had beside it before browsers were shared.
    """
    from playwright.sync_api import Error

    browser, playwright = _Shared.browser, _Shared.playwright
    _Shared.browser = _Shared.playwright = None
    if browser is not None:
        with suppress(Error):  # closed or crashed already
            browser.close()
    if playwright is not None:
        with suppress(Error):
            playwright.stop()


@contextmanager
def chromium() -> Iterator[Any]:
    """The shared Chromium for one test; the contexts and pages the test opened in it are
    closed afterwards, so that every test starts with none but its own (each new context
    is fresh: no cookies, storage or cache of another's). A browser that cannot close them
    (it crashed during the test) is let go: the next test gets a new one."""
    from playwright.sync_api import Error

    browser = shared_chromium()
    before = set(browser.contexts)
    try:
        yield browser
    finally:
        try:
            for context in browser.contexts:
                if context not in before:
                    context.close()
        except Error:
            close_shared_chromium()
            raise
