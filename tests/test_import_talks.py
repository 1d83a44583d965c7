"""Talks are no papers, whichever importer reads them: a historian's BibTeX `@misc` talks
were imported as papers (counted, in her h-index, given Google Scholar's tags), while
academicpages' `_talks/` were left out with a note. Now every importer leaves them out,
and says how to list them on a page of her own."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest.bibtex import import_bibtex_files
from tests.ingest_support import new_site, records_by_title, run_import, write_files

PAPER = """@article{archives2021,
  author = {Dupont, Marie},
  title = {Les archives de Gen\\`eve au XVIIIe si\\`ecle},
  journal = {Revue historique},
  year = {2021},
}
"""
TALKS = """@misc{geneva2023,
  author = {Dupont, Marie},
  title = {Archives and Empire},
  howpublished = {Invited talk, Universit\\'e de Gen\\`eve},
  year = {2023},
}
@misc{sfhs2022,
  author = {Dupont, Marie},
  title = {Writing the Archive},
  type = {Keynote},
  eventtitle = {Annual Meeting of the Society for French Historical Studies},
  venue = {Boston},
  date = {2022-04-08},
}
"""


def _imported(site: Path, kind: str, source: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What ``authorsite import KIND SOURCE`` into ``site`` prints (it must succeed)."""
    assert run_import(site, kind, source) == 0
    return capsys.readouterr().out


def test_a_bibtex_talk_is_no_paper_of_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path / "site", "Marie Dupont")
    bib = tmp_path / "cv.bib"
    bib.write_text(PAPER + TALKS, encoding="utf-8")
    out = _imported(site, "bibtex", bib, capsys)
    assert list(records_by_title(site)) == ["Les archives de Genève au XVIIIe siècle"]
    # Each talk named at its line, with the line to paste into a page of her own
    assert (
        f"note: {bib}:7: entry 'geneva2023' ('Archives and Empire') is a talk (howpublished = "
        "{Invited talk, Université de Genève}), not a paper: not imported; list it on a page "
        "of your own, content/pages/talks.md, as `- 2023: *Archives and Empire*, Invited "
        "talk, Université de Genève`"
    ) in out
    assert (
        f"note: {bib}:13: entry 'sfhs2022' ('Writing the Archive') is a talk (type = "
        "{Keynote}), not a paper: not imported; list it on a page of your own, "
        "content/pages/talks.md, as `- 2022: *Writing the Archive*, Keynote, Annual Meeting "
        "of the Society for French Historical Studies, Boston`"
    ) in out
    assert (
        f"note: {bib}: 2 talks not imported (geneva2023, sfhs2022): the site lists papers"
    ) in out
    assert '(content/pages/talks.md: see "A page of your own")' in out
    # What she sees on the built site: one paper, and no page (nor Scholar tags) for a talk
    assert main(["build", "--site", str(site)]) == 0
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert ">1 Paper</h2>" in home
    assert "Archives and Empire" not in home
    pages = [p.read_text(encoding="utf-8") for p in (site / "output").rglob("*.html")]
    assert not any("Archives and Empire" in page for page in pages)
    assert sum('name="citation_title"' in page for page in pages) == 1


# (entry, whether it is a talk): in five languages, and what is no talk
CASES = [
    ("@misc{k, howpublished = {Talk at the Institute for Advanced Study}", True),
    ("@misc{k, howpublished = {Keynote address, DH Benelux}", True),
    ("@misc{k, howpublished = {Seminar, Department of History, Oxford}", True),
    ("@misc{k, type = {Invited lecture}", True),
    ('@misc{k, howpublished = {Gastvortrag an der Universit\\"at Wien}', True),
    ("@misc{k, howpublished = {Conf\\'erence invit\\'ee, Coll\\`ege de France}", True),
    ("@misc{k, howpublished = {Intervento al convegno SISEM, Bologna}", True),
    ("@misc{k, howpublished = {Ponencia en el Congreso de Historia Moderna}", True),
    ("@unpublished{k, note = {Paper presented at the AHA Annual Meeting}", True),
    ("@misc{k, eventtitle = {Journ\\'ees d'histoire}, venue = {Lyon}", True),
    ("@talk{k, booktitle = {SFHS 2022}", True),
    # a conference paper is a paper, even one given as an invited talk
    ("@inproceedings{k, booktitle = {Proceedings of DH 2020}, note = {Invited talk}", False),
    ("@misc{k, howpublished = {Lecture Notes in Computer Science}", False),
    ("@misc{k, howpublished = {Conf\\'erence internationale sur les archives}", False),
    ("@misc{k, howpublished = {\\url{https://github.com/md/talkbot}}", False),
    # a paper presented at a meeting, with its DOI: a published text
    ("@unpublished{k, note = {Paper presented at NBER}, doi = {10.3386/w1}", False),
    ("@techreport{k, institution = {CEPR}, type = {Discussion paper}", False),
]


@pytest.mark.parametrize(("head", "talk"), CASES)
def test_what_is_a_talk(tmp_path: Path, head: str, talk: bool) -> None:
    bib = tmp_path / "x.bib"
    bib.write_text(
        f"{head},\n  author = {{Dupont, Marie}},\n  title = {{T}},\n  year = {{2020}}}}\n"
    )
    notes: list[str] = []
    works = import_bibtex_files([str(bib)], notes)
    assert (not works, any("is a talk" in n for n in notes)) == (talk, talk)


def test_al_folio_s_talks_are_left_out_as_bibtex_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path / "site", "Marie Dupont")
    old = write_files(tmp_path / "old", {"_bibliography/papers.bib": PAPER + TALKS})
    out = _imported(site, "alfolio", old, capsys)
    assert list(records_by_title(site)) == ["Les archives de Genève au XVIIIe siècle"]
    assert "2 talks not imported (geneva2023, sfhs2022)" in out


def test_hugo_blox_s_talks_are_named_as_academicpages_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Hugo Blox keeps talks in content/event/ (older Academic: content/talk/); they were
    # left behind without a word, and the section's list was called one of blog posts.
    old = write_files(
        tmp_path / "old",
        {
            "content/publication/archives/index.md": (
                "---\ntitle: Les archives de Genève\nauthors: [Marie Dupont]\n"
                "date: 2021-01-01\npublication: Revue historique\n---\n"
            ),
            "content/event/_index.md": "---\ntitle: Talks\n---\n",
            "content/event/example/index.md": "---\ntitle: Example Talk\n---\n",
            "content/event/geneva-2023/index.md": "---\ntitle: Archives and Empire\n---\n",
        },
    )
    site = new_site(tmp_path / "site", "Marie Dupont")
    out = _imported(site, "hugo", old, capsys)
    assert list(records_by_title(site)) == ["Les archives de Genève"]
    assert (
        f"note: {old / 'content' / 'event'}: 1 talk (geneva-2023) not imported: the site "
        "lists papers; to keep them, write a page of your own that lists them "
        '(content/pages/talks.md: see "A page of your own")'
    ) in out
    assert "a list of talks or events" in out
    assert "blog posts" not in out


def test_a_talk_an_earlier_import_made_a_paper_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Her site was imported before talks were left out: the record stays (an import never
    # deletes one), and she is told which to delete, or it still counts as a paper.
    site = new_site(tmp_path / "site", "Marie Dupont")
    write_files(
        site / "content" / "papers",
        {
            "archives-and-empire.md": (
                "---\ntitle: Archives and Empire\nauthors: [Marie Dupont]\ndate: 2023\n"
                "venue: Invited talk, Université de Genève\n---\n"
            )
        },
    )
    bib = tmp_path / "cv.bib"
    bib.write_text(PAPER + TALKS, encoding="utf-8")
    out = _imported(site, "bibtex", bib, capsys)
    assert (
        "note: content/papers/archives-and-empire.md: a record of the talk entry "
        "'geneva2023' ('Archives and Empire'), which an earlier import made, is still a "
        "paper of the site: delete it to take it off, and list the talk on "
        "content/pages/talks.md"
    ) in out
    assert "writing-the-archive" not in out  # never imported: nothing to delete
