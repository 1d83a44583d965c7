"""YAML's other collection tags in a record: refused where text is expected, never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.harness import run_build, write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\nmain_author: ada\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n"}  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value"),
    [("authors", "!!omap [Ada Lovelace: 1]"), ("tags", "!!pairs [a: 1, b: 2]")],
)
def test_an_ordered_map_where_names_belong_is_a_located_problem(
    field: str, value: str, tmp_path: Path
) -> None:
    """`!!omap` and `!!pairs` make (name, value) pairs: shown as "('a', 1)" on every page."""
    fields = {"title": "A Paper", "authors": "[Ada Lovelace]", "date": "2024-05-01", field: value}
    paper = "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items()) + "---\nAbstract.\n"
    site = write_site(tmp_path / "site", {**SITE, "content/papers/one.md": paper})
    built = run_build(site)
    assert built.status == 1, built.stderr
    [problem] = built.problems()
    line = str(list(fields).index(field) + 2)
    assert (problem["path"], problem["line"]) == ("content/papers/one.md", line)
    assert problem["message"] == f"an entry of `{field}` must be text, not a pair (`name: value`)"
    assert not built.out.exists()


def test_every_problem_of_the_metrics_list_is_said_in_one_run(tmp_path: Path) -> None:
    """An entry that is no text hid the unknown names beside it until it was fixed."""
    site_yaml = "title: T\nbuild_date: 2026-11-28\nmetrics: [papers, hindex, [x], papers]\n"
    site = write_site(tmp_path / "site", {**SITE, "site.yaml": site_yaml})
    built = run_build(site)
    assert built.status == 1, built.stderr
    assert sorted(p["message"] for p in built.problems()) == [
        "an entry of `metrics` must be text, not a list",
        "metric 'papers' is listed twice; keep one",
        "unknown metric 'hindex'; did you mean `h_index`? choose from h_index, papers, "
        "citations, i10_index, novelty, score",
    ]
