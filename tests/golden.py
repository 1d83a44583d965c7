"""The golden site: the sample site built once, kept in tests/golden/sample/.

``make golden`` (``python -m tests.golden regenerate``) rebuilds it; review the
change with ``git diff tests/golden``. ``test_golden.py`` fails when a build
differs from it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from generator.build import build

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GOLDEN = HERE / "golden" / "sample"
SKIP = {".authorsite-output"}
# The theme's static files are copied byte for byte; the golden copy holds what is built.
SKIP_FOLDERS = ("static/",)


def copy_sample(root: Path) -> Path:
    """A copy of the repository's sample site (site.yaml and content/) at ``root``.

    Tests build a copy, never the repository itself: a build keeps its cache in the site's
    folder, and test processes running side by side (``make test``) would share the
    repository's ``.authorsite-cache`` and write into the repository.
    """
    root.mkdir(parents=True)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    shutil.copytree(REPO / "content", root / "content")
    return root


def build_sample(site: Path, out: Path) -> dict[str, bytes]:
    """Build ``site`` (a copy of the sample, see :func:`copy_sample`) into ``out``; every
    file's bytes by path."""
    build(site, out)
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file()
        and p.name not in SKIP
        and not p.relative_to(out).as_posix().startswith(SKIP_FOLDERS)
    }


def regenerate() -> None:
    """Replace tests/golden/sample/ with a fresh build of the sample site."""
    with tempfile.TemporaryDirectory() as tmp:
        files = build_sample(copy_sample(Path(tmp) / "site"), Path(tmp) / "out")
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for rel, data in files.items():
        path = GOLDEN / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(
        f"wrote {len(files)} files to {GOLDEN.relative_to(REPO)}; review with git diff tests/golden"
    )


if __name__ == "__main__":
    if sys.argv[1:] != ["regenerate"]:
        sys.exit("usage: python -m tests.golden regenerate")
    regenerate()
