"""Hostile and odd input against the last round's lab groups, imports and base_url rules
(fuzz7), through the real `authorsite build` and `authorsite import`.

No time is asserted (tests never do): an input meant to catch a pattern gone quadratic is
sized so that it would run for many minutes, which the suite's run does not survive.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from tests.hostile.harness import write_site
from tests.ingest_support import new_site, records_by_title, run_import, write_files


def test_a_lab_of_thousands_of_groups_builds_with_its_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The near-miss search of group_warnings compared every author's group with every
    # group of `author_groups` (difflib, a quarter of a millisecond a pair): 500 groups
    # were 30 s of every build, these 200 authors beside 25,000 named groups many minutes.
    named = [f"Cohort of the year {i:05d}" for i in range(25_000)]
    files = {
        "site.yaml": "title: Lab\nbase_url: /\nauthor_groups: " + json.dumps(named) + "\n",
        "content/papers/p.md": "---\ntitle: A paper\nauthors: [Person 0]\ndate: 2024\n---\n",
    }
    for i in range(200):
        files[f"content/authors/a{i}.yaml"] = f"name: Person {i}\ngroup: Cohort of year {i:05d}x\n"
    site = write_site(tmp_path / "site", files)
    assert main(["build", "--site", str(site)]) == 0
    err = capsys.readouterr().err
    # one line for the 25,000 groups no author is in, not 25,000 lines
    assert (
        "site.yaml:3: `author_groups` names 25000 groups that no author is in: "
        "`Cohort of the year 00000`, `Cohort of the year 00001`," in err
    )
    assert "and 24995 more; give authors those groups" in err
    assert err.count("`author_groups` names") == 1
    page = (site / "output" / "authors" / "index.html").read_text(encoding="utf-8")
    assert "<h3>Cohort of year 00199x</h3>" in page


def test_a_company_after_a_name_written_surname_first_is_left_out_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The note said `(Google)` was left out of the names, and the card showed
    # "Charles (Google) Babbage": the words were put back between the name's parts.
    site = write_files(
        new_site(tmp_path / "site", "Ada Lovelace"),
        {
            "p.bib": "@article{a, title={Engines}, journal={J}, year={2022}, author="
            "{Lovelace, Ada and Babbage, Charles (Google) and Somerville, Mary (DeepMind UK)}}\n"
        },
    )
    assert run_import(site, "bibtex", site / "p.bib") == 0
    assert records_by_title(site)["Engines"]["authors"] == [
        "Ada Lovelace",
        "Charles Babbage",
        "Mary Somerville",
    ]
    assert "'Babbage, Charles' (Google)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("typed", "pages"),
    [
        ("https://github.com/ada/engines.git", "https://ada.github.io/engines/"),
        ("https://github.com/Ada/Ada.GitHub.io.git", "https://ada.github.io/"),
    ],
)
def test_a_clone_address_as_base_url_names_the_pages_address_without_git(
    tmp_path: Path, typed: str, pages: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # The clone address is the one a newcomer copies; the address told to write instead
    # kept its `.git` (https://ada.github.io/engines.git/), a page GitHub does not serve.
    site = new_site(tmp_path / "site", "Ada Lovelace")
    config = site / "site.yaml"
    config.write_text(config.read_text("utf-8").replace("base_url: /", f"base_url: {typed}"))
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"write the site's GitHub Pages address, {pages}, or its custom domain" in err
    assert "Traceback" not in err
    assert not (site / "output").exists()


def test_an_empty_group_is_no_group(tmp_path: Path) -> None:
    # `group: ""` (a template's line left empty) was a group of its own: its author was
    # listed after every named group, in a second list without a heading.
    site = write_site(
        tmp_path / "site",
        {
            "site.yaml": "title: Lab\nbase_url: /\nauthor_groups: [Faculty]\n",
            "content/authors/zoe.yaml": "name: Zoe Adams\ngroup: Faculty\n",
            "content/authors/amy.yaml": "name: Amy Brown\ngroup: ''\n",
            "content/authors/bea.yaml": "name: Bea Evans\ngroup: '  '\n",
            "content/authors/carl.yaml": "name: Carl Dunn\n",
            "content/papers/p.md": "---\ntitle: A paper\nauthors: [Zoe Adams]\ndate: 2024\n---\n",
        },
    )
    assert main(["build", "--site", str(site)]) == 0
    page = (site / "output" / "authors" / "index.html").read_text(encoding="utf-8")
    assert page.count('<ul class="author-list">') == 2
    ungrouped, faculty = page.split("<h3>Faculty</h3>")
    assert all(name in ungrouped for name in ("Amy Brown", "Bea Evans", "Carl Dunn"))
    assert "Zoe Adams" in faculty
