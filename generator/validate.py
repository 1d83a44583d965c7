"""Check a loaded record against its field table; every problem located.

Each checker returns the cleaned value, or None after adding a problem.
"""

from __future__ import annotations

import calendar
import difflib
import html
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from generator.errors import Problems
from generator.ids import (
    ARXIV_SHAPE,
    DOI_SHAPE,
    isbn_problem,
    named_id,
    parse_arxiv,
    parse_doi,
    shown,
)
from generator.languages import canonical_case, language_problem
from generator.locators import Pages, edition_number, number_problem, read_pages
from generator.model import PartialDate
from generator.schema import FieldSpec
from generator.urls import (
    arxiv_link,
    as_followed,
    bare_host,
    doi_link,
    host_problem,
    profile_link,
    url_problem,
)
from generator.yamlio import single_quoted

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# Characters that XML 1.0 forbids: one of them in a title would make feed.xml unreadable.
# With the noncharacters (U+FDD0 to U+FDEF, and the last two code points of each plane, as
# U+FFFE): no HTML page may hold one (the W3C checker: "Forbidden code point U+fdd0").
_BMP_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"
_NONCHARACTERS = _BMP_NONCHARACTERS + "".join(
    chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000)
)
CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{_NONCHARACTERS}]")
# CONTROL in UTF-8: its ASCII characters are single bytes, and the noncharacters' bytes
# start or end so (U+FFFE: EF BF BE; U+FDD0: EF B7 90; U+1FFFF: F0 9F BF BF). Looking for
# bytes is several times cheaper than searching the text (parse: each file as read).
CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
NONCHAR_BYTES = (b"\xef\xbf", b"\xef\xb7", b"\xbf\xbe", b"\xbf\xbf")


def may_hold_control(raw: bytes) -> bool:
    """Whether UTF-8 ``raw`` may hold a CONTROL character (False: it holds none)."""
    if len(raw.translate(None, CONTROL_BYTES)) != len(raw):
        return True
    return not raw.isascii() and any(mark in raw for mark in NONCHAR_BYTES)


# Any character beyond U+FFFF (an emoji, a math letter): rare in records.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def bmp_searcher(
    pattern: re.Pattern[str], bmp_pattern: str
) -> Callable[[str], re.Match[str] | None]:
    """``pattern.search``, ~10 times faster on text without characters beyond U+FFFF.

    ``bmp_pattern`` is ``pattern`` (characters to find, one at a time) without those
    characters. A class that holds them (the noncharacters of every plane) is tested
    range by range at each character; one of the first plane's only, by a table lookup.
    Searching every abstract's HTML for controls took ~1.3 s at 10,000 papers.
    """
    bmp = re.compile(bmp_pattern)

    def search(text: str) -> re.Match[str] | None:
        if text.isascii() or _ASTRAL.search(text) is None:
            return bmp.search(text)
        return pattern.search(text)

    return search


find_control = bmp_searcher(CONTROL, f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{_BMP_NONCHARACTERS}]")
# Bidirectional controls: embeddings and overrides (each closed by U+202C) and isolates
# (closed by U+2069). One left open in a field reorders what the page shows after it.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_POP, _POP_ISOLATE, _ISOLATES = "\u202c", "\u2069", "\u2066\u2067\u2068"
# Either: what Checker.text must look at more closely (most text holds neither).
_CONTROL_OR_BIDI = re.compile(f"{CONTROL.pattern}|{BIDI.pattern}")
_find_control_or_bidi = bmp_searcher(
    _CONTROL_OR_BIDI,
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{_BMP_NONCHARACTERS}\u202a-\u202e\u2066-\u2069]",
)
# C1 control characters (U+0080-U+009F) mean nothing in text: they are the bytes of text that
# a Windows program saved (Windows-1252's ’ “ ” – … €), later read as Latin-1.
C1 = re.compile("[\x80-\x9f]")
C1_BYTES = re.compile(b"\xc2[\x80-\x9f]")  # the same in UTF-8
# UTF-8 text read as Latin-1: a lead character and its continuations (`â\x80\x99` for ’).
_LATIN1_UTF8 = re.compile(
    "[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# What UTF-8's two bytes `ß\x96`, `Ü\x93` mean: not the reading of Windows-1252 text's `ß–`.
_UNLIKELY_SCRIPTS = re.compile("[\u0700-\u07ff]")
# What UTF-8's two bytes `É\x85`, `Ê\x97`, `È\x94` mean: letters no living spelling uses
# (Latin Extended-B's double-grave letters, IPA's ɒ and ʅ, spacing modifiers), where
# Windows-1252 reads a capital before … ’ ” – — (`CAFÉ…`, `SAUTÈ–`). Not ɔ ɖ ɗ ʒ ʔ, which
# Ewe, Hausa or Twi names are written with, nor any other pair. And after Í (0xCD), the
# marks U+0351-U+0357 that only phonetic transcription (extIPA) uses, where Windows-1252
# reads Í before ‘ ’ “ ” • – — (`“SÍ”`, `ASÍ–`).
_UNLIKELY_LETTERS = frozenset(
    "\u0205\u0212\u0214\u0216\u0217\u0245\u0252\u0285\u0296\u0297\u02c5\u02d2\u02d4\u02d6\u02d7"
    "\u0351\u0352\u0353\u0354\u0355\u0356\u0357"
)
# File names Windows cannot create: a page named so could not be checked out there.
RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
# `1,234` or `1 234` as Google Scholar and spreadsheets show counts: YAML reads it as text.
_GROUPED_DIGITS = re.compile(r"\d{1,3}(?:[,'\u00a0\u202f _]\d{3})+")
# Larger whole numbers are typos or attacks, and would not fit a float for the metrics.
MAX_INTEGER = 10**15


# How people write a date when it is not YYYY-MM-DD: `March 2024`, `5 Mar. 2024`,
# `March 5, 2024`, `2024/03/05`, `05.03.2024`, `3/5/2024`.
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_NAMED_MONTH = re.compile(
    r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]+)\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?,?)?\s+(\d{4})"
)
_YEAR_FIRST = re.compile(r"(\d{4})[/._ ](\d{1,2})(?:[/._ ](\d{1,2}))?")
_YEAR_LAST = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})")
_TIME_STAMP = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})[Tt ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)? ?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?"
)


def _iso(year: int, month: int, day: int | None = None) -> str | None:
    """``YYYY-MM(-DD)`` when it is a calendar day (or month), else None."""
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _date_fix(text: str) -> str:
    """``; write `2024-03` `` for a date written another way, or "" when none is clear."""
    text = " ".join(text.split())
    # A time stamp, as Hugo and Jekyll front matter write dates: its day as written (an
    # offset moves the time, not the day the author wrote).
    stamp = _TIME_STAMP.fullmatch(text)
    if stamp:
        day = _iso(int(stamp.group(1)), int(stamp.group(2)), int(stamp.group(3)))
        return f"; write `{day}` (the date, without its time)" if day else ""
    named = _NAMED_MONTH.fullmatch(text)
    if named and named.group(2).lower() in _MONTHS and not (named.group(1) and named.group(3)):
        day = named.group(1) or named.group(3)
        fixed = _iso(
            int(named.group(4)), _MONTHS[named.group(2).lower()], int(day) if day else None
        )
        return f"; write `{fixed}`" if fixed else ""
    first = _YEAR_FIRST.fullmatch(text)
    if first:
        day = first.group(3)
        fixed = _iso(int(first.group(1)), int(first.group(2)), int(day) if day else None)
        return f"; write `{fixed}`" if fixed else ""
    last = _YEAR_LAST.fullmatch(text)
    if last is None:
        return ""
    a, b, year = int(last.group(1)), int(last.group(3)), int(last.group(4))
    # `05.03.2024` is day first wherever dots are written; `3/5/2024` may be either.
    readings = [(b, a)] if last.group(2) == "." else [(b, a), (a, b)]
    fixes = list(dict.fromkeys(f for m, d in readings if (f := _iso(year, m, d))))
    if len(fixes) == 1:
        return f"; write `{fixes[0]}`"
    if len(fixes) == 2:
        return f"; write `{fixes[0]}` (day {a}) or `{fixes[1]}` (day {b}), whichever it is"
    return ""


# The CJK compatibility ideographs (塚 U+FA10, 神 U+FA19, 福 U+FA1B, as Japanese names are
# registered): NFC would make each the unified ideograph it stands for (塚 U+585A), which
# some fonts draw otherwise, and a person's name would change on the page. Kept as written.
_COMPATIBILITY_IDEOGRAPH = re.compile("([\uf900-\ufaff\U0002f800-\U0002fa1f])")


def composed(text: str) -> str:
    """``text`` in NFC: a YAML escape (`"e\\u0301"`) makes a decomposed accent that the file's
    own text (NFC since read_text) does not hold. Imports write it so too (ingest.merge).
    CJK compatibility ideographs stay as written (see ``_COMPATIBILITY_IDEOGRAPH``)."""
    if unicodedata.is_normalized("NFC", text):
        return text
    if _COMPATIBILITY_IDEOGRAPH.search(text) is None:
        return unicodedata.normalize("NFC", text)
    # each of them alone between the others' normalised stretches: it composes with nothing
    parts = _COMPATIBILITY_IDEOGRAPH.split(text)
    return "".join(
        part if i % 2 else unicodedata.normalize("NFC", part) for i, part in enumerate(parts)
    )


def lookalike(name: str, close: str) -> str:
    """Why ``name`` is not ``close`` where the two look the same: its characters that are
    no plain letter (a Cyrillic `с` in `сode`, a zero-width space after `code`), told by
    their code points; "" where ``name`` has none. The message said "unknown link `сode`;
    did you mean `code`?", the two alike on the screen."""
    if not close.isascii():
        return ""
    odd = [char for char in dict.fromkeys(name) if not char.isascii() or not char.isprintable()]
    if not odd:
        return ""
    told = ", ".join(
        f"U+{ord(char):04X} ({unicodedata.name(char, 'a character without a name').lower()})"
        for char in odd[:3]
    )
    return f" (`{name}` holds {told}, which `{close}` does not: type the name again)"


def near_miss(name: str, known: tuple[str, ...]) -> str | None:
    """The known link name ``name`` reads as a typo of (`cdoe`, `core`: code), or None; an
    import names a link so with `link` after it, which a record can hold."""
    if name in known:
        return None
    if (wide := unicodedata.normalize("NFKC", name)) in known:
        return wide  # `ｃｏｄｅ`, typed in an input method's full width: far from `code` by letter
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    return close[0] if close else None


class Checker:
    """Validates the fields of one record, collecting problems into ``problems``."""

    def __init__(self, path: str, lines: Mapping[str, int], problems: Problems) -> None:
        self.path = path
        self.lines = lines
        self.problems = problems

    def line(self, key: str) -> int:
        """The line of ``key`` in the file (1 when the key is missing)."""
        return self.lines.get(key, 1)

    def fail(self, key: str, message: str, item: str | None = None) -> None:
        """Record a problem at the line of ``key`` (of its entry ``item``, when given)."""
        line = self.lines.get(f"{key}.{item}") if item is not None else None
        self.problems.add(self.path, line or self.line(key), message)

    def unknown_keys(
        self,
        data: Mapping[str, Any],
        table: tuple[FieldSpec, ...],
        hints: Mapping[str, str] | None = None,
    ) -> None:
        """Every key not in ``table`` is a problem, with a did-you-mean hint.

        ``hints``: keys that other tools use, and what to write instead (``year:``).
        """
        known = [spec.name for spec in table]
        for key in data:
            if key in known:
                continue
            blank = _UNSEEN_BLANK.search(key)
            if blank is not None:  # `\xa0\xa0code:` copied from a web page: not indentation
                plain = _UNSEEN_BLANK.sub("", key).strip()
                name = unicodedata.name(blank.group(), "blank").lower()
                self.fail(
                    key,
                    f"unknown field `{key}`: it holds U+{ord(blank.group()):04X} ({name}), "
                    "which YAML reads as a letter, not as a space or indentation (copied from "
                    "a web page?); "
                    + (
                        f"write `{plain}:`"
                        if plain in known
                        else "type the line again with plain spaces"
                    ),
                )
                continue
            hint = (hints or {}).get(key.lower())
            if hint is not None:
                self.fail(key, f"unknown field `{key}`; {hint}")
                continue
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = (
                f"; did you mean `{close[0]}`?{lookalike(key, close[0])}"
                if close
                else f"; known fields: {', '.join(known)}"
            )
            self.fail(key, f"unknown field `{key}`{hint}")

    def required(
        self, data: Mapping[str, Any], table: tuple[FieldSpec, ...], where: str, text: str = ""
    ) -> None:
        """Every required field must be present and not empty.

        A field that is absent has no line of its own: the message says where the record's
        fields are (``where``, such as "the front matter (lines 1–7)") and is put on line 1.
        ``text``: the file's text, to tell a word YAML reads as nothing (`title: Null`).
        """
        for spec in table:
            if not spec.required:
                continue
            hint = f" ({spec.help})" if spec.help else ""
            if spec.name not in data:
                self.problems.add(
                    self.path,
                    1,
                    f"missing required field `{spec.name}`{hint}; add `{spec.name}:` to {where}",
                )
            elif blank(data[spec.name]):
                word = _null_word(text, self.line(spec.name), spec.name)
                if data[spec.name] is None and word:  # `title: Null`, meant as a word
                    self.fail(
                        spec.name,
                        f"required field `{spec.name}` is empty: YAML reads an unquoted "
                        f"`{word}` as no value at all; to mean the word, quote it: "
                        f'`{spec.name}: "{word}"`',
                    )
                else:
                    self.fail(spec.name, f"required field `{spec.name}` is empty{hint}")

    def text(self, key: str, value: Any, item: str | None = None) -> str | None:
        """A single-line or multi-line string; numbers are taken as their text.

        ``item``: the value is that entry of the list ``key`` (its problem is on its line).
        """
        if type(value) is str:  # nearly every value: the checks below in short
            text = value.strip()
            if _find_control_or_bidi(text) is None:
                return composed(text)
        if isinstance(value, (bool, list, dict, bytes, set, tuple)) or value is None:
            hint = (
                "; YAML reads an unquoted yes, no, on, off, true or false so: put the text "
                "in quotes"
                if isinstance(value, bool)
                else ""
            )
            # An entry of a list (`tags: [[a]]`) is named as one: `tags` itself is a list.
            what = f"`{key}`" if item is None else f"an entry of `{key}`"
            self.fail(key, f"{what} must be text, not {_kind(value)}{hint}", item)
            return None
        if isinstance(value, float) and not math.isfinite(value):  # `.nan`, `.inf`
            self.fail(key, f"`{key}` must be text, not {_kind(value)}; put it in quotes", item)
            return None
        text = str(value).strip()
        bad = find_control(text)
        if bad:
            code = f"U+{ord(bad.group()):04X}"
            self.fail(key, f"`{key}` contains the control character {code}; remove it", item)
            return None
        unbalanced = unbalanced_bidi(text)
        if unbalanced:
            self.fail(key, f"`{key}` {unbalanced}", item)
            return None
        return composed(text)

    def markdown(self, key: str, value: Any) -> str | None:
        """Text that is shown as Markdown (a YAML paper's abstract, a bio), checked as text.

        Also its character references: Markdown turns ``&#8238;`` into U+202E itself.
        """
        text = self.text(key, value)
        problem = referenced_bidi(text) if text else None
        if problem:
            self.fail(key, f"`{key}` {problem}")
            return None
        return text

    def language(self, key: str, value: Any, whose: str = "the paper's") -> str | None:
        """A BCP 47 language tag in its usual case (``EN-gb`` -> ``en-GB``, ``zh-hans`` ->
        ``zh-Hans``); None if empty or after a problem."""
        text = self.text(key, value)
        problem = language_problem(text, key, whose) if text else None
        if problem:
            self.fail(key, problem)
            return None
        return canonical_case(text) if text else None

    def number_text(self, key: str, value: Any) -> str | None:
        """A volume or issue: a whole number (``12``) or short text (``12A``, ``Suppl 2``),
        kept as text; None if empty or after a problem."""
        if isinstance(value, (float, bool, list, dict)):  # `12.5`; `[12, 13]`
            self.fail(
                key,
                f"`{key}` must be one whole number or short text, such as `{key}: 12`, "
                f"not {_kind(value)}",
            )
            return None
        text = self.text(key, value)
        problem = number_problem(key, text) if text else None
        if problem:
            self.fail(key, problem)
            return None
        if key == "edition" and text and (number := edition_number(text)):
            return str(number)  # `２`, `第２版`: the 2nd edition, as `2` is
        return text or None

    def pages(self, key: str, value: Any) -> str | None:
        """Pages (``45–67``, one page, ``e1002345``, ``45+``), kept as :class:`Pages`
        writes them; None if empty or after a problem."""
        if isinstance(value, (float, bool, list, dict)):  # `45.67`; `[45, 67]`
            self.fail(
                key, f"`{key}` must be pages written as text, such as `45–67`, not {_kind(value)}"
            )
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            # `pages: 45-67` is text to YAML; `-45` alone is the number -45
            self.fail(key, f"`{key}` must be a page, not {value}")
            return None
        text = self.text(key, value)
        if not text:
            return None
        found = read_pages(text)
        if not isinstance(found, Pages):
            self.fail(key, f"`{key}` {found}")
            return None
        return found.text()

    def isbn(self, key: str, value: Any) -> str | None:
        """An ISBN-13 or ISBN-10 with its check digit, kept as written (its hyphens or
        spaces); None if empty or after a problem."""
        if isinstance(value, (float, bool, list, dict)):  # `[978…, 978…]`
            self.fail(key, f"`{key}` must be one ISBN, such as `{key}: 978-0-19-953556-9`")
            return None
        text = self.text(key, value)
        problem = isbn_problem(text) if text else None
        if problem:
            self.fail(key, f"{key} `{shown(text or '')}` {problem}")
            return None
        return text or None

    def strings(self, key: str, value: Any) -> tuple[str, ...] | None:
        """A list of strings (a single string counts as a list of one)."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(key, f"`{key}` must be a list of text items, not {_kind(value)}")
            return None
        items: list[str] = []
        ok = True
        for index, item in enumerate(value):
            if item is None:
                # `[graphs, null]` on the key's own line: no `-` to speak of
                inline = self.lines.get(f"{key}.{index}", -1) in (-1, self.lines.get(key))
                self.fail(
                    key,
                    f"an entry of `{key}` is empty (`null` or `~` between the brackets); "
                    "write it or remove it"
                    if inline
                    else f"an entry of `{key}` is empty (a `-` with nothing after it, or "
                    "`null`); write it or remove the line",
                    str(index),
                )
                ok = False
                continue
            name = item.get("name") if isinstance(item, dict) else None
            if isinstance(name, str) and name.strip():  # Quarto's and CFF's `- name: …`
                self.fail(
                    key,
                    f"an entry of `{key}` is a mapping (`name: …`); write the name alone: "
                    f"`- {name.strip()}`",
                    str(index),
                )
                ok = False
                continue
            if isinstance(item, dict) and len(item) == 1:  # `- Title: Subtitle`
                name, rest = next(iter(item.items()))
                if not isinstance(rest, (dict, list)):
                    self.fail(
                        key,
                        f"an entry of `{key}` holds `: `, which YAML reads as `name: value`; "
                        f"put it in quotes: `- {single_quoted(f'{name}: {rest}')}`",
                        str(index),
                    )
                    ok = False
                    continue
            text = self.text(key, item, str(index))
            if text is None:
                ok = False
            elif not blank(text):  # a zero-width space alone is no name or tag, as `""` is none
                # One spelling of an accent (NFC): `café` typed on one machine and pasted
                # from another (NFD) would be two tags in the finder, matching apart.
                items.append(composed(text))
        return tuple(items) if ok else None

    def integer(self, key: str, value: Any, *, minimum: int = 0, advice: str = "") -> int | None:
        """A whole number no smaller than ``minimum``.

        ``advice`` follows a message that has no fix of its own (a word, a number too small).
        """
        if isinstance(value, bool) or not isinstance(value, int):
            grouped = _GROUPED_DIGITS.fullmatch(value.strip()) if isinstance(value, str) else None
            hint = (
                f"; write it without separators: {re.sub(r'[^0-9]', '', grouped.group())}"
                if grouped
                else _unquote_hint(value, r"[0-9]+") or _abbreviated_hint(value)
            )
            advice = advice if isinstance(value, str) else ""  # a word: `all`, `none`
            self.fail(key, f"`{key}` must be a whole number, not {_kind(value)}{hint or advice}")
            return None
        if value < minimum:
            self.fail(key, f"`{key}` must be {minimum} or more, not {value}{advice}")
            return None
        if value > MAX_INTEGER:
            self.fail(
                key,
                f"`{key}` is too large ({len(str(value))} digits); a count here is at most "
                f"{MAX_INTEGER}{advice}",
            )
            return None
        return value

    def number(
        self, key: str, value: Any, low: float, high: float, *, advice: str = ""
    ) -> float | None:
        """A finite number in [low, high].

        ``advice`` follows a message that has no fix of its own (a word, a number out of
        range), so that one problem is one message.
        """
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            hint = _unquote_hint(value, r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+") or (
                _out_of_hint(key, value) if (low, high) == (0, 100) else ""
            )
            self.fail(
                key,
                f"`{key}` must be a number from {low:g} to {high:g}, "
                f"not {_kind(value)}{hint or advice}",
            )
            return None
        if not math.isfinite(value) or not low <= value <= high:
            self.fail(
                key, f"`{key}` must be a number from {low:g} to {high:g}, not {value}{advice}"
            )
            return None
        return float(value) + 0.0  # `-0.0` is 0, not shown as `-0`

    def flag(self, key: str, value: Any) -> bool | None:
        """true or false."""
        if not isinstance(value, bool):
            hint = _unquote_hint(value, "(?i:true|false)")
            self.fail(key, f"`{key}` must be true or false, not {_kind(value)}{hint}")
            return None
        return value

    def place(self, key: str, value: Any) -> float | None:
        """A place in a menu (``nav:``): None for false, a number's value, inf for true
        (after the numbered ones)."""
        if isinstance(value, bool):
            return math.inf if value else None
        if isinstance(value, (int, float)) and math.isfinite(value):
            return float(value)
        hint = _unquote_hint(value, r"(?i:true|false)|-?[0-9]+(?:\.[0-9]+)?")
        said = str(value).strip().lower()
        if said in ("yes", "on", "no", "off"):  # YAML 1.1's booleans, text to YAML 1.2
            hint = f"; write `{key}: {'true' if said in ('yes', 'on') else 'false'}`"
        self.fail(
            key,
            f"`{key}` must be true, false or a number (the page's place in the header: "
            f"`{key}: 2`), not {_kind(value)}{hint}",
        )
        return None

    def date(
        self, key: str, value: Any, forms: str = "YYYY-MM-DD, YYYY-MM or YYYY"
    ) -> PartialDate | None:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, and a real calendar day.

        ``forms`` are the ones the message names (``build_date`` takes only a full date).
        """
        match = _DATE.match(str(value).strip()) if isinstance(value, (str, int)) else None
        if isinstance(value, bool) or match is None:
            written = repr(value) if isinstance(value, str) else _kind(value)  # not `True`
            # `20240105`, a number to YAML: its digits read as a date where they make one
            digits = str(value) if isinstance(value, int) and not isinstance(value, bool) else ""
            whole = re.fullmatch(r"(\d{4})(\d\d)(\d\d)", digits)
            meant = _iso(*map(int, whole.groups())) if whole else None
            fix = (
                _date_fix(value)
                if isinstance(value, str)
                else f"; write `{meant}`"
                if meant
                else ""
            )
            partial = re.fullmatch(r"; write `([0-9]{4})(?:-([0-9]{2}))?`", fix)
            if partial and forms == "YYYY-MM-DD":  # a whole day, not the month a text names
                fix = f"; write the day, such as `{partial[1]}-{partial[2] or '01'}-01`"
            self.fail(key, f"`{key}` must be a date written {forms}, not {written}{fix}")
            return None
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        if year < 1000:
            # `0999` and `0000` have their four digits (the regex asks for them): a typo of
            # another year, or a placeholder left in, which "four digits" did not name
            self.fail(
                key,
                f"`{key}` has an impossible year {match.group(1)}, before 1000 (a typo, or a "
                "placeholder left in?); write the year meant, such as 2024",
            )
            return None
        if month is not None and not 1 <= month <= 12:
            self.fail(key, f"`{key}` {value} has no month {month}; months run from 01 to 12")
            return None
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                self.fail(
                    key, f"`{key}` {value} is not a calendar day (that month has {last} days)"
                )
                return None
        return PartialDate(year, month, day)

    def doi(self, key: str, value: Any) -> str | None:
        """A DOI, also written ``doi:…`` or as a doi.org address; kept bare (``10.1000/182``)."""
        return self._identifier(key, value, parse_doi, f"a DOI ({DOI_SHAPE})")

    def arxiv_id(self, key: str, value: Any) -> str | None:
        """An arXiv id, new-style or old-style, maybe with a version; without ``arXiv:``."""
        return self._identifier(key, value, parse_arxiv, f"an arXiv id ({ARXIV_SHAPE})")

    def _identifier(
        self, key: str, value: Any, parse: Callable[[str], str | None], what: str
    ) -> str | None:
        """Text that ``parse`` reads as an identifier (empty text is no identifier at all)."""
        text = self.text(key, value)
        if not text:
            return text
        found = parse(text)
        if found is None:
            named = named_id(text)
            fix = f"write `{named}`" if named and parse(named) else "correct it or remove the line"
            self.fail(key, f"{key} `{shown(text)}` is not {what}; {fix}")
        return found

    def links(self, key: str, value: Any, known: tuple[str, ...] = ()) -> dict[str, str] | None:
        """A mapping of link names to safe URLs; near-misses of known names are typos."""
        if not isinstance(value, dict):
            # A list of `- https://…` lines is the usual slip: the fix names each link.
            self.fail(
                key,
                f"`{key}` must be a mapping of names to URLs, not {_kind(value)}; write each "
                f"link as `name: URL` on its own line under `{key}:`, such as "
                + (
                    "`  pdf: https://example.org/paper.pdf`"
                    if known  # a paper's links; an author's are pages about them
                    else "`  homepage: https://example.org`"
                ),
            )
            return None
        result: dict[str, str] = {}
        ok = True
        for name, url in value.items():
            if name is None or blank(str(name)):  # an `<a>` without text: an empty link
                self.fail(
                    key,
                    f"a link in `{key}` has no name, so its text would be empty; "
                    "write it as `name: URL`",
                    "null" if name is None else str(name),
                )
                ok = False
                continue
            name = str(name)
            if known and (close := near_miss(name, known)):
                self.fail(
                    key,
                    f"unknown link `{name}` in `{key}`; did you mean `{close}`?"
                    + lookalike(name, close),
                    name,
                )
                ok = False
                continue
            if not isinstance(url, str):
                self.fail(key, f"link `{name}` in `{key}` must be a URL, not {_kind(url)}", name)
                ok = False
                continue
            url = url.strip()
            # Shown on the page as the link's text: no control character or open override
            if self.text(f"{key}.{name}", name) is None:
                ok = False
                continue
            if name in ("arxiv", "doi") and url:
                link = arxiv_link(url) if name == "arxiv" else doi_link(url)
                if link is None:
                    what = f"an arXiv id ({ARXIV_SHAPE})" if name == "arxiv" else "a DOI"
                    shape = "" if name == "arxiv" else f" ({DOI_SHAPE})"
                    named = named_id(url)
                    if named and (arxiv_link if name == "arxiv" else doi_link)(named) is None:
                        named = None  # an arXiv address given as `doi`, or the other way
                    fix = f"write `{named}`" if named else "correct it or remove the line"
                    self.fail(
                        key,
                        f"link `{name}` `{shown(url)}` is neither {what} nor a web "
                        f"address{shape}; {fix}",
                        name,
                    )
                    ok = False
                    continue
                url = link
            elif not known and (profile := profile_link(name, url)):  # an author's id
                url = profile
            problem = url_problem(url) or _missing_scheme(url) or host_problem(url)
            if problem:
                self.fail(key, f"link `{name}` {problem}", name)
                ok = False
                continue
            # A safe address is still shown on the CV, and written into the page: as text
            if self.text(f"{key}.{name}", url) is None:
                ok = False
                continue
            result[name] = as_followed(url)  # as written, but valid in an href
        return result if ok else None


# An e-mail address: something, one `@`, something, no blank and no scheme (RFC 5322's are
# more, but no address a person writes on a page for others to use is): what `mailto:` links.
# An address: no blank, `:` or second `@`, nor a character no unquoted address holds
# (RFC 5322: `<>()[],;"\`); its host of letters, digits, `-` and dots (a name in any
# script). `a@b.c"><script>…` was shown and linked as an address, and so was
# `<ada@example.org>` copied from a mail header, a link to no one.
EMAIL = re.compile(r"[^\s@:<>()\[\],;\"\\]+@[\w-]+(?:\.[\w-]+)*")
# An address written so that harvesters miss it: `ada [at] example [dot] org`, `ada (at) x.org`,
# `ada @ example.org` (a blank on each side of its `@`)
_HIDDEN_EMAIL = re.compile(r"\S\s*(?:[\[({<]\s*at\s*[\])}>]|\s(?:at|@)\s)\s*\S", re.IGNORECASE)


def email_problem(email: str) -> str | None:
    """Why an author's ``email`` (its one `mailto:` taken off) is no address to show, or
    None: an address, or one written so that harvesters miss it (shown as text)."""
    if EMAIL.fullmatch(email) or (_HIDDEN_EMAIL.search(email) and ":" not in email):
        return None
    # `<ada@example.org>` from a mail header, `ada@example.org,` or `.` from a sentence
    bare = email.strip("<>").rstrip(".,;")
    fix = f"write `{bare}`" if EMAIL.fullmatch(bare) else "write it as name@host"
    return (
        f"email '{shown(email)}' is not an address; {fix} (or, shown as text so that "
        "harvesters miss it, as `name [at] host [dot] org`)"
    )


_BARE_EMAIL = re.compile(r"[^@/\s:]+@[^@/\s]+\.[a-z]{2,}", re.IGNORECASE)


def _missing_scheme(url: str) -> str | None:
    """Why a site-relative ``url`` is really another site's address, or None."""
    if _BARE_EMAIL.fullmatch(url):
        return f"is an e-mail address without `mailto:`; write `mailto:{url}`"
    if bare_host(url):
        return f"has no `https://`, so it would point inside this site; write `https://{url}`"
    return None


# Where a direction control in a field most likely came from, in its message.
_PASTED = "(an invisible character, most likely pasted with the text)"
# Blanks that look like a space (or like nothing) but are letters to YAML
_UNSEEN_BLANK = re.compile("[\u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]")


def unbalanced_bidi(text: str) -> str | None:
    """What is wrong with the bidirectional controls in ``text``; None if each is closed.

    A right-to-left override left open would reverse what the page shows after the field
    (the next authors' names, the site's name in the browser's tab): the "Trojan Source"
    trick. Closed ones, as text mixing directions may need, stay in their field.
    """
    if text.isascii() or BIDI.search(text) is None:
        return None
    opened: list[str] = []  # the controls still open, innermost last
    for match in BIDI.finditer(text):
        char = match.group()
        if char == _POP:  # closes the innermost embedding or override, never an isolate
            if not opened or opened[-1] in _ISOLATES:
                return _closes_nothing(char)
            opened.pop()
        elif char == _POP_ISOLATE:  # closes its isolate, and whatever is open within it
            if not any(c in _ISOLATES for c in opened):
                return _closes_nothing(char)
            while opened.pop() not in _ISOLATES:
                pass
        else:
            opened.append(char)
    if not opened:
        return None
    closer = _POP_ISOLATE if opened[-1] in _ISOLATES else _POP
    return (
        f"has a {_bidi_name(opened[-1])} that is never closed, which would reorder how the "
        f"page shows what follows it; remove it {_PASTED}, or close it with U+{ord(closer):04X}"
    )


# A numeric character reference as Markdown (CommonMark) decodes one: at most 7 digits, or
# 6 hexadecimal ones, and its `;`. (html.unescape reads any number of digits, and a number
# of over 4,300 digits ends in Python's ValueError.)
NUMERIC_REFERENCE = re.compile(r"&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});")


def referenced_bidi(markdown: str) -> str | None:
    """What is wrong with the direction controls that Markdown's references make, or None.

    ``&#8238;`` in an abstract is a right-to-left override on the page, as U+202E is:
    left open, it reorders what follows just the same.
    """
    if "&#" not in markdown:  # most text: no reference at all
        return None
    problem = unbalanced_bidi(
        NUMERIC_REFERENCE.sub(lambda ref: html.unescape(ref.group()), markdown)
    )
    if problem is None:
        return None
    return problem.replace(_PASTED, "(written as a character reference, `&#…;`)")


def _closes_nothing(char: str) -> str:
    return f"has a {_bidi_name(char)} that closes nothing; remove it {_PASTED}"


def _bidi_name(char: str) -> str:
    """``right-to-left override (U+202E)``."""
    return f"{unicodedata.name(char).lower()} (U+{ord(char):04X})"


def windows_1252(text: str, *, utf8: bool = True) -> str:
    """``text`` with its C1 control characters read as what the Windows program meant.

    ``don\\x92t`` is ``don’t`` (Windows-1252's byte 0x92 read as Latin-1), as browsers read
    ``&#146;``; with ``utf8``, ``don\\xe2\\x80\\x99t`` is ``don’t`` too (the three bytes of
    UTF-8's ’, read as Latin-1). The five bytes Windows-1252 leaves undefined (0x81, 0x8D,
    0x8F, 0x90, 0x9D) stay as they are.
    """
    if utf8:
        text = _LATIN1_UTF8.sub(_from_utf8, text)
    return C1.sub(_from_windows_1252, text)


def _from_utf8(match: re.Match[str]) -> str:
    run = match.group()
    if C1.search(run) is None:  # `Ã©` may be what was meant; a C1 character never is
        return run
    try:
        meant = run.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return run
    # Two characters such as `ß\x96` are also Windows-1252's `ß–` (Gauß–Newton, „Fuß“,
    # Strauß’s): a letter before a dash or a quote. Read as UTF-8 they would be a letter of
    # Syriac, Thaana or NKo (leads Ü, Ý, Þ, ß), which no record that went through Latin-1 holds.
    return run if _UNLIKELY_SCRIPTS.match(meant) or meant in _UNLIKELY_LETTERS else meant


def _from_windows_1252(match: re.Match[str]) -> str:
    try:
        return match.group().encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:
        return match.group()


def blank(value: Any) -> bool:
    """Whether a required field's value is empty: nothing, blank text, or a list of none.

    Blank is spaces, no-break or zero-width spaces, joiners, and accents with no letter to
    sit on: such text pasted from a web page would make a heading or a link without words.
    """
    if type(value) is str and value[:1].isalnum():
        # Nearly every value: a letter or a digit is neither a space nor unseen (~0.1 s of
        # a first build at 10,000 papers went to looking at its first character so).
        return False
    if isinstance(value, list):  # `[]`, or `[""]`: a list of nothing to show
        return all(isinstance(item, str) and blank(item) for item in value)
    return value is None or (
        isinstance(value, str) and all(ch.isspace() or _unseen(ch) for ch in value)
    )


def _null_word(text: str, line: int, key: str) -> str | None:
    """The word YAML read as nothing at ``key:`` on ``line`` of ``text`` (``Null``, ``~``),
    or None when the value is not written there (``title:`` alone, or a missing text)."""
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return None
    match = re.match(rf"\s*{re.escape(key)}\s*:\s+(null|Null|NULL|~)\s*(#.*)?$", lines[line - 1])
    return match.group(1) if match else None


def _unseen(ch: str) -> bool:
    """Whether ``ch`` shows nothing on its own: a format character (a zero-width space or
    joiner, a direction mark) or a combining mark, drawn on the letter before it."""
    return unicodedata.category(ch) in ("Cf", "Mn", "Me")


def _unquote_hint(value: Any, shape: str) -> str:
    """The fix for a value of the right shape written in quotes (``citations: "12"``).

    Quotes make any YAML value text: the number or true/false is then no number at all.
    """
    if not isinstance(value, str) or not re.fullmatch(shape, value.strip()):
        return ""
    text = value.strip()
    if re.fullmatch(r"0[0-9]+(?:\.[0-9]*)?", text):  # `010`: text, not YAML 1.1's octal 8
        return f"; write it without the leading zero: {re.sub('^0+(?=[0-9])', '', text)}"
    return f" (text, in quotes); write it without quotes: {text.lower()}"


def _out_of_hint(key: str, value: Any) -> str:
    """The fix for a number out of 100 written as a score out of another (`7.5/10`) or
    as a percentage (`75%`): the number out of 100."""
    match = (
        re.fullmatch(
            r"([0-9]{1,6}(?:\.[0-9]{1,6})?)\s*(?:/\s*([0-9]{1,6}(?:\.[0-9]{1,6})?)|%)",
            value.strip(),
        )
        if isinstance(value, str)
        else None
    )
    if match is None:
        return ""
    out_of = Fraction(match.group(2) or 100)
    if out_of == 0 or Fraction(match.group(1)) > out_of:
        return ""
    hundred = Fraction(match.group(1)) * 100 / out_of
    shown = f"{float(hundred):.4g}" if hundred.denominator != 1 else str(hundred.numerator)
    return f"; it is out of 100: write `{key}: {shown}`"


def _abbreviated_hint(value: Any) -> str:
    """The fix for a count written as a profile shows it, `12k` or `1.2M`: the number."""
    match = (
        re.fullmatch(r"([0-9]{1,12}(?:\.[0-9]{1,12})?)\s*([kKmM])", value.strip())
        if isinstance(value, str)
        else None
    )
    if match is None:
        return ""
    number = Fraction(match.group(1)) * (1000 if match.group(2) in "kK" else 1000000)
    if number.denominator != 1:
        return f"; write the whole number, the exact count (about {round(number)})"
    return f"; write the whole number: {number.numerator}"


def _kind(value: Any) -> str:
    """A reader's word for the type of a YAML value."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bytes):
        return "binary data"
    if isinstance(value, set):
        return "a set"
    if isinstance(value, tuple):  # an entry of `!!omap` or `!!pairs`
        return "a pair (`name: value`)"
    return f"{value!r}"
