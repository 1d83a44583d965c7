"""Importers' sixth round of left-overs: a .bib file git could not merge, a month written
in the year (PubMed's `2013 Sep-Oct`), MathSciNet's review number, a hand-written thesis
type, a translation listed by its translators, and al-folio's talks an earlier import made
papers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_support import (
    new_site,
    read_papers,
    run_import,
)

# --- a .bib file with git's conflict markers ---------------------------------------------

# Two people edited papers.bib; git could not merge their edits and left both versions,
# inside an entry (one field) and between entries (a whole entry), as it writes them.
CONFLICTED = """@article{lee2021,
  author = {Lee, Ann and Wu, Bo},
  title = {A Study of Things},
<<<<<<< HEAD
  journal = {Journal of Things},
=======
  journal = {J. Things},
>>>>>>> fix-venue
  year = {2021},
}

<<<<<<< HEAD
@article{kim2020,
  author = {Lee, Ann},
  title = {An Old Title},
  year = {2020},
}
=======
@article{kim2020,
  author = {Lee, Ann},
  title = {A New Title},
  year = {2020},
}
>>>>>>> fix-venue
"""


def test_a_bib_file_git_could_not_merge_is_refused_at_each_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Within an entry the markers read as a missing comma; between entries both versions
    were imported, a key used twice, with no word of git. Each conflict is named, with
    how to resolve it, as an academicpages page's are, and nothing is written."""
    site = new_site(tmp_path / "site", "Ann Lee")
    bib = tmp_path / "papers.bib"
    bib.write_text(CONFLICTED, encoding="utf-8")
    assert run_import(site, "bibtex", bib) == 1
    said = capsys.readouterr()
    told = said.out + said.err
    how = (
        "git's merge conflict marker `<<<<<<< HEAD`: the file holds two versions of its "
        "lines; keep one, delete the other and the `<<<<<<<`, `=======` and `>>>>>>>` lines, "
        "and import again"
    )
    assert f"{bib}:4: {how}" in told
    assert f"{bib}:12: {how}" in told
    assert "comma missing" not in told
    assert read_papers(site) == []
