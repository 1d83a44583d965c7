"""Import gaps: names, abstracts, kinds of work and files as researchers' tools write them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.names import is_group
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import built_page, new_site, records_by_title, run_import, snapshot
from tests.test_import_profile import author, sidebar_named
from tests.test_seo import one_paper_site

FIXTURES = INGEST / "impgaps"


# (a family name after particles has a space before its comma: `De la Cruz` was kept alone)
@pytest.mark.parametrize(
    "written",
    ["Smith, M. S.", "Lee, M.D.", "Gyorgypal, M. A.", "De la Cruz, M. A.", "van Berg, M. S."],
)
def test_a_family_name_and_initials_keep_the_initials(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    """A profile's name written family name first, then initials, as a citation writes it:
    the initials were read as a degree (M.S., M.D., M.A.), the record's name became the
    family name alone ("Smith"), which matches none of the owner's papers."""
    site, status, err = sidebar_named(tmp_path, capsys, written)
    assert status == 0, err
    assert author(site)["name"] == written
    assert "left out of the name" not in err


def test_a_full_name_s_degree_is_still_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, status, err = sidebar_named(tmp_path, capsys, "Aron Gyorgypal, M. S.")
    assert status == 0, err
    assert author(site)["name"] == "Aron Gyorgypal"
    assert "'M. S.' left out of the name" in err


def jsonld_authors(page: str) -> list[tuple[str, str]]:
    """The page's JSON-LD authors: each one's type and name."""
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found
    return [(a["@type"], a["name"]) for a in json.loads(found.group(1))["author"]]


def test_a_company_or_a_lab_among_the_authors_is_an_organization(tmp_path: Path) -> None:
    """`OpenAI`, `Google DeepMind` and `The ATLAS Collaboration` sign papers: the paper
    page's JSON-LD called them a Person (`The ATLAS Collaboration` was one already)."""
    site = new_site(tmp_path)
    assert run_import(site, "bibtex", FIXTURES / "bodies-as-authors.bib") == 0
    assert main(["build", "--site", str(site)]) == 0
    assert jsonld_authors(built_page(site, "Learning dexterous in-hand manipulation"))[:2] == [
        ("Organization", "OpenAI"),
        ("Person", "Marcin Andrychowicz"),
    ]
    gemma = "Gemma: Open Models Based on Gemini Research and Technology"
    assert jsonld_authors(built_page(site, gemma)) == [("Organization", "Google DeepMind")]
    assert jsonld_authors(built_page(site, "Measurement of the Higgs boson mass")) == [
        ("Organization", "The ATLAS Collaboration"),
        ("Person", "Kaile Wang"),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "Suharyadi",
        "Yann LeCun",
        "Jake VanderPlas",
        "Smith AI",
        "Wang Ai",
        "MacKay",
        "The Anh Nguyen",
    ],
)
def test_a_person_s_name_is_no_organization(name: str) -> None:
    # one word without a capital inside it, a capital after Mc/Mac, PubMed's initials
    assert not is_group(name)


def test_a_technical_report_s_number_is_its_record_s_and_scholar_s(tmp_path: Path) -> None:
    """A @techreport's `number` (`AI-TR-595`, `CS2010-03`) was left out of its record, and
    its page had no citation_technical_report_number (nor JSON-LD's reportNumber)."""
    site = new_site(tmp_path)
    assert run_import(site, "bibtex", FIXTURES / "techreports.bib") == 0
    found = records_by_title(site)
    steele = "The Definition and Implementation of a Computer Programming Language Based on"
    assert found[steele + " Constraints"]["issue"] == "AI-TR-595"
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "Revisiting Sorting for GPGPU Stream Architectures")
    assert '<meta name="citation_technical_report_number" content="CS2010-03">' in page
    assert '"reportNumber": "CS2010-03"' in page


def test_an_edited_volume_lists_its_editors_as_editors(tmp_path: Path) -> None:
    """@proceedings (or @book) with an `editor` and no `author`: its editors were shown as
    its authors. They are listed `Name (ed.)`; the mark is no part of the name, so the
    owner's volume is still theirs, bold, and schema.org's JSON-LD names them `editor`."""
    site = new_site(tmp_path, "Maciej Ogrodniczuk")
    assert run_import(site, "bibtex", FIXTURES / "edited.bib") == 0
    [record] = records_by_title(site).values()
    assert record["authors"] == ["Maciej Ogrodniczuk (ed.)", "Łukasz Kobyliński (ed.)"]
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "Proceedings of the PolEval 2019 Workshop")
    assert (
        '<strong><a class="member" href="../../">Maciej Ogrodniczuk (ed.)</a></strong>, '
        "Łukasz Kobyliński (ed.)" in page
    )
    assert '<meta name="citation_author" content="Maciej Ogrodniczuk">' in page
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found
    data = json.loads(found.group(1))
    assert "author" not in data
    assert [e["name"] for e in data["editor"]] == ["Maciej Ogrodniczuk", "Łukasz Kobyliński"]
    index = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert "PolEval 2019 Workshop" in index  # the owner's volume, on their page


def test_a_hand_written_edited_volume_is_cited_with_editor(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    out = one_paper_site(make_site, tmp_path, "title: Edited", "[Ada Lovelace (ed.)]")
    bib = (out / "papers" / "t" / "cite.bib").read_text(encoding="utf-8")
    assert "editor = {Ada Lovelace}" in bib
    assert "author =" not in bib
    assert bib.startswith("@") and "lovelace2025edited" in bib


def test_an_old_mac_file_s_errors_name_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Lines ended by a CR alone (classic Mac OS, and exports that kept its line ends):
    every error was said to be on line 1."""
    site = new_site(tmp_path / "site")
    real = (FIXTURES / "techreports.bib").read_text(encoding="utf-8")
    text = real + "\n@techreport{later,\n  title = {No authors},\n  year = {1981}\n}\n"
    saved = tmp_path / "old-mac.bib"
    saved.write_bytes(text.replace("\n", "\r").encode("utf-8"))
    line = text.split("\n").index("@techreport{later,") + 1
    assert line > 1
    before = snapshot(site)
    assert run_import(site, "bibtex", saved) == 1
    err = capsys.readouterr().err
    assert f"{saved}:{line}: entry 'later': has no authors" in err
    assert snapshot(site) == before
