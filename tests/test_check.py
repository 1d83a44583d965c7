"""``authorsite check``: a clean site passes; each kind of breakage is listed, exit 1."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build
from generator.check import CheckFailed, check_output
from generator.cli import main
from tests.conftest import MINIMAL_AUTHOR, MINIMAL_PAPER, REPO


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, sample_source: Path) -> Path:
    out = tmp_path_factory.mktemp("check") / "out"
    build(sample_source, out, base_url="https://user.github.io/repo/")
    return out


@pytest.fixture
def copy(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built sample, to break."""
    return Path(shutil.copytree(built, tmp_path / "copy"))


def problems(out: Path, base_url: str = "https://user.github.io/repo/") -> list[str]:
    with pytest.raises(CheckFailed) as caught:
        check_output(out, base_url)
    return [str(p) for p in caught.value.problems]


def test_sample_site_passes(built: Path) -> None:
    summary = check_output(built, "https://user.github.io/repo/")
    assert summary.startswith("20 pages")
    assert "2 feeds" in summary


def test_cli_check_builds_into_a_temporary_folder(
    sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--site", str(sample_site)]) == 0
    out = capsys.readouterr().out
    assert "check: 20 pages" in out
    assert "base_url is not a full address" in out  # the sample's "/" is explained
    assert not (sample_site / "output").exists()


@pytest.mark.parametrize(
    ("base_url", "told"),
    [
        ("http://ada.github.io/repo/", True),
        ("https://ada.github.io/repo/", False),
        ("http://localhost:8000/", False),  # a preview served by hand: http is all it has
    ],
)
def test_an_http_github_io_address_is_told_to_be_https(
    make_site: Callable[[dict[str, str | bytes]], Path],
    capsys: pytest.CaptureFixture[str],
    base_url: str,
    told: bool,
) -> None:
    """GitHub Pages redirects http to https: canonical links and feeds would only redirect."""
    site = make_site(
        {"content/authors/ada.yaml": MINIMAL_AUTHOR, "content/papers/a.md": MINIMAL_PAPER}
    )
    assert main(["check", "--site", str(site), "--base-url", base_url]) == 0
    said = capsys.readouterr()
    note = "GitHub Pages serves ada.github.io over https only; set base_url (or --base-url)"
    assert (f"{note} to https://ada.github.io/repo/" in said.out + said.err) is told
    # said once: by the build that check makes, or by check of a site built by hand
    assert (said.out + said.err).count(note) == told
    assert main(["build", "--site", str(site), "--base-url", base_url]) == 0
    assert main(["check", "--site", str(site), "--built"]) == 0
    said = capsys.readouterr()
    assert (said.out + said.err).count(note) == 2 * told  # the build's warning, check's note


def test_a_built_site_with_drafts_in_it_is_told_before_it_is_published(
    make_site: Callable[[dict[str, str | bytes]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """output/ published by hand from a branch: a --drafts build would make drafts public."""
    draft = MINIMAL_PAPER.replace("A Paper", "Secret").replace("date:", "draft: true\ndate:")
    site = make_site(
        {
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/a.md": MINIMAL_PAPER,
            "content/papers/secret.md": draft,
        }
    )
    assert main(["build", "--site", str(site), "--drafts"]) == 0
    assert main(["check", "--site", str(site), "--built"]) == 0
    note = "note: built with --drafts: 1 draft page(s) (papers/secret/); publish only a build"
    assert note in capsys.readouterr().out
    assert main(["build", "--site", str(site)]) == 0
    assert main(["check", "--site", str(site), "--built"]) == 0
    assert "built with --drafts" not in capsys.readouterr().out


def test_missing_page_and_asset_are_reported_where_linked(copy: Path) -> None:
    shutil.rmtree(copy / "papers" / "fedrd")
    (copy / "static" / "site.js").unlink()
    found = problems(copy)
    assert any(p.startswith("index.html:") and "broken link: ./papers/fedrd/" in p for p in found)
    # every page left (18 of 19) loads the script: one line, at the first page, with the count
    script = [p for p in found if "static/site.js" in p]
    assert len(script) == 1 and script[0].startswith("404.html:")
    assert script[0].endswith(" — on 19 pages; the first is shown")
    assert any(p.startswith("cv/index.html:") and "papers/fedrd/" in p for p in found)
    # Feeds and the sitemap still list the removed page: those are problems too.
    assert any(p.startswith("feed.xml") and "papers/fedrd/" in p for p in found)
    assert any(p.startswith("sitemap.xml") and "papers/fedrd/" in p for p in found)


def test_every_problem_has_a_line(copy: Path) -> None:
    (copy / "static" / "style.css").unlink()
    found = problems(copy)
    # every page links the stylesheet: one line, at the first page, with the count
    assert len(found) == 1 and found[0].startswith("404.html:")
    assert found[0].endswith("(no file for /static/style.css) — on 20 pages; the first is shown")
    assert all(p.split(":")[1].isdigit() for p in found)


def test_broken_anchor(copy: Path) -> None:
    page = copy / "papers" / "fedrd" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace(
            "</main>", '<a href="#nowhere">x</a><a href="../../#paper-fedrd">ok</a></main>'
        ),
        encoding="utf-8",
    )
    found = problems(copy)
    assert len(found) == 1
    assert found[0].startswith("papers/fedrd/index.html:")
    assert "broken anchor: #nowhere" in found[0]


def test_where_papers_sends_its_visitor_is_checked_as_a_link(copy: Path) -> None:
    """papers/ sends its visitor on with a meta refresh: a theme that sends them nowhere
    (an anchor the root has not) is told, at the refresh's line."""
    page = copy / "papers" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert 'content="0; url=../#papers-heading"' in html
    page.write_text(html.replace("url=../#papers-heading", "url=../#paper-list"), encoding="utf-8")
    line = html[: html.index('http-equiv="refresh"')].count("\n") + 1
    assert problems(copy) == [
        f"papers/index.html:{line}: broken anchor: ../#paper-list (no id `paper-list` in index.html)"
    ]


def test_an_id_given_twice_is_said_at_its_second_element(copy: Path) -> None:
    """A theme's template that gives two elements one id passed: a link to it, or a screen
    reader's label that points at it, finds the first. Said at the line of the second; an
    `<a name>` beside an id of the same name is no repeat."""
    page = copy / "papers" / "fedrd" / "index.html"
    html = page.read_text(encoding="utf-8").replace(
        "</main>", '<p>x</p>\n<div id="cite-heading"><a name="main"></a></div></main>'
    )
    page.write_text(html, encoding="utf-8")
    line = html[: html.index('<div id="cite-heading">')].count("\n") + 1
    assert problems(copy) == [
        f"papers/fedrd/index.html:{line}: id `cite-heading` is given to a second element: "
        "a link to #cite-heading and a screen reader's reference to it find the first; "
        "give each its own id"
    ]


def test_a_fragment_of_a_file_that_is_no_page_is_not_an_anchor(copy: Path) -> None:
    """`static/syllabus.pdf#page=2` opens the PDF at its second page (a page of
    content/pages/ links a course's syllabus so): a PDF has no ids to look the fragment up
    in, and the link was said to be a broken anchor."""
    (copy / "static" / "syllabus.pdf").write_bytes(b"%PDF-1.4\n")
    page = copy / "papers" / "fedrd" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</main>",
            '<a href="../../static/syllabus.pdf#page=2">p. 2</a>'
            '<a href="../../static/nothing.pdf#page=2">x</a></main>',
        ),
        encoding="utf-8",
    )
    found = problems(copy)
    assert len(found) == 1 and "broken link: ../../static/nothing.pdf#page=2" in found[0]


def test_link_outside_the_base_path(copy: Path) -> None:
    page = copy / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</main>", '<a href="/elsewhere/">x</a></main>'),
        encoding="utf-8",
    )
    assert any("leaves the site's base path /repo/" in p for p in problems(copy))


def test_an_address_with_its_scheme_in_capitals_is_another_host_s(copy: Path) -> None:
    """`HTTPS://Example.org/` written by hand in a theme (a scheme ignores case) was read
    as a path of the site: `broken link`, on every page that shows it."""
    page = copy / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</main>", '<a href="HTTPS://Example.org/x">x</a><a href="Http://e.org/">y</a></main>'
        ),
        encoding="utf-8",
    )
    assert check_output(copy, "https://user.github.io/repo/").startswith("20 pages")


def test_feed_that_does_not_parse(copy: Path) -> None:
    feed = copy / "authors" / "kaile-wang" / "feed.xml"
    feed.write_bytes(feed.read_bytes().replace(b"</feed>", b""))
    found = problems(copy)
    assert found == [f for f in found if f.startswith("authors/kaile-wang/feed.xml")]
    assert "feed does not parse" in found[0]


def test_sitemap_missing_a_page(copy: Path) -> None:
    sitemap = copy / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    sitemap.write_text(
        text.replace("<url><loc>https://user.github.io/repo/cv/</loc></url>", ""), encoding="utf-8"
    )
    assert problems(copy) == ["sitemap.xml: does not list cv/index.html"]


def test_bad_jsonld(copy: Path) -> None:
    page = copy / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('"@type": "Person"', '"@type": Person'), encoding="utf-8")
    found = problems(copy)
    assert len(found) == 1 and "JSON-LD does not parse" in found[0]


def test_cli_checks_existing_output_and_exits_1(
    sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--site", str(sample_site)]) == 0
    assert main(["check", "--site", str(sample_site), "--built"]) == 0
    (sample_site / "output" / "papers" / "fedali" / "index.html").unlink()
    capsys.readouterr()
    assert main(["check", "--site", str(sample_site), "--built"]) == 1
    err = capsys.readouterr().err
    assert "index.html:" in err and "broken link" in err and "papers/fedali/" in err
    assert err.rstrip().endswith("problems in the built site.")


def test_cli_checks_output_built_with_base_url_for_that_address(
    sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = sample_site / "site.yaml"  # site.yaml says `/`; the build is for a project page
    config.write_text(
        re.sub(r"(?m)^base_url:.*$", "base_url: /", config.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    url = "https://user.github.io/repo/"
    assert main(["build", "--site", str(sample_site), "--base-url", url]) == 0
    capsys.readouterr()
    assert main(["check", "--site", str(sample_site), "--built"]) == 0
    assert "sitemap: no problems" in capsys.readouterr().out
    (sample_site / "output" / "papers" / "fedali" / "index.html").unlink()
    assert main(["check", "--site", str(sample_site), "--built"]) == 1  # still checked
    assert "papers/fedali/" in capsys.readouterr().err


def test_cli_check_reports_content_errors(
    sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paper = sample_site / "content" / "papers" / "fedrd.md"
    paper.write_text(
        paper.read_text(encoding="utf-8").replace("date:", "citaions: 3\ndate:"), encoding="utf-8"
    )
    assert main(["check", "--site", str(sample_site)]) == 1
    assert "content/papers/fedrd.md:" in capsys.readouterr().err


def test_check_without_a_build_is_a_usage_error(sample_site: Path) -> None:
    assert main(["check", "--site", str(sample_site), "--built"]) == 2


def test_check_of_an_empty_folder_says_nothing_is_built_there(
    sample_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "site-out"
    empty.mkdir()
    (empty / "CNAME").write_text("papers.example.org\n", encoding="utf-8")  # a gh-pages checkout
    assert main(["check", "--site", str(sample_site), "--built", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "holds no built site (no index.html); build the site first" in err
    assert "sitemap.xml" not in err  # not a list of what an empty folder lacks


def test_built_dir_is_read_from_the_current_folder_as_build_out_writes_it(
    sample_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`build --site S --out public`, then `check --site S --built public`: the check looked
    for S/public and said "is not a folder"."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    site = os.path.relpath(sample_site, elsewhere)
    assert main(["build", "--site", site, "--out", "public"]) == 0
    assert (elsewhere / "public" / "index.html").is_file()
    assert main(["check", "--site", site, "--built", "public"]) == 0
    assert main(["build", "--site", site]) == 0  # the bare option: the site's own output/
    shutil.rmtree(elsewhere / "public")
    assert main(["check", "--site", site, "--built"]) == 0


def test_site_without_main_author_passes(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    site = make_site(
        {
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/authors/charles.yaml": "name: Charles Babbage\n",
            "content/papers/a-paper.md": MINIMAL_PAPER,
        }
    )
    out = tmp_path / "out"
    build(site, out, base_url="https://lab.example.org/")
    assert check_output(out, "https://lab.example.org/").startswith("9 pages")
    assert (out / "authors" / "ada" / "cv" / "index.html").is_file()
    assert (out / "authors" / "charles" / "cv" / "index.html").is_file()
    assert not (out / "cv").exists()


def test_stylesheet_urls_are_checked(copy: Path) -> None:
    css = copy / "static" / "style.css"
    css.write_text(
        css.read_text(encoding="utf-8")
        + '\n.x { background: url("missing.png"); }\n@import "print.css";\n'
        + ".y { background: url(data:image/png;base64,AAAA); }\n",
        encoding="utf-8",
    )
    found = problems(copy)
    assert len(found) == 2
    assert all(p.startswith("static/style.css:") for p in found)
    assert any("missing.png" in p for p in found) and any("print.css" in p for p in found)


def test_selected_papers_link_to_their_cards(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    featured = MINIMAL_PAPER.replace("date: 2024-05-01", "date: 2024-05-01\nfeatured: true")
    site = make_site(
        {
            "site.yaml": "title: T\nmain_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/a-paper.md": featured,
            "content/papers/other.md": MINIMAL_PAPER.replace("A Paper", "Other"),
        }
    )
    out = tmp_path / "out"
    build(site, out)
    html = (out / "index.html").read_text(encoding="utf-8")
    section = html.split('<section class="featured"')[1].split("</section>")[0]
    assert 'href="#paper-a-paper"' in section and "Other" not in section
    check_output(out, "/")  # the anchor resolves


def _site_with_papers(
    make_site: Callable[[dict[str, str | bytes]], Path], footer: str, abstract: str = ""
) -> Path:
    """A site of twelve papers whose base template's footer holds ``footer``."""
    base = (REPO / "themes" / "default" / "templates" / "base.html").read_text(encoding="utf-8")
    assert "{{ words.atom_feed }}</a>" in base
    files: dict[str, str | bytes] = {
        "site.yaml": "title: T\nmain_author: ada\nbuild_date: 2026-11-28\n",
        "content/authors/ada.yaml": MINIMAL_AUTHOR,
        "templates/base.html": base.replace(
            "{{ words.atom_feed }}</a>", "{{ words.atom_feed }}</a>" + footer
        ),
    }
    for n in range(12):
        paper = MINIMAL_PAPER.replace("A Paper", f"Paper {n}")
        files[f"content/papers/paper-{n}.md"] = paper + (abstract if n == 3 else "")
    return make_site(files)


def test_a_broken_link_in_a_template_is_one_line_with_its_count(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    site = _site_with_papers(make_site, ' <a href="{{ root }}nowhere/">Gone</a>')
    out = tmp_path / "out"
    build(site, out)
    pages = len(list(out.rglob("*.html")))
    assert pages >= 14
    found = problems(out, "/")
    assert len(found) == 1
    assert re.fullmatch(
        rf"404\.html:\d+: broken link: \S*nowhere/ \(no file for /nowhere/\) — on {pages} pages;"
        " the first is shown",
        found[0],
    ), found


def test_two_broken_template_links_are_two_lines(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    footer = ' <a href="{{ root }}nowhere/">Gone</a> <a href="{{ root }}static/gone.css">Gone</a>'
    site = _site_with_papers(make_site, footer)
    out = tmp_path / "out"
    build(site, out)
    found = problems(out, "/")
    assert len(found) == 2
    assert sum("(no file for /nowhere/) — on " in p for p in found) == 1
    assert sum("(no file for /static/gone.css) — on " in p for p in found) == 1


def test_a_broken_link_in_one_abstract_still_names_its_pages(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    site = _site_with_papers(
        make_site, ' <a href="{{ root }}nowhere/">Gone</a>', "\nSee [the data](/missing/).\n"
    )
    out = tmp_path / "out"
    build(site, out)
    found = problems(out, "/")
    grouped = [p for p in found if "pages; the first is shown" in p]
    assert len(grouped) == 1 and "/nowhere/" in grouped[0]
    abstract = [p for p in found if "/missing/" in p]
    # the paper's own page and the profile that lists it, each in the usual form
    assert any(
        re.fullmatch(
            r"papers/paper-3/index\.html:\d+: broken link: /missing/ \(no file for /missing/\)", p
        )
        for p in abstract
    ), abstract
    assert any(p.startswith("index.html:") for p in abstract)
    assert len(found) == 1 + len(abstract)


def test_a_noindex_page_is_not_for_the_sitemap(copy: Path) -> None:
    page = copy / "papers" / "fedrd" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace("</head>", '<meta name="robots" content="noindex">\n</head>', 1),
        encoding="utf-8",
    )
    assert problems(copy) == ["sitemap.xml: lists papers/fedrd/index.html, which says noindex"]


def test_a_second_address_of_a_page_is_not_for_the_sitemap(copy: Path) -> None:
    """The main author's `authors/<slug>/` names the root as its canonical: the sitemap
    leaves it out, and check says so when a sitemap lists it."""
    sitemap = copy / "sitemap.xml"
    root = "https://user.github.io/repo/"
    text = sitemap.read_text(encoding="utf-8")
    assert f"<loc>{root}authors/kaile-wang/</loc>" not in text
    check_output(copy, root)  # left out, and not missed
    sitemap.write_text(
        text.replace("</urlset>", f"  <url><loc>{root}authors/kaile-wang/</loc></url>\n</urlset>"),
        encoding="utf-8",
    )
    assert problems(copy) == [
        f"sitemap.xml: lists authors/kaile-wang/index.html, whose canonical is {root}"
    ]


def test_pages_parsed_on_every_core_give_the_same_problems(
    copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A large site's pages and feeds are read by forked workers, with progress on the way."""
    from generator import workers
    from generator.reporter import Reporter

    shutil.rmtree(copy / "papers" / "fedrd")
    (copy / "index.html").write_text(
        (copy / "index.html").read_text().replace('id="main"', 'id="moved"', 1)
    )
    feed = next(copy.glob("authors/*/feed.xml"))
    feed.write_text(feed.read_text().replace("</feed>", "<entry>"))
    alone = problems(copy)
    monkeypatch.setattr(workers, "worker_count", lambda items: 2)
    monkeypatch.setattr(workers, "CHUNK", 3)  # several spans, in order
    with pytest.raises(CheckFailed) as caught:
        check_output(copy, "https://user.github.io/repo/", Reporter(interactive=False, moment=0))
    assert [str(p) for p in caught.value.problems] == alone
    assert any("broken anchor" in p for p in alone)  # anchors looked up in parsed pages
    assert any("feed does not parse" in p for p in alone)
    assert re.search(r"^pages: 19 of 19 in \d", capsys.readouterr().err, re.M)  # one removed


def test_papers_on_no_profile_are_named_in_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A group's site (no main_author): a paper listing its author as Semantic Scholar
    spells him (`J. Schmidhuber`) was on no profile, reachable from nowhere, and neither
    build nor check said a word."""
    site = tmp_path / "site"
    (site / "content" / "papers").mkdir(parents=True)
    (site / "content" / "authors").mkdir()
    (site / "site.yaml").write_text("title: IDSIA\n", encoding="utf-8")
    author = site / "content" / "authors" / "jurgen-schmidhuber.yaml"
    author.write_text("name: Jürgen Schmidhuber\n", encoding="utf-8")
    (site / "content" / "authors" / "kazuki-irie.yaml").write_text(
        "name: Kazuki Irie\n", encoding="utf-8"
    )
    papers = site / "content" / "papers"
    (papers / "world-models.md").write_text(
        "---\ntitle: World Models\nauthors: [David Ha, J. Schmidhuber]\ndate: 2018-03-27\n---\n",
        encoding="utf-8",
    )
    (papers / "neural-data-router.md").write_text(
        "---\ntitle: The Neural Data Router\nauthors: [R. Csordás, Kazuki Irie, J. Schmidhuber]\n"
        "date: 2021-10-14\n---\n",
        encoding="utf-8",
    )
    assert main(["check", "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert (
        "note: 1 paper page(s) on no author's profile (papers/world-models/): they name no "
        "site author by a name or an alias; add the spelling they use to the author's aliases"
    ) in out
    author.write_text("name: Jürgen Schmidhuber\naliases: [J. Schmidhuber]\n", encoding="utf-8")
    assert main(["check", "--site", str(site)]) == 0
    assert "no author's profile" not in capsys.readouterr().out


def test_a_link_in_other_capitals_than_its_file_is_broken_and_says_the_name(
    make_site: Callable[[dict[str, str | bytes]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """GitHub Pages tells `Me.JPG` from `me.jpg`, though a Mac's disk does not: told anywhere."""
    site = make_site(
        {
            "site.yaml": "title: T\nmain_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR + "photo: static/Me.JPG\n",
            "content/papers/a.md": MINIMAL_PAPER,
            "static/me.jpg": b"\xff\xd8\xff\xe0",
        }
    )
    assert main(["check", "--site", str(site)]) == 1
    [line] = [line for line in capsys.readouterr().err.splitlines() if "broken link" in line]
    assert line.startswith("content/authors/ada.yaml:3: broken link: static/Me.JPG (no file for")
    assert "the file is /static/me.jpg: GitHub Pages tells capital letters from small ones" in line


def test_the_links_of_a_site_are_matched_as_named_not_as_the_disk_folds_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a disk that folds capitals (macOS, Windows), a file is not found by another case."""
    from generator.check import SiteChecker

    (tmp_path / "static").mkdir()
    (tmp_path / "static/me.jpg").write_bytes(b"x")
    folding = Path.is_file
    monkeypatch.setattr(Path, "is_file", lambda p: folding(Path(str(p).lower())))
    checker = SiteChecker(tmp_path, "/")
    assert checker.target("static/me.jpg") == "static/me.jpg"
    assert checker.target("static/Me.JPG") is None
    assert checker.case_twin("static/Me.JPG") == "static/me.jpg"


def test_a_broken_link_in_a_record_is_said_at_the_record(
    make_site: Callable[[dict[str, str | bytes]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # What the researcher mends is the record, not one of the pages that show it: a
    # link in an abstract is on the paper's page, each profile and the CV.
    author = MINIMAL_AUTHOR + (
        "photo: img/me.jpg\nbio: |\n  My [CV](static/cv.pdf) and [notes](static/notes.txt).\n"
    )
    linked = MINIMAL_PAPER.replace("date:", "links:\n  slides: slides/talk.pdf\ndate:")
    site = make_site(
        {
            "site.yaml": "title: T\nmain_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": author,
            "content/papers/linked.md": linked,
            "content/papers/prose.md": MINIMAL_PAPER.replace("A Paper", "Prose")
            + "\nMore in [the data](files/data.csv).\n",
            "static/notes.txt": "kept\n",
        }
    )
    assert main(["check", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    found = [line for line in err.splitlines() if "broken link" in line]
    assert sorted(line.split(": broken link: ")[0] for line in found) == [
        "content/authors/ada.yaml:3",  # the photo
        "content/authors/ada.yaml:5",  # the bio's CV; its notes exist
        "content/papers/linked.md:5",  # links.slides
        "content/papers/prose.md:8",  # the abstract, on the page, the profile and the CV
    ], err
    prose = next(line for line in found if line.startswith("content/papers/prose.md"))
    assert "files/data.csv (no file for /files/data.csv in the built site; shown on 3 pages" in (
        prose
    )
    assert "put the file in the site's static/ folder" in prose
    assert "(no file for /img/me.jpg in the built site; shown on 2 pages" in err  # profile, CV
    assert err.rstrip().endswith("4 problems in the built site.")


def test_each_link_in_a_record_is_named_at_its_line_though_markdown_rewrote_it(
    make_site: Callable[[dict[str, str | bytes]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # The page's link is not as written (`/[x` is `/%5Bx`, `&amp;` is `&`, a space `%20`, `é`
    # `%C3%A9`, `\(` is `(`): not found in the record's text, each was named at line 1.
    abstract = (
        "\n[q]: files/q.csv\n\n"  # line 8
        "See [a](/[x).\n"  # line 10
        "And [b](files/a&amp;b.csv).\n"
        "Then [c](<files/my data.csv>) and [e](files/a\\(b\\).csv).\n"  # line 12
        "Also [d](files/données.csv).\n"
        "Last [f](files/a%20b[1].csv), [a](/[x) again,\n"  # line 14
        "and [a][r] and [q][q].\n"
        "\n[r]: /[x\n"  # line 17
    )
    site = make_site(
        {
            "site.yaml": "title: T\nmain_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR
            + "bio: |\n  Hello.\n  My [CV](<static/my cv.pdf>).\n",  # line 5
            "content/papers/prose.md": MINIMAL_PAPER + abstract,
        }
    )
    assert main(["check", "--site", str(site)]) == 1
    found = [line for line in capsys.readouterr().err.splitlines() if "broken link" in line]
    assert sorted(
        (line.split(": broken link: ")[0], line.split(": broken link: ")[1].split(" (")[0])
        for line in found
    ) == sorted(
        [
            ("content/authors/ada.yaml:5", "static/my%20cv.pdf"),
            ("content/papers/prose.md:10", "/%5Bx"),
            ("content/papers/prose.md:11", "files/a&b.csv"),
            ("content/papers/prose.md:12", "files/my%20data.csv"),
            ("content/papers/prose.md:12", "files/a(b).csv"),
            ("content/papers/prose.md:13", "files/donn%C3%A9es.csv"),
            ("content/papers/prose.md:14", "files/a%20b%5B1%5D.csv"),
            ("content/papers/prose.md:14", "/%5Bx"),  # written again: said again, there
            ("content/papers/prose.md:17", "/%5Bx"),  # by reference: at its definition
            ("content/papers/prose.md:8", "files/q.csv"),  # defined before the links above
        ]
    ), found


def test_links_written_nowhere_in_a_record_leave_a_broken_link_at_its_line(
    make_site: Callable[[dict[str, str | bytes]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # `www.e1.io` is linked as `http://www.e1.io`, written nowhere in the record: each is
    # looked for and not found, and the broken link after them is still named at its line.
    # (Looked for line by line to the end, twice, 2,200 in a 90 KB abstract of 35,000 lines
    # took `check` 40 seconds, 3 before; the record is now read back once and searched as
    # one text. No test asserts a time: the figures are measured by hand.)
    body = "".join(f"www.e{i}.io\n" + "x\n" * 15 for i in range(200))
    site = make_site(
        {
            "site.yaml": "title: T\nmain_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/big.md": MINIMAL_PAPER + body + "\n[broken](/nope/)\n",
        }
    )
    assert main(["build", "--site", str(site)]) == 0
    capsys.readouterr()
    assert main(["check", "--site", str(site), "--built"]) == 1
    (found,) = [line for line in capsys.readouterr().err.splitlines() if "broken link" in line]
    lines = (MINIMAL_PAPER + body).count("\n") + 2
    assert found.startswith(f"content/papers/big.md:{lines}: broken link: /nope/ "), found


def test_a_broken_link_after_a_pasted_line_separator_is_named_at_its_own_line(
    make_site: Callable[[dict[str, str | bytes]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # U+2028 and U+0085 (pasted from a PDF or a web page) end no line for the build, an
    # editor or grep, but did for the line finding: the link was said at line 10
    abstract = "Line one.\nLine two \u2028 sep.\nLine three\x85 nel.\nA [broken](/nope/) link.\n"
    site = make_site(
        {
            "site.yaml": "title: T\nmain_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/p.md": MINIMAL_PAPER.replace("An abstract.\n", abstract),
        }
    )
    assert main(["check", "--site", str(site)]) == 1
    (found,) = [line for line in capsys.readouterr().err.splitlines() if "broken link" in line]
    assert found.startswith("content/papers/p.md:9: broken link: /nope/ "), found


def test_a_link_to_a_draft_says_it_is_a_draft_and_a_template_holding_it_too_is_named(
    make_site: Callable[[dict[str, str | bytes]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # A draft's page is not published: "put the file in static/" would be no help. A link
    # that both a record and the site's template hold is named at both, in one run.
    base = (REPO / "themes" / "default" / "templates" / "base.html").read_text(encoding="utf-8")
    footer = '<a href="{{ root }}static/cv.pdf">CV</a>'
    site = make_site(
        {
            "site.yaml": "title: T\nmain_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": MINIMAL_PAPER
            + "\nFollowed by [the next](papers/later/) and [my CV](static/cv.pdf).\n"
            + "Also [the first](papers/frist/).\n",
            "content/papers/next.md": MINIMAL_PAPER.replace("A Paper", "Later").replace(
                "date:", "slug: later\ndraft: true\ndate:"
            ),
            "templates/base.html": base.replace(
                "{{ words.atom_feed }}</a>", "{{ words.atom_feed }}</a>" + footer
            ),
        }
    )
    assert main(["check", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    found = sorted(line for line in err.splitlines() if "broken link" in line)
    footer_line = base[: base.index("{{ words.atom_feed }}</a>")].count("\n") + 1
    assert [line.split(": broken link: ")[0] for line in found] == [
        "content/papers/one.md:8",  # the draft
        "content/papers/one.md:8",  # the CV
        "content/papers/one.md:9",  # a mistyped slug
        f"templates/base.html:{footer_line}",
    ], err
    draft = next(line for line in found if "papers/later/" in line)
    assert "is the page of content/papers/next.md, a draft, which is not published" in draft
    assert "remove `draft: true` from content/papers/next.md" in draft
    assert "static/ folder" not in draft
    typo = next(line for line in found if "papers/frist/" in line)
    assert "no paper has the slug `frist`" in typo and "static/ folder" not in typo
    assert err.rstrip().endswith("4 problems in the built site.")
    assert main(["check", "--site", str(site), "--drafts"]) == 1  # the draft's page exists
    assert "papers/later/" not in capsys.readouterr().err


def _inserted(page: Path, markup: str) -> str:
    """Put ``markup`` at the end of the page's <main>; the page's text before."""
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</main>", markup + "</main>"), encoding="utf-8")
    return html


def test_links_are_read_as_a_browser_reads_the_markup(copy: Path) -> None:
    """Only real links count: not one in a comment, a script or a title; quoted `>` and `<`
    in a value, capitals, single quotes, bare values and `<a name>` anchors as HTML has them."""
    page = copy / "papers" / "fedrd" / "index.html"
    markup = (
        "<!-- <a href='../../commented/'>old</a> -->"
        "<script>document.write('<a href=\"../../scripted/\">x</a>')</script>"
        "<textarea><a href='../../typed/'>t</a></textarea>"
        '<A HREF="../../ok/" TITLE="a > b < c">one</A>'
        "<a title='x \" y' href='../../single/'>two</a>"
        "<a href=../../bare/>three</a>"
        '<a name="spot"></a><a href="#spot">to spot</a><a href="#missing">no</a>'
        '<img\n  alt="x > y"\n  src="../../static/none.png"><a href="../../after/">a</a>'
    )
    html = _inserted(page, markup)
    found = problems(copy)
    for gone in ("commented", "scripted", "typed"):
        assert not any(gone in p for p in found), found
    line = html[: html.index("</main>")].count("\n") + 1
    at = {p.split(" ", 3)[3].split(" ")[0]: p.split(": ")[0] for p in found}
    assert at == {
        "../../ok/": f"papers/fedrd/index.html:{line}",
        "../../single/": f"papers/fedrd/index.html:{line}",
        "../../bare/": f"papers/fedrd/index.html:{line}",
        "#missing": f"papers/fedrd/index.html:{line}",
        "../../static/none.png": f"papers/fedrd/index.html:{line}",  # where its tag starts
        "../../after/": f"papers/fedrd/index.html:{line + 2}",  # after a tag of three lines
    }


def test_markup_in_a_bogus_comment_is_no_link(copy: Path) -> None:
    """`<?…>` and `<!…>` (a doctype, CDATA outside SVG) run to their first `>` as comments,
    as a browser reads them: a tag written inside is text."""
    page = copy / "papers" / "fedrd" / "index.html"
    markup = (
        "<?php echo '<a href=\"../../processed/\">x</a>' ?>"
        "<![CDATA[ <a href='../../cdata/'>y</a> ]]>"
        "<!x <a href='../../bogus/'>z</a> -->"
        "<a href='../../real/'>r</a>"
    )
    _inserted(page, markup)
    found = problems(copy)
    assert [p.split(" ", 3)[3].split(" ")[0] for p in found] == ["../../real/"], found


def test_feed_entries_need_an_id_a_date_as_atom_writes_it_and_a_link(copy: Path) -> None:
    feed = copy / "authors" / "kaile-wang" / "feed.xml"
    text = feed.read_text(encoding="utf-8")
    entries = re.findall(r"  <entry>.*?</entry>\n", text, flags=re.S)
    assert len(entries) >= 3
    broken = [
        re.sub(r"<id>.*?</id>", "<id> </id>", entries[0]),
        # RFC 822 is RSS's form; Atom (RFC 4287 3.3) wants an RFC 3339 date-time
        re.sub(
            r"<(published|updated)>.*?</\1>", r"<\1>Mon, 27 May 2024 00:00:00 GMT</\1>", entries[1]
        ),
        re.sub(r'<link rel="alternate"[^>]*/>', "", entries[2]),
    ]
    for old, new in zip(entries[:3], broken, strict=True):
        text = text.replace(old, new)
    feed.write_text(text, encoding="utf-8")
    found = problems(copy)
    titles = [re.search(r"<title[^>]*>(.*?)</title>", entry).group(1) for entry in entries[:3]]  # type: ignore[union-attr]
    assert sorted(found) == sorted(
        f"authors/kaile-wang/feed.xml: entry `{title}` {what}"
        for title, what in zip(
            titles, ("has no id", "has no valid date", "has no link"), strict=True
        )
    )


def test_a_feed_entry_link_is_its_page_not_another_alternate(copy: Path) -> None:
    """An entry may have an alternate per type (RFC 4287 4.2.7.2): the page is the HTML one,
    as feed readers take it, whichever comes first."""
    feed = copy / "authors" / "kaile-wang" / "feed.xml"
    text = feed.read_text(encoding="utf-8")
    page = re.search(r'    <link rel="alternate" type="text/html" href="([^"]*)"/>\n', text)
    assert page is not None
    pdf = f'    <link rel="alternate" type="application/pdf" href="{page.group(1)}"/>\n'
    moved = page.group().replace(page.group(1), page.group(1) + "gone/")
    feed.write_text(text.replace(page.group(), pdf + moved, 1), encoding="utf-8")
    [problem] = problems(copy)
    assert f"broken link: {page.group(1)}gone/" in problem, problem


def _relinked_feed(copy: Path, link_attributes: str) -> str:
    """The site feed's text, its first entry's page link replaced by ``link_attributes``."""
    text = (copy / "feed.xml").read_text(encoding="utf-8")
    first = re.search(
        r'<link rel="alternate" type="text/html" href="([^"]+)"/>\n    <published', text
    )
    assert first is not None
    return text.replace(f'href="{first.group(1)}"', link_attributes, 1)


def test_a_feed_entry_link_is_resolved_against_xml_base(copy: Path) -> None:
    text = _relinked_feed(copy, 'href="no-such-paper/"')
    text = text.replace("<feed ", '<feed xml:base="https://user.github.io/repo/papers/" ', 1)
    (copy / "feed.xml").write_text(text, encoding="utf-8")
    found = problems(copy)
    assert len(found) == 1 and "papers/no-such-paper/" in found[0]


def test_links_resolve_from_their_page_as_urljoin_resolves_them() -> None:
    """The check's quick join agrees with the standard library on plain and odd references."""
    import random
    from urllib.parse import urljoin

    from generator.readback import join_url as _join

    rng = random.Random(7)
    parts = ["", ".", "..", "a", "b.html", "%2e", ".a", "a.", "x y", "é", "\\", ";p", "@"]
    pages = ["/repo/index.html", "/repo/papers/x/index.html", "/", "/repo/a//b/index.html"]
    tails = ["", "?q", "#f", "?q#f", "#", "?", "#a#b", "?#"]
    heads = ["", "/", "//h/", "a:", " ", "\t", "\n", "./"]
    for _ in range(20_000):
        url = rng.choice(heads) + "/".join(rng.choice(parts) for _ in range(rng.randint(0, 5)))
        url += rng.choice(tails)
        page = rng.choice(pages)
        assert _join(page, url) == urljoin(page, url), (page, url)


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_check_reads_an_up_to_date_output_as_it_is_and_builds_when_it_is_not(
    sample_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Right after a build, check reads output/ (no second build); after an edit, a hand
    change in output/ or with other options, it builds as before. output/ is never touched."""
    import os
    import time

    hour_ago = time.time() - 3600  # records saved moments ago are never trusted by time
    for path in sample_site.rglob("*"):
        os.utime(path, (hour_ago, hour_ago))
    assert main(["build", "--site", str(sample_site)]) == 0
    out = sample_site / "output"
    before = _snapshot(out)
    capsys.readouterr()

    assert main(["check", "--site", str(sample_site)]) == 0
    said = capsys.readouterr().out
    assert "is up to date with the site; checking it as it is" in said
    assert "check: 20 pages" in said

    # other options than the build's: built apart, as before
    assert main(["check", "--site", str(sample_site), "--drafts"]) == 0
    assert "up to date" not in capsys.readouterr().out

    # a page changed by hand: not what a build makes, so built apart (and reported clean)
    page = out / "papers" / "fedrd" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<a href='../nowhere/'>x</a>\n")
    assert main(["check", "--site", str(sample_site)]) == 0
    assert "up to date" not in capsys.readouterr().out
    page.write_bytes(before["papers/fedrd/index.html"][1])

    # an edited record, not built yet: the check is of the edit, not of the old output
    paper = sample_site / "content" / "papers" / "fedrd.md"
    paper.write_text(
        paper.read_text(encoding="utf-8").rstrip("\n") + " See [data](../../nowhere/).\n",
        encoding="utf-8",
    )
    assert main(["check", "--site", str(sample_site)]) == 1
    said = capsys.readouterr()
    assert "up to date" not in said.out
    assert "nowhere" in said.out + said.err
    after = _snapshot(out)
    after["papers/fedrd/index.html"] = before["papers/fedrd/index.html"]  # restored above
    assert {k: v[1] for k, v in after.items()} == {k: v[1] for k, v in before.items()}


def test_of_a_repeated_attribute_the_first_is_the_link_as_in_a_browser(copy: Path) -> None:
    page = copy / "papers" / "fedrd" / "index.html"
    twice = '<a href="../../first/" href="../../index.html" id="a" id="b">x</a><a href="#b">y</a>'
    _inserted(page, twice)
    found = problems(copy)
    assert [p.split(" ", 3)[3].split(" ")[0] for p in sorted(found)] == ["#b", "../../first/"]


def test_a_feed_date_may_be_a_leap_second_and_a_link_may_carry_its_own_base(copy: Path) -> None:
    text = _relinked_feed(
        copy, 'xml:base="https://user.github.io/repo/papers/" href="no-such-paper/"'
    )
    text = re.sub(r"<(updated|published)>[^<]*</\1>", r"<\1>2016-12-31T23:59:60Z</\1>", text)
    (copy / "feed.xml").write_text(text, encoding="utf-8")
    found = problems(copy)
    assert len(found) == 1 and "papers/no-such-paper/" in found[0], found


def test_check_of_a_site_whose_records_have_problems_never_says_it_wrote_nothing(
    make_site: Callable[[dict[str, str | bytes]], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A build's closing line, "nothing was written", read as if check could have written."""
    site = make_site(
        {
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/bad.md": "---\ntitle: T\nauthors: [A]\ndate: 2024-13-01\n---\nx\n",
        }
    )
    assert main(["check", "--site", str(site)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith("content/papers/bad.md:4: `date` 2024-13-01 has no month 13")
    assert err[-1] == "1 problem in the site's files; fix it and check again."
    assert not (site / "output").exists()
