"""DOIs and arXiv identifiers: what one looks like, and the address it resolves at.

Shared by record validation, the pages that link them and the importers, so that
one rule decides what a DOI is everywhere.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

# 10.<registrant>/<suffix> (DOI Handbook 2.2): the registrant is digits, maybe in
# dot-separated parts (10.1000.10/x). The suffix may be any printable character, so
# only whitespace and invisible characters are refused: Wiley's SICI DOIs
# (10.1002/(SICI)1097-4636(199711)37:2<241::AID-JBM13>3.0.CO;2-F) hold < > ; ( ).
_DOI = re.compile(r"10\.\d+(?:\.\d+)*/(.+)", re.DOTALL)
_DOI_PREFIX = re.compile(r"doi:[ \t]*", re.IGNORECASE)
# doi.org, and ACM's own resolver, which ACM's BibTeX wrote in `url` and `doi` until 2020.
_DOI_RESOLVER = re.compile(r"https?://(?:(?:dx\.|www\.)?doi\.org|doi\.acm\.org)/", re.IGNORECASE)
# What an address must escape (DOI Handbook 2.5.2.4: % " # ? and space, and the
# characters that are unsafe in a URL such as < >); everything else is a path character.
_URL_SAFE = "/:;()!$&'*+,=@"

# New-style ids (2505.12345, 0704.0001) and old-style ones (cond-mat/0102536, math.GT/0309136).
ARXIV_NEW = r"\d{4}\.\d{4,5}"
ARXIV_OLD = r"[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7}"
ARXIV_ID = re.compile(rf"^(?:arxiv:)?({ARXIV_NEW}|{ARXIV_OLD})(v\d+)?$", re.IGNORECASE)

DOI_SHAPE = "10.<registrant>/<suffix>, such as 10.1145/3292500.3330919"
ARXIV_SHAPE = "such as 2401.12345, 2401.12345v2 or hep-th/9901001"


def parse_doi(text: str) -> str | None:
    """The bare DOI in ``text``, or None when it is none.

    Accepted: ``10.1000/182``, ``doi:10.1000/182`` and resolver addresses
    (``https://doi.org/…``, ``https://dx.doi.org/…``, ``http://doi.acm.org/…``,
    percent-encoded as addresses are).
    """
    text = text.strip()
    resolver = _DOI_RESOLVER.match(text)
    if resolver:
        text = unquote(text[resolver.end() :])
    else:
        prefix = _DOI_PREFIX.match(text)
        if prefix:
            text = text[prefix.end() :]
    match = _DOI.fullmatch(text)
    if match is None:
        return None
    if any(char.isspace() or not char.isprintable() for char in match.group(1)):
        return None
    return text


def is_resolver_url(text: str) -> bool:
    """Whether ``text`` is a DOI resolver's address (which must then name a DOI)."""
    return _DOI_RESOLVER.match(text.strip()) is not None


def doi_url(doi: str) -> str:
    """The resolver address of a bare DOI, its URL-special characters escaped."""
    return "https://doi.org/" + quote(doi, safe=_URL_SAFE)


def canonical_arxiv(arxiv_id: str) -> str:
    """An old-style id without its subject class, as arXiv names the paper:
    ``math.GT/0309136`` is ``math/0309136`` (its page redirects there, and the API finds
    nothing by the other: an import by it said "arXiv has no paper with this id")."""
    return _SUBJECT_CLASS.sub(r"\1/", arxiv_id)


_SUBJECT_CLASS = re.compile(r"^([a-z][a-z-]*)\.[A-Z]{2}/(?=\d{7})", re.IGNORECASE)

# arXiv's DataCite DOIs: 10.48550/arXiv.2401.12345, 10.48550/arXiv.hep-th/9901001
ARXIV_DOI_PREFIX = "10.48550/arxiv."


def arxiv_of_doi(doi: str) -> str | None:
    """The arXiv id that an arXiv DOI (``10.48550/arXiv.<id>``, any case) names, or None."""
    if not doi.lower().startswith(ARXIV_DOI_PREFIX):
        return None
    return parse_arxiv(doi[len(ARXIV_DOI_PREFIX) :])


def parse_arxiv(text: str) -> str | None:
    """The arXiv id in ``text`` (``2401.12345v2``, without ``arXiv:``), or None."""
    match = ARXIV_ID.match(text.strip())
    if match is None:
        return None
    return match.group(1) + (match.group(2) or "")


# An arXiv page or PDF address, with or without its scheme: the id it names.
_ARXIV_ADDRESS = re.compile(
    rf"(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/({ARXIV_NEW}|{ARXIV_OLD})"
    r"(v\d+)?(?:\.pdf)?/?",
    re.IGNORECASE,
)
_DOI_HOST = re.compile(r"(?:dx\.|www\.)?doi\.org/", re.IGNORECASE)


def named_id(text: str) -> str | None:
    """The DOI or arXiv id that an address copied without its scheme, or a page, names.

    For the fix in a message: ``doi.org/10.1000/182`` names ``10.1000/182``, and
    ``https://arxiv.org/abs/2401.12345`` (in `arxiv_id`) names ``2401.12345``.
    """
    text = text.strip()
    arxiv = _ARXIV_ADDRESS.fullmatch(text)
    if arxiv:
        return arxiv.group(1) + (arxiv.group(2) or "")
    if _DOI_HOST.match(text):
        return parse_doi("https://" + text)
    return None


def shown(value: str, limit: int = 80) -> str:
    """``value`` for a message: a pasted abstract is cut, not printed whole."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


# An ISBN as printed: 13 digits (978/979 first) or 10 (the last may be X), hyphens or
# spaces between their groups, as the book's copyright page writes them.
ISBN_SHAPE = "13 digits such as 978-0-19-953556-9, or 10 such as 0-8044-2957-X"
_ISBN_WRITTEN = re.compile(r"[0-9][0-9 \-]*[0-9Xx]")
_ISBN_PREFIX = re.compile(r"isbn(?:[- ]?1[03])?\s*:?\s*", re.IGNORECASE)
# Where one ISBN of a field ends and another begins: a comma or semicolon, or a blank
# that follows a whole ISBN (a blank inside one parts its groups). A run of blanks is
# read from its first (`(?<!\s)`): `\s*[,;/]` free to start at each blank tried each
# against the rest of the run, and 100,000 blanks in an `isbn:` hung the build.
_NEXT_ISBN = re.compile(r"(?:(?<!\s)\s+)?[,;/]\s*|(?<!\s)\s+(?=isbn|97[89])", re.IGNORECASE)


def isbn_check_digit(digits: str) -> str:
    """The check digit of an ISBN's first 12 digits (ISBN-13) or first 9 (ISBN-10)."""
    if len(digits) == 12:
        total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits))
        return str(-total % 10)
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits))
    check = -total % 11
    return "X" if check == 10 else str(check)


def isbn_problem(text: str) -> str | None:
    """What is wrong with ``text`` as an ISBN, as the end of a sentence that names it
    (``is not an ISBN (…)``), or None for a good one."""
    bare = text.strip()
    if _ISBN_PREFIX.match(bare) and _ISBN_PREFIX.sub("", bare, count=1) != bare:
        rest = _ISBN_PREFIX.sub("", bare, count=1)
        return f"begins with `{bare[: len(bare) - len(rest)].strip()}`; write the number alone, `{rest}`"
    if len(isbn_list(bare)) > 1:
        return (
            "holds more than one ISBN; keep the one of the edition the record describes "
            "(a record has one), and write another in `note:` if you want it shown"
        )
    if not _ISBN_WRITTEN.fullmatch(bare):
        return f"is not an ISBN ({ISBN_SHAPE}; hyphens or spaces between the groups)"
    digits = bare.replace("-", "").replace(" ", "").upper()
    if len(digits) not in (10, 13) or "X" in digits[:-1] or (len(digits) == 13 and "X" in digits):
        return (
            f"has {len(digits)} digits; an ISBN has 13 (such as 978-0-19-953556-9) or 10 "
            "(such as 0-8044-2957-X): copy it again from the book's copyright page"
        )
    if len(digits) == 13 and not digits.startswith(("978", "979")):
        return "is no ISBN-13, which begins with 978 or 979; copy it again from the book"
    check = isbn_check_digit(digits[:-1])
    if digits[-1] != check:
        return (
            f"has a wrong check digit: with these first {len(digits) - 1} digits the last is "
            f"{check}, not {digits[-1]}; a digit was mistyped: copy it again from the book's "
            "copyright page"
        )
    return None


def isbn_list(text: str) -> list[str]:
    """The ISBNs a field lists (``978-…, 978-…``; ``978… 978…``), each as written, without
    an ``ISBN`` before it."""
    parts = [_ISBN_PREFIX.sub("", p, count=1).strip() for p in _NEXT_ISBN.split(text.strip())]
    return [part for part in parts if part]
