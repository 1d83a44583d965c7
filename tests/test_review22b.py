"""Review of the hostile22 and bib22 merges: what a hostile or unusual user still broke."""

from __future__ import annotations

from pathlib import Path

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
