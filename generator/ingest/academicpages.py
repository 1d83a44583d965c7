"""academicpages sites → works: ``_publications/*.md`` and ``publications.tsv`` (or .csv).

academicpages keeps no author list of its own: authors come from an ``authors`` key
where a site added one, else from the formatted ``citation`` string
("Smith, J., & Doe, A. (2020). ...").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from generator.errors import ContentError, Problem
from generator.ids import parse_doi
from generator.ids import shown as shown_id
from generator.ingest.bibtex import page_bibtex
from generator.ingest.bibtex_names import NAME_MARKS, PERSON_MARKS, vancouver_names
from generator.ingest.frontmatter import (
    as_date,
    check_page,
    no_scheme_note,
    read_front_matter,
    site_links_note,
    template_addresses,
    unreadable_name,
)
from generator.ingest.pdfs import KINDS
from generator.ingest.pdfs import take as take_pdf
from generator.ingest.sources import outside, read_text
from generator.ingest.talks import collection_note
from generator.ingest.work import (
    OWN_LINKS,
    UnreadWorks,
    Work,
    check,
    drop_bad_locators,
    fill_locators,
    first_isbn,
    fold_markdown,
    fold_paragraphs,
    fold_space,
    html_to_markdown,
    normalise_date,
    ours,
    page_edition,
    safe_url,
    split_arxiv_id,
    typo_of_ours,
    unescape,
    url_path,
    without_html_comments,
)
from generator.names import is_truncation, name_key
from generator.standing import STATE_WORDS
from generator.urls import bare_host

_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")
TYPES = {"manuscripts": "article", "conferences": "conference", "books": "book"}
# The words sites put in `category` for their own groups of the publications page, in the
# singular or plural (`category: 'journal'`, `'conference'`, `preprint`): the records
# had no type, and a journal paper was not an article.
CATEGORY_TYPES = {
    **TYPES,
    **dict.fromkeys(("manuscript", "journal", "journals", "article", "articles"), "article"),
    **dict.fromkeys(("journal article", "journal articles", "journal paper"), "article"),
    **dict.fromkeys(("journal papers",), "article"),
    **dict.fromkeys(("conference", "conference paper", "conference papers"), "conference"),
    **dict.fromkeys(("proceedings", "workshop", "workshops"), "conference"),
    **dict.fromkeys(("preprint", "preprints", "working paper", "working papers"), "preprint"),
    **dict.fromkeys(("book",), "book"),
    **dict.fromkeys(("chapter", "chapters", "book chapter", "book chapters"), "chapter"),
    **dict.fromkeys(("thesis", "theses", "dissertation", "dissertations"), "thesis"),
    **dict.fromkeys(("report", "reports", "technical report", "technical reports"), "report"),
}
LINKS = {"paperurl": "pdf", "paper_url": "pdf", "slidesurl": "slides", "slides_url": "slides"}


# A day as a spreadsheet or a hand writes it: 1/15/2018 (Excel in the US), 15.03.2019
# (German), 15-03-2019; the year last, in full.
# (`5/1/17`: a spreadsheet's short date, its year in two digits)
_DAY_FIRST_OR_MONTH_FIRST = re.compile(r"\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\s*")


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def iso_hint(written: str, example: str) -> str:
    """How to write ``written`` as YYYY-MM-DD: the day itself where it can only be one
    (``2018-01-15`` for 1/15/2018), both where it could be two (3/4/2019), else an
    ``example``."""
    found = _DAY_FIRST_OR_MONTH_FIRST.fullmatch(written)
    if not found:
        return f"e.g. {example}"
    first, separator, second, year = found.groups()
    a, b, y = int(first), int(second), int(year)
    if len(year) == 2:  # as Excel reads one: 00-29 this century, 30-99 the last
        y += 2000 if y < 30 else 1900
    # (month, day) readings: dots are the day first (15.03.2019); slashes and dashes
    # either, as the numbers allow
    readings = [(b, a)] if separator == "." else [(a, b), (b, a)]
    days = []
    for month, day in readings:
        try:
            days.append(dt.date(y, month, day))
        except ValueError:
            continue
    days = list(dict.fromkeys(days))  # month first (Excel's US dates), then day first
    if len(days) == 1:
        return days[0].isoformat()
    if len(days) == 2:
        one, other = days
        return (
            f"{one.isoformat()} ({one.day} {_MONTHS[one.month - 1]}) or "
            f"{other.isoformat()} ({other.day} {_MONTHS[other.month - 1]}), whichever it is"
        )
    return f"e.g. {example}"


def import_academicpages(folder: str, notes: list[str] | None = None) -> list[Work]:
    """Works from an academicpages site folder (or its ``_publications`` folder or TSV).

    ``notes`` collects what a person should know but is no error (a date read otherwise).
    """
    notes = [] if notes is None else notes
    root = Path(folder)
    if root.is_file():  # one page, or the generator's TSV
        works = (
            [_markdown(root, read_text(str(root)), notes)]
            if root.suffix in (".md", ".markdown")
            else _tsv(root, notes)
        )
    else:
        pubs = root / "_publications" if (root / "_publications").is_dir() else root
        # Jekyll reads a collection's subfolders too (`_publications/2022/x.md`), not
        # those it hides (`.git`, `_drafts`); only the top level was read.
        find = pubs.rglob if pubs.name == "_publications" else pubs.glob
        files = sorted(
            p
            for p in [*find("*.md"), *find("*.markdown")]  # Jekyll's two names for Markdown
            if not any(part.startswith((".", "_")) for part in p.relative_to(pubs).parts)
        )
        if pubs.name == "_publications":
            files = sorted([*files, *_other_pages(pubs)])
        # The template's generator reads a TSV; its current version ships a CSV instead,
        # whose rows (papers without a page yet) were not read.
        tsvs = [root / folder / f"publications.{kind}" for kind in ("tsv", "csv")
                for folder in ("markdown_generator", ".")]  # fmt: skip
        tsvs = [p for p in tsvs if p.is_file()]
        if not files and not tsvs:
            message = "no _publications/*.md or publications.tsv here (an academicpages site?)"
            raise ContentError([Problem(folder, 0, message)])
        problems = [p for p in (outside(f, root) for f in files + tsvs[:1]) if p]
        if problems:
            raise ContentError(problems)
        works = []
        for path in files + tsvs[:1]:
            try:
                if path.suffix in (".tsv", ".csv"):
                    works.extend(_tsv(path, notes))
                elif (text := _page_text(path, notes)) is not None and not _listing(
                    path, text, notes
                ):
                    works.append(_markdown(path, text, notes))
            except ContentError as exc:
                problems.extend(exc.problems)
        if not works and not problems:  # only a README: no page to import
            message = "no publication page here (a _publications/*.md with '---' front matter)"
            problems.append(Problem(folder, 0, message))
        if problems:
            raise ContentError(problems)
        if pubs.name == "_publications":
            _other_collections(root, notes)
    samples = [work for work in works if _is_sample(work)]
    for work in samples:  # left in place by many sites: "Paper Title Number 1" by "You"
        where = work.where
        # (its sample citation, said not to be read, is no more to say than this)
        cited = f"{where}: {work.label}: its citation is the academicpages template's sample"
        notes[:] = [note for note in notes if not note.startswith(cited)]
        retitled = "" if _SAMPLE_TITLE.fullmatch(work.title) else f" (its venue {work.venue!r})"
        notes.append(
            f"{where}: {work.label}: {work.title!r} is the academicpages template's sample"
            f"{retitled}, not imported (delete it from the old site)"
        )
    works = [work for work in works if work not in samples]
    problems = [p for work in works for p in _check(work)]
    if problems:
        raise UnreadWorks(problems, [work for work in works if not _check(work)])
    return works


# academicpages' other collections, each with the template's samples (by file name):
# a site's own talks, courses and projects were left behind without a word.
_COLLECTIONS = {
    "_talks": ("talks", re.compile(r"(?:\d{4}-\d\d-\d\d-)?(?:talk|tutorial)-\d")),
    "_teaching": ("teaching pages", re.compile(r"(?:\d{4}-(?:spring|fall)-)?teaching-\d")),
    "_portfolio": ("portfolio pages", re.compile(r"portfolio-\d")),
}


def _other_collections(root: Path, notes: list[str]) -> None:
    """A note naming each of the site's talks, teaching and portfolio collections that
    holds pages of its own: no paper, and not imported."""
    for name, (what, sample) in _COLLECTIONS.items():
        folder = root / name
        pages = sorted(folder.glob("*.md")) if folder.is_dir() else []
        own = [p for p in pages if not sample.fullmatch(p.stem)]
        if own:
            notes.append(collection_note(folder, [p.name for p in own], what))


_SAMPLE_TITLE = re.compile(r"\s*Paper Title Number \d+\s*")
_SAMPLE_VENUE = re.compile(r"Journal \d+")


def _is_sample(work: Work) -> bool:
    """Whether a page is the template's sample: by its title, or, where only the title
    was changed ("Title REST" over "Paper Title Number 3"), by the sample's venue
    `Journal 1` with no author but the sample citation's "Your Name, You" (not read)."""
    if _SAMPLE_TITLE.fullmatch(work.title):
        return True
    return _SAMPLE_VENUE.fullmatch(work.venue or "") is not None and not work.authors


_SAMPLE_CITATION = re.compile(r"Your Name, You\. \(\d{4}\)\. \"Paper Title Number \d+\.?\"")


def _page_text(path: Path, notes: list[str]) -> str | None:
    """A file of the folder's text, if it is a page: Jekyll makes a collection's file
    without front matter (a README, an empty file) no page but copies it as it is, and
    one such file stopped the whole import."""
    text = read_text(str(path))
    if text.lstrip("\ufeff").split("\n", 1)[0].strip() == "---":
        return text
    notes.append(
        f"{path}: not a publication page (no '---' front matter; Jekyll copies such a "
        "file as it is), not imported"
    )
    return None


def _other_pages(pubs: Path) -> list[Path]:
    """Files of ``_publications`` with front matter and another name than ``x.md``
    (``paper2``, saved without its extension): Jekyll makes each a page of the collection,
    listed with the others, and they were left out without a word. A file without front
    matter (a PDF, a picture) Jekyll only copies, as here."""
    found = []
    for path in pubs.rglob("*"):
        hidden = any(part.startswith((".", "_")) for part in path.relative_to(pubs).parts)
        if hidden or path.suffix in (".md", ".markdown") or not path.is_file():
            continue
        with path.open("rb") as file:
            if file.readline(64).lstrip(b"\xef\xbb\xbf").strip() == b"---":
                found.append(path)
    return found


# A page of the collection that lists the others (`{% for pub in site.publications %}`),
# as some sites keep their publications page among them: no publication, and it stopped
# the import (no authors, no date).
_LISTING = re.compile(r"\{%-?\s*(?:for|assign)\b[^%]*\bsite\.publications\b")


def _listing(path: Path, text: str, notes: list[str]) -> bool:
    """Whether the page lists the site's publications; a note says it is passed over."""
    if not _LISTING.search(text):
        return False
    notes.append(
        f"{path}: a page listing the publications (its Liquid goes through "
        "site.publications), not a publication; not imported"
    )
    return True


def _page_path(path: Path) -> str:
    """A page as the old site names it (``_publications/2015-10-01-x.md``), whichever of
    its folders the import was given: the record's key to it when its title changes."""
    parts = path.absolute().parts
    if "_publications" in parts:
        at = len(parts) - 1 - parts[::-1].index("_publications")
        return "/".join(parts[at:])
    return path.name


def _bibtex_file(work: Work, page: Path, data: dict[str, Any], text: str, notes: list[str]) -> None:
    """The page's ``bibtexurl`` (the template's key since 2023: ``/files/x.bib``), read
    from the old site's ``files/`` folder as the record's BibTeX, as Hugo's ``cite.bib``.

    It was passed over without a word: the record had no DOI the .bib gave, and the
    paper page no cite.bib. The .bib's full names stand for the citation's initials
    (``A. Lee`` → ``Ann Lee``) where they are the same people.
    """
    value = data.get("bibtexurl") or data.get("bibtex_url")
    url = value.strip() if isinstance(value, str) else ""
    key = "citation" if _bibtex_citation(data) else "bibtex"
    inline = data.get(key)
    if isinstance(inline, str) and inline.strip() and not url:
        # Some sites write the paper's BibTeX in the page (`bibtex: |`), for their layout
        # to show: it was passed over, and a page without a citation had no authors.
        # Some write it as the citation: its lines were read as names ("@article{ma2025").
        line = next((n for n, t in enumerate(text.split("\n")) if t.startswith(f"{key}:")), 0)
        # (an HTML line break before each field, `<br> author={…},`, as a layout that
        # shows the entry on the page wants it: each was said to follow a value, and the
        # entry, its DOI and pages, was left out)
        inline = re.sub(r"<br\s*/?>", "\n", inline, flags=re.IGNORECASE)
        _use_bibtex(work, data, page_bibtex(page, work, notes, "", (inline, line + 1)))
        return
    if not url or re.match(r"https?://academicpages\.github\.io/files/", url):
        return  # none, or the template's sample (bibtex1.bib)
    parts = page.absolute().parts
    root = Path(*parts[: parts.index("_publications")]) if "_publications" in parts else None
    name = re.sub(r"^(?:https?://[^/]+)?/*", "", url_path(url) if "://" in url else url)
    found = root / name if root is not None and name.startswith("files/") else None
    where = f"{work.origin}:{work.line}"
    if found is None or not found.is_file() or outside(found, root or found):
        notes.append(
            f"{where}: {work.label}: bibtexurl {url} is not a file of the old site's files/ "
            "folder here; its BibTeX is not imported (add it as the record's bibtex: by hand)"
        )
        return
    _use_bibtex(work, data, page_bibtex(found, work, notes, f" for {work.label}"))


def _bibtex_citation(data: dict[str, Any]) -> bool:
    """Whether the page's ``citation`` is a BibTeX entry (`'@article{ma2025phyblock, …}'`),
    with no ``bibtex`` of its own."""
    citation = data.get("citation")
    return (
        isinstance(citation, str)
        and not data.get("bibtex")
        and bool(re.match(r"\s*@[a-zA-Z]+\s*\{", citation))
    )


def _use_bibtex(work: Work, data: dict[str, Any], bib: Work | None) -> None:
    """The page's BibTeX entry as the record's, its DOI and arXiv id; its full names for
    the citation's initials where they are the same people, or where the page names none."""
    if bib is None:
        return
    work.bibtex = bib.bibtex
    fill_locators(work, bib)
    work.doi = work.doi or bib.doi
    work.arxiv_id = work.arxiv_id or bib.arxiv_id
    same = _surnames(work.authors) == _surnames(bib.authors)
    if "authors" not in data and (same or not work.authors):
        work.authors = bib.authors


def _surnames(names: list[str]) -> list[str]:
    """Each name's surname and first initial, as a citation's ``A. Lee`` has them."""
    keys = [name_key(n).split() for n in names]
    return [f"{k[-1]} {k[0][0]}" if len(k) > 1 else "".join(k) for k in keys]


def _dashed(date: str) -> str:
    """``2019/10/01`` (or with points) as ``2019-10-01``: Jekyll and spreadsheets read it
    as that day, and it was dated 2019 alone."""
    slashed = re.fullmatch(r"(\d{4})[/.](\d{1,2})(?:[/.](\d{1,2}))?", date.strip())
    return "-".join(part for part in slashed.groups() if part) if slashed else date


def _markdown(path: Path, page: str, notes: list[str]) -> Work:
    """The work of one page, from its text ``page``."""
    origin = str(path)
    data, body = read_front_matter(page, origin)
    work = Work(origin, 1, f"publication {path.stem!r}")
    work.imported_from = f"academicpages {_page_path(path)}"
    data, body = _one_language(data, body, work, page, notes)
    unreadable_name(path, path.name, work, notes)
    # Jekyll shows a title's HTML as HTML (`<i>Anopheles</i>`); here it showed the tags.
    work.title = fold_space(html_to_markdown(str(data.get("title") or ""), page=True))
    # Jekyll dates a collection page by its file name when the front matter has no date.
    named = _FILE_DATE.match(path.name)
    written = _dashed(as_date(data.get("date")).strip())
    work.date = normalise_date(written or (named.group(1) if named else ""))
    if written and not work.date:  # `date: 10/14/21`: not read as "has no date"
        if not named:
            raise ContentError([work.problem(
                f"date {written!r} is not YYYY-MM-DD; write it as {iso_hint(written, '2021-10-14')}"
            )])  # fmt: skip
        work.date = named.group(1)
        notes.append(
            f"{origin}:1: {work.label}: date {written!r} is not YYYY-MM-DD; dated "
            f"{work.date} by its file name (write date: {work.date} to keep it)"
        )
    # A link key written in the body, below the front matter (`paperurl: [https://…](…)`):
    # the page's link, not a line of its abstract.
    for found in _BODY_KEY_LINK.finditer(body):
        key = found.group(1).lower()
        if key in LINKS and not data.get(key):
            data = {**data, key: found.group(2) or found.group(3)}
    body = _BODY_KEY_LINK.sub("", body)
    if not data.get("citation") and data.get("authors") is None:
        # The older generator wrote the citation into the body alone ("Recommended
        # citation: Agarap, A. F. (2017). …"), with none in the front matter: every such
        # page was refused, "has no authors", and with it the whole import.
        cited = _BODY_CITATION.search(without_html_comments(body))
        if cited:
            data = {**data, "citation": fold_space(cited.group(1))}
        elif byline := _byline(body):
            # The names as the body's first line (`**Abdulrahman Kerim**, Felipe Chamone,
            # …`), the owner in bold, as sites write them under the title: the page was
            # refused, "has no authors", and the names were the abstract's first line.
            data = {**data, "authors": byline[0]}
            body = byline[1]
    _common(work, data, notes)
    _bibtex_file(work, path, data, page, notes)
    # `published: false` is Jekyll's way to keep a page off the site: it stays off here
    # (a draft), where it was listed as a paper.
    work.draft = data.get("published") is False
    # An `abstract:` key (many sites add one, and show it in their own layout) is the
    # abstract; it was left behind, and an empty body gave the paper none.
    stated = data.get("abstract")
    own = stated.strip() if isinstance(stated, str) else ""
    # (`{% link _publications/x.md %}`, `{{ '/x/' | relative_url }}`: the address, which
    # the import rewrites as this site's: see old_links)
    liquid = without_liquid(template_addresses(body, jekyll=True), data)
    body = _without_boilerplate(_lead_links(work, without_html_comments(liquid)))
    excerpt = "" if _excerpt_names(data) else _own(str(data.get("excerpt") or ""))
    text = own or body or excerpt
    work.abstract = fold_markdown(unescape(text))
    note = site_links_note(work.abstract, f"{origin}:1", work.label)
    notes.extend([note] if note else [])
    return work


# A bilingual fork's page (pedroiff0/webpage): `title: {en: …, pt: …}`, the citation so
# too, and the body a `<div class="lang-en" markdown="1">` for each language, shown as the
# reader chooses. The record's title was the mapping's text ("{'en': 'Stellar …', 'pt':
# …}"), its one author "{'en':", and its abstract both languages with their tags.
_BILINGUAL_KEYS = ("title", "citation", "venue", "excerpt", "abstract")
_LANGUAGE_KEY = re.compile(r"[a-z]{2}(?:[-_][A-Za-z]{2,4})?")
_LANGUAGE_DIV = re.compile(r"<div\s+class=[\"']lang-([A-Za-z_-]+)[\"'][^>]*>(.*?)</div>", re.S)


def _one_language(
    data: dict[str, Any], body: str, work: Work, page: str, notes: list[str]
) -> tuple[dict[str, Any], str]:
    """A bilingual page's front matter and body in its first language, as the page writes
    them (its pages' default), with a note naming the others."""
    texts = {key: data[key] for key in _BILINGUAL_KEYS if _by_language(data.get(key))}
    if not texts:
        return data, body
    first = next(iter(next(iter(texts.values()))))
    chosen = {key: value.get(first) or next(iter(value.values())) for key, value in texts.items()}
    blocks = {found.group(1): found.group(2) for found in _LANGUAGE_DIV.finditer(body)}
    others = sorted({language for value in texts.values() for language in value} - {first})
    keys = " and ".join(f"`{key}`" for key in texts)
    line = next((n for n, text in enumerate(page.split("\n"), 1) if text.startswith("title")), 1)
    notes.append(
        f"{work.origin}:{line}: {work.label}: {keys} give a text in each language "
        f"({', '.join([first, *others])}): the first, {first}, is imported"
        + (" with the body's part in it" if first in blocks else "")
        + f", as a record is in one language (add the {', '.join(others)} to the record by "
        "hand where you want it)"
    )
    return {**data, **chosen}, blocks.get(first, body)


def _by_language(value: Any) -> bool:
    """Whether ``value`` is a text in each of some languages: `{en: …, pt: …}`."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(k, str) and _LANGUAGE_KEY.fullmatch(k) for k in value)
        and all(isinstance(v, str) for v in value.values())
    )


# academicpages' generator writes these lines into every body; they are links and a
# citation (both kept elsewhere in the record), not the abstract.
_BOILERPLATE = re.compile(
    r"^\s*(\[download (paper|slides) here\]|<a\s[^>]*>\s*download (paper|slides) here"
    r"|recommended citation:"  # the older generator wrote the link as HTML
    r"|the contents above will be part of a list of publications)",  # the sample page's text
    re.I,
)


# A front matter link written as a Markdown link, `[text](https://…)`: its address
_VALUE_LINK = re.compile(r"\[[^\[\]\n]*\]\(\s*<?(https?://[^()\s<>]+)>?\s*\)")
_BODY_KEY_LINK = re.compile(
    r"^[ \t]*((?:paper|slides)_?url)[ \t]*:[ \t]*"
    r"(?:\[[^\[\]\n]*\]\((https?://[^()\s]+)\)|<?(https?://[^\s<>]+)>?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _byline(body: str) -> tuple[list[str], str] | None:
    """The names a body's first paragraph lists, if it is only names, and the body after
    it; None where it is not."""
    first, _, rest = body.strip().partition("\n\n")
    plain = re.sub(r"\*\*|__|<[^<>]*>", "", unescape(first))
    if "\n" in first.strip() or "," not in plain:
        return None
    names = _only_names(fold_space(NAME_MARKS.sub("", plain)))
    return (names, rest) if len(names) >= 2 else None


# The citation paragraph of a body, after its label (`Recommended citation: …`,
# `**Recommended citation:** …`): up to the paragraph's end.
_BODY_CITATION = re.compile(
    r"^[ \t]*(?:\*\*|__)?recommended citation[ \t]*:?[ \t]*(?:\*\*|__)?[ \t]*:?[ \t]*"
    r"([^\s:].*?)[ \t]*(?:\n[ \t]*\n|\Z)",
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)


# Jekyll's kramdown reads `{:target="_blank"}` or `{: .notice}` after a link or paragraph
# as its attributes; CommonMark shows it as text. A body that starts with an "Abstract"
# label (`Abstract`, `**Abstract:**`, `## Abstract`) holds the abstract after it.
KRAMDOWN_ATTRIBUTES = re.compile(r"\{:[^{}\n]*\}")
_ABSTRACT_LABEL = re.compile(
    r"^\s*(?:#{1,6}[ \t]*abstract[ \t]*:?[ \t]*\n"  # a heading
    r"|(?:\*\*|__)abstract[ \t]*:?[ \t]*(?:\*\*|__)[ \t]*:?"  # bold, its colon in or after
    r"|abstract[ \t]*:"  # a label and its colon
    r"|abstract[ \t]*(?=\n|<br))"  # a line of its own ("Abstract interpretation" is text)
    r"\s*(?:<br\s*/?>)?\s*",
    re.IGNORECASE,
)


_SAMPLE_EXCERPT = re.compile(
    r"\s*This paper is about the number \d+\. The number \d+ is left for future work\.?\s*"
)


def _own(excerpt: str) -> str:
    """An excerpt, unless it is the template's sample ("This paper is about the number 1.")."""
    return "" if _SAMPLE_EXCERPT.fullmatch(excerpt) else excerpt


# Jekyll runs a page's body through Liquid: its tags (`{% include citations.html %}`) and
# the site's and page's values showed on the new site as written. A tag (or `{{ }}`)
# holds no brace (nor a line end): from each `{%` of a run, the scan for its end stops at
# the next, not at the end of the body.
_LIQUID_BLOCK = re.compile(r"\{%-?[ \t]*(raw|comment)[ \t]*-?%\}")
_LIQUID_END = {
    "raw": re.compile(r"\{%-?[ \t]*endraw[ \t]*-?%\}"),
    "comment": re.compile(r"\{%-?[ \t]*endcomment[ \t]*-?%\}"),
}
# A tag may span lines (`{% include figure.liquid path="…"` / `class="…" %}`, as al-folio's
# about pages write one) and hold a value (`path="{{ site.baseurl }}/x.jpg"`); it holds no
# other brace, and is at most 1,000 characters long.
_LIQUID_TAG = re.compile(r"\{%(?:[^{}%]|%(?!\})|\{\{[^{}]*\}\}){0,1000}?%\}")
_TAG_NAME = re.compile(r"\{%-?\s*(\w+)")
# The tags whose text is not shown where it stands: a loop's (the site's data, each item's
# fields, which the page filled in), a captured value's
_BODY_DROPPED = {"for": "endfor", "tablerow": "endtablerow", "capture": "endcapture"}
_BRANCHED = {"if": "endif", "unless": "endunless", "case": "endcase"}
# The values Jekyll fills in: the page's own (`{{ page.venue }}`) and the site's address
# (`{{ base_path }}`, `{{ site.url }}`), with any filters; other `{{ }}` (TeX's `{{a}}`)
# is left as it is.
_LIQUID_VALUE = re.compile(r"\{\{-?[ \t]*(page\.\w+|site\.\w+|base_path)\b[^{}\n]*?-?\}\}")


def without_liquid(body: str, data: dict[str, Any]) -> str:
    """The body as Jekyll's Liquid renders it, as far as a page's text needs: tags and
    comments dropped, raw blocks kept as written, the page's values filled in."""
    out = []
    at = 0
    while at < len(body):
        block = _LIQUID_BLOCK.search(body, at)
        if block is None:
            out.append(_liquid_text(body[at:], data))
            break
        out.append(_liquid_text(body[at : block.start()], data))
        end = _LIQUID_END[block.group(1)].search(body, block.end())
        inside = body[block.end() : end.start() if end else len(body)]
        out.append(inside if block.group(1) == "raw" else "")
        at = end.end() if end else len(body)
    return "".join(out)


def _liquid_text(text: str, data: dict[str, Any]) -> str:
    """Text outside raw blocks: tags dropped, the page's values filled in."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        found = data.get(name[5:]) if name.startswith("page.") else None
        return str(found) if isinstance(found, (str, int, float)) else ""

    kept = []
    at = 0
    for tag, dropping in liquid_tags(text):
        kept.append(text[at : tag.start()] if not dropping else "")
        at = tag.end()
    kept.append(text[at:])
    return _LIQUID_VALUE.sub(value, "".join(kept))


def liquid_tags(text: str) -> list[tuple[re.Match[str], bool]]:
    """Each Liquid tag of ``text``, and whether the text before it (since the tag before)
    is left out: the text between `{% if %}` and `{% endif %}` is kept as far as the first
    `{% else %}` or `{% elsif %}` (Jekyll's values chose one branch, and the page showed
    that one, not all), a `{% case %}`'s first `{% when %}`; a loop's or a capture's text,
    not shown where it stands, is left out."""
    found: list[tuple[re.Match[str], bool]] = []
    frames: list[list[Any]] = []  # [the tag that ends it, its text left out, branches seen]
    for tag in _LIQUID_TAG.finditer(text):
        name = _TAG_NAME.match(tag.group(0))
        word = name.group(1) if name else ""
        found.append((tag, any(frame[1] for frame in frames)))
        if word in _BODY_DROPPED:
            frames.append([_BODY_DROPPED[word], True, 0])
        elif word in _BRANCHED:  # a case's text before its first `when` is none
            frames.append([_BRANCHED[word], word == "case", 0])
        elif word in ("else", "elsif", "when") and frames and frames[-1][0] in _ENDS:
            frame = frames[-1]
            frame[2] += 1
            frame[1] = not (frame[0] == "endcase" and word == "when" and frame[2] == 1)
        elif frames and word == frames[-1][0]:
            frames.pop()
    return found


_ENDS = frozenset(_BRANCHED.values())


# Jekyll shows no HTML comment (`<!--This paper is about the number 1…-->` left above the
# text): it stayed, and the "Abstract :" label after it with it.
# A page's links above its abstract (`[[PDF]](https://arxiv.org/abs/1907.13220)`, then
# `## Abstract`), as a common variant of the template writes them; Markdown or HTML.
_BODY_LINK = re.compile(
    r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\((\S+?)\)|<a\s[^<>]*?href\s*=\s*[\"']([^\"'<>]+)[\"'][^<>]*>([^<>]*)</a>",
    re.IGNORECASE,
)
_ABSTRACT_LINE = re.compile(r"(?:#{1,6}[ \t]*|\*\*|__)?abstract[ \t]*:?[ \t]*(?:\*\*|__)?:?", re.I)


def _lead_links(work: Work, body: str) -> str:
    """The body from its "Abstract" heading on, where only links come before it: those
    links are the paper's (an arXiv page its arXiv id). They were the abstract's first
    line, the heading a line of text after them, and the record had no arXiv id."""
    lines = body.split("\n")
    heading = next(
        (i for i, line in enumerate(lines) if _ABSTRACT_LINE.fullmatch(line.strip())), None
    )
    lead = "\n".join(lines[:heading]) if heading else ""
    urls = [unescape(m.group(2) or m.group(3)) for m in _BODY_LINK.finditer(lead)]
    if (
        not urls
        or not re.fullmatch(r"[\s\[\]|·•,;/-]*", _BODY_LINK.sub("", lead))
        or not all(url.startswith(("https://", "http://")) for url in urls)
    ):
        return body  # text, or a link to the old site's own file (a note names it)
    for match in _BODY_LINK.finditer(lead):
        label, url = (match.group(1), match.group(2)) if match.group(2) else match.group(4, 3)
        label, url = label.strip(" []"), unescape(url)
        arxiv = split_arxiv_id(url) if "arxiv.org/" in url else None
        if arxiv:
            work.arxiv_id = work.arxiv_id or arxiv[0]
            work.links.setdefault("arxiv", f"https://arxiv.org/abs/{work.arxiv_id}")
        else:
            work.links.setdefault(_lead_link_name(label, url), url)
    return "\n".join(lines[heading + 1 :]) if heading else body


def _lead_link_name(label: str, url: str) -> str:
    """A link's name in the record, from the text the page showed: ours where it is one
    of ours or a form of one (`[Code]`, `[Slide]`), `pdf` or `paper` for the paper itself,
    else the text itself (`[Demo1]`), which the page showed; a text a record would take
    for a typo of ours (`[core]`, CORE's copy) with `link` after it, not our code."""
    name = fold_space(label.strip(" []"))
    kind = OWN_LINKS.get(name.lower()) or ours(name.lower())
    if kind:
        return kind
    if name.lower() in ("pdf", "paper", "link", "html", "publisher", "full text") or not name:
        return "pdf" if url_path(url).lower().endswith(".pdf") else "paper"
    return f"{name} link" if typo_of_ours(name) else name


def _without_boilerplate(body: str) -> str:
    """The body without the generator's "Download paper here" and citation paragraphs,
    kramdown's attribute lists and an "Abstract" label."""
    text = _ABSTRACT_LABEL.sub("", KRAMDOWN_ATTRIBUTES.sub("", body).strip(), count=1)
    paragraphs = re.split(r"\n\s*\n", text)
    # (and the older sample page's body, "This paper is about the number 1. …", kept under
    # a real paper's title: it was the paper's abstract, its own excerpt passed over)
    kept = (p for p in paragraphs if not _BOILERPLATE.match(p) and not _SAMPLE_EXCERPT.fullmatch(p))
    return "\n\n".join(p for p in kept if p.strip()).strip()


def _tsv(path: Path, notes: list[str]) -> list[Work]:
    origin = str(path)
    delimiter = "," if path.suffix == ".csv" else "\t"
    rows = csv.DictReader(io.StringIO(read_text(origin)), delimiter=delimiter)
    works = []
    problems: list[Problem] = []
    for number, row in enumerate(_rows(rows, origin), start=2):
        clean = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if not any(clean.values()):
            continue  # a row of empty cells, as spreadsheets leave at the end
        cells = sum(1 for k, v in row.items() if k and v is not None)
        columns = sum(1 for k in rows.fieldnames or [] if k)
        if cells == 1 < columns:  # said "has no title" and "has no authors" of a whole row
            message = (
                f"row {number} is one cell where the header names {columns}: its cells are "
                + (
                    "not separated by commas"
                    if delimiter == ","
                    else "not separated by tabs (did an editor turn the tabs into spaces?)"
                )
            )
            problems.append(Problem(origin, number, message))
            continue
        # An address in the url_slug column (ADS's page of the paper, in a site's TSV) is
        # the paper's link: it named the row and the page ("2021-https://ui.adsabs…"),
        # which the template's generator cannot write, and the link was lost.
        address = clean.get("url_slug", "") if safe_url(clean.get("url_slug", "")) else ""
        if address:
            clean["url_slug"] = ""
        work = Work(origin, number, f"row {clean.get('url_slug') or number}")
        if address:
            _one_link(work, "url_slug", "paper", address, notes)
        if clean.get("url_slug") and clean.get("pub_date"):
            # The page the template's generator makes of the row (`{pub_date}-{url_slug}.md`):
            # the row and its page are one key, whichever of them a record came from.
            page = f"{clean['pub_date'].strip()}-{clean['url_slug'].strip()}.md"
            work.imported_from = f"academicpages _publications/{page}"
        work.title = fold_space(html_to_markdown(clean.get("title", ""), page=True))
        work.date = normalise_date(_dashed(clean.get("pub_date", "")))
        sample = _SAMPLE_TITLE.fullmatch(work.title) is not None
        if clean.get("pub_date") and not work.date and not sample:  # 10/1/2009: Excel's
            # way of saving it. (The template's sample rows, which are not imported, are
            # no problem: AnnaCorriveau's TSV was refused for their `10/1/10` too.)
            message = (
                f"pub_date {clean['pub_date']!r} is not YYYY-MM-DD (did a spreadsheet rewrite "
                f"it?); write it as {iso_hint(clean['pub_date'], '2009-10-01')}"
            )
            problems.append(work.problem(message))
            continue
        work.abstract = fold_paragraphs(_own(clean.get("excerpt", "")))
        _common(work, clean, notes)
        if not work.authors and 1 < cells < columns:
            # A cell left out before the last (its tab with it): the cells after it were
            # read into the wrong columns, a PDF's address as the citation, and the row
            # was said to name no authors, which its excerpt had.
            names = ", ".join(k for k in rows.fieldnames or [] if k)
            message = (
                f"has no authors, and has {cells} cells where the header names {columns} "
                f"({names}): a cell is missing, and those after it are read into the "
                f"wrong columns (its citation is {clean.get('citation', '')!r}); add the "
                "missing cell, or an 'authors' column"
            )
            problems.append(work.problem(message))
            continue
        works.append(work)
    if problems:
        raise ContentError(problems)
    if not works:
        raise ContentError([Problem(origin, 1, "the TSV has no rows")])
    return works


# The year in parentheses after a citation's names, as APA and the template write it:
# `(2020)`, SSRN's `(April 30, 2020)`, and APA's of a conference paper, its month after
# the year (`(2018, November)`, `(2019, June 15-20)`), as Google Scholar's "Cite" gives
# every conference paper: its names ran on into the date ("C. (2018", "November)").
_PAREN_YEAR = (
    r"\((?:[A-Z][a-z]+\.? (?:\d{1,2}, )?)?(\d{4})[a-z]?"
    r"(?:,[ \t]*[A-Z][a-z]+\.?(?:[ \t]+\d{1,2}(?:[ \t]*[-–][ \t]*\d{1,2})?)?)?\)"
)
_CITED_YEAR = re.compile(_PAREN_YEAR)


def _date_against_citation(work: Work, citation: str, notes: list[str]) -> None:
    """A note where the page's date is years away from its citation's: a row or page
    copied from the template's samples keeps their dates (2009-10-01, 2010-10-01,
    2015-10-01) under a citation of 2022, and the paper was listed as of 2010. (A year
    apart is a working paper cited before it appeared, or after.)"""
    cited = _CITED_YEAR.search(citation)
    if cited and work.date and abs(int(work.date[:4]) - int(cited.group(1))) > 1:
        where = work.where
        notes.append(
            f"{where}: {work.label}: dated {work.date}, but its citation says "
            f"({cited.group(1)}); the record keeps {work.date}: change the date if the "
            f"paper appeared in {cited.group(1)}"
        )


def _rows(rows: csv.DictReader[str], origin: str) -> Iterator[dict[str, Any]]:
    """The TSV's rows; one the csv module cannot read (a cell over its 128 KB limit, an
    unclosed quote at the end) is a located problem, not a traceback."""
    try:
        yield from rows
    except csv.Error as exc:
        line = rows.reader.line_num  # the line that failed (the DictReader's is the last read)
        raise ContentError([Problem(origin, line, f"cannot read the TSV: {exc}")]) from None


def _common(work: Work, data: dict[str, Any], notes: list[str]) -> None:
    """Fields shared by the Markdown files and the TSV."""
    # The template's samples, and the sites made from them, date a paper known by its year
    # alone on 1 January (`date: 2019-01-01`, a row's `2018-01-01`)
    work.year_padded = work.date.endswith("-01-01")
    citation = unescape(str(data.get("citation") or ""))
    if _SAMPLE_CITATION.search(citation) and not _SAMPLE_TITLE.fullmatch(work.title):
        # The template's sample citation left on a real paper's row (a site that filled in
        # its titles and links only): its "Your Name, You" was the paper's author, and
        # its 2009 said to be the paper's year.
        data = {**data, "citation": ""}
        notes.append(
            f"{work.where}: {work.label}: its citation is the academicpages template's "
            'sample ("Your Name, You. … Paper Title Number …"), not this paper\'s: not read'
        )
    venue = re.sub(r"</?[a-zA-Z][^<>]*>", "", str(data.get("venue") or ""))  # `<i>Nature</i>`
    # (a comma left at its end, as copied out of a citation: DynVarMIP's `Geosci. Model
    # Dev.,`, which the card showed so)
    work.venue = fold_space(unescape(venue)).rstrip(" ,;") or None
    _cited_locators(work, citation, notes)
    # Forks that group their publications page by a `type` key instead (LucasMonaldi's
    # `type: journal`, `type: conference`): the records had no type, as a `category`'s did.
    work.type = CATEGORY_TYPES.get(
        fold_space(str(data.get("category") or data.get("type") or "")).lower()
    )
    _cited_thesis(work, citation)
    authors = data.get("authors")
    if isinstance(authors, list):
        # A list of `{name: …, orcid: …}`, as JOSS's paper.md writes authors: each name
        # (the record listed "{'name': 'Ann Lee', …}").
        names = [a.get("name") if isinstance(a, dict) else a for a in authors]
        work.authors = [n for n in (_unmarked(str(a)) for a in names if a is not None) if n]
    elif isinstance(authors, str) and _unmarked(authors):
        work.authors = split_names(_unmarked(authors))
    elif not _bibtex_citation(data):
        work.authors = authors_from_citation(str(data.get("citation") or ""), work.title)
    if not work.authors and authors is None and not _bibtex_citation(data):
        work.authors = _excerpt_names(data)
        if work.authors:
            where = work.where
            notes.append(
                f"{where}: {work.label}: no citation; the authors are the names its excerpt "
                f"lists ({', '.join(work.authors)}); write an 'authors:' list to name others"
            )
    _date_against_citation(work, str(data.get("citation") or ""), notes)
    for key, link in {**LINKS, **OWN_LINKS}.items():
        value = data.get(key)
        url = value.strip() if isinstance(value, str) else ""  # `github: true` is no link
        # a Markdown link as the value (`paperurl: '[CVPR2023](https://…pdf)'`), as the
        # page's body writes one: its address ("not an http(s) address", and lost)
        written = _VALUE_LINK.fullmatch(url)
        _one_link(work, key, link, written.group(1) if written else url, notes)
    for label, url in _listed_links(data.get("links")):
        arxiv = "arxiv.org/" in url and split_arxiv_id(url)
        link = "arxiv" if arxiv else _lead_link_name(label, url)
        _one_link(work, f"links {label!r}", link, url, notes)
    # A `permalink` that is a full address (`https://arxiv.org/abs/2103.07101`, the
    # publisher's page or PDF), as forks point a paper's title at the paper itself: the
    # paper's link (read after the page's own links), which was lost without a word.
    permalink = data.get("permalink")
    address = permalink.strip() if isinstance(permalink, str) else ""
    if re.match(r"https?://", address, re.IGNORECASE):
        arxiv = "arxiv.org/" in address and split_arxiv_id(address)
        _one_link(
            work, "permalink", "arxiv" if arxiv else _lead_link_name("", address), address, notes
        )
    if data.get("doi"):
        work.doi = str(data["doi"])
    else:
        work.doi = _cited_doi(citation)
    work.isbn = first_isbn(data.get("isbn"))
    work.edition = page_edition(data.get("edition"))


# A DOI in a citation, as APA ends one (`…, 18(2), 63–70. https://doi.org/10.18359/rfcb.7052`)
# and others write it (`doi: 10.1000/x`, `DOI:10.1000/x.`)
_CITED_DOI = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*)(10\.\d{4,9}/[^\s<>\"']+)", re.IGNORECASE
)


def _cited_doi(citation: str) -> str | None:
    """The one DOI a page's citation gives, where the page has no ``doi`` key: the record
    had none, and the paper's page showed no DOI link (LucasMonaldi's citations end with
    the DOI's address, their only link to the paper). Two DOIs name no one paper: None."""
    text = re.sub(r"</?[a-zA-Z][^<>]*>", " ", citation)
    found = {m.group(1).rstrip(".,;)") for m in _CITED_DOI.finditer(text)}
    return parse_doi(found.pop()) if len(found) == 1 else None


# What follows the venue in an APA citation: `, 87(1), 287-305.` (or `, 87, 287-305`),
# a DOI or address after it allowed
_APA_TAIL = re.compile(
    r"\s*,\s*(\d+)(?:\s*\((\d+(?:[-–]\d+)?)\))?\s*,\s*((?:pp?\.\s*)?[A-Za-z]?\d+"
    r"(?:\s*[-–—]+\s*[A-Za-z]?\d+)?)\s*[.,]?(?:\s*(?:https?://|doi:)\S*)?\s*$",
    re.IGNORECASE,
)


def _cited_locators(work: Work, citation: str, notes: list[str]) -> None:
    """The volume, issue and pages of an APA citation whose venue is the page's (`…
    <i>Natural Hazards</i>, 87(1), 287-305.`): the record holds them, and they were lost.
    Only that shape, after that venue: `Nature Climate Change, (8), 561–562` says no more
    which number is the volume, and is left unread."""
    text = fold_space(re.sub(r"</?[a-zA-Z][^<>]*>", "", citation)).replace("*", "")
    # An en dash saved by a Mac spreadsheet and read back as Latin-1 (Mac Roman's 0xD0 is
    # "–", Latin-1's "Ð"): AnnaCorriveau's `Cortex, 158, 71Ð82.` lost its volume and pages.
    text = re.sub(r"(?<=\d)Ð(?=\d)", "–", text)
    venue = work.venue or ""
    at = text.casefold().rfind(venue.casefold()) if venue else -1
    found = _APA_TAIL.match(text, at + len(venue)) if at >= 0 else None
    if found is not None:
        work.volume, work.issue, work.pages = found.groups()
    else:
        # APA's pages of a paper in proceedings or a book, `In Proceedings of … (pp.
        # 47-58).`, as Google Scholar's citation gives them: a venue written otherwise on
        # the page (Arnaud-GS/arnaud-gs.github.io's `venue: '… 17th International
        # Conference (IPMU 2018)'` beside the citation's `…, IPMU 2018, Cádiz, Spain, …`)
        # is no matter, as the group names pages alone. Read where the citation holds one.
        groups = _APA_PAGES.findall(text)
        if len(groups) != 1:
            return
        work.pages = groups[0]
    notes.extend(drop_bad_locators(work))


# `(pp. 47-58)`, `(p. 12)`: APA's pages in a book or proceedings
_APA_PAGES = re.compile(r"\(pp?\.\s*([A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?)\)", re.IGNORECASE)
# APA's description of a thesis after its title, with its university: APA 6's
# `(Doctoral dissertation, Université Paris-Saclay).` (Google Scholar's), APA 7's
# `[Master's thesis, University of Oslo]`
_APA_THESIS = re.compile(
    r"[(\[](?:unpublished\s+)?(doctoral\s+(?:dissertation|thesis)|ph\.?\s?d\.?\s+"
    r"(?:dissertation|thesis)|master['’]?s\s+thesis)\s*(?:,\s*([^()\[\]]+?))?\s*[)\]]",
    re.IGNORECASE,
)


def _cited_thesis(work: Work, citation: str) -> None:
    """A thesis's type and university from its APA citation, where the page gives none:
    Arnaud-GS/arnaud-gs.github.io's PhD thesis, cited `(Doctoral dissertation,
    Université Paris-Saclay)`, was a record with no venue and no type."""
    text = fold_space(re.sub(r"</?[a-zA-Z][^<>]*>", "", citation)).replace("*", "")
    found = _APA_THESIS.search(text)
    if found is None:
        return
    kind, university = found.groups()
    work.type = work.type or ("mastersthesis" if kind.lower().startswith("master") else "thesis")
    work.venue = work.venue or (university.strip(" .,") if university else None) or None


def _listed_links(value: Any) -> list[tuple[str, str]]:
    """A page's own `links:`, as forks list the buttons under a title (`- name: Code` /
    `url: https://github.com/…`): each (text, address). They were not read, and a
    paper's code, talk and thread were lost without a word."""
    found = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, dict):
            continue
        url = next((item[k] for k in ("url", "link", "href") if isinstance(item.get(k), str)), "")
        text = next((item[k] for k in ("name", "label", "title", "text") if item.get(k)), "")
        if url.strip():
            found.append((fold_space(str(text)), url.strip()))
    return found


def _one_link(work: Work, key: str, link: str, url: str, notes: list[str]) -> None:
    """One link of a page's front matter, under the record's name ``link`` for it."""
    template = re.match(r"https?://academicpages\.github\.io/files/", url) is not None
    path = url_path(url).lower()
    # "Download paper here" to the publisher's page is no PDF; OpenReview's /pdf?id= is.
    # A key that says PDF is one (`pdfurl` to Google Drive's viewer).
    if link in ("pdf", "paper") and not key.startswith("pdf"):
        link = "pdf" if path.endswith((".pdf", "/pdf")) or "/pdf/" in path else "paper"
    if template:  # the template's address: its sample files (paper1.pdf, slides2.pdf), left
        if link in KINDS:  # in place, unless the folder's files/ has it (the site's own)
            _old_file(work, link, url, None, notes)
        return
    if link == "arxiv":  # a URL or a bare id (`arxiv: "2305.14753"`)
        parsed = split_arxiv_id(url)
        work.arxiv_id = work.arxiv_id or (parsed[0] if parsed else None)
        url = f"https://arxiv.org/abs/{parsed[0]}" if parsed else ""
    if url.startswith(("https://", "http://")):
        work.links.setdefault(link, url)
    # The old site's own file: at its github.io address (a project site's too, under its
    # name: `you.github.io/chen_xie/files/`), or written from the site's root
    # (`/files/paper.pdf`, the template's way); the second was left out unsaid.
    own = bool(
        re.match(r"https?://[^/]+\.github\.io/(?:[^/?#]+/)?files/", url)
        or re.match(r"(?:\{\{\s*(?:site\.url|site\.baseurl|base_path)\s*\}\})*/?files/", url)
        # or a file's name, beside the page (`slidesurl: slides.ai`, `paperurl:
        # paper.pdf`): left out unsaid (`slides.ai` was read as the host's name)
        or (
            re.fullmatch(r"(?:[\w.-]+/)*[\w.-]+\.[a-z]\w{1,4}", url, re.IGNORECASE)
            and not bare_host(url, site_files=True)
        )
    )
    where = work.where
    if own:
        note = (
            f"{where}: {work.label}: {key} {url} is a file of the academicpages site, "
            "gone once this site replaces it; copy it into static/ and link it there "
            f"(`{link}: static/{url.rsplit('/', 1)[-1]}` under links:)"
        )
        if link not in KINDS or not _old_file(work, link, url, note, notes):
            notes.append(note)
    elif bare_host(url, site_files=True):  # `github.com/ann/tool`: left out without a word
        notes.append(no_scheme_note(f"{where}: {work.label}: {key} {url}", "Jekyll", link, url))
    elif url and not url.startswith(("https://", "http://")):  # `javascript:`, `ftp://`
        notes.append(
            f"{where}: {work.label}: {key} `{shown_id(url)}` is not an http(s) address; "
            "imported without it"
        )


def _old_file(work: Work, kind: str, url: str, note: str | None, notes: list[str]) -> bool:
    """Take the old site's ``files/`` file that ``url`` names (``/files/paper1.pdf``, at
    its github.io address too) to copy into static/papers/ as the ``kind`` of file (its
    PDF, slides, poster); False when ``url`` names no file of ``files/`` (``note`` is then
    the caller's to say)."""
    parts = Path(work.origin).absolute().parts
    if "_publications" not in parts:
        return False
    root = Path(*parts[: parts.index("_publications")])
    found = re.search(r"(?:^|/)(files/[^?#]+)$", url_path(url) if "://" in url else url)
    if found is None:
        return False
    take_pdf(work, root, root / unquote(found.group(1)), note, notes, kind)
    return True


def _excerpt_names(data: dict[str, Any]) -> list[str]:
    """The names an ``excerpt`` lists, where it holds names alone: forks show the authors
    under each title so (`'**Wanglong Lu**, [Xianta Jiang](http://…), …'`), with no
    citation, and every such page was refused for naming no authors."""
    excerpt = data.get("excerpt")
    if not isinstance(excerpt, str) or not excerpt.strip():
        return []
    words = _BODY_LINK.sub(lambda m: m.group(1) if m.group(2) else m.group(4), excerpt)
    # (and with a label before them, `Author: Bowen Ping, Shuo Wang, …`, `Authors: …`)
    return _only_names(re.sub(r"^(?:authors?|by)\s*:\s*", "", _unmarked(words), flags=re.I))


def _unmarked(names: str) -> str:
    """Names without the HTML that bolds the site's owner (``<b><u>Bo Chen</u></b>``) and
    the marks of equal contribution (``J Krause*``): the records named "<strong>A Vasile*"."""
    return fold_space(PERSON_MARKS.sub("", re.sub(r"<[^<>]*>", "", unescape(names)))).strip(" ;,")


_ELLIPSIS = re.compile(r"(?:\.\s?){3}|…")
_ELLIPSIS_BEFORE = re.compile(r"^(?:(?:\.\s?){3}|…)\s*(?=\S)")
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?[\s-]*)+$|^\w+\.$")
# A given name after its surname: a word, then any initials ("David", "Austin L.").
_GIVEN = re.compile(r"^[^\W\d_][\w'’-]*\.?(?:\s+[^\W\d_]\.?)*$")
# Two or three given names, each a capital's ("Aida Mostafazadeh", "Mary Ann L.").
_GIVEN_NAMES = re.compile(r"^[^\W\d_a-z][\w'’-]*\.?(?:\s+[^\W\d_a-z][\w'’-]*\.?){1,2}$")
# `, &`, ` and `: one more name follows. Blanks before it are matched from the first of
# their run only (the lookbehind): from each of a long run's blanks, each scanning the rest,
# the split took time with the square of the run's length.
_AND = re.compile(r"(?:(?<!\s)\s+)?(?:,\s*)?(?:&|\band\b)\s*")


def split_names(text: str) -> list[str]:
    """Names in any of the orders citation styles write them.

    ``A. Smith, B. Doe and C. Lee``; ``Smith, A., Doe, B., & Lee, C.`` (APA);
    ``Smith, Ann and Doe, Bo`` (BibTeX's); ``Smith, Ann, Bo Doe, and Cy Lee`` (Chicago:
    the first name inverted); ``Smith, Ann, Doe, Bo``. A surname holds no initials.
    ``Smith, Ann; Doe, Bo`` (Scopus's and Web of Science's lists) is a name between each
    `;`: read at its commas only, "Ann; Doe" was one name.
    """
    if ";" in text:
        return [name for part in text.split(";") for name in split_names(part)]
    parts = [p.strip(" ,") for p in _AND.split(text.strip(" ,")) if p.strip(" ,")]
    if len(parts) > 1 and all(p.count(",") == 1 for p in parts):  # "Last, First and ..."
        return [_tidy(f"{_given(p.split(',')[1])} {p.split(',')[0]}") for p in parts]
    # each token with whether it opens a part: a "Last, First" pair never spans an `&`
    # (`Schneider & Bitsch` are two people, not "Bitsch Schneider")
    marked = [
        (t.strip(), n == 0)
        for p in parts
        for n, t in enumerate(x for x in p.split(",") if x.strip())
    ]
    # Google Scholar's APA leaves the authors after the sixth out, `Zhang, H., ... &
    # Ierapetritou, M. G.`: the `...` was read as a given name ("Ierapetritou ..", then
    # "M. G." alone). Between names it goes; at the end it is the "et al." it means.
    if marked and _ELLIPSIS.fullmatch(marked[-1][0]):
        marked[-1] = ("et al.", marked[-1][1])
    # (APA 7 itself, as Zotero prints it, writes no `&` after it: `Huang, C., …
    # Ierapetritou, M. G.`, whose name was "M. G. … Ierapetritou")
    marked = [
        (_ELLIPSIS_BEFORE.sub("", t), opens) for t, opens in marked if not _ELLIPSIS.fullmatch(t)
    ]
    tokens = [t for t, _ in marked]
    opening = {n for n, (_, opens) in enumerate(marked) if opens and n}
    if all(_HAN_NAME.fullmatch(t) for t in tokens):  # 赵汉理, 刘影: no "Last, First" pairs
        return tokens
    # China's GB/T 7714 writes PubMed's order and ends a long list with "et al.".
    cut = tokens[-1:] if len(tokens) > 1 and is_truncation(tokens[-1]) else []
    if vancouver_names(tokens[: len(tokens) - len(cut)]):
        return vancouver_names(tokens[: len(tokens) - len(cut)]) + cut
    names = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if index + 1 in opening:
            following = ""  # another person's name, after `&` or `and`
        surname = len(token.split()) <= 3 and not any(
            re.fullmatch(r"[^\W\d_]\.?", word) for word in token.split()
        )
        # MLA and Chicago invert the first author alone, whose given names may be two
        # or three words (`Davani, Aida Mostafazadeh, et al.`: "Davani" and "Aida
        # Mostafazadeh" were two people).
        first = index == 0 and len(token.split()) == 1 and _GIVEN_NAMES.match(following)
        if (
            following
            and surname
            and (_INITIALS.match(following) or _GIVEN.match(following) or first)
        ):
            names.append(f"{_given(following)} {token}")  # "Last, First" order
            index += 2
        else:
            names.append(token)
            index += 1
    return [_tidy(n) for n in names]


def _given(given: str) -> str:
    """A given name after its surname without the period that ended the list's sentence
    (`de La Fayette, Marie-Thérèse. (2019)`, `Smith, John and Doe, Jane. (2019)`): the
    records named "Marie-Thérèse. de La Fayette" and "Jane. Doe". An initial's stays
    (`Ann L.`, `M.-T.`)."""
    return re.sub(r"(?<=[^\W\d_]{2})\.$", "", given.strip())


def _tidy(name: str) -> str:
    """A name without the period that ended its sentence ("Austin L. Wright.")."""
    name = fold_space(name)
    last = name.split()[-1] if name.split() else ""
    if last.endswith(".") and len(last) > 2 and last.lower() not in ("jr.", "sr.", "al."):
        name = name[:-1]
    return name


def _et_al(names: list[str]) -> list[str]:
    """``Ali Omrani et al.`` (MLA, Chicago) as the name and the list's end, ``et al.``."""
    out: list[str] = []
    for name in names:
        match = re.fullmatch(r"(.+?),?\s+et\s+al\.?", name)
        out += [match.group(1), "et al."] if match else ["et al." if is_truncation(name) else name]
    return out


# Where the names of a citation end: a year in parentheses ("(2020)", SSRN's "(April 30,
# 2020)") or a quoted title; pandas writes an empty cell as "nan".
# A year ending the names (ACL's "Lee. 2023."), its run of blanks and stops entered only
# at its start, for the same reason.
_TRAILING_YEAR = re.compile(r"(?<![\s.,])[\s.,]*\d{4}[a-z]?[\s.,]*$")
# The year after the names, where a citation has no title to find them by: the ACM
# Reference Format's, a sentence of its own (`Ann Lee and Bo Chen. 2023. Title.`), and
# astronomy's (AAS, A&A, MNRAS), before the journal (`Xie, C., Lee, A., et al. 2021, AJ,
# 162, 214`; MNRAS's with a comma, `Dantas M. L. L., 2024, arXiv:…`), which has no title.
_YEAR_AFTER_NAMES = re.compile(r"\.,?\s+\d{4}[a-z]?(?:\.(?:\s|$)|,\s)")
# MNRAS's names, the surname before the initials (pedroiff0/webpage's `de Andrade P. H. R.,
# Soja A. C., Dantas M. L. L., 2024, arXiv:2512.10037`): the citation named no one, and
# the page was refused, "has no authors"
_SURNAME_THEN_INITIALS = re.compile(
    r"([^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3}?)\s+((?:[^\W\d_]\.[ -]?){1,4})"
)


def _initials_last(names: list[str]) -> list[str]:
    """``names`` as given names first (`P. H. R. de Andrade`), where each is a surname and
    its initials after it (`de Andrade P. H. R.`); else nothing."""
    found = [_SURNAME_THEN_INITIALS.fullmatch(name.strip()) for name in names]
    if not names or not all(found):
        return []
    return [f"{m.group(2).strip()} {m.group(1)}" for m in found if m]


def _names_before_year(text: str) -> list[str]:
    """The names before a citation's year (see above), where they are names alone."""
    year = _YEAR_AFTER_NAMES.search(text)
    if not year:
        return []
    # with its stop where it is an initial's (`Jiang, X.`), not a name's (`Reinhard.`)
    names = re.sub(r"(?<=[^\W\d_]{2})\.$", "", text[: year.start() + 1])
    cut = re.search(r",?\s+et\s+al\.?$", names)
    listed = names[: cut.start()] if cut else names
    named = _initials_last(split_names(listed)) or _only_names(listed)
    return [*named, "et al."] if named and cut else named


# The year in parentheses, or where there is none yet the paper's state (`Schneider &
# Bitsch (in prep)`, `(in press)`, `(submitted)`): such a citation named no one.
_AFTER_NAMES = re.compile(
    _PAREN_YEAR + rf"|\({STATE_WORDS}\.?\)|[\"“]|(?<=\s)['‘]",
    re.IGNORECASE,
)


# A label in brackets before a page's title, which its citation does not repeat:
# `[Pre-Print] Ghost Signals: …`, whose names were not found before "Ghost Signals".
_TITLE_LABEL = re.compile(r"^[\[(][^\[\]()]{1,30}[\])]\s+(?=\S)")


def authors_from_citation(citation: str, title: str = "") -> list[str]:
    """The names of a citation string: what comes before its year, its quoted title or
    the page's title, whichever comes first.

    ``Smith, J., & Doe, A. (2020). "Title."``, the IEEE style
    ``J. Smith, A. Doe, and C. Lee, "Title," <i>Venue</i>, 2020.``, the Chicago style
    ``Doe, Jo, and Al Lee. "Title."`` and SSRN's ``Doe, Jo and Lee, Al, Title (May 1, 2020)``.
    """
    # The venue in italics ends the names too (`Yu, Song, Ermon. <i>ICML</i>. 2019.`):
    # marked by a character no citation holds, then the tags go.
    marked = re.sub(r"<(?:i|em)\b[^<>]*>", _ITALICS, unescape(citation), flags=re.IGNORECASE)
    # A tag holds no `<`: `<[^>]+>` scanned from every `<` of `<<<<…` to the end
    text = fold_space(NAME_MARKS.sub("", re.sub(r"<[^<>]+>", "", marked)))
    if text.lower() == "nan":
        return []
    ends = [m.start() for m in [_AFTER_NAMES.search(text)] if m and m.start() > 0]
    plain = fold_space(title).lower()
    # The page's title after a label the citation leaves out (`[Pre-Print] Ghost Signals`)
    for shown in (plain, _TITLE_LABEL.sub("", plain)):
        at = text.lower().find(shown) if shown else -1
        if at > 0:
            ends.append(at)
            break
    if text.find(_ITALICS) > 0:
        ends.append(text.find(_ITALICS))
    if not ends:  # only the names (`<b>Yiming Zuo</b>, Jia Deng`), as many pages keep it
        return _names_before_year(text) or _only_names(text.replace(_ITALICS, ""))
    names = _TRAILING_YEAR.sub("", text[: min(ends)])  # ACL's "Lee. 2023."
    edited = _EDITORS.search(names)
    if edited:  # the list's editors, each marked as the record marks one
        listed = _et_al(split_names(names[: edited.start()]))
        return [n if is_truncation(n) else f"{n} (ed.)" for n in listed]
    return _et_al(split_names(names))


# The mark after a list of names that says they edited the work (`Ødegård, Å. and de La
# Fayette, M.-T. (eds.) (2020)`, Chicago's `…, eds.`, German `(Hrsg.)`; not `, Ed.`, a
# given name): it was read into the last given name ("M.-T. (eds.) de La Fayette"), a
# co-author no one matched, and the first editor was listed as an author. It starts where a
# run of blanks and commas does (from within one it was quadratic in the run's length).
_EDITORS = re.compile(
    r"(?<![\s,])[\s,]*(?:\((?:eds?|editors?|hrsg)\.?\)|,\s*eds\b\.?)[\s.,]*$", re.I
)


_ITALICS = "\x00"
# A name as a list writes it: two to four words, the first and last a capital's (Jia
# Deng, Andrew G. Lee, Ludwig van Beethoven; "No year here" is no name).
_NAME = re.compile(r"(?:[^\W\d_][\w'’.-]*\s+){1,3}[^\W\d_][\w'’.-]*")


# A name in Chinese characters (赵汉理, 卢望龙), written without a space.
_HAN_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,4}")


def _only_names(text: str) -> list[str]:
    """The names of a citation that is only a list of them, else nothing."""
    names = split_names(text)
    if names and all(
        (_NAME.fullmatch(n) and n[0].isupper() and n.split()[-1][0].isupper())
        or _HAN_NAME.fullmatch(n)
        for n in names
    ):
        return names
    return []


def _check(work: Work) -> list[Problem]:
    """The work's problems; a missing author list says where to add one."""
    page = not work.origin.endswith((".tsv", ".csv"))
    problems = check_page(work) if page else check(work)
    if work.authors:
        return problems
    if work.origin.endswith((".tsv", ".csv")):
        where = "an 'authors' column (names separated by commas)"
    else:
        where = "an 'authors:' list to its front matter, e.g. 'authors: [Ada Lovelace, Jo Doe]'"
    hint = work.problem(
        "has no authors: academicpages keeps no author list and its citation names none "
        f"that can be read; add {where}"
    )
    return [hint if p.message == work.problem("has no authors").message else p for p in problems]
