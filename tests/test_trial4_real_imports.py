"""A researcher importing other people's BibTeX and arXiv answers (trial 4), shapes from
real files: arXiv answers that give arXiv's own DOI, names with a generational suffix."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import new_site, records_by_title, run_import

FIXTURES = INGEST / "trial4-real"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Ashish Vaswani")


def _attention(site: Path, doi: str) -> Path:
    """A record of arXiv 1706.03762, written by hand with ``doi``."""
    record = site / "content" / "papers" / "attention.md"
    record.write_text(
        "---\ntitle: Attention Is All You Need\nauthors:\n  - Ashish Vaswani\n"
        f"  - Noam Shazeer\ndate: 2017-06-12\narxiv_id: '1706.03762'\ndoi: {doi}\n---\n",
        encoding="utf-8",
    )
    return record


def test_arxivs_own_doi_is_not_the_papers_doi(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An arXiv answer whose `arxiv:doi` is arXiv's own DOI (`10.48550/arXiv.1706.03762`,
    as authors type it into the DOI field) gave the record that DOI, and the import of the
    published paper then kept it over the journal's, a conflict at every import."""
    assert run_import(site, "arxiv", FIXTURES / "arxiv-own-doi.xml") == 0
    records = records_by_title(site)
    attention = records["Attention Is All You Need"]
    assert "doi" not in attention
    assert attention["arxiv_id"] == "1706.03762"
    # arXiv's DOI listed before the journal's: the journal's is the paper's
    waves = records["Gravitational Waves from Cosmic Strings"]
    assert waves["doi"] == "10.1103/PhysRevD.103.043001"
    capsys.readouterr()
    assert run_import(site, "bibtex", FIXTURES / "neurips.bib") == 0
    out = capsys.readouterr().out
    assert "conflict  doi" not in out and "0 with conflicts" in out
    assert records_by_title(site)["Attention Is All You Need"]["doi"] == "10.5555/3295222.3295349"


def test_a_record_with_arxivs_doi_takes_the_published_papers(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record an earlier import (or its owner) wrote with arXiv's DOI of its own preprint
    takes the published paper's DOI from the import, with no conflict: the preprint's
    DOI names what `arxiv_id` names already."""
    record = _attention(site, "10.48550/arXiv.1706.03762")
    assert run_import(site, "bibtex", FIXTURES / "neurips.bib") == 0
    out = capsys.readouterr().out
    assert "conflict  doi" not in out and "0 with conflicts" in out
    assert "doi updated" in out
    assert "doi: 10.5555/3295222.3295349\n" in record.read_text(encoding="utf-8")
    assert main(["build", "--site", str(site)]) == 0
    page = (site / "output" / "papers" / "attention" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://doi.org/10.5555/3295222.3295349"' in page
    assert "10.48550" not in page


def test_arxivs_doi_of_another_paper_stays_a_conflict(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record's DOI that is arXiv's DOI of another paper than its own is no preprint's
    DOI to replace: the import says so, as for any other DOI."""
    record = _attention(site, "10.48550/arXiv.1810.04805")
    assert run_import(site, "bibtex", FIXTURES / "neurips.bib") == 0
    out = capsys.readouterr().out
    assert "conflict  doi: keeps '10.48550/arXiv.1810.04805'" in out
    assert "doi: 10.48550/arXiv.1810.04805\n" in record.read_text(encoding="utf-8")


def test_a_generational_suffix_is_no_surname_in_cite_bib(site: Path) -> None:
    """arXiv writes `S. James Gates Jr.`; the cite.bib built for the record wrote the name
    so, which BibTeX reads as the surname "Jr." (`S. J. G. Jr.` in abbrv, sorted under J,
    and the key `jr2000superspace`). It is BibTeX's `Gates, Jr., S. James` now."""
    assert run_import(site, "arxiv", FIXTURES / "arxiv-suffixes.xml") == 0
    record = (
        site / "content" / "papers" / "superspace-methods-for-supersymmetric-yang-mills-theories.md"
    )
    text = record.read_text(encoding="utf-8")  # and a name written by hand, comma and all
    record.write_text(
        text.replace("  - Ashish Vaswani\n", "  - Ashish Vaswani\n  - Frederick P. Brooks, Jr.\n"),
        encoding="utf-8",
    )
    assert main(["build", "--site", str(site)]) == 0
    built = site / "output" / "papers" / record.stem
    cite = (built / "cite.bib").read_text(encoding="utf-8")
    assert cite.startswith("@misc{gates2000superspace,")
    assert (
        "author = {Gates, Jr., S. James and van Beethoven, III, Ludwig and Ashish Vaswani"
        " and Brooks, Jr., Frederick P.}" in cite
    )
    page = (built / "index.html").read_text(encoding="utf-8")
    assert "S. James Gates Jr." in page  # the page shows the name as arXiv writes it


def test_an_arxiv_titles_tex_formatting_is_its_markdown(site: Path) -> None:
    """arXiv sends titles as typed, `\\emph{Yang--Mills}`, `{\\it Ab initio}`, `{AdS}`:
    the page showed the commands and braces as written (the abstract's were read, the
    title's not). A title links nothing: `\\url{…}` is its address, `\\href` its words."""
    assert run_import(site, "arxiv", FIXTURES / "arxiv-tex-titles.xml") == 0
    titles = set(records_by_title(site))
    large_n = (
        "Large N Field Theories, String Theory and Gravity: the $\\mathcal{N}=4$ "
        "*Yang–Mills* Theory and AdS Space"
    )
    ab_initio = (
        "*Ab initio* study of **D\\*** mesons with LLaMA, code at "
        "https://github.com/abc/d_star (demo): 2\\*3"
    )
    assert titles == {large_n, ab_initio}
    assert main(["build", "--site", str(site)]) == 0
    pages = site / "output" / "papers"
    page = next(pages.glob("large-n-*")) / "index.html"
    assert "<em>Yang–Mills</em> Theory and AdS Space</h1>" in page.read_text(encoding="utf-8")
    page = next(pages.glob("ab-initio-*")) / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "<h1><em>Ab initio</em> study of <strong>D*</strong> mesons with LLaMA" in html
    assert "javascript:" not in html
    cite = (page.parent / "cite.bib").read_text(encoding="utf-8")
    assert "title = {{\\emph{Ab initio} study of \\textbf{D*} mesons with LLaMA" in cite


def test_an_arxiv_name_ending_in_et_al_cuts_the_list_short(site: Path) -> None:
    """arXiv splits authors at commas and `and` only: `V. M. Abazov et al` typed so was
    one author, whose surname cite.bib gave as "al" (the key `al2000measurement`)."""
    assert run_import(site, "arxiv", FIXTURES / "arxiv-et-al.xml") == 0
    records = records_by_title(site)
    top = records["Measurement of the Top Quark Mass in the Dilepton Channel"]
    assert top["authors"] == ["V. M. Abazov", "et al."]
    higgs = records["Search for Charged Higgs Bosons"]  # a name of its own: as before
    assert higgs["authors"] == ["D0 Collaboration", "B. Abbott", "et al."]
    assert main(["build", "--site", str(site)]) == 0
    pages = site / "output" / "papers"
    cite = (next(pages.glob("measurement-of-the-top-*")) / "cite.bib").read_text(encoding="utf-8")
    assert cite.startswith("@misc{abazov2000measurement,")
    assert "author = {V. M. Abazov and others}" in cite


def test_a_comment_whose_brace_is_never_closed_refuses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """BibDesk writes its groups into `@comment`s at the file's end; a group named
    `Mine {draft` leaves a `{` of the comment open. BibTeX reads no @comment; the import
    refused the whole file ("could not be read: Unexpected block start"), nothing written."""
    site = new_site(tmp_path / "site", "Ann Lee")
    assert run_import(site, "bibtex", FIXTURES / "bibdesk-groups.bib") == 0
    out = capsys.readouterr().out
    assert set(records_by_title(site)) == {
        "Two Components of Long-Distance Extraction: Successive Cyclicity in Dinka",
        "Successive Cyclicity Revisited",
    }
    assert "bibdesk-groups.bib:24: @comment: a `{` in its text is never closed" in out


def test_slips_of_a_hand_typed_file_are_named_with_their_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A comma left out after a bare value (`year = 2020`, then `publisher = …`) was "uses
    undefined macro '2020 publisher = …'", with a file of macros to give first; a `@String`
    whose `}` is lost was "could not be read: Unexpected block start" (or, at the file's
    end, advice to give the macro a citation key). Each is named with its fix."""
    site = new_site(tmp_path / "site", "Ann Lee")
    assert run_import(site, "bibtex", FIXTURES / "hand-typed-slips.bib") == 1
    err = capsys.readouterr().err
    assert (
        "hand-typed-slips.bib:4: @string 'jair' is never closed: a `}` is missing at its "
        "end or in its value (each entry that uses the macro then finds it undefined); "
        "add the missing `}`"
    ) in err
    assert (
        "hand-typed-slips.bib:10: entry 'lee-icaps2020': year: its value is followed by "
        "'publisher =    \"{AAAI} Press\"'; is a comma missing after it?"
    ) in err
    # the comma after a key left out, and one doubled: both were "never closed: a `}` is
    # missing in its author, or at the entry's end", which sent a person counting braces
    assert (
        "hand-typed-slips.bib:22: @InProceedings entry 'lee-socs2019': no comma after its "
        "key; write `@InProceedings{lee-socs2019,`"
    ) in err
    assert (
        "hand-typed-slips.bib:30: @Article entry 'lee-jair2018': two commas with no field "
        "between them after its author; delete one"
    ) in err
    assert "never closed: a `}` is missing in" not in err
    assert "undefined macro" not in err and "could not be read" not in err
    assert not list((site / "content" / "papers").glob("*.md"))


def test_a_listed_paper_withdrawn_since_is_said_at_its_record(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """v2 listed on the site, then v3 withdrawn: the import's note said "a new record for
    it gets draft: true", and the record, not new, stayed listed without a word at it."""
    assert run_import(site, "arxiv", FIXTURES / "arxiv-suffixes.xml") == 0
    capsys.readouterr()
    assert run_import(site, "arxiv", FIXTURES / "arxiv-suffixes-withdrawn.xml") == 0
    out = capsys.readouterr().out
    rel = "content/papers/superspace-methods-for-supersymmetric-yang-mills-theories.md"
    assert (
        f"  {rel}:2: conflict  draft: not added; the import has the paper as a draft "
        "(withdrawn on arXiv, retracted, or a draft of the old site), but the record is "
        "listed on the site: add `draft: true` to take it off, or leave it listed"
    ) in out
    assert "draft" not in (site / rel).read_text(encoding="utf-8")  # the owner decides
    # left listed on purpose: the next import of the same answer does not say it again
    assert run_import(site, "arxiv", FIXTURES / "arxiv-suffixes-withdrawn.xml") == 0
    out = capsys.readouterr().out
    assert "draft: not added" not in out
    assert "1 conflict told at an earlier import not repeated" in out


def test_an_arxiv_comment_and_journal_reference_print_their_tex(site: Path) -> None:
    """arXiv's comment (the record's note) and journal reference (its venue) are plain
    text, typed with TeX: the page showed `\\url{https://…}`, `Lattice~2023`, `50\\%`,
    `{\\em oral}` and `Astron.\\ \\&` as typed, and linked nothing."""
    assert run_import(site, "arxiv", FIXTURES / "arxiv-tex-titles.xml") == 0
    record = next(r for t, r in records_by_title(site).items() if t.startswith("*Ab initio*"))
    assert record["note"] == (
        "Accepted to Lattice\u00a02023 (oral); 9 pages; code at "
        "https://github.com/abc/d_star; 50% faster than $O(n^{2})$"
    )
    assert record["venue"] == "Astron. & Astrophys. 500, 1–10 (2023)"


def test_a_record_an_earlier_import_wrote_with_tex_takes_the_text(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record an earlier import wrote with the title, comment and journal reference as
    arXiv typed them is updated to the text they print, with no conflict: it was the
    import's own text, not its owner's."""
    record = site / "content" / "papers" / "ab-initio.md"
    record.write_text(
        "---\ntitle: '{\\it Ab initio} study of \\textbf{D\\*} mesons with \\texttt{LLaMA}, "
        "code at \\url{https://github.com/abc/d_star} (\\href{javascript:alert(1)}{demo}): "
        "2\\*3'\nauthors:\n  - A. B. Cee\ndate: 2023-01-01\ncategory: hep-lat\n"
        "venue: 'Astron.\\ \\& Astrophys. 500, 1–10 (2023)'\narxiv_id: '2301.00003'\n"
        "note: 'Accepted to Lattice~2023 ({\\em oral}); 9 pages; code at "
        "\\url{https://github.com/abc/d_star}; 50\\% faster than $O(n^{2})$'\n---\n\nWe study.\n",
        encoding="utf-8",
    )
    assert run_import(site, "arxiv", FIXTURES / "arxiv-tex-titles.xml") == 0
    out = capsys.readouterr().out
    assert (
        "(title updated (its TeX as it prints); venue updated (its TeX as it prints); "
        "note updated (its TeX as it prints); links added: arxiv, pdf)"
    ) in out
    assert "conflict" not in out.replace("0 with conflicts", "")
    data = records_by_title(site)
    assert "*Ab initio* study of **D\\*** mesons with LLaMA, code at " in "".join(data)
