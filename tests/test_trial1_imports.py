"""A newcomer's trial: an al-folio site, a colleague's BibTeX and hand edits, as the tools
and people that make them really write them; each test is one thing that tripped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest_support import new_site
from tests.ingest_support import records_by_title as records
from tests.ingest_support import run_import as _import


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site", "Maria Garcia-Lopez")


def _authors_of(site: Path, tmp_path: Path, author: str) -> list[str]:
    """The authors of the record imported from an entry whose `author` field is ``author``."""
    bib = tmp_path / "papers.bib"
    bib.write_text(
        f"@misc{{names,\n  title = {{Names}},\n  author = {{{author}}},\n  year = {{2023}},\n}}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", bib) == 0
    return list(records(site)["Names"]["authors"])


def test_tilde_accent_without_braces_in_a_name_is_the_letter(site: Path, tmp_path: Path) -> None:
    """`Jo\\~ao Silva`, a tilde accent written without braces as hand-typed BibTeX has it
    (al-folio's papers.bib, a colleague's file), is João Silva: the name parser read the
    `~` as TeX's tie between words, and the author list showed "Jo ao Silva"."""
    assert _authors_of(
        site,
        tmp_path,
        "Mar\\'ia Garc\\'ia-L\\'opez and Jo\\~ao Silva and Sim\\~{o}es, Ant\\^onio"
        " and Jo\\~ao~Pedro Sousa",
    ) == ["María García-López", "João Silva", "Antônio Simões", "João Pedro Sousa"]


TITLE = "Tokenization Matters: Subword Units for Morphologically-Rich Languages"
# A colleague's JabRef entry: five authors and `others`, the first four of them
FIRST_FOUR = ["Juan Pérez", "María García-López", "Erwin Schrödinger", "Søren Østergaard"]
JABREF = (
    "@InProceedings{Perez2021,\n"
    "  author    = {P\\'{e}rez, Juan and Garc\\'{\\i}a-L\\'{o}pez, Mar\\'{\\i}a and"
    ' Schr{\\"o}dinger, Erwin and {\\O}stergaard, S{\\o}ren and Ko{\\c{c}}, Ay{\\c s}e'
    " and others},\n"
    "  booktitle = {Proceedings of ICML},\n"
    f"  title     = {{{TITLE}}},\n"
    "  year      = {2021},\n"
    "  eprint    = {2104.05678},\n"
    "  archivePrefix = {arXiv},\n"
    "}\n"
)


def _arxiv_feed(tmp_path: Path, names: list[str]) -> Path:
    """arXiv's answer about the paper JABREF describes, naming ``names`` as its authors."""
    authors = "".join(f"<author><name>{name}</name></author>" for name in names)
    feed = tmp_path / "arxiv.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>ArXiv Query: id_list=2104.05678</title><entry>"
        "<id>http://arxiv.org/abs/2104.05678v3</id><published>2021-04-12T17:58:13Z</published>"
        f"<title>{TITLE}</title><summary>Tokenizers matter.</summary>{authors}</entry></feed>\n",
        encoding="utf-8",
    )
    return feed


def test_a_shorter_cut_list_does_not_replace_a_longer_one(site: Path, tmp_path: Path) -> None:
    """A colleague's JabRef entry names five authors and `others`; Google Scholar's entry
    for the same paper, in the same import, names three and `others`. The record kept
    Scholar's three, two authors lost, while its cite.bib (JabRef's) named all five."""
    jabref = tmp_path / "jabref.bib"
    jabref.write_text(JABREF, encoding="utf-8")
    scholar = tmp_path / "scholar.bib"
    scholar.write_text(
        "@article{garcia2021tokenization,\n"
        "  title={Tokenization matters: Subword units for morphologically-rich languages},\n"
        "  author={P{\\'e}rez, Juan and Garc{\\'\\i}a-L{\\'o}pez, Mar{\\'\\i}a and"
        ' Schr{\\"o}dinger, Erwin and others},\n'
        "  journal={arXiv preprint arXiv:2104.05678},\n"
        "  year={2021}\n"
        "}\n",
        encoding="utf-8",
    )
    for order in ((jabref, scholar), (scholar, jabref)):
        for old in (site / "content" / "papers").glob("*.md"):
            old.unlink()
        assert _import(site, "bibtex", *order) == 0
        assert records(site)[TITLE]["authors"] == [*FIRST_FOUR, "Ayşe Koç", "et al."]


def test_an_author_conflict_shows_where_the_lists_part(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record whose authors a BibTeX entry cut short (five names and `others`), then
    arXiv's answer naming all six: the conflict showed the first four names of each,
    "keeps 'Juan Pérez, …, Søren Østergaard...'; the import has 'Juan Pérez, …, Søren
    Østergaard...'", the same words twice, and not what differed nor how to take it."""
    bib = tmp_path / "jabref.bib"
    bib.write_text(JABREF, encoding="utf-8")
    assert _import(site, "bibtex", bib) == 0
    names = FIRST_FOUR
    feed = _arxiv_feed(tmp_path, [*names, "Ayşe Koç", "Lin Wei"])
    capsys.readouterr()
    assert _import(site, "arxiv", feed) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "conflict  authors:" in line)
    assert "keeps '…, Ayşe Koç, et al.'; the import has '…, Ayşe Koç, Lin Wei'" in line
    assert "delete `authors:` and import again" in line
    assert records(site)[TITLE]["authors"] == [
        *names,
        "Ayşe Koç",
        "et al.",
    ]  # the record's list is kept as it was


def test_a_tex_command_ended_by_a_space_in_a_name_is_one_letter(site: Path, tmp_path: Path) -> None:
    """A letter or accent command ended by a space, as TeX reads it and hand-typed BibTeX
    writes it (`Bj\\o rn`, `Anton\\'\\i n`, `Erd\\H os`): the name parser split the name at
    that space, and the page showed "Bjø rn Ommer", "Antoní n Dvořák", "Paul Erd ̋ os"."""
    assert _authors_of(
        site,
        tmp_path,
        "Bj\\o rn Ommer and Dvo\\v{r}\\'ak, Anton\\'\\i n and Erd\\H os, Paul"
        ' and \\AA str\\"om, Karl and \\v Cech, Eduard and \\L ukasz Kaiser',
    ) == [
        "Bjørn Ommer",
        "Antonín Dvořák",
        "Paul Erdős",
        "Karl Åström",
        "Eduard Čech",
        "Łukasz Kaiser",
    ]


ZOTERO = """
@article{martinez-rico_2024,
\ttitle = {Graph-based morphology},
\tdoi = {10.1371/journal.pone.0305362},
\tjournal = {PLOS ONE},
\tauthor = {Garcia-Lopez, Maria and Araujo, Lourdes},
\tmonth = jul,
\tyear = {2024},
\tnote = {Publisher: Public Library of Science},
\tpages = {e0305362},
}

@article{szczerbiak_2024,
\ttitle = {Metagenomic protein function prediction},
\tdoi = {10.1101/2024.08.14.607935},
\tjournal = {bioRxiv},
\tauthor = {Garcia-Lopez, Maria and Kosciolek, Tomasz},
\tyear = {2024},
\tnote = {Publisher: Cold Spring Harbor Laboratory
\\_eprint: https://www.biorxiv.org/content/early/2024/08/17/2024.08.14.607935.full.pdf},
}

@article{lee_2023,
\ttitle = {A note that says something},
\tjournal = {J. Test},
\tauthor = {Garcia-Lopez, Maria},
\tyear = {2023},
\tnote = {Publisher: Elsevier
Invited paper},
}
"""


def test_zoteros_extra_lines_in_a_note_are_no_note(site: Path, tmp_path: Path) -> None:
    """Zotero exports the lines of its Extra field as the note: `Publisher: Public Library
    of Science` (a journal article has no publisher field in Zotero) and bioRxiv's
    `_eprint: …full.pdf`. The paper's page showed them as the author's note, "Publisher:
    Cold Spring Harbor Laboratory _eprint: https://…", and cite.bib printed them in a
    reader's bibliography. They are no note; the `_eprint` PDF is the `pdf` link."""
    bib = tmp_path / "zotero.bib"
    bib.write_text(ZOTERO, encoding="utf-8")
    assert _import(site, "bibtex", bib) == 0
    found = records(site)
    plos = found["Graph-based morphology"]
    assert "note" not in plos
    assert "Publisher" not in plos["bibtex"]
    biorxiv = found["Metagenomic protein function prediction"]
    assert "note" not in biorxiv
    assert biorxiv["links"]["pdf"] == (
        "https://www.biorxiv.org/content/early/2024/08/17/2024.08.14.607935.full.pdf"
    )
    assert "Publisher" not in biorxiv["bibtex"]
    assert found["A note that says something"]["note"] == "Invited paper"


def test_biorxiv_declarations_are_not_the_abstract(site: Path, tmp_path: Path) -> None:
    """Zotero's export of a bioRxiv or medRxiv preprint runs the site's declarations into
    the abstract (`…disorders.Competing Interest StatementThe authors have declared no
    competing interest.Funding StatementN/AAuthor DeclarationsI confirm all relevant
    ethical guidelines have been followed…Yes`): the paper's page showed them as the
    abstract's last sentences."""
    bib = tmp_path / "zotero.bib"
    bib.write_text(
        "@article{a_2024,\n\ttitle = {Metagenomic protein function prediction},\n"
        "\tjournal = {bioRxiv},\n\tauthor = {Garcia-Lopez, Maria},\n\tyear = {2024},\n"
        "\tabstract = {Proteins from metagenomes. We predict their function.Competing Interest"
        " StatementThe authors have declared no competing interest.},\n}\n"
        "@article{b_2023,\n\ttitle = {Saliency maps in medical imaging},\n"
        "\tjournal = {medRxiv},\n\tauthor = {Garcia-Lopez, Maria},\n\tyear = {2023},\n"
        "\tabstract = {Saliency methods must be addressed before use.Competing Interest"
        " StatementThe authors have declared no competing interest.Funding StatementN/AAuthor"
        " DeclarationsI confirm all relevant ethical guidelines have been followed, and any"
        " necessary IRB and/or ethics committee approvals have been obtained.Yes},\n}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", bib) == 0
    found = records(site)
    assert found["Metagenomic protein function prediction"]["abstract"] == (
        "Proteins from metagenomes. We predict their function."
    )
    medrxiv = found["Saliency maps in medical imaging"]
    assert medrxiv["abstract"] == "Saliency methods must be addressed before use."
    assert "Competing Interest" in medrxiv["bibtex"]  # cite.bib keeps the entry as written


def test_hugo_starters_sample_tag_is_left_out(site: Path, tmp_path: Path) -> None:
    """Hugo Academic's sample publications are tagged `Source Themes`, and the many sites
    that copied a sample for each paper kept the tag: every imported paper showed the tag
    "Source Themes", and the paper finder offered it. A tag of the paper's own stays."""
    page = tmp_path / "old" / "content" / "publication" / "triededup" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: 'TrieDedup: fast deduplication'\nauthors:\n- Maria Garcia-Lopez\n"
        "date: '2022-02-22T00:00:00Z'\npublication_types: ['2']\npublication: '*Bioinformatics*'\n"
        "tags:\n- Source Themes\n- genomics\nfeatured: true\n---\n",
        encoding="utf-8",
    )
    assert _import(site, "hugo", tmp_path / "old") == 0
    assert records(site)["TrieDedup: fast deduplication"]["tags"] == ["genomics"]


def test_a_hugo_link_left_under_the_templates_name_is_named_by_its_address(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The starter's `links: - name: Custom Link`, its address made the site's own: the
    page showed a "Custom Link" button. A name of the site's own stays as written."""
    page = tmp_path / "old" / "content" / "publication" / "tool" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "---\ntitle: 'A Tool'\nauthors:\n- Maria Garcia-Lopez\ndate: '2022-02-22'\n"
        "links:\n- name: Custom Link\n  url: https://github.com/mgl/tool\n"
        "- name: Custom Link\n  url: https://www.youtube.com/watch?v=x\n"
        "- name: Custom Link\n  url: https://example.org\n"
        "- name: Blog post\n  url: https://mgl.example.net/tool\n---\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert _import(site, "hugo", tmp_path / "old") == 0
    assert records(site)["A Tool"]["links"] == {
        "code": "https://github.com/mgl/tool",
        "video": "https://www.youtube.com/watch?v=x",
        "Blog post": "https://mgl.example.net/tool",
    }
    assert "the link named `Custom Link` (the template's name for it) is imported as `code`" in (
        capsys.readouterr().out
    )


DBLP = """@inproceedings{DBLP:conf/acl/Garcia-LopezPS24,
  author       = {Mar{\\'{\\i}}a Garc{\\'{\\i}}a{-}L{\\'{o}}pez and
                  Juan P{\\'{e}}rez and
                  Wei Lin},
  title        = {Few-Shot Translation},
  booktitle    = {Proceedings of {ACL} 2024},
  year         = {2024},
  doi          = {10.18653/V1/2024.ACL-LONG.62},
}
"""


@pytest.mark.parametrize("field", ["authors", "title", "date"])
@pytest.mark.parametrize("empty", [True, False])
def test_a_required_field_deleted_to_take_the_imports_is_filled(
    site: Path, tmp_path: Path, field: str, empty: bool
) -> None:
    """A conflict says to delete the field and import again to take the import's value;
    for `authors`, `title` or `date`, the import then refused the record it was about to
    fill: "missing required field `authors`", and nothing was written."""
    record = site / "content" / "papers" / "few-shot.md"
    lines = {
        "title": "title: Few-Shot Translation for Low-Resource Languages\n",
        "authors": "authors:\n  - María García-López\n  - Juan Pérez\n  - et al.\n",
        "date": "date: 2024-08\n",
    }
    lines[field] = (
        {"authors": "authors: []\n", "title": "title:\n", "date": "date:\n"}[field] if empty else ""
    )
    record.write_text(
        "---\n" + "".join(lines.values()) + "doi: 10.18653/v1/2024.acl-long.62\n---\n",
        encoding="utf-8",
    )
    bib = tmp_path / "dblp.bib"
    bib.write_text(DBLP, encoding="utf-8")
    assert _import(site, "bibtex", bib) == 0
    taken = {
        "authors": ["María García-López", "Juan Pérez", "Wei Lin"],
        "title": "Few-Shot Translation",
        "date": 2024,
    }
    found = next(iter(records(site).values()))
    assert found[field] == taken[field]


def test_a_list_cut_short_that_agrees_with_the_records_is_no_conflict(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """arXiv's answer names all six authors; the colleague's JabRef entry, imported after,
    names the first five and `others`, which the record's list agrees with. It was a
    conflict at every import ("keeps '…, Ayşe Koç, Lin Wei'; the import has '…, Ayşe Koç,
    et al.'"), though the entry says nothing the record does not."""
    feed = _arxiv_feed(tmp_path, [*FIRST_FOUR, "Ayşe Koç", "Lin Wei"])
    assert _import(site, "arxiv", feed) == 0
    bib = tmp_path / "jabref.bib"
    bib.write_text(JABREF, encoding="utf-8")
    capsys.readouterr()
    assert _import(site, "bibtex", bib) == 0
    assert "conflict  authors" not in capsys.readouterr().out
    assert records(site)[TITLE]["authors"][-1] == "Lin Wei"
    # a list cut short that names another author where the record has one is a conflict
    bib.write_text(JABREF.replace('Schr{\\"o}dinger, Erwin', "Planck, Max"), encoding="utf-8")
    assert _import(site, "bibtex", bib) == 0
    assert "conflict  authors" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("written", "date"),
    [("2021/03", "2021-03"), ("2021/3/5", "2021-03-05"), ("2021/2022", "2021")],
)
def test_a_date_written_with_slashes_keeps_its_month(
    site: Path, tmp_path: Path, written: str, date: str
) -> None:
    """`date = {2021/03}`, as a hand writes a month in BibTeX, was imported as `2021`, the
    month lost without a word; biblatex's range of years (`2021/2022`) is its first year."""
    bib = tmp_path / "papers.bib"
    bib.write_text(
        f"@article{{d,\n  title = {{Dated}},\n  author = {{Ann Lee}},\n  date = {{{written}}},\n}}\n",
        encoding="utf-8",
    )
    assert _import(site, "bibtex", bib) == 0
    assert str(records(site)["Dated"]["date"]) == date
