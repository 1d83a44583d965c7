"""Values that look filled in but show nothing: blank titles and names, nameless links.

A title of spaces, of a no-break space or of a zero-width space (all pasted from web
pages) would make a paper page without a heading and a card whose link has no text,
which a screen reader announces as an empty link.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n"}  # fmt: skip


def paper(**fields: str) -> str:
    """A paper with fields replaced or added (values written as YAML)."""
    lines = {"title": "A Paper", "authors": "[Ada Lovelace]", "date": "2024-05-01", **fields}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in lines.items()) + "---\nAbstract.\n"


BLANKS = ['"   "', '"\\u00a0"', '"\\u200b"', '"\\u200b \\u2060\\ufeff"', '"\\t"']


@pytest.mark.parametrize("blank", BLANKS)
def test_a_blank_title_is_a_missing_title(blank: str, tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": paper(title=blank)})
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", "2")
    assert problem["message"].startswith("required field `title` is empty")


@pytest.mark.parametrize("blank", BLANKS)
def test_a_blank_author_name_is_a_missing_name(blank: str, tmp_path: Path) -> None:
    files = {
        **SITE,
        "content/authors/bob.yaml": f"field: CS\nname: {blank}\n",
        "content/papers/one.md": paper(),
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/authors/bob.yaml", "2")
    assert problem["message"].startswith("required field `name` is empty")


@pytest.mark.parametrize("key", ['""', '" "', "null", '"\\u200b"'])
def test_a_link_without_a_name_is_a_located_error(key: str, tmp_path: Path) -> None:
    links = f"\n  code: https://example.org/code\n  {key}: https://example.org/x"
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": paper(links=links)})
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", "7")
    assert problem["message"] == (
        "a link in `links` has no name, so its text would be empty; write it as `name: URL`"
    )


@pytest.mark.parametrize("email", ["mailto:ada@example.org", "MAILTO:ada@example.org"])
def test_an_email_written_with_mailto_links_once(email: str, tmp_path: Path) -> None:
    files = {
        **SITE,
        "content/authors/ada.yaml": f"name: Ada Lovelace\nemail: {email}\n",
        "content/papers/one.md": paper(),
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 0, built.stderr
    for page in ("index.html", "cv/index.html"):
        urls = [u for u in built.pages()[page].urls() if "ada@" in u]
        assert urls == ["mailto:ada@example.org"], (page, urls)
    assert "mailto:" not in built.pages()["cv/index.html"].all_text()
