"""A new user's records, then a hostile one's: what broke, and stays fixed."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.harness import run_build, write_site

SITE = "title: Ada\nmain_author: ada\nbuild_date: 2026-11-28\n"
AUTHOR = "name: Ada Lovelace\n"


def _paper(abstract: str, links: str = "") -> str:
    return f"---\ntitle: One\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n{links}---\n{abstract}\n"


def _anchors(page_html: str) -> list[dict[str, str]]:
    from tests.hostile.harness import parse_html

    return [dict(attrs) for tag, attrs in parse_html(page_html).elements if tag == "a"]


def test_a_link_whose_address_was_refused_keeps_no_rel(tmp_path: Path) -> None:
    """An `<a>` without href is valid HTML; with `rel` it is not (the W3C checker: "Element
    a is missing required attribute href"). A link in an abstract whose address the
    sanitiser drops, or one written without any, is left as text, and gets no rel."""
    abstract = (
        '<a href="JaVaScRiPt:alert(1)">refused</a> <a href="jav&#x61;script:x">entity</a> '
        '<a>no address</a> <a href="https://example.org/">kept</a>'
    )
    site = write_site(
        tmp_path,
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/one.md": _paper(abstract),
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    html = (built.out / "papers/one/index.html").read_text("utf-8")
    kept = [a for a in _anchors(html) if a.get("href") == "https://example.org/"]
    assert [a.get("rel") for a in kept] == ["nofollow noopener"]
    without = [a for a in _anchors(html) if "href" not in a]
    assert len(without) == 3
    assert all("rel" not in a for a in without)
