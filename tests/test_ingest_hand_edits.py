"""Records edited by hand survive an import: their bytes, line ends, mode, links and lines."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest import records
from tests.ingest_support import FIXTURES, new_site, snapshot

NEW_XML = str(FIXTURES / "arxiv" / "new.xml")  # lists 2409.01234 with category, DOI, note


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site")


def run(site: Path, *args: str) -> int:
    return main([*args, "--site", str(site)])


def reward(front: str, body: str = "Mine.\n") -> str:
    """A hand-written record of the arXiv paper 2409.01234 of new.xml."""
    return (
        "---\ntitle: Reward Models for Multi-Turn Dialogue Safety\n"
        "authors: [Kaile Wang, Boyuan Chen, Juntao Dai, Yaodong Yang]\n"
        f'date: 2024-09-02\narxiv_id: "2409.01234"\n{front}---\n{body}'
    )


def import_over(
    site: Path, capsys: pytest.CaptureFixture[str], front: str, body: str = "Mine.\n"
) -> tuple[int, str]:
    """Write ``reward.md`` with ``front``, import new.xml: the status and all it printed."""
    (site / "content" / "papers" / "reward.md").write_text(reward(front, body), "utf-8")
    status = run(site, "import", "arxiv", NEW_XML)
    said = capsys.readouterr()
    return status, said.out + said.err


def test_a_windows_saved_record_keeps_its_bom_and_crlf_line_ends(site: Path) -> None:
    """Notepad saves with a byte-order mark and CRLF: the import refused the record
    ("must start with '---'") although it builds, and once past that rewrote every line
    end to LF, a whole-file change in git for two added keys."""
    record = site / "content" / "papers" / "reward.md"
    original = ("\ufeff" + reward("venue: ACL 2025  # camera-ready\n", "Mine.\n\nMore.\n")).replace(
        "\n", "\r\n"
    )
    record.write_bytes(original.encode("utf-8"))
    assert run(site, "import", "arxiv", NEW_XML) == 0
    raw = record.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf---\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends as the others do
    text = raw.decode("utf-8")
    for line in original.splitlines(keepends=True):
        assert line in text
    assert "category: cs.CL\r\n" in text and "doi: 10.18653/v1/2025.acl-long.88\r\n" in text
    assert main(["build", "--site", str(site)]) == 0


def test_a_record_with_classic_mac_line_ends_gets_its_keys_in_its_front_matter(
    site: Path,
) -> None:
    """Lines ended by a lone CR (which the build reads as line ends) were one line to the
    import: the DOI it added went to the end of the file, into the abstract."""
    record = site / "content" / "papers" / "reward.md"
    original = reward("", "Mine.\n").replace("\n", "\r")
    record.write_bytes(original.encode("utf-8"))
    assert run(site, "import", "arxiv", NEW_XML) == 0
    text = record.read_bytes().decode("utf-8")
    assert "\n" not in text and text.endswith("---\rMine.\r")
    assert "\rdoi: 10.18653/v1/2025.acl-long.88\r" in text.split("---")[1]
    assert main(["build", "--site", str(site)]) == 0


def test_links_gain_entries_without_losing_comments_or_quotes(site: Path) -> None:
    """The whole `links:` block was rewritten to add arXiv's links: its comments went and
    its quotes changed."""
    record = site / "content" / "papers" / "reward.md"
    links = (
        "links:\n  # my talk\n  slides: 'https://example.org/slides.pdf'   # ICML version\n"
        "  code: https://github.com/x/y\n"
    )
    record.write_text(reward(links + "citations: 5   # by hand\n"), encoding="utf-8")
    assert run(site, "import", "arxiv", NEW_XML) == 0
    text = record.read_text(encoding="utf-8")
    assert links + "  arxiv: https://arxiv.org/abs/2409.01234\n" in text
    assert "  pdf: https://arxiv.org/pdf/2409.01234\n" in text
    assert "citations: 5   # by hand\n" in text


def test_links_on_one_line_written_again_in_block_style_keep_their_comment(
    site: Path,
) -> None:
    """`links: {code: "…"}  # the artifact` became a `links:` block without the comment."""
    record = site / "content" / "papers" / "reward.md"
    record.write_text(reward('links: {code: "https://github.com/x/y"}  # the artifact\n'), "utf-8")
    assert run(site, "import", "arxiv", NEW_XML) == 0
    text = record.read_text(encoding="utf-8")
    assert "links:  # the artifact\n  code: https://github.com/x/y\n  arxiv: https://" in text
    assert main(["build", "--site", str(site)]) == 0


def test_a_refreshed_count_keeps_the_comment_after_it(site: Path) -> None:
    papers = site / "content" / "papers"
    record = papers / "reward.md"
    record.write_text(
        reward("citations: 3  # S2 says more\ncitations_source: Semantic Scholar\n"), "utf-8"
    )
    response = papers.parent.parent / "s2.json"
    response.write_text(
        '{"data": [{"paperId": "x", "title": "Reward Models for Multi-Turn Dialogue Safety", '
        '"year": 2024, "authors": [{"name": "Kaile Wang"}], "externalIds": {"ArXiv": '
        '"2409.01234"}, "citationCount": 17}]}',
        encoding="utf-8",
    )
    assert run(site, "import", "semanticscholar", str(response)) == 0
    assert "citations: 17  # S2 says more\n" in record.read_text(encoding="utf-8")


def test_records_keep_their_mode_and_new_ones_follow_the_umask(site: Path) -> None:
    """Every record an import wrote became 0600 (mkstemp's mode), one it updated too: a
    site shared with a group, or served from the folder, lost read access to it."""
    record = site / "content" / "papers" / "reward.md"
    record.write_text(reward(""), encoding="utf-8")
    record.chmod(0o664)
    old = os.umask(0o022)
    try:
        assert run(site, "import", "arxiv", NEW_XML) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(record.stat().st_mode) == 0o664
    assert "doi:" in record.read_text(encoding="utf-8")
    created = [p for p in record.parent.glob("*.md") if p != record]
    assert created and all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in created)


def test_a_linked_record_stays_a_link_and_its_file_is_updated(site: Path) -> None:
    """A record kept elsewhere in the site behind a symbolic link was replaced by a copy:
    the link was gone, and the file it led to never saw the update."""
    shared = site / "shared"
    shared.mkdir()
    (shared / "reward.md").write_text(reward(""), encoding="utf-8")
    link = site / "content" / "papers" / "reward.md"
    link.symlink_to(Path("..") / ".." / "shared" / "reward.md")
    assert run(site, "import", "arxiv", NEW_XML) == 0
    assert link.is_symlink()
    assert "doi: 10.18653/v1/2025.acl-long.88" in (shared / "reward.md").read_text("utf-8")


def test_links_out_of_the_site_and_to_nothing_are_refused_as_the_build_refuses_them(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link to nothing ended the import in a traceback; one out of the site was read
    (and written) although the build refuses it."""
    papers = site / "content" / "papers"
    (papers / "gone.md").symlink_to(tmp_path / "nowhere.md")
    before = snapshot(site)
    assert run(site, "import", "arxiv", NEW_XML) == 1
    err = capsys.readouterr().err
    assert "content/papers/gone.md: is a symbolic link to nothing; remove it" in err
    assert "Traceback" not in err
    assert snapshot(site) == before


def test_a_read_only_record_is_left_alone_and_said_so(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record its owner made read-only was replaced all the same (a rename ignores the
    file's mode)."""
    record = site / "content" / "papers" / "reward.md"
    record.write_text(reward(""), encoding="utf-8")
    record.chmod(0o444)
    before = record.read_bytes()
    for dry in (["--dry-run"], []):
        assert run(site, "import", "arxiv", NEW_XML, *dry) == 0
        out = capsys.readouterr().out
        assert "read-only content/papers/reward.md" in out
        assert "the file is read-only; make it writable" in out
        assert "1 read-only" in out
    assert record.read_bytes() == before


def test_git_conflict_markers_stop_the_import_at_their_line(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Markers in the abstract built, and the import let them be, unchanged."""
    before = snapshot(site)
    markers = "<<<<<<< HEAD\nOur abstract.\n=======\nTheirs.\n>>>>>>> main\n"
    status, said = import_over(site, capsys, "", markers)
    assert status == 1
    assert "content/papers/reward.md:7: holds a git merge conflict marker" in said
    before["content/papers/reward.md"] = (site / "content/papers/reward.md").read_bytes()
    assert snapshot(site) == before


def test_a_record_that_does_not_build_is_located_at_its_lines_on_disk(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The import checked the text it would write, so the unknown field was reported two
    lines below where it is (after the keys it would add above it)."""
    status, said = import_over(site, capsys, "my_status: accepted\n")
    assert status == 1
    assert "content/papers/reward.md:6: unknown field `my_status`" in said


def test_each_conflict_names_the_line_of_its_field(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    links = "links:\n  code: https://github.com/x/y\n  pdf: https://example.org/mine.pdf\n"
    status, said = import_over(site, capsys, "# the camera-ready venue\nvenue: ACL 2025\n" + links)
    assert status == 0
    assert "  content/papers/reward.md:7: conflict  venue: keeps 'ACL 2025'" in said
    assert "  content/papers/reward.md:10: conflict  links.pdf: keeps 'https://example.org" in said


def a_study(site: Path) -> Path:
    """A BibTeX file of one article by Kaile Wang, "A Study" (2020)."""
    bib = site / "study.bib"
    bib.write_text(
        "@article{k2020,\n  title = {A Study},\n  author = {Wang, Kaile},\n"
        "  journal = {J},\n  year = {2020},\n}\n",
        encoding="utf-8",
    )
    return bib


def test_a_differing_bibtex_entry_shows_where_it_differs(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both entries were shown cut after the same first words: the conflict said nothing.
    (An entry as the import wrote it follows its file instead: see test_ingest_reimport.)"""
    bib = a_study(site)
    assert run(site, "import", "bibtex", str(bib)) == 0
    record = site / "content" / "papers" / "a-study.md"
    record.write_text(
        record.read_text("utf-8").replace("year = {2020},", "year = {2020},\n    note = {Mine},")
    )
    bib.write_text(
        bib.read_text("utf-8").replace("year = {2020},", "year = {2020},\n  volume = {3},")
    )
    capsys.readouterr()
    assert run(site, "import", "bibtex", str(bib)) == 0
    out = capsys.readouterr().out
    assert (
        "conflict  bibtex: keeps its line 'note = {Mine},'; the import has 'volume = {3},'" in out
    )


def test_a_new_record_never_takes_a_name_another_file_has_in_another_case(site: Path) -> None:
    """On macOS and Windows `Reward-Models...md` and `reward-models...md` are one file."""
    papers = site / "content" / "papers"
    other = papers / "Reward-Models-for-Multi-Turn-Dialogue-Safety.md"
    other.write_text(
        "---\ntitle: Another paper\nauthors: [Kaile Wang]\ndate: 2020\n---\n", encoding="utf-8"
    )
    assert run(site, "import", "arxiv", NEW_XML) == 0
    names = {p.name.casefold() for p in papers.iterdir()}
    assert len(names) == len(list(papers.iterdir()))
    assert "reward-models-for-multi-turn-dialogue-safety-2024.md" in names


def test_sigterm_while_writing_leaves_no_temporary_file(site: Path) -> None:
    """A CI timeout or `kill` during the renames left `.x.md.abc.tmp` files behind."""
    papers = site / "content" / "papers"
    (papers / "reward.md").write_text(reward(""), encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "from generator.cli import main\n"
        "real = os.replace\n"
        "def replace(a, b):\n"
        "    real(a, b)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "os.replace = replace\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "import", "arxiv", NEW_XML, "--site", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 130, done.stderr
    assert "interrupted" in done.stderr
    assert [p.name for p in papers.iterdir() if p.name.startswith(".")] == []
    assert main(["build", "--site", str(site)]) == 0  # what was written is whole


def test_front_matter_closed_by_yaml_document_end_is_read_as_the_build_reads_it(
    site: Path,
) -> None:
    """`...` closes front matter for the build (and Jekyll, Hugo); the import read on to
    the horizontal rule in the abstract and took the abstract for YAML."""
    record = site / "content" / "papers" / "reward.md"
    original = reward("").replace("---\nMine.", "...\nMine.\n\n---\n\nMore.")
    record.write_text(original, encoding="utf-8")
    assert main(["build", "--site", str(site)]) == 0
    assert run(site, "import", "arxiv", NEW_XML) == 0
    text = record.read_text(encoding="utf-8")
    assert text.endswith("...\nMine.\n\n---\n\nMore.\n")
    assert "doi: 10.18653/v1/2025.acl-long.88\n" in text.split("...")[0]


def test_a_rename_failing_after_others_says_which_records_were_written(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """After one record was renamed into place, a failing second rename was reported with
    "nothing was written": the user would not look at the first."""
    real = os.replace
    calls: list[str] = []

    def failing(source: str, target: str) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real(source, target)

    monkeypatch.setattr(records.os, "replace", failing)
    assert run(site, "import", "arxiv", NEW_XML) == 1
    err = capsys.readouterr().err
    first = Path(calls[0]).name
    assert "cannot write: Input/output error" in err
    assert "nothing was written" not in err
    assert f"written before it: {site / 'content' / 'papers' / first}." in err
    assert [p.name for p in (site / "content" / "papers").iterdir()] == [first]


@pytest.mark.parametrize(
    ("front", "body", "line"),
    [
        ("<<<<<<< HEAD\nvenue: ACL\n=======\nvenue: EMNLP\n>>>>>>> main\n", "Mine.\n", 6),
        ("", "Ours.\n<<<<<<< HEAD\nMine.\n=======\nTheirs.\n>>>>>>> 1a2b3c4\n", 8),
    ],
)
def test_the_build_refuses_a_record_left_with_git_conflict_markers(
    site: Path, capsys: pytest.CaptureFixture[str], front: str, body: str, line: int
) -> None:
    """Markers in the abstract were published, both sides and the markers too; in the
    front matter they were a YAML error that did not say what happened."""
    (site / "content" / "papers" / "reward.md").write_text(reward(front, body), "utf-8")
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"content/papers/reward.md:{line}: holds a git merge conflict marker" in err


def test_a_draft_record_lacking_fields_is_left_as_it_is(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README promises a record marked `draft: true` is left as it is; one that lacked
    fields (a wrongly credited paper, its venue deleted) was filled in again."""
    before = reward("draft: true\n")
    status, said = import_over(site, capsys, "draft: true\n")
    assert status == 0
    assert "unchanged content/papers/reward.md  <- arXiv 2409.01234v3 (a draft)" in said
    assert (site / "content" / "papers" / "reward.md").read_text("utf-8") == before


def test_a_draft_sharing_an_arxiv_id_does_not_keep_its_published_record_from_updates(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An old draft kept beside the published record (the build allows the shared id)
    sorted first by name, took the import's match, and the published record never got
    its DOI; a duplicate was reported that the build does not call one."""
    papers = site / "content" / "papers"
    old = reward("draft: true\n").replace("Safety\n", "Safety (old notes)\n", 1)
    (papers / "a-notes.md").write_text(old, encoding="utf-8")
    status, said = import_over(site, capsys, "")
    assert status == 0
    assert "doi: 10.18653/v1/2025.acl-long.88" in (papers / "reward.md").read_text("utf-8")
    assert (papers / "a-notes.md").read_text(encoding="utf-8") == old
    assert "also matches" not in said


def test_an_arxiv_id_written_without_quotes_matches_as_the_build_reads_it(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`arxiv_id: 2311.07770` unquoted builds (the build keeps the text), but the import
    read the float 2311.0777: with a title changed by hand it made a second record with the
    same id, and the site no longer built."""
    papers = site / "content" / "papers"
    (papers / "feedback.md").write_text(
        "---\ntitle: Language feedback for tool use\nauthors: [Mei Lin, Kaile Wang]\n"
        "date: 2023-11-13\narxiv_id: 2311.07770\n---\n",
        encoding="utf-8",
    )
    assert run(site, "import", "arxiv", NEW_XML) == 0
    assert not any("language-feedback" in p.name for p in papers.iterdir())
    assert main(["build", "--site", str(site)]) == 0


def test_a_folder_that_cannot_be_written_leaves_every_record_as_it_was(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read-only content/papers/ (simulated: the tests may run as root, who may write
    anywhere): the import is refused by the first file it cannot create, and nothing
    else is written."""
    papers = site / "content" / "papers"
    (papers / "reward.md").write_text(reward(""), encoding="utf-8")
    before = snapshot(site)
    real = os.open

    def denied(path: str, flags: int, mode: int = 0o777) -> int:
        if flags & os.O_CREAT and Path(path).parent == papers:
            raise PermissionError(13, "Permission denied", path)
        return real(path, flags, mode)

    monkeypatch.setattr(os, "open", denied)
    assert run(site, "import", "arxiv", NEW_XML) == 1
    err = capsys.readouterr().err
    assert "cannot write: Permission denied" in err and "nothing was written" in err
    assert snapshot(site) == before


def test_an_entry_that_would_make_a_broken_record_is_named_at_its_source(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A title with an unclosed right-to-left override was reported as
    `content/papers/nice-title.md:2: …`, a file that does not exist, not at the entry."""
    bib = site / "evil.bib"
    bib.write_text(
        "% from a colleague\n@article{evil2020,\n  title = {Nice \u202e title},\n"
        "  author = {Wang, Kaile},\n  journal = {J},\n  year = {2020},\n}\n",
        encoding="utf-8",
    )
    before = snapshot(site)
    assert run(site, "import", "bibtex", str(bib)) == 1
    err = capsys.readouterr().err
    assert (
        f"{bib}:2: entry 'evil2020': a new record content/papers/nice-title.md would not "
        "build: `title` has a right-to-left override (U+202E)"
    ) in err
    assert "content/papers/nice-title.md:" not in err
    assert snapshot(site) == before


def test_a_comment_at_the_margin_inside_links_keeps_the_links_one_block(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`links:`, then `# the code`, then its entry: the block was taken to end at the
    comment, so the whole block was written again above it and `code` was there twice."""
    links = "links:\n# the code, public since May\n  code: https://github.com/x/y\n"
    status, said = import_over(site, capsys, links + "# next: the venue\n")
    assert status == 0, said
    text = (site / "content" / "papers" / "reward.md").read_text(encoding="utf-8")
    assert links + "  arxiv: https://arxiv.org/abs/2409.01234\n" in text
    assert text.count("code:") == 1
    assert "# next: the venue\n" in text


def test_records_the_import_wrote_read_back_and_written_again_are_byte_identical(
    site: Path,
) -> None:
    """The round trip every update relies on: a record read and written with no change,
    or made again from what was read, is the file as it was."""
    from generator.ingest.records import read_record, render_record, update_record

    for source, files in (
        ("bibtex", ["zotero.bib", "al-folio-papers.bib", "macros.bib"]),
        ("arxiv", ["new.xml", "tex-accents.xml"]),
        ("openalex", ["works.json"]),
    ):
        args = [str(FIXTURES / source / name) for name in files]
        assert run(site, "import", source, *args) == 0
    papers = sorted((site / "content" / "papers").iterdir())
    assert len(papers) > 10
    for path in papers:
        record = read_record(path, path.name)
        assert update_record(record, {}).encode("utf-8") == path.read_bytes(), path.name
        assert render_record(record.data, record.body) == record.text, path.name


def test_an_empty_abstract_key_in_a_yaml_record_is_filled_not_written_twice(
    site: Path,
) -> None:
    """`abstract:` left empty as a placeholder: the import wrote a second `abstract:` at
    the end, and refused the record it made (a duplicate key)."""
    record = site / "content" / "papers" / "reward.yaml"
    lines = reward("").split("---\n")[1]
    record.write_text(lines + "abstract:   # to write\ntags: [safety]\n", encoding="utf-8")
    assert run(site, "import", "arxiv", NEW_XML) == 0
    text = record.read_text(encoding="utf-8")
    assert text.count("abstract:") == 1
    assert "abstract: |-\n  We study reward models" in text
    assert "over a conversation.\ntags: [safety]\n" in text  # where the key was
    assert main(["build", "--site", str(site)]) == 0


def test_a_single_author_written_as_text_is_no_conflict(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`authors: Kaile Wang` builds as the list of one name, but every import reported it
    as a conflict with the same name."""
    (site / "content" / "papers" / "solo.md").write_text(
        "---\ntitle: A Study\nauthors: Kaile Wang\ndate: 2020\n---\n", encoding="utf-8"
    )
    assert run(site, "import", "bibtex", str(a_study(site))) == 0
    out = capsys.readouterr().out
    assert "updated   content/papers/solo.md" in out
    assert "conflict  " not in out and "0 with conflicts" in out


@pytest.mark.parametrize("saved", ["in place", "renamed over it"])
def test_a_record_saved_while_the_import_runs_is_not_written_over(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], saved: str
) -> None:
    """The import reads a record, then writes its update: an editor's save in between was
    lost under the import's version."""
    from generator.ingest import merge

    record = site / "content" / "papers" / "reward.md"
    record.write_text(reward(""), "utf-8")
    typed = reward("note: typed while the import ran\n")
    real = merge.apply

    def editor_saves_first(plan: merge.Plan) -> None:
        if saved == "in place":
            record.write_text(typed, "utf-8")
        else:  # as editors that write a new file and rename it over the old one do
            (site / "content" / "papers" / ".reward.md.swp").write_text(typed, "utf-8")
            os.replace(site / "content" / "papers" / ".reward.md.swp", record)
        real(plan)

    monkeypatch.setattr(merge, "apply", editor_saves_first)
    assert run(site, "import", "arxiv", NEW_XML) == 1
    err = capsys.readouterr().err
    assert f"{record}: changed on disk while the import ran" in err
    assert record.read_text("utf-8") == typed
    assert sorted(p.name for p in record.parent.iterdir()) == ["reward.md"]


def test_a_new_records_file_made_while_the_import_runs_is_not_written_over(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.ingest import merge

    real = merge.apply
    made: list[Path] = []

    def another_import_first(plan: merge.Plan) -> None:
        new = next(a for a in plan.actions if a.status == "new")
        new.path.write_text("mine\n", "utf-8")
        made.append(new.path)
        real(plan)

    monkeypatch.setattr(merge, "apply", another_import_first)
    assert run(site, "import", "arxiv", NEW_XML) == 1
    assert f"{made[0]}: changed on disk while the import ran" in capsys.readouterr().err
    assert [p.read_text("utf-8") for p in (site / "content" / "papers").iterdir()] == ["mine\n"]


@pytest.mark.parametrize(
    "front",
    [
        'venue: ""\n"score": 88\n',  # filled: the key's lines were the quoted key's too
        "links:\n  code: https://github.com/x/y\n'score': 88\n",  # gains entries
    ],
)
def test_a_key_written_in_quotes_is_a_key_of_its_own(
    site: Path, capsys: pytest.CaptureFixture[str], front: str
) -> None:
    """`"score": 88` (a key in quotes, as YAML allows and the build reads) was taken for
    a line of the key above: filling `venue: ""` deleted it without a word, and adding
    a link to `links:` wrote the link under it and refused the import as a broken record."""
    status, said = import_over(site, capsys, front)
    assert status == 0, said
    text = (site / "content" / "papers" / "reward.md").read_text("utf-8")
    kept = front.splitlines()[-1]
    assert f"\n{kept}\n" in text
    assert "venue: Proceedings of ACL 2025" in text
    assert main(["build", "--site", str(site)]) == 0
