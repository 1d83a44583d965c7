"""Build a site: the stages in order, and no logic of its own."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from generator.assemble import assemble
from generator.config import load_config
from generator.discover import discover
from generator.errors import Problems, UsageError
from generator.model import Author, Paper, Site
from generator.parse import parse_author, parse_paper, read_text
from generator.render import make_environment, render_page
from generator.routes import Page, routes
from generator.write import check_out_dir, write_site


@dataclass(frozen=True)
class BuildResult:
    """What a build did, for the summary line."""

    pages_written: int
    pages_unchanged: int
    seconds: float
    out: Path


def load_site(site_dir: Path, *, drafts: bool = False, base_url: str | None = None) -> Site:
    """Read, validate and assemble the whole site model, or raise every problem at once."""
    problems = Problems()
    sources = discover(site_dir, problems)
    config = load_config(sources.config, sources.rel(sources.config), problems, base_url=base_url)
    papers: list[Paper] = []
    authors: list[Author] = []
    for path in sources.authors:
        text = read_text(path, sources.rel(path), problems)
        author = parse_author(text, problems) if text else None
        if author:
            authors.append(author)
    for path in sources.papers:
        text = read_text(path, sources.rel(path), problems)
        paper = parse_paper(text, problems) if text else None
        if paper:
            papers.append(paper)
    site = assemble(config, papers, authors, problems, drafts=drafts)
    problems.raise_if_any()
    return site


def theme_dirs(site_dir: Path, theme: str) -> tuple[list[Path], list[Path]]:
    """Template search path (site overrides, then the theme) and static folders."""
    theme_root = site_dir / "themes" / theme
    if not theme_root.is_dir():
        bundled = Path(__file__).resolve().parent.parent / "themes" / theme
        theme_root = bundled if bundled.is_dir() else _packaged_theme(theme)
    if not (theme_root / "templates").is_dir():
        raise UsageError(f"theme `{theme}` not found: expected themes/{theme}/templates/")
    templates = [site_dir / "templates", theme_root / "templates"]
    static = [theme_root / "static", site_dir / "static"]
    return [p for p in templates if p.is_dir()], static


def _packaged_theme(theme: str) -> Path:
    """The theme shipped inside the installed package (for sites made by ``init``)."""
    return Path(__file__).resolve().parent / "themes" / theme


def render_all(site: Site, site_dir: Path) -> list[tuple[str, bytes]]:
    """Every output file's path and bytes."""
    search_path, _ = theme_dirs(site_dir, site.config.theme)
    env = make_environment(search_path)
    pages: list[Page] = routes(site)
    return [(page.output, render_page(env, page)) for page in pages]


def build(
    site_dir: Path,
    out_dir: Path | None = None,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    force: bool = False,
) -> BuildResult:
    """Build ``site_dir`` into ``out_dir`` (default ``output/``); raise ContentError on bad content."""
    started = time.perf_counter()
    out = out_dir if out_dir is not None else site_dir / "output"
    check_out_dir(out, site_dir, force=force)
    site = load_site(site_dir, drafts=drafts, base_url=base_url)
    files = render_all(site, site_dir)
    _, static = theme_dirs(site_dir, site.config.theme)
    result = write_site(out, files, static)
    return BuildResult(result.written, result.unchanged, time.perf_counter() - started, out)
