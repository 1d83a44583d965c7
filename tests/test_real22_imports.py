"""Imports of files as real sites, reference managers and APIs wrote them (trial 22).

Each fixture under tests/fixtures/ingest/real22/ is a trimmed copy of a public file,
named in its first lines.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import built_page, new_site, records_by_title, run_import, snapshot

FIXTURES = INGEST / "real22"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path)


def test_an_arxiv_abstract_keeps_the_paragraphs_arxiv_marks_with_an_indent(site: Path) -> None:
    # enpitut2019/catchapp app/controllers/search_controller.rb: the API's answer, whose
    # abstract of 0707.4225 starts its second paragraph with an indented line, as arXiv's
    # submission form asks. Its two paragraphs were run together into one.
    assert run_import(site, "arxiv", FIXTURES / "arxiv-abstract-paragraphs.xml") == 0
    title = (
        "Electron-Electron Bremsstrahlung Emission and the Inference of Electron Flux "
        "Spectra in Solar Flares"
    )
    abstract = records_by_title(site)[title]["abstract"]
    first, second = (" ".join(p.split()) for p in abstract.split("\n\n"))
    assert first.startswith("Although both electron-ion") and first.endswith(r"$\sim 300$ keV.")
    assert second == (
        "Unlike electron-ion bremsstrahlung, electron-electron bremsstrahlung cannot produce "
        "photons of all energies up to the maximum electron energy involved."
    )
    # the others, one paragraph each, stay one
    for other in records_by_title(site).values():
        if other["title"] != title:
            assert "\n\n" not in other["abstract"]
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, title)
    assert "keV.</p>\n<p>Unlike electron-ion" in page


def test_a_biblatex_maintitle_comes_before_the_booktitle_in_the_venue(site: Path) -> None:
    # 4lhc/sreejiths.xyz _bibliography/papers.bib: `maintitle = {IROS 2021}` over the
    # workshop's booktitle. The venue was the workshop alone: the conference was lost.
    assert run_import(site, "bibtex", FIXTURES / "alfolio-maintitle.bib") == 0
    title = "HakshE An Autonomous Social Robot For Promoting Good Hand Hygiene Among Children"
    record = records_by_title(site)[title]
    assert record["venue"] == (
        "IROS 2021. Workshop On The Roles Of Robotics In Achieving The UN's Social "
        "Development Goals"
    )
    assert "maintitle = {IROS 2021}" in record["bibtex"]  # cite.bib keeps it as written


def test_academicpages_citations_name_their_authors_before_a_label_or_an_acm_year(
    site: Path,
) -> None:
    # tobireinhard/tobireinhard.github.io _publications/: the title "[Pre-Print] Ghost
    # Signals: …" under a citation "Tobias Reinhard and Bart Jacobs. Ghost Signals: …",
    # and a citation in the ACM Reference Format ("Tobias Reinhard. 2019. A Type System
    # …") under another title. Both pages were refused for naming no authors.
    assert run_import(site, "academicpages", FIXTURES / "academicpages-acm-citations") == 0
    records = records_by_title(site)
    ghost = records["[Pre-Print] Ghost Signals: Verifying Termination of Busy-Waiting"]
    assert ghost["authors"] == ["Tobias Reinhard", "Bart Jacobs"]
    calculus = records["A Core Calculus for Static Latency Tracking with Placement Types"]
    assert calculus["authors"] == ["Tobias Reinhard"]
    assert "From tobireinhard" not in calculus["abstract"]  # the page's HTML comment


def test_an_academicpages_page_s_own_list_of_links_is_imported(site: Path) -> None:
    # agarwalishika/agarwalishika.github.io _publications/nncift.md: `links:`, a list of
    # `{name, url}` that the site's own card shows as buttons. Only `paperurl` was read:
    # the code, the talk and the thread were lost without a word.
    assert run_import(site, "academicpages", FIXTURES / "academicpages-links-list") == 0
    title = (
        "Neural Networks for Learnable and Scalable Influence Estimation of Instruction "
        "Fine-Tuning Data"
    )
    record = records_by_title(site)[title]
    assert record["arxiv_id"] == "2502.09969"
    assert record["links"] == {
        "arxiv": "https://arxiv.org/abs/2502.09969",
        "code": "https://github.com/agarwalishika/NN-CIFT",
        "Thread": "https://x.com/wonderingishika/status/1891335751360520241",
        "video": "https://youtu.be/0Y4VYfY6puU",
    }
    assert main(["build", "--site", str(site)]) == 0
    assert 'href="https://x.com/wonderingishika/status/1891335751360520241"' in built_page(
        site, title
    )


def test_a_link_of_an_academicpages_page_that_is_no_web_address_is_said(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same page with a button to `javascript:` and one to an FTP server: each was
    # left out without a word, where a link field's other kinds get a note.
    folder = tmp_path / "old"
    shutil.copytree(FIXTURES / "academicpages-links-list", folder)
    page = folder / "_publications" / "nncift.md"
    page.write_text(
        page.read_text("utf-8").replace(
            "  - name: Talk\n",
            "  - name: Demo\n    url: javascript:alert(1)\n"
            "  - name: Data\n    url: ftp://data.example.org/nn\n  - name: Talk\n",
        ),
        "utf-8",
    )
    assert run_import(site, "academicpages", folder) == 0
    said = " ".join(capsys.readouterr())
    for link in ("links 'Demo' `javascript:alert(1)`", "links 'Data' `ftp://data.example.org/nn`"):
        assert f"{link} is not an http(s) address; imported without it" in said
    (record,) = records_by_title(site).values()
    assert "javascript" not in str(record["links"]) and "ftp" not in str(record["links"])


def test_hugo_authors_written_as_profile_folder_names_are_names(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 3dim-computational-imaging/3dim-website: `authors: [florian-doetzer, murali-balaji,
    # patrick-cornwall, …]`, as Hugo Blox's template says to write them, three with no
    # profile and one whose profile's folder is `Patrick-Cornwall`. The import was refused
    # ("looks like a file name (a slug)") for each of the five not found.
    folder = FIXTURES / "hugo-author-folders"
    assert run_import(site, "hugo", folder) == 0
    out = capsys.readouterr().out
    title = "Full-Field Vibrometry Through Scattering Media Using Synthetic Wavelength Holography"
    assert records_by_title(site)[title]["authors"] == [
        "Florian Doetzer",
        "Muralidhar Madabhushi Balaji",  # the profile's name, as Hugo showed it
        "Patrick Cornwall",
        "Tianyi Wang",
        "Stefan Sinzinger",
        "Florian Willomitzer",
    ]
    page = folder / "content" / "publication" / "Dötzer-2026-vibrometry" / "index.md"
    noted = [line for line in out.splitlines() if "written as a profile's folder name" in line]
    assert [line.split("author ")[1].split(" is")[0] for line in noted] == [
        "'florian-doetzer'",
        "'stefan-sinzinger'",
        "'florian-willomitzer'",
    ]
    assert noted[0] == (
        f"note: {page}:12: publication 'Dötzer-2026-vibrometry': author 'florian-doetzer' "
        "is written as a profile's folder name, but neither content/authors/ nor "
        "data/authors/ holds that profile; imported as 'Florian Doetzer' (correct the "
        "record if the name is another)"
    )


def test_a_hugo_page_whose_text_is_the_paper_s_address_gives_its_link(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # AshishMahabal/website2024_acad content/publication/pub0001/index.md: each of the
    # site's pages has the paper's arXiv address as its only text. It was left out, with a
    # note ("1 word … is not imported"), and the records had no arXiv id or link.
    assert run_import(site, "hugo", FIXTURES / "hugo-body-address") == 0
    assert "not imported" not in capsys.readouterr().out
    records = records_by_title(site)
    dust = records["A Dust Lane in the Radio galaxy 3C270"]
    assert dust["arxiv_id"] == "astro-ph/9501029"
    assert dust["links"] == {"arxiv": "https://arxiv.org/abs/astro-ph/9501029"}
    assert dust["abstract"].startswith("We present broad band surface photometry")
    lens = records[
        "First case of strong gravitational lensing by a QSO : SDSS J0013+1523 at z = 0.120"
    ]
    assert lens["arxiv_id"] == "1002.4991"


def test_an_astronomy_citation_names_its_authors_before_its_year(site: Path) -> None:
    # ChenXie-astro/Chen_Xie markdown_generator/publications.tsv: `Uyama, T., Xie, C.,
    # Aoyama, Y., et al. 2021, AJ, 162, 214`, as AAS and A&A cite. Every row was refused
    # for naming no authors.
    assert run_import(site, "academicpages", FIXTURES / "academicpages-aas-citations") == 0
    records = records_by_title(site)
    keck = records[
        "Keck/OSIRIS Pa$\\beta$ High-contrast Imaging and Updated Constraints on PDS 70b"
    ]
    assert keck["authors"] == ["T. Uyama", "C. Xie", "Y. Aoyama", "et al."]
    assert records["A MUSE view of the asymmetric jet from HD 163296"]["authors"] == [
        "C. Xie",
        "et al.",
    ]
    grb = "On the Host Galaxy of GRB 150101B and the Associated Active Galactic Nucleus"
    assert records[grb]["authors"] == ["C. Xie", "T. Fang", "J. Wang", "T. Liu", "X. Jiang"]


def test_an_address_in_the_url_slug_column_is_the_paper_s_link(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ChenXie-astro/Chen_Xie markdown_generator/publications.tsv: ADS's page of each paper
    # in the url_slug column, and the PDFs among the files of a project site
    # (`chenxie-astro.github.io/chen_xie/files/…`). The ADS link was lost (the record kept
    # `imported_from: academicpages _publications/2021-https://ui.adsabs…`), and the PDFs
    # were kept without the note that they go with the old site.
    tsv = FIXTURES / "academicpages-aas-citations" / "markdown_generator" / "publications.tsv"
    assert run_import(site, "academicpages", FIXTURES / "academicpages-aas-citations") == 0
    out = capsys.readouterr().out
    muse = records_by_title(site)["A MUSE view of the asymmetric jet from HD 163296"]
    assert muse["links"] == {
        "paper": "https://ui.adsabs.harvard.edu/abs/2021A%26A...650L...6X/abstract",
        "pdf": "http://chenxie-astro.github.io/chen_xie/files/Xie_2021_A&A_650_L6.pdf",
    }
    assert "imported_from" not in muse
    assert (
        f"note: {tsv}:3: row 3: paper_url "
        "http://chenxie-astro.github.io/chen_xie/files/Xie_2021_A&A_650_L6.pdf is a file of "
        "the academicpages site, gone once this site replaces it"
    ) in out


def test_a_row_with_the_template_s_sample_citation_has_no_author_from_it(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # CDEnrich/CDEnrich.github.io markdown_generator/publications.tsv: the site's papers
    # under the sample's citation, `Your Name, You. (2009). "Paper Title Number 1." …`.
    # They were imported by "You Your Name", with notes that their citations said 2009.
    folder = FIXTURES / "academicpages-sample-citations"
    tsv = folder / "markdown_generator" / "publications.tsv"
    before = snapshot(site)
    assert run_import(site, "academicpages", folder) == 1
    captured = capsys.readouterr()
    assert (
        f"note: {tsv}:3: row domingoferrer2018outsourcing: its citation is the academicpages "
        "template's sample (\"Your Name, You. … Paper Title Number …\"), not this paper's: "
        "not read"
    ) in captured.out
    assert f"{tsv}:3: row domingoferrer2018outsourcing: has no authors" in captured.err
    assert "citation says (2009)" not in captured.out
    assert snapshot(site) == before
    fixed = site / "publications.tsv"
    rows = tsv.read_text(encoding="utf-8").splitlines()
    rows[0] += "\tauthors"
    rows[2] += "\tJosep Domingo-Ferrer, Carles Domingo-Enrich"
    rows[3] += "\tSamy Jelassi, Carles Domingo-Enrich"
    fixed.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert run_import(site, "academicpages", fixed) == 0
    authors = [record["authors"] for record in records_by_title(site).values()]
    assert sorted(authors) == [
        ["Josep Domingo-Ferrer", "Carles Domingo-Enrich"],
        ["Samy Jelassi", "Carles Domingo-Enrich"],
    ]


def test_a_tsv_row_short_of_a_cell_says_so_where_it_names_no_authors(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Atomtomate/page markdown_generator/publications.tsv: a row of 6 cells under a
    # header of 8, its names at the end of the excerpt and a PDF's address in the citation
    # column. The error said its citation named no one, and named the row by that address.
    folder = FIXTURES / "academicpages-short-row"
    tsv = folder / "markdown_generator" / "publications.tsv"
    assert run_import(site, "academicpages", folder) == 1
    err = capsys.readouterr().err
    assert (
        f"{tsv}:2: row 2: has no authors, and has 6 cells where the header names 8 (pub_date, "
        "title, venue, excerpt, citation, url_slug, paper_url, slides_url): a cell is "
        "missing, and those after it are read into the wrong columns (its citation is "
        "'http://academicpages.github.io/files/1810.11849v1.pdf'); add the missing cell, or "
        "an 'authors' column"
    ) in err
    fixed = site / "publications.tsv"
    text = tsv.read_text(encoding="utf-8")
    fixed.write_text(text.replace("shocks. Nils", "shocks.\tNils"), encoding="utf-8")
    assert run_import(site, "academicpages", fixed) == 0
    greeks = records_by_title(site)["Systemic Greeks: Measuring risk in financial networks"]
    assert greeks["authors"] == ["Nils Bertschinger", "Julian Stobbe"]


def test_a_publisher_named_as_a_host_is_no_link_to_the_paper(site: Path) -> None:
    # huggingface/trl trl/trainer/nash_md_trainer.py: dblp's `publisher = {OpenReview.net}`
    # (every ICLR paper's, and ICML's since 2024) beside the paper's own `url`. The record's
    # paper link was https://OpenReview.net, the site's home page, in place of the paper's.
    assert run_import(site, "bibtex", FIXTURES / "openreview-publisher.bib") == 0
    record = records_by_title(site)["Nash Learning from Human Feedback"]
    assert record["links"] == {"paper": "https://openreview.net/forum?id=Y5AmNYiyCQ"}
    assert record["venue"].startswith("Forty-first International Conference on Machine")


def test_dblp_s_old_ee_field_is_the_paper_s_address(site: Path) -> None:
    # simongog/sdsl-lite README.md: `ee = {http://dx.doi.org/10.1007/…}`, dblp's field for
    # the paper's address before 2016. It was not read: the record had no DOI, no link.
    assert run_import(site, "bibtex", FIXTURES / "dblp-ee.bib") == 0
    records = records_by_title(site)
    sea = records["From Theory to Practice: Plug and Play with Succinct Data Structures"]
    assert sea["doi"] == "10.1007/978-3-319-07959-2_28"
    assert "links" not in sea  # the DOI gives its link
    assert "ee        = {http://dx.doi.org/10.1007/978-3-319-07959-2_28}" in sea["bibtex"]
