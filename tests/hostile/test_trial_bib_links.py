"""A script address in a record's own `bibtex:` entry, which cite.bib publishes as written.

Readers import cite.bib into reference managers (which open `url` as a link) and compile
it into PDFs (where hyperref makes `\\url{…}` and `\\href{…}{…}` links): the
`javascript:` links refused everywhere else went out there, from a hand-written entry or
from an imported one, whose link the import said it had left out.
"""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest

from generator.bibtex import script_links
from generator.cli import main
from generator.urls import script_scheme
from tests.hostile.harness import run_build, write_site
from tests.ingest_support import new_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n"}  # fmt: skip
HEAD = "---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: 2024-05-01\nbibtex: |\n"
# (the entry's lines after `@misc{own,` and `title = {A Paper},`, the field named)
SCRIPTED = {
    "plain": ("url = {javascript:alert(1)},", "url"),
    "capitals and blanks": ("url = { JaVa\tScRiPt:alert(1)},", "url"),
    "entity": ("url = {jav&#x61;script:alert(1)},", "url"),
    "named entity": ("pdf = {javascript&colon;alert(1)},", "pdf"),
    "percent": ("html = {%6Aavascript:alert(1)},", "html"),
    "braces": ("url = {{java}{script}:alert(1)},", "url"),
    "concatenated": ('url = "java" # "script:alert(1)",', "url"),
    "macro": ('url = js # "alert(1)",', "url"),  # js: jv # "script:", jv: "java"
    "undefined macro": ('url = nosuch # "javascript:alert(1)",', "url"),  # read as nothing
    "data": ("code = {data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==},", "code"),
    "vbscript": ("url = {vbscript:msgbox(1)},", "url"),
    "href in a note": ("note = {see \\href{javascript:alert(1)}{the code}},", "note"),
    "url in howpublished": ("howpublished = {\\url{javascript:alert(1)}},", "howpublished"),
}


STRINGS = '@string{jv = "java"} @string{js = jv # "script:"}'


def own(*lines: str, strings: str = "@comment{no macros}") -> str:
    entry = [strings, "@misc{own,", "  title = {A Paper},"]
    return "".join(f"  {line}\n" for line in [*entry, *(f"  {x}" for x in lines), "}"])


@pytest.mark.parametrize("case", SCRIPTED)
def test_a_script_address_in_an_own_entry_is_refused_at_its_line(case: str, tmp_path: Path) -> None:
    line, field = SCRIPTED[case]
    strings = {"strings": STRINGS} if "macro" in case else {}
    record = HEAD + own("year = 2024,", line, **strings) + "---\nAbstract.\n"
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": record})
    built = run_build(site)
    assert built.status == 1, built.stderr
    [problem] = built.problems()
    # `bibtex: |` on line 5, then @string (or @comment), @misc, title and year: line 10
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", "10"), built.stderr
    assert f"the entry's `{field}` holds a `" in problem["message"], problem["message"]
    assert not built.out.exists()


def test_an_own_entry_with_web_addresses_and_such_words_builds(tmp_path: Path) -> None:
    entry = own(
        "url = {https://example.org/paper#data:x},",
        "note = {Data: a study of \\url{https://example.org/javascript:guide}},",
        'pdf = "https://example.org/" # {paper.pdf},',
        "keywords = {javascript: the good parts},",
    )
    record = HEAD + entry + "---\nAbstract.\n"
    built = run_build(write_site(tmp_path / "site", {**SITE, "content/papers/one.md": record}))
    assert built.status == 0, built.stderr
    assert "javascript: the good parts" in (built.out / "papers/one/cite.bib").read_text()


def test_an_imported_entry_keeps_no_script_address_for_cite_bib(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path / "site", "Ada Lovelace")
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{a1,\n  title = {A Paper},\n  author = {Lovelace, Ada},\n"
        "  journal = {J. Things \\url{javascript:alert(1)}},\n  year = {2024},\n"
        "  url = {jav&#x61;script:alert(1)},\n"
        "  abstract = {See \\href{javascript:alert(2)}{here}.},\n}\n"
    )
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    notes = capsys.readouterr().out
    assert "`journal` holds a `javascript:` address" in notes, notes
    assert "`abstract` holds a `javascript:` address" in notes, notes
    built = run_build(site)
    assert built.status == 0, built.stderr
    [cite] = built.out.glob("papers/*/cite.bib")
    [entry] = bibtexparser.parse_string(cite.read_text("utf-8")).entries
    for field in entry.fields:
        value = str(field.value)
        assert "javascript" not in value, json.dumps(cite.read_text())
        assert script_scheme(value) is None
    assert entry.fields_dict["title"].value == "A Paper"


def test_a_script_link_in_a_records_latex_is_text_in_the_generated_entry(tmp_path: Path) -> None:
    """A title may hold LaTeX, which cite.bib keeps: `\\href{javascript:…}{x}` was a link
    in the PDF a reader's LaTeX made of it."""
    text = "A \\href{javascript:alert(1)}{demo} and \\url{ JaVaScRiPt:alert(2)} for \\url{https://x.org}"
    record = (
        f"---\ntitle: {json.dumps(text)}\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n"
        f"venue: {json.dumps(text)}\n---\nAbstract.\n"
    )
    built = run_build(write_site(tmp_path / "site", {**SITE, "content/papers/one.md": record}))
    assert built.status == 0, built.stderr
    cite = (built.out / "papers/one/cite.bib").read_text("utf-8")
    assert script_links(cite) == [], cite
    assert "\\textbackslash{}href{javascript:alert(1)}{demo}" in cite, cite
    assert "\\url{https://x.org}" in cite, cite
    [entry] = bibtexparser.parse_string(cite).entries
    assert {"title", "journal"} <= set(entry.fields_dict), cite
