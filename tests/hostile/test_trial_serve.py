"""``authorsite serve`` given impossible options: a usage message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.hostile.harness import write_site

SITE = {"site.yaml": "title: T\nbuild_date: 2026-11-28\n",
        "content/authors/ada.yaml": "name: Ada Lovelace\n"}  # fmt: skip


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "80x"])
def test_a_port_no_socket_can_have_is_a_usage_error(
    port: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--port 99999` went on to build and ended in OverflowError from bind()."""
    site = write_site(tmp_path / "site", SITE)
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--site", str(site), f"--port={port}"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        f"authorsite serve: error: argument --port: {port!r} is not a port number; "
        "write one from 1 to 65535 (0: any free port)"
    )
    assert not (site / "output").exists()
