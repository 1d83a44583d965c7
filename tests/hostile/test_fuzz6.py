"""Hostile and odd input against the last round's import rules (fuzz6): correction and
retraction notices told by their titles, a preprint's server, the link names of a site's
own, through the real `authorsite import` and `authorsite build`.

No time is asserted (tests never do): an input meant to catch a pattern gone quadratic is
sized so that it would run for many minutes, which the suite's run does not survive.
"""

from __future__ import annotations

from pathlib import Path

from tests.ingest_support import new_site, read_papers, run_import, write_files


def test_a_hugo_link_named_by_a_long_run_of_digits_imports_quickly(tmp_path: Path) -> None:
    # Whether a link's name is ours with a number after it (`pdf2`) was read by a pattern
    # ending in `[0-9]*$`, tried from each digit of the run to its end: 30,000 digits took
    # 7 s of CPU, this many about ten minutes.
    name = "1" * 300_000 + "x"
    hugo = write_files(
        tmp_path / "hugo",
        {
            "content/publication/p1/index.md": (
                '---\ntitle: "On Engines"\nauthors:\n- Kaile Wang\ndate: "2020-01-01"\n'
                f'publication: "J"\nlinks:\n- name: "{name}"\n  url: https://example.org/x\n'
                "---\nBody.\n"
            )
        },
    )
    site = new_site(tmp_path / "site")
    assert run_import(site, "hugo", hugo) == 0
    [(_, record, _)] = read_papers(site)
    assert record["links"] == {name: "https://example.org/x"}
