"""A medRxiv (bioRxiv, SSRN…) preprint merged into its journal version: the preprint stays
linked, the record is dated as the journal version it names, and correction notices and
retractions are told apart from papers, from BibTeX, OpenAlex and Semantic Scholar alike."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.ingest_support import new_site, read_papers, run_import, write_files

OWNER = "Maria J. Okonkwo-Smith"
TITLE = "Excess all-cause mortality in 21 European regions: time series analysis"
PREPRINT_DOI = "10.1101/2020.06.11.20128389"
PREPRINT_LINK = f"https://doi.org/{PREPRINT_DOI}"

BIB = f"""@article{{pre2020,
  title = {{Excess all-cause mortality in 21 {{European}} regions: a time series analysis}},
  doi = {{{PREPRINT_DOI}}},
  url = {{https://www.medrxiv.org/content/{PREPRINT_DOI}v1}},
  journal = {{medRxiv}},
  author = {{Okonkwo-Smith, Maria J. and Abbas, Li}},
  year = {{2020}},
  month = jun,
}}

@article{{bmj2021,
  title = {{Excess all-cause mortality in 21 {{European}} regions: time series analysis}},
  volume = {{373}},
  doi = {{10.1136/bmj.n1234}},
  journal = {{BMJ}},
  author = {{Okonkwo-Smith, Maria J. and Abbas, Li}},
  year = {{2021}},
  pages = {{n1234}},
}}
"""


def _openalex(wid: str, date: str, doi: str, venue: str, kind: str) -> dict[str, object]:
    return {
        "id": f"https://openalex.org/{wid}",
        "doi": f"https://doi.org/{doi}",
        "title": TITLE,
        "publication_date": date,
        "type": kind,
        "primary_location": {
            "source": {"display_name": venue, "type": "repository" if kind == "preprint" else "journal"}
        },
        "authorships": [{"author": {"display_name": OWNER}}, {"author": {"display_name": "Li Abbas"}}],
        "cited_by_count": 10,
    }  # fmt: skip


def _s2(pid: str, date: str, doi: str, venue: str) -> dict[str, object]:
    return {"paperId": pid * 40, "externalIds": {"DOI": doi}, "title": TITLE, "venue": venue,
            "journal": {"name": venue}, "year": int(date[:4]), "publicationDate": date,
            "citationCount": 5, "authors": [{"name": OWNER}, {"name": "Li Abbas"}]}  # fmt: skip


def _sources(site: Path) -> dict[str, tuple[str, Path]]:
    """The same two versions as each source gives them, in one file each."""
    works = [
        _openalex("W1", "2020-06-14", PREPRINT_DOI, "medRxiv (Cold Spring Harbor Laboratory)", "preprint"),
        _openalex("W2", "2021-05-19", "10.1136/bmj.n1234", "BMJ", "article"),
    ]  # fmt: skip
    papers = [_s2("a", "2020-06-14", PREPRINT_DOI, "medRxiv"), _s2("b", "2021-05-19", "10.1136/bmj.n1234", "BMJ")]  # fmt: skip
    write_files(
        site,
        {
            "p.bib": BIB,
            "works.json": json.dumps({"results": works}),
            "s2.json": json.dumps({"data": papers}),
        },
    )
    return {
        "bibtex": ("bibtex", site / "p.bib"),
        "openalex": ("openalex", site / "works.json"),
        "semanticscholar": ("semanticscholar", site / "s2.json"),
    }


def _only(site: Path) -> dict[str, object]:
    [(_, data, _)] = read_papers(site)
    return data


def test_the_preprint_of_a_journal_paper_stays_linked(tmp_path: Path) -> None:
    """The medRxiv preprint merged into its BMJ version lost its DOI and page: the record
    links it as `preprint`, from each source; the page says "Preprint"."""
    for name in ("bibtex", "openalex", "semanticscholar"):
        site = new_site(tmp_path / name, OWNER)
        kind, path = _sources(site)[name]
        assert run_import(site, kind, path) == 0
        data = _only(site)
        assert (data["venue"], data["doi"]) == ("BMJ", "10.1136/bmj.n1234"), name
        assert data["links"]["preprint"] == PREPRINT_LINK, name  # type: ignore[index]
        assert "paper" not in data["links"], name  # type: ignore[operator]
    assert run_import(site, "semanticscholar", site / "s2.json") == 0
    assert _only(site)["links"] == {"preprint": PREPRINT_LINK}  # the same again: unchanged
    from generator.cli import main

    assert main(["build", "--site", str(site)]) == 0
    [path] = (site / "output" / "papers").glob("*/index.html")
    assert f'<a href="{PREPRINT_LINK}" rel="noopener">Preprint</a>' in path.read_text("utf-8")


def test_a_preprint_imported_later_is_linked_and_a_hand_link_kept(tmp_path: Path) -> None:
    """The preprint alone, imported after its journal version's record, adds the link
    too; a person's own link to it (under any name) is never replaced nor doubled."""
    site = new_site(tmp_path / "site", OWNER)
    _sources(site)
    papers = json.loads((site / "s2.json").read_text("utf-8"))["data"]
    (site / "bmj.json").write_text(json.dumps({"data": papers[1:]}), "utf-8")
    (site / "pre.json").write_text(json.dumps({"data": papers[:1]}), "utf-8")
    assert run_import(site, "semanticscholar", site / "bmj.json") == 0
    assert "links" not in _only(site)
    assert run_import(site, "semanticscholar", site / "pre.json") == 0
    data = _only(site)
    assert (data["doi"], data["links"]) == ("10.1136/bmj.n1234", {"preprint": PREPRINT_LINK})

    [(path, _, _)] = read_papers(site)
    before = f"  preprint: {PREPRINT_LINK}\n"
    for hand in (
        {"medRxiv": f"https://www.medrxiv.org/content/{PREPRINT_DOI}v2"},
        {"preprint": "https://www.medrxiv.org/content/early/2020/06/14/x"},
    ):
        lines = "".join(f"  {k}: {v}\n" for k, v in hand.items())
        path.write_text(path.read_text("utf-8").replace(before, lines), "utf-8")
        before = lines
        assert run_import(site, "semanticscholar", site / "pre.json") == 0
        assert _only(site)["links"] == hand


def _cv_text(site: Path) -> str:
    from generator.cli import main

    assert main(["build", "--site", str(site)]) == 0
    text = (site / "output" / "cv" / "index.html").read_text("utf-8")
    return " ".join(re.sub(r"<[^>]+>", "", text).split())


def test_the_record_is_dated_as_the_journal_version_it_names(tmp_path: Path) -> None:
    """The merged record kept the preprint's date: the CV read "BMJ 373, n1234, 2020", a
    wrong reference (BMJ 373 is 2021), as it does from each source; a second import
    changes nothing."""
    expected = {"bibtex": "2021", "openalex": "2021-05-19", "semanticscholar": "2021-05-19"}
    for name, date in expected.items():
        site = new_site(tmp_path / name, OWNER)
        kind, path = _sources(site)[name]
        assert run_import(site, kind, path) == 0
        assert str(_only(site)["date"]) == date, name
        before = read_papers(site)
        assert run_import(site, kind, path) == 0
        assert read_papers(site) == before, name
    assert "BMJ 373, n1234, 2021." in _cv_text(tmp_path / "bibtex")


def test_a_preprints_record_takes_its_journal_versions_date_with_its_entry(
    tmp_path: Path,
) -> None:
    """A record of the preprint alone, whose .bib then gives the journal version in its
    place, follows the new entry: venue, DOI, and now its date (it kept medRxiv's 2020
    beside BMJ 373). Imported again, nothing changes; a date of your own is kept."""
    site = new_site(tmp_path / "site", OWNER)
    preprint, published = BIB.split("\n\n")
    bib = site / "p.bib"
    bib.write_text(preprint, "utf-8")
    assert run_import(site, "bibtex", bib) == 0
    assert (_only(site)["venue"], str(_only(site)["date"])) == ("medRxiv", "2020-06")
    bib.write_text(published, "utf-8")
    assert run_import(site, "bibtex", bib) == 0
    data = _only(site)
    assert (data["venue"], data["doi"], str(data["date"])) == ("BMJ", "10.1136/bmj.n1234", "2021")
    before = read_papers(site)
    assert run_import(site, "bibtex", bib) == 0
    assert read_papers(site) == before

    site = new_site(tmp_path / "own", OWNER)
    bib = site / "p.bib"
    bib.write_text(preprint, "utf-8")
    assert run_import(site, "bibtex", bib) == 0
    [(path, _, _)] = read_papers(site)
    path.write_text(path.read_text("utf-8").replace("date: 2020-06", "date: 2020-06-14"), "utf-8")
    bib.write_text(published, "utf-8")
    assert run_import(site, "bibtex", bib) == 0
    assert (_only(site)["venue"], str(_only(site)["date"])) == ("BMJ", "2020-06-14")


NOTICES = [
    "Correction: Excess all-cause mortality in 21 European regions",
    "Author Correction: Socioeconomic inequalities in cardiovascular mortality",
    "Publisher Correction: Global burden of stroke",
    "Erratum: Vaccine uptake in Lagos",
    "Corrigendum to “Cohort one” [Int J Epidemiol 47 (2018) 1100]",
]


def test_correction_notices_are_left_out_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """BibTeX's and Semantic Scholar's correction notices were papers, counted in the
    metrics; they are left out with a note naming each, as OpenAlex's `erratum` is. A
    title that merely starts with the word stays a paper."""
    kept = "Correction of motion artifacts in cardiac MRI"
    bib = "".join(
        f"@article{{n{i}, title = {{{t}}}, author = {{Okonkwo-Smith, Maria J.}}, "
        f"journal = {{BMJ}}, year = {{2021}}}}\n"
        for i, t in enumerate([*NOTICES, kept])
    )
    s2 = [{"paperId": f"{i:040d}", "title": t, "year": 2021, "venue": "BMJ",
           "authors": [{"name": OWNER}], "citationCount": 1}
          for i, t in enumerate([*NOTICES, kept])]  # fmt: skip
    for kind, name, text in (
        ("bibtex", "p.bib", bib),
        ("semanticscholar", "s2.json", json.dumps({"data": s2})),
    ):
        site = write_files(new_site(tmp_path / kind, OWNER), {name: text})
        assert run_import(site, kind, site / name) == 0
        assert [data["title"] for _, data, _ in read_papers(site)] == [kept], kind
        out = capsys.readouterr().out
        for title in NOTICES:
            assert (
                f"({title!r}) is a correction notice (by its title), not a paper: left out" in out
            )
    from generator.cli import main

    assert main(["build", "--site", str(site)]) == 0
    assert "Computed from 1 listed paper" in _cv_text(site)


def test_a_retracted_bibtex_entry_is_a_draft_as_openalexs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """BibTeX's "RETRACTED: …" title, or `note = {Retracted}`, was listed as any paper,
    with the mark in its title; OpenAlex's `is_retracted` gives `draft: true` and a note.
    So do they now (and Semantic Scholar's marked title), the mark taken off the title; a
    listed record of the paper stays listed, with a conflict saying so."""
    bib = """@article{el2019, title = {RETRACTED: Vitamin D and stroke outcome},
  author = {Okonkwo-Smith, Maria J.}, journal = {Atherosclerosis}, year = {2019}}
@article{pm2018, title = {Salt intake in Lagos}, note = {Retracted},
  author = {Okonkwo-Smith, Maria J.}, journal = {BMJ}, year = {2018}}
@article{ok2017, title = {Retracted fibres in stroke}, note = {Open access},
  author = {Okonkwo-Smith, Maria J.}, journal = {BMJ}, year = {2017}}
"""
    s2 = {"paperId": "e" * 40, "title": "RETRACTED: Zinc and sepsis", "year": 2016,
          "venue": "Lancet", "authors": [{"name": OWNER}], "citationCount": 3}  # fmt: skip
    site = write_files(
        new_site(tmp_path / "site", OWNER), {"p.bib": bib, "s2.json": json.dumps({"data": [s2]})}
    )
    assert run_import(site, "bibtex", site / "p.bib") == 0
    assert run_import(site, "semanticscholar", site / "s2.json") == 0
    out = capsys.readouterr().out
    found = {str(data["title"]): data for _, data, _ in read_papers(site)}
    assert sorted(found) == [
        "Retracted fibres in stroke",
        "Salt intake in Lagos",
        "Vitamin D and stroke outcome",
        "Zinc and sepsis",
    ]
    drafts = {title for title, data in found.items() if data.get("draft") is True}
    assert drafts == {"Vitamin D and stroke outcome", "Salt intake in Lagos", "Zinc and sepsis"}
    for title in drafts:
        assert f"({title!r}) is retracted: a new record for it gets draft: true" in out

    # The paper listed before it was retracted stays listed: the import says so
    [(path, _, _)] = [p for p in read_papers(site) if p[1]["title"] == "Salt intake in Lagos"]
    path.write_text(path.read_text("utf-8").replace("draft: true\n", ""), "utf-8")
    assert run_import(site, "bibtex", site / "p.bib") == 0
    assert "draft: not added; the import has the paper as a draft" in capsys.readouterr().out
