"""An imported bio's, page's and paper's links to the old site's own pages, as this site's
addresses.

An old site's text links its own pages: ``[my teaching](/teaching/)``, ``{{ site.baseurl
}}/group/``, ``../teaching/``, Hugo's ``{{< relref "teaching" >}}``. Once the import knows
the slug each old page gets, such a link leads to this site's page, written from the
site's root as a record's link is (``teaching/``: see ``markup.from_root``): an imported
page (not a draft) → ``<slug>/``; the home, about and publications pages → the root
(``./``); the CV → ``cv/`` (on a site with a main author); a paper's page
(``/publication/x``) → ``papers/<slug>/``, when the import brings that paper and it is no
draft. An anchor stays where the page has that heading (``teaching/#past-courses``; on
the page itself ``#past-courses``); else the link leads to the page, or, to the page it
is on, is unlinked. Every other link (the old site's files, a page left out) keeps its
words alone, and a note names it, as :func:`profiles.clean_bio` says. A paper's text (an
academicpages page's body, a Hugo page's abstract) is read from its page's old address.

The old site's own address (:func:`old_address`: Jekyll's ``url`` and ``baseurl``, Hugo's
``baseURL``) makes its path a prefix passed over (``/site/teaching/``), and a link to it in
full (``https://ada.github.io/site/teaching/``) a link to its own page as well.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from generator.errors import ContentError, Problems
from generator.ingest.merge import Action
from generator.ingest.old_pages import (
    BUILT_CV,
    BUILT_HOME,
    PagePlan,
    hugo_configs,
    unlinked_note,
)
from generator.ingest.profiles import (
    ImportedProfile,
    has_own_link,
    relink,
    relink_bio,
    yaml_file,
)
from generator.ingest.scaffold import main_author
from generator.ingest.sources import read_text
from generator.ingest.work import Work
from generator.markup import render_page_text
from generator.parse import Text, load_record, parse_page
from generator.urls import with_scheme

# A host that stands for the old site's, to read a relative address against a page's.
_OLD = "http://old.invalid"
_INDEX = {"index.html", "index.htm", "index.md", "_index.md", "index"}
_ID = re.compile(r'<h[2-6] id="([^"]*)"')
_ENTRY = re.compile(r"entry '(.+)'")  # a BibTeX entry's Work.label


@dataclass(frozen=True)
class _Target:
    """A page of this site an old address leads to."""

    address: str  # from the site's root: `teaching/`, `./`
    ids: frozenset[str] = frozenset()  # its headings' ids, which an anchor may name


# The templates' own addresses, which a site that never changed its `url` still names: not
# its host (a link to academicpages' demo is no page of the old site)
_TEMPLATE_HOSTS = {"academicpages.github.io", "alshedivat.github.io", "example.com"}


@dataclass(frozen=True)
class OldSite:
    """Where the old site was published: ``https://ada.github.io/site/`` (its host may be
    unknown: ``/site``; or nothing at all)."""

    address: str = ""

    @functools.cached_property
    def _parts(self) -> tuple[str, str]:
        try:
            split = urlsplit(with_scheme(self.address.strip()))
            host = (split.hostname or "") if split.scheme in ("http", "https") else ""
        except ValueError:  # (`https://[x`: no host to read)
            return "", ""
        path = split.path.strip("/")
        host = host.removeprefix("www.")
        return ("" if host in _TEMPLATE_HOSTS else host), f"/{path}" if path else ""

    @property
    def base(self) -> str:
        """The path it was published under (``/site``), else empty."""
        return self._parts[1]

    def local(self, path: str) -> str:
        """An address's path on the old site without the path it was published under."""
        base = self.base
        if base and (path == base or path.startswith(base + "/")):
            return path[len(base) :]
        return path

    def own(self, url: str) -> bool:
        """Whether ``url`` is a full http(s) address of the old site (its host, ``www.`` or
        not, and under its path: another project's site on ``ada.github.io`` is not it)."""
        host = self._parts[0]
        if not host or not re.match(r"https?://", url, re.I):
            return False
        try:
            split = urlsplit(url)
            there = (split.hostname or "").removeprefix("www.")
        except ValueError:
            return False
        return there == host and (not self.base or self.local(split.path) != split.path)


UNKNOWN = OldSite()  # an import from a file, or a site that does not say


def address_key(path: str) -> str:
    """An old site's address as one key for its page: ``/Teaching/``, ``/teaching``,
    ``/teaching.html`` and ``/teaching/index.html`` are ``teaching``; the home is ``""``."""
    parts = [p for p in unquote(path).lower().split("/") if p and p != "."]
    if parts and parts[-1] in _INDEX:
        parts.pop()
    if parts:
        parts[-1] = re.sub(r"\.(?:html?|md|markdown)$", "", parts[-1])
    return "/".join(parts)


def _ids(text: str) -> frozenset[str]:
    return frozenset(html.unescape(i) for i in _ID.findall(render_page_text(text)))


def _page_target(site: Path, plan: PagePlan) -> _Target | None:
    """The page a plan leads to: the imported one, or the site's own it keeps; none when
    that one is not built (a draft, or a page the build refuses)."""
    if plan.status == "new":
        return None if plan.page.draft else _Target(f"{plan.page.slug}/", _ids(plan.page.text))
    rel = plan.path.relative_to(site).as_posix()
    own = parse_page(Text(rel, read_text(str(plan.path))), Problems())
    if own is None or own.draft:
        return None
    return _Target(f"{own.slug}/", _ids(own.body))


def _paper_keys(imported_from: str) -> list[str]:
    """The old addresses of the page a paper was imported from (``Work.imported_from``):
    academicpages' ``_publications/x.md`` at ``/publication/x`` (its generator's
    permalink) or ``/publications/x/`` (the collection's), and by its file (``{% link
    _publications/x.md %}``); Hugo's ``publication/x``."""
    _, _, page = imported_from.partition(" ")
    if page.startswith("_publications/"):
        stem = address_key(page.removeprefix("_publications/"))
        return [f"publication/{stem}", f"publications/{stem}", address_key(page)]
    return [address_key(page)]


def _paper_at(imported_from: str | None) -> str:
    """The old address of the page a paper was imported from, which its text's relative
    links lead from: academicpages' generator writes ``permalink: /publication/x`` (a
    file, ``x.html``), Hugo's page is a folder (``/publication/x/``); else the root."""
    if not imported_from:
        return "/"
    folder = not imported_from.partition(" ")[2].startswith("_publications/")
    return "/" + _paper_keys(imported_from)[0] + ("/" if folder else "")


def _paper_target(action: Action) -> _Target | None:
    """The paper page a record of the import is built to (none for a draft)."""
    text = action.text if action.text is not None else read_text(str(action.path))
    loaded = load_record(Text(action.rel, text), Problems())
    data = loaded.document.data if loaded is not None else {}
    slug = data.get("slug", Path(action.rel).stem)
    if data.get("draft") is True or not isinstance(slug, str):
        return None
    return _Target(f"papers/{slug}/")


class OldLinks:
    """Where the old site's addresses lead on this site, for one import."""

    def __init__(
        self,
        site: Path,
        plans: Sequence[PagePlan],
        papers: Sequence[Action],
        old: OldSite = UNKNOWN,
    ) -> None:
        self.old = old
        self.targets: dict[str, _Target | None] = {}
        for plan in plans:
            target = _page_target(site, plan)
            for address in plan.page.addresses:
                if address_key(address):  # the root is the home page's
                    self.targets.setdefault(address_key(address), target)
        found_in = [(action, _paper_target(action)) for action in papers]
        for action, found in found_in:
            for work in action.works:
                for key in _paper_keys(work.imported_from or "") if work.imported_from else []:
                    self.targets.setdefault(key, found)
        self.home = _Target("./")
        cv = _Target("cv/") if main_author(site) else None
        self.targets.setdefault("", self.home)
        for slug in BUILT_HOME:  # (`{% link _pages/cv.md %}` names a page by its file)
            self.targets.setdefault(slug, self.home)
            self.targets.setdefault(f"_pages/{slug}", self.home)
        for slug in BUILT_CV:
            self.targets.setdefault(slug, cv)
            self.targets.setdefault(f"_pages/{slug}", cv)
        # al-folio lists each paper at its BibTeX key (`/publications/#key`, its bib layout's
        # `<div id="{{ entry.key }}">`), on the home page's selected papers too
        self.entries: dict[str, _Target | None] = {}
        for action, found in found_in:
            for work in action.works:
                entry = _ENTRY.fullmatch(work.label)
                if entry is not None and work.origin.endswith(".bib"):
                    self.entries.setdefault(entry.group(1), found)

    def place(self, url: str, at: str) -> str | None:
        """This site's address for ``url``, written on the old page at address ``at``
        (None: nothing here, the link goes; also where no URL parser reads the two, such
        as a permalink ``//[x`` whose host in brackets is never closed)."""
        try:
            split = urlsplit(urljoin(_OLD + urljoin("/", at), url))
            own = urlsplit(urljoin("/", at)).path
        except ValueError:
            return None
        if split.netloc != urlsplit(_OLD).netloc and not self.old.own(url):
            return None  # (another host's: relink leaves it as written)
        key = address_key(self.old.local(split.path))
        target = self.targets.get(key)
        if target is None:
            return None
        fragment = unquote(split.fragment)
        here = target is self.targets.get(address_key(own))
        if not fragment:
            return target.address
        paper = self.entries.get(fragment) if target is self.home else None
        if paper is not None:
            return paper.address
        if fragment in target.ids:
            return f"#{fragment}" if here else f"{target.address}#{fragment}"
        return None if here else target.address


def relink_import(
    site: Path,
    plans: list[PagePlan],
    papers: Sequence[Action],
    works: Sequence[Work],
    profile: ImportedProfile | None,
    notes: list[str],
    old: OldSite = UNKNOWN,
) -> bool:
    """The imported pages', bio's and papers' links to the old site's own pages as this
    site's addresses, once ``plans`` hold each page's slug and ``papers`` each paper's; a
    note names each text's unlinked. Whether a paper's text (``works``' abstracts)
    changed: its record is then planned again."""
    texts = [work for work in works if has_own_link(work.abstract, old.own)]
    pages = any(plan.page.links for plan in plans)
    if not texts and not pages and not (profile and profile.bio_links):
        return False  # (a BibTeX file's import: its records are not read again)
    links = OldLinks(site, plans, papers, old)
    for plan in plans:
        page = plan.page
        if not page.links:
            continue
        at = page.addresses[0] if page.addresses else "/"
        dropped = list(page.unlinked)
        page.text = relink(page.links, functools.partial(links.place, at=at), dropped, old.own)
        if dropped:
            notes.append(unlinked_note(str(page.origin), "the page's", dropped))
    if profile is not None:
        relink_bio(profile, lambda url: links.place(url, "/"), old.own)
    for work in texts:  # an academicpages page's body, a Hugo page's abstract
        dropped = []
        at = _paper_at(work.imported_from)
        place = functools.partial(links.place, at=at)
        work.abstract = relink(work.abstract, place, dropped, old.own)
        if dropped:
            whose = f"{work.label}: the text's"
            notes.append(unlinked_note(work.origin, whose, dropped, work.line))
    return bool(texts)


def old_address(kind: str, folder: str) -> OldSite:
    """Where the old site was published: Jekyll's ``_config.yml`` ``url`` and ``baseurl``
    (``url`` alone may be empty: then the path), Hugo's ``baseURL`` (``baseurl``: Hugo
    reads its keys in any case) in its root config (``hugo``, else ``config``, ``.toml``,
    ``.yaml`` or ``.json``), else ``config/production/``'s, else ``config/_default/``'s."""
    root = Path(folder)
    if not root.is_dir():
        return UNKNOWN
    try:
        if kind == "hugo":
            folders = (".", "config/production", "config/_default")
            for _, data in hugo_configs(root, folders, ("hugo", "config")):
                found = [v for k, v in data.items() if str(k).lower() == "baseurl"]
                if found and isinstance(found[0], str) and found[0].strip():
                    return OldSite(found[0].strip())
            return UNKNOWN
        config = yaml_file(root / "_config.yml", root)
    except ContentError:  # said with the profile's notes
        return UNKNOWN
    url, base = (config.get(key) for key in ("url", "baseurl"))
    url = url.strip().rstrip("/") if isinstance(url, str) else ""
    base = base.strip().strip("/") if isinstance(base, str) else ""
    return OldSite(f"{url}/{base}" if url else f"/{base}")
