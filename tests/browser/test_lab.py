"""Every notebook, the way a student uses it: JupyterLab in Chromium, run all, move a slider.

For each notebook in ``notebooks/`` (a copy, served by the session's JupyterLab): open it in a
fresh workspace, Run All Cells, and assert that no cell shows an error, that every explorer
the notebook builds rendered its controls, its figure and its description, and that pressing
an arrow key on each explorer's first slider changes both the figure (a new image, other
pixels) and the ``describe()`` text under it. Screenshots of every notebook go to
``artifacts/browser/``: ``lab-<notebook>.png`` (the whole notebook after Run All),
``lab-<notebook>-moved.png`` (after the key presses), ``lab-<notebook>-moved-<n>.png``
(explorer n after its key press) and, when a test fails, ``lab-<notebook>-failed.png``.
``NK_RUN_TIMEOUT`` (seconds, default 240) bounds Run All Cells for one notebook.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import harness
import nbformat
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

NOTEBOOKS = sorted((harness.ROOT / "notebooks").glob("*.ipynb"))
BUILDS_AN_EXPLORER = re.compile(r"\b[A-Z]\w*Explorer\(")


NARROW = {"width": 900, "height": 1000}
"""A student's laptop window: 900 pixels wide, the file browser open beside the notebook."""


def explorers_built(path: Path) -> int:
    """How many explorers the notebook's code builds (each is expected on screen)."""
    notebook = nbformat.read(path, as_version=4)
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    return sum(len(BUILDS_AN_EXPLORER.findall(source)) for source in code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_in_jupyterlab(
    path: Path, lab: harness.Server, page: Page, artifacts: Path
) -> None:
    step = harness.Step(f"JupyterLab, notebooks/{path.name}")
    expected = explorers_built(path)
    for old in artifacts.glob(f"lab-{path.stem}*.png"):  # never look at an earlier run's
        old.unlink()
    try:
        panel = harness.open_in_lab(page, lab, f"notebooks/{path.name}", step)
        harness.run_all(page, panel, step, timeout=float(os.environ.get("NK_RUN_TIMEOUT", 240)))
        harness.screenshot(page, artifacts / f"lab-{path.stem}.png")
        step("look for errors")
        errors = harness.errors_shown(panel)
        assert not errors, f"{step}: cells show errors:\n" + "\n---\n".join(errors)
        found = harness.wait_for_explorers(panel, expected, step)
        assert found == expected, f"{step}: {found} explorers on screen, the code builds {expected}"
        harness.check_explorers(page, panel, found, step, artifacts / f"lab-{path.stem}-moved")
        step("look for errors after the key presses")
        errors = harness.errors_shown(panel)
        assert not errors, f"{step}: the page shows errors:\n" + "\n---\n".join(errors)
        harness.screenshot(page, artifacts / f"lab-{path.stem}-moved.png")
        step("measure the figures' text in a 900-pixel window with the file browser open")
        page.set_viewport_size(NARROW)
        if not page.locator("#filebrowser").is_visible():
            page.locator('.jp-SideBar [data-id="filebrowser"]').click()
        page.wait_for_timeout(1000)
        shown = harness.figure_text_on_screen(panel, path)
        print(*(f"{path.stem}: {name} text {px:.1f} px ({how})" for name, px, how in shown))
        harness.screenshot(page, artifacts / f"lab-{path.stem}-900.png")
        page.set_viewport_size(harness.VIEWPORT)  # type: ignore[arg-type]
        small = [f"{name}: {px:.1f} px ({how})" for name, px, how in shown if px < 9]
        assert not small, f"{step}: figure text under 9 px on screen: {small}"
    except Exception as error:
        shot = artifacts / f"lab-{path.stem}-failed.png"
        harness.screenshot(page, shot)
        error.add_note(f"screenshot of the failure: {shot}")
        raise
    finally:
        lab.shutdown_kernels()
