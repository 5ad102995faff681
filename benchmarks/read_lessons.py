"""Read each lesson in JupyterLab as a student would, and estimate how long it takes.

    .venv/bin/python benchmarks/read_lessons.py                 # every lesson 01-08 and 04b
    .venv/bin/python benchmarks/read_lessons.py 05_configurations 07_side_payments

For each lesson (a copy of the notebook, in a JupyterLab of its own, Chromium headless): Run
All, then every "try this" prompt in order, doing what the prompt says (``PLAN``: move the
named slider to each named value, choose each named button, radio option or menu entry, press
Reset), then open every "Check your prediction" block. After each action it prints the
explorer's description, so the prompt's answer can be compared with what the explorer shows,
and saves a screenshot of the explorer after each prompt to ``artifacts/read/``.

It ends with the table of docs/instructor_guide.md ("How long the lessons take"): the words of
the lesson's Markdown (collapsed answers included), the code cells a student runs, the
predictions (answers opened), the slider moves and the other clicks, and the estimate

    minutes = 1.465 x (words / 120 + 1 per code cell + 3 per prediction)

where 1.465 is the median ratio of a human reader's measured times to the bracket over the
eight lessons of an earlier version (ratios 1.11 to 1.59, the range column). The script's own
clock measures the machine, not a student, and only says how long the reading took here.

``PLAN`` follows the lessons' prompts: change a prompt, change its line here.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import harness  # noqa: E402

SHOTS = ROOT / "artifacts" / "read"
RATIOS = [1.39, 1.49, 1.35, 1.59, 1.11, 1.48, 1.54, 1.45]
"""A reader's measured time / the bracket, lessons 1-8 of an earlier version (89a8970)."""
RESET: tuple[Any, ...] = ("reset",)


def slide(label: str, *values: float) -> tuple[Any, ...]:
    return ("slider", label, values)


def choose(*texts: str) -> tuple[Any, ...]:
    return ("choose", texts)


PLAN: dict[str, list[list[tuple[Any, ...]]]] = {
    "01_one_issue": [
        [slide("Atlantica's reservation", 0.5)],
        [slide("Atlantica's reservation", 0.9)],
        [RESET, slide("Borealia's reservation", 0.6), choose("split")],
        [choose("narrow zone")],
    ],
    "02_win_sets": [
        [choose("the exporters only")],
        [choose("all three factions"), slide("steelworkers' reservation", 0.7, 0.85)],
        [
            RESET,
            slide("Borealia's reservation", 0.5),
            choose("the exporters only", "exporters and farmers", "all three factions"),
        ],
    ],
    "03_tied_hands": [
        [slide("hawk's reservation", 0.75)],
        [slide("hawk's reservation", 0.85)],
        [RESET, choose("split")],
        [RESET, slide("Borealia's reservation", 0.65, 0.55, 1.0)],
    ],
    "04_political_processes": [
        [slide("quota", 0.6, 0.25)],
        [RESET, choose("majority"), slide("steelworkers' political weight", 0.6)],
        [RESET, choose("leader: exporters", "split")],
        [choose("unanimity")],
    ],
    "04b_spatial_gridlock": [
        [choose("unanimity: all three can veto")],
        [slide("farm lobby's ideal on issue 1", 1.0), slide("farm lobby's ideal on issue 2", 1.0)],
        [choose("status quo outside the hull")],
        [
            choose(
                "gridlock: unanimity (E6)",
                "industry leads, greens can veto",
                "majority: any two ratify",
                "industry leads alone",
            )
        ],
    ],
    "05_configurations": [
        [choose("toward Borealia")],
        [slide("veto faction's reservation", 0.27, 0.26, 0.1)],
        [choose("opposed faction binds"), slide("Borealia's reservation", 1.0, 0.3)],
        [
            choose(
                "opposed faction, exporters bind as a hawk (Nash)",
                "opposed faction, exporters bind as a hawk (split)",
            )
        ],
    ],
    "06_several_issues": [
        [slide("how integrative", 0.0, 1.0), choose("unitary: one actor")],
        [choose("a modest demand: tied hands"), slide("farm lobby's demand on issue 2", 0.5)],
        [choose("a demand that kills the deal")],
    ],
    "07_side_payments": [
        [slide("efficiency", 0.1, 0.07)],
        [choose("targeting: majority pays the cheapest loser", "+ farmers, all three veto")],
    ],
    "08_managing_differences": [
        [slide("budget for paying", 0.0, 0.05), choose("foreclosed", "unlimited")],
        [
            choose("too hawkish (E3)", "foreclosed", "sized (the budget)"),
            slide("budget for paying", 0.04, 0.05, 0.1, 0.3),
        ],
        [
            RESET,
            choose("divided: its hawk can veto", "foreclosed", "unlimited"),
            choose("divided, and able to pay its hawk", "foreclosed"),
        ],
    ],
    "09_uncertainty": [
        [choose("certain (E2)"), slide("width of the uncertainty", 0.1, 0.2, 0.4, 0.8)],
        [choose("a little uncertainty (U1)", "revealed"), slide("where in its range", 0.0, 1.0)],
        [choose("unknown"), slide("Borealia's reservation", 0.55)],
    ],
}


def number(text: str) -> float:
    return float(text.replace("\u2212", "-"))  # the readout writes minus as U+2212


def status(explorer: Any) -> str:
    return str(explorer.locator('[role="status"]').inner_text())


def move_slider(page: Any, explorer: Any, label: str, value: float) -> int:
    """Press arrow keys on the slider labelled ``label`` until it reads ``value``."""
    sliders = explorer.locator(".widget-slider").filter(
        has=page.locator(f'.widget-label:has-text("{label}")')
    )
    if not sliders.count():
        found = explorer.locator(".widget-slider .widget-label").all_inner_texts()
        raise LookupError(f"no slider {label!r}; the sliders are {found}")
    handle = sliders.first.locator(".noUi-handle")
    readout = sliders.first.locator(".widget-readout")
    presses = 0
    while abs(number(readout.inner_text()) - value) > 1e-6:
        if presses > 400:
            raise RuntimeError(f"slider {label!r} stuck at {readout.inner_text()}")
        handle.focus()
        key = "ArrowRight" if number(readout.inner_text()) < value else "ArrowLeft"
        page.keyboard.press(key)
        presses += 1
        page.wait_for_timeout(40)
    return presses


def pick(explorer: Any, text: str) -> str:
    """Click the button or radio option, or choose the menu entry, that reads ``text``."""
    button = explorer.locator(f'button:text-is("{text}")')
    if button.count():
        button.first.click()
        return "click"
    for label in explorer.locator(".widget-radio-box label").all():
        if label.inner_text().replace("\xa0", " ").strip() == text:
            label.click()
            return "radio"
    for menu in explorer.locator("select").all():
        options = {
            o.replace("\xa0", " ").strip(): o for o in menu.locator("option").all_inner_texts()
        }
        if text in options:
            menu.select_option(label=options[text])
            return "menu"
    raise LookupError(f"no button, radio option or menu entry {text!r}")


def counts(stem: str) -> dict[str, int]:
    """Words (answers included), code cells a student runs, and answers, from the notebook."""
    notebook = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text())
    cells = notebook["cells"]
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    text = re.sub(r"</?(details|summary|br|div|span|img|a)\b[^>]*>", " ", markdown)
    shown = [c for c in cells if c["cell_type"] == "code"]
    code = sum(not c["metadata"].get("jupyter", {}).get("source_hidden") for c in shown)
    return {"words": len(text.split()), "code": code, "answers": markdown.count("<details>")}


def read(page: Any, lab: harness.Server, stem: str) -> dict[str, Any]:
    """Read one lesson as a student would; print what the explorer shows; return the counts."""
    step = harness.Step(stem)
    started = time.monotonic()
    panel = harness.open_in_lab(page, lab, f"notebooks/{stem}.ipynb", step)
    harness.run_all(page, panel, step, timeout=400)
    errors = harness.errors_shown(panel)
    harness.wait_for_explorers(panel, 1, step)
    explorer = panel.locator('[data-nk-explorer="0"]')
    explorer.scroll_into_view_if_needed()
    print(f"### {stem}\nstart: {status(explorer)}")
    moves = clicks = 0
    for number_, prompt in enumerate(PLAN[stem], 1):
        print(f"try this {number_}:")
        for action in prompt:
            if action[0] == "reset":
                explorer.locator('button:has-text("Reset")').click()
                harness.settle(page, explorer, quiet=1.0, timeout=60)
                clicks += 1
                print("  Reset")
                continue
            for target in action[2] if action[0] == "slider" else action[1]:
                if action[0] == "slider":
                    presses = move_slider(page, explorer, action[1], target)
                    what, moves = f"slider {action[1]!r} to {target} ({presses} keys)", moves + 1
                else:
                    what, clicks = f"{pick(explorer, target)} {target!r}", clicks + 1
                harness.settle(page, explorer, quiet=1.0, timeout=60)
                print(f"  {what}\n    -> {status(explorer)}")
        explorer.screenshot(path=str(SHOTS / f"{stem}-{number_}.png"))
    summaries = panel.locator("details > summary")
    for index in range(summaries.count()):
        summaries.nth(index).scroll_into_view_if_needed()
        summaries.nth(index).click()
    opened = panel.locator("details[open]").count()
    errors += harness.errors_shown(panel)
    row = {"lesson": stem, **counts(stem), "opened": opened, "slider moves": moves}
    row |= {
        "clicks": clicks,
        "errors": len(errors),
        "seconds here": round(time.monotonic() - started),
    }
    print(json.dumps(row))
    return row


def table(rows: list[dict[str, Any]]) -> str:
    """The Markdown table of docs/instructor_guide.md."""
    factor = statistics.median(RATIOS)
    lines = [
        "| lesson | words (answers included) | code cells run | predictions (answers opened) "
        "| slider moves | buttons and menus | estimate, minutes (range) | the lesson says |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        bracket = row["words"] / 120 + row["code"] + 3 * row["answers"]
        header = (ROOT / "notebooks" / f"{row['lesson']}.ipynb").read_text()
        says = re.search(r"\*About (\d+) minutes", header)
        lines.append(
            f"| {row['lesson'].split('_')[0]} | {row['words']} | {row['code']} | {row['answers']} "
            f"| {row['slider moves']} | {row['clicks']} | {round(factor * bracket)} "
            f"({round(min(RATIOS) * bracket)}-{round(max(RATIOS) * bracket)}) "
            f"| about {says.group(1) if says else '?'} |"
        )
    return "\n".join(lines)


def main(stems: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="nk-read-") as folder:
        served = Path(folder) / "served"
        served.mkdir()
        harness.copy_notebooks(ROOT / "notebooks", served)
        lab = harness.start_lab(served, Path(folder) / "state")
        try:
            with sync_playwright() as playwright:
                browser = harness.launch(playwright)
                try:
                    for stem in stems:
                        context = browser.new_context(viewport=harness.VIEWPORT)  # type: ignore[arg-type]
                        try:
                            rows.append(read(context.new_page(), lab, stem))
                        finally:
                            context.close()
                            lab.shutdown_kernels()
                finally:
                    browser.close()
        finally:
            lab.stop()
    print(table(rows))


if __name__ == "__main__":
    main(sys.argv[1:] or list(PLAN))
