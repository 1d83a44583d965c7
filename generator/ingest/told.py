"""The conflicts an import has told, so that the same import again does not repeat them.

A record keeps the value a person (or an earlier import of another source) wrote, and an
import that has another says so: ``conflict  venue: keeps 'Neural Networks'; the import
has '…, Vol 61, pp 85-117'``. The record holds no trace of it, so the same import said
the same conflicts at every run, forever (al-folio's papers imported again from arXiv:
every `note` and `venue`; an old site's profile: every value the author record keeps). Each conflict told by an import that wrote is remembered here
by its record and its words, both values in them; the next import says it no more, but
how many it left unsaid. A conflict of other words (the record's value edited, the
source's changed) is new, and said. The memory is in the build's cache folder, which is
always safe to delete: the conflicts are then told once more.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cache import CACHE_DIRNAME
from generator.ingest.merge import Plan

if TYPE_CHECKING:
    from generator.ingest.author_fill import Fill

NAME = "import-conflicts.json"
# The newest kept, beyond which the oldest are forgotten (each is 16 characters)
LIMIT = 50_000


def _key(rel: str, conflict: str) -> str:
    return hashlib.sha256(f"{rel}\0{conflict}".encode()).hexdigest()[:16]


def _kept(conflict: str) -> bool:
    """A conflict over a value the record keeps against the import's (``venue: keeps …;
    the import has …``), or its being listed against the import's draft (a paper
    withdrawn since); not one that says the record is not written, may hold two works,
    or was made of two entries of the import whose venues differ (`two papers?`), which
    stay said every time."""
    name, _, rest = conflict.partition(": ")
    if name == "draft":  # listed against the import's draft: the owner's choice, like a value
        return rest.startswith("not added; ")
    return rest.startswith("keeps ") and "; the import has " in rest and " " not in name


def _file(site: Path) -> Path | None:
    """The memory's file, None where the cache folder is no plain folder of the site's
    own (a symbolic link: written through, it would write elsewhere)."""
    folder = site / CACHE_DIRNAME
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return None
    return folder / NAME


def _load(path: Path | None) -> list[str]:
    if path is None or path.is_symlink():
        return []
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):  # none yet, or not ours: nothing told
        return []
    told = data.get("told") if isinstance(data, dict) else None
    return [key for key in told if isinstance(key, str)] if isinstance(told, list) else []


def quiet(site: Path, plan: Plan, profiles: Sequence[Fill] = ()) -> tuple[int, list[str]]:
    """Take out of ``plan`` the kept-value conflicts an earlier import told, and out of
    the ``profiles``' fills (the owner's, a lab's members') the values their records kept (`kept    position: the record's
    …; the import has …`); how many, and the keys of every such line of this import, to
    :func:`remember` once written."""
    told = set(_load(_file(site)))
    keys: list[str] = []
    for action in plan.actions:
        action.conflicts = _unsaid(told, action.rel, action.conflicts, _kept, keys)
    for profile in profiles:
        profile.kept = _unsaid(told, profile.rel, profile.kept, lambda _: True, keys)
    return sum(key in told for key in keys), keys


def _unsaid(
    told: set[str],
    rel: str,
    lines: list[str],
    rememberable: Callable[[str], bool],
    keys: list[str],
) -> list[str]:
    """``lines`` of the record ``rel`` less those ``told``; adds the keys of the
    ``rememberable`` ones to ``keys``."""
    said = []
    for line in lines:
        key = _key(rel, line) if rememberable(line) else None
        if key is not None:
            keys.append(key)
        if key is None or key not in told:
            said.append(line)
    return said


def remember(site: Path, keys: list[str]) -> None:
    """Add ``keys`` to the memory (the newest last); a folder that cannot be written keeps
    none, and the conflicts are told again."""
    path = _file(site)
    if path is None or not keys:
        return
    known = _load(path)
    fresh = set(keys) - set(known)
    if not fresh:
        return
    told = [*known, *(key for key in dict.fromkeys(keys) if key in fresh)][-LIMIT:]
    with contextlib.suppress(OSError):
        path.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{NAME}.", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"told": told}, out)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


def summary(left: int) -> str:
    """The line that says how many conflicts were left unsaid."""
    were = "conflict" if left == 1 else "conflicts"
    return (
        f"{left} {were} told at an earlier import not repeated: the records keep their values "
        f"(delete a field to take the import's; delete {CACHE_DIRNAME}/{NAME} to be told again)"
    )
