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
    shape, values, nested = marshal.loads(data)
    renamed = shape.replace(",title,", ",headline,")
    assert renamed != shape
    assert decode_record(marshal.dumps((renamed, values, nested)), RECORD_CLASSES) is None
    fewer = shape.rpartition(",")[0]
    assert decode_record(marshal.dumps((fewer, values[:-1], nested)), RECORD_CLASSES) is None
    assert decode_record(marshal.dumps((shape, values[:-1], nested)), RECORD_CLASSES) is None
    assert decode_record(marshal.dumps(("Nothing|x", values, nested)), RECORD_CLASSES) is None
    # The places of the values to make again, damaged: a miss, never a wrong record
    far = (len(values),)
    assert decode_record(marshal.dumps((shape, values, far)), RECORD_CLASSES) is None
    assert decode_record(marshal.dumps((shape, values)), RECORD_CLASSES) is None


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


def test_a_job_interrupted_while_its_result_is_awaited_is_stopped_cleanly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Ctrl-C while the parent waits for a child's result (the novelty child, a large
    site): closing the job stops the child, raises nothing (no traceback for the user),
    and never closes a descriptor that the interrupted read had already given back."""
    import contextlib
    import signal
    import time

    monkeypatch.setattr(workers, "worker_count", lambda count: 2)
    job = workers.ChildJob(time.sleep, 60)
    pid = job.pid
    assert pid

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        with pytest.raises(KeyboardInterrupt):
            job.result()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    # The next file opened takes the lowest free descriptor: the one the read freed.
    other = os.open(tmp_path / "other", os.O_CREAT | os.O_RDWR)
    try:
        job.close()  # as Records.close does when the build is interrupted
        os.fstat(other)  # still open: close() did not take it for the job's pipe
    finally:
        with contextlib.suppress(OSError):  # (already closed: the fstat has failed)
            os.close(other)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # stopped and reaped


def _large_result(index: int) -> bytes:
    return bytes([index % 256]) * (16 << 20)  # long enough to be caught sending it


def test_ctrl_c_reaching_the_pool_workers_leaves_the_pool_able_to_stop() -> None:
    """Ctrl-C goes to every process of the terminal's group, workers too. A worker stopped
    halfway through sending a result (parsed records, rendered pages) left half a message
    in the pool's queue, and stopping the pool (the build's cleanup) then waited forever:
    the build hung after Ctrl-C. The parent alone handles it."""
    import signal
    import threading
    import time

    pool = workers.fork_pool(2)
    try:
        pending = [pool.apply_async(_large_result, (i,)) for i in range(60)]
        time.sleep(0.3)  # the workers are sending results by now
        for process in pool._pool:
            os.kill(process.pid, signal.SIGINT)
        assert pending[-1].get(timeout=30)[:1] == bytes([59])  # no task was lost
    finally:
        stopping = threading.Thread(target=pool.terminate, daemon=True)
        stopping.start()
        stopping.join(timeout=60)
    assert not stopping.is_alive(), "terminating the pool hung"


# `serve` turns SIGTERM into Ctrl-C (a process manager stops it cleanly); the pool stops
# its workers with SIGTERM. Run in a fresh interpreter, as `authorsite serve` is.
_SERVE_LIKE = """
import signal, sys
import generator.workers as workers

def interrupt(signum, frame):
    raise KeyboardInterrupt

signal.signal(signal.SIGTERM, interrupt)
items = [("md", f"An *abstract* with words, number {k}.") for k in range(200)]
for _ in range(15):
    pool = workers.fork_pool(2)
    for result in [pool.apply_async(workers._convert, (items[i : i + 20],)) for i in range(0, 200, 20)]:
        result.get(timeout=60)
    pool.terminate()
    pool.join()
print("stopped", flush=True)
"""


def test_pool_workers_stop_quietly_under_serve_s_sigterm_handler() -> None:
    """Workers inherited serve's SIGTERM handler: each pool stopped after a build printed
    a worker's KeyboardInterrupt traceback into the terminal, and now and then a worker
    died holding the queue's lock, so that the next one waited for it forever and
    `serve` never finished its first build."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _SERVE_LIKE],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "stopped\n"
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr


def _asker() -> object:
    return lambda first: workers.Tell(("got", first), lambda second: [first, second], asks=True)


def test_a_waiting_job_can_tell_before_its_result_and_ask_for_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The novelty child's way of saying which texts it assumes, or asking for them all."""
    monkeypatch.setattr(workers, "worker_count", lambda count: 2)
    job = workers.ChildJob(_asker, waiting=True)
    assert job.send("a", more=True)
    assert job.hear() == ("got", "a")
    assert job.send("b")
    assert job.result() == ["a", "b"]
    dismissed = workers.ChildJob(_asker, waiting=True)
    assert dismissed.send("a", more=True) and dismissed.hear() == ("got", "a")
    dismissed.close()  # not wanted after all: the child is stopped, nothing is left
    assert dismissed.result() is None and not dismissed.send("b")


def test_converted_texts_are_kept_under_the_records_own_strings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Markdown workers' renderings are kept under the parent's own texts, not under
    the copies a worker sends back: those were a second copy of every abstract (15 MB at
    10,000 papers) in the main process and in every render worker forked from it."""
    import io

    from generator import markup
    from generator.reporter import Reporter

    site = tmp_path / "site"
    generate(site, papers=60, authors=5, seed=9)
    model = load_site(site, records=Records(None, {}))
    monkeypatch.setattr(markup, "memo", markup.Memo())
    monkeypatch.setattr(workers, "PARALLEL_MIN", 10)
    monkeypatch.setattr(workers, "worker_count", lambda count: 2)
    warmer = workers.MarkupWarmer()
    authors = [profile.author for profile in model.profiles]
    warmer.start(model.papers, authors)
    warmer.finish(Reporter(out=io.StringIO(), err=io.StringIO(), interactive=False))
    abstracts = {id(paper.abstract) for paper in model.papers if paper.abstract}
    kept = [text for kind, text in markup.memo.seen if kind == "md"]
    assert len(abstracts) > 50 and abstracts <= {id(text) for text in kept}
    own = {id(p.title) for p in model.papers} | {id(a.bio) for a in authors} | abstracts
    assert all(id(text) in own for _, text in markup.memo.seen)
    assert markup.memo.new.keys() == markup.memo.seen.keys()  # all to be saved
