"""Which works are one paper: arXiv id, DOI, then normalised title and year."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.match import combine, merged
from generator.ingest.work import Work, version_number


def work(title: str, date: str, **fields: object) -> Work:
    made = Work("test", 0, title, title=title, authors=["A. Person"], date=date)
    for name, value in fields.items():
        setattr(made, name, value)
    return made


def titles(groups: list[list[Work]]) -> list[list[str]]:
    return [[w.label for w in group] for group in groups]


def test_title_matching_ignores_case_accents_braces_and_punctuation() -> None:
    a = work("Über {BERT}: Pre-training, Revisited", "2020", venue="ACL 2020")
    b = work("uber bert pre training revisited", "2020-07", venue="ACL")
    assert len(combine([a, b])) == 1


def test_title_matching_ignores_soft_hyphens_and_zero_width_characters() -> None:
    """A title copied out of a PDF keeps its soft hyphens ("Rein-forcement" at a line end)."""
    a = work("Safe Rein\u00adforcement Learn\u200cing from Human Feedback", "2024")
    b = work("Safe Reinforcement Learning from Human Feedback", "2024")
    assert len(combine([a, b])) == 1


def test_a_preprint_may_be_a_year_older_than_its_published_version() -> None:
    preprint = work("Sparse Autoencoders", "2023-10", arxiv_id="2310.00001")
    published = work("Sparse Autoencoders", "2024-05", venue="ICLR 2024", type="conference")
    later = work("Sparse Autoencoders", "2026", venue="A Journal", type="article")
    assert titles(combine([preprint, published, later])) == [
        ["Sparse Autoencoders", "Sparse Autoencoders"],
        ["Sparse Autoencoders"],
    ]
    one = merged([preprint, published])
    assert one.venue == "ICLR 2024" and one.type == "conference"  # the published version leads
    assert one.arxiv_id == "2310.00001" and one.date == "2023-10"  # the preprint's id and date


def test_two_published_papers_with_one_title_in_other_years_stay_apart() -> None:
    a = work("Introduction", "2019", venue="Book One", type="chapter")
    b = work("Introduction", "2020", venue="Book Two", type="chapter")
    assert len(combine([a, b])) == 2


def test_arxiv_ids_decide_where_both_have_one() -> None:
    a = work("Same Title", "2024", arxiv_id="2401.00001")
    b = work("Same Title", "2024", arxiv_id="2401.00002")
    c = work("A Different Title Entirely", "2025", arxiv_id="2401.00001", venue="NeurIPS")
    assert titles(combine([a, b, c])) == [
        ["Same Title", "A Different Title Entirely"],
        ["Same Title"],
    ]


def test_doi_matches_across_titles_and_case() -> None:
    a = work("Title as the journal prints it", "2022", doi="10.1162/TACL_a_00481")
    b = work("Title as the author wrote it", "2022", doi="https://doi.org/10.1162/tacl_a_00481")
    assert len(combine([a, b])) == 1


SAFE_RLHF_V = "Safe RLHF-V: Safe Reinforcement Learning from Multi-modal Human Feedback"
ARXIV_ORDER = ["Jiaming Ji", "Xinyu Chen", "Rui Pan", "Kaile Wang", "Yaodong Yang"]
# The published version moved the author who led the revision to the front, and its
# publisher writes given names as initials.
PUBLISHED_ORDER = ["K. Wang", "J. Ji", "X. Chen", "R. Pan", "Y. Yang"]


def test_a_preprint_and_its_published_version_with_reordered_authors_are_one_work() -> None:
    preprint = work(
        SAFE_RLHF_V, "2024-12-02", arxiv_id="2412.01234", type="preprint", authors=ARXIV_ORDER
    )
    published = work(
        SAFE_RLHF_V.replace("Multi-modal", "Multi-Modal"),
        "2025-12",
        venue="NeurIPS 2025",
        type="conference",
        doi="10.5555/neurips.2025.1234",
        authors=PUBLISHED_ORDER,
    )
    groups = combine([preprint, published])
    assert len(groups) == 1
    one = merged(groups[0])
    assert one.authors == PUBLISHED_ORDER  # the published version leads
    assert one.arxiv_id == "2412.01234" and one.date == "2024-12-02"


def test_reordered_authors_match_only_a_preprint_to_its_published_version() -> None:
    preprint = work(
        SAFE_RLHF_V, "2024-12-02", arxiv_id="2412.01234", type="preprint", authors=ARXIV_ORDER
    )
    published = dict(venue="NeurIPS 2025", type="conference")
    # One more author on the way: not the same list, so not known to be the same work.
    added = work(SAFE_RLHF_V, "2025", **published, authors=[*PUBLISHED_ORDER, "Z. Dupont"])
    # A list cut short cannot be compared as a whole.
    cut = work(SAFE_RLHF_V, "2025", **published, authors=["K. Wang", "J. Ji", "et al."])
    # Not within a year of the preprint.
    late = work(SAFE_RLHF_V, "2027", **published, authors=PUBLISHED_ORDER)
    for other in (added, cut, late):
        assert len(combine([preprint, other])) == 2
    # Two published works of one year, one title, the same editors in turn first: the
    # introductions of a handbook's two volumes, which are two works.
    editors = ["Hana Lee", "Kaile Wang"]
    volume_one = work("Introduction", "2019", venue="Handbook, Vol. 1", type="chapter")
    volume_two = work("Introduction", "2019", venue="Handbook, Vol. 2", type="chapter")
    volume_one.authors, volume_two.authors = editors, editors[::-1]
    assert len(combine([volume_one, volume_two])) == 2


def test_the_latest_arxiv_version_of_a_group_is_kept_by_its_number() -> None:
    """Two answers of one arXiv query, v9 and v10 (a long-lived survey): the merged work is
    v10, read as a number (as the merge reads a record's link to v9 as older), not as text."""
    ninth = work("A Survey", "2023", arxiv_id="2303.18223", arxiv_version="v9")
    tenth = work("A Survey", "2023", arxiv_id="2303.18223", arxiv_version="v10")
    for group in ([ninth, tenth], [tenth, ninth]):
        assert merged(group).arxiv_version == "v10"
    assert [version_number(v) for v in ("v10", "v9", None)] == [10, 9, 0]


# Versions of one title by the same two people: working papers of two series (NBER's by
# its DOI, CEPR's without one), journal papers with their DOIs, an arXiv preprint or two
_VERSIONS = [
    {"type": "report", "doi": "10.3386/w25987", "note": "Working Paper"},
    {"type": "report", "doi": "10.3386/w31999", "note": "Working Paper"},
    {"type": "report", "note": "Discussion Paper", "venue": "CEPR"},
    {"type": "article", "doi": "10.1257/aer.1", "venue": "American Economic Review"},
    {"type": "article", "doi": "10.1086/jole.2", "venue": "Journal of Labor Economics"},
    {"type": "article", "venue": "Journal of Labor Economics"},
    {"arxiv_id": "1906.00001"},
    {"arxiv_id": "2001.00002"},
]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(st.sampled_from(range(len(_VERSIONS))), st.integers(2016, 2024)),
        min_size=2,
        max_size=6,
    )
)
def test_one_import_never_makes_one_record_of_two_papers(
    versions: list[tuple[int, int]],
) -> None:
    """Whatever versions of one title by the same people an export holds, in any order
    and years: a group (one record) never holds two published DOIs, two NBER numbers or
    two arXiv ids, one of them lost. A working paper matched one journal paper and another
    journal's paper of the title, and the three were one record."""
    works = []
    for n, (which, year) in enumerate(versions):
        made = work("Minimum Wages and Firm Employment", str(year), **_VERSIONS[which])
        made.label, made.authors = f"w{n}", ["Chidi Okafor", "Maja Lindqvist"]
        works.append(made)
    for group in combine(works):
        published = {w.doi for w in group if w.doi and w.type == "article"}
        nber = {w.doi for w in group if w.doi and w.doi.startswith("10.3386/")}
        arxiv = {w.arxiv_id for w in group if w.arxiv_id}
        assert len(published) <= 1 and len(nber) <= 1 and len(arxiv) <= 1, titles([group])
