"""BibTeX (and al-folio's ``papers.bib``) → works: ``authorsite import bibtex``.

The stages, each a module:

- :mod:`~generator.ingest.bibtex_read`: the file into entries (bibtexparser v2 splits the
  blocks), ``#`` and ``@string`` macros evaluated, unreadable blocks named at their line;
- :mod:`~generator.ingest.bibtex_fields`: an entry (its crossref parents filling gaps)
  onto a work's fields, and the entry as cite.bib serves it (verbatim, or with the
  file's macros and crossref resolved when it needs them to stand alone);
- :mod:`~generator.ingest.bibtex_names` and :mod:`~generator.ingest.latex`: author lists
  into names, and LaTeX into Unicode for display.

This module runs them over a file or several, with crossref, ``@xdata`` and the checks
that need the whole file.
"""

from __future__ import annotations

import logging
import re
import shlex
from collections import ChainMap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bibtexparser.library import Library

from generator.errors import ContentError, Problem
from generator.ids import shown
from generator.ingest import progress
from generator.ingest.bibtex_fields import (
    EXPORT_DATE,
    SCOPUS_SOURCE,
    WOS_SOURCE,
    badge_notes,
    bilingual_notes,
    corporate_notes,
    day_of,
    html_link_notes,
    iris_case_notes,
    isbn_notes,
    lineage,
    own_link_notes,
    script_notes,
    unlinked_notes,
    work_of,
    year_notes,
)
from generator.ingest.bibtex_names import comma_notes
from generator.ingest.bibtex_read import (
    BUDGET_PER_CHAR,
    MAX_VALUE_CHARS,
    Evaluated,
    bibtex_text,
    entries_in,
    evaluate_entries,
    failed_blocks,
    file_macros,
    split,
    without_comment_blocks,
    without_comments,
)
from generator.ingest.latex import decode
from generator.ingest.notices import mark_retracted, notice_kind, notice_note, retracted_note
from generator.ingest.pubmed_names import misfit_notes
from generator.ingest.sources import read_text
from generator.ingest.talks import (
    PUBLISHED_KEYS,
    example_line,
    talk_note,
    talk_reason,
    talks_left_out,
)
from generator.ingest.work import (
    UnreadWorks,
    Work,
    check,
    fold_space,
    normalise_title,
)
from generator.parse import blank_lone_markers, conflict_problems

# bibtexparser logs each failed block itself; we report them as problems instead.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False


@dataclass(frozen=True)
class _Scanned:
    """One file split into its entries, its macros evaluated: what reading it needs."""

    text: str
    origin: str
    library: Library
    problems: list[Problem]
    entries: dict[str, Evaluated]
    # a file of @string macros (`IEEEabrv.bib`) or @preamble commands alone: no error
    macros_only: bool


# The databases whose exports carry their counts (see bibtex_fields._citations)
_DATABASES = frozenset({SCOPUS_SOURCE, WOS_SOURCE})


def _scan(
    text: str, origin: str, notes: list[str] | None, shared: dict[str, str] | None
) -> _Scanned:
    """``text`` split and evaluated, with the macros of ``shared`` (see ``parse_bibtex``)."""
    conflicts = conflict_problems(text, origin, "file")
    blanked = blank_lone_markers(text) if conflicts else None
    if conflicts and blanked is None:
        # Both sides of a merge git could not make: within an entry it read as a missing
        # comma, between entries as a key used twice, and both versions were imported.
        return _Scanned(text, origin, Library(), conflicts, {}, False)
    # A marker left alone, its conflict resolved by hand, is said, and the file read on,
    # so that the one run says what else the merge left (an entry it cut short).
    text = blanked if blanked is not None else text
    # The split (a second for 10,000 entries) and the evaluation, before the entries are
    # read: counted as bibtexparser finds them, or a large file showed nothing meanwhile.
    uncommented = without_comment_blocks(without_comments(text))
    with progress.counting("scan", lambda: entries_in(uncommented), origin) as counted:
        library = split(uncommented, counted)
        problems = conflicts + failed_blocks(
            library, origin, notes if notes is not None else [], text
        )
        macros = file_macros(library, origin, problems, shared or {})
        if shared is not None:
            shared.update(macros)
        budget = BUDGET_PER_CHAR * len(text) + MAX_VALUE_CHARS
        entries = evaluate_entries(library, macros, origin, problems, budget)
    macros_only = bool(library.strings or library.preambles) and shared is not None
    return _Scanned(text, origin, library, problems, entries, macros_only)


def parse_bibtex(
    text: str,
    origin: str,
    notes: list[str] | None = None,
    shared: dict[str, str] | None = None,
) -> list[Work]:
    """Works from BibTeX text; ``origin`` names the file in messages.

    ``notes`` collects what a person should know but is no error (a key used twice).
    ``shared`` holds the ``@string`` macros of the files read before this one, as BibTeX
    reads ``\\bibliography{IEEEabrv,papers}``; this file's are added to it, and a file
    of macros alone is then no error.
    """
    scanned = _scan(text, origin, notes, shared)
    return _read(scanned, scanned.entries, _crossrefs(scanned.entries.values()), notes)


def _crossrefs(entries: Iterable[Evaluated]) -> set[str]:
    """The keys that ``entries`` crossref, in lower case."""
    return {entry.fields.get("crossref", "").lower() for entry in entries}


def _read(
    scanned: _Scanned,
    database: Mapping[str, Evaluated],
    referenced: set[str],
    notes: list[str] | None,
    talks: list[tuple[str, str, Work]] | None = None,
) -> list[Work]:
    """The works of a scanned file. ``database`` is every entry a crossref, ``xdata`` or
    set may name: the file's own, and those of the files imported with it, as BibTeX
    takes `\\bibliography{biblio,crossref}` for one database (IRIDIA's keeps the
    proceedings its papers crossref in a file of their own); ``referenced``, the keys
    their entries crossref. Given ``talks``, a talk is left out with a note, and where it is added
    there (see :mod:`~generator.ingest.talks`)."""
    text, origin, library, entries = scanned.text, scanned.origin, scanned.library, scanned.entries
    problems = scanned.problems
    if not library.entries and not problems and not scanned.macros_only:
        problems.append(Problem(origin, 0, "no BibTeX entries found"))
    works = []
    usable: list[Work] = []  # the works without a problem, whose records are checked too
    header = EXPORT_DATE.search(text[: text.find("@")] if "@" in text else "")
    exported = day_of(header.group(1)) if header else None  # Scopus's export
    for entry in progress.each("read", entries.values(), origin):
        if entry.unreadable:
            continue  # its problem is reported; "has no title" would only repeat it
        if not entry.block.key.strip():  # R's `citation()`: `@Article{,`
            kind = entry.block.entry_type
            problems.append(Problem(origin, (entry.block.start_line or 0) + 1, (
                f"@{kind} entry has no citation key: nothing comes before its first comma; "
                f"write a key there, e.g. `@{kind}{{lee2021,`"
            )))  # fmt: skip
            continue
        # a volume that papers crossref (its editors are not authors): no paper, unless a
        # site author edited it (the import decides: see aliases.edited_here)
        volume = entry.block.key.lower() in referenced and "author" not in entry.fields
        if entry.block.entry_type.lower() in ("xdata", "set"):
            # biblatex's shared fields (a venue's name, its year), and its entry sets
            # (`@set{stdmodel, entryset = {glashow,weinberg,salam}}`, which cite those
            # entries as one): never a paper. A set was refused as one without a title.
            continue
        found = _with_xdata(entry, database, origin, [] if volume else problems, set())
        if found is None:
            continue
        entry = found
        parent = None
        if "crossref" in entry.fields:
            parent = database.get(entry.fields["crossref"].lower())
        work = work_of(entry, lineage(parent, database), origin, exported)
        if talks is not None and not volume and _talk(entry, work, notes):
            talks.append((origin, entry.block.key, work))
            continue
        notice = None if volume else notice_kind(work.title)
        if notice:  # "Correction: …", as OpenAlex's `erratum`: no paper, nor counted as one
            if notes is not None:
                notes.append(notice_note(work, notice))
            continue
        note = work.note or decode(entry.fields.get("note", ""))
        if not volume and mark_retracted(work, note) and notes is not None:
            notes.append(retracted_note(work))  # a draft, as OpenAlex's `is_retracted`
        found_problems = _with_fixes(_yearless(entry, work) if not work.date else check(work))
        if volume:
            if not found_problems and work.authors:  # else left out unsaid, as before
                work.crossref_volume = True
                works.append(work)
            continue
        if "crossref" in entry.fields and parent is None:
            _unknown_crossref(entry, origin, found_problems, notes)
        problems.extend(found_problems)
        if not found_problems:
            usable.append(work)
        if notes is not None:
            notes.extend(unlinked_notes(entry.fields, work) + comma_notes(entry.fields, work))
            notes.extend(own_link_notes(entry.fields, work))
            notes.extend(year_notes(entry.fields, work) + misfit_notes(entry.fields, work))
            notes.extend(corporate_notes(entry.fields, work) + html_link_notes(entry.fields, work))
            notes.extend(iris_case_notes(entry.block.key, entry.fields, work))
            notes.extend(script_notes(entry.fields, work) + badge_notes(entry.fields, work))
            notes.extend(isbn_notes(entry.fields, work) + bilingual_notes(entry.fields, work))
        works.append(work)
    if problems:
        raise UnreadWorks(problems, usable)
    if notes is not None:
        notes.extend(_undated_counts(origin, works))
    return works


def _talk(entry: Evaluated, work: Work, notes: list[str] | None) -> bool:
    """Whether the entry is a talk (``@misc`` with ``howpublished = {Invited talk, …}``):
    it was imported as a paper, counted in the paper count and h-index, and its page given
    Google Scholar's tags, as academicpages' ``_talks/`` never were. A note says so, with
    a line to list it on a page of the user's own."""
    kinds = ("type", "howpublished", "note", "addendum", "eventtitle", "venue")
    fields = {k: decode(v) for k, v in entry.fields.items() if k in kinds}
    fields.update({k: v for k, v in entry.fields.items() if k in PUBLISHED_KEYS})
    reason = talk_reason(entry.block.entry_type, fields)
    if reason is None:
        return False
    if notes is not None:
        said = [
            fold_space(fields.get(k, "")) for k in ("type", "howpublished", "eventtitle", "venue")
        ]
        what = ", ".join(s for s in said if s) or fold_space(fields.get("note", ""))
        example = example_line(work.date[:4], work.title, what)
        notes.append(talk_note(work.where, work.label, work.title, reason, example))
    return True


def _undated_counts(origin: str, works: list[Work]) -> list[str]:
    """A note on the database counts of a file that gives no day of its export (Scopus's
    `EXPORT DATE:` line gone from above its entries, as when files are merged; EndNote's
    copy of Web of Science's): they are dated with the day of the import, as when they
    were read, which a file exported long before does not tell, unsaid; and a count so
    dated replaces a count of the record read after the export (see "Merge rules")."""
    undated = [w for w in works if w.citations_source in _DATABASES and not w.citations_date]
    if not undated:
        return []
    sources = " and ".join(sorted({str(w.citations_source) for w in undated}))
    counts = "1 citation count" if len(undated) == 1 else f"{len(undated)} citation counts"
    return [
        f"{origin}: {counts} from {sources} ({undated[0].label}"
        f"{' and others' if len(undated) > 1 else ''}) carry no date of the export (Scopus "
        "writes it as `EXPORT DATE:` above the entries): dated with the day of this import, "
        "which a page shows as the day the count was read, and a count so dated replaces a "
        "newer one a record has; if the file was exported before today, correct "
        "`citations_date` in those records, or export it again with its date line"
    ]


def _unknown_crossref(
    entry: Evaluated, origin: str, problems: list[Problem], notes: list[str] | None
) -> None:
    """A crossref to an entry the file lacks (one entry pasted from DBLP's "with crossref"
    BibTeX, say): BibTeX and biber warn and go on with the entry's own fields, and so does
    the import, with a note. If the entry then lacks what a paper needs, it is one more
    problem: what it lacks may be what the volume would have given."""
    line = entry.lines["crossref"]
    named = f"entry '{entry.block.key}': crossref to '{shown(entry.fields['crossref'])}'"
    if problems:
        fix = "add that entry to the file, or write its booktitle and year into this one"
        problems.append(Problem(origin, line, f"{named} is not in this file; {fix}"))
    elif notes is not None:
        notes.append(
            f"{origin}:{line}: {named} is not in this file; imported with the entry's own "
            "fields (add the volume's entry for what it would give, such as its booktitle)"
        )


# What to write where an entry lacks a field: "entry 'catak-adv-ml-2020': has no
# authors" (a README's `@PROCEEDINGS` of its own paper) said only what was missing.
_FIXES = {
    "has no authors": "has no authors; add them, e.g. author = {Lee, Hana and Doe, Jane}",
    "has no title": "has no title; add it, e.g. title = {…}",
}


def _with_fixes(problems: list[Problem]) -> list[Problem]:
    """``problems`` with what to add said where a field is missing."""
    fixed = []
    for problem in problems:
        label, _, rest = problem.message.rpartition(": ")
        if rest in _FIXES:
            problem = Problem(problem.path, problem.line, f"{label}: {_FIXES[rest]}")
        fixed.append(problem)
    return fixed


def _yearless(entry: Evaluated, work: Work) -> list[Problem]:
    """``check``'s problems for an entry with no date; a year written as words
    (`year = {in press}`, `{forthcoming}`) is named, at its line, with what to write."""
    problems = check(work)
    generic = work.problem("has no date (year)")
    # biblatex's `pubstate = {forthcoming}` (or `inpress`, `submitted`) in place of a date,
    # which biblatex prints as the date: named as a `year` in words is.
    for key in ("date", "year", "pubstate"):
        written = fold_space(entry.fields.get(key, ""))
        if written:
            message = (
                f"{work.label}: {key} = {{{shown(written)}}} names no year; write the year "
                "it appears, e.g. year = {2025} (for a paper not out yet, its year of acceptance)"
            )
            line = entry.lines.get(key, work.line)
            return [Problem(work.origin, line, message) if p == generic else p for p in problems]
    # An entry without one (Wiley's export of an article online before its issue has no
    # `year`): the message said what was missing, not what to write.
    fix = work.problem("has no date (year); add the year it appeared, e.g. year = {2024}")
    return [fix if p == generic else p for p in problems]


def _with_xdata(
    entry: Evaluated,
    entries: Mapping[str, Evaluated],
    origin: str,
    problems: list[Problem],
    seen: set[str],
) -> Evaluated | None:
    """The entry with the fields of the ``@xdata`` entries its ``xdata`` names (biblatex:
    `xdata = {neurips23}`), its own fields winning; None if one is not in the file.

    They were not read: a paper that takes its booktitle and year from them had no date,
    and each ``@xdata`` entry was refused as a paper with no title and no authors.
    """
    if "xdata" not in entry.fields:
        return entry
    fields = {k: v for k, v in entry.fields.items() if k != "xdata"}
    seen = seen | {entry.block.key.lower()}
    for key in filter(None, (k.strip() for k in entry.fields["xdata"].split(","))):
        data = entries.get(key.lower())
        if data is not None and key.lower() not in seen:  # `xdata` may name more `xdata`
            data = _with_xdata(data, entries, origin, problems, seen)
        if data is None:
            message = f"entry '{entry.block.key}': xdata names unknown entry '{key}'"
            problems.append(Problem(origin, entry.lines["xdata"], message))
            return None
        for name, value in data.fields.items():
            fields.setdefault(name, value)
    fields.pop("xdata", None)
    # Written back with the shared fields in it: cite.bib stands alone.
    return replace(entry, fields=fields, used_macros=True)


def page_bibtex(
    path: Path, work: Work, notes: list[str], whose: str = "", inline: tuple[str, int] | None = None
) -> Work | None:
    """The entry of a page's BibTeX file beside it (Hugo's `cite.bib`, academicpages'
    `bibtexurl`) if it describes the page's ``work``; else None, with a note. ``inline``
    is BibTeX the page ``path`` holds itself, and the line before its first.

    The old site served the file as it is: one BibTeX cannot read (bioRxiv's
    `@article {Garc{\\'\\i}a Pascual2024…,`) stopped the import of every page. One copied
    from another page describes another paper: its DOI and BibTeX would be wrong here, so
    one whose title differs from the page's is left out (``whose``: ` for <the page>`).
    """
    text, before = inline if inline else (read_text(str(path)), 0)
    try:
        entries = parse_bibtex(text, str(path))
    except ContentError as exc:
        notes.extend(
            f"{p.path}:{p.line + before}: {p.message}; the page is imported without this "
            "BibTeX (correct it and import again to add it)"
            for p in exc.problems
        )
        return None
    if not entries:
        return None
    bib = entries[0]
    ours, theirs = normalise_title(work.title), normalise_title(bib.title)
    if ours and not (theirs.startswith(ours) or ours.startswith(theirs)):
        where = f"{path}:{bib.line + before}: its BibTeX is" if inline else f"{path}:"
        notes.append(
            f"{where} not used{whose}: it describes {bib.title!r}, not {work.title!r} "
            "(copied from another page?)"
        )
        return None
    return bib


def import_bibtex_files(
    sources: Sequence[str], notes: list[str] | None = None, talks: list[Work] | None = None
) -> list[Work]:
    """Works from several BibTeX files, every file's problems reported together; the
    talks left out are added to ``talks``.

    The files are one database, as BibTeX reads `\\bibliography{abbrev,biblio,crossref}`:
    a file's ``@string`` macros hold for the files after it, and a crossref may name an
    entry of any of them (IRIDIA's `crossref.bib` holds the proceedings its papers name).
    """
    works: list[Work] = []
    problems: list[Problem] = []
    shared: dict[str, str] = {}  # @string macros hold for the files after theirs
    scanned: list[tuple[_Scanned, bool]] = []
    found_talks: list[tuple[str, str, Work]] = []  # (file, key, work) of each talk left out
    for source in sources:
        before = dict(shared)
        try:
            text = bibtex_text(source)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        scanned.append((_scan(text, source, notes, shared), shared != before))
    database: dict[str, Evaluated] = {}
    for each, _ in scanned:
        for key, entry in each.entries.items():
            database.setdefault(key, entry)  # a key in two files: the first, as BibTeX
    # Once for all files, and each file's entries before the others' without a copy of
    # them all: per file, 4,000 files of one entry each took 19 s, 10,000 two minutes.
    referenced = _crossrefs(entry for each, _ in scanned for entry in each.entries.values())
    for number, (each, added_macros) in enumerate(scanned, start=1):
        try:
            found = _read(each, ChainMap(each.entries, database), referenced, notes, found_talks)
        except ContentError as exc:
            problems.extend(exc.problems)
            works.extend(exc.works if isinstance(exc, UnreadWorks) else ())
            continue
        works.extend(found)
        talked = any(origin == each.origin for origin, _, _ in found_talks)  # talks alone
        if not found and not talked and added_macros and number == len(scanned):
            source = each.origin
            what = "@string macros" if each.library.strings else "@preamble commands"
            message = (
                f"holds only {what} and no entries; give it before the files that "
                f"use them, as BibTeX reads them: authorsite import bibtex {shlex.quote(source)} "
                "papers.bib"
            )
            problems.append(Problem(source, 0, message))
    if found_talks and notes is not None:
        notes.append(talks_left_out([(origin, key) for origin, key, _ in found_talks]))
    if talks is not None:
        talks.extend(work for _, _, work in found_talks)
    if problems:
        raise UnreadWorks(problems, works)
    return _supplements(works, notes)


# IRIDIA's `@Misc{LopStu2010:gecco-supp, title = <the paper's>, howpublished =
# {\url{…}}, note = {Supplementary material of \cite{LopStu2010:gecco}}}`, and
# `title = {<the paper's>: {S}upplementary material}`: the paper's supplement.
_SUPPLEMENT_OF = re.compile(r"supplementary material (?:of|for|to) \\cite\{([^{}]+)\}", re.I)
_SUPPLEMENT_TITLE = re.compile(r"\s*[:.,–-]\s*supplementary material\s*$", re.I)


def _supplements(works: list[Work], notes: list[str] | None) -> list[Work]:
    """``works`` without the supplementary material of another of them, whose address is
    that work's ``supplement`` link. It was a paper of its own, or, of the paper's title,
    was taken for the paper: the page's Paper link led to the supplement, and its note
    read "Supplementary material of \\cite{LopStu2010:gecco}"."""
    by_key = {work.label: work for work in works}
    by_title = {normalise_title(work.title): work for work in reversed(works)}
    kept = []
    for work in works:
        cited = _SUPPLEMENT_OF.search(work.note or "")
        if cited:
            target = by_key.get(f"entry '{cited.group(1).strip()}'")
        else:
            main_title = _SUPPLEMENT_TITLE.sub("", work.title)
            target = by_title.get(normalise_title(main_title)) if main_title != work.title else None
        address = work.links.get("paper") or work.links.get("pdf")
        if target is None or target is work or not address:
            kept.append(work)
            continue
        target.links.setdefault("supplement", address)
        if notes is not None:
            notes.append(
                f"{work.where}: {work.label} is the supplementary material of {target.label}: "
                "linked from its record as `supplement`, not imported as a paper of its own"
            )
    return kept
