"""DOIs and arXiv ids: real shapes link and cite correctly, junk is a located error."""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import build
from generator.cli import main
from generator.errors import ContentError, Problems
from generator.parse import Text, parse_paper
from tests.ingest_support import new_site, read_papers
from tests.test_seo import head

BASE = "https://example.org/kw/"
SICI = "10.1002/(SICI)1097-4636(199711)37:2<241::AID-JBM13>3.0.CO;2-F"

# (as written in the record, the bare DOI, the resolver address the page links to)
DOIS = [
    ("10.1093/ajae/aaq063", "10.1093/ajae/aaq063", "https://doi.org/10.1093/ajae/aaq063"),
    (
        SICI,
        SICI,
        "https://doi.org/10.1002/(SICI)1097-4636(199711)37:2%3C241::AID-JBM13%3E3.0.CO;2-F",
    ),
    ("doi:10.1000/182", "10.1000/182", "https://doi.org/10.1000/182"),
    (
        "https://doi.org/10.1145/3292500.3330919",
        "10.1145/3292500.3330919",
        "https://doi.org/10.1145/3292500.3330919",
    ),
    # A resolver address is percent-encoded: the DOI is what it encodes.
    (
        "https://dx.doi.org/10.1175/1520-0469(1981)038%3C1179:TSLROA%3E2.0.CO;2",
        "10.1175/1520-0469(1981)038<1179:TSLROA>2.0.CO;2",
        "https://doi.org/10.1175/1520-0469(1981)038%3C1179:TSLROA%3E2.0.CO;2",
    ),
    # Registrant in parts; # ? % in a suffix would cut the address short unless escaped.
    ("10.1000.10/a#b?c%d", "10.1000.10/a#b?c%d", "https://doi.org/10.1000.10/a%23b%3Fc%25d"),
]


def record(doi: str = "", arxiv: str = "", extra: str = "") -> str:
    """A paper record with the given ``doi`` and ``arxiv_id`` lines (as YAML strings)."""
    lines = ["---", "title: Things", "authors: [Ada Lovelace]", "date: 2024-05-07"]
    if doi:
        lines.append(f"doi: {json.dumps(doi)}")
    if arxiv:
        lines.append(f"arxiv_id: {json.dumps(arxiv)}")
    return "\n".join([*lines, *([extra] if extra else []), "---", "An abstract.", ""])


def problems_of(text: str) -> list[str]:
    problems = Problems()
    parse_paper(Text("content/papers/x.md", text), problems)
    return [str(p) for p in problems.items]


class Facts(HTMLParser):
    """The page's DOI and arXiv entries: each link's address and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, tuple[str, str]] = {}
        self._dt = ""
        self._href: str | None = None
        self._in_dt = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_dt = tag == "dt"
        if tag == "a" and self._dt in ("DOI", "arXiv"):
            self._href = dict(attrs).get("href") or ""

    def handle_data(self, data: str) -> None:
        if self._in_dt:
            self._dt = data.strip()
        elif self._href is not None:
            self.links[self._dt] = (self._href, data)

    def handle_endtag(self, tag: str) -> None:
        self._in_dt = False
        if tag == "a":
            self._href = None
        if tag == "div":
            self._dt = ""


@pytest.mark.parametrize(("written", "bare", "address"), DOIS)
def test_real_dois_link_cite_and_describe_the_paper(
    make_site: Callable[[dict[str, str | bytes]], Path],
    tmp_path: Path,
    written: str,
    bare: str,
    address: str,
) -> None:
    site = make_site(
        {
            "site.yaml": f"title: T\nbase_url: {BASE}\nbuild_date: 2026-11-28\n",
            "content/papers/things.md": record(written, "arXiv:hep-th/9901001v2"),
        }
    )
    out = tmp_path / "out"
    build(site, out)
    page = out / "papers" / "things" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "<241" not in html and "<1179" not in html  # escaped, never markup
    facts = Facts()
    facts.feed(html)
    assert facts.links["DOI"] == (address, bare)
    assert facts.links["arXiv"] == (
        "https://arxiv.org/abs/hep-th/9901001v2",
        "hep-th/9901001v2",
    )
    parsed = head(page)
    meta = dict(parsed.meta)
    assert meta["citation_doi"] == bare
    assert meta["citation_arxiv_id"] == "hep-th/9901001"  # every version, as arXiv names it
    data = json.loads(parsed.jsonld[0])
    assert data["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI", "value": bare}
    assert address in data["sameAs"]
    bib = (out / "papers" / "things" / "cite.bib").read_text(encoding="utf-8")
    assert f"  doi = {{{bare}}},\n" in bib
    assert "  eprint = {hep-th/9901001v2},\n" in bib


def test_a_doi_link_read_from_links_is_checked_and_cited_bare(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    links = f"links:\n  doi: https://doi.org/{SICI}\n  arxiv: math.GT/0309136"
    site = make_site({"content/papers/things.md": record(extra=links)})
    build(site, tmp_path / "out")
    meta = dict(head(tmp_path / "out" / "papers" / "things" / "index.html").meta)
    assert meta["citation_doi"] == SICI
    assert meta["citation_arxiv_id"] == "math.GT/0309136"


@pytest.mark.parametrize(
    "junk",
    [
        "foo",
        "10.1234",
        "10.1234/",
        "https://example.com/10.1/x",
        "10.12/ab cd",
        "Attention Is All You Need",
        "https://doi.org/10.1234",
        "doi:",
        "10.abc/x",
    ],
)
def test_a_doi_that_is_none_is_a_located_error(junk: str) -> None:
    assert problems_of(record(junk)) == [
        f"content/papers/x.md:5: doi `{junk}` is not a DOI (10.<registrant>/<suffix>, "
        "such as 10.1145/3292500.3330919); correct it or remove the line"
    ]


@pytest.mark.parametrize(
    "junk",
    [
        "2401.1234x",
        "2401.123",
        "foo",
        "arXiv:",
        "hep-th/990100",
        "https://arxiv.org/abs/x",
        "24 01",
    ],
)
def test_an_arxiv_id_that_is_none_is_a_located_error(junk: str) -> None:
    assert problems_of(record(arxiv=junk)) == [
        f"content/papers/x.md:5: arxiv_id `{junk}` is not an arXiv id (such as 2401.12345, "
        "2401.12345v2 or hep-th/9901001); correct it or remove the line"
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            'doi: "doi.org/10.1145/3292500.3330919"',
            "doi `doi.org/10.1145/3292500.3330919` is not a DOI (10.<registrant>/<suffix>, "
            "such as 10.1145/3292500.3330919); write `10.1145/3292500.3330919`",
        ),
        (
            'arxiv_id: "https://arxiv.org/abs/2401.12345v2"',
            "arxiv_id `https://arxiv.org/abs/2401.12345v2` is not an arXiv id (such as "
            "2401.12345, 2401.12345v2 or hep-th/9901001); write `2401.12345v2`",
        ),
        (
            "links:\n  arxiv: arxiv.org/pdf/2401.12345.pdf",
            "link `arxiv` `arxiv.org/pdf/2401.12345.pdf` is neither an arXiv id (such as "
            "2401.12345, 2401.12345v2 or hep-th/9901001) nor a web address; write `2401.12345`",
        ),
        (
            "links:\n  doi: www.doi.org/10.1000/182",
            "link `doi` `www.doi.org/10.1000/182` is neither a DOI nor a web address "
            "(10.<registrant>/<suffix>, such as 10.1145/3292500.3330919); write `10.1000/182`",
        ),
        (  # an arXiv address is no DOI: no fix to offer but the general one
            "links:\n  doi: arxiv.org/abs/2401.12345",
            "link `doi` `arxiv.org/abs/2401.12345` is neither a DOI nor a web address "
            "(10.<registrant>/<suffix>, such as 10.1145/3292500.3330919); correct it or remove "
            "the line",
        ),
    ],
)
def test_an_address_copied_for_an_identifier_says_which_identifier_to_write(
    line: str, message: str
) -> None:
    # Copied from the address bar without `https://`, or a page where an id belongs: the
    # identifier is right there, so the message says it.
    at = 5 + line.count("\n")
    assert problems_of(record(extra=line)) == [f"content/papers/x.md:{at}: {message}"]


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("2401.12345", "2401.12345"),
        ("0704.0001", "0704.0001"),
        ("2401.12345v3", "2401.12345v3"),
        ("arXiv:2401.12345", "2401.12345"),
        ("hep-th/9901001", "hep-th/9901001"),
        ("math.GT/0309136v1", "math.GT/0309136v1"),
    ],
)
def test_arxiv_ids_of_both_styles_are_read(written: str, kept: str) -> None:
    problems = Problems()
    paper = parse_paper(Text("content/papers/x.md", record(arxiv=written)), problems)
    assert problems.items == [] and paper is not None
    assert paper.arxiv_id == kept


def test_bad_ids_are_reported_with_every_other_problem_of_the_build(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    site = make_site(
        {
            "content/papers/a.md": record("10.1234", "2401.1234x", "citations: -1"),
            "content/papers/b.md": record(extra="links:\n  doi: foo\n  arxiv: 2401.1234x"),
        }
    )
    with pytest.raises(ContentError) as caught:
        build(site, tmp_path / "out")
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith("content/papers/a.md:5: doi `10.1234` is not a DOI") for m in messages)
    assert any(m.startswith("content/papers/a.md:6: arxiv_id `2401.1234x`") for m in messages)
    assert any(m.startswith("content/papers/a.md:7: `citations` must be 0") for m in messages)
    assert any(
        m.startswith("content/papers/b.md:6: link `doi` `foo` is neither a DOI") for m in messages
    )
    assert any(
        m.startswith("content/papers/b.md:7: link `arxiv` `2401.1234x` is neither an arXiv id")
        for m in messages
    )
    assert not (tmp_path / "out").exists()


JUNK_BIB = """\
@article{good2020,
  title = {Good Paper},
  author = {Lovelace, Ada},
  journal = {Journal of Engines},
  year = {2020},
  doi = {10.1002/(SICI)1097-4636(199711)37:2<241::AID-JBM13>3.0.CO;2-F},
}

@article{junk2021,
  title = {Junk Identifiers},
  author = {Lovelace, Ada},
  journal = {Journal of Engines},
  year = {2021},
  doi = {not a doi},
}

@misc{eprint2022,
  title = {A Preprint With a Typo},
  author = {Lovelace, Ada},
  year = {2022},
  eprint = {2401.1234x},
  archivePrefix = {arXiv},
}
"""


def test_an_import_leaves_out_what_is_no_doi_or_arxiv_id_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path / "site")
    bib = tmp_path / "papers.bib"
    bib.write_text(JUNK_BIB, encoding="utf-8")
    assert main(["import", "bibtex", str(bib), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    assert (
        f"note: {bib}:9: entry 'junk2021': doi `not a doi` is not a DOI; imported without it" in out
    )
    assert (
        f"note: {bib}:17: entry 'eprint2022': arXiv id `2401.1234x` is not an arXiv id; "
        "imported without it"
    ) in out
    found = {str(data["title"]): data for _, data, _ in read_papers(site)}
    assert found["Good Paper"]["doi"] == SICI
    junk, preprint = found["Junk Identifiers"], found["A Preprint With a Typo"]
    assert "doi" not in junk and "not a doi" not in junk["bibtex"]
    assert "arxiv_id" not in preprint and "arxiv" not in preprint.get("links", {})
    assert "2401.1234x" not in preprint["bibtex"]
    # What was written builds, and its cite.bib holds no junk.
    build(site, tmp_path / "out")
    cites = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("cite.bib"))
    assert "not a doi" not in cites and "2401.1234x" not in cites
