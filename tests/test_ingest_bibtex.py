"""`authorsite import bibtex`: macros, crossref, LaTeX, names, al-folio keys, bad input."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bibtexparser.entrypoint import parse_string

from generator.cli import main
from generator.errors import ContentError
from generator.ingest.bibtex import parse_bibtex
from generator.ingest.latex import decode
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import new_site, other_notes, read_papers, snapshot

FIXTURES = INGEST / "bibtex"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site")


def records(site: Path) -> dict[str, dict[str, Any]]:
    """Every record's front matter (with its body as ``abstract``) by title."""
    return {str(data["title"]): {**data, "abstract": body} for _, data, body in read_papers(site)}


def by_key(text: str) -> dict[str, object]:
    return {w.label.split("'")[1]: w for w in parse_bibtex(text, "test.bib")}


def test_macros_concatenation_months_and_accents(site: Path) -> None:
    assert main(["import", "bibtex", str(FIXTURES / "macros.bib"), "--site", str(site)]) == 0
    found = records(site)
    kernel = found["Kernel Methods for Transformer Attention: a $\\mathcal{O}(n)$ Approximation"]
    assert kernel["authors"] == ["Jörg Müller", "Ana García-López", "Pieter van der Berg", "et al."]
    assert kernel["venue"] == "Advances in Neural Information Processing Systems 36"
    assert kernel["date"] == "2023-12"
    assert kernel["type"] == "conference"
    acl = found["Dialogue-Level Safety Evaluation"]
    assert acl["venue"] == (
        "Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics"
    )
    assert acl["date"] == "2023-07"
    thesis = found["Learning with Noisy Labels"]
    assert thesis["authors"] == ["Thị Mai Nguyễn"] and thesis["type"] == "thesis"
    assert thesis["venue"] == "Université Paris-Saclay"
    report = found["Scaling Laws for Reward Model Overoptimization – a Technical Report"]
    assert report["authors"] == ["Karl Åström", "OpenAI Safety Team"]  # a braced corporate name
    assert found["A Note on 50% Sparsity"]["note"] == "Manuscript under review"


def test_both_name_orders_and_jr(site: Path) -> None:
    works = by_key(
        "@article{a, author = {Smith, Jr., John and Ada Lovelace and de la Cruz, Ana},"
        " title = {T}, journal = {J}, year = 2020}"
    )
    assert works["a"].authors == ["John Smith Jr.", "Ada Lovelace", "Ana de la Cruz"]  # type: ignore[attr-defined]


def test_crossref_fills_from_the_proceedings_and_cite_bib_stands_alone(site: Path) -> None:
    assert main(["import", "bibtex", str(FIXTURES / "macros.bib"), "--site", str(site)]) == 0
    found = records(site)
    sparse = found["Sparse Autoencoders Find Interpretable Features at Scale"]
    assert sparse["venue"] == "International Conference on Learning Representations (ICLR 2024)"
    assert sparse["date"] == "2024-05"
    assert sparse["authors"] == ["John Smith Jr.", "Søren Østergaard", "Kaile Wang"]
    # The @proceedings volume itself is not a paper: 10 entries, 1 volume, 1 preprint merged.
    assert not any(title.endswith("(ICLR 2024)") for title in found)
    assert len(found) == 8
    entry = parse_string(str(sparse["bibtex"]))
    assert not entry.failed_blocks
    fields = entry.entries[0].fields_dict
    assert "crossref" not in fields
    assert fields["booktitle"].value == (
        "International Conference on Learning Representations (ICLR 2024)"
    )
    assert fields["author"].value == r"Smith, Jr., John and {\O}stergaard, S{\o}ren and Wang, Kaile"
    assert fields["month"].value == "may"  # a month macro stays a macro


def test_original_entry_is_kept_verbatim(site: Path) -> None:
    source = (FIXTURES / "macros.bib").read_text(encoding="utf-8")
    assert main(["import", "bibtex", str(FIXTURES / "macros.bib"), "--site", str(site)]) == 0
    found = records(site)
    # Needs no macro: the record keeps the entry exactly as written (LaTeX and all).
    published = found["Retrieval-Augmented Generation for Scientific QA"]
    raw = str(published["bibtex"]).strip()
    assert raw in source
    assert r"Zo{\"e} Dupont" in raw


def test_preprint_and_published_version_become_one_record(site: Path) -> None:
    assert main(["import", "bibtex", str(FIXTURES / "macros.bib"), "--site", str(site)]) == 0
    found = records(site)
    matches = [t for t in found if t.startswith("Retrieval-Augmented Generation")]
    assert len(matches) == 1
    paper = found[matches[0]]
    assert paper["venue"] == "Transactions of the Association for Computational Linguistics"
    assert paper["doi"] == "10.1162/tacl_a_00481"
    assert paper["arxiv_id"] == "2111.04321"  # from the preprint entry
    assert str(paper["date"]) == "2021"  # first published: the preprint
    assert paper["tags"] == ["retrieval", "question answering"]


def test_al_folio_keys_map_onto_links_and_fields(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = FIXTURES / "al-folio-papers.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    # said "link `pdf` `example_pdf.pdf` is not an http(s) address", of a file al-folio has
    assert (
        "`pdf={example_pdf.pdf}` names a file, not a web address (on an al-folio site, "
        "assets/pdf/example_pdf.pdf); to link it, "
        "copy it into static/ and add `pdf: static/example_pdf.pdf` under the record's links:"
    ) in capsys.readouterr().out
    found = records(site)
    assert len(found) == 9  # every entry of the file
    epr = found["Can Quantum-Mechanical Description of Physical Reality Be Considered Complete?"]
    assert epr["authors"] == ["A. Einstein", "B. Podolsky", "N. Rosen"]  # markers * † dropped
    assert epr["featured"] is True
    assert epr["doi"] == "10.1103/PhysRev.47.777"  # as written
    assert (
        epr["links"]["paper"] == "https://journals.aps.org/pr/abstract/10.1103/PhysRev.47.777"
    )  # html=: the paper's page, never a Code badge
    assert epr["links"]["video"].startswith("https://www.youtube-nocookie.com/")
    assert "pdf" not in epr["links"]  # al-folio's pdf={file.pdf} lives in its own assets
    assert str(epr["abstract"]).startswith("In a complete theory there is an element")
    assert epr["date"] == "1935-05"
    assert epr["venue"] == "Phys. Rev."
    heat = [t for t in found if t.startswith("Über die von der molekularkinetischen")]
    assert heat and "Wärme" in heat[0] and "Flüssigkeiten" in heat[0]
    letters = found["Letters on wave mechanics"]
    assert "Erwin Schrödinger" in letters["authors"]
    assert letters["venue"] == "Vision"


def test_brace_protected_words_lose_their_braces_in_display(site: Path) -> None:
    works = by_key(
        r"@misc{q, title = {{BERT} Meets {GPT}: {N}ew {Tricks}}, author={A, B}, year=2019}"
    )
    assert works["q"].title == "BERT Meets GPT: New Tricks"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "@article{ok, title={A}, author={B, C}, year=2020}\n\n"
            "@article{broken, title = {Unclosed,\n  author = {X, Y},\n  year = 2021\n",
            3,
            "@article entry 'broken' could not be read",
        ),
        (
            "@article{m,\n  title = {A},\n  author = {B, C},\n  journal = tpami,\n  year = 2020}\n",
            4,
            "entry 'm': journal uses undefined macro 'tpami'",
        ),
        (
            "@inproceedings{c, title={A}, author={B, C},\n  crossref={nowhere}}\n",
            2,
            "entry 'c': crossref to 'nowhere' is not in this file; add that entry to the file,"
            " or write its booktitle and year into this one",
        ),
        ("@article{n, title={No year}, author={B, C}}\n", 1, "entry 'n': has no date (year)"),
        ("@article{t, author={B, C}, year=2001}\n", 1, "entry 't': has no title"),
        ("% only a comment\n@comment{nothing here}\n", 0, "no BibTeX entries found"),
    ],
)
def test_bad_bibtex_names_the_entry_and_line_and_writes_nothing(
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    line: int,
    message: str,
) -> None:
    bib = tmp_path / "bad.bib"
    bib.write_text(text, encoding="utf-8")
    before = snapshot(site)
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    location = f"{bib}:{line}: " if line else f"{bib}: "
    assert location + message in err
    assert snapshot(site) == before


def test_one_entry_pasted_without_the_volume_it_crossrefs_is_imported_with_a_note(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # DBLP's "with crossref" BibTeX, of which people copy the paper's entry alone: BibTeX
    # warns of the missing volume and goes on, and so does the import.
    bib = tmp_path / "dblp-one.bib"
    bib.write_text(
        "@inproceedings{DBLP:conf/icml/WangL20,\n"
        "  author    = {Kaile Wang and\n               Ming Li},\n"
        "  title     = {Sparse Attention for Long Documents},\n"
        "  booktitle = {Proceedings of {ICML} 2020},\n"
        "  year      = {2020},\n"
        "  crossref  = {DBLP:conf/icml/2020},\n"
        "}\n",
        encoding="utf-8",
    )
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert (
        f"{bib}:7: entry 'DBLP:conf/icml/WangL20': crossref to 'DBLP:conf/icml/2020' is not "
        "in this file; imported with the entry's own fields"
    ) in out
    (record,) = [r for r in records(site).values() if r["title"].startswith("Sparse")]
    assert record["venue"] == "Proceedings of ICML 2020"
    assert "crossref" not in record["bibtex"]  # cite.bib stands alone: no dangling reference
    assert "booktitle = {Proceedings of {ICML} 2020}" in record["bibtex"]


def test_mojibake_and_non_utf8_are_refused(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garbled = tmp_path / "garbled.bib"
    garbled.write_text("@article{g, title={T}, author={MÃ¼ller, JÃ¶rg}, year=2020}\n", "utf-8")
    latin1 = tmp_path / "latin1.bib"
    latin1.write_bytes(
        "@article{l,\n title={T},\n author={Müller, Jörg}, year=2020}\n".encode("latin-1")
    )
    assert main(["import", "bibtex", str(garbled), str(latin1), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{garbled}:1: entry 'g': author name 'JÃ¶rg MÃ¼ller' looks garbled" in err
    assert f"{latin1}:3: not UTF-8 text" in err
    assert not list((site / "content" / "papers").glob("*.md"))


def test_a_crossrefd_proceedings_volume_with_editors_is_not_a_paper(site: Path) -> None:
    bib = site / "procs.bib"
    bib.write_text(
        "@inproceedings{smith2022,\n  author = {Jane Smith},\n  title = {A Result},\n"
        "  crossref = {icml2022},\n  pages = {1--9}\n}\n"
        "@proceedings{icml2022,\n  title = {Proceedings of the 39th International Conference on"
        " Machine Learning},\n  editor = {Chaudhuri, Kamalika and Jegelka, Stefanie},\n"
        "  booktitle = {ICML 2022},\n  year = {2022}\n}\n",
        encoding="utf-8",
    )
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    found = records(site)
    assert list(found) == ["A Result"]
    assert found["A Result"]["date"] == "2022" or str(found["A Result"]["date"]).startswith("2022")


def test_tex_logos_stay_words_in_titles() -> None:
    assert decode(r"On {G}\"odel and \LaTeX{} -- a {\em study}") == "On Gödel and LaTeX – a study"
    assert (
        decode(r"Q\&A with \TeX\ and 50\% of \BibTeX users")
        == "Q&A with TeX and 50% of BibTeX users"
    )


def test_papers_crossrefing_one_volume_stay_apart_and_name_it_as_venue(site: Path) -> None:
    # dblp's "with crossref" export: an LNCS volume with its own DOI and URL, two papers in it.
    assert main(["import", "bibtex", str(FIXTURES / "dblp.bib"), "--site", str(site)]) == 0
    found = records(site)
    suffix = found["Compressed Suffix Arrays for Noisy Text"]
    grams = next(v for k, v in found.items() if k.startswith("Approximate Matching"))
    # The volume's DOI names the volume: inherited, it would merge both papers into one.
    assert "doi" not in suffix and "links" not in suffix
    assert suffix["venue"] == grams["venue"] == "SPIRE 2006"  # as dblp names the meeting
    cite = parse_string(str(suffix["bibtex"])).entries[0].fields_dict
    assert "doi" not in cite and "url" not in cite
    assert cite["booktitle"].value.startswith("String Processing and Information Retrieval")
    assert cite["series"].value == "Lecture Notes in Computer Science"


def test_dblp_escapes_in_urls_and_dois_and_its_math_and_corr(site: Path) -> None:
    assert main(["import", "bibtex", str(FIXTURES / "dblp.bib"), "--site", str(site)]) == 0
    found = records(site)
    # dblp writes "paper\_files" and "11880561\_2": the backslash is TeX, not the address.
    kernel = found["Kernel Methods for Transformer Attention"]
    assert kernel["links"]["paper"] == (
        "http://papers.nips.cc/paper_files/paper/2023/hash/"
        "0a1b2c3d4e5f60718293a4b5c6d7e8f9-Abstract-Conference.html"
    )
    grams = found["Approximate Matching with $q$-Grams"]  # dblp's {\(q\)} is math
    assert grams["doi"] == "10.1007/11880561_2"
    # dblp's CoRR is arXiv: the entry is the preprint, not a journal article.
    survey = found["AI Alignment: A Comprehensive Survey"]
    assert survey["venue"] == "arXiv"
    assert survey["type"] == "preprint"
    assert survey["arxiv_id"] == "2310.19852"


def test_reference_manager_file_paths_and_notes_are_not_published(site: Path) -> None:
    # A Zotero export (BOM, CRLF, tabs) with attachment paths and a private reading note.
    zotero = FIXTURES / "zotero.bib"
    assert main(["import", "bibtex", str(zotero), "--site", str(site)]) == 0
    assert main(["build", "--site", str(site)]) == 0
    for page in (site / "output" / "papers").glob("*/cite.bib"):
        served = page.read_text(encoding="utf-8")
        assert "/Users/kaile/Zotero" not in served
        assert "reviewer 2" not in served
        entry = parse_string(served)
        assert not entry.failed_blocks
        assert "file" not in entry.entries[0].fields_dict
    kernel = records(site)["Kernel Methods for Transformer Attention"]
    # The rest stays as written: braces, the month macro.
    assert "pages = {1123--1135}," in kernel["bibtex"]
    assert "month = dec," in kernel["bibtex"]
    assert kernel["authors"] == ["Jörg Müller", "Ana García-López", "Kaile Wang"]


def test_a_tab_indented_entry_is_kept_as_a_readable_block(site: Path) -> None:
    # Zotero indents with tabs; YAML cannot hold a tab in a literal block, and the entry
    # became one long double-quoted line full of \t and \n escapes.
    assert main(["import", "bibtex", str(FIXTURES / "zotero.bib"), "--site", str(site)]) == 0
    path = site / "content" / "papers" / "kernel-methods-for-transformer-attention.md"
    text = path.read_text(encoding="utf-8")
    block = "\n  @article{muller_kernel_2023,\n    title = {Kernel {Methods}"
    assert re.search(r"\nbibtex: \|  # as imported \([0-9a-f]{12}\)[^\n]*" + re.escape(block), text)
    assert 'bibtex: "' not in text
    cite = parse_string(str(records(site)["Kernel Methods for Transformer Attention"]["bibtex"]))
    assert cite.entries[0].fields_dict["journal"].value == (
        "Advances in Neural Information Processing Systems"
    )


def test_doi_case_names_and_corporate_authors_as_written(site: Path) -> None:
    assert main(["import", "bibtex", str(FIXTURES / "zotero.bib"), "--site", str(site)]) == 0
    bench = records(site)["A Benchmark for Robust Scene Understanding"]
    assert bench["doi"] == "10.1109/CVPR42600.2020.00123"  # as the publisher writes it
    assert bench["authors"] == [
        "IEEE Standards Team",  # {{IEEE Standards Team}}: one corporate name, not split
        "Jean de la Fontaine",
        "John Smith Jr.",
        "Kaile Wang",
    ]
    # Matching still ignores case: a lower-case copy of the DOI is the same paper.
    lower = site / "lower.bib"
    lower.write_text(
        "@inproceedings{x,\n  title = {Another Title Entirely},\n  author = {Wang, Kaile},\n"
        "  year = {2020},\n  doi = {10.1109/cvpr42600.2020.00123}\n}\n",
        encoding="utf-8",
    )
    assert main(["import", "bibtex", str(lower), "--site", str(site)]) == 0
    assert "Another Title Entirely" not in records(site)


def test_google_scholar_export_and_file_names_keep_their_letters(
    site: Path, tmp_path: Path
) -> None:
    assert main(["import", "bibtex", str(FIXTURES / "scholar.bib"), "--site", str(site)]) == 0
    names = sorted(p.name for p in (site / "content" / "papers").glob("*.md"))
    # ß, Ø and ï keep their letters (not "traenverkehr-und-resund-brucke").
    assert names == [
        "safe-rlhf-safe-reinforcement-learning-from-human-feedback.md",
        "strassenverkehr-und-oresund-brucke-naive-verkehrsmodelle.md",
    ]
    survey = records(site)["Straßenverkehr und Øresund-Brücke: naïve Verkehrsmodelle"]
    assert survey["authors"] == [
        "Kaile Wang",
        "Hans-Jürgen Stürmer",
        "Petr Škoda",
        "Søren Østergaard",
    ]
    assert survey["type"] == "preprint" and survey["arxiv_id"] == "2310.19852"
    assert (
        records(site)["Safe RLHF: Safe reinforcement learning from human feedback"]["authors"][-1]
        == "et al."
    )
    other = tmp_path / "other"
    assert main(["init", str(other), "--name", "Søren Østergaard"]) == 0
    assert (other / "content" / "authors" / "soren-ostergaard.yaml").is_file()


def test_better_biblatex_extended_names_dates_and_eprints(site: Path) -> None:
    bib = FIXTURES / "better-biblatex.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    found = records(site)
    survey = found["AI Alignment: A Comprehensive Survey"]
    # "family=Berg, given=Pieter, prefix=van den, useprefix=true" is one person.
    assert survey["authors"] == [
        "Jiaming Ji",
        "Kaile Wang",
        "Pieter van den Berg",
        "Ludwig van Beethoven",
        "Jörg Müller",
    ]
    assert survey["venue"] == "ACM Computing Surveys"
    assert str(survey["date"]) == "2024-02"
    rlhf = found["Safe RLHF: Safe Reinforcement Learning from Human Feedback"]
    assert rlhf["arxiv_id"] == "2310.12773" and rlhf["type"] == "preprint"
    assert str(rlhf["date"]) == "2023-10-19"


def test_a_title_edited_by_hand_is_still_the_same_entry_on_reimport(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # No DOI, no arXiv id: only the title matched, and an edited title made a duplicate.
    bib = str(FIXTURES / "scholar.bib")
    assert main(["import", "bibtex", bib, "--site", str(site)]) == 0
    path = (
        site / "content" / "papers" / "safe-rlhf-safe-reinforcement-learning-from-human-feedback.md"
    )
    text = path.read_text(encoding="utf-8")
    edited = text.replace(
        "title: 'Safe RLHF: Safe reinforcement learning from human feedback'",
        "title: 'Safe RLHF: Safe Reinforcement Learning from Human Feedback (spotlight)'",
    )
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(["import", "bibtex", bib, "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert "0 new" in out
    assert "conflict  title: keeps 'Safe RLHF: Safe Reinforcement Learning from Human" in out
    assert path.read_text(encoding="utf-8") == edited
    assert len(list((site / "content" / "papers").glob("*.md"))) == 2


def test_a_missing_comma_is_named_not_read_as_a_garbled_title(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A hand-edited file: the comma after the title was lost, so "author = ..." became
    # part of the title and the entry had "no authors".
    bib = site / "mine.bib"
    bib.write_text(
        "@article{ok2020,\n  title = {Fine},\n  author = {Doe, Jane},\n  year = 2020,\n}\n\n"
        "@misc{lee2018,\n  title = {Missing Comma}\n  author = {Lee, Hana},\n  year = {2018},\n}\n",
        encoding="utf-8",
    )
    before = snapshot(site)
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert (
        f"{bib}:8: entry 'lee2018': title: its value is followed by 'author = {{Lee, Hana}}'; "
        "is a comma missing after it?"
    ) in err
    assert "has no authors" not in err and "has no title" not in err
    assert snapshot(site) == before


def test_recurring_titles_of_different_works_stay_apart(site: Path) -> None:
    # An editor's list: two "Editorial"s of one year (different DOIs), two "Introduction"
    # chapters of one year by different first authors. Matched by title and year, they
    # became two records and two papers were lost.
    bib = FIXTURES / "editorials.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    found = [data for _, data, _ in read_papers(site)]
    assert sorted((d["title"], d.get("doi", "")) for d in found) == [
        ("Editorial", "10.5555/jmlr.2020.ed1"),
        ("Editorial", "10.5555/jmlr.2020.ed4"),
        ("Introduction", ""),
        ("Introduction", ""),
    ]
    assert sorted(d["authors"][0] for d in found if d["title"] == "Introduction") == [
        "Hana Lee",
        "Kaile Wang",
    ]
    # Importing the file again changes nothing: each entry matches its own record.
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    assert len(read_papers(site)) == 4


def test_an_impossible_date_is_named_not_a_traceback(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = site / "typo.bib"
    bib.write_text(
        "@misc{leap,\n  author = {Doe, Jane},\n  title = {Leap Day},\n  date = {2023-02-29},\n}\n",
        encoding="utf-8",
    )
    before = snapshot(site)
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{bib}:1: entry 'leap': has the date '2023-02-29', which is no calendar day" in err
    assert "Traceback" not in err
    assert snapshot(site) == before


def _two_files_sharing_a_key(site: Path) -> tuple[Path, Path]:
    """Copied from a template, two files both call their (different) entry "example2020"."""
    files = (site / "a.bib", site / "b.bib")
    for path, (title, journal) in zip(
        files, [("Sparse Probing", "JMLR"), ("Dense Retrieval", "TACL")], strict=True
    ):
        path.write_text(
            f"@article{{example2020,\n  author = {{Wang, Kaile}},\n  title = {{{title}}},\n"
            f"  journal = {{{journal}}},\n  year = {{2020}},\n}}\n",
            encoding="utf-8",
        )
    return files


def test_one_citation_key_in_two_files_of_one_import_is_not_one_paper(site: Path) -> None:
    first, second = _two_files_sharing_a_key(site)
    assert main(["import", "bibtex", str(first), str(second), "--site", str(site)]) == 0
    assert sorted(records(site)) == ["Dense Retrieval", "Sparse Probing"]


def test_a_later_file_reusing_a_records_key_for_another_paper_adds_it(site: Path) -> None:
    # The record came from a.bib's "example2020"; b.bib reuses the key for another paper.
    first, second = _two_files_sharing_a_key(site)
    assert main(["import", "bibtex", str(first), "--site", str(site)]) == 0
    assert main(["import", "bibtex", str(second), "--site", str(site)]) == 0
    assert sorted(records(site)) == ["Dense Retrieval", "Sparse Probing"]


def test_a_key_used_twice_loses_no_paper(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # ORCID's export (Crossref's BibTeX) names entries Surname_Year: two 2023 papers of
    # Wang's are both "Wang_2023". The file was refused as "the key is used twice".
    bib = FIXTURES / "orcid-works.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    found = records(site)
    assert sorted(found) == [
        "AI Alignment: A Comprehensive Survey",
        "Reward Models for Multi-Turn Dialogue Safety",
        "Safe RLHF: Safe Reinforcement Learning from Human Feedback",
    ]
    reward = found["Reward Models for Multi-Turn Dialogue Safety"]
    assert reward["doi"] == "10.18653/v1/2023.acl-long.88"
    assert reward["bibtex"].startswith("@inproceedings{Wang_2023, title={Reward Models")
    assert f"note: {bib}:3: @inproceedings entry 'Wang_2023': the key is used twice" in out
    survey = found["AI Alignment: A Comprehensive Survey"]
    assert str(survey["date"]) == "2024-02" and survey["authors"] == ["Jiaming Ji", "Kaile Wang"]
    # Imported again, each still finds its own record.
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    assert "3 unchanged" in capsys.readouterr().out


def test_url_commands_are_links_not_a_venue_in_angle_brackets(site: Path) -> None:
    # Software cited the usual way: howpublished = {\url{https://github.com/...}}.
    bib = FIXTURES / "software-and-talks.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    found = records(site)
    code = found["sae-lens: Sparse Autoencoder Training"]
    assert "venue" not in code  # was '<https://github.com/x/sae-lens>'
    assert code["links"]["code"] == "https://github.com/x/sae-lens"
    assert code["note"] == "Version 1.2. Available at https://pypi.org/project/sae-lens/"
    # A talk is no paper (see test_import_talks): it was imported, its venue the talk's
    assert "Invited talk: Safety at Scale" not in found


def test_one_paper_with_its_first_author_transliterated_is_one_record(site: Path) -> None:
    # arXiv wrote "Joerg Mueller", the publisher "Müller, Jörg": still one paper.
    preprint, published = site / "arxiv.bib", site / "journal.bib"
    preprint.write_text(
        "@misc{mueller2021,\n  author = {Joerg Mueller and Kaile Wang},\n"
        "  title = {Kernel Attention at Scale},\n  year = {2021},\n  eprint = {2106.01234},\n"
        "  archivePrefix = {arXiv},\n}\n",
        encoding="utf-8",
    )
    published.write_text(
        '@article{muller2021kernel,\n  author = {M{\\"u}ller, J{\\"o}rg and Wang, Kaile},\n'
        "  title = {Kernel Attention at Scale},\n  journal = {JMLR},\n  year = {2021},\n}\n",
        encoding="utf-8",
    )
    assert main(["import", "bibtex", str(preprint), "--site", str(site)]) == 0
    assert main(["import", "bibtex", str(published), "--site", str(site)]) == 0
    assert len(read_papers(site)) == 1


def test_a_hand_written_et_al_cuts_the_list_short() -> None:
    # "Dai, Josef et al." became the person "Josef et al. Dai".
    works = by_key(
        "@misc{a, author = {Wang, Kaile and Dai, Josef et al.}, title = {A}, year = 2020}\n"
        "@misc{b, author = {K. Wang et al.}, title = {B}, year = 2020}\n"
    )
    assert works["a"].authors == ["Kaile Wang", "Josef Dai", "et al."]  # type: ignore[attr-defined]
    assert works["b"].authors == ["K. Wang", "et al."]  # type: ignore[attr-defined]


def test_mendeley_export_arxiv_ids_and_private_fields(site: Path) -> None:
    bib = FIXTURES / "mendeley.bib"  # with its header text, no indentation, $\backslash$
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    found = records(site)
    assert found["Only arxivId Here"]["arxiv_id"] == "1901.01234"  # Mendeley's arxivId
    assert found["Attention is all you need"]["arxiv_id"] == "1706.03762"
    for data in found.values():
        assert "Mendeley Desktop" not in data["bibtex"] and "mendeley-groups" not in data["bibtex"]


def test_jabref_comments_groups_and_ratings_are_not_published(site: Path) -> None:
    assert main(["import", "bibtex", str(FIXTURES / "jabref.bib"), "--site", str(site)]) == 0
    served = str(records(site)["Probing Sparse Features"]["bibtex"])
    for private in ("Reviewer 2", "TODO", "to-read", "owner", "prio1", "rank5", "readstatus"):
        assert private not in served
    assert "journal       = {Journal of Machine Learning Research}," in served  # as written
    assert "timestamp" in served  # only what is private goes


def test_an_old_jabref_file_in_its_declared_latin_1_is_read(site: Path) -> None:
    # JabRef 2 wrote "% Encoding: ISO8859_1" files; they were refused as "not UTF-8".
    bib = FIXTURES / "jabref-latin1.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    found = records(site)
    thesis = found["Lernen mit verrauschten Daten"]
    assert thesis["authors"] == ["Jörg Müller"]
    assert thesis["venue"] == "Universität Tübingen"
    assert found["Résumé de la méthode"]["authors"] == ["Zoë Dupont", "Jörg Müller"]
    assert "owner" not in str(thesis["bibtex"])


def test_titles_that_are_windows_device_names_make_records_the_build_accepts(site: Path) -> None:
    bib = FIXTURES / "reserved-titles.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    papers = sorted(p.name for p in (site / "content" / "papers").glob("*.md"))
    assert {"con-paper.md", "aux-auxiliary-losses-for-analytical-engines.md"} <= set(papers)
    assert "nul-paper.md" in papers
    assert main(["build", "--site", str(site)]) == 0
    assert (site / "output" / "papers" / "con-paper" / "index.html").is_file()


def test_a_preprint_then_its_published_version_with_authors_reordered_is_one_record(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # arXiv's BibTeX for the preprint, then the proceedings' entry a year later, whose
    # author order changed: one paper. The order the preprint's entry gave (no person's)
    # follows the published version, which the record now cites; one set by hand is kept,
    # the new order shown as a conflict to decide.
    preprint, published = site / "arxiv.bib", site / "neurips.bib"
    preprint.write_text(
        "@misc{ji2024saferlhfv,\n"
        "  title = {Safe {RLHF-V}: Safe Reinforcement Learning from Multi-modal Human Feedback},\n"
        "  author = {Jiaming Ji and Xinyu Chen and Rui Pan and Kaile Wang and Yaodong Yang},\n"
        "  year = {2024},\n  eprint = {2412.01234},\n  archivePrefix = {arXiv},\n"
        "  primaryClass = {cs.LG},\n}\n",
        encoding="utf-8",
    )
    published.write_text(
        "@inproceedings{wang2025saferlhfv,\n"
        "  title = {Safe RLHF-V: Safe Reinforcement Learning from Multi-Modal Human Feedback},\n"
        "  author = {Wang, Kaile and Ji, Jiaming and Chen, Xinyu and Pan, Rui and Yang, Yaodong},\n"
        "  booktitle = {Advances in Neural Information Processing Systems},\n"
        "  year = {2025},\n  doi = {10.5555/neurips.2025.1234},\n}\n",
        encoding="utf-8",
    )
    assert main(["import", "bibtex", str(preprint), "--site", str(site)]) == 0
    [(path, _, _)] = read_papers(site)
    as_imported = path.read_text("utf-8")
    assert main(["import", "bibtex", str(published), "--site", str(site)]) == 0
    [(_, record, _)] = read_papers(site)
    assert record["arxiv_id"] == "2412.01234" and record["doi"] == "10.5555/neurips.2025.1234"
    assert record["authors"][0] == "Kaile Wang" and "wang2025saferlhfv" in record["bibtex"]
    assert "authors updated" in capsys.readouterr().out
    path.write_text(as_imported.replace("  - Xinyu Chen\n", "  - Xin-Yu Chen\n"))  # by hand
    assert main(["import", "bibtex", str(published), "--site", str(site)]) == 0
    [(_, record, _)] = read_papers(site)
    assert record["authors"][0] == "Jiaming Ji"  # what a person wrote is kept
    out = capsys.readouterr().out
    assert "conflict  authors: keeps 'Jiaming Ji, Xin-Yu Chen" in out
    assert "the import has 'Kaile Wang, Jiaming Ji," in out


def test_a_link_that_is_no_web_address_is_left_out_with_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = FIXTURES / "zotero-local-links.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    # (an address typed without https:// is one: it gets it, see readme-bare-hosts.bib)
    assert "lovelace2024notes" not in other_notes(out)
    # Ada Lovelace's papers, on Kaile Wang's site: the owner's, said
    assert "note: 3 of the 3 new records name none of the site's authors" in out
    assert (
        f"note: {bib}:14: entry 'lovelace2024sketch': link `url` "
        "`file:///C:/Users/ada/Zotero/storage/sketch.pdf` is not an http(s) address; "
        "imported without it"
    ) in out
    assert "lovelace2024third': link" not in out
    found = records(site)
    assert found["Notes on the Analytical Engine"]["links"] == {
        "paper": "https://www.example.org/notes"
    }
    assert found["A Third Memoir"]["links"] == {"paper": "https://example.org/third"}


def test_a_link_that_names_no_host_is_left_out_with_a_note(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`https://...` copied from a template: the record would not build with it."""
    bib = tmp_path / "placeholder.bib"
    bib.write_text(
        "@article{lovelace1843notes,\n  title = {Notes},\n  author = {Lovelace, Ada},\n"
        "  journal = {Scientific Memoirs},\n  year = {1843},\n  url = {https://...}\n}\n",
        encoding="utf-8",
    )
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert (
        f"note: {bib}:1: entry 'lovelace1843notes': link `url` `https://...` names no host; "
        "imported without it"
    ) in out
    assert "links" not in records(site)["Notes"]
    assert main(["build", "--site", str(site)]) == 0


def test_zoteros_text_commands_for_special_characters_keep_their_characters(
    site: Path,
) -> None:
    """Zotero writes <, >, |, ", _ and ^ in an abstract as text commands; they vanished,
    so `a perplexity < 30` read `a perplexity 30`."""
    bib = str(FIXTURES / "zotero-escapes.bib")
    assert main(["import", "bibtex", bib, "--site", str(site)]) == 0
    (record,) = records(site).values()
    abstract = " ".join(record["abstract"].split())
    assert '("linear Transformers")' in abstract
    assert "at cost O(n^2)" in abstract
    assert "a perplexity < 30 with <5% of the parameters" in abstract
    assert "by >10 points on |V| = 50k vocabularies" in abstract
    assert "the recurrent_fwp package" in abstract


def test_al_folios_page_fields_and_name_marks_stay_out_of_cite_bib(site: Path) -> None:
    """al-folio's papers.bib holds what its theme draws (a badge, a thumbnail, buttons,
    Altmetric and Scholar ids, `Einstein*†`); al-folio strips them from the BibTeX it
    shows, but every paper's cite.bib served them to whoever cited the paper."""
    bib = FIXTURES / "al-folio-papers.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    found = records(site)
    epr = found["Can Quantum-Mechanical Description of Physical Reality Be Considered Complete?"]
    cite = str(epr["bibtex"])
    for name in ("abbr", "altmetric", "dimensions", "google_scholar_id", "html", "pdf",
                 "video", "additional_info", "selected", "inspirehep_id"):  # fmt: skip
        assert f"\n  {name} = " not in cite, name
    assert "author = {Einstein, A. and Podolsky, B. and Rosen, N.}" in cite
    assert "doi = {10.1103/PhysRev.47.777}" in cite and "journal = {Phys. Rev.}" in cite
    assert "publisher = {American Physical Society,}" in cite  # its macro, resolved
    assert epr["featured"] is True and epr["links"]["video"].startswith("https://")
    # An entry without macros keeps the rest of its text as written.
    brownian = str(found["Investigations on the Theory of the Brownian Movement"]["bibtex"]).strip()
    assert brownian == (
        "@book{einstein1956investigations,\n"
        "  title={Investigations on the Theory of the Brownian Movement},\n"
        "  author={Einstein, Albert},\n"
        "  year={1956},\n"
        "  publisher={Courier Corporation},\n"
        "}"
    )


def test_an_entry_without_macros_loses_the_marks_and_page_fields_only() -> None:
    text = (
        "@inproceedings{lee2024,\n"
        "  abbr = {ICML},\n"
        "  title = {Sparse Probing},\n"
        "  author = {Lee*, Ann and Park*†, Bo and Chen, Li},\n"
        "  booktitle = {ICML},\n"
        "  year = {2024},\n"
        "  bibtex_show = {true},\n"
        "}\n"
    )
    (work,) = parse_bibtex(text, "papers.bib")
    assert work.authors == ["Ann Lee", "Bo Park", "Li Chen"]
    assert work.bibtex == (
        "@inproceedings{lee2024,\n"
        "  title = {Sparse Probing},\n"
        "  author = {Lee, Ann and Park, Bo and Chen, Li},\n"
        "  booktitle = {ICML},\n"
        "  year = {2024},\n"
        "}"
    )


def test_zoteros_notes_and_jabrefs_timestamps_are_read_but_not_published(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Zotero's exporter writes each note of an item as an `annote` field, so an item with
    two notes repeats the field (zotero/translators#1433): the import stopped at it ("could
    not be read"). Notes are the owner's, as are JabRef's creation and edit stamps."""
    bib = str(FIXTURES / "zotero-notes.bib")
    assert main(["import", "bibtex", bib, "--site", str(site)]) == 0
    assert "2 new" in capsys.readouterr().out
    found = records(site)
    lora = str(found["LoRA: Low-Rank Adaptation of Large Language Models"]["bibtex"])
    assert "annote" not in lora and "Reviewer 2" not in lora
    assert "urldate = {2024-03-11}," in lora  # what is not private stays as written
    overview = str(found["Deep learning in neural networks: An overview"]["bibtex"])
    assert "creationdate" not in overview and "modificationdate" not in overview
    assert "journaltitle     = {Neural Networks}," in overview


def test_a_repeated_field_that_is_published_is_still_an_error(site: Path) -> None:
    text = "@article{x, title = {One}, title = {Two}, author = {Ann Lee}, year = 2020}\n"
    with pytest.raises(ContentError) as raised:
        parse_bibtex(text, "papers.bib")
    assert "@article entry 'x': `title` is given twice" in str(raised.value.problems[0])


def test_venues_that_only_say_arxiv_are_arxiv(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Google Scholar writes `journal={arXiv preprint arXiv:1803.10122}`, Semantic Scholar
    `journal={ArXiv}, volume={abs/2106.09685}`, ADS `journal={arXiv e-prints}`. The card
    showed the id twice, and importing the paper from any other source reported a venue
    conflict with its `arXiv`."""
    bib = str(FIXTURES / "arxiv-venues.bib")
    assert main(["import", "bibtex", bib, "--site", str(site)]) == 0
    found = records(site)
    ids = {}
    for title in (
        "World models",
        "LoRA: Low-Rank Adaptation of Large Language Models",
        "On Learning to Think: Algorithmic Information Theory for Novel Combinations of "
        "Reinforcement Learning Controllers and Recurrent Neural World Models",
    ):
        assert found[title]["venue"] == "arXiv" and found[title]["type"] == "preprint", title
        ids[title[:5]] = found[title]["arxiv_id"]
    assert ids == {"World": "1803.10122", "LoRA:": "2106.09685", "On Le": "1511.09249"}
    published = found["Recurrent world models facilitate policy evolution"]
    assert published["venue"] == "Advances in Neural Information Processing Systems"
    capsys.readouterr()
    s2 = str(INGEST / "semanticscholar" / "abbreviated-names.json")
    assert main(["import", "semanticscholar", s2, "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert "updated   content/papers/world-models.md" in out
    assert "conflict  venue" not in out


def test_percent_signs_and_unknown_commands_keep_the_text_after_them(site: Path) -> None:
    # al-folio (594zyc.github.io): abstracts pasted from arXiv write "92.9%" unescaped, and
    # an author's own \dataset command; the first cut the abstract short, the second
    # vanished. \texttt{..} and \mbox{..} lost their words too.
    source = FIXTURES / "al-folio-percent.bib"
    assert main(["import", "bibtex", str(source), "--site", str(site)]) == 0
    found = records(site)
    agents = " ".join(
        found["Autonomous evaluation and refinement of digital agents"]["abstract"].split()
    )
    assert "between 74.4 and 92.9% agreement with oracle metrics." in agents
    assert agents.endswith("achieve a 75% relative improvement in a transfer setting.")
    video = found["Proactive Assistant Dialogue Generation from Streaming Egocentric Videos"]
    text = " ".join(video["abstract"].split())
    assert "resulting in \\dataset, a large synthetic dialogue dataset" in text
    assert "the \\ours model, trained with one end-to-end objective." in text
    # \href in an abstract made pylatexenc raise IndexError: a traceback, nothing imported
    linked = found["A Paper Whose Abstract Links Its Code"]["abstract"]
    assert "at [sled-group/x_y](https://github.com/sled-group/x_y), with 100% of" in " ".join(
        linked.split()
    )
    # ``Zero-Knowledge" (0xAdriaTorralba.github.io): TeX closes the quote; it was left open
    assert "The Shortcomings of “Zero-Knowledge” Rollups in Achieving Privacy" in found


def test_two_papers_given_one_arxiv_id_stay_two_records(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # al-folio (594zyc.github.io): an entry's arxiv={..} copied into the next entry, another
    # paper by other first authors. They became one record; the second paper was lost.
    source = FIXTURES / "al-folio-shared-arxiv.bib"
    assert main(["import", "bibtex", str(source), "--site", str(site)]) == 0
    found = records(site)
    elastic = found["Elastic CRFs for Open-Ontology Slot Filling"]
    embeddings = found[
        "Improved Learning of Word Embeddings with Word Definitions and Semantic Injection."
    ]
    assert (elastic["arxiv_id"], elastic["date"], elastic.get("featured")) == (
        "1811.01331",
        2021,
        None,
    )
    assert "arxiv_id" not in embeddings and "arxiv" not in embeddings.get("links", {})
    assert (embeddings["date"], embeddings["featured"]) == (2020, True)
    out = capsys.readouterr().out
    assert (
        "entry 'zhang2020improved': arXiv id 1811.01331 is also given to entry 'dai2021elastic'"
        in out
    )
    assert main(["import", "bibtex", str(source), "--site", str(site)]) == 0
    assert "2 works: 0 new, 0 updated, 2 unchanged" in capsys.readouterr().out


def test_a_caret_marking_the_corresponding_author_is_no_part_of_the_name(site: Path) -> None:
    # al-folio (42Shawn.github.io) marks corresponding authors `Lee^, Yong Jae`: the site
    # listed "Yong Jae Lee^" and "Yan Yan^", and served them so in cite.bib.
    source = FIXTURES / "al-folio-caret.bib"
    assert main(["import", "bibtex", str(source), "--site", str(site)]) == 0
    found = records(site)
    paper = found["LLaVA-PruMerge: Adaptive Token Reduction for Efficient Large Multimodal Models"]
    assert paper["authors"] == ["Yuzhang Shang", "Mu Cai", "Bingxin Xu", "Yong Jae Lee", "Yan Yan"]
    assert "Lee, Yong Jae and Yan, Yan}" in paper["bibtex"]
    numbered = found["A Paper Whose Authors Carry Affiliation Numbers"]
    assert "Smith$^1$, Ann and Doe$^{2}$, Bo" in numbered["bibtex"]  # math is not a mark


def test_doi_orgs_bibtex_with_a_month_written_out_is_read(site: Path) -> None:
    # BibTeX from doi.org (Crossref, as recorded in a session log) writes `month=July`, a
    # macro no style defines: the whole file was refused. arXiv's own export of the
    # preprint (eprint=, archivePrefix=) is the same paper.
    source = FIXTURES / "crossref-and-arxiv.bib"
    assert main(["import", "bibtex", str(source), "--site", str(site)]) == 0
    [paper] = records(site).values()
    assert (paper["date"], paper["doi"], paper["arxiv_id"]) == (
        "2016-07",
        "10.1111/tops.12211",
        "1411.0129",
    )
    assert "month = jul," in paper["bibtex"]


def test_al_folios_html_to_the_arxiv_page_leaves_the_url_as_the_papers_link(site: Path) -> None:
    # A lab's al-folio file (PJLab-ADG) puts the arXiv page in html= and the publisher's
    # page in url=: html took the paper link, so the publisher's page was lost.
    source = FIXTURES / "al-folio-html-arxiv.bib"
    assert main(["import", "bibtex", str(source), "--site", str(site)]) == 0
    [paper] = records(site).values()
    assert paper["arxiv_id"] == "2210.09615"
    assert paper["doi"] == "10.1007/978-3-031-19839-7_40"
    assert paper["links"] == {
        "arxiv": "https://arxiv.org/abs/2210.09615",
        "paper": "https://link.springer.com/chapter/10.1007/978-3-031-19839-7_40",
    }


def test_text_symbols_pylatexenc_has_no_text_for_read_as_their_characters() -> None:
    # They vanished ("see 3, 5 and ACMIEEE"); shown as written (as unknown commands now
    # are) they would read `\euro`.
    assert decode(r"see \S 3, 5\euro{} and \copyright{} ACM\slash IEEE") == (
        "see §3, 5€ and © ACM/IEEE"
    )


# Pieces of values pylatexenc might read differently from their characters: its specials
# and ligatures, groups, math (a `$` of its own, display math, math with a group or a
# comment, macros with and without arguments), escapes, and blanks of every kind.
_LATEX_PIECES = [
    *"aZ9 ,.;:()?!/-'\"é漢–\\{}$%&#^_~`\n\t\r\f",
    "\\alpha", "\\frac", "\\mathcal", "\\begin", "\\noopsort", "\\LaTeX", "\\(",
    "\\)", "\\,", "\\ ", "\\\\", "\\$", "\\{", "$$", "''", "``", "--", "---", "!`",
    "?`", "  ", "\u00a0", "\u2028", "“", "x^2", "a_i",
]  # fmt: skip


_LATEX_CHARS = list("aZ9 ,.;:()?!/-'\"é漢–\\{}$%&#^_~`\n\t")


def _latex_values() -> list[str]:
    """Values of the pieces above and of their single characters, 750 of each kind drawn
    with a fixed seed (Hypothesis spent more time drawing 1,500 than the test reading
    them), after the values that once read differently."""
    rng = random.Random(945)
    chars = ["".join(rng.choices(_LATEX_CHARS, k=rng.randint(0, 40))) for _ in range(750)]
    pieces = ["".join(rng.choices(_LATEX_PIECES, k=rng.randint(0, 14))) for _ in range(750)]
    return [
        "",
        *_LATEX_PIECES,
        "{{3d Ticroker $\\alpha$ Vision $O(n^2)$}}",
        "x-{}-y '{}' {a} {} b {{c}d}e",
        "{$\\mathcal{O}(n)$} time",
        "a set $\\{a\\}$ of them",
        "$$x$$ and $a\\$b$",
        *chars,
        *pieces,
    ]


def test_a_value_reads_as_pylatexenc_reads_it() -> None:
    """Values without markup, or with only groups and inline math, skip pylatexenc (10
    times faster): they must read exactly as it reads them, and it must read them."""
    from generator.ingest.latex import _decoded, _markup_free, _parsed

    for value in _latex_values():
        try:
            expected = _parsed(value)
        except Exception:
            assert _markup_free(value) is None, value
            continue
        assert _decoded(value) == expected, value


def test_a_year_of_several_years_is_the_first_with_a_note(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A project's span written as its year: it was read as 2009 without a word.
    bib = tmp_path / "span.bib"
    bib.write_text(
        "@misc{p,\n  title = {A Project},\n  author = {Ann Lee},\n  year = {2009--2023}\n}\n"
        "@misc{q, title = {Other}, author = {Ann Lee}, year = {2015}}\n",
        encoding="utf-8",
    )
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert (
        f"note: {bib}:1: entry 'p': year = {{2009--2023}} names more than one year; "
        "imported as 2009 (write the year the paper appeared)"
    ) in out
    assert "entry 'q'" not in other_notes(out)  # one year: no note
    assert "note: 2 of the 2 new records name none of the site's authors" in out  # Ann Lee's
    assert str(records(site)["A Project"]["date"]) == "2009"


def test_a_title_without_latin_letters_is_filed_under_its_arxiv_id_or_doi(
    site: Path, tmp_path: Path
) -> None:
    # Chinese, Japanese, Arabic titles: every one was paper.md, paper-2018.md, paper-2.md…
    bib = tmp_path / "cjk.bib"
    bib.write_text(
        "@article{a, title={基于深度学习的图像识别方法研究}, author={张 三}, year=2018,"
        " doi={10.1234/abc.2018.001}}\n"
        "@misc{b, title={深層学習による画像認識}, author={山田 太郎}, year=2020,"
        " eprint={2001.01234}, archivePrefix={arXiv}}\n"
        "@article{c, title={دراسة في التعلم العميق}, author={Ali Hassan}, year=2019}\n",
        encoding="utf-8",
    )
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    names = {path.name for path, _, _ in read_papers(site)}
    # (with neither, its first author's family name and year: see non-latin-titles.bib)
    assert {"doi-10-1234-abc-2018-001.md", "arxiv-2001-01234.md", "hassan-2019.md"} <= names


def test_a_command_short_of_its_arguments_is_kept_as_written_and_nothing_printed(
    site: Path, tmp_path: Path
) -> None:
    """`\\frac{x}` (a typo: one argument of two) made pylatexenc print a warning on stderr
    and give its own template as the text: the title read `Bounds for %s/%sx`."""
    bib = tmp_path / "typo.bib"
    bib.write_text(
        "@article{lee2024b,\n  title = {Bounds for \\frac{x}},\n  author = {Lee, Ann},\n"
        "  journal = {J},\n  year = {2024}\n}\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "generator", "import", "bibtex", str(bib)]
    done = subprocess.run(  # a process of its own: pytest catches what logging prints
        [*command, "--site", str(site)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stderr == ""
    assert "Bounds for \\frac{x}" in records(site)
    assert decode("A \\frac{x}{y}") == "A x/y"  # the command with its arguments, as before


def test_decomposed_accents_imported_again_are_no_conflict(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file whose accents are two characters each (`e` and U+0301, as a PDF's copy or a
    macOS export writes them) is written composed, as the build reads every record: the
    same file imported again finds its record unchanged, with no `keeps 'Café'; the
    import has 'Café'` conflict between two spellings of one text."""
    bib = tmp_path / "decomposed.bib"
    e, u = "e\u0301", "u\u0308"  # é and ü, decomposed
    bib.write_text(
        "@article{cafe2023,\n"
        f"  title = {{Caf{e} culture and the r{e}sum{e}}},\n"
        f"  author = {{M{u}ller, Jo\u0308rg and Wang, Kaile}},\n"
        f"  journal = {{Journal of Caf{e} Studies}},\n"
        "  year = {2023},\n  doi = {10.1000/cafe.1}\n}\n",
        encoding="utf-8",
    )
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    capsys.readouterr()
    before = snapshot(site)
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert "0 updated, 1 unchanged, 0 with conflicts" in out, out
    assert snapshot(site) == before
    ((path, data, _),) = read_papers(site)
    assert data["venue"] == "Journal of Café Studies"  # composed: é is one character
    assert e not in path.read_text(encoding="utf-8")
