"""What a file given to an importer is, told from its first bytes before it is read whole.

A file given by mistake (a PDF, a zip, a video, a log) was read whole, decoded and parsed
before the importer said "no entries found": 200 MB of junk took 600 MB to 1.7 GB of
memory and up to 20 s. Its first 64 KiB are enough to say what it is, and what to give
instead. Only what is plainly not the format is refused here: a BibTeX file may start
with any text before its first ``@entry``, an XML file with a byte-order mark, a
declaration and comments, a JSON answer with white space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import BinaryIO

from generator.errors import ContentError, Problem

HEAD = 64 * 1024  # bytes looked at before a file is read whole
CHUNK = 1 << 20  # bytes read at a time where a file is scanned to its end


@dataclass(frozen=True)
class Format:
    """A format an importer reads: its name in messages and what to give it instead."""

    name: str  # "a BibTeX file"
    instead: str  # how to get a file of this format


BIBTEX = Format(
    "a BibTeX file",
    "export BibTeX (.bib) from your reference manager or Google Scholar and import that file",
)
ARXIV = Format(
    "an arXiv API response (an Atom feed)",
    "save the answer of https://export.arxiv.org/api/query?id_list=... or give the arXiv ids",
)
JSON = Format(
    "a JSON API response",
    "save the API's answer as it comes (JSON) and import that file",
)

# Files people give by mistake, by their first bytes: what each is, and its own fix.
_MAGIC: tuple[tuple[bytes, str, str | None], ...] = (
    (b"%PDF-", "a PDF document", None),
    (b"PK\x03\x04", "a zip archive (Word, Excel and OpenDocument files are zip archives)", None),
    (b"\x1f\x8b", "gzip-compressed", "decompress it first (gunzip FILE) and import the file"),
    (b"BZh", "bzip2-compressed", "decompress it first (bunzip2 FILE) and import the file"),
    (b"\xfd7zXZ\x00", "xz-compressed", "decompress it first (unxz FILE) and import the file"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed", "decompress it first (unzstd FILE)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", None),
    (b"Rar!\x1a\x07", "a RAR archive", None),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document", None),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", None),
    (b"\xff\xd8\xff", "a JPEG image", None),
    (b"GIF8", "a GIF image", None),
    (b"SQLite format 3\x00", "an SQLite database", None),
    (b"\x7fELF", "a program (ELF)", None),
)
# ASCII text saved as UTF-16: every other byte is a NUL. A file an importer opens comes
# as UTF-8 already, with a byte-order mark or without (sources.open_source); a stream
# that did not come so is refused as UTF-16 here, not as binary data.
_UTF16_TEXT = re.compile(rb"(?:[\x01-\x7f]\x00){4}|(?:\x00[\x01-\x7f]){4}")


def binary(head: bytes) -> tuple[str, str | None] | None:
    """What ``head`` (a file's first bytes) is if it is plainly no text, and the fix that
    kind of file has of its own (else None); None if it may be text."""
    for magic, what, fix in _MAGIC:
        if head.startswith(magic):
            return what, fix
    if _UTF16_TEXT.match(head):
        return "UTF-16 text", "save it as UTF-8 (an editor's Save As > Encoding) and import it"
    if b"\x00" in head:  # as git and grep tell binary files: no text holds a NUL byte
        return "binary data (it holds NUL bytes)", None
    return None


def refuse(
    origin: str, what: str, fmt: Format, fix: str | None = None, line: int = 0
) -> ContentError:
    """The error for a file that is not ``fmt``: what it is, and what to do instead."""
    return ContentError([Problem(origin, line, f"is {what}, not {fmt.name}; {fix or fmt.instead}")])


def check_text(stream: BinaryIO, origin: str, fmt: Format) -> bytes:
    """The first bytes of ``stream``, unless they are plainly not text (then ContentError)."""
    head = stream.read(HEAD)
    found = binary(head)
    if found is not None:
        raise refuse(origin, found[0], fmt, found[1])
    return head


def _lstripped(head: bytes) -> bytes:
    """The head without a UTF-8 byte-order mark and leading white space."""
    return head.removeprefix(b"\xef\xbb\xbf").lstrip()


def web_page(head: bytes) -> bool:
    """Whether the text is an HTML page (a browser's "Save Page As")."""
    start = _lstripped(head)[:16].lower()
    # By its start only: a feed may carry `<html>` in a CDATA section near its top.
    return start.startswith((b"<!doctype html", b"<html"))


# A BibTeX entry's start: `@article{`, `@String (`, `@ inproceedings {` (BibTeX allows the
# space). Text before the first one is a comment, however long.
_ENTRY = re.compile(rb"@[ \t\r\n]*[A-Za-z][\w-]*[ \t\r\n]*[{(]")


def check_bibtex(stream: BinaryIO, origin: str) -> None:
    """Refuse a file with no BibTeX entry in it, reading it a chunk at a time.

    Leaves ``stream`` at its start.
    """
    head = check_text(stream, origin, BIBTEX)
    found = _ENTRY.search(head) is not None
    tail = head[-64:]
    while not found:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        found = _ENTRY.search(tail + chunk) is not None
        tail = chunk[-64:]
    stream.seek(0)
    if not found:
        raise ContentError([Problem(origin, 0, f"no BibTeX entries found: {_not_bibtex(head)}")])


def _not_bibtex(head: bytes) -> str:
    """What a text with no BibTeX entry looks like, and what to give instead."""
    start = _lstripped(head)
    if web_page(head):
        return "it is a web page (HTML); " + BIBTEX.instead
    if b"\\bibitem" in head:
        return (
            "it is a LaTeX bibliography (.bbl, \\bibitem lines), which BibTeX makes from a "
            ".bib file; import that .bib file"
        )
    if re.search(rb"(?m)^TY  - ", head):
        return "it is RIS (TY  - lines), not BibTeX; export BibTeX instead"
    if re.search(rb"(?m)^PMID- ", head):  # PubMed's "Send to: Citation manager" (.nbib)
        return (
            "it is a PubMed (MEDLINE, .nbib) file, not BibTeX; import the same papers from "
            "OpenAlex (https://api.openalex.org/works?filter=pmid:ID1|ID2) with `authorsite "
            "import openalex`, or open the file in Zotero and export BibTeX"
        )
    if start.startswith(b"{") and re.search(rb'"(?:orcid-identifier|work-summary|put-code)"', head):
        return (
            "it is an ORCID answer (pub.orcid.org), not BibTeX; export your works as BibTeX "
            "from your ORCID record, or import them from OpenAlex (https://api.openalex.org/"
            "works?filter=author.orcid:0000-…) with `authorsite import openalex`"
        )
    other = importer_of(head)  # an answer another importer reads: that importer
    if other is not None:
        return f"it is {other[0]}, not BibTeX: import it with `authorsite import {other[1]}`"
    if start.startswith((b"{", b"[")):
        return "it looks like JSON (CSL JSON?), not BibTeX; export BibTeX instead"
    if start.startswith(b"<"):
        return "it looks like XML, not BibTeX; export BibTeX instead"
    return "a BibTeX file holds entries such as @article{key, title = {...}, ...}; " + (
        BIBTEX.instead
    )


def importer_of(head: bytes) -> tuple[str, str] | None:
    """What a file's first bytes show it to be, of what another importer reads, and that
    importer's command: a file given to the wrong one was told only what it was not
    ("save the API's answer", "export BibTeX")."""
    start = _lstripped(head)
    if start.startswith((b"{", b"[")):
        if re.search(rb'"(?:paperId|authorId)"\s*:', head):
            return "a Semantic Scholar answer (JSON)", "semanticscholar"
        if b'"https://openalex.org/' in head:
            return "an OpenAlex answer (JSON)", "openalex"
        return None
    if start.startswith(b"<"):
        if re.search(rb"<feed[\s>]", head) and b"arxiv.org" in head:
            return "an arXiv API response (Atom)", "arxiv"
        return None
    if _ENTRY.search(head) is not None:
        return "a BibTeX file", "bibtex"
    return None


def refuse_other(origin: str, head: bytes, fmt: Format, line: int) -> ContentError | None:
    """The error for a file that another importer reads (None if it is none such)."""
    other = importer_of(head)
    if other is None:
        return None
    return refuse(origin, other[0], fmt, f"import it with `authorsite import {other[1]}`", line)


def check_json(stream: BinaryIO, origin: str) -> None:
    """Refuse a file that is plainly not JSON. Leaves ``stream`` at its start."""
    head = check_text(stream, origin, JSON)
    stream.seek(0)
    start = _lstripped(head)
    if not start or start.startswith((b"{", b"[")):
        return  # empty: the importer says so in its own words
    if web_page(head):
        raise refuse(origin, "a web page (HTML)", JSON)
    where = _line(head, start)
    raise refuse_other(origin, head, JSON, where) or refuse(
        origin, f"text that starts {shown(start)}", JSON, line=where
    )


def shown(start: bytes, width: int = 30) -> str:
    """The start of a text's first line, quoted, for a message."""
    first = start.split(b"\n", 1)[0].rstrip(b"\r")
    text = first[:width].decode("utf-8", "replace")
    return repr(text + ("..." if len(first) > width else ""))


def _line(head: bytes, start: bytes) -> int:
    """The line (from 1) of ``start``, a stripped suffix of ``head``."""
    return head[: len(head) - len(start)].count(b"\n") + 1
