"""Imports of files as researchers' sites and their tools wrote them (trial 25).

Each fixture under tests/fixtures/ingest/real25/ is a trimmed copy of a public file,
named in its first lines and in SOURCES.md there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import bib_site, built_page, new_site, records_by_title, run_import

FIXTURES = INGEST / "real25"


def test_a_pdf_kept_on_github_is_the_papers_pdf_not_its_code(tmp_path: Path) -> None:
    # btskinner/tex_cv keeps its papers' PDFs in the CV's repository and links each as
    # `url = {https://github.com/…/papers/x.pdf}`. The card's Code badge led to the PDF.
    site = new_site(tmp_path, "First M. Last")
    assert run_import(site, "bibtex", FIXTURES / "github-pdf-url.bib") == 0
    paper = records_by_title(site)["Paper four"]
    assert paper["links"] == {
        "pdf": "https://github.com/btskinner/tex_cv/blob/master/papers/last_paper_four.pdf"
    }
    assert main(["build", "--site", str(site)]) == 0
    assert ">Code<" not in (site / "output" / "index.html").read_text("utf-8")


def test_full_width_semicolons_part_chinese_keywords(tmp_path: Path) -> None:
    # liguge/DLWCB cites its paper as CNKI gives it: `keywords = {…; 双向门控循环单元;
    # 标签平滑；故障诊断；少量样本}`. The full-width `；` was no separator: the card showed
    # "标签平滑；故障诊断；少量样本" as one tag.
    site = new_site(tmp_path, "罗浩")
    assert run_import(site, "bibtex", FIXTURES / "cnki-fullwidth-keywords.bib") == 0
    paper = records_by_title(site)["基于Laplace小波卷积和BiGRU的少量样本故障诊断方法"]
    assert paper["tags"] == [
        "拉普拉斯小波卷积核",
        "双向门控循环单元",
        "标签平滑",
        "故障诊断",
        "少量样本",
    ]
    assert paper["authors"] == ["罗浩", "何超", "陈彪", "路颜萍", "张欣", "张利"]


@pytest.mark.parametrize("keywords", ["；；，；", ";;,;", "故障诊断；；，；"])
def test_separators_left_alone_in_keywords_are_no_tag(tmp_path: Path, keywords: str) -> None:
    # `keywords = {；；，；}` gave the card a tag `,`: a part of no letter or digit is none
    entry = (
        "@article{luo2023,\n  title = {Fault Diagnosis},\n  author = {罗浩},\n"
        f"  journal = {{Journal}},\n  year = {{2023}},\n  keywords = {{{keywords}}}\n}}\n"
    )
    site, _ = bib_site(tmp_path, "罗浩", entry)
    expected = ["故障诊断"] if "故障诊断" in keywords else None
    assert records_by_title(site)["Fault Diagnosis"].get("tags") == expected


def test_a_jekyll_scholar_sites_own_link_fields_are_its_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # iyzhang/www's buttons come from fields of its own: `link` (the paper, on arXiv or a
    # file of the site) and `talk` (the talk's video). Both were lost without a word.
    site = new_site(tmp_path, "Irene Zhang")
    capsys.readouterr()
    assert run_import(site, "bibtex", FIXTURES / "jekyll-scholar-links.bib") == 0
    out = " ".join(capsys.readouterr().out.split())
    records = records_by_title(site)
    beehive = records["Beehive: A Flexible Network Stack for Direct-Attached Accelerators"]
    assert beehive["arxiv_id"] == "2403.14770"
    demikernel = records[
        "The Demikernel Datapath OS Architecture for Microsecond-scale Datacenter Systems"
    ]
    assert demikernel["links"] == {
        "code": "https://github.com/demikernel/demikernel",
        "video": "https://youtu.be/DXnFrEBtYVk",
    }
    assert (
        "jekyll-scholar-links.bib:19: entry 'irene_demikernel_sosp': "
        "`link={papers/demikernel-sosp21.pdf}` names a file of the old site, not a web "
        "address; to link it, copy it into static/ and add `pdf: static/demikernel-sosp21.pdf` "
        "under the record's links:"
    ) in out
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, demikernel["title"])
    assert 'href="https://youtu.be/DXnFrEBtYVk"' in page


def test_an_alfolio_forks_zhihu_button_is_a_link(tmp_path: Path) -> None:
    # jindongwang/jindongwang.github.io adds a Zhihu button to al-folio's: `zhihu={https://
    # zhuanlan.zhihu.com/…}`, the paper's post there. It was lost; `special` and `corr`,
    # which hold no address, are no links.
    site = new_site(tmp_path, "Jindong Wang")
    assert run_import(site, "bibtex", FIXTURES / "alfolio-zhihu.bib") == 0
    paper = records_by_title(site)[
        "Slight Corruption in Pre-training Data Makes Better Diffusion Models"
    ]
    assert paper["links"] == {
        "arxiv": "https://arxiv.org/abs/2405.20494",
        "code": "https://github.com/Hhhhhhao/DiffusionNoise",
        "zhihu": "https://zhuanlan.zhihu.com/p/13033256390",
    }


def test_zoteros_copyright_address_is_no_link_of_the_paper(tmp_path: Path) -> None:
    # Zotero exports a journal's terms as `copyright = {https://www.cambridge.org/core/terms}`
    # (HeikeKluever/HeikeKluever.github.io): no link of the paper's, as a site's own are.
    site = new_site(tmp_path, "Heike Klüver")
    assert run_import(site, "bibtex", FIXTURES / "zotero-copyright.bib") == 0
    paper = records_by_title(site)[
        "Measuring Interest Group Framing Strategies in Public Policy Debates"
    ]
    assert paper["links"] == {
        "paper": "https://www.cambridge.org/core/product/identifier/S0143814X14000294/type/"
        "journal_article"
    }


def test_a_latex_cvs_title_written_as_a_link_is_the_title_and_its_link(tmp_path: Path) -> None:
    # PaulTran47/latex-cv-with-biblatex writes each title as `\textit{\href{https://…}{…}}`,
    # the link its CV's PDF follows. The card showed the whole title in italics, and the
    # link was lost; the entry a reader copies carried the `\href` into their bibliography.
    site = new_site(tmp_path, "Paul L. Tran")
    assert run_import(site, "bibtex", FIXTURES / "latex-cv-href-title.bib") == 0
    records = records_by_title(site)
    thesis = records["Mathematically Modelling the Dynamics of Tuberculosis"]
    assert thesis["links"] == {
        "paper": "https://drive.google.com/file/d/0B1o_SCwTPL6TaEZuZ0ZBdXhlRms/view?usp=sharing"
    }
    title = "An Extension to the Profits Theory of Investment: Less Competition, More Growth?"
    assert records[title]["links"] == {
        "paper": "http://economics-files.pomona.edu/garysmith/Econ190/econ190.html"
    }
    assert main(["build", "--site", str(site)]) == 0
    slug = "mathematically-modelling-the-dynamics-of-tuberculosis"
    cite = (site / "output" / "papers" / slug / "cite.bib").read_text("utf-8")
    assert "\\href" not in cite
    assert "Mathematically Modelling the Dynamics of Tuberculosis" in cite


def test_a_url_listing_the_dois_address_and_another_links_the_other(tmp_path: Path) -> None:
    # GermanHCI/website-ng writes `url = {https://doi.org/10.1145/…, https://docs.google.com/…}`.
    # The first address was read with its comma, and the second, the only link the DOI
    # does not give, was lost.
    site = new_site(tmp_path, "Daniel Buschek")
    assert run_import(site, "bibtex", FIXTURES / "acm-two-urls.bib") == 0
    paper = records_by_title(site)["Writer-Defined AI Personas for On-Demand Feedback Generation"]
    assert paper["doi"] == "10.1145/3613904.3642406"
    assert paper["links"] == {
        "paper": "https://docs.google.com/document/d/13OMgbLUoBlZCHXLdj4fkpTl4e6cBaI5L-wnkkNmQHBc"
        "/edit?tab=t.0"
    }


def test_a_sites_github_and_youtube_fields_are_its_code_and_video(tmp_path: Path) -> None:
    # AntoineSimoulin/simoulin.io's own fields `github` and `youtube` drew its buttons. They
    # were lost; as links by their names, the card had no Code badge for the repository.
    site = new_site(tmp_path, "Antoine Simoulin")
    assert run_import(site, "bibtex", FIXTURES / "github-youtube-fields.bib") == 0
    paper = records_by_title(site)[
        "How Many Layers and Why? An Analysis of the Model Depth in Transformers"
    ]
    assert paper["links"] == {
        "pdf": "https://aclanthology.org/2021.acl-srw.23.pdf",
        "video": "https://www.youtube.com/watch?v=wLho6ZIAwrM",
        "code": "https://github.com/AntoineSimoulin/adaptive-depth-transformers",
    }
    assert main(["build", "--site", str(site)]) == 0
    index = (site / "output" / "index.html").read_text("utf-8")
    assert "https://github.com/AntoineSimoulin/adaptive-depth-transformers" in index


def test_a_sites_thumbnail_picture_is_no_link_of_the_paper(tmp_path: Path) -> None:
    # AntoineSimoulin/simoulin.io gives each post the picture its page shows, `thumbnail =
    # {https://miro.medium.com/…}` (with no extension), which is no link of the post's.
    site = new_site(tmp_path, "Antoine Simoulin")
    assert run_import(site, "bibtex", FIXTURES / "blog-thumbnails.bib") == 0
    records = records_by_title(site)
    assert records["My thoughts about NAACL 2022"]["links"] == {
        "paper": "https://medium.com/@antoine.simoulin/my-thoughts-about-naacl-2022-c1f36c6da9b8"
    }
    eacl = records["EACL 2021 - Revue des dernières innovations en NLP"]
    assert eacl["links"] == {
        "paper": "https://www.quantmetry.com/blog/eacl-2021-resume-conferences/"
    }


def test_a_sites_own_fields_near_our_link_names_keep_their_own(tmp_path: Path) -> None:
    # A field of a site's own was named by difflib's closest of ours: CORE's copy of the
    # paper (`core`) was its Code, a second repository (`codes`, beside `code`) was lost
    # without a word, and a page that is no DOI's showed a DOI badge.
    site, _ = bib_site(
        tmp_path,
        "Ann Smith",
        "@article{smith2020,\n  title = {On Looms},\n  author = {Ann Smith},\n"
        "  journal = {J},\n  year = {2020},\n"
        "  code = {https://github.com/ann/looms},\n"
        "  codes = {https://gitlab.com/ann/looms-data},\n"
        "  core = {https://core.ac.uk/download/pdf/1234.pdf},\n"
        "  dois = {https://example.org/looms},\n"
        "  slides_url = {https://example.org/looms-slides},\n"
        "  pdf2 = {https://example.org/looms.pdf},\n}\n",
    )
    assert records_by_title(site)["On Looms"]["links"] == {
        "code": "https://github.com/ann/looms",
        "codes link": "https://gitlab.com/ann/looms-data",
        "core link": "https://core.ac.uk/download/pdf/1234.pdf",
        "dois link": "https://example.org/looms",
        "slides": "https://example.org/looms-slides",
        "pdf": "https://example.org/looms.pdf",
    }


def test_old_sites_buttons_near_our_link_names_keep_their_own(tmp_path: Path) -> None:
    # The same rule for the buttons of an academicpages page and a Hugo Blox page: a
    # button "core" (CORE's copy of the paper) was the paper's Code, as "Mode" was; a
    # button "Codes" is still its code.
    old = tmp_path / "old"
    ap = old / "ap" / "_publications" / "2020-looms.md"
    ap.parent.mkdir(parents=True)
    ap.write_text(
        "---\ntitle: 'On Looms'\ncollection: publications\ndate: 2020-01-01\n"
        "venue: 'J'\ncitation: 'Ann Smith. (2020). On Looms. J.'\n---\n"
        "[core](https://core.ac.uk/download/pdf/1.pdf) | [Codes](https://github.com/ann/a)"
        "\n\nAbstract\n\nAn abstract.\n",
        encoding="utf-8",
    )
    hugo = old / "hugo" / "content" / "publication" / "weaves" / "index.md"
    hugo.parent.mkdir(parents=True)
    hugo.write_text(
        "---\ntitle: 'On Weaves'\nauthors:\n- Ann Smith\ndate: '2021-01-01'\n"
        "links:\n- name: core\n  url: https://core.ac.uk/download/pdf/2.pdf\n"
        "- name: Codes\n  url: https://gitlab.com/ann/b\n---\n",
        encoding="utf-8",
    )
    site = new_site(tmp_path / "site", "Ann Smith")
    assert run_import(site, "academicpages", old / "ap") == 0
    assert run_import(site, "hugo", old / "hugo") == 0
    records = records_by_title(site)
    assert records["On Looms"]["links"] == {
        "core link": "https://core.ac.uk/download/pdf/1.pdf",
        "code": "https://github.com/ann/a",
    }
    assert records["On Weaves"]["links"] == {
        "core link": "https://core.ac.uk/download/pdf/2.pdf",
        "code": "https://gitlab.com/ann/b",
    }
    assert main(["build", "--site", str(site)]) == 0


def test_a_url_listing_two_addresses_without_a_blank_links_the_other(tmp_path: Path) -> None:
    # As ACM's export with no blank after the comma: `{https://doi.org/…,https://…}` was
    # one address, and the record's DOI took in the other (`10.1145/1,https://…`).
    site, _ = bib_site(
        tmp_path,
        "Ann Smith",
        "@article{smith2020,\n  title = {On Looms},\n  author = {Ann Smith},\n"
        "  journal = {J},\n  year = {2020},\n"
        "  url = {https://doi.org/10.1145/3313831,https://example.org/looms;}\n}\n",
    )
    paper = records_by_title(site)["On Looms"]
    assert paper["links"] == {"paper": "https://example.org/looms"}
    assert paper["doi"] == "10.1145/3313831"  # the DOI's address alone, as the DOI


def test_a_separator_after_the_one_address_is_no_part_of_it(tmp_path: Path) -> None:
    # `url = {https://…/looms,}` (a list's comma left at its end): the link led to `…,`
    site, _ = bib_site(
        tmp_path,
        "Ann Smith",
        "@article{a,\n  title = {On Looms},\n  author = {Ann Smith},\n  journal = {J},\n"
        "  year = {2020},\n  url = {https://example.org/looms,}\n}\n"
        "@article{b,\n  title = {On Weaves},\n  author = {Ann Smith},\n  journal = {J},\n"
        "  year = {2021},\n  url = {https://example.org/weaves;},\n"
        "  code = {https://github.com/ann/weaves,}\n}\n",
    )
    records = records_by_title(site)
    assert records["On Looms"]["links"] == {"paper": "https://example.org/looms"}
    assert records["On Weaves"]["links"] == {
        "paper": "https://example.org/weaves",
        "code": "https://github.com/ann/weaves",
    }


def test_a_url_with_a_separator_typed_twice_links_one_address(tmp_path: Path) -> None:
    # `{https://…, , https://…}`: the second comma, alone between blanks, was taken for
    # a part of no address, and the paper's link was both addresses and the blanks.
    site, _ = bib_site(
        tmp_path,
        "Ann Smith",
        "@article{smith2020,\n  title = {On Looms},\n  author = {Ann Smith},\n"
        "  journal = {J},\n  year = {2020},\n"
        "  url = {https://example.org/looms, ; , https://example.org/looms-data}\n}\n",
    )
    assert records_by_title(site)["On Looms"]["links"] == {"paper": "https://example.org/looms"}
