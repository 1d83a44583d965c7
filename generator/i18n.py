"""The theme's own words in the site's language, resolved once per build.

``resolve(language, labels)`` merges English, the catalogue of the site's language
(``pt-BR`` falls back to ``pt``) and the site's ``labels:`` from site.yaml into one
:class:`Catalogue`. The templates read its :class:`Words` as plain attributes
(``{{ words.cite }}``), which render.py writes into them as text when they compile;
counted phrases (``{{ words.n_papers(4) }}``) follow CLDR's plural rules.
"""

from __future__ import annotations

import contextvars
import decimal
import difflib
import functools
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from generator.catalogue import (
    CATALOGUES,
    DATES,
    EN,
    NUMBERS,
    PLACEHOLDER,
    STANDALONE_MONTHS,
    WORDED_DATES,
    Entry,
    fill_text,
    placeholders,
    unbraced,
)
from generator.locators import edition_number, record_type
from generator.model import Labels
from generator.validate import Checker


def half_up(value: float, places: int = 0) -> decimal.Decimal:
    """``value`` to ``places`` decimals, a half rounded up, as people round (``46.5`` is
    ``47``, ``47.5`` ``48``; Python's ``round`` gives ``46`` and ``48``, half to even).

    From the number as written, to 12 decimals: ``0.145``, a hair under in binary, is
    ``0.15`` at two, and so is a mean that float arithmetic leaves a hair off its half
    (46% and 47% average ``0.46499999999999997``, which is 46.5%). Every figure a page
    shows (a score, a percentage, a tile's novelty) is rounded here.
    """
    written = decimal.Decimal(repr(round(value, 12)))
    return written.quantize(decimal.Decimal(1).scaleb(-places), decimal.ROUND_HALF_UP)


def shown_fraction(fraction: float) -> float:
    """A fraction at the precision a page shows it, a whole percent (``0.465`` is
    ``0.47``): what :meth:`Catalogue.percent` prints of it is what it prints of the
    fraction itself."""
    scaled = fraction * 100
    if abs(scaled - math.floor(scaled) - 0.5) > 1e-6:
        # Not near a half, where every rounding agrees: 20 times cheaper than decimals,
        # for a value taken for each of a site's papers at every build.
        return round(scaled) / 100
    return float(half_up(fraction, 2))


# A site's own words (for its own templates) are keys with this prefix; any other key
# that the theme does not know is a mistake.
OWN_PREFIX = "my_"

# What an author may have meant as one: `{File}`, `{ date }`, `{nme}` (checked, never filled).
_LOOSE_PLACEHOLDER = re.compile(r"\{\s*([^\W\d]\w*)\s*\}")


def meant_placeholder(written: str, allowed: Iterable[str]) -> str | None:
    """The placeholder of ``allowed`` that ``written`` (``File``, `` date ``, ``nme``) means."""
    names = sorted(allowed)
    folded = written.strip().casefold()
    if folded in names:
        return folded
    close = difflib.get_close_matches(folded, names, n=1, cutoff=0.6)
    return close[0] if close else None


@functools.lru_cache(maxsize=1024)  # a paper's page fills several: worked out once each
def _unfilled(pattern: str, values: tuple[str, ...]) -> str | None:
    """What filling ``pattern`` with the names ``values`` leaves on the page as ``{…}``,
    said; or None.

    A placeholder the call does not give (`fill(nme=…)` for ``{name}``), or one written
    so that it is not one (``{Name}``, ``{ name }``) where the call gives its name.
    """
    given = ", ".join(f"{key}=…" for key in values)
    for match in _LOOSE_PLACEHOLDER.finditer(unbraced(pattern)):
        written, name = match.group(0), match.group(1)
        if written == f"{{{name}}}" and PLACEHOLDER.fullmatch(written):
            if name in values:
                continue
            others = [key for key in values if f"{{{key}}}" not in pattern]
            close = difflib.get_close_matches(name, others, n=1, cutoff=0.6)
            hint = f"did you mean {name}=… (not {close[0]}=…)?" if close else f"give {name}=…"
            return f"fill({given}) leaves {written} unfilled in “{pattern}”; {hint}"
        meant = meant_placeholder(name, values)
        if meant is not None:
            return (
                f"“{pattern}” writes {written}, which fill({given}) does not fill: a "
                f"placeholder is written in lower case without spaces, {{{meant}}}"
            )
    return None


def _one_is_1(n: int) -> str:
    return "one" if n == 1 else "other"


def _one_is_0_or_1(n: int) -> str:
    return "one" if n in (0, 1) else "other"


def _other(n: int) -> str:
    return "other"


def _east_slavic(n: int) -> str:
    """Russian's (and Ukrainian's) rule: 1, 21 `one`; 2-4, 22-24 `few`; 0, 5-20 `many`."""
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def _millions(rule: Callable[[int], str]) -> Callable[[int], str]:
    """``rule``, with CLDR's ``many`` for a non-zero multiple of a million (``1 000 000 de``)."""

    def plural(n: int) -> str:
        return "many" if n and n % 1_000_000 == 0 else rule(n)

    return plural


# CLDR's cardinal plural rules for whole numbers (the counts the theme shows). French and
# Brazilian Portuguese count 0 as `one`; a million and its multiples are `many` in French,
# Spanish, Italian and Portuguese, which fall back to `other` where no `many` is written.
PLURAL_RULES: dict[str, Callable[[int], str]] = {
    "en": _one_is_1,
    "de": _one_is_1,
    "nl": _one_is_1,
    "fr": _millions(_one_is_0_or_1),
    "pt": _millions(_one_is_0_or_1),
    "pt-pt": _millions(_one_is_1),
    "es": _millions(_one_is_1),
    "it": _millions(_one_is_1),
    "ru": _east_slavic,
    "uk": _east_slavic,
    "zh": _other,
    "ja": _other,
    "ko": _other,
}
# The categories each rule can give, for checking a site's plural labels.
PLURAL_FORMS: dict[str, tuple[str, ...]] = {
    "en": ("one", "other"),
    "de": ("one", "other"),
    "nl": ("one", "other"),
    "fr": ("one", "many", "other"),
    "pt": ("one", "many", "other"),
    "pt-pt": ("one", "many", "other"),
    "es": ("one", "many", "other"),
    "it": ("one", "many", "other"),
    "ru": ("one", "few", "many", "other"),
    "uk": ("one", "few", "many", "other"),
    "zh": ("other",),
    "ja": ("other",),
    "ko": ("other",),
}
# Chinese written in traditional characters: not the simplified catalogue's words.
_TRADITIONAL = re.compile(r"^zh(-[a-z]{3})?-(hant|tw|hk|mo)(-|$)")


def _chain(language: str) -> list[str]:
    """``pt-BR`` -> ``pt-br``, ``pt``: the tag and each shorter prefix, lower-cased."""
    parts = language.lower().split("-")
    return ["-".join(parts[:end]) for end in range(len(parts), 0, -1)]


def catalogue_code(language: str) -> str | None:
    """The catalogue that speaks ``language`` (itself, else a shorter tag); None if none does."""
    if _TRADITIONAL.match(language.lower()):  # zh-TW, zh-Hant-HK: not the simplified words
        return "zh-hant"
    return next((code for code in _chain(language) if code in CATALOGUES), None)


def plural_rule(language: str) -> tuple[Callable[[int], str], tuple[str, ...]]:
    """The plural rule of ``language`` and its categories (English's when none is known)."""
    code = next((c for c in _chain(language) if c in PLURAL_RULES), "en")
    return PLURAL_RULES[code], PLURAL_FORMS[code]


class Plural:
    """A counted phrase: ``words.n_papers(4)`` is ``4 papers``, in the site's language."""

    __slots__ = ("forms", "key", "rule")

    def __init__(self, forms: Mapping[str, str], rule: Callable[[int], str], key: str) -> None:
        self.forms = forms
        self.rule = rule
        self.key = key

    def __call__(self, n: int, shown: object = None) -> str:
        """The phrase for ``n``; ``shown`` is written in place of the number (``51+``)."""
        pattern = self.forms.get(self.rule(n)) or self.forms["other"]
        later = any(name != "n" for name in placeholders(pattern))  # `{who}`: fill()'s
        return fill_text(pattern, {"n": n if shown is None else shown}, partial=later)

    def __str__(self) -> str:
        # `{{ words.n_papers }}` without its number put "{n} papers" on the page, unseen
        # by the build: a count is only ever shown with one, in its plural form.
        import jinja2

        raise jinja2.UndefinedError(
            f"words.{self.key} is a count: give it the number, words.{self.key}(4), or it "
            f"shows {self.forms['other']!r}"
        )


class Words:
    """The theme's words as attributes (``words.cite``); ``words["cite"]`` works too."""

    def __init__(self, table: Mapping[str, str | Plural]) -> None:
        self.__dict__.update(table)

    def __getitem__(self, key: str) -> Any:
        return self.__dict__[key]


def fill(pattern: object, **values: object) -> Markup:
    """``pattern`` escaped, each ``{name}`` replaced by its value (escaped unless Markup)."""
    pieces = (_MARKUP_PIECES if isinstance(pattern, Markup) else _TEXT_PIECES).get(pattern)
    if pieces is None:
        pieces = _pieces(pattern)
    if len(pieces) == 1 and not values:
        return Markup(pieces[0])
    if values and (unfilled := _unfilled(str(pattern), tuple(values))) is not None:
        report = UNFILLED.get()
        if report is None:
            import jinja2  # as Plural does: an error at the template's line

            raise jinja2.UndefinedError(unfilled)
        report(unfilled)  # the page goes on rendering: every such call named in one run
    out = [pieces[0]]
    for index in range(1, len(pieces), 2):
        name = pieces[index]
        out.append(escape(values[name]) if name in values else f"{{{name}}}")
        out.append(pieces[index + 1])
    return Markup("".join(out))


# Where a page being rendered (render.render_page) reports each fill() that leaves a
# placeholder unfilled, to name all of them; without it, the first is an error at once.
UNFILLED: contextvars.ContextVar[Callable[[str], None] | None] = contextvars.ContextVar(
    "unfilled", default=None
)

# Each pattern escaped and split around its placeholders, once: a paper's page fills one.
_TEXT_PIECES: dict[object, list[str]] = {}
_MARKUP_PIECES: dict[object, list[str]] = {}


def _pieces(pattern: object) -> list[str]:
    """``pattern`` escaped (unless it is markup already), split around its placeholders."""
    table = _MARKUP_PIECES if isinstance(pattern, Markup) else _TEXT_PIECES
    if len(table) >= 4096:
        table.clear()  # patterns filled with counts in a long `serve` session: start again
    text = str(escape(pattern))
    pieces, start, piece = [], 0, ""
    for match in PLACEHOLDER.finditer(text):
        piece += text[start : match.start()]
        if match[1]:
            pieces += [piece, match[1]]
            piece = ""
        else:  # `{{`: a brace of the text
            piece += match[0][0]
        start = match.end()
    pieces.append(piece + text[start:])
    table[pattern] = pieces
    return pieces


def _shown(words: str) -> str:
    """Words without placeholders as they are shown (`{{ words.cite }}`), their doubled
    braces one brace; fill() reads those of words with placeholders, a count its own."""
    return words if placeholders(words) else fill_text(words, {})


# A record's `type` (README's names, and the BibTeX entry types imports keep: `phdthesis`,
# `techreport`) → the words' key of its name; a @proceedings, a volume, is no paper's.
_TYPE_KEYS = {
    **dict.fromkeys(("article", "journal"), "type_article"),
    **dict.fromkeys(("conference", "inproceedings"), "type_conference"),
    "preprint": "type_preprint",
    **dict.fromkeys(("thesis", "phdthesis", "dissertation"), "type_phdthesis"),
    "mastersthesis": "type_mastersthesis",
    "habilitation": "type_habilitation",
    "book": "type_book",
    **dict.fromkeys(("chapter", "incollection", "inbook"), "type_chapter"),
    **dict.fromkeys(("report", "techreport", "technical report"), "type_report"),
    **dict.fromkeys(("other", "misc"), "type_other"),
}


def ordinal(n: int, code: str | None) -> str:
    """``n`` as the language writes an edition's ordinal number: ``2nd`` (English, also
    where English stands in), ``2.`` (de), ``1re``/``2e`` (fr: *édition* is feminine),
    ``2.ª`` (es, pt), ``2ª`` (it), ``2-е`` (ru), the digits alone where the words around
    them make the ordinal (``第2版``, ``제2판``)."""
    if code is None or code == "en":
        ones = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{'th' if 10 <= n % 100 <= 20 else ones}"
    if code == "fr":
        return "1re" if n == 1 else f"{n}e"
    return {"de": f"{n}.", "es": f"{n}.ª", "pt": f"{n}.ª", "it": f"{n}ª", "ru": f"{n}-е"}.get(
        code, str(n)
    )


class Catalogue:
    """One site's words: English, under its language's catalogue, under its own labels."""

    def __init__(self, language: str, labels: Labels = ()) -> None:
        self.language = language
        self.code = catalogue_code(language)
        # A catalogue's counts follow its own language's rule (English's where English
        # stands in for a language without one); the site's labels, its language's.
        site_rule, _ = plural_rule(language)
        catalogue_rule = site_rule if self.code is not None else PLURAL_RULES["en"]
        entries: dict[str, Entry] = dict(EN)
        if self.code is not None:
            entries.update(CATALOGUES[self.code])
        own = self.own = frozenset(key for key, _ in labels)
        for key, value in labels:
            entries[key] = value if isinstance(value, str) else dict(value)
        self.entries = entries
        self.rules = {
            key: site_rule if key in own else catalogue_rule
            for key, value in entries.items()
            if not isinstance(value, str)
        }
        self.months, self.patterns = DATES.get(self.code or "en", DATES["en"])
        self._counted: dict[tuple[str, type, int], str] = {}  # plural()'s, without values
        self.standalone = STANDALONE_MONTHS.get(self.code or "en", self.months)
        self.decimal_sign, self.percent_pattern = NUMBERS.get(self.code or "en", NUMBERS["en"])
        self.words = Words(
            {
                key: _shown(value)
                if isinstance(value, str)
                else Plural(value, self.rules[key], key)
                for key, value in entries.items()
            }
        )

    @property
    def english_stands_in(self) -> bool:
        """Whether the words are English on a page in another language.

        Not where a catalogue speaks it, nor where the site's labels write every word
        (a site can speak a language the theme does not); a few labels are not enough.
        """
        if self.code is not None or _chain(self.language)[-1] == "en":
            return False
        return not self.own.issuperset(EN)

    def text(self, key: str, **values: object) -> str:
        """The plain text of ``key`` (a plural's ``other`` form), placeholders filled."""
        entry = self.entries[key]
        pattern = entry if isinstance(entry, str) else entry["other"]
        return fill_text(pattern, values)

    def type_name(self, kind: str) -> str | None:
        """A paper's ``type`` as its page names it (``mastersthesis`` → "Master’s thesis"),
        or None for a type the words have no name for, which is shown as written."""
        key = _TYPE_KEYS.get(record_type(kind))
        return self.text(key) if key else None

    def edition(self, written: str) -> str:
        """A book's ``edition`` as a reference prints it: a number as the language's
        ordinal edition (``2`` -> ``2nd ed.``, ``2. Aufl.``), words as written (``Revised``),
        as biblatex prints its ``edition`` field."""
        number = edition_number(written)
        if number:
            return self.text("edition_n", nth=ordinal(number, self.code))
        return written.strip()

    def number(self, value: float) -> str:
        """A score as the language writes it, to one decimal: ``56.5``, ``56,5``, ``57``.

        A half is rounded up, from the number as written (``77.25`` is ``77.3``): the
        float's own rounding gave ``77.2`` (half to even), and ``0.15``, a hair under its
        written value in binary, ``0.1``.
        """
        return str(half_up(value, 1)).removesuffix(".0").replace(".", self.decimal_sign)

    def percent(self, fraction: float) -> str:
        """A fraction as a whole percentage: ``47%``, ``47 %`` (de), ``47 %`` (fr).

        A half is rounded up, from the fraction as written, as :meth:`number` rounds
        (``0.125`` is ``13%``, and ``0.145`` ``15%``, not ``14%`` of its binary value).
        """
        return self.percent_pattern.replace("{n}", str(int(half_up(fraction, 2) * 100)))

    def plural(self, key: str, n: int, **values: object) -> str:
        """The plain text of ``key`` for ``n`` things, placeholders filled."""
        if values:
            return self._plural(key, n, values)
        # each paper's `12 citations` (the same few counts again and again): made once
        counted = self._counted
        found = counted.get((key, type(n), n))
        if found is None:
            if len(counted) >= 1 << 12:
                counted.clear()  # a long `serve` session: start again rather than grow
            found = counted[(key, type(n), n)] = self._plural(key, n, values)
        return found

    def _plural(self, key: str, n: int, values: dict[str, object]) -> str:
        entry = self.entries[key]
        if not isinstance(entry, str):  # its form for n, filled once (its braces too)
            entry = entry.get(self.rules[key](n)) or entry["other"]
        return fill_text(entry, {"n": n, **values})

    @functools.cached_property
    def script_words(self) -> Markup:
        """`` data-words="…"`` for site.js: the words it shows, where they are not English."""
        keys = (
            *("show_more", "show_less", "copied_status", "copied", "copy_bibtex"),
            *("copy_failed", "showing_all", "showing_some"),
        )
        changed = {key: self.text(key) for key in keys if self.entries[key] != EN[key]}
        if not changed:
            return Markup("")  # the script's own English: an English page is as it was
        data = json.dumps(changed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return Markup(f' data-words="{escape(data)}"')


@functools.lru_cache(maxsize=16)
def resolve(language: str, labels: Labels = ()) -> Catalogue:
    """The words of a site in ``language`` with its ``labels``, made once per build."""
    return Catalogue(language, labels)


def format_date(
    year: int, month: int | None, day: int | None, build_year: int, catalogue: Catalogue
) -> str:
    """A date as the cards show it, in the catalogue's language (see render.format_date)."""
    if month is None:
        return str(year)
    here, other, month_year, month_only = catalogue.patterns
    if day is None:
        pattern = month_only if year == build_year else month_year
    else:
        pattern = here if year == build_year else other
    return pattern.format(
        m=catalogue.months[month - 1], M=catalogue.standalone[month - 1], d=day, y=year
    )


def full_date(year: int, month: int | None, day: int | None, catalogue: Catalogue) -> str:
    """A date with its year, as a CV or a paper's page gives it: in words in a language of
    WORDED_DATES (``2024年3月``), else as records write it (``2024-03``)."""
    if catalogue.code not in WORDED_DATES:
        text = f"{year:04d}"
        if month is not None:
            text += f"-{month:02d}" + (f"-{day:02d}" if day is not None else "")
        return text
    return format_date(year, month, day, year + 1, catalogue)  # never "the build year"


SHOWN_KEYS = 4  # keys named in an unknown label's message, the shortest words first


def _english(key: str) -> str:
    """The English words of ``key`` (a counted phrase's ``other`` form)."""
    entry = EN[key]
    return entry if isinstance(entry, str) else entry["other"]


def _keys_saying(label: str) -> list[str]:
    """The keys whose English words hold ``label`` as words (``papers``, ``Copy BibTeX``),
    those that say little else first: a site that writes the words it sees on the page."""
    words = label.replace("_", " ").strip().casefold()
    if not words:
        return []
    pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")
    found = [key for key in EN if pattern.search(_english(key).casefold())]
    return sorted(found, key=lambda key: len(_english(key)))


def check_labels(check: Checker, value: Any, language: str) -> Labels | None:
    """site.yaml's ``labels:``: known keys (or ``my_`` ones), text, the right placeholders."""
    if not isinstance(value, dict):
        check.fail(
            "labels",
            "`labels` must be a mapping of the theme's words to your own, such as "
            "`  cite: How to cite`",
        )
        return None
    rule, forms = plural_rule(language)
    # The forms said of one number only (English's `one`, 1; not Russian's, 1, 21, 31, …),
    # which may say it in words ("one paper") and leave {n} out
    single = frozenset(f for f in forms if sum(rule(n) == f for n in range(1000)) == 1)
    kept: list[tuple[str, str | tuple[tuple[str, str], ...]]] = []
    for raw_key, text in value.items():
        key = str(raw_key)
        known = EN.get(key)
        if known is None and not key.startswith(OWN_PREFIX):
            close = difflib.get_close_matches(key, list(EN), n=1, cutoff=0.6)
            saying = _keys_saying(key)
            hint = (
                f"did you mean `{close[0]}`?"
                if close and close[0] not in saying[:SHOWN_KEYS]
                else ""
            )
            if saying:
                listed = ", ".join(f"`{k}` (“{_english(k)}”)" for k in saying[:SHOWN_KEYS])
                more = len(saying) - SHOWN_KEYS
                hint += (
                    " " if hint else ""
                ) + f"the words that say “{key.replace('_', ' ')}”: {listed}"
                hint += f" and {more} more" if more > 0 else ""
            elif not hint:
                hint = f"words of your own templates start with `{OWN_PREFIX}`"
            where = "the README lists every key under “The theme's words”"
            check.fail("labels", f"unknown label `{key}` in `labels`; {hint} ({where})", key)
            continue
        plural = isinstance(known, Mapping) or (known is None and isinstance(text, dict))
        if isinstance(text, dict) and plural:
            pairs = _plural_forms(check, key, text, forms)
            if pairs is not None and _placeholders_ok(check, key, pairs, known, single):
                kept.append((key, pairs))
        elif isinstance(text, dict):
            check.fail("labels", f"label `{key}` must be text, not a mapping", key)
        elif text is None:  # `selected:` with its words not written yet
            theirs = f" (the theme's: “{known}”)" if isinstance(known, str) else ""
            check.fail(
                "labels",
                f"label `{key}` is empty; write the words to show{theirs}, or remove the line",
                key,
            )
        elif isinstance(text, list):  # `cite: [Cite, this]`: YAML's brackets make a list
            check.fail(
                "labels",
                f"label `{key}` must be one text, not a list; YAML reads `[…]` and `- ` lines "
                "as a list: put the words in quotes",
                key,
            )
        elif check.text("labels", text, key) is not None:
            words = text if isinstance(text, str) else str(text)
            if _placeholders_ok(check, key, [("", words)], known, single):
                kept.append((key, words if not plural else (("other", words),)))
    return tuple(kept)


def _plural_forms(
    check: Checker, key: str, text: dict[Any, Any], forms: tuple[str, ...]
) -> tuple[tuple[str, str], ...] | None:
    """A plural label's (category, text) pairs; a category the language lacks is a problem."""
    pairs: list[tuple[str, str]] = []
    for form, words in text.items():
        if str(form) not in forms:
            check.fail(
                "labels",
                f"label `{key}` has a form `{form}`, which this site's language does not "
                f"use; write {', '.join(f'`{f}`' for f in forms)}",
                key,
            )
            return None
        if not isinstance(words, str) or check.text("labels", words, key) is None:
            if not isinstance(words, str):
                check.fail("labels", f"form `{form}` of label `{key}` must be text", key)
            return None
        pairs.append((str(form), words))
    if "other" not in {form for form, _ in pairs}:
        check.fail("labels", f"label `{key}` needs an `other` form (used for most counts)", key)
        return None
    return tuple(pairs)


def _placeholders_ok(
    check: Checker,
    key: str,
    texts: Sequence[tuple[str, str]],
    known: Entry | None,
    single: frozenset[str] = frozenset(),
) -> bool:
    """Whether ``texts`` (each a plural form's, or "" for a label of one text, and its
    words) name only placeholders the theme fills for ``key``, as it writes them, and
    every one it fills: each that is not (``{nme}``, ``{File}``, ``{ date }``) is a
    problem, and so is each left out (`issue_alone: Heft` dropped the issue's number
    without a word), but {n} in a form said of one number only (``single``)."""
    if known is None:
        return True  # a site's own word: its own template fills what it names (see fill)
    patterns = [known] if isinstance(known, str) else list(known.values())
    allowed = {name for pattern in patterns for name in placeholders(pattern)}
    fills = ", ".join(f"{{{n}}}" for n in sorted(allowed)) or "nothing"
    wrong: dict[str, None] = {}  # each written once, in order
    for _, text in texts:
        for match in _LOOSE_PLACEHOLDER.finditer(unbraced(text)):
            if match.group(0) != f"{{{match.group(1)}}}" or match.group(1) not in allowed:
                wrong.setdefault(match.group(0))
    meant_by_wrong = set()
    for written in wrong:
        meant = meant_placeholder(written[1:-1], allowed)
        meant_by_wrong.add(meant)
        hint = f"; did you mean {{{meant}}}?" if meant else ""
        # (a word in braces, as it is to be shown: `Cite {this}`)
        braces = "" if meant else f"; to show braces, double them: {{{written}}}"
        check.fail(
            "labels",
            f"label `{key}` names {written}, which the theme does not fill there{hint} "
            f"(it fills {fills}){braces}",
            key,
        )
    missing = False
    english = known if isinstance(known, str) else known["other"]
    for form, text in texts:
        named = set(placeholders(text))
        for name in sorted(allowed - named - meant_by_wrong):
            if name == "n" and form in single:
                continue
            missing = True
            what = _WHAT_FILLS.get(name, name)
            check.fail(
                "labels",
                f"label `{key}` must contain {{{name}}}"
                + (f" in its `{form}` form" if form else "")
                + f": without it the page shows no {what}; write {{{name}}} where the "
                f"{what} goes, as English does (“{english}”)",
                key,
            )
    return not wrong and not missing


# What each placeholder stands for, as a message says what a label without it leaves out
_WHAT_FILLS = {
    "n": "number",
    "name": "name",
    "who": "name",
    "date": "date",
    "file": "file's name",
    "source": "source",
    "sources": "sources",
    "field": "field",
    "papers": "count of papers",
    "shown": "count shown",
    "home": "link to the home page",
    "authors": "link to the authors",
}
