"""Novelty (SPEC §3): TF-IDF cosine against earlier papers, computed in full or updated.

:func:`novelty_scores` is the definition. :func:`update` gives the same scores and also
returns a *state* (bytes, kept in the build cache): each paper's terms and its best
earlier match. Given the state of an earlier call, an edit of a few texts re-tokenises
only those texts and compares again only the papers whose best match may have moved.
"""

from __future__ import annotations

import hashlib
import itertools
import marshal
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # NumPy is imported by the functions themselves: a build computes novelty in a child
    # process, and the parent (whose footprint every render worker inherits) then never
    # loads it (~15 MB).
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]
    SmallIntArray = npt.NDArray[np.int32]  # row and term numbers: half the memory of int64

DateKey = tuple[int, int, int]
NoveltyDoc = tuple[str, DateKey, str]  # (paper key, date sort key, title + abstract)

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
# An update compares again at most this share of the papers; beyond it, comparing every
# paper costs about as much (measured at 10,000 papers), so it does that.
_UPDATE_SHARE = 0.125
# Added to every bound of the update: covers float rounding of the bounds themselves.
_SLACK = 1e-9

_STATE_VERSION = 1


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
    return update(docs, None, keep_state=False)[0]


@dataclass
class Report:
    """How :func:`update` got its scores (for tests and benchmarks)."""

    how: str  # "full", "incremental" or "unchanged"
    changed: int = 0  # texts that differ from the state's
    compared: int = 0  # papers compared again with every earlier paper
    tokenised: int = 0  # texts split into words (the others' terms came from the state)


@dataclass
class _Corpus:
    """The papers in date order: their identity, their terms, and their best earlier match.

    ``counts[p]`` entries of ``terms``/``tfs`` belong to paper p, papers in order.
    ``best[p]`` is p's highest similarity with an earlier paper, reached by ``match[p]``
    (-1: no earlier paper, or p has no term); ``second[p]`` is at least p's similarity
    with every other earlier paper (an upper bound, not always the exact value).
    """

    keys: list[str]
    dates: list[DateKey]
    digests: list[bytes]
    counts: SmallIntArray
    terms: SmallIntArray
    tfs: SmallIntArray
    vocabulary: list[bytes]
    best: FloatArray
    match: SmallIntArray
    second: FloatArray


def update(
    docs: Sequence[NoveltyDoc], state: bytes | None, *, keep_state: bool = True
) -> tuple[dict[str, float], bytes | None, Report]:
    """:func:`novelty_scores` of ``docs``, from the ``state`` an earlier call returned.

    Returns the scores, the state for the next call (None unless ``keep_state``) and a
    :class:`Report`. A state that does not fit (other papers or dates, unreadable, None)
    only costs time: the scores are computed in full, reusing the terms of unchanged texts.
    """
    import numpy as np

    keys = [key for key, _, _ in docs]
    if len(set(keys)) != len(keys):
        raise ValueError("novelty_scores: paper keys must be unique")
    n = len(docs)
    # Date order, input order among equals: position p in `order` is the p-th paper.
    order = sorted(range(n), key=lambda i: (docs[i][1], i))
    dates = [docs[i][1] for i in order]
    cutoff = np.asarray(_earlier_counts(dates), dtype=np.int64)
    texts = [docs[i][2] for i in order]
    digests = [
        hashlib.blake2b(t.encode("utf-8", "surrogatepass"), digest_size=16).digest() for t in texts
    ]
    old = _decode(state) if state is not None else None
    new = _tokenised([keys[i] for i in order], dates, digests, texts, old)
    report = Report("full", tokenised=new.tokenised)
    corpus = new.corpus
    if old is not None and old.keys == corpus.keys and old.dates == dates:
        changed = [p for p in range(n) if old.digests[p] != digests[p]]
        report = Report("incremental", len(changed), tokenised=new.tokenised)
        if not changed:
            report.how = "unchanged"
            corpus.best, corpus.match, corpus.second = old.best, old.match, old.second
        else:
            _update(corpus, old, np.asarray(changed, dtype=np.int64), cutoff, report)
    else:
        _compare_all(corpus, cutoff)
        report.compared = n
    scores: dict[int, float] = {}
    for position, i in enumerate(order):
        if cutoff[position] > 0 and corpus.counts[position] > 0:
            novelty = min(1.0, max(0.0, 1.0 - float(corpus.best[position])))
            scores[i] = round(novelty, 12) + 0.0  # + 0.0 turns -0.0 into 0.0
    result = {keys[i]: scores[i] for i in range(n) if i in scores}
    return result, _encode(corpus) if keep_state else None, report


@dataclass
class _Tokenised:
    corpus: _Corpus
    tokenised: int


def _tokenised(
    keys: list[str],
    dates: list[DateKey],
    digests: list[bytes],
    texts: list[str],
    old: _Corpus | None,
) -> _Tokenised:
    """The corpus of these texts (no matches yet): terms of a text the state has are reused."""
    import numpy as np

    n = len(texts)
    source = np.full(n, -1, dtype=np.int64)
    vocabulary: defaultdict[bytes, int] = defaultdict(itertools.count().__next__)
    if old is not None:
        known = {digest: position for position, digest in enumerate(old.digests)}
        source = np.fromiter((known.get(d, -1) for d in digests), dtype=np.int64, count=n)
        vocabulary = defaultdict(
            itertools.count(len(old.vocabulary)).__next__,
            zip(old.vocabulary, itertools.count()),
        )
    fresh = np.flatnonzero(source < 0)
    # Stop words and one-letter words are counted too and dropped afterwards, in one
    # vectorised step; machine-integer arrays, because a list of a million ints takes 40 MB.
    word_ids, word_counts, distinct = array("i"), array("i"), array("i")
    for position in fresh:
        tally = Counter(_words(texts[position]))
        word_ids.extend(map(vocabulary.__getitem__, tally))
        word_counts.extend(tally.values())
        distinct.append(len(tally))
    words = list(vocabulary)
    is_term = np.fromiter(map(_is_term, words), dtype=bool, count=len(words))
    all_terms = np.frombuffer(word_ids, dtype=np.intc)
    keep = is_term[all_terms]
    all_rows = np.repeat(np.arange(fresh.size), np.frombuffer(distinct, np.intc))
    fresh_counts = np.bincount(all_rows[keep], minlength=fresh.size).astype(np.int32)

    counts = np.zeros(n, dtype=np.int32)
    counts[fresh] = fresh_counts
    reused = np.flatnonzero(source >= 0)
    if old is not None:
        counts[reused] = old.counts[source[reused]]
    starts = np.concatenate(([0], np.cumsum(counts, dtype=np.int64)))
    term_ids = np.empty(int(starts[-1]), dtype=np.int32)
    tfs = np.empty(int(starts[-1]), dtype=np.int32)
    into = _ranges(starts[fresh], fresh_counts)
    term_ids[into] = all_terms[keep]
    tfs[into] = np.frombuffer(word_counts, np.intc)[keep]
    if old is not None and reused.size:
        old_starts = np.concatenate(([0], np.cumsum(old.counts, dtype=np.int64)))
        into = _ranges(starts[reused], counts[reused])
        taken = _ranges(old_starts[source[reused]], counts[reused])
        term_ids[into] = old.terms[taken]
        tfs[into] = old.tfs[taken]
    corpus = _Corpus(
        keys,
        dates,
        digests,
        counts,
        term_ids,
        tfs,
        words,
        np.zeros(n),
        np.full(n, -1, dtype=np.int32),
        np.full(n, -1.0),
    )
    return _Tokenised(corpus, int(fresh.size))


def _ranges(starts: IntArray, lengths: SmallIntArray | IntArray) -> IntArray:
    """The indices ``starts[i] .. starts[i] + lengths[i] - 1`` for every i, in order."""
    import numpy as np

    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    offsets = np.asarray(starts, dtype=np.int64) - (np.cumsum(lengths) - lengths)
    return np.repeat(offsets, lengths) + np.arange(total, dtype=np.int64)


def _weights(corpus: _Corpus, rows: SmallIntArray, df: IntArray) -> FloatArray:
    """The entries' L2-normalised TF-IDF weights (sublinear tf times smooth idf)."""
    import numpy as np

    n = len(corpus.keys)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    weights: FloatArray = (1.0 + np.log(corpus.tfs)) * idf[corpus.terms]
    norms = np.sqrt(np.bincount(rows, weights * weights, minlength=n))
    weights /= norms[rows]
    return weights


def _rows(counts: SmallIntArray) -> SmallIntArray:
    import numpy as np

    return np.repeat(np.arange(counts.size, dtype=np.int32), counts)


def _compare_all(corpus: _Corpus, cutoff: IntArray) -> None:
    """Fill in every paper's best earlier match, comparing each with all earlier papers."""
    import numpy as np

    n = len(corpus.keys)
    rows = _rows(corpus.counts)
    df = np.bincount(corpus.terms, minlength=len(corpus.vocabulary))
    index = _Index(n, rows, corpus.terms, _weights(corpus, rows, df), df)
    first = int(np.searchsorted(cutoff, 1))  # the first paper that has an earlier one
    _compare(corpus, index, np.arange(first, n), cutoff)


def _compare(corpus: _Corpus, index: _Index, positions: IntArray, cutoff: IntArray) -> None:
    """Fill in the best earlier match of these papers (each has an earlier paper)."""
    import numpy as np

    for start in range(0, positions.size, _CHUNK_ROWS):
        query = positions[start : start + _CHUNK_ROWS]
        block = index.block(query, cutoff[query])
        arange = np.arange(query.size)
        match = block.argmax(axis=1)
        corpus.best[query] = block[arange, match]
        block[arange, match] = -1.0
        corpus.second[query] = block.max(axis=1)
        corpus.match[query] = np.where(corpus.counts[query] > 0, match, -1)


class _Index:
    """The normalised TF-IDF matrix, ready for dot products of any rows with earlier rows.

    The terms common to many papers are a dense matrix; the other shared terms an inverted
    index (postings sorted by term, then by paper).
    """

    def __init__(
        self, n: int, rows: SmallIntArray, terms: SmallIntArray, weights: FloatArray, df: IntArray
    ) -> None:
        import numpy as np

        self.n = n
        shared = df[terms] >= 2
        # Dense block: the most widespread terms (ties by term id, for determinism), as long
        # as they are common enough that a dense product beats an inverted index for them.
        by_df = np.lexsort((np.arange(df.size), -df))
        max_dense = max(0, _DENSE_BYTES // (8 * max(n, 1)))
        common = int(np.count_nonzero(df >= max(2.0, _DENSE_SHARE * n)))
        dense_terms = by_df[: min(max_dense, common)]
        dense_column = np.full(df.size, -1, dtype=np.int64)
        dense_column[dense_terms] = np.arange(dense_terms.size)
        in_dense = dense_column[terms] >= 0
        self.dense = np.zeros((n, dense_terms.size))
        self.dense[rows[in_dense], dense_column[terms[in_dense]]] = weights[in_dense]

        sparse = shared & ~in_dense
        self.s_terms, self.s_weights = terms[sparse], weights[sparse]
        self.row_start = np.searchsorted(rows[sparse], np.arange(n + 1))
        by_term = np.argsort(self.s_terms, kind="stable")
        self.post_rows, self.post_weights = rows[sparse][by_term], self.s_weights[by_term]
        # Ascending keys (term, paper): one search finds a term's postings before a paper.
        self.post_keys = self.s_terms[by_term].astype(np.int64) * n + self.post_rows
        self.term_start = np.searchsorted(self.post_keys, np.arange(df.size, dtype=np.int64) * n)

    def block(self, query: IntArray, limits: IntArray) -> FloatArray:
        """Dot products of the query rows with rows 0..max(limits)-1; -1 at or past a limit."""
        import numpy as np

        width = int(limits.max())
        block: FloatArray = self.dense[query] @ self.dense[:width].T
        span = self.row_start[query + 1] - self.row_start[query]
        entries = _ranges(self.row_start[query], span)
        local = np.repeat(np.arange(query.size, dtype=np.int64), span)
        entry_terms = self.s_terms[entries]
        stop = entry_terms.astype(np.int64) * self.n + limits[local]
        _add_sparse_products(
            block.reshape(-1),
            width,
            local,
            self.s_weights[entries],
            self.term_start[entry_terms],
            np.searchsorted(self.post_keys, stop),
            self.post_rows,
            self.post_weights,
        )
        block[np.arange(width) >= limits[:, None]] = -1.0  # later or same-date papers
        return block


def _add_sparse_products(
    flat_block: FloatArray,
    width: int,
    local_rows: IntArray,
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
            cells = np.repeat(local_rows[done:upto] * width, span)
            cells += post_rows[index]
            products = np.repeat(entry_weights[done:upto], span) * post_weights[index]
            np.add.at(flat_block, cells, products)
        done = upto


def _earlier_counts(date_keys: Sequence[DateKey]) -> list[int]:
    """For sorted date keys, how many papers come strictly before each one."""
    cutoff: list[int] = []
    for position, key in enumerate(date_keys):
        same_as_previous = position > 0 and key == date_keys[position - 1]
        cutoff.append(cutoff[-1] if same_as_previous else position)
    return cutoff


# --- The update --------------------------------------------------------------------------


def _update(
    corpus: _Corpus, old: _Corpus, changed: IntArray, cutoff: IntArray, report: Report
) -> None:
    """Best earlier matches of ``corpus`` from ``old``'s: same papers and dates, some texts new.

    Only the changed texts' vectors (C) change arbitrarily; a term whose df changed moves
    the vectors of the papers containing it a little, by at most ``shift[p]`` (Euclidean
    distance of the unit vectors), so any similarity of two unchanged papers p, q moves by
    at most ``shift[p] + shift[q]``. For an unchanged paper p whose match is unchanged too,
    its similarity with the match is computed again exactly, its similarities with C are
    computed exactly, and every other similarity is at most ``second[p] + shift[p] + the
    largest shift``: when one of the exact values reaches that bound, it is the best. Every
    other paper is compared again with all earlier papers.
    """
    import numpy as np

    n = len(corpus.keys)
    size = len(corpus.vocabulary)
    rows = _rows(corpus.counts)
    df = np.bincount(corpus.terms, minlength=size)
    weights = _weights(corpus, rows, df)
    is_changed = np.zeros(n, dtype=bool)
    is_changed[changed] = True

    # How far each unchanged paper's unit vector moved: the same entries, the old df.
    old_df = np.bincount(old.terms, minlength=size)
    shift = np.zeros(n)
    if not np.array_equal(old_df, df):
        # The entries of unchanged papers are the old ones: their old weights are these.
        before = _weights(corpus, rows, old_df)
        shift = np.sqrt(np.bincount(rows, (weights - before) ** 2, minlength=n))
        shift[is_changed] = 0.0
    largest = float(shift.max()) if n else 0.0

    has_terms = corpus.counts > 0
    scored = (cutoff > 0) & has_terms
    match = old.match.astype(np.int64)
    redo = scored & (is_changed | (match < 0))
    redo[scored & ~redo] |= is_changed[match[scored & ~redo]]
    kept = np.flatnonzero(scored & ~redo)

    index = _Index(n, rows, corpus.terms, weights, df)
    if np.count_nonzero(redo) > _UPDATE_SHARE * n:
        _compare_all_with(corpus, index, cutoff, report)
        return
    # Similarities with the changed papers, for every later paper: top two per column.
    with_changed = _column_tops(index, changed, cutoff)

    # The unchanged match, again: exact wherever either vector moved.
    exact = old.best[kept].copy()
    moved = (shift[kept] > 0) | (shift[match[kept]] > 0)
    if moved.any():
        exact[moved] = _pair_dots(corpus, weights, kept[moved], match[kept[moved]])
    bound = old.second[kept] + shift[kept] + largest + _SLACK
    c_best, c_match, c_second = (values[kept] for values in with_changed)
    settled = np.maximum(exact, c_best) >= bound
    keep_match = exact >= c_best
    corpus.best[kept] = np.maximum(exact, c_best)
    corpus.match[kept] = np.where(keep_match, match[kept], c_match)
    corpus.second[kept] = np.where(
        keep_match, np.maximum(bound, c_best), np.maximum(np.maximum(bound, exact), c_second)
    )
    again = np.concatenate((np.flatnonzero(redo), kept[~settled]))
    if again.size > _UPDATE_SHARE * n:
        _compare_all_with(corpus, index, cutoff, report)
        return
    again.sort()
    report.compared = int(again.size)
    _compare(corpus, index, again, cutoff)


def _compare_all_with(corpus: _Corpus, index: _Index, cutoff: IntArray, report: Report) -> None:
    """:func:`_compare_all` with the index at hand: an update that would cost as much."""
    import numpy as np

    n = len(corpus.keys)
    report.how = "full"
    report.compared = n
    _compare(corpus, index, np.arange(int(np.searchsorted(cutoff, 1)), n), cutoff)


def _column_tops(
    index: _Index, changed: IntArray, cutoff: IntArray
) -> tuple[FloatArray, SmallIntArray, FloatArray]:
    """Per paper: the highest and second-highest similarity with an earlier changed paper,
    and which changed paper gives the highest (-1 values where none is earlier)."""
    import numpy as np

    n = index.n
    top = np.full(n, -1.0)
    which = np.full(n, -1, dtype=np.int32)
    runner = np.full(n, -1.0)
    columns = np.arange(n)
    for start in range(0, changed.size, _CHUNK_ROWS):
        query = changed[start : start + _CHUNK_ROWS]
        block = index.block(query, np.full(query.size, n, dtype=np.int64))
        block[cutoff[None, :] <= query[:, None]] = -1.0  # the paper is not earlier
        arg = block.argmax(axis=0)
        first = block[arg, columns]
        block[arg, columns] = -1.0
        following = block.max(axis=0)
        runner = np.maximum(np.minimum(top, first), np.maximum(runner, following))
        which = np.where(first > top, query[arg], which).astype(np.int32)
        top = np.maximum(top, first)
    return top, which, runner


def _pair_dots(corpus: _Corpus, weights: FloatArray, left: IntArray, right: IntArray) -> FloatArray:
    """The dot product of paper ``left[i]`` with paper ``right[i]``, for every i."""
    import numpy as np

    starts = np.concatenate(([0], np.cumsum(corpus.counts, dtype=np.int64)))
    size = len(corpus.vocabulary)
    out = np.empty(left.size)
    step = 4096
    for lo in range(0, left.size, step):
        ls, rs = left[lo : lo + step], right[lo : lo + step]
        pair = np.arange(ls.size, dtype=np.int64)
        r_entries = _ranges(starts[rs], corpus.counts[rs])
        r_keys = np.repeat(pair, corpus.counts[rs]) * size + corpus.terms[r_entries]
        by_key = np.argsort(r_keys, kind="stable")
        r_keys, r_weights = r_keys[by_key], weights[r_entries][by_key]
        l_entries = _ranges(starts[ls], corpus.counts[ls])
        l_pair = np.repeat(pair, corpus.counts[ls])
        l_keys = l_pair * size + corpus.terms[l_entries]
        if not r_keys.size:
            out[lo : lo + step] = 0.0
            continue
        found = np.minimum(np.searchsorted(r_keys, l_keys), r_keys.size - 1)
        products = np.where(r_keys[found] == l_keys, weights[l_entries] * r_weights[found], 0.0)
        out[lo : lo + step] = np.bincount(l_pair, products, minlength=ls.size)
    return out


# --- The state ---------------------------------------------------------------------------


def _encode(corpus: _Corpus) -> bytes:
    """The corpus as bytes; the vocabulary keeps only the terms some paper has."""
    import numpy as np

    used = np.bincount(corpus.terms, minlength=len(corpus.vocabulary)) > 0
    renumber = np.cumsum(used, dtype=np.int32) - 1
    return marshal.dumps(
        (
            _STATE_VERSION,
            corpus.keys,
            corpus.dates,
            b"".join(corpus.digests),
            corpus.counts.astype(np.int32).tobytes(),
            renumber[corpus.terms].astype(np.int32).tobytes(),
            corpus.tfs.astype(np.int32).tobytes(),
            [word for word, kept in zip(corpus.vocabulary, used.tolist(), strict=True) if kept],
            corpus.best.astype(np.float64).tobytes(),
            corpus.match.astype(np.int32).tobytes(),
            corpus.second.astype(np.float64).tobytes(),
        )
    )


def _decode(state: bytes) -> _Corpus | None:
    """The corpus back from :func:`_encode`, or None when ``state`` is not one."""
    import numpy as np

    try:
        data: Any = marshal.loads(state)
        version, keys, dates, digests, counts, term_ids, tfs, words, best, match, second = data
        if version != _STATE_VERSION:
            return None
        corpus = _Corpus(
            list(keys),
            [tuple(date) for date in dates],
            [digests[i : i + 16] for i in range(0, len(digests), 16)],
            np.frombuffer(counts, dtype=np.int32),
            np.frombuffer(term_ids, dtype=np.int32),
            np.frombuffer(tfs, dtype=np.int32),
            list(words),
            np.frombuffer(best, dtype=np.float64),
            np.frombuffer(match, dtype=np.int32),
            np.frombuffer(second, dtype=np.float64),
        )
    except (EOFError, ValueError, TypeError):
        return None
    return corpus if _consistent(corpus) else None


def _consistent(corpus: _Corpus) -> bool:
    """Whether a decoded state has the shape :func:`_encode` gives (a damaged one is unused)."""
    n = len(corpus.keys)
    sizes = {len(corpus.dates), len(corpus.digests), corpus.counts.size, corpus.best.size}
    sizes |= {corpus.match.size, corpus.second.size, n}
    entries = {int(corpus.counts.sum()), corpus.terms.size, corpus.tfs.size}
    if (
        len(sizes) != 1
        or len(entries) != 1
        or len(set(corpus.vocabulary)) != len(corpus.vocabulary)
    ):
        return False
    if n and (int(corpus.counts.min()) < 0 or int(corpus.match.max()) >= n):
        return False
    if corpus.terms.size == 0:
        return True
    lowest, highest = int(corpus.terms.min()), int(corpus.terms.max())
    return lowest >= 0 and highest < len(corpus.vocabulary) and int(corpus.tfs.min()) >= 1
