"""An automated accessibility audit (axe-core in Chromium) of every page of the lessons' site.

Each page of the website (``python -m negotiation_kit.site``) is opened from disk and
axe-core, injected by Playwright, audits it; a serious or critical violation fails the test (the
page is all the kit's). ``audit`` can also tell a page's own content from its frame
(``kit_scope``), for lessons rendered by Voila: that audit is not here yet, because the
explorers' figure (an ``ipywidgets.Image``) has no text alternative the kit can set without
breaking Voila 0.5's rendering (an ``Image.tooltip`` stops the view from being created), and
ipywidgets never names its sliders' handles. Every result is written to
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

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE = harness.ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
COUNTED = ("serious", "critical")
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
