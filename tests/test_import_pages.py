"""Moving a site: the old site's own pages of text (Teaching, Contact) come across as pages
of content/pages/; what this site builds itself, or the old one generated, is left out and
said; a page the site has is never written over."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest.scaffold import init_site

PROFILES = Path(__file__).parent / "fixtures" / "profile"


def site_for(tmp_path: Path, name: str) -> Path:
    site = tmp_path / "site"
    init_site(site, name)
    (site / "content" / "papers" / "example-paper.md").unlink()
    return site


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out + err


def imported(
    kind: str, folder: Path, site: Path, capsys: pytest.CaptureFixture[str], *more: str
) -> str:
    status, said = run(capsys, "import", kind, str(folder), "--site", str(site), *more)
    assert status == 0, said
    return said


def page(site: Path, slug: str) -> str:
    return (site / "content" / "pages" / f"{slug}.md").read_text(encoding="utf-8")


def pages(site: Path) -> dict[str, str]:
    folder = site / "content" / "pages"
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


def header_links(site: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The pages the built home page's header links, in order; and `check` passes."""
    status, said = run(capsys, "build", "--site", str(site))
    assert status == 0, said
    status, said = run(capsys, "check", "--site", str(site))
    assert status == 0, said
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    header = home.split("</nav>", 1)[0]
    return re.findall(r'<a href="\./([a-z-]+/)"', header)


def old_site(tmp_path: Path, fixture: str, **more: str) -> Path:
    """A copy of a fixture's old site, with more pages of ``_pages/`` (name → text)."""
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / fixture, folder)
    for name, text in more.items():
        (folder / "_pages" / f"{name}.md").write_text(text, encoding="utf-8")
    return folder


def left_out(said: str, path: Path) -> str:
    """The note that says ``path`` is not imported as a page."""
    found = [line for line in said.splitlines() if f"{path}" in line and "not imported" in line]
    assert len(found) == 1, said
    return found[0]


def test_academicpages_pages_come_with_title_place_and_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = site_for(tmp_path, "Ada Moretti")
    folder = PROFILES / "academicpages"
    said = imported("academicpages", folder, site, capsys)
    assert sorted(pages(site)) == ["contact", "teaching"]
    contact = page(site, "contact")
    # the header's order comes from _data/navigation.yml (Teaching second, Contact fifth)
    assert contact.startswith("---\ntitle: Contact\nnav: 5\n---\n")
    assert page(site, "teaching").startswith("---\ntitle: Teaching\nnav: 2\n---\n")
    # headings as written: the build makes them the page's outline under its title
    assert "\n# Where to find me\n" in contact
    assert "Via delle Belle Arti 41 | 40126 Bologna" in contact
    assert "[ada.moretti@example.it](mailto:ada.moretti@example.it)" in contact
    assert "iframe" not in contact
    # a link to the old site's own file keeps its words, not the address; said at its line
    assert "Directions to the department are here." in contact
    assert f"{folder / '_pages' / 'contact.md'}:18: the page's links" in said
    # the author's own text of a page that also listed a collection; the sub-items nested
    teaching = page(site, "teaching")
    assert "* Instructor of Record, University of Bologna" in teaching
    assert "\n  * Instructor of Record, Multivariate Analysis, Fall 2020\n" in teaching
    assert "{%" not in teaching
    assert f"{folder / '_pages' / 'teaching.html'}:18: the page's text is imported" in said
    # what this site builds, or the old one generated, is named and left out
    # at the `permalink:` that gives the address
    assert f"{folder / '_pages' / 'cv.md'}:4: not imported as a page: the CV" in said
    assert "bio" in left_out(said, folder / "_pages" / "about.md")
    assert "404.html" in left_out(said, folder / "_pages" / "404.md")
    talks = left_out(said, folder / "_pages" / "talks.html")
    assert talks.startswith(f"note: {folder / '_pages' / 'talks.html'}:14: ")
    assert "`talks`" in talks
    assert header_links(site, capsys) == ["cv/", "authors/", "teaching/", "contact/"]
    built = (site / "output" / "teaching" / "index.html").read_text(encoding="utf-8")
    assert "Multivariate Analysis" in built


def test_alfolio_pages_keep_nav_order_and_leave_layout_pages_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = site_for(tmp_path, "Mei Okafor")
    folder = PROFILES / "alfolio"
    said = imported("alfolio", folder, site, capsys)
    assert sorted(pages(site)) == ["contact", "teaching"]
    teaching = page(site, "teaching")
    assert teaching.startswith(
        "---\ntitle: teaching\nnav: 2\ndescription: Courses taught at UMich and Monsoon Math.\n"
    )
    assert "\n## University of Michigan\n" in teaching
    assert "\n## Monsoon Math Camp\n" in teaching
    assert "<details>" not in teaching and "Cut, Fold, Paste" in teaching
    contact = page(site, "contact")
    assert contact.startswith("---\ntitle: Contact\nnav: 4\n---\n")
    assert "Mile End Road, London" in contact and "<span" not in contact
    assert "layout" in left_out(said, folder / "_pages" / "dropdown.md")
    assert "repositories" in left_out(said, folder / "_pages" / "repositories.md")
    assert "profiles:" in left_out(said, folder / "_pages" / "profiles.md")
    assert "example text" in left_out(said, folder / "_pages" / "alumni.md")
    # a file without front matter is no page of the old site (the people page's part)
    assert "about_einstein" not in said
    assert header_links(site, capsys) == ["cv/", "authors/", "teaching/", "contact/"]


def test_hugo_pages_take_their_menu_weight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = site_for(tmp_path, "Test Person")
    folder = PROFILES / "hugo-blox"
    said = imported("hugo", folder, site, capsys)
    assert sorted(pages(site)) == ["contact", "service", "teaching"]
    teaching = page(site, "teaching")
    assert teaching.startswith(
        "---\ntitle: Teaching\nnav: 30\n"
        "description: Courses I teach at Lagos and have taught before.\n---\n"
    )
    assert "\n# Current courses\n" in teaching and "\n## Before\n" in teaching
    assert "{{<" not in teaching and "{style" not in teaching
    contact = page(site, "contact")
    assert contact.startswith("---\ntitle: Contact\nnav: 40\n---\n")
    assert "Please write from your university address" in contact
    assert "callout" not in contact
    # a landing page's markdown blocks are its text, each under its title; not in the menu
    service = page(site, "service")
    assert service.startswith("---\ntitle: Service\n---\n\n## Teaching Experience\n")
    assert "* Designed and taught the course's labs on variational inference" in service
    assert "Latest News" not in service
    assert "blocks" in left_out(said, folder / "content" / "experience.md")
    assert "section" in left_out(said, folder / "content" / "notes" / "_index.md")
    assert "blog" in left_out(said, folder / "content" / "blog" / "_index.md")
    assert header_links(site, capsys) == ["cv/", "authors/", "teaching/", "contact/"]


def test_a_page_of_the_site_is_never_written_over_and_a_second_import_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = site_for(tmp_path, "Mei Okafor")
    folder = PROFILES / "alfolio"
    mine = "---\ntitle: Get in touch\nnav: true\n---\nWrite to me.\n"
    (site / "content" / "pages").mkdir(parents=True)
    (site / "content" / "pages" / "contact.md").write_text(mine, encoding="utf-8")
    # a page whose `slug:` is the old page's address is the site's too
    mine_too = "---\ntitle: Courses\nslug: teaching\n---\nMy courses.\n"
    (site / "content" / "pages" / "courses.md").write_text(mine_too, encoding="utf-8")
    said = imported("alfolio", folder, site, capsys)
    assert pages(site) == {"contact": mine, "courses": mine_too}
    assert re.search(r"kept +content/pages/contact\.md .*never written over", said)
    assert re.search(r"kept +content/pages/courses\.md", said)

    (site / "content" / "pages" / "contact.md").unlink()
    (site / "content" / "pages" / "courses.md").unlink()
    imported("alfolio", folder, site, capsys)
    first = pages(site)
    said = imported("alfolio", folder, site, capsys)
    assert pages(site) == first
    assert "2 pages: 0 new, 2 unchanged, 0 kept" in said


def test_dry_run_writes_no_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_for(tmp_path, "Ada Moretti")
    said = imported("academicpages", PROFILES / "academicpages", site, capsys, "--dry-run")
    assert re.search(r"new +content/pages/contact\.md", said)
    assert not (site / "content" / "pages").exists()


def test_a_page_at_a_built_folder_is_renamed_and_a_broken_one_is_named_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = old_site(
        tmp_path,
        "academicpages",
        files=(
            "---\ntitle: Files\npermalink: /static/\ndescription: Materials for courses you "
            "taught. Replace this text with your description.\n---\n"
            "Slides and data of my talks\n===\n\nAll of them are on the lab's drive.\n"
        ),
        group="---\ntitle: Group\npermalink: /group/\nlayout: [single\n---\nWe are three.\n",
    )
    site = site_for(tmp_path, "Ada Moretti")
    said = imported("academicpages", folder, site, capsys)
    renamed = page(site, "static-page")
    assert renamed.startswith("---\ntitle: Files\n---\n")  # al-folio's example description
    assert "\nSlides and data of my talks\n===\n" in renamed
    assert (
        f"{folder / '_pages' / 'files.md'}: the page's address static/ is a folder of this "
        "site, which holds the theme's and the site's static files; imported as static-page/"
    ) in said
    assert f"{folder / '_pages' / 'group.md'}:4: " in said
    assert "group" not in pages(site)
    assert "contact" in pages(site)  # the others come
    header_links(site, capsys)


def test_a_folder_with_pages_alone_brings_the_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "old"
    (folder / "_pages").mkdir(parents=True)
    shutil.copy(PROFILES / "alfolio" / "_pages" / "teaching.md", folder / "_pages")
    site = site_for(tmp_path, "Mei Okafor")
    said = imported("alfolio", folder, site, capsys)
    assert "the pages alone are imported" in said
    assert list(pages(site)) == ["teaching"]
    # a folder with neither papers, nor a profile, nor pages is still refused
    (folder / "_pages" / "teaching.md").unlink()
    status, said = run(capsys, "import", "alfolio", str(folder), "--site", str(site))
    assert status == 1 and "no _bibliography/*.bib here" in said


def test_a_page_s_script_and_javascript_links_never_reach_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = old_site(
        tmp_path,
        "alfolio",
        join=(
            "---\nlayout: page\ntitle: <b>Join</b> us<script>alert(1)</script>\n"
            "permalink: /join/\nnav: true\n---\n\n"
            "We are hiring two PhD students this year.<script>alert('x')</script>\n\n"
            '<a href="javascript:alert(2)">Apply here</a> or [write](javascript:alert(3)) '
            'to us. <img src="x" onerror="alert(4)">\n'
        ),
    )
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Secret\n---\nPrivate notes of mine, not for the web.\n")
    (folder / "_pages" / "secret.md").symlink_to(secret)
    site = site_for(tmp_path, "Mei Okafor")
    said = imported("alfolio", folder, site, capsys)
    join = page(site, "join")
    assert join.startswith("---\ntitle: '**Join** us'\nnav: true\n---\n")
    assert "We are hiring two PhD students this year." in join
    for bad in ("script", "javascript", "onerror", "alert"):
        assert bad not in join
    # a page that is a link out of the folder is not read
    assert "secret" not in pages(site)
    assert f"{folder / '_pages' / 'secret.md'}: is a symbolic link" in said
    header_links(site, capsys)
    built = (site / "output" / "join" / "index.html").read_text(encoding="utf-8")
    assert "Apply here" in built and "javascript:" not in built


def test_a_readme_among_the_pages_keeps_its_name_from_a_page_called_readme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`README.md` (a note on the folder, no page) and a page `readme.md` are one file on
    a disk that ignores case (macOS, Windows): the import wrote one over the other."""
    folder = old_site(
        tmp_path,
        "academicpages",
        readme="---\ntitle: Read me first\npermalink: /readme/\n---\nHow to use our lab's "
        "servers, the printers and the shared drive, and who to ask.\n",
    )
    site = site_for(tmp_path, "Ada Moretti")
    note = site / "content" / "pages" / "README.md"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text("# Pages\n\nOne file a page.\n", encoding="utf-8")
    imported("academicpages", folder, site, capsys)
    assert note.read_text(encoding="utf-8") == "# Pages\n\nOne file a page.\n"
    assert not (site / "content" / "pages" / "readme.md").exists()
    assert "contact" in pages(site)  # the others come


def test_a_postal_address_keeps_its_line_breaks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A contact page's address, a line each (two blanks or a `\\` at each line's end, as
    Markdown breaks a line), was folded into one line: `Statistics University of
    Bologna\\ Via Belle Arti 41`, the backslash shown. Each line keeps its break."""
    folder = old_site(
        tmp_path,
        "academicpages",
        visit=(
            "---\ntitle: Visit us\npermalink: /visit/\n---\n"
            "Department of Statistics  \nUniversity of Bologna\\\nVia Belle Arti 41\n"
            "40126 Bologna, Italy\n"
        ),
    )
    site = site_for(tmp_path, "Ada Moretti")
    imported("academicpages", folder, site, capsys)
    assert page(site, "visit").endswith(
        "\nDepartment of Statistics\\\nUniversity of Bologna\\\n"
        "Via Belle Arti 41 40126 Bologna, Italy\n"
    )
    assert run(capsys, "build", "--site", str(site))[0] == 0
    html = (site / "output" / "visit" / "index.html").read_text("utf-8")
    assert "Department of Statistics<br>\nUniversity of Bologna<br>\nVia Belle Arti 41" in html
