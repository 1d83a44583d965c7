"""Correction and retraction notices, and retracted papers, as a source's titles name them.

OpenAlex types a correction notice `erratum` and flags a retracted paper `is_retracted`;
BibTeX and Semantic Scholar say it in the title alone ("Correction: …", "RETRACTED: …"):
a notice was a paper, counted in the metrics, and a retracted paper listed as any other.
"""

from __future__ import annotations

import re

from generator.ingest.work import Work

# "Correction: …", "Correction to: …", "Author Correction: …", "Publisher Correction: …",
# "Erratum: …", "Erratum to “…”", "Corrigendum to “…” [J. 12 (2019) 1–10]", "Correction"
# alone; "Correction of motion artifacts in …" is a paper, and so is "Correction's role in
# …" (an apostrophe against the word is its possessive, not a quoted title's).
# Journals in other languages name theirs so too, before a colon or alone: "Korrektur zu:
# …", "Erratum zu: …" (Springer's German), "Berichtigung", "Rectificatif", "Fe de erratas",
# "Errata corrige", "Corrección", "Correção", "更正", "勘误", "訂正", "正誤表"; and the
# notices of retraction "Retractación", "Rétractation", "Retratação", "撤稿".
_CORRECTION = re.compile(
    r"\s*(?:(?:author|publisher)\s+)?(?:correction|erratum|errata|corrigendum|addendum and erratum)"
    r"(?:\s+to)?(?:\s*(?:[:：.]|[\"“«]|$)|\s+[‘'])"
    r"|\s*(?:erratum|errata|corrigendum)\s+(?:to|for)\s"
    r"|\s*(?:(?:korrektur|erratum|berichtigung)(?:\s+zu)?|rectificatif|fe\s+de\s+erratas"
    r"|errata\s+corrige"
    r"|corrección|correção|更正|勘误|勘誤|訂正|正誤表)\s*(?:[:：]|$)",
    re.IGNORECASE,
)
# "Retraction Note: …", "Retraction notice to “…”", "Retraction: …" (the notice, not the
# paper; IEEE's "Notice of Retraction: …" is the paper itself)
_RETRACTION = re.compile(
    r"\s*retraction(?:\s+note|\s+notice(?:\s+to)?)?(?:\s*(?:[:：]|[\"“«]|$)|\s+[‘'])"
    r"|\s*retraction\s+notice\s+to\s"
    r"|\s*(?:retractación|rétractation|retratação|撤稿)\s*(?:[:：]|$)",
    re.IGNORECASE,
)
# Emphasis, as a title's Markdown (`*Erratum*: …`, from BibTeX's `\textit{Erratum}` or a
# database's `<i>`): no part of the words a notice is told by
_EMPHASIS = re.compile(r"[*_]+")


# A retracted paper's title as publishers mark it ("RETRACTED: …", Elsevier's; "Notice of
# Retraction: …", IEEE's), the mark taken off: the record is the paper's, kept as a draft.
# Springer's "RETRACTED ARTICLE: …" too, and a mark in emphasis (`**RETRACTED:** …`).
_RETRACTED = re.compile(
    r"\s*[*_]*(?:retracted(?:\s+article)?|notice\s+of\s+retraction)[*_]*\s*(?:[:：.]|-\s)"
    r"[*_]*\s*",
    re.IGNORECASE,
)
# A BibTeX `note` that says the paper is retracted (`note = {Retracted}`, `RETRACTED
# ARTICLE`, `Retracted in: …`)
_RETRACTED_NOTE = re.compile(r"\W*retracted\b|\W*retraction\s+in\b", re.IGNORECASE)


def notice_kind(title: str) -> str | None:
    """What notice a title names ("a correction notice", "a retraction notice"), or None."""
    title = _EMPHASIS.sub("", title)
    if _CORRECTION.match(title):
        return "a correction notice"
    if _RETRACTION.match(title):
        return "a retraction notice"
    return None


def notice_note(work: Work, kind: str) -> str:
    """The note saying a notice was left out, as OpenAlex's `erratum` is."""
    return (
        f"{work.where}: {work.label} ({work.title!r}) is {kind} (by its title), not a paper: "
        "left out (add it by hand if you list it)"
    )


def mark_retracted(work: Work, note: str | None = None) -> bool:
    """Take a retraction mark off the work's title and make it a draft; whether it is
    retracted (so marked, or its ``note`` says so)."""
    marked = _RETRACTED.match(work.title)
    mark = marked
    while mark and work.title[mark.end() :].strip():  # each of `Retracted: RETRACTED: …`
        work.title = work.title[mark.end() :]
        mark = _RETRACTED.match(work.title)
    if marked or (note and _RETRACTED_NOTE.match(note)):
        work.draft = True
        return True
    return False


def retracted_note(work: Work) -> str:
    """The note saying a retracted work's new record is a draft."""
    return (
        f"{work.where}: {work.label} ({work.title!r}) is retracted: a new record for it gets "
        "draft: true, which keeps it and its citations off the site (delete that line to "
        "list it)"
    )
