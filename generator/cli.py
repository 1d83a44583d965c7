"""The command line: a thin ``main(argv) -> int`` over the commands."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator import __version__
from generator.errors import AuthorsiteError, UsageError, visible
from generator.reporter import Reporter

# `authorsite build` alone, or with `--site DIR`, is read without argparse (see
# _plain_build): a build with nothing to do need not import it
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    Command = Callable[[argparse.Namespace], int]

# Set by :func:`run` for a build, after which the process ends at once (see there).
_EXITING = False


def _build(args: argparse.Namespace) -> int:
    """``authorsite build``."""
    return _build_site(args.site, args.out, args.drafts, args.base_url, args.force)


def _plain_build(argv: Sequence[str]) -> str | None:
    """The site folder of ``authorsite build`` given no option but ``--site DIR``; None
    for any other command line, which argparse reads.

    The most usual build (a rebuild with nothing to do, ~0.15 s at 10,000 papers) then
    spares importing argparse (with gettext and locale) and setting up its parser: ~5 ms.
    Only the plainest forms are read here; anything argparse might read otherwise (a
    value that starts with "-", an abbreviated option, a repeated one) is left to it.
    """
    if not argv or argv[0] != "build" or len(argv) > 3:
        return None
    if len(argv) == 1:
        return "."
    if len(argv) == 2 and argv[1].startswith("--site="):
        value = argv[1].removeprefix("--site=")
    elif len(argv) == 3 and argv[1] == "--site":
        value = argv[2]
    else:
        return None
    return value if value and not value.startswith("-") else None


def _build_site(
    site_dir: str, out_dir: str | None, drafts: bool, base_url: str | None, force: bool
) -> int:
    """``authorsite build`` with these options."""
    from generator.build import build, require_site

    site = Path(site_dir)
    require_site(site)
    out = Path(out_dir) if out_dir else None
    reporter = Reporter()
    result = build(
        site,
        out,
        drafts=drafts,
        base_url=base_url,
        force=force,
        reporter=reporter,
        exiting=_EXITING,
    )
    for line in result.warnings:
        reporter.warning(line)
    reporter.summary(result.pages_written, result.pages_unchanged, result.seconds, result.out)
    return 0


def _base_url(value: str) -> str:
    """``--base-url``, checked when given (config, and YAML with it, load only then)."""
    from generator.config import base_url_option

    return base_url_option(value)


def add_site_option(parser: argparse.ArgumentParser) -> None:
    """The ``--site DIR`` option that every command takes."""
    parser.add_argument("--site", default=".", metavar="DIR", help="the site folder (default: .)")


@functools.cache
def _help_formatter() -> type[argparse.HelpFormatter]:
    """argparse's layout, the terminal's width found as ``shutil.get_terminal_size`` finds it.

    argparse makes a formatter for every option it is given and imports `shutil` there,
    with bz2, lzma and zlib (~5 ms of a build with nothing to do, which shows no help).
    (Made when first asked for: argparse is imported only then.)
    """
    import argparse

    class HelpFormatter(argparse.HelpFormatter):
        def __init__(
            self,
            prog: str,
            indent_increment: int = 2,
            max_help_position: int = 24,
            width: int | None = None,
        ) -> None:
            if width is None:
                width = _columns() - 2  # as argparse takes it
            super().__init__(prog, indent_increment, max_help_position, width)

    return HelpFormatter


def _columns() -> int:
    """The terminal's width: ``COLUMNS``, else stdout's terminal, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def parser(*, plugins: bool = True) -> argparse.ArgumentParser:
    """The argument parser with every command registered (``build`` alone without plugins)."""
    import argparse

    top = argparse.ArgumentParser(
        formatter_class=_help_formatter(),
        prog="authorsite",
        description="Build researchers' author pages from hand-edited paper records.",
        epilog=(
            "Exit status: 0 success, 1 content errors (each as path:line: message), 2 usage "
            "errors, 130 stopped by Ctrl-C."
        ),
    )
    top.add_argument("--version", action="version", version=f"authorsite {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    b = sub.add_parser(
        "build",
        help="build the site into output/",
        description="Build the site.",
        formatter_class=_help_formatter(),
    )
    add_site_option(b)
    b.add_argument("--out", metavar="DIR", help="output folder (default: output/ in the site)")
    b.add_argument("--drafts", action="store_true", help="include papers marked draft: true")
    b.add_argument(
        "--base-url", metavar="URL", type=_base_url, help="override site.yaml's base_url"
    )
    b.add_argument(
        "--force",
        action="store_true",
        help="replace a non-empty --out folder that authorsite did not create",
    )
    b.set_defaults(func=_build)
    for register in _plugins() if plugins else ():
        register(sub)
    return top


def _plugins() -> list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]]:
    """The ``register`` functions of the other commands, imported only when asked for."""
    from generator import check, serve
    from generator.ingest import commands

    return [check.register, serve.register, commands.register]


# What NumPy's BLAS libraries (OpenBLAS, MKL, or any OpenMP one) read for their threads.
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


def one_blas_thread() -> None:
    """Let NumPy's BLAS use one thread, unless the user chose otherwise.

    Its one matrix product (novelty's) runs in a child beside a worker process on every
    core: a BLAS thread per core on top only fights them for the cores. At 10,000 papers
    novelty cost ~0.9 s more CPU that way (3.0 s against 2.1 s), for no time gained.
    Read once, when NumPy is first imported, so it is set before anything imports it.
    """
    for name in BLAS_THREADS:
        os.environ.setdefault(name, "1")


def _refuse_options_first(argv: Sequence[str]) -> None:
    """``authorsite --site DIR build``: the options follow the command. argparse took
    DIR for the command and answered "invalid choice: 'DIR'", which names no way out."""
    first = argv[0] if argv else ""
    if first.split("=")[0] in ("--site", "--out", "--drafts", "--base-url", "--force"):
        option = " ".join(argv[:2]) if "=" not in first and first != "--drafts" else first
        raise UsageError(
            f"{visible(option)}: an option goes after the command: "
            f"`authorsite build {visible(option)}` (or check, serve, new, import)"
        )


def _command_parser(top: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser of the (sub)command ``argv`` names: ``authorsite serve --open`` is told
    with serve's usage, not with the top one's ``authorsite [-h] [--version] COMMAND``."""
    import argparse

    found = top
    for word in argv:
        choices = [
            action.choices
            for action in found._actions
            if isinstance(action, argparse._SubParsersAction)
        ]
        if choices and word in choices[0]:
            found = choices[0][word]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; print problems as ``path:line: message``; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    one_blas_thread()
    try:
        _refuse_options_first(argv)
        plain = _plain_build(argv)
        if plain is not None:
            return _build_site(plain, None, False, None, False)
        # `build` needs no other command: not importing them (Jinja, NumPy, feed parsers...)
        # lets a build with nothing to do finish in a fraction of the time. Imported here,
        # as the build itself is, a Ctrl-C in the first moments is answered as later ones.
        top = parser(plugins=argv[:1] != ["build"])
        args, extra = top.parse_known_args(argv)
        if extra:  # said by the command's parser, whose usage lists the options it takes
            _command_parser(top, argv).error(f"unrecognized arguments: {' '.join(extra)}")
        func: Command = args.func
        return func(args)
    except AuthorsiteError as exc:
        print(exc.format(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:  # an Interrupted says what state the files are in
        lines = str(exc).split("\n")  # plain KeyboardInterrupt: ""
        print("\n".join(map(visible, lines)) or "interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`authorsite check | head -1`): stop, without a traceback.
        _discard_stdout()
        print("output closed early (a pipe?); stopped", file=sys.stderr)
        return 1
    except OSError as exc:
        # A file or folder the system refuses where no command expected it (a folder
        # without permission, a full disk): said as `path: reason`, not as a traceback.
        name = exc.filename
        where = f"{os.fsdecode(name) if isinstance(name, (str, bytes)) else name}: " if name else ""
        print(visible(f"{where}{exc.strerror or exc}"), file=sys.stderr)
        return 1


def _discard_stdout() -> None:
    """Send what is left in stdout to nowhere, so the final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout: nothing is left to flush
        pass


def run() -> None:
    """The ``authorsite`` command (and ``python -m generator``): :func:`main`, then exit.

    A build leaves some 100,000 objects at 10,000 papers, which Python would free one by
    one on the way out (~10 ms, 5 % of a no-change rebuild) for a process that ends
    anyway; so after ``build`` the process ends at once, its output flushed first (its
    files are closed and its children reaped by then), and the build is told so (it then
    leaves the garbage collector off). Other commands exit as usual.
    """
    global _EXITING
    building = sys.argv[1:2] == ["build"]
    _EXITING = building
    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: nothing more can be said
        _discard_stdout()
        status = status or 1
    if building:
        os._exit(status)
    sys.exit(status)
