"""The command line: exit statuses, messages, and nothing lost on failure."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.synth import generate
from generator import cli
from generator.cli import main
from tests.conftest import MINIMAL_AUTHOR, MINIMAL_PAPER
from tests.ingest_support import FIXTURES, new_site

Site = Callable[[dict[str, str | bytes]], Path]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_build_then_broken_records_leave_output_untouched(
    make_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(
        {"content/authors/ada.yaml": MINIMAL_AUTHOR, "content/papers/one.md": MINIMAL_PAPER}
    )
    assert main(["build", "--site", str(site)]) == 0
    # the folder written, in full, as the README shows it
    assert capsys.readouterr().out.endswith(f" s -> {(site / 'output').resolve()}\n")
    before = snapshot(site / "output")
    broken = {
        "content/papers/bad-yaml.md": "---\ntitle: [unclosed\nauthors: [A]\ndate: 2024\n---\n",
        "content/papers/typo.md": "---\ntitle: T\nauthors: [A]\ndate: 2024\ncitaions: 3\n---\n",
        "content/papers/date.md": "---\ntitle: T\nauthors: [A]\ndate: 2024-13-45\n---\n",
        "content/papers/negative.md": "---\ntitle: T\nauthors: [A]\ndate: 2024\ncitations: -1\n---\n",
        "content/papers/score.md": "---\ntitle: T\nauthors: [A]\ndate: 2024\nscore: 250\n---\n",
    }
    for rel, text in broken.items():
        (site / rel).write_text(text, encoding="utf-8")
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines[-1] == "5 problems; nothing was written."
    assert lines[0].startswith("content/papers/bad-yaml.md:2: YAML syntax error")
    assert lines[1:5] == [
        "content/papers/date.md:4: `date` 2024-13-45 has no month 13; months run from 01 to 12",
        "content/papers/negative.md:5: `citations` must be 0 or more, not -1",
        "content/papers/score.md:5: `score` must be a number from 0 to 100, not 250",
        "content/papers/typo.md:5: unknown field `citaions`; did you mean `citations`?",
    ]
    assert snapshot(site / "output") == before


def test_slug_collision_names_both_files(
    make_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(
        {
            "content/papers/one.md": MINIMAL_PAPER,
            "content/papers/two.md": MINIMAL_PAPER.replace("---\ntitle", "---\nslug: one\ntitle"),
        }
    )
    assert main(["build", "--site", str(site)]) == 1
    assert capsys.readouterr().err.startswith(
        "content/papers/two.md:2: paper slug `one` is already used by content/papers/one.md"
    )


@pytest.mark.parametrize("command", ["build", "check"])
def test_every_file_is_reported_in_one_run_even_beside_a_yaml_error(
    make_site: Site, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """One broken record hides nothing: each file says all it can, and slugs are still compared."""
    site = make_site(
        {
            "site.yaml": "title: T\nmain_author: ada\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR + "afiliation: ETH\n",
            "content/papers/Attention_Paper.md": (
                "---\ntitle: Attention: all you need\nauthors: [Ada Lovelace]\n"
                "date: 2024\n---\nAn abstract.\n"
            ),
            "content/papers/open.md": "---\ntitle: T\nauthors: [Ada Lovelace]\ndate: 2024\n\nX.\n",
            "content/papers/untitled.md": "---\nauthors: [Ada Lovelace]\ndate: 2024\n---\nX.\n",
            "content/papers/one.md": MINIMAL_PAPER,
            "content/papers/two.md": MINIMAL_PAPER.replace("date:", "slug: one\ndate:"),
        }
    )
    assert main([command, "--site", str(site)]) == 1
    err = capsys.readouterr().err
    located = [line.split(": ", 1)[0] for line in err.splitlines() if ": " in line]
    assert located == [
        "content/authors/ada.yaml:3",  # unknown field `afiliation`
        "content/papers/Attention_Paper.md:1",  # file name is not a slug
        "content/papers/Attention_Paper.md:2",  # YAML syntax error
        "content/papers/open.md:1",  # front matter never closed
        "content/papers/two.md:4",  # slug `one` is already used by one.md
        "content/papers/untitled.md:1",  # missing `title`
    ]
    assert "add `title:` to the front matter (lines 1–4)" in err
    closing = {
        "build": "6 problems; nothing was written.",
        "check": "6 problems in the site's files; fix them and check again.",  # it never writes
    }
    assert err.strip().splitlines()[-1] == closing[command]


def test_missing_main_author(make_site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site({"site.yaml": "title: T\nmain_author: nobody\n"})
    assert main(["build", "--site", str(site)]) == 1
    assert "site.yaml:2: main_author `nobody` has no record" in capsys.readouterr().err
    # An author record with a problem of its own is still named among the authors there are.
    site = make_site(
        {
            "site.yaml": "title: T\nmain_author: nobody\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR + "afiliation: ETH\n",
        }
    )
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "main_author `nobody` has no record in content/authors/ (authors: ada)" in err


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_mistyped_metric_in_site_yaml_is_listed_with_the_other_problems(
    make_site: Site, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    site = make_site(
        {
            "site.yaml": "title: T\nmetrics: [hindex, papers, citation, papers]\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": MINIMAL_PAPER,
            "content/papers/two.md": "---\ntitle: T\nauthors: [A]\ndate: 2024\ncitaions: 3\n---\n",
        }
    )
    assert main([command, "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    known = "choose from h_index, papers, citations, i10_index, novelty, score"
    assert err.splitlines()[:5] == [
        "content/papers/two.md:5: unknown field `citaions`; did you mean `citations`?",
        "site.yaml:2: metric 'papers' is listed twice; keep one",
        f"site.yaml:2: unknown metric 'citation'; did you mean `citations`? {known}",
        f"site.yaml:2: unknown metric 'hindex'; did you mean `h_index`? {known}",
        "4 problems; nothing was written."
        if command == "build"
        else "4 problems in the site's files; fix them and check again.",
    ]
    assert not (site / "output").exists()


def test_build_names_a_photo_or_link_to_a_file_the_site_lacks_at_its_record_line(
    make_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    # `photo: me.jpg` beside site.yaml builds, and every visitor sees a broken image:
    # the build says so at the record's line, with where the file belongs.
    site = make_site(
        {
            "content/authors/ada.yaml": MINIMAL_AUTHOR + "photo: me.jpg\n",
            "content/papers/one.md": MINIMAL_PAPER.replace(
                "date: 2024-05-01\n",
                "date: 2024-05-01\nlinks:\n  pdf: static/one.pdf\n  data: static/d.csv\n"
                "  project: papers/two/\n  slides: papers/one/#cite\n"
                "  code: static\\d.csv\n  video: talks\\one.mp4\n",
            ),
            "static/d.csv": "a,b\n",
            "me.jpg": b"\xff\xd8",
        }
    )
    status = main(["build", "--site", str(site)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[:5] == [
        "content/papers/one.md:6: link `pdf` `static/one.pdf` leads to nothing the site "
        "holds; put the file there, in the site's static/ folder",
        "content/papers/one.md:8: link `project` `papers/two/` leads to nothing the site "
        "holds; the site has no such page; check the slug (the record's file name)",
        # a path as Windows writes it
        "content/papers/one.md:10: link `code` `static\\d.csv` leads to nothing the site "
        "holds; a web address separates folders with `/`, not `\\`: write `static/d.csv`",
        "content/papers/one.md:11: link `video` `talks\\one.mp4` leads to nothing the site "
        "holds; a web address separates folders with `/`, not `\\`: write "
        "`static/talks/one.mp4`",
        "content/authors/ada.yaml:3: `photo` `me.jpg` leads to nothing the site holds; put "
        "the file in the site's static/ folder and write `static/me.jpg`",
    ]
    assert status == 0  # a warning: the pages are built as the records say (check fails)
    assert len(err.splitlines()) == 5


def test_a_profile_id_of_another_shape_is_told_the_shape_not_static(
    make_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    """`scholar: abc123` (not a Scholar id: those are 12 characters) led to `./abc123`, and
    the advice was to put a file `abc123` in static/; an id of the right shape is a link."""
    site = make_site(
        {
            "content/authors/ada.yaml": MINIMAL_AUTHOR
            + "links:\n  scholar: abc123\n  Orcid: 0000-0002-1825\n  x: '@a_handle_of_20_chars'\n"
            + "  github: ada-\n  gitlab: ada\n  slides: talk.pdf\n",
        }
    )
    assert main(["build", "--site", str(site)]) == 0  # a warning: check fails it
    err = capsys.readouterr().err.splitlines()
    held = "leads to nothing the site holds"
    assert err[:5] == [
        f"content/authors/ada.yaml:4: link `scholar` `abc123` {held}; a Google Scholar id is "
        "the 12 characters after `user=` in the profile's address (`qc6CJjYAAAAJ`); write "
        "that, or the profile's whole address (`https://…`)",
        f"content/authors/ada.yaml:5: link `Orcid` `0000-0002-1825` {held}; an ORCID iD is "
        "four groups of four digits, the last may be X (`0000-0002-1825-0097`); write that, "
        "or the profile's whole address (`https://…`)",
        f"content/authors/ada.yaml:6: link `x` `@a_handle_of_20_chars` {held}; an X / Twitter "
        "handle is up to 15 letters, digits or `_` (`@ada`); write that, or the profile's "
        "whole address (`https://…`)",
        f"content/authors/ada.yaml:7: link `github` `ada-` {held}; a GitHub user name is "
        "letters, digits and single hyphens, up to 39 (`ada`); write that, or the profile's "
        "whole address (`https://…`)",
        f"content/authors/ada.yaml:9: link `slides` `talk.pdf` {held}; put the file in the "
        "site's static/ folder and write `static/talk.pdf`",
    ]
    assert len(err) == 5  # `gitlab: ada` is a link to a profile


@pytest.mark.parametrize("base_url", ["/repo/", "https://ada.github.io/repo/"])
def test_build_names_a_record_link_from_the_host_s_root_on_a_site_under_a_path(
    make_site: Site, capsys: pytest.CaptureFixture[str], base_url: str
) -> None:
    """`photo: /static/me.jpg` works at the host's root and breaks on a project's GitHub
    Pages (`/repo/`), where the workflow runs no `check`: the build says it at its line."""
    site = make_site(
        {
            "content/authors/ada.yaml": MINIMAL_AUTHOR
            + "photo: /static/me.jpg\nlinks:\n  cv: /repo/static/cv.pdf\n",
            "content/papers/one.md": MINIMAL_PAPER.replace(
                "date: 2024-05-01\n", "date: 2024-05-01\nlinks:\n  pdf: /static/one.pdf\n"
            ),
            "static/me.jpg": b"\xff\xd8",
            "static/one.pdf": b"%PDF",
            "static/cv.pdf": b"%PDF",
        }
    )
    status = main(["build", "--site", str(site), "--base-url", base_url])
    why = "so it leads from the host's root, outside the site, which is published under /repo/"
    fix = "a link in a record leads from the site's root without it"
    assert capsys.readouterr().err.splitlines() == [
        f"content/papers/one.md:6: link `pdf` `/static/one.pdf` starts with `/`, {why}; "
        f"{fix}: write `static/one.pdf`",
        f"content/authors/ada.yaml:3: `photo` `/static/me.jpg` starts with `/`, {why}; "
        f"{fix}: write `static/me.jpg`",
    ]  # `/repo/static/cv.pdf` is the site's own: not named
    assert status == 0
    # at the host's root the same links work: nothing to say
    assert main(["build", "--site", str(site), "--base-url", "/"]) == 0
    assert "starts with `/`" not in capsys.readouterr().err


def test_build_names_an_alias_that_is_another_site_author_s_name(
    make_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bob's record lists `Ada Lovelace` among his aliases (pasted from a co-author list):
    every paper of Ada's counted as Bob's too, on his profile and in his h-index, and the
    build said nothing. Two people sharing an alias (`A. Smith`) stay unsaid."""
    site = make_site(
        {
            "content/authors/ada.yaml": MINIMAL_AUTHOR + "aliases: [A. Smith]\n",
            "content/authors/bob.yaml": "name: Bob Smith\naliases:\n  - A. Smith\n"
            "  - ada lovelace\n",
            "content/papers/one.md": MINIMAL_PAPER,
        }
    )
    assert main(["build", "--site", str(site)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/authors/bob.yaml:2: alias `ada lovelace` is the name of "
        "content/authors/ada.yaml: every paper that lists Ada Lovelace counts as Bob Smith's "
        "too (on both profiles, in both authors' metrics); remove the alias, or keep one of "
        "the two records if they are one person"
    ]
    assert "A Paper" in (site / "output" / "authors" / "bob" / "index.html").read_text()


def test_a_link_that_names_no_host_is_refused_at_its_line(
    make_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's author example, pasted as it is, published links to `https://...`."""
    site = make_site(
        {
            "content/authors/ada.yaml": (
                "name: Ada Lovelace\n"
                "links: {homepage: https://..., scholar: https://..., github: https://...}\n"
            ),
            "content/papers/p.md": MINIMAL_PAPER.replace(
                "date:",
                "links:\n  code: 'https://'\n  pdf: https:///paper.pdf\n"
                "  data: http://localhost:8000/data.csv\ndate:",
            ),
        }
    )
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    for line, name, url in [
        ("content/authors/ada.yaml:2", "homepage", "https://..."),
        ("content/authors/ada.yaml:2", "github", "https://..."),
        ("content/papers/p.md:5", "code", "https://"),
        ("content/papers/p.md:6", "pdf", "https:///paper.pdf"),
    ]:
        assert f"{line}: link `{name}` `{url}` names no host, so it would lead nowhere; " in err
    assert "`data`" not in err  # a host without dots is a host
    assert not (site / "output").exists()


def test_a_link_written_from_the_current_folder_to_a_file_the_site_holds_is_no_problem(
    make_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    """`./static/d.csv` is `static/d.csv` (the page's link leads there): the build said it
    led to nothing and told the author to write `static/./static/d.csv`."""
    site = make_site(
        {
            "content/authors/ada.yaml": MINIMAL_AUTHOR + "photo: ./static/me.jpg\n",
            "content/papers/one.md": MINIMAL_PAPER.replace(
                "date: 2024-05-01\n", "date: 2024-05-01\nlinks:\n  data: ./static/d.csv\n"
            ),
            "static/d.csv": "a,b\n",
            "static/me.jpg": b"\xff\xd8",
        }
    )
    assert main(["build", "--site", str(site)]) == 0
    assert "leads to nothing" not in capsys.readouterr().err


def test_main_author_written_as_a_name_says_which_slug_to_write(
    make_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    # site.yaml asks for a slug; a researcher writes their own name there first.
    site = make_site(
        {
            "site.yaml": "title: T\nmain_author: ada lovelace\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/authors/babbage.yaml": "name: Charles Babbage\n",
        }
    )
    assert main(["build", "--site", str(site)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "site.yaml:2: main_author `ada lovelace` has no record in content/authors/ "
        "(authors: ada, babbage); it is a slug: write `ada`"
    )


@pytest.mark.parametrize(
    ("main_author", "authors", "hint"),
    [
        # a typo of the one slug there is
        ("ada-lovleace", ["ada-lovelace", "babbage"], "(authors: ada-lovelace, babbage); "
         "did you mean `ada-lovelace`?"),
        # `init`'s site with its author record deleted: which file makes it whole again
        ("ada", [], "(authors: none yet); add content/authors/ada.yaml with the author's "
         "`name:`"),
        ("nobody", ["ada-lovelace"], "(authors: ada-lovelace)"),  # no guess
    ],
)  # fmt: skip
def test_a_main_author_with_no_record_says_which_to_write(
    make_site: Site,
    capsys: pytest.CaptureFixture[str],
    main_author: str,
    authors: list[str],
    hint: str,
) -> None:
    files = {f"content/authors/{slug}.yaml": f"name: {slug.title()}\n" for slug in authors}
    site = make_site({"site.yaml": f"title: T\nmain_author: {main_author}\n", **files})
    assert main(["build", "--site", str(site)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"site.yaml:2: main_author `{main_author}` has no record in content/authors/ {hint}"
    )


def test_unknown_theme_says_where_the_default_theme_is_to_copy(
    make_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    # A content problem, at site.yaml's line, listed with the site's other problems.
    bad = MINIMAL_PAPER.replace("date: 2024-05-01", "date: 2024-13-01")
    site = make_site({"site.yaml": "title: T\ntheme: mine\n", "content/papers/p.md": bad})
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "site.yaml:2: theme `mine` not found: expected themes/mine/templates/" in err
    assert "content/papers/p.md:4: " in err
    assert not (site / "output").exists()
    copy_from = Path(err.split("copy the default theme: ")[1].split(")")[0])
    assert (copy_from / "templates" / "paper.html").is_file()
    assert (copy_from / "static" / "style.css").is_file()


@pytest.mark.parametrize(
    "command",
    [["build"], ["check"], ["serve"], ["new", "paper", "A Title"], ["import", "bibtex", "x.bib"]],
)
def test_a_folder_that_is_not_a_site_is_refused_not_built_empty(
    make_site: Site, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    site = make_site({"content/authors/a.yaml": MINIMAL_AUTHOR})
    inside = site / "content"  # `cd content && authorsite build`: a common slip
    assert main([*command, "--site", str(inside)]) == 2
    err = capsys.readouterr().err
    assert f"{inside}: not a site folder (no site.yaml or content/) (the site is {site})" in err
    assert sorted(p.name for p in inside.iterdir()) == ["authors"]  # no output/ written there


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--no-such-flag"])
    assert exit_info.value.code == 2
    for command in ("build", "check"):  # a bad --base-url is the command line's mistake
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--base-url", "foo bar"])
        assert exit_info.value.code == 2
        assert "write it as https://user.github.io/repo/" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "command", "options"),
    [
        (["serve", "--open"], "serve", "[--host HOST] [--port PORT]"),
        (["build", "--bogus"], "build", "[--out DIR] [--drafts]"),
        (["import", "arxiv", "x.xml", "--bogus"], "import arxiv", "[--dry-run]"),
    ],
)
def test_an_unknown_option_is_told_with_the_usage_of_its_command(
    argv: list[str], command: str, options: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The top usage (`authorsite [-h] [--version] COMMAND ...`) lists no option to use."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = " ".join(capsys.readouterr().err.split())  # argparse wraps the usage line
    assert err.startswith(f"usage: authorsite {command} [-h]") and options in err
    assert f"authorsite {command}: error: unrecognized arguments: {argv[-1]}" in err


def test_refuses_to_build_into_the_site_itself(
    make_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site({})
    assert main(["build", "--site", str(site), "--out", str(site)]) == 2
    assert "refusing to build into the site folder itself" in capsys.readouterr().err


def test_refuses_a_foreign_non_empty_folder(
    make_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site({})
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"jpeg")
    assert main(["build", "--site", str(site), "--out", str(foreign)]) == 2
    assert "did not create" in capsys.readouterr().err
    assert (foreign / "holiday.jpg").read_bytes() == b"jpeg"
    assert main(["build", "--site", str(site), "--out", str(foreign), "--force"]) == 0
    assert not (foreign / "holiday.jpg").exists()


def test_keeps_cname_and_git(make_site: Site) -> None:
    site = make_site({"content/papers/one.md": MINIMAL_PAPER})
    assert main(["build", "--site", str(site)]) == 0
    (site / "output" / "CNAME").write_text("example.org\n")
    (site / "output" / ".git").mkdir()
    (site / "output" / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / "output" / "stale.html").write_text("old")
    assert main(["build", "--site", str(site)]) == 0
    assert (site / "output" / "CNAME").read_text() == "example.org\n"
    assert (site / "output" / ".git" / "HEAD").exists()
    assert not (site / "output" / "stale.html").exists()
    assert not list(site.glob(".output.*"))


class _Ended(Exception):
    """What os._exit raises here: the test's process goes on."""


def test_a_rebuild_turns_the_collector_back_on_in_a_process_that_goes_on(
    make_site: Site,
) -> None:
    site = make_site({"content/papers/one.md": MINIMAL_PAPER})
    assert main(["build", "--site", str(site)]) == 0
    assert main(["build", "--site", str(site)]) == 0  # a rebuild turns it off meanwhile
    assert gc.isenabled()  # serve and the tests build again and again: cycles are freed


def test_the_command_lines_rebuild_leaves_the_collector_off_as_its_process_ends(
    make_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Turned back on, its first collection walks every object the build made, for a
    # process that ends at once.
    site = make_site({"content/papers/one.md": MINIMAL_PAPER})
    monkeypatch.setattr(cli, "_EXITING", False)  # restored after: run() sets it
    monkeypatch.setattr(sys, "argv", ["authorsite", "build", "--site", str(site)])

    def ended(status: int) -> None:
        raise _Ended(status)

    monkeypatch.setattr(os, "_exit", ended)
    try:
        for _ in range(2):  # a first build keeps the collector on; the rebuild turns it off
            with pytest.raises(_Ended, match=r"^0$"):
                cli.run()
        assert not gc.isenabled()
    finally:
        gc.enable()
    monkeypatch.setattr(sys, "argv", ["authorsite", "check", "--site", str(site)])
    monkeypatch.setattr(cli, "_EXITING", False)
    with pytest.raises(SystemExit):  # another command exits as usual, telling no build so
        cli.run()
    assert cli._EXITING is False


def test_python_m_generator_runs(make_site: Site) -> None:
    site = make_site({"content/papers/one.md": MINIMAL_PAPER})
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (site / "output" / "papers" / "one" / "index.html").exists()
    # a build ends its process at once: what it printed into a pipe still arrives
    assert re.search(r"\d+ pages? written, \d+ unchanged", done.stdout + done.stderr)
    (site / "content" / "papers" / "one.md").write_text("---\ntitle: [\n---\n")
    failed = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 1
    assert "one.md:" in failed.stderr
    assert "Traceback" not in failed.stderr


@pytest.mark.parametrize("command", [["import", "arxiv", "--dry-run"], ["check"]])
def test_a_reader_that_stops_reading_gets_no_traceback(tmp_path: Path, command: list[str]) -> None:
    # `authorsite import ... --dry-run | head -1`: the pipe closes before we are done.
    site = new_site(tmp_path / "site")
    args = [*command, str(FIXTURES / "arxiv" / "new.xml")] if command[0] == "import" else command
    if command == ["check"]:
        assert main(["build", "--site", str(site)]) == 0
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line
    try:
        done = subprocess.run(
            [sys.executable, "-m", "generator", *args, "--site", str(site)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "output closed early (a pipe?); stopped" in done.stderr
    assert done.returncode == 1


def test_numpy_gets_one_blas_thread_unless_the_user_chose_a_number(
    make_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Novelty's matrix product runs beside a worker on every core: BLAS threads would only
    fight them for the cores. A number the user set is theirs."""
    from generator.cli import BLAS_THREADS

    for name in BLAS_THREADS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    site = make_site(
        {"content/authors/ada.yaml": MINIMAL_AUTHOR, "content/papers/one.md": MINIMAL_PAPER}
    )
    assert main(["build", "--site", str(site)]) == 0
    assert os.environ["OPENBLAS_NUM_THREADS"] == os.environ["MKL_NUM_THREADS"] == "1"
    assert os.environ["OMP_NUM_THREADS"] == "3"


# The `authorsite` script as pip writes it, with Ctrl-C pressed while `module` is imported.
CTRL_C_WHILE_IMPORTING = """
import builtins, os, signal, sys
importing, module = builtins.__import__, sys.argv[1]

def ctrl_c(name, *args, **kwargs):
    if name == module:
        os.kill(os.getpid(), signal.SIGINT)
    return importing(name, *args, **kwargs)

builtins.__import__ = ctrl_c
sys.argv = ["authorsite", *sys.argv[2:]]
from generator.cli import run
sys.exit(run())
"""


@pytest.mark.parametrize(
    ("module", "command"),
    [("generator.build", "build"), ("generator.ingest", "serve")],
)
def test_ctrl_c_in_the_first_moments_stops_without_a_traceback(
    make_site: Site, module: str, command: str
) -> None:
    """The first fraction of a second is spent importing; Ctrl-C then is answered as later."""
    site = make_site({"content/papers/one.md": MINIMAL_PAPER})
    done = subprocess.run(
        [sys.executable, "-c", CTRL_C_WHILE_IMPORTING, module, command, "--site", str(site)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == "interrupted"
    assert done.returncode == 130
    assert not (site / "output").exists()


def test_help_lists_every_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    """A script calling authorsite learns from --help what each status means."""
    with pytest.raises(SystemExit) as ended:
        main(["--help"])
    assert ended.value.code == 0
    said = " ".join(capsys.readouterr().out.split())
    for status in ("0 success", "1 content errors", "2 usage errors", "130 stopped by Ctrl-C"):
        assert status in said


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--site", "mysite", "build"], "--site mysite: an option goes after the command: "
         "`authorsite build --site mysite`"),
        (["--drafts", "build"], "--drafts: an option goes after the command: "
         "`authorsite build --drafts`"),
    ],
)  # fmt: skip
def test_an_option_before_the_command_says_where_it_goes(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """argparse took the folder for the command: "invalid choice: 'mysite'"."""
    assert main(argv) == 2
    assert said in capsys.readouterr().err


# What `authorsite build` reads without argparse (None: left to argparse)
PLAIN_BUILDS: dict[tuple[str, ...], str | None] = {
    ("build",): ".",
    ("build", "--site", "lab"): "lab",
    ("build", "--site=lab"): "lab",
    ("build", "--site", "my lab"): "my lab",
    ("build", "--site=a=b"): "a=b",
    ("build", "--site", "-lab"): None,  # argparse refuses it
    ("build", "--site=-lab"): None,  # argparse takes it
    ("build", "--site="): None,
    ("build", "--si", "lab"): None,  # an abbreviation
    ("build", "--site", "lab", "--drafts"): None,
    ("build", "--site", "a", "--site", "b"): None,
    ("build", "--drafts"): None,
    ("build", "-h"): None,
    ("check",): None,
    ("--site", "lab", "build"): None,
}


@pytest.mark.parametrize("argv", PLAIN_BUILDS)
def test_a_plain_build_is_read_as_argparse_reads_it(argv: tuple[str, ...]) -> None:
    """`build` alone or with `--site DIR` is read without argparse (a no-change rebuild
    spares importing and setting it up); what it reads is what argparse would have."""
    plain = cli._plain_build(list(argv))
    assert plain == PLAIN_BUILDS[argv]
    if plain is not None:
        args, extra = cli.parser(plugins=False).parse_known_args(list(argv))
        assert not extra
        assert (args.site, args.out, args.drafts, args.base_url, args.force) == (
            plain,
            None,
            False,
            None,
            False,
        )


def test_a_plain_build_builds_the_site_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "my lab"
    generate(site, papers=3, authors=1, seed=1)
    assert main(["build", f"--site={site}"]) == 0
    assert (site / "output" / "index.html").is_file()
    assert "pages written" in capsys.readouterr().out
    assert main(["build", "--site", str(site)]) == 0
    assert "0 pages written" in capsys.readouterr().out
