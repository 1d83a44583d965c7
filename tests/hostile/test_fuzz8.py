"""Hostile and odd input against the last rounds' lab groups, base_url rules, Hugo imports
and build cache (fuzz8), through the real `authorsite build` and `authorsite import`.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import cache as cachelib
from generator.cli import main
from generator.model import Paper
from tests.hostile.harness import Built, assert_nothing_live, parse_html, run_build, write_site
from tests.ingest_support import new_site, records_by_title, run_import

SITE = {
    "site.yaml": "title: Lab\nbase_url: /\nbuild_date: 2026-11-28\n",
    "content/authors/ada.yaml": "name: Ada Lovelace\n",
    "content/papers/p.md": "---\ntitle: A paper\nauthors: [Ada Lovelace]\ndate: 2024\n---\nBody.\n",
}


def _pages(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_a_damaged_cache_database_is_made_again_not_a_traceback(tmp_path: Path) -> None:
    # One byte of the database's schema gone bad (a disk error, a copy cut short): SQLite's
    # message holds it, Python could not decode it, and every build of the site ended in
    # a UnicodeDecodeError traceback until the user found and deleted the cache.
    site = write_site(tmp_path / "site", SITE)
    first = run_build(site)
    assert first.status == 0, first.stderr
    built = _pages(first.out)
    database = site / cachelib.CACHE_DIRNAME / "cache.sqlite"
    data = database.read_bytes()
    at = data.index(b"sqlite_autoindex_records_1") + 5
    database.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    paper = site / "content/papers/p.md"
    paper.write_text(paper.read_text("utf-8").replace("Body.", "Body, edited."), "utf-8")
    again = run_build(site)
    assert again.status == 0, again.stderr
    assert "Traceback" not in again.stderr
    assert _pages(again.out)["papers/p/index.html"] != built["papers/p/index.html"]
    # made again: the next build has its cache back, where it went on without one each time
    cache = cachelib.BuildCache(site)
    try:
        assert cache.db is not None
        assert cache.state(again.out.absolute()) is not None
    finally:
        cache.close()


def test_a_cached_record_of_no_shape_is_a_miss() -> None:
    # A record's first value is the name of its shape; one that is no text (a row written
    # by other code) raised AttributeError out of the build, where a miss was meant.
    import marshal

    assert cachelib.decode_record(marshal.dumps((1, (), ())), {"Paper": Paper}) is None


@pytest.mark.parametrize(
    "typed",
    [
        "https://ｇｉｔｈｕｂ.com/ada/engines",  # an input method left in full width
        "https://github.com。/ada/engines",  # its full stop
        "https://github\u200b.com/ada/engines",  # a zero-width space pasted with it
    ],
)
def test_github_com_spelled_as_a_browser_reads_it_is_refused_as_github_com(
    tmp_path: Path, typed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # The host was compared as written, then made ASCII as a browser makes it: each of
    # these built, and every canonical link, feed and sitemap entry named
    # https://github.com/ada/engines/, a page of GitHub's that is not the site.
    site = write_site(tmp_path / "site", {**SITE, "site.yaml": f"title: Lab\nbase_url: {typed}\n"})
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert (
        "site.yaml:2: `base_url` names github.com, where GitHub shows the repository but serves "
        "none of the site's pages; write the site's GitHub Pages address, "
        "https://ada.github.io/engines/, or its custom domain" in err
    )
    assert "Traceback" not in err
    assert not (site / "output").exists()


HUGO_LAB = Path(__file__).parent.parent / "fixtures" / "ingest" / "hugolab" / "spmlab"


def test_the_author_groups_line_an_import_gives_builds_as_the_people_block_orders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A People block's groups named `Yes` and `null` were written plain in the line to
    # add to site.yaml: the build read them as true and as an empty entry, and refused it.
    old = shutil.copytree(HUGO_LAB, tmp_path / "old")
    for rel, group in (("majidi", "'Yes'"), ("mahmoud", "'null'")):
        page = old / "content/authors" / rel / "_index.md"
        text = page.read_text("utf-8")
        page.write_text(re.sub(r"(?m)^user_groups:\n  - .*$", f"user_groups:\n  - {group}", text))
    people = old / "content/people/index.md"
    people.write_text(
        people.read_text("utf-8").replace(
            "          - Lab Advisors", "          - 'null'\n          - 'Yes'"
        )
    )
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    assert main(["import", "hugo", str(old), "--site", str(site)]) == 0
    said = capsys.readouterr().out
    line = re.search(r"add to site\.yaml `(author_groups: \[.*?\])`", said)
    assert line is not None, said
    assert line.group(1) == "author_groups: ['null', 'Yes']"
    config = site / "site.yaml"
    config.write_text(config.read_text("utf-8") + line.group(1) + "\n", "utf-8")
    built = run_build(site)
    assert built.status == 0, built.stderr
    page = (built.out / "authors" / "index.html").read_text("utf-8")
    assert page.index("<h3>null</h3>") < page.index("<h3>Yes</h3>")


def test_a_group_apart_by_an_invisible_or_lookalike_letter_is_told_by_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two headings, `Faculty` and `Fac\u200bulty`: the warning said to write `Faculty`
    # where the group said `Faculty` on the screen, and the two looked the same.
    site = write_site(
        tmp_path / "site",
        {
            **SITE,
            "site.yaml": "title: Lab\nbase_url: /\nauthor_groups: [Faculty, PhD students]\n",
            "content/authors/ada.yaml": 'name: Ada Lovelace\ngroup: "Fac\\u200bulty"\n',
            "content/authors/bob.yaml": "name: Bob Byron\ngroup: Faculty\n",
            "content/authors/di.yaml": 'name: Di Dee\ngroup: "PhD \\u0455tudents"\n',
        },
    )
    assert main(["build", "--site", str(site)]) == 0
    err = capsys.readouterr().err
    assert (
        "content/authors/ada.yaml:2: `group: Fac\u200bulty` is not `Faculty` of site.yaml's "
        "`author_groups` (`Fac\u200bulty` holds U+200B (zero width space), which `Faculty` "
        "does not: type the name again), so the authors page lists Ada Lovelace" in err
    )
    assert "holds U+0455 (cyrillic small letter dze), which `PhD students` does not" in err
    assert (
        "site.yaml:3: `author_groups` names `PhD students`, the group of no author; the "
        "authors say `PhD \u0455tudents` (`PhD \u0455tudents` holds U+0455" in err
    )


def test_a_collaboration_s_whole_author_list_is_imported_not_taken_for_a_bomb(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A journal's BibTeX of ATLAS and CMS's combined paper names its 5,154 authors
    # (~120,000 characters): past the 100,000 of any one value, the whole file was refused
    # as a macro bomb ("shorten it in the file"), its other entries with it.
    names = [f"Member{i:04d}, Anna B." for i in range(5154)] + ["Lovelace, Ada"]
    bib = tmp_path / "papers.bib"
    bib.write_text(
        "@article{higgs, title={Combined Measurement of the Higgs Boson Mass}, year={2015},"
        " journal={Phys. Rev. Lett.}, author={" + " and ".join(names) + "}}\n"
        "@article{other, title={Engines}, year={2016}, journal={J}, author={Lovelace, Ada}}\n",
        "utf-8",
    )
    site = new_site(tmp_path / "site", "Ada Lovelace")
    assert run_import(site, "bibtex", bib) == 0
    capsys.readouterr()
    records = records_by_title(site)
    assert len(records["Combined Measurement of the Higgs Boson Mass"]["authors"]) == 5155
    assert "Engines" in records
    # still refused: a value that is no list of names past 100,000 characters
    bib.write_text(
        "@article{a, title={" + "word " * 25_000 + "}, year={2015}, author={Lovelace, Ada}}\n"
    )
    assert run_import(site, "bibtex", bib) == 1
    said = capsys.readouterr()
    assert "title expands to more than 100,000 characters" in said.out + said.err


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ('a@b.c\\"><script>alert(1)</script>', "write it as name@host"),
        ("<ada@example.org>", "write `ada@example.org`"),  # from a mail header
        ("ada@example.org,", "write `ada@example.org`"),
    ],
)
def test_an_email_with_characters_no_address_holds_is_refused(
    tmp_path: Path, written: str, fix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Anything with an `@` and no blank was an address: the profile showed the text and
    # linked mailto: to it, a link that writes to no one.
    author = f'name: Ada Lovelace\nemail: "{written}"\n'
    site = write_site(tmp_path / "site", {**SITE, "content/authors/ada.yaml": author})
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "content/authors/ada.yaml:2: email '" in err
    assert f"' is not an address; {fix} (or, shown as text" in err
    assert not (site / "output").exists()


# Values of a lab's `group:` and `order:` as YAML may hold them: text of any script with
# control, direction and invisible characters, numbers at and past the ends, words YAML
# reads as true, lists and mappings where one value goes.
_VALUES = st.recursive(
    st.one_of(
        st.text(
            st.characters(codec="utf-8", exclude_categories=("Cs",))
            | st.sampled_from("\u200b\u202e\u2066\u2069\x00\x1b\ufeff<>&\"':#\n")
        ),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.none(),
        st.sampled_from(["yes", "no", "on", "null", "~", "0x10", "1e400", "-0.0", "2024-13-45"]),
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)


_BASELINE: dict[str, Built] = {}


def _lab(root: Path, group: object, order: object, named: object) -> Path:
    return write_site(
        root,
        {
            **SITE,
            # JSON is YAML: each value reaches the record as generated
            "site.yaml": f"title: Lab\nbase_url: /\nauthor_groups: {json.dumps(named)}\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n"
            f"group: {json.dumps(group)}\norder: {json.dumps(order)}\n",
            "content/authors/bob.yaml": "name: Bob Byron\ngroup: Faculty\n",
        },
    )


@settings(max_examples=20, deadline=None, derandomize=True)
@given(group=_VALUES, order=_VALUES, named=_VALUES)
def test_any_group_and_order_builds_or_is_told_at_its_line(
    tmp_path_factory: pytest.TempPathFactory, group: object, order: object, named: object
) -> None:
    if not _BASELINE:  # the same lab with harmless values: what the theme itself makes
        _BASELINE["lab"] = run_build(_lab(tmp_path_factory.mktemp("base"), "PhD", 1, ["PhD"]))
    built = run_build(_lab(tmp_path_factory.mktemp("site"), group, order, named))
    assert "Traceback" not in built.stderr
    if built.status == 1:
        assert built.problems()  # each line located, `path:line: message`
        assert not built.out.exists()
    else:
        assert_nothing_live(built, _BASELINE["lab"])


def _spelled(host: str) -> st.SearchStrategy[str]:
    """``host`` as it may be typed or pasted: each letter in either case or full width,
    invisible characters between, a full stop (or an ideographic one) at the end."""
    letter = {
        ch: st.sampled_from([ch, ch.upper(), chr(ord(ch) + 0xFEE0)] if ch.isalpha() else [ch])
        for ch in host
    }
    invisible = st.sampled_from(["", "", "\u200b", "\u00ad", "\u200d"])
    parts = st.tuples(*(st.tuples(letter[ch], invisible) for ch in host))
    end = st.sampled_from(["", ".", "\u3002"])
    return st.builds(lambda p, e: "".join(a + b for a, b in p) + e, parts, end)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    host=st.sampled_from(["github.com", "www.github.com", "raw.githubusercontent.com"]).flatmap(
        _spelled
    )
)
def test_no_spelling_of_github_s_hosts_is_taken_as_base_url(host: str) -> None:
    from urllib.parse import urlsplit

    from generator.config import normalise_base_url

    made = normalise_base_url(f"https://{host}/ada/engines/")
    assert made is None or (urlsplit(made).hostname or "").rstrip(".") not in (
        "github.com",
        "www.github.com",
        "raw.githubusercontent.com",
    ), (host, made)


def test_init_refuses_a_name_written_as_a_slug_which_would_not_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `--name wang-xiaoming` (the slug hint's own example) made a site whose example paper
    # listed its author so, and its first build failed: "looks like a file name (a slug)".
    assert main(["init", str(tmp_path / "site"), "--name", "wang-xiaoming"]) == 2
    err = capsys.readouterr().err
    assert (
        "init --name: `wang-xiaoming` looks like a file name (a slug), and pages would show it "
        'so; give the name as it should show: authorsite init DIR --name "Wang Xiaoming"' in err
    )
    assert not (tmp_path / "site").exists()
    assert main(["init", str(tmp_path / "site"), "--name", "Wang Xiaoming"]) == 0
    assert run_build(tmp_path / "site").status == 0


@pytest.mark.parametrize(
    ("title", "translated"),
    [
        ("Engines of *Analysis*", "Engines of Analysis"),  # one copied without its Markdown
        ("Engines of Analysis", "Ｅｎｇｉｎｅｓ ｏｆ Ａｎａｌｙｓｉｓ"),  # in full width
    ],
)
def test_a_translated_title_that_reads_as_the_title_is_not_shown_twice(
    tmp_path: Path, title: str, translated: str
) -> None:
    # Compared as written, case and blanks aside: the page showed the title a second time
    # under itself, where the paper's JSON-LD (compared as plain text) gave it once.
    paper = (
        f"---\ntitle: {title}\ntranslated_title: {translated}\nauthors: [Ada Lovelace]\n"
        "date: 2024\n---\nBody.\n"
    )
    site = write_site(tmp_path / "site", {**SITE, "content/papers/p.md": paper})
    built = run_build(site)
    assert built.status == 0, built.stderr
    for page in ("papers/p/index.html", "authors/ada/index.html", "authors/ada/cv/index.html"):
        text = (built.out / page).read_text("utf-8")
        assert "translated-title" not in text, page
        assert "Ｅｎｇｉｎｅｓ" not in text and "[Engines of Analysis]" not in text, page


def test_the_author_groups_line_names_no_group_the_records_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A member's group with a right-to-left override left open is left out of the record
    # (said), yet the line to add to site.yaml named it: the build then warned of a group
    # of no author, and the override went into site.yaml.
    old = shutil.copytree(HUGO_LAB, tmp_path / "old")
    page = old / "content/authors/majidi/_index.md"
    page.write_text(
        page.read_text("utf-8").replace("  - Lab Advisors", '  - "Lab \\u202eAdvisors"')
    )
    people = old / "content/people/index.md"
    people.write_text(
        people.read_text("utf-8").replace(
            "          - Lab Advisors",
            '          - Lab Advisors\n          - "Lab \\u202eAdvisors"',
        )
    )
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    assert main(["import", "hugo", str(old), "--site", str(site)]) == 0
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert "group: left out, `group` has a right-to-left override (U+202E)" in said
    assert "add to site.yaml `author_groups: [Principal Investigators, Lab Advisors]`" in said
    assert "\u202e" not in (site / "content/authors/majidi.yaml").read_text("utf-8")


def test_a_group_written_over_lines_is_one_heading_and_its_warnings_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `author_groups` as YAML blocks kept their line breaks: `PhD\nstudents` was not the
    # authors' `PhD students`, and each warning naming it broke over two lines, no longer
    # `path:line: message`.
    site = write_site(
        tmp_path / "site",
        {
            **SITE,
            "site.yaml": "title: Lab\nbase_url: /\nauthor_groups:\n  - |\n    PhD\n    students\n"
            "  - >\n    Post\n\n    docs\n",
            "content/authors/ada.yaml": 'name: Ada Lovelace\ngroup: "PhD  students"\n',
            "content/authors/bob.yaml": 'name: Bob Byron\ngroup: "Post\\ndocs"\n',
        },
    )
    assert main(["build", "--site", str(site)]) == 0
    assert capsys.readouterr().err == ""  # each group has its author
    page = (site / "output" / "authors" / "index.html").read_text("utf-8")
    assert page.index("<h3>PhD students</h3>") < page.index("<h3>Post docs</h3>")
    assert page.count("<h3>") == 2


def test_an_author_field_of_invisible_characters_alone_is_no_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A zero-width space pasted alone was an affiliation shown as an empty line, a photo
    # the build looked for as `static/\u200b` (a warning naming nothing one could see),
    # and an email refused as "not an address"; `""` is no value, and so is it.
    author = "name: Ada Lovelace\n" + "".join(
        f'{key}: "\\u200b\\u2060"\n'
        for key in ("affiliation", "position", "field", "photo", "email")
    )
    site = write_site(
        tmp_path / "site",
        {
            **SITE,
            "site.yaml": SITE["site.yaml"] + "main_author: ada\n",
            "content/authors/ada.yaml": author,
        },
    )
    built = run_build(site)
    assert built.status == 0, built.stderr
    assert built.stderr == ""
    page = parse_html((built.out / "index.html").read_text("utf-8"))
    classes = {dict(attrs).get("class") for tag, attrs in page.elements if tag == "p"}
    assert classes.isdisjoint({"affiliation", "position", "field"})
    assert not [attrs for tag, attrs in page.elements if tag == "img"]
    assert not [url for url in page.urls() if url.startswith("mailto:")]


@pytest.mark.parametrize(
    "typed", ["https://ada.github.io./engines/", "https://ada.github.io。/engines/"]
)
def test_a_full_stop_after_the_host_is_no_part_of_the_site_s_address(
    tmp_path: Path, typed: str
) -> None:
    # `ada.github.io.` (the DNS root) and `ada.github.io。` (an input method's full stop,
    # which the address bar reads as `.`) built every canonical link, feed and sitemap
    # entry on https://ada.github.io./engines/, another origin than the one GitHub serves.
    site = write_site(tmp_path / "site", {**SITE, "site.yaml": f"title: Lab\nbase_url: {typed}\n"})
    built = run_build(site)
    assert built.status == 0, built.stderr
    page = (built.out / "papers" / "p" / "index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://ada.github.io/engines/papers/p/">' in page
    assert "github.io./" not in (built.out / "sitemap.xml").read_text("utf-8")


def test_a_link_of_a_pasted_page_is_shown_cut_in_its_warning(tmp_path: Path) -> None:
    # A page of text pasted as a paper's `code:` link (no address, so a file of the site's)
    # was printed whole in its warning, twice: 200,000 characters of the link and of the
    # `static/…` to write made of it. The warning shows the start of each, and the line.
    pasted = "notes-" + "x" * 200_000
    paper = (
        "---\ntitle: A paper\nauthors: [Ada Lovelace]\ndate: 2024\n"
        f"links:\n  code: {pasted}\n---\nBody.\n"
    )
    site = write_site(tmp_path / "site", {**SITE, "content/papers/p.md": paper})
    built = run_build(site)
    assert built.status == 0
    warning = next(line for line in built.stderr.splitlines() if "leads to nothing" in line)
    assert warning.startswith("content/papers/p.md:6: ")
    assert "`notes-xxx" in warning and "…" in warning
    assert len(warning) < 1_000
