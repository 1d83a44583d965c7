"""What machines read from a page: citation meta tags, schema.org JSON-LD, absolute URLs."""

from __future__ import annotations

import html
import json
import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

import nh3

from generator.bibtex import arxiv_id, doi, published_in
from generator.ids import doi_url
from generator.languages import own_language
from generator.locators import page_count, page_range, record_type
from generator.markup import RENDERERS, is_plain_inline, memo, plain_text, render_inline
from generator.model import Paper, Profile, Site
from generator.names import is_group, is_truncation, name_key, role_of, unmarked

# Characters that could end a <script> element or start markup inside one; JSON allows
# them as \u escapes, so the data means the same and can never break out.
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))
# Stable ids for feeds when the site has no absolute address (Atom ids must be absolute).
_NAMESPACE = uuid.UUID("5b0e7c3e-6f1e-4c39-9a3c-2f6a1d1b8e40")


def title_text(title: str) -> str:
    """A title as plain text, exactly as its heading reads (``<b>`` in a title is text)."""
    if is_plain_inline(title):
        return title
    return memo.get("title", title, _title_text)  # once per title per build, not per use


def _title_text(title: str) -> str:
    return html.unescape(nh3.clean(render_inline(title), tags=set())).strip()


RENDERERS["title"] = title_text  # so that a build converts every title ahead, on every core


def reads_as(title: str, other: str) -> bool:
    """Whether two titles read the same: as plain text (`A *paper*` is `A paper`), in NFKC
    (full-width `Ａ ｐａｐｅｒ` is `A paper`), case and blanks aside. A translated_title
    that reads as the title is not shown a second time under it."""

    def reading(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", title_text(text)).split()).casefold()

    return reading(title) == reading(other)


def is_absolute(base_url: str) -> bool:
    """Whether ``base_url`` is a full address (``https://host/path/``), not just a path."""
    return base_url.startswith(("http://", "https://"))


def full_url(site: Site, url: str) -> str | None:
    """``url`` (site-relative) as an absolute address, or None without an absolute base_url."""
    return site.config.base_url + url if is_absolute(site.config.base_url) else None


def feed_id(site: Site, url: str) -> str:
    """An Atom id: the absolute URL, or a ``urn:uuid`` stable per page when there is none."""
    absolute = full_url(site, url)
    if absolute:
        return absolute
    return "urn:uuid:" + str(uuid.uuid5(_NAMESPACE, f"{site.config.title}|{url}"))


# json.dumps(data, ensure_ascii=False) made a new encoder on every call
_JSON = json.JSONEncoder(ensure_ascii=False)


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside ``<script>``: ``<``, ``>``, ``&`` escaped."""
    text = _JSON.encode(data)
    for char, escaped in _SCRIPT_SAFE:  # str.replace is ~20x faster than str.translate here
        text = text.replace(char, escaped)
    return text


def _web_links(links: Mapping[str, str]) -> list[str]:
    """The http(s) addresses among ``links`` (sameAs wants other pages about the thing)."""
    return [url for url in links.values() if url.startswith(("http://", "https://"))]


def profile_page(site: Site, profile: Profile, url: str) -> dict[str, Any]:
    """schema.org ``ProfilePage`` for a profile page, its ``mainEntity`` the author's ``Person``.

    Google reads a page about one person as ``ProfilePage`` (its profile page structured
    data); the papers' ``ScholarlyArticle`` authors link to it by the same ``url``.
    """
    author = profile.author
    data: dict[str, Any] = {"@type": "Person", "name": author.name}
    if author.aliases:
        data["alternateName"] = list(author.aliases)
    absolute = full_url(site, url)
    if absolute:
        data["url"] = absolute
    if author.photo and is_absolute(site.config.base_url):
        data["image"] = site.config.base_url + author.photo.lstrip("/")  # as og:image
    if author.position:
        data["jobTitle"] = author.position
    if author.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": author.affiliation}
    if author.field:
        data["knowsAbout"] = author.field
    same_as = _web_links(author.links)
    if same_as:
        data["sameAs"] = same_as
    if author.bio:
        data["description"] = plain_text(author.bio)
    page: dict[str, Any] = {"@context": "https://schema.org", "@type": "ProfilePage"}
    if absolute:
        page["url"] = absolute
    page["mainEntity"] = data
    return page


def pdf_url(site: Site, paper: Paper) -> str | None:
    """The absolute address of the paper's PDF where the site itself holds it, else None.

    Scholar's rule for ``citation_pdf_url``: "for security reasons, it must refer to a file
    in the same subdirectory as the HTML abstract", so a PDF on another host (arXiv's, a
    publisher's) is linked on the page but not named to Scholar, which reads it from its
    own host's tags.
    """
    pdf = paper.links.get("pdf")
    base = site.config.base_url
    if not pdf or not is_absolute(base):
        return None
    # Where the page's own link leads: `/…` from the host's root, another path from the
    # site's root (see markup.from_root); a full address as it is.
    address = urljoin(base, pdf)
    scheme, host, path = urlsplit(address)[:3]
    site_scheme, site_host, site_path = urlsplit(base)[:3]
    same_site = (scheme.lower(), host.lower()) == (site_scheme.lower(), site_host.lower())
    # Scholar reads the full text from "a PDF file that ends with .pdf": a record's `pdf:`
    # that names slides, a .docx or a page of the site gave Scholar that file as the paper
    is_pdf = path.lower().endswith(".pdf")
    if not (same_site and is_pdf and path.startswith(site_path)):
        return None
    # a URI, as the guidelines' examples are: the path's `論文.pdf` or a blank in a name
    # percent-encoded as UTF-8 (what is encoded already, `%20`, stays as it is)
    parts = urlsplit(address)
    return urlunsplit(parts._replace(path=quote(parts.path, safe=_PATH_SAFE)))


# What RFC 3986 allows unencoded in a URI's path, and `%` of what is encoded already
_PATH_SAFE = "/:@!$&'()*+,;=%~"


def pdf_path(site: Site, paper: Paper) -> str | None:
    """The file in the output folder that :func:`pdf_url` names (``static/x.pdf``), or None
    where it names none; for the build to see whether the site holds it."""
    address = pdf_url(site, paper)
    if address is None:
        return None
    site_path = unquote(urlsplit(site.config.base_url).path)
    return unquote(urlsplit(address).path)[len(site_path) :].lstrip("/")


# The record's `type` (free text; BibTeX's entry types too) and what Scholar calls its venue.
_KINDS = {
    **dict.fromkeys(("conference", "inproceedings", "proceedings"), "conference"),
    **dict.fromkeys(("article", "journal"), "journal"),
    **dict.fromkeys(
        ("thesis", "phdthesis", "mastersthesis", "habilitation", "dissertation"), "dissertation"
    ),
    **dict.fromkeys(
        ("report", "techreport", "technical report", "working paper"), "technical_report"
    ),
    # a preprint server, a book or a chapter is neither a journal nor a conference; nor is
    # what the importers call `other` (a @misc, @online, @patent, @manual: software on
    # GitHub, a patent's number), whose venue was named to Scholar as a journal
    **dict.fromkeys(("preprint", "book", "chapter", "incollection", "inbook"), None),
    **dict.fromkeys(("misc", "other", "patent"), None),
}
_VENUE_TAGS = {
    "conference": "citation_conference_title",
    "journal": "citation_journal_title",
    "dissertation": "citation_dissertation_institution",
    "technical_report": "citation_technical_report_institution",
}

# A chapter's venue is its book, a book's its publisher (as cite.bib's `booktitle` and
# `publisher` take them)
_BOOK_TAGS = {
    **dict.fromkeys(("chapter", "incollection", "inbook"), "citation_book_title"),
    "book": "citation_publisher",
}


def venue_kind(paper: Paper) -> str | None:
    """What the paper's venue is to Google Scholar: ``conference``, ``journal``,
    ``dissertation`` (the university) or ``technical_report`` (the institution).

    None for no venue, and for a preprint, book or chapter: Scholar's journal and conference
    tags would make a preprint server a journal.
    """
    if not paper.venue:
        return None
    kind = record_type(paper.type)
    if kind in _KINDS:
        return _KINDS[kind]
    return published_in(paper.venue)


# schema.org's type for a record's `type` that is not an article (its default)
_SCHEMA_TYPES = {
    **dict.fromkeys(
        ("thesis", "phdthesis", "mastersthesis", "habilitation", "dissertation"), "Thesis"
    ),
    **dict.fromkeys(("report", "techreport", "technical report", "working paper"), "Report"),
    "book": "Book",
    **dict.fromkeys(("chapter", "incollection", "inbook"), "Chapter"),
}


def scholar_date(paper: Paper) -> str:
    """``citation_publication_date``: ``2024/05/07`` for a full date, else the year alone.

    Scholar reads two forms only ("full dates in the "2010/5/12" format if available; or a
    year alone otherwise"): a month without its day is given as its year.
    """
    date = paper.date
    if date.month is not None and date.day is not None:
        return f"{date.year:04d}/{date.month:02d}/{date.day:02d}"
    return f"{date.year:04d}"


def is_report(paper: Paper) -> bool:
    """Whether the record is a technical report (``type: report``, ``techreport``)."""
    return _KINDS.get(record_type(paper.type)) == "technical_report"


def report_number(paper: Paper) -> str | None:
    """A report's number: its ``issue`` (BibTeX's ``number``), else the first of its
    ``report_number`` (CERN's `CMS-NOTE-2025-004, CERN-CMS-NOTE-2025-004` name one note)."""
    first = (paper.report_number or "").split(",")[0].strip()
    return paper.issue or first or None


def _locator_tags(paper: Paper) -> list[tuple[str, str]]:
    """``volume``, ``issue``, ``firstpage`` and ``lastpage`` where the record has them.

    A report's number (the record's ``issue``, BibTeX's ``number`` of a @techreport) is
    ``technical_report_number``: Scholar's ``citation_issue`` is a journal's or
    conference's issue, and "technical_report_number for the number of the technical
    report". A report with no ``issue`` is numbered by its ``report_number`` (INSPIRE's
    and CERN's `reportNumber = "CMS-NOTE-2025-004"` of a @techreport), which it left out.
    """
    pages = page_range(paper)
    if is_report(paper):
        found = [("volume", paper.volume), ("technical_report_number", report_number(paper))]
    else:
        found = [("volume", paper.volume), ("issue", paper.issue)]
    found += [("firstpage", pages.first), ("lastpage", pages.last)] if pages else []
    return [(name, value) for name, value in found if value]


def citation_meta(
    site: Site, paper: Paper, url: str, *, pdf_held: bool = True
) -> list[tuple[str, str]]:
    """Google Scholar's (Highwire Press) ``citation_*`` meta tags, in its documented order;
    without ``pdf_held``, no ``citation_pdf_url`` (the site lacks the file: see build)."""
    tags = [("citation_title", title_text(paper.title))]
    # an edited volume's editors (`Ada Lovelace (ed.)`) by their names: Scholar lists them;
    # beside authors (an edition of Mozart's letters, a chapter), the authors alone, as
    # Scholar's tag "must contain the authors (and only the actual authors)"; a
    # translator (`Ada Lovelace (trans.)`) is no author of the work either, nor of a
    # translation listed by its translators alone (biblatex's `usetranslator`): no tag
    named = [name for name in paper.authors if role_of(name)[0] is None]
    named = named or [name for name in paper.authors if role_of(name)[0] == "editor"]
    tags += [("citation_author", unmarked(name)) for name in named]
    tags.append(("citation_publication_date", scholar_date(paper)))
    kind, written_type = venue_kind(paper), record_type(paper.type)
    if kind and paper.venue:
        tags.append((_VENUE_TAGS[kind], paper.venue))
    elif paper.venue and written_type in _BOOK_TAGS:
        # Scholar's guidelines name no tag for these; Zotero's Embedded Metadata reads
        # citation_book_title (a chapter, its item a "bookSection") and citation_publisher
        tags.append((_BOOK_TAGS[written_type], paper.venue))
    # as Scholar's guidelines list them after the journal's title; a range's first and
    # last page (`45`, `67`), an article number (`e1002345`) as the first page
    tags += [(f"citation_{name}", value) for name, value in _locator_tags(paper)]
    if paper.isbn:  # Scholar's guidelines list it after the locators; Zotero reads it
        tags.append(("citation_isbn", paper.isbn))
    paper_doi, paper_arxiv = doi(paper), arxiv_id(paper)
    if paper_doi:
        tags.append(("citation_doi", paper_doi))
    if paper_arxiv:
        tags.append(("citation_arxiv_id", paper_arxiv))
    pdf = pdf_url(site, paper) if pdf_held else None
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    absolute = full_url(site, url)
    if absolute:
        tags.append(("citation_abstract_html_url", absolute))
    if paper.tags:
        tags.append(("citation_keywords", "; ".join(paper.tags)))
    # The paper's own language where it has one: Scholar indexes the text in that language
    own = own_language(site.config.language_of(paper.language), site.config.language)
    tags.append(("citation_language", own or site.config.language))
    return tags


HEADLINE_MAX = 110  # characters: Google's limit for an article's headline


def headline(title: str) -> str:
    """``title`` within :data:`HEADLINE_MAX` characters: cut after a whole word, with `…`."""
    if len(title) <= HEADLINE_MAX:
        return title
    cut = title[: HEADLINE_MAX - 1]
    if title[HEADLINE_MAX - 1] != " " and " " in cut:  # not at a word's end: back to one
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


# schema.org's types that have `pageStart`, `pageEnd` and `pagination` (a Thesis or Book
# has none)
_PAGED_TYPES = ("ScholarlyArticle", "Report", "Chapter")


def _in_journal(paper: Paper) -> dict[str, Any]:
    """The journal a paper is in: its ``Periodical``, inside the ``PublicationVolume``
    and ``PublicationIssue`` the record names (schema.org's way to give them)."""
    part: dict[str, Any] = {"@type": "Periodical", "name": paper.venue}
    if paper.volume:
        part = {"@type": "PublicationVolume", "volumeNumber": paper.volume, "isPartOf": part}
    if paper.issue:
        part = {"@type": "PublicationIssue", "issueNumber": paper.issue, "isPartOf": part}
    return part


def scholarly_article(
    site: Site, paper: Paper, url: str, profiles: Sequence[Profile]
) -> dict[str, Any]:
    """schema.org ``ScholarlyArticle`` for a paper page."""
    schema_type = _SCHEMA_TYPES.get(record_type(paper.type), "ScholarlyArticle")
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": schema_type}
    title = title_text(paper.title)
    data["headline"] = headline(title)
    data["name"] = title  # whole
    translated = title_text(paper.translated_title or "")
    if translated and not reads_as(paper.title, paper.translated_title or ""):
        data["alternativeHeadline"] = headline(translated)  # the pages' language's name
    # A name is a site author's as the page's own list bolds it: by name or alias, in any
    # spelling names.matches takes as the same (accents, `Last, First`)
    own = {
        name_key(written): p
        for p in profiles
        for written in (p.author.name, *p.author.aliases)
        if name_key(written)
    }
    authors: list[dict[str, Any]] = []
    editors: list[dict[str, Any]] = []
    translators: list[dict[str, Any]] = []
    for name in paper.authors:
        # Google's Article author: a Person, or an Organization for a group's name
        role, bare = role_of(name)
        entry: dict[str, Any] = {"@type": "Organization" if is_group(bare) else "Person"}
        entry["name"] = bare
        profile = None if is_truncation(name) else own.get(name_key(name))
        if profile is not None:
            # the profile's canonical address: the root for the main author
            slug = profile.author.slug
            home = full_url(site, "" if slug == site.config.main_author else f"authors/{slug}/")
            if home:
                entry["url"] = home
        {"editor": editors, "translator": translators}.get(role or "", authors).append(entry)
    if authors or not (editors or translators):
        data["author"] = authors
    if editors:  # an edited volume's (`Ada Lovelace (ed.)`): schema.org's editor
        data["editor"] = editors
    if translators:  # `Ada Lovelace (trans.)`: schema.org's translator
        data["translator"] = translators
    data["datePublished"] = paper.date.iso()
    absolute = full_url(site, url)
    if absolute:
        data["url"] = absolute
        data["mainEntityOfPage"] = absolute
    if paper.abstract:
        data["abstract"] = plain_text(paper.abstract)
    language = own_language(site.config.language_of(paper.language), site.config.language)
    if language:  # only then: the page's `lang` already says the site's language
        data["inLanguage"] = language
    kind = venue_kind(paper)
    if kind == "journal":
        data["isPartOf"] = _in_journal(paper)
    elif kind == "conference":
        data["publication"] = {"@type": "PublicationEvent", "name": paper.venue}
    elif kind:  # the university of a thesis, the institution of a report
        data["sourceOrganization"] = {"@type": "Organization", "name": paper.venue}
    elif paper.venue and schema_type == "Chapter":
        data["isPartOf"] = {"@type": "Book", "name": paper.venue}
    elif paper.venue and schema_type == "Book":  # its publisher, as citation_publisher
        data["publisher"] = {"@type": "Organization", "name": paper.venue}
    if report_number(paper) and schema_type == "Report":
        # schema.org's Report's, as Scholar's tag names it
        data["reportNumber"] = report_number(paper)
    if paper.isbn and schema_type == "Book":  # schema.org's Book's (a Chapter has none)
        data["isbn"] = paper.isbn
    if paper.edition and schema_type == "Book":
        data["bookEdition"] = paper.edition
    total = page_count(paper)
    if total and schema_type == "Book":
        data["numberOfPages"] = int(total)  # schema.org's, a Book's alone
    pages = page_range(paper)
    if pages and schema_type in _PAGED_TYPES:
        data["pageStart"] = pages.first
        if pages.last:
            data["pageEnd"] = pages.last
        data["pagination"] = pages.text()
    keywords = ([paper.category] if paper.category else []) + list(paper.tags)
    if keywords:
        data["keywords"] = keywords  # schema.org's `about` wants a Thing, not a code
    same_as = []
    paper_doi, paper_arxiv = doi(paper), arxiv_id(paper)
    if paper_doi:
        same_as.append(doi_url(paper_doi))
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": paper_doi}
    if paper_arxiv:
        same_as.append(f"https://arxiv.org/abs/{paper_arxiv}")
    same_as += [u for k, u in paper.links.items() if k in ("project", "arxiv") and u not in same_as]
    if same_as:
        data["sameAs"] = [u for u in same_as if u.startswith(("http://", "https://"))]
    if paper.links.get("code", "").startswith(("http://", "https://")):
        data["codeRepository"] = paper.links["code"]
    return data
