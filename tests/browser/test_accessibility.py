"""An automated accessibility audit (axe-core in Chromium) of every lesson and every site page.

Each lesson is rendered by Voila as a class would see it in lecture, and each page of the
website (``python -m negotiation_kit.site``) is opened from disk; axe-core, injected by
Playwright, audits the page. A serious or critical violation in the kit's own content fails the
test: for a Voila page, anything inside a notebook cell (the lesson's text, its outputs, the
explorers' controls and figures); for a site page, everything (the page is all the kit's). What
belongs to Voila itself (its page frame) is recorded, not counted, and so is the one violation
that belongs to ipywidgets: the handle of its slider (a noUiSlider) has no accessible name of
its own, and the kit cannot reach it from Python. Every result is written to
``artifacts/browser/axe-<page>.json`` to read.

axe-core comes from npm (``.ci/run`` installs it into ``.ci/node``); outside CI the test skips
without it, saying how to install it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import harness
import pytest
from test_lab import explorers_built

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE = harness.ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
COUNTED = ("serious", "critical")
LESSONS = sorted((harness.ROOT / "notebooks").glob("*.ipynb"))
AUDIT = """async (kitScope) => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => {
            const element = document.querySelector(n.target[0]);
            const inKit = kitScope === null
                || Boolean(element && element.closest(kitScope));
            // ipywidgets draws a slider as a noUiSlider whose handle it never names: the
            // kit cannot reach that element from Python (its label sits beside it)
            const sliderHandle = v.id === 'aria-input-field-name'
                && Boolean(element && element.closest('.widget-slider .noUi-handle'));
            const owner = !inKit ? 'voila' : sliderHandle ? 'ipywidgets' : 'kit';
            return {target: n.target.join(' '), owner, html: n.html.slice(0, 200)};
        }),
    }));
}"""
KIT_IN_VOILA = ".jp-Cell, .jp-OutputArea, .jp-RenderedHTMLCommon, .widget-box"
"""What of a Voila page is the lesson's: its cells, their outputs and the explorers."""


def _axe() -> str:
    if not AXE.exists():
        hint = "install axe-core with `npm install --prefix .ci/node axe-core@4`"
        if harness.in_ci():
            pytest.fail(f"CI=true but the accessibility audit cannot run: {hint}", pytrace=False)
        pytest.skip(f"accessibility audit skipped: {hint}")
    return AXE.read_text(encoding="utf-8")


def audit(page: Page, scope: str | None, record: Path) -> list[str]:
    """Run axe on the page; record everything; return the counted violations of the kit."""
    page.add_script_tag(content=_axe())
    violations: list[dict[str, Any]] = page.evaluate(AUDIT, scope)
    record.write_text(json.dumps(violations, indent=1), encoding="utf-8")
    return [
        f"{v['impact']} {v['id']} ({v['help']}): {node['target']} {node['html']}"
        for v in violations
        if v["impact"] in COUNTED
        for node in v["nodes"]
        if node["owner"] == "kit"
    ]


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.stem)
def test_every_lesson_in_voila_passes_the_audit(
    path: Path, voila: harness.Server, page: Page, artifacts: Path
) -> None:
    _axe()
    step = harness.Step(f"accessibility, Voila, notebooks/{path.name}")
    step("open the lesson and wait for its explorers")
    page.goto(voila.link(f"voila/render/notebooks/{path.name}"), timeout=120_000)
    harness.wait_for_explorers(page.locator("body"), explorers_built(path), step, timeout=180)
    step("audit")
    counted = audit(page, KIT_IN_VOILA, artifacts / f"axe-voila-{path.stem}.json")
    assert not counted, f"{step}: serious or critical violations:\n" + "\n".join(counted)


@pytest.fixture(scope="module")
def site(temp: Path) -> Iterator[Path]:
    from negotiation_kit.site import build

    out = temp / "site"
    build(harness.ROOT, out, jobs=2, progress=lambda line: None)
    yield out


def test_every_site_page_passes_the_audit(site: Path, page: Page, artifacts: Path) -> None:
    _axe()
    failures = []
    for html in sorted(site.glob("*.html")):
        page.goto(html.as_uri(), timeout=60_000)
        counted = audit(page, None, artifacts / f"axe-site-{html.stem}.json")
        failures += [f"{html.name}: {line}" for line in counted]
    assert not failures, "serious or critical violations:\n" + "\n".join(failures)
