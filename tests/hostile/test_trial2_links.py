"""A record's web address written without the `//` after its scheme is refused with the
address to write.

`https:github.com/ada/tool` (or `http:/ada.org`) is a typo a browser reads two ways: on
an https page as a page of the site (`…/papers/x/github.com/ada/tool`, a broken link), on
an http page or one opened from disk as the host `github.com`. The build published it as
written; only `check` found it, and said that a `..` it did not hold led out of the site.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from generator.cli import main
from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n"}
PAPER = (
    "---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: 2024-05-01\nlinks:\n  code: {}\n---\nx\n"
)
AUTHOR = "name: Ada Lovelace\nfield: CS\nlinks:\n  homepage: {}\n"

TYPOS = [
    ("https:github.com/ada/tool", "https://github.com/ada/tool"),
    ("http:/ada.org/p", "http://ada.org/p"),
    ("HTTPS:github.com/ada", "https://github.com/ada"),
    ("https:\\\\github.com/ada", "https://github.com/ada"),
]


@pytest.mark.parametrize("record", ["content/papers/one.md", "content/authors/ada.yaml"])
@pytest.mark.parametrize(("url", "meant"), TYPOS)
def test_a_link_without_its_slashes_is_refused_with_the_address(
    record: str, url: str, meant: str, tmp_path: Path
) -> None:
    in_paper = record.startswith("content/papers/")
    site = write_site(
        tmp_path,
        {
            **SITE,
            "content/authors/ada.yaml": AUTHOR.format(
                "https://example.org/" if in_paper else json.dumps(url)
            ),
            "content/papers/one.md": PAPER.format(
                json.dumps(url) if in_paper else "https://example.org/"
            ),
        },
    )
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == (record, "6" if in_paper else "4")
    assert f"write `{meant}`" in problem["message"], problem["message"]
    assert not built.out.exists()


def test_a_scheme_alone_is_refused_as_naming_no_host(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            **SITE,
            "content/authors/ada.yaml": AUTHOR.format("https://example.org/"),
            "content/papers/one.md": PAPER.format('"https:"'),
        },
    )
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert "names no host" in problem["message"], problem["message"]


@pytest.mark.parametrize(
    "url", ["https://github.com/ada/tool", "HTTP://ADA.ORG/p", "mailto:ada@example.org"]
)
def test_addresses_written_in_full_are_kept(url: str, tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            **SITE,
            "content/authors/ada.yaml": AUTHOR.format(json.dumps(url)),
            "content/papers/one.md": PAPER.format(json.dumps(url)),
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr


def run_check(site: Path, *args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["check", "--site", str(site), *args])
    return status, err.getvalue()


@pytest.mark.parametrize(
    ("url", "meant"),
    [
        ("https:github.com/ada/y", "https://github.com/ada/y"),
        ("http:/ada.org/q", "http://ada.org/q"),
    ],
)
def test_check_names_a_markdown_link_without_its_slashes_with_the_address(
    url: str, meant: str, tmp_path: Path
) -> None:
    """In Markdown such a link is published (a Markdown link is never refused); `check`
    names it at its line with the address to write, not as a `..` that it does not hold."""
    site = write_site(
        tmp_path,
        {
            **SITE,
            "content/authors/ada.yaml": AUTHOR.format("https://example.org/"),
            "content/papers/one.md": "---\ntitle: A Paper\nauthors: [Ada Lovelace]\n"
            f"date: 2024-05-01\n---\nThe code: [repo]({url}).\n",
        },
    )
    status, err = run_check(site, "--base-url", "https://user.github.io/repo/")
    assert status == 1
    [line] = [line for line in err.splitlines() if url in line]
    assert line.startswith("content/papers/one.md:6: broken link: "), line
    assert f"write {meant}" in line and "`..`" not in line, line


def test_an_imported_profile_link_without_its_slashes_says_the_address_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Such a link in an old site's profile is left out, as the build would refuse it, with
    the address to write; it was said to name no host (a template's placeholder)."""
    from tests.test_import_profile import fresh, imported

    old = tmp_path / "old" / "content" / "authors" / "admin" / "_index.md"
    old.parent.mkdir(parents=True)
    old.write_text(
        "---\ntitle: Lena Fischer\nsocial:\n  - icon: github\n    link: https:github.com/lena\n"
        "---\n",
        encoding="utf-8",
    )
    status, _, err = imported("hugo", tmp_path / "old", fresh(tmp_path, "Lena Fischer"), capsys)
    assert status == 0
    assert (
        "social 1 (github) 'https:github.com/lena' is not imported: it has no `//` after "
        "`https:` (write `https://github.com/lena`)"
    ) in err, err


def test_an_imported_bibtex_link_without_its_slashes_is_the_address_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As `url = {github.com/ann/tool}` gets its https://, `https:github.com/ann/tool` gets
    its `//`: it was left out as "not an http(s) address", which it is."""
    from tests.ingest_support import new_site

    site = new_site(tmp_path / "site", "Ada Lovelace")
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@misc{a1,\n  title = {A Tool},\n  author = {Lovelace, Ada},\n  year = 2024,\n"
        "  url = {https:github.com/ann/tool},\n}\n"
    )
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    notes = capsys.readouterr().out
    assert "not an http(s) address" not in notes, notes
    [record] = (site / "content/papers").glob("*.md")
    assert "https://github.com/ann/tool" in record.read_text(), record.read_text()
    assert run_build(site).status == 0
