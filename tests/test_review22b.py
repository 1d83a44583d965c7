"""Review of the hostile22 and bib22 merges: what a hostile or unusual user still broke."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.hostile.harness import parse_html, run_build, write_site

SITE = "title: Ada\nmain_author: ada\nbuild_date: 2026-11-28\n"
AUTHOR = "name: Ada Lovelace\n"


def _paper(abstract: str) -> str:
    return f"---\ntitle: One\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n---\n{abstract}\n"


def test_a_link_written_with_blanks_around_its_address_leads_there(tmp_path: Path) -> None:
    """An imported abstract's `<a href=" https://example.org/a ">` (a blank pasted before
    the address, a line break in it) is the address a browser follows: it strips the
    blanks around it and drops a line break. Percent-encoded, the blanks made it a path of
    the site, `../../%20https://example.org/a%20`, which led to a 404."""
    abstract = (
        '<a href="  https://example.org/a  ">around</a> '
        '<a href="https://example.org/b\nc">broken</a> <a href=" static/d.csv">data</a>'
    )
    site = write_site(
        tmp_path,
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/one.md": _paper(abstract),
            "static/d.csv": "a,b\n",
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    html = (built.out / "papers/one/index.html").read_text("utf-8")
    anchors = [dict(attrs) for tag, attrs in parse_html(html).elements if tag == "a"]
    hrefs = [a.get("href") for a in anchors]
    assert not [h for h in hrefs if h and "%20" in h]
    assert {"https://example.org/a", "https://example.org/bc", "../../static/d.csv"} <= set(hrefs)
    assert [a.get("rel") for a in anchors if a.get("href") == "https://example.org/a"] == [
        "nofollow noopener"
    ]


def test_a_publications_label_that_shows_nothing_leaves_the_site_a_name(tmp_path: Path) -> None:
    """A site without a title is named by its `publications` label, and a label written
    empty (`publications: ""`, to show no such word) named it nothing: every page's top
    link was empty, as `title: ""` no longer makes it. The language's own word names it."""
    lines = 'language: de\nlabels:\n  publications: ""\n'
    site = write_site(
        tmp_path,
        {
            "site.yaml": SITE.replace("title: Ada\n", "") + lines,
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/one.md": _paper("x"),
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    html = (built.out / "index.html").read_text("utf-8")
    assert '<a class="brand" href="./">Publikationen</a>' in html


def test_a_record_link_under_a_base_path_with_a_letter_beyond_ascii_is_the_site_s_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A site under `/über/` (base_url written as %C3%BC): a photo at `/über/static/me.jpg`
    or a link `/%c3%bcber/…` is the site's own, as the browser reads it; the build said it
    led outside the site, and gave a fix (`über/static/me.jpg`) that would."""
    site = write_site(
        tmp_path,
        {
            "site.yaml": SITE + "base_url: /über/\n",
            "content/authors/ada.yaml": AUTHOR + "photo: /über/static/me.jpg\n"
            "links:\n  cv: /%c3%bcber/static/me.jpg\n  old: /static/me.jpg\n",
            "content/papers/one.md": _paper("x"),
            "static/me.jpg": b"\xff\xd8",
        },
    )
    assert main(["build", "--site", str(site)]) == 0
    noted = [line for line in capsys.readouterr().err.splitlines() if "starts with `/`" in line]
    assert len(noted) == 1 and noted[0].startswith("content/authors/ada.yaml:5: link `old`")


def test_check_names_a_record_link_the_page_writes_percent_encoded_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record's link to a missing file with a blank or a `|` in its name is written into
    the page percent-encoded (`static/my%20slides.pdf`), so that `check` no longer found it
    in the record's text and named the `links:` line above it, not its own."""
    paper = (
        "---\ntitle: One\nauthors: [Ada Lovelace]\ndate: 2024-05-01\nlinks:\n"
        "  slides: static/my slides.pdf\n"  # line 6
        "  code: 'static/a|b.zip'\n"  # line 7
        "---\nx\n"
    )
    site = write_site(
        tmp_path,
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": AUTHOR
            + "photo: static/my photo.png\nlinks:\n  cv: static/my cv.pdf\n",  # lines 2, 4
            "content/papers/one.md": paper,
        },
    )
    assert main(["check", "--site", str(site)]) == 1
    found = {
        line.split(": broken link: ")[1].split(" ")[0]: line.split(": broken link: ")[0]
        for line in capsys.readouterr().err.splitlines()
        if ": broken link: " in line
    }
    assert found == {
        "static/my%20slides.pdf": "content/papers/one.md:6",
        "static/a%7Cb.zip": "content/papers/one.md:7",
        "static/my%20photo.png": "content/authors/ada.yaml:2",
        "static/my%20cv.pdf": "content/authors/ada.yaml:4",
    }
