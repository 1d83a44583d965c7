"""Paths: hostile slugs and file names, symbolic links; nothing written outside the output."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.serve import Session
from tests.conftest import REPO
from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n"}  # fmt: skip
PAPER = "---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n---\nAbstract.\n"


def tree(root: Path, skip: str) -> dict[str, bytes]:
    """Every file under ``root`` except those under ``skip``."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file()
        and not p.is_symlink()
        and skip not in p.relative_to(root).parts
        and ".authorsite-cache" not in p.parts  # the build cache (SPEC: safe to delete)
    }


BAD_SLUGS = ["../x", "../../etc/cron.d/x", "/etc/passwd", "a\\b", "a/b", "..", ".hidden",
             "-x", "Upper", "x y", "x" * 121, "con", "aux", "nul", "com1", "lpt9", "", "é"]  # fmt: skip


@pytest.mark.parametrize("slug", BAD_SLUGS)
def test_bad_slug_is_a_located_error(slug: str, tmp_path: Path) -> None:
    paper = PAPER.replace("date: 2024-05-01\n", f"date: 2024-05-01\nslug: {json.dumps(slug)}\n")
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": paper})
    before = tree(tmp_path, "output")
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", "5")
    assert "slug" in problem["message"]
    assert tree(tmp_path, "output") == before and not built.out.exists()


BAD_NAMES = ["Bad Name.md", "UPPER.md", "a\\b.md", "..x.md", "-x.md", "con.md", "aux.yaml",
             "x" * 200 + ".md", "naïve.md", "a;rm -rf ~.md"]  # fmt: skip


@pytest.mark.parametrize("name", BAD_NAMES)
def test_bad_file_name_is_a_located_error(name: str, tmp_path: Path) -> None:
    text = PAPER if name.endswith(".md") else PAPER.split("---")[1] + "abstract: A.\n"
    site = write_site(tmp_path / "site", {**SITE, f"content/papers/{name}": text})
    built = run_build(site)
    if name.startswith("."):  # hidden files are never records (editor files)
        # no paper's page: papers/ holds only the page that sends a visitor on to the list
        assert built.status == 0
        assert [p.name for p in (built.out / "papers").iterdir()] == ["index.html"]
        return
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == (f"content/papers/{name}", "1")
    assert "file name" in problem["message"] and "slug" in problem["message"]


@pytest.mark.parametrize("folder", ["papers", "authors"])
def test_a_file_name_ending_in_a_line_feed_is_a_located_error(folder: str, tmp_path: Path) -> None:
    """`abc\\n` passed a pattern's `$`: its pages went to a folder named `abc` plus a line feed."""
    text = PAPER if folder == "papers" else "name: Bob\n"
    name = "abc\n.md" if folder == "papers" else "abc\n.yaml"
    site = write_site(tmp_path / "site", {**SITE, f"content/{folder}/{name}": text})
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    shown = name.replace("\n", "\\x0a")  # a control character in a message is escaped
    assert problem["path"] == f"content/{folder}/{shown}"
    assert "file name 'abc\\n' is not a valid slug" in problem["message"]
    assert not built.out.exists()


def test_undecodable_file_name_is_a_located_error(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", SITE)
    (site / "content/papers").mkdir()
    with open(os.fsencode(site / "content/papers") + b"/\xff\xfe.md", "wb") as file:
        file.write(PAPER.encode())
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert problem["path"].startswith("content/papers/") and problem["line"] == "1"


def test_symlink_to_a_file_outside_the_site_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(PAPER.replace("Abstract.", "SECRET-TOKEN"))
    site = write_site(tmp_path / "site", SITE)
    (site / "content/papers").mkdir()
    (site / "content/papers/leak.md").symlink_to(secret)
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert problem["path"] == "content/papers/leak.md" and problem["line"] is None
    assert "symbolic link to a file outside the site folder" in problem["message"]


def test_symlinked_folder_outside_the_site_is_refused(tmp_path: Path) -> None:
    elsewhere = write_site(tmp_path / "elsewhere", {"leak.md": PAPER})
    site = write_site(tmp_path / "site", SITE)
    (site / "content/papers").symlink_to(elsewhere, target_is_directory=True)
    built = run_build(site)
    assert built.status == 1
    # the folder is named, as the link it is: its file is no link (`ls -l` shows a file)
    assert [p["path"] for p in built.problems()] == ["content/papers"]
    assert "leads outside the site folder" in built.problems()[0]["message"]


def test_symlink_inside_the_site_is_followed(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {**SITE, "shared/one.md": PAPER})
    (site / "content/papers").mkdir()
    (site / "content/papers/one.md").symlink_to(site / "shared/one.md")
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert (built.out / "papers/one/index.html").exists()


def test_nothing_is_written_outside_the_output_folder(tmp_path: Path) -> None:
    """A full hostile build touches no file outside output/ (and its own staging)."""
    from tests.hostile.test_markup_injection import site_files

    site = write_site(tmp_path / "site", site_files("../../../x <script>"))
    before = tree(tmp_path, "output")
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert tree(tmp_path, "output") == before
    assert {p.name for p in site.iterdir()} <= {
        "content",
        "output",
        "site.yaml",
        ".authorsite-cache",
    }


def test_symlinked_static_folder_is_refused(tmp_path: Path) -> None:
    """A pull request adding `static -> ~/.ssh` must not publish the CI machine's keys."""
    secret = write_site(tmp_path / "home-ssh", {"id_rsa": "PRIVATE KEY"})
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": PAPER})
    (site / "static").symlink_to(secret, target_is_directory=True)
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert problem["path"].endswith("site/static") and "symbolic link" in problem["message"]
    assert not built.out.exists()
    # Links inside a real static folder are skipped, not followed.
    (site / "static").unlink()
    (site / "static").mkdir()
    (site / "static" / "key.txt").symlink_to(secret / "id_rsa")
    (site / "static" / "keys").symlink_to(secret, target_is_directory=True)
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert not any(b"PRIVATE KEY" in p.read_bytes() for p in built.out.rglob("*") if p.is_file())


def _site_with_static_links(tmp_path: Path) -> Path:
    """A site whose static/ (and its theme's) hold symbolic links beside a real file."""
    secret = write_site(tmp_path / "home-ssh", {"id_rsa": "PRIVATE KEY"})
    site = write_site(
        tmp_path / "site",
        {
            **SITE,
            "site.yaml": "title: T\nbuild_date: 2026-11-28\ntheme: lab\n",
            "content/papers/one.md": PAPER,
            "static/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            "shared/extra.css": "p { color: teal; }",
        },
    )
    shutil.copytree(REPO / "themes" / "default", site / "themes" / "lab")
    (site / "static" / "key.txt").symlink_to(secret / "id_rsa")
    (site / "static" / "keys").symlink_to(secret, target_is_directory=True)
    # inside the site: a theme may not link outside it at all (that is refused)
    (site / "themes" / "lab" / "static" / "extra.css").symlink_to(site / "shared" / "extra.css")
    return site


SKIPPED = [
    "static/key.txt: symbolic link skipped; copy the file into static/ instead",
    "static/keys: symbolic link skipped; copy the folder into static/ instead",
    "themes/lab/static/extra.css: symbolic link skipped; copy the file into static/ instead",
]


def test_a_static_file_no_web_address_can_name_is_a_located_problem(tmp_path: Path) -> None:
    """A name Windows reserves, a backslash, bytes that are no UTF-8: the writer refuses
    such an output path, and said so as a ValueError traceback after every page was rendered."""
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": PAPER,
                                          "static/ok.css": "a {}"})  # fmt: skip
    first = run_build(site)
    assert first.status == 0, first.stderr
    before = tree(first.out, skip="")
    static = site / "static"
    (static / "con.css").write_text("x")
    (static / "sub").mkdir()
    (static / "sub" / "aux.txt").write_text("x")
    (static / "a\\b.css").write_text("x")
    with open(os.fsencode(static) + b"/\xff.css", "wb") as file:
        file.write(b"x")
    built = run_build(site)
    assert built.status == 1
    found = {
        p["path"].removeprefix(static.as_posix() + "/"): p["message"] for p in built.problems()
    }
    assert found == {
        "con.css": "the name 'con.css' is reserved on Windows; rename it",
        "sub/aux.txt": "the name 'aux.txt' is reserved on Windows; rename it",
        "a\\b.css": "the name holds a backslash, which browsers read as `/`; rename it",
        "\\udcff.css": "the name is not valid UTF-8, so no web address can name it; rename it",
    }
    assert tree(built.out, skip="") == before
    assert main(["check", "--site", str(site)]) == 1


def test_a_static_file_problem_is_said_with_the_records_problems(tmp_path: Path) -> None:
    """A build that stops on a record said nothing of static/con.css: the name came up
    only in a second run, once the record was mended."""
    broken = PAPER.replace("title:", "citations: -1\ntitle:", 1)
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": broken,
                                          "static/con.css": "a {}"})  # fmt: skip
    built = run_build(site)
    assert built.status == 1
    said = {(p["path"].rpartition("/")[2], p["message"].split(";")[0]) for p in built.problems()}
    assert ("con.css", "the name 'con.css' is reserved on Windows") in said
    assert any(path == "one.md" and "citations" in message for path, message in said)


def test_static_files_one_on_macos_and_windows_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Logo.png` beside `logo.png`, `café.pdf` written twice (NFC, NFD): both were
    published, and a clone on macOS or Windows silently kept one of each pair."""
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": PAPER,
                                          "static/Logo.png": "a", "static/logo.png": "b",
                                          "static/caf\u00e9.pdf": "1", "static/cafe\u0301.pdf": "2",
                                          "static/style.CSS": "c"})  # fmt: skip
    assert main(["build", "--site", str(site)]) == 0
    said = sorted(capsys.readouterr().err.splitlines())
    rename = "; macOS and Windows keep one of the two: rename one"
    assert said == [
        "static/caf\u00e9.pdf: differs from static/cafe\u0301.pdf only in how its accents "
        "are encoded (NFC or NFD)" + rename,
        "static/logo.png: differs from static/Logo.png only in case" + rename,
        # the theme's style.css: an override in another case was no override on Linux
        "static/style.css: differs from static/style.CSS only in case" + rename,
    ]
    assert (site / "output/static/logo.png").read_text() == "b"  # published all the same


def test_a_pipe_inside_static_is_skipped_not_waited_for(tmp_path: Path) -> None:
    """A named pipe (an archive can hold one) made the copy wait for a writer forever."""
    site = write_site(tmp_path / "site", {**SITE, "static/logo.svg": "<svg/>"})
    os.mkfifo(site / "static" / "pipe.css")
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert (built.out / "static" / "logo.svg").is_file()
    assert not (built.out / "static" / "pipe.css").exists()


def test_symlinks_inside_static_are_skipped_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site_with_static_links(tmp_path)
    past = time.time() - 60  # out of the racy window: the second build has nothing to do
    for path in [*site.rglob("*"), tmp_path / "home-ssh" / "id_rsa"]:
        os.utime(path, (past, past), follow_symlinks=False)
    assert main(["build", "--site", str(site)]) == 0
    out, err = capsys.readouterr()
    assert sorted(err.splitlines()) == SKIPPED
    assert "written" in out
    built = site / "output"
    assert (built / "static" / "logo.svg").is_file()
    assert (built / "static" / "style.css").is_file()
    for name in ("key.txt", "keys", "extra.css"):
        assert not (built / "static" / name).exists()
    assert not any(b"PRIVATE KEY" in p.read_bytes() for p in built.rglob("*") if p.is_file())
    # A build with nothing to do says them again: they are still skipped.
    assert main(["build", "--site", str(site)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("0 pages written") and sorted(err.splitlines()) == SKIPPED


def test_serve_says_a_skipped_symlink_once(tmp_path: Path) -> None:
    site = _site_with_static_links(tmp_path)
    said: list[str] = []
    session = Session(site, out=said.append)
    try:
        assert session.rebuild()
        assert sorted(line for line in said if "symbolic link" in line) == SKIPPED
        (site / "content" / "papers" / "one.md").write_text(PAPER + "More.\n", encoding="utf-8")
        said.clear()
        assert session.rebuild([str(site / "content" / "papers" / "one.md")])
        assert said and not any("symbolic link" in line for line in said)
        assert not (session.out_dir / "static" / "key.txt").exists()
    finally:
        session.close()
