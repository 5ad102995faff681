"""An automated accessibility audit (axe-core in Chromium): every site page, every lesson in Voila.

Each page of the website (``python -m negotiation_kit.site``) is opened from disk and audited
whole (the page is all the kit's). Each lesson is opened in Voila at 1024x768, like a student
on a laptop, once Voila has run it and every explorer it builds is on screen; a serious or
critical violation in the kit's own content fails the test, and so does any explorer whose
smallest figure text is shown under 9 px (``harness.figure_text_on_screen``: the smallest
font of its figure, in PNG pixels, times the image's displayed over natural width). Every
result is written to ``artifacts/browser/axe-<page>.json`` to read, and the violations that
are not the kit's are printed (``pytest -s`` shows them) but not counted.

**What is the kit's** (``owner``): a node inside a notebook cell (``.jp-Cell``: the lesson's
prose and what its code shows, explorers included), unless the rule judges the page as a
whole (``PAGE_RULES``: landmarks, the page's language, title and first heading), which Voila's
template writes. Everything outside the cells (Voila's page, its spinner, JupyterLab's theme)
is Voila's. Nothing inside a cell is excused: ipywidgets' unnamed slider handles were, until
the kit named them (``negotiation_kit.widgets._controls.NAME_HANDLES``).

axe-core comes from npm (``.ci/run`` installs it into ``.ci/node``); outside CI the test skips
without it, saying how to install it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import harness
import pytest
from test_lab import explorers_built

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

AXE = harness.ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
COUNTED = ("serious", "critical")
KIT = ".jp-Cell"
"""Where the kit's content is in a page that Voila writes: its notebook cells."""
PAGE_RULES = (
    "region", "landmark-one-main", "landmark-no-duplicate-main", "landmark-unique",
    "page-has-heading-one", "html-has-lang", "html-lang-valid", "document-title", "bypass",
    "meta-viewport",
)  # fmt: skip
"""axe rules about the page as a whole (its landmarks, language, title): Voila's template."""
LESSONS = sorted((harness.ROOT / "notebooks").glob("[0-9]*.ipynb"))
AT_ONCE = 3
"""Lessons Voila runs at the same time (each in its own kernel) while the others are audited."""
AUDIT = """async ([kitScope, pageRules]) => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => {
            const element = document.querySelector(n.target[0]);
            const inKit = kitScope === null || (!pageRules.includes(v.id)
                && Boolean(element && element.closest(kitScope)));
            return {target: n.target.join(' '), owner: inKit ? 'kit' : 'page',
                    html: n.html.slice(0, 200)};
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


def audit(page: Page, scope: str | None, record: Path) -> tuple[list[str], list[str]]:
    """Run axe on the page and record everything.

    Returns the kit's serious or critical violations (counted) and a summary of the
    violations that belong to the page around the kit (``scope`` None: the page is the kit's).
    """
    page.add_script_tag(content=_axe())
    violations: list[dict[str, Any]] = page.evaluate(AUDIT, [scope, list(PAGE_RULES)])
    record.write_text(json.dumps(violations, indent=1), encoding="utf-8")
    counted = [
        f"{v['impact']} {v['id']} ({v['help']}): {node['target']} {node['html']}"
        for v in violations
        if v["impact"] in COUNTED
        for node in v["nodes"]
        if node["owner"] == "kit"
    ]
    theirs = [
        f"{v['impact']} {v['id']} on {len(nodes)} node(s), e.g. {nodes[0]['target']}"
        for v in violations
        if (nodes := [node for node in v["nodes"] if node["owner"] == "page"])
    ]
    return counted, theirs


def test_every_site_page_passes_the_audit(built_site: Path, page: Page, artifacts: Path) -> None:
    """Every page of the site ``tests/test_site.py`` reads (built once for the run)."""
    _axe()
    failures = []
    for html in sorted(built_site.glob("*.html")):
        page.goto(html.as_uri(), timeout=60_000)
        counted, _ = audit(page, None, artifacts / f"axe-site-{html.stem}.json")
        failures += [f"{html.name}: {line}" for line in counted]
    assert not failures, "serious or critical violations:\n" + "\n".join(failures)


def _open_lesson(browser: Browser, voila: harness.Server, path: Path) -> Page:
    """A new 1024x768 page loading ``path`` in Voila (not waiting for it)."""
    page = browser.new_context(viewport={"width": 1024, "height": 768}).new_page()
    page.goto(voila.link(f"voila/render/notebooks/{path.name}"), wait_until="commit")
    return page


def _wait_until_run(page: Page, path: Path) -> None:
    """Wait until Voila has run the lesson and every explorer it builds is on screen."""
    step = harness.Step(f"Voila, notebooks/{path.name}")
    body = page.locator("body")
    page.wait_for_load_state("load", timeout=240_000)
    harness.wait_for_explorers(body, explorers_built(path), step, timeout=240)
    harness.wait_until(
        page,
        "() => !document.querySelector('#loading, .voila-spinner')"
        " || getComputedStyle(document.querySelector('#loading, .voila-spinner')).display"
        " === 'none'",
        None,
        240,
        step,
        "Voila was still executing",
    )


def test_every_lesson_in_voila_passes_the_audit(
    voila: harness.Server, browser: Browser, artifacts: Path
) -> None:
    _axe()
    started = time.monotonic()
    failures, theirs, sizes = [], [], []
    pending = list(LESSONS)
    opened = [(path, _open_lesson(browser, voila, path)) for path in pending[:AT_ONCE]]
    pending = pending[AT_ONCE:]
    while opened:
        path, page = opened.pop(0)
        try:
            _wait_until_run(page, path)
            counted, page_only = audit(page, KIT, artifacts / f"axe-voila-{path.stem}.json")
            shown = harness.figure_text_on_screen(page.locator("body"), path)
        finally:
            page.context.close()
        if pending:  # Voila runs the next lesson while this one's audit is read
            opened.append((pending[0], _open_lesson(browser, voila, pending.pop(0))))
        failures += [f"{path.name}: {line}" for line in counted]
        sizes += [f"{path.name}: {name} text {px:.1f} px ({how})" for name, px, how in shown]
        failures += [
            f"{path.name}: {name}'s smallest figure text is {px:.1f} px on screen ({how}), "
            f"under {harness.SMALLEST_TEXT:g} px"
            for name, px, how in shown
            if px < harness.SMALLEST_TEXT
        ]
        theirs += [f"{path.name}: {line}" for line in page_only]
    print(f"\naudited {len(LESSONS)} lessons in Voila in {time.monotonic() - started:.0f} s")
    print("not counted (Voila's page, not the kit's):\n" + "\n".join(theirs))
    print("smallest figure text on screen:\n" + "\n".join(sizes))
    assert not failures, "in the kit's content:\n" + "\n".join(failures)
