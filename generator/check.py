"""``authorsite check``: build into a temporary folder (or read output/) and verify the result.

Verified: every internal link and ``#anchor`` resolves, every asset exists, JSON-LD parses,
every Atom feed parses with feedparser and its entries link to pages that exist, and the
sitemap lists every page (and nothing that does not exist, says noindex or names another
page as its canonical); no page gives one id to two elements.
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import html
import itertools
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from generator.build import build, require_site
from generator.cache import copy_of
from generator.config import base_url_option, load_config, plain_http_note
from generator.discover import TooDeep, discover, tree
from generator.errors import ContentError, Problem, Problems, UsageError
from generator.markup import _ESCAPED_PUNCTUATION
from generator.model import Author, Paper, SitePage
from generator.readback import ParsedPage, join_url, parse_page, read_all
from generator.reporter import Reporter
from generator.schema import BUILT_FOLDERS
from generator.seo import is_absolute
from generator.state import current_output, kept_warnings
from generator.urls import lower_scheme, no_slashes_problem

_IGNORED_SCHEMES = ("mailto:", "tel:", "data:")
# feedparser's words for where an XML feed stops parsing: `<unknown>:21:0: no element found`
_SAX_PLACE = re.compile(r"<unknown>:(\d+):\d+: (.*)", re.DOTALL)


def _unparsed(error: str, template: str) -> str:
    """Why a feed or the sitemap does not parse, and what to mend: only a template of the
    site's own can write XML that does not parse (`feed.xml: feed does not parse:
    <unknown>:21:0: no element found` named neither the line nor what wrote it)."""
    return (
        f"does not parse: {error}; it is written by the {template} template (the "
        "site's templates/ or its theme's): make that write well-formed XML (every element "
        "it opens closed, `&` written `&amp;`)"
    )


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# A problem found on this many pages or more is one line: a broken link in a template
# would otherwise be listed once for each of 21,000 pages. Below it every page is named,
# so a broken link in an abstract still names the paper's page and each profile listing it.
GROUP_FROM = 10


class CheckFailed(ContentError):
    """The built site has problems; every one is listed, exit status 1."""

    def summary(self, count: int) -> str:
        return f"{count} problem{'' if count == 1 else 's'} in the built site."


class SourcesFailed(ContentError):
    """The site's own files have problems, so there is no site to check; exit status 1."""

    def summary(self, count: int) -> str:
        # A build says "nothing was written"; check never writes, so that would mislead.
        if count == 1:
            return "1 problem in the site's files; fix it and check again."
        return f"{count} problems in the site's files; fix them and check again."


def _linked_file(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` is a symbolic link to a file (not to nothing, nor in a loop)."""
    if not entry.is_symlink():
        return False
    try:
        return entry.is_file()
    except OSError:  # a link in a loop
        return False


_PROFILE = re.compile(r"authors/[^/]+/index\.html")
_PAPER = re.compile(r"papers/[^/]+/index\.html")
# A paper's or an author's page, as a record links to it: `papers/x/`, `authors/x/index.html`
_RECORD_PAGE = re.compile(r"(papers|authors)/([^/]+)/?(?:index\.html)?")
# A page of content/pages/ as a record links to it: `teaching/`, `teaching/index.html`
_OWN_PAGE = re.compile(r"([a-z0-9][a-z0-9-]*)/?(?:index\.html)?")


class SiteChecker:
    """Checks one built site folder against the base_url it was built for."""

    def __init__(
        self,
        out: Path,
        base_url: str,
        reporter: Reporter | None = None,
        site_dir: Path | None = None,
    ) -> None:
        self.out = out
        self.site_dir = site_dir  # its records are where a broken link is to be mended
        self.reporter = reporter or Reporter(quiet=True)
        self.base_url = base_url
        self.base_path = urlsplit(base_url).path or "/"
        if not self.base_path.endswith("/"):
            self.base_path += "/"
        self.problems = Problems()
        # Problems found in pages, by what makes them the same problem (the kind, and the
        # target a link resolves to, since ``../x/`` and ``./x/`` differ by page depth).
        self._repeated: dict[tuple[str, ...], list[Problem]] = {}
        self._pages: dict[str, ParsedPage] = {}
        self._targets: dict[str, str | None] = {}  # site-relative URL -> its file
        self._files: frozenset[str] | None = None  # every file's path, as named
        self._folded: dict[str, str] | None = None  # the same, by its path case-folded
        self.links_checked = 0
        # Built by `check` into a folder of its own, removed after: nothing to publish
        self.temporary = False

    def page(self, rel: str) -> ParsedPage | None:
        """The parsed HTML page at ``rel`` (cached), or None if it is not one."""
        if rel not in self._pages:
            path = self.out / rel
            if not (path.is_file() and rel.endswith(".html")):
                return None
            self._pages[rel] = parse_page(path)
        return self._pages[rel]

    def site_path(self, url: str, page: str) -> str | None:
        """The site-relative path ``url`` points to from ``page``, or None if it is external.

        A URL of this host that leaves the base path (``/teaching/`` on a site at ``/repo/``)
        is ``"\\0"`` and the absolute address it leads to (``"\\0/teaching/"``).
        """
        if url[:8].lower().startswith(("http://", "https://", "//")):  # `HTTPS://` too
            url = lower_scheme(url)  # as the base_url's is written
            if is_absolute(self.base_url) and url.startswith(self.base_url):
                return url[len(self.base_url) :]
            return None  # another host (or this host outside the site): not ours
        joined = join_url(self.base_path + page, url)
        return joined[len(self.base_path) :] if joined.startswith(self.base_path) else "\0" + joined

    def target(self, rel_url: str) -> str | None:
        """The file a site-relative URL is served from, or None when none exists.

        Remembered by URL: every page links to the same stylesheet, feed and profiles.
        """
        if rel_url not in self._targets:
            self._targets[rel_url] = self._target(rel_url)
        return self._targets[rel_url]

    def _target(self, rel_url: str) -> str | None:
        files = self.files()
        return next((c for c in self._candidates(rel_url) if c in files), None)

    def case_twin(self, rel_url: str) -> str | None:
        """The file a URL names in other capitals (``Photo.JPG`` for ``photo.jpg``), if any."""
        if self._folded is None:
            self._folded = {path.casefold(): path for path in self.files()}
        folded = self._folded
        return next(
            (folded[c.casefold()] for c in self._candidates(rel_url) if c.casefold() in folded),
            None,
        )

    def files(self) -> frozenset[str]:
        """Every file of the built site, by its path as named.

        Matched as named, not by asking the disk: GitHub Pages tells `Photo.jpg` from
        `photo.jpg`, and the disks of macOS and Windows do not, so a link that works in a
        preview there would be broken once published.
        """
        if self._files is None:
            found: set[str] = set()
            folders = [""]
            while folders:
                rel = folders.pop()
                with os.scandir(self.out / rel if rel else self.out) as scan:
                    for entry in scan:
                        name = f"{rel}/{entry.name}" if rel else entry.name
                        # As os.walk, linked folders are not entered; unlike it, only files
                        # are files: a pipe named page.html would make the check wait forever,
                        # and a link in a loop cannot be read.
                        if entry.is_dir(follow_symlinks=False):
                            folders.append(name)
                        elif entry.is_file(follow_symlinks=False) or _linked_file(entry):
                            found.add(name)
            self._files = frozenset(found)
        return self._files

    def own_page_meant(self, path: str) -> str | None:
        """The slug of the page of content/pages/ that a broken link to ``path``
        (`teching/`) most likely meant: a built page at the top whose slug is close."""
        wanted = _OWN_PAGE.fullmatch(path)
        if wanted is None:
            return None
        built = [
            name.removesuffix("/index.html")
            for name in self.files()
            if name.count("/") == 1 and name.endswith("/index.html")
        ]
        close = difflib.get_close_matches(
            wanted.group(1), [slug for slug in built if slug not in BUILT_FOLDERS], n=1
        )
        return close[0] if close else None

    def named(self, suffix: str) -> list[str]:
        """The built site's files whose names end in ``suffix``, sorted (one walk for all)."""
        return sorted(path for path in self.files() if path.endswith(suffix))

    @staticmethod
    def _candidates(rel_url: str) -> list[str]:
        """The files a site-relative URL may be served from, in the order a host tries them."""
        path = unquote(urlsplit(rel_url).path)
        if path.startswith("\0") or ".." in PurePosixPath(path).parts:
            return []
        candidates = [path + "index.html"] if path.endswith("/") or path == "" else [path]
        if not path.endswith("/") and path:
            candidates.append(path + "/index.html")
        return candidates

    def found(self, key: tuple[str, ...], source: str, line: int, message: str) -> None:
        """One problem that may repeat on many pages; ``key`` says which ones are the same."""
        self._repeated.setdefault(key, []).append(Problem(source, line, message))

    def grouped(self) -> list[Problem]:
        """The problems found, those on GROUP_FROM pages or more as one line: the first.

        A broken link that a record holds (in its ``links:``, photo, abstract or bio) is
        said once, at the record's line, not on each page that shows it.
        """
        result: list[Problem] = []
        drafts: dict[str, str] = {}  # a draft paper's page path -> its record
        origins = self._origins(drafts)
        # A record's (or template's) broken anchor: the pages it leads to, those showing it
        anchors: dict[tuple[str, int, str], tuple[set[str], set[str]]] = {}
        for key, same in self._repeated.items():
            pages = len({p.path for p in same})
            if key[0] == "anchor" and key in origins:
                for origin in origins[key]:  # one line for each: `#x` is on several pages
                    anchors.setdefault(origin, (set(), set()))[0].add(key[1])
                    anchors[origin][1].update(p.path for p in same)
                continue
            if key[0] == "leaves" and key in origins:
                where = _pages(sorted({p.path for p in same}))
                result += [
                    Problem(source, line, self.leaving(url, key[1], where))
                    for source, line, url in origins[key]
                ]
                continue
            if key[0] == "link" and key in origins:
                where = _pages(sorted({p.path for p in same}))
                draft = drafts.get(key[1].removesuffix("index.html").rstrip("/"))
                page = _RECORD_PAGE.fullmatch(key[1])
                if draft is not None:  # the page exists only in a build with --drafts
                    why = (
                        f"/{key[1]} is the page of {draft}, a draft, which is not published; "
                        f"shown on {where}); remove `draft: true` from {draft} to publish "
                        "it, or leave the link out until then"
                    )
                elif page:  # a mistyped or renamed slug: static/ is no help
                    kind, slug = page.groups()
                    why = (
                        f"no {kind[:-1]} has the slug `{slug}`; shown on {where}); link to "
                        f"{kind}/<slug>/ with the slug of one that exists (the record's file "
                        "name, or its `slug:`)"
                    )
                elif key[1] in ("cv", "cv/", "cv/index.html"):  # no file would be of use
                    why = (
                        f"the CV is built only for a site with `main_author`; shown on {where}"
                        "); set main_author in site.yaml to the slug of the author whose CV "
                        "it is, or link to authors/<slug>/cv/, each author's own"
                    )
                elif meant := self.own_page_meant(key[1]):
                    why = (
                        f"no page of content/pages/ has the slug `{key[1].split('/')[0]}`; "
                        f"shown on {where}); did you mean {meant}/?"
                    )
                elif twin := self.case_twin(key[1]):
                    why = f"no file for /{key[1]}{_case_hint(twin)}; shown on {where})"
                else:
                    why = (
                        f"no file for /{key[1]} in the built site; shown on {where}); put "
                        "the file in the site's static/ folder and link to static/<its name>, "
                        "or link to a full https:// address"
                    )
                result += [
                    Problem(source, line, f"broken link: {url} ({why}")
                    for source, line, url in origins[key]
                ]
                continue
            if pages < GROUP_FROM:
                result += same
                continue
            first = min(same)
            result.append(
                Problem(
                    first.path,
                    first.line,
                    f"{first.message} — on {pages:,} pages; the first is shown",
                )
            )
        for (source, line, url), (targets, shown) in anchors.items():
            fragment = unquote(urlsplit(url).fragment)
            where = _pages(sorted(shown))
            showing = "the page showing it" if len(shown) == 1 else "the pages showing it"
            into = showing if targets == shown else _pages(sorted(targets))
            hint = (
                "; a heading of a page's text has the id GitHub would give it "
                "(`## Past courses` is #past-courses)"
            ) * source.startswith("content/pages/")
            result.append(
                Problem(
                    source,
                    line,
                    f"broken anchor: {url} (no id `{fragment}` in {into}; shown on {where}){hint}",
                )
            )
        return result

    def leaving(self, url: str, leads_to: str, where: str) -> str:
        """What a record's link that leaves the site's base path is, and what to write.

        A relative link in a record leads from the site's root (see ``markup.from_root``):
        ``/teaching/`` (the host's root) or ``../teaching/`` (as if from the page it is on)
        work on a site at the host's root and break once it is published under a path.
        """
        if typo := no_slashes_problem(url):  # `https:github.com/ada`: no `..` in it
            return f"broken link: {url} ({typo[0]}; shown on {where}); write {typo[1]}"
        if url.startswith("/"):
            why = (
                f"a link that starts with `/` leads from the host's root, to {leads_to}, "
                f"outside the site, which is published under {self.base_path}"
            )
        else:
            why = f"`..` leads out of the site's root, to {leads_to}"
        # The link read from the site's root, as a record's relative link is
        path = urlsplit(url).path
        parts = path.split("/")
        while parts and parts[0] in ("", ".", ".."):
            parts.pop(0)
        inside, rest = "/".join(parts), url[len(path) :]  # `#cs-101` is kept
        if inside and ".." not in parts and self.target(inside) is not None:
            fix = f"write {inside}{rest}"
        elif inside and ".." not in parts and (meant := self.own_page_meant(inside)):
            fix = f"write {meant}/{rest}, the page it most likely means"
        else:
            fix = (
                f"the site has nothing at {inside or './'} either; write a page's address from "
                "there (`teaching/`), or a full https:// address"
            )
        return (
            f"broken link: {url} ({why}; shown on {where}); a link in a record leads from the "
            f"site's root, without `/` or `..` before it: {fix}"
        )

    def _origins(self, drafts: dict[str, str]) -> dict[tuple[str, ...], list[tuple[str, int, str]]]:
        """The records and templates that hold each broken link or anchor: (file, line, URL),
        by the problem's key (``("link", path)``, ``("anchor", page, id)``).

        Read only when a link or an anchor is broken. A relative URL in a record is relative
        to the site's root (see ``markup.from_root``), so it is resolved from there; a bare
        ``#id`` leads into the page that shows it, so it is the record's wherever the anchor
        is broken on the page it is written on. ``drafts`` is filled with the draft papers'
        page paths (``papers/x``) and their records.
        """
        broken = {key for key in self._repeated if key[0] in ("link", "anchor", "leaves")}
        if not broken or self.site_dir is None:
            return {}
        # `#id` written on the page itself: the anchors broken only where they are linked
        in_place: dict[str, list[tuple[str, ...]]] = {}
        for key in broken:
            if key[0] == "anchor" and all(p.path == key[1] for p in self._repeated[key]):
                in_place.setdefault(key[2], []).append(key)
        found: dict[tuple[str, ...], list[tuple[str, int, str]]] = {}
        for source, line, url in record_links(self.site_dir, drafts):
            rel = self.site_path(url, "")
            if rel is None:
                continue
            path, fragment = urlsplit(rel).path, unquote(urlsplit(rel).fragment)
            keys: list[tuple[str, ...]]
            if url.startswith("#"):
                keys = in_place.get(fragment, [])
            elif rel.startswith("\0"):  # `/teaching/` on a site at /repo/, or `../teaching/`
                keys = [("leaves", urlsplit(rel[1:]).path)]
            elif fragment and (target := self.target(rel)) is not None:
                keys = [("anchor", target, fragment)]
            else:
                keys = [("link", path)]
            for key in keys:
                if key in broken and (source, line, url) not in found.setdefault(key, []):
                    found[key].append((source, line, url))
        # The same link in the site's own templates too: said there as well, so that mending
        # the record is not followed by a second run that finds the same link again.
        written = {key[1] if key[0] != "anchor" else f'#{key[2]}"': key for key in found}
        for source, line, text in template_lines(self.site_dir, written):
            found[written[text]].append((source, line, text.removesuffix('"')))
        return found

    def check_url(self, source: str, line: int, url: str) -> None:
        """One URL found in ``source``: internal ones must resolve, anchors included."""
        lowered = url.lower()
        if not url or lowered.startswith(_IGNORED_SCHEMES):
            return
        if lowered.startswith(("javascript:", "vbscript:")):
            message = f"script URL in a link: {url[:60]}"
            self.found((message,), source, line, message)
            return
        rel = self.site_path(url, source)
        if rel is None:
            return  # another host: not ours to check offline
        self.links_checked += 1
        if rel.startswith("\0"):
            message = f"link leaves the site's base path {self.base_path}: {url}"
            # by where it leads: `../../x/` on one page and `../x/` on another are one link
            self.found(("leaves", urlsplit(rel[1:]).path), source, line, message)
            return
        target = self.target(rel)
        if target is None:
            path = urlsplit(rel).path
            message = f"broken link: {url} (no file for /{path}{_case_hint(self.case_twin(rel))})"
            self.found(("link", path), source, line, message)
            return
        fragment = unquote(urlsplit(url).fragment) if "#" in url else ""
        # Only a page has ids: a PDF's `#page=2` is for the PDF reader to read
        if fragment and fragment != "top" and target.endswith(".html"):
            html = self.page(target)
            if html is None or fragment not in html.ids:
                message = f"broken anchor: {url} (no id `{fragment}` in {target})"
                self.found(("anchor", target, fragment), source, line, message)

    def check_pages(self) -> list[str]:
        """Every HTML page's links, assets and JSON-LD; returns the pages found."""
        pages = self.named(".html")
        # All parsed first (an anchor may point into any page), on every core.
        self._pages.update(
            zip(pages, read_all("page", self.out, pages, self.reporter), strict=True)
        )
        for rel in pages:
            html = self.page(rel)
            assert html is not None
            for line, url in html.urls:
                self.check_url(rel, line, url)
            for line, text in html.jsonld:
                try:
                    json.loads(text)
                except json.JSONDecodeError as exc:
                    message = f"JSON-LD does not parse: {exc.msg}"
                    self.found((message,), rel, line, message)
            for line, given in html.repeated:
                # Said once for a template's mistake on every page, at its first page
                message = (
                    f"id `{given}` is given to a second element: a link to #{given} and a "
                    "screen reader's reference to it find the first; give each its own id"
                )
                self.found((message,), rel, line, message)
        return pages

    def check_stylesheets(self) -> None:
        """Every ``url(…)`` and ``@import`` in the site's CSS files resolves."""
        for rel in self.named(".css"):
            text = (self.out / rel).read_text(encoding="utf-8", errors="replace")
            for match in _CSS_URL.finditer(text):
                url = match.group(2) or match.group(4)
                line = text.count("\n", 0, match.start()) + 1
                self.check_url(rel, line, url)

    def check_feeds(self) -> int:
        """Every Atom feed parses and its entries link to pages that exist."""
        feeds = []
        for rel in self.named(".xml"):
            with (self.out / rel).open("rb") as file:
                if b"http://www.w3.org/2005/Atom" in file.read(500):
                    feeds.append(rel)
        for rel, (error, entries) in zip(
            feeds, read_all("feed", self.out, feeds, self.reporter), strict=True
        ):
            if error is not None:
                # feedparser's `<unknown>:21:0: no element found`: at its line, and the fix
                error = error.removeprefix("feed does not parse: ")
                at = _SAX_PLACE.match(error)
                line, error = (int(at.group(1)), at.group(2)) if at else (0, error)
                self.problems.add(rel, line, "feed " + _unparsed(error, "feed.xml"))
                continue
            for title, has_id, has_date, link in entries:
                where = f"entry `{title}`"
                if not has_id:
                    self.problems.add(rel, 0, f"{where} has no id")
                if not has_date:
                    self.problems.add(rel, 0, f"{where} has no valid date")
                if not link:
                    self.problems.add(rel, 0, f"{where} has no link")
                    continue
                self.check_url(rel, 0, link)
        return len(feeds)

    def check_sitemap(self, pages: list[str]) -> None:
        """The sitemap parses and lists every page but those that say noindex or name another
        as their canonical, and nothing that does not exist."""
        path = self.out / "sitemap.xml"
        if not path.is_file():
            self.problems.add("sitemap.xml", 0, "missing")
            return
        try:
            root = ET.fromstring(path.read_bytes())
        except ET.ParseError as exc:
            said = re.sub(r": line \d+, column \d+$", "", str(exc))
            self.problems.add("sitemap.xml", exc.position[0], _unparsed(said, "sitemap.xml"))
            return
        listed: set[str] = set()
        for loc in root.iter(f"{_SITEMAP_NS}loc"):
            url = (loc.text or "").strip()
            rel = self.site_path(url, "")
            target = self.target(rel) if rel is not None else None
            if target is None:
                self.problems.add("sitemap.xml", 0, f"lists a page that does not exist: {url}")
            else:
                listed.add(target)
        for page in pages:
            html = self.page(page)
            noindex = html is not None and html.noindex
            # A page that names another as its canonical is a second address of that one:
            # a sitemap lists the address a search engine should show, once.
            canonical = html.canonical if html is not None else None
            rel = self.site_path(canonical, page) if canonical else None
            other = rel is not None and self.target(rel) not in (page, None)
            if noindex and page in listed:
                self.problems.add("sitemap.xml", 0, f"lists {page}, which says noindex")
            elif other and page in listed:
                self.problems.add("sitemap.xml", 0, f"lists {page}, whose canonical is {canonical}")
            elif page != "404.html" and page not in listed and not noindex and not other:
                self.problems.add("sitemap.xml", 0, f"does not list {page}")
        if not (self.out / "robots.txt").is_file():
            self.problems.add("robots.txt", 0, "missing")

    def unlisted_papers(self, pages: list[str]) -> list[str]:
        """The paper pages no profile lists: their papers name no site author by a name or
        alias (Semantic Scholar's `J. Smith` for Jane Smith), and without a main_author
        nobody claims them. The page exists, but no visitor finds it."""
        profiles = [p for p in pages if p == "index.html" or _PROFILE.fullmatch(p)]
        listed = set()
        for rel in profiles:
            html = self.page(rel)
            for _, url in html.urls if html is not None else ():
                path = self.site_path(url, rel)
                if path is not None and not path.startswith("\0"):
                    listed.add(self.target(path))
        return [p for p in pages if _PAPER.fullmatch(p) and p not in listed]

    def bare_papers(self, pages: list[str]) -> list[str]:
        """The paper pages that give Google Scholar neither an abstract (their JSON-LD's
        ``abstract``) nor a PDF the site holds (``citation_pdf_url``): Scholar does not
        index bibliographic data alone. A page without JSON-LD (a theme's own) is not
        judged; nor is a draft's."""
        bare = []
        for rel in pages:
            html = self.page(rel) if _PAPER.fullmatch(rel) else None
            if html is None or html.noindex or html.full_text or not html.jsonld:
                continue
            try:
                data = [json.loads(text) for _, text in html.jsonld]
            except ValueError:
                continue  # reported by the JSON-LD check
            if not any(isinstance(d, dict) and d.get("abstract") for d in data):
                bare.append(rel.removesuffix("index.html"))
        return bare

    def run(self) -> str:
        """Check everything; return a summary line, or raise CheckFailed with every problem.

        What deserves a word but is no problem follows as ``note:`` lines.
        """
        pages = self.check_pages()
        self.check_stylesheets()
        feeds = self.check_feeds()
        self.check_sitemap(pages)
        self.problems.extend(self.grouped())
        if self.problems:
            raise CheckFailed(self.problems.items)
        summary = (
            f"{len(pages)} pages, {self.links_checked} internal links and anchors, "
            f"{feeds} feeds, sitemap: no problems"
        )
        unlisted = [p.removesuffix("index.html") for p in self.unlisted_papers(pages)]
        if unlisted:
            summary += (
                f"\nnote: {len(unlisted):,} paper page(s) on no author's profile "
                f"({_shown(unlisted)}): "
                "they name no site author by a name or an alias; add the spelling they use "
                "to the author's aliases (or set main_author)"
            )
        bare = self.bare_papers(pages)
        if bare:
            summary += (
                f"\nnote: {len(bare):,} paper page(s) with neither an abstract nor a PDF "
                f"the site holds ({_shown(bare)}): Google Scholar does not index a paper "
                "from its reference alone; write the abstract below the record's front "
                "matter, or put its PDF in static/ and name it as links.pdf"
            )
        drafts = [
            page.removesuffix("index.html")
            for page in pages
            if _draft_folder(page) and (html := self.page(page)) is not None and html.noindex
        ]
        if drafts:
            shown = _shown(drafts)
            if self.temporary:  # `check --drafts`: a folder of its own, gone, never published
                summary += (
                    f"\nnote: checked with --drafts: {len(drafts):,} draft page(s) ({shown}) "
                    "checked as if published; the site built without --drafts leaves them "
                    "out, and a link to one is broken there: check without --drafts before "
                    "publishing"
                )
            else:  # published by hand (output/ to a branch), the drafts would go public
                summary += (
                    f"\nnote: built with --drafts: {len(drafts):,} draft page(s) ({shown}); "
                    "publish only a build without --drafts"
                )
        return summary


def _shown(paths: list[str]) -> str:
    """The first three of ``paths``, and how many more."""
    return ", ".join(paths[:3]) + f" and {len(paths) - 3:,} more" * (len(paths) > 3)


def _pages(paths: list[str]) -> str:
    """Sorted page paths as a problem names them: the one, or how many and the first."""
    return paths[0] if len(paths) == 1 else f"{len(paths):,} pages, such as {paths[0]}"


def _draft_folder(page: str) -> bool:
    """Whether ``page`` is where a draft's page is built: a paper's, or a page's of
    content/pages/ (`<slug>/index.html`, a folder that is not the build's own)."""
    top, _, rest = page.partition("/")
    if top == "papers":
        return rest != "index.html"  # papers/ itself only sends its visitor to the list
    return rest == "index.html" and top not in BUILT_FOLDERS


def check_output(
    out: Path,
    base_url: str,
    reporter: Reporter | None = None,
    site_dir: Path | None = None,
    *,
    temporary: bool = False,
) -> str:
    """Check a built site folder; return the summary or raise CheckFailed.

    ``site_dir``: the site it was built from, whose records name the broken links they hold.
    ``temporary``: the folder is check's own, built for it and removed after.
    """
    if not out.is_dir():
        raise UsageError(f"{out} is not a folder; build the site first or drop --built")
    if not (out / "index.html").is_file():  # an empty folder, a gh-pages checkout's CNAME
        raise UsageError(
            f"{out} holds no built site (no index.html); build the site first or drop --built"
        )
    checker = SiteChecker(out, base_url, reporter, site_dir)
    checker.temporary = temporary
    return checker.run()


# The URLs a sanitised rendering of Markdown links to or loads.
_HTML_URL = re.compile(r' (?:href|src)="([^"]*)"')


def record_links(
    site_dir: Path, drafts: dict[str, str] | None = None, holding: re.Pattern[str] | None = None
) -> Iterator[tuple[str, int, str]]:
    """Every URL the site's records hold, as (record, line, URL as written).

    From ``links:``, an author's ``photo``, and the links of abstracts and bios. The line is
    where the URL is written in the file, else the field's. Records that do not parse are
    skipped: the build has said what is wrong with them. ``drafts``, if given, is filled
    with each draft paper's page path (``papers/<slug>``) and its record.
    """
    from generator.markup import render_markdown

    for rel, text, record in _records(site_dir, holding):
        if drafts is not None and isinstance(record, (Paper, SitePage)) and record.draft:
            drafts[f"papers/{record.slug}" if isinstance(record, Paper) else record.slug] = rel
        # by the key of its line: a link's own (`links.pdf`), as the page writes it
        # percent-encoded (`my%20slides.pdf`) and its scheme in small letters, not as written
        urls = (
            []
            if isinstance(record, SitePage)
            else [(f"links.{n}", u) for n, u in record.links.items()]
        )
        if isinstance(record, Author):
            prose, field = record.bio, "bio"
        elif isinstance(record, SitePage):
            prose, field = record.body, "body"
        else:
            prose, field = record.abstract, "abstract"
        if isinstance(record, Author) and record.photo:
            urls.append(("photo", record.photo))
        written = _WrittenLinks(text, record.lines.get(field, 1))
        for key, url in urls:
            at = text.find(url)
            line = text.count("\n", 0, at) + 1 if at >= 0 else _field_line(record, key)
            yield rel, line, url
        for url in _HTML_URL.findall(render_markdown(prose)) if prose else []:
            address = html.unescape(url)
            yield rel, written.line(address) or _field_line(record, field), address


# A link written from the host's root somewhere in a record's text, as Markdown, HTML or a
# YAML value writes one (`](/x`, `[x]: /x`, `href="/x"`, `photo: /x`): the records that may
# hold one, found without parsing every record (a few may hold none: they are parsed)
_ROOTED = re.compile(r"""(?:\]\(\s*<?|\]:\s*<?|(?:href|src)\s*=\s*["']?|:\s*["']?)/(?![/\\])""")


def rooted_links(site_dir: Path) -> str | None:
    """A note naming the records' links written from the host's root (`/static/me.png`),
    for a site checked at `/` that the workflow publishes; None if there are none.

    Such a link works in the preview and on a user's or a custom domain's site, at the
    host's root, and leads out of a project site, which GitHub Pages serves under
    `/REPO/`: a check at `/` found nothing wrong, the workflow runs none, and the
    published profile's photo or PDF was GitHub's 404.
    """
    rooted = [
        (source, line, url)
        for source, line, url in record_links(site_dir, holding=_ROOTED)
        if url.startswith("/") and not url.startswith(("//", "/\\"))
    ]
    if not rooted:
        return None
    url = rooted[0][2]
    return (
        f"{len(rooted):,} link(s) of the records are written from the host's root "
        f"({_shown([f'{source}:{line} `{url}`' for source, line, url in rooted])}): they "
        "work at https://USER.github.io/ and on a custom domain, but lead out of a project "
        "site, which GitHub Pages serves under https://USER.github.io/REPO/; write them "
        f"without the first `/` (`{url[1:] or './'}` for `{url}`), which works at both, or "
        "check the site at its address (`authorsite check --base-url "
        "https://USER.github.io/REPO/`)"
    )


def _field_line(record: Author | Paper | SitePage, field: str) -> int:
    """The line of a record's ``field`` (of its ``links:`` if it has none of its own)."""
    return record.lines.get(field, record.lines.get("links", 1))


class _WrittenLinks:
    """Where the links of a record's Markdown are written, one after another.

    The rendered link is not always as written: Markdown takes out backslash escapes and
    reads entities (``a\\(b``, ``a&amp;b``), and cmark percent-encodes what a URL may not
    hold (``/[x`` is ``/%5Bx``, a space ``%20``, ``é`` ``%C3%A9``). Each line and each link
    are read back to text (escapes, entities, then percent-encoding undone) to match. A
    link is looked for after the one before it (the same URL twice is named at each), then
    from the field's first line (a link's definition, ``[r]: /x``, may come after it).
    """

    def __init__(self, text: str, first: int) -> None:
        # Read back once, as one text with the offset each line starts at: a link written
        # nowhere (`www.x.org`, which Markdown links as `http://www.x.org`) was looked for
        # line by line to the end, twice, and 2,000 of them took `check` 40 seconds. Its
        # lines end at `\n` alone, as the build counts them (a U+2028 pasted in ends none).
        read = [
            unquote(html.unescape(_ESCAPED_PUNCTUATION.sub(r"\1", line)))
            for line in text.split("\n")
        ]
        self.read = "\n".join(read)
        self.starts = list(itertools.accumulate((len(line) + 1 for line in read), initial=0))
        # where the field's first line starts (past the end: no line), and just after
        # where the link before was found
        self.first = (
            self.starts[max(first, 1) - 1] if first < len(self.starts) else len(self.read) + 1
        )
        self.after = self.first

    def line(self, url: str) -> int | None:
        """The line ``url`` (as rendered) is written on, or None if it is on none."""
        wanted = unquote(url)
        if "\n" in wanted:  # (no line holds it)
            return None
        for start in (self.after, self.first):
            at = self.read.find(wanted, start)
            if at >= 0:
                self.after = at + 1
                return bisect.bisect_right(self.starts, at)
        return None


def _records(
    site_dir: Path, holding: re.Pattern[str] | None = None
) -> Iterator[tuple[str, str, Author | Paper | SitePage]]:
    """The site's records that parse, as (file, its text, record); those that do not are
    skipped: the build has said what is wrong with them. ``holding``: only the files whose
    text it is found in (parsing every record of a 10,000-paper site takes seconds)."""
    from generator.parse import parse_author, parse_page, parse_paper, read_text

    problems = Problems()
    sources = discover(site_dir, problems)
    kinds = ((sources.authors, parse_author), (sources.papers, parse_paper))
    for files, parse in (*kinds, (sources.pages, parse_page)):
        for path, rel in files:
            text = read_text(path, rel, problems)
            if text is not None and holding is not None and not holding.search(text.text):
                continue
            record = None if text is None else parse(text, problems)
            if text is not None and record is not None:
                yield rel, text.text, record


def draft_pages(site_dir: Path) -> list[str]:
    """Where a --drafts build puts the site's drafts' pages (``papers/x/``, ``join-us/``)."""
    return [
        f"papers/{record.slug}/" if isinstance(record, Paper) else f"{record.slug}/"
        for _, _, record in _records(site_dir)
        if isinstance(record, (Paper, SitePage)) and record.draft
    ]


def template_lines(site_dir: Path, paths: Iterable[str]) -> Iterator[tuple[str, int, str]]:
    """Where the site's own templates (``templates/``, ``themes/``) write one of ``paths``."""
    wanted = set(paths)
    if not wanted:
        return
    for folder in (site_dir / "templates", site_dir / "themes"):
        try:
            files = sorted(tree(folder)) if folder.is_dir() else []
        except TooDeep:  # the build says so: this only points at lines
            files = []
        for file in files:
            if file.is_symlink() or not file.is_file() or file.stat().st_size > 2**20:
                continue
            text = file.read_text(encoding="utf-8", errors="replace")
            for number, line in enumerate(text.splitlines(), 1):
                for path in wanted:
                    if path in line:
                        yield file.relative_to(site_dir).as_posix(), number, path


def _base_url(site: Path, override: str | None) -> str:
    """The base_url the site is (or was) built for: ``--base-url``, else site.yaml's."""
    problems = Problems()
    sources = discover(site, problems)
    config = load_config(sources.config, sources.rel(sources.config), problems, base_url=override)
    problems.raise_if_any()
    return config.base_url


def _built_base_url(out: Path) -> str | None:
    """The absolute address a built site was made for, from its robots.txt's Sitemap line."""
    try:
        text = (out / "robots.txt").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for line in text.splitlines():
        key, _, value = line.partition(":")
        value = value.strip()
        if key.strip().lower() == "sitemap" and value.endswith("/sitemap.xml"):
            return value[: -len("sitemap.xml")]
    return None


def _check_site(site: Path, args: argparse.Namespace) -> tuple[str, str | None]:
    """Check the built site (built first, into a folder of its own, unless ``output/`` is
    current or ``--built`` names one): the summary, and the base_url override used."""
    reporter = Reporter()  # progress on a terminal: a large site takes a while
    override = args.base_url
    if args.built is not None:
        # A DIR given is read from the current folder, as `build --out DIR` writes it; the
        # bare option is the site's own output/.
        out = site / "output" if args.built is True else Path(args.built)
        # `build --base-url URL`, then `check --built`: check it for the address it was
        # built for, not site.yaml's (every link would look broken).
        override = override or _built_base_url(out)
        return check_output(out, _base_url(site, override), reporter, site), override
    # check writes nothing in the site folder: it uses a copy of the build cache
    with tempfile.TemporaryDirectory(prefix="authorsite-check-") as tmp:
        cache = copy_of(site, Path(tmp) / "cache")
        if (
            current := current_output(site, drafts=args.drafts, base_url=override, cache_root=cache)
        ) is not None:
            # output/ is what the build would make: read as it is, not built again elsewhere
            print(f"check: {current} is up to date with the site; checking it as it is")
            for line in kept_warnings(site, cache):  # the build's, as it said them
                reporter.warning(line)
            return check_output(current, _base_url(site, override), reporter, site), override
        out = Path(tmp) / "site"
        built = build(
            site, out, drafts=args.drafts, base_url=override, reporter=reporter, cache_root=cache
        )
        for line in built.warnings:  # what a build says and is no problem: said here too
            reporter.warning(line)
        checked = check_output(out, _base_url(site, override), reporter, site, temporary=True)
        # The site checked is the one to publish; output/ is not it, and published by hand
        # (to a branch) it would put the drafts online
        if (
            not args.drafts
            and current_output(site, drafts=True, base_url=override, cache_root=cache) is not None
            and (drafts := draft_pages(site))
        ):
            checked += (
                f"\nnote: output/ is a build with --drafts, which holds {len(drafts):,} draft "
                f"page(s) ({_shown(drafts)}); publish only a build without --drafts"
            )
    return checked, override


def _check(args: argparse.Namespace) -> int:
    """``authorsite check``."""
    site = Path(args.site)
    require_site(site)
    try:
        summary, override = _check_site(site, args)
    except CheckFailed:
        # said beside the problems too: it is published as well (it was said a run later)
        for left in init_examples(site):
            print(f"note: {left}")
        raise
    except ContentError as exc:
        raise SourcesFailed(exc.problems) from None
    print(f"check: {summary}")
    for left in init_examples(site):
        print(f"note: {left}")
    base_url = _base_url(site, override)
    if not is_absolute(base_url):
        # A site made by init publishes through its workflow, which passes the address:
        # nothing to set, and a base_url set by hand would be overridden there anyway.
        workflow = site / ".github" / "workflows" / "pages.yml"
        passed = workflow.is_file() and "--base-url" in workflow.read_text(
            encoding="utf-8", errors="replace"
        )
        print(
            "note: base_url is not a full address, so feeds and the sitemap carry paths only; "
            + (
                "the GitHub Pages workflow (.github/workflows/pages.yml) builds with the "
                "site's address, so the published site has full ones"
                if passed
                else "set base_url (or --base-url) to https://… before publishing"
            )
        )
        if passed and base_url == "/" and (rooted := rooted_links(site)):
            print(f"note: {rooted}")
    elif args.built is not None and (insecure := plain_http_note(base_url)) is not None:
        # said by the build, whose warnings a check that builds repeats; not by --built
        print(f"note: {insecure}")
    return 0


# The example paper `authorsite init` writes (generator/scaffold/), found by its title line.
INIT_EXAMPLE_TITLE = "title: An Example Paper (replace or delete me)"


def init_examples(site: Path) -> list[str]:
    """The examples of ``authorsite init`` a site would still publish: a newcomer who
    imported their papers kept "An Example Paper (replace or delete me)" on the site."""
    from generator.ingest.scaffold import NEW_TEXTS  # the importers' code

    found = []
    for kind, texts in (
        ("papers", {paper for paper, _, _ in NEW_TEXTS.values()}),
        ("pages", {page for _, _, page in NEW_TEXTS.values()}),
    ):
        for record in sorted((site / "content" / kind).glob("*.md")):
            try:
                lines = record.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeError):  # said by the build already
                continue
            if "draft: true" in lines:  # not published
                continue
            rel = record.relative_to(site).as_posix()
            if kind == "papers" and INIT_EXAMPLE_TITLE in lines:
                found.append(
                    f"{rel} is still the example paper `authorsite init` wrote, and is "
                    "published with the site: delete it"
                )
            elif texts.intersection(lines):
                found.append(
                    f"{rel}: its text is still the example `authorsite new {kind[:-1]}` "
                    "wrote, and is published with the site: write yours"
                )
    from generator.ingest.author_fill import PLACEHOLDERS
    from generator.ingest.scaffold import DEFAULT_NAME

    for record in sorted((site / "content" / "authors").glob("*.y*ml")):
        try:
            text = record.read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            continue
        rel = record.relative_to(site).as_posix()
        if PLACEHOLDERS["bio"] in text:
            found.append(
                f"{rel}: `bio` is still the example sentence "
                "`authorsite init` wrote, and is published on the profile: write yours"
            )
        found += _placeholder_name(rel, text, ("name",), DEFAULT_NAME, "the profile")
    try:  # `init` without --name: every page's header and title said "Your Name"
        config = (site / "site.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return found
    keys = ("title", "description")
    return found + _placeholder_name("site.yaml", config, keys, DEFAULT_NAME, "every page")


def _placeholder_name(
    rel: str, text: str, keys: tuple[str, ...], name: str, shown: str
) -> list[str]:
    """A note for each of ``keys`` whose value (or its block's first line) still says the
    placeholder ``name`` that `authorsite init` writes without --name."""
    said = []
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        key = line.partition(":")[0]
        if key not in keys:
            continue
        value = line.partition(":")[2]
        if value.strip() in (">-", ">", "|", "|-") and number < len(lines):
            value = lines[number]  # a block: its first line
        if name in value:
            said.append(
                f"{rel}:{number}: `{key}` still says {name!r}, as `authorsite init` wrote it "
                f"without --name, and {shown} shows it: write yours"
            )
    return said


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``authorsite check``."""
    from generator.cli import add_site_option  # cli imports this module while it runs

    parser = subparsers.add_parser(
        "check",
        help="validate the content and the built site (links, anchors, feeds, sitemap)",
        description=(
            "Build into a temporary folder, or read output/ when a build would leave it as "
            "it is (nothing in output/ changes), and verify every internal link and #anchor, "
            "every asset, the feeds and the sitemap."
        ),
    )
    add_site_option(parser)
    parser.add_argument(
        "--built",
        nargs="?",
        const=True,
        metavar="DIR",
        help="check an already built folder instead (default: output/)",
    )
    parser.add_argument("--drafts", action="store_true", help="include papers marked draft: true")
    parser.add_argument(
        "--base-url", metavar="URL", type=base_url_option, help="override site.yaml's base_url"
    )
    parser.set_defaults(func=_check)


def _case_hint(twin: str | None) -> str:
    """What to write when a link names a file in other capitals than the file has."""
    if twin is None:
        return ""
    return f"; the file is /{twin}: GitHub Pages tells capital letters from small ones"
