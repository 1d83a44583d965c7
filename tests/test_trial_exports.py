"""A new user's trial of the importers with files other tools exported, as real sites keep
them (fixtures/trial-exports): EndNote's BibTeX of papers it took from PubMed, Google
Scholar's BibTeX of bioRxiv and medRxiv preprints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.ingest.bibtex import parse_bibtex
from tests.ingest_support import new_site, records_by_title, run_import
from tests.test_seo import head
from tests.test_trial_locators import built

HERE = Path(__file__).parent / "fixtures" / "trial-exports"
GWAS = "Genome-wide association study of cocaine self-administration behavior in Heterogeneous Stock rats"
RETT = (
    "Tsix-Mecp2 female mouse model for Rett syndrome reveals that low-level MECP2 "
    "expression extends life and improves neuromotor function"
)
MUSEUMS = "Agents Based Cyber-Physical Diffused Museums Over Web Interoperability Standards"


def titled(found: dict[str, dict[str, Any]], start: str) -> dict[str, Any]:
    """The one record whose title starts with ``start``."""
    (record,) = (r for title, r in found.items() if title.startswith(start))
    return record


# --- EndNote's BibTeX of papers from PubMed (3c-lab/3c-lab.github.io) -------------------


def test_endnote_keywords_one_a_line_are_a_tag_each(tmp_path: Path) -> None:
    """EndNote writes keywords one a line, MeSH headings with commas of their own and the
    main topics starred: the card showed one tag, "Animals *Genome-Wide Association Study
    Self Administration …". A list between commas wrapped over lines stays split there."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "endnote-pubmed.bib") == 0
    found = records_by_title(site)
    assert found[GWAS]["tags"] == [
        "Animals",
        "Genome-Wide Association Study",
        "Self Administration",
        "Female",
        "Cocaine/administration & dosage",
        "Rats",
        "Cocaine-Related Disorders/genetics",
        "Male",
        "Polymorphism, Single Nucleotide",
        "Linkage Disequilibrium",
        "Humans",
        "Phenotype",
    ]
    assert found[RETT]["tags"][-3:] == [
        "Methyl-CpG-Binding Protein 2/genetics/metabolism",
        "Mice",
        "Rett syndrome",
    ]
    assert "context awareness" in found[MUSEUMS]["tags"] and len(found[MUSEUMS]["tags"]) == 7


def test_endnote_s_copy_of_the_pubmed_record_is_no_note_on_the_page(tmp_path: Path) -> None:
    """EndNote keeps PubMed's record (ISSN, every author's full name and ORCID, grants,
    publication types, country, citation) as the entry's `note`: the paper's page showed
    it as a comment on the paper. cite.bib keeps it as written."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "endnote-pubmed.bib") == 0
    found = records_by_title(site)
    assert "note" not in found[GWAS] and "note" not in found[RETT]
    assert "Orcid: 0000-0001-5810-4425" in found[GWAS]["bibtex"]
    html = "".join(p.read_text("utf-8") for p in (built(site) / "papers").glob("*/index.html"))
    assert "<dt>Note</dt>" not in html


def test_endnote_s_generation_suffix_after_the_initials_stays_after_the_name(
    tmp_path: Path,
) -> None:
    """PubMed's `Kelleher RJ 3rd` is EndNote's `Kelleher, R. J., 3rd`, where BibTeX reads
    the given name: the record said "3rd Kelleher R. J."."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "endnote-pubmed.bib") == 0
    authors = records_by_title(site)[RETT]["authors"]
    assert authors[3] == "Raymond J. Kelleher 3rd"  # spelled out by the PubMed record


NICOTINE = "Acute nicotine activates orectic and inhibits anorectic brain regions"


def test_endnote_s_initials_take_the_full_names_of_the_pubmed_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """EndNote names PubMed's authors by their initials (`Carrette, L. L. G.`) and keeps
    their full names in the note (`Carrette, Lieselot L G`), which was left out: the
    page listed 43 initials. Each name the record gives at the same place, of the same
    surname and initials, is spelled out; the entry's order and every name stay, and a
    name the record gives otherwise than the entry (`D'Argence A, R.` for `D'argence,
    Andrea Ruiz`) is kept as the entry writes it, with a note."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "endnote-pubmed-names.bib") == 0
    out = capsys.readouterr().out
    found = records_by_title(site)
    gwas = found[GWAS]["authors"]
    assert len(gwas) == 43
    assert gwas[:3] == ["Montana Kay Lara", "Lieselot L. G. Carrette", "Thiago Missfeldt Sanches"]
    assert gwas[21] == "Khai-Minh Nguyen"  # `Nguyen, K. M.`
    assert gwas[38] == "Leah C. Solberg Woods"  # `Woods, L. C. S.`: `Woods, Leah C Solberg`
    assert gwas[40] == "Giordano de Guglielmo"
    nicotine = titled(found, NICOTINE)["authors"]
    assert nicotine[1] == "Sélène Bonnet-Zahedi"
    assert nicotine[3] == "R. D'Argence A"
    assert "'D'argence, Andrea Ruiz' as author 4, where the entry has 'R. D'Argence A'" in out
    logan = titled(found, "Sex-specific transcriptional")["authors"]
    assert logan[5] == "Leah C. Solberg Woods" and logan[-1] == "Ryan W. Logan"
    # A paper's authors are names: the ORCIDs stay in cite.bib alone
    record = next((site / "content" / "papers").glob("*cocaine*")).read_text("utf-8")
    assert record.count("0000-0002-5217-2774") == 1 and "Orcid: 0000-0002-5217-2774" in record


# --- Google Scholar's BibTeX of a preprint (many READMEs' "please cite") ----------------


def test_scholar_s_posting_month_written_as_pages_dates_the_preprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Scholar writes a bioRxiv or medRxiv preprint's `pages={2023--09}`, the year and
    month it was posted: the import said the pages end before they start and told the user
    to write `09–2023`. They date the preprint; a real article number stays its pages.
    Its `journal={arXiv e-prints}`, `pages={arXiv--2510}` (from NASA ADS) was an article
    of 2025: it is an arXiv preprint of October 2025, as its id, 2510.xxxxx, says."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "scholar-preprints.bib") == 0
    assert "ends before it starts" not in capsys.readouterr().out
    found = records_by_title(site)
    emergence = titled(found, "Emergence of Prochlorococcus")
    assert (str(emergence["date"]), emergence.get("pages")) == ("2023-09", None)
    rethinking = found["Rethinking Transfer Learning for Medical Image Classification"]
    assert (str(rethinking["date"]), rethinking.get("pages")) == ("2022-11", None)
    tokenizer = found["Model-Aware Tokenizer Transfer"]  # `arXiv--2510`: its id's 2510
    assert (str(tokenizer["date"]), tokenizer["venue"], tokenizer["type"]) == (
        "2025-10",
        "arXiv",
        "preprint",
    )
    phylo = titled(found, "Phylogenomic evidence")
    assert (str(phylo["date"]), phylo["pages"]) == ("2022", "msac170")
    built(site)


# --- al-folio's corresponding authors marked with a plus (4ILab-SSU/4ILab-SSU.github.io) ---


def test_a_plus_after_a_surname_is_al_folio_s_mark_not_part_of_the_name(tmp_path: Path) -> None:
    """`Han+, Yoseob` marks the corresponding author, as the file's own comment says: the
    record named "Yoseob Han+", whom the site's author `Yoseob Han` was not, and cite.bib
    kept the mark."""
    site = new_site(tmp_path / "site", name="Yoseob Han")
    assert run_import(site, "bibtex", HERE / "alfolio-plus-marks.bib") == 0
    found = records_by_title(site)
    eyetag = found["EyeTAG: Eye Trajectory-Aware Gaze Estimation"]
    assert eyetag["authors"] == ["Jungmin Lee", "Niamat Ullah", "Yoseob Han"]
    assert "{Lee, Jungmin and Ullah, Niamat and Han, Yoseob}" in eyetag["bibtex"]
    vessel = found["Context-Aware 3D Vessel Segmentation with Anatomical Guidance"]
    assert vessel["authors"] == ["Seo A Kim", "Yoseob Han", "Kanghyun Ryu"]
    profile = built(site) / "authors" / "yoseob-han" / "index.html"
    assert "EyeTAG: Eye Trajectory-Aware Gaze Estimation" in profile.read_text("utf-8")


# --- academicpages rows copied from the template's samples (Atomtomate/page) -----------


def test_a_row_dated_years_before_its_citation_is_noted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows copied from the template keep its sample dates (2010-10-01, 2015-10-01) under
    citations of 2022 and 2025: the papers were listed as of 2010 without a word. A year
    apart (a working paper cited the year before it appeared) is no note."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "academicpages", HERE / "academicpages-sample-dates") == 0
    out = capsys.readouterr().out
    tsv = HERE / "academicpages-sample-dates" / "markdown_generator" / "publications.tsv"
    assert (
        f"note: {tsv}:2: row 205101: dated 2010-10-01, but its citation says (2022); the "
        "record keeps 2010-10-01: change the date if the paper appeared in 2022"
    ) in out
    assert f"note: {tsv}:3: row 169904: dated 2015-10-01, but its citation says (2025)" in out
    site = new_site(tmp_path / "other")
    pages = Path(__file__).parent / "fixtures" / "ingest" / "academicpages-citations"
    assert run_import(site, "academicpages", pages) == 0
    assert "but its citation says" not in capsys.readouterr().out  # 2023-02-09, "(2022)"


# --- Google Scholar's BibTeX of SSRN papers, patents and Research Square preprints -------


def test_scholar_s_ssrn_patent_and_research_square_shapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Scholar names an SSRN paper by its number as the journal (`Available at SSRN
    4506361`): the card showed that as the venue of an article. A patent is `@misc` with
    `publisher={Google Patents}` and its number as the note: the venue was the search
    engine. A Research Square preprint's `pages={rs--3}` (from its DOI) was said to be no
    pages, with advice to write a range."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "scholar-ssrn-patents.bib") == 0
    assert "is not pages" not in capsys.readouterr().out
    found = records_by_title(site)
    hog = titled(found, "Bayesian Optimization of Histogram")
    assert (hog["venue"], hog["type"]) == ("SSRN", "preprint")
    assert hog["links"] == {"paper": "https://ssrn.com/abstract=4506361"}
    hawkes = titled(found, "A tale of two time scales")
    assert hawkes["links"] == {"paper": "https://ssrn.com/abstract=4174251"}
    patent = found["Document classification with weighted supervised n-gram embedding"]
    assert (patent["venue"], patent.get("note")) == ("US Patent 8,892,488", None)
    application = titled(found, "System and method")
    assert application["venue"] == "US Patent App. 17/138,224"
    gait = titled(found, "GaitDynamics")
    assert (gait["type"], gait.get("pages")) == ("preprint", None)
    html = (built(site) / "papers").glob("document-classification-*/index.html")
    assert "Google Patents" not in next(html).read_text("utf-8").split("<pre")[0]


# --- Hugo Academic's TOML pages: a venue that says where the paper is under review -------


def test_in_review_with_a_journal_keeps_its_in(tmp_path: Path) -> None:
    """`In *R Journal*` is the venue R Journal; `In Review with *Journal of Hydrology*`
    (a real page's, under review) became "Review with Journal of Hydrology"."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "hugo", HERE / "hugo-in-review") == 0
    found = records_by_title(site)
    assert titled(found, "A network scale")["venue"] == "In Review with Journal of Hydrology"
    assert titled(found, "Consistency Cubes")["venue"] == "R Journal"


# --- Taylor & Francis's BibTeX export: three authors as `A, B and C` --------------------


def test_taylor_and_francis_three_authors_are_three_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """T&F writes `author = {Guangming Pan, Jiti Gao and Yanrong Yang}`, which BibTeX reads
    as two names: the record named "Jiti Gao Guangming Pan", without a word. (Four and more
    were read as names between commas already.) A name written surname first beside names
    written so too is a name."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "taylor-francis.bib") == 0
    out = capsys.readouterr().out
    assert "author 'Guangming Pan, Jiti Gao' names several people between commas" in out
    found = records_by_title(site)
    pan = titled(found, "Testing Independence")
    assert pan["authors"] == ["Guangming Pan", "Jiti Gao", "Yanrong Yang"]
    assert titled(found, "Uninformed or Misinformed")["authors"] == [
        "Atle Haugsgjerd",
        "Rune Karlsen",
        "Kari Steen-Johnsen",
    ]
    engagement = titled(found, "The Engagement of Website")
    assert engagement["authors"] == ["Supavich (Fone) Pengnate", "Rathindra Sarathy", "JinKyu Lee"]
    site = new_site(tmp_path / "other")
    bib = tmp_path / "mixed.bib"
    bib.write_text(
        "@article{a, title={T}, year={2020}, author={van der Berg, Jan Peter and Ann Lee}}\n"
        "@article{b, title={U}, year={2020}, author={Garcia Lopez, Maria Elena and Lee, Ann}}\n",
        "utf-8",
    )
    assert run_import(site, "bibtex", bib) == 0
    found = records_by_title(site)
    assert found["T"]["authors"] == ["Jan Peter van der Berg", "Ann Lee"]
    assert found["U"]["authors"] == ["Maria Elena Garcia Lopez", "Ann Lee"]


def test_a_name_surname_first_beside_one_given_name_first_is_one_name_outside_tandf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Garcia Lopez, Maria Elena and Ann Lee` is two names as BibTeX reads them (an `and`
    between names, a comma between surname and given names): the T&F rule read three,
    "Garcia Lopez", "Maria Elena", "Ann Lee". The same shape in T&F's export (its
    publisher or its DOI says so) is three; surname-first lists of four parts and more
    (`Smith, John, Jones, Anne and Lee, Bo`), which BibTeX reads as no name, are pairs."""
    site = new_site(tmp_path / "site")
    bib = tmp_path / "mixed.bib"
    bib.write_text(
        "@article{a, title={T}, year={2020},\n author={Garcia Lopez, Maria Elena and Ann Lee}}\n"
        "@article{b, title={U}, year={2020}, doi={10.1080/1.2},\n"
        " author={Garcia Lopez, Maria Elena and Ann Lee}}\n"
        "@article{c, title={V}, year={2020}, publisher={Routledge},\n"
        " author={Atle Haugsgjerd, Rune Karlsen and Kari Steen-Johnsen}}\n"
        "@article{d, title={W}, year={2020}, author={Smith, John, Jones, Anne and Lee, Bo}}\n"
        "@article{e, title={X}, year={2020}, author={Ann Lee and Garcia Lopez, Maria Elena}}\n",
        "utf-8",
    )
    assert run_import(site, "bibtex", bib) == 0
    out = capsys.readouterr().out
    found = records_by_title(site)
    assert found["T"]["authors"] == ["Maria Elena Garcia Lopez", "Ann Lee"]
    assert (
        f"{bib}:1: entry 'a': author 'Garcia Lopez, Maria Elena' is read as one name written "
        "surname first, 'Maria Elena Garcia Lopez', as BibTeX reads it; if it names two "
        "people, write `and` between them in the file"
    ) in out
    assert found["U"]["authors"] == ["Garcia Lopez", "Maria Elena", "Ann Lee"]
    assert found["V"]["authors"] == ["Atle Haugsgjerd", "Rune Karlsen", "Kari Steen-Johnsen"]
    assert found["W"]["authors"] == ["John Smith", "Anne Jones", "Bo Lee"]
    assert "author 'Smith, John, Jones, Anne' names several people" in out
    assert found["X"]["authors"] == ["Ann Lee", "Maria Elena Garcia Lopez"]
    assert "entry 'e':" not in out


# --- Wiley Online Library's export of an article online before its issue ----------------


def test_wiley_s_early_view_placeholders_and_abstract_heading(tmp_path: Path) -> None:
    """Wiley writes `volume = {n/a}`, `number = {n/a}` for an article not yet in an issue
    (the page said "n/a(n/a)"), and runs its abstract's heading into the text (`Summary
    The severe impact …`)."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "wiley.bib") == 0
    found = records_by_title(site)
    creatine = titled(found, "Creatine transport")
    assert (creatine.get("volume"), creatine.get("issue")) == (None, None)
    assert creatine["abstract"].startswith("The severe impact on brain function")
    colorization = titled(found, "Semantic-aware automatic image colorization")
    assert (colorization["volume"], colorization["issue"]) == (37, 2)
    # its `eprint`, the publisher's PDF, was left out; so was OUP's
    assert (
        colorization["links"]["pdf"] == "https://onlinelibrary.wiley.com/doi/pdf/10.1002/int.22667"
    )
    assert run_import(site, "bibtex", HERE / "oup.bib", HERE / "taylor-francis.bib") == 0
    found = records_by_title(site)
    assert titled(found, "PyRosetta")["links"] == {
        "pdf": "https://academic.oup.com/bioinformatics/article-pdf/26/5/689/16897247/btq007.pdf"
    }
    assert "links" not in titled(found, "Testing Independence")  # T&F's eprint: the DOI
    html = (built(site) / "papers").glob("creatine-transport-*/index.html")
    assert '<span class="locator">' not in next(html).read_text("utf-8")  # was "n/a(n/a)"


def test_oup_s_structured_abstract_keeps_its_sections_as_paragraphs(tmp_path: Path) -> None:
    """OUP's export runs the sections together, each heading straight after the last
    sentence (`…protein graphs.Results: Our graph model`, `….org.Contact:jjgray@jhu.edu`):
    the page read one paragraph, "…into one graph model of proteins.Results: Our…"."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "oup.bib", HERE / "wiley.bib") == 0
    found = records_by_title(site)
    abstract = titled(found, "Protein function prediction")["abstract"]
    assert [" ".join(p.split()) for p in abstract.split("\n\n")] == [
        "Motivation: Computational approaches to protein function prediction infer protein "
        "function by finding proteins with similar sequence, structure or surface clefts. We "
        "present a new approach that combines sequential, structural and chemical "
        "information into one graph model of proteins.",
        "Results: Our graph model, derivable from protein sequence and structure only, is "
        "competitive with vector models that require additional protein information.",
        "Availability and implementation: The code is available on request.",
        "Contact: borgwardt@dbs.ifi.lmu.de",
    ]
    pyrosetta = " ".join(titled(found, "PyRosetta")["abstract"].split(" "))
    assert "package.\n\nAvailability: PyRosetta is available" in pyrosetta
    assert pyrosetta.endswith("www.pyrosetta.org.\n\nContact: jjgray@jhu.edu")
    # another publisher's text is as it was written
    assert "\n\n" not in titled(found, "Creatine transport")["abstract"]


def test_an_entry_without_a_year_says_what_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The message said what was missing ("has no date (year)"), not what to write."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "wiley-no-year.bib") == 1
    assert (
        f"{HERE / 'wiley-no-year.bib'}:4: entry 'https://doi.org/10.1002/mrm.29936': has no "
        "date (year); add the year it appeared, e.g. year = {2024}"
    ) in capsys.readouterr().err


# --- MDPI's export: the article number, and HTML entities in titles --------------------


def test_mdpi_s_article_number_and_title_entities(tmp_path: Path) -> None:
    """MDPI gives no `pages` but `ARTICLE-NUMBER = {279}`, the paper's locator: the page
    showed "Electronics 10(3)" without it. Its titles carry HTML's entities
    (`UAV&rsquo;s Status`), which the page showed as written."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "mdpi.bib") == 0
    found = records_by_title(site)
    metrics = titled(found, "A Comparative Analysis of Object Detection Metrics")
    assert (metrics["volume"], metrics["issue"], metrics["pages"]) == (10, 3, 279)
    uav = titled(found, "UAV")
    assert uav["title"].startswith("UAV\u2019s Status Is Worth Considering")
    page = next((built(site) / "papers").glob("uavs-status-*/index.html"))
    assert '<span class="locator">23(2), 720</span>' in page.read_text("utf-8")
    bib = (
        tmp_path / "wos.bib"
    )  # Web of Science's, whose "UNSP" says the number is not the journal's
    bib.write_text(
        "@article{ ISI:1, Author = {Lee, Ann}, Title = {{On Engines}}, Journal = {{ENERGY}},\n"
        "Year = {{2020}}, Volume = {{195}}, Article-Number = {{UNSP 117012}}}\n",
        "utf-8",
    )
    assert run_import(site, "bibtex", bib) == 0
    assert records_by_title(site)["On Engines"]["pages"] == 117012


# --- ACS's export (the Atypon platform): the PubMed id as the note, ASAP placeholders ---


def test_acs_s_pmid_note_is_the_pubmed_page(tmp_path: Path) -> None:
    """ACS writes `note ={PMID: 27766851}`: the page showed "PMID: 27766851" as a comment
    on the paper. It is the paper's PubMed page."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "acs.bib") == 0
    record = titled(records_by_title(site), "Simultaneous Optimization")
    assert "note" not in record
    assert record["links"] == {"paper": "https://pubmed.ncbi.nlm.nih.gov/27766851/"}


def test_acs_s_asap_article_asks_for_its_year_and_has_no_placeholders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An article online before its issue is `volume = {0}`, `number = {0}`,
    `pages = {null}`, `year = {0}`: the year is asked for at its line; with it, the page
    showed "0(0)" and the import said `null` is not pages."""
    site = new_site(tmp_path / "site")
    asap = HERE / "acs-asap.bib"
    assert run_import(site, "bibtex", asap) == 1
    err = capsys.readouterr().err
    assert f"{asap}:11: entry 'doi:10.1021/jasms.4c00061': year = {{0}} names no year" in err
    dated = tmp_path / "dated.bib"
    dated.write_text(asap.read_text("utf-8").replace("year = {0}", "year = {2024}"), "utf-8")
    assert run_import(site, "bibtex", dated) == 0
    assert "is not pages" not in capsys.readouterr().out
    record = titled(records_by_title(site), "ModiFinder")
    assert [record.get(k) for k in ("volume", "issue", "pages")] == [None, None, None]


# --- academicpages pages: BibTeX as the citation, a label before the excerpt's names -----


def test_a_citation_that_is_a_bibtex_entry_is_read_as_the_page_s_bibtex(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page whose `citation:` is its BibTeX entry was read as a citation string: the
    authors were "@article{ma2025phyblock" and "title={". An excerpt that lists the names
    after a label (`Author: Bowen Ping, Shuo Wang, …`, eurus-w.github.io) gave none, and the
    page was refused for naming no authors."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "academicpages", HERE / "academicpages-bibtex-citation") == 0
    found = records_by_title(site)
    phyblock = titled(found, "PhyBlock")
    assert phyblock["authors"][:2] == ["Liang Ma", "Jiajun Wen"]
    assert phyblock["authors"][-1] == "et al." and len(phyblock["authors"]) == 11
    assert phyblock["bibtex"].startswith("@article{ma2025phyblock,")
    delta = titled(found, "Delta-CoMe")
    assert delta["authors"][:3] == ["Bowen Ping", "Shuo Wang", "Hanqing Wang"]
    assert "excerpt lists (Bowen Ping, Shuo Wang" in capsys.readouterr().out


# --- al-folio sites that write every paper as an @article (42Shawn/42Shawn.github.io) ---


def test_an_article_in_a_conference_s_name_is_a_conference_paper(tmp_path: Path) -> None:
    """`@article{…, journal = {Conference on Neural Information Processing Systems
    (NeurIPS)}}`: the page said "Type: article", and Scholar's tags named a journal."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "alfolio-conferences-as-articles.bib") == 0
    found = records_by_title(site)
    assert titled(found, "PTQ4DiT")["type"] == "conference"
    assert titled(found, "Post-training Quantization on Diffusion")["type"] == "conference"
    assert titled(found, "LLaVA-PruMerge")["type"] == "preprint"
    assert found["Attention is all you need"]["type"] == "conference"  # Scholar's NeurIPS
    other = new_site(tmp_path / "other")  # Semantic Scholar's, `@Article` in a `booktitle`
    assert run_import(other, "bibtex", HERE / "semantic-scholar-cite.bib") == 0
    assert records_by_title(other)["Attention is All you Need"]["type"] == "conference"
    page = next((built(site) / "papers").glob("ptq4dit-*/index.html"))
    tags = head(page).meta
    assert (
        "citation_conference_title",
        "Conference on Neural Information Processing Systems (NeurIPS)",
    ) in tags
    assert not any(name == "citation_journal_title" for name, _ in tags)


# --- Hugo Academic pages its `academic import` wrote (AGarciaCast/AGarciaCast.github.io) --


def test_a_date_without_a_year_and_a_site_file_are_said_at_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`academic import` of a BibTeX entry without a year writes `date: -01-01`: the page
    "has no date", said at its first line. A `url_slides` to a file of the old site was
    named at the page alone, without a line."""
    site = new_site(tmp_path / "site")
    pages = HERE / "hugo-academic-cli" / "content" / "publication"
    assert run_import(site, "hugo", HERE / "hugo-academic-cli") == 1
    out, err = capsys.readouterr()
    siam = pages / "doi-10-1137-1-9781611978339-16" / "index.md"
    assert (
        f"{siam}:9: publication 'doi-10-1137-1-9781611978339-16': date '-01-01' names no year; "
        "write the date it appeared, e.g. `date: 2025-01-01` (or the year)"
    ) in err
    eikonal = pages / "garcíacastellanos-2025-equivarianteikonalneuralnetworks" / "index.md"
    assert f"{eikonal}:25: url_slides EquivEikonal.pdf is a file of the Hugo site" in out


# --- Hugo Academic links to pages of the old site (MrinankSharma's, a lab's) ---------------


def test_a_link_to_a_page_of_the_old_hugo_site_is_said_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`url_project: "/project/privacy_project"`, a custom link to `../talk/…` and
    `projects: [privacy_project]` link pages of the old site, which the new one does not
    have: they were dropped without a word (a file, `/uploads/x.pdf`, had its note). The
    abstract's relative link (`](../project/…)`) was not said either, only `](/…)`."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "hugo", HERE / "hugo-site-pages") == 0
    out = capsys.readouterr().out
    pages = HERE / "hugo-site-pages" / "content" / "publication"
    dp, vpn = pages / "dp-pvi" / "index.md", pages / "vpn" / "index.md"
    old = (
        "links to a page of the old Hugo site, which this site does not have: not "
        "imported; to keep the link, add the page's new address under the record's links: "
    )
    assert f"{dp}:11: url_project /project/privacy_project {old}(e.g. `project: https://…`)" in out
    assert f"{dp}:18: link 'talk' ../talk/dp-pvi-priml {old}" in out
    assert f"{dp}:19: projects privacy_project (/project/privacy_project/) {old}" in out
    assert (
        f"{vpn}:13: url_project /project/Cross-view Semantic Segmentation for Sensing "
        f"Surroundings/ {old}"
    ) in out
    # the abstract's `[project](../project/privacy_project)`: its words alone, said
    assert (
        f"{dp}:3: publication 'dp-pvi': the text's links or pictures to "
        "'../project/privacy_project' are kept as text only"
    ) in out
    assert "priml-workshop" not in out  # an address of its own is no page of the old site
    found = records_by_title(site)
    vpn_links = titled(found, "Cross-view")["links"]
    assert vpn_links["poster"] == "https://decisionforce.github.io/VPN/"  # kept, as before
    assert "project" not in vpn_links
    # `url_slides:` empty and `slides: ""` are no link; the sixth: Mrinank Sharma's and
    # Bowen Pan's papers, on Kaile Wang's site, are Kaile Wang's
    assert out.count("note: ") == 6
    assert "note: 2 of the 2 new records name none of the site's authors" in out
    # an address without its https://, which Hugo read as a page of the site too
    page = tmp_path / "old" / "content" / "publication" / "tool" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: A Tool\nauthors: [Ann Lee]\ndate: 2021\nurl_code: github.com/ann/tool\n---\n",
        encoding="utf-8",
    )
    assert run_import(new_site(tmp_path / "other"), "hugo", tmp_path / "old") == 0
    assert (
        f"{page}:5: url_code github.com/ann/tool has no https://, which Hugo read as a page of "
        "the old site: not imported; add `code: https://github.com/ann/tool` under the "
        "record's links:"
    ) in capsys.readouterr().out


# --- arXiv: a withdrawn paper's note names its entry's line -------------------------------


def test_the_withdrawn_note_names_the_entry_s_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The note on a withdrawn paper named the feed alone, not where the entry is."""
    site = new_site(tmp_path / "site")
    feed = Path(__file__).parent / "fixtures" / "ingest" / "arxiv" / "withdrawn.xml"
    assert run_import(site, "arxiv", feed) == 0
    assert f"note: {feed}:10: arXiv 1206.5538v2 is withdrawn (" in capsys.readouterr().out


# --- al-folio's about page: kramdown's attributes after a link (42Shawn/42Shawn.github.io) -


def test_kramdown_attributes_after_a_link_are_no_part_of_the_bio(tmp_path: Path) -> None:
    """`[Yan Yan](https://…){:style="color: rgb(240, 119, 43); font-weight: 460;"}`: the
    bio showed the attribute list as text."""
    site = new_site(tmp_path / "site", name="Yuzhang Shang")
    assert run_import(site, "alfolio", HERE / "alfolio-42shawn") == 0
    author = yaml.safe_load(
        (site / "content" / "authors" / "yuzhang-shang.yaml").read_text("utf-8")
    )
    assert "{:" not in author["bio"] and "font-weight" not in author["bio"]
    assert "advised by Prof. [Yan Yan](https://tomyan555.github.io/) (now at" in " ".join(
        author["bio"].split()
    )


# --- READMEs' BibTeX with the author's own name in bold ----------------------------------


def test_a_name_set_in_bold_is_the_name(tmp_path: Path) -> None:
    """`author={\\textbf{Hu, Hai} and Chen, Qi …}` (and `{\\bf …}`): BibTeX reads one
    braced surname, and the record named "Hu, Hai", whom the site's Hai Hu was not."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "bibtex", HERE / "readme-bold-names.bib") == 0
    found = records_by_title(site)
    assert titled(found, "MonaLog")["authors"][:2] == ["Hai Hu", "Qi Chen"]
    assert titled(found, "Exploring reduced")["authors"][:2] == ["M.T. Curie", "M.R. Halfmoon"]
    assert titled(found, "Bi-fidelity")["authors"][0] == "N. Cheng"


# --- Hugo Academic: the page's own text beside its abstract --------------------------------


def test_a_hugo_page_s_text_beside_its_abstract_is_noted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page with an `abstract` and text of its own below the front matter (a table of
    figures, "Method pipeline.", as Yida Wang's GM-CML page has): the text was left out
    without a word. The starters' sample text many pages keep is no such text."""
    site = new_site(tmp_path / "site")
    assert run_import(site, "hugo", HERE / "hugo-page-text") == 0
    out = capsys.readouterr().out
    page = HERE / "hugo-page-text" / "content" / "publication" / "wang-2018-gm-cml" / "index.md"
    assert (
        f"{page}:21: publication 'wang-2018-gm-cml': the page's text below its front matter "
        "(14 words) is not imported: the record's text is the page's `abstract`; copy what "
        "you want of the rest into the record's text"
    ) in out
    assert out.count("below its front matter") == 1  # highway-networks: the starter's text


def test_pubmed_full_names_stop_at_a_list_cut_short_or_a_group() -> None:
    """No name is added past the entry's `and others`, and a group's name in the record
    (no `Surname, Given names`) ends what is read of it: the names after keep their
    initials, none is moved to another's place."""
    note = (
        "1873-7064\nSmith, Jane Ann\nOrcid: 0000-0002-1825-0097\nLee, Bo\nGroup Consortium\n"
        "Kim, Min-Ji\nJournal Article\nEngland\n"
        "J Test. 2024 Aug 1;253:109959. doi: 10.1016/j.test.2024.109959."
    )
    cut = f"@article{{a, author = {{Smith, J. A. and others}}, title = {{T}}, year = 2024, note = {{{note}}}}}"
    grouped = (
        "@article{b, author = {Smith, J. A. and Lee, B. and {Group Consortium} and Kim, M.-J.},"
        f" title = {{U}}, year = 2024, note = {{{note}}}}}"
    )
    notes: list[str] = []
    (first,) = parse_bibtex(cut, "x.bib", notes)
    (second,) = parse_bibtex(grouped, "y.bib", notes)
    assert first.authors == ["Jane Ann Smith", "et al."]
    assert second.authors == ["Jane Ann Smith", "Bo Lee", "Group Consortium", "M.-J. Kim"]
    assert not [n for n in notes if "PubMed record" in n]


def test_a_note_s_long_line_of_years_is_read_at_once() -> None:
    """A note is told PubMed's record by its citation's year and DOI: a line of many
    years (`x. 2019 ` 8,000 times, 64 KB) was tried year by year to the line's end: the
    entry took forty seconds to import, and these 12,000 (below the 100,000 characters a
    field may hold) would take a minute and a half, which the suite's durations show (no
    test asserts a time). The citation still tells the record."""
    citation = "J Test. 2024 Aug 1;253:109959. doi: 10.1016/j.test.2024.109959."
    entry = "@article{a, author = {Smith, J. A.}, title = {T}, year = 2024, note = {%s}}"
    notes: list[str] = []
    (long,) = parse_bibtex(
        entry % ("Smith, Jane Ann\nEngland\n" + "x. 2019 " * 12_000), "x.bib", notes
    )
    assert long.authors == ["J. A. Smith"]
    (cited,) = parse_bibtex(entry % f"Smith, Jane Ann\nEngland\n{citation}", "y.bib", notes)
    assert cited.authors == ["Jane Ann Smith"]


# --- an address without its https:// in a Hugo or academicpages link ----------------------


def test_a_hugo_link_s_bare_domain_is_told_apart_from_the_old_site_s_files_and_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A host's name whose https:// was left out and that ends like a file's name (`www.`
    alone, `arxiv.org/pdf/….pdf`, a github.io file) was "a file of the Hugo site (in its
    static/ folder)", with `static/…` to link; it is another site's address, with the
    address to write. A path of the old site keeps the note of a file or of a page."""
    page = tmp_path / "old" / "content" / "publication" / "tool" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: A Tool\nauthors: [Ann Lee]\ndate: 2021\n"
        "url_code: www.annlee.com\n"
        "url_pdf: arxiv.org/pdf/2101.00001.pdf\n"
        "url_slides: annlee.github.io/files/talk.pdf\n"
        "url_poster: files/poster.pdf\n"
        "url_project: project/tool\n"
        "links:\n  - name: Data\n    url: www.annlee.com/data.zip\n---\n",
        encoding="utf-8",
    )
    assert run_import(new_site(tmp_path / "site"), "hugo", tmp_path / "old") == 0
    out = capsys.readouterr().out
    bare = "has no https://, which Hugo read as a page of the old site: not imported; add"
    assert f"{page}:5: url_code www.annlee.com {bare} `code: https://www.annlee.com`" in out
    assert (
        f"{page}:6: url_pdf arxiv.org/pdf/2101.00001.pdf {bare} "
        "`pdf: https://arxiv.org/pdf/2101.00001.pdf`"
    ) in out
    assert f"{page}:7: url_slides annlee.github.io/files/talk.pdf {bare} `slides: https://" in out
    assert f"{page}:12: link 'data' www.annlee.com/data.zip {bare} `data: https://" in out
    assert f"{page}:8: url_poster files/poster.pdf is a file of the Hugo site" in out
    assert f"{page}:9: url_project project/tool links to a page of the old Hugo site" in out
    assert out.count("is a file of the Hugo site") == 1


def test_an_academicpages_link_without_https_is_said_with_the_address_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`paperurl: www.site.com/paper.pdf` or `code: github.com/ann/tool` in a page of
    academicpages was left out without a word (only `/files/…` had a note)."""
    page = tmp_path / "old" / "_publications" / "2021-01-01-tool.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: A Tool\ncollection: publications\ndate: 2021-01-01\n"
        "citation: 'Ann Lee. (2021). A Tool.'\n"
        "paperurl: www.annlee.com/tool.pdf\ncode: github.com/annlee/tool\n"
        "slidesurl: /files/talk.pdf\n---\n",
        encoding="utf-8",
    )
    assert run_import(new_site(tmp_path / "site"), "academicpages", tmp_path / "old") == 0
    out = capsys.readouterr().out
    bare = "has no https://, which Jekyll read as a page of the old site: not imported; add"
    assert (
        f"paperurl www.annlee.com/tool.pdf {bare} `pdf: https://www.annlee.com/tool.pdf` under "
        "the record's links:"
    ) in out
    assert f"code github.com/annlee/tool {bare} `code: https://github.com/annlee/tool`" in out
    assert "slidesurl /files/talk.pdf is a file of the academicpages site" in out


def test_a_link_field_s_scheme_in_capitals_is_an_http_address() -> None:
    """`url = {HTTPS://EXAMPLE.ORG/X}` (a scheme ignores case, as browsers read it) was
    dropped with the note that it is no http(s) address."""
    notes: list[str] = []
    entry = (
        "@misc{a, author = {Smith, J.}, title = {T}, year = 2024, "
        "url = {HTTPS://Example.org/Paper}, pdf = {Http://example.org/p.pdf}}"
    )
    (work,) = parse_bibtex(entry, "x.bib", notes)
    assert work.links == {"paper": "https://Example.org/Paper", "pdf": "http://example.org/p.pdf"}
    assert not [note for note in notes if "http(s)" in note]
