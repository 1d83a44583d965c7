"""Shared helpers: build small real sites from inline files."""

from __future__ import annotations

import signal
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
def ctrl_c_as_from_a_terminal() -> Iterator[None]:
    """The tests' children take Ctrl-C (SIGINT) as a program run from a terminal does.

    A shell starts a background job (`make test &`, or any command of a script run with
    `&`) with SIGINT ignored, and every process started from it inherits that: the tests
    that send Ctrl-C to a child of theirs then saw it ignored (a build or import that ran
    on, exit 0 for 130). Python's own handler here is undone by exec in each child.
    """
    if signal.getsignal(signal.SIGINT) != signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


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


@pytest.fixture(autouse=True, scope="session")
def templates_compiled_once() -> Iterator[set[str]]:
    """Each theme template is compiled once per test session, not once per site built.

    Compiling the default theme took ~0.1 s of CPU in every build, most of what a build of a
    site of two records costs, and the suite builds thousands of such sites. A build that
    keeps compiled templates (``generator.render._BytecodeCache``, in the site's cache)
    finds, where its folder lacks one, the same template compiled by an earlier test and
    writes it to its folder as it would have. The key is the product's own (template name,
    file, source and salt) plus what compiling folds in from the environment (the theme's
    words and marks), so a test that changes those still compiles afresh; a template that
    fails to compile is never kept. A test of the product's own keeping of compiled
    templates is marked ``compiles_templates``: its builds compile as a user's would.
    """
    import jinja2

    from generator import render

    compiled: dict[tuple[str, str, str], bytes] = {}
    afresh: set[str] = set()  # non-empty while a test marked compiles_templates runs
    keys: dict[tuple[int, str], tuple[str, str, str]] = {}
    real_get_bucket = render._BytecodeCache.get_bucket
    real_set_bucket = render._BytecodeCache.set_bucket

    def get_bucket(
        self: render._BytecodeCache,
        environment: jinja2.Environment,
        name: str,
        filename: str | None,
        source: str,
    ) -> jinja2.bccache.Bucket:
        bucket = real_get_bucket(self, environment, name, filename, source)
        words = environment.globals["words"]
        folded = {k: v for k, v in vars(words).items() if isinstance(v, str)}
        marks = [str(environment.globals[n]) for n in ("words_lang", "script_words")]
        key = (bucket.key, bucket.checksum, repr((sorted(folded.items()), marks)))
        if bucket.code is None and key in compiled and not afresh:
            bucket.bytecode_from_string(compiled[key])
            real_set_bucket(self, bucket)
        keys[(id(self), bucket.key)] = key
        return bucket

    def set_bucket(self: render._BytecodeCache, bucket: jinja2.bccache.Bucket) -> None:
        real_set_bucket(self, bucket)
        key = keys.get((id(self), bucket.key))
        if key is not None and bucket.code is not None and not afresh:
            compiled[key] = bucket.bytecode_to_string()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render._BytecodeCache, "get_bucket", get_bucket)
        patch.setattr(render._BytecodeCache, "set_bucket", set_bucket)
        yield afresh


@pytest.fixture(autouse=True)
def compile_as_a_user_would(
    request: pytest.FixtureRequest, templates_compiled_once: set[str]
) -> Iterator[None]:
    """For a test marked ``compiles_templates``, no template compiled by another test."""
    if request.node.get_closest_marker("compiles_templates") is None:
        yield
        return
    templates_compiled_once.add(request.node.nodeid)
    try:
        yield
    finally:
        templates_compiled_once.discard(request.node.nodeid)


@pytest.fixture
def browser() -> Iterator[Any]:
    """Chromium (a failure without it in CI, elsewhere a skip), shared with the browser tests
    before and after this one; the contexts and pages this test opens are closed after it."""
    from tests.browser import chromium

    with chromium() as shared:
        yield shared


@pytest.fixture(autouse=True)
def chromium_only_beside_browser_tests(request: pytest.FixtureRequest) -> None:
    """The shared Chromium runs only while browser tests run one after another: before any
    other test it is closed (and launched again by the next browser test)."""
    from tests import browser

    uses = "browser" in request.fixturenames or request.node.get_closest_marker("browser")
    if not uses:
        browser.close_shared_chromium()


@pytest.fixture(autouse=True, scope="session")
def chromium_closed_at_the_end() -> Iterator[None]:
    """The shared Chromium, if one still runs, is closed when the session ends."""
    yield
    from tests import browser

    browser.close_shared_chromium()


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
    """A copy of the repository's sample site (the reference profile), for this test to edit."""
    from tests.golden import copy_sample

    return copy_sample(tmp_path / "sample")


@pytest.fixture(scope="session")
def sample_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, copied once per test process, for tests that build it unchanged.

    Never edit it (``sample_site`` is a test's own copy). Its cache folder is kept between
    the builds of one process, as the repository's was when tests built the repository
    itself, which wrote into it and, with the suite on several cores, shared one cache
    among processes.
    """
    from tests.golden import copy_sample

    return copy_sample(tmp_path_factory.mktemp("sample-source") / "sample")


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
