"""Benchmark driver: times ``authorsite build`` on synthetic sites.

For each size it measures, as the median of several runs of the real command line in a
fresh process (what a user waits for, interpreter start-up included):

- cold: no cache and no previous output;
- noop: a rebuild with nothing changed;
- edit paper: a rebuild after one paper's abstract changed;
- edit author: a rebuild after one author's bio changed;
- serve, save to reload: ``authorsite serve`` running, one paper's abstract saved, until
  the open page is told to reload (its live-reload event) and the paper's page, fetched
  again, shows the new text; the rebuild's own seconds, as serve prints them, beside it;
- import: ``authorsite import bibtex`` of the built site's own BibTeX (its papers'
  ``cite.bib``, at most 3,000 entries) into a new site, and the same import again, with
  nothing to change;
- peak memory: the largest resident set of a cold build, as ``/usr/bin/time -v`` reports
  it ("Maximum resident set size"; without that program, the same kernel figure from
  ``os.wait4``). Both count the largest single process of the tree; the table also shows
  the largest sum over the whole process tree, sampled from /proc, for honesty when the
  build uses worker processes.

``python -m bench.run`` (``make bench``) runs 1,000/50 and 10,000/500;
``--quick`` runs one small size once, as a smoke test.
"""

from __future__ import annotations

import argparse
import compileall
import http.client
import json
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from bench.synth import generate
from generator.serve import EVENTS_PATH

TIME_BIN = Path("/usr/bin/time")
TARGETS = {"cold_s": 5.0, "noop_s": 0.2, "edit_s": 0.3, "peak_mb": 250.0, "reload_s": 0.5}
SUMMARY = re.compile(r"(\d+) pages? written, (\d+) unchanged")
SERVING = re.compile(r"serving a preview of .* at (http://\S+)")
BUILT = re.compile(r"^built after .*?, ([\d.]+) s(; novelty follows)?$")
PHASES = re.compile(r"^phases: (.*)$", re.M)


@dataclass
class Run:
    """One measured build."""

    seconds: float
    peak_mb: float
    tree_mb: float
    written: int | None
    unchanged: int | None
    # CPU seconds of the whole process tree, in user space and in the kernel
    user_s: float = 0.0
    sys_s: float = 0.0
    # Wall-clock seconds of each phase of the build, as it says them (AUTHORSITE_PHASES)
    phases: dict[str, float] = field(default_factory=dict)


@dataclass
class Size:
    """All measurements at one site size."""

    papers: int
    authors: int
    results: dict[str, list[Run]] = field(default_factory=dict)

    def median(self, kind: str, attr: str = "seconds") -> float:
        """The median of one figure over the runs of one kind."""
        return float(statistics.median(getattr(r, attr) for r in self.results[kind]))


def _authorsite() -> list[str]:
    """The command that runs the installed CLI with this interpreter."""
    exe = Path(sys.executable).with_name("authorsite")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "generator"]


def _tree_rss_kb(root: int) -> int:
    """Sum of VmRSS over ``root`` and its descendants (0 when they are gone)."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
                found = re.search(r"^VmRSS:\s+(\d+)", fh.read(), re.M)
            total += int(found.group(1)) if found else 0
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def build_once(site: Path, out: Path, *, sample_tree: bool = False) -> Run:
    """Run one build in a fresh process and measure it (and its process tree's memory)."""
    cmd = [*_authorsite(), "build", "--site", str(site), "--out", str(out)]
    use_time = TIME_BIN.exists()
    if use_time:
        cmd = [str(TIME_BIN), "-v", *cmd]
    env = dict(os.environ, PYTHONHASHSEED="0", TERM="dumb", AUTHORSITE_PHASES="1")
    peak_tree = 0
    done = threading.Event()
    # The run before leaves the kernel writing its files out for seconds (21,500 of them
    # after a cold build): start once that is done, so that no run is timed with the
    # previous run's work. os.sync() waits for it; it is not part of the time.
    os.sync()
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out_fh, tempfile.TemporaryFile("w+") as err_fh:
        proc = subprocess.Popen(cmd, stdout=out_fh, stderr=err_fh, env=env, text=True)

        def sample() -> None:
            nonlocal peak_tree
            while not done.is_set():
                peak_tree = max(peak_tree, _tree_rss_kb(proc.pid))
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        if sample_tree:
            # Only for cold builds: sampling costs a little CPU that would blur fast rebuilds.
            sampler.start()
        # wait4 gives this child's own rusage: the same kernel figure /usr/bin/time prints.
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        done.set()
        if sample_tree:
            sampler.join()
        out_fh.seek(0)
        err_fh.seek(0)
        stdout, stderr = out_fh.read(), err_fh.read()
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}): {' '.join(cmd)}\n{stdout}\n{stderr}")
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    peak_kb = int(found.group(1)) if found else usage.ru_maxrss
    summary = SUMMARY.search(stdout + stderr)
    # /usr/bin/time's child is the build, whose figures include its reaped workers'.
    user = re.search(r"User time \(seconds\): ([\d.]+)", stderr)
    kernel = re.search(r"System time \(seconds\): ([\d.]+)", stderr)
    said = PHASES.search(stderr)
    words = said.group(1).split() if said else []
    phases = {name: float(value) for name, value in zip(words[::2], words[1::2], strict=True)}
    return Run(
        seconds,
        peak_kb / 1024,
        peak_tree / 1024,
        int(summary.group(1)) if summary else None,
        int(summary.group(2)) if summary else None,
        float(user.group(1)) if user else usage.ru_utime,
        float(kernel.group(1)) if kernel else usage.ru_stime,
        phases,
    )


IMPORTED = 3000  # entries of a site's own BibTeX that the import is timed with


def _command(cmd: list[str]) -> float:
    """Wall seconds of one command in a fresh process, which must succeed."""
    os.sync()  # the run before's files written out first, not timed (see build_once)
    start = time.perf_counter()
    env = dict(os.environ, PYTHONHASHSEED="0", TERM="dumb")
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stdout}{done.stderr}")
    return seconds


def measure_import(out: Path, runs: int, log: Callable[[str], None]) -> dict[str, list[Run]]:
    """A built site's BibTeX (its papers' ``cite.bib``) imported into a new site, and
    imported again unchanged."""
    entries = sorted((out / "papers").rglob("cite.bib"))[:IMPORTED]
    bib = out.parent / f"import-{len(entries)}.bib"
    bib.write_text("".join(p.read_text(encoding="utf-8") for p in entries), encoding="utf-8")
    results: dict[str, list[Run]] = {"import": [], "reimport": []}
    for i in range(runs):
        site = out.parent / "import-site"
        _discard(site)
        _command([*_authorsite(), "init", str(site)])
        for kind in ("import", "reimport"):
            cmd = [*_authorsite(), "import", "bibtex", str(bib), "--site", str(site)]
            results[kind].append(Run(_command(cmd), 0.0, 0.0, None, None))
        log(
            f"import {len(entries)} entries {i + 1}/{runs}: {results['import'][-1].seconds:.2f} s,"
            f" again {results['reimport'][-1].seconds:.2f} s"
        )
    _discard(bib)
    return results


def _wipe(site: Path, out: Path) -> None:
    """Move the cache and the output aside: the next build is cold.

    They are deleted only at the end: deleting 20,000 files just before a timed build
    makes the disk slow for that build (on this machine, a mount with `discard`), and
    deleting is not part of a build.
    """
    _discard(site / ".authorsite-cache")
    _discard(out)


def _discard(path: Path) -> None:
    """Move ``path`` into the work folder's trash (a rename: instant)."""
    if path.exists():
        trash = _work_of(path) / "trash"
        trash.mkdir(exist_ok=True)
        path.rename(trash / f"{path.name}-{time.time_ns()}")


def _work_of(path: Path) -> Path:
    """The benchmark's work folder holding ``path`` (sites and outputs sit directly in it)."""
    return path.parent.parent if path.name == ".authorsite-cache" else path.parent


def _empty_trash(work: Path) -> None:
    """Delete what :func:`_wipe` moved aside."""
    shutil.rmtree(work / "trash", ignore_errors=True)


def _paper_for(site: Path, index: int) -> Path:
    """The paper file that :func:`_edit_paper` edits for ``index``."""
    papers = sorted((site / "content" / "papers").glob("*.md"))
    return papers[(index * 7919) % len(papers)]


def _edit_paper(site: Path, index: int) -> tuple[Path, str]:
    """Change one paper's abstract, a different paper and text on every call.

    Returns the file and the sentence added to the end of its abstract.
    """
    path = _paper_for(site, index)
    text = path.read_text(encoding="utf-8")
    added = f"Edited for benchmark run {index}."
    path.write_text(text.rstrip("\n") + f" {added}\n", encoding="utf-8")
    return path, added


def _edit_citations(site: Path, index: int) -> None:
    """Change one paper's citation count only (no text: novelty stays as it was)."""
    papers = sorted((site / "content" / "papers").glob("*.md"))
    path = papers[(index * 4973 + 11) % len(papers)]
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^citations: \d+", f"citations: {1000 + index}", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def _edit_author(site: Path, index: int) -> None:
    """Change one author's bio, a different author and text on every call."""
    authors = sorted((site / "content" / "authors").glob("*.yaml"))
    path = authors[(index * 31) % len(authors)]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f" Edited for benchmark run {index}.\n", encoding="utf-8")


def measure(papers: int, authors: int, runs: int, work: Path, log: Callable[[str], None]) -> Size:
    """Every figure at one size."""
    size = Size(papers, authors)
    site = work / f"site-{papers}"
    out = work / f"out-{papers}"
    _discard(site)
    _discard(out)
    log(f"synth: {papers} papers, {authors} authors → {site}")
    generate(site, papers, authors, seed=1)
    size.results["cold"] = []
    for i in range(runs):
        _wipe(site, out)
        size.results["cold"].append(build_once(site, out, sample_tree=True))
        log(f"cold {i + 1}/{runs}: {size.results['cold'][-1].seconds:.2f} s")
    size.results["noop"] = []
    for i in range(runs):
        size.results["noop"].append(build_once(site, out))
        log(f"noop {i + 1}/{runs}: {size.results['noop'][-1].seconds:.3f} s")
    edits = (
        ("edit paper", _edit_paper),
        ("edit citations", _edit_citations),
        ("edit author", _edit_author),
    )
    for kind, edit in edits:
        size.results[kind] = []
        for i in range(runs):
            edit(site, i)
            size.results[kind].append(build_once(site, out))
            log(f"{kind} {i + 1}/{runs}: {size.results[kind][-1].seconds:.3f} s")
    size.results.update(measure_serve(site, runs, log))
    # serve's edits are in the records now: the command line catches up (not timed), so
    # that --verify compares an incremental build after serve's with a cold one.
    build_once(site, out)
    size.results.update(measure_import(out, runs, log))
    return size


def _ctrl_c_stops() -> None:
    """In the child, before serve starts: SIGINT as Python takes it by default."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class _Serve:
    """``authorsite serve`` on a site, in a process of its own, as a browser tab sees it."""

    def __init__(self, site: Path) -> None:
        cmd = [*_authorsite(), "serve", "--site", str(site), "--port", "0"]
        env = dict(os.environ, PYTHONHASHSEED="0", TERM="dumb", PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            text=True,
            # Ctrl-C stops it (see stop), also where the driver runs with SIGINT ignored,
            # as a shell runs a job in the background (`make bench &`, nohup): serve then
            # ignored it too, and each stop waited a minute before killing it
            preexec_fn=_ctrl_c_stops,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.events: queue.Queue[tuple[float, int, str | None]] = queue.Queue()
        self.said: list[str] = []  # every line, for the message when something fails
        self.reader = threading.Thread(target=self._read_lines, daemon=True)
        self.reader.start()
        self.address = ("", 0)  # host and port, once serving
        self.conn: http.client.HTTPConnection | None = None

    def _read_lines(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def line(self, timeout: float) -> str:
        """The next line serve prints (SystemExit if it stopped or said nothing in time)."""
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise SystemExit(self.failed(f"serve printed nothing for {timeout:g} s")) from None
        if line is None:
            raise SystemExit(self.failed("serve stopped"))
        self.said.append(line)
        return line

    def failed(self, what: str) -> str:
        """``what`` went wrong, with the last lines serve printed."""
        return f"{what}; it said:\n" + "\n".join(self.said[-20:])

    def start(self, timeout: float) -> None:
        """Wait for the first build, then listen to the live-reload events as a page does."""
        while not (found := SERVING.search(self.line(timeout))):
            pass
        host, port = found.group(1).split("//")[1].rstrip("/").rsplit(":", 1)
        self.address = (host, int(port))
        self.conn, self.events = self.listen(EVENTS_PATH, timeout)

    def listen(
        self, path: str, timeout: float
    ) -> tuple[http.client.HTTPConnection, queue.Queue[tuple[float, int, str | None]]]:
        """The live-reload events of ``path`` (the page's, with the page it shows)."""
        conn = http.client.HTTPConnection(*self.address, timeout=timeout)
        conn.request("GET", path)
        response = conn.getresponse()
        events: queue.Queue[tuple[float, int, str | None]] = queue.Queue()

        def listen() -> None:
            try:
                for raw in response:
                    text = raw.decode("utf-8").strip()
                    if text.startswith("data: "):
                        state = json.loads(text[len("data: ") :])
                        events.put((time.perf_counter(), state["version"], state["error"]))
            except (OSError, ValueError):
                pass  # closed

        threading.Thread(target=listen, daemon=True).start()
        return conn, events

    def settle(self, version: int, quiet: float = 1.0, *, novelty: bool = False) -> int:
        """Wait until serve's builds are done: the novelty build that follows an edit
        (``novelty``: its build said so) has been said, then nothing for ``quiet`` seconds.
        Returns the version the page was last told of (that build may have reloaded it)."""
        while True:
            try:
                # on a slow hour, updating novelty alone can take longer than ``quiet``
                line = self.lines.get(timeout=120 if novelty else quiet)
            except queue.Empty:
                if novelty:
                    raise SystemExit(self.failed("no novelty build after the edit")) from None
                break
            if line is None:
                raise SystemExit(self.failed("serve stopped"))
            self.said.append(line)
            built = BUILT.search(line)
            if built is not None:
                novelty = built.group(2) is not None
            elif line.startswith("built (novelty updated)"):
                novelty = False
        while True:
            try:
                version = max(version, self.events.get_nowait()[1])
            except queue.Empty:
                return version

    def reload(
        self,
        after: int,
        timeout: float,
        events: queue.Queue[tuple[float, int, str | None]] | None = None,
    ) -> tuple[float, int]:
        """When the events (``events``: one page's) next told the page to reload (a
        version after ``after``)."""
        while True:
            try:
                when, version, error = (events or self.events).get(timeout=timeout)
            except queue.Empty:
                raise SystemExit(self.failed("no reload after the edit")) from None
            if error is not None:  # a save seen half-written: the next build follows
                continue
            if version > after:
                return when, version

    def fetch(self, path: str) -> str:
        """One page as the browser reloads it."""
        conn = http.client.HTTPConnection(*self.address, timeout=60)
        try:
            conn.request("GET", path)
            return conn.getresponse().read().decode("utf-8")
        finally:
            conn.close()

    def peak_mb(self) -> float:
        """The serve process's largest resident set so far (VmHWM), in MB."""
        try:
            with open(f"/proc/{self.proc.pid}/status", encoding="ascii") as fh:
                found = re.search(r"^VmHWM:\s+(\d+)", fh.read(), re.M)
        except OSError:
            return 0.0
        return int(found.group(1)) / 1024 if found else 0.0

    def stop(self) -> None:
        """Ctrl-C, as a user stops it."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.reader.join(timeout=10)  # it ends at the output's end
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        if self.conn is not None:
            self.conn.close()


def measure_serve(site: Path, runs: int, log: Callable[[str], None]) -> dict[str, list[Run]]:
    """Save one paper's abstract while ``serve`` runs: seconds until the page shows it.

    Measured from the save to the moment the reloaded paper page, fetched as the browser
    fetches it after the live-reload event, holds the new text. The rebuild's own time
    is what serve prints for it.
    """
    served = _Serve(site)
    reloads: list[Run] = []
    rebuilds: list[Run] = []
    try:
        served.start(timeout=1800)  # a first serve of a site builds its preview in full
        _, version = served.reload(-1, timeout=60)  # the state the page opens with
        version = served.settle(version)
        for i in range(runs):
            # The paper's page is open in a tab, whose events say which page it shows.
            shown = f"/papers/{_paper_for(site, 1000 + i).stem}/"
            tab, events = served.listen(f"{EVENTS_PATH}?page={quote(shown)}", timeout=60)
            _, opened = served.reload(-1, timeout=60, events=events)  # the state it opens with
            path, added = _edit_paper(site, 1000 + i)
            start = time.perf_counter()
            served.reload(opened, timeout=120, events=events)
            page = served.fetch(shown)
            seconds = time.perf_counter() - start
            tab.close()
            if added not in page:
                raise SystemExit(served.failed(f"the reloaded page lacks the edit to {path}"))
            built = None
            while built is None:
                built = BUILT.search(served.line(timeout=60))
            novelty = built.group(2) is not None
            summary = SUMMARY.search(built.group(0))
            counts = (int(summary.group(1)), int(summary.group(2))) if summary else (None, None)
            reloads.append(Run(seconds, 0.0, 0.0, *counts))
            rebuilds.append(Run(float(built.group(1)), 0.0, 0.0, *counts))
            log(
                f"serve {i + 1}/{runs}: page shows the edit after {seconds:.3f} s "
                f"(rebuild {rebuilds[-1].seconds:.2f} s)"
            )
            # the novelty build that follows, and its reload, before the next save
            version = served.settle(version, novelty=novelty)
        peak = served.peak_mb()  # VmHWM only grows: the peak of the whole session
        for run in reloads:
            run.peak_mb = peak
    finally:
        served.stop()
    return {"serve reload": reloads, "serve rebuild": rebuilds}


def verify(papers: int, work: Path, log: Callable[[str], None]) -> bool:
    """After the edits, the incremental output equals a cold build's, byte for byte."""
    site, out = work / f"site-{papers}", work / f"out-{papers}"
    fresh = work / f"fresh-{papers}"
    shutil.rmtree(fresh, ignore_errors=True)
    cache = site / ".authorsite-cache"
    moved = work / f"cache-{papers}"
    shutil.rmtree(moved, ignore_errors=True)
    if cache.exists():
        cache.rename(moved)
    try:
        build_once(site, fresh)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if moved.exists():
            moved.rename(cache)
    same = _tree_bytes(out) == _tree_bytes(fresh)
    log(f"verify {papers}: incremental output {'equals' if same else 'DIFFERS FROM'} a cold build")
    return same


def _tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path."""
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def table(sizes: Sequence[Size]) -> str:
    """The results as a Markdown table, with targets and the 10k/1k ratio."""
    rows = [
        ("cold build (s)", "cold", "seconds", "{:.2f}", "cold_s"),
        ("cold build: CPU in user space (s)", "cold", "user_s", "{:.1f}", None),
        ("cold build: CPU in the kernel (s)", "cold", "sys_s", "{:.1f}", None),
        ("no-change rebuild (s)", "noop", "seconds", "{:.3f}", "noop_s"),
        ("edit one paper's abstract (s)", "edit paper", "seconds", "{:.3f}", "edit_s"),
        ("edit one paper's citations (s)", "edit citations", "seconds", "{:.3f}", None),
        ("edit one author (s)", "edit author", "seconds", "{:.3f}", None),
        ("peak RSS, largest process (MB)", "cold", "peak_mb", "{:.0f}", "peak_mb"),
        ("peak RSS, whole tree (MB)", "cold", "tree_mb", "{:.0f}", None),
        (
            "serve: save an abstract until the page shows it (s)",
            "serve reload",
            "seconds",
            "{:.3f}",
            "reload_s",
        ),
        ("serve: its rebuild, as serve prints it (s)", "serve rebuild", "seconds", "{:.3f}", None),
        ("serve: peak RSS over the session (MB)", "serve reload", "peak_mb", "{:.0f}", None),
        ("import its BibTeX, at most 3,000 entries (s)", "import", "seconds", "{:.2f}", None),
        ("import it again, nothing changed (s)", "reimport", "seconds", "{:.2f}", None),
    ]
    head = ["measure", *(f"{s.papers:,} / {s.authors}" for s in sizes), "target (10k)"]
    if len(sizes) == 2:
        head.insert(3, "ratio")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, kind, attr, fmt, target in rows:
        values = [s.median(kind, attr) for s in sizes]
        cells = [label, *(fmt.format(v) for v in values)]
        if len(sizes) == 2:
            cells.append(f"{values[1] / values[0]:.1f}×" if values[0] else "–")
        cells.append(f"≤ {TARGETS[target]:g}" if target else "")
        lines.append("| " + " | ".join(cells) + " |")
    for s in sizes:
        written = [r.written for r in s.results["noop"]]
        edited = [r.written for r in s.results["edit paper"]]
        lines.append(
            f"\npages written at {s.papers:,}: cold {s.results['cold'][0].written}, "
            f"noop {written}, edit paper {edited}, "
            f"edit author {[r.written for r in s.results['edit author']]}"
        )
    return "\n".join(lines)


# What each phase of a build is, in the order a build goes through them.
PHASE_NAMES = {
    "scan": "scan the inputs' sizes and times, compare with the last build",
    "compare": "nothing changed: done",
    "records": "parse new records, decode cached ones",
    "assemble": "assemble the model (metrics; waits for novelty, computed beside)",
    "markdown": "convert new abstracts and bios (beside assemble)",
    "routes": "list every page and its inputs",
    "plan": "fingerprint every page, pick the changed ones",
    "render": "render (a cold build: and write) the pages",
    "write": "write the changed files",
    "save": "save the state for the next build",
}


def phases_table(sizes: Sequence[Size], kinds: Sequence[str] = ("cold", "edit paper")) -> str:
    """Where the time goes: the median seconds of each phase, per size and kind of build;
    "start and exit" is the rest of the process's time (Python's start, imports)."""
    columns = [(s, kind) for s in sizes for kind in kinds]
    head = ["phase", *(f"{kind}, {s.papers:,}" for s, kind in columns)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, meaning in PHASE_NAMES.items():
        cells = []
        for s, kind in columns:
            runs = [r.phases[name] for r in s.results[kind] if name in r.phases]
            cells.append(f"{statistics.median(runs):.3f}" if runs else "–")
        if any(cell != "–" for cell in cells):
            lines.append(f"| {name}: {meaning} | " + " | ".join(cells) + " |")
    rest = [
        statistics.median(r.seconds - sum(r.phases.values()) for r in s.results[kind])
        for s, kind in columns
    ]
    lines.append(
        "| start and exit (Python, imports) | " + " | ".join(f"{v:.3f}" for v in rest) + " |"
    )
    return "\n".join(lines)


def _compile_bytecode(log: Callable[[str], None]) -> None:
    """Compile the generator's bytecode first, as installing a package does.

    ``pip install`` compiles a package's modules; an editable install (``make``) compiles
    them on first import and keeps them in ``__pycache__``. Where PYTHONDONTWRITEBYTECODE
    is set (as on this machine), every run would compile them again (~30-40 ms a build),
    which no user of an installed authorsite pays. compileall writes them regardless.
    """
    import generator

    package = Path(generator.__file__).parent
    if not compileall.compile_dir(package, quiet=1):
        log(f"note: could not compile the bytecode in {package}; each run compiles it")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table and the summary line."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one small size, once (smoke test)")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 5)")
    parser.add_argument("--sizes", default="1000/50,10000/500", help="papers/authors,...")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(".bench"),
        help="where the synthetic sites are written (default .bench/, beside the code)",
    )
    parser.add_argument(
        "--verify", action="store_true", help="compare with a cold build at the end"
    )
    args = parser.parse_args(argv)
    if args.quick:
        sizes, runs = [(200, 10)], args.runs or 1
    else:
        pairs = [s.split("/") for s in args.sizes.split(",")]
        sizes = [(int(p), int(a)) for p, a in pairs]
        runs = args.runs or 5

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if not TIME_BIN.exists():
        log("note: /usr/bin/time not found; peak memory from os.wait4's rusage (same figure)")
    _compile_bytecode(log)
    # Not /tmp: on some machines (this one) /tmp's file creation is ten times slower than
    # the disk a site normally lives on, and the figures would measure that instead.
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    _empty_trash(work)
    try:
        results = [measure(p, a, runs, work, log) for p, a in sizes]
        ok = all(verify(s.papers, work, log) for s in results) if args.verify else True
    finally:
        _empty_trash(work)
    print(table(results))
    print(f"\nmedian of {runs} run(s) each, wall time of the whole `authorsite build` process")
    print("\nWhere the time goes (median wall seconds per phase, as the build says them):\n")
    print(phases_table(results))
    big = results[-1]
    print(
        f"bench: papers={big.papers} cold_s={big.median('cold'):.2f} "
        f"noop_s={big.median('noop'):.3f} edit_s={big.median('edit paper'):.3f} "
        f"peak_mb={big.median('cold', 'peak_mb'):.0f}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
