"""Novelty updated from the state an earlier build kept: the same scores, less work.

:func:`update` returns, with the scores of :func:`generator.novelty.novelty_scores`, a
*state* (bytes, kept in the build cache): each paper's key, date, text hash, terms and
term counts, its best earlier similarity, which paper gave it, and an upper bound on its
similarity with every other earlier paper. Given the state of an earlier call, an edit of
a few texts re-tokenises only those texts and compares again only the papers whose best
match may have moved.
"""

from __future__ import annotations

import hashlib
import itertools
import marshal
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator import novelty
from generator.novelty import (
    _compare,
    _compare_all,
    _Corpus,
    _Index,
    _ordered,
    _ranges,
    _rows,
    _scores,
    _tokenised,
    _weights,
)

if TYPE_CHECKING:
    from generator.novelty import DateKey, FloatArray, IntArray, NoveltyDoc, SmallIntArray

# An update compares again at most this share of the papers; beyond it, comparing every
# paper costs about as much (measured at 10,000 papers), so it does that.
_UPDATE_SHARE = 0.125
# Added to every bound of the update: covers float rounding of the bounds themselves.
_SLACK = 1e-9
# Papers whose vector moved farther than this (at most _FAR_MAX of them, the farthest)
# get exact similarities with every paper, as changed ones do, instead of loosening every
# other paper's bound by their move (a rare term in a few papers moves them a lot).
_FAR = 1e-4
_FAR_MAX = 256

_STATE_VERSION = 1
# Cells of _pair_dots' lookup table (8 MB): vocabulary-size cells per pair compared at once
# (at 10,000 papers, tables of 2^17 to 2^21 cells cost the same; 2^15 twice as much).
_PAIR_TABLE = 1 << 20


@dataclass
class Report:
    """How :func:`update` got its scores (for tests and benchmarks)."""

    # "full", "incremental", "unchanged" (every text and date as the state has them) or
    # "same terms" (texts or dates changed, but not a paper's terms nor the date order)
    how: str
    changed: int = 0  # texts that differ from the state's
    compared: int = 0  # papers compared again with every earlier paper
    tokenised: int = 0  # texts split into words (the others' terms came from the state)


def update(
    docs: Sequence[NoveltyDoc], state: bytes | None, *, keep_state: bool = True
) -> tuple[dict[str, float], bytes | None, Report]:
    """:func:`novelty_scores` of ``docs``, from the ``state`` an earlier call returned.

    Returns the scores, the state for the next call (None unless ``keep_state``) and a
    :class:`Report`. A state that does not fit (other papers or dates, unreadable, None)
    only costs time: the scores are computed in full, reusing the terms of unchanged texts.
    """
    scores, corpus, report = _run(docs, state)
    return scores, _encode(corpus) if keep_state else None, report


def update_then_state(
    docs: Sequence[NoveltyDoc], state: bytes | None
) -> tuple[dict[str, float], Callable[[], bytes], Report]:
    """:func:`update`, with the new state made only when asked (after the scores are used).

    Encoding the state of 10,000 papers takes ~0.1 s: a build sends the scores on first.
    """
    scores, corpus, report = _run(docs, state)
    return scores, lambda: _encode(corpus), report


def text_digest(text: str) -> bytes:
    """The hash by which a state knows a paper's text (its terms are reused while it holds)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def text_hash(date: DateKey, digest: bytes) -> str:
    """What novelty reads of one paper (date, :func:`text_digest` of its text), as text."""
    return f"{tuple(date)!r}:{digest.hex()}"


def docs_key(hashes: Iterable[tuple[str, str]]) -> str:
    """What names a set of texts, from each paper's key and :func:`text_hash`, in any order.

    A build names the texts it needs scores for so; :func:`speculate` names the texts it
    assumed so. The two agree exactly when the sets of (key, date, text) do.
    """
    joined = "\n".join(sorted(f"{key}\0{text}" for key, text in hashes))
    return hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass
class Speculation:
    """The texts :func:`speculate` assumed: their :func:`docs_key` and keys in date order."""

    key: str
    order: list[str]
    run: Callable[[], tuple[dict[str, float], Callable[[], bytes], Report]]


def speculate(
    state: bytes | None, parsed: Sequence[tuple[str, DateKey, str, bool]]
) -> Speculation | None:
    """An update from ``state`` before every text is known: the state's papers, with the
    texts of the ``parsed`` papers (key, date, text, draft) in place of theirs.

    A build that re-read a few records sends them while it decodes the others (~0.3 s at
    10,000 papers); the update then runs meanwhile. The build takes the scores only when
    the texts it ends up with have the :attr:`Speculation.key` and order assumed here, and
    then they are the scores :func:`update` would give, bit for bit: the same keys, dates,
    digests and order reach the same computation (the unchanged texts' terms come from the
    state either way). None when the state cannot be the start: a parsed paper that is new
    to it, a draft now (the set of papers changed: not an update), or dated so that the
    papers' order or which of them are earlier than which changed.

    When no parsed paper's terms changed either (a typo in a stop word, a date that keeps
    the order), the scores are the state's, found without NumPy (~0.15 s to import).
    """
    data = _loaded(state) if state is not None else None
    if data is None:
        return None
    keys: list[str] = list(data[1])
    dates: list[DateKey] = [tuple(date) for date in data[2]]
    position = {key: p for p, key in enumerate(keys)}
    if len(position) != len(keys) or len(dates) != len(keys) or len(data[3]) != 16 * len(keys):
        return None
    texts = [""] * len(keys)  # unchanged texts are never read: their terms are the state's
    digests = [data[3][i : i + 16] for i in range(0, len(data[3]), 16)]
    new_dates = list(dates)
    seen: set[str] = set()
    for key, date, text, draft in parsed:
        p = position.get(key)
        if key in seen:
            return None  # two records of one paper: which one is listed is the build's to say
        seen.add(key)
        if draft:
            if p is not None:
                return None
            continue
        if p is None:
            return None
        texts[p], digests[p] = text, text_digest(text)
        if tuple(date) != dates[p]:  # (else the state's own: its encoding is byte for byte)
            new_dates[p] = (date[0], date[1], date[2])
    if not _same_order(dates, new_dates):
        return None
    key = docs_key(zip(keys, map(text_hash, new_dates, digests), strict=True))
    edited = [position[k] for k, _, _, draft in parsed if not draft]
    if _same_terms(data, edited, texts):
        return Speculation(key, keys, lambda: _same_terms_run(data, digests, new_dates, edited))
    old = _decode_loaded(data)
    if old is None:
        return None

    def run() -> tuple[dict[str, float], Callable[[], bytes], Report]:
        scores, corpus, report = _run_ordered(
            keys, list(range(len(keys))), new_dates, digests, texts, old
        )
        return scores, lambda: _encode(corpus), report

    return Speculation(key, keys, run)


def _same_order(before: list[DateKey], after: list[DateKey]) -> bool:
    """Whether dates ``after`` (the papers of ``before``, some re-dated) keep the papers in
    their order, each paper with the same papers earlier than it: novelty is the same."""
    if before == after:
        return True
    if len(before) != len(after) or any(a > b for a, b in itertools.pairwise(after)):
        return False
    return novelty._earlier_counts(after) == novelty._earlier_counts(before)


def _same_terms(data: Any, edited: list[int], texts: list[str]) -> bool:
    """Whether each ``edited`` paper of the loaded state ``data`` has, in ``texts``, the
    terms and counts the state has for it, in the same order: its vector is unchanged to
    the last bit. Pure Python: one text is split as :func:`_tokenised` splits it."""
    from array import array

    counts = array("i")
    if counts.itemsize != 4 or array("d").itemsize != 8 or len(data[4]) % 4:
        return False
    counts.frombytes(data[4])
    n = len(data[1])
    starts = list(itertools.accumulate(counts, initial=0))
    entries = 4 * starts[-1]
    if len(counts) != n or len(data[8]) != 8 * n or {len(data[5]), len(data[6])} != {entries}:
        return False  # not the shape _encode gives: the full decoding refuses it
    words: list[bytes] = data[7]
    for p in edited:
        start, end = starts[p], starts[p + 1]
        ids, tfs = array("i"), array("i")
        ids.frombytes(data[5][4 * start : 4 * end])
        tfs.frombytes(data[6][4 * start : 4 * end])
        if any(not 0 <= i < len(words) for i in ids) or any(tf < 1 for tf in tfs):
            return False
        had = [(words[i], tf) for i, tf in zip(ids, tfs, strict=True)]
        tally: dict[bytes, int] = {}
        for word in novelty._words(texts[p]):
            tally[word] = tally.get(word, 0) + 1
        if had != [(word, tf) for word, tf in tally.items() if novelty._is_term(word)]:
            return False
    return True


def _same_terms_run(
    data: Any, digests: list[bytes], dates: list[DateKey], edited: list[int]
) -> tuple[dict[str, float], Callable[[], bytes], Report]:
    """The state's scores (no paper's terms, nor the order, changed), and the state with
    the new texts' digests and dates. Pure Python, as :func:`novelty._scores` computes."""
    from array import array

    keys: list[str] = list(data[1])
    counts, best = array("i"), array("d")
    counts.frombytes(data[4])
    best.frombytes(data[8])
    cutoff = novelty._earlier_counts(dates)
    scores: dict[str, float] = {}
    for p, key in enumerate(keys):
        if cutoff[p] > 0 and counts[p] > 0:
            scores[key] = round(min(1.0, max(0.0, 1.0 - best[p])), 12) + 0.0
    new = (*data[:2], dates, b"".join(digests), *data[4:])
    report = Report("same terms", changed=len(edited))
    return scores, lambda: marshal.dumps(new), report


def _run(
    docs: Sequence[NoveltyDoc], state: bytes | None
) -> tuple[dict[str, float], _Corpus, Report]:
    """The scores, the corpus they came from, and how they were found."""
    keys, order, _ = _ordered(docs)
    dates = [docs[i][1] for i in order]
    texts = [docs[i][2] for i in order]
    digests = [text_digest(t) for t in texts]
    old = _decode(state) if state is not None else None
    return _run_ordered(keys, order, dates, digests, texts, old)


def _run_ordered(
    keys: list[str],
    order: list[int],
    dates: list[DateKey],
    digests: list[bytes],
    texts: list[str],
    old: _Corpus | None,
) -> tuple[dict[str, float], _Corpus, Report]:
    """:func:`_run` for docs in date order (``order``: the docs' positions in it)."""
    import numpy as np

    n = len(keys)
    cutoff = np.asarray(novelty._earlier_counts(dates), dtype=np.int64)
    corpus, tokenised = _tokenised([keys[i] for i in order], dates, digests, texts, old)
    report = Report("full", tokenised=tokenised)
    if old is not None and old.keys == corpus.keys and _same_order(old.dates, dates):
        edited = [p for p in range(n) if old.digests[p] != digests[p]]
        changed = [p for p in edited if not _same_entries(corpus, old, p)]
        report = Report("incremental", len(changed), tokenised=tokenised)
        if not changed:
            same = not edited and old.dates == dates
            report.how = "unchanged" if same else "same terms"
            corpus.best, corpus.match, corpus.second = old.best, old.match, old.second
        else:
            _update(corpus, old, np.asarray(changed, dtype=np.int64), cutoff, report)
    else:
        _compare_all(corpus, cutoff)
        report.compared = n
    scores = _scores(keys, order, cutoff, corpus)
    return scores, corpus, report


def _same_entries(corpus: _Corpus, old: _Corpus, p: int) -> bool:
    """Whether paper p has the terms and counts, in the same order, that ``old`` has for it
    (``corpus`` numbers words as ``old`` does, new ones after)."""
    if corpus.counts[p] != old.counts[p]:
        return False
    start, before = int(corpus.counts[:p].sum()), int(old.counts[:p].sum())
    size = int(corpus.counts[p])
    return bool(
        (corpus.terms[start : start + size] == old.terms[before : before + size]).all()
        and (corpus.tfs[start : start + size] == old.tfs[before : before + size]).all()
    )


# --- The update --------------------------------------------------------------------------


def _update(
    corpus: _Corpus, old: _Corpus, changed: IntArray, cutoff: IntArray, report: Report
) -> None:
    """Best earlier matches of ``corpus`` from ``old``'s: same papers and dates, some texts new.

    Only the changed texts' vectors (C) change arbitrarily; a term whose df changed moves
    the vectors of the papers containing it, by ``shift[p]`` (Euclidean distance of the
    unit vectors), so any similarity of two unchanged papers p, q moves by at most
    ``shift[p] + shift[q]``. The papers that moved far (F) are treated like C: their
    similarities with every paper are computed exactly. For an unchanged paper p whose
    match is unchanged too, its similarity with the match is computed again exactly, and
    every similarity with a paper outside C, F and the match is at most ``second[p] +
    shift[p] + the largest shift outside F``: when an exact value reaches that bound, it
    is the best. Every other paper is compared again with all earlier papers.
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
    far = np.argsort(-shift, kind="stable")[:_FAR_MAX]
    far = far[shift[far] > _FAR]
    rest = shift.copy()
    rest[far] = 0.0
    largest = float(rest.max()) if n else 0.0
    exact_for = np.union1d(changed, far)  # papers compared with every paper below

    has_terms = corpus.counts > 0
    scored = (cutoff > 0) & has_terms
    match = old.match.astype(np.int64)
    redo = scored & (is_changed | (match < 0))
    redo[scored & ~redo] |= is_changed[match[scored & ~redo]]
    kept = np.flatnonzero(scored & ~redo)

    index = _Index(n, rows, corpus.terms, weights, df, cutoff)
    if np.count_nonzero(redo) > _UPDATE_SHARE * n:
        _compare_all_with(corpus, index, cutoff, report)
        return
    # Similarities with the changed and far-moved papers, for every later paper: top two.
    with_changed = _column_tops(index, exact_for, cutoff)

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
    _compare(corpus, index, again)


def _compare_all_with(corpus: _Corpus, index: _Index, cutoff: IntArray, report: Report) -> None:
    """:func:`_compare_all` with the index at hand: an update that would cost as much."""
    import numpy as np

    n = len(corpus.keys)
    report.how = "full"
    report.compared = n
    _compare(corpus, index, np.arange(int(np.searchsorted(cutoff, 1)), n))


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
    step = novelty._CHUNK_ROWS  # looked up here: tests change it
    for start in range(0, changed.size, step):
        query = changed[start : start + step]
        block = index.block(query, earlier=False)
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
    """The dot product of paper ``left[i]`` with paper ``right[i]``, for every i.

    Each sum runs over the left paper's entries in their order (0 for a term the right
    paper lacks): the same additions, in the same order, as always.
    """
    import numpy as np

    starts = np.concatenate(([0], np.cumsum(corpus.counts, dtype=np.int64)))
    size = len(corpus.vocabulary)
    out = np.empty(left.size)
    # The right papers' weights go into a table by (pair, term), read back by the left
    # papers' entries: a lookup, where a sort and a binary search cost ~3 times more.
    step = max(1, _PAIR_TABLE // max(size, 1))
    table = np.zeros(step * size)
    for lo in range(0, left.size, step):
        ls, rs = left[lo : lo + step], right[lo : lo + step]
        pair = np.arange(ls.size, dtype=np.int64)
        r_entries = _ranges(starts[rs], corpus.counts[rs])
        r_keys = np.repeat(pair * size, corpus.counts[rs]) + corpus.terms[r_entries]
        table[r_keys] = weights[r_entries]
        l_entries = _ranges(starts[ls], corpus.counts[ls])
        l_pair = np.repeat(pair, corpus.counts[ls])
        products = weights[l_entries] * table[l_pair * size + corpus.terms[l_entries]]
        out[lo : lo + step] = np.bincount(l_pair, products, minlength=ls.size)
        table[r_keys] = 0.0
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
    data = _loaded(state)
    return None if data is None else _decode_loaded(data)


def _loaded(state: bytes) -> Any:
    """The tuple :func:`_encode` made, unmarshalled, or None when ``state`` is not one."""
    try:
        data: Any = marshal.loads(state)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, tuple) or len(data) != 11 or data[0] != _STATE_VERSION:
        return None
    types = (int, list, list, bytes, bytes, bytes, bytes, list, bytes, bytes, bytes)
    if not all(isinstance(value, kind) for value, kind in zip(data, types, strict=True)):
        return None
    return data


def _decode_loaded(data: Any) -> _Corpus | None:
    """The corpus of :func:`_loaded`'s tuple, or None when it is not consistent."""
    import numpy as np

    try:
        _, keys, dates, digests, counts, term_ids, tfs, words, best, match, second = data
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
