"""A new user's records, then a hostile one's: what broke, and stays fixed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest

from generator.cli import main
from generator.config import normalise_base_url
from tests.browser import serve
from tests.hostile.harness import parse_html, run_build, write_site
from tests.test_browser import ada_site, context, open_page, visible_titles  # noqa: F401  (fixture)

SITE = "title: Ada\nmain_author: ada\nbuild_date: 2026-11-28\n"
AUTHOR = "name: Ada Lovelace\n"


def _paper(abstract: str, links: str = "") -> str:
    return f"---\ntitle: One\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n{links}---\n{abstract}\n"


def _problems_of(tmp_path: Path, paper: str) -> list[tuple[str, str]]:
    """The (line, message) of each problem a build of a site with ``paper`` finds in it."""
    site = write_site(
        tmp_path,
        {"site.yaml": SITE, "content/authors/ada.yaml": AUTHOR, "content/papers/one.md": paper},
    )
    built = run_build(site)
    assert built.status == 1
    return [(p["line"], p["message"]) for p in built.problems()]


def _anchors(page_html: str) -> list[dict[str, str]]:
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


def test_an_address_with_a_blank_or_a_quote_is_written_as_a_browser_follows_it(
    tmp_path: Path,
) -> None:
    """A link typed with a blank (a PDF's file name), a `"`, `<>`, `{}`, `|`, `^` or a lone
    `%` built an href the W3C checker refuses ("Illegal character in path segment"). Each is
    percent-encoded, as a browser does when it follows the link: the same address, valid."""
    written = {
        "pdf": "https://example.org/my paper.pdf",
        "code": 'https://example.org/x/y" onmouseover="alert(1)',
        "slides": "https://example.org/a{b}|c^d<e>`f?rate=100%",
        "data": "static/my data.csv",
    }
    links = "links:\n" + "".join(f"  {k}: '{v}'\n" for k, v in written.items())
    abstract = '<a href="static/my data.csv">raw</a> [md](<https://example.org/my paper.pdf>)'
    site = write_site(
        tmp_path,
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": AUTHOR
            + "photo: static/my photo.png\nlinks:\n  homepage: 'https://example.org/~ada|x'\n",
            "content/papers/one.md": _paper(abstract, links),
            "static/my photo.png": b"\x89PNG\r\n\x1a\n",
            "static/my data.csv": "a,b\n",
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    pages = built.pages()
    urls = [u for name in ("papers/one/index.html", "index.html") for u in pages[name].urls()]
    addresses = {unquote(u.removeprefix("../../").removeprefix("./")) for u in urls}
    assert set(written.values()) | {"static/my photo.png", "https://example.org/~ada|x"} <= (
        addresses
    )
    assert not [u for u in urls if re.search(r'[\s"<>`{}|^]|%(?![0-9A-F]{2})', u)]
    # The photo and the data file are still found where the pages lead
    assert main(["check", "--site", str(site)]) == 0


@pytest.mark.parametrize("url", ["https://u.github.io/repo/%2e%2e/", "/repo/.%2E/", "/%2e/"])
def test_a_dot_folder_written_as_percent_2e_in_the_base_url_is_refused(
    url: str, tmp_path: Path
) -> None:
    """A browser reads `%2e` in a path as `.` (WHATWG URL's dot segments): every canonical
    link, feed id and sitemap entry made from `https://u.github.io/repo/%2e%2e/` led to
    `https://u.github.io/…`, outside the site. It is refused as `..` is, at its line and
    given with --base-url."""
    site = write_site(
        tmp_path,
        {
            "site.yaml": SITE + f"base_url: '{url}'\n",
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/one.md": _paper("Words."),
        },
    )
    built = run_build(site)
    assert built.status == 1
    assert [(p["path"], p["line"], p["message"]) for p in built.problems()] == [
        (
            "site.yaml",
            "4",
            "`base_url` has a `.` or `..` folder in its path; write the folder it means",
        )
    ]
    assert not built.out.exists()
    assert normalise_base_url(url) is None
    assert run_build(site, "--base-url", url).status == 2


def test_a_text_field_that_yaml_reads_as_no_number_says_how_to_fix_it(tmp_path: Path) -> None:
    """`title: .nan` said only "`title` must be text", and a control character only that it
    was there: each message now says what was read and what to do."""
    paper = '---\ntitle: .nan\nauthors: [Ada Lovelace]\ndate: 2023\nvenue: "a\\x07b"\n---\nx\n'
    assert _problems_of(tmp_path, paper) == [
        ("2", "`title` must be text, not the number .nan; put it in quotes"),
        ("5", "`venue` contains the control character U+0007; remove it"),
    ]


def test_a_name_or_tag_of_invisible_characters_is_no_entry_as_an_empty_one_is(
    tmp_path: Path,
) -> None:
    """`""` in `authors` or `tags` is left out; a zero-width space, a joiner or an accent
    with no letter (pasted from a web page) was published as a name or tag that shows
    nothing: `Ada Lovelace, , ,` on the page and in cite.bib, an empty choice in the finder's
    tag menu. A title of accents alone is as empty as a title of blanks."""
    paper = (
        "---\ntitle: Real\n"
        'authors: ["Ada Lovelace", "", "\\u200b", "\\u200d", "\\u0301"]\n'
        'tags: [graphs, "", "\\u200b", "\\u2060"]\ndate: 2022\n---\nx\n'
    )
    files: dict[str, str | bytes] = {
        "site.yaml": SITE,
        "content/authors/ada.yaml": AUTHOR,
        "content/papers/one.md": paper,
    }
    built = run_build(write_site(tmp_path / "a", files))
    assert built.status == 0, built.stderr
    cite = (built.out / "papers/one/cite.bib").read_text("utf-8")
    assert "author = {Ada Lovelace}," in cite
    page = built.pages()["papers/one/index.html"]
    metas = [dict(a) for t, a in page.elements if t == "meta"]
    assert [m["content"] for m in metas if m.get("name") == "citation_author"] == ["Ada Lovelace"]
    cards = [dict(a) for t, a in built.pages()["index.html"].elements if "data-tags" in dict(a)]
    assert [card["data-tags"] for card in cards] == ["graphs"]
    # A title of accents alone
    files["content/papers/one.md"] = paper.replace("title: Real", 'title: "\\u0301\\u0301"')
    built = run_build(write_site(tmp_path / "b", files))
    assert built.status == 1
    assert [(p["line"], p["message"]) for p in built.problems()] == [
        ("2", "required field `title` is empty (the paper's title)")
    ]


@pytest.mark.parametrize("out", ["notes.txt/site", "notes.txt/a/b"])
def test_an_output_folder_inside_a_file_is_said_to_be_so_not_a_link_in_a_loop(
    out: str, tmp_path: Path
) -> None:
    """`--out notes.txt/site` said the path "leads through a symbolic link in a loop"
    (there is none): the file on the way is named."""
    site = write_site(
        tmp_path / "site",
        {"site.yaml": SITE, "content/authors/ada.yaml": AUTHOR, "notes.txt": "mine\n"},
    )
    built = run_build(site, out=site / out)
    assert built.status == 2
    assert built.stderr.strip() == (
        f"--out {site / out}: {site / 'notes.txt'} is a file, not a folder, so nothing can be "
        "built inside it; choose another folder, such as output/"
    )
    assert (site / "notes.txt").read_text() == "mine\n"


@pytest.mark.parametrize("command", [["build"], ["check"], ["new", "paper", "A Title"]])
def test_a_site_folder_that_is_not_there_is_said_so(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--site my-sitee` (mistyped) said "not a site folder (the site is /…)", naming
    whatever site was above the current folder, as if the user were inside it."""
    write_site(tmp_path, {"site.yaml": SITE, "content/authors/ada.yaml": AUTHOR})
    typo = tmp_path / "my-sitee"
    assert main([*command, "--site", str(typo)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"{typo}: no such folder; pass --site with the site's folder"
    )
    assert not typo.exists()


ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <entry>
    <id>http://arxiv.org/abs/2401.00002v1</id>
    <published>2024-01-01T00:00:00Z</published>
    <title>No authors</title>
    <summary>x</summary>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/2401.00003v1</id>
    <published>2024-01-01T00:00:00Z</published>
    <title>An open override</title>
    <summary>x</summary>
    <author><name>Ada Lovelace</name></author>
    <arxiv:primary_category term="cs.AI&#x202e;"/>
  </entry>
</feed>
"""
S2 = """{"authorId": "1", "name": "Ada Lovelace", "papers": [
 {"paperId": "abc", "title": "An open override", "year": 2023,
  "authors": [{"name": "Ada Lovelace"}], "venue": "x \\u202e y"},
 {"paperId": "def", "title": "No day", "year": 2023, "publicationDate": "2023-02-30",
  "authors": [{"name": "Ada Lovelace"}]}
]}
"""


@pytest.mark.parametrize(
    ("source", "name", "text", "said"),
    [
        (
            "bibtex",
            "papers.bib",
            "@article{a, title={No year}, author={Lovelace, Ada}}\n"
            "@article{c, title={Good}, author={Lovelace, Ada}, year={0999}}\n",
            [
                (1, "entry 'a': has no date (year); add the year it appeared, e.g. year = {2024}"),
                (2, "entry 'c': a new record content/papers/good.md would not build: `date`"),
            ],
        ),
        (
            "arxiv",
            "feed.xml",
            ATOM,
            [
                (3, "arXiv 2401.00002v1: has no authors"),
                (9, "arXiv 2401.00003v1: a new record content/papers/an-open-override.md would "),
            ],
        ),
        (
            "semanticscholar",
            "author.json",
            S2,
            [
                (2, "paper 'abc': a new record content/papers/an-open-override.md would not "),
                (4, "paper 'def': has the date '2023-02-30', which is no calendar day"),
            ],
        ),
    ],
)
def test_an_import_says_a_source_problem_and_a_record_problem_in_one_run(
    source: str,
    name: str,
    text: str,
    said: list[tuple[int, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An entry without a year stopped the import before the records the other entries
    would write were checked: a record that would not build was said only in a second run,
    once the first problem was fixed. Both are said in one run now; nothing is written."""
    site = write_site(tmp_path / "site", {"site.yaml": SITE, "content/authors/ada.yaml": AUTHOR})
    (tmp_path / name).write_text(text, "utf-8")
    assert main(["import", source, str(tmp_path / name), "--site", str(site)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[-1] == "2 problems; nothing was written."
    found = [line.removeprefix(f"{tmp_path / name}:") for line in lines[:-1]]
    assert len(found) == len(said), found
    for (number, message), line in zip(said, found, strict=True):
        assert line.startswith(f"{number}: {message}"), line
    assert not (site / "content" / "papers").exists() or not any(
        (site / "content" / "papers").iterdir()
    )


def test_a_tag_holding_a_pipe_or_a_percent_sign_finds_its_papers(
    context: Any,  # noqa: F811
    make_site: Any,
    tmp_path: Path,
) -> None:
    """The cards' `data-tags` put `|` between tags: a tag `A|B testing` was `A` and
    `B testing` to the finder, so choosing it in the tag menu hid every paper it was on."""
    papers = {
        "a": "title: Paper a\ntags: ['A|B testing', '100%']",
        "b": "title: Paper b\ntags: [A, 'B testing', '100%7C']",
        "c": "title: Paper c\ntags: [safety]",
    }
    out = ada_site(make_site, tmp_path / "out", papers)
    with serve(out) as url:
        for tag, titles in (("A|B testing", ["Paper a"]), ("100%", ["Paper a"]),
                            ("100%7C", ["Paper b"]), ("A", ["Paper b"])):  # fmt: skip
            page, errors = open_page(context, f"{url}?tag={quote(tag)}")
            page.locator("#finder-status").wait_for()
            assert sorted(visible_titles(page)) == titles, tag
            assert not errors


def test_a_link_with_its_scheme_in_capitals_is_a_link_to_another_site(tmp_path: Path) -> None:
    """`homepage: HTTPS://EXAMPLE.ORG/ada` built, but `check` called it a broken link of
    the site ("`..` leads out of the site's root, to ;") and the profile's JSON-LD left it
    out of `sameAs`: both read `https://` in lower case only. The scheme is written in
    lower case, as browsers read it."""
    site = write_site(
        tmp_path,
        {
            "site.yaml": SITE + "base_url: https://u.github.io/repo/\n",
            "content/authors/ada.yaml": AUTHOR + "links:\n  homepage: HTTPS://EXAMPLE.ORG/Ada\n",
            "content/papers/one.md": _paper("Words.", "links:\n  code: Https://example.org/c\n"),
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    profile = (built.out / "index.html").read_text("utf-8")
    assert 'href="https://EXAMPLE.ORG/Ada"' in profile
    assert '"sameAs": ["https://EXAMPLE.ORG/Ada"]' in profile
    paper = (built.out / "papers/one/index.html").read_text("utf-8")
    assert '"codeRepository": "https://example.org/c"' in paper
    assert main(["check", "--site", str(site)]) == 0


@pytest.mark.parametrize("authors", ['[""]', '["\\u200b", " "]'])
def test_an_author_list_of_names_that_show_nothing_is_an_empty_one(
    authors: str, tmp_path: Path
) -> None:
    """It was "`authors` must list at least one name, not only `et al.`", with no `et al.`
    in it: it is said as `authors: []` is."""
    paper = f"---\ntitle: T\nauthors: {authors}\ndate: 2022\n---\nx\n"
    assert _problems_of(tmp_path, paper) == [
        ("3", "required field `authors` is empty (list of names in order; end with 'et al.' if "
              "truncated)")
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [
        ("doi: 10.1234/ABC", "links:\n  doi: https://doi.org/10.1234/abc",
         "doi `10.1234/abc` is also the doi of content/papers/a.md"),
        ("arxiv_id: 2401.00001v1", "links:\n  arxiv: https://arxiv.org/abs/2401.00001v2",
         "arxiv_id `2401.00001v2` is also the arxiv_id of content/papers/a.md"),
    ],
)  # fmt: skip
def test_an_identifier_given_as_a_link_is_one_paper_with_the_record_that_names_it(
    first: str, second: str, said: str, tmp_path: Path
) -> None:
    """Two records of one paper, its DOI in one as `doi:` and in the other as a link
    (`links: {doi: …}`), built and counted its citations twice; as two `doi:` fields, the
    build refused them. A link names the paper's identifier as the field does."""

    def paper(title: str, lines: str) -> str:
        return f"---\ntitle: {title}\nauthors: [Ada Lovelace]\ndate: 2022\n{lines}\n---\nx\n"

    site = write_site(
        tmp_path,
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/a.md": paper("A", first),
            "content/papers/b.md": paper("B", second),
            # one record naming it both ways is one paper
            "content/papers/c.md": paper("C", "doi: 10.9/c\nlinks:\n  doi: https://doi.org/10.9/c"),
        },
    )
    built = run_build(site)
    assert built.status == 1
    assert [(p["path"], p["line"], p["message"]) for p in built.problems()] == [
        ("content/papers/b.md", "6", said + ": two records for one paper list it twice and "
         "count its citations twice; keep one record, or correct the identifier"),
    ]  # fmt: skip


def test_a_noncharacter_is_refused_as_a_control_character_is(tmp_path: Path) -> None:
    """U+FDD0 to U+FDEF and the last two code points of each plane (U+1FFFF, U+10FFFF) were
    published: the W3C checker refuses a page with one ("Forbidden code point U+fdd0",
    "Astral non-character"). Refused at their line as U+FFFE already was, and DEL too; one
    written as a reference in Markdown (`&#xFDD0;`) is left out of the page."""
    paper = (
        '---\ntitle: "A \\uFDD0 B"\nauthors: [Ada Lovelace]\ndate: 2023\nvenue: "V \\x7f"\n'
        "---\nText \U0001ffff here.\n"
    )
    # The file's own characters are read first; then each field's, written as escapes
    assert _problems_of(tmp_path / "a", paper) == [
        ("7", "contains the control character U+1FFFF; remove it"),
    ]
    assert _problems_of(tmp_path / "b", paper.replace("\U0001ffff", "")) == [
        ("2", "`title` contains the control character U+FDD0; remove it"),
        ("5", "`venue` contains the control character U+007F; remove it"),
    ]
    raw = "---\ntitle: T\nauthors: [Ada Lovelace]\ndate: 2023\n---\nText \U0010ffff here.\n"
    assert _problems_of(tmp_path / "c", raw) == [
        ("6", "contains the control character U+10FFFF; remove it")
    ]
    site = write_site(
        tmp_path / "d",
        {
            "site.yaml": SITE,
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/one.md": _paper("Text &#xFDD0; and &#x10FFFF; here."),
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    page = (built.out / "papers/one/index.html").read_text("utf-8")
    assert "Text  and  here." in page
    assert not re.search("[\ufdd0-\ufdef\U0010ffff]", page)


def test_a_site_title_of_invisible_characters_is_no_title(tmp_path: Path) -> None:
    """`title: ""` gives the default name, so that the header's link has words; a
    zero-width space alone (pasted) made that link show nothing on every page."""
    site = write_site(
        tmp_path,
        {
            "site.yaml": 'title: "\\u200b"\nmain_author: ada\nbuild_date: 2026-11-28\n',
            "content/authors/ada.yaml": AUTHOR,
            "content/papers/one.md": _paper("Words."),
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert '<a class="brand" href="./">Publications</a>' in (built.out / "index.html").read_text()
