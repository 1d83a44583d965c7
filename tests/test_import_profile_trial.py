"""The profile import tried on folders shaped like real sites people left half-edited.

Each folder here follows a public site's layout: an acad-homepage (one home page whose
sections follow the introduction), an al-folio fork that kept the template's
`You R. Name` and lists its social links, and a Hugo Blox site whose owner renamed
the example author but kept its links and biography.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.test_import_profile import PROFILES, author, built_profile, fresh, imported, words


def test_a_home_page_s_sections_stay_out_of_the_bio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = fresh(tmp_path)
    status, _, err = imported("academicpages", PROFILES / "acad-homepage", site, capsys)
    assert status == 0
    record = author(site)
    assert record["name"] == "Lin Qiao"
    assert record["bio"] == (
        "I am Lin Qiao, an undergraduate student at Beijing Jiaotong University, majoring in\n"
        "Computer Science. My research interests include large language models."
    )
    assert (
        "the bio is the page's introduction; its sections '🔥 News', '📝 Publications', "
        "'🎖 Honors and Awards', '📖 Educations' and 1 more are not imported"
    ) in err
    # the name is filled without a word against it
    assert "filled  name: 'Lin Qiao'" in err
    assert "left out" not in err
    text = words(built_profile(site, capsys))
    assert "majoring in Computer Science" in text
    assert "Honors and Awards" not in text and ".notice" not in text


def test_a_home_page_s_underlined_sections_stay_out_of_the_bio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """academicpages' own about page writes its sections as setext headings, a line
    underlined with `=` or `-` (`A data-driven personal website` / `======`): an owner
    who wrote their News in that style had it, underline and all, in the bio."""
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / "academicpages", folder)
    about = folder / "_pages" / "about.md"
    front = about.read_text(encoding="utf-8").split("---\n\n", 1)[0]
    about.write_text(
        front
        + "---\n\nAbout me\n========\n\nI study **multiple testing**.\n\n"
        + "- permutations\n---\n\n"  # a list, then a rule: no heading
        + "News\n======\n* 2024: a paper in *Biometrika*.\n\n"
        + "Teaching\n--------\nStatistics 101.\n",
        encoding="utf-8",
    )
    site = fresh(tmp_path)
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0, err
    assert author(site)["bio"] == "I study **multiple testing**.\n\n- permutations\n---"
    assert "its sections 'News', 'Teaching' are not imported" in err
    text = words(built_profile(site, capsys))
    assert "I study multiple testing" in text
    assert "Biometrika" not in text and "======" not in text and "About me" not in text


def test_an_al_folio_fork_s_owner_is_named_by_its_scholar_names_and_listed_socials(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = fresh(tmp_path)
    status, _, err = imported("alfolio", PROFILES / "alfolio-fork", site, capsys)
    assert status == 0, err
    record = author(site)
    # `You R. Name` is the template's; jekyll-scholar's names are the owner's
    assert record["name"] == "Tomas Hardwick"
    assert "(from _config.yml scholar.first_name/last_name)" in err
    # `_data/socials.yml` as a list of entries, not a mapping of keys
    assert record["links"] == {
        "linkedin": "https://www.linkedin.com/in/tomas-hardwick-example/",
    }
    assert record["email"] == "t.hardwick@durham.ac.uk"
    assert "item 3 '/assets/pdf/cv.pdf' is not imported" in err
    assert "Tomas Hardwick" in words(built_profile(site, capsys))


def test_hugo_blox_s_example_author_is_not_brought_across(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = fresh(tmp_path)
    status, _, err = imported("hugo", PROFILES / "hugo-example-left", site, capsys)
    assert status == 0, err
    record = author(site)
    assert record["name"] == "Chamika Perera"
    assert record["affiliation"] == "University of Moratuwa"
    # the example's accounts, its scholar profile and a bare LinkedIn home are no one's
    assert record["links"] == {"gitlab": "https://gitlab.com/chamika-perera"}
    # the page's own text, without Goldmark's attribute line; not the example's `bio:`
    assert record["bio"] == (
        "Chamika Perera builds scalable data systems at the University of Moratuwa."
    )
    text = words(built_profile(site, capsys))
    assert "GeorgeCushen" not in text and "text-align" not in text


def test_a_field_the_build_would_refuse_is_left_out_and_the_rest_comes_across(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "old"
    (folder / "_pages").mkdir(parents=True)
    (folder / "_config.yml").write_text(
        'author:\n  name: "Lin Qiao"\n  employer: "Beijing \u202eJiaotong University"\n'
        '  github: "linqiao"\n',
        encoding="utf-8",
    )
    site = fresh(tmp_path)
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0, err
    record = author(site)
    assert "affiliation" not in record
    assert record["links"] == {"github": "https://github.com/linqiao"}
    assert "not     affiliation: left out, `affiliation` has a right-to-left override" in err


def test_an_e_mail_link_written_as_the_bare_address_is_the_email(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "old"
    (folder / "data" / "authors").mkdir(parents=True)
    (folder / "data" / "authors" / "me.yaml").write_text(
        'schema: "hugoblox/author/v"\nslug: "me"\nis_owner: true\n'
        'name:\n  display: "Alexandre Amice"\n'
        'links:\n  - icon: "at-symbol"\n    url: "amice@mit.edu"\n    label: "E-mail Me"\n'
        '  - icon: "brands/github"\n    url: "https://github.com/AlexandreAmice"\n',
        encoding="utf-8",
    )
    site = fresh(tmp_path)
    status, _, err = imported("hugo", folder, site, capsys)
    assert status == 0, err
    record = author(site)
    assert record["email"] == "amice@mit.edu"
    assert record["links"] == {"github": "https://github.com/AlexandreAmice"}
    assert "not imported" not in err


def test_a_profile_file_its_own_tool_would_refuse_leaves_the_papers_to_come(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A real Hugo author file: an award's title with an unquoted `: ` is no YAML.
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / "hugo-blox", folder)
    me = folder / "data" / "authors" / "me.yaml"
    me.write_text(
        me.read_text(encoding="utf-8") + "awards:\n  - title: Neuromatch Academy: Deep Learning\n",
        encoding="utf-8",
    )
    site = fresh(tmp_path)
    before = author(site)
    status, out, err = imported("hugo", folder, site, capsys)
    assert status == 0, err
    line = me.read_text(encoding="utf-8").count("\n")  # the last line, the award's
    assert f"note: {me}:{line}: " in out
    assert "the profile was not imported (fix this and import again to fill it)" in out
    assert author(site) == before  # nothing of a profile that could not be read
    titles = [p.read_text(encoding="utf-8") for p in (site / "content" / "papers").glob("*.md")]
    assert sum("diffusion" in t.lower() for t in titles) == 1  # the papers came


def test_a_broken_profile_file_is_said_with_the_papers_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "old"
    (folder / "data" / "authors").mkdir(parents=True)
    (folder / "data" / "authors" / "me.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    site = fresh(tmp_path)
    status, _, err = imported("hugo", folder, site, capsys)
    assert status == 1
    assert f"{folder}: no content/publication/*/index.md here" in err
    assert f"{folder / 'data' / 'authors' / 'me.yaml'}:" in err  # every problem in one run


ABOUT_LIQUID = """I work on graph networks for materials. {% include figure.liquid loading="eager"
   path="assets/img/lab.jpg" class="img-fluid" %}
I lead the {{ site.title }} group.
{% if site.hiring %}
We are hiring {%- if site.phd -%} PhD students{% else %}postdocs{% endif %}.
{% endif %}
{% for item in site.data.news %}
* {{ item.title }}
{% endfor %}
See my [group page](https://ml.cs.uni.example.edu).
"""


def test_liquid_in_an_alfolio_about_page_leaves_the_bio_with_a_note_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tag over two lines stayed in the bio as text; `{% if %}…{% else %}…{% endif %}`
    gave both branches run together ("PhD studentspostdocs"); a loop's `* ` was a list
    item with nothing in it; `{{ site.title }}` showed al-folio's `blank`; and nothing
    said what was left out."""
    folder = tmp_path / "old"
    shutil.copytree(PROFILES / "alfolio", folder)
    about = folder / "_pages" / "about.md"
    front = about.read_text("utf-8").split("\n---\n", 1)[0]
    about.write_text(front + "\n---\n\n" + ABOUT_LIQUID, "utf-8")
    first = front.count("\n") + 4  # the line of the text's first line
    config = folder / "_config.yml"
    config.write_text(re.sub(r"(?m)^title:.*$", "title: blank", config.read_text("utf-8")), "utf-8")
    site = fresh(tmp_path)
    status, _, err = imported("alfolio", folder, site, capsys)
    assert status == 0
    assert author(site)["bio"] == (
        "I work on graph networks for materials. I lead the Mei L. Okafor group.\n\n"
        "We are hiring PhD students.\n\n"
        "See my [group page](https://ml.cs.uni.example.edu)."
    )
    said = [line.strip() for line in err.splitlines() if "Liquid left out" in line]
    intro = "Liquid left out of the bio (Jekyll's template code, which this site does not run):"
    assert said == [
        f'note    {about}:{first}: {intro} `{{% include figure.liquid loading="eager" '
        'path="ass … %}`',
        f"note    {about}:{first + 4}: {intro} `{{% else %}}` and the text after it",
        f"note    {about}:{first + 6}: {intro} `{{% for item in site.data.news %}}` and the "
        "text after it",
    ]
