"""Front matter of other tools' Markdown files: YAML between ``---`` or TOML between ``+++``."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from generator import yamlio
from generator.errors import ContentError, Problem
from generator.ingest.work import MARKDOWN_LINK, Work, check, html_links
from generator.parse import conflict_problems

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


# Markdown's comment idiom, a link definition no text uses (`[//]: # (codeurl: …)`,
# `[comment]: <> (…)`), written in the front matter to comment out a key: Jekyll's YAML
# reads it as a key of no use (a list), PyYAML refuses it, and every such page was an
# error that said to write a field's name. It is a comment: blanked, its line kept.
_MARKDOWN_COMMENT = re.compile(r"^\[[^\[\]\n]*\]:[ \t]+(?:#|<>)(?:[ \t][^\n]*)?$", re.MULTILINE)


def read_front_matter(text: str, origin: str) -> tuple[dict[str, Any], str]:
    """The front matter mapping and the body; a malformed header is a located problem."""
    conflicts = conflict_problems(text, origin)
    if conflicts:
        # git's markers of a merge it could not make, left in an old site's page (ElcoK/
        # Koks's `<<<<<<< HEAD` between two versions of a citation): the import said "this
        # line is neither a `field: value` line nor a `- ` item" and to start it with `- `
        raise ContentError(conflicts)
    lines = text.splitlines(keepends=True)
    fence = lines[0].strip() if lines else ""
    if fence not in ("---", "+++"):
        raise ContentError([Problem(origin, 1, "no front matter ('---' or '+++' first line)")])
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == fence), None)
    if end is None:
        raise ContentError([Problem(origin, 1, f"the front matter has no closing '{fence}'")])
    header, body = "".join(lines[1:end]), "".join(lines[end + 1 :])
    if fence == "---":
        header = _MARKDOWN_COMMENT.sub("", header)
    try:
        data = tomllib.loads(header) if fence == "+++" else yamlio.safe_load(header)
    except yaml.MarkedYAMLError as exc:
        # What is wrong and how to write it (a tab, a quote inside quotes, a colon), as
        # for our own records; the message named only PyYAML's problem.
        error = yamlio.syntax_error(exc, header, 1, "front matter")
        raise ContentError([Problem(origin, error.line, error.message)]) from None
    except tomllib.TOMLDecodeError as exc:
        # "Unclosed array (at line 4, column 1)": a line of the header, which starts on line 2.
        where = re.search(r"\s*\(at line (\d+), column \d+\)", str(exc))
        line = int(where.group(1)) + 1 if where else 1
        reason = str(exc)[: where.start()] if where else str(exc)
        raise ContentError([Problem(origin, line, f"invalid TOML: {reason}")]) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:  # `date: 2024-02-30`
        raise ContentError([yaml_value_problem(exc, header, origin, 1)]) from None
    except RecursionError:  # TOML's parser recurses into each nested array or table
        raise ContentError([Problem(origin, 2, "the front matter is nested too deeply")]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError([Problem(origin, 2, "the front matter is not a mapping")])
    return data, body


# An unquoted YYYY-MM-DD is a date to YAML, and an impossible one makes PyYAML fail with
# a bare ValueError ("day is out of range for month") that names no line.
_DATE_VALUE = re.compile(r":\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*(?:#.*)?$")


def yaml_value_problem(exc: Exception, text: str, origin: str, offset: int) -> Problem:
    """A YAML value PyYAML could not convert, located at its line where it is a date."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = _DATE_VALUE.search(line)
        if match:
            try:
                dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                day, year = "-".join(match.groups()), match.group(1)
                return Problem(origin, number + offset, (
                    f"the date {day} is no calendar day; write the day it was (e.g. "
                    f"`date: {year}-01-31`), or its year alone (`date: {year}`)"
                ))  # fmt: skip
    return Problem(origin, offset + 1, f"invalid YAML: {exc}")


def as_date(value: Any) -> str:
    """A front-matter date (a date, a datetime or text) as ``YYYY-MM-DD`` text."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value or "")


# A link or image in Markdown or HTML to a path of the old site (`](/publication/x)`,
# `src="/files/fig.png"`, relative too: `](../project/abc)`): no such page or file exists
# on the new site. Not an address (`https:`, `mailto:`), nor a place in the page (`#x`).
_PATH = r"(?![a-z][\w+.-]*:)[^\s#?"
_OWN_LINK = re.compile(
    rf"\]\(({_PATH}()][^()\s]*)\)|(?:href|src)\s*=\s*[\"']({_PATH}\"'][^\"'\s]*)[\"']", re.I
)


def site_links_note(text: str, where: str, label: str) -> str | None:
    """A note naming the pictures and HTML links of an imported text to the old site's
    own pages and files, which break once this site replaces it; ``authorsite check``
    found them only later. (Its Markdown links and ``<a href>`` the import rewrites: see
    old_links.)"""
    pictures = MARKDOWN_LINK.sub(lambda m: m.group(0) if m.group(1) else "", text)
    # (joined once: a slice per link copied the whole text, time with the square of its size)
    kept, at = [], 0
    for start, end, _ in html_links(pictures):
        kept.append(pictures[at:start])
        at = end
    pictures = "".join(kept) + pictures[at:]
    found = _OWN_LINK.findall(pictures)
    links = sorted({a or b for a, b in found if not (a or b).startswith("//")})
    if not links:
        return None
    shown = ", ".join(links[:3]) + (f" and {len(links) - 3} more" if len(links) > 3 else "")
    return (
        f"{where}: {label}: the text links to {shown} on the old site, which this site "
        "does not have; in the record, write the full https:// address, or copy a file into "
        "static/ and link static/<its name>"
    )


_RELATIVE_URL = re.compile(
    r"\{\{-?[ \t]*[\"']([^\"'{}\n]*)[\"'][ \t]*\|[ \t]*(?:relative|absolute)_url[ \t]*-?\}\}"
)
_LIQUID_LINK = re.compile(r"\{%-?[ \t]*link[ \t]+([^\s{}%]+)[ \t]*-?%\}")
_HUGO_REF = re.compile(
    r"\{\{[<%][ \t]*(?:rel)?ref[ \t]+(?:path=)?[\"']([^\"'{}\n]*)[\"'][^{}\n]*?[%>]\}\}"
)


def template_addresses(text: str, jekyll: bool) -> str:
    """A text's template code that writes an address of the old site as that address,
    before the rest of its template code goes: Jekyll's ``{{ '/teaching/' | relative_url
    }}`` (al-folio's way) and ``{% link _pages/teaching.md %}`` (the page of that file:
    see old_links); Hugo's ``{{< relref "teaching" >}}``, the content file's page, named
    from content/ (``/teaching.md#x``: a page is at its name from the site's root)."""
    if jekyll:
        text = _RELATIVE_URL.sub(lambda m: m.group(1), text)
        return _LIQUID_LINK.sub(lambda m: "/" + m.group(1).lstrip("/"), text)
    text = _STATICREF.sub(lambda m: f"[{m.group(2)}]({_ref_address(m.group(1))})", text)
    return _HUGO_REF.sub(lambda m: _ref_address(m.group(1)), text)


# Wowchemy's link to a file of the site's static/ folder, `{{< staticref
# "uploads/cv.pdf" "newtab" >}}Academic CV{{< /staticref >}}`: its words stayed and the
# link went without a word; as a Markdown link it is named as the old site's file.
_STATICREF = re.compile(
    r"\{\{[<%][ \t]*staticref[ \t]+[\"']([^\"'{}\n]*)[\"'][^{}\n]*?[%>]\}\}"
    r"([^{}\n]{0,500}?)\{\{[<%][ \t]*/staticref[ \t]*[%>]\}\}"
)


def _ref_address(path: str) -> str:
    return path if path.startswith("#") else "/" + path.lstrip("/")


def no_scheme_note(where: str, tool: str, link: str, url: str) -> str:
    """A note on another site's address with its https:// left out (`github.com/ann/tool`,
    see :func:`generator.urls.bare_host`), which the old site's ``tool`` (Hugo, Jekyll)
    made a link to a page of its own: the address to write."""
    return (
        f"{where} has no https://, which {tool} read as a page of the old site: not "
        f"imported; add `{link}: https://{url}` under the record's links:"
    )


# What to write where a page lacks a field: the message said only what was missing.
_FIXES = {
    "has no title": 'has no title; add one to its front matter, e.g. `title: "…"`',
    "has no date (year)": (
        "has no date; add one to its front matter, e.g. `date: 2020-01-31` (or the year)"
    ),
}


def check_page(work: Work) -> list[Problem]:
    """:func:`check` for a page of another tool: a missing field says what to add."""
    fixes = {work.problem(k).message: work.problem(v).message for k, v in _FIXES.items()}
    return [Problem(p.path, p.line, fixes.get(p.message, p.message)) for p in check(work)]


def toml_mapping(text: str) -> dict[str, Any]:
    """A TOML file's table (a Hugo config's menus); one that is not TOML is empty."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):  # (`a = [[[…` thousands deep)
        return {}
    return data


def unreadable_name(page: Path, name: str, work: Work, notes: list[str]) -> None:
    """A note where the page's ``name`` (its file's or bundle folder's, as
    ``imported_from`` names it) is not UTF-8: saved on a Latin-1 or Windows system
    (`m\\xfcller`, an `ü` of one byte), which no record can hold. The work keeps no
    ``imported_from`` and its label shows the bytes; the note said "half a UTF-16 pair
    (such as \\ud800) in imported_from", and the record kept a `\ufffd` in the name."""
    try:
        name.encode("utf-8")
        return
    except UnicodeEncodeError:
        pass
    raw = os.fsencode(name)
    shown = raw.decode("utf-8", "backslashreplace")  # (Python reads such a byte as `\\udcfc`)
    where = os.fsencode(page).decode("utf-8", "backslashreplace")
    byte = next(ord(c) - 0xDC00 for c in name if "\udc80" <= c <= "\udcff")
    letter = bytes([byte]).decode("cp1252", "replace")
    kind = work.label.partition(" ")[0]
    work.label = f"{kind} '{shown.rpartition('/')[2].removesuffix('.md')}'"
    work.imported_from = None
    notes.append(
        f"{where}: the name {shown} is not UTF-8 (its byte \\x{byte:x} is Latin-1's or "
        f"Windows-1252's `{letter}`, which UTF-8 writes in two bytes), so no record can keep "
        "it: imported without `imported_from` (a re-import finds the record by its title "
        f"and year); rename it in UTF-8 (`{raw.decode('cp1252', 'replace')}`, as "
        "Windows-1252 reads it) and import again"
    )
