"""Where academicpages, al-folio and Hugo Blox keep the site owner's profile, read.

- academicpages: ``_config.yml`` (``author:`` block, top-level ``name``), the avatar in
  ``images/``, and the home page ``_pages/about.md`` (its text is the bio).
- al-folio: ``_config.yml`` (``first_name``/``middle_name``/``last_name``, and the social
  keys older versions kept there), ``_data/socials.yml`` (newer versions), and
  ``_pages/about.md`` (``subtitle``, ``profile.image`` in ``assets/img/``, the body).
- Hugo Blox: the owner's ``data/authors/<slug>.yaml`` (current) or
  ``content/authors/<slug>/_index.md`` (Wowchemy, Academic; or ``index.md``, at any depth:
  see ``hugo.author_pages``; YAML or TOML front matter),
  with the avatar beside it or in ``assets/media/authors/``; the home page's biography
  block (``content/_index.md``), whose text the site showed in place of the ``bio``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.errors import ContentError
from generator.ingest import hugo, hugo_people
from generator.ingest.old_pages import hugo_configs
from generator.ingest.profiles import (
    ImportedProfile,
    bio_from,
    mapping_of,
    one_line,
    photo_file,
    plain_value,
    read_page,
    remote_photo,
    sample,
    take_link,
    yaml_file,
    yaml_list_or_mapping,
)
from generator.ingest.work import Work, slugify
from generator.names import cjk_key, name_key
from generator.parse import ORDER_LIMIT
from generator.urls import bare_host
from generator.validate import email_problem, find_control, unbalanced_bidi
from generator.yamlio import safe_load, single_quoted

# academicpages' `author:` keys: our link name, and the address a user name makes (None:
# the key holds an address).
ACADEMICPAGES_LINKS: dict[str, tuple[str, str | None]] = {
    "uri": ("homepage", None),
    "googlescholar": ("scholar", None),
    "orcid": ("orcid", "https://orcid.org/{}"),
    "researchgate": ("researchgate", None),
    "semantic": ("semantic_scholar", None),
    "dblp": ("dblp", None),
    "arxiv": ("arxiv", None),
    "pubmed": ("pubmed", None),
    "scopus": ("scopus", None),
    "academia": ("academia", None),
    "inspire-hep": ("inspire", None),
    "github": ("github", "https://github.com/{}"),
    "gitlab": ("gitlab", "https://gitlab.com/{}"),
    "bitbucket": ("bitbucket", "https://bitbucket.org/{}"),
    "kaggle": ("kaggle", "https://www.kaggle.com/{}"),
    "twitter": ("twitter", "https://x.com/{}"),
    "linkedin": ("linkedin", "https://www.linkedin.com/in/{}"),
    "bluesky": ("bluesky", "https://bsky.app/profile/{}"),
    "mastodon": ("mastodon", None),
    "youtube": ("youtube", "https://www.youtube.com/@{}"),
    "medium": ("medium", None),
}
# al-folio's social keys (`_data/socials.yml`, or `_config.yml` in older versions).
ALFOLIO_LINKS: dict[str, tuple[str, str | None]] = {
    "work_url": ("homepage", None),
    "scholar_userid": ("scholar", "https://scholar.google.com/citations?user={}"),
    "orcid_id": ("orcid", "https://orcid.org/{}"),
    "github_username": ("github", "https://github.com/{}"),
    "gitlab_username": ("gitlab", "https://gitlab.com/{}"),
    "x_username": ("twitter", "https://x.com/{}"),
    "twitter_username": ("twitter", "https://x.com/{}"),
    "linkedin_username": ("linkedin", "https://www.linkedin.com/in/{}"),
    "research_gate_profile": ("researchgate", "https://www.researchgate.net/profile/{}"),
    "semanticscholar_id": ("semantic_scholar", "https://www.semanticscholar.org/author/{}"),
    "dblp_url": ("dblp", None),
    "inspirehep_id": ("inspire", "https://inspirehep.net/authors/{}"),
    "acm_id": ("acm", "https://dl.acm.org/profile/{}"),
    "ieee_id": ("ieee", "https://ieeexplore.ieee.org/author/{}"),
    "scopus_id": ("scopus", "https://www.scopus.com/authid/detail.uri?authorId={}"),
    "wikidata_id": ("wikidata", "https://www.wikidata.org/wiki/{}"),
    "bluesky_url": ("bluesky", None),
    "mastodon_username": ("mastodon", "https://{}"),
    "blogger_url": ("blog", None),
    "medium_username": ("medium", "https://medium.com/@{}"),
    "youtube_id": ("youtube", "https://www.youtube.com/@{}"),
}
_USER_NAME = re.compile(r"@?[\w.~-]+(?:/@?[\w.~-]+)*")
_BARE_HOST = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}/", re.IGNORECASE)


def _keyed_links(
    profile: ImportedProfile,
    data: dict[str, Any],
    table: dict[str, tuple[str, str | None]],
    origin: Path,
    prefix: str,
    notes: list[str],
) -> None:
    """Links from a template's keys: an address as written, a user name made one."""
    for key, (name, template) in table.items():
        value = plain_value(data.get(key))
        where = f"{prefix}{key}"
        if not value or value.lower() in ("true", "false"):
            continue
        if re.match(r"[a-z][\w+.-]*:", value, re.IGNORECASE):  # an address (or a scheme)
            take_link(profile, name, value, origin, where, notes)
        elif _BARE_HOST.match(value) or (template is None and bare_host(value)):
            # `github.com/ann`, `uri: www.annlee.com` (an address, not a user name): typed
            # without https://
            take_link(profile, name, "https://" + value, origin, where, notes)
        elif template and _USER_NAME.fullmatch(value):
            take_link(profile, name, template.format(value.lstrip("@")), origin, where, notes)
        else:
            notes.append(f"{origin}: {where} {value!r} is no address; not imported")


def _email(
    profile: ImportedProfile, value: Any, origin: Path, where: str, notes: list[str]
) -> None:
    text = plain_value(value)
    text = text[7:].strip() if text.lower().startswith("mailto:") else text
    problem = email_problem(text) if text else None
    if problem is not None:  # the record written would not build
        notes.append(f"{profile.rel(origin)}: {where}: {problem}; not imported")
        return
    profile.given("email", text, origin, where)


def _local_photo(
    profile: ImportedProfile, value: str, folder: Path, notes: list[str], where: str
) -> None:
    """A photo named in a config: a file of the folder (``folder`` for a bare name)."""
    if not value or sample(value):
        return
    if re.match(r"[a-z][\w+.-]*:|//", value, re.IGNORECASE):
        remote_photo(value, notes, where)
        return
    path = profile.root / value.lstrip("/") if "/" in value else folder / value
    photo_file(profile, path, notes, where)


def read_academicpages(root: Path, notes: list[str]) -> ImportedProfile:
    """academicpages: ``_config.yml``'s ``author:`` and ``_pages/about.md``."""
    profile = ImportedProfile("academicpages", root)
    config = root / "_config.yml"
    data = yaml_file(config, root)
    author = mapping_of(data.get("author"))
    profile.given("name", _line(author.get("name")), config, "author.name")
    profile.given("name", _line(data.get("name")), config, "name")
    profile.given("affiliation", _line(author.get("employer")), config, "author.employer")
    sidebar = plain_value(author.get("bio"))
    _email(profile, author.get("email"), config, "author.email", notes)
    _keyed_links(profile, author, ACADEMICPAGES_LINKS, config, "author.", notes)
    avatar = plain_value(author.get("avatar"))
    _local_photo(profile, avatar, root / "images", notes, f"{config} author.avatar")
    about = root / "_pages" / "about.md"
    _, body = read_page(about, root)
    bio_from(profile, body, about, "(the page's text)", notes, data)
    _repository_name(profile)
    # The sidebar's line under the name: a position ("PhD student at X") when short; the
    # bio when the home page has no text of its own.
    if sidebar and len(sidebar) <= 80 and profile.bio:
        profile.given("position", _line(author.get("bio")), config, "author.bio")
    else:
        bio_from(profile, sidebar, config, "author.bio", notes)
    return profile


def _repository_name(profile: ImportedProfile) -> None:
    """The folder's name as a spelling of the owner's: a GitHub Pages site's repository is
    ``<account>.github.io`` (academicpages' and al-folio's way to publish)."""
    account = re.fullmatch(r"(.+)\.github\.io", profile.root.resolve().name, re.I)
    if account:
        profile.spelled(account.group(1), profile.root, "the folder's name")


def _first(value: Any) -> str:
    """The first of a list of names (``[Tom, T.]``), or the one name."""
    return one_line(value[0] if isinstance(value, list) and value else value)


def read_alfolio(root: Path, notes: list[str]) -> ImportedProfile:
    """al-folio: ``_config.yml``, ``_data/socials.yml`` and ``_pages/about.md``."""
    profile = ImportedProfile("al-folio", root)
    config = root / "_config.yml"
    data = yaml_file(config, root)
    parts = [plain_value(data.get(key)) for key in ("first_name", "middle_name", "last_name")]
    profile.given("name", _line(_full_name(*parts)), config, "first/last_name")
    # jekyll-scholar's names of the owner (bold in the bibliography): the name where the
    # template's `You R. Name` is still in place
    scholar = mapping_of(data.get("scholar"))
    first, last = (_first(scholar.get(key)) for key in ("first_name", "last_name"))
    if first and last:
        name = plain_value(_full_name(first, "", last))
        profile.given("name", name, config, "scholar.first_name/last_name")
    # its other spellings (`[凯乐, Kaile]`): the first of each with Latin letters, then
    # every other pair of them, which jekyll-scholar bolds too (`[Mei, M.]`: `M. Okafor`)
    firsts, lasts = (_latins(scholar.get(key)) for key in ("first_name", "last_name"))
    pairs = [f"{given} {family}" for given in firsts for family in lasts]
    # and those in Chinese characters, kana or Hangul (`[高橋]` and `[由美]`), surname first
    # as jekyll-scholar bolds `高橋, 由美`: the owner's thesis in Japanese was no one's
    cjks = [_cjks(scholar.get(key)) for key in ("first_name", "last_name")]
    pairs += [_full_name(given, "", family) for given in cjks[0] for family in cjks[1]]
    # the template's own (`[Albert, A.]`, `[Einstein]`): no spelling of the owner's
    for pair in [] if any(map(sample, pairs)) else pairs:
        profile.spelled(pair, config, "scholar.first_name/last_name", alias=True)
    socials_path = root / "_data" / "socials.yml"
    listed = yaml_list_or_mapping(socials_path, root)
    socials = listed if isinstance(listed, dict) else {}
    if isinstance(listed, list):  # `- name: LinkedIn` / `icon: …` / `url: …` (forks)
        for number, item in enumerate(listed, 1):
            entry = mapping_of(item)
            url = entry.get("url", entry.get("link"))
            if isinstance(url, str):
                name = one_line(entry.get("name") or entry.get("icon")) or "homepage"
                take_link(profile, name, url, socials_path, f"item {number}", notes)
    for source, values in ((socials_path, socials), (config, data)):
        _email(profile, values.get("email"), source, "email", notes)
        _keyed_links(profile, values, ALFOLIO_LINKS, source, "", notes)
    for key, value in socials.items():  # a custom entry: `name: {title, url, logo}`
        entry = mapping_of(value)
        if key not in ALFOLIO_LINKS and isinstance(entry.get("url"), str):
            take_link(profile, str(key), entry["url"], socials_path, f"{key}.url", notes)
    about = root / "_pages" / "about.md"
    front, body = read_page(about, root)
    subtitle = front.get("subtitle") or front.get("description")
    profile.given("position", _line(subtitle), about, "subtitle")
    image = plain_value(mapping_of(front.get("profile")).get("image"))
    _local_photo(profile, image, root / "assets" / "img", notes, f"{about} profile.image")
    # `title: blank` is al-folio's "the full name is used instead" (its _config.yml's words):
    # `{{ site.title }}` in the about page showed "blank"
    blank = str(data.get("title") or "").strip() in ("", "blank") and profile.name
    site = {**data, "title": profile.name} if blank else data
    bio_from(profile, body, about, "(the page's text)", notes, site)
    return profile


def _latins(value: Any) -> list[str]:
    """The names of a list (or the one name) that have Latin letters to spell, in order."""
    names = [one_line(v) for v in (value if isinstance(value, list) else [value])]
    return [n for n in names if slugify(n, what="")]


def _cjks(value: Any) -> list[str]:
    """The names of a list (or the one name) in Chinese characters, kana or Hangul."""
    names = [one_line(v) for v in (value if isinstance(value, list) else [value])]
    return [n for n in names if cjk_key(n)]


def _full_name(first: str, middle: str, last: str) -> str:
    """A name of its parts: given names first, but a name in Chinese characters, kana or
    Hangul surname first and without a blank, as the BibTeX import writes `高橋, 由美`
    (al-folio's `first_name: 由美`, `last_name: 高橋` made "由美 高橋")."""
    if first and last and not middle and cjk_key(first) and cjk_key(last):
        return f"{last}{first}"
    return " ".join(p for p in (first, middle, last) if p)


def _hugo_authors(root: Path) -> list[tuple[Path, dict[str, Any], str]]:
    """Every author file of the site, its data and body."""
    found: list[tuple[Path, dict[str, Any], str]] = []
    for path in sorted((root / "data" / "authors").glob("*.y*ml")):
        found.append((path, yaml_file(path, root), ""))
    content = hugo.content_folder(root, [])
    for path in hugo.author_pages(content):
        front, body = read_page(path, root)
        found.append((path, front, body))
    return found


def _hugo_owner(root: Path) -> tuple[Path, dict[str, Any], str] | None:
    """The owner's author file, its data and body: ``is_owner``/``superuser``, else the
    ``me`` or ``admin`` user."""
    found = _hugo_authors(root)

    owners = [
        f for f in found if hugo.flag(f[1].get("is_owner")) or hugo.flag(f[1].get("superuser"))
    ]
    users = [f for f in found if hugo.author_slug(f[0]) in ("me", "admin")]
    chosen = owners or users
    return chosen[0] if chosen else None


def _line(value: Any) -> str:
    """A one-line field of the profile, which shows it as plain text: HTML's emphasis is
    dropped, not made Markdown's (al-folio's `subtitle: "<strong>Quantum Researcher
    </strong> @ …"` was the position `**Quantum Researcher **`, stars and all)."""
    return plain_value(value, marks=False)


def _names(value: Any, key: str = "name") -> list[str]:
    """``[{name: .., url: ..}]`` (organizations) as their names."""
    items = value if isinstance(value, list) else []
    return [n for n in (plain_value(mapping_of(i).get(key)) for i in items) if n]


def read_hugo(root: Path, notes: list[str]) -> ImportedProfile | None:
    """Hugo Blox: the owner's ``data/authors/*.yaml`` or ``content/authors/*/_index.md``."""
    owner = _hugo_owner(root)
    if owner is None:
        return None
    shown = hugo_people.shown_groups(root)
    groups = shown[0] if shown is not None else []
    profile = _hugo_person(root, owner, notes, _home_biography(root), groups)
    profile.slug = _page_slug(owner[1])  # a new record's (see _member_slug)
    return profile


def _hugo_person(
    root: Path,
    found: tuple[Path, dict[str, Any], str],
    notes: list[str],
    home: tuple[Path, str, int] | None = None,
    groups: Sequence[str] = (),
) -> ImportedProfile:
    """One person's author file as a profile (the owner's, or a lab member's); ``home``:
    the home page's biography block, which the site showed as the owner's; ``groups``:
    the user groups the site's People block shows, in its order."""
    path, data, body = found
    profile = ImportedProfile("Hugo Blox", root)
    title = _line(data.get("title")) if path.suffix == ".md" else ""
    profile.given("name", title, path, "title")
    profile.given("name", _line(hugo.display_name(data.get("name"))), path, "name")
    profile.given("position", _line(data.get("role")), path, "role")
    _hugo_group(profile, path, data, groups)
    orgs = _names(data.get("affiliations")) or _names(data.get("organizations"))
    profile.given("affiliation", "; ".join(orgs), path, "organizations")
    interests = data.get("interests")
    if isinstance(interests, list):
        words = [w for w in (plain_value(i) for i in interests) if w]
        profile.given("field", ", ".join(words), path, "interests")
    _email(profile, data.get("email"), path, "email", notes)
    for key in ("links", "profiles", "social"):
        items = data.get(key)
        for number, item in enumerate(items if isinstance(items, list) else [], start=1):
            entry = mapping_of(item)
            url = entry.get("url") or entry.get("link")
            icon = one_line(entry.get("icon")) or one_line(entry.get("label")) or key
            if isinstance(url, str):
                take_link(profile, icon, url, path, f"{key} {number} ({icon})", notes)
    bio_from(profile, body, path, "(the page's text)", notes)
    if home is not None:
        bio_from(profile, home[1], home[0], f"sections {home[2]} (the block's text)", notes)
    bio_from(profile, str(data.get("bio") or ""), path, "bio", notes)
    _hugo_avatar(profile, path, data, notes)
    _hugo_spellings(profile, path, data)
    return profile


def _hugo_group(
    profile: ImportedProfile, path: Path, data: dict[str, Any], shown: Sequence[str]
) -> None:
    """The person's heading on the People page, the first of their ``user_groups`` the
    block shows (else their first), and their ``weight``, as the record's `group` and
    `order`: the authors page lists the lab as the old site did."""
    value = data.get("user_groups")
    theirs = [g for g in (_line(i) for i in (value if isinstance(value, list) else [value])) if g]
    group = next((g for g in shown if g in theirs), theirs[0] if theirs else "")
    profile.given("group", group, path, "user_groups")
    weight = data.get("weight")
    if isinstance(weight, bool) or not isinstance(weight, (int, float)):
        return
    if math.isfinite(weight) and abs(weight) <= ORDER_LIMIT:
        profile.order = float(weight)
        profile.origins["order"] = f"{profile.rel(path)} weight"


_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
# A group's name that YAML's `[…]` list may read as written, without quotes
_PLAIN_GROUP = re.compile(r"\w[\w ]*\w|\w")


def _listed_group(group: str) -> str:
    """``group`` as an item of site.yaml's `author_groups: [...]`: plain where the build
    reads it back as written, else in quotes. A People block's `Yes` or `null` was written
    plain, which the build read as true and as an empty entry, and refused."""
    plain = _PLAIN_GROUP.fullmatch(group) and safe_load(f"[{group}]") == [group]
    return group if plain else single_quoted(group)


def _member_slug(person: tuple[Path, dict[str, Any], str]) -> str:
    """The slug of a lab member's new record: the author page's own `slug:`, which Hugo
    gives the profile's address in place of its folder's name (it was not read, and the
    address the old site linked changed), else the folder's; none ("": the name makes
    it) where neither is a slug, or the folder is `admin`, the template's user."""
    path, data, _ = person
    return _page_slug(data) or _page_slug({"slug": hugo.author_slug(path)})


def _page_slug(data: dict[str, Any]) -> str:
    """An author file's `slug:` where it is one of ours; "" for `admin` and `me`, which
    name the template's user (its `data/authors/me.yaml` says `slug: me`), not the person."""
    own = one_line(data.get("slug")).strip("/")
    return own if _SLUG.fullmatch(own) and own not in ("admin", "me") else ""


def read_hugo_members(
    folder: str, owner: ImportedProfile | None, notes: list[str]
) -> list[ImportedProfile]:
    """The lab's other people in a Hugo Blox site folder, each as a profile (see
    :mod:`hugo_people` for who is one): a lab's students and postdocs, each with an author
    page and a place on the People page, were named in a note and left out. ``notes``:
    the author pages left out, and why."""
    root = Path(folder)
    if not root.is_dir():
        return []
    authors = _hugo_authors(root)
    found = _hugo_owner(root)
    own = found[0] if found is not None else None
    shown = hugo_people.shown_groups(root)  # (every page read: once)
    groups = shown[0] if shown is not None else []
    chosen, said = hugo_people.members(root, authors, own, owner.name if owner else "", shown)
    notes.extend(said)
    people = []
    for person in chosen:
        own_notes: list[str] = []  # each member's, said with their record
        profile = _tidied(_hugo_person(root, person, own_notes, groups=groups), own_notes)
        profile.slug = _member_slug(person)
        if not profile.empty():
            people.append(profile)
    # the groups the records get: not one the record leaves out (a direction override
    # left open, a control character), which the line named, a group of no author
    used = [
        g
        for g in groups
        if any(p.group == g for p in people) and not find_control(g) and not unbalanced_bidi(g)
    ]
    if shown is not None and len(used) > 1:
        listed = ", ".join(_listed_group(g) for g in used)
        notes.append(
            f"{shown[1][0]}: the People block lists its groups in this order; for the "
            f"authors page to list them so, add to site.yaml `author_groups: [{listed}]` "
            "(without it, A to Z)"
        )
    return people


def hugo_site_title_name(profile: ImportedProfile, works: list[Work]) -> None:
    """The owner's name from the Hugo site's ``title`` where the owner's page names none
    (`title:` left empty, as the site's header showed its title instead) and at least half
    of the site's publications list that title among their authors: the record kept
    "Your Name", and the profile listed none of the papers."""
    if profile.name or not works:
        return
    for path, data in hugo_configs(profile.root, (".", "config/_default"), ("hugo", "config")):
        title = _line(data.get("title"))
        if not title:
            continue
        key = name_key(title)
        theirs = sum(1 for w in works if key and key in map(name_key, w.authors))
        if 2 * theirs >= len(works):
            where = f"title, the site's title: an author of {theirs} of its {len(works)} papers"
            profile.given("name", title, path, where)
        return


# The home page's blocks that show the owner: Hugo Blox's `resume-biography` (and `-3`),
# Wowchemy's `about.biography`.
_BIOGRAPHY_BLOCKS = re.compile(r"resume-biography(?:-\d+)?|about\.biography|about\.avatar")


def _home_biography(root: Path) -> tuple[Path, str, int] | None:
    """The home page's biography block's ``content.text``, its page and its number among
    ``sections``: Hugo Blox shows that text as the owner's biography, in place of the
    author file's short ``bio`` (a page that cannot be read is the pages' import's note)."""
    page = hugo.content_folder(root, []) / "_index.md"
    try:
        front, _ = read_page(page, root)
    except ContentError:
        return None
    sections = front.get("sections")
    for number, section in enumerate(sections if isinstance(sections, list) else [], start=1):
        entry = mapping_of(section)
        if _BIOGRAPHY_BLOCKS.fullmatch(one_line(entry.get("block"))):
            text = mapping_of(entry.get("content")).get("text")
            if isinstance(text, str) and text.strip():
                return page, text, number
    return None


def _hugo_spellings(profile: ImportedProfile, path: Path, data: dict[str, Any]) -> None:
    """The owner's other spellings in Hugo Blox: ``name.given``/``family``,
    ``pronunciation`` and ``alternate`` (current); ``first_name``/``last_name`` and
    ``name_pronunciation`` (older); the author's file or folder name (not `admin`/`me`)."""
    name = mapping_of(data.get("name"))
    pairs = (
        ("name.given/family", name, "given", "family"),
        ("first/last_name", data, "first_name", "last_name"),
    )
    # A name shown in kanji (`title: 小林 美穂`) is written in Latin letters on the owner's
    # papers in English, as its given and family names say (`Miho Kobayashi`): an alias,
    # where those papers were no one's
    kanji = bool(cjk_key(profile.name or ""))
    for where, values, first, last in pairs:
        spelled = f"{one_line(values.get(first))} {one_line(values.get(last))}"
        latin = kanji and bool(slugify(spelled, what=""))
        profile.spelled(spelled, path, where, alias=latin)
    profile.spelled(one_line(name.get("pronunciation")), path, "name.pronunciation")
    alternate = one_line(name.get("alternate"))
    latin = kanji and bool(slugify(alternate, what=""))
    profile.spelled(alternate, path, "name.alternate", alias=latin)
    profile.spelled(one_line(data.get("name_pronunciation")), path, "name_pronunciation")
    slug = hugo.author_slug(path)
    if slug not in ("admin", "me"):
        whose = "folder name" if path.suffix == ".md" else "file name"
        profile.spelled(slug.replace("-", " ").replace("_", " "), path, whose)


_AVATAR_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")


def _hugo_avatar(
    profile: ImportedProfile, path: Path, data: dict[str, Any], notes: list[str]
) -> None:
    """The avatar Hugo Blox finds: ``avatar.*`` in the author's folder (Wowchemy), or
    ``assets/media/authors/<slug>.*`` (current); an ``avatar:`` key names one."""
    if path.suffix == ".md":
        candidates = sorted(path.parent.glob("avatar*"))
    else:
        media = profile.root / "assets" / "media" / "authors"
        candidates = sorted(media.glob(f"{path.stem}.*"))
        named = plain_value(data.get("avatar"))
        if named:
            _local_photo(profile, named, media, notes, f"{path} avatar")
            return
    pictures = [c for c in candidates if c.suffix.lower() in _AVATAR_SUFFIXES]
    if pictures:
        photo_file(profile, pictures[0], notes, f"{path} avatar")


READERS = {"academicpages": read_academicpages, "al-folio": read_alfolio, "hugo": read_hugo}


def read_profile(kind: str, folder: str) -> ImportedProfile | None:
    """The owner's profile in a site folder of ``kind`` (None: a file, or nothing said);
    what was left out, and why, is in its ``notes``."""
    root = Path(folder)
    if not root.is_dir():  # one page or a TSV: no profile there
        return None
    notes: list[str] = []
    profile = READERS[kind](root, notes)
    if profile is None or profile.empty():
        return None
    return _tidied(profile, notes)


def _tidied(profile: ImportedProfile, notes: list[str]) -> ImportedProfile:
    """The profile's name without titles and nickname, said in ``notes``, which become
    the profile's."""
    name, titles = without_titles(profile.name)
    if titles and name:
        origin = profile.origins.get("name", "the name")
        notes.append(
            f"{origin}: {' and '.join(repr(t) for t in titles)} left out of the name "
            f"{profile.name!r}: author lists name no titles or degrees, so the record's name "
            "would match none of your papers (write it in `position` if it should show)"
        )
        profile.name = name
    name, nickname = without_nickname(profile.name)
    if nickname:
        origin = profile.origins.get("name", "the name")
        notes.append(
            f"{origin}: {nickname!r} left out of the name {profile.name!r}: author lists "
            "write the name without it, so the record's name would match none of your "
            "papers (write it in `aliases` where a paper writes the name with it)"
        )
        profile.name = name
    profile.notes = notes
    return profile


# A nickname written in the name, in parentheses or quotes (Hugo Blox's `name: Jonathan
# Ojeda (Jony)`, al-folio's `middle_name: (Alan)`, `Robert "Bob" Smith`): the record's
# name held it, and matched none of the owner's papers (`J. J. Ojeda` was not said to
# be perhaps theirs, and was their own most frequent co-author).
_NICKNAME = re.compile(
    r"[ \t]*(\([^()\d]*[^\W\d_][^()\d]*\)|[\"“][^\"“”\d]*[^\W\d_][^\"“”\d]*[\"”])"
)


def without_nickname(name: str) -> tuple[str, str]:
    """``name`` without a nickname in parentheses or quotes, and that nickname (empty where
    it has none, or where only one word would be left: `王凯乐 (Kaile Wang)`)."""
    found = _NICKNAME.search(name)
    if found is None:
        return name, ""
    rest = " ".join((name[: found.start()] + " " + name[found.end() :]).split())
    return (rest, found.group(1)) if len(rest.split()) >= 2 else (name, "")


# A degree after the name (`Aron Gyorgypal, PhD`, as a sidebar shows it) and a title
# before it (`Dr. Ann Lee`, `Prof. Ann Lee`): name_key read `Gyorgypal, PhD` as
# "Last, First", and the record matched no paper.
_DEGREE = re.compile(
    r"(?:,\s*(Ph\.?\s?D\.?|D\.?\s?Phil\.?|M\.?\s?D\.?|M\.?\s?Sc\.?|M\.?\s?S\.?|M\.?\s?A\.?|MBA|"
    r"B\.?\s?Sc\.?|FRS|Dr\.?\s?rer\.?\s?nat\.?)|\s+(Ph\.?\s?D\.?|D\.?\s?Phil\.?))\s*$"
)
# Initials after a family name, as a profile writes "Smith, M. S." (family, initials):
# they were read as a degree (M.S.), and the name became "Smith".
_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.\s?)+")
# The particles a family name starts with (`De la Cruz, M. A.`, `van Berg, M. S.`): a
# family name of more words than one, still followed by initials, not by a degree.
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "la",
        "le",
        "ter",
        "ten",
    ]
)
# (a German doctorate names its kind, `Dr. rer. nat.`, `Dr. med.`, `Dr.-Ing.`: the kind
# in small letters stayed, and the name became "rer. nat. Ann Lee")
_TITLE = re.compile(r"^(Dr\.(?:-Ing\.)?(?:\s*[a-z]{1,6}\.)*|Prof\.|Professor|Dr)\s+(?=\S)")


def _family(words: str) -> bool:
    """Whether ``words`` (before a comma) are a family name alone: one word, or words
    after particles (`De la Cruz`); `Ann Smith` is a person's whole name."""
    *before, _ = words.split() or [""]
    return all(word.lower() in _PARTICLES for word in before)


def without_titles(name: str) -> tuple[str, list[str]]:
    """``name`` without the degrees after it and the titles before it, and those."""
    titles: list[str] = []
    while (degree := _DEGREE.search(name)) is not None:
        if _INITIALS.fullmatch(degree.group(1) or "") and _family(name[: degree.start()]):
            break  # `Smith, M. S.`: a family name and its initials, not a Master of Science
        titles.insert(0, degree.group(1) or degree.group(2))
        name = name[: degree.start()].rstrip(" ,")
    prefixes = []
    while (title := _TITLE.match(name)) is not None:
        prefixes.append(title.group(1))
        name = name[title.end() :]
    return name, prefixes + titles
