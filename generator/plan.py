"""Which pages a rebuild renders: the fingerprint of everything each page is made from.

A page whose fingerprint is the one the last build saved for its file is not rendered
again (see ``generator.cache.Fingerprinter``); ``serve`` keeps the fingerprints of the
very page objects it made, and takes them again without any work.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator import cache as cachelib
from generator.discover import tree

if TYPE_CHECKING:
    from generator.reuse import Reuse
    from generator.routes import Page


def templates_key(search_path: Sequence[Path]) -> str:
    """A hash of every template (names and bytes), in search order."""
    parts: list[str | bytes] = []
    for folder in search_path:
        for path in sorted(tree(folder)):  # not too deep: _refuse_outside_links listed it
            if path.is_file():
                parts += [str(path.relative_to(folder)), path.read_bytes()]
        parts.append("|")
    return cachelib.digest(*parts)


def plan_pages(
    pages: Sequence[Page], keys: dict[int, str], templates_key: str, reuse: Reuse | None = None
) -> list[tuple[Page, str | None]]:
    """Each page with the fingerprint of everything it is rendered from (None: unknown).

    A page that is the very object of the last build (``reuse``) has its fingerprint again.
    """
    fingerprints = cachelib.Fingerprinter(keys, None if reuse is None else reuse.object_keys)
    planned: list[tuple[Page, str | None]] = []
    known = {}
    if reuse is not None and reuse.templates_key == templates_key:
        known = reuse.fingerprints
    made: dict[int, str | None] = {}  # id(page) -> fingerprint, for the pages ``within``
    for page in pages:
        last = known.get(id(page))
        if last is not None and last[0] is page:
            planned.append(last)
            made[id(page)] = last[1]
        else:
            planned.append((page, page_fingerprint(fingerprints, templates_key, page, made)))
    if reuse is not None:
        reuse.fingerprints = {id(entry[0]): entry for entry in planned}
        reuse.templates_key = templates_key
        reuse.object_keys = fingerprints.made()
    return planned


def page_fingerprint(
    fingerprints: cachelib.Fingerprinter,
    templates_key: str,
    page: Page,
    made: dict[int, str | None],
) -> str | None:
    """:func:`_fingerprint`, or for a page ``within`` one in ``made`` (id -> fingerprint),
    made from that page's; noted in ``made`` for the pages within this one."""
    if page.within is not None and id(page.within) in made:
        outer = made[id(page.within)]
        # ``outer`` is a fixed-length hex digest: joined to the path, nothing is ambiguous.
        fp = (
            None
            if outer is None
            else hashlib.blake2b(f"{outer}{page.output}".encode(), digest_size=16).hexdigest()
        )
    else:
        fp = _fingerprint(fingerprints, templates_key, page)
    made[id(page)] = fp
    return fp


def _fingerprint(
    fingerprints: cachelib.Fingerprinter, templates_key: str, page: Page
) -> str | None:
    """The fingerprint of everything ``page`` is rendered from; None when a context
    cannot be seen into (such a page is always rendered)."""
    try:
        return fingerprints.of(
            templates_key,
            page.output,
            page.url,
            page.templates,
            page.body,
            page.context,
            page.derive and page.derive.__qualname__,
            page.expand and page.expand.__qualname__,
        )
    except TypeError:
        return None
