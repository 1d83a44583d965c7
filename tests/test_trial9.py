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


def empty_lab(tmp_path: Path) -> Path:
    """A new lab's site (no main author), in Japanese, with no author record yet."""
    site = new_site(tmp_path / "site", "小林 美穂")
    (site / "content" / "authors" / "author.yaml").unlink()
    config = (site / "site.yaml").read_text(encoding="utf-8")
    config = config.replace("language: en", "language: ja").replace("main_author: author\n", "")
    (site / "site.yaml").write_text(config, encoding="utf-8")
    return site


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    """A lab's site (no main author), in Japanese, with two members' records."""
    return write_files(empty_lab(tmp_path), {
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


def test_hugo_venue_in_japanese_is_not_replaced_by_its_english_name(lab: Path) -> None:
    """Hugo Blox's `publication: 情報処理学会論文誌` with `publication_short: IPSJ Journal`:
    the paper's page on the old site showed the journal's own name, the import wrote the
    English one, and her Japanese paper's card said "IPSJ Journal". A short name that is a
    short name (`CVPR 2024` for the proceedings' full title) is still the venue."""
    assert _import(lab, "hugo", TRIAL / "hugo-lab") == 0
    assert records(lab)["深層学習を用いた手書き文書認識の高速化"]["venue"] == "情報処理学会論文誌"
    cvpr = [r for r in records(lab).values() if "CVPR" in str(r.get("venue"))]
    assert [r["venue"] for r in cvpr] == ["CVPR 2024"]


def test_dates_on_a_japanese_cv_and_paper_page_read_as_dates_in_japanese(lab: Path) -> None:
    """The CV listed `情報処理学会論文誌, 2024-03.` and the paper's page said 日付 2024-03-15
    under its card's 2024年3月15日: a Japanese reader writes and reads 2024年3月."""
    write_files(lab, {
        "content/papers/a.md": "---\ntitle: 手書き文書認識\nauthors: [小林 美穂]\n"
        "date: 2024-03\nvenue: 情報処理学会論文誌\n---\n",
        "content/papers/b.md": "---\ntitle: くずし字検出\nauthors: [小林 美穂]\n"
        "date: 2023-11-15\n---\n",
    })  # fmt: skip
    assert main(["build", "--site", str(lab)]) == 0
    out = lab / "output"
    cv = (out / "authors" / "kobayashi-miho" / "cv" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2024-03">2024年3月</time>' in cv
    page = (out / "papers" / "b" / "index.html").read_text(encoding="utf-8")
    assert '<dd><time datetime="2023-11-15">2023年11月15日</time></dd>' in page


def test_lists_on_a_japanese_page_are_parted_as_japanese_parts_them(lab: Path) -> None:
    """`教授, 東京大学` and `小林 美穂, 佐藤 健太`: an English comma and blank between
    Japanese words, which Japanese parts with 、. A list of names in Latin letters (her
    English papers') keeps its commas."""
    write_files(lab, {
        "content/authors/kobayashi-miho.yaml": "name: 小林 美穂\naliases: [Miho Kobayashi]\n"
        "position: 教授\naffiliation: 東京大学\n",
        "content/papers/a.md": "---\ntitle: 手書き文書認識\nauthors: [小林 美穂, 佐藤 健太]\n"
        "date: 2024-03\ntags: [文字認識, 深層学習]\n---\n",
        "content/papers/b.md": "---\ntitle: Fast Handwriting Recognition\n"
        "authors: [Miho Kobayashi, Kenta Sato]\ndate: 2023-11-15\n---\n",
    })  # fmt: skip
    assert main(["build", "--site", str(lab)]) == 0
    out = lab / "output"
    profile = (out / "authors" / "kobayashi-miho" / "index.html").read_text(encoding="utf-8")
    assert '<p class="affiliation">教授、東京大学</p>' in profile
    assert "<strong>小林 美穂</strong>、佐藤 健太" in profile
    assert "<strong>Miho Kobayashi</strong>, Kenta Sato" in profile
    page = (out / "papers" / "a" / "index.html").read_text(encoding="utf-8")
    assert "文字認識、深層学習" in page


def test_an_english_paper_imported_to_a_japanese_site_is_marked_english(
    lab: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hugo Blox says no language: her English CVPR paper, on a `ja` site, was
    `lang="ja"` (read aloud in a Japanese voice) and told Google Scholar
    `citation_language` ja, unless she wrote `language: en` in each record by hand. The
    import writes it where the title's letters say so; a Japanese title needs none (the
    site's), and a language written by hand is never changed."""
    write_files(lab, {
        "content/papers/token.md": "---\ntitle: Token Pruning for Multilingual "
        "Vision-Language Models\nauthors: [Yumi Takahashi, Daiki Yamamoto, Miho Kobayashi]\n"
        "date: 2023-12-10\nlanguage: de\n---\n",
    })  # fmt: skip
    capsys.readouterr()
    assert _import(lab, "hugo", TRIAL / "hugo-lab") == 0
    assert "conflict  language" not in capsys.readouterr().out  # (nor a word of it)
    papers = records(lab)
    layout = "LayoutPrune: Efficient Vision Transformers for Document Layout Analysis"
    assert papers[layout]["language"] == "en"
    assert "language" not in papers["深層学習を用いた手書き文書認識の高速化"]
    assert papers["Token Pruning for Multilingual Vision-Language Models"]["language"] == "de"
    assert sorted(p.name for p in (lab / "content" / "papers").glob("token*")) == ["token.md"]
    assert main(["build", "--site", str(lab)]) == 0
    slug = next((lab / "content" / "papers").glob("layoutprune*")).stem
    page = (lab / "output" / "papers" / slug / "index.html").read_text(encoding="utf-8")
    assert '<meta name="citation_language" content="en">' in page
    assert '<h1 lang="en">' in page or 'lang="en"' in page.split("<h1", 1)[1].split(">", 1)[0]


def test_the_letters_of_a_title_say_its_language_only_when_they_can() -> None:
    """Kana is Japanese, Hangul Korean; kanji alone may be either, Latin letters with
    accents any of several languages: those say nothing."""
    from generator.languages import written_language as said

    assert said("深層学習を用いた手書き文書認識", "", "en") == "ja"
    assert said("深層強化学習", "", "en") is None  # kanji alone: Chinese or Japanese
    assert (
        said(
            "深度强化学习",
            "本文提出一种基于深度强化学习的文档版面分析方法，在多个公开数据集上取得了最好的结果。",
            "ja",
        )
        == "zh"
    )
    assert said("한국어 문서 요약", "", "ja") == "ko"
    assert said("Token Pruning for Vision Models", "", "ja") == "en"
    assert said("Token Pruning for Vision Models", "", "en") is None  # the site's own
    assert said("Token Pruning for Vision Models", "", "de") is None  # may be German's
    assert said("Élagage de jetons pour la vision", "", "ja") is None  # French? Spanish?
