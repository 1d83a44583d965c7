"""cite.bib: each name of a record's author list is one author to BibTeX, whatever it holds.

BibTeX splits `author = {…}` at every ` and ` outside braces. A name that holds the word
`and` must therefore be braced whole; the rule held for `Food and Drug Administration`,
but not for a name whose own braces were dropped because they did not nest (a typo such
as `{Food and Drug Administration`), nor for one that holds braces of its own elsewhere
(`R{\\o}nning and Sons`): each became two authors, or more, in every reference manager.
"""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser.middlewares.names import split_multiple_persons_names

from tests.hostile.harness import run_build, write_site

NAMES = [
    "{Food and Drug Administration",  # an opening brace left unclosed: dropped
    "Smith} and {Jones",  # braces as many, but not nesting: dropped
    "R{\\o}nning and Sons",  # braces that nest, and `and` outside them
    "Barnes AND Noble Group",  # BibTeX splits at `AND` too
    "Ada Lovelace and",  # `and` at the end: `… and and …` to BibTeX
]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_holding_and_is_one_author_in_cite_bib(name: str, tmp_path: Path) -> None:
    authors = ["Ada Lovelace", name, "Bob Smith"]
    site = write_site(
        tmp_path,
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\nbase_url: https://user.github.io/r/\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/papers/one.md": f"---\ntitle: One\nauthors: {json.dumps(authors)}\n"
            "date: 2024-05-01\n---\nx\n",
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    library = bibtexparser.parse_string((built.out / "papers/one/cite.bib").read_text())
    assert len(library.entries) == 1 and not library.failed_blocks
    listed = split_multiple_persons_names(library.entries[0]["author"])
    assert len(listed) == 3, listed
    assert listed[0] == "Ada Lovelace" and listed[2] == "Bob Smith", listed
    page = (built.out / "papers/one/index.html").read_text()
    assert page.count('name="citation_author"') == 3


def test_names_braced_as_written_stay_as_written(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\nbase_url: https://user.github.io/r/\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/papers/one.md": '---\ntitle: One\nauthors: ["Ada Lovelace", '
            '"{Barnes and Noble}", "R{\\\\o}nning, Kari", "{OpenAI} Team"]\n'
            "date: 2024-05-01\n---\nx\n",
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    text = (built.out / "papers/one/cite.bib").read_text()
    assert (
        "author = {Ada Lovelace and {Barnes and Noble} and R{\\o}nning, Kari and {OpenAI} Team}"
        in text
    ), text
