"""The site owner's profile in another tool's site folder: academicpages, al-folio, Hugo Blox.

Each reader follows its template's own files and keys (see README, "Importing your
profile") and returns an :class:`ImportedProfile` of plain, cleaned values: one-line
text without markup, a bio as Markdown without Liquid or shortcodes, only http(s) and
mailto links (and, once the import knows the site's pages, links to them: see
:mod:`old_links`), and a photo only as a picture file inside the folder.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import yamlio
from generator.errors import ContentError, Problem, listed
from generator.ingest.academicpages import KRAMDOWN_ATTRIBUTES, liquid_tags, without_liquid
from generator.ingest.frontmatter import read_front_matter, template_addresses, yaml_value_problem
from generator.ingest.hugo import without_shortcodes
from generator.ingest.sources import outside, read_text
from generator.ingest.work import (
    MARKDOWN_LINK,
    attribute_value,
    first_href,
    fold_markdown,
    fold_space,
    html_links,
    html_to_markdown,
)
from generator.urls import bare_host, host_problem, with_slashes
from generator.validate import CONTROL

# A picture larger than this is no profile photo (and would slow every page): left out.
PHOTO_LIMIT = 5 * 1024 * 1024
# Pictures by their first bytes: a file named .png that is HTML (or an SVG, which can hold
# script run at the site's address when opened) is never copied into static/.
_PICTURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".avif": (b"\x00\x00\x00",),
}
# A picture known by its first bytes whatever its name says (a PNG saved as prof_pic.jpg).
_KINDS = (
    (b"\x89PNG\r\n\x1a\n", "PNG", ".png"),
    (b"\xff\xd8\xff", "JPEG", ".jpg"),
    (b"GIF8", "GIF", ".gif"),
)


@dataclass
class ImportedProfile:
    """What another site says about its owner; empty text is "not given"."""

    kind: str  # academicpages, al-folio, Hugo Blox
    root: Path  # the imported folder
    name: str = ""
    field: str = ""  # (a name that hides dataclasses.field here)
    affiliation: str = ""
    position: str = ""
    email: str = ""
    bio: str = ""
    links: dict[str, str] = dataclasses.field(default_factory=dict)
    photo: Path | None = None  # a checked picture file inside ``root``
    # each value's file and key, as the report names it: `_config.yml author.employer`
    origins: dict[str, str] = dataclasses.field(default_factory=dict)
    notes: list[str] = dataclasses.field(default_factory=list)  # what was left out, and why
    # The bio with its links to the old site's own pages kept (see relink_bio), the file it
    # came from, and what it unlinked whatever this site has (`javascript:`, a picture)
    bio_links: str = ""
    bio_file: str = ""
    bio_unlinked: list[str] = dataclasses.field(default_factory=list)
    # Other spellings of the name in the source, each with its file and key, first the
    # best: a new record's file name is made of the first in Latin letters where the name
    # has none (`王凯乐`, whose `name.given`/`family` say Kaile Wang)
    spellings: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    # Those the old site marked as the owner's in author lists (jekyll-scholar's bold
    # names): the record's `aliases`, so that those papers are the owner's here too
    aliases: list[str] = dataclasses.field(default_factory=list)
    # The slug the old site gave the person, for a new record (a Hugo Blox lab member's
    # folder, `ito-sho`: the address authors/ito-sho/ stays), where it is one and free
    slug: str = ""
    # A lab member's heading on the old site's People page (Hugo's `user_groups`) and
    # place in it (`weight`): the record's `group` and `order`
    group: str = ""
    order: float | None = None

    def spelled(self, value: str, origin: Path, where: str, *, alias: bool = False) -> None:
        """Add another spelling of the name (as plain text) from ``origin``'s ``where``;
        ``alias``: one the source names the owner by in author lists."""
        text, shown = one_line(value), self.rel(origin)
        if text and not sample(text):
            self.spellings.append((text, where if shown == "." else f"{shown} {where}"))
            if alias:
                self.aliases.append(text)
                self.origins.setdefault("aliases", f"{shown} {where}")

    def given(self, key: str, value: str, origin: Path, where: str) -> None:
        """Set a one-line field from ``origin``'s key ``where`` (unless already set)."""
        text = one_line(value)
        if text and not getattr(self, key):
            setattr(self, key, text)
            self.origins[key] = f"{self.rel(origin)} {where}"

    def link(self, name: str, url: str, origin: Path, where: str) -> None:
        """Add a link (the first of a name wins; one address is listed once)."""
        if name not in self.links and url not in self.links.values():
            self.links[name] = url
            self.origins[f"links.{name}"] = f"{self.rel(origin)} {where}"

    def rel(self, path: Path) -> str:
        """``path`` as named in messages: from the imported folder."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def empty(self) -> bool:
        """Whether the folder said nothing about its owner."""
        values = (self.name, self.field, self.affiliation, self.position, self.email, self.bio)
        return not any(values) and not self.links and self.photo is None


# --- cleaning untrusted text ---------------------------------------------------------


def one_line(value: Any, marks: bool = True) -> str:
    """A value as one line of text: tags, entities and control characters gone; its
    emphasis as Markdown's (`<b>Join</b> us`, a page's title), or gone without ``marks``
    (a line the profile shows as plain text)."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return ""
    text = str(value)
    if "<" in text or "&" in text:
        # a script's or style's content is no text of the value (`<script>alert(1)</script>`)
        text = _DROPPED.sub("", text)
        text = html_to_markdown(text if marks else _EMPHASIS_TAG.sub("", text), page=True)
    return fold_space(CONTROL.sub(" ", text))


_EMPHASIS_TAG = re.compile(r"</?(?:i|em|b|strong)(?:\s[^<>]*)?>", re.IGNORECASE)


_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_DROPPED = re.compile(r"<(script|style|iframe|object)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S)
# A link's words are read up to 2,000 characters: from each of many `<a href>` left open
# the scan for `</a>` went to the end of the text (time with the square of its length).
# Its tag is read whole, then its address (quoted either way, or unquoted as HTML allows,
# `<a href=/teaching/>`) as a browser reads it (see work.first_href): a pattern that took
# each `href` in turn and looked for the tag's end after it took time with the square of a
# tag's length (a tag of 16,000 `href=x` left open, 112 KB, took three seconds).
_ANCHOR = re.compile(r"<a\s(?=[^<>]*?href\s*=)([^<>]*)>(.{0,2000}?)</a\s*>", re.I | re.S)
_BREAK = re.compile(r"<br\s*/?>", re.I)
# A picture: its `alt` is what a link around it says (a row of logos, each linked to its
# institution, as an academicpages about page ends); the picture itself is left out.
# What an empty link leaves, and a line left with nothing else: gone with its line break (a
# row of logos, one with no `alt`, on its own line: the blank line it left split the row
# into two paragraphs)
_GONE = "\x00"  # (a control character: none is left in a bio, CONTROL below)
_GONE_LINE = re.compile(r"^[ \t]*\x00[ \t\x00]*\n", re.MULTILINE)
_IMAGE = re.compile(r"<img\b([^<>]*)>", re.I)
# A Markdown link whose words are only pictures in HTML (`[<img src=… alt=…>](https://…)`)
_IMAGES_LINKED = re.compile(r"\[((?:\s*<img\b[^<>]*>)+\s*)\]\(", re.I)
_BLOCK_TAG = re.compile(r"</?(?:div|p|section|figure|figcaption|li|ul|ol|h[1-6])\b[^<>]*>", re.I)
_PARAGRAPH = re.compile(r"</?p(?:\s[^<>]*)?>", re.I)
_AUTOLINK = re.compile(r"<([a-zA-Z][\w+.-]*:[^<>\s]*)>")
# What Liquid leaves that is not the page's text: `{{ site.x }}` already went.
_LIQUID_OUTPUT = re.compile(r"\{\{-?[^{}\n]*-?\}\}")
# (its filters, `| upcase`, left aside: the value as written)
_SITE_VALUE = re.compile(r"\{\{-?[ \t]*site\.(\w+)[ \t]*(?:\|[^{}\n]*?)?-?\}\}")
# A line that only sets attributes of the block above: Hugo's Goldmark
# (`{style="text-align: justify;"}`) and kramdown's (`{: .notice}`). Not text.
_ATTRIBUTES = re.compile(
    r"^[ \t]*\{:?[ \t]*(?:[.#][\w-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]+))"
    r"(?:[ \t]+(?:[.#][\w-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]+)))*[ \t]*\}[ \t]*$",
    re.MULTILINE,
)
# A Markdown heading outside a fenced block: where a page's sections begin. ATX
# (`## News`), or setext: a paragraph underlined with `=` or `-` (`News` / `======`), as
# academicpages' own about page writes its sections.
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
# A line that starts a block of its own (a list item, a quote, a table's row, HTML), which
# an underline below it does not make a heading: `- item` over `---` is a list and a rule.
_BLOCK_START = re.compile(r"^ {0,3}(?:[-*+>|<]|\d{1,9}[.)])(?:[ \t]|$)")
_INDENTED = re.compile(r"^(?: {4}|\t)")  # code, where no paragraph is under way
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """Each heading outside a fenced block: its first line, the line after it, its text."""
    found: list[tuple[int, int, str]] = []
    # the first line of the paragraph being read; -1 none, -2 another block
    fenced, paragraph = False, -1
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced, paragraph = not fenced, -1
            continue
        if fenced:
            continue
        atx = _HEADING.match(line)
        if atx is not None:
            found.append((index, index + 1, (atx.group(2) or "").strip()))
            paragraph = -1
        elif paragraph >= 0 and _UNDERLINE.match(line):
            text = " ".join(part.strip() for part in lines[paragraph:index])
            found.append((paragraph, index + 1, text))
            paragraph = -1
        elif not line.strip():
            paragraph = -1
        elif _BLOCK_START.match(line):
            paragraph = -2
        elif paragraph == -1:
            paragraph = -2 if _INDENTED.match(line) else index
    return found


def introduction(text: str) -> tuple[str, list[str]]:
    """A page's text before its first section, and the sections' headings left out.

    A home page often goes on after its introduction with News, Publications, Awards and
    Education: a profile's bio is the introduction. A heading that opens the page
    (``## About Me``) is dropped, and its text is the introduction.
    """
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    headings = _headings(lines)
    if headings and headings[0][0] == start:
        start = headings.pop(0)[1]
    if not headings:
        return "\n".join(lines[start:]), []
    kept = lines[start : headings[0][0]]
    return "\n".join(kept), [text for _, _, text in headings if text]


_BARE_EMAIL = re.compile(r"[^@\s/:?#]+@[^@\s/:?#]+\.[^@\s/:?#]+")


def safe_link(url: str) -> bool:
    """Only http, https and mailto addresses become links of the profile."""
    return re.match(r"(?:https?://[^\s/]|mailto:[^\s])", url.strip(), re.I) is not None and (
        host_problem(url) is None
    )


def clean_bio(
    text: str,
    jekyll: bool,
    dropped: list[str],
    site: dict[str, Any] | None = None,
    own: list[str] | None = None,
) -> str:
    """A page body or bio as our Markdown: no template code, no live HTML, safe links.

    ``dropped`` gets the addresses that were unlinked (their text stays), to be named;
    ``site``: the Jekyll site's ``_config.yml``, whose values ``{{ site.name }}`` shows.
    ``own``: when given, a link to an address of the old site itself (``/teaching/``,
    ``../cv/``, ``#x``, Hugo's ``{{< ref "teaching" >}}``) stays a link as written and its
    address is added there, for :func:`relink` to rewrite or unlink; else it is unlinked.
    """
    text = _ATTRIBUTES.sub("", _COMMENT.sub("", text))
    if jekyll:
        # and kramdown's after a link or a word (`[Yan Yan](…){:style="color: …"}`),
        # which the bio showed as text
        text = KRAMDOWN_ATTRIBUTES.sub("", text)
    text = template_addresses(text, jekyll)
    if jekyll and site:
        text = _SITE_VALUE.sub(lambda m: one_line(site.get(m.group(1))), text)
    text = without_liquid(text, {}) if jekyll else without_shortcodes(text)
    text = _LIQUID_OUTPUT.sub("", text) if jekyll else text
    text = _DROPPED.sub("", text)

    def alt(image: re.Match[str]) -> str:
        """A picture in a link: its words (``alt``), the picture named as left out."""
        source = attribute_value(image.group(1), "src")
        dropped.extend([source] if source else [])
        words = html.escape(attribute_value(image.group(1), "alt") or "", quote=False)
        return re.sub(r"([\[\]])", r"\\\1", words)  # (a link's words hold no bare bracket)

    def anchor(match: re.Match[str]) -> str:
        href = first_href(match.group(1))
        if href is None:  # (`href=` in another attribute's value: no link)
            return match.group(0)
        url, words = href[1], match.group(2)
        if safe_link(url) or _kept_own(url, own):
            # a link around a card of blocks (al-folio sites' `<a href><div><span>Member
            # of <strong>ELLIS</strong></span></div></a>`): its words on one line, or the
            # blocks' breaks left `[`, the words and `](https://…)` as paragraphs of text
            if _BLOCK_TAG.search(words) or "\n\n" in words:
                words = one_line(_BLOCK_TAG.sub(" ", words))
            return f"[{words}]({url})"
        dropped.append(url)
        return words

    text = _ANCHOR.sub(anchor, text)
    # A linked picture's link said nothing once the picture went (`[](https://ec.europa.eu/)`,
    # an empty link on the page): it says the picture's `alt`; a picture elsewhere is named.
    text = _IMAGES_LINKED.sub(lambda m: f"[{_IMAGE.sub(alt, m.group(1)).strip()}](", text)
    text = _IMAGE.sub(lambda m: alt(m)[:0], text)
    text = _PARAGRAPH.sub("\n\n", _BREAK.sub("\n", text))
    text = html_to_markdown(text, page=True)

    def link(match: re.Match[str]) -> str:
        image, words, url = match.group(1), match.group(2), match.group(3)
        if image:  # a picture from another host (or the old site): a request, or broken
            dropped.append(url)
            return words
        if not words.strip():  # (a picture with no `alt`): an empty link, unseen
            dropped.append(url)
            return _GONE
        if safe_link(url) or _kept_own(url, own):
            return match.group(0)
        dropped.append(url)
        return words

    text = MARKDOWN_LINK.sub(link, text)
    text = _GONE_LINE.sub("", text).replace(_GONE, "")
    text = _AUTOLINK.sub(lambda m: m.group(1) if not safe_link(m.group(1)) else m.group(0), text)
    return fold_markdown(CONTROL.sub(" ", text.replace("\r\n", "\n")))


# An address of the old site itself: no scheme, no `//host` (a page, a file, an anchor).
_OWN_ADDRESS = re.compile(r"(?![a-zA-Z][\w+.-]*:|//)[^\s<>\"'()\\]+")


def _kept_own(url: str, own: list[str] | None) -> bool:
    """Whether a link to ``url`` stays for :func:`relink` (an own address, ``own`` given)."""
    if own is None or not _OWN_ADDRESS.fullmatch(url):
        return False
    own.append(url)
    return True


def _no_host(url: str) -> bool:
    return False


def _own(url: str, on_old_host: Callable[[str], bool]) -> bool:
    """Whether ``url`` is an address of the old site: written without a host, or in full
    on the old site's own (``on_old_host``: see :class:`old_links.OldSite`)."""
    return _OWN_ADDRESS.fullmatch(url) is not None or on_old_host(url)


def relink(
    text: str,
    place: Callable[[str], str | None],
    dropped: list[str],
    on_old_host: Callable[[str], bool] = _no_host,
) -> str:
    """``text``'s links to the old site's own addresses (a text cleaned with ``own``, see
    :func:`clean_bio`, or an imported paper's; and a full address on the old site's host)
    each as ``place`` gives it: this site's address, else (None) its words alone, the
    address added to ``dropped``. A Markdown link and an HTML ``<a href>`` (the rest of its
    tag as written, for the build's sanitiser; unlinked, its ``href`` goes). Its other
    links and its pictures stay as written."""

    def link(match: re.Match[str]) -> str:
        words, url = match.group(2), match.group(3)
        if match.group(1) or not _own(url, on_old_host):
            return match.group(0)
        new = place(url)
        if new is None:
            dropped.append(url)
            return words
        return f"[{words}]({new})"

    text = MARKDOWN_LINK.sub(link, text)
    parts, at = [], 0
    for start, end, url in list(html_links(text)):
        if not _own(url, on_old_host):
            continue
        new = place(url)
        if new is None:
            dropped.append(url)
        parts += [text[at:start], "" if new is None else f' href="{html.escape(new)}"']
        at = end
    return "".join(parts) + text[at:]


def has_own_link(text: str, on_old_host: Callable[[str], bool] = _no_host) -> bool:
    """Whether ``text`` links an address of the old site itself, for :func:`relink`."""
    return any(
        not m.group(1) and _own(m.group(3), on_old_host) for m in MARKDOWN_LINK.finditer(text)
    ) or any(_own(url, on_old_host) for _, _, url in html_links(text))


# --- links by address and by name ------------------------------------------------------

# A profile address → our link name, by its host (the icon a site chose may be any).
_HOSTS = (
    (r"scholar\.google\.", "scholar"),
    (r"(?:www\.)?orcid\.org$", "orcid"),
    (r"(?:www\.)?github\.com$", "github"),
    (r"(?:www\.)?gitlab\.com$", "gitlab"),
    (r"(?:www\.|mobile\.)?(?:twitter|x)\.com$", "twitter"),
    (r"(?:[\w-]+\.)?linkedin\.com$", "linkedin"),
    (r"(?:www\.)?researchgate\.net$", "researchgate"),
    (r"dblp\.(?:org|uni-trier\.de)$", "dblp"),
    (r"(?:www\.)?semanticscholar\.org$", "semantic_scholar"),
    (r"openreview\.net$", "openreview"),
    (r"bsky\.app$", "bluesky"),
    (r"(?:www\.)?youtube\.com$", "youtube"),
)
# Names of the sites' own keys and icons for a homepage.
_HOMEPAGE = {"uri", "homepage", "website", "work_url", "globe", "link", "home", "house", "url"}


def link_name(url: str, fallback: str) -> str:
    """Our name for a profile link: by its host, else the source's key or icon."""
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/", 1)[0].split(":", 1)[0]
    for pattern, name in _HOSTS:
        if re.match(pattern, host):
            return name
    base = fallback.rsplit("/", 1)[-1].lower()
    if base in _HOMEPAGE:
        return "homepage"
    return re.sub(r"[^a-z0-9_]+", "_", base).strip("_") or "homepage"


# Values the templates ship with, left in by many sites: not the owner's.
_SAMPLE_VALUES = {
    "your sidebar name", "your name", "you r. name", "short biography for the left-hand sidebar",
    "red brick university", "earth", "none@example.org", "you@example.com",
    "albert einstein",  # al-folio's example owner (`scholar:` names, the about page)
    # al-folio's about page's `subtitle` (`description`, and "Moto", before 2021), as
    # one_line gives it: written with its `<a href='#'>` the value never matched it
    "affiliations. address. contacts. motto. etc.", "affiliations. address. contacts. moto. etc.",
}  # fmt: skip
_SAMPLE_ADDRESS = re.compile(
    # `@example.com` stands for any address there: a mailbox written before the `@`
    # (`[^@/]*@`) was searched for from every character of the text, and a 100 KB page of
    # an old site with no `@` in it took minutes to import
    r"(?:@|https?://(?:[\w-]+\.)*)example\.(?:com|org|net)\b|0000-0002-1825-0097"
    r"|user=(?:PS_CX0AAAAAJ|qc6CJjYAAAAJ|sIwtMXoAAAAJ|example\b)|orcid\.org/yourorcidurl"
    # al-folio's `inspirehep_id: 1010907`, the template's (Einstein's): sites kept it, and
    # their profiles linked his INSPIRE page as theirs
    r"|inspirehep\.net/authors/1010907\b"
    # Hugo Blox's (Wowchemy's, Academic's) example profile: its author's own accounts
    r"|(?:twitter|x)\.com/GeorgeCushen\b|github\.com/gcushen\b"
    # a profile host's home page, with no profile in it (`https://www.linkedin.com/`)
    r"|^https?://(?:www\.)?(?:linkedin|twitter|x|github|gitlab|facebook|instagram)\.com/?$",
    re.IGNORECASE,
)


# Sentences of Hugo Blox's example biography (its `bio:` and the page's text).
_SAMPLE_BIO = re.compile(
    r"is a professor of artificial intelligence at the Stanford AI Lab"
    r"|^My research interests include distributed robotics, mobile computing and\s+programmable"
    r" matter\.$",
    re.IGNORECASE,
)


def sample(value: str) -> bool:
    """Whether a value is a template's placeholder (``Your Sidebar Name``, example.com)."""
    return (
        fold_space(value).casefold() in _SAMPLE_VALUES
        or bool(_SAMPLE_ADDRESS.search(value))
        or bool(_SAMPLE_BIO.search(value))
    )


# --- reading files -------------------------------------------------------------------


def yaml_file(path: Path, root: Path) -> dict[str, Any]:
    """A YAML file of the folder as a mapping; missing is empty; broken is located."""
    return mapping_of(_yaml_file(path, root, False))


def yaml_list_or_mapping(path: Path, root: Path) -> list[Any] | dict[str, Any]:
    """:func:`yaml_file` for a file that may be a list instead (al-folio forks'
    ``_data/socials.yml``: ``- name: LinkedIn`` / ``url: …``)."""
    data = _yaml_file(path, root, True)
    return data if isinstance(data, list) else mapping_of(data)


def _yaml_file(path: Path, root: Path, listed: bool) -> Any:
    if not path.is_file():
        return {}
    problem = outside(path, root)
    if problem:
        raise ContentError([problem])
    text = read_text(str(path))
    try:  # dates as text: a CV's `start: 2015-09-31`, which no field here reads, is no error
        return mapping_of(yamlio.load_mapping(text, what="file").data)
    except yamlio.YamlError as exc:
        a_list = listed and text.lstrip().startswith("-")  # read as a list below
        if not exc.message.startswith("duplicate key") and not a_list:
            raise ContentError([Problem(str(path), exc.line, exc.message)]) from None
    try:  # read as Jekyll and Hugo read it: a key written twice is the last one
        data = yamlio.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        error = yamlio.syntax_error(exc, text, 0)
        raise ContentError([Problem(str(path), error.line, error.message)]) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise ContentError([yaml_value_problem(exc, text, str(path), 0)]) from None
    return data if isinstance(data, (dict, list) if listed else dict) else {}


def read_page(path: Path, root: Path) -> tuple[dict[str, Any], str]:
    """A page's front matter and body; missing is empty."""
    if not path.is_file():
        return {}, ""
    problem = outside(path, root)
    if problem:
        raise ContentError([problem])
    text = read_text(str(path))
    if text.split("\n", 1)[0].strip() not in ("---", "+++"):
        return {}, text  # no front matter: Jekyll copies such a page, its text is the text
    return read_front_matter(text, str(path))


def mapping_of(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def plain_value(value: Any, marks: bool = True) -> str:
    """A scalar as text (``email: ""`` and ``twitter:`` with nothing are no value), its
    emphasis as Markdown's or, without ``marks``, gone (see :func:`one_line`)."""
    text = one_line(value, marks)
    return "" if sample(text) else text


def photo_file(profile: ImportedProfile, path: Path, notes: list[str], where: str) -> None:
    """Take ``path`` as the photo when it is a picture file inside the folder; else say why."""
    shown = profile.rel(path)
    reason, fix = "", "save the picture in static/ and write `photo: static/<its name>`"
    if not path.is_file():
        reason = "no such file in the folder"
    elif outside(path, profile.root):
        reason = "a symbolic link out of the folder"
    elif path.suffix.lower() not in _PICTURES:
        reason = "not a PNG, JPEG, GIF, WebP or AVIF picture"
    elif path.stat().st_size > PHOTO_LIMIT:
        reason = f"larger than {PHOTO_LIMIT // (1024 * 1024)} MB"
    else:
        with path.open("rb") as handle:
            head = handle.read(16)
        if not head.startswith(_PICTURES[path.suffix.lower()]):
            reason = f"not a {path.suffix.lstrip('.').upper()} picture (its bytes say otherwise)"
            kind = next((k for k in _KINDS if head.startswith(k[0])), None)
            if kind is not None:  # it is a picture, under another kind's name: say which
                reason = f"a {kind[1]} picture with a {path.suffix} name"
                fix = f"copy it into static/ as {path.stem}{kind[2]} and write `photo: static/{path.stem}{kind[2]}`"
    if reason:
        notes.append(f"{where}: photo {shown} not imported ({reason}); {fix} in the author record")
        return
    profile.photo = path
    profile.origins["photo"] = f"{shown} ({where.rsplit(' ', 1)[-1]})"


def remote_photo(url: str, notes: list[str], where: str) -> None:
    """A photo at an address: the site loads nothing from other hosts, so it is left out."""
    notes.append(
        f"{where}: photo {url} is on another host, not imported (the site loads nothing "
        "from other hosts); save the picture in static/ and write `photo: static/<its name>`"
    )


def bio_from(
    profile: ImportedProfile,
    text: str,
    origin: Path,
    where: str,
    notes: list[str],
    site: dict[str, Any] | None = None,
) -> None:
    """Take ``text`` as the bio (unless one was taken), cleaned; name unlinked addresses."""
    if profile.bio or not text.strip():
        return
    dropped: list[str] = []
    cleaned = clean_bio(text, profile.kind != "Hugo Blox", dropped, site, own=[])
    linked, sections = introduction(cleaned)
    linked = linked.strip()
    bio = relink(linked, lambda _: None, [])  # until the import knows the site's pages
    if not bio or sample(bio):
        return
    profile.bio, profile.bio_links, profile.bio_file = bio, linked, str(origin)
    profile.bio_unlinked = dropped
    if profile.kind != "Hugo Blox":
        notes.extend(liquid_notes(text, origin, site or {}))
    profile.origins["bio"] = f"{profile.rel(origin)} {where}"
    if sections:
        shown = ", ".join(repr(one_line(h)) for h in sections[:4])
        more = f" and {len(sections) - 4} more" if len(sections) > 4 else ""
        notes.append(
            f"{origin}: the bio is the page's introduction; its sections {shown}{more} are "
            "not imported (a profile shows a short bio: add what you want of them to `bio:`)"
        )


def liquid_notes(text: str, origin: Path, site: dict[str, Any]) -> list[str]:
    """A note for each line of a Jekyll page's introduction (the bio) that holds Liquid
    left out of the bio: its tags (`{% include news.liquid %}`, `{% if site.x %}`), the
    text of the branches and loops they leave out, the values no page of this site has
    (`{{ page.x }}`; `{{ site.title }}` is the site's value, as Jekyll showed it). They
    went without a word, or stayed as text where a tag spanned lines."""
    try:  # the line the text starts on in its file (after the front matter)
        whole = origin.read_text("utf-8", errors="replace").replace("\r\n", "\n")
    except OSError:
        whole = ""
    first = whole.count("\n", 0, whole.find(text)) if text and text in whole else 0
    # what a comment hides is no Liquid of the page's, nor is the text after the bio
    text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    intro, _ = introduction(text)
    end = text.find(intro) + len(intro) if intro and intro in text else len(text)
    tags = liquid_tags(text)
    said: dict[int, list[str]] = {}
    gone = []  # the tags, and the text the tags leave out
    for index, (tag, _) in enumerate(tags):
        after = tags[index + 1] if index + 1 < len(tags) else None
        left = after is not None and after[1] and text[tag.end() : after[0].start()].strip()
        gone.append((tag.start(), after[0].start() if after is not None and left else tag.end()))
        name = _TAG_WORD.match(tag.group())
        if left or (name is not None and name.group(1) not in _SHOWING_NOTHING):
            said.setdefault(tag.start(), []).append(
                f"`{_shortened(tag.group())}`" + (" and the text after it" if left else "")
            )
    for value in _LIQUID_OUTPUT.finditer(text):
        named = _SITE_VALUE.fullmatch(value.group())
        inside = any(start <= value.start() < end for start, end in gone)
        if not inside and (named is None or not one_line(site.get(named.group(1)))):
            said.setdefault(value.start(), []).append(f"`{_shortened(value.group())}`")
    lines: dict[int, list[str]] = {}
    for at in sorted(p for p in said if p < end):
        lines.setdefault(first + text.count("\n", 0, at) + 1, []).extend(said[at])
    return [
        f"{origin}:{line}: Liquid left out of the bio (Jekyll's template code, which this "
        f"site does not run): {listed(parts, 4)}"
        for line, parts in lines.items()
    ]


_TAG_WORD = re.compile(r"\{%-?\s*(\w+)")
# The tags that show nothing on the old site's page themselves (a value set, a condition,
# a comment, a block's end): left out unsaid, unless the text after them is
_SHOWING_NOTHING = frozenset(
    {"if", "elsif", "else", "endif", "unless", "endunless", "case", "when", "endcase", "for",
     "endfor", "tablerow", "endtablerow", "capture", "endcapture", "assign", "comment",
     "endcomment", "raw", "endraw", "break", "continue"}
)  # fmt: skip


def _shortened(tag: str) -> str:
    """A Liquid tag on one line, at most 60 characters (`{% include figure.liquid … %}`)."""
    text = " ".join(tag.split())
    return text if len(text) <= 60 else text[:50].rstrip() + " … " + text[-2:]


def relink_bio(
    profile: ImportedProfile,
    place: Callable[[str], str | None],
    on_old_host: Callable[[str], bool] = _no_host,
) -> None:
    """The bio's links to the old site's own pages as ``place`` gives them (this site's
    address, else unlinked), and the note naming those unlinked."""
    if not profile.bio_links:
        return
    dropped = list(profile.bio_unlinked)
    profile.bio = relink(profile.bio_links, place, dropped, on_old_host)
    if dropped:
        profile.notes.append(unlinked(profile.bio_file, "the bio's", dropped))


def unlinked(where: str, whose: str, dropped: list[str]) -> str:
    """The note naming the addresses :func:`clean_bio` unlinked (the first three, then how
    many more: a text's fourth and later were unlinked without a word)."""
    shown = listed([repr(one_line(url) or url[:40]) for url in dropped], 3)
    return (
        f"{where}: {whose} links or pictures to {shown} are kept as text only (the "
        "site links its own pages and http, https and mailto addresses, not the old "
        "site's files or the pages it leaves out, and loads no pictures from other hosts)"
    )


def take_link(
    profile: ImportedProfile,
    name: str,
    value: str,
    origin: Path,
    where: str,
    notes: list[str],
) -> None:
    """A link given as an address: a safe one is kept; an email address is the email."""
    url = value.strip()
    if not url or sample(url):
        return
    if url.lower().startswith("mailto:") or _BARE_EMAIL.fullmatch(url):
        # (Hugo Blox's example writes its e-mail link as the bare address)
        address = url.split(":", 1)[-1].split("?", 1)[0].strip()
        if address and not profile.email and not sample(address):
            profile.given("email", address, origin, where)
        return
    if safe_link(url):
        profile.link(link_name(url, name), url, origin, where)
        return
    if meant := with_slashes(url):  # `https:github.com/ann`, a typo of the old site's
        why = f"it has no `//` after `{meant.split(':')[0]}:` (write `{meant}`)"
    elif host_problem(url):
        why = "it names no host (a template's placeholder?)"
    elif bare_host(url):  # `github.com/ann`, which the old site linked as a page of its own
        why = (
            "it has no https://, which the old site read as a page of its own (write "
            f"`https://{url}`)"
        )
    elif re.match(r"[/#.\w]", url) and ":" not in url.split("/", 1)[0]:
        why = (
            "a page or file of the old site, gone once this site replaces it (write the "
            "full https:// address, or copy the file into static/ and link static/<its name>)"
        )
    else:
        why = "only http, https and mailto links are allowed"
    notes.append(f"{origin}: {where} {url!r} is not imported: {why}")
