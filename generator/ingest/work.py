"""One imported work, before it is matched against the site's records, and its keys."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.errors import ContentError, Problem
from generator.ids import (
    ARXIV_ID,
    ARXIV_NEW,
    ARXIV_OLD,
    canonical_arxiv,
    is_resolver_url,
    isbn_list,
    isbn_problem,
    parse_arxiv,
    parse_doi,
    shown,
)
from generator.locators import Pages, expand_pages, number_problem, plain_number, read_pages
from generator.names import drop_invisible, fold_letters
from generator.readback import ATTRIBUTE, start_tags
from generator.schema import PAPER_LINK_KEYS
from generator.standing import STATE_WORDS, WORKING_PAPER
from generator.urls import host_problem
from generator.validate import CONTROL, MAX_INTEGER, RESERVED_NAMES, near_miss

# A name that was UTF-8 read as Latin-1 (or cp1252) shows these tell-tale pairs; U+FFFD is
# what a decoder leaves where it gave up.
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|Â[\u0080-\u00bf]|â€|Å[\u0080-\u00bf]|\ufffd")

_ARXIV_IN_URL = re.compile(rf"arxiv\.org/(?:abs|pdf)/({ARXIV_NEW}|{ARXIV_OLD})(v\d+)?")
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
# `2021-03-05`, and `2021/03` (a BibTeX `date` written so: no range of biblatex's, whose
# `/` parts two dates); a year alone of `2021/2022`, `2021-123`
_DATE = re.compile(r"^(\d{4})(?:([-/])(\d{1,2})(?!\d)(?:\2(\d{1,2})(?!\d))?)?")


@dataclass
class Work:
    """A work as one source describes it, mapped onto our record fields."""

    origin: str  # the source file or URL, for messages
    line: int  # where the entry starts in the source (0 when the format has no lines)
    label: str  # how the entry is named in messages: "entry 'smith2020'", "arXiv 2505.12345"
    title: str = ""
    authors: list[str] = field(default_factory=list)
    date: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD
    abstract: str = ""
    category: str | None = None
    venue: str | None = None
    series: str | None = None  # the proceedings' series, whose volume `volume` is
    volume: str | None = None  # as the source gives them; see drop_bad_locators
    issue: str | None = None
    pages: str | None = None
    isbn: str | None = None  # the first valid one of the source's (see ids.isbn_list)
    edition: str | None = None  # a book's: `2`, `Revised`
    first_published: str = ""  # a reprint's first publication (biblatex's `origdate`)
    type: str | None = None
    report_number: str | None = None  # INSPIRE's `reportNumber`: `CERN-EP-2024-159`
    language: str | None = None  # a BCP 47 tag; None when the source says none we know
    citations: int | None = None
    citations_source: str | None = None
    citations_date: str | None = None  # when the source read the count (an export's date)
    arxiv_id: str | None = None
    arxiv_version: str | None = None  # the version an arXiv answer describes ("v2")
    doi: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    featured: bool = False
    draft: bool = False
    note: str | None = None
    bibtex: str | None = None
    # The old site's page the work was read from (``academicpages _publications/x.md``),
    # or the database's id of it (``openalex W4405555555``): a key that stays when the
    # title is corrected, kept in the record.
    imported_from: str | None = None
    # al-folio's `google_scholar_id`: the paper on its owner's Scholar profile, linked by
    # the al-folio import with the site's `scholar_userid`
    scholar_id: str | None = None
    # The title in Latin letters that a source gives beside one in another script (biblatex's
    # `title_translated_english`, `titleaddon`): the new record's file name, not shown.
    latin_title: str | None = None
    # The title in English that an entry gives beside its own in another language
    # (`title_en`, biblatex's `title_translated_english`): the record's `translated_title`
    translated_title: str | None = None
    # The old site's files of the paper by the link that will name them (`pdf`, `slides`,
    # `poster`, `supplement`), checked files of the imported folder (see :mod:`pdfs`):
    # copied into static/papers/ and linked, once the record's slug is known.
    files: dict[str, Path] = field(default_factory=dict)
    # The files a BibTeX entry names (al-folio's `pdf={thesis.pdf}`, `slides={talk.pdf}`,
    # in its assets/pdf/), by link, with the note said of each: the al-folio import looks
    # for them there.
    files_named: dict[str, tuple[str, str]] = field(default_factory=dict)
    # A volume the file's papers crossref, with editors and no author (a `@proceedings`, an
    # edited `@collection`): imported only where a site author is among its editors (see
    # aliases.edited_here), as a historian's own edited volume is her work.
    crossref_volume: bool = False
    # Whether a date of 1 January stands for the year alone, as academicpages' pages and
    # TSV rows pad a year (`date: 2019-01-01`): a more exact date of that year from another
    # source of the paper is taken over it (see match.merged).
    year_padded: bool = False
    # Whether the source's venue was only the paper's state (`Under review`), now its note
    # (see state_from_venue): its published version, imported with it, leads.
    not_out: bool = False

    @property
    def where(self) -> str:
        """Where a note names the entry: ``origin:line``, or the origin (no lines)."""
        return f"{self.origin}:{self.line}" if self.line else self.origin

    def problem(self, message: str) -> Problem:
        """A problem located at this work's entry in its source."""
        return Problem(self.origin, self.line, f"{self.label}: {message}")

    @property
    def year(self) -> int | None:
        """The year of the date, if there is one."""
        match = _DATE.match(self.date)
        return int(match.group(1)) if match else None

    @property
    def is_preprint(self) -> bool:
        """Whether this describes a preprint rather than a published version (a working
        paper is one: see working_paper)."""
        if self.type == "preprint" or self.is_working_paper:
            return True
        return self.arxiv_id is not None and not self.venue and self.type is None

    @property
    def is_working_paper(self) -> bool:
        """Whether this is a paper of a working paper series (see working_paper)."""
        return working_paper(self.type, self.doi, self.note, self.venue, self.series)


class UnreadWorks(ContentError):
    """Problems of the works an import cannot take, with the works it can (``works``):
    what those would write is checked too (see ``commands``), so that a record that would
    not build is said in the same run as a source's entry without a year, not after it."""

    def __init__(self, problems: Iterable[Problem], works: Iterable[Work]) -> None:
        super().__init__(problems)
        self.works = list(works)


def unread(works: list[Work]) -> list[Work]:
    """``works``, or UnreadWorks when ``check`` finds a problem with any of them."""
    problems = [p for work in works for p in check(work)]
    if problems:
        raise UnreadWorks(problems, [work for work in works if not check(work)])
    return works


def check(work: Work) -> list[Problem]:
    """The problems that make a work unusable: no title, no authors, no date, mojibake."""
    problems = []
    if not work.title.strip():
        problems.append(work.problem("has no title"))
    if not work.authors:
        problems.append(work.problem("has no authors"))
    if not work.date:
        problems.append(work.problem("has no date (year)"))
    elif not _is_calendar_date(work.date):
        problems.append(
            work.problem(
                f"has the date {work.date!r}, which is no calendar day{_month_length(work.date)}; "
                "correct the day in the source (or give the year alone) and import it again"
            )
        )
    if _MOJIBAKE.search(work.title):
        problems.append(
            work.problem(f"title {work.title!r} looks garbled (UTF-8 read as Latin-1?)")
        )
    for name in work.authors:
        if _MOJIBAKE.search(name):
            problems.append(
                work.problem(
                    f"author name {name!r} looks garbled (UTF-8 read as Latin-1?); "
                    "fix the source's encoding"
                )
            )
    return problems


def drop_bad_ids(work: Work) -> list[str]:
    """Notes on a DOI or arXiv id that is none (the work goes without it); DOIs made bare.

    A record holding one would not build, and a site would link a broken address.
    """
    notes = []
    where = work.where
    several = split_dois(work.doi) if work.doi else []
    if len(several) > 1:
        # `doi = {10.1/a, 10.2/b}` (a paper and its erratum, or a copy-paste): one string
        # that is no DOI, left out whole. The first that is a DOI is kept.
        kept = next((doi for doi in several if parse_doi(doi)), None)
        if kept is not None:
            dropped = ", ".join(f"`{shown(doi)}`" for doi in several if doi != kept)
            notes.append(
                f"{where}: {work.label}: doi holds {len(several)} DOIs; imported with the "
                f"first, {parse_doi(kept)}, without {dropped}"
            )
            work.doi = kept
    if work.doi:
        doi = parse_doi(work.doi)
        arxiv_page = _ARXIV_IN_URL.search(work.doi) if doi is None else None
        if arxiv_page is not None and not work.arxiv_id:
            # `doi = {https://arxiv.org/pdf/2509.10099}`, written by hand for a paper not
            # yet in print: the arXiv id is what it names (without it the paper had no link)
            work.arxiv_id = arxiv_page.group(1)
            work.links.setdefault("arxiv", f"https://arxiv.org/abs/{arxiv_page.group(1)}")
            notes.append(
                f"{where}: {work.label}: doi `{shown(work.doi)}` is an arXiv address, not a "
                f"DOI; imported as the arXiv id {arxiv_page.group(1)}"
            )
        elif doi is None:
            notes.append(
                f"{where}: {work.label}: doi `{shown(work.doi)}` is not a DOI; imported without it"
            )
        work.doi = doi
    if work.arxiv_id:
        arxiv = parse_arxiv(work.arxiv_id)
        arxiv = canonical_arxiv(arxiv) if arxiv else None  # as arXiv names it, to match
        if arxiv is None:
            notes.append(
                f"{where}: {work.label}: arXiv id `{shown(work.arxiv_id)}` is not an arXiv id; "
                "imported without it"
            )
            if work.links.get("arxiv") == f"https://arxiv.org/abs/{work.arxiv_id}":
                del work.links["arxiv"]  # built from the bad id: as broken as it
        work.arxiv_id = arxiv
    return notes


def drop_bad_locators(work: Work) -> list[str]:
    """A work's volume, issue and pages as a record writes them (``Vol. 12`` as ``12``,
    ``pp. 45-67`` and PubMed's ``45-7`` as ``45–67``), and a note on each that is none
    (the work goes without it, as a record holding it would not build)."""
    notes = []
    where = work.where
    for name in ("volume", "issue"):
        value = getattr(work, name)
        text = plain_number(fold_space(value)) if value else ""
        problem = number_problem(name, text) if text else None
        if problem:
            notes.append(f"{where}: {work.label}: {problem}; imported without it")
        setattr(work, name, None if problem else text or None)
    if work.pages and not re.search(r"\w", work.pages):
        work.pages = None  # Google Scholar's `pages={--}`: it knows none, nothing to note
    if work.pages:
        found = read_pages(expand_pages(fold_space(work.pages)))
        if isinstance(found, str):
            notes.append(f"{where}: {work.label}: pages {found}; imported without them")
        work.pages = found.text() if isinstance(found, Pages) else None
    return notes


def venue_names(venue: str, locators: Iterable[Any]) -> bool:
    """Whether ``venue`` names one of a paper's volume, issue and pages already, as a
    venue copied from a reference does: Hugo's `*Journal of Source Themes, 1*(1)`, arXiv's
    journal reference `Phys. Rev. Lett. 116, 061102 (2016)`; they would show twice."""
    lead = (re.match(r"\w+", str(value)) for value in locators if value)
    named = (rf"(?<!\w){re.escape(match.group())}(?!\w)" for match in lead if match)
    return any(re.search(pattern, venue) for pattern in named)


def fill_locators(work: Work, bib: Work) -> None:
    """The ISBN and edition, and the volume, issue and pages of a page's BibTeX entry ``bib`` for ``work`` (read
    from an old site's page, which has no such fields), unless the page's venue already
    names one of them: Hugo's `*Journal of Source Themes, 1*(1)` would show "1(1)" twice."""
    work.isbn = work.isbn or bib.isbn  # a book's, named by no venue
    work.edition = work.edition or bib.edition
    work.first_published = work.first_published or bib.first_published
    if venue_names(work.venue or "", (bib.volume, bib.issue, bib.pages)):
        return
    if bib.type == "report" and work.type not in (None, "report"):
        # the working paper's entry beside a page of the paper as published (a cite.bib
        # kept from its discussion paper, `@TechReport`, `number = {14600-4}`): its number
        # is the report's, not the journal's issue ("Economic Journal, no. 14600-4")
        return
    work.series = work.series or bib.series
    work.volume = work.volume or bib.volume
    work.issue = work.issue or bib.issue
    work.pages = work.pages or bib.pages


def first_isbn(value: Any) -> str | None:
    """The first valid ISBN of a page's front matter's `isbn` (academicpages', Hugo's),
    written as one or as a list, or None."""
    listed = value if isinstance(value, list) else [value] if value is not None else []
    found = (i for item in listed for i in isbn_list(str(item)) if not isbn_problem(i))
    return next(found, None)


def page_edition(value: Any) -> str | None:
    """A page's front matter's `edition` (`2`, `Revised`), as a record takes it, or None."""
    text = str(value).strip() if isinstance(value, (int, str)) and value is not True else ""
    return text if text and not number_problem("edition", text) else None


# Where one DOI ends and another begins in one field: a comma, semicolon or blank before
# `10.<registrant>/` (or `doi:`, or a resolver). A `;` inside a DOI (Wiley's SICI DOIs:
# `…3.0.CO;2-F`) is not followed by one.
_NEXT_DOI = re.compile(
    r"\s*[,;]\s*(?=(?:doi:\s*|https?://\S*doi\S*/)?10\.\d)"
    r"|\s+(?=(?:doi:\s*|https?://\S*doi\S*/)?10\.\d)",
    re.IGNORECASE,
)


def split_dois(text: str) -> list[str]:
    """The DOIs a field lists (``10.1/a, 10.2/b``, ``10.1/a 10.2/b``); one as it is."""
    return [part for part in _NEXT_DOI.split(text.strip()) if part]


# A run of control characters and the spaces around it: one space in the record.
# The blanks before it are matched from the first of their run only (the lookbehind): from
# every blank of a long run, each scanning the rest, it took time with the square of the run.
_CONTROL_RUN = re.compile(rf"(?:(?<![ \t])[ \t]+)?(?:{CONTROL.pattern})+[ \t]*")
# Half of a UTF-16 surrogate pair, alone: JSON's "\ud800" decodes to one; UTF-8 cannot
# encode it, so the record could not be written (and YAML's own "\ud800" is refused).
_SURROGATE = re.compile("[\ud800-\udfff]")
# Invisible characters that say nothing in a text: DEL, the C1 controls and a byte-order
# mark inside it (a stray one, pasted with a title, which Scholar's citation_title then
# held). YAML cannot write them in the literal block that keeps a record's BibTeX entry:
# an entry holding one was written as one quoted line without the mark of an import,
# `# as imported (…)`, so a re-import took it for a person's and it never followed its file.
_NOT_IN_BLOCK = re.compile("[\x7f-\x84\x86-\x9f\ufeff]")
_TEXT_FIELDS = ("title", "translated_title", "authors", "abstract", "category", "venue", "series", "volume", "issue",
                "pages", "edition", "type", "report_number", "citations_source", "tags", "note", "bibtex",
                "imported_from")  # fmt: skip


def _without_surrogates(value: Any) -> Any:
    """Text, or a list or mapping of it, with each lone surrogate replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_surrogates(item) for key, item in value.items()}
    return value


def drop_control_characters(work: Work) -> list[str]:
    """Notes on control characters taken out of a work's text, and on an impossible count.

    Abstracts taken from PDFs carry form feeds, data bases the odd escape code; a record
    holding one would not build, and a saved response is no file to fix by hand.
    """
    notes = []
    where = work.where
    changed = []
    for name in _TEXT_FIELDS:
        value = getattr(work, name)
        if isinstance(value, list):
            if any(CONTROL.search(item) for item in value):
                setattr(work, name, [_CONTROL_RUN.sub(" ", item).strip() for item in value])
                changed.append(name)
        elif value and CONTROL.search(value):
            setattr(work, name, _CONTROL_RUN.sub(" ", value).strip())
            changed.append(name)
    if changed:
        notes.append(
            f"{where}: {work.label}: control characters in {', '.join(changed)} replaced by spaces"
        )
    stray = []
    for name in _TEXT_FIELDS:
        value = getattr(work, name)
        if isinstance(value, list) and any(_NOT_IN_BLOCK.search(item) for item in value):
            setattr(work, name, [_NOT_IN_BLOCK.sub("", item) for item in value])
            stray.append(name)
        elif isinstance(value, str) and _NOT_IN_BLOCK.search(value):
            setattr(work, name, _NOT_IN_BLOCK.sub("", value))
            stray.append(name)
    if stray:
        notes.append(
            f"{where}: {work.label}: a byte-order mark (U+FEFF) or control characters "
            f"(U+007F to U+009F) in {', '.join(stray)} taken out"
        )
    broken = []
    for name in (*_TEXT_FIELDS, "links"):
        value = getattr(work, name)
        fixed = _without_surrogates(value)
        if fixed != value:
            setattr(work, name, fixed)
            broken.append(name)
    if broken:
        notes.append(
            f"{where}: {work.label}: half a UTF-16 pair (such as \\ud800, which no file can "
            f"hold) in {', '.join(broken)} replaced by U+FFFD"
        )
    if work.citations is not None and not 0 <= work.citations <= MAX_INTEGER:
        notes.append(
            f"{where}: {work.label}: citation count {work.citations} is not believable; "
            "imported without it"
        )
        work.citations = None
    return notes


def _month_length(text: str) -> str:
    """How many days the month of ``YYYY-MM-DD`` has, for a message (else nothing)."""
    parts = text.split("-")
    if len(text) != 10 or len(parts) != 3 or not all(part.isdecimal() for part in parts):
        return ""
    year, month = int(parts[0]), int(parts[1])
    if not (1 <= month <= 12 and dt.MINYEAR <= year <= dt.MAXYEAR):
        return ""
    return f" (that month has {calendar.monthrange(year, month)[1]} days)"


def _is_calendar_date(text: str) -> bool:
    """Whether ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` names a real year, month or day."""
    parts = text.split("-")
    try:
        dt.date(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[2]) if len(parts) > 2 else 1,
        )
    except (ValueError, IndexError):
        return False
    return len(parts) <= 3


# A paper's PubMed page, its `paper` link where it has none of its own: BibTeX's `pmid`,
# OpenAlex's `ids.pmid` (`https://pubmed.ncbi.nlm.nih.gov/33069326`) and Semantic
# Scholar's `externalIds.PubMed` (`33069326`); the last two linked nothing.
PUBMED_PAGE = "https://pubmed.ncbi.nlm.nih.gov/{}/"
_PMID = re.compile(
    r"(?:https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/)?(\d{1,9})/?"
)


def pubmed_page(pmid: Any) -> str | None:
    """The PubMed page of a PMID, bare or as OpenAlex gives it (its address); else None."""
    found = _PMID.fullmatch(str(pmid or "").strip())
    return PUBMED_PAGE.format(found.group(1)) if found else None


def is_pubmed_page(url: str) -> bool:
    """Whether ``url`` is a paper's PubMed page (as :func:`pubmed_page` writes it)."""
    return _PMID.fullmatch(url.strip()) is not None and not url.strip().isdigit()


def safe_url(url: str) -> bool:
    """Only http(s) addresses with a host become links: imported text never turns into
    script, nor into a link the build refuses (`https://...`)."""
    return url.strip().lower().startswith(("https://", "http://")) and not host_problem(url)


def split_arxiv_id(text: str) -> tuple[str, str | None] | None:
    """``2505.12345v2`` → ``("2505.12345", "v2")``; None when the text is no arXiv id."""
    text = text.strip()
    match = ARXIV_ID.match(text) or _ARXIV_IN_URL.search(text)
    if not match:
        return None
    return canonical_arxiv(match.group(1)), match.group(2)


def version_number(version: str | None) -> int:
    """The number of an arXiv version (``v2``: 2, as :func:`split_arxiv_id` and an arXiv
    answer give it), 0 for none."""
    digits = version[1:] if version else ""
    # (a version of thousands of digits, from a hostile feed: int() refuses past 4,300)
    return int(digits) if digits.isdecimal() and len(digits) <= 6 else 0


def arxiv_from_links(work: Work) -> None:
    """A link to the paper's arXiv page gives its arXiv id, and is its ``arxiv`` link.

    academicpages' ``paperurl`` and Hugo's ``url_pdf`` are imported as the PDF link, and
    are often the arXiv page: without the id, the paper had no arXiv id on its page, CV
    or Google Scholar tags, and an arXiv import matched it by title alone.
    """
    for key, url in list(work.links.items()):
        match = _ARXIV_IN_URL.search(url) if key != "arxiv" else None
        if match is None or not re.match(r"https?://(?:www\.|export\.)?arxiv\.org/", url):
            continue
        work.arxiv_id = work.arxiv_id or match.group(1)
        if key in ("pdf", "paper") and "/abs/" in url:  # the arXiv page: the arxiv link
            del work.links[key]
            work.links.setdefault("arxiv", url)


# A venue naming the paper's arXiv id: "NeurIPS 2023 Workshop on Diffusion Models
# (arXiv:2311.10892)" (Hugo pages, BibTeX journals written by hand).
_ARXIV_IN_TEXT = re.compile(rf"\barXiv:\s*({ARXIV_NEW}|{ARXIV_OLD})(?:v\d+)?\b", re.IGNORECASE)


def arxiv_from_venue(work: Work) -> None:
    """A venue that names an arXiv id (``… (arXiv:2311.10892)``) gives the work's id."""
    match = _ARXIV_IN_TEXT.search(work.venue or "") if not work.arxiv_id else None
    if match:
        work.arxiv_id = match.group(1)
        work.links.setdefault("arxiv", f"https://arxiv.org/abs/{match.group(1)}")


def settle(work: Work) -> list[str]:
    """What every imported work goes through before it is matched: its arXiv id and DOI
    read from its links and venue, identifiers and pages of no valid shape and control
    characters left out, a venue that is the paper's state its note. The notes saying
    what was left out."""
    arxiv_from_links(work)
    arxiv_from_venue(work)
    state_from_venue(work)
    doi_from_links(work)
    return drop_bad_ids(work) + drop_bad_locators(work) + drop_control_characters(work)


# The state words are generator.standing's, one table for every place an import reads one
# (a venue, a title's brackets, before the first author, a citation's year) and the card.
# A venue that names no venue but the paper's state, as sites and exporters write one not
# out yet (`journal = {Under review}`, Hugo's `publication: "In preparation"`, a CV's
# `Submitted`): shown as the venue, and a key that made two such papers of one first
# author and year one record (see match.recognised).
_STATE = re.compile(rf"[\s(\[]*{STATE_WORDS}[\s.)\]]*", re.IGNORECASE)
# The state in brackets after a title or a venue, or before a title, as academicpages'
# pages write it (`title: "Graph Sampling at Scale (Under Review)"`, `venue: "Nature
# Methods (In press)"`, `title: "[Submitted] Positional Encodings"`)
# (`\s*(?:\.\s*)?`, not `\s*\.?\s*`: two runs of blanks side by side share a long run
# every way, and a title of 20,000 blanks after its state took seconds)
_STATE_AFTER = re.compile(rf"[(\[]\s*({STATE_WORDS})\s*(?:\.\s*)?[)\]]\s*\Z", re.IGNORECASE)
_STATE_BEFORE = re.compile(rf"\A\s*[(\[]\s*({STATE_WORDS})\s*(?:\.\s*)?[)\]]\s*", re.IGNORECASE)


# A report of a series of working (or discussion) papers, as economists circulate a paper
# before it is published (NBER's, IZA's, CEPR's: `type = {Working Paper}`, the record's
# note; `{NBER} Working Paper Series`): the paper's preprint, whose journal version is the
# same paper, years later. NBER's DOIs (`10.3386/w25987`) name its working papers alone.
NBER_DOI = "10.3386/w"  # the start of an NBER working paper's DOI


def working_paper(kind: Any, doi: Any, *texts: Any) -> bool:
    """Whether a work of the record type ``kind`` is a working paper: its DOI NBER's, or
    its note, venue or series naming a series of working or discussion papers."""
    if kind != "report":
        return False
    if str(doi or "").lower().startswith(NBER_DOI):
        return True
    return any(WORKING_PAPER.search(str(text)) for text in texts if text)


# A state's words that also name a meeting's track when written after its name in
# brackets (`CHI EA 2024 (Work in Progress)`, ICSE's and SIGCSE's work-in-progress
# tracks): such a venue was cut to `CHI EA 2024` and the paper marked not out yet
_TRACK = re.compile(r"work\s+in\s+progress", re.IGNORECASE)


def paper_state(venue: str) -> bool:
    """Whether a venue is only the paper's state: `Under review`, `In preparation`."""
    return bool(_STATE.fullmatch(venue))


def _noted_state(work: Work, state: str) -> None:
    """``state`` (`under review`) as the first words of the work's note, capitalised, and
    the work marked not out yet (its published version, imported with it, leads)."""
    state = fold_space(state.strip("()[] "))
    state = state[:1].upper() + state[1:]
    if state.rstrip(".").casefold() not in (work.note or "").casefold():
        work.note = f"{state}; {work.note}" if work.note else state
    work.not_out = True


def state_from_venue(work: Work) -> None:
    """A venue that is the paper's state (`Under review`, `Submitted`, `In preparation`)
    is its ``note``, as a comment on it: the card showed "Under review" where a journal's
    name goes, Scholar's tags named it the journal, and the record kept it as the venue
    once the paper was out. The paper stays listed (``draft`` is for what is not to be
    shown); the note goes when an import gives the venue (see merge).

    So is the state written in brackets at the end of a title or a venue, or before a
    title (`Graph Sampling at Scale (Under Review)`, `Nature Methods (In press)`): it was
    the title's words on every page and in Scholar's `citation_title`, and the journal's
    name to Scholar, and neither matched the paper once it was out."""
    for name in ("title", "venue"):
        text = getattr(work, name) or ""
        found = _STATE_AFTER.search(text) or (
            _STATE_BEFORE.match(text) if name == "title" else None
        )
        rest = (text[: found.start()] + text[found.end() :]).strip() if found else ""
        if found and name == "venue" and _TRACK.fullmatch(found.group(1)):
            continue  # `CHI EA 2024 (Work in Progress)`: a meeting's track, not a state
        if found and rest:
            setattr(work, name, rest)
            _noted_state(work, found.group(1))
    venue = (work.venue or "").strip()
    if venue and paper_state(venue):
        _noted_state(work, venue)
        work.venue = None


def doi_from_links(work: Work) -> None:
    """A PDF or paper link to ``doi.org`` is the paper's DOI (academicpages' ``paperurl:
    https://doi.org/10.1063/…`` was a "PDF" link, and the paper had no DOI)."""
    for key in ("pdf", "paper"):
        url = work.links.get(key, "")
        doi = parse_doi(url) if is_resolver_url(url) else None
        if doi and (not work.doi or normalise_doi(work.doi) == doi.lower()):
            # the DOI the source gives is kept as written: Semantic Scholar's open PDF of
            # `10.4172/2157-2526.S1-003` is Unpaywall's `doi.org/10.4172/2157-2526.s1-003`
            work.doi = work.doi or doi
            del work.links[key]  # the page links the DOI
    # A publisher's page named by the DOI (ACS's `pubs.acs.org/doi/abs/10.1021/…`, Wiley's
    # `…/doi/full/10.1002/…`, Science's `science.org/doi/10.1126/…`, the ACM's): the paper
    # was imported without its DOI. The link stays (the publisher's page).
    for key in ("paper", "pdf"):
        url = work.links.get(key, "")
        # (an address with a blank in it names no page: the pattern tried every `doi/` of
        # it against all that follows, minutes for a field of 300 KB)
        found = None if _BLANK.search(url) else _PUBLISHER_DOI.search(url)
        doi = parse_doi(unquote(found.group(1))) if found else None
        if doi and not work.doi:
            work.doi = doi


_BLANK = re.compile(r"\s")
# (Wiley's addresses before 2018 name the page after the DOI, `/doi/10.1111/….x/full`,
# `/abstract`, `/pdf`, and De Gruyter's do, `/document/doi/10.1515/auto-2021-0037/html`:
# taken into the DOI, it was one doi.org does not know)
_PUBLISHER_DOI = re.compile(
    r"^https?://[^/?#\s]+/(?:[^?#\s]*/)?doi/(?:abs/|full/|pdf/|epdf/|book/)?(10\.\d{4,9}/[^?#\s]+?)"
    r"(?:/(?:full|abstract|pdf|epdf|pdfdirect|summary|references|citedby|suppinfo|html|xml))?"
    r"/?(?:[?#]|$)",
    re.IGNORECASE,
)


def arxiv_from_doi(doi: str) -> str | None:
    """arXiv's own DOIs (``10.48550/arXiv.2505.12345``) name an arXiv id."""
    match = _ARXIV_DOI.match(doi)
    if match:
        parsed = split_arxiv_id(match.group(1))
        return parsed[0] if parsed else None
    return None


def bare_doi(text: str) -> str:
    """A DOI as written, without ``https://doi.org/`` or ``doi:`` before it."""
    doi = parse_doi(text)  # a resolver address percent-encodes: 10.1002/%28SICI%29… is meant
    if doi:
        return doi
    text = text.strip()
    text = re.sub(r"^(?:https?://)?(?:dx\.)?doi\.org/", "", text, flags=re.IGNORECASE)
    return re.sub(r"^doi:\s*", "", text, flags=re.IGNORECASE)


def normalise_doi(text: str) -> str:
    """A bare DOI in lower case (DOIs ignore case), for matching."""
    return bare_doi(text).lower()


# Names are matched by their parts read so, an entry's several times over, and a file
# names the same people again and again (122,000 asked for in re-importing 3,000 entries).
@functools.lru_cache(maxsize=1 << 16)
def normalise_title(title: str) -> str:
    """Case, accents, LaTeX braces and punctuation removed, for matching titles."""
    text = unicodedata.normalize("NFKD", drop_invisible(title))  # a PDF's soft hyphens
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\\[a-zA-Z]+", " ", text)
    text = re.sub(r"[^\w]+", " ", text.casefold())
    return " ".join(text.split())


def normalise_date(text: str) -> str:
    """``2023-5-1T00:00`` → ``2023-05-01``; ``""`` when there is no leading year."""
    match = _DATE.match(text.strip())
    if not match:
        return ""
    year, _, month, day = match.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year
    if day is None or not 1 <= int(day) <= 31:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


# Crossref-fed titles (OpenAlex, Semantic Scholar) carry publishers' inline HTML and JATS:
# <i>Wolbachia</i>, H<sub>2</sub>O, <scp>COVID</scp>, <jats:p>, and entities (&amp;).
_EMPHASIS = re.compile(r"<(i|em|b|strong)(?:\s[^<>]*)?>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPTS = re.compile(r"<(sub|sup)(?:\s[^<>]*)?>([^<>]*)</\1\s*>", re.IGNORECASE)
# The elements a database's text holds: HTML's, JATS's (Crossref, PubMed) and MathML's, and
# any with a namespace (`<jats:p>`, `<mml:mi>`). Other text in angle brackets is the title's
# own (`vector<int>`, `Map<K,V>`, `<T>`), which went with the tags where the text had an
# entity too (`&amp;`): BibTeX's titles take this path then.
_TAG_NAMES = (
    "abbr|abbrev|acronym|address|alternatives|annotation|article|audio|bdi|bdo|big|"
    "blockquote|body|bold|br|break|button|caption|center|cite|code|col|colgroup|dd|del|"
    "chem-struct|details|dfn|disp-formula|disp-quote|div|dl|dt|em|email|embed|ext-link|fig|"
    "figcaption|figure|fn|font|graphic|"
    "footer|form|h[1-6]|head|header|hr|html|iframe|img|inline-formula|inline-graphic|input|"
    "ins|italic|kbd|label|li|link|list|list-item|mark|math|menclose|meta|mfenced|mfrac|mi|"
    "mmultiscripts|mn|mo|monospace|mover|mpadded|mphantom|mroot|mrow|ms|mspace|msqrt|mstyle|"
    "msub|msubsup|nobr|private-char|table-wrap|"
    "msup|mtable|mtd|mtext|mtr|munder|munderover|named-content|nav|noscript|object|ol|"
    "option|overline|picture|pre|roman|rp|rt|ruby|samp|sans-serif|sc|scp|script|section|"
    "select|semantics|small|source|span|strike|strong|style|sub|summary|sup|svg|table|"
    "tbody|td|template|tex-math|textarea|tfoot|th|thead|time|title|tr|tt|ul|underline|uri|"
    "var|video|wbr|xref"
)
# A tag of one letter (`<i>`, `<b>`) has attributes with values, if any: `a<b and c>d` and
# `n<k and k>m` (S2's abstracts are arXiv's, inequalities and all) are text, not `<b …>`.
_TAG = re.compile(
    rf"</?(?:(?:[a-zA-Z][\w.-]*:[\w:.-]+|(?:{_TAG_NAMES})(?![\w:.-]))(?:\s[^<>]*)?"
    r"|[abipqsu](?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'=<>`]+))*\s*)/?>",
    re.IGNORECASE,
)
# Any tag, as a browser reads an old site's page (see html_to_markdown's ``page``)
_ANY_TAG = re.compile(
    r"</?(?:[a-zA-Z][\w:.-]+(?:\s[^<>]*)?"
    r"|[a-zA-Z](?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'=<>`]+))*\s*)/?>"
)
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SUP = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")


# A trademark's letters raised, as a page writes the sign (`OpenFOAM<sup>TM</sup>`): the
# sign. They have no Unicode superscripts, so the title read "OpenFOAMTM".
_RAISED_SIGNS = {"tm": "™", "sm": "℠"}


def _script(match: re.Match[str]) -> str:
    table = _SUB if match.group(1).lower() == "sub" else _SUP
    text = match.group(2)
    if table is _SUP and text.strip().lower() in _RAISED_SIGNS:
        return _RAISED_SIGNS[text.strip().lower()]
    shifted = text.translate(table)
    # Only when every character has a Unicode sub/superscript; else plain text.
    return (
        shifted if all(a != b or a.isspace() for a, b in zip(text, shifted, strict=True)) else text
    )


# A numeric reference to a number past any character (Unicode ends at 0x10FFFF): HTML reads
# it as U+FFFD, and html.unescape ends in Python's ValueError from 4,300 digits on.
_PAST_UNICODE = re.compile(r"&#(?:[xX]0*[1-9a-fA-F][0-9a-fA-F]{6,}|0*[1-9][0-9]{7,});?")


def url_path(url: str) -> str:
    """The path of ``url``; empty for one ``urlsplit`` refuses (``http://x]``, a bracket
    but no IPv6 host: its ValueError was a traceback)."""
    try:
        return urlsplit(url).path
    except ValueError:
        return ""


# A link's kind by its host, for a link whose own name says none (a Hugo page's `Custom
# Link`, a BibTeX field of a site's own such as `link = {…}`)
_KIND_BY_HOST = (
    (re.compile(r"(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co)$"), "code"),
    (re.compile(r"(?:www\.|m\.)?(?:youtube\.com|youtu\.be|vimeo\.com|bilibili\.com)$"), "video"),
    (re.compile(r"(?:www\.)?(?:zenodo\.org|figshare\.com|kaggle\.com|datadryad\.org)$"), "data"),
    (re.compile(r"(?:www\.)?(?:slideshare\.net|speakerdeck\.com)$"), "slides"),
)


# Keys sites add for their papers' links, onto ours: academicpages' pages beside the
# template's own `paperurl` and `slidesurl` (read after them: the code was the profile's
# Code badge, and was left behind), and fields of a site's own BibTeX (`github`, `youtube`)
OWN_LINKS = {
    **dict.fromkeys(("code", "codeurl", "code_url", "github", "repository", "repo"), "code"),
    **dict.fromkeys(("arxiv", "arxivurl", "arxiv_url"), "arxiv"),
    **dict.fromkeys(("link", "url", "html", "htmlurl", "html_url", "paper_link", "publisher"), "paper"),
    **dict.fromkeys(("pdf", "pdfurl", "pdf_url"), "pdf"),
    **dict.fromkeys(("slides", "presentation"), "slides"),
    **dict.fromkeys(("video", "videourl", "video_url", "youtube", "talk"), "video"),
    **dict.fromkeys(("poster", "posterurl", "poster_url"), "poster"),
    **dict.fromkeys(("data", "dataset"), "data"),
    **dict.fromkeys(("project", "projecturl", "project_url", "website"), "project"),
}  # fmt: skip


# A link's name that is ours with an address's word or a number after it (`slides_url`,
# `pdf2`, `code_link`, `projectpage`), as sites name their buttons' fields
_OWN_SUFFIX_WORDS = ("url", "link", "page")
_SEPARATORS = ("_", "-")


def _own_stem(name: str) -> str:
    """``name`` without such an address's word or number after it (`slides_url` → slides).

    Read from the end, not by a regular expression ending in `[0-9]*$`: that one tried
    each digit of a run against the rest, and a Hugo link named by 60,000 digits took a
    minute of CPU to import."""
    stem = name.rstrip("0123456789")
    stem = stem[:-1] if stem.endswith(_SEPARATORS) else stem
    word = next((word for word in _OWN_SUFFIX_WORDS if stem.endswith(word)), None)
    if word is not None:
        stem = stem[: -len(word)]
        stem = stem[:-1] if stem.endswith(_SEPARATORS) else stem
    return stem


def ours(name: str) -> str | None:
    """Our link name a site's name for a link is (`slides_url`, `pdf2`), or its plural or
    singular (`codes`, `slide`); None for another word. difflib's close matches took a
    word one letter away for ours: `core` (CORE's copy of the paper) was its code, so were
    `mode` and `decode`, and `date` its data."""
    stem = _own_stem(name)
    forms = (stem, f"{stem}s", stem[:-1] if stem.endswith("s") else stem)
    return next((form for form in forms if form in PAPER_LINK_KEYS), None)


def typo_of_ours(name: str) -> bool:
    """Whether a record would refuse a link's name as a typo of ours (`core`, `mode`): an
    import names such a link `core link`, as the record can hold it."""
    return near_miss(name, PAPER_LINK_KEYS) is not None


def named_by_address(url: str) -> str:
    """Our name for a link by its address: `pdf` for a PDF (on GitHub too: a CV's
    repository keeps its papers), `code` on GitHub, else `link`."""
    if url_path(url).lower().endswith(".pdf"):
        return "pdf"
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return "link"
    return next((kind for pattern, kind in _KIND_BY_HOST if pattern.fullmatch(host)), "link")


def unescape(text: str) -> str:
    """``html.unescape``, without its traceback on a reference of thousands of digits."""
    if "&#" in text:
        text = _PAST_UNICODE.sub("\ufffd", text)
    return html.unescape(text)


def html_to_markdown(text: str, page: bool = False) -> str:
    """Inline HTML of a database's title or abstract as our Markdown: the words, as meant.

    ``<i>x</i>`` → ``*x*``, ``<b>x</b>`` → ``**x**``, ``H<sub>2</sub>O`` → ``H₂O``; other
    tags (``<scp>``, ``<jats:p>``) go, their text stays; entities become characters. Text
    in angle brackets that names no tag of HTML, JATS or MathML stays (`vector<int>`),
    but in an old site's ``page``, whose browser hid any tag (`<nobr>`, `<my-widget>`).
    """
    if "<" not in text and "&" not in text:
        return text
    marks = {"i": "*", "em": "*", "b": "**", "strong": "**"}
    text = _EMPHASIS.sub(
        lambda m: f"{marks[m.group(1).lower()]}{m.group(2)}{marks[m.group(1).lower()]}", text
    )
    text = _SCRIPTS.sub(_script, text)
    return unescape((_ANY_TAG if page else _TAG).sub("", text))


# TeX's accent commands → Unicode combining marks (``\"o`` → ö, ``\c{c}`` → ç).
_SYMBOL_ACCENTS = {
    '"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303",
    "=": "\u0304", ".": "\u0307",
}  # fmt: skip
_LETTER_ACCENTS = {
    "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "d": "\u0323", "b": "\u0331",
}  # fmt: skip
# Letters TeX writes as commands (``\ss``, ``\o``, ``\aa``, ``\l``; ``\i`` is the dotless i).
_TEX_LETTERS = {
    "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
    "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
}  # fmt: skip
# ``\i`` ends at the space after it, which TeX drops (``Mart\'\i n`` is Martín).
_BASE = r"(?:\\[ij](?![A-Za-z])(?:\{\}|[ \t])?|[A-Za-z])"
# An accent on a letter, ``{\"o}``, ``\"{o}`` or ``\"o``; a letter accent (``\c``)
# needs braces or a space (``\c c``). Not after a backslash (``\\`` is a line break).
_ACCENT = re.compile(
    r"(\{)?(?<!\\)\\(?:"
    rf"([\"'`^~=.])\s*(?:\{{\s*({_BASE})\s*\}}|({_BASE}))"
    rf"|([uvHckrdb])(?:\s*\{{\s*({_BASE})\s*\}}|\s+({_BASE})))"
    r"(?(1)\})"
)
# TeX ends a command word at the space after it, which it drops (``Stra\ss e``).
_LETTER = re.compile(
    r"(\{)?(?<!\\)\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L|i|j)(?![A-Za-z])(?:\{\}|[ \t])?(?(1)\})"
)
# Math is kept as written: $…$, $$…$$ and \(…\) (an escaped \$ is a dollar sign). A \(
# never closed ends at the next \(: searched to the text's end from each of a run of them,
# 100,000 took two minutes.
_MATH_SPAN = r"\$\$.+?\$\$|(?<!\\)\$.+?(?<!\\)\$|\\\((?:[^\\]|\\[^()])+?\\\)"
_MATH = re.compile(f"({_MATH_SPAN})", re.DOTALL)
# Kept as written by tex_accents too: an address, bare or in `\url{…}`, `\href{…}` (the
# `--` of `tool--v2` is no dash). A bare one ends at a blank, a brace, a dollar (math), a
# backslash that escapes none of its characters (`my\_tool` is one; in `x.org/,M\"uller`
# TeX starts again) and before the `''` of TeX's ``quotes'' around it.
_ADDRESS = r"\\(?:url|href)\s*\{[^{}]*\}|(?:https?://|www\.)(?:[^\s{}\\$]|\\[_%#&~$])+(?<!')"
_MATH_OR_ADDRESS = re.compile(f"({_MATH_SPAN}|{_ADDRESS})", re.DOTALL | re.IGNORECASE)


def _accented(match: re.Match[str]) -> str:
    mark = _SYMBOL_ACCENTS.get(match.group(2) or "") or _LETTER_ACCENTS[match.group(5)]
    base = next(g for g in match.group(3, 4, 6, 7) if g)
    letter = base[1] if base.startswith("\\") else base  # `\i ` is i
    return unicodedata.normalize("NFC", letter + mark)


def address_accents(address: str) -> str:
    """TeX's accents in a web address as its letters (`~m\\"uller` → `~müller`), which
    `\\url` prints as typed and a browser reads as `~m/"uller` (a `\\` is a `/` to it);
    a tilde stays one (`\\~smith` is `~smith`, see ``verbatim``)."""
    if "\\" not in address:
        return address
    return _ACCENT.sub(lambda m: m[0] if m[2] == "~" else _accented(m), address)


# TeX's dashes and quotes, typed as ligatures: "Hartree--Fock", "pp. 1--5", "a --- b",
# ``quoted''. A dash between a word and a space is no ligature ("the --verbose flag").
_LIGATURES = [
    (re.compile(r"(?<=[^\s-])---(?=[^\s-])|(?<=\s)---(?=\s)"), "—"),
    (re.compile(r"(?<=[^\s-])--(?=[^\s-])|(?<=\s)--(?=\s)"), "–"),
    (re.compile(r"``"), "“"),
    (re.compile(r"''"), "”"),
]


# TeX's ``opening quote closed with a straight " ("``Zero-Knowledge" Rollups"): TeX sets
# that " as a closing quote in its default fonts; left straight, the pair did not match.
_OPENED = re.compile(r'“([^"“”\n]*)"')


def close_quotes(text: str) -> str:
    """A straight ``"`` that closes a ``“`` as ``”``."""
    return _OPENED.sub(r"“\1”", text) if "“" in text else text


def tex_accents(text: str) -> str:
    """TeX accents, letters, dashes and quotes outside math as Unicode:
    ``Schr\\"odinger`` → Schrödinger, ``Hartree--Fock`` → Hartree–Fock.

    arXiv's metadata is TeX as its authors typed it: the abstract page shows the letters,
    the API sends the commands, which Markdown would show as ``Schr"odinger``.
    """
    if "\\" not in text and "--" not in text and "``" not in text and "''" not in text:
        return text
    parts = _MATH_OR_ADDRESS.split(text)
    for number in range(0, len(parts), 2):  # the even parts lie outside math and addresses
        part = _ACCENT.sub(_accented, parts[number])
        part = _LETTER.sub(lambda m: _TEX_LETTERS[m.group(2)], part)
        # A dash's neighbours may be the math or address beside the part (`$0.1$--$0.5$`):
        # their last and first characters (`$`, `}`), which no ligature takes, are read too.
        before = parts[number - 1][-1:] if number else ""
        after = parts[number + 1][:1] if number + 1 < len(parts) else ""
        part = before + part + after
        for pattern, character in _LIGATURES:
            part = pattern.sub(character, part)
        parts[number] = close_quotes(part[len(before) : len(part) - len(after)])
    return "".join(parts)


# A `<` that Markdown would read as the start of raw HTML (`i<j and k>l` is a tag `<j ...>`,
# which the sanitiser drops with its text); an autolink (`<https://…>`) is left a link.
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])(?![A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>)")
# What makes a line a heading (`# of layers`), a list (`1999. A year`, `+ 5 points`), a
# quote (`> 90%`), a hidden link definition (`[1]: …`), code (`` ``` ``, `~~~`: the rest of
# the abstract was code, the line's text gone), a rule (`---`, `***`, `___`) or the line
# before it a heading (`===`, `---`; after a `\\` line break): its mark, escaped in plain
# text. (BLOCK_START, below, is the lines that start a block in text that is Markdown
# already: those keep their line.)
_ESCAPED_MARK = re.compile(
    r"^([ \t]{0,3})(?:(#{1,6}|[>+*-])(?=[ \t]|$)|(\d{1,9})([.)])(?=[ \t]|$)|(\[)(?=[^\]]*\]:)"
    r"|([`~])(?=\6\6)|([-_=*])(?=(?:[ \t]*\7)*[ \t]*$))",
    re.MULTILINE,
)


def _escape_block(match: re.Match[str]) -> str:
    indent, mark, number, period, bracket, fence, rule = match.groups()
    if number:
        return f"{indent}{number}\\{period}"
    return f"{indent}\\{mark or bracket or fence or rule}"


def as_markdown(text: str) -> str:
    """Plain text (an arXiv or BibTeX abstract, paragraphs folded) as Markdown that shows
    it as written: a ``<`` that would open a tag (``i<j and k>l`` lost ``j and k``) and a
    paragraph's first mark (``# of layers`` lost its ``#``, ``1999. A year`` became a list
    numbered 1) are escaped. Math is left as it is (it is shown as written)."""
    if "<" not in text and not _ESCAPED_MARK.search(text):
        return text
    parts = _MATH.split(text)
    for number in range(0, len(parts), 2):  # the even parts lie outside math
        part = _TAG_START.sub(r"\\<", parts[number])
        if number == 0 or parts[number - 1].endswith("\n"):
            part = _ESCAPED_MARK.sub(_escape_block, part)
        else:  # a line that starts in this part, after math on the line before
            head, newline, rest = part.partition("\n")
            part = head + newline + _ESCAPED_MARK.sub(_escape_block, rest)
        parts[number] = part
    return "".join(parts)


# A `*` that Markdown could pair with another into emphasis (`D*Lite and 2*3` set
# `Lite and 2` in italics; a title is Markdown too), or that could close the emphasis
# around it (`*A* search*`, from `<i>A* search</i>` or `\emph{A* search}`, set A alone in
# italics): one beside a non-blank, outside math; also one that ends a piece of text that
# more follows (`**` before `\emph{a}`).
LITERAL_STAR = re.compile(r"(?<!\\)(?:\*(?!\s)|(?<=\S)\*)")


def literal_stars(text: str) -> str:
    """Plain text's ``*`` that could open or close emphasis, escaped; math as written."""
    if "*" not in text:
        return text
    parts = _MATH.split(text)
    for number in range(0, len(parts), 2):  # the even parts lie outside math
        parts[number] = LITERAL_STAR.sub(r"\\*", parts[number])
    return "".join(parts)


# A `_` of the text that Markdown could read as emphasis: one not between two letters or
# digits (`snake_case` is no emphasis in CommonMark, `__init__` and `_x_` are), and not
# escaped. A BibTeX value's `\_` (Mendeley writes every one `{\_}`) and an arXiv
# abstract's `__init__` are the characters; the page showed `__init__` as a bold "init".
_LITERAL_UNDERSCORE = re.compile(r"(?<!\\)(?:(?<![^\W_])_|_(?![^\W_]))")
# Where a `\_` would not be read as `_`: math, addresses (a bare one or `<…>`, which
# Markdown links as written: `a/\_b` led to `a/%5C_b`), a link's target, code.
_KEPT_AS_WRITTEN = re.compile(
    rf"({_MATH_SPAN}|<[^<>\s]*>|\]\([^()\s]*\)|(?:https?://|www\.)[^\s<>]+|`[^`]*`)",
    re.DOTALL | re.IGNORECASE,
)


def literal_underscores(text: str) -> str:
    """Plain text's ``_`` that could open or close emphasis, escaped; math, addresses,
    links' targets and code as written."""
    if "_" not in text:
        return text
    parts = _KEPT_AS_WRITTEN.split(text)
    for number in range(0, len(parts), 2):  # the even parts are the text's own
        parts[number] = _LITERAL_UNDERSCORE.sub(r"\\_", parts[number])
    return "".join(parts)


# A name that ends a list cut short, typed as one: `G. Aad et al.` (`et al` too, after a
# comma or not), as arXiv splits authors at commas and `and` only. The mark is looked for
# at the end alone, its blanks and commas from their first (`(?<![\s,])`): a name read as
# `(.*?\w.*?)` before it tried each letter against the rest, and an author named with
# 20,000 letters hung the import.
_ET_AL_END = re.compile(r"(?<![\s,])[\s,]+et\.?\s+al\.?\Z", re.IGNORECASE)


def before_et_al(name: str) -> str | None:
    """The name of ``name`` written with `et al.` after it (`G. Aad` of `G. Aad et al.`),
    or None for a name alone (or a name of one line without a letter or digit)."""
    cut = _ET_AL_END.search(name)
    head = name[: cut.start()] if cut else ""
    return head if "\n" not in head and re.search(r"\w", head) else None


def fold_space(text: str) -> str:
    """Line breaks and indentation folded into single spaces."""
    return " ".join(text.split())


def fold_paragraphs(text: str) -> str:
    """Each paragraph's lines folded; blank lines between paragraphs kept."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(fold_space(p) for p in paragraphs if p.strip())


# The start of a line that begins a block in CommonMark even in mid-paragraph:
# a list item, heading, quote, code fence, HTML block or setext underline.
BLOCK_START = re.compile(r"(?:[-+*>]|#{1,6}|\d{1,9}[.)])(?:\s|$)|<|`{3}|~{3}|[=-]+$")
_ONE_LINE = re.compile(r"#{1,6}(?:\s|$)|[=-]+$")  # a heading, or a setext underline


# A line's end that is a hard line break: two blanks, or one `\` (not an escaped one).
_HARD_BREAK = re.compile(r"(?:\S {2,}|(?<!\\)\\)$")
# A list item indented under another: a nested list, whose indent is what nests it.
_NESTED_ITEM = re.compile(r"([ \t]+)(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")


def markdown_blocks(paragraph: str, nested: bool = False) -> list[str]:
    """A paragraph's lines grouped into the blocks Markdown reads them as: a heading, a
    list item or an HTML line starts its own, a heading ends its own. ``nested``: an
    indented list item keeps its indent (the sub-items of a course list)."""
    blocks: list[str] = []
    hard = False  # the line before ended in a hard line break
    for line in paragraph.split("\n"):
        if not line.strip():
            continue
        if blocks and not BLOCK_START.match(line.strip()) and not _ONE_LINE.match(blocks[-1]):
            # A hard line break is kept, as a `\` (two blanks would be wrapped away): the
            # lines of a postal address on a contact page were one line, `41\ Bologna`.
            blocks[-1] += "\\" * (not blocks[-1].endswith("\\")) + "\n" if hard else " "
            blocks[-1] += line.strip()
        else:
            item = _NESTED_ITEM.match(line) if nested and blocks else None
            lead = item.group(1).replace("\t", "    ") if item else ""
            blocks.append(lead + line.strip())
        hard = _HARD_BREAK.search(line) is not None
    return blocks


# A Markdown image or link, its address in () (one level of parentheses inside it): group 1
# is `!` for an image, 2 its words, 3 its address.
MARKDOWN_LINK = re.compile(
    r"(!?)\[([^\[\]]*)\]\(\s*<?((?:[^()\s<>]|\([^()]*\))*)>?(?:\s+\"[^\"]*\")?\s*\)"
)


_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def without_html_comments(text: str) -> str:
    """``text`` without its HTML comments (``<!-- … -->``); a ``<!--`` that no ``-->``
    closes stays as written. Looked for only up to the last ``-->``: from each of many
    ``<!--`` never closed the search for one went to the end (80 KB of them took 8 s)."""
    end = text.rfind("-->") + 3
    return _HTML_COMMENT.sub("", text[:end]) + text[end:] if end >= 3 else text


def html_links(text: str) -> Iterator[tuple[int, int, str]]:
    """Each ``<a href>`` of a text's HTML (``href="/x"``, ``href='/x'``, ``href=/x``), read
    by the site's tokenizer (:func:`readback.start_tags`): where its ``href=…`` is written,
    from the blanks before it, and its address as a browser reads it (the first href)."""
    for tag, _ in start_tags(text):
        if tag.group(1).lower() != "a":
            continue
        href = first_href(tag.group(2))
        if href is None:  # (none, or `<a href>`, no value: leads nowhere)
            continue
        start = tag.start(2) + href[0].start()
        while text[start - 1] in " \t\n\r\f":
            start -= 1
        yield start, tag.start(2) + href[0].end(), href[1]


def attribute_value(attributes: str, name: str) -> str | None:
    """A start tag's first attribute ``name`` (``attributes`` as written), its value as a
    browser reads it (quotes off, entities as characters); None where it has none."""
    for attribute in ATTRIBUTE.finditer(attributes):
        if attribute.group(1).lower() == name:
            return _value(attribute)
    return None


def _value(attribute: re.Match[str]) -> str:
    """An attribute's value (an :data:`ATTRIBUTE` match) as a browser reads it."""
    value = attribute.group(3) or ""
    if len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0]:
        value = value[1:-1]
    return unescape(value).strip()


def first_href(attributes: str) -> tuple[re.Match[str], str] | None:
    """A start tag's first ``href`` (``attributes`` as written), the one a browser keeps,
    and its address as the browser reads it; None where it has none or one with no value."""
    for attribute in ATTRIBUTE.finditer(attributes):
        if attribute.group(1).lower() != "href":
            continue
        if not attribute.group(2):
            return None
        return attribute, _value(attribute)
    return None


def fold_markdown(text: str) -> str:
    """:func:`fold_paragraphs` for a Markdown page body: a heading or a list item keeps
    its line (``## Problem`` folded into the paragraph under it was one long heading),
    and a fenced code block all its lines as written."""
    # A fenced block folded: "```\n@article{…" opened a block whose info string was the
    # BibTeX, and showed nothing of it.
    return outside_fences(
        text,
        lambda part: [
            "\n".join(
                b[: len(b) - len(b.lstrip())] + "\n".join(map(fold_space, b.split("\n")))
                for b in markdown_blocks(p, nested=True)
            )
            for p in re.split(r"\n\s*\n", part.strip())
        ],
    )


def outside_fences(text: str, paragraphs: Callable[[str], list[str]]) -> str:
    """``text`` with ``paragraphs`` made of each stretch outside its fenced code blocks,
    the blocks kept as written; all joined by blank lines."""
    parts: list[str] = []
    for number, part in enumerate(_code_fenced(text.strip())):
        parts += [part] if number % 2 else paragraphs(part)
    return "\n\n".join(p for p in parts if p.strip())


# The line that opens a fenced code block: three or more backticks or tildes.
_FENCE_OPEN = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")


def _code_fenced(text: str) -> list[str]:
    """``text`` as its text and its fenced code blocks in turn (text first); a block
    runs to its closing fence (as long, of the same character) or to the end."""
    parts: list[str] = []
    lines: list[str] = []
    fence = ""
    for line in text.split("\n"):
        opening = _FENCE_OPEN.match(line)
        if not fence and opening:
            parts.append("\n".join(lines))
            lines, fence = [line], opening.group(1)
            continue
        lines.append(line)
        if fence and re.fullmatch(rf"[ \t]{{0,3}}{fence[0]}{{{len(fence)},}}[ \t]*", line):
            parts.append("\n".join(lines))
            lines, fence = [], ""
    parts.append("\n".join(lines))
    return parts


# Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian) and Greek
# letters, as folded (lower case, no accents), in the Latin letters of the usual
# romanizations (BGN/PCGN's, without their diacritics).
_LATIN = str.maketrans({
    **dict(zip("абвгдезиклмнопрстуфыэіґјў", "abvgdeziklmnoprstufyeigju", strict=True)),
    "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya",
    "є": "ye", "ъ": "", "ь": "", "ђ": "dj", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz",
    "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
    **dict(zip("αβγδεζηικλμνξοπρστυφω", "avgdeziiklmnxoprstyfo", strict=True)),
    "θ": "th", "χ": "ch", "ψ": "ps", "ς": "s",
})  # fmt: skip


# TeX's font commands, whose argument is letters as the formula shows them
# (`\mathbb{Q}` is Q), and its Greek letters' names, which a URL spells out
_MATH_FONT = re.compile(
    r"\\(?:math(?:bb|cal|frak|rm|bf|it|sf|scr)|operatorname|text(?:rm|it|bf)?|bm)\s*"
)
_GREEK_NAMES = frozenset(
    ("alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
     "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho",
     "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega")
)  # fmt: skip
_TEX_COMMAND = re.compile(r"\\([A-Za-z]+)")


def _formula_words(formula: str) -> str:
    r"""The words a slug takes of an inline formula: its letters and digits where it is
    short (`p`, `q=5`, `\mathbb{Q}`, `\zeta(s)`, `\mathrm{GL}_2`: at most three words,
    Greek letters by name), else none (`2\sp{m}\pm 1`, `x^2+y^2=z^2`)."""
    text = _MATH_FONT.sub(" ", formula)
    for command in _TEX_COMMAND.findall(text):
        if command.lower() not in _GREEK_NAMES:
            return ""  # an operator or a symbol: no word of its own
    words = re.findall(r"[A-Za-z0-9]+", _TEX_COMMAND.sub(lambda m: f" {m.group(1)} ", text))
    return " ".join(words) if len(words) <= 3 else ""


def slugify(title: str, limit: int = 60, what: str = "paper") -> str:
    """A file-name slug from a title: ``[a-z0-9][a-z0-9-]*``, cut at a word boundary.

    ``what`` the record is names it when the title has no Latin letters or digits, and
    follows a name that Windows keeps for a device (`con`, `aux`, `nul`): a paper titled
    "Con" is ``con-paper``, as a file ``con.md`` could not be checked out there.
    """
    # A short formula keeps its letters and digits, `$p$-adic` p-adic and `$\zeta(s)$`
    # zeta-s (dropped, the address read `valuations-of-adic-regulators`); a longer one
    # reads badly in a URL, and is left out
    text = re.sub(r"\$([^$]*)\$", lambda m: f" {_formula_words(m.group(1))} ", title)
    # "Straße", "Øresund", "Łódź" keep their letters as strasse, oresund, lodz; Cyrillic
    # and Greek are spelled in Latin letters ("Об одном методе" is ob-odnom-metode), where
    # every such title was "paper", "paper-2018", "paper-2018-2", ...
    text = fold_letters(text).translate(_LATIN)
    # A dash or other mark between two words with no space (IRIS's `WEUSEDTO—Water End
    # USE Dataset`, `1D→2D`) parts them: the line below dropped it, and the slug began
    # "weusedtowater-end-use". Apostrophes are left for the joining below.
    text = re.sub(r"[^\w\s'’ʼ]", " ", text).encode("ascii", "ignore").decode("ascii")
    # An apostrophe inside a word joins it (`It's` -> its, `O'Brien` -> obrien), as the
    # typographic ’ does, which the line above drops; not `it-s`.
    text = re.sub(r"(?<=[a-z0-9])'(?=[a-z])", "", text)
    words = re.findall(r"[a-z0-9]+", text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit and slug:
            break
        slug = candidate
    slug = slug[:limit].strip("-") or what
    return f"{slug}-{what}" if slug in RESERVED_NAMES else slug


def says_nothing(slug: str, title: str, what: str = "paper") -> bool:
    """Whether ``slug``, made of ``title``, says nothing of it: a title in a script it is
    not spelled from (Chinese, Japanese, Korean, Arabic) makes ``what`` (`paper`), or the
    title's digits alone (`…3次元物体…` makes `3`, and the next such title's clashes with it)."""
    if slug == what:  # (unless the title says so)
        return what not in title.casefold()
    # (an ASCII letter is always spelt: most titles are looked at no further)
    unspelt = sum(
        char.isalpha() and not char.isascii() and not slugify(char, what="") for char in title
    )
    if not re.search(r"[a-z]", slug):
        return unspelt > 0
    # A title in such a script with a Latin word or two in it (`基于Transformer的短时强降水
    # 临近预报方法`, a Chinese journal's title) made `transformer`: an address that names
    # another paper's subject as well as this one's. Its letters outnumber the slug's words.
    return unspelt > len(slug.split("-"))


def family_slug(author: str, year: int | None) -> str | None:
    """``wang-2011`` for the author ``Xiaoming Wang`` and 2011: the slug of a paper whose
    title has no Latin letters; None for a name without them either."""
    words = author.split()
    while len(words) > 1 and words[-1].rstrip(".").casefold() in ("jr", "sr", "ii", "iii", "iv"):
        words.pop()  # `Martin Luther King Jr.`: King
    if words and re.search(r"[a-z0-9]", slugify(words[-1], what="")):
        return slugify(f"{words[-1]} {year or ''}")
    return None


# The ``imported_from`` of a work a database gave, with its own id for it: one paper
# each, whatever its title or year (an old site's page may have held two in turn).
DATABASE_SOURCES = {"semanticscholar": "Semantic Scholar id", "openalex": "OpenAlex id"}


def database_source(imported_from: str | None) -> str | None:
    """``Semantic Scholar id 8293…`` for a database's ``imported_from``; else None."""
    database, _, key = (imported_from or "").partition(" ")
    label = DATABASE_SOURCES.get(database)
    return f"{label} {key}" if label and key else None
