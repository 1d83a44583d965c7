"""Where imported text comes from: a file, a folder, or a URL (read as it is needed)."""

from __future__ import annotations

import contextlib
import difflib
import errno
import http.client
import io
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

from generator import __version__
from generator.errors import ContentError, Problem, visible
from generator.ingest.sniff import HEAD

USER_AGENT = f"authorsite/{__version__} (import; +https://pypi.org/project/authorsite/)"
TIMEOUT = 30
# The largest answer read from a URL. Real ones are far smaller (2,000 arXiv entries are
# ~10 MB, a group's whole BibTeX ~30 MB); a server that never stops sending would
# otherwise fill the memory. A file on disk has no such limit (it has an end).
MAX_DOWNLOAD = 256 * 1024 * 1024
_PIECE = 1 << 20  # bytes asked of the connection at a time


def is_url(text: str) -> bool:
    """Whether a source argument names a URL rather than a file."""
    return text.startswith(("http://", "https://", "file://"))


def _cannot_fetch(url: str, exc: BaseException) -> ContentError:
    """One message naming the URL for anything that went wrong on the way."""
    if isinstance(exc, urllib.error.HTTPError):
        return ContentError([Problem(url, 0, f"the server answered {exc.code} {exc.reason}")])
    reason = getattr(exc, "reason", None) or exc
    if isinstance(exc, http.client.HTTPException) and not isinstance(exc, OSError):
        # A status line or header that is no HTTP (a server that is not a web server);
        # http.client's own classes are no OSError, and urllib passes them on as they are.
        reason = f"the answer is not HTTP ({type(exc).__name__})"
    host = urllib.parse.urlsplit(url).hostname or url
    offline = "open the address in a browser, save the answer and import the saved file"
    if isinstance(reason, socket.gaierror):  # was `[Errno -2] Name or service not known`
        reason = (
            f"no host {host} was found (is this machine offline, or the address mistyped?); "
            + offline
        )
    elif isinstance(reason, TimeoutError):
        reason = f"{host} did not answer within {TIMEOUT} s; try again later, or {offline}"
    elif isinstance(reason, ConnectionRefusedError):
        reason = f"{host} refused the connection; check the address, or {offline}"
    return ContentError([Problem(url, 0, f"cannot fetch: {reason}")])


class Download(io.RawIOBase):
    """A URL's body, taken from the connection only as far as it is read.

    What was read is kept, so an importer can look at the first bytes (and refuse a file
    given by mistake) before the rest is even sent, and then go back to the start. More
    than :data:`MAX_DOWNLOAD` bytes is a problem, as is a connection that breaks off.
    """

    def __init__(self, url: str, response: BinaryIO) -> None:
        super().__init__()
        self.url = url
        self._response = response
        self._kept = bytearray()
        self._at = 0
        self._ended = False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._at

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_END:
            self._take(None)
            offset += len(self._kept)
        elif whence == io.SEEK_CUR:
            offset += self._at
        self._at = max(offset, 0)
        return self._at

    def read(self, size: int | None = -1) -> bytes:
        end = None if size is None or size < 0 else self._at + size
        self._take(end)
        stop = len(self._kept) if end is None else min(end, len(self._kept))
        with memoryview(self._kept) as kept:  # one copy of a whole answer, not two
            data = bytes(kept[self._at : stop])
        self._at = max(self._at, stop)
        return data

    def _take(self, upto: int | None) -> None:
        """Read from the connection until ``upto`` bytes are kept (None: to its end)."""
        while not self._ended and (upto is None or len(self._kept) < upto):
            try:
                piece = self._response.read(_PIECE)
            except (OSError, http.client.HTTPException) as exc:  # a chunk cut short, a reset
                raise self._broke_off(str(exc)) from None
            if not piece:
                self._ended = True
                # The end, before the length the server announced: a piece read does not
                # say so (http.client raises IncompleteRead only for a read of it all).
                missing = getattr(self._response, "length", None)
                if missing:
                    raise self._broke_off(f"{missing:,} bytes short of the length announced")
            self._kept += piece
            if len(self._kept) > MAX_DOWNLOAD:
                limit = MAX_DOWNLOAD // (1024 * 1024)
                message = (
                    f"the answer is larger than {limit} MB; download it, "
                    "look at what it is, and import the file"
                )
                raise ContentError([Problem(self.url, 0, message)])

    def _broke_off(self, why: str) -> ContentError:
        got = f"the connection broke off after {len(self._kept):,} bytes ({why})"
        return ContentError([Problem(self.url, 0, f"{got}; try again")])


def connect(url: str) -> BinaryIO:
    """The open answer at ``url`` (redirects followed); every failure is one message naming it."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        return cast(BinaryIO, urllib.request.urlopen(request, timeout=TIMEOUT))
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        raise _cannot_fetch(url, exc) from None


@contextlib.contextmanager
def download(url: str) -> Iterator[BinaryIO]:
    """The body at ``url`` as a :class:`Download`, read as the caller reads it."""
    with connect(url) as response:
        yield cast(BinaryIO, Download(url, response))


@contextlib.contextmanager
def open_source(source: str) -> Iterator[BinaryIO]:
    """A file or URL source as a seekable binary stream, so that an importer can look at
    its first bytes before reading it whole (or, for a URL, before it is sent whole).

    Text with a UTF-16 or UTF-32 byte-order mark comes as UTF-8 (see :func:`_as_utf8`).
    """
    with _open_raw(source) as stream:
        yield _lf_lines(_as_utf8(stream, source))


# A line end of classic Mac OS (and of exports that kept it: old BibDesk and EndNote
# files), a CR alone: every error in such a file was said to be on its line 1.
_LONE_CR = re.compile(rb"\r(?!\n)")


def _lf_lines(stream: BinaryIO) -> BinaryIO:
    """``stream``, or, when its lines end in a CR alone, its bytes with each such end a LF,
    so that the importers' line numbers count them."""
    head = stream.read(HEAD)
    stream.seek(0)
    if b"\n" in head or not _LONE_CR.search(head):
        return stream
    return io.BytesIO(_LONE_CR.sub(b"\n", stream.read()))


# Byte-order marks of the encodings XML processors must read besides UTF-8 (UTF-32's
# first, as UTF-32-LE's starts with UTF-16-LE's). Windows PowerShell 5's `>` and
# Notepad's "Unicode" save UTF-16 with a mark.
_MARKS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
# Text in UTF-16 without a mark, as Windows tools export it (EndNote's, Excel's "Unicode
# Text"): its first characters ASCII, every other byte is a NUL, after each letter in
# little-endian order, before it in big-endian. It was refused as "UTF-16 text".
_UNMARKED = (
    (re.compile(rb"(?:[\x01-\x7f]\x00){4}"), "UTF-16-LE"),
    (re.compile(rb"(?:\x00[\x01-\x7f]){4}"), "UTF-16-BE"),
)
# The encoding an XML declaration names, which must say UTF-8 once the text is.
_DECLARED = re.compile(r"\A(<\?xml\s[^>]*?\bencoding\s*=\s*)([\"'])[^\"']*\2")


def _as_utf8(stream: BinaryIO, source: str) -> BinaryIO:
    """``stream``, or, when it starts with a UTF-16 or UTF-32 byte-order mark, its text
    in UTF-8 (its XML declaration saying so): the mark says the encoding, and the
    importers and their first-bytes checks read UTF-8. Text in UTF-16 with no mark is
    told by its NUL bytes (see _UNMARKED) and read so too."""
    head = stream.read(8)
    stream.seek(0)
    name = next((name for mark, name in _MARKS if head.startswith(mark)), None)
    name = name or next((name for nuls, name in _UNMARKED if nuls.match(head)), None)
    if name is None:
        return stream
    data = stream.read()
    try:
        text = data.decode(name.lower())  # a mark is read and dropped
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(name.lower(), errors="replace").count("\n") + 1
        message = f"not valid {name} text; save the file as UTF-8 and try again"
        raise ContentError([Problem(source, line, message)]) from None
    text = _DECLARED.sub(r"\g<1>\g<2>UTF-8\g<2>", text, count=1)
    return io.BytesIO(text.encode("utf-8"))


@contextlib.contextmanager
def _open_raw(source: str) -> Iterator[BinaryIO]:
    """A file or URL source as a seekable binary stream, as it is."""
    if is_url(source):
        with download(source) as stream:
            yield stream
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


def not_there(source: str, what: str = "file") -> str | None:
    """``papers.bib: no such file (…)``, with what to do, when nothing is at the path
    ``source`` names (``what``: ``file`` or ``folder``); None for a URL, or a path that
    is there (one that cannot be read, for want of permission, is said when read).
    """
    if is_url(source):
        return None
    try:
        os.stat(source)
        return None
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR, errno.ENAMETOOLONG):
            return None
    path = Path(source)
    if os.path.islink(source):
        why = f"a symbolic link to {os.readlink(source)}, which is not there"
        fix = f"link the {what} anew, or give its own path"
    else:
        missing = path.absolute()
        while not os.path.isdir(missing.parent) and missing.parent != missing:
            missing = missing.parent
        if missing != path.absolute():  # `nowhere/saved.xml`: the folder is not there either
            why, fix = f"there is no folder {missing}", "check the path"
        else:
            why = f"there is no {missing}"
            fix = _did_you_mean(missing) or f"check the name, or give the {what}'s path"
    return visible(f"{source}: no such {what} ({why}; {fix})")


def _did_you_mean(missing: Path) -> str | None:
    """``did you mean papers.bib?``: a name in the same folder that is one slip away."""
    try:
        names = os.listdir(missing.parent)
    except OSError:
        return None
    close = difflib.get_close_matches(missing.name, names, n=1, cutoff=0.8)
    return f"did you mean {close[0]}?" if close else None


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
