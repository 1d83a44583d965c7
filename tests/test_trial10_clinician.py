"""A clinician-scientist's imports (trial10): PubMed-style BibTeX names, consortium papers,
medRxiv preprints and their journal versions, PubMed ids from OpenAlex and Semantic Scholar."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import new_site, read_papers, write_files

OWNER = "Maria J. Okonkwo-Smith"


def _records(site: Path) -> dict[str, dict[str, object]]:
    return {str(data["title"]): data for _, data, _ in read_papers(site)}


# --- BibTeX in PubMed's order -----------------------------------------------------------

PUBMED_BIB = """@article{Okonkwo-Smith2018,
  author = {Okonkwo-Smith MJ and Abbafati J and M{\\"u}ller AB and others},
  title = {Socioeconomic inequalities in cardiovascular mortality in Nigeria},
  journal = {Int J Epidemiol},
  year = {2018},
  doi = {10.1093/ije/dyy123},
}

@article{gbd2020,
  author = {{GBD 2019 Stroke Collaborators} and Feigin VL and Okonkwo-Smith MJ},
  title = {Global burden of stroke, 1990--2019},
  journal = {Lancet Neurol},
  year = {2021},
}
"""


def test_bibtex_names_in_pubmeds_order_are_initials_then_surname(tmp_path: Path) -> None:
    """`Okonkwo-Smith MJ and Abbafati J` (PubMed-based BibTeX exports): BibTeX read the
    surname as a given name and the initials as a surname in capitals, "Okonkwo-Smith Mj",
    "Abbafati J", whom no spelling of the owner matched. A group's name stays whole."""
    site = write_files(new_site(tmp_path / "site", OWNER), {"p.bib": PUBMED_BIB})
    assert main(["import", "bibtex", "--site", str(site), str(site / "p.bib")]) == 0
    found = _records(site)
    ses = found["Socioeconomic inequalities in cardiovascular mortality in Nigeria"]
    assert ses["authors"] == ["M. J. Okonkwo-Smith", "J. Abbafati", "A. B. Müller", "et al."]
    gbd = found["Global burden of stroke, 1990–2019"]
    assert gbd["authors"] == [
        "GBD 2019 Stroke Collaborators",
        "V. L. Feigin",
        "M. J. Okonkwo-Smith",
    ]


def test_a_record_read_before_takes_the_names_without_a_conflict(tmp_path: Path) -> None:
    """A record an import wrote with the old reading (`Okonkwo-Smith Mj`) takes the new one at
    the next import of its entry; it was a conflict at every import."""
    site = write_files(new_site(tmp_path / "site", OWNER), {"p.bib": PUBMED_BIB})
    assert main(["import", "bibtex", "--site", str(site), str(site / "p.bib")]) == 0
    path = next(p for p, data, _ in read_papers(site) if "Nigeria" in str(data["title"]))
    text = path.read_text(encoding="utf-8")
    for now, before in (
        ("M. J. Okonkwo-Smith", "Okonkwo-Smith Mj"),
        ("J. Abbafati", "Abbafati J"),
        ("A. B. Müller", "Müller Ab"),
    ):
        text = text.replace(f"  - {now}\n", f"  - {before}\n")
    path.write_text(text, encoding="utf-8")
    assert main(["import", "bibtex", "--site", str(site), str(site / "p.bib")]) == 0
    ses = _records(site)["Socioeconomic inequalities in cardiovascular mortality in Nigeria"]
    assert ses["authors"] == ["M. J. Okonkwo-Smith", "J. Abbafati", "A. B. Müller", "et al."]


# --- Semantic Scholar: a medRxiv preprint and its journal version -----------------------


def _s2_paper(pid: str, title: str, date: str, venue: str, doi: str, cites: int) -> str:
    return json.dumps(
        {
            "paperId": pid * 40,
            "externalIds": {"DOI": doi},
            "title": title,
            "venue": venue,
            "publicationVenue": {"name": venue, "type": "journal"},
            "year": int(date[:4]),
            "publicationDate": date,
            "publicationTypes": None,
            "journal": {"name": venue},
            "citationCount": cites,
            "authors": [{"authorId": "1", "name": OWNER}, {"authorId": "2", "name": "Li Abbas"}],
        }
    )


EXCESS = "Excess all-cause mortality during the COVID-19 pandemic in 21 European regions"


def test_a_medrxiv_preprint_is_one_record_with_its_journal_version(tmp_path: Path) -> None:
    """Semantic Scholar lists a medRxiv preprint with `medRxiv` as venue and journal, and
    no publication type: it was an article, a second record beside the BMJ paper (two cards,
    its citations counted twice). Alone, it is a preprint of medRxiv."""
    preprint = _s2_paper("a", f"{EXCESS}: a time-series analysis", "2020-06-14", "medRxiv",
                         "10.1101/2020.06.11.20128389", 90)  # fmt: skip
    published = _s2_paper("b", f"{EXCESS}: time series analysis", "2021-05-19", "BMJ",
                          "10.1136/bmj.n1234", 430)  # fmt: skip
    alone = _s2_paper("c", "Vaccine uptake in Lagos", "2022-01-02", "bioRxiv", "10.1101/x", 1)
    answer = f'{{"authorId": "9", "name": "{OWNER}", "papers": [{preprint}, {published}, {alone}]}}'
    site = write_files(new_site(tmp_path / "site", OWNER), {"author.json": answer})
    assert main(["import", "semanticscholar", "--site", str(site), str(site / "author.json")]) == 0
    found = _records(site)
    assert sorted(found) == [f"{EXCESS}: time series analysis", "Vaccine uptake in Lagos"]
    assert found[f"{EXCESS}: time series analysis"]["venue"] == "BMJ"
    assert found[f"{EXCESS}: time series analysis"]["doi"] == "10.1136/bmj.n1234"
    assert found["Vaccine uptake in Lagos"]["type"] == "preprint"
    assert found["Vaccine uptake in Lagos"]["venue"] == "bioRxiv"


# --- PubMed ids from OpenAlex and Semantic Scholar --------------------------------------


def _openalex_work(wid: str, title: str, pmid: str | None) -> dict[str, object]:
    ids = {"openalex": f"https://openalex.org/{wid}", "doi": f"https://doi.org/10.1/{wid}"}
    if pmid:
        ids["pmid"] = f"https://pubmed.ncbi.nlm.nih.gov/{pmid}"
    return {
        "id": f"https://openalex.org/{wid}",
        "doi": ids["doi"],
        "title": title,
        "publication_year": 2018,
        "publication_date": "2018-07-01",
        "ids": ids,
        "type": "article",
        "primary_location": {"source": {"display_name": "Int J Epidemiol", "type": "journal"}},
        "authorships": [{"author": {"display_name": OWNER}, "raw_author_name": "Okonkwo-Smith MJ"}],
        "cited_by_count": 12,
        "is_retracted": False,
    }


def test_openalex_and_semantic_scholar_link_the_papers_pubmed_page(tmp_path: Path) -> None:
    """OpenAlex's `ids.pmid` and Semantic Scholar's `externalIds.PubMed` give the paper's
    PubMed page as its `paper` link, as BibTeX's `pmid` does (they linked nothing). A
    record with a page of its own keeps it, without a conflict."""
    works = [
        _openalex_work("W1", "Cohort one", "29912345"),
        _openalex_work("W2", "Cohort two", None),
    ]
    s2 = {"paperId": "f" * 40, "title": "Cohort three", "year": 2019, "venue": "BMJ",
          "externalIds": {"DOI": "10.1/s2", "PubMed": "31234567"},
          "authors": [{"name": OWNER}], "citationCount": 3}  # fmt: skip
    site = write_files(
        new_site(tmp_path / "site", OWNER),
        {
            "works.json": json.dumps({"meta": {"count": 2, "page": 1}, "results": works}),
            "s2.json": json.dumps({"data": [s2]}),
            "content/papers/cohort-two.md": "---\ntitle: Cohort two\nauthors: [Maria J. "
            "Okonkwo-Smith]\ndate: 2018-07-01\ndoi: 10.1/W2\nlinks:\n  paper: "
            "https://academic.oup.com/ije/article/47/4/1100\n---\n",
        },
    )
    assert main(["import", "openalex", "--site", str(site), str(site / "works.json")]) == 0
    assert main(["import", "semanticscholar", "--site", str(site), str(site / "s2.json")]) == 0
    found = _records(site)
    assert found["Cohort one"]["links"] == {"paper": "https://pubmed.ncbi.nlm.nih.gov/29912345/"}
    assert found["Cohort three"]["links"] == {"paper": "https://pubmed.ncbi.nlm.nih.gov/31234567/"}
    assert found["Cohort two"]["links"] == {
        "paper": "https://academic.oup.com/ije/article/47/4/1100"
    }
    # W2 has no PMID; the same record given one by another OpenAlex answer keeps its page
    works[1]["ids"]["pmid"] = "https://pubmed.ncbi.nlm.nih.gov/28987654"  # type: ignore[index]
    (site / "works.json").write_text(json.dumps({"results": works}), encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["import", "openalex", "--site", str(site), str(site / "works.json")]) == 0
    assert "links.paper" not in out.getvalue() and "0 with conflicts" in out.getvalue()
    assert _records(site)["Cohort two"]["links"] == {
        "paper": "https://academic.oup.com/ije/article/47/4/1100"
    }


# --- a consortium paper: OpenAlex's list cuts it at 100, its work answer names all ------


def _consortium(count: int, truncated: bool) -> dict[str, object]:
    names = ["GBD 2019 Stroke Collaborators", *(f"Person{i:03d} Example" for i in range(1, 300))]
    names[236] = OWNER
    work = _openalex_work("W3166543210", "Global burden of stroke, 1990–2019", "34487721")
    work["authorships"] = [{"author": {"display_name": n}} for n in names[:count]]
    work["is_authors_truncated"] = truncated
    return work


def test_a_consortium_paper_cut_at_100_takes_all_its_names_from_its_work(tmp_path: Path) -> None:
    """OpenAlex's list of works cuts a work's authorships at 100 (the record's `et al.`);
    its answer about the one work names all 300, the owner 237th. That whole list was a
    conflict at every import, and the owner named nowhere on the site; it now replaces
    the import's own cut list. A list a person cut shorter stays theirs."""
    site = write_files(
        new_site(tmp_path / "site", OWNER),
        {
            "list.json": json.dumps({"meta": {"page": 1}, "results": [_consortium(100, True)]}),
            "work.json": json.dumps(_consortium(300, False)),
        },
    )
    assert main(["import", "openalex", "--site", str(site), str(site / "list.json")]) == 0
    [(path, data, _)] = read_papers(site)
    assert len(data["authors"]) == 101 and data["authors"][-1] == "et al."
    assert main(["import", "openalex", "--site", str(site), str(site / "work.json")]) == 0
    [(path, data, _)] = read_papers(site)
    assert len(data["authors"]) == 300 and data["authors"][236] == OWNER
    assert main(["build", "--site", str(site)]) == 0
    profile = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert f"Person002 Example, …, <strong>{OWNER}</strong> et al." in profile

    text = path.read_text(encoding="utf-8")
    head, rest = text.split("  - Person003 Example\n", 1)
    path.write_text(head + "  - et al.\n" + rest[rest.index("date:") :], encoding="utf-8")
    assert main(["import", "openalex", "--site", str(site), str(site / "work.json")]) == 0
    [(_, data, _)] = read_papers(site)
    assert data["authors"][-2:] == ["Person002 Example", "et al."]


# --- a medRxiv preprint and its journal version in one BibTeX file ----------------------

PREPRINT_AND_PAPER = """@article{okonkwo-smith_excess_2020,
  title = {Excess all-cause mortality in 21 {European} regions: a time-series analysis},
  doi = {10.1101/2020.06.11.20128389},
  journal = {medRxiv},
  author = {Okonkwo-Smith, Maria J. and Abbas, Li},
  year = {2020},
  note = {Pages: 2020.06.11.20128389},
}

@article{okonkwo-smith_excess_2021,
  title = {Excess all-cause mortality in 21 {European} regions: time series analysis},
  volume = {373},
  doi = {10.1136/bmj.n1234},
  journal = {BMJ},
  author = {Okonkwo-Smith, Maria J. and Abbas, Li},
  year = {2021},
  pages = {n1234},
}
"""


def test_a_preprints_note_is_not_its_journal_versions(tmp_path: Path) -> None:
    """A medRxiv preprint and its BMJ version in one file are one record, the BMJ paper's:
    the preprint's note (Zotero's `Pages: 2020.06.11.20128389`) was the record's, shown on
    the BMJ paper's card and page, where a later import of the preprint gives it none."""
    site = write_files(new_site(tmp_path / "site", OWNER), {"p.bib": PREPRINT_AND_PAPER})
    assert main(["import", "bibtex", "--site", str(site), str(site / "p.bib")]) == 0
    [(_, data, _)] = read_papers(site)
    assert (data["venue"], data["doi"], data["type"]) == ("BMJ", "10.1136/bmj.n1234", "article")
    assert "note" not in data
    assert "okonkwo-smith_excess_2021" in str(data["bibtex"])


# --- the database's own figures ---------------------------------------------------------


def test_the_sources_figures_say_how_to_show_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Semantic Scholar's h-index 61 beside the 5 the imported papers give: the import said
    both, and not how to show the source's on the profile (which showed h-index 5); the
    line it says to write is one the build takes as declared figures."""
    paper = {"paperId": "f" * 40, "title": "Cohort one", "year": 2019, "venue": "BMJ",
             "authors": [{"name": OWNER}], "citationCount": 30}  # fmt: skip
    answer = {"authorId": "9", "name": OWNER, "hIndex": 61, "citationCount": 48211,
              "paperCount": 152, "papers": [paper]}  # fmt: skip
    site = write_files(new_site(tmp_path / "site", OWNER), {"a.json": json.dumps(answer)})
    assert main(["import", "semanticscholar", "--site", str(site), str(site / "a.json")]) == 0
    out = capsys.readouterr().out
    said = re.search(
        r"write `(metrics: \{[^`]*\})` and `(metrics_source: Semantic Scholar, [^`]*)`", out
    )
    assert said is not None
    assert said.group(1) == "metrics: {h_index: 61, citations: 48211, papers: 152}"
    record = site / "content" / "authors" / "maria-j-okonkwo-smith.yaml"
    with record.open("a", encoding="utf-8") as f:
        f.write(f"{said.group(1)}\n{said.group(2)}\n")
    assert main(["build", "--site", str(site)]) == 0
    profile = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert "h-index declared (Semantic Scholar, " in re.sub(r"<[^>]+>|\s+", " ", profile).replace(
        "  ", " "
    )


def test_openalexs_author_figures_are_declared_as_openalexs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An OpenAlex author answer lists no works: the line to write names OpenAlex as the
    figures' source, not "the source"."""
    answer = {"id": "https://openalex.org/A5023888391", "display_name": OWNER,
              "works_count": 154, "cited_by_count": 47120, "summary_stats": {"h_index": 59},
              "works_api_url": "https://api.openalex.org/works?filter=author.id:A5023888391"}  # fmt: skip
    site = write_files(new_site(tmp_path / "site", OWNER), {"a.json": json.dumps(answer)})
    assert main(["import", "openalex", "--site", str(site), str(site / "a.json")]) == 0
    out = capsys.readouterr().out
    assert (
        "`metrics: {h_index: 59, citations: 47120, papers: 154}` and `metrics_source: OpenAlex, "
        in out
    )
