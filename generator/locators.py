"""A paper's place in its venue: its volume, issue and pages.

Records write pages as a range (``45–67``, ``45-67``, ``45--67``), a single page or an
article number (``e1002345``, ``105123``), pages of a numbered article (``46:1–46:13``,
as dblp writes an ACM journal's), or a first page with ``+`` (``45+``: it goes on
elsewhere, as BibTeX writes it). A record keeps the range with an en dash; cite.bib
writes BibTeX's ``--``; Scholar's tags and JSON-LD take its first and last page.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Protocol

from generator.catalogue import fill_text
from generator.ids import shown

# A roman numeral as it is written (`xii`, `xiv`, not `iiii` or a word of its letters,
# `dim`, `ill`; `mix` is 1009), in small letters or capitals
_ROMAN = r"(?=[ivxlcdm])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
# One page: digits with a letter or two before or after (`S12`, `e1002345`, `12a`,
# `L5`, Elsevier's `123.e9`), a page of a numbered article (`46:13`, its page 13, as dblp
# and ACM write an ACM journal's), or a roman numeral of a book's front matter (`xii`).
_PAGE = (
    r"(?:(?:[0-9]+:)?[A-Za-z]{0,4}[0-9]+(?:\.?[A-Za-z]{1,2}[0-9]*)?"
    rf"|{_ROMAN}|{_ROMAN.upper()})"
)
# Between a range's pages: `-`, BibTeX's `--` (and `---`), and the dashes of Unicode
_DASH = r"\s*(?:-{1,3}|[\u2010-\u2015\u2212])\s*"
_PAGES = re.compile(rf"({_PAGE})(?:{_DASH}({_PAGE})|\s*(\+))?")
# `pp. 45–67`, `p. 7`, `pages 45-67`: the word that says they are pages, with its dot or
# without (`pp 45-67`, as exports write it too), and in the languages of references
# (German `S. 45–67`, Spanish `págs.`, Italian `pag.`, Russian `С.` and `стр.`). `S` and
# `p` need their dot or a space: `S12` and `p7` are pages of their own.
_PAGES_WORD = re.compile(
    r"(?:pp|p|pgs?|s|págs?|pag|с|стр)\.\s*|(?:pp|p|pages?|pgs?|s|seiten?|págs?|стр)(?:\s+|$)",
    re.IGNORECASE,
)
# A page's number and what comes before it (`S`, `e`, the article's `46:`), which the
# last page of a range repeats or leaves out
_NUMBERED = re.compile(r"((?:[0-9]+:)?[A-Za-z]*)([0-9]+)")
# A meeting abstract's number, which Google Scholar and NASA ADS give as an AGU, EGU, AAS
# or APS abstract's pages: AGU's session and paper (`NH21A-03`, `IN32A-05`, `A51O-216`,
# 2020's `NH030-0010`), EGU's (`EGU21-1234`), AAS's (`207.04`), APS's (`Q33.006`). Read as
# a range, `NH21A–03` was shown as pages, `NH030-0010` and `207.04` refused.
_ABSTRACT_NUMBER = re.compile(
    r"(?:[A-Z]{2,5}[0-9]{2,4}|[A-Z]{1,4}[0-9]{1,4}[A-Z])(?:-{1,3}|[\u2010-\u2015\u2212])[0-9]{1,5}"
    r"|[A-Z]{0,2}[0-9]{1,3}\.[0-9]{2,3}"
)
# An ASME conference paper's number in its proceedings (ASME's BibTeX gives it as the
# pages: `V03BT03A039`, volume 3B, track 3, paper 39), which was refused as no pages.
_ASME_PAPER = re.compile(r"V[0-9]{2,3}[A-Z]?T[0-9]{2}[A-Z][0-9]{3}")
# `Vol. 12`, `No. 3`, `Issue 3`: the word the page's `12(3)` already says
_NUMBER_WORD = re.compile(
    r"(?:(?:vol(?:ume)?|no|nr|num(?:ber)?|iss(?:ue)?)(?:\.\s*|\s+)|(?:n°|№)\s*)(?=\S)",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(r"[-\u2212]\s*[0-9]+")
MAX_NUMBER_LENGTH = 30  # `Suppl. 2`, `12 Pt 1`; longer is a sentence, not a volume
MAX_PAGES_LENGTH = 40  # `pp. 123.e1–123.e19`; a 1,000-digit "page" is no page


class Located(Protocol):
    """A paper record, or an imported work: what has a venue, a volume, an issue and pages."""

    @property
    def venue(self) -> str | None: ...
    @property
    def series(self) -> str | None: ...
    @property
    def volume(self) -> str | None: ...
    @property
    def issue(self) -> str | None: ...
    @property
    def pages(self) -> str | None: ...
    @property
    def type(self) -> str | None: ...


@dataclass(frozen=True)
class Pages:
    """Pages as read: the first, the last (None for one page), and a ``+`` after the first."""

    first: str
    last: str | None = None
    more: bool = False

    def text(self) -> str:
        """As a record keeps it and the page shows it: ``45–67``, ``45``, ``45+``."""
        if self.last is not None:
            return f"{self.first}\u2013{self.last}"
        return self.first + ("+" if self.more else "")

    def bibtex(self) -> str:
        """As BibTeX writes them: ``45--67``."""
        return self.text().replace("\u2013", "--")


def read_pages(text: str) -> Pages | str:
    """``text`` read as pages, or what is wrong with it and how to fix it.

    A range shortened as some styles print it (``1234–56``, PubMed's ``123-9``) is
    refused with its whole form, which :func:`expand_pages` gives an importer.
    """
    written = " ".join(text.split())
    if _ASME_PAPER.fullmatch(written):
        return Pages(written)
    if _ABSTRACT_NUMBER.fullmatch(written):  # one number, written with one hyphen
        return Pages(re.sub(r"-+|[\u2010-\u2015\u2212]", "-", written))
    match = _PAGES.fullmatch(_without_word(written)) if len(written) <= MAX_PAGES_LENGTH else None
    if match is None:
        return (
            f"`{shown(written)}` is not pages; write a range (`45–67`), one page or an article "
            "number (`e1002345`), or a first page and `+` (`45+`)"
        )
    first, last, more = match.group(1), match.group(2), bool(match.group(3))
    if last is None or last == first:
        return Pages(first, None, more)
    start, end = _NUMBERED.fullmatch(first), _NUMBERED.fullmatch(last)
    if start and end and end.group(1) in ("", start.group(1)):
        low, high = start.group(2), end.group(2)
        if int(high) < int(low):
            whole = _whole(low, high)
            if whole is not None:
                fixed = f"{first}\u2013{start.group(1)}{whole}"
                return f"`{written}` is a shortened range; write it whole: `{fixed}`"
            return (
                f"`{written}` ends before it starts; write the first page, then the last: "
                f"`{last}\u2013{first}`"
            )
    if _backwards_roman(first, last):
        why = "" if _roman(first) else " (the front matter's roman pages come before page 1)"
        return (
            f"`{written}` ends before it starts{why}; write the first page, then the last: "
            f"`{last}\u2013{first}`"
        )
    return Pages(first, last, more)


def _roman(page: str) -> int | None:
    """``xii`` as 12; None for a page that is no roman numeral."""
    if re.fullmatch(_ROMAN, page.lower()) is None:
        return None
    values = [_ROMAN_VALUES[char] for char in page.lower()]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


def _backwards_roman(first: str, last: str) -> bool:
    """Whether a range ends on a roman page before its first one: `xii–iv`, or `5–xii`
    (front matter's pages come before the text's). `xii–5` goes from one into the other."""
    end = _roman(last)
    if end is None:
        return False
    start = _roman(first)
    return start is None or end < start


def _without_word(text: str) -> str:
    """``pp. 45–67`` as ``45–67``."""
    return _PAGES_WORD.sub("", text, count=1) if _PAGES_WORD.match(text) else text


def _whole(low: str, high: str) -> str | None:
    """The last page a shortened range means (``1234``, ``56`` → ``1256``), or None."""
    whole = low[: len(low) - len(high)] + high
    return whole if len(high) < len(low) and int(whole) > int(low) else None


def expand_pages(text: str) -> str:
    """``1234-56`` as ``1234–1256``: a shortened range whole (for an importer), else as is
    (too long to be pages too: :func:`read_pages` says so, where ``int`` would fail)."""
    written = " ".join(text.split())
    match = _PAGES.fullmatch(_without_word(written)) if len(written) <= MAX_PAGES_LENGTH else None
    start = _NUMBERED.fullmatch(match.group(1)) if match else None
    end = _NUMBERED.fullmatch(match.group(2) or "") if match else None
    if start is None or end is None or end.group(1) not in ("", start.group(1)):
        return text
    whole = _whole(start.group(2), end.group(2))
    return f"{start.group()}\u2013{start.group(1)}{whole}" if whole else text


def number_problem(key: str, text: str) -> str | None:
    """What is wrong with a volume, issue (``12``, ``12A``, ``Suppl 2``) or edition
    (``2``, ``Revised``), or None."""
    if "\n" in text:
        return f"`{key}` must be one line, such as `{key}: 12`"
    if not re.search(r"\w", text):  # `-`, `?`: a place for a number, none in it
        return f"`{key}` `{text}` holds no number; write the {key} (`{key}: 12`) or leave it out"
    if _NEGATIVE.fullmatch(text):  # `volume: "-1"`, as text; YAML's -1 is the same
        return f"`{key}` must not be negative, not {text}"
    if len(text) > MAX_NUMBER_LENGTH:
        return (
            f"`{key}` `{shown(text, 40)}` is {len(text)} characters long; "
            f"{'an' if key[:1] in 'aeiou' else 'a'} {key} is a number or a short name such as "
            f"`{'Revised' if key == 'edition' else 'Suppl 2'}` (at most {MAX_NUMBER_LENGTH})"
        )
    word = _NUMBER_WORD.match(text)
    if word is not None and text[word.end() :].strip():
        return (
            f"`{key}` repeats the word `{word.group().strip()}`, which the page's `12(3)` "
            f"already says; write `{key}: {text[word.end() :].strip()}`"
        )
    return None


# An edition's number in the words Chinese, Japanese and Korean write around it: `第2版`,
# `제2판` (the 2nd edition)
_EDITION_WORDS = re.compile(r"(?:第|제)\s*([0-9]+)\s*(?:版|판)")


# An edition's number in English words, as BibTeX's styles print `edition` with
# " edition" after it and MathSciNet writes it for them (`EDITION = {Second}`), and as
# zbMATH and catalogues write it (`2nd ed.`, `3rd edition`): the CV read "Second." and
# "2nd ed.", one book's edition as a word and another's as a number
_ORDINAL_WORDS = {
    word: n
    for n, word in enumerate(
        ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
         "ninth", "tenth", "eleventh", "twelfth"),
        start=1,
    )
}  # fmt: skip
_ENGLISH_EDITION = re.compile(
    r"(?:([0-9]+)(?:st|nd|rd|th)|(" + "|".join(_ORDINAL_WORDS) + r"))"
    r"(?:\s+(?:ed\.?|edition))?\.?",
    re.IGNORECASE,
)


def edition_number(text: str) -> int | None:
    """The number of an edition written as one (``2``, full-width ``２``, ``第２版``,
    ``제2판``, English ``2nd ed.`` and ``Second``), or None for other words (``Revised``,
    ``Second, revised``) and for 0. Read as NFKC reads it: a Japanese record's `２` was
    shown as written, never as the 2nd edition."""
    plain = unicodedata.normalize("NFKC", text).strip()
    english = _ENGLISH_EDITION.fullmatch(plain)
    if english:
        return (int(english[1]) if english[1] else _ORDINAL_WORDS[english[2].lower()]) or None
    words = _EDITION_WORDS.fullmatch(plain)
    digits = words[1] if words else plain
    return int(digits) if digits.isascii() and digits.isdigit() and int(digits) else None


# The same words in the languages of library catalogues and references, which an import
# drops too (HeBIS's `volume = {Band 108}`, German `Bd. 3` and `Heft 2`, French `tome 4`,
# Spanish `tomo 4` and `núm. 2`, Russian `Т. 20`, `том 20` and `вып. 3`, Italian
# `fasc. 2`); a record may keep them, as it was written before
_LOCAL_NUMBER_WORD = re.compile(
    r"(?:(?:bd|t|т|вып|fasc|núm|h)\.\s*|(?:band|tome|tomo|том|heft|número|numéro|выпуск)\s+)(?=\S)",
    re.IGNORECASE,
)


def plain_number(text: str) -> str:
    """``Vol. 12`` as ``12``: a volume or issue less the word before it (for an importer)."""
    word = _NUMBER_WORD.match(text.strip()) or _LOCAL_NUMBER_WORD.match(text.strip())
    return text.strip()[word.end() :].strip() if word else text.strip()


# A `type` as people write it by hand (`PhD thesis`, `Master's thesis`, `journal article`)
# → the name README lists (`phdthesis`, `mastersthesis`, `article`): each was a type the
# build knew nothing of, and Google Scholar was told a thesis's university was a journal
_TYPE_SPELLINGS = {
    **dict.fromkeys(
        (
            "phd thesis", "ph.d. thesis", "phd dissertation", "ph.d. dissertation",
            "doctoral thesis", "doctoral dissertation",
        ),
        "phdthesis",
    ),
    **dict.fromkeys(
        ("master's thesis", "masters thesis", "master thesis", "msc thesis", "m.sc. thesis"),
        "mastersthesis",
    ),
    **dict.fromkeys(("habilitation thesis", "habilitationsschrift"), "habilitation"),
    **dict.fromkeys(("journal article", "journal paper"), "article"),
    **dict.fromkeys(("conference paper", "proceedings paper"), "conference"),
    "book chapter": "chapter",
    "tech report": "technical report",
    "discussion paper": "working paper",
}  # fmt: skip
_TYPE_BLANKS = re.compile(r"[\s_-]+")


def record_type(written: str | None) -> str:
    """A record's ``type`` as the build reads it: lower case, blanks, ``-`` and ``_`` one
    space, ``’`` a ``'``, and a hand's spelling of a listed type that type
    (``PhD thesis`` is ``phdthesis``); "" for none."""
    kind = _TYPE_BLANKS.sub(" ", (written or "").replace("\u2019", "'")).strip().lower()
    return _TYPE_SPELLINGS.get(kind, kind)


def working_paper_type(paper: Located) -> str:
    """A working paper's `type` as a reference names it, each word capitalised
    (`discussion-paper` is `Discussion Paper`), as BibTeX's `type` of a @techreport."""
    return " ".join(word.capitalize() for word in _TYPE_BLANKS.split((paper.type or "").strip()))


# The record's types (`type`) of a whole work, a book, a thesis or a report, whose `pages` of
# one number is how many pages it has, as BibTeX's `pages = {312}` of a @book is (biblatex
# names it `pagetotal`), not a page to be cited
WHOLE_WORKS = frozenset({
    "book", "thesis", "phdthesis", "mastersthesis", "habilitation", "dissertation", "report",
    "techreport", "technical report", "working paper",
})  # fmt: skip


# The record's types of a thesis, which a reference names before its university ("PhD
# thesis, Universität Bonn", as BibTeX's styles and biblatex print a thesis)
THESES = frozenset({"thesis", "phdthesis", "mastersthesis", "habilitation", "dissertation"})


def page_range(paper: Located) -> Pages | None:
    """The paper's pages as read, or None without any (or with a whole work's count of
    them, :func:`page_count`: no first page for Scholar)."""
    pages = _stored_pages(paper.pages) if paper.pages else None
    return None if pages and _counts(paper, pages) else pages


def page_count(paper: Located) -> str | None:
    """How many pages a book, thesis or report has (its ``pages: 312``), or None."""
    pages = _stored_pages(paper.pages) if paper.pages else None
    return pages.first if pages and _counts(paper, pages) else None


def _counts(paper: Located, pages: Pages) -> bool:
    whole = record_type(paper.type) in WHOLE_WORKS
    return whole and pages.last is None and not pages.more and pages.first.isdecimal()


@functools.cache  # a paper's page asks for them four times, the CV once more
def _stored_pages(text: str) -> Pages | None:
    found = read_pages(text)
    return found if isinstance(found, Pages) else None


# How the well-known series of proceedings are named after a conference's name, as their
# own pages and citations name them: `ECCV 2020 (LNCS 12346)`, `ICML 2015 (PMLR 37)`.
SERIES_SHORT = {
    "lecture notes in computer science": "LNCS",
    "lecture notes in artificial intelligence": "LNAI",
    "lecture notes in bioinformatics": "LNBI",
    "lecture notes in business information processing": "LNBIP",
    "communications in computer and information science": "CCIS",
    "lecture notes in networks and systems": "LNNS",
    "lecture notes in electrical engineering": "LNEE",
    "advances in intelligent systems and computing": "AISC",
    "ifip advances in information and communication technology": "IFIP AICT",
    "proceedings of machine learning research": "PMLR",
    "ceur workshop proceedings": "CEUR-WS",
    "leibniz international proceedings in informatics": "LIPIcs",
    "leibniz international proceedings in informatics (lipics)": "LIPIcs",
    "proceedings of spie": "Proc. SPIE",
    "society of photo-optical instrumentation engineers (spie) conference series": "Proc. SPIE",
}


def series_short(series: str) -> str:
    """The short name a series is cited by (`LNCS`), else its name as written."""
    return SERIES_SHORT.get(series.strip().casefold(), series.strip())


def series_name(paper: Located) -> str | None:
    """The series whose volume the paper's ``volume`` is, as the venue's line names it
    (its short name where it has a well-known one), or None: without a series, and where
    the venue names it already (`Proc. SPIE`, ADS's booktitle that is the series)."""
    if not paper.series:
        return None
    short = series_short(paper.series)
    venue = (paper.venue or "").casefold()
    named = _names(venue, paper.series.strip().casefold()) or _names(venue, short.casefold())
    return None if named and venue else short


def _names(venue: str, name: str) -> bool:
    """Whether ``venue`` names ``name`` as words of its own: `Proc. SPIE 11313` names
    Proc. SPIE; `ICCIS 2020`, a conference, does not name CCIS, Springer's series."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", venue) is not None


# The short names of the well-known series of books (LNCS, PMLR), whose volume a paper's
# `volume` is, a journal's too (Transactions on Rough Sets X is LNCS 5656)
_BOOK_SERIES = frozenset(SERIES_SHORT) | {short.casefold() for short in SERIES_SHORT.values()}


def journal_series(paper: Located, journal: bool = False) -> str | None:
    """The journal's own series, named after the journal's name with its volume and issue
    after it, or None (:func:`series_name`'s series holds the volume, or is not shown).

    A journal's ``series`` (``journal``: its entry type is BibTeX's @article) is biblatex's
    series of a journal (`new series`, `Series B`), whose volume and issue are the
    journal's, "American Anthropologist, new series, 93(1)", as APA's and Chicago's
    styles print it, unless it is a well-known series of books without an issue, whose
    volume an LNCS journal's is. A volume with an issue is a journal's whatever its type.
    """
    series = series_name(paper)
    if series is None or not (journal or paper.volume):
        return None  # a proceedings' series without a volume is not shown
    known = (paper.series or "").strip().casefold() in _BOOK_SERIES
    holds = paper.volume and not paper.issue and (known or not journal)
    return None if holds else series


def locator(
    paper: Located,
    issue_alone: str = "no. {n}",
    count: str = "{n} pp.",
    volume_alone: str = "vol. {n}",
    book: bool = False,
    journal: bool = False,
) -> str:
    """``12(3), 45–67``, as a reference reads after the venue's name; "" without any.

    An issue without a volume reads ``no. 3`` (``issue_alone``, in the page's language),
    as Chicago and the CSL styles write it: ``Journal (3)`` read as a footnote's mark; an
    issue that is words (``Suppl 2``, ``Spring``) reads as written.
    A book's count of pages reads ``312 pp.`` (``count``): "312" alone read as its page.
    A volume of a book (``book``: a conference's proceedings, a chapter's book) without
    a series (a venue that names its series keeps the volume after it) reads ``vol.
    12346`` (``volume_alone``): "ECCV 2020 12346" read as one name.
    A journal's own series (``journal``: an @article, :func:`journal_series`) comes
    first: ``new series, 93(1), 9–27``.
    The venue's name is followed by a space before a journal's or series' volume, else by
    a comma (:func:`spaced`).
    """
    own = journal_series(paper, journal)
    if paper.volume:
        number = paper.volume + (f"({paper.issue})" if paper.issue else "")
        series = None if own else series_name(paper)
        if series:  # `ECCV 2020 (LNCS 12346)`: the series' volume, not the conference's
            number = f"({series} {number})" if paper.venue else f"{series} {number}"
        elif book and not paper.series:
            number = fill_text(volume_alone, {"n": number})
    elif paper.issue and paper.issue[0].isdecimal():
        number = fill_text(issue_alone, {"n": paper.issue})
    else:  # `Suppl 2`, biblatex's `Spring`: words of their own, not "no. Spring"
        number = paper.issue or ""
    pages, total = page_range(paper), page_count(paper)
    where = pages.text() if pages else fill_text(count, {"n": total}) if total else ""
    return ", ".join(part for part in (own, number, where) if part)


def spaced(paper: Located, book: bool = False, journal: bool = False) -> bool:
    """Whether the locator follows the venue's name after a space (`Nature 12(3)`, `ECCV
    2020 (LNCS 12346)`), not after a comma (`Nature, no. 3`, `ECCV 2020, vol. 12346`,
    `American Anthropologist, new series, 93(1)`)."""
    if journal_series(paper, journal):
        return False
    return bool(paper.volume) and (not book or bool(paper.series))
