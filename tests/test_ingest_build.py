"""End to end: import each recorded file into a fresh `init` site, build, read the pages."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string

from generator.build import build
from generator.cli import main
from generator.ingest.merge import load_records
from generator.load import load_site
from tests.ingest_support import FIXTURES, new_site

CASES = [
    ("arxiv", [FIXTURES / "arxiv" / "classic.xml", FIXTURES / "arxiv" / "new.xml"], 5),
    ("bibtex", [FIXTURES / "bibtex" / "macros.bib"], 8),
    ("bibtex", [FIXTURES / "bibtex" / "al-folio-papers.bib"], 9),
    ("academicpages", [FIXTURES / "academicpages"], 4),
    ("hugo", [FIXTURES / "hugo"], 3),
    ("semanticscholar", [FIXTURES / "semanticscholar" / "author.json"], 9),
    ("openalex", [FIXTURES / "openalex" / "works.json"], 3),
]


def text_of(page: Path) -> str:
    """What a reader sees: tags dropped, entities decoded, whitespace folded."""
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)
    raw = re.sub(r"</?(?:span|a|em|strong|i|b|sup|sub|code)\b[^>]*>", "", raw)  # inline
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


@pytest.mark.parametrize(("command", "sources", "works"), CASES, ids=[c[0] for c in CASES])
def test_every_imported_work_is_on_the_built_site(
    tmp_path: Path, command: str, sources: list[Path], works: int
) -> None:
    site = tmp_path / "site"
    new_site(site)
    assert main(["import", command, *map(str, sources), "--site", str(site)]) == 0
    out = tmp_path / "out"
    build(site, out)
    records = load_records(site)
    assert len(records) == works
    for record in records:
        data = record.data
        page = out / "papers" / record.slug / "index.html"
        shown = text_of(page)
        assert " ".join(str(data["title"]).split()) in shown, record.rel
        for name in data["authors"]:
            assert str(name) in shown, (record.rel, name)
        if data.get("venue"):
            assert " ".join(str(data["venue"]).split()) in shown, record.rel
        date = data["date"]
        iso = date.isoformat() if hasattr(date, "isoformat") else str(date)
        assert f'datetime="{iso}"' in page.read_text(encoding="utf-8"), record.rel
        assert (out / "papers" / record.slug / "cite.bib").is_file()
    # The author's profile lists every paper that names them.
    profile = text_of(out / "index.html")
    for record in records:
        if "Kaile Wang" in record.data["authors"]:
            assert " ".join(str(record.data["title"]).split()) in profile


def test_imported_bibtex_is_the_downloadable_cite_bib(tmp_path: Path) -> None:
    site = tmp_path / "site"
    new_site(site)
    bib = FIXTURES / "bibtex" / "al-folio-papers.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    out = tmp_path / "out"
    build(site, out)
    source = bib.read_text(encoding="utf-8")
    verbatim = 0
    for record in load_records(site):
        cite = (out / "papers" / record.slug / "cite.bib").read_text(encoding="utf-8")
        alone = parse_string(cite)
        assert not alone.failed_blocks and len(alone.entries) == 1, record.rel
        assert f"{{{alone.entries[0].key}," in source  # the user's own citation key
        # As the user wrote it, line by line, less the fields al-folio's page reads.
        verbatim += all(line in source for line in cite.strip().splitlines())
        assert "bibtex_show" not in cite and "preview" not in cite, record.rel
    # Only the entry that uses the file's @string macro (publisher = aps) is rewritten.
    assert verbatim == 8
    epr = next(r for r in load_records(site) if r.data.get("doi") == "10.1103/PhysRev.47.777")
    assert "publisher = {American Physical Society,}" in str(epr.data["bibtex"])


def test_semantic_scholar_alone_gives_its_h_index_on_the_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")  # 2025-11-28
    site = tmp_path / "site"
    new_site(site)
    source = FIXTURES / "semanticscholar" / "author.json"
    assert main(["import", "semanticscholar", str(source), "--site", str(site)]) == 0
    model = load_site(site)
    profile = next(p for p in model.profiles if p.author.name == "Kaile Wang")
    h = next(m for m in profile.metrics if m.key == "h_index")
    assert h.value == json.loads(source.read_text(encoding="utf-8"))["hIndex"]
    assert not h.declared

    out = tmp_path / "out"
    build(site, out)
    record = next(r for r in load_records(site) if r.data.get("arxiv_id") == "2406.15513")
    page = text_of(out / "papers" / record.slug / "index.html")
    assert "150 (as of 2025-11-28, from Semantic Scholar)" in page
