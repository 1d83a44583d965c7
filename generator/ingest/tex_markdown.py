"""The TeX that formats an arXiv abstract's text, as Markdown.

arXiv's metadata is TeX as its authors typed it, and old abstracts format their text as in
the paper: ``\\emph{…}``, ``{\\em …}``, ``\\textbf{…}``, ``\\url{…}``, ``\\href{…}{…}``,
``~``, ``\\%``. The abstract page shows the commands as written; so did the record. They
become Markdown's emphasis, bold and links; math (``$…$``, ``\\(…\\)``) is kept exactly as
written, and a command with no Markdown (``\\cite{…}``, an author's own ``\\dataset``)
too, so that you see what to spell out.

pylatexenc, which reads BibTeX's values, gives text, not Markdown, and reads a ``%`` in an
address (``\\url{https://a.org/x%20y}``) or a bare ``34%`` as the start of a comment: the
abstract is read here, a brace at a time.
"""

from __future__ import annotations

import re

from generator.ingest.latex import brace_closings, verbatim
from generator.ingest.work import LITERAL_STAR as _STAR
from generator.ingest.work import safe_url
from generator.urls import sendable

# `\emph{…}` and its kin: emphasis; `\textbf{…}`: bold
_WRAPS = {
    "emph": "*", "textit": "*", "textsl": "*", "textbf": "**",
}  # fmt: skip
# whose argument is plain text: shown as text (`\texttt{BERT}`, `\mbox{A}`)
_TEXT = frozenset({
    "texttt", "textsf", "textrm", "textup", "textmd", "textnormal", "textsc", "mbox",
    "hbox", "text", "underline",
})  # fmt: skip
# declarations that set the rest of their group: `{\em attention bridge}`
_DECLARED = {"em": "*", "it": "*", "itshape": "*", "sl": "*", "bf": "**", "bfseries": "**"}
# commands that only format or space text: dropped, as TeX shows no word for them
_DROPPED = frozenset({
    "rm", "sf", "tt", "sc", "up", "md", "normalfont", "upshape", "mdseries", "noindent",
    "xspace", "relax", "par", "newline", "linebreak", "smallskip", "medskip", "bigskip",
    "hfill", "quad", "qquad", "null",
})  # fmt: skip
# TeX's escapes of its special characters: the character (`\%` is a percent sign). `\_`
# and `\$` stay escaped: Markdown shows them as `_` and `$`, and a bare `$` could pair
# with another into math.
_ESCAPED = {"%": "%", "&": "&", "#": "#", "{": "{", "}": "}", "_": "\\_", "$": "\\$"}
_SPACES = {",": " ", " ": " ", ";": " ", ":": " ", "!": "", "/": "", "-": ""}
_COMMAND = re.compile(r"\\([A-Za-z]+)\*?|\\(.)", re.DOTALL)
_LINK_TEXT = re.compile(r"([\[\]])")
# An address written bare (`http://www.cs.x.edu/~me`), whose `~` is no tie, up to a
# blank, a brace, a `$` or a backslash that starts TeX again: its `\_` (`\%`, …) is the
# address's `_`, as tex_accents reads it (kept, the link led to `a%5C_b`)
_BARE_ADDRESS = re.compile(r"(?:https?://|www\.)(?:[^\s{}\\$]|\\[_%#&~])+", re.IGNORECASE)
_ADDRESS_ESCAPE = re.compile(r"\\([_%#&~])")
_DEEPEST = 50  # groups in groups: no abstract nests so deep; Python's stack would end
_END_BREAK = re.compile(r"\\\n(?=\s*(?:\n|$))")


def _wrapped(mark: str, inner: str) -> str:
    """``inner`` between emphasis marks, the blanks at its ends left outside them (`*`
    after a blank opens nothing)."""
    body = inner.strip()
    if not body:
        return inner
    lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
    return f"{lead}{mark}{body}{mark}{trail}"


def _joined(out: list[str], piece: str) -> str:
    """``piece``, which follows ``out`` with no text between; where both are emphasis of
    one kind (`\\emph{a}\\emph{b}`), one emphasis: the marks that met (`*a**b*`) made
    the stars text, shown as written. ``out``'s last piece loses its closing mark."""
    if not out or not piece.startswith("*"):
        return piece
    before = out[-1]
    closing = len(before) - len(before.rstrip("*"))
    opening = len(piece) - len(piece.lstrip("*"))
    if closing != opening or before[: len(before) - closing].endswith(("\\", " ")):
        return piece
    out[-1] = before[:-closing]
    return piece[opening:]


def _link(address: str, text: str | None) -> str | None:
    """A Markdown link to ``address`` (an http or https address only), or None."""
    address = sendable(address)
    if not re.match(r"https?://", address, re.IGNORECASE) or not safe_url(address):
        return None
    if text is None:
        return f"<{address}>"
    return f"[{text}](<{address}>)"


class _Reader:
    """One abstract, read a character, a command or a group at a time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.depth = 0
        # Each `{` and the index after its `}` (an escaped brace counts for nothing), found
        # once: a search from each `{` of a run that is never closed took time with the
        # square of the run. So for math never closed, from the first `\(` with no `\)`.
        self.closing = brace_closings(text)
        self.unclosed: dict[str, int] = {}
        self.in_link = False  # reading a link's text, where a link is text (none nests)
        self.plain = False  # plain text, not Markdown: no marks, nothing escaped

    def group_end(self, start: int) -> int | None:
        """The index after the ``}`` that closes the ``{`` at ``start``, or None."""
        return self.closing.get(start)

    def math_end(self, start: int) -> int | None:
        """The index after the math that starts at ``start`` (``$…$``, ``$$…$$``,
        ``\\(…\\)``), or None where it is never closed."""
        for opening, closing in (("$$", "$$"), ("$", "$"), ("\\(", "\\)")):
            if not self.text.startswith(opening, start):
                continue
            index = start + len(opening)
            while index < self.unclosed.get(closing, len(self.text) + 1):
                found = self.text.find(closing, index)
                if found < 0:
                    self.unclosed[closing] = index
                    return None
                if self.text[found - 1] != "\\" or closing == "\\)":
                    return found + len(closing)
                index = found + 1
            return None
        return None

    def argument(self, index: int, end: int) -> tuple[int, int] | None:
        """Where the braced argument at ``index`` (blanks before it skipped) starts and
        ends, inside its braces; None where there is none before ``end``."""
        start = self.blanks(index, end)
        if start >= end or self.text[start] != "{":
            return None
        closed = self.group_end(start)
        return None if closed is None or closed > end else (start + 1, closed - 1)

    def blanks(self, index: int, end: int) -> int:
        """The index after the spaces and tabs at ``index``."""
        while index < end and self.text[index] in " \t":
            index += 1
        return index

    def tie(self, index: int, end: int) -> str:
        """The character at ``index``; a ``~`` between two words (`Fig.~1`, TeX's tie) is
        a no-break space, one before a number (`~10 GeV`, "about") is itself."""
        char = self.text[index]
        if char != "~" or index == 0 or index + 1 >= end:
            return char
        tied = not self.text[index - 1].isspace() and not self.text[index + 1].isspace()
        return "\u00a0" if tied else char

    def read(self, start: int, end: int) -> str:
        """The Markdown of ``text[start:end]``; as written in groups nested past reason."""
        if self.depth > _DEEPEST:
            return self.text[start:end] if self.plain else _STAR.sub(r"\\*", self.text[start:end])
        self.depth += 1
        try:
            return self.markdown(start, end)
        finally:
            self.depth -= 1

    def markdown(self, start: int, end: int) -> str:
        """The Markdown of ``text[start:end]`` (see `read`)."""
        out: list[str] = []
        plain: list[str] = []
        index = start
        while index < end:
            char = self.text[index]
            converted: tuple[str, int] | None = None
            if char == "$" or self.text.startswith("\\(", index):
                closed = self.math_end(index)
                if closed is not None and closed <= end:
                    converted = (self.text[index:closed], closed)  # math: as written
            elif char == "\\":
                converted = self.command(index, end)
                if converted is None:  # a command with no Markdown: as written, arguments too
                    found = _COMMAND.match(self.text, index)
                    after = found.end() if found else index + 1
                    while found and found.group(1) and (arg := self.argument(after, end)):
                        after = arg[1] + 1
                    plain.append(self.text[index:after])
                    index = after
                    continue
            elif char == "{":
                closed = self.group_end(index)
                if closed is not None and closed <= end:
                    converted = (self.group(index + 1, closed - 1), closed)
            if converted is None:
                bare = _BARE_ADDRESS.match(self.text, index, end)
                written = (
                    _ADDRESS_ESCAPE.sub(r"\1", bare.group(0)) if bare else self.tie(index, end)
                )
                plain.append(written)
                index += len(bare.group(0)) if bare else 1
                continue
            if plain:
                out.append(self.escaped("".join(plain)))
                plain.clear()
            if converted[0]:  # (a dropped `\\rm` leaves no piece between two emphases)
                out.append(_joined(out, converted[0]))
            index = converted[1]
        out.append(self.escaped("".join(plain)))
        return "".join(out)

    def escaped(self, text: str) -> str:
        """Text's stars as Markdown shows them (as written, in plain text)."""
        return text if self.plain else _STAR.sub(r"\\*", text)

    def marked(self, mark: str, inner: str) -> str:
        """``inner`` emphasised (as it is, in plain text)."""
        return inner if self.plain else _wrapped(mark, inner)

    def group(self, start: int, end: int) -> str:
        """A group's Markdown: its text, emphasised where it opens with ``\\em`` and kin."""
        found = _COMMAND.match(self.text, start)
        if found and found.group(1) in _DECLARED:
            return self.marked(
                _DECLARED[found.group(1)], self.read(self.blanks(found.end(), end), end)
            )
        return self.read(start, end)

    def command(self, index: int, end: int) -> tuple[str, int] | None:
        """The Markdown of the command at ``index`` and the index after it; None where it
        has none (it is then kept as written)."""
        found = _COMMAND.match(self.text, index)
        if found is None:
            return None
        name, symbol, after = found.group(1), found.group(2), found.end()
        if symbol is not None:
            if symbol == "\\":  # a line break
                return (" " if self.plain else "\\\n"), self.blanks(after, end)
            if self.plain and symbol in _ESCAPED:
                return symbol, after
            shown = _ESCAPED.get(symbol, _SPACES.get(symbol))
            return None if shown is None else (shown, after)
        if name in _DROPPED or name in _DECLARED:  # outside a group: its text stays plain
            return "", self.blanks(after, end)
        argument = self.argument(after, end)
        if argument is None:
            return None
        inner, closed = self.read(*argument), argument[1] + 1
        if name in _WRAPS:
            return self.marked(_WRAPS[name], inner), closed
        if name in _TEXT:
            return inner, closed
        if name == "footnote":  # a footnote's text, where it is read: in parentheses
            return f" ({inner.strip()})", closed
        address = verbatim(self.text[argument[0] : argument[1]])
        if name == "url":  # a link to a web address; another one is its text
            link = None if self.in_link else _link(address, None)
            return link or self.escaped(address), closed
        shown_at = self.argument(closed, end) if name == "href" else None
        if shown_at is None:
            return None
        outer, self.in_link = self.in_link, True
        try:
            text = self.read(*shown_at)
        finally:
            self.in_link = outer
        if outer:
            return text, shown_at[1] + 1
        link = _link(address, _LINK_TEXT.sub(r"\\\1", text) if text.strip() else None)
        return link or text, shown_at[1] + 1


def tex_markdown(text: str) -> str:
    """An arXiv abstract's TeX formatting as Markdown (see the module's note); its ``*``
    that could pair into emphasis escaped, as plain text's are."""
    if not any(mark in text for mark in "\\{~*"):
        return text
    return _END_BREAK.sub("", _Reader(text).read(0, len(text))).rstrip()


_BLANKS = re.compile(r"[ \t\n]+")  # not str.split(): a tie's no-break space stays


def tex_title(text: str) -> str:
    """An arXiv title's TeX formatting as Markdown, as an abstract's is (`\\emph{in vivo}`
    is `*in vivo*`, `{\\em …}` too, `\\textbf{…}` bold, `\\texttt{BERT}` its text, braces
    that only group dropped, math as written), but a title links nothing (`\\url{…}` is
    its address as text, `\\href{…}{text}` its text) and is one line (`\\\\` is a blank).
    The page showed the commands as written: "\\emph{Yang-Mills} theory"."""
    if not any(mark in text for mark in "\\{~*"):
        return text
    reader = _Reader(text)
    reader.in_link = True  # where a link is text
    return _BLANKS.sub(" ", reader.read(0, len(text)).replace("\\\n", " ")).strip()


def tex_plain(text: str) -> str:
    """An arXiv comment's or journal reference's TeX as the plain text it prints: `\\url{…}`
    its address, `\\href{…}{text}` its text, `{\\em oral}` and `\\emph{…}` their words,
    TeX's escapes their characters (`50\\%`, `\\&`), a tie (`ICML~2023`) a no-break space,
    `\\ ` a blank, braces that only group dropped; math and commands with no text of their
    own as written. The page showed them as typed: "code at \\url{https://…}"."""
    if not any(mark in text for mark in "\\{~"):
        return text
    reader = _Reader(text)
    reader.in_link, reader.plain = True, True
    return _BLANKS.sub(" ", reader.read(0, len(text))).strip()
