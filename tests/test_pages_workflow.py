"""The GitHub Pages workflow that `authorsite init` writes, read as GitHub Actions reads it."""

from __future__ import annotations

import copy
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main

# The major versions current when this was written (each runs on Node 24; the older ones
# run on a Node that GitHub retires from its runners). A lower one is a problem.
CURRENT = {
    "actions/checkout": 7,
    "actions/setup-python": 7,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    steps = job.get("steps")
    return [s for s in steps if isinstance(s, dict)] if isinstance(steps, list) else []


def _step(job: dict[str, Any], action: str) -> dict[str, Any] | None:
    return next((s for s in _steps(job) if str(s.get("uses", "")).split("@")[0] == action), None)


def workflow_problems(workflow: dict[Any, Any]) -> list[str]:
    """What keeps ``workflow`` from publishing a site for every push to main; [] if nothing."""
    problems = []
    # PyYAML reads the key `on:` as the boolean True (YAML 1.1); GitHub reads it as "on".
    trigger = workflow.get("on", workflow.get(True)) or {}
    if "push" not in trigger or (trigger.get("push") or {}).get("branches"):
        problems.append("not run on a push to every branch (the default may be master)")
    if "gh-pages" not in ((trigger.get("push") or {}).get("branches-ignore") or []):
        problems.append("a gh-pages branch of built pages would be built, and fail, on every push")
    if "workflow_dispatch" not in trigger:
        problems.append("cannot be run by hand (workflow_dispatch)")
    permissions = workflow.get("permissions") or {}
    for scope, level in (("pages", "write"), ("id-token", "write"), ("contents", "read")):
        if permissions.get(scope) != level:
            problems.append(f"permission {scope}: {level} missing")
    concurrency = workflow.get("concurrency") or {}
    if "github.ref" not in str(concurrency.get("group")):
        problems.append("a push to a branch can replace the default branch's waiting deploy")
    if concurrency.get("cancel-in-progress") is not False:
        problems.append("a newer push cancels a live deploy (cancel-in-progress)")

    jobs = workflow.get("jobs") or {}
    build, deploy = jobs.get("build") or {}, jobs.get("deploy") or {}
    for job in (build, deploy):
        for step in _steps(job):
            action, _, version = str(step.get("uses", "")).partition("@")
            major = re.match(r"v(\d+)", version)
            if action in CURRENT and (major is None or int(major.group(1)) < CURRENT[action]):
                problems.append(f"{action}@{version} is older than v{CURRENT[action]}")
    for action in CURRENT:
        if _step(deploy if action == "actions/deploy-pages" else build, action) is None:
            problems.append(f"no {action} step")

    python = _step(build, "actions/setup-python") or {}
    version = str((python.get("with") or {}).get("python-version", ""))
    if not re.fullmatch(r"3\.(1[0-9])", version):
        problems.append(f"python-version {version!r} is not a Python authorsite runs on")
    runs = [str(s.get("run", "")) for s in _steps(build)]
    if not any(re.search(r"pip install\b.*-r requirements\.txt", run) for run in runs):
        problems.append("authorsite not installed from requirements.txt")
    configure = _step(build, "actions/configure-pages") or {}
    command = next((run for run in runs if "authorsite build" in run), "")
    if not command:
        problems.append("no `authorsite build` step")
    if f'--base-url "${{{{ steps.{configure.get("id")}.outputs.base_url }}}}/"' not in command:
        problems.append("the build is not given configure-pages' base_url")
    order = [str(s.get("uses", "")).split("@")[0] or str(s.get("run", "")) for s in _steps(build)]
    if configure and command and order.index("actions/configure-pages") > order.index(command):
        problems.append("the build runs before configure-pages has the address")
    if "--drafts" in command:
        problems.append("the published build includes drafts")
    # `check --built`: output/ as built for the address, not a build of its own for
    # site.yaml's (`/`); after the build, before the upload, so a broken link fails the run
    checked = next((run for run in runs if re.search(r"authorsite check\b", run)), "")
    if not re.search(r"authorsite check --built\s*$", checked):
        problems.append("output/ is not checked as built (`authorsite check --built`)")
    upload_at = (
        order.index("actions/upload-pages-artifact")
        if "actions/upload-pages-artifact" in order
        else len(order)
    )
    if checked and command and not order.index(command) < order.index(checked) < upload_at:
        problems.append("the check does not run between the build and the upload")
    upload = _step(build, "actions/upload-pages-artifact") or {}
    if (upload.get("with") or {}).get("path") != "output":
        problems.append("the artifact is not output/")

    if deploy.get("needs") != "build":
        problems.append("deploy does not wait for build")
    if deploy.get("if") != "github.ref_name == github.event.repository.default_branch":
        problems.append("deploy is not only for the default branch")
    environment = deploy.get("environment") or {}
    deployed = _step(deploy, "actions/deploy-pages") or {}
    if environment.get("name") != "github-pages":
        problems.append("deploy is not in the github-pages environment")
    if environment.get("url") != f"${{{{ steps.{deployed.get('id')}.outputs.page_url }}}}":
        problems.append("the environment's url is not deploy-pages' page_url")
    return problems


@pytest.fixture(scope="module")
def workflow(tmp_path_factory: pytest.TempPathFactory) -> dict[Any, Any]:
    site = tmp_path_factory.mktemp("init") / "site"
    assert main(["init", str(site), "--name", "Ada Lovelace"]) == 0
    text = (site / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    return loaded


def test_the_workflow_init_writes_publishes_the_site(workflow: dict[Any, Any]) -> None:
    assert workflow_problems(workflow) == []


def _build(w: dict[Any, Any]) -> list[dict[str, Any]]:
    return w["jobs"]["build"]["steps"]  # type: ignore[no-any-return]


def _drop_step(action: str) -> Callable[[dict[Any, Any]], None]:
    def drop(w: dict[Any, Any]) -> None:
        for job in w["jobs"].values():
            job["steps"] = [s for s in job["steps"] if not s.get("uses", "").startswith(action)]

    return drop


def _run(w: dict[Any, Any], old: str, new: str) -> None:
    for step in _build(w):
        if "run" in step:
            step["run"] = step["run"].replace(old, new)


MUTATIONS: dict[str, tuple[Callable[[dict[Any, Any]], None], str]] = {
    "pages write": (
        lambda w: w["permissions"].pop("pages"),
        "permission pages: write missing",
    ),
    "id-token": (
        lambda w: w["permissions"].pop("id-token"),
        "permission id-token: write missing",
    ),
    "concurrency": (lambda w: w.pop("concurrency"), "replace the default branch's waiting"),
    "one group": (
        lambda w: w["concurrency"].update({"group": "pages"}),
        "replace the default branch's waiting deploy",
    ),
    "cancel": (
        lambda w: w["concurrency"].update({"cancel-in-progress": True}),
        "a newer push cancels a live deploy",
    ),
    "main only": (
        lambda w: w[True].update({"push": {"branches": ["main"]}}),
        "not run on a push to every branch",
    ),
    "gh-pages built": (
        lambda w: w[True].update({"push": None}),
        "a gh-pages branch of built pages would be built",
    ),
    "any branch deploys": (
        lambda w: w["jobs"]["deploy"].pop("if"),
        "deploy is not only for the default branch",
    ),
    "environment": (
        lambda w: w["jobs"]["deploy"].pop("environment"),
        "deploy is not in the github-pages environment",
    ),
    "url": (
        lambda w: w["jobs"]["deploy"]["environment"].pop("url"),
        "the environment's url is not deploy-pages' page_url",
    ),
    "old checkout": (
        lambda w: _build(w)[0].update({"uses": "actions/checkout@v4"}),
        "actions/checkout@v4 is older than v7",
    ),
    "configure-pages": (_drop_step("actions/configure-pages"), "no actions/configure-pages"),
    "deploy-pages": (_drop_step("actions/deploy-pages"), "no actions/deploy-pages step"),
    "artifact path": (
        lambda w: _step(w["jobs"]["build"], "actions/upload-pages-artifact")["with"].update(  # type: ignore[index]
            {"path": "_site"}
        ),
        "the artifact is not output/",
    ),
    "base url": (
        lambda w: _run(w, "--base-url", "--base-url-was"),
        "the build is not given configure-pages' base_url",
    ),
    "drafts": (
        lambda w: _run(w, "authorsite build", "authorsite build --drafts"),
        "the published build includes drafts",
    ),
    "install": (
        lambda w: _run(w, "-r requirements.txt", "authorsite"),
        "authorsite not installed from requirements.txt",
    ),
    "python": (
        lambda w: _step(w["jobs"]["build"], "actions/setup-python")["with"].update(  # type: ignore[index]
            {"python-version": "3.9"}
        ),
        "python-version '3.9'",
    ),
    "order": (
        lambda w: w["jobs"]["build"].update(
            {"steps": sorted(_build(w), key=lambda s: "run" not in s)}
        ),
        "the build runs before configure-pages has the address",
    ),
    "needs": (lambda w: w["jobs"]["deploy"].pop("needs"), "deploy does not wait for build"),
    "no check": (
        lambda w: w["jobs"]["build"].update(
            {"steps": [s for s in _build(w) if "authorsite check" not in s.get("run", "")]}
        ),
        "output/ is not checked as built",
    ),
    "check builds apart": (
        lambda w: _run(w, "authorsite check --built", "authorsite check"),
        "output/ is not checked as built",
    ),
    "check after upload": (
        lambda w: w["jobs"]["build"].update(
            {"steps": sorted(_build(w), key=lambda s: "authorsite check" in s.get("run", ""))}
        ),
        "the check does not run between the build and the upload",
    ),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_a_workflow_missing_one_part_is_told(workflow: dict[Any, Any], name: str) -> None:
    """The check above can fail: each part taken out of the real workflow is reported."""
    broken = copy.deepcopy(workflow)
    mutate, expected = MUTATIONS[name]
    mutate(broken)
    assert any(expected in problem for problem in workflow_problems(broken))


def _workflow_commands(site: Path, base_url: str) -> list[list[str]]:
    """The workflow's `authorsite` commands, as its runner runs them for ``base_url``."""
    text = (site / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    runs = [str(s.get("run", "")) for s in yaml.safe_load(text)["jobs"]["build"]["steps"]]
    return [
        shlex.split(run.replace("${{ steps.pages.outputs.base_url }}", base_url))[1:]
        for run in runs
        if run.startswith("authorsite ")
    ]


@pytest.mark.slow
def test_the_workflow_s_check_passes_a_new_site_and_fails_a_broken_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its commands, run as the runner runs them for a project site: a new site passes
    (its notes are no failure), and a link out of the site's path, which the build only
    warns of, fails the run before the upload (it was deployed, GitHub's 404 to a visitor)."""
    site = tmp_path / "site"
    assert main(["init", str(site), "--name", "Ada Lovelace"]) == 0
    monkeypatch.chdir(site)
    commands = _workflow_commands(site, "https://ada.github.io/repo")
    assert [c[:2] for c in commands] == [["build", "--base-url"], ["check", "--built"]]
    assert [main(command) for command in commands] == [0, 0]
    paper = site / "content/papers/example-paper.md"
    paper.write_text(
        paper.read_text(encoding="utf-8").replace("tags:", "links:\n  pdf: /static/a.pdf\ntags:"),
        encoding="utf-8",
    )
    (site / "static").mkdir()
    (site / "static/a.pdf").write_bytes(b"%PDF-1.4\n")
    capsys.readouterr()
    assert [main(command) for command in commands] == [0, 1]
    assert "/static/a.pdf" in capsys.readouterr().err
