"""Screenshots of explorers in JupyterLab's light and dark themes, in colour and greyscale.

Issue 18 asks that the kit be readable in JupyterLab's dark theme and in greyscale. This is
not a test: it makes pictures to look at (style.md: "a figure nobody looked at is not done").
In JupyterLab in Debian's Chromium (the harness of ``tests/browser/``: its own server on
127.0.0.1, state in a temporary folder) it opens scratch notebooks that each build one
explorer, a one-issue ``BargainExplorer`` (lesson 1) and a two-issue ``TwoIssueExplorer``
(lesson 6), plus a lesson-1 exercise check showing ✓, ✗ and "not answered yet" and the
error message an explorer shows when a callback fails. For each
theme it runs them and saves, per notebook, a screenshot of the output in colour and one with
the page turned grey (CSS ``filter: grayscale(1)`` on the whole page, as a greyscale display
or a black-and-white printout shows it)::

    artifacts/themes/<light|dark>-<one-issue|two-issues|checks|error>-<colour|grey>.png

Run it with::

    .venv/bin/python benchmarks/screenshot_themes.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "browser"))

import harness  # noqa: E402  (tests/browser/harness.py)

OUT = HERE.parent / "artifacts" / "themes"
THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}
NOTEBOOKS = {
    "one-issue": "from negotiation_kit.widgets import BargainExplorer\n\nBargainExplorer()",
    "two-issues": "from negotiation_kit.widgets import TwoIssueExplorer\n\nTwoIssueExplorer()",
    "checks": (
        "from negotiation_kit.exercises import check\n\n"
        "for answer in [(0.35, 0.75), (0.9, 0.1), ...]:\n"
        "    display(check('01.1', answer))"
    ),
    "error": (  # what an explorer shows under its figure when a callback fails
        "from IPython.display import HTML\n"
        "from negotiation_kit.widgets._layout import alert\n\n"
        "HTML(alert('Borealia\\'s reservation must be a number from 0 to 1, got 1.5', 600))"
    ),
}
"""What each scratch notebook shows (its one cell)."""
THEME_SETTINGS = "@jupyterlab/apputils-extension/themes"


def scratch(folder: Path, name: str, code: str) -> str:
    """A notebook ``name``.ipynb in ``folder`` holding one cell of ``code``; its file name."""
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"
    }  # fmt: skip
    nbformat.write(notebook, folder / f"{name}.ipynb")
    return f"{name}.ipynb"


def use_theme(state: Path, theme: str) -> None:
    """Make ``theme`` JupyterLab's theme for pages opened from now on (a user setting)."""
    settings = state / "jupyter_config_dir" / "lab" / "user-settings"
    path = settings / f"{THEME_SETTINGS}.jupyterlab-settings"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"theme": theme}), encoding="utf-8")


def shoot(page: Any, lab: harness.Server, name: str, theme: str) -> list[Path]:
    """Open and run notebook ``name``; save its output in colour and in grey."""
    step = harness.Step(f"{theme}, {name}")
    panel = harness.open_in_lab(page, lab, name, step)
    harness.run_all(page, panel, step, timeout=240)
    output = panel.locator(".jp-OutputArea").first
    if "Explorer(" in NOTEBOOKS[name.removesuffix(".ipynb")]:
        harness.wait_for_explorers(panel, 1, step)
        harness.settle(page, panel.locator(harness.EXPLORER).first)
    page.wait_for_timeout(500)
    stem = f"{theme}-{name.removesuffix('.ipynb')}"
    shots = [OUT / f"{stem}-colour.png", OUT / f"{stem}-grey.png"]
    output.screenshot(path=shots[0], animations="disabled")
    page.evaluate("() => { document.documentElement.style.filter = 'grayscale(1)'; }")
    output.screenshot(path=shots[1], animations="disabled")
    lab.shutdown_kernels()
    return shots


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nk-themes-") as folder:
        root, state = Path(folder) / "served", Path(folder) / "lab-state"
        root.mkdir()
        names = [scratch(root, name, code) for name, code in NOTEBOOKS.items()]
        lab = harness.start_lab(root, state)
        try:
            with sync_playwright() as playwright:
                browser = harness.launch(playwright)
                try:
                    for theme, setting in THEMES.items():
                        use_theme(state, setting)
                        for name in names:
                            viewport: Any = harness.VIEWPORT
                            context = browser.new_context(viewport=viewport)
                            try:
                                for shot in shoot(context.new_page(), lab, name, theme):
                                    print(shot)
                            finally:
                                context.close()
                finally:
                    browser.close()
        finally:
            lab.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
