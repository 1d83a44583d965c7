"""Importers' left-over readings: addresses typed without https://, an old site's files
whose names look like hosts, titles with entities and angle brackets, slugs of titles
without Latin letters."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import (
    FIXTURES,
    built_page,
    new_site,
    other_notes,
    read_papers,
    records_by_title,
    run_import,
)


def test_a_readme_s_repository_address_without_https_is_the_code_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`howpublished = {github.com/…}` (bare or in \\url{}) was the venue, shown as text,
    and `url = {www.github.com/…}` was left out with a note; with https:// each was the
    Code badge."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", FIXTURES / "bibtex" / "readme-bare-hosts.bib") == 0
    out = capsys.readouterr().out
    found = records_by_title(site)
    alexa = found["ASK Alexa PyKit"]
    assert alexa["links"] == {"code": "https://github.com/anjishnu/ask-alexa-pykit"}
    assert "venue" not in alexa
    voronoi = found["Uniform placement of random points in bounded Voronoi cells"]
    assert voronoi["links"] == {"code": "https://github.com/hpaulkeeler/voronoi_uniform"}
    assert voronoi["venue"] == "GitHub repository"
    amp = found["ampworks: Battery data analysis tools in Python [SWR-25-39]"]
    assert amp["links"] == {"code": "https://www.github.com/NatLabRockies/ampworks"}
    assert "not an http(s) address" not in out


@pytest.mark.parametrize("tool", ["hugo", "academicpages"])
def test_an_old_site_s_file_named_like_a_host_is_its_file(
    tool: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`url_poster: poster.ai` (Illustrator's file, beside `url_slides: slides.pdf`) was
    read as the host poster.ai: the note said to link `https://poster.ai`."""
    source = FIXTURES / ("hugo-blox-poster" if tool == "hugo" else "academicpages-files")
    assert run_import(new_site(tmp_path / "site"), tool, source) == 0
    out = capsys.readouterr().out
    name = "poster" if tool == "hugo" else "slides"
    assert f"https://{name}.ai" not in out
    if tool == "hugo":
        page = source / "content" / "publication" / "evading-blackbox" / "index.md"
        assert (
            f"{page}:18: url_poster poster.ai is a file of the Hugo site (in its static/ "
            "folder), not imported; to link it, copy it into static/ and add "
            "`poster: static/poster.ai` under the record's links:"
        ) in out
    else:
        assert (
            "slidesurl slides.ai is a file of the academicpages site, gone once this site "
            "replaces it; copy it into static/ and link it there (`slides: static/slides.ai`"
        ) in out
        assert "paperurl voronoi.pdf is a file of the academicpages site" in out


def test_a_title_with_an_entity_keeps_its_text_in_angle_brackets(tmp_path: Path) -> None:
    """A title with `&amp;` went through the reading of a database's HTML, which took
    `<int>` for a tag and dropped it; entities are characters, and no text is HTML."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", FIXTURES / "bibtex" / "entity-and-angle-title.bib") == 0
    title = "Replacing std::vector<bool> & std::bitset: A Study of std::vector<int> Packing"
    assert list(records_by_title(site)) == [title]
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, title)
    assert "std::vector&lt;int&gt; Packing" in page
    assert "<int>" not in page and "<bool>" not in page


def test_tex_accents_in_an_address_are_its_letters_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`\\url{https://…/~m\\"uller/diss.pdf}` was linked as typed, a link a browser reads as
    `~m/"uller` (the url package prints it so: no page is there); with braces inside
    (`f{\\"u}r`) the url command was not read at all and the venue showed the address."""
    site = new_site(tmp_path / "site")
    bib = FIXTURES / "bibtex" / "tex-accents-in-urls.bib"
    assert run_import(site, "bibtex", bib) == 0
    out = capsys.readouterr().out
    found = records_by_title(site)
    thesis = found["Verfahren zur Lastverteilung in verteilten Systemen"]
    assert thesis["links"] == {"pdf": "https://www.example.org/~müller/diss.pdf"}
    tool = found["lastv: a load balancer"]
    assert tool["links"] == {"paper": "https://www.example.org/software/lastverteilung-für-alle"}
    assert "venue" not in tool
    notes = found["Lecture notes on distributed systems"]  # a tilde is no accent
    assert notes["links"] == {"paper": "https://www.example.org/~mueller/notes.html"}
    assert (
        f"{bib}:3: entry 'mueller2019diss': link `url` "
        "`https://www.example.org/~m\\\"uller/diss.pdf` holds TeX's accents, which a \\url "
        "shows as typed and a browser misreads (a `\\` is a `/` to it): linked as "
        "`https://www.example.org/~müller/diss.pdf`; check that it leads to the page"
    ) in out
    assert "entry 'mueller2020tool': link `howpublished`" in out
    assert "mueller2021home" not in other_notes(out)
    assert "new records name none of the site's authors" in out  # Müller's, on Kaile Wang's


def test_a_title_without_latin_letters_is_filed_under_a_name_it_gives(tmp_path: Path) -> None:
    """Titles in Chinese, Japanese, Korean were `paper.md`, `paper-2011.md`, …: the title
    biblatex gives translated, else the arXiv id or DOI (as before), else the first
    author's family name in Latin letters and the year, else the entry's key (`kim2011`,
    where it was `paper`). A title in Latin letters (or in
    Cyrillic, spelled in them) is filed as before."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", FIXTURES / "bibtex" / "non-latin-titles.bib") == 0
    names = {p.stem: str(data["title"]) for p, data, _ in read_papers(site)}
    assert names == {
        "collected-materials-for-the-study-of-zen": "禪學叢書",
        "wang-2011": "基于深度学习的图像识别方法研究",
        "arxiv-2001-01234": "深層学習による画像認識",
        "kim2011": "딥러닝 기반 영상 인식",  # its author's name in Hangul: the entry's key
        "kreitserova-sonata": "Крейцерова соната",
        "image-recognition-with-deep-learning": "Image Recognition with Deep Learning",
    }
