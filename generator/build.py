"""Build a site: the stages in order, and no logic of its own.

A rebuild does only the work its changes need (see ``generator.cache``): inputs whose
size and time did not change are not read, records whose bytes did not change are not
parsed, pages whose inputs did not change are not rendered, and bytes that did not
change are not written. The heavy stages (assemble, render: NumPy, Jinja, Markdown)
are imported when first needed, so a build with nothing to do returns before that.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from generator import cache as cachelib
from generator.discover import discover
from generator.errors import Problems, UsageError
from generator.model import Author, Paper, PartialDate, Site
from generator.reporter import Reporter
from generator.write import (
    MARKER,
    check_out_dir,
    drift,
    remove_strays,
    snapshot,
    static_sources,
    update_site,
    write_site,
)

if TYPE_CHECKING:
    import jinja2

    from generator.parse import Text
    from generator.routes import Page

R = TypeVar("R", Paper, Author)
RECORD_CLASSES: dict[str, type[Any]] = {
    "Paper": Paper,
    "Author": Author,
    "PartialDate": PartialDate,
}
STATE_KEYS = {"signature", "marker", "files", "stats", "folders"}


@dataclass(frozen=True)
class BuildResult:
    """What a build did, for the summary line."""

    pages_written: int
    pages_unchanged: int
    seconds: float
    out: Path


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
    site_paths: dict[str, Path] = field(default_factory=dict)  # rel -> path, for stats

    def __post_init__(self) -> None:
        if self.cache is not None:
            self.known = self.cache.file_keys()
            self.stored = self.cache.records()

    def get(
        self,
        path: Path,
        rel: str,
        parse: Callable[[Text, Problems], R | None],
        problems: Problems,
    ) -> R | None:
        """The record in ``path``: cached when its bytes are unchanged, else parsed."""
        from generator.parse import read_text

        stat = self.stats.get(str(path))
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
        if stat is not None:
            racy = stat[1] > cachelib.now_ns() - cachelib.RACY_NS
            self.files[rel] = (-1 if racy else stat[0], stat[1], key)
        self.keys[id(record)] = key
        return record  # type: ignore[no-any-return]

    def get_many(
        self,
        files: Sequence[tuple[Path, str]],
        parse: Callable[[Text, Problems], R | None],
        problems: Problems,
    ) -> list[R | None]:
        """:meth:`get` for many files, those to parse anew parsed on every core."""
        results: dict[str, R | None] = {}
        todo: list[tuple[Path, str]] = []
        for path, rel in files:
            stat = self.stats.get(str(path))
            known = self.known.get(rel)
            if stat is not None and known is not None and known[:2] == stat:
                todo.append((path, rel))  # a cache hit: cheap, done below in order
            else:
                results[rel] = None
        misses = [(path, rel) for path, rel in files if rel in results]
        self.site_paths.update((rel, path) for path, rel in misses)
        if _worker_count(len(misses)) >= 2:
            import multiprocessing

            global _PARSE
            _PARSE = (parse, self.stored)
            try:
                spans = [misses[i : i + CHUNK] for i in range(0, len(misses), CHUNK)]
                with multiprocessing.get_context("fork").Pool(
                    _worker_count(len(misses)), initializer=_worker_start
                ) as pool:
                    for chunk in pool.imap(_parse_span, spans):
                        for rel, key, record, encoded, found in chunk:
                            problems.extend(found)
                            results[rel] = self._keep(rel, key, record, encoded)
            finally:
                _PARSE = None
        else:
            for path, rel in misses:
                results[rel] = self.get(path, rel, parse, problems)
        for path, rel in todo:
            results[rel] = self.get(path, rel, parse, problems)
        return [results[rel] for _, rel in files]

    def _keep(self, rel: str, key: str | None, record: Any, encoded: bytes | None) -> Any:
        """Record what a worker parsed (as :meth:`get` does for what it parses itself)."""
        if key is None:
            return None
        if record is None and key in self.stored:
            record = self._decode(key)
        if record is None:
            return None
        if encoded is not None:
            self.new[key] = self.stored[key] = encoded
        stat = self.stats.get(str(self.site_paths.get(rel, rel)))
        if stat is not None:
            racy = stat[1] > cachelib.now_ns() - cachelib.RACY_NS
            self.files[rel] = (-1 if racy else stat[0], stat[1], key)
        self.keys[id(record)] = key
        return record

    def _decode(self, key: str) -> Any:
        data = self.stored.get(key)
        return None if data is None else cachelib.decode_record(data, RECORD_CLASSES)

    def novelty_scores(self, docs: Sequence[tuple[str, Any, str]]) -> dict[str, float]:
        """Novelty (metrics.novelty_scores), reused while no title, abstract or date changed."""
        from generator.metrics import novelty_scores

        if self.cache is None:
            return novelty_scores(docs)
        key = cachelib.digest(*(f"{slug}\0{date}\0{text}" for slug, date, text in docs))
        scores = self.cache.novelty(key)
        if scores is None:
            scores = novelty_scores(docs)
            self.cache.save_novelty(key, scores)
        return scores

    def save(self) -> None:
        """Keep what this build parsed for the next one."""
        if self.cache is not None:
            self.cache.save_records(self.files, self.new)


def load_site(
    site_dir: Path,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    records: Records | None = None,
) -> Site:
    """Read, validate and assemble the whole site model, or raise every problem at once."""
    from generator.assemble import assemble
    from generator.config import load_config
    from generator.parse import parse_author, parse_paper

    if records is None:
        records = Records(None, {})
    problems = Problems()
    sources = discover(site_dir, problems)
    config = load_config(sources.config, sources.rel(sources.config), problems, base_url=base_url)
    loaded = {
        path: records.get(path, sources.rel(path), parse_author, problems)
        for path in sources.authors
    }
    authors = [author for author in loaded.values() if author]
    unreadable = {path.stem for path, author in loaded.items() if author is None}
    papers = [
        paper
        for paper in records.get_many(
            [(path, sources.rel(path)) for path in sources.papers], parse_paper, problems
        )
        if paper
    ]
    records.stored = {}  # every record is decoded now; the encoded copies can go
    site = assemble(
        config,
        papers,
        authors,
        problems,
        drafts=drafts,
        novelty_scores=records.novelty_scores,
        unreadable_authors=unreadable,
    )
    problems.raise_if_any()
    return site


def theme_dirs(site_dir: Path, theme: str) -> tuple[list[Path], list[Path]]:
    """Template search path (site overrides, then the theme) and static folders."""
    theme_root = site_dir / "themes" / theme
    if not theme_root.is_dir():
        bundled = Path(__file__).resolve().parent.parent / "themes" / theme
        theme_root = bundled if bundled.is_dir() else _packaged_theme(theme)
    if not (theme_root / "templates").is_dir():
        raise UsageError(f"theme `{theme}` not found: expected themes/{theme}/templates/")
    templates = [site_dir / "templates", theme_root / "templates"]
    static = [theme_root / "static", site_dir / "static"]
    _refuse_outside_links(site_dir, (site_dir / "templates", site_dir / "themes" / theme))
    return [p for p in templates if p.is_dir()], static


def _refuse_outside_links(site_dir: Path, folders: Sequence[Path]) -> None:
    """A site's templates may not be links to files outside it (they would be published)."""
    site_root = site_dir.resolve()
    problems = Problems()
    for folder in folders:
        if not folder.exists():
            continue
        paths = (
            [folder, *sorted(folder.rglob("*"))]
            if folder.resolve().is_relative_to(site_root)
            else [folder]
        )
        for path in paths:
            if path.is_symlink() and not path.resolve().is_relative_to(site_root):
                kind = "folder" if path.is_dir() else "file"
                problems.add(
                    path.relative_to(site_dir).as_posix(),
                    0,
                    f"is a symbolic link to a {kind} outside the site; copy it in instead",
                )
    problems.raise_if_any()


def _packaged_theme(theme: str) -> Path:
    """The theme shipped inside the installed package (for sites made by ``init``)."""
    return Path(__file__).resolve().parent / "themes" / theme


def input_roots(site_dir: Path) -> list[Path]:
    """Everything a build may read: the site's files and the bundled themes."""
    here = Path(__file__).resolve().parent
    roots = [site_dir / "site.yaml", site_dir / "content", site_dir / "templates"]
    roots += [site_dir / "static", site_dir / "themes", here.parent / "themes", here / "themes"]
    unique: dict[Path, Path] = {}
    for root in roots:
        unique.setdefault(root.resolve(), root)
    return list(unique.values())


def _templates_key(search_path: Sequence[Path]) -> str:
    """A hash of every template (names and bytes), in search order."""
    parts: list[str | bytes] = []
    for folder in search_path:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                parts += [str(path.relative_to(folder)), path.read_bytes()]
        parts.append("|")
    return cachelib.digest(*parts)


def plan_pages(
    pages: Sequence[Page], keys: dict[int, str], templates_key: str
) -> list[tuple[Page, str | None]]:
    """Each page with the fingerprint of everything it is rendered from (None: unknown)."""
    fingerprints = cachelib.Fingerprinter(keys)
    planned: list[tuple[Page, str | None]] = []
    for page in pages:
        try:
            fp = fingerprints.of(
                templates_key,
                page.output,
                page.templates,
                page.body,
                page.context,
                page.derive and page.derive.__qualname__,
            )
        except TypeError:
            fp = None  # a context the fingerprint cannot see into is always rendered
        planned.append((page, fp))
    return planned


def render_pages(
    env: jinja2.Environment, pages: Sequence[Page], reporter: Reporter
) -> Iterator[tuple[str, bytes]]:
    """Render ``pages`` in order, streamed (memory holds a few pages, not the site).

    Many pages are rendered by one worker process per core (forked, so they share the
    model without copying it); the order of the results is the order of ``pages``.
    """
    with reporter.stage("render", len(pages)) as progress:
        for chunk in _render_chunks(env, pages):
            yield from chunk
            progress.advance(len(chunk))


# The pages and environment the forked workers render from (set just before forking).
_WORK: tuple[jinja2.Environment, Sequence[Page]] | None = None
PARALLEL_MIN = 400
CHUNK = 100


def _render_chunks(
    env: jinja2.Environment, pages: Sequence[Page]
) -> Iterator[list[tuple[str, bytes]]]:
    from generator.markup import memo
    from generator.render import render_page

    global _WORK
    workers = _worker_count(len(pages))
    if workers < 2:
        for start in range(0, len(pages), CHUNK):
            yield [(page.output, render_page(env, page)) for page in pages[start : start + CHUNK]]
        return
    import multiprocessing

    _WORK = (env, pages)
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_worker_start) as pool:
            spans = [
                (start, min(start + CHUNK, len(pages))) for start in range(0, len(pages), CHUNK)
            ]
            # A few chunks in flight per worker, not all of them: rendering outpaces
            # writing, and results waiting in the parent would hold the whole site's bytes.
            pending: deque[Any] = deque()
            for span in spans:
                pending.append(pool.apply_async(_render_span, (span,)))
                if len(pending) >= 3 * workers:
                    rendered, new_markup = pending.popleft().get()
                    memo.new.update(new_markup)
                    yield rendered
            while pending:
                rendered, new_markup = pending.popleft().get()
                memo.new.update(new_markup)
                yield rendered
    finally:
        _WORK = None


# What forked parse workers need: the parse function and the cached encoded records.
_PARSE: tuple[Callable[[Text, Problems], Any], dict[str, bytes]] | None = None


def _parse_span(
    files: list[tuple[Path, str]],
) -> list[tuple[str, str | None, Any, bytes | None, list[Any]]]:
    """In a worker: (rel, key, record or None, its encoding or None, problems) per file.

    A record whose key is already cached comes back as None: the parent decodes it.
    """
    from generator.parse import read_text

    assert _PARSE is not None
    parse, stored = _PARSE
    out: list[tuple[str, str | None, Any, bytes | None, list[Any]]] = []
    for path, rel in files:
        problems = Problems()
        text = read_text(path, rel, problems)
        if text is None:
            out.append((rel, None, None, None, problems.items))
            continue
        key = cachelib.digest(parse.__name__, rel, text.text)
        if key in stored:
            out.append((rel, key, None, None, []))
            continue
        record = parse(text, problems)
        encoded = cachelib.encode_record(record) if record is not None else None
        out.append((rel, key if record is not None else None, record, encoded, problems.items))
    return out


def warm_markup(site: Site, reporter: Reporter) -> None:
    """Convert every abstract, title and bio not converted before, on every core.

    Markdown is the costliest step of a cold build; pages then find it all done.
    """
    from generator import seo  # noqa: F401 - registers the "title" renderer
    from generator.markup import memo

    todo: list[tuple[str, str]] = []
    for paper in site.papers:
        todo += [("md", paper.abstract), ("plain", paper.abstract), ("inline", paper.title)]
        todo.append(("title", paper.title))
    for profile in site.profiles:
        todo += [("md", profile.author.bio), ("plain", profile.author.bio)]
    missing = list(dict.fromkeys(item for item in todo if not memo.known(*item)))
    workers = _worker_count(len(missing))
    if workers < 2:
        return  # converted when first needed
    import multiprocessing

    spans = [missing[start : start + CHUNK * 4] for start in range(0, len(missing), CHUNK * 4)]
    with reporter.stage("markdown", len(missing)) as progress:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_worker_start) as pool:
            for new in pool.imap_unordered(_convert, spans):
                memo.seen.update(new)
                memo.new.update(new)
                progress.advance(CHUNK * 4)


def _convert(items: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """In a worker: the renderings of ``items`` (kind, text)."""
    from generator.markup import RENDERERS, memo

    for kind, text in items:
        RENDERERS[kind](text)
    new = dict(memo.new)
    memo.new.clear()
    return new


def _worker_count(pages: int) -> int:
    """Processes to render with: one per core for many pages, where forking is safe."""
    import threading

    if pages < PARALLEL_MIN or threading.active_count() > 1 or sys.platform != "linux":
        return 1  # forking a threaded process (as `serve` is) can deadlock; few pages gain nothing
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return min(cores, 8)


def _worker_start() -> None:
    """In a forked worker: never touch the parent's cache database connection."""
    from generator.markup import memo

    memo.backing = None
    memo.new.clear()


def _render_span(
    span: tuple[int, int],
) -> tuple[list[tuple[str, bytes]], dict[tuple[str, str], str]]:
    """In a worker: render pages[start:stop]; also return the Markdown it converted."""
    from generator.markup import memo
    from generator.render import render_page

    assert _WORK is not None
    env, pages = _WORK
    rendered = [(page.output, render_page(env, page)) for page in pages[span[0] : span[1]]]
    new = dict(memo.new)
    memo.new.clear()
    return rendered, new


def build(
    site_dir: Path,
    out_dir: Path | None = None,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    force: bool = False,
    reporter: Reporter | None = None,
    use_cache: bool = True,
) -> BuildResult:
    """Build ``site_dir`` into ``out_dir`` (default ``output/``); raise ContentError on bad content."""
    started = time.perf_counter()
    reporter = reporter or Reporter(quiet=True)
    out = (out_dir if out_dir is not None else site_dir / "output").absolute()
    check_out_dir(out, site_dir, force=force)
    cache = cachelib.BuildCache(site_dir) if use_cache else None
    try:
        stats = cachelib.scan(input_roots(site_dir))
        options = (
            f"drafts={drafts}",
            f"base_url={base_url}",
            f"today={dt.date.today().isoformat()}",
            f"epoch={os.environ.get('SOURCE_DATE_EPOCH', '')}",
        )
        signature = cachelib.signature(stats, *options)
        if any(mtime > cachelib.now_ns() - cachelib.RACY_NS for _, mtime in stats.values()):
            # A file changed in the last moments may change again within the same clock
            # tick, keeping its size and time: never trust the signature then.
            signature += f":racy:{cachelib.now_ns()}"
        previous = _previous_state(cache, out)
        touched: set[str] = set()
        strays: list[str] = []
        if previous is not None:
            # What changed in the output folder since: such files are written again and
            # files that the build did not write are removed (output/ is the build's).
            touched, strays = drift(out, previous["stats"], previous["folders"])
            if previous["signature"] == signature and not touched and not strays:
                total = len(previous["files"])
                return BuildResult(0, total, time.perf_counter() - started, out)
        records = Records(cache, stats)
        site = load_site(site_dir, drafts=drafts, base_url=base_url, records=records)
        records.save()  # now, not at the end: the encoded copies need not stay in memory
        records.new = {}
        written, unchanged, files, rewritten = _render_and_write(
            site, site_dir, out, records, previous, (touched, strays), cache, reporter
        )
        if cache is not None:
            from generator.markup import memo

            cache.save_markup(memo.new)
            memo.new.clear()
            marker = (out / MARKER).stat()
            if previous is None or rewritten is None:
                out_stats, folders = snapshot(out, files)
            else:
                out_stats = {k: v for k, v in previous["stats"].items() if k in files}
                fresh_stats, fresh_folders = snapshot(out, rewritten)
                out_stats.update(fresh_stats)
                folders = {**previous["folders"], **fresh_folders}
                for rel in rewritten:  # folders emptied by removals are gone
                    folder = rel.rpartition("/")[0]
                    if folder in folders and not (out / folder).is_dir():
                        del folders[folder]
            cache.save_state(
                out,
                {
                    "signature": signature,
                    "marker": [marker.st_ino, marker.st_mtime_ns],
                    "files": files,
                    "stats": out_stats,
                    "folders": folders,
                },
            )
    finally:
        if cache is not None:
            if "generator.markup" in sys.modules:  # a build with nothing to do never loads it
                sys.modules["generator.markup"].memo.backing = None
            cache.close()
    return BuildResult(written, unchanged, time.perf_counter() - started, out)


def _previous_state(cache: cachelib.BuildCache | None, out: Path) -> dict[str, Any] | None:
    """The last build's state for ``out``, if that folder is still the one it wrote."""
    if cache is None:
        return None
    state = cache.state(out)
    if not isinstance(state, dict) or not state.keys() >= STATE_KEYS:
        return None
    try:
        marker = (out / MARKER).stat()
    except OSError:
        return None
    if [marker.st_ino, marker.st_mtime_ns] != state["marker"]:
        return None  # output/ was replaced or rebuilt by something else
    return state


def _render_and_write(
    site: Site,
    site_dir: Path,
    out: Path,
    records: Records,
    previous: dict[str, Any] | None,
    drifted: tuple[set[str], list[str]],
    cache: cachelib.BuildCache | None,
    reporter: Reporter,
) -> tuple[int, int, dict[str, list[str | None]], list[str] | None]:
    """Render what changed and write it.

    Returns the counts, the new state's files (path -> [fingerprint, hash]) and the
    files written in place (None when a whole new folder was swapped in).
    """
    import jinja2

    from generator.markup import memo
    from generator.render import make_environment
    from generator.routes import routes

    touched, strays = drifted
    search_path, static = theme_dirs(site_dir, site.config.theme)
    env = make_environment(
        search_path, None if cache is None else cache.folder("templates", jinja2.__version__)
    )
    planned = plan_pages(routes(site), records.keys, _templates_key(search_path))
    statics = {
        rel: cachelib.digest(src.read_bytes()) for rel, src in static_sources(static).items()
    }
    old: dict[str, list[str | None]] = previous["files"] if previous else {}
    stale = [
        page
        for page, fp in planned
        if fp is None or old.get(page.output, [None])[0] != fp or page.output in touched
    ]
    if cache is not None:
        memo.backing = cache.markup()
    if _worker_count(len(stale)) >= 2:
        # Many pages, rendered by forked workers: convert every text first (on every core),
        # so that no worker touches the parent's database connection.
        warm_markup(site, reporter)
        memo.backing = None
    # Else the few stale pages look their texts up in the cache as they need them.
    files: dict[str, list[str | None]] = {}

    if previous is None:
        # No earlier build in this folder: a whole new folder, swapped in at once.
        def stream() -> Iterator[tuple[str, bytes]]:
            for (rel, data), (_, fp) in zip(
                render_pages(env, [p for p, _ in planned], reporter), planned, strict=True
            ):
                files[rel] = [fp, cachelib.digest(data)]
                yield rel, data

        result = write_site(out, stream(), static)
        for rel, digest in statics.items():
            files[rel] = [digest, digest]
        return result.written, result.unchanged, files, None

    # Render every stale page before writing anything (a failure leaves output/ as it
    # was), keeping only the bytes that differ from what the folder holds; then replace
    # just those files, each atomically.
    fingerprint = {page.output: fp for page, fp in planned}
    changes: list[tuple[str, bytes | Path]] = []
    for rel, data in render_pages(env, stale, reporter):
        digest = cachelib.digest(data)
        if old.get(rel, [None, None])[1] != digest or rel in touched:
            changes.append((rel, data))
        files[rel] = [fingerprint[rel], digest]
    for page, _ in planned:
        if page.output not in files:
            files[page.output] = old[page.output]
    sources = static_sources(static)
    for rel, digest in statics.items():
        if old.get(rel, [None, None])[1] != digest or rel in touched:
            changes.append((rel, sources[rel]))
        files[rel] = [digest, digest]
    removed = sorted(set(old) - set(files))
    if cache is not None and (changes or removed or strays):
        cache.forget_state(out)  # until the new state is saved, the folder is in flux
    remove_strays(out, strays)
    update_site(out, changes, removed)
    return len(changes), len(files) - len(changes), files, [rel for rel, _ in changes] + removed
