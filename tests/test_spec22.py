"""SPEC conformance found by the spec22 audit: what SPEC.md states that the program did not do.

Each test names the statement it holds the program to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.assemble import Known, assemble
from generator.cli import main
from generator.errors import Problems
from generator.model import Author, Paper, PartialDate, SiteConfig


# SPEC §5: "Exit status: 0 success; 1 content errors (every error listed, each as
# `path:line: message`); 2 usage errors." A title, a folder or an option's value given on
# the command line that `init` or `new` cannot use is a usage error (as `--base-url ""`
# and `--out` a folder with files already were), not a problem of the site's records.
@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    assert main(["init", str(folder), "--name", "Ada Lovelace"]) == 0
    return folder


def _records(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "content").rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "args",
    [
        ["new", "paper", " "],  # `"$TITLE"` with the variable not set
        ["new", "page", ""],
        ["new", "paper", "A Title", "--author", "nobody"],
        ["new", "paper", "A Title", "--author", "Ada Lovelace"],  # the name, not the slug
    ],
)
def test_new_with_an_argument_it_cannot_use_is_a_usage_error(
    site: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = _records(site)
    capsys.readouterr()
    assert main([*args, "--site", str(site)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "nothing was written" in err
    assert _records(site) == before


def test_init_with_a_slug_it_cannot_use_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # (A folder that holds files: test_init_new.py's test_init_never_touches_a_folder_with_files.)
    assert main(["init", str(tmp_path / "new"), "--slug", "Ada Lovelace"]) == 2
    assert not (tmp_path / "new").exists()
    assert "write --slug ada-lovelace" in capsys.readouterr().err


def test_a_record_that_is_there_already_stays_a_content_error(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The site's own records, not the command line, are what stops these: exit status 1.
    assert main(["new", "paper", "A Title", "--site", str(site)]) == 0
    assert main(["new", "paper", "A Title", "--site", str(site)]) == 1
    (site / "content/papers/broken.md").write_text(
        "---\ntitle: Broken\nauthors: [Ada Lovelace]\ndate: 2024-13-01\n---\n", encoding="utf-8"
    )
    assert main(["build", "--site", str(site)]) == 1
    assert "content/papers/broken.md:4: `date` 2024-13-01 has no month 13" in (
        capsys.readouterr().err
    )


# SPEC §2: an author's `links` are "homepage, scholar, orcid, github, …". An ORCID iD or a
# GitHub user name written as researchers write them (as the importers read them from
# academicpages and al-folio) made a path of the site, `./0000-0002-1825-0097`, which led
# nowhere, and the build said to put a file of that name in static/.
def test_an_orcid_id_or_user_name_links_to_the_author_s_profile_there(
    make_site: Callable[[dict[str, str | bytes]], Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = make_site(
        {
            "site.yaml": "main_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": """\
                name: Ada Lovelace
                links:
                  orcid: 0000-0002-1825-009X
                  scholar: qc6CJjYAAAAJ
                  github: '@ada-l'
                  x: ada_l
                  homepage: static/about.html
                """,
            "static/about.html": "<p>About</p>",
        }
    )
    out = tmp_path / "out"
    assert main(["build", "--site", str(site), "--out", str(out)]) == 0
    assert "leads to nothing" not in capsys.readouterr().err
    page = (out / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<li><a href="([^"]*)" rel="me noopener">', page)
    assert hrefs == [
        "https://orcid.org/0000-0002-1825-009X",
        "https://scholar.google.com/citations?user=qc6CJjYAAAAJ",
        "https://github.com/ada-l",
        "https://x.com/ada_l",
        "./static/about.html",  # a path of the site stays one
    ]
    assert '"sameAs": ["https://orcid.org/0000-0002-1825-009X"' in page


def test_a_profile_link_s_name_in_capitals_links_to_the_profile_too(
    make_site: Callable[[dict[str, str | bytes]], Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `ORCID: 0000-…` (as ORCID writes its name) made `./0000-…` again, and the build said
    # to put a file of that name in static/
    site = make_site(
        {
            "site.yaml": "main_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": """\
                name: Ada Lovelace
                links:
                  ORCID: 0000-0002-1825-009X
                  GitHub: ada-l
                """,
        }
    )
    out = tmp_path / "out"
    assert main(["build", "--site", str(site), "--out", str(out)]) == 0
    assert "leads to nothing" not in capsys.readouterr().err
    page = (out / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<li><a href="([^"]*)" rel="me noopener">([^<]*)<', page) == [
        ("https://orcid.org/0000-0002-1825-009X", "ORCID"),
        ("https://github.com/ada-l", "GitHub"),
    ]


def _description(page: Path) -> str:
    found = re.search(r'<meta name="description" content="([^"]*)">', page.read_text("utf-8"))
    assert found is not None
    return found.group(1)


# site.yaml's `description` is "one sentence for search engines", but the site's root (the
# main author's profile) said a generated sentence instead, and a site without a
# description and a main author had an empty one at its root.
def test_the_site_root_says_the_site_description_and_never_nothing(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    records: dict[str, str | bytes] = {
        "content/authors/ada.yaml": "name: Ada Lovelace\nfield: AI\n",
        "content/authors/bob.yaml": "name: Bob Smith\n",
        "content/papers/p.md": "---\ntitle: P\nauthors: [Ada Lovelace, Bob Smith]\n"
        "date: 2024-05-01\n---\nText.\n",
    }
    site = make_site(
        {
            **records,
            "site.yaml": "title: Lab\ndescription: Ada's work on engines.\nmain_author: ada\n",
        }
    )
    out = tmp_path / "out"
    assert main(["build", "--site", str(site), "--out", str(out)]) == 0
    assert _description(out / "index.html") == "Ada&#39;s work on engines."
    assert _description(out / "authors/ada/index.html") == "Ada&#39;s work on engines."
    assert _description(out / "authors/bob/index.html") == (
        "Bob Smith: 1 paper, with abstracts, metrics and citations."
    )
    # Without a description: the main author's profile says who and how many papers ...
    (site / "site.yaml").write_text("title: Lab\nmain_author: ada\n", encoding="utf-8")
    assert main(["build", "--site", str(site), "--out", str(out)]) == 0
    assert _description(out / "index.html") == (
        "Ada Lovelace: 1 paper in AI, with abstracts, metrics and citations."
    )
    # ... and a root that lists the authors names them.
    (site / "site.yaml").write_text("title: Lab\n", encoding="utf-8")
    assert main(["build", "--site", str(site), "--out", str(out)]) == 0
    assert _description(out / "index.html") == "Lab: Ada Lovelace, Bob Smith"
    # A page with nothing to say (the 404 page of a site without one) has no empty one.
    missing = (out / "404.html").read_text(encoding="utf-8")
    assert 'content=""' not in missing and "description" not in missing


# SPEC §3 "co-authors: most frequent co-authors with counts", and a paper is an author's
# when their `name` or one of their `aliases` is in its list: a site author listed under
# an alias on one paper and by name on another was two co-authors, one paper each.
def test_a_site_author_listed_by_an_alias_is_one_co_author() -> None:
    bob = Author(slug="bob", source="content/authors/bob.yaml", name="Bob Smith")
    ada = Author(
        slug="ada", source="content/authors/ada.yaml", name="Ada Lovelace", aliases=("A. Lovelace",)
    )
    papers = [
        Paper(slug="a", source="a.md", title="A", authors=("Bob Smith", "A. Lovelace", "Carl Jung"),
              date=PartialDate(2023)),
        Paper(slug="b", source="b.md", title="B", authors=("Ada Lovelace", "Bob Smith"),
              date=PartialDate(2024)),
    ]  # fmt: skip
    keys = {id(r): f"key-{r.slug}" for r in [*papers, ada, bob]}

    def coauthors(authors: list[Author], known: Known | None) -> tuple[tuple[str, int], ...]:
        site = assemble(SiteConfig(), papers, authors, Problems(), record_keys=keys, known=known)
        return next(p for p in site.profiles if p.author.slug == "bob").coauthors

    assert coauthors([ada, bob], None) == (("Ada Lovelace", 2), ("Carl Jung", 1))
    # Computed by an earlier build before the alias was written: not taken for the new names.
    plain = Author(slug="ada", source="content/authors/ada.yaml", name="Ada Lovelace")
    keys[id(plain)] = "key-ada"  # (a record key is the file's; the cache must see the names)
    known = Known()
    assert coauthors([plain, bob], known) == (
        ("A. Lovelace", 1),
        ("Ada Lovelace", 1),
        ("Carl Jung", 1),
    )
    assert coauthors([ada, bob], Known.decode(known.encode())) == (
        ("Ada Lovelace", 2),
        ("Carl Jung", 1),
    )
