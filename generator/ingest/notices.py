"""Correction and retraction notices as a source's titles name them.

OpenAlex types a correction notice `erratum`; BibTeX and Semantic Scholar say it in the
title alone ("Correction: …"), and a notice was a paper, counted in the metrics.
"""

from __future__ import annotations

import re

from generator.ingest.work import Work

# "Correction: …", "Correction to: …", "Author Correction: …", "Publisher Correction: …",
# "Erratum: …", "Erratum to “…”", "Corrigendum to “…” [J. 12 (2019) 1–10]", "Correction"
# alone; "Correction of motion artifacts in …" is a paper.
_CORRECTION = re.compile(
    r"\s*(?:(?:author|publisher)\s+)?(?:correction|erratum|errata|corrigendum|addendum and erratum)"
    r"(?:\s+to)?\s*(?:[:：.]|[\"“‘'«]|$)"
    r"|\s*(?:erratum|errata|corrigendum)\s+(?:to|for)\s",
    re.IGNORECASE,
)
# "Retraction Note: …", "Retraction notice to “…”", "Retraction: …" (the notice, not the
# paper; IEEE's "Notice of Retraction: …" is the paper itself)
_RETRACTION = re.compile(
    r"\s*retraction(?:\s+note|\s+notice(?:\s+to)?)?\s*(?:[:：]|[\"“‘'«]|$)"
    r"|\s*retraction\s+notice\s+to\s",
    re.IGNORECASE,
)


def notice_kind(title: str) -> str | None:
    """What notice a title names ("a correction notice", "a retraction notice"), or None."""
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
