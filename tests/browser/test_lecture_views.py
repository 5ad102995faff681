"""Every lesson's lecture view, in Voila at 1024x768 as a projector shows it (issue 18).

The lecture notebooks are built by ``negotiation_kit.lecture`` into the session's served
folder (``lecture/``, beside the copy of ``notebooks/``) and opened on the session's one Voila
server. Each page must show no code, no error and no traceback; every explorer of the lecture
must draw its figure (an image that loaded) with its controls and description; every piece of
text in the page's content (prose, headings, control labels, the explorer's description) must
be at least ``BODY_PX`` pixels; and no explorer figure may be shown narrower than its text can
bear (its smallest text at least ``harness.SMALLEST_TEXT`` pixels on screen). Screenshots:
``artifacts/browser/lecture-<lesson>.png`` (the whole page) and ``lecture-<lesson>-top.png``
(the first screen, as the room sees it); each explorer's smallest figure text on screen is
recorded in ``lecture-figure-text.txt``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest

from negotiation_kit import lecture

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PROJECTOR = {"width": 1024, "height": 768}
BODY_PX = 20.0
"""The least font size of any text of a lecture view, in CSS pixels at 1024x768."""

LESSONS = [lesson.path.name for lesson in lecture.lessons(harness.ROOT) if lesson.has_lecture]

SMALL_TEXT = """root => {
    const small = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        const element = node.parentElement;
        if (!text || !element || element.closest('style, script, svg, mjx-container, .MathJax'))
            continue;
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
        const size = parseFloat(style.fontSize);
        if (size < MIN) small.push(`${size}px: ${text.slice(0, 60)}`);
    }
    return small;
}"""
"""The texts in ``root`` (shown, outside math) whose computed font size is under MIN px."""


class Lectures:
    """The lecture pages, each opened a little ahead of its test.

    Voila runs a lecture (starts a kernel, builds its explorers) before the page shows, and
    that takes most of a test's time; a page asked for here starts loading, and so do the next
    ``AHEAD - 1`` of the tests to come, so that up to ``AHEAD`` lectures run at once.
    """

    AHEAD = 3

    def __init__(self, browser: Browser, voila: harness.Server, names: list[str]) -> None:
        self.context = browser.new_context(viewport=PROJECTOR)  # type: ignore[arg-type]
        self.voila = voila
        self.names = names
        self.pages: dict[str, Page] = {}
        self.tested: set[str] = set()
        self.done: list[str] = []

    def open(self, name: str) -> Page:
        """The page of the lecture ``name``, loaded; the next lectures start loading."""
        for done in self.done:  # a page whose test is over: its kernel is culled in time
            self.pages.pop(done).close()
        self.done = [name]
        queue = [name, *(n for n in self.names if n != name)]
        for ahead in [n for n in queue if n not in self.pages and n not in self.tested]:
            if ahead != name and len(self.pages) >= self.AHEAD:
                break
            page = self.context.new_page()
            url = self.voila.link(f"voila/render/lecture/{ahead}")
            page.goto(url, timeout=120_000, wait_until="commit")
            self.pages[ahead] = page
        self.tested.add(name)
        page = self.pages[name]
        page.wait_for_load_state("load", timeout=240_000)
        return page


@pytest.fixture(scope="module")
def lectures(
    served: Path,
    browser: Browser,
    voila: harness.Server,
    artifacts: Path,
    request: pytest.FixtureRequest,
) -> Iterator[Lectures]:
    """The lecture notebooks of every lesson in ``served/lecture/``, opened on the Voila."""
    lecture.build(harness.ROOT, served / "lecture")
    (artifacts / "lecture-figure-text.txt").unlink(missing_ok=True)  # this run's numbers only
    selected = [  # in the order pytest runs them (-k, random order; a doctest has no module)
        item.callspec.params["name"]
        for item in request.session.items
        if getattr(item, "module", None) is request.module and hasattr(item, "callspec")
    ]
    opened = Lectures(browser, voila, selected)
    try:
        yield opened
    finally:
        opened.context.close()


@pytest.mark.parametrize("name", LESSONS, ids=lambda name: name.removesuffix(".ipynb"))
def test_lecture_view(name: str, lectures: Lectures, served: Path, artifacts: Path) -> None:
    path = served / "lecture" / name
    stem = path.stem
    step = harness.Step(f"Voila, the lecture view of {name}")
    expected = len(harness.explorer_classes(path))
    for old in artifacts.glob(f"lecture-{stem}*.png"):  # never look at an earlier run's
        old.unlink()
    try:
        step("open the lecture view")
        projector = lectures.open(name)
        body = projector.locator("body")
        harness.wait_for_explorers(body, expected, step, timeout=180)
        step("wait for Voila to finish running the lecture")
        harness.wait_until(
            projector,
            "() => !document.querySelector('#loading, .voila-spinner')"
            " || getComputedStyle(document.querySelector('#loading, .voila-spinner')).display"
            " === 'none'",
            None,
            120,
            step,
            "Voila was still executing",
        )
        projector.wait_for_timeout(300)
        projector.screenshot(path=str(artifacts / f"lecture-{stem}-top.png"))
        harness.screenshot(projector, artifacts / f"lecture-{stem}.png")
        step("look for errors and code")
        errors = harness.errors_shown(body)
        assert not errors, f"{step}: the page shows errors:\n" + "\n---\n".join(errors)
        text = body.inner_text()
        assert "Traceback" not in text and "There was an error" not in text, f"{step}: an error"
        shown = [line for line in harness.code_lines(path) if line in text]
        assert not shown, f"{step}: the lecture shows code: {shown[:3]}"
        step("check the explorers")
        found = harness.mark_explorers(body)
        assert found == expected, f"{step}: {found} explorers on screen, the code builds {expected}"
        for index in range(found):
            explorer = body.locator(f'[data-nk-explorer="{index}"]')
            harness.check_rendered(explorer, f"{step.where}, explorer {index + 1}")
        step("measure the text")
        small = body.evaluate(SMALL_TEXT.replace("MIN", str(BODY_PX)))
        assert not small, f"{step}: text under {BODY_PX:g} px:\n" + "\n".join(small[:10])
        for explorer, pixels, how in harness.figure_text_on_screen(body, path):
            with (artifacts / "lecture-figure-text.txt").open("a") as record:  # to look at
                record.write(f"{stem} {explorer}: smallest figure text {pixels:.1f} px, {how}\n")
            assert pixels >= harness.SMALLEST_TEXT, (
                f"{step}: {explorer}'s smallest figure text is {pixels:.1f} px on screen ({how})"
            )
    except Exception as error:
        shot = artifacts / f"lecture-{stem}-failed.png"
        if name in lectures.pages:
            harness.screenshot(lectures.pages[name], shot)
        error.add_note(f"screenshot of the failure: {shot}")
        raise
