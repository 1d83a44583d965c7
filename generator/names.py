"""Author names: a matching key, truncation markers and alias matching (pure functions)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from generator.languages import HAN_LETTERS, HANGUL_LETTERS, KANA_LETTERS

# Letters that Unicode does not decompose into a base letter plus a mark, so NFKD alone
# would keep "Søren" and "Soren" apart; these are the ones common in author names.
_UNDECOMPOSED = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
    }
)

# Apostrophes join ("O'Brien" == "OBrien"); every other non-letter, non-digit separates.
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc\u0060\u00b4]")
_WORD = re.compile(r"[^\W_]+")

# Invisible characters a name copied from a PDF or a web page may hold inside a word: soft
# hyphens, joiners, direction marks, byte-order marks. (A zero-width space separates words.)
_INVISIBLE = re.compile("[\u00ad\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Letters of other scripts drawn as Latin ones (Cyrillic А, Greek Ο), and Hangul's fillers,
# letters drawn as nothing: `Аda Lovelace` spelled with them reads as `Ada Lovelace` on the
# page, so to match names they are the letters they look like (a second record so named
# is then refused, and the name's papers are the real Ada's).
_LOOKALIKES = str.maketrans(
    "АВЕКМНОРСТХЅІЈԚԜӀаеорсухѕіјԁԛԝһӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧο",  # Cyrillic, Greek
    "ABEKMHOPCTXSIJQWIaeopcyxsijdqwhlABEZHIKMNOPTYXo",
    "\u115f\u1160\u3164\uffa0",  # Hangul fillers
)
# The scripts a name is written in without blanks between its parts (Chinese characters,
# kana, Hangul): `小林 美穂`, `小林美穂` and BibTeX's `小林, 美穂` (surname first, as the
# name is always written) are one name. A word is of their letters alone (kana's long-vowel
# mark `ー`, the iteration mark `々` and Hangul's jamo, as a syllable is folded, among them).
_CJK_WORD = re.compile(f"[{HAN_LETTERS}{KANA_LETTERS}{HANGUL_LETTERS}]+")
# Generational suffixes: "Frederick P. Brooks, Jr." is "First Last, Jr", not "Last, First".
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "2nd", "3rd", "4th"})

# A group's name that says it is one (`ATLAS Collaboration`, `Particle Data Group`): no
# person's, so no first name and surname to tell apart.
GROUP_NAME = re.compile(r"\b(?:collaboration|consortium|group|team)s?$", re.IGNORECASE)
_AND = re.compile(r"\sand\s", re.IGNORECASE)
# "et al.", "et. al.", "others", BibTeX's "and others", with dots, commas and spaces removed.
_TRUNCATIONS = frozenset({"etal", "others", "andothers", "etalii", "etalia"})
_TRUNCATION_NOISE = re.compile(r"[\s.,;]+")


def _strip_marks(text: str) -> str:
    """NFKD with combining marks dropped, and the undecomposed letters mapped to ASCII."""
    # (a voicing mark typed as its own character, `タ゛ン`, is the letter's: NFKD made it a
    # blank and the mark, and the name was タン, Tan, not ダン, Dan)
    text = unicodedata.normalize("NFKD", text.translate(_SPACING_MARKS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch) or ch in _KANA_MARKS)
    if _KANA_MARKS[0] in text or _KANA_MARKS[1] in text:
        text = _VOICED.sub(_voiced, text)
    return text.translate(_UNDECOMPOSED)


# Kana's voicing marks, which NFKD parts from their letter: no accent but a letter's
# own sound (`ダン`, Dan, is no `タン`, Tan; `ジョン` no `ション`), kept on the letter
_KANA_MARKS = "\u3099\u309a"
_VOICED = re.compile(f"[^{_KANA_MARKS}]?[{_KANA_MARKS}]")
_SPACING_MARKS = str.maketrans("\u309b\u309c", _KANA_MARKS)


def _voiced(pair: re.Match[str]) -> str:
    """A kana with its voicing mark as one letter (`タ` and the mark: `ダ`); another letter
    without the mark, as accents are dropped."""
    composed = unicodedata.normalize("NFC", pair.group())
    return composed if len(composed) == 1 else pair.group()[:-1]


def _fold(text: str) -> str:
    """Drop accents and casefold."""
    if text.isascii():
        return text.casefold()  # NFKD, marks and the table above change no ASCII text
    # Twice, because casefolding can bring a mark back ("İ" -> "i" + dot above) and NFKD
    # can reveal a cased letter (mathematical bold "𝐀" -> "A").
    return _strip_marks(_strip_marks(text).casefold())


def fold_letters(text: str) -> str:
    """Case and accents folded, ø, ł, æ and ß (by casefolding) spelled as in ASCII."""
    return _fold(text)


def disguised(name: str) -> bool:
    """Whether ``name`` holds a letter drawn as another script's, or an invisible character."""
    return not name.isascii() and any(
        ord(ch) in _LOOKALIKES or ch == "\u034f" or unicodedata.category(ch) == "Cf" for ch in name
    )


def drop_invisible(text: str) -> str:
    """``text`` without soft hyphens, joiners, direction and byte-order marks (from PDFs)."""
    return _INVISIBLE.sub("", text)


def _reorder(name: str) -> str:
    """Turn "Last, First", "Last, Jr, First" or "First Last, Jr" into "First Last (Jr)"."""
    if "," not in name:
        return name
    parts = [part.strip() for part in name.split(",")]
    if any(not part for part in parts):
        return name  # a stray comma ("Wang,") is punctuation, not an inversion
    if len(parts) == 2:
        if parts[1].rstrip(".") in _SUFFIXES:  # the text is casefolded already
            return f"{parts[0]} {parts[1]}"
        last, first = parts
        return f"{first} {last}"
    if len(parts) == 3:
        last, suffix, first = parts
        return f"{first} {last} {suffix}"
    return name


# An editor's mark after a name in `authors` (`Ada Lovelace (ed.)`): an edited volume's
# editors, which the BibTeX import lists so (the record format has no `editors` field);
# a translator's (`Ada Lovelace (trans.)`) likewise: a translation's translators, as
# biblatex's `translator` (or `editora` with `editoratype = {translator}`) names them.
# (A run of blanks before it is read from its first, `(?<!\s)`: one free to start at each
# blank tried each against the rest of the run, and a name of 100,000 blanks hung the build.)
# Japanese and Chinese write the mark in their own words, in parentheses full-width or not:
# `佐藤 健太 (訳)` (translated by), `山田 花子（編）` (edited by); the CV listed them as authors.
# Blanks inside the brackets are allowed (`佐藤 健太（ 訳 ）`, an ideographic space `（　訳　）`,
# `( ed. )`), as Japanese lists space them: such a translator was an author named "佐藤 健太
# （ 訳 ）", and a BibTeX `translator` `佐藤 健太 （ 訳 ） (trans.)`, on no profile.
_ROLE_MARK = re.compile(
    r"(?<!\s)\s*[(（]\s*(?:(?P<editor>eds?|editor|hrsg|編|编|編著|编著)"
    r"|(?P<translator>trans|transl|translator|übers|訳|譯|译|翻訳|翻译))\.?\s*[)）]\s*$",
    re.IGNORECASE,
)
MARK_ENDS = (")", "）")


def role_of(name: str) -> tuple[str | None, str]:
    """A name's role as its mark says (``editor``, ``translator``, or None for an
    author's) and the name without the mark."""
    mark = _ROLE_MARK.search(name) if name.endswith(MARK_ENDS) else None
    if mark is None or not mark.start():
        return None, name
    return ("editor" if mark.group("editor") else "translator"), name[: mark.start()]


def editor_of(name: str) -> str | None:
    """The name of an editor marked so in an author list (``Ada Lovelace (ed.)``), or None
    for an author's (or a translator's)."""
    role, bare = role_of(name)
    return bare if role == "editor" else None


def unmarked(name: str) -> str:
    """``name`` without an editor's or a translator's mark."""
    return role_of(name)[1]


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A normalised key for matching author names; empty for a name with no letters. An
    editor's mark is no part of it: `Ada Lovelace (ed.)` is Ada Lovelace."""
    name = unmarked(name)
    if not name.isascii():
        name = drop_invisible(name).translate(_LOOKALIKES)
    text = _fold(_APOSTROPHES.sub("", name))
    # In its own script a name is written surname first, with a blank or without one
    # (`小林 美穂`, `小林美穂`), and so is BibTeX's `小林, 美穂`: a student's one paper,
    # imported from Zotero as `渡辺彩花`, was on no profile of `渡辺 彩花`'s.
    return cjk_key(text) or " ".join(_WORD.findall(_reorder(text)))


def cjk_key(name: str) -> str | None:
    """A name in Chinese characters, kana or Hangul as one word, its blanks and commas
    left out (`小林, 美穂` is `小林美穂`); None for a name with a letter of another script."""
    if name.isascii():
        return None
    words = _WORD.findall(name)
    return "".join(words) if words and all(map(_CJK_WORD.fullmatch, words)) else None


# A word that names a body, not a person, anywhere in the name: the organization a
# standard, a report or a manual is by (`International Organization for Standardization`,
# `U.S. Department of Energy`), which the BibTeX import takes as its author.
_BODY_WORD = re.compile(
    r"\b(?:organi[sz]ations?|institutes?|foundation|society|associations?|department"
    r"|agency|committee|commission|ministry|university|laborator(?:y|ies)|corporation"
    r"|federation|task\s+force)\b",
    re.IGNORECASE,
)


# A company's or a lab's name, as AI papers list them among their authors: a legal form or
# a lab at its end (`Hugging Face Inc.`, `Microsoft Research`), or one of the bodies that
# sign papers by their name alone.
_BODY_END = re.compile(
    r"\b(?:inc|ltd|llc|gmbh|corp|plc|labs|research|project|initiative)\.?$", re.IGNORECASE
)
_THE = re.compile(r"^the\s+(?=\S)", re.IGNORECASE)
_BRANDS = re.compile(r"\b(?:Google|DeepMind|OpenAI|Anthropic|Microsoft|NVIDIA|IBM)\b")
# One word with a capital after a small letter (`OpenAI`, `DeepMind`) or in capitals
# (`NVIDIA`, `CERN`): a body's; a person's one-word name is written `Suharyadi`.
_ONE_WORD_BODY = re.compile(r"(?!Ma?c[A-Z])[^\W\d_]*[a-z][A-Z][^\W\d_]*|[A-Z]{3,}")


@lru_cache(maxsize=1 << 16)
def is_group(name: str) -> bool:
    """Whether ``name`` is a group's rather than a person's: it says so (`ATLAS
    Collaboration`, `Particle Data Group`), names a body (`… Organization for
    Standardization`, `… Department of Energy`, `Hugging Face Inc.`, `Google DeepMind`,
    `OpenAI`) or joins words with `and` (`Food and Drug Administration`), which no
    person's name does and BibTeX splits a list at."""
    # `The` before a body's name (`The MathWorks`), never a person's (`The Anh Nguyen`)
    text = _THE.sub("", name.strip(), count=1)
    return bool(
        GROUP_NAME.search(text)
        or _BODY_WORD.search(text)
        or _AND.search(text)
        or _BODY_END.search(text)
        or _BRANDS.search(text)
        or _ONE_WORD_BODY.fullmatch(text)
    )


@lru_cache(maxsize=1 << 16)
def is_truncation(name: str) -> bool:
    """Whether a list entry marks a truncated author list ("et al.", "others", ...)."""
    return _TRUNCATION_NOISE.sub("", _fold(name)) in _TRUNCATIONS


def matches(name: str, author_names: Iterable[str]) -> bool:
    """Whether ``name`` is one of ``author_names`` (a name and its aliases) by key."""
    key = name_key(name)
    if not key or is_truncation(name):
        return False
    return any(key == name_key(candidate) for candidate in author_names)


# German transliterations: "Juergen" is "Jürgen", as name_key folds "ü" to "u".
_TRANSLITERATED = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def untransliterated(word: str) -> str:
    for pair, letter in _TRANSLITERATED:
        word = word.replace(pair, letter)
    return word


def _given_fits(a: str, b: str) -> bool:
    """Whether two first given names can be one: equal, or one the other's initial."""
    a, b = untransliterated(a), untransliterated(b)
    return a == b or (min(len(a), len(b)) == 1 and a[0] == b[0])


def without_generation(words: list[str]) -> tuple[list[str], str]:
    """A name's key's words without a generational suffix at their end (``Jr``, ``III``),
    and the suffix (empty for none): ``s james gates jr`` is ``s james gates`` and ``jr``.
    A name of two words keeps its last (``Ken Iv``)."""
    if len(words) >= 3 and words[-1] in _SUFFIXES:
        return words[:-1], words[-1]
    return words, ""


def is_generation(word: str) -> bool:
    """Whether ``word`` is a generational suffix (``Jr.``, ``III``, ``2nd``)."""
    return _fold(word.strip(" .")) in _SUFFIXES


def family_word(key: str) -> str:
    """The family name's last word of a name's key, the suffix aside: ``gates`` of ``s james
    gates jr``."""
    words = without_generation(key.split())[0]
    return untransliterated(words[-1]) if words else ""


def could_be(spelling: str, name: str) -> bool:
    """Whether ``spelling`` may be ``name`` written another way (``J. Schmidhuber``,
    ``Juergen Schmidhuber``, ``Schmidhuber, J.``, ``Schmidhuber`` for ``Jürgen
    Schmidhuber``; ``S. James Gates Jr.`` for ``S. James Gates``, as arXiv lists the
    suffix and a site's author may leave it out). Two suffixes that differ (``Jr.`` and
    ``Sr.``) are two people: a father and his son."""
    (words, suffix), (own, own_suffix) = (
        without_generation(name_key(text).split()) for text in (spelling, name)
    )
    if suffix and own_suffix and suffix != own_suffix:
        return False
    if len(words) == 1 and len(own) >= 2:
        # The family name alone, as a citation of few words names its authors (`Schneider
        # et al. (2022)`, `Schneider & Bitsch (2021)`): the owner of a site was listed as
        # their own most frequent co-author, "Schneider", and no note said why.
        return untransliterated(words[0]) == untransliterated(own[-1])
    if len(words) < 2 or len(own) < 2 or untransliterated(words[-1]) != untransliterated(own[-1]):
        return False
    if _given_fits(words[0], own[0]):
        return True
    # A given name of two syllables written as one word or as two (`Minsu Kim` and
    # `Min-Su Kim`, `Xiaoming Wang` and `Xiao-Ming Wang`, as romanised Korean and Chinese
    # names are): the papers by the other spelling were not said to be perhaps theirs.
    given, own_given = ("".join(map(untransliterated, w[:-1])) for w in (words, own))
    return len(words) != len(own) and given == own_given
