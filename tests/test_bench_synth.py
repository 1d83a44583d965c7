"""The benchmark's synthetic sites: deterministic, and valid records as SPEC §2 defines them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from bench import markup as markup_bench
from bench.synth import generate
from generator.schema import AUTHOR_FIELDS, PAPER_FIELDS, SITE_FIELDS, SLUG_PATTERN


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _front_matter(text: str) -> tuple[dict[str, object], str]:
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    data = yaml.safe_load(head)
    assert isinstance(data, dict)
    return data, body


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    generate(tmp_path / "a", papers=60, authors=8, seed=7)
    generate(tmp_path / "b", papers=60, authors=8, seed=7)
    generate(tmp_path / "c", papers=60, authors=8, seed=8)
    a, b, c = (_files(tmp_path / x) for x in "abc")
    assert len([k for k in a if k.startswith("content/papers/")]) == 60
    assert len([k for k in a if k.startswith("content/authors/")]) == 8
    assert a == b
    assert a != c


def test_records_follow_the_content_format_and_the_issue_s_shape(tmp_path: Path) -> None:
    generate(tmp_path, papers=120, authors=12, seed=3)
    site = yaml.safe_load((tmp_path / "site.yaml").read_text(encoding="utf-8"))
    assert set(site) <= {f.name for f in SITE_FIELDS}
    assert "main_author" not in site  # the root lists every author

    names: dict[str, str] = {}
    for path in sorted((tmp_path / "content" / "authors").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(record) <= {f.name for f in AUTHOR_FIELDS}, path
        assert re.fullmatch(SLUG_PATTERN, path.stem)
        names[record["name"]] = path.stem
        for alias in record.get("aliases", []):
            names[alias] = path.stem

    allowed = {f.name for f in PAPER_FIELDS} - {"abstract"}
    profile_counts, with_markdown, paragraphs = [], 0, set()
    for path in sorted((tmp_path / "content" / "papers").glob("*.md")):
        record, body = _front_matter(path.read_text(encoding="utf-8"))
        assert set(record) <= allowed, path
        assert re.fullmatch(SLUG_PATTERN, path.stem)
        assert 8 <= len(str(record["title"]).split()) <= 15
        authors = [a for a in record["authors"] if a not in ("et al.", "others")]
        assert len(set(authors)) == len(authors)
        assert 2 <= len(authors) <= 12 or record["authors"][-1] == "et al."
        profile = {names[a] for a in authors if a in names}
        assert 1 <= len(profile) <= 4
        profile_counts.append(len(profile))
        day = record["date"]
        year = day.year if isinstance(day, dt.date) else int(str(day)[:4])
        assert 2010 <= year <= 2026
        assert re.fullmatch(r"[a-z-]+\.[A-Z]{2}", record["category"])
        assert isinstance(record["citations"], int) and record["citations"] >= 0
        assert 0 <= record.get("score", 0) <= 100
        assert 1 <= len(record["tags"]) <= 5
        words = len(body.split())
        assert 150 <= words <= 250, (path, words)
        paragraphs.add(len(body.strip().split("\n\n")))
        with_markdown += bool(re.search(r"\*\*|`|\]\(|\$", body))
    assert paragraphs == {1, 2, 3}
    assert 0 < with_markdown < 120
    assert max(profile_counts) > 1


def test_a_synthetic_site_builds_into_every_page(tmp_path: Path) -> None:
    from generator.build import build

    generate(tmp_path / "site", papers=25, authors=4, seed=12)
    out = tmp_path / "out"
    result = build(tmp_path / "site", out)
    papers = sorted(p.stem for p in (tmp_path / "site" / "content" / "papers").glob("*.md"))
    authors = sorted(p.stem for p in (tmp_path / "site" / "content" / "authors").glob("*.yaml"))
    assert sorted(p.name for p in (out / "papers").iterdir() if p.is_dir()) == papers
    for slug in authors:
        assert (out / "authors" / slug / "index.html").is_file()
    assert result.pages_written >= 2 * len(papers) + len(authors)


def test_markup_benchmark_prints_a_figure_per_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generate(tmp_path, papers=30, authors=4, seed=5)
    assert markup_bench.main([str(tmp_path), "--repeat", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("30 papers")
    figures = {line.split()[0]: float(line.split()[1]) for line in lines[1:]}
    assert set(figures) == {"md", "plain", "inline", "title", "all"}
    assert figures["all"] > 0


def test_declared_metrics_are_at_least_what_the_sites_papers_give(tmp_path: Path) -> None:
    """As a Google Scholar profile's are: a fresh synthetic site (the bench's) builds
    without a note that a declared figure is out of date."""
    from generator.build import build

    site = tmp_path / "site"
    generate(site, papers=300, authors=12, seed=1)
    declaring = [
        p for p in (site / "content" / "authors").glob("*.yaml") if "metrics:" in p.read_text()
    ]
    assert declaring
    result = build(site, tmp_path / "out")
    assert not [line for line in result.warnings if "declared" in line]
