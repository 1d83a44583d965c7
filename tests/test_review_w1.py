"""A review of the importers' and the build's latest changes: inputs their tests did not
try (a @preamble command used many times over, a chapter's editors beside its authors, a
check beside a build that writes the cache)."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import cache
from generator.ingest.bibtex import import_bibtex_files
from tests.ingest_support import (
    FIXTURES,
    new_site,
    read_papers,
    records_by_title,
    run_import,
    snapshot,
)
from tests.test_seo import one_paper_site


def test_a_preamble_command_used_many_times_over_is_too_long(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A @preamble command is expanded in every value that uses it, with no limit: a
    56 KB file (a 50,000-character command used 2,000 times in a title) made a title of
    100 million characters, which took two minutes and 12 GB to import. It is refused
    as a macro built up so is, on its line, and nothing is written."""
    body = "x" * 50_000
    text = (
        '@preamble{"\\providecommand{\\big}{' + body + '}"}\n'
        "@article{bomb,\n  author = {Kaile Wang},\n  journal = {J},\n  year = {2020},\n"
        "  title = {" + "\\big " * 2_000 + "}\n}\n"
    )
    saved = tmp_path / "bomb.bib"
    saved.write_text(text, encoding="utf-8")
    site = new_site(tmp_path / "site")
    before = snapshot(site)
    assert run_import(site, "bibtex", saved) == 1
    err = capsys.readouterr().err
    assert f"{saved}:6: entry 'bomb': title expands to more than 100,000 characters" in err
    assert "Traceback" not in err
    assert snapshot(site) == before


def test_a_chapter_s_editors_are_not_cited_as_its_authors(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """A chapter in an edited volume, its volume's editor marked `(ed.)` beside its
    author: cite.bib said `author = {Ada Lovelace and Charles Babbage}`, an editor as an
    author, while JSON-LD named him its editor."""
    out = one_paper_site(
        make_site, tmp_path, "title: Chapter", "[Ada Lovelace, Charles Babbage (ed.)]"
    )
    bib = (out / "papers" / "t" / "cite.bib").read_text(encoding="utf-8")
    assert "author = {Ada Lovelace}" in bib
    assert "editor = {Charles Babbage}" in bib


def _database(root: Path, rows: int) -> Path:
    """A cache database in WAL mode, as a build leaves it, with ``rows`` rows."""
    root.mkdir(parents=True)
    db = sqlite3.connect(root / "cache.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE records (key TEXT PRIMARY KEY, data BLOB)")
    db.executemany(
        "INSERT INTO records VALUES (?, ?)", [(f"k{n}", b"x" * 100) for n in range(rows)]
    )
    db.close()
    return root / "cache.sqlite"


def _written_during_copy(monkeypatch: pytest.MonkeyPatch, database: Path, times: int) -> list[str]:
    """Each of the first ``times`` copies of the database file is followed by a build's
    write to it (a commit, which SQLite checkpoints into it), as when ``check`` runs
    beside a build; the files copied, in order."""
    copied: list[str] = []
    real = shutil.copyfile

    def copy(source: Path, target: Path) -> object:
        made = real(source, target)
        copied.append(Path(source).name)
        if Path(source).name == "cache.sqlite" and copied.count("cache.sqlite") <= times:
            with database.open("ab") as written:
                written.write(b"\0" * 4096)  # a page more: the copy is of another moment
        return made

    # (the cache imports shutil where it copies, not at its top: patched where it lives)
    monkeypatch.setattr(shutil, "copyfile", copy)
    return copied


def test_check_copies_no_cache_that_a_build_writes_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``check`` copies the cache database and its log one after the other: beside a
    build that writes them, the copy was of two moments, which SQLite reads without an
    error, its tables out of order (every copy of 30 taken beside a writer failed
    `PRAGMA integrity_check`). A copy of files that changed under it is taken again;
    while they keep changing, the check has no cache."""
    database = _database(tmp_path / "site" / cache.CACHE_DIRNAME, 50)
    _written_during_copy(monkeypatch, database, times=1)
    copy = cache.copy_of(tmp_path / "site", tmp_path / "copy")
    assert (copy / "cache.sqlite").read_bytes() == database.read_bytes()

    _written_during_copy(monkeypatch, database, times=100)
    copy = cache.copy_of(tmp_path / "site", tmp_path / "copy-busy")
    assert not (copy / "cache.sqlite").exists()  # a cache miss: slower, never wrong


def test_nested_preamble_definitions_are_read_in_one_pass(tmp_path: Path) -> None:
    """Each `\\newcommand` of a @preamble was searched for its closing brace from its
    own: 5,800 nested definitions (a 99 KB preamble, the most a value holds) took 46
    seconds, and a file of 20 such preambles a quarter of an hour. It takes a second."""
    nested = "\\newcommand{\\a}{" * 5_800 + "}" * 5_800
    text = "".join(f"@preamble{{{{{nested}}}}}\n" for _ in range(20)) + (
        "@article{kept,\n  author = {Kaile Wang},\n  title = {Kept},\n  journal = {J},\n"
        "  year = {2020}\n}\n"
    )
    saved = tmp_path / "nested.bib"
    saved.write_text(text, encoding="utf-8")
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", saved) == 0
    assert "Kept" in records_by_title(site)


@pytest.mark.parametrize(
    ("heading", "text"),
    [
        ("Importance", "Acute kidney injury is common after surgery."),  # JAMA
        ("Significance Statement", "Rivers carry carbon to the sea."),  # PNAS
        ("Simple Summary", "Cancer cells divide without control."),  # MDPI
        ("Plain Language Summary", "Floods follow heavy rain."),  # AGU
        ("Key Points", "Question Does exercise help?"),  # JAMA, AGU
        ("Rationale", "Asthma is common in children."),  # ATS
        ("Highlights", "We map the coast."),  # Elsevier
    ],
)
def test_a_structured_abstract_s_heading_after_abstract_goes(
    tmp_path: Path, heading: str, text: str
) -> None:
    """OpenAlex indexes the publisher's `Abstract` heading as the abstract's first word;
    before a structured abstract's own heading followed by a capital ("Abstract
    Importance Acute kidney …"), it was taken for a term such as "Abstract Meaning
    Representation" and kept."""
    sample = FIXTURES / "arxiv22" / "openalex-abstract-terms.json"
    data = json.loads(sample.read_text(encoding="utf-8"))
    work = data["results"][0]
    words = f"Abstract {heading} {text}".split()
    index: dict[str, list[int]] = {}
    for at, word in enumerate(words):
        index.setdefault(word, []).append(at)
    work["abstract_inverted_index"] = index
    data["results"] = [work]
    saved = tmp_path / "openalex.json"
    saved.write_text(json.dumps(data), encoding="utf-8")
    site = new_site(tmp_path / "site")
    assert run_import(site, "openalex", saved) == 0
    [(_, _, body)] = read_papers(site)
    assert body.strip().startswith(f"{heading} {text}")


def test_a_file_of_preamble_commands_alone_is_no_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that holds only the @preamble whose commands the other files use, given
    first as `\\bibliography{preamble,papers}` reads it, was refused: "no BibTeX entries
    found", and nothing was imported. Given last, it is told to come first, as a file of
    @string macros is."""
    commands = tmp_path / "preamble.bib"
    commands.write_text('@preamble{"\\providecommand{\\Foo}{Foo System}"}\n', encoding="utf-8")
    papers = tmp_path / "papers.bib"
    papers.write_text(
        "@article{k,\n  title = {Using {\\Foo}},\n  author = {Kaile Wang},\n  journal = {J},\n"
        "  year = {2020}\n}\n",
        encoding="utf-8",
    )
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", papers, commands) == 1
    err = capsys.readouterr().err
    assert f"{commands}: holds only @preamble commands and no entries; give it before" in err
    assert run_import(site, "bibtex", commands, papers) == 0
    assert "Using Foo System" in records_by_title(site)


def test_many_files_of_one_entry_are_read_in_time(tmp_path: Path) -> None:
    """The files of one import are one database: each file's reading gathered every
    file's crossrefs and copied every file's entries again, which took time with the
    square of the files (4,000 files of one entry, one per paper as some folders keep
    them: 19 s; 1.2 s now, measured by hand: the suite asserts no time). A crossref in the
    last of these 3,000 files still finds its volume in the first."""
    volume = tmp_path / "a-volume.bib"
    volume.write_text(
        "@proceedings{conf,\n  title = {Proceedings of Conf},\n  year = {2021}\n}\n",
        encoding="utf-8",
    )
    files = [str(volume)]
    for number in range(3_000):
        each = tmp_path / f"p{number:05}.bib"
        each.write_text(
            f"@article{{k{number},\n  title = {{Paper {number}}},\n  author = {{Ann Lee}},\n"
            "  journal = {J},\n  year = {2020}\n}\n",
            encoding="utf-8",
        )
        files.append(str(each))
    last = tmp_path / "z.bib"
    last.write_text(
        "@inproceedings{late,\n  title = {Late},\n  author = {Ann Lee},\n  crossref = {conf}\n}\n",
        encoding="utf-8",
    )
    works = import_bibtex_files([*files, str(last)], [])
    assert len(works) == 3_001
    assert (works[-1].title, works[-1].venue, works[-1].date) == (
        "Late",
        "Proceedings of Conf",
        "2021",
    )


def test_a_body_that_edited_a_volume_is_an_organization(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    """`The Tor Project (ed.)`: the editor's mark hid the body's name ending from the
    rules that tell a group, and JSON-LD called the body a Person (cite.bib, which reads
    the name without its mark, braced it as a body's)."""
    out = one_paper_site(make_site, tmp_path, "title: Volume", "[The Tor Project (ed.)]")
    page = (out / "papers" / "t" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found
    [editor] = json.loads(found.group(1))["editor"]
    assert editor == {"@type": "Organization", "name": "The Tor Project"}
