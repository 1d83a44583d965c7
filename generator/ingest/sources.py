"""Where imported text comes from: a file, a folder, or a URL (one small fetch)."""

from __future__ import annotations

import contextlib
import io
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from generator import __version__
from generator.errors import ContentError, Problem

USER_AGENT = f"authorsite/{__version__} (import; +https://pypi.org/project/authorsite/)"
TIMEOUT = 30


def is_url(text: str) -> bool:
    """Whether a source argument names a URL rather than a file."""
    return text.startswith(("http://", "https://", "file://"))


def fetch(url: str) -> bytes:
    """The body at ``url``; every failure becomes one message naming the URL."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as exc:
        message = f"the server answered {exc.code} {exc.reason}"
        raise ContentError([Problem(url, 0, message)]) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ContentError([Problem(url, 0, f"cannot fetch: {reason}")]) from None


@contextlib.contextmanager
def open_source(source: str) -> Iterator[BinaryIO]:
    """A file or URL source as a seekable binary stream, so that an importer can look at
    its first bytes before reading it whole (a URL's body is fetched into memory)."""
    if is_url(source):
        yield io.BytesIO(fetch(source))
        return
    try:
        handle = open(source, "rb")  # noqa: SIM115 - closed below, after the caller's block
    except FileNotFoundError:
        raise ContentError([Problem(source, 0, "no such file")]) from None
    except IsADirectoryError:
        raise ContentError([Problem(source, 0, "is a folder; expected a file")]) from None
    except OSError as exc:
        raise ContentError([Problem(source, 0, f"cannot read: {exc.strerror}")]) from None
    with handle:
        try:
            if handle.seekable():
                yield handle
            else:  # a pipe (`<(curl ...)`, /dev/stdin): read once, then looked at in memory
                yield io.BytesIO(handle.read())
        except OSError as exc:  # a read that failed part-way (a disk error, a lost mount)
            raise ContentError([Problem(source, 0, f"cannot read: {exc.strerror}")]) from None


def read_bytes(source: str) -> bytes:
    """The bytes of a file or URL source."""
    with open_source(source) as stream:
        return stream.read()


def read_text(source: str) -> str:
    """A source decoded as UTF-8 (a BOM is dropped); bad bytes are named by line."""
    return decode_utf8(read_bytes(source), source)


def decode_utf8(data: bytes, source: str) -> str:
    """``data`` decoded as UTF-8 (a BOM is dropped); bad bytes are named by line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(
            [Problem(source, line, "not UTF-8 text; save the file as UTF-8 and try again")]
        ) from None


def outside(path: Path, root: Path) -> Problem | None:
    """A problem when ``path``, found in the imported folder ``root``, leads out of it.

    A folder to import is often someone else's repository, and git keeps symbolic links:
    ``_publications/x.md -> ~/private/draft.md`` would otherwise publish that file.
    """
    try:
        target = path.resolve(strict=True)
        if target.is_relative_to(root.resolve(strict=True)):
            return None
    except (OSError, RuntimeError):  # a link that loops, or leads nowhere
        return Problem(str(path), 0, "is a symbolic link that leads nowhere")
    return Problem(
        str(path),
        0,
        f"is a symbolic link to {target}, outside {root}; "
        "import reads only the folder's own files: copy the file in instead",
    )


def line_of(text: str, needle: str, default: int = 0) -> int:
    """The line on which ``needle`` first occurs in ``text`` (for locating entries)."""
    index = text.find(needle) if needle else -1
    return text.count("\n", 0, index) + 1 if index >= 0 else default


class Lines:
    """Lines of a file's entries, looked up in the order the file holds them.

    Each search starts where the last entry was found, so locating n entries reads the
    text once (:func:`line_of` for each read it from the start: 3 s for 2,000 entries of a
    5 MB answer, quadratic beyond). A needle not found after that point is looked for
    from the start, as :func:`line_of` does.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0  # where the last entry was found
        self.line = 1  # its line

    def of(self, needle: str, default: int = 0) -> int:
        """The line of ``needle``'s next occurrence (else its first), or ``default``."""
        if not needle:
            return default
        index = self.text.find(needle, self.at)
        if index < 0:  # out of order: from the start, without moving on
            return line_of(self.text, needle, default)
        self.line += self.text.count("\n", self.at, index)
        self.at = index
        return self.line
