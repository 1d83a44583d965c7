"""The old site's PDFs of its papers, copied into the site's ``static/papers/``.

An al-folio entry's ``pdf={thesis.pdf}`` (its ``assets/pdf/thesis.pdf``), an academicpages
page's ``paperurl: /files/paper1.pdf`` (its ``files/``) and a Hugo page's ``url_pdf:
/uploads/paper.pdf`` (its ``static/``) or the PDF in its bundle name a file of the old
site, gone once this site replaces it. Where that file is in the imported folder (its own,
no symbolic link out of it), a PDF by its first bytes and not too large, it is copied to
``static/papers/<the record's slug>.pdf`` and the record links it there; otherwise the
note says why and what to do. A file of ``static/`` that differs (a PDF replaced by hand)
is never written over, and a record's own ``links.pdf`` is kept, as every link is.
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

# A paper's PDF larger than this is no file to publish with every push (GitHub warns at
# 50 MB a file): left out, with a note.
PDF_LIMIT = 25 * 1024 * 1024
FOLDER = "static/papers"
# The link an import writes to a PDF it copied: a file of the site, not a web address.
SITE_PDF = re.compile(r"static/papers/[a-z0-9][a-z0-9-]*\.pdf")
_FIX = (
    "copy the paper's PDF into static/ and add `pdf: static/<its name>` under the record's links:"
)


def refused(root: Path, path: Path) -> str | None:
    """Why ``path`` (named by the old site, under ``root``) is not copied; None when it is
    a PDF of the folder's own; ``""`` when nothing is there (the old note stands)."""
    if not Path(os.path.abspath(path)).is_relative_to(os.path.abspath(root)):
        return "a path out of the folder"
    if not path.exists() and not path.is_symlink():
        return ""
    if outside(path, root) is not None:
        return "a symbolic link out of the folder"
    if not path.is_file():
        return "not a file"
    if path.stat().st_size > PDF_LIMIT:
        return f"larger than {PDF_LIMIT // (1024 * 1024)} MB"
    with path.open("rb") as handle:
        if handle.read(5) != b"%PDF-":
            return "not a PDF: its first bytes are not %PDF-"
    return None


def take(work: Work, root: Path, path: Path, note: str | None, notes: list[str]) -> None:
    """Take the old site's file ``path`` as the work's PDF to copy, or say why not:
    ``note`` (the old site's file, to copy by hand) when it is not in the folder."""
    root, path = Path(os.path.abspath(root)), Path(os.path.abspath(path))
    reason = refused(root, path)
    if reason is None:
        work.pdf_file = path
        return
    if not reason:
        notes.extend([note] if note else [])
        return
    shown = os.path.relpath(path, root) if reason != "a path out of the folder" else str(path)
    notes.append(
        f"{work.where}: {work.label}: the old site's PDF {shown} is not copied into "
        f"{FOLDER}/ ({reason}); {_FIX}"
    )


@dataclass
class Copy:
    """An old site's PDF to copy into ``static/papers/``, for one record."""

    source: Path
    shown: str  # the file as the report names it: its path in the old folder
    record: str  # the record that links it, as the plan names it
    rel: str  # where in the site: ``static/papers/<slug>.pdf``, the record's link
    target: Path
    data: bytes
    linked: bool  # the record links it already (an earlier import)
    new: bool  # not in static/papers/ yet: written with the records


def link(site: Path, plan_: Plan, root: Path | None, notes: list[str]) -> list[Copy]:
    """Give each planned record whose work has a PDF to copy its link to the copy
    (``links.pdf: static/papers/<slug>.pdf``); plan again after it, then :func:`confirm`.

    A record that links another PDF keeps it (and the file is not copied); a file of
    ``static/papers/`` of that name that differs from the old site's is never written
    over: a record that links it keeps it, said; any other is not linked to it."""
    from generator.ingest.merge import load_records

    pending = [  # the first work of each record's with a PDF
        (action, next(w for w in action.works if w.pdf_file is not None))
        for action in plan_.actions
        if any(w.pdf_file is not None for w in action.works)
    ]
    if not pending:
        return []
    records = {record.rel: record for record in load_records(site)}
    copies: list[Copy] = []
    for action, work in pending:
        assert work.pdf_file is not None
        shown = os.path.relpath(work.pdf_file, os.path.abspath(root or work.pdf_file.parent))
        record = records.get(action.rel)
        # the record's slug names the copy: its `slug:` where it has one (a record of
        # yours named `Crystal_Graph.md`, `slug: crystal-graph`), else its file's name
        rel = f"{FOLDER}/{record.slug if record is not None else action.path.stem}.pdf"
        links = record.data.get("links") if record is not None else None
        old = links.get("pdf") if isinstance(links, dict) else None
        old = None if old is None else str(old).strip()
        if not SITE_PDF.fullmatch(rel) or not _own_folder(site):
            notes.append(
                f"{work.where}: {work.label}: the old site's PDF {shown} is not copied "
                f"({site / FOLDER} is no folder of the site's own, or {action.rel} has no "
                f"slug to name it by); {_FIX}"
            )
            continue
        if old is not None and old != rel:
            notes.append(
                f"{work.where}: {work.label}: the old site's PDF {shown} is not copied: "
                f"{action.rel} links its own, {old} (kept)"
            )
            continue
        target = site / rel
        data = work.pdf_file.read_bytes()
        there = target.exists() or target.is_symlink()
        if there and not (
            target.is_file() and not target.is_symlink() and target.read_bytes() == data
        ):
            if old == rel:
                notes.append(
                    f"{rel}: kept: it differs from the old site's {shown} (a PDF replaced "
                    "by hand is never written over; delete it and import again to take the "
                    "old site's)"
                )
            else:
                notes.append(
                    f"{work.where}: {work.label}: the old site's PDF {shown} is not copied: "
                    f"{rel} is another file already (never written over); {_FIX}"
                )
            continue
        work.links["pdf"] = rel
        copies.append(
            Copy(work.pdf_file, shown, action.rel, rel, target, data, old == rel, not there)
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
    """A line for each PDF copied (one already there, the same bytes, is no change)."""
    return [f"pdf       {copy.shown} -> {copy.rel}" for copy in copies if copy.new]


def files(copies: list[Copy]) -> dict[Path, tuple[str | bytes, tuple[int, int, int] | None]]:
    """The PDFs to write with the records, in one step (None: not there when read)."""
    return {copy.target: (copy.data, None) for copy in copies if copy.new}
