"""Imports of files as researchers' sites and their tools wrote them (trial 23).

Each fixture under tests/fixtures/ingest/real23/ is a trimmed copy of a public file,
named in SOURCES.md there or in its first lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.ingest.scaffold import init_site
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import bib_site, built_page, new_site, records_by_title, run_import

FIXTURES = INGEST / "real23"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path)


def test_an_academicpages_permalink_that_is_the_paper_s_address_is_its_link(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ElcoK/Koks and two other forks: `permalink: https://…`, the paper's own page, PDF
    # or arXiv page, which the site's list linked the title to. It was lost without a
    # word: the Nature paper, with no other link, had none, and the arXiv paper no id.
    # One also writes its `paperurl` as a Markdown link, `'[CVPR2023](https://…pdf)'`,
    # which was "not an http(s) address" and left out.
    assert run_import(site, "academicpages", FIXTURES / "academicpages-permalink") == 0
    records = records_by_title(site)
    nature = records["Moving flood risk modelling forwards"]
    assert nature["links"] == {"paper": "https://www.nature.com/articles/s41558-018-0185-y"}
    attack = records[
        "On the (In)Feasibility of Attribute Inference Attacks on Machine Learning Models"
    ]
    assert attack["arxiv_id"] == "2103.07101"
    assert attack["links"] == {"arxiv": "https://arxiv.org/abs/2103.07101"}
    spot = records["Where is My Spot? Few-shot Image Generation via Latent Subspace Optimization"]
    assert spot["links"] == {
        "pdf": "https://openaccess.thecvf.com/content/CVPR2023/papers/Zheng_Where_Is_My_Spot_"
        "Few-Shot_Image_Generation_via_Latent_Subspace_CVPR_2023_paper.pdf"
    }
    assert "not an http(s) address" not in " ".join(capsys.readouterr())


def test_an_alfolio_fork_s_paper_and_supplementary_addresses_are_links(site: Path) -> None:
    # C-H-Chien/c-h-chien.github.com _bibliography/papers.bib: `paper={https://…}` (the
    # IEEE page) and `supplementary={https://…}`, keys the site adds to al-folio's. Both
    # links were lost without a word; the IPDPS paper kept its code link alone.
    assert run_import(site, "bibtex", FIXTURES / "alfolio-paper-key.bib") == 0
    records = records_by_title(site)
    gpus = records[
        "Accelerating Homotopy Continuation with GPUs: Application to Trifocal Pose Estimation"
    ]
    assert gpus["links"] == {
        "code": "https://github.com/Brown-LEMS/Trifocal_Pose_Estimation_using_Improved_GPUHC",
        "paper": "https://ieeexplore.ieee.org/abstract/document/11078535",
    }
    three = records["Minimal solutions to generalized three-view relative pose problem"]
    assert three["links"]["supplement"] == (
        "https://openaccess.thecvf.com/content/ICCV2023/supplemental/"
        "Ding_Minimal_Solutions_to_ICCV_2023_supplemental.pdf"
    )
    assert three["authors"][3] == "Karl Åström"


def test_a_paper_or_supplementary_value_that_is_no_web_address_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A `paper` or `supplementary` that is not an http(s) address with a host was dropped
    # without a word, as `url` and `code` are not.
    site, _ = bib_site(
        tmp_path,
        "Kaile Wang",
        "@article{k1,\n  title={On Engines},\n  author={Kaile Wang},\n  journal={J},\n"
        "  year={2024},\n  paper={https:///engines.pdf},\n"
        "  supplementary={javascript:alert(1)},\n}\n",
    )
    out = capsys.readouterr().out
    assert "links" not in records_by_title(site)["On Engines"]
    assert "papers.bib:1: entry 'k1': link `paper` `https:///engines.pdf` names no host" in out
    assert (
        "papers.bib:1: entry 'k1': link `supplementary` `javascript:alert(1)` is not an "
        "http(s) address; imported without it"
    ) in out


def test_an_alfolio_subtitle_s_emphasis_is_no_part_of_the_plain_position(site: Path) -> None:
    # CarlosSMWolff/carlossmwolff.github.io _pages/about.md: `subtitle: "<strong>Quantum
    # Researcher </strong>  @ <a …>QUINFOG group</a>, …"`. The position was written
    # `**Quantum Researcher **`, and the profile, which shows it as plain text, showed
    # the stars.
    assert run_import(site, "alfolio", FIXTURES / "alfolio-subtitle") == 0
    author = yaml.safe_load((site / "content" / "authors" / "kaile-wang.yaml").read_text("utf-8"))
    assert author["position"] == (
        "Quantum Researcher @ QUINFOG group, Institute of Fundamental Physics (IFF-CSIC), Spain."
    )
    assert main(["build", "--site", str(site)]) == 0
    profile = (site / "output" / "index.html").read_text("utf-8")
    assert '<p class="affiliation">Quantum Researcher @ QUINFOG group' in profile
    assert "**" not in profile


def test_a_crossref_abstract_s_jats_heading_is_no_part_of_the_abstract(site: Path) -> None:
    # CarlosSMWolff/carlossmwolff.github.io _bibliography/papers.bib: abstracts as
    # Crossref has them, led by `<jats:title>Abstract</jats:title>`. The tags went and
    # their word stayed: "AbstractRecent technological developments …" and "Abstract In
    # nature, …".
    assert run_import(site, "alfolio", FIXTURES / "alfolio-subtitle") == 0
    records = records_by_title(site)
    superluminal = records[
        "Resolution of superluminal signalling in non-perturbative cavity quantum electrodynamics"
    ]
    assert superluminal["abstract"].startswith("Recent technological developments have made")
    synchronisation = records[
        "Quantum synchronisation enabled by dynamical symmetries and dissipation"
    ]
    assert synchronisation["abstract"].startswith("In nature, instances of synchronisation")


def test_a_hugo_owner_with_an_empty_title_is_named_by_the_site_s_title(tmp_path: Path) -> None:
    # 4TINI/luca4tini.github.io: the admin author's `title:` is empty; the site's title,
    # `title: Luca Fortini` in config/_default/config.yaml, is the name every publication
    # lists. A new site (`init` without --name) kept "Your Name", and its profile listed
    # none of the papers.
    site = tmp_path / "site"
    init_site(site)
    assert run_import(site, "hugo", FIXTURES / "hugo-untitled-owner") == 0
    author = yaml.safe_load((site / "content" / "authors" / "your-name.yaml").read_text("utf-8"))
    assert author["name"] == "Luca Fortini"
    assert main(["build", "--site", str(site)]) == 0
    profile = (site / "output" / "index.html").read_text("utf-8")
    assert "<strong>Luca Fortini</strong>" in profile
    assert "A framework for real-time and personalisable human ergonomics monitoring" in profile


def test_a_page_left_with_git_s_conflict_markers_says_so_at_the_marker(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ElcoK/Koks _publications/2017-paper-title-number-3.md, committed mid-merge:
    # `<<<<<<< HEAD`, one citation, `=======`, the other, `>>>>>>> e4280a8…`. The import
    # said "YAML syntax error: this line is neither a `field: value` line nor a `- ` item
    # of a list; … start it with `- `", a fix that fixes nothing.
    assert run_import(site, "academicpages", FIXTURES / "academicpages-conflict") == 1
    err = capsys.readouterr().err
    assert "2017-paper-title-number-3.md:7: git's merge conflict marker `<<<<<<< HEAD`" in err
    assert "keep one, delete the other and the `<<<<<<<`, `=======` and `>>>>>>>` lines" in err
    assert "start it with `- `" not in err


def test_a_doi_with_html_entities_for_its_angle_brackets_is_the_doi(site: Path) -> None:
    # sobolevnrm/sobolevnrm.github.io cv/publications.bib: Wiley's SICI DOI written
    # `…21:15&lt;1319::AID-JCC1&gt;3.0.CO;2-8`. The record kept the entities, and the
    # page linked doi.org to `…&amp;lt;1319…`, which no one registered.
    assert run_import(site, "bibtex", FIXTURES / "sici-doi-entities.bib") == 0
    records = records_by_title(site)
    first = records[
        "Adaptive multilevel finite element solution of the Poisson-Boltzmann equation I. "
        "Algorithms and examples"
    ]
    assert first["doi"] == "10.1002/1096-987X(20001130)21:15<1319::AID-JCC1>3.0.CO;2-8"
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, first["title"])
    assert (
        'href="https://doi.org/10.1002/1096-987X(20001130)21:15%3C1319::AID-JCC1%3E3.0.CO;2-8"'
        in page
    )
    assert "doi.org/10.1002/1096-987X(20001130)21:15&amp;lt;" not in page
