"""The content real sites hold and the sample does not, built and checked end to end.

tests/fixtures/demanding-site holds right-to-left and CJK names and titles, emoji, TeX,
HTML-looking text, a 300-author paper with a very long title, Markdown tables, code,
lists and quotes in abstracts and a bio, a draft, dates without day or month, and an
author with declared metrics. ``make audit AUDIT_ARGS="--site tests/fixtures/demanding-site"``
runs the Nu checker and axe-core over it; these tests keep it building cleanly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import build
from generator.check import check_output
from tests.hostile.harness import parse_html

FIXTURE = Path(__file__).parent / "fixtures" / "demanding-site"


def copy_site(tmp_path: Path, main_author: bool = True) -> Path:
    site = Path(shutil.copytree(FIXTURE, tmp_path / "site"))
    if not main_author:
        config = site / "site.yaml"
        lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
        config.write_text("".join(x for x in lines if not x.startswith("main_author:")))
    return site


@pytest.mark.parametrize(
    ("drafts", "base_url", "main_author", "pages"),
    [
        (False, "/", True, 20),
        (True, "https://user.github.io/repo/", True, 21),
        (True, "/", False, 21),  # the root lists the authors; no cv/ at the root
    ],
)
def test_every_page_link_and_feed_checks_out(
    tmp_path: Path, drafts: bool, base_url: str, main_author: bool, pages: int
) -> None:
    out = tmp_path / "out"
    build(copy_site(tmp_path, main_author), out, drafts=drafts, base_url=base_url)
    assert check_output(out, base_url).startswith(f"{pages} pages")
    assert (out / "papers" / "draft-paper" / "index.html").exists() == drafts


def test_right_to_left_text_tables_and_markup_come_out_as_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(copy_site(tmp_path), out)
    arabic = (out / "papers" / "rtl-arabic" / "index.html").read_text(encoding="utf-8")
    assert '<h1 dir="rtl" lang="ar">' in arabic  # read in Arabic, drawn right to left
    assert (
        '<p class="authors full"><strong><a class="member" href="../../"><bdi>ليلى حداد</bdi></a></strong>, <bdi>'
        in arabic
    )
    tables = (out / "papers" / "markdown-abstract" / "index.html").read_text(encoding="utf-8")
    cells = [dict(a).get("class") for t, a in parse_html(tables).elements if t == "td"]
    assert cells == ["align-left", "align-right", "align-center"] * 2
    looking = parse_html((out / "papers" / "html-looking" / "index.html").read_text())
    assert "Why a <b> c is not bold" in looking.all_text()
    assert not {tag for tag, _ in looking.elements} & {"b", "img"}
