"""The merge rules every import shares: match, never overwrite, plan, idempotence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.ingest import records
from tests.ingest_support import FIXTURES, new_site, snapshot

HAND_WRITTEN = """\
---
# Kept by hand: the camera-ready venue, not arXiv's journal_ref.
title: "Direct preference optimization: your language model is secretly a reward model"
authors: [Rafael Rafailov, Archit Sharma, Eric Mitchell, Stefano Ermon,
  Christopher D. Manning, Chelsea Finn]
date: 2023-05-29
venue: NeurIPS 2023   # oral
citations: 1200  # from my CV
tags: [alignment]
---

Our own summary, which an import must not replace.
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site")


def front(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert isinstance(data, dict)
    return data


def run(site: Path, *args: str) -> int:
    return main([*args, "--site", str(site)])


def test_hand_set_fields_are_kept_and_conflicts_reported(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = site / "content" / "papers" / "dpo.md"
    record.write_text(HAND_WRITTEN, encoding="utf-8")
    assert run(site, "import", "arxiv", str(FIXTURES / "arxiv" / "classic.xml")) == 0
    out = capsys.readouterr().out
    text = record.read_text(encoding="utf-8")
    # Every hand-written line survives byte for byte, comments included.
    for line in HAND_WRITTEN.splitlines():
        assert line in text
    data = front(record)
    assert data["venue"] == "NeurIPS 2023"
    assert data["citations"] == 1200
    # What the record lacked is filled in.
    assert data["arxiv_id"] == "2305.18290"
    assert data["category"] == "cs.LG"
    assert data["links"] == {
        "arxiv": "https://arxiv.org/abs/2305.18290",
        "pdf": "https://arxiv.org/pdf/2305.18290",
    }
    assert text.rstrip().endswith("Our own summary, which an import must not replace.")
    assert "updated   content/papers/dpo.md" in out
    assert "conflict  venue: keeps 'NeurIPS 2023'; the import has 'Advances in Neural" in out
    assert "conflict  title" not in out  # the same title in another case is no conflict
    assert len(list((site / "content" / "papers").glob("*.md"))) == 2  # one new, one merged


def test_dry_run_prints_the_plan_and_writes_nothing(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "content" / "papers" / "dpo.md").write_text(HAND_WRITTEN, encoding="utf-8")
    before = snapshot(site)
    args = ("import", "arxiv", str(FIXTURES / "arxiv" / "classic.xml"), "--dry-run")
    assert run(site, *args) == 0
    out = capsys.readouterr().out
    assert snapshot(site) == before
    assert "updated   content/papers/dpo.md" in out
    assert "new       content/papers/impact-of-electron-electron-cusp" in out
    assert "2 works: 1 new, 1 updated, 0 unchanged, 1 with conflicts" in out
    assert "dry run: nothing was written" in out


def test_running_the_same_import_twice_changes_nothing(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = str(FIXTURES / "bibtex" / "macros.bib")
    assert run(site, "import", "bibtex", bib) == 0
    first = snapshot(site)
    capsys.readouterr()
    assert run(site, "import", "bibtex", bib) == 0
    assert snapshot(site) == first
    assert "8 works: 0 new, 0 updated, 8 unchanged, 0 with conflicts" in capsys.readouterr().out


def test_arxiv_then_bibtex_of_the_published_version_is_one_record(site: Path) -> None:
    papers = site / "content" / "papers"
    assert run(site, "import", "arxiv", str(FIXTURES / "arxiv" / "new.xml")) == 0
    published = (
        "@inproceedings{wang2025reward,\n"
        "  title = {Reward Models for Multi-Turn Dialogue Safety},\n"
        "  author = {Wang, Kaile and Chen, Boyuan and Dai, Juntao and Yang, Yaodong},\n"
        "  booktitle = {Proceedings of the 63rd Annual Meeting of the ACL},\n"
        "  year = {2025},\n"
        "  doi = {10.18653/v1/2025.acl-long.88},\n"
        "}\n"
    )
    bib = site.parent / "acl.bib"
    bib.write_text(published, encoding="utf-8")
    assert run(site, "import", "bibtex", str(bib)) == 0
    matching = [p for p in papers.glob("*.md") if "Dialogue Safety" in p.read_text("utf-8")]
    assert len(matching) == 1  # matched by DOI
    data = front(matching[0])
    assert data["type"] == "conference"  # filled from the published version
    assert data["arxiv_id"] == "2409.01234"
    assert "wang2025reward" in str(data["bibtex"])


def test_title_and_year_match_ignores_case_punctuation_and_braces(site: Path) -> None:
    papers = site / "content" / "papers"
    (papers / "mine.md").write_text(
        "---\ntitle: Dialogue-level safety evaluation\nauthors: [Boyuan Chen, Juntao Dai]\n"
        "date: 2023\n---\n",
        encoding="utf-8",
    )
    assert run(site, "import", "bibtex", str(FIXTURES / "bibtex" / "macros.bib")) == 0
    data = front(papers / "mine.md")
    assert str(data["date"]) == "2023"  # kept; the import's 2023-07 is compatible
    assert data["venue"].startswith("Proceedings of the 61st Annual Meeting")  # type: ignore[union-attr]
    assert not any("dialogue-level" in p.name for p in papers.glob("*.md"))


def test_an_unreadable_record_stops_the_import_before_writing(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = site / "content" / "papers"
    (papers / "broken.md").write_text("---\ntitle: [unclosed\nauthors: []\n---\n", "utf-8")
    before = snapshot(site)
    assert run(site, "import", "arxiv", str(FIXTURES / "arxiv" / "new.xml")) == 1
    # Said as the build says it: the line where the list was opened.
    err = capsys.readouterr().err
    assert "content/papers/broken.md:2: YAML syntax error: the `[` list that starts on this" in err
    assert snapshot(site) == before


def test_a_failed_write_leaves_no_partial_files(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_fdopen = os.fdopen
    calls = {"n": 0}

    def failing_fdopen(fd: int, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(records.os, "fdopen", failing_fdopen)
    before = snapshot(site)
    assert run(site, "import", "arxiv", str(FIXTURES / "arxiv" / "new.xml")) == 1
    assert "cannot write: No space left on device" in capsys.readouterr().err
    assert snapshot(site) == before  # neither records nor temporary files


def test_import_outside_a_site_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a usage error (2), as `build` in the wrong folder is
    assert (
        main(["import", "arxiv", str(FIXTURES / "arxiv" / "new.xml"), "--site", str(tmp_path)]) == 2
    )
    assert "not a site folder" in capsys.readouterr().err


def test_a_record_that_would_not_build_is_never_written(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = site / "content" / "papers" / "dpo.md"
    record.write_text(HAND_WRITTEN.replace("tags: [alignment]", "citaions: 3"), "utf-8")
    before = snapshot(site)
    assert run(site, "import", "arxiv", str(FIXTURES / "arxiv" / "classic.xml")) == 1
    err = capsys.readouterr().err
    assert "content/papers/dpo.md" in err and "citaions" in err
    assert snapshot(site) == before


def test_two_records_for_one_work_are_pointed_out(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = site / "content" / "papers"
    for name in ("a.md", "b.md"):
        (papers / name).write_text(
            "---\ntitle: Reward Models for Multi-Turn Dialogue Safety\nauthors: [Kaile Wang]\n"
            "date: 2024-09-02\n---\n",
            encoding="utf-8",
        )
    assert run(site, "import", "arxiv", str(FIXTURES / "arxiv" / "new.xml")) == 0
    out = capsys.readouterr().out
    assert "updated   content/papers/a.md" in out
    assert "also matches content/papers/b.md: two records for one work?" in out
    assert "arxiv_id" not in (papers / "b.md").read_text(encoding="utf-8")


def test_a_paper_marked_draft_stays_off_the_site_through_imports(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's way to keep a wrongly credited paper off: draft: true, not deleting."""
    from generator.build import build

    bib = str(FIXTURES / "bibtex" / "macros.bib")
    assert run(site, "import", "bibtex", bib) == 0
    papers = sorted((site / "content" / "papers").glob("*.md"))
    unwanted = papers[0]
    unwanted.write_text(
        unwanted.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1)
    )
    before = snapshot(site)
    capsys.readouterr()
    assert run(site, "import", "bibtex", bib) == 0
    assert snapshot(site) == before  # not recreated, not changed
    assert "0 new, 0 updated" in capsys.readouterr().out
    build(site, site / "output")
    slug = unwanted.stem
    assert not (site / "output" / "papers" / slug).exists()
    assert (site / "output" / "papers" / papers[1].stem / "index.html").exists()


def test_a_published_version_a_year_after_an_arxiv_record_with_a_journal_ref_is_one_record(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """arXiv gives the first version's date (2014) and the journal_ref as venue; Google
    Scholar's export of the journal version says 2015 and has no DOI. It is the same paper,
    not a second record listing it twice."""
    papers = site / "content" / "papers"
    assert run(site, "import", "arxiv", str(FIXTURES / "arxiv" / "journal-ref.xml")) == 0
    capsys.readouterr()
    bib = str(FIXTURES / "bibtex" / "scholar-published.bib")
    assert run(site, "import", "bibtex", bib) == 0
    assert "0 new, 1 updated" in capsys.readouterr().out
    (record,) = papers.glob("*.md")
    data = front(record)
    assert data["arxiv_id"] == "1404.7828" and str(data["date"]) == "2014-04-30"
    assert "schmidhuber2015deep" in str(data["bibtex"])


OVERVIEW = "Deep Learning in Neural Networks: An Overview"


def test_the_record_with_the_doi_is_updated_not_a_duplicate_matched_by_title(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two records of one paper (one with the DOI, one copied without it): dblp's entry
    matches both. Giving the DOI to the copy made two records with one DOI, a site that
    no longer builds; the record holding the DOI is the one updated."""
    from generator.build import build

    papers = site / "content" / "papers"
    (papers / "a-copy.md").write_text(
        f"---\ntitle: '{OVERVIEW}'\nauthors: [Jürgen Schmidhuber]\ndate: 2015\n"
        "venue: Neural Networks\n---\n",
        encoding="utf-8",
    )
    (papers / "overview.md").write_text(
        f"---\ntitle: '{OVERVIEW}'\nauthors: [Jürgen Schmidhuber]\ndate: 2014-04-30\n"
        "venue: Neural Networks 61\ndoi: 10.1016/j.neunet.2014.09.003\n---\n",
        encoding="utf-8",
    )
    assert run(site, "import", "bibtex", str(FIXTURES / "bibtex" / "dblp-journal.bib")) == 0
    out = capsys.readouterr().out
    assert "updated   content/papers/overview.md" in out
    assert "also matches content/papers/a-copy.md: two records for one work?" in out
    assert "doi" not in front(papers / "a-copy.md")
    build(site, site / "output")  # the import left a site that builds


def test_an_identifier_another_record_holds_is_not_added(site: Path) -> None:
    """The one record a work matches lacks the DOI another record has (a different arXiv
    id kept them apart): adding it would make two records with one DOI."""
    from generator.ingest.merge import plan
    from generator.ingest.work import Work

    papers = site / "content" / "papers"
    (papers / "held.md").write_text(
        "---\ntitle: Erratum to a Study\nauthors: [Ada Lovelace]\ndate: 2020\n"
        "arxiv_id: '2001.00002'\ndoi: 10.1000/shared\n---\n",
        encoding="utf-8",
    )
    (papers / "study.md").write_text(
        "---\ntitle: A Study\nauthors: [Ada Lovelace]\ndate: 2020\n---\n", encoding="utf-8"
    )
    work = Work("x.bib", 1, "entry 'study'", title="A Study", authors=["Ada Lovelace"])
    work.date, work.arxiv_id, work.doi = "2020", "2001.00001", "10.1000/SHARED"
    (action,) = plan(site, [work]).actions
    assert action.rel == "content/papers/study.md"
    assert "doi: not added; content/papers/held.md has 10.1000/SHARED" in action.conflicts[0]
    assert action.text is not None and "doi:" not in action.text
    assert "arxiv_id: '2001.00001'" in action.text


def test_entries_of_one_file_taken_for_one_paper_despite_their_venues_say_so(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two editorials of one editor and year, in two journals, no DOIs: one record was
    made of both, the second journal dropped without a word (a paper gone from the site)."""
    bib = tmp_path / "editorials.bib"
    bib.write_text(
        "@article{wang2020a,\n  author = {Wang, Kaile},\n  title = {Editorial},\n"
        "  journal = {Journal of Machine Learning Research},\n  year = {2020},\n}\n\n"
        "@article{wang2020b,\n  author = {Wang, Kaile},\n  title = {Editorial},\n"
        "  journal = {Transactions on Safety},\n  year = {2020},\n}\n\n"
        "@article{wang2020c,\n  author = {Wang, Kaile},\n  title = {Editorial},\n"
        "  journal = {Journal of Machine Learning Research 21},\n  year = {2020},\n}\n",
        encoding="utf-8",
    )
    assert run(site, "import", "bibtex", str(bib)) == 0
    out = capsys.readouterr().out
    said = (
        "content/papers/editorial.md: conflict  venue: keeps 'Journal of Machine Learning "
        "Research'; entry 'wang2020b', taken for the same paper by its title and first "
        "author, has 'Transactions on Safety' (two papers? give each its DOI)"
    )
    assert said in out
    assert "wang2020c" not in out.split("\n", 1)[1]  # the same venue, its volume added
    assert "1 work: 1 new, 0 updated, 0 unchanged, 1 with conflicts" in out
    # The next import of the file says it again: the conflict is the file's, not a change.
    assert run(site, "import", "bibtex", str(bib)) == 0
    assert said.replace("/editorial.md:", "/editorial.md:6:") in capsys.readouterr().out


def test_a_preprint_gives_a_published_record_its_arxiv_id_not_its_type_doi_or_bibtex(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Zotero's entry for the arXiv version of a paper written by hand as published made
    the record `type: preprint` (the site said "preprint"), gave it arXiv's own DOI and
    served Zotero's `@misc` of the preprint as the paper's cite.bib."""
    record = site / "content" / "papers" / "rag.md"
    record.write_text(
        "---\ntitle: Retrieval-Augmented Generation for Scientific QA\n"
        "authors: [Zoë Dupont, François L'Hôpital, Kaile Wang]\n"
        "date: 2022-05\nvenue: ACL 2022\n---\n\nMine.\n",
        encoding="utf-8",
    )
    assert run(site, "import", "bibtex", str(FIXTURES / "bibtex" / "zotero.bib")) == 0
    out = capsys.readouterr().out
    assert "updated   content/papers/rag.md  <- entry 'dupont_retrieval_2021'" in out
    data = front(record)
    assert data["arxiv_id"] == "2111.04321"
    assert data["links"] == {"arxiv": "https://arxiv.org/abs/2111.04321"}
    assert data["venue"] == "ACL 2022"
    assert not {"type", "doi", "bibtex", "note"} & set(data)
    assert run(site, "build") == 0
    cite = (site / "output" / "papers" / "rag" / "cite.bib").read_text(encoding="utf-8")
    assert "{ACL 2022}" in cite and "dupont_retrieval_2021" not in cite  # the paper's own


def test_a_title_corrected_in_the_bib_matches_a_record_whose_venue_was_edited_by_hand(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An entry retitled in the .bib (its key, year, first author and venue kept) is its
    record, as the README says; but once the record's venue was shortened by hand
    (`venue: NeurIPS 2022`), the import made a second record of the same paper."""
    bib = tmp_path / "mine.bib"
    entry = (
        "@inproceedings{{wang2022kernels,\n  author = {{Wang, Kaile and Lee, Hana}},\n"
        "  title = {{{}}},\n  booktitle = {{Advances in Neural Information Processing "
        "Systems}},\n  year = {{2022}},\n}}\n"
    )
    bib.write_text(entry.format("Kernel Methods for Transformer Attention"), "utf-8")
    assert run(site, "import", "bibtex", str(bib)) == 0
    record = site / "content" / "papers" / "kernel-methods-for-transformer-attention.md"
    text = record.read_text("utf-8")
    record.write_text(
        text.replace(
            "venue: Advances in Neural Information Processing Systems", "venue: NeurIPS 2022"
        ),
        "utf-8",
    )
    bib.write_text(entry.format("Scaling Linear Kernels to Long Sequences"), "utf-8")
    capsys.readouterr()
    assert run(site, "import", "bibtex", str(bib)) == 0
    out = capsys.readouterr().out
    assert [p.name for p in record.parent.iterdir()] == [record.name]
    assert "recognised by its BibTeX key wang2022kernels" in out
    # The title as the entry gave it follows the entry; the venue shortened by hand stays.
    assert front(record)["title"] == "Scaling Linear Kernels to Long Sequences"
    assert front(record)["venue"] == "NeurIPS 2022"
    assert "conflict  venue: keeps 'NeurIPS 2022'" in out


def test_a_record_whose_date_was_corrected_by_hand_is_still_its_entrys(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Google Scholar dates Safe RLHF 2024 (ICLR); its record, dated by hand to the day
    it appeared (2023-10-19), was no longer found by the next import of the same file,
    which made a second record of the paper."""
    scholar = str(FIXTURES / "bibtex" / "scholar.bib")
    assert run(site, "import", "bibtex", scholar) == 0
    papers = site / "content" / "papers"
    record = papers / "safe-rlhf-safe-reinforcement-learning-from-human-feedback.md"
    record.write_text(record.read_text("utf-8").replace("date: 2024\n", "date: 2023-10-19\n"))
    edited = {p.name: p.read_bytes() for p in papers.iterdir()}
    capsys.readouterr()
    assert run(site, "import", "bibtex", scholar) == 0
    out = capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in papers.iterdir()} == edited
    said = "safe-rlhf-safe-reinforcement-learning-from-human-feedback.md:8: conflict  date: "
    assert said + "keeps 2023-10-19; the import has 2024" in out
