"""Imports from a URL: the answer is read only as far as it is needed, and a server that
sends too much, breaks off or is no web server gets one message, with nothing written."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from generator.cli import main
from generator.ingest import sources
from tests.ingest_support import new_site, read_papers, snapshot

ENTRY = (
    "@article{{key{n},\n  title = {{A Study of Streams, Part {n}}},\n"
    "  author = {{Ada Lovelace and Alan Turing}},\n  journal = {{Streams}},\n  year = {{2021}}\n}}\n"
)
HUGE = 200 * 1024 * 1024  # what the junk and endless answers announce or would send


class _Server(http.server.BaseHTTPRequestHandler):
    """Loopback answers, one per path; ``sent`` counts the bytes each one got out."""

    sent: ClassVar[dict[str, int]] = {}
    ended: ClassVar[dict[str, threading.Event]] = {}

    def do_GET(self) -> None:
        path = self.path
        self.sent[path] = 0
        self.ended[path] = threading.Event()
        try:
            if path == "/not-http":  # an SSH server on the port, say
                self._out(b"SSH-2.0-OpenSSH_9.6\r\n")
            elif path == "/cut.bib":  # announces 100,000 bytes, sends 1,000, hangs up
                self._head("application/x-bibtex", 100_000)
                self._out(ENTRY.format(n=1).encode().ljust(1000, b"%"))
            elif path == "/cut-chunked.bib":  # a chunk of 4,096 bytes, cut after 1,000
                self.send_response(200)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self._out(b"1000\r\n" + ENTRY.format(n=1).encode().ljust(1000, b"%"))
            elif path == "/junk.bib":  # a large binary file
                self._head("application/octet-stream", HUGE)
                block = bytes(range(256)) * 256
                while self.sent[path] < HUGE:
                    self._out(block)
            elif path == "/many.bib":  # 60 entries, read a few bytes at a time
                self._head("application/x-bibtex", None)
                self._out("".join(ENTRY.format(n=n) for n in range(60)).encode())
            elif path == "/endless.bib":  # valid entries that never end
                self._head("application/x-bibtex", None)
                n = 0
                while self.sent[path] < HUGE:
                    n += 1
                    self._out("".join(ENTRY.format(n=n * 100 + i) for i in range(100)).encode())
            else:
                self.send_error(404)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the importer stopped reading and hung up
        finally:
            self.ended[path].set()

    def _head(self, kind: str, length: int | None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def _out(self, data: bytes) -> None:
        self.wfile.write(data)
        self.sent[self.path] += len(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    httpd.daemon_threads = False  # closing the server waits for each answer to end
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Server.sent, _Server.ended = {}, {}
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path)


def _answered(path: str) -> int:
    """Bytes the server got out for ``path``, once its answer ended."""
    assert _Server.ended[path].wait(10)
    return _Server.sent[path]


def test_a_binary_file_at_a_url_is_refused_from_its_first_bytes(
    site: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(site)
    assert main(["import", "bibtex", f"{server}/junk.bib", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{server}/junk.bib: is binary data" in err
    assert "Traceback" not in err
    assert snapshot(site) == before
    # Only what the sockets buffer went out, not the 200 MB the server offered.
    assert _answered("/junk.bib") < 32 * 1024 * 1024


def test_an_answer_that_never_ends_stops_at_the_limit(
    site: Path, server: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_DOWNLOAD", 2 * 1024 * 1024)
    before = snapshot(site)
    assert main(["import", "bibtex", f"{server}/endless.bib", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert (
        f"{server}/endless.bib: the answer is larger than 2 MB; download it, "
        "look at what it is, and import the file"
    ) in err
    assert snapshot(site) == before


def test_an_answer_read_in_many_pieces_is_imported_whole(
    site: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "_PIECE", 100)  # not one entry a piece
    assert main(["import", "bibtex", f"{server}/many.bib", "--site", str(site)]) == 0
    titles = sorted(data["title"] for _, data, _ in read_papers(site))
    assert titles == sorted(f"A Study of Streams, Part {n}" for n in range(60))


@pytest.mark.parametrize("path", ["/cut.bib", "/cut-chunked.bib"])
def test_a_connection_that_breaks_off_is_named_and_nothing_is_written(
    site: Path, server: str, capsys: pytest.CaptureFixture[str], path: str
) -> None:
    before = snapshot(site)
    assert main(["import", "bibtex", f"{server}{path}", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{server}{path}: the connection broke off after " in err
    assert "try again" in err
    assert "Traceback" not in err
    assert snapshot(site) == before


def test_a_server_that_does_not_speak_http_is_one_message(
    site: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "arxiv", f"{server}/not-http", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{server}/not-http: cannot fetch: the answer is not HTTP" in err
    assert "Traceback" not in err
