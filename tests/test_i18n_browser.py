"""What site.js shows, in a real browser, on a German site: the words the page gives it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from generator.build import build
from tests.browser import serve
from tests.conftest import REPO
from tests.test_browser import open_page, status

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def german_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("german")
    shutil.copytree(REPO / "content", site / "content")
    yaml = (REPO / "site.yaml").read_text(encoding="utf-8")
    assert "\nlanguage: en\n" in yaml
    (site / "site.yaml").write_text(yaml.replace("\nlanguage: en\n", "\nlanguage: de\n"))
    build(site, site / "out")
    with serve(site / "out") as url:
        yield url


def test_the_scripts_words_are_german(browser: Any, german_url: str) -> None:
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page, errors = open_page(ctx, german_url)
    assert status(page) == "Alle 14 Publikationen werden angezeigt"
    page.get_by_label("Publikationen durchsuchen").fill("fedrd")
    page.keyboard.press("Enter")
    assert status(page) == "1 von 14 Publikationen werden angezeigt"
    page.goto(german_url)
    button = page.locator("#paper-fedali button.more")
    assert button.text_content() == "Mehr anzeigen"
    button.click()
    assert button.text_content() == "Weniger anzeigen"
    page.goto(german_url + "papers/fedrd/")
    page.get_by_role("button", name="BibTeX kopieren").click()
    page.get_by_text("BibTeX in die Zwischenablage kopiert.").wait_for()
    assert page.get_by_role("button", name="Kopiert").count() == 1
    assert errors == []
    ctx.close()
