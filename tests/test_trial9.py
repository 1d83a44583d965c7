"""A ninth trial, as a Japanese lab head moving her lab's site: a Hugo Blox research
group's site, one member's al-folio site and the lab's Zotero export, names in kanji (family
name first, with a blank or without one) and in romaji, on a `ja` site."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES, new_site, write_files
from tests.ingest_support import records_by_title as records
from tests.ingest_support import run_import as _import

TRIAL = FIXTURES / "trial9"


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    """A lab's site (no main author), in Japanese, with two members' records."""
    site = new_site(tmp_path / "site", "小林 美穂")
    (site / "content" / "authors" / "author.yaml").unlink()
    config = (site / "site.yaml").read_text(encoding="utf-8")
    config = config.replace("language: en", "language: ja").replace("main_author: author\n", "")
    (site / "site.yaml").write_text(config, encoding="utf-8")
    return write_files(site, {
        "content/authors/kobayashi-miho.yaml": "name: 小林 美穂\naliases: [Miho Kobayashi]\n",
        "content/authors/watanabe-ayaka.yaml": "name: 渡辺 彩花\n",
    })  # fmt: skip


def _heading(site: Path, slug: str) -> str:
    page = (site / "output" / "authors" / slug / "index.html").read_text(encoding="utf-8")
    return page.split('id="papers-heading">', 1)[1].split("<", 1)[0]


def test_a_kanji_name_from_zotero_without_its_blank_is_the_members(lab: Path) -> None:
    """Zotero writes a Japanese name `渡辺, 彩花` (surname, given name), which the import
    writes `渡辺彩花`, as the name is written; the member's record says `渡辺 彩花`, with the
    blank Japanese sites put between the two. The student's one paper was on no profile:
    her page said "論文 0 件" (0 papers), and `check` listed the paper as no one's."""
    assert _import(lab, "bibtex", TRIAL / "zotero-lab.bib") == 0
    assert records(lab)["古文書画像におけるくずし字検出の検討"]["authors"] == [
        "渡辺彩花",
        "小林美穂",
    ]
    assert main(["build", "--site", str(lab)]) == 0
    assert _heading(lab, "watanabe-ayaka") == "論文 1 件"
    # the head's papers: the kanji ones and the romaji ones (`Kobayashi, Miho`), all five
    assert _heading(lab, "kobayashi-miho") == "論文 5 件"


def test_a_kanji_name_with_a_blank_or_without_is_no_conflict(
    lab: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Hugo Blox site lists `小林 美穂`, `佐藤 健太`, `伊藤 翔`; Zotero's entry of the same
    paper (its DOI) `小林, 美穂 and 佐藤, 健太 and 伊藤, 翔`: each import of the Zotero file
    said `conflict  authors: keeps '小林 美穂, 佐藤 健太, 伊藤 翔'; the import has '小林美穂,
    佐藤健太, 伊藤翔'`, of one list of the same three people."""
    assert _import(lab, "hugo", TRIAL / "hugo-lab") == 0
    capsys.readouterr()
    assert _import(lab, "bibtex", TRIAL / "zotero-lab.bib") == 0
    told = capsys.readouterr()
    assert "conflict  authors: keeps '小林 美穂" not in told.out + told.err
    assert "conflict  venue" in told.out  # (the lists' other differences are still told)
    paper = records(lab)["深層学習を用いた手書き文書認識の高速化"]
    assert paper["authors"] == ["小林 美穂", "佐藤 健太", "伊藤 翔"]  # kept as written


def test_alfolio_scholar_names_in_kanji_are_an_alias(lab: Path) -> None:
    """al-folio's `scholar: {last_name: [Takahashi, 高橋], first_name: [Yumi, Y., 由美]}`,
    the names jekyll-scholar sets in bold: only the pairs in Latin letters were aliases, so
    the member's doctoral thesis (`author={高橋, 由美}`) was on no profile."""
    assert _import(lab, "alfolio", TRIAL / "alfolio-yumi") == 0
    record = (lab / "content" / "authors" / "yumi-takahashi.yaml").read_text(encoding="utf-8")
    assert "- 高橋由美" in record
    assert main(["build", "--site", str(lab)]) == 0
    assert _heading(lab, "yumi-takahashi") == "論文 3 件"  # the thesis among them


def test_alfolio_name_in_kanji_is_written_surname_first(tmp_path: Path) -> None:
    """`first_name: 由美` and `last_name: 高橋` in al-folio's _config.yml: the record's name
    was "由美 高橋", given name first, as no one writes it and no paper lists it."""
    old = write_files(tmp_path / "old", {
        "_config.yml": "first_name: 由美\nlast_name: 高橋\n",
        "_bibliography/papers.bib": "@article{t, title={文字認識}, author={高橋, 由美},"
        " journal={情報処理学会論文誌}, year={2023}}\n",
    })  # fmt: skip
    site = new_site(tmp_path / "site", "Your Name")
    assert _import(site, "alfolio", old) == 0
    record = (site / "content" / "authors" / "your-name.yaml").read_text(encoding="utf-8")
    assert record.startswith("name: 高橋由美\n")


def test_a_japanese_paper_by_kanji_names_is_named_as_its_source_names_it(lab: Path) -> None:
    """A title and authors in kanji give no Latin letter to name the file by: Hugo Blox's
    `content/publication/yamamoto-2024-llm/` became `paper.md`, al-folio's entry
    `takahashi2022thesis` `paper-2022.md`, addresses that say nothing of the paper. Zotero's
    keys for such entries, `_2024-1` and `_2023`, have no Latin letter either: `paper.md`
    and `paper-2023.md`, as before."""
    assert _import(lab, "hugo", TRIAL / "hugo-lab") == 0
    assert _import(lab, "alfolio", TRIAL / "alfolio-yumi") == 0
    assert _import(lab, "bibtex", TRIAL / "zotero-lab.bib") == 0
    papers = lab / "content" / "papers"
    assert (papers / "yamamoto-2024-llm.md").is_file()
    assert (papers / "takahashi2022thesis.md").is_file()
    assert sorted(p.name for p in papers.glob("paper*")) == ["paper-2023.md", "paper.md"]


def test_a_japanese_papers_key_windows_keeps_for_a_device_names_no_file_ending_in_a_dash(
    tmp_path: Path,
) -> None:
    """A BibTeX key `con` or `lpt1` names a paper in kanji as `con-paper.md`, as a title
    "Con" is named: the file was `con-.md`, its page's address `/papers/con-/`."""
    site = new_site(tmp_path, "高橋 由美")
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{con, title = {深層学習を用いた手書き文書認識}, author = {高橋, 由美},\n"
        "  journal = {情報処理}, year = {2022}}\n"
        "@article{lpt1, title = {機械翻訳}, author = {高橋, 由美},\n"
        "  journal = {情報処理}, year = {2022}}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", bib) == 0
    names = sorted(p.name for p in (site / "content" / "papers").glob("*.md"))
    assert names == ["con-paper.md", "lpt1-paper.md"]


def test_hugo_owner_shown_in_kanji_has_her_romaji_name_as_an_alias(lab: Path) -> None:
    """Hugo Blox's author page shows `title: 小林 美穂`, with `first_name: Miho` and
    `last_name: Kobayashi` "for SEO": the spelling of her papers in English. It was no
    alias, so Zotero's `Kobayashi, Miho` of the summarisation paper was no one's."""
    (lab / "content" / "authors" / "kobayashi-miho.yaml").write_text(
        "name: 小林 美穂\n", encoding="utf-8"
    )
    assert _import(lab, "hugo", TRIAL / "hugo-lab") == 0
    record = (lab / "content" / "authors" / "kobayashi-miho.yaml").read_text(encoding="utf-8")
    assert "Miho Kobayashi" in record
    assert _import(lab, "bibtex", TRIAL / "zotero-lab.bib") == 0
    assert main(["build", "--site", str(lab)]) == 0
    assert _heading(lab, "kobayashi-miho") == "論文 7 件"


def test_novelty_of_papers_in_japanese_compares_their_words(lab: Path) -> None:
    """Japanese is written without blanks between words, so a term was a whole clause
    (`深層学習を用いた手書き文書認識の高速化`): two papers on one subject shared no term, and
    the later one's page said 新規性 100% (novelty), as every paper in Japanese did. Their
    text is compared by pairs of characters, as search engines index it."""
    from generator.novelty import terms

    assert {"文書", "認識", "高速"} <= set(terms("手書き文書認識の高速化"))
    assert terms("学习 LLMで2倍") == {"学习": 1, "llm": 1}  # (pairs; one letter is no term)
    write_files(lab, {
        "content/papers/a.md": "---\ntitle: 深層学習を用いた手書き文書認識の高速化\n"
        "authors: [小林 美穂]\ndate: 2023-03-01\n---\n",
        "content/papers/b.md": "---\ntitle: 手書き文書認識の深層学習による高速化\n"
        "authors: [小林 美穂]\ndate: 2024-03-01\n---\n",
    })  # fmt: skip
    assert main(["build", "--site", str(lab)]) == 0
    page = (lab / "output" / "papers" / "b" / "index.html").read_text(encoding="utf-8")
    novelty = page.split("新規性</dt>", 1)[1].split("%", 1)[0]
    assert int(novelty.rsplit(">", 1)[1]) < 60
