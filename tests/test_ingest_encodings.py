"""Imports of text saved in UTF-16 or UTF-32 with a byte-order mark (Windows PowerShell 5's
`>`, Notepad's "Unicode"), or in UTF-16 without one: the same records as from the UTF-8
file."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES, new_site, read_papers, snapshot

SOURCES = {
    "bibtex": FIXTURES / "bibtex" / "zotero.bib",
    "arxiv": FIXTURES / "arxiv" / "new.xml",
    "semanticscholar": FIXTURES / "semanticscholar" / "author.json",
}
# How each encoding is written with its mark, as the tools that save it do.
MARKED = {
    "utf-16-le": lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
    "utf-16-be": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "utf-32-le": lambda text: b"\xff\xfe\x00\x00" + text.encode("utf-32-le"),
    # Windows tools export UTF-16 without a mark too: it was refused as "UTF-16 text, not
    # a BibTeX file; save it as UTF-8". Its NUL bytes say which order it is in.
    "utf-16-le, no mark": lambda text: text.encode("utf-16-le"),
    "utf-16-be, no mark": lambda text: text.encode("utf-16-be"),
}


def _imported(root: Path, source: str, path: Path) -> list[tuple[str, dict[str, object], str]]:
    site = new_site(root)
    assert main(["import", source, str(path), "--site", str(site)]) == 0
    return [(p.name, data, body) for p, data, body in read_papers(site)]


@pytest.mark.parametrize("encoding", list(MARKED))
@pytest.mark.parametrize("source", list(SOURCES))
def test_a_file_with_a_byte_order_mark_imports_as_its_utf8_original(
    tmp_path: Path, source: str, encoding: str
) -> None:
    original = SOURCES[source]
    text = original.read_bytes().decode("utf-8-sig")
    # A UTF-16 feed's declaration names its encoding, which must not stop the reading.
    text = text.replace("encoding='UTF-8'", f"encoding='{encoding[:6].upper()}'")
    saved = tmp_path / f"saved{original.suffix}"
    saved.write_bytes(MARKED[encoding](text))
    expected = _imported(tmp_path / "a", source, original)
    assert expected  # the fixture holds papers
    assert _imported(tmp_path / "b", source, saved) == expected


def test_broken_utf16_names_its_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path / "site")
    saved = tmp_path / "refs.bib"
    good = "@article{a,\n  title = {One},\n".encode("utf-16-le")
    saved.write_bytes(b"\xff\xfe" + good + b"\x00\xd8" + "x}\n".encode("utf-16-le"))  # half a pair
    before = snapshot(site)
    assert main(["import", "bibtex", str(saved), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{saved}:3: not valid UTF-16 text; save the file as UTF-8 and try again" in err
    assert snapshot(site) == before
