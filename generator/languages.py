"""Language tags (BCP 47): the one rule for ``site.yaml`` and a paper's ``language``."""

from __future__ import annotations

import functools
import re

# A well-formed BCP 47 language tag (RFC 5646, section 2.1): language (2-3 letters, as every
# registered one is; 4-8 are reserved), extlangs, script, region, variants, extensions,
# private use; or private use alone, or one of the irregular grandfathered tags.
_LANGUAGE_TAG = re.compile(
    r"[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"
    r"|x(?:-[a-z0-9]{1,8})+"
    r"|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)"
    r"|en-gb-oed|sgn-be-fr|sgn-be-nl|sgn-ch-de",
    re.IGNORECASE,
)
# Languages written by name, as a researcher or a reference manager writes them: the tag.
# The names of babel and polyglossia (BibTeX's `language`, biblatex's `langid`) and the
# three-letter codes of library catalogues (ISO 639-2, which Zotero passes on) are among
# them; browsers and screen readers know the two-letter codes.
_LANGUAGE_NAMES = {
    "english": "en", "american": "en-US", "usenglish": "en-US", "british": "en-GB",
    "ukenglish": "en-GB", "canadian": "en-CA", "australian": "en-AU", "newzealand": "en-NZ",
    "german": "de", "ngerman": "de", "deutsch": "de", "austrian": "de-AT",
    "naustrian": "de-AT", "swissgerman": "de-CH", "nswissgerman": "de-CH",
    "french": "fr", "français": "fr", "francais": "fr", "acadian": "fr-CA", "canadien": "fr-CA",
    "spanish": "es", "español": "es", "espanol": "es", "portuguese": "pt", "portuges": "pt",
    "brazil": "pt-BR", "brazilian": "pt-BR", "italian": "it", "dutch": "nl", "russian": "ru",
    "ukrainian": "uk", "polish": "pl", "czech": "cs", "slovak": "sk", "swedish": "sv",
    "danish": "da", "norsk": "nb", "norwegian": "nb", "nynorsk": "nn", "finnish": "fi",
    "icelandic": "is", "estonian": "et", "latvian": "lv", "lithuanian": "lt",
    "hungarian": "hu", "magyar": "hu", "romanian": "ro", "croatian": "hr", "serbian": "sr",
    "slovene": "sl", "slovenian": "sl", "bulgarian": "bg", "greek": "el", "turkish": "tr",
    "catalan": "ca", "basque": "eu", "galician": "gl", "irish": "ga", "welsh": "cy",
    "latin": "la", "esperanto": "eo", "hebrew": "he", "arabic": "ar", "persian": "fa",
    "farsi": "fa", "hindi": "hi", "bengali": "bn", "chinese": "zh", "japanese": "ja",
    "korean": "ko", "vietnamese": "vi", "thai": "th", "indonesian": "id", "bahasai": "id",
    "malay": "ms", "bahasam": "ms",
    "eng": "en", "ger": "de", "deu": "de", "fre": "fr", "fra": "fr", "spa": "es",
    "por": "pt", "ita": "it", "dut": "nl", "nld": "nl", "rus": "ru", "pol": "pl",
    "chi": "zh", "zho": "zh", "jpn": "ja", "kor": "ko", "ara": "ar", "heb": "he",
}  # fmt: skip


def language_problem(tag: str, key: str = "language", whose: str = "the pages'") -> str | None:
    """Why ``tag`` cannot be a ``lang``, with the tag to write instead; None if it can.

    ``key`` is the field as the message names it, ``whose`` whose language it is.
    """
    if _LANGUAGE_TAG.fullmatch(tag):
        return None
    hyphens = re.sub(r"[_ ]+", "-", tag)
    if _LANGUAGE_TAG.fullmatch(hyphens):
        hint = f"write `{hyphens}` (a tag's parts are joined by hyphens)"
    elif tag.lower() in _LANGUAGE_NAMES:
        hint = f"write `{_LANGUAGE_NAMES[tag.lower()]}`"
    else:
        hint = f"write the code of {whose} language, such as `en`, `en-GB` or `zh-Hant`"
    return f"`{key}` {tag!r} is not a language tag (BCP 47); {hint}"


def language_tag(value: str) -> str | None:
    """The tag an imported language names (``ngerman`` -> ``de``, ``zh-CN`` as it is).

    None for a name we do not know: a wrong language would be read aloud in the wrong
    voice, which is worse than the site's own.
    """
    text = value.strip()
    named = _LANGUAGE_NAMES.get(text.lower())
    if named is not None:
        return named
    text = text.replace("_", "-")  # `zh_CN`, as locales write it
    return _cased(text) if _LANGUAGE_TAG.fullmatch(text) else None


def _cased(tag: str) -> str:
    """A tag in the case RFC 5646 recommends: ``zh-cn`` (as langdetect writes) -> ``zh-CN``."""
    parts = tag.split("-")
    for index, part in enumerate(parts[1:], 1):
        if len(parts[index - 1]) == 1:  # an extension's or private use's subtags: as they are
            break
        if len(part) == 2 and part.isalpha():
            parts[index] = part.upper()
        elif len(part) == 4 and part.isalpha():
            parts[index] = part.title()
    return "-".join([parts[0].lower(), *parts[1:]])


def own_language(language: str | None, site_language: str) -> str | None:
    """A paper's language where it is not the site's, else None (tags ignore case)."""
    if language and language.lower() != site_language.lower():
        return language
    return None


def same_language(one: str, other: str) -> bool:
    """Whether two tags can name one text: equal, or one narrows the other (``zh``, ``zh-CN``)."""
    a, b = one.lower(), other.lower()
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


# Languages whose usual script is written right to left, so that a tag without a script
# subtag (`ar`, `fa-IR`, `ur`) names a right-to-left page: CLDR's right-to-left locales,
# the deprecated `iw` and `ji`, and the Arabic, Persian, Pashto and Aramaic varieties that
# have codes of their own (ISO 639-3). Kurdish (`ku`), Azerbaijani, Punjabi, Uzbek are
# written in Latin or Indic letters unless their tag says `-Arab`.
_RIGHT_TO_LEFT_LANGUAGES = frozenset({
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "yi", "ks", "lrc", "mzn", "ps", "pbt",
    "pbu", "pst", "sd", "ug", "ur", "syr", "syc", "nqo", "prs", "pes", "bal", "bcc", "bgn",
    "bqi", "glk", "sdh", "azb", "ota", "skr", "pnb", "khw", "rhg", "hbo", "smp", "sam", "jrb",
    "jpr", "aii", "mid", "myz", "arq", "ary", "arz", "apc", "acm", "afb", "ajp", "apd", "aeb",
    "ayl", "acq", "ars", "ayp", "shu", "abv", "acw", "acx", "ayh", "ayn", "aao", "auz", "avl",
    "adf", "pga", "ssh"
})  # fmt: skip
# Scripts written right to left (ISO 15924): a script subtag decides on its own
# (`az-Arab`, `pa-Arab` and `ku-Arab` are right to left; `sd-Deva`, `ar-Latn` are not).
_RIGHT_TO_LEFT_SCRIPTS = frozenset({
    "adlm", "arab", "aran", "armi", "avst", "chrs", "cprt", "elym", "gara", "hatr", "hebr",
    "hung", "khar", "lydi", "mand", "mani", "mend", "merc", "mero", "narb", "nbat", "nkoo",
    "orkh", "ougr", "palm", "phli", "phlp", "phlv", "phnx", "prti", "rohg", "samr", "sarb",
    "sogd", "sogo", "syrc", "syre", "syrj", "syrn", "thaa", "yezi"
})  # fmt: skip
# Deprecated language codes (RFC 5646's registry: "Preferred-Value"), as Open Graph's
# consumers know them.
_PREFERRED = {"iw": "he", "ji": "yi", "in": "id"}


_IRREGULAR = frozenset(("en-gb-oed", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de"))


def _subtags(tag: str) -> tuple[str, list[str], str | None, str | None]:
    """A regular tag's language, extlangs, script and region, lower-cased; ``""`` if none.

    Private use (``x-…``) and the irregular grandfathered tags have no language here.
    """
    parts = tag.lower().split("-")
    if len(parts[0]) < 2 or not _LANGUAGE_TAG.fullmatch(tag) or tag.lower() in _IRREGULAR:
        return "", [], None, None
    index = 1
    extlangs = []
    while index < len(parts) and len(parts[index]) == 3 and parts[index].isalpha():
        extlangs.append(parts[index])
        index += 1
    script = region = None
    if index < len(parts) and len(parts[index]) == 4 and parts[index].isalpha():
        script = parts[index]
        index += 1
    if index < len(parts) and (
        (len(parts[index]) == 2 and parts[index].isalpha())
        or (len(parts[index]) == 3 and parts[index].isdigit())
    ):
        region = parts[index]
    return parts[0], extlangs, script, region


@functools.lru_cache(maxsize=64)  # asked by every page (`site.direction`)
def direction(tag: str) -> str:
    """``rtl`` for a tag whose text is written right to left (``ar``, ``fa-IR``, ``pa-Arab``).

    The script subtag decides where there is one; else the language (or its extlang:
    ``ar-arz``). Anything else, private use included, is ``ltr``, the browsers' default.
    """
    language, extlangs, script, _ = _subtags(tag)
    if script is not None:
        return "rtl" if script in _RIGHT_TO_LEFT_SCRIPTS else "ltr"
    if any(code in _RIGHT_TO_LEFT_LANGUAGES for code in (language, *extlangs)):
        return "rtl"
    return "ltr"


@functools.lru_cache(maxsize=64)  # asked by every page (`site.og_locale`)
def og_locale(tag: str) -> str | None:
    """Open Graph's ``language_TERRITORY`` for a tag with a country (``ar-EG`` -> ``ar_EG``).

    None for a tag without one (``ar``, ``es-419``, private use): the protocol's format
    needs a territory and its default is ``en_US``; a territory guessed for a bare
    language (Egypt for every Arabic page) would be a wrong claim, worse than none.
    """
    language, extlangs, _, region = _subtags(tag)
    if not language or region is None or region.isdigit():
        return None
    # `zh-yue-HK` is Cantonese, as `yue-HK` writes it
    code = extlangs[0] if extlangs else _PREFERRED.get(language, language)
    return f"{code}_{region.upper()}"
