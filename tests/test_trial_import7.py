"""A seventh trial of the importers, on files as publishers, databases, reference
managers and people's sites write them, where the earlier trials had not looked: EDP
Sciences' names braced whole, BibDesk's attachments, NASA ADS's HTML in abstracts,
INSPIRE-HEP's collaborations, patents, al-folio's sample subtitle, academicpages forks
(names between semicolons or in the excerpt, BibTeX in the page, pdfurl and htmlurl,
code blocks in the body) and older Academic sites' names (surname first, PubMed's order)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.ingest_support import FIXTURES, new_site, read_papers
from tests.ingest_support import built_page as _page
from tests.ingest_support import records_by_title as records
from tests.ingest_support import run_import as _import

TRIAL = FIXTURES / "trial7"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Ann Lee")


# --- 1. BibTeX: EDP Sciences' export braces each name whole -----------------------------


def test_edp_sciences_names_braced_whole_are_the_names(site: Path) -> None:
    """A&A's and EPJ Web of Conferences' export writes `{Perren, G. I.} and {V\\'azquez,
    R. A.}`: BibTeX reads each as one surname, and the card showed "Perren, G. I.,
    Vázquez, R. A., Piatti, A. E.", six names or three, with no way to tell."""
    assert _import(site, "bibtex", TRIAL / "edp-sciences.bib") == 0
    found = records(site)
    asteca = found["ASteCA: Automated Stellar Cluster Analysis"]
    assert asteca["authors"] == ["G. I. Perren", "R. A. Vázquez", "A. E. Piatti"]
    assert "{{Perren, G. I.} and {V\\'azquez, R. A.}" in asteca["bibtex"]  # cite.bib as written
    jets = found["Fast Jet Finding in Julia"]
    assert jets["authors"][:2] == ["Graeme Andrew Stewart", "Sanmay Ganguly"]
    # A group's name in braces has no comma: it is the group's, as written.
    assert found["Planck 2013 results. V. LFI calibration"]["authors"] == ["Planck Collaboration"]
    assert main(["build", "--site", str(site)]) == 0
    page = _page(site, "ASteCA: Automated Stellar Cluster Analysis")
    assert "G. I. Perren" in page
    assert "Perren, G. I., " not in page


def test_a_group_braced_beside_names_written_plain_stays_as_written(site: Path) -> None:
    """`{Gaia Collaboration} and Vallenari, A. and …`: only a list braced name by name
    is EDP's; here the braces keep a group's name whole, as BibTeX reads it."""
    assert _import(site, "bibtex", TRIAL / "edp-mixed.bib") == 0
    (gaia,) = records(site).values()
    assert gaia["authors"][:3] == ["Gaia Collaboration", "A. Vallenari", "A. G. A. Brown"]
    assert gaia["authors"][-1] == "et al."


# --- 2. BibTeX: BibDesk's attachments and dates ----------------------------------------


def test_bibdesks_attached_files_and_dates_are_not_published(site: Path) -> None:
    """BibDesk (macOS) keeps each attached PDF as `Bdsk-File-1`, an alias in base64 that
    holds the file's path (`/Users/<name>/Dropbox/…`), and dates each entry: all were
    served in the paper's cite.bib and shown on its page, as Zotero's `file` is not."""
    assert _import(site, "bibtex", TRIAL / "bibdesk.bib") == 0
    found = records(site)
    ads = found[
        "Stellar Properties of Observed Stars Stripped in Binaries in the Magellanic Clouds"
    ]
    berg = found["The multiple bodies of the medical record: Toward a sociology of an artifact"]
    for record in (ads, berg):
        kept = record["bibtex"].lower()
        for private in ("bdsk-file-1", "ynbsaxn0", "date-added", "date-modified", "to-read"):
            assert private not in kept
    assert "bdsk-url-1 = {https://doi.org/10.3847/1538-4357/ace5a3}" in ads["bibtex"]  # a web page
    assert "journal = {\\apj}" in ads["bibtex"]
    assert berg["bibtex"].rstrip().endswith("Year = {1997},\n}")
    assert main(["build", "--site", str(site)]) == 0
    served = "".join(
        p.read_text(encoding="utf-8") for p in (site / "output" / "papers").rglob("*.*")
    )
    assert "Users/ann" not in served and "YnBsaXN0" not in served


# --- 3. BibTeX: NASA ADS's abstracts ---------------------------------------------------


def test_ads_sub_and_superscripts_in_an_abstract_are_read_not_shown_as_tags(site: Path) -> None:
    """NASA ADS writes an abstract's sub- and superscripts in HTML: the page showed
    "10<SUP>3</SUP>-10<SUP>5</SUP> L <SUB>⊙</SUB>" where Semantic Scholar's and
    OpenAlex's same markup is read as what it means."""
    assert _import(site, "bibtex", TRIAL / "bibdesk.bib") == 0
    title = "Stellar Properties of Observed Stars Stripped in Binaries in the Magellanic Clouds"
    abstract = records(site)[title]["abstract"]
    assert "luminosities (10³-10⁵ L ⊙)" in abstract
    assert "(T eff" in abstract
    assert "SUB" not in abstract and "SUP" not in abstract
    assert "$\\mathrm log g\\sim $ 5" in abstract  # math as written
    assert main(["build", "--site", str(site)]) == 0
    page = _page(site, title)
    assert "10³-10⁵" in page
    assert page.count("T &lt;SUB&gt;eff") == 1  # in the BibTeX shown to cite, as written


# --- 4. BibTeX: INSPIRE-HEP's collaborations -------------------------------------------


def test_inspires_collaboration_leads_a_list_cut_short(site: Path) -> None:
    """INSPIRE gives a collaboration's paper as `author = "Aad, Georges and others"`,
    `collaboration = "ATLAS"`: every card of an ATLAS member's papers said "Georges Aad
    et al.", the collaboration INSPIRE and arXiv name as the author left out."""
    assert _import(site, "bibtex", TRIAL / "inspire-collaborations.bib") == 0
    found = records(site)
    chargino = next(r for t, r in found.items() if t.startswith("Search for chargino"))
    assert chargino["authors"] == ["ATLAS Collaboration", "Georges Aad", "et al."]
    assert 'collaboration = "ATLAS"' in chargino["bibtex"]  # cite.bib as INSPIRE gave it
    gw = found["Observation of Gravitational Waves from a Binary Black Hole Merger"]
    assert gw["authors"][:3] == [
        "LIGO Scientific Collaboration",
        "Virgo Collaboration",
        "B.P. Abbott",
    ]
    assert gw["authors"][-1] == "et al."
    # A group named so is not "Particle Data Group Collaboration".
    assert found["Review of particle physics"]["authors"] == [
        "Particle Data Group",
        "S. Navas",
        "et al.",
    ]
    # Eight names in full, "for" ATLAS: the list is theirs, as written.
    itk = found["ATLAS ITk Track Reconstruction with a GNN-based pipeline"]
    assert itk["authors"][0] == "Sylvain Caillou" and len(itk["authors"]) == 8
    assert main(["build", "--site", str(site)]) == 0
    page = _page(site, gw["title"])
    assert "LIGO Scientific Collaboration, Virgo Collaboration, B.P. Abbott" in page


# --- 5. al-folio: the about page's sample subtitle -------------------------------------


@pytest.mark.parametrize("folder", ["alfolio-subtitle", "alfolio-2020"])
def test_al_folios_sample_subtitle_is_no_position(site: Path, folder: str) -> None:
    """al-folio's about page ships `subtitle: <a href='#'>Affiliations</a>. Address.
    Contacts. Motto. Etc.` (before 2021 `description:`, "Moto"), which many sites keep
    (alshedivat/al-folio _pages/about.md): it became the owner's position, shown under
    the name on every page, as it was read without its link before it was compared."""
    assert _import(site, "alfolio", TRIAL / folder) == 0
    (path,) = (site / "content" / "authors").glob("*.yaml")
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "position" not in record
    assert record["bio"] == "I am a PhD student in software security."
    assert main(["build", "--site", str(site)]) == 0
    index = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert "Contacts" not in index


# --- 6. academicpages: names between semicolons ----------------------------------------


def test_academicpages_authors_between_semicolons_are_each_a_name(site: Path) -> None:
    """`authors: "Dhondt, Karel; Le Pochat, Victor; …"`, as Scopus and Web of Science
    list names (a research group's academicpages site, its page
    /publication/epz-inference-attacks): read at its commas, the record named "Dhondt",
    "Karel; Le Pochat", "Victor; Voulimeneas", … "Stijn Wouter; Volckaert"."""
    assert _import(site, "academicpages", TRIAL / "academicpages-semicolons") == 0
    (record,) = records(site).values()
    assert record["authors"] == [
        "Karel Dhondt",
        "Victor Le Pochat",
        "Alexios Voulimeneas",
        "Wouter Joosen",
        "Stijn Volckaert",
    ]


# --- 7. academicpages: BibTeX written in the page --------------------------------------


def test_academicpages_bibtex_written_in_the_page_is_the_records(site: Path) -> None:
    """Some sites write each paper's BibTeX in its page (`bibtex: |`) for their layout to
    show (Soochahn Lee's site, _publications/2021-02-16-fully-leveraging-deep-learning-
    methods-f.md): it was passed over, and a page without a citation was refused for
    naming no authors, though its BibTeX names them."""
    assert _import(site, "academicpages", TRIAL / "academicpages-inline-bibtex") == 0
    (record,) = records(site).values()
    assert record["authors"] == [
        "Jooyoung Kim",
        "Sojung Go",
        "Kyoung Jin Noh",
        "Sang Jun Park",
        "Soochahn Lee",
    ]
    assert record["doi"] == "10.3390/app11041754"
    assert record["bibtex"].startswith("@article{Kim_2021, title={Fully Leveraging")
    # A page with its own authors keeps them, and takes the BibTeX (DistriNet's page).
    assert _import(site, "academicpages", TRIAL / "academicpages-semicolons") == 0
    epz = next(r for t, r in records(site).items() if t.startswith("A Run a Day"))
    assert epz["authors"][0] == "Karel Dhondt"
    assert "@inproceedings{Dhondt2022EPZInferenceAttacks," in epz["bibtex"]
    assert main(["build", "--site", str(site)]) == 0
    assert "series = {CCS &#39;22}" in _page(site, epz["title"])  # the BibTeX to cite


def test_academicpages_pdfurl_and_htmlurl_are_the_papers_links(site: Path) -> None:
    """`pdfurl` and `htmlurl` (Soochahn Lee's site, beside its `codeurl`, which was read)
    were left behind without a word: the paper's page had no PDF and no publisher's link."""
    assert _import(site, "academicpages", TRIAL / "academicpages-url-keys") == 0
    (record,) = records(site).values()
    assert record["links"] == {
        "pdf": "https://drive.google.com/file/d/1yOcb9LkiPwP1qokY2jd6ecOhdFxgeinF/view",
        "paper": "https://www.ingentaconnect.com/content/ist/jist/2016/00000060/00000006/art00011",
    }


# --- 8. academicpages: authors listed in the excerpt ------------------------------------


def test_academicpages_authors_listed_in_the_excerpt_are_the_authors(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Forks show the authors under each title as the page's `excerpt` and give no
    citation (LonglongaaaGo/longlongaaago.github.io _publications/: names with links to
    co-authors' pages, names in Chinese characters): every page was refused for naming
    no authors, and the whole site with them."""
    assert _import(site, "academicpages", TRIAL / "academicpages-excerpt-authors") == 0
    found = records(site)
    exe = found["Diverse facial inpainting guided by exemplars"]
    assert exe["authors"][:3] == ["Wanglong Lu", "Xianta Jiang", "Xiaogang Jin"]
    assert exe["authors"][-1] == "Hanli Zhao"
    cn = found["基于感知去模糊的高效人脸图像修复算法"]
    assert cn["authors"] == ["赵汉理", "刘影", "卢望龙", "金小刚", "黄辉", "史开杭"]
    thesis = found["Generative Models for Semantic Facial Image Editing: Multimodal Approaches"]
    assert thesis["authors"] == ["Wanglong Lu"]
    assert "Wanglong Lu" not in thesis["abstract"]  # the names are no abstract
    out = capsys.readouterr().out
    assert "EXE-GAN.md:1: publication 'EXE-GAN': no citation; the authors are the names" in out


# --- 9. A page body's fenced code block ------------------------------------------------


def test_a_code_block_in_a_page_body_keeps_its_lines(site: Path) -> None:
    """A body's fenced block (the BibTeX under "Recommended citation:",
    LonglongaaaGo/longlongaaago.github.io _publications/tuning_free_latent_diffusion_
    editing.md) was folded into one line: "```" then "@article{…" became the opening
    fence's info string, and the page showed an empty code block."""
    assert _import(site, "academicpages", TRIAL / "academicpages-code-block") == 0
    (path, _, body) = read_papers(site)[0]
    assert "```\n@article{lu2026tuningfree,\n  title={Tuning-Free Latent" in body
    assert "  year={2026}\n}\n```" in body
    assert main(["build", "--site", str(site)]) == 0
    page = (site / "output" / "papers" / path.stem / "index.html").read_text(encoding="utf-8")
    assert "<pre><code>@article{lu2026tuningfree,\n  title={Tuning-Free Latent" in page


# --- 10. Hugo: names written surname first ---------------------------------------------


def test_a_hugo_author_written_surname_first_is_that_one_name(site: Path) -> None:
    """`authors = ["Izbicki, R.", "Lee, A.B."]` (rizbicki/site content/publication/): the
    card showed "Izbicki, R., Lee, A.B.", two names or four, where each is one person."""
    assert _import(site, "hugo", TRIAL / "hugo-inverted-names") == 0
    for record in records(site).values():
        assert record["authors"] == ["R. Izbicki", "A.B. Lee"]


def test_hugo_authors_in_pubmeds_order_are_the_names_a_profile_matches(site: Path) -> None:
    """`authors = ["**Hsieh NH**", "Reisfeld B", "Bois FY", "Chiu WA*"]` (nanhung/nanhung.me
    content/publication/, as academicpages citations in PubMed's order are read): the
    record named "Hsieh NH", whom no spelling of Nan-Hung Hsieh matches."""
    site = new_site(site.parent / "hsieh", "N. H. Hsieh")
    assert _import(site, "hugo", TRIAL / "hugo-pubmed-names") == 0
    for record in records(site).values():
        assert record["authors"] == ["N. H. Hsieh", "B. Reisfeld", "F. Y. Bois", "W. A. Chiu"]
    assert main(["build", "--site", str(site)]) == 0
    title = "Applying a global sensitivity analysis workflow to improve computational efficiency"
    page = _page(site, f"{title} in physiologically-based pharmacokinetic modeling")
    # the owner, bold, and a link to their profile (the site's root)
    owner = '<strong><a class="member" href="../../">N. H. Hsieh</a></strong>'
    assert f"{owner}, B. Reisfeld, F. Y. Bois" in page


# --- 11. BibTeX: patents ----------------------------------------------------------------


def test_a_patent_is_shown_with_its_number(site: Path) -> None:
    """A `@patent` has no journal: its card and page showed no venue, and the number it
    is known by (`US 5,973,252 A`), which BibTeX's and biblatex's styles print, nowhere."""
    assert _import(site, "bibtex", TRIAL / "patents.bib") == 0
    found = records(site)
    title = "Noise-resilient vasculature localization method with regularized segmentation"
    assert found[title]["venue"] == "United States Patent US63045376"
    assert found["Elektromagnetisches Signalhorn"]["venue"] == "Patent EU-29702195U"
    autotune = found["Pitch Detection and Intonation Correction Apparatus and Method"]
    assert autotune["venue"] == "Patent US 5,973,252 A"
    assert main(["build", "--site", str(site)]) == 0
    assert "Patent US 5,973,252 A" in _page(site, autotune["title"])


def test_biblatexs_older_hyphenation_field_is_the_papers_language(site: Path) -> None:
    """`hyphenation = {german}`, biblatex's older name for `langid`, as its own
    examples (and the files copied from them) still write it: the paper had no language,
    and its German title was read aloud as the site's language."""
    assert _import(site, "bibtex", TRIAL / "patents.bib") == 0
    assert records(site)["Elektromagnetisches Signalhorn"]["language"] == "de"


def test_citeulikes_bookmark_fields_are_not_published(site: Path, tmp_path: Path) -> None:
    """CiteULike's export dates each bookmark (`posted-at`) and names its own ids and links:
    the owner's, not the paper's, as Zotero's `file` is."""
    given = tmp_path / "citeulike.bib"
    given.write_text(
        "@article{citeulike:1234567,\n"
        "  author = {Lee, Ann and Chen, Bo},\n"
        "  title = {{A Study of Things}},\n"
        "  journal = {Journal of Things},\n"
        "  year = {2008},\n"
        "  citeulike-article-id = {1234567},\n"
        "  citeulike-linkout-0 = {http://dx.doi.org/10.1000/things.2008},\n"
        "  posted-at = {2008-03-14 10:21:07},\n"
        "  priority = {2},\n"
        "  doi = {10.1000/things.2008}\n"
        "}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", given) == 0
    (record,) = records(site).values()
    kept = record["bibtex"].lower()
    for private in ("citeulike-article-id", "citeulike-linkout-0", "posted-at", "priority"):
        assert private not in kept
    assert "doi = {10.1000/things.2008}" in record["bibtex"]
