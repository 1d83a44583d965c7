"""Hostile files given to ``authorsite import``: a located message, never a hang or a traceback.

Another tool's site (academicpages, Hugo), an API response saved to a file, or the site's
own records read back for merging are as untrusted as any record: an alias bomb must be
refused before it expands, and nesting deep enough to exhaust Python's stack is a
message, not a ``RecursionError``. Nothing is written either way.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from generator.cli import main
from tests.hostile.harness import LOCATED, run_build
from tests.ingest_support import FIXTURES, new_site, snapshot

# 9**7 values once expanded, more than yamlio.MAX_NODES; a few MB of text if built (the
# real bombs, 9**9 and more, would take the machine's memory).
BOMB = "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9) if i else ', '.join(['lol'] * 9)}]\n"
    for i in range(7)
)
DEEP = 5_000


def run_import(site: Path, *args: str) -> tuple[int, list[str]]:
    """``authorsite import …`` in-process: its status and its stderr lines."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["import", *args, "--site", str(site)])
    return status, err.getvalue().strip().splitlines()


def assert_refused(site: Path, args: list[str], path: str, message: str) -> None:
    before = snapshot(site)
    status, lines = run_import(site, *args)
    assert status == 1, lines
    *problems, summary = lines
    assert summary.endswith("nothing was written."), lines
    found = [LOCATED.match(line) for line in problems]
    assert all(found), lines
    [problem] = [m for m in found if m and m["path"] == path]
    assert message in problem["message"], lines
    assert snapshot(site) == before


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site")


def test_an_alias_bomb_in_an_imported_front_matter_is_refused(site: Path, tmp_path: Path) -> None:
    page = tmp_path / "ap" / "_publications" / "2024-01-01-bomb.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"---\n{BOMB}title: *a6\ndate: 2024-01-01\n---\nAbstract.\n")
    assert_refused(site, ["academicpages", str(page.parents[1])], str(page), "expands to more")


@pytest.mark.parametrize(
    ("fence", "header"),
    [("---", f"title: {'[' * DEEP}{']' * DEEP}\n"), ("+++", f"title = {'[' * DEEP}{']' * DEEP}\n")],
)
def test_deeply_nested_front_matter_is_a_message(
    fence: str, header: str, site: Path, tmp_path: Path
) -> None:
    page = tmp_path / "hugo" / "content" / "publication" / "deep" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"{fence}\n{header}{fence}\nAbstract.\n")
    assert_refused(site, ["hugo", str(tmp_path / "hugo")], str(page), "nested too deeply")


@pytest.mark.parametrize("source", ["openalex", "semanticscholar"])
def test_deeply_nested_json_is_a_message(source: str, site: Path, tmp_path: Path) -> None:
    response = tmp_path / "response.json"
    response.write_text("[" * 100_000 + "]" * 100_000)
    assert_refused(site, [source, str(response)], str(response), "nested too deeply")


def test_an_alias_bomb_in_the_sites_own_record_is_refused_by_import(site: Path) -> None:
    """Import reads the existing records to merge into them; the build would refuse this one."""
    record = site / "content" / "papers" / "bomb.md"
    record.write_text(f"---\n{BOMB}title: *a6\nauthors: [Kaile Wang]\ndate: 2024-01-01\n---\n")
    new = str(FIXTURES / "arxiv" / "new.xml")
    assert_refused(site, ["arxiv", new], "content/papers/bomb.md", "expands to more")


PRIVATE = "---\ntitle: My unpublished draft\ndate: 2024-01-01\n---\nNot for the web.\n"


def test_a_symbolic_link_out_of_an_imported_folder_is_refused(site: Path, tmp_path: Path) -> None:
    """Someone else's repository may hold `x.md -> ~/private/draft.md`: git keeps links."""
    (tmp_path / "private.md").write_text(PRIVATE)
    pubs = tmp_path / "ap" / "_publications"
    pubs.mkdir(parents=True)
    (pubs / "2024-01-01-own.md").write_text(PRIVATE.replace("My unpublished draft", "Own"))
    (pubs / "2024-01-02-link.md").symlink_to(tmp_path / "private.md")
    link = str(pubs / "2024-01-02-link.md")
    assert_refused(site, ["academicpages", str(pubs.parent)], link, "outside")


@pytest.mark.parametrize("linked", ["cite.bib", "index.md", "bundle"])
def test_a_symbolic_link_out_of_an_imported_hugo_site_is_refused(
    linked: str, site: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.md").write_text(PRIVATE)
    (elsewhere / "cite.bib").write_text("@misc{k, title={My unpublished draft}, year={2024}}\n")
    bundle = tmp_path / "hugo" / "content" / "publication" / "draft"
    if linked == "bundle":
        bundle.parent.mkdir(parents=True)
        bundle.symlink_to(elsewhere, target_is_directory=True)
    else:
        bundle.mkdir(parents=True)
        (bundle / "index.md").write_text(PRIVATE)
        (bundle / linked).unlink(missing_ok=True)
        (bundle / linked).symlink_to(elsewhere / linked)
    path = bundle / ("index.md" if linked == "bundle" else linked)
    assert_refused(site, ["hugo", str(tmp_path / "hugo")], str(path), "outside")


def test_half_a_surrogate_pair_in_a_json_response_is_replaced_with_a_note(
    site: Path, tmp_path: Path
) -> None:
    """JSON's "\\ud800" decodes to a character no file can hold: the record could not be written."""
    data = json.loads((FIXTURES / "openalex" / "works.json").read_text())
    data["results"] = data["results"][:1]
    work = data["results"][0]
    work["title"] = work["display_name"] = "Safe \ud800RLHF"
    work["authorships"][0]["author"]["display_name"] = "Juntao \udfff Dai"
    response = tmp_path / "works.json"
    response.write_text(json.dumps(data))  # ASCII: the surrogates as \ud800 escapes
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["import", "openalex", str(response), "--site", str(site)])
    assert status == 0
    notes = [line for line in out.getvalue().splitlines() if line.startswith("note: ")]
    assert any("title, authors replaced by U+FFFD" in note for note in notes), notes
    [record] = (site / "content" / "papers").glob("*.md")
    assert "title: Safe \ufffdRLHF" in record.read_text("utf-8")
    built = run_build(site)
    assert built.status == 0, built.stderr


def test_a_tsv_cell_beyond_the_csv_modules_limit_is_a_located_message(
    site: Path, tmp_path: Path
) -> None:
    tsv = (FIXTURES / "academicpages" / "markdown_generator" / "publications.tsv").read_text()
    header, first, *_ = tsv.splitlines()
    cells = first.split("\t")
    cells[header.split("\t").index("excerpt")] = "word " * 40_000  # 200 KB: over 128 KB
    path = tmp_path / "publications.tsv"
    path.write_text(f"{header}\n{first}\n{chr(9).join(cells)}\n")
    assert_refused(site, ["academicpages", str(path)], str(path), "cannot read the TSV")
    [line] = [
        m["line"] for m in map(LOCATED.match, run_import(site, "academicpages", str(path))[1]) if m
    ]
    assert line == "3"


def test_a_semantic_scholar_author_whose_papers_are_no_list_imports_none(
    site: Path, tmp_path: Path
) -> None:
    data = json.loads((FIXTURES / "semanticscholar" / "author.json").read_text())
    data["papers"] = 5
    response = tmp_path / "author.json"
    response.write_text(json.dumps(data))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["import", "semanticscholar", str(response), "--site", str(site)])
    assert status == 0 and "0 works" in out.getvalue()


def test_a_bibtex_macro_bomb_is_refused_before_it_expands(site: Path, tmp_path: Path) -> None:
    """`@string{s1 = s0 # s0}`, doubled 40 times: a terabyte from 40 lines (BibTeX's laughs)."""
    strings = '@string{s0 = "lol "}\n' + "".join(
        f"@string{{s{i} = s{i - 1} # s{i - 1}}}\n" for i in range(1, 40)
    )
    bib = tmp_path / "bomb.bib"
    bib.write_text(strings + "@article{k,\n  title = {T},\n  author = {A B},\n  year = {2024},\n"
                   "  journal = s39\n}\n")  # fmt: skip
    # s15 is 131,072 characters, the first over the limit: said once, on its line
    assert_refused(site, ["bibtex", str(bib)], str(bib), "@string s15 expands to more than")
    _, lines = run_import(site, "bibtex", str(bib))
    assert len(lines) == 2 and lines[0].startswith(f"{bib}:16: "), lines


def test_bibtex_entries_that_each_expand_a_long_macro_are_refused(
    site: Path, tmp_path: Path
) -> None:
    """Each value under the limit, but together many times the file: refused all the same."""
    strings = '@string{s0 = "lol "}\n' + "".join(
        f"@string{{s{i} = s{i - 1} # s{i - 1}}}\n" for i in range(1, 15)
    )  # s14: 65,536 characters
    entries = "".join(
        f"@article{{k{i},\n  title = {{T{i}}},\n  author = {{A B}},\n  year = {{2024}},\n"
        "  journal = s14\n}\n"
        for i in range(2_000)
    )  # 130 MB of journal names from a 160 KB file
    bib = tmp_path / "many.bib"
    bib.write_text(strings + entries)
    assert_refused(site, ["bibtex", str(bib)], str(bib), "values expand to more than 10 times")


@pytest.mark.parametrize("source", ["openalex", "semanticscholar"])
def test_a_number_too_long_for_python_in_a_json_response_is_an_impossible_count(
    source: str, site: Path, tmp_path: Path
) -> None:
    """5,000 digits: Python's json raised a ValueError (a traceback); now a count left out."""
    if source == "openalex":
        data = json.loads((FIXTURES / "openalex" / "works.json").read_text())
        data["results"] = data["results"][:1]
        data["results"][0]["cited_by_count"] = "HUGE"
    else:
        data = json.loads((FIXTURES / "semanticscholar" / "author.json").read_text())
        data["papers"] = data["papers"][:1]
        data["papers"][0]["citationCount"] = "HUGE"
    response = tmp_path / "response.json"
    response.write_text(json.dumps(data).replace('"HUGE"', "9" * 5_000))
    status, lines = run_import(site, source, str(response))
    assert status == 0, lines
    [record] = (site / "content" / "papers").glob("*.md")
    assert "citations:" not in record.read_text("utf-8")
    assert run_build(site).status == 0


def test_a_reference_of_thousands_of_digits_in_an_academicpages_page_is_no_traceback(
    site: Path, tmp_path: Path
) -> None:
    """`&#` and 5,000 digits: html.unescape ended in Python's ValueError (a traceback).
    It is past any character, U+FFFD as HTML reads it: in a title, a located message."""
    huge = "&#" + "1" * 5_000 + ";"
    folder = tmp_path / "ap" / "_publications"
    folder.mkdir(parents=True)
    page = folder / "2024-01-01-engines.md"
    page.write_text(
        f"---\ntitle: 'On {huge} Engines'\ndate: 2024-01-01\nvenue: 'J {huge}'\n"
        f"citation: 'Lovelace, A. (2024). {huge}'\n---\nText {huge}.\n"
    )
    assert_refused(site, ["academicpages", str(folder.parent)], str(page), "looks garbled")
    page.write_text(page.read_text().replace(f"On {huge} Engines", "On Engines"))
    status, lines = run_import(site, "academicpages", str(folder.parent))
    assert status == 0, lines
    [record] = (site / "content" / "papers").glob("*.md")
    assert "Text \ufffd." in record.read_text("utf-8")


def test_an_address_urlsplit_refuses_is_no_traceback(site: Path, tmp_path: Path) -> None:
    """`http://x]` (a bracket, and no IPv6 host): Python's urlsplit raises a ValueError,
    which ended the academicpages and Hugo imports in a traceback."""
    ap = tmp_path / "ap" / "_publications"
    ap.mkdir(parents=True)
    (ap / "2024-01-01-engines.md").write_text(
        "---\ntitle: On Engines\ndate: 2024-01-01\nvenue: J\nauthors: [Ada Lovelace]\n"
        "paperurl: 'http://x]/paper.pdf'\n---\nText.\n"
    )
    status, lines = run_import(site, "academicpages", str(ap.parent))
    assert status == 0, lines
    hugo = tmp_path / "hugo" / "content" / "publication" / "looms" / "index.md"
    hugo.parent.mkdir(parents=True)
    hugo.write_text(
        "---\ntitle: On Looms\ndate: 2024-01-01\nauthors: [Ada Lovelace]\n"
        "links: [{name: Publisher, url: 'https://[publisher/looms.pdf'}]\n---\n"
    )
    status, lines = run_import(site, "hugo", str(tmp_path / "hugo"))
    assert status == 0, lines
    assert len(list((site / "content" / "papers").glob("*.md"))) == 2
