"""``make audit``: validity, accessibility, Lighthouse and weight of a built site.

Builds the sample site (or ``--site DIR``) into .audit/site with base_url set to the local
server's address (or ``--base-url``), serves it on 127.0.0.1 (under ``--base-path``, as
GitHub project pages do), and measures:

- W3C Nu HTML Checker (vnu.jar from the ``vnu-jar`` npm package): errors and warnings on
  every page; every feed and the sitemap must be well-formed XML;
- axe-core (WCAG 2.1 A and AA rules, and 2.2 AA's target size), injected through Playwright in light and in dark,
  into the root, the authors' list, the largest profiles, paper pages and pages of the
  site's own (content/pages/), every CV and the 404 page: violations; and none of those pages wider than a 390 px phone;
- Lighthouse 12.2.3 on the root: performance, accessibility, best practices, SEO;
- the root's total weight (HTML, CSS, JS, images) and its requests to other hosts.

Prints every figure and every finding; exits 1 when a target is missed. The npm packages
are installed into .audit/ by the Makefile target; this script only uses them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.build import build  # noqa: E402
from generator.schema import BUILT_FOLDERS  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

AUDIT = REPO / ".audit"
MODULES = AUDIT / "node_modules"
VNU = MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = MODULES / "lighthouse" / "cli" / "index.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# How many of the largest profiles and paper pages axe-core checks (a 300-author paper's
# page and a 1,000-paper profile are where markup problems pile up).
AXE_LARGEST = 3
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
    warnings = [m for m in messages if m.get("subType") == "warning"]
    lines = [
        f"  {kind} {Path(urlsplit(m.get('url', '')).path).relative_to(site)}:"
        f"{m.get('lastLine', 0)}: {m.get('message')}"
        for kind, found in (("error", errors), ("warning", warnings))
        for m in found
    ]
    print(f"vnu: {pages} pages, {len(errors)} errors, {len(warnings)} warnings")
    return len(errors) + len(warnings), lines


def xml_files(site: Path) -> tuple[int, list[str]]:
    """Every feed and the sitemap parsed as XML: the files checked and the ones that fail."""
    files = sorted(site.rglob("*.xml"))
    bad = []
    for path in files:
        try:
            ET.parse(path)
        except ET.ParseError as error:
            bad.append(f"  {path.relative_to(site)}: {error}")
    print(f"xml: {len(files)} files (feeds, sitemap), {len(bad)} not well-formed")
    return len(files), bad


def axe_pages(site: Path, largest: int = AXE_LARGEST, every: bool = False) -> dict[str, str]:
    """The pages axe-core checks, by name: their site-relative URLs (``every``: all pages)."""

    def url(page: Path) -> str:
        rel = page.relative_to(site).as_posix()
        return rel.removesuffix("index.html")

    def biggest(pattern: str, skip: Collection[str] = ()) -> list[Path]:
        found = [p for p in site.glob(pattern) if p.parent.name not in skip]
        return sorted(found, key=lambda p: (-p.stat().st_size, p.as_posix()))[:largest]

    if every:
        return {url(page) or "root": url(page) for page in sorted(site.rglob("*.html"))}
    chosen: dict[str, str] = {"root": ""}
    if (site / "authors" / "index.html").exists():
        chosen["authors"] = "authors/"
    for page in biggest("authors/*/index.html"):
        chosen[f"profile {page.parent.name}"] = url(page)
    for page in biggest("cv/index.html") + biggest("authors/*/cv/index.html"):
        chosen[f"cv {url(page).rstrip('/')}"] = url(page)
    for page in biggest("papers/*/index.html"):
        chosen[f"paper {page.parent.name}"] = url(page)
    # the site's own pages (content/pages/), at the top beside the build's own folders
    for page in biggest("*/index.html", skip=BUILT_FOLDERS):
        chosen[f"page {page.parent.name}"] = url(page)
    if (site / "404.html").exists():
        chosen["404"] = "404.html"
    return chosen


def axe(
    browser: Any, url: str, pages: dict[str, str]
) -> tuple[dict[str, tuple[int, list[str]]], list[str]]:
    """axe-core violations (WCAG 2.1 A/AA, 2.2 AA) per page and colour scheme; requests elsewhere."""
    found: dict[str, tuple[int, list[str]]] = {}
    foreign: list[str] = []

    def on_request(request: Any) -> None:
        if not request.url.startswith((url, "data:")):
            foreign.append(request.url)

    for scheme in ("light", "dark"):
        ctx = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        ctx.on("request", on_request)
        for name, path in pages.items():
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
    return found, sorted(set(foreign))


def too_wide(browser: Any, url: str, pages: dict[str, str], width: int = 390) -> list[str]:
    """The pages that a phone (``width`` px) would have to scroll sideways, and how wide."""
    ctx = browser.new_context(viewport={"width": width, "height": 800})
    wide = []
    for name, path in pages.items():
        page = ctx.new_page()
        page.goto(url + path)
        # Long abstracts start folded; a reader who unfolds one must not get a wider page.
        page.evaluate(
            "document.querySelectorAll('.folded').forEach(a => a.classList.remove('folded'))"
        )
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide.append(f"  {name}: {scroll} px wide at {width} px")
        page.close()
    ctx.close()
    return wide


def weight(browser: Any, url: str) -> tuple[int, int, int, list[str]]:
    """The profile's bytes (raw, gzipped) over every response, and its requests elsewhere."""
    ctx = browser.new_context()
    page = ctx.new_page()
    responses: list[Any] = []
    foreign: list[str] = []

    def on_response(response: Any) -> None:
        if response.url.startswith(url):
            responses.append(response)

    def on_request(request: Any) -> None:
        if not request.url.startswith((url, "data:")):
            foreign.append(request.url)

    page.on("response", on_response)
    page.on("request", on_request)
    page.goto(url)
    # "load": every style sheet, script and image is in. ("networkidle" did not come
    # within 30 s on a 1,000-paper profile, although no request was left open.)
    page.wait_for_load_state("load")
    # Bodies are read once the page is loaded: read in the handler, a large page's body
    # was still arriving when the context closed.
    bodies = [response.body() for response in responses]
    ctx.close()
    raw = sum(len(body) for body in bodies)
    zipped = sum(len(gzip.compress(body)) for body in bodies)
    return raw, zipped, len(bodies), foreign


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


def options(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line: which site, built how, served where, measured how."""
    parser = argparse.ArgumentParser(prog="tools/audit.py", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=REPO, help="site folder (default: sample)")
    parser.add_argument("--drafts", action="store_true", help="build with --drafts")
    parser.add_argument(
        "--base-url",
        help="build with this base_url instead of the local server's (e.g. "
        "https://user.github.io/repo/): nothing may be requested from it",
    )
    parser.add_argument(
        "--base-path",
        default="",
        help="serve the site under this path (e.g. repo/), as GitHub project pages do "
        "(default: the path of --base-url)",
    )
    parser.add_argument(
        "--axe-all", action="store_true", help="axe-core on every page, not a selection"
    )
    parser.add_argument(
        "--no-lighthouse",
        action="store_true",
        help="skip Lighthouse (its targets are the sample's)",
    )
    parser.add_argument(
        "--weight-limit", type=int, default=WEIGHT_LIMIT // 1024, help="root's weight limit, KB"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every measurement, print the figures, and return 1 if a target is missed."""
    args = options(argv)
    for tool in (VNU, AXE, LIGHTHOUSE):
        if not tool.exists():
            print(f"missing {tool}; run `make audit` (it installs the npm packages)")
            return 2
    if not CHROMIUM.exists():
        print(f"missing Chromium at {CHROMIUM} (apt-get install chromium)")
        return 2
    from playwright.sync_api import sync_playwright

    # A site built for https://user.github.io/repo/ is served under /repo/ here too: its
    # 404 page, which may be shown at any depth, reaches its style sheet by that path.
    path = args.base_path or (urlsplit(args.base_url).path if args.base_url else "")
    base_path = path.strip("/") + "/" if path.strip("/") else ""
    served = AUDIT / "site"
    # Another site's pages must not mix with the last audit's (vnu reads the whole folder).
    shutil.rmtree(served, ignore_errors=True)
    site = served / base_path
    site.mkdir(parents=True, exist_ok=True)
    missed: list[str] = []
    with serve(served, compress=True) as root_url:
        url = root_url + base_path
        build(
            args.site.resolve(), site, base_url=args.base_url or url, drafts=args.drafts, force=True
        )
        print(f"audit: {args.site} built into {site}, served at {url}")
        errors, lines = vnu(site)
        for line in lines[:100]:
            print(line)
        if errors:
            missed.append(f"vnu errors and warnings {errors} > 0")
        _, bad = xml_files(site)
        for line in bad:
            print(line)
        if bad:
            missed.append(f"{len(bad)} XML files not well-formed")
        pages = axe_pages(site, every=args.axe_all)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            results, elsewhere = axe(browser, url, pages)
            for key, (count, details) in results.items():
                print(f"axe {key}: {count} violations")
                for line in details:
                    print(line)
                if count:
                    missed.append(f"axe {key}: {count} violations")
            wide = too_wide(browser, url, pages)
            print(f"phone width: {len(pages)} pages at 390 px, {len(wide)} scroll sideways")
            for line in wide:
                print(line)
            if wide:
                missed.append(f"{len(wide)} pages wider than a phone")
            raw, zipped, requests, foreign = weight(browser, url)
            foreign += [other for other in elsewhere if other not in foreign]
            browser.close()
        print(
            f"weight: root {raw / 1024:.1f} KB in {requests} requests "
            f"({zipped / 1024:.1f} KB gzipped); requests to other hosts (any page audited): "
            f"{len(foreign)}"
        )
        for other in foreign:
            print(f"  other host: {other}")
        if raw > args.weight_limit * 1024:
            missed.append(f"weight {raw / 1024:.1f} KB > {args.weight_limit} KB")
        if foreign:
            missed.append(f"{len(foreign)} requests to other hosts")
        scores = {} if args.no_lighthouse else lighthouse(url)
    if scores:
        print("lighthouse (median of 3): " + ", ".join(f"{k} {v}" for k, v in scores.items()))
        for key, target in LIGHTHOUSE_TARGETS.items():
            if scores.get(key, 0) < target:
                missed.append(f"lighthouse {key} {scores.get(key)} < {target}")
    print("audit: all targets met" if not missed else "audit: MISSED: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
