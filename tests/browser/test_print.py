"""A lesson page of the site printed to PDF by Chromium, as an instructor prints a handout.

The site (``python -m negotiation_kit.site``) is built from copies of lesson 0 and lesson 3
(the one with an explorer's figure and long code lines), the lesson page is printed with
print media (Playwright's ``page.pdf``) and the PDF is read back with PDFium: a sane number of
pages, no navigation or "open this lesson live" links, every code line inside the page (long
lines wrap instead of being cut off), and every image whole on one page. Each page is saved
as a PNG to ``artifacts/browser/print-*.png`` to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import harness
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

LESSON = "03_tied_hands"
PAGES = (4, 14)
"""An A4 printout of lesson 3 takes 8 pages; fewer than 4 or more than 14 means it broke."""
PRINTED_WIDTH = 680
"""CSS pixels across an A4 page inside 15 mm margins (180 mm at 96 px per inch)."""
OVERFLOWING = """() => [...document.querySelectorAll(
        'pre, .highlight, .jp-InputArea-editor, .jp-OutputArea-output')]
    .filter(box => box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1)
    .map(box => box.textContent.trim().slice(0, 60))"""
"""The code and output boxes whose text runs past their edge (on paper: cut off)."""


@pytest.fixture(scope="module")
def site(temp: Path) -> Iterator[Path]:
    from negotiation_kit.site import build

    root = temp / "print-root"
    (root / "notebooks").mkdir(parents=True)
    for name in ("00_start_here", LESSON):
        source = harness.ROOT / "notebooks" / f"{name}.ipynb"
        shutil.copy(source, root / "notebooks" / source.name)
    out = temp / "print-site"
    build(root, out, jobs=1, progress=lambda line: None)
    yield out


def test_a_lesson_prints_to_pdf_without_navigation_and_with_whole_figures(
    site: Path, page: Page, artifacts: Path
) -> None:
    pdfium = pytest.importorskip("pypdfium2", reason="pip install pypdfium2 (requirements-dev)")
    page.goto((site / f"{LESSON}.html").as_uri(), timeout=60_000)
    on_screen = page.inner_text("body")
    assert "Open this lesson live" in on_screen and "Contents" in on_screen  # the test can fail
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINTED_WIDTH, "height": 1000})  # as wide as the paper
    assert page.evaluate(OVERFLOWING) == [], "code lines cut off at the page's edge"
    pdf = artifacts / f"print-{LESSON}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True,
             margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})  # fmt: skip

    document = pdfium.PdfDocument(str(pdf))
    try:
        text, images = _read(pdfium, document, LESSON, artifacts)
    finally:
        document.close()
    assert images >= 1, "the explorer's figure is missing from the printout"
    assert "Open this lesson live" not in text and "Contents" not in text
    assert "Lesson 3: Divided nations and tied hands" in text
    assert "reservation=0.6" in text.replace("\r", "").replace("\n", "")


def _read(pdfium: Any, document: Any, name: str, artifacts: Path) -> tuple[str, int]:
    """The PDF's text and its number of images, each page saved as a PNG; checks the page
    count and that every image lies whole on its page."""
    count = len(document)
    assert PAGES[0] <= count <= PAGES[1], f"{count} pages"
    text = ""
    images = 0
    for k in range(count):
        sheet = document[k]
        width, height = sheet.get_size()
        text += sheet.get_textpage().get_text_range()
        sheet.render(scale=1.0).to_pil().save(artifacts / f"print-{name}-p{k + 1:02d}.png")
        for image in sheet.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):
            images += 1
            left, bottom, right, top = image.get_bounds()
            # a figure split over two pages is drawn on each, running past the page's edge
            assert bottom >= -1 and top <= height + 1, f"an image split at page {k + 1}"
            assert left >= -1 and right <= width + 1, f"an image cut at page {k + 1}"
    return text, images
