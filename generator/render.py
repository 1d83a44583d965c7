"""The Jinja environment (autoescape, StrictUndefined, filters) and page rendering."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import os
import pickle
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.ext
import jinja2.lexer
import markupsafe
from markupsafe import Markup, escape

from generator import i18n, languages, names, template_problems
from generator.bibtex import entry_type
from generator.charts import bar_svg
from generator.errors import ContentError, Problem
from generator.ids import doi_url
from generator.languages import own_language
from generator.locators import (
    THESES,
    locator,
    record_type,
    series_name,
    spaced,
    working_paper_type,
)
from generator.markup import (
    from_root,
    headings_below,
    memo,
    page_root,
    plain_text,
    render_inline,
    render_markdown,
    render_page_text,
    rooted,
    sanitise,
)
from generator.model import Author, Labels, Paper, PartialDate, Profile
from generator.routes import FALLBACK_PREFIX, Page
from generator.seo import reads_as, script_json, title_text
from generator.standing import STATE_WORDS, WORKING_PAPER
from generator.template_problems import THEME_PREFIX
from generator.validate import EMAIL


@functools.lru_cache(maxsize=1 << 16)  # every day of 180 years; a card asks for each
def format_date(date: PartialDate, build_date: dt.date, language: str = "en") -> str:
    """``May 27`` in the build year, ``Oct 30, 2023`` otherwise (``May 2023``, ``2023``).

    In the site's ``language`` where the theme speaks it: ``27. Mai``, ``30 oct. 2023``.
    """
    return i18n.format_date(
        date.year, date.month, date.day, build_date.year, i18n.resolve(language)
    )


def full_date(date: PartialDate, language: str = "en") -> str:
    """A date with its year: ``2024年3月`` on a Japanese page, ``2024-03`` on an English one."""
    return i18n.full_date(date.year, date.month, date.day, i18n.resolve(language))


def short_category(category: str) -> str:
    """arXiv's ``cs.AI`` as ``AI``; free text as written."""
    head, _, tail = category.rpartition(".")
    return tail if head and tail and " " not in category else category


def byline(paper: Paper, author: Author | None, shown: int) -> list[tuple[str, bool]]:
    """The first ``shown`` names, each with whether it is the profile's own author."""
    own = (author.name, *author.aliases) if author else ()
    return [(name, bool(own) and names.matches(name, own)) for name in paper.authors[:shown]]


def is_own(name: str, profiles: Sequence[Any]) -> bool:
    """Whether ``name`` is one of the site's authors (given their profiles, or records)."""
    authors = (getattr(p, "author", p) for p in profiles)
    return any(names.matches(name, (a.name, *a.aliases)) for a in authors)


# What a name list needs is worked out once per paper (each name escaped, with its key
# for matching) and once per author (the keys of their name and aliases): a name list
# recurs on every page that lists the paper (its page, each author's profile and CV).
# Keyed by value, so never stale; only these small tables are kept, not each list's HTML.
_OWN_KEYS: dict[tuple[tuple[str, ...], ...], frozenset[str]] = {}
_NAMES_MAX = 1 << 16


# Names in a list longer than this are a collaboration's (ATLAS signs with ~3,000): a CV
# entry and a feed entry name the first few and the site's own author, and a card's finder
# searches this many, instead of every page that lists the paper carrying all of them
# (50 such papers made a 2.4 MB profile, a 2.4 MB CV and a 7.4 MB feed).
LONG_AUTHOR_LIST = 50

# The catalogue's editor's and translator's marks in English (`editor_mark`,
# `translator_mark`): a byline's, where no page language is given
ENGLISH_MARKS = ("(ed.)", "(trans.)")


def author_names(
    paper: Paper,
    own: Sequence[Any],
    shown: int | None = None,
    *,
    own_after: bool = False,
    rtl: bool = False,
    links: Sequence[Any] = (),
    root: str = "",
    main: str | None = None,
    link_own: bool = False,
    role: str | None = None,
    comma: str = ", ",
    marks: tuple[str, str] = ENGLISH_MARKS,
) -> Markup:
    """The paper's first ``shown`` (default all) names, comma-separated, own ones in ``<strong>``.

    ``own`` holds the authors to set in bold: Author records, or anything with an ``author``
    (a profile, or a paper page's ``profiles``); none among them is no one.
    A name is one of theirs as ``names.matches`` says (accents, order, aliases).
    With ``own_after``, an own name past the first ``shown`` follows them, after ``…``
    where names between are left out: the profile's own author (or editor, or translator)
    is never hidden behind ``et al.`` on her own card or CV.
    What follows the names (``et al.``) is the template's to write.
    ``rtl``: the list is read right to left (``PaperFacts.byline_rtl``).
    ``links``: the site authors (as ``own``) whose names link to their profile, from the
    page at ``root`` (the ``main`` author's is the root); a name two of them share links to
    neither. An own name is not a link (the profile's own page) unless ``link_own``.
    ``role``: ``"translator"``, the translators' names alone, without their mark (a CV's
    `Trans. Ada Lovelace`); ``"author"``, every name but theirs; None, every name.
    ``comma``: the page language's list separator (``、`` in Japanese), which parts names
    written in Chinese characters, kana or Hangul (`小林 美穂、佐藤 健太`); names in
    Latin letters keep ``, `` on every page (an English paper's `Miho Kobayashi, Kenta Sato`).
    ``marks``: the page language's editor's and translator's marks, which a name's own
    mark is shown as (`佐藤 健太 (訳)` is `佐藤 健太 (trans.)` on an English page, and
    `Ada Lovelace (trans.)` is `Ada Lovelace（訳）` on a Japanese one).
    """
    # none among them (`paper_card(paper, none, root)`: a card on a page of no one's) is no one
    authors = (getattr(o, "author", o) for o in own if o is not None)
    mine = tuple((a.name, *a.aliases) for a in authors if a is not None)
    own_keys = _OWN_KEYS.get(mine)
    if own_keys is None:
        if len(_OWN_KEYS) >= _NAMES_MAX:
            _OWN_KEYS.clear()  # a long `serve` session: start again rather than grow
        own_keys = _OWN_KEYS[mine] = frozenset(
            names.name_key(candidate) for candidates in mine for candidate in candidates
        ) - {""}
    listed_names = paper.authors
    if role is not None:
        translating = role == "translator"
        roles = [
            (names.role_of(name) if name.endswith(names.MARK_ENDS) else (None, name))
            for name in listed_names
        ]
        listed_names = tuple(
            bare if translating else name
            for name, (kind, bare) in zip(listed_names, roles, strict=True)
            if (kind == "translator") == translating
        )
    htmls, keys = _escaped_names(listed_names, rtl, marks)
    paths = _member_links(links, main) if links else None
    if not paths:
        listed = [
            f"<strong>{html}</strong>" if key in own_keys else html
            for html, key in zip(htmls[:shown], keys, strict=False)
        ]
    else:
        href = escape(root)
        listed = []
        for html, key in zip(htmls[:shown], keys, strict=False):
            path = paths.get(key)
            if key in own_keys:
                if link_own and path is not None:
                    html = f'<a class="member" href="{href}{path}">{html}</a>'
                listed.append(f"<strong>{html}</strong>")
            else:
                listed.append(
                    html if path is None else f'<a class="member" href="{href}{path}">{html}</a>'
                )
    if own_after and shown is not None:
        last = len(listed) - 1  # the index of the last name shown
        for at in range(len(listed), len(htmls)):
            if keys[at] in own_keys:
                # `…` where names are left out between: a list of 4 of which the fourth is
                # hers is `A, B, C, Ada`, not `A, B, C, …, Ada`
                if at > last + 1:
                    listed.append("…")
                listed.append(f"<strong>{htmls[at]}</strong>")
                last = at
    if comma != ", " and all(_east_asian_name(name) for name in listed_names[:shown]):
        return Markup(comma.join(listed))
    return Markup(", ".join(listed))


@functools.lru_cache(maxsize=1 << 12)
def _east_asian_name(name: str) -> bool:
    """Whether a name is written in Chinese characters, kana or Hangul, no Latin letter."""
    return languages.east_asian(name) and not re.search(r"[A-Za-z]", name)


# id(links) -> (links, main author, name key -> the path of that author's profile from the
# root, or None for a key two of them share): a page's cards share one tuple of site
# authors (its context's, which a profile shares with its CV), so the table is made once;
# by identity, the tuple kept alive so that its id is not another's.
_MEMBER_LINKS: dict[int, tuple[Sequence[Any], str | None, dict[str, str | None]]] = {}
# id(author record) -> (the record, main author, its name keys, its profile's path): a
# member is on many pages (~60 on a profile of a 500-author lab)
_MEMBER_KEYS: dict[int, tuple[Any, str | None, tuple[str, ...], str]] = {}


def _member_links(links: Sequence[Any], main: str | None) -> dict[str, str | None]:
    """Each name key of the ``links`` authors (records, or anything with an ``author``) ->
    their profile's path from the site's root, escaped (`` `` for the ``main`` author's);
    None for a key two of them share."""
    hit = _MEMBER_LINKS.get(id(links))
    if hit is not None and hit[0] is links and hit[1] == main:
        return hit[2]
    found: dict[str, str | None] = {}
    for member in links:
        author = getattr(member, "author", member)
        if author is None:
            continue
        known = _MEMBER_KEYS.get(id(author))
        if known is None or known[0] is not author or known[1] != main:
            if len(_MEMBER_KEYS) >= _NAMES_MAX:
                _MEMBER_KEYS.clear()
            keys = tuple(filter(None, map(names.name_key, (author.name, *author.aliases))))
            path = "" if author.slug == main else f"authors/{escape(author.slug)}/"
            known = _MEMBER_KEYS[id(author)] = (author, main, keys, path)
        path = known[3]
        for key in known[2]:
            found[key] = path if found.setdefault(key, path) == path else None
    if len(_MEMBER_LINKS) >= _NAMES_MAX:
        _MEMBER_LINKS.clear()
    _MEMBER_LINKS[id(links)] = (links, main, found)
    return found


def member_path(name: str, links: Sequence[Any], main: str | None) -> str | None:
    """The profile's path from the root of the site author (of ``links``, as
    :func:`author_names` takes them) named ``name``; None for a name of none of them, or of
    two. A profile's frequent co-authors who are on the site link to their profiles."""
    return _member_links(links, main).get(names.name_key(name)) if links else None


# (names, read right to left, the page's marks) -> each name escaped, and its key for
# matching ("" for "et al." and the like, which match no one); shared by every author of
# the paper.
_ESCAPED_NAMES: dict[
    tuple[tuple[str, ...], bool, tuple[str, str]], tuple[tuple[str, ...], tuple[str, ...]]
] = {}


def _escaped_names(
    authors: tuple[str, ...], rtl: bool = False, marks: tuple[str, str] = ENGLISH_MARKS
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found = _ESCAPED_NAMES.get((authors, rtl, marks))
    if found is None:
        if len(_ESCAPED_NAMES) >= _NAMES_MAX:
            _ESCAPED_NAMES.clear()
        shown = [_marked(name, marks) for name in authors]
        found = _ESCAPED_NAMES[(authors, rtl, marks)] = (
            tuple(_isolated(text, _escaped(text), rtl) for text in shown),
            tuple("" if names.is_truncation(name) else names.name_key(name) for name in authors),
        )
    return found


def _marked(name: str, marks: tuple[str, str]) -> str:
    """``name`` with its editor's or translator's mark, if any, in the page's words
    (``marks``: the editor's, the translator's); a full-width one follows the name
    closely, as Chinese and Japanese write it (`佐藤 健太（訳）`)."""
    if not name.endswith(names.MARK_ENDS):
        return name
    role, bare = names.role_of(name)
    if role is None:
        return name
    mark = marks[role == "translator"]
    return f"{bare}{'' if mark.startswith('（') else ' '}{mark}"


# Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, …).
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def _isolated(name: str, name_html: str, rtl: bool = False) -> str:
    """A name written against the list's direction in ``<bdi>``, so the list keeps its order.

    Two Arabic names with only ``, `` between them are one right-to-left stretch to the
    bidirectional algorithm in a left-to-right list: the second author would be shown
    first; so are two Latin names in a right-to-left list (``rtl``). Others stay bare.
    """
    if rtl:
        against = any(unicodedata.bidirectional(char) == "L" for char in name)
    else:  # (ASCII holds no right-to-left letter: the regex's astral ranges cost ~1 µs a name)
        against = not name.isascii() and _RIGHT_TO_LEFT.search(name) is not None
    return f"<bdi>{name_html}</bdi>" if against else name_html


# The entry types whose `volume` is a book's (a conference's proceedings, a chapter's
# book, a book in volumes), not a journal's: "vol. 12346" after the venue's name
_BOOK_VOLUMES = frozenset({"inproceedings", "incollection", "book"})


def in_book(paper: Paper) -> bool:
    """Whether the paper's volume is a book's, as cite.bib's entry type reads the record;
    a volume with an issue is a journal's (`Proceedings of the IEEE 109(5)`, PNAS, whose
    names read as a conference's)."""
    return not paper.issue and entry_type(paper) in _BOOK_VOLUMES


def in_journal(paper: Paper) -> bool:
    """Whether the paper is a journal's, as cite.bib's entry type (@article) reads the
    record: its series is the journal's own (:func:`generator.locators.journal_series`)."""
    return entry_type(paper) == "article"


def venue_spaced(paper: Paper) -> bool:
    """:func:`generator.locators.spaced` for the venue's line: no comma before the volume."""
    return spaced(paper, in_book(paper), in_journal(paper))


def venue_locator(
    paper: Paper, issue_alone: str = "no. {n}", count: str = "{n} pp.", volume: str = "vol. {n}"
) -> str:
    """:func:`generator.locators.locator` for the venue's line, a right-to-left series in
    ``<bdi>``: a number after right-to-left text is part of it to the bidirectional
    algorithm, and `(סדרה 12)` showed as `(12 סדרה)`, its volume before the series.
    The locator's span reads left to right on every page: only such a series is isolated."""
    text = locator(paper, issue_alone, count, volume, in_book(paper), in_journal(paper))
    if not paper.series or _RIGHT_TO_LEFT.search(paper.series) is None:
        return text  # most papers: the plain text, escaped by the template
    series, html = str(escape(series_name(paper) or "")), str(escape(text))
    start = html.find(series) if series else -1
    if start < 0:
        return text
    end = start + len(series)
    return Markup(f"{html[:start]}<bdi>{series}</bdi>{html[end:]}")


def first_strong(text: str) -> str | None:
    """``rtl`` or ``ltr``: the direction of the first letter that has one; None if none does.

    What ``dir="auto"`` finds (HTML's rule, the Unicode bidirectional algorithm's P2).
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


_DIR = {"rtl": Markup(' dir="rtl"'), "ltr": Markup(' dir="ltr"')}


def text_dir(text: str, page: str = "ltr", language: str | None = None) -> Markup:
    """`` dir="rtl"`` or `` dir="ltr"`` for text written against the ``page``'s direction.

    A text whose ``language`` is declared (a page's ``language:``) goes that language's way
    (an Arabic page whose text opens with `LaTeX` is still right to left); else:

    What ``dir="auto"`` would find, said only where it matters: an Arabic or Hebrew
    abstract in a left-to-right page would end its sentences at the wrong side (the full
    stop shown on the right, before the first word) and align to the left; an English
    one in a right-to-left page, the other way round. Nothing when the text's first
    letter goes the page's way, or none has a direction (``2024``, ``$x$``).
    """
    found = languages.direction(language) if language else first_strong(text)
    return _DIR[found] if found is not None and found != page else Markup("")


def lang_attribute(language: str | None, site_language: str, name: str = "lang") -> Markup:
    """`` lang="zh-Hans"`` on an element that holds text in ``language`` where it is not the
    site's, so that it is read aloud in its voice and drawn in its script's glyphs; else
    nothing. ``name`` is the attribute (``xml:lang`` in feeds)."""
    own = own_language(language, site_language)
    return Markup(f' {name}="{escape(own)}"') if own else Markup("")


def _escaped(text: str) -> str:
    """``text`` escaped for HTML, as the same string object when it needs no escaping."""
    if type(text) is str and _escape_text is not None:  # (markup is kept as it is)
        escaped = _escape_text(text)  # markupsafe's own, without a Markup made and dropped
    else:
        escaped = str(escape(text))
    return text if escaped == text else escaped


# Between a page's own title and the site's name after it in a <title>: ` · ` (the
# theme's), and those other themes write (`Paper | Site`, `Paper – Site`, `Paper - Site`)
_TITLE_SEPARATORS = (" · ", " | ", " – ", " — ", " - ", " :: ", " » ")


def without_site_name(title: str, site_title: str) -> Markup:
    """A page's ``<title>`` (escaped markup) without the site's name it ends with
    (``FedCCA · Kaile Wang`` -> ``FedCCA``): og:title, which a link preview shows beside
    og:site_name. A title that is the site's name alone, or starts with it (a profile's
    ``Kaile Wang · AI`` on Kaile Wang's site: the name is the page's subject), is kept."""
    whole = str(title).strip()
    name = str(escape(site_title)).strip()
    if name and whole != name:
        for separator in _TITLE_SEPARATORS:
            if whole.endswith(separator + name) and len(whole) > len(separator + name):
                return Markup(whole[: -len(separator + name)].rstrip())
    return Markup(whole)


def meta_tags(pairs: Iterable[tuple[str, str]]) -> Markup:
    """``<meta name=… content=…>`` lines, one per (name, content) pair."""
    return Markup(
        "".join(
            f'<meta name="{_escape(name)}" content="{_escape(value)}">\n' for name, value in pairs
        )
    )


def badge_link(paper: Paper) -> str | None:
    """Where a card's ``Code`` badge points: the code, else the project or data page."""
    for key in ("code", "project", "data"):
        if key in paper.links:
            return paper.links[key]
    return None


class PaperFacts:
    """What the templates show of one paper, worked out once per build.

    A paper is shown on its page, on each of its authors' profiles and CVs and in feeds;
    these strings would otherwise be recomputed, by slower template code, on every page.
    """

    __slots__ = (
        "abstract_dir",
        "byline_dir",
        "byline_rtl",
        "category_short",
        "cites",
        "code",
        "data",
        "day",
        "edition",
        "first_published",
        "iso",
        "kind",
        "lang",
        "language",
        "long",
        "paper",
        "state",
        "tags",
        "thesis",
        "title_dir",
        "title_text",
        "translated_dir",
        "translators",
        "type_name",
        "xml_lang",
    )

    def __init__(
        self,
        paper: Paper,
        site_language: str,
        page: str = "ltr",
        words: i18n.Catalogue | None = None,
        paper_language: str | None = None,
    ) -> None:
        self.iso = paper.date.iso()  # as written: ``2024``, ``2024-05`` or ``2024-05-27``
        self.day = paper.date.as_date().isoformat()  # the earliest day it can mean (feeds)
        self.category_short = short_category(paper.category) if paper.category else None
        self.code = badge_link(paper)  # where the card's ``Code`` badge points, or None
        # ``12 citations`` in the site's language (a card and a CV entry show it)
        cited = paper.citations
        words = words or i18n.resolve("en")
        self.cites = words.plural("n_citations", cited) if cited else None
        # The page's "Type": `mastersthesis` in the site's language, another as written
        self.type_name = words.type_name(paper.type) if paper.type else None
        # A thesis's kind, which a CV entry names before its university: "Universität
        # Bonn, 1985." read as a book of the university's
        kind = record_type(paper.type)
        self.thesis = self.type_name if kind in THESES else None
        # A book's edition as a reference prints it (`2nd ed.`; `Revised` as written), and
        # how many of its names are its translators' (`Ada Lovelace (trans.)`): a CV entry
        # names them after the title, as a citation style does (`Trans. Ada Lovelace`).
        # A translation of translators alone is cited by them, in the authors' place, as
        # biblatex's `usetranslator` prints it: 0 then.
        self.edition = words.edition(paper.edition) if paper.edition else None
        # A reprint's first publication, or None where it says the date again (`date:
        # 2020-01-01`, `first_published: 2020`): the card read "Jan 1, 2020 · First
        # published 2020-01-01", the CV the date twice
        first = paper.first_published
        self.first_published = None if first is None or first.agrees(paper.date) else first
        self.state = paper_state(paper.note)
        self.kind = working_paper_series(paper)
        translators = sum(
            1
            for name in paper.authors
            if name.endswith(names.MARK_ENDS) and names.role_of(name)[0] == "translator"
        )
        self.translators = translators if translators < len(paper.authors) else 0
        # As the card's data-tags: `|` between them, and in one as `%7C` (`%` as `%25`), so
        # that a tag `A|B testing` is one tag to the finder, not `A` and `B testing`
        self.tags = "|".join(t.replace("%", "%25").replace("|", "%7C") for t in paper.tags)
        self.paper = paper
        self.title_text = title_text(paper.title)  # as the heading reads, without markup
        self.long = len(paper.abstract) > 400  # a card folds a long abstract
        # ` dir="rtl"` for a right-to-left title on a left-to-right page, and the other way
        self.title_dir = text_dir(paper.title, page)
        self.abstract_dir = text_dir(paper.abstract, page)
        translated = shown_translation(paper)
        self.translated_dir = text_dir(translated, page) if translated else Markup("")
        # On a right-to-left site the names go the title's way: an English paper's byline
        # reads left to right like its title, an Arabic one's right to left, with the names
        # written the other way isolated. A left-to-right site's bylines stay left to right.
        self.byline_rtl = page == "rtl" and first_strong(paper.title) != "ltr"
        self.byline_dir = _DIR["ltr"] if page == "rtl" and not self.byline_rtl else Markup("")
        # The paper's language: its own, else site.yaml's `paper_language` (a German
        # group's English papers), else None, the pages' own
        self.language = paper.language or paper_language
        # ` lang="zh-Hans"` on the elements that hold the paper's own text, where it is
        # not the site's language: read aloud in its voice, drawn in its script's glyphs
        self.lang = lang_attribute(self.language, site_language)
        self.xml_lang = lang_attribute(self.language, site_language, "xml:lang")  # feeds
        # The card's data-* attributes that the paper finder (site.js) sorts and filters by
        # (the date and whole numbers need no escaping)
        data = [f' data-date="{self.iso}" data-year="{paper.date.year}"']
        if paper.category:
            data.append(f' data-category="{escape(paper.category)}"')
        if paper.tags:
            data.append(f' data-tags="{escape(self.tags)}"')
        if self.code:
            data.append(' data-code="1"')
        if paper.citations is not None:
            data.append(f' data-citations="{paper.citations}"')
        if paper.score is not None:
            data.append(f' data-score="{escape(paper.score)}"')
        self.data = Markup("".join(data))

    # The HTML of the title and abstract is looked up when used, not kept: kept, it would
    # be a second copy of every abstract in memory.
    @property
    def title_html(self) -> Markup:
        """The title as inline HTML."""
        return Markup(render_inline(self.paper.title))

    @property
    def translated_title_html(self) -> Markup | None:
        """The title in the pages' language (see Paper.translated_title) as inline HTML;
        None without one, or with one that reads as the title (shown twice)."""
        translated = shown_translation(self.paper)
        return Markup(render_inline(translated)) if translated else None

    @property
    def abstract_html(self) -> Markup | None:
        """The abstract as HTML, or None when the paper has none."""
        return Markup(rooted(render_markdown(self.paper.abstract))) if self.paper.abstract else None


# Where a paper not out yet stands, as its note says it first (`Forthcoming`, `In press`,
# `Revise and resubmit at AER`, `Under review at Nature`), as an import writes a
# biblatex `pubstate` or a venue that was only the state: a card and a CV entry showed
# the venue and year alone, a forthcoming paper as published.
# (Where the journal is named, its words run to the line's end, and any line after is
# blanks and stops alone: `.*` beside `[\s.]*` shared a line of dots every way, and a
# note of 20,000 of them and a second line took seconds a page.)
_STATE = re.compile(
    rf"{STATE_WORDS}(?:[\s,:]+(?:at|in|to|with|by|for)\b.*(?:\n[\s.]*)?|[\s.]*)", re.IGNORECASE
)


def paper_state(note: str | None) -> str | None:
    """The part of a paper's ``note`` that says where it stands (its parts are parted by
    `;`: `IZA Discussion Paper; Revise and resubmit at AER`), or None."""
    for part in (note or "").split(";"):
        if _STATE.fullmatch(part.strip()):
            return part.strip().rstrip(".")
    return None


def working_paper_series(paper: Paper) -> str | None:
    """The series a report's note names first (`NBER Working Paper`), or None; for a
    `type: working paper` (`Discussion Paper`) with none, its type as written."""
    first = (paper.note or "").split(";")[0].strip()
    kind = record_type(paper.type)
    # (as its note names it first, an import's of BibTeX's `type = {Working Paper}`: how
    # an economist cites one, "IZA Discussion Paper no. 15432"; a note of one line)
    named = "\n" not in first and WORKING_PAPER.search(first)
    if kind in ("report", "working paper") and len(first) <= 60 and named:
        return first.rstrip(".")
    return working_paper_type(paper) if kind == "working paper" else None


def shown_translation(paper: Paper) -> str | None:
    """The paper's `translated_title` where it says something the title does not: not
    one that reads as the title (see seo.reads_as: a record that copied it)."""
    translated = paper.translated_title
    if not translated or reads_as(paper.title, translated):
        return None
    return translated


@dataclass(frozen=True)
class FinderOptions:
    """The choices a profile's paper finder offers, each list sorted as it is shown."""

    years: list[int]  # newest first
    categories: list[str]  # A-Z, ignoring case
    tags: list[str]  # A-Z, ignoring case
    # Whether a paper has a citation count, a score, a `Code` badge: a sort or filter by
    # what none has did nothing, and a site with no counts offered "Most cited"
    citations: bool = True
    scores: bool = True
    code: bool = True


def _unique_sorted(values: Iterable[str]) -> list[str]:
    """Jinja's ``unique|sort``: the first spelling of each value ignoring case, A-Z."""
    first: dict[str, str] = {}
    for value in values:
        first.setdefault(value.lower(), value)
    return sorted(first.values(), key=str.lower)


def finder_options(papers: Sequence[Paper]) -> FinderOptions:
    """The years, categories and tags of ``papers`` for the finder's menus, and which of
    its sorts and its *Has code* box they give anything to."""
    return FinderOptions(
        years=sorted({paper.date.year for paper in papers}, reverse=True),
        categories=_unique_sorted(paper.category for paper in papers if paper.category),
        tags=_unique_sorted(tag for paper in papers for tag in paper.tags),
        citations=any(paper.citations is not None for paper in papers),
        scores=any(paper.score is not None for paper in papers),
        code=any(badge_link(paper) for paper in papers),
    )


def by_year(papers: Iterable[Paper]) -> list[tuple[int, list[Paper]]]:
    """``papers`` grouped by year, newest year first, each year's papers newest first."""
    groups: dict[int, list[Paper]] = {}
    for paper in papers:
        groups.setdefault(paper.date.year, []).append(paper)
    return [
        (year, sorted(groups[year], key=lambda paper: paper.date.sort_key(), reverse=True))
        for year in sorted(groups, reverse=True)
    ]


class _FactsTable:
    """``facts(paper)`` for the templates, each paper's computed once per environment."""

    def __init__(
        self,
        language: str,
        words: i18n.Catalogue | None = None,
        paper_language: str | None = None,
    ) -> None:
        self.language = language  # the site's: a paper's own language is marked where it differs
        self.paper_language = paper_language  # a paper's where its record says none
        self.words = words  # the theme's words, in the site's language
        self.direction = languages.direction(language)  # the pages': text against it is marked
        # id -> (paper, facts): the paper is kept so that its id is not reused meanwhile
        self.table: dict[int, tuple[Paper, PaperFacts]] = {}

    def __call__(self, paper: Paper) -> PaperFacts:
        found = self.table.get(id(paper))
        if found is None or found[0] is not paper:
            found = self.table[id(paper)] = (
                paper,
                PaperFacts(paper, self.language, self.direction, self.words, self.paper_language),
            )
        return found[1]


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds; a file that cannot be used is a miss.

    Compiling the theme costs ~0.08 s in every build process; loading it ~0.003 s. Jinja
    checks each template's source checksum; the folder is keyed by our code and Jinja's version.
    ``salt`` is what else the compiled code holds (the theme's words, folded in as text, and
    the constants filters made for the site's language): it joins the checksum, so that a
    site that changes its language never renders with the words of the one before.
    """

    def __init__(self, directory: str, salt: str = "") -> None:
        super().__init__(directory)
        self.salt = salt

    def get_source_checksum(self, source: str) -> str:
        return super().get_source_checksum(self.salt + "\0" + source)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        # A cache that cannot be written only makes the next build compile again.
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


_new_str = str.__new__
# markupsafe's own escaping of text (C when compiled), behind its public escape(); where a
# version no longer has it, escape() itself is used.
_escape_text: Any = getattr(markupsafe, "_escape_inner", None)


def _escape(value: Any, /) -> Markup:
    """``markupsafe.escape``, giving the same result in about half the time.

    It runs for every ``{{ value }}`` of every page (a hundred times on a paper's page):
    text becomes Markup without a second call through ``Markup.__new__``, and Markup is
    already safe as it is.
    """
    kind = type(value)
    if kind is str and _escape_text is not None:
        return _new_str(Markup, _escape_text(value))
    if kind is Markup:
        return value  # type: ignore[no-any-return]
    return escape(value)


class _Template(jinja2.Template):
    """A template whose output goes through :func:`_escape`."""

    @classmethod
    def _from_namespace(
        cls,
        environment: jinja2.Environment,
        namespace: Any,
        globals: Any,
    ) -> jinja2.Template:
        namespace["escape"] = _escape  # the compiled code's name for markupsafe.escape
        return super()._from_namespace(environment, namespace, globals)

    def _get_default_module(self, ctx: jinja2.runtime.Context | None = None) -> Any:
        """Jinja's, its check of the importing page's globals made at C speed.

        ``{% from "_macros.html" import … %}`` asks on every page whether the page has
        globals the macros' module lacks (then a module is made for it alone). Jinja's
        set difference with a ChainMap's keys tested each name through Python code:
        ~20 µs a page, for a difference that is empty unless a page is given globals.
        """
        maps = getattr(self.globals, "maps", None)
        if ctx is not None and maps is not None and not ctx.globals_keys.difference(*maps):
            ctx = None  # no global of the page's that the module lacks: the module as cached
        return super()._get_default_module(ctx)


def mailto(email: str) -> str | None:
    """``mailto:`` and the address, or None when ``email`` is none (written to foil
    harvesters: a link to it would open an e-mail to nobody)."""
    return f"mailto:{email}" if EMAIL.fullmatch(email) else None


def upper_first(text: str) -> str:
    """``text`` with its first letter in capitals and the rest as written.

    Not Jinja's ``capitalize``, which lowers the rest: ``Google Scholar`` would read
    ``google scholar``, and a German noun would lose its capital.
    """
    return text[:1].upper() + text[1:]


def theme_words(english_stands_in: bool, language: str) -> Any:
    """The ``theme_words`` filter: ``{{ words.owner_papers|theme_words(name=owner.name) }}``.

    The theme's words with their placeholders filled (as ``fill`` does); where English
    stands in for a language the theme does not speak, in ``<span lang="en">``, each
    filled-in value in a span of the site's own language (a name is not English).
    """
    if not english_stands_in:
        return lambda text, **values: i18n.fill(text, **values) if values else text
    own = f'<span lang="{escape(language)}">'

    def marked(text: str, **values: object) -> Markup:
        inner = {key: Markup(f"{own}{escape(value)}</span>") for key, value in values.items()}
        return Markup(f'<span lang="en">{i18n.fill(text, **inner)}</span>')

    return marked


def _refuse_unescaped(after: Sequence[jinja2.lexer.Token], stream: Any) -> None:
    """Refuse ``{% autoescape false %}`` (or any value but ``true``) in a template.

    Records' text (titles, abstracts, an imported feed's) would then be live HTML in
    every page the template makes. A template's own trusted markup needs no such block.
    """
    kinds = [t.type for t in after[:2]]
    if kinds == ["name", "block_end"] and after[0].value in ("true", "True"):
        return
    raise jinja2.TemplateSyntaxError(
        "{% autoescape %} may only be true: turned off, records' text (titles, abstracts, "
        "imported feeds) would be live HTML; remove the block (markup the template writes "
        "itself is never escaped)",
        after[0].lineno if after else 0,
        stream.name,
        stream.filename,
    )


def _refuse_unquoted_file(after: Sequence[jinja2.lexer.Token], stream: Any) -> None:
    """Refuse ``{% include footer.html %}``, a file named without quotes as Jekyll's
    Liquid names it: Jinja reads it as the field ``html`` of a variable ``footer``, and
    said "'footer' is undefined; did you mean 'root'?" of every page."""
    kinds = [t.type for t in after]
    if (
        kinds == ["name", "name", "dot", "name", "block_end"]
        and after[0].value in ("include", "extends", "import", "from")
        and after[3].value in ("html", "htm", "xml", "txt")
    ):
        tag, file = after[0].value, f"{after[1].value}.{after[3].value}"
        raise jinja2.TemplateSyntaxError(
            f"`{{% {tag} {file} %}}` names the file without quotes, as Jekyll does; Jinja "
            f'writes `{{% {tag} "{file}" %}}`',
            after[0].lineno,
            stream.name,
            stream.filename,
        )


# Template text that ends inside a tag's attribute value written in double quotes or none
# (`<div data-x="`, `<div data-x=`), where `{{ …|tojson }}` would go
_IN_ATTRIBUTE = re.compile(r"""<[A-Za-z][\w-]*(?:\s[^<>]*?)?\s[^\s"'<>/=]+\s*=\s*(?:"[^"]*)?$""")


def _refuse_json_in_attribute(written: str, line: int, stream: Any) -> None:
    """Refuse ``data-x="{{ paper.title|tojson }}"``: `tojson` is markup that escapes
    `<`, `>`, `&` and `'` but not the `"` of JSON's strings, which ends an attribute in
    double quotes; a title `x onmouseover=alert(1)` made a live event handler. Written in
    single quotes the attribute is safe, as Jinja's documentation says."""
    if _IN_ATTRIBUTE.search(written) is None:
        return
    raise jinja2.TemplateSyntaxError(
        "`|tojson` in an attribute written in double quotes (or none): its JSON's `\"` "
        "ends the attribute, and a record's text after it would be HTML of the page's "
        "(an `onmouseover=`); write the attribute in single quotes: data-x='{{ …|tojson }}'",
        line,
        stream.name,
        stream.filename,
    )


# Template text that ends where what is written is code, which HTML escaping does not
# make safe: inside a `<script>` that runs (not JSON-LD or another data type), or inside an
# event handler's attribute (`onclick="…`), whose `&#39;` the browser reads as `'`
# before it runs the handler.
_SCRIPT_OPEN = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script", re.IGNORECASE)
# A `<script …>` (group 1) and what it holds up to its `</script`, or an HTML comment
# outside one, in the order they come
_SCRIPT_OR_COMMENT = re.compile(
    r"<script\b([^>]*)>(?:[^<]|<(?!/script))*|<!--(?:[^-]|-(?!->))*(?:-->|$)", re.IGNORECASE
)
# (`data-type=` is no type: `<script data-type="x">` runs; nor are `text/javascript1.5`,
# `application/x-javascript` or `text/jscript` data: browsers run each of them)
_DATA_SCRIPT = re.compile(
    r"""(?<![\w-])type\s*=\s*["']?(?!(?:text|application)/(?:x-)?(?:java|ecma|j|live)script"""
    r"""(?:1\.[0-5])?(?![\w.])|module\b)[^\s"'>]""",
    re.IGNORECASE,
)
_IN_HANDLER = re.compile(
    r"""<[A-Za-z][\w-]*(?:\s[^<>]*?)?\son[a-z]+\s*=\s*(?:"[^"]*|'[^']*|[^\s"'<>=`]*)$""",
    re.IGNORECASE,
)


_IN_SRCDOC = re.compile(
    r"""<[A-Za-z][\w-]*(?:\s[^<>]*?)?\ssrcdoc\s*=\s*(?:"[^"]*|'[^']*|[^\s"'<>=`]*)$""",
    re.IGNORECASE,
)


# The end of `_IN_HANDLER` and `_IN_SRCDOC` (`\s(?:on[a-z]+|srcdoc)\s*=\s*` and the
# value so far), written backwards, to match at the start of the text reversed
_NAMED_VALUE_REVERSED = re.compile(
    r"""(?:[^"]*"|[^']*'|[^\s"'<>=`]*)\s*=\s*(?:[a-z]+no|codcrs)\s""", re.IGNORECASE
)


def _as_json(tokens: list[jinja2.lexer.Token], begin: int) -> bool:
    """Whether the `{{ … }}` opened at ``tokens[begin]`` is a JSON value, safe in a script:
    its last filter, applied to the whole expression, is `tojson` (or the theme's
    `script_json`), `|safe` aside. `{{ x|tojson ~ paper.title }}` and `{{ x|tojson if c
    else paper.title }}` put text beside the JSON, as written."""
    # Read on from ``begin`` in place: a copy of the tokens from there, for each of a
    # template's 40,000 `{{ … }}`, took 26 s of a 1 MB template's compile (quadratic)
    depth = 0  # within brackets: a filter's arguments, a call's, a list's
    chain: list[str] = []  # the filters of the operand that ends the expression so far
    at = begin + 1
    while at < len(tokens):
        kind = tokens[at].type
        if kind == "variable_end" and depth == 0:
            break
        if kind in ("lparen", "lbracket", "lbrace"):
            depth += 1
        elif kind in ("rparen", "rbracket", "rbrace"):
            depth = max(depth - 1, 0)
        elif depth == 0:
            if kind == "pipe" and at + 1 < len(tokens) and tokens[at + 1].type == "name":
                chain.append(tokens[at + 1].value)
                at += 2
                continue
            chain = []  # an operator, a name: the expression goes on past the filters
        at += 1
    while chain and chain[-1] == "safe":
        chain.pop()
    return bool(chain) and chain[-1] in ("tojson", "script_json")


def _in_code(written: str) -> str | None:
    """Where ``written`` (a template's text so far) ends in code: "a `<script>`", "an
    event handler's attribute", or None."""
    # A `<script>` in an HTML comment (`<!-- no <script> here -->`) opens none: every
    # `{{ … }}` after it was refused. One inside a script's own text is not a comment.
    start = -1
    for found in _SCRIPT_OR_COMMENT.finditer(written):
        start = found.start() if found.group(1) is not None else start
    opened = _SCRIPT_OPEN.match(written, start) if start >= 0 else None
    if opened and not _SCRIPT_CLOSE.search(written, opened.end()):  # within it
        return None if _DATA_SCRIPT.search(opened.group(1)) else "a `<script>`"
    # Both end in `on…=` or `srcdoc=` and the value so far: read from the end, a template
    # without one is let through at once (each search of the text before each `{{ … }}`
    # cost ~100 µs: 8 s of a template of 40,000 values)
    if not _NAMED_VALUE_REVERSED.match(written[::-1]):
        return None
    if _IN_HANDLER.search(written):
        return "an event handler's attribute (`on…=`)"
    if _IN_SRCDOC.search(written):
        return "an `<iframe srcdoc=…>`, whose text is the frame's HTML,"
    return None


def _refuse_text_in_code(written: str, line: int, stream: Any) -> None:
    """Refuse ``<script>var t = "{{ paper.title }}"</script>`` and ``onclick="f('{{ … }}')"``:
    a record's text, HTML-escaped, is still code there (`${…}` in a template literal, a `'`
    the browser decodes in a handler), so that a title ran as the page's script."""
    where = _in_code(written)
    if where is None:
        return
    raise jinja2.TemplateSyntaxError(
        f"`{{{{ … }}}}` in {where} is code there, where HTML escaping does not keep a "
        "record's text from running (a title `${alert(1)}` or `');alert(1);//`); write "
        "`{{ …|tojson }}`, which makes it a JavaScript string, or put the value in a "
        "`data-x='{{ …|tojson }}'` attribute and read it from the script",
        line,
        stream.name,
        stream.filename,
    )


class _ThemeWords(jinja2.ext.Extension):
    """Writes the theme's words into a template when it is compiled, as text.

    ``words.cite`` becomes the string it is (the site's words are fixed for a build),
    and ``{{ words_lang }}`` and ``{{ script_words }}`` their markup: ~60 lookups a paper's
    page would otherwise make cost nothing, and ``{{ words.cite }}`` is template text.
    Counted phrases (``words.n_papers(4)``), other lookups and any key the words lack are
    left to be looked up as they are rendered. ``words`` is the theme's name for them: a
    template that names its own variable so is on its own. It also refuses
    ``{% autoescape false %}`` (:func:`_refuse_unescaped`), as every template passes here.
    """

    def filter_stream(self, stream: jinja2.lexer.TokenStream) -> Iterable[jinja2.lexer.Token]:
        words = self.environment.globals["words"]
        assert isinstance(words, i18n.Words)  # make_environment's
        marks = {
            name: str(self.environment.globals[name]) for name in ("words_lang", "script_words")
        }
        Token = jinja2.lexer.Token
        tokens = list(stream)
        index = 0
        written = ""  # the template's text before this token (an expression as `x`)
        while index < len(tokens):
            token = tokens[index]
            ahead = tokens[index + 1 : index + 4]
            kinds = [t.type for t in ahead]
            if token.type in ("data", "variable_begin"):
                written = (written + (token.value if token.type == "data" else "x"))[-4000:]
            if token.type == "pipe" and kinds[:1] == ["name"] and ahead[0].value == "tojson":
                _refuse_json_in_attribute(written, ahead[0].lineno, stream)
            if token.type == "variable_begin" and not _as_json(tokens, index):
                _refuse_text_in_code(written, token.lineno, stream)
            if (
                token.type == "block_begin"
                and kinds[:1] == ["name"]
                and ahead[0].value == "autoescape"
            ):
                _refuse_unescaped(ahead[1:], stream)
            if token.type == "block_begin":
                _refuse_unquoted_file(tokens[index + 1 : index + 6], stream)
            if (
                token.type == "variable_begin"
                and kinds[:2] == ["name", "variable_end"]
                and ahead[0].value in marks
            ):
                yield Token(token.lineno, "data", marks[ahead[0].value])
                index += 3
                continue
            if (
                token.type == "pipe"
                and kinds[:1] == ["name"]
                and ahead[0].value == "theme_words"
                and not self.environment.globals["words_lang"]
            ):
                # The theme speaks the site's language: nothing to mark; filled, or as it is
                if kinds[1:2] == ["lparen"]:
                    yield token
                    yield Token(ahead[0].lineno, "name", "fill")
                index += 2
                continue
            if (
                token.type == "name"
                and token.value == "words"
                and (index == 0 or tokens[index - 1].type != "dot")  # not `x.words.cite`
                and kinds[:2] == ["dot", "name"]
                and isinstance(words.__dict__.get(ahead[1].value), str)
            ):
                yield Token(token.lineno, "string", words[ahead[1].value])
                index += 3
                continue
            yield token
            index += 1


def make_environment(
    search_path: Sequence[Path],
    bytecode: Path | None = None,
    language: str = "en",
    labels: Labels = (),
    fallback: Path | None = None,
    paper_language: str | None = None,
) -> jinja2.Environment:
    """Templates from ``search_path`` in order (site overrides first), escaped, strict.

    ``fallback``: the bundled default theme's templates, whose page.html is
    ``authorsite/page.html`` (routes.FALLBACK_PAGE) for a theme that has none.

    ``bytecode`` is a folder where compiled templates are kept for later builds;
    ``language`` is the site's, against which papers' own languages are marked, and whose
    direction the text written the other way is marked against; the theme's words are
    in it where a catalogue speaks it, with the site's own ``labels`` over them.
    ``paper_language`` is site.yaml's: a paper's language where its record says none.
    """
    catalogue = i18n.resolve(language, labels)
    page = languages.direction(language)
    rtl = page == "rtl"
    env = jinja2.Environment(
        loader=_Templates([str(p) for p in search_path], fallback),
        bytecode_cache=None
        if bytecode is None
        else _BytecodeCache(str(bytecode), f"{language}\0{labels!r}"),
        extensions=[_ThemeWords],
        # An environment lives for one build: templates need not be checked for edits
        # (a stat per template per page).
        auto_reload=False,
        # HTML and XML escaped; a plain-text file (robots.txt) holds its values as they are:
        # `&amp;` in its Sitemap line would name another address
        autoescape=_autoescaped,
        undefined=template_problems.HintedUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.template_class = _Template
    env.filters.update(
        # `{{ paper.title|safe }}` in a template of the site's own: a record's text is not
        # the template's to trust (it may come from an imported feed), so it goes through
        # the abstracts' sanitiser; markup the helpers made is kept as it is.
        safe=lambda value: value if isinstance(value, Markup) else Markup(sanitise(str(value))),
        markdown=lambda text: Markup(rooted(render_markdown(text))),
        page_text=lambda text: Markup(rooted(render_page_text(text))),  # content/pages/
        # `{{ author.bio|markdown|headings_below(1) }}`: its headings under the page's h1
        headings_below=lambda html, level: Markup(headings_below(str(escape(html)), level)),
        from_root=from_root,  # a record's link or photo: `{{ url|from_root(root) }}`
        inline=lambda text: Markup(render_inline(text)),
        plain=plain_text,
        title_text=title_text,
        # og:title's default: `{{ page_title|without_site_name(site.title) }}`
        without_site_name=without_site_name,
        short_category=short_category,
        # A score and a fraction as the site's language writes them: `56,5`, `47 %` (de)
        number=catalogue.number,
        percent=catalogue.percent,
        # JSON for <script type="application/ld+json">, escaped so it cannot end the element.
        script_json=lambda data: Markup(script_json(data)),
        bar_svg=lambda chart: Markup(bar_svg(chart)),
        # `{{ words.owner_papers|fill(name=owner.name) }}`: the theme's words with their
        # `{placeholders}` filled, every part escaped unless it is markup the template made
        fill=i18n.fill,
        upper_first=upper_first,
        # Words of the theme's inside text in the site's language: in `<span lang="en">`
        # where English stands in for a language the theme does not speak, else as they are
        theme_words=theme_words(catalogue.english_stands_in, language),
        doi_url=doi_url,
        # `email`'s link, or None for an address written so that robots miss it
        # (`ada [at] example [dot] org`), which the page shows as text instead.
        mailto=mailto,
        # A name, tag or heading of a record's, in `<bdi>` where it is written against the
        # page's direction: kept in its place in a list, its end punctuation at its end.
        bdi=lambda text: Markup(_isolated(text, _escaped(text), rtl)),
        # `<div class="bio"{{ author.bio|text_dir }}>`: its direction where not the page's;
        # `{{ page.body|text_dir(page.language) }}`: a declared language's direction
        text_dir=lambda text, declared=None: text_dir(text, page, declared),
        # `<h1{{ page.language|lang }}>`: ` lang="ar"` where a page's language is not the site's
        lang=lambda declared: lang_attribute(declared, language),
        # `{% block og_locale %}{{ page.language|og_locale }}{% endblock %}`: the Open
        # Graph locale of a page or paper in its own language (`de_DE`), else the site's
        og_locale=lambda declared: languages.text_og_locale(declared, language) or "",
        # `{{ ("doi:" ~ paper.doi)|ltr_span }}`: text that reads left to right whatever the
        # page's direction, in a `<span dir="ltr">` on a right-to-left page, else as it is
        ltr_span=lambda text: Markup(
            f'<span dir="ltr">{escape(text)}</span>' if rtl else escape(text)
        ),
    )
    # The page's list separator and role marks, where they are not English's
    comma = catalogue.text("list_comma")
    marks = (catalogue.text("editor_mark"), catalogue.text("translator_mark"))
    bylines: Callable[..., Markup] = author_names
    if (comma, marks) != (", ", ENGLISH_MARKS):
        bylines = functools.partial(author_names, comma=comma, marks=marks)
    env.globals.update(
        # The date in the site's language (English's is the plain function: no extra call)
        format_date=format_date
        if catalogue.code in (None, "en")
        else functools.partial(format_date, language=catalogue.code),
        # `{{ full_date(paper.date) }}`: the date with its year, in words where the language
        # reads it so (`2024年3月`), else as written (`2024-03`)
        full_date=functools.partial(full_date, language=catalogue.code or "en"),
        # The theme's words (`{{ words.cite }}`, `{{ words.n_papers(4) }}`), resolved once
        words=catalogue.words,
        # ` lang="en"` for the elements that hold the theme's words where they stand in,
        # in English, for a language the theme does not speak; else nothing
        words_lang=Markup(' lang="en"') if catalogue.english_stands_in else Markup(""),
        # ` data-words="…"` on site.js's element: the words the script shows, where not English
        script_words=catalogue.script_words,
        byline=byline,
        badge_link=badge_link,
        is_own=is_own,
        author_names=bylines,
        member_path=member_path,
        facts=_FactsTable(language, catalogue, paper_language),
        # `12(3), 45–67`: the paper's volume, issue and pages, for its venue's line
        locator=venue_locator,
        venue_spaced=venue_spaced,
        finder_options=finder_options,
        by_year=by_year,
        meta_tags=meta_tags,
        long_author_list=LONG_AUTHOR_LIST,
        # `<a href=…{{ ltr }}>{{ paper.doi }}</a>`: identifiers, addresses and code read left
        # to right in a right-to-left page too (`10.1007/978-3_1` would come out scrambled);
        # on a left-to-right page it is nothing, and changes no byte
        ltr=_DIR["ltr"] if rtl else Markup(""),
    )
    return env


# `{% extends "theme/paper.html" %}`: the theme's own template of that name, under the
# site's override of it, so that an override can change one block and keep the rest
# `{% extends "paper.html" %}` (quoted either way, `{%-` too): the name a template extends
_EXTENDS = re.compile(r"""\{%-?\s*extends\s+(["'])(.*?)\1\s*-?%\}""")


# The templates rendered to a plain-text file: the only ones not escaped
_PLAIN_TEXT = frozenset(("robots.txt",))


def _autoescaped(name: str | None) -> bool:
    """Whether the template ``name`` is compiled with autoescaping: all but the plain-text
    pages (robots.txt, the theme's too). Jinja decides it by the template's name, not by
    the page it is rendered into, so a `_note.txt` partial that an HTML page includes
    escaped nothing either, and a record's title in it was live HTML in the page."""
    if name is None:
        return True
    for prefix in (THEME_PREFIX, FALLBACK_PREFIX):
        name = name.removeprefix(prefix)
    return name not in _PLAIN_TEXT


# The default theme's templates that stand in for a theme made before their pages were:
# page.html (pages of the site's own) and papers.html (papers/, which sends its visitor on).
_FALLBACKS = ("page.html", "papers.html")


class _Templates(jinja2.FileSystemLoader):
    """The template folders; a template that is not UTF-8 is a mistake at its line.

    Jinja reads it as text and let the UnicodeDecodeError through, a traceback that named
    no file; as a syntax error it is reported as any other mistake in a template.
    ``theme/<name>`` is the last folder's (the theme's) ``<name>``; ``authorsite/page.html``
    is ``fallback``'s page.html (and so for each of _FALLBACKS).
    """

    def __init__(self, searchpath: list[str], fallback: Path | None = None) -> None:
        super().__init__(searchpath)
        self.fallback = fallback

    def list_templates(self) -> list[str]:
        names = super().list_templates()
        fallback = self.fallback
        if fallback is not None:
            names += (FALLBACK_PREFIX + n for n in _FALLBACKS if (fallback / n).is_file())
        return names

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        for prefix, folder in (
            (THEME_PREFIX, self.searchpath[-1]),
            (FALLBACK_PREFIX, None if self.fallback is None else str(self.fallback)),
        ):
            if not template.startswith(prefix) or folder is None:
                continue
            try:
                return _Templates([folder]).get_source(environment, template[len(prefix) :])
            except jinja2.TemplateNotFound:
                raise jinja2.TemplateNotFound(template) from None
        found = self._read(environment, template)
        _refuse_extending_itself(template, found[0], found[1])
        return found

    def _read(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            source, filename, uptodate = super().get_source(environment, template)
            # A byte order mark (Notepad's "UTF-8 with BOM") marks the file's encoding and
            # is no text of it: a partial's was published inside every page's body.
            return source.removeprefix("\ufeff"), filename, uptodate
        except UnicodeDecodeError:
            pieces = jinja2.loaders.split_template_path(template)
            found = (os.path.join(folder, *pieces) for folder in self.searchpath)
            filename = next(path for path in found if os.path.isfile(path))
            with open(filename, "rb") as file:
                raw = file.read()
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                line, at = raw.count(b"\n", 0, exc.start) + 1, exc.start
                message = f"is not valid UTF-8 (byte 0x{raw[at]:02x} at offset {at})"
                raise jinja2.TemplateSyntaxError(
                    f"{message}; save the file as UTF-8", line, template, filename
                ) from None
            raise  # pragma: no cover - changed between the two reads


def _refuse_extending_itself(template: str, source: str, filename: str) -> None:
    """A template that extends its own name (a copy in ``templates/`` that meant the
    theme's) extends itself without end: Jinja's RecursionError named no cause."""
    for match in _EXTENDS.finditer(source):
        if match.group(2) == template:
            line = source.count("\n", 0, match.start()) + 1
            raise jinja2.TemplateSyntaxError(
                f"{template} extends itself; to build on the theme's {template}, write "
                f'{{% extends "{THEME_PREFIX}{template}" %}}',
                line,
                template,
                filename,
            )


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    """One page's bytes: its body, or its first template that exists, rendered."""
    if page.body is not None:
        return page.body.encode("utf-8")
    context = page.full_context()
    if not page.templates:
        return str(context["body"]).encode("utf-8")
    profile = context.get("profile")
    if isinstance(profile, Profile):  # a profile or CV: every paper's card, fetched at once
        # The theme's CV shows no abstract (a CV of the site's own that does looks each up)
        if page.templates[-1] != "cv.html":
            memo.prefetch("md", (p.abstract for p in profile.papers if p.abstract))
        memo.prefetch("inline", (p.title for p in profile.papers))
        memo.prefetch("title", (p.title for p in profile.papers))  # each card's plain title
    try:
        template = env.select_template(template_problems.existing_templates(env, page.templates))
    except jinja2.TemplateSyntaxError as exc:
        raise ContentError([template_problems.syntax_problem(env, exc)]) from None
    except jinja2.TemplateNotFound as exc:
        raise ContentError(
            [Problem("templates/", 0, f"no template for {page.output}: tried {exc.message}")]
        ) from None
    unfilled: dict[tuple[str, str], None] = {}  # each fill() that left a `{name}`, once
    reporting = i18n.UNFILLED.set(
        lambda message: unfilled.setdefault((template_problems.calling_template(), message))
    )
    try:
        with page_root(str(context.get("root", "./"))):  # Markdown's relative links: rooted
            body = _rendered(template, context)
    except Exception as exc:
        problem = template_problems.rendering_problem(env, exc, page.output, context)
        if problem is None:  # no template's mistake: our own bug, shown as what it is
            raise
        raise ContentError([problem]) from None
    finally:
        i18n.UNFILLED.reset(reporting)
    if unfilled:
        raise ContentError(
            [
                Problem(where, 0, f"{message} (rendering {page.output})")
                for where, message in unfilled
            ]
        )
    return body


# Pieces of a page joined and encoded at a time (see _rendered).
PIECES = 4096


def _rendered(template: jinja2.Template, context: Mapping[str, Any]) -> bytes:
    """``template.render(context).encode("utf-8")``, without the whole page as text.

    Jinja joins every piece of a page into one string, which a single en dash makes two
    bytes a character: the largest profile of a 10,000-paper site (4.4 MB of HTML, 1,811
    cards) was 9 MB of text beside its pieces and its bytes, in a render worker at the
    top of its memory. Joined and encoded a few thousand pieces at a time, the page is
    never held as text whole; the bytes are the same.
    """
    pieces = template.generate(context)  # Jinja's own errors handling, as render's
    batch = list(itertools.islice(pieces, PIECES))
    if len(batch) < PIECES:  # most pages: one batch
        return "".join(batch).encode("utf-8")
    encoded: list[bytes] = []
    while batch:
        encoded.append("".join(batch).encode("utf-8"))
        batch = list(itertools.islice(pieces, PIECES))
    return b"".join(encoded)


def with_other_templates(
    env: jinja2.Environment, pages: Sequence[Page], failed: ContentError
) -> ContentError:
    """``failed`` with the mistakes of the other templates ``pages`` are made from, found
    by rendering one page of each: a build stopped at the first broken template said
    nothing of a second one, which only the next run did."""
    seen = {(problem.path, problem.line) for problem in failed.problems}
    first: dict[str, Page] = {}  # the template each kind of page is made from -> a page
    for page in pages:
        if page.body is None and page.templates:
            first.setdefault(template_problems.existing_templates(env, page.templates)[0], page)
    more: list[Problem] = []
    for page in first.values():
        try:
            render_page(env, page)
        except ContentError as exc:  # a place already named is not named again
            more += [p for p in exc.problems if (p.path, p.line) not in seen]
            seen.update((p.path, p.line) for p in exc.problems)
        except Exception:  # an error of ours: the first problem still stands
            continue
    return ContentError([*failed.problems, *more]) if more else failed
