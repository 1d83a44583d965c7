"""Talks among an old site's or a file's works: left out of the papers, with a note.

A site lists papers: its paper count, h-index and novelty are computed from them, and each
paper's page carries Google Scholar's citation tags, which its inclusion guidelines ask of
scholarly articles alone. academicpages keeps talks in ``_talks/`` and Hugo Blox in
``content/event/`` (older Academic: ``content/talk/``), apart from the publications; a
BibTeX file mixes them in as ``@misc`` or ``@unpublished`` entries that say so
(``howpublished = {Invited talk, …}``, ``type = {Keynote}``). Every importer leaves them
out, and says where a page of the user's own can list them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from generator.errors import listed

# Where the user lists them: a page of their own (README, "A page of your own").
TALKS_PAGE = 'content/pages/talks.md: see "A page of your own"'

# The entry types a talk is filed under: BibTeX's catch-alls, and the types some styles
# and reference managers add for one (an unknown type is read as `other`).
_CATCH_ALL = frozenset({"misc", "unpublished", "online", "booklet"})
_TALK_TYPES = frozenset({"talk", "presentation", "lecture", "speech", "poster", "conferencetalk"})

# What names a talk, at the start of a `type`, `howpublished` or `note`, in English,
# French, German, Italian and Spanish. A word of it must be followed by the end, a
# separator or a preposition ("Talk at", "Invited talk, Université de Genève", "Vortrag
# an der …"), so that "Lecture Notes in …", "Conférence internationale sur …" (a
# proceedings' name) or "Seminar notes" are no talk.
_QUALIFIER = (
    r"(?:invited|keynote|plenary|contributed|conference|seminar|colloquium|public|guest|oral"
    r"|panel|lightning|research|departmental|inaugural|opening|closing|spotlight|workshop"
    r"|poster|short|long|online|virtual)"
)
_NOUN = (
    r"(?:talks?|lectures?|presentations?|seminar|colloquium|webinar|keynote|poster"
    r"|(?:keynote|plenary|presidential|inaugural|invited|opening|closing|public)\s+"
    r"(?:address|speech)"
    # German: Vortrag and its compounds (Gastvortrag, Hauptvortrag, Plenarvortrag)
    r"|(?:eingeladener\s+|öffentlicher\s+)?\w*vortrag|präsentation|kolloquium"
    # French
    r"|conférence|exposé|séminaire|intervention|présentation|communication\s+orale"
    r"|conférencier\s+invité|conférencière\s+invitée"
    # Italian
    r"|intervento|seminario|conferenza|presentazione|relazione\s+(?:invitata|su\s+invito"
    r"|plenaria)|lezione\s+magistrale|comunicazione\s+orale"
    # Spanish
    r"|ponencia|charla|conferencia|presentación|comunicación\s+oral)"
)
_AFTER = (
    r"(?:invitée?|invitad[oa]|invitato|invitata|plénière|plenari[ao]|magistral[e]?|orale?"
    r"|donnée|publique|pubblica|pública|su\s+invito|principale?)"
)
_FOLLOWS = (
    r"(?=\s*(?:$|[,:;.()\[\]–—/-])"
    r"|\s+(?:at|in|to|for|on|given|delivered|held|during|before|@"
    r"|à|au|aux|lors|dans|donnée?|devant|pour|sur"
    r"|an|am|auf|beim|bei|im|zur|zum|vor|über"
    r"|al|alla|allo|alle|presso|nel|nella|per|su"
    r"|en|del|de|ante|para|sobre)\b)"
)
_TALK = re.compile(
    rf"(?:(?:an?|une?|ein|eine|una?)\s+)?(?:{_QUALIFIER}\s+)*{_NOUN}(?:\s+{_AFTER})*{_FOLLOWS}",
    re.IGNORECASE,
)
# "Paper presented at …": in the humanities the paper read at a meeting, a talk; in other
# fields the working paper behind one. A talk where the entry carries no published text
# (no DOI or arXiv id).
_PRESENTED = re.compile(
    r"(?:(?:an?\s+)?(?:paper|work|research|talk|poster)\s+)?presented\s+(?:at|to|in|during|before)\b"
    r"|présentée?s?\s+(?:à|au|aux|lors)\b|vorgetragen\s+(?:auf|an|am|bei|beim|im|vor)\b"
    r"|presentat[oa]\s+(?:a|al|alla|allo|presso|nel|nella)\b"
    r"|presentad[oa]\s+(?:en|al|ante)\b",
    re.IGNORECASE,
)
# An event it was given at (biblatex's `eventtitle`, `venue`: the manual's fields for "the
# script of a talk" as an @unpublished), where no other field says what the entry is.
_EVENT_KEYS = ("eventtitle", "venue")
PUBLISHED_KEYS = ("doi", "eprint", "journal", "journaltitle", "booktitle", "isbn")


def talk_reason(entry_type: str, fields: Mapping[str, str]) -> str | None:
    """What makes an entry a talk, as written (``howpublished = {Invited talk, …}``), or
    None if it is none. ``fields`` are the entry's values as plain text.

    Conservative: an ``@inproceedings`` (a paper in a conference's proceedings) is never
    one, whatever its note says, nor an ``@article``, a book or a report.
    """
    kind = entry_type.lower()
    if kind in _TALK_TYPES:
        return f"@{entry_type}"
    if kind not in _CATCH_ALL:
        return None
    for key in ("type", "howpublished", "note", "addendum"):
        value = _leading(fields.get(key, ""))
        if value and _TALK.match(value):
            return f"{key} = {{{fields[key].strip()}}}"
    published = any(fields.get(key, "").strip() for key in PUBLISHED_KEYS)
    if published:
        return None
    for key in ("howpublished", "note", "addendum"):
        value = _leading(fields.get(key, ""))
        if value and _PRESENTED.match(value):
            return f"{key} = {{{fields[key].strip()}}}"
    for key in _EVENT_KEYS:
        if fields.get(key, "").strip():
            return f"{key} = {{{fields[key].strip()}}}"
    return None


def _leading(value: str) -> str:
    """A field's text from its first word: without braces, quotes and blanks before it."""
    return re.sub(r"^[\s{}\"'“‘(\[]+", "", value)


def talk_note(where: str, label: str, title: str, reason: str, example: str) -> str:
    """The note on one talk left out, with a line for it on a page of the user's own."""
    return (
        f"{where}: {label} ({title!r}) is a talk ({reason}), not a paper: not imported; "
        f"list it on a page of your own, content/pages/talks.md, as `{example}`"
    )


def talks_left_out(talks: list[tuple[str, str]]) -> str:
    """The note after those on each talk (its file and key): why they are left out, and
    how to list them."""
    count = f"{len(talks)} talks" if len(talks) > 1 else "1 talk"
    files = " and ".join(dict.fromkeys(origin for origin, _ in talks))
    return (
        f"{files}: {count} not imported ({listed([key for _, key in talks], 3)}): the site "
        "lists papers (its paper count, h-index and novelty are theirs, and Google Scholar's "
        "citation tags are for scholarly articles alone); to keep them, write a page of your "
        f"own that lists them ({TALKS_PAGE}), a line for each as the notes above show"
    )


def example_line(year: str, title: str, what: str) -> str:
    """A talk as a line of a Markdown list: ``- 2023: *Title*, Invited talk, Geneva``."""
    parts = [f"*{title}*"] + ([what] if what else [])
    return f"- {year + ': ' if year else ''}{', '.join(parts)}"


def collection_note(folder: Path, files: list[str], what: str = "talks") -> str:
    """The note on a folder of an old site's talks (or teaching pages, or projects) left
    out: how many, named, and where a page of the user's own lists them."""
    shown, noun = listed(files, 3), what if len(files) > 1 else what[:-1]
    page = f'content/pages/{what.split()[0]}.md: see "A page of your own"'
    return (
        f"{folder}: {len(files)} {noun} ({shown}) not imported: the site lists papers; "
        f"to keep them, write a page of your own that lists them ({page})"
    )
