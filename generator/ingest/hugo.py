"""Hugo Blox (Wowchemy, Academic) sites → works.

Reads ``content/publication(s)/*/index.md`` with YAML or TOML front matter, resolves
the ``admin`` author to the site owner's name, and takes the ``cite.bib`` beside each
page as the record's BibTeX (and to fill what the front matter leaves out).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from generator import yamlio
from generator.errors import ContentError, Problem
from generator.ids import is_resolver_url, parse_doi
from generator.ingest.academicpages import split_names
from generator.ingest.bibtex import page_bibtex
from generator.ingest.bibtex_fields import preprint_server
from generator.ingest.bibtex_names import PERSON_MARKS, vancouver_names
from generator.ingest.frontmatter import (
    as_date,
    check_page,
    no_scheme_note,
    read_front_matter,
    site_links_note,
    template_addresses,
    unreadable_name,
)
from generator.ingest.pdfs import KINDS
from generator.ingest.pdfs import TYPES as FILE_TYPES
from generator.ingest.pdfs import take as take_pdf
from generator.ingest.sources import line_of, outside, read_text
from generator.ingest.talks import collection_note
from generator.ingest.work import (
    UnreadWorks,
    Work,
    bare_doi,
    check,
    fill_locators,
    first_isbn,
    fold_markdown,
    fold_space,
    named_by_address,
    normalise_date,
    ours,
    page_edition,
    split_arxiv_id,
    typo_of_ours,
    url_path,
    without_html_comments,
)
from generator.languages import east_asian
from generator.urls import bare_host
from generator.validate import BIDI, CONTROL

# Hugo Blox's publication types: the old numeric codes and the newer CSL names.
TYPES = {
    "1": "conference",
    "2": "article",
    "3": "preprint",
    "4": "report",
    "5": "book",
    "6": "chapter",
    "7": "thesis",
    "8": "other",
    "paper-conference": "conference",
    "article-journal": "article",
    "article": "article",
    "preprint": "preprint",
    "report": "report",
    "book": "book",
    "chapter": "chapter",
    "thesis": "thesis",
    "patent": "other",
    # The other types Hugo Blox's template lists ("article-journal, article-conference,
    # book, chapter, dataset, manuscript, paper-conference, patent, report, software,
    # thesis, webpage"): a "manuscript" is its preprint or working paper, which sites
    # mark so; it was of no type, and its published version made a second record.
    "manuscript": "preprint",
    "article-conference": "conference",
    "dataset": "other",
    "software": "other",
    "webpage": "other",
}
# A site's own numbering of publication_types, as the comment above the key declares it
# where the site changed it (arisp99/personal-site: `# Legend: 0 = Uncategorized; 1 =
# Journal article; … 5 = Oral presentation; 6 = Poster presentation; …`): the page's "1"
# was read by Academic's numbering, a conference paper, its poster a book chapter. The
# legend's words, as our types; another (a poster) is the type as the legend writes it.
_LEGEND_TYPES = {
    "uncategorized": None,
    "conference paper": "conference",
    "journal article": "article",
    "preprint": "preprint",
    "working paper": "preprint",
    "preprint / working paper": "preprint",
    "manuscript": "preprint",  # older Academic's legend (shulele's): TYPES' "3"
    "report": "report",
    "book": "book",
    "book section": "chapter",
    "book chapter": "chapter",
    "thesis": "thesis",
    "patent": "other",
}
_LEGEND = re.compile(r"^#\s*Legend\s*:(.*(?:\n#(?!\s*Legend).*)*)", re.MULTILINE | re.IGNORECASE)
_LEGEND_ITEM = re.compile(r"(\d+)\s*=\s*([^;\n#]+)")


def _own_legend(text: str) -> dict[str, str | None]:
    """The types a page's ``# Legend:`` comment gives its ``publication_types`` numbers,
    by number (Academic's own legend gives Academic's, as ``TYPES`` does)."""
    found = _LEGEND.search(text)
    if found is None:
        return {}
    legend: dict[str, str | None] = {}
    for number, label in _LEGEND_ITEM.findall(found.group(1)):
        words = fold_space(label).strip(" .")
        legend[number] = _LEGEND_TYPES.get(words.casefold(), words or None)
    return legend


LINKS = {
    "url_pdf": "pdf",
    "url_code": "code",
    "url_dataset": "data",
    "url_project": "project",
    "url_slides": "slides",
    "url_video": "video",
    "url_source": "project",
    "url_poster": "poster",
}


def import_hugo(folder: str, notes: list[str] | None = None) -> list[Work]:
    """Works from a Hugo Blox site folder (or its publication folder).

    ``notes`` collects what a person should know but is no error (an unused cite.bib).
    """
    root = Path(folder)
    content = content_folder(root, notes if notes is not None else [])
    candidates = [content / "publication", content / "publications", root]
    pages: list[Path] = []
    for base in candidates:
        pages = _pages(base) if base.is_dir() else []
        if pages:
            break
    if root.is_file() and root.suffix == ".md":  # one page; its site holds content/
        site = next((p for p in root.parents if (p / "content").is_dir()), root.parent)
        pages, root = [root], site
    if not pages:
        message = "no content/publication/*/index.md here (a Hugo Blox site?)"
        raise ContentError([Problem(folder, 0, message)])
    # Each file the folder holds must be its own (the one page named on the command line
    # is the user's choice, wherever it leads).
    files = [f for page in pages for f in (page, page.parent / "cite.bib") if f.exists()]
    problems = [p for p in (outside(f, root) for f in files if f != Path(folder)) if p]
    if problems:
        raise ContentError(problems)
    # A publication folder named on its own (`content/en/publication`): its site, which
    # names the authors, holds it; `admin` was left unnamed.
    site = root
    if not (root / "content").is_dir() and not (root / "data").is_dir():
        site = next((p for p in root.parents if (p / "content").is_dir()), root)
    owners = _owner_names(site)
    works: list[Work] = []
    for page in pages:
        said: list[str] = []  # the page's notes: none for a sample, which is left out
        try:
            work = _page(page, owners, said)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        except (AttributeError, TypeError, KeyError, ValueError) as exc:
            # A value of a form Hugo Blox never writes (`authors: 5`, `date: {}`).
            message = f"publication {_slug_of(page)!r}: a value has an unexpected form ({exc})"
            problems.append(Problem(str(page), 1, message))
            continue
        if _is_sample(
            work, owners
        ):  # a starter's page many sites keep: "An example journal article"
            line = key_line(read_text(str(page)), "title")
            said = [
                f"{page}:{line}: {work.label}: {work.title!r} is the Hugo Blox template's "
                "sample, not imported (delete its folder from the old site)"
            ]
        else:
            problems.extend(_page_problems(work, page))
            works.append(work)
        if notes is not None:
            notes.extend(said)
    if problems:
        raise UnreadWorks(problems, [work for work in works if not check_page(work)])
    if notes is not None:
        notes.extend(_loose_bibtex(pages))
    if notes is not None and site == root:
        notes.extend(_talks(content_folder(site, [])))
    unnamed = sorted({a for w in works for a in w.authors if a in _USERS and a not in owners})
    if notes is not None and unnamed:
        notes.append(
            f"{folder}: the pages name the Hugo Blox user {' and '.join(map(repr, unnamed))}, "
            "but neither data/authors/ nor content/authors/ gives a name for it; the records "
            "say it as written: replace it with your name in them"
        )
    return works


# Hugo Blox keeps talks in `content/event/` (older Academic in `content/talk/`), with the
# starters' sample `example`; they are no papers (see ingest/talks).
_TALK_SECTIONS = ("event", "events", "talk", "talks")
_SAMPLE_TALK = re.compile(r"example(?:-talk|-event)?")


def _talks(content: Path) -> list[str]:
    """A note on each section of the site's talks that holds pages of its own: they were
    left behind without a word."""
    said = []
    for name in _TALK_SECTIONS:
        section = content / name
        pages = _pages(section) + [p for p in section.glob("*.md") if p.name[0] not in "_."]
        own = sorted({_slug_of(p) for p in pages} - {"_index"})
        own = [slug for slug in own if not _SAMPLE_TALK.fullmatch(slug)]
        if own:
            said.append(collection_note(section, own))
    return said


# What a page lacks, the front matter's key to write and an example of its value, in
# YAML's form and TOML's (older Academic's `+++` pages)
_MISSING = {
    "has no title": ("title", '"…"'),
    "has no authors": ("authors", '["Ada Lovelace", "Jo Doe"]'),
    "has no date (year)": ("date", "2020-01-31"),
}


def _page_problems(work: Work, page: Path) -> list[Problem]:
    """:func:`check_page` of a page's work, a field it lacks said at the field's line
    where the page writes it empty, with an example in the page's own syntax: older
    Academic's TOML pages (`+++`, `title = ""`, `authors = []`) were told at their first
    line to write YAML's `title: "…"`, and not how to add the authors."""
    problems = check(work)
    missing = {work.problem(k).message: v for k, v in _MISSING.items()}
    if not any(p.message in missing for p in problems):
        return check_page(work)
    text = read_text(str(page))
    toml = text.lstrip("\ufeff").startswith("+++")
    said = []
    for problem in problems:
        if problem.message not in missing:
            said.append(problem)
            continue
        key, value = missing[problem.message]
        example = f"{key} = {value}" if toml else f"{key}: {value}"
        message = problem.message.split(" (year)")[0]
        year = " (or the year)" if key == "date" else ""
        fix = f"{message}; write it in its front matter, e.g. `{example}`{year}"
        said.append(Problem(problem.path, key_line(text, key), fix))
    return said


def key_line(text: str, key: str) -> int:
    """The line of ``key`` in a page's front matter (YAML's `key:`, TOML's `key =`); 1,
    the page's first, if it has none."""
    found = re.search(rf"^{re.escape(key)}\s*[:=]", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 1


# The sample publications of Hugo Blox's starters (Academic, Academic CV, Research Group;
# Wowchemy's before them), by their title; a page is one only with the samples' co-author
# or text as well, so a real paper called so is imported.
_SAMPLE_TITLE = re.compile(
    r"\s*an example (?:conference paper|journal article|preprint(?: / working paper)?)\s*",
    re.IGNORECASE,
)


# Academic's samples before them (academic-kickstart, to 2019): two papers of the
# theme's author, George Cushen, kept by many sites made then.
_ACADEMIC_SAMPLES = re.compile(
    r"\s*(?:a person re-identification system for mobile devices|mobile visual clothing search)\s*",
    re.IGNORECASE,
)


def _is_sample(work: Work, owners: dict[str, str]) -> bool:
    """Whether a work is one of the template's sample publications (on a site not of the
    samples' author)."""
    if _ACADEMIC_SAMPLES.fullmatch(work.title):
        cushen = [name for name in work.authors if "cushen" in name.lower()]
        return bool(cushen) and not any("cushen" in n.lower() for n in owners.values())
    return _SAMPLE_TITLE.fullmatch(work.title) is not None and (
        "Robert Ford" in work.authors or work.abstract.startswith("Lorem ipsum")
    )


# A language's content folder in a multilingual site: `content/en/`, `content/pt-br/`.
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")


def content_folder(root: Path, notes: list[str]) -> Path:
    """The content folder: ``content/``, or a multilingual site's ``content/<language>/``
    (English first, else the first), whose pages were not found at all."""
    content = root / "content"
    if any((content / name).is_dir() for name in ("publication", "publications")):
        return content
    languages = sorted(
        (p for p in content.glob("*") if _LANGUAGE.fullmatch(p.name) and p.is_dir()),
        key=lambda p: (p.name != "en", p.name),
    )
    found = [p for p in languages if (p / "publication").is_dir() or (p / "publications").is_dir()]
    if not found and not (content / "authors").is_dir():
        # a multilingual site of a profile and posts, no papers (Keris/academic-kickstart's
        # content/en/authors/admin/): its owner was not found, and the import refused
        return next((p for p in languages if (p / "authors").is_dir()), content)
    imported = _paper_names(found[0]) if found else set()
    for other in found[1:]:
        # (the papers only this language lists: SongshGeo-as-Scholar's content/zh/ holds
        # a dozen with no English page; the note left the owner to compare the folders)
        alone = sorted(_paper_names(other) - imported)
        section = other / ("publication" if (other / "publication").is_dir() else "publications")
        if not alone:
            notes.append(
                f"{other}: the pages in another language, not imported (each of its papers "
                f"has a page in {found[0].name}/ too)"
            )
            continue
        shown = ", ".join(alone[:3]) + (f" and {len(alone) - 3} more" if len(alone) > 3 else "")
        notes.append(
            f"{other}: the pages in another language, not imported; {len(alone)} of its "
            f"papers {'has' if len(alone) == 1 else 'have'} no page in {found[0].name}/ "
            f"({shown}): import them with "
            f"`authorsite import hugo {section}`"
        )
    return found[0] if found else content


def _paper_names(language: Path) -> set[str]:
    """The names of a language folder's papers: their bundles' and plain pages'."""
    names: set[str] = set()
    for section in ("publication", "publications"):
        names.update(_slug_of(page) for page in _pages(language / section))
    return names


# The user names Hugo Blox's templates give the site's owner.
_USERS = frozenset({"admin", "me"})


def _pages(base: Path) -> list[Path]:
    """The publication pages of a folder: bundles (``x/index.md``) and plain ``x.md`` files.

    Older Academic sites keep plain files; the section's own ``_index.md`` is no page.
    """
    pages = list(base.glob("*/index.md")) + list(base.glob("*/index.*.md"))
    if base.name in ("publication", "publications"):
        pages += [p for p in base.glob("*.md") if not p.name.startswith(("_", "."))]
    # A site translated by file name (`index.en.md`, `index.zh.md`) holds each paper once
    # per language: the page without a language, else the English one, else the first.
    # Such a site's pages were not found at all (only `index.md` was looked for).
    chosen: dict[tuple[Path, str], Path] = {}
    rank = {"": 0, "en": 1}
    for page in sorted(pages, key=lambda p: (rank.get(_language_of(p), 2), p.name)):
        chosen.setdefault((page.parent, _slug_of(page)), page)
    return sorted(chosen.values(), key=lambda p: _slug_of(p))


_TRANSLATED = re.compile(r"(.+)\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\.md")


def _language_of(page: Path) -> str:
    """The language a page's file name gives (``index.zh.md``: zh), or none."""
    match = _TRANSLATED.fullmatch(page.name)
    return match.group(2) if match else ""


def _bundled(page: Path) -> bool:
    """Whether a page is a bundle's (``x/index.md``, ``x/index.en.md``)."""
    match = _TRANSLATED.fullmatch(page.name)
    return page.name == "index.md" or (match is not None and match.group(1) == "index")


def _slug_of(page: Path) -> str:
    """The page's name: its bundle folder, or a plain page's file name (without a language)."""
    if _bundled(page):
        return page.parent.name
    match = _TRANSLATED.fullmatch(page.name)
    return match.group(1) if match else page.stem


# An author page's file: a branch bundle's `_index.md` (the taxonomy term's page, as the
# templates write it) or a leaf bundle's `index.md` (sites that copied the publications'
# form), either perhaps translated by file name (`_index.en.md`).
_AUTHOR_PAGE = re.compile(r"_?index(?:\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?))?\.md")


def author_pages(content: Path) -> list[Path]:
    """Every person's page under ``content/authors/``, one a person, by slug.

    Hugo reads a person's page as ``authors/<slug>/_index.md`` or a leaf bundle's
    ``index.md`` (many sites keep ``authors/admin/index.md``, whose owner was not
    found), and at any depth (``authors/en/<slug>/_index.md``): a folder's page is
    a person's when no folder below it holds one. Two pages of one slug (a translation,
    or a folder per language) are one person: the page without a language, else the
    English one, else the first; ``_index.md`` before ``index.md``, as Hugo takes it.
    """
    top = content / "authors"
    pages = [p for p in top.rglob("*.md") if _AUTHOR_PAGE.fullmatch(p.name) and p.parent != top]
    folders = {p.parent for p in pages}
    people = [p for p in pages if not any(f != p.parent and p.parent in f.parents for f in folders)]

    def rank(page: Path) -> tuple[int, int, bool, str]:
        match = _AUTHOR_PAGE.fullmatch(page.name)
        named = match.group(1) if match else None
        between = page.parent.relative_to(top).parts[:-1]
        folder = next((part for part in between if _LANGUAGE.fullmatch(part)), "")
        order = {"": 0, "en": 1}
        return (order.get(named or "", 2), order.get(folder, 2), page.name[0] != "_", str(page))

    chosen: dict[str, Path] = {}
    for page in sorted(people, key=rank):
        chosen.setdefault(page.parent.name, page)
    return sorted(chosen.values(), key=lambda p: (p.parent.name, str(p)))


def author_slug(path: Path) -> str:
    """The person's slug an author file gives: its folder's name (a page's) or its own
    (``data/authors/<slug>.yaml``)."""
    return path.parent.name if path.suffix == ".md" else path.stem


def _owner_names(root: Path) -> dict[str, str]:
    """Author slugs (``admin``, ``me``) → names.

    Older sites keep each author in ``content/authors/<slug>/_index.md`` (or another
    page :func:`author_pages` finds; ``title``, in Academic 4 and before ``name``);
    current Hugo Blox keeps them in ``data/authors/<slug>.yaml`` (``name.display``).
    """
    names: dict[str, str] = {}
    content = content_folder(root, [])
    for index in author_pages(content):
        if outside(index, root):  # only names are read here: such a file is left out
            continue
        try:
            data, _ = read_front_matter(index.read_text(encoding="utf-8"), str(index))
        except (ContentError, OSError, UnicodeDecodeError):
            continue
        name = fold_space(str(data.get("title") or "")) or display_name(data.get("name"))
        if name:
            names[index.parent.name] = name
    for path in sorted((root / "data" / "authors").glob("*.y*ml")):
        if outside(path, root):
            continue
        try:
            data = yamlio.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, ValueError, TypeError, OSError):
            continue
        name = display_name(data.get("name")) if isinstance(data, dict) else ""
        if name:
            names[path.stem] = name
    return names


def display_name(name: Any) -> str:
    """``name: {display: .., given: .., family: ..}`` (or a plain string) as one name."""
    if isinstance(name, dict):
        given, family = str(name.get("given") or ""), str(name.get("family") or "")
        return fold_space(str(name.get("display") or f"{given} {family}"))
    return fold_space(str(name or ""))


def _plain(text: str) -> str:
    """Markdown emphasis dropped from a venue such as ``In *ICML 2023*``, and the links
    and HTML Hugo's markdownify would render: ``In [*ECCV*](https://eccv2020.eu/)`` and
    ``4<sup>th</sup> Conference`` showed their markup on the site."""
    # No bracket in a link's text, and parentheses in its address only in pairs
    # (`wiki/Foo_(conference)`): a run of `[` (or of `[x](`) is passed over once, not
    # scanned to its end from each of its characters.
    text = re.sub(r"\[([^\[\]]*)\]\((?:[^()]|\([^()]*\))*\)", r"\1", text)
    text = re.sub(r"<[^<>]*>", "", text)
    text = re.sub(r"[*_]+", "", text)
    # `In *ICML*` is the venue ICML; `In Review with *Journal of Hydrology*` a state, whose
    # "In" stays (the record said "Review with Journal of Hydrology")
    return fold_space(re.sub(_IN_VENUE, "", text.strip()))


_IN_VENUE = re.compile(
    r"^In\s+(?!(?i:review|press|preparation|prep|submission|revision|progress|print)\b)"
)


# An author written as a profile's folder name (`Wei_Chen`, or `florian-doetzer` as Hugo
# Blox's template asks), a profile the site does not hold: the new site showed
# "Wei_Chen", and a page naming "florian-doetzer" was refused, with the whole import.
_FOLDER_NAME = re.compile(r"[^\W\d_][\w.'’-]*(?:_[^\W\d_][\w.'’-]*)+")
_SLUG_NAME = re.compile(r"[a-z]+(?:-[a-z]+)+")


@lru_cache(maxsize=1 << 12)
def _term(name: str) -> str:
    """An author's key as Hugo finds their profile by it: the name urlized, in lower case
    with `-` for blanks (`Patrick-Cornwall/_index.md` is `patrick-cornwall`'s profile)."""
    return re.sub(r"\s+", "-", name.strip()).lower()


def _named(author: str, owners: dict[str, str], work: Work, text: str, notes: list[str]) -> str:
    """The name ``author`` stands for: its profile's, or a folder name's words."""
    if author in owners:
        return owners[author]
    profile = next((name for key, name in owners.items() if _term(key) == _term(author)), None)
    if profile:
        return profile
    if _SLUG_NAME.fullmatch(author):
        name = " ".join(word.capitalize() for word in author.split("-"))
    elif _FOLDER_NAME.fullmatch(author) and "__" not in author:
        name = author.replace("_", " ")
    else:
        return author
    notes.append(
        f"{work.origin}:{key_line(text, 'authors')}: {work.label}: author {author!r} is "
        "written as a profile's folder name, but neither content/authors/ nor "
        f"data/authors/ holds that profile; imported as {name!r} (correct the record if "
        "the name is another)"
    )
    return name


def _page(page: Path, owners: dict[str, str], notes: list[str]) -> Work:
    origin = str(page)
    text = read_text(origin)
    data, body = read_front_matter(text, origin)
    work = Work(origin, 1, f"publication {_slug_of(page)!r}")
    # The page's section and name (``publication/my-paper``), as the old site's address
    # has them: the record's key to it when its title changes.
    work.imported_from = (
        f"hugo {page.parent.parent.name if _bundled(page) else page.parent.name}/{_slug_of(page)}"
    )
    unreadable_name(page, work.imported_from.removeprefix("hugo "), work, notes)
    work.title = fold_space(str(data.get("title") or ""))
    items = _strings(data.get("authors"), "authors")
    # A site that lists a paper's co-authors only, after "with" (ast-code/
    # arthurstenzel_homepage: `- with Kristian D Allee, Raffael Speitmann, and Yuchen Wu
    # (2024)`), as its owner's paper: "with Kristian D Allee" was an author's name.
    with_ = _WITH.match(items[0]) if items else None
    if with_:
        items[0] = items[0][with_.end() :]
    names = [n for a in items for n in _names_of(a)]
    # PubMed's order, `["**Hsieh NH**", "Reisfeld B", "Bois FY"]`: N. H. Hsieh, … (a
    # profile's "Nan-Hung Hsieh" matched no "Hsieh NH")
    names = vancouver_names(names) or names
    names = _once_each_profile(names, owners, work, text, notes)
    work.authors = [_named(a, owners, work, text, notes) for a in names if a]
    if with_:
        _with_owner(work, owners, text, notes)
    work.date = normalise_date(as_date(data.get("date") or data.get("publishDate")))
    written = as_date(data.get("date")).strip()
    if written and not work.date:
        # Hugo Blox's `academic import` of a BibTeX entry without a year writes
        # `date: -01-01`: the page was said to have no date, at its first line.
        line = line_of(text, "\ndate", 0) + 1
        raise ContentError([Problem(origin, line, (
            f"{work.label}: date {written!r} names no year; write the date it appeared, "
            "e.g. `date: 2025-01-01` (or the year)"
        ))])  # fmt: skip
    types = _strings(data.get("publication_types"), "publication_types")  # or one, bare
    work.type = _own_legend(text).get(types[0], TYPES.get(types[0])) if types else None
    work.venue = _venue(data)
    if not _named_locators(work):  # `*Journal*, Vol. 6, No. 3`, else `*A&A* 665, A121`
        _venue_locators(work, text, origin, notes)
    server = preprint_server(work.venue or "")
    work.venue = "arXiv" if server == "arXiv" else work.venue  # `arxiv`, `Arxiv`: one name
    # CSL's `article` is a preprint or working paper, which Hugo Blox shows as "Preprint"
    # (its starters' preprint sample is one): a preprint's page, with no venue or arXiv's,
    # became a journal article. A page that names a journal keeps what it meant.
    if (types[:1] == ["article"] and (server or not work.venue)) or (
        server and work.type in (None, "article", "other")
    ):
        work.type = "preprint"
    # A page whose text is the paper's arXiv address (`http://arxiv.org/abs/1002.4991v2`
    # below the front matter, as a site made of arXiv's listing writes each): its arXiv
    # id, not a word of text left out with a note, or the abstract.
    lone = _own_text(body)
    arxiv_page = re.fullmatch(r"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/\S+", lone)
    body = "" if arxiv_page and _arxiv(work, lone) else body
    abstract = str(data.get("abstract") or data.get("summary") or "")
    # `<br/><br/>` between paragraphs (Academic's TOML strings hold one line): a paragraph.
    # (Blanks entered at the first of their run: from each one, a long run took minutes.)
    abstract = re.sub(
        r"(?<![ \t])[ \t]*(?:<br\s*/?>[ \t]*){2,}", "\n\n", abstract, flags=re.IGNORECASE
    )
    work.abstract = fold_markdown(abstract)  # markdownify keeps its lists and headings
    # the line of the text imported: the front matter's abstract, else the body's first
    body_line = text.count("\n", 0, len(text) - len(body.lstrip("\n"))) + 1
    text_line = key_line(text, "abstract" if data.get("abstract") else "summary")
    if not work.abstract and body.strip():
        work.abstract = fold_markdown(_abstract_of(body))
        text_line = body_line
    elif _own_text(body):
        # The page's text beside its `abstract` (a figure, a table, "Method pipeline."),
        # which Hugo showed under the abstract: it was left out without a word.
        line = body_line
        words = len(_own_text(body).split())
        notes.append(
            f"{origin}:{line}: {work.label}: the page's text below its front matter "
            f"({words} word{'s' if words > 1 else ''}) is not imported: the record's text is "
            "the page's `abstract`; copy what you want of the rest into the record's text"
        )
    note = site_links_note(work.abstract, f"{origin}:{text_line}", work.label)
    notes.extend([note] if note else [])
    work.tags = [  # `tags: RFID` is one tag, not four
        tag for tag in _strings(data.get("tags"), "tags") if tag.casefold() != _STARTER_TAG
    ]
    work.featured = flag(data.get("featured")) or flag(data.get("selected"))  # Academic < v4
    work.draft = flag(data.get("draft"))  # a Hugo draft stays a draft here
    _ids(work, data)
    _links(work, data, notes)
    _site_pages(work, data, notes)
    if _bundled(page):
        _cite_bib(work, page.parent / "cite.bib", notes)
        _bundle_files(work, page, notes)
    if work.arxiv_id:
        work.links.setdefault("arxiv", f"https://arxiv.org/abs/{work.arxiv_id}")
    return work


# The words of a bundle's file name that say what it is, when it is not the paper
# (`slides.pdf`, `wsc2021-poster.png`, `supplementary.pdf`)
_BUNDLE_KINDS = {
    **dict.fromkeys(("slide", "slides", "presentation", "talk"), "slides"),
    "poster": "poster",
    **dict.fromkeys(
        ("supp", "supplement", "supplementary", "supplemental", "appendix"), "supplement"
    ),
}


def _bundle_files(work: Work, page: Path, notes: list[str]) -> None:
    """The files in the page's folder (Hugo serves them beside the page), copied into
    static/papers/ and linked: a file whose name says it is the slides, the poster or the
    supplement as that link, and the one other PDF as the paper (of two or more, which is
    the paper the import cannot tell: each is named). They were left behind without a
    word, then with a note to copy them by hand."""
    root = _hugo_root(work)
    papers = []
    for file in sorted(page.parent.iterdir()):
        if file.suffix.lower() not in FILE_TYPES or file in work.files.values():
            continue
        words = re.split(r"[^a-z]+", file.stem.lower())
        kind = next((_BUNDLE_KINDS[w] for w in words if w in _BUNDLE_KINDS), None)
        if kind is None:
            papers.extend([file] if file.suffix.lower() == ".pdf" else [])
        elif root is not None and kind not in work.links and kind not in work.files:
            take_pdf(work, root, file, None, notes, kind)
    if "pdf" in work.links or "pdf" in work.files:
        return
    if len(papers) == 1 and root is not None:
        note = (
            f"{papers[0]}: a PDF in the page's folder, not imported; to link it, copy "
            f"it into static/ and add `pdf: static/{papers[0].name}` under the record's "
            "links:"
        )
        take_pdf(work, root, papers[0], note, notes)  # the paper: copied
        return
    for pdf in papers:  # which is the paper?
        notes.append(
            f"{pdf}: a PDF in the page's folder, not imported; to link it, copy it into "
            f"static/ and add `pdf: static/{pdf.name}` under the record's links:"
        )


def _hugo_root(work: Work) -> Path | None:
    """The Hugo site's folder of the page a work was read from (the one holding
    ``content/``), whose ``static/`` Hugo serves from the site's root."""
    page = Path(work.origin).absolute()
    return next((p for p in page.parents if (p / "content").is_dir()), None)


def flag(value: Any) -> bool:
    """A true-or-false key as Hugo reads it: ``"false"`` in quotes is false (it made the
    page featured), ``"true"`` true (a quoted draft was published)."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1")
    return isinstance(value, (bool, int, float)) and bool(value)


def _unmarked(name: str) -> str:
    """An author without the marks a page puts on names (``Yuxiu Shao†``, ``Wang*``: equal
    contribution), the emphasis that bolds the site's owner (``__**David Jones**__``, as
    Academic's template suggests) or a separator left from a pasted list (``; K. P.
    Singh``): the name with a mark was not the person on the profile, and JSON-LD named
    "Binxu Wang†"."""
    for _ in range(2):  # `__**Me**__`: underscores around asterisks
        # At most 4 marks around: any number made the pattern cubic in a run of them.
        name = re.sub(r"^([*_]{1,4})(.*?)\1$", r"\2", name.strip())
    return fold_space(PERSON_MARKS.sub("", name)).strip(" ;,")


# What a page wraps a name in (Markdown links to the co-authors' pages, `<sup> * </sup>`
# marks) or writes after it (`**(* equal contribution)**`): the names were shown with
# it ("[Lele Chen](https://…) <sup> </sup>").
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_CODE_SPAN = re.compile(r"`([^`]+)`")
_CONTRIBUTION = re.compile(r"\((?=[^()]*(?:equal|contribut|correspond))[^()]*\)", re.IGNORECASE)


def _names_of(author: str) -> list[str]:
    """The names one item of ``authors`` holds: mostly one, as Hugo reads it; several
    where the page lists them in one string (``["A Behrouz, M Santacatterina, R Zabih"]``,
    as Academic's "Comma separated list" comment led many to write), which made one
    author of them all; an item that begins with the list's ``and`` (``and Pratap
    Tokekar``) is the name after it."""
    text = _CITED_YEAR.sub("", _CONTRIBUTION.sub("", _MD_LINK.sub(r"\1", author)))
    # (and Markdown's code marks around a part, as a site marked its co-authors' family
    # names, "Stephanie `Wang`": the pages and JSON-LD showed the backticks)
    name = _unmarked(_CODE_SPAN.sub(r"\1", re.sub(r"<[^<>]*>", "", text)))
    several = split_names(name) if re.search(r",|&|\band\b", name) else [name]
    # `Izbicki, R.`: one name, surname first (the card showed "Izbicki, R., Lee, A.B.", four
    # names or two); `John Smith, Jr.` is no "Jr John Smith", nor `Google, Inc.` "Inc. Google".
    inverted = name.count(",") == 1 and not _SUFFIX.fullmatch(name.split(",")[1])
    return several if len(several) > 1 or name.startswith("and ") or inverted else [name]


_SUFFIX = re.compile(r"\s*(?:jr|sr|ii|iii|iv|inc|ltd|llc|co|corp|gmbh)\.?\s*", re.IGNORECASE)


def _once_each_profile(
    names: list[str], owners: dict[str, str], work: Work, text: str, notes: list[str]
) -> list[str]:
    """``names`` with a profile's folder name written again left out, with a note: one
    profile is one person (santiagomosca/GMG-gh-pg's `- msanchez` twice showed "Martín
    Sánchez, Martín Sánchez"). Two people may share a name written out; not a profile."""
    seen: set[str] = set()
    kept = []
    for name in names:
        profile = next((key for key in owners if _term(key) == _term(name)), None)
        if profile is not None and profile in seen:
            notes.append(
                f"{work.origin}:{key_line(text, 'authors')}: {work.label}: `authors` names "
                f"the profile {name!r} ({owners[profile]}) twice; imported once (correct the "
                "record if another author was meant)"
            )
            continue
        if profile is not None:
            seen.add(profile)
        kept.append(name)
    return kept


# `with` before a page's first author: the names after it are the owner's co-authors
_WITH = re.compile(r"with\s+(?=\S)", re.IGNORECASE)
# the citation's year after the last name (`and Yuchen Wu (2024)`), which no name has
_CITED_YEAR = re.compile(r"\s*\((?:1[5-9]|20)[0-9]{2}[a-z]?\)\s*$")


def _with_owner(work: Work, owners: dict[str, str], text: str, notes: list[str]) -> None:
    """The site's owner (its `admin`, or its one profile) first in a page's authors that
    name its co-authors only, "with …"; a note says so, or that the owner is not named."""
    owner = owners.get("admin") or (next(iter(owners.values())) if len(owners) == 1 else "")
    where = f"{work.origin}:{key_line(text, 'authors')}: {work.label}"
    if owner and owner not in work.authors:
        work.authors.insert(0, owner)
        notes.append(
            f'{where}: `authors` names the co-authors after "with", as a page of the site\'s '
            f"owner: {owner} is put first; move the name in the record if the paper lists "
            "its authors in another order"
        )
    elif not owner:
        notes.append(
            f'{where}: `authors` names the co-authors after "with", as a page of the site\'s '
            "owner, and the site has no `admin` profile (nor only one profile) to say "
            "whose: add your name to the record's authors, in the paper's order"
        )


# A venue written with the paper's volume, issue, pages (or article number) and year, as
# a group's site cites its papers (NJUAstrometry's `publication: "*A&A* 665, A121
# (2022)"`): the venue was "A&A 665, A121 (2022)", the volume and pages in its name. A
# volume that reads as a year (`NeurIPS 2020, 1-10`) is none.
_VENUE_LOCATORS = re.compile(
    r"(?P<venue>.*?[^\d\s,])[\s,]+(?!(?:19|20)\d\d\b)(?P<volume>\d{1,5})"
    r"(?:\s*\((?P<issue>\d+(?:[-–]\d+)?)\))?\s*[,:]\s*"
    r"(?P<pages>[A-Za-z]?\d+(?:\s*[-–]+\s*[A-Za-z]?\d+)?)"
    r"\s*(?:\((?P<year>(?:19|20)\d\d)\))?\.?"
)


def _venue_locators(work: Work, text: str, origin: str, notes: list[str]) -> None:
    """The volume, issue and pages a page writes into its venue, taken out of it; a note
    where the year it writes there is not the page's date's."""
    venue = work.venue or ""
    found = _VENUE_LOCATORS.fullmatch(venue) if len(venue) <= _LOCATED_MOST else None
    if found is None:
        return
    work.venue = found.group("venue").strip()
    work.volume, work.issue = found.group("volume"), found.group("issue")
    work.pages = re.sub(r"\s*[-–]+\s*", "–", found.group("pages"))
    year = found.group("year")
    if year and work.date and not work.date.startswith(year):
        line = key_line(text, "publication")
        notes.append(
            f"{origin}:{line}: {work.label}: dated {work.date}, but its publication says "
            f"({year}); the record keeps {work.date}: change the date if the paper "
            f"appeared in {year}"
        )


def _loose_bibtex(pages: list[Path]) -> list[str]:
    """A note on each BibTeX file beside the publication pages, not in one (a group's list
    of papers, as NJUAstrometry keeps `content/en/publication/cite.bib`): Hugo makes no
    page of it, and it was passed over without a word."""
    sections = sorted({p.parent.parent for p in pages if p.name in ("index.md", "_index.md")})
    said = []
    for bib in (b for section in sections for b in sorted(section.glob("*.bib"))):
        entries = len(_BIB_ENTRY.findall(read_text(str(bib))))
        if entries:
            said.append(
                f"{bib}: a BibTeX file of {entries} entr{'y' if entries == 1 else 'ies'} "
                "beside the publication pages, not one of them: not imported; to import "
                f"its papers, run `authorsite import bibtex {bib}`"
            )
    return said


_BIB_ENTRY = re.compile(r"^[ \t]*@(?!comment|string|preamble)[A-Za-z]+\s*[{(]", re.I | re.M)


def _venue(data: dict[str, Any]) -> str | None:
    """The short venue name, else the full one (but see below); current Hugo Blox nests both.

    ``publication: {name: .., short_name: .., volume: ..}`` is the current form;
    ``publication`` and ``publication_short`` as strings the older one.
    """
    publication = data.get("publication")
    short = data.get("publication_short")
    if isinstance(publication, dict):
        short = short or publication.get("short_name")
        publication = publication.get("name")
    # Hugo Blox's own page of a paper shows `publication`; lists of papers show the short
    # name. A short name with no Chinese, Japanese or Korean letter for a full one with
    # some (`IPSJ Journal` for 情報処理学会論文誌) is a translation, not a short form: the
    # venue is the name the paper's own page showed.
    if short and publication and east_asian(str(publication)) and not east_asian(str(short)):
        short = None
    venue = short or publication
    return _plain(str(venue)) if venue and not isinstance(venue, (dict, list)) else None


# The volume, issue and pages a page's `publication` gives after the journal's name, as
# sites write it for Hugo Blox to show (`*Journal*, Vol. 6, No. 3, pp. 45-67`, or the
# template's own `*Journal of Source Themes, 1*(1)`, APA's `, 87(1), 287-305`): the record
# holds them in its fields, and the venue was the whole text.
_LOCATED = re.compile(
    r"""(?P<name>.*?[^\W\d_].*?)\s*[,\s]\s*
    (?:vol(?:ume)?\.?\s*(?P<volume>[0-9][\w-]{0,9})
       (?:\s*[,\s]\s*(?:no\.?|nr\.?|issue|iss\.|number)\s*(?P<issue>[0-9][\w-]{0,9}))?
     |(?P<volume2>[0-9]{1,5})\s*\(\s*(?P<issue2>[0-9][\w-]{0,9})\s*\))
    (?:\s*\(\s*(?:19|20)[0-9]{2}\s*\))?
    (?:\s*[,:]\s*(?:(?:pp?\.|pages?)\s*)?
       (?P<pages>[A-Za-z]?[0-9]+(?:\s*[-–—]+\s*[A-Za-z]?[0-9]+)?))?
    \s*\.?""",
    re.IGNORECASE | re.VERBOSE,
)


# The longest venue read for its volume and pages: a journal's name and its numbers are a
# line; each pattern's fullmatch tries its splits of a longer text in time that grows with
# its square (8,000 characters of `a1 a1 …`: 9 s a page)
_LOCATED_MOST = 300


def _named_locators(work: Work) -> bool:
    """The volume, issue and pages out of a venue that ends with them (see _LOCATED):
    the venue is then the journal's name, as the page showed it in italics. Whether it
    did."""
    venue = work.venue or ""
    found = _LOCATED.fullmatch(venue) if len(venue) <= _LOCATED_MOST else None
    if found is None:
        return False
    work.venue = found.group("name").rstrip(" ,")
    work.volume = found.group("volume") or found.group("volume2")
    work.issue = found.group("issue") or found.group("issue2")
    work.pages = found.group("pages")
    return True


# A page body that starts with an "Abstract" heading holds the abstract under it; Hugo
# shortcodes ({{< figure >}}, {{% callout %}}) are page furniture, not text.
# (The blanks before its closing `**` or colon are read only where one follows: two `\s*`
# side by side tried each split of a run of blanks, quadratic.)
_ABSTRACT_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*|\*\*)abstract(?:\s*(?:\*\*:?|:))?\s*$", re.I | re.M
)
# One line that is a shortcode; each line is matched on its own: a pattern that could
# start at every line of a run of blank lines took time with the square of the run.
_SHORTCODE = re.compile(r"\s*\{\{[<%].*?[%>]\}\}\s*")
# One within a line (`as shown in {{< cite page="/publication/x" >}}.`) showed as written;
# it holds no brace, so that the scan from each `{{<` of a run stops at the next.
_INLINE_SHORTCODE = re.compile(r"\{\{[<%][^{}\n]*[%>]\}\}")


def without_shortcodes(body: str) -> str:
    """A page body without its Hugo shortcodes (lines of their own, and within lines)."""
    lines = (line for line in body.split("\n") if not _SHORTCODE.fullmatch(line))
    return "\n".join(_INLINE_SHORTCODE.sub("", line) for line in lines).strip()


# The starters' sample text every page began with, which many sites keep
_STARTER_TEXT = re.compile(
    r"^.*(?:Click the [_*]Cite[_*] button above|Supplementary notes can be added here"
    r"|Create your slides in Markdown).*$",
    re.MULTILINE,
)


def _own_text(body: str) -> str:
    """A page body's text of its own: no shortcodes, no starter's sample, no HTML comment."""
    text = without_html_comments(_STARTER_TEXT.sub("", without_shortcodes(body)))
    return text.strip() if re.search(r"\w", text) else ""


def _abstract_of(body: str) -> str:
    """The abstract a page body holds, without its heading and shortcodes."""
    text = without_shortcodes(template_addresses(body, jekyll=False))  # (`{{< ref >}}`'s)
    match = _ABSTRACT_HEADING.match(text)
    return text[match.end() :] if match else text


def _strings(value: Any, key: str) -> list[str]:
    """A list of names or tags: a list of words, or one word written without the list."""
    if value is None:
        return []
    if isinstance(value, (str, int, float)):
        value = [value]
    if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
        raise TypeError(f"{key} should be a list such as [A, B]")
    return [" ".join(str(v).split()) for v in value if str(v).strip()]


def _ids(work: Work, data: dict[str, Any]) -> None:
    if data.get("doi"):
        work.doi = bare_doi(str(data["doi"]))
    work.isbn = first_isbn(data.get("isbn"))
    work.edition = page_edition(data.get("edition"))
    ids = (
        (data.get("hugoblox") or {}).get("ids") if isinstance(data.get("hugoblox"), dict) else None
    )
    if isinstance(ids, dict):
        work.doi = work.doi or (bare_doi(str(ids["doi"])) if ids.get("doi") else None)
        parsed = split_arxiv_id(_arxiv_text(ids.get("arxiv")))
        if parsed:
            work.arxiv_id = parsed[0]


def _arxiv_text(value: Any) -> str:
    """An arXiv id as written, also where YAML or TOML read it as a number.

    `arxiv: 2502.07780` unquoted is the float 2502.0778: its trailing zeros are gone, and
    the page linked another paper. Ids have 4 digits after the point until 1412, 5 since
    1501, so the zeros are put back (and a leading one: 0901.1234 is 901.1234).
    """
    if not isinstance(value, float):
        return str(value or "")
    month, _, number = f"{value:.5f}".rstrip("0").partition(".")
    month = month.zfill(4)  # 0901.1234 read as 901.1234
    return f"{month}.{number.ljust(5 if int(month) >= 1501 else 4, '0')}"


# The addresses the starters' sample publications link as their code, data, source, slides
# and video (Wowchemy's `url_code: https://github.com/wowchemy/wowchemy-hugo-themes`,
# `url_video: https://youtube.com`; Hugo Blox's `links:` to its own repository), which sites
# that wrote their paper over a sample keep: the card's Code badge led to the theme.
_TEMPLATE_LINK = re.compile(
    r"https?://(?:www\.)?(?:github\.com/(?:wowchemy/wowchemy-hugo-(?:themes|modules)"
    r"|gcushen/hugo-academic|HugoBlox/hugo-blox-builder|HugoBlox/kit)|youtube\.com"
    r"|slideshare\.net)/?",
    re.IGNORECASE,
)


def _template_notes(work: Work, placeholders: list[str], notes: list[str]) -> None:
    """One note on the sample publication's placeholder links a page kept (not imported)."""
    if placeholders:
        notes.append(
            f"{work.where}: {work.label}: {', '.join(placeholders)}: the addresses the "
            "template's sample publication links, not this paper's; not imported (write the "
            "paper's own address there, or delete the line)"
        )


def _links(work: Work, data: dict[str, Any], notes: list[str]) -> None:
    placeholders: list[str] = []
    for key, link in LINKS.items():
        url = str(data.get(key) or "").strip()
        if _TEMPLATE_LINK.fullmatch(url):
            placeholders.append(f"`{key}` {url}")
            continue
        if url.startswith(("https://", "http://")):
            if not _own_file(work, link, url, notes):
                work.links.setdefault(link, url)
        else:
            _site_file(work, key, link, url, notes)
    # Academic's url_preprint is most often the arXiv page: the paper's arXiv id; some
    # sites wrote url_arxiv, which no template reads, and which held the only arXiv link.
    for key in ("url_preprint", "url_arxiv"):
        _arxiv(work, str(data.get(key) or ""))
    # `links:` (Wowchemy) and older Academic's `url_custom:` list `{name|type, url}`.
    # url_custom was skipped, and a link named HTML or Publisher with it: a page whose
    # only link was to the publisher's copy lost it.
    items = [i for key in ("links", "url_custom") for i in _listed(data.get(key))]
    for item in items:
        if not isinstance(item, dict):
            continue
        # Current Hugo Blox names its own kinds by `type` (`pdf`, `code`) and a link of
        # the site's by `type: custom` and its `label` ("Project", "IACR ePrint"), which
        # was dropped without a word; older ones by `name`.
        label = item.get("label") if isinstance(item.get("label"), str) else item.get("name")
        kind_name = item.get("type") if item.get("type") != "custom" else label
        name = str(kind_name or item.get("name") or "").strip().lower()
        kind = _LINK_NAMES.get(name, name)
        url = str(item.get("url") or "").strip()
        if _TEMPLATE_LINK.fullmatch(url):
            placeholders.append(f"link `{name}` {url}")
            continue
        if not url.startswith(("https://", "http://")):
            _site_file(work, f"link {name or 'without a name'!r}", kind, url, notes)
            continue
        if "arxiv.org" in url and _arxiv(work, url):
            continue  # the arXiv link is made from the id: a PDF named "arXiv" was it
        if kind == "paper" and url_path(url).lower().endswith(".pdf"):
            kind = "pdf"
        if kind in ("pdf", "code", "data", "slides", "video", "project", "poster"):
            work.links.setdefault(kind, url)
        elif is_resolver_url(url) and parse_doi(url):
            work.doi = work.doi or bare_doi(url)
        elif kind == "paper" or "arxiv.org" in url:
            work.links.setdefault("arxiv" if "arxiv.org" in url else "paper", url)
        elif isinstance(label, str) and label.strip() and not _sample_link(label, url):
            # A link the site named itself ("Blog post", "Supplement"): kept under its name,
            # as the page showed it; it was dropped without a word. A name a record would
            # read as a typo of ours (`Codes`) is that one.
            own = fold_space(label)
            if own.lower() == "custom link":  # the template's name, kept with an address
                named = named_by_address(url)
                notes.append(
                    f"{work.where}: {work.label}: the link named `{own}` (the template's name "
                    f"for it) is imported as `{named}`, by its address; rename it in the "
                    "record to show another name"
                )
                work.links.setdefault(named, url)
                continue
            name = ours(own.lower()) or (f"{own} link" if typo_of_ours(own) else own)
            work.links.setdefault(name, url)  # `Codes` is code; `core` (a typo?) its own
    _template_notes(work, placeholders, notes)


def _sample_link(name: str, url: str) -> bool:
    """The starters' commented-in sample (``{name: Custom Link, url: http://example.org}``),
    or a name no page can show as a link's text (a direction override, a control)."""
    if BIDI.search(name) or CONTROL.search(name):
        return True
    return name.strip().lower() == "custom link" and "example.org" in url


def _site_file(work: Work, key: str, link: str, url: str, notes: list[str]) -> None:
    """A note on a link to a file of the Hugo site (`/uploads/paper.pdf` in its static/
    folder, the template's way), or to a page of it (`/talk/xyz/`, `../project/abc`), which
    were dropped without a word; a file beside the page is named with the bundle's files.
    An address whose https:// was left out (`github.com/ann/tool`, `www.site.com`,
    `arxiv.org/pdf/2401.12345.pdf`) is another site's, not a file of this one."""
    host = bare_host(url, site_files=True) or _HOST.match(url) is not None
    own = None if host else re.fullmatch(r"(?:[\w.-]+/)*[\w.-]+\.\w{2,5}", url.lstrip("/"))
    bundled = Path(work.origin).parent / unquote(url)
    if own and bundled.is_file():  # the bundle's file, taken with the others as this link
        root = _hugo_root(work)
        if link in KINDS and root is not None and link not in work.files:
            take_pdf(work, root, bundled, None, notes, link)
        return
    # at the line that names it (the note named the page alone, without a line): its
    # `url_…` key, or a `url:` of a list of links (not the abstract that names it too)
    page = Path(work.origin).read_text("utf-8", errors="replace")
    field = key if key.startswith("url_") else "url"
    found = re.search(rf"""^[ \t-]*{field}\s*[:=]\s*["']?{re.escape(url)}""", page, re.M)
    line = page.count("\n", 0, found.start()) + 1 if found else line_of(page, url, 1)
    where = f"{work.origin}:{line}: {key} {url}"
    if own:
        link = link or ("pdf" if url.lower().endswith(".pdf") else "paper")
        note = (
            f"{where} is a file of the Hugo site (in its static/ "
            "folder), not imported; to link it, copy it into static/ and add "
            f"`{link}: static/{url.rsplit('/', 1)[-1]}` under the record's links:"
        )
        root = _hugo_root(work)
        if link in KINDS and root is not None and link not in work.files:
            # its static/ file (`/uploads/paper.pdf`), copied into static/papers/
            take_pdf(work, root, static_file(root, url), note, notes, link)
        else:
            notes.append(note)
    elif host:  # `github.com/ann/tool`: another site, its https:// left out
        notes.append(no_scheme_note(where, "Hugo", link or "project", url))
    elif _SITE_PAGE.fullmatch(url):
        notes.append(f"{where} {_OLD_PAGE} `{link or 'project'}: https://…`)")


def _own_file(work: Work, link: str, url: str, notes: list[str]) -> bool:
    """Whether ``url`` is a full address of the old site (its baseURL's host and path)
    whose file of ``static/`` is taken to copy, as its path alone is: the address goes
    with the old site (`https://ann.github.io/site/uploads/paper.pdf`)."""
    root = _hugo_root(work)
    if link not in KINDS or root is None or link in work.files:
        return False
    from generator.ingest.old_links import old_address  # (see static_file)

    if not old_address("hugo", str(root)).own(url):
        return False
    take_pdf(work, root, static_file(root, urlsplit(url).path), None, notes, link)
    return link in work.files


def static_file(root: Path, url: str) -> Path:
    """The file of the Hugo site's ``static/`` that a page's ``url`` names, as Hugo serves
    it from the site's root: ``/uploads/paper.pdf``, also written under the path of the
    site's ``baseURL`` (``/site/uploads/paper.pdf`` where it is
    ``https://ann.github.io/site/``), which was looked for as ``static/site/uploads/``."""
    # (old_links reads the pages this module finds: imported here, not above)
    from generator.ingest.old_links import old_address

    path = "/" + unquote(url).lstrip("/")
    local = old_address("hugo", str(root)).local(path)
    found = root / "static" / local.lstrip("/")
    written = root / "static" / path.lstrip("/")  # a folder named as the path, all the same
    return written if local != path and not found.exists() and written.exists() else found


# A path of the old site, to one of its pages: `/talk/xyz/`, `../project/abc`, spaces and
# all as Hugo writes a folder's name (`/project/Cross-view Semantic Segmentation/`); `#cite`
# is none (no scheme, `mailto:`; no protocol-relative `//host`)
_SITE_PAGE = re.compile(r"(?![a-z][\w+.-]*:)(?!//)[^\s#?].*", re.I)
# A host's name, then a path (`ethz.ch/x`, `lab.science/y`): a site's address, of any
# top-level domain (a folder of the site has no dot in its name); `www.site.com` alone
# and `ann.github.io/paper.pdf` are bare_host's
_HOST = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}/", re.I)
_OLD_PAGE = (
    "links to a page of the old Hugo site, which this site does not have: not imported; "
    "to keep the link, add the page's new address under the record's links: (e.g."
)


# The tag of Hugo Academic's sample publications, which sites that copied a sample for
# each paper keep: every paper showed the tag "Source Themes"
_STARTER_TAG = "source themes"


# The starters' sample project and slide deck, which every sample publication names and
# sites that copied a sample for their papers keep: no page of theirs to link anew.
_STARTER_PAGES = {"projects": "internal-project", "slides": "example"}


def _site_pages(work: Work, data: dict[str, Any], notes: list[str]) -> None:
    """A note on Hugo Academic's `projects: [abc]` and `slides: xyz`, which name pages of
    the old site (its /project/abc/ and /slides/xyz/, shown as the page's buttons)."""
    for key, link in (("projects", "project"), ("slides", "slides")):
        value = data.get(key)
        # (an item that is no name, `projects: [[]]` as a sample's `- []` left it, is none:
        # the note named the page `/project/[]/`)
        items = value if isinstance(value, list) else [value]
        names = [
            str(v).strip() for v in items if isinstance(v, (str, int, float)) and v is not True
        ]
        names = [n for n in names if n and n != _STARTER_PAGES[key]]
        if not names or isinstance(value, dict):
            continue
        line = key_line(Path(work.origin).read_text("utf-8", errors="replace"), key)
        pages = ", ".join(f"/{link if link == 'slides' else 'project'}/{n}/" for n in names)
        notes.append(
            f"{work.origin}:{line}: {key} {', '.join(names)} ({pages}) {_OLD_PAGE} "
            f"`{link}: https://…`)"
        )


def _arxiv(work: Work, url: str) -> bool:
    """Take an arXiv address's id as the work's (unless it has one); whether it was one."""
    parsed = split_arxiv_id(url) if "arxiv" in url.lower() else None
    if parsed and not work.arxiv_id:
        work.arxiv_id = parsed[0]
    return parsed is not None


# Names custom links go by: the paper itself (the publisher's page or full text), and
# other names for our kinds ("Source code", "Dataset").
_LINK_NAMES = {
    **dict.fromkeys(
        ("html", "publisher", "journal", "paper", "article", "full text", "fulltext", "online",
         "published version", "publication", "preprint", "link", "web", "website", "doi", "url",
         "springer", "ieee", "acm", "elsevier", "sciencedirect", "wiley"),
        "paper",
    ),
    **dict.fromkeys(("source code", "source", "github", "gitlab", "software"), "code"),
    **dict.fromkeys(("dataset", "datasets"), "data"),
    **dict.fromkeys(("project page", "webpage", "homepage"), "project"),
    **dict.fromkeys(("talk", "recording"), "video"),
}  # fmt: skip


def _listed(value: Any) -> list[Any]:
    """A list as written, or nothing (``url_custom: ''`` in Academic's template)."""
    return value if isinstance(value, list) else []


def _cite_bib(work: Work, path: Path, notes: list[str]) -> None:
    """Take the page's ``cite.bib`` verbatim (if it describes the page, see
    :func:`page_bibtex`); let it fill fields the page left out."""
    if not path.is_file():
        return
    bib = page_bibtex(path, work, notes)
    if bib is None:
        return
    work.bibtex = bib.bibtex
    work.venue = work.venue or bib.venue
    # Hugo Academic's import writes a paper known by its year as `date: 2012-01-01`,
    # which the site showed as "Jan 1, 2012"; the cite.bib beside it says what is known:
    # the year alone, or the month and day (`date = {2025-10-01}`).
    if work.date.endswith("-01-01") and bib.date[:4] == work.date[:4] and bib.date != work.date:
        work.date = bib.date
    fill_locators(work, bib)
    work.doi = work.doi or bib.doi
    work.arxiv_id = work.arxiv_id or bib.arxiv_id
    work.type = work.type or bib.type
    if not work.authors:
        work.authors = bib.authors
