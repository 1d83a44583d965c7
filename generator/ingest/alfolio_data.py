"""What al-folio keeps in ``_data/`` and its papers' own fields beside the BibTeX it
imports: a paper's Google Scholar page (``google_scholar_id``, with the site's
``scholar_userid``) and count (``_data/citations.yml``), and the co-authors' pages of
``_data/coauthors.yml``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.errors import ContentError
from generator.ingest.profiles import mapping_of, yaml_file, yaml_list_or_mapping
from generator.ingest.work import Work, normalise_title

# Google Scholar's page of one paper of a profile, as al-folio's bib.liquid links its
# citation badge (`citation_for_view={userid}:{google_scholar_id}`)
_SCHOLAR_PAGE = (
    "https://scholar.google.com/citations?view_op=view_citation&user={user}"
    "&citation_for_view={user}:{paper}"
)
_SCHOLAR_ID = re.compile(r"[\w-]{4,40}")
# The co-authors of the template's sample papers (Einstein's), which sites keep
_SAMPLE_COAUTHORS = frozenset(
    {"adams", "podolsky", "rosen", "bach", "przibram", "schrodinger", "lorentz", "planck"}
)
_SHOWN = 3  # co-authors a note names before `and N more`


def _scholar_user(folder: Path) -> str | None:
    """The site's Google Scholar user id: `scholar_userid` of `_data/socials.yml` (newer
    al-folio) or of `_config.yml` (older)."""
    for name in ("_data/socials.yml", "_config.yml"):
        try:
            data = yaml_list_or_mapping(folder / name, folder)
        except ContentError:
            continue  # said where the profile is read
        user = str(data.get("scholar_userid") or "") if isinstance(data, dict) else ""
        if _SCHOLAR_ID.fullmatch(user.strip()):
            return user.strip()
    return None


def scholar_links(folder: Path, works: list[Work], notes: list[str]) -> None:
    """Each paper's `scholar` link, its page on the owner's Google Scholar profile, from its
    `google_scholar_id` and the site's `scholar_userid` (al-folio's citation badge linked
    it; the import left the id out with al-folio's other fields, and the link was lost)."""
    named = [work for work in works if work.scholar_id]
    if not named:
        return
    user = _scholar_user(folder)
    if user is None:
        entries = "1 entry" if len(named) == 1 else f"{len(named)} entries"
        notes.append(
            f"google_scholar_id ({entries}): not linked, as the site's scholar_userid (in "
            "_data/socials.yml or _config.yml), whose profile the id names a paper of, is not "
            "there; add `scholar:` with the paper's Google Scholar address under its links:"
        )
        return
    for work in named:
        work.links.setdefault("scholar", _SCHOLAR_PAGE.format(user=user, paper=work.scholar_id))


def _data_file(folder: Path, name: str, what: str, notes: list[str]) -> dict[str, Any] | None:
    """al-folio's ``_data/<name>``, or None with a note that ``what`` it holds is not
    imported where it cannot be read."""
    try:
        return yaml_file(folder / "_data" / name, folder)
    except ContentError as exc:
        notes.append(f"{exc.problems[0]}; {what} are not imported")
        return None


def scholar_counts(folder: Path, works: list[Work], notes: list[str]) -> None:
    """Each paper's Google Scholar count from al-folio's ``_data/citations.yml`` (kept by
    its update_citations workflow; the site's citation badges showed it): the counts were
    lost, and the new profile showed no citations at all.

    The file keys each paper as its badge looks it up, `{scholar_userid}:{paper id}`, the
    paper id its entry's `google_scholar_id`; a paper without the id is found by title.
    By title alone, a paper whose bib title differs from Scholar's (`{GAN}s`, a subtitle
    Scholar cut) took no count, and two papers of one title took one paper's count.
    """
    data = _data_file(folder, "citations.yml", "its citation counts", notes)
    if data is None:
        return
    papers = data.get("papers")
    if not isinstance(papers, dict):
        return
    metadata = data.get("metadata")
    updated = str(metadata.get("last_updated") or "") if isinstance(metadata, dict) else ""
    user = _scholar_user(folder) if any(work.scholar_id for work in works) else None
    by_id: dict[str, int] = {}
    by_title: dict[str, int] = {}
    for key, entry in papers.items():
        count = entry.get("citations") if isinstance(entry, dict) else None
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            continue
        owner, _, paper = str(key).strip().rpartition(":")
        if paper and (user is None or owner in ("", user)):  # (the site's own profile)
            by_id[paper] = count
        title = normalise_title(str(entry.get("title") or ""))
        by_title[title] = max(count, by_title.get(title, 0))  # (Scholar lists some twice)
    for work in works:
        count = by_id.get(work.scholar_id or "")
        if count is None:
            count = by_title.get(normalise_title(work.title))
        if count is not None and work.citations is None:
            work.citations, work.citations_source = count, "Google Scholar"
            work.citations_date = updated if re.fullmatch(r"\d{4}-\d{2}-\d{2}", updated) else None


def coauthor_note(folder: Path, notes: list[str]) -> None:
    """A note on the co-authors' pages `_data/coauthors.yml` links (al-folio links a
    co-author's name to it on every paper), which no record can hold: a record names its
    authors by name only, and the site links only its own authors, to their profiles."""
    path = folder / "_data" / "coauthors.yml"
    data = _data_file(folder, "coauthors.yml", "its co-authors' links", notes)
    if data is None:
        return
    linked: list[tuple[str, str]] = []
    for family, people in data.items():
        if str(family).casefold() in _SAMPLE_COAUTHORS:
            continue
        for person in people if isinstance(people, list) else [people]:
            entry = mapping_of(person)
            url, given = entry.get("url"), _first(entry.get("firstname"))
            if isinstance(url, str) and url.strip():
                surname = str(family) if str(family)[:1].isupper() else str(family).title()
                linked.append((f"{given} {surname}".strip(), url.strip()))
    if not linked:
        return
    shown = ", ".join(f"{name} ({url})" for name, url in linked[:_SHOWN])
    if len(linked) > _SHOWN:
        shown += f" and {len(linked) - _SHOWN} more"
    notes.append(
        f"{path.relative_to(folder).as_posix()} links {len(linked)} co-authors' names to "
        f"their pages ({shown}): not imported, as a record names its authors by name only "
        "and the site links a co-author's name only to their profile here (an author "
        "record in content/authors/, whose links: may hold the page)"
    )


def _first(value: Any) -> str:
    """The first of al-folio's spellings of a given name (`["Dongliang", "D."]`)."""
    first = value[0] if isinstance(value, list) and value else value
    return str(first).strip() if isinstance(first, (str, int)) else ""
