"""The site model: plain frozen dataclasses, no I/O and no templates."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _field

from generator import languages


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A publication date that may lack its month or day (``2024``, ``2024-05``).

    Dates order by :meth:`sort_key`, a missing part counting as the earliest.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """The date as written in records: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def as_date(self) -> dt.date:
        """The earliest calendar day the date can mean (for sorting and feeds)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def sort_key(self) -> tuple[int, int, int]:
        """Orders dates, a missing part counting as the earliest."""
        return (self.year, self.month or 0, self.day or 0)

    def to_shared_parts(self, other: PartialDate) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The sort keys of this date and ``other``, each cut to the parts both give: a
        year alone beside a day compares as two years."""
        parts = min(len(d.iso().split("-")) for d in (self, other))
        return self.sort_key()[:parts], other.sort_key()[:parts]

    def agrees(self, other: PartialDate) -> bool:
        """Whether the two are one date, read to the parts both give (``2024`` and
        ``2024-03-05`` are; ``2024-02`` and ``2024-03-05`` are not)."""
        mine, theirs = self.to_shared_parts(other)
        return mine == theirs

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()


@dataclass(frozen=True)
class Paper:
    """One paper record, validated."""

    slug: str
    source: str  # the record's path relative to the site folder, for messages
    title: str
    authors: tuple[str, ...]
    date: PartialDate
    abstract: str = ""  # Markdown source
    # The title in the pages' language, for a paper in another (a Japanese paper's English
    # title on an English site): inline Markdown, as the title
    translated_title: str | None = None
    authors_truncated: bool = False  # the record ended its list with "et al." / "others"
    category: str | None = None
    venue: str | None = None
    series: str | None = None  # `Lecture Notes in Computer Science`: whose `volume` it is
    volume: str | None = None  # `12`, `12A` (see generator.locators)
    issue: str | None = None  # `3`, `Suppl 2`: BibTeX's `number`
    pages: str | None = None  # `45–67`, `45`, `e1002345`, `45+`: a range with an en dash
    type: str | None = None  # article, conference, preprint, thesis, book, chapter, report, other
    report_number: str | None = None  # `CERN-EP-2024-159`, `CMS-CAT-23-001, CERN-EP-2024-078`
    isbn: str | None = None  # `978-0-19-953556-9`, as written (hyphens kept), checked
    edition: str | None = None  # a book's: `2`, or text (`Revised`)
    first_published: PartialDate | None = None  # a reprint's first publication (`origdate`)
    language: str | None = None  # BCP 47; None: the site's language
    citations: int | None = None
    citations_source: str | None = None  # where an imported count came from
    citations_date: PartialDate | None = None  # when that count was read
    score: float | None = None
    links: Mapping[str, str] = _field(default_factory=dict)
    tags: tuple[str, ...] = ()
    featured: bool = False
    draft: bool = False
    arxiv_id: str | None = None
    doi: str | None = None
    note: str | None = None  # a free comment, e.g. arXiv's "12 pages, 3 figures"
    bibtex: str | None = None  # the original BibTeX entry, kept verbatim for cite.bib
    imported_from: str | None = None  # the old site's page an import read; never shown
    lines: Mapping[str, int] = _field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Author:
    """One author record, validated."""

    slug: str
    source: str
    name: str
    aliases: tuple[str, ...] = ()
    field: str | None = None
    affiliation: str | None = None
    position: str | None = None
    # The heading of the authors page it is listed under (a lab's "PhD students"), and its
    # place in the list: lower first, then the unnumbered, A to Z
    group: str | None = None
    order: float | None = None
    email: str | None = None
    photo: str | None = None
    bio: str = ""  # Markdown source
    links: Mapping[str, str] = _field(default_factory=dict)
    metrics: Mapping[str, float] = _field(default_factory=dict)  # declared values
    metrics_source: str | None = None
    lines: Mapping[str, int] = _field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class SitePage:
    """One page of the site's own (``content/pages/<slug>.md``), validated."""

    slug: str
    source: str
    title: str
    body: str = ""  # Markdown source
    description: str | None = None
    # Its place in the header's navigation: None when not there; `nav: true` is inf (after
    # the numbered ones, by title)
    nav: float | None = None
    language: str | None = None  # BCP 47, as a paper's; None: the site's language
    draft: bool = False
    lines: Mapping[str, int] = _field(default_factory=dict, compare=False)


# The header's links to the site's own pages, in order: (address, title) pairs
NavLinks = tuple[tuple[str, str], ...]


# site.yaml's ``labels:`` as kept (hashable): each key with its text, or a counted
# phrase's (plural category, text) pairs.
Labels = tuple[tuple[str, str | tuple[tuple[str, str], ...]], ...]


@dataclass(frozen=True)
class SiteConfig:
    """``site.yaml``, validated, with defaults filled in."""

    title: str = "Publications"
    description: str = ""
    base_url: str = "/"
    language: str = "en"
    # The papers' language where a record says none (`language:`), if not the pages'
    paper_language: str | None = None
    theme: str = "default"
    main_author: str | None = None
    build_date: dt.date = dt.date(1970, 1, 1)
    paper_sort: str = "date"
    metrics: tuple[str, ...] = ("h_index", "papers", "citations", "novelty", "score")
    authors_shown: int = 3
    # `/` goes to a profile's search box (false: no such key, for a site whose readers
    # dictate, WCAG 2.1.4; a visitor can turn it off on the page too)
    search_shortcut: bool = True
    # The authors page's groups (authors' `group:`), in the order listed; others follow A to Z
    author_groups: tuple[str, ...] = ()
    # The theme's words the site writes itself (site.yaml's `labels:`, see generator.i18n)
    labels: Labels = ()
    # Not from site.yaml: the header's links to the pages of content/pages/ that say `nav:`
    # (set as the site is loaded). Part of the config, which every page's context holds,
    # so that a changed menu renders every page again and nothing else does.
    nav: NavLinks = ()
    source: str = "site.yaml"
    lines: Mapping[str, int] = _field(default_factory=dict, compare=False)

    @property
    def direction(self) -> str:
        """``rtl`` or ``ltr``: how the pages' language is written (``<html dir>``)."""
        return languages.direction(self.language)

    def language_of(self, declared: str | None) -> str | None:
        """A paper's language: its own ``language:``, else ``paper_language``, else None
        (the pages' own: a German group's English papers were marked German)."""
        return declared or self.paper_language

    @property
    def og_locale(self) -> str | None:
        """Open Graph's ``ar_EG`` for ``language: ar-EG``; None without a country."""
        return languages.og_locale(self.language)


@dataclass(frozen=True)
class Metric:
    """One metric as shown on a profile, with where it came from."""

    key: str  # h_index, papers, citations, i10_index, novelty, score
    label: str  # "h-index", "papers", "Novelty", "AI Score"
    value: float
    display: str  # "24", "47%", "57"
    provenance: str  # "declared (Google Scholar, 2026-11)" or "computed from 14 listed papers"
    declared: bool


@dataclass(frozen=True)
class Profile:
    """An author with their papers and metrics, ready to render."""

    author: Author
    papers: tuple[Paper, ...]  # in the site's paper_sort order
    metrics: tuple[Metric, ...]  # in the configured tile order
    # (year, papers, citations: None when no paper of the year has a count), ascending
    per_year: tuple[tuple[int, int, int | None], ...]
    coauthors: tuple[tuple[str, int], ...]  # most frequent first

    @functools.cached_property
    def counted(self) -> tuple[Paper, ...]:
        """The papers its figures count: ``papers`` less the drafts a --drafts build shows.

        Kept once made (the profile is frozen): the authors pages ask it of all 500
        profiles of a large site, each of which walks its papers.
        """
        return tuple(p for p in self.papers if not p.draft)


@dataclass(frozen=True)
class Site:
    """The whole site model, built before anything is rendered."""

    config: SiteConfig
    papers: tuple[Paper, ...]  # every listed paper, in paper_sort order
    profiles: tuple[Profile, ...]  # one per author, by slug
    authors_of: Mapping[str, tuple[str, ...]] = _field(default_factory=dict)  # paper -> authors
    novelty: Mapping[str, float] = _field(default_factory=dict)  # paper slug -> [0, 1]
    pages: tuple[SitePage, ...] = ()  # the site's own pages that are built, by slug
    # each paper's citation key before the site's are made unique (bibtex.cite_key), in the
    # order of ``papers`` (assembling takes them from the cache by record: see assemble.Known)
    cite_keys: tuple[str, ...] = ()
