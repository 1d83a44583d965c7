"""Metrics over plain data (SPEC §3): citation indices, scores, per-year counts, novelty."""

from __future__ import annotations

import heapq
import itertools
import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from generator.names import is_truncation, name_key

if TYPE_CHECKING:
    # NumPy is imported by the novelty functions themselves: a build computes novelty in
    # a child process, and the parent (whose footprint every render worker inherits)
    # then never loads it (~15 MB).
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]
    SmallIntArray = npt.NDArray[np.int32]  # row and term numbers: half the memory of int64

DateKey = tuple[int, int, int]
NoveltyDoc = tuple[str, DateKey, str]  # (paper key, date sort key, title + abstract)


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


def per_year(items: Iterable[tuple[int, int | None]]) -> list[tuple[int, int, int]]:
    """(year, papers, citations) for each year that has papers, oldest first.

    ``items`` holds one (year, citations) pair per paper; a paper without a count adds
    to the year's papers but not to its citations.
    """
    papers: Counter[int] = Counter()
    cited: Counter[int] = Counter()
    for year, citations in items:
        if citations is not None and citations < 0:
            raise ValueError("citation counts must be >= 0")
        papers[year] += 1
        cited[year] += citations or 0
    return [(year, papers[year], cited[year]) for year in sorted(papers)]


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
    author_lists: Iterable[Sequence[str]], own_names: Iterable[str], limit: int = 10
) -> list[tuple[str, int]]:
    """The most frequent co-authors as (name, papers together), most frequent first.

    Names are matched by :func:`generator.names.name_key`; truncation markers ("et al.")
    and the profile's own names are left out; a name listed twice on one paper counts once.
    Ties are ordered by name; each co-author is shown in their most common spelling.
    """
    own = {name_key(name) for name in own_names} - {""}
    entries = [_coauthor_entries(tuple(authors)) for authors in author_lists]
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


@lru_cache(maxsize=1 << 16)
def _coauthor_entries(
    authors: tuple[str, ...],
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """A paper's listed people once each, as (keys, (key, spelling) pairs).

    Truncation markers and names without letters are left out; a person listed twice
    counts once, in the first spelling. Cached: each paper is on several profiles.
    """
    seen: dict[str, str] = {}
    for raw in authors:
        name, key, truncation = _normalised(raw)
        if key and not truncation and key not in seen:
            seen[key] = name
    return tuple(seen), tuple(seen.items())


# --- Novelty -------------------------------------------------------------------------------

# English stop words: NLTK's list, its contractions written without the apostrophe, its
# one-letter entries left out (the tokeniser drops those anyway). Removing them keeps the
# TF-IDF about content, and keeps the words in nearly every abstract out of the products.
_STOP_WORD_LIST = """
    about above after again against ain all am an and any are aren arent as at be because
    been before being below between both but by can couldn couldnt did didn didnt do does
    doesn doesnt doing don dont down during each few for from further had hadn hadnt has
    hasn hasnt have haven havent having he her here hers herself him himself his how if in
    into is isn isnt it its itself just ll ma me mightn mightnt more most mustn mustnt my
    myself needn neednt no nor not now of off on once only or other our ours ourselves out
    over own re same shan shant she shes should shouldn shouldnt shouldve so some such than
    that thatll the their theirs them themselves then there these they this those through to
    too under until up ve very was wasn wasnt we were weren werent what when where which while
    who whom why will with won wont wouldn wouldnt you youd youll your youre yours yourself
    yourselves youve
"""
STOP_WORDS = frozenset(_STOP_WORD_LIST.split())

_WORD = re.compile(r"[^\W_]+")  # a run of Unicode letters/digits
# The same runs for ASCII text, much faster: every other byte becomes a space, then split.
_ASCII_WORDS = bytes(c if chr(c).isalnum() and c < 128 else 32 for c in range(256))

# Tuning of the exact similarity computation (none of these changes a result):
_CHUNK_ROWS = 128  # papers compared at once: a chunk's similarity block is 128 x n floats
_PAIR_BATCH = 1 << 18  # rare-term products accumulated per numpy call (bounds memory)
_DENSE_SHARE = 0.05  # a term in at least this share of papers goes into the dense block
_DENSE_BYTES = 32 << 20  # the dense block never exceeds this many bytes


def _words(text: str) -> list[bytes]:
    """The casefolded runs of letters/digits of a text, as UTF-8 (stop words included)."""
    folded = text.casefold()
    if folded.isascii():
        return folded.encode().translate(_ASCII_WORDS).split()
    return [word.encode() for word in _WORD.findall(folded)]


def _is_term(word: bytes) -> bool:
    """Whether a word counts as a term: two or more characters and not a stop word."""
    text = word.decode()
    return len(text) >= 2 and text not in STOP_WORDS


def terms(text: str) -> Counter[str]:
    """The term counts of a text: casefolded runs of 2+ letters/digits, no stop words."""
    return Counter(word.decode() for word in _words(text) if _is_term(word))


def novelty_scores(docs: Sequence[NoveltyDoc]) -> dict[str, float]:
    """Novelty of each paper against the strictly earlier papers of the site.

    ``docs`` are (paper key, date sort key, text = title + abstract). The TF-IDF vector of
    a text has, for each term t of :func:`terms` (casefolded runs of two or more Unicode
    letters/digits, English stop words removed), the weight
    ``(1 + ln tf) * (ln((1 + n) / (1 + df)) + 1)``: sublinear term frequency ``tf`` (a word
    repeated in one abstract does not dominate it) times the smooth inverse document
    frequency, where ``n`` is the number of docs and ``df`` the number of docs containing t.
    Each vector is then L2-normalised, so that a dot product is the cosine similarity.

    A paper's novelty is ``1 - max cosine`` against every paper with a strictly smaller
    date key (equal keys are not earlier than each other), clamped to [0, 1] and rounded to
    12 decimal places (which hides last-bit float noise: identical texts give exactly 0).
    Papers without an earlier paper, and papers whose text has no term at all, get no
    score; a paper without terms counts as similarity 0 for later papers.

    The result is exact and keeps the docs' order. It never builds the all-pairs matrix:
    papers are compared in date order, a block of rows at a time, the terms common to
    many papers through a dense matrix product and the rest through an inverted index of
    the earlier papers only (terms in a single paper are skipped: they add to no product).
    """
    import numpy as np

    keys = [key for key, _, _ in docs]
    if len(set(keys)) != len(keys):
        raise ValueError("novelty_scores: paper keys must be unique")
    n = len(docs)
    # Date order, input order among equals: position p in `order` is the p-th paper.
    order = sorted(range(n), key=lambda i: (docs[i][1], i))
    cutoff = _earlier_counts([docs[i][1] for i in order])
    if n < 2 or cutoff[-1] == 0:
        return {}

    rows, entry_terms, weights, df = _tfidf([docs[i][2] for i in order])
    best = _max_earlier_similarity(n, rows, entry_terms, weights, df, np.asarray(cutoff))
    has_terms = np.bincount(rows, minlength=n) > 0
    scores: dict[int, float] = {}
    for position, i in enumerate(order):
        if cutoff[position] > 0 and has_terms[position]:
            novelty = min(1.0, max(0.0, 1.0 - float(best[position])))
            scores[i] = round(novelty, 12) + 0.0  # + 0.0 turns -0.0 into 0.0
    return {keys[i]: scores[i] for i in range(n) if i in scores}


def _tfidf(texts: Sequence[str]) -> tuple[SmallIntArray, SmallIntArray, FloatArray, IntArray]:
    """The L2-normalised TF-IDF matrix of the texts as (rows, terms, weights), and df.

    Entries are sorted by row (text); terms are numbered in order of first appearance.
    """
    import numpy as np

    # Stop words and one-letter words are counted too and dropped afterwards, in one
    # vectorised step; machine-integer arrays, because a list of a million ints takes 40 MB.
    vocabulary: defaultdict[bytes, int] = defaultdict(itertools.count().__next__)
    word_ids, word_counts, distinct = array("i"), array("i"), array("i")
    for text in texts:
        counts = Counter(_words(text))
        word_ids.extend(map(vocabulary.__getitem__, counts))
        word_counts.extend(counts.values())
        distinct.append(len(counts))
    is_term = np.fromiter(map(_is_term, vocabulary), dtype=bool, count=len(vocabulary))
    all_terms = np.frombuffer(word_ids, dtype=np.intc)
    keep = is_term[all_terms]
    all_rows = np.repeat(np.arange(len(texts), dtype=np.int32), np.frombuffer(distinct, np.intc))
    rows = all_rows[keep]
    terms = all_terms[keep].astype(np.int32)
    df = np.bincount(terms, minlength=len(vocabulary))
    idf = np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0
    weights = (1.0 + np.log(np.frombuffer(word_counts, np.intc)[keep])) * idf[terms]
    norms = np.sqrt(np.bincount(rows, weights * weights, minlength=len(texts)))
    weights /= norms[rows]
    return rows, terms, weights, df


def author_novelty(scores: Mapping[str, float], paper_keys: Iterable[str]) -> float | None:
    """The mean novelty of an author's papers that have a score; None if none has."""
    values = [scores[key] for key in dict.fromkeys(paper_keys) if key in scores]
    if not values:
        return None
    return math.fsum(values) / len(values)


def _earlier_counts(date_keys: Sequence[DateKey]) -> list[int]:
    """For sorted date keys, how many papers come strictly before each one."""
    cutoff: list[int] = []
    for position, key in enumerate(date_keys):
        same_as_previous = position > 0 and key == date_keys[position - 1]
        cutoff.append(cutoff[-1] if same_as_previous else position)
    return cutoff


def _max_earlier_similarity(
    n: int,
    rows: SmallIntArray,
    terms: SmallIntArray,
    weights: FloatArray,
    df: IntArray,
    cutoff: IntArray,
) -> FloatArray:
    """For each paper p (date order), the highest dot product with papers 0..cutoff[p]-1.

    ``rows``/``terms``/``weights`` are the nonzero entries of the normalised TF-IDF matrix,
    sorted by row. Rows without an earlier paper are left at 0.
    """
    import numpy as np

    shared = df[terms] >= 2
    # Dense block: the most widespread terms (ties by term id, for determinism), as long as
    # they are common enough that a dense product beats an inverted index for them.
    by_df = np.lexsort((np.arange(df.size), -df))
    max_dense = max(0, _DENSE_BYTES // (8 * n))
    dense_terms = by_df[: min(max_dense, int(np.count_nonzero(df >= max(2.0, _DENSE_SHARE * n))))]
    dense_column = np.full(df.size, -1, dtype=np.int64)
    dense_column[dense_terms] = np.arange(dense_terms.size)
    in_dense = dense_column[terms] >= 0
    dense = np.zeros((n, dense_terms.size))
    dense[rows[in_dense], dense_column[terms[in_dense]]] = weights[in_dense]

    # Inverted index of the other shared terms: postings sorted by term, then by paper.
    sparse = shared & ~in_dense
    s_rows, s_terms, s_weights = rows[sparse], terms[sparse], weights[sparse]
    row_start = np.searchsorted(s_rows, np.arange(n + 1))
    by_term = np.argsort(s_terms, kind="stable")
    post_rows, post_weights = s_rows[by_term], s_weights[by_term]
    # Ascending keys (term, paper): one search finds a term's postings before a paper.
    post_keys = s_terms[by_term].astype(np.int64) * n + post_rows
    term_start = np.searchsorted(post_keys, np.arange(df.size, dtype=np.int64) * n)

    best = np.zeros(n)
    first = int(np.searchsorted(cutoff, 1))  # the first paper that has an earlier one
    for start in range(first, n, _CHUNK_ROWS):
        stop = min(n, start + _CHUNK_ROWS)
        width = int(cutoff[stop - 1])
        block = dense[start:stop] @ dense[:width].T
        lo, hi = int(row_start[start]), int(row_start[stop])
        _add_sparse_products(
            block.reshape(-1),
            width,
            s_rows[lo:hi] - start,
            s_weights[lo:hi],
            term_start[s_terms[lo:hi]],
            np.searchsorted(post_keys, s_terms[lo:hi].astype(np.int64) * n + cutoff[s_rows[lo:hi]]),
            post_rows,
            post_weights,
        )
        for offset in range(stop - start):
            block[offset, cutoff[start + offset] :] = -1.0  # later or same-date papers
        best[start:stop] = block.max(axis=1)
    return best


def _add_sparse_products(
    flat_block: FloatArray,
    width: int,
    local_rows: SmallIntArray,
    entry_weights: FloatArray,
    posting_start: IntArray,
    posting_stop: IntArray,
    post_rows: SmallIntArray,
    post_weights: FloatArray,
) -> None:
    """Add, for each entry (row, term), its products with the earlier postings of the term."""
    import numpy as np

    spans = posting_stop - posting_start
    ends = np.cumsum(spans)
    done = 0
    while done < spans.size:
        # Entries whose products fit in one batch (at least one entry per batch).
        base = int(ends[done - 1]) if done else 0
        upto = max(done + 1, int(np.searchsorted(ends, base + _PAIR_BATCH, side="right")))
        span = spans[done:upto]
        total = int(span.sum())
        if total:
            firsts = posting_start[done:upto] - (np.cumsum(span) - span)
            index = np.repeat(firsts, span) + np.arange(total)
            cells = np.repeat(local_rows[done:upto].astype(np.int64) * width, span)
            cells += post_rows[index]
            products = np.repeat(entry_weights[done:upto], span) * post_weights[index]
            np.add.at(flat_block, cells, products)
        done = upto
