"""Text that went through a wrong encoding on its way into a record."""

from __future__ import annotations

import re
from pathlib import Path

from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n"}  # fmt: skip
C1 = re.compile("[\x80-\x9f]")


def test_windows_1252_characters_read_as_latin_1_show_as_meant(tmp_path: Path) -> None:
    """`don\\x92t`: a Windows program's ’ that reached a UTF-8 file as U+0092.

    Windows-1252's bytes 0x80-0x9F (’ “ ” – … €) read as Latin-1 become C1 control
    characters, which no page may hold (the HTML checker's error); so do the bytes of
    UTF-8's ’ read as Latin-1 (`â\\x80\\x99`). Titles, names, venues, bios and abstracts
    show the characters that were meant.
    """
    site = write_site(
        tmp_path / "site",
        {
            **SITE,
            "content/authors/ada.yaml": "name: Ada Lovelace\nbio: I don\x92t \x96 ever.\n",
            "content/papers/one.md": "---\ntitle: Don\x92t Stop\nauthors: [Ada Lovelace, \xc3\x89mile Zola]\n"
            "date: 2024-05-01\nvenue: \x93Workshop\x94 \x80 2024\n---\n"
            "We say \x93hello\x94\x85 and don\xe2\x80\x99t stop.\n",
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    pages = built.pages()
    paper = pages["papers/one/index.html"].all_text()
    assert "Don’t Stop" in paper
    assert "“Workshop” € 2024" in paper
    assert "We say “hello”… and don’t stop." in paper
    assert "Émile Zola" in paper  # É's two UTF-8 bytes, the second one a C1 character
    assert "I don’t – ever." in pages["index.html"].all_text()
    for path in sorted(built.out.rglob("*")):
        if path.suffix in (".html", ".xml", ".bib", ".txt", ".json"):
            found = C1.search(path.read_text("utf-8"))
            assert found is None, f"{path.name}: U+{ord(found.group()):04X}"


def test_c1_character_with_no_windows_1252_meaning_is_a_located_error(tmp_path: Path) -> None:
    """0x81, 0x8D, 0x8F, 0x90 and 0x9D mean nothing in Windows-1252 either: as a C0 control."""
    paper = "---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n---\nOne\x8dtwo.\n"
    site = write_site(
        tmp_path / "site",
        {**SITE, "content/papers/one.md": paper},
    )
    [problem] = run_build(site).problems()
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", "6")
    assert problem["message"] == "contains the control character U+008D; remove it"


def test_c1_references_in_markdown_read_as_browsers_read_them(tmp_path: Path) -> None:
    """`&#146;` is ’ to a browser (HTML's table for references 128-159); `&#129;` is nothing."""
    paper = (
        "---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n---\n"
        "It&#146;s &#x93;new&#x94;&#129;.\n"
    )
    site = write_site(
        tmp_path / "site",
        {**SITE, "content/papers/one.md": paper},
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    html = (built.out / "papers/one/index.html").read_text("utf-8")
    assert "It’s “new”." in html
    assert C1.search(html) is None


def test_a_letter_before_windows_1252_punctuation_stays_a_letter(tmp_path: Path) -> None:
    """`Gauß–Newton` saved by a Windows program: ß (0xDF) then – (0x96), read as Latin-1.

    The two characters also look like the two UTF-8 bytes of an NKo letter (U+07D6) read as
    Latin-1; a German text's ß or Ü before a dash, a quote or an apostrophe is the reading
    meant, and the page shows it, not a letter of another script with the dash gone.
    """
    paper = (
        "---\ntitle: Der \x84Fu\xdf\x93 in Gau\xdf\x96Newton\nauthors: [Ada Lovelace]\n"
        "date: 2024-05-01\n---\nStrau\xdf\x92s \x93M\xdcLLER\x94 method.\n"
    )
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": paper})
    built = run_build(site)
    assert built.status == 0, built.stderr
    page = built.pages()["papers/one/index.html"].all_text()
    assert "Der „Fuß“ in Gauß–Newton" in page
    assert "Strauß’s “MÜLLER” method." in page


def test_a_capital_before_windows_1252_punctuation_is_not_a_rare_letter(tmp_path: Path) -> None:
    """`CAFÉ…` saved by a Windows program: É (0xC9) then … (0x85), read as Latin-1.

    The two characters are also UTF-8's bytes of Ʌ (U+0245), which no living spelling
    uses. Pairs whose UTF-8 letter names are written with (Azerbaijani ə, Hausa ɗ, Romanian
    ș, Greek Δ) stay those letters.
    """
    paper = (
        "---\ntitle: CAF\xc9\x85 and SAUT\xc8\x96BAR, \x93S\xcd\x94 y AS\xcd\x97\n"
        "authors: [Ada Lovelace, Elnur M\xc9\x99mm\xc9\x99dov, Musa Ka\xc9\x97a, Ana Ro\xc8\x99u]\n"
        "date: 2024-05-01\n---\nOn \xce\x94-rules.\n"
    )
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": paper})
    built = run_build(site)
    assert built.status == 0, built.stderr
    page = built.pages()["papers/one/index.html"].all_text()
    assert "CAFÉ… and SAUTÈ–BAR, “SÍ” y ASÍ—" in page  # not S͔ (an extIPA mark)
    assert "Elnur Məmmədov, Musa Kaɗa, Ana Roșu" in page
    assert "On Δ-rules." in page
