"""Migrating sites as their owners wrote them: files and keys the templates never had."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.ingest.academicpages import authors_from_citation, split_names
from tests.ingest_support import FIXTURES, new_site, read_papers, snapshot

CUSTOM = FIXTURES / "academicpages-custom"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Ann Lee")


def records(site: Path) -> dict[str, tuple[dict[str, Any], str]]:
    return {str(data["title"]): (data, body) for _, data, body in read_papers(site)}


def test_a_readme_or_empty_file_among_the_pages_is_passed_over_with_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Jekyll copies a collection file without front matter as it is; a README.md in
    # _publications stopped the whole import with "no front matter".
    assert main(["import", "academicpages", str(CUSTOM), "--site", str(site)]) == 0
    assert len(records(site)) == 9
    out = capsys.readouterr().out
    for name in ("README.md", "2020-01-01-placeholder.md"):
        assert f"{name}: not a publication page (no '---' front matter" in out


def test_a_folder_of_only_a_readme_is_refused_and_nothing_written(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "old" / "_publications"
    folder.mkdir(parents=True)
    shutil.copy(CUSTOM / "_publications" / "README.md", folder)
    before = snapshot(site)
    assert main(["import", "academicpages", str(folder.parent), "--site", str(site)]) == 1
    assert "no publication page here" in capsys.readouterr().err
    assert snapshot(site) == before


def test_author_names_lose_the_html_and_marks_that_emphasised_them(site: Path) -> None:
    # Sites bold their owner in `authors:` or the citation (`<b><u>Bo Chen</u></b>`,
    # `<strong>Jang, H.</strong>`) and star equal contributions: the records held the
    # tags and stars as part of the names, and the owner was no author of the paper.
    assert main(["import", "academicpages", str(CUSTOM), "--site", str(site)]) == 0
    found = records(site)
    taint, _ = found["µTT: Hardware Design for Speculative Taint Tracking"]
    assert taint["authors"] == [
        "Bora Chen", "Ravi Choudhary", "Kai Khulbe", "Adam Morris", "Chris W. Fletcher"
    ]  # fmt: skip
    snn, _ = found["Realtime Spiking Networks for Neural Decoding"]
    assert snn["authors"] == ["J Krause", "A Vasile", "K Knobloch", "J Becker"]
    rag, _ = found["RAG 기반 대학 규정 검색 챗봇"]
    assert rag["authors"] == ["H. Jang", "Y. Kim"]


def test_keys_sites_add_for_code_arxiv_video_and_abstract_are_kept(site: Path) -> None:
    # `code:`, `arxiv:`, `link:`, `youtube:` and `abstract:` are keys sites add to the
    # template's pages; the Code badge, the arXiv id and the abstract were left behind.
    assert main(["import", "academicpages", str(CUSTOM), "--site", str(site)]) == 0
    found = records(site)
    taint, _ = found["µTT: Hardware Design for Speculative Taint Tracking"]
    assert taint["links"] == {"code": "https://github.com/example-lab/utt"}
    ghosts, _ = found["Ghosts in the Point Clouds: De-glaring LiDAR"]
    assert ghosts["arxiv_id"] == "2305.14753"
    assert ghosts["links"] == {"arxiv": "https://arxiv.org/abs/2305.14753"}
    snn, _ = found["Realtime Spiking Networks for Neural Decoding"]
    assert snn["links"] == {"video": "https://youtu.be/gSUlzdFillU"}
    drive, abstract = found["PneuDrive: An Embedded Pressure Control System"]
    assert drive["links"] == {"paper": "https://ieeexplore.ieee.org/abstract/document/10521958"}
    assert abstract.startswith("In this paper, we present a modular pressure control system")


def test_a_file_linked_from_the_old_sites_root_is_named_with_how_to_keep_it(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `paperurl: '/files/taint.pdf'` (the template's own way to link a file) was dropped
    # without a word; the github.io form of the same link got a note.
    assert main(["import", "academicpages", str(CUSTOM), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert (
        "paperurl /files/taint.pdf is a file of the academicpages site, gone once this site "
        "replaces it; copy it into static/ and link it there (`pdf: static/taint.pdf`"
    ) in out
    assert "slidesurl /files/ghosts/slides.pptx is a file of the academicpages site" in out


def test_liquid_in_a_page_body_is_rendered_as_jekyll_did_not_shown(site: Path) -> None:
    # `{% include citations.html %}` and `{{ page.venue }}` showed as written on the new
    # site: Jekyll had run them; a raw block is kept as its text.
    assert main(["import", "academicpages", str(CUSTOM), "--site", str(site)]) == 0
    found = records(site)
    _, liquid = found["Type Checking Templates"]
    assert " ".join(liquid.split()) == (
        "We type-check the templates published in Journal of Templates, written as "
        "`{{ page.title }}`; see the appendix."
    )  # (`{{ base_path }}/files/appendix.pdf`, a file of the old site: its words alone)
    _, taint = found["µTT: Hardware Design for Speculative Taint Tracking"]
    assert taint.startswith("Speculative execution attacks leak data")


def test_a_page_bodys_headings_and_lists_keep_their_lines_in_the_record(
    site: Path, tmp_path: Path
) -> None:
    # `## Problem` and the line under it were folded into one line, a heading holding the
    # whole paragraph; a list's items ran together into one item.
    assert main(["import", "academicpages", str(CUSTOM), "--site", str(site)]) == 0
    _, ghosts = records(site)["Ghosts in the Point Clouds: De-glaring LiDAR"]
    assert "\n## Problem\nModern LiDARs suffer internal-multipath glare." in ghosts
    page = tmp_path / "hugo" / "content" / "publication" / "lists" / "index.md"
    page.parent.mkdir(parents=True)
    long_item = "a first contribution " * 6
    page.write_text(
        "---\ntitle: Lists in Bodies\nauthors: [Ann Lee]\ndate: 2021-01-01\n---\n"
        f"We contribute:\n- {long_item.strip()}\n- a second one\n\n"
        "### A heading longer than a line of the record would be, kept whole as one line\n"
        "Text under it.\n",
        encoding="utf-8",
    )
    assert main(["import", "hugo", str(tmp_path / "hugo"), "--site", str(site)]) == 0
    _, body = records(site)["Lists in Bodies"]
    lines = body.split("\n")
    assert lines[0] == "We contribute:"
    assert lines[1].startswith("- a first contribution")  # wrapped, within its item
    assert not lines[2].startswith("-") and lines[3] == "- a second one"
    assert lines[5:] == [
        "### A heading longer than a line of the record would be, kept whole as one line",
        "Text under it.",
    ]


def test_a_multilingual_hugo_site_imports_its_english_pages_and_names_the_others(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A multilingual site keeps its pages in content/<language>/publication/: the import
    # said "no content/publication/*/index.md here", and the owner went unnamed.
    source = FIXTURES / "hugo-multilingual"
    assert main(["import", "hugo", str(source), "--site", str(site)]) == 0
    found = records(site)
    assert list(found) == ["LSTM: A Search Space Odyssey"]
    lstm, abstract = found["LSTM: A Search Space Odyssey"]
    assert lstm["authors"][0] == "Klaus Greff"
    assert lstm["venue"] == "IEEE TNNLS"
    assert abstract.startswith("Several variants of the LSTM architecture")
    out = capsys.readouterr().out
    assert f"{source / 'content' / 'zh'}: the pages in another language, not imported" in out


def test_hugo_files_of_the_site_and_its_poster_link_are_not_dropped_unsaid(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `url_pdf: "/uploads/paper.pdf"` (a file of the Hugo site's static/) was dropped
    # without a word, and `url_poster`, a field of every Academic page, was not read.
    source = FIXTURES / "hugo-static-files"
    assert main(["import", "hugo", str(source), "--site", str(site)]) == 0
    option, _ = records(site)["Option Pricing by Stochastic Differential Equations"]
    assert option["links"] == {"poster": "https://example.org/posters/wsc2021-poster.pdf"}
    out = capsys.readouterr().out
    assert (
        "url_pdf /uploads/papers/conferences/WangWSC2021.pdf is a file of the Hugo site (in "
        "its static/ folder), not imported; to link it, copy it into static/ and add "
        "`pdf: static/WangWSC2021.pdf` under the record's links:"
    ) in out
    assert "url_slides slides/wsc2021.pptx is a file of the Hugo site" in out
    assert (
        "link 'supplement' /uploads/papers/WangWSC2021-supplement.pdf is a file of the Hugo "
        "site (in its static/ folder), not imported; to link it, copy it into static/ and add "
        "`supplement: static/WangWSC2021-supplement.pdf` under the record's links:"
    ) in out
    assert "url_video" not in out  # the template's '#' is no file


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("title: Colon: in title\n", ":2: YAML syntax error: mapping values are not allowed in "
         "this context; a value holding `: ` must be in quotes: `title: 'Colon: in title'`"),
        ("title: 'Bad 'quote' title'\n", ":2: YAML syntax error: the value goes on after its "
         "closing quote; put the whole value in quotes, writing a `'` inside single quotes "
         "twice: `title: 'Bad ''quote'' title'`"),
        ("title: Tabs\nauthors:\n\t- Ann Lee\n", ":4: YAML syntax error: found character that "
         "cannot start any token (a tab); indent with spaces, YAML does not allow tabs there"),
    ],
)  # fmt: skip
def test_front_matter_written_wrong_says_how_to_write_it(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], front: str, expected: str
) -> None:
    # The message named PyYAML's problem only ("invalid YAML: did not find expected key");
    # our own records' messages say how to write the line.
    page = tmp_path / "old" / "_publications" / "2020-01-01-page.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"---\n{front}date: 2020-01-01\n---\nText.\n", encoding="utf-8")
    before = snapshot(site)
    assert main(["import", "academicpages", str(page.parent.parent), "--site", str(site)]) == 1
    assert f"{page}{expected}" in capsys.readouterr().err
    assert snapshot(site) == before


def test_a_hugo_site_translated_by_file_name_imports_each_paper_once(site: Path) -> None:
    # `index.en.md` and `index.zh.md` in one bundle (Hugo's translation by file name):
    # the import found no page at all; each paper is read once, in English.
    source = FIXTURES / "hugo-translated"
    assert main(["import", "hugo", str(source), "--site", str(site)]) == 0
    found = records(site)
    assert sorted(found) == [
        "AI Alignment: A Comprehensive Survey",
        "Safe Reinforcement Learning from Human Feedback",
    ]
    safe, abstract = found["Safe Reinforcement Learning from Human Feedback"]
    assert safe["links"] == {"code": "https://github.com/PKU-Alignment/safe-rlhf"}
    assert "@inproceedings{dai2024safe" in safe["bibtex"]  # the bundle's cite.bib
    assert abstract == "We propose Safe RLHF, which decouples helpfulness and harmlessness."


def test_a_hugo_shortcode_within_a_line_of_the_body_is_not_shown(
    site: Path, tmp_path: Path
) -> None:
    # `{{< cite >}}` or `{{% mark %}}` inside a sentence showed on the new site as written.
    page = tmp_path / "hugo" / "content" / "publication" / "cites" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: Shortcodes in Sentences\nauthors: [Ann Lee]\ndate: 2022-02-02\n---\n"
        'We extend {{< cite page="/publication/lists" view="citation" >}} with\n'
        "{{% mark %}}care{{% /mark %}}.\n",
        encoding="utf-8",
    )
    assert main(["import", "hugo", str(tmp_path / "hugo"), "--site", str(site)]) == 0
    assert records(site)["Shortcodes in Sentences"][1] == "We extend with care."


def test_a_hugo_abstract_in_the_front_matter_keeps_its_list(site: Path, tmp_path: Path) -> None:
    # Hugo renders `abstract:` with markdownify: its list items ran together into one.
    page = tmp_path / "hugo" / "content" / "publication" / "listed" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: A Listed Abstract\nauthors: [Ann Lee]\ndate: 2022-02-02\n"
        "abstract: |\n  We make two contributions:\n  - a benchmark;\n  - a baseline.\n---\n",
        encoding="utf-8",
    )
    assert main(["import", "hugo", str(tmp_path / "hugo"), "--site", str(site)]) == 0
    assert records(site)["A Listed Abstract"][1] == (
        "We make two contributions:\n- a benchmark;\n- a baseline."
    )


def test_a_page_jekyll_does_not_publish_is_imported_as_a_draft(site: Path) -> None:
    # `published: false` kept the page off the old site; it was listed on the new one.
    assert main(["import", "academicpages", str(CUSTOM), "--site", str(site)]) == 0
    hidden, _ = records(site)["A Hidden Working Paper"]
    assert hidden["draft"] is True
    assert "draft" not in records(site)["Type Checking Templates"][0]


def test_links_of_a_body_to_the_old_sites_own_pages_are_named_at_import(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `<img src="/files/…">` breaks once the new site replaces the old; only a later
    # `authorsite check` said so. (`[first models](/publication/…)`, a page the import does
    # not bring, keeps its words alone, with a note: see test_import_links.)
    assert main(["import", "academicpages", str(CUSTOM), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert (
        "2025-03-01-realtime-snn.md:1: publication '2025-03-01-realtime-snn': the text links "
        "to /files/2025-03-01-realtime-snn/images/rec_field_old.jpg on the old site, which "
        "this site does not have"
    ) in out
    assert (
        "2025-03-01-realtime-snn.md:21: publication '2025-03-01-realtime-snn': the text's "
        "links or pictures to '/publication/2024-10-01-hybrid-snn' are kept as text only"
    ) in out


def test_html_in_a_title_or_venue_shows_as_jekyll_showed_it(site: Path) -> None:
    # Jekyll renders `title: "... <i>Anopheles</i> ..."` as italics; the new site showed
    # the tags ("&lt;i&gt;Anopheles&lt;/i&gt;").
    assert main(["import", "academicpages", str(CUSTOM), "--site", str(site)]) == 0
    drives, _ = records(site)["Gene Drives in *Anopheles* Mosquitoes"]
    assert drives["venue"] == "Nature Communications"


def test_the_templates_current_publications_csv_is_read_like_its_tsv(site: Path) -> None:
    # academicpages now ships markdown_generator/publications.csv; a row without a page
    # yet was left behind (only publications.tsv was looked for).
    source = FIXTURES / "academicpages-csv"
    assert main(["import", "academicpages", str(source), "--site", str(site)]) == 0
    found = records(site)
    assert sorted(found) == ["Sparse Probing, Revisited", "Steering Vectors at Scale"]
    probing, abstract = found["Sparse Probing, Revisited"]
    assert probing["authors"] == ["A. Lee", "B. Park"]
    assert str(probing["date"]) == "2023-04-12"
    assert probing["venue"] == "Transactions on Machine Learning Research"
    assert probing["type"] == "article"
    assert probing["links"] == {"pdf": "https://openreview.net/pdf?id=abc123XYZ"}
    assert abstract == "We revisit sparse probing of language models, with 12 models."
    _, body = found["Steering Vectors at Scale"]  # the page wins over its row
    assert body == "We steer large models with vectors found by contrast."


def test_pages_in_a_subfolder_of_publications_are_read_as_jekyll_reads_them(
    site: Path,
) -> None:
    # `_publications/2022/x.md`: Jekyll lists it with the others; the import read only
    # the folder's top level.
    assert main(["import", "academicpages", str(CUSTOM), "--site", str(site)]) == 0
    maps, abstract = records(site)["Multiresolution Topographic Maps"]
    assert maps["authors"] == ["A. Lee", "B. Park"]
    assert abstract == "We build topographic maps at many resolutions."


def test_a_citation_in_pubmeds_order_gives_names_a_profile_can_match() -> None:
    # Vancouver (PubMed) writes the surname, then initials without points: the records
    # named "Doe J" and paired "Lee C. Smith AB" as one person.
    citation = "Doe J, Smith AB, Lee C. Title of the paper. J Med Res. 2020;1(2):1-10."
    assert authors_from_citation(citation, "Title of the paper") == [
        "J. Doe",
        "A. B. Smith",
        "C. Lee",
    ]
    assert split_names("Van der Berg JA and Li X") == ["J. A. Van der Berg", "X. Li"]
    # A surname in capitals (`Bo KIM`), initials first (`CC Johnson`): left as written.
    assert split_names("Bo KIM, Ann LEE") == ["Bo KIM", "Ann LEE"]
    assert split_names("CC Johnson, DG Cheney") == ["CC Johnson", "DG Cheney"]


def test_a_page_without_a_title_or_date_says_what_to_add(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "has no date (year)" said what was missing, not what to write where.
    pages = tmp_path / "old" / "_publications"
    pages.mkdir(parents=True)
    (pages / "undated.md").write_text(
        "---\ntitle: Undated\nauthors: [Ann Lee]\n---\n", encoding="utf-8"
    )
    (pages / "2020-01-01-untitled.md").write_text(
        "---\nauthors: [Ann Lee]\n---\n", encoding="utf-8"
    )
    assert main(["import", "academicpages", str(pages.parent), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert (
        f"{pages / 'undated.md'}:1: publication 'undated': has no date; add one to its front "
        "matter, e.g. `date: 2020-01-31` (or the year)"
    ) in err
    assert "'2020-01-01-untitled': has no title; add one to its front matter, e.g. `title:" in err


def test_a_date_written_with_slashes_keeps_its_month_and_day(site: Path, tmp_path: Path) -> None:
    # `date: 2019/10/01` (Jekyll reads it as that day) was dated 2019 alone.
    pages = tmp_path / "old" / "_publications"
    pages.mkdir(parents=True)
    (pages / "slashed.md").write_text(
        "---\ntitle: Slashed\nauthors: [Ann Lee]\ndate: 2019/10/01\n---\n", encoding="utf-8"
    )
    assert main(["import", "academicpages", str(pages.parent), "--site", str(site)]) == 0
    assert str(records(site)["Slashed"][0]["date"]) == "2019-10-01"


def test_a_tsv_pub_date_written_with_slashes_keeps_its_month_and_day(
    site: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "old" / "markdown_generator" / "publications.tsv"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(
        "pub_date\ttitle\tvenue\texcerpt\tcitation\turl_slug\n"
        '2021/03/04\tSlashed Row\tJ. Rows\t\tLee, A. (2021). "Slashed Row."\tslashed\n',
        encoding="utf-8",
    )
    assert main(["import", "academicpages", str(tmp_path / "old"), "--site", str(site)]) == 0
    assert str(records(site)["Slashed Row"][0]["date"]) == "2021-03-04"


def test_a_bundles_page_without_a_language_is_read_before_its_translations(
    site: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "hugo" / "content" / "publication" / "both"
    bundle.mkdir(parents=True)
    for name, title in (("index.md", "Default Language"), ("index.en.md", "English Copy")):
        (bundle / name).write_text(
            f"---\ntitle: {title}\nauthors: [Ann Lee]\ndate: 2020-01-01\n---\n", encoding="utf-8"
        )
    assert main(["import", "hugo", str(tmp_path / "hugo"), "--site", str(site)]) == 0
    assert list(records(site)) == ["Default Language"]


def test_hugo_true_or_false_keys_written_in_quotes_mean_what_they_say(
    site: Path, tmp_path: Path
) -> None:
    # `featured: "false"` made the paper featured (any text is true to Python), and
    # `draft: "true"` was published; Hugo reads both as written.
    folder = tmp_path / "hugo" / "content" / "publication"
    for slug, flags in (("plain", 'featured: "false"'), ("hidden", 'draft: "true"')):
        (folder / slug).mkdir(parents=True)
        (folder / slug / "index.md").write_text(
            f"---\ntitle: Quoted {slug}\nauthors: [Ann Lee]\ndate: 2020-01-01\n{flags}\n---\n",
            encoding="utf-8",
        )
    assert main(["import", "hugo", str(tmp_path / "hugo"), "--site", str(site)]) == 0
    found = records(site)
    assert "featured" not in found["Quoted plain"][0]
    assert found["Quoted hidden"][0]["draft"] is True


def test_a_hugo_publication_folder_named_alone_names_the_sites_owner(site: Path) -> None:
    # `authorsite import hugo content/en/publication`: `admin` was left as written.
    folder = FIXTURES / "hugo-multilingual" / "content" / "en" / "publication"
    assert main(["import", "hugo", str(folder), "--site", str(site)]) == 0
    lstm, _ = records(site)["LSTM: A Search Space Odyssey"]
    assert lstm["authors"][0] == "Klaus Greff"


def test_a_page_with_jekylls_other_markdown_extension_is_read(site: Path, tmp_path: Path) -> None:
    # Jekyll reads `x.markdown` as it reads `x.md`; the import said "no _publications/*.md".
    pages = tmp_path / "old" / "_publications"
    pages.mkdir(parents=True)
    (pages / "2020-01-01-long.markdown").write_text(
        "---\ntitle: Markdown Extension\nauthors: [Ann Lee]\n---\nText.\n", encoding="utf-8"
    )
    assert main(["import", "academicpages", str(pages.parent), "--site", str(site)]) == 0
    assert str(records(site)["Markdown Extension"][0]["date"]) == "2020-01-01"
