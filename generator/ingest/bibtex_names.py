"""BibTeX author lists → names as a page shows them (``and``, ``others``, braces, marks)."""

from __future__ import annotations

import re
import unicodedata

from bibtexparser.middlewares.names import parse_single_name_into_parts

from generator.ingest.bibtex_read import group_end
from generator.ingest.latex import decode
from generator.ingest.work import Work, fold_space
from generator.languages import HAN_LETTERS, HANGUL_LETTERS, KANA_LETTERS
from generator.names import role_of
from generator.standing import STATE_WORDS

# al-folio marks equal contribution and corresponding authors on the names themselves
# (`Einstein*†, A.`), for its own page; the names in cite.bib are plain. Some mark the
# corresponding author with a caret after the surname (`Lee^, Yong Jae`).
NAME_MARKS = re.compile(r"[*∗†‡§¶]+|(?<=\w)\^+(?=[\s,}]|$)")
# and with a plus (`Han+, Yoseob`), in a list of names only (a citation's title may hold
# `C++ `): the card named "Yoseob Han+", who was then no author the site knew
PERSON_MARKS = re.compile(rf"{NAME_MARKS.pattern}|(?<=\w)\++(?=[\s,}}]|$)")
# The same marks written in TeX, as a paper's own .bib has them (`Adria Recasens$^*$`,
# `Lee\textsuperscript{*}`, `$^{\dagger}$`): the name was shown as
# "Adria Recasens$^*$", and cite.bib, its star taken, kept `$^$`, which TeX refuses.
_MARK = (
    r"(?:[*∗†‡§¶#,\s]|\\(?:ast|star|dagger|ddagger|dag|ddag|S|P|\#|sharp|natural|flat)(?![A-Za-z]))"
)
TEX_MARKS = re.compile(
    rf"\$\s*\^\s*(?:\{{{_MARK}+\}}|{_MARK})\s*\$|\\textsuperscript\s*\{{{_MARK}+\}}"
)


# A paper's standing in brackets before the first author's name: `(Under Review)`,
# `[Submitted]`, `(In press)`, `(Accepted)`: standing.STATE_WORDS, the one table of them, and
# `(Preprint)`, `(Working paper)`, which as a venue say a preprint's type instead
NAMES_STATUS = re.compile(
    rf"\s*[(\[]\s*({STATE_WORDS}|preprint|working\s+paper)\s*[)\]]\s*", re.IGNORECASE
)


def standing(names: str) -> tuple[str, str | None]:
    """An author list without the standing written before it (``NAMES_STATUS``; after
    the braces that open the list too), and the standing's words, or None."""
    opened = len(names) - len(names.lstrip('{" \t\r\n'))
    found = NAMES_STATUS.match(names, opened)
    if found is None:
        return names, None
    return names[:opened] + names[found.end() :], fold_space(found.group(1))


def unmarked(field: str, value: str) -> str:
    """An author or editor list without al-folio's marks (nor a standing written before
    it, see ``standing``); any other value as it is."""
    if field.lower() not in ("author", "editor"):
        return value
    value = standing(value)[0]
    return _TRAILING_AND.sub("", PERSON_MARKS.sub("", TEX_MARKS.sub("", value)))


# A list that ends in `and` (`{… and Wood, F. and}`), which TeX's BibTeX reads as one
# more, empty, name: the published cite.bib kept it
_TRAILING_AND = re.compile(r"(?<=\S)[ \t\r\n]+and[ \t\r\n]*(?=[}\"]?\Z)", re.I)


_MARKS = "*∗†‡§¶^+ "


# A list cut short by hand: `…, et al.` or `… and et al.` at its end. A run of blanks is
# entered at its first character only (the lookbehinds): a search that could start at every
# blank of a long run, each scanning the rest, took time with the square of the run.
_ET_AL = re.compile(r"(?:(?<!\s)\s+and)?(?<![\s,])[\s,]+et\.?\s+al\.?\s*$", re.IGNORECASE)


# What splits a name list: ` and ` between words, outside braces (where `{Simon and
# Schuster}` is one name). An escaped brace counts for nothing. A run of blanks is entered
# at its first character only, as in `_ET_AL`.
# A list that ends in `and` (`… and Wood, F. and}`, as a lab's shared file has one) ends
# there: the `and` was read into the last name ("F. and Wood").
_NAME_LIST_TOKEN = re.compile(r"\\[{}]|[{}]|(?<![ \t\r\n])[ \t\r\n]+and(?=[ \t\r\n]|$)", re.I)


def split_persons(raw: str) -> list[str]:
    """The names of an author list, each as written.

    bibtexparser's splitter skips the character after a backslash: a name that starts
    with an accent (`and \\"{O}zt\\"{u}rk`, `and \\v{S}koda`) lost it (Oztürk, Skoda).
    """
    raw = raw.strip(" \t\r\n")
    names, depth, start = [], 0, 0
    for token in _NAME_LIST_TOKEN.finditer(raw):
        if token.group(0) == "{":
            depth += 1
        elif token.group(0) == "}":
            depth = max(depth - 1, 0)
        elif not token.group(0).startswith("\\") and depth == 0:
            names.append(raw[start : token.start()])
            start = token.end()
    names.append(raw[start:])
    return [name.strip() for name in names if name.strip()]


def _comma_listed(person: str, persons: list[str], tandf: bool = False) -> list[str] | None:
    """The names of a "name" that lists several between commas, as READMEs' BibTeX
    writes them (`Yann LeCun, Leon Bottou, Yoshua Bengio`; `Kaiming He, Xiangyu Zhang,
    Shaoqing Ren and Jian Sun`), else None. BibTeX reads one name of its parts ("von
    Last, Jr, First"): the record named "Yoshua Bengio Yann LeCun Leon Bottou". A name has
    at most three such parts, and its "Jr" one word: three parts of two words or more
    each are names. Four parts and more, an even count, some of one word, are names
    written surname first (`Smith, John, Jones, Anne`): BibTeX reads no name of four.

    Two parts are one name, surname first, as BibTeX reads them (`Garcia Lopez, Maria
    Elena and Ann Lee`), except in Taylor & Francis's export (``tandf``), which lists
    three authors so (`Guangming Pan, Jiti Gao and Yanrong Yang`): the record named
    "Jiti Gao Guangming Pan", without a word."""
    han = _han_listed(person)
    if han is not None:
        return han
    parts = _comma_parts(person)
    if _extended_name(person) is not None:  # `family=Berg, given=Pieter, prefix=van den`
        return None
    if len(parts) >= 4 and len(parts) % 2 == 0 and any(len(p.split()) == 1 for p in parts):
        return [f"{parts[i]}, {parts[i + 1]}" for i in range(0, len(parts), 2)]
    if len(parts) < 2 or not all(len(p.split()) >= 2 for p in parts):
        return None
    if len(parts) >= 3:
        return parts
    return parts if tandf and _three_listed(person, persons) else None


# Between names in Chinese (or Japanese) script: the full-width comma and the enumeration
# comma, as a Chinese book's README lists its authors (`王琦，杨毅远，江季`)
_HAN_SEPARATORS = re.compile(r"[，、,]")


def _han_listed(person: str) -> list[str] | None:
    """The names of a "name" that lists several in Han characters (or kana, Hangul)
    between commas, else None: between full-width or enumeration commas two or more, the
    card showing one author "王琦，杨毅远，江季"; between ASCII commas three or more (two
    are Google Scholar's `陈, 其乐`, one name written surname first)."""
    parts = [p.strip() for p in _HAN_SEPARATORS.split(person.strip())]
    if len(parts) < 2 or not all(map(_cjk_part, parts)):
        return None
    if len(parts) == 2 and "，" not in person and "、" not in person:
        return None
    return parts


def _three_listed(person: str, persons: list[str]) -> bool:
    """Whether ``person`` reads as two names given name first as well as one written
    surname first: the first of two names, the other written given name first, each
    part two words or more, capitalised (`van der Berg, Jan Peter` has its particle)."""
    parts = _comma_parts(person)
    if len(persons) != 2 or persons[0] is not person or len(parts) != 2:
        return False
    other = persons[1].strip().strip("{} ")
    if other.lower() == "others" or len(_comma_parts(other)) > 1:
        return False
    words = [w for p in parts for w in p.split()]
    return all(len(p.split()) >= 2 for p in parts) and all(w[:1].isupper() for w in words)


# Taylor & Francis's export, known by its publisher (Routledge is its imprint) or DOI
_TANDF_PUBLISHER = re.compile(r"taylor\s*(?:\\?&|and)\s*francis|routledge", re.I)


def tandf_export(fields: dict[str, str]) -> bool:
    """Whether a record is Taylor & Francis's (its names listed `A B, C D and E F`)."""
    doi = fields.get("doi", "").strip().lower()
    return bool(_TANDF_PUBLISHER.search(fields.get("publisher", ""))) or doi.startswith("10.1080/")


def _comma_parts(person: str) -> list[str]:
    """``person`` split at its commas outside braces, each part stripped."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(person):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(person[start:index].strip())
            start = index + 1
    parts.append(person[start:].strip())
    return parts


def comma_notes(fields: dict[str, str], work: Work) -> list[str]:
    """A note on each author list read as names between commas, saying what to write; and
    on a name read surname first that could be two names given name first."""
    where = work.where
    notes = []
    tandf = tandf_export(fields)
    for key in ("author", "editor"):
        persons = split_persons(fields.get(key, ""))
        for person in persons:
            listed = _comma_listed(person, persons, tandf)
            if listed:
                notes.append(
                    f"{where}: {work.label}: {key} '{fold_space(person)}' names several "
                    "people between commas, which BibTeX reads as one garbled name; "
                    f"imported as {len(listed)} names (write `and` between them in the file)"
                )
            elif _three_listed(person, persons):
                name = person_names(person)[0]
                notes.append(
                    f"{where}: {work.label}: {key} '{fold_space(person)}' is read as one "
                    f"name written surname first, '{name}', as BibTeX reads it; if it names "
                    "two people, write `and` between them in the file"
                )
        said = [
            f"'{name}' ({words})"
            for name, words in map(_bracketed, _person_texts(fields.get(key, ""), tandf))
            if words
        ]
        if said:
            notes.append(
                f"{where}: {work.label}: {key} names words in brackets after "
                f"{', '.join(said[:3])}{', …' if said[3:] else ''}: left out of the names, "
                "as a record lists people (write the affiliation in the record's note)"
            )
    return notes


def _person_texts(raw: str, tandf: bool) -> list[str]:
    """The names of an author list before their brackets are taken (see _bracketed)."""
    persons = split_persons(raw)
    texts: list[str] = []
    for person in persons:
        listed = _comma_listed(person, persons, tandf)
        texts.extend(fold_space(p) for p in (listed or [person]))
    return texts


# A company's name ends so: `{Google, Inc.}` is no person "Inc. Google".
_COMPANY = frozenset({"inc", "ltd", "llc", "corp", "co", "gmbh", "ag", "plc", "sa", "bv"})


def _inverted_in_braces(person: str) -> str | None:
    """``Perren, G. I.`` where ``person`` is ``{Perren, G. I.}``, one braced name written
    surname first; else None (a corporate name such as ``{Planck Collaboration}``)."""
    person = person.strip()
    if not person.startswith("{") or group_end(person) != len(person) - 1:
        return None
    inner = person[1:-1]
    parts = _comma_parts(inner)
    if len(parts) != 2:
        return None
    surname, given = parts[0].split(), parts[1].split()
    # Given names or initials, each a capital's (`Graeme Andrew`, `T.-O.`, `{\'E}mile`):
    # not `{Ministry of Health, Labour and Welfare}`.
    if not surname or not given or len(given) > 4 or any(w[0].islower() for w in given):
        return None
    return None if given[-1].strip(".").lower() in _COMPANY else inner


# A name set in bold, as a paper's README bolds its author (`\textbf{Hu, Hai}`,
# `{\bf Hu, Hai}`): BibTeX reads one braced surname, and the record named "Hu, Hai".
_FORMATTED = re.compile(
    r"\s*(?:\\(?:textbf|textit|emph|underline|uline|textsc)\s*\{|\{\s*\\(?:bf|it|em)\b\s*)"
)


def _unformatted(person: str) -> str:
    """``person`` without a formatting command wrapped round the whole name (in braces
    of its own too: `{\textbf{Hu, Hai}}`)."""
    inner = person.strip()
    whole = inner.startswith("{") and group_end(inner) == len(inner) - 1
    if whole and _FORMATTED.match(inner[1:-1]):
        return _unformatted(inner[1:-1])
    start = _FORMATTED.match(person)
    if start is None:
        return person
    brace = person.index("{", start.start())
    end = brace + group_end(person[brace:])
    if person[end] != "}" or person[end + 1 :].strip():
        return person
    return person[start.end() : end].strip()


# TeX's tokens that a name's blanks do not part, braced as one letter for the name
# parser, which splits at every `~` and blank outside braces: a tilde accent
# (`Jo\~ao`, `Sim\~{o}es`: "Jo ao Silva"), an accent command and the letter after its
# blank (`Erd\H os`: "Erd ̋ os"), and a letter command with the blank that ends it, as TeX
# reads it (`Bj\o rn`, `Anton\'\i n`: "Bjø rn", "Antoní n").
_TILDE_ACCENT = re.compile(r"(?<!\{)\\~(\{[^{}]*\}|\\[A-Za-z]+|[^\s{}\\~])")
_ACCENT_WORD = re.compile(r"\\([HvcukrdbtG])(?![A-Za-z])[ \t]+(\\[A-Za-z]+|[A-Za-z])")
_LETTER_WORD = re.compile(
    r"((?:\\['`^\"=.])*\\(?:i|j|l|L|o|O|ae|AE|oe|OE|aa|AA|ss|SS))(?![A-Za-z])[ \t]+(?=\S)"
)


def _tex_letters(person: str) -> str:
    """``person`` with each TeX letter that holds a blank or `~` in braces (see above)."""
    person = _TILDE_ACCENT.sub(r"{\\~\1}", person)
    person = _ACCENT_WORD.sub(r"{\\\1{\2}}", person)
    return _LETTER_WORD.sub(r"{\1}", person)


# The suffix of a name, which sets one bearer apart from a relative of the same name
# (`Jr.`, `III`, `3rd`; not `Xi`, a given name)
_GENERATION = re.compile(r"(?i:jr|sr|jun|sen)\.?|II|III|IV|[2-9](?:nd|rd|th)")


# A name part in Chinese characters, kana or Hangul alone
_CJK_NAME = re.compile(f"[{HAN_LETTERS}{KANA_LETTERS}{HANGUL_LETTERS}]+")


def _cjk_part(text: str) -> bool:
    """Whether a part of a name is in Chinese characters, kana or Hangul alone, judged in
    NFKC (the part itself is kept as written): half-width katakana (`ﾔﾏﾀﾞ, ﾀﾛｳ`) and
    Kangxi radicals (`⼩林`, U+2F29) were read as Latin letters, and the name written
    given name first, "ﾀﾛｳ ﾔﾏﾀﾞ", another person than `ヤマダ タロウ`."""
    return _CJK_NAME.fullmatch(unicodedata.normalize("NFKC", text)) is not None


# PubMed's (Vancouver) order: the surname, then the initials without points ("Doe JA").
# Two initials at most: "Bo KIM" (a surname in capitals, as French lists write it) is no
# "Kim B. O."
_VANCOUVER = re.compile(r"([^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*)*) ([A-Z]{1,2})\.?")


def vancouver_names(names: list[str]) -> list[str]:
    """``Doe J, Smith AB`` as ``J. Doe``, ``A. B. Smith`` where every name is written so
    (else nothing): the record named "Doe J", whom no spelling of Jo Doe matched."""
    found = [_VANCOUVER.fullmatch(n) for n in names]
    if not names or any(m is None or m.group(1).isupper() for m in found):
        return []
    return [f"{' '.join(c + '.' for c in m.group(2))} {m.group(1)}" for m in found if m]


def person_names(raw: str, tandf: bool = False) -> list[str]:
    """``Last, First and First von Last and others`` → display names in order (``tandf``:
    the list is Taylor & Francis's, see `_comma_listed`)."""
    names = []
    # "Wang, K. et al." written by hand: the list is cut short, "et al." is no name part.
    cut = _ET_AL.search(raw)
    if cut and raw[: cut.start()].strip():
        return [*person_names(raw[: cut.start()], tandf), "et al."]
    persons = [_unformatted(p) for p in split_persons(raw)]
    # EDP Sciences' export (A&A, EPJ Web of Conferences) braces each name whole, surname
    # first (`{{Perren, G. I.} and {V\'azquez, R. A.}}`), for its style to print as it is:
    # read as one surname, the card showed "Perren, G. I., Vázquez, R. A." (four names?).
    # Only where every name is so: `{Gaia Collaboration} and Vallenari, A.` is a group's.
    named = [p for p in persons if p.strip().strip("{} ").lower() != "others"]
    unbraced = [_inverted_in_braces(p) for p in named]
    if named and all(unbraced):
        persons = [_inverted_in_braces(p) or p for p in persons]
    pubmed = _pubmed_order(persons)
    for person in persons:
        listed = _comma_listed(person, persons, tandf)
        if listed:
            names.extend(person_names(" and ".join(listed)))
            continue
        if person.strip().strip("{} ").lower() == "others":  # `and {others}` too
            names.append("et al.")
            continue
        if person in pubmed:
            names.append(pubmed[person])
            continue
        extended = _extended_name(person)
        if extended is not None:
            names.append(extended)
            continue
        # `Babbage, Charles (Google)`: the company is after the given name, which the
        # name made of its parts put inside it ("Charles (Google) Babbage")
        person = _bracketed(person)[0]
        parts = parse_single_name_into_parts(_tex_letters(TEX_MARKS.sub("", person)), strict=False)
        if parts.jr and len(parts.first) == 1 and _GENERATION.fullmatch(parts.first[0]):
            # EndNote writes PubMed's `Kelleher RJ 3rd` as `Kelleher, R. J., 3rd`, the
            # suffix where BibTeX reads the given name: the card showed "3rd Kelleher R. J.".
            parts.first, parts.jr = parts.jr, parts.first
        # A mark on a part, not only at the name's ends (`*Pang, Ce`, `∗Yadav, Sourabh`,
        # `Zhengmao, Ye*`): the name was "Ce *Pang", where cite.bib had it plain.
        given = " ".join(decode(p) for p in parts.first).strip("*∗†‡")
        family = " ".join(decode(p) for p in parts.von + parts.last).strip("*∗†‡")
        family = _uncapitalised(family, given)
        # al-folio marks equal contribution and corresponding authors with symbols.
        name = " ".join(x for x in (given, family) if x).strip(_MARKS).strip()
        cjk = given and _cjk_part(given) and _cjk_part(family)
        if cjk and "," in person:
            # Google Scholar's `陈, 其乐`, a name in Chinese (or Japanese, Korean) script,
            # is written surname first without a space: the card showed "其乐 陈". One
            # without the comma stays as written: `山田 太郎` is surname first already,
            # which BibTeX's reading of its last word as the surname made "太郎山田".
            name = (family + given).strip(_MARKS).strip()
        if parts.jr:
            name += " " + " ".join(
                decode(p) for p in parts.jr
            )  # no comma: it reads as "Last, First"
        names.append(_bracketed(name)[0])
    return names


# Words in brackets after a name, as a site writes a co-author's company or university
# (3man1992's `Kevin Miller (Deepmind)`): no part of the person's name, which the card
# showed so, a co-author apart from "Kevin Miller". Not a name in its own script
# (`Wei Wang (王伟)`), which is the person's.
_AFTER_NAME = re.compile(r"(.*[^\s(])\s*\(([^()]*)\)")


def _bracketed(name: str) -> tuple[str, str | None]:
    """``name`` without the words in brackets after it, and those words (or None)."""
    found = _AFTER_NAME.fullmatch(name.strip())
    if found is not None and role_of(name)[0]:
        return name, None  # an editor's or translator's mark, `(ed.)`, `(　訳　)`: see names.py
    if found is None or not re.search(r"[^\W\d_]", found.group(2)) or _cjk_part(found.group(2)):
        return name, None
    return found.group(1), fold_space(found.group(2))


def _pubmed_order(persons: list[str]) -> dict[str, str]:
    """Each name of a list written all in PubMed's order (`Okonkwo-Smith MJ and Abbafati J`,
    as PubMed-based exports write BibTeX) -> the name, initials first (M. J. Okonkwo-Smith);
    else nothing. BibTeX reads the surname as the given name and the initials as the
    surname: the card showed "Okonkwo-Smith Mj", whom no spelling of the owner matched. A
    group's name in braces (`{GBD 2019 Collaborators}`) and `others` are left as they are."""
    named = [
        p
        for p in persons
        if not p.strip().startswith("{") and p.strip().lower() not in ("others", "{others}")
    ]
    plain = [fold_space(decode(_tex_letters(TEX_MARKS.sub("", p)))) for p in named]
    written = vancouver_names(plain)
    return dict(zip(named, written, strict=True)) if written else {}


def _uncapitalised(family: str, given: str) -> str:
    """A family name in capitals beside a given name that is not (IRIS's `DI MAURO, Anna`,
    as Italian universities' lists write their own authors) as a name is written: the
    card showed "Anna DI MAURO". Each word's first letter stays a capital, and one after
    a hyphen, an apostrophe or `Mc` (`O'BRIEN` → O'Brien, `MCDONALD` → McDonald)."""
    letters = [c for c in family if c.isalpha()]
    if len(letters) < 2 or family != family.upper() or not any(c.islower() for c in given):
        return family
    word = re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), family.lower())
    return re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), word)


# biblatex's extended name format, which Better BibLaTeX writes for names with particles:
# "family=Berg, given=Pieter, prefix=van den, useprefix=true".
# (One run of blanks, then maybe a brace and blanks: `\s*\{?\s*` took time with the square
# of a run of blanks that ends in no key.)
_NAME_PART = re.compile(
    r"^\s*(?:\{\s*)?(family|given|prefix|suffix|useprefix|juniorcomp)\s*=", re.I
)


def _extended_name(person: str) -> str | None:
    """A name in biblatex's ``key=value`` form as ``given prefix family suffix``; else None."""
    items = [item for item in person.split(",") if item.strip()]
    if not items or not all(_NAME_PART.match(item) for item in items):
        return None
    parts: dict[str, str] = {}
    for item in items:
        key, _, value = item.partition("=")
        parts[key.strip(" {").lower()] = decode(value.strip())
    order = ("given", "prefix", "family", "suffix")
    return " ".join(parts[k] for k in order if parts.get(k)).strip(_MARKS).strip()
