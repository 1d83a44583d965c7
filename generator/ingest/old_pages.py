"""The old site's own pages (Teaching, Contact, Group), as pages of ``content/pages/``.

Read from academicpages' and al-folio's ``_pages/`` and Hugo Blox's ``content/``; a page
this site builds itself (the home page, publications, CV), a list the old site generated
(a Liquid ``{% for %}`` over a collection, a Hugo section of pages) and a page with next to
no text once its template code is gone are left out, each with a note. The text is
cleaned as the bio is (:func:`profiles.clean_bio`); its headings stay as written (the build
makes them the page's outline under its title), and its links to the old site's pages are
this site's once the pages have their slugs (:mod:`old_links`, from :func:`plan_pages`).
Written with the papers, in one step; a page the site already has is never written over.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from generator.errors import ContentError, Problems
from generator.ingest import hugo
from generator.ingest.frontmatter import toml_mapping
from generator.ingest.profiles import (
    clean_bio,
    mapping_of,
    plain_value,
    read_page,
    relink,
    sample,
    unlinked,
    yaml_file,
    yaml_list_or_mapping,
)
from generator.ingest.records import dump_field
from generator.ingest.scaffold import PAGES_DIR
from generator.ingest.sources import line_of, read_text
from generator.ingest.work import slugify
from generator.parse import Text, claims, parse_page
from generator.schema import BUILT_FOLDERS

# A page's text with fewer words than this, once its Liquid, shortcodes and HTML are gone,
# was layout (a dropdown's, a gallery's, a widget's): there is nothing to bring across.
MIN_WORDS = 5

# The old site's home page and publications list, which this site's home page is, and its
# CV, by their slug (file name or address); a link to them leads there (see old_links).
_HOME = ("about", "home", "index")
_PUBLICATIONS = ("publications", "publication", "papers", "pubs", "bibliography")
BUILT_HOME = (*_HOME, *_PUBLICATIONS)
BUILT_CV = ("cv", "resume", "vita")
# Pages by their slug (file name or address) that this site makes itself, or cannot show.
_BUILT_HERE = {
    **dict.fromkeys(_HOME, "the home page: its text is the profile's bio"),
    **dict.fromkeys(_PUBLICATIONS, "the publications: this site lists the papers itself (papers/)"),
    **dict.fromkeys(BUILT_CV, "the CV: this site builds one (cv/)"),
    **dict.fromkeys(("404", "not-found"), "the error page: this site builds its own (404.html)"),
    **dict.fromkeys(
        (
            "archive",
            "year-archive",
            "category-archive",
            "tag-archive",
            "collection-archive",
            "page-archive",
            "sitemap",
            "tags",
            "categories",
            "search",
        ),
        "an index the old site generated",
    ),
    **dict.fromkeys(
        ("blog", "news", "posts", "post", "allnews"),
        "a list of blog posts or news, which this site does not have",
    ),
    # Hugo Blox's talks (`content/event/`), named in a note of their own (ingest/talks)
    **dict.fromkeys(
        ("event", "events"), "a list of talks or events, which this site does not have"
    ),
    **dict.fromkeys(
        ("repositories", "projects", "project", "portfolio", "gallery", "talkmap", "slides"),
        "a gallery the old site made from its projects or repositories",
    ),
    "authors": "the old site's author list",
}
# Layouts that make the page from data, not from its text (al-folio's).
_DATA_LAYOUTS = {
    "cv": "the CV: this site builds one (cv/)",
    "bib": "the publications: this site lists the papers itself (papers/)",
    "about": "the home page: its text is the profile's bio",
    "profiles": "its people are in the front matter's `profiles:`, which the layout shows",
    "archive-year": "an index the old site generated",
}
# A Liquid loop over a collection or data file: the page is a list the old site generated.
_LOOP = re.compile(r"\{%-?\s*for\s+\w+\s+in\s+(?:site\.(?:data\.)?|paginator\.)([\w.]*)")
# The text the templates ship their example pages with.
_SAMPLE_PAGE = re.compile(
    r"this page is assumed to be a static description of your courses"
    r"|Replace this text with your"
    r"|This is a page not in th\s?e\s?main menu"
    r"|Locations of key files/directories"
    r"|See a map of all the places I've given a talk"  # academicpages' talks page
    r"|was a German-born theoretical physicist"  # al-folio's people page's example
    # Academic's example teaching widget; Hugo Blox's landing pages' markdown blocks
    r"|This is an example of using the \*?custom\*? widget"
    r"|Use this area to speak to your mission",
    re.IGNORECASE,
)


@dataclass
class OldPage:
    """One page of the old site, as a page of content/pages/ would hold it."""

    origin: Path
    slug: str
    title: str
    text: str
    nav: bool | float | None = None
    description: str = ""
    draft: bool = False
    # Its text with the links to the old site's own addresses kept (see old_links), what it
    # unlinked whatever this site has (`javascript:`, a picture), and the page's addresses
    # on the old site (the first: where its relative links lead from)
    links: str = ""
    unlinked: list[str] = field(default_factory=list)
    addresses: tuple[str, ...] = ()

    def record(self) -> str:
        """The page as ``content/pages/<slug>.md``."""
        head = dump_field("title", self.title)
        if self.nav is not None:
            head += dump_field("nav", self.nav)
        if self.description:
            head += dump_field("description", self.description)
        if self.draft:
            head += "draft: true\n"
        return f"---\n{head}---\n\n{self.text}\n"


@dataclass
class PagePlan:
    """What an import does with one old page: new, unchanged, or kept (the site's own)."""

    page: OldPage
    path: Path
    status: str
    read_as: tuple[int, int, int] | None = None


def _number(value: Any) -> TypeGuard[float]:
    """Whether a `nav_order` or `weight` is a number (the place in the header)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _words(text: str) -> int:
    return len(re.findall(r"[^\W_]+", re.sub(r"\([^()\s]*\)", "", text)))


def _at(path: Path, line: int) -> str:
    return f"{path}:{line}" if line else str(path)


def _left_out(notes: list[str], path: Path, line: int, why: str) -> None:
    notes.append(f"{_at(path, line)}: not imported as a page: {why}")


def _slug_of(value: str) -> str:
    """A page's address (``/teaching/``, ``/group/people.html``) as a slug."""
    parts = [p for p in re.split(r"[/]+", value.split("#", 1)[0].split("?", 1)[0]) if p]
    if parts and parts[-1] in ("index.html", "index.md"):
        parts.pop()
    if parts:
        parts[-1] = re.sub(r"\.(?:html?|md|markdown)$", "", parts[-1])
    return slugify(" ".join(parts), what="page") if parts else ""


def _read(path: Path, root: Path, notes: list[str]) -> tuple[dict[str, Any], str] | None:
    """A page's front matter and text; one that cannot be read is a note at its line."""
    try:
        return read_page(path, root)
    except ContentError as exc:
        notes.extend(
            f"{_at(Path(p.path), p.line)}: {p.message}; the page was not imported (fix this "
            "and import again)"
            for p in exc.problems
        )
        return None


def _page(
    path: Path,
    slug: str,
    address: str,
    front: dict[str, Any],
    body: str,
    nav: bool | float | None,
    jekyll: bool,
    site: dict[str, Any],
    notes: list[str],
) -> OldPage | None:
    """An old page as ours, or None with a note saying why it is left out."""
    raw = read_text(str(path))  # read before, by read_page
    layout = plain_value(front.get("layout")).lower()
    if slug in _BUILT_HERE:  # at the address that says so, where one does
        line = hugo.key_line(raw, "permalink") if front.get("permalink") else 0
        _left_out(notes, path, line, _BUILT_HERE[slug])
        return None
    if jekyll and layout in _DATA_LAYOUTS:
        _left_out(notes, path, hugo.key_line(raw, "layout"), _DATA_LAYOUTS[layout])
        return None
    if not jekyll and (active := front.get("active")) is not None and not hugo.flag(active):
        _left_out(notes, path, hugo.key_line(raw, "active"), "switched off (`active: false`)")
        return None
    loop = _LOOP.search(body) if jekyll else None
    listed = f"`{loop.group(1).rstrip('.') or 'pages'}`" if loop else ""
    at = line_of(raw, loop.group(0)) if loop else 0
    dropped: list[str] = []
    links = clean_bio(body, jekyll, dropped, site, own=[]).strip()
    text = relink(links, lambda _: None, [])  # until the import knows the site's pages
    example = sample(text) or _SAMPLE_PAGE.search(text) is not None
    if example or _words(text) < MIN_WORDS:
        if loop:
            why = f"a list the old site's Liquid made from its {listed} (this site builds none)"
        elif example:
            why = "the template's example text"
        else:
            kind = "blocks" if front.get("sections") or front.get("widget") else "layout"
            why = (
                f"{_words(text)} words of text once its template code and HTML are taken "
                f"out (a page of {kind}, not text)"
            )
        _left_out(notes, path, at, why)
        return None
    if loop:  # text of the author's own above (or below) a generated list
        notes.append(
            f"{_at(path, at)}: the page's text is imported; the list its Liquid made from "
            f"{listed} is not (this site does not build it: add what you want of it as text)"
        )
    title = plain_value(front.get("title")) or plain_value(front.get("linktitle"))
    description = plain_value(front.get("summary") or front.get("description"))
    if _SAMPLE_PAGE.search(description):  # al-folio's "Materials for courses you taught…"
        description = ""
    draft = hugo.flag(front.get("draft")) or front.get("published") is False
    return OldPage(
        path,
        slug,
        title or slug.replace("-", " ").capitalize(),
        text,
        nav,
        "" if sample(description) else description,
        draft,
        links,
        dropped,
        (address, *_aliases(front)),
    )


def _aliases(front: dict[str, Any]) -> list[str]:
    """A page's other addresses: Jekyll's ``redirect_from``, Hugo's ``aliases`` and ``url``."""
    found: list[str] = []
    for key in ("redirect_from", "aliases", "url"):
        value = front.get(key)
        found += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
    return found


def unlinked_note(origin: str, whose: str, dropped: list[str], line: int = 0) -> str:
    """The note naming a text's unlinked addresses, at the line of the first in the file
    ``origin`` (else at ``line``); ``whose``: ``the page's``."""
    raw = read_text(origin) if Path(origin).is_file() else ""  # (an arXiv answer's URL)
    first = next((n for n in (line_of(raw, u) for u in dropped) if n), line)
    return unlinked(f"{origin}:{first}" if first else origin, whose, dropped)


# --- where each template keeps its pages, and its menu -------------------------------


def _jekyll_menu(root: Path) -> dict[str, int]:
    """academicpages' header: ``_data/navigation.yml`` ``main:``, slug → place (from 1)."""
    data = yaml_file(root / "_data" / "navigation.yml", root)
    items = data.get("main")
    places: dict[str, int] = {}
    for number, item in enumerate(items if isinstance(items, list) else [], start=1):
        url = mapping_of(item).get("url")
        if isinstance(url, str) and not re.match(r"[a-z][\w+.-]*:|//", url, re.I):
            places.setdefault(_slug_of(url), number)
    return places


def _jekyll_pages(root: Path, kind: str, notes: list[str]) -> list[OldPage]:
    folder = root / "_pages"
    if not folder.is_dir():
        return []
    site = yaml_file(root / "_config.yml", root)
    menu = _jekyll_menu(root)
    pages: list[OldPage] = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if (
            not path.is_file()
            or path.suffix.lower() not in (".md", ".markdown", ".html")
            or any(part.startswith((".", "_", "#")) for part in relative)
        ):
            continue
        read = _read(path, root, notes)
        if read is None:
            continue
        front, body = read
        if not front and read_text(str(path)).split("\n", 1)[0].strip() != "---":
            continue  # no front matter: Jekyll copies the file as it is (a part of a page)
        permalink = plain_value(front.get("permalink"))
        slug = _slug_of(permalink) if permalink else ""
        if not slug:
            stem = "-".join((*relative[:-1], path.stem))
            slug = (
                "index" if permalink.strip("/") == "" and permalink else slugify(stem, what="page")
            )
        nav: bool | float | None = None
        if kind == "al-folio" and front.get("nav") is True:
            order = front.get("nav_order")
            nav = order if _number(order) else True
        elif slug in menu:
            nav = menu[slug]
        address = permalink or "/" + "/".join((*relative[:-1], path.stem)) + "/"
        page = _page(path, slug, address, front, body, nav, True, site, notes)
        if page is not None:  # `{% link _pages/x.md %}` names it by its file
            page.addresses += ("/" + path.relative_to(root).as_posix(),)
        if page is not None:
            pages.append(page)
    return pages


def hugo_configs(
    root: Path, folders: tuple[str, ...], names: tuple[str, ...]
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The Hugo config files of ``root`` named ``names`` (`hugo`, `config`, `menus`), in
    ``folders`` (`.`, `config/_default`) and in the order given, each as TOML, YAML or JSON
    (Hugo's order for one name), as a mapping; a broken YAML file raises ContentError."""
    for folder in folders:
        for name in names:
            for suffix in (".toml", ".yaml", ".yml", ".json"):
                path = root / folder / f"{name}{suffix}"
                if path.is_file():
                    yield path, _config(path, root)


def _hugo_menu(root: Path) -> dict[str, bool | float]:
    """Hugo's ``main`` menu in its config files: slug → weight (True: no weight)."""
    entries: list[Any] = []
    names = ("menus", "config", "hugo")
    for path, data in hugo_configs(root, ("config/_default", "."), names):
        menus = data if path.stem == "menus" else mapping_of(data.get("menu"))
        main = menus.get("main")
        entries += main if isinstance(main, list) else []
    places: dict[str, bool | float] = {}
    for entry in map(mapping_of, entries):
        url, weight = entry.get("url"), entry.get("weight")
        if isinstance(url, str) and not re.match(r"[a-z][\w+.-]*:|//", url, re.I):
            place = weight if _number(weight) else True
            places.setdefault(_slug_of(url.replace("#", "/")), place)
    return places


def _config(path: Path, root: Path) -> dict[str, Any]:
    if path.suffix == ".toml":
        return toml_mapping(read_text(str(path)))
    if path.suffix == ".json":  # (JSON indented with tabs is no YAML)
        try:
            return mapping_of(json.loads(read_text(str(path))))
        except (ValueError, RecursionError):  # (`[[[…` nested thousands deep)
            return {}
    found = yaml_list_or_mapping(path, root)
    return found if isinstance(found, dict) else {}


def _hugo_nav(
    front: dict[str, Any], menu: dict[str, bool | float], slug: str
) -> bool | float | None:
    """A page's place in Hugo's ``main`` menu: its own ``menu:``, else the config's."""
    own = front.get("menu")
    if own == "main" or (isinstance(own, list) and "main" in own):
        return True
    main = mapping_of(own).get("main") if isinstance(own, dict) else None
    if isinstance(own, dict) and "main" in own:
        weight = mapping_of(main).get("weight", front.get("weight"))
        return weight if _number(weight) else True
    return menu.get(slug)


def _block_texts(front: dict[str, Any]) -> list[str]:
    """The text of a Hugo Blox landing page's ``markdown`` blocks (``sections:`` …
    ``content: {title, text}``), each under its title; the other blocks show data."""
    sections = front.get("sections")
    texts = []
    for block in map(mapping_of, sections if isinstance(sections, list) else []):
        content = mapping_of(block.get("content"))
        text = content.get("text")
        if block.get("block") in ("markdown", "text") and isinstance(text, str):
            title = plain_value(content.get("title"))
            texts.append(f"## {title}\n\n{text}" if title else text)
    return texts


def _hugo_pages(root: Path, notes: list[str]) -> list[OldPage]:
    content = hugo.content_folder(root, [])
    if not content.is_dir():
        return []
    menu = _hugo_menu(root)
    found: list[tuple[Path, str]] = [
        (p, p.stem) for p in sorted(content.glob("*.md")) if not p.name.startswith(("_", "."))
    ]
    for section in sorted(p for p in content.iterdir() if p.is_dir()):
        if section.name.startswith((".", "_")) or section.name == "authors":
            continue
        if section.name == "home":  # Wowchemy's home page sections (widgets)
            found += [(p, p.stem) for p in sorted(section.glob("*.md")) if p.name != "index.md"]
            continue
        for name in ("_index.md", "index.md"):
            if (section / name).is_file():
                found.append((section / name, section.name))
                break
    pages: list[OldPage] = []
    for path, name in found:
        read = _read(path, root, notes)
        if read is None:
            continue
        front, body = read
        slug = slugify(name, what="page")
        if path.name == "_index.md" and slug not in _BUILT_HERE:
            listed = [p for p in path.parent.iterdir() if p != path and p.suffix in ("", ".md")]
            if listed:
                _left_out(
                    notes,
                    path,
                    0,
                    f"a section, which Hugo lists its pages in (content/{slug}/ holds "
                    f"{len(listed)}); this site does not build it",
                )
                continue
        nav = _hugo_nav(front, menu, slug)
        body = "\n\n".join(p for p in (body, *_block_texts(front)) if p.strip())
        # a widget of the home page is on the home page (`/#name`)
        address = "/" if path.parent.name == "home" else f"/{name}/"
        page = _page(path, slug, address, front, body, nav, False, {}, notes)
        if page is not None:
            pages.append(page)
    return pages


def read_old_pages(kind: str, folder: str, notes: list[str]) -> list[OldPage]:
    """The old site's own pages of text (see the module's note); a page whose front
    matter cannot be read is a note at its line, and the others come."""
    root = Path(folder)
    if not root.is_dir():
        return []
    try:
        return _hugo_pages(root, notes) if kind == "hugo" else _jekyll_pages(root, kind, notes)
    except ContentError as exc:  # a config that names the header's pages
        notes.extend(
            f"{_at(Path(p.path), p.line)}: {p.message}; the old site's pages were not "
            "imported (fix this and import again)"
            for p in exc.problems
        )
        return []


# --- into the site ---------------------------------------------------------------------


def _taken(site: Path) -> dict[str, Path]:
    """The slugs of the site's pages (their ``slug:`` or file name), each's file."""
    folder = site / PAGES_DIR
    taken: dict[str, Path] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        slug = claims(str(path), path.relative_to(site).as_posix()).slug or path.stem
        # a page's slug is in small letters: `README.md` (a note on the folder) takes
        # readme.md's name on a disk that ignores case (macOS, Windows)
        taken.setdefault(slug.lower(), path)
    return taken


def plan_pages(
    site: Path,
    pages: list[OldPage],
    notes: list[str],
    relink: Callable[[list[PagePlan]], None] = lambda _: None,
) -> list[PagePlan]:
    """Where each page goes: a new file, or the site's page of that slug (kept).

    ``relink`` is given the pages that come, each at its slug, before their text is
    compared with the site's: their links to each other are rewritten there (old_links).
    """
    taken = _taken(site)
    plans: list[PagePlan] = []
    seen: dict[str, Path] = {}
    for page in pages:
        if page.slug in BUILT_FOLDERS:
            renamed = f"{page.slug}-page"
            notes.append(
                f"{page.origin}: the page's address {page.slug}/ is a folder of this "
                f"site, which holds {BUILT_FOLDERS[page.slug]}; imported as {renamed}/"
            )
            page.slug = renamed
        if page.slug in seen:
            _left_out(notes, page.origin, 0, f"{seen[page.slug]} has the same address")
            continue
        seen[page.slug] = page.origin
        path = site / PAGES_DIR / f"{page.slug}.md"
        own = taken.get(page.slug) or (path if path.exists() or path.is_symlink() else None)
        if own is not None:
            plans.append(PagePlan(page, own, "kept"))
            continue
        problems = Problems()
        rel = (PAGES_DIR / f"{page.slug}.md").as_posix()
        parse_page(Text(rel, page.record()), problems)
        if problems.items:
            problem = problems.items[0]
            _left_out(notes, page.origin, 0, f"the build would refuse it ({problem.message})")
            continue
        plans.append(PagePlan(page, path, "new"))
    relink(plans)
    for plan in plans:
        if plan.status == "kept":
            text = plan.path.read_text(encoding="utf-8", errors="replace")
            plan.status = "unchanged" if text == plan.page.record() else "kept"
    return plans


def describe_pages(site: Path, plans: list[PagePlan]) -> list[str]:
    """One line a page, as the papers' are."""
    lines = []
    for plan in plans:
        rel = plan.path.relative_to(site).as_posix()
        detail = {
            "new": f"nav {plan.page.nav}" if plan.page.nav not in (None, True) else "",
            "kept": "a page of the site's own: never written over; edit it to bring the "
            "old text across",
            "unchanged": "",
        }[plan.status]
        nav = " (in the header)" if plan.page.nav is True and plan.status == "new" else ""
        more = f" ({detail})" if detail else nav
        lines.append(f"{plan.status:<9} {rel}  <- {plan.page.origin}{more}")
    if plans:
        count = {s: sum(p.status == s for p in plans) for s in ("new", "unchanged", "kept")}
        lines.append(
            f"{len(plans)} page{'' if len(plans) == 1 else 's'}: {count['new']} new, "
            f"{count['unchanged']} unchanged, {count['kept']} kept"
        )
    return lines


def page_files(
    plans: list[PagePlan],
) -> dict[Path, tuple[str | bytes, tuple[int, int, int] | None]]:
    """The new pages, each with what was at its path when read (None: nothing)."""
    return {p.path: (p.page.record(), p.read_as) for p in plans if p.status == "new"}
