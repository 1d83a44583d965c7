"""``authorsite serve`` in a real browser: edit a record, see the page change; break it, see why."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.synth import generate
from generator.serve import LiveServer, Session
from tests.browser import chromium, need_chromium
from tests.test_serve import Server, _paper, server

__all__ = ["server"]  # the fixture, imported for use here

WAIT_MS = 30_000  # generous for slow machines; no test asserts a time


@contextlib.contextmanager
def _served(site: Path) -> Iterator[tuple[Session, LiveServer, Any]]:
    """A serve session of ``site`` (a site of 12 papers, made here), built once, its
    server running, and the shared Chromium (the test's pages closed, the server stopped
    and the session removed afterwards)."""
    need_chromium()
    generate(site, papers=12, authors=3, seed=5)
    session = Session(site, out=lambda line: None)
    server: LiveServer | None = None
    try:
        assert session.rebuild()
        server = LiveServer("127.0.0.1", 0, session.out_dir, session.state)
        server.start()
        with chromium() as browser:
            yield session, server, browser
    finally:
        if server is not None:
            server.stop()
        session.close()


def _watching(state: Any, shown: set[str]) -> None:
    """Wait until the open tabs have told serve that they show ``shown``."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while state.viewing() != shown and time.monotonic() < deadline:
        time.sleep(0.05)
    assert state.viewing() == shown


def _open(browser: Any, url: str, paths: dict[str, str]) -> dict[str, Any]:
    """A tab on each of ``paths`` (name -> path under ``url``), by name."""
    tabs = {}
    for name, path in paths.items():
        tabs[name] = browser.new_page()
        tabs[name].goto(f"{url}{path}")
    return tabs


@pytest.mark.browser
def test_edit_break_and_fix_a_record_in_an_open_page(server: Server) -> None:
    paper = _paper(server.site)
    original = paper.read_text()
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{server.url}papers/{paper.stem}/")
        page.wait_for_function("() => document.body.innerText.length > 100", timeout=WAIT_MS)
        assert "Seen in the browser" not in page.inner_text("body")

        paper.write_text(original + "\nSeen in the browser after an edit.\n")
        page.wait_for_function(
            "() => document.body.innerText.includes('Seen in the browser after an edit.')",
            timeout=WAIT_MS,
        )

        paper.write_text(original.replace("citations:", "citaions:", 1))
        overlay = page.wait_for_selector("#authorsite-error", state="visible", timeout=WAIT_MS)
        assert overlay is not None
        assert "citaions" in overlay.inner_text()
        assert f"content/papers/{paper.name}:" in overlay.inner_text()
        # opaque: the page's header does not show through the message
        covered = "e => getComputedStyle(e).backgroundColor.startsWith('rgb(')"
        assert overlay.evaluate(covered)

        paper.write_text(original)
        page.wait_for_selector("#authorsite-error", state="detached", timeout=WAIT_MS)
        page.wait_for_function(
            "() => !document.body.innerText.includes('Seen in the browser after an edit.')",
            timeout=WAIT_MS,
        )


@pytest.mark.browser
def test_a_tab_says_which_page_it_shows_which_reloads_first_and_once(tmp_path: Path) -> None:
    """The open page tells serve which page it shows (its path under a project's
    base_url too); a rebuild writes that page first and tells the tab, which reloads once
    and is then as new as the whole build."""
    site = tmp_path / "site"
    with _served(site) as (session, server, browser):
        assert "base_url: https://example.org/lab/" in (site / "site.yaml").read_text()
        state = session.state
        paper = _paper(site)
        told: list[list[str]] = []
        publish_early = state.publish_early

        def early(pages: list[str]) -> None:
            told.append(pages)
            publish_early(pages)

        state.publish_early = early  # type: ignore[method-assign]
        page = browser.new_page()
        page.add_init_script("sessionStorage.loads = Number(sessionStorage.loads || 0) + 1")
        page.goto(f"{server.url}lab/papers/{paper.stem}/")
        shown = f"papers/{paper.stem}/index.html"
        _watching(state, {shown})

        paper.write_text(paper.read_text() + "\nReloaded first, and once.\n")
        assert session.rebuild([str(paper)])
        page.wait_for_function(
            "() => document.body.innerText.includes('Reloaded first, and once.')",
            timeout=WAIT_MS,
        )
        assert told == [[shown]]
        served = page.evaluate(
            "() => Number(/var served = (\\d+);/.exec("
            "[...document.scripts].map(s => s.text).join(' '))[1])"
        )
        assert served == state.version  # nothing newer: it does not reload again
        assert page.evaluate("() => sessionStorage.loads") == "2"


@pytest.mark.browser
def test_the_overlay_over_a_page_written_ahead_of_a_failure_says_it_shows_the_change(
    tmp_path: Path,
) -> None:
    """The open paper's page is written first; then a broken template of the site fails
    the build. That tab shows the change under the overlay, which said "showing the last
    good build"; it now says that this page shows a change that has not built yet, the
    others the last good build, as a tab on another page still says; and still so once a
    typo in another record fails the next build before it writes anything."""
    site = tmp_path / "site"
    with _served(site) as (session, server, browser):
        paper = _paper(site)
        tabs = _open(
            browser, server.url, {"paper": f"lab/papers/{paper.stem}/", "list": "lab/authors/"}
        )
        _watching(session.state, {f"papers/{paper.stem}/index.html", "authors/index.html"})

        paper.write_text(paper.read_text() + "\nShown ahead of a failure.\n")
        broken = site / "templates" / "profile.html"
        broken.parent.mkdir()
        broken.write_text("{{ profile.author.no_such_field.name }}\n")
        assert not session.rebuild([str(paper), str(broken)])
        titles = {}
        for name, tab in tabs.items():
            overlay = tab.wait_for_selector("#authorsite-error", state="visible", timeout=WAIT_MS)
            assert overlay is not None and "profile.html" in overlay.inner_text()
            titles[name] = tab.inner_text("#authorsite-error h2")
        assert "Shown ahead of a failure." in tabs["paper"].inner_text("main")
        expected = {
            "paper": "The last change did not build; this page shows a change that has not "
            "built yet, the other pages the last good build.",
            "list": "The last change did not build; showing the last good build.",
        }
        assert titles == expected
        # A typo in another record: that build fails before writing anything. The paper's
        # page still shows its edit, not the typo, which it said it showed ("shows it").
        other = sorted((site / "content" / "papers").glob("*.md"))[1]
        other.write_text(other.read_text().replace("citations:", "citaions:", 1))
        assert not session.rebuild([str(other)])
        for name, tab in tabs.items():
            tab.locator("#authorsite-error pre", has_text="citaions").wait_for(timeout=WAIT_MS)
            titles[name] = tab.inner_text("#authorsite-error h2")
        assert titles == expected


@pytest.mark.browser
def test_a_tab_that_hears_of_its_page_written_ahead_only_with_the_failure_reloads_to_it(
    tmp_path: Path,
) -> None:
    """On a small site the rest of the build fails within a millisecond of writing the
    open page: the tab's event stream then woke to the failure only. The tab showed the
    overlay over the page it had, without the change, under a title saying that the page
    shows it. It now reloads to the page written ahead, and the overlay is over that."""
    site = tmp_path / "site"
    with _served(site) as (session, server, browser):
        state = session.state
        paper = _paper(site)
        tab = browser.new_page()
        tab.goto(f"{server.url}lab/papers/{paper.stem}/")
        _watching(state, {f"papers/{paper.stem}/index.html"})

        def unheard(pages: list[str]) -> None:  # written ahead; the tab not woken before
            with state.cond:
                for page in pages:
                    state.ahead[page] = state._next()

        state.publish_early = unheard  # type: ignore[method-assign]
        paper.write_text(paper.read_text() + "\nShown ahead of a failure.\n")
        broken = site / "templates" / "profile.html"
        broken.parent.mkdir()
        broken.write_text("{{ profile.author.no_such_field.name }}\n")
        assert not session.rebuild([str(paper), str(broken)])
        tab.wait_for_function(
            "() => document.body.innerText.includes('Shown ahead of a failure.')",
            timeout=WAIT_MS,
        )
        overlay = tab.wait_for_selector("#authorsite-error", state="visible", timeout=WAIT_MS)
        assert overlay is not None and "profile.html" in overlay.inner_text()
        assert tab.inner_text("#authorsite-error h2").startswith(
            "The last change did not build; this page shows a change that has not built yet"
        )


@pytest.mark.browser
def test_a_template_being_fixed_reloads_no_tab_whose_page_it_leaves_as_shown(
    tmp_path: Path,
) -> None:
    """paper.html of the site gets a note and an undefined filter in a branch that another
    paper takes: the open paper's page is written ahead with the note, then the build
    fails. Every later save that still failed wrote that page again and reloaded its tab;
    the fix did once more, and a tab on the 404 page too. Now the overlay over each tab
    shows each save's error, and goes with the fix, without a reload."""
    from tests.test_serve import _other_category, _paper_template

    site = tmp_path / "site"
    with _served(site) as (session, server, browser):
        paper = _paper(site)
        tabs = _open(
            browser, server.url, {"paper": f"lab/papers/{paper.stem}/", "404": "lab/papers/nope/"}
        )
        _watching(session.state, {f"papers/{paper.stem}/index.html"})
        branch = f'{{% if paper.category == "{_other_category(site, paper)}" %}}'
        template = site / "templates" / "paper.html"
        template.parent.mkdir()

        def save(name: str) -> bool:
            """paper.html with the note and ``name`` for the filter in the branch."""
            note = f"<p>Cite as below.</p>{branch}{{{{ 1|{name} }}}}{{% endif %}}"
            template.write_text(_paper_template(site, note))
            return session.rebuild([str(template)])

        assert not save("category_name")
        tabs["paper"].wait_for_function(
            "() => document.body.innerText.includes('Cite as below.')", timeout=WAIT_MS
        )
        for tab in tabs.values():
            tab.locator("#authorsite-error pre", has_text="category_name").wait_for(timeout=WAIT_MS)
            tab.evaluate("() => { window.stayed = true; }")  # gone with a reload
        assert not save("category_label")
        for tab in tabs.values():
            tab.locator("#authorsite-error pre", has_text="category_label").wait_for(
                timeout=WAIT_MS
            )
        assert [tab.evaluate("() => window.stayed === true") for tab in tabs.values()] == [
            True,
            True,
        ]
        assert save("string")
        for tab in tabs.values():
            tab.wait_for_selector("#authorsite-error", state="detached", timeout=WAIT_MS)
        assert [tab.evaluate("() => window.stayed === true") for tab in tabs.values()] == [
            True,
            True,
        ]
        assert "Cite as below." in tabs["paper"].inner_text("main")


@pytest.mark.browser
def test_site_yaml_removed_while_serving_is_said_over_the_last_good_page(server: Server) -> None:
    """The page kept its site's name and address, and the overlay said why and what the
    defaults would be; site.yaml restored, the overlay went."""
    config = server.site / "site.yaml"
    original = config.read_text()
    with chromium() as browser:
        page = browser.new_page()
        page.goto(server.url)
        page.wait_for_function(
            "() => document.body.innerText.includes('Synthetic Lab')", timeout=WAIT_MS
        )
        config.unlink()
        overlay = page.wait_for_selector("#authorsite-error", state="visible", timeout=WAIT_MS)
        assert overlay is not None
        said = overlay.inner_text()
        assert "site.yaml: removed while serving" in said
        assert "title `Publications`, base_url `/`" in said
        assert "restore site.yaml" in said
        assert "Synthetic Lab" in page.evaluate("document.title")  # the last good build

        config.write_text(original)
        page.wait_for_selector("#authorsite-error", state="detached", timeout=WAIT_MS)
        assert "Synthetic Lab" in page.evaluate("document.title")
