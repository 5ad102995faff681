"""Lesson 8 explorer: managing domestic differences, in the spirit of Mayer (1992).

A hawk's veto ties Atlantica's hands and wins it better terms (the kit's example E2: 0.6
instead of 0.5). If Atlantica can pay its hawk (side-payments, efficient here), Borealia
knows the veto can be bought off, and the deal moves back toward the unitary one: the
payment capacity erodes the tied-hands advantage. Managing it is strategy: **foreclose**
payments, **size** the budget (just enough to open a dead zone), or leave it unlimited.
Borealia sees the same capacity the other way round: a partner able to pay is a partner
whose hawk does not bind. Borealia has factions too (importers and miners, E2 mirrored):
it can act as one, or its miners can veto, and it may be able to pay them or not
(two-sided division).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as widgets  # type: ignore[import-untyped]
import numpy as np
from matplotlib.figure import Figure

from .. import model as nk
from ..plotting import LineView, StaticsView, draw_issue_line, draw_statics, palette, stable_limits
from . import _payments, _words
from ._base import Explorer
from ._capacity import E2, MOST, budget_of, talks, verdict, welfare_by_budget
from ._controls import choice, slider

CAPACITIES = {"foreclosed": "foreclosed", "sized (the budget)": "sized", "unlimited": "unlimited"}
HAWKS = {"binding (E2)": 0.6, "too hawkish (E3)": 0.9}
BOREALIA = {
    "unitary: acts as one": "unitary",
    "divided: its hawk can veto": "divided",
    "divided, and able to pay its hawk": "paying",
}
SOLUTIONS = {"Nash": "nash", "split": "split"}
UNUSED = "(unitary: not used)"
"""Across Borealia's faction rows when it acts as one: their consent is not asked."""
LIMITS = (0.0, MOST * 1.02)
"""A little room at the right end of the budget axis, so the marks there show whole."""


def _e2(**changes: Any) -> dict[str, Any]:
    """The E2 scenario with a small budget, and ``changes``."""
    return {**E2, **changes}


@dataclass(frozen=True)
class Views:
    """The explorer's plotting views, by name."""

    line: LineView
    statics: StaticsView


class StrategyExplorer(Explorer):
    """Foreclose, size or leave unlimited Atlantica's side-payments, and see who gains.

    Top: the issue line (the pale part of a win-set is ratified only with side-payments).
    Below: both nations' net welfare against Atlantica's budget for paying its hawk, with
    a unitary Atlantica as the benchmark; the dashed line marks the current capacity (0 is
    foreclosed, the right end is as good as unlimited). Payments are efficient (nothing is
    lost on the way). Controls: Atlantica's payment capacity and budget, how hawkish its
    steelworkers are, whether Borealia is divided (and able to pay its own hawk), and the
    solution.

    Examples
    --------
    >>> from negotiation_kit.widgets import StrategyExplorer
    >>> explorer = StrategyExplorer()
    >>> explorer.set(capacity="foreclosed")  # the hawk's veto holds: docs/model.md E2
    >>> explorer.negotiation.outcome().welfare
    {'Atlantica': 0.4, 'Borealia': 0.2}
    >>> explorer.set(capacity="unlimited")  # the veto can be bought off
    >>> explorer.negotiation.outcome().agreement
    0.5
    """

    _views: Views

    FIGURE_SIZE: ClassVar[tuple[float, float]] = (6.0, 6.8)
    ISSUES: ClassVar[int] = 1
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {
        "foreclose: the hawk's veto holds (E2)": _e2(capacity="foreclosed"),
        "unlimited: the veto is bought off (E2, E5)": _e2(capacity="unlimited"),
        "a small budget erodes tied hands (E2)": _e2(capacity="sized"),
        "too hawkish and foreclosed: no deal (E3)": _e2(hawk=0.9, capacity="foreclosed"),
        "size it: just enough to open the zone (E3)": _e2(hawk=0.9, budget=0.05),
        "two hawks, no payments: no deal": _e2(borealia="divided", capacity="foreclosed"),
        "two hawks, only Atlantica can pay": _e2(borealia="divided", capacity="unlimited"),
        "two hawks, only Borealia can pay": _e2(borealia="paying", capacity="foreclosed"),
        "two hawks, both can pay": _e2(borealia="paying", capacity="unlimited"),
    }

    def _make_controls(self) -> dict[str, Any]:
        borealia = widgets.Dropdown(
            options=list(BOREALIA.items()), value="unitary", description="Borealia"
        )
        return {
            "budget": slider("Atlantica's budget for paying its hawk", 0.03, 0.0, MOST, 0.01),
            "capacity": choice("Atlantica's payment capacity", CAPACITIES, "sized"),
            "hawk": choice("Atlantica's steelworkers (hawk)", HAWKS, 0.6),
            "borealia": borealia,
            "solution": choice("solution", SOLUTIONS, "nash"),
        }

    def _scenario(self, values: Mapping[str, Any]) -> nk.Negotiation:
        return talks(values)

    @staticmethod
    def _shown(values: Mapping[str, Any]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        budgets, a, b, unitary = welfare_by_budget(
            values["hawk"], values["borealia"], values["solution"]
        )
        curves = {"Atlantica": a, "Borealia": b}
        return budgets, {**curves, "Atlantica if unitary (benchmark)": np.full_like(a, unitary)}

    @staticmethod
    def _fix_limits(statics: Any, curves: dict[str, np.ndarray]) -> None:
        """Limits that depend on the curves alone, whatever was shown before."""
        ys = np.concatenate(list(curves.values()))
        ys_limits = stable_limits(None, float(ys.min()), float(ys.max()))
        if (statics.ax.get_xlim(), statics.ax.get_ylim()) != (LIMITS, ys_limits):
            statics.ax.set(xlim=LIMITS, ylim=ys_limits)  # set alike, the ticks would redraw

    def _draw(
        self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> Views:
        grid = figure.add_gridspec(2, 1, height_ratios=(1.3, 1))
        line = draw_issue_line(figure.add_subplot(grid[0]), negotiation)
        line.set_unused(1, UNUSED if values["borealia"] == "unitary" else None)
        budgets, curves = self._shown(values)
        statics = draw_statics(
            figure.add_subplot(grid[1]), budgets, curves, budget_of(values, MOST),
            xlabel="Atlantica's budget for paying its hawk", ylabel="net welfare",
            colors=[*palette.NATION_COLORS, palette.NEUTRAL_COLOR],
        )  # fmt: skip
        statics.lines[2].set(zorder=1.9, linewidth=1.8)  # the benchmark under the nations
        ticks = np.linspace(0.0, MOST, 5)
        labels = [f"{t:.1f}" for t in ticks]
        labels[0], labels[-1] = "0: foreclosed", f"{labels[-1]}: unlimited"
        statics.ax.set_xticks(ticks, labels=labels)
        self._fix_limits(statics, curves)
        return Views(line=line, statics=statics)

    def _update(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> None:
        line, statics = self._views.line, self._views.statics
        line.update(negotiation)
        line.set_unused(1, UNUSED if values["borealia"] == "unitary" else None)
        budgets, curves = self._shown(values)
        statics.update(budgets, curves, budget_of(values, MOST))
        self._fix_limits(statics, curves)
        self.controls["budget"].disabled = values["capacity"] != "sized"

    def _describe(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        a, b, space = negotiation.a, negotiation.b, negotiation.space
        capacity = values["capacity"]
        if capacity == "foreclosed":
            text = "Atlantica has foreclosed side-payments: it cannot pay its steelworkers."
        elif capacity == "unlimited":
            text = "Atlantica can pay its steelworkers without limit."
        else:
            text = f"Atlantica can pay its steelworkers up to {_words.number(values['budget'])}."
        text += (
            f" Atlantica's win-set is {_words.intervals(a.win_set(space).intervals)} and "
            f"Borealia's {_words.intervals(b.win_set(space).intervals)}, so the zone of "
            f"agreement is {_words.intervals(negotiation.zone().intervals)}. "
            f"{_words.outcome(negotiation)}"
        )
        outcome = negotiation.outcome()
        for nation in (a, b):
            if nation.side_payments is not None and any(
                outcome.transfers[f.name] for f in nation.factions
            ):
                text += " " + _payments.transfers(nation, outcome)
        return f"{text} {self._who_gains(negotiation, values)}"

    def _who_gains(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        """Who gains from Atlantica's capacity to pay, and the budget best for Atlantica."""
        budgets, a, b, unitary = welfare_by_budget(
            values["hawk"], values["borealia"], values["solution"]
        )
        foreclosed = (a[0], b[0])
        if values["capacity"] == "foreclosed":
            other, when = (a[-1], b[-1]), "With unlimited payments"  # the right end
            gains = [other[k] - foreclosed[k] for k in (0, 1)]
        else:
            welfare = negotiation.outcome().welfare
            other, when = foreclosed, "Foreclosed"
            gains = [welfare["Atlantica"] - a[0], welfare["Borealia"] - b[0]]
        text = (
            f"{when}, Atlantica would get {_words.number(other[0])} and Borealia "
            f"{_words.number(other[1])}: the capacity to pay is worth "
            f"{_words.signed(gains[0])} to Atlantica and {_words.signed(gains[1])} to Borealia"
        )
        text += f" ({verdict(*gains)})."
        best = int(np.argmax(a > a.max() - 1e-9))
        if best == 0:
            text += f" Atlantica does best by foreclosing payments ({_words.number(a[0])}"
        else:
            text += f" Atlantica does best with a budget of {_payments.at_least(budgets[best])}"
            text += f" ({_words.number(a[best])}"
        return text + f"; a unitary Atlantica gets {_words.number(unitary)})."
