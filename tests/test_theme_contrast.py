"""The check marks (✓, ✗, ✎) and an explorer's error message read in JupyterLab's light and
dark themes (issue 18).

A check's mark is coloured by JupyterLab's theme variables (``MARK_COLOURS``), so its colour
depends on the theme. This test reads the installed themes' style sheets, resolves each
mark's colour and the notebook's background (``--jp-layout-color0``) in both, and computes the
WCAG 2 contrast ratio (relative luminance, https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio):
each mark must reach 4.5:1, the ratio for normal-size text. The fallback colours, used where
the variables are not defined (the site, Colab: white pages), must reach it on white.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from negotiation_kit.exercises._core import MARK_COLOURS
from negotiation_kit.widgets._layout import ALERT_COLOUR, alert

THEMES = Path(sys.prefix) / "share" / "jupyter" / "lab" / "themes" / "@jupyterlab"
TEXT = 4.5
"""WCAG 2 AA: the least contrast of normal-size text (the mark is bold body text)."""
NAMED = {"white": "#ffffff", "black": "#000000"}
VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)$")

Colour = tuple[float, float, float, float]


def variables(theme: str) -> dict[str, str]:
    """The custom properties a JupyterLab theme's style sheet defines: name -> value."""
    sheet = THEMES / f"theme-{theme}-extension" / "index.css"
    assert sheet.exists(), f"JupyterLab's {theme} theme is not installed at {sheet}"
    text = sheet.read_text(encoding="utf-8")
    return dict(re.findall(r"(--[\w-]+)\s*:\s*([^;}]+)", text))


def resolve(value: str, names: dict[str, str]) -> str:
    """``value`` with ``var(--name, fallback)`` replaced by what it stands for."""
    value = value.strip()
    found = VAR.match(value)
    if not found:
        return value
    name, fallback = found.groups()
    if name in names:
        return resolve(names[name], names)
    assert fallback is not None, f"{name} is not defined and has no fallback"
    return resolve(fallback, names)


def parse(colour: str) -> Colour:
    """A CSS colour (``#rgb``, ``#rrggbb``, ``rgb()``, ``rgba()``, white, black) as RGBA 0-1."""
    colour = NAMED.get(colour.strip().lower(), colour.strip().lower())
    if colour.startswith("#"):
        digits = colour[1:]
        if len(digits) == 3:
            digits = "".join(2 * d for d in digits)
        r, g, b = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
        return r, g, b, 1.0
    found = re.fullmatch(r"rgba?\(([^)]*)\)", colour)
    assert found, f"cannot read the colour {colour!r}"
    parts = [float(p) for p in found.group(1).split(",")]
    return parts[0] / 255, parts[1] / 255, parts[2] / 255, parts[3] if len(parts) == 4 else 1.0


def over(colour: Colour, background: Colour) -> Colour:
    """``colour`` painted over an opaque ``background``."""
    alpha = colour[3]
    r, g, b = (alpha * c + (1 - alpha) * k for c, k in zip(colour[:3], background[:3], strict=True))
    return r, g, b, 1.0


def luminance(colour: Colour) -> float:
    """WCAG 2 relative luminance of an opaque colour."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in colour[:3]]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: Colour, two: Colour) -> float:
    """WCAG 2 contrast ratio of two opaque colours, from 1 to 21."""
    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_matches_known_ratios() -> None:
    white, black = parse("white"), parse("#000")
    assert contrast(white, black) == pytest.approx(21)
    assert contrast(parse("#777"), white) == pytest.approx(4.48, abs=0.01)
    # the finding: the old red ✗ against the dark theme's background
    assert contrast(parse("#b3261e"), parse("#111")) == pytest.approx(2.9, abs=0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("passed", list(MARK_COLOURS), ids=["pass", "fail", "to-read"])
def test_each_mark_reads_on_the_theme_background(theme: str, passed: bool | None) -> None:
    names = variables(theme)
    background = parse(resolve("var(--jp-layout-color0)", names))
    mark = over(parse(resolve(MARK_COLOURS[passed], names)), background)
    ratio = contrast(mark, background)
    assert ratio >= TEXT, f"{theme} theme: the {passed} mark has contrast {ratio:.2f}:1"


@pytest.mark.parametrize("passed", list(MARK_COLOURS), ids=["pass", "fail", "to-read"])
def test_each_fallback_colour_reads_on_white(passed: bool | None) -> None:
    mark = parse(resolve(MARK_COLOURS[passed], {}))
    ratio = contrast(mark, parse("white"))
    assert ratio >= TEXT, f"the {passed} mark's fallback has contrast {ratio:.2f}:1 on white"


def test_a_check_is_drawn_in_its_mark_colour() -> None:
    from negotiation_kit.exercises._core import Check

    for passed, colour in MARK_COLOURS.items():
        shown = Check("98.1", "a task", passed, "message")._repr_html_()
        assert f"color: {colour}" in shown and f"solid {colour}" in shown


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_an_explorers_error_message_reads_on_the_theme_background(theme: str) -> None:
    names = variables(theme)
    background = parse(resolve("var(--jp-layout-color0)", names))
    ratio = contrast(over(parse(resolve(ALERT_COLOUR, names)), background), background)
    assert ratio >= TEXT, f"{theme} theme: an explorer's error message has contrast {ratio:.2f}:1"
    assert contrast(parse(resolve(ALERT_COLOUR, {})), parse("white")) >= TEXT


def test_an_explorers_error_message_is_drawn_in_its_colour() -> None:
    assert f"color:{ALERT_COLOUR};" in alert("a message", 600)
