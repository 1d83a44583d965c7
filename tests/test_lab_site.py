"""A lab manager's site (trial5): a German group site on a project path, its papers from
the lab's Zotero library (Better BibLaTeX), arXiv answers and the members' exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES, built_page, new_site, records_by_title, run_import

LAB = FIXTURES / "labsite"
RIVERS = "Graph Neural Operators for River Network Forecasting"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Katharina Böhm")


def test_zoteros_archive_alone_is_no_category_and_arxiv_gives_it(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Better BibLaTeX writes what Zotero keeps of a new preprint's class, its archive
    (`eprintclass = {cs}`): the card showed `cs`, and the arXiv answer's `cs.LG` was a
    conflict at every import of the students' preprints."""
    assert run_import(site, "bibtex", LAB / "zotero-lab.bib") == 0
    assert "category" not in records_by_title(site)[RIVERS]
    capsys.readouterr()
    assert run_import(site, "arxiv", LAB / "arxiv-students.xml") == 0
    assert "conflict  category" not in capsys.readouterr().out
    assert records_by_title(site)[RIVERS]["category"] == "cs.LG"


def german_site(site: Path, *lines: str) -> None:
    """``site.yaml`` of a German group's site under a project path, with ``lines``."""
    config = site / "site.yaml"
    text = config.read_text(encoding="utf-8").replace("language: en\n", "language: de\n")
    text = text.replace("base_url: /\n", "base_url: https://lab.github.io/group-site/\n")
    config.write_text(text + "".join(f"{line}\n" for line in lines), encoding="utf-8")


def test_a_german_groups_papers_in_english_say_so_to_scholar_and_screen_readers(
    site: Path,
) -> None:
    """arXiv's answers name no language, and a paper without one was taken to be in the
    pages' language: on a German group's site every preprint told Google Scholar
    `citation_language` de, and screen readers read its English title in a German voice.
    `paper_language: en` says what the records leave unsaid; a record's own stays."""
    german_site(site, "paper_language: en")
    assert run_import(site, "arxiv", LAB / "arxiv-students.xml") == 0
    (site / "content" / "papers" / "german.md").write_text(
        "---\ntitle: Unsicherheit in Pegelvorhersagen\nauthors: [Katharina Böhm]\n"
        "date: 2022-09-27\nlanguage: de\n---\n",
        encoding="utf-8",
    )
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(
        site, "Conformal Prediction Intervals for Flood Forecasts under Distribution Shift"
    )
    assert '<meta name="citation_language" content="en">' in page
    assert '"inLanguage": "en"' in page and '<h1 lang="en">' in page
    profile = (site / "output" / "authors" / "katharina-bohm" / "index.html").read_text("utf-8")
    assert '<h3 class="title" lang="en"><a href="../../papers/conformal-prediction' in profile
    feed = (site / "output" / "feed.xml").read_text(encoding="utf-8")
    assert '<title type="text" xml:lang="en">Conformal Prediction' in feed
    german = built_page(site, "Unsicherheit in Pegelvorhersagen")
    assert '<meta name="citation_language" content="de">' in german
    assert "<h1>" in german  # the pages' own language: nothing to mark


def test_a_chinese_title_with_one_latin_word_is_not_named_by_that_word(site: Path) -> None:
    """`基于Transformer的短时强降水临近预报方法` (a postdoc's paper in 气象学报) was named
    `transformer.md`, at `papers/transformer/`: the address of any paper on transformers.
    It is named as a title with no Latin letters is, here by its DOI."""
    assert run_import(site, "bibtex", LAB / "zotero-lab.bib") == 0
    papers = site / "content" / "papers"
    assert not (papers / "transformer.md").exists()
    named = (papers / "doi-10-11676-qxxb2023-20220147.md").read_text(encoding="utf-8")
    assert "title: 基于Transformer的短时强降水临近预报方法" in named
    rivers = "graph-neural-operators-for-river-network-forecasting.md"
    assert (papers / rivers).exists()  # a Latin title keeps its words


def test_a_profiles_frequent_coauthors_on_the_site_link_to_their_profiles(site: Path) -> None:
    """On a group's site the PI's "frequent co-authors" are the group: each was plain
    text, while the same names on the cards link to the members' profiles. A co-author
    who is no member (张伟) stays text."""
    authors = site / "content" / "authors"
    for slug, record in {
        "fang-wang": "name: 王芳\naliases: [Fang Wang]\n",
        "sarah-okafor": "name: Sarah Okafor\naliases: [Sarah Klein]\n",
        "lukas-hoffmann": "name: Lukas Hoffmann\n",
    }.items():
        (authors / f"{slug}.yaml").write_text(record, encoding="utf-8")
    assert run_import(site, "bibtex", "--named-only", LAB / "zotero-lab.bib") == 0
    assert main(["build", "--site", str(site)]) == 0
    out = site / "output" / "authors"
    pi = (out / "katharina-bohm" / "index.html").read_text(encoding="utf-8")
    frequent = pi.split('<div class="coauthors">', 1)[1].split("</div>", 1)[0]
    assert '<a class="member" href="../../authors/sarah-okafor/">Sarah Okafor</a>' in frequent
    assert '<a class="member" href="../../authors/lukas-hoffmann/">Lukas Hoffmann</a>' in frequent
    fang = (out / "fang-wang" / "index.html").read_text(encoding="utf-8")
    frequent = fang.split('<div class="coauthors">', 1)[1].split("</div>", 1)[0]
    assert "<span>张伟</span>" in frequent
    assert '<a class="member" href="../../authors/lukas-hoffmann/">Lukas Hoffmann</a>' in frequent
    # init's main author (the PI), whose profile is the site's root
    assert '<a class="member" href="../../">Katharina Böhm</a>' in frequent


GMD = "Probabilistic Downscaling of Precipitation with Score-Based Diffusion Models"


def test_a_preprints_arxiv_doi_is_not_its_journal_versions(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """dblp's CoRR entry of a preprint gives arXiv's DOI (`10.48550/ARXIV.2309.14521`);
    imported in one run with Google Scholar's entry of the journal version, which has no
    DOI, the journal paper's record took the preprint's DOI (its page told Scholar so),
    and beside the Zotero record's real DOI it was a conflict at every import."""
    files = (LAB / "dblp-bohm.bib", LAB / "scholar-mueller.bib")
    assert run_import(site, "bibtex", *files) == 0
    gmd = records_by_title(site)[
        "Probabilistic downscaling of precipitation with score-based diffusion models"
    ]
    assert "doi" not in gmd and gmd["arxiv_id"] == "2309.14521"
    assert gmd["venue"] == "Geoscientific Model Development"
    for path in (site / "content" / "papers").glob("*.md"):
        path.unlink()
    assert run_import(site, "bibtex", LAB / "zotero-lab.bib") == 0
    capsys.readouterr()
    assert run_import(site, "bibtex", *files) == 0
    assert "conflict  doi" not in capsys.readouterr().out
    assert records_by_title(site)[GMD]["doi"] == "10.5194/gmd-17-2011-2024"


def test_cite_bib_from_zoteros_biblatex_gives_bibtex_its_year_and_journal(site: Path) -> None:
    """Better BibLaTeX writes `date` and `journaltitle`, which BibTeX's styles do not read:
    the cite.bib a visitor copied into a paper made with natbib had no year and no
    journal. biblatex's fields stay as the library wrote them."""
    assert run_import(site, "bibtex", LAB / "zotero-lab.bib") == 0
    assert main(["build", "--site", str(site)]) == 0
    slug = "probabilistic-downscaling-of-precipitation-with-score-based"
    cite = (site / "output" / "papers" / slug / "cite.bib").read_text(encoding="utf-8")
    assert "  date = {2024-03-14},\n" in cite and "  journaltitle = {Geoscientific" in cite
    assert cite.endswith("  year = {2024},\n  journal = {Geoscientific Model Development},\n}\n")
    page = (site / "output" / "papers" / slug / "index.html").read_text(encoding="utf-8")
    assert "year = {2024}," in page  # the Copy BibTeX text
    german = "unsicherheitsquantifizierung-fur-hydrologische-vorhersagen"
    cite = (site / "output" / "papers" / german / "cite.bib").read_text(encoding="utf-8")
    assert cite.count("year = {2022}") == 1 and "journal = {at - Automatisierungstechnik}" in cite
