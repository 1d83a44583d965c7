"""Helpers shared by the ingest tests: a fresh site, its files, its paper records."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.ingest import sources
from generator.ingest.scaffold import init_site

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def new_site(root: Path, name: str = "Kaile Wang") -> Path:
    """A site made by ``init``, without its example paper."""
    init_site(root, name)
    (root / "content" / "papers" / "example-paper.md").unlink()
    return root


def write_files(root: Path, files: dict[str, str]) -> Path:
    """``root`` with each file of ``files`` (its path in ``root`` → its text) written."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file under the site and its bytes, to prove nothing was written (but the
    cache's, where an import remembers the conflicts it told: see ingest/told.py)."""
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.relative_to(site).parts[0] != ".authorsite-cache"
    }


def read_papers(site: Path) -> list[tuple[Path, dict[str, Any], str]]:
    """Each ``.md`` record: its path, front matter and body (the abstract)."""
    found = []
    for path in sorted((site / "content" / "papers").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        found.append((path, yaml.safe_load(front), body.strip()))
    return found


def built_page(site: Path, title: str) -> str:
    """The built page of the record titled ``title``."""
    path = next(p for p, data, _ in read_papers(site) if data["title"] == title)
    return (site / "output" / "papers" / path.stem / "index.html").read_text(encoding="utf-8")


def records_by_title(site: Path) -> dict[str, dict[str, Any]]:
    """Every record's front matter (with its body as ``abstract``) by title."""
    return {str(data["title"]): {**data, "abstract": body} for _, data, body in read_papers(site)}


def run_import(site: Path, kind: str, *sources: Path | str) -> int:
    """``authorsite import KIND SOURCE… --site SITE``'s exit status."""
    return main(["import", kind, *map(str, sources), "--site", str(site)])


def bib_site(tmp_path: Path, owner: str, bibtex: str) -> tuple[Path, Path]:
    """A new site of ``owner`` that imported ``bibtex`` (saved as a file), and that file."""
    site = new_site(tmp_path / "site", owner)
    bib = tmp_path / "papers.bib"
    bib.write_text(bibtex, encoding="utf-8")
    assert run_import(site, "bibtex", bib) == 0
    return site, bib


def answer_with(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Every address an import fetches is answered with ``path``'s bytes, offline; the
    addresses asked, in order."""
    asked: list[str] = []

    def fetch(url: str) -> io.BytesIO:
        asked.append(url)
        return io.BytesIO(path.read_bytes())

    monkeypatch.setattr(sources, "connect", fetch)
    return asked


OWNER_NOTE = "none of the site's authors ("


def other_notes(out: str) -> str:
    """An import's output from its first note on, without the note on the records that
    name none of the site's authors (which names every such record's entry)."""
    notes = out.partition("note:")[2]
    return "\n".join(line for line in notes.split("\n") if OWNER_NOTE not in line)
