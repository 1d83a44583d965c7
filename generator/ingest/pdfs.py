"""The old site's files of its papers, copied into the site's ``static/papers/``.

An al-folio entry's ``pdf={thesis.pdf}`` (its ``assets/pdf/thesis.pdf``; and ``slides=``,
``poster=``, ``supp=``), an academicpages page's ``paperurl: /files/paper1.pdf`` (its
``files/``; and ``slidesurl``) and a Hugo page's ``url_pdf: /uploads/paper.pdf`` (its
``static/``; and ``url_slides``, ``url_poster``) or the files in its bundle name files of
the old site, gone once this site replaces it. Where such a file is in the imported folder
(its own, no symbolic link out of it), of a type its first bytes confirm and not too
large, it is copied to ``static/papers/<the record's slug>.pdf`` (the PDF) or
``<slug>.<kind>.<ending>`` (``x.slides.pdf``, ``x.poster.png``) and the record links it
there; otherwise the note says why and what to do. A file of ``static/`` that differs (a
file replaced by hand) is never written over, and a record's own link is kept, as every
link is.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.ingest.sources import outside
from generator.ingest.work import Work

if TYPE_CHECKING:
    from generator.ingest.merge import Plan

# A file larger than this is no file to publish with every push (GitHub warns at 50 MB a
# file): left out, with a note.
PDF_LIMIT = 25 * 1024 * 1024
FOLDER = "static/papers"
# The files copied beside a paper's PDF, under the link names the records have for them
# (al-folio's `slides=`, `poster=`, `supp=`; Hugo's `url_slides`, `url_poster`; academicpages'
# `slidesurl`), and how the report names each.
KINDS = {"pdf": "PDF", "slides": "slides", "poster": "poster", "supplement": "supplement"}
# What each kind of file is by its first bytes, by the ending of its name: only a file
# these bytes confirm is copied. A PDF (`%PDF-`: an HTML page named `.pdf` is none), PNG
# and JPEG pictures (a poster), PowerPoint (`.pptx`, and the older `.ppt`), Keynote and
# ZIP files (a supplement's data). Not SVG or HTML, which carry script onto the site's
# address, nor a kind with no such bytes to tell it (`.ai`, `.txt`): copied by hand.
TYPES: dict[str, tuple[str, bytes]] = {
    ".pdf": ("a PDF", b"%PDF-"),
    ".png": ("a PNG picture", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("a JPEG picture", b"\xff\xd8\xff"),
    ".jpeg": ("a JPEG picture", b"\xff\xd8\xff"),
    ".pptx": ("a PowerPoint file", b"PK\x03\x04"),
    ".ppt": ("a PowerPoint file", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    ".key": ("a Keynote file", b"PK\x03\x04"),
    ".zip": ("a ZIP file", b"PK\x03\x04"),
}
# The links an import writes to the files it copied: files of the site, not web addresses.
# The PDF is `<slug>.pdf`; the others `<slug>.<kind>.<ending>`, a dot no slug holds, so
# that no file of one record's is another's (`x.slides.pdf` is never the PDF of a paper
# whose slug is `x-slides`).
SITE_FILE = re.compile(
    r"static/papers/[a-z0-9][a-z0-9-]*(?:\.pdf|\.(?:slides|poster|supplement)\."
    r"(?:pdf|png|jpe?g|pptx?|key|zip))"
)
_FIX = "copy it into static/ and add `{kind}: static/<its name>` under the record's links:"


def refused(root: Path, path: Path, kind: str = "pdf") -> str | None:
    """Why ``path`` (named by the old site, under ``root``) is not copied as the paper's
    ``kind`` of file; None when it is a file of the folder's own, of a type its first bytes
    confirm; ``""`` when nothing is there (the old note stands)."""
    if not Path(os.path.abspath(path)).is_relative_to(os.path.abspath(root)):
        return "a path out of the folder"
    if not path.exists() and not path.is_symlink():
        return ""
    if outside(path, root) is not None:
        return "a symbolic link out of the folder"
    if not path.is_file():
        return "not a file"
    ending = path.suffix.lower() if kind != "pdf" else ".pdf"
    if ending not in TYPES:
        return (
            "not a kind of file copied: a PDF, a PNG or JPEG picture, a PowerPoint, Keynote "
            "or ZIP file, by its name's ending and its first bytes"
        )
    if path.stat().st_size > PDF_LIMIT:
        return f"larger than {PDF_LIMIT // (1024 * 1024)} MB"
    what, magic = TYPES[ending]
    with path.open("rb") as handle:
        if handle.read(len(magic)) != magic:
            if ending == ".pdf":
                return "not a PDF: its first bytes are not %PDF-"
            return f"not {what}: its first bytes are not those of one"
    return None


def take(
    work: Work, root: Path, path: Path, note: str | None, notes: list[str], kind: str = "pdf"
) -> None:
    """Take the old site's file ``path`` as the work's ``kind`` of file to copy (its PDF,
    slides, poster or supplement), or say why not: ``note`` (the old site's file, to copy
    by hand) when it is not in the folder."""
    root, path = Path(os.path.abspath(root)), Path(os.path.abspath(path))
    reason = refused(root, path, kind)
    if reason is None:
        work.files.setdefault(kind, path)
        return
    if not reason:
        notes.extend([note] if note else [])
        return
    shown = os.path.relpath(path, root) if reason != "a path out of the folder" else str(path)
    notes.append(
        f"{work.where}: {work.label}: the old site's {KINDS[kind]} {shown} is not copied into "
        f"{FOLDER}/ ({reason}); {_FIX.format(kind=kind)}"
    )


@dataclass
class Copy:
    """An old site's file to copy into ``static/papers/`` (a PDF, slides…), for one record."""

    source: Path
    shown: str  # the file as the report names it: its path in the old folder
    record: str  # the record that links it, as the plan names it
    rel: str  # where in the site: ``static/papers/<slug>.pdf``, the record's link
    target: Path
    data: bytes
    linked: bool  # the record links it already (an earlier import)
    new: bool  # not in static/papers/ yet: written with the records
    kind: str = "pdf"  # the record's link to it: pdf, slides, poster or supplement


def link(site: Path, plan_: Plan, root: Path | None, notes: list[str]) -> list[Copy]:
    """Give each planned record whose work has a file to copy its link to the copy
    (``links.pdf: static/papers/<slug>.pdf``, ``links.slides:
    static/papers/<slug>.slides.pdf``); plan again after it, then :func:`confirm`.

    A record that links another file of that kind keeps it (and the file is not copied);
    a file of ``static/papers/`` of that name that differs from the old site's is never
    written over: a record that links it keeps it, said; any other is not linked to it."""
    from generator.ingest.merge import load_records

    pending = [  # for each record and kind of file, the first work's that has one
        (action, kind, next(w for w in action.works if kind in w.files))
        for action in plan_.actions
        for kind in KINDS
        if any(kind in w.files for w in action.works)
    ]
    if not pending:
        return []
    records = {record.rel: record for record in load_records(site)}
    copies: list[Copy] = []
    for action, kind, work in pending:
        source = work.files[kind]
        what = f"the old site's {KINDS[kind]} "
        shown = os.path.relpath(source, os.path.abspath(root or source.parent))
        record = records.get(action.rel)
        # the record's slug names the copy: its `slug:` where it has one (a record of
        # yours named `Crystal_Graph.md`, `slug: crystal-graph`), else its file's name
        slug = record.slug if record is not None else action.path.stem
        ending = ".pdf" if kind == "pdf" else f".{kind}{source.suffix.lower()}"
        rel = f"{FOLDER}/{slug}{ending}"
        links = record.data.get("links") if record is not None else None
        old = links.get(kind) if isinstance(links, dict) else None
        old = None if old is None else str(old).strip()
        fix = _FIX.format(kind=kind)
        if not SITE_FILE.fullmatch(rel) or not _own_folder(site):
            notes.append(
                f"{work.where}: {work.label}: {what}{shown} is not copied "
                f"({site / FOLDER} is no folder of the site's own, or {action.rel} has no "
                f"slug to name it by); {fix}"
            )
            continue
        if old is not None and old != rel:
            notes.append(
                f"{work.where}: {work.label}: {what}{shown} is not copied: "
                f"{action.rel} links its own, {old} (kept)"
            )
            continue
        target = site / rel
        data = source.read_bytes()
        there = target.exists() or target.is_symlink()
        if there and not (
            target.is_file() and not target.is_symlink() and target.read_bytes() == data
        ):
            if old == rel:
                notes.append(
                    f"{rel}: kept: it differs from the old site's {shown} (a file replaced by hand is "
                    "never written over; delete it and import again to take the old site's)"
                )
            else:
                notes.append(
                    f"{work.where}: {work.label}: {what}{shown} is not copied: "
                    f"{rel} is another file already (never written over); {fix}"
                )
            continue
        work.links[kind] = rel
        copies.append(
            Copy(source, shown, action.rel, rel, target, data, old == rel, not there, kind)
        )
    return copies


def _own_folder(site: Path) -> bool:
    """Whether static/papers/ (or static/, where it is not made yet) is the site's own
    folder: never one a symbolic link leads out of the site, written through."""
    for folder in (site / FOLDER, site / "static"):
        if folder.exists() or folder.is_symlink():
            return outside(folder, site) is None
    return True


def confirm(plan_: Plan, copies: list[Copy]) -> list[Copy]:
    """The copies whose record links them once the import is written: a new record, one
    that gains the link, or one that had it (a read-only record, or a draft the import
    leaves as it is, gains nothing, so is given no file)."""
    actions = {action.rel: action for action in plan_.actions}
    kept = []
    for copy in copies:
        action = actions.get(copy.record)
        if action is None:
            continue
        gains = action.status in ("new", "updated") and copy.rel in (action.text or "")
        if copy.linked or gains:
            kept.append(copy)
    return kept


def describe(copies: list[Copy]) -> list[str]:
    """A line for each file copied (one already there, the same bytes, is no change)."""
    return [f"{copy.kind:<9} {copy.shown} -> {copy.rel}" for copy in copies if copy.new]


def files(copies: list[Copy]) -> dict[Path, tuple[str | bytes, tuple[int, int, int] | None]]:
    """The files to write with the records, in one step (None: not there when read)."""
    return {copy.target: (copy.data, None) for copy in copies if copy.new}
