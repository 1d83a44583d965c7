"""`init --name` and `new paper` with pasted or hostile text, and a site whose files are not
plain files: a clear refusal, never a record the build then refuses, never a hang."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from generator.cli import main


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "s"
    assert main(["init", str(folder), "--name", "Ada Lovelace"]) == 0
    return folder


def test_a_title_with_a_direction_override_left_open_is_refused_not_written(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Pasted with the text: U+202E would reverse what the page shows after the title.
    assert main(["new", "paper", "Safe \u202eRLHF", "--site", str(site)]) == 2
    err = capsys.readouterr().err
    assert "new paper: the title has a right-to-left override (U+202E) that is never closed" in err
    assert "\u202e" not in err  # named, not shown (it would reorder the terminal's line)
    assert not list((site / "content/papers").glob("safe*"))
    # Closed, as text mixing directions may need, it is text like any other.
    assert main(["new", "paper", "Safe \u202bRLHF\u202c Agents", "--site", str(site)]) == 0
    assert main(["build", "--site", str(site)]) == 0


def test_a_name_with_a_direction_override_left_open_is_refused_and_nothing_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "s"
    assert main(["init", str(folder), "--name", "Ada \u202eLovelace"]) == 2
    err = capsys.readouterr().err
    assert "init --name: the name has a right-to-left override (U+202E) that is never" in err
    assert not folder.exists()


def test_a_name_with_control_characters_makes_a_site_that_builds(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    assert main(["init", str(folder), "--name", "Ada\x07 Lovelace\x0c"]) == 0
    assert "Ada Lovelace" in (folder / "content/authors/ada-lovelace.yaml").read_text()
    assert main(["build", "--site", str(folder)]) == 0


@pytest.mark.parametrize("fifo", ["site.yaml", "content/authors/bob.yaml"])
def test_new_paper_never_waits_on_a_pipe_named_like_a_site_file(
    site: Path, fifo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = site / fifo
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    done: list[int] = []
    worker = threading.Thread(
        target=lambda: done.append(main(["new", "paper", "A Title", "--site", str(site)])),
        daemon=True,
    )
    worker.start()
    worker.join(20)
    if worker.is_alive():  # free the thread: open the pipe's other end, then fail
        with open(path, "w"):  # the write end of the FIFO
            pass
        worker.join(5)
        pytest.fail(f"new paper waited on the pipe {fifo}")
    assert done == [0]
    assert (site / "content/papers/a-title.md").is_file()
