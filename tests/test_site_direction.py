"""A site in a right-to-left language: `<html dir="rtl">`, og:locale, and what stays LTR."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build
from generator.check import check_output
from generator.languages import direction, og_locale
from generator.model import Author, Paper, PartialDate
from generator.render import author_names, text_dir
from tests.hostile.harness import parse_html

Site = Callable[[dict[str, str | bytes]], Path]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ENGLISH = """\
---
title: "Reward Models for Dialogue (v2)"
authors: [Layla Haddad, John Smith, Jane Doe]
date: 2024-03-15
category: cs.CL
venue: ACL 2024 (Findings)
score: 91.5
doi: 10.1007/978-3-030-58452-8_1
arxiv_id: "2401.01234"
links: {code: "https://github.com/x/reward"}
---
We study reward models.
"""
ARABIC = """\
---
title: "نماذج اللغة الكبيرة للغة العربية"
authors: [ليلى حداد, John Smith, يوسف كاهن, Jane Doe]
date: 2025-01-02
---
هذه ورقة عن النماذج اللغوية.
"""


def arabic_site(make_site: Site, out: Path, language: str = "ar-EG") -> Path:
    site = make_site(
        {
            "site.yaml": f"title: مختبر\nlanguage: {language}\nbase_url: https://example.org/\n"
            "main_author: layla\nbuild_date: 2026-11-28\n",
            "content/authors/layla.yaml": "name: ليلى حداد\naliases: [Layla Haddad]\n"
            "field: AI & <Safety>\nemail: layla@example.org\n"
            "links: {homepage: 'https://example.com/~layla'}\n",
            "content/papers/reward.md": ENGLISH,
            "content/papers/arabic.md": ARABIC,
        }
    )
    build(site, out)
    return out


def html_attrs(path: Path) -> dict[str, str | None]:
    for tag, attrs in parse_html(path.read_text(encoding="utf-8")).elements:
        if tag == "html":
            return dict(attrs)
    raise AssertionError(f"no <html> in {path}")


def og(path: Path, prop: str) -> list[str | None]:
    return [
        dict(attrs).get("content")
        for tag, attrs in parse_html(path.read_text(encoding="utf-8")).elements
        if tag == "meta" and dict(attrs).get("property") == prop
    ]


@pytest.mark.parametrize(
    "tag",
    ["ar", "AR", "ar-EG", "fa-IR", "he", "iw", "ur-PK", "ps", "sd", "ug", "yi", "dv", "ckb",
     "ar-arz", "az-Arab", "pa-Arab", "ku-Arab-IQ", "ms-Arab", "ff-Adlm", "en-Hebr"],
)  # fmt: skip
def test_right_to_left_languages_and_scripts(tag: str) -> None:
    assert direction(tag) == "rtl"


@pytest.mark.parametrize(
    "tag",
    ["en", "en-US", "az", "az-Latn", "pa", "ku", "sd-Deva", "ar-Latn", "zh-Hant-TW", "x-ar",
     "i-klingon", "en-gb-oed", "de-CH-1996", 'ar"><script>'],
)  # fmt: skip
def test_left_to_right_languages_and_scripts(tag: str) -> None:
    assert direction(tag) == "ltr"


@pytest.mark.parametrize(
    ("tag", "locale"),
    [("ar-EG", "ar_EG"), ("en-us", "en_US"), ("zh-Hant-TW", "zh_TW"), ("sr-Latn-RS", "sr_RS"),
     ("iw-IL", "he_IL"), ("de-CH-1996", "de_CH"), ("zh-yue-HK", "yue_HK"),
     ("en-GB-x-oxford", "en_GB"),
     # No territory: none is invented (the protocol's default, en_US, would then apply)
     ("en", None), ("ar", None), ("fa-Arab", None), ("es-419", None), ("x-en-us", None),
     ("en-gb-oed", None),
     # Not a tag (config refuses it): nothing of it reaches an attribute
     ('en-US"><script>', None), ("ar-EG x", None)],
)  # fmt: skip
def test_og_locale_is_language_underscore_territory_or_nothing(
    tag: str, locale: str | None
) -> None:
    assert og_locale(tag) == locale


def test_an_arabic_site_is_right_to_left_on_every_page_and_its_feed_says_arabic(
    make_site: Site, tmp_path: Path
) -> None:
    out = arabic_site(make_site, tmp_path / "out")
    pages = sorted(out.rglob("*.html"))
    assert {p.relative_to(out).as_posix() for p in pages} >= {
        "index.html", "404.html", "cv/index.html", "authors/index.html",
        "papers/reward/index.html", "papers/arabic/index.html",
    }  # fmt: skip
    for page in pages:
        attrs = html_attrs(page)
        assert (attrs.get("lang"), attrs.get("dir")) == ("ar-EG", "rtl"), page
        assert og(page, "og:locale") == ["ar_EG"], page
    assert ET.parse(out / "feed.xml").getroot().get(XML_LANG) == "ar-EG"
    # And the site checks out: links, feeds, the HTML the marks went into.
    assert check_output(out, "https://example.org/").startswith(f"{len(pages)} pages")


def test_english_records_on_an_arabic_site_read_left_to_right_and_arabic_ones_need_nothing(
    make_site: Site, tmp_path: Path
) -> None:
    out = arabic_site(make_site, tmp_path / "out")
    profile = (out / "index.html").read_text(encoding="utf-8")
    english = profile[profile.index('id="paper-reward"') :]
    english = english[: english.index("</article>")]
    arabic = profile[profile.index('id="paper-arabic"') :]
    arabic = arabic[: arabic.index("</article>")]
    # The English paper's title, names and abstract: a left-to-right block each.
    assert '<h3 class="title" dir="ltr">' in english
    assert '<p class="authors" dir="ltr"><strong>Layla Haddad</strong>, John Smith' in english
    assert '<div class="abstract" dir="ltr">' in english
    # The Arabic paper goes the page's way; its Latin name is isolated in the list, so
    # the names keep their order, and so is "et al." (else drawn ".et al").
    assert '<h3 class="title">' in arabic and '<div class="abstract">' in arabic
    assert (
        '<p class="authors"><strong>ليلى حداد</strong>, <bdi>John Smith</bdi>, يوسف كاهن'
        " <bdi>et al.</bdi></p>" in arabic
    )
    # The header's own text ("AI & <Safety>" would show its ">" at the wrong end).
    assert '<p class="field"><bdi>AI &amp; &lt;Safety&gt;</bdi></p>' in profile
    assert '<h1 id="author-name">ليلى حداد</h1>' in profile
    # A venue or a co-author's name keeps its closing bracket at its end.
    assert '<span class="venue"><bdi>ACL 2024 (Findings)</bdi></span>' in english
    assert (
        '<li><span><bdi>John Smith</bdi></span> <span class="n" title="2 papers" lang="en">'
        in profile
    )


def test_identifiers_addresses_and_bibtex_stay_left_to_right_on_an_arabic_site(
    make_site: Site, tmp_path: Path
) -> None:
    out = arabic_site(make_site, tmp_path / "out")
    page = (out / "papers" / "reward" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://doi.org/10.1007/978-3-030-58452-8_1" dir="ltr">' in page
    assert 'href="https://arxiv.org/abs/2401.01234" dir="ltr">' in page
    assert '<pre class="bibtex" id="bibtex" dir="ltr">' in page
    # "Back" points the way the page reads. (The theme speaks no Arabic: its English
    # words are marked as English, the name in them as the page's language.)
    assert re.search(
        r'<p class="back"><a href="[^"]*">→ <span lang="en"><span lang="ar-EG">ليلى حداد</span>'
        r"’s papers</span></a>",
        page,
    )
    cv = (out / "cv" / "index.html").read_text(encoding="utf-8")
    assert '<a href="mailto:layla@example.org" dir="ltr">layla@example.org</a>' in cv
    assert 'rel="me noopener" dir="ltr">https://example.com/~layla</a>' in cv
    assert '<span dir="ltr">doi:10.1007/978-3-030-58452-8_1</span>.' in cv
    assert '<span dir="ltr">arXiv:2401.01234</span>.' in cv
    # An English entry of the CV is one left-to-right reference; an Arabic one is not.
    english = (
        '<li><span dir="ltr">\n        <span class="cv-authors"><strong>Layla Haddad</strong>,'
    )
    assert english in cv
    arabic = '<li>\n        <span class="cv-authors"><strong>ليلى حداد</strong>, <bdi>John Smith'
    assert arabic in cv


def test_a_left_to_right_site_gains_no_dir_and_a_bare_language_no_locale(
    make_site: Site, tmp_path: Path
) -> None:
    site = make_site(
        {
            "site.yaml": "title: Lab\nlanguage: en\nmain_author: layla\nbuild_date: 2026-11-28\n",
            "content/authors/layla.yaml": "name: Layla Haddad\nemail: layla@example.org\n",
            "content/papers/reward.md": ENGLISH,
        }
    )
    build(site, tmp_path / "out")
    for page in (tmp_path / "out").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert html_attrs(page).get("dir") is None, page
        assert 'dir="ltr"' not in text and "<bdi>" not in text, page
        assert og(page, "og:locale") == [], page  # `en` says no country: en_US is not ours


def test_a_language_with_a_country_gives_its_og_locale(make_site: Site, tmp_path: Path) -> None:
    site = make_site(
        {
            "site.yaml": "title: Lab\nlanguage: en-GB\nmain_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
        }
    )
    build(site, tmp_path / "out")
    assert og(tmp_path / "out" / "index.html", "og:locale") == ["en_GB"]
    assert html_attrs(tmp_path / "out" / "index.html").get("dir") is None


@pytest.mark.parametrize(
    ("text", "page", "attribute"),
    [("Deep learning", "rtl", ' dir="ltr"'), ("مقدمة", "rtl", ""), ("2024: مقدمة", "ltr", ' dir="rtl"'),
     ("2024", "rtl", ""), ("$x$ في", "rtl", ' dir="ltr"')],
)  # fmt: skip
def test_text_is_marked_where_it_runs_against_the_page(
    text: str, page: str, attribute: str
) -> None:
    assert text_dir(text, page) == attribute


def test_in_a_right_to_left_list_latin_names_are_isolated() -> None:
    paper = Paper(
        slug="p",
        source="p.md",
        title="T",
        date=PartialDate(2024),
        authors=("Ann Lee", "ليلى حداد", "Bob <Ng>", "2024"),
    )
    me = Author(slug="a", source="a.yaml", name="Ann Lee")
    assert author_names(paper, [me], rtl=True) == (
        "<strong><bdi>Ann Lee</bdi></strong>, ليلى حداد, <bdi>Bob &lt;Ng&gt;</bdi>, 2024"
    )
    # Left to right, as before: the Arabic name is the isolated one.
    assert author_names(paper, [me]) == (
        "<strong>Ann Lee</strong>, <bdi>ليلى حداد</bdi>, Bob &lt;Ng&gt;, 2024"
    )


FIXTURE = Path(__file__).parent / "fixtures" / "rtl-site"


def test_the_arabic_fixture_site_builds_and_checks_out(tmp_path: Path) -> None:
    """tests/fixtures/rtl-site, which `make audit AUDIT_ARGS="--site …"` audits."""
    site = Path(shutil.copytree(FIXTURE, tmp_path / "site"))
    out = tmp_path / "out"
    build(site, out)
    pages = sorted(out.rglob("*.html"))
    assert check_output(out, "/").startswith(f"{len(pages)} pages")
    assert all(html_attrs(page).get("dir") == "rtl" for page in pages)
    english = (out / "papers" / "reward-models" / "index.html").read_text(encoding="utf-8")
    assert '<h1 dir="ltr" lang="en">' in english
    persian = (out / "papers" / "persian-benchmark" / "index.html").read_text(encoding="utf-8")
    assert '<h1 lang="fa">' in persian  # right to left like the page: only its language
