"""Citation tags for kinds of paper the other tests do not cover: a report's number, a
chapter's book, a book's publisher."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from generator.build import build
from tests.test_seo import AUTHOR, head

# A technical report with its number, as a @techreport's `number` is imported (`issue:`)
REPORT = """\
---
title: A Technical Report
authors: [Ada Lovelace]
date: 2017
type: techreport
venue: MIT CSAIL
issue: MIT-CSAIL-TR-2017-001
---
Report abstract.
"""

JOURNAL = """\
---
title: A Journal Article
authors: [Ada Lovelace]
date: 2020-03-15
type: article
venue: Journal of Things
volume: "12"
issue: "3"
pages: 45-67
---
Abstract.
"""


def _site(
    make_site: Callable[[dict[str, str | bytes]], Path],
    tmp_path: Path,
    papers: dict[str, str] | None = None,
) -> Path:
    """A site of Ada's, its papers by file stem (a report and a journal's paper unless told)."""
    files: dict[str, str | bytes] = {
        "site.yaml": "title: Ada\nbase_url: https://example.org/~ada/\nmain_author: ada\n",
        "content/authors/ada.yaml": AUTHOR,
    }
    for stem, text in (papers or {"report": REPORT, "journal": JOURNAL}).items():
        files[f"content/papers/{stem}.md"] = text
    out = tmp_path / "out"
    build(make_site(files), out)
    return out


def test_a_reports_number_is_scholars_technical_report_number(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    out = _site(make_site, tmp_path)
    page = head(out / "papers" / "report" / "index.html")
    names = [name for name, _ in page.meta]
    # Scholar: "citation_technical_report_institution for the name of the institution and
    # citation_technical_report_number for the number of the technical report"; its
    # citation_issue is a journal's or a conference's, which a report is not
    assert ("citation_technical_report_number", "MIT-CSAIL-TR-2017-001") in page.meta
    assert "citation_issue" not in names
    institution = names.index("citation_technical_report_institution")
    assert names.index("citation_technical_report_number") == institution + 1
    # JSON-LD says the same: schema.org's Report has its reportNumber
    [data] = [json.loads(block) for block in page.jsonld]
    assert data["@type"] == "Report"
    assert data["reportNumber"] == "MIT-CSAIL-TR-2017-001"


def test_a_journals_issue_stays_citation_issue(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    out = _site(make_site, tmp_path)
    meta = head(out / "papers" / "journal" / "index.html").meta
    assert ("citation_issue", "3") in meta
    assert "citation_technical_report_number" not in [name for name, _ in meta]


CHAPTER = """\
---
title: A Chapter
authors: [Ada Lovelace]
date: 2018-01-02
type: incollection
venue: Handbook of Things
pages: 1-20
---
Chapter abstract.
"""

BOOK = """\
---
title: A Book
authors: [Ada Lovelace]
date: 2015
type: book
venue: Springer
---
Book abstract.
"""


def test_a_chapters_book_and_a_books_publisher_are_named_as_zotero_reads_them(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    out = _site(make_site, tmp_path, {"chapter": CHAPTER, "book": BOOK})
    # Zotero's Embedded Metadata translator maps citation_book_title to the item's book
    # (and makes it a book section) and citation_publisher to its publisher; without them
    # a saved chapter was a journal article of no journal
    chapter = head(out / "papers" / "chapter" / "index.html").meta
    assert ("citation_book_title", "Handbook of Things") in chapter
    book_page = head(out / "papers" / "book" / "index.html")
    book = book_page.meta
    assert ("citation_publisher", "Springer") in book
    # and the JSON-LD Book says the same: it named no publisher at all
    [data] = [json.loads(block) for block in book_page.jsonld]
    assert data["publisher"] == {"@type": "Organization", "name": "Springer"}
    # neither is a journal's, a conference's or a university's
    for meta in (chapter, book):
        names = {name for name, _ in meta}
        assert not names & {"citation_journal_title", "citation_conference_title"}
