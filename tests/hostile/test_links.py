"""Links: only http, https, mailto and site-relative URLs; everything else refused or dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.harness import assert_nothing_live, run_build, scheme, write_site
from tests.hostile.test_markup_injection import baseline  # noqa: F401  (fixture)

BAD = [
    ("javascript:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    (" javascript:alert(1)", "javascript"),
    ("java\tscript:alert(1)", "javascript"),
    ("java\nscript:alert(1)", "javascript"),
    ("\x01javascript:alert(1)", "javascript"),
    ("java\u200bscript:alert(1)", "javascript"),
    ("javascript&colon;alert(1)", "disguised"),
    ("&#106;avascript:alert(1)", "disguised"),
    ("&#x6A;&#x61;vascript:alert(1)", "disguised"),
    ("jav&#x09;ascript:alert(1)", "disguised"),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data"),
    ("DATA:image/svg+xml,<svg onload=alert(1)>", "data"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("VBScript:msgbox(1)", "vbscript"),
    ("file:///etc/passwd", "file"),
    ("ftp://example.org/x", "ftp"),
    ("livescript:alert(1)", "livescript"),
    ("//evil.example/x", "no scheme"),
    ("/\\evil.example/x", "no scheme"),
    ("\\\\evil.example/x", "no scheme"),
]
GOOD = ["https://example.org/x?a=1&b=2", "http://example.org", "mailto:ada@example.org",
        "papers/one/", "/static/cv.pdf", "#top", "?q=1"]  # fmt: skip
LOCATED = "uses the `{}:` scheme; only http, https and mailto links are allowed"
DISGUISED = "looks like a disguised URL scheme; only http, https and mailto links are allowed"


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


NO_SCHEME = "points to another host without a scheme; write it with https://"


def expected(kind: str) -> str:
    if kind == "no scheme":
        return NO_SCHEME
    return DISGUISED if kind == "disguised" else LOCATED.format(kind)


SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n"}
PAPER = (
    "---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: 2024-05-01\nlinks:\n  code: {}\n---\nx\n"
)
AUTHOR = "name: Ada Lovelace\nfield: CS\nlinks:\n  homepage: {}\n"


@pytest.mark.parametrize(("url", "kind"), BAD)
def test_bad_paper_link_is_a_located_error(url: str, kind: str, tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {**SITE, "content/authors/ada.yaml": AUTHOR.format("https://example.org"),
         "content/papers/one.md": PAPER.format(q(url))},
    )  # fmt: skip
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert problem["path"] == "content/papers/one.md" and problem["line"] == "6"  # the `code:` line
    assert problem["message"] == f"link `code` {expected(kind)}"
    assert not built.out.exists()


@pytest.mark.parametrize(("url", "kind"), BAD)
def test_bad_author_link_and_photo_are_located_errors(url: str, kind: str, tmp_path: Path) -> None:
    author = AUTHOR.format(q(url)) + f"photo: {q(url)}\n"
    site = write_site(
        tmp_path,
        {**SITE, "content/authors/ada.yaml": author,
         "content/papers/one.md": PAPER.format("https://example.org")},
    )  # fmt: skip
    built = run_build(site)
    assert built.status == 1
    problems = {(p["path"], p["line"], p["message"]) for p in built.problems()}
    hint = ": save the picture in static/ and write its path, such as `photo: static/photo.jpg`"
    if url[0] == "\x01":  # said alone: the text is not read further
        photo = "`photo` contains the control character U+0001; remove it"
    elif kind == "no scheme":  # not "write it with https://": a photo on another host is refused
        photo = f"`photo` is on another host ({url}); the site loads nothing from other hosts{hint}"
    else:
        photo = "`photo` " + expected(kind).partition(";")[0] + hint
    # The author record exists but has problems: main_author is not also called missing.
    assert problems == {
        ("content/authors/ada.yaml", "4", f"link `homepage` {expected(kind)}"),
        ("content/authors/ada.yaml", "5", photo),
    }


@pytest.mark.parametrize(("url", "kind"), BAD)
def test_bad_markdown_link_is_dropped_by_the_sanitiser(
    url: str,
    kind: str,
    tmp_path: Path,
    baseline: object,  # noqa: F811
) -> None:
    from tests.hostile.test_markup_injection import site_files

    files = site_files("Plain words")
    md_url = url.replace("\n", "").replace(" ", "%20").replace("\x01", "&#1;")
    body = f"[click]({md_url}) <a href={q(url)}>raw</a> <{md_url}>"
    files["content/papers/one.md"] = files["content/papers/one.md"].replace(
        "---\nPlain words\n", f"---\n{body}\n"
    )
    files["content/authors/ada.yaml"] = files["content/authors/ada.yaml"].replace(
        'bio: "Plain words"', f"bio: {q(body)}"
    )
    built = run_build(write_site(tmp_path, files))
    assert_nothing_live(built, baseline)  # type: ignore[arg-type]
    page = built.pages()["papers/one/index.html"]
    assert "click" in page.all_text()
    hrefs = [dict(a).get("href", "") for t, a in page.elements if t == "a"]
    assert not any("script" in scheme(h) or scheme(h) == "data" for h in hrefs)


@pytest.mark.parametrize("url", GOOD)
def test_good_links_are_kept(url: str, tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {**SITE, "content/authors/ada.yaml": AUTHOR.format(q(url)),
         "content/papers/one.md": PAPER.format(q(url))},
    )  # fmt: skip
    built = run_build(site)
    assert built.status == 0, built.stderr
    paper = built.pages()["papers/one/index.html"]
    # a relative link is relative to the site's root: from papers/one/, ../../ in front
    relative = not url.startswith(("http:", "https:", "mailto:", "/", "#"))
    assert ("../../" + url if relative else url) in set(paper.urls())


BAD_BASE_URLS = ["javascript:alert(1)", '"><script>alert(1)</script>', "//evil.example/",
                 "data:text/html,x", "https://x.org/\"onmouseover=\"alert(1)", "ftp://x.org/"]  # fmt: skip


@pytest.mark.parametrize("url", BAD_BASE_URLS)
def test_bad_base_url_is_a_located_error(url: str, tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {"site.yaml": f"title: T\nbuild_date: 2026-11-28\nbase_url: {q(url)}\n",
         "content/authors/ada.yaml": AUTHOR.format("https://example.org")},
    )  # fmt: skip
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("site.yaml", "3")
    assert problem["message"].startswith("`base_url` must be `/`, a path such as `/repo/`")
    (site / "site.yaml").write_text("title: T\nbuild_date: 2026-11-28\n")
    built = run_build(site, "--base-url", url)  # the command line's mistake: a usage error
    assert built.status == 2 and not built.out.exists()
    assert "argument --base-url:" in built.stderr
    assert "is not a path or an absolute http(s) URL" in built.stderr


@pytest.mark.parametrize(
    ("photo", "where"),
    [("https://evil.example/pixel.png", "is on another host"),
     ("http://evil.example/a.jpg", "is on another host"), ("HTTPS://x.org/a", "is on another host"),
     ("mailto:ada@example.org", "is on another host"),
     ("//cdn.example/ada.png", "is on another host"), ("/\\cdn.example/ada.png", "is on another host"),
     ("data:image/png;base64,iVBORw0KGgo=", "uses the `data:` scheme"),
     ("C:/Users/ada/photo.jpg", "uses the `c:` scheme")],
)  # fmt: skip
def test_a_photo_on_another_host_is_a_located_error(photo: str, where: str, tmp_path: Path) -> None:
    """An <img> from another host would be a request from every visitor's browser to it.

    Every photo that is not a file of the site gets the one hint that works (save it in
    static/), never a link's hint (`//host`: "write it with https://") that fails next.
    """
    site = write_site(
        tmp_path,
        {**SITE, "content/authors/ada.yaml": f"name: Ada Lovelace\nphoto: {q(photo)}\n",
         "content/papers/one.md": PAPER.format("https://example.org")},
    )  # fmt: skip
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/authors/ada.yaml", "2")
    assert problem["message"].startswith(f"`photo` {where}")
    assert "https://" not in problem["message"].replace(photo, "")  # no hint to write one
    assert "photo: static/photo.jpg" in problem["message"]
    (site / "content/authors/ada.yaml").write_text("name: Ada Lovelace\nphoto: static/ada.jpg\n")
    built = run_build(site)
    assert built.status == 0, built.stderr
    images = [dict(a)["src"] for t, a in built.pages()["index.html"].elements if t == "img"]
    assert images == ["./static/ada.jpg"]  # from the root page, the way to the root is ./
