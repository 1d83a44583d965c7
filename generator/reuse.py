"""What one build computed, kept for the next build of the same process (``serve``).

A rebuild after one edit goes through every stage again, and at 10,000 papers each stage
costs a few tenths of a second when it redoes all of its work. A process that builds again
and again keeps here what the last build made from each input; the next build takes the
same result for the same inputs instead of computing it again:

- records decoded from the cache (by their source's hash), the table of which file held
  which record, and the state of its own output folder (as saved in the cache: not read
  back);
- each profile (by its author and papers, which are the very objects of the last build
  when their files did not change);
- each page made from those (by the objects it is made from);
- each page's fingerprint (by the page object), and the fingerprint keys of the profiles
  and other values the pages hold.

Entries are keyed by object identity (``id``), and every entry holds the objects its key
names, so no key can come to mean another object while the entry exists. Every build keeps
only the entries it used, so nothing piles up. What is reused is always what the same
inputs give: the output is the same as without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reuse:
    """The last build's results, by their inputs; see the module docstring."""

    records: dict[str, Any] = field(default_factory=dict)  # record key -> decoded record
    # the file table the last build saved: path -> (size, mtime_ns, record key)
    files: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    # owners and charts by record keys (assemble.Known), None until a build loads them
    known: Any = None
    # size and time of every input, as the last build saw them (see state.scan_inputs), and
    # the record files it found (discover.Sources)
    stats: dict[str, tuple[int, int]] | None = None
    sources: Any = None
    # (output folder, state) the last build saved for its private output folder
    state: tuple[str, dict[str, Any]] | None = None
    config: Any = None  # the last SiteConfig: an equal one is replaced by it (same identity)
    # (author, papers) identities -> (author, papers, per_year, coauthors, Profile, the
    # SiteConfig and the papers' novelty it was made with)
    profiles: dict[tuple[Any, ...], tuple[Any, ...]] = field(default_factory=dict)
    # a route's inputs (identities and values) -> (inputs kept alive, its pages)
    pages: dict[tuple[Any, ...], tuple[Any, ...]] = field(default_factory=dict)
    # id(page) -> (page, fingerprint), valid for templates_key
    fingerprints: dict[int, tuple[Any, str | None]] = field(default_factory=dict)
    templates_key: str = ""
    # id -> (object, fingerprint key) of the profiles and other values pages are made from
    object_keys: dict[int, tuple[Any, str]] = field(default_factory=dict)
    # files of the output folder a build wrote before it failed, each with the hash of the
    # bytes it holds, for the pages written ahead, whose tabs were told (None: not told, or
    # its write may have been cut short): rendered again by the next build, and written
    # again unless they come out as those bytes
    dirty: dict[str, str | None] = field(default_factory=dict)
    # What the last build, which ended well, rendered paper pages with (see Preview):
    # made by every build that ends well, None after one that failed
    preview: Preview | None = None


@dataclass(frozen=True)
class Preview:
    """The last good build's Jinja environment, config and paper pages (by their records'
    paths: ``content/papers/x.md`` -> Page), kept by ``serve`` for a save of a paper's
    abstract alone: its open page is then that page with the new record, written before
    the other records are read (see ``generator.build._Ahead``)."""

    config: Any
    env: Any
    papers: dict[str, Any]


class Ledger:
    """One build's view of a :class:`Reuse`: look up the last build's entries, note this one's.

    ``None`` for a build that keeps nothing (the command line): every lookup misses.
    """

    def __init__(self, store: dict[tuple[Any, ...], tuple[Any, ...]] | None) -> None:
        self.old = store if store is not None else {}
        self.new: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        self.store = store

    @property
    def keeps(self) -> bool:
        """Whether entries are kept (``serve``): if not, a caller need not make keys."""
        return self.store is not None

    def get(self, key: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """The last build's entry for ``key``, kept for the next build too."""
        entry = self.old.get(key)
        if entry is not None and self.store is not None:
            self.new[key] = entry
        return entry

    def put(self, key: tuple[Any, ...], entry: tuple[Any, ...]) -> None:
        """This build's entry for ``key``."""
        if self.store is not None:
            self.new[key] = entry

    def close(self) -> None:
        """Keep only the entries this build used or made."""
        if self.store is not None:
            self.store.clear()
            self.store.update(self.new)
