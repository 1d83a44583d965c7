"""The PubMed record EndNote keeps as the ``note`` of a paper it took from PubMed, and the
authors' full names in it.

EndNote's BibTeX names the authors by their initials, as PubMed's short names do
(`Carrette, L. L. G.`), and writes PubMed's record into the note, a field a line: the
ISSN, then each author's full name, surname first (PubMed's `FAU`, `Carrette, Lieselot L
G`), with the author's ORCID on the line after where PubMed has one (`Orcid:
0000-0002-5217-2774`), then the grants, the publication types, the country and the
citation. The record's authors take the full names where they fit the entry's names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.ingest.latex import decode
from generator.ingest.work import Work
from generator.names import fold_letters, is_truncation

# The lines that tell PubMed's record from a person's note: a publication type (`Journal
# Article`, `Research Support, N.I.H., Extramural`), a grant (`R01 DA036895/DA/NIDA NIH
# HHS/`) or the citation (`Nat Commun. 2026 Jun 11;17(1):4876. doi: 10.1038/…`).
_PUBMED_LINE = re.compile(
    r"journal article|research support, .*|[^/\n]+/[a-z]{2,3}/[^/\n]+ nih hhs/.*",
    re.IGNORECASE,
)
# The citation's year, then its DOI at the line's end: sought apart, as one pattern
# (`.+\. 2026\b.*\bdoi: …`) tried each year with the rest of the line, which took time
# with the square of a long line's years (a note of 256 KB, two minutes)
_CITATION_YEAR = re.compile(r"\. (?:19|20)\d\d\b")
_CITATION_DOI = re.compile(r"\bdoi: 10\.\S+\Z", re.IGNORECASE)


def _is_pubmed_line(line: str) -> bool:
    """Whether ``line`` is one only PubMed's record holds (see _PUBMED_LINE)."""
    if _PUBMED_LINE.fullmatch(line):
        return True
    year = _CITATION_YEAR.search(line, 1)
    return year is not None and _CITATION_DOI.search(line, year.end()) is not None


_ISSN = re.compile(r"\d{4}-\d{3}[\dxX](?:\s*\((?:print|electronic|linking)\))?", re.I)
# An author's line: the surname, a comma, the given names (PubMed writes middle initials
# without dots, `Lieselot L G`) and maybe a generation (`Kelleher, Raymond J 3rd`). No
# digit, slash or second comma: those are grants' and publication types' lines.
_NAME_PART = re.compile(r"[^\W\d_][^,\d/:;]*")
_GENERATION = r"(?i:jr|sr)\.?|II|III|IV|[2-9](?:nd|rd|th)"
# (entered at a run of blanks' first character only, as a search from each took time
# with the square of the run)
_GENERATION_WORD = re.compile(rf"(?<!\s)\s+(?:{_GENERATION})$")
_ORCID = re.compile(r"orcid:\s*\S+", re.IGNORECASE)
_GIVEN_PARTS = re.compile(r"[\s.\-‐]+")
# A lone letter of a given name, which PubMed writes without its dot (`Leah C`)
_BARE_INITIAL = re.compile(r"(?<![\w'’])([^\W\d_])(?![\w'’.])")


def is_pubmed_record(note: str) -> bool:
    """Whether a ``note`` is PubMed's record, as EndNote keeps it (see _is_pubmed_line)."""
    lines = [line.strip() for line in note.splitlines() if line.strip()]
    return len(lines) > 2 and any(_is_pubmed_line(line) for line in lines)


def record_authors(note: str) -> list[tuple[str, str]]:
    """The authors PubMed's record names, in order, each as (surname, given names); the
    ORCIDs after them are skipped. The list ends at the first line that is neither."""
    authors = []
    lines = [line.strip() for line in note.splitlines() if line.strip()]
    while lines and _ISSN.fullmatch(lines[0]):
        lines = lines[1:]
    for line in lines:
        if _ORCID.fullmatch(line):
            continue
        family, comma, given = decode(line).partition(", ")
        given = _GENERATION_WORD.sub("", given.strip())
        named = comma and _NAME_PART.fullmatch(family) and _NAME_PART.fullmatch(given)
        if not named or _is_pubmed_line(line):
            break
        authors.append((family.strip(), given))
    return authors


def _fits(written: str, family: str, given: str) -> str | None:
    """``written`` (a display name, `L. L. G. Carrette`, `R. J. Kelleher 3rd`) with the
    given names the record spells out (`Lieselot L. G. Carrette`), where it is that
    person: the same surname, and as many given names, each the record's or its initial
    (`K. M.` is `Khai-Minh`). Else None."""
    suffix = _GENERATION_WORD.search(written)
    name = written[: suffix.start()] if suffix else written
    words, surname = name.split(), family.split()
    if len(words) <= len(surname):
        return None
    if [fold_letters(w) for w in words[-len(surname) :]] != [fold_letters(w) for w in surname]:
        return None
    ours = [p for p in _GIVEN_PARTS.split(" ".join(words[: -len(surname)])) if p]
    theirs = [p for p in _GIVEN_PARTS.split(given) if p]
    if len(ours) != len(theirs):
        return None
    for a, b in zip(ours, theirs, strict=True):
        a, b = fold_letters(a), fold_letters(b)
        if a != b and not (len(a) == 1 and b.startswith(a)):
            return None
    spelled = _BARE_INITIAL.sub(r"\1.", given)
    rest = " ".join(words[-len(surname) :]) + (suffix.group(0) if suffix else "")
    return f"{spelled} {rest}"


def full_names(authors: Sequence[str], note: str) -> list[str]:
    """``authors`` (the entry's, in its order) with the full name PubMed's record in
    ``note`` gives at the same place, where it fits the entry's name (see `_fits`)."""
    named = record_authors(note) if is_pubmed_record(note) else []
    names = list(authors)
    for index, (family, given) in enumerate(named[: len(names)]):
        if not is_truncation(names[index]):
            names[index] = _fits(names[index], family, given) or names[index]
    return names


def misfit_notes(fields: dict[str, str], work: Work) -> list[str]:
    """A note naming each author PubMed's record in the entry's note gives where the
    entry names another person, or the same one another way (`D'Argence A, R.` for
    `D'argence, Andrea Ruiz`): the entry's name is kept."""
    note = fields.get("note", "")
    named = record_authors(note) if is_pubmed_record(note) else []
    found = []
    for index, (family, given) in enumerate(named[: len(work.authors)]):
        written = work.authors[index]
        if not is_truncation(written) and _fits(written, family, given) is None:
            found.append(
                f"'{family}, {given}' as author {index + 1}, where the entry has '{written}'"
            )
    if not found:
        return []
    where = work.where
    return [
        f"{where}: {work.label}: the PubMed record in its note names {'; '.join(found)}: "
        "the entry's name is kept (correct `author` in the file if the record is right)"
    ]
