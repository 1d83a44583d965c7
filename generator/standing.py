"""The words for where a paper not out yet stands (`Under review`, `Forthcoming`, `R&R`).

One table for the importers, which read a state where a venue, a title or an author list
holds one, and for the card and CV, which show the state a record's note gives first:
they kept lists of their own, and a state one of them knew (`(In review)`, `Pre-published`)
was another's venue or nothing.
"""

from __future__ import annotations

import re

STATE_WORDS = (
    r"(?:(?:manuscript\s+|paper\s+)?(?:(?:currently\s+)?under\s+(?:review|revision|submission)"
    r"|in\s+submission|submitted|in\s+review|in\s+prep(?:aration|\.)?|in\s+press"
    r"|(?:conditionally\s+)?accepted|forthcoming|to\s+appear|pre-?published"
    r"|(?:in\s+)?draft|work\s+in\s+progress"
    r"|revised?\s+(?:and|&)\s+resubmit(?:ted)?|reject\s+(?:and|&)\s+resubmit|r\s*&\s*r))"
)

# A series of working (or discussion) papers, as economists circulate a paper before it is
# published (NBER's, IZA's, CEPR's: `type = {Working Paper}`, `{IZA} Discussion Paper`):
# read by the importers (a working paper is its journal version's preprint) and by the
# card and CV (which cite one by its series)
WORKING_PAPER = re.compile(r"\b(?:working|discussion)\s+papers?\b", re.IGNORECASE)
