"""Assembly: which papers are whose, declared versus computed metrics, order."""

from __future__ import annotations

import pytest

from generator import metrics
from generator.assemble import Known, assemble, format_metric, sort_papers
from generator.errors import Problems
from generator.i18n import resolve
from generator.model import Author, Paper, PartialDate, Site, SiteConfig
from generator.routes import shown_novelty


def paper(slug: str, authors: tuple[str, ...], year: int = 2024, **kw: object) -> Paper:
    return Paper(
        slug=slug,
        source=f"content/papers/{slug}.md",
        title=slug.title(),
        authors=authors,
        date=PartialDate(year, 1, 1),
        **kw,
    )  # type: ignore[arg-type]


ADA = Author(
    slug="ada", source="content/authors/ada.yaml", name="Ada Lovelace", aliases=("A. Lovelace",)
)
BOB = Author(slug="bob", source="content/authors/bob.yaml", name="Bob Babbage")


def test_ownership_by_name_alias_and_main_author() -> None:
    papers = [
        paper("a", ("Ada Lovelace", "X")),
        paper("b", ("A. Lovelace", "Bob Babbage")),
        paper("c", ("Someone", "Else"), authors_truncated=True),
    ]
    site = assemble(SiteConfig(main_author="ada"), papers, [ADA, BOB], Problems())
    owned = {p.author.slug: sorted(x.slug for x in p.papers) for p in site.profiles}
    assert owned == {"ada": ["a", "b", "c"], "bob": ["b"]}
    lab = assemble(SiteConfig(), papers, [ADA, BOB], Problems())
    assert {p.author.slug: len(p.papers) for p in lab.profiles} == {"ada": 2, "bob": 1}


def test_declared_metric_wins_and_says_so() -> None:
    author = Author(
        slug="ada",
        source="a.yaml",
        name="Ada Lovelace",
        field="AI",
        metrics={"h_index": 24.0},
        metrics_source="Scholar, 2026-11",
    )
    papers = [
        paper("a", ("Ada Lovelace",), citations=5),
        paper("b", ("Ada Lovelace",), citations=1),
    ]
    site = assemble(SiteConfig(), papers, [author], Problems())
    tiles = {m.key: m for m in site.profiles[0].metrics}
    assert (
        tiles["h_index"].display == "24"
        and tiles["h_index"].provenance == "declared (Scholar, 2026-11)"
    )
    assert (
        tiles["citations"].display == "6"
        and tiles["citations"].provenance == "computed from 2 listed papers"
    )
    assert "score" not in tiles  # no paper has a score: left out, not shown as 0


def test_a_computed_tile_names_the_papers_it_is_computed_from() -> None:
    """SPEC 3: a computed metric says "computed from N listed papers". A mean score of one
    paper's score said "computed from 3 listed papers", as if the other two had a score;
    likewise citations of two counted papers, and novelty, which the earliest paper has
    none of."""
    topics = ["graph colouring bounds", "protein folding kinetics", "market design auctions"]
    papers = [
        Paper(
            slug=f"p{i}",
            source=f"content/papers/p{i}.md",
            title=topic.title(),
            abstract=f"We study {topic}.",
            authors=("Ada Lovelace",),
            date=PartialDate(2020 + i, 1, 1),
            citations=None if i == 0 else 10 * i,
            score=70.0 if i == 2 else None,
        )
        for i, topic in enumerate(topics)
    ]
    config = SiteConfig(metrics=("papers", "citations", "h_index", "novelty", "score"))
    site = assemble(config, papers, [ADA], Problems())
    tiles = {m.key: (m.display, m.provenance) for m in site.profiles[0].metrics}
    assert tiles == {
        "papers": ("3", "computed from 3 listed papers"),
        "citations": ("30", "computed from 2 listed papers"),
        "h_index": ("2", "computed from 2 listed papers"),
        "novelty": (tiles["novelty"][0], "computed from 2 listed papers"),
        "score": ("70", "computed from 1 listed paper"),
    }


def test_no_citation_data_means_no_citation_tiles() -> None:
    site = assemble(SiteConfig(), [paper("a", ("Ada Lovelace",))], [ADA], Problems())
    assert [m.key for m in site.profiles[0].metrics] == ["papers"]


def test_drafts_left_out_unless_asked() -> None:
    papers = [paper("a", ("Ada Lovelace",)), paper("d", ("Ada Lovelace",), draft=True)]
    assert len(assemble(SiteConfig(), papers, [ADA], Problems()).papers) == 1
    assert len(assemble(SiteConfig(), papers, [ADA], Problems(), drafts=True).papers) == 2


def test_sort_orders() -> None:
    papers = [
        paper("old", ("A",), 2020, citations=50, score=10.0),
        paper("new", ("A",), 2025, score=90.0),
        paper("mid", ("A",), 2022, citations=5),
    ]
    assert [p.slug for p in sort_papers(papers, "date")] == ["new", "mid", "old"]
    assert [p.slug for p in sort_papers(papers, "citations")] == ["old", "mid", "new"]
    assert [p.slug for p in sort_papers(papers, "score")] == ["new", "old", "mid"]
    assert [p.slug for p in sort_papers(papers, "title")] == ["mid", "new", "old"]


def test_title_order_is_the_alphabet_of_the_titles_as_they_read() -> None:
    """`paper_sort: title` ("Title (A-Z)") orders by the title a reader sees: an accented
    capital among its letter, not after `z` (`É` sorts after every ASCII letter by code
    point), and Markdown emphasis by the word it marks, not by its `*` (which sorts before
    every letter). The finder's script orders so too, so the page did not reorder itself."""
    titled = [
        Paper(slug=s, source=f"{s}.md", title=t, authors=("A",), date=PartialDate(2024))
        for s, t in [("z", "Zeta"), ("e", "Élan vital"), ("b", "*Beta* rays"), ("a", "alpha")]
    ]
    assert [p.slug for p in sort_papers(titled, "title")] == ["a", "b", "e", "z"]


def test_numbers_in_titles_order_by_their_value() -> None:
    """`10 things` came before `9 things` (the digit 1 before 9), `GPT-10` before `GPT-9`;
    a number is ordered by its value wherever it stands, leading zeros aside, and
    before the letters as digits were (a fullwidth `１０` is `10` once folded)."""
    titled = [
        Paper(slug=s, source=f"{s}.md", title=t, authors=("A",), date=PartialDate(2024))
        for s, t in [
            ("ten", "10 things"),
            ("nine", "9 things"),
            ("hundred", "100 things"),
            ("wide", "１２ things"),
            ("gpt10", "GPT-10 report"),
            ("gpt9", "GPT-9 report"),
            ("zero", "007 agents"),
            ("word", "Alpha"),
        ]
    ]
    order = ["zero", "nine", "ten", "wide", "hundred", "word", "gpt9", "gpt10"]
    assert [p.slug for p in sort_papers(titled, "title")] == order
    assert [p.slug for p in sort_papers(titled, "date")] == order  # one date: title order


def test_papers_of_one_date_are_in_the_alphabet_of_their_titles() -> None:
    """Papers of one date (most often a year alone, as imports date them) are listed A-Z
    by the title a reader sees, in every order that falls back to the title: the tie was
    broken on the raw title, so `*Beta* rays` came before `alpha` (its `*` sorts before
    every letter) and `Élan vital` after `Zeta` (`é` after every ASCII letter)."""
    titled = [
        Paper(
            slug=s, source=f"{s}.md", title=t, authors=("A",), date=PartialDate(2024), citations=3
        )
        for s, t in [("z", "Zeta"), ("e", "Élan vital"), ("b", "*Beta* rays"), ("a", "alpha")]
    ]
    for order in ("date", "citations", "score"):
        assert [p.slug for p in sort_papers(titled, order)] == ["a", "b", "e", "z"], order


@pytest.mark.parametrize(
    ("declared", "shown"), [(0.125, "13%"), (0.145, "15%"), (0.625, "63%"), (0.124, "12%")]
)
def test_a_declared_percentage_is_rounded_half_up_as_written(declared: float, shown: str) -> None:
    """`novelty: 12.5%` shows `13%`, as a score's `77.25` shows `77.3`: the float's own
    rounding gave `12%` (half to even), and `14.5%`, a hair under its written value in
    binary, `14%`."""
    author = Author(slug="ada", source="a.yaml", name="Ada Lovelace", metrics={"novelty": declared})
    config = SiteConfig(metrics=("novelty",))
    site = assemble(config, [paper("a", ("Ada Lovelace",))], [author], Problems())
    assert [m.display for m in site.profiles[0].metrics] == [shown]


@pytest.mark.parametrize(
    ("scores", "shown"),
    [
        ((0.465,), "47%"),  # round() gave 46% (half to even)
        ((0.475,), "48%"),
        ((0.125,), "13%"),
        ((0.005,), "1%"),  # and 0%
        ((0.46, 0.47), "47%"),  # the mean, 0.46499999999999997 in binary: 46.5%
        ((0.4649,), "46%"),
    ],
)
def test_a_computed_novelty_is_rounded_half_up_on_the_tile_and_the_paper_page(
    scores: tuple[float, ...], shown: str
) -> None:
    """An author's novelty of 46.5% showed 46%, 47.5% 48%: Python's round() rounds a half
    to even. A paper's page, which shows its own novelty, rounds as the tile does."""
    papers = [paper(f"p{n}", ("Ada Lovelace",)) for n in range(len(scores))]
    novelty = {p.slug: score for p, score in zip(papers, scores, strict=True)}
    author = Author(slug="ada", source="a.yaml", name="Ada Lovelace")
    config = SiteConfig(metrics=("novelty",))
    site = assemble(config, papers, [author], Problems(), novelty_scores=lambda _: novelty)
    assert [m.display for m in site.profiles[0].metrics] == [shown]
    if len(scores) == 1:  # the paper's own page: the same digits
        assert resolve("en").percent(shown_novelty(scores[0])) == shown


@pytest.mark.parametrize(
    ("scores", "shown"), [((77.2, 77.3), "77.3"), ((33.3, 33.4), "33.4"), ((56.0, 57.0), "56.5")]
)
def test_a_mean_score_is_rounded_half_up(scores: tuple[float, ...], shown: str) -> None:
    """The AI Score tile of 33.3 and 33.4 showed 33.3: their mean is 33.349999999999994 in
    binary, a hair under the 33.35 a person computes, which rounds up."""
    papers = [paper(f"p{n}", ("Ada Lovelace",), score=s) for n, s in enumerate(scores)]
    author = Author(slug="ada", source="a.yaml", name="Ada Lovelace", field="AI")
    site = assemble(SiteConfig(metrics=("score",)), papers, [author], Problems())
    assert [(m.label, m.display) for m in site.profiles[0].metrics] == [("AI Score", shown)]


def test_format_metric() -> None:
    assert format_metric("novelty", 0.47) == "47%"
    assert format_metric("score", 57.0) == "57"
    assert format_metric("score", 56.54) == "56.5"
    assert format_metric("h_index", 24.0) == "24"


def test_duplicate_slugs_reported() -> None:
    problems = Problems()
    assemble(SiteConfig(), [paper("a", ("X",)), paper("a", ("Y",))], [], problems)
    assert [p.message.split(";")[0] for p in problems.items] == [
        "paper slug `a` is already used by content/papers/a.md"
    ]


def test_an_edit_that_keeps_the_author_lists_keeps_the_counted_coauthors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new citation count (a new record key) gives new per-year counts without counting
    co-authors again; a changed author list counts them again. Either way the site is
    the one a fresh assembly gives."""
    papers = [
        paper("a", ("Ada Lovelace", "Carl Gauss"), citations=3),
        paper("b", ("Ada Lovelace", "Carl Gauss", "Emmy Noether"), year=2023, citations=1),
    ]
    keys = {id(r): f"key-{r.slug}" for r in [*papers, ADA, BOB]}
    known = Known.decode(None)
    assemble(SiteConfig(), papers, [ADA, BOB], Problems(), record_keys=keys, known=known)
    known = Known.decode(known.encode())  # the next process

    cited = [paper("a", ("Ada Lovelace", "Carl Gauss"), citations=40), papers[1]]
    keys[id(cited[0])] = "key-a-cited-more"
    calls: list[object] = []
    counting = metrics.top_coauthors
    monkeypatch.setattr(
        metrics, "top_coauthors", lambda *a, **k: calls.append(a) or counting(*a, **k)
    )
    site = assemble(SiteConfig(), cited, [ADA, BOB], Problems(), record_keys=keys, known=known)
    assert calls == []  # the same names: the co-authors known are used
    fresh = assemble(SiteConfig(), cited, [ADA, BOB], Problems())
    assert site == fresh
    ada = next(p for p in site.profiles if p.author.slug == "ada")
    assert ada.per_year == ((2023, 1, 1), (2024, 1, 40))
    assert ada.coauthors == (("Carl Gauss", 2), ("Emmy Noether", 1))

    renamed = [paper("a", ("Ada Lovelace", "Sofia Kovalevskaya"), citations=40), papers[1]]
    keys[id(renamed[0])] = "key-a-renamed"
    site = assemble(SiteConfig(), renamed, [ADA, BOB], Problems(), record_keys=keys, known=known)
    assert calls  # another author list: counted again
    ada = next(p for p in site.profiles if p.author.slug == "ada")
    assert ("Sofia Kovalevskaya", 1) in ada.coauthors and ("Carl Gauss", 1) in ada.coauthors
    assert site == assemble(SiteConfig(), renamed, [ADA, BOB], Problems())


def test_partial_dates_order_with_missing_parts() -> None:
    dates = [
        PartialDate(2024, 5, 2),
        PartialDate(2024),
        PartialDate(2024, 5),
        PartialDate(2023, 12, 31),
    ]
    assert sorted(dates) == [
        PartialDate(2023, 12, 31),
        PartialDate(2024),
        PartialDate(2024, 5),
        PartialDate(2024, 5, 2),
    ]


def test_known_owners_and_charts_are_reused_by_record_and_equal_a_fresh_assembly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What an earlier build assembled (by record keys, as the cache keeps it) is used
    again for the same records, and gives the site a fresh assembly gives."""
    papers = [paper("a", ("Ada Lovelace", "X"), citations=3), paper("b", ("Bob Babbage",))]
    authors = [ADA, BOB]
    keys = {id(r): f"key-{r.slug}" for r in [*papers, *authors]}
    fresh = assemble(SiteConfig(), papers, authors, Problems())
    known = Known()
    assemble(SiteConfig(), papers, authors, Problems(), record_keys=keys, known=known)
    assert known.changed and len(known.owners) == 2 and len(known.charts) == 2
    again = Known.decode(known.encode())  # as the next process reads it from the cache

    def counted_again(*args: object) -> None:
        raise AssertionError("co-authors computed again for unchanged records")

    monkeypatch.setattr(metrics, "top_coauthors", counted_again)
    reused = assemble(SiteConfig(), papers, authors, Problems(), record_keys=keys, known=again)
    assert reused == fresh
    assert not again.changed
    # Another author's name: owners are matched again (the charts of unchanged records stay).
    monkeypatch.undo()
    carol = Author(slug="carol", source="content/authors/carol.yaml", name="X")
    keys[id(carol)] = "key-carol"
    site = assemble(
        SiteConfig(), papers, [*authors, carol], Problems(), record_keys=keys, known=again
    )
    assert {p.author.slug: len(p.papers) for p in site.profiles} == {"ada": 1, "bob": 1, "carol": 1}
    assert again.changed


def test_citation_keys_are_kept_by_record_and_made_again_for_a_changed_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each paper's citation key (before the site's are made unique) is what a fresh
    assembly gives: taken from an earlier build for the same record, made again for a
    record that changed (its title, first author or year: a new record key)."""
    from generator import assemble as assembling
    from generator.bibtex import cite_key

    papers = [paper("attention", ("Ada Lovelace",)), paper("babbage", ("Bob Babbage",))]
    keys = {id(r): f"key-{r.slug}" for r in [*papers, ADA, BOB]}
    known = Known()
    first = assemble(SiteConfig(), papers, [ADA, BOB], Problems(), record_keys=keys, known=known)

    def by_slug(site: Site) -> dict[str, str]:
        return {p.slug: key for p, key in zip(site.papers, site.cite_keys, strict=True)}

    assert by_slug(first) == {"attention": "lovelace2024attention", "babbage": "babbage2024babbage"}
    again = Known.decode(known.encode())  # as the next process reads it from the cache

    made: list[str] = []
    monkeypatch.setattr(assembling, "cite_key", lambda p: made.append(p.slug) or cite_key(p))
    retitled = Paper(**{**vars(papers[0]), "title": "Zebras", "authors": ("Carl Gauss",)})
    redated = Paper(**{**vars(papers[1]), "date": PartialDate(2019, 1, 1)})
    for changed in (retitled, redated):
        keys[id(changed)] = f"key-{changed.slug}-changed"
    site = assemble(
        SiteConfig(), [retitled, papers[1]], [ADA, BOB], Problems(), record_keys=keys, known=again
    )
    assert made == ["attention"]  # the unchanged record's key is the kept one
    assert by_slug(site) == {"attention": "gauss2024zebras", "babbage": "babbage2024babbage"}
    assert site == assemble(SiteConfig(), [retitled, papers[1]], [ADA, BOB], Problems())
    site = assemble(
        SiteConfig(), [retitled, redated], [ADA, BOB], Problems(), record_keys=keys, known=again
    )
    assert by_slug(site) == {"attention": "gauss2024zebras", "babbage": "babbage2019babbage"}
    assert site == assemble(SiteConfig(), [retitled, redated], [ADA, BOB], Problems())


@pytest.mark.parametrize(
    ("language", "counts", "labels"),
    [
        ("en", (1, 2), ("paper", "papers")),
        ("de", (1, 3), ("Publikation", "Publikationen")),
        ("ru", (1, 2, 5), ("публикация", "публикации", "публикаций")),
    ],
)
def test_a_papers_tile_reads_as_its_count_says(
    language: str, counts: tuple[int, ...], labels: tuple[str, ...]
) -> None:
    """The tile is its number and a word: one paper read `1 papers` (and five Russian
    publications `5 публикации`, the form for two to four)."""
    for count, label in zip(counts, labels, strict=True):
        papers = [paper(f"p{i}", ("Ada Lovelace",), citations=count) for i in range(count)]
        config = SiteConfig(metrics=("papers",), language=language)
        site = assemble(config, papers, [ADA], Problems())
        (tile,) = site.profiles[0].metrics
        assert (tile.display, tile.label) == (str(count), label)


def test_known_identifier_claims_are_reused_by_record_and_still_catch_one_paper_twice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What each record's DOI and arXiv id name is kept by record: a rebuild reads no
    unchanged record's identifiers again, and two records of one paper (its arXiv id,
    and arXiv's DOI of it in a link) are still said, as a fresh assembly says them."""
    from generator import assemble as assemblelib

    papers = [
        paper("a", ("Ada Lovelace",), arxiv_id="2401.00001v2"),
        paper("b", ("Ada Lovelace",), links={"doi": "https://doi.org/10.48550/arXiv.2401.00001"}),
        paper("c", ("Bob Babbage",), doi="10.1000/xyz"),
    ]
    keys = {id(r): f"key-{r.slug}" for r in [*papers, ADA, BOB]}
    fresh = Problems()
    assemble(SiteConfig(), papers, [ADA, BOB], fresh)
    [said] = fresh.items
    assert said.path == "content/papers/b.md" and "content/papers/a.md" in said.message
    known = Known()
    assemble(SiteConfig(), papers, [ADA, BOB], Problems(), record_keys=keys, known=known)
    again = Known.decode(known.encode())  # as the next process reads it from the cache

    def read_again(*args: object) -> None:
        raise AssertionError("an unchanged record's identifiers read again")

    monkeypatch.setattr(assemblelib, "_paper_of", read_again)
    monkeypatch.setattr(assemblelib, "_linked_ids", read_again)
    reused = Problems()
    assemble(SiteConfig(), papers, [ADA, BOB], reused, record_keys=keys, known=again)
    assert reused.items == fresh.items and not again.changed
