"""A built profile on an emulated mid-range phone: load and search, old and new by turns.

``python -m bench.phone OUT [OUT ...] --page authors/SLUG/ [--rounds N]`` serves each
built site folder (gzipped, as GitHub Pages sends it) and opens the page in Chromium as
Lighthouse's mobile run does: a 412 by 915 px touch screen and the CPU slowed 4 times
(CDP ``Emulation.setCPUThrottlingRate``). Each round opens it once from every folder, in
turns (the machine is shared: one folder's runs never all fall in a busy minute), and
prints one JSON line per run, then the median and range of each figure:

- load: first and largest contentful paint, total blocking time (long tasks after the
  first paint, beyond 50 ms each), the longest task, the script run at load
  (``site.js``, from the end of parsing to DOMContentLoaded), and the main thread's busy,
  script, style and layout time (``Performance.getMetrics``) once the page is idle;
- typing: "language" typed key by key into the search box, a pause after each, then the
  box emptied; for each key, the time from the search's start to the next frame drawn,
  and the main thread's busy time.

Times are wall times in milliseconds of the slowed CPU, so noisy on a busy machine; they
are for comparing folders measured together, not for a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve

# Long tasks, paints, and when the search's work starts (each search writes the address).
OBSERVE = """
window.__lt = []; window.__lcp = 0; window.__fcp = 0; window.__int = 0; window.__dcl = 0;
window.__upd = [];
new PerformanceObserver(l => l.getEntries().forEach(e => __lt.push([e.startTime, e.duration])))
  .observe({type: "longtask", buffered: true});
new PerformanceObserver(l => l.getEntries().forEach(e => { __lcp = e.startTime; }))
  .observe({type: "largest-contentful-paint", buffered: true});
new PerformanceObserver(l => l.getEntries().forEach(e => {
  if (e.name === "first-contentful-paint") __fcp = e.startTime;
})).observe({type: "paint", buffered: true});
document.addEventListener("readystatechange", () => {
  if (document.readyState === "interactive") __int = performance.now();
});
document.addEventListener("DOMContentLoaded", () => { __dcl = performance.now(); });
for (const name of ["pushState", "replaceState"]) {
  const real = History.prototype[name];
  History.prototype[name] = function (...args) {
    const t = performance.now();
    requestAnimationFrame(() => setTimeout(() => __upd.push(performance.now() - t), 0));
    return real.apply(this, args);
  };
}
"""
WORD = "language"


def _metrics(cdp: Any) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def run_once(browser: Any, url: str, typing: bool = True) -> dict[str, Any]:
    """One visit to ``url`` on the emulated phone: its figures."""
    ctx = browser.new_context(
        viewport={"width": 412, "height": 915},
        device_scale_factor=1.75,
        is_mobile=True,
        has_touch=True,
    )
    page = ctx.new_page()
    page.add_init_script(OBSERVE)
    cdp = ctx.new_cdp_session(page)
    cdp.send("Performance.enable")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="load")
    page.wait_for_timeout(6000)  # idle: the search's text of every card read
    m = _metrics(cdp)
    tasks = page.evaluate("__lt")
    fcp = page.evaluate("__fcp")
    out: dict[str, Any] = {
        "fcp": fcp,
        "lcp": page.evaluate("__lcp"),
        "tbt": sum(max(0.0, d - 50) for s, d in tasks if s >= fcp),
        "longest_task": max((d for _, d in tasks), default=0.0),
        "load_script": page.evaluate("__dcl - __int"),
        "busy": m["TaskDuration"] * 1000,
        "script": m["ScriptDuration"] * 1000,
        "style": m["RecalcStyleDuration"] * 1000,
        "layout": m["LayoutDuration"] * 1000,
        "nodes": m["Nodes"],
    }
    if typing:
        page.locator("#find-q").focus()
        page.wait_for_timeout(300)
        busy = []
        for n, key in enumerate(WORD, 1):
            before = _metrics(cdp)["TaskDuration"]
            page.keyboard.type(key)
            page.wait_for_function(f"__upd.length >= {n}", timeout=30_000)
            page.wait_for_timeout(300)
            busy.append((_metrics(cdp)["TaskDuration"] - before) * 1000)
        updates = page.evaluate("__upd")
        out["key_update"] = statistics.median(updates)
        out["key_update_max"] = max(updates)
        out["key_busy"] = statistics.median(busy)
        out["found"] = page.locator("#finder-status").text_content()
        page.evaluate("window.__upd = []")
        page.keyboard.press("Control+a")
        page.keyboard.press("Backspace")
        page.wait_for_function("__upd.length > 0", timeout=30_000)
        out["clear_update"] = page.evaluate("__upd[0]")
    ctx.close()
    return out


def main(argv: list[str] | None = None) -> int:
    """Measure each folder's page by turns; print every run and the medians."""
    ap = argparse.ArgumentParser(prog="python -m bench.phone", description=__doc__.split("\n")[0])
    ap.add_argument("outs", nargs="+", type=Path, help="built site folders")
    ap.add_argument("--page", default="", help="the page's path in each, such as authors/x/")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-typing", action="store_true")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    runs: dict[Path, list[dict[str, Any]]] = {out: [] for out in args.outs}
    with sync_playwright() as p, ExitStack() as stack:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        urls = {
            out: stack.enter_context(serve(out, compress=True)) + args.page for out in args.outs
        }
        for n in range(args.rounds):
            for out in args.outs if n % 2 == 0 else args.outs[::-1]:
                got = run_once(browser, urls[out], not args.no_typing)
                runs[out].append(got)
                print(json.dumps({"out": str(out), "round": n, **got}), flush=True)
        browser.close()
    for out, got in runs.items():
        print(f"== {out}: median [range] of {len(got)} runs")
        for key, value in got[0].items():
            if isinstance(value, str):
                print(f"  {key}: {value}")
                continue
            values = [g[key] for g in got]
            print(f"  {key}: {statistics.median(values):.0f} [{min(values):.0f}-{max(values):.0f}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
