"""A fifth trial of the importers, on files as people's sites, papers' READMEs and
exporters keep them: marks of equal contribution written in TeX, links written as HTML
or in a url command, names between commas, keys BibTeX refuses, IRIS's and bioRxiv's
exports, biblatex's sets, subtitles and quotes, listing pages and citation styles among
academicpages' publications, Hugo author lists in one string and Hugo Blox's links."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES, new_site, read_papers
from tests.ingest_support import records_by_title as records
from tests.ingest_support import run_import as _import

TRIAL = FIXTURES / "trial5"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Ann Lee")


def _one_page(tmp_path: Path, page: str) -> Path:
    """An academicpages site folder holding one publication page, ``page``."""
    pubs = tmp_path / "old" / "_publications"
    pubs.mkdir(parents=True)
    (pubs / "2020-01-01-page.md").write_text(page, encoding="utf-8")
    return pubs.parent


# --- 1. BibTeX: marks on names written in TeX --------------------------------------


def test_equal_contribution_marks_written_in_tex_are_no_part_of_the_names(site: Path) -> None:
    """`Adria Recasens$^*$` was the name shown ("Adria Recasens$^*$", which no profile
    matches), and cite.bib, its star taken, said `Recasens$^$`, which TeX refuses."""
    assert _import(site, "bibtex", TRIAL / "readme-marks.bib") == 0
    found = records(site)
    gaze = found["Where are they looking?"]
    assert gaze["authors"] == [
        "Adria Recasens",
        "Aditya Khosla",
        "Carl Vondrick",
        "Antonio Torralba",
    ]
    assert 'author = "Adria Recasens and Aditya Khosla and Carl' in gaze["bibtex"]
    assert "$^$" not in gaze["bibtex"]
    assert gaze["note"] == "$^*$ indicates equal contribution"  # a note's math is its text
    safety = found["Safety and Liveness Guarantees through Reach-Avoid Reinforcement Learning"]
    assert safety["authors"] == [
        "Kai-Chieh Hsu",
        "Vicenç Rubies-Royo",
        "Claire J. Tomlin",
        "Jaime F. Fisac",
    ]
    assert "Rubies-Royo and Claire J. Tomlin and Jaime F. Fisac}" in safety["bibtex"]
    coal = found[
        "Strategies to Accelerate US Coal Power Phaseout Using Contextual Retirement Vulnerabilities"
    ]
    assert coal["authors"][:2] == ["Sidney Gathrid", "Jeremy Wayland"]
    lora = found["m-LoRA: Efficient LLM Model Fine-tune and Inference via Multi-Lora Optimization"]
    assert lora["authors"] == ["Ye Zhengmao", "Li Dengchun", "Tian Jingqi"]  # not "Ye* Zhengmao"


# --- 2. BibTeX: a url written in HTML, in a \url command, or on doi.org --------------


def test_a_url_written_as_html_or_in_a_url_command_keeps_its_address(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """4C-multiphysics' papers.bib writes every `url` as `doi:<a href="https://doi.org/…">`:
    each paper lost its DOI, with a note that the address was no address; `url={\\url{…}}`
    lost the link, and the note named `\\urlhttps://…`."""
    assert _import(site, "bibtex", TRIAL / "url-shapes.bib") == 0
    err = capsys.readouterr().err
    assert "not an http(s) address" not in err
    found = records(site)
    haeusel = found[
        "Multi-physics-enhanced Bayesian inverse analysis: Information gain from additional fields"
    ]
    assert haeusel["doi"] == "10.1016/j.cma.2026.118735"
    assert "links" not in haeusel  # the DOI links it
    sinzig = found[
        "Analysis of the Validity of P2D Models for Solid-State Batteries in a Large Parameter Range"
    ]
    assert sinzig["doi"] == "10.1149/1945-7111/ad9a05"  # on dx.doi.org
    flash = found["FLASH：可能是近来最有意思的高效Transformer设计"]
    assert flash["links"] == {"paper": "https://spaces.ac.cn/archives/8934"}


def test_a_url_on_doi_org_alone_is_the_papers_doi(site: Path) -> None:
    """`url = {https://doi.org/10.…}` without a `doi` field: the address was left out (a
    doi.org link is the DOI's) and the DOI not read, so the paper had neither."""
    assert _import(site, "bibtex", TRIAL / "url-shapes.bib") == 0
    paper = records(site)[
        "An in silico Model of the Capturing of Magnetic Nanoparticles in Tumour Spheroids "
        "in the Presence of Flow"
    ]
    assert paper["doi"] == "10.1007/s10544-023-00685-9"


# --- 3. academicpages: what else a site keeps in _publications ----------------------


def test_a_page_listing_the_publications_is_passed_over_and_a_page_without_md_is_read(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """dbanerj5's `_publications/all_papers.md` lists the others (`{% for pub in pubs %}`
    over `site.publications`): it stopped the import, as a paper without authors or date.
    Its `paper2`, saved without `.md`, Jekyll publishes; it was left out without a word."""
    old = tmp_path / "old"
    shutil.copytree(TRIAL / "academicpages-listing", old)
    (old / "_publications" / "figure.png").write_bytes(
        b"\x89PNG\r\n\x1a\n"
    )  # copied, as Jekyll does
    assert _import(site, "academicpages", old) == 0
    captured = capsys.readouterr()
    assert "all_papers.md: a page listing the publications" in captured.out
    assert "figure.png" not in captured.err + captured.out
    found = records(site)
    assert sorted(found) == [
        "Ground-state and spectral properties of the doped one-dimensional optical "
        "Hubbard-Su-Schrieffer-Heeger model",
        "Spectral signatures of residual electron pairing in the extended Hubbard "
        "Su-Schrieffer-Heeger model",
    ]
    paper2 = found[
        "Spectral signatures of residual electron pairing in the extended Hubbard "
        "Su-Schrieffer-Heeger model"
    ]
    assert paper2["doi"] == "10.1103/PhysRevB.111.L241107"
    assert paper2["imported_from"] == "academicpages _publications/paper2"


# --- 4. Hugo: names in one string, or wrapped in links and marks -------------------


def test_hugo_authors_in_one_string_or_in_links_are_each_a_name(site: Path) -> None:
    """`authors = ["A Behrouz, M Santacatterina, R Zabih"]` (Academic's comment says
    "Comma separated list") made one author of the three; `[Lele Chen](https://…) <sup> *
    </sup>` was the name, link and tag and all."""
    assert _import(site, "hugo", TRIAL / "hugo-author-strings") == 0
    found = records(site)
    mamba = (
        "Mambamixer: Efficient selective state space models with dual token and channel selection"
    )
    assert found[mamba]["authors"] == ["A Behrouz", "M Santacatterina", "R Zabih"]
    fossils = found["Automated Segmentation of Synchrotron-Scanned Fossils"]["authors"]
    assert fossils[:3] == ["Melanie A.D. During", "Jordan K. Matelsky", "Fredrik K. Gustafsson"]
    assert len(fossils) == 9
    flash = found["Erasure Coding & Read/Write Separation in Flash Storage"]["authors"]
    assert flash == ["D. Skourtis", "D. Achlioptas", "N. Watkins", "C. Maltzahn", "S. Brandt"]
    lips = found["Lip Movements Generation at a Glance"]["authors"]
    assert lips == ["Lele Chen", "Zhiheng Li", "Ross K Maddox", "Zhiyao Duan", "Chenliang Xu"]
    plume = "A Competitive Algorithm for Online Multi-Robot Exploration of a Translating Plume"
    assert found[plume]["authors"] == ["Yoonchang Sung", "Pratap Tokekar"]  # not "and Pratap"


def test_names_between_commas_are_each_a_name_with_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`author = {Yann LeCun, Leon Bottou, Yoshua Bengio, Pattrick Haffner}` (READMEs'
    BibTeX): BibTeX reads one name, "von Last, Jr, First", and the record named one
    author, "Yoshua Bengio, Pattrick Haffner Yann LeCun Leon Bottou"."""
    assert _import(site, "bibtex", TRIAL / "readme-commas.bib") == 0
    out = capsys.readouterr().out
    found = records(site)
    lenet = found["Gradient Based Learning Applied to Document Recognizition"]
    assert lenet["authors"] == ["Yann LeCun", "Leon Bottou", "Yoshua Bengio", "Pattrick Haffner"]
    resnet = found["Deep Residual Learning for Image Recognition"]
    assert resnet["authors"] == ["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"]
    assert (
        "entry 'LeCun1998': author 'Yann LeCun, Leon Bottou, Yoshua Bengio, Pattrick Haffner' "
        "names several people between commas, which BibTeX reads as one garbled name; "
        "imported as 4 names (write `and` between them in the file)"
    ) in out
    # A name of BibTeX's three parts, its "Jr" one word, is one name, as BibTeX reads it.
    lisp = found["Common LISP: The Language"]
    assert lisp["authors"] == [
        "Guy L. Steele Jr.",
        "Charles Louis Xavier Joseph de la Vallée Poussin",
    ]
    assert "entry 'steele1990': author" not in out


def test_an_entry_without_a_key_is_named_so_with_the_fix(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`@ONLINE{` then `author = "…"`: the entry was "never closed: a `}` is missing in
    its author", which sent a person counting braces that were all there."""
    source = TRIAL / "readme-keyless.bib"
    assert _import(site, "bibtex", source) == 1
    err = capsys.readouterr().err
    assert (
        f"{source}:3: @ONLINE entry has no citation key: its `{{` is followed by its author "
        "field; write a key before it, e.g. `@ONLINE{lee2021,`"
    ) in err
    assert (
        f"{source}:10: @article entry has no citation key: its `{{` is followed by its title" in err
    )
    assert "never closed" not in err
    assert records(site) == {}


def test_an_isbn_given_twice_as_iris_exports_it_is_read_as_bibtex_reads_it(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """IRIS writes a chapter's print and electronic ISBN as two `isbn` fields: each such
    entry was an error, and the whole export was refused. BibTeX reads the first."""
    source = TRIAL / "iris-export.bib"
    assert _import(site, "bibtex", source) == 0
    out = capsys.readouterr().out
    assert (
        f"{source}:13: @inbook entry '11591_526411': `isbn` is given twice (a print and an "
        "electronic number?); the first is read, as BibTeX reads it, and cite.bib keeps both"
    ) in out
    assert (
        f"{source}:67: @inbook entry '11591_345444': `isbn` is given 4 times (a print and an "
        "electronic number?); the first is read, as BibTeX reads it, and cite.bib keeps them all"
    ) in out
    found = records(site)
    assert len(found) == 7
    # IRIS wraps abstracts in quotes, some twice: the abstract is what they wrap.
    semantic = found[
        "A Semantic Framework for Delivery of Context-Aware Ubiquitous Services in Pervasive "
        "Environments"
    ]
    assert semantic["abstract"].startswith("Pervasive environments offer to software")
    assert semantic["abstract"].endswith("environment itself.")
    negotiation = found["Negotiation Policies for Provisioning of Cloud Resources"]
    assert negotiation["abstract"].startswith("Cloud represents today")
    assert negotiation["abstract"].endswith("pay-per-use business model.")
    # Springer's keywords between middle dots are tags each; the book is the venue, not the
    # series IRIS writes in capitals as `journal`.
    grids = found[
        "Smart Communities of Intelligent Software Agents for Collaborating and Semantically "
        "Interoperable Micro-Grids"
    ]
    assert grids["tags"] == ["Multi-agent systems", "Smart grid", "Smart energy"]
    brokering = found[
        "Brokering of cloud infrastructures driven by simulation of scientific workloads"
    ]
    assert brokering["venue"] == "Lecture Notes in Information Systems and Organisation"
    chapter = found[
        "Advanced IT Technologies Applied to Archaeological Park of Norba (Latium, Italy)"
    ]
    assert chapter["doi"] == "10.1007/978-3-031-53555-0_60"
    assert "isbn = {9783031535543}" in chapter["bibtex"]
    assert "isbn = {9783031535550}" in chapter["bibtex"]


def test_academicpages_citations_and_bodies_as_sites_write_them(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Five pages whose import was refused or whose record was wrong: a citation of the
    names alone (`<b>Yiming Zuo</b>, Jia Deng`) or of names then the venue in italics
    named "no authors"; `[[PDF]](https://arxiv.org/abs/…)` above `## Abstract` was the
    abstract's first line, the heading a line of text, and the arXiv id lost; an HTML
    comment kept the "Abstract :" label in; `Chen Z, Wang J, Li B, et al.` were "Chen Z"."""
    assert _import(site, "academicpages", TRIAL / "academicpages-pages") == 0
    found = records(site)
    snp = found["View Synthesis with Sculpted Neural Points"]
    assert snp["authors"] == ["Yiming Zuo", "Jia Deng"]
    assert snp["abstract"] == "We address the task of view synthesis."
    swin = found[
        "Revolutionizing Space Health (Swin-FSR): Advancing Super-Resolution of Fundus Images "
        "for SANS Visual Assessment Technology"
    ]
    assert swin["authors"][0] == "Khondker Fariha Hossain" and len(swin["authors"]) == 5
    assert swin["arxiv_id"] == "2308.06332"
    assert swin["abstract"].startswith("The rapid accessibility of portable")
    maairl = found["Multi-Agent Adversarial Inverse Reinforcement Learning"]
    assert maairl["authors"] == ["Lantao Yu", "Jiaming Song", "Stefano Ermon"]
    assert maairl["arxiv_id"] == "1907.13220"
    assert maairl["links"] == {"arxiv": "https://arxiv.org/abs/1907.13220"}
    assert "Abstract" not in maairl["abstract"] and "[PDF]" not in maairl["abstract"]
    teacher = found["Teacher-Guided Learning for Blind Image Quality Assessment"]
    assert teacher["authors"] == ["Z. Chen", "J. Wang", "B. Li", "et al."]
    zhai = found[
        "Reconstruction of missing points in agricultural machinery trajectory based on "
        "bidirectional adjacent information"
    ]
    assert zhai["abstract"].startswith("Agricultural machinery trajectory data often")


# --- 5. BibTeX: bioRxiv's export, and keys BibTeX refuses --------------------------


def test_a_biorxiv_export_is_a_preprint_and_its_journal_version_the_same_paper(
    site: Path, tmp_path: Path
) -> None:
    """bioRxiv's citation is an `@article` in `journal = {bioRxiv}`: the record was an
    article, so the journal version imported later made a second record of the paper
    (two papers in the list and the metrics), where an arXiv preprint's is one."""
    assert _import(site, "bibtex", TRIAL / "biorxiv-exports.bib") == 0
    found = records(site)
    title = "Fine-tuning sequence-to-expression models on personal genome and transcriptome data"
    assert found[title]["type"] == "preprint"
    assert found[title]["venue"] == "bioRxiv"
    # Its journal version (written for the test, as a publisher's export gives it).
    published = tmp_path / "published.bib"
    published.write_text(
        "@article{rastogi2025,\n  author = {Rastogi, Ruchir and Reddy, Aniketh Janardhan and "
        "Chung, Ryan and Ioannidis, Nilah M.},\n  title = {" + title + "},\n"
        "  journal = {Genome Biology},\n  year = {2025},\n  doi = {10.1186/s13059-025-00001-1},\n}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", published) == 0
    assert len(records(site)) == 2  # the two papers of the file, no third


def test_a_key_with_a_space_or_braces_or_none_is_named_with_the_key_to_write(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """bioRxiv's `@article {Garc{\\'\\i}a Pascual2024.01.29.577802,` "could not be read:
    Expected comma after entry key, but found {"; R's `@Article{,` was imported with the
    key '' and served so in cite.bib, which BibTeX cannot cite."""
    source = TRIAL / "readme-keys.bib"
    assert _import(site, "bibtex", source) == 1
    err = capsys.readouterr().err
    assert (
        f"{source}:3: @article entry 'Garc{{\\'\\i}}a Pascual2024.01.29.577802': a citation key "
        "holds no space, brace or backslash; write it without them, e.g. "
        "`@article{GarciaPascual2024.01.29.577802,`"
    ) in err
    assert (
        f"{source}:16: @article entry has no citation key: nothing comes before its first "
        "comma; write a key there, e.g. `@article{lee2021,`"
    ) in err
    assert records(site) == {}


# --- 6. al-folio: marks before a surname, and its other buttons ----------------------


def test_al_folio_marks_before_a_surname_and_its_poster_supp_and_blog_buttons(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`*Pang, Ce` was shown as "Ce *Pang" (cite.bib had "Pang, Ce"); `poster`, `supp`
    and `blog`, buttons of al-folio's page, were read as its fields and left out, links
    and all; `slides = {x.pdf}`, its assets/pdf/ file, was "not an http(s) address"."""
    source = TRIAL / "alfolio-fork.bib"
    assert _import(site, "bibtex", source) == 0
    out = capsys.readouterr().out
    found = records(site)
    massw = "A Geo-Obfuscation Approach to Protect Worker Location Privacy in Spatial Crowdsourcing Systems"
    assert found[massw]["authors"] == ["Ce Pang", "Chenxi Qiu", "Ning Wang"]
    icdcs = (
        "[A] Distributed Data-Sharing Consensus in Cooperative Perception of Autonomous Vehicles"
    )
    assert found[icdcs]["authors"][1] == "Sourabh Yadav"
    herd = found["Herding Cats at Scale"]
    assert herd["links"] == {
        "poster": "https://example.org/herding-poster.pdf",
        "supplement": "https://example.org/herding-supp.pdf",
        "blog": "https://blog.example.org/herding",
    }
    assert (
        "`slides={herding_slides.pdf}` names a file, not a web address (on an al-folio "
        "site, assets/pdf/herding_slides.pdf); to "
        "link it, copy it into static/ and add `slides: static/herding_slides.pdf`"
    ) in out


def test_a_cyrillic_or_greek_title_names_its_file_in_latin_letters(site: Path) -> None:
    """Every paper titled in Russian or Greek was `paper.md`, `paper-2018.md`, … (and its
    address /papers/paper-2018/): the slug kept Latin letters only."""
    bib = site.parent / "mine.bib"
    bib.write_text(
        "@article{ru1, author={Иванов, Иван}, title={Об одном методе решения уравнений},\n"
        "  journal={Математический сборник}, year={2018}}\n"
        "@article{el1, author={Παπαδόπουλος, Γιώργος}, title={Μια μέθοδος}, journal={Δελτίο},\n"
        "  year={2017}}\n"
        "@article{zh1, author={王, 延峰}, title={深度学习的图像检索方法}, journal={计算机学报},\n"
        "  year={2019}}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", bib) == 0
    names = sorted(path.name for path, _, _ in read_papers(site))
    assert names == ["mia-methodos.md", "ob-odnom-metode-resheniya-uravnenii.md", "paper.md"]


def test_an_mla_citation_inverting_a_first_author_of_two_given_names_is_one_person(
    site: Path,
) -> None:
    """`Davani, Aida Mostafazadeh, et al. "…"` named two people, "Davani" and "Aida
    Mostafazadeh"; `Kennedy, Brendan, et al.` was one already."""
    assert _import(site, "academicpages", TRIAL / "academicpages-tsv") == 0
    found = records(site)
    woah = found["Improving counterfactual generation for fair hate speech detection"]
    assert woah["authors"] == ["Aida Mostafazadeh Davani", "et al."]
    ghc = found[
        "Introducing the Gab Hate Corpus: defining and applying hate-based rhetoric to "
        "social media posts at scale"
    ]
    assert ghc["authors"] == ["Brendan Kennedy", "et al."]
    assert str(found["The paucity of morality in everyday talk"]["date"]) == "2023-04-12"


# --- 7. Hugo Blox: custom links with a label, and its "manuscript" type ------------


def test_hugo_blox_custom_links_by_label_and_manuscripts_as_preprints(
    site: Path, tmp_path: Path
) -> None:
    """`links: [{type: custom, label: Project, url: …}]`, as current Hugo Blox writes a
    link of the site's own, was dropped without a word (only `name:` was read); a
    `publication_types: ["manuscript"]` working paper had no type, so its journal
    version, imported later, made a second record."""
    assert _import(site, "hugo", TRIAL / "hugo-blox-links") == 0
    found = records(site)
    adaptive = found[
        "Training-Free Adaptive Diffusion with Bounded Difference Approximation Strategy"
    ]
    assert adaptive["links"]["project"] == (
        "https://jiakangyuan.github.io/AdaptiveDiffusion-project-page/"
    )
    eprint = found["A Paper on Homomorphic Encryption"]
    assert eprint["links"]["IACR ePrint"] == "https://eprint.iacr.org/2026/1163"
    kernels = found["On-Device Diffusion Kernels"]
    assert kernels["links"] == {"code": "https://github.com/xiaruize0911/MoDiff"}  # its Code badge
    vaa = found["Using Conjoint for Voting Advice Applications"]
    assert vaa["type"] == "preprint"
    published = tmp_path / "published.bib"
    published.write_text(  # written for the test, as a journal's export would give it
        "@article{vaa2027,\n  title = {Using Conjoint for Voting Advice Applications},\n"
        "  author = {Me, Jo and Yamamoto, Teppei and Hino, Airo and Kitano, Yuto and Fahey, "
        "Rob and Hara, Taketo},\n  journal = {Political Analysis},\n  year = {2027},\n"
        "  doi = {10.1017/pan.2027.1},\n}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", published) == 0
    assert len(records(site)) == 4


# --- 8. biblatex: quotes marked in a title --------------------------------------------


def test_biblatex_quotes_in_a_title_are_quotes(site: Path) -> None:
    """biblatex's own examples write `\\mkbibquote{Intention} und \\mkbibquote{…}`: the
    title read "Intention und Intentionalität", its quotes lost."""
    assert _import(site, "bibtex", TRIAL / "biblatex-quotes.bib") == 0
    titles = sorted(records(site))
    assert titles == [
        "Aristotle's “De Motu Animalium”",
        "“Intention” und “Intentionalität” in der Scholastik, bei Brentano und Husserl",
    ]


def test_links_above_an_abstract_heading_keep_the_names_the_page_showed(
    site: Path, tmp_path: Path
) -> None:
    """The links read from above `## Abstract` (a page written for the test in the shape
    of the pages above): ours by their text or a near miss of it (`[Slide]` is `slides`,
    which the build would refuse as a typo), the page's own text for any other."""
    old = _one_page(
        tmp_path,
        "---\ntitle: 'Lead Links'\ncollection: publications\ndate: 2020-01-01\nvenue: 'J'\n"
        "authors: 'Ann Lee'\n---\n[[PDF]](https://x.org/a.pdf) [[Code]](https://github.com/ann/x)"
        ' [[Demo]](https://youtube.com/watch?v=1) [[Slide]](https://x.org/s.pdf) [<a href="'
        'https://x.org/page">Paper</a>]\n\n## Abstract\nText here.\n',
    )
    assert _import(site, "academicpages", old) == 0
    paper = records(site)["Lead Links"]
    assert paper["links"] == {
        "pdf": "https://x.org/a.pdf",
        "code": "https://github.com/ann/x",
        "Demo": "https://youtube.com/watch?v=1",
        "slides": "https://x.org/s.pdf",
        "paper": "https://x.org/page",
    }
    assert paper["abstract"] == "Text here."
    assert main(["build", "--site", str(site)]) == 0


def test_a_biblatex_entry_set_is_no_paper(site: Path) -> None:
    """biblatex's `@set{stdmodel, entryset = {glashow,weinberg,salam}}` groups three
    entries to cite them as one: it was "has no authors", "no date", "no title", and the
    whole file was refused."""
    assert _import(site, "bibtex", TRIAL / "biblatex-set.bib") == 0
    assert sorted(records(site)) == [
        "A Model of Leptons",
        "Partial Symmetries of Weak Interactions",
        "Weak and Electromagnetic Interactions",
    ]


def test_a_biblatex_subtitle_is_part_of_the_title_and_not_lent_by_a_crossref(
    site: Path, tmp_path: Path
) -> None:
    """`title = {The True Frontier}, subtitle = {Confronting …}` showed "The True
    Frontier" alone; a paper without a subtitle of its own would have taken its volume's."""
    assert _import(site, "bibtex", TRIAL / "biblatex-subtitles.bib") == 0
    assert sorted(records(site)) == [
        "CRG-ANL: Constitutional Runtime Governance for AI-Native Learning: Scientific "
        "Operating System",
        "The True Frontier: Confronting and Avoiding the Realities of Space in American "
        "Science Fiction Films",
    ]
    alone = tmp_path / "alone.bib"  # the chapter without its subtitle
    alone.write_text(
        (TRIAL / "biblatex-subtitles.bib")
        .read_text(encoding="utf-8")
        .replace(
            "  subtitle     = {Confronting and Avoiding the Realities of Space in "
            "{American} Science Fiction Films},\n",
            "",
        ),
        encoding="utf-8",
    )
    other = new_site(tmp_path / "other", "Ann Lee")
    assert _import(other, "bibtex", alone) == 0
    assert "The True Frontier" in records(other)


def test_a_biblatex_pubstate_without_a_date_names_what_to_write(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """biblatex's `pubstate = {forthcoming}` stands where the date would be (written for
    the test, as biblatex's manual defines the field): the entry "has no date (year)",
    where a `year = {forthcoming}` was named with what to write."""
    bib = site.parent / "mine.bib"
    bib.write_text(
        "@article{d2,\n  author = {Lee, Ann},\n  title = {Forthcoming},\n  journaltitle = {J},\n"
        "  pubstate = {forthcoming},\n}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", bib) == 1
    assert (
        f"{bib}:5: entry 'd2': pubstate = {{forthcoming}} names no year; write the year it "
        "appears, e.g. year = {2025}"
    ) in capsys.readouterr().err


def test_academicpages_authors_written_as_joss_writes_them_are_their_names(
    site: Path, tmp_path: Path
) -> None:
    """`authors: [{name: …, orcid: …}]`, as JOSS's paper.md writes them (a page written
    for the test with Electrum.jl's paper.md authors): the record listed each as
    "{'name': 'Brandon S. Flores', 'orcid': …}"."""
    old = _one_page(
        tmp_path,
        "---\ntitle: 'Electrum.jl: a kit for building interactive chemical theory tools'\n"
        "collection: publications\ndate: 2024-01-01\nvenue: 'JOSS'\nauthors:\n"
        "  - name: Brandon S. Flores\n    orcid: 0000-0003-0816-4491\n    affiliation: 1\n"
        "    corresponding: true\n  - name: Amber Lim\n    orcid: 0000-0001-9893-1740\n"
        "    affiliation: 1\n---\n",
    )
    assert _import(site, "academicpages", old) == 0
    paper = records(site)["Electrum.jl: a kit for building interactive chemical theory tools"]
    assert paper["authors"] == ["Brandon S. Flores", "Amber Lim"]


def test_al_folios_html_to_the_arxiv_pdf_is_the_arxiv_id_not_a_second_link(site: Path) -> None:
    """`html = {https://arxiv.org/pdf/…}` beside the same `pdf`: the record linked the PDF
    twice, as `pdf` and as `paper` (an `html` to the arXiv page gave the id already)."""
    assert _import(site, "bibtex", TRIAL / "alfolio-3diglab.bib") == 0
    paper = records(site)["How to Blend Concepts in Diffusion Models"]
    assert paper["arxiv_id"] == "2407.14280"
    assert paper["links"] == {
        "arxiv": "https://arxiv.org/abs/2407.14280",
        "pdf": "https://arxiv.org/pdf/2407.14280",
    }


def test_a_cite_bib_bibtex_cannot_read_leaves_its_page_imported_with_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `cite.bib` pasted from bioRxiv (a key with braces and a space) stopped the import
    of every page of the site, though Hugo serves the file as it is."""
    folder = TRIAL / "hugo-biorxiv-cite"
    assert _import(site, "hugo", folder) == 0
    out = capsys.readouterr().out
    cite = folder / "content" / "publication" / "transition-graphs" / "cite.bib"
    assert (
        f"{cite}:1: @article entry 'Garc{{\\'\\i}}a Pascual2024.01.29.577802': a citation key "
        "holds no space, brace or backslash"
    ) in out
    assert "the page is imported without this BibTeX (correct it and import again" in out
    paper = records(site)[
        "Comparing structure and dynamics of transition graphs by the symmetric difference "
        "metric over an edge-filtration"
    ]
    assert paper["doi"] == "10.1101/2024.01.29.577802"
    assert "bibtex" not in paper
