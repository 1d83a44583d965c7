"""Imports of files as researchers' sites and their tools wrote them (realfiles6).

Each fixture under tests/fixtures/ingest/realfiles6/ is a trimmed copy of a public file,
named in SOURCES.md there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import (
    bib_site,
    built_page,
    new_site,
    read_papers,
    records_by_title,
    run_import,
    snapshot,
)

FIXTURES = INGEST / "realfiles6"


def imported(tmp_path: Path, owner: str, kind: str, name: str, count: int) -> tuple[Path, Any]:
    """A new site of ``owner`` that imported the fixture ``name`` with ``kind``'s import,
    and its records by title, ``count`` of them: every paper there once."""
    site = new_site(tmp_path / "site", owner)
    assert run_import(site, kind, FIXTURES / name) == 0
    records = records_by_title(site)
    assert len(records) == len(read_papers(site)) == count
    return site, records


def refused(site: Path, kind: str, source: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What ``kind``'s import of ``source`` into ``site`` said, refusing it: exit 1, no
    traceback, nothing written."""
    before = snapshot(site)
    assert run_import(site, kind, source) == 1
    err = capsys.readouterr().err
    assert "nothing was written." in err and "Traceback" not in err
    assert snapshot(site) == before
    return err


def built_and_checked(site: Path) -> None:
    """The site builds, and its check finds nothing wrong."""
    assert main(["build", "--site", str(site)]) == 0
    assert main(["check", "--site", str(site)]) == 0


def meta(page: str, name: str) -> list[str]:
    """The values of the page's ``<meta name=…>`` tags called ``name``."""
    return re.findall(rf'<meta name="{name}" content="([^"]*)"', page)


# --- a conflict marker left alone -----------------------------------------------------


def test_a_lone_conflict_marker_is_said_with_the_entry_it_cut_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # amazeliauskas.github.io's papers.bib keeps a `<<<<<<< HEAD` line and no `=======`
    # or `>>>>>>>`: the import told him to keep one of two versions and delete lines the
    # file has not, and only once he had deleted the marker did it say that the entry
    # above it had lost its `}`.
    site = new_site(tmp_path / "site", "Aleksas Mazeliauskas")
    bib = FIXTURES / "alfolio-lone-conflict-marker.bib"
    err = refused(site, "bibtex", bib, capsys)
    assert f"{bib}:48: git's merge conflict marker `<<<<<<< HEAD`, left alone: " in err
    assert "delete this line" in err and "delete the other" not in err
    assert f"{bib}:62: @article entry 'Heller:2023mah' is never closed" in err
    assert "2 problems; nothing was written." in err
    # as the owner fixes it: the line deleted, the entry closed
    fixed = tmp_path / "papers.bib"
    text = bib.read_text("utf-8").replace("<<<<<<< HEAD\n", "")
    fixed.write_text(
        text.replace("selected={true}\n\n@article{Gorda", "selected={true}\n}\n\n@article{Gorda")
    )
    assert run_import(site, "bibtex", fixed) == 0
    records = records_by_title(site)
    assert len(records) == len(read_papers(site)) == 10
    bluhm = records[
        "Dynamics of critical fluctuations: Theory – phenomenology – heavy-ion collisions"
    ]
    assert (bluhm["authors"], bluhm["arxiv_id"]) == (["Marcus Bluhm", "et al."], "2001.08831")
    matching = records[
        "Matching the Nonequilibrium Initial Stage of Heavy Ion Collisions to Hydrodynamics"
        " with QCD Kinetic Theory"
    ]
    assert "Jean-François Paquet" in matching["authors"] and matching["featured"] is True
    built_and_checked(site)


@pytest.mark.parametrize(
    ("text", "line", "lone"),
    [
        # a closing marker with no opening one: the other half deleted by hand
        ("@misc{a, title={A}, author={Lee, Ann}, year={2020}}\n>>>>>>> e4280a8\n", 2, True),
        # both versions: not read at all
        (
            "@misc{a, title={A},\n<<<<<<< HEAD\nauthor={Lee, Ann},\n=======\n"
            "author={Lee, A.},\n>>>>>>> e4280a8\nyear={2020}}\n",
            2,
            False,
        ),
    ],
)
def test_which_conflict_markers_are_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, lone: bool
) -> None:
    site = new_site(tmp_path / "site", "Ann Lee")
    bib = tmp_path / "papers.bib"
    bib.write_text(text, encoding="utf-8")
    assert run_import(site, "bibtex", bib) == 1
    err = capsys.readouterr().err
    assert f"{bib}:{line}: git's merge conflict marker" in err
    assert ("left alone" in err) is lone
    assert ("holds two versions of its lines" in err) is not lone
    assert "1 problem; nothing was written." in err


# --- an HTML entity Zotero escaped for TeX ---------------------------------------------------


def test_a_tex_escaped_entity_in_zoteros_abstract_is_its_character(tmp_path: Path) -> None:
    # AlexandreImperiale/CVs: IOS Press's abstract, as Zotero exported it, says
    # `a speed up of \&times;228 on CPU`: the page read "a speed up of 228 on CPU".
    site, records = imported(
        tmp_path, "Alexandre Imperiale", "bibtex", "zotero-tex-escaped-entities.bib", 10
    )
    title = (
        "A Fast Implementation of a Spectral Finite Elements Method on CPU and GPU Applied"
        " to Ultrasound Propagation"
    )
    abstract = " ".join(records[title]["abstract"].split())
    assert "we achieved a speed up of ×228 on CPU." in abstract and "&" not in abstract
    # the rest as written: `Baronian, V.,  and Chapuis, B.` is two names
    mesnil = records[
        "Simulation tools for guided wave based Structural Health Monitoring at CEA LIST"
    ]
    assert mesnil["authors"][-2:] == ["V. Baronian", "B. Chapuis"]
    assert (
        records["Couplage BEM-Rayon pour le contrôle non destructif par ultrasons"]["venue"]
        == "Le 13e Congrès Français d'Acoustique (CFA)"
    )
    built_and_checked(site)
    shown = built_page(site, title).split("Abstract", 1)[1].split("Cite", 1)[0]
    assert "speed up of ×228 on CPU" in " ".join(shown.split()) and "times;" not in shown


def test_a_tex_escaped_entity_in_a_note_is_its_character(tmp_path: Path) -> None:
    entry = (
        "@article{a,\n  title = {Costs},\n  author = {Lee, Ann},\n  journal = {J},\n"
        "  note = {Funded with \\&euro;5000; R\\&D of AT\\&T},\n"
        "  abstract = {\\&copy; 2018 IOS Press; R\\&D \\&amp; more},\n  year = {2018}\n}\n"
    )
    site, _ = bib_site(tmp_path, "Ann Lee", entry)
    record = records_by_title(site)["Costs"]
    assert record["note"] == "Funded with €5000; R&D of AT&T"
    assert record["abstract"] == "© 2018 IOS Press; R&D & more"


# --- a Hugo page with its working paper's cite.bib -------------------------------------------


def test_the_working_papers_cite_bib_lends_the_article_no_issue(tmp_path: Path) -> None:
    # BenjaminBorn/academic-kickstart: the Economic Journal paper's page keeps the CEPR
    # discussion paper's `@TechReport` (`number = {14600-4}`) as its cite.bib; the page
    # read "Economic Journal, forthcoming, no. 14600-4".
    site, records = imported(tmp_path, "Benjamin Born", "hugo", "hugo-working-paper-cite", 3)
    title = "The Coronavirus Stimulus Package: How large is the transfer multiplier?"
    record = records[title]
    assert (record["venue"], record["type"]) == ("Economic Journal, forthcoming", "article")
    assert "issue" not in record and "volume" not in record
    assert record["doi"] == "10.1093/ej/uead003"
    assert record["bibtex"].startswith("@TechReport{BBLM2020,")  # as Hugo served it
    built_and_checked(site)
    venue = built_page(site, title).split("<h1", 1)[1].split("</dl>", 1)[0]
    assert "14600-4" not in venue
    # the report's own entry, imported alone, keeps its number
    report = new_site(tmp_path / "report", "Benjamin Born")
    bib = FIXTURES / "hugo-working-paper-cite/content/publication/BBLM_Covid_2020/cite.bib"
    assert run_import(report, "bibtex", bib) == 0
    (alone,) = records_by_title(report).values()
    assert (alone["type"], alone["issue"]) == ("report", "14600-4")


# --- arXiv's journal references in the APS journals' form -----------------------------------


def test_arxivs_references_in_the_aps_form_are_read_apart(tmp_path: Path) -> None:
    # A saved answer to au:"A. Del Maestro": the venue was `Phys. Rev. B 91, 184507
    # (2015)`, whole, and so was Scholar's citation_journal_title.
    site = new_site(tmp_path / "site", "Adrian Del Maestro")
    assert run_import(site, "arxiv", FIXTURES / "arxiv-aps-references.xml") == 0
    by_id = {data["arxiv_id"]: data for _, data, _ in read_papers(site)}
    assert len(by_id) == 6
    cited = {
        key: (data.get("venue"), data.get("volume"), data.get("pages"))
        for key, data in by_id.items()
    }
    assert cited == {
        "1303.6954": ("Physical Review B", 88, "064512"),
        "1412.6529": ("Phys. Rev. B", 91, 184507),
        "2402.17843": (None, None, None),
        "cond-mat/0308092": ("J. Phys.: Condens. Matter", 16, "S673"),
        "1412.5124": ("Science Advances", 1, "e1400222"),
        "1610.08518": ("Nature Phys.", 13, 556),
    }
    assert by_id["cond-mat/0308092"]["authors"][2] == "Y.-J. Kao"
    built_and_checked(site)
    page = built_page(site, "Particle partition entanglement of bosonic Luttinger liquids")
    assert meta(page, "citation_journal_title") == ["Phys. Rev. B"]
    assert meta(page, "citation_volume") == ["91"]


def test_a_record_with_the_whole_aps_reference_takes_it_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record an earlier import wrote with the reference whole takes the journal,
    volume and pages at the next import, with no conflict; a reference without its year
    is no form the import reads, and stays whole."""
    site = new_site(tmp_path / "site", "Adrian Del Maestro")
    feed = (FIXTURES / "arxiv-aps-references.xml").read_text("utf-8")
    assert run_import(site, "arxiv", FIXTURES / "arxiv-aps-references.xml") == 0
    path = next(p for p, data, _ in read_papers(site) if data["arxiv_id"] == "1412.6529")
    text = path.read_text("utf-8")
    text = re.sub(
        r"venue: Phys\. Rev\. B\nvolume: 91\npages: 184507\n",
        "venue: Phys. Rev. B 91, 184507 (2015)\n",
        text,
    )
    path.write_text(text, "utf-8")
    capsys.readouterr()
    assert run_import(site, "arxiv", FIXTURES / "arxiv-aps-references.xml") == 0
    out = capsys.readouterr().out
    assert "venue updated (its journal reference read apart)" in out
    assert "conflict " not in out
    data = next(d for p, d, _ in read_papers(site) if p == path)
    assert (data["venue"], data["volume"], data["pages"]) == ("Phys. Rev. B", 91, 184507)
    other = new_site(tmp_path / "other", "Adrian Del Maestro")
    yearless = tmp_path / "yearless.xml"
    yearless.write_text(feed.replace("Phys. Rev. B 91, 184507 (2015)", "Phys. Rev. B 91, 184507"))
    assert run_import(other, "arxiv", yearless) == 0
    data = next(d for _, d, _ in read_papers(other) if d["arxiv_id"] == "1412.6529")
    assert data["venue"] == "Phys. Rev. B 91, 184507" and "volume" not in data


# --- files that imported cleanly: what their owners would check --------------------------


def test_acm_springer_and_mit_press_entries_of_an_alfolio_site(tmp_path: Path) -> None:
    site, records = imported(
        tmp_path, "Alejandro Marrero", "bibtex", "alfolio-acm-springer-mit.bib", 7
    )
    ppsn = records[
        "A Novelty-Search Approach to Filling an Instance-Space with Diverse and"
        " Discriminatory Instances for the Knapsack Problem"
    ]
    assert ppsn["authors"] == ["Alejandro Marrero", "Eduardo Segredo", "Coromoto León", "Emma Hart"]
    assert (ppsn["venue"], ppsn["pages"]) == (
        "Parallel Problem Solving from Nature – PPSN XVII",
        "223–236",
    )
    evco = records[
        "Synthesising Diverse and Discriminatory Sets of Instances Using Novelty Search in"
        " Combinatorial Domains"
    ]
    assert (str(evco["date"]), evco["doi"]) == ("2024-08", "10.1162/evco_a_00350")
    assert evco["links"]["pdf"] == (
        "https://direct.mit.edu/evco/article-pdf/doi/10.1162/evco_a_00350/2464257/evco_a_00350.pdf"
    )
    thesis = records[
        "Evolutionary Computation Methods for Instance Generation in Optimisation Domains"
    ]
    assert (thesis["type"], thesis["venue"], str(thesis["date"])) == (
        "thesis",
        "Universidad de La Laguna",
        "2024-02",
    )
    assert "(85%)" in thesis["abstract"]  # a `%` of BibTeX's text is no comment
    gecco = records[
        "Generating Diverse and Discriminatory Knapsack Instances by Searching for Novelty in"
        " Variable Dimensions of Feature-Space"
    ]
    assert gecco["series"] == "GECCO '23" and "56% of the filled regions" in gecco["abstract"]
    built_and_checked(site)


def test_ieee_early_access_and_a_hugging_face_model(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site", "Taja Kuzman")
    assert run_import(site, "bibtex", FIXTURES / "ieee-early-access-hf-model.bib") == 0
    records = records_by_title(site)
    assert len(records) == 2
    paper = records[
        "LLM Teacher-Student Framework for Text Classification With No Manually Annotated"
        " Data: A Case Study in IPTC News Topic Classification"
    ]
    assert paper["authors"] == ["Taja Kuzman", "Nikola Ljubešić"]
    assert (paper["venue"], paper["doi"]) == ("IEEE Access", "10.1109/ACCESS.2025.3544814")
    assert "pages" not in paper and "volume" not in paper  # early access: `1-1`, `{}`
    model = records["Multilingual IPTC News Topic Classifier"]
    assert (model["doi"], model["type"]) == ("10.57967/hf/4709", "other")
    assert model["authors"] == ["Taja Kuzman", "Nikola Ljubešić"]
    built_and_checked(site)


def test_zoteros_german_dissertation_leaks_no_path_of_the_owners_disk(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site", "Sebastian Hageneuer")
    assert run_import(site, "bibtex", FIXTURES / "zotero-german-phdthesis.bib") == 0
    (record,) = records_by_title(site).values()
    assert record["title"] == (
        "Von Layard bis Lara Croft. Eurozentrische Denkweisen in den Bildmedien der"
        " Archäologie Westasiens"
    )
    assert (record["type"], record["venue"], record["language"]) == (
        "thesis",
        "Freie Universität Berlin",
        "de",
    )
    assert record["doi"] == "10.17169/refubium-36558"
    built_and_checked(site)
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".html", ".bib", ".xml", ".json"):
            text = path.read_text("utf-8", errors="replace")
            assert "Eigene Dateien" not in text and "C8PM33VL" not in text, path


def test_an_economists_tsv_of_three_citation_styles(tmp_path: Path) -> None:
    site, records = imported(
        tmp_path, "David Van Dijcke", "academicpages", "academicpages-econ-tsv", 5
    )
    belief = records[
        "Belief in Science Influences Physical Distancing in Response to COVID-19 Lockdown Policies"
    ]
    assert belief["authors"] == [
        "Adam Brzezinski",
        "Valentin Kecht",
        "David Van Dijcke",
        "Austin L. Wright",
    ]
    covid = records[
        "The COVID-19 Pandemic: Government vs. Community Action Across the United States"
    ]
    assert covid["authors"] == ["A. Brzezinski", "G. Deiana", "V. Kecht", "D. Van Dijcke"]
    ecb = records[
        "The Impact of ECB Quantitative Easing on Income Inequality in the Netherlands: a"
        " First Assessment"
    ]
    assert ecb["venue"] == "Bank- en Financiewezen / Revue Bancaire et Financière"
    assert ecb["abstract"].startswith("This article looks at the impact of the 2015")
    built_and_checked(site)


# --- a DOI in De Gruyter's page address -----------------------------------------------------


def test_de_gruyters_page_gives_the_doi_without_its_page_name(tmp_path: Path) -> None:
    # ADockhorn.github.io's publications.bib links De Gruyter's page of a paper,
    # `…/document/doi/10.1515/auto-2021-0037/html`: the record's DOI was
    # `10.1515/auto-2021-0037/html`, and its page linked a DOI doi.org does not know.
    site, records = imported(tmp_path, "Alexander Dockhorn", "bibtex", "degruyter-page-doi.bib", 9)
    modell = records["Modellheuristiken für effizientes Forward Model Learning"]
    assert modell["doi"] == "10.1515/auto-2021-0037"
    assert modell["links"]["paper"] == (
        "https://www.degruyterbrill.com/document/doi/10.1515/auto-2021-0037/html"
    )
    assert (modell["venue"], modell["volume"], modell["issue"]) == (
        "at – Automatisierungstechnik",
        69,
        10,
    )
    chapter = records["Unsicheres und unscharfes Wissen"]
    assert (chapter["doi"], chapter["type"]) == ("10.1515/9783111386690-011", "chapter")
    code = records[
        "From Code to Play: Benchmarking Program Search for Games Using Large Language Models"
    ]
    assert "Duygu Çakmak" in code["authors"]
    built_and_checked(site)
    page = built_page(site, "Modellheuristiken für effizientes Forward Model Learning")
    assert 'href="https://doi.org/10.1515/auto-2021-0037"' in page
    assert "auto-2021-0037/html</a>" not in page


# --- OpenAlex: a work of no source ------------------------------------------------------------


def test_openalexs_work_of_no_source_is_named_by_its_raw_source(tmp_path: Path) -> None:
    # A real OpenAlex answer about a thesis (DOI 10.22215/etd/2024-16003), saved in a
    # reference manager's tests: `"source": null`, `"raw_source_name": "Carleton
    # University"`. The thesis had no venue.
    site, records = imported(
        tmp_path, "Nabil A. Shawwa", "openalex", "openalex-dissertation-no-source.json", 1
    )
    (record,) = records.values()
    assert (record["type"], record["venue"]) == ("thesis", "Carleton University")
    assert record["doi"] == "10.22215/etd/2024-16003"
    built_and_checked(site)


def test_openalexs_journal_article_with_a_repository_copy(tmp_path: Path) -> None:
    # OpenAlex's answer of 2025-11 about a Taylor & Francis paper, RePEc's copy among
    # its locations (a `raw_source_name` of null): imported as the journal's
    site, records = imported(
        tmp_path, "Orest Sebastian Masue", "openalex", "openalex-journal-article.json", 1
    )
    (record,) = records.values()
    assert record["venue"] == "International Journal of Public Administration"
    assert (record["volume"], record["issue"], record["pages"]) == (40, 9, "780–791")
    assert record["authors"] == ["Orest Sebastian Masue", "Steinar Askvik"]
    assert record["abstract"].startswith("Studies on user committees often critique")
    assert "links" not in record  # closed: its DOI links the paper
    built_and_checked(site)


# --- Semantic Scholar: an answer that asked for no types --------------------------------------


def test_semantic_scholars_dblp_key_gives_the_type(tmp_path: Path) -> None:
    # Two raw answers of the Graph API (fields=externalIds,title,venue,year,citationCount,
    # authors) quoted in a research note: Fiat and Shamir's CRYPTO '86 paper and the
    # Journal of Cryptology paper; neither had a type ("Conference paper", "Journal
    # article" on its page, the CV's grouping).
    site, records = imported(
        tmp_path, "Adi Shamir", "semanticscholar", "s2-dblp-keys-no-types.json", 2
    )
    crypto = records[
        "How to Prove Yourself: Practical Solutions to Identification and Signature Problems"
    ]
    assert (crypto["type"], crypto["venue"]) == (
        "conference",
        "Annual International Cryptology Conference",
    )
    assert (crypto["doi"], crypto["citations"]) == ("10.1007/3-540-47721-7_12", 4929)
    joc = records["Zero-knowledge proofs of identity"]
    assert (joc["type"], joc["authors"]) == ("article", ["U. Feige", "A. Fiat", "A. Shamir"])
    built_and_checked(site)
    assert "Conference paper" in built_page(site, crypto["title"])


@pytest.mark.parametrize(
    ("key", "kind"),
    [("journals/corr/abs-2106-09685", "preprint"), ("phd/dnb/Lee20", "thesis"), ("", None)],
)
def test_which_dblp_keys_say_a_kind(tmp_path: Path, key: str, kind: str | None) -> None:
    answer = tmp_path / "paper.json"
    paper = {
        "paperId": "a",
        "externalIds": {"DBLP": key},
        "title": "A Study",
        "venue": "Somewhere",
        "year": 2020,
        "authors": [{"name": "Ann Lee"}],
    }
    answer.write_text(json.dumps(paper), encoding="utf-8")
    site = new_site(tmp_path / "site", "Ann Lee")
    assert run_import(site, "semanticscholar", answer) == 0
    assert records_by_title(site)["A Study"].get("type") == kind


# --- Hugo's TOML page with its title and authors empty -----------------------------------------


def test_a_toml_page_without_title_or_authors_is_told_where_and_how(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # AndreWal.github.io writes each paper's citation into `publication` and leaves
    # `title = ""` and `authors = []`: the import said, at each page's first line, to
    # write YAML's `title: "…"`, and that it had no authors, not what to write.
    folder = FIXTURES / "hugo-toml-empty-title"
    err = refused(new_site(tmp_path / "site", "André Walter"), "hugo", folder, capsys)
    page = folder / "content" / "publication" / "ES_2019 .md"
    assert (
        f"{page}:2: publication 'ES_2019 ': has no title; write it in its front matter, "
        'e.g. `title = "…"`'
    ) in err
    assert (
        f"{page}:7: publication 'ES_2019 ': has no authors; write it in its front matter, "
        'e.g. `authors = ["Ada Lovelace", "Jo Doe"]`'
    ) in err
    assert "6 problems; nothing was written." in err


def test_a_yaml_page_without_a_date_is_told_in_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old" / "content" / "publication" / "p"
    old.mkdir(parents=True)
    (old / "index.md").write_text(
        '---\ntitle: "A Study"\nauthors: [Ann Lee]\ndate:\n---\n', encoding="utf-8"
    )
    site = new_site(tmp_path / "site", "Ann Lee")
    assert run_import(site, "hugo", tmp_path / "old") == 1
    err = capsys.readouterr().err
    assert (
        f"{old / 'index.md'}:4: publication 'p': has no date; write it in its front matter,"
        " e.g. `date: 2020-01-31` (or the year)"
    ) in err


# --- dblp: a note in brackets after the meeting ------------------------------------------------


def test_dblps_meeting_before_a_note_in_brackets(tmp_path: Path) -> None:
    # IJCAI-PRICAI 2020's proceedings, as dblp titles them, end in a note: `…, {IJCAI}
    # 2020 [scheduled for July 2020, Yokohama, Japan, postponed due to the Corona
    # pandemic]`; the card showed the whole title, note and all.
    site, records = imported(tmp_path, "Yang Gao", "bibtex", "dblp-readme-citations.bib", 5)
    few_shot = records["Learning Task-aware Local Representations for Few-shot Learning"]
    assert (few_shot["venue"], few_shot["pages"]) == ("IJCAI 2020", "716–722")
    assert few_shot["doi"] == "10.24963/ijcai.2020/100"
    assert "postponed due to the Corona pandemic" in few_shot["bibtex"]  # cite.bib: dblp's
    sasl = records["Clarification of Ambiguity for the Simple Authentication and Security Layer"]
    assert (sasl["venue"], sasl["volume"], sasl["doi"]) == (
        "ABZ 2018",
        10817,
        "10.1007/978-3-319-91271-4_13",
    )
    trec = records["Overview of the TREC 2008 Enterprise Track"]
    assert (trec["venue"], trec["series"], trec["volume"]) == (
        "TREC 2008",
        "NIST Special Publication",
        "500-277",
    )
    coral = records[
        "CORAL: Benchmarking Multi-turn Conversational Retrieval-Augmentation Generation"
    ]
    assert (coral["type"], coral["arxiv_id"]) == ("preprint", "2410.23090")
    assert "Ji-Rong Wen" in coral["authors"]
    built_and_checked(site)
