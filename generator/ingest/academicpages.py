"""academicpages sites → works: ``_publications/*.md`` and ``publications.tsv``.

academicpages keeps no author list of its own: authors come from an ``authors`` key
where a site added one, else from the formatted ``citation`` string
("Smith, J., & Doe, A. (2020). ...").
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Problem
from generator.ingest.frontmatter import as_date, read_front_matter
from generator.ingest.sources import outside, read_text
from generator.ingest.work import Work, check, fold_paragraphs, fold_space, normalise_date

_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")
TYPES = {"manuscripts": "article", "conferences": "conference", "books": "book"}
LINKS = {"paperurl": "pdf", "paper_url": "pdf", "slidesurl": "slides", "slides_url": "slides"}


def import_academicpages(folder: str) -> list[Work]:
    """Works from an academicpages site folder (or its ``_publications`` folder or TSV)."""
    root = Path(folder)
    if root.is_file():  # one page, or the generator's TSV
        works = [_markdown(root)] if root.suffix in (".md", ".markdown") else _tsv(root)
    else:
        pubs = root / "_publications" if (root / "_publications").is_dir() else root
        files = sorted(p for p in pubs.glob("*.md") if not p.name.startswith("."))
        tsvs = [p for p in (root / "markdown_generator" / "publications.tsv",
                            root / "publications.tsv") if p.is_file()]  # fmt: skip
        if not files and not tsvs:
            message = "no _publications/*.md or publications.tsv here (an academicpages site?)"
            raise ContentError([Problem(folder, 0, message)])
        problems = [p for p in (outside(f, root) for f in files + tsvs[:1]) if p]
        if problems:
            raise ContentError(problems)
        works = []
        for path in files + tsvs[:1]:
            try:
                works.extend(_tsv(path) if path.suffix == ".tsv" else [_markdown(path)])
            except ContentError as exc:
                problems.extend(exc.problems)
        if problems:
            raise ContentError(problems)
    problems = [p for work in works for p in _check(work)]
    if problems:
        raise ContentError(problems)
    return works


def _markdown(path: Path) -> Work:
    origin = str(path)
    data, body = read_front_matter(read_text(origin), origin)
    work = Work(origin, 1, f"publication {path.stem!r}")
    work.title = fold_space(html.unescape(str(data.get("title") or "")))
    # Jekyll dates a collection page by its file name when the front matter has no date.
    named = _FILE_DATE.match(path.name)
    work.date = normalise_date(as_date(data.get("date")) or (named.group(1) if named else ""))
    _common(work, data)
    text = _without_boilerplate(body) or str(data.get("excerpt") or "")
    work.abstract = fold_paragraphs(html.unescape(text))
    return work


# academicpages' generator writes these lines into every body; they are links and a
# citation (both kept elsewhere in the record), not the abstract.
_BOILERPLATE = re.compile(r"^\s*(\[download (paper|slides) here\]|recommended citation:)", re.I)


# Jekyll's kramdown reads `{:target="_blank"}` or `{: .notice}` after a link or paragraph
# as its attributes; CommonMark shows it as text. A body that starts with an "Abstract"
# label (`Abstract`, `**Abstract:**`, `## Abstract`) holds the abstract after it.
_KRAMDOWN_ATTRIBUTES = re.compile(r"\{:[^{}\n]*\}")
_ABSTRACT_LABEL = re.compile(
    r"^\s*(?:#{1,6}[ \t]*abstract[ \t]*:?[ \t]*\n"  # a heading
    r"|(?:\*\*|__)abstract[ \t]*:?[ \t]*(?:\*\*|__)[ \t]*:?"  # bold, its colon in or after
    r"|abstract[ \t]*:"  # a label and its colon
    r"|abstract[ \t]*(?=\n|<br))"  # a line of its own ("Abstract interpretation" is text)
    r"\s*(?:<br\s*/?>)?\s*",
    re.IGNORECASE,
)


def _without_boilerplate(body: str) -> str:
    """The body without the generator's "Download paper here" and citation paragraphs,
    kramdown's attribute lists and an "Abstract" label."""
    text = _ABSTRACT_LABEL.sub("", _KRAMDOWN_ATTRIBUTES.sub("", body).strip(), count=1)
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(p for p in paragraphs if p.strip() and not _BOILERPLATE.match(p)).strip()


def _tsv(path: Path) -> list[Work]:
    origin = str(path)
    rows = csv.DictReader(io.StringIO(read_text(origin)), delimiter="\t")
    works = []
    problems: list[Problem] = []
    for number, row in enumerate(_rows(rows, origin), start=2):
        clean = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if not any(clean.values()):
            continue  # a row of empty cells, as spreadsheets leave at the end
        work = Work(origin, number, f"row {clean.get('url_slug') or number}")
        work.title = fold_space(clean.get("title", ""))
        work.date = normalise_date(clean.get("pub_date", ""))
        if clean.get("pub_date") and not work.date:  # 10/1/2009: Excel's way of saving it
            message = (
                f"pub_date {clean['pub_date']!r} is not YYYY-MM-DD (did a spreadsheet rewrite "
                "it?); write it as e.g. 2009-10-01"
            )
            problems.append(work.problem(message))
            continue
        work.abstract = fold_paragraphs(clean.get("excerpt", ""))
        _common(work, clean)
        works.append(work)
    if problems:
        raise ContentError(problems)
    if not works:
        raise ContentError([Problem(origin, 1, "the TSV has no rows")])
    return works


def _rows(rows: csv.DictReader[str], origin: str) -> Iterator[dict[str, Any]]:
    """The TSV's rows; one the csv module cannot read (a cell over its 128 KB limit, an
    unclosed quote at the end) is a located problem, not a traceback."""
    try:
        yield from rows
    except csv.Error as exc:
        line = rows.reader.line_num  # the line that failed (the DictReader's is the last read)
        raise ContentError([Problem(origin, line, f"cannot read the TSV: {exc}")]) from None


def _common(work: Work, data: dict[str, Any]) -> None:
    """Fields shared by the Markdown files and the TSV."""
    work.venue = fold_space(html.unescape(str(data.get("venue") or ""))) or None
    work.type = TYPES.get(str(data.get("category") or ""))
    authors = data.get("authors")
    if isinstance(authors, list):
        work.authors = [fold_space(str(a)) for a in authors if str(a).strip()]
    elif isinstance(authors, str) and authors.strip():
        work.authors = split_names(authors)
    else:
        work.authors = authors_from_citation(str(data.get("citation") or ""))
    for key, link in LINKS.items():
        url = str(data.get(key) or "").strip()
        if url.startswith(("https://", "http://")):
            work.links.setdefault(link, url)
    if data.get("doi"):
        work.doi = str(data["doi"])


# `, &`, ` and `: one more name follows. Blanks before it are matched from the first of
# their run only (the lookbehind): from each of a long run's blanks, each scanning the rest,
# the substitution took time with the square of the run's length.
_NAME_SEPARATOR = re.compile(r"(?:(?<!\s)\s+)?(?:,\s*)?(?:&|\band\b)\s*")
# Before the `(2020)` of an APA citation, or a quoted title: its names. The names must end
# in a character that is no blank (the lookbehind), for the same reason.
_BEFORE_YEAR = re.compile(r"(.+?)(?<!\s)\s*\(\d{4}[a-z]?\)")
_BEFORE_TITLE = re.compile(r"([^\"“]+?)(?<![\s,.])[\s,.]*[\"“]")
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?[\s-]*)+$|^\w+\.$")


def split_names(text: str) -> list[str]:
    """``A. Smith, B. Doe and C. Lee`` or ``Smith, A., Doe, B., & Lee, C.`` → names."""
    text = _NAME_SEPARATOR.sub(", ", text)
    tokens = [t.strip() for t in text.split(",") if t.strip()]
    names = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if following and _INITIALS.match(following) and len(token.split()) <= 3:
            given = following[:-1] if re.fullmatch(r"\w{2,}\.", following) else following
            names.append(f"{given} {token}")  # "Last, F." order; a name's closing period dropped
            index += 2
        else:
            names.append(token)
            index += 1
    return [fold_space(n) for n in names]


def authors_from_citation(citation: str) -> list[str]:
    """The names of a citation string: before the ``(YEAR)`` (APA), else the quoted title.

    ``Smith, J., & Doe, A. (2020). "Title."`` and the IEEE style
    ``J. Smith, A. Doe, and C. Lee, "Title," <i>Venue</i>, 2020.`` both work.
    """
    # A tag holds no `<`: `<[^>]+>` scanned from every `<` of `<<<<…` to the end
    text = re.sub(r"<[^<>]+>", "", html.unescape(citation))
    match = _BEFORE_YEAR.match(text) or _BEFORE_TITLE.match(text)
    return split_names(match.group(1)) if match else []


def _check(work: Work) -> list[Problem]:
    """The work's problems; a missing author list says where to add one."""
    problems = check(work)
    if work.authors:
        return problems
    if work.origin.endswith(".tsv"):
        where = "an 'authors' column (names separated by commas)"
    else:
        where = "an 'authors:' list to its front matter, e.g. 'authors: [Ada Lovelace, Jo Doe]'"
    hint = work.problem(
        "has no authors: academicpages keeps no author list and its citation names none "
        f"that can be read; add {where}"
    )
    return [hint if p.message == work.problem("has no authors").message else p for p in problems]
