"""Lessons as apps in lecture: Voila in Chromium, code hidden, explorers live.

Voila (the session's server, serving a copy of ``notebooks/``) runs the lesson itself. The page
must show no code and no error, every explorer the lesson builds must render its controls, its
figure and its description, and an arrow key on each explorer's first slider must change the
figure and the ``describe()`` text. Screenshots: ``artifacts/browser/voila-<lesson>.png`` and
``voila-<lesson>-moved.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest
from test_lab import explorers_built

if TYPE_CHECKING:
    from playwright.sync_api import Page

LESSONS = ["01_one_issue.ipynb", "03_tied_hands.ipynb"]
"""Lessons presented with Voila in these tests (at least two, issue 6)."""


@pytest.mark.parametrize("name", LESSONS, ids=lambda name: name.removesuffix(".ipynb"))
def test_lesson_in_voila(name: str, voila: harness.Server, page: Page, artifacts: Path) -> None:
    path = harness.ROOT / "notebooks" / name
    stem = path.stem
    step = harness.Step(f"Voila, notebooks/{name}")
    expected = explorers_built(path)
    body = page.locator("body")
    for old in artifacts.glob(f"voila-{stem}*.png"):  # never look at an earlier run's
        old.unlink()
    try:
        step("open the lesson")
        page.goto(voila.link(f"voila/render/notebooks/{name}"), timeout=120_000)
        harness.wait_for_explorers(body, expected, step, timeout=180)
        step("wait for Voila to finish running the lesson")
        harness.wait_until(
            page,
            "() => !document.querySelector('#loading, .voila-spinner')"
            " || getComputedStyle(document.querySelector('#loading, .voila-spinner')).display"
            " === 'none'",
            None,
            120,
            step,
            "Voila was still executing",
        )
        harness.screenshot(page, artifacts / f"voila-{stem}.png")
        step("look for errors and code")
        errors = harness.errors_shown(body)
        assert not errors, f"{step}: the page shows errors:\n" + "\n---\n".join(errors)
        text = body.inner_text()
        shown = [line for line in harness.code_lines(path) if line in text]
        assert not shown, f"{step}: Voila shows code (lecture mode hides it): {shown[:3]}"
        assert "There was an error" not in text, f"{step}: Voila reports an error"
        found = harness.mark_explorers(body)
        assert found == expected, f"{step}: {found} explorers on screen, the code builds {expected}"
        harness.check_explorers(page, body, found, step, None)
        step("look for errors after the key presses")
        errors = harness.errors_shown(body)
        assert not errors, f"{step}: the page shows errors:\n" + "\n---\n".join(errors)
        harness.screenshot(page, artifacts / f"voila-{stem}-moved.png")
    except Exception as error:
        shot = artifacts / f"voila-{stem}-failed.png"
        harness.screenshot(page, shot)
        error.add_note(f"screenshot of the failure: {shot}")
        raise
