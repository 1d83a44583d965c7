"""Work done in forked children gives what the parent would have computed itself."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import generator.workers as workers
from bench.synth import generate
from generator.build import build
from generator.load import Records, load_site

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forking is Linux/macOS only")


def _novelty(site: Path) -> dict[str, float]:
    return dict(load_site(site, records=Records(None, {})).novelty)


def test_a_child_job_returns_the_result_and_a_failed_one_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "worker_count", lambda count: 2)
    job = workers.ChildJob(sorted, [3, 1, 2])
    assert job.pid != os.getpid() and job.pid > 0  # it really ran elsewhere
    assert job.result() == [1, 2, 3]
    failing = workers.ChildJob(int, "not a number")
    assert failing.result() is None
    unused = workers.ChildJob(sorted, [1])
    unused.close()  # a build that failed meanwhile stops it; nothing is left running
    assert unused.pid == 0


def _sorted_then_write(items: list[int], path: str, fail: bool) -> workers.Later:
    def then() -> None:
        Path(path).write_text("stored")
        if fail:
            raise OSError("disk full")

    return workers.Later(sorted(items), then)


def test_a_child_job_sends_its_result_before_its_later_work_which_is_reaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The novelty child sends the scores, then stores its state while the build goes on;
    the build waits for it at its end; a failure after sending costs nothing sent."""
    monkeypatch.setattr(workers, "worker_count", lambda count: 2)
    for fail in (False, True):
        marker = tmp_path / f"stored-{fail}"
        job = workers.ChildJob(_sorted_then_write, [3, 1, 2], str(marker), fail)
        pid = job.pid
        assert job.result() == [1, 2, 3]
        workers.reap_children()
        assert marker.read_text() == "stored"
        assert workers._UNREAPED == []
        with pytest.raises(ChildProcessError):  # reaped: no zombie left behind
            os.waitpid(pid, os.WNOHANG)


def test_without_a_process_to_spare_the_job_is_left_to_the_parent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "worker_count", lambda count: 2)

    def no_fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    job = workers.ChildJob(sorted, [2, 1])
    assert job.pid == 0 and job.result() is None  # the caller computes it itself


def test_novelty_from_a_child_equals_novelty_computed_in_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    generate(site, papers=80, authors=6, seed=5)
    monkeypatch.setattr(workers, "worker_count", lambda count: 1)
    here = _novelty(site)
    started: list[int] = []
    real = workers.ChildJob.__init__

    def spy(self: workers.ChildJob, *args: object) -> None:
        real(self, *args)
        started.append(self.pid)

    monkeypatch.setattr(workers, "PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "worker_count", lambda count: 2)
    monkeypatch.setattr(workers.ChildJob, "__init__", spy)
    assert _novelty(site) == here and here
    assert started and started[0] > 0


def test_a_build_with_children_equals_one_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    generate(site, papers=60, authors=5, seed=9)
    monkeypatch.setattr(workers, "worker_count", lambda count: 1)
    build(site, tmp_path / "alone", use_cache=False)
    monkeypatch.setattr(workers, "PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "worker_count", lambda count: 2)
    build(site, tmp_path / "forked")

    def tree(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }

    assert tree(tmp_path / "forked") == tree(tmp_path / "alone")


def test_a_cached_record_comes_back_equal_and_one_of_another_shape_is_a_miss() -> None:
    import marshal

    from generator.cache import decode_record, encode_record
    from generator.load import RECORD_CLASSES
    from generator.model import Paper, PartialDate

    paper = Paper(
        slug="x",
        source="content/papers/x.md",
        title="A title",
        authors=("Ada Lovelace", "Alan Turing"),
        date=PartialDate(2024, 5, 27),
        links={"code": "https://example.org/x"},
        tags=("a", "b"),
        citations=12,
    )
    data = encode_record(paper)
    back = decode_record(data, RECORD_CLASSES)
    assert back == paper and back.date == PartialDate(2024, 5, 27)
    # A record written by other code (a renamed or missing field) is not trusted.
    shape, values = marshal.loads(data)
    renamed = shape.replace(",title,", ",headline,")
    assert renamed != shape
    assert decode_record(marshal.dumps((renamed, values)), RECORD_CLASSES) is None
    fewer = shape.rpartition(",")[0]
    assert decode_record(marshal.dumps((fewer, values[:-1])), RECORD_CLASSES) is None
    assert decode_record(marshal.dumps((shape, values[:-1])), RECORD_CLASSES) is None
    assert decode_record(marshal.dumps(("Nothing|x", values)), RECORD_CLASSES) is None


def _doubler() -> object:
    return lambda value: [item * 2 for item in value]


def test_a_waiting_job_answers_while_a_later_fork_holds_its_input_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A process forked after a waiting job started holds a copy of the job's input pipe
    (parse workers do): the job still gets its input, and answers, without waiting for
    that process to end."""
    import signal
    import threading

    monkeypatch.setattr(workers, "worker_count", lambda count: 2)
    job = workers.ChildJob(_doubler, waiting=True)
    assert job.pid and job.input >= 0
    holder = os.fork()
    if holder == 0:  # holds every descriptor the parent had, until killed
        signal.pause()
        os._exit(0)
    answer: list[object] = []
    try:
        assert job.send([1, 2, 3])
        reader = threading.Thread(target=lambda: answer.append(job.result()))
        reader.start()
        reader.join(timeout=60)  # a job that waited for the pipe's end would hang here
        assert not reader.is_alive(), "the job waited for the input pipe to be closed"
    finally:
        os.kill(holder, signal.SIGKILL)
        os.waitpid(holder, 0)
    assert answer == [[2, 4, 6]]


def test_a_waiting_job_never_sent_anything_ends_when_closed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "worker_count", lambda count: 2)
    job = workers.ChildJob(_doubler, waiting=True)
    pid = job.pid
    assert pid
    job.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: nothing left running
    assert not job.send([1]) and job.result() is None
