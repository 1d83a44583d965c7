"""Rendering helpers and templates: dates, categories, names, overrides, escaping."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.build import build
from generator.cli import main
from generator.model import Author, Paper, PartialDate
from generator.render import (
    author_names,
    by_year,
    byline,
    finder_options,
    format_date,
    meta_tags,
    short_category,
    text_dir,
)
from tests.conftest import MINIMAL_AUTHOR, MINIMAL_PAPER, REPO

BUILD = dt.date(2026, 11, 28)


def test_date_rule() -> None:
    assert format_date(PartialDate(2026, 5, 27), BUILD) == "May 27"
    assert format_date(PartialDate(2023, 10, 30), BUILD) == "Oct 30, 2023"
    assert format_date(PartialDate(2023, 10), BUILD) == "Oct 2023"
    assert format_date(PartialDate(2023), BUILD) == "2023"


def test_short_category() -> None:
    assert short_category("cs.AI") == "AI"
    assert short_category("stat.ML") == "ML"
    assert short_category("hep-th") == "hep-th"
    assert short_category("Machine learning, v.2") == "Machine learning, v.2"


def test_byline_matches_accents_and_aliases() -> None:
    paper = Paper(
        slug="p",
        source="p.md",
        title="T",
        date=PartialDate(2024),
        authors=("Sannara Ek", "Francois Portet", "K. Wang", "Someone"),
    )
    me = Author(slug="f", source="f.yaml", name="François Portet")
    assert byline(paper, me, 3) == [
        ("Sannara Ek", False),
        ("Francois Portet", True),
        ("K. Wang", False),
    ]
    alias = Author(slug="k", source="k.yaml", name="Kaile Wang", aliases=("K. Wang",))
    assert byline(paper, alias, 3)[2] == ("K. Wang", True)


def test_site_template_overrides_theme_file_by_file(make_site: Callable[..., Path]) -> None:
    site = make_site(
        {
            "content/papers/one.md": MINIMAL_PAPER,
            "templates/404.html": '{% extends "base.html" %}{% block main %}<p>Lost here</p>{% endblock %}',
        }
    )
    build(site)
    assert "<p>Lost here</p>" in (site / "output" / "404.html").read_text()
    assert "A Paper" in (site / "output" / "papers" / "one" / "index.html").read_text()


def test_titles_and_abstracts_are_escaped(make_site: Callable[..., Path]) -> None:
    site = make_site(
        {
            "content/papers/x.md": (
                "---\ntitle: '<img src=x onerror=alert(1)> *emph* {{ 7*7 }}'\nauthors: ['<b>Eve</b>']\n"
                "date: 2024\n---\nHi <script>alert(1)</script> [a](javascript:alert(2)) {% raw %}\n"
            ),
        }
    )
    build(site)
    html = (site / "output" / "papers" / "x" / "index.html").read_text()
    assert "<img" not in html and "<script>alert" not in html and "javascript:" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; <em>emph</em> {{ 7*7 }}" in html
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html
    assert "{% raw %}" in html


def test_latex_in_titles_is_escaped_once(make_site: Callable[..., Path]) -> None:
    title = r"Bounds when $n < 2^k$ and $a \& b$ hold, <b>A</b> & $<img src=x onerror=alert(1)>$"
    site = make_site(
        {
            "content/papers/m.md": f"---\ntitle: '{title}'\nauthors: [A]\ndate: 2024\n---\nx\n",
        }
    )
    build(site)
    html = (site / "output" / "papers" / "m" / "index.html").read_text()
    assert r'<span class="math">$n &lt; 2^k$</span>' in html
    assert r'<span class="math">$a \&amp; b$</span>' in html
    assert "&lt;b&gt;A&lt;/b&gt; &amp;" in html
    assert "&amp;lt;" not in html and "<img" not in html
    feed = (site / "output" / "feed.xml").read_text()
    assert "&amp;lt;" not in feed and "$n &lt; 2^k$" in feed


def _paper(slug: str, date: PartialDate, **fields: Any) -> Paper:
    return Paper(slug=slug, source=f"{slug}.md", title="T", date=date, authors=("A",), **fields)


def test_author_names_bolds_own_names_by_key_and_escapes() -> None:
    paper = Paper(
        slug="p",
        source="p.md",
        title="T",
        date=PartialDate(2024),
        authors=("Sannara Ek", "Francois Portet", "K. Wang", "<b>Eve</b>", "others"),
    )
    me = Author(slug="f", source="f.yaml", name="François Portet")
    alias = Author(slug="k", source="k.yaml", name="Kaile Wang", aliases=("K. Wang",))
    assert author_names(paper, [me], 2) == "Sannara Ek, <strong>Francois Portet</strong>"
    assert author_names(paper, [me, alias]) == (
        "Sannara Ek, <strong>Francois Portet</strong>, <strong>K. Wang</strong>, "
        "&lt;b&gt;Eve&lt;/b&gt;, others"
    )
    # A truncation marker is never an author, even one whose name is "Others".
    assert (
        author_names(paper, [Author(slug="o", source="o.yaml", name="Others")]).count("<strong>")
        == 0
    )
    assert author_names(paper, []) == author_names(paper, [], None)
    assert "<strong>" not in author_names(paper, [])


def test_right_to_left_names_are_isolated_and_others_left_bare() -> None:
    # Hebrew or Arabic names next to each other would otherwise be shown in reverse order.
    paper = Paper(
        slug="p",
        source="p.md",
        title="T",
        date=PartialDate(2024),
        authors=("ليلى حداد", "יוסי כהן", "Ann <Lee>"),
    )
    me = Author(slug="l", source="l.yaml", name="ليلى حداد")
    assert author_names(paper, [me]) == (
        "<strong><bdi>ليلى حداد</bdi></strong>, <bdi>יוסי כהן</bdi>, Ann &lt;Lee&gt;"
    )


def test_cv_groups_papers_by_year_newest_first() -> None:
    papers = [
        _paper("a", PartialDate(2023, 5)),
        _paper("b", PartialDate(2024)),
        _paper("c", PartialDate(2023, 11, 2)),
        _paper("d", PartialDate(2024, 3, 1)),
        _paper("e", PartialDate(2023, 5)),
    ]
    grouped = [(year, [p.slug for p in group]) for year, group in by_year(papers)]
    # Equal dates keep the order they came in.
    assert grouped == [(2024, ["d", "b"]), (2023, ["c", "a", "e"])]


def test_finder_options_sorted_as_shown_and_case_blind() -> None:
    papers = [
        _paper("a", PartialDate(2021), category="cs.LG", tags=("RL", "safety")),
        _paper("b", PartialDate(2024), category="cs.AI", tags=("rl", "Alignment")),
        _paper("c", PartialDate(2021), category="CS.lg"),
    ]
    options = finder_options(papers)
    assert options.years == [2024, 2021]
    assert options.categories == ["cs.AI", "cs.LG"]  # the first spelling of each
    assert options.tags == ["Alignment", "RL", "safety"]


def test_meta_tags_escape_names_and_values() -> None:
    html = meta_tags([("citation_title", 'A "quoted" <title> & more')])
    assert html == (
        '<meta name="citation_title" content="A &#34;quoted&#34; &lt;title&gt; &amp; more">\n'
    )


def test_card_data_attributes_escape_what_they_carry(make_site: Callable[..., Path]) -> None:
    site = make_site(
        {
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/papers/q.md": (
                "---\ntitle: Q\nauthors: [Ada Lovelace]\ndate: 2024-05-01\n"
                "category: 'a\"b'\ntags: ['x\"><script>', y]\ncitations: 3\n"
                "links: {code: 'https://example.org/c?a=1&b=2'}\n---\nAbstract.\n"
            ),
        }
    )
    build(site)
    html = (site / "output" / "authors" / "ada" / "index.html").read_text()
    assert (
        'data-date="2024-05-01" data-year="2024" data-category="a&#34;b" '
        'data-tags="x&#34;&gt;&lt;script&gt;|y" data-code="1" data-citations="3"'
    ) in html
    assert 'href="https://example.org/c?a=1&amp;b=2"' in html
    assert "<script>" not in html.split("<body>")[1].split("<script src=")[0]


def test_per_page_template_override_is_used(make_site: Callable[..., Path]) -> None:
    site = make_site(
        {
            "content/papers/one.md": MINIMAL_PAPER,
            "content/papers/two.md": MINIMAL_PAPER.replace("A Paper", "Another"),
            "templates/paper-two.html": '{% extends "paper.html" %}{% block main %}<p>Mine</p>{% endblock %}',
        }
    )
    build(site)
    assert "<p>Mine</p>" in (site / "output" / "papers" / "two" / "index.html").read_text()
    assert "<p>Mine</p>" not in (site / "output" / "papers" / "one" / "index.html").read_text()


@pytest.mark.parametrize(
    ("text", "attribute"),
    [("Deep learning in Hebrew: עברית", ""), ("**עברית** first", ' dir="rtl"'),
     ("2024: مقدمة", ' dir="rtl"'), ("$x^2$ \\alpha", ""), ("", ""), ("123 — ...", "")],
)  # fmt: skip
def test_text_whose_first_letter_is_right_to_left_reads_right_to_left(
    text: str, attribute: str
) -> None:
    assert text_dir(text) == attribute


class _Html:
    """An object that says what its own HTML is."""

    def __html__(self) -> str:
        return "<b>own</b>"


def test_template_output_is_escaped_exactly_as_markupsafe_escapes() -> None:
    """Every value a page prints is escaped (the build's faster escape gives the same text)."""
    import markupsafe

    from generator.render import make_environment

    env = make_environment([])
    template = env.from_string(
        "{{ value }}|{{ value|e }}|{% set s %}{{ value }}{% endset %}{{ s }}"
    )
    values: list[Any] = [
        "<script>alert('x')</script> & \"q\"",
        "plain",
        "",
        markupsafe.Markup("<em>kept</em>"),
        _Html(),
        12,
        2.5,
        None,
        ("<a>",),
        type("Sub", (str,), {})("<sub>"),
    ]
    for value in values:
        once = str(markupsafe.escape(value))
        assert template.render(value=value) == f"{once}|{once}|{once}"


def test_a_collaborations_author_list_is_named_in_part_off_its_own_page(
    make_site: Callable[..., Path],
) -> None:
    """A 120-name list: the paper's page names all, with a Scholar tag each; the CV names the
    first three, then the site's author, and says how many; the card's finder searches the
    first 50; the feed entry carries 50. A list of 50 or fewer is as before."""
    crowd = [f"Person{i:03d} Example" for i in range(120)]
    crowd[90] = "Ada Lovelace"
    long_paper = "---\ntitle: A Big Result\nauthors: [" + ", ".join(crowd) + "]\n"
    long_paper += "date: 2024-05-01\n---\nMeasured.\n"
    site = make_site(
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/big.md": long_paper,
            "content/papers/small.md": MINIMAL_PAPER,
        }
    )
    out = site / "output"
    build(site, out)
    page = (out / "papers" / "big" / "index.html").read_text(encoding="utf-8")
    assert all(name in page for name in crowd)
    assert page.count('<meta name="citation_author"') == 120

    cv = (out / "cv" / "index.html").read_text(encoding="utf-8")
    assert (
        "Person000 Example, Person001 Example, Person002 Example, …, "
        "<strong>Ada Lovelace</strong> et al. (120 authors)." in cv
    )
    assert "Person003 Example" not in cv and "Person119 Example" not in cv
    assert "<strong>Ada Lovelace</strong>, Charles Babbage." in cv  # a short list, whole

    profile = (out / "index.html").read_text(encoding="utf-8")
    searched = re.search(r'id="paper-big"[^>]*data-authors="([^"]*)"', profile)
    assert searched is not None
    assert searched.group(1).split(", ") == crowd[:50]

    feed = (out / "feed.xml").read_text(encoding="utf-8")
    big = feed[feed.index("A Big Result") :]
    big = big[: big.index("</entry>")]
    assert re.findall(r"<name>(.*?)</name>", big) == crowd[:50]


def _profile_bylines(
    make_site: Callable[..., Path], papers: dict[str, tuple[str, str]]
) -> dict[str, str]:
    """Each card's byline (its HTML) on Ada's profile, by slug, of the papers given as
    ``slug: (authors as YAML writes them, date)``."""
    files = {
        "site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": MINIMAL_AUTHOR,
    }
    for slug, (authors, date) in papers.items():
        files[f"content/papers/{slug}.md"] = (
            f"---\ntitle: Paper {slug}\nauthors: {authors}\ndate: {date}\n---\nText.\n"
        )
    site = make_site(files)
    build(site, site / "output")
    profile = (site / "output" / "index.html").read_text(encoding="utf-8")
    found = {}
    for slug in papers:
        byline = re.search(
            r'<p class="authors">(.*?)</p>', profile[profile.index(f'id="paper-{slug}"') :]
        )
        assert byline is not None, slug
        found[slug] = byline.group(1)
    return found


def test_the_profiles_own_name_past_the_first_names_is_on_her_card_in_every_role(
    make_site: Callable[..., Path],
) -> None:
    """The card names the first `authors_shown` names; the profile's own author past them
    follows after `…` (with `et al.` only where names are left out after hers), as author,
    editor or translator alike: a translation of hers showed `A, B, C et al.` on her card."""
    five = "[Al One, Bo Two, Cy Three, Di Four, {}]"
    papers = {
        "author": (five.format("Ada Lovelace"), "Al One, Bo Two, Cy Three, …, Ada Lovelace"),
        "editor": (
            five.format("Ada Lovelace (ed.)"),
            "Al One, Bo Two, Cy Three, …, Ada Lovelace (ed.)",
        ),
        "translator": (
            five.format("Ada Lovelace (trans.)"),
            "Al One, Bo Two, Cy Three, …, Ada Lovelace (trans.)",
        ),
        # names after hers, or a list the record cut short: `et al.` after her name
        "middle": (
            "[Al One, Bo Two, Cy Three, Di Four, Ada Lovelace (trans.), Ed Six]",
            "Al One, Bo Two, Cy Three, …, Ada Lovelace (trans.) et al.",
        ),
        "cut": (
            "[Al One, Bo Two, Cy Three, Ada Lovelace, et al.]",
            "Al One, Bo Two, Cy Three, Ada Lovelace et al.",  # no name between: no `…`
        ),
        "early": (
            "[Al One, Ada Lovelace, Cy Three, Di Four]",
            "Al One, Ada Lovelace, Cy Three et al.",
        ),
    }
    bylines = _profile_bylines(make_site, {s: (a, "2024-05-01") for s, (a, _) in papers.items()})
    for slug, (_, shown) in papers.items():
        assert re.sub(r"<[^>]+>", "", bylines[slug]) == shown, slug
        assert "<strong>Ada Lovelace" in bylines[slug], slug  # hers, in bold


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        # Slips made while editing a copy of the theme's template: the first was a
        # traceback, the second a message without the template's line.
        # The names meant, where one is close (trial 12: a theme author's slips).
        ("{{ paper.venue|uppercase }}", "No filter named 'uppercase' found; did you mean 'upper'?"),
        ('{% include "sidebar.html" %}', "template 'sidebar.html' not found: it is neither"),
        (
            "{{ paper.venu }}",
            "paper has no field 'venu'; did you mean 'venue'? (rendering papers/one/index.html)",
        ),
        ("{{ papr.venue }}", "'papr' is undefined; did you mean 'paper'? (rendering papers/one"),
        # a record's field written bare: 'site', the closest name, was said to be meant
        ("{{ title }}", "'title' is undefined; did you mean 'paper.title'? (rendering papers/"),
        # nothing close: the names the page has, not nothing
        (
            "{{ nosuchvar }}",
            "'nosuchvar' is undefined; this page's variables are absolute_url, bibtex, "
            "canonical, citation_meta, cite_key, jsonld, meta_type, novelty, page_url, paper, "
            "profiles, "
            "root, site (rendering papers/one/index.html)",
        ),
    ],
)
def test_a_broken_template_is_named_at_its_line(
    make_site: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    broken: str,
    message: str,
) -> None:
    template = '{% extends "base.html" %}\n{% block main %}\n<p>\n{% if paper %}' + broken
    site = make_site(
        {
            "content/papers/one.md": MINIMAL_PAPER,
            "templates/paper.html": template + "{% endif %}\n</p>\n{% endblock %}\n",
        }
    )
    monkeypatch.chdir(site)  # as a user runs it, in the site's folder
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("templates/paper.html:4: ") and message in err, err
    assert "Traceback" not in err
    assert not (site / "output").exists()


@pytest.mark.parametrize("name", ["paper.html", "base.html"])  # rendered, and extended
def test_a_template_saved_in_another_encoding_is_named_at_its_line(
    make_site: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    """A copy of the theme's template saved by a Windows editor (`©` as the byte 0xa9) was
    a UnicodeDecodeError traceback that named no file."""
    theme = (REPO / "themes/default/templates" / name).read_bytes()
    head, _, rest = theme.partition(b"\n")
    head += b"\n" + rest[: rest.index(b"\n") + 1]  # two lines, as the theme has them
    copyright_line = "<!-- \u00a9 2026 Ada Lovelace -->\n".encode("cp1252")
    site = make_site({"content/papers/one.md": MINIMAL_PAPER})
    (site / "templates").mkdir()
    (site / "templates" / name).write_bytes(head + copyright_line + theme[len(head) :])
    monkeypatch.chdir(site)
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f"templates/{name}:3: is not valid UTF-8 (byte 0xa9 at offset {len(head) + 5}); "
        "save the file as UTF-8\n"
    ), err
    assert not (site / "output").exists()


def test_safe_in_a_template_does_not_make_a_record_live_html(
    make_site: Callable[..., Path],
) -> None:
    # `|safe` is how a template author shows a title's <i>: the record's text may come from
    # an imported feed, so it is sanitised, never passed through as it is.
    title = "An <i>ab initio</i> study<script>alert(1)</script><img src=x onerror=alert(2)>"
    site = make_site(
        {
            "content/papers/one.md": MINIMAL_PAPER.replace("title: A Paper", f"title: '{title}'"),
            "templates/paper.html": '{% extends "base.html" %}{% block main %}'
            "<h1>{{ paper.title|safe }}</h1>{% endblock %}",
        }
    )
    build(site)
    page = (site / "output" / "papers" / "one" / "index.html").read_text()
    heading = page.split("<h1>")[1].split("</h1>")[0]
    assert "ab initio study" in heading
    assert "<script" not in heading and "onerror" not in heading and "alert" not in heading


@pytest.mark.parametrize("value", ["false", "False", "paper.draft", "not true"])
def test_autoescape_turned_off_in_a_template_is_refused_at_its_line(
    make_site: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    value: str,
) -> None:
    # With autoescape off, a title from an imported feed would be a live <script>.
    title = "Bad<script>alert(1)</script>"
    site = make_site(
        {
            "content/papers/one.md": MINIMAL_PAPER.replace("title: A Paper", f"title: '{title}'"),
            "templates/paper.html": '{% extends "base.html" %}\n{% block main %}\n'
            f"{{% autoescape {value} %}}<h1>{{{{ paper.title }}}}</h1>{{% endautoescape %}}\n"
            "{% endblock %}\n",
        }
    )
    monkeypatch.chdir(site)
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("templates/paper.html:3: {% autoescape %} may only be true"), err
    assert "Traceback" not in err and not (site / "output").exists()
    # on, it is allowed (and changes nothing)
    paper = site / "templates" / "paper.html"
    paper.write_text(paper.read_text().replace(f"autoescape {value}", "autoescape true"))
    assert main(["build"]) == 0
    page = (site / "output" / "papers" / "one" / "index.html").read_text()
    assert "<h1>Bad&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page


def test_a_tag_written_with_either_accent_encoding_is_one_tag(
    make_site: Callable[..., Path],
) -> None:
    """`café` typed (NFC) and pasted from a Mac's file name (NFD) look the same: the finder
    listed two `café` tags, each finding only its own papers."""
    nfd = "cafe\u0301"
    site = make_site(
        {
            "content/authors/ada-lovelace.yaml": MINIMAL_AUTHOR,
            "content/papers/one.md": MINIMAL_PAPER.replace("date:", "tags: [café]\ndate:"),
            "content/papers/two.md": MINIMAL_PAPER.replace(
                "title: A Paper", "title: Another"
            ).replace("date:", f"tags: [{nfd}]\ndate:"),
        }
    )
    build(site)
    page = (site / "output/authors/ada-lovelace/index.html").read_text(encoding="utf-8")
    assert page.count('<option value="café">') == 1
    assert nfd not in page
    assert page.count('data-tags="café"') == 2


@pytest.mark.parametrize(
    ("metrics", "author"),
    [
        ("[]", "name: Ada Lovelace\n"),  # no tiles asked for
        ("[h_index, score]", "name: Ada Lovelace\n"),  # asked for, none with data
    ],
)
def test_a_profile_without_tiles_has_no_empty_list_of_them(
    make_site: Callable[..., Path], metrics: str, author: str
) -> None:
    """An empty <ul> is announced as "list, 0 items"; the provenance goes with the tiles."""
    site = make_site(
        {
            "site.yaml": f"title: T\nbuild_date: 2026-11-28\nmain_author: ada\nmetrics: {metrics}\n",
            "content/authors/ada.yaml": author,
            "content/papers/x.md": "---\ntitle: X\nauthors: [Ada Lovelace]\ndate: 2024\n---\nA.\n",
        }
    )
    build(site)
    html = (site / "output" / "index.html").read_text()
    assert 'class="tiles"' not in html and 'class="provenance"' not in html
    assert '<h1 id="author-name">Ada Lovelace</h1>' in html


def test_an_author_with_no_listed_paper_has_no_metric_shown_as_0(
    make_site: Callable[..., Path],
) -> None:
    """ "0 papers, computed from 0 listed papers" was a tile (and a CV line) without data;
    the heading says `0 Papers`, and the list of authors still counts them."""
    site = make_site(
        {
            "site.yaml": "title: T\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/authors/cy.yaml": "name: Cy Zero\n",
            "content/papers/x.md": "---\ntitle: X\nauthors: [Ada Lovelace]\ndate: 2024\n---\nA.\n",
            "content/papers/d.md": "---\ntitle: D\nauthors: [Cy Zero]\ndate: 2024\ndraft: true\n---\n",
        }
    )
    build(site)
    out = site / "output" / "authors"
    profile = (out / "cy" / "index.html").read_text()
    assert 'class="tiles"' not in profile and "listed paper" not in profile
    assert '<h2 id="papers-heading">0 Papers</h2>' in profile
    assert 'id="cv-metrics"' not in (out / "cy" / "cv" / "index.html").read_text()
    assert "computed from 1 listed paper" in (out / "ada" / "index.html").read_text()
    assert "0 papers" in (out / "index.html").read_text()


def test_a_page_of_many_pieces_is_the_same_bytes_and_a_mistake_in_it_is_named_at_its_line(
    make_site: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """A page is joined and encoded a batch of pieces at a time (so that the largest
    profile is never held whole as text); its bytes are what rendering it whole gave, and
    a template's mistake met in a later batch is still named at its line."""
    from bench.synth import generate
    from generator import render

    site = tmp_path / "synth"
    generate(site, papers=30, authors=3, seed=4)

    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.*")}

    build(site, tmp_path / "whole", use_cache=False)
    monkeypatch.setattr(render, "PIECES", 3)
    build(site, tmp_path / "batched", use_cache=False)
    assert tree(tmp_path / "batched") == tree(tmp_path / "whole")
    assert len(tree(tmp_path / "whole")) > 40

    template = '{% extends "base.html" %}\n{% block main %}\n<p>a</p><p>b</p>\n'
    broken = make_site(
        {
            "content/papers/one.md": MINIMAL_PAPER,
            "templates/paper.html": template + "{{ paper.venu }}\n{% endblock %}\n",
        }
    )
    monkeypatch.chdir(broken)
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("templates/paper.html:4: paper has no field 'venu'"), err
    assert "Traceback" not in err
    # from another folder too, as a record's mistake is named (it was `site/templates/…`)
    monkeypatch.chdir(broken.parent)
    assert main(["build", "--site", broken.name]) == 1
    err = capsys.readouterr().err
    assert err.startswith("templates/paper.html:4: paper has no field 'venu'"), err


def test_a_card_names_its_profiles_author_wherever_they_stand(
    make_site: Callable[..., Path],
) -> None:
    """A senior author last of eight and a consortium member 237th of 800 are named on their
    profile's cards after the first names and `…`; `et al.` follows only where others do.
    The card named three others and "et al.", and not the profile's author at all."""
    crowd = [f"Person{i:03d} Example" for i in range(800)]
    crowd[236] = "Ada Lovelace"
    senior = [f"Person{i:03d} Example" for i in range(7)] + ["Ada Lovelace"]
    papers = {
        "consortium": (["GBD 2019 Collaborators", *crowd], "2020-10-01"),
        "senior": (senior, "2019-05-01"),
        "first": (["Ada Lovelace", *senior[:7]], "2018-05-01"),
    }
    listed = {slug: (f"[{', '.join(names)}]", date) for slug, (names, date) in papers.items()}
    bylines = _profile_bylines(make_site, listed)
    assert [bylines[slug] for slug in ("consortium", "senior", "first")] == [
        "GBD 2019 Collaborators, Person000 Example, Person001 Example, …, "
        '<strong>Ada Lovelace</strong> et al. <span class="author-count">(801 authors)</span>',
        "Person000 Example, Person001 Example, Person002 Example, …, <strong>Ada Lovelace</strong>",
        "<strong>Ada Lovelace</strong>, Person000 Example, Person001 Example et al.",
    ]
