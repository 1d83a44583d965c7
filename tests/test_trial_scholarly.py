"""Semantic Scholar and OpenAlex answers as the APIs give them: nulls, untitled entries,
paged lists that end in an empty page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES, new_site, read_papers, snapshot

S2 = FIXTURES / "semanticscholar"
OPENALEX = FIXTURES / "openalex"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")
    return new_site(tmp_path / "site")


def records(site: Path) -> dict[str, dict[str, Any]]:
    return {str(data["title"]): data for _, data, _ in read_papers(site)}


def run(site: Path, *args: str) -> int:
    return main([*args, "--site", str(site)])


def test_an_entry_the_database_lists_without_a_title_is_left_out_with_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `"title": null` (OpenAlex's paratext, Semantic Scholar's odd entry) stopped the
    # import of every other paper of the answer with "has no title".
    assert run(site, "import", "semanticscholar", str(S2 / "papers-untitled.json")) == 0
    assert list(records(site)) == ["Scalable Oversight with Debate"]
    out = capsys.readouterr().out
    assert (
        f"{S2 / 'papers-untitled.json'}:20: paper '6c1f3b0d2e4a5f7b9c8d0e1f2a3b4c5d6e7f8091' "
        "left out: the response gives no title; add it by hand if it is yours"
    ) in out
    source = OPENALEX / "works-nulls.json"
    assert run(site, "import", "openalex", str(source)) == 0
    reward = records(site)["Reward Models with Missing Metadata"]
    assert reward["authors"] == ["Kaile Wang", "Yaodong Yang"]  # a null display_name
    assert "venue" not in reward  # a null primary location's source
    assert f"{source}:5: work 'W4200000100' left out: the response gives no title or authors" in (
        capsys.readouterr().out
    )


def test_an_empty_last_page_among_the_pages_is_no_error(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Paging through /author/{id}/papers ends in `{"offset": 2, "data": []}`; imported
    # with the pages before it, it stopped the whole import with "no papers".
    last = S2 / "papers-past-the-end.json"
    assert run(site, "import", "semanticscholar", str(S2 / "papers-page.json"), str(last)) == 0
    assert len(records(site)) == 2
    out = capsys.readouterr().out
    assert f"{last}:1: no papers in this response (the end of the list?)" in out
    # The first page asked for the page at offset 2, which was imported with it.
    assert "import the next page too" not in out


def test_an_empty_answer_alone_is_still_an_error(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(site)
    assert run(site, "import", "semanticscholar", str(S2 / "papers-past-the-end.json")) == 1
    assert "papers-past-the-end.json:1: no papers in this response" in capsys.readouterr().err
    assert snapshot(site) == before


@pytest.mark.parametrize(("cursor", "said"), [("IlsxNjA5MzcyODAwMDAwXSI=", True), (None, False)])
def test_cursor_paged_works_name_the_next_cursor_and_the_last_page_none(
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cursor: str | None,
    said: bool,
) -> None:
    # With cursor=* paging OpenAlex answers "page": null and a next_cursor (null on the
    # last page): every page, the last too, said "holds page 1 … import the next page".
    answer = json.loads((OPENALEX / "works.json").read_text(encoding="utf-8"))
    answer["meta"] = {"count": 60, "page": None, "per_page": 25, "next_cursor": cursor}
    source = tmp_path / "cursor.json"
    source.write_text(json.dumps(answer, indent=1), encoding="utf-8")
    assert run(site, "import", "openalex", str(source)) == 0
    out = capsys.readouterr().out
    assert "holds page 1" not in out
    assert (f"import the next page too (cursor={cursor})" in out) is said


def test_correction_notices_and_peer_reviews_are_no_papers_of_the_profile(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An author's OpenAlex works hold "Author Correction: <title>" (type erratum) and the
    # reviews they wrote (peer-review): each became a paper, the corrected one listed twice.
    source = OPENALEX / "works-notices.json"
    assert run(site, "import", "openalex", str(source)) == 0
    assert list(records(site)) == ["Constrained Policy Optimisation for Safe Language Agents"]
    out = capsys.readouterr().out
    assert (
        f"{source}:22: work 'W4300000002' ('Author Correction: Constrained Policy Optimisation "
        "for Safe Language Agents') is a correction notice (OpenAlex type 'erratum'), not a "
        "paper: left out"
    ) in out
    assert "work 'W4300000003' ('Reviewer #2 (Public Review): Reward Hacking in the Wild') " in out


def test_authorships_cut_at_100_in_a_list_answer_end_the_record_with_et_al(
    site: Path, tmp_path: Path
) -> None:
    # OpenAlex cuts a list answer's authorships at 100 and says so in
    # is_authors_truncated; the record listed 100 names as if they were all.
    answer = json.loads((OPENALEX / "works.json").read_text(encoding="utf-8"))
    work = answer["results"][0]
    people = ["Kaile Wang", *(f"Author Number{n}" for n in range(1, 100))]
    work["authorships"] = [
        {"author_position": "middle", "author": {"id": None, "display_name": name},
         "institutions": [], "raw_author_name": name}
        for name in people
    ]  # fmt: skip
    work["is_authors_truncated"] = True
    answer["results"] = [work]
    answer["meta"]["count"] = 1
    source = tmp_path / "large.json"
    source.write_text(json.dumps(answer), encoding="utf-8")
    assert run(site, "import", "openalex", str(source)) == 0
    (record,) = records(site).values()
    assert record["authors"] == [*people, "et al."]
    assert run(site, "build") == 0


def test_an_author_search_answer_imports_the_authors_papers(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # /author/search?fields=name,hIndex,papers.title,... answers a `data` list of authors:
    # they were read as papers, and the import said to ask for the papers' authors.
    source = S2 / "author-search.json"
    assert run(site, "import", "semanticscholar", str(source)) == 0
    assert list(records(site)) == ["Safe RLHF: Safe Reinforcement Learning from Human Feedback"]
    assert "Kaile Wang: the source reports h-index 6, 335 citations, 9 papers" in (
        capsys.readouterr().out
    )


@pytest.mark.parametrize(
    ("command", "fixture", "expected"),
    [
        ("semanticscholar", OPENALEX / "works.json",
         "; it is an OpenAlex answer: import it with `authorsite import openalex`"),
        ("openalex", S2 / "papers-page.json",
         "; it is a Semantic Scholar answer: import it with `authorsite import semanticscholar`"),
    ],
)  # fmt: skip
def test_one_apis_answer_given_to_the_others_import_names_the_right_command(
    site: Path, capsys: pytest.CaptureFixture[str], command: str, fixture: Path, expected: str
) -> None:
    # The message said only "not a Semantic Scholar author or papers response".
    before = snapshot(site)
    assert run(site, "import", command, str(fixture)) == 1
    assert expected in capsys.readouterr().err
    assert snapshot(site) == before


@pytest.mark.parametrize(
    ("source", "venue"),
    [
        ({"display_name": "bioRxiv (Cold Spring Harbor Laboratory)", "type": "repository"},
         "bioRxiv"),
        ({"display_name": "Zenodo (CERN European Organization for Nuclear Research)",
          "type": "repository"}, "Zenodo"),
        # A journal's own name keeps what it holds in parentheses.
        ({"display_name": "Physics of Fluids (1994)", "type": "journal"},
         "Physics of Fluids (1994)"),
    ],
)  # fmt: skip
def test_a_repositorys_venue_is_its_name_not_its_host(
    site: Path, tmp_path: Path, source: dict[str, str], venue: str
) -> None:
    # OpenAlex names a repository with its host: the page showed "bioRxiv (Cold Spring
    # Harbor Laboratory)" as where the paper appeared.
    answer = json.loads((OPENALEX / "works.json").read_text(encoding="utf-8"))
    work = answer["results"][0]
    work["primary_location"]["source"] = {"id": "https://openalex.org/S1", **source}
    answer["results"] = [work]
    saved = tmp_path / "one.json"
    saved.write_text(json.dumps(answer), encoding="utf-8")
    assert run(site, "import", "openalex", str(saved)) == 0
    (record,) = records(site).values()
    assert record["venue"] == venue
