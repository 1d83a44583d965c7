"""`authorsite init` and `authorsite new paper`."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.ingest.records import read_record

EPOCH = "1764288000"  # 2025-11-28


def test_init_creates_a_complete_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "my-site"
    assert main(["init", str(target), "--name", "Ada Lovelace"]) == 0
    files = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    assert files == [
        ".github/workflows/pages.yml",
        ".gitignore",
        "README.md",
        "content/authors/ada-lovelace.yaml",
        "content/papers/example-paper.md",
        "requirements.txt",
        "site.yaml",
    ]
    site = yaml.safe_load((target / "site.yaml").read_text(encoding="utf-8"))
    assert site["main_author"] == "ada-lovelace"
    assert site["title"] == "Ada Lovelace"
    author = yaml.safe_load((target / "content/authors/ada-lovelace.yaml").read_text("utf-8"))
    assert author["name"] == "Ada Lovelace"
    paper = read_record(target / "content/papers/example-paper.md", "example-paper.md")
    assert paper.data["authors"] == ["Ada Lovelace"]
    assert "output/" in (target / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "authorsite import" in capsys.readouterr().out


def test_init_never_touches_a_folder_with_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(target)]) == 2
    assert "is not an empty folder" in capsys.readouterr().err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_new_paper_has_today_the_author_and_a_slug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = tmp_path / "s"
    main(["init", str(site), "--name", "Kaile Wang"])
    title = "Debate with Images: Detecting Deceptive Behaviors in MLLMs"
    assert main(["new", "paper", title, "--site", str(site)]) == 0
    path = site / "content/papers/debate-with-images-detecting-deceptive-behaviors-in-mllms.md"
    record = read_record(path, path.name)
    assert record.data["title"] == title
    assert record.data["authors"] == ["Kaile Wang"]
    assert record.data["date"] == "2025-11-28"  # as written, and as the build reads it
    assert str(path.relative_to(site)) in capsys.readouterr().out


def test_an_apostrophe_joins_its_word_in_the_slug(tmp_path: Path) -> None:
    # `It's` is one word: the page is papers/its-…/, not papers/it-s-…/, as with ’.
    site = tmp_path / "s"
    main(["init", str(site), "--name", "Ada Lovelace"])
    for title in ("It's Time: O'Brien's Attention", "It’s Time: O’Brien’s Attention 2"):
        assert main(["new", "paper", title, "--site", str(site)]) == 0
    assert sorted(p.name for p in (site / "content/papers").glob("its-*")) == [
        "its-time-obriens-attention-2.md",
        "its-time-obriens-attention.md",
    ]


def test_new_paper_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "s"
    main(["init", str(site)])
    assert main(["new", "paper", "Same Title", "--site", str(site)]) == 0
    path = site / "content/papers/same-title.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMy edits.\n", encoding="utf-8")
    edited = path.read_bytes()
    assert main(["new", "paper", "Same  title!", "--site", str(site)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == edited


@pytest.mark.parametrize("kind", ["paper", "page"])
def test_new_with_an_empty_title_says_how_to_give_one(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`authorsite new paper "$TITLE"` with the variable not set: it said only `the title is
    empty`."""
    site = tmp_path / "s"
    main(["init", str(site)])
    capsys.readouterr()
    assert main(["new", kind, " ", "--site", str(site)]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        f'new {kind}: the title is empty; give it in quotes: authorsite new {kind} "My New '
        f'{kind.title()}"'
    )


def test_new_paper_titled_as_an_imported_paper_of_another_year_is_another_paper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second "Editorial" (an imported one is of 2020) was refused as "already exists",
    with no way to add it but writing the file by hand."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = tmp_path / "s"
    main(["init", str(site), "--name", "Kaile Wang"])
    bib = Path(__file__).parent / "fixtures" / "ingest" / "bibtex" / "editorials.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    papers = site / "content" / "papers"
    imported = (papers / "editorial.md").read_bytes()
    capsys.readouterr()
    assert main(["new", "paper", "Editorial", "--site", str(site)]) == 0
    out = capsys.readouterr().out
    made = next(p for p in papers.glob("editorial-*.md") if b"2025-11-28" in p.read_bytes())
    assert f"created  {made}" in out
    assert f"note: {papers / 'editorial.md'} has this title too, dated 2020" in out
    assert (papers / "editorial.md").read_bytes() == imported
    assert main(["build", "--site", str(site)]) == 0
    # The same title again this year is the paper just made: refused, saying what to do.
    assert main(["new", "paper", "Editorial", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{made}: already exists, with this title and dated 2025-11-28: edit that" in err


def test_new_paper_author_choice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "s"
    main(["init", str(site), "--name", "Kaile Wang"])
    (site / "content/authors/sitong-fang.yaml").write_text("name: Sitong Fang\n", "utf-8")
    assert main(["new", "paper", "By Sitong", "--author", "sitong-fang", "--site", str(site)]) == 0
    data = read_record(site / "content/papers/by-sitong.md", "by-sitong.md").data
    assert data["authors"] == ["Sitong Fang"]
    assert main(["new", "paper", "Nobody", "--author", "nobody", "--site", str(site)]) == 2
    assert "no author 'nobody' (known: kaile-wang, sitong-fang)" in capsys.readouterr().err
    # The name where the slug belongs (as `main_author: Sitong Fang`) is told the slug.
    assert main(["new", "paper", "X", "--author", "Sitong Fang", "--site", str(site)]) == 2
    assert "it is a slug: write `--author sitong-fang`" in capsys.readouterr().err


def test_build_right_after_init_succeeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "s"
    assert main(["init", str(site), "--name", "Ada Lovelace"]) == 0
    assert main(["build", "--site", str(site)]) == 0
    index = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert "Ada Lovelace" in index
    assert "An Example Paper (replace or delete me)" in index
    assert (site / "output" / "papers" / "example-paper" / "index.html").is_file()
    assert main(["new", "paper", "Second Paper", "--site", str(site)]) == 0
    assert main(["build", "--site", str(site)]) == 0
    assert "Second Paper" in (site / "output" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("installed", "line"),
    [
        (  # pip install git+https://github.com/org/authorsite: the runner installs the same
            {
                "url": "https://github.com/org/authorsite",
                "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567"},
            },
            "authorsite @ git+https://github.com/org/authorsite"
            "@0123456789abcdef0123456789abcdef01234567",
        ),
        (  # a local clone (pip install -e .): the runner cannot reach it, and PyPI's
            # `authorsite` is not this project's: pip is kept off it (no stranger's package)
            {"url": "file:///home/ann/authorsite", "dir_info": {"editable": True}},
            "--no-index",
        ),
        (  # pip install git+ssh://git@github.com/…: the same repository, over https
            {
                "url": "ssh://git@github.com/org/authorsite.git",
                "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567"},
            },
            "authorsite @ git+https://github.com/org/authorsite.git"
            "@0123456789abcdef0123456789abcdef01234567",
        ),
        (None, "authorsite>="),  # from PyPI: no direct_url.json
    ],
)
def test_init_requirements_install_authorsite_the_way_it_was_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, installed: object, line: str
) -> None:
    from generator.ingest import scaffold

    monkeypatch.setattr(scaffold, "_installed_from", lambda: installed)
    assert main(["init", str(tmp_path / "s")]) == 0
    lines = (tmp_path / "s/requirements.txt").read_text(encoding="utf-8").splitlines()
    requirements = [item for item in lines if item and not item.startswith("#")]
    assert requirements[0].startswith(line)
    if line == "--no-index":
        assert requirements[1:] == [f"authorsite>={scaffold.__version__}"]
        assert "authorsite @ git+https://github.com/OWNER/REPO@COMMIT" in " ".join(lines)
    else:
        assert len(requirements) == 1


def test_init_from_a_clone_of_a_public_repository_pins_its_origin_at_a_pushed_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # README: `pip install .` from a clone. pip records only the folder, which GitHub's
    # runner cannot reach; the clone's origin at the same (pushed) commit it can.
    from generator.ingest import scaffold

    clone = tmp_path / "authorsite"
    clone.mkdir()

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-c", "user.name=A", "-c", "user.email=a@example.org", *args],
            cwd=clone, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return done.stdout.strip()

    git("init", "-q")
    git("remote", "add", "origin", "git@github.com:org/authorsite.git")
    (clone / "README.md").write_text("x\n", encoding="utf-8")
    git("add", "README.md")
    git("commit", "-qm", "first")
    pushed = git("rev-parse", "HEAD")
    git("update-ref", "refs/remotes/origin/main", pushed)  # as a fetch of origin leaves it
    monkeypatch.setattr(
        scaffold, "_installed_from", lambda: {"url": clone.as_uri(), "dir_info": {"editable": True}}
    )
    assert (
        scaffold.requirement() == f"authorsite @ git+https://github.com/org/authorsite.git@{pushed}"
    )
    git("commit", "-qm", "local only", "--allow-empty")  # not on origin: the runner lacks it
    assert scaffold.requirement() == scaffold.UNREACHABLE
    git("remote", "set-url", "origin", "https://ann:secret@github.com/org/authorsite.git")
    git("reset", "-q", "--hard", pushed)
    assert scaffold.requirement() == scaffold.UNREACHABLE  # never a password in a file


def test_init_says_the_next_command_as_one_to_paste(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "my site", "--name", "Ada Lovelace"]) == 0
    out = capsys.readouterr().out
    assert "\nNext: cd 'my site' && authorsite import arxiv" in out  # a space, quoted
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert main(["init", ".", "--name", "Ada Lovelace"]) == 0
    assert "\nNext: authorsite import arxiv <your arXiv ids> && authorsite build\n" in (
        capsys.readouterr().out
    )


def test_init_without_a_name_says_the_site_is_a_placeholder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "a")]) == 0
    out = capsys.readouterr().out
    assert 'The site is for "Your Name"' in out and '--name "Full Name"' in out
    # Pages switched on before the first push, whose run otherwise fails at Configure Pages
    assert "Settings > Pages > Source: GitHub Actions, then push" in out
    assert main(["init", str(tmp_path / "b"), "--name", "Ada Lovelace"]) == 0
    assert "Your Name" not in capsys.readouterr().out


def test_new_papers_whose_titles_have_no_latin_letters_are_named_by_author_and_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Titles in Chinese, Japanese or Korean were each `paper`, `paper-2`, …: named as an
    # import names them, by the author's family name and the year (2024 here, as set).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717200000")  # 2024-06-01
    site = tmp_path / "s"
    main(["init", str(site), "--name", "Wei Li"])
    for title in ["深度学习的研究", "量子计算", "기계 학습", "3次元物体"]:
        assert main(["new", "paper", title, "--site", str(site)]) == 0
    papers = site / "content/papers"
    titles = {p.name: read_record(p, p.name).data["title"] for p in papers.glob("li-*.md")}
    assert titles == {
        "li-2024.md": "深度学习的研究",
        "li-2024-2.md": "量子计算",
        "li-2024-3.md": "기계 학습",
        "li-2024-4.md": "3次元物体",
    }
    assert main(["new", "paper", "量子计算", "--site", str(site)]) == 1  # the same paper again
    assert sorted(p.name for p in papers.glob("li-*.md")) == sorted(titles)
    # an author whose name has no Latin letters either: the author's slug and the year
    other = tmp_path / "o"
    main(["init", str(other), "--name", "王小明", "--slug", "wang-xiaoming"])
    assert main(["new", "paper", "量子计算", "--site", str(other)]) == 0
    assert (other / "content/papers/wang-xiaoming-2024.md").is_file()
    assert main(["build", "--site", str(other)]) == 0
    assert (other / "output/papers/wang-xiaoming-2024/index.html").is_file()


@pytest.mark.parametrize(
    ("name", "slug"), [("Con", "con-author"), ("Nul", "nul-author"), ("王凯乐", "author")]
)
def test_init_makes_an_author_slug_the_build_accepts(name: str, slug: str, tmp_path: Path) -> None:
    """Windows cannot have a file named `con`; a name without Latin letters is an author."""
    site = tmp_path / "s"
    assert main(["init", str(site), "--name", name]) == 0
    assert (site / f"content/authors/{slug}.yaml").is_file()
    assert main(["new", "paper", "Aux", "--site", str(site)]) == 0
    assert (site / "content/papers/aux-paper.md").is_file()
    assert main(["build", "--site", str(site)]) == 0
    assert (site / f"output/authors/{slug}/index.html").is_file()


def test_new_paper_from_a_pasted_title_makes_a_record_the_build_accepts(tmp_path: Path) -> None:
    """A title pasted from a PDF carries form feeds, and worse, between its words."""
    site = tmp_path / "s"
    assert main(["init", str(site), "--name", "Ada Lovelace"]) == 0
    assert main(["new", "paper", "Safe\x0cAlignment\x07 of\u00a0Agents", "--site", str(site)]) == 0
    record = site / "content/papers/safe-alignment-of-agents.md"
    assert read_record(record, "x.md").data["title"] == "Safe Alignment of Agents"
    assert main(["new", "paper", "\u200b \x07", "--site", str(site)]) == 2
    assert main(["build", "--site", str(site)]) == 0


@pytest.mark.parametrize(
    ("installed", "told"),
    [
        ({"url": "file:///home/ada/authorsite", "dir_info": {"editable": True}}, True),
        ({"url": "file:///tmp/authorsite-0.1.0-py3-none-any.whl", "archive_info": {}}, True),
        (None, False),  # from PyPI: the runner installs it from there too
        (
            {
                "url": "https://github.com/org/authorsite.git",
                "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef0123"},
            },
            False,
        ),
    ],
)
def test_init_says_when_the_runner_cannot_install_this_authorsite(
    installed: object, told: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """A folder on this computer is out of the runner's reach: the first push would fail."""
    from generator.ingest import scaffold

    monkeypatch.setattr(scaffold, "_installed_from", lambda: installed)
    assert main(["init", str(tmp_path / "s")]) == 0
    out = capsys.readouterr().out
    assert ("which GitHub's runner cannot reach" in out) is told
    if told:
        assert str(tmp_path / "s" / "requirements.txt") in out
        assert "authorsite @ git+https://github.com/OWNER/REPO@COMMIT" in out
        # what happens if the line is left as it is: pip is kept off PyPI
        assert 'fails at "Install authorsite"' in " ".join(out.split())
        assert "not this project's" in out


def test_init_makes_a_site_in_a_clone_of_a_new_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """GitHub's "Create repository" gives .git, often a README, a LICENSE, a .gitignore."""
    repo = tmp_path / "ada.github.io"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "README.md").write_text("# ada.github.io\n", encoding="utf-8")
    (repo / "LICENSE").write_text("MIT\n", encoding="utf-8")
    (repo / ".gitignore").write_text("__pycache__/\n.venv/", encoding="utf-8")
    assert main(["init", str(repo), "--name", "Ada Lovelace"]) == 0
    out = capsys.readouterr().out
    assert f"updated  {repo / '.gitignore'}" in out and f"created  {repo / 'site.yaml'}" in out
    assert (repo / "README.md").read_text(encoding="utf-8") == "# ada.github.io\n"  # kept
    ignored = (repo / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ignored[:2] == ["__pycache__/", ".venv/"] and "output/" in ignored
    assert ignored.count(".venv/") == 1
    assert (repo / ".github/workflows/pages.yml").is_file() and (repo / ".git/HEAD").is_file()
    # The repository exists, and its README (kept) says nothing on publishing: the last
    # line sends the user to this repository's settings and to authorsite's README.
    publish = out.strip().splitlines()[-1]
    assert publish.startswith("Publish: in this repository's Settings > Pages")
    assert "commit the site and push it" in publish and "new GitHub repository" not in publish
    assert "Deploying to GitHub Pages" in publish and "see README.md" not in publish
    assert main(["build", "--site", str(repo)]) == 0
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "thesis.tex").write_text("x", encoding="utf-8")
    assert main(["init", str(tmp_path / "other")]) == 2  # not a new repository: refused
    assert "is not an empty folder" in capsys.readouterr().err


def test_check_says_when_init_s_placeholder_name_is_still_the_site_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`authorsite init` without --name writes "Your Name": after an import of the papers,
    every page's header and title still said it, and `check` named only the bio."""
    site = tmp_path / "s"
    assert main(["init", str(site)]) == 0
    capsys.readouterr()
    assert main(["check", "--site", str(site)]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if "'Your Name'" in line]
    config = (site / "site.yaml").read_text(encoding="utf-8").splitlines()
    title, description = config.index('title: "Your Name"') + 1, config.index("description: >-") + 1
    record = "content/authors/your-name.yaml"
    assert notes == [
        f"note: {record}:1: `name` still says 'Your Name', as `authorsite init` wrote it "
        "without --name, and the profile shows it: write yours",
        f"note: site.yaml:{title}: `title` still says 'Your Name', as `authorsite init` wrote "
        "it without --name, and every page shows it: write yours",
        f"note: site.yaml:{description}: `description` still says 'Your Name', as `authorsite "
        "init` wrote it without --name, and every page shows it: write yours",
    ]
    for path, old, new in (
        (site / "site.yaml", "Your Name", "Ada Lovelace"),
        (site / record, "Your Name", "Ada Lovelace"),
    ):
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert main(["check", "--site", str(site)]) == 0
    assert "'Your Name'" not in capsys.readouterr().out


def test_check_says_when_the_example_paper_and_bio_of_init_are_still_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Getting started imports the papers; "An Example Paper (replace or delete me)" stayed
    on the published site unless the user read its abstract."""
    site = tmp_path / "s"
    assert main(["init", str(site), "--name", "Ada Lovelace"]) == 0
    capsys.readouterr()
    assert main(["check", "--site", str(site)]) == 0
    said = (
        "note: content/papers/example-paper.md is still the example paper `authorsite init` "
        "wrote, and is published with the site: delete it"
    )
    out = capsys.readouterr().out
    assert said in out
    assert (
        "note: content/authors/ada-lovelace.yaml: `bio` is still the example sentence "
        "`authorsite init` wrote, and is published on the profile: write yours"
    ) in out
    record = site / "content" / "authors" / "ada-lovelace.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("A sentence or two", "Ada wrote two"),
        encoding="utf-8",
    )
    example = site / "content" / "papers" / "example-paper.md"
    example.write_text(  # made a draft: not published
        example.read_text(encoding="utf-8").replace("tags:", "draft: true\ntags:"),
        encoding="utf-8",
    )
    assert main(["check", "--site", str(site)]) == 0
    assert "example" not in capsys.readouterr().out
    example.unlink()
    assert main(["new", "paper", "My Real Paper", "--site", str(site)]) == 0
    assert main(["check", "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert "example paper" not in out
    # `new paper`'s abstract to replace is said while it is published, as init's paper is
    assert (
        "note: content/papers/my-real-paper.md: its text is still the example `authorsite "
        "new paper` wrote, and is published with the site: write yours"
    ) in out
    paper = site / "content" / "papers" / "my-real-paper.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("replace it.", "we show x."))
    assert main(["check", "--site", str(site)]) == 0
    assert "note: content/papers/my-real-paper.md" not in capsys.readouterr().out


def test_check_of_a_new_site_says_the_workflow_gives_the_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """base_url "/" in a site init made is no mistake: the workflow passes --base-url."""
    site = tmp_path / "s"
    assert main(["init", str(site), "--name", "Ada Lovelace"]) == 0
    capsys.readouterr()
    assert main(["check", "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert "the GitHub Pages workflow (.github/workflows/pages.yml) builds with the site's" in out
    assert "set base_url" not in out
    (site / ".github/workflows/pages.yml").unlink()  # published some other way
    assert main(["check", "--site", str(site)]) == 0
    assert "set base_url (or --base-url) to https://… before publishing" in capsys.readouterr().out


def test_new_paper_shows_how_to_write_a_journal_s_volume_issue_and_pages(
    tmp_path: Path,
) -> None:
    """The record `new paper` writes names, commented, the fields a person fills in by
    hand: volume, issue and pages were missing, though a journal paper's reference needs
    them; uncommented as shown, they build and read as a reference does."""
    site = tmp_path / "s"
    assert main(["init", str(site), "--name", "Ada Lovelace"]) == 0
    assert main(["new", "paper", "Notes on the Engine", "--site", str(site)]) == 0
    record = site / "content/papers/notes-on-the-engine.md"
    text = record.read_text(encoding="utf-8")
    shown = [line for line in text.splitlines() if line.startswith(("# venue", "# volume",
             "# issue", "# pages"))]  # fmt: skip
    assert [line.split(":")[0] for line in shown] == ["# venue", "# volume", "# issue", "# pages"]
    for line in shown:
        text = text.replace(line, line[2:])
    record.write_text(text, encoding="utf-8")
    assert main(["build", "--site", str(site)]) == 0
    page = (site / "output/papers/notes-on-the-engine/index.html").read_text(encoding="utf-8")
    assert re.search(r"12\(3\), 45–67", page)


def test_init_with_a_name_without_latin_letters_says_the_slug_and_takes_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--name "王小明"` made content/authors/author.yaml without a word, and no option could
    make it another."""
    assert main(["init", str(tmp_path / "a"), "--name", "王小明"]) == 0
    out = capsys.readouterr().out
    assert (
        "The author's slug is `author` (content/authors/author.yaml, site.yaml's main_author, "
        "the address authors/author/): 王小明 has no Latin letters to make one of. To choose "
        "it, run init again in a new folder with --slug and your name in Latin letters"
    ) in out
    assert "wang-xiaoming" not in out  # a Chinese name's example, to a Japanese user too
    # a name of Latin letters makes its own slug: nothing to say
    assert main(["init", str(tmp_path / "b"), "--name", "Ada Lovelace"]) == 0
    assert "slug" not in capsys.readouterr().out

    site = tmp_path / "c"
    assert main(["init", str(site), "--name", "王小明", "--slug", "wang-xiaoming"]) == 0
    assert "slug" not in capsys.readouterr().out
    assert "main_author: wang-xiaoming\n" in (site / "site.yaml").read_text(encoding="utf-8")
    assert main(["build", "--site", str(site)]) == 0
    assert "王小明" in (site / "output/authors/wang-xiaoming/index.html").read_text("utf-8")


def test_init_writes_the_pages_language_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`init --name "小林 美穂"` wrote `language: en` without a word, and init had no way to
    say Japanese: her pages said "Papers" and `lang="en"` until she found site.yaml."""
    assert main(["init", str(tmp_path / "a"), "--name", "小林 美穂"]) == 0
    assert "run init again in a new folder with --language TAG" in capsys.readouterr().out
    site = tmp_path / "b"
    assert main(["init", str(site), "--name", "小林 美穂", "--language", "ja"]) == 0
    assert "--language" not in capsys.readouterr().out
    assert "\nlanguage: ja\n" in (site / "site.yaml").read_text(encoding="utf-8")
    assert main(["build", "--site", str(site)]) == 0
    assert '<html lang="ja"' in (site / "output/index.html").read_text(encoding="utf-8")
    assert main(["init", str(tmp_path / "c"), "--language", "Japanese"]) == 2
    assert (
        "init --language: `--language` 'Japanese' is not a language tag (BCP 47); write `ja`"
        in (capsys.readouterr().err)
    )
    assert not (tmp_path / "c").exists()


def test_init_refuses_a_slug_the_build_would_refuse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("x")
    for slug, fixed in (("Wang Xiaoming", "wang-xiaoming"), ("con", "con-author")):
        assert main(["init", str(tmp_path / "full"), "--name", "王小明", "--slug", slug]) == 2
        folder, said, summary = capsys.readouterr().err.splitlines()
        assert said.startswith(f"init --slug: '{slug}' is no slug: one is lower-case Latin ")
        assert said.endswith(f"no name Windows keeps for a device; write --slug {fixed}")
        assert folder.endswith(
            "full: is not an empty folder; init only creates a site in a "
            "new or empty folder (or a clone of a new repository: .git, "
            "README.md, LICENSE, .gitignore)"
        )  # each problem in one run
        assert summary == "2 problems; nothing was written."
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["notes.txt"]
