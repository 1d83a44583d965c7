"""Markdown footnotes (`text[^1]` … `[^1]: note`), as GitHub renders them: in an abstract,
a bio and a page's text, with ids unique on every page that shows the text, plain numbered
notes in feeds, and checked anchors."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build
from generator.cli import main
from generator.markup import page_root, plain_text, render_markdown, render_page_text, rooted

ABSTRACT = """\
Measured twice[^1], as before[^src] and as the survey says[^1].

[^1]: With the *second* instrument, $x_1 < 2$.
[^src]: See [the data](https://example.org/data).
"""


def _paper(title: str, abstract: str, author: str = "Ada Lovelace") -> str:
    return f"---\ntitle: {title}\nauthors: [{author}]\ndate: 2024-05-01\n---\n{abstract}"


def _ids(html_text: str) -> list[str]:
    return re.findall(r' id="([^"]*)"', html_text)


def _fragments(html_text: str) -> list[str]:
    return re.findall(r' href="#([^"]*)"', html_text)


def test_footnotes_are_numbered_notes_whose_marks_and_ways_back_lead_to_each_other() -> None:
    rendered = render_markdown(ABSTRACT)
    assert "[^1]" not in rendered and "[^src]" not in rendered
    marks = re.findall(
        r'<sup class="footnote-ref"><a href="#([^"]*)" id="([^"]*)">(\d)</a>', rendered
    )
    assert [number for _, _, number in marks] == ["1", "2", "1"]
    notes = re.findall(r'<li id="([^"]*)">', rendered)
    assert len(notes) == 2 and marks[0][0] == marks[2][0] == notes[0] and marks[1][0] == notes[1]
    backs = re.findall(
        r'<a href="#([^"]*)" class="footnote-backref" aria-label="([^"]*)">', rendered
    )
    assert [target for target, _ in backs] == [marks[0][1], marks[2][1], marks[1][1]]
    assert backs[0][1] == "Back to reference 1"
    assert len(set(_ids(rendered))) == len(_ids(rendered)) == 5
    assert set(_fragments(rendered)) == set(_ids(rendered))
    # the note's Markdown, math and off-site link as elsewhere in an abstract
    assert '<span class="math">$x_1 &lt; 2$</span>' in rendered
    assert 'rel="nofollow noopener"' in rendered
    assert '<div class="footnotes">' in rendered and "data-footnote" not in rendered
    # a page's text has them too
    assert '<li id="' in render_page_text(ABSTRACT)


def test_two_texts_with_the_same_labels_get_different_ids() -> None:
    """A profile shows many abstracts, each with its `[^1]`."""
    first = render_markdown("One[^1].\n\n[^1]: a\n")
    second = render_markdown("Two[^1].\n\n[^1]: b\n")
    assert not set(_ids(first)) & set(_ids(second))


def test_the_same_text_twice_on_one_page_gets_its_ids_renumbered() -> None:
    text = "One[^1].\n\n[^1]: a\n"
    with page_root("../"):
        shown = [rooted(render_markdown(text)) for _ in range(3)]
    ids = [i for html_text in shown for i in _ids(html_text)]
    assert len(ids) == 6 and len(set(ids)) == 6
    for html_text in shown:  # each copy's marks lead to its own notes
        assert set(_fragments(html_text)) == set(_ids(html_text))
    assert shown[0] == render_markdown(text)  # the first as cached, as on every other page


@pytest.mark.parametrize(
    "label", ["<script>", '"onmouseover=x', "x\" onmouseover='alert(1)", "main", "1-2"]
)
def test_a_hostile_label_becomes_a_number_and_no_markup(label: str) -> None:
    rendered = render_markdown(f"See[^{label}] and[^1].\n\n[^{label}]: a\n[^1]: b\n")
    tags = re.findall(r"<[^>]*>", rendered)
    assert not [t for t in tags if "script" in t or "onmouseover" in t]
    assert all(re.fullmatch(r"fn(ref)?:[0-9a-f]{8}:\d(-\d)?", i) for i in _ids(rendered))
    assert set(_fragments(rendered)) == set(_ids(rendered))
    assert len(set(_ids(rendered))) == (2 if " " in label else 4)  # a blank: no label


def test_a_note_referred_to_only_from_another_note_has_its_id() -> None:
    rendered = render_markdown("See[^a].\n\n[^a]: As in[^b].\n[^b]: The source.\n")
    assert len(_ids(rendered)) == 4 and set(_fragments(rendered)) == set(_ids(rendered))


def test_a_reference_without_a_note_is_text_and_a_note_without_one_is_not_shown() -> None:
    rendered = render_markdown("See[^missing].\n\n[^unused]: never referred to\n")
    assert rendered == "<p>See[^missing].</p>"


def test_the_texts_own_html_sets_no_id_and_copies_of_the_notes_tags_take_none() -> None:
    text = (
        'A[^1] <a id="main" aria-label="x">x</a> <span id="fn:00000000:1">y</span>\n'
        '<ul><li id="fn-1">a copy of the note\'s item</li></ul>\n'
        '<a href="#fn-1" id="fnref-1" data-footnote-ref>1</a>\n\n[^1]: note\n'
    )
    rendered = render_markdown(text)
    assert 'id="main"' not in rendered and 'aria-label="x"' not in rendered
    assert "fn:00000000" not in rendered
    ids = _ids(rendered)
    assert len(ids) == len(set(ids))
    # the note's own item keeps its id, whatever the text copied before it
    assert re.search(r'<li id="fn:[0-9a-f]{8}:1">\n<p>note ', rendered)
    # without footnotes, no id at all
    assert _ids(render_markdown('<a id="main" href="#x">x</a> <li id="fn-1">y</li>')) == []


def test_in_feeds_and_descriptions_a_footnote_is_a_plain_numbered_note() -> None:
    assert plain_text(ABSTRACT) == (
        "Measured twice[1], as before[2] and as the survey says[1]. "
        "[1] With the second instrument, $x_1 < 2$. [2] See the data."
    )


def test_many_footnotes_take_linear_time() -> None:
    """400 notes (under the tag budget) all rendered; 10,000 over it, shown as plain
    paragraphs. (Measured: 10,000 notes in ~0.2 s, 400 in ~0.01 s.)"""

    def text(count: int) -> str:
        marks = " ".join(f"w[^{i}]" for i in range(count))
        return marks + "\n\n" + "".join(f"[^{i}]: note {i}\n" for i in range(count))

    rendered = render_markdown(text(400))
    assert rendered.count('<li id="fn:') == 400
    assert len(set(_ids(rendered))) == 800
    assert render_markdown(text(10_000)).startswith("<p>w[^0] w[^1]")


@pytest.fixture
def footnoted_site(make_site: Callable[[dict[str, str | bytes]], Path]) -> Path:
    long = " ".join(["A long abstract that folds on the profile."] * 30)
    return make_site(
        {
            "site.yaml": "title: Lab\nbuild_date: 2026-11-28\nmain_author: ada\n",
            "content/authors/ada.yaml": (
                "name: Ada Lovelace\nfield: CS\nbio: |\n  I measure[^1].\n\n  [^1]: Twice.\n"
            ),
            "content/papers/one.md": _paper("One", ABSTRACT),
            "content/papers/two.md": _paper("Two", "Also[^1].\n\n[^1]: Another note.\n"),
            "content/papers/three.md": _paper("Three", f"Begun[^1]. {long}\n\n[^1]: The end.\n"),
            "content/pages/notes.md": "---\ntitle: Notes\n---\n## Fn\n\nA page[^1].\n\n[^1]: x\n",
        }
    )


def test_every_page_of_a_site_has_unique_ids_and_its_footnote_links_resolve(
    footnoted_site: Path,
) -> None:
    build(footnoted_site, footnoted_site / "output")
    pages = list((footnoted_site / "output").rglob("*.html"))
    profile = (footnoted_site / "output" / "authors/ada/index.html").read_text(encoding="utf-8")
    assert profile.count('class="footnotes"') == 4  # the bio and three abstracts
    for page in pages:
        text = page.read_text(encoding="utf-8")
        ids = _ids(text)
        assert len(ids) == len(set(ids)), page
        assert {f for f in _fragments(text) if f.startswith("fn")} <= set(ids), page
    feed = (footnoted_site / "output" / "feed.xml").read_text(encoding="utf-8")
    assert "Measured twice[1]" in feed and "#fn" not in feed and "↩" not in feed
    assert main(["check", "--site", str(footnoted_site), "--built"]) == 0


def test_check_still_finds_a_broken_link_to_a_footnote(
    footnoted_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (footnoted_site / "content/papers/two.md").write_text(
        _paper("Two", "Also[^1], see [note 9](#fn-9).\n\n[^1]: Another note.\n"), encoding="utf-8"
    )
    build(footnoted_site, footnoted_site / "output")
    assert main(["check", "--site", str(footnoted_site), "--built"]) == 1
    assert "broken anchor: #fn-9" in capsys.readouterr().err


def test_an_incremental_build_with_footnotes_equals_a_cold_one(
    footnoted_site: Path, tmp_path: Path
) -> None:
    build(footnoted_site, footnoted_site / "output")
    (footnoted_site / "content/papers/two.md").write_text(
        _paper("Two", "Now[^a] two[^b].\n\n[^a]: first\n[^b]: second\n"), encoding="utf-8"
    )
    build(footnoted_site, footnoted_site / "output")
    cold = tmp_path / "cold"
    shutil.copytree(footnoted_site / "content", cold / "content")
    shutil.copy(footnoted_site / "site.yaml", cold / "site.yaml")
    build(cold, cold / "output")
    warm_files = {
        p.relative_to(footnoted_site / "output"): p.read_bytes()
        for p in (footnoted_site / "output").rglob("*")
        if p.is_file()
    }
    cold_files = {
        p.relative_to(cold / "output"): p.read_bytes()
        for p in (cold / "output").rglob("*")
        if p.is_file()
    }
    assert warm_files == cold_files
    assert b"second" in warm_files[Path("papers/two/index.html")]
