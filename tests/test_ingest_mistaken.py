"""Files given to an import by mistake are refused from their first bytes, with what to do;
big valid files still import; a feed's problems name their entry's line."""

from __future__ import annotations

import gzip
import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import generator.ingest.commands  # noqa: F401 - imported before memory is traced
from generator.cli import main
from generator.ingest import sniff
from tests.ingest_support import FIXTURES, new_site, read_papers, snapshot

BIB = (FIXTURES / "bibtex" / "zotero.bib").read_bytes()
FEED = (FIXTURES / "arxiv" / "new.xml").read_bytes()
JSON = (FIXTURES / "semanticscholar" / "author.json").read_bytes()
PDF = (
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Length 44 /Filter /FlateDecode >>\nstream\n" + bytes(range(256)) * 8
)
HTML = (
    b'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    b"<title>[2305.18290] Direct Preference Optimization</title>\n</head>\n<body>\n"
    b'<h1 class="title">Direct Preference Optimization</h1>\n</body>\n</html>\n'
)


def _zipped(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("papers.bib", data)
    return buffer.getvalue()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site")


def _refused(site: Path, source: str, path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The import's message for ``path``; asserts exit 1 and that nothing was written."""
    return _refused_saying(site, source, path, capsys)[1]


def _refused_saying(
    site: Path, source: str, path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[str, str]:
    """What the refused import of ``path`` printed: (stdout, stderr)."""
    before = snapshot(site)
    assert main(["import", source, str(path), "--site", str(site)]) == 1
    assert snapshot(site) == before
    return capsys.readouterr()


BIBTEX_FIX = "export BibTeX (.bib) from your reference manager or Google Scholar"
ARXIV_FIX = "save the answer of https://export.arxiv.org/api/query?id_list="
JSON_FIX = "save the API's answer as it comes (JSON)"


@pytest.mark.parametrize(
    ("source", "data", "message"),
    [
        ("bibtex", PDF, f"is a PDF document, not a BibTeX file; {BIBTEX_FIX}"),
        ("bibtex", gzip.compress(BIB), "is gzip-compressed, not a BibTeX file; decompress it "
         "first (gunzip FILE) and import the file"),
        ("bibtex", _zipped(BIB), "is a zip archive (Word, Excel and OpenDocument files are zip "
         f"archives), not a BibTeX file; {BIBTEX_FIX}"),
        ("bibtex", b"\x00" * 5000, "is binary data (it holds NUL bytes), not a BibTeX file"),
        ("arxiv", PDF, f"is a PDF document, not an arXiv API response (an Atom feed); {ARXIV_FIX}"),
        ("arxiv", gzip.compress(FEED), "is gzip-compressed, not an arXiv API response"),
        ("arxiv", HTML, f"is a web page (HTML), not an arXiv API response (an Atom feed); "
         f"{ARXIV_FIX}"),
        ("arxiv", b"\n \n", "is empty, not an arXiv API response (an Atom feed)"),
        ("semanticscholar", PDF, f"is a PDF document, not a JSON API response; {JSON_FIX}"),
        ("semanticscholar", HTML, f"is a web page (HTML), not a JSON API response; {JSON_FIX}"),
        ("openalex", gzip.compress(JSON), "is gzip-compressed, not a JSON API response"),
    ],
)  # fmt: skip
def test_a_file_that_is_plainly_not_the_format_is_refused_with_what_to_do(
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    source: str,
    data: bytes,
    message: str,
) -> None:
    given = tmp_path / "download"
    given.write_bytes(data)
    assert f"{given}: {message}" in _refused(site, source, given, capsys)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        # A LaTeX bibliography made by BibTeX, often taken for the .bib file.
        ("\\begin{thebibliography}{10}\n\n\\bibitem{rafailov2023direct}\nRafael Rafailov, "
         "Archit Sharma.\n\\newblock Direct preference optimization.\n"
         "\\end{thebibliography}\n", "it is a LaTeX bibliography (.bbl, \\bibitem lines)"),
        # RIS, Zotero's and EndNote's other export.
        ("TY  - JOUR\r\nAU  - Rafailov, Rafael\r\nTI  - Direct Preference Optimization\r\n"
         "PY  - 2023\r\nER  - \r\n", "it is RIS (TY  - lines), not BibTeX; export BibTeX instead"),
        ('[{"id": "rafailov2023", "type": "article-journal", "title": "DPO"}]\n',
         "it looks like JSON (CSL JSON?), not BibTeX"),
        # PubMed's "Send to: Citation manager" file, and ORCID's API answer about works
        ("\nPMID- 38012345\nOWN - NLM\nSTAT- MEDLINE\nTI  - Direct preference optimization.\n"
         "AU  - Rafailov R\n", "it is a PubMed (MEDLINE, .nbib) file, not BibTeX; import the "
         "same papers from OpenAlex (https://api.openalex.org/works?filter=pmid:"),
        ('{"last-modified-date": null, "group": [{"work-summary": [{"put-code": 1234, '
         '"title": {"title": {"value": "DPO"}}}]}], "path": "/0000-0002-1825-0097/works"}\n',
         "it is an ORCID answer (pub.orcid.org), not BibTeX; export your works as BibTeX"),
        # the answers another importer reads name it (they were told to "export BibTeX")
        ('{"authorId": "2267490315", "name": "Kaile Wang", "papers": [{"paperId": "a1"}]}\n',
         "it is a Semantic Scholar answer (JSON), not BibTeX: import it with "
         "`authorsite import semanticscholar`"),
        ('{"meta": {"count": 1}, "results": [{"id": "https://openalex.org/W4390000001"}]}\n',
         "it is an OpenAlex answer (JSON), not BibTeX: import it with "
         "`authorsite import openalex`"),
        ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
         '  <link href="http://arxiv.org/api/query?search_query%3Dau%3AWang" rel="self"/>\n'
         "</feed>\n",
         "it is an arXiv API response (Atom), not BibTeX: import it with "
         "`authorsite import arxiv`"),
        ("Rafailov et al. Direct Preference Optimization. NeurIPS 2023.\n",
         "a BibTeX file holds entries such as @article{key, title = {...}, ...}"),
    ],
)  # fmt: skip
def test_a_text_with_no_bibtex_entry_says_what_it_looks_like(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, hint: str
) -> None:
    given = tmp_path / "references.bib"
    given.write_text(text, encoding="utf-8")
    assert f"{given}: no BibTeX entries found: {hint}" in _refused(site, "bibtex", given, capsys)


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        ("semanticscholar", "\n\nauthorId,name,hIndex\n1741101,Kaile Wang,24\n",
         ":3: is text that starts 'authorId,name,hIndex', not a JSON API"),
        # An abstract page saved as XHTML: named at its root, after the declaration.
        ("arxiv", '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD '
         'XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
         '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>arXiv</title></head>'
         "<body/></html>\n", ":3: is a web page (HTML), not an arXiv API response"),
        # A file of another importer's names that importer (it was told to save an answer).
        ("arxiv", "% dblp export\n@inproceedings{DBLP:conf/nips/LovelaceB24,\n  title = {Looms},\n}\n",
         ":1: is a BibTeX file, not an arXiv API response (an Atom feed); import it with "
         "`authorsite import bibtex`"),
        ("semanticscholar", "\n@article{lovelace2024,\n  title={Looms},\n  year={2024}\n}\n",
         ":2: is a BibTeX file, not a JSON API response; import it with "
         "`authorsite import bibtex`"),
        ("arxiv", '{"authorId": "2267490315", "name": "Ada Lovelace", "papers": []}\n',
         ":1: is a Semantic Scholar answer (JSON), not an arXiv API response (an Atom feed); "
         "import it with `authorsite import semanticscholar`"),
        # feedparser adds an XML declaration before parsing, which put its lines one off.
        ("arxiv", '<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>arXiv Query</title>\n'
         "  <entry>\n    <link href=https://arxiv.org/abs/2305.18290v3/>\n  </entry>\n</feed>\n",
         ":4: malformed XML: not well-formed (invalid token)"),
    ],
)  # fmt: skip
def test_a_refusal_inside_the_text_names_its_line(
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    source: str,
    text: str,
    expected: str,
) -> None:
    given = tmp_path / "response"
    given.write_text(text, encoding="utf-8")
    assert f"{given}{expected}" in _refused(site, source, given, capsys)


def test_white_space_longer_than_the_first_bytes_looked_at_is_no_reason_to_refuse(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "padded.xml"
    body = FEED.split(b"?>", 1)[1]  # XML allows white space before the root, not the declaration
    feed.write_bytes(b" \n" * sniff.HEAD + body)
    # (feedparser looked for a DOCTYPE at each of these line starts to the end of them
    # all: over a minute; the white space before the root is one line end when it reads it)
    assert main(["import", "arxiv", str(feed), "--site", str(site)]) == 0
    assert len(read_papers(site)) == 3
    # a mistake after such white space is still named at its own line
    feed.write_bytes(b" \n" * 50 + body.replace(b"</title>", b"</titel>", 1))
    line = next(n for n, text in enumerate(feed.read_bytes().split(b"\n"), 1) if b"titel" in text)
    assert main(["import", "arxiv", str(feed), "--site", str(site)]) == 1
    assert f"{feed}:{line}: malformed XML: mismatched tag" in capsys.readouterr().err


def _peak_import(site: Path, source: str, path: Path) -> tuple[int, int]:
    """The exit status of importing ``path`` and the peak of memory Python allocated."""
    tracemalloc.start()
    try:
        status = main(["import", source, str(path), "--site", str(site)])
        return status, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_big_text_with_no_bibtex_entry_is_refused_without_reading_it_whole(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A 32 MB log given by mistake: looked through a chunk at a time, never held whole.
    log = tmp_path / "server.log"
    line = b"2026-11-28T21:33:11Z INFO request served in 12 ms (user: kaile, path: /papers/)\n"
    log.write_bytes(line * (32_000_000 // len(line)))
    status, peak = _peak_import(site, "bibtex", log)
    assert status == 1
    assert f"{log}: no BibTeX entries found" in capsys.readouterr().err
    assert peak < 8_000_000  # read whole, the text alone is 32 MB (64 MB decoded)


def test_a_big_feed_that_turns_to_junk_is_refused_at_its_line_without_reading_it_whole(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A download cut short and glued to something else: a feed's start, then 32 MB of junk.
    start = FEED.split(b"</entry>")[0] + b"</entry>\n"
    feed = tmp_path / "query.xml"
    feed.write_bytes(start + b"<entry>" + b"x < y and junk\n" * 2_200_000)
    status, peak = _peak_import(site, "arxiv", feed)
    assert status == 1
    line = start.count(b"\n") + 1
    assert f"{feed}:{line}: malformed XML: not well-formed (invalid token)" in (
        capsys.readouterr().err
    )
    assert peak < 8_000_000  # feedparser's loose parser took 1.7 GB for 200 MB of this


@pytest.mark.parametrize("at", [sniff.HEAD - 4, sniff.HEAD + sniff.CHUNK - 3])
def test_an_entry_after_a_long_comment_still_imports(site: Path, tmp_path: Path, at: int) -> None:
    # BibTeX ignores any text before the first entry; here the entry starts across the
    # end of the first bytes looked at, or of the next chunk read.
    comment = b"% Exported from JabRef. Notes on this library follow.\n"
    preamble = (comment * (at // len(comment) + 1))[:at]
    bib = tmp_path / "library.bib"
    bib.write_bytes(preamble + BIB)
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    assert read_papers(site)


def test_a_response_with_a_bom_declaration_comment_and_stylesheet_imports(site: Path) -> None:
    feed = FIXTURES / "arxiv" / "preamble.xml"
    assert main(["import", "arxiv", str(feed), "--site", str(site)]) == 0
    titles = sorted(data["title"] for _, data, _ in read_papers(site))
    assert titles == [
        "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
        "Reward Models for Multi-Turn Dialogue Safety",
    ]


@pytest.mark.parametrize(
    ("fixture", "line", "message"),
    [
        ("billion-laughs.xml", 3, "declares the XML entity 'lol', which an arXiv API response"),
        ("external-entity.xml", 3, "declares the XML entity 'secret', which an arXiv API"),
    ],
)
def test_entity_declarations_are_refused_before_anything_expands_them(
    site: Path, capsys: pytest.CaptureFixture[str], fixture: str, line: int, message: str
) -> None:
    feed = FIXTURES / "arxiv" / fixture
    err = _refused(site, "arxiv", feed, capsys)
    assert f"{feed}:{line}: {message}" in err
    assert "root:" not in err  # /etc/passwd's first line never reaches anything


def test_each_problem_in_a_feed_names_its_entrys_line(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = FIXTURES / "arxiv" / "entry-problems.xml"
    err = _refused(site, "arxiv", feed, capsys)
    assert f"{feed}:12: arXiv 2305.18290v3: has no authors" in err
    assert f"{feed}:26: arXiv 2409.01234v3: has no title" in err
    # No id to look for in the text: only the entry's own line can say where it is.
    assert f"{feed}:39: entry 'A Hand-Trimmed Entry Without Its Id or Dates': has no date" in err


def test_a_refused_import_still_prints_the_notes_read_before(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A note may be the reason for the refusal: it is printed with it, nothing written."""
    given = tmp_path / "papers.bib"
    given.write_text(
        "@misc{span, title = {A Project}, author = {Ann Lee}, year = {2009--2023}}\n"
        "@article{undated, title = {No Year}, author = {Ann Lee}, journal = {J}}\n",
        encoding="utf-8",
    )
    out, err = _refused_saying(site, "bibtex", given, capsys)
    assert "entry 'undated'" in err
    assert "note: " in out and "2009--2023" in out


def test_a_refused_folder_import_prints_the_note_that_explains_it(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """academicpages: a page's own BibTeX names another paper (a note), so the page, which
    lists no authors anywhere else, is refused: the note says why it has none."""
    folder = tmp_path / "academicpages"
    (folder / "_publications").mkdir(parents=True)
    (folder / "_publications" / "2020-01-01-paper.md").write_text(
        '---\ntitle: "A Study of Things"\ncollection: publications\n'
        "date: 2020-01-01\nvenue: 'Journal of Things'\n"
        "bibtex: |\n  @article{other2019, title = {Something Else Entirely},\n"
        "    author = {Bo Chen}, year = {2019}, journal = {J}}\n---\n",
        encoding="utf-8",
    )
    out, err = _refused_saying(site, "academicpages", folder, capsys)
    assert "has no authors" in err
    assert "note: " in out and "Something Else Entirely" in out


def _usage_error(site: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """The lines of stderr of ``authorsite import ARGV``; asserts exit 2, nothing written."""
    before = snapshot(site)
    assert main(["import", *argv]) == 2
    assert snapshot(site) == before
    return capsys.readouterr().err.splitlines()


MISSING_FILES = [
    "nosuch.json: no such file (there is no {here}/nosuch.json; check the name, or give the "
    "file's path)",
    "nowhere/saved.xml: no such file (there is no folder {here}/nowhere; check the path)",
]
MISSING_FOLDER = ["my-sites: no such folder (there is no {here}/my-sites; did you mean my-site?)"]


@pytest.mark.parametrize(
    ("source", "names", "said"),
    [
        *[
            (source, ["nosuch.json", "papers.bib", "nowhere/saved.xml"], MISSING_FILES)
            for source in ("bibtex", "arxiv", "semanticscholar", "openalex")
        ],
        *[
            (source, ["my-sites"], MISSING_FOLDER)
            for source in ("academicpages", "hugo", "alfolio")
        ],
    ],
)
def test_an_input_that_is_not_there_is_a_usage_error_naming_every_one(
    site: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    source: str,
    names: list[str],
    said: list[str],
) -> None:
    """`import bibtex nosuch.bib` exited 1, as a file's content does; an arXiv import named
    only the first file missing; a site folder that does not exist was `no _publications/
    *.md … here (an academicpages site?)`. A name that is not there is a usage error (exit
    2, as a --site that is no site is to `build`), every one said, with what to do."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "papers.bib").write_bytes(BIB)  # there, and not read: the command is wrong
    (tmp_path / "my-site").mkdir()
    argv = [source, *names, "--site", str(site)]
    assert _usage_error(site, capsys, *argv) == [line.format(here=tmp_path) for line in said]


def test_a_site_folder_and_a_file_that_are_not_there_are_said_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dead.bib").symlink_to(tmp_path / "moved" / "papers.bib")
    hostile = "\x1b]0;owned\x07.bib"
    argv = ["bibtex", "dead.bib", hostile, "--site", "nosite\x1b[2J"]  # as `build` says
    lines = _usage_error(tmp_path, capsys, *argv)
    assert lines[0] == "nosite\\x1b[2J: no such folder; pass --site with the site's folder"
    assert lines[1:] == [
        f"dead.bib: no such file (a symbolic link to {tmp_path / 'moved' / 'papers.bib'}, "
        "which is not there; link the file anew, or give its own path)",
        f"\\x1b]0;owned\\x07.bib: no such file (there is no {tmp_path}/\\x1b]0;owned\\x07.bib; "
        "check the name, or give the file's path)",
    ]
