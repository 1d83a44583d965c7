"""Importers' ninth round of left-overs: biblatex's eprints of bioRxiv and medRxiv, arXiv's
cross-lists, a paper's standing written in its title, a translator's mark with spaces.

Entries are inline, each after the real file it copies (repository, path and commit in
the comment above it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.names import role_of
from tests.ingest_support import bib_site, built_page, new_site, records_by_title, run_import

# --- BibTeX: eprints of bioRxiv and medRxiv ----------------------------------------------

# Zotero's Better BibLaTeX, as leeoesterreich/CITEgeist README.md cites its preprint
# (commit 8e5cadf3c096653199dd19a179c79455e4e8ba1e); Better BibTeX's `archivePrefix`, as
# PROTACs/PROTAC-STAN's README.md cites its; a site's older entry with bioRxiv's number
# alone; biblatex's eprint of a journal paper's preprint, as a lab site's publications
# JSON gives it (Amezquita2024).
BIORXIV = r"""
@online{ChangSchlegelCITEgeistCellularIndexing2025,
  title = {{{CITEgeist}}: {{Cellular Indexing}} of {{Transcriptomes}}},
  author = {Chang, Alexander Chih-Chieh and Lee, Adrian V.},
  date = {2025-02-17},
  eprinttype = {bioRxiv},
  eprintclass = {New Results},
  pages = {2025.02.15.638331},
  doi = {10.1101/2025.02.15.638331},
  url = {https://www.biorxiv.org/content/10.1101/2025.02.15.638331v1},
  urldate = {2025-02-17},
}
@misc{chen2024Interpretable,
  title = {Interpretable {{PROTAC}} Degradation Prediction},
  author = {Chen, Zhenglu and Lee, Adrian V.},
  year = {2024},
  primaryclass = {New Results},
  pages = {2024.11.05.622005},
  doi = {10.1101/2024.11.05.622005},
  archiveprefix = {bioRxiv},
}
@article{aans19a,
  title = {Identification and comparison of genes differentially regulated},
  author = {Asiaee, Amir and Lee, Adrian V.},
  archiveprefix = {medRxiv},
  eprint = {803643},
  year = {2019}
}
@article{Amezquita2024,
 author = {Am\'ezquita, Erik J. and Lee, Adrian V.},
 doi = {10.1002/ppj2.20095},
 eprint = {10.1101/2023.09.26.559651},
 eprinttype = {bioRxiv},
 journal = {The Plant Phenome Journal},
 volume = {7},
 title = {Allometry and volumes in a nutshell},
 year = {2024}
}
@online{url,
  title = {Known by Its Address},
  author = {Lee, Adrian V.},
  year = {2021},
  eprinttype = {medrxiv},
  eprint = {https://www.medrxiv.org/content/10.1101/2021.03.02.21252712v2.full.pdf},
}
"""


def test_biblatex_eprints_of_biorxiv_and_medrxiv_are_the_preprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`eprinttype = {bioRxiv}` and `archivePrefix = {bioRxiv}` were read as nothing: the
    preprint was a record of `type: other` with no venue (its bioRxiv number a note about
    bad pages), one known by its number alone had no DOI, and a journal paper's preprint
    was linked nowhere."""
    site, _ = bib_site(tmp_path, "Adrian V. Lee", BIORXIV)
    out = capsys.readouterr().out
    found = records_by_title(site)
    online = found["CITEgeist: Cellular Indexing of Transcriptomes"]
    assert (online["venue"], online["type"]) == ("bioRxiv", "preprint")
    assert online["doi"] == "10.1101/2025.02.15.638331"
    assert "pages" not in online and "is not pages" not in out
    misc = found["Interpretable PROTAC Degradation Prediction"]
    assert (misc["venue"], misc["type"], misc["doi"]) == (
        "bioRxiv",
        "preprint",
        "10.1101/2024.11.05.622005",
    )
    assert "category" not in misc  # `primaryclass = {New Results}` is bioRxiv's section
    numbered = found["Identification and comparison of genes differentially regulated"]
    assert (numbered["venue"], numbered["type"], numbered["doi"]) == (
        "medRxiv",
        "preprint",
        "10.1101/803643",
    )
    published = found["Allometry and volumes in a nutshell"]
    assert (published["venue"], published["type"]) == ("The Plant Phenome Journal", "article")
    assert published["doi"] == "10.1002/ppj2.20095"
    assert published["links"] == {"preprint": "https://doi.org/10.1101/2023.09.26.559651"}
    assert found["Known by Its Address"]["doi"] == "10.1101/2021.03.02.21252712"


# --- arXiv: cross-listed categories --------------------------------------------------------

# arXiv's API answer for a paper filed under stat.ML and cross-listed to cs.LG and cs.AI,
# its ACM class among the `<category>` elements as the API lists them (the entry trimmed).
CROSS_LISTED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry>
    <id>http://arxiv.org/abs/1412.6980v9</id>
    <updated>2017-01-30T01:27:54Z</updated>
    <published>2014-12-22T13:54:29Z</published>
    <title>Adam: A Method for Stochastic Optimization</title>
    <summary>We introduce Adam.</summary>
    <author><name>Diederik P. Kingma</name></author>
    <author><name>Jimmy Ba</name></author>
    <link href="http://arxiv.org/abs/1412.6980v9" rel="alternate" type="text/html"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="stat.ML" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <category term="stat.ML" scheme="http://arxiv.org/schemas/atom"/>
    <category term="I.2.6" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>
"""


def test_a_cross_listed_paper_keeps_its_primary_category_and_no_cross_lists_as_tags(
    tmp_path: Path,
) -> None:
    """A record has one `category` (one badge, SPEC's field); the cross-lists arXiv lists
    first are not it, and are not made tags: a record's tags are filled only where it has
    none, so codes would keep out the keywords a later import brings (see README)."""
    site = new_site(tmp_path / "site", "Diederik P. Kingma")
    feed = tmp_path / "adam.xml"
    feed.write_text(CROSS_LISTED, encoding="utf-8")
    assert run_import(site, "arxiv", feed) == 0
    adam = records_by_title(site)["Adam: A Method for Stochastic Optimization"]
    assert adam["category"] == "stat.ML"
    assert "tags" not in adam


# --- academicpages: a paper's state written in its title or venue --------------------------


def _page(title: str, venue: str) -> str:
    """An academicpages publication page (the template's fields) of Ann Lee and Bo Kim."""
    return (
        f'---\ntitle: "{title}"\ncollection: publications\nauthors: [Ann Lee, Bo Kim]\n'
        f"date: 2024-01-01\nvenue: '{venue}'\n---\n"
    )


def test_a_state_in_brackets_in_a_title_or_venue_is_the_papers_note(tmp_path: Path) -> None:
    """`title: "Graph Sampling at Scale (Under Review)"`, `venue: 'Nature Methods (In
    press)'`: the state was the title's words (in Scholar's `citation_title` too) or the
    journal's name; it is the record's note, as a venue that is only the state is."""
    old = tmp_path / "old"
    pages = {
        "2024-01-01-a.md": _page("Graph Sampling at Scale (Under Review)", "Journal of Graphs"),
        "2024-01-02-b.md": _page("Message Passing Revisited", "Nature Methods (In press)"),
        "2024-01-03-c.md": _page("[Submitted] Positional Encodings", "NeurIPS"),
        "2024-01-04-d.md": _page("Sampling (Revise and Resubmit)", "Under review"),
        "2024-01-05-e.md": _page("On (Submitted) Manuscripts", "Journal of Graphs"),
    }
    for name, text in pages.items():
        (old / "_publications").mkdir(parents=True, exist_ok=True)
        (old / "_publications" / name).write_text(text, encoding="utf-8")
    site = new_site(tmp_path / "site", "Ann Lee")
    assert run_import(site, "academicpages", old) == 0
    found = records_by_title(site)
    graph = found["Graph Sampling at Scale"]
    assert (graph["venue"], graph["note"]) == ("Journal of Graphs", "Under Review")
    methods = found["Message Passing Revisited"]
    assert (methods["venue"], methods["note"]) == ("Nature Methods", "In press")
    assert found["Positional Encodings"]["note"] == "Submitted"
    resubmit = found["Sampling"]
    assert "venue" not in resubmit
    assert resubmit["note"] == "Under review; Revise and Resubmit"
    assert "note" not in found["On (Submitted) Manuscripts"]  # words of the title itself


# --- BibTeX: a translator's mark with blanks inside its brackets ---------------------------

SPACED_MARKS = """
@book{a, author = {山田 太郎}, translator = {佐藤 健太 （ 訳 ）}, title = {翻訳の本},
  publisher = {岩波書店}, year = 2020}
@book{b, author = {山田 太郎 and 佐藤 健太（ 訳 ）}, title = {二冊目の本}, publisher = {岩波書店},
  year = 2021}
@book{c, author = {山田 太郎 and 佐藤 健太 (　訳　)}, title = {三冊目の本}, publisher = {岩波書店},
  year = 2022}
"""


def test_a_translators_mark_with_blanks_in_its_brackets_is_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`（ 訳 ）` (and `(　訳　)`, ideographic spaces) was no mark where `（訳）` is: the
    translator was an author named "佐藤 健太（ 訳 ）" (the owner on none of her books, and
    in Scholar's `citation_author`), the `translator` field's `佐藤 健太 （ 訳 ） (trans.)`,
    and the half-width one's mark was left out as an affiliation's words."""
    site, _ = bib_site(tmp_path, "佐藤 健太", SPACED_MARKS)
    out = capsys.readouterr().out
    assert "name none of the site's authors" not in out
    assert "words in brackets" not in out
    found = records_by_title(site)
    assert found["翻訳の本"]["authors"] == ["山田 太郎", "佐藤 健太 (trans.)"]
    assert role_of(found["二冊目の本"]["authors"][1]) == ("translator", "佐藤 健太")
    assert role_of(found["三冊目の本"]["authors"][1]) == ("translator", "佐藤 健太")
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "二冊目の本")
    assert '<meta name="citation_author" content="山田 太郎">' in page
    assert 'citation_author" content="佐藤' not in page


def test_a_work_in_progress_track_after_a_venue_stays_the_venue(tmp_path: Path) -> None:
    # `(Work in Progress)` after a meeting's name is its track (CHI's, ICSE's): the venue
    # was cut to `Extended Abstracts of CHI 2024`, its note said "Work in progress" and
    # the paper was marked not out yet. After a title it is still the paper's state.
    entry = (
        "@inproceedings{a,\n  title = {Haptic Maps},\n  author = {Lee, Ann},\n"
        "  booktitle = {Extended Abstracts of CHI 2024 (Work in Progress)},\n  year = {2024}\n}\n"
        "@article{b,\n  title = {Tactile Charts (Work in Progress)},\n  author = {Lee, Ann},\n"
        "  journal = {J},\n  year = {2024}\n}\n"
    )
    site, _ = bib_site(tmp_path, "Ann Lee", entry)
    records = records_by_title(site)
    track = records["Haptic Maps"]
    assert track["venue"] == "Extended Abstracts of CHI 2024 (Work in Progress)"
    assert "note" not in track
    assert records["Tactile Charts"]["note"] == "Work in Progress"
