"""A fourth trial of the importers: re-imports after a correction, and files as other
exporters write them (Web of Science, Scopus, JabRef, Overleaf, Hugo Blox's starter)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES, new_site
from tests.ingest_support import records_by_title as records
from tests.ingest_support import run_import as _import

TRIAL = FIXTURES / "trial4"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Ann Lee")


def _import_bib(site: Path, text: str) -> int:
    """Import one BibTeX file holding ``text`` (kept beside the site, rewritten each time)."""
    bib = site.parent / "mine.bib"
    bib.write_text(text, encoding="utf-8")
    return _import(site, "bibtex", bib)


# --- 1. a title corrected at the source, imported again -----------------------------


def test_a_bibtex_title_corrected_and_imported_again_is_the_same_record(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lee2020cats` retitled in the .bib (no DOI, no arXiv id) made a second record."""
    entry = (
        "@article{{lee2020cats,\n  title = {{{}}},\n  author = {{Lee, Ann and Doe, Jane}},\n"
        "  journal = {{Journal of Cats}},\n  year = {{2020}},\n}}\n"
    )
    assert _import_bib(site, entry.format("Deep Lerning for Cats")) == 0
    capsys.readouterr()
    assert _import_bib(site, entry.format("Learning to Herd Cats: A Survey")) == 0
    out = capsys.readouterr().out
    # One record, whose title (the entry's, as imported) follows the corrected entry.
    assert list(records(site)) == ["Learning to Herd Cats: A Survey"]
    assert "recognised by its BibTeX key lee2020cats" in out
    assert "title updated" in out and "conflict  " not in out


def test_an_academicpages_title_corrected_and_imported_again_is_the_same_record(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page `_publications/2015-10-01-…md` retitled in the old site made a second
    record; the record now says which page it came from."""
    old = tmp_path / "old"
    shutil.copytree(FIXTURES / "academicpages", old)
    assert _import(site, "academicpages", old) == 0
    page = old / "_publications" / "2015-10-01-paper-title-number-3.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            'title: "Paper About Number 3"', 'title: "On the Third Number, Revisited"'
        ),
        encoding="utf-8",
    )
    (old / "markdown_generator" / "publications.tsv").unlink()  # the page alone now
    capsys.readouterr()
    assert _import(site, "academicpages", old / "_publications") == 0  # another folder given
    out = capsys.readouterr().out
    found = records(site)
    assert "On the Third Number, Revisited" not in found
    assert found["Paper About Number 3"]["imported_from"] == (
        "academicpages _publications/2015-10-01-paper-title-number-3.md"
    )
    assert "recognised by its page academicpages _publications/2015-10-01-paper" in out
    assert "0 new" in out


def test_a_hugo_title_corrected_and_imported_again_is_the_same_record(
    site: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old"
    shutil.copytree(FIXTURES / "hugo-blox", old)
    page = old / "content" / "publications" / "spinning-tags" / "index.md"
    text = page.read_text(encoding="utf-8")
    # No DOI or arXiv id to know it by: only its page.
    head, _, rest = text.partition("hugoblox:")
    page.write_text(head + "---" + rest.partition("---")[2], encoding="utf-8")
    assert _import(site, "hugo", old) == 0
    before = len(records(site))
    page.write_text(
        page.read_text(encoding="utf-8").replace("via Spinning Tags", "by Spinning Tags"),
        encoding="utf-8",
    )
    assert _import(site, "hugo", old) == 0
    found = records(site)
    assert len(found) == before
    title = "Accurate Spatial Calibration of RFID Antennas via Spinning Tags"
    assert found[title]["imported_from"] == "hugo publications/spinning-tags"


def test_another_paper_under_a_records_page_or_key_is_still_another_paper(site: Path) -> None:
    """A key (`Wang_2023`) or page reused for another paper of another venue or author is
    no correction: the new paper is added."""
    entry = "@article{{Wang_2023, title = {{{}}}, author = {{Wang, Kaile}}, journal = {{{}}}, year = 2023}}"
    assert _import_bib(site, entry.format("Sparse Probing", "JMLR")) == 0
    assert _import_bib(site, entry.format("Dense Retrieval at Scale", "TACL")) == 0
    assert sorted(records(site)) == ["Dense Retrieval at Scale", "Sparse Probing"]


# --- 2. citation counts in Web of Science's and Scopus's BibTeX ---------------------

BIBTEX = FIXTURES / "bibtex"


def test_web_of_science_times_cited_is_the_papers_citations(site: Path) -> None:
    """`Times-Cited = {{12}}` was left out: the h-index did not count it."""
    assert _import(site, "bibtex", BIBTEX / "trial-web-of-science.bib") == 0
    (paper,) = records(site).values()
    assert paper["citations"] == 12
    assert paper["citations_source"] == "Web of Science"
    assert str(paper["citations_date"]) == "2023-01-01"  # `DA`, the day of the export


def test_scopus_cited_by_note_is_the_papers_citations(site: Path) -> None:
    """`note = {Cited by: 12; All Open Access…}` was dropped as bookkeeping."""
    assert _import(site, "bibtex", BIBTEX / "trial-scopus.bib") == 0
    (paper,) = records(site).values()
    assert paper["citations"] == 12 and paper["citations_source"] == "Scopus"
    assert str(paper["citations_date"]) == "2025-06-02"  # the file's EXPORT DATE
    assert "note" not in paper


def test_an_older_scopus_note_dates_its_own_count(site: Path) -> None:
    text = (
        "@ARTICLE{Lee2019,\n\tauthor = {Lee, Ann},\n\ttitle = {Old Scopus},\n\tyear = {2019},\n"
        "\tjournal = {J},\n\tnote = {Export Date: 1 March 2021; Cited By: 3}\n}\n"
    )
    assert _import_bib(site, text) == 0
    (paper,) = records(site).values()
    assert paper["citations"] == 3 and str(paper["citations_date"]) == "2021-03-01"
    big = text.replace("Cited By: 3", "Cited by: 1,234; All Open Access, Green Open Access")
    assert _import_bib(site, big) == 0
    assert records(site)["Old Scopus"]["citations"] == 1234  # not 1, its first digits


def test_an_older_export_does_not_put_back_an_older_count(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Web of Science file of 2023 imported after a count read later keeps the later."""
    assert _import(site, "bibtex", BIBTEX / "trial-web-of-science.bib") == 0
    (path,) = (site / "content" / "papers").glob("*.md")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("citations: 12", "citations: 40")
        .replace("citations_source: Web of Science", "citations_source: OpenAlex")
        .replace("2023-01-01", "2026-01-01"),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert _import(site, "bibtex", BIBTEX / "trial-web-of-science.bib") == 0
    (paper,) = records(site).values()
    assert paper["citations"] == 40 and paper["citations_source"] == "OpenAlex"
    assert "citations 40 kept (OpenAlex, 2026-01-01)" in capsys.readouterr().out


# --- 3. two DOIs in one field -------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "10.1000/first.1, 10.1000/erratum.2",
        "10.1000/first.1 10.1000/erratum.2",
        "10.1000/first.1; https://doi.org/10.1000/erratum.2",
    ],
)
def test_a_field_of_two_dois_keeps_the_first_and_says_so(
    site: Path, written: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The field was one string that is no DOI: the paper was imported without any."""
    text = (
        "@article{k,\n  title = {Two DOIs},\n  author = {Ann Lee},\n  journal = {J},\n"
        f"  year = {{2021}},\n  doi = {{{written}}}\n}}\n"
    )
    assert _import_bib(site, text) == 0
    (paper,) = records(site).values()
    assert paper["doi"] == "10.1000/first.1"
    out = capsys.readouterr().out
    assert "entry 'k': doi holds 2 DOIs; imported with the first, 10.1000/first.1, without" in out
    assert "erratum.2" in out and "is not a DOI" not in out
    assert main(["build", "--site", str(site)]) == 0


def test_a_sici_doi_with_a_semicolon_is_one_doi(site: Path) -> None:
    sici = "10.1002/(SICI)1097-4636(199711)37:2<241::AID-JBM13>3.0.CO;2-F"
    text = f"@article{{k, title = {{T}}, author = {{Ann Lee}}, year = 1997, doi = {{{sici}}}}}"
    assert _import_bib(site, text) == 0
    (paper,) = records(site).values()
    assert paper["doi"] == sici


# --- 4. Hugo Blox's sample publications ---------------------------------------------


def test_hugo_blox_starters_sample_publications_are_not_imported(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fresh starter's "An example conference paper" by admin and Robert Ford (and the
    journal article and preprint) became the new site's papers."""
    assert _import(site, "hugo", TRIAL / "hugo-starter") == 0
    out = capsys.readouterr().out
    assert list(records(site)) == ["Sparse Probing of Language Models"]
    for title in (
        "An example conference paper",
        "An example journal article",
        "An example preprint / working paper",
    ):
        assert f"{title!r} is the Hugo Blox template's sample, not imported" in out
    # at its title's line, as the other notes name theirs
    page = TRIAL / "hugo-starter" / "content" / "publication" / "preprint" / "index.md"
    assert f"{page}:2: publication 'preprint': 'An example preprint" in out
    assert "Robert Ford" not in out  # no note on the alias of the samples' co-author


def test_a_real_paper_titled_like_a_sample_is_imported(site: Path, tmp_path: Path) -> None:
    page = tmp_path / "old" / "content" / "publication" / "example" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: An Example Journal Article\nauthors: [Ann Lee]\ndate: 2021-05-01\n"
        "publication_types: ['2']\nabstract: How to write one, with examples.\n---\n",
        encoding="utf-8",
    )
    assert _import(site, "hugo", tmp_path / "old") == 0
    assert list(records(site)) == ["An Example Journal Article"]


# --- files as other exporters and templates write them ------------------------------


def test_academicpages_bibtexurl_to_the_old_sites_file_is_the_records_bibtex(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The template's `bibtexurl: '/files/x.bib'` was passed over: no DOI, no cite.bib,
    and the citation's initials (`Lee, A.`) where the .bib has the names."""
    assert _import(site, "academicpages", TRIAL / "academicpages-bibtexurl") == 0
    out = capsys.readouterr().out
    found = records(site)
    sparse = found["Sparse Probes for *BERT*"]
    assert sparse["doi"] == "10.5555/icml.2020.1"
    assert sparse["bibtex"].startswith("@inproceedings{lee2020sparse,")
    assert sparse["authors"] == ["Ann Lee", "Jörg Müller"]
    assert "bibtex" not in found["Probing, Revisited"]  # its .bib is not in the folder
    assert "bibtexurl https://annlee.github.io/files/probing.bib is not a file of the" in out
    assert main(["build", "--site", str(site)]) == 0
    cite = next((site / "output" / "papers").glob("sparse-probes*/cite.bib"))
    assert "10.5555/icml.2020.1" in cite.read_text(encoding="utf-8")


def test_btxdoc_sort_key_and_day_in_the_month_field(site: Path) -> None:
    """`{\\noopsort{Lee}}{van Lee}, Ann` named "Ann Leevan Lee", and `month = aug # "~15"`
    (BibTeX's own way to give a day) dated the paper August alone."""
    assert _import(site, "bibtex", TRIAL / "btxdoc-tricks.bib") == 0
    found = records(site)
    concat = found["Concatenated Strings"]
    assert concat["authors"] == ["Ann van Lee", "Christopher Doe"]
    assert concat["venue"] == "Journal of Machine Learning Research (JMLR)"
    assert str(concat["date"]) == "2021-08-15"
    assert str(found["A Day Before Its Month"]["date"]) == "2019-06-15"


def test_a_jabref_biblatex_library_as_jabref_saves_it(site: Path) -> None:
    """jabref-meta comments, @String concatenation, crossref, biblatex date ranges and
    `eprinttype`, a month with a day range: every paper, none of JabRef's own fields."""
    assert _import(site, "bibtex", TRIAL / "jabref-biblatex.bib") == 0
    found = records(site)
    assert sorted(found) == [
        "A Preprint with archivePrefix",
        "A biblatex Article with a Date Range",
        "Crossref Inheritance in Practice",
        "Sparse Probes for BERT",
    ]
    icml = found["Sparse Probes for BERT"]
    assert icml["venue"] == "Proceedings of the International Conference on Machine Learning"
    assert icml["arxiv_id"] == "2103.01234" and str(icml["date"]) == "2021-07"
    assert "owner" not in icml["bibtex"] and "groups" not in icml["bibtex"]
    assert str(found["A biblatex Article with a Date Range"]["date"]) == "2021-03"
    crossref = found["Crossref Inheritance in Practice"]
    assert crossref["venue"] == "Advances in Neural Information Processing Systems 35"
    assert str(crossref["date"]) == "2022-08-15"
    assert found["A Preprint with archivePrefix"]["category"] == "cs.LG"


def test_an_arxiv_page_past_the_end_beside_the_pages_before_it_is_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A loop fetching `start=0,100,200` of 150 results ends with an empty page: the whole
    import stopped at "the feed has no entries (150 results)"."""
    past = TRIAL / "arxiv-past-the-end.xml"
    assert _import(site, "arxiv", FIXTURES / "arxiv" / "new.xml", past) == 0
    assert len(records(site)) == 3
    out = capsys.readouterr().out
    assert f"note: {past}: the feed has no entries: it starts at result 200 of 150" in out
    assert _import(site, "arxiv", past) == 1  # alone, it is what it says
    assert "past the end" in capsys.readouterr().err


def test_scopus_record_url_is_no_paper_link_beside_the_doi(site: Path) -> None:
    """Scopus's `url` is its own subscriber-only record page; it was the card's paper link."""
    assert _import(site, "bibtex", BIBTEX / "trial-scopus.bib") == 0
    (paper,) = records(site).values()
    assert paper["doi"] == "10.1000/xyz" and "links" not in paper
    kept = (
        "@ARTICLE{k, author = {Lee, Ann}, title = {No DOI}, year = {2020}, journal = {J},"
        " url = {https://www.scopus.com/inward/record.uri?eid=2-s2.0-1&partnerID=40}}"
    )
    assert _import_bib(site, kept) == 0  # without a DOI, it is the one way to the paper
    assert records(site)["No DOI"]["links"]["paper"].startswith("https://www.scopus.com/")


def test_hugo_links_the_site_named_itself_are_kept_under_their_names(site: Path) -> None:
    """`[[url_custom]] name = "Blog post"` was dropped without a word; the starter's own
    "Custom Link" to example.org is no link of the paper, nor is one whose name holds a
    right-to-left override (it stopped the import: the record would not build)."""
    assert _import(site, "hugo", TRIAL / "hugo-custom-links") == 0
    (paper,) = records(site).values()
    assert paper["links"] == {
        "paper": "https://publisher.example.org/article/1",
        "Blog post": "https://annlee.example.org/blog/toml",
        "code": "https://gitlab.example.org/toml",  # `Codes`: a record would call it a typo
    }
    assert main(["build", "--site", str(site)]) == 0


def test_web_of_science_capitals_are_title_case_with_their_acronyms(site: Path) -> None:
    """WoS writes venues in capitals: the card said "JOURNAL OF THINGS" and "2022 IEEE/CVF
    CONFERENCE ON COMPUTER VISION …"; its proceedings' Times-Cited and DA are read too."""
    assert _import(site, "bibtex", TRIAL / "web-of-science-proceedings.bib") == 0
    (paper,) = records(site).values()
    assert paper["venue"] == (
        "2022 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR 2022)"
    )
    assert paper["citations"] == 7 and str(paper["citations_date"]) == "2024-02-29"
    assert "{{2022 IEEE/CVF CONFERENCE ON COMPUTER VISION" in paper["bibtex"]  # as written
    text = (
        "@article{ WOS:2, Author = {Lee, Ann}, Title = {{T}}, Journal = {{IEEE TRANSACTIONS ON"
        " ULTRASONICS FERROELECTRICS AND FREQUENCY CONTROL}}, Journal-ISO = {{IEEE Trans."
        " Ultrason. Ferroelectr. Freq. Control}}, Year = {{2020}}, Unique-ID = {{WOS:2}}}\n"
        "@article{k, author = {Lee, Ann}, title = {U}, journal = {NATURE}, year = {2020}}\n"
    )
    assert _import_bib(site, text) == 0
    found = records(site)
    assert found["T"]["venue"] == (
        "IEEE Transactions on Ultrasonics Ferroelectrics and Frequency Control"
    )
    assert found["U"]["venue"] == "NATURE"  # not Web of Science's: as written


def test_a_note_that_only_says_when_a_page_was_read_is_no_comment(site: Path) -> None:
    """Wikipedia's `[Online; accessed 19-July-2021]` and Overleaf's `Accessed: 2023-01-01`
    were shown on the cards as the papers' comments; "Under review at NeurIPS" still is."""
    assert _import(site, "bibtex", TRIAL / "overleaf-references.bib") == 0
    found = records(site)
    assert "note" not in found["The Art of Probing"]
    assert "note" not in found["A Web Page"]
    assert found["Under Review: Probing Again"]["note"] == "Under review at NeurIPS"
    assert found["The Art of Probing"]["venue"] == "Proc. Natl. Acad. Sci. USA"
    assert "Accessed: 2023-01-01" in found["The Art of Probing"]["bibtex"]  # cite.bib as written


def test_a_nested_crossref_gives_the_grandparents_fields_and_no_dangling_crossref(
    site: Path,
) -> None:
    """paper → @proceedings → @mvproceedings (biber's nested crossref): the paper's cite.bib
    said `crossref = {icml}`, an entry it does not hold, and lost the publisher."""
    assert _import(site, "bibtex", TRIAL / "biblatex-nested-crossref.bib") == 0
    (paper,) = records(site).values()
    assert paper["venue"] == "Proceedings of the 38th International Conference on Machine Learning"
    assert str(paper["date"]) == "2021-07"
    assert "crossref" not in paper["bibtex"]
    assert "publisher = {PMLR}" in paper["bibtex"] and "volume = {139}" in paper["bibtex"]


def test_academic_kickstarts_samples_by_its_author_are_not_imported(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Academic (to 2019) shipped two of George Cushen's papers as its samples; a site
    made then imported them as its owner's papers. On Cushen's own site they are his."""
    kickstart = TRIAL / "hugo-academic-kickstart"
    assert _import(site, "hugo", kickstart) == 0
    assert list(records(site)) == ["Essays on Probing"]
    out = capsys.readouterr().out
    assert "'Mobile visual clothing search' is the Hugo Blox template's sample" in out
    his = tmp_path / "his"
    shutil.copytree(kickstart, his)
    (his / "content" / "authors" / "admin" / "_index.md").write_text(
        '+++\nname = "George Cushen"\n+++\n', encoding="utf-8"
    )
    other = new_site(tmp_path / "other", "George Cushen")
    assert _import(other, "hugo", his) == 0
    assert len(records(other)) == 3


def test_a_hugo_folder_that_now_holds_another_paper_of_the_owner_is_another_paper(
    site: Path, tmp_path: Path
) -> None:
    """The owner first on both, in the sample's folder, years apart: not a correction."""
    page = tmp_path / "old" / "content" / "publication" / "journal-article" / "index.md"
    page.parent.mkdir(parents=True)
    front = "---\ntitle: {}\nauthors: [Ann Lee]\ndate: {}\npublication: J\n---\n"
    page.write_text(front.format("Sparse Probes", "2019-01-01"), encoding="utf-8")
    assert _import(site, "hugo", tmp_path / "old") == 0
    page.write_text(front.format("Dense Retrieval at Scale", "2023-05-01"), encoding="utf-8")
    assert _import(site, "hugo", tmp_path / "old") == 0
    assert sorted(records(site)) == ["Dense Retrieval at Scale", "Sparse Probes"]


def test_an_academicpages_row_and_its_page_are_one_key(site: Path, tmp_path: Path) -> None:
    """A record made from the TSV row alone is found by the page generated from it later,
    after its title was corrected."""
    old = tmp_path / "old"
    shutil.copytree(FIXTURES / "academicpages", old)
    for page in (old / "_publications").glob("*.md"):
        page.unlink()
    (old / "_publications" / "README.md").write_text("Pages go here.\n", encoding="utf-8")
    assert _import(site, "academicpages", old) == 0
    found = records(site)
    assert found["Paper About Number 2"]["imported_from"] == (
        "academicpages _publications/2010-10-01-paper-title-number-2.md"
    )
    (old / "markdown_generator" / "publications.tsv").unlink()
    (old / "_publications" / "2010-10-01-paper-title-number-2.md").write_text(
        '---\ntitle: "On the Number Two"\ndate: 2010-10-01\nvenue: "Journal 1"\n'
        "citation: 'Your Name, You. (2010). &quot;On the Number Two.&quot; Journal 1.'\n---\n",
        encoding="utf-8",
    )
    assert _import(site, "academicpages", old) == 0
    assert "On the Number Two" not in records(site)


def test_a_page_retitled_beside_the_tsv_row_it_was_made_from_is_one_paper(
    site: Path, tmp_path: Path
) -> None:
    """The TSV makes the pages once; a title corrected on the page alone gave two records,
    the page's and the row's."""
    old = tmp_path / "old"
    shutil.copytree(FIXTURES / "academicpages", old)
    page = old / "_publications" / "2015-10-01-paper-title-number-3.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("Paper About Number 3", "On the Third Number"),
        encoding="utf-8",
    )
    assert _import(site, "academicpages", old) == 0
    found = records(site)
    assert "Paper About Number 3" not in found
    assert found["On the Third Number"]["venue"] == "Proceedings of the Third Conference"


def test_biblatex_eprints_other_than_arxiv_give_the_papers_page(site: Path) -> None:
    """`eprinttype = {pubmed}` (or hdl, jstor, HAL): the entry's one link was left out."""
    text = (
        "@article{a, author = {Lee, Ann}, title = {In PubMed}, journal = {J}, year = 2020,"
        " eprinttype = {pubmed}, eprint = {12345678}}\n"
        "@thesis{b, author = {Lee, Ann}, title = {In DSpace}, type = {phdthesis},"
        " institution = {MIT}, year = 2019, eprinttype = {hdl}, eprint = {1721.1/12345}}\n"
        "@article{c, author = {Lee, Ann}, title = {On HAL With a Page}, journal = {J},"
        " year = 2018, url = {https://example.org/c}, eprinttype = {HAL}, eprint = {hal-0123}}\n"
    )
    assert _import_bib(site, text) == 0
    found = records(site)
    assert found["In PubMed"]["links"] == {"paper": "https://pubmed.ncbi.nlm.nih.gov/12345678/"}
    assert found["In DSpace"]["links"] == {"paper": "https://hdl.handle.net/1721.1/12345"}
    assert found["On HAL With a Page"]["links"] == {"paper": "https://example.org/c"}
    assert "arxiv_id" not in found["In DSpace"]  # 1721.1… is no arXiv id here
