"""What a build takes from the last one's cache (a profile's tiles, the texts titles sort
by) is what it would compute: after each edit, the pages equal a cold build's."""

from __future__ import annotations

import re
from pathlib import Path

from bench.synth import generate
from generator.build import build


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _cold(site: Path, out: Path) -> dict[str, bytes]:
    build(site, out, use_cache=False)
    return _tree(out)


def _set(site: Path, pattern: str, line: str) -> None:
    config = site / "site.yaml"
    text = re.sub(pattern + r".*\n", "", config.read_text(), flags=re.M)
    config.write_text(text + line + "\n")


def _first_author(site: Path) -> Path:
    return sorted((site / "content" / "authors").glob("*.yaml"))[0]


def test_tiles_follow_the_site_labels_language_and_metrics(tmp_path: Path) -> None:
    """The tiles change with site.yaml's words and tiles, and go back with them: each
    build equals a cold build (a tile kept from a build with other words would not)."""
    site = tmp_path / "site"
    generate(site, 40, 4)
    build(site)
    steps = [
        ("labels:", "labels: {metric_citations: {one: cite, other: cites}}"),
        ("metrics:", "metrics: [citations, papers]"),
        ("language:", "language: de"),
        ("labels:", ""),
        ("metrics:", "metrics: [h_index, papers, citations, novelty, score]"),
        ("language:", "language: en"),
    ]
    for step, (pattern, line) in enumerate(steps):
        _set(site, "^" + pattern, line)
        build(site)
        assert _tree(site / "output") == _cold(site, tmp_path / f"cold-{step}"), line


def test_tiles_follow_the_papers_counted(tmp_path: Path) -> None:
    """A paper's citations change its authors' tiles; a declared metric replaces the
    computed one; going back shows the computed figures again."""
    site = tmp_path / "site"
    generate(site, 40, 4)
    build(site)
    author = _first_author(site)
    slug = author.stem
    before = (site / "output" / "authors" / slug / "index.html").read_text()
    papers = sorted((site / "content" / "papers").glob("*.md"))
    name = re.search(r"^name: (.*)$", author.read_text(), flags=re.M)
    assert name is not None
    own = [p for p in papers if name.group(1).strip("\"'") in p.read_text()]
    assert own, "the synthetic site gives every author papers"
    text = own[0].read_text()
    own[0].write_text(re.sub(r"^citations: \d+", "citations: 98765", text, count=1, flags=re.M))
    build(site)
    after = (site / "output" / "authors" / slug / "index.html").read_text()
    assert after != before
    assert _tree(site / "output") == _cold(site, tmp_path / "cold-citations")
    original = author.read_text()
    author.write_text(original + "metrics: {citations: 123456}\n")
    build(site)
    assert "123456" in (site / "output" / "authors" / slug / "index.html").read_text()
    assert _tree(site / "output") == _cold(site, tmp_path / "cold-declared")
    author.write_text(original)
    build(site)
    assert (site / "output" / "authors" / slug / "index.html").read_text() == after


def test_a_retitled_paper_moves_in_title_order(tmp_path: Path) -> None:
    """With ``paper_sort: title``, a new title places the paper where it now reads; the
    other papers keep their places (their sort texts are the last build's)."""
    site = tmp_path / "site"
    generate(site, 40, 4)
    _set(site, "^paper_sort:", "paper_sort: title")
    build(site)
    papers = sorted((site / "content" / "papers").glob("*.md"))
    for step, title in enumerate(["Zzz last of all", "*Aaa* first of all", "10 Élans"]):
        path = papers[step * 7]
        text = re.sub(r"^title: .*$", f'title: "{title}"', path.read_text(), count=1, flags=re.M)
        path.write_text(text)
        build(site)
        assert _tree(site / "output") == _cold(site, tmp_path / f"cold-{step}"), title
