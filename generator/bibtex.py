"""A BibTeX entry for a paper, generated from its record."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from html.parser import HTMLParser

from generator.ids import ARXIV_ID, is_resolver_url, parse_doi
from generator.locators import page_count, page_range, record_type, working_paper_type
from generator.markup import render_inline
from generator.model import Paper
from generator.names import fold_letters, is_group, role_of, unmarked
from generator.urls import script_scheme

_SUFFIXES = "abcdefghijklmnopqrstuvwxyz"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SPECIAL = re.compile(r"(?<!\\)([&%#])")
_ESCAPED_BRACE = re.compile(r"\\[{}]")
# TeX commands that a reader's LaTeX would run when it compiles a bibliography made from
# cite.bib (BibTeX copies the fields' text into the .bbl): reading their files into the
# PDF (`\input{/etc/passwd}`), writing them (`\openout`, `filecontents`), running programs
# (`\write18`, `\directlua`), or redefining what the document's own text means; and the
# ways to spell a command without its name (`\csname`, `\catcode`, `^^5c` for `\`).
# Each is shown as its text instead: `\textbackslash{}input{/etc/passwd}`.
_TEX_UNSAFE = frozenset({
    "input", "include", "includeonly", "InputIfFileExists", "IfFileExists", "LoadClass",
    "endinput", "openin", "openout", "read", "readline", "write", "immediate", "closein",
    "closeout", "newwrite", "newread", "special", "csname", "catcode", "lccode", "uccode",
    "scantokens", "everyeof", "everypar", "everyjob", "everymath", "def", "edef", "gdef",
    "xdef", "let", "futurelet", "global", "newcommand", "renewcommand", "providecommand",
    "DeclareRobustCommand", "DeclareTextCommand", "NewDocumentCommand", "RenewDocumentCommand",
    "ProvideDocumentCommand", "DeclareDocumentCommand", "newenvironment", "renewenvironment",
    "usepackage", "RequirePackage", "documentclass", "directlua", "latelua", "luaexec",
    "luadirect", "pdfshellescape", "ShellEscape", "shellescape", "pdfobj", "pdfximage",
    "pdffiledump", "pdffilesize", "pdfmdfivesum", "filedump", "filesize", "filemdfivesum",
    "includegraphics", "includepdf", "verbatiminput", "VerbatimInput", "lstinputlisting",
    "inputminted",
    # commands that run a command named by text (`\UseName{input}`), or make `@` and `:`
    # letters so that such commands can be named
    "UseName", "nameuse", "csuse", "ifcsname", "csdef", "csgdef", "csedef", "csxdef", "cslet",
    "csletcs", "letcs", "ExpandArgs", "NewCommandCopy", "RenewCommandCopy",
    "DeclareCommandCopy", "ExplSyntaxOn", "makeatletter",
    # packages' commands that read a file into the document or the PDF: import, subfiles,
    # standalone, svg, csvsimple, datatool, pgfplots(table), xr, glossaries, bibliographies,
    # fancyvrb, moreverb, epsfig, embedfile, attachfile, media9, movie15
    "import", "subimport", "inputfrom", "subinputfrom", "includefrom", "subincludefrom",
    "subfile", "subfileinclude", "includestandalone", "includesvg", "includeinkscape",
    "csvreader", "csvloop", "csvautotabular", "csvautolongtable", "csvautobooktabular",
    "csvautobooklongtable", "csvautotabularray", "csvautolongtabularray", "DTLloaddb",
    "DTLloadrawdb", "DTLloaddbtex", "DTLread", "pgfplotstableread", "pgfplotstabletypeset",
    "pgfplotstabletypesetfile", "addplot", "externaldocument", "zexternaldocument",
    "externalcitedocument", "loadglsentries", "bibliography", "nobibliography",
    "addbibresource", "addglobalbib", "addsectionbib", "BVerbatimInput", "LVerbatimInput",
    "listinginput", "verbatimtabinput", "epsfig", "psfig", "epsfbox", "epsffile",
    "embedfile", "attachfile", "textattachfile", "noteattachfile", "includemedia",
    "includemovie",
    # ... that run a program (tikz's externalisation and pgfplots' gnuplot call the shell;
    # pythontex and sagetex run their code when the reader runs those tools) ...
    "tikzexternalize", "py", "pyc", "pys", "pyv", "pyb", "sage", "sagestr", "sageplot",
    # ... or write raw PDF, where a /JavaScript action runs when the PDF is opened
    "pdfannot", "pdfcatalog", "pdfliteral", "pdfnames", "pdfstartlink", "pdfextension",
})  # fmt: skip
# Environments that write a file or run Lua.
_TEX_UNSAFE_ENVIRONMENTS = (
    "filecontents", "luacode", "VerbatimOut", "verbatimwrite", "pycode", "pyblock", "pysub",
    "pyconsole", "pyverbatim", "pythontexcustomcode", "sagesilent", "sageblock",
    "sagecommandline", "sageexample", "insDLJS",
)  # fmt: skip
# An environment's begin or end, with its name when written plainly: `\begin{X}` runs the
# command `\X` (`\begin{input}` is `\input`) and `\end{X}` runs `\endX`; a name written
# otherwise (`\begin{%` and the name on the next line, `\begin{\detokenize{…}}`) is unsafe.
# Else a command's name: letters, and `@` (a letter where a package or the .bbl makes it one).
_TEX_COMMAND = re.compile(
    r"\\(begin|end)(?![A-Za-z@])(?:\s*\{\s*([A-Za-z]+)\*?\s*\})?|\\([A-Za-z@]+)|\^(?=\^)"
)


def _nests(text: str) -> bool:
    """Whether every ``}`` in ``text`` closes a ``{`` before it, and every ``{`` is closed."""
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _contained(value: str) -> str:
    """``value`` as a field's text that cannot end its field, or its entry, early.

    Braces must nest, not merely be as many: ``}, note={x}, y={`` (or ``}}@misc{…``)
    would close the field and write fields or entries of its own into cite.bib. BibTeX
    counts every brace; other readers (bibtexparser, biber) skip ``\\{`` and ``\\}``, so both
    readings must nest. Otherwise the braces are dropped; a final backslash goes too, as
    it would escape the field's closing brace.
    """
    braces = "{" in value or "}" in value
    if braces and not (_nests(value) and _nests(_ESCAPED_BRACE.sub("", value))):
        value = value.replace("{", "").replace("}", "")
    return value.rstrip("\\")


def _escape(value: str) -> str:
    """Escape the characters BibTeX/LaTeX read as commands; keep LaTeX already written."""
    if "&" in value or "%" in value or "#" in value:  # most values have none: skip the regex
        value = _SPECIAL.sub(r"\\\1", value)
    return _contained(" ".join(value.split()))


# Characters of a field the page shows as plain text (a venue, a volume, an issue, pages, a
# category) that LaTeX reads as something else: `_` and `^` stop the reader's document
# ("Missing $ inserted"), `$` opens math, `~` is a space, `&`, `%`, `#` end or break it.
# Written escaped (`\_`, `\&`, an accent's `\~n`), they are LaTeX already and stay.
_PLAIN_SPECIAL = re.compile(r"(?<!\\)([_$^~&%#])")
_PLAIN_AS = {
    "_": "\\_", "$": "\\$", "^": "\\textasciicircum{}", "~": "\\textasciitilde{}",
    "&": "\\&", "%": "\\%", "#": "\\#",
}  # fmt: skip


def _plain(value: str) -> str:
    """A field the page shows as plain text as LaTeX that typesets as the page reads it
    (a venue's `_` as `\\_`, as a title's is: see :func:`latex_title`).

    Escaped once its braces are made safe (:func:`_contained`): braces that do not nest
    are dropped, and `\\textasciitilde{}`'s with them would leave `\\textasciitildeb`, a
    command the reader's LaTeX does not know, of `~b`."""
    safe = _contained(" ".join(value.split()))
    return _PLAIN_SPECIAL.sub(lambda m: _PLAIN_AS[m.group()], safe)


# Markdown's inline markup in a title, as the LaTeX a bibliography is typeset with
_LATEX_MARKUP = {"em": "\\emph{", "strong": "\\textbf{", "code": "\\texttt{"}
# Characters that are text on the page but LaTeX reads outside math as something else:
# `_` and `^` stop the reader's document ("Missing $ inserted"), `$` opens math.
_TEXT_ONLY = re.compile(r"(?<!\\)([_$^])")
_TEXT_ONLY_AS = {"_": "\\_", "$": "\\$", "^": "\\textasciicircum{}"}


class _TitleLatex(HTMLParser):
    """A title's rendered HTML (``render_inline``) as LaTeX: its math as written, the rest
    as the page shows it (``**bold**`` is bold, not asterisks; ``snake_case`` is text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[str] = []  # the closing text of each open tag, innermost last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        math = tag == "span" and ("class", "math") in attrs
        self.parts.append(_LATEX_MARKUP.get(tag, ""))
        self.open.append("math" if math else "}" if tag in _LATEX_MARKUP else "")

    def handle_endtag(self, tag: str) -> None:
        if self.open:
            closing = self.open.pop()
            self.parts.append("" if closing == "math" else closing)

    def handle_data(self, data: str) -> None:
        if "math" in self.open:
            self.parts.append(data)  # `$\alpha_1$`, LaTeX as the record writes it
        else:
            self.parts.append(_text_only(data))


def _text_only(text: str) -> str:
    """Text of a title's HTML outside math, its `_`, `$` and `^` as LaTeX typesets them."""
    return _TEXT_ONLY.sub(lambda m: _TEXT_ONLY_AS[m.group()], text)


# LaTeX written with a backslash before punctuation, which Markdown would read as an
# escaped character and drop the backslash of: accents (`\"{o}`, `\'e`, `\^o`, `\~n`,
# `\=a`, `\.z`) and the characters LaTeX escapes (`\{`, `\}`, `\_`, `\$`, `\&`, `\%`, `\#`).
_TEX_ESCAPE = re.compile(r"\\[\"'^~=.{}_$&%#]")


def latex_title(title: str) -> str:
    """``title`` (inline Markdown with ``$…$`` math) as the LaTeX of a BibTeX title."""
    stem = "authorsitetex"
    while stem in title:
        stem += "q"
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group())
        return f"{stem}{len(kept) - 1}x"

    rendered = render_inline(_TEX_ESCAPE.sub(keep, title))
    if "<" in rendered or "&" in rendered:
        parser = _TitleLatex()
        parser.feed(rendered)
        parser.close()
        latex = "".join(parser.parts)
    else:  # no tag, no reference (most titles): all one piece of the parser's text
        latex = _text_only(rendered)
    if kept:
        latex = re.sub(stem + r"(\d+)x", lambda m: kept[int(m.group(1))], latex)
    return latex


@functools.lru_cache(maxsize=1 << 16)  # a name recurs on many papers (a lab's, a site author's)
def _listed_name(name: str) -> tuple[str, str]:
    """The BibTeX field a name of an author list goes in (``author``; ``editor`` for
    ``Ada Lovelace (ed.)``, ``translator`` for ``Ada Lovelace (trans.)``), and the name as
    BibTeX reads it."""
    role, bare = role_of(name)
    return role or "author", _bib_name(bare)


def _bib_name(name: str) -> str:
    """An author's name as BibTeX reads it: a group's name braced whole, so that `ATLAS
    Collaboration` is not a Mr Collaboration ("A. Collaboration" in abbrv, sorted under C)
    and `Food and Drug Administration` is not two authors."""
    escaped = _escape(name)
    if _splits_at_and(escaped):  # one author still, whatever braces it was written with
        return "{" + escaped + "}"
    if "{" in name:  # braced as the record wants it (`{OpenAI} Team`)
        return escaped
    if is_group(name):
        return "{" + escaped + "}"
    return _with_generation(escaped) or escaped


# A generational suffix after a name (`Jr.`, `Sr`, `III`, `3rd`): `Martin Luther King Jr.`
# and `Frederick P. Brooks, Jr.`, as arXiv and records write them.
_GENERATION = re.compile(
    r"(?P<name>[^,]+?)(?:\s*,\s*|\s+)(?P<jr>(?i:jr|sr)\.?|II|III|IV|[2-9](?:nd|rd|th))"
)


def _with_generation(name: str) -> str | None:
    """A name with a generational suffix in BibTeX's `von Last, Jr, First` form
    (`King, Jr., Martin Luther`), or None for a name without one. Written as the page
    shows it, BibTeX read the suffix as the surname: "Martin Luther King Jr." was a
    Mr Jr. (`M. L. K. Jr.` in abbrv, sorted under J; the citation key `jr1963letter`)."""
    match = _GENERATION.fullmatch(name)
    if match is None:
        return None
    words = match.group("name").split()
    if len(words) < 2:
        return None
    last = len(words) - 1  # the surname, with the particles before it (`van Beethoven`)
    while last > 1 and words[last - 1][:1].islower():
        last -= 1
    return f"{' '.join(words[last:])}, {match.group('jr')}, {' '.join(words[:last])}"


def _splits_at_and(text: str) -> bool:
    """Whether BibTeX would read ``text`` as more than one name: it holds the word `and`
    (in any case) outside braces. A record's braces that did not nest were dropped, so
    `{Food and Drug Administration` and `Smith} and {Jones` hold it so, and so does
    `R{\\o}nning and Sons`, braced elsewhere; each was two authors, or more."""
    if "and" not in text.lower():
        return False  # most names: no word to look for
    depth, word = 0, list[str]()
    for char in text + " ":
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        if depth == 0 and char.isspace():
            if "".join(word).lower() == "and":
                return True
            word = []
        elif depth == 0 and char != "}":
            word.append(char)
        else:
            word.append("{")  # a braced part: no word `and` of the list
    return False


_KEY_WORD = re.compile(r"[A-Za-z0-9]{4,}")
_NOT_KEY = re.compile(r"[^a-z0-9]")


def cite_key(paper: Paper) -> str:
    """``lastnameYEARfirstword``, ASCII only, e.g. ``fang2026debate``."""
    first = unmarked(paper.authors[0]) if paper.authors else "anon"
    first = _with_generation(first) or first  # `King, Jr., Martin`: King's, not Jr.'s
    last = first.split(",")[0] if "," in first else first.split()[-1] if first.split() else "anon"
    word = _KEY_WORD.search(paper.title)  # the first run of 4 or more ASCII letters/digits
    key = f"{last}{paper.date.year}{word.group() if word else 'paper'}".lower()
    if not key.isascii():
        # accents dropped, and the letters Unicode does not decompose spelled as in ASCII
        # (`Ødegård` is odegard, `Łuczak` luczak, `Straße` strasse): they were dropped,
        # `degard2020empires`, a key its own author would not guess
        key = unicodedata.normalize("NFKD", fold_letters(key)).encode("ascii", "ignore").decode()
    return _NOT_KEY.sub("", key) or paper.slug.replace("-", "")


# The record's `type` (free text: the names README lists, BibTeX's own, and `other`, which
# the importers write for a @misc, @online, @patent or @manual) → the entry type.
_ENTRY_TYPES = {
    "article": "article", "journal": "article",
    "conference": "inproceedings", "inproceedings": "inproceedings",
    "thesis": "phdthesis", "phdthesis": "phdthesis", "dissertation": "phdthesis",
    "mastersthesis": "mastersthesis",
    "habilitation": "phdthesis",  # with its `type`, which BibTeX's styles print for "PhD thesis"
    "book": "book", "chapter": "incollection", "incollection": "incollection",
    "inbook": "incollection",
    "report": "techreport", "techreport": "techreport", "technical report": "techreport",
    "working paper": "techreport",
    "proceedings": "inproceedings",
    # neither a journal's paper nor a conference's, whatever its venue's name says
    "other": "misc", "misc": "misc", "patent": "misc", "preprint": "misc",
}  # fmt: skip
# Venues that name a preprint server (`arXiv preprint arXiv:2401.00001`, `bioRxiv`, `SSRN`;
# `CoRR abs/2401.00001` is how DBLP's BibTeX names arXiv): no journal, to BibTeX or Scholar.
_PREPRINT_VENUE = re.compile(
    r"\b(?:preprints?|arxiv|biorxiv|medrxiv|chemrxiv|techrxiv|psyarxiv|socarxiv|ssrn|"
    r"research square|corr)\b",
    re.IGNORECASE,
)
# The field BibTeX's styles (plain.bst) and biblatex read the venue from, by entry type: a
# thesis's university is its `school`, a report's `institution`, a book's `publisher`;
# those types have no `howpublished`, and the venue was lost from the reference.
_VENUE_FIELDS = {
    "article": "journal", "inproceedings": "booktitle", "incollection": "booktitle",
    "phdthesis": "school", "mastersthesis": "school", "techreport": "institution",
    "book": "publisher",
}  # fmt: skip


def cite_keys(papers: Iterable[Paper], base: Callable[[Paper], str] = cite_key) -> dict[str, str]:
    """Each paper's citation key by slug, unique in the site (``base``: :func:`cite_key`,
    or a process's own memory of it).

    Papers of one first author and year whose titles start alike (`wang2024towards`,
    or `2024paper` for a name and title in another script) had one key: a reader who put
    both cite.bib files in one .bib lost the second ("Repeated entry"; biber: "Duplicate
    entry key") and cited the first for both. The earliest (published before drafts, then
    by date and slug) keeps the key and the others add `b`, `c`, …: a paper added with a
    later date changes no other paper's key.
    """
    groups: dict[str, list[Paper]] = {}
    for paper in papers:
        groups.setdefault(base(paper), []).append(paper)
    keys: dict[str, str] = {}
    for key, group in groups.items():
        if len(group) == 1:  # most keys
            keys[group[0].slug] = key
            continue
        group.sort(key=lambda p: (p.draft, p.date.as_date(), p.slug))
        for index, paper in enumerate(group):
            suffix = "" if not index else _SUFFIXES[index] if index < 26 else str(index + 1)
            keys[paper.slug] = key + suffix
    return keys


def entry_type(paper: Paper) -> str:
    """The BibTeX entry type implied by the record, as its Scholar tags tell the venue
    (:func:`published_in`): a venue that names no preprint server is a
    conference's or a journal's, arXiv id or not. A NeurIPS paper with its arXiv id was
    a @misc with the conference as `howpublished`, while its page told Scholar it was a
    conference paper."""
    kind = record_type(paper.type)
    if kind in _ENTRY_TYPES:
        return _ENTRY_TYPES[kind]
    found = published_in(paper.venue) if paper.venue else None
    return "inproceedings" if found == "conference" else "article" if found else "misc"


def published_in(venue: str) -> str | None:
    """What a record without a ``type`` was published in, as its venue reads: a
    ``conference``, a ``journal``, or None for a preprint server (no journal to BibTeX
    or to Scholar). One reading for cite.bib and the Scholar tags, which must agree."""
    if _PREPRINT_VENUE.search(venue):
        return None
    return "conference" if _looks_like_conference(venue) else "journal"


# A conference's acronym starts a word (`ICLR'24`, `NeurIPS2023`, `Findings of ACL`): inside
# one it is letters of another word, as COLT is in `agricoltura` and UAI in `antiquaires`.
_CONFERENCE = re.compile(
    r"conference|proceedings|workshop|symposium|(?<![a-z])(?:neurips|icml|iclr|aaai|ijcai|"
    r"cvpr|iccv|eccv|acl|eacl|aacl|emnlp|naacl|kdd|sigkdd|sigir|www|uai|aistats|colt|"
    r"interspeech)"
)


# Journals named "Proceedings of …": PNAS, Proceedings of the IEEE (that name alone, not
# `… of the IEEE International Conference on …`), the Royal Society's, PVLDB, the ACM's
# PACM journals (`Proceedings of the ACM on Programming Languages`), the mathematical
# societies'.
_JOURNAL_PROCEEDINGS = re.compile(
    r"\bproceedings of the (?:national academy of sciences|ieee\s*$|royal society|"
    r"vldb endowment|acm on |american mathematical society|london mathematical society|"
    r"edinburgh mathematical society|japan academy|indian academy|"
    r"cambridge philosophical society)"
)


@functools.lru_cache(maxsize=4096)  # a site has a few hundred venues, asked about per paper
def _looks_like_conference(venue: str) -> bool:
    """Conference venues usually say so, or are one of the well-known acronyms; a journal
    named "Proceedings of …" (PNAS) is none."""
    lowered = venue.lower()
    return _JOURNAL_PROCEEDINGS.search(lowered) is None and _CONFERENCE.search(lowered) is not None


def _defused(match: re.Match[str]) -> str:
    edge, environment, name = match.groups()
    if match.group() == "^":
        return "^{}"  # `^^5c` is TeX's way to write `\`; `^{}^` is no character
    if edge is not None:
        unsafe = (
            environment is None
            or environment.startswith(_TEX_UNSAFE_ENVIRONMENTS)
            or environment in _TEX_UNSAFE
            or (edge == "end" and f"end{environment}" in _TEX_UNSAFE)
        )
    else:
        unsafe = name.strip("@") in _TEX_UNSAFE
    return "\\textbackslash{}" + match.group()[1:] if unsafe else match.group()


def inert(entry: str) -> str:
    """``entry`` with the TeX commands that could act on a reader's computer shown as text:
    those above, and a `\\url{…}` or `\\href{…}{…}` to an address that runs script (a
    record's title may hold LaTeX, which a PDF made with hyperref makes a link of)."""
    if "\\" not in entry and "^^" not in entry:
        return entry
    entry = _LINK_COMMAND.sub(_unlinked, entry)
    return _TEX_COMMAND.sub(_defused, entry)


def _unlinked(match: re.Match[str]) -> str:
    written = match.group()
    return "\\textbackslash{}" + written[1:] if script_scheme(match.group(1)) else written


# Fields a reference manager (or al-folio's page) opens as a link, and the address of a
# `\url{…}` or `\href{…}{…}`, which a PDF made with hyperref links, in any field
LINK_FIELDS = frozenset({"url", "pdf", "html", "code", "website", "slides", "video", "data",
                         "poster", "supp", "blog", "repository"})  # fmt: skip
_LINK_COMMAND = re.compile(r"\\(?:url|href)\s*\{([^{}]*)\}")
# What may spell a script address in an entry, once braces, quotes, blanks and controls
# are gone: its scheme, or a way to write one otherwise (an HTML reference, a
# percent-escape, BibTeX's `#` or an `@string` macro). Most entries have none: no parsing.
_MAYBE_SCRIPT = re.compile(r"script:|data:|&#|&[a-z]+;|%[0-9a-f]{2}|(?<!\\)#|@string", re.I)
_SQUEEZED = re.compile(r'[{}"\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]')


def script_links(entry: str) -> list[tuple[str, str, int]]:
    """Each field of ``entry`` (a record's own BibTeX) holding an address that runs script
    where it is followed (`url = {javascript:…}`, `\\href{data:…}{x}`, in any spelling):
    the field's name, the scheme, and the line of the entry the field starts on (from 0)."""
    if not _MAYBE_SCRIPT.search(_SQUEEZED.sub("", entry)):
        return []
    from bibtexparser.splitter import Splitter  # here: only an entry that may hold one

    from generator.ingest.bibtex_read import file_macros, value_text

    library = Splitter(entry).split()  # the values as written
    macros = file_macros(library, "", [], {})  # its `@string`s (their problems: BibTeX's)
    found = []
    for parsed in library.entries:
        for field in parsed.fields:
            raw = str(field.value)
            text = value_text(raw, macros)
            # `{java}{script}:` is `javascript:` to a reference manager that drops braces
            value = (raw if text is None else text).replace("{", "").replace("}", "")
            addresses = [m.group(1) for m in _LINK_COMMAND.finditer(raw)]
            if field.key.lower() in LINK_FIELDS:
                addresses.append(value)
            schemes = [scheme for a in addresses if (scheme := script_scheme(a))]
            if schemes:
                at = re.search(rf"(?im)(?:^|[,{{\s]){re.escape(field.key)}\s*=", entry)
                line = entry.count("\n", 0, at.start()) if at else 0
                found.append((field.key, schemes[0], line))
    return found


_ARXIV_URL = re.compile(r"https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/([^?#]+?)(?:\.pdf)?/?$")


def arxiv_id(paper: Paper) -> str | None:
    """The paper's arXiv id, without its version (``2401.12345``, as arXiv's own pages name
    it in ``citation_arxiv_id``): its ``arxiv_id``, else read from its ``links.arxiv``."""
    link = paper.links.get("arxiv", "")
    match = _ARXIV_URL.match(link)
    named = paper.arxiv_id or (match.group(1) if match else link)
    found = ARXIV_ID.match(named)
    return found.group(1) if found else None


def doi(paper: Paper) -> str | None:
    """The paper's DOI: its ``doi``, else read from its ``links.doi`` address."""
    if paper.doi:
        return paper.doi
    link = paper.links.get("doi", "")
    return parse_doi(link) if is_resolver_url(link) else None


def _locators(paper: Paper) -> list[tuple[str, str]]:
    """The record's ``volume``, ``number`` and ``pages`` as BibTeX names them (a book's,
    thesis's or report's count of pages as biblatex's ``pagetotal``, which it prints as
    "312 pp."; its ``pages`` would be "p. 312", a page cited in it)."""
    pages = page_range(paper)
    found = [("volume", paper.volume), ("number", paper.issue)]
    found.append(("pages", pages.bibtex() if pages else None))
    found.append(("pagetotal", page_count(paper)))
    return [(name, value) for name, value in found if value]


# A field of an entry after the comma before it: its name, and where its value starts
_FIELD_START = re.compile(r",\s*([A-Za-z][\w-]*)\s*=\s*")
# biblatex's fields that BibTeX's styles (plain, natbib's, IEEEtran, ACL's) do not read,
# and the field each of them reads instead
_BIBTEX_NAMES = {"journaltitle": "journal", "location": "address"}


def _top_fields(entry: str) -> dict[str, tuple[int, int]]:
    """Each field of ``entry`` (its name in lower case) -> where its value is in it."""
    found: dict[str, tuple[int, int]] = {}
    index = entry.find(",", entry.find("{"))  # after the citation key
    while index >= 0 and (match := _FIELD_START.match(entry, index)):
        start = index = match.end()
        level, quoted = 0, False
        while index < len(entry):
            char = entry[index]
            if char == "{":
                level += 1
            elif char == "}":
                if level == 0:
                    break  # the entry's end
                level -= 1
            elif char == '"' and level == 0:
                quoted = not quoted
            elif char == "," and level == 0 and not quoted:
                break
            index += 1
        found[match.group(1).lower()] = (start, index)
    return found


def for_bibtex(entry: str) -> str:
    """An entry as Better BibLaTeX (Zotero) writes it, with the fields BibTeX reads beside
    biblatex's: a ``year`` taken from a ``date`` without one, a ``journal`` beside a
    ``journaltitle`` and an ``address`` beside a ``location``. Its cite.bib, copied into a
    paper written with BibTeX, had no year and no journal ("empty year in …")."""
    fields = _top_fields(entry)
    added = []
    date = fields.get("date")
    year = re.match(r"\s*\{?\s*(\d{4})", entry[date[0] : date[1]]) if date else None
    if year and "year" not in fields:
        added.append(f"year = {{{year.group(1)}}}")
    for name, bibtex_name in _BIBTEX_NAMES.items():
        if name in fields and bibtex_name not in fields:
            start, end = fields[name]
            added.append(f"{bibtex_name} = {entry[start:end].strip()}")
    close = entry.rstrip().rfind("}")
    if not added or close < 0 or not fields:
        return entry
    body = entry[:close].rstrip()
    indent = re.search(r"\n([ \t]+)[A-Za-z]", entry)
    space = indent.group(1) if indent else "  "
    lines = "".join(f"\n{space}{line}," for line in added)
    return f"{body if body.endswith(',') else body + ','}{lines}\n{entry[close:]}"


def to_bibtex(paper: Paper, url: str | None = None, key: str | None = None) -> str:
    """The record's own BibTeX entry when it has one, else one generated from its fields,
    under ``key`` (else :func:`cite_key`'s).

    Either way, commands that LaTeX would run against the reader's files are made inert.
    """
    if paper.bibtex:
        return inert(for_bibtex(paper.bibtex.strip())) + "\n"
    kind = entry_type(paper)
    # The names marked `Ada Lovelace (ed.)` are BibTeX's `editor`: an edited volume's
    # (all of them), or beside the authors of a chapter in it (they were said to be authors)
    # (and `Ada Lovelace (trans.)`, biblatex's `translator`)
    names: dict[str, list[str]] = {"author": [], "editor": [], "translator": []}
    for name in paper.authors:
        field, written = _listed_name(name)
        names[field].append(written)
    if paper.authors_truncated:
        names[next((f for f, listed in names.items() if listed), "author")].append("others")
    fields: list[tuple[str, str]] = [
        # braces that do not nest dropped before `**x**` is `\textbf{x}`, not after
        ("title", "{" + _escape(latex_title(_contained(paper.title))) + "}"),
        *((field, " and ".join(listed)) for field, listed in names.items() if listed),
        ("year", str(paper.date.year)),
    ]
    if paper.date.month:
        fields.append(("month", _MONTHS[paper.date.month - 1]))
    if paper.venue:
        fields.append((_VENUE_FIELDS.get(kind, "howpublished"), _plain(paper.venue)))
    if record_type(paper.type) == "habilitation":
        # a @phdthesis's `type` is what BibTeX's styles and biblatex print for "PhD thesis"
        fields.append(("type", "Habilitation thesis"))
    elif record_type(paper.type) == "working paper":
        # a @techreport's, printed for "Technical Report": "Working Paper w31422"
        fields.append(("type", working_paper_type(paper)))
    if paper.series:  # whose volume `volume` is: `Lecture Notes in Computer Science`
        fields.append(("series", _plain(paper.series)))
    if paper.edition:  # as written: biblatex prints `2` as "2nd ed."
        fields.append(("edition", _plain(paper.edition)))
    if paper.first_published:  # biblatex's: "first published 1998" in its styles that say it
        fields.append(("origdate", paper.first_published.iso()))
    # BibTeX's names: the issue is `number`, a range's dash is `--`
    fields += [(name, _plain(value)) for name, value in _locators(paper)]
    arxiv = paper.arxiv_id or arxiv_id(paper)  # the record's own id keeps its version
    if arxiv:
        fields += [("eprint", arxiv), ("archiveprefix", "arXiv")]
        if paper.category:  # free text in a record, not only arXiv's codes
            fields.append(("primaryclass", _plain(paper.category)))
    if paper.report_number:  # named as INSPIRE-HEP's own entries name it
        fields.append(("reportnumber", _plain(paper.report_number)))
    # A DOI may hold any printable character; braces that do not nest would end the entry
    # early, so such a rare DOI is left to the page's link rather than break cite.bib.
    if paper.isbn:  # checked digits, hyphens or spaces: nothing BibTeX reads otherwise
        fields.append(("isbn", paper.isbn))
    found = doi(paper)
    if found and _contained(found) == found:
        fields.append(("doi", found))
    if url:
        fields.append(("url", _contained(url)))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return inert(f"@{kind}{{{key or cite_key(paper)},\n{body}\n}}\n")
