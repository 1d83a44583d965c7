"""An evaluated BibTeX entry → a work: its type, date, identifiers, links, venue and
citation count (crossref parents filling its gaps), and the entry as cite.bib serves it."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import urllib.parse
from collections.abc import Mapping, Sequence

from bibtexparser.model import Entry

from generator.bibtex import script_links
from generator.ids import (
    ARXIV_NEW,
    ARXIV_OLD,
    doi_url,
    is_resolver_url,
    isbn_list,
    isbn_problem,
    parse_arxiv,
    parse_doi,
    shown,
)
from generator.ingest.bibtex_names import (
    person_names,
    split_persons,
    standing,
    tandf_export,
    unmarked,
)
from generator.ingest.bibtex_read import MONTH_NUMBERS, MONTHS, Evaluated, is_private
from generator.ingest.dblp import is_dblp, meeting
from generator.ingest.latex import (
    URL_COMMAND,
    abstract_text,
    decode,
    italics_as_markdown,
    italics_marked,
    link_address,
    only_url,
    plain_tex_scripts,
    verbatim,
)
from generator.ingest.match import PREPRINT_LINK
from generator.ingest.pubmed_names import full_names, is_pubmed_record
from generator.ingest.work import (
    OWN_LINKS,
    PUBMED_PAGE,
    Work,
    arxiv_from_doi,
    as_markdown,
    bare_doi,
    fold_paragraphs,
    fold_space,
    html_to_markdown,
    literal_stars,
    literal_underscores,
    named_by_address,
    normalise_date,
    ours,
    split_arxiv_id,
    split_dois,
    tex_accents,
    typo_of_ours,
    unescape,
)
from generator.languages import language_tag
from generator.locators import WHOLE_WORKS, number_problem
from generator.markup import plain_text
from generator.names import GROUP_NAME, is_truncation, role_of
from generator.urls import host_problem, with_scheme

TYPES = {
    "article": "article",
    "inproceedings": "conference",
    "conference": "conference",
    "proceedings": "other",
    "phdthesis": "thesis",
    # (`thesis` is cited as a @phdthesis: a master's thesis keeps its own entry type)
    "mastersthesis": "mastersthesis",
    "thesis": "thesis",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    # biblatex's types, as its manual maps them onto the standard ones (§2.1.1): an edited
    # `@collection` (JabRef's and Citavi's edited volume), a multi-volume work and a work of
    # reference are books, their parts chapters, and a `@review` (of a book, in a journal)
    # an `@article`. They were `other`: a historian's edited volume had no publisher for
    # Scholar, and her book review no journal.
    **dict.fromkeys(("collection", "mvcollection", "mvbook", "reference", "mvreference"), "book"),
    **dict.fromkeys(("bookinbook", "suppbook", "suppcollection", "inreference"), "chapter"),
    **dict.fromkeys(("review", "suppperiodical"), "article"),
    "techreport": "report",
    "report": "report",
    "manual": "other",
    "booklet": "other",
    "misc": "other",
    "online": "other",
    "unpublished": "preprint",
}
VENUE_KEYS = (
    "journal",
    "journaltitle",
    "journal-full",  # BibDesk's and JabRef's from PubMed, beside MEDLINE's abbreviation
    "booktitle",
    "school",
    "institution",
    "howpublished",
    "publisher",
)
# al-folio's own keys that hold a URL (and biblatex-software's `repository`), onto ours.
LINK_KEYS = {
    "code": "code",
    "pdf": "pdf",
    "html": "paper",  # al-folio: the paper's own web page, not a project or code
    "website": "project",
    "slides": "slides",
    "video": "video",
    "data": "data",
    # al-folio's other buttons (its README lists them): they were read as al-folio's
    # fields, left out of cite.bib, and the links lost with them.
    "poster": "poster",
    "supp": "supplement",
    "blog": "blog",
    # biblatex-software's `repository` (HAL's export of a software deposit, `@software`
    # with `url` its HAL page): the code's address, which was lost
    "repository": "code",
}
# Keys forks of al-folio add for the paper's page and its supplement (`paper={https://…}`,
# as a site's README tells its owner to write a paper; `supplementary={https://…}`): the
# links were lost without a word. Read where they hold an address alone, as another
# file's `paper` may be a number.
ADDRESS_KEYS = {"paper": "paper", "supplementary": "supplement"}
# al-folio's badges' ids (its bib.liquid draws a badge beside the paper, linked to the
# service's page of it): that page, as a link. A badge of `true` was drawn from the DOI
# or arXiv id, which the record keeps; `false` is none. They were left out with al-folio's
# other fields, and the INSPIRE record a physicist's readers follow was lost.
_BADGES = {
    "inspirehep_id": ("inspire", r"[0-9]{1,10}", "INSPIRE's record number",
                      "https://inspirehep.net/literature/{}"),
    "altmetric": ("altmetric", r"[0-9]{1,12}", "Altmetric's id of the paper",
                  "https://www.altmetric.com/details/{}"),
    "dimensions": ("dimensions", r"pub\.[0-9]{4,14}", "Dimensions' id (`pub.1234567890`)",
                   "https://app.dimensions.ai/details/publication/{}"),
}  # fmt: skip


# Fields of a site's own that hold the address of a button its publication page drew
# (jekyll-scholar and al-folio forks: `link = {…}`, `talk = {https://youtu.be/…}`,
# `zhihu = {https://zhuanlan.zhihu.com/…}`) were lost without a word: any field no tool
# reads, holding one web address, is a link by that name. These hold one and are none:
# the publisher's terms (Zotero's `copyright`), a licence, and tools' bookkeeping.
_NOT_LINKS = frozenset(
    {"copyright", "license", "licence", "rights", "biburl", "bibsource", "adsurl", "adsnote",
     "ee", "url", "urldate", "doi", "eprint", "howpublished", "note", "abstract", "crossref",
     "xref", "related", "title", "subtitle", "keywords", "publisher", "organization",
     "series", "eprinttype", "archiveprefix", "uri", "pmid", "pmcid", "scholar"}
)  # fmt: skip
_NOT_LINK_PREFIXES = ("bdsk-url-", "citeulike-linkout-", "mendeley-", "zotero-")
# a document of the old site a field of its own names (`link = {papers/x-sosp21.pdf}`)
_SITE_DOCUMENT = re.compile(r"(?:[\w.+-]+/)*[\w+-][\w.+-]*\.(?:pdf|pptx?|key|ps|docx?|mp4)", re.I)


# A picture a site shows beside the paper (AntoineSimoulin/simoulin.io's `thumbnail =
# {https://miro.medium.com/…}`, as al-folio's `preview`) is no link of the paper's either.
_PICTURE_KEYS = frozenset(
    {"thumbnail", "thumb", "image", "img", "teaser", "cover", "figure", "photo", "picture",
     "banner", "icon", "logo"}
)  # fmt: skip


def _own_fields(fields: dict[str, str]) -> list[tuple[str, str]]:
    """Each field of a site's own (no tool's, BibTeX's or al-folio's) and its address."""
    taken = {*LINK_KEYS, *ADDRESS_KEYS, *_BADGES, *VENUE_KEYS, *_NOT_LINKS, *_PICTURE_KEYS}
    return [
        (key, _link(value))
        for key, value in fields.items()
        if key not in taken and not key.startswith(_NOT_LINK_PREFIXES) and not is_private(key)
    ]


# A link field of a bilingual site, its language's code after its name: bahleg/
# bahleg.github.io writes each paper's pages in Russian and English, `html` and `html_en`
# (`title_en`, `journal_en` beside them), and the card showed a button "html_en".
_LANGUAGE_SUFFIX = re.compile(
    r"(.+?)[_-](en|de|fr|es|pt|it|nl|ru|uk|pl|cs|sv|da|fi|hu|ro|el|tr|ar|fa|he|zh|ja|ko|vi)"
)
_LANGUAGE_WORDS = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese",
    "it": "Italian", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish",
    "cs": "Czech", "sv": "Swedish", "da": "Danish", "fi": "Finnish", "hu": "Hungarian",
    "ro": "Romanian", "el": "Greek", "tr": "Turkish", "ar": "Arabic", "fa": "Persian",
    "he": "Hebrew", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "vi": "Vietnamese",
}  # fmt: skip


def _own_link_name(key: str, url: str) -> str:
    """A site's own field's link name: ours where the field's name is ours, a form of it
    (`slide`, `videos`, `pdf2`) or one sites give it (`github`, `youtube`, `talk`), for a
    `link` what its address is (a PDF, a repository, else the paper's page), else the
    field's name, which the site's button showed. An arXiv page or a DOI's is named so by
    its address alone: `dois = {https://example.org/…}` showed a DOI badge. Such a name
    with a language's code after it (`html_en`) is that link in the language: `paper
    (English)`."""
    suffixed = _LANGUAGE_SUFFIX.fullmatch(key)
    if suffixed and (suffixed[1] in LINK_KEYS or OWN_LINKS.get(suffixed[1]) or ours(suffixed[1])):
        return f"{_own_link_name(suffixed[1], url)} ({_LANGUAGE_WORDS[suffixed[2]]})"
    kind = OWN_LINKS.get(key) or ours(key)
    if kind == "paper":  # `link`: the paper's, or its PDF, code or video
        by_address = named_by_address(url)
        return "paper" if by_address == "link" else by_address
    if kind == "arxiv" or (kind == "doi" and not is_resolver_url(url)):
        return key
    return kind or key


def _own_links(fields: dict[str, str], work: Work) -> None:
    """The links of fields of a site's own; an arXiv page's is the paper's arXiv id. A
    name ours and taken by another address, or one letter from ours, is the field's own
    with `link` after it: `codes = {…}` beside `code = {…}` was lost without a word."""
    for key, url in _own_fields(fields):
        if not url.startswith(("https://", "http://")) or host_problem(url):
            continue
        arxiv = split_arxiv_id(url) if _ARXIV_PAGE.search(url) else None
        if arxiv:
            work.arxiv_id = work.arxiv_id or arxiv[0]
            continue
        name = _own_link_name(key, url)
        if work.links.get(name, url) != url or typo_of_ours(name):
            name = f"{key} link"
        work.links.setdefault(name, url)


def own_link_notes(fields: dict[str, str], work: Work) -> list[str]:
    """A note on each field of a site's own that names a file of the old site."""
    return [
        f"{work.where}: {work.label}: `{key}={{{shown(value)}}}` names a file of the old "
        "site, not a web address; to link it, copy it into static/ and add "
        f"`{_own_link_name(key, value)}: static/{shown(value.rsplit('/', 1)[-1])}` under "
        "the record's links:"
        for key, value in _own_fields(fields)
        if _SITE_DOCUMENT.fullmatch(value)
    ]


def _badge_links(fields: dict[str, str], work: Work) -> None:
    """The pages of al-folio's badges that name an id of their own (see ``_BADGES``)."""
    for key, (link, shape, _, page) in _BADGES.items():
        value = verbatim(fields.get(key, "")).strip()
        if re.fullmatch(shape, value):
            work.links.setdefault(link, page.format(value))


def badge_notes(fields: dict[str, str], work: Work) -> list[str]:
    """A note for each of al-folio's badge fields that is neither an id nor `true`."""
    notes = []
    for key, (_, shape, what, _) in _BADGES.items():
        value = verbatim(fields.get(key, "")).strip()
        if value and value.lower() not in ("true", "false") and not re.fullmatch(shape, value):
            notes.append(
                f"{work.where}: {work.label}: {key} = {{{shown(value)}}} is not {what}; "
                "not linked (add the page under the record's links:)"
            )
    return notes


# The link fields al-folio's page takes as a file of its assets/pdf/ folder when they
# hold no address (`slides = {talk.pdf}`).
_ASSET_KEYS = ("pdf", "slides", "poster", "supp")
# Such a file's name, in a folder of assets/pdf/ or not (`paper/23-TMLR-CARL.pdf`)
_ASSET = re.compile(r"(?:[\w.+-]+/)*[\w+-][\w.+-]*\.\w{2,5}", re.IGNORECASE)

# What a crossref'd volume says about itself, not about the paper in it: its DOI and URL
# name the volume (two papers inheriting them would become one record), its abstract and
# keywords describe the volume, and dblp's bookkeeping fields describe the volume's entry.
_NOT_INHERITED = frozenset(
    {"doi", "url", "urldate", "eprint", "eprinttype", "archiveprefix", "primaryclass", "arxiv",
     "abstract", "keywords", "note", "file", "timestamp", "biburl", "bibsource", "title",
     "subtitle", "titleaddon", "ee"}
)  # fmt: skip
# Volumes whose title is the booktitle of the papers that crossref them (as biblatex does).
_VOLUMES = frozenset({"proceedings", "mvproceedings", "book", "mvbook", "collection"})


# A word written beside the year (`2013 Sep-Oct`, `Sep.-Oct. 2013`, `2013 Spring`), not a
# letter that tells two works of one year apart (`2013a`)
_YEAR_WORD = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{2,}\.?")
# PubMed's date of publication with its day, as EndNote's BibTeX gives it (`2013 Sep
# 15`), and an English one written out (`Sep. 15, 2013`)
_YEAR_MONTH_DAY = re.compile(r"\d{4}\s+[A-Za-z]+\.?\s+(\d{1,2})|[A-Za-z]+\.?\s+(\d{1,2}),?\s+\d{4}")


def _month_of(word: str) -> int | None:
    """The month a word names (`Sep`, `Sept.`, `September`), or None."""
    word = word.rstrip(".").lower()
    return MONTH_NUMBERS.get("sep" if word == "sept" else word)


def _year_words(fields: dict[str, str]) -> tuple[int | None, str, list[str]]:
    """What a `year` says beside its year: the first month it names (PubMed's `2013
    Sep-Oct`, an issue of two months, as `Sep.-Oct. 2013`), the day of PubMed's `2013 Sep
    15`, and the words the record's date cannot hold (a second month, a season). The
    month was lost without a word. A `month` field says the month: then every word is."""
    written = verbatim(fields.get("year", ""))
    words = [w.group() for w in _YEAR_WORD.finditer(written)]
    month = None if fields.get("month") or not words else _month_of(words[0])
    day = _YEAR_MONTH_DAY.fullmatch(fold_space(written)) if month else None
    return month, (day.group(1) or day.group(2)) if day else "", words[1:] if month else words


def year_notes(fields: dict[str, str], work: Work) -> list[str]:
    """A note for a `year` of several years (`2009-2023`, a project's span), of which the
    first is the paper's: it was taken without a word; for one with words beside it the
    record's date cannot hold (`2013 Sep-Oct`: its first month is the date's); and for a
    `month` of two months (`Sep-Oct`), whose first was taken without a word."""
    return _year_notes(fields, work) + _month_notes(fields, work)


# A month field of two months: an issue's (`Sep-Oct`, `Sep.--Oct.`, `jul # "/" # aug`,
# whose macros read `July/August`), or written as numbers (`9-10`)
_MONTH_WORD = re.compile(r"[A-Za-z]{3,}\.?")
_MONTH_NUMBERS_RANGE = re.compile(r"\s*(\d{1,2})\s*(?:-{1,2}|\u2013|/)\s*(\d{1,2})\s*")


def _month_notes(fields: dict[str, str], work: Work) -> list[str]:
    written = fold_space(verbatim(fields.get("month", "")))
    if re.match(r"\d{4}", verbatim(fields.get("date", ""))) or not work.date:
        return []
    numbers = _MONTH_NUMBERS_RANGE.fullmatch(written)
    if numbers and all(1 <= int(n) <= 12 for n in numbers.groups()):
        later = [numbers.group(2)] if int(numbers.group(2)) != int(numbers.group(1)) else []
    else:
        months = [w.group() for w in _MONTH_WORD.finditer(written) if _month_of(w.group())]
        later = [w for w in months[1:] if _month_of(w) != _month_of(months[0])]
    if not later or len(work.date) < 7:
        return []
    what = ", ".join(f"`{shown(word)}`" for word in list(dict.fromkeys(later))[:3])
    return [
        f"{work.where}: {work.label}: month = {{{shown(written)}}} names more than one "
        f"month; imported as {work.date} (its first month; {what} left out, as a record's "
        "date is one year, month or day)"
    ]


# biblatex's range of dates (`date = {2023/2024}`, Better BibLaTeX's `2014-12-31/2015-01-01`,
# an open end `2014-12-31/`): its start, and its end if it names one. (The blanks after
# the end are in its group: `/\s*(?:…)?\s*` shared a run of blanks after the slash
# every way, and a date of 60,000 blanks took half a minute to import.)
_DATE_RANGE = re.compile(r"\s*(\d{4})[-\d]*\s*/\s*(?:(\d{4})[-\d]*\s*)?")


def _year_notes(fields: dict[str, str], work: Work) -> list[str]:
    written = fold_space(fields.get("year", ""))
    dated = re.match(r"\d{4}", verbatim(fields.get("date", "")))
    first = re.search(r"\d{4}", written)
    ranged = _DATE_RANGE.fullmatch(verbatim(fields.get("date", "")))
    if ranged and ranged.group(1) != ranged.group(2) and work.date:
        # A range over years, or open: its start was taken without a word (a range of
        # days, a meeting's, is of its first day's year, and says nothing more)
        return [
            f"{work.where}: {work.label}: date = {{{shown(fold_space(fields['date']))}}} is "
            f"{'a range of years' if ranged.group(2) else 'an open range'}; imported as "
            f"{work.date} (its start, as a record's date is "
            "one year, month or day: write the year the paper appeared if it is another)"
        ]
    if dated or first is None:
        return []
    where = work.where
    if len(re.findall(r"\d{4}", written)) >= 2:
        return [
            f"{where}: {work.label}: year = {{{shown(written)}}} names more than one year; "
            f"imported as {work.date} (write the year the paper appeared)"
        ]
    month, _, dropped = _year_words(fields)
    if not dropped:
        return []
    # each word once, three at most: a year of 20,000 words was a note of 150 KB
    words = list(dict.fromkeys(dropped))
    what = ", ".join(f"`{shown(word)}`" for word in words[:3]) + (", …" if words[3:] else "")
    kept = "its first month; " if month else ""
    return [
        f"{where}: {work.label}: year = {{{shown(written)}}} holds more than the year; "
        f"imported as {work.date} ({kept}{what} left out, as a record's date is one year, "
        "month or day)"
    ]


def _date(fields: dict[str, str]) -> str:
    # Web of Science doubles every value's braces: `Month = {{MAR}}` lost its month.
    date = verbatim(fields.get("date", ""))
    if re.match(r"\d{4}", date):
        return normalise_date(date)  # also a range: 2021-03-01/2021-03-05
    year = re.search(r"\d{4}", fields.get("year", ""))
    if not year:
        return ""
    month_text = verbatim(fields.get("month", "")).lower().rstrip(".")
    month_word = re.sub(r"[^a-z]", "", month_text)  # `15~aug`: the month's word
    month = MONTH_NUMBERS.get(month_text) or MONTH_NUMBERS.get(month_word[:3])
    numbers = _MONTH_NUMBERS_RANGE.fullmatch(month_text)  # `9-10`: its first, noted
    month_number = numbers.group(1) if numbers else month_text
    if month is None and month_number.isdecimal() and len(month_number) <= 2:
        month = int(month_number) if 1 <= int(month_number) <= 12 else None
    named, named_day, _ = _year_words(fields)  # `year = {2013 Sep-Oct}`: PubMed's
    month = month or named or _number_month(fields)
    if not month:
        return year.group(0)
    # Springer's export and biblatex give the day too (`day = "01"`); a day the month
    # does not have is left out, not refused.
    day = verbatim(fields.get("day", "")) or named_day
    # BibTeX's way to give the day (btxdoc): `month = aug # "~15"`, or `"15~" # aug`. A
    # range (`jul # "~18--24"`) names no one day. The day was dropped.
    written = re.fullmatch(r"[a-z]+\.?[~\s]+(\d{1,2})|(\d{1,2})[~\s]+[a-z]+\.?", month_text)
    if not day and written:
        day = written.group(1) or written.group(2)
    if (
        day.isdecimal()
        and len(day) <= 2
        and 1 <= int(day) <= calendar.monthrange(int(year.group(0)), month)[1]
    ):
        return f"{year.group(0)}-{month:02d}-{int(day):02d}"
    return f"{year.group(0)}-{month:02d}"


# Keywords that say where a paper stands, not what it is about
_WORKING_WORDS = frozenset({"working paper", "working papers", "preprint", "preprints"})
_STANDING_WORDS = _WORKING_WORDS | frozenset(
    {"published", "under review", "submitted", "in press", "accepted", "forthcoming"}
)


# An entry key that is a DOI (`10.1007/978-3-031-43987-2_36`, `10.1145/3550340.3564218`)
_DOI_KEY = re.compile(r"10\.\d{4,9}/[^\s,{}]+")


def _number_month(fields: dict[str, str]) -> int | None:
    """The month an entry's ``number`` names (`April`, `Apr.`), as Mendeley writes an
    Elsevier article's issue month: it was the record's issue, "107(April)", and the
    date lost its month. No month: None."""
    return _month_of(fold_space(verbatim(fields.get("number", ""))))


_ARXIV_TEXT = re.compile(
    r"arxiv[:/.\s]*(?:abs/)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})", re.IGNORECASE
)


# Venues that only say "arXiv", as the exports write it: dblp's "CoRR" (the preprint),
# Google Scholar's "arXiv preprint arXiv:1803.10122", Semantic Scholar's "ArXiv", ADS's
# "arXiv e-prints". The card showed the id a second time, and every import of the paper
# from another source reported a conflict with its "arXiv".
# Zotero writes its preprints' venue (or note) as "arXiv:2010.01234 [cs]", the id's archive
# in brackets.
# Preprint servers other than arXiv, as a venue names them (and al-folio's `abbr =
# {Preprint}`). bioRxiv's and medRxiv's "Download citation" gives `@article` with
# `journal = {bioRxiv}`: the preprint was an article, so its published version, imported
# later, made a second record of the paper (an arXiv preprint and its journal version
# are one). Crossref's name of SSRN, which its exports (Zotero's, Mendeley's) give every
# SSRN paper, is "SSRN Electronic Journal": a second record of a paper whose journal
# version was imported with it.
_PREPRINT_SERVER = re.compile(
    r"\s*(?:biorxiv|medrxiv|chemrxiv|techrxiv|psyarxiv|socarxiv|eartharxiv|engrxiv"
    r"|ssrn(?:\s+electronic\s+journal)?"
    r"|research\s+square|osf\s+preprints|authorea|preprints?(?:\.org)?)\s*",
    re.IGNORECASE,
)
_ARXIV_VENUE = re.compile(
    r"\s*(?:arxiv(?:\s+preprint|\s+e-prints?)?|corr)"
    r"(?:(?:\s+|\s*:\s*)(?:arxiv:\s*|abs/)?(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?/\d{7})"
    r"(?:v\d+)?(?:\s*\[[\w.-]+\])?)?\s*",
    re.IGNORECASE,
)


def preprint_server(venue: str) -> str | None:
    """The preprint server a venue names: ``arXiv`` for its spellings (``arxiv``, ``arXiv
    preprint arXiv:…``, ``CoRR``), the venue itself for another (``medRxiv``, ``SSRN``);
    None for any other venue."""
    if _ARXIV_VENUE.fullmatch(venue):
        return "arXiv"
    return venue.strip() if _PREPRINT_SERVER.fullmatch(venue) else None


# arXiv's archives that are split into categories (`cs.LG`, `stat.ML`, `physics.geo-ph`):
# for a paper of 2007 on (a new id) the archive alone names none of them. `hep-th`,
# `quant-ph` and the other archives without subject classes are categories themselves (and
# `astro-ph`, whose papers of 2007 and 2008 were filed under it alone).
_ARCHIVES = frozenset({"cs", "math", "stat", "eess", "econ", "q-bio", "q-fin", "physics", "nlin"})


_ARXIV_VOLUME = re.compile(r"\s*abs/(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})\s*")


# The paper's page or PDF on arxiv.org, in an entry's `url` (arXiv's DataCite record, JabRef
# and Zotero entries of preprints): the id was missed, and the arXiv link with it.
_ARXIV_PAGE = re.compile(rf"\barxiv\.org/(?:abs|pdf|html)/({ARXIV_NEW}|{ARXIV_OLD})", re.IGNORECASE)


def _arxiv(fields: dict[str, str]) -> str | None:
    """The arXiv id of an entry (``arxiv``, Mendeley's ``arxivId``, ``eprint``, a url).

    A field that says it holds an arXiv id but does not is returned as written, for the
    import to drop with a note (see ``_bad_arxiv_fields``).
    """
    stated = None
    for key in ("arxiv", "arxivid"):
        parsed = split_arxiv_id(verbatim(fields.get(key, "")))
        if parsed:
            return parsed[0]
        stated = stated or verbatim(fields.get(key, ""))
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    if fields.get("eprint") and prefix in ("arxiv", ""):
        parsed = split_arxiv_id(verbatim(fields["eprint"]))
        if parsed:
            return parsed[0]
        if prefix == "arxiv":  # without a prefix, an eprint may be any archive's id
            stated = stated or verbatim(fields["eprint"])
    for key in ("journal", "url", "howpublished", "note"):
        text = fields.get(key, "")
        match = _ARXIV_TEXT.search(text) or _ARXIV_PAGE.search(verbatim(text))
        if match:
            return match.group(1)
    # arXiv's DataCite record (doi.org's BibTeX of an arXiv DOI) names the id only so.
    return arxiv_from_doi(bare_doi(verbatim(fields.get("doi", "")))) or stated or None


def _bad_ids(fields: dict[str, str], work: Work) -> set[str]:
    """The fields holding a DOI or arXiv id that is none: left out of the stored entry."""
    bad = set()
    if work.doi and not any(parse_doi(doi) for doi in split_dois(work.doi)):
        bad.add("doi")  # (of several, the first DOI is kept: see work.drop_bad_ids)
    if work.arxiv_id and parse_arxiv(work.arxiv_id) is None:
        bad |= {
            k
            for k in ("arxiv", "arxivid", "eprint")
            if verbatim(fields.get(k, "")) == work.arxiv_id
        }
    return bad


# A link written as HTML, as a site's own generator wrote it into `url` (`doi:<a
# href="https://doi.org/10.1016/…">10.1016/…</a>`): its address.
_HTML_HREF = re.compile(r"<a\s[^<>]*?\bhref\s*=\s*[\"']([^\"'<>]+)[\"']", re.IGNORECASE)


_HTTP_SCHEME = re.compile(r"(?<!\S)https?://", re.I)


_ADDRESSES_APART = re.compile(r"\s+|[,;]+(?=https?://)", re.IGNORECASE)


def _listed(value: str) -> tuple[str, list[str] | None]:
    """A link field's text as an address, and its web addresses where it lists several
    (one a line, as EndNote's `<Go to ISI>://WOS:000…` then `https://…`), else None.

    A `\\url{…}` around it (`url={\\url{https://…}}`, as some write a `howpublished`)
    and an HTML link's tag are no part of it: both lost the address, and the note named
    `\\urlhttps://…`.
    """
    href = _HTML_HREF.search(value)
    url = unescape(href.group(1)).strip() if href else link_address(value)
    # `HTTPS://X.ORG/A` (a scheme ignores case, as browsers read it) is an http(s) address
    url = _HTTP_SCHEME.sub(lambda match: match.group().lower(), url)
    # (a comma or semicolon before the next address parts them without a blank too:
    # `{https://doi.org/…,https://…}` was one address, and its DOI took in the other)
    # (a separator typed twice, `https://…, , https://…`, parts nothing: the link was
    # both addresses and the blanks between them)
    parts = [p for p in (part.rstrip(",;") for part in _ADDRESSES_APART.split(url)) if p]
    # Several addresses; or one after text (an address with a space in it stays whole).
    if len(parts) > 1 and (
        all("://" in part for part in parts) or not url.startswith(("https://", "http://"))
    ):
        return url, [part for part in parts if part.startswith(("https://", "http://"))]
    return url, None


def _link(value: str) -> str:
    """A link field's address: its first web address where it lists several (see
    :func:`_listed`), else the value as written."""
    url, web = _listed(value)
    if web is not None:
        # A DOI's address, then the paper's own (GermanHCI/website-ng's ACM exports: `url =
        # {https://doi.org/…, https://docs.google.com/…}`): the DOI gives its link (see
        # _listed_doi), and the other was lost, the first read with its comma.
        return next((part for part in web if not is_resolver_url(part)), web[0] if web else url)
    # A separator after the one address (`url = {https://…/x,}`, a list's comma left at
    # its end) is no part of it, as GitHub's Markdown leaves a trailing comma out of a
    # link: the paper's link led to `…/x,`
    if url.startswith(("https://", "http://")) and " " not in url:
        url = url.rstrip(",;") or url
    return with_scheme(url)  # `url = {github.com/ann/tool}`: no link at all, nor a note's


def _listed_doi(value: str) -> str | None:
    """The DOI of a DOI's address among a link field's several (`url =
    {https://doi.org/10.1145/…, https://docs.google.com/…}`): the other was linked, and
    the paper, with no `doi` field, had no DOI (no DOI badge, and its published version
    imported from elsewhere made a second record)."""
    _, web = _listed(value)
    dois = (parse_doi(part) for part in web or [] if is_resolver_url(part))
    return next((doi for doi in dois if doi), None)


# The entry types whose author biblatex may name by the body that issued them, where no
# person is named: a standard (ISO's, W3C's, IETF's), a lab's technical report, software's
# manual, a web page. It prints their `organization` (or a report's `institution`) in the
# author's place; the import refused them: "has no authors".
_CORPORATE_TYPES = frozenset({"techreport", "report", "manual", "misc", "standard", "online"})


def _corporate_author(fields: dict[str, str], entry_type: str) -> str | None:
    """The body an entry of ``_CORPORATE_TYPES`` without an author or editor is by."""
    if entry_type not in _CORPORATE_TYPES or fields.get("author") or fields.get("editor"):
        return None
    for key in ("organization", "institution"):
        body = fold_space(decode(fields.get(key, "")))
        if body and not only_url(fields[key]):
            return body
    return None


def _translators(fields: dict[str, str]) -> str:
    """The names an entry gives its translators: biblatex's `translator`, or its
    `editora` (`editorb`, `editorc`) whose `editoratype` is `translator`."""
    if fields.get("translator"):
        return fields["translator"]
    for key in ("editora", "editorb", "editorc"):
        if fields.get(key) and decode(fields.get(f"{key}type", "")).strip().lower() == "translator":
            return fields[key]
    return ""


def isbn_notes(fields: dict[str, str], work: Work) -> list[str]:
    """A note on an entry's `isbn` that lists several (a print and an electronic one),
    or holds one with a wrong check digit: the record keeps the first good one."""
    listed = isbn_list(decode(fields.get("isbn", "")))
    if len(listed) < 2 and not (listed and isbn_problem(listed[0])):
        return []
    left = [
        shown(i) + (" (a wrong check digit, or no ISBN)" if isbn_problem(i) else "")
        for i in listed
        if i != work.isbn
    ]
    kept = f"kept {work.isbn}, the first valid one" if work.isbn else "no valid ISBN kept"
    return [
        f"{work.where}: {work.label}: isbn: {kept}; left out {', '.join(left)}; write "
        "another in the record's `isbn:` if it is the edition you mean"
    ]


def corporate_notes(fields: dict[str, str], work: Work) -> list[str]:
    """A note for an entry whose author is the body that issued it (``_CORPORATE_TYPES``)."""
    if fields.get("author") or fields.get("editor") or len(work.authors) != 1:
        return []
    key = next((k for k in ("organization", "institution") if fields.get(k)), None)
    if key is None or fold_space(decode(fields[key])) != work.authors[0]:
        return []
    where = work.where
    body = shown(work.authors[0])
    return [
        f"{where}: {work.label}: has no author; its {key} '{body}' is its author, as "
        f"biblatex prints it (one name: write author = {{{{{body}}}}} to say so in the file, "
        "or the people's names if it has them)"
    ]


# A link written as HTML in an abstract or a note, as al-folio's users paste one (`<a
# href="https://ieeexplore.ieee.org/document/10536396">Publisher Web Site</a>`): the page
# showed the tag as text. An http(s) or mailto address is linked; another (`javascript:`,
# a file of the old site) is no link, its words kept.
_HTML_LINK = re.compile(
    r"<a\s[^<>]*?\bhref\s*=\s*([\"'])([^\"'<>]*)\1[^<>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL
)
_LINKED = ("https://", "http://", "mailto:")


def _linkable(address: str) -> bool:
    """Whether an HTML link's address becomes a link (http, https or mailto, a valid host)."""
    return address.lower().startswith(_LINKED) and not host_problem(address)


def _html_links(text: str, markdown: bool) -> str:
    """``text`` with its HTML links as ``\\href`` commands (which an abstract's Markdown
    makes links, :func:`latex.abstract_text`), or in plain text (a note) as their words
    and address; a link to another kind of address as its words."""

    def link(match: re.Match[str]) -> str:
        address, words = unescape(match.group(2)).strip(), match.group(3)
        if not _linkable(address):
            return words
        if not markdown:
            return f"{words} ({address})"
        return f"\\href{{{address.replace('{', '%7B').replace('}', '%7D')}}}{{{words}}}"

    return _HTML_LINK.sub(link, text)


def html_link_notes(fields: dict[str, str], work: Work) -> list[str]:
    """A note for each HTML link of an abstract or a note that is kept as text only."""
    where = work.where
    notes = []
    for key in ("abstract", "note"):
        for match in _HTML_LINK.finditer(fields.get(key, "")):
            address = unescape(match.group(2)).strip()
            if not _linkable(address):
                notes.append(
                    f"{where}: {work.label}: the {key}'s link to '{shown(address)}' is kept "
                    "as text only (http, https and mailto addresses are linked)"
                )
    return notes


def unlinked_notes(fields: dict[str, str], work: Work) -> list[str]:
    """Notes on link fields that are no web address: a reference manager's file, `www.x`.

    Only http(s) addresses become links; the others were left out without a word (al-folio
    forks' `paper` and `supplementary` too).
    """
    written = fields
    fields = dict(fields)
    _linked_title(fields)  # a title's link to a file of the site is one too
    where = work.where
    notes = []
    for key in ("url", *LINK_KEYS, *ADDRESS_KEYS):
        url = _link(fields.get(key, ""))
        if key in _ASSET_KEYS and _ASSET.fullmatch(url):
            # al-folio's `pdf={paper.pdf}` is its own assets/pdf/paper.pdf (and
            # `pdf={paper/x.pdf}` its assets/pdf/paper/x.pdf, once "not an http(s) address")
            name = url.rsplit("/", 1)[-1]
            field = f"`{key}={{{shown(url)}}}`" if key in written else "the title's link"
            notes.append(
                f"{where}: {work.label}: {field} names a file, not a web "
                f"address (on an al-folio site, assets/pdf/{shown(url)}); to link it, copy it "
                "into static/ and add "
                f"`{LINK_KEYS[key]}: static/{shown(name)}` under the record's links:"
            )
            # the al-folio import copies it, where its folder has it
            work.files_named.setdefault(LINK_KEYS[key], (url, notes[-1]))
        elif url and not url.startswith(("https://", "http://")):
            notes.append(
                f"{where}: {work.label}: link `{key}` `{shown(url)}` is not an http(s) "
                "address; imported without it"
            )
        elif url and host_problem(url):
            notes.append(
                f"{where}: {work.label}: link `{key}` `{shown(url)}` names no host; "
                "imported without it"
            )
    for key in ("url", "howpublished", *LINK_KEYS):
        typed = verbatim(URL_COMMAND.sub(r"\1", fields.get(key, "").strip()))
        url = link_address(fields.get(key, ""))
        if "\\" in typed and url != typed and re.fullmatch(r"https?://\S+", url):
            notes.append(  # `~m\"uller`: the url package prints it so, the link is broken
                f"{where}: {work.label}: link `{key}` `{shown(typed)}` holds TeX's accents, "
                "which a \\url shows as typed and a browser misreads (a `\\` is a `/` to "
                f"it): linked as `{shown(url)}`; check that it leads to the page, or write "
                "the address as the browser shows it"
            )
    return notes


# NASA ADS writes a journal as the AAS macro that names it (`journal = {\apj}`), which
# the journals' LaTeX classes define (aas_macros.sty); shown as written, the card's venue
# was "\apj". Here as those classes print them.
AAS_JOURNALS = {
    "aj": "AJ", "actaa": "Acta Astron.", "araa": "ARA&A", "apj": "ApJ", "apjl": "ApJL",
    "apjs": "ApJS", "ao": "Appl. Opt.", "apss": "Ap&SS", "aap": "A&A", "aapr": "A&A Rev.",
    "aaps": "A&AS", "azh": "AZh", "baas": "BAAS", "caa": "Chinese Astron. Astrophys.",
    "cjaa": "Chinese J. Astron. Astrophys.", "icarus": "Icarus", "jcap": "JCAP",
    "jrasc": "JRASC", "memras": "MmRAS", "mnras": "MNRAS", "na": "New A",
    "nar": "New A Rev.", "pra": "Phys. Rev. A", "prb": "Phys. Rev. B", "prc": "Phys. Rev. C",
    "prd": "Phys. Rev. D", "pre": "Phys. Rev. E", "prl": "Phys. Rev. Lett.", "pasa": "PASA",
    "pasp": "PASP", "pasj": "PASJ", "rmxaa": "Rev. Mexicana Astron. Astrofis.",
    "qjras": "QJRAS", "skytel": "S&T", "solphys": "Sol. Phys.", "sovast": "Soviet Ast.",
    "ssr": "Space Sci. Rev.", "zap": "ZAp", "nat": "Nature", "iaucirc": "IAU Circ.",
    "aplett": "Astrophys. Lett.", "apspr": "Astrophys. Space Phys. Res.",
    "bain": "Bull. Astron. Inst. Netherlands", "fcp": "Fund. Cosmic Phys.",
    "gca": "Geochim. Cosmochim. Acta", "grl": "Geophys. Res. Lett.", "jcp": "J. Chem. Phys.",
    "jgr": "J. Geophys. Res.", "jqsrt": "J. Quant. Spectr. Rad. Transf.",
    "memsai": "Mem. Soc. Astron. Italiana", "nphysa": "Nucl. Phys. A",
    "physrep": "Phys. Rep.", "physscr": "Phys. Scr", "planss": "Planet. Space Sci.",
    "procspie": "Proc. SPIE", "psj": "PSJ",
}  # fmt: skip
_ONE_MACRO = re.compile(r"\s*\\([A-Za-z]+)\s*(?:\{\})?\s*")


# Web of Science writes every journal and proceedings name in capitals ("JOURNAL OF
# THINGS"); the card showed them so. Written in title case, its acronyms kept: these, and
# the capitals of the entry's own ISO abbreviation (`Journal-ISO = {IEEE Trans. …}`).
_ACRONYMS = frozenset(
    {"IEEE", "ACM", "CVF", "CVPR", "ICCV", "ECCV", "AAAI", "IJCAI", "ICML", "ICLR", "ACL",
     "EMNLP", "NAACL", "COLING", "KDD", "WWW", "SIGIR", "SIGMOD", "SIGKDD", "VLDB", "USA",
     "UK", "SIAM", "SPIE", "AIP", "IET", "IOP", "RSC", "BMC", "BMJ", "JAMA", "PLOS", "PNAS",
     "NIPS", "NEURIPS", "AI", "ML", "NLP", "ICRA", "IROS", "ICASSP", "INTERSPEECH", "ISCA",
     "CHI", "UIST", "ICSE", "FSE", "PLDI", "POPL", "OSDI", "SOSP", "NSDI", "II", "III", "IV",
     "VI", "VII", "VIII", "IX", "XI", "XII", "EPL", "JETP", "DNA", "RNA", "HIV", "MRI", "X"}
)  # fmt: skip
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
     "with", "de", "des", "du", "la", "le", "et", "und", "fur", "für", "der", "die"}
)  # fmt: skip


# Names whose capitals are inside a word, as the journals spell them (`SOFTWAREX` was
# "Softwarex")
_BRANDS = {
    b.upper(): b
    for b in ("SoftwareX", "arXiv", "bioRxiv", "medRxiv", "eLife", "iScience", "PeerJ",
              "NeuroImage", "mBio", "mSystems", "mSphere", "npj", "MethodsX",
              "HardwareX", "ChemBioChem", "ChemPhysChem", "ChemSusChem",
              "ChemCatChem", "ChemElectroChem", "ChemMedChem", "ChemistrySelect",
              "ChemistryOpen", "BioMed", "BioData", "GigaScience", "eNeuro", "eClinicalMedicine",
              "EBioMedicine", "NanoImpact", "InfoMat", "EcoMat", "SmartMat")
}  # fmt: skip
# IRIS (the repository of most Italian universities) exports its journals in capitals too,
# without Web of Science's fields: its entries are known by their key, the item's handle
# (`11591_481408`). A word it writes there of four letters or fewer, or one of no vowel,
# may be an acronym (`AQUA`, `ACS NANO`, `JMIR`): the name stays as written, with a note.
# (a handle prefix of five digits: a key such as `2021_12`, a year's, is no IRIS item)
_IRIS_KEY = re.compile(r"1\d{4}_\d{4,9}")
_SHORT_WORDS = frozenset(
    {"DATA", "CELL", "LIFE", "OPEN", "CARE", "FOOD", "LAND", "SOIL", "FUEL", "HEAT", "MASS",
     "FLOW", "RISK", "ARTS", "SOFT", "SKIN", "DRUG", "PAIN", "WORK", "MIND", "TIME", "CITY",
     "NEW", "LAW", "ART", "OIL", "GAS", "SEA", "AIR", "EYE", "GUT", "BONE", "WEAR"}
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\w+")


def _iris_unsure(venue: str) -> bool:
    """Whether an IRIS venue in capitals holds a word that may be an acronym."""
    return any(
        len(w) <= 4 or not re.search(r"[AEIOUY]", w)
        for w in _WORD.findall(venue)
        if w not in _ACRONYMS and w not in _BRANDS and w not in _SHORT_WORDS
        and w.lower() not in _SMALL_WORDS and not any(c.isdigit() for c in w)
    )  # fmt: skip


def iris_case_notes(key: str, fields: dict[str, str], work: Work) -> list[str]:
    """A note for an IRIS venue in capitals kept as written (see ``_iris_unsure``)."""
    venue = work.venue or ""
    if not (_IRIS_KEY.fullmatch(key.strip()) and venue.isupper() and _iris_unsure(venue)):
        return []
    where = work.where
    return [
        f"{where}: {work.label}: venue '{shown(venue)}' is in capitals, as IRIS exports "
        "journals' names, and may be an acronym: kept as written (write it as the journal "
        "does in the record's `venue:`)"
    ]


def _wos_case(venue: str, fields: dict[str, str], key: str = "") -> str:
    """A Web of Science venue in capitals in title case, and an IRIS one where no word
    may be an acronym; any other venue as it is."""
    wos_id = verbatim(fields.get("unique-id", ""))
    wos = "web-of-science-categories" in fields or wos_id.startswith("WOS:")
    iris = bool(_IRIS_KEY.fullmatch(key.strip())) and not _iris_unsure(venue)
    if not venue.isupper() or not (wos or iris):
        return venue
    iso = decode(fields.get("journal-iso", ""))
    acronyms = _ACRONYMS | {w for w in re.findall(r"[A-Z][A-Z0-9&-]+", iso) if not iso.isupper()}

    def word(match: re.Match[str]) -> str:
        text = match.group(0)
        if text in acronyms or any(c.isdigit() for c in text):
            return text
        if text in _BRANDS:
            return _BRANDS[text]
        if text.lower() in _SMALL_WORDS and match.start() > 0:
            return text.lower()
        return text[:1] + text[1:].lower()

    return _WORD.sub(word, venue)


# A venue's name that is a host's (dblp's `publisher = {OpenReview.net}` for ICLR, and
# `{CEUR-WS.org}`): a domain alone, typed without a scheme or a path. It was read as the
# address of the paper, which linked OpenReview's home page as each ICLR paper's.
_NAMED_HOST = re.compile(r"(?!www\.)[\w-]+(?:\.[\w-]+)+")


def _named_host(value: str) -> bool:
    """Whether a venue field's ``value`` is a name that is also a host's (see above)."""
    return _NAMED_HOST.fullmatch(value.strip().strip("{}")) is not None


def _with_maintitle(booktitle: str, fields: dict[str, str]) -> str:
    """A volume's title after biblatex's `maintitle`, the title of the work of several
    volumes it is one of, as biblatex prints them ("IROS 2021. Workshop on …"): a
    workshop's paper was listed under the workshop alone, and the meeting was lost. The
    volume's own `booksubtitle` follows its title, as biblatex prints it (a chapter's
    book was "Empires of Letters", without "Correspondence Networks in …")."""
    book_sub = _venue(fields.get("booksubtitle", ""))
    if booktitle and book_sub and book_sub.casefold() not in booktitle.casefold():
        booktitle += ("" if booktitle[-1] in ".:?!" else ":") + " " + book_sub
    main = _venue(fields.get("maintitle", ""))
    sub = _venue(fields.get("mainsubtitle", ""))
    if main and sub:
        main += ("" if main[-1] in ".:?!" else ":") + " " + sub
    if not main or main.casefold() in booktitle.casefold():
        return booktitle
    return main + ("" if main[-1] in ".:?!" else ".") + " " + booktitle


def _venue(value: str) -> str:
    """A journal, booktitle or publisher as text; an AAS journal macro as its name."""
    macro = _ONE_MACRO.fullmatch(value)
    if macro and macro.group(1) in AAS_JOURNALS:
        return AAS_JOURNALS[macro.group(1)]
    text = decode(value)
    # NASA ADS writes a meeting's name with HTML's entities, as it writes abstracts
    # (`Instituto de Astrof&iacute;sica`): the page showed "Astrof&iacute;sica".
    return _entities(text)


# doi.org's BibTeX carries Crossref's markup in titles, escaped for TeX:
# `\textless{}i\textgreater{}In Vivo\textless{}/i\textgreater{}`. The title read
# "<i>In Vivo</i>", and its slug "…-i-in-vivo-i-…". The other importers read it so too.
_CROSSREF_MARKUP = re.compile(
    r"</?(?:i|b|em|strong|sub|sup|scp|u|sc|p|jats:[\w-]+|mml:[\w-]+)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)


# Crossref's abstract as publishers deposit it, led by its heading in JATS
# (`<jats:title>Abstract</jats:title>In nature, …`), as al-folio's scripts and Zotero
# copy it into the entry: the abstract read "AbstractRecent technological …".
# (Its colon's blanks are read once: `\s*[:.]?\s*` tried each split of a run between its
# two, and 99,000 blanks after the word took half a minute of one entry's import.)
_JATS_HEADING = re.compile(
    r"\A\s*<(jats:)?title(?:\s[^<>]*)?>\s*(?:abstract|summary)\s*(?:[:.]\s*)?</\1title\s*>\s*",
    re.IGNORECASE,
)


# An HTML tag whose `<` and `>` are written as TeX writes them: Zotero's `{\textless}`,
# doi.org's `\textless{}`, older Zotero's `{$<$}` (one written so and one not, `{\textless}b>`,
# stays text)
_TEX_LT = r"(?:\{\\textless\}|\\textless(?:\{\}|\b)|\{\$<\$\})"
_TEX_GT = r"(?:\{\\textgreater\}|\\textgreater(?:\{\}|\b)|\{\$>\$\})"
_TEX_TAG = re.compile(rf"{_TEX_LT}(/?[A-Za-z][\w:-]*(?:\s[^<>{{}}]*)?/?){_TEX_GT}")


# MDPI's export writes a title's and an abstract's quotes and dashes as HTML's entities
# (`UAV&rsquo;s Status`), which the page showed as written.
_HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}\d{0,2}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
# An entity whose `&` a reference manager escaped for TeX, as Zotero exports a field that
# held one (IOS Press's `a speed up of \&times;228`): the abstract read "a speed up of
# 228", as the entity became `\×`, a TeX command of no text.
_TEX_ESCAPED_ENTITY = re.compile(r"\\(?=" + _HTML_ENTITY.pattern + ")")


def _entities(text: str) -> str:
    """``text`` with its HTML entities as characters, also one written `\\&times;`."""
    if not _HTML_ENTITY.search(text):
        return text
    return unescape(_TEX_ESCAPED_ENTITY.sub("", text))


# Scopus writes its count and access flags as the note: "Cited by: 12; All Open Access,
# Gold Open Access", older exports "Export Date: 1 March 2021; Cited By: 3". The page
# showed it as the paper's note; the count is the paper's citations, as of the export.
_SCOPUS_NOTE = re.compile(
    r"(?:export date:\s*([^;]*);\s*)?cited by:?\s*(\d{1,3}(?:,\d{3})+|\d+)\b", re.IGNORECASE
)
# The date above a Scopus file's entries: "Scopus\nEXPORT DATE: 02 June 2025".
# (its blanks those of its line, `[^\S\n]`: a `\s*` from each line's start ran over every
# blank line after it, and 100,000 blank lines before a file's first entry took minutes)
EXPORT_DATE = re.compile(
    r"^[^\S\n]*export date:[^\S\n]*(\d{1,2}[^\S\n]+[a-z]+\.?[^\S\n]+\d{4})[^\S\n]*$", re.I | re.M
)
SCOPUS_SOURCE = "Scopus"
# A note that only says when the address was read, as Wikipedia's "Cite this page"
# (`[Online; accessed 19-July-2021]`) and Overleaf's examples (`Accessed: 2023-01-01`)
# write it for a reference list: the card showed "Accessed: 2023-01-01" as the comment.
_DATE_PART = (
    r"(?:\d{1,4}(?:st|nd|rd|th)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.?)"
)
_ACCESSED = re.compile(
    r"\s*\[?\s*(?:online\s*[;,.]?\s*)?(?:last\s+)?(?:accessed|visited|retrieved)(?:\s+on)?"
    rf"\s*:?\s*{_DATE_PART}(?:[\s,./-]+{_DATE_PART}){{0,3}}\s*\]?\.?\s*",
    re.IGNORECASE,
)
# Scopus's `url` is its own record of the entry (`…/inward/record.uri?eid=…&md5=…`), which
# only subscribers open; it was the card's paper link beside the DOI's.
_SCOPUS_RECORD = re.compile(r"https?://(?:www\.)?scopus\.com/(?:inward|record)/", re.IGNORECASE)
WOS_SOURCE = "Web of Science"
# Web of Science's counts as EndNote (and Mendeley, from a RIS file's `N1`) keep them in a
# record's notes, which their BibTeX export writes as the `note`: "Times Cited:353 Cited
# References Count:30" (older), "Times Cited in Web of Science Core Collection: 42 Total
# Times Cited: 58 Cited Reference Count: 67" (now). The page showed it as the paper's
# note, and its count was lost; the Core Collection's is the count WoS's own BibTeX gives.
_WOS_NOTE = re.compile(
    r"\s*times\s+cited(?:\s+in\s+web\s+of\s+science\s+core\s+collection)?\s*:\s*(\d+)"
    r"(?:[\s;,.]*total\s+times\s+cited\s*:\s*\d+)?"
    r"(?:[\s;,.]*cited\s+references?\s+count\s*:\s*\d+)?[\s;,.]*",
    re.IGNORECASE,
)


# A journal's name that names a meeting (a proceedings volume may be a journal's: PNAS,
# and SIGGRAPH's papers are ACM Transactions on Graphics'), or NeurIPS's proceedings,
# which Google Scholar exports as a journal (`@article{…, journal={Advances in neural
# information processing systems}, volume={30}}`); a meeting named in another language too
# (giancds/giancds.github.io's `journal = {XVIII Conferência Internacional sobre
# Informática na Educação (TISE2013)}` was a journal article): Portuguese, Spanish, French,
# Italian, German and Russian words for a conference, congress, symposium or colloquium
_MEETING = re.compile(
    r"\b(?i:conference|symposium|workshop|advances in neural information processing systems"
    r"|conf[eé]r[eê]ncia|conferencia|conf[ée]rence|conferenza|konferenz|congress[oe]?"
    r"|congreso|congr[eè]s|kongress|simp[óo]sio|simposio|colloque|jahrestagung|tagung"
    r"|конференци[яи]|симпозиум[а]?)\b"
    r"|\b(?:CVPR|ICCV|ECCV|NeurIPS|NIPS|ICML|ICLR|WACV|BMVC|ICRA|IROS|ICASSP|MICCAI)\b"
)
# ASME's proceedings volume, as its export of a conference paper gives it: its number and
# the meeting it holds, `Volume 3B: 47th Design Automation Conference (DAC)`.
_NAMED_VOLUME = re.compile(r"\s*Volume\s+(\w{1,6})\s*:\s*(\S.*?)\s*", re.IGNORECASE)
# An MDPI paper's page names its journal as it is cited, "Applied Sciences 2021, Vol. 11,
# Page 7725" (its `dc.source`), which Mendeley's and Zotero's web importers take for the
# journal: the page showed "Applied Sciences 2021, Vol. 11, Page 7725 11(16), 7725".
_MDPI_CITED = re.compile(r"\s*(\S.*?),?\s+((?:19|20)\d\d),\s*Vol\.\s*(\w+),\s*Pages?\s+(\w+)\s*")
# Google Scholar's BibTeX of an SSRN paper names it by its number there, as the journal:
# `journal={Available at SSRN 4506361}` (or `…SSRN: https://ssrn.com/abstract=4174251`),
# which the card showed as the venue of a published article.
_SCHOLAR_SSRN = re.compile(
    r"\s*available\s+at\s+ssrn\s*:?\s*(?:https?://(?:papers\.)?ssrn\.com/abstract=)?(\d+)\s*",
    re.IGNORECASE,
)
# `note ={PMID: 27766851}`, as the Atypon platform (ACS, SAGE, Liebert, Annual Reviews)
# exports a paper PubMed lists
_PMID_NOTE = re.compile(r"\s*PMID:?\s*(\d{1,9})\.?\s*", re.IGNORECASE)
# and of a patent, `@misc` with `publisher={Google Patents}` and the patent's number as the
# note (`US Patent 8,892,488`, `US Patent App. 17/138,224`): the card's venue was
# "Google Patents", the search engine, with the number below as a comment.
_GOOGLE_PATENTS = re.compile(r"\s*google\s+patents\s*", re.IGNORECASE)
# and its keywords one a line, the MeSH headings with the main topics starred
_MESH_STAR = re.compile(r"(?:^|(?<=/))\s*\*+\s*")


# a comma with no space after it, as Zotero and Mendeley join keywords
_TIGHT_COMMA = re.compile(r",(?=\S)")
# the full-width semicolon and comma of Chinese text
_HAS_WORD = re.compile(r"\w")
_FULL_WIDTH_SEPARATORS = str.maketrans({"\uff1b": ";", "\uff0c": ","})


def _one_a_line(keywords: str) -> bool:
    """Whether ``keywords`` lists one keyword a line, as EndNote writes them (MeSH's hold
    commas: `Polymorphism, Single Nucleotide`), rather than a list between commas wrapped
    over lines (`…, context\nawareness, …`), whose lines end with or hold the commas."""
    lines = [line.strip() for line in keywords.splitlines() if line.strip()]
    wrapped = any(line.endswith(",") for line in lines)
    return len(lines) > 1 and not wrapped and len(lines) > keywords.count(",")


def day_of(text: str) -> str | None:
    """``02 June 2025`` (Scopus's export date) as ``2025-06-02``; None if it is no day."""
    match = re.fullmatch(r"\s*(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})\s*", text, re.IGNORECASE)
    month = MONTH_NUMBERS.get(match.group(2).lower()[:3]) if match else None
    if match is None or month is None:
        return None
    day = f"{match.group(3)}-{month:02d}-{int(match.group(1)):02d}"
    return day if _calendar(day) else None


def _calendar(day: str) -> bool:
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        return False
    return True


# Zotero exports its Extra field as the note, one `Name: value` a line: `Publisher: …` (a
# journal article has no publisher field in Zotero, so its web importers put the
# publisher there), bioRxiv's `_eprint: …full.pdf` (its own BibTeX's field), `Place:`,
# `Citation Key:` and Better BibTeX's `tex.…:`. The page showed them as the author's note,
# "Publisher: Cold Spring Harbor Laboratory _eprint: https://…", and cite.bib printed them.
# (its value ends at its last letter, found once: a lazy value tried a run of blanks after
# it from each of the run's blanks, quadratic)
_ZOTERO_EXTRA = re.compile(
    r"\s*(?:publisher|place|citation key|\\?_eprint|tex\.[\w-]+)\s*:\s*(\S(?:.*\S)?)\s*",
    re.IGNORECASE,
)


def _zotero_extra(note: str) -> tuple[str, str | None]:
    """The lines of a note that are not Zotero's Extra lines, and the PDF an `_eprint`
    line names (None without one)."""
    kept, pdf = [], None
    for line in note.splitlines():
        extra = _ZOTERO_EXTRA.fullmatch(line)
        if extra is None:
            kept.append(line)
        elif line.strip().lstrip("\\").lower().startswith("_eprint"):
            url = extra.group(1)
            if re.fullmatch(r"https?://\S+\.pdf", url, re.IGNORECASE):
                pdf = url
    return "\n".join(kept).strip(), pdf


def _counts_note(fields: dict[str, str]) -> bool:
    """Whether the entry's ``note`` is a database's counts (Scopus's, or Web of Science's
    as EndNote keeps them), no comment on the paper."""
    note = decode(fields.get("note", "")) if fields.get("note") else ""
    return bool(note) and bool(_SCOPUS_NOTE.match(note) or _WOS_NOTE.fullmatch(note))


def _count(digits: str) -> int | None:
    """A database's count written in ``digits``, or None: not digits, or more of them
    than any count has (Python refuses to read past 4,300 digits: it was a traceback)."""
    return int(digits) if digits.isdecimal() and len(digits) <= 12 else None


def _citations(fields: dict[str, str], work: Work, exported: str | None) -> None:
    """The count a database wrote in its export: Web of Science's ``Times-Cited`` (dated
    by its ``DA``, the day of the export), Scopus's ``note = {Cited by: 12; …}``.

    Both were left out (the Scopus note shown as the paper's note until then); the
    profile's h-index counts them, as it counts an OpenAlex import's.
    """
    wos = _count(verbatim(fields.get("times-cited", "")).strip())
    if wos is not None:
        work.citations, work.citations_source = wos, WOS_SOURCE
        day = verbatim(fields.get("da", "")).strip()
        work.citations_date = day if _calendar(day) and len(day) == 10 else None
        return
    note = decode(fields.get("note", "")) if fields.get("note") else ""
    endnote = _WOS_NOTE.fullmatch(note)
    if endnote and (count := _count(endnote.group(1))) is not None:
        work.citations, work.citations_source = count, WOS_SOURCE
        work.citations_date = None  # EndNote keeps no day of the export
        return
    scopus = _SCOPUS_NOTE.match(note) if note else None
    if scopus and (count := _count(scopus.group(2).replace(",", ""))) is not None:
        work.citations, work.citations_source = count, SCOPUS_SOURCE
        work.citations_date = (day_of(scopus.group(1)) if scopus.group(1) else None) or exported


# A url on a code host is the code (`@software`, a paper's `url = {https://github.com/…}`):
# it was the card's paper link, and it had no Code badge.
_CODE_HOST = re.compile(r"https?://(www\.)?(github|gitlab)\.com/")


def lineage(parent: Evaluated | None, entries: Mapping[str, Evaluated]) -> list[Evaluated]:
    """A crossref parent and the entries it crossrefs in turn, nearest first (biber's
    nested crossref: a paper → its `@proceedings` → their `@mvproceedings`); a loop ends."""
    found: list[Evaluated] = []
    while parent is not None and parent not in found and len(found) < 8:
        found.append(parent)
        parent = entries.get(parent.fields.get("crossref", "").lower())
    return found


# biblatex's other eprint types (its `\\DeclareFieldFormat{eprint:…}`), each the address
# of the paper's page: the entry's only link was left out without a word.
_EPRINT_PAGES = {
    "pubmed": PUBMED_PAGE,
    "pmid": PUBMED_PAGE,  # Zotero's (Better BibLaTeX's) name for it
    "hdl": "https://hdl.handle.net/{}",
    "jstor": "https://www.jstor.org/stable/{}",
    "hal": "https://hal.science/{}",
    "googlebooks": "https://books.google.com/books?id={}",
}


# An SSRN paper's number as biblatex's eprint (`eprint = {3456789}, eprinttype = {ssrn}`,
# or `ssrn.3456789` as its DOI ends): the journal paper's SSRN version, its preprint (the
# paper itself where its venue is SSRN). It was left out without a word.
_SSRN_NUMBER = re.compile(r"(?:ssrn[.:]?\s*)?([0-9]{4,9})", re.IGNORECASE)


# The address of a publisher's PDF that Wiley's, OUP's and PNAS's exports give as the
# `eprint` (`…/doi/pdf/10.1002/…`, `…/article-pdf/…/btq007.pdf`, `….full.pdf`): the
# entry's PDF link, which was left out.
_PUBLISHER_PDF = re.compile(r"https?://[^\s]+(?:\.pdf|/doi/pdf/[^\s]+|/article-pdf/[^\s]+)$", re.I)


# biblatex's eprint of a preprint server other than arXiv, as Zotero's Better BibLaTeX
# writes a bioRxiv or medRxiv preprint (`@online`, `eprinttype = {bioRxiv}`, its DOI in
# `doi`) and a journal paper's preprint (`eprint = {10.1101/2023.09.26.559651}`), and Better
# BibTeX as `archivePrefix = {bioRxiv}` (older sites with its number alone, `eprint =
# {803643}`). Each server's name as it writes it; bioRxiv's and medRxiv's DOIs are Cold
# Spring Harbor's `10.1101/` and the preprint's number (`2023.09.26.559651`, or six digits
# before December 2019), which their addresses name too.
_EPRINT_SERVERS = {
    "biorxiv": "bioRxiv",
    "medrxiv": "medRxiv",
    "chemrxiv": "ChemRxiv",
    "techrxiv": "TechRxiv",
    "psyarxiv": "PsyArXiv",
    "socarxiv": "SocArXiv",
    "eartharxiv": "EarthArXiv",
    "research square": "Research Square",
    "preprints.org": "Preprints.org",
}
_CSHL_NUMBER = r"(?:20[0-9]{2}\.[01][0-9]\.[0-3][0-9]\.)?[0-9]{6,8}"
_CSHL_EPRINT = re.compile(
    r"(?:(?:https?://(?:www\.)?(?:bio|med)rxiv\.org/content/(?:early/[0-9/]+/)?)?(?:10\.1101/)?"
    rf"|(?:https?://(?:dx\.)?doi\.org/|doi:\s*)10\.1101/)({_CSHL_NUMBER})"
    r"(?:v[0-9]+)?(?:\.full(?:\.pdf)?|\.abstract)?/?",
    re.IGNORECASE,
)


def _server_eprint(fields: dict[str, str], work: Work) -> None:
    """The preprint a biblatex eprint of bioRxiv, medRxiv or another server names: an entry
    of no other venue is that preprint (its venue the server, its DOI the server's); a
    journal paper's is its `preprint` link, as a preprint merged into its journal version
    is. Both were left out: a record of `type: other` with no venue, a paper whose
    preprint was linked nowhere."""
    kind = verbatim(fields.get("eprinttype") or fields.get("archiveprefix", "")).strip().lower()
    server = _EPRINT_SERVERS.get(kind)
    if server is None:
        return
    ident = verbatim(fields.get("eprint", "")).strip()
    number = _CSHL_EPRINT.fullmatch(ident) if kind in ("biorxiv", "medrxiv") else None
    doi = f"10.1101/{number.group(1)}" if number else parse_doi(ident)
    if work.venue and not _PREPRINT_SERVER.fullmatch(work.venue):
        if doi and doi.lower() != (work.doi or "").lower():
            work.links.setdefault(PREPRINT_LINK, doi_url(doi))
        return
    work.venue = work.venue or server
    if work.type in ("article", "other"):
        work.type = "preprint"
    work.doi = work.doi or doi


# NASA ADS's page of the entry (`adsurl`), in the form it writes now and in its older one,
# whose `#abs/` only a browser running ADS's script follows; and as ADS Classic wrote it
# until 2018 (`http://adsabs.harvard.edu/abs/2019ascl.soft03003G`, in READMEs' citations
# of their code to this day), which now leads to the same page: it was no link at all.
_ADS_PAGE = re.compile(
    r"(?:https://ui\.adsabs\.harvard\.edu/#?|https?://(?:www\.)?adsabs\.harvard\.edu/)abs/"
    r"([^\s/#?]+)(?:/abstract)?/?"
)


def _ads_link(fields: dict[str, str], work: Work) -> None:
    """ADS's page of an entry that has no other address: a thesis, a meeting's talk,
    software in the ASCL, which ADS exports without a DOI. Their pages linked nothing;
    ADS's page links the full text where there is one."""
    page = _ADS_PAGE.fullmatch(verbatim(fields.get("adsurl", "")).strip())
    if page and not (work.doi or work.arxiv_id or {"paper", "pdf"} & work.links.keys()):
        work.links["paper"] = f"https://ui.adsabs.harvard.edu/abs/{page.group(1)}"


# MathSciNet's BibTeX gives its review's number, `MRNUMBER = {3012345}`; older exports
# and MR Lookup write it `{MR1333035 (96d:11071)}`, the old printed review's number after
# it. AMS's styles link it to the review (amsrefs' `\MR`); the page linked nothing.
_MR_NUMBER = re.compile(r"(?:MR\s*)?([0-9]{1,8})(?:\s*\([^()]*\))?", re.IGNORECASE)


def _mathscinet_link(fields: dict[str, str], work: Work) -> None:
    """The MathSciNet review an entry's `mrnumber` names, as the `mathscinet` link."""
    number = _MR_NUMBER.fullmatch(verbatim(fields.get("mrnumber", "")).strip())
    if number:
        page = f"https://mathscinet.ams.org/mathscinet-getitem?mr={number.group(1)}"
        work.links.setdefault("mathscinet", page)


# zbMATH Open's BibTeX gives its review's number, `Zbl = {0849.14014}` (an item not yet
# reviewed has its document number, `Zbl = {07721132}`), which Boris Veytsman's bibzbladd
# (TeX Live) writes as `zblnumber`. zbMATH finds a record by it, `?q=an:0849.14014`,
# free to read; the page linked nothing, where it linked MathSciNet's review.
_ZBL_NUMBER = re.compile(r"(?:Zbl\s*)?([0-9]{4}\.[0-9]{5}|[0-9]{8})", re.IGNORECASE)


# The place zbMATH writes before a publisher: `Berkeley, CA: `, `Cambridge: `
_ZBMATH_PLACE = re.compile(r"\A[^:]{1,60}:\s+(?=\S)")


def _from_zbmath(fields: dict[str, str]) -> bool:
    """Whether an entry is zbMATH Open's export, which names its record by its number
    there (`zbMATH = {916043}`)."""
    return bool(verbatim(fields.get("zbmath", "")).strip())


def _zbmath_link(fields: dict[str, str], work: Work) -> None:
    """The zbMATH Open record an entry's `zbl` (or `zblnumber`) names, as the `zbmath`
    link; else the one its `zbmath` field names, zbMATH's own number of the record (its
    export's key, `zbMATH08192165`), which zbMATH finds as eight digits, `?an=08192165`."""
    written = fields.get("zbl") or fields.get("zblnumber") or ""
    number = _ZBL_NUMBER.fullmatch(verbatim(written).strip())
    own = re.fullmatch(r"0*([0-9]{1,8})", verbatim(fields.get("zbmath", "")).strip())
    if number:
        work.links.setdefault("zbmath", f"https://zbmath.org/?q=an:{number.group(1)}")
    elif own and int(own.group(1)):
        work.links.setdefault("zbmath", f"https://zbmath.org/?an={int(own.group(1)):08d}")


def _award(fields: dict[str, str]) -> str | None:
    """al-folio's award as plain text: the text its button shows when pressed (`award`,
    Markdown), else the button's name (`award_name`; forks write `award = {true}`)."""
    text = decode(fields.get("award", "")).strip()
    if text.lower() in ("", "true", "yes", "1"):
        text = decode(fields.get("award_name", "")).strip()
    return plain_text(text) or None


def _special(fields: dict[str, str]) -> str | None:
    """What a site's own `special` field says of the paper (`special = {Best Paper
    Award}`, `{Oral presentation}`), which its page showed as a highlight beside the
    entry, as plain text; None for a flag (`true`) or an address, which say nothing. It
    was left out without a word."""
    text = plain_text(decode(fields.get("special", ""))).strip()
    if text.lower() in ("", "true", "yes", "1", "false", "no", "0") or "://" in text:
        return None
    return text[0].upper() + text[1:]


def _presentation(fields: dict[str, str]) -> str | None:
    """How the paper was presented, as some sites write it for their own highlight
    (`presentation = {oral}`, `{spotlight}`), capitalised; None for an address or a file
    (a talk's slides), which is no such word. It was lost, where al-folio's `award =
    {Oral}` is the note."""
    text = plain_text(decode(fields.get("presentation", ""))).strip()
    if not text or "/" in text or "." in text or len(text.split()) > 4:
        return None
    return text[0].upper() + text[1:]


# biblatex's `type` of a @thesis or @report is a key it prints in the reader's language
# (biblatex.def's bibliography strings), BibTeX's the words themselves (`Diplomarbeit`)
_TYPE_KEYS = {
    "phdthesis": "PhD thesis",
    "mathesis": "Master's thesis",
    "candthesis": "Candidate thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
}
# biblatex's key for a master's thesis, and the words BibTeX's users write for one
_MASTERS = re.compile(r"\s*(?:mathesis|master['’]?s?\s+thesis)\s*", re.IGNORECASE)
# The words for a habilitation thesis, which a thesis's `type` gives in place of "PhD
# thesis" (`Habilitation`, `Habilitationsschrift`, `Habilitation thesis`, France's
# `Habilitation à diriger des recherches` and its `HDR`, `Mémoire d'habilitation`)
_HABILITATION = re.compile(
    r"\s*(?:habil|hdr\b|m[ée]moire\s+d['’]\s*habilitation|venia\s+legendi)", re.IGNORECASE
)
# The entry types whose `type` says which kind of thesis or report the work is
_KIND_TYPES = frozenset({"phdthesis", "mastersthesis", "thesis", "techreport", "report"})


def _kind(fields: dict[str, str], entry_type: str) -> str | None:
    """What kind of thesis or report the entry is, as BibTeX's `type` (`Diplomarbeit`,
    `Habilitation`, `Working paper`) or biblatex's key for it (`mathesis`) prints it: the
    record's `type` is `thesis` or `report` alone, and the words were shown nowhere."""
    if entry_type not in _KIND_TYPES or not fields.get("type"):
        return None
    text = plain_text(decode(fields["type"])).strip()
    text = _TYPE_KEYS.get(text.casefold(), text)
    # (what the record's `type` says already is no note: `Technical Report`, a
    # habilitation's `Habilitationsschrift`, which is its `type: habilitation`)
    said = ("", "thesis", "report", "technical report", "tech. rep.")
    is_type = entry_type in ("phdthesis", "thesis") and _HABILITATION.match(text)
    return None if text.casefold() in said or is_type else text


# biblatex's `pubstate` keys (its manual's "known states", printed from biblatex.def's
# strings in the reader's language); a state written out (`Revise and resubmit`) is
# printed as written
_PUBSTATES = {
    "inpreparation": "In preparation",
    "submitted": "Submitted",
    "forthcoming": "Forthcoming",
    "inpress": "In press",
    "prepublished": "Pre-published",
}


def _pubstate(fields: dict[str, str]) -> str | None:
    """Where the paper stands, as biblatex's `pubstate` says it (`forthcoming`), for the
    record's note: it was dropped, and a forthcoming paper's page read as published."""
    text = fold_space(plain_text(decode(fields.get("pubstate") or ""))).strip()
    text = _PUBSTATES.get(text.casefold().replace(" ", ""), text)
    return text[:1].upper() + text[1:] if text else None


# al-folio's marks on names (its bib.liquid strips `[*∗†‡§¶‖&^]` from a surname to match
# it, and shows them as superscripts), and TeX's names for them (`$^{\dagger}$`)
# and, after a surname, a caret or a plus (`Han+, Yoseob`, `+ Corresponding authors`)
_LEGEND_MARK = re.compile(r"[*∗†‡§¶‖^+]+")
_NAME_MARK = re.compile(r"[*∗†‡§¶‖]+|(?<=\w)[\^+]+")
_TEX_MARK_NAMES = {"\\ast": "*", "\\star": "*", "\\dagger": "†", "\\dag": "†",
                   "\\ddagger": "‡", "\\ddag": "‡", "\\S": "§", "\\P": "¶"}  # fmt: skip
_TEX_MARK_NAME = re.compile(r"\\(?:ast|star|dagger|ddagger|dag|ddag|S|P)(?![A-Za-z])")
_BREAK = re.compile(r"<br\s*/?>|\\\\|\n", re.IGNORECASE)


def _marks(text: str) -> str:
    """The marks written in ``text``, `∗` as `*`."""
    text = _TEX_MARK_NAME.sub(lambda m: _TEX_MARK_NAMES[m.group()], text)
    text = re.sub(r"\^(?=\{?[*∗†‡§¶‖])", "", text)  # TeX's superscript of one: `$^*$`
    return "".join(_NAME_MARK.findall(text)).replace("∗", "*")


def _legend(fields: dict[str, str]) -> str | None:
    """al-folio's `annotation`, the legend of the marks on its names (`* Equal
    contribution<br>† Corresponding author`), with the names each mark is on: `Equal
    contribution: Kaiyan Zhang, Yuxin Zuo; Corresponding author: Bowen Zhou`. The names
    are imported without their marks, and the legend was left out with the reference
    manager's notes biblatex's `annotation` holds elsewhere, which stay out: only the lines
    that start with a mark some name carries are al-folio's."""
    lines = [fold_space(line) for line in _BREAK.split(fields.get("annotation", ""))]
    legend = [(m.group(), line[m.end() :]) for line in lines if (m := _LEGEND_MARK.match(line))]
    if not legend:
        return None
    persons = split_persons(fields.get("author", ""))
    marked = [(_marks(p), person_names(p)) for p in persons]
    said = []
    for mark, words in legend:
        text = plain_text(decode(words)).strip().rstrip(".").strip()
        mark = mark.replace("∗", "*")
        names = [n for marks, named in marked if mark in marks for n in named[:1]]
        if text and names:  # (a note of the owner's own may start with `*`, a list's item)
            said.append(f"{text}: {', '.join(names)}")
    return "; ".join(said) or None


# A site's own fields that say who contributed equally and who corresponds (as al-folio
# forks and Jekyll sites write them beside `author`): by name or by place in `author`.
_CONTRIBUTIONS = (
    (("cofirstauthors", "co_first_authors", "cofirst_authors", "equalcontribution"),
     "Equal contribution"),
    (("correspondingauthors", "corresponding_authors", "correspondingauthor",
      "corresponding_author"), "Corresponding author"),
)  # fmt: skip
_PLACES = re.compile(r"\s*\d{1,3}(?:\s*(?:,|;|and)\s*\d{1,3})*\s*")


def _contributions(fields: dict[str, str], authors: Sequence[str]) -> str | None:
    """`cofirstauthors = {Lee, Hana and Kim, Min}` and `correspondingauthors = {…}` (or
    their places in the list, `{1,2}`) as the note says al-folio's legend: `Equal
    contribution: Hana Lee, Min Kim; Corresponding author: Bo Choi`. A record has no field
    for either, and they were left out without a word. A flag (`true`) names no one."""
    said = []
    for keys, what in _CONTRIBUTIONS:
        key = next((k for k in keys if decode(fields.get(k, "")).strip()), None)
        written = decode(fields[key]).strip() if key else ""
        if key is None or written.lower() in ("true", "yes", "1", "false", "no", "0"):
            continue
        if _PLACES.fullmatch(written):
            places = [int(n) for n in re.findall(r"\d+", written)]
            names = [authors[n - 1] for n in places if 0 < n <= len(authors)]
        else:
            names = [n for n in person_names(fields[key]) if not is_truncation(n)]
        if names:
            said.append(f"{what}: {', '.join(names)}")
    return "; ".join(said) or None


# Bilingual entries (CNKI's and Japanese databases' exports, JabRef users): the fields
# in the other language, beside the entry's own: `title_en`, `author_en`, `journal_en`.
_BILINGUAL = re.compile(
    r"(title|subtitle|author|editor|journal|journaltitle|booktitle|abstract|keywords"
    r"|publisher|school|institution|address|series|note)[_-](en|eng|english|zh|cn|ja|jp)"
)
_WHAT = {"title": "title", "subtitle": "subtitle", "author": "names", "editor": "editors",
         "journal": "journal", "journaltitle": "journal", "booktitle": "proceedings",
         "abstract": "abstract", "keywords": "keywords", "publisher": "publisher",
         "school": "school", "institution": "institution", "address": "place",
         "series": "series", "note": "note"}  # fmt: skip


def bilingual_notes(fields: dict[str, str], work: Work) -> list[str]:
    """A note on an entry's fields in a second language (`author_en`, `journal_en`): a
    record holds one list of names and one venue, in the paper's own words, so they are
    not imported (the English title is its `translated_title`, and names the file where
    the title has no Latin letters). They were left out without a word."""
    found = [k for k in fields if _BILINGUAL.fullmatch(k) and decode(fields[k]).strip()]
    # the English title is the record's translated_title (said as any field imported)
    found = [k for k in found if k not in ENGLISH_TITLES or work.translated_title is None]
    if not found:
        return []
    what = ", ".join(
        f"`{k}` (the {_WHAT[_BILINGUAL.fullmatch(k).group(1)]})"  # type: ignore[union-attr]
        for k in found
    )
    said = (
        f"{work.where}: {work.label}: {what} not imported: a record holds the paper's own "
        "names and venue (only its title has a field for a translation, `translated_title`); "
        "they stay in the entry its cite.bib serves"
    )
    named = next((k for k in found if k.startswith("author")), None)
    others = [n for n in person_names(fields[named]) if not is_truncation(n)] if named else []
    pairs = [(a, b) for a, b in zip(work.authors, others, strict=False) if a != b][:3]
    if pairs:
        spelt = ", ".join(f"{a} as {b!r}" for a, b in pairs)
        said += (
            f"; `{named}` spells {spelt}: where a site author's record has that spelling, "
            "add the record's to its aliases, so that the paper is on their profile"
        )
    return [said]


def _in_role(names: list[str], mark: str) -> list[str]:
    """``names`` of a field of editors or translators, each marked ``mark`` (``ed.``,
    ``trans.``) in place of a mark of its own: a Japanese export's `translator = {佐藤 健太
    (訳)}` was `佐藤 健太 (訳) (trans.)`, a name that found no profile's papers."""
    return [name if is_truncation(name) else f"{role_of(name)[1]} ({mark})" for name in names]


def _eprint_link(fields: dict[str, str], work: Work) -> None:
    """The `paper` link an `eprinttype` of PubMed, a handle, JSTOR, HAL or Google Books
    gives, where the entry has none; the `pdf` link a publisher's `eprint` address gives."""
    # (`archiveprefix`, as biblatex reads it too, where there is no `eprinttype`)
    kind = verbatim(fields.get("eprinttype") or fields.get("archiveprefix", "")).strip().lower()
    ident = verbatim(fields.get("eprint", "")).strip()
    if not kind and _PUBLISHER_PDF.fullmatch(ident) and "arxiv.org" not in ident:
        work.links.setdefault("pdf", ident)
    ssrn = _SSRN_NUMBER.fullmatch(ident) if kind == "ssrn" else None
    if ssrn and not work.venue and work.type in ("other", "preprint"):
        # An entry of SSRN's paper alone, in no journal (Zotero's `@online`, as Better
        # BibLaTeX writes a paper saved from SSRN): the paper, there, as a venue of
        # `SSRN` says it. It was "Type: Other", of no venue, and its "Preprint" link led
        # to the paper the page was of. Its DOI is SSRN's.
        work.venue, work.type = "SSRN", "preprint"
        work.doi = work.doi or f"10.2139/ssrn.{ssrn.group(1)}"
    if ssrn and (work.doi or "").lower() != f"10.2139/ssrn.{ssrn.group(1)}":
        # SSRN's paper, by the DOI SSRN gives each (as a merged preprint is linked)
        name = "paper" if work.is_preprint else PREPRINT_LINK
        work.links.setdefault(name, f"https://doi.org/10.2139/ssrn.{ssrn.group(1)}")
    page = _EPRINT_PAGES.get(kind)
    if page and ident and re.fullmatch(r"[\w./:-]+", ident) and "paper" not in work.links:
        work.links["paper"] = page.format(urllib.parse.quote(ident, safe="/:"))
    # HAL's own export names the deposit by its `HAL_ID` (`hal-04094850`, `tel-…`,
    # `halshs-…`), with no URL for some: such a paper linked nothing
    hal = re.fullmatch(r"[a-z]+-[0-9]{6,}", verbatim(fields.get("hal_id", "")).strip())
    if hal and "paper" not in work.links:
        work.links["paper"] = _EPRINT_PAGES["hal"].format(hal.group())
    # Zotero's Better BibTeX (not BibLaTeX) and PubMed's own export give PubMed's id as a
    # field of its own, `pmid = {23564629}`: the paper's PubMed page, which the same
    # paper's `eprinttype = {pmid}` linked, was lost
    pmid = re.fullmatch(r"[0-9]{1,9}", verbatim(fields.get("pmid", "")).strip())
    if pmid and "paper" not in work.links:
        work.links["paper"] = _EPRINT_PAGES["pubmed"].format(pmid.group())


# An entry's title in English beside its own in another language (CNKI's and Japanese
# databases' exports, biblatex-ms): the record's `translated_title`
ENGLISH_TITLES = ("title_translated_english", "title_en", "title-en", "title_english", "title_eng")


def english_title(fields: dict[str, str], title: str) -> str | None:
    """The entry's title in English (see ENGLISH_TITLES), where it is not its own title."""
    for key in ENGLISH_TITLES:
        text = fold_space(italics_as_markdown(decode(fields.get(key, ""))))
        if text and text.casefold() != title.casefold():
            return text
    return None


def _latin_titles(fields: dict[str, str]) -> list[str]:
    """The fields that may give a title in another script in Latin letters, for the file's
    name: biblatex-ms's `title_translated_english` (and other languages') and
    `title_romanised`, MLA's translation in `titleaddon`, a translation's `origtitle`."""
    translated = sorted(
        (k for k in fields if k.startswith("title_translated")),
        key=lambda k: (k != "title_translated_english", k),
    )
    others = ("title_romanised", "title_romanized", "titleaddon", "origtitle", "title_en",
              "title-en", "title_english")  # fmt: skip
    return [k for k in (*translated, *others) if fields.get(k, "").strip()]


# Where a title's link leads that al-folio's page linked the title to, as the key that
# link has in its own entries: an arXiv page its `html` (whose id the record takes), a
# PDF its `pdf`, a file of the site's assets/pdf/ folder that `pdf` as al-folio names one.
_SITE_PDF = re.compile(r"/?assets/pdf/(.+)")


# A LaTeX CV's title as one link, its style around it (`\textit{\href{https://…}{Title}}`,
# PaulTran47/latex-cv-with-biblatex): the card showed the whole title in italics, and the
# link its PDF printed was lost.
_TEX_STYLE = re.compile(r"\\(?:textit|emph|textbf|textsl|textsc)\s*\{(.*)\}", re.DOTALL)
# A real title is wrapped in a style or braces twice at most; a hostile one in thousands, each
# peeled off by reading the whole title again, took minutes (36,000 characters: 78 s).
_TEX_LAYERS = 8
_TEX_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{(.*)\}", re.DOTALL)


def _grouped(text: str) -> bool:
    """Whether ``text``'s braces pair up, none closing before it opens."""
    depth = 0
    for char in re.sub(r"\\[{}]", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _tex_linked(title: str) -> tuple[str, str] | None:
    r"""A title that is one `\href` (in a style, or braces, or none): its address and
    text; None for any other."""
    title = title.strip()
    for _layer in range(_TEX_LAYERS):  # (each layer reads the whole title: a few at most)
        styled = _TEX_STYLE.fullmatch(title) or re.fullmatch(r"\{(.*)\}", title, re.DOTALL)
        if not styled or not _grouped(styled.group(1)):
            break
        title = styled.group(1).strip()
    href = _TEX_HREF.fullmatch(title)
    if not href or not _grouped(href.group(2)):
        return None
    return href.group(1).strip(), href.group(2).strip()


def _linked_title(fields: dict[str, str]) -> bool:
    """Free a title written as one HTML link (`<a href="https://arxiv.org/abs/…">Title</a>`,
    as older al-folio sites link each title to the paper) of its tag, the address kept as
    the link al-folio's own key would hold; whether it was one.

    The tag was the title: every card showed `<a href="…">` before it, the slug began
    `a-href-…`, and the paper's arXiv id or PDF was lost.
    """
    linked = _HTML_LINK.fullmatch(fields.get("title", "").strip())
    found = (unescape(linked.group(2)).strip(), linked.group(3)) if linked else None
    found = found or _tex_linked(fields.get("title", ""))
    if not found:
        return False
    address, fields["title"] = found
    site_pdf = _SITE_PDF.fullmatch(address)
    if _linkable(address):
        on_arxiv = re.search(r"arxiv\.org/(?:abs|pdf)/", address)
        key = "pdf" if address.lower().endswith(".pdf") and not on_arxiv else "html"
        fields.setdefault(key, address)
    elif site_pdf and _ASSET.fullmatch(site_pdf.group(1)):
        fields.setdefault("pdf", site_pdf.group(1))
    return True


def work_of(
    entry: Evaluated, parents: Sequence[Evaluated], origin: str, exported: str | None = None
) -> Work:
    """One evaluated entry mapped onto our fields (its crossref parents fill gaps).

    The nearest parent's fields win over a farther one's; the parent's own `crossref`
    was inherited as written (`crossref = {icml}` in a paper's cite.bib, naming an
    entry it does not hold), and the grandparent's fields were lost.
    """
    fields = {k: v for k, v in entry.fields.items() if k != "crossref"}
    linked_title = _linked_title(fields)
    if fields.get("ee") and not fields.get("url"):
        # dblp's BibTeX before 2016 gave the paper's address as `ee` ("electronic edition":
        # `http://dx.doi.org/10.1007/…`, `http://arxiv.org/abs/…`): its DOI and its link
        # were lost, with the arXiv id of a paper that gave it there alone.
        fields["url"] = fields["ee"]
    for parent in parents:  # crossref: the entry's own fields win, the parents fill the rest
        inherited = {
            k: v for k, v in parent.fields.items() if k not in _NOT_INHERITED and k != "crossref"
        }
        title = parent.fields.get("title")
        if title and parent.block.entry_type.lower() in _VOLUMES:
            inherited.setdefault("booktitle", title)
            if parent.fields.get("subtitle"):  # biblatex's inheritance: its booksubtitle
                inherited.setdefault("booksubtitle", parent.fields["subtitle"])
        fields.update({k: v for k, v in inherited.items() if k not in fields})
    block = entry.block
    work = Work(origin, (block.start_line or 0) + 1, f"entry '{block.key}'")
    # a title is Markdown: its italics are emphasis, its own stars text (`D*Lite`)
    title = decode(italics_marked(fields.get("title", "")))
    subtitle = decode(italics_marked(fields.get("subtitle", "")))
    if title and subtitle and subtitle.casefold() not in title.casefold():
        # biblatex's `subtitle` (Citavi, JabRef and biblatex's own examples write one),
        # which biblatex prints after the title; it was left out of the title shown.
        title += (" " if title[-1] in ".:?!" else ": ") + subtitle
    if _from_zbmath(fields) and title.endswith(".") and not title.endswith(".."):
        # zbMATH ends a title with a full stop, as its printed reviews did (`title =
        # {Complex algebraic surfaces.}`): the page's heading had it, the CV a second one
        title = title[:-1].rstrip()
    title = literal_stars(plain_tex_scripts(title))
    if _CROSSREF_MARKUP.search(title) or _HTML_ENTITY.search(title):
        title = fold_space(html_to_markdown(title))
    work.title = italics_as_markdown(literal_underscores(title))
    work.latin_title = next((decode(fields[k]) for k in _latin_titles(fields)), None)
    work.translated_title = english_title(fields, work.title)
    # a translation with no author or editor (biblatex's `usetranslator`, as its examples
    # write one) is listed by its translators: it was refused as having no authors. They
    # are its translators still, as biblatex prints them ("Monika B. Vizedom, trans."):
    # marked, or Google Scholar's tags and cite.bib named them its authors.
    names = fields.get("author") or fields.get("editor") or ""
    # a paper's standing written before its first author, as a site marks one not yet
    # out (338rajesh's `author = {(Under Review) Rajesh Nakka and …}`): the first author
    # was "(Under Review) Rajesh Nakka", the site's owner on none. It is the paper's
    # note (below).
    names = standing(names)[0]
    work.authors = person_names(names, tandf_export(fields))
    if not names and fields.get("translator"):
        translated = person_names(fields["translator"], tandf_export(fields))
        work.authors = _in_role(translated, "trans.")
    elif not fields.get("author") and fields.get("editor"):
        # an edited volume's editors, as it is cited: `Ada Lovelace (ed.)` (they were shown
        # as its authors); the mark is no part of the name that finds the owner's papers
        work.authors = _in_role(work.authors, "ed.")
    elif (
        fields.get("editor")
        and TYPES.get(block.entry_type.lower()) == "book"
        and work.authors
        and not is_truncation(work.authors[-1])
    ):
        # A book's own editor beside its author (biblatex's @book: an edition of Mozart's
        # letters, edited by a historian), marked, after the authors: the editor was left
        # out, and the edition was on no profile of hers.
        editors = person_names(fields["editor"], tandf_export(fields))
        work.authors += _in_role([n for n in editors if not is_truncation(n)], "ed.")
    translators = _translators(fields)
    if (
        translators
        and (fields.get("author") or fields.get("editor"))
        and work.authors
        and not is_truncation(work.authors[-1])
    ):
        # A translation's translator (biblatex's `translator`, or an `editora` whose
        # `editoratype` is `translator`), marked after the authors and editors, as an
        # editor is: the translation was on no profile of the translator's.
        translated = person_names(translators, tandf_export(fields))
        work.authors += _in_role([n for n in translated if not is_truncation(n)], "trans.")
    work.isbn = next(
        (i for i in isbn_list(decode(fields.get("isbn", ""))) if not isbn_problem(i)), None
    )
    edition = decode(fields.get("edition", "")).strip()
    work.edition = edition if edition and not number_problem("edition", edition) else None
    # biblatex's `origdate` (`origyear` of older files): a reprint's first publication
    first = _date({"date": fields.get("origdate", ""), "year": fields.get("origyear", "")})
    work.first_published = first if "/" not in first else first.split("/")[0]
    body = _corporate_author(fields, block.entry_type.lower())
    if body and not work.authors:
        work.authors = [body]  # one name, as biblatex prints it (see corporate_notes)
    work.authors = _collaboration(fields, work.authors)
    if fields.get("note"):  # EndNote's copy of PubMed's record spells out the initials
        work.authors = full_names(work.authors, fields["note"])
    work.date = _date(fields)
    entry_type = block.entry_type.lower()
    work.type = TYPES.get(entry_type, "other")
    if entry_type == "thesis" and _MASTERS.fullmatch(plain_text(decode(fields.get("type", "")))):
        work.type = "mastersthesis"  # biblatex's @thesis of `type = {mathesis}`
    if work.type == "thesis" and _HABILITATION.match(plain_text(decode(fields.get("type", "")))):
        # `@phdthesis{…, type = {Habilitationsschrift}}`: the page said "PhD thesis"
        work.type = "habilitation"
    # A paper in a volume is in its `booktitle`, which BibTeX's styles print for these
    # types (they ignore a `journal`): IRIS gives a chapter both, the series in capitals
    # as `journal`, and the card showed "LECTURE NOTES IN …" over the book's title.
    in_volume = entry_type in ("inproceedings", "conference", "incollection", "inbook")
    # A paper written as `@proceedings` (ASME's export; READMEs' citations of their own
    # paper, `booktitle` and all): it has authors, where a volume has editors. It was a
    # record of type other, with the publisher as its venue, or none.
    paper_in_proceedings = entry_type == "proceedings" and bool(fields.get("author"))
    named_volume = _NAMED_VOLUME.fullmatch(decode(fields.get("volume", "")))
    if paper_in_proceedings:
        in_volume, work.type = True, "conference"
        if named_volume and not fields.get("booktitle"):  # ASME's volume names the meeting
            work.venue = named_volume.group(2)
    # Every key is read for an address: READMEs cite a repository with `journal = {GitHub
    # repository}` before its `howpublished` address, which was never reached.
    for key in ("booktitle", *VENUE_KEYS) if in_volume else VENUE_KEYS:
        address = only_url(fields.get(key, "")) if not _named_host(fields.get(key, "")) else None
        if address:  # `howpublished = {\url{https://github.com/...}}`: a link, no venue
            kind = "code" if _CODE_HOST.match(address) else "paper"
            work.links.setdefault(kind, address)
        elif fields.get(key) and not work.venue:
            work.venue = _wos_case(_venue(_full_name(fields, key)), fields, block.key)
            if key == "publisher" and _from_zbmath(fields):
                # zbMATH writes the place before its publisher, `Cambridge: Cambridge Univ.
                # Press`: the card's venue read so (cite.bib keeps it)
                work.venue = _ZBMATH_PLACE.sub("", work.venue, count=1)
            if key == "booktitle":
                work.venue = _with_maintitle(work.venue, fields)
            if key == "booktitle" and is_dblp(block.key, fields):  # its kept entry keeps all
                titles = [_venue(p.fields.get("title", "")) for p in parents]
                work.venue = meeting(work.venue, titles) or work.venue
    if not work.venue and fields.get("abbr"):
        work.venue = decode(fields["abbr"])
    if not work.venue and _ascl(fields):
        # NASA ADS's export of code in the Astrophysics Source Code Library names it by its
        # record alone (`archivePrefix = {ascl}`, `eid = {ascl:1710.017}`), where its page
        # says the library: the card showed no venue
        work.venue = "Astrophysics Source Code Library"
    if not work.venue and entry_type == "patent" and fields.get("number"):
        # A patent is known by its number (`US 5,973,252 A`), which BibTeX's and biblatex's
        # styles print where a paper has its journal; the card showed no venue at all.
        country = decode(fields.get("nationality") or "")
        work.venue = " ".join(p for p in (country, "Patent", decode(fields["number"])) if p)
    cited = _MDPI_CITED.fullmatch(work.venue or "")
    if cited:
        work.venue = cited.group(1)
    ssrn = _SCHOLAR_SSRN.fullmatch(work.venue or "")
    # and Scholar's number as the volume of a bare `journal={Available at SSRN}`
    # (`volume={4157711}`): the card read "Available at SSRN 4157711", an article of
    # that volume, with no link to the paper
    numbered = verbatim(fields.get("volume", "")).strip()
    ssrn = ssrn or _SCHOLAR_SSRN.fullmatch(f"{work.venue or ''} {numbered}")
    ssrn_volume = ssrn is not None and ssrn.group(1) == numbered
    if ssrn:  # the paper's number on SSRN, a preprint server, whose page it names
        work.venue = "SSRN"
        work.links.setdefault("paper", f"https://ssrn.com/abstract={ssrn.group(1)}")
    work.arxiv_id = _arxiv(fields)
    volume = _ARXIV_VOLUME.fullmatch(verbatim(fields.get("volume", "")))
    if not work.arxiv_id and volume and _ARXIV_VENUE.fullmatch(work.venue or ""):
        work.arxiv_id = volume.group(1)  # Semantic Scholar: journal={ArXiv}, volume={abs/…}
    if _ARXIV_VENUE.fullmatch(work.venue or ""):
        work.venue = "arXiv"  # the one name, as the other sources give it
        _arxiv_month(fields, work)
    elif not volume:
        _locators(fields, entry_type, work)
        _spires_section(work)
        if ssrn_volume:
            work.volume = None  # the paper's number on SSRN, its link's
    if paper_in_proceedings and named_volume:
        work.volume = named_volume.group(1)
    if cited:  # what the entry's own fields lack: the citation names them
        work.volume = work.volume or cited.group(3)
        work.pages = work.pages or cited.group(4)
    venue = (work.venue or "").lower()
    # (Scholar's `journal={arXiv e-prints}` names no id: it is a preprint all the same)
    preprint = (bool(work.arxiv_id) and (not work.venue or "arxiv" in venue)) or venue == "arxiv"
    if preprint and work.type in ("article", "other"):
        work.type = "preprint"
    if _PREPRINT_SERVER.fullmatch(venue) and work.type in ("article", "other"):
        work.type = "preprint"  # bioRxiv's own export: `@article`, `journal = {bioRxiv}`
    in_proceedings = bool(fields.get("booktitle")) and not fields.get("journal")
    if work.type == "article" and (
        in_proceedings or _MEETING.search(decode(fields.get("journal", "")))
    ):
        # al-folio's sites write every paper as `@article`, a conference's as its journal
        # (`journal = {Conference on Neural Information Processing Systems (NeurIPS)}`):
        # the page said "Type: article", and Scholar's tags named a journal; Semantic
        # Scholar's `@Article{…, booktitle = {Neural Information Processing Systems}}`
        work.type = "conference"
    _proceedings_of_science(fields, work)
    # INSPIRE-HEP's `reportNumber` (`CMS-CAT-23-001, CERN-EP-2024-078`): the numbers a
    # physicist cites a paper by, which were left in cite.bib alone
    numbers = [n.strip() for n in fold_space(decode(fields.get("reportnumber", ""))).split(",")]
    work.report_number = ", ".join(n for n in numbers if n) or None
    if fields.get("doi"):
        doi = verbatim(fields["doi"])
        # A SICI DOI's `<` and `>` written as HTML's entities
        # (`…21:15&lt;1319::AID-JCC1&gt;3.0.CO;2-8`, as a CV's own BibTeX has Wiley's): the
        # page linked doi.org to `…&amp;lt;1319…`, a DOI no one registered.
        work.doi = bare_doi(unescape(doi) if _HTML_ENTITY.search(doi) else doi)
    if work.arxiv_id:
        work.links["arxiv"] = f"https://arxiv.org/abs/{work.arxiv_id}"
        # arXiv's own export (`primaryClass`) and biblatex (`eprintclass`) name the category
        # that the arXiv import gives the card (`cs.LG` shown as `LG`).
        category = verbatim(fields.get("primaryclass") or fields.get("eprintclass") or "")
        if not category and "/" in work.arxiv_id:  # an old id names it: `hep-th/9901001`
            category = work.arxiv_id.partition("/")[0]
        elif "/" not in work.arxiv_id and category in _ARCHIVES:
            # Zotero keeps only the archive of a new paper (`arXiv:2405.09876 [cs]`), and
            # Better BibLaTeX writes it so, `eprintclass = {cs}`: no category of arXiv's.
            # The card showed `cs`, and the arXiv import's `cs.LG` was a conflict.
            category = ""
        if re.fullmatch(r"[a-z-]+(?:\.[A-Za-z-]+)?", category):
            work.category = category
    for key, link in {**LINK_KEYS, **ADDRESS_KEYS}.items():
        url = _link(fields.get(key, ""))
        # al-folio's html={https://arxiv.org/abs/…} (or its PDF, /pdf/…, which made the
        # `paper` link the `pdf` one again): the arXiv page, whose link the id gives;
        # `url` is the paper's.
        on_arxiv = re.search(r"arxiv\.org/(?:abs|pdf)/", url)
        arxiv = split_arxiv_id(url) if link == "paper" and on_arxiv else None
        if arxiv:
            work.arxiv_id = work.arxiv_id or arxiv[0]
        elif url.startswith(("https://", "http://")):
            work.links.setdefault(link, url)
    _own_links(fields, work)
    _badge_links(fields, work)
    if work.arxiv_id:
        work.links.setdefault("arxiv", f"https://arxiv.org/abs/{work.arxiv_id}")
    url = _link(fields.get("url", ""))
    if work.doi and _SCOPUS_RECORD.match(url):
        url = ""  # Scopus's own page of the entry (behind its login), not the paper's: the DOI is
    if not work.doi and is_resolver_url(url):
        work.doi = parse_doi(url)  # `url = {https://doi.org/10.…}` alone: the paper's DOI
    if not work.doi:
        work.doi = _listed_doi(fields.get("url", ""))
    if not work.doi and _DOI_KEY.fullmatch(block.key):
        # SpringerLink's and the ACM's exports key an entry by its DOI
        # (`@InProceedings{10.1007/978-3-031-43987-2_36,`), and a README's copy kept the key
        # where it cut the `doi` field: the paper's DOI, which the record lost.
        work.doi = parse_doi(block.key)
    if url.startswith(("https://", "http://")) and "arxiv.org" not in url and "doi.org" not in url:
        # A PDF kept on GitHub is the paper's (a LaTeX CV's repository keeps its papers,
        # `url = {https://github.com/u/cv/blob/master/papers/x.pdf}`): the card's Code
        # badge led to it. A repository's page is its code.
        kind = named_by_address(url)
        work.links.setdefault(kind if kind in ("pdf", "code") else "paper", url)
    _server_eprint(fields, work)
    _eprint_link(fields, work)
    _ads_link(fields, work)
    _mathscinet_link(fields, work)
    _zbmath_link(fields, work)
    if fields.get("abstract"):
        # IRIS wraps each abstract in straight quotes, some twice (`{""Cloud …""}`): they
        # opened and closed the abstract shown. A quote inside is the text's own.
        wrapped = re.fullmatch(r'\s*"+([^"]*?)"+\s*', fields["abstract"])
        text = _html_links(wrapped.group(1) if wrapped else fields["abstract"], markdown=True)
        tagged = _TEX_TAG.sub(r"<\1>", text)
        if _CROSSREF_MARKUP.search(tagged):
            # the publisher's tags of an abstract Zotero copied from its page, written for
            # TeX (`{\textless}p{\textgreater}`, older Zotero's `{$<$}p{$>$}`): the page
            # showed "<p>" and "</p>" around the text
            text = tagged
        text = _JATS_HEADING.sub("", text, count=1)
        marked = bool(_CROSSREF_MARKUP.search(text) or _HTML_ENTITY.search(text))
        if marked:
            text = _TEX_ESCAPED_ENTITY.sub("", text)
            # NASA ADS writes an abstract's sub- and superscripts in HTML (`10<SUP>3</SUP>`,
            # `T <SUB>eff</SUB>`), which the page showed as tags: read as the databases' are.
            # (Zotero writes a `<` of the text as `{\textless}`, which stays text.)
            text = html_to_markdown(text)
        text = _sectioned(_unlabelled(_undeclared(text), fields), fields)
        # An accent the source wrote as text (Zotero's `Pad\textbackslash 'e` of arXiv's
        # `Pad\'e`) is the letter, as arXiv's abstract page shows it: Markdown read the
        # `\'` as an escaped quote, and the page said "Pad'e".
        plain = literal_underscores(fold_paragraphs(tex_accents(abstract_text(text))))
        # its stars are text (`2*3*4` set `3` in italics), as a title's are, but for the
        # emphasis the HTML above was made into
        work.abstract = as_markdown(plain if marked else literal_stars(plain))
    raw_note, eprint_pdf = _zotero_extra(fields.get("note", ""))
    if eprint_pdf:
        work.links.setdefault("pdf", eprint_pdf)
    data = _DATA_NOTE.fullmatch(fold_space(raw_note or ""))
    if data and _linkable(data.group(1)):
        # INSPIRE-HEP's note of a paper's data (`Data set is available on
        # \href{https://doi.org/10.17182/hepdata.104458.v1}{HEPData}`): the paper's `data`
        # link, cite.bib keeping the note. The record's note was "Data set is available on
        # HEPData", the address lost.
        work.links.setdefault("data", data.group(1))
    elif raw_note:
        # (an entity, `Cost \&euro;5`, as the title's and venue's: the page showed "&euro;5")
        work.note = _entities(decode(_html_links(raw_note, markdown=False)))
        pmid = _PMID_NOTE.fullmatch(work.note)
        if work.arxiv_id and _ARXIV_VENUE.fullmatch(work.note):
            work.note = None  # Zotero's "arXiv:2309.08600 [cs]": the id the page links
        elif _SCOPUS_NOTE.match(work.note) or _WOS_NOTE.fullmatch(work.note):
            # Scopus's "Cited by: 12; All Open Access", Web of Science's "Times Cited: 12"
            # as EndNote keeps it: their bookkeeping, the count read as citations
            work.note = None
        elif _ACCESSED.fullmatch(work.note):
            work.note = None  # when a web page was read, for a reference list: no comment
        elif is_pubmed_record(fields["note"]):
            work.note = None  # EndNote's copy of PubMed's record: its bookkeeping
        elif pmid:
            # the PubMed id ACS's (and SAGE's, Liebert's) export writes as the note: no
            # comment on the paper, but its PubMed page, where it has no page of its own
            work.note = None
            work.links.setdefault("paper", _EPRINT_PAGES["pubmed"].format(pmid.group(1)))
        elif _GOOGLE_PATENTS.fullmatch(work.venue or "") and "patent" in work.note.lower():
            work.venue, work.note = work.note, None  # the patent's number, as the venue
    for legend in (_legend(fields), _contributions(fields, work.authors)):
        if legend and legend.casefold() not in (work.note or "").casefold():
            work.note = f"{work.note}; {legend}" if work.note else legend
    said = standing(fields.get("author") or fields.get("editor") or "")[1]
    if said:
        said = said[:1].upper() + said[1:].lower()
        if said.casefold() not in (work.note or "").casefold():
            work.note = f"{said}; {work.note}" if work.note else said
    for what in (_pubstate(fields), _kind(fields, entry_type)):
        if what and what.casefold() not in (work.note or "").casefold():
            work.note = f"{what}; {work.note}" if work.note else what
    for said in (_award(fields), _special(fields), _presentation(fields)):
        if said and said.casefold() not in (work.note or "").casefold():
            work.note = f"{work.note}; {said}" if work.note else said
    # biblatex's `langid` is the one language of the entry (a babel name), `hyphenation`
    # its older name (the patent of biblatex-examples.bib had no language);
    # `language` may list several ("english and german"), which names no single one.
    for key in ("langid", "hyphenation", "language"):
        if fields.get(key) and work.language is None:
            work.language = language_tag(decode(fields[key]))
    if fields.get("keywords") or fields.get("author_keywords"):
        # A list split by `;` (IEEE Xplore, Mendeley) may hold commas inside its keywords.
        keywords = fields.get("keywords") or fields["author_keywords"]  # Scopus's name
        # Chinese keywords are set apart by full-width marks (CNKI's `标签平滑；故障诊断`),
        # which the list's `;` or `,` mean: the card showed "标签平滑；故障诊断" as one tag.
        keywords = keywords.translate(_FULL_WIDTH_SEPARATORS)
        # Springer's keywords are separated by middle dots ("Smart grid · Smart energy").
        separator = ";" if ";" in keywords else "·" if "·" in keywords else ","
        if separator == ";" and len(_TIGHT_COMMA.findall(keywords)) > keywords.count(";"):
            # Zotero and Mendeley join keywords with a bare `,` and write a MeSH heading's
            # own comma as `;` (`Humans,Time,Translational Research; Biomedical`): the list
            # was split at the `;` alone, and the card showed one tag of all the others.
            separator = ","
        if separator == "," and _one_a_line(keywords):
            separator = "\n"
        # EndNote's MeSH headings star the paper's main topics (`*Cocaine`, `Rats/*genetics`)
        # (a part of no letter or digit, as `,` of `；；，；`, is a separator left over, no tag)
        parts = re.split(separator, keywords)
        tags = [_MESH_STAR.sub("", decode(t)) for t in parts if _HAS_WORD.search(t)]
        # doi.org's record of an arXiv paper lists "FOS: Computer and information sciences"
        # twice; the card showed the tag twice. The first spelling of each is kept.
        firsts: dict[str, str] = {}
        for tag in tags:
            if not _MSC_CODE.fullmatch(tag.strip()):
                firsts.setdefault(tag.casefold(), tag)
        # A paper's standing as a keyword, as a site groups its list so (Alessiobrini's
        # `keywords = {published}`, `{working-paper}`): no topic, but every card's tag; a
        # working paper's `@article` in a journal of its own is one, not an article.
        standings = {
            key for key in firsts if re.sub(r"[\s_-]+", " ", key.strip()) in _STANDING_WORDS
        }
        working = {re.sub(r"[\s_-]+", " ", k.strip()) for k in standings} & _WORKING_WORDS
        if working and work.type == "article" and not work.doi:
            work.type = "preprint"
        work.tags = [tag for key, tag in firsts.items() if key not in standings]
    work.featured = fields.get("selected", "").strip().lower() in ("true", "yes", "1")
    work.scholar_id = verbatim(fields.get("google_scholar_id", "")).strip() or None
    _citations(fields, work, exported)
    # An id that is none is left out of the record (with a note) and so out of cite.bib.
    bad = _bad_ids(fields, work)
    if "crossref" in entry.fields and not parents:
        bad.add("crossref")  # to an entry not in the file: in cite.bib, BibTeX would warn
    if _counts_note(fields) or (fields.get("note", "").strip() and not raw_note):
        bad.add("note")  # a reader's bibliography printed "Cited by: 12; All Open Access"
    if _cut_date(fields.get("volume")):
        bad.add("volume")  # Mendeley's `2017-Decem`, no volume (see _cut_date)
    # a title freed of its link is no longer as written: cite.bib is made from the fields
    resolved = bool(entry.used_macros or parents or linked_title)
    if _nlm_alone(fields):
        fields, resolved = _with_journal(fields), True
    isi = _without_isi_links(fields.get("url", ""))
    if isi is not None:  # EndNote's `<Go to ISI>://WOS:…` line: cite.bib gave it as the url
        fields = {**fields, "url": isi} if isi else fields
        resolved = resolved or bool(isi)  # (written anew: the value is not as in the file)
        if not isi:
            bad.add("url")
    work.bibtex = _kept_entry(block, fields, resolved, bad)
    # An address that runs script (`url = {javascript:…}`, `\href{data:…}{…}`) is left out
    # of the entry too: cite.bib publishes it as written, and the build refuses it there.
    scripted = {name.lower() for name, _, _ in script_links(work.bibtex)}
    if scripted & _WHOLE:  # an entry without them is no reference: cite.bib is made anew
        work.bibtex = None
    elif scripted:
        work.bibtex = _kept_entry(block, fields, resolved, bad | scripted)
    return work


# The fields without which a kept entry would be no reference (a title-less entry in a
# reader's reference manager): one that holds a script address makes cite.bib from the
# record's fields, where its LaTeX is text, instead of keeping the entry without it.
_WHOLE = frozenset({"title", "author", "editor"})


# EndNote's link to a record in Web of Science, which only its own program follows
_ISI_LINK = re.compile(r"<go to isi>://\S*", re.IGNORECASE)


def _without_isi_links(url: str) -> str | None:
    """A ``url`` without EndNote's `<Go to ISI>://WOS:…` lines ("" if nothing is left);
    None where it has none. A reader's bibliography printed it as the paper's address."""
    if not _ISI_LINK.search(url):
        return None
    return " ".join(_ISI_LINK.sub(" ", url).split())


def _kept_entry(block: Entry, fields: dict[str, str], resolved: bool, leave: set[str]) -> str:
    """The entry a record keeps for cite.bib, less the ``leave`` fields and private ones:
    with its macros and crossref spelt out (``resolved``), else as written."""
    if resolved:
        private = {k for k in fields if is_private(k)}
        return _standalone(block.entry_type, block.key, fields, private | leave)
    return _without_private(block, leave)


def script_notes(fields: dict[str, str], work: Work) -> list[str]:
    """A note on each field, not a link's (those `unlinked_notes` names), left out of the
    kept entry for the script address it holds (`journal = {… \\url{javascript:…}}`)."""
    linked = {"url", *LINK_KEYS, *ADDRESS_KEYS}
    entry = "@misc{x,\n" + "".join(f"  {k} = {{{v}}},\n" for k, v in fields.items()) + "}"
    return [
        f"{work.where}: {work.label}: `{name}` holds a `{scheme}:` address; "
        + (
            "cite.bib is made from the record's fields, not kept from the entry"
            if name.lower() in _WHOLE
            else "left out of the entry kept for cite.bib"
        )
        for name, scheme, _ in script_links(entry)
        if name.lower() not in linked
    ]


# biblatex's keys for a journal's series, as it prints them (`series = {newseries}`)
_SERIES_KEYS = {"newseries": "new series", "oldseries": "old series"}


def _journal_series(series: str) -> str:
    """A journal's series as biblatex prints it: `newseries` "new series", a number an
    ordinal, `3` "3rd series"; else as written (`Series B`)."""
    if series.isdecimal() and len(series) <= 6:
        number = int(series)
        teen = number % 100 in (11, 12, 13)  # 11th, 12th, 13th; 21st, 22nd, 23rd
        suffix = "th" if teen else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix} series"
    return _SERIES_KEYS.get(series.casefold(), series)


# INSPIRE-HEP's (and SPIRES's) BibTeX before 2019 gives a journal's section with its
# volume, `journal = "Phys. Rev."`, `volume = "D97"`, as physicists wrote Phys. Rev. D97:
# the venue named Physical Review A to E as one journal, and the paper's own DOI said D.
_SPIRES_JOURNAL = re.compile(r"(?=.*\b(?:Phys|Instrum)\.).*\.")  # abbreviated, of physics
_SECTION_VOLUME = re.compile(r"([A-H])\s*([0-9]+)")


def _spires_section(work: Work) -> None:
    """A physics journal's section moved from the volume (`D97`) to the journal's name."""
    section = _SECTION_VOLUME.fullmatch(work.volume or "")
    if section and work.type == "article" and _SPIRES_JOURNAL.fullmatch(work.venue or ""):
        work.venue = f"{work.venue} {section.group(1)}"
        work.volume = section.group(2)


def _locators(fields: dict[str, str], entry_type: str, work: Work) -> None:
    """The entry's ``volume``, its issue and its ``pages`` (checked, as every importer's
    are, by :func:`work.drop_bad_locators`). They were read into cite.bib's entry only:
    Scholar's tags had none.

    The issue is BibTeX's ``number`` in a journal's paper or a report (elsewhere it is a
    patent's number, or a series'), else biblatex's ``issue`` (``Spring``).
    """
    in_journal = entry_type == "article" or bool(
        fields.get("journal") or fields.get("journaltitle") or fields.get("journal-full")
    )
    if _early_access(fields):
        return
    # a report's number (`AI-TR-595`), Scholar's technical_report_number: it was left out
    numbered = in_journal or work.type == "report"
    number = fields.get("number") if numbered and entry_type != "patent" else None
    if _number_month(fields):
        number = None  # a month (Mendeley's `number = {April}`): the date's, see _date
    if not in_journal and fields.get("series"):
        # dblp's, PMLR's, ADS's `series = {Lecture Notes in Computer Science}`: the
        # `volume` of the paper's proceedings is the series', 12346 of LNCS
        work.series = decode(_full_name(fields, "series")).strip() or None
    elif entry_type == "article" and fields.get("series"):
        # biblatex's series of a journal (`newseries`, `3`), whose volume is the journal's
        work.series = _journal_series(decode(fields["series"]).strip()) or None
    pages = _mathscinet_pages(fields.get("pages") or "") or _article_pages(fields)
    if pages and _ascl(fields) and _ASCL_RECORD.fullmatch(decode(pages).strip()):
        # ADS gives such code its library record as `pages` too (`ascl:1710.017`): no
        # pages, which the note asked to write as a range
        pages = None
    total = decode(fields.get("pagetotal") or "").strip()
    if (
        not pages
        and work.type in WHOLE_WORKS
        and (total.isdecimal() or _FRONT_AND_TEXT.fullmatch(total))
    ):
        # biblatex's count of pages, as Zotero exports a book's, a thesis's or a report's
        # (its `numPages`): the record's `pages` of one number is that count (page_count);
        # with the front matter's, `xvi+356`, as below (it was left out, unsaid)
        pages = total
    front = _FRONT_AND_TEXT.fullmatch(decode(pages or "").strip())
    if front and work.type in WHOLE_WORKS:
        # MathSciNet's count of a book's pages, `xii+308`: its front matter's, then the
        # text's, which is the count the record holds (`pages: 308`, "308 pp.")
        pages = front.group(1)
    if (
        work.type == "other"
        and entry_type == "proceedings"
        and decode(pages or "").strip().isdecimal()
    ):
        # the volume's count of pages, which its record (`type: other`) cannot tell from
        # a page: Scholar was told it was the first (a book's is a count, see page_count)
        pages = None
    if re.fullmatch(r"rs\s*(?:-{1,2}|\u2013)\s*\d", decode(pages or "").strip()):
        pages = None  # Scholar's Research Square preprint: `rs--3`, from its DOI's `rs.3`
    if re.fullmatch(r"20[0-9]{2}\.[01][0-9]\.[0-3][0-9]\.[0-9]{6,8}", decode(pages or "").strip()):
        # Zotero's `pages = {2025.02.15.638331}` of a bioRxiv or medRxiv preprint: its
        # number, in its DOI (`10.1101/2025.02.15.638331`), which a note called no pages
        pages = None
    posted = _SCHOLAR_POSTED.fullmatch(decode(pages or "").strip())
    if posted and work.date in (posted.group(1), "-".join(posted.groups())):
        # the month it was posted, the date of the preprint
        work.date, pages = "-".join(posted.groups()), None
    volume = fields.get("volume")
    if work.series and not in_journal and not decode(volume or "").strip():
        # a book's number in its series, which BibTeX and biblatex write as `number` (as
        # Zotero writes its "Series Number": `series = {Moreshet …}`, `number = 7`): the
        # series' volume, which the record had not
        volume = fields.get("number")
    in_series = _NUMBERED_SERIES.fullmatch(work.series or "") if not in_journal else None
    if in_series and not decode(volume or "").strip():
        # MathSciNet's older series name their book's number in the series' name,
        # `SERIES = {Annals of Mathematics Studies, No. 76}`: the series and its volume,
        # as a newer entry of it writes them (the card read "…Studies, No. 76")
        work.series, volume = in_series.group(1), in_series.group(2)
    if _cut_date(volume):
        volume = None
    for name, value in (
        ("volume", volume),
        ("issue", number or fields.get("issue")),
        ("pages", pages),
    ):
        if value and decode(value).strip().lower() not in ("", "n/a", "0", "null"):
            # (Wiley's export of an article online before its issue: `volume = {n/a}`,
            # `number = {n/a}`, which the page showed as "n/a(n/a)"; ACS's: `volume = {0}`,
            # `number = {0}`, `pages = {null}`, "0(0)")
            setattr(work, name, decode(value).strip())


# A series' name with its book's number after a comma, as MathSciNet writes an older
# book's (`Annals of Mathematics Studies, No. 76`, `Lecture Notes in Math., Vol. 349`)
_NUMBERED_SERIES = re.compile(r"(.*\S),\s*(?:No|Vol|Nr|Bd)\.\s*([0-9]+)", re.IGNORECASE)


# Mendeley's (from Scopus's) volume of a conference paper, the meeting's year and month
# cut to ten characters: `volume = {2017-Decem}` (NeurIPS 2017), `{2019-Octob}`,
# `{2019-June}`. No volume of the proceedings: the page read "Advances in Neural
# Information Processing Systems 2017-Decem, 5999–6009", and so did a reader's
# bibliography of its cite.bib.
_CUT_DATE = re.compile(r"(?:1[89]|20)[0-9]{2}-([A-Za-z]{3,9})")


def _cut_date(volume: str | None) -> bool:
    """Whether ``volume`` is such a year and month, cut or whole, and not a volume."""
    found = _CUT_DATE.fullmatch(decode(volume or "").strip())
    return found is not None and any(
        len(name) > 3 and name.startswith(found.group(1).lower()) for name in MONTH_NUMBERS
    )


# A class of the Mathematics Subject Classification (`14J25`, `47Axx`, `14-02`, `00-XX`),
# which zbMATH's export gives as the entry's `keywords`: each was a tag on the card.
_MSC_CODE = re.compile(r"[0-9]{2}(?:[A-Z](?:[0-9]{2}|xx)|-(?:[0-9]{2}|XX|xx))")


def _full_name(fields: dict[str, str], key: str) -> str:
    """The ``journal`` or ``series`` an entry names, by its full name where MathSciNet and
    zbMATH give it beside the abbreviation (`journal = {J. Number Theory}`, `fjournal =
    {Journal of Number Theory}`; zbMATH's `fseries`): the card showed the abbreviation.
    BibDesk's and JabRef's entries from PubMed give MEDLINE's abbreviation and the NLM's
    full title (`journal = {Sci Rep}`, `journal-full = {Scientific reports}`): the full
    one where the other abbreviates it, in title case; a journal that is its own name
    stays (`Lancet`, not `Lancet (London, England)`)."""
    full = fields.get(f"f{key}", "") if key in ("journal", "series") else ""
    if key == "school":
        return _school_with_university(fields)
    if key == "journal" and not decode(full).strip():
        nlm = decode(fields.get("journal-full", "")).strip()
        if nlm and _abbreviates(decode(fields[key]), nlm):
            return _headline(nlm)
    if key == "journal-full":
        return _headline(decode(fields[key]).strip())
    return full if decode(full).strip() else fields[key]


def _nlm_alone(fields: dict[str, str]) -> bool:
    """Whether an entry names its journal by BibDesk's `journal-full` alone."""
    return bool(decode(fields.get("journal-full", "")).strip()) and not any(
        decode(fields.get(k, "")).strip() for k in ("journal", "journaltitle", "booktitle")
    )


def _with_journal(fields: dict[str, str]) -> dict[str, str]:
    """``fields`` with a `journal` of the `journal-full` (after it), in title case as the
    page shows it where it is plain text. BibTeX's styles read no `journal-full`: the
    paper's cite.bib printed no journal."""
    nlm = fields["journal-full"].strip()
    journal = nlm if "\\" in nlm or "{" in nlm else _headline(nlm)
    written: dict[str, str] = {}
    for name, value in fields.items():
        written[name] = value
        if name == "journal-full":
            written["journal"] = journal
    return written


_LETTERS = re.compile(r"[^\W\d_]+")


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is an abbreviation of ``full``: a word cut (`Nat. Commun.`, or
    MEDLINE's `Sci Rep`), each of its words the start of one of the full name's, in order
    (`J Biol Chem` of `The Journal of biological chemistry`)."""
    words = _LETTERS.findall(short.casefold())
    names = iter(_LETTERS.findall(full.casefold()))
    cut = "." in short
    for word in words:
        name = next((n for n in names if n.startswith(word)), None)
        if name is None:
            return False
        cut = cut or name != word
    return bool(words) and cut


def _headline(name: str) -> str:
    """A journal's name the NLM writes in sentence case (`Scientific reports`, `The
    Journal of biological chemistry`) in title case, as the journal writes it: its small
    words (`of`, `the`) past the first stay in lower case, a brand as it is spelt (`eLife`)."""

    def word(match: re.Match[str]) -> str:
        text = match.group(0)
        if text.upper() in _BRANDS:
            return _BRANDS[text.upper()]
        if not text[0].islower() or (text in _SMALL_WORDS and match.start() > 0):
            return text
        return text[0].upper() + text[1:]

    return _WORD.sub(word, name)


_UNIVERSITY = re.compile(r"univer|institut|college|polytechn|hochschule|école|ecole", re.I)


def _school_with_university(fields: dict[str, str]) -> str:
    """A thesis's ``school``, followed by its ``address`` where only the address names the
    university, as BibTeX's styles print both: IRIDIA's `school = {School of Engineering
    and the Built Environment}`, `address = {Edinburgh Napier University, UK}`. The card
    named the school of no university."""
    school, address = fields["school"], fields.get("address", "")
    if _UNIVERSITY.search(decode(address)) and not _UNIVERSITY.search(decode(school)):
        return f"{school}, {address}"
    return school


# Google Scholar's BibTeX of a preprint (bioRxiv, medRxiv, SSRN) gives the year and month
# it was posted as its pages: `pages={2023--09}`, `year={2023}`. The import refused them
# as pages that end before they start, and said to write `09–2023`.
_SCHOLAR_POSTED = re.compile(r"(\d{4})\s*(?:-{1,2}|\u2013)\s*(0[1-9]|1[0-2])")


def _arxiv_month(fields: dict[str, str], work: Work) -> None:
    """The month of an arXiv preprint that Google Scholar's BibTeX gives (from NASA ADS's
    record) as its pages: `journal={arXiv e-prints}`, `pages={arXiv--2510}`, the year
    and month of its id, 2510.xxxxx, as arXiv numbers its papers."""
    month = re.fullmatch(
        r"arxiv\s*(?:-{1,2}|\u2013)\s*(\d\d)(0[1-9]|1[0-2])",
        decode(fields.get("pages", "")).strip(),
        re.I,
    )
    if month and work.date == f"20{month.group(1)}":
        work.date = f"{work.date}-{month.group(2)}"


# Wiley's export starts an abstract with the heading its page sets above it, run into the
# text: `ABSTRACT Raman spectra …`, `Summary The severe impact …`.
_WILEY_LABEL = re.compile(r"\s*(?:ABSTRACT|SUMMARY|Abstract|Summary)\s+(?=[A-Z0-9])")
_WILEY = re.compile(r"(?:^|/)10\.1002/|onlinelibrary\.wiley\.com/", re.IGNORECASE)


# bioRxiv's and medRxiv's declarations, which their pages (and so Zotero's export) run
# into the abstract after its last sentence: `…disorders.Competing Interest StatementThe
# authors have declared no competing interest.Funding Statement…Author Declarations…`.
_DECLARATIONS = re.compile(r"(?<=\S)\s*Competing Interest Statement\s*(?=[A-Z])[\s\S]*\Z")


def _undeclared(abstract: str) -> str:
    """An ``abstract`` without the declarations bioRxiv and medRxiv run into its end."""
    return _DECLARATIONS.sub("", abstract)


def _unlabelled(abstract: str, fields: dict[str, str]) -> str:
    """A Wiley paper's ``abstract`` without the heading its export runs into it."""
    wiley = any(_WILEY.search(fields.get(key, "")) for key in ("doi", "url"))
    return _WILEY_LABEL.sub("", abstract, count=1) if wiley else abstract


# Oxford University Press's export runs a structured abstract's sections together, each
# heading straight after the last sentence (`…protein graphs.Results: Our graph model`,
# `…www.pyrosetta.org.Contact:jjgray@jhu.edu`): where its page sets them as paragraphs.
_OUP = re.compile(r"(?:^|/)10\.1093/|academic\.oup\.com/", re.IGNORECASE)
_RUN_IN_HEADING = re.compile(r"(?<=[.!?)\]])([A-Z][a-z]+(?: [A-Za-z]+){0,3}):[ \t]*")


def _sectioned(abstract: str, fields: dict[str, str]) -> str:
    """An OUP paper's ``abstract`` with each section a paragraph of its own."""
    oup = any(_OUP.search(fields.get(key, "")) for key in ("doi", "url", "eprint"))
    return _RUN_IN_HEADING.sub(r"\n\n\1: ", abstract) if oup else abstract


# A book's pages as MathSciNet and zbMATH count them: `xii+308`, `xii + 308`
_FRONT_AND_TEXT = re.compile(r"[ivxlcdm]+\s*\+\s*([0-9]+)", re.IGNORECASE)


def _early_access(fields: dict[str, str]) -> bool:
    """Whether the entry is IEEE Xplore's of an Early Access article, whose volume, issue
    and pages are placeholders: `volume={PP}`, `number={99}` (Xplore's older exports), or
    `volume={}`, `number={}` and `pages={1-1}` (or the article's own `1-14`). The page
    read "IEEE Transactions on Image Processing PP(99), 1", and Scholar's tags said so."""
    volume, number = (decode(fields.get(key) or "").strip() for key in ("volume", "number"))
    if volume == "PP":
        return True
    pages = decode(fields.get("pages") or "").strip()
    blank = "volume" in fields and "number" in fields and not volume and not number
    return blank and re.fullmatch(r"1(?:\s*-+\s*[0-9]+)?", pages) is not None


# MathSciNet's (the AMS's) pages of a numbered article, `Paper No. 56, 31` (its number and
# its count of pages; `Paper No. e70102`, `Art. ID 734624, 10 pp.`), and of an issue that
# appeared a year after its volume's, `33--186 (1978)`: all were refused as no pages.
_PAPER_NO = re.compile(
    r"(?:Paper|Art(?:icle)?\.?)\s*(?:No\.?|ID|Nr\.?)\s*([A-Za-z]{0,4}[0-9]+)"
    r"(?:\s*,\s*[0-9]+\s*(?:pp\.?)?)?",
    re.IGNORECASE,
)
_APPEARED = re.compile(r"(.*?[0-9])\s*\((?:1[5-9]|20)[0-9]{2}\)", re.DOTALL)


def _mathscinet_pages(pages: str) -> str:
    """``pages`` as the locator they are where MathSciNet wrote them in its words: the
    article's number (`Paper No. 56, 31` is `56`), or the pages without the year the
    issue appeared (`33--186 (1978)` is `33--186`); else as written."""
    text = decode(pages).strip()
    numbered = _PAPER_NO.fullmatch(text)
    if numbered:
        return numbered.group(1)
    appeared = _APPEARED.fullmatch(text)
    return appeared.group(1) if appeared else pages


# A record of the Astrophysics Source Code Library, as NASA ADS writes its `eid`
_ASCL_RECORD = re.compile(r"ascl:\d{4}\.\d{3,}", re.IGNORECASE)


def _ascl(fields: dict[str, str]) -> bool:
    """Whether an entry is code in the Astrophysics Source Code Library, as ADS exports it."""
    return verbatim(fields.get("archiveprefix", "")).strip().lower() == "ascl"


def _article_pages(fields: dict[str, str]) -> str | None:
    """The pages of an entry the ACM DL exports (since 2020) with its article's number and
    page count in their place, `articleno = {32}`, `numpages = {13}`: `32:1--32:13`, as
    dblp writes the same paper's pages; the article's number alone without a count."""
    article = decode(fields.get("articleno") or "").strip()
    count = decode(fields.get("numpages") or "").strip()
    if article.isdecimal() and count.isdecimal() and len(count) <= 6 and int(count) > 0:
        return f"{article}:1--{article}:{count}" if int(count) > 1 else f"{article}:1"
    # MDPI's and Web of Science's `article-number = {279}` (the journal's locator in place
    # of pages, which the page left out), whose "UNSP" says it is not the journal's own
    numbered = re.sub(r"^UNSP\s*", "", decode(fields.get("article-number") or "").strip())
    # biblatex's `eid`, its field for the same number (`eid = 124106`, as its own examples
    # and NASA ADS write it), which was left out where the entry has no pages
    eid = decode(fields.get("eid") or "").strip()
    return article or numbered or eid or None


# INSPIRE-HEP's note of where a paper's data is (HEPData's record, the experiment's page)
_DATA_NOTE = re.compile(r"Data set is available on \\href\{([^{}\s]+)\}\{[^{}]*\}\.?")
# Proceedings of Science (SISSA), whose volume is the meeting's acronym (`ICHEP2024`)
_POS = re.compile(r"PoS|Proc(?:\.|eedings of) ?Sci(?:\.|ence)", re.IGNORECASE)


def _proceedings_of_science(fields: dict[str, str], work: Work) -> None:
    """A paper in Proceedings of Science, as INSPIRE-HEP exports one (`journal = "PoS"`,
    `volume = "ICHEP2024"`, as @article or @inproceedings with the meeting's `booktitle`),
    is a conference paper in the series PoS, whose volume ICHEP2024 is: the page said
    "Journal article" and Scholar's tags named the journal "PoS"; of an @inproceedings,
    "42nd International Conference on High Energy Physics, vol. ICHEP2024", PoS left out."""
    if not _POS.fullmatch(decode(fields.get("journal", "")).strip()):
        return
    if work.type in ("article", "other", "conference"):
        work.type = "conference"
    work.series = "PoS"
    work.venue = work.venue or "PoS"


def _collaboration(fields: dict[str, str], authors: list[str]) -> list[str]:
    """The authors, led by the collaborations of INSPIRE-HEP's `collaboration` where the
    list is cut short: `author = "Aad, Georges and others"` of `ATLAS` was "Georges Aad
    et al." on every card of an ATLAS member's papers, whose author INSPIRE and arXiv
    name "ATLAS Collaboration". A full list (a paper "on behalf of" one) stays as it is.
    An entry of no `author` but its `collaboration` (INSPIRE's export of a paper whose
    list it has not yet taken in, `Sirunyan:2020pjd` of `CMS`) is the collaboration's: it
    was refused, "has no authors", and the whole file with it."""
    groups = [g.strip() for g in decode(fields.get("collaboration", "")).split(",") if g.strip()]
    named = [g if GROUP_NAME.search(g) else f"{g} Collaboration" for g in groups]
    if not authors:
        return named
    if authors[-1] != "et al." or not groups:
        return authors
    return [*(g for g in named if g not in authors), *authors]


def _without_private(block: Entry, leave: set[str] | frozenset[str] = frozenset()) -> str:
    """The entry as written, less the fields that only make sense on the author's disk."""
    raw = (block.raw or "").strip()
    for fld in block.fields:
        value = str(fld.value)
        if unmarked(fld.key, value) != value:
            raw = raw.replace(value, unmarked(fld.key, value), 1)
        if not is_private(fld.key) and fld.key.lower() not in leave:
            continue
        pattern = (
            rf"(?im)^[ \t]*{re.escape(fld.key)}\s*=\s*{re.escape(str(fld.value))}\s*,?[ \t]*\r?\n?"
        )
        raw, found = re.subn(pattern, "", raw, count=1)
        if not found:  # written some other way (on one line with others): rebuild the entry
            fields = {f.key.lower(): str(f.value) for f in block.fields}
            private = {k for k in fields if is_private(k)}
            return _standalone_raw(block.entry_type, block.key, fields, private | set(leave))
    return raw


def _standalone_raw(entry_type: str, key: str, fields: dict[str, str], leave: set[str]) -> str:
    """The entry rebuilt from its raw values (as written), less the ``leave`` fields."""
    lines = [f"@{entry_type}{{{key},"]
    lines += [
        f"  {name} = {unmarked(name, value)},"
        for name, value in fields.items()
        if name not in leave
    ]
    lines.append("}")
    return "\n".join(lines)


def _standalone(
    entry_type: str,
    key: str,
    fields: dict[str, str],
    leave: set[str] | frozenset[str] = frozenset(),
) -> str:
    """The entry with macros and crossref resolved, LaTeX kept as written."""
    lines = [f"@{entry_type}{{{key},"]
    for name, value in fields.items():
        if name in leave:
            continue
        month = MONTH_NUMBERS.get(value.strip().lower()) if name == "month" else None
        text = MONTHS[month - 1] if month else f"{{{unmarked(name, value)}}}"  # months: macros
        lines.append(f"  {name} = {text},")
    lines.append("}")
    return "\n".join(lines)
