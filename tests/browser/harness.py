"""Drive the kit the way a student does: JupyterLab or Voila in Debian's Chromium.

Shared by the browser tests (``tests/browser/``) and ``benchmarks/bench_browser.py``. It
starts a Jupyter server (JupyterLab or Voila) from this Python environment on 127.0.0.1, on a
free port, with a token and all Jupyter state in a temporary folder; it launches the system
Chromium (``/usr/bin/chromium``, never a browser downloaded by ``playwright install``); and it
knows the page: where a notebook's cells, outputs and explorers are, how to run all cells and
how to move a slider with the keyboard.

An explorer in the page is an ``ipywidgets.HBox``: a column of controls (each slider a
noUiSlider with a ``.noUi-handle``) beside a column with the figure (an ``<img>`` of class
``widget-image``), an error area (``role="alert"``, empty while all is well) and the text of
``describe()`` (``role="status"``). See ``negotiation_kit/widgets/_layout.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page, Playwright

ROOT = Path(__file__).resolve().parents[2]
"""The repository."""
CHROMIUM = Path(os.environ.get("NK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = (
    "install Chromium from Debian with `apt-get update && apt-get install -y chromium` "
    "(never `playwright install`) and Playwright with "
    "`.venv/bin/pip install -r requirements-dev.txt`"
)
VIEWPORT = {"width": 1400, "height": 1000}
LAB_SETTINGS = {
    # never write into a notebook (the tests open copies anyway), no news, no update checks
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # every cell in the DOM, so every output and every explorer can be found
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}
ERROR_OUTPUTS = (
    '[data-mime-type="application/vnd.jupyter.error"], '
    '[data-mime-type="application/vnd.jupyter.stderr"]'
)
EXPLORER = "[data-nk-explorer]"
"""Explorers found by ``mark_explorers`` carry this attribute (their index in the page)."""


def in_ci() -> bool:
    """Whether we run in CI (``CI`` set to anything but empty, 0, false or no)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    reasons = []
    if not CHROMIUM.exists():
        reasons.append(f"no Chromium at {CHROMIUM}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reasons.append("the playwright package is not installed")
    return f"{' and '.join(reasons)}: {INSTALL_HINT}" if reasons else None


# -- servers -------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def jupyter_env(state: Path) -> dict[str, str]:
    """The environment of a server keeping Jupyter, IPython and matplotlib state in ``state``."""
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        env[name] = str(state / name.lower())
    env["MPLCONFIGDIR"] = str(state / "mplconfigdir")
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env.pop("JUPYTER_TOKEN", None)
    settings = state / "jupyter_config_dir" / "lab" / "user-settings"
    for plugin, values in LAB_SETTINGS.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    return env


def copy_notebooks(source: Path, root: Path) -> Path:
    """Copy the folder ``source`` into ``root`` (a temporary folder); return the copy."""
    copy = root / source.name
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return copy


@dataclass
class Server:
    """A Jupyter server (JupyterLab or Voila) started by this process."""

    name: str
    process: subprocess.Popen[bytes]
    url: str
    token: str
    log: Path

    def link(self, path: str, **query: str) -> str:
        """The URL of ``path`` on this server, with the token."""
        params = "&".join(
            [*(f"{k}={v}" if v else k for k, v in query.items()), f"token={self.token}"]
        )
        return f"{self.url}/{path}?{params}"

    def get(self, path: str, method: str = "GET") -> bytes:
        """The body of ``path`` (token in the header, so no XSRF cookie is needed)."""
        request = urllib.request.Request(
            f"{self.url}/{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=15) as response:
            return bytes(response.read())

    def api(self, method: str, path: str) -> Any:
        """Call the REST API and decode its JSON answer."""
        body = self.get(path, method)
        return json.loads(body) if body else None

    def tail(self, lines: int = 30) -> str:
        """The end of the server's log, for failure messages."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def shutdown_kernels(self) -> None:
        """Stop every kernel of this JupyterLab server (its sessions), ignoring errors."""
        with contextlib.suppress(OSError, ValueError):
            for session in self.api("GET", "api/sessions"):
                with contextlib.suppress(OSError):
                    self.api("DELETE", f"api/sessions/{session['id']}")

    def stop(self) -> None:
        """Terminate the server (and so its kernels); kill it if it does not stop in 15 s."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def start(name: str, command: list[str], state: Path, port: int, token: str, ready: str) -> Server:
    """Start ``command``, wait (up to 120 s) until GET ``ready`` answers, return the server."""
    state.mkdir(parents=True, exist_ok=True)
    log = state / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=jupyter_env(state), stdout=out, stderr=subprocess.STDOUT, cwd=state
        )
    server = Server(name, process, f"http://127.0.0.1:{port}", token, log)
    deadline = time.monotonic() + 120
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}:\n{server.tail()}")
            try:
                server.get(ready)
                return server
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"{name} did not answer on {server.url} within 120 s:\n{server.tail()}"
                    ) from None
                time.sleep(0.5)
    except BaseException:
        server.stop()
        raise


def start_lab(root: Path, state: Path) -> Server:
    """JupyterLab from this environment, serving ``root``; stop it with ``server.stop()``."""
    port, token = free_port(), secrets.token_hex(16)
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=", "--ServerApp.open_browser=False",
    ]  # fmt: skip
    return start("jupyterlab", command, state, port, token, "api/status")


def start_voila(root: Path, state: Path) -> Server:
    """Voila from this environment, serving the notebooks under ``root`` as apps.

    Each page load starts a kernel that closing the page does not stop, so idle kernels are
    culled; after 120 s, not sooner: Voila runs the lesson before the page's widgets connect
    to its kernel, and on a loaded machine that gap can pass 20 s (a culled kernel leaves the
    page without its explorers).
    """
    port, token = free_port(), secrets.token_hex(16)
    command = [
        sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
        f"--Voila.token={token}", "--show_tracebacks=True",
        "--MappingKernelManager.cull_interval=10", "--MappingKernelManager.cull_idle_timeout=120",
        str(root),
    ]  # fmt: skip
    return start("voila", command, state, port, token, "voila/tree")


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, kept off the (closed) internet."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


# -- JupyterLab ------------------------------------------------------------------------------


class Step:
    """Names the step a test is at, so a timeout says which notebook and which step failed."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.now = "starting"

    def __call__(self, now: str) -> Step:
        self.now = now
        return self

    def __str__(self) -> str:
        return f"{self.where}, step '{self.now}'"


def open_in_lab(page: Page, server: Server, path: str, step: Step) -> Locator:
    """Open ``path`` in a fresh workspace; return the visible notebook panel once idle."""
    step("open the notebook in a fresh workspace")
    workspace = f"nk-{uuid.uuid4().hex[:12]}"
    page.goto(server.link(f"lab/workspaces/{workspace}/tree/{path}", reset=""), timeout=60_000)
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    panel.wait_for(timeout=60_000)
    step("wait for the kernel to be started and idle")
    accept = page.locator(".jp-Dialog .jp-mod-accept")
    idle = panel.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]')
    deadline = time.monotonic() + 90
    while not (idle.count() and kernel_state(server, path) == "idle"):
        if accept.count():  # a kernel dialog: only if the notebook names no known kernel
            accept.first.click()
        if time.monotonic() > deadline:
            raise AssertionError(f"{step}: the kernel was not idle within 90 s")
        page.wait_for_timeout(250)
    return panel


def kernel_state(server: Server, path: str) -> str | None:
    """The execution state of the kernel of the session of ``path``, if there is one."""
    try:
        sessions = server.api("GET", "api/sessions")
    except (OSError, ValueError):
        return None
    for session in sessions:
        if session.get("path") == path and session.get("kernel"):
            return str(session["kernel"].get("execution_state"))
    return None


def wait_until(page: Page, script: str, arg: Any, seconds: float, step: Step, what: str) -> None:
    """Wait until ``script(arg)`` is true in the page; else fail saying where and what."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(script, arg=arg, timeout=seconds * 1000, polling=50)
    except PlaywrightTimeout:
        raise AssertionError(f"{step}: {what} within {seconds:g} s") from None


def run_all(page: Page, panel: Locator, step: Step, timeout: float = 240) -> None:
    """Run > Run All Cells, then wait until every code cell has run and the kernel is idle.

    A cell whose code is collapsed (``metadata.jupyter.source_hidden``, as the lessons' checks
    are) shows a placeholder with an empty prompt instead of its input area, so only the
    prompts of input areas on screen are read.
    """
    step("Run > Run All Cells")
    page.locator('.lm-MenuBar-itemLabel:text-is("Run")').click(timeout=30_000)
    page.locator('.lm-Menu-itemLabel:text-is("Run All Cells")').click(timeout=30_000)
    step("wait for every cell to finish")
    script = """panel => {
        const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea .jp-InputPrompt')]
            .filter(p => p.offsetParent !== null);
        const idle = panel.querySelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]');
        return idle && prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
    }"""
    handle = panel.element_handle(timeout=10_000)
    wait_until(page, script, handle, timeout, step, "not every code cell had run")


def errors_shown(scope: Locator) -> list[str]:
    """The text of every error or stderr output, and of every widget that failed to show."""
    shown = [text[:2000] for text in scope.locator(ERROR_OUTPUTS).all_inner_texts()]
    text = scope.inner_text()
    shown += [f"'{bad}' in the page" for bad in ("Error displaying widget",) if bad in text]
    return shown


# -- explorers -----------------------------------------------------------------------------


def mark_explorers(scope: Locator) -> int:
    """Mark every explorer in ``scope`` with ``data-nk-explorer``; return how many."""
    return int(
        scope.evaluate(
            """root => {
                let n = 0;
                for (const img of root.querySelectorAll('img.widget-image')) {
                    const box = img.closest('.widget-hbox');
                    if (box && box.querySelector('[role="status"]')) {
                        box.setAttribute('data-nk-explorer', String(n++));
                    }
                }
                return n;
            }"""
        )
    )


@dataclass(frozen=True)
class Look:
    """What an explorer shows at one moment."""

    src: str
    status: str
    value: str
    pixels: str

    def __str__(self) -> str:
        return f"slider at {self.value}; {self.status!r}"


def look(explorer: Locator) -> Look:
    """The figure (its ``src`` and a hash of its pixels), the description and the slider value."""
    import hashlib

    image = explorer.locator("img.widget-image")
    pixels = hashlib.sha256(image.screenshot(timeout=15_000, animations="disabled")).hexdigest()
    return Look(
        src=image.get_attribute("src") or "",
        status=explorer.locator('[role="status"]').inner_text(),
        value=explorer.locator(".widget-slider .widget-readout").first.inner_text(),
        pixels=pixels,
    )


def check_rendered(explorer: Locator, where: str) -> None:
    """Assert the explorer shows its controls, a loaded figure, a description and no error.

    The description is also the figure's text alternative (the image's title), and every
    slider handle has a name (``aria-label``), which screen readers hear once (``named_once``).
    """
    assert explorer.locator(".widget-slider .noUi-handle").count() >= 1, f"{where}: no slider"
    assert explorer.locator('button:has-text("Reset")').count() == 1, f"{where}: no Reset"
    size = explorer.locator("img.widget-image").evaluate(
        "img => img.complete ? [img.naturalWidth, img.naturalHeight] : [0, 0]"
    )
    assert min(size) > 50, f"{where}: the figure did not load (natural size {size})"
    status = " ".join(explorer.locator('[role="status"]').inner_text().split())
    assert status, f"{where}: no description"
    alt = " ".join((explorer.locator("img.widget-image").get_attribute("title") or "").split())
    assert alt == status, f"{where}: the figure's text alternative is {alt!r}, not {status!r}"
    unnamed = explorer.locator('[role="slider"]:not([aria-label])')
    assert not unnamed.count(), f"{where}: {unnamed.count()} slider handle(s) without a name"
    for problem in named_once(explorer):
        raise AssertionError(f"{where}: {problem}")
    alert = explorer.locator('[role="alert"]')
    assert not alert.count(), f"{where}: the explorer shows an error: {alert.all_inner_texts()}"


NAMED = ".widget-vbox:has(> .widget-slider), .widget-vbox:has(> .widget-dropdown)"
"""A slider or a menu under its label (``negotiation_kit.widgets._controls.labelled``)."""


def accessible(snapshot: str) -> list[tuple[str, str]]:
    """(role, name) of each node of a Playwright ARIA snapshot; text nodes are ("text", text).

    The snapshot is YAML, one ``- role "name"`` or ``- text: words`` a line; a line with a
    character YAML treats specially is quoted as a whole (``- 'slider "a: b"'``).
    """
    nodes = []
    for line in snapshot.splitlines():
        item = line.strip().removeprefix("- ").removesuffix(":")
        if item.startswith("'") and item.endswith("'"):
            item = item[1:-1].replace("''", "'")
        role, _, rest = item.partition(" ")
        if role == "text:":
            rest = json.loads(rest) if rest.startswith('"') else rest
            nodes.append(("text", str(rest)))
            continue
        name = re.match(r'"((?:[^"\\]|\\.)*)"', rest)
        nodes.append((role, json.loads(f'"{name.group(1)}"') if name else ""))
    return nodes


FACTS = """(root, selector) => [...root.querySelectorAll(selector)].map(box => ({
    label: box.querySelector('.widget-html-content').innerText,
    readout: (box.querySelector('.widget-readout') || {innerText: ''}).innerText.trim(),
    values: [...box.querySelectorAll('[role=slider]')].map(h => h.getAttribute('aria-valuetext')),
}))"""
"""Each labelled control's label, readout and handles' values as read out, in one call."""


def named_once(explorer: Locator) -> list[str]:
    """What is wrong with how screen readers hear the explorer's slider and menu names.

    Each slider handle and each menu must have one accessible name, its description (the
    label shown above it), and nothing else in its box may say that description again (the
    label above it, or ipywidgets' own label, read as text before the control); a slider's
    value is read as its readout shows it. Chromium's accessibility tree, as Playwright's
    ARIA snapshot shows it, is what a screen reader reads.
    """
    problems = []
    facts = explorer.evaluate(FACTS, NAMED)
    for box, fact in zip(explorer.locator(NAMED).all(), facts, strict=True):
        label = " ".join(fact["label"].split())
        nodes = accessible(box.aria_snapshot())
        named = [(role, name) for role, name in nodes if role in ("slider", "combobox")]
        if [name for _, name in named] != [label]:
            problems.append(f"the control under {label!r} is named {named}, not once by its label")
        said = [name for role, name in nodes if role == "text" and label in name]
        if said:
            problems.append(f"{label!r} is read again as text beside its control: {said}")
        shown = fact["readout"]
        wrong = [value for value in fact["values"] if value != shown]
        if wrong:
            problems.append(f"{label!r} reads its value as {wrong}, not as shown: {shown!r}")
    return problems


def settle(page: Page, explorer: Locator, quiet: float = 0.7, timeout: float = 30) -> None:
    """Wait until the explorer's figure has not changed for ``quiet`` seconds."""
    image = explorer.locator("img.widget-image")
    deadline = time.monotonic() + timeout
    last, since = image.get_attribute("src"), time.monotonic()
    while time.monotonic() - since < quiet:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the figure kept changing for {timeout} s")
        page.wait_for_timeout(100)
        now = image.get_attribute("src")
        if now != last:
            last, since = now, time.monotonic()


def press_first_slider(page: Page, explorer: Locator) -> str:
    """Focus the explorer's first slider and press the arrow key that has room; return it."""
    handle = explorer.locator(".widget-slider .noUi-handle").first
    readout = explorer.locator(".widget-slider .widget-readout").first.inner_text()
    now = float(readout.replace("\u2212", "-"))  # the readout writes minus as U+2212
    top = float(handle.get_attribute("aria-valuemax") or 0)
    key = "ArrowRight" if now < top else "ArrowLeft"
    handle.focus()
    page.keyboard.press(key)
    return key


def move_first_slider(page: Page, explorer: Locator, step: Step, timeout: float = 20) -> str:
    """Press an arrow key on the first slider; assert the figure and the description changed."""
    step("look at the explorer before the key press")
    settle(page, explorer)
    before = look(explorer)
    step("press an arrow key on the first slider")
    key = press_first_slider(page, explorer)
    step(f"wait for a new figure and description after {key}")
    script = """([box, src, status]) =>
        box.querySelector('img.widget-image').getAttribute('src') !== src
        && box.querySelector('[role="status"]').innerText !== status"""
    try:
        wait_until(page, script, [explorer.element_handle(), before.src, before.status],
                   timeout, step, "no new figure and description")  # fmt: skip
    except AssertionError as error:
        now = look(explorer)
        raise AssertionError(
            f"{error}: the figure {'changed' if now.src != before.src else 'did not change'}, "
            f"the description {'changed' if now.status != before.status else 'did not change'}"
            f"\nbefore: {before}\nafter:  {now}"
        ) from None
    settle(page, explorer)
    after = look(explorer)
    assert after.value != before.value, f"{step}: the slider did not move ({before.value})"
    assert after.pixels != before.pixels, f"{step}: a new image, but the same pixels"
    assert after.status != before.status, f"{step}: the description did not change"
    return key


def wait_for_explorers(scope: Locator, count: int, step: Step, timeout: float = 120) -> int:
    """Wait until ``count`` explorers are in ``scope`` with their figures loaded; mark them."""
    step(f"wait for {count} explorer(s) to render")
    deadline = time.monotonic() + timeout
    found = mark_explorers(scope)
    while found < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{step}: {found} of {count} explorers rendered in {timeout} s")
        time.sleep(0.25)
        found = mark_explorers(scope)
    return found


def check_explorers(page: Page, scope: Locator, count: int, step: Step, shots: Path | None) -> None:
    """Check every explorer in ``scope`` and move its first slider; report all that fail.

    ``shots``: where to save each explorer after its key press (``<shots>-<n>.png``).
    """
    failures = []
    for index in range(count):
        explorer = scope.locator(f'[data-nk-explorer="{index}"]')
        where = f"{step.where}, explorer {index + 1} of {count}"
        step(f"check explorer {index + 1}")
        try:
            explorer.scroll_into_view_if_needed(timeout=10_000)
            check_rendered(explorer, where)
            move_first_slider(page, explorer, Step(where))
            check_rendered(explorer, f"{where}, after the key press")
        except AssertionError as error:
            failures.append(str(error))
        if shots is not None:
            with contextlib.suppress(Exception):
                explorer.screenshot(path=f"{shots}-{index + 1}.png", timeout=15_000)
    assert not failures, "\n\n".join(failures)


def screenshot(page: Page, path: Path) -> None:
    """A screenshot of the whole document; never fails a test (it is there to look at).

    JupyterLab (and Voila's lab template) scroll the notebook inside an element, not the
    page: the page is made as tall as that element's content for the screenshot, then
    restored.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    with contextlib.suppress(Exception):
        height = page.evaluate(FIND_SCROLLER)
        if height and size:
            page.set_viewport_size({"width": size["width"], "height": min(height + 300, 16_000)})
            page.wait_for_timeout(500)
            page.evaluate("() => { document.querySelector('[data-nk-scroller]').scrollTop = 0; }")
            page.wait_for_timeout(300)
        page.screenshot(path=str(path), full_page=True, timeout=30_000)
    if size:
        with contextlib.suppress(Exception):
            page.set_viewport_size(size)


FIND_SCROLLER = """() => {
    let best = null;
    for (const el of document.querySelectorAll('[data-nk-scroller]')) {
        el.removeAttribute('data-nk-scroller');
    }
    for (const el of document.querySelectorAll('*')) {
        const overflow = getComputedStyle(el).overflowY;
        if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight + 10
            && (!best || el.scrollHeight > best.scrollHeight)) {
            best = el;
        }
    }
    if (!best) return 0;
    best.setAttribute('data-nk-scroller', '');
    return best.scrollHeight;
}"""
"""Marks the element that scrolls the most content (``data-nk-scroller``); its height."""


# -- figure text on screen ---------------------------------------------------------------------

SMALLEST_TEXT = 9.0
"""The least size, in screen pixels, of any text in an explorer's figure (issue 18)."""
EXPLORER_CLASS = re.compile(r"\b([A-Z]\w*Explorer)\(")


def explorer_classes(path: Path) -> list[str]:
    """The explorer classes a notebook's code builds, in page order."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    return list(EXPLORER_CLASS.findall(code))


def smallest_text_px(class_name: str) -> float:
    """The smallest text of an explorer's figure, in pixels of its PNG (at its natural size).

    Built here with the class's defaults: the styles, not the scenario, set the sizes.
    """
    from matplotlib.text import Text

    import negotiation_kit.widgets as nkw

    figure = getattr(nkw, class_name)().figure
    sizes = [
        text.get_fontsize()
        for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip()
    ]
    return float(min(sizes)) * figure.dpi / 72


def figure_text_on_screen(scope: Locator, path: Path) -> list[tuple[str, float, str]]:
    """Each explorer's smallest figure text as shown: (class, pixels, "shown W of natural N").

    ``scope`` shows the notebook ``path``, whose code names the explorers in page order. A
    figure is shown at (displayed width / natural width) of its PNG, and so is its text.
    """
    classes = explorer_classes(path)
    widths = scope.evaluate(
        """root => [...root.querySelectorAll('[data-nk-explorer] img.widget-image')]
            .map(img => [img.getBoundingClientRect().width, img.naturalWidth])"""
    )
    assert len(widths) == len(classes), f"{len(widths)} figures on screen, expected {classes}"
    return [
        (name, smallest_text_px(name) * shown / natural, f"shown {shown:.0f} of {natural} px")
        for name, (shown, natural) in zip(classes, widths, strict=True)
    ]


def code_lines(path: Path) -> list[str]:
    """Distinctive lines of a notebook's code (imports, assignments): none may show in Voila."""
    notebook = nbformat.read(path, as_version=4)
    lines = [
        line.strip()
        for cell in notebook.cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
    ]
    return [line for line in lines if line.startswith(("import ", "from ")) or " = " in line]
