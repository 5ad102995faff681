"""Lesson 5 explorer: which way the veto faction leans decides whether division pays.

Atlantica is two factions under unanimity. The exporters hold two thirds of its stake; with
a reservation at most 0 they gain from any terms on the issue line and never block a deal.
The other third belongs to a **veto faction** that leans either with Atlantica (an aligned
hawk, ``stake > 0``: it accepts terms from its reservation up) or toward Borealia
(``stake < 0``: it accepts terms only up to its reservation). An aligned hawk's veto cuts
off terms that are bad for Atlantica and can win it better ones (tied hands, ``Δ > 0``)
until it asks for more than Borealia will give. An opposed faction's veto cuts off only the
terms at Atlantica's own end of the line, so compared with the same nation without that
veto it never helps; ``Δ`` against the unitary benchmark can still be positive when the
exporters' own reservation is above the nation's and their veto binds as a hawk's (the
presets "exporters bind as a hawk"), in the spirit of Mayer (1992).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from matplotlib.figure import Figure

from .. import model as nk
from ..model.statics import desirability_sweep
from ..plotting import LineView, StaticsView, draw_issue_line, draw_statics, palette
from . import _words
from ._base import Explorer
from ._controls import choice, slider
from ._division import delta_sentence

LEANS = {"with Atlantica": "aligned", "toward Borealia": "opposed"}
VETO = "veto faction"
"""Its name in the figure whichever way it leans (its bar shows which terms it accepts)."""
SIGN = {"aligned": 1.0, "opposed": -1.0}
STAKES = (2 / 3, 1 / 3)
"""The exporters' and the veto faction's shares of Atlantica's stake: W_A always rises
with the terms, at slope 1 (aligned) or 1/3 (opposed)."""
SOLUTIONS = {"Nash": "nash", "split": "split"}
SWEEP = np.round(np.linspace(0.0, 1.0, 201), 10)
"""The veto faction's reservations the lower panel's curves are computed at."""
CURVES = {
    "aligned": "Δ if it leans with Atlantica (aligned hawk)",
    "opposed": "Δ if it leans toward Borealia",
}
E2 = {
    "lean": "aligned",
    "veto_reservation": 0.6,
    "exporters_reservation": 0.0,
    "b_reservation": 0.8,
    "solution": "nash",
}
"""With these, W_A(x) = x - 0.2 and the win-sets of worked example E2."""


def delta_curves(values: Mapping[str, Any], grid: np.ndarray) -> dict[str, Any]:
    """``Δ`` against the veto faction's reservation, for each way it may lean
    (``model.statics.desirability_sweep``).

    Examples
    --------
    >>> curves = delta_curves(E2, np.array([0.6, 0.9]))
    >>> [c.round(9).tolist() for c in curves.values()]
    [[0.1, -0.25], [0.0, 0.0]]
    """
    return {
        name: desirability_sweep(scenario({**values, "lean": lean}), "Atlantica", VETO, grid)
        for lean, name in CURVES.items()
    }


def scenario(values: Mapping[str, Any]) -> nk.Negotiation:
    """The negotiation the controls describe (only the veto faction's reservation may be
    missing: the sweep sets it)."""
    lean = values["lean"]
    exporters = nk.Linear(STAKES[0], values["exporters_reservation"])
    veto = nk.Linear(SIGN[lean] * STAKES[1], values.get("veto_reservation", 0.5))
    factions = (nk.Faction("exporters", exporters), nk.Faction(VETO, veto))
    a = nk.Nation("Atlantica", factions, rule=nk.Unanimity())
    b = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, values["b_reservation"])),))
    return nk.Negotiation(a, b, nk.Line(), solution=values["solution"])


@dataclass(frozen=True)
class Views:
    """The explorer's plotting views, by name."""

    line: LineView
    statics: StaticsView


class ConfigurationExplorer(Explorer):
    """A veto faction leaning with Atlantica or toward Borealia: when does division pay?

    Scenario: Atlantica's exporters (two thirds of the stake) gain from any deal and never
    block one; the veto faction (one third) blocks every deal it loses from. Aligned, it is
    a hawk that accepts terms from its reservation up; opposed, it sides with Borealia and
    accepts terms only up to its reservation. Borealia is one actor accepting terms up to
    its reservation. Top: the issue line. Below: ``Δ`` (Atlantica's net welfare minus what
    a unitary Atlantica would get) against the veto faction's reservation, for both ways
    it may lean; the dashed line is its reservation now. The aligned curve rises above zero
    (tied hands) before falling when the hawk asks too much; the opposed one stays at or
    below zero while the exporters never block (reservation at most 0), and rises above it
    only where the exporters' veto binds as a hawk's.
    Controls: which way it leans, its reservation, the exporters' reservation (it sets how
    much Atlantica gains from a deal), Borealia's reservation and the solution.

    Examples
    --------
    >>> from negotiation_kit.widgets import ConfigurationExplorer
    >>> explorer = ConfigurationExplorer()
    >>> round(explorer.negotiation.desirability("Atlantica"), 9)
    0.1
    >>> explorer.set(lean="opposed")
    >>> talks = explorer.negotiation
    >>> talks.zone().intervals, round(talks.desirability("Atlantica"), 9)
    ([(0.0, 0.6)], 0.0)
    """

    _views: Views

    FIGURE_SIZE: ClassVar[tuple[float, float]] = (6.0, 6.6)
    ISSUES: ClassVar[int] = 1
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {
        "aligned hawk: tied hands (E2)": E2,
        "aligned hawk, split the difference (E2)": {**E2, "solution": "split"},
        "aligned hawk asks too much (E3)": {
            **E2, "veto_reservation": 0.9, "exporters_reservation": -0.15
        },
        "opposed faction does not bind": {**E2, "lean": "opposed"},
        "opposed faction binds": {**E2, "lean": "opposed", "veto_reservation": 0.1},
        "opposed faction, split the difference": {
            **E2, "lean": "opposed", "veto_reservation": 0.4, "solution": "split"
        },
        "opposed faction, exporters bind as a hawk (Nash)": {
            **E2, "lean": "opposed", "veto_reservation": 0.9, "exporters_reservation": 0.6
        },
        "opposed faction, exporters bind as a hawk (split)": {
            **E2, "lean": "opposed", "veto_reservation": 0.7, "exporters_reservation": 0.3,
            "solution": "split",
        },
    }  # fmt: skip

    def _make_controls(self) -> dict[str, Any]:
        return {
            "veto_reservation": slider("veto faction's reservation", 0.6, 0.0, 1.0, 0.01),
            "lean": choice("the veto faction leans", LEANS, "aligned"),
            "exporters_reservation": slider("exporters' reservation", 0.0, -0.6, 0.8, 0.01),
            "b_reservation": slider("Borealia's reservation", 0.8, 0.0, 1.0, 0.01),
            "solution": choice("solution", SOLUTIONS, "nash"),
        }

    def _scenario(self, values: Mapping[str, Any]) -> nk.Negotiation:
        return scenario(values)

    def _curves(
        self, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> tuple[np.ndarray, dict[str, Any], float]:
        """Both ``Δ`` curves, with the current point of the current lean from the model."""
        here = float(values["veto_reservation"])
        at = int(np.searchsorted(SWEEP, here))
        x = np.insert(SWEEP, at, here)
        curves = delta_curves(values, x)
        curves[CURVES[values["lean"]]][at] = negotiation.desirability("Atlantica")
        return x, curves, here

    def _draw(
        self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> Views:
        grid = figure.add_gridspec(2, 1, height_ratios=(1.15, 1))
        line = draw_issue_line(figure.add_subplot(grid[0]), negotiation)
        statics = draw_statics(
            figure.add_subplot(grid[1]),
            *self._curves(negotiation, values),
            xlabel="veto faction's reservation",
            ylabel="Δ for Atlantica",
            colors=[palette.NATION_COLORS[0], palette.NATION_COLORS[1]],
        )
        _frame(statics, line)
        return Views(line=line, statics=statics)

    def _update(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> None:
        line, statics = self._views.line, self._views.statics
        line.update(negotiation)
        statics.update(*self._curves(negotiation, values))
        _frame(statics, line)

    def _describe(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        space, lean = negotiation.space, values["lean"]
        reservation = _words.number(values["veto_reservation"])
        if lean == "aligned":
            stance = f"is an aligned hawk: it accepts terms from {reservation} up"
            helps, hurts = "its veto helps Atlantica (tied hands)", "its veto hurts Atlantica"
        else:
            stance = f"leans toward Borealia: it accepts terms only up to {reservation}"
            helps = "division helps Atlantica: the exporters' own veto binds as a hawk's"
            hurts = "its veto hurts Atlantica"
        ws_a = _words.intervals(negotiation.a.win_set(space).intervals)
        ws_b = _words.intervals(negotiation.b.win_set(space).intervals)
        zone = _words.intervals(negotiation.zone().intervals)
        unitary = negotiation.benchmark("Atlantica").welfare["Atlantica"]
        return (
            f"The veto faction {stance}. Atlantica's win-set is {ws_a} and Borealia's {ws_b}, so "
            f"the zone of agreement is {zone}. {_words.outcome(negotiation)} "
            + delta_sentence(
                unitary,
                negotiation.desirability("Atlantica"),
                helps=helps,
                hurts=hurts,
                neutral="division makes no difference to Atlantica",
            )
        )


def _frame(statics: Any, line: Any) -> None:
    """Put the lower panel's x-axis under the issue line's, and give it y-limits that
    follow the curves in steps of 0.2 (the same settings always show the same axes)."""
    shown = np.concatenate([curve.get_ydata() for curve in statics.lines])
    low, high = min(float(np.nanmin(shown)), 0.0), max(float(np.nanmax(shown)), 0.0)
    limits = (float(np.floor(low / 0.2 - 0.1) * 0.2), float(np.ceil(high / 0.2 + 0.1) * 0.2))
    for now, wanted, setter in (
        (statics.ax.get_xlim(), line.ax.get_xlim(), statics.ax.set_xlim),
        (statics.ax.get_ylim(), limits, statics.ax.set_ylim),
    ):
        if tuple(now) != tuple(wanted):
            setter(*wanted)
