"""Google Scholar's tags for kinds of paper the other tests do not cover: a report's number."""

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


def _site(make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path) -> Path:
    site = make_site(
        {
            "site.yaml": "title: Ada\nbase_url: https://example.org/~ada/\nmain_author: ada\n",
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/report.md": REPORT,
            "content/papers/journal.md": JOURNAL,
        }
    )
    out = tmp_path / "out"
    build(site, out)
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
