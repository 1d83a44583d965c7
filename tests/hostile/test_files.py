"""Record files as other tools and systems save them: odd endings, folders, names.

A file that looks meant as a record but would not be read (a `.markdown` paper, an
author saved by a Windows editor as `ada.yaml.txt`, papers sorted into year folders, a
`site.yml`) is a located problem, never silently left out of the site.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cache as cachelib
from tests.conftest import REPO
from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n"}  # fmt: skip
PAPER = "---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n---\nAbstract.\n"

# (files added to SITE, expected (path, message part) of the one problem)
UNREAD = {
    "markdown ending": (
        {"content/papers/one.markdown": PAPER},
        ("content/papers/one.markdown", "rename it to one.md"),
    ),
    "windows .txt ending": (
        {"content/papers/one.md.txt": PAPER},
        ("content/papers/one.md.txt", "rename it to one.md"),
    ),
    "author as markdown": (
        {"content/authors/bob.md": "---\nname: Bob\n---\n", "content/papers/one.md": PAPER},
        ("content/authors/bob.md", "rename it to bob.yaml"),
    ),
    "author with .txt ending": (
        {"content/authors/bob.yaml.txt": "name: Bob\n", "content/papers/one.md": PAPER},
        ("content/authors/bob.yaml.txt", "rename it to bob.yaml"),
    ),
    "papers in a year folder": (
        {"content/papers/one.md": PAPER, "content/papers/2024/two.md": PAPER},
        ("content/papers/2024", "move its records up into content/papers/"),
    ),
    "papers saved as a file": (
        {"content/papers": PAPER},
        ("content/papers", "is a file, not a folder, so nothing in it is read"),
    ),
    "content saved as a file": (
        {"site.yaml": "title: T\n", "content/authors/ada.yaml": None, "content": PAPER},
        ("content", "the records go in a folder content/, one file each"),
    ),
    "site.yml": (
        {
            "site.yaml": None,
            "site.yml": "title: T\nmain_author: ada\n",
            "content/papers/one.md": PAPER,
        },
        ("site.yml", "rename it to site.yaml"),
    ),
}


@pytest.mark.parametrize("case", UNREAD)
def test_a_file_that_would_not_be_read_is_a_located_problem(case: str, tmp_path: Path) -> None:
    added, (path, message) = UNREAD[case]
    files = {k: v for k, v in {**SITE, **added}.items() if v is not None}
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 1
    [problem] = built.problems()
    assert problem["path"] == path and message in problem["message"], problem.string
    assert not built.out.exists()


def test_other_files_beside_the_records_are_left_alone(tmp_path: Path) -> None:
    """A PDF kept next to its record, a folder of figures, Windows' and macOS's own files."""
    files: dict[str, str | bytes] = {
        **SITE,
        "content/papers/one.md": PAPER,
        "content/papers/one.pdf": b"%PDF-1.7\n",
        "content/papers/figures/one.png": b"\x89PNG\r\n",
        "content/papers/Thumbs.db": b"\x00",
        "content/papers/desktop.ini": "[.ShellClassInfo]\n",
        "content/authors/.DS_Store": b"\x00",
        "content/authors/README.md": "# Authors\n\nOne YAML file per author.\n",
        "content/papers/notes.txt": "to do: import the 2019 papers\n",
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 0, built.stderr
    assert (built.out / "papers/one/index.html").is_file()


def test_an_upper_case_md_ending_is_read_as_markdown(tmp_path: Path) -> None:
    built = run_build(write_site(tmp_path / "site", {**SITE, "content/papers/one.MD": PAPER}))
    assert built.status == 0, built.stderr
    assert "Abstract." in built.pages()["papers/one/index.html"].all_text()


def test_blank_lines_before_the_front_matter_are_named_as_the_problem(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": "\n\n" + PAPER})
    [problem] = run_build(site).problems()
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", "1")
    assert "remove the 2 blank lines before the first `---`" in problem["message"]


@pytest.mark.parametrize(
    ("before", "named"),
    [
        (b"\xef\xbb\xbf\xef\xbb\xbf", "U+FEFF (zero width no-break space)"),  # two tools, two BOMs
        ("\u200b".encode(), "U+200B (zero width space)"),
    ],
)
def test_an_invisible_character_before_the_front_matter_is_named(
    before: bytes, named: str, tmp_path: Path
) -> None:
    """It was "has no front matter; start the file with a `---` line", which it does."""
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": before + PAPER.encode()})
    [problem] = run_build(site).problems()
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", "1")
    assert problem["message"] == (
        f"the first line holds {named}, an invisible character, before its `---`, so the "
        "front matter is not seen; remove it (retype the line as `---`)"
    )


@pytest.mark.parametrize(
    "content",
    [PAPER.encode("utf-16"), PAPER.encode("utf-16-be"), PAPER.encode("utf-16-le")],
    ids=["utf-16 with a byte-order mark", "utf-16-be", "utf-16-le"],
)
def test_a_utf16_file_is_named_as_such(content: bytes, tmp_path: Path) -> None:
    """Notepad's "Unicode" and Windows PowerShell's `>` save UTF-16."""
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": content})
    [problem] = run_build(site).problems()
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", "1")
    assert problem["message"].endswith("it is saved as UTF-16; save the file as UTF-8")


# The first bytes of files that are no text, saved or renamed as a record by mistake.
BINARIES = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02"
    + bytes(range(256)) * 4,
    "program": b"\x7fELF\x02\x01\x01\x00"
    + b"\x00" * 8
    + b"\x03\x00>\x00\x01\x00\x00\x00\xd0a"
    + bytes(range(256)) * 4,
    "docx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 4,
}


@pytest.mark.parametrize("kind", BINARIES)
def test_a_binary_file_is_named_as_no_text_not_as_a_text_encoding(
    kind: str, tmp_path: Path
) -> None:
    # Before, a program was "saved as UTF-16" and a picture "Windows-1252, where it
    # reads `\x89PNG…`": the fix they suggested ("save the file as UTF-8") means nothing.
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": BINARIES[kind]})
    [problem] = run_build(site).problems()
    assert problem["path"] == "content/papers/one.md"
    assert problem["message"].startswith("is not a text file (it holds binary data")
    assert "UTF-16" not in problem["message"] and "Windows-1252" not in problem["message"]


# Bytes without a NUL between them: binary data the NULs alone did not tell from text.
_NO_NULS = bytes(range(1, 256)) * 4

# site.yaml with a picture saved over it, or saved in a wide encoding: (content, message)
NOT_SETTINGS = {
    "png": (
        b"\x89PNG\r\n\x1a\n" + _NO_NULS,
        "site.yaml: is not a text file (it holds binary data: it starts as a PNG picture "
        "does); site.yaml holds the site's settings as text saved as UTF-8: write them into "
        "it again (`git checkout -- site.yaml` takes back its last committed text)",
    ),
    "webp": (
        b"RIFF\x24\x5c\x01\x10WEBPVP8 \x18\x5c\x01\x10" + _NO_NULS,
        "site.yaml: is not a text file (it holds binary data: it starts as a WebP picture, a "
        "WAV sound or an AVI video does); site.yaml holds",
    ),
    "unknown": (
        b"\xa7\x13" + _NO_NULS,
        "site.yaml: is not a text file (it holds binary data: a picture, a PDF, a program?); "
        "site.yaml holds",
    ),
    "utf-32": (
        SITE["site.yaml"].encode("utf-32-le"),
        "site.yaml:1: contains NUL characters: it is saved as UTF-32; save the file as UTF-8",
    ),
}


@pytest.mark.parametrize("kind", NOT_SETTINGS)
def test_a_site_yaml_that_is_no_utf8_text_says_what_it_is(kind: str, tmp_path: Path) -> None:
    """A picture with few NULs was "not valid UTF-8 …; it looks saved as Windows-1252,
    where it reads `‰PNG`", and any other told to "move this file out of content/"; UTF-32
    was binary data."""
    content, message = NOT_SETTINGS[kind]
    site = write_site(tmp_path / "site", {**SITE, "site.yaml": content})
    built = run_build(site)
    assert built.status == 1 and len(built.problems()) == 1
    assert built.stderr.startswith(message), built.stderr
    assert "Windows-1252" not in built.stderr and "content/" not in built.stderr
    assert not (site / "output").exists()


# (file, content, expected line, expected message part): other tools' front matter.
FOREIGN = {
    "hugo's toml": (
        "content/papers/one.md",
        '+++\ntitle = "A Paper"\nauthors = ["Ada Lovelace"]\ndate = 2024-05-01\n+++\nAbstract.\n',
        1,
        "front matter in TOML (between `+++` lines, as Hugo writes it); write it in YAML "
        "between `---` lines, or bring a Hugo site in with `authorsite import hugo`",
    ),
    "obsidian's tags": (
        "content/papers/one.md",
        PAPER.replace("date:", "tags: [#ml, #rl]\ndate:"),
        4,
        'a `#` after a space or `[` starts a comment in YAML; put the value in quotes ("#ml")',
    ),
    "a yaml author closed like front matter": (
        "content/authors/ada.yaml",
        "---\nname: Ada Lovelace\n---\n",
        3,
        "this `---` line starts a second document; a .yaml record ends without one: remove it",
    ),
}


@pytest.mark.parametrize("case", FOREIGN)
def test_front_matter_written_for_another_tool_says_what_to_change(
    case: str, tmp_path: Path
) -> None:
    path, content, line, message = FOREIGN[case]
    files = {**SITE, "content/papers/two.md": PAPER.replace("A Paper", "Two"), path: content}
    [problem] = run_build(write_site(tmp_path / "site", files)).problems()
    assert (problem["path"], problem["line"]) == (path, str(line))
    assert message in problem["message"], problem["message"]


def test_a_records_folder_that_links_to_nothing_is_a_located_problem(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", SITE)
    (site / "content/papers").symlink_to(tmp_path / "gone")
    [problem] = run_build(site).problems()
    assert problem["path"] == "content/papers"
    assert problem["message"] == "is a symbolic link to nothing; make it a folder"


def test_a_static_file_larger_than_the_memory_is_published(tmp_path: Path) -> None:
    """Every build read each static file whole to see whether it changed: a video or a
    data set larger than the memory ended the build with a MemoryError traceback."""
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": PAPER})
    big = site / "static" / "data.bin"
    big.parent.mkdir()
    with open(big, "wb") as file:  # sparse: no disk or time to make it
        file.truncate(360 * 2**20)

    def small_memory() -> None:  # a machine with 320 MB: less than the file
        resource.setrlimit(resource.RLIMIT_AS, (320 * 2**20, resource.RLIM_INFINITY))

    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site", str(site)],
        capture_output=True,
        text=True,
        preexec_fn=small_memory,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (site / "output/static/data.bin").stat().st_size == 360 * 2**20
    # The digest is the one a whole read gives: the cache of an earlier build stays valid.
    small = site / "content/papers/one.md"
    assert cachelib.file_digest(small) == cachelib.digest(small.read_bytes())
