"""Real researchers' old sites moved to authorsite (trial 3): the shapes their files had.

Each test writes a small folder modelled on one public site, named in its docstring: a
few lines reduced from its files, the people's own names kept where the case turns on them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import records_by_title as records
from tests.test_import_profile import author, built_profile, fresh, imported, words


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def _paper(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    files: dict[str, str],
    owner: str | None,
    title: str,
) -> dict[str, object]:
    """The record of ``title`` after importing ``files`` (an old site's folder) into a
    new site of ``owner``."""
    site = fresh(tmp_path, owner)
    status, _, err = imported(kind, _write(tmp_path / "old", files), site, capsys)
    assert status == 0, err
    return records(site)[title]


# AFAgarap.github.io (academicpages): no `citation:` in the front matter; the older
# generator wrote it into the body, under the "Download paper here" link.
_BODY_CITED = """---
title: "Improving k-Means Clustering Performance with Disentangled Internal Representations"
collection: publications
date: 2020-07-20
venue: "International Joint Conference on Neural Networks (IJCNN)"
paperurl: "https://arxiv.org/abs/2006.04535"
---

**Abstract:** Deep clustering algorithms combine representation learning and clustering.

[Download paper here](https://arxiv.org/pdf/2006.04535.pdf)


Recommended citation: Agarap, A. F., & Azcarraga, A. P. (2020). Improving k-Means Clustering \
Performance with Disentangled Internal Representations. arXiv preprint arXiv:2006.04535.
"""


def test_a_citation_written_in_the_body_names_the_authors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """AFAgarap.github.io's pages have no `citation:` key, only the body's "Recommended
    citation: Agarap, A. F., & Azcarraga, A. P. (2020). …": every page was refused, "has
    no authors", and with them the whole import, the names right there on the page."""
    paper = _paper(
        tmp_path,
        capsys,
        "academicpages",
        {"_publications/2020-07-19-clustering-ae.md": _BODY_CITED},
        "Abien Fred Agarap",
        "Improving k-Means Clustering Performance with Disentangled Internal Representations",
    )
    assert paper["authors"] == ["A. F. Agarap", "A. P. Azcarraga"]
    # the citation is still no part of the abstract
    assert paper["abstract"] == (
        "Deep clustering algorithms combine representation learning and clustering."
    )


def test_a_conference_paper_s_apa_date_ends_the_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """AFAgarap.github.io's IALP paper is cited as Google Scholar's APA cites every
    conference paper, the month after the year: `Regalado, R. V., …, & Cheng, C. (2018,
    November). Use of Word …`. The names ran on into the date: its last authors were
    "Cheng", "C. (2018" and "November)"."""
    page = """---
title: "Use of Word and Character N-Grams for Low-Resourced Local Languages"
date: 2018-11-15
venue: "IEEE International Conference on Asian Language Processing (IALP) 2018"
citation: "Regalado, R. V., Agarap, A. F., Baliber, R. I., Yambao, A., & Cheng, C. (2018, \
November). Use of Word and Character N-Grams for Low-Resourced Local Languages. In 2018 \
International Conference on Asian Language Processing (IALP) (pp. 250-254). IEEE."
---
Language identification is a text classification task.
"""
    folder = _write(tmp_path / "old", {"_publications/2018-11-15-ph-lang.md": page})
    site = fresh(tmp_path, "Abien Fred Agarap")
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0, err
    paper = records(site)["Use of Word and Character N-Grams for Low-Resourced Local Languages"]
    assert paper["authors"] == [
        "R. V. Regalado",
        "A. F. Agarap",
        "R. I. Baliber",
        "A. Yambao",
        "C. Cheng",
    ]
    # the year in that date is the citation's year: a page left with the template's
    # date is named against it
    (folder / "_publications/2018-11-15-ph-lang.md").write_text(
        page.replace("date: 2018-11-15", "date: 2015-10-01"), encoding="utf-8"
    )
    assert (
        imported("academicpages", folder, fresh(tmp_path / "again"), capsys)[1].count(
            "dated 2015-10-01, but its citation says (2018)"
        )
        == 1
    )


def test_a_family_name_alone_is_named_as_perhaps_the_owner_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """aarondavidschneider.github.io cites its papers as astronomers do, `Schneider et
    al. (2022)`, `Schneider & Bitsch (2021)`: the records list `Schneider`, which is no
    spelling the site knew, so the built profile gave "Frequent co-authors: Schneider 2",
    the owner his own co-author, and neither the import nor the build said why."""
    page = "---\ntitle: {title}\ndate: {year}-02-21\ncitation: {cited}\n---\nText.\n"
    folder = _write(
        tmp_path / "old",
        {
            "_publications/2022-02-expeRTI.md": page.format(
                title="Exploring the deep atmospheres of HD 209458b and WASP-43b",
                year=2022,
                cited="Schneider et al. (2022)",
            ),
            "_publications/2021-09-chemcompII.md": page.format(
                title="How drifting and evaporating pebbles shape giant planets II",
                year=2021,
                cited="Schneider & Bitsch (2021)",
            ),
        },
    )
    site = fresh(tmp_path, "Aaron David Schneider")
    (site / "content" / "papers" / "example-paper.md").unlink()
    status, out, err = imported("academicpages", folder, site, capsys)
    assert status == 0, err
    record = "content/authors/aaron-david-schneider.yaml"
    assert (
        f"note: 'Schneider' (2 works) may be Aaron David Schneider: if so, add it to aliases "
        f"in {record}, so that those papers show as theirs"
    ) in out
    assert main(["build", "--site", str(site)]) == 0
    assert (
        "`Schneider` (and 1 more papers) may be Aaron David Schneider, whose record does not "
        f"list that spelling, so the name shows as a co-author's and not as theirs; if it is "
        f"theirs, add `Schneider` to aliases in {record}"
    ) in capsys.readouterr().err
    # the advice taken, he is no co-author of his own
    path = site / record
    text = path.read_text(encoding="utf-8").replace("aliases: []", "aliases: [Schneider]")
    path.write_text(text, encoding="utf-8")
    shown = words(built_profile(site, capsys))
    assert "Frequent co-authors Bitsch 1" in shown
    assert "Schneider 2" not in shown


def test_a_linked_logo_in_the_bio_leaves_its_words_not_an_empty_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """aarondavidschneider.github.io's about page ends with its funders' logos, each an
    `<a href><img alt></a>`: the pictures went and the links stayed, `[](https://…)`, a
    link of no words on the page (seen by no one, read out by a screen reader as its
    address), and no note named the pictures."""
    about = (
        "---\npermalink: /\ntitle: About me\n---\n\n"
        "I am a PhD candidate trying to connect the atmosphere and the interior of planets.\n\n"
        '<a href="https://chameleon.wp.st-andrews.ac.uk"><img src="images/Chameleon.jpg" '
        'alt="CHAMELEON" height="150"/></a>\n'
        '<a href="https://ec.europa.eu/"><img src="images/EU.jpg" alt="EU" height="100"/></a>\n'
        '<a href="https://www.ku.dk"><img src="images/UCPH.jpg"/></a>\n'
        '[<img src="images/MPIA.jpg" alt="MPIA"/>](https://www.mpia.de)\n'
        '<img src="images/KULeuven.png" alt="KU Leuven"/>\n'
    )
    folder = _write(
        tmp_path / "old",
        {"_config.yml": 'author:\n  name: "Aaron Schneider"\n', "_pages/about.md": about},
    )
    site = fresh(tmp_path, "Aaron David Schneider")
    status, _, err = imported("academicpages", folder, site, capsys)
    assert status == 0, err
    assert author(site)["bio"] == (
        "I am a PhD candidate trying to connect the atmosphere and the interior of planets.\n\n"
        "[CHAMELEON](https://chameleon.wp.st-andrews.ac.uk) [EU](https://ec.europa.eu/)\n"
        "[MPIA](https://www.mpia.de)"  # one paragraph, as the page showed one row: no blank
    )  # line where the logo with no `alt` was
    assert (
        "the bio's links or pictures to 'images/Chameleon.jpg', 'images/EU.jpg', "
        "'images/UCPH.jpg' and 3 more are kept as text only"
    ) in err
    assert not re.search(r"<a\b[^<>]*>\s*</a>", built_profile(site, capsys))


# JJguri/cv (Hugo Academic): the owner's display name carries his nickname, and the
# papers list him as Vancouver does, `Ojeda JJ`.
_OJEDA = {
    "content/authors/admin/_index.md": (
        "---\nname: Jonathan Ojeda (Jony)\nauthors:\n- admin\nsuperuser: true\n"
        "role: Crop Ecophysiologist\n---\n\nJonathan (Jony) is a Data Scientist by nature.\n"
    ),
    "content/publication/journal-article-20/index.md": (
        '---\ntitle: "Investigating the effects of APSIM model configuration on model '
        'outputs across different environments"\nauthors:\n- Chapagain R\n- Huth N\n'
        '- Ojeda JJ\ndate: "2023-07-08T00:00:00Z"\npublication: "Ecological Modelling"\n'
        "projects:\n- []\nslides: example\n---\n"
    ),
}


def test_a_nickname_in_the_owner_s_name_is_left_out_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JJguri/cv's `name: Jonathan Ojeda (Jony)` became the record's name: it matched no
    paper (they list `Ojeda JJ`, J. J. Ojeda), so no note said that spelling may be his,
    every paper was said to name none of the site's authors, and the profile listed him
    as his own most frequent co-author under the heading `Jonathan Ojeda (Jony)`."""
    site = fresh(tmp_path)
    status, out, err = imported("hugo", _write(tmp_path / "old", _OJEDA), site, capsys)
    assert status == 0, err
    assert author(site)["name"] == "Jonathan Ojeda"
    assert (
        "content/authors/admin/_index.md name: '(Jony)' left out of the name 'Jonathan "
        "Ojeda (Jony)': author lists write the name without it"
    ) in err
    assert (
        "note: 'J. J. Ojeda' (1 work) may be Jonathan Ojeda: if so, add it to aliases in "
        "content/authors/your-name.yaml"
    ) in out
    assert "name none of the site's authors" not in out


def test_an_empty_project_item_is_no_page_of_the_old_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JJguri/cv's pages keep the sample's `projects:` with `- []` under it: the import
    said `projects [] (/project/[]/) links to a page of the old Hugo site`, a page that
    never was, and told the owner to add its new address."""
    site = fresh(tmp_path)
    status, out, err = imported("hugo", _write(tmp_path / "old", _OJEDA), site, capsys)
    assert status == 0, err
    assert "/project/" not in out + err


def test_code_marks_around_a_co_author_s_family_name_are_no_part_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """zytadam.github.io (Hugo Blox) once listed `Stephanie \\`Wang\\`` and `Mikhail
    \\`Bessmeltsev\\``: the backticks were kept in the names, and every card and paper page
    showed "Stephanie `Wang`"."""
    page = (
        "---\ntitle: 'Variational Neural Surfacing of 3D Sketches'\nauthors:\n  - me\n"
        "  - Stephanie `Wang`\n  - Mikhail `Bessmeltsev`\ndate: '2025-12-15T00:00:00Z'\n"
        "publication: In SIGGRAPH ASIA 2025\n---\n"
    )
    me = "is_owner: true\nname:\n  display: Yutao Zhang\n"
    files = {"content/publications/VNS/index.md": page, "data/authors/me.yaml": me}
    title = "Variational Neural Surfacing of 3D Sketches"
    paper = _paper(tmp_path, capsys, "hugo", files, None, title)
    assert paper["authors"] == ["Yutao Zhang", "Stephanie Wang", "Mikhail Bessmeltsev"]


# 501Good.github.io (al-folio, Kirill Milintsevich): papers.bib, and the Google Scholar
# counts its update_citations workflow keeps in _data/citations.yml, which its badges show.
_MILINTSEVICH = {
    "_bibliography/papers.bib": (
        "---\n---\n@article{milintsevich2023towards,\n"
        "  google_scholar_id = {zYLM7Y9cAGgC},\n  selected = {true},\n"
        "  title = {Towards automatic text-based estimation of depression through symptom "
        "prediction},\n  author = {Milintsevich, Kirill and Sirts, Kairit and Dias, "
        'Ga{\\"e}l},\n  journal = {Brain Informatics},\n  year = {2023}\n}\n\n'
        "@inproceedings{ponomareva-etal-2017-automated,\n"
        "  title = {Automated Word Stress Detection in {R}ussian},\n"
        "  author = {Ponomareva, Maria and Milintsevich, Kirill},\n"
        "  booktitle = {Proceedings of the First Workshop on Subword and Character Level "
        "Models in {NLP}},\n  year = {2017}\n}\n\n"
        "@phdthesis{milintsevich2024estimation,\n  title = {Estimation of Depression Level "
        "from Text},\n  author = {Milintsevich, Kirill},\n  school = {Normandie Universit{\\'e}},"
        "\n  year = {2024}\n}\n"
    ),
    "_data/citations.yml": (
        "metadata:\n  last_updated: '2026-02-27'\npapers:\n"
        "  BQNVCjYAAAAJ:u5HHmVD_uO8C:\n    citations: 16\n"
        "    title: Automated word stress detection in russian\n    year: '2017'\n"
        "  BQNVCjYAAAAJ:zYLM7Y9cAGgC:\n    citations: 62\n    title: Towards automatic "
        "text-based estimation of depression through symptom prediction\n    year: '2023'\n"
    ),
    "_config.yml": (
        "first_name: You\nmiddle_name: R.\nlast_name: Name\n"
        "inspirehep_id: 1010907 # Inspire HEP author ID\n"
    ),
    "_data/socials.yml": "email: me@milintsevich.com\nscholar_userid: BQNVCjYAAAAJ\n",
}


def test_al_folio_s_scholar_counts_come_with_the_papers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """501Good.github.io shows each paper's Google Scholar count (62 for its Brain
    Informatics paper), kept in _data/citations.yml: the import left the file unread, and
    the new profile showed no citations and no h-index."""
    site = fresh(tmp_path, "Kirill Milintsevich")
    status, _, err = imported("alfolio", _write(tmp_path / "old", _MILINTSEVICH), site, capsys)
    assert status == 0, err
    found = records(site)
    towards = found["Towards automatic text-based estimation of depression through symptom "
                    "prediction"]  # fmt: skip
    assert (towards["citations"], towards["citations_source"]) == (62, "Google Scholar")
    assert str(towards["citations_date"]) == "2026-02-27"
    # Scholar's title in small letters is the same paper's
    assert found["Automated Word Stress Detection in Russian"]["citations"] == 16
    # a paper Scholar does not list has no count, not 0
    assert "citations" not in found["Estimation of Depression Level from Text"]
    shown = words(built_profile(site, capsys))
    assert "78 citations" in shown
    assert "citation counts as of 2026-02-27, from Google Scholar" in shown


def test_al_folio_s_sample_inspire_id_is_not_the_owner_s_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """501Good.github.io's _config.yml keeps the template's `inspirehep_id: 1010907`
    (Albert Einstein's INSPIRE profile): the owner's profile linked it as theirs."""
    site = fresh(tmp_path, "Kirill Milintsevich")
    status, _, err = imported("alfolio", _write(tmp_path / "old", _MILINTSEVICH), site, capsys)
    assert status == 0, err
    assert "inspirehep" not in str(author(site).get("links"))
    assert author(site)["email"] == "me@milintsevich.com"  # the profile was read


def test_the_old_site_s_talks_are_said_to_be_left_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """aarondavidschneider.github.io lists its posters and talks in _talks/ (Exoplanets 3,
    Exoplanets 4): the import read _publications/ alone and left them behind without a
    word; the template's own sample talks are no loss to name."""
    talk = (
        '---\ntitle: "Chemical composition of exoplanetary atmospheres"\ncollection: talks\n'
        'type: "Talk"\nvenue: "Exoplanets 3"\ndate: 2020-07-30\nlocation: "Heidelberg"\n---\n'
    )
    folder = _write(
        tmp_path / "old",
        {
            "_publications/2021-09-chemcompII.md": (
                "---\ntitle: How drifting and evaporating pebbles shape giant planets II\n"
                "date: 2021-09-08\ncitation: Schneider & Bitsch (2021)\n---\n"
            ),
            "_talks/2020-07-30-exo3.md": talk,
            "_talks/2012-03-01-talk-1.md": talk.replace("Chemical", "Talk 1 on"),
        },
    )
    site = fresh(tmp_path, "Aaron David Schneider")
    status, out, err = imported("academicpages", folder, site, capsys)
    assert status == 0, err
    assert (
        f"note: {folder / '_talks'}: 1 talk (2020-07-30-exo3.md) not imported: the site "
        "lists papers; to keep them, write a page of your own that lists them "
        '(content/pages/talks.md: see "A page of your own")'
    ) in out


# abdulbasitmirza.github.io (academicpages with another layout's keys): keys commented out
# with Markdown's comment idiom inside the front matter, and the BibTeX written for the
# page to show, an HTML line break before each field.
_MIRZA = """---
layout: 'publication'
title: "Noise Immune Cascaded Gate Driver Solution for Driving High Speed GaN Power Devices"
collection: publications
date: 2021-11-16
venue: '2021 IEEE Energy Conversion Congress and Exposition (ECCE)'
authors: '<strong>Abdul Basit Mirza</strong>, Asif Imran Emon and <a href="https://example.org/luo">Fang Luo</a>'
[//]: # (codeurl: 'https://github.com/Lifelong-ML/ELIRL.git')
[comment]: <> (videourl: 'https://youtu.be/Of5OyuOrePw')
abstract: 'GaN HEMTs permit fast switching, leading to high dV/dt being generated across them.'
bibtex: '@INPROCEEDINGS{MirzaECCEGD2021,
<br> author={Mirza, Abdul Basit and Emon, Asif Imran and Luo, Fang},
<br> booktitle={2021 IEEE Energy Conversion Congress and Exposition (ECCE)},
<br> title={Noise Immune Cascaded Gate Driver Solution for Driving High Speed GaN Power Devices},
<br> year={2021},
<br> pages={5366-5371},
<br> doi={10.1109/ECCE47101.2021.9595515}
<br>}'
---
"""


_MIRZA_TITLE = "Noise Immune Cascaded Gate Driver Solution for Driving High Speed GaN Power Devices"


def test_a_markdown_comment_in_the_front_matter_is_a_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """abdulbasitmirza.github.io comments out its pages' `codeurl:` and `videourl:` as
    `[//]: # (codeurl: …)`, which Jekyll reads as a key of no use: every page was refused
    ("this key is a list or a mapping … write the field's name"), and the whole import."""
    paper = _paper(
        tmp_path,
        capsys,
        "academicpages",
        {"_publications/ECCE_2021_GD.md": _MIRZA},
        "Abdul Basit Mirza",
        _MIRZA_TITLE,
    )
    assert paper["authors"] == ["Abdul Basit Mirza", "Asif Imran Emon", "Fang Luo"]
    assert "github.com/Lifelong-ML" not in str(paper.get("links"))  # commented out, as it was


def test_html_line_breaks_in_a_page_s_bibtex_are_line_breaks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """abdulbasitmirza.github.io writes each page's BibTeX with `<br>` before every field,
    for its layout to show it on lines: the entry was refused ("its value is followed by
    '<br>'") and the record had no DOI, no pages and no cite.bib."""
    folder = _write(tmp_path / "old", {"_publications/ECCE_2021_GD.md": _MIRZA})
    site = fresh(tmp_path, "Abdul Basit Mirza")
    status, out, err = imported("academicpages", folder, site, capsys)
    assert status == 0, err
    assert "<br>" not in out
    paper = records(site)[_MIRZA_TITLE]
    assert paper["doi"] == "10.1109/ECCE47101.2021.9595515"
    assert paper["pages"] == "5366–5371"
    assert "<br>" not in str(paper["bibtex"])


def test_names_and_a_link_in_the_body_are_the_page_s_authors_and_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A-Kerim/me (academicpages) writes each paper's authors as its body's first line,
    `**Abdulrahman Kerim**, Felipe Chamone, …`, with no citation: every page was refused
    ("has no authors"), and with them the whole import. Its `paperurl:` is in the body
    too, below the front matter: the PDF was no link, and "paperurl:" ended the abstract."""
    page = (
        '---\ntitle: "Semantic Segmentation under Adverse Conditions"\n'
        "date: 2022-11-21\nvenue: 'The British Machine Vision Conference (BMVC)'\n---\n"
        "**Abdulrahman Kerim**, Felipe Chamone, Washington Ramos, Leandro Soriano Marcolino, "
        "Erickson R Nascimento, Richard Jiang\n\n"
        "Recent semantic segmentation models perform well under standard weather conditions.\n"
        "\npaperurl: [https://bmvc2022.mpi-inf.mpg.de/0977.pdf]"
        "(https://bmvc2022.mpi-inf.mpg.de/0977.pdf)\n"
    )
    paper = _paper(
        tmp_path,
        capsys,
        "academicpages",
        {"_publications/BMVC_2022.md": page},
        "Abdulrahman Kerim",
        "Semantic Segmentation under Adverse Conditions",
    )
    assert paper["authors"] == [
        "Abdulrahman Kerim",
        "Felipe Chamone",
        "Washington Ramos",
        "Leandro Soriano Marcolino",
        "Erickson R Nascimento",
        "Richard Jiang",
    ]
    # the page's link, written in the body (`paperurl: […](…)`), is its link; neither it
    # nor the names are a part of the abstract
    assert paper["links"] == {"pdf": "https://bmvc2022.mpi-inf.mpg.de/0977.pdf"}
    assert paper["abstract"] == (
        "Recent semantic segmentation models perform well under standard weather conditions."
    )
