"""docs/architecture.md's recipe works: an explorer written as it says joins the contract.

The explorer below is built exactly as the page's "Adding an explorer" shows (five hooks,
a preset, a plotting view), and is driven through the same checks ``tests/test_widgets.py``
applies to every listed explorer: controls at their extremes, presets, frames equal to a
full redraw, errors shown on screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest
from matplotlib.figure import Figure
from test_widgets import (
    assert_same_picture,
    check,
    drive,
    reference_frame,
    settings,
)

import negotiation_kit as nk
from negotiation_kit.plotting import draw_issue_line
from negotiation_kit.widgets import Explorer
from negotiation_kit.widgets._controls import slider

PAGE = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"
BOREALIA = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, 0.8)),))


class ZoneExplorer(Explorer):
    """Atlantica's reservation moves; the zone of agreement follows."""

    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {"a case worth seeing": {"reservation": 0.6}}

    def _make_controls(self) -> dict[str, Any]:
        return {"reservation": slider("Atlantica's reservation", 0.2, 0.0, 1.0, 0.01)}

    def _scenario(self, values: Mapping[str, Any]) -> nk.Negotiation:
        gain = nk.Linear(1, values["reservation"])
        atlantica = nk.Nation("Atlantica", (nk.Faction("Atlantica", gain),))
        return nk.Negotiation(atlantica, BOREALIA, nk.Line())

    def _draw(
        self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> Sequence[Any]:
        return [draw_issue_line(figure.add_subplot(), negotiation)]

    def _update(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> None:
        for view in self._views:
            view.update(negotiation)

    def _describe(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        return f"The zone of agreement is {negotiation.zone().intervals}."


def test_the_page_shows_the_five_hooks_the_test_uses() -> None:
    page = PAGE.read_text(encoding="utf-8")
    for hook in ("_make_controls", "_scenario", "_draw", "_update", "_describe", "__all__"):
        assert hook in page


def test_an_explorer_built_by_the_recipe_keeps_the_contract() -> None:
    explorer = ZoneExplorer()
    check(explorer)
    assert explorer.describe() == "The zone of agreement is [(0.2, 0.8)]."
    for value in settings(explorer.controls["reservation"]):
        drive(explorer, "reservation", value)
        assert explorer.negotiation == explorer._scenario(explorer.values())
        assert_same_picture(explorer._image.value, reference_frame(explorer))
    explorer.apply_preset("a case worth seeing")
    assert explorer.describe() == "The zone of agreement is [(0.6, 0.8)]."
    explorer.reset()
    assert explorer.values() == {"reservation": 0.2}
    with pytest.raises(ValueError, match="reservation"):
        explorer.set(reservation=2.0)
