"""Read the site's records, through the cache of parsed records, and assemble the model."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from generator import cache as cachelib
from generator import workers
from generator.assemble import listed_papers, novelty_docs, novelty_text
from generator.discover import discover
from generator.errors import Problems
from generator.model import Author, Paper, PartialDate, Site, SiteConfig, SitePage
from generator.novelty_update import docs_key, text_digest, text_hash
from generator.reuse import Reuse

if TYPE_CHECKING:
    from generator.assemble import Known
    from generator.parse import Text

R = TypeVar("R", Paper, Author, SitePage)
# (key of the texts, "" when found; {slug: (record key, text hash)}; the cached scores or None)
NoveltyFound = tuple[str, dict[str, tuple[str, str]], "dict[str, float] | None"]
RECORD_CLASSES: dict[str, type[Any]] = {
    "Paper": Paper,
    "Author": Author,
    "PartialDate": PartialDate,
    "SitePage": SitePage,
}


@dataclass
class Records:
    """Parsed records, from the cache when a file's bytes are the ones parsed before."""

    cache: cachelib.BuildCache | None
    stats: dict[str, tuple[int, int]]
    known: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    stored: dict[str, bytes] = field(default_factory=dict)
    files: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    new: dict[str, bytes] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)  # id(record) -> its source's hash
    site_paths: dict[str, str] = field(default_factory=dict)  # rel -> path, for stats
    # Records decoded by an earlier build of the same process (``serve``), by key: a
    # rebuild reuses them instead of decoding 10,000 records again. Filled as records
    # are read; the caller keeps it for the next build.
    memory: dict[str, Any] | None = None
    decoded: dict[str, Any] = field(default_factory=dict)
    # Novelty being computed in a child for the texts with this key (see start_novelty).
    novelty_job: tuple[str, workers.ChildJob] | None = None
    # A child started while the records are read, ready for the texts (prepare_novelty).
    novelty_ready: workers.ChildJob | None = None
    # A paper changed and none is gone: the child is started and told the papers read
    # anew once they are parsed, if their texts changed (_ready_and_tell_novelty); told:
    # it works out the update meanwhile. How this build got its scores, for tests and
    # benchmarks.
    novelty_tell: bool = False
    novelty_told: bool = False
    novelty_how: str = ""
    novelty_unsaved: tuple[dict[str, tuple[str, str]], dict[str, float]] | None = None
    # The cached scores and, per slug, the (record key, text hash) they were computed from.
    novelty_saved: tuple[dict[str, Any], dict[str, float] | None] | None = None
    # The last answer of _cached_novelty, by the papers' identities (they live as long).
    novelty_seen: tuple[tuple[int, ...], NoveltyFound] | None = None
    # serve's first build after a text edit may show the last novelty scores (provisional)
    # and leave the update to the next build; unsettled says that it did.
    provisional: bool = False
    unsettled: bool = False
    bulk: bool = False  # see __post_init__

    def __post_init__(self) -> None:
        if self.cache is not None:
            # A process that built before (serve) passes the table it saved.
            self.known = self.known or self.cache.file_keys()
            # The cached records are read in bulk as they are needed (read_cached), unless
            # an earlier build of this process holds them (serve): then the few it lacks
            # are fetched one by one.
            self.bulk = not self.memory

    def read_cached(self, files: Sequence[tuple[str, str]]) -> None:
        """Decode at once the cached records of those ``files`` (path, rel) that are
        unchanged, as :meth:`get` and :meth:`get_many` would one by one."""
        if self.cache is None or not self.bulk:
            return
        stats, known, decoded = self.stats, self.known, self.decoded
        wanted = {
            row[2]
            for path, rel in files
            if (row := known.get(rel)) is not None
            and row[:2] == stats.get(path)
            and row[2] not in decoded
        }
        decoded.update(self.cache.decoded_records(wanted, RECORD_CLASSES))

    def get(
        self,
        path: str,
        rel: str,
        parse: Callable[[Text, Problems], R | None],
        problems: Problems,
    ) -> R | None:
        """The record in ``path``: cached when its bytes are unchanged, else parsed."""
        from generator.parse import read_text

        stat = self.stats.get(path)
        known = self.known.get(rel)
        if stat is not None and known is not None and known[:2] == stat:
            record = self._decode(known[2])
            if record is not None:
                self.files[rel] = known
                self.keys[id(record)] = known[2]
                return record  # type: ignore[no-any-return]
        text = read_text(path, rel, problems)
        if text is None:
            return None
        key = cachelib.digest(parse.__name__, rel, text.text)
        record = self._decode(key)
        if record is None:
            record = parse(text, problems)
            if record is None:
                return None
            self.new[key] = self.stored[key] = cachelib.encode_record(record)
            self.decoded[key] = record
        self._note(rel, stat, key)
        self.keys[id(record)] = key
        return record  # type: ignore[no-any-return]

    def get_many(
        self,
        files: Sequence[tuple[str, str]],
        parse: Callable[[Text, Problems], R | None],
        problems: Problems,
    ) -> list[R | None]:
        """:meth:`get` for many files, those to parse anew parsed on every core."""
        results: dict[str, R | None] = {}
        todo: list[tuple[str, str]] = []
        for path, rel in files:
            stat = self.stats.get(path)
            known = self.known.get(rel)
            if stat is not None and known is not None and known[:2] == stat:
                todo.append((path, rel))  # a cache hit: cheap, done below in order
            else:
                results[rel] = None
        misses = [(path, rel) for path, rel in files if rel in results]
        self.site_paths.update((rel, path) for path, rel in misses)
        if workers.worker_count(len(misses)) >= 2:
            # A file whose bytes are cached (touched, not edited) is not parsed again
            cached = self.stored.keys() | self.decoded.keys()
            if self.cache is not None and self.bulk:
                cached |= self.cache.record_keys()
            parsed = list(workers.parse_many(misses, parse, cached))
            if self.cache is not None and self.bulk:
                wanted = {key for _, key, record, _, _ in parsed if key and record is None}
                self.decoded.update(
                    self.cache.decoded_records(wanted - self.decoded.keys(), RECORD_CLASSES)
                )
            for rel, key, record, encoded, found in parsed:
                problems.extend(found)
                results[rel] = self._keep(rel, key, record, encoded)
        else:
            for path, rel in misses:
                results[rel] = self.get(path, rel, parse, problems)
        if self.novelty_tell and not problems:
            self._ready_and_tell_novelty([results[rel] for _, rel in misses])
        # Decoded after the novelty child is told: it works meanwhile (~0.3 s at 10k)
        self.read_cached(todo)
        # The hits, as get() takes them, without its checks made above (10,000 records)
        memory, stored, decoded, kept, keys = (
            self.memory or {},
            self.stored,
            self.decoded,
            self.files,
            self.keys,
        )
        for path, rel in todo:
            known = self.known[rel]
            key = known[2]
            record = decoded.get(key)  # read in bulk just above (read_cached)
            if record is None:
                record = memory.get(key)  # decoded by an earlier build of this process (serve)
            if record is None:
                data = stored.get(key)
                record = None if data is None else cachelib.decode_record(data, RECORD_CLASSES)
            if record is None:  # not stored, or not what this code writes: as get() does
                results[rel] = self.get(path, rel, parse, problems)
                continue
            decoded[key] = record
            kept[rel] = known
            keys[id(record)] = key
            results[rel] = record
        return [results[rel] for _, rel in files]

    def _keep(self, rel: str, key: str | None, record: Any, encoded: bytes | None) -> Any:
        """Record what a worker parsed (as :meth:`get` does for what it parses itself)."""
        if key is None:
            return None
        if record is None and (key in self.decoded or key in self.stored):
            record = self._decode(key)
        if record is None:
            return None
        if encoded is not None:
            self.new[key] = self.stored[key] = encoded
            self.decoded[key] = record
        self._note(rel, self.stats.get(self.site_paths.get(rel, rel)), key)
        self.keys[id(record)] = key
        return record

    def _note(self, rel: str, stat: tuple[int, int] | None, key: str) -> None:
        """Remember which record ``rel`` held, for the next build's file table.

        A file changed within the racy window is stored with size -1: read again next time.
        """
        if stat is not None:
            racy = stat[1] > cachelib.now_ns() - cachelib.RACY_NS
            self.files[rel] = (-1 if racy else stat[0], stat[1], key)

    def is_new(self, record: Any) -> bool:
        """Whether ``record`` was parsed by this build (not taken from the cache)."""
        return self.keys.get(id(record)) in self.new

    def _decode(self, key: str) -> Any:
        record = self.decoded.get(key)  # read ahead of the others (serve's open page)
        if record is not None:
            return record
        record = self.memory.get(key) if self.memory else None
        if record is None:
            data = self.stored.get(key)
            if data is None and self.cache is not None:  # not read in bulk (read_cached)
                data = self.cache.record(key)
            record = None if data is None else cachelib.decode_record(data, RECORD_CLASSES)
        if record is not None:
            self.decoded[key] = record
        return record

    def novelty_scores(self, papers: Sequence[Paper]) -> dict[str, float]:
        """Novelty of the published ``papers`` (generator.novelty), reused while no title,
        abstract or date changed.

        Otherwise updated from the state the last computation left in the cache (the
        child's, or computed here where no child runs: small sites, ``serve``).
        """
        key, texts, cached = self._cached_novelty(papers)
        if cached is not None:
            return cached  # the state is not even read: a build without text edits
        if self.provisional and len(papers) >= workers.PARALLEL_MIN:
            last = self.novelty_saved[1] if self.novelty_saved is not None else None
            if last is not None:
                # serve: the last scores now, the exact ones in a build right after.
                self.unsettled = True
                return {slug: last[slug] for slug in texts if slug in last}
        scores = None
        if self.novelty_job is not None and self.novelty_job[0] == key:
            found = self.novelty_job[1].result()  # the child has stored the new state
            # in the papers' order (a child that was told worked in the state's order)
            scores = (
                {p.slug: found[p.slug] for p in papers if p.slug in found}
                if isinstance(found, dict)
                else None
            )
        if scores is None:
            state = None if self.cache is None else self.cache.novelty_state()
            scores, state = _novelty(_docs(papers), state, keep_state=self.cache is not None)
            if self.cache is not None and state is not None:
                self.cache.save_novelty_state(state)
        if self.cache is not None:
            # Stored when the pages are written (save_novelty): the child that computed
            # them is storing its state now, and the cache takes one writer at a time.
            self.novelty_unsaved = (texts, scores)
        return scores

    def save_novelty(self) -> None:
        """Store the scores this build computed, with the texts they are of."""
        if self.cache is not None and self.novelty_unsaved is not None:
            self.cache.save_novelty(*self.novelty_unsaved)
            self.novelty_unsaved = None

    def prepare_novelty(self, papers: Sequence[tuple[str, str]]) -> None:
        """Get the novelty child ready, if a paper's file changed since the last build.

        ``papers`` are the paper files discover listed, as (path, rel). The child imports
        NumPy and reads the last state (~0.2 s at 10,000 papers) while this process reads
        the records: from now with a paper gone (:meth:`start_novelty` then sends it the
        texts), else from when the papers read anew are parsed (see get_many).
        """
        if self.cache is None or self.provisional or self.memory is not None:
            return
        known, stats = self.known, self.stats
        before = sum(1 for rel in known if rel.startswith("content/papers/"))
        if before < workers.PARALLEL_MIN <= len(papers):
            # A first build of a large site (or one grown large, or its cache deleted):
            # the child is forked now, while this process is small, and sent the texts
            # once they are parsed (start_novelty). Forked then, it began with every
            # record this process held by that time, and was the build's largest
            # process: 264 MB at 10,000 papers, over the 250 MB of issue 6.
            self.novelty_ready = workers.ChildJob(
                _novelty_prepared, self.cache.path, True, waiting=True
            )
            return
        if min(before, len(papers)) < workers.PARALLEL_MIN:
            return  # novelty computed here, if at all
        changed = before != len(papers) or any(
            (row := known.get(rel)) is None or stats.get(path) != row[:2] for path, rel in papers
        )
        if not changed:
            return
        if before <= len(papers):
            # Started once the papers read anew are parsed (get_many), and only if one of
            # their texts is not the one the cached scores were computed from: an edit of
            # a citation count, a venue or a link starts none (at 10,000 papers the child
            # imports NumPy and reads a 10 MB state, ~0.3 s of a core, to be dismissed).
            self.novelty_tell = True
        else:  # a paper gone: what the child would assume (the state's papers) is not so
            self.novelty_ready = workers.ChildJob(
                _novelty_prepared, self.cache.path, True, waiting=True
            )

    def _ready_and_tell_novelty(self, papers: Sequence[Any]) -> None:
        """Start the novelty child and tell it the papers read anew (:meth:`_tell_novelty`),
        unless their texts are the ones the cached scores were computed from."""
        self.novelty_tell = False
        if self.cache is not None and self._texts_may_differ(papers):
            self.novelty_ready = workers.ChildJob(
                _novelty_prepared, self.cache.path, False, waiting=True
            )
            self._tell_novelty(papers)

    def _tell_novelty(self, papers: Sequence[Any]) -> None:
        """Send the ready novelty child the papers read anew, before the others are decoded.

        From the last state and these texts it works out the update while this process
        decodes the other records (~0.3 s at 10,000 papers); :meth:`start_novelty` then
        checks that it assumed the texts the build has (see novelty_update.speculate).
        """
        assert self.novelty_ready is not None
        parsed = [
            (p.slug, p.date.sort_key(), novelty_text(p), p.draft)
            for p in papers
            if isinstance(p, Paper)
        ]
        self.novelty_told = self.novelty_ready.send({"parsed": parsed}, more=True)

    def _texts_may_differ(self, papers: Sequence[Any]) -> bool:
        """Whether the novelty texts of ``papers`` (read anew) may differ from those the
        cached scores were computed from: a paper new to them, dated or worded otherwise,
        a draft now. Only a guess of what to start early: :meth:`_cached_novelty` decides."""
        last, scores = self._saved_novelty()
        if scores is None:
            return True
        for paper in papers:
            if not isinstance(paper, Paper):
                return True
            known = last.get(paper.slug)
            if paper.draft:  # left out of novelty: a change if it was in it
                if known is not None:
                    return True
            elif known is None or known[1] != _text_hash(paper):
                return True
        return False

    def _saved_novelty(self) -> tuple[dict[str, Any], dict[str, float] | None]:
        """The cached scores, with each paper's (record key, text hash), read once a build."""
        if self.novelty_saved is None:
            saved = None if self.cache is None else self.cache.novelty()
            self.novelty_saved = saved or ({}, None)
        return self.novelty_saved

    def start_novelty(self, papers: Sequence[Paper]) -> None:
        """Begin computing novelty in a child, unless the cache holds it for these papers."""
        ready, self.novelty_ready = self.novelty_ready, None
        try:
            if len(papers) < workers.PARALLEL_MIN or self.provisional:
                return
            key, _, cached = self._cached_novelty(papers)
            if cached is not None:
                self.novelty_how = "cached"
                return
            if ready is not None and self.novelty_told:
                news = ready.hear()  # what the child assumed, or that it needs the texts
                if isinstance(news, tuple) and news == (key, _date_order(papers)):
                    self.novelty_job, ready = (key, ready), None
                    self.novelty_how = "told"
                    return
                if news != "texts":
                    ready.close()  # it assumed other texts, or another order of them
                    ready = None
            if ready is not None and ready.send(_docs(papers)):
                self.novelty_job, ready = (key, ready), None
                self.novelty_how = "sent"
                return
            # The child reads and stores the state itself: the main process never holds it.
            path = None if self.cache is None else self.cache.path
            self.novelty_job = (key, workers.ChildJob(_novelty_in_child, _docs(papers), path))
            self.novelty_how = "started"
        finally:
            if ready is not None:
                ready.close()  # not needed

    def _cached_novelty(self, papers: Sequence[Paper]) -> NoveltyFound:
        """What names ``papers``' novelty texts, and the cached scores if they are theirs.

        Novelty depends on each paper's slug, date, title and abstract. The cache keeps,
        with the scores, each paper's record key and a hash of those texts: a paper whose
        record (file) is unchanged has the same texts, so only the texts of records that
        changed are hashed again (hashing all 10,000 abstracts, ~25 MB, took ~60 ms), and
        an edit that leaves the texts as they were (a citation count) finds the scores.
        Returns (key, {slug: (record key, text hash)}, scores or None).
        """
        which = tuple(map(id, papers))
        if self.novelty_seen is not None and self.novelty_seen[0] == which:
            return self.novelty_seen[1]  # asked twice a build: when starting, and for the tiles
        last, scores = self._saved_novelty()
        texts: dict[str, tuple[str, str]] = {}
        same = len(papers) == len(last)
        for paper in papers:
            record_key = self.keys.get(id(paper), "")
            known = last.get(paper.slug)
            if record_key and known is not None and known[0] == record_key:
                texts[paper.slug] = known  # the same file: the same texts
            else:
                texts[paper.slug] = (record_key, _text_hash(paper))
                same = same and known is not None and known[1] == texts[paper.slug][1]
        # (same count, every slug found with its text: the same set of texts)
        if not same or scores is None:
            # The key names a computation to come (the child's is matched by it). serve's
            # provisional build starts none (~20 ms of sorting and hashing 10,000 texts).
            key = "" if self.provisional else docs_key((s, text) for s, (_, text) in texts.items())
            self.novelty_seen = (which, (key, texts, None))
            return key, texts, None
        if texts != last and self.cache is not None:
            self.cache.save_novelty(texts, scores)  # found by the new record keys next time
            self.novelty_saved = (texts, scores)
        self.novelty_seen = (which, ("", texts, scores))  # found: no key needed
        return "", texts, scores

    def close(self) -> None:
        """Stop what was started and not collected."""
        if self.novelty_job is not None:
            self.novelty_job[1].close()
            self.novelty_job = None
        if self.novelty_ready is not None:
            self.novelty_ready.close()
            self.novelty_ready = None

    def save(self) -> None:
        """Keep what this build parsed for the next one."""
        if self.cache is not None:
            self.cache.save_records(self.files, self.new, self.known)


def _text_hash(paper: Paper) -> str:
    """A hash of what novelty reads of a paper: its date, title and abstract."""
    return text_hash(paper.date.sort_key(), text_digest(novelty_text(paper)))


def _date_order(papers: Sequence[Paper]) -> list[str]:
    """The listed papers' keys in novelty's order: by date, the papers' order within one."""
    return [p.slug for p in sorted(listed_papers(papers, drafts=True), key=_date_key)]


def _date_key(paper: Paper) -> tuple[int, int, int]:
    return paper.date.sort_key()


def _docs(papers: Sequence[Paper]) -> list[tuple[str, Any, str]]:
    """What novelty is computed from, for papers that are already the listed ones."""
    return novelty_docs(papers, drafts=True)


NoveltyResult = tuple[dict[str, float], "bytes | None"]


def _novelty(
    docs: Sequence[tuple[str, Any, str]], state: bytes | None, *, keep_state: bool = True
) -> NoveltyResult:
    """The scores, and the state for the next build (None if unchanged), from ``state``."""
    from generator.novelty_update import update

    scores, new_state, report = update(docs, state, keep_state=keep_state)
    return scores, None if report.how == "unchanged" else new_state


def _novelty_in_child(
    docs: Sequence[tuple[str, Any, str]], cache_file: Path | None
) -> dict[str, float] | workers.Later:
    """In a forked child: the scores, from the state in the cache (own connection); the
    new state is made and stored after the scores are sent."""
    state = None if cache_file is None else cachelib.read_novelty_state(cache_file)
    return _novelty_from(docs, state, cache_file)


def _novelty_prepared(
    cache_file: Path | None, texts_coming: bool = False
) -> Callable[[Any], dict[str, float] | workers.Later | workers.Tell]:
    """In a forked child: the last state read (and NumPy imported if ``texts_coming``),
    ready for the texts.

    It is sent either every text (docs), or first only the papers the build read anew
    (``{"parsed": [...]}``): then it tells the build which texts it assumes and updates
    from the state meanwhile, or, when the state cannot be the start, asks for the texts.
    Told papers whose terms and order are the state's need no NumPy (~0.15 s of CPU to
    import): it is imported beforehand only when every text is to come.
    """
    if texts_coming:
        import numpy  # noqa: F401  (what takes the time: ~0.15 s)

    from generator.novelty_update import speculate

    state = None if cache_file is None else cachelib.read_novelty_state(cache_file)

    def finish(sent: Any) -> dict[str, float] | workers.Later | workers.Tell:
        if not isinstance(sent, dict):
            return _novelty_from(sent, state, cache_file)
        guess = speculate(state, sent["parsed"])
        if guess is None:
            return workers.Tell("texts", lambda docs: _novelty_from(docs, state, cache_file), True)
        return workers.Tell((guess.key, guess.order), lambda _: _stored(guess.run(), cache_file))

    return finish


def _novelty_from(
    docs: Sequence[tuple[str, Any, str]], state: bytes | None, cache_file: Path | None
) -> dict[str, float] | workers.Later:
    """The scores of ``docs`` from ``state``; the new state stored after they are sent."""
    from generator.novelty_update import update_then_state

    return _stored(update_then_state(docs, state), cache_file)


def _stored(
    found: tuple[dict[str, float], Callable[[], bytes], Any], cache_file: Path | None
) -> dict[str, float] | workers.Later:
    """The scores, the new state stored after they are sent (unless nothing changed)."""
    scores, new_state, report = found
    if cache_file is None or report.how == "unchanged":
        return scores
    return workers.Later(scores, lambda: cachelib.write_novelty_state(cache_file, new_state()))


def load_site(
    site_dir: Path,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    records: Records | None = None,
    parsed: Callable[[list[Paper], list[Author]], None] | None = None,
    reuse: Reuse | None = None,
    known: Known | None = None,
    same_files: bool = False,
    ahead: Callable[[SiteConfig], None] | None = None,
) -> Site:
    """Read, validate and assemble the whole site model, or raise every problem at once.

    ``parsed`` is called with the records once they are read, before they are assembled.
    ``reuse`` holds what the last build of this process made (:mod:`generator.reuse`),
    ``known`` what earlier builds computed, by record keys (:class:`assemble.Known`).
    ``same_files``: the folders list the files the last build found (serve's watcher saw
    only edits), so the sources ``reuse`` keeps are listed again without reading folders.
    ``ahead`` is called with site.yaml's config (without its header's links) before any
    record is read: ``serve`` writes an open page with its changed record there.
    """
    from generator.assemble import assemble, nav_links
    from generator.config import load_config
    from generator.parse import parse_author, parse_page, parse_paper

    if records is None:
        records = Records(None, {})
    problems = Problems()
    kept = None if reuse is None or not same_files else reuse.sources
    sources = kept if kept is not None else discover(site_dir, problems)
    if reuse is not None:
        reuse.sources = None if problems else sources  # only a listing without problems
    config = load_config(sources.config, sources.rel(sources.config), problems, base_url=base_url)
    if ahead is not None and not problems:
        ahead(config)
    # A paper changed: the novelty child gets ready while the records are read.
    records.prepare_novelty(sources.papers)
    records.read_cached([*sources.authors, *sources.pages])
    loaded = {rel: records.get(path, rel, parse_author, problems) for path, rel in sources.authors}
    authors = [author for author in loaded.values() if author]
    unreadable = {
        os.path.splitext(os.path.basename(rel))[0]
        for rel, author in loaded.items()
        if author is None
    }
    read = records.get_many(sources.papers, parse_paper, problems)
    papers = [paper for paper in read if paper]
    pages_read = {rel: records.get(path, rel, parse_page, problems) for path, rel in sources.pages}
    pages = [page for page in pages_read.values() if page]
    # The header's links are the config's (see SiteConfig.nav)
    config = dataclasses.replace(config, nav=nav_links(pages, drafts=drafts))
    if reuse is not None:
        if reuse.config == config:
            config = reuse.config  # the same object: pages made from it are reused
        reuse.config = config
    # slug -> file, by kind; "doi" and "arxiv_id": identifier -> file
    claimed: dict[str, dict[str, str]] = {
        "paper": {},
        "author": {},
        "page": {},
        "doi": {},
        "arxiv_id": {},
    }
    if problems:  # the build fails: what records with problems claim is compared now too
        from generator.parse import claims

        failed = [
            (path, rel, "paper")
            for (path, rel), p in zip(sources.papers, read, strict=True)
            if not p
        ]
        failed += [(path, rel, "author") for path, rel in sources.authors if not loaded[rel]]
        failed += [(path, rel, "page") for path, rel in sources.pages if not pages_read[rel]]
        for path, rel, what in failed:
            found = claims(path, rel)
            if found.slug is not None:
                claimed[what].setdefault(found.slug, rel)
            for key, value in found.ids.items() if what == "paper" else ():
                claimed[key].setdefault(value, rel)
    records.stored = {}  # every record is decoded now; the encoded copies can go
    if not problems:
        # Novelty needs only the texts: a child computes it while the rest goes on. It is
        # the published papers' novelty, drafts or not (see assemble).
        records.start_novelty(listed_papers(papers, drafts=False))
        if parsed is not None:
            parsed(papers, authors)
    site = assemble(
        config,
        papers,
        authors,
        problems,
        pages=pages,
        drafts=drafts,
        novelty_scores=records.novelty_scores,
        unreadable_authors=unreadable,
        claimed=claimed,
        reuse=None if reuse is None else reuse.profiles,
        record_keys=records.keys,
        known=known,
    )
    problems.raise_if_any()
    return site
