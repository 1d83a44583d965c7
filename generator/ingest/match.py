"""Which imported works and records are the same paper: the matching half of the merge rules.

A work is matched by arXiv id, then DOI, then the BibTeX key or old site's page a record
was imported from (its title since corrected), then normalised title and year (and a
first author in common, or, between a preprint and its published version, the same
authors in another order); a preprint may be a year older than its published version.
Works of one import that describe the same paper are combined first, the published
version leading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Generic, TypeVar

from generator.ids import doi_url
from generator.ingest.work import (
    NBER_DOI,
    Work,
    arxiv_from_doi,
    database_source,
    drop_bad_locators,
    normalise_date,
    normalise_doi,
    normalise_title,
    split_arxiv_id,
    version_number,
    working_paper,
)
from generator.locators import Pages, read_pages
from generator.names import is_truncation, name_key

# --- keys --------------------------------------------------------------------------


@dataclass(frozen=True)
class Keys:
    """What matching looks at, computed once per work or record."""

    arxiv: str | None
    doi: str | None
    title: str  # normalised
    year: int | None
    preprint: bool
    cite_key: str | None = None  # the BibTeX citation key, where the work came with BibTeX
    first_author: frozenset[str] = frozenset()  # the first author's name words, normalised
    on_site: bool = False  # the keys of a record already on the site
    people: tuple[str, ...] = ()  # every author as `surname initial`, sorted; see people()
    source: str | None = None  # the old site's page it was imported from (Work.imported_from)
    venue: str = ""  # normalised
    entry_venue: str = ""  # a record's: that of the BibTeX entry it was imported with
    entry_year: int | None = None  # and that entry's year
    # volume, issue and first page: an import's work's (as settle wrote them), a record's
    # BibTeX entry's (as the import gave them: the record's own may be corrected by hand)
    locators: tuple[str | None, ...] = ()
    working_paper: bool = False  # a preprint of a working paper series (work.working_paper)


_CITE_KEY = re.compile(r"^\s*@\s*\w+\s*[{(]\s*([^,\s]+)\s*,")
# An entry's venue and year fields, each on a line of its own, as exporters write them.
_ENTRY_VENUE = re.compile(r"^\s*(?:journal|booktitle)\s*=\s*(.+?),?\s*$", re.IGNORECASE | re.M)
_ENTRY_YEAR = re.compile(r"^\s*year\s*=\s*[{\"]?\s*(\d{4})\b", re.IGNORECASE | re.M)


def cite_key(bibtex: Any) -> str | None:
    """The citation key of a BibTeX entry (``@article{smith2020, ...`` → ``smith2020``)."""
    match = _CITE_KEY.match(bibtex) if isinstance(bibtex, str) else None
    return match.group(1) if match else None


def entry_venue(bibtex: Any) -> str:
    """The venue a BibTeX entry names (its ``journal`` or ``booktitle``), normalised."""
    match = _ENTRY_VENUE.search(bibtex) if isinstance(bibtex, str) else None
    return normalise_title(match.group(1)) if match else ""


def entry_year(bibtex: Any) -> int | None:
    """The year a BibTeX entry names."""
    match = _ENTRY_YEAR.search(bibtex) if isinstance(bibtex, str) else None
    return int(match.group(1)) if match else None


# A volume, issue or pages field of an entry, on a line of its own, as exporters write it
_ENTRY_LOCATOR = re.compile(
    r"^\s*(volume|number|issue|pages)\s*=\s*[{\"]?\s*([^{}\"\n]*?)\s*[}\"]?\s*,?\s*$",
    re.IGNORECASE | re.M,
)


def entry_locators(bibtex: Any) -> tuple[str | None, ...]:
    """The volume, issue and pages a record's BibTeX entry names, as an import reads them:
    what the import gave, where the record's own fields may since be corrected by hand."""
    found = dict(
        (name.lower(), value)
        for name, value in reversed(
            _ENTRY_LOCATOR.findall(bibtex if isinstance(bibtex, str) else "")
        )
    )
    if not found:
        return ()
    work = Work("", 0, "")
    work.volume, work.pages = found.get("volume"), found.get("pages")
    work.issue = found.get("number") or found.get("issue")
    drop_bad_locators(work)
    return _placed(work)


def _placed(work: Work) -> tuple[str | None, ...]:
    """A work's volume, issue and first page: where in its venue it is (an entry giving
    `484` and another `484–489` for one paper are in one place)."""
    pages = read_pages(work.pages) if work.pages else None
    return (work.volume, work.issue, pages.first if isinstance(pages, Pages) else None)


def first_author(names: Any) -> frozenset[str]:
    """The words of the first author's name, initials left out (``K. Wang`` → ``{wang}``).

    Two spellings of one person share a word whatever the order or form: ``Wang, Kaile``,
    ``Kaile Wang``, ``K. Wang``, ``Smith, Jr., John`` and ``John Smith Jr.``.
    """
    if not isinstance(names, list) or not names:
        return frozenset()
    return frozenset(w for w in normalise_title(str(names[0])).split() if len(w) > 1)


# Name suffixes that are not a surname ("John Smith Jr.", "Smith, Jr., John").
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def people(names: Any) -> tuple[str, ...]:
    """The authors in any order, each as surname and first initial (``K. Wang`` → ``wang k``).

    Empty where the list cannot be compared as a whole: fewer than two names, a name
    without letters, or a list cut short by ``et al.``.
    """
    if not isinstance(names, list) or len(names) < 2:
        return ()
    found: list[str] = []
    for name in names:
        if is_truncation(str(name)):
            return ()
        words = [w for w in name_key(str(name)).split() if w not in _SUFFIXES]
        if not words:
            return ()
        found.append(f"{words[-1]} {words[0][0]}" if len(words) > 1 else words[0])
    return tuple(sorted(found))


def work_keys(work: Work) -> Keys:
    """The matching keys of an imported work."""
    doi = normalise_doi(work.doi) if work.doi else None
    title = normalise_title(work.title)
    key = cite_key(work.bibtex)
    author = first_author(work.authors)
    return Keys(
        work.arxiv_id,
        doi,
        title,
        work.year,
        work.is_preprint,
        key,
        author,
        people=people(work.authors),
        source=work.imported_from,
        venue=normalise_title(work.venue or ""),
        locators=_placed(work),
        working_paper=work.is_working_paper,
    )


def record_keys(data: dict[str, Any]) -> Keys:
    """The matching keys of a record: its own fields, else its links."""
    links = data.get("links")
    links = links if isinstance(links, dict) else {}
    arxiv = None
    for text in (data.get("arxiv_id"), links.get("arxiv")):
        parsed = split_arxiv_id(str(text)) if text else None
        if parsed:
            arxiv = parsed[0]
            break
    doi = next((normalise_doi(str(t)) for t in (data.get("doi"), links.get("doi")) if t), None)
    date = normalise_date(str(data.get("date", "")))
    year = int(date[:4]) if date else None
    title = normalise_title(str(data.get("title") or ""))
    key = cite_key(data.get("bibtex"))
    authors = data.get("authors")
    return Keys(
        arxiv,
        doi,
        title,
        year,
        record_is_preprint(data),
        key,
        first_author(authors),
        on_site=True,
        people=people(authors),
        source=str(data["imported_from"]) if data.get("imported_from") else None,
        venue=normalise_title(str(data.get("venue") or "")),
        entry_venue=entry_venue(data.get("bibtex")),
        entry_year=entry_year(data.get("bibtex")),
        locators=entry_locators(data.get("bibtex")),
        working_paper=record_is_working_paper(data),
    )


def record_is_working_paper(data: dict[str, Any]) -> bool:
    """Whether a record is of a working paper series (see work.working_paper)."""
    texts = (data.get(name) for name in ("note", "venue", "series"))
    return working_paper(data.get("type"), data.get("doi"), *texts)


def record_is_preprint(data: dict[str, Any]) -> bool:
    """Whether a record describes a preprint: so typed, a working paper, or with no venue
    but arXiv."""
    if data.get("type") == "preprint" or record_is_working_paper(data):
        return True
    venue = str(data.get("venue") or "").lower()
    return not venue or "arxiv" in venue


def keys_match(a: Keys, b: Keys) -> bool:
    """arXiv ids decide where both have one; else the DOI; else title and year.

    A preprint (or a record with an arXiv id, dated by its first version) may be a year
    older than its published version. Titles such as
    "Editorial" or "Introduction" recur: two published works with different DOIs, or
    works whose first authors differ, are two works whatever their titles. The one
    exception: a preprint and a published version with the same authors in another order
    (authors are often reordered on the way to publication). Two published works are
    never matched so, because two chapters of one year titled "Introduction" by the same
    editors, in turn first, are two works.
    """
    if a.arxiv and b.arxiv:
        return a.arxiv == b.arxiv
    if a.doi and b.doi and a.doi == b.doi:
        return True
    if recognised(a, b):
        return True
    if not a.title or (a.title != b.title and not _reworded(a, b)):
        return False
    if a.doi and b.doi and not (a.preprint or b.preprint) and not _arxiv_doi(a, b):
        return False
    if _numbered_apart(a, b):
        return False
    if _placed_apart(a, b):
        return False
    if (
        a.first_author
        and b.first_author
        and not _same_person(a.first_author, b.first_author)
        and not (_versions(a, b) and a.people and a.people == b.people)
    ):
        return False
    if a.year is None or b.year is None or a.year == b.year:
        return True
    # A record with an arXiv id keeps its first version's date even once it names the
    # journal (arXiv's journal_ref, or a published version merged in), so it may be a
    # year older than a published version that has no arXiv id.
    first_version = a.preprint != b.preprint or bool(a.arxiv) != bool(b.arxiv)
    if first_version and abs(a.year - b.year) <= 1:
        return True
    # A working paper comes out in a journal years after it (NBER's of 2019 in the AER of
    # 2023), and in another series meanwhile (CEPR's of 2020): the same title by the same
    # people, the working paper the earlier, is that paper. It was listed two or three
    # times, the journal paper's novelty 0%.
    if not (a.working_paper or b.working_paper) or not a.people or a.people != b.people:
        return False
    if a.working_paper and b.working_paper:
        return True
    earlier, later = (a.year, b.year) if a.working_paper else (b.year, a.year)
    published = b if a.working_paper else a
    return not published.preprint and earlier < later


# Words a title gains or loses between a preprint and its published version ("…
# Certification for Low Criticality…" in print as "… Certification of Low Criticality…").
_SMALL_WORDS = frozenset(("a", "an", "the", "of", "for", "in", "on", "to", "with", "and", "or",
                          "via", "at", "by", "from", "into", "using", "towards", "toward"))  # fmt: skip


def _gist(title: str | None) -> str:
    """A normalised title without its small words: how a reworded preprint is found."""
    return " ".join(w for w in (title or "").split() if w not in _SMALL_WORDS)


def _reworded(a: Keys, b: Keys) -> bool:
    """Whether a preprint and a published version, by the same two or more authors, have
    titles that differ only in small words (dblp's CoRR entry beside its conference
    version). Two published works, or other authors, are never matched so."""
    return (
        a.preprint != b.preprint
        and len(a.people) > 1
        and a.people == b.people
        and bool(_gist(a.title))
        and _gist(a.title) == _gist(b.title)
    )


def _versions(a: Keys, b: Keys) -> bool:
    """Whether two works may be versions of one paper whose authors were reordered: a
    preprint and a published version, or two working papers (NBER's listed Okafor first,
    CEPR's Lindqvist: CEPR's stayed a record of its own beside the journal paper)."""
    return a.preprint != b.preprint or (a.working_paper and b.working_paper)


def _numbered_apart(a: Keys, b: Keys) -> bool:
    """Whether two works are two numbers of NBER's working paper series, by their DOIs
    (`10.3386/w25987`, `10.3386/w31999`): NBER numbers a paper once, and keeps its number
    through revisions. Two NBER papers of one title by the same people were one record, the
    earlier's date beside the later's DOI, the other's lost. (Not so for SSRN's DOIs: one
    paper of two series, IZA's and CESifo's, is two SSRN papers.)"""
    dois = {str(k.doi).lower() for k in (a, b) if k.doi}
    return len(dois) == 2 and all(doi.startswith(NBER_DOI) for doi in dois)


def surely_apart(a: Keys, b: Keys) -> bool:
    """Whether two works are two papers whatever else they share: two arXiv ids, two
    published versions' DOIs (not arXiv's own), two numbers of one working paper series.
    A work matched to one of a group's works (a working paper, its journal version years
    later) may be so apart from another of them (another journal paper of that title)."""
    if a.arxiv and b.arxiv and a.arxiv != b.arxiv:
        return True
    published = not (a.preprint or b.preprint) and not _arxiv_doi(a, b)
    return bool(published and a.doi and b.doi and a.doi != b.doi) or _numbered_apart(a, b)


def _placed_apart(a: Keys, b: Keys) -> bool:
    """Whether two published works are in different places of their venue: another
    volume, issue or first page (two `Editorial`s of one year, in issues 1 and 2)."""
    if a.preprint or b.preprint:
        return False
    pairs = zip(a.locators, b.locators, strict=False)  # () where a record has no entry
    return any(x and y and x.casefold() != y.casefold() for x, y in pairs)


def recognised(a: Keys, b: Keys) -> str | None:
    """How a record and an import's work are one entry of the old site whatever their
    titles: its BibTeX key, or the page it was imported from; None if they are not.

    A title corrected in the .bib or the old site, then imported again, made a second
    record; so did an academicpages page retitled beside the TSV row it was made from,
    imported together. A key only between a record and an import (entries of one
    import may share a template's key); never with another DOI, and only while the
    titles share most words or the rest says one paper: a key such as ``Wang_2023``
    (ORCID's) or a template's ``example2020`` names several papers of one first author
    and year, so a key also needs the venue (the record's, or its entry's); a page path
    (one folder of one site) the first author and year (a sample's folder,
    ``publication/journal-article``, may have held two of the owner's papers in turn).
    A Semantic Scholar or OpenAlex id (a database's ``imported_from``) is enough alone.
    """
    if a.doi and b.doi and a.doi != b.doi:
        return None
    database = database_source(a.source) if a.source == b.source else None
    if database:  # a database's own id names one paper: its title and year may be edited
        return database
    same_year = a.year is None or b.year is None or a.year == b.year
    # A record's date corrected by hand (Scholar's 2024 for a paper out in 2023) is still
    # the entry's: the year of the entry it keeps in `bibtex:` counts too, with the key.
    entry_years = {a.year, a.entry_year} & {b.year, b.entry_year} - {None}
    same_author = bool(a.first_author and b.first_author) and _same_person(
        a.first_author, b.first_author
    )
    # The year corrected in the .bib (`year={2022}` → `{2023}`), the entry's key, title and
    # first author kept, is that entry too: it made a second record, a year apart.
    corrected = (
        a.title == b.title and same_author and a.year is not None and b.year is not None
    ) and abs(a.year - b.year) <= 1
    if (
        a.cite_key
        and a.cite_key == b.cite_key
        and (same_year or entry_years or corrected)
        and a.on_site != b.on_site
    ):
        # The entry's venue, where the record's was since edited by hand (`NeurIPS 2022`).
        same_venue = bool({a.venue, a.entry_venue} & {b.venue, b.entry_venue} - {""})
        if share_words(a.title, b.title) or (same_author and same_venue):
            return f"BibTeX key {a.cite_key}"
    if (
        a.source
        and a.source == b.source
        and (same_year or share_words(a.title, b.title))
        and (same_author or share_words(a.title, b.title))
    ):
        return f"page {a.source}"
    return None


def _same_person(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two first authors' name words could name one person.

    A shared word (``K. Wang``, ``Wang Kaile``), or spellings close enough to be one
    name transliterated (``Jörg Müller``, ``Joerg Mueller``).
    """
    if a & b:
        return True
    return SequenceMatcher(None, " ".join(sorted(a)), " ".join(sorted(b))).ratio() >= 0.8


def share_words(a: str, b: str) -> bool:
    """Whether two normalised titles share at least half the words of the shorter."""
    words_a, words_b = set(a.split()), set(b.split())
    shorter = min(len(words_a), len(words_b))
    return shorter > 0 and 2 * len(words_a & words_b) >= shorter


def _arxiv_doi(a: Keys, b: Keys) -> bool:
    """Whether either DOI is arXiv's own (``10.48550/arXiv.…``), which names the preprint."""
    return any(str(k.doi).startswith("10.48550/") for k in (a, b))


T = TypeVar("T")


def _kinds(keys: Keys) -> tuple[tuple[str, str | None], ...]:
    """The keys an item is indexed and looked up by."""
    return (
        ("arxiv", keys.arxiv),
        ("doi", keys.doi),
        ("title", keys.title),
        ("gist", _gist(keys.title)),
        ("key", keys.cite_key),
        ("source", keys.source),
    )


class Index(Generic[T]):
    """Items by their keys, so that matching n works against m records is not n x m."""

    def __init__(self) -> None:
        self._items: list[tuple[Keys, T]] = []
        self._by: dict[tuple[str, str], list[int]] = {}

    def add(self, keys: Keys, item: T) -> None:
        """Index one item."""
        number = len(self._items)
        self._items.append((keys, item))
        for kind, value in _kinds(keys):
            if value:
                self._by.setdefault((kind, value), []).append(number)

    def find(self, keys: Keys) -> list[T]:
        """Every indexed item that matches, in the order they were added."""
        candidates: set[int] = set()
        for kind, value in _kinds(keys):
            if value:
                candidates.update(self._by.get((kind, value), ()))
        return [
            self._items[n][1] for n in sorted(candidates) if keys_match(keys, self._items[n][0])
        ]


# --- combining the works of one import ---------------------------------------------


def unshare_ids(works: Sequence[Work]) -> list[str]:
    """Notes on works of one import that claim an earlier work's arXiv id or DOI while
    being another paper (a title with few words in common, another first author): the
    later one goes without it.

    An al-folio file listing two papers with one ``arxiv={...}`` (copied from the entry
    above) made one record of both: the second paper was lost, and the record mixed
    their dates and marks. The identifier stays with the first; the note says which.
    """
    notes: list[str] = []
    first: dict[tuple[str, str], Work] = {}
    for work in works:
        for name, shown in (("arxiv_id", "arXiv id"), ("doi", "DOI")):
            value = getattr(work, name)
            if not value:
                continue
            key = normalise_doi(value) if name == "doi" else value
            earlier = first.setdefault((name, key), work)
            if earlier is work or _one_paper(earlier, work):
                continue
            setattr(work, name, None)
            for link, url in list(work.links.items()):  # the link made from it goes too
                if value.lower() in url.lower() and link in ("arxiv", "doi"):
                    del work.links[link]
            where = work.where
            notes.append(
                f"{where}: {work.label}: {shown} {value} is also given to {earlier.label} "
                f"({earlier.title!r}), another paper; imported without it (which paper's is it?)"
            )
    return notes


def _one_paper(a: Work, b: Work) -> bool:
    """Whether two works sharing an identifier may be one paper: titles sharing most
    words, or (a preprint renamed on publication) one first author."""
    if share_words(normalise_title(a.title), normalise_title(b.title)):
        return True
    first_a, first_b = first_author(a.authors), first_author(b.authors)
    return not (first_a and first_b) or _same_person(first_a, first_b)


def combine(works: Iterable[Work]) -> list[list[Work]]:
    """Group the works of one import that describe the same paper (preprint + published)."""
    groups: list[list[Work]] = []
    group_keys: list[list[Keys]] = []
    index: Index[int] = Index()
    for work in works:
        keys = work_keys(work)
        # The first group it matches one of, and none of whose works is surely another
        # paper: a working paper of 2019 matches its AER version of 2023 and another
        # journal's paper of that title and people of 2021, and the three were one record
        # (the AER's venue, the other's date), the other paper lost
        matching = [
            n
            for n in sorted(set(index.find(keys)))
            if not any(surely_apart(keys, other) for other in group_keys[n])
        ]
        number = matching[0] if matching else len(groups)
        if not matching:
            groups.append([])
            group_keys.append([])
        groups[number].append(work)
        group_keys[number].append(keys)
        index.add(keys, number)
    return groups


# The fields a group's first work that has one gives the merged work.
_FILLED = ("title", "translated_title", "abstract", "venue", "series", "volume", "issue", "pages", "isbn", "edition",
           "first_published",
           "type", "report_number", "category",
           "language", "note", "bibtex", "imported_from", "latin_title")  # fmt: skip


# What describes a preprint alone, not its published version
_PREPRINT_ALONE = ("venue", "series", "volume", "issue", "pages", "type", "note", "bibtex")


# The link a published record keeps its preprint by (medRxiv's, SSRN's…), whose DOI and
# page are no longer the record's own: one name whatever the server, as `links.preprint`
PREPRINT_LINK = "preprint"
PREPRINT_PDF_LINK = "preprint_pdf"  # the PDF of a journal paper's medRxiv (SSRN…) preprint


def other_version_links(work: Work, links: Mapping[str, str]) -> dict[str, str]:
    """The links a preprint (``work``) gives its published version, which has ``links``.

    A preprint without an arXiv id (medRxiv, bioRxiv, SSRN, Research Square…) keeps its DOI
    and page in no field of the published record: it is linked as ``preprint``, to its DOI
    (else its page), where no link of the record leads to it already; its page is not
    the published paper's ``paper`` link (the BMJ paper's "Paper page" was medRxiv's).
    Its PDF is no ``pdf`` of the published paper's either (the BMJ paper's "PDF" was
    medRxiv's full text): it is linked as ``preprint_pdf``, shown "Preprint PDF", a free
    copy for a visitor of a paper behind a paywall. (A file of the old site's own, which
    the import copies as the ``pdf`` it is, stays its ``pdf``: the author's copy.)
    An arXiv preprint has its id and ``arxiv`` link instead."""
    given = dict(work.links)
    if work.arxiv_id:
        return given
    if "://" in given.get("pdf", ""):
        given[PREPRINT_PDF_LINK] = given.pop("pdf")
    page = given.pop("paper", None)
    target = doi_url(work.doi) if work.doi else page
    named = [t.casefold() for t in (work.doi, page) if t]
    if target and not any(n in str(url).casefold() for url in links.values() for n in named):
        given[PREPRINT_LINK] = target
    return given


def _fuller(names: Sequence[str], cut: Sequence[str]) -> bool:
    """Whether ``names`` says more than ``cut``, a list ending in ``et al.``: it is whole, or
    cut later (Scholar's three names and `others` replaced JabRef's five and `others`)."""
    if cut[-1] != "et al." or len(names) < 2:
        return False
    return names[-1] != "et al." or len(names) > len(cut)


def merged(group: Sequence[Work]) -> Work:
    """One work from a group: the published version leads, the preprint fills gaps."""
    # published versions first, then one whose venue was its state (`Under review`)
    ordered = sorted(group, key=lambda w: (w.is_preprint, w.not_out))
    lead = ordered[0]
    result = Work(lead.origin, lead.line, lead.label)
    for work in ordered:
        # A preprint gives a published version none of what describes the preprint alone,
        # as at a later import (merge.py): medRxiv's `note = {Pages: 2020.06.11.20128389}`,
        # as Zotero exports it, was the BMJ paper's note, on its card and page; nor does
        # the entry of before it came out give it its state, "Under review".
        alone: tuple[str, ...] = ()
        if work.is_preprint and not lead.is_preprint:
            alone = _PREPRINT_ALONE
        elif work.not_out and not lead.not_out:
            alone = ("note",)
        alone_doi = bool(alone) and not work.arxiv_id
        for name in _FILLED:
            if name in alone:
                continue
            if not getattr(result, name) and getattr(work, name):
                setattr(result, name, getattr(work, name))
        if not result.authors or _fuller(work.authors, result.authors):
            result.authors = list(work.authors) if work.authors else result.authors
        result.arxiv_id = result.arxiv_id or work.arxiv_id
        later = version_number(work.arxiv_version) > version_number(result.arxiv_version)
        if work.arxiv_id == result.arxiv_id and later:
            result.arxiv_version = work.arxiv_version  # the latest an arXiv answer gave
        # arXiv's own DOI (dblp's CoRR entry: `doi = {10.48550/ARXIV.2309.14521}`) names the
        # preprint, which the arXiv id names: not a DOI of a published version (Scholar's
        # journal entry, without one, took it, and its page told Scholar the preprint's)
        # nor is another server's DOI of its preprint (medRxiv's `10.1101/…`), linked as
        # `preprint` (see other_version_links)
        if lead.is_preprint or (not (work.doi and arxiv_from_doi(work.doi)) and not alone_doi):
            result.doi = result.doi or work.doi
        links = work.links
        if work.is_preprint and not lead.is_preprint:
            links = other_version_links(work, result.links)
        for key, url in links.items():
            result.links.setdefault(key, url)
        result.tags += [tag for tag in work.tags if tag not in result.tags]
        result.featured = result.featured or work.featured
        result.draft = result.draft or work.draft
        if work.citations is not None and (
            result.citations is None or work.citations > result.citations
        ):
            result.citations, result.citations_source = work.citations, work.citations_source
            result.citations_date = work.citations_date
    dated = sorted((w for w in group if w.date), key=_date_order)
    if not result.arxiv_id and not lead.is_preprint:
        # A journal paper's medRxiv (SSRN…) preprint is a link of its record, whose venue,
        # volume and pages are the journal's: so is its date ("BMJ 373, n1234, 2020-06-14"
        # was a wrong reference). An arXiv paper keeps its first version's date, as the
        # record is the arXiv paper too (its `arxiv_id`), and arXiv's answers date it so.
        dated = [w for w in dated if not w.is_preprint] or dated
    result.date = dated[0].date if dated else ""  # the first published date
    result.year_padded = bool(dated) and dated[0].year_padded
    return result


def _date_order(work: Work) -> tuple[str, int, bool, str]:
    """The earliest year first; in it, the most exact date, a date padded to 1 January
    counting as the year alone (academicpages' `2018-01-01` beside its page's `2018-05-28`,
    or a BibTeX entry's `year = 2019` beside `2019-01-01`, the year itself)."""
    padded = work.year_padded and work.date.endswith("-01-01")
    return (work.date[:4], -(4 if padded else len(work.date)), padded, work.date)
