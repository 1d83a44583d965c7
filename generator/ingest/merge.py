"""The merge rules shared by every importer: match, plan, then write atomically.

One record per work, matched by arXiv id, DOI, the BibTeX key or old site's page it was
imported from, or normalised title and year; a preprint and its published version become
one record. A value a person has set is never overwritten: a differing imported value is
reported as a conflict. The only values an import may replace are citation counts that
an earlier import wrote (they carry ``citations_source``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import yamlio
from generator.config import build_date_default
from generator.discover import paper_files
from generator.errors import ContentError, Problems
from generator.ids import arxiv_of_doi, canonical_arxiv
from generator.ingest import progress
from generator.ingest.arxiv import read_reference
from generator.ingest.bibtex import parse_bibtex
from generator.ingest.dblp import dblp_venue_before
from generator.ingest.match import (
    PREPRINT_LINK,
    Index,
    Keys,
    cite_key,
    combine,
    merged,
    other_version_links,
    recognised,
    record_is_preprint,
    record_keys,
    share_words,
    work_keys,
)
from generator.ingest.pdfs import KINDS, SITE_FILE
from generator.ingest.records import (
    RecordError,
    RecordFile,
    as_built,
    bibtex_as_imported,
    key_lines,
    read_only,
    read_record,
    render_record,
    update_record,
    write_files,
)
from generator.ingest.tex_markdown import tex_plain, tex_title
from generator.ingest.work import (
    Work,
    bare_doi,
    before_et_al,
    family_slug,
    fold_space,
    is_pubmed_page,
    literal_underscores,
    normalise_date,
    normalise_doi,
    normalise_title,
    paper_state,
    safe_url,
    says_nothing,
    settle,
    slugify,
    split_arxiv_id,
    venue_names,
    version_number,
)
from generator.languages import same_language, written_language
from generator.locators import Pages, locator, read_pages, series_short
from generator.names import GROUP_NAME, cjk_key, is_generation
from generator.parse import Text, parse_paper
from generator.schema import TRUNCATION_MARKERS
from generator.validate import composed

PAPERS_DIR = Path("content") / "papers"
# `series` after `volume`, the volume it is the series of (see _beside_its_volume)
_TEXT_FIELDS = (
    "translated_title", "category", "venue", "volume", "series", "issue", "pages", "isbn", "edition",
    "first_published", "type", "report_number",
    "language", "note",
)  # fmt: skip
_LOCATORS = ("volume", "issue", "pages")


@dataclass
class Action:
    """What an import does to one record."""

    status: str  # new, updated, unchanged
    rel: str
    path: Path
    text: str | None  # the record's new text (None when unchanged)
    works: list[Work]
    details: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # each key's line in the record
    # the record file as it was read (records.file_signature); None for a new record
    read_as: tuple[int, int, int] | None = None

    def where(self, conflict: str) -> str:
        """``path:line:`` of the key a conflict is about (``path:`` when it has none)."""
        name = conflict.partition(":")[0]  # `venue`, `links.pdf`
        line = self.lines.get(name) or self.lines.get(name.partition(".")[0])
        if name == "draft":  # a key the record lacks: where it would go, after the title
            line = self.lines.get("title")
        return f"{self.rel}:{line}:" if line else f"{self.rel}:"


@dataclass
class Plan:
    """Every action of one import, in source order."""

    actions: list[Action]
    folder: Path | None = None  # the site's papers folder, where a killed import's leftovers are

    def count(self, status: str) -> int:
        """How many records get this status."""
        return sum(1 for action in self.actions if action.status == status)

    @property
    def conflicts(self) -> int:
        """How many records have at least one conflict."""
        return sum(1 for action in self.actions if action.conflicts)


def today() -> dt.date:
    """The date stamped on imported citation counts (``SOURCE_DATE_EPOCH`` wins, checked
    as the build checks it: in milliseconds it was a traceback)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return build_date_default()
    return dt.date.today()


def load_records(site: Path) -> list[RecordFile]:
    """Every paper record the build reads, sorted; all unreadable ones reported at once.

    The files are those the build finds (not a link out of the site, nor an editor's
    backup), so that the import matches against the records that make the site.
    """
    problems = Problems()
    files = paper_files(site, problems)
    records: list[RecordFile] = []
    for path, rel in progress.each("records", files):
        try:
            records.append(read_record(Path(path), rel))
        except RecordError as exc:
            problems.extend([exc.problem])
    problems.raise_if_any()
    return records


# --- planning -----------------------------------------------------------------------


def _composed(work: Work) -> Work:
    """``work`` with its text in NFC, as the build reads every record (parse.read_text).

    A source's decomposed accents (`e` and U+0301: a PDF's copy, a macOS export) compared
    with the record that an import wrote from it, read composed, differed: each import
    again said `venue: keeps 'Café'; the import has 'Café'`. Where it came from (``origin``,
    ``label``) stays as written: a file is opened by that name.
    """
    changes: dict[str, Any] = {}
    for name in (f.name for f in dataclasses.fields(work)):
        value = getattr(work, name)
        if name in ("origin", "label"):
            continue
        if isinstance(value, str):
            changes[name] = composed(value)
        elif isinstance(value, list):
            changes[name] = [composed(v) if isinstance(v, str) else v for v in value]
        elif isinstance(value, dict):
            changes[name] = {k: composed(v) if isinstance(v, str) else v for k, v in value.items()}
    return dataclasses.replace(work, **changes)


def _fields_of(work: Work, stamp: dt.date) -> dict[str, Any]:
    """A new record's fields, in any order (the writer orders them)."""
    fields: dict[str, Any] = {"title": work.title, "authors": list(work.authors)}
    fields["date"] = work.date
    for name in _TEXT_FIELDS:
        if getattr(work, name):
            fields[name] = getattr(work, name)
    if work.citations is not None:
        fields["citations"] = work.citations
        if work.citations_source:
            fields["citations_source"] = work.citations_source
            fields["citations_date"] = work.citations_date or stamp.isoformat()
    if work.arxiv_id:
        fields["arxiv_id"] = work.arxiv_id
    if work.doi:
        fields["doi"] = work.doi
    links = {key: url for key, url in work.links.items() if _linkable(key, url)}
    if links:
        fields["links"] = links
    if work.tags:
        fields["tags"] = list(work.tags)
    if work.featured:
        fields["featured"] = True
    if work.draft:
        fields["draft"] = True
    if work.bibtex:
        fields["bibtex"] = work.bibtex
    if work.imported_from:
        fields["imported_from"] = work.imported_from
    return fields


def _author_key(name: str) -> str:
    """Family name and first initial: ``K. Wang`` and ``Kaile Wang`` are one person, and so
    are ``S. James Gates Jr.`` (arXiv), ``Gates, Jr., S. James`` (BibTeX) and ``S. James
    Gates``: one paper's list names one man with his suffix or without it. A name in
    Chinese characters, kana or Hangul is itself whole: ``小林 美穂`` (Hugo Blox) and
    ``小林美穂`` (BibTeX's ``小林, 美穂``) are one, and were a conflict at each import.

    The key is of the name in NFKC, the form that writes one letter one way: half-width
    katakana (``ﾔﾏﾀﾞ``, its voicing mark a letter of its own) is ``ヤマダ``, and a Kangxi
    radical (``⼩``, U+2F29, as some exports and input methods give it) the character it
    looks like (``小``): the same person, so written, was a conflict at each import (the
    record keeps the name as its user wrote it)."""
    if not name.isascii():
        name = unicodedata.normalize("NFKC", name)
    whole = cjk_key(name)
    if whole:
        return whole
    if "," in name:
        family, _, given = name.partition(",")
        if given.count(",") == 1:  # `Gates, Jr., S. James`
            given = given.partition(",")[2]
        elif is_generation(given):  # `Frederick P. Brooks, Jr.`
            return _author_key(family)
    else:
        parts = name.split()
        if len(parts) >= 3 and is_generation(parts[-1]):
            parts = parts[:-1]
        family, given = (parts[-1], " ".join(parts[:-1])) if parts else ("", "")
    initial = normalise_title(given)[:1]
    return f"{normalise_title(family)}|{initial}"


def _authors_key(names: Iterable[Any]) -> list[str]:
    return [_author_key(str(n)) for n in names if str(n).strip() not in TRUNCATION_MARKERS]


def _collaboration_alone(one: list[Any], other: list[Any]) -> bool:
    """Whether ``one`` is a collaboration's list cut short (INSPIRE's `ATLAS
    Collaboration, Georges Aad, et al.`) and ``other`` that collaboration alone (arXiv's
    author of the paper, `ATLAS Collaboration`): one paper's authors, two ways. It was
    a conflict at each import of the paper from the other source."""
    if len(other) != 1 or not one or str(one[-1]).strip() not in TRUNCATION_MARKERS:
        return False
    group = str(other[0])
    return GROUP_NAME.search(group) is not None and _authors_key(one)[:1] == _authors_key([group])


def _same(name: str, old: Any, new: Any) -> bool:
    """Whether a record's value and an imported one say the same thing."""
    if name == "title":
        return normalise_title(str(old)) == normalise_title(str(new))
    if name == "authors":  # `authors: Ada Lovelace`, one name as text, builds as a list of one
        old = [old] if isinstance(old, str) else old
        if not isinstance(old, list):
            return False
        ours, theirs = _authors_key(old), _authors_key(new)
        # a list cut short (`… and others`) that names the record's first authors says
        # nothing the record does not: it was a conflict at every import
        cut = bool(new) and str(new[-1]).strip() in TRUNCATION_MARKERS
        return (
            ours == theirs
            or (cut and ours[: len(theirs)] == theirs)
            or _collaboration_alone(old, new)
            or _collaboration_alone(new, old)
        )
    if name == "doi":
        return normalise_doi(str(old)) == normalise_doi(str(new))
    if name == "arxiv_id":
        parsed = split_arxiv_id(str(old))
        return parsed is not None and parsed[0] == new
    if name == "bibtex":
        return fold_space(str(old)) == fold_space(str(new))
    if name == "language":  # `zh-Hans` by hand, `zh` from OpenAlex: no conflict
        return same_language(str(old), str(new))
    if name == "pages":  # `45-67` by hand, `45–67` imported: one range
        return _pages_key(old) == _pages_key(new)
    if name == "series":  # `LNCS` by hand, `Lecture Notes in Computer Science` imported
        return series_short(str(old)).casefold() == series_short(str(new)).casefold()
    if name == "venue":  # `Phys.Rev.D`, as arXiv's journal reference writes it, and INSPIRE's
        # `Phys. Rev. D`: one journal, which was a conflict at each import of the paper
        return re.sub(r"\W+", "", str(old)).casefold() == re.sub(r"\W+", "", str(new)).casefold()
    return fold_space(str(old)).casefold() == fold_space(str(new)).casefold()


# Where an OpenAlex list of works cuts each work's authorships (its documented limit)
OPENALEX_AUTHORS_CUT = 100


def _completes(data: Mapping[str, Any], old: Any, new: list[str], work: Work) -> bool:
    """Whether ``new`` is the whole of a list the same source gave cut short: OpenAlex's
    list of works cuts each work's authors at 100 (`is_authors_truncated`, the record's
    `et al.`), and its answer about the one work names all of them. The 800-name list of a
    consortium paper whose owner signs 237th was a conflict, and the owner not on it."""
    if not isinstance(old, list) or len(old) < 2 or str(old[-1]).strip() not in TRUNCATION_MARKERS:
        return False
    if not work.imported_from or data.get("imported_from") != work.imported_from:
        return False  # a list cut by another source: the person's to decide
    if len(old) - 1 != OPENALEX_AUTHORS_CUT:
        return False  # cut by a person (`A, B, C, et al.`), not by the list answer
    if not new or str(new[-1]).strip() in TRUNCATION_MARKERS or len(new) < len(old):
        return False
    ours = _authors_key(old)
    return _authors_key(new)[: len(ours)] == ours


def _cut_apart(old: Any, new: list[str]) -> list[str] | None:
    """A record's list whose last name is a name and `et al.` typed as one (`G. Aad et
    al.`, as imports wrote it before they cut it apart), cut apart, where it is then the
    import's list: it was an authors conflict at every import of the paper."""
    if not isinstance(old, list) or not old or not isinstance(old[-1], str):
        return None
    name = before_et_al(old[-1].strip())
    cut = [*old[:-1], name, "et al."] if name else None
    return cut if cut and _same("authors", cut, new) else None


def _beside_its_volume(data: Mapping[str, Any], changes: Mapping[str, Any], work: Work) -> bool:
    """Whether an import's series may be added to a record: the volume the record keeps is
    the import's, or it has none. A series says whose volume `volume` is: beside a volume of
    the record's own (`volume: 3`, the proceedings' part) it read "CP 2020 (LNCS 3)"."""
    volume = changes.get("volume", data.get("volume"))
    if volume in (None, ""):
        return True
    return bool(work.volume) and _same("volume", volume, work.volume)


def _pages_key(value: Any) -> str:
    found = read_pages(str(value))
    return found.text() if isinstance(found, Pages) else fold_space(str(value))


def _unchanged(old: Any, earlier: Any) -> bool:
    """Whether a record's value is the one an import wrote (``earlier``), not another way
    of saying it: `Jörg Müller` corrected by hand from `Jorg Muller` is a person's."""
    if isinstance(old, list) or isinstance(earlier, list):
        return isinstance(old, list) and isinstance(earlier, list) and old == earlier
    return fold_space(str(old)) == fold_space(str(earlier))


# The escape an import writes before a `_` or `*` of the text (`\_\_init\_\_`, `D\*Lite`)
_MARK_ESCAPE = re.compile(r"\\(?=[_*])")


def _escaped_since(record: RecordFile, old: Any, new: Any, work: Work) -> bool:
    """Whether ``old`` is what an earlier import wrote for ``new``, before imports escaped
    the text's `_` and `*` (`__init__`, shown as a bold "init"): the record's entry is the
    import's, as imported, and the values differ by those escapes alone. Such a title was
    held as a person's edit, a conflict at every import of the same file."""
    if not isinstance(old, str) or not isinstance(new, str) or "\\" not in new:
        return False
    old, new = fold_space(old), fold_space(new)
    if old == new or _MARK_ESCAPE.sub("", new) != _MARK_ESCAPE.sub("", old):
        return False
    return _entry_as_imported(record, work)


# The kinds of thesis that imports before these wrote as `thesis`, a PhD's
_THESIS_KINDS = {"mastersthesis": "master's thesis", "habilitation": "habilitation thesis"}


def _read_anew(record: RecordFile, name: str, old: Any, new: Any, work: Work) -> bool:
    """Whether ``old`` is what an earlier import wrote for the same entry, before imports
    read it as ``new``: dblp's whole booktitle as the venue (`ICML 2023` now), a PoS
    contribution's `article` (a `conference` now). Such a value
    was held as a person's edit, a conflict at every import of the same file.

    Not a master's thesis's `type: thesis`, which imports wrote until they read
    `mastersthesis`: a person writes the same words (the entry's `thesis` untouched), and
    theirs followed the import's without a word. It is a conflict that says both."""
    if name == "authors" and _pubmed_read_before(old, new):
        return _entry_as_imported(record, work)
    if not isinstance(old, str) or not isinstance(new, str):
        return False
    if (
        name == "type"
        and work.series == "PoS"
        and (fold_space(old), new)
        == (
            "article",
            "conference",
        )
    ):  # INSPIRE's `journal = "PoS"`, a journal's paper to imports before they read PoS
        return _entry_as_imported(record, work)
    earlier = name == "venue" and dblp_venue_before(fold_space(old), new, work.bibtex or "")
    return earlier and _entry_as_imported(record, work)


# A name as an import now reads PubMed's order: the initials with points, then the surname
_INITIALS_FIRST = re.compile(r"((?:[A-Z]\. )+)(.+)")


def _pubmed_read_before(old: Any, new: Any) -> bool:
    """Whether ``old`` is the list imports read from BibTeX's `Okonkwo-Smith MJ and
    Abbafati J` before they read PubMed's order, ``new`` (M. J. Okonkwo-Smith, J. Abbafati):
    each name as written, two initials as a surname in capitals (`Okonkwo-Smith Mj`)."""
    if not isinstance(old, list) or not isinstance(new, list) or len(old) != len(new):
        return False
    for before, now in zip(old, new, strict=True):
        found = _INITIALS_FIRST.fullmatch(str(now))
        if found is None:
            if before != now:  # a group's name, `et al.`: as they were
                return False
            continue
        initials, surname = found.group(1).replace(".", "").replace(" ", ""), found.group(2)
        if str(before) not in (f"{surname} {initials}", f"{surname} {initials.capitalize()}"):
            return False
    return old != new


def _entry_as_imported(record: RecordFile, work: Work) -> bool:
    """Whether the record's `bibtex:` is the work's entry, as an import wrote it."""
    stored = record.data.get("bibtex")
    return (
        isinstance(stored, str)
        and bool(work.bibtex)
        and _same("bibtex", stored, work.bibtex)
        and bibtex_as_imported(record)
    )


def _read_since(name: str, old: Any, new: Any) -> bool:
    """Whether ``old`` is what an earlier arXiv import wrote for ``new``, before imports
    read the TeX of a title (`\\emph{Yang--Mills}`), a comment or a journal reference
    (`\\url{…}`, `50\\%`): the same text, typed. Such a value was a conflict at every
    import, as if its owner had written it so."""
    if name not in ("title", "note", "venue") or not isinstance(old, str):
        return False
    old = fold_space(old)
    if old == new or not any(mark in old for mark in "\\{~"):
        return False
    read = literal_underscores(tex_title(old)) if name == "title" else tex_plain(old)
    return bool(read == new)


def _reference_read_before(old: Any, work: Work) -> bool:
    """Whether ``old`` is the journal reference whole, as arXiv imports wrote it before
    they read INSPIRE's form apart, that ``work`` now has as its journal, volume, issue and
    pages (`JHEP 01 (2019) 121`): each import said `conflict  venue` of its own value."""
    read = read_reference(fold_space(old)) if isinstance(old, str) else None
    return read is not None and read == (work.venue, work.volume, work.issue, work.pages)


def _cites_record(data: Mapping[str, Any], venue: str) -> bool:
    """Whether ``venue`` (arXiv's journal reference in a form the import does not read
    apart, `JHEP01(2019)121`, `Phys. Rev. D 103, 043001`) is the record's
    journal followed by its volume and first page, as a reference cites the paper:
    INSPIRE's record of a physicist's paper (`JHEP`, volume `01`, pages `121`) was a venue
    conflict at each import of the paper from arXiv."""
    ours = re.sub(r"\W+", "", str(data.get("venue") or "")).casefold()
    volume, pages = str(data.get("volume") or ""), str(data.get("pages") or "")
    first = re.match(r"\w+", pages)
    if not ours or not volume or first is None:
        return False
    if not re.sub(r"\W+", "", venue).casefold().startswith(ours):
        return False
    words = {word.casefold() for word in re.findall(r"\w+", venue)}
    return volume.casefold() in words and first.group().casefold() in words


def _show(value: Any) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else fold_space(str(value))
    return repr(text if len(text) <= 70 else text[:67] + "...")


def _plan_update(
    record: RecordFile, work: Work, stamp: dt.date, held: dict[tuple[str, str], str]
) -> Action:
    """Fill the record's empty fields from the work; report every differing value.

    ``held`` names the record holding each identifier (see ``_identifiers``): a DOI or
    arXiv id another published record has is not added, as the build refuses two.
    """
    data = record.data
    if data.get("draft") is True:  # kept off the site by hand: the import leaves it be
        lines = key_lines(record)
        return Action("unchanged", record.rel, record.path, None, [work], ["a draft"], [], lines)
    changes: dict[str, Any] = {}
    details: list[str] = []
    conflicts: list[str] = []
    if work.draft:
        # withdrawn by its authors (arXiv), retracted (OpenAlex) or a draft of the old
        # site: a new record is a draft; this one stays listed, which went unsaid (arXiv's
        # note, "a new record for it gets draft: true", read as if it were taken off)
        conflicts.append(
            "draft: not added; the import has the paper as a draft (withdrawn on arXiv, "
            "retracted, or a draft of the old site), but the record is listed on the "
            "site: add `draft: true` to take it off, or leave it listed"
        )
    new_fields = _fields_of(work, stamp)
    # A preprint describing a published record differs in venue and type by nature, and
    # gives it none of what describes the preprint alone: its type, venue, comment, BibTeX
    # entry (the paper's cite.bib would cite the preprint) and arXiv's own DOI.
    other_version = work.is_preprint and not record_is_preprint(data)
    last = None if other_version else _last_entry(record, work)
    # What the entry this import's takes the place of gave: a value the record still
    # holds as it gave it is the import's, not a person's, and follows the new entry.
    earlier = _fields_of(last, stamp) if last is not None else {}
    for name, key in (("doi", _doi_key), ("arxiv_id", _arxiv_key)):
        other = held.get((name, key(new_fields.get(name))))
        if other is not None and other != record.rel and (not data.get(name) or earlier):
            conflicts.append(
                f"{name}: not added; {other} has {new_fields.pop(name)} "
                "(two records for one work? keep one)"
            )
    named = False  # the venue a record keeps names the volume, issue and pages the import adds
    for name in ("title", "authors", *_TEXT_FIELDS, "arxiv_id", "doi", "bibtex"):
        old = data.get(name)
        if named and name in (*_LOCATORS, "series") and old in (None, "", []):
            continue
        if name == "series" and old in (None, "") and not _beside_its_volume(data, changes, work):
            continue
        if name not in new_fields:
            if name == "note" and name in earlier and _unchanged(old, earlier[name]):
                changes[name] = None  # `Under review`, which the new version no longer says
                details.append(f"{name} removed")
            elif name == "note" and _out_now(data, work):
                changes[name] = None
                details.append(f"{name} removed (the paper is out, in {work.venue})")
            continue
        if other_version and (
            name in ("venue", "series", "volume", "issue", "pages", "type", "note", "bibtex")
            # arXiv's own DOI; another server's (medRxiv's) is linked as `preprint`
            or (
                name == "doi"
                and (_doi_key(new_fields[name]).startswith("10.48550/") or not work.arxiv_id)
            )
            # and such a preprint's title, which the journal's reworded ("…: a time series
            # analysis" in print "…: time series analysis"): a conflict at each import of it
            or (name == "title" and not work.arxiv_id)
        ):
            continue
        if old in (None, "", []):
            if name == "note" and _state_shown(data, new_fields[name]):
                continue
            changes[name] = new_fields[name]
            details.append(f"{name} added")
        elif (
            name in earlier
            and (name == "bibtex" or _unchanged(old, earlier[name]))
            and not _unchanged(old, new_fields[name])
        ):  # even a title's case, which is no conflict: the record says what cite.bib says
            changes[name] = new_fields[name]
            details.append(f"{name} updated")
        elif name != "bibtex" and (
            _escaped_since(record, old, new_fields[name], work)
            or _read_anew(record, name, old, new_fields[name], work)
        ):
            changes[name] = new_fields[name]
            details.append(f"{name} updated")
        elif name == "venue" and _reference_read_before(old, work):
            changes[name] = new_fields[name]
            details.append("venue updated (its journal reference read apart)")
        elif _read_since(name, old, new_fields[name]):
            changes[name] = new_fields[name]
            details.append(f"{name} updated (its TeX as it prints)")
        elif name == "authors" and _completes(data, old, new_fields[name], work):
            changes[name] = new_fields[name]
            details.append(
                f"authors updated (all {len(new_fields[name])}, where it had {len(old) - 1} and et al.)"
            )
        elif name == "authors" and (cut := _cut_apart(old, new_fields[name])):
            changes[name] = cut  # the record's own names, its last one cut from `et al.`
            details.append(f"authors updated ({_show(old[-1])} is a name and et al.)")
        elif name == "doi" and _preprint_doi(old, data, work, new_fields[name]):
            changes[name] = new_fields[name]
            details.append("doi updated (it was arXiv's DOI of the preprint, which arxiv_id names)")
        elif name == "venue" and _cites_record(data, str(new_fields[name])):
            pass  # arXiv's journal reference of the record's journal, volume and pages
        elif not _same(name, old, new_fields[name]):
            ours, theirs, why = _show(old), _show(new_fields[name]), ""
            if name == "bibtex":  # two long entries: where they part, not their first words
                ours, theirs = _first_difference(str(old), str(new_fields[name]))
                why = _entry_kept(record)
            elif name == "authors" and isinstance(old, list):
                ours, theirs, why = _authors_difference(old, new_fields[name])
            elif name == "venue" and _names_locators(data, work):
                named = True  # arXiv's `Phys. Rev. Lett. 116, 061102 (2016)`, then the APS's
                why = (
                    f" (your venue names the import's volume and pages, {locator(work)}, which "
                    "are not added beside it: delete `venue:` and import again to take the "
                    "import's venue with them)"
                )
            elif (
                name == "type"
                and fold_space(str(old)) == "thesis"
                and new_fields[name] in _THESIS_KINDS
            ):  # an earlier import's, or a person's: the same words (see _read_anew)
                kind = new_fields[name]
                why = (
                    f" (the entry is a {_THESIS_KINDS[kind]}, which imports before this one "
                    f"wrote `thesis`, a PhD's: write `type: {kind}` to take the import's, or "
                    "keep yours)"
                )
            elif name == "volume" and work.series and not data.get("series"):
                why = (
                    f" (of its series, {_show(work.series)}, which is not added beside your "
                    f"volume: write `volume: {new_fields[name]}` to take both)"
                )
            conflicts.append(f"{name}: keeps {ours}; the import has {theirs}{why}")
    _plan_date(data, work, conflicts, earlier.get("date"), changes, details)
    if other_version:  # its DOI and page as the record's `preprint` link
        given = data.get("links")
        links = {str(k): str(v) for k, v in given.items()} if isinstance(given, dict) else {}
        work = dataclasses.replace(work, links=other_version_links(work, links))
    if last is not None and last.is_preprint and not last.arxiv_id and not work.is_preprint:
        _link_replaced_preprint(data, last, changes, details)
    _plan_links(data, work, changes, details, conflicts)
    _plan_citations(data, work, stamp, changes, details, conflicts)
    if work.tags and not data.get("tags"):
        changes["tags"] = list(work.tags)
        details.append("tags added")
    if work.featured and "featured" not in data:
        changes["featured"] = True
        details.append("featured")
    if work.imported_from and not data.get("imported_from"):
        # Where it came from, so that a re-import after the page's title is corrected
        # still finds this record; a differing page (the file renamed) is no conflict.
        changes["imported_from"] = work.imported_from
        details.append("imported_from added")
    abstract = work.abstract if work.abstract.strip() and not record.abstract() else ""
    if abstract:
        details.append("abstract added")
    lines = key_lines(record)
    if not changes and not abstract:
        return Action("unchanged", record.rel, record.path, None, [work], details, conflicts, lines)
    if read_only(record.path):  # a file its owner made read-only is theirs alone
        conflicts.append(
            f"not updated ({'; '.join(details)}): the file is read-only; make it writable "
            "(chmod u+w) to let the import update it"
        )
        return Action("read-only", record.rel, record.path, None, [work], [], conflicts, lines)
    text = update_record(record, changes, abstract)
    return Action(
        "updated",
        record.rel,
        record.path,
        text,
        [work],
        details,
        conflicts,
        lines,
        record.signature,
    )


def _out_now(data: Mapping[str, Any], work: Work) -> bool:
    """Whether a record of a paper not out yet, its note only its state (`Under review`,
    no venue), is given its venue by the import: the state is no longer so (a record with
    no entry of its own, as a Hugo page's, kept saying "Under review" once published)."""
    return (
        not data.get("venue")
        and paper_state(str(data.get("note") or ""))
        and bool(work.venue)
        and not paper_state(work.venue or "")
    )


def _state_shown(data: Mapping[str, Any], note: Any) -> bool:
    """Whether a record's venue is the state the import's note gives (`Under review`, as
    an import wrote it before it became the note): the card would say it twice."""
    venue = str(data.get("venue") or "")
    return paper_state(venue) and normalise_title(venue) == normalise_title(str(note))


def _names_locators(data: Mapping[str, Any], work: Work) -> bool:
    """Whether the record's venue names the volume, issue or pages the work would add: the
    page would show them twice, in the venue and after it."""
    adds = [getattr(work, name) for name in _LOCATORS if not data.get(name)]
    return venue_names(str(data.get("venue") or ""), adds)


def _last_entry(record: RecordFile, work: Work) -> Work | None:
    """The work the record's BibTeX entry gives, where the work's entry takes its place.

    It does where the record's entry is as an import wrote it (no person has edited it
    since) and the work's is that entry again, updated in its file (its citation key),
    or the published version of the preprint it described: the record then cites what
    its file now says. None where the record's entry is a person's, or another source's
    entry for the paper (two files imported in turn would take turns in ``cite.bib``).
    """
    stored = record.data.get("bibtex")
    if not work.bibtex or not isinstance(stored, str) or _same("bibtex", stored, work.bibtex):
        return None  # the same entry gives the same fields: nothing to read again
    if not bibtex_as_imported(record):
        return None
    try:
        found = parse_bibtex(stored, record.rel)
    except ContentError:
        return None
    if len(found) != 1:
        return None
    last = found[0]
    settle(last)  # as the import took it: its DOI and arXiv id read as every import's are
    if cite_key(stored) == cite_key(work.bibtex) or (last.is_preprint and not work.is_preprint):
        return last
    return None


def _entry_kept(record: RecordFile) -> str:
    """Why a record keeps its BibTeX entry over the import's, and how to take the import's."""
    if bibtex_as_imported(record):
        return " (another entry for this paper; delete `bibtex:` and import again to cite it)"
    return (
        " (edited since it was imported, or imported before imports kept it up to date: "
        "delete `bibtex:` and import again to take the import's)"
    )


def _first_difference(old: str, new: str) -> tuple[str, str]:
    """The first line in which two BibTeX entries differ, from each (blanks folded)."""
    ours = [fold_space(line) for line in old.splitlines() if line.strip()]
    theirs = [fold_space(line) for line in new.splitlines() if line.strip()]
    for mine, other in itertools.zip_longest(ours, theirs, fillvalue="(nothing)"):
        if mine != other:
            return f"its line {_show(mine)}", f"{_show(other)}"
    return _show(old), _show(new)


def _authors_difference(old: list[Any], new: list[Any]) -> tuple[str, str, str]:
    """Two author lists from the name before the first in which they differ (the first
    names of two long lists were the same words twice), and, where the record's list is
    cut short before names the import gives, how to take them."""
    ours, theirs = _authors_key(old), _authors_key(new)
    part = next(
        (i for i, (mine, other) in enumerate(zip(ours, theirs, strict=False)) if mine != other),
        min(len(ours), len(theirs)),
    )
    start = max(part - 1, 0)
    lead = "…, " if start else ""
    why = ""
    if str(old[-1]).strip() in TRUNCATION_MARKERS and len(theirs) > len(ours) == part:
        count = len(theirs) - part
        who = "the author" if count == 1 else f"the {count} authors"
        why = (
            f" (the import names {who} your list leaves to {str(old[-1]).strip()}: "
            "delete `authors:` and import again to take the import's list)"
        )
    return (
        _show(lead + ", ".join(map(str, old[start:]))),
        _show(lead + ", ".join(map(str, new[start:]))),
        why,
    )


def _plan_date(
    data: dict[str, Any],
    work: Work,
    conflicts: list[str],
    earlier: Any,
    changes: dict[str, Any],
    details: list[str],
) -> None:
    """A differing date is a conflict, unless the record has the one the entry this
    import's takes the place of gave (``earlier``): then it follows the entry."""
    old = normalise_date(str(data.get("date") or ""))
    new = work.date
    if not old and new and data.get("date") in (None, ""):
        # deleted (or left empty) to take the import's, as a conflict says to
        changes["date"] = new
        details.append("date added")
        return
    if not old or not new or old.startswith(new) or new.startswith(old):
        return
    if data.get("arxiv_id") or work.arxiv_id or work.is_preprint:
        return  # a preprint and its published version: the record keeps its first date
    if record_is_preprint(data) and changes.get("venue", data.get("venue")) != work.venue:
        # A preprint's record keeps its date, unless it becomes its journal version (the
        # preprint's entry it was imported with replaced by the journal's: see _last_entry):
        # then the date follows the entry as the venue does, a date of your own is kept
        return
    if earlier and normalise_date(str(earlier)) == old:
        changes["date"] = new
        details.append("date updated")
        return
    conflicts.append(f"date: keeps {old}; the import has {new}")


def _link_replaced_preprint(
    data: dict[str, Any], last: Work, changes: dict[str, Any], details: list[str]
) -> None:
    """A medRxiv (SSRN…) preprint's record whose entry its journal version's replaces keeps
    the preprint linked as ``preprint``, as a record merged from both at once does (see
    match.other_version_links): the record's DOI became the journal's, and the preprint's
    page, as the import linked it, stayed its ``paper`` link, the journal paper's "Paper
    page" leading to medRxiv. A page of your own stays."""
    given = data.get("links")
    links = {str(k): str(v) for k, v in given.items()} if isinstance(given, dict) else {}
    kept = dict(links)
    page = last.links.get("paper")
    if page and _link_key(links.get("paper", "")) == _link_key(page):
        del links["paper"]  # the import's own, from the preprint's entry
    preprint = other_version_links(last, links).get(PREPRINT_LINK)
    if preprint:
        links.setdefault(PREPRINT_LINK, preprint)
    if links != kept:
        changes["links"] = links
        details.append("the preprint linked as `preprint`")


def _plan_links(
    data: dict[str, Any],
    work: Work,
    changes: dict[str, Any],
    details: list[str],
    conflicts: list[str],
) -> None:
    old = changes.get("links", data.get("links"))
    links = dict(old) if isinstance(old, dict) else {}
    added = []
    for key, url in work.links.items():
        if not _linkable(key, url):
            continue
        if key not in links:
            links[key] = url
            added.append(key)
        elif key == "paper" and is_pubmed_page(url):
            continue  # the PubMed page stands in where the paper has no page of its own
        elif _link_key(str(links[key])) != _link_key(url) and key not in ("arxiv", "doi"):
            conflicts.append(f"links.{key}: keeps {_show(links[key])}; the import has {_show(url)}")
    conflicts.extend(_pinned(links, work, data.get("arxiv_id")))
    if added:
        changes["links"] = links
        details.append("links added: " + ", ".join(added))


def _linkable(key: str, url: str) -> bool:
    """A web address, or the old site's file (its PDF, slides…) the import copies into
    static/papers/."""
    return safe_url(url) or (key in KINDS and SITE_FILE.fullmatch(url) is not None)


def _pinned(links: Mapping[str, Any], work: Work, arxiv_id: Any) -> list[str]:
    """A record's arXiv link or PDF that names a version older than the one imported.

    The import links the address without a version, which serves the latest; one that
    names a version is kept as written (a person may cite that version), and said: a
    record imported before gave the version of its day (`…/pdf/2401.00001v1`). Said until
    the record's ``arxiv_id`` names that version (`2401.00001v1`): the record then cites
    it, on its page and in its cite.bib, and the link to it is meant."""
    found: list[str] = []
    latest = version_number(work.arxiv_version)
    if not work.arxiv_id or not latest:
        return found  # no arXiv answer: no version to compare
    cited = split_arxiv_id(str(arxiv_id)) if arxiv_id else None
    for key in ("arxiv", "pdf"):
        url = str(links.get(key) or "")
        named = split_arxiv_id(url) if _ARXIV_PAGE.match(url) else None
        if not named or named[0] != work.arxiv_id or not named[1]:
            continue
        version = version_number(named[1])
        if version >= latest or cited == named:
            continue
        kind = "pdf" if key == "pdf" else "abs"
        found.append(
            f"links.{key}: keeps {_show(url)}, version {version}; arXiv has "
            f"{work.arxiv_version}: write https://arxiv.org/{kind}/{work.arxiv_id} to link "
            f"the latest version, now and later, or `arxiv_id: {work.arxiv_id}{named[1]}` "
            f"to cite version {version}, without this conflict"
        )
    return found


_ARXIV_PAGE = re.compile(r"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/")


def _link_key(url: str) -> str:
    """A URL as compared: scheme, trailing slash and arXiv version do not matter."""
    url = re.sub(r"^https?://", "", url.strip()).rstrip("/")
    # an old id with its subject class (`arxiv.org/pdf/math.GT/0309136`) as arXiv names
    # it (`math/0309136`, the same paper): said in conflict with the import's, every time
    url = _ARXIV_AT.sub(lambda match: match.group(1) + canonical_arxiv(match.group(2)), url)
    return re.sub(r"(arxiv\.org/(?:abs|pdf)/[^v]+)v\d+$", r"\1", url)


_ARXIV_AT = re.compile(r"(arxiv\.org/(?:abs|pdf)/)(.*)", re.DOTALL)


def _plan_citations(
    data: dict[str, Any],
    work: Work,
    stamp: dt.date,
    changes: dict[str, Any],
    details: list[str],
    conflicts: list[str],
) -> None:
    """Counts an import wrote may be refreshed; a count set by hand never is."""
    if work.citations is None:
        return  # no value from this source: the last good value stays
    old = data.get("citations")
    source = data.get("citations_source")
    if old is not None and not source:
        if old != work.citations:
            conflicts.append(
                f"citations: keeps {old} (set by hand); {work.citations_source or 'the import'} "
                f"reports {work.citations}"
            )
        return
    if old == work.citations and (source == work.citations_source or not work.citations_source):
        return
    read = work.citations_date or stamp.isoformat()
    if old is not None and str(data.get("citations_date") or "") > read:
        # An export read before the record's count (Web of Science's of 2023 after
        # OpenAlex's of 2026) would put an older figure back.
        details.append(
            f"citations {old} kept ({source}, {data.get('citations_date')}); "
            f"{work.citations_source or 'the import'}'s {work.citations} is of {read}"
        )
        return
    changes["citations"] = work.citations
    if work.citations_source:
        changes["citations_source"] = work.citations_source
        changes["citations_date"] = read
    details.append(f"citations {old if old is not None else '-'} → {work.citations}")


def _preprint_doi(old: Any, data: Mapping[str, Any], work: Work, new: Any) -> bool:
    """Whether a record's DOI is arXiv's own DOI of its preprint (``10.48550/arXiv.<the
    record's arxiv_id>``, as an arXiv answer or DataCite's BibTeX gives it), and the import
    has the published paper's DOI: the preprint's is no DOI of the paper, and the record's
    arxiv_id names the preprint already, so the paper's takes its place without a conflict
    (the record kept the preprint's DOI over the journal's at every import)."""
    named = arxiv_of_doi(bare_doi(str(old or "")))
    own = _arxiv_key(data.get("arxiv_id")) or _arxiv_key(work.arxiv_id)
    return bool(
        named and own and _arxiv_key(named) == own and not _doi_key(new).startswith("10.48550/")
    )


def _doi_key(value: Any) -> str:
    return normalise_doi(str(value)) if value else ""


def _arxiv_key(value: Any) -> str:
    parsed = split_arxiv_id(str(value)) if value else None
    return parsed[0] if parsed else ""


def _identifiers(records: Sequence[RecordFile]) -> dict[tuple[str, str], str]:
    """The record that holds each DOI and arXiv id, among published records (a draft may
    share its published record's identifier, as the build allows)."""
    held: dict[tuple[str, str], str] = {}
    for record in records:
        if record.data.get("draft") is True:
            continue
        for name, key in (("doi", _doi_key), ("arxiv_id", _arxiv_key)):
            value = key(record.data.get(name))
            if value:
                held.setdefault((name, value), record.rel)
    return held


def _strength(work: Keys, record: Keys) -> int:
    """How a record matched a work: by arXiv id, by DOI, or by title (and key)."""
    if work.arxiv and work.arxiv == record.arxiv:
        return 0
    return 1 if work.doi and work.doi == record.doi else 2


def plan(site: Path, works: Sequence[Work], stamp: dt.date | None = None) -> Plan:
    """Match every imported work against the site's records and decide what to write."""
    stamp = stamp or today()
    records = load_records(site)
    # Case folded: on macOS and Windows `Attention.md` is `attention.md`; and any name in
    # the folder (a link to nothing, a `.markdown` file) is taken, never written over.
    taken = {record.slug.casefold() for record in records}
    folder = site / PAPERS_DIR
    if folder.is_dir():
        taken |= {
            name.casefold().rpartition(".")[0] or name.casefold() for name in os.listdir(folder)
        }
    index: Index[RecordFile] = Index()
    keys_of: dict[str, Keys] = {}
    for existing in records:
        keys_of[existing.rel] = record_keys(existing.data)
        index.add(keys_of[existing.rel], existing)
    held = _identifiers(records)
    actions: list[Action] = []
    claimed: dict[str, Action] = {}
    paper_language = _paper_language(site)
    for group in progress.each("plan", combine(works)):
        work = _composed(merged(group))
        keys = work_keys(work)
        # The record sharing the work's arXiv id or DOI first: a second record matching
        # by title alone is the duplicate, never the one to give the identifier to.
        # A published record before a draft that shares its identifier (as the build
        # allows: an old version kept off the site), which the import leaves be.
        matching = sorted(
            index.find(keys),
            key=lambda r: (_strength(keys, keys_of[r.rel]), r.data.get("draft") is True),
        )
        record = matching[0] if matching else None
        if work.language is None and (record is None or not record.data.get("language")):
            # the source said no language: its letters may (a record's own is never changed)
            language = written_language(work.title, work.abstract or "", paper_language)
            if language is not None:
                work = dataclasses.replace(work, language=language)
        if record is not None:
            if record.rel in claimed:
                claimed[record.rel].works.extend(group)
                continue
            action = _plan_update(record, work, stamp, held)
            action.works = list(group)
            how = recognised(keys, keys_of[record.rel])
            if (
                how
                and keys.title != keys_of[record.rel].title
                and _strength(keys, keys_of[record.rel]) == 2
            ):
                # Not by its title: say so, beside the title conflict that follows.
                action.details.insert(0, f"recognised by its {how}")
            for other in matching[1:]:
                if other.data.get("draft") is True and record.data.get("draft") is not True:
                    continue  # a draft beside its published record: no duplicate
                action.conflicts.append(f"also matches {other.rel}: two records for one work?")
        else:
            slug = _free_slug(_title_slug(work), work.year, taken)
            taken.add(slug.casefold())
            path = site / PAPERS_DIR / f"{slug}.md"
            text = render_record(_fields_of(work, stamp), work.abstract)
            rel = path.relative_to(site).as_posix()
            action = Action("new", rel, path, text, list(group))
        action.conflicts.extend(_combined_venues(group, work))
        claimed[action.rel] = action
        actions.append(action)
    _validate(actions, records)
    return Plan(actions, folder)


def _paper_language(site: Path) -> str:
    """The language of the site's papers: site.yaml's `paper_language`, else `language`."""
    data = None
    if (site / "site.yaml").is_file():  # none, or a pipe (waited on for ever)
        try:
            data = yamlio.safe_load((site / "site.yaml").read_text(encoding="utf-8"))
        except (yaml.YAMLError, ValueError, TypeError, OSError):
            data = None
    data = data if isinstance(data, dict) else {}
    return str(data.get("paper_language") or data.get("language") or "en")


def _combined_venues(group: Sequence[Work], work: Work) -> list[str]:
    """Published works of one import taken for one paper by their title and first author
    alone, though their venues share no words: two editorials of one editor and year in
    two journals, without DOIs, are one record, and the second journal would go unsaid.
    (A preprint's venue differs by nature; ``ACL`` and ``ACL 2020`` share a word; works
    that share an arXiv id, a DOI or an old site's page are one paper.)"""
    ours = normalise_title(work.venue or "")
    doi = _doi_key(work.doi)
    return [
        f"venue: keeps {_show(work.venue)}; {other.label}, taken for the same paper by its "
        f"title and first author, has {_show(other.venue)} (two papers? give each its DOI)"
        for other in group
        if other.venue
        and not other.is_preprint
        and not share_words(ours, normalise_title(other.venue))
        and not (other.arxiv_id and other.arxiv_id == work.arxiv_id)
        and not (other.doi and _doi_key(other.doi) == doi)
        and not (other.imported_from and other.imported_from == work.imported_from)
    ]


def _validate(actions: Sequence[Action], records: Sequence[RecordFile]) -> None:
    """Every record the import would write must read back as a valid paper, or none is.

    A record that does not build as it is on disk is reported as the build reports it,
    at its lines on disk; one that would not build after the import, at the imported
    entry (``source:line: entry: message``), as the file named does not hold it yet.
    """
    problems = Problems()
    by_rel = {record.rel: record for record in records}
    for action in progress.each("check", actions):
        if action.text is None:
            continue
        record = by_rel.get(action.rel)
        planned = Problems()
        parse_paper(Text(action.rel, as_built(action.text)), planned)
        if record is not None:
            on_disk = Problems()
            parse_paper(Text(action.rel, as_built(record.text)), on_disk)
            if on_disk.items:
                # A required field the import fills mends it: `authors:` deleted (or left
                # empty) to take the import's, as a conflict says to, was refused as missing.
                if planned.items:
                    problems.extend(on_disk.items)
                continue
        # The text is not on disk: its problem is the imported entry's, named at its source.
        work = action.works[0]
        for problem in planned.items:
            what = "a new record" if record is None else "the record"
            message = f"{what} {action.rel} would not build: {problem.message}"
            problems.extend([work.problem(message)])
    problems.raise_if_any()


def _title_slug(work: Work) -> str:
    """The new record's file name: its title's words; for a title with none in Latin
    letters (Chinese, Japanese, Arabic), rather than ``paper``, ``paper-2018``,
    ``paper-2018-2``: the title the source gives in Latin letters beside it, else its arXiv
    id or DOI (``arxiv-2301-12345``), which name it for good, else its first author's
    family name, where it is written in Latin letters, and year (``wang-2011``), else the
    name the source gave it in Latin letters: a Hugo page's folder (``yamamoto-2024-llm``)
    or a BibTeX key (``takahashi2022thesis``), where a paper in Japanese by authors named
    in kanji was ``paper.md``, ``paper-2022.md``."""
    slug = slugify(work.title)
    if not says_nothing(slug, work.title):
        return slug
    if slugify(work.latin_title or "") != "paper":
        return slugify(work.latin_title or "")
    if work.arxiv_id:
        return slugify(f"arxiv {work.arxiv_id}")
    if work.doi:
        return slugify(f"doi {work.doi}")
    return (
        (family_slug(work.authors[0], work.year) if work.authors else None)
        or _own_name(work)
        or "paper"
    )


def _own_name(work: Work) -> str | None:
    """The slug of the name the source gives the work, where it has three Latin letters or
    more to say something (not Zotero's key `_2024` of a title in kanji, nor `a1`). One
    Windows keeps for a device is the paper's (`con-paper`; it was `con-.md`)."""
    source = work.imported_from or ""
    name = source.rpartition("/")[2] if source.startswith("hugo ") else cite_key(work.bibtex)
    slug = slugify(name or "")
    return slug if len(re.findall(r"[a-z]", slug)) >= 3 else None


def _free_slug(base: str, year: int | None, taken: set[str]) -> str:
    if base not in taken:
        return base
    if year is not None and f"{base}-{year}" not in taken:
        return f"{base}-{year}"
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def apply(
    plan_: Plan, also: Mapping[Path, tuple[str | bytes, tuple[int, int, int] | None]] | None = None
) -> list[Path]:
    """Write every new and updated record atomically; return the temporary files that an
    import killed while writing had left in the papers folder, now deleted. ``also``:
    other files written in the same step (the author record an import fills), each with
    its :func:`records.file_signature` when it was read."""
    texts: dict[Path, str | bytes] = {a.path: a.text for a in plan_.actions if a.text is not None}
    # A record saved (or a new one's file made) since the plan was read is not written over.
    expected = {a.path: a.read_as for a in plan_.actions if a.path in texts}
    for path, (text, signature) in (also or {}).items():
        texts[path], expected[path] = text, signature
    return write_files(texts, expected, [plan_.folder] if plan_.folder else [])


def describe(plan_: Plan, dry_run: bool) -> str:
    """The plan as a person reads it: one line per record, conflicts beneath."""
    lines = []
    for action in plan_.actions:
        sources = ", ".join(w.label for w in action.works)
        detail = f" ({'; '.join(action.details)})" if action.details else ""
        lines.append(f"{action.status:<9} {action.rel}  <- {sources}{detail}")
        for conflict in action.conflicts:
            lines.append(f"  {action.where(conflict)} conflict  {conflict}")
    kept = plan_.count("read-only")
    lines.append(
        f"{len(plan_.actions)} work{'' if len(plan_.actions) == 1 else 's'}: "
        f"{plan_.count('new')} new, {plan_.count('updated')} "
        f"updated, {plan_.count('unchanged')} unchanged, "
        + (f"{kept} read-only, " if kept else "")
        + f"{plan_.conflicts} with conflicts"
    )
    if dry_run:
        lines.append("dry run: nothing was written")
    return "\n".join(lines)
