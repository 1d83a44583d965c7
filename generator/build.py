"""Build a site: the stages in order, and no logic of its own.

A rebuild does only the work its changes need (see ``generator.cache``): inputs whose
size and time did not change are not read, records whose bytes did not change are not
parsed, pages whose inputs did not change are not rendered, and bytes that did not
change are not written. The heavy stages (assemble, render: NumPy, Jinja, Markdown)
are imported when first needed, so a build with nothing to do returns before that.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import os
import sys
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path

from generator import cache as cachelib
from generator import state
from generator.discover import LOOP, TooDeep, resolved, tree
from generator.errors import ContentError, Problem, Problems, UsageError, visible
from generator.reporter import Reporter
from generator.write import (
    build_lock,
    check_out_dir,
    killed_build_left,
    misplaced_cname,
    name_twins,
    remove_strays,
    staged_site,
    static_sources,
    update_site,
)

TYPE_CHECKING = False  # a build with nothing to do need not import `typing`
if TYPE_CHECKING:
    from typing import Any

    from generator.assemble import Known
    from generator.load import Records
    from generator.model import Author, Paper, Site, SiteConfig
    from generator.reuse import Reuse
    from generator.routes import Page


def _shown_folder(site_dir: Path, folder: Path) -> str:
    """``folder`` as a message names it: from the site's folder where it is in it."""
    try:
        return folder.absolute().relative_to(site_dir.absolute()).as_posix() + "/"
    except ValueError:
        return folder.as_posix() + "/"


def _shown_file(site_dir: Path, path: Path) -> str:
    """``path`` as messages name it: from the site's folder where it is in it."""
    try:
        return visible(path.absolute().relative_to(site_dir.absolute()).as_posix())
    except ValueError:
        return visible(path.as_posix())


def _from_the_site(site_dir: Path, theme: str, exc: ContentError) -> list[Problem]:
    """``exc``'s problems, those in the site's templates named from the site's folder
    (``templates/paper.html:3``), as a record's are (``content/papers/x.md:5``): Jinja
    names a template by the folder it was read from, which is the site's as typed
    (``--site lab`` gave ``lab/templates/paper.html``, and an absolute ``--site``, or
    ``serve``'s, the whole path)."""
    base = f"{site_dir}{os.sep}"
    folders = tuple(f"{base}{name}{os.sep}" for name in ("templates", f"themes{os.sep}{theme}"))
    if str(site_dir) == ".":  # named from the site's folder already
        return list(exc.problems)
    return [
        Problem(p.path[len(base) :].replace(os.sep, "/"), p.line, p.message)
        if p.path.startswith(folders)
        else p
        for p in exc.problems
    ]


def skipped_link_warning(site_dir: Path, link: Path) -> str:
    """``static/x: symbolic link skipped; …``, the path as the user knows it."""
    what = "folder" if link.is_dir() else "file"
    shown = _shown_file(site_dir, link)
    return f"{shown}: symbolic link skipped; copy the {what} into static/ instead"


class BuildResult:
    """What a build did, for the summary line.

    (A plain class: a build with nothing to do imports this module, and needs no
    `dataclasses`.)
    """

    __slots__ = (
        "out",
        "pages",
        "pages_unchanged",
        "pages_written",
        "seconds",
        "settled",
        "warnings",
    )

    def __init__(
        self,
        pages_written: int,
        pages_unchanged: int,
        seconds: float,
        out: Path,
        settled: bool = True,
        warnings: tuple[str, ...] = (),
        pages: frozenset[str] | None = None,
    ) -> None:
        self.pages_written = pages_written
        self.pages_unchanged = pages_unchanged
        self.seconds = seconds
        self.out = out
        # False when the build showed the last novelty scores (``provisional_novelty``): a
        # build right after settles them.
        self.settled = settled
        # Things the user should know that did not stop the build, each a ``path: message``
        # line.
        self.warnings = warnings
        # The pages (output files) the build rewrote or removed, when no other file changed
        # (serve reloads only the tabs that show them); None: a file that every page may
        # load (a style sheet, an image of static/) changed too, or the whole folder was
        # written.
        self.pages = pages


def require_site(site_dir: Path) -> None:
    """Refuse a folder that is not a site (run by mistake in ``content/`` or elsewhere).

    Building there would write an empty site into a new ``output/`` and say it succeeded.
    """
    if (site_dir / "site.yaml").is_file() or (site_dir / "content").is_dir():
        return
    if not site_dir.is_dir():  # `--site` mistyped: no site above it to point to
        what = "is a file, not a folder" if site_dir.exists() else "no such folder"
        raise UsageError(visible(f"{site_dir}: {what}; pass --site with the site's folder"))
    where = site_dir.absolute()
    parent = next((p for p in where.parents if (p / "site.yaml").is_file()), None)
    hint = f" (the site is {parent})" if parent is not None else ""
    raise UsageError(  # the folder's name as typed: its control characters escaped
        visible(
            f"{site_dir}: not a site folder (no site.yaml or content/){hint}; run authorsite "
            "in the site's folder or pass --site DIR (`authorsite init DIR` makes a new site)"
        )
    )


def theme_dirs(site_dir: Path, theme: str) -> tuple[list[Path], list[Path]]:
    """Template search path (site overrides, then the theme) and static folders."""
    from generator.config import theme_problem, theme_root

    missing = theme_problem(site_dir, theme)
    if missing is not None:  # site.yaml names it at its line first; this is a last guard
        raise UsageError(missing)
    root = theme_root(site_dir, theme)
    templates = [site_dir / "templates", root / "templates"]
    static = [root / "static", site_dir / "static"]
    _refuse_outside_links(site_dir, (site_dir / "templates", site_dir / "themes" / theme))
    return [p for p in templates if p.is_dir()], static


def _unheld_pdfs(site: Site, static: Sequence[Path]) -> frozenset[str]:
    """The papers (slugs) whose `pdf:` names a PDF of the site (`static/x.pdf`) that its
    static folders do not hold: their pages name no `citation_pdf_url`, which led Google
    Scholar to a 404 as the paper's full text (the build's warning names the record's
    line, see routes.missing_files)."""
    from generator.seo import pdf_path

    base = site.config.base_url.lower()
    unheld: set[str] = set()
    for paper in site.papers:
        url = paper.links.get("pdf", "")
        if not url or (
            url.startswith(("https:", "http:", "//")) and not url.lower().startswith(base)
        ):
            continue  # arXiv's, a publisher's: never named to Scholar (~all, at 10,000 papers)
        rel = pdf_path(site, paper)
        if rel is None:
            continue
        inner = rel.removeprefix("static/")
        held = (
            rel.startswith("static/")
            and not any(part.startswith(".") for part in inner.split("/"))
            and any(
                (folder / inner).is_file() and not (folder / inner).is_symlink()
                for folder in static
            )
        )
        if not held:
            unheld.add(paper.slug)
    return frozenset(unheld)


def _file_problems(site_dir: Path) -> list[Problem]:
    """What writing the pages would refuse in the site's and the theme's own files (a
    static file no address can name, a link out of the site), for a build that stops on
    its records before: said with theirs, not in a second run."""
    from generator.config import load_config

    config = load_config(site_dir / "site.yaml", "site.yaml", Problems())  # said already
    try:
        static_sources(theme_dirs(site_dir, config.theme)[1])
    except ContentError as exc:
        return list(exc.problems)
    except UsageError:  # no such theme: site.yaml's problem says so
        pass
    return []


def _refuse_outside_links(site_dir: Path, folders: Sequence[Path]) -> None:
    """A site's templates may not be links to files outside it (they would be published)."""
    site_root = site_dir.resolve()
    problems = Problems()
    for folder in folders:
        if folder.is_symlink() and resolved(folder) is None:
            problems.add(folder.relative_to(site_dir).as_posix(), 0, LOOP)
            continue
        if not folder.exists():
            continue
        paths = [folder]
        if folder.resolve().is_relative_to(site_root):
            try:
                paths += sorted(tree(folder))
            except TooDeep as exc:
                problems.extend([exc.problem(folder, folder.relative_to(site_dir).as_posix())])
                continue
        for path in paths:
            if not path.is_symlink():
                continue
            target = resolved(path)
            if target is None:
                problems.add(path.relative_to(site_dir).as_posix(), 0, LOOP)
            elif not target.is_relative_to(site_root):
                kind = "folder" if path.is_dir() else "file"
                problems.add(
                    path.relative_to(site_dir).as_posix(),
                    0,
                    f"is a symbolic link to a {kind} outside the site; copy it in instead",
                )
    problems.raise_if_any()


def _save_markup(cache: cachelib.BuildCache) -> None:
    """Save the texts converted so far (and forget them: they are saved)."""
    from generator.markup import memo

    cache.save_markup(memo.new)
    memo.new.clear()


@contextlib.contextmanager
def _afterwards(exiting: bool) -> Iterator[None]:
    """Around a build: reap children still storing what they made, and turn the garbage
    collector back on (a rebuild turns it off), unless the process is ``exiting``."""
    collecting = gc.isenabled()
    try:
        yield
    finally:
        if "generator.workers" in sys.modules:
            sys.modules["generator.workers"].reap_children()
        if collecting and not exiting:
            gc.enable()


def build(
    site_dir: Path,
    out_dir: Path | None = None,
    *,
    drafts: bool = False,
    base_url: str | None = None,
    force: bool = False,
    reporter: Reporter | None = None,
    use_cache: bool = True,
    cache_root: Path | None = None,
    memory: Reuse | None = None,
    private_out: bool = False,
    provisional_novelty: bool = False,
    changed: Collection[str] | None = None,
    exiting: bool = False,
    first: tuple[Collection[str], Callable[[list[str]], None]] | None = None,
    load: bool = False,
) -> BuildResult:
    """Build ``site_dir`` into ``out_dir`` (default ``output/``); raise ContentError on bad content.

    ``memory`` is for a process that builds again and again (``serve``): what this build
    read and made is left in it for the next build to reuse (:mod:`generator.reuse`).
    ``private_out`` says that nobody else writes into the output folder (``serve``'s own
    temporary one), so it is not checked for files changed by hand (~0.1 s at 10k).
    ``provisional_novelty`` (``serve``): after a text edit on a large site, show the last
    novelty scores instead of waiting for the update (~0.4 s at 10k); the result is then
    not ``settled``, and a build right after (without it) shows the exact scores.
    ``changed`` (``serve``, with ``memory``): the files its watcher saw change since the
    last build; only those are statted again (see :func:`generator.state.scan_inputs`).
    ``exiting`` (the command line, which ends the process right after): a rebuild leaves
    the garbage collector off. Turned back on, its first collection walks every object the
    build made (~0.06 s at 10,000 papers, up to 0.3 s on a busy machine) for a process
    that frees its memory at once.
    ``cache_root`` (``check``): the cache folder to use instead of the site's own.
    ``first`` (``serve``, with ``private_out``): (files, told). Of the pages a rebuild
    renders, those files (the pages open in a browser) are rendered and written before
    the others, and ``told`` is called with them once they are written.
    ``load`` (``serve``, with ``memory``): read the model, route and fingerprint the
    pages even when nothing changed (nothing is then written), so that ``memory`` holds
    what the next build reuses.
    """
    started = time.perf_counter()
    with _afterwards(exiting), contextlib.ExitStack() as held:
        reporter = reporter or Reporter(quiet=True)
        reporter.begin()
        out = (out_dir if out_dir is not None else site_dir / "output").absolute()
        check_out_dir(out, site_dir, force=force, private=private_out)
        # another build into out/ finishes first (said, or the build would seem to hang)
        held.enter_context(build_lock(out, lambda: reporter.warning(_waiting(site_dir, out))))
        cache = cachelib.BuildCache(site_dir, cache_root) if use_cache else None
        checking: state.Beside | None = None
        previous = None
        # The last good build's paper pages, for an abstract's save (_Ahead); kept again
        # only by a build that ends well
        preview = None
        if memory is not None:
            preview, memory.preview = memory.preview, None
        try:
            previous = state.previous_state(cache, out, memory if private_out else None)
            if previous is not None:
                # A rebuild makes few objects that form cycles, while the cyclic garbage
                # collector would walk the whole heap again and again (~30 % of a rebuild in a
                # process that holds a site's records, such as `serve`). It runs afterwards.
                # A first build keeps it: it would hold ~10 MB more in every process.
                gc.disable()
            # What changed in the output folder since: such files are written again and files
            # that the build did not write are removed (output/ is the build's). Checked in a
            # child while this process scans the inputs (each is ~30,000 system calls at 10k).
            checked = None if private_out else previous
            checking = None if checked is None else state.drift_beside(out, checked, cache)
            stats, same_files = state.scan_inputs(site_dir, memory, changed)
            reporter.mark("scan")
            signature = state.signature(stats, drafts, base_url, state.root_links(site_dir))
            racy = state.racy_digests(stats)  # before anything reads them
            found = None if checked is None else state.drifted(out, checked, checking, cache)
            if found is None and checked is not None:  # lost: a whole new folder is written
                previous = None
            touched, strays = (set(), []) if found is None else found
            if memory is not None and memory.dirty:  # written by a build that then failed
                touched = touched | memory.dirty.keys()
            if (
                previous is not None
                and not load
                and state.nothing_to_do(previous, signature, touched, strays)
                and not killed_build_left(out)
            ):
                reporter.mark("compare")
                reporter.phases()
                if memory is not None:
                    memory.preview = preview  # as good as it was: nothing changed
                return BuildResult(
                    0,
                    previous["pages"],
                    time.perf_counter() - started,
                    out,
                    warnings=tuple(previous.get("warnings", ())),
                )
            ahead = (
                _Ahead(preview, site_dir, out, changed, cache, memory, previous, first)
                if preview is not None
                and memory is not None
                and private_out
                and first is not None
                and first[0]
                and previous is not None
                and same_files
                and changed
                else None
            )
            try:
                site, records, keep_loaded = _load_model(
                    site_dir,
                    cache,
                    stats,
                    memory,
                    drafts=drafts,
                    base_url=base_url,
                    reporter=reporter,
                    provisional=provisional_novelty,
                    same_files=same_files,
                    ahead=ahead,
                )
            except ContentError as exc:  # every problem in one run: the files' too
                raise ContentError([*exc.problems, *_file_problems(site_dir)]) from None
            try:
                written, unchanged, files, rewritten, warnings, pages = _render_and_write(
                    site,
                    site_dir,
                    out,
                    records,
                    previous,
                    (touched, strays),
                    cache,
                    reporter,
                    memory,
                    first if private_out else None,
                    [] if ahead is None else ahead.written,
                )
            except OSError as exc:  # a folder without write permission, a full disk
                raise ContentError([_unwritable(site_dir, out, exc)]) from None
            except ContentError as exc:  # a template's mistake, named as a record's is
                shown = _from_the_site(site_dir, site.config.theme, exc)
                if shown == exc.problems:
                    raise
                raise type(exc)(shown) from None
            finally:  # what was read and assembled holds whether the pages were written
                keep_loaded()
            if cache is not None:
                _save_markup(cache)
                records.save_novelty()
                # a build that showed provisional novelty is never the last word
                settled = signature if not records.unsettled else signature + ":unsettled"
                state.save(
                    cache,
                    out,
                    state.Written(files, rewritten, warnings, private_out),
                    settled,
                    previous,
                    memory,
                    racy,
                )
                reporter.mark("save")
            if memory is not None:
                memory.dirty = {}  # every page is as its state says
        except BaseException:
            # Every file this build wrote is in memory.dirty: the next build starts from
            # the last good state (its copy in the cache is forgotten once a file is
            # written) and writes them again, not the whole site.
            if memory is not None and private_out and previous is not None:
                memory.state = (str(out), previous)
            if memory is not None:
                memory.preview = None  # not a good build's
            raise
        finally:
            if checking is not None:
                checking.close()  # a build that failed before asking for it
            if cache is not None:
                if "generator.markup" in sys.modules:  # a build with nothing to do never loads it
                    from generator import workers
                    from generator.markup import memo

                    memo.backing = None
                    workers.CACHE_FILE = None
                cache.close()
        reporter.phases()
        return BuildResult(
            written,
            unchanged,
            time.perf_counter() - started,
            out,
            settled=not records.unsettled,
            warnings=warnings,
            pages=pages,
        )


def _load_model(
    site_dir: Path,
    cache: cachelib.BuildCache | None,
    stats: dict[str, tuple[int, int]],
    memory: Reuse | None,
    *,
    drafts: bool,
    base_url: str | None,
    reporter: Reporter,
    provisional: bool = False,
    same_files: bool = False,
    ahead: _Ahead | None = None,
) -> tuple[Site, Records, Callable[[], None]]:
    """The site model, read through the cache; new records' Markdown converted meanwhile.

    Also what keeps the records read anew and the assembly for the next build, unless it
    kept them already (:func:`_keep_loaded`): to be called once the pages are written.
    ``ahead``: writes the open page of a paper whose abstract alone changed once its
    record is read, before the others are (:class:`_Ahead`).
    """
    from generator import workers
    from generator.assemble import Known
    from generator.load import Records, load_site
    from generator.markup import memo

    records = Records(
        cache,
        stats,
        known={} if memory is None else memory.files,
        memory=None if memory is None else memory.records,
        provisional=provisional,
    )
    # What earlier builds assembled, by record keys: kept by serve, else in the cache.
    known = memory.known if memory is not None else None
    if known is None:
        known = Known.decode(None if cache is None else cache.blob("assembly"))
        if memory is not None:
            memory.known = known
    warmer = workers.MarkupWarmer()

    def parsed(papers: list[Paper], authors: list[Author]) -> None:
        """Records parsed anew have texts never converted: convert them meanwhile."""
        reporter.mark("records")
        warmer.start(
            [p for p in papers if records.is_new(p)], [a for a in authors if records.is_new(a)]
        )

    if cache is not None:
        memo.backing = cache.markup()
        workers.CACHE_FILE = cache.path
    try:
        site = load_site(
            site_dir,
            drafts=drafts,
            base_url=base_url,
            records=records,
            reuse=memory,
            known=known,
            same_files=same_files,
            parsed=parsed,
            ahead=None if ahead is None else functools.partial(ahead, records=records),
        )
        reporter.mark("assemble")  # with the wait for novelty, computed meanwhile
        if memory is not None:
            memory.records = records.decoded
            memory.files = records.files
        keep: Callable[[], None] = functools.partial(_keep_loaded, cache, records, known)
        if len(records.new) > KEEP_LATER_MOST:
            keep()  # now: the encoded copies need not stay in memory while pages render
            keep = _nothing
        warmer.finish(reporter)
        reporter.mark("markdown")
    finally:
        warmer.close()
        records.close()
    return site, records, keep


# Records parsed anew up to which they are kept at the end of the build, not once read.
# Read after an edit, they would wait for the cache (one writer at a time) while the
# novelty child stores its state (10 MB at 10,000 papers): ~0.05-0.15 s on a busy machine.
KEEP_LATER_MOST = 100


def _keep_loaded(cache: cachelib.BuildCache | None, records: Records, known: Known) -> None:
    """Keep the records read anew and, if it changed, the assembly for the next build."""
    records.save()
    if known.changed and cache is not None:
        cache.save_blob("assembly", known.encode())
        known.changed = False
    records.new = {}


def _nothing() -> None:
    """Nothing left to do."""


def _shown(site_dir: Path, out: Path) -> str:
    """The output folder as messages name it: from the site's folder when it is inside."""
    inside = out.is_relative_to(site_dir.absolute())
    return (out.relative_to(site_dir.absolute()) if inside else out).as_posix()


def _waiting(site_dir: Path, out: Path) -> str:
    """What a build says while another build into the same folder finishes."""
    shown = visible(_shown(site_dir, out))
    return f"{shown}: another build is writing this folder; waiting for it to finish"


def _unwritable(site_dir: Path, out: Path, exc: OSError) -> Problem:
    """The problem of a site that could not be written: the staged files are gone again,
    the previous site is whole (see :mod:`generator.write`)."""
    where = f" ({exc.filename})" if exc.filename else ""
    # A folder the user may not write (a read-only clone, a shared checkout): say where to
    # build instead. A full disk or another failure has nothing so simple to suggest.
    elsewhere = (
        "; build into a folder you can write with --out DIR"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
        else ""
    )
    return Problem(
        _shown(site_dir, out),
        0,
        f"cannot write the new site: {exc.strerror or exc}{where}; the previous site is left "
        f"as it was{elsewhere}",
    )


def _render_and_write(
    site: Site,
    site_dir: Path,
    out: Path,
    records: Records,
    previous: dict[str, Any] | None,
    drifted: tuple[set[str], list[str]],
    cache: cachelib.BuildCache | None,
    reporter: Reporter,
    reuse: Reuse | None = None,
    first: tuple[Collection[str], Callable[[list[str]], None]] | None = None,
    written_ahead: Sequence[tuple[str, bytes]] = (),
) -> tuple[
    int,
    int,
    dict[str, list[str | None]],
    list[str] | None,
    tuple[str, ...],
    frozenset[str] | None,
]:
    """Render what changed and write it (``first``: see :func:`build`; ``written_ahead``:
    the open pages :class:`_Ahead` wrote before the model was assembled).

    Returns the counts, the new state's files (path -> [fingerprint, hash]), the
    files written in place (None when a whole new folder was swapped in), the warnings
    and the pages changed (see :attr:`BuildResult.pages`).
    """
    import jinja2

    from generator import plan
    from generator.assemble import (
        alias_warnings,
        declared_below,
        group_warnings,
        nav_warnings,
        shared_name_warnings,
        unknown_spelling_warnings,
    )
    from generator.config import bundled_templates, plain_http_note, theme_root
    from generator.render import make_environment
    from generator.routes import missing_files, routes
    from generator.template_problems import (
        missing_templates,
        remote_style_sheets,
        stray_blocks,
        unprovided_assets,
        unused_page_templates,
    )
    from generator.workers import render_pages

    touched, strays = drifted
    search_path, static = theme_dirs(site_dir, site.config.theme)
    env = make_environment(
        search_path,
        None if cache is None else cache.folder("templates", jinja2.__version__),
        site.config.language,
        site.config.labels,
        bundled_templates(),
        site.config.paper_language,
    )
    pages = routes(site, None if reuse is None else reuse.pages, _unheld_pdfs(site, static))
    if reuse is not None and first is not None:  # for the next build (_Ahead), if this ends well
        from generator.reuse import Preview

        papers = {page.context["paper"].source: page for page in pages if page.expand is not None}
        reuse.preview = Preview(site.config, env, papers)
    # A theme of the site's own without some of the default theme's templates: all of
    # them named at once (as the site's other files are, where templates' mistakes are)
    default = theme_root(site_dir, "default") / "templates"
    missing = missing_templates(env, pages, f"{search_path[-1].as_posix()}/", default)
    if missing:
        raise ContentError(missing)
    # With the bundled theme's, whose page.html a theme of the site's own may stand on
    templates_key = plan.templates_key(list(dict.fromkeys([*search_path, bundled_templates()])))
    reporter.mark("routes")

    def statics_and_warnings() -> tuple[dict[str, Path], dict[str, str], tuple[str, ...]]:
        """The files of static/ (path -> source, path -> hash) and the warnings."""
        links: list[Path] = []
        sources = static_sources(static, links)
        warnings = tuple(skipped_link_warning(site_dir, link) for link in links)
        warnings += tuple(name_twins(sources))
        warnings += tuple(misplaced_cname(sources, lambda path: _shown_file(site_dir, path)))
        warnings += tuple(unused_page_templates(env, pages))
        warnings += tuple(stray_blocks(env, bundled_templates()))
        shown = [_shown_folder(site_dir, folder) for folder in static]
        warnings += tuple(unprovided_assets(env, sources, shown, default.parent / "static"))
        warnings += tuple(remote_style_sheets(sources, lambda path: _shown_file(site_dir, path)))
        warnings += tuple(
            missing_files(site, lambda: {page.output for page in pages} | sources.keys())
        )
        # The workflow's build log is where a published http:// address shows (its `check
        # --built` notes it too, but fails on no note)
        insecure = plain_http_note(
            site.config.base_url, in_actions=os.environ.get("GITHUB_ACTIONS") == "true"
        )
        warnings += (f"base_url {site.config.base_url}: {insecure}",) if insecure else ()
        warnings += tuple(declared_below(site))
        warnings += tuple(alias_warnings(site))
        warnings += tuple(shared_name_warnings(site))
        warnings += tuple(unknown_spelling_warnings(site))
        warnings += tuple(nav_warnings(site.pages))
        warnings += tuple(group_warnings(site))
        return sources, {rel: cachelib.file_digest(s) for rel, s in sources.items()}, warnings

    # The pages' fingerprints are kept apart from the state (their own table of the
    # cache), read only here: a build with nothing to do never needs them.
    old: dict[str, list[str | None]] = {}
    if previous is not None:  # serve keeps the table decoded beside its state
        old = previous.get("decoded") or state.old_files(cache, out)
        if not old:  # lost: a whole new folder, as a first build makes (same bytes: unchanged)
            previous = None
    # Texts converted by an earlier build are looked up in the cache as pages need them
    # (by each worker through its own connection).
    files: dict[str, list[str | None]] = {}

    if previous is None:
        # No earlier build in this folder: a whole new folder, written by the workers that
        # render it, and swapped in at once. Every page is rendered, so the fingerprints
        # (for the next build) are taken while the workers render, as is the saving of the
        # texts converted before: ~0.5 s of the main process's work, off a cold build's
        # path at 10,000 papers.
        _, statics, warnings = statics_and_warnings()
        planned = (
            None if reuse is None else plan.plan_pages(pages, records.keys, templates_key, reuse)
        )
        fingerprints = plan.Fingerprinter(records.keys)
        views = plan.Views(env, records.keys, templates_key)
        made: dict[int, str | None] = {}
        with staged_site(out, static) as stager:
            for page in pages:
                stager.claim(page.output)
            rendered = render_pages(env, pages, reporter, (stager.path, stager.out))
            for index, ((rel, _, digest, same), page) in enumerate(
                zip(rendered, pages, strict=True)
            ):
                if index == 0 and cache is not None:
                    _save_markup(cache)
                fp = (
                    plan.page_fingerprint(fingerprints, templates_key, page, made)
                    if planned is None
                    else planned[index][1]
                )
                files[rel] = [None if fp is None else views.kept(page, fp), digest]
                stager.count(same)
        for rel, digest in statics.items():
            files[rel] = [digest, digest]
        reporter.mark("render")  # and write, in the workers
        return stager.written, stager.unchanged, files, None, warnings, None

    planned = plan.plan_pages(pages, records.keys, templates_key, reuse)
    views = plan.Views(env, records.keys, templates_key)
    stale: list[Page] = []
    # A page's file is kept when the page's fingerprint, or what its template shows of it
    # (a CV after an abstract's edit), is the one kept for the file
    for page, fp in planned:
        rel = page.output
        if rel in touched or fp is None:
            stale.append(page)
            continue
        last = old.get(rel, [None])[0]
        if last == fp:
            continue
        kept = views.unchanged(page, fp, last)
        if kept is None:
            stale.append(page)
        else:
            files[rel] = [kept, old[rel][1]]
    reporter.mark("plan")
    fingerprint = {page.output: fp for page, fp in planned}
    # The files written by a build that then failed, with the hash of what they hold where
    # their tabs were told of it (see _write_noted).
    dirty = reuse.dirty if reuse is not None else {}

    def held(rel: str) -> str | None:
        """The hash of the bytes the folder holds at ``rel`` (None: not known)."""
        if rel in dirty:
            return dirty[rel]
        return None if rel in touched else old.get(rel, [None, None])[1]

    def render_changes(pages: list[Page]) -> list[tuple[str, bytes | Path]]:
        """Render ``pages``: the bytes that differ from what the folder holds."""
        changes: list[tuple[str, bytes | Path]] = []
        page_of = {page.output: page for page in pages}
        for rel, data, digest, _ in render_pages(env, pages, reporter):
            assert data is not None  # pages rendered without write_to come with their bytes
            # A page written ahead by a build that failed, with the same bytes again (a
            # template being fixed, the change in the record kept), is not written again:
            # its tab, which shows them already, is not reloaded for nothing.
            if held(rel) != digest:
                changes.append((rel, data))
            fp = fingerprint[rel]
            files[rel] = [None if fp is None else views.kept(page_of[rel], fp), digest]
        return changes

    # Pages open in a browser (serve's ``first``) are rendered and written before the
    # rest, and their tabs reload at once. Every file written is noted (``dirty``) until
    # the build ends well: should it fail, the next one starts from the state this one
    # started with (see :func:`build`) and renders them again.
    early: list[tuple[str, bytes | Path]] = []
    if first is not None and first[0] and reuse is not None:
        ahead = [page for page in stale if page.output in first[0]]
        if ahead and len(ahead) < len(stale):
            stale = [page for page in stale if page.output not in first[0]]
            early = render_changes(ahead)
            if early:
                if cache is not None:
                    cache.forget_state(out)  # until the new state is saved
                _write_noted(out, early, [], dirty, files)  # their tabs are told next
                first[1]([rel for rel, _ in early])
    # Render every stale page before writing anything (a failure leaves output/ as it
    # was, but for the pages written early), keeping only the bytes that differ from
    # what the folder holds; then replace just those files, each atomically.
    sources, statics, warnings = statics_and_warnings()  # after the open pages: ~0.04 s
    changes = render_changes(stale)
    reporter.mark("render")
    for page, _ in planned:
        if page.output not in files:
            files[page.output] = old[page.output]
    for rel, digest in statics.items():
        if held(rel) != digest:
            changes.append((rel, sources[rel]))
        files[rel] = [digest, digest]
    # The files no longer made; among them a page that a build which then failed wrote
    # ahead (a new paper's, its record since removed), which the last state never had.
    removed = sorted((set(old) | dirty.keys()) - set(files))
    if cache is not None and (changes or removed or strays):
        cache.forget_state(out)  # until the new state is saved, the folder is in flux
    remove_strays(out, strays)
    _write_noted(out, changes, removed, dirty)  # no tab is told of these until it ends well
    reporter.mark("write")
    # A page written before the model was assembled, which came out the same here
    again = {rel for rel, _ in early} | {rel for rel, _ in changes}
    changes = [(rel, data) for rel, data in written_ahead if rel not in again] + early + changes
    rewritten = [rel for rel, _ in changes] + removed
    # A file of static/ is kept with its own hash as its fingerprint; a page never is.
    shared = any(rel in statics for rel, _ in changes) or any(
        rel in old and old[rel][0] == old[rel][1] for rel in removed
    )
    shown = None if shared else frozenset(rewritten)
    return len(changes), len(files) - len(changes), files, rewritten, warnings, shown


def _write_noted(
    out: Path,
    changes: list[tuple[str, bytes | Path]],
    removed: list[str],
    dirty: dict[str, str | None],
    told: dict[str, list[str | None]] | None = None,
) -> None:
    """:func:`update_site`, each file noted in ``dirty`` (until the build ends well) with
    no hash: should the build fail, the next one writes it again and its tabs are told.
    With ``told`` (the files' table, for pages written ahead, whose tabs are told of them
    at once), each gets its own hash once written (a write cut short leaves it unknown):
    the next build leaves it, and its tab, as they are if it makes the same bytes again."""
    dirty.update(dict.fromkeys([rel for rel, _ in changes] + removed))
    update_site(out, changes, removed)
    if told is not None:
        dirty.update((rel, told[rel][1]) for rel, _ in changes)


class _Ahead:
    """``serve``: the open page of a paper whose abstract alone was saved, written once
    its record is parsed, before the other records are read and the model is assembled,
    routed and fingerprinted (~0.3-0.7 s at 10,000 papers), and its tab told at once.

    Taken only when every input that changed (the watcher's paths) is the record of a
    paper of the last build, which ended well (:class:`generator.reuse.Preview`, made by
    every build that ends well, dropped by one that fails), parsed without a problem, with
    no field but its abstract changed, and site.yaml read as that build read it: the page
    is then that build's, with the new record and the same site authors, citation key and
    shown novelty (a provisional build of a large site shows the last scores), rendered by
    the same templates. The build then renders the page again as usual; should it come out
    otherwise after all, it is written again and its tab reloads again.
    """

    def __init__(
        self,
        preview: Any,
        site_dir: Path,
        out: Path,
        changed: Collection[str],
        cache: cachelib.BuildCache | None,
        memory: Reuse,
        previous: dict[str, Any],
        first: tuple[Collection[str], Callable[[list[str]], None]],
    ) -> None:
        self.preview = preview
        self.site_dir = site_dir
        base = os.path.abspath(site_dir)
        self.changed = sorted(
            {Path(os.path.relpath(os.path.abspath(path), base)).as_posix() for path in changed}
        )
        self.out, self.cache, self.memory, self.first = out, cache, memory, first
        self.held = previous.get("decoded") or {}
        self.written: list[tuple[str, bytes]] = []

    def __call__(self, config: SiteConfig, records: Records) -> None:
        """Write the open pages of the changed papers, if they are only theirs to change
        (``config``: site.yaml's, before the header's links are added from the pages)."""
        import dataclasses

        from generator import workers
        from generator.parse import parse_paper

        preview = self.preview
        last_config = preview.config
        if (
            not records.provisional  # else the novelty shown may change
            or len(preview.papers) < workers.PARALLEL_MIN
            or dataclasses.replace(config, nav=last_config.nav) != last_config
            or any(rel not in preview.papers for rel in self.changed)
        ):
            return
        pages = []
        for rel in self.changed:  # each one parsed: another's title may move a citation key
            old = preview.papers[rel]
            problems = Problems()
            path = os.path.normpath(os.path.join(str(self.site_dir), rel))
            paper = records.get(path, rel, parse_paper, problems)
            last: Paper = old.context["paper"]
            if (
                problems
                or paper is None
                or dataclasses.replace(paper, abstract=last.abstract) != last
            ):
                return  # a field that other pages, the order or the owners may show
            if old.output in self.first[0]:
                pages.append(dataclasses.replace(old, context={**old.context, "paper": paper}))
        if not pages:
            return
        from generator.workers import render_pages

        try:
            rendered = list(render_pages(preview.env, pages, Reporter(quiet=True)))
        except Exception:  # the build renders it again and says what is wrong
            return
        changes: list[tuple[str, bytes | Path]] = []
        told: dict[str, list[str | None]] = {}
        for rel, data, digest, _ in rendered:
            assert data is not None
            if self.memory.dirty.get(rel, self.held.get(rel, [None, None])[1]) != digest:
                changes.append((rel, data))
                told[rel] = [None, digest]
        if not changes:
            return
        if self.cache is not None:
            self.cache.forget_state(self.out)  # until the new state is saved
        _write_noted(self.out, changes, [], self.memory.dirty, told)
        self.written += [(rel, data) for rel, data in changes if isinstance(data, bytes)]
        self.first[1](list(told))
