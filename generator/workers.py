"""Work spread over one forked process per core: parsing, Markdown and rendering.

Workers are forked, so they share the parent's model without copying it; what they need
is set in a module global just before the fork. Results come back in order. A build of a
whole new site has its workers write their pages straight into the staging folder, so
that the file system's work (on a small machine, as much as rendering) is done on every
core too and no page's bytes travel back through a pipe.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from generator import cache as cachelib
from generator.errors import ContentError, Problems
from generator.reporter import Reporter

TYPE_CHECKING = False  # a build with nothing to do need not import `typing`
if TYPE_CHECKING:
    from typing import Any

    import jinja2

    from generator.model import Author, Paper
    from generator.parse import Text
    from generator.routes import Page

PARALLEL_MIN = 400  # fewer items than this are done in the parent: forking costs more
# The Markdown workers of a first build run beside the novelty child, which is the longer
# job: at a lower priority they take what it leaves of the cores instead of half of it
# (on 2 cores the stage took 0.3-0.5 s less at 10,000 papers, 6 runs of 6).
MARKDOWN_NICE = 10
CHUNK = 100


def worker_count(items: int) -> int:
    """Processes to work with: one per core for many items, where forking is safe."""
    import threading

    if items < PARALLEL_MIN or threading.active_count() > 1 or sys.platform != "linux":
        return 1  # forking a threaded process (as `serve` is) can deadlock; few items gain nothing
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return min(cores, 8)


# The cache database that forked workers read saved renderings from (each through a
# connection of its own: a connection must never cross a fork), or None.
CACHE_FILE: Path | None = None


def _forked() -> None:
    """In a forked process: collect its own cyclic garbage, never walk the parent's heap.

    The build turns the collector off (see ``build.build``); a worker makes garbage page
    after page, so it turns it on again, after moving every object it inherited out of
    the collector's sight: a collection that walked them would copy the parent's memory
    page by page into the child.
    """
    gc.freeze()
    gc.enable()


def _start(nice: int = 0) -> None:
    """In a forked worker: saved renderings through its own connection, nothing new yet.

    Ctrl-C is left to the parent, which stops the pool: it reaches every process of the
    terminal's group, and a worker it stopped halfway through sending a result would
    leave half a message in the pool's queue, which terminating the pool then waits for
    the rest of forever (the build hangs after "interrupted").
    SIGTERM, which is how the pool stops its workers, kills at once: a handler inherited
    from the parent (``serve`` turns SIGTERM into Ctrl-C) would instead raise wherever the
    worker was, print a traceback, and could leave a queue's lock held by a dead process
    (the next worker then waits for it forever). :func:`fork_pool` holds SIGTERM back
    until this point, so that none arrives while the inherited handler is in place.
    """
    import signal

    from generator.markup import memo

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)
    _forked()
    memo.backing = None if CACHE_FILE is None else cachelib.markup_reader(CACHE_FILE)
    memo.new.clear()


def fork_pool(workers: int, nice: int = 0) -> Any:
    """A pool of ``workers`` forked processes, ``nice`` steps below this one's priority.

    Each worker is started by :func:`_start`.

    SIGTERM is held back while they are forked (the blocked set is inherited): a worker
    lets it through once it has set its own handling. The parent gets any that arrived
    meanwhile as soon as the pool is made.
    """
    import multiprocessing
    import signal

    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        return multiprocessing.get_context("fork").Pool(
            workers, initializer=_start, initargs=(nice,)
        )
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


# ---- one job in a child ----------------------------------------------------------------


class Later:
    """What a child job returns to send ``result`` first and do ``then`` afterwards.

    For work the parent need not wait for (the novelty child stores its state for the
    next build after sending the scores: ~0.15 s at 10,000 papers off the build's path).
    (A plain class: a build with nothing to do imports this module, and needs no
    `dataclasses`.)
    """

    __slots__ = ("result", "then")

    def __init__(self, result: Any, then: Callable[[], None]) -> None:
        self.result = result
        self.then = then


class Tell:
    """What a waiting job's function returns to tell the parent ``news`` before its result.

    The parent reads it with :meth:`ChildJob.hear`. Then ``then`` gives what comes next
    (the result, a :class:`Later` or another Tell): called with the parent's next input
    (:meth:`ChildJob.send`) when ``asks``, else with None at once. (A plain class: a
    build with nothing to do imports this module, and needs no `dataclasses`.)
    """

    __slots__ = ("asks", "news", "then")

    def __init__(self, news: Any, then: Callable[[Any], Any], asks: bool = False) -> None:
        self.news = news
        self.then = then
        self.asks = asks


_UNREAPED: list[int] = []  # children that sent their result and were still at work


def reap_children() -> None:
    """Wait for children still finishing their Later work (the end of a build)."""
    while _UNREAPED:
        with contextlib.suppress(ChildProcessError):  # reaped by someone else
            os.waitpid(_UNREAPED.pop(), 0)


class ChildJob:
    """``func(*args)`` computed in a forked child while the parent goes on.

    For a job that needs much memory for a short while (novelty's arrays, ~100 MB at
    10,000 papers): the parent never holds that memory, so its footprint stays small for
    the rest of the build, and the job runs beside the parent's own work. The arguments
    reach the child by the fork; the result (plain data) comes back through a pipe.
    A ``waiting`` job starts before its input is known: ``func(*args)`` prepares (imports,
    reads) and returns the function that :meth:`send`'s input (plain data) is given to;
    a job never sent anything ends when closed.
    Where forking is not safe (a threaded process such as ``serve``), nothing starts
    and :meth:`result` is None: the caller computes it itself.
    """

    def __init__(self, func: Callable[..., Any], *args: Any, waiting: bool = False) -> None:
        self.pid = 0
        self.fd = -1
        self.input = -1  # a waiting job's input, until sent
        if worker_count(PARALLEL_MIN) < 2:
            return
        try:
            read, write = os.pipe()
        except OSError:
            return  # out of file descriptors: computed in the parent instead
        given = (-1, -1)
        try:
            if waiting:
                given = os.pipe()
            pid = os.fork()
        except OSError:  # no process to spare: computed in the parent instead
            for fd in (read, write, *given):
                if fd >= 0:
                    os.close(fd)
            return
        if pid == 0:  # the child: compute, send, and leave without any cleanup of the parent's
            os.close(read)
            status = 1
            try:
                _forked()
                found = func(*args)
                if waiting:  # what func prepared, finished once the input comes
                    os.close(given[1])
                    with os.fdopen(given[0], "rb") as inputs:
                        sent = _message(inputs)
                        if sent is _NOTHING:  # dismissed: nothing to do
                            os._exit(0)
                        found = found(sent)
                        while isinstance(found, Tell):
                            data = marshal.dumps(found.news)
                            _write_all(write, len(data).to_bytes(8, "little") + data)
                            sent = _message(inputs) if found.asks else None
                            if sent is _NOTHING:  # dismissed
                                os._exit(0)
                            found = found.then(sent)
                later = found.then if isinstance(found, Later) else None
                data = marshal.dumps(found.result if isinstance(found, Later) else found)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
                if later is not None:  # the parent has the result and goes on meanwhile
                    later()
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self.pid, self.fd = pid, read
        if waiting:
            os.close(given[0])
            self.input = given[1]

    def send(self, value: Any, *, more: bool = False) -> bool:
        """Give a waiting job its input (plain data); False if it cannot take it any more.

        ``more``: the job may ask for another input after this one (a :class:`Tell` that
        asks), so the way in stays open.
        """
        if self.input < 0:
            return False
        data = marshal.dumps(value)
        fd = self.input
        if not more:
            self.input = -1
        try:
            _write_all(fd, len(data).to_bytes(8, "little"))
            _write_all(fd, data)  # not joined to its length: a copy of ~25 MB at 10k papers
        except OSError:  # the child is gone (it failed while it prepared)
            self.input = -1
            more = False
            return False
        finally:
            if not more:
                os.close(fd)
        return True

    def hear(self) -> Any:
        """What the job tells before its result (a :class:`Tell`'s news); None if it failed."""
        if self.fd < 0:
            return None
        head = _read_exactly(self.fd, 8)
        data = _read_exactly(self.fd, int.from_bytes(head, "little")) if len(head) == 8 else b""
        try:
            return marshal.loads(data) if data else None
        except (EOFError, ValueError, TypeError):
            return None

    def result(self) -> Any:
        """The job's result, or None when it did not run or failed."""
        if self.input >= 0:  # a job that could have asked for more did not
            os.close(self.input)
            self.input = -1
        if self.fd < 0:
            return None
        # Taken out first: a read cut short (Ctrl-C) closes the pipe, and close() must
        # not close the number again (by then it may be another file's).
        fd, self.fd = self.fd, -1
        with os.fdopen(fd, "rb") as pipe:
            data = pipe.read()  # until the child closes it: all it sends, or nothing
        done, _ = os.waitpid(self.pid, os.WNOHANG)
        if not done:  # still doing its Later work: reaped at the end of the build
            _UNREAPED.append(self.pid)
        self.pid = 0
        if not data:
            return None  # it failed before sending
        try:
            return marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None

    def close(self) -> None:
        """Stop the child if its result was never asked for (the build failed meanwhile,
        or a waiting job was not needed)."""
        if self.input >= 0:
            os.close(self.input)
            self.input = -1
        if self.pid:
            import signal

            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


_NOTHING = object()


def _message(pipe: Any) -> Any:
    """The next length-prefixed input of a waiting job; ``_NOTHING`` when there is none.

    Its length first: the end of the pipe is not awaited (a process forked meanwhile may
    hold a copy of the parent's end).
    """
    head = pipe.read(8)
    sent = pipe.read(int.from_bytes(head, "little")) if len(head) == 8 else b""
    return marshal.loads(sent) if sent else _NOTHING


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(fd: int, size: int) -> bytes:
    """``size`` bytes from ``fd``, fewer only if it ends first (read unbuffered: the rest
    of the pipe is :meth:`ChildJob.result`'s)."""
    parts: list[bytes] = []
    while size > 0:
        part = os.read(fd, min(size, 1 << 20))
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


# ---- parsing -------------------------------------------------------------------------

ParseResult = tuple[str, "str | None", "Any", "bytes | None", "list[Any]"]
# What forked parse workers need: the parse function and the keys already cached.
_PARSE: tuple[Callable[[Text, Problems], Any], Any] | None = None


def parse_many(
    files: Sequence[tuple[str, str]],
    parse: Callable[[Text, Problems], Any],
    cached: Any,
) -> Iterator[ParseResult]:
    """(rel, key, record, encoded record, problems) for each file, parsed on every core.

    A file whose key is already ``in cached`` comes back without a record: the caller
    decodes its cached copy.
    """
    global _PARSE
    _PARSE = (parse, cached)
    try:
        spans = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
        with fork_pool(worker_count(len(files))) as pool:
            for chunk in pool.imap(_parse_span, spans):
                yield from chunk
    finally:
        _PARSE = None


def _parse_span(files: Sequence[tuple[str, str]]) -> list[ParseResult]:
    """In a worker: :func:`parse_many`'s results for some files."""
    from generator.parse import read_text

    assert _PARSE is not None
    parse, cached = _PARSE
    out: list[ParseResult] = []
    for path, rel in files:
        problems = Problems()
        text = read_text(path, rel, problems)
        if text is None:
            out.append((rel, None, None, None, problems.items))
            continue
        key = cachelib.digest(parse.__name__, rel, text.text)
        if key in cached:
            out.append((rel, key, None, None, []))
            continue
        record = parse(text, problems)
        encoded = cachelib.encode_record(record) if record is not None else None
        out.append((rel, key if record is not None else None, record, encoded, problems.items))
    return out


# ---- Markdown ------------------------------------------------------------------------


class MarkupWarmer:
    """Converts the texts of many new records on every core, while the parent assembles.

    Assembling the model (novelty above all) runs on one core; converting abstracts, titles
    and bios needs only the parsed records, so it is started before and collected after.
    Fewer texts than PARALLEL_MIN are left to be converted when first needed.
    """

    def __init__(self) -> None:
        self.pool: Any = None
        self.pending: list[Any] = []
        self.total = 0

    def start(self, papers: Sequence[Paper], authors: Sequence[Author]) -> None:
        """Begin converting the texts of ``papers`` and ``authors`` (not yet converted)."""
        from generator import seo  # noqa: F401 - registers the "title" renderer
        from generator.markup import memo, to_convert

        # Not the plain-text forms (meta descriptions, feeds): made from the HTML in a few
        # microseconds by the page that needs them, they need not be held by the parent,
        # whose memory every render worker starts with.
        titles = to_convert("title", (paper.title for paper in papers))  # most need none
        todo = [("md", text) for text in to_convert("md", (p.abstract for p in papers))]
        todo += [(kind, title) for title in titles for kind in ("inline", "title")]
        todo += [("md", text) for text in to_convert("md", (a.bio for a in authors))]
        missing = [item for item in todo if item not in memo.seen]
        workers = worker_count(len(missing))
        if workers < 2:
            return
        self.total = len(missing)
        self.pool = fork_pool(workers, nice=MARKDOWN_NICE)
        step = CHUNK * 4
        spans = [missing[i : i + step] for i in range(0, len(missing), step)]
        self.pending = [(span, self.pool.apply_async(_convert, (span,))) for span in spans]

    def finish(self, reporter: Reporter) -> None:
        """Wait for the conversions and keep them (for pages, and for the cache)."""
        from generator.markup import memo

        if self.pool is None:
            return
        try:
            with reporter.stage("markdown", self.total) as progress:
                for span, result in self.pending:
                    made, more = result.get()
                    # Kept under this process's own texts (the records' strings), not the
                    # copies the worker sent back: at 10,000 papers that is 15 MB less
                    # here, and in every render worker forked from here.
                    for item, html in zip(span, made, strict=True):
                        if html is not None:
                            memo.seen[item] = memo.new[item] = html
                    memo.seen.update(more)
                    memo.new.update(more)
                    progress.advance(len(span))
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers (after :meth:`finish`, or when the build failed meanwhile)."""
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
            self.pending = []


def _convert(
    items: list[tuple[str, str]],
) -> tuple[list[str | None], dict[tuple[str, str], str]]:
    """In a worker: the renderings made for ``items`` in their order (None: found in the
    cache, not made), and any other rendering made meanwhile.

    The items' own texts are not sent back: the parent has them.
    """
    from generator.markup import RENDERERS, memo

    for kind, text in items:
        RENDERERS[kind](text)
    made = [memo.new.pop(item, None) for item in items]
    more = dict(memo.new)
    memo.new.clear()
    return made, more


# ---- rendering -----------------------------------------------------------------------

# A rendered page: (output path, its bytes or None when written, hex digest, unchanged).
Rendered = tuple[str, "bytes | None", str, bool]
# What forked render workers need: environment, pages, and where to write (or None).
_WORK: tuple[jinja2.Environment, Sequence[Page], tuple[Path, Path] | None] | None = None


def render_pages(
    env: jinja2.Environment,
    pages: Sequence[Page],
    reporter: Reporter,
    write_to: tuple[Path, Path] | None = None,
) -> Iterator[Rendered]:
    """Render ``pages`` in order, streamed (memory holds a few pages, not the site).

    With ``write_to`` = (staging folder, output folder), each page is written into the
    staging folder where it is rendered, and comes back without its bytes (``unchanged``
    then says whether the output folder holds the same bytes already).
    """
    from generator.markup import memo

    global _WORK
    workers = worker_count(len(pages))
    spans = [(start, min(start + CHUNK, len(pages))) for start in range(0, len(pages), CHUNK)]
    _WORK = (env, pages, write_to)
    try:
        with reporter.stage("render", len(pages)) as progress:
            if workers < 2:
                for span in spans:
                    rendered, _ = _render_span(span, keep_markup=True)
                    yield from rendered
                    progress.advance(len(rendered))
                return
            with fork_pool(workers) as pool:
                # A few chunks in flight per worker, not all of them: results waiting in
                # the parent would hold the whole site's bytes.
                pending: deque[Any] = deque()
                for index, span in enumerate(spans):
                    pending.append(pool.apply_async(_render_span, (span,)))
                    last = index == len(spans) - 1
                    while pending and (last or len(pending) >= 3 * workers):
                        rendered, new_markup = pending.popleft().get()
                        memo.new.update(new_markup)
                        yield from rendered
                        progress.advance(len(rendered))
    except ContentError as exc:
        from generator.render import with_other_templates

        raise with_other_templates(env, pages, exc) from None
    finally:
        _WORK = None


def _render_span(
    span: tuple[int, int], keep_markup: bool = False
) -> tuple[list[Rendered], dict[tuple[str, str], str]]:
    """Render pages[start:stop] (writing them when asked); also the Markdown converted.

    In a worker, the Markdown it converted goes back to the parent to be cached.
    """
    from generator.markup import memo
    from generator.render import render_page
    from generator.write import stage_file

    assert _WORK is not None
    env, pages, write_to = _WORK
    made: set[str] = set()
    rendered: list[Rendered] = []
    for page in pages[span[0] : span[1]]:
        data = render_page(env, page)
        digest = cachelib.digest(data)
        if write_to is None:
            rendered.append((page.output, data, digest, False))
        else:
            same = stage_file(write_to[0], write_to[1], page.output, data, made)
            rendered.append((page.output, None, digest, same))
    if keep_markup:
        return rendered, {}
    new = dict(memo.new)
    memo.new.clear()
    return rendered, new
