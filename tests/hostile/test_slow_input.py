"""Text shaped to make our own regular expressions backtrack: quick, never a hang.

A pattern that can start at every blank of a long run, and then scans the rest of the run
each time, takes time with the square of the run's length: a 100 KB run of blanks took
minutes, a record of a few megabytes would take days. Each case here took a minute or
more before its pattern was fixed. No time is asserted (tests never do; `make bench`
measures): each input is sized so that a pattern gone quadratic again runs for many
minutes, which the suite's run does not survive (pytest's faulthandler then shows where).
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import ContentError
from generator.ingest.dblp import meeting
from generator.ingest.frontmatter import read_front_matter
from generator.ingest.work import Work, drop_control_characters, state_from_venue
from generator.readback import parse_page
from tests.hostile.harness import run_build, write_site
from tests.ingest_support import FIXTURES, new_site, read_papers


def quiet_import(site: Path, *args: str) -> int:
    """``authorsite import …`` in-process, its output swallowed: its status."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        return main(["import", *args, "--site", str(site)])


def test_a_colon_in_a_value_with_a_long_run_of_blanks_is_a_quick_message(tmp_path: Path) -> None:
    # YAML refuses `title: a: b`; the hint that says to quote the value read the line with
    # a pattern that was quadratic in its trailing blanks (100,000: about a minute).
    line = "title: BERT: Pre-training" + " " * 100_000 + "x"
    site = write_site(
        tmp_path,
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\n",
            "content/papers/one.md": f"---\n{line}\nauthors: [Ada]\ndate: 2024\n---\n",
        },
    )
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", "2")
    assert "must be in quotes: `title: 'BERT: Pre-training" in problem["message"]
    assert len(problem["message"]) < 300  # the line is quoted in part, not printed whole
    assert not built.out.exists()


def test_a_bibtex_author_list_with_a_long_run_of_blanks_imports_quickly(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    bib = tmp_path / "refs.bib"
    gap = " " * 40_000
    bib.write_text(
        "@article{lovelace2024,\n  title = {On Engines},\n"
        f"  author = {{Ada Lovelace and{gap}Charles Babbage}},\n"
        "  journal = {Journal of Engines},\n  year = {2024}\n}\n"
    )
    status = quiet_import(site, "bibtex", str(bib))
    assert status == 0
    [(_, front, _)] = read_papers(site)
    assert front["authors"] == ["Ada Lovelace", "Charles Babbage"]


def test_a_hugo_page_with_many_blank_lines_imports_quickly(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    hugo = tmp_path / "hugo"
    page = hugo / "content" / "publication" / "engines" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: On Engines\ndate: 2024-01-01\nauthors: [Ada Lovelace]\n"
        "publication_types: ['2']\n---\n{{< figure src=\"x.png\" >}}\n"
        + "\n" * 200_000
        + "The engine weaves patterns.\n"
    )
    status = quiet_import(site, "hugo", str(hugo))
    assert status == 0
    [(_, _, abstract)] = read_papers(site)
    assert abstract == "The engine weaves patterns."  # the shortcode dropped, as before


def test_academicpages_names_with_long_runs_of_blanks_import_quickly(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    folder = tmp_path / "ap" / "_publications"
    folder.mkdir(parents=True)
    gap = " " * 40_000
    pages = {
        # names in `authors`, and names read from the APA `citation` (no `authors`)
        "2024-01-01-engines.md": f"authors: 'Ada Lovelace{gap}and Charles Babbage'\n",
        "2024-02-01-looms.md": (
            f"citation: 'Lovelace, A.{gap}(2024). &quot;On Looms.&quot; <<<<{'<' * 40_000}'\n"
        ),
    }
    for name, field in pages.items():
        title = "On Engines" if "engines" in name else "On Looms"
        (folder / name).write_text(
            f"---\ntitle: {title}\ndate: {name[:10]}\nvenue: 'Journal 1'\n{field}---\nText.\n"
        )
    status = quiet_import(site, "academicpages", str(folder.parent))
    assert status == 0
    authors = {front["title"]: front["authors"] for _, front, _ in read_papers(site)}
    assert authors == {
        "On Engines": ["Ada Lovelace", "Charles Babbage"],
        "On Looms": ["A. Lovelace"],
    }


def test_control_characters_after_a_long_run_of_blanks_are_dropped_quickly() -> None:
    # The importers fold blanks before this step today; the step must not rely on it.
    work = Work(origin="refs.json", line=0, label="work 'W1'")
    work.abstract = "Engines" + " " * 200_000 + "\x0c weave.\x01"
    notes = drop_control_characters(work)
    assert work.abstract == "Engines weave."
    assert notes


def test_a_hugo_page_with_long_runs_of_marks_blanks_and_brackets_imports_quickly(
    tmp_path: Path,
) -> None:
    # An author's emphasis (`__**Me**__`) was stripped by a pattern cubic in a run of
    # asterisks (4,000: half a minute), the `<br/><br/>` between an abstract's paragraphs
    # found by one quadratic in a run of blanks, and a venue's Markdown link by one
    # quadratic in a run of `[` (or of `[x](`).
    site = new_site(tmp_path / "site")
    hugo = tmp_path / "hugo"
    page = hugo / "content" / "publication" / "engines" / "index.md"
    page.parent.mkdir(parents=True)
    author = "*" * 4_000 + "Ada Lovelace"
    abstract = "Engines" + " " * 60_000 + "weave.<br/><br/>Looms  <br><br> too."
    venue = "In " + "[" * 100_000 + "[*ECCV*](https://eccv2020.eu/)" + "[x](" * 30_000
    page.write_text(
        f"---\ntitle: On Engines\ndate: 2024-01-01\nauthors: ['{author}', '__**Me**__']\n"
        f"publication_types: ['1']\nabstract: '{abstract}'\npublication: '{venue}'\n---\n"
    )
    status = quiet_import(site, "hugo", str(hugo))
    assert status == 0
    [(_, front, text)] = read_papers(site)
    assert front["authors"] == ["Ada Lovelace", "Me"]
    assert text == "Engines weave.\n\nLooms\n\ntoo."
    assert front["venue"].startswith("[[[[") and "[ECCV[x](" in front["venue"]


def test_dblp_booktitles_with_long_runs_of_capitals_and_blanks_import_quickly(
    tmp_path: Path,
) -> None:
    # The meeting read out of a dblp booktitle: its acronym, `[A-Z]\w*[A-Z]\w*`, was
    # quadratic in a long word of capitals (ACM's `KDD '21:` form and the `ICML 2023`
    # form), and its ` - ` in a run of blanks (90,000: many minutes each).
    site = new_site(tmp_path / "site")
    bib = tmp_path / "dblp.bib"
    titles = {
        "A": "A" * 90_000 + " x",
        "B": "Conference, " + "B" * 90_000 + " 2023, Honolulu",
        "C": "Conference" + " " * 90_000 + "x",
        "D": "Conference (Volume 1:" + " " * 90_000 + "Long Papers), ICML 2023",
    }
    bib.write_text(
        "".join(
            f"@inproceedings{{DBLP:conf/x/{key}23,\n  title = {{On Engines {key}}},\n"
            f"  author = {{Ada Lovelace}},\n  booktitle = {{{title}}},\n  year = {{2023}}\n}}\n"
            for key, title in titles.items()
        )
    )
    status = quiet_import(site, "bibtex", str(bib))
    assert status == 0
    venues = {front["title"]: front["venue"] for _, front, _ in read_papers(site)}
    assert venues["On Engines B"] == "B" * 90_000 + " 2023"  # the meeting, as dblp names it
    assert venues["On Engines D"] == "ICML 2023 (Long Papers)"
    assert len(venues) == 4


def test_an_academicpages_citation_with_a_long_run_of_commas_imports_quickly(
    tmp_path: Path,
) -> None:
    # The `(eds.)` after a citation's names was looked for from each comma and blank of a
    # run of them, to its end: quadratic (100,000 characters: minutes).
    site = new_site(tmp_path / "site")
    folder = tmp_path / "ap" / "_publications"
    folder.mkdir(parents=True)
    run = ", " * 50_000
    (folder / "2024-02-01-looms.md").write_text(
        "---\ntitle: On Looms\ndate: 2024-02-01\nvenue: 'Journal 1'\n"
        f"citation: 'Lovelace, A.{run}x (2024). &quot;On Looms.&quot; <i>Journal 1</i>.'\n"
        "---\nText.\n"
    )
    status = quiet_import(site, "academicpages", str(folder.parent))
    assert status == 0
    [(_, front, _)] = read_papers(site)
    assert front["title"] == "On Looms"


def test_a_meta_refresh_with_a_long_run_of_blanks_is_read_quickly(tmp_path: Path) -> None:
    # check --built reads a page's `<meta http-equiv="refresh">` as a link; its delay's
    # blanks were tried in two places at once (quadratic: 100,000 blanks, minutes).
    page = tmp_path / "index.html"
    blanks = " " * 100_000
    page.write_text(
        f'<meta http-equiv="refresh" content="{blanks}x">\n'
        f'<meta http-equiv="refresh" content="0{blanks}; url=../#papers">\n'
    )
    assert parse_page(page).urls == [(2, "../#papers")]


def test_a_bibtex_title_in_thousands_of_braces_imports_quickly(tmp_path: Path) -> None:
    # A LaTeX CV's title as one `\textit{\href{…}{…}}` is peeled a brace or style at a
    # time, each layer read whole: 45,000 pairs of braces (90 KB, under the 100,000
    # characters a field may hold) took hours. A real title has a layer or two.
    site = new_site(tmp_path / "site")
    bib = tmp_path / "refs.bib"
    depth = 45_000
    title = "{" * depth + "\\textit{Engines}" + "}" * depth
    bib.write_text(
        f"@article{{lovelace2024,\n  title = {{{title}}},\n  author = {{Ada Lovelace}},\n"
        "  journal = {Journal of Engines},\n  year = {2024}\n}\n"
    )
    assert quiet_import(site, "bibtex", str(bib)) == 0
    [(_, front, _)] = read_papers(site)
    assert front["title"] == "*Engines*"


def test_an_isbn_with_a_long_run_of_blanks_is_a_quick_message(tmp_path: Path) -> None:
    # Where one ISBN of a field ends and the next begins was looked for from each blank of
    # a run, to its end: quadratic (100,000 blanks in `isbn:` hung the build for minutes).
    site = write_site(
        tmp_path,
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\n",
            "content/papers/one.md": (
                "---\ntitle: On Engines\nauthors: [Ada]\ndate: 2024\ntype: book\n"
                f'isbn: "978{" " * 100_000}0"\n---\n'
            ),
        },
    )
    built = run_build(site)
    assert built.status == 1
    [problem] = built.problems()
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", "6")
    assert "isbn `978 0` has 4 digits" in problem["message"]
    assert not built.out.exists()


def test_an_author_with_a_long_run_of_blanks_before_brackets_builds_quickly(
    tmp_path: Path,
) -> None:
    # An editor's or translator's mark, `(ed.)`, was looked for from each blank of a run
    # before a name's closing bracket, to its end: quadratic (100,000: minutes).
    site = write_site(
        tmp_path,
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/papers/one.md": (
                '---\ntitle: On Engines\nauthors: ["Ada Lovelace", '
                f'"Charles{" " * 100_000}(Babbage)", "Mary Somerville{" " * 100_000}(ed.)"]\n'
                "date: 2024\n---\n"
            ),
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    cite = (built.out / "papers" / "one" / "cite.bib").read_text()
    assert "author = {Ada Lovelace and Charles (Babbage)}" in cite  # no mark: a name
    assert "editor = {Mary Somerville}" in cite  # the editor's mark read through the run


def test_an_arxiv_author_with_a_long_name_imports_quickly(tmp_path: Path) -> None:
    # Whether the last author is a name with `et al.` after it (`G. Aad et al.`) was read
    # as `(.*?\w.*?)` before the mark: each letter tried against the rest, quadratic
    # (20,000 letters: minutes).
    site = new_site(tmp_path / "site")
    feed = tmp_path / "feed.xml"
    classic = (FIXTURES / "arxiv" / "classic.xml").read_text()
    long_name = "Chelsea " + "F" * 100_000
    feed.write_text(classic.replace("<name>Chelsea Finn</name>", f"<name>{long_name}</name>"))
    assert quiet_import(site, "arxiv", str(feed)) == 0
    authors = {front["title"][:6]: front["authors"] for _, front, _ in read_papers(site)}
    assert authors["Direct"][-1] == long_name


def test_a_jats_abstract_heading_with_a_long_run_of_blanks_imports_quickly(
    tmp_path: Path,
) -> None:
    # Crossref's `<jats:title>Abstract</jats:title>` before an abstract is left out; the
    # blanks around its colon were tried at each split of a run between two `\s*`:
    # quadratic (99,000 blanks, under the value limit: half a minute of one entry).
    site = new_site(tmp_path / "site")
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{lovelace2024,\n  title = {On Engines},\n  author = {Ada Lovelace},\n"
        "  journal = {Journal of Engines},\n  year = {2024},\n"
        f"  abstract = {{<jats:title>Abstract{' ' * 99_000}x}},\n}}\n"
        "@article{lovelace2025,\n  title = {On Looms},\n  author = {Ada Lovelace},\n"
        "  journal = {Journal of Engines},\n  year = {2025},\n"
        f"  abstract = {{<jats:title>Abstract{' ' * 99_000}:</jats:title>Looms weave.}},\n}}\n"
    )
    assert quiet_import(site, "bibtex", str(bib)) == 0
    bodies = {front["title"]: body.strip() for _, front, body in read_papers(site)}
    assert bodies["On Looms"] == "Looms weave."  # the heading left out through the run
    assert bodies["On Engines"].endswith("x")


def test_a_bibtex_file_with_many_blank_lines_before_its_entries_imports_quickly(
    tmp_path: Path,
) -> None:
    # Scopus's `EXPORT DATE:` line above the entries was looked for with a `\s*` from each
    # line's start that ran over every blank line after it: quadratic (300,000 blank lines
    # before it: a quarter hour).
    site = new_site(tmp_path / "site")
    bib = tmp_path / "scopus.bib"
    bib.write_text(
        "\n" * 300_000
        + "Scopus\nEXPORT DATE: 02 June 2025\n\n"
        + "@article{lovelace2024,\n  title = {On Engines},\n  author = {Ada Lovelace},\n"
        "  journal = {Journal of Engines},\n  year = {2024},\n  note = {Cited by: 3}\n}\n"
    )
    assert quiet_import(site, "bibtex", str(bib)) == 0
    [(_, front, _)] = read_papers(site)
    assert front["citations"] == 3
    assert str(front["citations_date"]) == "2025-06-02"  # the export's date, still read


def test_a_file_of_many_git_conflict_markers_is_refused_quickly() -> None:
    # Each conflict git left is named by its line; the lines before each marker were
    # counted from the file's start, so 400,000 markers (3 MB) took hours to refuse.
    markers = 400_000
    text = "---\ntitle: On Looms\n" + ">>>>>>> theirs\n" * markers
    with pytest.raises(ContentError) as refused:
        read_front_matter(text, "looms.md")
    problems = refused.value.problems
    assert len(problems) == markers
    assert (problems[0].line, problems[-1].line) == (3, markers + 2)
    assert "merge conflict marker `>>>>>>> theirs`" in problems[-1].message


def test_a_hugo_abstract_heading_with_a_long_run_of_blanks_imports_quickly(
    tmp_path: Path,
) -> None:
    # A body's `## Abstract` heading is left out; the blanks after its word were tried at
    # each split of the run between two `\s*` (100,000 blanks: a minute a page).
    site = new_site(tmp_path / "site")
    hugo = tmp_path / "hugo"
    bodies = {
        "engines": "## Abstract" + " " * 200_000 + "x\n\nThe engine weaves.\n",
        "looms": "**Abstract**" + " " * 200_000 + "\n\nLooms weave.\n",
    }
    for slug, body in bodies.items():
        page = hugo / "content" / "publication" / slug / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(
            f"---\ntitle: On {slug.title()}\ndate: 2024-01-01\nauthors: [Ada Lovelace]\n"
            f"publication_types: ['2']\n---\n{body}"
        )
    assert quiet_import(site, "hugo", str(hugo)) == 0
    texts = {front["title"]: text for _, front, text in read_papers(site)}
    assert texts["On Looms"] == "Looms weave."  # the heading left out through the run
    assert texts["On Engines"].startswith("## Abstract x")  # no heading: a text follows


def test_zotero_extra_lines_with_long_runs_of_blanks_import_quickly(tmp_path: Path) -> None:
    # Zotero's Extra lines in a note (`Publisher: …`, `_eprint: …pdf`) are left out; a
    # value's end was looked for from each blank of a run after it, to the run's end:
    # quadratic (99,000 blanks, under the value limit: a minute an entry).
    site = new_site(tmp_path / "site")
    bib = tmp_path / "zotero.bib"
    gap = " " * 99_000
    notes = {
        "Engines": f"Publisher: Engine Press{gap}Ltd",
        "Looms": f"\\_eprint: https://example.org/looms.pdf{gap}",
        "Mills": f"Place: London{gap}x",
    }
    bib.write_text(
        "".join(
            f"@article{{lovelace{n},\n  title = {{On {title}}},\n  author = {{Ada Lovelace}},\n"
            f"  journal = {{Journal of Engines}},\n  year = {{2024}},\n  note = {{{note}}}\n}}\n"
            for n, (title, note) in enumerate(notes.items())
        )
    )
    assert quiet_import(site, "bibtex", str(bib)) == 0
    papers = {front["title"]: front for _, front, _ in read_papers(site)}
    assert [front.get("note") for front in papers.values()] == [None, None, None]
    assert papers["On Looms"]["links"]["pdf"] == "https://example.org/looms.pdf"


def test_a_hugo_venue_of_many_numbered_words_imports_quickly(tmp_path: Path) -> None:
    # The volume and pages a page writes after its journal's name (`*A&A* 665, A121`,
    # `Vol. 6, No. 3`) were looked for by two patterns whose fullmatch tried each split of
    # the venue: 8,000 characters of `a1 ` took 9 s, 40,000 several minutes.
    site = new_site(tmp_path / "site")
    hugo = tmp_path / "hugo"
    page = hugo / "content" / "publication" / "engines" / "index.md"
    page.parent.mkdir(parents=True)
    venue = "a1 " * 40_000
    page.write_text(
        "---\ntitle: On Engines\ndate: 2024-01-01\nauthors: [Ada Lovelace]\n"
        f"publication: '{venue.strip()}'\n---\nThe engine weaves patterns.\n"
    )
    assert quiet_import(site, "hugo", str(hugo)) == 0
    [(_, fields, _)] = read_papers(site)
    assert fields["venue"] == venue.strip()  # kept whole: no volume read out of it
    assert "volume" not in fields


def test_a_biblatex_date_range_with_a_long_run_of_blanks_imports_quickly(tmp_path: Path) -> None:
    # A range's end was looked for by `/\s*(?:YYYY…)?\s*`: the two runs of blanks shared
    # those after the slash every way (60,000: half a minute; two of 90,000, a field's
    # most, minutes).
    site = new_site(tmp_path / "site", "Ada Lovelace")
    bib = tmp_path / "refs.bib"
    gap = " " * 90_000
    bib.write_text(
        "@article{lovelace2023,\n  title = {On Engines},\n  author = {Ada Lovelace},\n"
        f"  journal = {{Journal of Engines}},\n  date = {{2023/{gap}2024}}\n}}\n"
        "@article{lovelace2024,\n  title = {On Looms},\n  author = {Ada Lovelace},\n"
        f"  journal = {{Journal of Engines}},\n  date = {{2024/{gap}x}}\n}}\n"
    )
    assert quiet_import(site, "bibtex", str(bib)) == 0
    dates = {front["title"]: front["date"] for _, front, _ in read_papers(site)}
    assert dates == {"On Engines": 2023, "On Looms": 2024}


def test_a_state_in_brackets_before_a_long_run_of_blanks_is_read_quickly() -> None:
    # A title's or venue's state in brackets (`(Submitted.)`) was read by `\s*\.?\s*`,
    # whose two runs shared the blanks after the state every way: quadratic (20,000: a
    # second; 200,000 minutes). The importers fold blanks first today; this must not rely
    # on it.
    gap = " " * 200_000
    work = Work(origin="refs.json", line=0, label="work 'W1'")
    work.title, work.venue = f"(Submitted{gap}x", f"Nature (In press{gap}x)"
    state_from_venue(work)
    assert (work.title, work.venue, work.note) == (f"(Submitted{gap}x", work.venue, None)
    work.title = f"On Engines (Submitted{gap}.{gap})"
    state_from_venue(work)
    assert (work.title, work.note) == ("On Engines", "Submitted")


def test_a_note_of_many_stops_on_two_lines_builds_quickly(tmp_path: Path) -> None:
    # The card's and CV's state (`Submitted at AER`) was read by `.*[\s.]*`: where a note's
    # first line ran on in stops and a second line followed, the two shared the stops
    # every way (20,000: five seconds a build; 100,000 minutes).
    dots = "." * 100_000
    site = write_site(
        tmp_path,
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/papers/one.md": (
                "---\ntitle: On Engines\nauthors: [Ada Lovelace]\ndate: 2024\n"
                f'note: "Submitted at the Journal of Engines{dots}\\nsee the slides"\n---\n'
            ),
            "content/papers/two.md": (
                "---\ntitle: On Looms\nauthors: [Ada Lovelace]\ndate: 2024\n"
                f'note: "Submitted at the Journal of Looms\\n{dots}"\n---\n'
            ),
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    cv = (built.out / "authors" / "ada" / "cv" / "index.html").read_text()
    assert "Submitted at the Journal of Looms" in cv  # a second line of stops alone: a state
    assert "Submitted at the Journal of Engines" not in cv.split("On Engines", 1)[1][:300]


def test_a_dblp_booktitle_ending_in_a_long_run_of_blanks_is_read_quickly() -> None:
    # The acronym's volume (`ACL (1)`) was looked for after each blank of the run,
    # `\s*\(\d+\)$`: a booktitle of 100,000 blanks took minutes (realfiles6).
    assert meeting("AB 2020 [" + " " * 100_000 + "x") is None
    assert meeting("ACL (1)", ["Long Papers, ACL 2023, Toronto"]) == "ACL 2023"
