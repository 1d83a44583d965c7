"""Values: impossible dates, NaN and huge numbers, a 1 MB abstract, 5,000 authors, collisions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n"}  # fmt: skip
PAPER = "---\ntitle: A Paper\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n---\nAbstract.\n"


def paper(**fields: str) -> str:
    """PAPER with fields replaced or added (values written as YAML)."""
    lines = {"title": "A Paper", "authors": "[Ada Lovelace]", "date": "2024-05-01", **fields}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in lines.items()) + "---\nAbstract.\n"


# field -> (YAML value, expected message part); the field sits on its line in `paper()`.
BAD_VALUES = {
    "feb 30": ("date", "2024-02-30", "is not a calendar day (that month has 29 days)"),
    "feb 29 non-leap": ("date", "2023-02-29", "is not a calendar day (that month has 28 days)"),
    "month 13": ("date", "2024-13-01", "has no month 13"),
    "month 0": ("date", "2024-00-10", "has no month 0"),
    "year 999": ("date", "0999", "impossible year 0999, before 1000 (a typo, or a placeholder"),
    # said with nothing to write instead
    "year 0": (
        "date",
        "0000-01-01",
        "`date` has an impossible year 0000, before 1000 (a typo, or a placeholder left in?); "
        "write the year meant, such as 2024",
    ),
    "digits only": (
        "date",
        "20240105",
        "`date` must be a date written YYYY-MM-DD, YYYY-MM or YYYY, not the number 20240105; "
        "write `2024-01-05`",
    ),
    "five-digit year": ("date", "10000-01-01", "must be a date written YYYY-MM-DD"),
    "word date": ("date", "yesterday", "must be a date written YYYY-MM-DD"),
    "nan score": ("score", ".nan", "must be a number from 0 to 100, not .nan"),
    "inf score": ("score", ".inf", "must be a number from 0 to 100, not .inf"),
    "-inf score": ("score", "-.inf", "must be a number from 0 to 100, not -.inf"),
    "huge score": ("score", "1e308", "must be a number from 0 to 100"),
    "huge citations": (
        "citations",
        "1" + "0" * 400,
        "`citations` is too large (401 digits); a count here is at most 1000000000000000",
    ),
    # Longer than Python reads a whole number: the YAML loader itself fails on it
    "5,000-digit citations": ("citations", "9" * 5_000, "a number of 5,000 digits"),
    "5,000-digit title": ("title", "9" * 5_000, "a number of 5,000 digits"),
    "float citations": ("citations", "1e400", "must be a whole number"),
    # YAML 1.1 reads these as 8, 1000 and 90: text now, refused with the way to write a count
    "octal citations": ("citations", "010", "not '010'; write it without the leading zero: 10"),
    "underscored citations": (
        "citations",
        "1_000",
        "not '1_000'; write it without separators: 1000",
    ),
    "sexagesimal citations": ("citations", "1:30", "must be a whole number, not '1:30'"),
    "negative citations": ("citations", "-1", "must be 0 or more"),
    "grouped citations": ("citations", "1,234", "not '1,234'; write it without separators: 1234"),
    "spaced citations": ("citations", "12 345", "not '12 345'; write it without separators: 12345"),
    "empty authors": ("authors", "[]", "required field `authors` is empty"),
    "only et al": ("authors", "[et al.]", "`authors` must list at least one name"),
    "et al in the middle": ("authors", "[A, et al., B]", "`et al.` may only end the author list"),
    "control character": (
        "title",
        '"A\\x0bB"',
        "`title` contains the control character U+000B; remove it",
    ),
    "escape character": (
        "venue",
        '"\\e[31mred"',
        "`venue` contains the control character U+001B; remove it",
    ),
    "open right-to-left override": (
        "title",
        "Safe \u202eRLHF",
        "`title` has a right-to-left override (U+202E) that is never closed, which would "
        "reorder how the page shows what follows it; remove it",
    ),
    "open isolate in a name": (
        "authors",
        "[Ada Lovelace, \u2067Bob Byron]",
        "`authors` has a right-to-left isolate (U+2067) that is never closed",
    ),
    "override left open around a closed isolate": (
        "title",
        "A\u202eB \u2067C\u2069 D",
        "`title` has a right-to-left override (U+202E) that is never closed",
    ),
    "pop that closes nothing": (
        "venue",
        "NeurIPS\u202c 2024",
        "`venue` has a pop directional formatting (U+202C) that closes nothing; remove it",
    ),
}
LINE = {"title": 2, "authors": 3, "date": 4}


@pytest.mark.parametrize("case", BAD_VALUES)
def test_bad_value_is_a_located_error(case: str, tmp_path: Path) -> None:
    field, value, message = BAD_VALUES[case]
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": paper(**{field: value})})
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", str(LINE.get(field, 5)))
    assert message in problem["message"]


def test_huge_declared_metric_is_a_located_error(tmp_path: Path) -> None:
    author = "name: Ada Lovelace\nmetrics:\n  h_index: 1" + "0" * 400 + "\n"
    site = write_site(
        tmp_path / "site",
        {**SITE, "content/authors/ada.yaml": author, "content/papers/one.md": PAPER},
    )
    built = run_build(site)
    assert built.status == 1
    problem = built.problems()[0]
    assert (problem["path"], problem["line"]) == ("content/authors/ada.yaml", "3")
    assert problem["message"] == (
        "`metrics.h_index` is too large (401 digits); a count here is at most 1000000000000000"
    )


def test_control_character_in_the_abstract_is_a_located_error(tmp_path: Path) -> None:
    site = write_site(
        tmp_path / "site",
        {**SITE, "content/papers/one.md": PAPER + "\nPasted from a PDF\x0cpage two\n"},
    )
    [problem] = run_build(site).problems()
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", "8")
    assert problem["message"] == "contains the control character U+000C; remove it"


def test_open_direction_override_in_the_abstract_is_a_located_error(tmp_path: Path) -> None:
    """As in a title or a bio: left open, it reorders what the page shows after it."""
    abstract = "First line.\n\nWe show \u202eNOITCURTSNI\u202c and \u202egniht.\n"
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": PAPER + abstract})
    [problem] = run_build(site).problems()
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", "9")
    assert problem["message"].startswith(
        "the abstract has a right-to-left override (U+202E) that is never closed"
    )


@pytest.mark.parametrize("reference", ["&#8238;", "&#x202E;", "&#x2067;"])
def test_a_direction_override_written_as_a_reference_is_a_located_error(
    reference: str, tmp_path: Path
) -> None:
    """Markdown turns `&#8238;` into U+202E on the page: the same trick, spelled another way."""
    # (the line is the override's, not that of a harmless reference before it)
    abstract = f"First line &#8211; a dash.\n\nWe show {reference}NOITCURTSNI to readers.\n"
    bio = f"bio: 'Hi {reference}olleh'\n"
    files = {
        **SITE,
        "content/authors/ada.yaml": "name: Ada Lovelace\n" + bio,
        "content/papers/one.md": PAPER + abstract,
        "content/papers/two.yaml": "title: T\nauthors: [Ada Lovelace]\ndate: 2024\n"
        + bio.replace("bio", "abstract"),
    }
    built = run_build(write_site(tmp_path / "site", files))
    found = {(p["path"], p["line"]): p["message"] for p in built.problems()}
    assert found.keys() == {
        ("content/authors/ada.yaml", "2"),
        ("content/papers/one.md", "9"),
        ("content/papers/two.yaml", "4"),
    }
    assert all("that is never closed" in m and "character reference" in m for m in found.values())
    assert not built.out.exists()


def test_a_reference_too_long_for_markdown_is_text_not_a_traceback(tmp_path: Path) -> None:
    """`&#` and 5,000 digits: Markdown shows it as written (a reference has at most 7);
    reading it as a number ended in Python's ValueError (over 4,300 digits), a traceback."""
    reference = "&#" + "1" * 5_000 + ";"
    files = {
        **SITE,
        "content/authors/ada.yaml": f"name: Ada Lovelace\nbio: 'Hi {reference}'\n",
        "content/papers/one.md": PAPER + f"We show {reference} to readers.\n",
        "content/papers/two.yaml": "title: T\nauthors: [Ada Lovelace]\ndate: 2024\n"
        f"abstract: 'Hi {reference} &#8238;x&#8236;'\n",
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 0, built.stderr
    assert f"We show {reference} to readers." in built.pages()["papers/one/index.html"].all_text()


def test_closed_direction_controls_are_kept(tmp_path: Path) -> None:
    """Text mixing directions may need an isolate or an embedding, closed in its field."""
    title = "Reading \u2067\u05e9\u05dc\u05d5\u05dd\u2069 aloud"
    site = write_site(
        tmp_path / "site",
        {**SITE, "content/papers/one.md": paper(title=title, venue="\u202bACL\u202c 2024")},
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    text = built.pages()["papers/one/index.html"].all_text()
    assert title in text and "\u202bACL\u202c 2024" in text


def test_a_value_yaml_1_1_reads_as_another_number_is_shown_as_written(tmp_path: Path) -> None:
    """`slug: 010` was the octal 8 (published at papers/8/), `1:30` the sexagesimal 90,
    `0x1F` 31: the pages showed numbers nobody wrote. Plain numbers stay numbers."""
    record = paper(slug="010", venue="0x1F", note="1:30", tags="[007, 1_000]", citations="12")
    built = run_build(write_site(tmp_path / "site", {**SITE, "content/papers/one.md": record}))
    assert built.status == 0, built.stderr
    pages = built.pages()
    assert "papers/010/index.html" in pages and "papers/8/index.html" not in pages
    text = pages["papers/010/index.html"].all_text()
    assert "0x1F" in text and "1:30" in text and "007" in text and "1_000" in text
    assert "12 citations" in pages["index.html"].all_text()


def test_a_text_yaml_reads_as_a_decimal_number_is_shown_as_written(tmp_path: Path) -> None:
    """`tags: [3.10]` showed the float's text, 3.1 (and `1.0e+3` 1000.0); a score written
    56.50 is still the number 56.5."""
    record = paper(title="1.10", venue="2024.10", tags="[3.10, 1.0e+3]", score="56.50")
    built = run_build(write_site(tmp_path / "site", {**SITE, "content/papers/one.md": record}))
    assert built.status == 0, built.stderr
    page = built.pages()["papers/one/index.html"]
    text = page.all_text()
    assert "1.10" in text and "2024.10" in text and "3.10" in text and "1.0e+3" in text
    assert "1000.0" not in text and "2024.1\n" not in text
    cards = [dict(a) for t, a in built.pages()["index.html"].elements if t == "article"]
    assert [card.get("data-score") for card in cards] == ["56.5"]


def test_far_future_date_builds(tmp_path: Path) -> None:
    site = write_site(
        tmp_path / "site", {**SITE, "content/papers/one.md": paper(date="9999-12-31")}
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert "Dec 31, 9999" in built.pages()["index.html"].all_text()


def test_papers_nine_thousand_years_apart_draw_a_bar_each_not_one_per_year(
    tmp_path: Path,
) -> None:
    """Two records dated 1000 and 9999 drew 9,000 bars: 800 KB on each page of the author."""
    files = {
        **SITE,
        "content/papers/old.md": paper(title="Old", date="1000", citations="3"),
        "content/papers/new.md": paper(title="New", date="9999-12-31", citations="5"),
    }
    built = run_build(write_site(tmp_path / "site", files))
    assert built.status == 0, built.stderr
    page = built.pages()["index.html"]
    bars = [dict(a) for t, a in page.elements if t == "rect" and dict(a).get("class") == "bar"]
    assert len(bars) == 4  # papers and citations, one bar for each of the two years
    years = [dict(a) for t, a in page.elements if t == "th" and dict(a).get("scope") == "row"]
    assert len(years) == 4  # the charts' tables, the same two years each
    assert (built.out / "index.html").stat().st_size < 50_000


def test_one_megabyte_abstract_builds_and_shows_as_text(tmp_path: Path) -> None:
    abstract = ("We study <b>bold</b> claims [1] and $x$. " * 30_000)[:1_000_000]
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": PAPER + abstract})
    built = run_build(site)
    assert built.status == 0, built.stderr
    text = "".join(built.pages()["papers/one/index.html"].all_text().split())
    assert "".join(abstract.split()) in text


def test_five_thousand_authors(tmp_path: Path) -> None:
    names = [f"Author Number{i}" for i in range(5_000)]
    authors = "[" + ", ".join(names) + ", Ada Lovelace]"
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": paper(authors=authors)})
    built = run_build(site)
    assert built.status == 0, built.stderr
    pages = built.pages()
    assert all(n in pages["papers/one/index.html"].all_text() for n in (names[0], names[-1]))
    card = pages["index.html"].all_text()
    # the profile's own author, 5,001st, is shown after the first three (as the CV does)
    assert "Author Number0, Author Number1, Author Number2, …, Ada Lovelace" in " ".join(
        card.split()
    )
    assert names[3] not in card and "et al." not in card


@pytest.mark.parametrize(
    "files",
    [
        {"content/papers/one.md": PAPER, "content/papers/one.yaml": "title: B\nauthors: [A]\ndate: 2024\n"},
        {"content/papers/one.md": PAPER, "content/papers/two.md": paper(slug="one")},
    ],
    ids=["same file name", "slug field"],
)  # fmt: skip
def test_duplicate_slugs_are_a_located_error(files: dict[str, str], tmp_path: Path) -> None:
    built = run_build(write_site(tmp_path / "site", {**SITE, **files}))
    assert built.status == 1
    [problem] = built.problems()
    assert "paper slug `one` is already used by content/papers/one.md" in problem["message"]


def test_a_slug_taken_by_a_record_with_problems_of_its_own_is_said_in_the_same_run(
    tmp_path: Path,
) -> None:
    """The checks across records skipped every record with a problem: the clash showed only
    after `citations: -1` was mended, in a second run."""
    files = {
        **SITE,
        "content/papers/one.md": paper(citations="-1"),  # claims `one` by its file name
        "content/papers/two.md": paper(title="Two", slug="one"),
        "content/papers/three.md": paper(title="Three", slug="four", score="200"),
        "content/papers/four.md": paper(title="Four"),  # `four` is three.md's slug
        "content/papers/five.md": "---\ntitle: [\n---\n",  # unreadable: claims `five`
        "content/papers/six.md": paper(title="Six", slug="five"),
        "content/authors/bob.yaml": "name: Bob\nphoto: 'https://x.org/b.jpg'\n",
        "content/authors/robert.yaml": "name: Robert\nslug: bob\n",
    }
    found = {
        (p["path"], p["line"], p["message"])
        for p in run_build(write_site(tmp_path / "site", files)).problems()
    }
    assert {(path, line) for path, line, _ in found} == {
        ("content/papers/one.md", "5"),
        ("content/papers/two.md", "5"),
        ("content/papers/three.md", "6"),
        ("content/papers/four.md", "1"),
        ("content/papers/five.md", "3"),
        ("content/papers/six.md", "5"),
        ("content/authors/bob.yaml", "2"),
        ("content/authors/robert.yaml", "2"),
    }
    clashes = {path: message for path, _, message in found if "already used by" in message}
    assert clashes == {
        "content/papers/two.md": "paper slug `one` is already used by content/papers/one.md; "
        "rename one file or set a different `slug:`",
        "content/papers/four.md": "paper slug `four` is already used by content/papers/three.md; "
        "rename one file or set a different `slug:`",
        "content/papers/six.md": "paper slug `five` is already used by content/papers/five.md; "
        "rename one file or set a different `slug:`",
        "content/authors/robert.yaml": "author slug `bob` is already used by "
        "content/authors/bob.yaml; rename one file or set a different `slug:`",
    }


@pytest.mark.parametrize("epoch", ["99999999999999999", "-1", "1e9", "yesterday", "１２３"])
def test_bad_source_date_epoch_is_a_usage_error(epoch: str, tmp_path: Path) -> None:
    site = write_site(
        tmp_path / "site",
        {"site.yaml": "title: T\n", "content/authors/ada.yaml": "name: A\n"},
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site", str(site)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    said = (
        "is no date a calendar has" if epoch.isascii() and epoch.isdigit() else "is not a Unix time"
    )
    assert proc.stderr.startswith(f"SOURCE_DATE_EPOCH={epoch!r} {said}")
    assert "Traceback" not in proc.stderr and not (site / "output").exists()


def test_huge_record_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": PAPER})
    with open(site / "content/papers/one.md", "r+b") as file:
        file.truncate(3 * 2**30)  # sparse: 3 GB that take no room and would not fit in memory
    from generator import cache

    hashed: list[str] = []  # the build hashed the file it had just been written (12-44 s)
    digest = cache.regular_file_digest
    monkeypatch.setattr(cache, "regular_file_digest", lambda p: hashed.append(str(p)) or digest(p))
    built = run_build(site)
    assert not [path for path in hashed if path.endswith("one.md")]
    from generator import parse, state

    assert state.RACY_MAX_BYTES == parse.MAX_RECORD_BYTES  # one bound, named twice
    assert built.status == 1
    [problem] = built.problems()
    # the line the limit is passed on: the zeros after the record's last line (it had none)
    assert problem["path"] == "content/papers/one.md"
    assert problem["line"] == str(PAPER.count("\n") + 1)
    assert problem["message"] == (  # it said nothing to do
        "is 3072 MB; a record may hold at most 16 MB, which this line passes: shorten it, or "
        "move it out of the site if it is no record"
    )


def test_a_record_too_large_is_reported_at_the_line_that_passes_the_limit(
    tmp_path: Path,
) -> None:
    """A record of 17 MB of text (an abstract pasted with a whole paper's data): the error
    named the file alone; it names the line the 16 MB limit is passed on, as every
    problem in a file is `path:line: message`, and the build writes nothing."""
    from generator.parse import MAX_RECORD_BYTES

    row = "x" * 999 + "\n"  # 1,000 bytes a line, after the record's own lines
    text = PAPER + row * (MAX_RECORD_BYTES // len(row) + 1000)
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": text})
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    passed = text.encode()[: MAX_RECORD_BYTES + 1].count(b"\n") + 1
    assert passed == PAPER.count("\n") + (MAX_RECORD_BYTES - len(PAPER)) // len(row) + 1
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", str(passed))
    assert problem["message"].startswith("is 17 MB; a record may hold at most 16 MB")
    assert not (site / "output").exists()


@pytest.mark.parametrize(
    ("links", "line", "message"),
    [
        (
            '  "Git\\0Hub": https://github.com/ada\n',
            "3",
            "contains the control character U+0000; remove it",
        ),
        (
            '  github: "https://github.com/ada\\x01"\n',
            "3",
            "contains the control character U+0001; remove it",
        ),
        ('  "\\u202eGitHub": https://github.com/ada\n', "3", "right-to-left override (U+202E)"),
        ('  github: "https://github.com/\\u202eada"\n', "3", "right-to-left override (U+202E)"),
    ],
)
def test_a_links_name_or_address_holds_no_control_character_or_open_override(
    links: str, line: str, message: str, tmp_path: Path
) -> None:
    """A link's name is its text on the page, its address is shown on the CV: as any text."""
    author = "name: Ada Lovelace\nlinks:\n" + links
    site = write_site(tmp_path / "site", {**SITE, "content/authors/ada.yaml": author})
    built = run_build(site)
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/authors/ada.yaml", line)
    assert message in problem["message"]
    assert not built.out.exists()
