"""arXiv API responses (Atom, read with feedparser) → works.

Handles the classic response (namespaces declared on each element, http links) and
the newer one (namespaces on the root, https links), old-style ids such as
``cond-mat/0102536``, versions (kept apart from the id), and the API's error feed,
which answers a bad query with one entry titled "Error". Text is TeX as authors typed it:
accents outside math become letters (``Schr\\"odinger`` → Schrödinger), and an abstract's
formatting Markdown (``\\emph{…}`` → ``*…*``); math stays.
"""

from __future__ import annotations

import io
import re
import urllib.parse
import xml.sax
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import feedparser

from generator.errors import ContentError, Problem
from generator.ids import ARXIV_ID, ARXIV_NEW, ARXIV_OLD, canonical_arxiv
from generator.ingest import progress
from generator.ingest.feedscan import Outline, entry_line, scan_feed
from generator.ingest.sources import is_url, open_source
from generator.ingest.tex_markdown import tex_markdown, tex_plain, tex_title
from generator.ingest.work import (
    UnreadWorks,
    Work,
    as_markdown,
    bare_doi,
    before_et_al,
    fold_paragraphs,
    fold_space,
    literal_underscores,
    safe_url,
    split_arxiv_id,
    tex_accents,
    unread,
)

API = "https://export.arxiv.org/api/query"
# A paper's own page or PDF on arxiv.org (not an API query): its id is what is meant.
# Its HTML view (`arxiv.org/html/2502.01234v2`) too, which arXiv now links from each page.
_ARXIV_PAGE = re.compile(
    rf"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/({ARXIV_NEW}|{ARXIV_OLD})(v\d+)?"
    r"(?:\.pdf)?/?(?:[?#].*)?$",
    re.IGNORECASE,
)
# arXiv's own DOI for a paper, which its page gives to cite it ("https://doi.org/10.48550/
# arXiv.2106.09685"): bare it read as a missing file, as a URL it fetched a web page.
_ARXIV_DOI = re.compile(
    rf"^(?:(?:https?://)?(?:dx\.)?doi\.org/|doi:\s*)?10\.48550/arxiv\.({ARXIV_NEW}|{ARXIV_OLD})"
    r"(v\d+)?/?$",
    re.IGNORECASE,
)


class PastTheEnd(ContentError):
    """A page of a paged search that starts past its last result: no entries."""


def query_url(ids: Sequence[str]) -> str:
    """The API query that returns these ids (versions included, as asked)."""
    query = urllib.parse.urlencode({"id_list": ",".join(ids), "max_results": len(ids)})
    return f"{API}?{query}"


def import_arxiv(sources: Sequence[str], notes: list[str] | None = None) -> list[Work]:
    """Works from saved responses, API URLs and bare ids, in the order given.

    ``notes`` collects what a person should know but is no error (a partial page).
    """
    ids, inputs, problems = sorted_sources(sources)
    if problems:
        raise ContentError(problems)
    works: list[Work] = []
    past: list[Problem] = []  # pages past the end of a paged list
    unusable: list[Problem] = []  # entries of every feed, said together
    for source in inputs:
        try:
            works.extend(_read_feed(source, notes))
        except PastTheEnd as exc:
            past.extend(exc.problems)
        except UnreadWorks as exc:
            unusable.extend(exc.problems)
            works.extend(exc.works)
    if past and not works and not ids:  # alone, an empty page is what it says
        raise ContentError(past)
    if notes is not None:  # beside the pages before it, the last page of a loop: no error
        notes.extend(f"{p.path}: {p.message}; the other pages were imported" for p in past)
    if ids:
        try:
            works.extend(_read_feed(query_url(ids), notes, asked=ids))
        except UnreadWorks as exc:
            unusable.extend(exc.problems)
            works.extend(exc.works)
    if unusable:
        raise UnreadWorks(unusable, works)
    return works


def sorted_sources(sources: Sequence[str]) -> tuple[list[str], list[str], list[Problem]]:
    """The arXiv ids the sources name, the files and URLs to read, and the arguments that
    are neither (a mistyped id, a word), each a problem.

    A file that is not there is among the files (``nowhere/saved.xml``): the command
    names it before anything is read (reading it would say so too).
    """
    ids = []
    inputs = []
    problems: list[Problem] = []
    for source in sources:
        parsed = ARXIV_ID.match(source.strip())
        page = _ARXIV_PAGE.match(source.strip()) or _ARXIV_DOI.match(source.strip())
        if page:  # a paper's page or DOI, copied from the browser: the API is asked for its id
            ids.append(canonical_arxiv(page.group(1)) + (page.group(2) or ""))
        elif is_url(source) or Path(source).is_file():
            inputs.append(source)
        elif parsed:
            ids.append(canonical_arxiv(parsed.group(1)) + (parsed.group(2) or ""))
        elif re.fullmatch(r"(?:arxiv:)?[\d.v]+", source.strip(), re.IGNORECASE):
            message = "not an arXiv id (expected e.g. 2505.12345, 2505.12345v2)"
            problems.append(Problem(source, 0, message))
        elif "/" in source or "." in source:
            inputs.append(source)
        else:
            problems.append(Problem(source, 0, "neither an arXiv id, a URL nor a file"))
    return ids, inputs, problems


def _read_feed(source: str, notes: list[str] | None, asked: Sequence[str] = ()) -> list[Work]:
    """One file or URL: looked over a chunk at a time, then (if it is a feed) parsed whole."""
    with open_source(source) as stream:
        outline = scan_feed(stream, source)
        data = stream.read()
    return parse_feed(data, source, notes, asked, outline)


def parse_feed(
    data: bytes,
    origin: str,
    notes: list[str] | None = None,
    asked: Sequence[str] = (),
    outline: Outline | None = None,
) -> list[Work]:
    """Every entry of one Atom response; a malformed, error or empty feed is a problem.

    ``asked`` are the ids the query asked for: arXiv leaves out an id it does not know
    (answering an empty feed, or fewer entries), so each one missing is a problem.
    ``outline`` is :func:`scan_feed`'s, which gives each entry's line (else it is made).
    """
    if outline is None:
        outline = scan_feed(io.BytesIO(data), origin)
    squeezed, head_lines, shift = _squeezed_prolog(data)
    # A stream, not bytes: feedparser opens bytes that name a file, or fetches a URL.
    feed: Any = feedparser.parse(io.BytesIO(squeezed))
    exc = feed.get("bozo_exception")
    if feed.get("bozo") and isinstance(exc, xml.sax.SAXParseException):
        message = f"malformed XML: {exc.getMessage()}"
        line = exc.getLineNumber() or 0
        raise ContentError([Problem(origin, line + shift if line > head_lines else line, message)])
    _listing(feed, origin)
    if not str(feed.get("version", "")).startswith("atom"):
        raise ContentError([Problem(origin, 1, "not an Atom feed (an arXiv API response)")])
    entries = feed.entries
    lines = [entry_line(outline, index, len(entries)) for index in range(len(entries))]
    asked = asked or _ids_asked(feed)
    for entry, line in zip(entries, lines, strict=True):
        if entry.get("title", "").strip() == "Error" and "/api/errors" in entry.get("id", ""):
            summary = fold_space(entry.get("summary", "an error"))
            raise ContentError([Problem(origin, line, f"arXiv answered with an error: {summary}")])
    if asked:
        returned = {split_arxiv_id(str(entry.get("id", ""))) for entry in entries}
        known = {parsed[0] for parsed in returned if parsed}
        missing = [i for i in asked if (split_arxiv_id(i) or (i, None))[0] not in known]
        if missing:
            message = "arXiv has no paper with this id (a typo?); nothing was imported"
            raise ContentError([Problem(i, 0, message) for i in missing])
    if not entries:
        total = str(feed.feed.get("opensearch_totalresults", ""))
        start = str(feed.feed.get("opensearch_startindex", ""))
        counts = [int(n) if n.isdecimal() and len(n) <= 12 else None for n in (total, start)]
        if counts[0] is not None and counts[1] is not None and 0 < counts[0] <= counts[1]:
            # `start=200` of 150 results: a script fetching page after page asked one too
            # many, and the whole import of its pages stopped here.
            message = (
                f"the feed has no entries: it starts at result {start} of {total}, past the end"
            )
            raise PastTheEnd([Problem(origin, 1, message)])
        found = f" ({total} results)" if total else ""
        raise ContentError([Problem(origin, 1, f"the feed has no entries{found}")])
    if not asked:  # a query by ids asks for every id at once: there is no next page
        where = (
            f"{origin}:{outline.heads['totalResults']}"
            if "totalResults" in outline.heads
            else origin
        )
        _page_note(feed, len(entries), where, notes)
    works = [
        _work(entry, origin, line)
        for entry, line in progress.each("read", list(zip(entries, lines, strict=True)), origin)
    ]
    unread(works)
    for work in works:
        if work.draft and notes is not None:
            notes.append(
                f"{origin}:{work.line}: {work.label} is withdrawn ({work.note}): a new record for it "
                "gets draft: true, which keeps it off the site (delete that line to list it)"
            )
    return works


# White space between the markup before the root element (XML allows any amount there)
_PROLOG_SPACE = re.compile(rb"(?:(?<=>)|^)[ \t\r\n]{2,}(?=<|\Z)")


def _squeezed_prolog(data: bytes) -> tuple[bytes, int, int]:
    """``data`` with each run of white space before its root element made one line end
    (feedparser looks for a DOCTYPE at each line start to the end of the run: 128 KB of
    blank lines took over a minute); also the lines of the new prolog, and how many fewer
    there are, which feedparser's line numbers past it are short of."""
    root = re.search(rb"<[A-Za-z_]", data)
    if root is None:
        return data, 0, 0
    head = data[: root.start()]
    squeezed = _PROLOG_SPACE.sub(lambda run: b"\n" if b"\n" in run.group() else b" ", head)
    if squeezed == head:
        return data, 0, 0
    shift = head.count(b"\n") - squeezed.count(b"\n")
    return squeezed + data[root.start() :], squeezed.count(b"\n") + 1, shift


def _listing(feed: Any, origin: str) -> None:
    """A problem for arXiv's daily listing of a category (``rss.arxiv.org/atom/cs.AI``,
    or ``/rss/``): everyone's new papers, not an answer about yours.

    Its entries (``oai:arXiv.org:…`` ids, all authors in one ``dc:creator``, an abstract
    after "arXiv:… Announce Type: new Abstract:") became records of other people's papers
    with no arXiv id and one author named "A, B, C".
    """
    addresses = [str(feed.feed.get("id", "")), str(feed.feed.get("link", ""))]
    listed = any("rss.arxiv.org" in address for address in addresses)
    if listed or any(entry.get("arxiv_announce_type") for entry in feed.entries):
        message = (
            "this is arXiv's daily listing of new papers (rss.arxiv.org), everyone's, not an "
            "API answer; import your papers by id (authorsite import arxiv 2508.13435) or "
            "an API query (https://export.arxiv.org/api/query?search_query=au:…)"
        )
        raise ContentError([Problem(origin, 1, message)])


# arXiv keeps a withdrawn paper's listing; its comment says so ("This paper has been
# withdrawn by the author due to ...", "This submission has been withdrawn by ..."). What
# is withdrawn must be this paper: "v1 was withdrawn; this version corrects it" is not.
# A journal reference in INSPIRE-HEP's form, as physicists write arXiv's: the journal, its
# volume, the year in parentheses, an issue and a comma, the first page or a range
# (`JHEP 01 (2019) 121`, `Phys.Rev.D 109 (2024) 5, 055012`, `JINST 19 (2024) P08018`)
_INSPIRE_REFERENCE = re.compile(
    r"(?P<journal>[^\W\d][^()\d]*?) (?P<volume>\d{1,4}) \((?:19|20)\d\d\) "
    r"(?:(?P<issue>\d{1,3}), )?(?P<pages>[A-Z]?\d+[a-z]?(?:--?[A-Z]?\d+)?)"
)
# ... and in the form the APS journals cite a paper, as arXiv's listings show most
# journal references of condensed matter: the journal, its volume and a comma, the first
# page or article number, the year in parentheses (`Phys. Rev. B 91, 184507 (2015)`,
# `Nature Phys. 13, 556 (2017)`, `Science Advances 1, e1400222 (2015)`). The venue was
# the whole reference, and so was Scholar's citation_journal_title.
_APS_REFERENCE = re.compile(
    r"(?P<journal>[^\W\d][^()\d,]*?) (?P<volume>\d{1,4}), "
    r"(?P<pages>[A-Za-z]?\d+[a-z]?(?:--?[A-Za-z]?\d+)?) \((?:19|20)\d\d\)"
)


def read_reference(text: str) -> tuple[str, str, str | None, str] | None:
    """The journal, volume, issue (or None) and pages of a journal reference in
    INSPIRE-HEP's form (:data:`_INSPIRE_REFERENCE`) or the APS journals'
    (:data:`_APS_REFERENCE`), or None for another form."""
    cited = _INSPIRE_REFERENCE.fullmatch(text) or _APS_REFERENCE.fullmatch(text)
    if cited is None:
        return None
    issue = cited.groupdict().get("issue")
    return cited.group("journal"), cited.group("volume"), issue, cited["pages"]


_WITHDRAWN = re.compile(
    r"^\W*(?:paper |submission )?withdrawn\b"
    r"|\b(?:this (?:paper|submission|article|manuscript|preprint|work|version)"
    r"|the (?:paper|submission|article|manuscript|preprint))(?: has| have)? (?:been|is|was) withdrawn\b"
    r"|\bha(?:s|ve) withdrawn (?:this|the) (?:paper|submission|article|manuscript|preprint)\b",
    re.IGNORECASE,
)


def _paragraphs(summary: str) -> str:
    """An abstract as arXiv keeps it, its paragraphs apart: arXiv joins an abstract's
    lines but for one that starts with a blank, which starts a new paragraph (the
    submission form says so), so an indented line after the first is one. A file
    indented as a whole (an answer pasted into code) is read at its own indent."""
    lines = summary.strip().split("\n")
    rest = [line for line in lines[1:] if line.strip()]
    margin = min((len(line) - len(line.lstrip()) for line in rest), default=0)
    out = lines[:1]
    for line in lines[1:]:
        if line[margin : margin + 1].isspace() and line.strip():
            out.append("")  # a blank line: a new paragraph
        out.append(line[margin:])
    return "\n".join(out)


def _work(entry: Any, origin: str, line: int) -> Work:
    """One Atom entry, which starts on ``line``, mapped onto our fields."""
    entry_id = str(entry.get("id", ""))
    parsed = split_arxiv_id(entry_id)
    title = tex_accents(fold_space(entry.get("title", "")))
    if parsed:
        label = f"arXiv {parsed[0]}{parsed[1] or ''}"
    elif entry_id or title:  # an entry cut down by hand: named by what it has
        label = f"entry {entry_id or title!r}"
    else:
        label = "an entry with neither id nor title"
    work = Work(origin, line, label)
    # its `\emph{…}`, `{\em …}`, `\textbf{…}`, `\texttt{…}` and braces: Markdown
    work.title = literal_underscores(tex_title(title))
    abstract = tex_accents(fold_paragraphs(_paragraphs(str(entry.get("summary", "")))))
    # its `\emph{…}`, `{\em …}`, `\textbf{…}`, `\url{…}`, `\href{…}{…}`, `~`, `\%`: Markdown
    work.abstract = as_markdown(literal_underscores(tex_markdown(abstract)))
    work.authors = [tex_accents(fold_space(a.get("name", ""))) for a in entry.get("authors", [])]
    # arXiv sends hyphenated initials apart ("Y. -J. Kao" for Y.-J. Kao).
    work.authors = [re.sub(r"(?<=\.) -(?=\w)", "-", name) for name in work.authors if name]
    # arXiv splits its authors at commas and `and` only: `V. M. Abazov et al.` typed so is
    # one name, whose surname was "al." to cite.bib (the key `al2000measurement`), as
    # BibTeX's `author = {G. Aad et al.}` was before the BibTeX import cut it.
    cut = before_et_al(work.authors[-1]) if work.authors else None
    if cut:
        work.authors[-1:] = [cut, "et al."]
    work.date = str(entry.get("published", ""))[:10]
    primary = entry.get("arxiv_primary_category")
    if isinstance(primary, dict) and primary.get("term"):
        work.category = str(primary["term"])
    elif entry.get("tags"):
        work.category = str(entry.tags[0].get("term"))
    if parsed:
        work.arxiv_id, work.arxiv_version = parsed
        work.links["arxiv"] = f"https://arxiv.org/abs/{parsed[0]}"
    for link in entry.get("links", []):
        href = str(link.get("href", ""))
        if not safe_url(href):
            continue
        if link.get("title") == "pdf" or link.get("type") == "application/pdf":
            # The entry's PDF names the version it describes (`pdf/2401.00001v1`), which
            # the site would link for good after v2 appears; the address without a
            # version always serves the latest, as the arxiv link's page does.
            latest = f"https://arxiv.org/pdf/{parsed[0]}" if parsed else None
            work.links["pdf"] = latest or href.replace("http://", "https://", 1)
    # arXiv lists a paper's DOIs space-separated (an erratum's too): the first, but for
    # arXiv's own (`10.48550/arXiv.1706.03762`, which some authors type into the DOI
    # field), which names the preprint the arXiv id names already: taken for the paper's
    # DOI, it was kept over the journal's DOI at the import of the published version.
    dois = [doi for doi in str(entry.get("arxiv_doi") or "").split() if not _arxiv_own(doi)]
    if dois:
        work.doi = dois[0]
    # plain text, their TeX as it prints (`\url{…}`, `ICML~2023`, `50\%`, `\&`, `{\em …}`)
    if entry.get("arxiv_journal_ref"):
        work.venue = tex_plain(tex_accents(fold_space(entry["arxiv_journal_ref"])))
        cited = read_reference(work.venue)
        if cited:  # `JHEP 01 (2019) 121`: Scholar's journal title was the whole reference
            work.venue, work.volume, work.issue, work.pages = cited
    if entry.get("arxiv_comment"):
        work.note = tex_plain(tex_accents(fold_space(entry["arxiv_comment"])))
        work.draft = bool(_WITHDRAWN.search(work.note))
    return work


def _arxiv_own(doi: str) -> bool:
    """Whether ``doi`` is one of arXiv's own DOIs (DataCite's prefix 10.48550)."""
    return bare_doi(doi).lower().startswith("10.48550/")


def _ids_asked(feed: Any) -> list[str]:
    """The ids a saved response was the answer to (``id_list=`` of a query by ids alone)."""
    for link in feed.feed.get("links", []):
        query = urllib.parse.unquote(str(link.get("href", "")))
        if "/api/query" in query:
            ids = re.search(r"[?&]id_list=([^&#\s]+)", query)
            by_query = re.search(r"[?&]search_query=([^&#\s]+)", query)
            if ids and not by_query:  # with a search_query, arXiv filters the ids by it
                return [i for i in ids.group(1).split(",") if i]
    return []


def _page_note(feed: Any, count: int, where: str, notes: list[str] | None) -> None:
    """A response that is one page of a longer result says how to get the rest, at
    ``where`` (the line of its count of results)."""
    try:
        total = int(feed.feed.get("opensearch_totalresults", count))
        start = int(feed.feed.get("opensearch_startindex", 0))
    except (TypeError, ValueError):
        return
    if notes is not None and start + count < total:
        notes.append(
            f"{where}: holds results {start + 1}-{start + count} of {total}; "
            f"import the next page too (start={start + count})"
        )
