"""site.yaml: defaults, validation with hints, base_url forms, the build date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.config import build_date_default, load_config, normalise_base_url
from generator.errors import Problems, UsageError


def load(tmp_path: Path, text: str, **kwargs: str) -> tuple[object, list[str]]:
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    config = load_config(path, "site.yaml", problems, **kwargs)
    return config, [str(p) for p in problems.items]


def test_defaults_without_site_yaml(tmp_path: Path) -> None:
    problems = Problems()
    config = load_config(tmp_path / "site.yaml", "site.yaml", problems)
    assert problems.items == []
    assert config.base_url == "/" and config.paper_sort == "date" and config.authors_shown == 3
    assert config.metrics == ("h_index", "papers", "citations", "novelty", "score")


@pytest.mark.parametrize("empty", ['""', "'  '"])
def test_an_empty_title_is_the_default_title(tmp_path: Path, empty: str) -> None:
    """`title: ""` is unset, as `title:` is: a site with no name has an empty brand link
    (a link with no name for a screen reader) and untitled feeds."""
    config, problems = load(tmp_path, f"title: {empty}\ndescription: {empty}\n")
    assert problems == []
    assert config.title == "Publications"  # type: ignore[attr-defined]
    assert config.description == ""  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("line", "problem", "fixed"),
    [
        # one text, which YAML does not split: it was "unknown metric 'h_index, papers';
        # did you mean `h_index`?", which sent the reader to a metric that is right
        (
            "metrics: h_index, papers",
            "`metrics` is one piece of text, 'h_index, papers'; write the tiles as a list, in "
            "brackets: `metrics: [h_index, papers]`",
            "metrics: [h_index, papers]",
        ),
        (
            "metrics: citations novelty",
            "`metrics` is one piece of text, 'citations novelty'; write the tiles as a list, in "
            "brackets: `metrics: [citations, novelty]`",
            "metrics: [citations, novelty]",
        ),
        # the value in capitals, or a close spelling: the one to write
        (
            "paper_sort: Citations",
            "`paper_sort` must be one of date, citations, score, title, not 'Citations'; "
            "write `paper_sort: citations`",
            "paper_sort: citations",
        ),
        (
            "paper_sort: scores",
            "`paper_sort` must be one of date, citations, score, title, not 'scores'; "
            "write `paper_sort: score`",
            "paper_sort: score",
        ),
        # an order by another name: no close spelling, and no value to write was said
        (
            "paper_sort: newest",
            "`paper_sort` must be one of date, citations, score, title, not 'newest'; "
            "write `paper_sort: date`",
            "paper_sort: date",
        ),
        (
            "paper_sort: Most Cited",
            "`paper_sort` must be one of date, citations, score, title, not 'Most Cited'; "
            "write `paper_sort: citations`",
            "paper_sort: citations",
        ),
        (
            "paper_sort: alphabetical",
            "`paper_sort` must be one of date, citations, score, title, not 'alphabetical'; "
            "write `paper_sort: title`",
            "paper_sort: title",
        ),
        # "June 2025" was told to write `2025-06`, which was then refused as no full date
        (
            "build_date: June 2025",
            "`build_date` must be a date written YYYY-MM-DD, not 'June 2025'; write the day, "
            "such as `2025-06-01`",
            "build_date: 2025-06-01",
        ),
        (
            "build_date: 2025-06",
            "`build_date` must be a full date, YYYY-MM-DD; write the day, such as `2025-06-01`, "
            "or remove the line to build as of today (or as of SOURCE_DATE_EPOCH)",
            "build_date: 2025-06-01",
        ),
        (
            "build_date: today",
            "`build_date` is a day, not 'today'; remove the line to build as of today (or as "
            "of SOURCE_DATE_EPOCH)",
            "",
        ),
    ],
)
def test_a_site_option_written_nearly_right_says_what_to_write(
    tmp_path: Path, line: str, problem: str, fixed: str
) -> None:
    _, problems = load(tmp_path, f"title: T\n{line}\n")
    assert problems == [f"site.yaml:2: {problem}"]
    _, problems = load(tmp_path, f"title: T\n{fixed}\n")  # what it says to write is taken
    assert problems == []


def test_every_problem_with_its_key_line(tmp_path: Path) -> None:
    _, problems = load(
        tmp_path,
        "title: T\npaper_sortt: date\nbase_url: ftp://x\nmetrics: [h_index, karma]\n"
        "authors_shown: 0\nbuild_date: 2026-02-30\n",
    )
    assert problems == [
        "site.yaml:2: unknown field `paper_sortt`; did you mean `paper_sort`?",
        "site.yaml:3: `base_url` must be `/`, a path such as `/repo/`, or an absolute URL such as https://user.github.io/repo/",
        "site.yaml:4: unknown metric 'karma'; choose from h_index, papers, citations, i10_index, novelty, score",
        "site.yaml:5: `authors_shown` must be 1 or more, not 0; to show every name, write a "
        "number as large as the longest list, such as 100",
        "site.yaml:6: `build_date` 2026-02-30 is not a calendar day (that month has 28 days)",
    ]


def test_base_url_forms() -> None:
    assert normalise_base_url("https://user.github.io/repo") == "https://user.github.io/repo/"
    assert normalise_base_url("/repo") == "/repo/"
    assert normalise_base_url("") == "/"
    assert normalise_base_url("javascript:alert(1)") is None
    assert normalise_base_url("//evil.example/") is None
    assert normalise_base_url('https://x.org/"><script>') is None


@pytest.mark.parametrize(
    ("written", "address"),
    [
        # configure-pages' base_url with a `/` added, when it already ends in one
        ("https://u.github.io/repo//", "https://u.github.io/repo/"),
        ("https://u.github.io//", "https://u.github.io/"),
        ("/repo//", "/repo/"),
        ("https://U.GitHub.IO/Repo", "https://u.github.io/Repo/"),  # a path keeps its case
        ("http://u.github.io/repo", "http://u.github.io/repo/"),
        ("https://u.github.io/régine/", "https://u.github.io/r%C3%A9gine/"),
        ("https://u.github.io/r%C3%A9gine/", "https://u.github.io/r%C3%A9gine/"),
        ("https://u.github.io/r%c3%a9gine/", "https://u.github.io/r%C3%A9gine/"),
        # a percent sign in a folder's name: a stray `%` in every address made no valid URL
        ("https://u.github.io/100%/", "https://u.github.io/100%25/"),
        ("https://müller.de/pubs", "https://xn--mller-kva.de/pubs/"),
        # as browsers resolve it (UTS #46): ß stays ß, `fass.de` would be another domain
        ("https://Faß.de/pubs", "https://xn--fa-hia.de/pubs/"),
        ("https://straße.müller.de/", "https://xn--strae-oqa.xn--mller-kva.de/"),
        ("http://localhost:8000", "http://localhost:8000/"),
        ("http://[::1]:8000/x", "http://[::1]:8000/x/"),
        # the scheme's own port is the address without one, as the browser's bar shows it
        ("https://u.github.io:443/repo/", "https://u.github.io/repo/"),
        ("http://example.org:80", "http://example.org/"),
        ("https://example.org:80/", "https://example.org:80/"),
        ("http://example.org:443/", "http://example.org:443/"),
    ],
)  # fmt: skip
def test_a_base_url_is_one_spelling_of_its_address(written: str, address: str) -> None:
    """Canonical links, feed ids and sitemap entries are made from it: one site, one spelling."""
    assert normalise_base_url(written) == address


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://u.github.io/repo/?tab=papers",
         "'https://u.github.io/repo/?tab=papers': the address holds `?` or `#`, which would "
         "end every address made from it; write https://u.github.io/repo/"),
        ("https://u.github.io/my repo/",
         "'https://u.github.io/my repo/': the address holds a space; write it as %20: "
         "https://u.github.io/my%20repo/"),
        ("https://u.github.io/repo/../other/",
         "'https://u.github.io/repo/../other/': the address has a `.` or `..` folder in its "
         "path; write the folder it means"),
        ("localhost:8000",
         "'localhost:8000' is not a path or an absolute http(s) URL; write it as "
         "http://localhost:8000/ (or a path such as /repo/)"),
        ("repo/", "'repo/' is not a path or an absolute http(s) URL; write it as /repo/ (a "
         "path starts with /)"),
        # argparse said "invalid _base_url value", the name of a function
        ("http://[x", "'http://[x': the address has a `[` or `]` in its host that is no IPv6 "
         "address; remove it"),
    ],
)  # fmt: skip
def test_a_bad_base_url_option_gets_the_hint_site_yaml_gets(
    url: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["build", "--base-url", url])
    assert stop.value.code == 2
    assert capsys.readouterr().err.rstrip().endswith(f"argument --base-url: {message}")


@pytest.mark.parametrize("command", ["build", "check"])
def test_an_empty_base_url_option_is_a_usage_error(
    command: str, make_site: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """`--base-url "$URL"` with $URL unset built the site for `/` in silence: published
    without canonical links, with feed ids that change with the title."""
    from generator.cli import main

    site = make_site({"content/authors/ada.yaml": "name: Ada Lovelace\n"})
    with pytest.raises(SystemExit) as stop:
        main([command, "--site", str(site), "--base-url", ""])
    assert stop.value.code == 2
    assert (
        capsys.readouterr()
        .err.rstrip()
        .endswith(
            "argument --base-url: the address is empty (a variable that was not set?); give the "
            "site's address, such as https://user.github.io/repo/, or / for a site at a domain's root"
        )
    )
    assert not (site / "output").exists()


def test_command_line_base_url_wins(tmp_path: Path) -> None:
    config, problems = load(tmp_path, "base_url: /\n", base_url="https://u.github.io/r/")
    assert problems == [] and config.base_url == "https://u.github.io/r/"  # type: ignore[attr-defined]


def test_source_date_epoch() -> None:
    assert build_date_default({"SOURCE_DATE_EPOCH": "1764288000"}) == dt.date(2025, 11, 28)
    assert isinstance(build_date_default({}), dt.date)


@pytest.mark.parametrize(
    ("epoch", "message"),
    [
        ("1732838400000", "SOURCE_DATE_EPOCH='1732838400000' looks like milliseconds (13 digits, "
         "as JavaScript's Date.now() gives), not seconds: as seconds it is no date a build has; "
         "for 2024-11-29 write SOURCE_DATE_EPOCH=1732838400 (the seconds, as `date +%s` gives)"),
        ("1732838400123456", "SOURCE_DATE_EPOCH='1732838400123456' looks like microseconds (16 "
         "digits, as Python's time.time_ns() // 1000 gives), not seconds: as seconds it is no "
         "date a build has; for 2024-11-29 write SOURCE_DATE_EPOCH=1732838400 (the seconds, as "
         "`date +%s` gives)"),
        ("253402300799", "SOURCE_DATE_EPOCH='253402300799' is the date 9999-12-31, more than a "
         "year after today ({today}); give the time of the build, in seconds since 1970 "
         "(`date +%s`, or `git log -1 --format=%ct` for the last commit's)"),
    ],
)  # fmt: skip
def test_a_source_date_epoch_in_milliseconds_or_far_ahead_says_what_to_write(
    epoch: str, message: str
) -> None:
    """JavaScript's Date.now() gave "is not a Unix time (whole seconds since 1970)", which
    it is, in milliseconds; a time in year 9999 was taken, dating the whole site."""
    today = dt.datetime.now(tz=dt.timezone.utc).date().isoformat()
    with pytest.raises(UsageError) as raised:
        build_date_default({"SOURCE_DATE_EPOCH": epoch})
    assert str(raised.value) == message.format(today=today)


def test_new_paper_with_an_epoch_in_milliseconds_says_so_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`authorsite new paper` (and the importers' citation dates) read SOURCE_DATE_EPOCH
    on their own: in milliseconds, a ValueError's traceback ("year 56881 is out of range")."""
    site = tmp_path / "s"
    assert main(["init", str(site)]) == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732838400000")
    capsys.readouterr()
    assert main(["new", "paper", "A Title", "--site", str(site)]) == 2
    err = capsys.readouterr().err
    assert "looks like milliseconds" in err and "Traceback" not in err
    assert not (site / "content/papers/a-title.md").exists()


def test_a_source_date_epoch_of_thousands_of_digits_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Past 4,300 digits Python's int() refuses to read a number: a build ended with a
    ValueError's traceback instead of saying that the value is no time."""
    site = tmp_path / "s"
    assert main(["init", str(site)]) == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "9" * 5000)
    capsys.readouterr()
    assert main(["build", "--site", str(site)]) == 2
    err = capsys.readouterr().err
    assert "SOURCE_DATE_EPOCH is a number of 5000 digits, no date a calendar has" in err
    assert "Traceback" not in err and len(err) < 1000 and not (site / "output").exists()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0" * 5000 + "1732838400")  # zeros are no digits
    assert main(["build", "--site", str(site)]) == 0


def test_a_build_date_more_than_a_year_ahead_is_refused_at_its_line(tmp_path: Path) -> None:
    """`build_date: 9999-12-31` was taken without a word; a date within a year is taken."""
    today = dt.datetime.now(tz=dt.timezone.utc).date()
    _, problems = load(tmp_path, "title: T\nbuild_date: 9999-12-31\n")
    assert problems == [
        f"site.yaml:2: `build_date` 9999-12-31 is more than a year after today ({today}), "
        "which dates the whole site (the dates of its year print without their year); write "
        f"the day the site is built as of, such as {today}, or remove the line to build as "
        f"of today (a date up to {today + dt.timedelta(days=366)} is taken)"
    ]
    ahead = today + dt.timedelta(days=300)
    config, problems = load(tmp_path, f"build_date: {ahead}\n")
    assert problems == [] and config.build_date == ahead  # type: ignore[attr-defined]


def test_a_build_date_with_a_time_says_to_write_the_date_alone(tmp_path: Path) -> None:
    """build_date takes only a full date: its message offers no `YYYY-MM` it would refuse."""
    _, problems = load(tmp_path, "title: T\nbuild_date: 2026-11-28T10:00:00\n")
    assert problems == [
        "site.yaml:2: `build_date` must be a date written YYYY-MM-DD, not "
        "'2026-11-28T10:00:00'; write `2026-11-28` (the date, without its time)"
    ]


def test_pinned_build_date(tmp_path: Path) -> None:
    config, problems = load(tmp_path, "build_date: 2026-11-28\n")
    assert problems == [] and config.build_date == dt.date(2026, 11, 28)  # type: ignore[attr-defined]


ADDRESS = (
    "the site's address is `base_url`, the whole of it (Jekyll's `url` and `baseurl` in one, "
    "Hugo's `baseURL`), such as `base_url: https://user.github.io/repo/`"
)
EVERY_NAME = "; to show every name, write a number as large as the longest list, such as 100"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        # site.yaml gets the address to write, as --base-url does, not a generic example
        ("base_url: user.github.io/repo", "`base_url` 'user.github.io/repo' is not a path or an "
         "absolute http(s) URL; write it as https://user.github.io/repo/ (or a path such as /repo/)"),
        ("base_url: example.org", "`base_url` 'example.org' is not a path or an absolute "
         "http(s) URL; write it as https://example.org/ (or a path such as /repo/)"),
        # one word: the folder of a project site, not a host named `repo`
        ("base_url: repo/", "`base_url` 'repo/' is not a path or an absolute http(s) URL; "
         "write it as /repo/ (a path starts with /)"),
        # `0`, `-1` or `all` is how a researcher asks for whole author lists
        ("authors_shown: 0", "`authors_shown` must be 1 or more, not 0" + EVERY_NAME),
        ("authors_shown: -1", "`authors_shown` must be 1 or more, not -1" + EVERY_NAME),
        ("authors_shown: all", "`authors_shown` must be a whole number, not 'all'" + EVERY_NAME),
        # a row of nines for "all": said too large, with nothing to write instead
        ("authors_shown: 1000000000000000000000", "`authors_shown` is too large (22 digits); "
         "a count here is at most 1000000000000000" + EVERY_NAME),
        # the `/` key is on or off, not a key to choose (a single character would be no
        # answer to WCAG 2.1.4)
        ("search_shortcut: ctrl+k", "`search_shortcut` must be true or false, not 'ctrl+k'"),
        # Jekyll's and Hugo's names for the site's address: `url` got the list of every field
        ("url: https://ada.github.io", "unknown field `url`; " + ADDRESS),
        ("baseurl: /repo", "unknown field `baseurl`; " + ADDRESS),
        ("baseURL: https://ada.github.io/repo/", "unknown field `baseURL`; " + ADDRESS),
        ("languageCode: de", "unknown field `languageCode`; the pages' language is `language`, "
         "a BCP 47 tag such as `language: de`"),
    ],
)  # fmt: skip
def test_a_site_yaml_value_written_another_way_says_what_to_write(
    tmp_path: Path, line: str, message: str
) -> None:
    _, problems = load(tmp_path, f"title: T\n{line}\n")
    assert problems == [f"site.yaml:2: {message}"]


def test_a_bad_base_url_option_says_what_to_write(tmp_path: Path) -> None:
    problems = Problems()
    load_config(tmp_path / "site.yaml", "site.yaml", problems, base_url="user.github.io/repo/")
    assert [str(p) for p in problems.items] == [
        "--base-url: 'user.github.io/repo/' is not a path or an absolute http(s) URL; write it "
        "as https://user.github.io/repo/ (or a path such as /repo/)"
    ]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://u.github.io/repo/index.html",
         "`base_url` is the address of a page; write its folder's, https://u.github.io/repo/"),
        ("/repo/index.htm", "`base_url` is the address of a page; write its folder's, /repo/"),
        ("https://u.github.io/repo/?tab=papers",
         "`base_url` holds `?` or `#`, which would end every address made from it; "
         "write https://u.github.io/repo/"),
        ("https://u.github.io/repo#about",
         "`base_url` holds `?` or `#`, which would end every address made from it; "
         "write https://u.github.io/repo/"),
        ("https://ada:secret@u.github.io/repo/",
         "`base_url` holds a user name or password, which every page would publish; remove it"),
        ("https://u.github.io:99999/", "`base_url` has no valid port (99999)"),
        # no host: every canonical link was `https://:80/papers/x/`, which leads nowhere
        ("https://:80/", "`base_url` has no host name between `//` and the path; write the "
         "site's, such as https://user.github.io/repo/"),
        ("https://u.github.io:0/", "`base_url` has no valid port (0)"),
        # Python's urlsplit raised "Invalid IPv6 URL": a traceback
        ("https://[u.github.io/", "`base_url` has a `[` or `]` in its host that is no IPv6 "
         "address; remove it"),
        # the hint said to write it as %20, and showed the address with its space
        ("https://u.github .io/", "`base_url` has a space in its host name, which no address "
         "has; remove it"),
    ],
)  # fmt: skip
def test_a_base_url_copied_from_the_address_bar_says_what_to_write(
    url: str, message: str, tmp_path: Path
) -> None:
    """Every address of the site is made from base_url: a page's or a query breaks them all."""
    _, problems = load(tmp_path, f"title: T\nbase_url: '{url}'\n")
    assert problems == [f"site.yaml:2: {message}"]
    assert normalise_base_url(url) is None


def test_an_upper_case_scheme_is_a_scheme() -> None:
    assert normalise_base_url("HTTPS://u.github.io/Repo") == "https://u.github.io/Repo/"


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("en_US", "write `en-US` (a tag's parts are joined by hyphens)"),
        ("en US", "write `en-US` (a tag's parts are joined by hyphens)"),
        ("English", "write `en`"),
        ("Deutsch", "write `de`"),
        ('"en\\"><script>"', "write the code of the pages' language, such as `en`, `en-GB`"),
        ("e", "write the code of the pages' language"),
        ("en-", "write the code of the pages' language"),
    ],
)
def test_a_language_that_is_no_language_tag_says_what_to_write(
    tmp_path: Path, value: str, hint: str
) -> None:
    """The value becomes every page's `lang`: a screen reader's voice and a search engine's guess."""
    config, problems = load(tmp_path, f"title: T\nlanguage: {value}\n")
    [problem] = problems
    assert problem.startswith("site.yaml:2: `language` ")
    assert "is not a language tag (BCP 47); " + hint in problem
    assert config.language == "en"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        # A country's code written for its language: well-formed, but `lang="jp"` is no
        # language a screen reader has a voice for, and the theme's Japanese words were lost.
        ("jp", "`language` 'jp' names no language: `JP` is a country's code; for its "
         "language write `ja`"),
        ("cz", "`language` 'cz' names no language: `CZ` is a country's code; for its "
         "language write `cs`"),
        ("xq", "`language` 'xq' names no language: write the two-letter code of the language "
         "(ISO 639-1), such as `en`, `de` or `zh`"),
        # `en_UK` in og:locale is no locale a link preview knows
        ("en-UK", "`language` 'en-UK' names no country (`UK`); the United Kingdom's code is "
         "GB: write `en-GB`"),
        ("de-EN", "`language` 'de-EN' names no country (`EN`); write the country's two-letter "
         "code (ISO 3166-1), or `de` alone"),
    ],
)  # fmt: skip
def test_a_well_formed_tag_that_names_no_language_or_country_says_what_to_write(
    tmp_path: Path, value: str, message: str
) -> None:
    config, problems = load(tmp_path, f"title: T\nlanguage: {value}\n")
    assert problems == [f"site.yaml:2: {message}"]
    assert config.language == "en"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "tag",
    [
        *("en", "en-GB", "zh-Hant", "zh-Hant-TW", "sr-Latn-RS", "es-419", "de-CH-1901", "yue"),
        *("EN-gb", "kr", "se", "iw", "en-XA", "x-private", "i-klingon", "en-US-x-twain"),
        *("es-IC", "zh-min-nan", "en-GB-oed"),
    ],
)
def test_well_formed_language_tags_are_taken(tmp_path: Path, tag: str) -> None:
    config, problems = load(tmp_path, f"language: {tag}\n")
    canonical = {"EN-gb": "en-GB"}.get(tag, tag)  # tags ignore case; the pages get RFC 5646's
    assert problems == [] and config.language == canonical  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        ("language: de\n", "Publikationen"),
        ("language: es-MX\n", "Publicaciones"),
        ("language: fi\n", "Publications"),  # no catalogue: English stands in
        ("language: de\nlabels:\n  publications: Schriften\n", "Schriften"),
        ("language: de\ntitle: Ada\n", "Ada"),
    ],
)
def test_the_default_title_is_in_the_pages_language(tmp_path: Path, lines: str, title: str) -> None:
    """A German site without a title is named `Publikationen` at the top of every page and
    in its feeds, not the English word amid German ones."""
    config, problems = load(tmp_path, lines)
    assert problems == []
    assert config.title == title  # type: ignore[attr-defined]
