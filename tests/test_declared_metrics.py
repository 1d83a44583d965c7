"""A declared metric beside the one the site computes: shown instead of it, and said
where it cannot be right (SPEC §2, "the page says which is which")."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import MINIMAL_AUTHOR

Site = Callable[[dict[str, str | bytes]], Path]

# 682 citations over three papers, h-index 3, i10-index 3: the sample profile's total.
PAPERS = {
    f"content/papers/p{n}.md": (
        f"---\ntitle: Paper {n}\nauthors: [Ada Lovelace]\ndate: 2024-0{n}-01\n"
        f"citations: {count}\n---\nAn abstract.\n"
    )
    for n, count in ((1, 600), (2, 70), (3, 12))
}


def build(make_site: Site, metrics: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """The build's warnings and the profile's tiles, for an author declaring ``metrics``."""
    author = MINIMAL_AUTHOR + "metrics:\n" + metrics + "metrics_source: Google Scholar, 2026-11\n"
    site = make_site(
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n"
            "metrics: [h_index, papers, citations, i10_index]\n",
            "content/authors/ada.yaml": author,
            **PAPERS,
        }
    )
    assert main(["build", "--site", str(site)]) == 0
    err = capsys.readouterr().err
    assert main(["build", "--site", str(site)]) == 0  # nothing to do: said again all the same
    assert capsys.readouterr().err == err
    html = (site / "output" / "index.html").read_text("utf-8")
    tiles = " · ".join(
        " ".join(re.sub(r"<[^>]+>", " ", tile).split())
        for tile in re.findall(r'<li class="tile [^"]*"[^>]*>(.*?)</li>', html, re.S)
    )
    return err, tiles


def test_a_declared_count_lower_than_the_computed_one_is_said(
    make_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    """`citations: 500` while the listed papers' counts add up to 682: the profile showed
    500 without a word, a figure no profile that holds those papers can have."""
    err, tiles = build(make_site, "  citations: 500\n  papers: 2\n", capsys)
    assert err.splitlines() == [
        "content/authors/ada.yaml:4: declared citations 500 is lower than the 682 computed "
        "from 3 listed papers (out of date, or a typo?); the profile shows 500: update it, "
        "or delete the line to show 682",
        "content/authors/ada.yaml:5: declared papers 2 is lower than the 3 computed from 3 "
        "listed papers (out of date, or a typo?); the profile shows 2: update it, or delete "
        "the line to show 3",
    ]
    # still shown as declared: the record is the author's word
    assert "2 papers declared" in tiles and "500 citations declared" in tiles


def test_a_declared_count_higher_than_the_computed_one_is_shown_unsaid(
    make_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    """Google Scholar's h-index 24 and 2,000 citations over papers the site does not list:
    what declaring is for, no note."""
    err, tiles = build(make_site, "  h_index: 24\n  citations: 2000\n  i10_index: 3\n", capsys)
    assert err == ""
    assert tiles == (
        "h-index 24 declared · 3 papers computed · 2000 citations declared · i10-index 3 declared"
    )


@pytest.mark.parametrize(
    "metrics",
    ["metrics: {citations: 500, papers: 2}\n", "metrics: {citations: 500}\n"],
)
def test_a_declared_count_on_the_metrics_line_is_not_said_to_be_deleted_with_it(
    make_site: Site, capsys: pytest.CaptureFixture[str], metrics: str
) -> None:
    """`metrics: {citations: 500, papers: 2}` on one line: "delete the line" would delete
    every declared figure, and the `metrics:` key with them."""
    author = MINIMAL_AUTHOR + metrics
    site = make_site(
        {"site.yaml": "title: T\nmain_author: ada\n", "content/authors/ada.yaml": author, **PAPERS}
    )
    assert main(["build", "--site", str(site)]) == 0
    err = capsys.readouterr().err
    assert "content/authors/ada.yaml:3: declared citations 500 is lower than the 682" in err
    assert "update it, or delete `citations` from `metrics` to show 682" in err
    assert "delete the line" not in err


def test_a_source_written_among_the_metrics_says_to_move_it_out(
    make_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    # The SPEC's "metrics ... with an optional metrics_source" read as one list: it was
    # "unknown metric `metrics_source`; known: ...", which did not say where it goes.
    author = MINIMAL_AUTHOR + "metrics:\n  h_index: 3\n  metrics_source: Google Scholar\n"
    site = make_site({"content/authors/ada.yaml": author, **PAPERS})
    assert main(["build", "--site", str(site)]) == 1
    lines = author.count("\n")
    assert (
        f"content/authors/ada.yaml:{lines}: `metrics_source` is not a metric: the source of the "
        "declared metrics is a field of its own, beside `metrics:`; move it out of the list, "
        "without the indent, as `metrics_source: Google Scholar, 2026-11`"
    ) in capsys.readouterr().err
