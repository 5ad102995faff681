"""Lesson 1 explorer: a one-issue bargain between two unitary nations.

Each nation is one actor with a reservation point: Atlantica accepts terms of at least its
reservation, Borealia terms of at most its own. Between them lies the zone of agreement,
where the Nash bargaining solution (Nash 1950) and split-the-difference settle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from matplotlib.figure import Figure

from .. import model as nk
from ..plotting import LineView, PayoffView, draw_issue_line, draw_payoff_plane
from . import _words
from ._base import Explorer
from ._controls import choice, slider

SOLUTIONS = {"Nash": "nash", "split": "split"}


PAYOFFS = (-0.05, 1.05)
"""Fixed payoff-plane limits: with both reservations in [0, 1], every payoff of the zone,
the outcome and (0, 0) lie in [0, 1] for both nations, so the axes never move."""


@dataclass(frozen=True)
class Views:
    """The explorer's plotting views, by name."""

    line: LineView
    payoff: PayoffView


class BargainExplorer(Explorer):
    """Move two reservation points and watch the zone of agreement and the outcome.

    Atlantica (A) wants high terms and accepts ``x >= a_reservation``; Borealia (B) wants
    low terms and accepts ``x <= b_reservation``. Top: the issue line with both win-sets,
    the zone of agreement and the nash and split outcomes. Below: the payoff plane, where
    the Nash solution is the feasible point with the largest product of net welfare.

    Examples
    --------
    >>> from negotiation_kit.widgets import BargainExplorer
    >>> explorer = BargainExplorer()
    >>> print(explorer.describe())
    Atlantica accepts terms from 0.20 up and Borealia up to 0.80, so the zone of agreement is
    [0.20, 0.80]. Nash bargaining settles at 0.50: net welfare Atlantica 0.30, Borealia 0.30.
    >>> explorer.set(a_reservation=0.7, b_reservation=0.4)
    >>> explorer.negotiation.outcome().agreement is None
    True
    """

    _views: Views

    FIGURE_SIZE: ClassVar[tuple[float, float]] = (6.0, 6.0)
    ISSUES: ClassVar[int] = 1
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {
        "wide zone (E1)": {"a_reservation": 0.2, "b_reservation": 0.8, "solution": "nash"},
        "narrow zone": {"a_reservation": 0.45, "b_reservation": 0.55, "solution": "nash"},
        "A has the better alternative": {"a_reservation": 0.5, "b_reservation": 0.8},
        "no zone: the reservations cross": {"a_reservation": 0.7, "b_reservation": 0.4},
    }

    def _make_controls(self) -> dict[str, Any]:
        return {
            "a_reservation": slider("Atlantica's reservation", 0.2, 0.0, 1.0, 0.01),
            "b_reservation": slider("Borealia's reservation", 0.8, 0.0, 1.0, 0.01),
            "solution": choice("solution", SOLUTIONS, "nash"),
        }

    def _scenario(self, values: Mapping[str, Any]) -> nk.Negotiation:
        a = nk.Nation(
            "Atlantica", (nk.Faction("Atlantica", nk.Linear(1, values["a_reservation"])),)
        )
        b = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, values["b_reservation"])),))
        return nk.Negotiation(a, b, nk.Line(), solution=values["solution"])

    def _draw(
        self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> Views:
        grid = figure.add_gridspec(2, 1, height_ratios=(1, 1.5))
        line = draw_issue_line(figure.add_subplot(grid[0]), negotiation)
        payoff = draw_payoff_plane(figure.add_subplot(grid[1]), negotiation, (PAYOFFS, PAYOFFS))
        return Views(line=line, payoff=payoff)

    def _update(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> None:
        self._views.line.update(negotiation)
        self._views.payoff.update(negotiation)

    def _describe(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        zone = _words.intervals(negotiation.zone().intervals)
        low, high = _words.number(values["a_reservation"]), _words.number(values["b_reservation"])
        return (
            f"Atlantica accepts terms from {low} up and Borealia up to {high}, so the zone of "
            f"agreement is {zone}. {_words.outcome(negotiation)}"
        )
