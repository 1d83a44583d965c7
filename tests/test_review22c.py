"""Review of the sites22 and arxiv22 merges: what an unusual or hostile user still broke."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.academicpages import authors_from_citation
from tests.ingest_support import FIXTURES, answer_with, new_site, run_import
from tests.ingest_support import records_by_title as records
from tests.test_import_profile import author, sidebar_named


def test_an_old_wiley_address_with_its_page_after_the_doi_gives_the_doi(tmp_path: Path) -> None:
    """Wiley's addresses before 2018 name the page after the DOI
    (`onlinelibrary.wiley.com/doi/10.1111/….x/full`, `/abstract`, `/pdf`), as many old
    sites and BibTeX exports still link them: the page's name was taken into the DOI
    (`10.1111/j.1365-2486.2008.01626.x/full`), which doi.org does not know, and a later
    import of the same paper by its DOI did not find the record."""
    site = new_site(tmp_path)
    bib = tmp_path / "old.bib"
    bib.write_text(
        "@article{full, title={One}, author={Ada Lovelace}, year={2009}, journal={J},\n"
        " url={https://onlinelibrary.wiley.com/doi/10.1111/j.1365-2486.2008.01626.x/full}}\n"
        "@article{abstract, title={Two}, author={Ada Lovelace}, year={2010}, journal={J},\n"
        " url={http://onlinelibrary.wiley.com/doi/10.1002/anie.200905879/abstract?x=1}}\n"
        "@article{pdf, title={Three}, author={Ada Lovelace}, year={2011}, journal={J},\n"
        " pdf={https://onlinelibrary.wiley.com/doi/10.1029/2010GL046065/pdf}}\n",
        encoding="utf-8",
    )
    assert run_import(site, "bibtex", bib) == 0
    found = records(site)
    assert found["One"]["doi"] == "10.1111/j.1365-2486.2008.01626.x"
    assert found["Two"]["doi"] == "10.1002/anie.200905879"
    assert found["Three"]["doi"] == "10.1029/2010GL046065"
    # the publisher's page stays the paper's link, as written
    assert found["One"]["links"]["paper"].endswith(".x/full")


def test_long_addresses_with_a_blank_in_them_are_read_at_once(tmp_path: Path) -> None:
    """Link fields of 98 KB (under the 100,000 characters a field may hold) made of
    `doi/10.1234/` pieces with a blank before their end (fields pasted together, or
    written to hurt): the pattern that reads a publisher's page tried every `doi/` of
    each against all that followed, 22 seconds a field: the import of these 8 would run
    for three minutes (no test asserts a time). An address with a blank in it names no publisher's page."""
    site = new_site(tmp_path)
    bib = tmp_path / "long.bib"
    address = "https://x.org/" + "doi/10.1234/" * 8_200 + " x"
    bib.write_text(
        "".join(
            f"@article{{long{n}, title={{Paper {n}}}, author={{Ada Lovelace}}, year={{2009}},\n"
            f" journal={{J}}, url={{{address}}}}}\n"
            for n in range(8)
        ),
        encoding="utf-8",
    )
    assert run_import(site, "bibtex", bib) == 0
    found = records(site)
    assert len(found) == 8
    assert not any("doi" in paper for paper in found.values())


def test_a_record_s_old_arxiv_link_with_its_subject_class_is_the_imported_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record written by hand with the id as the paper's stamp gives it
    (`arxiv_id: math.GT/0309136`, its PDF at `arxiv.org/pdf/math.GT/0309136`): the import
    finds it by its id (math/0309136, as arXiv names it) but said the PDF link was in
    conflict with `arxiv.org/pdf/math/0309136`, the same file, at every import."""
    site = new_site(tmp_path)
    (site / "content" / "papers" / "springer.md").write_text(
        "---\ntitle: Regular points in affine Springer fibers\nauthors: [Mark Goresky]\n"
        "date: 2003-09-08\narxiv_id: math.GT/0309136\n"
        "links:\n  pdf: https://arxiv.org/pdf/math.GT/0309136\n---\n",
        encoding="utf-8",
    )
    answer_with(monkeypatch, FIXTURES / "arxiv22" / "math-0309136.xml")
    assert run_import(site, "arxiv", "math.GT/0309136") == 0
    out = capsys.readouterr().out
    assert "conflict  links.pdf" not in out
    assert "0 with conflicts" in out
    [paper] = records(site).values()
    assert paper["arxiv_id"] == "math.GT/0309136"  # as written
    assert paper["links"]["pdf"] == "https://arxiv.org/pdf/math.GT/0309136"


@pytest.mark.parametrize("ellipsis", ["…", ". . .", "..."])
def test_apa_7_s_ellipsis_before_the_last_author_is_no_part_of_a_name(ellipsis: str) -> None:
    """APA 7 leaves out the authors after the nineteenth and names the last after an
    ellipsis with no `&` (`Huang, C., … Ierapetritou, M. G.`, as Zotero prints it): only
    Google Scholar's `... &` was read, and this one made the last author
    "M. G. … Ierapetritou" (or ". . . Ierapetritou" and "M. G." as two people)."""
    citation = (
        f"Zhang, H., Wang, L., Huang, C., {ellipsis} Ierapetritou, M. G. (2021). Recent "
        "advances. <i>Biotechnology Advances</i>."
    )
    assert authors_from_citation(citation, "Recent advances") == [
        "H. Zhang",
        "L. Wang",
        "C. Huang",
        "M. G. Ierapetritou",
    ]


@pytest.mark.parametrize(
    ("written", "left_out"),
    [
        ("Dr. rer. nat. Aron Gyorgypal", "'Dr. rer. nat.'"),
        ("Prof. Dr.-Ing. Aron Gyorgypal", "'Prof.' and 'Dr.-Ing.'"),
        ("Dr. med. Aron Gyorgypal", "'Dr. med.'"),
    ],
)
def test_a_german_doctor_s_title_is_left_out_of_the_name_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str, left_out: str
) -> None:
    """A German sidebar names the doctorate's kind after `Dr.` (`Dr. rer. nat.`,
    `Dr.-Ing.`, `Dr. med.`): only the `Dr.` was left out, and the record's name became
    "rer. nat. Aron Gyorgypal" (or "Dr.-Ing. Aron Gyorgypal"), which matches no paper,
    with a note that said the title was gone."""
    site, status, err = sidebar_named(tmp_path, capsys, written)
    assert status == 0, err
    assert author(site)["name"] == "Aron Gyorgypal"
    assert f"{left_out} left out of the name {written!r}" in err
