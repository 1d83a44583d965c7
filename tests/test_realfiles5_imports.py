"""Imports of files as researchers' sites and their tools wrote them (realfiles5).

Each fixture under tests/fixtures/ingest/realfiles5/ is a trimmed copy of a public file,
named in its first lines and in SOURCES.md there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import (
    bib_site,
    built_page,
    new_site,
    read_papers,
    records_by_title,
    run_import,
    write_files,
)

FIXTURES = INGEST / "realfiles5"


def hugo_record(tmp_path: Path, page: str, owner: str = "Ann Lee") -> dict[str, Any]:
    """The one record a Hugo site of one publication page (its text ``page``) gives a new
    site of ``owner``'s."""
    write_files(tmp_path / "old", {"content/publication/p/index.md": page})
    site = new_site(tmp_path / "site", owner)
    assert run_import(site, "hugo", tmp_path / "old") == 0
    (record,) = records_by_title(site).values()
    return record


def test_mendeleys_month_in_number_is_the_date_not_the_issue(tmp_path: Path) -> None:
    # gumuxiansheng/MikeGithubPages keeps Mendeley's entry of an Energy Policy paper,
    # whose issue month Mendeley writes as `number = {April}`: the page read "Energy
    # Policy 107(April), 258–277" and the paper was dated 2017 alone.
    site = new_site(tmp_path, "Evgenii Monastyrenko")
    assert run_import(site, "bibtex", FIXTURES / "mendeley-month-number.bib") == 0
    title = (
        "Eco-efficiency outcomes of mergers and acquisitions in the European electricity industry"
    )
    record = records_by_title(site)[title]
    assert (record["date"], record["volume"], record["pages"]) == ("2017-04", 107, "258–277")
    assert "issue" not in record
    assert main(["build", "--site", str(site)]) == 0
    assert "April" not in built_page(site, title).split("<h1", 1)[1].split("</dl>", 1)[0]


@pytest.mark.parametrize(
    ("fields", "date", "issue"),
    [
        ("number = {Apr.},", "2017-04", None),
        ("number = {April},\n  month = {may},", "2017-05", None),
        ("number = {4},", "2017", 4),
        ("number = {Spring},", "2017", "Spring"),
    ],
)
def test_a_month_as_number_only(tmp_path: Path, fields: str, date: str, issue: object) -> None:
    # a month field says the month; an issue of digits or a season stays the issue
    entry = (
        "@article{a,\n  title = {A Study},\n  author = {Lee, Ann},\n  journal = {J},\n"
        f"  {fields}\n  year = {{2017}}\n}}\n"
    )
    site, _ = bib_site(tmp_path, "Ann Lee", entry)
    record = records_by_title(site)["A Study"]
    assert (str(record["date"]), record.get("issue")) == (date, issue)


def test_springers_doi_key_is_the_papers_doi(tmp_path: Path) -> None:
    # hooman007/ProtoASNet's README gives SpringerLink's entry keyed by its DOI
    # (`@InProceedings{10.1007/978-3-031-43987-2_36,`) with no `doi` field: the record
    # had no DOI and its page no DOI link.
    site = new_site(tmp_path, "Hooman Vaseli")
    assert run_import(site, "bibtex", FIXTURES / "springer-quoted-fields.bib") == 0
    (record,) = records_by_title(site).values()
    assert record["doi"] == "10.1007/978-3-031-43987-2_36"
    assert (
        record["venue"]
        == "Medical Image Computing and Computer Assisted Intervention – MICCAI 2023"
    )


def test_a_key_that_is_no_doi_gives_none(tmp_path: Path) -> None:
    entry = "@article{lee10.1,\n  title = {A Study},\n  author = {Lee, Ann},\n  year = {2017}\n}\n"
    site, _ = bib_site(tmp_path, "Ann Lee", entry)
    assert "doi" not in records_by_title(site)["A Study"]


def test_an_academicpages_fork_that_types_its_pages_and_cites_the_doi(tmp_path: Path) -> None:
    # LucasMonaldi/lucasmonaldi.github.io groups its publications by `type: journal`
    # (the records had no type), ends its APA citations with the DOI's address (the
    # record had no DOI), writes a trademark as `OpenFOAM<sup>TM</sup>` (the title read
    # "OpenFOAMTM") and keeps one page twice, with and without `.md`.
    site = new_site(tmp_path, "Lucas Monaldi")
    assert run_import(site, "academicpages", FIXTURES / "academicpages-spanish") == 0
    records = records_by_title(site)
    assert sorted(records) == [
        "OpenFOAM™ Simulation of the Shock Wave Reflection in Unsteady Flow",
        "Parametric study of explosion height effects on blast loading characteristics for "
        "cylindrical storage tanks using cfd",
        "Trayectoria del punto triple de una reflexión de onda de choque inestacionaria sobre "
        "pared recta",
    ]
    triple = records[
        "Trayectoria del punto triple de una reflexión de onda de choque inestacionaria sobre "
        "pared recta"
    ]
    assert (triple["type"], triple["doi"]) == ("article", "10.18359/rfcb.7052")
    assert (triple["volume"], triple["issue"], triple["pages"]) == (18, 2, "63–70")
    shock = records["OpenFOAM™ Simulation of the Shock Wave Reflection in Unsteady Flow"]
    assert shock["type"] == "article"
    assert "doi" not in shock  # its citation gives none


@pytest.mark.parametrize(
    ("citation", "doi"),
    [
        ("Lee, A. (2020). A study. J, 1(2), 3-4. https://doi.org/10.1000/abc.1.", "10.1000/abc.1"),
        ("Lee, A. (2020). A study. J. doi:10.1000/xyz", "10.1000/xyz"),
        ("Lee, A. (2020). A study. J. https://doi.org/10.1/a and https://doi.org/10.1/b", None),
    ],
)
def test_the_one_doi_a_citation_gives(tmp_path: Path, citation: str, doi: str | None) -> None:
    write_files(tmp_path / "old", {
        "_publications/2020-01-01-study.md": "---\ntitle: A study\ncollection: publications\n"
        f"date: 2020-01-01\ncitation: '{citation}'\n---\n"
    })  # fmt: skip
    site = new_site(tmp_path / "site", "Ann Lee")
    assert run_import(site, "academicpages", tmp_path / "old") == 0
    assert records_by_title(site)["A study"].get("doi") == doi


def test_a_hugo_site_with_its_own_numbering_of_publication_types(tmp_path: Path) -> None:
    # arisp99/personal-site renumbered Academic's publication types and says so in the
    # comment above each page's key (`# Legend: … 1 = Journal article; … 5 = Oral
    # presentation; 6 = Poster presentation; …`): read by Academic's numbers, its
    # journal article was a conference paper, its talk a book, its poster a book chapter.
    site = new_site(tmp_path, "Aris Paschalidis")
    assert run_import(site, "hugo", FIXTURES / "hugo-own-legend") == 0
    by_date = {str(data["date"]): data for _, data, _ in read_papers(site)}
    assert by_date["2024-04-18"]["type"] == "article"
    assert by_date["2023-06-02"]["type"] == "Oral presentation"
    assert by_date["2019"]["type"] == "Poster presentation"
    assert main(["build", "--site", str(site)]) == 0
    title = str(by_date["2024-04-18"]["title"])
    assert "Journal article" in built_page(site, title)


def test_academics_own_legend_reads_as_academics_numbers(tmp_path: Path) -> None:
    page = (
        "---\ntitle: A paper\nauthors: [Ann Lee]\ndate: 2020-01-01\n# Legend: 0 = "
        "Uncategorized; 1 = Conference paper; 2 = Journal article;\n# 3 = Preprint / Working "
        "Paper; 4 = Report; 5 = Book; 6 = Book section;\n# 7 = Thesis; 8 = Patent\n"
        'publication_types: ["6"]\n---\n'
    )
    assert hugo_record(tmp_path, page)["type"] == "chapter"


def test_a_standing_written_before_the_first_author_is_the_papers_note(tmp_path: Path) -> None:
    # 338rajesh/338rajesh.github.io writes `author = {(Under Review) Rajesh Nakka and …}`:
    # the first author was "(Under Review) Rajesh Nakka", and the paper was no paper of
    # the site's owner; its cite.bib kept the words as a name.
    site = new_site(tmp_path, "Rajesh Nakka")
    assert run_import(site, "bibtex", FIXTURES / "alfolio-under-review-author.bib") == 0
    title = (
        "Influence of fibre cross-section profile on the multi-physical properties of "
        "uni-directional composites"
    )
    record = records_by_title(site)[title]
    assert record["authors"][:2] == ["Rajesh Nakka", "A. Phanendra Kumar"]
    assert record["note"] == "Under review"
    assert main(["build", "--site", str(site)]) == 0
    cite = next((site / "output" / "papers").glob("influence-*/cite.bib")).read_text()
    assert "author = {Rajesh Nakka and A. Phanendra Kumar" in cite


@pytest.mark.parametrize(
    ("author", "names", "note"),
    [
        ("[Submitted] Lee, Ann and Doe, Jo", ["Ann Lee", "Jo Doe"], "Submitted"),
        ("(in press) Ann Lee", ["Ann Lee"], "In press"),
        ("{(Accepted) Lee, Ann}", ["Ann Lee"], "Accepted"),
    ],
)
def test_standings_before_names(
    tmp_path: Path, author: str, names: list[str], note: str | None
) -> None:
    entry = (
        f"@article{{a,\n  title = {{A Study}},\n  author = {{{author}}},\n  year = {{2017}}\n}}\n"
    )
    site, _ = bib_site(tmp_path, "Ann Lee", entry)
    record = records_by_title(site)["A Study"]
    assert (record["authors"], record.get("note")) == (names, note)


def test_companies_in_brackets_after_names_are_no_part_of_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 3man1992/3man1992.github.io lists `Kevin Miller (Deepmind), …, Matthew Botvinick
    # (Deepmind) and Kenneth Harris`: the card named "Kevin Miller (Deepmind)", a
    # co-author apart from Kevin Miller.
    site = new_site(tmp_path, "Laurence Freeman")
    assert run_import(site, "bibtex", FIXTURES / "alfolio-affiliations-in-names.bib") == 0
    record = records_by_title(site)["Structured Credit Assignment in Mice"]
    assert record["authors"] == [
        "Kevin Miller",
        "Laurence Freeman",
        "Yu Jin Oh",
        "Matthew Botvinick",
        "Kenneth Harris",
    ]
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "entry 'przibram1967letters': author names words in brackets after 'Kevin Miller' "
        "(Deepmind), 'Matthew Botvinick' (Deepmind): left out of the names"
    ) in out


def test_a_name_in_its_own_script_in_brackets_stays(tmp_path: Path) -> None:
    entry = "@article{a,\n  title = {A Study},\n  author = {Wei Wang (王伟) and Ann Lee},\n  year = {2017}\n}\n"
    site, _ = bib_site(tmp_path, "Ann Lee", entry)
    assert records_by_title(site)["A Study"]["authors"] == ["Wei Wang (王伟)", "Ann Lee"]


def test_a_comma_missing_between_fields_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 6MicheleStingo9/6MicheleStingo9.github.io: an abstract with no comma after it
    site = new_site(tmp_path, "Michele Stingo")
    assert run_import(site, "bibtex", FIXTURES / "alfolio-missing-comma.bib") == 1
    err = capsys.readouterr().err
    assert (
        "alfolio-missing-comma.bib:29: entry 'maisto2017hybrid': abstract: its value is "
        "followed by 'preview={lel.jpg}'; is a comma missing after it?"
    ) in err
    assert records_by_title(site) == {}


def test_files_that_import_as_they_should(tmp_path: Path) -> None:
    # Google Scholar's bioRxiv entry (444thLiao/mypage), a lab's marked names
    # (4ILab-SSU), Chinese working papers (policylab) and a chemistry group's Hugo site
    # (chemist09/group-webpage): each paper once, dated, its owner found.
    site = new_site(tmp_path / "a", "Tianhua Liao")
    assert run_import(site, "bibtex", FIXTURES / "scholar-biorxiv-pages.bib") == 0
    records = records_by_title(site)
    emergence = records[
        "Emergence of Prochlorococcus in the Tonian oceans and the initiation of "
        "Neoproterozoic oxygenation"
    ]
    assert (str(emergence["date"]), emergence["type"]) == ("2023-09", "preprint")
    site = new_site(tmp_path / "b", "Yoseob Han")
    assert run_import(site, "bibtex", FIXTURES / "alfolio-author-marks.bib") == 0
    assert len(read_papers(site)) == 6
    eyetag = records_by_title(site)["EyeTAG: Eye Trajectory-Aware Gaze Estimation"]
    assert eyetag["authors"] == ["Jungmin Lee", "Niamat Ullah", "Yoseob Han"]
    site = new_site(tmp_path / "c", "张友浪")
    assert run_import(site, "bibtex", FIXTURES / "chinese-working-papers.bib") == 0
    working = records_by_title(site)["智能时代的政策工具知识体系建构与多模型协同研究框架"]
    assert (working["authors"], working["type"]) == (["张友浪", "王培杰"], "preprint")
    site = new_site(tmp_path / "d", "Torsten John")
    assert run_import(site, "hugo", FIXTURES / "hugo-chemistry-group") == 0
    kanamycin = records_by_title(site)[
        "How kanamycin A interacts with bacterial and mammalian mimetic membranes"
    ]
    assert kanamycin["authors"][0] == "Torsten John"
    assert kanamycin["venue"] == "Biochimica et Biophysica Acta (BBA) - Biomembranes"


def test_scholars_ssrn_number_as_volume_and_standings_as_keywords(tmp_path: Path) -> None:
    # Alessiobrini/academic-website keeps Scholar's `journal={Available at SSRN}`,
    # `volume={4157711}` (the card read "Available at SSRN 4157711", an article with no
    # link) and groups its papers by `keywords = {published}` / `{working-paper}`, which
    # every card showed as a tag; its working paper "in" a Duke lab was an article.
    site = new_site(tmp_path, "Alessio Brini")
    assert run_import(site, "bibtex", FIXTURES / "scholar-ssrn-volume.bib") == 0
    records = records_by_title(site)
    etfs = records["Bitcoin ETFs: Measuring the performance of this new market niche"]
    assert (etfs["venue"], etfs["type"]) == ("SSRN", "preprint")
    assert etfs["links"] == {"paper": "https://ssrn.com/abstract=4157711"}
    assert "volume" not in etfs
    assert all("tags" not in r for r in records.values())
    crypto = records["Crypto dynamics during market downturns: Another dotcom boom-bust cycle?"]
    assert crypto["type"] == "preprint"
    stability = records[
        "Reinforcement learning policy recommendation for interbank network stability"
    ]
    assert (stability["type"], stability["volume"]) == ("article", 67)


def test_topic_keywords_stay_beside_a_standing(tmp_path: Path) -> None:
    entry = (
        "@article{a,\n  title = {A Study},\n  author = {Lee, Ann},\n  journal = {J},\n"
        "  doi = {10.1000/x},\n  keywords = {Preprint, honey, Working Paper},\n"
        "  year = {2017}\n}\n"
    )
    site, _ = bib_site(tmp_path, "Ann Lee", entry)
    record = records_by_title(site)["A Study"]
    assert (record["tags"], record["type"]) == (["honey"], "article")  # its DOI: published


@pytest.mark.parametrize(("number", "expected"), [("2", "article"), ("3", "preprint")])
def test_older_academics_legend_in_toml(tmp_path: Path, number: str, expected: str) -> None:
    # shulele/Be-A-Hydrologist's pages carry older Academic's legend, one item a line
    # (`# 3 = Manuscript`): a manuscript is a preprint, as Academic's "3" is, not a type
    # of its own
    legend = (FIXTURES / "hugo-toml-legend/content/zh/publication/2011Nan/index.md").read_text()
    page = legend.replace('publication_types = ["2"]', f'publication_types = ["{number}"]')
    assert hugo_record(tmp_path, page, "Lele Shu")["type"] == expected


def test_a_bilingual_hugo_site_gives_each_paper_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # shulele/Be-A-Hydrologist keeps each paper in content/en/ and content/zh/
    site = new_site(tmp_path, "Lele Shu")
    assert run_import(site, "hugo", FIXTURES / "hugo-toml-legend") == 0
    (record,) = records_by_title(site).values()
    assert (record["type"], record["doi"]) == ("article", "10.5194/gmd-13-2743-2020")
    assert "1 of its papers has no page in en/ (2011Nan)" in capsys.readouterr().out


def test_a_spreadsheets_tsv_is_refused_for_its_own_row_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # AnnaCorriveau/annacorriveau.github.io saved its TSV from a spreadsheet: dates as
    # `1/1/23` and `10/1/10`. The template's sample rows, which are not imported, were
    # refused for their dates too, and had to be fixed before they were dropped.
    site = new_site(tmp_path, "Anna Corriveau")
    folder = FIXTURES / "academicpages-excel-tsv"
    assert run_import(site, "academicpages", folder) == 1
    err = capsys.readouterr().err
    assert "publications.tsv:2: row paper-title-number-1: pub_date '1/1/23'" in err
    assert "paper-title-number-2" not in err and "paper-title-number-3" not in err


def test_a_mac_spreadsheets_dash_in_a_citation(tmp_path: Path) -> None:
    # the same TSV's en dash, saved in Mac Roman and read as Latin-1: `71Ð82` (the
    # record had neither volume nor pages)
    tsv = (FIXTURES / "academicpages-excel-tsv/markdown_generator/publications.tsv").read_text()
    old = write_files(tmp_path / "old", {
        "markdown_generator/publications.tsv": tsv.replace("1/1/23", "2023-01-01", 1),
    })  # fmt: skip
    site = new_site(tmp_path / "site", "Anna Corriveau")
    assert run_import(site, "academicpages", old) == 0
    (record,) = records_by_title(site).values()
    assert (record["venue"], record["volume"], record["pages"]) == ("Cortex", 158, "71–82")
    assert "abstract" not in record or not record["abstract"]  # the sample's excerpt


def test_a_hugo_venue_written_with_its_volume_pages_and_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # NJUAstrometry/NJUAstrometry.github.io writes `publication_short: "*A&A* 665, A121
    # (2022)"`: the venue was "A&A 665, A121 (2022)", the record had no volume nor pages;
    # its 2023 paper dated 2024 said nothing; the group's cite.bib of its papers beside
    # the pages was passed over without a word.
    site = new_site(tmp_path, "Jia-Cheng Liu")
    assert run_import(site, "hugo", FIXTURES / "hugo-venue-locators") == 0
    records = records_by_title(site)
    aberration = records[
        "Effect of Galactic aberration on Earth orientation parameters: From the ICRF2 to the ICRF3"
    ]
    assert (aberration["venue"], aberration["volume"], aberration["pages"]) == (
        "A&A",
        665,
        "A121",
    )
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "AA-674-2023/index.md:24: publication 'AA-674-2023': dated 2024-01-24, but its "
        "publication says (2023)"
    ) in out
    assert (
        "publication/cite.bib: a BibTeX file of 2 entries beside the publication pages, "
        "not one of them: not imported"
    ) in out
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, str(aberration["title"]))
    assert "A&amp;A 665, A121 (2022)" not in page


@pytest.mark.parametrize(
    ("venue", "expected"),
    [
        ("Nature Physics 12(3), 245-250", ("Nature Physics", 12, 3, "245–250")),
        ("NeurIPS 2020, 1-10", ("NeurIPS 2020, 1-10", None, None, None)),
        ("Proceedings of CVPR 2022", ("Proceedings of CVPR 2022", None, None, None)),
    ],
)
def test_venue_locators(tmp_path: Path, venue: str, expected: tuple[object, ...]) -> None:
    page = (
        f"---\ntitle: A paper\nauthors: [Ann Lee]\ndate: 2020-01-01\npublication: '{venue}'\n---\n"
    )
    record = hugo_record(tmp_path, page)
    got = (record["venue"], record.get("volume"), record.get("issue"), record.get("pages"))
    assert got == expected


def test_a_comma_left_after_a_venue(tmp_path: Path) -> None:
    # DynVarMIP/DynVarMIP.github.io's TSV row has the venue `Geosci. Model Dev.,`, copied
    # out of a citation: the card showed the comma
    tsv = (
        "pub_date\ttitle\tvenue\texcerpt\tcitation\turl_slug\tpaper_url\tauthors\n"
        "2018-03-06\tIsca, v1.0\tGeosci. Model Dev.,\t\t\tisca\t\tGeoffrey Vallis\n"
    )
    old = write_files(tmp_path / "old", {"markdown_generator/publications.tsv": tsv})
    site = new_site(tmp_path / "site", "Geoffrey Vallis")
    assert run_import(site, "academicpages", old) == 0
    assert records_by_title(site)["Isca, v1.0"]["venue"] == "Geosci. Model Dev."
