"""Two records for one paper: the same DOI or arXiv id in two files.

Copying a record to start the next one and keeping its identifier, or adding a paper by
hand that an import already brought in, would list the paper twice and count its
citations twice in the h-index; the build names both files instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n"}  # fmt: skip


def paper(title: str, **fields: str) -> str:
    lines = {"title": title, "authors": "[Ada Lovelace]", "date": "2024-05-01", **fields}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in lines.items()) + "---\nAbstract.\n"


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ({"doi": "10.1145/3292500.3330919"}, {"doi": "https://doi.org/10.1145/3292500.3330919"},
         "doi `10.1145/3292500.3330919` is also the doi of content/papers/a.md"),
        ({"doi": "10.1000/ABC"}, {"doi": "10.1000/abc"},
         "doi `10.1000/abc` is also the doi of content/papers/a.md"),
        ({"arxiv_id": "2401.00001"}, {"arxiv_id": "arXiv:2401.00001v2"},
         "arxiv_id `2401.00001v2` is also the arxiv_id of content/papers/a.md"),
    ],
)  # fmt: skip
def test_one_identifier_in_two_records_is_a_located_error(
    first: dict[str, str], second: dict[str, str], message: str, tmp_path: Path
) -> None:
    files = {
        **SITE,
        "content/papers/a.md": paper("First", **first),
        "content/papers/b.md": paper("Second", **second),
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/papers/b.md", "5")
    assert problem["message"] == (
        f"{message}: two records for one paper list it twice and count its citations "
        "twice; keep one record, or correct the identifier"
    )


@pytest.mark.parametrize(
    ("failed", "message"),
    [
        ({"doi": "10.1000/ABC"}, "doi `10.1000/abc` is also the doi of content/papers/a.md"),
        ({"arxiv_id": "2401.00001v2"},
         "arxiv_id `2401.00001` is also the arxiv_id of content/papers/a.md"),
    ],
)  # fmt: skip
def test_an_identifier_taken_by_a_record_with_problems_is_said_in_the_same_run(
    failed: dict[str, str], message: str, tmp_path: Path
) -> None:
    """Every problem in one run: the clash was said only once a.md's own was mended."""
    second = {"doi": "10.1000/abc"} if "doi" in failed else {"arxiv_id": "2401.00001"}
    files = {
        **SITE,
        "content/papers/a.md": paper("First", citations="lots", **failed),
        "content/papers/b.md": paper("Second", **second),
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 1
    assert [p["path"] for p in built.problems()] == ["content/papers/a.md", "content/papers/b.md"]
    clash = built.problems()[1]
    assert clash["message"].startswith(message)
    # A draft with problems of its own claims nothing: drafts may share identifiers.
    files["content/papers/a.md"] = paper("First", citations="lots", draft="true", **failed)
    built = run_build(write_site(tmp_path / "site2", files))
    assert [p["path"] for p in built.problems()] == ["content/papers/a.md"]


def test_a_draft_may_share_the_identifier_of_the_published_record(tmp_path: Path) -> None:
    """A revised record prepared as a draft beside the one it will replace."""
    files = {
        **SITE,
        "content/papers/a.md": paper("First", doi="10.1000/abc"),
        "content/papers/b.md": paper("First, revised", doi="10.1000/abc", draft="true"),
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 0, built.stderr
    built = run_build(write_site(tmp_path / "site", files), "--drafts")
    assert built.status == 0, built.stderr


def test_two_author_records_with_one_name_are_a_located_error(tmp_path: Path) -> None:
    """An author file copied to start a co-author's, its name left as it was."""
    files = {
        **SITE,
        "content/authors/bob.yaml": "field: Mathematics\nname: ada  LOVELACE\n",
        "content/papers/a.md": paper("First"),
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/authors/bob.yaml", "2")
    assert problem["message"] == (
        "name `ada  LOVELACE` is also the name of content/authors/ada.yaml: both profiles would "
        "list the same papers; correct the name, or keep one record"
    )


@pytest.mark.parametrize(
    "name",
    [
        "\u0410da Lovelace",  # Cyrillic А
        "Ada L\u043ev\u0435lace",  # Cyrillic о and е
        "Ada L\u03bfvelace",  # Greek ο
        "Ada Lovelace\u3164",  # Hangul filler, a letter drawn as nothing
        "Ada\u200bLovelace",  # zero-width space
    ],
)
def test_an_author_record_whose_name_only_looks_like_anothers_is_a_located_error(
    name: str, tmp_path: Path
) -> None:
    """A second "Ada Lovelace" profile, spelled with letters that look the same, is refused."""
    files = {
        **SITE,
        "content/authors/eve.yaml": f'name: "{name}"\n',
        "content/papers/a.md": paper("First", authors=f'["{name}"]'),
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/authors/eve.yaml", "1")
    assert problem["message"].endswith(
        "(it reads as `Ada Lovelace`: it holds a letter of another script that looks like a "
        "Latin one, or an invisible character)"
    )
    # Without the second record, the paper is Ada's: on her profile, her name in bold.
    del files["content/authors/eve.yaml"]
    built = run_build(write_site(tmp_path / "again", files))
    assert built.status == 0, built.stderr
    profile = (built.out / "index.html").read_text("utf-8")
    assert 'href="./papers/a/"' in profile and f"<strong>{name}</strong>" in profile


SAME_PAPER = "two records for one paper list it twice and count its citations twice"


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        # arXiv's DOI of a paper (DataCite, 10.48550/arXiv.<id>) and its arXiv id
        ({"doi": "10.48550/arXiv.2401.01234"}, {"arxiv_id": "2401.01234"},
         "arxiv_id `2401.01234` names the paper of doi `10.48550/arXiv.2401.01234` in "
         "content/papers/a.md; arXiv's DOI of 2401.01234 is 10.48550/arXiv.2401.01234"),
        ({"arxiv_id": "2401.01234v3"}, {"doi": "https://doi.org/10.48550/ARXIV.2401.01234"},
         "doi `10.48550/ARXIV.2401.01234` names the paper of arxiv_id `2401.01234v3` in "
         "content/papers/a.md; arXiv's DOI of 2401.01234 is 10.48550/arXiv.2401.01234"),
        # an old id with its subject class, as its abstract page shows it, and without
        ({"arxiv_id": "math.GT/0309136"}, {"arxiv_id": "math/0309136"},
         "arxiv_id `math/0309136` names the paper of arxiv_id `math.GT/0309136` in "
         "content/papers/a.md; arXiv names it math/0309136: an old id's subject class, "
         "as in math.GT/, is not part of it"),
        ({"doi": "10.48550/arXiv.math/0309136"}, {"arxiv_id": "math.GT/0309136v2"},
         "arxiv_id `math.GT/0309136v2` names the paper of doi `10.48550/arXiv.math/0309136` "
         "in content/papers/a.md; arXiv's DOI of math/0309136 is "
         "10.48550/arXiv.math/0309136"),
    ],
)  # fmt: skip
def test_one_paper_by_its_arxiv_doi_or_old_id_in_two_records_is_a_located_error(
    first: dict[str, str], second: dict[str, str], message: str, tmp_path: Path
) -> None:
    """One paper added by hand by its arXiv DOI (as doi.org's citation export gives it)
    and imported by its arXiv id was listed twice, its citations counted twice."""
    files = {
        **SITE,
        "content/papers/a.md": paper("First", **first),
        "content/papers/b.md": paper("Second", **second),
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 1, built.stderr
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/papers/b.md", "5")
    assert problem["message"] == (
        f"{message}: {SAME_PAPER}; keep one record, or correct the identifier"
    )


def test_an_arxiv_doi_taken_by_a_record_with_problems_is_said_in_the_same_run(
    tmp_path: Path,
) -> None:
    files = {
        **SITE,
        "content/papers/a.md": paper("First", citations="lots", arxiv_id="2401.01234"),
        "content/papers/b.md": paper("Second", doi="10.48550/arXiv.2401.01234"),
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert [p["path"] for p in built.problems()] == ["content/papers/a.md", "content/papers/b.md"]
    assert built.problems()[1]["message"].startswith(
        "doi `10.48550/arXiv.2401.01234` names the paper of arxiv_id `2401.01234` in "
        "content/papers/a.md"
    )


@pytest.mark.parametrize("arxiv_id", ["2401.01234", "2401.01234v2", "arXiv:2401.01234"])
def test_a_record_with_its_own_arxiv_doi_and_id_builds(arxiv_id: str, tmp_path: Path) -> None:
    files = {
        **SITE,
        "content/papers/a.md": paper("First", doi="10.48550/arXiv.2401.01234", arxiv_id=arxiv_id),
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 0, built.stderr


@pytest.mark.parametrize("draft", ["false", "true"])
def test_an_arxiv_doi_of_another_paper_than_the_arxiv_id_is_a_located_error(
    draft: str, tmp_path: Path
) -> None:
    """doi: 10.48550/arXiv.2401.01234 and arxiv_id: 2401.04321 in one record: one of them
    was copied from another paper, and the page linked two papers as its own."""
    files = {
        **SITE,
        "content/papers/a.md": paper(
            "First", doi="10.48550/arXiv.2401.01234", arxiv_id="2401.04321", draft=draft
        ),
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 1, built.stderr
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/papers/a.md", "5")
    assert problem["message"] == (
        "doi `10.48550/arXiv.2401.01234` is arXiv's DOI of 2401.01234, but arxiv_id is "
        "`2401.04321`: they name two papers, and the page would link both; correct the one "
        "that is wrong (arXiv's DOI of a paper is 10.48550/arXiv.<its arxiv_id>), or drop "
        "`doi:`, which arxiv_id links already"
    )
