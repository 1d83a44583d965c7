"""Pages of the site's own (content/pages/<slug>.md): built, linked, checked, read strictly."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build
from generator.check import CheckFailed, check_output
from generator.cli import main
from generator.reuse import Reuse
from tests.conftest import MINIMAL_AUTHOR

REPO = Path(__file__).resolve().parent.parent
PAPER = """\
---
title: A Paper
authors: [Ada Lovelace]
date: 2024-05-01
---
An abstract.
"""
TEACHING = """\
---
title: Teaching
nav: 2
description: Courses taught at the lab.
---
### Courses

- *CS 101*, see [the group](group/) and [the authors](authors/).
"""
PAGES = {
    "content/pages/teaching.md": TEACHING,
    "content/pages/contact.md": "---\ntitle: Contact\nnav: true\n---\nWrite to us.\n",
    "content/pages/group.md": "---\ntitle: Group\nnav: 1\n---\nWe are three.\n",
    "content/pages/colophon.md": "---\ntitle: Colophon\n---\nMade with care.\n",
    "content/pages/join-us.md": "---\ntitle: Join us\nnav: 3\ndraft: true\n---\nSoon.\n",
}


@pytest.fixture
def site(make_site: Callable[[dict[str, str | bytes]], Path]) -> Path:
    return make_site(
        {
            "site.yaml": "title: Lab\nmain_author: ada\nbuild_date: 2026-11-28\n"
            "base_url: https://lab.example.org/\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/a-paper.md": PAPER,
            **PAGES,
        }
    )


def _check_notes(site: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What `authorsite check` says of the site."""
    capsys.readouterr()
    assert main(["check", "--site", str(site)]) == 0
    return capsys.readouterr().out


def _nav(html: str) -> list[str]:
    """The header's links after the site's own (CV, Authors; the brand has a class)."""
    header = html.split('<header class="topbar">')[1].split("</header>")[0]
    return re.findall(r'<a href="[^"]*"(?: aria-current="page")?>([^<]*)</a>', header)[2:]


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_pages_are_built_at_their_slug_and_linked_from_every_header_in_order(
    site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(site, out)
    teaching = (out / "teaching" / "index.html").read_text()
    assert "<title>Teaching · Lab</title>" in teaching
    assert '<meta name="description" content="Courses taught at the lab.">' in teaching
    assert "<h1>Teaching</h1>" in teaching
    assert '<h2 id="courses">Courses</h2>' in teaching and "<em>CS 101</em>" in teaching
    # A link in the text is relative to the site's root, as in abstracts
    assert '<a href="../group/"' in teaching
    # The numbered ones by number, then `nav: true`; no page without `nav:`, no draft
    for page in ("index.html", "papers/a-paper/index.html", "404.html", "colophon/index.html"):
        assert _nav((out / page).read_text()) == ["Group", "Teaching", "Contact"], page
    assert '<a href="../teaching/" aria-current="page">Teaching</a>' in teaching
    assert (out / "colophon" / "index.html").is_file()
    assert not (out / "join-us").exists()
    sitemap = (out / "sitemap.xml").read_text()
    for slug in ("teaching", "contact", "group", "colophon"):
        assert f"<loc>https://lab.example.org/{slug}/</loc>" in sitemap
    assert "join-us" not in sitemap
    assert check_output(out, "https://lab.example.org/", site_dir=site)


def test_a_draft_page_is_built_with_drafts_only_kept_from_search_engines(
    site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(site, out, drafts=True)
    draft = (out / "join-us" / "index.html").read_text()
    assert '<meta name="robots" content="noindex">' in draft
    assert _nav(draft) == ["Group", "Teaching", "Join us", "Contact"]
    assert "join-us" not in (out / "sitemap.xml").read_text()
    assert '<meta name="robots"' not in (out / "teaching" / "index.html").read_text()
    # Checked, the built folder says it holds a draft, not to be published by hand (it
    # said so of a draft paper only)
    summary = check_output(out, "https://lab.example.org/", site_dir=site)
    assert "note: built with --drafts: 1 draft page(s) (join-us/); publish only" in summary


def test_plain_check_of_drafts_says_what_the_published_site_leaves_out_and_of_output(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check --drafts` builds a folder of its own, never published: it said "publish only a
    build without --drafts", as of an output/ to publish, not that the drafts it passed are
    left out of the published site. Plain `check` after `build --drafts` checked the
    published site and said nothing of output/, which holds the drafts."""
    hour_ago = time.time() - 3600  # records saved moments ago are never trusted by time
    for path in site.rglob("*"):
        os.utime(path, (hour_ago, hour_ago))
    capsys.readouterr()
    assert main(["check", "--site", str(site), "--drafts"]) == 0
    said = capsys.readouterr().out
    assert (
        "note: checked with --drafts: 1 draft page(s) (join-us/) checked as if published; the "
        "site built without --drafts leaves them out, and a link to one is broken there: check "
        "without --drafts before publishing"
    ) in said
    assert "publish only a build without --drafts" not in said
    assert main(["build", "--site", str(site), "--drafts"]) == 0
    capsys.readouterr()
    assert main(["check", "--site", str(site)]) == 0
    said = capsys.readouterr().out
    assert "up to date" not in said and "checked with --drafts" not in said  # the published
    assert (
        "note: output/ is a build with --drafts, which holds 1 draft page(s) (join-us/); "
        "publish only a build without --drafts"
    ) in said
    # output/ read as it is (what `check --drafts` finds up to date) is one to publish
    assert main(["check", "--site", str(site), "--drafts"]) == 0
    said = capsys.readouterr().out
    assert "up to date with the site" in said
    assert "note: built with --drafts: 1 draft page(s) (join-us/); publish only" in said
    assert main(["build", "--site", str(site)]) == 0
    assert main(["check", "--site", str(site)]) == 0
    assert "--drafts" not in capsys.readouterr().out
    # A site with no draft: its --drafts build is the published one
    (site / "content" / "pages" / "join-us.md").unlink()
    os.utime(site / "content" / "pages", (hour_ago, hour_ago))
    assert main(["build", "--site", str(site), "--drafts"]) == 0
    assert main(["check", "--site", str(site)]) == 0
    assert "note:" not in capsys.readouterr().out


def test_a_page_s_headings_are_its_outline_under_its_title_whatever_level_they_start_at(
    site: Path, tmp_path: Path
) -> None:
    # `#` and `##` are how people write a page's sections; they were refused. Under the
    # page's h1 the highest heading is an h2, and none skips a level (an error for the Nu
    # checker, and a gap for screen readers' outline).
    (site / "content" / "pages" / "group.md").write_text(
        "---\ntitle: Group\n---\n# Members\n\nText.\n\n#### Students\n\nA.\n\n"
        "Alumni\n------\n\n###### Older\n\n<h1>raw</h1>\n"
    )
    out = tmp_path / "out"
    build(site, out)
    html = (out / "group" / "index.html").read_text()
    text = html[html.index('<div class="page-text"') :]
    assert re.findall(r"<h(\d)[^>]*>([^<]*)</h\d>", text) == [
        ("2", "Members"),
        ("3", "Students"),
        ("3", "Alumni"),
        ("4", "Older"),
        ("2", "raw"),
    ]
    assert html.count("<h1") == 1


def test_a_readme_beside_the_pages_is_no_page_and_html_or_yaml_there_is_said(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GitHub shows a folder's README below its files, and people write one there; an HTML
    # or YAML file is a page meant, which the build would leave out without a word.
    for folder in ("pages", "papers"):
        (site / "content" / folder / "README.md").write_text(f"# {folder}\n\nOne a file.\n")
    out = tmp_path / "out"
    assert main(["build", "--site", str(site), "--out", str(out)]) == 0
    assert not (out / "readme").exists() and not (out / "papers" / "readme").exists()
    # one with front matter is a record, as any other file
    (site / "content" / "pages" / "README.md").write_text("---\ntitle: Read me\n---\nHi.\n")
    assert main(["build", "--site", str(site), "--out", str(out)]) == 1
    assert "content/pages/README.md:1: file name 'README' is not a valid slug" in (
        capsys.readouterr().err
    )
    (site / "content" / "pages" / "README.md").write_text("# pages\n")
    pages = site / "content" / "pages"
    (pages / "about.html").write_text("<h1>About</h1><script>x()</script>")
    (pages / "links.yml").write_text("title: Links\n")
    assert main(["build", "--site", str(site), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert (
        "content/pages/about.html: is not read: pages are .md files; HTML is not published as "
        "it is (it could carry script): write the page's text as Markdown in about.md"
    ) in err
    assert (
        "content/pages/links.yml: is not read: pages are .md files; write its fields between "
        "two `---` lines at the top of links.md, then its text"
    ) in err
    assert "README" not in err


def test_a_page_named_cname_is_refused_as_it_would_take_the_custom_domain_s_file(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A CNAME kept in output/ (GitHub Pages' custom domain) and a cname/ folder are one
    # name on a disk that ignores case: the build would fail there, or lose the domain.
    (site / "content" / "pages" / "cname.md").write_text("---\ntitle: Our domain\n---\nHi.\n")
    assert main(["build", "--site", str(site), "--out", str(tmp_path / "out")]) == 1
    assert (
        "content/pages/cname.md:1: page slug `cname` would be built to cname/, which holds on "
        "disks that ignore case (macOS, Windows) the CNAME file of your custom domain; rename "
        "the file (such as to `cname-page.md`) or add a `slug:`"
    ) in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_every_mistake_in_pages_is_said_at_its_line_and_nothing_is_written(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    build(site, out)
    before = _tree(out)
    pages = site / "content" / "pages"
    (pages / "authors.md").write_text("---\ntitle: Our authors\n---\nHello.\n")
    (pages / "people.md").write_text(
        "---\ntitle: People\nnav_order: 2\nnav: 'yes'\ndesciption: x\n---\n## Members\n"
    )
    (pages / "apply.md").write_text("---\nslug: papers\nlayout: page\n---\nText.\n")
    (pages / "again.md").write_text("---\ntitle: Again\nslug: group\n---\n")
    (pages / "news.markdown").write_text("---\ntitle: News\n---\n")
    assert main(["build", "--site", str(site), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    for expected in (
        "content/pages/authors.md:1: page slug `authors` would be built to authors/, which "
        "holds the site's author list and profiles; rename the file (such as to "
        "`authors-page.md`) or add a `slug:`",
        "content/pages/people.md:3: unknown field `nav_order`; write the page's place in the "
        "header as the number of `nav:` (`nav: 2`)",
        "content/pages/people.md:4: `nav` must be true, false or a number",
        "; write `nav: true`",
        "content/pages/people.md:5: unknown field `desciption`; did you mean `description`?",
        "content/pages/apply.md:1: missing required field `title`",
        "content/pages/apply.md:2: page slug `papers` would be built to papers/, which holds "
        "the papers' pages; write another `slug:`, such as `slug: papers-page`",
        "content/pages/apply.md:3: unknown field `layout`",
        "content/pages/group.md:1: page slug `group` is already used by content/pages/again.md",
        "content/pages/news.markdown: is not read: pages are .md files; rename it to news.md",
    ):
        assert expected in err
    assert "Traceback" not in err
    assert _tree(out) == before


def test_a_page_too_large_to_show_as_markdown_is_refused_not_shown_raw(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Group page with a 700-row table of members is more HTML than the sanitiser's
    budget (5,000 tags): the page was published as its raw Markdown, `| Name | … |` in
    plain paragraphs, with no word from build or check."""
    rows = "".join(f"| Student {i} | [site](https://example.org/{i}) |\n" for i in range(700))
    pages = site / "content" / "pages"
    (pages / "group.md").write_text(
        f"---\ntitle: Group\nnav: 1\n---\n### Members\n\n| Name | Site |\n|--|--|\n{rows}"
    )
    (pages / "contact.md").write_text("---\ntitle: Contact\n---\n" + "Words. " * 20_000)
    out = tmp_path / "out"
    assert main(["build", "--site", str(site), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert (
        "content/pages/group.md:5: the page's text is too large to show as Markdown: its "
        "HTML would hold 5,614 tags, more than 5,000 (a bound that keeps every build fast), "
        "and it would be shown unformatted, as plain paragraphs; split it into pages"
    ) in err
    assert (
        "content/pages/contact.md:4: the page's text is too large to show as Markdown: it is "
        "140,000 characters long, more than 100,000"
    ) in err
    assert "split it into pages" in err
    assert not out.exists()
    # Within the budgets a large page is built as Markdown
    (pages / "group.md").write_text(
        f"---\ntitle: Group\n---\n| Name | Site |\n|--|--|\n{rows[:20_000]}"
    )
    (pages / "contact.md").write_text("---\ntitle: Contact\n---\n" + "Words. " * 14_000)
    build(site, out)
    assert "<table>" in (out / "group" / "index.html").read_text()


def test_a_page_text_is_sanitised_as_an_abstract_is(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    text = (
        "---\ntitle: 'Contact <img src=x onerror=alert(6)>'\nnav: true\n---\n"
        "Mail <script>alert(1)</script> me.\n\n"
        '<img src=x onerror="alert(2)"> <iframe src="https://evil.example"></iframe>\n\n'
        "[click](javascript:alert(3)) <a href=\"javascript:alert(4)\" onclick='alert(5)'>x</a>\n"
    )
    site = make_site({"content/pages/contact.md": text})
    out = tmp_path / "out"
    build(site, out)
    page = (out / "contact" / "index.html").read_text()
    body = page.split('<div class="page-text">')[1].split("</div>")[0]
    assert "Mail" in body and "me." in body
    for unsafe in ("<script", "alert(1)", "onerror", "<iframe", "javascript:", "onclick"):
        assert unsafe not in body
    # The page's own scripts are the theme's two, no more
    assert page.count("<script") == 2
    # Its title is text, in its heading and in every header's link
    title = "Contact &lt;img src=x onerror=alert(6)&gt;"
    assert f"<h1>{title}</h1>" in page and f'aria-current="page">{title}</a>' in page
    assert "<img" not in page


def test_editing_a_page_renders_it_alone_and_a_nav_title_every_page(
    site: Path, tmp_path: Path, rendered_counts: list[int]
) -> None:
    out = tmp_path / "out"
    build(site, out)
    pages = site / "content" / "pages"
    (pages / "colophon.md").write_text("---\ntitle: Colophon\n---\nMade with more care.\n")
    result = build(site, out)
    assert result.pages == frozenset({"colophon/index.html"})
    (pages / "group.md").write_text("---\ntitle: People\nnav: 1\n---\nWe are three.\n")
    result = build(site, out)
    html = {page for page in result.pages or () if page.endswith(".html")}
    assert html == {p for p in _tree(out) if p.endswith(".html")}
    assert _nav((out / "papers" / "a-paper" / "index.html").read_text())[0] == "People"
    (pages / "group.md").unlink()
    build(site, out)
    assert not (out / "group").exists()
    assert _nav((out / "index.html").read_text()) == ["Teaching", "Contact"]
    build(site, tmp_path / "cold", use_cache=False)
    assert _tree(out) == _tree(tmp_path / "cold")


def test_a_page_edit_in_serve_gives_the_cold_build(site: Path, tmp_path: Path) -> None:
    out, memory = tmp_path / "out", Reuse()
    build(site, out, memory=memory)
    (site / "content" / "pages" / "contact.md").write_text("---\ntitle: Mail\nnav: 0\n---\nx\n")
    build(site, out, memory=memory)
    build(site, tmp_path / "cold", use_cache=False)
    assert _tree(out) == _tree(tmp_path / "cold")
    assert _nav((out / "index.html").read_text()) == ["Mail", "Group", "Teaching"]


def test_check_names_the_line_of_a_broken_link_in_a_page(site: Path, tmp_path: Path) -> None:
    (site / "content" / "pages" / "contact.md").write_text(
        "---\ntitle: Contact\n---\nOur [map](static/map.pdf).\n\n"
        "Join [us](join-us/), see [teaching](teching/).\n"
    )
    out = tmp_path / "out"
    build(site, out)
    with pytest.raises(CheckFailed) as failed:
        check_output(out, "https://lab.example.org/", site_dir=site)
    lines = sorted(f"{p.path}:{p.line}: {p.message}" for p in failed.value.problems)
    assert len(lines) == 3
    assert lines[0].startswith("content/pages/contact.md:4: broken link: static/map.pdf")
    assert lines[1].startswith(
        "content/pages/contact.md:6: broken link: join-us/ (/join-us/ is the page of "
        "content/pages/join-us.md, a draft, which is not published"
    )
    assert lines[2] == (
        "content/pages/contact.md:6: broken link: teching/ (no page of content/pages/ has the "
        "slug `teching`; shown on contact/index.html); did you mean teaching/?"
    )


def test_check_names_a_link_that_leaves_a_site_published_under_a_path_at_its_line(
    site: Path, tmp_path: Path
) -> None:
    """`[group](/group/)` works on a site at a host's root and leads out of one at
    https://user.github.io/repo/, as `../group/` (read as if from the page it is on) does:
    check said `teaching/index.html:42: link leaves the site's base path`, a line of the
    built page, with nothing to write instead."""
    (site / "content" / "pages" / "teaching.md").write_text(
        "---\ntitle: Teaching\n---\nSee the [group](/group/), [again](../group/),\n"
        "[contact](/repo/contact/), [members](group/) and [CS 101](/teching/#cs-101).\n\n"
        "[Old](/old-site/).\n"
    )
    paper = site / "content" / "papers" / "a-paper.md"
    paper.write_text(PAPER.replace("An abstract.", "Taught in [a course](/teaching/)."))
    out = tmp_path / "out"
    build(site, out, base_url="https://user.github.io/repo/")
    with pytest.raises(CheckFailed) as failed:
        check_output(out, "https://user.github.io/repo/", site_dir=site)
    lines = sorted(f"{p.path}:{p.line}: {p.message}" for p in failed.value.problems)
    start = "broken link: /group/ (a link that starts with `/` leads from the host's root"
    assert lines == [
        "content/pages/teaching.md:4: broken link: ../group/ (`..` leads out of the site's "
        "root, to /group/; shown on teaching/index.html); a link in a record leads from the "
        "site's root, without `/` or `..` before it: write group/",
        f"content/pages/teaching.md:4: {start}, to /group/, outside the site, which is "
        "published under /repo/; shown on teaching/index.html); a link in a record leads "
        "from the site's root, without `/` or `..` before it: write group/",
        "content/pages/teaching.md:5: broken link: /teching/#cs-101 (a link that starts with "
        "`/` leads from the host's root, to /teching/, outside the site, which is published "
        "under /repo/; shown on teaching/index.html); a link in a record leads from the "
        "site's root, without `/` or `..` before it: write teaching/#cs-101, the page it "
        "most likely means",
        "content/pages/teaching.md:7: broken link: /old-site/ (a link that starts with `/` "
        "leads from the host's root, to /old-site/, outside the site, which is published "
        "under /repo/; shown on teaching/index.html); a link in a record leads from the "
        "site's root, without `/` or `..` before it: the site has nothing at old-site/ "
        "either; write a page's address from there (`teaching/`), or a full https:// address",
        "content/papers/a-paper.md:6: broken link: /teaching/ (a link that starts with `/` "
        "leads from the host's root, to /teaching/, outside the site, which is published "
        "under /repo/; shown on 3 pages, such as authors/ada/index.html); a link in a "
        "record leads from the site's root, without `/` or `..` before it: write teaching/",
    ]
    # Written as asked, the links lead to the pages on the published site
    (site / "content" / "pages" / "teaching.md").write_text(
        "---\ntitle: Teaching\n---\nSee the [group](group/), [contact](/repo/contact/).\n"
    )
    paper.write_text(PAPER.replace("An abstract.", "Taught in [a course](teaching/)."))
    build(site, out, base_url="https://user.github.io/repo/")
    assert check_output(out, "https://user.github.io/repo/", site_dir=site)


def test_a_link_to_a_heading_of_a_page_leads_to_it(site: Path, tmp_path: Path) -> None:
    """`[past courses](#past-courses)`: a heading of a page's text has an id, as GitHub
    gives it, unique in the page. Without, no link could lead into a page (the text can
    write no id), and `check` called each such link broken."""
    (site / "content" / "pages" / "teaching.md").write_text(
        "---\ntitle: Teaching\n---\nSee [past courses](#past-courses), [FAQ](#faq-1).\n\n"
        "### Past *courses*\n\nOld.\n\n#### FAQ\n\n#### FAQ\n\n### Main\n\n### ???\n\n"
        "### Über & `uns`\n"
    )
    (site / "content" / "pages" / "contact.md").write_text(
        "---\ntitle: Contact\n---\nSee [the courses](teaching/#past-courses).\n"
    )
    out = tmp_path / "out"
    build(site, out)
    html = (out / "teaching" / "index.html").read_text()
    assert '<h2 id="past-courses">Past <em>courses</em></h2>' in html
    assert '<h3 id="faq">FAQ</h3>' in html and '<h3 id="faq-1">FAQ</h3>' in html
    # The page's own ids are kept its own: the skip link's `main` stays one element's
    assert html.count('id="main"') == 1 and '<h2 id="main-1">Main</h2>' in html
    assert "<h2>???</h2>" in html and '<h2 id="über--uns">' in html
    check_output(out, "https://lab.example.org/")  # every anchor resolves


def test_a_heading_id_keeps_the_marks_of_its_letters_as_github_does(
    site: Path, tmp_path: Path
) -> None:
    """Devanagari's vowel signs and viramas, Arabic's harakat and a decomposed accent are
    marks, not letters: GitHub keeps them in a heading's id (`#हिन्दी-पाठ्यक्रम`), and a link
    written so (or copied from GitHub) led nowhere, as `हिन्दी` had the id `हनद`."""
    (site / "content" / "pages" / "teaching.md").write_text(
        "---\ntitle: Teaching\n---\nSee [Hindi](#हिन्दी-पाठ्यक्रम) and [the café](#cafe\u0301).\n\n"
        "## हिन्दी पाठ्यक्रम\n\n## Cafe\u0301\n"
    )
    out = tmp_path / "out"
    build(site, out)
    html = (out / "teaching" / "index.html").read_text()
    # (the decomposed accent is read composed, NFC, as all record text is: id and link alike)
    assert '<h2 id="हिन्दी-पाठ्यक्रम">' in html and '<h2 id="caf\u00e9">' in html
    check_output(out, "https://lab.example.org/")  # both links lead to their heading


def test_a_page_s_headings_follow_its_title_without_a_gap(site: Path, tmp_path: Path) -> None:
    """`###`, the first level of heading a page's text has, is an h2 under the page's h1
    title, and each level below it one more: as h3 it skipped a level, an error to the Nu
    HTML checker (and to screen readers' outline)."""
    (site / "content" / "pages" / "group.md").write_text(
        "---\ntitle: Group\n---\n### People\n\n#### Students\n\n##### Past\n\n###### Notes\n"
    )
    out = tmp_path / "out"
    build(site, out)
    html = (out / "group" / "index.html").read_text()
    levels = re.findall(r"<h(\d)[ >]", html.split("<main")[1])
    assert levels == ["1", "2", "3", "4", "5"]


def test_a_heading_in_a_comment_or_an_attribute_is_no_part_of_the_outline(
    site: Path, tmp_path: Path
) -> None:
    """A section commented out (`<!-- <h1>News</h1> -->`, as old sites' pages keep them) or
    a link's title that names a tag is shown as no heading: it still counted as the page's
    highest, and the real ones, a level lower, skipped the h2."""
    (site / "content" / "pages" / "group.md").write_text(
        "---\ntitle: Group\n---\n<!-- <h1>News</h1> -->\n\n"
        '<a href="https://x.org/" title="<h1>">x</a>\n\n## People\n\n### Students\n'
    )
    out = tmp_path / "out"
    build(site, out)
    html = (out / "group" / "index.html").read_text()
    assert re.findall(r"<h(\d)[ >]", html.split("<main")[1]) == ["1", "2", "3"]
    assert 'title="&lt;h1&gt;"' in html and "News" not in html


def test_a_theme_without_page_html_shows_pages_in_its_own_frame(site: Path, tmp_path: Path) -> None:
    """A theme made before pages were: the bundled page.html, in the theme's base.html."""
    theme = site / "themes" / "mine"
    shutil.copytree(REPO / "themes" / "default", theme)
    (theme / "templates" / "page.html").unlink()
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text().replace("<main", "<!-- mine --><main"))
    config = site / "site.yaml"
    config.write_text(config.read_text() + "theme: mine\n")
    out = tmp_path / "out"
    build(site, out)
    teaching = (out / "teaching" / "index.html").read_text()
    assert "<!-- mine -->" in teaching and "<h1>Teaching</h1>" in teaching
    # The site's own page.html wins over the theme's
    (site / "templates").mkdir()
    (site / "templates" / "page.html").write_text(
        '{% extends "base.html" %}{% block main %}<p>own {{ page.title }}</p>{% endblock %}'
    )
    build(site, out)
    assert "<p>own Teaching</p>" in (out / "teaching" / "index.html").read_text()


def test_a_page_of_its_own_template_and_one_whose_slug_is_mistyped(
    site: Path, tmp_path: Path
) -> None:
    own = '{% extends "theme/page.html" %}{% block main %}<p>just {{ page.slug }}</p>{% endblock %}'
    (site / "templates").mkdir()
    (site / "templates" / "page-teaching.html").write_text(own)
    (site / "templates" / "page-contcat.html").write_text(own)
    (site / "templates" / "page-join-us.html").write_text(own)  # a draft page's
    result = build(site, tmp_path / "out")
    assert "<p>just teaching</p>" in (tmp_path / "out" / "teaching" / "index.html").read_text()
    assert "<p>just" not in (tmp_path / "out" / "contact" / "index.html").read_text()
    assert (
        "templates/page-contcat.html: no page is made from it: no published page of "
        "content/pages/ has the slug `contcat` (a draft's page uses it with --drafts); did "
        "you mean page-contact.html?"
    ) in "\n".join(result.warnings)
    # The draft's template was said to have no page, as if its name were mistyped
    assert "(a draft's page uses it with --drafts); name it page-<slug>.html" in "\n".join(
        result.warnings
    )


def test_new_page_in_a_script_without_latin_letters_makes_a_page_of_each_title(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On an Arabic or Chinese site every title makes the slug `page`: the second page was
    refused as already existing ("edit that page", the first, another page), so only one
    page could ever be made so."""
    assert main(["new", "page", "التدريس", "--site", str(site)]) == 0
    assert main(["new", "page", "اتصل بنا", "--site", str(site)]) == 0
    capsys.readouterr()
    assert main(["new", "page", "研究室", "--site", str(site)]) == 0
    folder = site / "content" / "pages"
    # The address it gets says nothing of the title: the command says how to give it one
    assert capsys.readouterr().out.splitlines()[1] == (
        "note: the title has no Latin letter or digit to spell an address with, so the page is "
        f"at page-3/; to give it one of your own, write `slug: lab` (lowercase letters, digits "
        f"and hyphens) in {folder / 'page-3.md'}"
    )
    assert main(["new", "page", "Page 研究室", "--site", str(site)]) == 0
    assert "note:" not in capsys.readouterr().out  # `page`, as the title says
    assert "title: اتصل بنا" in (folder / "page-2.md").read_text()
    assert "title: 研究室" in (folder / "page-3.md").read_text()
    capsys.readouterr()
    assert main(["new", "page", "اتصل بنا", "--site", str(site)]) == 1
    assert "page-2.md: already exists: edit that page" in capsys.readouterr().err
    out = tmp_path / "out"
    build(site, out)
    header = (out / "index.html").read_text().split("</header>")[0]
    for slug, title in (("page", "التدريس"), ("page-2", "اتصل بنا"), ("page-3", "研究室")):
        assert re.search(f'<a href="./{slug}/">(<bdi>)?{title}(</bdi>)?</a>', header), title


def test_new_page_makes_a_page_that_builds_and_never_overwrites_one(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "page", "Join the Lab", "--site", str(site)]) == 0
    assert main(["new", "page", "Papers", "--no-nav", "--site", str(site)]) == 0
    made = site / "content" / "pages" / "join-the-lab.md"
    assert made.read_text().startswith("---\ntitle: Join the Lab\nnav: true\n")
    assert main(["new", "page", "Join the lab", "--site", str(site)]) == 1
    assert "join-the-lab.md: already exists: edit that page" in capsys.readouterr().err
    out = tmp_path / "out"
    build(site, out)
    assert _nav((out / "index.html").read_text()) == [
        "Group",
        "Teaching",
        "Contact",
        "Join the Lab",
    ]
    assert "A heading" in (out / "join-the-lab" / "index.html").read_text()
    assert (out / "papers-page" / "index.html").is_file()
    # published with the example text still in it: `check` says so, as of init's paper
    said = _check_notes(site, capsys)
    for name in ("join-the-lab", "papers-page"):
        assert (
            f"note: content/pages/{name}.md: its text is still the example `authorsite new "
            "page` wrote, and is published with the site: write yours"
        ) in said
    made.write_text(made.read_text().replace("replace it.", "we are hiring."))
    assert "join-the-lab" not in _check_notes(site, capsys)


def test_check_names_the_line_of_a_broken_anchor_in_a_page_and_an_abstract(
    site: Path, tmp_path: Path
) -> None:
    """A broken `#anchor` is mended in the record that writes it, as a broken link is: it
    was said at a line of the built page (`teaching/index.html:45`)."""
    (site / "content" / "pages" / "teaching.md").write_text(
        "---\ntitle: Teaching\n---\n## Courses\n\nSee [above](#courses) and\n"
        "[below](#no-such-heading).\n"
    )
    (site / "content" / "pages" / "contact.md").write_text(
        "---\ntitle: Contact\n---\nOur [courses](teaching/#courses), [old](teaching/#nope).\n"
    )
    (site / "content" / "papers" / "a-paper.md").write_text(PAPER + "\nSee [x](#nowhere).\n")
    # The site's own footer links there too: said as well, not hidden behind the record.
    base = (REPO / "themes" / "default" / "templates" / "base.html").read_text(encoding="utf-8")
    footer = base.index("{{ words.atom_feed }}</a>")
    (site / "templates").mkdir()
    (site / "templates" / "base.html").write_text(
        base[:footer] + '<a href="{{ root }}teaching/#nope">T</a>' + base[footer:]
    )
    out = tmp_path / "out"
    build(site, out)
    with pytest.raises(CheckFailed) as failed:
        check_output(out, "https://lab.example.org/", site_dir=site)
    lines = sorted(f"{p.path}:{p.line}: {p.message}" for p in failed.value.problems)
    assert [line.split(" (")[0] for line in lines] == [
        "content/pages/contact.md:4: broken anchor: teaching/#nope",
        "content/pages/teaching.md:7: broken anchor: #no-such-heading",
        "content/papers/a-paper.md:8: broken anchor: #nowhere",
        f"templates/base.html:{base[:footer].count(chr(10)) + 1}: broken anchor: #nope",
    ], "\n".join(lines)
    assert "(no id `nope` in teaching/index.html; shown on 11 pages, such as 404.html)" in lines[0]
    assert (
        "(no id `no-such-heading` in the page showing it; shown on teaching/index.html)"
        in (lines[1])
    )
    # The abstract is on the paper's page, the profile and the home page: one line for all.
    assert "(no id `nowhere` in the pages showing it; shown on 3 pages, such as " in lines[2]


def test_a_link_to_the_cv_on_a_site_without_main_author_says_why_it_is_missing(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    site = make_site(
        {
            "site.yaml": "title: Lab\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/a-paper.md": PAPER,
            "content/pages/about.md": "---\ntitle: About\n---\nMy [CV](cv/).\n",
        }
    )
    out = tmp_path / "out"
    build(site, out)
    with pytest.raises(CheckFailed) as failed:
        check_output(out, "https://lab.example.org/", site_dir=site)
    (problem,) = failed.value.problems
    assert f"{problem.path}:{problem.line}" == "content/pages/about.md:4"
    assert "the CV is built only for a site with `main_author`" in problem.message
    assert "static/" not in problem.message
    assert "link to authors/<slug>/cv/" in problem.message
    assert (out / "authors" / "ada" / "cv" / "index.html").is_file()  # the advice holds


def test_a_page_in_another_language_than_the_site_s_says_so_and_goes_its_way(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`language:` as a paper has it: a screen reader reads an Arabic page of an English site
    in an Arabic voice, and its text runs right to left even where it opens with a Latin
    word. Without, the page was read in English and `language:` was an unknown field."""
    pages = site / "content" / "pages"
    (pages / "arabic.md").write_text(
        "---\ntitle: LaTeX دليل\nlanguage: AR\n---\nLaTeX هو نظام لتنضيد النصوص.\n"
    )
    (pages / "english.md").write_text("---\ntitle: English\nlanguage: en\n---\nText.\n")
    out = tmp_path / "out"
    build(site, out)
    arabic = (out / "arabic" / "index.html").read_text()
    assert '<h1 dir="rtl" lang="ar">LaTeX دليل</h1>' in arabic
    assert '<div class="page-text" dir="rtl" lang="ar"><p>LaTeX' in arabic
    assert '<html lang="en"' in arabic  # the site's frame stays the site's
    english = (out / "english" / "index.html").read_text()
    assert "<h1>English</h1>" in english and 'lang="en"' not in english.split("<main")[1]
    (pages / "english.md").write_text("---\ntitle: English\nlanguage: english\n---\nText.\n")
    assert main(["build", "--site", str(site), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert (
        "content/pages/english.md:3: `language` 'english' is not a language tag (BCP 47); "
        "write `en`"
    ) in err


def test_a_page_or_paper_in_its_own_language_gives_that_language_s_og_locale(
    site: Path, tmp_path: Path
) -> None:
    """A link preview reads og:locale with the page's og:title and og:description, which
    are the page's (or paper's) own text: a German page of a British site said `en_GB`."""
    yaml = site / "site.yaml"
    yaml.write_text(yaml.read_text() + "language: en-GB\n")
    pages = site / "content" / "pages"
    (pages / "lehre.md").write_text("---\ntitle: Lehre\nlanguage: de-AT\n---\nKurse.\n")
    (pages / "kurse.md").write_text("---\ntitle: Kurse\nlanguage: de\n---\nKurse.\n")
    (pages / "english.md").write_text("---\ntitle: English\nlanguage: en\n---\nText.\n")
    papers = site / "content" / "papers"
    (papers / "papier.md").write_text(PAPER.replace("date:", "language: fr-CA\ndate:"))
    out = tmp_path / "out"
    build(site, out)

    def locale(page: str) -> list[str]:
        html = (out / page / "index.html").read_text()
        return re.findall(r'<meta property="og:locale" content="([^"]*)">', html)

    assert locale("lehre") == ["de_AT"]
    assert locale("papers/papier") == ["fr_CA"]
    # No country for German: none, as for a site in `de` (British English was wrong)
    assert locale("kurse") == []
    # English without a country on a British site: the site's
    assert locale("english") == ["en_GB"]
    assert locale("teaching") == ["en_GB"] and locale("papers/a-paper") == ["en_GB"]


def test_a_header_of_many_pages_or_two_of_one_title_is_warned_about(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every page of the site carries the header's links: 30 pages with `nav:` made 30
    links above each page, and two pages titled alike two links that read the same, unsaid."""
    pages = site / "content" / "pages"
    (pages / "courses.md").write_text("---\ntitle: teaching\nnav: true\n---\nOld.\n")
    result = build(site, tmp_path / "out")
    (same,) = result.warnings
    assert same.startswith(
        "content/pages/teaching.md:2: the header links this page and content/pages/courses.md "
        "by the same title, `Teaching`, two links that read the same; give one another title"
    )
    (pages / "courses.md").write_text("---\ntitle: Courses\nnav: true\n---\nOld.\n")
    for number in range(1, 28):  # 3 pages with nav: and Courses, and 27 more: 31
        (pages / f"talk-{number}.md").write_text(f"---\ntitle: Talk {number}\nnav: true\n---\nx\n")
    assert main(["build", "--site", str(site), "--out", str(tmp_path / "out")]) == 0
    (many,) = [line for line in capsys.readouterr().err.splitlines() if "header" in line]
    # Group, Teaching, then by title Contact, Courses, Talk 1, Talk 10, …: the 9th, Talk 13
    assert many.startswith(
        "content/pages/talk-13.md:3: the header links 31 pages (`nav:`), this one and those "
        "after it beyond the first 8, on every page"
    )
    assert "give the others `nav: false` and link them from one page" in many
    for number in range(5, 28):
        (pages / f"talk-{number}.md").unlink()
    assert build(site, tmp_path / "out").warnings == ()  # 8 links in the header
