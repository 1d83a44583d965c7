"""Incremental builds: after any sequence of edits, the output is the cold build's, byte for byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import re
from pathlib import Path
from typing import Any

import pytest

from bench.synth import generate
from generator.build import build
from generator.errors import ContentError
from generator.reuse import Reuse


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _cold(site: Path, out: Path) -> dict[str, bytes]:
    build(site, out, use_cache=False)
    return _tree(out)


# Cold builds' outputs by their options and the site's every name and bytes (its build
# cache aside). A test of edits run from the command line and in serve's process (Reuse)
# makes the same edits in both runs: the second run's cold builds are of inputs the first
# one built, and take its output (each once: the entry is dropped when taken).
_COLD_BUILT: dict[str, dict[str, bytes]] = {}


def cold_of_these_inputs(site: Path, out: Path, *, drafts: bool = False) -> dict[str, bytes]:
    """:func:`_cold` (with ``drafts``), or the output of such a build of the same inputs
    made earlier in the test session, written to ``out`` as the build would have."""
    inputs = hashlib.sha256(f"drafts={drafts}\0".encode())
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site)
        if rel.parts[0] == ".authorsite-cache":
            continue
        kind = "link" if path.is_symlink() else "file" if path.is_file() else "other"
        inputs.update(f"{kind}\0{rel.as_posix()}\0".encode())
        inputs.update(os.readlink(path).encode() if kind == "link" else b"")
        inputs.update(path.read_bytes() + b"\0" if kind == "file" else b"")
    tree = _COLD_BUILT.pop(inputs.hexdigest(), None)
    if tree is None:
        build(site, out, drafts=drafts, use_cache=False)
        _COLD_BUILT[inputs.hexdigest()] = tree = _tree(out)
    else:
        for rel, data in tree.items():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_bytes(data)
    return tree


def _papers(site: Path) -> list[Path]:
    return sorted((site / "content" / "papers").glob("*.md"))


def _authors(site: Path) -> list[Path]:
    return sorted((site / "content" / "authors").glob("*.yaml"))


def _edit_abstract(site: Path, rng: random.Random) -> str:
    path = rng.choice(_papers(site))
    path.write_text(path.read_text() + f"\nA new sentence, number {rng.randint(0, 999)}.\n")
    return f"abstract of {path.name}"


def _replace(path: Path, pattern: str, new: str) -> None:
    """Replace the first line matching ``pattern`` in the record at ``path``."""
    path.write_text(re.sub(pattern, new, path.read_text(), count=1, flags=re.M))


def _edit_citations(site: Path, rng: random.Random) -> str:
    path = rng.choice(_papers(site))
    _replace(path, r"^citations: \d+", f"citations: {rng.randint(0, 5000)}")
    return f"citations of {path.name}"


def _edit_author(site: Path, rng: random.Random) -> str:
    path = rng.choice(_authors(site))
    _replace(path, r"^affiliation: .*$", "affiliation: Somewhere Else")
    return f"affiliation of {path.name}"


def _edit_title(site: Path, rng: random.Random) -> str:
    """A title's first word changes, and with it the paper's citation key."""
    path = rng.choice(_papers(site))
    _replace(path, r"^title: .*$", f"title: Revisiting Item {rng.randint(0, 99)}")
    return f"title of {path.name}"


def _edit_date(site: Path, rng: random.Random) -> str:
    path = rng.choice(_papers(site))
    _replace(path, r"^date: \d{4}", f"date: {rng.randint(2010, 2026)}")
    return f"date of {path.name}"


def _edit_name(site: Path, rng: random.Random) -> str:
    """An author's name changes: papers that listed the old one are no longer theirs."""
    path = rng.choice(_authors(site))
    _replace(path, r"^name: .*$", f"name: Someone Else {rng.randint(0, 99)}")
    return f"name of {path.name}"


def _paper_sort(site: Path, rng: random.Random) -> str:
    config = site / "site.yaml"
    order = rng.choice(["citations", "title", "date"])
    text = re.sub(r"^paper_sort: .*\n", "", config.read_text(), flags=re.M)
    config.write_text(text + f"paper_sort: {order}\n")
    return f"paper_sort {order}"


def _another_paper(text: str) -> str:
    """A copy of a paper's record as another paper's: without its arXiv id (two records
    of one id are one paper listed twice, which the build refuses)."""
    text = re.sub(r"^  arxiv: .*\n", "", text, flags=re.M)
    return re.sub(r"^links:\n(?!  )", "", text, flags=re.M)


def _add_paper(site: Path, rng: random.Random) -> str:
    source = rng.choice(_papers(site))
    name = f"new-paper-{rng.randint(0, 10**6)}.md"
    text = _another_paper(source.read_text()) + "\nRevisited in a later paper.\n"
    (site / "content" / "papers" / name).write_text(text)
    return f"added {name}"


def _remove_paper(site: Path, rng: random.Random) -> str:
    path = rng.choice(_papers(site))
    path.unlink()
    return f"removed {path.name}"


def _draft(site: Path, rng: random.Random) -> str:
    path = rng.choice(_papers(site))
    path.write_text(path.read_text().replace("\n---\n", "\ndraft: true\n---\n", 1))
    return f"draft {path.name}"


def _site_title(site: Path, rng: random.Random) -> str:
    config = site / "site.yaml"
    config.write_text(
        re.sub(
            r"^title: .*$",
            f"title: Lab {rng.randint(0, 99)}",
            config.read_text(),
            count=1,
            flags=re.M,
        )
    )
    return "site title"


def _paper_language(site: Path, rng: random.Random) -> str:
    """A paper's own language is set, changed or removed: its title and abstract say it."""
    path = rng.choice(_papers(site))
    text = re.sub(r"^language: .*\n", "", path.read_text(), count=1, flags=re.M)
    language = rng.choice(["de", "zh-Hant-TW", "EN", None])
    if language is not None:
        text = text.replace("\n---\n", f"\nlanguage: {language}\n---\n", 1)
    path.write_text(text)
    return f"language {language} of {path.name}"


def _site_language(site: Path, rng: random.Random) -> str:
    """The site's language changes: papers in it are no longer marked, others now are."""
    config = site / "site.yaml"
    language = rng.choice(["de", "en", "EN-us", "zh-Hant"])
    text = re.sub(r"^language: .*\n", "", config.read_text(), flags=re.M)
    config.write_text(text + f"language: {language}\n")
    return f"site language {language}"


def _template_override(site: Path, rng: random.Random) -> str:
    base = (
        Path(__file__).resolve().parent.parent / "themes" / "default" / "templates" / "robots.txt"
    )
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates" / "robots.txt").write_text(base.read_text() + f"# {rng.randint(0, 99)}\n")
    return "template override"


def _static_file(site: Path, rng: random.Random) -> str:
    (site / "static").mkdir(exist_ok=True)
    (site / "static" / "extra.css").write_text(f"body {{ margin: {rng.randint(0, 9)}px }}\n")
    return "static file"


def _own_page(site: Path, rng: random.Random) -> str:
    """A page of the site's own is added, edited (its text, title or place in the header)
    or removed: the header of every page links to those that say `nav:`."""
    folder = site / "content" / "pages"
    folder.mkdir(exist_ok=True)
    path = folder / f"{rng.choice(['teaching', 'contact', 'group'])}.md"
    if path.exists() and rng.random() < 0.25:
        path.unlink()
        return f"removed page {path.name}"
    nav = rng.choice(["", "nav: true\n", f"nav: {rng.randint(0, 3)}\n", "nav: false\n"])
    draft = "draft: true\n" if rng.random() < 0.2 else ""
    title = rng.choice(["Teaching", "Contact", "Group", "Join us"])
    path.write_text(f"---\ntitle: {title}\n{nav}{draft}---\nText {rng.randint(0, 9)}.\n")
    return f"page {path.name}: {title}, {nav.strip() or 'no nav'}{', draft' if draft else ''}"


EDITS = (
    _edit_abstract,
    _edit_citations,
    _edit_author,
    _edit_date,
    _edit_title,
    _edit_name,
    _paper_sort,
    _add_paper,
    _remove_paper,
    _draft,
    _site_title,
    _paper_language,
    _site_language,
    _template_override,
    _static_file,
    _own_page,
    _own_page,
    _own_page,
)


@pytest.mark.slow
@pytest.mark.parametrize("kept", [False, True], ids=["command-line", "serve"])
def test_random_edits_give_the_cold_build_byte_for_byte(tmp_path: Path, kept: bool) -> None:
    """Each rebuild equals a cold build, from the command line and in a process that keeps
    what it built (``serve``'s Reuse: records, profiles, pages and fingerprints)."""
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=40, authors=5, seed=11)
    memory = Reuse() if kept else None
    build(site, out, memory=memory)
    rng = random.Random(5)
    steps = [*EDITS, *rng.choices(EDITS, k=10)]
    for step, edit in enumerate(steps):
        what = edit(site, rng)
        build(site, out, memory=memory)
        assert _tree(out) == cold_of_these_inputs(site, tmp_path / f"cold-{step}"), f"after {what}"
    again = build(site, out, memory=memory)
    assert again.pages_written == 0
    if memory is not None:  # what was kept is what the last build used, nothing more
        assert len(memory.fingerprints) == len({id(p) for p, _ in memory.fingerprints.values()})
        assert len([key for key in memory.profiles if key[0] != "owners"]) == 5


def test_a_no_change_rebuild_writes_nothing_and_a_one_paper_edit_writes_few(tmp_path: Path) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=30, authors=4, seed=2)
    first = build(site, out)
    assert first.pages_written > 60
    assert build(site, out).pages_written == 0
    _edit_citations(site, random.Random(1))
    edited = build(site, out)
    assert 0 < edited.pages_written < 10
    assert edited.pages_unchanged > 50


def _spy_on_the_check(monkeypatch: pytest.MonkeyPatch, beside: bool) -> list[str]:
    """The output check in a child even for a small site (``beside``); the names of the
    children started are listed."""
    from generator import state, workers

    started: list[str] = []
    if beside:
        monkeypatch.setattr(state, "DRIFT_BESIDE_MIN", 0)
        monkeypatch.setattr(workers, "worker_count", lambda items: 2)
        real = workers.ChildJob.__init__

        def spy(job: workers.ChildJob, func: Any, *args: Any) -> None:
            started.append(func.__name__)
            real(job, func, *args)

        monkeypatch.setattr(workers.ChildJob, "__init__", spy)
    return started


def _built_then_edited_by_hand(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A small site built into its folder (site, output folder, what the build wrote),
    then a paper's page edited there by hand."""
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=10, authors=2, seed=3)
    build(site, out)
    expected = _tree(out)
    page = next(p for p in sorted(out.rglob("index.html")) if "papers" in p.parts)
    page.write_text("edited by hand")
    return site, out, expected


@pytest.mark.parametrize("beside", [False, True], ids=["here", "in-a-child"])
def test_output_changed_by_hand_is_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: bool
) -> None:
    """Checked in this process, or (large sites) in a child while the inputs are scanned."""
    started = _spy_on_the_check(monkeypatch, beside)
    site, out, expected = _built_then_edited_by_hand(tmp_path)
    (out / "papers" / "stray.html").write_text("not built")
    build(site, out)
    assert _tree(out) == expected
    assert started == (["_check_beside"] if beside else [])
    assert build(site, out).pages_written == 0  # and then nothing changed, nothing is written


@pytest.mark.parametrize("child", ["shares the folders", "claims them all, then fails", "fails"])
def test_output_folders_shared_with_the_child_are_each_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, child: str
) -> None:
    """The child that stats the output files then takes folders from the last one down
    while this process takes them from the first one up: an entry added by hand in any
    folder is removed, whoever took its folder, and whatever the child did not do (it
    failed, before or after taking folders) is done here."""
    from generator import state

    started = _spy_on_the_check(monkeypatch, True)
    monkeypatch.setattr(state, "SHARED_CHUNK", 1)  # both take folders, one at a time
    if child != "shares the folders":

        def failing(*args: Any) -> Any:
            raise OSError("the child failed")

        monkeypatch.setattr(state, "_check_beside", failing)
    if child == "claims them all, then fails":  # this process is told none is left for it
        told = state._told
        monkeypatch.setattr(state, "_told", lambda shared, at: 0 if at == 8 else told(shared, at))
    site, out, expected = _built_then_edited_by_hand(tmp_path)
    folders = sorted({p.parent for p in out.rglob("*") if p.is_file()})
    for n, folder in enumerate(folders):
        (folder / f"added-{n}.html").write_text("not built")
    build(site, out)
    assert _tree(out) == expected
    assert len(started) == 1  # the child was started


@pytest.mark.parametrize("beside", [False, True], ids=["here", "in-a-child"])
@pytest.mark.parametrize("loss", ["deleted", "another state's", "damaged", "folders damaged"])
def test_output_stats_lost_from_the_cache_rebuild_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: bool, loss: str
) -> None:
    """The output files' sizes and times are kept apart from the state (only the child
    that checks them reads them). Lost, or not the state's, the folder cannot be checked:
    a build writes it whole (a page edited by hand comes back), never "nothing to do".
    So does a build whose state holds the output folders' times damaged."""
    import marshal
    import sqlite3

    from generator import cache as cachelib
    from generator import state

    started = _spy_on_the_check(monkeypatch, beside)
    site, out, expected = _built_then_edited_by_hand(tmp_path)
    db = sqlite3.connect(site / cachelib.CACHE_DIRNAME / "cache.sqlite")
    with db:
        if loss == "deleted":
            db.execute("DELETE FROM state_stats")
        elif loss == "folders damaged":
            (kept,) = db.execute("SELECT data FROM state").fetchone()
            damaged = {**marshal.loads(kept), "folders": b"\xff damaged"}
            db.execute("UPDATE state SET data = ?", (marshal.dumps(damaged),))
        else:
            # another state's (a token of no build of this folder)
            other = state.pack_stats({"index.html": [1, 2]}, "another state's token")
            data = other if loss == "another state's" else b"\xff damaged"
            db.execute("UPDATE state_stats SET data = ?", (data,))
    db.close()
    result = build(site, out)
    assert result.pages_written > 0
    assert _tree(out) == expected
    assert started == (["_check_beside"] if beside and loss != "folders damaged" else [])
    assert build(site, out).pages_written == 0  # kept again, and checked again


@pytest.mark.parametrize("kept", ["as saved", "as read back"])
def test_a_serve_folder_left_unfinished_is_kept_for_the_next_start(
    tmp_path: Path, kept: str
) -> None:
    """`serve` stopped after a build that failed half-written: the state it keeps (as its
    last build saved it, or as the failed build read it back) is saved with the files
    that build wrote, for the next start to write again: a state that start can use."""
    from generator import cache as cachelib
    from generator import state

    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=10, authors=2, seed=3)
    memory = Reuse()
    build(site, out, memory=memory, private_out=True)
    assert memory.state is not None
    cache = cachelib.BuildCache(site)
    try:
        last = memory.state
        if kept == "as read back":
            read = state.previous_state(cache, out.absolute(), memory)
            assert read is not None
            last = (str(out.absolute()), read)
        state.keep_unfinished(cache, last, ["index.html"])
        assert state.unfinished(cache, out.absolute()) == {"index.html"}
        again = state.previous_state(cache, out.absolute())
        assert again is not None
        assert again["signature"].endswith(":unfinished")  # never a build with nothing to do
    finally:
        cache.close()


def test_a_failed_rebuild_leaves_output_as_it_was(tmp_path: Path) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=10, authors=2, seed=4)
    build(site, out)
    before = _tree(out)
    _edit_citations(site, random.Random(2))
    broken = _papers(site)[0]
    broken.write_text(broken.read_text().replace("citations:", "citaions:", 1))
    with pytest.raises(ContentError) as caught:
        build(site, out)
    assert "citaions" in str(caught.value)
    assert _tree(out) == before


def test_a_damaged_cache_is_a_cold_build(tmp_path: Path) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=10, authors=2, seed=5)
    build(site, out)
    expected = _tree(out)
    for path in (site / ".authorsite-cache").iterdir():
        if path.is_file() and path.name.startswith("cache.sqlite"):
            path.write_bytes(b"not a database" * 10)
    _edit_abstract(site, random.Random(3))
    build(site, out)
    assert _tree(out) == _cold(site, tmp_path / "cold")
    assert _tree(out) != expected


@pytest.mark.compiles_templates
def test_damaged_compiled_templates_are_compiled_again(tmp_path: Path) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=10, authors=2, seed=6)
    build(site, out)
    compiled = list((site / ".authorsite-cache").glob("templates-*/*"))
    assert compiled  # the theme's templates were kept for the next build
    for number, path in enumerate(compiled):
        # cut short, emptied, or foreign bytes
        path.write_bytes([path.read_bytes()[:20], b"", b"\x00garbage" * 8][number % 3])
    _edit_abstract(site, random.Random(4))
    build(site, out)
    assert _tree(out) == _cold(site, tmp_path / "cold")


@pytest.mark.slow
def test_work_spread_over_processes_gives_the_same_site_and_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.workers as workers_module

    site = tmp_path / "site"
    generate(site, papers=60, authors=5, seed=21)
    used: list[int] = []

    def workers(count: int) -> int:
        used.append(count)
        return 2 if count >= 1 else 1

    monkeypatch.setattr(workers_module, "worker_count", workers)
    build(site, tmp_path / "parallel")
    assert used  # parsing, Markdown and rendering all asked for workers
    monkeypatch.setattr(workers_module, "worker_count", lambda count: 1)
    assert _tree(tmp_path / "parallel") == _cold(site, tmp_path / "sequential")

    monkeypatch.setattr(workers_module, "worker_count", workers)
    first, second = _papers(site)[:2]
    first.write_text(first.read_text().replace("citations:", "citaions:", 1))
    second.write_text(second.read_text().replace("date: ", "date: 2024-13-45\nx: ", 1))
    with pytest.raises(ContentError) as caught:
        build(site, tmp_path / "broken", use_cache=False)
    text = str(caught.value)
    assert f"content/papers/{first.name}:" in text and "citaions" in text
    assert f"content/papers/{second.name}:" in text


def test_a_build_told_what_changed_sees_what_a_full_scan_sees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve passes its watcher's paths: edited and deleted files are statted again, and
    anything else (a new file, a folder, a path outside the site) scans everything."""
    from generator import cache as cachelib
    from generator import state

    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=12, authors=2, seed=3)
    memory = Reuse()
    build(site, out, memory=memory, private_out=True)
    scans: list[int] = []
    real_scan = cachelib.scan
    monkeypatch.setattr(cachelib, "scan", lambda *args: scans.append(1) or real_scan(*args))
    listings: list[int] = []
    from generator import load as loadlib

    real_discover = loadlib.discover
    monkeypatch.setattr(
        loadlib, "discover", lambda *args: listings.append(1) or real_discover(*args)
    )
    papers = _papers(site)
    _replace(papers[0], r"^citations: \d+", "citations: 4242")
    build(site, out, memory=memory, private_out=True, changed=[str(papers[0])])
    assert scans == [] and listings == []  # an edit: the last scan and listing, updated
    assert _tree(out) == _cold(site, tmp_path / "cold-0")
    scans.clear()  # (the cold build scanned and listed)
    listings.clear()
    papers[1].unlink()
    build(site, out, memory=memory, private_out=True, changed=[str(papers[1])])
    assert scans == [] and listings == [1]  # a removal: the folder is listed again
    assert memory.stats == real_scan(state.input_roots(site))
    assert _tree(out) == _cold(site, tmp_path / "cold-1")
    new = site / "content" / "papers" / "brand-new.md"
    new.write_text(_another_paper(papers[2].read_text()))
    scans.clear()  # (the cold build scanned)
    for changed in ([str(new)], [str(site / "content")], [str(tmp_path / "elsewhere.md")]):
        build(site, out, memory=memory, private_out=True, changed=changed)
        assert memory.stats == real_scan(state.input_roots(site))
    assert len(scans) == 3
    assert _tree(out) == _cold(site, tmp_path / "cold-2")


def test_records_replaced_by_edits_leave_the_cache(tmp_path: Path) -> None:
    """The cache holds one record per file: an edited or removed record's old copy goes."""
    from generator.cache import BuildCache

    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=12, authors=2, seed=6)
    build(site, out)
    rng = random.Random(2)
    for _ in range(3):
        _edit_citations(site, rng)
        build(site, out)
    _remove_paper(site, rng)
    build(site, out)
    files = len(_papers(site)) + len(_authors(site))
    cache = BuildCache(site)
    try:
        assert len(cache.file_keys()) == files
        assert set(cache.records()) == {key for _, _, key in cache.file_keys().values()}
    finally:
        cache.close()


def _installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *entries: str) -> Path:
    """A site-packages folder on sys.path holding ``entries`` (``x/``: a folder, else a file)."""
    import importlib

    libs = tmp_path / "site-packages"
    for entry in entries:
        path = libs / entry.rstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        if entry.endswith("/"):
            path.mkdir()
        else:
            path.write_text("")
    monkeypatch.syspath_prepend(str(libs))
    importlib.invalidate_caches()
    return libs


def test_library_versions_come_from_the_installed_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read without importing: a dist-info (or Debian egg-info) name, else the file itself."""
    from generator import cache as cachelib

    libs = _installed(
        tmp_path,
        monkeypatch,
        "fake_sanitiser/__init__.py",
        "Fake.Sanitiser-1.0.dist-info/",
        "debianlib.py",
        "DebianLib-2.5-py3.11.egg-info/",
        "loose.py",
    )
    wanted = {
        "fake_sanitiser": "fake-sanitiser",
        "debianlib": "debianlib",
        "loose": "loose",
        "not_installed_anywhere": "nothing",
    }
    first = cachelib.library_versions(wanted)
    assert first[:2] == ["debianlib:2.5-py3.11", "fake_sanitiser:1.0"]
    assert first[3] == "not_installed_anywhere:missing"
    (libs / "Fake.Sanitiser-1.0.dist-info").rename(libs / "fake_sanitiser-1.1.dist-info")
    (libs / "loose.py").write_text("VERSION = 22\n")  # no metadata: its size and time
    second = cachelib.library_versions(wanted)
    assert second[1] == "fake_sanitiser:1.1"
    assert second[2] != first[2]


def test_an_upgraded_library_never_leaves_pages_made_by_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Say the sanitiser is upgraded to fix a bypass: every page shows its new output."""
    import nh3

    from generator import cache as cachelib
    from generator.markup import memo

    libs = _installed(
        tmp_path, monkeypatch, "nh3_stand_in/__init__.py", "nh3_stand_in-0.3.dist-info/"
    )
    monkeypatch.setattr(
        cachelib, "LIBRARIES", {**cachelib.LIBRARIES, "nh3_stand_in": "nh3_stand_in"}
    )
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=10, authors=2, seed=8)
    real = nh3.clean
    monkeypatch.setattr(nh3, "clean", lambda html, **kw: real(html, **kw) + "<!--old-->")
    memo.seen.clear()  # texts an earlier test converted in this process: converted anew
    build(site, out)
    assert [p for p in out.rglob("*.html") if "<!--old-->" in p.read_text()]
    monkeypatch.setattr(nh3, "clean", real)
    (libs / "nh3_stand_in-0.3.dist-info").rename(libs / "nh3_stand_in-0.4.dist-info")
    memo.seen.clear()  # a new process: only the cache remembers the old renderings
    cachelib.code_fingerprint.cache_clear()  # which takes the code's fingerprint anew
    build(site, out)
    assert not [p for p in out.rglob("*.html") if "<!--old-->" in p.read_text()]
    assert _tree(out) == _cold(site, tmp_path / "cold")


def test_an_edited_renderer_never_leaves_renderings_made_by_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved Markdown is keyed by the text alone; the code's fingerprint (each of the
    package's files by size and time) empties it when markup.py changes: a new way of
    reading math (``\\(…\\)`` kept as math) is shown on every page at once."""
    from types import SimpleNamespace

    from generator import cache as cachelib
    from generator import markup

    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=10, authors=2, seed=8)
    real = markup._markdown
    monkeypatch.setattr(markup, "_markdown", lambda text: real(text) + "<!--old-->")
    markup.memo.seen.clear()  # texts an earlier test converted in this process: converted anew
    build(site, out)
    monkeypatch.setattr(markup, "_markdown", real)
    markup.memo.seen.clear()  # a new process, the same code: the cache's renderings are used
    build(site, tmp_path / "again")
    assert [p for p in (tmp_path / "again").rglob("*.html") if "<!--old-->" in p.read_text()]
    walk = cachelib._walk_files

    def edited(root: Path, *within: Any) -> Any:  # markup.py saved again: its time is another
        for path, st in walk(root, *within):
            if path.endswith("markup.py"):
                st = SimpleNamespace(st_size=st.st_size, st_mtime_ns=st.st_mtime_ns + 1)
            yield path, st

    monkeypatch.setattr(cachelib, "_walk_files", edited)
    markup.memo.seen.clear()
    cachelib.code_fingerprint.cache_clear()  # a new process takes the code's fingerprint
    try:
        build(site, out)
        assert not [p for p in out.rglob("*.html") if "<!--old-->" in p.read_text()]
        assert _tree(out) == _cold(site, tmp_path / "cold")
    finally:
        monkeypatch.undo()
        cachelib.code_fingerprint.cache_clear()


def test_a_cache_taken_over_by_another_version_is_not_written_by_the_old_one(
    tmp_path: Path,
) -> None:
    """`serve` left running across an upgrade, and the new version's build beside it.

    The new version empties the cache and keys it by its own code. What the old process
    parsed or rendered afterwards must not land there: the new one would read it as its
    own (a record parsed by the old code, shown by the new).
    """
    import sqlite3

    from generator import cache as cachelib

    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=6, authors=2, seed=3)
    build(site, out)
    old = cachelib.BuildCache(site)  # the old process, its cache open
    path = old.path
    assert path is not None
    db = sqlite3.connect(path)
    with db:  # the new version opens it: empties it and keys it by its code
        for table in cachelib.TABLES:
            db.execute(f"DELETE FROM {table}")
        db.execute("INSERT INTO meta VALUES ('code', 'the new version')")
    old.save_records({"content/papers/x.md": (1, 2, "k")}, {"k": b"old code's record"}, {})
    old.save_markup({("md", "text"): "<p>old code's html</p>"})
    old.save_state(out, {"signature": "old"}, b"")
    cachelib.write_novelty_state(path, b"old code's state")  # its novelty child
    old.close()
    counts = {
        table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in cachelib.TABLES
        if table != "meta"
    }
    assert db.execute("SELECT v FROM meta").fetchall() == [("the new version",)]
    db.close()
    assert counts == dict.fromkeys(counts, 0)


def test_a_process_keeps_the_name_of_the_code_it_started_with(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Upgraded on disk while `serve` runs, its code in memory is still the old one."""
    from generator import cache as cachelib

    started = cachelib.code_fingerprint()
    monkeypatch.setattr(cachelib, "__version__", "99.0")  # the files now say another version
    assert cachelib.code_fingerprint() == started
    cachelib.code_fingerprint.cache_clear()  # a new process reads them
    try:
        assert cachelib.code_fingerprint() != started
    finally:
        monkeypatch.undo()
        cachelib.code_fingerprint.cache_clear()


def test_a_lost_table_of_output_files_renders_every_page_again(tmp_path: Path) -> None:
    """The table is kept apart from the state (a no-change rebuild never reads it)."""
    import sqlite3

    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=10, authors=2, seed=9)
    first = build(site, out)
    db = sqlite3.connect(site / ".authorsite-cache" / "cache.sqlite")
    with db:
        db.execute("UPDATE state_files SET data = ?", (b"\xff not marshal",))
    db.close()
    _edit_citations(site, random.Random(5))
    edited = build(site, out)
    # every page rendered again, and compared: few have new bytes
    assert edited.pages_written + edited.pages_unchanged == first.pages_written
    assert 0 < edited.pages_written < 10
    assert _tree(out) == _cold(site, tmp_path / "cold")
    _edit_citations(site, random.Random(6))
    assert build(site, out).pages_written < 10  # the table was saved anew


def test_after_a_first_build_an_edit_renders_only_its_pages(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A first build takes each page's fingerprint while rendering: the next one uses them."""
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=30, authors=4, seed=10)
    first = build(site, out)
    rendered: list[int] = request.getfixturevalue("rendered_counts")  # from now on
    _edit_citations(site, random.Random(7))
    build(site, out)
    assert rendered and 0 < sum(rendered) < 10 < first.pages_written
    assert _tree(out) == _cold(site, tmp_path / "cold")


class _Clock(dt.datetime):
    """A clock set by the test: ``now`` is ``at``, as UTC or any other zone."""

    at = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.timezone.utc)

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> Any:
        return cls.at.astimezone(tz) if tz is not None else cls.at.replace(tzinfo=None)


def test_a_rebuild_on_a_new_build_day_in_utc_shows_the_new_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build date is taken in UTC: an hour into the new year there (wherever the
    machine's clock stands), a rebuild dates last year's papers with their year."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "site.yaml").write_text("title: T\nmain_author: ada\n", "utf-8")
    (site / "content" / "authors").mkdir(parents=True)
    (site / "content" / "authors" / "ada.yaml").write_text("name: Ada Lovelace\n", "utf-8")
    (site / "content" / "papers").mkdir()
    (site / "content" / "papers" / "p.md").write_text(
        "---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: 2026-03\n---\n", "utf-8"
    )
    clock = type("dt", (), {"datetime": _Clock, "date": dt.date, "timezone": dt.timezone})
    monkeypatch.setattr("generator.config.dt", clock)
    monkeypatch.setattr("generator.state.dt", clock)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    for path in site.rglob("*"):  # not just written: the build trusts their times
        os.utime(path, (1e9, 1e9))
    build(site)
    page = site / "output" / "papers" / "p" / "index.html"
    assert ">Mar<" in page.read_text("utf-8")
    monkeypatch.setattr(_Clock, "at", dt.datetime(2027, 1, 1, 0, 30, tzinfo=dt.timezone.utc))
    build(site)
    assert "Mar 2026" in page.read_text("utf-8")


def _model_loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the builds that read the whole model (a build with nothing to do never does)."""
    from generator import build as buildlib

    loads: list[int] = []
    real = buildlib._load_model

    def spy(*args: Any, **kwargs: Any) -> Any:
        loads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(buildlib, "_load_model", spy)
    return loads


def test_a_rebuild_right_after_an_edit_has_nothing_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edited file is still within the clock tick that its time cannot tell apart, but
    its bytes are the ones the last build read: nothing to render, no model to read."""
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=12, authors=2, seed=4)
    build(site, out)
    loads = _model_loads(monkeypatch)
    _edit_abstract(site, random.Random(3))  # its time: now
    assert build(site, out).pages_written > 0
    assert build(site, out).pages_written == 0
    assert len(loads) == 1  # the edit's build only


def test_a_change_within_the_same_tick_is_still_built(tmp_path: Path) -> None:
    """A file changed again right after a build, its size and time kept (a save within
    one tick of a coarse clock): its bytes tell, and the page shows the change."""
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=12, authors=2, seed=4)
    path = _papers(site)[3]
    path.write_text(path.read_text() + "\nThe first sentence.\n")
    build(site, out)
    before = os.stat(path)
    path.write_text(path.read_text().replace("The first sentence.", "The other sentence."))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    build(site, out)
    assert "The other sentence." in "".join(
        p.read_text() for p in (out / "papers").rglob("index.html")
    )
    assert _tree(out) == _cold(site, tmp_path / "cold")


def test_a_link_to_nothing_or_in_a_loop_added_after_a_build_is_said_as_a_cold_build_says_it(
    tmp_path: Path,
) -> None:
    """A broken link has no size or time, but its name is an input all the same: added to
    content/papers/ after a build, the next build refuses it as a cold one does (it said
    `0 pages written` and exit 0); taken out of static/, its warning goes with it."""
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=4, authors=1, seed=7)
    (site / "static").mkdir()
    (site / "static" / "self").symlink_to("self")

    def old() -> None:  # not just written: the build trusts their times
        for path in site.rglob("*"):
            os.utime(path, (1e9, 1e9), follow_symlinks=False)

    old()
    assert "static/self: symbolic link skipped" in " ".join(build(site, out).warnings)
    (site / "static" / "self").unlink()
    old()
    assert build(site, out).warnings == ()
    papers = site / "content" / "papers"
    for name, target in (("gone.md", "missing.md"), ("loop.md", "loop.md")):
        (papers / name).symlink_to(target)
        old()
        with pytest.raises(ContentError) as caught:
            build(site, out)
        assert f"content/papers/{name}: is a symbolic link" in str(caught.value)
        (papers / name).unlink()
        old()
        build(site, out)


def _papers_parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the paper files parsed from now on (not taken from the cache)."""
    from generator import parse

    parsed: list[str] = []
    real = parse.parse_paper

    def spy(text: Any, problems: Any) -> Any:
        parsed.append(Path(text.path).name)
        return real(text, problems)

    spy.__name__ = real.__name__  # records are cached by the parser's name
    monkeypatch.setattr(parse, "parse_paper", spy)
    return parsed


def test_an_edit_s_record_and_assembly_are_kept_for_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record an edit's build read anew, and what it assembled from it, are in the
    cache once it ends (kept after the pages are written, see build._load_model): the
    next build parses only what changed since."""
    from generator import cache as cachelib
    from generator.assemble import Known

    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=12, authors=2, seed=6)
    build(site, out)
    edited, other = _papers(site)[3], _papers(site)[7]
    edited.write_text(edited.read_text() + "\nA new sentence on kernels.\n")
    build(site, out)
    rel = edited.relative_to(site).as_posix()
    key = cachelib.digest("parse_paper", rel, edited.read_text())
    cache = cachelib.BuildCache(site)
    try:
        assert Known.decode(cache.blob("assembly")).owners.get(key)  # its authors, kept
    finally:
        cache.close()
    parsed = _papers_parsed(monkeypatch)
    _replace(other, r"^citations: \d+", "citations: 4242")
    build(site, out)
    assert parsed == [other.name]
    assert _tree(out) == _cold(site, tmp_path / "cold")


@pytest.mark.parametrize("cores", [1, 2])
def test_files_touched_but_not_edited_are_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    """A checkout or a copy gives every file a new time and the same bytes: their cached
    records are taken, whether the files are read in this process or spread over
    processes, and the site is the cold build's."""
    import generator.workers as workers_module
    from generator import parse

    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=12, authors=2, seed=8)
    build(site, out)
    edited = _papers(site)[5]
    edited.write_text(edited.read_text() + "\nA new sentence on kernels.\n")
    for path in [*_papers(site), *_authors(site)]:
        os.utime(path, (1e9, 1e9))
    log = tmp_path / "parsed.txt"
    real = parse.parse_paper

    def spy(text: Any, problems: Any) -> Any:  # also in a forked worker: noted in a file
        with log.open("a") as noted:
            noted.write(Path(text.path).name + "\n")
        return real(text, problems)

    spy.__name__ = real.__name__  # records are cached by the parser's name
    monkeypatch.setattr(parse, "parse_paper", spy)
    monkeypatch.setattr(workers_module, "worker_count", lambda items: cores)
    build(site, out)
    assert log.read_text().split() == [edited.name]
    assert _tree(out) == _cold(site, tmp_path / "cold")


def test_an_edit_s_record_is_kept_when_its_pages_fail_to_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template mistake fails the build after the records were read: the edited record
    is kept all the same, and the build after the fix does not parse it again."""
    site, out = tmp_path / "site", tmp_path / "out"
    generate(site, papers=12, authors=2, seed=7)
    build(site, out)
    edited = _papers(site)[5]
    edited.write_text(edited.read_text() + "\nA new sentence on kernels.\n")
    (site / "templates").mkdir()
    (site / "templates" / "paper.html").write_text("{{ no_such_variable }}\n")
    with pytest.raises(ContentError):
        build(site, out)
    parsed = _papers_parsed(monkeypatch)
    (site / "templates" / "paper.html").unlink()
    build(site, out)
    assert parsed == []
    assert _tree(out) == _cold(site, tmp_path / "cold")
