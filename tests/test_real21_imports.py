"""Imports of files as real READMEs, sites, theses, reference managers and APIs wrote them (trial 21).

Each fixture under tests/fixtures/ingest/real21/ is a trimmed copy of a public file,
named in its first lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import new_site, read_papers, snapshot

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
