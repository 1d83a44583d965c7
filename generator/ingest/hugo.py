"""Hugo Blox (Wowchemy, Academic) sites → works.

Reads ``content/publication(s)/*/index.md`` with YAML or TOML front matter, resolves
the ``admin`` author to the site owner's name, and takes the ``cite.bib`` beside each
page as the record's BibTeX (and to fill what the front matter leaves out).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator import yamlio
from generator.errors import ContentError, Problem
from generator.ingest.bibtex import parse_bibtex
from generator.ingest.frontmatter import as_date, read_front_matter
from generator.ingest.sources import outside, read_text
from generator.ingest.work import (
    Work,
    bare_doi,
    check,
    fold_paragraphs,
    fold_space,
    normalise_date,
    normalise_title,
    split_arxiv_id,
)

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
}
LINKS = {
    "url_pdf": "pdf",
    "url_code": "code",
    "url_dataset": "data",
    "url_project": "project",
    "url_slides": "slides",
    "url_video": "video",
    "url_source": "project",
}


def import_hugo(folder: str, notes: list[str] | None = None) -> list[Work]:
    """Works from a Hugo Blox site folder (or its publication folder).

    ``notes`` collects what a person should know but is no error (an unused cite.bib).
    """
    root = Path(folder)
    candidates = [root / "content" / "publication", root / "content" / "publications", root]
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
    owners = _owner_names(root)
    works: list[Work] = []
    for page in pages:
        try:
            work = _page(page, owners, notes if notes is not None else [])
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        except (AttributeError, TypeError, KeyError, ValueError) as exc:
            # A value of a form Hugo Blox never writes (`authors: 5`, `date: {}`).
            message = f"publication {_slug_of(page)!r}: a value has an unexpected form ({exc})"
            problems.append(Problem(str(page), 1, message))
            continue
        problems.extend(check(work))
        works.append(work)
    if problems:
        raise ContentError(problems)
    unnamed = sorted({a for w in works for a in w.authors if a in _USERS and a not in owners})
    if notes is not None and unnamed:
        notes.append(
            f"{folder}: the pages name the Hugo Blox user {' and '.join(map(repr, unnamed))}, "
            "but neither data/authors/ nor content/authors/ gives a name for it; the records "
            "say it as written: replace it with your name in them"
        )
    return works


# The user names Hugo Blox's templates give the site's owner.
_USERS = frozenset({"admin", "me"})


def _pages(base: Path) -> list[Path]:
    """The publication pages of a folder: bundles (``x/index.md``) and plain ``x.md`` files.

    Older Academic sites keep plain files; the section's own ``_index.md`` is no page.
    """
    pages = list(base.glob("*/index.md"))
    if base.name in ("publication", "publications"):
        pages += [p for p in base.glob("*.md") if not p.name.startswith(("_", "."))]
    return sorted(pages, key=lambda p: _slug_of(p))


def _slug_of(page: Path) -> str:
    """The page's name: its bundle folder, or a plain page's file name."""
    return page.parent.name if page.name == "index.md" else page.stem


def _owner_names(root: Path) -> dict[str, str]:
    """Author slugs (``admin``, ``me``) → names.

    Older sites keep each author in ``content/authors/<slug>/_index.md`` (``title``; in
    Academic 4 and before, ``name``); current Hugo Blox keeps them in
    ``data/authors/<slug>.yaml`` (``name.display``).
    """
    names: dict[str, str] = {}
    for index in sorted((root / "content" / "authors").glob("*/_index.md")):
        if outside(index, root):  # only names are read here: such a file is left out
            continue
        try:
            data, _ = read_front_matter(index.read_text(encoding="utf-8"), str(index))
        except (ContentError, OSError, UnicodeDecodeError):
            continue
        name = fold_space(str(data.get("title") or "")) or _display_name(data.get("name"))
        if name:
            names[index.parent.name] = name
    for path in sorted((root / "data" / "authors").glob("*.y*ml")):
        if outside(path, root):
            continue
        try:
            data = yamlio.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, ValueError, TypeError, OSError):
            continue
        name = _display_name(data.get("name")) if isinstance(data, dict) else ""
        if name:
            names[path.stem] = name
    return names


def _display_name(name: Any) -> str:
    """``name: {display: .., given: .., family: ..}`` (or a plain string) as one name."""
    if isinstance(name, dict):
        given, family = str(name.get("given") or ""), str(name.get("family") or "")
        return fold_space(str(name.get("display") or f"{given} {family}"))
    return fold_space(str(name or ""))


def _plain(text: str) -> str:
    """Markdown emphasis dropped from a venue such as ``In *ICML 2023*``."""
    text = re.sub(r"[*_]+", "", text)
    return fold_space(re.sub(r"^In\s+", "", text.strip()))


def _page(page: Path, owners: dict[str, str], notes: list[str]) -> Work:
    origin = str(page)
    data, body = read_front_matter(read_text(origin), origin)
    work = Work(origin, 1, f"publication {_slug_of(page)!r}")
    work.title = fold_space(str(data.get("title") or ""))
    work.authors = [owners.get(a, a) for a in _strings(data.get("authors"), "authors")]
    work.date = normalise_date(as_date(data.get("date") or data.get("publishDate")))
    types = _strings(data.get("publication_types"), "publication_types")  # or one, bare
    work.type = TYPES.get(types[0]) if types else None
    work.venue = _venue(data)
    work.abstract = fold_paragraphs(str(data.get("abstract") or data.get("summary") or ""))
    if not work.abstract and body.strip():
        work.abstract = fold_paragraphs(_abstract_of(body))
    work.tags = _strings(data.get("tags"), "tags")  # `tags: RFID` is one tag, not four
    work.featured = bool(data.get("featured") or data.get("selected"))  # Academic < v4
    work.draft = data.get("draft") is True  # a Hugo draft stays a draft here
    _ids(work, data)
    _links(work, data)
    if page.name == "index.md":
        _cite_bib(work, page.parent / "cite.bib", notes)
    if work.arxiv_id:
        work.links.setdefault("arxiv", f"https://arxiv.org/abs/{work.arxiv_id}")
    return work


def _venue(data: dict[str, Any]) -> str | None:
    """The short venue name, else the full one; current Hugo Blox nests both.

    ``publication: {name: .., short_name: .., volume: ..}`` is the current form;
    ``publication`` and ``publication_short`` as strings the older one.
    """
    publication = data.get("publication")
    short = data.get("publication_short")
    if isinstance(publication, dict):
        short = short or publication.get("short_name")
        publication = publication.get("name")
    venue = short or publication
    return _plain(str(venue)) if venue and not isinstance(venue, (dict, list)) else None


# A page body that starts with an "Abstract" heading holds the abstract under it; Hugo
# shortcodes ({{< figure >}}, {{% callout %}}) are page furniture, not text.
_ABSTRACT_HEADING = re.compile(r"^\s*(?:#{1,6}\s*|\*\*)abstract\s*(?:\*\*)?:?\s*$", re.I | re.M)
# One line that is a shortcode; each line is matched on its own: a pattern that could
# start at every line of a run of blank lines took time with the square of the run.
_SHORTCODE = re.compile(r"\s*\{\{[<%].*?[%>]\}\}\s*")


def _abstract_of(body: str) -> str:
    """The abstract a page body holds, without its heading and shortcodes."""
    text = "\n".join(line for line in body.split("\n") if not _SHORTCODE.fullmatch(line)).strip()
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
    ids = (
        (data.get("hugoblox") or {}).get("ids") if isinstance(data.get("hugoblox"), dict) else None
    )
    if isinstance(ids, dict):
        work.doi = work.doi or (bare_doi(str(ids["doi"])) if ids.get("doi") else None)
        parsed = split_arxiv_id(str(ids.get("arxiv") or ""))
        if parsed:
            work.arxiv_id = parsed[0]


def _links(work: Work, data: dict[str, Any]) -> None:
    for key, link in LINKS.items():
        url = str(data.get(key) or "").strip()
        if url.startswith(("https://", "http://")):
            work.links.setdefault(link, url)
    # Academic's url_preprint is most often the arXiv page: the paper's arXiv id.
    preprint = split_arxiv_id(str(data.get("url_preprint") or ""))
    if preprint and not work.arxiv_id:
        work.arxiv_id = preprint[0]
    for item in data.get("links") or []:
        if not isinstance(item, dict):
            continue
        kind = str(item.get("type") or item.get("name") or "").lower()
        url = str(item.get("url") or "").strip()
        if not url.startswith(("https://", "http://")):
            continue
        if kind in ("pdf", "code", "data", "slides", "video", "project"):
            work.links.setdefault(kind, url)
        elif kind == "dataset":
            work.links.setdefault("data", url)
        elif "arxiv.org" in url:
            work.links.setdefault("arxiv", url)


def _cite_bib(work: Work, path: Path, notes: list[str]) -> None:
    """Take the page's ``cite.bib`` verbatim; let it fill fields the page left out.

    A ``cite.bib`` copied from another page describes another paper: its DOI and
    BibTeX would be wrong here, so one whose title differs from the page's is left out.
    """
    if not path.is_file():
        return
    entries = parse_bibtex(read_text(str(path)), str(path))
    if not entries:
        return
    bib = entries[0]
    ours, theirs = normalise_title(work.title), normalise_title(bib.title)
    if ours and not (theirs.startswith(ours) or ours.startswith(theirs)):
        notes.append(
            f"{path}: not used: it describes {bib.title!r}, not {work.title!r} "
            "(copied from another page?)"
        )
        return
    work.bibtex = bib.bibtex
    work.venue = work.venue or bib.venue
    work.doi = work.doi or bib.doi
    work.arxiv_id = work.arxiv_id or bib.arxiv_id
    work.type = work.type or bib.type
    if not work.authors:
        work.authors = bib.authors
