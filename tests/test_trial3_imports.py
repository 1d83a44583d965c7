"""Real researchers' old sites moved to authorsite (trial 3): the shapes their files had.

Each test writes a small folder modelled on one public site, named in its docstring: a
few lines reduced from its files, the people's own names kept where the case turns on them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_support import records_by_title as records
from tests.test_import_profile import fresh, imported


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


# AFAgarap.github.io (academicpages): no `citation:` in the front matter; the older
# generator wrote it into the body, under the "Download paper here" link.
_BODY_CITED = """---
title: "Improving k-Means Clustering Performance with Disentangled Internal Representations"
collection: publications
date: 2020-07-20
venue: "International Joint Conference on Neural Networks (IJCNN)"
paperurl: "https://arxiv.org/abs/2006.04535"
---

**Abstract:** Deep clustering algorithms combine representation learning and clustering.

[Download paper here](https://arxiv.org/pdf/2006.04535.pdf)


Recommended citation: Agarap, A. F., & Azcarraga, A. P. (2020). Improving k-Means Clustering \
Performance with Disentangled Internal Representations. arXiv preprint arXiv:2006.04535.
"""


def test_a_citation_written_in_the_body_names_the_authors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """AFAgarap.github.io's pages have no `citation:` key, only the body's "Recommended
    citation: Agarap, A. F., & Azcarraga, A. P. (2020). …": every page was refused, "has
    no authors", and with them the whole import, the names right there on the page."""
    folder = _write(tmp_path / "old", {"_publications/2020-07-19-clustering-ae.md": _BODY_CITED})
    site = fresh(tmp_path, "Abien Fred Agarap")
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0, err
    paper = records(site)[
        "Improving k-Means Clustering Performance with Disentangled Internal Representations"
    ]
    assert paper["authors"] == ["A. F. Agarap", "A. P. Azcarraga"]
    # the citation is still no part of the abstract
    assert paper["abstract"] == (
        "Deep clustering algorithms combine representation learning and clustering."
    )


def test_a_conference_paper_s_apa_date_ends_the_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """AFAgarap.github.io's IALP paper is cited as Google Scholar's APA cites every
    conference paper, the month after the year: `Regalado, R. V., …, & Cheng, C. (2018,
    November). Use of Word …`. The names ran on into the date: its last authors were
    "Cheng", "C. (2018" and "November)"."""
    page = """---
title: "Use of Word and Character N-Grams for Low-Resourced Local Languages"
date: 2018-11-15
venue: "IEEE International Conference on Asian Language Processing (IALP) 2018"
citation: "Regalado, R. V., Agarap, A. F., Baliber, R. I., Yambao, A., & Cheng, C. (2018, \
November). Use of Word and Character N-Grams for Low-Resourced Local Languages. In 2018 \
International Conference on Asian Language Processing (IALP) (pp. 250-254). IEEE."
---
Language identification is a text classification task.
"""
    folder = _write(tmp_path / "old", {"_publications/2018-11-15-ph-lang.md": page})
    site = fresh(tmp_path, "Abien Fred Agarap")
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0, err
    paper = records(site)["Use of Word and Character N-Grams for Low-Resourced Local Languages"]
    assert paper["authors"] == [
        "R. V. Regalado",
        "A. F. Agarap",
        "R. I. Baliber",
        "A. Yambao",
        "C. Cheng",
    ]
    # the year in that date is the citation's year: a page left with the template's
    # date is named against it
    (folder / "_publications/2018-11-15-ph-lang.md").write_text(
        page.replace("date: 2018-11-15", "date: 2015-10-01"), encoding="utf-8"
    )
    assert (
        imported("academicpages", folder, fresh(tmp_path / "again"), capsys)[1].count(
            "dated 2015-10-01, but its citation says (2018)"
        )
        == 1
    )
