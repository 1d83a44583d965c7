"""Open scholarly data → works with citation counts: Semantic Scholar and OpenAlex.

Semantic Scholar: Graph API author responses (``/author/{id}?fields=...papers...``,
with or without the ``papers`` list, or a list of them from the batch endpoint) and
``/author/{id}/papers`` pages (``{"offset": .., "data": [...]}``). OpenAlex: works
list responses (``{"meta": .., "results": [...]}``) or a single work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.errors import ContentError, Problem
from generator.ingest import progress
from generator.ingest.notices import mark_retracted, notice_kind, notice_note, retracted_note
from generator.ingest.sniff import check_json
from generator.ingest.sources import Lines, decode_utf8, line_of, open_source
from generator.ingest.work import (
    UnreadWorks,
    Work,
    arxiv_from_doi,
    as_markdown,
    bare_doi,
    check,
    fold_paragraphs,
    fold_space,
    html_to_markdown,
    literal_stars,
    literal_underscores,
    normalise_date,
    pubmed_page,
    safe_url,
    split_arxiv_id,
)
from generator.languages import language_tag

S2_SOURCE = "Semantic Scholar"
# The Graph API returns only paperId and title unless asked for more. An author's
# `fields` name the papers' as `papers.title`; a papers page's, search's or batch's as
# `title` (the API refuses the other spelling).
# (publicationVenue and publicationTypes give the type, openAccessPdf the PDF link)
S2_PAPER_FIELDS = (
    "title,year,publicationDate,authors,venue,publicationVenue,publicationTypes,journal,"
    "externalIds,citationCount,openAccessPdf,abstract"
)
S2_API = "https://api.semanticscholar.org/graph/v1"
# An author's profile or a paper's page on the website, copied from the browser (a web
# page, refused as one): the API is asked about its id instead, as arXiv's pages are.
_S2_PAGE = re.compile(
    r"^https?://(?:www\.)?semanticscholar\.org/(author|paper)/(?:[^/?#]+/)?(\d+|[0-9a-f]{40})"
    r"/?(?:[?#].*)?$",
    re.IGNORECASE,
)
# /paper/{id}/citations and /references: each paper wrapped, and none of them the author's
_WRAPPED = {
    "citingPaper": "the papers that cite a paper (/paper/{id}/citations)",
    "citedPaper": "the papers a paper cites (/paper/{id}/references)",
}
OPENALEX_SOURCE = "OpenAlex"


@dataclass
class AuthorFigures:
    """What a source itself reports for an author, to compare with our computation."""

    name: str
    h_index: int | None = None
    citations: int | None = None
    papers: int | None = None
    source: str = ""  # "Semantic Scholar", "OpenAlex": whose figures they are


@dataclass
class Imported:
    """The works of one response, and any author figures it carried."""

    works: list[Work] = field(default_factory=list)
    authors: list[AuthorFigures] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth knowing, not errors
    # "no papers in this response": the last page of a paged list is such an answer, no
    # error where other pages gave papers (the import of all pages stopped at it)
    empty: str = ""
    # A Semantic Scholar page's offset, and the next page's with the note asking for it:
    # the note is left out where that page was imported too (it asked for it regardless).
    offset: int | None = None
    next_page: tuple[int, str] | None = None


def _whole_number(text: str) -> float:
    """A JSON integer; one too long for Python to read (over 4,300 digits) as infinite.

    ``json`` would raise a ValueError for it, a traceback; an infinite count is then an
    impossible one, left out as ``1e999999`` (a float) is.
    """
    if len(text) > 4_000:
        return float("-inf") if text.startswith("-") else float("inf")
    return int(text)


def _malformed(exc: json.JSONDecodeError, text: str) -> str:
    """What is wrong with a JSON text, at its column; a text cut short says so.

    json's own words end in "at" where it gave the place (`Unterminated string starting
    at`), which alone read as a sentence cut off.
    """
    message = f"malformed JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}"
    if exc.msg.startswith("Unterminated") or exc.pos >= len(text.rstrip()):
        message += (
            "; the file ends before the answer does (a download cut short?): "
            "save the whole answer again"
        )
    return message


def _load_json(source: str) -> tuple[Any, str]:
    with open_source(source) as stream:
        check_json(stream, source)  # a file given by mistake is refused before it is read
        text = decode_utf8(stream.read(), source)
    if not text.strip():
        raise ContentError([Problem(source, 0, "the response is empty")])
    try:
        return json.loads(text, parse_int=_whole_number), text
    except json.JSONDecodeError as exc:
        raise ContentError([Problem(source, exc.lineno, _malformed(exc, text))]) from None
    except RecursionError:  # `[[[[…` thousands deep: the decoder recurses per level
        raise ContentError([Problem(source, 1, "malformed JSON: nested too deeply")]) from None


# What only an answer with data carries; an object with a "message" and none of these is
# an error (Semantic Scholar's rate limit: {"message": "Too Many Requests...", "code": "429"}).
_DATA_KEYS = frozenset({"data", "authorId", "paperId", "results", "id", "papers"})


def _api_error(data: Any, source: str) -> None:
    """Both APIs answer failures with a JSON object holding ``error`` or ``message``."""
    if not isinstance(data, dict):
        return
    if "message-type" in data:  # Crossref's answer, ok or not: said as such by `_other`
        return
    if "error" in data or ("message" in data and not _DATA_KEYS & set(data)):
        message = fold_space(str(data.get("message") or data.get("error")))
        code = f" ({data['code']})" if data.get("code") else ""
        raise ContentError([Problem(source, 1, f"the API answered with an error{code}: {message}")])


def _shaped(
    convert: Callable[[dict[str, Any], str, Lines], Work],
    items: list[Any],
    source: str,
    text: str,
) -> list[Work]:
    """The items converted; every item not shaped as the API shapes it is a located problem.

    The APIs' answers are trusted for their shape only this far: a hand-edited or
    truncated file (an author as a string, a list where an object belongs) is named.
    """
    works: list[Work] = []
    problems: list[Problem] = []
    lines = Lines(text)
    for item in progress.each("read", items, source):
        if not isinstance(item, dict):
            continue
        try:
            works.append(convert(item, source, lines))
        except (AttributeError, TypeError, KeyError, ValueError) as exc:
            name = str(item.get("id") or item.get("paperId") or item.get("title") or "an item")
            message = f"{name}: not shaped as the API writes it ({exc}); save the answer again"
            problems.append(Problem(source, line_of(text, name, 1), message))
    if problems:
        raise ContentError(problems)
    return works


def _finish(imported: Imported, source: str, what: str) -> Imported:
    """The usable works; one the database lists without a year or authors is left out.

    Such entries are common in these databases (supplements, front matter) and are no
    mistake of the person importing: they get a note, not an error that stops the rest.
    Garbled text is still an error.
    """
    if not imported.works and not imported.authors:
        imported.empty = f"no {what} in this response"
        return imported
    problems: list[Problem] = []
    usable: list[Work] = []
    for work in imported.works:
        notice = notice_kind(work.title)
        if notice:  # "Correction: …" (Semantic Scholar's, an OpenAlex `article` so titled)
            imported.notes.append(notice_note(work, notice))
            continue
        found = check(work)
        # An entry without a title (OpenAlex lists paratext and datasets so) is as common,
        # and stopped the import of every other work of the answer.
        missing = [
            name
            for name, absent in (
                ("title", not work.title.strip()),
                ("year", not work.date),
                ("authors", not work.authors),
            )
            if absent
        ]
        if missing and len(found) == len(missing):
            titled = f" ({work.title!r})" if work.title.strip() else ""
            imported.notes.append(
                f"{source}:{work.line}: {work.label}{titled} left out: the response "
                f"gives no {' or '.join(missing)}; add it by hand if it is yours"
            )
        else:
            problems.extend(found)
            usable.append(work)
    if problems:
        raise UnreadWorks(problems, [work for work in usable if not check(work)])
    imported.works = usable
    return imported


# --- Semantic Scholar ---------------------------------------------------------------


def s2_address(source: str) -> str:
    """``source``, or the API query for the website's page it names."""
    page = _S2_PAGE.match(source.strip())
    if page is None:
        return source
    kind, key = page.group(1).lower(), page.group(2)
    fields = S2_PAPER_FIELDS.split(",")
    if kind == "paper":
        return f"{S2_API}/paper/{key}?fields={','.join(fields)}"
    asked = ",".join(
        ["name", "hIndex", "citationCount", "paperCount"] + [f"papers.{f}" for f in fields]
    )
    return f"{S2_API}/author/{key}?fields={asked}"


def import_semanticscholar(source: str) -> Imported:
    """Works (and the author's own figures) from one Semantic Scholar response."""
    source = s2_address(source)
    data, text = _load_json(source)
    _api_error(data, source)
    imported = Imported()
    authors = list(data) if isinstance(data, list) else [data]
    if isinstance(data, list) and None in data:  # /paper/batch: null for an id not found
        imported.notes.append(
            f"{source}: {data.count(None)} of the batch's {len(data)} ids found no paper "
            "(null); the others are imported"
        )
        authors = [item for item in data if item is not None]
    for item in authors:
        if not isinstance(item, dict):
            raise ContentError([Problem(source, 1, "not a Semantic Scholar response")])
        found = item.get("data")
        if isinstance(found, list) and any(_is_s2_author(a) for a in found):
            # /author/search: a page of authors, each with its papers; they were read as
            # papers, and the answer said to ask for the papers' authors and year.
            authors.extend(a for a in found if _is_s2_author(a))
            continue
        if "data" in item and isinstance(item["data"], list):  # an /author/{id}/papers page
            papers = item["data"]
            imported.offset = _int(item.get("offset"))
            note = f"{source}: one page of papers; import the next page too "
            if isinstance(item.get("next"), int):
                imported.next_page = (item["next"], note + f"(offset={item['next']})")
            elif isinstance(item.get("token"), str) and item["token"]:
                # /paper/search/bulk pages by a token, not an offset: its pages went unsaid
                imported.notes.append(note + f"(token={item['token']})")
        elif "authorId" in item:
            imported.authors.append(
                AuthorFigures(
                    str(item.get("name") or item["authorId"]),
                    _int(item.get("hIndex")),
                    _int(item.get("citationCount")),
                    _int(item.get("paperCount")),
                    S2_SOURCE,
                )
            )
            papers = item.get("papers") or []
            if not isinstance(papers, list):  # `"papers": 5`: no list to read
                papers = []
            if item is data and "papers" not in item:  # /author/{id} without papers.*
                imported.notes.append(
                    f"{source}: the answer lists no papers (its fields= asked for none); "
                    f"import {S2_API}/author/{item['authorId']}/papers"
                    f"?fields={S2_PAPER_FIELDS}&limit=1000"
                )
        elif "paperId" in item:
            papers = [item]
        else:
            message = "not a Semantic Scholar author or papers response" + _other(item, "s2")
            raise ContentError([Problem(source, 1, message)])
        papers = [p for p in papers if isinstance(p, dict)]
        _s2_fields(papers, source, by_author="authorId" in item)
        shaped = _shaped(_s2_paper, papers, source, text)
        # "RETRACTED: …", the title's mark alone: a draft, as OpenAlex's `is_retracted`
        imported.notes.extend(retracted_note(w) for w in shaped if mark_retracted(w))
        imported.works.extend(shaped)
    return _finish(imported, source, "papers")


def _s2_fields(papers: list[dict[str, Any]], source: str, by_author: bool) -> None:
    """A problem when the papers are no author's (a citations list) or lack the fields
    a record needs, saying which to ask for in the spelling of the answer's endpoint."""
    wrapped = next((key for key in _WRAPPED if any(key in p for p in papers)), None)
    if wrapped is not None:  # it was told to ask for the authors and year it had
        message = (
            f"this answer lists {_WRAPPED[wrapped]}, not an author's own; import "
            "/author/{id}/papers (or /author/{id} with its papers) instead"
        )
        raise ContentError([Problem(source, 1, message)])
    if papers and not any("authors" in p or "year" in p for p in papers):
        fields = S2_PAPER_FIELDS.split(",")
        asked = ["name", "hIndex", *(f"papers.{f}" for f in fields)] if by_author else fields
        message = "the papers carry no authors or year; ask the API for them, e.g. fields="
        message += ",".join(asked)
        raise ContentError([Problem(source, 1, message)])


def _markdown(value: Any) -> str:
    """A database's title or abstract as Markdown: its inline HTML as Markdown's (`<i>`
    is `*`), its own stars as stars (`D*Lite and 2*3` was set in italics)."""
    return literal_underscores(html_to_markdown(literal_stars(str(value or ""))))


def _other(data: Any, importer: str) -> str:
    """The other importer's command, where the answer is the other API's: the message
    said only what the answer was not."""
    item = data[0] if isinstance(data, list) and data else data
    if not isinstance(item, dict):
        return ""
    foreign = _foreign(item)
    if foreign:
        return foreign
    if importer == "s2" and (isinstance(item.get("results"), list) or _openalex_id(item)):
        return "; it is an OpenAlex answer: import it with `authorsite import openalex`"
    s2 = {"paperId", "authorId"} & set(item) or isinstance(item.get("data"), list)
    if importer == "openalex" and s2:
        return (
            "; it is a Semantic Scholar answer: import it with `authorsite import semanticscholar`"
        )
    # an answer of neither, nor of a service known: what to save instead, not only what
    # this was not
    if importer == "s2":
        return (
            f"; save the answer of {S2_API}/author/ID/papers?fields={S2_PAPER_FIELDS} as it comes"
        )
    return "; save the answer of https://api.openalex.org/works?filter=author.id:A…&per-page=200"


# An ORCID iD, in an ORCID answer's `path` (`/0000-0002-1825-0097/works`)
_ORCID_ID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")


def _orcid(item: dict[str, Any]) -> str | None:
    """The ORCID iD of an answer of ORCID's API (a record, its works, a work's summary), or
    "" for one that names none; None for an answer of another kind."""
    known = {"orcid-identifier", "activities-summary", "work-summary", "put-code"}
    works = isinstance(item.get("group"), list) and "last-modified-date" in item
    if not (known & set(item) or works):
        return None
    found = _ORCID_ID.search(json.dumps(item.get("orcid-identifier") or item.get("path") or ""))
    return found.group() if found else ""


def _foreign(item: dict[str, Any]) -> str:
    """What to do with an answer of Crossref's REST API, or a CSL JSON export (Zotero's,
    citeproc's), which neither importer reads: a Crossref answer was refused as "the API
    answered with an error", with the whole of its `message` (its works) printed."""
    message = item.get("message")
    if "message-type" in item:  # api.crossref.org: `{"status": "ok", "message": {…}}`
        found = message.get("items") if isinstance(message, dict) else None
        first = found[0] if isinstance(found, list) and found else message
        doi = str(first.get("DOI") or "10.…") if isinstance(first, dict) else "10.…"
        return (
            "; it is a Crossref answer (api.crossref.org), which authorsite does not read: "
            f"import the same works from OpenAlex (https://api.openalex.org/works?filter=doi:{doi}, "
            "several DOIs joined by |) with `authorsite import openalex`, or their BibTeX "
            f"from doi.org (curl -LH 'Accept: application/x-bibtex' https://doi.org/{doi}) "
            "with `authorsite import bibtex`"
        )
    orcid = _orcid(item)
    if orcid is not None:  # pub.orcid.org's record or works: titles and ids, no authors
        return (
            "; it is an ORCID answer (pub.orcid.org), which authorsite does not read: import "
            "the same works from OpenAlex (https://api.openalex.org/works?filter=author.orcid:"
            f"{orcid or '0000-…'}&per-page=200) with `authorsite import openalex`, or export "
            "them as BibTeX from your ORCID record and import that with `authorsite import bibtex`"
        )
    if "issued" in item or "container-title" in item:  # CSL JSON: an item, or a list
        return (
            "; it is CSL JSON (a reference manager's export), which authorsite does not "
            "read: export the same items as BibTeX and import them with "
            "`authorsite import bibtex`"
        )
    return ""


def _is_s2_author(item: Any) -> bool:
    """Whether an item is an author (of /author/search), not a paper."""
    return isinstance(item, dict) and "authorId" in item and "paperId" not in item


def _given(data: Any, key: str) -> str | None:
    """``data[key]`` as text (a volume may be a number in JSON), or None without one."""
    value = data.get(key) if isinstance(data, dict) else None
    text = str(value).strip() if isinstance(value, (str, int)) and value is not True else ""
    return text or None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


# Semantic Scholar's paperId (40 hexadecimal digits) and OpenAlex's work id (W4405555555)
_S2_ID = re.compile(r"[0-9a-f]{40}")
_OPENALEX_WORK = re.compile(r"W[1-9][0-9]{0,14}")


# The kinds of dblp's keys (`conf/…`, `journals/…`), which a paper's externalIds name
_DBLP_KINDS = {"conf": "conference", "journals": "article", "books": "book", "phd": "thesis"}


def _s2_paper(paper: dict[str, Any], source: str, lines: Lines) -> Work:
    paper_id = str(paper.get("paperId") or "")
    work = Work(source, lines.of(paper_id), f"paper {paper_id or paper.get('title')!r}")
    if _S2_ID.fullmatch(paper_id):  # kept: a re-import finds the paper when retitled
        work.imported_from = f"semanticscholar {paper_id}"
    work.title = fold_space(_markdown(paper.get("title")))
    work.authors = [
        fold_space(str(a.get("name") or ""))
        for a in paper.get("authors") or []
        if isinstance(a, dict)
    ]
    work.authors = [a for a in work.authors if a]
    work.date = normalise_date(str(paper.get("publicationDate") or paper.get("year") or ""))
    work.abstract = as_markdown(fold_paragraphs(_markdown(paper.get("abstract"))))
    ids = paper.get("externalIds") or {}
    if ids.get("ArXiv"):
        parsed = split_arxiv_id(str(ids["ArXiv"]))
        work.arxiv_id = parsed[0] if parsed else None
    if ids.get("DOI"):
        work.doi = bare_doi(str(ids["DOI"]))
        work.arxiv_id = work.arxiv_id or arxiv_from_doi(work.doi)
        _no_arxiv_doi(work)
    journal = paper.get("journal") if isinstance(paper.get("journal"), dict) else {}
    venue = str(paper.get("venue") or (journal or {}).get("name") or "").strip()
    published = str((journal or {}).get("name") or "").strip()
    if _S2_SERVER.fullmatch(venue) and published and not _S2_SERVER.fullmatch(published):
        # the preprint's server as `venue`, the journal that published it as `journal`
        # (with its volume and the journal's DOI): "bioRxiv 16" for PLoS Biology 16
        venue = published
    types = paper.get("publicationTypes") or []
    # What the venue is (ICLR: "conference"), where publicationTypes lists "JournalArticle"
    # for most conference papers that are on arXiv too (CoRR's)
    place = paper.get("publicationVenue") if isinstance(paper.get("publicationVenue"), dict) else {}
    kind = str((place or {}).get("type") or "")
    if _S2_ARXIV.fullmatch(venue) or (not venue and work.arxiv_id):
        work.type, venue = "preprint", "arXiv"
    elif _S2_SERVER.fullmatch(venue):
        # medRxiv's, bioRxiv's, SSRN's: a preprint, which Semantic Scholar lists with the
        # server as its journal; as an article it stayed apart from its published version,
        # a second card (and its citations twice in the metrics)
        work.type = "preprint"
    elif kind == "conference" or "Conference" in types:
        work.type = "conference"
    elif kind == "journal" or "JournalArticle" in types:
        work.type = "article"
    elif not types and not kind:
        # An answer that asked for neither field (`fields=title,venue,year,externalIds,…`)
        # still has the paper's dblp key, whose first part is the kind of its venue
        # (`conf/crypto/FiatS86`, `journals/joc/FeigeFS88`): the paper had no type
        key = str(ids.get("DBLP") or "")
        corr = key.startswith("journals/corr/")  # CoRR's: arXiv's listing
        work.type = "preprint" if corr else _DBLP_KINDS.get(key.split("/", 1)[0])
    work.venue = venue or None
    # `journal.volume` of an arXiv paper is `abs/…`, its id: of a preprint, and of a
    # conference paper whose venue is the conference but whose `journal` is arXiv's (LoRA)
    if work.type != "preprint" and not _S2_ARXIV.fullmatch(str((journal or {}).get("name") or "")):
        # Semantic Scholar's pages are padded with blanks and line ends (`"\n 45-67\n "`)
        work.volume, work.pages = _given(journal, "volume"), _given(journal, "pages")
        both = _VOLUME_AND_ISSUE.fullmatch(work.volume or "")
        if both:  # PubMed's volume and issue in one: `"volume": "8 3"` (8(3))
            work.volume, work.issue = both.groups()
    work.citations = _int(paper.get("citationCount"))
    work.citations_source = S2_SOURCE
    if work.arxiv_id:
        work.links["arxiv"] = f"https://arxiv.org/abs/{work.arxiv_id}"
    pdf = paper.get("openAccessPdf")
    _pdf_link(work, pdf.get("url") if isinstance(pdf, dict) else None)
    _pubmed_link(work, ids.get("PubMed") if isinstance(ids, dict) else None)
    return work


# Semantic Scholar's `journal.volume` of a paper it took from PubMed: the volume, a
# space, the issue (`"8 3"`); the record's volume was "8 3", shown as "8 3, 625–659".
_VOLUME_AND_ISSUE = re.compile(r"\s*(\d{1,6})\s+(\d{1,6}(?:-\d{1,6})?)\s*")


# arXiv as Semantic Scholar names it: "arXiv.org", "ArXiv", and, for papers it took from
# Microsoft Academic, "arXiv: Learning", "arXiv: Computation and Language"; from DBLP,
# `journal.name` "CoRR" (arXiv's computer science)
_S2_ARXIV = re.compile(r"arxiv(?:\.org)?(?::.*)?|corr", re.IGNORECASE | re.DOTALL)


# A preprint server as Semantic Scholar names it, arXiv's names among them
_S2_SERVER = re.compile(
    rf"{_S2_ARXIV.pattern}|(?:bio|med|chem|tech|psy|soc|earth)rxiv|ssrn(?: electronic journal)?"
    r"|research ?square|preprints(?:\.org)?|osf preprints",
    re.IGNORECASE | re.DOTALL,
)


def _no_arxiv_doi(work: Work) -> None:
    """arXiv's own DOI (``10.48550/arXiv.…``) is left out: the arXiv id names the preprint,
    and the record of a published paper showed it as the paper's DOI."""
    if work.doi and work.doi.startswith("10.48550/"):
        work.doi = None


def _pubmed_link(work: Work, pmid: Any) -> None:
    """The paper's PubMed page as its `paper` link, as the BibTeX import's `pmid` gives it."""
    page = pubmed_page(pmid)
    if page:
        work.links.setdefault("paper", page)


def _pdf_link(work: Work, url: Any) -> None:
    """Keep an open-access PDF address that is http or https; anything else is no link."""
    # `http://` is kept (JMLR and many repositories serve it); `javascript:`, `data:` never.
    text = str(url or "").strip()
    if safe_url(text):
        work.links["pdf"] = text


# --- OpenAlex -----------------------------------------------------------------------

OPENALEX_TYPES = {
    "article": "article",
    "preprint": "preprint",
    "posted-content": "preprint",
    "book-chapter": "chapter",
    "book": "book",
    "dissertation": "thesis",
    "report": "report",
    "review": "article",  # a review article, in a journal
    # Before 2023 `type` was Crossref's: answers saved then say so (`type_crossref` now).
    "journal-article": "article",
    "proceedings-article": "conference",
    "monograph": "book",
    "edited-book": "book",
}


# A work's or an author's OpenAlex address (their id, which the website shows), or its
# page on the website: the API's answer about it is read (an author's: their works).
_OPENALEX_PAGE = re.compile(
    r"^https?://(?:www\.)?openalex\.org/(?:(?:works|authors)/)?([WA]\d+)/?(?:[?#].*)?$",
    re.IGNORECASE,
)


def openalex_address(source: str) -> str:
    """``source``, or the API query for the work or author its address names."""
    page = _OPENALEX_PAGE.match(source.strip())
    if page is None:
        return source
    key = page.group(1).upper()
    if key.startswith("W"):
        return f"https://api.openalex.org/works/{key}"
    return f"https://api.openalex.org/works?filter=author.id:{key}&per-page=200"


def import_openalex(source: str) -> Imported:
    """Works from one OpenAlex works response (a list page or a single work)."""
    source = openalex_address(source)
    data, text = _load_json(source)
    _api_error(data, source)
    listed = data.get("results") if isinstance(data, dict) else data  # or saved alone
    listed = listed if isinstance(listed, list) else []
    if _openalex_id(data, "A") or (listed and all(_openalex_id(a, "A") for a in listed)):
        return _openalex_authors(listed or [data], source)
    if isinstance(data, dict) and not data.get("results") and data.get("group_by"):
        # `group_by=` counts the works by a field ("no works in this response")
        message = "a group_by answer counts works and lists none; ask again without group_by="
        raise ContentError([Problem(source, 1, message)])
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        results = data["results"]
    elif _openalex_id(data):
        results = [data]
    elif isinstance(data, list) and data and all(_openalex_id(item) for item in data):
        results = data  # the `results` list saved alone (jq .results, pyalex)
    else:
        message = "not an OpenAlex works response" + _other(data, "openalex")
        raise ContentError([Problem(source, 1, message)])
    notes = []
    papers = []
    lines = Lines(text)
    for item in results:
        kind = _NOT_PAPERS.get(str(item.get("type"))) if isinstance(item, dict) else None
        if kind is None:
            papers.append(item)
            continue
        short = str(item.get("id") or "").rsplit("/", 1)[-1]
        title = fold_space(html_to_markdown(str(item.get("title") or "")))
        notes.append(
            f"{source}:{lines.of(str(item.get('id') or ''), 1)}: work {short!r} ({title!r}) is "
            f"{kind} (OpenAlex type {item['type']!r}), not a paper: left out"
        )
    _selected(papers, source)
    works = _shaped(_openalex_work, papers, source, text)
    imported = Imported(works, notes=notes)
    for work in works:
        if work.draft:
            imported.notes.append(retracted_note(work))
    meta = data.get("meta") if isinstance(data, dict) else None
    if isinstance(meta, dict) and "next_cursor" in meta:  # cursor paging: "page" is null
        # Each page of it said "holds page 1 … import the next page", the last one too.
        if isinstance(meta["next_cursor"], str) and meta["next_cursor"]:
            imported.notes.append(
                f"{source}: one page of {meta.get('count')} works; import the next page too "
                f"(cursor={meta['next_cursor']})"
            )
    elif isinstance(meta, dict) and isinstance(meta.get("count"), int):
        page, per_page = meta.get("page") or 1, meta.get("per_page") or len(works)
        if isinstance(page, int) and isinstance(per_page, int) and page * per_page < meta["count"]:
            imported.notes.append(
                f"{source}: holds page {page} of {meta['count']} works; import the next "
                f"page too (page={page + 1}, or cursor=* paging)"
            )
    return _finish(imported, source, "works")


# The fields a works answer needs, where `select=` names the fields to return; with them,
# the ones that give a record's venue, type, links, language, count and abstract.
OPENALEX_SELECT = (
    "id,doi,title,publication_date,authorships,type,primary_location,locations,"
    "best_oa_location,cited_by_count,is_retracted,language,abstract_inverted_index"
)
_NEEDED = {
    "authorships": ("authorships",),
    "publication_date": ("publication_date", "publication_year"),
    "title": ("title", "display_name"),
}


def _selected(papers: list[Any], source: str) -> None:
    """A problem when an answer's `select=` left out a field every work needs.

    Each work was left out with a note that the response "gives no authors" (to add by
    hand), and nothing was imported: it was the query, not the data, that lacked them.
    """
    items = [item for item in papers if isinstance(item, dict)]
    lacking = [
        name
        for name, keys in _NEEDED.items()
        if items and not any(k in i for i in items for k in keys)
    ]
    if lacking:
        message = (
            f"the works carry no {' or '.join(lacking)}: the query's select= left them out; "
            f"ask for them too, e.g. select={OPENALEX_SELECT}"
        )
        raise ContentError([Problem(source, 1, message)])


# What OpenAlex lists among an author's works that is no paper of theirs to show: a
# "Correction to: <title>" notice listed the paper twice on the profile.
_NOT_PAPERS = {
    "erratum": "a correction notice",
    "retraction": "a retraction notice",
    "paratext": "front matter or a table of contents",
    "component": "part of another work (a figure or table)",  # Crossref's, before 2023
    "peer-review": "a peer review",
    "supplementary-materials": "supplementary material",
    "grant": "a grant",
    "libguides": "a library guide",
}


def abstract_from_index(index: Any) -> str:
    """OpenAlex ships abstracts as an inverted index: word → positions."""
    if not isinstance(index, dict):
        return ""
    slots: dict[int, str] = {}
    for word, positions in index.items():
        for position in positions if isinstance(positions, list) else []:
            if isinstance(position, int):
                slots[position] = str(word)
    return " ".join(slots[i] for i in sorted(slots))


def _openalex_id(item: Any, kind: str = "W") -> bool:
    """Whether an item is an OpenAlex work (its id a ``https://openalex.org/W…`` address),
    or of another ``kind`` (``A``: an author)."""
    return isinstance(item, dict) and str(item.get("id", "")).startswith(
        f"https://openalex.org/{kind}"
    )


def _openalex_authors(authors: list[Any], source: str) -> Imported:
    """An ``/authors`` answer: each author's own figures, and where their works are.

    It lists no works; each author was read as a work without a year or authors, and
    left out with a note that said to add it by hand.
    """
    imported = Imported()
    for author in authors:
        stats = author.get("summary_stats") if isinstance(author.get("summary_stats"), dict) else {}
        name = str(author.get("display_name") or author["id"])
        imported.authors.append(
            AuthorFigures(
                name,
                _int((stats or {}).get("h_index")),
                _int(author.get("cited_by_count")),
                _int(author.get("works_count")),
                OPENALEX_SOURCE,
            )
        )
        works = str(author.get("works_api_url") or "")
        short = str(author["id"]).rsplit("/", 1)[-1]
        where = (
            works if safe_url(works) else f"https://api.openalex.org/works?filter=author.id:{short}"
        )
        imported.notes.append(
            f"{source}: an author answer lists no works; {name}'s are at {where}&per-page=200 "
            "(import that answer)"
        )
    return imported


# The heading of the publisher's abstract, which OpenAlex indexes as its first word (a
# Springer or Wiley abstract's JATS `<title>Abstract</title>`): "Abstract According to
# …", "ABSTRACT: We …". A word after it in lower case is the abstract's own ("Abstract
# interpretation is …"), and so is a capitalised term it starts ("Abstract Syntax Trees
# are …", "Abstract Meaning Representation (AMR) is …"): see _headed.
_ABSTRACT_HEADING = re.compile(
    r"\s*(?P<label>Abstract|ABSTRACT)(?:\s*(?P<mark>[:.])\s+|\s+(?=[A-Z]))"
    r"(?P<next>[A-Za-z][\w-]*)?(?:\s+(?P<after>\S+))?"
)
# The words a sentence after the heading starts with (closed classes and the headings of
# a structured abstract); an open-class word in capitals after "Abstract" followed by
# another one is a term the sentence starts with.
_OPENERS = """a an the this these that those there it its we our one two here in on of for to
from by with as at among over under using given since while when although though despite
because if however recent recently many most much several some such each every all current
previous today nowadays let according after before during background purpose purposes
objective objectives aim aims introduction context motivation summary methods results
abstract importance significance rationale highlights simple plain key graphical design
setting premise problem overview synopsis scope"""
# (the headings of JAMA's `Importance`, PNAS's `Significance Statement`, ATS's
# `Rationale`, Elsevier's `Highlights`, MDPI's `Simple Summary`, AGU's `Plain Language
# Summary` and `Key Points`: "Abstract Importance Acute kidney injury …" kept its heading)
_SENTENCE_OPENERS = frozenset(_OPENERS.split())


def _headed(abstract: str, title: str) -> str:
    """``abstract`` without the heading the publisher gave it, where it starts with one;
    never without the first word of its own first sentence."""
    heading = _ABSTRACT_HEADING.match(abstract)
    if not heading:
        return abstract
    word, after = heading.group("next"), heading.group("after") or ""
    plain = word and not heading.group("mark") and heading.group("label") == "Abstract"
    if plain and word.lower() not in _SENTENCE_OPENERS:
        term = re.compile(rf"\babstract\s+{re.escape(word)}\b", re.IGNORECASE)
        if term.search(title) or term.search(abstract, heading.start("next")):
            return abstract  # the term recurs: "Abstract Syntax Trees … abstract syntax"
        if after[:1].isupper():
            return abstract  # a capitalised term: "Abstract Meaning Representation"
    return abstract[heading.start("next") if word else heading.end() :]


# The year OpenAlex gives a work whose date it does not know (`"publication_year": 1400`,
# `"publication_date": "1400-01-01"`, taken over from Microsoft Academic Graph): such a
# work was imported as published in 1400, at the foot of the list.
_NO_YEAR = "1400"


def _openalex_work(item: dict[str, Any], source: str, lines: Lines) -> Work:
    work_id = str(item.get("id") or "")
    short = work_id.rsplit("/", 1)[-1]
    work = Work(source, lines.of(f'"{work_id}"'), f"work {short or item.get('title')!r}")
    if _OPENALEX_WORK.fullmatch(short):  # kept: a re-import finds the work when retitled
        work.imported_from = f"openalex {short}"
    title = str(item.get("title") or item.get("display_name") or "")
    work.title = fold_space(_markdown(title))
    work.authors = []
    for authorship in item.get("authorships") or []:
        if not isinstance(authorship, dict):
            continue
        author = authorship.get("author") or {}
        name = author.get("display_name") or authorship.get("raw_author_name") or ""
        if str(name).strip():
            work.authors.append(fold_space(str(name)))
    if work.authors and item.get("is_authors_truncated") is True:
        # A list answer cuts authorships at 100: the record's list says it goes on, as
        # one cut short does (the paper's 101st and later authors were silently lost).
        work.authors.append("et al.")
    work.date = normalise_date(
        str(item.get("publication_date") or item.get("publication_year") or "")
    )
    if work.date[:4] == _NO_YEAR:  # OpenAlex's (MAG's) date for a work it has none for
        work.date = ""
    abstract = _headed(abstract_from_index(item.get("abstract_inverted_index")), title)
    work.abstract = as_markdown(fold_paragraphs(_markdown(abstract)))
    if item.get("doi"):
        work.doi = bare_doi(str(item["doi"]))
        work.arxiv_id = arxiv_from_doi(work.doi)
    locations = [item.get("primary_location"), *(item.get("locations") or [])]
    # before 2023: `host_venue` and `alternate_host_venues`, each with its `url`
    locations += [item.get("host_venue"), *(item.get("alternate_host_venues") or [])]
    for location in locations:
        if isinstance(location, dict) and not work.arxiv_id:
            url = location.get("landing_page_url") or location.get("url")
            parsed = split_arxiv_id(str(url or ""))
            work.arxiv_id = parsed[0] if parsed else None
    primary = item.get("primary_location") if isinstance(item.get("primary_location"), dict) else {}
    # An answer saved before 2023 names the venue `host_venue` (and has no primary location)
    venue_source = (primary or {}).get("source") or item.get("host_venue") or {}
    venue = str(venue_source.get("display_name") or "") if isinstance(venue_source, dict) else ""
    if not venue and isinstance(primary, dict):
        # A work of no source OpenAlex knows (a thesis, its `source: null`) is named where
        # it is by `raw_source_name`, as its DOI's record gives it ("Carleton University"):
        # the thesis had no venue, where BibTeX's `school` gives one
        raw = primary.get("raw_source_name")
        venue = fold_space(raw) if isinstance(raw, str) else ""
    work.type = OPENALEX_TYPES.get(str(item.get("type") or ""), "other")
    if isinstance(venue_source, dict) and venue_source.get("type") == "conference":
        work.type = "conference"
    if "arxiv" in venue.lower():
        work.type, venue = "preprint", "arXiv"
    elif isinstance(venue_source, dict) and venue_source.get("type") == "repository":
        # "bioRxiv (Cold Spring Harbor Laboratory)": the repository, then its host, which
        # the page showed as the venue
        venue = re.sub(r"\s+\([^()]*\)$", "", venue) or venue
    if work.type in ("article", "other") and _S2_SERVER.fullmatch(venue):
        # SSRN's papers, which Crossref (so OpenAlex) types as articles of the "SSRN
        # Electronic Journal": a second record of a paper beside its journal version
        work.type = "preprint"
    _no_arxiv_doi(work)
    work.venue = venue or None
    biblio = item.get("biblio") if isinstance(item.get("biblio"), dict) else {}
    if work.type != "preprint" and biblio:
        work.volume, work.issue = _given(biblio, "volume"), _given(biblio, "issue")
        first, last = _given(biblio, "first_page"), _given(biblio, "last_page")
        work.pages = f"{first}\u2013{last}" if first and last and last != first else first
    # ISO 639-1 ("en", "zh"), as OpenAlex detects it from the title and abstract
    work.language = language_tag(str(item.get("language") or ""))
    work.citations = _int(item.get("cited_by_count"))
    work.citations_source = OPENALEX_SOURCE
    work.draft = item.get("is_retracted") is True  # listed by OpenAlex, flagged retracted
    mark_retracted(work)  # and its title's mark ("RETRACTED: …") taken off
    if work.arxiv_id:
        work.links["arxiv"] = f"https://arxiv.org/abs/{work.arxiv_id}"
    best = item.get("best_oa_location") if isinstance(item.get("best_oa_location"), dict) else {}
    # The published version's PDF, else the open copy's (a paywalled article's arXiv or
    # PubMed Central PDF), as Semantic Scholar's `openAccessPdf` gives it
    _pdf_link(work, (primary or {}).get("pdf_url") or (best or {}).get("pdf_url"))
    ids = item.get("ids")
    _pubmed_link(work, ids.get("pmid") if isinstance(ids, dict) else None)
    return work
