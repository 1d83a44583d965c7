"""Which works are one paper: arXiv id, DOI, then normalised title and year."""

from __future__ import annotations

from generator.ingest.match import combine, merged
from generator.ingest.work import Work


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
