"""Migrating from academicpages and Hugo Blox: one command each."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.ingest.academicpages import authors_from_citation, split_names
from tests.ingest_support import FIXTURES, new_site, read_papers, snapshot


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Nelson Bighetti")


def records(site: Path) -> dict[str, tuple[dict[str, Any], str]]:
    return {str(data["title"]): (data, body) for _, data, body in read_papers(site)}


def test_academicpages_markdown_and_tsv(site: Path) -> None:
    source = str(FIXTURES / "academicpages")
    assert main(["import", "academicpages", source, "--site", str(site)]) == 0
    found = records(site)
    # 3 Markdown pages + 3 TSV rows, of which 2 are the same papers as pages.
    assert sorted(found) == [f"Paper About Number {n}" for n in (1, 2, 3, 4)]
    one, body = found["Paper About Number 1"]
    assert one["authors"] == ["You Your Name"]
    assert str(one["date"]) == "2009-10-01"
    assert one["venue"] == "Journal 1"
    assert one["type"] == "article"
    # The template's sample files and its sample text are no paper's (a real site that kept
    # them linked the template's slides2.pdf and showed its instructions as the abstract).
    assert "links" not in one
    assert body == ""
    three, _ = found["Paper About Number 3"]
    assert three["authors"] == ["Y. Name", "J. A. Doe"]
    assert three["venue"] == "Proceedings of the Third Conference"  # the page wins over the TSV
    four, _ = found["Paper About Number 4"]
    assert four["authors"] == ["Your Name", "Octo Cat"]  # an explicit authors list
    two, body_two = found["Paper About Number 2"]  # only in the TSV
    assert str(two["date"]) == "2010-10-01"
    assert body_two == ""  # "This paper is about the number 2.": the template's sample


def test_citation_strings_give_authors_in_either_order() -> None:
    assert authors_from_citation(
        "Smith, J., Doe, A. B., &amp; Lee, K. (2021). &quot;T.&quot; <i>V</i>."
    ) == ["J. Smith", "A. B. Doe", "K. Lee"]
    assert split_names("Jane Smith, John Doe and Kim Lee") == ["Jane Smith", "John Doe", "Kim Lee"]
    assert authors_from_citation("No year here") == []


def test_citations_naming_people_surname_first_give_each_person_once(site: Path) -> None:
    # A real academicpages site (davidvandijcke.github.io): BibTeX's "Last, First and
    # Last, First", Chicago's "Last, First, First Last, and First Last" and SSRN's
    # "..., Title (April 30, 2020)" made 'Van Dijcke' and 'David' two authors, or none.
    source = str(FIXTURES / "academicpages-citations")
    assert main(["import", "academicpages", source, "--site", str(site)]) == 0
    found = {title: data["authors"] for title, (data, _) in records(site).items()}
    assert found[
        "Public response to government alerts saves lives during Russian invasion of Ukraine"
    ] == ["David Van Dijcke", "Mark Polyak", "Austin L. Wright"]
    assert found[
        "Belief in Science Influences Physical Distancing in Response to COVID-19 Lockdown Policies"
    ] == ["Adam Brzezinski", "Valentin Kecht", "David Van Dijcke", "Austin L. Wright"]
    assert found[
        "The Cost of Staying Open: Voluntary Social Distancing and Lockdowns in the US"
    ] == ["Adam Brzezinski", "Valentin Kecht", "David Van Dijcke"]
    assert found["Unmasking Partisanship: How Polarization Influences Public Responses to Collective Risk"] == [
        "Maria Milosh", "Marcus Painter", "Konstantin Sonin", "David Van Dijcke", "Austin L. Wright"
    ]  # fmt: skip


def test_citations_cut_short_with_et_al_or_dated_after_the_names(site: Path) -> None:
    # Ali-Omrani.github.io's TSV: Google Scholar's MLA "Kennedy, Brendan, et al.", ACL's
    # "..., and Morteza Dehghani. 2023. Title" and Chicago's "..., Ali Omrani et al.".
    source = str(FIXTURES / "academicpages-citations")
    assert main(["import", "academicpages", source, "--site", str(site)]) == 0
    found = {title[:30]: data["authors"] for title, (data, _) in records(site).items()}
    assert found["Introducing the Gab Hate Corpu"] == ["Brendan Kennedy", "et al."]
    assert found["Social-Group-Agnostic Bias Mit"] == [
        "Ali Omrani", "Alireza Salkhordeh Ziabari", "Charles Yu", "Morteza Dehghani"
    ]  # fmt: skip
    assert found["The paucity of morality in eve"] == [
        "Mohammad Atari", "Matthias R. Mehl", "Jesse Graham", "Ali Omrani", "et al."
    ]  # fmt: skip


def test_a_tsv_row_written_with_spaces_for_tabs_is_named_as_such(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ck_academicpages.github.io's last row separates its cells with spaces: the import
    # said it "has no title" and "has no authors", of a row that has both.
    source = str(FIXTURES / "academicpages-spaces")
    assert main(["import", "academicpages", source, "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert (
        "publications.tsv:3: row 3 is one cell where the header names 7: its cells are not "
        "separated by tabs (did an editor turn the tabs into spaces?)"
    ) in err
    assert "has no title" not in err


def test_a_page_date_in_another_form_is_dated_by_its_file_name_with_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # davidvandijcke.github.io writes `date: 10/14/21`: the import said "has no date
    # (year)" of a page whose date is written, and stopped.
    source = str(FIXTURES / "academicpages-citations")
    assert main(["import", "academicpages", source, "--site", str(site)]) == 0
    found = records(site)
    data, _ = found[
        "Profiling Insurrection: Characterizing Collective Action Using Mobile Device Data"
    ]
    assert str(data["date"]) == "2021-01-31"
    out = capsys.readouterr().out
    assert "date '01/31/21' is not YYYY-MM-DD; dated 2021-01-31 by its file name" in out


def test_academicpages_links_name_what_they_point_to(site: Path) -> None:
    # austinrsmith.github.io kept the template's sample text and slides2.pdf; its paperurl
    # is the publisher's page ("PDF" on the site); adityafy.github.io's paperurl is a
    # doi.org address, which was a "PDF" link and no DOI.
    source = str(FIXTURES / "academicpages-links")
    assert main(["import", "academicpages", source, "--site", str(site)]) == 0
    found = records(site)
    storm, abstract = found[
        "Investigating the interhemispheric asymmetry in Joule heating during a geomagnetic storm"
    ]
    assert storm["links"] == {
        "paper": "http://agupubs.onlinelibrary.wiley.com/doi/full/10.1029/2023SW003523"
    }
    assert abstract == ""
    beam, _ = found[
        "Fabrication and vibration damping analysis of basalt fiber reinforced composite beam"
    ]
    assert beam["doi"] == "10.1063/1.5120242"
    assert "links" not in beam


def test_the_old_generators_html_link_and_the_sites_own_files(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # diheng.github.io: the older generator wrote "<a href='...'>Download paper here</a>"
    # into the body, which became the abstract's first line, and paperurl is a file of the
    # old site itself, which goes when the new site takes its address.
    source = str(FIXTURES / "academicpages-links")
    assert main(["import", "academicpages", source, "--site", str(site)]) == 0
    thesis, abstract = records(site)[
        "Identity Formation as a Mediator between Early Separation From Parents and "
        "Adolescence Mental Health Issues"
    ]
    assert abstract == (
        "A research examining the attachment theory based on a sample from rural area in China."
    )
    assert thesis["authors"] == ["D. Zhang"]
    assert (
        "paperurl http://diheng.github.io/files/Diheng_Zhang_master_thesis.pdf is a file of the "
        "academicpages site, gone once this site replaces it; copy it into static/ and link it "
        "there (`pdf: static/Diheng_Zhang_master_thesis.pdf` under links:)"
    ) in capsys.readouterr().out


def test_the_templates_sample_publications_left_in_a_site_are_not_imported(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Sites keep academicpages' samples (ck_academicpages.github.io's TSV,
    # davidvandijcke.github.io's pages): they became papers by "You Your Name".
    source = str(FIXTURES / "academicpages-samples")
    assert main(["import", "academicpages", source, "--site", str(site)]) == 0
    assert sorted(records(site)) == [
        "Comorbid interpretation and expectancy bias in social anxiety and alcohol use",
        "How Transferable are Reasoning Patterns in VQA?",
    ]
    out = capsys.readouterr().out
    assert "'Paper Title Number 1' is the academicpages template's sample, not imported" in out
    assert "'Paper Title Number 2' is the academicpages template's sample, not imported" in out


def test_hugo_blox_yaml_toml_admin_and_cite_bib(site: Path) -> None:
    # The starter's sample pages, retitled as a site's own (samples are not imported).
    source = str(FIXTURES / "hugo")
    assert main(["import", "hugo", source, "--site", str(site)]) == 0
    found = records(site)
    assert len(found) == 3
    journal, abstract = found["Our journal article"]
    assert journal["authors"] == ["Nelson Bighetti", "Robert Ford"]  # admin → the site owner
    assert str(journal["date"]) == "2015-09-01"
    # `*Journal of Source Themes, 1*(1)`: its volume and issue are the record's own
    assert (journal["venue"], journal["volume"], journal["issue"]) == (
        "Journal of Source Themes",
        1,
        1,
    )
    assert journal["type"] == "article"
    assert journal["doi"] == "10.5555/555555555"
    assert journal["featured"] is True
    # the sample's placeholders (its code at the template's repository, slideshare.net,
    # youtube.com) are not the paper's links
    assert "links" not in journal
    cite = FIXTURES / "hugo" / "content" / "publication" / "journal-article" / "cite.bib"
    assert str(journal["bibtex"]).strip() == cite.read_text(encoding="utf-8").strip()
    assert abstract.startswith("Lorem ipsum dolor sit amet")
    conference, _ = found["Our conference paper"]  # TOML front matter
    assert conference["authors"] == ["Nelson Bighetti", "Jörg Müller"]
    assert conference["venue"] == "STC 2013"
    assert conference["type"] == "conference"
    assert str(conference["date"]) == "2013-07-01"
    assert conference["links"]["pdf"] == "http://eprints.soton.ac.uk/352095/1/Cushen-IMV2013.pdf"
    preprint, _ = found["Our preprint / working paper"]
    assert preprint["arxiv_id"] == "1512.04133"
    assert preprint["type"] == "preprint"
    assert preprint["links"]["arxiv"] == "https://arxiv.org/abs/1512.04133"


def test_hugo_bad_front_matter_is_located(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "hugo"
    shutil.copytree(FIXTURES / "hugo", copy)
    page = copy / "content" / "publication" / "preprint" / "index.md"
    page.write_text("---\ntitle: ok\nauthors: [admin\ndate: 2020-01-01\n---\n", encoding="utf-8")
    toml = copy / "content" / "publication" / "conference-paper" / "index.md"
    toml.write_text('+++\ntitle = "unclosed\n+++\n', encoding="utf-8")
    before = snapshot(site)
    assert main(["import", "hugo", str(copy), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{page}:3: YAML syntax error: the `[` list that starts on this line is never" in err
    assert f"{toml}:2: invalid TOML" in err  # the line of the unclosed string
    assert snapshot(site) == before


def test_not_a_site_of_that_kind(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["import", "hugo", str(empty), "--site", str(site)]) == 1
    assert main(["import", "academicpages", str(empty), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "no content/publication/*/index.md here" in err
    assert "no _publications/*.md or publications.tsv here" in err


def test_a_hugo_draft_stays_a_draft(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "hugo"
    shutil.copytree(FIXTURES / "hugo", copy)
    page = copy / "content" / "publication" / "preprint" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1))
    assert main(["import", "hugo", str(copy), "--site", str(site)]) == 0
    found = records(site)
    assert found["Our preprint / working paper"][0]["draft"] is True
    assert "draft" not in found["Our journal article"][0]


def test_academicpages_generator_boilerplate_is_not_the_abstract(
    site: Path, tmp_path: Path
) -> None:
    pages = tmp_path / "ap" / "_publications"
    pages.mkdir(parents=True)
    (pages / "2009-10-01-paper-title-number-1.md").write_text(
        '---\ntitle: "Paper About Number 1"\ncollection: publications\n'
        "permalink: /publication/2009-10-01-paper-title-number-1\n"
        "excerpt: 'This paper is about the number 1.'\ndate: 2009-10-01\nvenue: 'Journal 1'\n"
        "paperurl: 'http://academicpages.github.io/files/paper1.pdf'\n"
        "citation: 'Your Name, You. (2009). &quot;Paper About Number 1.&quot; <i>Journal 1</i>. 1(1).'\n"
        "---\nThis paper is about the number 1. The number 2 is left for future work.\n\n"
        "[Download paper here](http://academicpages.github.io/files/paper1.pdf)\n\n"
        'Recommended citation: Your Name, You. (2009). "Paper About Number 1." <i>Journal 1</i>. 1(1).\n',
        encoding="utf-8",
    )
    assert main(["import", "academicpages", str(tmp_path / "ap"), "--site", str(site)]) == 0
    _, body = records(site)["Paper About Number 1"]
    # the generator's lines go, and so does the sample's own sentence as the body: the
    # page's excerpt is the abstract
    assert body.strip() == "This paper is about the number 1."


def test_current_hugo_blox_authors_come_from_data_authors(site: Path) -> None:
    # Hugo Blox now keeps the owner in data/authors/me.yaml and pages list "me".
    source = str(FIXTURES / "hugo-blox")
    assert main(["import", "hugo", source, "--site", str(site)]) == 0
    found = records(site)
    tags, _ = found["Accurate Spatial Calibration of RFID Antennas via Spinning Tags"]
    assert tags["authors"] == ["Kaile Wang", "Lei Yang", "Yunhao Liu"]
    toml, _ = found["Multi-Task Learning of Keyphrase Boundary Classification"]
    assert toml["authors"] == ["Kaile Wang", "Anders Søgaard"]


def test_current_hugo_blox_venue_abstract_heading_and_doi_url(site: Path) -> None:
    source = str(FIXTURES / "hugo-blox")
    assert main(["import", "hugo", source, "--site", str(site)]) == 0
    found = records(site)
    # publication: {name, short_name, pages, ...} is a mapping now, not a string.
    tags, abstract = found["Accurate Spatial Calibration of RFID Antennas via Spinning Tags"]
    assert tags["venue"] == "IEEE ICDCS"
    # The page body's "## Abstract" heading is not part of the abstract.
    assert abstract.startswith("Recent years have witnessed the advance of RFID-based")
    assert "In this paper, we present Tagspin" in abstract
    # doi written as a doi.org address is stored as the DOI itself, case kept.
    privacy, _ = found["Privacy-Preserving Image Retrieval with Encrypted Transformers"]
    assert privacy["doi"] == "10.1109/TCSVT.2024.3370668"
    venue = "IEEE Transactions on Circuits and Systems for Video Technology"
    assert (privacy["venue"], privacy["volume"], privacy["issue"]) == (venue, 34, 8)


def test_a_hugo_cite_bib_of_another_paper_is_not_used(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A real mistake: the page's cite.bib was copied from another paper's folder.
    source = str(FIXTURES / "hugo-blox")
    assert main(["import", "hugo", source, "--site", str(site)]) == 0
    out = capsys.readouterr().out
    kbc, _ = records(site)["Multi-Task Learning of Keyphrase Boundary Classification"]
    assert "doi" not in kbc  # the other paper's DOI (10.18653/v1/K17-1021) would be wrong
    assert "bibtex" not in kbc
    assert kbc["venue"] == "ACL"
    assert "keyphrase-boundaries/cite.bib: not used: it describes 'A Supervised Approach" in out


def test_academicpages_ieee_style_citation_gives_authors(site: Path) -> None:
    source = str(FIXTURES / "academicpages-ieee")
    assert main(["import", "academicpages", source, "--site", str(site)]) == 0
    page, abstract = records(site)['Learning to Rank with "Quotes" & Ampersands']
    assert page["authors"] == ["K. Wang", "J. Müller", "Z. Dupont"]
    assert page["venue"] == "IEEE Transactions on Pattern Analysis and Machine Intelligence"
    assert abstract == "We learn to rank."


def test_academicpages_page_without_readable_authors_says_how_to_fix(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pubs = tmp_path / "old" / "_publications"
    pubs.mkdir(parents=True)
    (pubs / "2018-01-01-talk.md").write_text(
        '---\ntitle: "A Talk"\ncollection: publications\ndate: 2018-01-01\n'
        "venue: 'Somewhere'\ncitation: 'A Talk. Somewhere, 2018.'\n---\n",
        encoding="utf-8",
    )
    before = snapshot(site)
    assert main(["import", "academicpages", str(tmp_path / "old"), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{pubs / '2018-01-01-talk.md'}:1: publication '2018-01-01-talk': has no authors" in err
    assert "add an 'authors:' list to its front matter, e.g. 'authors: [Ada" in err
    assert snapshot(site) == before


def test_academicpages_dates_from_file_names_and_a_spreadsheet_tsv(site: Path) -> None:
    # A page with no date: key (Jekyll dates it by its file name), and a TSV saved from a
    # spreadsheet: CRLF, a quoted cell with "" and a comma, a last row of empty cells.
    source = str(FIXTURES / "academicpages-sheet")
    assert main(["import", "academicpages", source, "--site", str(site)]) == 0
    found = records(site)
    assert sorted(found) == ["A Paper Without a Date Key", 'Title, with "quotes" and a comma']
    page, _ = found["A Paper Without a Date Key"]
    assert str(page["date"]) == "2022-03-15"
    row, abstract = found['Title, with "quotes" and a comma']
    assert row["authors"] == ["K. Wang", "Z. Dupont"]
    assert str(row["date"]) == "2020-05-01"
    assert row["links"] == {"pdf": "http://example.org/p.pdf"}
    assert abstract == "An excerpt."


def test_older_academic_plain_publication_pages_are_read(site: Path) -> None:
    # Academic before v4 kept publications as plain content/publication/<name>.md files
    # (with `selected` for featured); they were skipped without a word.
    source = str(FIXTURES / "hugo-academic")
    assert main(["import", "hugo", source, "--site", str(site)]) == 0
    found = records(site)
    assert sorted(found) == ["A Bundle Page", "Person Re-Identification by Deep Learning"]
    reid, abstract = found["Person Re-Identification by Deep Learning"]
    assert reid["authors"] == ["Kaile Wang", "Jörg Müller"]
    assert reid["venue"] == "IEEE TIP"
    assert reid["featured"] is True
    assert reid["links"]["pdf"] == "https://example.org/reid.pdf"
    assert abstract == "We re-identify people."


def test_academic_url_preprint_gives_the_arxiv_id(site: Path) -> None:
    # url_preprint = "https://arxiv.org/abs/1803.01234v2": the arXiv id, so that an arXiv
    # import later finds this record instead of adding a second one.
    source = str(FIXTURES / "hugo-academic")
    assert main(["import", "hugo", source, "--site", str(site)]) == 0
    reid, _ = records(site)["Person Re-Identification by Deep Learning"]
    assert reid["arxiv_id"] == "1803.01234"
    assert reid["links"]["arxiv"] == "https://arxiv.org/abs/1803.01234"


def test_impossible_dates_in_pages_and_records_are_located(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `date: 2024-02-30` unquoted is a date to YAML, and PyYAML fails with a bare
    # ValueError: in another site's page, and in a record of this site.
    copy = tmp_path / "hugo"
    shutil.copytree(FIXTURES / "hugo", copy)
    page = copy / "content" / "publication" / "preprint" / "index.md"
    page.write_text("---\ntitle: Leap\nauthors: [admin]\ndate: 2024-02-30\n---\n", encoding="utf-8")
    assert main(["import", "hugo", str(copy), "--site", str(site)]) == 1
    assert (
        f"{page}:4: the date 2024-02-30 is no calendar day; write the day it was (e.g. "
        "`date: 2024-01-31`), or its year alone (`date: 2024`)"
    ) in capsys.readouterr().err
    record = site / "content" / "papers" / "mine.md"
    record.write_text(
        "---\ntitle: Mine\nauthors:\n  - Nelson Bighetti\ndate: 2023-02-29\n---\n", encoding="utf-8"
    )
    before = record.read_bytes()
    # The import reads the record as the build does (its date as text), matches against
    # it and leaves it be; the build names the date as it names every field's problem.
    assert (
        main(["import", "academicpages", str(FIXTURES / "academicpages"), "--site", str(site)]) == 0
    )
    assert record.read_bytes() == before
    capsys.readouterr()
    assert main(["build", "--site", str(site)]) == 1
    assert (
        "content/papers/mine.md:5: `date` 2023-02-29 is not a calendar day"
        in capsys.readouterr().err
    )


def test_author_data_with_an_impossible_date_does_not_stop_the_import(
    site: Path, tmp_path: Path
) -> None:
    # data/authors/me.yaml holds a CV: `start: 2015-09-31` must not end in a traceback.
    copy = tmp_path / "hugo-blox"
    shutil.copytree(FIXTURES / "hugo-blox", copy)
    me = copy / "data" / "authors" / "me.yaml"
    me.write_text(
        me.read_text(encoding="utf-8") + "education:\n  - degree: PhD\n    start: 2015-09-31\n",
        encoding="utf-8",
    )
    assert main(["import", "hugo", str(copy), "--site", str(site)]) == 0
    assert len(records(site)) == 3


def test_older_academics_custom_links_are_kept(site: Path) -> None:
    # Aariq/my-website: Academic's url_custom ([{name: HTML, url: ...}]) held each page's
    # only link, to the publisher's copy; it was skipped.
    source = str(FIXTURES / "hugo-academic-custom")
    assert main(["import", "hugo", source, "--site", str(site)]) == 0
    found = records(site)
    article, _ = found[
        "Interactive effects of drought severity and simulated herbivory on tea (Camellia "
        "sinensis) volatile and non-volatile metabolites"
    ]
    assert article["links"] == {
        "paper": "https://www.sciencedirect.com/science/article/abs/pii/S009884721831030X"
    }
    chapter, _ = found["Differential Changes in Tea Quality as Influenced by Insect Herbivory"]
    assert chapter["links"]["paper"] == "https://www.springer.com/us/book/9789811321399"
    assert chapter["doi"] == "10.1007/978-981-13-2140-5_9"


def test_hugo_authors_lose_equal_contribution_marks_and_stray_separators(site: Path) -> None:
    # Animadversio.github.io writes "Yuxiu Shao†" (equal contribution); a converted list
    # (AshishMahabal/website2024_acad) left "; K. P. Singh". Both were names on the site,
    # and "Binxu Wang†" in the page's JSON-LD.
    assert main(["import", "hugo", str(FIXTURES / "hugo-marks"), "--site", str(site)]) == 0
    found = records(site)
    copy, _ = found["A mechanism for synaptic copy between neural circuits"]
    assert copy["authors"] == ["Yuxiu Shao", "Binxu Wang", "Andrew T Sornborger", "Louis Tao"]
    dust, _ = found["A Dust Lane in the Radio galaxy 3C270"]
    assert dust["authors"] == ["Ashish Mahabal", "Ajit Kembhavi", "K. P. Singh", "P. N. Bhat"]


def test_academic_toml_pages_keep_their_names_links_and_arxiv_ids(site: Path) -> None:
    # Four Academic sites' TOML pages: the template's own "__**David Jones**__" to bold the
    # owner, url_custom "Source code", url_arxiv, a links entry "arXiv" to the PDF and
    # <br/><br/> between paragraphs. The name kept its underscores, the code link and both
    # arXiv ids were lost (the arxiv link was a PDF), and the paragraphs ran together.
    source = str(FIXTURES / "hugo-academic-toml")
    assert main(["import", "hugo", source, "--site", str(site)]) == 0
    found = records(site)
    effect, _ = found[
        "Prompt2Effect: Training-Free Image-to-Video Model Specialization via LoRA Generation"
    ]
    assert effect["authors"][2] == "Gordon Guocheng Qian"
    balanced, _ = found["Class-Balanced Loss Based on Effective Number of Samples"]
    assert balanced["authors"][0] == "Yin Cui"
    assert balanced["arxiv_id"] == "1901.05555"
    gist, _ = found["Sketching Image Gist: Human-Mimetic Hierarchical Scene Graph Generation"]
    assert gist["arxiv_id"] == "2007.08760"
    assert gist["links"]["arxiv"] == "https://arxiv.org/abs/2007.08760"
    firmament, abstract = found["Firmament: Fast, Centralized Cluster Scheduling at Scale"]
    assert firmament["links"] == {
        "project": "http://firmament.io/",
        "pdf": "https://www.usenix.org/system/files/conference/osdi16/osdi16-gog.pdf",
        "code": "https://github.com/camsas/firmament",
    }
    assert "<br" not in abstract and abstract.count("\n\n") == 2


def test_a_hugo_venue_shows_its_text_and_gives_the_arxiv_id_it_names(site: Path) -> None:
    # Academic sites write `publication = "In [*Proceedings of ECCV*](https://...)"` and
    # "4<sup>th</sup> International Conference": the site showed the brackets and tags.
    source = str(FIXTURES / "hugo-academic-venues")
    assert main(["import", "hugo", source, "--site", str(site)]) == 0
    found = {data["title"][:20]: data for data, _ in records(site).values()}
    assert {title: data["venue"] for title, data in found.items()} == {
        "Embedded Model Predi": "4th International Conference for Convergence in Technology "
        "(I2CT), IEEE, Mangalore, India.",
        "Sketching Image Gist": "Proceedings of European Conference on Computer Vision (ECCV)",
        "The hidden linear st": "NeurIPS 2023 Workshop on Diffusion Models (arXiv:2311.10892)",
    }
    # Animadversio.github.io names a paper's arXiv id only in its venue; it had none.
    assert found["The hidden linear st"]["arxiv_id"] == "2311.10892"
    assert found["The hidden linear st"]["links"] == {"arxiv": "https://arxiv.org/abs/2311.10892"}


def test_a_hugo_venue_linked_to_an_address_with_parentheses_shows_its_text() -> None:
    from generator.ingest.hugo import _plain

    venue = "In [*Foo (FOO)*](https://en.wikipedia.org/wiki/Foo_(conference)), 2020"
    assert _plain(venue) == "Foo (FOO), 2020"


def test_a_pdf_in_a_hugo_page_folder_is_copied_and_linked(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # AlexandreAmice.github.io keeps each paper's PDF beside its page; the import left it
    # behind without a word, then with a note to copy it by hand.
    source = str(FIXTURES / "hugo-bundle-pdf")
    assert main(["import", "hugo", source, "--site", str(site)]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("pdf "))
    copy = line.split(" -> ")[1]
    assert line.startswith("pdf       content/publication/amice-2022-poset/amice-2022-poset.pdf")
    ((data, _),) = records(site).values()
    assert data["links"]["pdf"] == copy
    pdf = FIXTURES / "hugo-bundle-pdf/content/publication/amice-2022-poset/amice-2022-poset.pdf"
    assert (site / copy).read_bytes() == pdf.read_bytes()


def test_two_pdfs_in_a_hugo_page_folder_are_named_with_how_to_link_them(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # which of them is the paper the import cannot tell (a `supplement.pdf` says what it
    # is: tests/test_import_pdfs.py)
    source = tmp_path / "old"
    shutil.copytree(FIXTURES / "hugo-bundle-pdf", source)
    bundle = source / "content" / "publication" / "amice-2022-poset"
    shutil.copy(bundle / "amice-2022-poset.pdf", bundle / "extended.pdf")
    assert main(["import", "hugo", str(source), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert (
        "amice-2022-poset.pdf: a PDF in the page's folder, not imported; to link it, copy it "
        "into static/ and add `pdf: static/amice-2022-poset.pdf` under the record's links:"
    ) in out
    assert "extended.pdf: a PDF in the page's folder, not imported" in out
    assert not (site / "static" / "papers").exists()


def test_an_arxiv_id_written_unquoted_keeps_its_zeros(site: Path) -> None:
    # Hugo Blox pages write `hugoblox: ids: arxiv: 2502.07786` unquoted: YAML (and TOML)
    # read a number, so 2502.07780 became 2502.0778 and 0901.1230 became 901.123, and the
    # page linked another paper or none.
    assert main(["import", "hugo", str(FIXTURES / "hugo-blox-ids"), "--site", str(site)]) == 0
    found = {data["title"][:20]: data for data, _ in records(site).values()}
    assert found["Counterexample Guide"]["arxiv_id"] == "2502.07780"
    assert found["Counterexample Guide"]["doi"] == "10.1609/aaai.v39i1.32046"
    assert found["A Toml Page Naming a"]["arxiv_id"] == "1412.6520"
    assert found["A Yaml Page Naming a"]["arxiv_id"] == "0901.1230"


def test_hugo_values_of_an_unexpected_form_are_named(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "hugo"
    shutil.copytree(FIXTURES / "hugo", copy)
    pages = copy / "content" / "publication"
    (pages / "preprint" / "index.md").write_text(
        "---\ntitle: Odd\nauthors: {Kaile Wang: 1}\ndate: 2021-01-01\n---\n", encoding="utf-8"
    )
    assert main(["import", "hugo", str(copy), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "publication 'preprint': a value has an unexpected form (authors should be a list" in err
    assert "Traceback" not in err
    # One tag written without the list is one tag, not one per letter.
    (pages / "preprint" / "index.md").write_text(
        "---\ntitle: Odd\nauthors: [admin]\ndate: 2021-01-01\ntags: RFID\n---\n", encoding="utf-8"
    )
    assert main(["import", "hugo", str(copy), "--site", str(site)]) == 0
    odd, _ = records(site)["Odd"]
    assert odd["tags"] == ["RFID"]


def test_one_page_can_be_imported_alone(site: Path) -> None:
    # `authorsite import academicpages _publications/x.md` read the page as a TSV (39
    # problems); `import hugo .../index.md` found "no content/publication here".
    page = FIXTURES / "academicpages" / "_publications" / "2009-10-01-paper-title-number-1.md"
    assert main(["import", "academicpages", str(page), "--site", str(site)]) == 0
    bundle = FIXTURES / "hugo-blox" / "content" / "publications" / "spinning-tags" / "index.md"
    assert main(["import", "hugo", str(bundle), "--site", str(site)]) == 0
    found = records(site)
    assert sorted(found) == [
        "Accurate Spatial Calibration of RFID Antennas via Spinning Tags",
        "Paper About Number 1",
    ]
    tags, _ = found["Accurate Spatial Calibration of RFID Antennas via Spinning Tags"]
    assert tags["authors"][0] == "Kaile Wang"  # "me", from the page's own site


def test_an_owner_without_a_name_is_pointed_out(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The publications folder copied alone: "me" has no data/authors/me.yaml beside it.
    alone = tmp_path / "publications"
    shutil.copytree(FIXTURES / "hugo-blox" / "content" / "publications", alone)
    assert main(["import", "hugo", str(alone), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert f"note: {alone}: the pages name the Hugo Blox user 'me', but neither" in out


def test_a_tsv_date_a_spreadsheet_rewrote_is_named(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tsv = tmp_path / "publications.tsv"
    tsv.write_text(
        "pub_date\ttitle\tvenue\texcerpt\tcitation\turl_slug\n"
        "10/1/2009\tPaper One\tJournal 1\tAbout one.\tWang, K. (2009). One.\tpaper-one\n"
        "2010-10-01\tPaper Two\tJournal 1\tAbout two.\tWang, K. (2010). Two.\tpaper-two\n"
        "1/15/2018\tPaper Three\tJournal 1\tAbout three.\tWang, K. (2018). 3.\tpaper-3\n"
        "15.03.2019\tPaper Four\tJournal 1\tAbout four.\tWang, K. (2019). 4.\tpaper-4\n"
        "5/1/17\tPaper Five\tJournal 1\tAbout five.\tWang, K. (2017). 5.\tpaper-5\n"
        "12/31/99\tPaper Six\tJournal 1\tAbout six.\tWang, K. (1999). 6.\tpaper-6\n",
        encoding="utf-8",
    )
    assert main(["import", "academicpages", str(tsv), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    # the day it was, where it can only be one (US month first, German day first)
    assert (
        f"{tsv}:2: row paper-one: pub_date '10/1/2009' is not YYYY-MM-DD (did a spreadsheet "
        "rewrite it?); write it as 2009-10-01 (1 October) or 2009-01-10 (10 January), "
        "whichever it is"
    ) in err
    assert (
        "pub_date '1/15/2018' is not YYYY-MM-DD (did a spreadsheet rewrite it?); write "
        "it as 2018-01-15\n"
    ) in err
    assert (
        "pub_date '15.03.2019' is not YYYY-MM-DD (did a spreadsheet rewrite it?); write "
        "it as 2019-03-15\n"
    ) in err
    # a short date, its year in two digits, as Excel reads one (before: "e.g. 2009-10-01")
    assert (
        "pub_date '5/1/17' is not YYYY-MM-DD (did a spreadsheet rewrite it?); write it as "
        "2017-05-01 (1 May) or 2017-01-05 (5 January), whichever it is\n"
    ) in err
    assert (
        "pub_date '12/31/99' is not YYYY-MM-DD (did a spreadsheet rewrite it?); write it as "
        "1999-12-31\n"
    ) in err
    assert "has no date" not in err


def test_a_publication_type_written_without_the_list_is_read(site: Path, tmp_path: Path) -> None:
    # `publication_types: paper-conference` (or `= "1"` in TOML) instead of a list.
    copy = tmp_path / "hugo"
    shutil.copytree(FIXTURES / "hugo", copy)
    (copy / "content" / "publication" / "preprint" / "index.md").write_text(
        "---\ntitle: Bare Type\nauthors: [admin]\ndate: 2021-01-01\n"
        "publication_types: paper-conference\npublication: ICML\n---\n",
        encoding="utf-8",
    )
    assert main(["import", "hugo", str(copy), "--site", str(site)]) == 0
    bare, _ = records(site)["Bare Type"]
    assert bare["type"] == "conference"


def test_a_link_to_the_arxiv_page_gives_the_arxiv_id(site: Path) -> None:
    """academicpages' paperurl and Hugo's url_pdf are most often the arXiv page or PDF;
    the paper had no arXiv id (on its page, CV, Scholar tags) and an abs page was
    labelled PDF. A later arXiv import now finds the record by its id."""
    assert main(["import", "academicpages", str(FIXTURES / "academicpages-arxiv"),
                 "--site", str(site)]) == 0  # fmt: skip
    assert main(["import", "hugo", str(FIXTURES / "hugo-arxiv"), "--site", str(site)]) == 0
    found = records(site)
    upside, _ = found[
        "Reinforcement Learning Upside Down: Don't Predict Rewards -- Just Map Them to Actions"
    ]
    assert upside["arxiv_id"] == "1912.02875"
    assert upside["links"] == {"arxiv": "https://arxiv.org/abs/1912.02875"}  # not a PDF
    fwp, _ = found["Linear Transformers Are Secretly Fast Weight Programmers"]
    assert fwp["arxiv_id"] == "2102.11174"
    assert fwp["links"]["pdf"] == "https://arxiv.org/pdf/2102.11174"  # the PDF it is
    highway, _ = found["Highway Networks"]
    assert highway["arxiv_id"] == "1505.00387"
    assert highway["links"]["code"] == "https://github.com/flukeskywalker/highway-networks"


def test_academic_4_author_profile_names_the_admin_user(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Academic 4's content/authors/admin/_index.md gives the name as `name:` (later
    versions as `title:`); the records said `admin` as an author, and the import claimed
    no profile names it."""
    assert main(["import", "hugo", str(FIXTURES / "hugo-academic4"), "--site", str(site)]) == 0
    assert "gives a name for it" not in capsys.readouterr().out
    odyssey, _ = records(site)["LSTM: A Search Space Odyssey"]
    assert odyssey["authors"][:2] == ["Klaus Greff", "Rupesh K. Srivastava"]
    assert odyssey["featured"] is True and odyssey["doi"] == "10.1109/TNNLS.2016.2582924"


def test_academicpages_kramdown_attributes_and_an_abstract_label_are_not_abstract(
    site: Path,
) -> None:
    """Jekyll pages end links with kramdown's `{:target="_blank"}` and start bodies with
    "Abstract" or "**Abstract:**"; the site showed `Link{:target="_blank"}` and the label
    as the abstract's first word."""
    for folder in ("academicpages-kramdown", "academicpages-arxiv"):
        assert main(["import", "academicpages", str(FIXTURES / folder), "--site", str(site)]) == 0
    found = records(site)
    _, lifelong = found[
        "Lifelong Hyper-Policy Optimization with Multiple Importance Sampling Regularization"
    ]
    assert lifelong.startswith("Learning in a lifelong setting, where the dynamics")
    assert lifelong.endswith("[[Link](https://arxiv.org/abs/2112.06625)]")
    assert "{:" not in lifelong
    _, fwp = found["Linear Transformers Are Secretly Fast Weight Programmers"]
    assert fwp.startswith("We show the formal equivalence of linearised self-attention")
    _, interpretation = found[
        "Certifying Robustness of Recurrent Networks by Abstract Interpretation"
    ]
    assert " ".join(interpretation.split()) == (  # its first words are no label
        "Abstract interpretation gives sound bounds on what a recurrent network computes; "
        "we make it tight for LSTMs."
    )
