"""The ``init``, ``new`` and ``import`` commands: ``register(subparsers)`` adds them."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import re
import shlex
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import yaml

from generator import yamlio
from generator.errors import ContentError, Interrupted, Problem, UsageError, listed, visible
from generator.ingest import author_fill, merge, pdfs, progress, told
from generator.ingest.academicpages import import_academicpages
from generator.ingest.alfolio_data import coauthor_note, scholar_counts, scholar_links
from generator.ingest.aliases import alias_notes, edited_here, owner_note, strangers
from generator.ingest.arxiv import import_arxiv, sorted_sources
from generator.ingest.bibtex import import_bibtex_files
from generator.ingest.hugo import import_hugo
from generator.ingest.match import merged, unshare_ids
from generator.ingest.old_links import UNKNOWN, OldSite, old_address, relink_import
from generator.ingest.old_pages import (
    OldPage,
    PagePlan,
    describe_pages,
    page_files,
    plan_pages,
    read_old_pages,
)
from generator.ingest.pdfs import take as take_pdf
from generator.ingest.profile_readers import (
    hugo_site_title_name,
    read_hugo_members,
    read_profile,
)
from generator.ingest.profiles import ImportedProfile
from generator.ingest.scaffold import (
    DEFAULT_NAME,
    author_slug,
    init_site,
    main_author,
    new_page,
    new_paper,
    unreachable_install,
)
from generator.ingest.scholarly import (
    AuthorFigures,
    Imported,
    import_openalex,
    import_semanticscholar,
)
from generator.ingest.sources import not_there, outside
from generator.ingest.work import UnreadWorks, Work, settle, slugify
from generator.metrics import h_index
from generator.names import name_key
from generator.reporter import Reporter


def _site(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "site", "."))


def _common(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a --site given before the command (on the main parser) is not reset.
    parser.add_argument(
        "--site", default=argparse.SUPPRESS, metavar="DIR", help="the site folder (default: .)"
    )


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``init``, ``new`` and ``import`` to the command line."""
    init = subparsers.add_parser("init", help="create a new site, with a GitHub Pages workflow")
    init.add_argument(
        "dir",
        metavar="DIR",
        help="the new site's folder: new, empty, or a clone of a new repository",
    )
    init.add_argument("--name", help='your name as it appears on papers, e.g. "Ada Lovelace"')
    init.add_argument(
        "--slug",
        help="your author record's file name and address (default: made of --name): your "
        "name in lower-case Latin letters and dashes, e.g. ada-lovelace, for a name "
        "written in another script",
    )
    init.add_argument(
        "--language",
        metavar="TAG",
        help="the pages' language, a BCP 47 tag such as ja, zh-Hans, de (default: en); "
        "site.yaml's `language:`",
    )
    init.set_defaults(func=run_init)

    new = subparsers.add_parser("new", help="create a record from a template")
    kinds = new.add_subparsers(dest="kind", metavar="KIND", required=True)
    paper = kinds.add_parser("paper", help="a new paper record with today's date")
    paper.add_argument("title", help="the paper's title")
    paper.add_argument("--author", metavar="SLUG", help="the author (default: main_author)")
    _common(paper)
    paper.set_defaults(func=run_new_paper)
    page = kinds.add_parser("page", help="a new page of your own (Teaching, Contact)")
    page.add_argument("title", help="the page's title")
    page.add_argument(
        "--no-nav", action="store_true", help="not linked from the header (no `nav: true`)"
    )
    _common(page)
    page.set_defaults(func=run_new_page)

    imp = subparsers.add_parser("import", help="import papers from other tools and sources")
    sources = imp.add_subparsers(dest="source", metavar="SOURCE", required=True)
    specs: list[tuple[str, str, str, str | None, Callable[[argparse.Namespace], int]]] = [
        ("arxiv", "arXiv API responses (Atom), API URLs or arXiv ids", "SOURCE", "+", run_arxiv),
        ("bibtex", "BibTeX files (al-folio's papers.bib too)", "FILE", "+", run_bibtex),
        ("academicpages", "an academicpages site folder", "DIR", None, run_academicpages),
        ("hugo", "a Hugo Blox (Wowchemy) site folder", "DIR", None, run_hugo),
        (
            "alfolio",
            "an al-folio site folder (papers.bib and the profile)",
            "DIR",
            None,
            run_alfolio,
        ),
        ("semanticscholar", "Semantic Scholar author or papers responses", "SOURCE", "+", run_s2),
        ("openalex", "OpenAlex works responses", "SOURCE", "+", run_openalex),
    ]
    for name, help_text, metavar, nargs, func in specs:
        sub = sources.add_parser(name, help=help_text, description=help_text)
        what = "the other site's folder" if metavar == "DIR" else "files or URLs"
        sub.add_argument("sources", metavar=metavar, nargs=nargs, help=what)
        sub.add_argument("--dry-run", action="store_true", help="print the plan; write nothing")
        if name == "bibtex":  # a lab's shared file holds its other members' papers
            sub.add_argument(
                NAMED_ONLY,
                action="store_true",
                help="leave out the new papers whose complete author list names none of the "
                "site's authors (default: import them as the main author's, with a note)",
            )
        _common(sub)
        sub.set_defaults(func=_interruptible(func))


NAMED_ONLY = "--named-only"
NOTHING_WRITTEN = (
    "interrupted before any record was written: every record is as it was; run the import again"
)


def _interruptible(
    func: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """An import command whose Ctrl-C says what was written (:func:`_import` sets
    ``args.applied`` once every record is), not only "interrupted"."""

    def run(args: argparse.Namespace) -> int:
        try:
            with progress.shown(Reporter()):  # a large file's stages show a progress bar
                return func(args)
        except Interrupted:
            raise
        except KeyboardInterrupt:
            if getattr(args, "applied", False):
                raise Interrupted("interrupted after every record was written") from None
            raise Interrupted(NOTHING_WRITTEN) from None

    return run


def interrupted_import(exc: Interrupted) -> str:
    """What a user needs after Ctrl-C stopped an import's renames: which records are new,
    that each is whole, and that running the import again finishes it."""
    if not exc.written:
        return NOTHING_WRITTEN
    written, total = len(exc.written), len(exc.written) + len(exc.pending)
    return (
        f"interrupted while writing records: {written} of {total} written "
        f"({listed(exc.written)}); not written: {listed(exc.pending)}.\n"
        "Each record is whole: its old text or its new one, never a mix (a new record not "
        "written does not exist yet). Run the same import again to write the rest: the "
        "records already written show as unchanged."
    )


def run_init(args: argparse.Namespace) -> int:
    """``authorsite init DIR [--name NAME]``."""
    target = Path(args.dir)
    there = set(target.iterdir()) if target.is_dir() else set()  # a new repository's files
    written = init_site(target, args.name, args.slug, args.language)
    for path in written:
        print(f"{'updated' if path in there else 'created'}  {path}")
    name = (args.name or "").strip()
    if name and args.slug is None and not slugify(name, what=""):
        slug = author_slug(name)  # the name made no slug: a word stands in
        print(
            f"\nThe author's slug is `{slug}` (content/authors/{slug}.yaml, site.yaml's "
            f"main_author, the address authors/{slug}/): {name} has no Latin letters to "
            "make one of. To choose it, run init again in a new folder with --slug and your "
            "name in Latin letters (lower case, dashes between the words); or rename "
            f"content/authors/{slug}.yaml and write its new name in site.yaml's main_author."
        )
    if name and args.language is None and not re.search(r"[A-Za-z]", name):
        # English pages are init's default, which a name in kanji or Cyrillic does not tell
        print(
            "\nThe pages are in English (site.yaml's `language: en`). For pages in your "
            "language, write its tag there, such as `language: ja`, or run init again in a "
            "new folder with --language TAG."
        )
    if not (args.name or "").strip():  # the site, its title and its address say "Your Name"
        print(
            f'\nThe site is for "{DEFAULT_NAME}": to make it yours, run init again in a new '
            'folder with --name "Full Name", or edit site.yaml and content/authors/.'
        )
    source = unreachable_install()
    if source is not None:
        print(
            f"\nNote: this authorsite was installed from {source}, which GitHub's runner "
            f"cannot reach (a folder on this computer, or a commit not pushed), so "
            f"{target / 'requirements.txt'} names no place to install it from, and keeps pip "
            "off PyPI, whose `authorsite` is not this project's: the first run fails at "
            '"Install authorsite" until you write the line. Push that commit to a public '
            "repository and write its line there, in place of the two the file says: "
            "authorsite @ git+https://github.com/OWNER/REPO@COMMIT"
        )
    # a command to paste: no `cd .`, and a folder name with a space in quotes
    go = "" if target.resolve() == Path.cwd().resolve() else f"cd {shlex.quote(str(target))} && "
    print(f"\nNext: {go}authorsite import arxiv <your arXiv ids> && authorsite build")
    print(_publish_hint(target, there, written))
    return 0


def _publish_hint(target: Path, there: set[Path], written: list[Path]) -> str:
    """The last line of ``init``: how to publish, for a new folder or a repository's clone
    (whose own README.md was kept, so it holds no word on publishing)."""
    if target / "README.md" in written:
        where = "see README.md"
    else:
        where = "see *Deploying to GitHub Pages* in authorsite's README"
    if target / ".git" in there:
        return (
            "Publish: in this repository's Settings > Pages choose Source: GitHub Actions, "
            f"then commit the site and push it ({where})."
        )
    return (
        "Publish: in a new GitHub repository choose Settings > Pages > Source: GitHub "
        f"Actions, then push the folder to it ({where})."
    )


def run_new_paper(args: argparse.Namespace) -> int:
    """``authorsite new paper "Title" [--author SLUG]``."""
    _require_site(_site(args))
    path, notes = new_paper(_site(args), args.title, args.author)
    print(f"created  {path}")
    for note in notes:
        print(note)
    return 0


def run_new_page(args: argparse.Namespace) -> int:
    """``authorsite new page "Title" [--no-nav]``."""
    _require_site(_site(args))
    path, notes = new_page(_site(args), args.title, nav=not args.no_nav)
    print(f"created  {path}")
    for note in notes:
        print(note)
    return 0


def _require_site(site: Path) -> None:
    """Refuse a folder that is not a site, as ``build`` does (naming the site it is in)."""
    from generator.build import require_site

    require_site(site)


def _require_inputs(
    args: argparse.Namespace,
    sources: Sequence[str],
    what: str = "file",
    problems: Sequence[Problem] = (),
) -> None:
    """Refuse, before anything is read, a command line that names an input that is not
    there, and the site folder's own problem (as ``build`` does), every one in one run.

    A usage error (exit status 2), as a ``--site`` folder that is no site is to ``build``
    and ``check``: the name given is wrong, not a file's content (that is exit status 1).
    ``problems``: the other arguments that name nothing (a mistyped arXiv id).
    """
    lines: list[str] = []
    try:
        _require_site(_site(args))
    except UsageError as exc:
        lines.append(str(exc))
    lines.extend(filter(None, (not_there(source, what) for source in sources)))
    lines.extend(map(str, problems))
    if lines:
        raise UsageError("\n".join(lines))


def _import(
    args: argparse.Namespace,
    works: list[Work],
    notes: Sequence[str] = (),
    profile: ImportedProfile | None = None,
    pages: Sequence[OldPage] = (),
    old_site: OldSite = UNKNOWN,
    root: Path | None = None,
    members: Sequence[ImportedProfile] = (),
) -> int:
    """Plan, print, and (unless --dry-run) write; the profile's fill is said on stderr.

    ``old_site``: where the old site was published (Jekyll's ``url`` and ``baseurl``,
    Hugo's ``baseURL``), which its links to its own pages begin with. ``root``: the old
    site's folder, whose papers' PDFs are copied into static/papers/. ``members``: the
    profiles of a lab's other people (a Hugo Blox site's), each its own author record.
    """
    notes = list(notes)
    works = edited_here(_site(args), works)
    for work in works:  # every importer's DOIs and arXiv ids, checked as a record's are
        notes.extend(settle(work))
    notes.extend(unshare_ids(works))
    plan = merge.plan(_site(args), works)

    relinked: list[bool] = []

    def relink(plans: list[PagePlan]) -> None:  # once each page has its slug
        relinked.append(
            relink_import(_site(args), plans, plan.actions, works, profile, notes, old_site)
        )

    page_plans = plan_pages(_site(args), list(pages), notes, relink)
    if any(relinked):  # the papers' texts with their links rewritten (the same slugs)
        plan = merge.plan(_site(args), works)
    copies = pdfs.link(_site(args), plan, root, notes)
    if copies:  # the records with their links to the PDFs copied
        plan = merge.plan(_site(args), works)
        copies = pdfs.confirm(plan, copies)
    fill = author_fill.plan(_site(args), profile) if profile is not None else None
    fills = [(fill, profile, False)] if fill is not None and profile is not None else []
    for person in members:
        try:
            made = author_fill.plan(_site(args), person, True, [f for f, _, _ in fills])
        except ContentError as exc:  # one member's record: the lab's others still come
            notes.extend(author_fill.member_left_out(person, exc))
            continue
        fills += [(made, person, True)] if made is not None else []
    planned = {f.path: f.text for f, _, _ in fills if f.text is not None}
    notes.extend(alias_notes(_site(args), works, planned))
    new = [(a.rel, merged(a.works)) for a in plan.actions if a.status == "new"]
    named_only = getattr(args, "named_only", None)  # None: the import has no such option
    foreign = strangers(_site(args), main_author(_site(args)), new, planned, bool(named_only))
    if foreign is not None:
        if named_only:  # a lab's file: the papers of its other members left out
            dropped = {rel for rel, _ in foreign.found}
            plan.actions = [a for a in plan.actions if a.rel not in dropped]
        option = None if named_only is None else NAMED_ONLY
        notes.append(owner_note(foreign, bool(named_only), option))
    # A record's kept value that the same import told before is not said again
    left, kept = told.quiet(_site(args), plan, [f for f, _, _ in fills])
    # Titles, names and keys from the imported file reach the terminal: never its controls.
    for line in describe_pages(_site(args), page_plans):
        print(visible(line))
    for line in pdfs.describe(copies):
        print(visible(line))
    print("\n".join(map(visible, merge.describe(plan, args.dry_run).split("\n"))))
    if left:
        print(told.summary(left))
    for note in notes:
        print(f"note: {visible(note)}")
    for number, (made, person, is_member) in enumerate(fills, start=1):
        dry_run = args.dry_run and number == len(fills)  # said once, after the last
        for line in author_fill.describe(made, person, _site(args), dry_run, is_member):
            print(visible(line), file=sys.stderr)
    if not args.dry_run:
        try:
            # the profile and the pages are written with the papers, in one step
            others = {
                **{p: f for made, _, _ in fills for p, f in author_fill.files(made).items()},
                **page_files(page_plans),
                **pdfs.files(copies),
            }
            removed = merge.apply(plan, others) if others else merge.apply(plan)
        except Interrupted as exc:
            raise Interrupted(interrupted_import(exc), exc.written, exc.pending) from None
        args.applied = True
        told.remember(_site(args), kept)
        for path in removed:
            print(
                f"note: deleted {visible(str(path))}, a temporary file left by an import "
                "that was killed while writing"
            )
    return 0


@contextlib.contextmanager
def _notes_when_refused(notes: Sequence[str]) -> Iterator[None]:
    """Print the notes read so far when the import is refused: one may say why.

    (An academicpages page whose own BibTeX names another paper is left out with a note,
    and the page is then refused for having no authors: the note is the reason.)
    """
    try:
        yield
    except ContentError:
        for note in notes:
            print(f"note: {visible(note)}")
        raise


@contextlib.contextmanager
def _every_problem(args: argparse.Namespace) -> Iterator[None]:
    """Beside the problems of the works an import cannot take, those of the records the
    works it can take would write (``a new record … would not build``): every problem in
    one run, not the second only once the first is fixed."""
    try:
        yield
    except UnreadWorks as exc:
        if not exc.works:
            raise
        for work in exc.works:  # as _import makes them ready, its notes unsaid
            settle(work)
        unshare_ids(exc.works)
        try:
            merge.plan(_site(args), exc.works)
        except ContentError as more:
            raise ContentError([*exc.problems, *more.problems]) from None
        raise


def _single_folder(args: argparse.Namespace) -> str:
    return str(args.sources)


def run_arxiv(args: argparse.Namespace) -> int:
    """``authorsite import arxiv SOURCE...``."""
    _, inputs, problems = sorted_sources(args.sources)
    _require_inputs(args, inputs, problems=problems)
    notes: list[str] = []
    with _notes_when_refused(notes), _every_problem(args):
        works = import_arxiv(args.sources, notes)
    return _import(args, works, notes)


def run_bibtex(args: argparse.Namespace) -> int:
    """``authorsite import bibtex FILE...``."""
    _require_inputs(args, args.sources)
    notes: list[str] = []
    talks: list[Work] = []
    with _notes_when_refused(notes), _every_problem(args):
        works = import_bibtex_files(args.sources, notes, talks)
    counts = _inspire_counts(_site(args), works)
    return _import(args, works, notes + talk_records(_site(args), talks) + counts)


# INSPIRE-HEP's own fields, on nearly every entry of its BibTeX export
_INSPIRE_FIELD = re.compile(r"^\s*(?:collaboration|reportNumber)\s*=", re.MULTILINE)


def _inspire_counts(site: Path, works: Sequence[Work]) -> list[str]:
    """A note where INSPIRE-HEP's BibTeX, which gives no citation counts, brings papers
    to a site none of whose records has one: the physicist's profile showed no h-index
    and no citations, and nothing said why or how to show INSPIRE's figures."""
    if not any(w.bibtex and _INSPIRE_FIELD.search(w.bibtex) for w in works):
        return []
    slug = main_author(site)
    record = site / "content" / "authors" / f"{slug}.yaml"
    if not slug or any(w.citations is not None for w in works) or not record.is_file():
        return []
    try:
        data = yamlio.safe_load(record.read_text(encoding="utf-8"))
    except (yaml.YAMLError, ValueError, TypeError, OSError):
        return []
    declared = data.get("metrics") if isinstance(data, dict) else None
    if isinstance(declared, dict) and declared.get("h_index") is not None:
        return []
    counted = re.compile(r"^citations:[ \t]*\d", re.MULTILINE)
    for paper in sorted((site / "content" / "papers").glob("*.md")):
        with contextlib.suppress(OSError, UnicodeDecodeError):
            if counted.search(paper.read_text(encoding="utf-8")):
                return []
    return [
        "INSPIRE-HEP's BibTeX gives no citation counts, so the profile shows no h-index "
        "or citations: to show INSPIRE's, copy them from your author page's citation "
        "summary on inspirehep.net into content/authors/"
        f"{slug}.yaml as `metrics: {{h_index: 45, citations: 12000}}` (your figures) and "
        f"`metrics_source: INSPIRE-HEP, {dt.date.today():%Y-%m}`"
    ]


def talk_records(site: Path, talks: Sequence[Work]) -> list[str]:
    """A note on each record an earlier import made of a talk, now left out: it stays a
    paper of the site (counted, tagged for Google Scholar) until its owner deletes it."""
    if not talks or not (site / "content").is_dir():
        return []
    return [
        f"{action.rel}: a record of the talk {action.works[0].label} "
        f"({action.works[0].title!r}), which an earlier import made, is still a paper of the "
        "site: delete it to take it off, and list the talk on content/pages/talks.md"
        for action in merge.plan(site, talks).actions
        if action.status != "new"
    ]


def _site_folder(
    args: argparse.Namespace, kind: str, papers: Callable[[str, list[str]], list[Work]]
) -> int:
    """Papers and the owner's profile from another tool's site folder.

    A folder with a profile and no papers imports the profile alone (with a note).
    """
    folder = _single_folder(args)
    _require_inputs(args, [folder], "folder")
    notes: list[str] = []
    unread: list[Problem] = []
    try:
        profile = read_profile(kind, folder)
    except ContentError as exc:
        # A profile file its own tool would refuse (Hugo's YAML with an unquoted `: ` in
        # an award's title) is no reason to leave the papers behind: they come, with a note.
        profile, unread = None, exc.problems
        notes.extend(
            f"{p.path}:{p.line}: {p.message}; the profile was not imported (fix this and "
            "import again to fill it)"
            if p.line
            else f"{p.path}: {p.message}; the profile was not imported"
            for p in unread
        )
    pages = read_old_pages(kind, folder, notes)
    try:
        works = papers(folder, notes)
    except ContentError as exc:
        # "no papers here" is about the folder itself (line 0); a page's problem is not
        if (profile is None and not pages) or any(p.path != folder or p.line for p in exc.problems):
            with _notes_when_refused(notes), _every_problem(args):
                if unread:  # every problem in one run
                    usable = exc.works if isinstance(exc, UnreadWorks) else []
                    raise UnreadWorks([*exc.problems, *unread], usable) from None
                raise
        alone = " and ".join(
            what for what, given in (("the profile", profile), ("the pages", pages)) if given
        )
        verb = "is" if alone == "the profile" else "are"
        notes.extend(f"{p.path}: {p.message}; {alone} alone {verb} imported" for p in exc.problems)
        works = []
    members: list[ImportedProfile] = []
    if kind == "hugo":
        if profile is not None:
            hugo_site_title_name(profile, works)
        if not unread:  # (an author file that cannot be read: its note says so)
            members = read_hugo_members(folder, profile, notes)
    address = old_address(kind, folder)
    return _import(args, works, notes, profile, pages, address, Path(folder), members)


def run_academicpages(args: argparse.Namespace) -> int:
    """``authorsite import academicpages DIR``."""
    return _site_folder(args, "academicpages", import_academicpages)


def run_hugo(args: argparse.Namespace) -> int:
    """``authorsite import hugo DIR``."""
    return _site_folder(args, "hugo", import_hugo)


def _alfolio_papers(folder: str, notes: list[str], talks: list[Work] | None = None) -> list[Work]:
    """al-folio's papers: the BibTeX files of ``_bibliography/`` (papers.bib); the talks
    among them, left out, are added to ``talks``."""
    bib = Path(folder) / "_bibliography"
    files = sorted(bib.glob("*.bib")) if bib.is_dir() else []
    if not files:
        message = "no _bibliography/*.bib here (an al-folio site?)"
        raise ContentError([Problem(folder, 0, message)])
    problems = [p for p in (outside(f, Path(folder)) for f in files) if p]
    if problems:  # a link out of someone else's repository would publish that file
        raise ContentError(problems)
    works = import_bibtex_files([str(f) for f in files], notes, talks)
    for work in works:  # `pdf={thesis.pdf}`: its assets/pdf/thesis.pdf, copied
        for kind, (named, note) in work.files_named.items():
            if note in notes:
                notes.remove(note)
                file = Path(folder) / "assets" / "pdf" / named
                take_pdf(work, Path(folder), file, note, notes, kind)
    scholar_counts(Path(folder), works, notes)
    scholar_links(Path(folder), works, notes)
    coauthor_note(Path(folder), notes)
    samples = [work for work in works if _alfolio_sample(work)]
    for work in samples:  # left in papers.bib by sites that added their own above them
        notes.append(
            f"{work.where}: {work.label}: {work.title!r} is the al-folio template's sample "
            "(Albert Einstein's), not imported (delete it from papers.bib)"
        )
    return [work for work in works if work not in samples]


# The template names him both ways: `Albert Einstein`, and `Einstein, A.` (its three
# papers of 1905 and EPR's `Einstein*†, A.`).
_EINSTEIN = {name_key("Albert Einstein"), name_key("A. Einstein")}


def _alfolio_sample(work: Work) -> bool:
    """Whether an entry is one of al-folio's sample papers: Albert Einstein's, of 1905
    to 1967 (`einstein1905photoelectriceffect`, `einstein1905movement`,
    `przibram1967letters`, EPR's `PhysRev.47.777`), which alansynn.github.io and many
    others kept below their own."""
    year = work.year
    return year is not None and year <= 1970 and any(name_key(a) in _EINSTEIN for a in work.authors)


def run_alfolio(args: argparse.Namespace) -> int:
    """``authorsite import alfolio DIR``."""

    def papers(folder: str, notes: list[str]) -> list[Work]:
        # The records an earlier import made of its talks are named, as `import bibtex`
        # names them: the same papers.bib imported either way said it of one alone.
        talks: list[Work] = []
        works = _alfolio_papers(folder, notes, talks)
        notes.extend(talk_records(_site(args), talks))
        return works

    return _site_folder(args, "al-folio", papers)


def _scholarly(args: argparse.Namespace, load: Callable[[str], Imported]) -> int:
    _require_inputs(args, args.sources)
    works: list[Work] = []
    partial: list[Work] = []  # those a source with a problem gave: checked, not imported
    figures: list[AuthorFigures] = []
    notes: list[str] = []
    problems: list[Problem] = []
    empty: list[Problem] = []
    pages: list[Imported] = []
    for source in args.sources:
        try:
            imported = load(source)
        except ContentError as exc:
            problems.extend(exc.problems)
            partial.extend(exc.works if isinstance(exc, UnreadWorks) else ())
            continue
        works.extend(imported.works)
        figures.extend(imported.authors)
        notes.extend(imported.notes)
        pages.append(imported)
        if imported.empty:
            empty.append(Problem(source, 1, imported.empty))
    offsets = {page.offset for page in pages}
    notes.extend(p.next_page[1] for p in pages if p.next_page and p.next_page[0] not in offsets)
    if not works and not figures:  # nothing at all: an answer of no papers is the error
        problems.extend(empty)
    if problems:
        with _notes_when_refused(notes), _every_problem(args):  # the sources that were read
            raise UnreadWorks(problems, [*works, *partial])
    notes.extend(f"{p} (the end of the list?)" for p in empty)
    status = _import(args, works, notes)
    for author in figures:
        print(visible(_figures_line(author, works)))
    return status


def _figures_line(author: AuthorFigures, works: list[Work]) -> str:
    """What the source says about the author next to what this list gives."""
    reported = []
    if author.h_index is not None:
        reported.append(f"h-index {author.h_index}")
    if author.citations is not None:
        reported.append(f"{author.citations} citations")
    if author.papers is not None:
        reported.append(f"{author.papers} papers")
    counts = [w.citations for w in works if w.citations is not None]
    ours = f"; the imported list gives h-index {h_index(counts)}" if counts else ""
    line = f"{author.name}: the source reports {', '.join(reported) or 'no figures'}{ours}"
    short = (author.h_index or 0) > h_index(counts) or (author.papers or 0) > len(works)
    declared = [
        f"{key}: {value}"
        for key, value in (
            ("h_index", author.h_index),
            ("citations", author.citations),
            ("papers", author.papers),
        )
        if value is not None
    ]
    if short and declared:
        # The profile shows what the site's papers give (h-index 8 for a clinician whose
        # database figure is 61, most of her 150 papers not imported): how to show the
        # source's instead went unsaid
        source = author.source or "the source"
        line += (
            f" (the profile computes its figures from the papers the site lists; to show the "
            f"source's, write `metrics: {{{', '.join(declared)}}}` and `metrics_source: "
            f"{source}, {dt.date.today():%Y-%m}` in your record in content/authors/)"
        )
    return line


def run_s2(args: argparse.Namespace) -> int:
    """``authorsite import semanticscholar SOURCE...``."""
    return _scholarly(args, import_semanticscholar)


def run_openalex(args: argparse.Namespace) -> int:
    """``authorsite import openalex SOURCE...``."""
    return _scholarly(args, import_openalex)
