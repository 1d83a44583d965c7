"""Importing a paper again after its source changed: a new version of a .bib entry, and
arXiv's v2 of a paper imported at v1 (fixtures/ingest/reimport)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES, new_site, read_papers, run_import, snapshot

HERE = FIXTURES / "reimport"
ZOTERO_V1, ZOTERO_V2 = HERE / "zotero-v1.bib", HERE / "zotero-v2.bib"
ARXIV_V1, ARXIV_V2 = HERE / "arxiv-v1.xml", HERE / "arxiv-v2.xml"
DIALOGUE = "constrained-decoding-for-safe-multi-turn-dialogue"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site")


def record(site: Path, slug: str) -> Path:
    return site / "content" / "papers" / f"{slug}.md"


def front(site: Path, slug: str) -> dict[str, object]:
    return next(data for path, data, _ in read_papers(site) if path.stem == slug)


def cite(site: Path, slug: str) -> str:
    """The paper's cite.bib as the built site serves it."""
    assert main(["build", "--site", str(site)]) == 0
    return (site / "output" / "papers" / slug / "cite.bib").read_text("utf-8")


# --- a .bib entry's new version ----------------------------------------------------------


def test_a_bib_entry_updated_in_its_file_updates_the_record_and_its_cite_bib(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Zotero's export of the preprint, then of the EMNLP paper (same key): the record got
    the DOI, or reported it as a conflict, but cite.bib kept citing the preprint's @misc,
    and the record still said `venue: arXiv`, `type: preprint`."""
    assert run_import(site, "bibtex", ZOTERO_V1) == 0
    assert "@misc{wang_constrained_2024," in cite(site, DIALOGUE)
    capsys.readouterr()
    assert run_import(site, "bibtex", ZOTERO_V2) == 0
    out = capsys.readouterr().out
    served = cite(site, DIALOGUE)
    assert served.startswith("@inproceedings{wang_constrained_2024,")
    assert "doi = {10.18653/v1/2024.emnlp-main.512}" in served and "arXiv" not in served
    data = front(site, DIALOGUE)
    assert data["venue"] == (
        "Proceedings of the 2024 Conference on Empirical Methods in Natural Language Processing"
    )
    assert data["type"] == "conference"
    assert data["doi"] == "10.18653/v1/2024.emnlp-main.512"  # not arXiv's own, kept before
    assert data["arxiv_id"] == "2406.11234" and str(data["date"]) == "2024-06"  # first version's
    assert "venue updated; pages added; type updated; doi updated; bibtex updated" in out
    assert "conflict" not in out.replace("0 with conflicts", "")
    # The second entry only gained fields (volume, DOI, URL): its cite.bib has them.
    reward = cite(site, "reward-shaping-for-tool-use")
    assert "doi = {10.5555/tmlr.2023.0412}" in reward and "volume = {2023}" in reward
    assert front(site, "reward-shaping-for-tool-use")["doi"] == "10.5555/tmlr.2023.0412"


def test_importing_the_new_version_again_changes_no_byte(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(site, "bibtex", ZOTERO_V1) == 0
    assert run_import(site, "bibtex", ZOTERO_V2) == 0
    written = snapshot(site)
    capsys.readouterr()
    assert run_import(site, "bibtex", ZOTERO_V2) == 0
    assert snapshot(site) == written
    assert "2 works: 0 new, 0 updated, 2 unchanged, 0 with conflicts" in capsys.readouterr().out


def test_an_entry_edited_by_hand_is_kept_and_the_conflict_says_how_to_take_the_new_one(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Braces added by hand to keep a capital in cite.bib: a person's entry, kept."""
    assert run_import(site, "bibtex", ZOTERO_V1) == 0
    path = record(site, "reward-shaping-for-tool-use")
    edited = path.read_text("utf-8").replace("{Tool} {Use}}", "{Tool} {Use} in {LLMs}}")
    path.write_text(edited, "utf-8")
    capsys.readouterr()
    assert run_import(site, "bibtex", ZOTERO_V2) == 0
    out = capsys.readouterr().out
    assert "{LLMs}" in path.read_text("utf-8") and "volume = {2023}" not in cite(site, path.stem)
    assert front(site, path.stem)["doi"] == "10.5555/tmlr.2023.0412"  # an empty field is filled
    said = (
        "reward-shaping-for-tool-use.md:9: conflict  bibtex: keeps its line "
        "'title = {Reward {Shaping} for {Tool} {Use} in {LLMs}},'; the import has "
        "'title = {Reward {Shaping} for {Tool} {Use}},' (edited since it was imported, or "
        "imported before imports kept it up to date: delete `bibtex:` and import again to "
        "take the import's)"
    )
    assert said in out
    # Doing as it says takes the new entry, marked as imported again.
    path.write_text(edited.split("bibtex: |")[0] + "---\n", "utf-8")
    assert run_import(site, "bibtex", ZOTERO_V2) == 0
    assert "volume = {2023}" in cite(site, path.stem)


def test_a_field_set_by_hand_is_kept_while_the_entry_follows_its_file(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only what the last import wrote follows the new entry: a venue shortened by hand
    stays, with a conflict, while cite.bib and the type follow."""
    assert run_import(site, "bibtex", ZOTERO_V1) == 0
    path = record(site, DIALOGUE)
    path.write_text(path.read_text("utf-8").replace("venue: arXiv", "venue: EMNLP 2024"))
    capsys.readouterr()
    assert run_import(site, "bibtex", ZOTERO_V2) == 0
    out = capsys.readouterr().out
    data = front(site, DIALOGUE)
    assert data["venue"] == "EMNLP 2024" and data["type"] == "conference"
    assert "conflict  venue: keeps 'EMNLP 2024'; the import has 'Proceedings of the 2024" in out
    assert cite(site, DIALOGUE).startswith("@inproceedings{")


def test_a_hand_written_entry_without_the_mark_is_never_replaced(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record imported before the mark existed (or written by hand) holds an entry no
    import can tell from a person's: kept, and the way to take the new one said."""
    assert run_import(site, "bibtex", ZOTERO_V1) == 0
    path = record(site, "reward-shaping-for-tool-use")
    text = path.read_text("utf-8")
    unmarked = text.replace(text[text.index("bibtex: |") : text.index("\n  @article")], "bibtex: |")
    path.write_text(unmarked, "utf-8")
    capsys.readouterr()
    assert run_import(site, "bibtex", ZOTERO_V2) == 0
    assert "conflict  bibtex: keeps its line" in capsys.readouterr().out
    assert "volume = {2023}" not in path.read_text("utf-8")


def test_another_source_s_entry_for_the_paper_does_not_replace_the_imported_one(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DBLP's entry (another key) for the paper Zotero's export gave: two files imported
    in turn would take turns in cite.bib; the record keeps the one it has."""
    assert run_import(site, "bibtex", ZOTERO_V2) == 0
    dblp = tmp_path / "dblp.bib"
    dblp.write_text(
        "@article{DBLP:journals/tmlr/WangO23,\n  author = {Kaile Wang and Chidi Okafor},\n"
        "  title = {Reward Shaping for Tool Use},\n  journal = {Trans. Mach. Learn. Res.},\n"
        "  volume = {2023},\n  year = {2023},\n  doi = {10.5555/tmlr.2023.0412},\n}\n",
        "utf-8",
    )
    before = snapshot(site)
    capsys.readouterr()
    assert run_import(site, "bibtex", dblp) == 0
    out = capsys.readouterr().out
    assert snapshot(site) == before
    assert "(another entry for this paper; delete `bibtex:` and import again to cite it)" in out


def test_a_year_corrected_and_a_note_dropped_in_the_bib_follow_too(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Google Scholar's entry, its year corrected, its title's case and its `Under review`
    gone once the paper was out: a second record, with the old year and the note."""
    bib = tmp_path / "citations.bib"
    entry = (
        "@article{{okafor2022graph,\n  title={{{}}},\n"
        "  author={{Okafor, Chidi and Wang, Kaile}},\n  journal={{Machine Learning}},\n"
        "  year={{{}}},\n{}  publisher={{Springer}}\n}}\n"
    )
    bib.write_text(
        entry.format("Graph priors for tool use", "2022", "  note={Under review},\n"), "utf-8"
    )
    assert run_import(site, "bibtex", bib) == 0
    bib.write_text(entry.format("Graph Priors for Tool Use", "2023", ""), "utf-8")
    capsys.readouterr()
    assert run_import(site, "bibtex", bib) == 0
    out = capsys.readouterr().out
    data = front(site, "graph-priors-for-tool-use")
    assert str(data["date"]) == "2023" and "note" not in data
    assert data["title"] == "Graph Priors for Tool Use"  # its case too, as cite.bib has it
    assert "title updated; note removed; bibtex updated; date updated" in out


# --- arXiv's new version -----------------------------------------------------------------


def test_an_arxiv_paper_links_the_pdf_of_its_latest_version(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Imported at v1, the record linked `pdf/2406.11234v1` for good: after v2 appeared,
    the site still sent readers to v1. The address without a version serves the latest."""
    assert run_import(site, "arxiv", ARXIV_V1) == 0
    links = front(site, DIALOGUE)["links"]
    assert links == {
        "arxiv": "https://arxiv.org/abs/2406.11234",
        "pdf": "https://arxiv.org/pdf/2406.11234",
    }
    assert front(site, DIALOGUE)["arxiv_id"] == "2406.11234"
    capsys.readouterr()
    assert run_import(site, "arxiv", ARXIV_V2) == 0
    out = capsys.readouterr().out
    assert front(site, DIALOGUE)["links"] == links  # already the latest version's
    assert "links.pdf" not in out and "links.arxiv" not in out
    written = snapshot(site)
    assert run_import(site, "arxiv", ARXIV_V2) == 0
    assert snapshot(site) == written


def test_a_pdf_link_naming_an_older_version_is_kept_and_said(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record whose PDF link names v1, as imports wrote it before (or as a person pins
    a version): kept as written, and the import of v2 says how to follow new versions."""
    path = record(site, DIALOGUE)
    path.write_text(
        "---\ntitle: Constrained Decoding for Safe Multi-Turn Dialogue\n"
        "authors:\n  - Kaile Wang\n  - Mei Lin\ndate: 2024-06-17\ncategory: cs.CL\n"
        "arxiv_id: '2406.11234'\nlinks:\n  arxiv: https://arxiv.org/abs/2406.11234\n"
        "  pdf: https://arxiv.org/pdf/2406.11234v1\nnote: 12 pages, 4 figures\n---\n",
        "utf-8",
    )
    assert run_import(site, "arxiv", ARXIV_V1) == 0  # the version it names: nothing to say
    assert "links.pdf" not in capsys.readouterr().out
    assert run_import(site, "arxiv", ARXIV_V2) == 0
    out = capsys.readouterr().out
    assert "  pdf: https://arxiv.org/pdf/2406.11234v1\n" in path.read_text("utf-8")
    said = (
        f"{DIALOGUE}.md:11: conflict  links.pdf: keeps 'https://arxiv.org/pdf/2406.11234v1', "
        "version 1; arXiv has v2: write https://arxiv.org/pdf/2406.11234 to link the latest "
        "version, now and later, or `arxiv_id: 2406.11234v1` to cite version 1, without this "
        "conflict"
    )
    assert said in out


PINNED = (
    "---\ntitle: Constrained Decoding for Safe Multi-Turn Dialogue\n"
    "authors:\n  - Kaile Wang\n  - Mei Lin\ndate: 2024-06-17\ncategory: cs.CL\n"
    "arxiv_id: {arxiv_id}\nlinks:\n  arxiv: https://arxiv.org/abs/2406.11234v1\n"
    "  pdf: https://arxiv.org/pdf/2406.11234v1\nnote: 12 pages, 4 figures\n---\n"
)


def test_a_version_the_record_cites_is_linked_without_a_conflict(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """LoRA's v1, linked on purpose (v2 changed the results): every import of the arXiv
    feed said the same two conflicts again, and nothing made them stop. `arxiv_id:` with
    the version, as the conflict says to write, cites v1; the import then leaves it be."""
    path = record(site, DIALOGUE)
    path.write_text(PINNED.format(arxiv_id="2406.11234v1"), "utf-8")
    assert run_import(site, "arxiv", ARXIV_V2) == 0
    out = capsys.readouterr().out
    assert "links." not in out and "arxiv_id" not in out
    text = path.read_text("utf-8")
    assert "arxiv_id: 2406.11234v1\n" in text
    assert "  arxiv: https://arxiv.org/abs/2406.11234v1\n" in text
    assert "  pdf: https://arxiv.org/pdf/2406.11234v1\n" in text
    written = snapshot(site)
    assert run_import(site, "arxiv", ARXIV_V2) == 0
    assert "links." not in capsys.readouterr().out  # not said again, ever
    assert snapshot(site) == written
    assert "eprint = {2406.11234v1}" in cite(site, DIALOGUE)  # the site cites that version


def test_a_link_to_another_version_than_the_record_cites_is_still_said(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`arxiv_id` naming v2 keeps a v1 link from being meant: it is said, as before."""
    path = record(site, DIALOGUE)
    path.write_text(PINNED.format(arxiv_id="2406.11234v2"), "utf-8")
    assert run_import(site, "arxiv", ARXIV_V2) == 0
    out = capsys.readouterr().out
    assert "conflict  links.arxiv: keeps 'https://arxiv.org/abs/2406.11234v1', version 1" in out
    assert "conflict  links.pdf: keeps 'https://arxiv.org/pdf/2406.11234v1', version 1" in out


# --- conflicts told before ------------------------------------------------------------------

SURVEY = "deep-learning-in-neural-networks-an-overview"
SURVEY_BIB = """@article{schmidhuber2015deep,
  title={Deep Learning in Neural Networks: An Overview},
  author={Schmidhuber, J{\\"u}rgen},
  journal={Neural Networks},
  year={2015},
  note={Invited review},
  arxiv={1404.7828},
}
"""


def test_the_same_conflicts_are_told_once_and_new_ones_always(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A paper of an al-folio site's papers.bib, imported again from arXiv: the record
    keeps its venue and note, and every import said the same two conflicts again."""
    bib = tmp_path / "papers.bib"
    bib.write_text(SURVEY_BIB, "utf-8")
    assert run_import(site, "bibtex", bib) == 0
    feed = FIXTURES / "arxiv" / "journal-ref.xml"
    venue = "conflict  venue: keeps 'Neural Networks'; the import has 'Neural Networks, Vol 61"
    note = "conflict  note: keeps 'Invited review'; the import has '88 pages, 888 references'"
    capsys.readouterr()
    # a dry run tells them, and remembers nothing: it writes nothing
    assert main(["import", "arxiv", str(feed), "--site", str(site), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert venue in out and note in out
    assert run_import(site, "arxiv", feed) == 0
    out = capsys.readouterr().out
    assert venue in out and note in out
    assert run_import(site, "arxiv", feed) == 0
    out = capsys.readouterr().out
    assert "conflict  " not in out
    assert "1 work: 0 new, 0 updated, 1 unchanged, 0 with conflicts" in out
    assert "2 conflicts told at an earlier import not repeated" in out
    # the record's value edited: a new conflict, told; the other still not repeated
    path = record(site, SURVEY)
    path.write_text(path.read_text("utf-8").replace("venue: Neural Networks\n", "venue: NN\n"))
    assert run_import(site, "arxiv", feed) == 0
    out = capsys.readouterr().out
    assert "conflict  venue: keeps 'NN'; the import has 'Neural Networks, Vol 61" in out
    assert note not in out
    assert "1 conflict told at an earlier import not repeated" in out
    assert front(site, SURVEY)["venue"] == "NN"
