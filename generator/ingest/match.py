"""Which imported works and records are the same paper: the matching half of the merge rules.

A work is matched by arXiv id, then DOI, then normalised title and year; a preprint
may be a year older than its published version. Works of one import that describe the
same paper are combined first, the published version leading.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from generator.ingest.records import RecordFile
from generator.ingest.work import (
    Work,
    normalise_date,
    normalise_doi,
    normalise_title,
    split_arxiv_id,
)

# --- keys --------------------------------------------------------------------------


def _record_keys(data: dict[str, Any]) -> tuple[str | None, str | None]:
    """A record's arXiv id and DOI, from its own fields or its links."""
    links = data.get("links") if isinstance(data.get("links"), dict) else {}
    assert isinstance(links, dict)
    arxiv = None
    for text in (data.get("arxiv_id"), links.get("arxiv")):
        parsed = split_arxiv_id(str(text)) if text else None
        if parsed:
            arxiv = parsed[0]
            break
    doi = None
    for text in (data.get("doi"), links.get("doi")):
        if text:
            doi = normalise_doi(str(text))
            break
    return arxiv, doi


def _record_year(data: dict[str, Any]) -> int | None:
    date = normalise_date(str(data.get("date", "")))
    return int(date[:4]) if date else None


def record_is_preprint(data: dict[str, Any]) -> bool:
    if data.get("type") == "preprint":
        return True
    venue = str(data.get("venue") or "").lower()
    return not venue or "arxiv" in venue


def _titles_match(
    title_a: str, year_a: int | None, pre_a: bool, title_b: str, year_b: int | None, pre_b: bool
) -> bool:
    """Same normalised title and year; a preprint may be a year older than its paper."""
    if not title_a or normalise_title(title_a) != normalise_title(title_b):
        return False
    if year_a is None or year_b is None or year_a == year_b:
        return True
    return (pre_a != pre_b) and abs(year_a - year_b) <= 1


def works_match(a: Work, b: Work) -> bool:
    """Whether two imported works describe the same paper."""
    if a.arxiv_id and b.arxiv_id:
        return a.arxiv_id == b.arxiv_id
    if a.doi and b.doi and normalise_doi(a.doi) == normalise_doi(b.doi):
        return True
    return _titles_match(a.title, a.year, a.is_preprint, b.title, b.year, b.is_preprint)


def record_matches(record: RecordFile, work: Work) -> bool:
    """Whether a record on disk is the work an import describes."""
    arxiv, doi = _record_keys(record.data)
    if arxiv and work.arxiv_id:
        return arxiv == work.arxiv_id
    if doi and work.doi and doi == normalise_doi(work.doi):
        return True
    return _titles_match(
        str(record.data.get("title") or ""),
        _record_year(record.data),
        record_is_preprint(record.data),
        work.title,
        work.year,
        work.is_preprint,
    )


# --- combining the works of one import ---------------------------------------------


def combine(works: Iterable[Work]) -> list[list[Work]]:
    """Group the works of one import that describe the same paper (preprint + published)."""
    groups: list[list[Work]] = []
    for work in works:
        for group in groups:
            if any(works_match(work, other) for other in group):
                group.append(work)
                break
        else:
            groups.append([work])
    return groups


def merged(group: Sequence[Work]) -> Work:
    """One work from a group: the published version leads, the preprint fills gaps."""
    ordered = sorted(group, key=lambda w: w.is_preprint)  # published versions first
    lead = ordered[0]
    result = Work(lead.origin, lead.line, lead.label)
    for work in ordered:
        for name in ("title", "abstract", "venue", "type", "category", "note", "bibtex"):
            if not getattr(result, name) and getattr(work, name):
                setattr(result, name, getattr(work, name))
        if not result.authors or (result.authors[-1] == "et al." and len(work.authors) > 1):
            result.authors = list(work.authors) if work.authors else result.authors
        result.arxiv_id = result.arxiv_id or work.arxiv_id
        result.doi = result.doi or work.doi
        for key, url in work.links.items():
            result.links.setdefault(key, url)
        result.tags += [tag for tag in work.tags if tag not in result.tags]
        result.featured = result.featured or work.featured
        result.draft = result.draft or work.draft
        if work.citations is not None and (
            result.citations is None or work.citations > result.citations
        ):
            result.citations, result.citations_source = work.citations, work.citations_source
    dates = sorted((w.date for w in group if w.date), key=lambda d: (d[:4], -len(d), d))
    result.date = dates[0] if dates else ""  # the first published date
    return result
