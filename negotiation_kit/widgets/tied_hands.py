"""Lesson 3 explorer: a divided nation, a hawk's veto, and whether tied hands pay.

Atlantica is two factions: exporters (doves, who gain from almost any deal) and
steelworkers (hawks, who accept only terms above their reservation). Under unanimity the
hawks can veto; under national welfare Atlantica acts as one. Comparing Atlantica's net
welfare with what a unitary Atlantica would get gives the desirability of division
``Δ = nk.Negotiation.desirability`` (Schelling's tied hands, in the spirit of Mayer 1992).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import NDArray

from .. import model as nk
from ..model.statics import sweep
from ..plotting import LineView, StaticsView, draw_issue_line, draw_statics, palette
from . import _words
from ._base import Explorer
from ._controls import choice, slider
from ._memo import Memo

RULES = {"unanimity (hawk can veto)": "unanimity", "national welfare": "national welfare"}
SOLUTIONS = {"Nash": "nash", "split": "split"}
HAWK = "steelworkers (hawk)"
FINE = np.round(np.linspace(0.0, 1.0, 201), 10)
"""The hawk's reservations the lower curves are computed at."""
CURVE_CACHE = 64
FloatArray = NDArray[np.float64]
Curves = tuple[FloatArray, FloatArray, FloatArray]
"""Hawk's reservations, Atlantica's net welfare under its rule there, and unitary there."""
E2 = {
    "hawk_reservation": 0.6,
    "hawk_share": 0.5,
    "dove_reservation": -0.2,
    "b_reservation": 0.8,
    "rule": "unanimity",
    "solution": "nash",
}


def _curve_key(values: Mapping[str, Any]) -> tuple[Any, ...]:
    """The controls the curves depend on: all but the hawk's reservation (their x-axis)."""
    return tuple(v for k, v in sorted(values.items()) if k != "hawk_reservation")


@dataclass(frozen=True)
class Views:
    """The explorer's plotting views, by name."""

    line: LineView
    statics: StaticsView


class TiedHandsExplorer(Explorer):
    """A hawk inside Atlantica: when does its veto win better terms, when does it kill the deal?

    Top: the issue line, with each faction's acceptance set, the win-sets, the zone and the
    outcomes. Below: Atlantica's net welfare against the hawk's reservation, divided (as the
    rule says) and unitary (the benchmark); the gap at the dashed line is ``Δ``.
    Controls: the hawk's (steelworkers') reservation and share of Atlantica's stake, the
    dove's (exporters') reservation, Borealia's reservation, the rule and the solution.
    The presets reproduce the worked examples E1 to E3 of the kit's model.

    Examples
    --------
    >>> from negotiation_kit.widgets import TiedHandsExplorer
    >>> explorer = TiedHandsExplorer()
    >>> round(explorer.negotiation.desirability("Atlantica"), 9)
    0.1
    >>> explorer.apply_preset("too hawkish (E3)")
    >>> explorer.negotiation.outcome().agreement is None
    True
    """

    _views: Views

    FIGURE_SIZE: ClassVar[tuple[float, float]] = (6.0, 6.6)
    ISSUES: ClassVar[int] = 1
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {
        "tied hands helps (E2)": E2,
        "tied hands helps more with split (E2)": {**E2, "solution": "split"},
        "too hawkish (E3)": {**E2, "hawk_reservation": 0.9, "dove_reservation": -0.5},
        "unitary (E1)": {**E2, "rule": "national welfare"},
        "the hawk does not bind": {**E2, "hawk_reservation": 0.4, "dove_reservation": 0.0},
    }

    def __init__(self) -> None:
        self._curves: Memo[Curves] = Memo(size=CURVE_CACHE)
        super().__init__()

    def _make_controls(self) -> dict[str, Any]:
        return {
            "hawk_reservation": slider("hawk's reservation", 0.6, 0.0, 1.0, 0.01),
            "hawk_share": slider("hawk's share of stake", 0.5, 0.05, 0.95, 0.05),
            "dove_reservation": slider("dove's reservation", -0.2, -0.6, 0.6, 0.01),
            "b_reservation": slider("Borealia's reservation", 0.8, 0.0, 1.0, 0.01),
            "rule": choice("Atlantica ratifies by", RULES, "unanimity"),
            "solution": choice("solution", SOLUTIONS, "nash"),
        }

    def _scenario(self, values: Mapping[str, Any]) -> nk.Negotiation:
        share = values["hawk_share"]
        doves = nk.Faction("exporters (dove)", nk.Linear(1 - share, values["dove_reservation"]))
        hawks = nk.Faction(HAWK, nk.Linear(share, values["hawk_reservation"]))
        rule = nk.Unanimity() if values["rule"] == "unanimity" else nk.NationalWelfare()
        a = nk.Nation("Atlantica", (doves, hawks), rule=rule)
        b = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, values["b_reservation"])),))
        return nk.Negotiation(a, b, nk.Line(), solution=values["solution"])

    def _statics(
        self, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> tuple[FloatArray, dict[str, FloatArray], float]:
        """Atlantica's net welfare, under its rule and unitary, over the hawk's reservation.

        The curves depend on every control but the hawk's reservation; they are computed on
        ``FINE`` (closed forms) once per setting of the others
        and cached. The current reservation is added from ``negotiation`` itself, so the
        marked point is exact.
        """
        curves = self._curves.get(_curve_key(values), lambda: self._curve(values, FINE))
        hawks, under_rule, unitary = curves
        here = float(values["hawk_reservation"])
        at = int(np.searchsorted(hawks, here))
        shown = {
            "Atlantica under its rule": np.insert(under_rule, at, self._welfare(negotiation)),
            "Atlantica unitary (benchmark)": np.insert(unitary, at, self._unitary(negotiation)),
        }
        return np.insert(hawks, at, here), shown, here

    def _curve(self, values: Mapping[str, Any], hawks: FloatArray) -> Curves:
        """Atlantica's net welfare under its rule and unitary, at each of ``hawks``
        (``model.statics.sweep``: closed forms, exact to 1e-9)."""
        divided = self._scenario({**values, "hawk_reservation": float(hawks[0])})
        unitary = divided.unitary("Atlantica")
        under_rule = sweep(divided, HAWK, hawks).welfare["Atlantica"]
        return hawks, under_rule, sweep(unitary, HAWK, hawks).welfare["Atlantica"]

    @staticmethod
    def _welfare(negotiation: nk.Negotiation) -> float:
        return negotiation.outcome().welfare["Atlantica"]

    @staticmethod
    def _unitary(negotiation: nk.Negotiation) -> float:
        """Atlantica's net welfare if it bargained as one (``nk.Negotiation.benchmark``)."""
        return negotiation.benchmark("Atlantica").welfare["Atlantica"]

    def _draw(
        self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> Views:
        grid = figure.add_gridspec(2, 1, height_ratios=(1.2, 1))
        line = draw_issue_line(figure.add_subplot(grid[0]), negotiation)
        hawks, curves, current = self._statics(negotiation, values)
        statics = draw_statics(
            figure.add_subplot(grid[1]),
            hawks,
            curves,
            current,
            xlabel="hawk's reservation",
            ylabel="net welfare",
            colors=[palette.NATION_COLORS[0], palette.NEUTRAL_COLOR],  # both are Atlantica's
        )
        return Views(line=line, statics=statics)

    def _update(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> None:
        line, statics = self._views.line, self._views.statics
        line.update(negotiation)
        statics.update(*self._statics(negotiation, values))

    def _describe(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        space = negotiation.space
        ws_a = _words.intervals(negotiation.a.win_set(space).intervals)
        ws_b = _words.intervals(negotiation.b.win_set(space).intervals)
        zone = _words.intervals(negotiation.zone().intervals)
        unitary = self._unitary(negotiation)
        delta = negotiation.desirability("Atlantica")
        if delta > _words.CLOSE:
            verdict = "division helps Atlantica (tied hands)"
        elif delta < -_words.CLOSE:
            verdict = "division hurts Atlantica"
        else:
            verdict = "division makes no difference to Atlantica"
        return (
            f"Atlantica's win-set is {ws_a} and Borealia's {ws_b}, so the zone of agreement "
            f"is {zone}. {_words.outcome(negotiation)} A unitary Atlantica would get "
            f"{_words.number(unitary)}, so Δ = {_words.signed(delta)}: {verdict}."
        )
