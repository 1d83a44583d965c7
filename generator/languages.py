"""Language tags (BCP 47): the one rule for ``site.yaml`` and a paper's ``language``."""

from __future__ import annotations

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
