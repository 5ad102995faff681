"""Longer sequences of clicks in JupyterLab that once broke an explorer in the browser only.

In JupyterLab, ipykernel 7 handles widget messages on a subshell thread as well as on the
main thread. Lesson 07's SidePaymentsExplorer, after its factions were switched and the Reset
button pressed (whose reply the sliders echo back), drew two frames at once into one canvas:
the figure came back damaged and later slider moves changed the text but not the picture.
No scripted test from Python saw it; this one drives the same clicks in Chromium.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import harness
import numpy as np
import PIL.Image

from negotiation_kit.widgets import SidePaymentsExplorer

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

LESSON = "notebooks/07_side_payments.ipynb"
PRESSES = 3
"""Arrow-key presses per slider move."""
SAME = 0.002
"""Share of pixels that may differ between two pictures of the same scenario."""


def picture(explorer: Locator) -> np.ndarray:
    """The explorer's figure as the browser shows it (RGB, 0-255)."""
    shot = explorer.locator("img.widget-image").screenshot(timeout=15_000, animations="disabled")
    return np.asarray(PIL.Image.open(io.BytesIO(shot)).convert("RGB")).astype(np.int16)


def differing(one: np.ndarray, other: np.ndarray) -> float:
    """The share of pixels that differ visibly between two pictures of the same size."""
    assert one.shape == other.shape, f"pictures of sizes {one.shape} and {other.shape}"
    return float((np.abs(one - other).max(axis=2) > 40).mean())


def press(page: Page, explorer: Locator, slider: str, key: str) -> None:
    """Press ``key`` PRESSES times on the slider labelled ``slider``, then let it settle."""
    handle = explorer.locator(".widget-slider").filter(has_text=slider).locator(".noUi-handle")
    handle.focus()
    for _ in range(PRESSES):
        page.keyboard.press(key)
        page.wait_for_timeout(60)
    harness.settle(page, explorer)


def test_side_payments_after_switching_factions_and_reset(
    lab: harness.Server, page: Page, artifacts: Path
) -> None:
    controls = SidePaymentsExplorer().controls
    setup, hawk = controls["setup"], controls["hawk_reservation"]
    sliders = [hawk.description, controls["efficiency"].description]
    step = harness.Step(f"JupyterLab, {LESSON}, factions switched then Reset")
    shots = artifacts / "lab-07-reset"
    try:
        panel = harness.open_in_lab(page, lab, LESSON, step)
        harness.run_all(page, panel, step)
        harness.mark_explorers(panel)
        explorer = panel.locator("[data-nk-explorer]").filter(
            has=page.locator(".widget-dropdown").filter(has_text=setup.description)
        )
        assert explorer.count() == 1, f"{step}: {explorer.count()} side-payment explorers"
        explorer.scroll_into_view_if_needed()
        harness.settle(page, explorer)
        start = picture(explorer)
        menu = explorer.locator(".widget-dropdown").filter(has_text=setup.description)
        for round_ in range(2):
            for label, value in setup.options[1:]:
                step(f"round {round_ + 1}: factions {value!r}, then move {sliders}")
                menu.locator("select").select_option(label=label)
                harness.settle(page, explorer)
                for slider in sliders:
                    press(page, explorer, slider, "ArrowRight")
            step(f"round {round_ + 1}: press Reset")
            explorer.locator('button:has-text("Reset")').click()
            harness.settle(page, explorer)
            explorer.screenshot(path=f"{shots}-{round_ + 1}.png")
            reset = picture(explorer)
            share = differing(reset, start)
            assert share <= SAME, f"{step}: after Reset {share:.1%} of the figure is not the start"
            step(f"round {round_ + 1}: move {hawk.description!r} after Reset")
            press(page, explorer, hawk.description, "ArrowLeft")
            moved = picture(explorer)
            share = differing(moved, reset)
            assert share > SAME, f"{step}: the figure did not follow the slider ({share:.2%} moved)"
            press(page, explorer, hawk.description, "ArrowRight")
            back = picture(explorer)
            share = differing(back, reset)
            assert share <= SAME, f"{step}: moved back, {share:.1%} of the figure did not return"
        step("look for errors")
        errors = harness.errors_shown(panel)
        assert not errors, f"{step}: the page shows errors:\n" + "\n---\n".join(errors)
    except Exception as error:
        shot = artifacts / "lab-07-reset-failed.png"
        harness.screenshot(page, shot)
        error.add_note(f"screenshot of the failure: {shot}")
        raise
    finally:
        lab.shutdown_kernels()
