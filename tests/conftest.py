"""Shared helpers: build small real sites from inline files."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent

MINIMAL_AUTHOR = """\
name: Ada Lovelace
field: CS
"""

MINIMAL_PAPER = """\
---
title: A Paper
authors: [Ada Lovelace, Charles Babbage]
date: 2024-05-01
---
An abstract.
"""


@pytest.fixture(autouse=True, scope="session")
def own_user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests' own user cache folder: the build keeps its cache key there
    (``generator.trust``), and tests must not write into the cache of whoever runs them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        yield


@pytest.fixture(autouse=True, scope="session")
def no_progress_lines() -> Iterator[None]:
    """Builds in tests say nothing of a slow stage (`render: 12 of 12 in 0.5 s`).

    A stage of a tiny site takes more than a moment on a busy machine too, and its line
    broke tests that read stderr line by line. Tests of those lines set a moment.
    """
    from generator import reporter

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reporter, "MOMENT_S", 3600.0)
        yield


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (relative path -> text, dedented, or bytes) under ``root``."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """A factory for a site folder holding the given files (site.yaml defaults added)."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "site"
        base: dict[str, str | bytes] = {"site.yaml": "title: Test\nbuild_date: 2026-11-28\n"}
        return write_files(root, {**base, **files})

    return make


@pytest.fixture
def sample_site(tmp_path: Path) -> Path:
    """A copy of the repository's sample site (the reference profile)."""
    root = tmp_path / "sample"
    root.mkdir()
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    shutil.copytree(REPO / "content", root / "content")
    return root


@pytest.fixture
def rendered_counts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many pages each call of the renderer was given, from now on."""
    from generator import workers

    counts: list[int] = []
    real = workers.render_pages

    def counting(env: Any, pages: Any, *args: Any, **kwargs: Any) -> Any:
        counts.append(len(pages))
        return real(env, pages, *args, **kwargs)

    monkeypatch.setattr(workers, "render_pages", counting)
    return counts
