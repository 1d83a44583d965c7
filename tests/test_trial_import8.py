"""An eighth trial of the importers, on files real tools exported that the earlier trials
had not held: NASA ADS's export of other kinds than journal articles (theses, software,
meeting talks), software cited as READMEs give it, al-folio's award, italics in BibTeX
titles, Hugo Blox's CSL `article` (a preprint) and its starters' sample project, meeting
abstracts' numbers as pages (AGU, AAS), and names in Chinese characters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.locators import Pages, read_pages
from tests.ingest_support import FIXTURES, new_site
from tests.ingest_support import built_page as _page
from tests.ingest_support import records_by_title as records
from tests.ingest_support import run_import as _import

TRIAL = FIXTURES / "trial8"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Ann Lee")


# --- 1. NASA ADS: entries with no DOI, and HTML entities in a venue ---------------------


def test_ads_html_entities_in_a_venue_are_characters(site: Path) -> None:
    """ADS writes a meeting's name with HTML's entities (`Instituto de Astrof&iacute;sica
    de Canarias`), as it writes abstracts: the page showed "Astrof&iacute;sica"."""
    assert _import(site, "bibtex", TRIAL / "ads-doctypes.bib") == 0
    talk = records(site)["Living on the edge: Adaptive Optics+Lucky Imaging"]
    assert talk["venue"] == (
        "IAC Talks, Astronomy and Astrophysics Seminars from the Instituto de Astrofísica"
        " de Canarias, 872"
    )
    assert "&iacute;" in talk["bibtex"]  # cite.bib keeps the entry as ADS wrote it
    assert main(["build", "--site", str(site)]) == 0
    page = _page(site, "Living on the edge: Adaptive Optics+Lucky Imaging")
    assert "Astrofísica de Canarias" in page
    assert page.count("iacute") == 1  # the BibTeX shown, as cite.bib serves it


def test_ads_page_is_the_paper_link_of_an_entry_with_no_other(site: Path) -> None:
    """A thesis, a talk and software in the ASCL have no DOI in ADS's export: their one
    address, `adsurl` (ADS's page of the entry, which links the full text), was left out,
    and their pages linked nothing. A paper with a DOI keeps the DOI's link alone."""
    assert _import(site, "bibtex", TRIAL / "ads-doctypes.bib") == 0
    found = records(site)
    thesis = found["Resolving Gas-Phase Metallicity In Galaxies"]
    assert thesis["links"] == {"paper": "https://ui.adsabs.harvard.edu/abs/2017PhDT........14C"}
    software = found["sick: Spectroscopic inference crank"]
    assert software["links"]["paper"] == "https://ui.adsabs.harvard.edu/abs/2017ascl.soft06009C"
    article = found[
        "A Microwave Free-Space Method Using Artificial Lens with Anti-reflection Layer"
    ]
    assert article["doi"] == "10.1007/s11220-017-0166-7" and "links" not in article


# --- 2. A repository cited as READMEs give it -----------------------------------------


def test_a_github_repository_cited_as_readmes_do_links_its_code(site: Path) -> None:
    """`journal = {GitHub repository}`, then `howpublished = {\\url{https://github.com/…}}`:
    the journal was taken as the venue and the address after it never read, so the
    software's card linked nothing, not even its code."""
    assert _import(site, "bibtex", TRIAL / "github-repository.bib") == 0
    found = records(site)
    alpaca = found["Stanford Alpaca: An Instruction-following LLaMA model"]
    assert alpaca["links"] == {"code": "https://github.com/tatsu-lab/stanford_alpaca"}
    assert alpaca["venue"] == "GitHub repository"
    mask = found[
        "Mask R-CNN for object detection and instance segmentation on Keras and TensorFlow"
    ]
    assert mask["links"]["code"] == "https://github.com/matterport/Mask_RCNN"


# --- 3. al-folio's award --------------------------------------------------------------


def test_al_folios_award_is_the_papers_note(site: Path) -> None:
    """al-folio draws an award's button (`award_name`) and, pressed, its text (`award`,
    Markdown), as its own sample paper shows the Nobel Prize: both were left out with
    al-folio's other page fields, and the paper lost its award without a word."""
    bib = FIXTURES / "bibtex" / "al-folio-papers.bib"  # alshedivat/al-folio's sample
    assert _import(site, "bibtex", bib) == 0
    photo = next(p for t, p in records(site).items() if t.startswith("Über einen"))
    assert photo["note"] == (
        "Albert Einstein receveid the Nobel Prize in Physics 1921 for his services to"
        " Theoretical Physics, and especially for his discovery of the law of the"
        " photoelectric effect"
    )
    assert "award" not in str(photo["bibtex"])  # al-folio's field, still not in cite.bib


def test_an_award_al_folio_forks_flag_true_is_its_name(site: Path) -> None:
    """Forks of al-folio write `award = {true}` and the award in `award_name` (as their
    READMEs say to); a paper's own note comes first."""
    bib = site / "papers.bib"
    bib.write_text(
        "@inproceedings{example2024,\n  title={Example Paper Title},\n"
        "  author={Author, First and Author, Second},\n  booktitle={Conference Name},\n"
        "  year={2024},\n  note={Oral presentation},\n  award={true},\n"
        "  award_name={BEST PAPER HONORABLE MENTION},\n  selected={true}\n}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", bib) == 0
    paper = records(site)["Example Paper Title"]
    assert paper["note"] == "Oral presentation; BEST PAPER HONORABLE MENTION"


# --- 4. Italics in a BibTeX title ------------------------------------------------------


def test_italics_in_a_bibtex_title_stay_italics(site: Path) -> None:
    """`\\textit{pyVPRM}`, `\\emph{…}`, `{\\em Escherichia coli}`: a tool's or a species'
    name in italics, as the paper prints it. The title lost them (Crossref's `<i>` in
    doi.org's BibTeX kept them); math is left as written."""
    assert _import(site, "bibtex", TRIAL / "italic-titles.bib") == 0
    titles = set(records(site))
    assert (
        "*pyVPRM*: a next-generation vegetation photosynthesis and respiration model for the"
        " post-MODIS era" in titles
    )
    assert "*Adaptive*: parallel active learning of mathematical functions" in titles
    assert "Growth of *Escherichia coli* at $\\textit{T} > 300$ K" in titles
    assert main(["build", "--site", str(site)]) == 0
    page = _page(site, "*Adaptive*: parallel active learning of mathematical functions")
    assert "<em>Adaptive</em>: parallel active learning" in page


def test_a_title_with_italics_keeps_its_angle_brackets_and_stars(
    site: Path, tmp_path: Path
) -> None:
    """A title's italics were HTML's `<i>`, which sent the whole title through the reading
    of Crossref's HTML: its `<int>` and `<T>` were taken for tags and dropped. A star of
    the title (`A* search`, `D*Lite`) paired with the italics' own, or with another:
    `*A* search*` set A alone in italics. Italics that touch are one."""
    bib = tmp_path / "stars.bib"
    bib.write_text(
        "@article{a, author = {Lee, Ann}, journal = {J}, year = 2020,\n"
        "  title = {\\emph{A* search} over vector<int> and <T> \\&}}\n"
        "@article{b, author = {Lee, Ann}, journal = {J}, year = 2021,\n"
        "  title = {D*Lite and 2*3 on \\emph{Arabidopsis}\\emph{ thaliana}}}\n",
        "utf-8",
    )
    assert _import(site, "bibtex", bib) == 0
    titles = set(records(site))
    assert "*A\\* search* over vector<int> and <T> &" in titles
    assert "D\\*Lite and 2\\*3 on *Arabidopsis thaliana*" in titles
    assert main(["build", "--site", str(site)]) == 0
    page = _page(site, "*A\\* search* over vector<int> and <T> &")
    assert "<em>A* search</em> over vector&lt;int&gt; and &lt;T&gt; &amp;" in page


# --- 5. Hugo Blox's `article`, a preprint ----------------------------------------------


def test_hugo_blox_article_type_is_a_preprint(site: Path) -> None:
    """CSL's `article`, which Hugo Blox shows as "Preprint" (its own preprint sample is
    one): pages of preprints, with no venue or arXiv's, became journal articles, and
    their journal versions, imported later, a second record of each."""
    assert _import(site, "hugo", TRIAL / "hugo-article-preprints") == 0
    found = records(site)
    nrp = found["Neural Randomized Planning for Whole Body Robot Motion"]
    assert nrp["type"] == "preprint" and nrp["arxiv_id"] == "2405.11317"
    pointer = found["The Effect of Pointer Analysis on Semantic Conflict Detection"]
    assert pointer["type"] == "preprint" and pointer["venue"] == "arXiv"


def test_the_starters_sample_project_and_slides_are_no_pages_to_link(
    site: Path, capsys: Any
) -> None:
    """Every sample publication of Hugo Blox's starters names the starter's sample project
    and slides (`projects: [internal-project]`, `slides: example`), and sites that copied
    a sample for their papers keep them: each page got two notes saying to add the new
    address of a page that was the template's. A project of the site's own is noted."""
    assert _import(site, "hugo", TRIAL / "hugo-article-preprints") == 0
    out = capsys.readouterr().out
    assert "internal-project" not in out and "/slides/example/" not in out
    page = TRIAL / "hugo-article-preprints" / "content" / "publication" / "nrp" / "index.md"
    own = site.parent / "own" / "content" / "publication" / "nrp" / "index.md"
    own.parent.mkdir(parents=True)
    text = page.read_text(encoding="utf-8").replace("- internal-project", "- whole-body")
    own.write_text(text, encoding="utf-8")
    assert _import(site, "hugo", site.parent / "own") == 0
    assert "projects whole-body (/project/whole-body/)" in capsys.readouterr().out


def test_hugo_article_type_in_a_named_journal_stays_an_article(site: Path) -> None:
    """Sites that took `article` for a journal's article and name the journal keep it."""
    page = site.parent / "old" / "content" / "publication" / "tcsvt" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        '---\ntitle: "A Journal Paper"\nauthors:\n- Ann Lee\ndate: "2024-03-14T00:00:00Z"\n'
        'publication_types: ["article"]\n'
        'publication: "IEEE Transactions on Circuits and Systems for Video Technology"\n---\n',
        encoding="utf-8",
    )
    assert _import(site, "hugo", site.parent / "old") == 0
    assert records(site)["A Journal Paper"]["type"] == "article"


# --- 6. A meeting abstract's number as its pages ----------------------------------------


def test_a_meeting_abstracts_number_is_kept_as_written(site: Path, capsys: Any) -> None:
    """Google Scholar's `pages={NH030--0010}` of an AGU abstract was refused ("ends before
    it starts; write 0010–NH030"), `NH21A--03` shown as pages NH21A–03, and ADS's AAS
    `pages = {207.04}` refused as no pages: each is the abstract's number."""
    assert _import(site, "bibtex", TRIAL / "meeting-abstracts.bib") == 0
    assert "pages" not in capsys.readouterr().out
    found = records(site)
    agu = found[
        "An efficient deep learning mechanism for cross-region generalization of landslide events"
    ]
    assert agu["pages"] == "NH030-0010"
    assert found["The NASA Astrophysics Data System's Decadal Plan for the 2020s"]["pages"] == (
        "207.04"
    )
    assert read_pages("NH21A--03") == Pages("NH21A-03")  # as Scholar writes AGU's since 2006
    assert read_pages("EGU21-1234") == Pages("EGU21-1234")
    assert read_pages("S12-34") == Pages("S12", "34")  # a supplement's pages stay a range
    assert main(["build", "--site", str(site)]) == 0


# --- 7. Names in Chinese characters ----------------------------------------------------


def test_a_name_in_chinese_characters_keeps_its_order(site: Path) -> None:
    """Google Scholar writes `陈, 其乐` (surname, given name), as BibTeX reads a name: the
    card showed "其乐 陈", the given name first and spaced, as no one writes it."""
    assert _import(site, "bibtex", TRIAL / "chinese-names.bib") == 0
    found = records(site)
    thesis = found["外壁荷电性质对双壁碳纳米管中水分子运动行为的影响"]
    assert thesis["authors"] == ["陈其乐", "孔宪", "卢滇楠", "刘铮"]
    assert found["动态表面张力破裂磷脂膜的分子动力学模拟"]["authors"][:2] == ["孔宪", "胡晓宇"]
    english = found[
        "Porous organic cage membranes for water desalination: a simulation exploration"
    ]
    assert english["authors"] == ["Xian Kong", "Jianwen Jiang"]  # as before


def test_a_name_in_chinese_characters_without_a_comma_stays_as_written() -> None:
    """Without a comma, BibTeX reads a name's last word as the surname, which in Japanese
    written in its own order (`山田 太郎`, as pBibTeX's users write it) is the given name:
    it became "太郎山田". Only a name whose comma marks the surname is turned."""
    from generator.ingest.bibtex_names import person_names

    names = person_names("山田 太郎 and 陈, 其乐 and 김, 민수 and 其乐 陈")
    assert names == ["山田 太郎", "陈其乐", "김민수", "其乐 陈"]
