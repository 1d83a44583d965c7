"""A clinician-scientist's imports (trial10): PubMed-style BibTeX names, consortium papers,
medRxiv preprints and their journal versions, PubMed ids from OpenAlex and Semantic Scholar."""

from __future__ import annotations

import json
from pathlib import Path

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
