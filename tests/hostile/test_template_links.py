"""A site's templates cannot publish files from outside the site through symbolic links."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import MINIMAL_PAPER


def test_linked_template_file_is_refused(
    make_site: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE KEY MATERIAL\n")
    site = make_site({"content/papers/one.md": MINIMAL_PAPER})
    (site / "templates").mkdir()
    os.symlink(secret, site / "templates" / "robots.txt")
    assert main(["build", "--site", str(site)]) == 1
    err = capsys.readouterr().err
    assert "templates/robots.txt: is a symbolic link to a file outside the site" in err
    assert "Traceback" not in err
    assert not (site / "output").exists()


def test_linked_templates_folder_is_refused(
    make_site: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "robots.txt").write_text("PRIVATE\n")
    site = make_site({"content/papers/one.md": MINIMAL_PAPER})
    os.symlink(outside, site / "templates")
    assert main(["build", "--site", str(site)]) == 1
    assert "templates: is a symbolic link to a folder outside the site" in capsys.readouterr().err
    assert not (site / "output").exists()
