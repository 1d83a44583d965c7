"""`authorsite import arxiv`: saved responses, ids, URLs, and every bad-input path."""

from __future__ import annotations

import http.server
import io
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.ingest import sources
from generator.ingest.tex_markdown import tex_markdown
from tests.ingest_support import FIXTURES as INGEST
from tests.ingest_support import new_site, read_papers, snapshot

FIXTURES = INGEST / "arxiv"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return new_site(tmp_path / "site")


def papers(site: Path) -> dict[str, tuple[dict[str, Any], str]]:
    """Every record's front matter and body, by file name."""
    return {path.name: (data, body) for path, data, body in read_papers(site)}


def test_classic_response_maps_every_field(site: Path) -> None:
    assert main(["import", "arxiv", str(FIXTURES / "classic.xml"), "--site", str(site)]) == 0
    records = {data["arxiv_id"]: (data, body) for data, body in papers(site).values()}
    dpo, abstract = records["2305.18290"]
    assert dpo["title"] == (
        "Direct Preference Optimization: Your Language Model is Secretly a Reward Model"
    )
    assert dpo["authors"][0] == "Rafael Rafailov" and dpo["authors"][-1] == "Chelsea Finn"
    assert len(dpo["authors"]) == 6
    assert str(dpo["date"]) == "2023-05-29"  # first published, not the v2 update
    assert dpo["category"] == "cs.LG"
    assert dpo["venue"] == "Advances in Neural Information Processing Systems 36 (NeurIPS 2023)"
    assert dpo["note"] == "NeurIPS 2023 camera-ready; 27 pages, 6 figures"
    assert dpo["links"] == {
        "arxiv": "https://arxiv.org/abs/2305.18290",
        "pdf": "https://arxiv.org/pdf/2305.18290",  # v2's, as the latest version is served
    }
    assert abstract.startswith("While large-scale unsupervised language models (LMs) learn")
    assert "\n\n" not in abstract  # the feed's hard line breaks are folded into one paragraph
    old, _ = records["cond-mat/0102536"]  # old-style id, version kept apart
    assert old["doi"] == "10.1063/1.1383585"
    # the APS journals' form of a reference, read apart
    assert (old["venue"], old["volume"], old["pages"]) == ("J. Chem. Phys.", 115, 1626)
    assert old["category"] == "cond-mat.str-el"


def test_new_response_format_keeps_latex_and_paragraphs(site: Path) -> None:
    assert main(["import", "arxiv", str(FIXTURES / "new.xml"), "--site", str(site)]) == 0
    records = {data["arxiv_id"]: (data, body) for data, body in papers(site).values()}
    assert set(records) == {"2505.21432", "2409.01234", "2311.07770"}
    safe, abstract = records["2505.21432"]
    assert safe["title"] == (
        r"Safe $\epsilon$-Greedy Exploration for Multimodal Alignment: A Constrained Policy View"
    )
    assert r"$\epsilon$-greedy" in abstract
    assert abstract.count("\n\n") == 1  # the blank line between two paragraphs survives
    assert safe["authors"] == ["Jiaming Ji", "Kaile Wang", "Yaodong Yang"]
    assert safe["links"]["pdf"] == "https://arxiv.org/pdf/2505.21432"
    acl, _ = records["2409.01234"]
    assert acl["doi"] == "10.18653/v1/2025.acl-long.88"
    assert acl["venue"] == "Proceedings of ACL 2025, pages 1201–1219"  # TeX's -- is a dash


def test_ids_become_one_api_query(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake_fetch(url: str) -> io.BytesIO:
        asked.append(url)
        return io.BytesIO((FIXTURES / "classic.xml").read_bytes())

    monkeypatch.setattr(sources, "connect", fake_fetch)
    ids = ["2305.18290v2", "arXiv:cond-mat/0102536"]
    assert main(["import", "arxiv", *ids, "--site", str(site)]) == 0
    assert len(asked) == 1
    assert asked[0].startswith("https://export.arxiv.org/api/query?")
    assert "id_list=2305.18290v2%2Ccond-mat%2F0102536" in asked[0]
    assert len(papers(site)) == 2


def test_a_file_url_is_fetched(site: Path) -> None:
    url = (FIXTURES / "new.xml").resolve().as_uri()
    assert main(["import", "arxiv", url, "--site", str(site)]) == 0
    assert len(papers(site)) == 3


@pytest.mark.parametrize(
    ("fixture", "line", "message"),
    [
        ("error.xml", 10, "arXiv answered with an error: incorrect id format for 1234.12345v"),
        ("empty.xml", 1, "the feed has no entries (0 results)"),
        ("malformed.xml", 31, "malformed XML"),
    ],
)
def test_bad_feeds_fail_with_a_located_message_and_write_nothing(
    site: Path, capsys: pytest.CaptureFixture[str], fixture: str, line: int, message: str
) -> None:
    before = snapshot(site)
    source = str(FIXTURES / fixture)
    assert main(["import", "arxiv", str(FIXTURES / "new.xml"), source, "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{source}:{line}: {message}" in err
    assert snapshot(site) == before


def test_not_an_atom_feed(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rss = tmp_path / "feed.xml"
    rss.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
                   "</channel></rss>", encoding="utf-8")  # fmt: skip
    assert main(["import", "arxiv", str(rss), "--site", str(site)]) == 1
    assert f"{rss}:1: is an RSS feed, not an arXiv API response (an Atom feed)" in (
        capsys.readouterr().err
    )


def test_unreachable_url_is_one_clear_error(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port that was just free: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/query?id_list=2305.18290"
    before = snapshot(site)
    assert main(["import", "arxiv", url, "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"{url}: cannot fetch: 127.0.0.1 refused the connection; check the address" in err
    assert "Traceback" not in err
    assert snapshot(site) == before


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        # what Python says of each: `[Errno -2] Name or service not known`, `timed out`
        (
            socket.gaierror(-2, "Name or service not known"),
            "no host export.arxiv.org was found (is this machine offline, or the address "
            "mistyped?); open the address in a browser, save the answer and import the saved file",
        ),
        (TimeoutError("timed out"), "export.arxiv.org did not answer within 30 s; try again"),
    ],
)
def test_no_network_says_so_and_how_to_import_without_one(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: OSError,
    said: str,
) -> None:
    def offline(*args: object, **kwargs: object) -> None:
        raise urllib.error.URLError(failure)

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    assert main(["import", "arxiv", "2305.18290", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert (
        f"export.arxiv.org/api/query?id_list=2305.18290&max_results=1: cannot fetch: {said}" in err
    )


def test_missing_file_is_named(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a usage error, as every name of the command line that is not there (exit status 2)
    assert main(["import", "arxiv", "nowhere/saved.xml", "--site", str(site)]) == 2
    assert "nowhere/saved.xml: no such file (there is no folder " in capsys.readouterr().err


def test_hostile_feed_text_stays_text_and_script_links_are_dropped(
    site: Path, tmp_path: Path
) -> None:
    feed = (FIXTURES / "new.xml").read_text(encoding="utf-8")
    feed = feed.replace(
        "<title>Language Feedback Improves Tool Use in Small Models</title>",
        "<title>Language &lt;script&gt;alert(1)&lt;/script&gt; Feedback</title>",
    ).replace('href="https://arxiv.org/pdf/2311.07770v2"', 'href="javascript:alert(1)"')
    hostile = tmp_path / "hostile.xml"
    hostile.write_text(feed, encoding="utf-8")
    assert main(["import", "arxiv", str(hostile), "--site", str(site)]) == 0
    records = {data["arxiv_id"]: data for data, _ in papers(site).values()}
    tool = records["2311.07770"]
    assert tool["title"] == "Language <script>alert(1)</script> Feedback"  # kept as text
    assert "javascript" not in str(tool["links"])
    assert tool["links"] == {"arxiv": "https://arxiv.org/abs/2311.07770"}


def test_one_page_of_a_longer_result_says_how_to_get_the_rest(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page1.xml"
    text = (FIXTURES / "new.xml").read_text(encoding="utf-8")
    page.write_text(text.replace("<opensearch:totalResults>3<", "<opensearch:totalResults>57<"))
    assert main(["import", "arxiv", str(page), "--site", str(site)]) == 0
    out = capsys.readouterr().out
    # at its count of results' line, as the other notes name theirs
    assert f"note: {page}:8: holds results 1-3 of 57; import the next page too (start=3)" in out
    assert main(["import", "arxiv", str(FIXTURES / "new.xml"), "--site", str(site)]) == 0
    assert "note:" not in capsys.readouterr().out  # a complete result needs no note


class _Handler(http.server.BaseHTTPRequestHandler):
    """A loopback stand-in for the arXiv API: one saved response, 503 otherwise."""

    def do_GET(self) -> None:
        if self.path.startswith("/api/query"):
            body = (FIXTURES / "new.xml").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/atom+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(503, "Service Unavailable")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def api() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_http_fetch_and_http_errors(
    site: Path, api: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["import", "arxiv", f"{api}/api/query?id_list=2505.21432", "--site", str(site)]) == 0
    )
    assert len(papers(site)) == 3
    before = snapshot(site)
    assert main(["import", "arxiv", f"{api}/down", "--site", str(site)]) == 1
    assert f"{api}/down: the server answered 503 Service Unavailable" in capsys.readouterr().err
    assert snapshot(site) == before


def test_arguments_that_are_no_id_url_or_file(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "arxiv", "1234.1234v", "wang", "--site", str(site)]) == 2  # usage
    err = capsys.readouterr().err
    assert "1234.1234v: not an arXiv id (expected e.g. 2505.12345, 2505.12345v2)" in err
    assert "wang: neither an arXiv id, a URL nor a file" in err


def test_a_papers_page_address_asks_the_api_for_its_id(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Copied from the browser: fetched as is, the abstract page is HTML, not an API answer.
    asked: list[str] = []

    def fake_fetch(url: str) -> io.BytesIO:
        asked.append(url)
        return io.BytesIO((FIXTURES / "classic.xml").read_bytes())

    monkeypatch.setattr(sources, "connect", fake_fetch)
    pages = ["arxiv.org/abs/2305.18290v2", "http://arxiv.org/pdf/cond-mat/0102536.pdf"]
    assert main(["import", "arxiv", *pages, "--site", str(site)]) == 0
    assert asked == [
        "https://export.arxiv.org/api/query?id_list=2305.18290v2%2Ccond-mat%2F0102536&max_results=2"
    ]
    assert len(papers(site)) == 2


def test_an_id_arxiv_does_not_know_is_named_and_nothing_is_written(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # arXiv leaves an unknown id out of its answer (and still counts it in totalResults).
    monkeypatch.setattr(
        sources, "connect", lambda url: io.BytesIO((FIXTURES / "missing-id.xml").read_bytes())
    )
    before = snapshot(site)
    assert main(["import", "arxiv", "2305.18290", "2505.99999", "--site", str(site)]) == 1
    captured = capsys.readouterr()
    assert "2505.99999: arXiv has no paper with this id (a typo?)" in captured.err
    assert "2305.18290:" not in captured.err
    assert "next page" not in captured.out  # not "one page of a longer result"
    assert snapshot(site) == before


def test_a_saved_answer_to_ids_names_the_id_it_lacks(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Saved with curl; it was asked for two ids and holds one: not "one page of a longer
    # result" (its totalResults still says 2), but an id arXiv does not know.
    saved = FIXTURES / "missing-id.xml"
    assert main(["import", "arxiv", str(saved), "--site", str(site)]) == 1
    captured = capsys.readouterr()
    assert "2505.99999: arXiv has no paper with this id (a typo?)" in captured.err
    assert "next page" not in captured.out
    # Answers to a search, and answers holding every id asked for, are as before.
    assert main(["import", "arxiv", str(FIXTURES / "classic.xml"), "--site", str(site)]) == 0
    assert main(["import", "arxiv", str(FIXTURES / "new.xml"), "--site", str(site)]) == 0


def test_several_dois_keep_the_papers_own(site: Path) -> None:
    # arXiv's doi field lists the paper's DOI and its erratum's, separated by a space.
    assert main(["import", "arxiv", str(FIXTURES / "erratum-doi.xml"), "--site", str(site)]) == 0
    ((data, _),) = papers(site).values()
    assert data["doi"] == "10.1103/PhysRevD.76.044016"
    assert data["venue"] == "Phys.Rev.D76:044016,2007; Erratum-ibid.D77:049902,2008"
    assert data["authors"] == ["Jörg Müller", "Kaile Wang"]


def test_tex_accents_become_letters_and_math_stays_as_written(site: Path) -> None:
    """arXiv sends its metadata as typed: ``Schr\\"odinger``. As written, the site showed
    Schr"odinger (Markdown reads ``\\"`` as an escaped quote) and slugged it schr-odinger."""
    assert main(["import", "arxiv", str(FIXTURES / "tex-accents.xml"), "--site", str(site)]) == 0
    records = papers(site)
    assert set(records) == {
        "godel-machines-self-referential-universal-problem-solvers.md",
        "ground-states-of-the-nonlinear-schrodinger-equation-with-a.md",
    }
    data, wrapped = records["ground-states-of-the-nonlinear-schrodinger-equation-with-a.md"]
    abstract = " ".join(wrapped.split())  # the record wraps it for an editor
    assert data["title"] == (
        "Ground states of the nonlinear Schrödinger equation with a Pólya-type potential"
    )
    # (the journal reference `… Non Lin\'eaire 30 (2013) 411-432`, in INSPIRE's form)
    assert data["venue"] == "Ann. Inst. H. Poincaré Anal. Non Linéaire"
    assert (data["volume"], data["pages"]) == (30, "411–432")
    assert data["note"] == "18 pages; dedicated to László Erdős"
    assert "of Erdős and Szőkefalvi-Nagy" in abstract
    # The math is TeX for the page's renderer, kept to the character.
    assert "$i\\partial_t u + \\Delta u = V(x)u - |u|^{p-1}u$" in abstract
    assert "$\\|u\\|_{L^2} \\le C$" in abstract
    godel, wrapped = records["godel-machines-self-referential-universal-problem-solvers.md"]
    assert godel["title"].startswith("Gödel Machines:")
    assert "Kurt Gödel's celebrated" in " ".join(wrapped.split()) and "$O(n^2)$" in wrapped


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        ('{\\"u}ber and \\"{U}ber', "über and Über"),
        (
            "Fran\\c{c}ois, Fran\\c cois, Garc\\'{\\i}a, na\\\"{\\i}ve",
            "François, François, García, naïve",
        ),
        ("\\v{S}ediv\\'y, \\L\\'od\\'z, \\r{A}ngstr\\\"om", "Šedivý, Łódź, Ångström"),
        ('Stra\\ss e, {\\ss}, \\AA str\\"om, \\o{}ster', "Straße, ß, Åström, øster"),
        # TeX drops the space that ends the command word \i, under an accent too.
        ("Mart\\'\\i n Abadi, na\\\"\\i ve", "Martín Abadi, naïve"),
        # Not accents: math, a TeX line break before a quote, a command, an empty accent.
        ('$\\"o + \\hat{x}$ and \\\\"quoted"', '$\\"o + \\hat{x}$ and \\\\"quoted"'),
        ("\\omega, \\cite{x}, \\c{} and \\$5 costs", "\\omega, \\cite{x}, \\c{} and \\$5 costs"),
        # TeX's dashes and quotes; a flag's dashes and math are left as written.
        ("Hartree--Fock, pp. 1--5, a --- b, (iii) -- c", "Hartree–Fock, pp. 1–5, a — b, (iii) – c"),
        ('``plain\'\' and ``plain" and "x"', '“plain” and “plain” and "x"'),
        (
            "the --verbose flag, A --> B, $f''(x)$, $a--b$",
            "the --verbose flag, A --> B, $f''(x)$, $a--b$",
        ),
        # A range between formulas (or addresses) is one too: the dash stood alone.
        (
            "for $0.1$--$0.5$, $n$---$m$ and \\url{https://x.org/a}--\\url{https://x.org/b}",
            "for $0.1$–$0.5$, $n$—$m$ and \\url{https://x.org/a}–\\url{https://x.org/b}",
        ),
        # An address is not text: its `--` and `''` lead where they were typed.
        (
            "see \\url{https://x.org/a--b} and \\href{https://x.org/c''d}{our--code}, "
            "https://github.com/u/tool--v2 or www.x.org/e--f",
            "see \\url{https://x.org/a--b} and \\href{https://x.org/c''d}{our–code}, "
            "https://github.com/u/tool--v2 or www.x.org/e--f",
        ),
        # An address ends where TeX starts again: at a backslash that escapes no character
        # of it (`\_` is `_`), and before the closing quote of ``…'' around it. The
        # address took the name after it along, left `M\"uller` as typed, and the quote.
        (
            "at https://x.org/my\\_tool--v2,M\\\"uller--Fock\\\\ and ``www.x.org/a--b''",
            "at https://x.org/my\\_tool--v2,Müller–Fock\\\\ and “www.x.org/a--b”",
        ),
        (
            'math after an address: www.x.org/$\\"o--x$',
            'math after an address: www.x.org/$\\"o--x$',
        ),
    ],
)
def test_tex_accents(tex: str, text: str) -> None:
    from generator.ingest.work import tex_accents

    assert tex_accents(tex) == text


def test_math_never_closed_takes_no_time() -> None:
    """An abstract of `\\(` never closed (hostile, or a cut-off export) was searched for its
    `\\)` to the end from each one: 20,000 took three seconds, these 100,000 two minutes,
    which the suite's durations show (no test asserts a time)."""
    from generator.ingest.work import as_markdown, tex_accents

    assert as_markdown(tex_accents("\\(" * 100_000 + r"Schr\"odinger")).endswith("Schrödinger")
    # a \( never closed takes no text after the next \( into its math
    accented = tex_accents("\\(" * 3 + r" Schr\"odinger \(x\) -- \( y")
    assert accented.endswith(r" Schrödinger \(x\) – \( y")


def test_a_line_after_a_break_is_no_code_rule_or_heading() -> None:
    """`\\\\` is a line break: the line after it, or a paragraph, that opens with
    `` ``` `` made the rest of the abstract code and dropped its own words, one of `---` or
    `===` set the line before as a heading, which the page does not show."""
    from generator.ingest.work import as_markdown
    from generator.markup import render_markdown

    tex = r"Results \\ ``` (code) here \\ --- \\ ___" + "\n\n=== b\n\n```py c"
    shown = render_markdown(as_markdown(tex_markdown(tex)))
    assert shown == (
        "<p>Results <br>\n``` (code) here <br>\n--- <br>\n___</p>\n<p>=== b</p>\n<p>```py c</p>"
    )


def test_a_withdrawn_paper_is_imported_as_a_draft_with_a_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A search by author returns the papers one withdrew (a crucial error in Lemma 3);
    they were listed and counted like the others. Its comment says so: it comes in as a
    draft, off the site, and the import says why."""
    from generator.build import build

    source = str(FIXTURES / "withdrawn.xml")
    assert main(["import", "arxiv", source, "--site", str(site)]) == 0
    out = capsys.readouterr().out
    records = {data["arxiv_id"]: data for data, _ in papers(site).values()}
    assert records["1206.5538"]["draft"] is True
    assert records["2511.00898"]["draft"] is True
    # "withdrawn items" is its subject; its comment says an earlier version was withdrawn
    assert "draft" not in records["2402.01234"]
    assert "arXiv 1206.5538v2 is withdrawn (This paper has been withdrawn by the author" in out
    assert out.count("gets draft: true, which keeps it off the site") == 2
    build(site, site / "output")
    listed = sorted(p.name for p in (site / "output" / "papers").iterdir() if p.is_dir())
    assert listed == ["withdrawn-items-in-online-marketplaces-evidence-from-auction"]


def test_tex_dashes_quotes_and_split_initials_read_as_typeset(site: Path) -> None:
    # A recorded author query (A. Del Maestro): "Hartree--Fock", ``plain" and "Y. -J. Kao"
    # (arXiv's API splits hyphenated initials) showed as typed on the site.
    source = str(FIXTURES / "tex-dashes.xml")
    assert main(["import", "arxiv", source, "--site", str(site)]) == 0
    found = {data["title"]: (data, " ".join(body.split())) for data, body in papers(site).values()}
    _, abstract = found[
        "Efficient simulations of Hartree–Fock equations by an accelerated gradient descent method"
    ]
    assert "into the “plain” gradient descent method" in abstract
    assert "Aspect (iii) – a multiple-mode elimination – may bring" in abstract
    spin, _ = found[
        "The Spin Liquid State of the Tb2Ti2O7 Pyrochlore Antiferromagnet: A Puzzling State of Affairs"
    ]
    assert spin["authors"] == ["M. Enjalran", "M. J. P. Gingras", "Y.-J. Kao", "A. Del Maestro"]


def test_tex_formatting_in_abstracts_becomes_markdown(site: Path) -> None:
    """arXiv sends abstracts as typed, formatting and all (fixtures/arxiv/tex-markup.xml):
    the page showed `{\\em attention bridge}`, `\\emph{Task Oriented MOO}` and `98.5\\%`
    as written, and `\\url{https://github.com/…/TAMOO}` as a link to `…/TAMOO}`, a page
    that is not there. They are emphasis, a link and a percent sign; math stays."""
    assert main(["import", "arxiv", str(FIXTURES / "tex-markup.xml"), "--site", str(site)]) == 0
    bodies = {data["arxiv_id"]: " ".join(body.split()) for data, body in papers(site).values()}
    assert "an intermediate *attention bridge* that is shared" in bodies["1811.00498"]
    moo = bodies["2304.13229"]
    assert "we propose *Task Oriented MOO* to address" in moo
    assert "available at <https://github.com/tuananhbui89/TAMOO>." in moo
    assert "exceeds 98.5% accompanied" in bodies["2304.13255"]
    assert "from 66% to 88% for" in bodies["2304.13255"]
    assert "e.g., $\\$0.8$, $\\$1$, $\\$4$, and $\\$40$ for" in bodies["2303.04729"]
    assert main(["build", "--site", str(site)]) == 0
    pages = {
        page.parent.name: page.read_text("utf-8")
        for page in (site / "output" / "papers").glob("*/index.html")
    }
    html = "".join(pages.values())
    assert "<em>attention bridge</em>" in html and "<em>Task Oriented MOO</em>" in html
    assert 'href="https://github.com/tuananhbui89/TAMOO"' in html
    assert "\\emph" not in html and "{\\em" not in html and "TAMOO%7D" not in html


@pytest.mark.parametrize(
    ("tex", "markdown"),
    [
        # bold, and a link only to a web address: another's text stays, no link
        (r"a \textbf{robust \emph{and} fast} method", "a **robust *and* fast** method"),
        (r"see \href{https://a.org/x\_y}{our site}", "see [our site](<https://a.org/x_y>)"),
        (
            r"\href{javascript:alert(1)}{click} \url{javascript:alert(1)}",
            "click javascript:alert(1)",
        ),
        # TeX's tie is a no-break space; a `~` before a number ("about") stays, as does
        # one in an address written bare
        (
            r"Fig.~1 shows ~10 GeV at http://www.x.edu/~me",
            "Fig.\u00a01 shows ~10 GeV at http://www.x.edu/~me",
        ),
        # commands with no Markdown stay as written, so that you see what to spell out
        (
            r"as in \cite{smith_2019}, Eq.~\ref{eq:1} and our \dataset{} here",
            "as in \\cite{smith_2019}, Eq.\u00a0\\ref{eq:1} and our \\dataset{} here",
        ),
        (
            r"a method\footnote{See \url{http://x.org}.} that works",
            "a method (See <http://x.org>.) that works",
        ),
        (r"first line \\ second line", "first line \\\nsecond line"),
        # an address written bare ends where TeX starts; its `\_` is the address's `_`
        # (kept, the link led to `tool%5C_v2`)
        (r"at https://x.org/tool\_v2\footnote{x}", "at https://x.org/tool_v2 (x)"),
        # TeX's escapes: the character; `\_` and `\$` stay escaped for Markdown
        (r"R\&D at 98\% and \$5 for \#1 and a\_b", "R&D at 98% and \\$5 for #1 and a\\_b"),
        # a `*` of the text is no emphasis; math is kept exactly as written
        (r"2*3 and $a*b$ and {\it x} and $\emph{y}$", "2\\*3 and $a*b$ and *x* and $\\emph{y}$"),
        (r"unclosed \emph{oops", "unclosed \\emph{oops"),
        # nor one in emphasised text, nor one before a command (`*A* search*` set A in
        # italics and left `search*`)
        (r"\emph{A* search} beats **\emph{B}**", r"*A\* search* beats \*\**B*\*\*"),
        # emphases that touch are one: `*a**b*` showed its stars
        (
            r"\emph{non}\emph{linear}, \textbf{A}\rm\textbf{B} and \textbf{C}\emph{D}",
            "*nonlinear*, **AB** and **C***D*",
        ),
        # a link in a link's text is text: Markdown nests none (the page showed `[c](`)
        (
            r"\href{https://a.org}{\href{https://b.org}{c} and \url{https://b.org}}",
            "[c and https://b.org](<https://a.org>)",
        ),
    ],
)
def test_tex_formatting_as_markdown(tex: str, markdown: str) -> None:
    """The formatting commands old abstracts hold (`\\textbf`, `\\href`, `~`, `\\cite`,
    `\\footnote`, `\\\\`), each as the record's Markdown."""
    assert tex_markdown(tex) == markdown


def test_a_tex_line_break_in_an_abstract_is_a_line_break_on_the_page(
    site: Path, tmp_path: Path
) -> None:
    """`\\\\` is a Markdown hard break, `\\` at a line's end; the record's wrapping joined
    the two lines, and the page showed `first line\\ second line`, backslash and all."""
    feed = (FIXTURES / "classic.xml").read_text("utf-8")
    start, end = feed.index("<summary>"), feed.index("</summary>")
    feed = feed[:start] + r"<summary>first line \\ second line" + feed[end:]
    source = tmp_path / "feed.xml"
    source.write_text(feed, "utf-8")
    assert main(["import", "arxiv", str(source), "--site", str(site)]) == 0
    (body,) = [body for data, body in papers(site).values() if "first line" in body]
    assert "first line \\\nsecond line" in body
    assert main(["build", "--site", str(site)]) == 0
    html = "".join(p.read_text("utf-8") for p in (site / "output" / "papers").glob("*/index.html"))
    assert "first line <br>" in html
    assert "line\\ second" not in html
