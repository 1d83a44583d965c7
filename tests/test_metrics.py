"""Metrics (SPEC §3): citation indices, scores, per-year counts, co-authors, novelty."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import novelty
from generator.metrics import (
    NoveltyDoc,
    author_novelty,
    h_index,
    i10_index,
    mean_score,
    novelty_scores,
    per_year,
    terms,
    top_coauthors,
    total_citations,
)

citation_lists = st.lists(st.integers(min_value=0, max_value=200), max_size=60)

# --- h-index, i10-index, citations ---------------------------------------------------------


@pytest.mark.parametrize(
    ("citations", "expected"),
    [
        ([], 0),  # no papers
        ([0], 0),  # one paper, never cited
        ([0, 0, 0, 0], 0),  # all zero
        ([7], 1),  # one paper
        ([1, 1, 1], 1),
        ([3, 3, 3], 3),  # ties exactly at h
        ([4, 4, 4], 3),
        ([3, 3, 3, 3], 3),  # a tie one past h
        ([10, 8, 5, 4, 3], 4),  # Hirsch's example shape
        ([25, 8, 5, 3, 3], 3),
        ([1000, 0, 0], 1),  # one highly cited paper
        ([6, 5, 3, 1, 0], 3),
    ],
)
def test_h_index(citations: list[int], expected: int) -> None:
    assert h_index(citations) == expected
    assert h_index(reversed(citations)) == expected  # any order, any iterable


def test_h_index_of_a_thousand_papers() -> None:
    citations = list(range(1000))  # 0, 1, ..., 999: papers 500..999 have >= 500
    random.Random(7).shuffle(citations)
    assert h_index(citations) == 500
    assert h_index([1000] * 1000) == 1000
    assert h_index([999] * 1000) == 999


@given(citation_lists)
def test_h_index_matches_its_definition(citations: list[int]) -> None:
    h = h_index(citations)
    assert sum(1 for c in citations if c >= h) >= h
    assert sum(1 for c in citations if c >= h + 1) < h + 1


@given(citation_lists)
def test_h_index_bounded_by_papers_and_by_max_citations(citations: list[int]) -> None:
    h = h_index(citations)
    assert 0 <= h <= len(citations)
    assert h <= max(citations, default=0)


@given(citation_lists, st.data())
def test_more_citations_never_lower_h(citations: list[int], data: st.DataObject) -> None:
    more = [c + data.draw(st.integers(min_value=0, max_value=50)) for c in citations]
    more += data.draw(st.lists(st.integers(min_value=0, max_value=200), max_size=5))
    assert h_index(more) >= h_index(citations)


@pytest.mark.parametrize(
    ("citations", "i10", "total"),
    [
        ([], 0, 0),
        ([0, 0], 0, 0),
        ([9, 10, 11], 2, 30),
        ([682], 1, 682),
        ([3] * 1000, 0, 3000),
    ],
)
def test_i10_and_total(citations: list[int], i10: int, total: int) -> None:
    assert i10_index(citations) == i10
    assert total_citations(iter(citations)) == total


@pytest.mark.parametrize("function", [h_index, i10_index, total_citations])
def test_negative_counts_are_refused(function: object) -> None:
    assert callable(function)
    with pytest.raises(ValueError, match=">= 0"):
        function([3, -1])


# --- score, per year ------------------------------------------------------------------------


def test_mean_score() -> None:
    assert mean_score([]) is None
    assert mean_score(iter([])) is None
    assert mean_score([57.0]) == 57.0
    assert mean_score([0.0]) == 0.0  # a real 0 is a value, not "no data"
    assert mean_score([96.9, 50.0]) == pytest.approx(73.45)
    assert mean_score(x / 10 for x in range(1, 11)) == pytest.approx(0.55)


def test_per_year_counts_papers_and_citations_oldest_first() -> None:
    items = [(2024, 10), (2021, 3), (2024, None), (2023, 0), (2021, 4), (2024, 5)]
    assert per_year(items) == [(2021, 2, 7), (2023, 1, 0), (2024, 3, 15)]


def test_per_year_leaves_out_years_without_papers() -> None:
    assert per_year([]) == []
    assert [year for year, _, _ in per_year([(2010, 1), (2020, 2)])] == [2010, 2020]
    assert per_year([(2019, None)]) == [(2019, 1, None)]  # no count: no data, not 0
    assert per_year([(2019, None), (2019, 0)]) == [(2019, 2, 0)]  # a real 0 is a value


# --- co-authors -----------------------------------------------------------------------------

OWN = ["Kaile Wang", "K. Wang"]


def test_top_coauthors_counts_papers_together() -> None:
    lists = [
        ["Kaile Wang", "Ada Lovelace", "Alan Turing", "et al."],
        ["Alan Turing", "Kaile Wang"],
        ["K. Wang", "Alan Turing", "Grace Hopper", "others"],
        ["Ada Lovelace", "Wang, Kaile"],
    ]
    assert top_coauthors(lists, OWN) == [
        ("Alan Turing", 3),
        ("Ada Lovelace", 2),
        ("Grace Hopper", 1),
    ]


def test_top_coauthors_match_spellings_and_show_the_most_common() -> None:
    lists = [
        ["Kaile Wang", "Francois Portet"],
        ["Kaile Wang", "François Portet"],
        ["Portet, François", "Kaile Wang"],
        ["KAILE WANG", "Lukasz Kaiser"],
        ["Łukasz Kaiser", "kaile wang"],
    ]
    assert top_coauthors(lists, OWN) == [("François Portet", 3), ("Łukasz Kaiser", 2)]


def test_top_coauthors_ties_are_ordered_by_name_and_limited() -> None:
    lists = [["Zoe Adams", "Bea Young", "Al Brown", "Kaile Wang"], ["Al Brown", "Bea Young"]]
    assert top_coauthors(lists, OWN) == [("Al Brown", 2), ("Bea Young", 2), ("Zoe Adams", 1)]
    assert top_coauthors(lists, OWN, limit=2) == [("Al Brown", 2), ("Bea Young", 2)]
    assert top_coauthors(lists, OWN, limit=0) == []


def test_top_coauthors_count_a_name_once_per_paper_and_ignore_markers() -> None:
    lists = [
        ["Ada Lovelace", "A. Lovelace", "Ada  Lovelace", "et al.", "", "  "],
        ["et. al.", "Others"],
    ]
    # "A. Lovelace" is not "Ada Lovelace": initials are not guessed at.
    assert top_coauthors(lists, []) == [("A. Lovelace", 1), ("Ada Lovelace", 1)]
    assert top_coauthors([["Ada Lovelace", "Ada Lovelace"]], []) == [("Ada Lovelace", 1)]
    assert top_coauthors([["et al."], ["others"]], []) == []
    assert top_coauthors([], OWN) == []


def test_top_coauthors_with_a_thousand_papers() -> None:
    rng = random.Random(3)
    people = [f"Person {chr(65 + i)}" for i in range(20)]
    lists = [["Kaile Wang", *rng.sample(people, 3), "et al."] for _ in range(1000)]
    expected = Counter(name for authors in lists for name in authors[1:4])
    result = top_coauthors(lists, OWN, limit=20)
    assert dict(result) == dict(expected)
    counts = [count for _, count in result]
    assert counts == sorted(counts, reverse=True)
    assert sum(counts) == 3000


def test_top_coauthors_count_site_authors_by_their_record_name_profile_after_profile() -> None:
    # `people`: the site's authors' name keys -> the names of their records. One mapping
    # serves every profile of a build (its papers' entries are made once for all).
    people = {
        "ada lovelace": "Ada Lovelace",
        "a lovelace": "Ada Lovelace",
        "kaile wang": "Kaile Wang",
    }
    lists = [["Kaile Wang", "A. Lovelace", "Alan Turing"], ["Ada Lovelace", "Kaile Wang"]]
    assert top_coauthors(lists, OWN, people=people) == [("Ada Lovelace", 2), ("Alan Turing", 1)]
    # Ada's profile, from the same papers: her alias is her own name, never a co-author.
    ada = ["Ada Lovelace", "A. Lovelace"]
    assert top_coauthors(lists, ada, people=people) == [("Kaile Wang", 2), ("Alan Turing", 1)]
    # Other people (a site where `A. Lovelace` is nobody's alias): counted as they say.
    fewer = {"ada lovelace": "Ada Lovelace", "kaile wang": "Kaile Wang"}
    assert top_coauthors(lists, OWN, people=fewer) == [
        ("A. Lovelace", 1),
        ("Ada Lovelace", 1),
        ("Alan Turing", 1),
    ]


def test_top_coauthors_never_count_the_profile_s_own_name_as_someone_else() -> None:
    # A mapping that names one of the profile's own names as another person: the name is
    # still the profile's own, and no co-author.
    people = {"ada lovelace": "Charles Babbage"}
    lists = [["Ada Lovelace", "Bob Smith"]]
    assert top_coauthors(lists, ["Ada Lovelace"], people=people) == [("Bob Smith", 1)]


# --- novelty: tokenisation ------------------------------------------------------------------


def test_terms_are_casefolded_words_without_stop_words() -> None:
    text = "The Transformer's attention: 3D-CNNs and the attention of a Vision-Transformer."
    assert terms(text) == Counter(
        {"transformer": 2, "attention": 2, "3d": 1, "cnns": 1, "vision": 1}
    )


def test_terms_keep_accented_and_non_latin_words() -> None:
    assert terms("Café naïve ÉTUDE über_alles 学习 ok") == Counter(
        {"café": 1, "naïve": 1, "étude": 1, "über": 1, "alles": 1, "学习": 1, "ok": 1}
    )


def test_terms_of_text_with_only_stop_words_are_empty() -> None:
    assert terms("") == Counter()
    assert terms("The, and of a I 1 2 x.") == Counter()


# --- novelty: definition --------------------------------------------------------------------


def doc(key: str, year: int, text: str, month: int = 1, day: int = 1) -> NoveltyDoc:
    return (key, (year, month, day), text)


def test_no_paper_or_one_paper_gives_no_score() -> None:
    assert novelty_scores([]) == {}
    assert novelty_scores([doc("a", 2020, "graph neural networks")]) == {}


def test_the_earliest_papers_get_no_score() -> None:
    scores = novelty_scores(
        [
            doc("late", 2022, "graph neural networks"),
            doc("first", 2020, "graph neural networks"),
            doc("first-too", 2020, "protein folding"),
        ]
    )
    assert set(scores) == {"late"}


def test_an_earlier_identical_paper_gives_zero() -> None:
    text = "Sparse attention for long documents. We study sparse attention patterns."
    scores = novelty_scores([doc("a", 2020, text), doc("b", 2021, text)])
    assert scores == {"b": 0.0}


def test_identical_abstracts_with_other_papers_around_give_zero() -> None:
    abstract = "We propose a method for protein structure prediction with deep networks."
    docs = [
        doc("p1", 2019, abstract),
        doc("p2", 2020, "Reinforcement learning for robot navigation in crowds."),
        doc("p3", 2021, abstract),
        doc("p4", 2022, "Reinforcement learning for robot navigation in crowds."),
    ]
    scores = novelty_scores(docs)
    assert scores["p3"] == 0.0
    assert scores["p4"] == 0.0
    assert scores["p2"] == 1.0  # no term in common with p1


def test_a_paper_unlike_everything_earlier_is_close_to_one() -> None:
    docs = [
        doc("a", 2018, "Convolutional networks for image classification on ImageNet."),
        doc("b", 2019, "Convolutional networks for object detection in images."),
        doc("c", 2020, "Medieval monastic manuscripts: parchment, ink and scribes."),
        doc("d", 2021, "Monastic scribes and medieval networks of manuscripts."),
    ]
    scores = novelty_scores(docs)
    assert scores["c"] == 1.0
    assert 0.0 < scores["b"] < 1.0
    assert 0.0 < scores["d"] < 0.7  # close to "c"


def test_only_strictly_earlier_papers_count() -> None:
    text = "Diffusion models for audio synthesis."
    other = "Bayesian optimisation of hyperparameters."
    same_day = novelty_scores(
        [
            doc("first", 2019, "Unrelated history of mathematics."),
            doc("a", 2020, text, 5, 3),
            doc("b", 2020, text, 5, 3),  # same date as "a": neither is earlier
        ]
    )
    assert same_day == {"a": 1.0, "b": 1.0}
    later = novelty_scores([doc("x", 2020, other), doc("y", 2021, text), doc("z", 2022, text)])
    assert later["y"] == 1.0  # "z" is later and does not count for "y"
    assert later["z"] == 0.0


def test_partial_dates_order_before_full_ones_of_the_same_year() -> None:
    text = "Neural machine translation with attention."
    scores = novelty_scores([doc("full", 2020, text, 6, 1), ("year-only", (2020, 0, 0), text)])
    assert scores == {"full": 0.0}


def test_weights_are_sublinear_tf_times_smooth_idf() -> None:
    # Worked by hand from the docstring: n = 2; df(alpha) = 2, df(beta) = df(gamma) = 1.
    scores = novelty_scores([doc("a", 2020, "alpha alpha beta"), doc("b", 2021, "alpha gamma")])
    idf_common = math.log(3 / 3) + 1
    idf_rare = math.log(3 / 2) + 1
    a_alpha, a_beta = (1 + math.log(2)) * idf_common, idf_rare
    b_alpha, b_gamma = idf_common, idf_rare
    cosine = (a_alpha * b_alpha) / (math.hypot(a_alpha, a_beta) * math.hypot(b_alpha, b_gamma))
    assert scores["b"] == pytest.approx(1 - cosine, abs=1e-12)
    # Raw tf would give a different value: the choice is observable.
    raw = (2 * b_alpha) / (math.hypot(2, a_beta) * math.hypot(b_alpha, b_gamma))
    assert abs(scores["b"] - (1 - raw)) > 1e-3


def test_ascii_and_non_ascii_texts_share_terms() -> None:
    scores = novelty_scores(
        [doc("a", 2020, "graph neural networks"), doc("b", 2021, "graph neural networks café")]
    )
    assert scores["b"] < 0.5


def test_a_paper_without_terms_gets_no_score_and_matches_nothing() -> None:
    scores = novelty_scores(
        [doc("empty", 2019, "On the"), doc("a", 2020, "On it"), doc("b", 2021, "graph theory")]
    )
    assert scores == {"b": 1.0}


def test_result_keeps_input_order_and_does_not_depend_on_it() -> None:
    docs = _random_corpus(random.Random(11), 40)
    scores = novelty_scores(docs)
    assert list(scores) == [key for key, _, _ in docs if key in scores]
    shuffled = list(docs)
    random.Random(5).shuffle(shuffled)
    again = novelty_scores(shuffled)
    assert again.keys() == scores.keys()
    for key, value in scores.items():
        assert again[key] == pytest.approx(value, abs=1e-12)


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="unique"):
        novelty_scores([doc("a", 2020, "x y"), doc("a", 2021, "y z")])


# --- novelty: exactness against a direct computation ----------------------------------------


def _reference(docs: list[NoveltyDoc]) -> dict[str, float]:
    """The docstring's definition computed directly, all pairs, in pure Python."""
    n = len(docs)
    counts = [terms(text) for _, _, text in docs]
    df = Counter(term for c in counts for term in c)
    vectors = []
    for c in counts:
        vector = {
            t: (1 + math.log(k)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, k in c.items()
        }
        norm = math.sqrt(sum(x * x for x in vector.values()))
        vectors.append({t: x / norm for t, x in vector.items()})
    result = {}
    for i, (key, date, _) in enumerate(docs):
        earlier = [j for j in range(n) if docs[j][1] < date]
        if not earlier or not vectors[i]:
            continue
        best = max(sum(x * vectors[j].get(t, 0.0) for t, x in vectors[i].items()) for j in earlier)
        result[key] = min(1.0, max(0.0, 1.0 - best))
    return result


def _random_corpus(rng: random.Random, n: int, vocabulary: int = 400) -> list[NoveltyDoc]:
    """Zipf-distributed words, a few stop words, dates with many ties, some copies."""
    words = [f"w{rank}" for rank in range(vocabulary)] + ["the", "of", "and"]
    weights = [1 / (rank + 1) for rank in range(vocabulary)] + [0.5, 0.5, 0.5]
    docs: list[NoveltyDoc] = []
    for i in range(n):
        if docs and rng.random() < 0.05:
            text = rng.choice(docs)[2]  # a copy of an earlier-listed paper
        else:
            text = " ".join(rng.choices(words, weights, k=rng.randint(0, 40)))
        date = (rng.randint(2015, 2024), rng.randint(0, 12), rng.choice([0, 1, 15]))
        docs.append((f"p{i}", date, text))
    return docs


def _assert_same_scores(actual: dict[str, float], expected: dict[str, float]) -> None:
    assert actual.keys() == expected.keys()
    for key, value in expected.items():
        assert actual[key] == pytest.approx(value, abs=1e-9), key


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_novelty_equals_the_direct_computation(seed: int) -> None:
    docs = _random_corpus(random.Random(seed), 300)
    _assert_same_scores(novelty_scores(docs), _reference(docs))


@pytest.mark.parametrize(
    ("chunk_rows", "pair_batch", "dense_share", "dense_bytes"),
    [
        (1, 1, 0.0, 1 << 30),  # every shared term dense, one row and one product at a time
        (7, 13, 2.0, 1 << 30),  # no dense term at all: everything through the index
        (64, 1000, 0.2, 8 * 300 * 5),  # the dense block capped at 5 terms
    ],
)
def test_novelty_does_not_depend_on_the_tuning(
    monkeypatch: pytest.MonkeyPatch,
    chunk_rows: int,
    pair_batch: int,
    dense_share: float,
    dense_bytes: int,
) -> None:
    docs = _random_corpus(random.Random(4), 300)
    expected = _reference(docs)
    monkeypatch.setattr(novelty, "_CHUNK_ROWS", chunk_rows)
    monkeypatch.setattr(novelty, "_PAIR_BATCH", pair_batch)
    monkeypatch.setattr(novelty, "_DENSE_SHARE", dense_share)
    monkeypatch.setattr(novelty, "_DENSE_BYTES", dense_bytes)
    _assert_same_scores(novelty_scores(docs), expected)


def _reference_bits(docs: list[NoveltyDoc]) -> tuple[dict[str, float], list[float], list[int]]:
    """Scores, and in date order each paper's best similarity and match, summed in the order
    the computation promises: each similarity from 0.0, over the later paper's terms in
    the order they first occur in its text; each squared norm over its terms likewise.

    (NumPy only takes the logarithms: elementwise, the same wherever an element sits.)
    """
    import numpy as np

    n = len(docs)
    order = sorted(range(n), key=lambda i: (docs[i][1], i))
    counts = [terms(docs[i][2]) for i in order]
    df = Counter(term for c in counts for term in c)
    vectors: list[dict[str, float]] = []
    for c in counts:
        words = list(c)
        tf = np.log(np.array([c[t] for t in words], dtype=np.float64))
        idf = np.log((1.0 + n) / (1.0 + np.array([df[t] for t in words], dtype=np.float64)))
        raw = ((1.0 + tf) * (idf + 1.0)).tolist()
        squares = 0.0
        for x in raw:
            squares += x * x
        norm = math.sqrt(squares)
        vectors.append({t: x / norm for t, x in zip(words, raw, strict=True)})
    scores, best, match = {}, [], []
    for p, i in enumerate(order):
        similarities = []
        for q in range(p):
            if docs[order[q]][1] == docs[i][1]:
                break  # the same date and later: not earlier
            total = 0.0
            for t, x in vectors[p].items():
                if t in vectors[q]:
                    total += x * vectors[q][t]
            similarities.append(total)
        if not similarities or not vectors[p]:
            best.append(0.0)
            match.append(-1)
            continue
        best.append(max(similarities))
        match.append(similarities.index(best[-1]))
        scores[docs[i][0]] = round(min(1.0, max(0.0, 1.0 - best[-1])), 12) + 0.0
    return {key: scores[key] for key, _, _ in docs if key in scores}, best, match


@pytest.mark.parametrize(("chunk_rows", "pair_batch"), [(128, 1 << 18), (1, 1), (7, 13)])
def test_novelty_sums_the_products_in_the_promised_order_to_the_last_bit(
    monkeypatch: pytest.MonkeyPatch, chunk_rows: int, pair_batch: int
) -> None:
    # No term dense: a dense product is summed in BLAS's own order, the index's in ours.
    from generator.novelty_update import _run

    monkeypatch.setattr(novelty, "_DENSE_SHARE", 2.0)
    monkeypatch.setattr(novelty, "_CHUNK_ROWS", chunk_rows)
    monkeypatch.setattr(novelty, "_PAIR_BATCH", pair_batch)
    docs = _random_corpus(random.Random(11), 300)
    scores, best, match = _reference_bits(docs)
    computed, corpus, _ = _run(docs, None)
    assert novelty_scores(docs) == computed == scores
    has_match = corpus.match >= 0
    assert corpus.match.tolist() == match
    assert corpus.best[has_match].tolist() == [
        b for b, m in zip(best, match, strict=True) if m >= 0
    ]


def test_the_postings_order_is_a_stable_sort_by_term_for_large_vocabularies_too() -> None:
    import numpy as np

    rng = np.random.default_rng(3)
    for high in (300, 1 << 16, 1 << 20, (1 << 31) - 1):  # term ids past 16 bits sort by both halves
        values = rng.integers(0, high, 20_000).astype(np.int32)
        values[::5] = values[7]  # many equal ids: their order must stay
        assert np.array_equal(novelty._stable_order(values), np.argsort(values, kind="stable"))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([(2020, 1, 1), (2020, 6, 0), (2021, 0, 0), (2022, 3, 3)]),
            st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "the", "é"]), max_size=6),
        ),
        max_size=10,
    )
)
def test_novelty_equals_the_direct_computation_on_small_sites(
    papers: list[tuple[tuple[int, int, int], list[str]]],
) -> None:
    docs = [(f"p{i}", date, " ".join(words)) for i, (date, words) in enumerate(papers)]
    scores = novelty_scores(docs)
    _assert_same_scores(scores, _reference(docs))
    assert all(0.0 <= value <= 1.0 for value in scores.values())


def test_novelty_of_a_thousand_papers_lies_in_the_unit_interval() -> None:
    docs = _random_corpus(random.Random(9), 1000, vocabulary=2000)
    scores = novelty_scores(docs)
    dated = sorted(date for _, date, _ in docs)
    assert len(scores) > 900  # all but the first date and the papers without words
    assert all(0.0 <= value <= 1.0 for value in scores.values())
    copies = [
        key
        for key, date, text in docs
        if terms(text)
        and any(other_text == text and other_date < date for _, other_date, other_text in docs)
    ]
    assert copies and all(scores[key] == 0.0 for key in copies)
    assert dated[0] not in {date for key, date, _ in docs if key in scores}


# --- author novelty -------------------------------------------------------------------------


def test_author_novelty_is_the_mean_over_scored_papers() -> None:
    scores = {"a": 0.2, "b": 0.6, "c": 1.0}
    assert author_novelty(scores, ["a", "b"]) == pytest.approx(0.4)
    assert author_novelty(scores, ["a", "b", "unscored"]) == pytest.approx(0.4)
    assert author_novelty(scores, ["c", "c", "a"]) == pytest.approx(0.6)  # each paper once
    assert author_novelty(scores, ["unscored"]) is None
    assert author_novelty(scores, []) is None
    assert author_novelty({"z": 0.0}, ["z"]) == 0.0
