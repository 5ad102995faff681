"""The README's JupyterHub path, proven: two students click the nbgitpuller link.

A local JupyterHub (dummy authenticator, a local-process spawner giving each student a home
folder of their own, configurable-http-proxy from npm) runs on 127.0.0.1 with nbgitpuller in its
environment, and a bare clone of this repository is served on 127.0.0.1 (``git daemon``) as a
class's repository would be. Two students log in with Chromium and open the README's link
(hub address and repository filled in): each home gets the kit, lesson 0 opens, its explorer
draws and a slider moves it. Then a student edits a lesson, the instructor pushes an update,
and a second click on the link brings the update and keeps the student's edit.

Outside CI the test skips, saying why, when Chromium, jupyterhub, nbgitpuller or
configurable-http-proxy is missing (``.ci/run`` installs the proxy with npm into ``.ci/node``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

import harness
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

STUDENTS = ("ada", "grace")
CHP = harness.ROOT / ".ci" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
README_LINK = re.compile(r"https://YOUR-HUB/hub/user-redirect/git-pull\?[^\s`)]+")


def readme_link() -> tuple[str, str]:
    """The README's nbgitpuller link, and the folder it clones into (from its ``urlpath``)."""
    readme = (harness.ROOT / "README.md").read_text(encoding="utf-8")
    match = README_LINK.search(readme)
    assert match, "the README has no nbgitpuller link for a JupyterHub"
    link = match.group(0)
    urlpath = re.search(r"urlpath=([^&]+)", link)
    assert urlpath, f"the README's link says nowhere to land: {link}"
    path = unquote(urlpath.group(1))
    folder = re.match(r"^(?:lab/tree|tree)/([^/]+)/", path)
    assert folder, f"the README's link does not land in the cloned folder: {path}"
    return link, folder.group(1)


def _proxy() -> str | None:
    found = os.environ.get("NK_CHP") or (str(CHP) if CHP.exists() else None)
    return found or shutil.which("configurable-http-proxy")


def _require_hub() -> str:
    reasons = [] if harness.missing() is None else [str(harness.missing())]
    for module in ("jupyterhub", "nbgitpuller"):
        try:
            __import__(module)
        except ImportError:
            reasons.append(f"the {module} package is not installed")
    proxy = _proxy()
    if proxy is None:
        reasons.append("configurable-http-proxy is not installed")
    if reasons:
        hint = (
            f"{' and '.join(reasons)}: `.venv/bin/pip install -r requirements-dev.txt` and "
            "`npm install --prefix .ci/node configurable-http-proxy@4`"
        )
        if harness.in_ci():
            pytest.fail(f"CI=true but the JupyterHub test cannot run: {hint}", pytrace=False)
        pytest.skip(f"JupyterHub test skipped, {hint}")
    assert proxy is not None
    return proxy


def _git(*args: str, cwd: Path | None = None) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=120
    )
    return result.stdout.strip()


@dataclass
class Repository:
    """A bare clone of this repository served by ``git daemon``, and a copy to push from."""

    url: str
    branch: str
    bare: Path
    work: Path

    def push_update(self, name: str, text: str) -> None:
        """The instructor adds a file to the class repository."""
        (self.work / name).write_text(text, encoding="utf-8")
        _git("add", name, cwd=self.work)
        _git(
            "-c",
            "user.name=Instructor",
            "-c",
            "user.email=i@example.edu",
            "commit",
            "-qm",
            f"add {name}",
            cwd=self.work,
        )
        _git("push", "-q", "origin", f"HEAD:{self.branch}", cwd=self.work)


@pytest.fixture(scope="module")
def repository(temp: Path) -> Iterator[Repository]:
    served = temp / "git"
    _, folder = readme_link()
    bare = served / folder  # nbgitpuller clones into a folder named like the repository
    _git("clone", "-q", "--bare", str(harness.ROOT), str(bare))
    branch = _git("symbolic-ref", "--short", "HEAD", cwd=bare)
    work = temp / "instructor"
    _git("clone", "-q", str(bare), str(work))
    port = harness.free_port()
    daemon = subprocess.Popen(  # git's own protocol: nbgitpuller's shallow clones need it
        ["git", "daemon", "--reuseaddr", "--export-all", f"--base-path={served}",
         "--listen=127.0.0.1", f"--port={port}", "--enable=receive-pack", str(served)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"git://127.0.0.1:{port}/{folder}"
    try:
        deadline = time.monotonic() + 30
        while subprocess.run(["git", "ls-remote", url], capture_output=True).returncode:
            assert daemon.poll() is None, "git daemon stopped while starting"
            assert time.monotonic() < deadline, f"git daemon did not serve {url} within 30 s"
            time.sleep(0.3)
        yield Repository(url, branch, bare, work)
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


def _wait_for(url: str, seconds: float, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, OSError):
            if process is not None and process.poll() is not None:
                raise AssertionError(f"the server stopped while starting ({url})") from None
            if time.monotonic() > deadline:
                raise AssertionError(f"{url} did not answer within {seconds:g} s") from None
            time.sleep(0.3)


@dataclass
class Hub:
    url: str
    homes: Path
    log: Path

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="module")
def hub(temp: Path) -> Iterator[Hub]:
    proxy = _require_hub()
    state = temp / "hub"
    homes = temp / "homes"
    state.mkdir()
    homes.mkdir()
    env = harness.jupyter_env(state / "jupyter")
    student_env = {
        name: env[name]
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "IPYTHONDIR", "MPLCONFIGDIR")
    }
    student_env["MPLBACKEND"] = env["MPLBACKEND"]
    port, hub_port, api_port = harness.free_port(), harness.free_port(), harness.free_port()
    singleuser = Path(sys.executable).parent / "jupyterhub-singleuser"
    config = state / "jupyterhub_config.py"
    config.write_text(
        "\n".join(
            [
                f"c.JupyterHub.ip = '127.0.0.1'; c.JupyterHub.port = {port}",
                f"c.JupyterHub.hub_ip = '127.0.0.1'; c.JupyterHub.hub_port = {hub_port}",
                f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{api_port}'",
                f"c.ConfigurableHTTPProxy.command = [{proxy!r}]",
                "c.JupyterHub.authenticator_class = 'dummy'",
                "c.Authenticator.allow_all = True",
                "c.JupyterHub.spawner_class = 'simple'",
                f"c.SimpleLocalProcessSpawner.home_dir_template = {str(homes / '{username}')!r}",
                f"c.Spawner.cmd = [{str(singleuser)!r}]",
                "c.Spawner.args = ['--allow-root']",
                f"c.Spawner.environment = {student_env!r}",
                "c.Spawner.default_url = '/lab'",
                "c.Spawner.start_timeout = 120; c.Spawner.http_timeout = 120",
                f"c.JupyterHub.db_url = 'sqlite:///{state / 'hub.sqlite'}'",
                f"c.JupyterHub.cookie_secret_file = {str(state / 'cookie_secret')!r}",
                f"c.JupyterHub.pid_file = {str(state / 'hub.pid')!r}",
                "c.JupyterHub.cleanup_servers = True",
            ]
        ),
        encoding="utf-8",
    )
    log = state / "hub.log"
    hub_exe = Path(sys.executable).parent / "jupyterhub"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(hub_exe), "-f", str(config)],
            cwd=state,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{url}/hub/health", 90, process)
        yield Hub(url, homes, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def filled_in(hub_url: str, repository: Repository) -> str:
    """The README's link with the hub's address and the served repository filled in."""
    link, _ = readme_link()
    repo = re.search(r"repo=([^&]+)", link)
    branch = re.search(r"branch=([^&]+)", link)
    assert repo and branch, f"the README's link has no repo or branch: {link}"
    link = link.replace(repo.group(0), "repo=" + quote(repository.url, safe=""))
    link = link.replace(branch.group(0), "branch=" + repository.branch)
    return link.replace("https://YOUR-HUB", hub_url)


def _log_in(page: Page, hub: Hub, name: str) -> None:
    page.goto(f"{hub.url}/hub/login", timeout=60_000)
    page.fill("#username_input", name)
    page.fill("#password_input", "any")
    page.click("#login_submit")
    page.wait_for_url(re.compile(r"/(hub/spawn|hub/home|user/)"), timeout=60_000)


def _open_link(page: Page, link: str, step: harness.Step) -> Locator:
    step("open the nbgitpuller link and wait for lesson 0 in JupyterLab")
    page.goto(link, timeout=180_000)
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    panel.wait_for(timeout=180_000)
    tab = page.locator(".lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel")
    deadline = time.monotonic() + 60
    while "00_start_here" not in " ".join(tab.all_inner_texts()):
        assert time.monotonic() < deadline, f"{step}: lesson 0 did not open"
        time.sleep(0.25)
    step("wait for lesson 0's kernel to be started and idle")
    sessions = re.sub(r"/(lab|tree)/.*$", "/api/sessions", page.url.split("?")[0])
    accept = page.locator(".jp-Dialog .jp-mod-accept")
    deadline = time.monotonic() + 120
    while not _kernel_idle(page, sessions):
        if accept.count():  # Lab asks for a kernel while the kernel list is still loading
            accept.first.click()
        assert time.monotonic() < deadline, f"{step}: the kernel was not idle within 120 s"
        page.wait_for_timeout(250)
    return panel


def _kernel_idle(page: Page, sessions: str) -> bool:
    """Whether lesson 0 has a kernel that is idle (asked with the student's own cookies)."""
    response = page.request.get(sessions)
    if not response.ok:
        return False
    for session in response.json():
        if session.get("path", "").endswith("00_start_here.ipynb") and session.get("kernel"):
            return bool(session["kernel"].get("execution_state") == "idle")
    return False


def _edit_lesson(clone: Path) -> tuple[Path, str]:
    """The student writes a note into lesson 1 and saves it (as Lab would, to disk)."""
    lesson = clone / "notebooks" / "01_one_issue.ipynb"
    notebook = json.loads(lesson.read_text(encoding="utf-8"))
    note = "My note: the zone is where both nations gain."
    notebook["cells"].append(
        {"cell_type": "markdown", "id": "student-note", "metadata": {}, "source": note}
    )
    lesson.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return lesson, note


def test_two_students_get_the_kit_from_the_readme_link(
    hub: Hub, repository: Repository, browser: Browser, artifacts: Path
) -> None:
    link = filled_in(hub.url, repository)
    _, folder = readme_link()
    for name in STUDENTS:
        step = harness.Step(f"JupyterHub, student {name}")
        context = browser.new_context(viewport=harness.VIEWPORT)  # type: ignore[arg-type]
        page = context.new_page()
        try:
            step("log in")
            _log_in(page, hub, name)
            panel = _open_link(page, link, step)
            clone = hub.homes / name / folder
            assert (clone / "negotiation_kit" / "__init__.py").is_file(), (
                f"{step}: the kit is not in {name}'s home"
            )
            harness.run_all(page, panel, step)
            errors = harness.errors_shown(panel)
            assert not errors, f"{step}: cells show errors:\n" + "\n---\n".join(errors)
            harness.wait_for_explorers(panel, 1, step)
            harness.check_explorers(page, panel, 1, step, artifacts / f"hub-{name}")
            harness.screenshot(page, artifacts / f"hub-{name}.png")
            if name == STUDENTS[0]:
                step("edit a lesson, then the instructor pushes an update")
                lesson, note = _edit_lesson(clone)
                repository.push_update("CLASS-NEWS.md", "Lesson 2 is due on Friday.\n")
                step("click the link again")
                _open_link(page, link, step)
                assert (clone / "CLASS-NEWS.md").is_file(), (
                    f"{step}: the second click did not pull the instructor's update"
                )
                assert note in lesson.read_text(encoding="utf-8"), (
                    f"{step}: the second click lost the student's edit"
                )
        except Exception as error:
            harness.screenshot(page, artifacts / f"hub-{name}-failed.png")
            error.add_note(f"hub log:\n{hub.tail()}")
            raise
        finally:
            context.close()
