"""``make audit``: validity, accessibility, Lighthouse and weight of the sample site.

Builds the sample site into .audit/site with base_url set to the local server's address,
serves it on 127.0.0.1, and measures:

- W3C Nu HTML Checker (vnu.jar from the ``vnu-jar`` npm package): errors on every page;
- axe-core (WCAG 2.1 A and AA rules), injected through Playwright into the profile, a paper
  page and the CV, in light and in dark: violations;
- Lighthouse 12.2.3 on the profile: performance, accessibility, best practices, SEO;
- the profile's total weight (HTML, CSS, JS, images) and its requests to other hosts.

Prints every figure and every finding; exits 1 when a target is missed. The npm packages
are installed into .audit/ by the Makefile target; this script only uses them.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.build import build  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

AUDIT = REPO / ".audit"
MODULES = AUDIT / "node_modules"
VNU = MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = MODULES / "lighthouse" / "cli" / "index.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_PAGES = {"profile": "", "paper": "papers/debate-with-images/", "cv": "cv/"}
LIGHTHOUSE_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
WEIGHT_LIMIT = 100 * 1024


def vnu(site: Path) -> tuple[int, list[str]]:
    """Nu HTML Checker errors over every page of ``site`` (and the messages)."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    pages = len(list(site.rglob("*.html")))
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    lines = [
        f"  {Path(urlsplit(m.get('url', '')).path).relative_to(site)}:{m.get('lastLine', 0)}: "
        f"{m.get('message')}"
        for m in errors
    ]
    warnings = sum(1 for m in messages if m.get("subType") == "warning")
    print(f"vnu: {pages} pages, {len(errors)} errors, {warnings} warnings")
    return len(errors), lines


def axe(browser: Any, url: str) -> dict[str, tuple[int, list[str]]]:
    """axe-core violations (WCAG 2.1 A/AA) per page and colour scheme."""
    found: dict[str, tuple[int, list[str]]] = {}
    for scheme in ("light", "dark"):
        ctx = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        for name, path in AXE_PAGES.items():
            page = ctx.new_page()
            page.goto(url + path)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
            )
            details = [
                f"  {name}/{scheme}: {v['id']} ({len(v['nodes'])}x): {v['help']} - "
                + "; ".join(n["target"][0] for n in v["nodes"][:3])
                for v in result["violations"]
            ]
            found[f"{name}/{scheme}"] = (len(result["violations"]), details)
            page.close()
        ctx.close()
    return found


def weight(browser: Any, url: str) -> tuple[int, int, int, list[str]]:
    """The profile's bytes (raw, gzipped) over every response, and its requests elsewhere."""
    ctx = browser.new_context()
    page = ctx.new_page()
    sizes: list[tuple[str, bytes]] = []
    foreign: list[str] = []

    def on_response(response: Any) -> None:
        if response.url.startswith(url):
            sizes.append((response.url, response.body()))

    def on_request(request: Any) -> None:
        if not request.url.startswith((url, "data:")):
            foreign.append(request.url)

    page.on("response", on_response)
    page.on("request", on_request)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    ctx.close()
    raw = sum(len(body) for _, body in sizes)
    zipped = sum(len(gzip.compress(body)) for _, body in sizes)
    return raw, zipped, len(sizes), foreign


def lighthouse(url: str, runs: int = 3) -> dict[str, int]:
    """The median of ``runs`` Lighthouse runs, per category (Lighthouse's advice on variance)."""
    results = [lighthouse_once(url, AUDIT / f"lighthouse-{i + 1}.json") for i in range(runs)]
    for i, scores in enumerate(results, 1):
        print(f"  lighthouse run {i}: " + ", ".join(f"{k} {v}" for k, v in scores.items()))
    return {key: sorted(r[key] for r in results)[runs // 2] for key in results[0]}


def lighthouse_once(url: str, report: Path) -> dict[str, int]:
    """Lighthouse category scores (0-100) for ``url``, with its default (mobile) settings."""
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={flags}",
            "--only-categories=" + ",".join(LIGHTHOUSE_TARGETS),
        ],
        env=env,
        check=True,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
    for key, category in data["categories"].items():
        if scores[key] < 100:
            for ref in category["auditRefs"]:
                audit = data["audits"][ref["id"]]
                if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                    print(f"  lighthouse {key}: {audit['id']}: {audit['title']} ({audit['score']})")
    return scores


def main() -> int:
    """Run every measurement, print the figures, and return 1 if a target is missed."""
    for tool in (VNU, AXE, LIGHTHOUSE):
        if not tool.exists():
            print(f"missing {tool}; run `make audit` (it installs the npm packages)")
            return 2
    if not CHROMIUM.exists():
        print(f"missing Chromium at {CHROMIUM} (apt-get install chromium)")
        return 2
    from playwright.sync_api import sync_playwright

    site = AUDIT / "site"
    site.mkdir(parents=True, exist_ok=True)
    missed: list[str] = []
    with serve(site) as url:
        build(REPO, site, base_url=url, force=True)
        errors, lines = vnu(site)
        for line in lines[:50]:
            print(line)
        if errors:
            missed.append(f"vnu errors {errors} > 0")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            results = axe(browser, url)
            for key, (count, details) in results.items():
                print(f"axe {key}: {count} violations")
                for line in details:
                    print(line)
                if count:
                    missed.append(f"axe {key}: {count} violations")
            raw, zipped, requests, foreign = weight(browser, url)
            browser.close()
        print(
            f"weight: profile {raw / 1024:.1f} KB in {requests} requests "
            f"({zipped / 1024:.1f} KB gzipped); requests to other hosts: {len(foreign)}"
        )
        for other in foreign:
            print(f"  other host: {other}")
        if raw > WEIGHT_LIMIT:
            missed.append(f"weight {raw / 1024:.1f} KB > 100 KB")
        if foreign:
            missed.append(f"{len(foreign)} requests to other hosts")
        scores = lighthouse(url)
    print("lighthouse (median of 3): " + ", ".join(f"{k} {v}" for k, v in scores.items()))
    for key, target in LIGHTHOUSE_TARGETS.items():
        if scores.get(key, 0) < target:
            missed.append(f"lighthouse {key} {scores.get(key)} < {target}")
    print("audit: all targets met" if not missed else "audit: MISSED: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
