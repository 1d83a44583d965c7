"""``serve``: the open page of a paper whose abstract alone was saved is written as soon
as its record is read, before the model is assembled (generator.build._Ahead), and is
what the whole build makes; anything else that changed takes the usual way."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.synth import generate
from generator import assemble
from generator.serve import LiveState, Session
from tests.test_incremental import EDITS, _edit_abstract, _edit_title


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.name != ".authorsite-output"
    }


def _assert_as_cold(session: Session, cold: Path, what: str = "") -> None:
    """The preview holds what a cold build of the site (into ``cold``) writes."""
    from generator.build import build

    build(session.site_dir, cold, use_cache=False)
    assert _tree(session.out_dir) == _tree(cold), what


def _inputs(site: Path) -> dict[str, tuple[int, int]]:
    """Size and time of every file of the site but its cache (what a watcher sees change)."""
    found = {}
    for path in site.rglob("*"):
        if path.is_file() and ".authorsite-cache" not in path.parts:
            st = path.stat()
            found[str(path)] = (st.st_size, st.st_mtime_ns)
    return found


def _changed(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


class Tab:
    """A tab open on one page: what it was told of, by which build, and whether the
    model had been assembled by then."""

    def __init__(self, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
        self.session = session
        self.page = ""
        self.builds = 0
        self.assembled = False
        # (build number, the page's bytes when told, model assembled yet, its version)
        self.told: list[tuple[int, bytes, bool, int]] = []
        real_assemble, real_build = assemble.assemble, session._build
        state = session.state
        publish_early = state.publish_early

        def assembling(*args: Any, **kwargs: Any) -> Any:
            self.assembled = True
            return real_assemble(*args, **kwargs)

        def building(*args: Any, **kwargs: Any) -> Any:
            self.builds += 1
            self.assembled = False
            return real_build(*args, **kwargs)

        def early(pages: list[str]) -> None:
            publish_early(pages)
            if self.page in pages:
                data = (session.out_dir / self.page).read_bytes()
                version = state.version_for(self.page)
                self.told.append((self.builds, data, self.assembled, version))

        monkeypatch.setattr(assemble, "assemble", assembling)
        monkeypatch.setattr(session, "_build", building)
        monkeypatch.setattr(state, "publish_early", early)

    @contextlib.contextmanager
    def on(self, page: str) -> Iterator[None]:
        """The tab shows ``page`` (its event stream is open) meanwhile."""
        self.page, self.told = page, []
        with self.session.state.watched(page):
            yield

    def save(self, paper: Path, page: str, text: str) -> tuple[bytes, bool]:
        """``text`` added to ``paper``'s abstract with the tab on ``page``, then built: the
        bytes the tab was told of first, and whether the model was assembled by then."""
        built = self.builds
        with self.on(page):
            paper.write_text(paper.read_text() + f"\n{text}\n")
            assert self.session.rebuild([str(paper)])
        [(_, data, assembled, _)] = self.in_build(built + 1)
        return data, assembled

    def in_build(self, number: int) -> list[tuple[int, bytes, bool, int]]:
        return [told for told in self.told if told[0] == number]


@pytest.fixture
def large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    """A serve session of a site that counts as large (a low threshold): its builds after
    a text edit show the last novelty scores."""
    from generator import workers

    monkeypatch.setattr(workers, "PARALLEL_MIN", 5)
    site = tmp_path / "site"
    generate(site, papers=30, authors=3, seed=4)
    past = time.time() - 60
    for path in site.rglob("*"):
        os.utime(path, (past, past))
    session = Session(site, out=lambda line: None)
    try:
        assert session.rebuild()
        yield session
    finally:
        session.close()


def _first_paper(site: Path) -> tuple[Path, str]:
    paper = sorted((site / "content" / "papers").glob("*.md"))[0]
    return paper, f"papers/{paper.stem}/index.html"


def test_an_abstract_save_writes_the_open_page_before_the_model_is_assembled(
    large: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The tab is told once the page holds the new abstract, before the site's model is
    assembled; the build then makes the same page (its tab is not told again), and the
    preview is a cold build's."""
    session = large
    tab = Tab(session, monkeypatch)
    paper, page = _first_paper(session.site_dir)
    data, assembled = tab.save(paper, page, "A sentence saved while the page is open.")
    assert b"A sentence saved while the page is open." in data
    assert not assembled
    _assert_as_cold(session, tmp_path / "cold")
    # a second save of the same page goes the same way, from the build that settled
    # novelty, also after a build that found nothing to do
    assert session.rebuild()
    data, assembled = tab.save(paper, page, "And a second one.")
    assert b"And a second one." in data and not assembled
    _assert_as_cold(session, tmp_path / "cold-2")


def test_a_save_of_more_than_an_abstract_is_written_once_the_model_is_made(
    large: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A new title moves the paper's citation key and maybe its place: its page is
    written once the model is assembled, as before."""
    session = large
    tab = Tab(session, monkeypatch)
    paper, page = _first_paper(session.site_dir)
    before = _inputs(session.site_dir)
    _edit_title(session.site_dir, _Only(paper))
    with tab.on(page):
        assert session.rebuild(_changed(before, _inputs(session.site_dir)))
    [(_, data, assembled, _)] = tab.in_build(1)
    assert b"Revisiting Item" in data and assembled
    _assert_as_cold(session, tmp_path / "cold")


class _Only(random.Random):
    """A random source whose choice is always ``path`` (the edit of one given paper)."""

    def __init__(self, path: Path) -> None:
        super().__init__(1)
        self.path = path

    def choice(self, seq: Any) -> Any:
        assert self.path in seq
        return self.path


def test_a_template_saved_in_a_build_that_failed_shows_on_the_next_abstract_save(
    large: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A template saved with a typo in another record fails to build; the fix of the typo
    with an abstract save (only paper records, the same as the last good build's but for
    the abstract) shows the new template on the open page at once, not the last good
    build's templates."""
    from generator.config import theme_root

    session = large
    site = session.site_dir
    tab = Tab(session, monkeypatch)
    paper, page = _first_paper(site)
    other = sorted((site / "content" / "papers").glob("*.md"))[1]
    original = other.read_text()
    template = site / "templates" / "paper.html"
    template.parent.mkdir()
    default = (theme_root(site, "default") / "templates" / "paper.html").read_text()
    marked = default.replace('<article class="paper">', '<article class="paper">NEW-TEMPLATE', 1)
    assert marked != default
    template.write_text(marked)
    other.write_text(original.replace("citations:", "citaions:", 1))
    assert not session.rebuild([str(template), str(other)])
    other.write_text(original)
    with tab.on(page):
        paper.write_text(paper.read_text() + "\nSaved with the fix.\n")
        assert session.rebuild([str(other), str(paper)])
    data = tab.told[0][1]
    assert b"Saved with the fix." in data and b"NEW-TEMPLATE" in data
    _assert_as_cold(session, tmp_path / "cold")


def test_an_open_page_written_ahead_otherwise_than_the_build_makes_it_reloads_again(
    large: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Should the page written ahead differ from the one the whole build makes (here the
    kept page is made to show another novelty), the build writes its own, and the tab,
    told of the first, is told again (a new version): it never stays on the first."""
    session = large
    tab = Tab(session, monkeypatch)
    paper, page = _first_paper(session.site_dir)
    preview = session.memory.preview
    assert preview is not None
    rel = f"content/papers/{paper.name}"
    kept = preview.papers[rel]
    assert kept.context["novelty"] != 0.123
    preview.papers[rel] = dataclasses.replace(kept, context={**kept.context, "novelty": 0.123})
    with tab.on(page):
        paper.write_text(paper.read_text() + "\nA sentence saved while the page is open.\n")
        assert session.rebuild([str(paper)])
    [first, second] = tab.in_build(1)
    assert not first[2] and second[2]  # ahead of the model, then from it
    assert first[1] != second[1] and first[3] != second[3]  # other bytes, a new version
    assert (session.out_dir / page).read_bytes() == (tab.told[-1][1])
    _assert_as_cold(session, tmp_path / "cold")


def test_a_page_written_ahead_twice_in_one_build_gets_a_new_version() -> None:
    state = LiveState()
    state.publish(changed=True, error=None)  # a first build
    state.publish_early(["papers/x/index.html"])
    once = state.version_for("papers/x/index.html")
    state.publish_early(["papers/x/index.html"])
    twice = state.version_for("papers/x/index.html")
    assert twice != once
    state.publish(changed=True, error=None, pages=["papers/x/index.html", "feed.xml"])
    assert state.version_for("papers/x/index.html") == twice  # told already: no third reload


@pytest.mark.slow
def test_random_saves_with_a_tab_open_give_the_cold_build_byte_for_byte(
    large: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Random edits (mostly abstracts), each built by serve with a tab open on an edited
    paper's page: every page a tab is told of is the page the build ends with (told once
    a build), and the preview equals a cold build after each."""
    session = large
    site = session.site_dir
    tab = Tab(session, monkeypatch)
    rng = random.Random(7)
    steps = [*EDITS, *rng.choices([*EDITS, *[_edit_abstract] * len(EDITS)], k=12)]
    ahead = 0
    for step, edit in enumerate(steps):
        before = _inputs(site)
        what = edit(site, rng)
        changed = _changed(before, _inputs(site))
        papers = [Path(p) for p in changed if Path(p).parent.name == "papers"]
        stem = (
            papers[0].stem
            if papers
            else rng.choice(list((site / "content" / "papers").glob("*.md"))).stem
        )
        built = tab.builds
        with tab.on(f"papers/{stem}/index.html"):
            session.rebuild(changed)
        for number in range(built + 1, tab.builds + 1):
            told = tab.in_build(number)
            assert len(told) <= 1, f"after {what}"
            ahead += sum(not assembled for _, _, assembled, _ in told)
        if tab.told and (site / "content" / "papers" / f"{stem}.md").exists():
            assert (session.out_dir / tab.page).read_bytes() == tab.told[-1][1], f"after {what}"
        _assert_as_cold(session, tmp_path / f"cold-{step}", f"after {what}")
    assert ahead >= 3  # the abstract saves took the short way


def test_a_serve_started_on_a_kept_preview_writes_the_first_save_ahead_too(
    large: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A serve started again has nothing to build (its preview was kept), and reads the
    site meanwhile, writing nothing: its first abstract save goes as quickly as the next
    ones (written ahead of the model), not through decoding and assembling everything."""
    site = large.site_dir
    large.close()
    said: list[str] = []
    session = Session(site, out=said.append)
    try:
        assert session.rebuild() and said[-1].startswith("built: 0 written")
        preview = _tree(session.out_dir)
        session.warm()
        assert _tree(session.out_dir) == preview and len(said) == 1  # nothing written or said
        tab = Tab(session, monkeypatch)
        paper, page = _first_paper(site)
        data, assembled = tab.save(paper, page, "The first save since the start.")
        assert b"The first save since the start." in data and not assembled
        _assert_as_cold(session, tmp_path / "cold")
    finally:
        session.close()
