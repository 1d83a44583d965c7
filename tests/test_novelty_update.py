"""Novelty updated from a saved state (generator.novelty_update) equals the full computation."""

from __future__ import annotations

import dataclasses
import itertools
import os
import random
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import cache as cachelib
from generator import novelty, novelty_update, workers
from generator.assemble import novelty_docs
from generator.load import Records
from generator.model import Paper, PartialDate
from generator.novelty import NoveltyDoc, novelty_scores, terms
from generator.novelty_update import Report, update

WORDS = [f"w{rank}" for rank in range(300)]
WEIGHTS = [1 / (rank + 1) for rank in range(300)]


def _text(rng: random.Random) -> str:
    """Zipf-distributed words and a few stop words (which are not terms)."""
    words = rng.choices(WORDS, WEIGHTS, k=rng.randint(0, 30))
    words += rng.choices(["the", "of", "and", "x"], k=rng.randint(0, 3))
    rng.shuffle(words)
    return " ".join(words)


def _date(rng: random.Random) -> tuple[int, int, int]:
    """Few distinct dates: many papers share one (none is earlier than the other)."""
    return (rng.randint(2018, 2023), rng.choice([0, 6]), rng.choice([0, 1]))


def _corpus(rng: random.Random, n: int) -> list[NoveltyDoc]:
    docs: list[NoveltyDoc] = []
    for i in range(n):
        text = rng.choice(docs)[2] if docs and rng.random() < 0.05 else _text(rng)
        docs.append((f"p{i}", _date(rng), text))
    return docs


def _assert_equal(docs: list[NoveltyDoc], actual: dict[str, float]) -> None:
    expected = novelty_scores(docs)
    assert actual.keys() == expected.keys()
    for key, value in expected.items():
        assert abs(actual[key] - value) <= 1e-11, key


def _retext(docs: list[NoveltyDoc], i: int, text: str) -> None:
    key, date, _ = docs[i]
    docs[i] = (key, date, text)


def _edits(rng: random.Random, docs: list[NoveltyDoc]) -> Iterator[str]:
    """Apply one random edit to ``docs`` per step, yielding its name."""
    step = 0
    while True:
        step += 1
        i = rng.randrange(len(docs))
        text = docs[i][2]
        kind = rng.choice(
            [
                *("new term", "last occurrence", "common terms", "replace common", "no terms"),
                *("copy", "rewrite", "stop words", "many", "date", "add", "remove"),
                "same sentence",
            ]
        )
        if kind == "new term":  # a term no other paper has: df 0 -> 1
            _retext(docs, i, f"{text} fresh{step} fresh{step}")
        elif kind == "last occurrence":  # a term's last paper loses it: df 1 -> 0
            df = Counter(term for _, _, t in docs for term in terms(t))
            rare = sorted(term for term, count in df.items() if count == 1)
            if rare:
                term = rng.choice(rare)
                j = next(j for j, d in enumerate(docs) if term in terms(d[2]))
                _retext(docs, j, re.sub(rf"\b{term}\b", " ", docs[j][2]))
        elif kind == "common terms":  # moves the idf, hence the vectors, of most papers
            _retext(docs, i, f"{text} w0 w1 w2")
        elif kind == "replace common":
            _retext(docs, i, re.sub(r"\bw0\b", "w3", text, count=1) + " w4")
        elif kind == "same sentence":  # rare terms shared by the papers edited alike
            _retext(docs, i, f"{text} Edited for benchmark run.")
        elif kind == "no terms":
            _retext(docs, i, "The of and x y")
        elif kind == "copy":  # identical texts: similarity 1 with some earlier or later paper
            _retext(docs, i, rng.choice(docs)[2])
        elif kind == "rewrite":
            _retext(docs, i, _text(rng))
        elif kind == "stop words":  # the text changes, its terms do not
            _retext(docs, i, f"{text} the and of")
        elif kind == "many":  # many texts at once: the update compares (nearly) everything
            for j in rng.sample(range(len(docs)), len(docs) // 3):
                _retext(docs, j, _text(rng))
        elif kind == "date":
            key, _, text = docs[i]
            docs[i] = (key, _date(rng), text)
        elif kind == "add":
            docs.insert(rng.randrange(len(docs) + 1), (f"new{step}", _date(rng), _text(rng)))
        elif kind == "remove" and len(docs) > 3:
            del docs[i]
        yield kind


def _run_edits(seed: int, n: int, steps: int) -> Counter[str]:
    """Update through random edits, checking every step; how often each path was taken."""
    rng = random.Random(seed)
    docs = _corpus(rng, n)
    scores, state, report = update(docs, None)
    assert report.how == "full" and state is not None
    _assert_equal(docs, scores)
    paths: Counter[str] = Counter()
    edits = _edits(rng, docs)
    for _ in range(steps):
        next(edits)
        scores, state, report = update(docs, state)
        _assert_equal(docs, scores)
        paths[report.how] += 1
    return paths


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_updates_after_random_edits_equal_the_full_computation(seed: int) -> None:
    paths = _run_edits(seed, 150, 60)
    assert paths["incremental"] >= 15  # the update itself was exercised, not only the fallback
    assert paths["full"] >= 5  # dates, added and removed papers


@pytest.mark.parametrize(
    ("chunk_rows", "pair_batch", "dense_share", "update_share"),
    [
        (1, 1, 0.0, 1.0),  # every shared term dense; the update never gives up
        (7, 13, 2.0, 1.0),  # no dense term: everything through the inverted index
        (64, 1000, 0.2, 0.0),  # the update gives up whenever a paper needs comparing again
    ],
)
def test_updates_do_not_depend_on_the_tuning(
    monkeypatch: pytest.MonkeyPatch,
    chunk_rows: int,
    pair_batch: int,
    dense_share: float,
    update_share: float,
) -> None:
    monkeypatch.setattr(novelty, "_CHUNK_ROWS", chunk_rows)
    monkeypatch.setattr(novelty, "_PAIR_BATCH", pair_batch)
    monkeypatch.setattr(novelty, "_DENSE_SHARE", dense_share)
    monkeypatch.setattr(novelty_update, "_UPDATE_SHARE", update_share)
    paths = _run_edits(7, 80, 30)
    assert sum(paths[how] for how in ("incremental", "full", "unchanged", "same terms")) == 30


def _dated_corpus(rng: random.Random, n: int) -> list[NoveltyDoc]:
    """Papers a month apart, every fifth of the same date as the one before."""
    docs: list[NoveltyDoc] = []
    for i in range(n):
        month = i - (i % 5 == 4)
        docs.append((f"p{i}", (2000 + month // 12, month % 12 + 1, 1), _text(rng)))
    return docs


def _kept_and_changed_terms(docs: list[NoveltyDoc], i: int) -> Iterator[tuple[str, str]]:
    """Edits of paper ``i`` (which has terms, a date of its own and neighbours a month away)
    that keep its terms and the date order, then ones that do not: (edit, expected path;
    "compared": an update or a full computation, as many papers as need it compared)."""
    key, (year, month, _), text = docs[i]
    _retext(docs, i, f"{text} The, and of it!")  # stop words and punctuation
    yield "stop words", "same terms"
    _retext(docs, i, docs[i][2].upper())  # terms are casefolded
    yield "case", "same terms"
    docs[i] = (key, (year, month, 15), docs[i][2])  # between the same neighbours
    yield "date, order kept", "same terms"
    _retext(docs, i, f"{docs[i][2]} fresh1 w0 w1")
    yield "new and common terms", "compared"
    words = docs[i][2].split()
    _retext(docs, i, " ".join(words[1:] + words[:1]))  # the same counts, in another order
    yield "terms reordered", "compared"
    docs[i] = (key, docs[i - 1][1], docs[i][2])  # the order kept, the paper before not earlier
    yield "date, now the one before's", "full"
    docs[i] = (key, (1990, 1, 1), docs[i][2])  # the earliest paper now
    yield "date, order changed", "full"


def test_edits_that_keep_or_change_terms_give_the_cold_scores_bit_for_bit() -> None:
    """After edits that leave a paper's terms and the date order as they were (stop words,
    punctuation, case, a date between the same neighbours) and after ones that change
    them, the updated scores equal a cold computation's exactly, whether the update is
    given every text or only the edited paper's (a build's told child)."""
    rng = random.Random(11)
    docs = _dated_corpus(rng, 120)
    i = next(j for j in range(40, 120) if j % 5 == 1 and terms(docs[j][2]))
    scores, state, _ = update(docs, None)
    told_state = state
    for edit, path in _kept_and_changed_terms(docs, i):
        cold = novelty_scores(docs)
        scores, state, report = update(docs, state)
        paths = ("incremental", "full") if path == "compared" else (path,)
        assert report.how in paths and scores == cold, edit
        key, date, text = docs[i]
        guess = novelty_update.speculate(told_state, [(key, date, text, False)])
        if path == "full":  # another order: no update of the same papers
            assert guess is None, edit
            continue
        assert guess is not None, edit
        assert guess.key == novelty_update.docs_key(
            (k, novelty_update.text_hash(d, novelty_update.text_digest(t))) for k, d, t in docs
        ), edit
        told_scores, new_state, report = guess.run()
        assert report.how in paths and told_scores == cold, edit
        told_state = new_state()
        assert update(docs, told_state)[2].how == "unchanged", edit  # the new texts' state


def test_a_told_update_that_keeps_the_terms_needs_no_numpy(tmp_path: Path) -> None:
    """A told child whose papers kept their terms and order gives the state's scores
    without importing NumPy (~0.15 s of CPU at 10,000 papers), the cold ones exactly."""
    import json
    import subprocess
    import sys

    rng = random.Random(12)
    docs = _dated_corpus(rng, 60)
    _, state, _ = update(docs, None)
    assert state is not None
    (tmp_path / "state").write_bytes(state)
    key, date, text = docs[21]
    _retext(docs, 21, f"{text} -- the AND of.")
    docs[21] = (key, (date[0], date[1], 20), docs[21][2])
    script = f"""
import json, sys
from pathlib import Path
from generator.novelty_update import speculate
state = Path({str(tmp_path / "state")!r}).read_bytes()
guess = speculate(state, [({key!r}, {docs[21][1]!r}, {docs[21][2]!r}, False)])
scores, new_state, report = guess.run()
new_state()
print(json.dumps([report.how, "numpy" in sys.modules, scores]))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    how, numpy_imported, scores = json.loads(done.stdout)
    assert how == "same terms" and not numpy_imported
    assert scores == novelty_scores(docs)


def test_a_small_edit_is_an_update_that_compares_few_papers_again() -> None:
    docs = _corpus(random.Random(5), 400)
    _, state, _ = update(docs, None)
    _retext(docs, 123, docs[123][2] + " Edited for benchmark run 12.")
    scores, state, report = update(docs, state)
    _assert_equal(docs, scores)
    assert report == Report("incremental", changed=1, compared=report.compared, tokenised=1)
    assert report.compared < 40
    # A common word replaced: every paper with either word moves, and still few compare again.
    _retext(docs, 200, re.sub(r"\bw0\b", "w1", docs[200][2], count=1) + " w0")
    scores, state, report = update(docs, state)
    _assert_equal(docs, scores)
    assert report.how == "incremental" and report.compared < 40


def test_papers_edited_alike_again_and_again_stay_an_update() -> None:
    # The sentence's words become rare terms of the edited papers: each new edit moves
    # those papers' vectors far, which must not loosen every other paper's bound.
    docs = _corpus(random.Random(12), 400)
    _, state, _ = update(docs, None)
    for step in range(12):
        i = (step * 37) % len(docs)
        _retext(docs, i, docs[i][2] + f" Edited for benchmark run {step}.")
        scores, state, report = update(docs, state)
        _assert_equal(docs, scores)
        assert report.how == "incremental" and report.compared < 40, step


@pytest.mark.parametrize("table", [1, 1000, 1 << 20])  # one pair, a few, all at once
def test_a_pair_similarity_sums_the_products_in_the_left_papers_term_order(
    monkeypatch: pytest.MonkeyPatch, table: int
) -> None:
    # The update takes such sums for the best matches it keeps: the bits must be a full
    # computation's (summed from 0.0 over the later paper's terms in their order).
    import numpy as np

    monkeypatch.setattr(novelty_update, "_PAIR_TABLE", table)
    docs = _corpus(random.Random(13), 200)
    _, corpus, _ = novelty_update._run(docs, None)
    rows = novelty._rows(corpus.counts)
    df = np.bincount(corpus.terms, minlength=len(corpus.vocabulary))
    weights = novelty._weights(corpus, rows, df)
    starts = np.concatenate(([0], np.cumsum(corpus.counts))).tolist()
    entries = [
        dict(zip(corpus.terms[a:b].tolist(), weights[a:b].tolist(), strict=True))
        for a, b in itertools.pairwise(starts)
    ]
    rng = random.Random(14)
    left = [rng.randrange(len(docs)) for _ in range(500)]
    right = [rng.randrange(len(docs)) for _ in range(500)]
    expected = []
    for p, q in zip(left, right, strict=True):
        total = 0.0
        for term, weight in entries[p].items():
            total += weight * entries[q].get(term, 0.0)
        expected.append(total)
    computed = novelty_update._pair_dots(corpus, weights, np.array(left), np.array(right))
    assert computed.tolist() == expected


@pytest.mark.parametrize("batch", [1, 7, 512])  # texts split into words at once
def test_the_corpus_numbers_words_as_they_first_come_and_keeps_each_text_s_order(
    monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    # The bits of every score hang on these orders: term numbers order the dense block's
    # columns (ties by number), and a text's terms the sums of its norm and its products.
    monkeypatch.setattr(novelty, "_WORD_BATCH", batch)
    rng = random.Random(21)
    docs = _corpus(rng, 60)
    docs[5] = (docs[5][0], docs[5][1], "")  # no words at all
    docs[9] = (docs[9][0], docs[9][1], "Über die Straße: w1 ÜBER w2 straße über")
    _, corpus, _ = novelty_update._run(docs, None)
    _, order, _ = novelty._ordered(docs)
    numbers: dict[bytes, int] = {}
    expected_terms: list[int] = []
    expected_tfs: list[int] = []
    for i in order:
        tally = Counter(numbers.setdefault(w, len(numbers)) for w in novelty._words(docs[i][2]))
        for number, count in tally.items():
            if novelty._is_term(list(numbers)[number]):
                expected_terms.append(number)
                expected_tfs.append(count)
    assert corpus.vocabulary == list(numbers)
    assert corpus.terms.tolist() == expected_terms
    assert corpus.tfs.tolist() == expected_tfs


def test_unchanged_texts_reuse_the_state_as_it_is() -> None:
    docs = _corpus(random.Random(6), 60)
    scores, state, _ = update(docs, None)
    again, _, report = update(docs, state)
    assert report.how == "unchanged" and report.tokenised == 0
    assert again == scores


def test_a_full_computation_tokenises_only_texts_the_state_does_not_have() -> None:
    docs = _corpus(random.Random(8), 100)
    _, state, _ = update(docs, None)
    docs.append(("late", (2030, 1, 1), "w5 w6 unseen words"))
    docs[10] = (docs[10][0], (1999, 1, 1), docs[10][2])  # a date changed too
    scores, _, report = update(docs, state)
    assert report.how == "full" and report.tokenised == 1
    _assert_equal(docs, scores)


@pytest.mark.parametrize(
    "damage",
    [
        lambda state: state[: len(state) // 2],
        lambda state: b"not a state",
        lambda state: state.replace(b"w1", b"w2"),  # vocabulary with a duplicate word
        lambda state: b"",
    ],
)
def test_a_damaged_state_costs_time_not_correctness(damage: Callable[[bytes], bytes]) -> None:
    docs = _corpus(random.Random(9), 80)
    _, state, _ = update(docs, None)
    assert state is not None
    _retext(docs, 3, "w7 w8 w9")
    scores, _, report = update(docs, damage(state))
    _assert_equal(docs, scores)
    assert report.how == "full"


SMALL_DATES = st.sampled_from([(2020, 1, 1), (2020, 6, 0), (2021, 0, 0)])
SMALL_TEXTS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "the", "é", "x"]), max_size=5)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(SMALL_DATES, SMALL_TEXTS), max_size=8),
    st.lists(st.tuples(st.integers(min_value=0, max_value=7), SMALL_TEXTS), max_size=4),
)
def test_updates_of_small_sites_equal_the_full_computation(
    papers: list[tuple[tuple[int, int, int], list[str]]],
    edits: list[tuple[int, list[str]]],
) -> None:
    docs = [(f"p{i}", date, " ".join(words)) for i, (date, words) in enumerate(papers)]
    _, state, _ = update(docs, None)
    for index, words in edits:
        if docs:
            _retext(docs, index % len(docs), " ".join(words))
        scores, state, _ = update(docs, state)
        _assert_equal(docs, scores)


def test_keys_must_be_unique_for_the_update_too() -> None:
    with pytest.raises(ValueError, match="unique"):
        update([("a", (2020, 1, 1), "x y"), ("a", (2021, 1, 1), "y z")], None)


# --- in a build: the state in the cache ---------------------------------------------------


def _papers_for_build(n: int) -> list[Paper]:
    """Papers whose novelty docs are :func:`_corpus`'s (a build passes papers)."""
    return [
        Paper(
            slug=key,
            source=f"content/papers/{key}.md",
            title=text,
            authors=("A",),
            date=PartialDate(date[0], date[1] or None, date[2] or None),
        )
        for key, date, text in _corpus(random.Random(10), n)
    ]


def _texts(papers: list[Paper]) -> list[NoveltyDoc]:
    return novelty_docs(papers, drafts=True)


def _retitle(papers: list[Paper], i: int, text: str) -> list[NoveltyDoc]:
    papers[i] = dataclasses.replace(papers[i], title=text)
    return _texts(papers)


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[Report]:
    """Record the reports of every update that keeps a state (the build's) in this process."""
    reports: list[Report] = []
    original = novelty_update.update

    def spied(
        docs: list[NoveltyDoc], state: bytes | None, *, keep_state: bool = True
    ) -> tuple[dict[str, float], bytes | None, Report]:
        result = original(docs, state, keep_state=keep_state)
        if keep_state:
            reports.append(result[2])
        return result

    monkeypatch.setattr(novelty_update, "update", spied)
    return reports


@pytest.fixture(autouse=True)
def _caches_closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every build cache a test opens is closed after it (Python 3.13 warns of a
    database connection left to the garbage collector, and the suite fails on warnings)."""
    opened: list[cachelib.BuildCache] = []
    real = cachelib.BuildCache.__init__

    def init(self: cachelib.BuildCache, site_dir: Path, root: Path | None = None) -> None:
        real(self, site_dir, root)
        opened.append(self)

    monkeypatch.setattr(cachelib.BuildCache, "__init__", init)
    yield
    for cache in opened:
        cache.close()


def test_a_build_in_a_child_updates_from_the_state_it_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "worker_count", lambda items: 2)  # a child even on one core
    papers = _papers_for_build(120)
    docs = _texts(papers)
    cache = cachelib.BuildCache(tmp_path)
    records = Records(cache, {})
    records.start_novelty(papers)
    assert records.novelty_job is not None and records.novelty_job[1].pid  # a child runs
    assert records.novelty_scores(papers) == novelty_scores(docs)
    workers.reap_children()  # the child stores the state after sending the scores
    first = cache.novelty_state()
    assert first is not None  # stored by the child

    docs = _retitle(papers, 50, docs[50][2] + " w1 brand new")
    records = Records(cache, {})
    records.start_novelty(papers)
    assert records.novelty_job is not None and records.novelty_job[1].pid
    _assert_equal(docs, records.novelty_scores(papers))
    workers.reap_children()
    second = cache.novelty_state()
    assert second is not None and second != first
    # What the child stored is the state of these texts: nothing left to update.
    assert update(docs, second)[2].how == "unchanged"


def test_a_build_without_text_changes_does_not_read_the_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    papers = _papers_for_build(40)
    cache = cachelib.BuildCache(tmp_path)
    first = Records(cache, {})
    scores = first.novelty_scores(papers)
    first.save_novelty()  # as a build does once its pages are written

    def refuse(*args: object) -> bytes:
        raise AssertionError("the state was read")

    monkeypatch.setattr(cachelib.BuildCache, "novelty_state", refuse)
    monkeypatch.setattr(cachelib, "read_novelty_state", refuse)
    monkeypatch.setattr(workers, "PARALLEL_MIN", 10)
    records = Records(cache, {})
    records.start_novelty(papers)
    assert records.novelty_job is None
    assert records.novelty_scores(papers) == scores


def test_a_threaded_build_updates_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # serve builds in a threaded process, where no child is forked.
    monkeypatch.setattr(workers, "PARALLEL_MIN", 10)
    reports = _spy(monkeypatch)
    papers = _papers_for_build(120)
    docs = _texts(papers)
    cache = cachelib.BuildCache(tmp_path)
    done = threading.Event()
    other = threading.Thread(target=done.wait)
    other.start()
    try:
        for step in range(3):
            records = Records(cache, {})
            records.start_novelty(papers)
            assert records.novelty_job is None or not records.novelty_job[1].pid
            _assert_equal(docs, records.novelty_scores(papers))
            docs = _retitle(papers, 30 + step, docs[30 + step][2] + f" edit{step}")
    finally:
        done.set()
        other.join()
    assert [report.how for report in reports] == ["full", "incremental", "incremental"]


def test_a_record_edited_outside_its_texts_finds_the_scores_by_their_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scores are cached under the records' keys; a record whose key changed (its citation
    count was edited) but whose texts did not still finds them, without the state."""
    papers = _papers_for_build(40)
    cache = cachelib.BuildCache(tmp_path)
    records = Records(cache, {})
    records.keys = {id(p): f"{p.slug}-v1" for p in papers}
    scores = records.novelty_scores(papers)
    records.save_novelty()

    def refuse(*args: object) -> bytes:
        raise AssertionError("novelty was computed again")

    monkeypatch.setattr(cachelib.BuildCache, "novelty_state", refuse)
    again = Records(cache, {})
    again.keys = {id(p): f"{p.slug}-v1" for p in papers}
    again.keys[id(papers[3])] = "p3-citations-edited"
    assert again.novelty_scores(papers) == scores
    monkeypatch.undo()
    docs = _retitle(papers, 7, papers[7].title + " fresh words here")
    edited = Records(cache, {})
    edited.keys = {id(p): f"{p.slug}-v2" for p in papers}
    _assert_equal(docs, edited.novelty_scores(papers))


def _note_how_novelty_starts(monkeypatch: pytest.MonkeyPatch, into: list[str]) -> None:
    """Each build's ``novelty_how`` (sent, told, cached, started) appended to ``into``."""
    from generator import load

    start = load.Records.start_novelty

    def spied_start(self: Records, papers: list[Paper]) -> None:
        start(self, papers)
        into.append(self.novelty_how)

    monkeypatch.setattr(load.Records, "start_novelty", spied_start)


def test_a_rebuild_readies_the_novelty_child_while_it_reads_the_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The novelty child, started as the records are read, is told the papers read
    anew (before the others are decoded) and works out the update meanwhile: after an
    abstract edit its scores are taken; after an edit that leaves every text as it was
    none is started; with a paper gone it is sent every text, as before; a renamed paper
    and a new date are no update of the same papers, so it asks for the texts. Each
    build gives the cold build's pages. (A told child's scores are refused when it
    assumed other texts or another order: see the test of that below.)"""
    from bench.synth import generate
    from generator.build import build

    monkeypatch.setattr(workers, "PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "worker_count", lambda items: 2)  # a child even on one core
    sent: list[str] = []
    closed_unsent: list[int] = []
    how: list[str] = []
    send, close = workers.ChildJob.send, workers.ChildJob.close

    def spied_send(self: workers.ChildJob, value: object, *, more: bool = False) -> bool:
        assert send(self, value, more=more)
        sent.append("told" if isinstance(value, dict) else "texts")
        return True

    def spied_close(self: workers.ChildJob) -> None:
        if self.input >= 0:
            closed_unsent.append(self.pid)
        close(self)

    monkeypatch.setattr(workers.ChildJob, "send", spied_send)
    monkeypatch.setattr(workers.ChildJob, "close", spied_close)
    _note_how_novelty_starts(monkeypatch, how)
    site = tmp_path / "site"
    generate(site, papers=30, authors=3, seed=3)
    papers = sorted((site / "content" / "papers").glob("*.md"))
    out = tmp_path / "out"
    build(site, out)
    # a first build: no earlier state to start from, every text is sent
    assert sent == ["texts"] and how == ["sent"] and closed_unsent == []

    def rebuilt(step: str) -> tuple[list[str], str]:
        """Build after an edit: what the child was sent, and how the scores were found."""
        sent.clear()
        build(site, out)
        found = (list(sent), how[-1])
        cold = tmp_path / f"cold-{step}"
        build(site, cold, use_cache=False)
        assert _files(out) == _files(cold), step
        return found

    def add_sentence(path: Path, sentence: str) -> None:
        path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")

    add_sentence(papers[4], "A new sentence about sparse graphs.")
    assert rebuilt("abstract") == (["told"], "told") and closed_unsent == []

    add_sentence(papers[11], "It is, and was, the one.")  # the same terms: the same scores
    assert rebuilt("stop words") == (["told"], "told") and closed_unsent == []

    text = papers[5].read_text(encoding="utf-8")
    papers[5].write_text(re.sub(r"(?m)^citations: .*$", "citations: 4321", text), "utf-8")
    # the texts are the cached ones: no child is started (none to dismiss)
    assert rebuilt("citations") == ([], "cached") and closed_unsent == []

    papers[6].unlink()
    add_sentence(papers[7], "A second sentence on attention.")
    assert rebuilt("deleted") == (["texts"], "sent")

    papers[8].rename(papers[8].with_name("renamed.md"))  # its slug is its file's name
    add_sentence(papers[9], "And a third on kernels.")
    assert rebuilt("renamed") == (["told", "texts"], "sent")

    text = papers[10].read_text(encoding="utf-8")
    papers[10].write_text(re.sub(r"(?m)^date: .*$", "date: 2009-01-01", text), "utf-8")
    assert rebuilt("date") == (["told", "texts"], "sent")


def test_a_first_build_forks_the_novelty_child_before_it_reads_the_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build of a large site forks its novelty child before the records are
    read, and sends it the texts once they are: forked after, it began with all this
    process held by then, and was the build's largest process (264 MB at 10,000 papers,
    over issue 6's 250 MB). So does a site grown large since its last build. The pages
    are those of a build that computes novelty without a child."""
    from bench.synth import generate
    from generator import load
    from generator.build import build

    monkeypatch.setattr(workers, "PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "worker_count", lambda items: 2)
    events: list[str] = []
    job_init, get_many = workers.ChildJob.__init__, load.Records.get_many

    def spied_job(
        self: workers.ChildJob, func: Callable[..., object], *args: object, waiting: bool = False
    ) -> None:
        events.append("child")
        job_init(self, func, *args, waiting=waiting)

    def spied_get_many(self: Records, *args: object, **kwargs: object) -> object:
        events.append("records")
        return get_many(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(workers.ChildJob, "__init__", spied_job)
    monkeypatch.setattr(load.Records, "get_many", spied_get_many)
    _note_how_novelty_starts(monkeypatch, events)
    site = tmp_path / "site"
    generate(site, papers=30, authors=3, seed=5)
    build(site, tmp_path / "out")
    assert events == ["child", "records", "sent"]
    build(site, tmp_path / "cold", use_cache=False)  # novelty in a child forked late
    assert _files(tmp_path / "out") == _files(tmp_path / "cold")

    grown = tmp_path / "grown"
    generate(grown, papers=30, authors=3, seed=5)
    papers = sorted((grown / "content" / "papers").glob("*.md"))
    aside = tmp_path / "aside"
    aside.mkdir()
    for paper in papers[5:]:
        paper.rename(aside / paper.name)
    build(grown, tmp_path / "grown-out")  # 5 papers: novelty computed in this process
    for paper in papers[5:]:
        (aside / paper.name).rename(paper)
    events.clear()
    build(grown, tmp_path / "grown-out")
    assert events == ["child", "records", "sent"]
    assert _files(tmp_path / "grown-out") == _files(tmp_path / "cold")


def test_files_that_are_no_papers_do_not_ready_the_novelty_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file in content/papers that is no paper (.DS_Store, a backup, a figure) is
    not a changed paper: a rebuild for a site title edit starts no novelty child (at
    10,000 papers it imports NumPy and reads a 10 MB state, for nothing); an abstract
    edit does, an edit of a citation count or a venue does not."""

    from bench.synth import generate
    from generator.build import build

    monkeypatch.setattr(workers, "PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "worker_count", lambda items: 2)
    readied: list[str] = []
    init = workers.ChildJob.__init__

    def spied_init(
        self: workers.ChildJob, func: Callable[..., object], *args: object, waiting: bool = False
    ) -> None:
        if waiting:
            readied.append(func.__name__)
        init(self, func, *args, waiting=waiting)

    monkeypatch.setattr(workers.ChildJob, "__init__", spied_init)
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=30, authors=3, seed=5)
    hour_ago = cachelib.now_ns() - 3600 * 10**9
    for path in site.rglob("*"):  # not just written: the file table trusts their times
        os.utime(path, ns=(hour_ago, hour_ago))
    build(site, out)
    assert readied == ["_novelty_prepared"]  # a first build's, sent every text
    readied.clear()
    folder = site / "content" / "papers"
    (folder / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (folder / "notes.txt").write_text("to do: ask about the 2019 preprint\n")
    papers = sorted(folder.glob("*.md"))
    (folder / (papers[0].name + "~")).write_text(papers[0].read_text())
    (folder / "figures").mkdir()
    (folder / "figures" / "plot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    config = site / "site.yaml"
    config.write_text(re.sub(r"(?m)^title: .*$", "title: Another Lab", config.read_text()))
    build(site, out)
    assert readied == []
    papers[2].write_text(papers[2].read_text() + "\nA new sentence about sparse graphs.\n")
    build(site, out)
    assert readied == ["_novelty_prepared"]
    # Edits that leave every paper's date, title and abstract as they were: the cached
    # scores are the site's, and no child is readied to find that out.
    readied.clear()
    papers[3].write_text(re.sub(r"(?m)^citations: .*$", "citations: 777", papers[3].read_text()))
    papers[4].write_text(papers[4].read_text().replace("\ndate:", "\nvenue: ICML 2031\ndate:"))
    build(site, out)
    assert readied == []
    cold = tmp_path / "cold"
    build(site, cold, use_cache=False)
    assert _files(out) == _files(cold)


def test_a_novelty_child_that_fails_while_it_gets_ready_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child that cannot get ready (its state unreadable, memory short) leaves the
    scores to be computed anew: the pages are the cold build's."""
    from bench.synth import generate
    from generator import load
    from generator.build import build

    monkeypatch.setattr(workers, "PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "worker_count", lambda items: 2)
    site = tmp_path / "site"
    generate(site, papers=30, authors=3, seed=4)
    out = tmp_path / "out"
    build(site, out)

    def broken(cache_file: object) -> object:
        raise MemoryError("no memory to import NumPy")

    monkeypatch.setattr(load, "_novelty_prepared", broken)
    paper = sorted((site / "content" / "papers").glob("*.md"))[3]
    paper.write_text(paper.read_text(encoding="utf-8") + "\nAnother sentence.\n", "utf-8")
    build(site, out)
    build(site, tmp_path / "cold", use_cache=False)
    assert _files(out) == _files(tmp_path / "cold")


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


# --- Told early: the papers read anew, before the others are decoded ----------------------


def _told(docs: list[NoveltyDoc], state: bytes, changed: list[int]) -> novelty_update.Speculation:
    parsed = [(docs[i][0], docs[i][1], docs[i][2], False) for i in changed]
    guess = novelty_update.speculate(state, parsed)
    assert guess is not None
    return guess


def test_an_update_told_only_the_changed_texts_equals_the_update_given_all_of_them() -> None:
    docs = _corpus(random.Random(4), 300)
    state = update(docs, None)[1]
    assert state is not None
    for step, i in enumerate((7, 150, 299)):
        _retext(docs, i, docs[i][2] + f" w{step} w299 newword{step}")
        guess = _told(docs, state, [i, 42])  # 42 read again (a citation edit): same text
        scores, new_state, report = guess.run()
        expected, expected_state, expected_report = update(docs, state)
        assert scores == expected  # bit for bit, not within a tolerance
        assert new_state() == expected_state
        assert report == expected_report and report.how == "incremental"
        # what it assumed is what a build with these texts names them by
        hashes = [
            (k, novelty_update.text_hash(d, novelty_update.text_digest(t))) for k, d, t in docs
        ]
        assert guess.key == novelty_update.docs_key(hashes)
        assert guess.order == [docs[p][0] for p in sorted(range(300), key=lambda p: docs[p][1])]
        state = new_state()


def test_an_update_cannot_be_told_of_a_new_paper_a_new_date_or_a_paper_made_a_draft() -> None:
    docs = _corpus(random.Random(5), 50)
    state = update(docs, None)[1]
    key, date, text = docs[10]
    speculate = novelty_update.speculate
    assert speculate(state, [("p-new", date, text, False)]) is None  # not in the state
    assert speculate(state, [(key, (date[0] + 1, 0, 0), text, False)]) is None
    assert speculate(state, [(key, date, text, True)]) is None  # it leaves the list
    assert speculate(state, [(key, date, text, False)] * 2) is None  # two records, one slug
    assert speculate(None, [(key, date, text, False)]) is None
    draft = speculate(state, [("p-draft", date, "a draft's words", True)])
    assert draft is not None  # a draft was never in the list: the texts are the same
    assert draft.key == _told(docs, state, []).key


def test_a_told_child_s_scores_are_refused_unless_it_assumed_the_build_s_texts_and_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same texts, but two papers of one date listed the other way round (a record
    renamed, its slug kept): the update would start from another order than the state's,
    so the told child's scores (in the state's order) are not taken; nor when the build
    has a text the child was not told of."""
    from generator import load

    monkeypatch.setattr(workers, "PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "worker_count", lambda items: 2)
    papers = _papers_for_build(120)
    cache = cachelib.BuildCache(tmp_path)
    records = Records(cache, {})
    records.start_novelty(papers)
    records.novelty_scores(papers)
    workers.reap_children()  # the state is stored

    first, second = next(
        (i, j)
        for i, j in itertools.combinations(range(len(papers)), 2)
        if papers[i].date == papers[j].date
    )
    papers[first], papers[second] = papers[second], papers[first]
    docs = _retitle(papers, 60, papers[60].title + " w3 w250")
    for order_kept in (False, True):
        if order_kept:  # the state is now of the new order
            docs = _retitle(papers, 61, papers[61].title + " w4")
        records = Records(cache, {})
        records.novelty_ready = workers.ChildJob(load._novelty_prepared, cache.path, waiting=True)
        records._tell_novelty([papers[60], papers[61]])
        records.start_novelty(papers)
        assert records.novelty_how == ("told" if order_kept else "started")
        assert records.novelty_scores(papers) == novelty_scores(docs)
        workers.reap_children()

    # Other texts than it was told of (one edit it did not hear about): refused too.
    docs = _retitle(papers, 62, papers[62].title + " w5")
    docs = _retitle(papers, 63, papers[63].title + " w6")
    records = Records(cache, {})
    records.novelty_ready = workers.ChildJob(load._novelty_prepared, cache.path, waiting=True)
    records._tell_novelty([papers[62]])
    records.start_novelty(papers)
    assert records.novelty_how == "started"
    assert records.novelty_scores(papers) == novelty_scores(docs)
