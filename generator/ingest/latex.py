"""LaTeX in BibTeX values → Unicode text, with pylatexenc (which bibtexparser uses).

Most values hold no markup and are returned as written; the rest go through a table of
macros made once. What pylatexenc drops or misreads (text commands, ``\\href``, bare ``%``
and ``&``, TeX logos) is handled around it.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from pylatexenc import latexwalker
from pylatexenc.latex2text import (
    LatexNodes2Text,
    MacroTextSpec,
    get_default_latex_context_db,
)
from pylatexenc.macrospec import MacroSpec

from generator.ingest.work import (
    address_accents,
    close_quotes,
    fold_space,
)
from generator.urls import sendable, with_scheme

# Zotero (and other exporters) write the characters TeX treats specially as text
# commands: `p {\textless} 0.05`, `{\textbar}V{\textbar}`. pylatexenc drops these
# (and gives `\textperiodcentered` as a dot above, `\textasciicircum` as a modifier
# letter): the text said `p 0.05`.
_TEXT_SYMBOLS = {
    "textless": "<", "textgreater": ">", "textbar": "|", "textquotedbl": '"',
    "textunderscore": "_", "textbraceleft": "{", "textbraceright": "}",
    "textperiodcentered": "·", "textasciicircum": "^",
    # pylatexenc has no text for these either; shown as written they read `\\euro 5`.
    "copyright": "©", "euro": "€", "S": "§", "P": "¶", "ddag": "‡", "slash": "/",
    "nobreakspace": "\u00a0", "checkmark": "✓",
    # biblatex's hyphens of compound words, as its own examples write them
    # (`methodology\hyphen independent`); they were left in the title as written
    "hyphen": "-", "nbhyphen": "-", "hyphenate": "", "pounds": "£",
}  # fmt: skip
# Commands that only format or space text: dropped, as TeX shows no word for them.
_FORMATTING = frozenset({
    "em", "bf", "it", "sl", "sc", "tt", "rm", "sf", "up", "md", "normalfont", "itshape",
    "bfseries", "scshape", "slshape", "upshape", "mdseries", "ttfamily", "rmfamily",
    "sffamily", "tiny", "scriptsize", "footnotesize", "small", "normalsize", "large",
    "Large", "LARGE", "huge", "Huge", "relax", "noindent", "par", "newline", "linebreak",
    "allowbreak", "nobreak", "break", "protect", "xspace", "centering", "raggedright",
    "raggedleft", "hfill", "vfill", "smallskip", "medskip", "bigskip", "null", "unskip",
    "ignorespaces", "displaystyle", "textstyle", "hline", "cr", "smallbreak", "medbreak",
    "bigbreak", "newpage", "clearpage", "pagebreak",
})  # fmt: skip
# Commands whose argument is their text (pylatexenc dropped it with them); any other
# command's arguments (`\label{sec:x}`, `\color{red}`) are no text, as before.
_TEXT_ARGUMENT = frozenset({
    "texttt", "textsf", "textup", "textmd", "textnormal", "textsl", "textrm", "mbox", "hbox",
    "fbox", "makebox", "framebox", "text", "textsuperscript", "textsubscript",
})  # fmt: skip


def _unknown_macro(node: Any, l2tobj: Any) -> str:
    """A command pylatexenc has no text for: its last argument's text (``\\texttt{BERT}``,
    ``\\mbox{A}``: pylatexenc dropped both, argument and all); one without arguments
    as written (an author's own ``\\dataset``, which left ``resulting in , a ...``),
    unless it only formats."""
    args = [arg for arg in (node.nodeargd.argnlist if node.nodeargd else []) if arg is not None]
    if args:
        return str(l2tobj.nodelist_to_text([args[-1]])) if node.macroname in _TEXT_ARGUMENT else ""
    after = node.parsing_state.s[node.pos + node.len :]
    if (
        node.macroname in _FORMATTING
        or not str(node.macroname).isalpha()  # `\\/`, italic correction
        or (after.startswith("{") and not after.startswith("{}"))  # `\\cmd{text}`: its text
    ):
        return ""
    return "\\" + str(node.macroname) + str(node.macro_post_space)


_CONTEXT = get_default_latex_context_db()
_CONTEXT.add_context_category(
    "authorsite-text-symbols",
    macros=[MacroTextSpec(name, text) for name, text in _TEXT_SYMBOLS.items()],
    prepend=True,
)
_CONTEXT.set_unknown_macro_spec(MacroTextSpec("", simplify_repl=_unknown_macro))
# A citation or cross-reference in an abstract copied from the paper: pylatexenc gives
# "<cit.>" and "<ref>", which name nothing. Shown as written, as other commands with no
# text here are, so you see what to spell out.
_REFERENCES = (
    "cite", "citep", "citet", "citealp", "citealt", "citeauthor", "citeyear", "parencite",
    "textcite", "autocite", "ref", "eqref", "autoref", "cref", "Cref", "pageref",
)  # fmt: skip
_CONTEXT.add_context_category(
    "authorsite-references",
    macros=[
        MacroTextSpec(name, simplify_repl=lambda node: str(node.latex_verbatim()))
        for name in _REFERENCES
    ],
    prepend=True,
)
_DECODER = LatexNodes2Text(latex_context=_CONTEXT, math_mode="verbatim", strict_latex_spaces=True)
# The parser's table of macros, made once: LatexNodes2Text.latex_to_text has the parser
# make it anew for every value (a third of the time of importing 2,000 entries).
_PARSER_CONTEXT = latexwalker.get_default_latex_context_db()
# BibTeX's own trick to sort a name by other letters (btxdoc: `@preamble{"\newcommand
# {\noopsort}[1]{}"}`, then `{\noopsort{Lee}}{van Lee}, Ann`): the command prints nothing.
# Its argument was read as text: "Ann Leevan Lee".
_SORT_KEYS = ("noopsort", "SortNoop", "sortnoop", "NOOPSORT", "nosort", "sortkey")
_PARSER_CONTEXT.add_context_category(
    "authorsite-sort-keys",
    macros=[MacroSpec(name, "{") for name in _SORT_KEYS],
    prepend=True,
)
# biblatex's and csquotes' quotes (`\mkbibquote{Intention}`, as biblatex's examples
# write them; Better BibLaTeX's `\enquote{…}`): the title read "Intention und …".
_QUOTES = ("enquote", "mkbibquote")
_PARSER_CONTEXT.add_context_category(
    "authorsite-quotes", macros=[MacroSpec(name, "{") for name in _QUOTES], prepend=True
)
_CONTEXT.add_context_category(
    "authorsite-quotes",
    macros=[MacroTextSpec(name, "\u201c%s\u201d") for name in _QUOTES],
    prepend=True,
)


# What pylatexenc reads as more than the characters themselves: macros, groups, math,
# comments, specials, TeX's quotes and dashes, and the spaces TeX folds. Text without any
# of them (most names and titles) comes out as it went in: tested on 40,000 such values.
_LATEX_MARKUP = re.compile(r"[\\{}$%&#^_~`\n\r\t\f]|''|--|[!?]`|  ")
# Text whose only markup is braces that group (a title's `{{...}}`, `{BERT}`) and inline
# math (`$\alpha$`, `$O(n^2)$`: kept as written, math_mode="verbatim") comes out without
# the braces. pylatexenc's walker reads such a title a character at a time, a fifth of
# the time of importing 3,000 entries. In the math, no group, comment or `$` of its own.
_GROUPS_AND_MATH = re.compile(
    r"(?:[^\\$%&#^_~`\n\r\t\f '-]| (?! )|'(?!')|-(?!-)"
    r"|\$(?:[^\\{}$%&#\n\r\t\f]|\\[A-Za-z]+(?![A-Za-z])|\\[,;:! ])+\$(?!\$))*"
)
_BRACE = re.compile(r"[{}]")


def _markup_free(latex: str) -> str | None:
    """The text pylatexenc reads in ``latex`` where its only markup is groups and inline
    math (see above); None where pylatexenc has to read it."""
    if _LATEX_MARKUP.search(latex) is None:
        return latex
    if _GROUPS_AND_MATH.fullmatch(latex) is None:
        return None
    depth = 0
    for brace in _BRACE.findall(latex):
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return None
    return latex.replace("{", "").replace("}", "") if depth == 0 else None


class _Failures(logging.Handler):
    """Counts what pylatexenc says went wrong (a command short of its arguments), which
    it printed on stderr (`WARNING: Error in configuration: macro '\\frac' failed its
    substitution!`) as it gave its own template as the text: ``B \\frac{x}`` read
    ``B %s/%sx``."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_FAILURES = _Failures()
logging.getLogger("pylatexenc.latex2text").addHandler(_FAILURES)  # so printed no more


def _parsed(latex: str) -> str:
    """``_DECODER.latex_to_text(latex)``, parsed with the table made once; ``latex`` as
    written where pylatexenc could not read a command of it (shown as written, as math is)."""
    failed = _FAILURES.count
    walker = latexwalker.LatexWalker(latex, latex_context=_PARSER_CONTEXT)
    text = str(_DECODER.nodelist_to_text(walker.get_latex_nodes()[0]))
    return latex if _FAILURES.count != failed else text


def _decoded(latex: str) -> str:
    """The text pylatexenc reads in ``latex``; a value without markup, or with only groups
    and inline math, not parsed at all (~10 times as fast)."""
    text = _markup_free(latex)
    return _parsed(latex) if text is None else text


# pylatexenc drops the TeX logos; they are words in a title ("A \LaTeX{} primer").
_LOGOS = re.compile(r"\\(BibTeX|LaTeXe|LaTeX|XeTeX|LuaTeX|TeX)(?![A-Za-z])(?:\{\})?")


# dblp writes inline math as ``{\(q\)}``; titles show math written as ``$q$``.
_PAREN_MATH = re.compile(r"\\\((.+?)\\\)")


# BibTeX reads a `%` in a value as a character; LaTeX would start a comment there, and so
# did pylatexenc: "finding 92.9% agreement with ..." lost all after "92.9". Abstracts
# copied from arXiv or a journal page write percentages so, as al-folio shows them.
_BARE_PERCENT = re.compile(r"(?<!\\)((?:\\\\)*)%")
# The same for `&`, which LaTeX reads as a table's column break and pylatexenc dropped:
# `publisher = {Taylor & Francis}` (as publishers' own exports write it) showed "Taylor
# Francis", and "R&D" in an abstract "R   D".
_BARE_AMPERSAND = re.compile(r"(?<!\\)((?:\\\\)*)&")


# pylatexenc fails on \href: an IndexError, a traceback from an abstract with one (and
# "\hrefhttps://a.org/text" in a title). Its text stays (a link in an abstract) and the
# address goes around pylatexenc, which reads `~` and `%` in it as TeX.
_HREF_COMMAND = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")


# Zotero's older export writes a `<` or `>` of the text (the tags of an abstract it copied
# from the publisher's page, `{$<$}p{$>$}`) as math: they were shown as "$<$p$>$".
_MATH_ANGLES = re.compile(r"\{\$([<>])\$\}")


# An address in angle brackets with a blank in it: no link to Markdown, which showed it
# as text (see urls.sendable)
_SPACED_URL = re.compile(r"<(https?://[^<>\s]*[ \t][^<>\n]*)>", re.IGNORECASE)


def _latex_to_text(text: str, links: bool = False) -> str:
    """pylatexenc's conversion, with the TeX logos kept as their names; with ``links``,
    an ``\\href`` is a Markdown link (for an abstract), else its text."""
    hrefs: list[str] = []

    def hold(match: re.Match[str]) -> str:
        address = sendable(verbatim(match.group(1)))
        linked = address.lower().startswith(("https://", "http://", "mailto:"))
        hrefs.append(address if links and linked else "")
        return f"HREFOPEN{len(hrefs) - 1}X{match.group(2)}HREFEND{len(hrefs) - 1}X"

    text = _MATH_ANGLES.sub(
        lambda m: "{\\textless}" if m.group(1) == "<" else "{\\textgreater}", text
    )
    text = _BARE_PERCENT.sub(r"\1\\%", _HREF_COMMAND.sub(hold, text))
    text = _BARE_AMPERSAND.sub(r"\1\\&", text)
    named = _LOGOS.sub(lambda m: "LaTeX2e" if m.group(1) == "LaTeXe" else m.group(1), text)
    named = _PAREN_MATH.sub(r"$\1$", named)
    plain = close_quotes(_decoded(named))
    if links:  # a `\\url{…}` with a blank in it, which pylatexenc gives as `<…>`
        plain = _SPACED_URL.sub(lambda m: f"<{sendable(m.group(1))}>", plain)
    for number, address in enumerate(hrefs):
        plain = plain.replace(f"HREFOPEN{number}X", "[" if address else "", 1)
        plain = plain.replace(f"HREFEND{number}X", f"]({address})" if address else "", 1)
    return plain


# (an accent's braces inside: `\url{https://x.org/caf{\'e}}` was no url command, and the
# venue showed "<https://x.org/café>")
URL_COMMAND = re.compile(r"\\url\s*\{((?:[^{}]|\{[^{}]*\})*)\}")


def link_address(value: str) -> str:
    """A link field's value as the address meant: a url command's argument (see
    `URL_COMMAND`), TeX's accents as letters (`address_accents`), escapes and braces gone."""
    return verbatim(address_accents(URL_COMMAND.sub(r"\1", value.strip())))


def only_url(value: str) -> str | None:
    """The address of a value that is only an address (a bare one, or in a url command);
    a host's typed without its https:// (`\\url{github.com/ann/tool}`) has it."""
    text = with_scheme(link_address(value))
    return text if re.fullmatch(r"https?://\S+", text) else None


def abstract_text(text: str) -> str:
    """An abstract's LaTeX as Markdown text; markup pylatexenc gives up on, as written."""
    try:
        return _latex_to_text(text, links=True)
    except Exception:  # as decode: an IndexError from broken markup was a traceback
        return text.replace("{", "").replace("}", "")


SOFT_HYPHEN = "\u00ad"


def brace_closings(text: str) -> dict[int, int]:
    """Each ``{`` of ``text`` and the index after the ``}`` that closes it (an escaped
    brace counts for nothing; an unclosed one has none), found in one pass: a search from
    each ``{`` of a run of them took time with the square of the run."""
    closing: dict[int, int] = {}
    opened: list[int] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "{":
            opened.append(index)
        elif char == "}" and opened:
            closing[opened.pop()] = index + 1
        index += 2 if char == "\\" else 1
    return closing


# An entry's names are decoded a part at a time, and a file names the same people again
# and again: 3,000 entries asked for 94,000 values, 3,300 of them different.
@functools.lru_cache(maxsize=1 << 16)
def decode(text: str) -> str:
    """LaTeX accents, commands and braces → Unicode; ``$...$`` math kept as written."""
    text = URL_COMMAND.sub(lambda m: verbatim(m.group(1)), text)  # not "<https://…>"
    try:
        # TeX's `\-` (where a word may break, `Prac\-tice`) is no character of the text:
        # pylatexenc's soft hyphen went into Scholar's citation_journal_title and the search.
        return fold_space(_latex_to_text(text)).replace(SOFT_HYPHEN, "")
    except Exception:  # pylatexenc gives up on some broken markup; show it as written
        return fold_space(text.replace("{", "").replace("}", ""))


# Italics in a title (`\textit{pyVPRM}`, `\emph{in vivo}`, `{\em Escherichia coli}`): a
# tool's or a species' name, which the paper prints in italics; the title lost them.
_ITALIC_OPEN = re.compile(r"\\(?:textit|emph)\s*\{|\{\s*\\(?:em|it|itshape)(?![a-zA-Z])\s*")
_MATH_SPAN = re.compile(r"(\$[^$]*\$)")


def _group_end(text: str, start: int) -> int | None:
    """Where the brace group open before ``start`` closes (``\\{`` is no brace)."""
    depth, index = 1, start
    while index < len(text):
        if text[index] == "\\":
            index += 1
        elif text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


# Where a title's italics open and close (characters of Unicode's private use, which no
# title holds), made Markdown's `*` once its text is read: as HTML's `<i>`, they sent the
# whole title through the reading of Crossref's HTML, which took its text in angle brackets
# for tags (`vector<int>` lost `<int>`).
ITALICS = ("\ue000", "\ue001")
_ITALICS_SPAN = re.compile("\ue000(\\s*)([^\ue000\ue001]*?)(\\s*)\ue001")


def italics_marked(text: str) -> str:
    """A title's italics, outside math, between the marks of ``ITALICS`` (see
    `italics_as_markdown`); italics within italics (upright in TeX) are plain."""
    text = text.replace(ITALICS[0], "").replace(ITALICS[1], "")  # no title's own
    if "\\" not in text:
        return text
    parts = _MATH_SPAN.split(text)
    for number in range(0, len(parts), 2):  # the even parts lie outside math
        part, out, pos = parts[number], [], 0
        while match := _ITALIC_OPEN.search(part, pos):
            end = _group_end(part, match.end())
            if end is None:  # not closed: left to decode as written
                break
            inner = _ITALIC_OPEN.sub("{", part[match.end() : end])
            marked = f"{ITALICS[0]}{{{inner}}}{ITALICS[1]}" if inner.strip() else ""
            out += [part[pos : match.start()], marked]
            pos = end + 1
        parts[number] = "".join(out) + part[pos:]
    return "".join(parts)


# Plain TeX's superscript and subscript, `\sp` and `\sb`, as MathSciNet's older records
# write a title's math (`{$2\sp{m}\pm 1$}`, `{$L\sp 2$}`): KaTeX knows neither, and a
# reader reads `^` and `_`
_PLAIN_SCRIPT = re.compile(r"\\(sp|sb)(?![A-Za-z])\s*")


def plain_tex_scripts(text: str) -> str:
    r"""``text`` with each formula's ``\sp`` as ``^`` and ``\sb`` as ``_``."""
    if "\\s" not in text:
        return text
    return _MATH_SPAN.sub(
        lambda m: _PLAIN_SCRIPT.sub(lambda s: "^" if s.group(1) == "sp" else "_", m.group(1)),
        text,
    )


def italics_as_markdown(text: str) -> str:
    """The marks of `italics_marked`, in a title read (its stars escaped), as Markdown's
    emphasis: ``*pyVPRM*``, the blanks at its ends outside it; italics that touch are one
    (``\\emph{a}\\emph{b}`` was ``*a**b*``, shown with its stars)."""
    if ITALICS[0] not in text:
        return text
    text = text.replace(ITALICS[1] + ITALICS[0], "")
    return fold_space(
        _ITALICS_SPAN.sub(lambda m: f"{m[1]}*{m[2]}*{m[3]}" if m[2] else m[1] + m[3], text)
    )


# dblp (and others) escape URL and DOI characters that are special to TeX: ``paper\_files``.
_TEX_ESCAPE = re.compile(r"\\([_&%#$~])")


def verbatim(value: str) -> str:
    """A URL, DOI or id as meant: TeX escapes and protecting braces removed."""
    return _TEX_ESCAPE.sub(r"\1", value.strip()).replace("{", "").replace("}", "")


# SciELO's export spells each byte of a letter's UTF-8 as the Latin-1 character it is, in
# TeX: "detecção" (c3 a7 c3 a3) is `detec\~A\S\~A\poundso`, Ã § Ã £, a symbol's name run
# into the next letters (`\poundso`, `\textcentmicos`), and "José" is `Jos\~A\copyright`.
# The title read "detecÃ§Ã£o" and the entry was refused as garbled, which the file (all
# ASCII) was not; BibTeX split the name at the `~`. Ã and Â (`\~A`, `\^A`) are the first
# bytes of most accented Latin letters; the second is one of these, or `\-`, `!``, `?``.
_LATIN1_SYMBOLS = (
    "pounds", "textcent", "textsterling", "textcurrency", "textyen", "textbrokenbar", "S", "P",
    "copyright", "textordfeminine", "guillemotleft", "textregistered", "textdegree",
    "textordmasculine", "guillemotright", "textonequarter", "textonehalf",
    "textthreequarters", "textthreesuperior", "texttwosuperior", "textonesuperior",
)  # fmt: skip
_UTF8_IN_TEX = re.compile(
    r"\\([~^])\{?A\}?(\\(?:"
    + "|".join(sorted(_LATIN1_SYMBOLS, key=len, reverse=True))
    + r")(?:\{\})?|\\-|[!?]`)"
)


def utf8_letters(value: str) -> str:
    """A BibTeX value whose letters SciELO spelled as their UTF-8 bytes in TeX (see
    ``_UTF8_IN_TEX``), with those letters themselves; any other value as it is."""
    if not value.isascii() or "A" not in value:
        return value

    def letter(match: re.Match[str]) -> str:
        lead = "\u00c3" if match.group(1) == "~" else "\u00c2"
        try:
            return (lead + _decoded(match.group(2))).encode("latin-1").decode("utf-8")
        except UnicodeError:
            return match.group()

    return _UTF8_IN_TEX.sub(letter, value)
