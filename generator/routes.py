"""Every output file as data: its path, the templates to try, and its context."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from generator.bibtex import to_bibtex
from generator.model import Profile, Site


@dataclass(frozen=True)
class Page:
    """One output file: rendered from ``templates`` (first found wins) or given as ``body``."""

    output: str  # path inside the output folder, POSIX, e.g. "papers/x/index.html"
    url: str  # site-relative URL, e.g. "papers/x/" ("" is the root)
    templates: tuple[str, ...] = ()
    context: Mapping[str, Any] = field(default_factory=dict)
    body: str | None = None  # for files that need no template (cite.bib, .nojekyll)
    kind: str = "page"  # page | feed | data; pages go into the sitemap


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


def _page(
    site: Site,
    output: str,
    url: str,
    templates: tuple[str, ...],
    kind: str = "page",
    **context: Any,
) -> Page:
    """A templated page with the context every template may use."""
    base = {
        "site": site.config,
        "root": root_prefix(output),
        "page_url": url,
        "canonical": absolute(site, url),
    }
    return Page(output, url, templates, {**base, **context}, kind=kind)


def profile_pages(site: Site, profile: Profile, output: str, url: str) -> list[Page]:
    """An author's profile and Atom feed."""
    slug = profile.author.slug
    feed_output = f"authors/{slug}/feed.xml"
    return [
        _page(
            site,
            output,
            url,
            (f"profile-{slug}.html", "profile.html"),
            profile=profile,
            feed_url=f"authors/{slug}/feed.xml",
        ),
        _page(
            site,
            feed_output,
            feed_output,
            ("feed.xml",),
            kind="feed",
            papers=profile.papers,
            feed_title=profile.author.name,
            alternate=url,
        ),
    ]


def routes(site: Site) -> list[Page]:
    """All output files of the site, in a stable order; no two share a path."""
    pages: list[Page] = []
    by_slug = {profile.author.slug: profile for profile in site.profiles}
    main = by_slug.get(site.config.main_author or "")
    if main is not None:
        pages.append(
            _page(site, "index.html", "", ("profile.html",), profile=main, feed_url="feed.xml")
        )
    else:
        pages.append(
            _page(
                site,
                "index.html",
                "",
                ("authors.html",),
                profiles=site.profiles,
                feed_url="feed.xml",
            )
        )
    pages.append(
        _page(
            site,
            "authors/index.html",
            "authors/",
            ("authors.html",),
            profiles=site.profiles,
            feed_url="feed.xml",
        )
    )
    for profile in site.profiles:
        slug = profile.author.slug
        pages += profile_pages(site, profile, f"authors/{slug}/index.html", author_url(slug))
    profiles_of = {
        slug: tuple(by_slug[a] for a in authors) for slug, authors in site.authors_of.items()
    }
    for paper in site.papers:
        url = paper_url(paper.slug)
        bib = to_bibtex(
            paper, absolute(site, url) if site.config.base_url.startswith("http") else None
        )
        pages.append(
            _page(
                site,
                f"papers/{paper.slug}/index.html",
                url,
                (f"paper-{paper.slug}.html", "paper.html"),
                paper=paper,
                bibtex=bib,
                profiles=profiles_of.get(paper.slug, ()),
                novelty=site.novelty.get(paper.slug),
            )
        )
        pages.append(Page(f"papers/{paper.slug}/cite.bib", url + "cite.bib", body=bib, kind="data"))
    pages.append(
        _page(
            site,
            "feed.xml",
            "feed.xml",
            ("feed.xml",),
            kind="feed",
            papers=site.papers,
            feed_title=site.config.title,
            alternate="",
        )
    )
    listed = [p for p in pages if p.kind == "page"]
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
            {**not_found.context, "root": root},
            kind="data",
        )
    )
    pages.append(Page(".nojekyll", ".nojekyll", body="", kind="data"))
    return pages
