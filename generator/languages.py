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
    # each language's name for itself, as Zotero keeps the language of what it took from a
    # database in that language (CNKI's `中文`, CiNii's `日本語`, eLibrary's `русский`)
    "中文": "zh", "汉语": "zh", "漢語": "zh", "简体中文": "zh-Hans", "繁體中文": "zh-Hant",
    "日本語": "ja", "한국어": "ko", "русский": "ru", "українська": "uk", "polski": "pl",
    "italiano": "it", "português": "pt", "nederlands": "nl", "svenska": "sv",
    "čeština": "cs", "türkçe": "tr", "ελληνικά": "el", "العربية": "ar", "فارسی": "fa",
    "עברית": "he", "tiếng việt": "vi",
}  # fmt: skip


def _codes(text: str) -> frozenset[str]:
    """The codes of a table written as words, a line at a time."""
    return frozenset(text.split())


# The two-letter codes a tag may start with (ISO 639-1, and the deprecated `in`, `iw`, `ji`,
# `jw`, `mo`, `sh` that RFC 5646's registry still holds), and the two-letter regions it may
# name (ISO 3166-1, the registry's deprecated and private-use ones, EU, EZ and UN, and
# CLDR's Ascension, Clipperton, Diego Garcia, Ceuta and Melilla, Canaries, Tristan). A
# well-formed tag outside them (`jp`, `en-UK`) is a language no reader knows: the pages
# would be read in no voice and previewed with an `og:locale` no consumer reads.
_LANGUAGES_639_1 = _codes("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
in iw ji jw mo sh
""")
_REGIONS_3166 = (
    _codes("""
ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br
bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz
ec ee eg eh er es et fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw
gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky
kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv
mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py
qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg
th tj tk tl tm tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm
zw
bu cs dd fx nt tp yd yu zr eu ez un aa zz ac cp dg ea ic ta
""")
    | {f"q{c}" for c in "mnopqrstuvwxyz"}
    | {f"x{c}" for c in "abcdefghijklmnopqrstuvwxyz"}
)
# Countries' codes written for their language (`jp` for Japanese): the tag meant.
_COUNTRY_FOR_LANGUAGE = {
    "jp": "ja", "cn": "zh", "cz": "cs", "gr": "el", "ua": "uk", "dk": "da", "vn": "vi",
    "ge": "ka", "us": "en-US", "gb": "en-GB", "il": "he", "ir": "fa", "at": "de-AT",
    "hk": "zh-HK", "kz": "kk", "by": "be", "rs": "sr", "al": "sq", "pk": "ur", "np": "ne",
    "mx": "es-MX",
}  # fmt: skip


def _unknown_subtag(tag: str, key: str) -> str | None:
    """Why a well-formed ``tag`` names no language or country anyone reads, and what to
    write; None if it does (three-letter languages are too many to list, and taken)."""
    language, _, _, region = _subtags(tag)
    if len(language) == 2 and language not in _LANGUAGES_639_1:
        meant = _COUNTRY_FOR_LANGUAGE.get(language)
        fix = (
            f"`{language.upper()}` is a country's code; for its language write `{meant}`"
            if meant
            else "write the two-letter code of the language (ISO 639-1), such as `en`, `de` or `zh`"
        )
        return f"`{key}` {tag!r} names no language: {fix}"
    if region is not None and not region.isdigit() and region not in _REGIONS_3166:
        country = tag.split("-")[0] + "-GB" if region == "uk" else None
        fix = (
            f"the United Kingdom's code is GB: write `{country}`"
            if country
            else f"write the country's two-letter code (ISO 3166-1), or `{language}` alone"
        )
        return f"`{key}` {tag!r} names no country (`{region.upper()}`); {fix}"
    return None


def language_problem(tag: str, key: str = "language", whose: str = "the pages'") -> str | None:
    """Why ``tag`` cannot be a ``lang``, with the tag to write instead; None if it can.

    ``key`` is the field as the message names it, ``whose`` whose language it is.
    """
    if _LANGUAGE_TAG.fullmatch(tag):
        return _unknown_subtag(tag, key)
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
    text = value.strip().removesuffix(";").strip()  # Zotero's CNKI items: `中文;`
    named = _LANGUAGE_NAMES.get(text.lower())
    if named is not None:
        return named
    text = text.replace("_", "-")  # `zh_CN`, as locales write it
    if text.lower() in _COUNTRY_FOR_LANGUAGE:
        return _COUNTRY_FOR_LANGUAGE[text.lower()]  # `jp`, as some catalogues write Japanese
    if not _LANGUAGE_TAG.fullmatch(text) or _unknown_subtag(text, "language"):
        return None
    return canonical_case(text)


def canonical_case(tag: str) -> str:
    """A tag in the case RFC 5646 recommends: ``zh-cn`` (as langdetect writes) -> ``zh-CN``,
    ``EN`` -> ``en``, ``zh-hant-tw`` -> ``zh-Hant-TW`` (tags ignore case; pages need not)."""
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


def text_og_locale(language: str | None, site_language: str) -> str | None:
    """The ``og:locale`` of a page whose text is in ``language`` (a page's or a paper's own,
    None: the site's), whose ``og:title`` and ``og:description`` are that text's.

    The site's where the text is in the site's language, or in it without a country (a
    page in ``de`` on a ``de-AT`` site); else the text's own, which a bare language
    (``de`` on an ``en-US`` site) has none of: ``en_US`` would be a wrong claim.
    """
    own = own_language(language, site_language)
    if own is None:
        return og_locale(site_language)
    found = og_locale(own)
    if found is None and same_language(own, site_language):
        return og_locale(site_language)
    return found


# The letters of the scripts written without blanks between words, as the insides of a
# regular expression's [...]: Chinese characters (with the iteration mark 々), kana (with
# its long-vowel mark ー) and Hangul's syllables and jamo. Name keys (names.cjk_key) and
# novelty's terms (novelty._words) are made of these.
HAN_LETTERS = "\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
KANA_LETTERS = "\u3040-\u30ff"
HANGUL_LETTERS = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
# The scripts that tell Chinese, Japanese and Korean text apart: kana is only Japanese,
# Hangul only Korean; Han characters (with 々) are Chinese's and Japanese's both. Here
# also kana's phonetic extensions and half-width forms, and Hangul's old jamo.
_KANA = re.compile(f"[{KANA_LETTERS}\u31f0-\u31ff\uff66-\uff9d]")
_HANGUL = re.compile(f"[{HANGUL_LETTERS}\ua960-\ua97f]")
_HAN = re.compile(f"[{HAN_LETTERS}]")


def east_asian(text: str) -> bool:
    """Whether ``text`` holds a Chinese character, kana or Hangul."""
    return not text.isascii() and bool(
        _HAN.search(text) or _KANA.search(text) or _HANGUL.search(text)
    )


_OTHER_LATIN = re.compile(r"[\u00c0-\u024f]")  # é, ü, ß, ñ: a language not English, perhaps
_CJK_LANGUAGES = ("ja", "zh", "ko")


def written_language(title: str, abstract: str, paper_language: str) -> str | None:
    """The language a paper's title (and abstract) are plainly written in, where it is not
    ``paper_language`` (the site's); None where it is, or where the letters cannot tell.

    Kana is Japanese's alone, Hangul Korean's: a title with either is in that language.
    Chinese characters alone are Chinese's or Japanese's: Japanese prose of any length has
    kana, so a title and abstract with 30 of them and not one kana are Chinese; fewer (a
    title of kanji alone, `深層強化学習`) say nothing. Latin letters alone, on a site of
    papers in Chinese, Japanese or Korean, are English, unless a letter with an accent
    (`é`, `ü`) says it may be another language of Latin letters.
    """
    text = f"{title}\n{abstract}"
    if _KANA.search(title) or (_HAN.search(title) and _KANA.search(text)):
        found = "ja"
    elif _HANGUL.search(title):
        found = "ko"
    elif _HAN.search(title) and len(_HAN.findall(text)) >= 30 and not _HANGUL.search(text):
        found = "zh"
    elif (
        not east_asian(text)
        and len(re.findall(r"[A-Za-z]+", title)) >= 2
        and not _OTHER_LATIN.search(text)
        and any(same_language(paper_language, code) for code in _CJK_LANGUAGES)
    ):
        found = "en"
    else:
        return None
    return None if same_language(found, paper_language) else found
