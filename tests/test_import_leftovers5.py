"""Importers' fifth round of left-overs: academicpages' placeholder dates of 1 January,
its APA citations' volume, issue and pages, the paper page's type in the site's
language, and dblp's ACL volumes."""

from __future__ import annotations

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

FLOOD = "Moving flood risk modelling forwards"

# ElcoK/Koks: the page of the paper dated as published, and the generator's TSV row it
# was made from, which knows the year alone (`2018-01-01`)
KOKS = {
    "_publications/2018-paper-title-number-0.md": f"""---
title: "{FLOOD}"
collection: publications
permalink: https://www.nature.com/articles/s41558-018-0185-y
date: 2018-05-28
venue: 'Nature Climate Change'
citation: 'Koks, E.E. (2018). Moving flood risk modelling forwards. Nature Climate Change, (8), 561–562'
---
""",
    "markdown_generator/publications.tsv": (
        "pub_date\ttitle\tvenue\texcerpt\tcitation\turl_slug\tpaper_url\n"
        f"2018-01-01\t{FLOOD}\tNature Climate Change\t\t"
        f"Koks, E.E. (2018). {FLOOD}. Nature Climate Change, (8), 561–562\t"
        "paper-title-number-0\thttps://www.nature.com/articles/s41558-018-0185-y\n"
    ),
}


def test_a_page_s_date_is_taken_over_its_tsv_row_s_first_of_january(tmp_path: Path) -> None:
    # The record was dated 2018-01-01, the row's placeholder for "2018", and Google
    # Scholar was told 2018/01/01 for a paper of 28 May.
    site = new_site(tmp_path / "site", "Elco Koks")
    old = write_files(tmp_path / "old", KOKS)
    assert run_import(site, "academicpages", old) == 0
    records = records_by_title(site)
    assert len(records) == 1
    assert str(records[FLOOD]["date"]) == "2018-05-28"
    assert main(["build", "--site", str(site)]) == 0
    assert '<meta name="citation_publication_date" content="2018/05/28">' in built_page(site, FLOOD)


def test_a_first_of_january_alone_is_kept(tmp_path: Path) -> None:
    # The row alone: nothing knows better, and the date is the record's as written.
    site = new_site(tmp_path / "site", "Elco Koks")
    old = write_files(
        tmp_path / "old", {"publications.tsv": KOKS["markdown_generator/publications.tsv"]}
    )
    assert run_import(site, "academicpages", old / "publications.tsv") == 0
    assert str(records_by_title(site)[FLOOD]["date"]) == "2018-01-01"


HOUSEHOLD = (
    "Household migration in disaster impact analysis: incorporating behavioural responses to risk"
)
# ElcoK/Koks _publications/2017-paper-title-number-3.md (its side of the merge that kept
# the blank after the comma), and an APA citation with the venue in italics and the title
# in quotes, as other forks write theirs
APA_PAGES = {
    "_publications/2017-paper-title-number-3.md": f"""---
title: "{HOUSEHOLD}"
collection: publications
permalink: /publication/2017-paper-title-number-3
date: 2017-01-01
venue: 'Natural Hazards'
citation: 'Husby, T. G., &amp; Koks, E. E. (2017). {HOUSEHOLD}. Natural Hazards,87(1), 287-305.'
---
""",
    "_publications/2019-flood-damage.md": """---
title: "A global multi-hazard risk analysis of road and railway infrastructure assets"
collection: publications
date: 2019-06-25
venue: 'Nature Communications'
citation: 'Koks, E. E., Rozenberg, J., Zorn, C. (2019). "A global multi-hazard risk analysis of road and railway infrastructure assets." <i>Nature Communications</i>, 10(1), 2677-2687. https://doi.org/10.1038/s41467-019-10442-3'
---
""",
    "_publications/2018-paper-title-number-0.md": KOKS[
        "_publications/2018-paper-title-number-0.md"
    ],
}


def test_an_apa_citation_s_volume_issue_and_pages_are_the_record_s(tmp_path: Path) -> None:
    # The record had none of them, and the page read "Natural Hazards" alone where the
    # old site's citation said 87(1), 287-305.
    site = new_site(tmp_path / "site", "Elco Koks")
    old = write_files(tmp_path / "old", APA_PAGES)
    assert run_import(site, "academicpages", old) == 0
    records = records_by_title(site)
    household = records[HOUSEHOLD]
    assert (str(household["volume"]), str(household["issue"])) == ("87", "1")
    assert household["pages"] == "287–305"
    roads = records["A global multi-hazard risk analysis of road and railway infrastructure assets"]
    assert (str(roads["volume"]), str(roads["issue"]), roads["pages"]) == ("10", "1", "2677–2687")
    # `Nature Climate Change, (8), 561–562`: which number is the volume? Not read.
    assert not {"volume", "issue", "pages"} & set(records[FLOOD])
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, HOUSEHOLD)
    assert 'Natural Hazards <span class="locator">87(1), 287–305</span>' in page


def _typed_site(root: Path, language: str) -> Path:
    """A site in ``language`` with a master's thesis, a report and a patent, as imports of
    BibTeX type them."""
    site = new_site(root, "Thi Mai Nguyen")
    config = site / "site.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^language: .*$", f"language: {language}", text), "utf-8")
    papers = {
        "graph-kernels": ("Graph Kernels for Molecular Property Prediction", "mastersthesis"),
        "hypergraphs": ("Message Passing on Hypergraphs", "techreport"),
        "sensor": ("A Sensor for Graphs", "patent"),
    }
    for slug, (title, kind) in papers.items():
        write_files(site, {f"content/papers/{slug}.md": (
            f"---\ntitle: {title}\nauthors: [Thi Mai Nguyen]\ndate: 2019-06-01\n"
            f"type: {kind}\n---\n"
        )})  # fmt: skip
    return site


def _type_shown(site: Path, title: str, heading: str) -> str:
    """What the "Type" row (``heading`` in the site's language) of a paper's page says."""
    found = re.search(rf"<dt>{heading}</dt><dd>([^<]*)</dd>", built_page(site, title))
    return found.group(1) if found else ""


@pytest.mark.parametrize(
    ("language", "heading", "masters", "report"),
    [("en", "Type", "Master’s thesis", "Report"), ("de", "Typ", "Masterarbeit", "Bericht")],
)
def test_a_paper_s_type_reads_in_the_site_s_language(
    tmp_path: Path, language: str, heading: str, masters: str, report: str
) -> None:
    # The page's "Type" row read `mastersthesis` and `techreport`, BibTeX's words.
    site = _typed_site(tmp_path / "site", language)
    assert main(["build", "--site", str(site)]) == 0
    assert _type_shown(site, "Graph Kernels for Molecular Property Prediction", heading) == masters
    assert _type_shown(site, "Message Passing on Hypergraphs", heading) == report
    # a type the theme has no name for is shown as written
    assert _type_shown(site, "A Sensor for Graphs", heading) == "patent"


# As dblp exports them (dblp.org/rec/conf/acl/…, conf/naacl/…): ACL's volumes named for their
# papers' kind in the booktitle, NAACL's after the meeting and place, and a paper of the
# "with crossref" form with the volume it crossrefs
ACL = r"""
@inproceedings{DBLP:conf/acl/ChenL23,
  author       = {Yu Chen and
                  Mei Lin},
  title        = {Contrastive Decoding for Faithful Summaries},
  booktitle    = {Proceedings of the 61st Annual Meeting of the Association for Computational
                  Linguistics (Volume 1: Long Papers), {ACL} 2023, Toronto, Canada,
                  July 9-14, 2023},
  pages        = {1234--1250},
  publisher    = {Association for Computational Linguistics},
  year         = {2023},
  doi          = {10.18653/V1/2023.ACL-LONG.69},
  biburl       = {https://dblp.org/rec/conf/acl/ChenL23.bib},
}

@inproceedings{DBLP:conf/acl/LinC23,
  author       = {Mei Lin and
                  Yu Chen},
  title        = {A Short Note on Tokenizer Drift},
  booktitle    = {Proceedings of the 61st Annual Meeting of the Association for Computational
                  Linguistics (Volume 2: Short Papers), {ACL} 2023, Toronto, Canada,
                  July 9-14, 2023},
  pages        = {88--95},
  year         = {2023},
  biburl       = {https://dblp.org/rec/conf/acl/LinC23.bib},
}

@inproceedings{DBLP:conf/naacl/ChenL19,
  author       = {Yu Chen and
                  Mei Lin},
  title        = {Parsing with Latent Trees},
  booktitle    = {Proceedings of the 2019 Conference of the North American Chapter of
                  the Association for Computational Linguistics: Human Language Technologies,
                  {NAACL-HLT} 2019, Minneapolis, MN, USA, June 2-7, 2019, Volume 1 (Long
                  and Short Papers)},
  pages        = {100--110},
  year         = {2019},
  biburl       = {https://dblp.org/rec/conf/naacl/ChenL19.bib},
}

@inproceedings{DBLP:conf/acl/ChenW23,
  author       = {Yu Chen and
                  Li Wei},
  title        = {Retrieval Heads in Long Context Models},
  booktitle    = {{ACL} {(1)}},
  pages        = {2001--2015},
  year         = {2023},
  crossref     = {DBLP:conf/acl/2023-1},
  biburl       = {https://dblp.org/rec/conf/acl/ChenW23.bib},
}

@proceedings{DBLP:conf/acl/2023-1,
  editor       = {Anna Rogers and
                  Jordan L. Boyd{-}Graber and
                  Naoaki Okazaki},
  title        = {Proceedings of the 61st Annual Meeting of the Association for Computational
                  Linguistics (Volume 1: Long Papers), {ACL} 2023, Toronto, Canada,
                  July 9-14, 2023},
  publisher    = {Association for Computational Linguistics},
  year         = {2023},
  biburl       = {https://dblp.org/rec/conf/acl/2023-1.bib},
}
"""
ACL_VENUES = {
    "Contrastive Decoding for Faithful Summaries": "ACL 2023 (Long Papers)",
    "A Short Note on Tokenizer Drift": "ACL 2023 (Short Papers)",
    "Parsing with Latent Trees": "NAACL-HLT 2019 (Long and Short Papers)",
    # dblp's "with crossref" form: `{ACL} {(1)}`, which the venue read as written
    "Retrieval Heads in Long Context Models": "ACL 2023 (Long Papers)",
}


def test_dblp_s_acl_volume_says_long_or_short_paper(tmp_path: Path) -> None:
    # dblp lists them under `ACL (1) 2023` and `ACL (2) 2023`; both read "ACL 2023", a long
    # paper and a short one alike.
    site, _ = bib_site(tmp_path, "Yu Chen", ACL)
    found = records_by_title(site)
    assert {title: found[title]["venue"] for title in ACL_VENUES} == ACL_VENUES
    assert main(["build", "--site", str(site)]) == 0
    card = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert "ACL 2023 (Long Papers)" in card and "ACL 2023 (Short Papers)" in card


def test_an_acl_venue_an_earlier_import_read_without_its_volume_follows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, bib = bib_site(tmp_path, "Yu Chen", ACL)
    title = "Contrastive Decoding for Faithful Summaries"
    path = next(p for p, data, _ in read_papers(site) if data["title"] == title)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("venue: ACL 2023 (Long Papers)\n", "venue: ACL 2023\n"), "utf-8")
    capsys.readouterr()
    assert run_import(site, "bibtex", bib) == 0
    assert "conflict " not in capsys.readouterr().out
    assert records_by_title(site)[title]["venue"] == "ACL 2023 (Long Papers)"
