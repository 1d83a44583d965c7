"""The theme's own words in the site's language: catalogues, fallback, labels, dates."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest

from generator import i18n
from generator.build import build
from generator.catalogue import CATALOGUES, DATES, EN, NUMBERS
from generator.cli import main
from generator.config import load_config
from generator.errors import Problems
from generator.i18n import plural_rule, resolve
from generator.model import PartialDate
from generator.render import format_date
from tests.conftest import MINIMAL_AUTHOR

Site = Callable[[dict[str, str | bytes]], Path]

# Words only the theme writes (no record of the site below holds them).
ENGLISH_THEME_WORDS = (
    "Skip to content",
    "Search papers",
    "Copy BibTeX",
    "Where these numbers come from",
    "citations</span>",
    "citation</span>",
    " Papers",
    "Page not found",
    "Publications (",
    "Dark theme",
)


def _site(make_site: Site, language: str, extra: str = "", **files: str) -> Path:
    """Ada's site in ``language``: a paper of the build year and one of 2023."""
    return make_site(
        {
            "site.yaml": f"title: Test\nlanguage: {language}\nmain_author: ada\n"
            f"build_date: 2026-11-28\n{extra}",
            "content/authors/ada.yaml": MINIMAL_AUTHOR,
            "content/papers/new.md": "---\ntitle: New Work\nauthors: [Ada Lovelace]\n"
            "date: 2026-05-27\ncitations: 1\n---\nAn abstract.\n",
            "content/papers/old.md": "---\ntitle: Old Work\nauthors: [Ada Lovelace, B. C.]\n"
            "date: 2023-10-30\ncitations: 2\n---\nAnother abstract.\n",
            **files,
        }
    )


def _built(site: Path, out: Path) -> dict[str, str]:
    build(site, out)
    return {
        "profile": (out / "index.html").read_text(encoding="utf-8"),
        "paper": (out / "papers" / "new" / "index.html").read_text(encoding="utf-8"),
        "cv": (out / "cv" / "index.html").read_text(encoding="utf-8"),
        "404": (out / "404.html").read_text(encoding="utf-8"),
        "feed": (out / "feed.xml").read_text(encoding="utf-8"),
    }


def _script_words(page: str) -> dict[str, str]:
    """The words site.js is given in the page (none: {})."""
    found = re.search(r'<script src="[^"]*site\.js"(?: data-words="([^"]*)")? defer>', page)
    assert found, "no site.js element"
    return json.loads(html.unescape(found.group(1))) if found.group(1) else {}


def test_a_german_site_speaks_german_on_every_page(make_site: Site, tmp_path: Path) -> None:
    pages = _built(_site(make_site, "de"), tmp_path / "out")
    profile, paper, cv = pages["profile"], pages["paper"], pages["cv"]
    assert '<html lang="de">' in profile
    assert '<a class="skip" href="#main">Zum Inhalt springen</a>' in profile
    assert '<h2 id="papers-heading">2 Publikationen</h2>' in profile
    # German dates: the day first, German month names; the year where it is not this one
    assert '<time datetime="2026-05-27">27. Mai</time>' in profile
    assert '<time datetime="2023-10-30">30. Okt. 2023</time>' in profile
    assert '<span class="cites">1 Zitation</span>' in profile
    assert '<span class="cites">2 Zitationen</span>' in profile
    assert '<label for="find-q">Publikationen durchsuchen</label>' in profile
    assert 'title="Publikationen: berechnet aus 2 gelisteten Publikationen"' in profile
    assert "<figcaption>Publikationen pro Jahr" in profile
    assert '<h2 id="cite-heading">Zitieren</h2>' in paper
    assert ">BibTeX kopieren</button>" in paper
    assert "← Publikationen von Ada Lovelace</a>" in paper
    assert "<dt>Datum</dt>" in paper and '<time datetime="2026-05-27">27. Mai</time>' in paper
    assert "<title>Ada Lovelace · Lebenslauf</title>" in cv
    assert 'content="Lebenslauf von Ada Lovelace: 2 Publikationen, nach Jahren geordnet."' in cv
    assert '<h2 id="cv-pubs">Publikationen (2)</h2>' in cv
    assert "2 Zitationen." in cv
    assert (
        '<a class="skip-list" href="#publications-end">Liste der Publikationen überspringen' in cv
    )
    assert "<h1>Seite nicht gefunden</h1>" in pages["404"]
    assert 'Weiter zur <a href="/">Startseite</a> oder zur' in pages["404"]
    assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">' in pages["feed"]
    # The script's words too, given in the page (it shows them with textContent)
    assert _script_words(profile)["show_more"] == "Mehr anzeigen"
    assert _script_words(profile)["showing_all"] == "Alle {n} Publikationen werden angezeigt"
    for name, page in pages.items():
        assert ' lang="en"' not in page, name  # nothing stands in for German
        for word in ENGLISH_THEME_WORDS:
            assert word not in page, (name, word)


def test_pt_br_falls_back_to_portuguese(make_site: Site, tmp_path: Path) -> None:
    pages = _built(_site(make_site, "pt-BR"), tmp_path / "out")
    assert '<html lang="pt-BR">' in pages["profile"]
    assert '<a class="skip" href="#main">Ir para o conteúdo</a>' in pages["profile"]
    assert '<time datetime="2026-05-27">27 de mai.</time>' in pages["profile"]
    assert '<time datetime="2023-10-30">30 de out. de 2023</time>' in pages["profile"]
    assert '<h2 id="cite-heading">Citar</h2>' in pages["paper"]


def test_a_language_without_a_catalogue_keeps_english_marked_as_english(
    make_site: Site, tmp_path: Path
) -> None:
    pages = _built(_site(make_site, "nl"), tmp_path / "out")
    profile, paper, cv = pages["profile"], pages["paper"], pages["cv"]
    assert '<html lang="nl">' in profile  # the page's own text is still Dutch
    assert '<a class="skip" href="#main" lang="en">Skip to content</a>' in profile
    assert '<h2 id="papers-heading" lang="en">2 Papers</h2>' in profile
    assert '<time datetime="2026-05-27" lang="en">May 27</time>' in profile
    assert '<form class="finder" role="search" aria-label="Find papers"' in profile
    assert 'data-default-sort="date" lang="en" hidden>' in profile
    assert '<h2 id="cite-heading" lang="en">Cite</h2>' in paper
    # The name inside the English words is the site's language's, not English
    assert '← <span lang="en"><span lang="nl">Ada Lovelace</span>’s papers</span></a>' in paper
    assert '<p class="cv-field"><span lang="en">Field</span>: CS</p>' in cv
    assert '<h1 lang="en">Page not found</h1>' in pages["404"]
    assert _script_words(profile) == {}  # the script's own English
    assert not resolve("zh-CN").english_stands_in and not resolve("en-GB").english_stands_in
    # A site that writes every word itself speaks its language; one that writes a few, not
    every = tuple(
        (key, "x" if isinstance(value, str) else (("other", "x"),)) for key, value in EN.items()
    )
    assert not resolve("nl", every).english_stands_in
    assert resolve("nl", every[:-1]).english_stands_in


def test_a_sites_labels_win_and_are_escaped(make_site: Site, tmp_path: Path) -> None:
    labels = (
        "labels:\n"
        "  cite: Zitierweise\n"
        "  n_papers_heading:\n"
        "    one: '{n} Arbeit'\n"
        "    other: '{n} Arbeiten'\n"
        "  copy_bibtex: 'Kopieren \"jetzt\" </script><script>alert(1)</script>'\n"
        "  my_greeting: Hallo <b>Welt</b>\n"
    )
    own_404 = (
        '{% extends "base.html" %}{% block main %}<p id="hi">{{ words.my_greeting }}</p>'
        "{% endblock %}"
    )
    site = _site(make_site, "de", labels, **{"templates/404.html": own_404})
    pages = _built(site, tmp_path / "out")
    assert '<h2 id="cite-heading">Zitieren</h2>' not in pages["paper"]
    assert '<h2 id="cite-heading">Zitierweise</h2>' in pages["paper"]
    assert '<h2 id="papers-heading">2 Arbeiten</h2>' in pages["profile"]
    # Untrusted text stays text: in the button, and in the JSON the script reads
    assert "<script>alert(1)" not in pages["paper"]
    assert (
        ">Kopieren &#34;jetzt&#34; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;<"
        in (pages["paper"])
    )
    assert _script_words(pages["paper"])["copy_bibtex"] == (
        'Kopieren "jetzt" </script><script>alert(1)</script>'
    )
    assert '<p id="hi">Hallo &lt;b&gt;Welt&lt;/b&gt;</p>' in pages["404"]


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    load_config(path, "site.yaml", problems)
    return [str(p) for p in problems.items]


def test_an_empty_label_or_a_list_says_what_to_write(tmp_path: Path) -> None:
    # It was "an entry of `labels` must be text, not empty": which label, and what to do?
    assert _problems(
        tmp_path, "title: T\nlabels:\n  selected:\n  cite: [Cite, this]\n  my_talks: ~\n"
    ) == [
        "site.yaml:3: label `selected` is empty; write the words to show (the theme's: "
        "“Selected papers”), or remove the line",
        "site.yaml:4: label `cite` must be one text, not a list; YAML reads `[…]` and `- ` "
        "lines as a list: put the words in quotes",
        "site.yaml:5: label `my_talks` is empty; write the words to show, or remove the line",
    ]


def test_a_bad_label_is_an_error_at_its_line(tmp_path: Path) -> None:
    assert _problems(
        tmp_path,
        "title: T\nlanguage: zh\nlabels:\n  citee: 引用\n  cite:\n    other: 引用\n"
        "  owner_papers: '{nmae}的论文'\n  n_papers:\n    one: '{n} 篇'\n    other: '{n} 篇'\n"
        "  vortraege: 报告\n",
    ) == [
        "site.yaml:4: unknown label `citee` in `labels`; did you mean `cite`?"
        " (the README lists every key under “The theme's words”)",
        "site.yaml:5: label `cite` must be text, not a mapping",
        "site.yaml:7: label `owner_papers` names {nmae}, which the theme does not fill "
        "there; did you mean {name}? (it fills {name})",
        "site.yaml:8: label `n_papers` has a form `one`, which this site's language does "
        "not use; write `other`",
        "site.yaml:11: unknown label `vortraege` in `labels`; words of your own templates "
        "start with `my_` (the README lists every key under “The theme's words”)",
    ]
    assert _problems(tmp_path, "labels: [cite]\n") == [
        "site.yaml:1: `labels` must be a mapping of the theme's words to your own, such as "
        "`  cite: How to cite`"
    ]
    assert _problems(tmp_path, "labels:\n  n_papers:\n    one: '{n} Arbeit'\n") == [
        "site.yaml:2: label `n_papers` needs an `other` form (used for most counts)"
    ]
    # A label named by the words the page shows: the keys that say them, shortest first
    assert _problems(tmp_path, "labels:\n  papers: Publications\n  Copy BibTeX: Copy\n") == [
        "site.yaml:2: unknown label `papers` in `labels`; the words that say “papers”: "
        "`column_papers` (“Papers”), `metric_papers` (“papers”), `n_papers` (“{n} papers”), "
        "`n_papers_heading` (“{n} Papers”) and 12 more (the README lists every key under "
        "“The theme's words”)",
        "site.yaml:3: unknown label `Copy BibTeX` in `labels`; the words that say “Copy "
        "BibTeX”: `copy_bibtex` (“Copy BibTeX”) (the README lists every key under “The "
        "theme's words”)",
    ]


def test_a_bad_label_fails_the_build_with_its_line_and_no_traceback(
    make_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(make_site, "de", "labels:\n  cit: Zitierweise\n")
    out = tmp_path / "out"
    assert main(["build", "--site", str(site), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "site.yaml:6: unknown label `cit` in `labels`; did you mean `cite`?" in err
    assert "Traceback" not in err and not out.exists()


def test_a_label_without_its_placeholder_is_refused_at_its_line(
    make_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`labels: {issue_alone: Heft}` showed "Journal, Heft" for issue 3: the number was
    dropped without a word. Every label the theme fills is refused without its
    placeholders, each at its line, in one run; a form said of one number only (English's
    `one`) may say it in words, Russian's `one` (1, 21, 31, …) may not."""
    site = _site(
        make_site,
        "de",
        "labels:\n  issue_alone: Heft\n  as_of: '(Stand {date})'\n  n_papers:\n"
        "    one: '{n} Arbeit'\n    other: Arbeiten\n  download: '{File} laden'\n",
    )
    out = tmp_path / "out"
    assert main(["build", "--site", str(site), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert (
        "site.yaml:6: label `issue_alone` must contain {n}: without it the page shows no "
        "number; write {n} where the number goes, as English does (“no. {n}”)"
    ) in err
    assert "site.yaml:7: label `as_of` must contain {source}" in err
    assert (
        "site.yaml:8: label `n_papers` must contain {n} in its `other` form: without it "
        "the page shows no number"
    ) in err
    # misspelt, it is said once, as misspelt
    assert "site.yaml:11: label `download` names {File}" in err
    assert "label `download` must contain" not in err
    assert "Traceback" not in err and not out.exists()
    assert (
        _problems(tmp_path, "labels:\n  n_papers:\n    one: One paper\n    other: '{n} papers'\n")
        == []
    )
    assert _problems(
        tmp_path,
        "language: ru\nlabels:\n  n_papers:\n    one: одна работа\n    few: '{n} работы'\n"
        "    many: '{n} работ'\n    other: '{n} работы'\n",
    ) == [
        "site.yaml:3: label `n_papers` must contain {n} in its `one` form: without it the "
        "page shows no number; write {n} where the number goes, as English does "
        "(“{n} papers”)"
    ]


# How "1 paper" and "2 papers" read in each catalogue's language (and 0 where CLDR
# counts it with 1: French and Brazilian Portuguese).
PLURALS = {
    "en": ("1 paper", "2 papers", "0 papers"),
    "de": ("1 Publikation", "2 Publikationen", "0 Publikationen"),
    "fr": ("1 publication", "2 publications", "0 publication"),
    "es": ("1 publicación", "2 publicaciones", "0 publicaciones"),
    "pt": ("1 publicação", "2 publicações", "0 publicação"),
    "pt-PT": ("1 publicação", "2 publicações", "0 publicações"),
    "it": ("1 pubblicazione", "2 pubblicazioni", "0 pubblicazioni"),
    "zh": ("1 篇论文", "2 篇论文", "0 篇论文"),
    "ja": ("論文 1 件", "論文 2 件", "論文 0 件"),
    "ko": ("논문 1편", "논문 2편", "논문 0편"),
    "ru": ("1 публикация", "2 публикации", "0 публикаций"),
}


@pytest.mark.parametrize("language", sorted(PLURALS))
def test_counts_take_each_languages_plural_form(language: str) -> None:
    words = resolve(language)
    assert tuple(words.plural("n_papers", n) for n in (1, 2, 0)) == PLURALS[language]
    assert words.words.n_papers(2) == PLURALS[language][1]  # as the templates call it


def test_russian_counts_take_one_few_and_many() -> None:
    words = resolve("ru")
    counts = {n: words.plural("n_citations", n) for n in (5, 11, 12, 21, 22, 25, 111, 1001)}
    assert counts == {
        5: "5 цитирований",
        11: "11 цитирований",
        12: "12 цитирований",
        21: "21 цитирование",
        22: "22 цитирования",
        25: "25 цитирований",
        111: "111 цитирований",
        1001: "1001 цитирование",
    }


def test_a_placeholder_misspelt_or_miswritten_in_a_label_is_refused_with_the_one_meant(
    tmp_path: Path,
) -> None:
    """`{nme}`, `{File}` and `{ date }` were published as they are (`Get {File}` on every
    paper's page) where only an unknown lower-case name was refused, and then only the
    first of a label's: each is named, with the placeholder meant and those it may use."""
    assert _problems(
        tmp_path,
        "labels:\n  download: Get {File}\n  as_of: 'as of { date } ({sorce}) {source}'\n"
        "  cite: Cite {this}\n  my_hello: Hello {Name}\n",
    ) == [
        "site.yaml:2: label `download` names {File}, which the theme does not fill there; "
        "did you mean {file}? (it fills {file})",
        "site.yaml:3: label `as_of` names { date }, which the theme does not fill there; "
        "did you mean {date}? (it fills {date}, {source})",
        "site.yaml:3: label `as_of` names {sorce}, which the theme does not fill there; "
        "did you mean {source}? (it fills {date}, {source})",
        "site.yaml:4: label `cite` names {this}, which the theme does not fill there "
        "(it fills nothing); to show braces, double them: {{this}}",
    ]


def test_a_template_filling_words_with_a_misspelt_name_is_refused_at_its_line(
    make_site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`fill(nme=…)` for `{name}` left `{name}’s papers` on the page, and a site's own
    word written `{Name}` was never filled: each at its template's line, with the name
    meant, every one in one run, and nothing written."""
    site = _site(
        make_site,
        "en",
        "labels:\n  my_hello: Hello {Name}\n",
        **{
            "templates/paper.html": '{% extends "theme/paper.html" %}\n'
            '{% block title %}{{ words.owner_papers|fill(nme="Ada") }}\n'
            '{{ words.download|fill(fil="a.bib") }}{% endblock %}\n',
            "templates/profile.html": '{% extends "theme/profile.html" %}\n\n'
            '{% block title %}{{ words.my_hello|fill(name="Ada") }}{% endblock %}\n',
        },
    )
    monkeypatch.chdir(site)
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert (
        "templates/paper.html:2: fill(nme=…) leaves {name} unfilled in “{name}’s papers”; "
        "did you mean name=… (not nme=…)? (rendering papers/"
    ) in err
    assert (
        "templates/paper.html:3: fill(fil=…) leaves {file} unfilled in “Download {file}”; "
        "did you mean file=… (not fil=…)? (rendering papers/"
    ) in err  # the same page's second, in the same run
    assert (
        "templates/profile.html:3: “Hello {Name}” writes {Name}, which fill(name=…) does not "
        "fill: a placeholder is written in lower case without spaces, {name} (rendering "
        "index.html)"
    ) in err
    assert "Traceback" not in err
    assert not (site / "output").exists()


def test_every_catalogue_has_every_word_with_the_placeholders_english_fills() -> None:
    def names(entry: object) -> set[str]:
        texts = [entry] if isinstance(entry, str) else list(entry.values())  # type: ignore[attr-defined]
        return {name for text in texts for name in re.findall(r"\{([a-z_]+)\}", text)}

    for code, catalogue in CATALOGUES.items():
        assert catalogue.keys() == EN.keys(), code
        assert code in DATES and len(DATES[code][0]) == 12, code
        assert code in NUMBERS, code
        forms = plural_rule(code)[1]
        for key, entry in catalogue.items():
            english = EN[key]
            assert isinstance(entry, str) == isinstance(english, str), (code, key)
            assert names(entry) <= names(english), (code, key)
            if not isinstance(entry, str):
                assert "other" in entry and set(entry) <= set(forms), (code, key)
                # a counted phrase holds its number; a tile's label has it shown beside it
                assert "{n}" in entry["other"] or key.startswith("metric_"), (code, key)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ("May 27", "Oct 30, 2023", "May 2023", "May")),
        ("de", ("27. Mai", "30. Okt. 2023", "Mai 2023", "Mai")),
        ("fr", ("27 mai", "30 oct. 2023", "mai 2023", "mai")),
        ("es", ("27 may", "30 oct 2023", "may 2023", "may")),
        ("it", ("27 mag", "30 ott 2023", "mag 2023", "mag")),
        ("zh", ("5月27日", "2023年10月30日", "2023年5月", "5月")),
        ("ja", ("5月27日", "2023年10月30日", "2023年5月", "5月")),
        ("ko", ("5월 27일", "2023년 10월 30일", "2023년 5월", "5월")),
        # A day's month is genitive (мая), a month alone nominative (май)
        ("ru", ("27 мая", "30 окт. 2023 г.", "май 2023 г.", "май")),
    ],
)
def test_dates_read_in_the_sites_language(language: str, expected: tuple[str, ...]) -> None:
    build_date = dt.date(2026, 11, 28)
    dates = (
        PartialDate(2026, 5, 27),
        PartialDate(2023, 10, 30),
        PartialDate(2023, 5),
        PartialDate(2026, 5),
    )
    assert tuple(format_date(d, build_date, language) for d in dates) == expected
    assert format_date(PartialDate(2023), build_date, language) == "2023"


def test_a_site_that_changes_its_language_is_rebuilt_in_the_new_one(
    make_site: Site, tmp_path: Path
) -> None:
    # The second build reuses the first's cache (compiled templates, page fingerprints):
    # none of it may keep the English words.
    site = _site(make_site, "en")
    out = tmp_path / "out"
    assert '<h2 id="cite-heading">Cite</h2>' in _built(site, out)["paper"]
    yaml = site / "site.yaml"
    yaml.write_text(yaml.read_text().replace("language: en", "language: fr"), encoding="utf-8")
    pages = _built(site, out)
    assert '<h2 id="cite-heading">Citer</h2>' in pages["paper"]
    assert '<time datetime="2026-05-27">27 mai</time>' in pages["profile"]
    assert "Page introuvable" in pages["404"]


def test_a_word_the_theme_lacks_is_named_at_its_templates_line(
    make_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own_404 = '{% extends "base.html" %}{% block main %}\n<p>{{ words.citee }}</p>{% endblock %}'
    site = _site(make_site, "de", **{"templates/404.html": own_404})
    assert main(["build", "--site", str(site), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "templates/404.html:2:" in err and "citee" in err and "Traceback" not in err


def test_the_readme_lists_every_label_key_with_its_english_words() -> None:
    # A site owner writes `labels:` from this table: a key missing from it cannot be
    # found without reading the code, and a stale one is refused as unknown.
    from generator.catalogue import EN

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("<summary>Every key, with its English words</summary>", 1)[1]
    table = table.split("</details>", 1)[0]
    rows = {
        line.split("|")[1].strip().strip("`"): line
        for line in table.splitlines()
        if line.startswith("| `")
    }
    for key, entry in EN.items():
        assert key in rows, key
        texts = [entry] if isinstance(entry, str) else list(entry.values())
        for text in texts:
            assert f"`{text.replace('|', chr(92) + '|')}`" in rows[key], (key, text)


@pytest.mark.parametrize(
    ("language", "score", "percent"),
    [
        ("en", "56.5", "%"),
        ("de", "56,5", "\u00a0%"),
        ("fr", "56,5", "\u202f%"),
        ("ja", "56.5", "%"),
    ],
)
def test_scores_and_percentages_read_as_the_language_writes_them(
    make_site: Site, tmp_path: Path, language: str, score: str, percent: str
) -> None:
    site = _site(make_site, language)
    for name in ("new", "old"):
        record = site / "content" / "papers" / f"{name}.md"
        record.write_text(
            record.read_text(encoding="utf-8").replace("citations:", "score: 56.5\ncitations:"),
            encoding="utf-8",
        )
    pages = _built(site, tmp_path / "out")
    profile, paper = pages["profile"], pages["paper"]
    novelty = re.search(r'tile-novelty".*?class="value">([^<]*)<', profile, re.DOTALL)
    assert novelty and re.fullmatch(rf"\d+{percent}", novelty.group(1)), novelty
    assert re.search(rf"<dd>\d+{percent} <small", paper)  # the paper's own novelty
    tile = re.search(r'tile-score".*?class="value">([^<]*)<', profile, re.DOTALL)
    assert tile and tile.group(1) == score
    assert re.search(rf'<span class="score"[^>]*>{score}</span>', profile)  # on the card
    assert f"<dd>{score}</dd>" in paper
    assert 'data-score="56.5"' in profile  # what the sorting script reads stays a number


@pytest.mark.parametrize("language", ["zh-TW", "zh-Hant", "zh-HK", "zh-Hant-TW", "zh-yue-HK"])
def test_traditional_chinese_gets_traditional_characters_not_simplified(
    make_site: Site, tmp_path: Path, language: str
) -> None:
    pages = _built(_site(make_site, language), tmp_path / "out")
    profile, paper, cv = pages["profile"], pages["paper"], pages["cv"]
    assert f'<html lang="{language}">' in profile
    assert '<h2 id="papers-heading">2 篇論文</h2>' in profile
    assert '<time datetime="2023-10-30">2023年10月30日</time>' in profile
    assert ">複製 BibTeX</button>" in paper
    assert "<title>Ada Lovelace · 履歷</title>" in cv
    for name, page in pages.items():
        assert ' lang="en"' not in page, name  # nothing stands in for Chinese
        for simplified in ("论文", "简历", "复制", "搜索", "标签"):
            assert simplified not in page, (name, simplified)
    # and simplified Chinese keeps its own
    assert resolve("zh-CN").words.n_papers(2) == "2 篇论文"
    assert resolve("zh-Hans-TW").words.n_papers(2) == "2 篇论文"


@pytest.mark.parametrize(
    ("score", "en", "de"),
    [(77.25, "77.3", "77,3"), (0.15, "0.2", "0,2"), (56.5, "56.5", "56,5"), (57.0, "57", "57"),
     (99.99, "100", "100"), (36.666666666666664, "36.7", "36,7")],
)  # fmt: skip
def test_a_score_rounds_a_half_up_as_it_is_written(score: float, en: str, de: str) -> None:
    """`score: 77.25` showed 77.2: the float's own rounding takes a half to the even digit."""
    assert (resolve("en").number(score), resolve("de").number(score)) == (en, de)


def test_a_pattern_is_checked_for_unfilled_placeholders_once_not_on_every_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """fill() checks what a pattern leaves unfilled: the answer is the same for a pattern
    and the names given, whatever their values, but it was worked out again on each call
    (a paper's page makes several; 10,000 papers, tens of thousands), tripling its cost."""
    reads: list[str] = []
    loose = i18n._LOOSE_PLACEHOLDER

    class Counting:
        def finditer(self, text: str) -> object:
            reads.append(text)
            return loose.finditer(text)

    monkeypatch.setattr(i18n, "_LOOSE_PLACEHOLDER", Counting())
    pattern = "as of {date}, by {source} (checked once)"
    for day in range(1, 29):
        filled = i18n.fill(pattern, date=f"2024-02-{day:02d}", source="Scholar")
        assert filled == f"as of 2024-02-{day:02d}, by Scholar (checked once)"
    assert reads.count(pattern) == 1
    with pytest.raises(jinja2.UndefinedError, match=r"leaves \{source\} unfilled"):
        i18n.fill(pattern, date="2024")  # another set of names: checked, and said


def test_a_label_shows_doubled_braces_as_one_brace(make_site: Site, tmp_path: Path) -> None:
    """A label could not hold a brace around a word: `cite: "Cite {this}"` was refused as
    a placeholder the theme does not fill, and no way of writing it was accepted. As in
    Python's str.format, `{{` and `}}` are a brace each, in plain words, in words with
    placeholders (a count, and a count's words the CV fills with its owner's name too),
    in the words the script shows and in a paper's issue; `{{n}}` is no placeholder."""
    labels = (
        "labels:\n"
        "  cite: 'Cite {{this}}'\n"
        "  download: 'Get {file} {{here}}'\n"
        "  owner_papers: '{{{name}}}’s papers'\n"
        "  n_papers_heading:\n    one: '{n} {{paper}}'\n    other: '{n} {{papers}}'\n"
        "  cv_description:\n    one: 'CV of {who}: {n} {{paper}}'\n"
        "    other: 'CV of {who}: {n} {{papers}}, {{n}} }}{{'\n"
        "  copy_bibtex: 'Copy {{BibTeX}}'\n"
        "  issue_alone: '{{no.}} {n}'\n"
    )
    issue = "---\ntitle: In J\nauthors: [Ada Lovelace]\ndate: 2024\nvenue: J\nissue: 3\n---\n"
    site = _site(make_site, "en", labels, **{"content/papers/j.md": issue})
    pages = _built(site, tmp_path / "out")
    journal = (tmp_path / "out" / "papers" / "j" / "index.html").read_text(encoding="utf-8")
    assert '<dd>J, <span class="locator">{no.} 3</span></dd>' in journal
    assert '<h2 id="cite-heading">Cite {this}</h2>' in pages["paper"]
    assert ">Get cite.bib {here}</a>" in pages["paper"]
    assert "{Ada Lovelace}’s papers</a>" in pages["paper"]
    assert '<h2 id="papers-heading">3 {papers}</h2>' in pages["profile"]
    assert 'content="CV of Ada Lovelace: 3 {papers}, {n} }{">' in pages["cv"]
    assert _script_words(pages["paper"])["copy_bibtex"] == "Copy {BibTeX}"


def test_a_label_s_unknown_placeholder_says_how_to_write_a_brace(tmp_path: Path) -> None:
    """The message named the placeholder, not how to show braces as written."""
    assert _problems(tmp_path, "labels:\n  cite: Cite {this}\n  download: '{{file}}'\n") == [
        "site.yaml:2: label `cite` names {this}, which the theme does not fill there "
        "(it fills nothing); to show braces, double them: {{this}}",
        "site.yaml:3: label `download` must contain {file}: without it the page shows no "
        "file's name; write {file} where the file's name goes, as English does "
        "(“Download {file}”)",
    ]
