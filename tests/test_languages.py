"""A paper's own language (WCAG 2.1, 3.1.2): marked on its own text, kept by the importers."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build
from generator.cli import main
from generator.errors import ContentError
from generator.languages import language_tag
from tests.hostile.harness import parse_html
from tests.ingest_support import FIXTURES, new_site, read_papers, snapshot

BASE = "https://example.org/ada/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM = "{http://www.w3.org/2005/Atom}"
CHINESE = """\
---
title: 面向人类偏好的大语言模型对齐综述
authors: [Ada Lovelace, 李华]
date: 2024-03-15
language: zh-Hans
featured: true
---
本文综述了大语言模型与人类偏好对齐的研究进展。
"""
ENGLISH = """\
---
title: Reward Models for Dialogue
authors: [Ada Lovelace]
date: 2023-01-02
---
An abstract in the site's language.
"""
Site = Callable[[dict[str, str | bytes]], Path]


def built(make_site: Site, out: Path, papers: dict[str, str]) -> Path:
    site = make_site(
        {
            "site.yaml": f"title: Ada\nbase_url: {BASE}\nmain_author: ada\nbuild_date: 2026-11-28\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            **{f"content/papers/{slug}.md": text for slug, text in papers.items()},
        }
    )
    build(site, out)
    return out


def langs(path: Path) -> dict[str, str | None]:
    """Each element's ``lang`` by its tag and class (``h1``, ``div.abstract``, ``a.cv-title``)."""
    found: dict[str, str | None] = {}
    for tag, attrs in parse_html(path.read_text(encoding="utf-8")).elements:
        a = dict(attrs)
        key = f"{tag}.{a['class'].split()[0]}" if a.get("class") else tag
        found.setdefault(key, a.get("lang"))
    return found


def meta(path: Path, name: str) -> str | None:
    for tag, attrs in parse_html(path.read_text(encoding="utf-8")).elements:
        a = dict(attrs)
        if tag == "meta" and a.get("name") == name:
            return a.get("content")
    return None


def json_ld(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    start = text.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(text[start : text.index("</script>", start)])
    assert isinstance(data, dict)
    return data


def test_a_tag_in_any_case_is_published_in_its_usual_case(make_site: Site, tmp_path: Path) -> None:
    """`language: EN-gb` and a paper's `ZH-hant-tw` were published as written (`lang="EN-gb"`
    in every page and feed): tags ignore case, so the build writes RFC 5646's, silently."""
    site = make_site(
        {
            "site.yaml": f"title: Ada\nbase_url: {BASE}\nmain_author: ada\n"
            "build_date: 2026-11-28\nlanguage: EN-gb\n",
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/papers/survey.md": CHINESE.replace("zh-Hans", "ZH-hant-tw"),
            "content/papers/dialogue.md": ENGLISH,
        }
    )
    out = tmp_path / "out"
    build(site, out)
    page = out / "papers" / "survey" / "index.html"
    assert langs(page)["html"] == "en-GB" and langs(page)["h1"] == "zh-Hant-TW"
    assert meta(page, "citation_language") == "zh-Hant-TW"
    assert json_ld(page)["inLanguage"] == "zh-Hant-TW"
    assert langs(out / "papers" / "dialogue" / "index.html")["h1"] is None  # en-GB's own
    root = ET.parse(out / "feed.xml").getroot()
    assert root.get(XML_LANG) == "en-GB"
    titles = {e.findtext(f"{ATOM}title"): e for e in root.iter(f"{ATOM}entry")}
    assert titles["面向人类偏好的大语言模型对齐综述"].find(f"{ATOM}title").get(XML_LANG) == (  # type: ignore[union-attr]
        "zh-Hant-TW"
    )
    every = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file())
    assert "EN-gb" not in every and "ZH-hant" not in every


def test_a_chinese_paper_on_an_english_site_is_marked_where_its_text_is(
    make_site: Site, tmp_path: Path
) -> None:
    out = built(make_site, tmp_path / "out", {"survey": CHINESE, "dialogue": ENGLISH})
    page = out / "papers" / "survey" / "index.html"
    on_page = langs(page)
    # The page's chrome stays English; the title and abstract are read in Chinese.
    assert on_page["html"] == "en"
    assert on_page["h1"] == "zh-Hans" and on_page["div.abstract"] == "zh-Hans"
    assert on_page["h2"] is None and on_page["p.authors"] is None
    assert meta(page, "citation_language") == "zh-Hans"
    assert json_ld(page)["inLanguage"] == "zh-Hans"
    profile = (out / "index.html").read_text(encoding="utf-8")
    card = profile[
        profile.index('id="paper-survey"') : profile.index(
            "</article>", profile.index('id="paper-survey"')
        )
    ]
    assert '<h3 class="title" lang="zh-Hans">' in card
    assert '<div class="abstract" lang="zh-Hans">' in card
    assert '<a href="#paper-survey" lang="zh-Hans">' in profile  # the featured list
    cv = (out / "cv" / "index.html").read_text(encoding="utf-8")
    assert 'class="cv-title" href="../papers/survey/" lang="zh-Hans">' in cv
    for feed in ("feed.xml", "authors/ada/feed.xml"):
        root = ET.parse(out / feed).getroot()
        assert root.get(XML_LANG) == "en"
        entries = {e.findtext(f"{ATOM}title"): e for e in root.iter(f"{ATOM}entry")}
        chinese = entries["面向人类偏好的大语言模型对齐综述"]
        assert chinese.find(f"{ATOM}title").get(XML_LANG) == "zh-Hans"  # type: ignore[union-attr]
        assert chinese.find(f"{ATOM}summary").get(XML_LANG) == "zh-Hans"  # type: ignore[union-attr]
        english = entries["Reward Models for Dialogue"]
        assert english.find(f"{ATOM}title").get(XML_LANG) is None  # type: ignore[union-attr]
    # The English paper beside it is not marked at all.
    other = out / "papers" / "dialogue" / "index.html"
    assert langs(other)["h1"] is None and langs(other)["div.abstract"] is None
    assert meta(other, "citation_language") == "en"
    assert "inLanguage" not in json_ld(other)


def test_a_paper_in_the_sites_language_written_in_capitals_changes_no_byte(
    make_site: Site, tmp_path: Path
) -> None:
    plain = built(make_site, tmp_path / "plain", {"dialogue": ENGLISH})
    marked = built(
        make_site,
        tmp_path / "marked",
        {"dialogue": ENGLISH.replace("date:", "language: EN\ndate:")},
    )
    pages = sorted(p.relative_to(plain) for p in plain.rglob("*") if p.suffix in (".html", ".xml"))
    assert pages
    for rel in pages:
        assert (marked / rel).read_bytes() == (plain / rel).read_bytes(), rel


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("zh_CN", "write `zh-CN` (a tag's parts are joined by hyphens)"),
        ("Chinese", "write `zh`"),
        ("ngerman", "write `de`"),
        ("'<b>'", "write the code of the paper's language, such as `en`, `en-GB` or `zh-Hant`"),
    ],
)
def test_a_language_that_is_no_tag_is_a_located_error(
    make_site: Site, tmp_path: Path, value: str, hint: str
) -> None:
    site = make_site(
        {
            "content/authors/ada.yaml": "name: Ada Lovelace\n",
            "content/papers/survey.md": CHINESE.replace("language: zh-Hans", f"language: {value}"),
        }
    )
    with pytest.raises(ContentError) as caught:
        build(site, tmp_path / "out")
    shown = str(value).strip("'")
    assert str(caught.value).splitlines() == [
        f"content/papers/survey.md:5: `language` {shown!r} is not a language tag (BCP 47); {hint}"
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("given", "tag"),
    [
        ("zh_CN", "zh-CN"),  # a locale, as Zotero users type it
        ("zh-cn", "zh-CN"),  # as langdetect (and so OpenAlex's older records) writes it
        ("sr-latn-rs", "sr-Latn-RS"),
        ("ENGLISH", "en"),
        ("eng", "en"),  # a library catalogue's code
        ("nswissgerman", "de-CH"),
        ("en-x-Medieval", "en-x-Medieval"),  # private use is kept as written
        ("", None),
        ("english and french", None),
        ("jp", "ja"),  # a country's code, as some catalogues write the language
        ("xq", None),  # no language: the site's own is better than a tag nobody reads
        ("en-UK", None),
    ],
)
def test_an_imported_language_becomes_the_tag_a_browser_knows(given: str, tag: str | None) -> None:
    assert language_tag(given) == tag


def imported(site: Path) -> dict[str, str | None]:
    return {str(data["title"]): data.get("language") for _, data, _ in read_papers(site)}


def test_bibtex_langid_and_language_become_tags_and_unknown_names_are_left_out(
    tmp_path: Path,
) -> None:
    site = new_site(tmp_path / "site")
    bib = FIXTURES / "bibtex" / "languages.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    assert imported(site) == {
        "Über die Stabilität neuronaler Netze unter Verteilungsverschiebung": "de",
        "Aprendizado por reforço com preferências humanas": "pt-BR",
        "大規模言語モデルの評価手法": "ja",
        "面向人类偏好的大语言模型对齐综述": "zh-CN",
        "Reward Models for Dialogue": "en-US",  # langid, the entry's own, wins
        "A Bilingual Corpus of Parliamentary Debates": None,  # two languages: neither
        "tlhIngan Hol Dajatlh'a'": None,  # a name we do not know: not guessed
    }
    out = tmp_path / "out"
    build(site, out)  # the imported tags build, and mark what they should (site: en)
    marked = [langs(page)["h1"] for page in (out / "papers").glob("*/index.html")]
    assert sorted(tag for tag in marked if tag) == ["de", "en-US", "ja", "pt-BR", "zh-CN"]


def test_openalex_language_is_kept_and_a_hand_written_one_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path / "site")
    works = FIXTURES / "openalex" / "languages.json"
    assert main(["import", "openalex", str(works), "--site", str(site)]) == 0
    assert imported(site) == {
        "面向人类偏好的大语言模型对齐综述": "zh",
        "大規模言語モデルの評価手法": "ja",
        "Safe RLHF: Safe Reinforcement Learning from Human Feedback": "en",
        "Δ-CLIP": None,  # OpenAlex had too few words to tell
    }
    # A researcher narrows one and corrects another by hand; the next import keeps both.
    paths = {str(data["title"]): path for path, data, _ in read_papers(site)}
    survey, review = paths["面向人类偏好的大语言模型对齐综述"], paths["大規模言語モデルの評価手法"]
    survey.write_text(
        survey.read_text(encoding="utf-8").replace("language: zh", "language: zh-Hans"),
        encoding="utf-8",
    )
    review.write_text(
        review.read_text(encoding="utf-8").replace("language: ja", "language: ko"),
        encoding="utf-8",
    )
    before = snapshot(site)
    capsys.readouterr()
    assert main(["import", "openalex", str(works), "--site", str(site)]) == 0
    assert snapshot(site) == before
    said = capsys.readouterr().out
    assert "language: keeps 'ko'; the import has 'ja'" in said
    assert "'zh-Hans'" not in said  # zh-Hans is a kind of zh: no conflict to report
