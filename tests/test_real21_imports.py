"""Imports of files as real READMEs, sites, theses, reference managers and APIs wrote them (trial 21).

Each fixture under tests/fixtures/ingest/real21/ is a trimmed copy of a public file,
named in its first lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import built_page, new_site, read_papers, snapshot

FIXTURES = INGEST / "real21"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path)


def test_text_after_a_braced_value_is_named_not_called_an_undefined_macro(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # will-rice/gpr-gym README.md: `adsurl = {<https://…}>`. The message said the field
    # "uses undefined macro '{<https://…}>'", and pointed at @string and IEEEabrv.bib.
    bib = FIXTURES / "ads-autolink-adsurl.bib"
    before = snapshot(site)
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert (
        f"{bib}:15: entry '2019arXiv190513321R': adsurl: its value is followed by '>'; "
        "delete it, or move it inside the value's closing brace"
    ) in err
    assert "macro" not in err
    assert snapshot(site) == before
    fixed = site / "fixed.bib"
    fixed.write_text(bib.read_text(encoding="utf-8").replace("}>,", ">},"), encoding="utf-8")
    assert main(["import", "bibtex", str(fixed), "--site", str(site)]) == 0
    assert [d["arxiv_id"] for _, d, _ in read_papers(site)] == ["1905.13321"]


def test_a_field_written_name_colon_value_is_named_at_its_line_with_what_to_write(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # v0lta/PyTorch-Wavelet-Toolbox README.rst: `urn: https://nbn-resolving.org/…,` among
    # the fields. The message was bibtexparser's "could not be read: Expected a `=` after
    # entry key, but found `,`.", at the entry's first line, with nothing to do.
    bib = FIXTURES / "readme-colon-field.bib"
    before = snapshot(site)
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    urn = "https://nbn-resolving.org/urn:nbn:de:hbz:5-63361"
    assert (
        f"{bib}:4: @phdthesis entry 'handle:20.500.11811/9245': `urn: {urn}` is no BibTeX "
        f"field (a field is written with `=`); write `urn = {{{urn}}},` or delete the line"
    ) in err
    assert "Expected" not in err and "1 problem;" in err
    assert snapshot(site) == before
    fixed = site / "fixed.bib"
    fixed.write_text(
        bib.read_text(encoding="utf-8").replace(f"urn: {urn},", f"urn = {{{urn}}},"),
        encoding="utf-8",
    )
    assert main(["import", "bibtex", str(fixed), "--site", str(site)]) == 0
    found = {d["title"]: d for _, d, _ in read_papers(site)}
    thesis = found[
        "Frequency Domain Methods in Recurrent Neural Networks for Sequential Data Processing"
    ]
    assert thesis["authors"] == ["Moritz Wolter"] and thesis["type"] == "thesis"
    assert "An Entry After It" in found


def test_an_mdpi_citation_line_as_journal_is_the_journal_and_its_locators(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # nmc-costa/neuroprime README.md: Mendeley's `journal = {Applied Sciences 2021, Vol.
    # 11, Page 7725}`. The page showed "Venue Applied Sciences 2021, Vol. 11, Page 7725
    # 11(16), 7725", and its schema.org Periodical was named so.
    bib = FIXTURES / "mendeley-mdpi-cited-journal.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    found = {d["title"]: d for _, d, _ in read_papers(site)}
    mdpi = found[
        "A Multivariate Randomized Controlled Experiment about the Effects of Mindfulness "
        "Priming on EEG Neurofeedback Self-Regulation Serious Games"
    ]
    assert (mdpi["venue"], mdpi["volume"], mdpi["issue"], mdpi["pages"]) == (
        "Applied Sciences", 11, 16, 7725,
    )  # fmt: skip
    bare = found["A Sensor Paper"]
    assert (bare["venue"], bare["volume"], bare["pages"]) == ("Sensors", 20, 1234)
    assert main(["build", "--site", str(site)]) == 0
    page = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert "Vol. 11" not in page and "Applied Sciences" in page


def test_an_entry_with_no_author_says_what_to_add(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ocatak/adversarial-ml-training README.md (a version before its author was added):
    # the message was "entry 'catak-adv-ml-2020': has no authors", and no more.
    bib = FIXTURES / "readme-proceedings-no-author.bib"
    before = snapshot(site)
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert (
        f"{bib}:3: entry 'catak-adv-ml-2020': has no authors; add them, e.g. "
        "author = {Lee, Hana and Doe, Jane}"
    ) in err
    assert snapshot(site) == before


def test_a_paper_written_as_proceedings_is_a_conference_paper_in_its_volume(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ASME's export names the meeting in the volume (`Volume 3B: 47th Design Automation
    # Conference (DAC)`) and the paper's number as pages (`V03BT03A039`): the record was
    # of type other with no venue, and two notes said volume and pages were refused. A
    # README's `@PROCEEDINGS` of its own paper was type other with the publisher as venue.
    bib = FIXTURES / "proceedings-papers.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert "imported without" not in out
    found = {d["title"]: d for _, d, _ in read_papers(site)}
    asme = found[
        "Range-GAN: Range-Constrained Generative Adversarial Network for Conditioned Design "
        "Synthesis"
    ]
    assert (asme["type"], asme["venue"], asme["volume"], asme["pages"]) == (
        "conference", "47th Design Automation Conference (DAC)", "3B", "V03BT03A039",
    )  # fmt: skip
    assert asme["series"].startswith("International Design Engineering Technical Conf")
    catak = found[
        "Deep Neural Network based Malicious Network Activity Detection Under Adversarial "
        "Machine Learning Attacks"
    ]
    assert (catak["type"], catak["venue"]) == (
        "conference",
        "Proc. 3rd International Conference on Intelligent Technologies and Applications "
        "(INTAP 2020)",
    )
    volume = found["Proceedings of the PolEval 2019 Workshop"]
    assert volume["type"] == "other"
    assert main(["build", "--site", str(site)]) == 0


def test_a_hugo_author_written_as_a_profile_folder_name_is_a_name(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # DIGITLab23/digitlab23.github.io: `authors: [Amin Heyrani Nobari, Wei_Chen, …]`, a
    # profile folder's name with no such profile in the folder. The new site's author
    # list said "Wei_Chen"; it says "Wei Chen", with a note on each page.
    folder = FIXTURES / "hugo-folder-names"
    assert main(["import", "hugo", str(folder), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    gust = folder / "content" / "publication" / "2025-06-16-GUST" / "index.md"
    assert (
        f"note: {gust}:4: publication '2025-06-16-GUST': author 'Wei_Chen' is written as a "
        "profile's folder name, but neither content/authors/ nor data/authors/ holds that "
        "profile; imported as 'Wei Chen' (correct the record if the name is another)"
    ) in out
    found = sorted(d["authors"] for _, d, _ in read_papers(site))
    assert found == [
        ["Amin Heyrani Nobari", "Wei Chen", "Faez Ahmed"],
        ["Jiahui Zheng", "Cole Jahnke", "Wei Chen"],
    ]


def test_an_academicpages_category_in_the_singular_gives_the_type(site: Path) -> None:
    # ChenQian9104/ChenQian9104.github.io groups its publications page by `category:
    # 'journal'`, `'conference'` and `'patent'`, not the template's `manuscripts` and
    # `conferences`: every record had no type (a journal paper was no article).
    folder = FIXTURES / "academicpages-categories"
    assert main(["import", "academicpages", str(folder), "--site", str(site)]) == 0
    found = {d["title"]: d.get("type") for _, d, _ in read_papers(site)}
    assert found == {
        "Hybrid-heat effects on electrical-current aided friction stir welding of steel, "
        "and Al and Mg alloys": "article",
        "Range-GAN: Range-Constrained Generative Adversarial Network for Conditioned Design "
        "Synthesis": "conference",
        "Deep neural networks for synthesis and optimization of smooth surfaced 3D objects": None,
    }


def test_a_dash_between_two_words_of_a_title_parts_them_in_the_file_name(site: Path) -> None:
    # 25sal/25sal _bibliography/papers.bib: `WEUSEDTO—Water End USE Dataset…`. The em
    # dash was dropped and the words joined: the record and its page were
    # weusedtowater-end-use-….
    bib = FIXTURES / "iris-dash-title.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    [(path, _, _)] = read_papers(site)
    assert path.name == "weusedto-water-end-use-dataset-and-tools-an-open-water-end.md"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    assert [p.name for p, _, _ in read_papers(site)] == [path.name]


def test_a_semantic_scholar_volume_with_its_issue_is_both(site: Path) -> None:
    # s2-pubmed-volume-issue.json: GET /graph/v1/paper/DOI:10.1111/tops.12211 as a public
    # session transcript recorded it (the index names no repository; authors trimmed to
    # two). Its `journal` is `{"pages": "\n 625-59\n ", "volume": "8 3"}`, PubMed's
    # volume and issue: the record's volume was "8 3", shown "8 3, 625–659".
    answer = FIXTURES / "s2-pubmed-volume-issue.json"
    assert main(["import", "semanticscholar", str(answer), "--site", str(site)]) == 0
    [(_, data, _)] = read_papers(site)
    assert (data["volume"], data["issue"], data["pages"]) == (8, 3, "625–659")


def test_a_tex_accent_written_as_text_in_an_abstract_is_the_letter(site: Path) -> None:
    # coenwerem/foptd-pade README.md: Zotero's `Pad\textbackslash 'e` (arXiv's `Pad\'e`).
    # The record's abstract said `Pad\'e`, which Markdown showed as "Pad'e".
    bib = FIXTURES / "zotero-arxiv-abstract-accent.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    [(_, _, abstract)] = read_papers(site)
    assert "approximated using the Padé function." in " ".join(abstract.split())
    assert main(["build", "--site", str(site)]) == 0
    [page] = (site / "output" / "papers").glob("*/index.html")
    assert "Padé function" in page.read_text(encoding="utf-8")


def test_an_iris_family_name_in_capitals_is_written_as_a_name(site: Path) -> None:
    # 25sal/25sal _bibliography/papers.bib (IRIS): `DI MAURO, Anna and Venticinque,
    # Salvatore and …`. The card said "Anna DI MAURO" and "Armando DI NARDO".
    bib = FIXTURES / "iris-dash-title.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    [(_, data, _)] = read_papers(site)
    assert data["authors"] == [
        "Anna Di Mauro",
        "Salvatore Venticinque",
        "Giovanni Francesco Santonastaso",
        "Armando Di Nardo",
    ]


def test_a_standard_or_report_with_no_author_is_by_its_organization(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # standards-no-author.bib: an ISO standard and a software manual with `organization`
    # and no author, a NIST report with its `institution`: each was refused, "has no
    # authors", though biblatex prints the body in the author's place.
    bib = FIXTURES / "standards-no-author.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert (
        f"note: {bib}:12: entry 'iso19650': has no author; its organization 'International "
        "Organization for Standardization' is its author, as biblatex prints it (one name: "
        "write author = {{International Organization for Standardization}} to say so in the "
        "file, or the people's names if it has them)"
    ) in out
    found = {d["title"]: d["authors"] for _, d, _ in read_papers(site)}
    assert sorted(found.values()) == [
        ["International Organization for Standardization"],
        ["National Institute of Standards and Technology"],
        ["U.S. Department of Energy"],
    ]
    assert main(["build", "--site", str(site)]) == 0
    capsys.readouterr()
    # The site's author (Kaile Wang) is no author of these: no bold name, no alias guess.
    pages = [p.read_text(encoding="utf-8") for p in (site / "output" / "papers").glob("*/*.html")]
    assert any("International Organization for Standardization" in p for p in pages)
    assert not any("<strong>International" in p or "<strong>U.S." in p for p in pages)
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    assert "aliases" not in capsys.readouterr().out


def test_a_body_named_as_an_author_is_no_spelling_of_the_site_author(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A site author whose initial and surname the body's name shares: the import said
    # "'U.S. Department of Energy' (1 work) may be Uma Energy: add it to aliases".
    site = new_site(tmp_path, "Uma Energy")
    bib = FIXTURES / "standards-no-author.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    assert "may be Uma Energy" not in capsys.readouterr().out


def test_an_html_link_in_a_note_or_an_abstract_is_no_tag_on_the_page(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # sinansonlu/animation-personality README.md: `note = {<a href="https://ieeexplore…">
    # Publisher Web Site</a>}`. The page's note showed the tag as text; so did an
    # abstract's links, as al-folio users paste them.
    bib = FIXTURES / "readme-html-link-note.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert (
        f"note: {bib}:17: entry 'linked2024': the abstract's link to 'javascript:alert(1)' "
        "is kept as text only (http, https and mailto addresses are linked)"
    ) in out
    found = {d["title"]: (d, abstract) for _, d, abstract in read_papers(site)}
    sonlu, _ = found["Towards Understanding Personality Expression via Body Motion"]
    assert sonlu["note"] == "Publisher Web Site (https://ieeexplore.ieee.org/document/10536396)"
    _, abstract = found["A Paper With Links In Its Abstract"]
    assert " ".join(abstract.split()) == (
        "We release [our code](https://github.com/ann/tool) and a demo; write to [the "
        "author](mailto:hana@example.org)."
    )
    assert main(["build", "--site", str(site)]) == 0
    # (the page's BibTeX, in its `<pre>`, shows the entry as written)
    page = built_page(site, "A Paper With Links In Its Abstract").split("<pre")[0]
    assert '<a href="https://github.com/ann/tool"' in page
    assert '<a href="mailto:hana@example.org"' in page
    assert "javascript:" not in page and "&lt;a href" not in page
    note = built_page(site, "Towards Understanding Personality Expression via Body Motion")
    assert "Publisher Web Site (https://ieeexplore" in note.split("<pre")[0]
    assert "&lt;a href" not in note.split("<pre")[0]


def test_an_ads_classic_address_is_the_paper_link_of_an_entry_with_no_other(site: Path) -> None:
    # MNGuenther/allesfitter README.md: the code's ASCL entry, `adsurl =
    # {http://adsabs.harvard.edu/abs/2019ascl.soft03003G}`, ADS Classic's host. Its page
    # linked nothing (only `https://ui.adsabs.harvard.edu/abs/…` was read).
    bib = FIXTURES / "ads-classic-ascl.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    [(_, data, _)] = read_papers(site)
    assert data["links"] == {"paper": "https://ui.adsabs.harvard.edu/abs/2019ascl.soft03003G"}


def test_an_iris_journal_in_capitals_is_written_as_its_name_where_no_word_is_unsure(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 25sal/25sal _bibliography/papers.bib (IRIS): `journal = {IEEE ACCESS}`, `{SOFTWAREX}`,
    # shown so on the cards. `AQUA` may be an acronym: kept, with a note; an entry that
    # is not IRIS's (its key `2021_1234`, a year's) keeps its capitals without one.
    bib = FIXTURES / "iris-capital-journals.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    found = sorted(d["venue"] for _, d, _ in read_papers(site))
    assert found == [
        "AQUA",
        "IEEE Access",
        "Journal of Ambient Intelligence and Humanized Computing",
        "PHYSICAL REVIEW LETTERS",
        "SoftwareX",
    ]
    assert (
        f"note: {bib}:31: entry '11591_463541': venue 'AQUA' is in capitals, as IRIS exports "
        "journals' names, and may be an acronym: kept as written (write it as the journal "
        "does in the record's `venue:`)"
    ) in out
    assert out.count("in capitals") == 1
