"""A newcomer's trial: records edited by hand as people do, and the build's messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import new_site

RECORD = """---
title: A Corpus of Occitan Dialects
authors:
  - Maria Garcia-Lopez
date: 2017
links:
  pdf: https://example.org/a.pdf
{line}
---
"""


@pytest.mark.parametrize(
    "line", ["   code: https://github.com/x/y", "   code: 'https://github.com/x/y'"]
)
def test_a_link_indented_further_than_the_one_above_is_told_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    """A link written one space further in than the link above it: YAML reads it as more
    of that link's address. The message said to put the value in quotes (`code:
    'https://github.com/x/y'`), which changed nothing, and once quoted said no more than
    "mapping values are not allowed in this context"."""
    site = new_site(tmp_path / "site", "Maria Garcia-Lopez")
    (site / "content" / "papers" / "corpus.md").write_text(
        RECORD.format(line=line), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "content/papers/corpus.md:8: " in err
    assert "in quotes" not in err
    assert "indented further than the line above it (3 spaces, not 2)" in err
    assert "start it in the same column as `pdf:`" in err
    assert not (site / "output").exists()


def test_a_field_indented_under_another_is_told_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`  date: 2017` indented under `venue: X`: the message said to quote the date."""
    site = new_site(tmp_path / "site", "Maria Garcia-Lopez")
    (site / "content" / "papers" / "corpus.md").write_text(
        "---\ntitle: A Corpus\nauthors:\n  - Maria Garcia-Lopez\nvenue: LREC\n  date: 2017\n---\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "content/papers/corpus.md:6: " in err
    assert "in quotes" not in err
    assert "start it at the beginning of the line" in err


def test_a_copied_record_is_told_once_per_identifier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record copied to a second file (to start a new paper from it) names the same
    arXiv id twice, as `arxiv_id` and as its `links.arxiv`: the build said the same
    thing twice, the second time at the link's line calling it `arxiv_id`."""
    site = new_site(tmp_path / "site", "Maria Garcia-Lopez")
    record = (
        "---\ntitle: Romance Morphology in the Wild\nauthors:\n  - Maria Garcia-Lopez\n"
        "date: 2020-03\narxiv_id: '2003.01234'\ndoi: 10.1162/coli_a_00371\nlinks:\n"
        "  arxiv: https://arxiv.org/abs/2003.01234\n---\n"
    )
    for name in ("romance.md", "romance-copy.md"):
        (site / "content" / "papers" / name).write_text(record, encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert err.count("`2003.01234` is also the arxiv_id") == 1
    assert err.count("is also the doi") == 1
    assert "2 problems; nothing was written." in err


def test_an_author_link_under_academicpages_name_is_labelled_as_ours(
    tmp_path: Path,
) -> None:
    """`googlescholar:`, as academicpages' _config.yml names the link, written by hand in
    the author record: the profile's link read "googlescholar", the key as written."""
    site = new_site(tmp_path / "site", "Maria Garcia-Lopez")
    author = site / "content" / "authors" / "maria-garcia-lopez.yaml"
    author.write_text(
        "name: Maria Garcia-Lopez\nlinks:\n"
        "  googlescholar: https://scholar.google.com/citations?user=Qx4fQ9EAAAAJ\n"
        "  semanticscholar: https://www.semanticscholar.org/author/2267490315\n",
        encoding="utf-8",
    )
    assert main(["build", "--site", str(site)]) == 0
    page = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert ">Google Scholar</a>" in page
    assert ">Semantic Scholar</a>" in page
    assert "googlescholar" not in page
    # written as an id, as `scholar:` takes one: the profile, not `./Qx4fQ9EAAAAJ`
    author.write_text(
        "name: Maria Garcia-Lopez\nlinks:\n  google_scholar: Qx4fQ9EAAAAJ\n", encoding="utf-8"
    )
    assert main(["build", "--site", str(site)]) == 0
    page = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://scholar.google.com/citations?user=Qx4fQ9EAAAAJ"' in page


def test_check_names_the_example_paper_when_it_finds_problems_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`authorsite check` names init's example paper while it is there, but only when it
    found no problem: with a broken photo link, the newcomer fixed the photo and was told
    of the example paper one run later."""
    site = tmp_path / "site"
    from generator.ingest.scaffold import init_site

    init_site(site, "Maria Garcia-Lopez")
    author = site / "content" / "authors" / "maria-garcia-lopez.yaml"
    author.write_text("name: Maria Garcia-Lopez\nphoto: me.jpg\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--site", str(site)]) == 1
    captured = capsys.readouterr()
    assert "broken link: me.jpg" in captured.err
    assert "content/papers/example-paper.md is still the example paper" in captured.out
