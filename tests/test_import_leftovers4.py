"""Importers' fourth round of left-overs: a master's thesis's entry type, al-folio's
badges' ids and its citation counts by Scholar id, dblp's booktitle, a new page's
placeholder in the site's language, and an academicpages file name that is no UTF-8."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import (
    bib_site,
    built_page,
    new_site,
    read_papers,
    records_by_title,
    run_import,
    write_files,
)

# As BibTeX's and biblatex's users cite their theses (biblatex's @thesis says which one
# by its `type` key, as Zotero writes it; BibTeX has an entry type for each)
THESES = r"""
@mastersthesis{nguyen2019,
  author  = {Nguyen, Thi Mai},
  title   = {Graph Kernels for Molecular Property Prediction},
  school  = {Technische Universit{\"a}t M{\"u}nchen},
  address = {Munich, Germany},
  year    = {2019},
}

@thesis{nguyen2020,
  author      = {Nguyen, Thi Mai},
  title       = {Message Passing on Hypergraphs},
  institution = {University of Amsterdam},
  type        = {mathesis},
  date        = {2020-06},
}

@thesis{nguyen2024,
  author      = {Nguyen, Thi Mai},
  title       = {Learning on Graphs with Symmetries},
  institution = {University of Amsterdam},
  type        = {phdthesis},
  date        = {2024-03-12},
}
"""
MASTERS = ("Graph Kernels for Molecular Property Prediction", "Message Passing on Hypergraphs")
PHD = "Learning on Graphs with Symmetries"


def _output_of(site: Path, title: str) -> Path:
    """The output folder of the page of the record titled ``title``."""
    path = next(p for p, data, _ in read_papers(site) if data["title"] == title)
    return site / "output" / "papers" / path.stem


def test_a_master_s_thesis_is_cited_as_one(tmp_path: Path) -> None:
    """A @mastersthesis (and biblatex's @thesis of `type = {mathesis}`) was `type: thesis`,
    and the cite.bib made for it without its kept entry said @phdthesis."""
    site, _ = bib_site(tmp_path, "Thi Mai Nguyen", THESES)
    found = records_by_title(site)
    assert [found[title]["type"] for title in MASTERS] == ["mastersthesis", "mastersthesis"]
    assert found[PHD]["type"] == "thesis"
    for path, _, _ in read_papers(site):  # cite.bib made from the record's fields
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^bibtex: \|.*\n(?:  .*\n)*", "", text), encoding="utf-8")
    assert main(["build", "--site", str(site)]) == 0
    for title, entry in ((MASTERS[0], "@mastersthesis{"), (MASTERS[1], "@mastersthesis{")):
        assert (_output_of(site, title) / "cite.bib").read_text(encoding="utf-8").startswith(entry)
    assert (
        (_output_of(site, PHD) / "cite.bib").read_text(encoding="utf-8").startswith("@phdthesis{")
    )
    page = (_output_of(site, MASTERS[1]) / "index.html").read_text(encoding="utf-8")
    assert (
        '<meta name="citation_dissertation_institution" content="University of Amsterdam">' in page
    )


def test_a_master_s_thesis_an_earlier_import_typed_thesis_is_told_how_to_update(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record an earlier import wrote `type: thesis` for a @mastersthesis is told, at the
    next import of the same entry, that the import has `mastersthesis` and how to take it.
    It is not updated: its owner may have written `thesis` by hand, in the same words (see
    test_import_leftovers6), and a person's value is never overwritten."""
    site, bib = bib_site(tmp_path, "Thi Mai Nguyen", THESES)
    path = next(p for p, data, _ in read_papers(site) if data["title"] == MASTERS[0])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("type: mastersthesis", "type: thesis"), encoding="utf-8")
    capsys.readouterr()
    assert run_import(site, "bibtex", bib) == 0
    assert "write `type: mastersthesis` to take the import's" in capsys.readouterr().out
    assert records_by_title(site)[MASTERS[0]]["type"] == "thesis"


# An al-folio site of a physicist, as its papers.bib and _data/ are written: badges' ids
# (INSPIRE's record number, Altmetric's id, Dimensions' `pub.` id or `true`), the papers'
# Scholar ids, and the counts al-folio's update_scholar_citations.py keeps by
# `{scholar_userid}:{google_scholar_id}` with Scholar's own titles.
ALFOLIO_BIB = r"""---
---

@article{moreno2023gluon,
  abbr={PRD},
  title={Gluon saturation in dijet production at the {E}lectron-{I}on {C}ollider},
  author={Moreno, Lucia and Schmidt, Tobias},
  journal={Phys. Rev. D},
  volume={108},
  pages={034021},
  year={2023},
  doi={10.1103/PhysRevD.108.034021},
  altmetric={152384412},
  dimensions={true},
  inspirehep_id = {2652671},
  google_scholar_id={u5HHmVD_uO8C},
}

@article{moreno2022jets,
  title={Jet quenching in small systems},
  author={Moreno, Lucia},
  journal={JHEP},
  year={2022},
  doi={10.1007/JHEP05(2022)012},
  altmetric={true},
  dimensions={pub.1147691234},
  inspirehep_id = {see arXiv},
  google_scholar_id={9yKSN-GCB0IC},
}

@inproceedings{moreno2019jets,
  title={Jet quenching in small systems},
  author={Moreno, Lucia},
  booktitle={Quark Matter 2019},
  year={2019},
  google_scholar_id={d1gkVwhDpl0C},
}

@article{moreno2018flow,
  title={Collective flow without a medium},
  author={Moreno, Lucia},
  journal={Phys. Lett. B},
  year={2018},
}
"""
ALFOLIO_CITATIONS = """metadata:
  last_updated: '2026-05-13'
papers:
  qc6CJjYAAAAJ:u5HHmVD_uO8C:
    citations: 41
    title: Gluon saturation in dijet production at the electron-ion collider (EIC)
    year: '2023'
  qc6CJjYAAAAJ:9yKSN-GCB0IC:
    citations: 7
    title: Jet quenching in small systems
    year: '2022'
  qc6CJjYAAAAJ:d1gkVwhDpl0C:
    citations: 3
    title: Jet quenching in small systems
    year: '2019'
  qc6CJjYAAAAJ:zYLM7Y9cAGgC:
    citations: 12
    title: Collective flow without a medium
    year: '2018'
"""


def _alfolio_site(tmp_path: Path) -> Path:
    """A new site of Lucia Moreno that imported her al-folio site (see above)."""
    old = write_files(
        tmp_path / "old",
        {
            "_bibliography/papers.bib": ALFOLIO_BIB,
            "_data/citations.yml": ALFOLIO_CITATIONS,
            "_data/socials.yml": "scholar_userid: qc6CJjYAAAAJ\n",
            "_config.yml": "title: Lucia Moreno\nfirst_name: Lucia\nlast_name: Moreno\n",
        },
    )
    site = new_site(tmp_path / "site", "Lucia Moreno")
    assert run_import(site, "alfolio", old) == 0
    return site


def _by_key(site: Path) -> dict[str, dict[str, object]]:
    """Each record's front matter by the BibTeX key it was imported from."""
    found = {}
    for path, data, _ in read_papers(site):
        key = re.search(r"@\w+\{([^,]+),", str(data.get("bibtex", "")))
        assert key, path
        found[key.group(1)] = data
    return found


def test_a_badge_id_in_other_digits_than_ascii_is_no_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python's `\\d` takes Arabic-Indic or Devanagari digits for a number: the record
    linked `https://www.altmetric.com/details/١٥٢٣٨٤٤١٢`, a page no one has."""
    site, _ = bib_site(
        tmp_path,
        "Lucia Moreno",
        "@article{moreno2023gluon,\n  title={Gluon saturation},\n  author={Moreno, Lucia},\n"
        "  journal={Phys. Rev. D},\n  year={2023},\n  altmetric={١٥٢٣٨٤٤١٢},\n"
        "  inspirehep_id={२६५२६७१},\n  dimensions={pub.١١٤٧٦٩١٢٣٤},\n}\n",
    )
    out = capsys.readouterr().out
    [(_, front, _)] = read_papers(site)
    assert "links" not in front
    assert "papers.bib:1: entry 'moreno2023gluon': altmetric = {١٥٢٣٨٤٤١٢} is not " in out
    assert "inspirehep_id = {२६५२६७१} is not INSPIRE's record number" in out
    assert "dimensions = {pub.١١٤٧٦٩١٢٣٤} is not Dimensions' id" in out


def test_al_folio_s_badge_ids_are_links_to_their_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`inspirehep_id`, `altmetric` and `dimensions` were left out with al-folio's other
    fields: the INSPIRE record and the attention pages its badges linked were lost."""
    site = _alfolio_site(tmp_path)
    out = capsys.readouterr().out
    found = _by_key(site)
    assert found["moreno2023gluon"]["links"] == {
        "inspire": "https://inspirehep.net/literature/2652671",
        "altmetric": "https://www.altmetric.com/details/152384412",
        "scholar": "https://scholar.google.com/citations?view_op=view_citation"
        "&user=qc6CJjYAAAAJ&citation_for_view=qc6CJjYAAAAJ:u5HHmVD_uO8C",
    }  # (`dimensions = {true}` drew its badge from the DOI, which the record keeps)
    assert found["moreno2022jets"]["links"] == {
        "dimensions": "https://app.dimensions.ai/details/publication/pub.1147691234",
        "scholar": "https://scholar.google.com/citations?view_op=view_citation"
        "&user=qc6CJjYAAAAJ&citation_for_view=qc6CJjYAAAAJ:9yKSN-GCB0IC",
    }
    assert (
        "papers.bib:19: entry 'moreno2022jets': inspirehep_id = {see arXiv} is not "
        "INSPIRE's record number; not linked (add the page under the record's links:)"
    ) in out
    assert "inspirehep_id" not in str(found["moreno2023gluon"]["bibtex"])  # no BibTeX field
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "Gluon saturation in dijet production at the Electron-Ion Collider")
    assert '<a href="https://inspirehep.net/literature/2652671" rel="noopener">INSPIRE</a>' in page
    assert (
        '<a href="https://www.altmetric.com/details/152384412" rel="noopener">Altmetric</a>' in page
    )


def test_al_folio_s_citation_counts_are_found_by_scholar_id(tmp_path: Path) -> None:
    """`_data/citations.yml` keys each paper by `{scholar_userid}:{google_scholar_id}`; it
    was read by title, and a paper whose Scholar title differs from its bib title took no
    count, two papers of one title the larger count. A paper without the id still is
    found by its title."""
    found = _by_key(_alfolio_site(tmp_path))
    counts = {key: data.get("citations") for key, data in found.items()}
    assert counts == {
        "moreno2023gluon": 41,  # Scholar's title ends "(EIC)"
        "moreno2022jets": 7,
        "moreno2019jets": 3,  # the same title as the 2022 paper's
        "moreno2018flow": 12,  # no google_scholar_id: by title
    }
    assert str(found["moreno2023gluon"]["citations_date"]) == "2026-05-13"


# dblp's BibTeX of conference papers, as its pages export them: the proceedings' whole
# title as `booktitle`, place and dates with it; and its "with crossref" form, the paper's
# booktitle the acronym alone.
DBLP = r"""
@inproceedings{DBLP:conf/icml/LiuZ23,
  author       = {Hao Liu and
                  Wei Zhang},
  title        = {Sparse Attention with Learned Routing},
  booktitle    = {International Conference on Machine Learning, {ICML} 2023, 23-29 July
                  2023, Honolulu, Hawaii, {USA}},
  series       = {Proceedings of Machine Learning Research},
  volume       = {202},
  pages        = {21345--21360},
  publisher    = {{PMLR}},
  year         = {2023},
  url          = {https://proceedings.mlr.press/v202/liu23x.html},
  biburl       = {https://dblp.org/rec/conf/icml/LiuZ23.bib},
  bibsource    = {dblp computer science bibliography, https://dblp.org}
}

@inproceedings{DBLP:conf/nips/ZhangL23,
  author       = {Wei Zhang and
                  Hao Liu},
  title        = {Routing Transformers Revisited},
  booktitle    = {Advances in Neural Information Processing Systems 36: Annual Conference
                  on Neural Information Processing Systems 2023, NeurIPS 2023, New Orleans,
                  LA, USA, December 10 - 16, 2023},
  year         = {2023},
}

@inproceedings{DBLP:conf/eccv/LiuZ22,
  author       = {Hao Liu and
                  Wei Zhang},
  title        = {Token Merging for Video},
  booktitle    = {Computer Vision - {ECCV} 2022 - 17th European Conference, Tel Aviv,
                  Israel, October 23-27, 2022, Proceedings, Part {XXIII}},
  series       = {Lecture Notes in Computer Science},
  volume       = {13683},
  pages        = {1--17},
  year         = {2022},
}

@inproceedings{DBLP:conf/emnlp/ZhangL23,
  author       = {Wei Zhang and
                  Hao Liu},
  title        = {Short Contexts Suffice},
  booktitle    = {Findings of the Association for Computational Linguistics: {EMNLP}
                  2023, Singapore, December 6-10, 2023},
  year         = {2023},
}

@inproceedings{DBLP:conf/kdd/LiuZ21,
  author       = {Hao Liu and
                  Wei Zhang},
  title        = {Graph Routing at Scale},
  booktitle    = {{KDD} '21: The 27th {ACM} {SIGKDD} Conference on Knowledge Discovery
                  and Data Mining, Virtual Event, Singapore, August 14-18, 2021},
  year         = {2021},
}

@inproceedings{DBLP:conf/icml/LiuW23,
  author       = {Hao Liu and
                  Jun Wang},
  title        = {Mixture of Routers},
  booktitle    = {{ICML}},
  series       = {Proceedings of Machine Learning Research},
  volume       = {202},
  pages        = {100--120},
  year         = {2023},
  crossref     = {DBLP:conf/icml/2023},
}

@proceedings{DBLP:conf/icml/2023,
  editor       = {Andreas Krause and
                  Emma Brunskill},
  title        = {International Conference on Machine Learning, {ICML} 2023, 23-29 July
                  2023, Honolulu, Hawaii, {USA}},
  series       = {Proceedings of Machine Learning Research},
  volume       = {202},
  publisher    = {{PMLR}},
  year         = {2023},
}
"""
DBLP_VENUES = {
    "Sparse Attention with Learned Routing": "ICML 2023",
    "Routing Transformers Revisited": "NeurIPS 2023",
    "Token Merging for Video": "ECCV 2022",
    "Short Contexts Suffice": "Findings of the Association for Computational Linguistics: EMNLP 2023",
    "Graph Routing at Scale": "KDD '21",
    "Mixture of Routers": "ICML 2023",
}


def test_dblp_s_booktitle_is_the_meeting_as_dblp_names_it(tmp_path: Path) -> None:
    """dblp's booktitle, the proceedings' whole title with the meeting's place and dates,
    was the card's venue; dblp lists the paper under `ICML 2023`. cite.bib keeps it all."""
    site, _ = bib_site(tmp_path, "Hao Liu", DBLP)
    found = records_by_title(site)
    assert {title: found[title]["venue"] for title in DBLP_VENUES} == DBLP_VENUES
    assert main(["build", "--site", str(site)]) == 0
    icml = "Sparse Attention with Learned Routing"
    cite = (_output_of(site, icml) / "cite.bib").read_text(encoding="utf-8")
    assert "{ICML} 2023, 23-29 July" in cite and "Honolulu, Hawaii, {USA}}" in cite
    card = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert "ICML 2023" in card and "Honolulu" not in card


def test_a_venue_an_earlier_import_took_from_dblp_follows_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record an earlier import gave dblp's whole booktitle (or the crossref form's
    acronym) takes the meeting at the next import, with no conflict; a venue of the
    person's own stays, a conflict as before."""
    site, bib = bib_site(tmp_path, "Hao Liu", DBLP)
    earlier = {
        "Sparse Attention with Learned Routing": "International Conference on Machine "
        "Learning, ICML 2023, 23-29 July 2023, Honolulu, Hawaii, USA",
        "Mixture of Routers": "ICML",
        "Token Merging for Video": "ECCV 2022 (oral)",  # the person's own
    }
    for path, data, _ in read_papers(site):
        if data["title"] in earlier:
            text = path.read_text(encoding="utf-8")
            old = f"venue: {DBLP_VENUES[data['title']]}\n"
            path.write_text(
                text.replace(old, f"venue: {earlier[data['title']]}\n"), encoding="utf-8"
            )
    capsys.readouterr()
    assert run_import(site, "bibtex", bib) == 0
    out = capsys.readouterr().out
    found = records_by_title(site)
    assert found["Sparse Attention with Learned Routing"]["venue"] == "ICML 2023"
    assert found["Mixture of Routers"]["venue"] == "ICML 2023"
    assert found["Token Merging for Video"]["venue"] == "ECCV 2022 (oral)"
    assert out.count("conflict ") == 1 and "keeps 'ECCV 2022 (oral)'" in out


def test_a_venue_a_person_shortened_from_dblp_s_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A venue the person wrote that the entry's booktitle is not (`ICML` for the whole
    title, `Proc., ICML 2023, oral`) was taken for an earlier import's and replaced by
    `ICML 2023` without a word: it stays, a conflict."""
    site, bib = bib_site(tmp_path, "Hao Liu", DBLP)
    mine = {
        "Sparse Attention with Learned Routing": "ICML",
        "Mixture of Routers": "Proc., ICML 2023, oral",
    }
    for path, data, _ in read_papers(site):
        if data["title"] in mine:
            text = path.read_text(encoding="utf-8")
            path.write_text(
                text.replace("venue: ICML 2023\n", f"venue: '{mine[data['title']]}'\n"),
                encoding="utf-8",
            )
    capsys.readouterr()
    assert run_import(site, "bibtex", bib) == 0
    out = capsys.readouterr().out
    found = records_by_title(site)
    assert {title: found[title]["venue"] for title in mine} == mine
    assert out.count("conflict ") == 2 and "keeps 'ICML'; the import has 'ICML 2023'" in out


@pytest.mark.parametrize(
    ("language", "heading", "text"),
    [
        ("de", "## Eine Überschrift", "Der Text der Seite, in Markdown: ersetzen Sie ihn."),
        ("pt-BR", "## Um título", "O texto da página, em Markdown: substitua-o."),
        ("zh-TW", "## 一個標題", "頁面內文，以 Markdown 撰寫：請替換這段文字。"),
        ("nl", "## A heading", "The page's text, in Markdown: replace it."),  # no catalogue
    ],
)
def test_a_new_page_s_placeholder_is_in_the_site_s_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str, heading: str, text: str
) -> None:
    """`authorsite new page` wrote "A heading" and its English sentence on a German site,
    published until replaced; `check` still names the page that keeps it."""
    site = new_site(tmp_path / "site", "Anna Schmidt")
    config = site / "site.yaml"
    config.write_text(
        re.sub(r"(?m)^language: .*$", f"language: {language}", config.read_text("utf-8")),
        encoding="utf-8",
    )
    assert main(["new", "page", "Lehre", "--site", str(site)]) == 0
    page = (site / "content" / "pages" / "lehre.md").read_text(encoding="utf-8")
    assert page.endswith(f"---\n\n{heading}\n\n{text}\n")
    capsys.readouterr()
    main(["check", "--site", str(site)])
    assert "content/pages/lehre.md: its text is still the example" in capsys.readouterr().out


def test_a_new_paper_s_placeholder_is_in_the_papers_language(tmp_path: Path) -> None:
    """A new paper's abstract is in `paper_language` where the site sets one, else in the
    pages' language: the same German site wrote it in English."""
    site = new_site(tmp_path / "site", "Anna Schmidt")
    config = site / "site.yaml"
    german = re.sub(r"(?m)^language: .*$", "language: de", config.read_text("utf-8"))
    config.write_text(german, encoding="utf-8")
    assert main(["new", "paper", "Ein Aufsatz", "--site", str(site)]) == 0
    record = (site / "content" / "papers" / "ein-aufsatz.md").read_text(encoding="utf-8")
    assert record.endswith("---\n\nDie Zusammenfassung, in Markdown: ersetzen Sie sie.\n")
    config.write_text(german + "paper_language: en\n", encoding="utf-8")
    assert main(["new", "paper", "An Essay", "--site", str(site)]) == 0
    record = (site / "content" / "papers" / "an-essay.md").read_text(encoding="utf-8")
    assert record.endswith("---\n\nThe abstract, in Markdown: replace it.\n")


PUBLICATION = """---
title: "Graph Neural Networks for Müller Cells"
collection: publications
permalink: /publication/2020-03-01-muller-paper
date: 2020-03-01
venue: 'Journal of Neuroscience'
citation: 'Schmidt, A. (2020). &quot;Graph Neural Networks for Müller Cells.&quot; <i>J. Neurosci.</i>'
---
Abstract here.
"""


def _imported_unreadable(
    old: Path, kind: str, page: str, renamed: str, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, str]:
    """A new site that imported ``old`` (of ``kind``), the name of one of whose pages (as
    the note shows it: ``page``, or a bundle's ``page/index.md``) is not UTF-8; and the
    import's output, which says the cause and the fix."""
    name = page.removesuffix("/index.md")
    site = new_site(old.parent / "site", "Anna Schmidt")
    assert run_import(site, kind, old) == 0
    out = capsys.readouterr().out
    assert "UTF-16" not in out and "\\udcfc" not in out
    assert (
        f"{page}: the name {name} is not UTF-8 (its byte \\xfc is Latin-1's or "
        "Windows-1252's `ü`, which UTF-8 writes in two bytes), so no record can keep it: "
        "imported without `imported_from` (a re-import finds the record by its title and "
        f"year); rename it in UTF-8 (`{renamed}`, as Windows-1252 reads it) and import again"
    ) in out
    [(_, record, _)] = read_papers(site)
    assert record["title"] == "Graph Neural Networks for Müller Cells"
    assert "imported_from" not in record
    return site, out


def test_an_academicpages_file_name_that_is_no_utf8_is_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `_publications/` file saved with its name in Latin-1 (`m\\xfcller`, an `ü` of one
    byte) was imported with a note on "half a UTF-16 pair" in imported_from: the note
    names the name's bytes, and the fix, a name in UTF-8; after it the record follows."""
    folder = tmp_path / "old" / "_publications"
    folder.mkdir(parents=True)
    latin1 = folder / os.fsdecode(b"2020-03-01-m\xfcller-paper.md")
    latin1.write_text(PUBLICATION, encoding="utf-8")
    name, renamed = "2020-03-01-m\\xfcller-paper.md", "2020-03-01-müller-paper.md"
    site, out = _imported_unreadable(folder.parent, "academicpages", name, renamed, capsys)
    assert "<- publication '2020-03-01-m\\xfcller-paper'" in out
    latin1.rename(folder / renamed)
    assert run_import(site, "academicpages", folder.parent) == 0
    assert "1 updated" in capsys.readouterr().out
    [(_, record, _)] = read_papers(site)
    assert record["imported_from"] == f"academicpages _publications/{renamed}"


def test_a_hugo_bundle_folder_name_that_is_no_utf8_is_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same of a Hugo Blox page bundle's folder, which names the old page's address."""
    bundle = tmp_path / "old" / "content" / "publication" / os.fsdecode(b"m\xfcller-2020")
    bundle.mkdir(parents=True)
    front = PUBLICATION.split("---\n")[1].replace("collection: publications\n", "")
    (bundle / "index.md").write_text(
        f"---\n{front}authors:\n- Anna Schmidt\npublication_types: ['2']\n---\n",
        encoding="utf-8",
    )
    name, renamed = "publication/m\\xfcller-2020/index.md", "publication/müller-2020"
    _imported_unreadable(tmp_path / "old", "hugo", name, renamed, capsys)
