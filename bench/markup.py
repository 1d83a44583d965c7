"""Benchmark: the cost of converting each paper's text, per kind of rendering.

``python -m bench.markup DIR`` loads the site in DIR (for instance one written by
``python -m bench.synth``) and times, in this one process, the four renderings a build
makes of every paper, starting from an empty memo: the abstract as HTML ("md") and as
plain text ("plain"), the title inline ("inline") and as plain text ("title"). "plain"
reuses the abstract's HTML and "title" the inline HTML, as in a build. It prints
milliseconds per paper for each kind and for all together (the best of ``--repeat`` runs)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Time the renderers on the site's papers and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.markup", description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from generator import seo  # noqa: F401 - registers the "title" renderer
    from generator.load import load_site
    from generator.markup import RENDERERS, memo

    site = load_site(args.site)
    papers = site.papers
    fields = {"md": "abstract", "plain": "abstract", "inline": "title", "title": "title"}
    totals = dict.fromkeys(fields, float("inf"))
    for _ in range(args.repeat):
        # From an empty memo, in a build's order (see the module's note).
        memo.seen.clear()
        memo.new.clear()
        for kind, name in fields.items():
            texts = [getattr(paper, name) for paper in papers]
            started = time.perf_counter()
            for text in texts:
                RENDERERS[kind](text)
            totals[kind] = min(totals[kind], time.perf_counter() - started)
    count = len(papers)
    print(f"{count} papers, ms per paper (best of {args.repeat}):")
    for kind, seconds in totals.items():
        print(f"  {kind:<7} {seconds / count * 1000:7.3f}")
    print(f"  {'all':<7} {sum(totals.values()) / count * 1000:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
