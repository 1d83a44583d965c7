"""A lab's site: no main author, a shared BibTeX file, members' names of many shapes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import new_site, records_by_title, run_import

FIXTURES = Path(__file__).parent / "fixtures" / "trial-lab"


def lab_site(root: Path, members: dict[str, str]) -> Path:
    """A site made by ``init`` turned into a lab's: no main author, one record a member."""
    site = new_site(root, "Frank Wood")
    config = site / "site.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^main_author:.*\n", "", text), encoding="utf-8")
    authors = site / "content" / "authors"
    for path in authors.glob("*.yaml"):
        path.unlink()
    for slug, record in members.items():
        (authors / f"{slug}.yaml").write_text(record, encoding="utf-8")
    return site


def listed(site: Path) -> list[str]:
    """The names the built root lists, in order."""
    page = (site / "output" / "index.html").read_text(encoding="utf-8")
    main_part = page[page.index("<main") :]
    return re.findall(r'<a href="(?:\./)?authors/[^"]+/">(?:<bdi>)?([^<]+)', main_part)


def test_a_list_of_names_ending_in_and_keeps_the_last_name(tmp_path: Path) -> None:
    """plai-group's shared file ends an author list in `Wood, F. and}`: the name was
    "F. and Wood", which is no member, and the lab's PI missed the paper; the paper's
    BibTeX kept the `and`."""
    site = lab_site(
        tmp_path / "lab",
        {"frank-wood": "name: Frank Wood\naliases: [F. Wood]\n"},
    )
    assert run_import(site, "bibtex", FIXTURES / "plai-group-publications.bib") == 0
    record = records_by_title(site)[
        "q-Paths: Generalizing the Geometric Annealing Path using Power Means"
    ]
    assert record["authors"][-1] == "F. Wood"
    assert record["authors"][:2] == ["V. Masrani", "R. Brekelmans"]
    # The BibTeX a visitor copies: the `and` gave TeX's BibTeX one more, empty, name
    assert "Ver Steeg, G. and Wood, F.}," in record["bibtex"]
    assert main(["build", "--site", str(site)]) == 0
    profile = (site / "output" / "authors" / "frank-wood" / "index.html").read_text("utf-8")
    assert "q-Paths" in profile
    assert "Assisting the Adversary" in profile


def test_han_names_between_full_width_commas_are_three_members(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """easy-rl's citation lists its authors `王琦，杨毅远，江季`: one author of that whole
    name, on no member's profile; the same list between ASCII commas was split."""
    site = lab_site(
        tmp_path / "lab",
        {
            "qi-wang": "name: Qi Wang\naliases: [王琦]\n",
            "ji-jiang": "name: Ji Jiang\naliases: [江季]\n",
        },
    )
    assert run_import(site, "bibtex", FIXTURES / "easy-rl-zh.bib") == 0
    assert "'王琦，杨毅远，江季' names several people between commas" in capsys.readouterr().out
    assert records_by_title(site)["Easy RL：强化学习教程"]["authors"] == ["王琦", "杨毅远", "江季"]
    assert main(["build", "--site", str(site)]) == 0
    for slug in ("qi-wang", "ji-jiang"):
        profile = (site / "output" / "authors" / slug / "index.html").read_text("utf-8")
        assert "强化学习教程" in profile, slug


def test_two_han_names_between_ascii_commas_stay_one_surname_first(tmp_path: Path) -> None:
    """Google Scholar's `陈, 其乐` is one name written surname first, not two people."""
    site = new_site(tmp_path / "site", "Qile Chen")
    bib = tmp_path / "scholar.bib"
    bib.write_text("@article{c,title={T},author={陈, 其乐},journal={J},year={2020}}\n", "utf-8")
    assert run_import(site, "bibtex", bib) == 0
    assert records_by_title(site)["T"]["authors"] == ["陈其乐"]


def test_the_list_of_authors_is_in_the_order_of_the_names_it_shows(tmp_path: Path) -> None:
    """The lab's root listed its members by file name: "Seyed Ali Nasseri"
    (`ali-nasseri.yaml`) among the A's, "Nguyễn Vũ" (`vu-nguyen.yaml`) among the V's."""
    site = lab_site(
        tmp_path / "lab",
        {
            "ali-nasseri": "name: Seyed Ali Nasseri\n",
            "vu-nguyen": "name: Nguyễn Vũ\n",
            "andreas-munk": "name: Andreas Munk\n",
            "adam-scibior": "name: Adam Ścibior\n",
            "william-harvey": "name: William Harvey\n",
        },
    )
    assert main(["build", "--site", str(site)]) == 0
    shown = listed(site)
    assert shown == [
        "Adam Ścibior",
        "Andreas Munk",
        "Nguyễn Vũ",
        "Seyed Ali Nasseri",
        "William Harvey",
    ]
    page = (site / "output" / "authors" / "index.html").read_text(encoding="utf-8")
    assert page.index("Nguyễn Vũ") < page.index("Seyed Ali Nasseri") < page.index("William")


def test_a_cname_in_static_is_said_to_reach_no_domain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `static/CNAME` as Hugo sites keep it (16EAGLE/blog's, its domain replaced), which
    Hugo publishes at the site's root: here it was published as `static/CNAME`, which
    GitHub Pages never reads, and the build said nothing."""
    site = lab_site(tmp_path / "lab", {"frank-wood": "name: Frank Wood\n"})
    shutil.copytree(FIXTURES / "hugo-static", site / "static")
    assert main(["build", "--site", str(site)]) == 0
    said = capsys.readouterr()
    assert "static/CNAME: is published as output/static/CNAME" in said.out + said.err
    assert "Custom domain" in said.out + said.err
    (site / "static" / "CNAME").unlink()
    (site / "static" / "logo.txt").write_text("x\n", encoding="utf-8")
    assert main(["build", "--site", str(site)]) == 0
    said = capsys.readouterr()
    assert "CNAME" not in said.out + said.err


def test_a_name_two_members_share_is_said_at_the_paper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two members of one lab with the alias `R. Brekelmans`, as plai-group's shared file
    writes its names: the paper was on both profiles and in both members' metrics, one of
    them wrongly, and the build said nothing."""
    brekelmans = "aliases: [R. Brekelmans]\n"
    site = lab_site(
        tmp_path / "lab",
        {
            "rob-brekelmans": "name: Rob Brekelmans\n" + brekelmans,
            "ruth-brekelmans": "name: Ruth Brekelmans\n" + brekelmans,
            "vaden-masrani": "name: Vaden Masrani\naliases: [V. Masrani]\n",
        },
    )
    assert run_import(site, "bibtex", FIXTURES / "plai-group-publications.bib") == 0
    capsys.readouterr()
    assert main(["build", "--site", str(site)]) == 0
    err = capsys.readouterr().err
    record = "content/papers/q-paths-generalizing-the-geometric-annealing-path-using.md"
    assert (
        f"{record}:3: `R. Brekelmans` is a name of Rob Brekelmans "
        "(content/authors/rob-brekelmans.yaml) and Ruth Brekelmans "
        "(content/authors/ruth-brekelmans.yaml): the paper is on each one's profile"
    ) in err
    assert "V. Masrani" not in err
    # Written as the one meant, the paper is theirs alone, without a word
    path = site / record
    path.write_text(
        path.read_text(encoding="utf-8").replace("- R. Brekelmans", "- Rob Brekelmans"), "utf-8"
    )
    assert main(["build", "--site", str(site)]) == 0
    assert "is a name of" not in capsys.readouterr().err
    ruth = (site / "output" / "authors" / "ruth-brekelmans" / "index.html").read_text("utf-8")
    assert "q-Paths" not in ruth


def test_a_shared_name_beside_a_full_one_is_the_other_member(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Qi Wang` and `Q. Wang` on one paper: Qi is named in full, so `Q. Wang` is Qian."""
    site = lab_site(
        tmp_path / "lab",
        {
            "qi-wang": "name: Qi Wang\naliases: [Q. Wang]\n",
            "qian-wang": "name: Qian Wang\naliases: [Q. Wang]\n",
        },
    )
    paper = site / "content" / "papers" / "two-wangs.md"
    paper.write_text(
        "---\ntitle: Two Wangs\nauthors: [Qi Wang, Q. Wang]\ndate: 2024\n---\n", "utf-8"
    )
    assert main(["build", "--site", str(site)]) == 0
    assert "is a name of" not in capsys.readouterr().err
