"""Every output file as data: its path, the templates to try, and its context."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter
from typing import Any
from urllib.parse import unquote, urlsplit

from generator import seo
from generator.bibtex import cite_key, cite_keys, to_bibtex
from generator.charts import profile_charts
from generator.i18n import resolve, shown_fraction
from generator.model import Author, Paper, Profile, Site, SiteConfig, SitePage
from generator.names import fold_letters
from generator.reuse import Ledger
from generator.urls import profile_id_shape


@dataclass(frozen=True)
class Page:
    """One output file: rendered from ``templates`` (first found wins) or given as ``body``."""

    output: str  # path inside the output folder, POSIX, e.g. "papers/x/index.html"
    url: str  # site-relative URL, e.g. "papers/x/" ("" is the root)
    templates: tuple[str, ...] = ()
    context: Mapping[str, Any] = field(default_factory=dict)
    body: str | None = None  # for files that need no template (.nojekyll)
    # page | redirect | feed | data; pages go into the sitemap (a redirect is an HTML page
    # that sends its visitor to another)
    kind: str = "page"
    # The costly part of the context (BibTeX, meta tags, JSON-LD), computed from ``context``
    # alone when the page is rendered: a rebuild fingerprints ``context`` and skips pages
    # whose context did not change without ever computing it, and a build computes it on
    # every core, one page at a time, instead of holding it for the whole site.
    derive: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None
    # A page listed before this one whose context holds all of this page's (a paper's page
    # for its cite.bib): this page's fingerprint is made from that page's, not from its
    # own context (20,000 pages fingerprinted in every rebuild of a 10,000-paper site).
    # It may change when this page could not: then this page is only rendered again.
    within: Page | None = None
    # When set, ``context`` holds only what the page is made from, and ``expand`` makes
    # the context the templates see from the page (its path and address) and those: a
    # rebuild fingerprints those few values, and never builds the contexts of the 10,000
    # paper pages it does not render.
    expand: Callable[[Page], Mapping[str, Any]] | None = None

    def full_context(self) -> Mapping[str, Any]:
        """``context`` (expanded) with what ``derive`` computes from it."""
        context = self.context if self.expand is None else self.expand(self)
        if self.derive is None:
            return context
        return {**context, **self.derive(context)}


@dataclass(frozen=True)
class Owner:
    """A paper's site author as its paper page sees them: ``owner.author`` is their record.

    Not the whole Profile: a page that held the profile (all of the author's papers and
    metrics) would have to be rendered again whenever any of those papers changed.
    """

    author: Author


def root_prefix(output: str) -> str:
    """The relative path from ``output``'s folder back to the site root (``./``, ``../../``)."""
    depth = output.count("/")
    return "../" * depth if depth else "./"


def absolute(site: Site, url: str) -> str:
    """``url`` joined to ``base_url`` (absolute only when base_url is)."""
    return site.config.base_url + url


def paper_url(slug: str) -> str:
    """The site-relative URL of a paper's page."""
    return f"papers/{slug}/"


def author_url(slug: str) -> str:
    """The site-relative URL of an author's profile."""
    return f"authors/{slug}/"


def cv_url(slug: str, main: bool) -> str:
    """The site-relative URL of an author's CV (the main author's is ``cv/``)."""
    return "cv/" if main else f"authors/{slug}/cv/"


def _page(
    site: Site,
    output: str,
    url: str,
    templates: tuple[str, ...],
    kind: str = "page",
    canonical: str | None = None,
    derive: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None,
    **context: Any,
) -> Page:
    """A templated page with the context every template may use.

    ``canonical`` names the URL a duplicate page stands for (the main author's profile is
    both the root and ``authors/<slug>/``); it is absolute only with an absolute base_url.
    """
    base = {
        "site": site.config,
        "root": root_prefix(output),
        "page_url": url,
        "canonical": absolute(site, url if canonical is None else canonical),
        "absolute_url": seo.full_url(site, url if canonical is None else canonical),
        "jsonld": None,
        "meta_type": "website",
    }
    return Page(output, url, templates, {**base, **context}, kind=kind, derive=derive)


def shown_novelty(value: float | None) -> float | None:
    """A novelty at the precision a page shows it (whole percent), as a fraction.

    TF-IDF weights shift with every abstract edit and move thousands of scores by ~1e-5;
    passing the shown value keeps those pages' fingerprints, so they are not rendered again.
    Rounded as the profile's tile rounds (:func:`generator.i18n.shown_fraction`, a half
    up): the template prints the same digits.
    """
    return None if value is None else shown_fraction(value)


FEED_ENTRIES = 50


def _newest_first(papers: Iterable[Paper]) -> list[Paper]:
    """The papers that are news, newest first, ties in the order given.

    Drafts (in a --drafts build) are not news: a preview published by mistake must not
    announce them to feed readers.
    """
    published = [paper for paper in papers if not paper.draft]
    return sorted(published, key=lambda paper: paper.date.sort_key(), reverse=True)


class Newest:
    """The site's papers newest first (:func:`_newest_first`), for the feeds: a profile's
    feed picks its latest by their places here instead of a date key made per paper of
    every profile (500 feeds of a 10,000-paper site: ~0.05 s a build)."""

    def __init__(self, papers: Sequence[Paper]) -> None:
        self.order = _newest_first(papers)
        self.place = {id(paper): index for index, paper in enumerate(self.order)}

    def latest(self, papers: Sequence[Paper], count: int) -> tuple[Paper, ...]:
        """The ``count`` newest of ``papers``, as :func:`_newest_first` orders them.

        ``papers`` are some of the site's, in the site's order (a profile's), so that
        their places here break ties as their own order would; a paper that is not the
        site's (or a draft, which has no place) is sorted on its own.
        """
        place = self.place
        try:
            places = sorted(map(place.__getitem__, map(id, papers)))
        except KeyError:
            return tuple(_newest_first(papers)[:count])
        return tuple(map(self.order.__getitem__, places[:count]))


def _feed(
    site: Site, output: str, recent: tuple[Paper, ...], title: str, alternate: str, *, own: bool
) -> Page:
    """An Atom feed of the ``recent`` papers (the FEED_ENTRIES newest, :class:`Newest`);
    ids are URLs with an absolute base_url, else urn:uuid.

    ``own``: the site's `description` describes the feed (the site's, the main author's);
    a co-author's feed has no subtitle, where feed readers showed the site's ("Papers of
    Kaile Wang") under another author's name.

    Only the FEED_ENTRIES most recent papers: a feed is for news, and one with every
    paper of a 10,000-paper site is 24 MB that every edit would rewrite.
    """
    return _page(
        site,
        output,
        output,
        ("feed.xml",),
        kind="feed",
        derive=feed_entries,
        recent=recent,
        feed_title=title,
        feed_subtitle=site.config.description if own else "",
        alternate=absolute(site, alternate),
    )


def _draft_page(page: Page) -> bool:
    """Whether ``page`` is the page of a draft paper or a draft page of the site's own
    (only in a --drafts build)."""
    record = page.context.get("paper") or page.context.get("page")
    return isinstance(record, (Paper, SitePage)) and record.draft


# `authorsite/<name>`: the bundled default theme's template (see render._Templates). Its
# page.html stands in for a theme made before pages of the site's own were: it extends
# the theme's base.html, and so looks like the rest of the site.
FALLBACK_PREFIX = "authorsite/"
FALLBACK_PAGE = FALLBACK_PREFIX + "page.html"


def own_page(site: Site, page: SitePage) -> Page:
    """A page of the site's own (``content/pages/<slug>.md``), at ``<slug>/``."""
    return _page(
        site,
        f"{page.slug}/index.html",
        f"{page.slug}/",
        (f"page-{page.slug}.html", "page.html", FALLBACK_PAGE),
        page=page,
    )


def _canonical(page: Page) -> bool:
    """Whether ``page`` is its own canonical address, not a second one of another page."""
    # The address its <link rel="canonical"> names (None without a full base_url, and in a
    # paper's page's context, which is its own: see expand)
    canonical = page.context.get("absolute_url")
    return canonical is None or canonical == page.context["site"].base_url + page.url


def feed_entries(context: Mapping[str, Any]) -> dict[str, Any]:
    """A feed's ``entries`` (paper, id, address) and its own ``feed_id`` (its ``derive``)."""
    site = Site(context["site"], (), ())  # what seo reads of a site is its config
    entries = [
        (paper, seo.feed_id(site, paper_url(paper.slug)), absolute(site, paper_url(paper.slug)))
        for paper in context["recent"]
    ]
    # Atom's feed-level updated is "the most recent instant in time when [the] feed was
    # modified": never before its newest entry's, which a paper dated ahead of the build has
    updated = max([site.config.build_date, *(paper.date.as_date() for paper in context["recent"])])
    return {
        "entries": entries,
        "feed_id": seo.feed_id(site, context["page_url"]),
        "updated": updated.isoformat(),
    }


# The last BibTeX made, with what it was made from: a paper's page and its cite.bib are
# rendered one after the other and show the same entry (10,000 of them in a cold build).
_last_bibtex: tuple[SiteConfig, Paper, str, str, str] | None = None


def _bibtex(context: Mapping[str, Any]) -> str:
    """A paper's BibTeX under its key, with its page's address when the site's base_url is
    absolute."""
    global _last_bibtex
    config: SiteConfig = context["site"]
    paper: Paper = context["paper"]
    url: str = context["page_url"]
    key: str = context["cite_key"]
    last = _last_bibtex
    if last is not None and last[0] is config and last[1] is paper and last[2:4] == (url, key):
        return last[4]
    absolute_url = config.base_url + url if config.base_url.startswith("http") else None
    text = to_bibtex(paper, absolute_url, key)
    _last_bibtex = (config, paper, url, key, text)
    return text


def paper_extras(context: Mapping[str, Any]) -> dict[str, Any]:
    """A paper page's BibTeX, Highwire meta tags and schema.org JSON-LD (its ``derive``)."""
    config: SiteConfig = context["site"]
    paper: Paper = context["paper"]
    url: str = context["page_url"]
    site = Site(config, (), ())  # what seo reads of a site is its config
    held = not context.get("pdf_unheld", False)
    return {
        "bibtex": _bibtex(context),
        "citation_meta": seo.citation_meta(site, paper, url, pdf_held=held),
        "jsonld": seo.scholarly_article(site, paper, url, context["profiles"]),
    }


def cite_body(context: Mapping[str, Any]) -> dict[str, Any]:
    """The bytes of ``papers/<slug>/cite.bib`` (its ``derive``)."""
    return {"body": _bibtex(context)}


def profile_page(
    site: Site,
    profile: Profile,
    output: str,
    url: str,
    *,
    main: bool,
    canonical: str | None = None,
    members: tuple[Owner, ...] = (),
) -> Page:
    """An author's profile page, with its charts and schema.org ``ProfilePage``."""
    slug = profile.author.slug
    return _page(
        site,
        output,
        url,
        (f"profile-{slug}.html", "profile.html"),
        canonical=canonical,
        derive=profile_extras,
        profile=profile,
        members=members,
        feed_url=f"authors/{slug}/feed.xml",
        cv_url=cv_url(slug, main),
        person_url=url if canonical is None else canonical,
        meta_type="profile",
    )


def profile_extras(context: Mapping[str, Any]) -> dict[str, Any]:
    """A profile's charts and schema.org ``ProfilePage`` JSON-LD (its ``derive``)."""
    profile: Profile = context["profile"]
    citations_known = any(p.citations is not None for p in profile.counted)
    site = Site(context["site"], (), ())  # what seo reads of a site is its config
    return {
        "charts": profile_charts(
            profile.per_year, citations_known, resolve(site.config.language, site.config.labels)
        ),
        "jsonld": seo.profile_page(site, profile, context["person_url"]),
    }


def members_of(site: Site, profile: Profile, owners: Mapping[str, Owner]) -> tuple[Owner, ...]:
    """The site authors a profile's papers list (the profile's own too), by slug: whom its
    bylines link to. A page's context holds them, so that its fingerprint changes when one
    of them is added, removed or renamed, or has an alias more or less; and only then: an
    author with no paper in common leaves the profile as it was."""
    get = site.authors_of.get
    # One union of every paper's authors, in C (500 profiles of a 10,000-paper site:
    # ~0.05 s a build in a loop over their papers)
    slugs: set[str] = set().union(*map(get, map(_slug_of, profile.papers), repeat(())))
    return tuple(owners[slug] for slug in sorted(slugs) if slug in owners)


_slug_of = attrgetter("slug")


def author_pages(
    site: Site,
    profile: Profile,
    *,
    main: bool,
    members: tuple[Owner, ...] = (),
    newest: Newest | None = None,
) -> list[Page]:
    """An author's profile (unless it is the root's), CV and Atom feed; ``members``: the
    site authors its bylines link to (:func:`members_of`); ``newest``: the site's papers
    newest first (made from the profile's own papers when not given)."""
    slug = profile.author.slug
    url = author_url(slug)
    pages = [
        profile_page(
            site,
            profile,
            f"authors/{slug}/index.html",
            url,
            main=main,
            canonical="" if main else None,
            members=members,
        )
    ]
    cv = cv_url(slug, main)
    pages.append(
        _page(
            site,
            cv + "index.html",
            cv,
            (f"cv-{slug}.html", "cv.html"),
            profile=profile,
            members=members,
            profile_url="" if main else url,
            meta_type="profile",
        )
    )
    # The feed's alternate is the profile's canonical address: the root for the main author
    home = "" if main else url
    feed = f"authors/{slug}/feed.xml"
    recent = (newest or Newest(profile.papers)).latest(profile.papers, FEED_ENTRIES)
    pages.append(_feed(site, feed, recent, profile.author.name, home, own=main))
    return pages


def _cite_key_of(site: Site) -> Callable[[Paper], str]:
    """:func:`cite_key` of each of the site's papers, as assembling found it (kept in the
    cache by record, :class:`generator.assemble.Known`: ~0.06 s at 10,000 papers)."""
    if len(site.cite_keys) != len(site.papers):  # a site not assembled (tests)
        return cite_key
    by_paper = dict(zip(map(id, site.papers), site.cite_keys, strict=True))
    return lambda paper: by_paper.get(id(paper)) or cite_key(paper)


def _paper_pages(
    site: Site,
    paper: Paper,
    profiles: tuple[Owner, ...],
    novelty: Any,
    key: str,
    unheld: bool = False,
) -> tuple[Page, Page]:
    """A paper's page and its ``cite.bib``, whose entry's citation key is ``key``;
    ``profiles``: its site authors (:func:`_owners_of`); ``unheld``: its `pdf:` names a
    file of the site that the site lacks (the page names no PDF to Scholar)."""
    url = paper_url(paper.slug)
    context = {
        "site": site.config,
        "paper": paper,
        "profiles": profiles,
        "novelty": novelty,
        "cite_key": key,
    }
    if unheld:  # only then: every other page's context, and fingerprint, stays as it was
        context["pdf_unheld"] = True
    page = Page(
        f"papers/{paper.slug}/index.html",
        url,
        (f"paper-{paper.slug}.html", "paper.html"),
        context,
        derive=paper_extras,
        expand=_paper_context,
    )
    return (
        page,
        Page(
            f"papers/{paper.slug}/cite.bib",
            url + "cite.bib",
            context={"site": site.config, "paper": paper, "page_url": url, "cite_key": key},
            derive=cite_body,
            kind="data",
            within=page,
        ),
    )


def _owners_of(owners: Mapping[str, Owner]) -> Callable[[tuple[str, ...]], tuple[Owner, ...]]:
    """The site authors of a paper by their slugs, one tuple for each list of them: papers
    of the same site authors share it, and a build fingerprints it once, not per paper
    page (see :class:`generator.plan.Fingerprinter`)."""
    made: dict[tuple[str, ...], tuple[Owner, ...]] = {}

    def owners_of(authors: tuple[str, ...]) -> tuple[Owner, ...]:
        found = made.get(authors)
        if found is None:
            found = made[authors] = tuple(map(owners.__getitem__, authors))
        return found

    return owners_of


def _paper_context(page: Page) -> Mapping[str, Any]:
    """A paper page's context, from what it is made of (its ``expand``)."""
    made_of = page.context
    unheld: dict[str, Any] = {"pdf_unheld": True} if made_of.get("pdf_unheld") else {}
    return _page(
        Site(made_of["site"], (), ()),  # what the context reads of a site is its config
        page.output,
        page.url,
        page.templates,
        derive=page.derive,
        paper=made_of["paper"],
        profiles=made_of["profiles"],
        novelty=made_of["novelty"],
        cite_key=made_of["cite_key"],
        meta_type="article",
        **unheld,
    ).context


def listed_order(profiles: tuple[Profile, ...]) -> tuple[Profile, ...]:
    """The list of authors: those with an `order:` first, lower first, then the others A to
    Z by the names it shows (accents and case folded), not by their records' file names: a
    lab's `ali-nasseri.yaml`, named "Seyed Ali Nasseri", was listed among the A's, and
    `vu-nguyen.yaml`, "Nguyễn Vũ", among the V's."""
    return tuple(
        sorted(
            profiles,
            key=lambda p: (
                p.author.order is None,
                p.author.order or 0.0,
                fold_letters(p.author.name),
                p.author.slug,
            ),
        )
    )


AuthorGroups = tuple[tuple[str | None, tuple[Profile, ...]], ...]


def author_groups(listed: tuple[Profile, ...], named: Sequence[str]) -> AuthorGroups:
    """The authors page's lists, each under its heading (a lab's "Faculty", "PhD
    students"): first the authors of no `group:`, under none; then the groups in the order
    site.yaml's `author_groups` names them, then the others A to Z. Each list keeps the
    order of ``listed``. A site whose authors name no group is one list, as before."""
    members: dict[str | None, list[Profile]] = {}
    for profile in listed:
        members.setdefault(profile.author.group, []).append(profile)
    place = {name: index for index, name in enumerate(named)}
    groups = sorted(
        (group for group in members if group is not None),
        key=lambda group: (place.get(group, len(place)), fold_letters(group), group),
    )
    ordered = ([None] if None in members else []) + groups
    return tuple((group, tuple(members[group])) for group in ordered)


def routes(
    site: Site,
    reuse: dict[tuple[Any, ...], tuple[Any, ...]] | None = None,
    unheld: frozenset[str] = frozenset(),
) -> list[Page]:
    """All output files of the site, in a stable order; no two share a path.

    ``reuse`` holds the pages of the last build of this process (:mod:`generator.reuse`):
    a page made from the same objects is that build's Page again, whose fingerprint is
    then known. ``unheld``: the papers (slugs) whose PDF of the site's own is missing.
    """
    ledger = Ledger(reuse)
    pages: list[Page] = []
    by_slug = {profile.author.slug: profile for profile in site.profiles}
    main = by_slug.get(site.config.main_author or "")
    by_name = listed_order(site.profiles)
    grouped = author_groups(by_name, site.config.author_groups)
    owners = {profile.author.slug: Owner(profile.author) for profile in site.profiles}
    members = {profile.author.slug: members_of(site, profile, owners) for profile in site.profiles}
    newest = Newest(site.papers)
    if main is not None:
        pages.append(
            profile_page(site, main, "index.html", "", main=True, members=members[main.author.slug])
        )
    else:
        pages.append(
            _page(
                site,
                "index.html",
                "",
                ("authors.html",),
                profiles=by_name,
                author_groups=grouped,
                feed_url="feed.xml",
            )
        )
    pages.append(
        _page(
            site,
            "authors/index.html",
            "authors/",
            ("authors.html",),
            # Without a main author the root is this same list: it is the one to show
            canonical="" if main is None else None,
            profiles=by_name,
            author_groups=grouped,
            feed_url="feed.xml",
        )
    )
    # papers/, where a visitor who trims a paper's address lands (GitHub Pages' own 404
    # page before): sent on to the list of papers, the main author's, or the authors'.
    pages.append(
        _page(
            site,
            "papers/index.html",
            "papers/",
            ("papers.html", FALLBACK_PREFIX + "papers.html"),
            kind="redirect",
            canonical="",
            owner=None if main is None else main.author,
        )
    )
    for profile in site.profiles:
        linked = members[profile.author.slug]
        made_of: tuple[Any, ...] = (
            "author",
            id(site.config),
            id(profile),
            profile is main,
            *(id(owner.author) for owner in linked),
        )
        entry = ledger.get(made_of)
        if entry is None:
            entry = (
                site.config,
                profile,
                *author_pages(site, profile, main=profile is main, members=linked, newest=newest),
            )
        ledger.put(made_of, entry)
        pages += entry[2:]
    keeps = ledger.keeps  # the command line keeps nothing: no keys to make
    keys = cite_keys(site.papers, _cite_key_of(site))
    owners_of = _owners_of(owners)
    # A paper's own novelty is shown where site.yaml's `metrics` shows the tile: a site
    # that turned novelty off still showed "Novelty 100%" on every paper's page
    shows_novelty = "novelty" in site.config.metrics
    for paper in site.papers:
        authors = site.authors_of.get(paper.slug, ())
        novelty = shown_novelty(site.novelty.get(paper.slug)) if shows_novelty else None
        key = keys[paper.slug]
        missing = paper.slug in unheld
        if not keeps:
            pages += _paper_pages(site, paper, owners_of(authors), novelty, key, missing)
            continue
        made_of = (
            "paper",
            id(site.config),
            id(paper),
            novelty,
            key,
            missing,
            *(id(owners[a].author) for a in authors),
        )
        entry = ledger.get(made_of)
        if entry is None:
            entry = (
                site.config,
                paper,
                *_paper_pages(site, paper, owners_of(authors), novelty, key, missing),
            )
        ledger.put(made_of, entry)
        pages += entry[2:]
    pages += (own_page(site, page) for page in site.pages)
    recent = tuple(newest.order[:FEED_ENTRIES])
    pages.append(_feed(site, "feed.xml", recent, site.config.title, "", own=True))
    # A draft's page says noindex: it has no place in the sitemap either; nor has a page
    # whose canonical is another (the main author's `authors/<slug>/` stands for the root).
    listed = [p for p in pages if p.kind == "page" and not _draft_page(p) and _canonical(p)]
    pages.append(
        _page(
            site,
            "sitemap.xml",
            "sitemap.xml",
            ("sitemap.xml",),
            kind="data",
            urls=[absolute(site, p.url) for p in listed],
        )
    )
    pages.append(
        _page(
            site,
            "robots.txt",
            "robots.txt",
            ("robots.txt",),
            kind="data",
            sitemap=absolute(site, "sitemap.xml"),
        )
    )
    # The 404 page is served at whatever path was missing, so its links must be rooted.
    not_found = _page(site, "404.html", "404.html", ("404.html",), kind="data")
    root = urlsplit(site.config.base_url).path or "/"
    pages.append(
        Page(
            not_found.output,
            not_found.url,
            not_found.templates,
            {**not_found.context, "root": root, "absolute_url": None},
            kind="data",
        )
    )
    pages.append(Page(".nojekyll", ".nojekyll", body="", kind="data"))
    ledger.close()
    return pages


# A record's link or photo that is relative to the site's root (see markup.from_root).
_SITE_RELATIVE = re.compile(r"(?![a-zA-Z][a-zA-Z0-9+.\-]*:|[/#])")


def missing_files(site: Site, files: Callable[[], Collection[str]]) -> list[str]:
    """A note for each relative link or photo of a record that leads to no file of the site.

    ``files`` gives the built site's files (pages and static), asked for only when some
    record has a relative link (most have none). Such a link builds, and the visitor gets
    a 404 or a broken image; only the record's line says where to fix it.
    """
    relative: list[tuple[Paper | Author, str, str, str]] = []
    rooted: list[tuple[Paper | Author, str, str, str]] = []  # `/static/me.jpg`
    for record, key, what, url in _record_links(site):
        if _SITE_RELATIVE.match(url):
            relative.append((record, key, what, url))
        elif url.startswith("/") and not url.startswith(("//", "/\\")):
            rooted.append((record, key, what, url))
    notes = _rooted_outside(site, rooted)
    if not relative:
        return notes
    built = files()
    decomposed: dict[str, str] | None = None  # NFC name -> a file named otherwise
    for record, key, what, url in relative:
        path = unquote(re.split(r"[?#]", url, maxsplit=1)[0])
        # `./static/d.csv` is `static/d.csv`: the page's link leads there
        path = "/".join(part for part in path.split("/") if part != ".")
        if not path or path in built or f"{path.rstrip('/')}/index.html" in built:
            continue
        folder = path.partition("/")[0]
        if decomposed is None:
            decomposed = {
                unicodedata.normalize("NFC", name): name
                for name in built
                if not unicodedata.is_normalized("NFC", name)
            }
        if path in decomposed:  # `rene\u0301.pdf`, as a Mac names files, read as `rené.pdf`
            fix = (
                f"the file there is named `{decomposed[path]}`, its accents written as two "
                "characters each (as a Mac may name files), and a record is read with them "
                "as one (Unicode's NFC): rename the file, typing its name anew"
            )
        elif "\\" in path:  # `static\me.jpg`, as Windows writes a path
            slashed = path.replace("\\", "/")
            if slashed.partition("/")[0] != "static" and slashed not in built:
                slashed = f"static/{slashed}"  # and the file there, as below
            fix = f"a web address separates folders with `/`, not `\\`: write `{slashed}`"
        elif ".." in path.split("/"):  # `../../me.jpg`: out of the output folder, no file of it
            name = path.rstrip("/").rpartition("/")[2]
            fix = (
                "a link cannot leave the site with `..`; put the file in static/ and write "
                f"`static/{name}`"
            )
        elif shape := profile_id_shape(key.partition(".")[2], url):  # `scholar: abc123`
            fix = f"{shape}; write that, or the profile's whole address (`https://…`)"
        elif folder in ("papers", "authors", "cv"):  # a page the site would make
            fix = "the site has no such page; check the slug (the record's file name)"
        elif folder == "static":
            fix = "put the file there, in the site's static/ folder"
        else:
            fix = f"put the file in the site's static/ folder and write `static/{path}`"
        notes.append(
            f"{_at(record, key)}: {what} `{_cut(url)}` leads to nothing the site holds; "
            + _cut(fix, len(fix) - len(path) + LINK_SHOWN)
        )
    return notes


# How much of a link a warning shows: a pasted page of text as a link (200 KB) was
# printed whole, twice (the link, and the address to write made of it)
LINK_SHOWN = 200


def _cut(text: str, limit: int = LINK_SHOWN) -> str:
    """``text`` as written, or its first ``limit`` characters and `…` where longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _record_links(site: Site) -> list[tuple[Paper | Author, str, str, str]]:
    """Every address a record's fields give (not its texts') that may lead into the site:
    (record, key, what, url). A paper's web address (`https://…`, nearly all of the
    20,000 links of a 10,000-paper site) leads elsewhere, and is passed over at once."""
    found: list[tuple[Paper | Author, str, str, str]] = []
    for paper in site.papers:
        for name, url in paper.links.items():
            if url.startswith(_WEB) or name in ("arxiv", "doi"):  # ids, never a path
                continue
            found.append((paper, f"links.{name}", f"link `{name}`", url))
    for profile in site.profiles:
        author = profile.author
        if author.photo:
            found.append((author, "photo", "`photo`", author.photo))
        found += [
            (author, f"links.{name}", f"link `{name}`", url) for name, url in author.links.items()
        ]
    return found


# Addresses that lead to another host: neither relative nor from the host's root
_WEB = ("https://", "http://")


def _at(record: Paper | Author, key: str) -> str:
    """``path:line`` of a record's field (a link's own line, else its field's)."""
    return f"{record.source}:{record.lines.get(key) or record.lines.get(key.partition('.')[0], 1)}"


def _rooted_outside(site: Site, rooted: list[tuple[Paper | Author, str, str, str]]) -> list[str]:
    """A note for each record link from the host's root (``/static/me.jpg``) on a site
    published under a path (``/repo/``): it works where the site is at the root of its
    host, and breaks on a project's GitHub Pages, which ``check`` says only when run."""
    # Compared as the server reads them: `/über/` is `/%C3%BC` (or `%c3%bc`) written so
    base = unquote(urlsplit(site.config.base_url).path).rstrip("/") + "/"
    if base == "/":
        return []
    notes = []
    for record, key, what, url in rooted:
        if unquote(url).startswith(base) or unquote(url) == base.rstrip("/"):
            continue  # `/repo/static/me.jpg`: the site's own
        inside = url.lstrip("/")
        notes.append(
            f"{_at(record, key)}: {what} `{url}` starts with `/`, so it leads from the "
            f"host's root, outside the site, which is published under {base}; a link in a "
            f"record leads from the site's root without it: write `{inside}`"
        )
    return notes
