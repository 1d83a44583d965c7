"""A twelfth trial, as a PhD student publishing for the first time from the README alone:
`authorsite init`, her papers, then GitHub Pages (a user site, a project site under
`/site/`, a custom domain) and Google Scholar."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site made by `authorsite init`, its example paper replaced by one of her own."""
    folder = tmp_path / "my-site"
    assert main(["init", str(folder), "--name", "Priya Raman"]) == 0
    (folder / "content" / "papers" / "example-paper.md").unlink()
    return folder


def _paper(site: Path, pdf: str) -> None:
    (site / "content" / "papers" / "folding.md").write_text(
        "---\ntitle: Graph Networks for Folding\nauthors: [Priya Raman, John Smith]\n"
        f"date: 2024-05-07\nvenue: Nature Methods\nlinks:\n  pdf: {pdf}\n---\nAn abstract.\n",
        encoding="utf-8",
    )


def _scholar_pdf(site: Path) -> str | None:
    page = (site / "output" / "papers" / "folding" / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<meta name="citation_pdf_url" content="([^"]*)"', page)
    return found[0] if found else None


@pytest.mark.parametrize(
    ("typed", "pages"),
    [
        ("https://github.com/priya/site", "https://priya.github.io/site/"),
        ("https://github.com/Priya/site/tree/main", "https://priya.github.io/site/"),
        ("https://github.com/priya/priya.github.io", "https://priya.github.io/"),
        ("https://github.com/priya", "https://priya.github.io/"),
        ("github.com/priya/site", "https://priya.github.io/site/"),  # copied without https://
        # a file of the repository as GitHub gives it, and a gist: no site is served there
        ("https://raw.githubusercontent.com/priya/site/main/", "https://priya.github.io/site/"),
        ("https://gist.github.com/priya/4f1e2d", "https://priya.github.io/ or https://"),
    ],
)
def test_the_repository_s_address_as_base_url_is_refused_naming_the_pages_one(
    site: Path, typed: str, pages: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The repository's page on github.com was taken as the site's address: every canonical
    link, feed entry, sitemap entry and Scholar tag named a page that does not exist."""
    _paper(site, "static/folding.pdf")
    with pytest.raises(SystemExit) as usage:
        main(["build", "--site", str(site), "--base-url", typed])
    assert usage.value.code == 2
    assert f"write the site's GitHub Pages address, {pages}" in capsys.readouterr().err
    config = site / "site.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("base_url: /", f"base_url: {typed}"),
        encoding="utf-8",
    )
    line = next(
        n for n, text in enumerate(config.read_text().splitlines(), 1) if "base_url:" in text
    )
    assert main(["build", "--site", str(site)]) == 1
    said = capsys.readouterr().err
    host = typed.removeprefix("https://").partition("/")[0]
    assert f"site.yaml:{line}: `base_url` " in said and f"names {host}" in said
    assert f"GitHub Pages address, {pages}" in said and "or its custom domain" in said
    assert not (site / "output").exists()


@pytest.mark.parametrize(
    ("base_url", "in_actions", "told"),
    [
        ("http://priya.github.io/site/", False, "GitHub Pages serves priya.github.io over https"),
        ("http://priya.github.io/site/", True, "GitHub Pages serves priya.github.io over https"),
        ("http://priya-raman.org", True, "custom domain does not enforce HTTPS yet"),
        ("http://priya-raman.org", False, None),  # a host of her own may have http alone
        ("https://priya-raman.org", True, None),
        ("https://priya.github.io/site", True, None),
        ("http://localhost:8000/", True, None),
    ],
)
def test_an_http_address_github_pages_serves_over_https_is_said_by_the_build(
    site: Path,
    base_url: str,
    in_actions: bool,
    told: str | None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """configure-pages gives a custom domain's address as http:// until *Enforce HTTPS* is
    ticked, and the workflow runs no `check`: the published site named http:// addresses
    everywhere, and only the build's log could say so."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true" if in_actions else "false")
    _paper(site, "static/folding.pdf")
    assert main(["build", "--site", str(site), "--base-url", base_url]) == 0
    said = capsys.readouterr().err
    assert (told is not None and told in said) or (told is None and "GitHub Pages" not in said)
    if told and "custom domain" in told:
        assert "Enforce HTTPS" in said and "run the workflow again" in said


@pytest.mark.parametrize(
    ("pdf", "named"),
    [
        ("static/papers/folding.pdf", True),
        ("static/papers/Folding.PDF", True),
        ("static/papers/folding-slides.pptx", False),
        ("static/papers/folding.txt", False),
        ("papers/folding/", False),  # a page of the site, not a file
    ],
)
def test_scholar_is_given_a_pdf_only_for_a_pdf_file_of_the_site(
    site: Path, pdf: str, named: bool
) -> None:
    """A record's `pdf:` naming slides or a text file gave Scholar that file as the paper's
    full text ("a PDF file that ends with .pdf")."""
    _paper(site, pdf)
    if pdf.startswith("static/"):
        (site / pdf).parent.mkdir(parents=True, exist_ok=True)
        (site / pdf).write_bytes(b"%PDF-1.4\n")
    base = "https://priya.github.io/site/"
    assert main(["build", "--site", str(site), "--base-url", base]) == 0
    assert _scholar_pdf(site) == (base + pdf if named else None)


def test_a_pdf_in_an_underscored_folder_is_served_under_the_project_path_for_scholar(
    site: Path,
) -> None:
    """`static/_papers/` (as Jekyll's habits name folders) is published and served: a site
    deployed by Actions runs no Jekyll, and one published from a branch has `.nojekyll`.
    The PDF Scholar is given, the paper's page and the sitemap naming it all answer under
    the project's path, and robots.txt keeps no crawler from them."""
    from urllib.request import urlopen

    from tests.browser import serve_like_pages

    pdf = "static/_papers/folding.pdf"
    _paper(site, pdf)
    (site / pdf).parent.mkdir(parents=True)
    (site / pdf).write_bytes(b"%PDF-1.4\n")
    base = "https://priya.github.io/site/"
    assert main(["build", "--site", str(site), "--base-url", base]) == 0
    out = site / "output"
    assert (out / ".nojekyll").is_file()
    scholar = _scholar_pdf(site)
    assert scholar == base + pdf
    with serve_like_pages(out, "/site/") as served:
        with urlopen(served + scholar.removeprefix(base), timeout=10) as answer:
            assert answer.read().startswith(b"%PDF")
        with urlopen(served + "sitemap.xml", timeout=10) as answer:
            assert f"<loc>{base}papers/folding/</loc>" in answer.read().decode()
        with urlopen(served + "papers/folding/", timeout=10) as answer:
            assert answer.status == 200
        with urlopen(served + "robots.txt", timeout=10) as answer:
            robots = answer.read().decode()
    assert "Disallow: /" not in robots and f"Sitemap: {base}sitemap.xml" in robots


def test_check_at_the_root_names_a_record_s_link_a_project_site_would_lose(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """site.yaml's `base_url: /` (init's) previews the site at the host's root, where a
    bio's `/static/cv.pdf` works; the workflow publishes a project's site under `/REPO/`,
    where it was GitHub's 404, and neither the build nor `check` had said a word."""
    _paper(site, "static/folding.pdf")
    (site / "static").mkdir()
    for name in ("cv.pdf", "folding.pdf"):
        (site / "static" / name).write_bytes(b"%PDF-1.4\n")
    author = site / "content" / "authors" / "priya-raman.yaml"
    text = author.read_text(encoding="utf-8")
    author.write_text(
        text.replace("Markdown works here.", "Markdown works here.\n  My [CV](/static/cv.pdf)."),
        encoding="utf-8",
    )
    line = 1 + author.read_text(encoding="utf-8").splitlines().index("  My [CV](/static/cv.pdf).")
    assert main(["check", "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert f"content/authors/priya-raman.yaml:{line} `/static/cv.pdf`" in out
    assert "lead out of a project site" in out and "(`static/cv.pdf` for `/static/cv.pdf`)" in out
    author.write_text(text.replace("Markdown works here.", "My [CV](static/cv.pdf)."))
    assert main(["check", "--site", str(site)]) == 0
    assert "host's root" not in capsys.readouterr().out
    # a paper's `links:` and an author's photo, as YAML writes them, are named as well
    (site / "static" / "me.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    author.write_text(
        text.replace('name: "Priya Raman"', 'name: "Priya Raman"\nphoto: /static/me.png')
    )
    _paper(site, "'/static/folding.pdf'")
    assert main(["check", "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert "2 link(s) of the records are written from the host's root" in out
    assert "content/authors/priya-raman.yaml:2 `/static/me.png`" in out
    assert "content/papers/folding.md:7 `/static/folding.pdf`" in out


@pytest.mark.browser
def test_the_search_works_on_a_project_site_served_under_its_path(site: Path, browser: Any) -> None:
    """A search under `/site/` keeps its query in the address (`/site/?q=…`), which a reload
    and the back button keep, and the paper it finds opens under `/site/`: nothing asked
    for answers 404, as a path taken from the host's root would."""
    from tests.browser import serve_like_pages
    from tests.test_browser import open_page, visible_titles

    _paper(site, "https://example.org/folding.pdf")
    (site / "content" / "papers" / "attention.md").write_text(
        "---\ntitle: Attention Is Sparse\nauthors: [Priya Raman]\ndate: 2023-07-01\n"
        "venue: ICML 2023\n---\nAn abstract.\n",
        encoding="utf-8",
    )
    assert main(["build", "--site", str(site), "--base-url", "https://priya.github.io/site/"]) == 0
    with serve_like_pages(site / "output", "/site/") as served:
        ctx = browser.new_context()
        page, errors = open_page(ctx, served)
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.locator("#find-q").fill("folding")
        page.wait_for_function("location.search === '?q=folding'")
        assert page.url == served + "?q=folding"
        assert visible_titles(page) == ["Graph Networks for Folding"]
        page.reload()
        assert visible_titles(page) == ["Graph Networks for Folding"]
        page.locator("article.card:visible .title a").first.click()
        page.wait_for_url(served + "papers/folding/")
        page.go_back()
        page.wait_for_url(served + "?q=folding")
        assert visible_titles(page) == ["Graph Networks for Folding"]
        assert failed == [] and errors == []
        ctx.close()


def test_the_site_s_readme_says_what_a_readme_at_the_site_s_address_means(site: Path) -> None:
    """Pages left on *Deploy from a branch* publishes the repository's README.md as the
    home page, and the workflow's Deploy fails with a bare `HttpError: Not Found`: the
    README init writes, the file she then sees at her address, says which switch to turn."""
    readme = (site / "README.md").read_text(encoding="utf-8")
    said = " ".join(readme.split())
    assert "shows this README instead of your profile" in said
    assert '"Deploy from a branch": choose "GitHub Actions" and run it again' in said


@pytest.mark.parametrize(
    ("base_url", "path"),
    [
        ("https://priya.github.io/site", "/site/"),  # a project site, typed without its `/`
        ("https://priya.github.io/", "/"),  # a user site
        ("https://priya-raman.org", "/"),  # a custom domain
    ],
)
def test_every_address_her_site_names_answers_where_github_pages_serves_it(
    site: Path, base_url: str, path: str
) -> None:
    """Her site as she made it (a photo, a CV in static/, a page of her own, PDFs in
    `static/papers/` and `static/_papers/`), crawled from the home page and robots.txt as
    GitHub Pages serves it: every href and src of every page, every feed and sitemap entry
    and every address on her own host leads to a file of the site."""
    from tests.browser import serve_like_pages
    from tests.test_pages_hosting import crawl

    _paper(site, "static/_papers/folding.pdf")
    files = {
        "static/_papers/folding.pdf": b"%PDF-1.4\n",
        "static/papers/attention.pdf": b"%PDF-1.4\n",
        "static/cv.pdf": b"%PDF-1.4\n",
        "static/me.png": b"\x89PNG\r\n\x1a\n",
        "content/pages/teaching.md": "---\ntitle: Teaching\n---\n"
        "CS 101 ([syllabus](static/cv.pdf)); [a paper](papers/attention/).\n",
        "content/papers/attention.md": "---\ntitle: Attention Is Sparse\nauthors: "
        "[Priya Raman]\ndate: 2023-07-01\nvenue: ICML 2023\nlinks:\n"
        "  pdf: static/papers/attention.pdf\n---\nSee [the CV](static/cv.pdf).\n",
    }
    for rel, content in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (site / rel).write_bytes(content)
        else:
            (site / rel).write_text(content, encoding="utf-8")
    author = site / "content" / "authors" / "priya-raman.yaml"
    author.write_text(
        author.read_text(encoding="utf-8").replace(
            'name: "Priya Raman"', 'name: "Priya Raman"\nphoto: static/me.png'
        ),
        encoding="utf-8",
    )
    assert main(["build", "--site", str(site), "--base-url", base_url]) == 0
    with serve_like_pages(site / "output", path) as served:
        seen, broken = crawl(base_url.rstrip("/") + "/", served)
    assert broken == []
    reached = {url.removeprefix(served) for url in seen}
    assert {"teaching/", "papers/folding/", "papers/attention/", "cv/", "sitemap.xml"} <= reached
    assert {"static/_papers/folding.pdf", "static/me.png", "static/cv.pdf"} <= reached
