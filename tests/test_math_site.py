"""A number theorist's first site: MathSciNet's and zbMATH Open's BibTeX, books in series
with their editions, and no citation counts.

The fixtures under tests/fixtures/ingest/trial13/ are real exports, their sources named in
SOURCES.md there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest.work import slugify
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import built_page, new_site, read_papers, records_by_title, run_import

FIXTURES = INGEST / "trial13"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path, "Luciana Picco Botta")


def _output(site: Path, name: str) -> str:
    return (site / "output" / name).read_text(encoding="utf-8")


def test_zbmath_s_review_number_is_linked(site: Path) -> None:
    # zbMATH's `Zbl = {0667.14019}` linked nothing, where MathSciNet's MRNUMBER is linked
    # to its review: a European mathematician's free database was lost.
    assert run_import(site, "bibtex", FIXTURES / "zbmath-surfaces.bib") == 0
    records = records_by_title(site)
    quadrics = records["On the intersection of three quadrics"]
    assert quadrics["links"]["zbmath"] == "https://zbmath.org/?q=an:0667.14019"
    assert quadrics["doi"] == "10.1515/crll.1989.399.188"  # beside the DOI
    assert records["On surfaces of general type with $q=5$"]["links"] == {
        "zbmath": "https://zbmath.org/?q=an:1272.14030"
    }
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "On the intersection of three quadrics")
    assert '<a href="https://zbmath.org/?q=an:0667.14019" rel="noopener">zbMATH</a>' in page
    # cite.bib keeps zbMATH's fields as written
    path = next(p for p, d, _ in read_papers(site) if d["title"].startswith("On the inter"))
    cite = (site / "output" / "papers" / path.stem / "cite.bib").read_text(encoding="utf-8")
    assert "Zbl = {0667.14019}" in cite


@pytest.mark.parametrize(
    ("field", "link"),
    [
        ("zbl = {Zbl 0507.57010}", "https://zbmath.org/?q=an:0507.57010"),
        ("zblnumber = {0507.57010}", "https://zbmath.org/?q=an:0507.57010"),  # bibzbladd's
        ("zbl = {07721132}", "https://zbmath.org/?q=an:07721132"),  # not yet reviewed
        ("zbl = {see the review}", None),
        ("zbl = {}", None),
    ],
)
def test_a_zbl_number_as_written_is_linked_and_nothing_else(
    tmp_path: Path, field: str, link: str | None
) -> None:
    site = new_site(tmp_path / "site", "S. K. Donaldson")
    bib = tmp_path / "a.bib"
    bib.write_text(
        "@article{d83, author = {Donaldson, S. K.}, title = {An application of gauge theory"
        " to four dimensional topology}, journal = {J. Differ. Geom.}, year = {1983}, "
        f"{field}}}\n",
        encoding="utf-8",
    )
    assert run_import(site, "bibtex", bib) == 0
    (record,) = records_by_title(site).values()
    assert record.get("links", {}).get("zbmath") == link


def test_zbmath_s_full_stop_after_a_title_is_left_out(site: Path) -> None:
    # zbMATH ends a book's title with a full stop: the page's heading read "Complex
    # algebraic surfaces." and the CV "Complex algebraic surfaces..".
    assert run_import(site, "bibtex", FIXTURES / "zbmath-surfaces.bib") == 0
    records = records_by_title(site)
    assert "Complex algebraic surfaces" in records
    # cite.bib keeps it as zbMATH wrote it
    assert (
        "title = {Complex algebraic surfaces.}" in records["Complex algebraic surfaces"]["bibtex"]
    )
    assert main(["build", "--site", str(site)]) == 0
    cv = _output(site, "cv/index.html")
    assert ">Complex algebraic surfaces</a>." in cv


def test_a_cv_entry_puts_no_stop_after_a_title_that_ends_in_one(tmp_path: Path) -> None:
    # A title's own `?` or `.` ends it, as citation styles print it: "Is it true?." had two.
    site = new_site(tmp_path, "Ada Lovelace")
    papers = site / "content" / "papers"
    (papers / "question.md").write_text(
        "---\ntitle: Is every elliptic curve over Q modular?\nauthors: [Ada Lovelace]\n"
        "date: 2001\nvenue: J. Amer. Math. Soc.\n---\n",
        encoding="utf-8",
    )
    (papers / "plain.md").write_text(
        "---\ntitle: Modular forms\nauthors: [Ada Lovelace]\ndate: 2002\n"
        "venue: J. Amer. Math. Soc.\n---\n",
        encoding="utf-8",
    )
    assert main(["build", "--site", str(tmp_path)]) == 0
    cv = " ".join(_output(tmp_path, "cv/index.html").split())
    assert ">Is every elliptic curve over Q modular?</a> <" in cv
    assert ">Modular forms</a>. <" in cv


def test_an_edition_in_english_words_is_the_numbered_edition(site: Path) -> None:
    # MathSciNet writes `EDITION = {Second}` (BibTeX's styles print "Second edition") and
    # zbMATH `2nd ed.`: the CV read "Second." for one book and "2nd ed." for the other.
    assert run_import(site, "bibtex", FIXTURES / "mathscinet-books.bib") == 0
    assert run_import(site, "bibtex", FIXTURES / "zbmath-surfaces.bib") == 0
    records = records_by_title(site)
    gilbarg = records["Elliptic partial differential equations of second order"]
    assert gilbarg["edition"] == "Second"  # the record keeps the word it was given
    assert main(["build", "--site", str(site)]) == 0
    cv = _output(site, "cv/index.html")
    editions = re.findall(r'<span class="cv-edition"[^>]*>([^<]*)</span>', cv)
    assert editions == ["2nd ed.", "2nd ed."]
    assert "Second." not in cv


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Second", "2nd ed."),
        ("third edition", "3rd ed."),
        ("2nd ed.", "2nd ed."),
        ("21st", "21st ed."),
        ("Second, revised", "Second, revised."),
        ("Revised", "Revised."),
    ],
)
def test_an_edition_written_as_words_on_the_cv(tmp_path: Path, written: str, shown: str) -> None:
    site = new_site(tmp_path, "Ada Lovelace")
    (site / "content" / "papers" / "book.md").write_text(
        f"---\ntitle: A course in arithmetic\nauthors: [Ada Lovelace]\ndate: 1973\n"
        f"type: book\nvenue: Springer\nedition: '{written}'\n---\n",
        encoding="utf-8",
    )
    assert main(["build", "--site", str(site)]) == 0
    cv = _output(site, "cv/index.html")
    assert re.findall(r'<span class="cv-edition"[^>]*>([^<]*)</span>', cv) == [shown]


def test_a_site_that_turns_novelty_off_shows_none_on_a_paper_s_page(site: Path) -> None:
    # site.yaml's `metrics: [papers]` took the tile off the profile, but every paper's
    # page still said "Novelty 100% (against earlier papers on this site)".
    assert run_import(site, "bibtex", FIXTURES / "zbmath-surfaces.bib") == 0
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "On surfaces of general type with $q=5$")
    assert "Novelty" in page  # shown by default: three earlier papers to compare with
    config = site / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "metrics: [papers]\n", "utf-8")
    assert main(["build", "--site", str(site)]) == 0
    assert "Novelty" not in built_page(site, "On surfaces of general type with $q=5$")
    assert "Novelty" not in _output(site, "index.html")


def test_the_finder_offers_no_sort_by_counts_no_paper_has(site: Path) -> None:
    # A site with no citation counts, scores or code offered "Most cited", "Highest
    # score" and "Has code", each of which did nothing.
    assert run_import(site, "bibtex", FIXTURES / "zbmath-surfaces.bib") == 0
    assert main(["build", "--site", str(site)]) == 0
    profile = _output(site, "index.html")
    sorts = re.findall(r'<option value="(\w+)">', profile.split('id="find-sort"')[1])
    assert sorts[:2] == ["date", "title"]
    assert 'id="find-code"' not in profile
    # a count on one paper brings its sort back
    path = next(p for p, d, _ in read_papers(site) if d["title"].startswith("On the inter"))
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\ncitations: 3\n", 1))
    assert main(["build", "--site", str(site)]) == 0
    profile = _output(site, "index.html")
    sorts = re.findall(r'<option value="(\w+)">', profile.split('id="find-sort"')[1])
    assert sorts[:3] == ["date", "citations", "title"]


def test_a_page_built_by_citations_keeps_that_sort_without_counts(site: Path) -> None:
    assert run_import(site, "bibtex", FIXTURES / "zbmath-surfaces.bib") == 0
    config = site / "site.yaml"
    text = config.read_text(encoding="utf-8").replace("paper_sort: date", "paper_sort: citations")
    config.write_text(text, encoding="utf-8")
    assert main(["build", "--site", str(site)]) == 0
    profile = _output(site, "index.html")
    assert '<option value="citations">' in profile


def test_a_short_formula_in_a_title_keeps_its_letters_in_the_file_name(site: Path) -> None:
    # `$p$-adic` was left out of the slug: the address read
    # `valuations-of-adic-regulators`, the paper's subject gone.
    assert run_import(site, "bibtex", FIXTURES / "zbmath-surfaces.bib") == 0
    papers = site / "content" / "papers"
    assert (papers / "on-surfaces-of-general-type-with-q-5.md").is_file()
    # a record named before keeps its file: the import finds it by its title and DOI
    (papers / "on-surfaces-of-general-type-with-q-5.md").rename(
        papers / "on-surfaces-of-general-type-with.md"
    )
    assert run_import(site, "bibtex", FIXTURES / "zbmath-surfaces.bib") == 0
    assert sorted(p.name for p in papers.glob("on-surfaces*")) == [
        "on-surfaces-of-general-type-with.md"
    ]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Valuations of $p$-adic regulators", "valuations-of-p-adic-regulators"),
        ("Zeros of the $\\zeta(s)$-function", "zeros-of-the-zeta-s-function"),
        ("Tate's conjecture over $\\mathbb{Q}$", "tates-conjecture-over-q"),
        ("Forms on $\\mathrm{GL}_2$", "forms-on-gl-2"),
        ("Factorizations of $2\\sp{m}\\pm 1$", "factorizations-of"),  # an operator
        ("Solutions of $x^2+y^2=z^2$ in integers", "solutions-of-in-integers"),  # long
    ],
)
def test_which_formulas_a_slug_keeps(title: str, slug: str) -> None:
    assert slugify(title) == slug


# A habilitation thesis as a BibTeX file gives one: Thomas Streicher's, as a Racket
# bibliography records it (library find_string id 21862336544: `#:type @%{Habilitation
# Thesis}`, LMU München, 1993), and the words a French HAL-style writer gives an HDR's
# `type` (find_string id 15628231575: `type = {Habilitation à diriger les recherches}`).
HABILITATION = """@phdthesis{Streicher1993,
  author = {Streicher, Thomas},
  title = {Investigations into Intensional Type Theory},
  type = {Habilitation Thesis},
  school = {Ludwig-Maximilians-Universit{\\"a}t M{\\"u}nchen},
  year = {1993},
  url = {https://www2.mathematik.tu-darmstadt.de/~streicher/HabilStreicher.pdf},
}
@phdthesis{hdr,
  author = {Streicher, Thomas},
  title = {Sur la th{\\'e}orie des types},
  type = {Habilitation {\\`a} diriger les recherches},
  school = {Universit{\\'e} Paris Cit{\\'e}},
  year = {2001},
}
@phdthesis{phd,
  author = {Streicher, Thomas},
  title = {Semantics of type theory},
  school = {Universit{\\"a}t Passau},
  year = {1988},
}
"""


def test_a_habilitation_is_no_phd_thesis(tmp_path: Path) -> None:
    # `@phdthesis{…, type = {Habilitation Thesis}}` was `type: thesis` with the words as
    # its note: the page said "Type: PhD thesis", "Note: Habilitation Thesis".
    site = new_site(tmp_path / "site", "Thomas Streicher")
    bib = tmp_path / "habil.bib"
    bib.write_text(HABILITATION, encoding="utf-8")
    assert run_import(site, "bibtex", bib) == 0
    records = records_by_title(site)
    habil = records["Investigations into Intensional Type Theory"]
    assert habil["type"] == "habilitation" and "note" not in habil
    assert records["Sur la théorie des types"]["type"] == "habilitation"
    assert records["Semantics of type theory"]["type"] == "thesis"
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "Investigations into Intensional Type Theory")
    assert "<dd>Habilitation thesis</dd>" in page and "PhD thesis" not in page
    # still a thesis to Google Scholar, of its university
    assert (
        '<meta name="citation_dissertation_institution" '
        'content="Ludwig-Maximilians-Universität München">'
    ) in page
    assert "<dd>PhD thesis</dd>" in built_page(site, "Semantics of type theory")


def test_a_habilitation_written_by_hand(tmp_path: Path) -> None:
    site = new_site(tmp_path, "Ada Lovelace")
    config = site / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: de"))
    (site / "content" / "papers" / "habil.md").write_text(
        "---\ntitle: Hilbertsche Modulflächen\nauthors: [Ada Lovelace]\ndate: 1985\n"
        "type: habilitation\nvenue: Universität Bonn\npages: 291\n---\n",
        encoding="utf-8",
    )
    assert main(["build", "--site", str(site)]) == 0
    page = _output(site, "papers/habil/index.html")
    assert "<dd>Habilitationsschrift</dd>" in page
    assert "291 S." in page  # a count of pages, not page 291
    cite = _output(site, "papers/habil/cite.bib")
    # BibTeX's styles print a @phdthesis's `type` for "PhD thesis"
    assert cite.startswith("@phdthesis{") and "type = {Habilitation thesis}" in cite
    assert "school = {Universität Bonn}" in cite


def test_an_older_import_s_thesis_is_a_conflict_that_says_habilitation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path / "site", "Thomas Streicher")
    bib = tmp_path / "habil.bib"
    bib.write_text(HABILITATION.split("@phdthesis{hdr")[0], encoding="utf-8")
    assert run_import(site, "bibtex", bib) == 0
    (path, _, _), *_ = read_papers(site)
    path.write_text(path.read_text(encoding="utf-8").replace("habilitation", "thesis", 1))
    capsys.readouterr()
    assert run_import(site, "bibtex", bib) == 0
    out = capsys.readouterr().out
    assert "type: keeps 'thesis'; the import has 'habilitation'" in out
    assert "write `type: habilitation` to take the import's" in out


def test_a_series_number_in_the_series_name_is_its_volume(site: Path) -> None:
    # MathSciNet writes an older book's number in its series' name, `SERIES = {Annals of
    # Mathematics Studies, No. 76}`: the card read "(Annals of Mathematics Studies, No.
    # 76)", and Scholar had no volume.
    assert run_import(site, "bibtex", FIXTURES / "mathscinet-books.bib") == 0
    records = records_by_title(site)
    milnor = records["Characteristic classes"]
    assert (milnor["series"], milnor["volume"]) == ("Annals of Mathematics Studies", 76)
    assert "SERIES = {Annals of Mathematics Studies, No. 76}" in milnor["bibtex"]
    gilbarg = records["Elliptic partial differential equations of second order"]
    assert gilbarg["series"].startswith("Grundlehren der mathematischen Wissenschaften")
    assert gilbarg["volume"] == 224
    assert gilbarg["venue"] == "Springer-Verlag, Berlin"  # MathSciNet's: as written


def test_zbmath_s_place_before_a_publisher_is_left_out(site: Path) -> None:
    # zbMATH writes `publisher = {Cambridge: Cambridge Univ. Press}`: the card's venue
    # read "Cambridge: Cambridge Univ. Press".
    assert run_import(site, "bibtex", FIXTURES / "zbmath-surfaces.bib") == 0
    records = records_by_title(site)
    assert records["Complex algebraic surfaces"]["venue"] == "Cambridge Univ. Press"
    assert (
        "publisher = {Cambridge: Cambridge Univ. Press}"
        in (records["Complex algebraic surfaces"]["bibtex"])
    )
    welters = records["Abel-Jacobi isogenies for certain types of Fano threefolds"]
    assert welters["venue"] == "Centrum voor Wiskunde en Informatica (CWI), Amsterdam"


def test_zbmath_s_own_number_is_linked_where_the_entry_has_no_zbl(site: Path) -> None:
    # zbMATH exports an item not yet reviewed with its own number alone, `zbMATH =
    # {8192165}` (its key `zbMATH08192165`), which zbMATH Open finds as eight digits
    # (zbMATHOpen/mscHarvester's README: `https://zbmath.org/?an=01209934`).
    assert run_import(site, "bibtex", INGEST / "bib22" / "zbmath-msc-keywords.bib") == 0
    records = records_by_title(site)
    assert records["Products in double categories, revisited"]["links"]["zbmath"] == (
        "https://zbmath.org/?an=08192165"
    )
    # where both are given, the review's number
    hofmann = records["Valuations of $p$-adic regulators of cyclic cubic fields"]
    assert hofmann["links"]["zbmath"] == "https://zbmath.org/?q=an:1409.11141"


def test_plain_tex_superscripts_in_a_title_are_carets(tmp_path: Path) -> None:
    # MathSciNet's older records write `{$2\sp{m}\pm 1$}`: the page showed `\sp`, which
    # neither a reader nor KaTeX reads; `^` is the same superscript.
    site = new_site(tmp_path, "Samuel S. Wagstaff Jr.")
    assert run_import(site, "bibtex", FIXTURES / "mathscinet-plain-tex.bib") == 0
    records = records_by_title(site)
    assert "New primality criteria and factorizations of $2^{m}\\pm 1$" in records
    pseudoprimes = records["The pseudoprimes to $25\\cdot 10^{9}$"]
    assert "{$25\\cdot 10\\sp{9}$}" in pseudoprimes["bibtex"]  # cite.bib as written
    assert pseudoprimes["links"]["mathscinet"] == (
        "https://mathscinet.ams.org/mathscinet-getitem?mr=572872"
    )
    assert pseudoprimes["authors"][-1] == "Samuel S. Wagstaff Jr."


def test_a_cv_entry_names_a_thesis_s_kind_before_its_university(tmp_path: Path) -> None:
    # "Thomas Streicher. Investigations into Intensional Type Theory. Ludwig-Maximilians-
    # Universität München, 1993." read as a book the university published; BibTeX's styles
    # and biblatex print "Habilitation thesis, …", "PhD thesis, …".
    site = new_site(tmp_path / "site", "Thomas Streicher")
    bib = tmp_path / "habil.bib"
    bib.write_text(HABILITATION, encoding="utf-8")
    assert run_import(site, "bibtex", bib) == 0
    assert main(["build", "--site", str(site)]) == 0
    cv = " ".join(re.sub(r"<[^>]+>", "", _output(site, "cv/index.html")).split())
    assert "Habilitation thesis, Ludwig-Maximilians-Universität München, 1993." in cv
    assert "PhD thesis, Universität Passau, 1988." in cv
