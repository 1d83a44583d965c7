"""A new user's trial of `authorsite import bibtex` with files as real tools export them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.errors import ContentError
from generator.ingest.bibtex import parse_bibtex
from generator.markup import render_markdown
from tests.test_ingest_bibtex import FIXTURES, records, site

__all__ = ["site"]  # the fixture, shared with the bibtex import's own tests


def import_one(site: Path, text: str) -> dict[str, Any]:
    """The one record that importing a file holding ``text`` writes."""
    bib = site / "mine.bib"
    bib.write_text(text, encoding="utf-8")
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    (paper,) = records(site).values()
    return paper


def test_a_name_that_starts_with_an_accent_keeps_it(site: Path) -> None:
    """`and \\"{O}zt\\"{u}rk` and `and \\v{S}koda`: the accent right after `and` was lost."""
    bib = FIXTURES / "trial-jabref-accents.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    (paper,) = records(site).values()
    assert paper["authors"] == [
        "Jörg Müller",
        "Ayşe Öztürk",
        "José Álvarez",
        "Hans Straße",
        "Petr Škoda",
        "Lars Christensen",
    ]


def test_arxiv_entries_as_arxiv_and_doi_org_export_them(site: Path) -> None:
    """arXiv's "Export BibTeX" (primaryClass), doi.org's record of an arXiv DOI (the id only
    in `url` and `doi`), biblatex's `eprintclass`: each is the arXiv paper, with its link and
    category, as `authorsite import arxiv` makes it."""
    bib = FIXTURES / "trial-arxiv-exports.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    found = records(site)
    cot = found["Chain-of-Thought Prompting Elicits Reasoning in Large Language Models"]
    assert cot["arxiv_id"] == "2201.11903" and cot["category"] == "cs.CL"
    dpo = found["Direct Preference Optimization: Your Language Model is Secretly a Reward Model"]
    assert dpo["arxiv_id"] == "2305.18290"
    assert dpo["links"]["arxiv"] == "https://arxiv.org/abs/2305.18290"
    assert dpo["type"] == "preprint"
    sparse = found["Sparse Probing of Language Models"]
    assert sparse["arxiv_id"] == "2402.05678" and sparse["category"] == "cs.LG"
    assert str(sparse["date"]) == "2024-02-11"
    zotero = found["A Preprint Zotero Saved From Its Page"]
    assert zotero["arxiv_id"] == "2010.01234" and str(zotero["date"]) == "2020-10"


def test_biblatex_xdata_fills_the_papers_and_is_no_paper(site: Path) -> None:
    """The @xdata entries were refused as papers with no title, and the papers that take
    their venue and date from them as papers with no date: nothing was imported."""
    bib = FIXTURES / "trial-biblatex-xdata.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    found = records(site)
    assert sorted(found) == ["Paper Using Xdata", "Poster Using Nested Xdata"]
    first = found["Paper Using Xdata"]
    assert str(first["date"]) == "2023-12"
    assert first["venue"] == "Advances in Neural Information Processing Systems"
    assert "volume = {36}" in first["bibtex"] and "xdata" not in first["bibtex"]  # stands alone
    poster = found["Poster Using Nested Xdata"]
    assert str(poster["date"]) == "2023-12" and poster["note"] == "Poster"


def test_a_year_in_words_is_named_with_what_to_write(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = site / "cv.bib"
    bib.write_text(
        "@article{ok, author = {Wang, Kaile}, title = {Out}, journal = {J}, year = 2024}\n\n"
        "@article{accepted,\n  author = {Wang, Kaile},\n  title = {Accepted},\n"
        "  journal = {Nature},\n  year = {in press},\n}\n",
        encoding="utf-8",
    )
    before = sorted((site / "content" / "papers").iterdir())
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{bib}:7: entry 'accepted': year = {{in press}} names no year" in err
    assert "year = {2025}" in err
    assert sorted((site / "content" / "papers").iterdir()) == before


def test_percent_comments_in_a_hand_kept_file(site: Path) -> None:
    """`%` comments a field or an entry out (biber and JabRef read them so): the commented
    entry was imported, `% doi = {...}` without its comma took the title with it, and a
    comment after a field's comma took the next field's name."""
    bib = FIXTURES / "trial-commented-out.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    (paper,) = records(site).values()
    assert paper["title"] == "Robust Reward Models at 95% Agreement"
    assert paper["venue"] == "Journal of Machine Learning Research"
    assert "doi" not in paper and "links" not in paper
    # A `%` inside a value is a character, at the start of a line too.
    assert paper["abstract"] == "Annotators agree on 95% of pairs; % of the rest, half are ties."
    assert "% doi" not in paper["bibtex"] and "draft.pdf" not in paper["bibtex"]


def test_tags_once_each_and_a_code_host_url_is_the_code(site: Path) -> None:
    bib = FIXTURES / "trial-arxiv-exports.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    found = records(site)
    dpo = found["Direct Preference Optimization: Your Language Model is Secretly a Reward Model"]
    assert dpo["tags"] == [
        "Machine Learning (cs.LG)",
        "Artificial Intelligence (cs.AI)",
        "Computation and Language (cs.CL)",
        "FOS: Computer and information sciences",
    ]
    tool = found["mytool: Sparse Probes in PyTorch"]
    assert tool["links"] == {"code": "https://github.com/kaile/mytool"}


def test_an_abstract_with_inequalities_keeps_its_words(site: Path) -> None:
    """Zotero writes `<` as is in an abstract; Markdown read `<j and k>` as a tag and the
    sanitiser dropped it with its words. A paragraph's first `#` or `2019.` made a heading
    or a list."""
    paper = import_one(
        site,
        "@article{wang2021,\n  title = {Pairs},\n  author = {Wang, Kaile},\n"
        "  journal = {J},\n  year = {2021},\n"
        "  abstract = {For all i<j and k>l we show pi(i)<pi(j) {\\textless}b>.\n\n"
        "\\# of layers matters: > 90\\% of runs converge.\n\n"
        "2019. A year of runs.},\n}\n",
    )
    shown = render_markdown(paper["abstract"])
    assert "<p>For all i&lt;j and k&gt;l we show pi(i)&lt;pi(j) &lt;b&gt;.</p>" in shown
    # A paragraph's first mark: "#" made a heading and was lost, "2019." a list from 1.
    assert "<p># of layers matters: &gt; 90% of runs converge.</p>" in shown
    assert "<p>2019. A year of runs.</p>" in shown


def test_zotero_preprints_say_arxiv_once(site: Path) -> None:
    """Zotero names a preprint's venue or note "arXiv:2010.01234 [cs]": the card showed it
    as the venue, and the paper page as a note, beside the arXiv link with the same id."""
    for bib in ("trial-zotero-arxiv.bib", "trial-arxiv-exports.bib"):
        assert main(["import", "bibtex", str(FIXTURES / bib), "--site", str(site)]) == 0
    found = records(site)
    sae = found["Sparse Autoencoders for Interpretable Features in Large Language Models"]
    assert sae["venue"] == "arXiv" and "note" not in sae
    assert sae["arxiv_id"] == "2309.08600" and str(sae["date"]) == "2023-09"
    assert " ".join(sae["abstract"].split()).endswith(
        "(< 0.05 error), see https://github.com/kaile/sae."
    )
    assert found["A Preprint Zotero Saved From Its Page"]["venue"] == "arXiv"


def test_a_brace_never_closed_is_named_at_its_field(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """bibtexparser said "Unexpectedly reached end of file." at the entry's first line; in a
    long entry a person had to count every field's braces."""
    bib = site / "mine.bib"
    bib.write_text(
        "@inproceedings{wang2022,\n"
        "  author = {Wang, Kaile},\n"
        "  title = {Reward Models for {RLHF},\n"
        "  booktitle = {NeurIPS},\n"
        "  year = {2022},\n"
        "}\n\n"
        "@article{wang2023,\n"
        "  author = {Wang, Kaile},\n"
        "  journal = {J},\n"
        "  year = {2023},\n"
        "  abstract = {We study {RLHF. It works.\n"
        "  },\n"
        "}\n",
        encoding="utf-8",
    )
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert (
        f"{bib}:3: @inproceedings entry 'wang2022': the `{{` that opens its title is never "
        "closed (the entry runs on to the next one, or to the end of the file); add the "
        "missing `}`"
    ) in err
    assert (
        f"{bib}:12: @article entry 'wang2023' is never closed: a `}}` is missing in its "
        "abstract, or at the entry's end"
    ) in err


def test_nasa_ads_journal_macros_are_the_journals_names(site: Path) -> None:
    """ADS writes `journal = {\\mnras}`, a macro of the AAS LaTeX classes: the card's venue
    read "\\mnras"."""
    assert main(["import", "bibtex", str(FIXTURES / "trial-ads.bib"), "--site", str(site)]) == 0
    found = records(site)
    ligo = found["Observation of Gravitational Waves from a Binary Black Hole Merger"]
    assert ligo["venue"] == "Phys. Rev. Lett."
    assert ligo["authors"][:2] == ["B. P. Abbott", "R. Abbott"] and ligo["authors"][-1] == "et al."
    assert ligo["category"] == "gr-qc" and ligo["arxiv_id"] == "1602.03837"
    assert "1.0 ×10$^{-21}$." in ligo["abstract"]
    dusty = found["Dusty star-forming galaxies at z > 4"]
    assert dusty["venue"] == "MNRAS" and dusty["authors"] == ["Kaile Wang", "J. Müller"]


def test_springer_export_with_its_day_and_names_split_over_lines(site: Path) -> None:
    bib = FIXTURES / "trial-springer.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    (paper,) = records(site).values()
    assert paper["authors"] == ["Kaile Wang", "Ann Lee", "Søren Østergaard"]
    assert str(paper["date"]) == "2021-03-01"  # `day = "01"` was dropped: "Mar 2021"
    assert paper["abstract"] == "We study Q-learning. Results hold for all $n > 1$."
    works = parse_bibtex(
        "@article{a, author = {A, B}, title = {T}, journal = {J}, year = 2023, month = feb,"
        " day = {30}}",
        "x.bib",
    )
    assert works[0].date == "2023-02"  # no such day: left out, not refused


def test_percent_in_a_parenthesised_entry_is_a_character() -> None:
    """`@article(key, ...)` is an entry as `@article{key, ...}` is: a `%` in its braced
    value is text, and one between its fields a comment."""
    (work,) = parse_bibtex(
        "@article(wang2020,\n  author = {Wang, Kaile}, % me\n  title = {A 50% Cut (in Time)},\n"
        "  journal = {J},\n  year = 2020)\n",
        "x.bib",
    )
    assert work.title == "A 50% Cut (in Time)"
    assert work.authors == ["Kaile Wang"]


def test_a_field_given_twice_is_named_at_its_second_line(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """bibtexparser's message ended "Note: The entry (containing duplicates) is available
    as `failed_block.ignore_error_block`", words for programmers."""
    bib = site / "mine.bib"
    bib.write_text(
        "@article{ok, author = {A}, title = {B}, journal = {J}, year = 2020}\n\n"
        "@article{wang2021,\n  author = {Wang, Kaile},\n  title = {First Title},\n"
        "  journal = {J},\n  year = {2021},\n  title = {Second Title},\n}\n",
        encoding="utf-8",
    )
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{bib}:8: @article entry 'wang2021': `title` is given twice; keep one of them" in err
    assert "ignore_error_block" not in err


def test_a_field_given_twice_in_two_cases_is_given_twice() -> None:
    """BibTeX's field names ignore case: `title` then `Title` is one field twice; the
    second one's value was taken without a word."""
    with pytest.raises(ContentError) as raised:
        parse_bibtex(
            "@article{wang2021,\n  author = {Wang, Kaile},\n  title = {First Title},\n"
            "  journal = {J},\n  year = {2021},\n  Title = {Second Title},\n}\n",
            "mine.bib",
        )
    assert [str(p) for p in raised.value.problems] == [
        "mine.bib:6: entry 'wang2021': `Title` is given twice; keep one of them"
    ]


def test_a_latin1_file_is_refused_with_a_fix_that_works(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An old Windows or JabRef file in Latin-1 was refused with "save the file as UTF-8";
    the message now shows the byte as Windows-1252 (Latin-1 but for 0x80-0x9f) and the one
    line that reads the file so."""
    bib = site / "old.bib"
    entry = "@article{m,\n  author = {M\xfcller, J\xf6rg},\n  title = {\xdcber Lernen},\n"
    bib.write_bytes((entry + "  journal = {KI},\n  year = {1999}\n}\n").encode("latin-1"))
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{bib}:2: not UTF-8 text (byte 0xfc, 'ü' in Windows-1252)" in err
    assert "add the line `% Encoding: windows-1252` at its top" in err
    bib.write_bytes(b"% Encoding: windows-1252\n" + bib.read_bytes())
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    (paper,) = records(site).values()
    assert paper["title"] == "Über Lernen" and paper["authors"] == ["Jörg Müller"]


def test_percent_in_an_at_comment_is_its_text() -> None:
    """A `%` in an @comment (a note, JabRef's groups) was taken for a comment, the
    @comment's `}` with it, and the @comment swallowed the entries after it."""
    works = parse_bibtex(
        "@comment{Checked 90% of these against dblp}\n\n"
        "@comment{jabref-meta: grouping:\n0 AllEntriesGroup:;\n"
        "1 StaticGroup:Top 10% venues\\;0\\;1\\;0x8a8a8aff\\;\\;\\;;\n}\n\n"
        "@article{wang2021, author = {Wang, Kaile}, title = {After the Groups},"
        " journal = {J}, year = 2021}\n",
        "x.bib",
    )
    assert [w.title for w in works] == ["After the Groups"]


def test_a_quote_in_an_at_comment_leaves_the_next_entries_alone() -> None:
    (work,) = parse_bibtex(
        '@comment{Scholar says "cited by 12}\n\n'
        '@article{wang2020, author = {Wang, Kaile}, title = "Pruning 50% of Weights",'
        " journal = {J}, year = 2020}\n",
        "x.bib",
    )
    assert work.title == "Pruning 50% of Weights"


def test_a_url_to_the_arxiv_html_view_gives_the_id() -> None:
    (work,) = parse_bibtex(
        "@misc{wang2024, author = {Wang, Kaile}, title = {T}, year = 2024,"
        " url = {https://arxiv.org/html/2402.01234v2}}",
        "x.bib",
    )
    assert work.arxiv_id == "2402.01234"
    assert work.links == {"arxiv": "https://arxiv.org/abs/2402.01234"}


def test_a_file_of_string_macros_serves_the_files_after_it(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """IEEEtran's IEEEabrv.bib holds only @string macros, which BibTeX reads for the files
    after it (`\\bibliography{IEEEabrv,papers}`). Given both, the import refused the
    macros file ("no BibTeX entries found") and every entry using its macros."""
    abbrev = site / "IEEEabrv.bib"
    abbrev.write_text(
        '@STRING{IEEE_J_PAMI = "{IEEE} Trans. Pattern Anal. Mach. Intell."}\n', encoding="utf-8"
    )
    papers = site / "papers.bib"
    papers.write_text(
        "@article{wang2021,\n  author = {Wang, Kaile},\n  title = {A PAMI Paper},\n"
        "  journal = IEEE_J_PAMI,\n  year = 2021,\n}\n",
        encoding="utf-8",
    )
    assert main(["import", "bibtex", str(papers), str(abbrev), "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{papers}:4: entry 'wang2021': journal uses undefined macro 'IEEE_J_PAMI'" in err
    assert f"give that file first: authorsite import bibtex IEEEabrv.bib {papers}" in err
    assert f"{abbrev}: holds only @string macros and no entries; give it before" in err
    assert main(["import", "bibtex", str(abbrev), str(papers), "--site", str(site)]) == 0
    (paper,) = records(site).values()
    assert paper["venue"] == "IEEE Trans. Pattern Anal. Mach. Intell."
    assert "journal = {{IEEE} Trans. Pattern Anal. Mach. Intell.}," in paper["bibtex"]


def test_crossref_markup_in_a_doi_org_title_is_markdown() -> None:
    """doi.org's BibTeX (Crossref) writes a title's <i> and <sub> as TeX's \\textless{}...:
    the card showed "<i>In Vivo</i>", and the slug held "-i-in-vivo-i-"."""
    (work,) = parse_bibtex(
        "@article{Wang_2021, title={Imaging \\textless{}i\\textgreater{}In Vivo"
        "\\textless{}/i\\textgreater{} with H\\textless{}sub\\textgreater{}2"
        "\\textless{}/sub\\textgreater{}O}, volume={12}, ISSN={2041-1723},"
        " DOI={10.1038/s41467-021-12345-6}, journal={Nature Communications},"
        " author={Wang, Kaile and Lee, Ann}, year={2021}, month=jul }",
        "x.bib",
    )
    assert work.title == "Imaging *In Vivo* with H₂O"
    assert work.date == "2021-07"


def test_citations_in_an_abstract_are_shown_as_written() -> None:
    """An abstract copied from the paper's LaTeX: pylatexenc wrote "<cit.>" and "<ref>"."""
    (work,) = parse_bibtex(
        "@article{wang2021, author = {Wang, Kaile}, title = {T}, journal = {J}, year = 2021,"
        " abstract = {Unlike~\\cite{lee2020}, we prove Eq.~\\eqref{eq:main} (see Sec.~\\ref{s:p}).}}",
        "x.bib",
    )
    assert work.abstract == (
        "Unlike \\cite{lee2020}, we prove Eq. \\eqref{eq:main} (see Sec. \\ref{s:p})."
    )


def test_keywords_split_by_semicolons_keep_their_commas() -> None:
    """IEEE Xplore separates its index terms by `;`; one with a comma in it was cut in two."""
    (work,) = parse_bibtex(
        "@ARTICLE{9357971,\n  author={Wang, Kaile},\n  journal={IEEE Trans. Robot.},\n"
        "  title={Grasping},\n  year={2022},\n"
        "  keywords={Grippers;Robot sensing systems;Sensors, tactile;Task analysis},}",
        "x.bib",
    )
    assert work.tags == ["Grippers", "Robot sensing systems", "Sensors, tactile", "Task analysis"]


def test_endnote_urls_one_a_line_give_the_web_address(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """EndNote lists a record's URLs one a line, its Web of Science link first: the paper's
    address was dropped, with a note calling the whole field no http(s) address."""
    paper = import_one(
        site,
        "@article{RN12,\n   author = {Wang, Kaile and Lee, Ann},\n   title = {An EndNote Title},\n"
        "   journal = {Journal of Things},\n   DOI = {10.1000/xyz},\n"
        "   url = {<Go to ISI>://WOS:000123456700001\nhttps://example.org/paper.pdf},\n"
        "   year = {2021},\n   type = {Journal Article}\n}\n",
    )
    assert paper["links"] == {"pdf": "https://example.org/paper.pdf"}
    assert "is not an http(s) address" not in capsys.readouterr().out


def test_web_of_science_double_braces(site: Path) -> None:
    """Web of Science's export doubles every value's braces: `Month = {{MAR}}` was no
    month, and the paper dated 2021 where it said March 2021."""
    bib = FIXTURES / "trial-web-of-science.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    (paper,) = records(site).values()
    assert paper["title"] == "A Web of Science Title on Deep Learning"
    assert str(paper["date"]) == "2021-03"
    assert paper["doi"] == "10.1000/xyz" and paper["tags"] == ["deep learning", "safety"]
    assert paper["abstract"] == "Deep learning is used. Results show 95% accuracy."
    (work,) = parse_bibtex(
        "@article{b, author = {A, B}, title = {T}, journal = {J}, date = {{2019-07-02}}}", "x.bib"
    )
    assert work.date == "2019-07-02"


def test_scopus_export_keywords_and_no_cited_by_note(site: Path) -> None:
    """Scopus names keywords `author_keywords` (they were not read) and writes its citation
    count and access flags as the note (the page showed "Cited by: 12; All Open Access")."""
    bib = FIXTURES / "trial-scopus.bib"
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    (paper,) = records(site).values()
    assert paper["tags"] == ["Reinforcement learning", "Safety", "Constrained MDPs"]
    assert "note" not in paper
    assert paper["venue"] == "Journal of Things" and paper["doi"] == "10.1000/xyz"
    (kept,) = parse_bibtex(
        "@misc{m, author = {A, B}, title = {T}, year = 2020, note = {Cited by the press}}",
        "x.bib",
    )
    assert kept.note == "Cited by the press"  # no count: the author's own note


def test_an_ampersand_written_bare_is_an_ampersand(site: Path) -> None:
    """Publishers' exports and al-folio files write `Taylor & Francis`, not `\\&`: the `&`
    (a column break to LaTeX) was dropped, in venues and in abstracts."""
    paper = import_one(
        site,
        "@article{k,\n  title = {Costs \\& Benefits of R&D},\n  author = {Ada Lovelace},\n"
        "  journal = {Journal of Statistical Computation & Simulation},\n"
        "  publisher = {Taylor & Francis},\n  year = {2021},\n"
        "  abstract = {We weigh R&D against A & B.}\n}\n",
    )
    assert paper["title"] == "Costs & Benefits of R&D"
    assert paper["venue"] == "Journal of Statistical Computation & Simulation"
    assert paper["abstract"] == "We weigh R&D against A & B."


def test_an_old_style_arxiv_id_names_its_category(site: Path) -> None:
    """`hep-th/9901001` is the archive and the number: the card shows its category as it
    shows `primaryClass`'s for a new id."""
    paper = import_one(
        site,
        "@article{m,\n  title = {Large N Limits},\n  author = {Juan Maldacena},\n"
        "  year = {1999},\n  eprint = {hep-th/9901001},\n  archivePrefix = {arXiv}\n}\n",
    )
    assert paper["arxiv_id"] == "hep-th/9901001"
    assert paper["category"] == "hep-th"


def test_others_in_braces_and_acms_doi_addresses_are_read(site: Path) -> None:
    """`and {others}` (a list cut short, braced by some exports) is "et al.", not an author
    named "others"; ACM's BibTeX wrote its DOIs at doi.acm.org until 2020."""
    paper = import_one(
        site,
        "@inproceedings{k,\n  title = {Deep Crossing},\n  author = {Ying Shan and {others}},\n"
        "  booktitle = {KDD},\n  year = {2016},\n"
        "  url = {http://doi.acm.org/10.1145/2939672.2939704}\n}\n",
    )
    assert paper["authors"] == ["Ying Shan", "et al."]
    assert paper["doi"] == "10.1145/2939672.2939704"
    assert "paper" not in paper.get("links", {})  # the page links the DOI
