"""A stand-in command line for the ingest branch; replaced by the lead's cli.py at merge."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from generator.errors import AuthorsiteError
from generator.ingest import commands


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, run the command, and turn errors into exit codes."""
    parser = argparse.ArgumentParser(prog="authorsite")
    subparsers = parser.add_subparsers(dest="command", required=True)
    commands.register(subparsers)
    args = parser.parse_args(argv)
    try:
        status: int = args.func(args)
    except AuthorsiteError as exc:
        print(exc.format(), file=sys.stderr)
        return exc.exit_code
    return status
