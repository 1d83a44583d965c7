"""dblp's BibTeX of a conference paper: the meeting it names, as dblp's own pages name it.

dblp writes a proceedings' whole title as the paper's ``booktitle``, the meeting's place
and dates with it (`International Conference on Machine Learning, {ICML} 2023, 23-29 July
2023, Honolulu, Hawaii, {USA}`), and its pages list the paper under `ICML 2023`. The
card showed the whole title as the venue. Its "with crossref" form gives the paper the
acronym alone (`booktitle = {{ICML}}`) and the title to the proceedings it crossrefs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.ingest.latex import decode

# The meeting's acronym and year, one part of the title between commas or dashes (`ICML
# 2023`, `NeurIPS 2023`, ECCV's `Computer Vision - {ECCV} 2022 - 17th European
# Conference`), or the end of its first part after a colon (`Findings of the Association
# for Computational Linguistics: {EMNLP} 2023`). An acronym has two capitals or more.
# A note of dblp's in brackets may follow it (IJCAI-PRICAI's `…, {IJCAI} 2020 [scheduled
# for July 2020, Yokohama, Japan, postponed due to the Corona pandemic]`: the card showed
# the whole title, note and all).
# Each run of letters and blanks is read once (the acronym is its whole run, taken at once,
# and a dash's blanks from their first): `[A-Z]\w*[A-Z]\w*` and a `\s+-` free to start at
# each blank were quadratic, 100,000 capitals or blanks in a booktitle a hang.
_MEETING = re.compile(
    r"(?:^|(?P<colon>:)\s+|,\s+|(?<!\s)\s+-\s+)"
    r"(?P<meeting>(?P<acronym>(?=[A-Z][\w/@&+.'-]*?[A-Z])(?=(?P<run>[\w/@&+.'-]+))(?P=run))"
    r"\s+(?:19|20)\d{2}(?:\s+Workshops?)?)"
    r"(?=\s*,|\s+-\s+|\s+\[[^\[\]]*\]\s*$|\s*$)"
)


# ACM's name for its meetings, which dblp's titles of ACM's proceedings start with:
# `{KDD} '21: The 27th {ACM} {SIGKDD} Conference on …`, `{CHI} '23: {CHI} Conference on …`
# (its acronym, as above, its whole run of letters taken at once)
_ACM_MEETING = re.compile(
    r"(?P<meeting>(?P<acronym>(?=[A-Z][\w/@&+.-]*?[A-Z])(?=(?P<run>[\w/@&+.-]+))(?P=run))"
    r" '\d{2}):"
)


# The volume of a meeting's proceedings that names its papers' kind, as ACL's do: `… (Volume
# 1: Long Papers), {ACL} 2023, …`, NAACL's `…, {NAACL-HLT} 2019, …, Volume 1 (Long and Short
# Papers)`. dblp lists the paper under `ACL (1) 2023`; a reader asks whether it is a long
# paper, a short one or a demonstration, which "ACL 2023" alone did not say.
# The kind's blanks are _volume_kind's to fold: `:\s*([^()]+?)\s*\)` tried each blank of a
# long run against the rest of it (quadratic).
_NAMED_VOLUME = re.compile(
    r"\(\s*Volume\s+\d+\s*:([^()]+)\)|\bVolume\s+\d+\s*\(([^()]+)\)", re.IGNORECASE
)


def _volume_kind(title: str) -> str:
    """`` (Long Papers)`` for a title naming its volume so, else ``""``."""
    found = _NAMED_VOLUME.search(title)
    return f" ({' '.join((found.group(1) or found.group(2)).split())})" if found else ""


def is_dblp(key: str, fields: dict[str, str]) -> bool:
    """Whether an entry is dblp's: its key (`DBLP:conf/icml/LiuZ23`) or its `biburl`."""
    return key.startswith("DBLP:") or "dblp" in fields.get("biburl", "").lower()


def meeting(booktitle: str, volume_titles: Iterable[str] = ()) -> str | None:
    """The meeting a dblp ``booktitle`` (as text) names: `ICML 2023`, `KDD '21`; a title
    before a colon stays (`Findings of the Association for Computational Linguistics: EMNLP 2023`),
    and a volume named for its papers' kind is said (`ACL 2023 (Long Papers)`).
    A booktitle that is the acronym alone (`ICML`, or `ACL (1)` with its volume) takes the
    year from the crossref'd proceedings' title (``volume_titles``) that names it. None
    for another title."""
    acm = _ACM_MEETING.match(booktitle)
    if acm:
        return acm.group("meeting")
    found = _MEETING.search(booktitle)
    if found:
        if found.group("colon") and "," not in booktitle[: found.start()]:
            return booktitle[: found.end()]
        return found.group("meeting") + _volume_kind(booktitle)
    # (its volume's number dropped before the blanks are: `\s*\(\d+\)$` tried each blank
    # of a run against the rest of it, minutes for a booktitle of 100,000 blanks)
    acronym = re.sub(r"\(\d+\)$", "", booktitle.strip()).strip().casefold()
    for title in volume_titles:
        named = _MEETING.search(title)
        if named and named.group("acronym").casefold() == acronym:
            return named.group("meeting") + _volume_kind(title)
    return None


def dblp_venue_before(old: str, new: str, entry: str) -> bool:
    """Whether ``old`` is the venue an import read from dblp's ``entry`` (its BibTeX)
    before it read the meeting ``new`` out of it: the whole booktitle, or the acronym of
    the crossref form."""
    dblp = re.search(r"@\w+\s*\{\s*DBLP:|dblp\.org/rec/", entry) is not None
    # The whole title and the acronym are the entry's booktitle, as it is written: a venue
    # a person wrote (`ICML`, `Proc., ICML 2023, oral`) was taken for one and replaced
    written = _BOOKTITLE.search(entry)
    booktitle = " ".join(decode(written.group(1)).split()) if written else None
    # (`ACL 2023`, read before the volume's kind was: `ACL 2023 (Long Papers)`)
    kind = _volume_kind(entry)
    earlier = (
        old == booktitle and (meeting(old) == new or new.rpartition(" ")[0] == old),
        bool(kind) and new == old + kind,
    )
    return dblp and old != new and any(earlier)


# dblp's booktitle, one line of its BibTeX (`booktitle = {…},`, its value folded over lines)
_BOOKTITLE = re.compile(
    r"^[ \t]*booktitle[ \t]*=[ \t]*\{([^\n]*(?:\n(?![ \t]*\w+[ \t]*=)[^\n]*)*)\},?[ \t]*$",
    re.I | re.M,
)
