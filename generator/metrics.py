"""Metrics over plain data (SPEC §3): citation indices, scores, per-year counts, novelty."""

from __future__ import annotations

import heapq
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from generator.names import GROUP_NAME, is_truncation, name_key

# Novelty lives in its own module (it is most of the code); its names stay importable here.
from generator.novelty import DateKey as DateKey
from generator.novelty import NoveltyDoc as NoveltyDoc
from generator.novelty import novelty_scores as novelty_scores
from generator.novelty import terms as terms


def _counts(citations: Iterable[int]) -> list[int]:
    """The counts as a list, refusing negative ones (they would silently lower sums)."""
    counts = list(citations)
    if any(count < 0 for count in counts):
        raise ValueError("citation counts must be >= 0")
    return counts


def h_index(citations: Iterable[int]) -> int:
    """The largest h such that h papers have at least h citations each (Hirsch 2005)."""
    ranked = sorted(_counts(citations), reverse=True)
    h = 0
    for rank, count in enumerate(ranked, start=1):
        if count < rank:
            break
        h = rank
    return h


def i10_index(citations: Iterable[int]) -> int:
    """The number of papers with at least 10 citations."""
    return sum(1 for count in _counts(citations) if count >= 10)


def total_citations(citations: Iterable[int]) -> int:
    """The sum of the citation counts."""
    return sum(_counts(citations))


def mean_score(scores: Iterable[float]) -> float | None:
    """The mean of the scores, or None when there are none."""
    values = list(scores)
    if not values:
        return None
    return math.fsum(values) / len(values)


def per_year(items: Iterable[tuple[int, int | None]]) -> list[tuple[int, int, int | None]]:
    """(year, papers, citations) for each year that has papers, oldest first.

    ``items`` holds one (year, citations) pair per paper; a paper without a count adds
    to the year's papers but not to its citations. A year none of whose papers has a
    count has citations None: no data, which is not 0 (SPEC §3).
    """
    papers: Counter[int] = Counter()
    cited: Counter[int] = Counter()
    for year, citations in items:
        if citations is not None and citations < 0:
            raise ValueError("citation counts must be >= 0")
        papers[year] += 1
        if citations is not None:
            cited[year] += citations
    return [(year, papers[year], cited.get(year)) for year in sorted(papers)]


def _preferred_spelling(spellings: Mapping[str, int]) -> str:
    """The most common spelling; on a tie the accented one, then the first in code order.

    Accents are lost by hand far more often than added, so the accented spelling of two
    equally common ones is more likely the author's own.
    """
    return min(
        spellings,
        key=lambda s: (-spellings[s], -sum(1 for ch in s if ord(ch) > 127), s),
    )


@lru_cache(maxsize=1 << 16)
def _normalised(raw: str) -> tuple[str, str, bool]:
    """A listed name with its spaces tidied, its key, and whether it marks truncation.

    Cached: a large site lists the same co-authors on thousands of papers.
    """
    name = " ".join(raw.split())
    return name, name_key(name), is_truncation(name)


def top_coauthors(
    author_lists: Iterable[Sequence[str]],
    own_names: Iterable[str],
    limit: int = 10,
    people: Mapping[str, str] | None = None,
) -> list[tuple[str, int]]:
    """The most frequent co-authors as (name, papers together), most frequent first.

    Names are matched by :func:`generator.names.name_key`; truncation markers ("et al.")
    and the profile's own names are left out; a name listed twice on one paper counts once.
    Ties are ordered by name; each co-author is shown in their most common spelling.
    ``people`` maps the name keys of the site's authors' names and aliases to the name
    their record gives: a site author listed by an alias is that author, counted once
    under that name (`A. A. Lovelace` and `Ada Lovelace` were two co-authors).
    """
    own = {name_key(name) for name in own_names} - {""}
    entries = [_coauthor_entries(tuple(authors)) for authors in author_lists]
    if people and _own_stay_own(own, people):
        # Each paper's people once for every profile it is on: a name of the profile's
        # own is then counted as the author's record name, which is theirs too (checked
        # above) and left out below all the same.
        mapped = _mapped_entries(people)
        entries = [_mapped(entry, people, mapped) for entry in entries]
    elif people:
        others = {key: name for key, name in people.items() if key not in own}
        if others:  # (none on a site of one author: their own names are left out anyway)
            entries = [_as_people(entry, others) for entry in entries]
    # Counted in C, in one pass each: this runs for every paper of every profile.
    papers = Counter(itertools.chain.from_iterable(keys for keys, _ in entries))
    spellings = Counter(itertools.chain.from_iterable(forms for _, forms in entries))
    for key in own:
        papers.pop(key, None)
    if limit <= 0:
        return []
    ranked = [key for _, key in heapq.nsmallest(limit, ((-n, key) for key, n in papers.items()))]
    shown: dict[str, dict[str, int]] = {key: {} for key in ranked}
    for (key, name), count in spellings.items():
        if key in shown:
            shown[key][name] = count
    return [(_preferred_spelling(shown[key]), papers[key]) for key in ranked]


# Papers' entries as _as_people makes them with the people (a copy) they were made with;
# a site's 500 profiles list each paper ~2.4 times (~0.3 s of a first build at 10,000).
_MAPPED: tuple[dict[str, str], dict[Any, Any]] = ({}, {})


def _mapped_entries(people: Mapping[str, str]) -> dict[Any, Any]:
    """The entries made with ``people`` so far (none when they are other people)."""
    global _MAPPED
    if _MAPPED[0] != people or len(_MAPPED[1]) > 1 << 16:
        _MAPPED = (dict(people), {})
    return _MAPPED[1]


def _mapped(
    entry: tuple[tuple[str, ...], tuple[tuple[str, str], ...]],
    people: Mapping[str, str],
    mapped: dict[Any, Any],
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    found = mapped.get(entry)
    if found is None:
        found = mapped[entry] = _as_people(entry, people)
    return found


def _own_stay_own(own: set[str], people: Mapping[str, str]) -> bool:
    """Whether each of ``own`` that ``people`` names is named as one of ``own``: then an
    entry made with all of ``people`` counts the others as one made without ``own``."""
    return all((name_key(people[key]) or key) in own for key in own if key in people)


def _as_people(
    entry: tuple[tuple[str, ...], tuple[tuple[str, str], ...]], people: Mapping[str, str]
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """A paper's listed people with each site author under their record's name, once."""
    keys, forms = entry
    if not any(key in people for key in keys):
        return entry
    seen: dict[str, str] = {}
    for key, name in forms:
        if key in people:
            name = people[key]
            key = name_key(name) or key
        seen.setdefault(key, name)
    return tuple(seen), tuple(seen.items())


@lru_cache(maxsize=1 << 16)
def _coauthor_entries(
    authors: tuple[str, ...],
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """A paper's listed people once each, as (keys, (key, spelling) pairs).

    Truncation markers and names without letters are left out; a person listed twice
    counts once, in the first spelling. A list led by a collaboration and cut short
    (INSPIRE's `ATLAS Collaboration, Georges Aad, et al.`) is the collaboration's alone:
    its named few are the first of ~3,000 in the alphabet, and Georges Aad was the most
    frequent co-author of every ATLAS member. Cached: each paper is on several profiles.
    """
    seen: dict[str, str] = {}
    if len(authors) > 1 and GROUP_NAME.search(authors[0]) and is_truncation(authors[-1]):
        authors = tuple(name for name in authors if GROUP_NAME.search(name))
    for raw in authors:
        name, key, truncation = _normalised(raw)
        if key and not truncation and key not in seen:
            seen[key] = name
    return tuple(seen), tuple(seen.items())


def author_novelty(scores: Mapping[str, float], paper_keys: Iterable[str]) -> float | None:
    """The mean novelty of an author's papers that have a score; None if none has."""
    values = [scores[key] for key in dict.fromkeys(paper_keys) if key in scores]
    if not values:
        return None
    return math.fsum(values) / len(values)
