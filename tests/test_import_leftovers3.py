"""Importers' third round of left-overs: a thesis's kind, al-folio's annotations and
marks on names, a generational suffix, an old import's `Name et al.`, al-folio's
co-authors, an unclosed `--- !!map`, and undated Scopus counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.cli import main
from tests.ingest_support import (
    FIXTURES,
    bib_site,
    built_page,
    new_site,
    records_by_title,
    run_import,
    write_files,
)
from tests.test_trial_lab import lab_site

# As theses are cited on their authors' pages: BibTeX's @mastersthesis with a German
# `Type`, biblatex's @thesis with Zotero's key for a PhD, and a Habilitation.
THESES = r"""
@mastersthesis{groebert2010,
Author = {Felix Gr{\"o}bert},
Title = {{Automatic Identification of Cryptographic Primitives in Software}},
School = {Ruhr-University Bochum, Germany},
Type = {Diplomarbeit},
Year = {2010}
}

@thesis{groebert2016,
  title = {Cryptographic Primitives in Binaries},
  author = {Gr{\"o}bert, Felix},
  institution = {Ruhr-University Bochum},
  type = {phdthesis},
  date = {2016},
}

@phdthesis{groebert2020,
  title = {Secure Software Supply Chains},
  author = {Felix Gr\"obert},
  school = {Ruhr-University Bochum},
  type = {Habilitation},
  note = {Cumulative},
  year = {2020},
}

@phdthesis{groebert2012,
  title = {Plain Thesis},
  author = {Felix Gr\"obert},
  school = {Ruhr-University Bochum},
  year = {2012},
}
"""


def test_a_thesis_s_kind_is_its_note_on_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Type = {Diplomarbeit}` was kept in cite.bib only: the record said `type: thesis`,
    and the page did not say which thesis it was."""
    site, bib = bib_site(tmp_path, "Felix Gröbert", THESES)
    found = records_by_title(site)
    diplom = found["Automatic Identification of Cryptographic Primitives in Software"]
    assert (diplom["type"], diplom["note"]) == ("mastersthesis", "Diplomarbeit")
    assert found["Cryptographic Primitives in Binaries"]["note"] == "PhD thesis"
    habil = found["Secure Software Supply Chains"]
    # a habilitation is its type, not a PhD thesis with a note (see test_math_site.py)
    assert (habil["type"], habil["note"]) == ("habilitation", "Cumulative")
    assert "note" not in found["Plain Thesis"]
    capsys.readouterr()
    assert run_import(site, "bibtex", bib) == 0  # again: nothing to say
    assert "conflict " not in capsys.readouterr().out
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "Automatic Identification of Cryptographic Primitives in Software")
    assert "<dd>Diplomarbeit</dd>" in page
    assert "Type = {Diplomarbeit}" in page  # cite.bib keeps it as written


# As al-folio's users write them (its bib.liquid shows `annotation` beside the names and
# the marks on surnames as superscripts): two marks on one name, and a plus.
MARKED = r"""
@inproceedings{zhang2025ttrl,
  title={TTRL: Test-Time Reinforcement Learning},
  author={Zhang*†, Kaiyan and Zuo*, Yuxin and Ding, Ning and Zhou†, Bowen},
  abbr={NeurIPS 2025},
  year={2025},
  booktitle={The Thirty-Ninth Annual Conference on Neural Information Processing Systems},
  annotation={* Equal contribution<br>† Corresponding author},
  bibtex_show={true},
  selected={true}
}

@article{song2026example,
  author={Song*, Moohyun and Lee*, Kyungyong and Zhang, Kaiyan},
  title={A Great Paper Title},
  journal={Journal of Things},
  note={Extended version},
  year={2026},
  annotation={* Authors contributed equally.},
}

@inproceedings{lee2026eyetag,
  title       = {EyeTAG: Eye Trajectory-Aware Gaze Estimation},
  author      = {Zhang, Kaiyan and Ullah+, Niamat and Han+, Yoseob},
  booktitle   = {British Machine Vision Conference (BMVC)},
  year        = {2026},
  annotation  = {+ Corresponding authors},
}

@article{zotero2021,
  title = {Notes of Its Owner},
  author = {Zhang, Kaiyan},
  journal = {Journal of Things},
  year = {2021},
  annotation = {* reread section 4
* reviewer 2 was right},
}
"""


def test_al_folio_s_legend_of_marks_on_names_is_the_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`annotation = {* Equal contribution<br>† Corresponding author}` was left out with a
    reference manager's notes, and the marks taken off the names: the page said nothing of
    who contributed equally. The note names them; the names stay plain, and a Zotero
    user's own annotation stays out."""
    site, _ = bib_site(tmp_path, "Kaiyan Zhang", MARKED)
    found = records_by_title(site)
    ttrl = found["TTRL: Test-Time Reinforcement Learning"]
    assert ttrl["authors"] == ["Kaiyan Zhang", "Yuxin Zuo", "Ning Ding", "Bowen Zhou"]
    assert ttrl["note"] == (
        "Equal contribution: Kaiyan Zhang, Yuxin Zuo; Corresponding author: Kaiyan Zhang, "
        "Bowen Zhou"
    )
    assert found["A Great Paper Title"]["note"] == (
        "Extended version; Authors contributed equally: Moohyun Song, Kyungyong Lee"
    )
    eyetag = found["EyeTAG: Eye Trajectory-Aware Gaze Estimation"]
    assert eyetag["note"] == "Corresponding authors: Niamat Ullah, Yoseob Han"
    assert "note" not in found["Notes of Its Owner"]
    capsys.readouterr()
    assert main(["build", "--site", str(site)]) == 0
    page = built_page(site, "TTRL: Test-Time Reinforcement Learning")
    assert "<dd>Equal contribution: Kaiyan Zhang, Yuxin Zuo; Corresponding" in page
    assert "Zhang*" not in page.partition('class="bibtex"')[0]


# arXiv's answer for a paper of S. James Gates, Jr., as the API lists him (hep-th/0109192's
# real authors; the rest trimmed)
GATES_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3D%26id_list%3Dhep-th/0109192" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=&amp;id_list=hep-th/0109192</title>
  <id>http://arxiv.org/api/k5mnG2TaQ3nM0HqCvwZ0Z0cKQpJ4</id>
  <updated>2026-11-28T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:itemsPerPage>
  <entry>
    <id>http://arxiv.org/abs/hep-th/0109192v1</id>
    <updated>2001-09-25T19:41:20Z</updated>
    <published>2001-09-25T19:41:20Z</published>
    <title>Superspace, or One Thousand and One Lessons in Supersymmetry</title>
    <summary>  Superspace is the greatest invention since the wheel.</summary>
    <author>
      <name>S. James Gates Jr.</name>
    </author>
    <author>
      <name>Marcus T. Grisaru</name>
    </author>
    <author>
      <name>Martin Rocek</name>
    </author>
    <author>
      <name>Warren Siegel</name>
    </author>
    <link href="http://arxiv.org/abs/hep-th/0109192v1" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/hep-th/0109192v1" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="hep-th" scheme="http://arxiv.org/schemas/atom"/>
    <category term="hep-th" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>
"""


def _gates_feed(tmp_path: Path) -> Path:
    feed = tmp_path / "gates.xml"
    feed.write_text(GATES_FEED, encoding="utf-8")
    return feed


def test_a_suffix_the_site_leaves_out_may_be_its_author_s_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """arXiv's `S. James Gates Jr.` and a site's `S. James Gates` (either way round) were
    no spelling of one another: the paper showed him as his own co-author, unsaid by the
    import and by the build. A suffix with an otherwise equal name may be the same man."""
    for owner, listed in (
        ("S. James Gates", "S. James Gates Jr."),
        ("S. James Gates Jr.", "S. James Gates"),
    ):
        site = new_site(tmp_path / owner.replace(" ", "-"), owner)
        feed = _gates_feed(tmp_path)
        if listed != "S. James Gates Jr.":
            feed.write_text(GATES_FEED.replace("S. James Gates Jr.", listed), encoding="utf-8")
        capsys.readouterr()
        assert run_import(site, "arxiv", feed) == 0
        out = capsys.readouterr().out
        assert f"'{listed}' (1 work) may be {owner}: if so, add it to aliases" in out
        assert main(["build", "--site", str(site)]) == 0
        err = capsys.readouterr().err
        assert f"`{listed}` may be {owner}, whose record does not list that spelling" in err


def test_a_site_of_father_and_son_guesses_neither(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A site with both `… Sr.` and `… Jr.` cannot tell which one a plain `S. James Gates`
    is, and a `Jr.` is never the `Sr.`: no note, no warning."""
    site = lab_site(
        tmp_path / "lab",
        {"gates-sr": "name: S. James Gates Sr.\n", "gates-jr": "name: S. James Gates Jr.\n"},
    )
    feed = _gates_feed(tmp_path)
    feed.write_text(GATES_FEED.replace("S. James Gates Jr.", "S. James Gates"), encoding="utf-8")
    capsys.readouterr()
    assert run_import(site, "arxiv", feed) == 0
    assert "may be" not in capsys.readouterr().out
    assert main(["build", "--site", str(site)]) == 0
    assert "may be" not in capsys.readouterr().err
    # the father's paper under his suffix is his by name; the son's is not said to be his
    feed.write_text(GATES_FEED.replace("Jr.", "Sr."), encoding="utf-8")
    site2 = lab_site(tmp_path / "lab2", {"gates-jr": "name: S. James Gates Jr.\n"})
    capsys.readouterr()
    assert run_import(site2, "arxiv", feed) == 0
    assert "may be" not in capsys.readouterr().out


def test_an_author_with_his_suffix_and_without_is_one_author_of_a_paper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record that names him `S. James Gates` (or as BibTeX writes the suffix, `Gates,
    Jr., S. James`), imported again from arXiv (`S. James Gates Jr.`), was an authors
    conflict at each import: the suffix was read as his surname. They are one list."""
    for written in ("S. James Gates", "'Gates, Jr., S. James'"):
        site = new_site(tmp_path / f"site{len(written)}", "Warren Siegel")
        (site / "content" / "papers" / "superspace.md").write_text(
            "---\ntitle: Superspace, or One Thousand and One Lessons in Supersymmetry\n"
            f"authors: [{written}, Marcus T. Grisaru, Martin Rocek, Warren Siegel]\n"
            "date: 2001-09-25\narxiv_id: hep-th/0109192\n---\n",
            encoding="utf-8",
        )
        capsys.readouterr()
        assert run_import(site, "arxiv", _gates_feed(tmp_path)) == 0
        out = capsys.readouterr().out
        assert "conflict  authors" not in out and "0 with conflicts" in out


def test_an_old_import_s_name_and_et_al_as_one_is_cut_apart_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """arXiv lists a D0 paper's authors as `V. M. Abazov et al`, typed so, and imports
    before this one wrote it as one author: every import since said `conflict  authors`.
    The record's one name is its name and `et al.`, updated once."""
    site = new_site(tmp_path / "site", "Kaile Wang")
    feed = _gates_feed(tmp_path)
    first, _, rest = GATES_FEED.partition("    <author>")
    rest = rest[rest.rindex("</author>") + len("</author>\n") :]
    one = "    <author>\n      <name>S. James Gates Jr et al</name>\n    </author>\n"
    feed.write_text(first + one + rest, encoding="utf-8")
    record = site / "content" / "papers" / "superspace.md"
    record.write_text(
        "---\ntitle: Superspace, or One Thousand and One Lessons in Supersymmetry\n"
        "authors:\n  - S. James Gates Jr et al\ndate: 2001-09-25\ncategory: hep-th\n"
        "arxiv_id: hep-th/0109192\n---\nSuperspace is the greatest invention since the "
        "wheel.\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run_import(site, "arxiv", feed) == 0
    out = capsys.readouterr().out
    assert "authors updated ('S. James Gates Jr et al' is a name and et al.)" in out
    assert "conflict" not in out.replace("0 with conflicts", "")
    assert "  - S. James Gates Jr\n  - et al.\n" in record.read_text(encoding="utf-8")
    assert run_import(site, "arxiv", feed) == 0
    out = capsys.readouterr().out
    assert "authors" not in out and "1 unchanged" in out


def _alfolio(root: Path, socials: str) -> Path:
    """An al-folio site as its users keep one: a paper with its Google Scholar id, the
    owner's Scholar user id, and the co-authors' pages (a fork's coauthors.yml, the
    template's own sample entries below it)."""
    files = {
        "_config.yml": "title: blank\nfirst_name: Xiaoxu\nlast_name: Li\n",
        "_data/socials.yml": socials,
        "_data/coauthors.yml": (
            '"Chang":\n  - firstname: ["Dongliang", "D."]\n'
            "    url: https://www.dongliangchang.cn/\n\n"
            '"Xue":\n  - firstname: ["Jing-Hao", "J.-H."]\n'
            "    url: http://www.homepages.ucl.ac.uk/~ucakjxu/\n\n"
            '"Ma":\n  - firstname: ["Zhanyu", "Z."]\n'
            "    url: https://www.semanticscholar.org/author/Zhanyu-Ma/1755773\n\n"
            '"podolsky":\n  - firstname: ["Boris", "B.", "B. Y.", "Boris Yakovlevich"]\n'
            "    url: https://en.wikipedia.org/wiki/Boris_Podolsky\n"
        ),
        "_bibliography/papers.bib": (
            "---\n---\n@article{chang2020devil,\n  title={The Devil is in the Channels: "
            "Mutual-Channel Loss for Fine-Grained Image Classification},\n  author={Chang, "
            "Dongliang and Ding, Yifeng and Xie, Jiyang and Bhunia, Ayan Kumar and Li, Xiaoxu "
            "and Ma, Zhanyu and Wu, Ming and Guo, Jun and Song, Yi-Zhe},\n  journal={IEEE "
            "Transactions on Image Processing},\n  year={2020},\n  "
            "google_scholar_id={u-x6o8ySG0sC},\n  bibtex_show={true}\n}\n"
        ),
    }
    return write_files(root, files)


def test_al_folio_s_scholar_page_of_a_paper_and_its_co_authors_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """al-folio links a paper's Google Scholar page by its `google_scholar_id` and the
    site's `scholar_userid`, and each co-author's name to the page `_data/coauthors.yml`
    gives: both were lost without a word. The paper's page is its `scholar` link; the
    co-authors' pages, which no record can hold, are named in a note."""
    folder = _alfolio(tmp_path / "old", "scholar_userid: qc6CJjYAAAAJ\n")
    site = new_site(tmp_path / "site", "Xiaoxu Li")
    assert run_import(site, "alfolio", folder) == 0
    out = capsys.readouterr().out
    paper = records_by_title(site)[
        "The Devil is in the Channels: Mutual-Channel Loss for Fine-Grained Image Classification"
    ]
    assert paper["links"]["scholar"] == (
        "https://scholar.google.com/citations?view_op=view_citation&user=qc6CJjYAAAAJ"
        "&citation_for_view=qc6CJjYAAAAJ:u-x6o8ySG0sC"
    )
    assert (
        "_data/coauthors.yml links 3 co-authors' names to their pages (Dongliang Chang "
        "(https://www.dongliangchang.cn/), Jing-Hao Xue (http://www.homepages.ucl.ac.uk/"
        "~ucakjxu/), Zhanyu Ma (https://www.semanticscholar.org/author/Zhanyu-Ma/1755773)): "
        "not imported"
    ) in " ".join(out.split())
    assert "Podolsky" not in out  # the template's sample
    # without the owner's Scholar id, the paper's page cannot be named: said
    bare = _alfolio(tmp_path / "old2", "email: x@example.org\n")
    site2 = new_site(tmp_path / "site2", "Xiaoxu Li")
    assert run_import(site2, "alfolio", bare) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "google_scholar_id (1 entry): not linked, as the site's scholar_userid" in out


# Two entries of a Scopus export whose `Scopus` / `EXPORT DATE: …` lines were lost, as
# when a user merges exports into one papers.bib
SCOPUS_UNDATED = """@ARTICLE{Wang2021,
	author = {Wang, Kaile and Lee, Ann},
	title = {A Scopus Title on Safe Reinforcement Learning},
	year = {2021},
	journal = {Journal of Things},
	doi = {10.1000/xyz},
	type = {Article},
	publication_stage = {Final},
	source = {Scopus},
	note = {Cited by: 12; All Open Access, Gold Open Access}
}

@ARTICLE{Wang2022,
	author = {Wang, Kaile},
	title = {Another Scopus Title},
	year = {2022},
	journal = {Journal of Things},
	doi = {10.1000/xyz2},
	type = {Article},
	publication_stage = {Final},
	source = {Scopus},
	note = {Cited by: 3}
}
"""


def test_scopus_counts_without_an_export_date_say_they_are_dated_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The counts of a Scopus file without its `EXPORT DATE:` line were dated with the
    import's day, unsaid: the page claimed they were read today, and such a count replaced
    a newer one a record had. The import says so, once a file; a file with its date line
    has nothing to say."""
    _, bib = bib_site(tmp_path, "Kaile Wang", SCOPUS_UNDATED)
    out = " ".join(capsys.readouterr().out.split())
    assert (
        f"{bib}: 2 citation counts from Scopus (entry 'Wang2021' and others) carry no date of "
        "the export (Scopus writes it as `EXPORT DATE:` above the entries): dated with the "
        "day of this import"
    ) in out
    assert out.count("carry no date of the export") == 1
    dated = new_site(tmp_path / "dated")
    assert run_import(dated, "bibtex", FIXTURES / "bibtex" / "trial-scopus.bib") == 0
    out = capsys.readouterr().out
    assert "no date of the export" not in out
    assert records_by_title(dated)["A Scopus Title on Safe Reinforcement Learning"][
        "citations_date"
    ] == dt.date(2025, 6, 2)
