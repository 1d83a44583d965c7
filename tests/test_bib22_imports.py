"""BibTeX files as researchers outside computer science and outside English write them.

Each fixture under tests/fixtures/ingest/bib22/ is a trimmed copy of public BibTeX (from
MathSciNet, zbMATH, HAL and others), its source named in its first lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest.latex import decode
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import built_page, new_site, read_papers, records_by_title, run_import

FIXTURES = INGEST / "bib22"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path)


def test_mathscinet_pages_of_a_numbered_article_are_its_number(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # MathSciNet writes a numbered article's locator in words, `Paper No. 56, 31` (its
    # number, then its count of pages), and the year an issue appeared late after its
    # pages, `33--186 (1978)`. Each was refused as no pages, with a note, and lost.
    assert run_import(site, "bibtex", FIXTURES / "mathscinet-paper-no.bib") == 0
    assert "is not pages" not in capsys.readouterr().err
    records = records_by_title(site)
    pages = {title.split(":")[0]: record.get("pages") for title, record in records.items()}
    assert pages == {
        "RGDBEK": "e70102",
        "Solving elliptic optimal control problems via neural networks and optimality system": 31,
        "A matrix-valued Schoenberg's problem and its applications": 48,
        "Modular curves and the Eisenstein ideal": "33–186",
    }
    # cite.bib keeps MathSciNet's own words
    mazur = records["Modular curves and the Eisenstein ideal"]
    assert "PAGES = {33--186 (1978)}" in mazur["bibtex"]
    assert main(["build", "--site", str(site)]) == 0
    assert "e70102" in built_page(site, next(t for t in records if t.startswith("RGDBEK")))


def test_mathscinet_and_zbmath_journals_are_shown_by_their_full_names(site: Path) -> None:
    # Both give the journal's abbreviation as `journal` and its name as `fjournal` (zbMATH
    # a series' as `fseries`): the card showed "Numer. Linear Algebra Appl.".
    assert run_import(site, "bibtex", FIXTURES / "mathscinet-paper-no.bib") == 0
    assert run_import(site, "bibtex", FIXTURES / "zbmath-msc-keywords.bib") == 0
    venues = {title[:24]: record.get("venue") for title, record in records_by_title(site).items()}
    assert venues["RGDBEK: Randomized Greed"] == "Numerical Linear Algebra with Applications"
    assert venues["Modular curves and the E"] == (
        "Institut des Hautes Études Scientifiques. Publications Mathématiques"
    )
    assert venues["Products in double categ"] == "Theory and Applications of Categories"
    assert venues["Valuations of $p$-adic r"] == "Journal of Number Theory"
    book = records_by_title(site)["Unbounded self-adjoint operators on Hilbert space"]
    assert book["series"] == "Graduate Texts in Mathematics"
    assert book["volume"] == 265
    assert (
        "journal = {J. Number Theory}"
        in records_by_title(site)["Valuations of $p$-adic regulators of cyclic cubic fields"][
            "bibtex"
        ]
    )


def test_zbmath_subject_classes_are_no_tags(site: Path) -> None:
    # zbMATH exports the paper's MSC classes as its `keywords` (`47B25`, `47Axx`, `47-01`):
    # each was a tag on the card, a code no visitor reads.
    assert run_import(site, "bibtex", FIXTURES / "zbmath-msc-keywords.bib") == 0
    for _, data, _ in read_papers(site):
        assert "tags" not in data, data["title"]
    book = records_by_title(site)["Unbounded self-adjoint operators on Hilbert space"]
    assert "Keywords = {47-01,47B25,81Q10,47Axx,47E05,47F05,35Pxx}" in book["bibtex"]


def test_a_hal_software_deposit_links_its_repository_as_code(site: Path) -> None:
    # HAL's `@software` export gives the code's address as biblatex-software's
    # `repository`, its `url` being the HAL page: the record had no code link at all.
    assert run_import(site, "bibtex", FIXTURES / "hal-software.bib") == 0
    record = records_by_title(site)["neural-netz, a Typst Package"]
    assert record["links"] == {
        "code": "https://github.com/edgaremy/neural-netz",
        "paper": "https://hal.science/hal-05401124",
    }


def test_a_japanese_title_with_a_digit_is_not_named_by_the_digit(site: Path) -> None:
    # `…3次元物体…`: the slug was `3`, the one Latin character of the title, so the paper's
    # address was papers/3/; such a title is named as one with none (README: the title in
    # Latin letters, the arXiv id or DOI, the author's name, else the entry's key, else
    # `paper`).
    assert run_import(site, "bibtex", FIXTURES / "japanese-digit-title.bib") == 0
    names = [path.name for path, _, _ in read_papers(site)]
    assert names == ["itayacvim2022.md"]


def test_a_language_named_in_its_own_language_is_the_papers_language(site: Path) -> None:
    # Zotero's items from CNKI keep CNKI's `中文` (`中文;` as biblatex's langid): no
    # language was read, so an English site's page marked these Chinese titles English.
    assert run_import(site, "bibtex", FIXTURES / "zotero-cnki-language.bib") == 0
    languages = {title: record.get("language") for title, record in records_by_title(site).items()}
    assert languages == {
        "面向藏族传统节日的汉藏双语命名实体识别研究": "zh",
        "飞机总体多学科设计优化的现状与发展方向": "zh",
    }
    assert main(["build", "--site", str(site)]) == 0
    assert 'lang="zh"' in built_page(site, "飞机总体多学科设计优化的现状与发展方向")


def test_biblatex_eid_is_the_articles_number_and_hyphen_a_hyphen(site: Path) -> None:
    # biblatex's own example: `eid = 124106` (the article's number, where a paper has
    # pages) was left out, and `methodology\hyphen independent` kept its command in the
    # title shown, and `hyphen` in the slug.
    assert run_import(site, "bibtex", FIXTURES / "biblatex-examples-eid.bib") == 0
    [(path, data, _)] = read_papers(site)
    assert data["title"] == (
        "Computation of methodology-independent ionic solvation free energies from "
        "molecular simulations: I. The electrostatic potential in molecular liquids"
    )
    assert path.name == "computation-of-methodology-independent-ionic-solvation-free.md"
    assert (data["volume"], data["pages"]) == (124, 124106)


def test_a_books_number_in_its_series_is_the_series_volume(site: Path) -> None:
    # biblatex's example `averroes/bland`: `series = {Moreshet …}`, `number = 7`. The
    # number was left out, so the page named the series without the book's place in it.
    assert run_import(site, "bibtex", FIXTURES / "biblatex-examples-series-number.bib") == 0
    [(_, data, _)] = read_papers(site)
    assert data["series"] == "Moreshet: Studies in Jewish History, Literature and Thought"
    assert data["volume"] == 7
    assert main(["build", "--site", str(site)]) == 0
    assert "Literature and Thought 7" in built_page(site, data["title"])


def test_a_translation_without_author_or_editor_is_by_its_translators(site: Path) -> None:
    # A translator's own translation, as biblatex names it (`usetranslator`): it was refused
    # as having no authors, and the message said to add some. They are marked as its
    # translators, as biblatex prints them (see test_import_leftovers6).
    assert run_import(site, "bibtex", FIXTURES / "biblatex-examples-translation.bib") == 0
    record = records_by_title(site)["The Rites of Passage"]
    assert record["authors"] == ["Monika B. Vizedom (trans.)", "Gabrielle L. Caffee (trans.)"]
    assert (record["venue"], record["type"]) == ("University of Chicago Press", "book")


def test_scielos_letters_spelled_as_their_utf8_bytes_are_the_letters(site: Path) -> None:
    # SciELO writes "detecção" as `detec\~A\S\~A\poundso` (Ã § Ã £: its UTF-8 as Latin-1):
    # the entry was refused as garbled ("detecÃ§Ã£o"), though the file is plain ASCII, and
    # BibTeX's split at the `~` made "Jos\~A\copyright Torres" two names' worth of parts.
    assert run_import(site, "bibtex", FIXTURES / "scielo-utf8-in-tex.bib") == 0
    [(_, data, _)] = read_papers(site)
    assert data["title"] == (
        "Processamento digital de imagens para detecção automática de fissuras em "
        "revestimentos cerâmicos de edifícios"
    )
    assert data["venue"] == "Ambiente Construído"
    assert data["authors"][-1] == "Bruno José Torres Fernandes"
    assert (data["date"], data["pages"]) == ("2021-01", "139–147")
    assert r"Jos\~A\copyright Torres" in data["bibtex"]  # cite.bib: as SciELO wrote it


def test_inspires_section_in_the_volume_belongs_to_the_journal(site: Path) -> None:
    # INSPIRE's older BibTeX: `journal = "Phys. Rev."`, `volume = "D97"`. The venue was
    # "Phys. Rev.", one journal for Physical Review A to E, and the volume "D97".
    assert run_import(site, "bibtex", FIXTURES / "spires-section-volume.bib") == 0
    located = {
        title[:24]: (record["venue"], record["volume"], record.get("issue"))
        for title, record in records_by_title(site).items()
    }
    assert located == {
        "Fuzzy dark matter and no": ("Phys. Rev. D", 97, 4),
        "Efficient numerical diag": ("Int. J. Mod. Phys. C", 19, None),
    }


def test_zoteros_pmid_links_pubmed_and_its_abstract_loses_the_pages_tags(site: Path) -> None:
    # `eprinttype = {pmid}` is Zotero's name for biblatex's `pubmed`: no link was made. The
    # BMJ abstract's `{$<$}p{$>$}` showed as "$<$p$>$" before the text and after it.
    assert run_import(site, "bibtex", FIXTURES / "zotero-pmid-abstract-tags.bib") == 0
    records = records_by_title(site)
    tsanas = records[
        "Accurate Telemonitoring of Parkinson's Disease Progression by Noninvasive Speech Tests"
    ]
    assert tsanas["links"] == {"paper": "https://pubmed.ncbi.nlm.nih.gov/19932995/"}
    abstract = " ".join(
        records["Is the Concept of Clinical Equipoise Still Relevant to Research?"][
            "abstract"
        ].split()
    )
    assert abstract.startswith("Spencer Hey, Alex John London, and Charles Weijer argue")
    assert abstract.endswith("align with the norms of clinical practice")


def test_older_zoteros_math_angle_brackets_are_the_characters() -> None:
    # Zotero once wrote a `<` of the text as math, `{$<$}`: "p $<$ 0.05" was shown.
    assert decode(r"p {$<$} 0.05 and q {$>$} 1") == "p < 0.05 and q > 1"


def test_a_german_catalogues_band_is_the_volume(site: Path) -> None:
    # HeBIS writes `volume = {Band 108}`, as `Vol. 108` is `108`: the page showed
    # "Historische Forschungen Band 108" where every other series' volume is a number.
    assert run_import(site, "bibtex", FIXTURES / "hebis-band.bib") == 0
    [(_, data, _)] = read_papers(site)
    assert (data["series"], data["volume"]) == ("Historische Forschungen", 108)


def test_a_hal_deposit_without_url_links_its_hal_page(site: Path) -> None:
    # HAL's export of a deposit with no file gives no URL, only `HAL_ID = {hal-04094850}`:
    # the record linked nothing.
    assert run_import(site, "bibtex", FIXTURES / "hal-id-only.bib") == 0
    [(_, data, _)] = read_papers(site)
    assert data["links"] == {"paper": "https://hal.science/hal-04094850"}
