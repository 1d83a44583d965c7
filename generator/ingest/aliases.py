"""Spellings of a site author's name in imported author lists that their record lacks.

Databases abbreviate and transliterate names: Semantic Scholar's ``J. Schmidhuber``,
arXiv's ``Juergen Schmidhuber``, a citation's ``Schmidhuber, J.``. The site matches names
by ``name`` and ``aliases`` only (an initial could be anyone), so such a paper did not show
as its author's: the name was not bold, it was counted as the author's own most frequent
co-author, and on a site without a ``main_author`` the paper belonged to no one. The
import names each such spelling and the alias that would claim it.

The other way round: a new record whose whole list names no site author, not even by an
initial, is the ``main_author``'s all the same (every record of a personal site is its
owner's). A lab's shared BibTeX file made every colleague's paper the owner's, on their
profile and CV, unsaid: the import counts such records, in one note.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator import yamlio
from generator.ingest.scaffold import DEFAULT_NAME
from generator.ingest.work import Work
from generator.names import could_be, is_group, is_truncation, name_key, unmarked

AUTHORS_DIR = Path("content") / "authors"


def _authors(site: Path, planned: Mapping[Path, str]) -> list[tuple[str, str, list[str], str]]:
    """Each author record's file, name, aliases and slug (records that cannot be read skipped:
    the build names their problems), as ``planned`` leaves them: the text the import is
    about to write in place of a record's (its profile's fill)."""
    found = []
    paths = {*(site / AUTHORS_DIR).glob("*.y*ml"), *planned}
    for path in sorted(paths):
        try:
            text = planned.get(path)
            data = yamlio.safe_load(path.read_text(encoding="utf-8") if text is None else text)
        except (yaml.YAMLError, ValueError, TypeError, OSError):
            continue
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            continue
        aliases = data.get("aliases")
        names = [str(a) for a in aliases] if isinstance(aliases, list) else []
        slug = str(data.get("slug") or path.stem)
        found.append((path.relative_to(site).as_posix(), data["name"], names, slug))
    return found


def alias_notes(
    site: Path, works: Sequence[Work], planned: Mapping[Path, str] | None = None
) -> list[str]:
    """A note for each spelling of a site author's name the imported works use and the
    author's record does not list.

    ``planned``: records the same import writes (the profile's fill), read as written: the
    name it fills over ``Your Name`` is the one the papers' spellings are held against.
    """
    notes = []
    authors = _authors(site, planned or {})
    everyone = [name for _, name, _, _ in authors]
    for rel, name, aliases, _ in authors:
        known = {name_key(n) for n in (name, *aliases)} - {""}
        spellings: Counter[str] = Counter()
        # spellings one alias covers (`J. D. van der Waals`, `J.D. Van der Waals`, `J. D.
        # van der WAALS`: matching ignores case and punctuation) are one note, under the
        # spelling most works use: each had a note, and each was added as an alias
        keys: dict[str, Counter[str]] = {}
        # a paper the old site listed twice (two pages, merged into one record) counts once
        titles = {" ".join(w.title.casefold().split()): w for w in works}
        for work in titles.values():
            listed = [a for a in work.authors if not is_truncation(a)]
            if any(name_key(a) in known for a in listed):
                continue  # the author is there by a known spelling
            # (a body's name is no spelling of a person's: `U.S. Department of Energy`,
            # the author of a report, fits `Uma Energy` by its initial and surname)
            # (nor is one that fits two site authors, as the build leaves it unsaid: `S.
            # James Gates` on a site of both Gates Sr. and Jr.)
            fitting = [
                a
                for a in listed
                if could_be(a, name)
                and not is_group(a)
                and sum(could_be(a, other) for other in everyone) == 1
            ]
            if len(fitting) == 1:  # two that fit (two J. Wangs): no guess
                # (an editor's mark is no part of the spelling: `M. Lee (ed.)` is `M. Lee`)
                keys.setdefault(name_key(fitting[0]), Counter())[unmarked(fitting[0])] += 1
        for found in keys.values():
            first = min(found.items(), key=lambda item: (-item[1], item[0]))[0]
            spellings[first] = found.total()
        for spelling, count in sorted(spellings.items(), key=lambda item: (-item[1], item[0])):
            works_ = "work" if count == 1 else "works"
            notes.append(
                f"'{spelling}' ({count} {works_}) may be {name}: if so, add it to aliases in "
                f"{rel}, so that those papers show as theirs"
            )
    return notes


_SHOWN = 3  # records a note names before `and N more`


def _anyone_of(known: set[str], own: Sequence[str], names: Sequence[str]) -> bool:
    """Whether a complete list may name a site author: by a name or an alias (their keys
    ``known``), by a spelling that fits one of the names ``own`` (the note above names it),
    or by a body's name (a consortium's paper is its members')."""
    return any(
        name_key(a) in known or is_group(a) or any(could_be(a, name) for name in own) for a in names
    )


def edited_here(site: Path, works: Sequence[Work]) -> list[Work]:
    """``works`` without the volumes their papers crossref (``crossref_volume``) that none
    of the site's authors edited: a conference's proceedings are no paper of its authors',
    but a historian's edited collection, which her chapters crossref, is her work (it was
    left out unsaid, and the profile lacked the book)."""
    if not any(work.crossref_volume for work in works):
        return list(works)
    authors = _authors(site, {})
    known = {name_key(n) for _, name, aliases, _ in authors for n in (name, *aliases)} - {""}
    own = [name for _, name, _, _ in authors if name != DEFAULT_NAME]
    return [
        work
        for work in works
        if not work.crossref_volume
        or any(name_key(a) in known or any(could_be(a, n) for n in own) for a in work.authors)
    ]


@dataclass
class Strangers:
    """The new records whose complete author list names none of the site's authors."""

    owner: str | None  # the main author's name (None: a site without one)
    record: str | None  # their record's file
    new: int  # how many new records the import makes
    found: list[tuple[str, Work]]  # each such record's file and work


def strangers(
    site: Path,
    main: str | None,
    new: Sequence[tuple[str, Work]],
    planned: Mapping[Path, str] | None = None,
    ownerless: bool = False,
) -> Strangers | None:
    """The new records (``new``: each one's file and work) whose complete author list
    names none of the site's authors: ``main``'s papers all the same (None: none, or no
    owner to say them of, unless ``ownerless``: to be left out all the same, as
    --named-only asks of a lab's site, which has no main author).

    A list cut short (``et al.``) may have dropped the owner's name: such a record is left
    unsaid, as is one that names a body, or a spelling that may be a site author's.
    """
    authors = _authors(site, planned or {})
    owner = next(((rel, name) for rel, name, _, slug in authors if slug == main), None)
    # No main_author: the paper is on no profile, which `check` says. `Your Name` (a site
    # made by init without --name): no name could be matched yet, every paper is a stranger's.
    # --named-only on a lab's site (no main_author, as the README makes one) left out
    # nothing: its such papers were imported, on no profile, without a word.
    if (owner is None and not ownerless) or (owner is not None and owner[1] == DEFAULT_NAME):
        return None
    known = {name_key(n) for _, name, aliases, _ in authors for n in (name, *aliases)} - {""}
    own = [name for _, name, _, _ in authors]
    found = [
        (rel, work)
        for rel, work in new
        if work.authors
        and not any(is_truncation(a) for a in work.authors)
        and not _anyone_of(known, own, work.authors)
    ]
    if not found:
        return None
    return Strangers(owner and owner[1], owner and owner[0], len(new), found)


def owner_note(these: Strangers, left_out: bool, option: str | None) -> str:
    """The note on ``these``: imported as the owner's papers, or (``left_out``) not
    imported; ``option``: the import's option that leaves them out, if it has one."""
    found = these.found
    if left_out:
        shown = ", ".join(work.label for _, work in found[:_SHOWN])
    else:
        shown = ", ".join(f"{rel} from {work.label}" for rel, work in found[:_SHOWN])
    if len(found) > _SHOWN:
        shown += f" and {len(found) - _SHOWN:,} more"
    if these.new == 1:  # not "1 of the 1 new records names none"
        head = "the new record names none of the site's authors"
    else:
        name = "names" if len(found) == 1 else "name"
        head = f"{len(found):,} of the {these.new:,} new records {name} none of the site's authors"
    if left_out:
        would = (
            f"{these.owner}'s papers, as every record of a personal site is its owner's"
            if these.owner
            else "on no author's profile"
        )
        return f"{head} ({shown}): left out, as {option} asks (without it, they would be {would})"
    leave = f" (or import again with {option}, which leaves them out)" if option else ""
    return (
        f"{head} ({shown}): shown as {these.owner}'s papers, on the profile and CV, as every "
        f"record of a personal site is its owner's; delete those that are not theirs{leave}, "
        f"or add the spelling of the name on them to aliases in {these.record}"
    )
