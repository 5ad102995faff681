"""Lesson 7 explorer: internal side-payments, in the spirit of Mayer (1992).

Atlantica is divided: exporters (doves) gain from almost any deal, steelworkers (hawks)
block terms below their reservation. Linking the deal to a domestic instrument lets the
winners pay the losers: one unit paid delivers ``efficiency`` units, a ``budget`` caps the
total paid, and only the ``payers`` may pay. Atlantica ratifies ``x`` when the minimum
compensation its losers need, ``D*(x)``, can be paid: ``D*(x)/e <= min(budget, payers'
gains)``; the deadweight ``(1/e - 1) D*(x)`` is lost, so Atlantica's principal is its net
welfare ``N(x) = W(x) - (1/e - 1) D*(x)`` (the kit's model, §3).

Whatever the hawk's reservation, the exporters' moves with it so that Atlantica's national
welfare stays ``W(x) = x - 0.2``, as in the kit's worked examples E1 to E5: the same
national interest, a different inside. With a third faction (farmers, also hawkish) the
rule is unanimity or a weighted majority; under a majority only the cheapest pivotal loser
is paid (targeting).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as widgets  # type: ignore[import-untyped]
import numpy as np
from matplotlib.figure import Figure

from .. import model as nk
from ..model import thresholds
from ..model.winsets import difference
from ..plotting import (
    LineView,
    ShadedIntervals,
    StaticsView,
    draw_issue_line,
    draw_statics,
    palette,
)
from . import _payments, _words
from ._base import Explorer
from ._controls import choice, slider
from ._memo import Memo

DOVE, HAWK, FARMERS = "exporters (dove)", "steelworkers (hawk)", "farmers (hawk)"
SETUPS = {
    "exporters + steelworkers, both veto": "pair",
    "+ farmers, all three veto": "all veto",
    "+ farmers, majority vote (targeting)": "majority",
}
PAYERS = {"every faction that gains": "gainers", "only the exporters": "exporters"}
NO_CAP = 1.0
"""The budget slider's right end: no cap (more than the payers could ever pay here)."""
X = np.linspace(0.0, 1.0, 201)
TOP, BOTTOM = 1.0, -0.6
"""Curves are cut off beyond these (payments needed at a tiny efficiency are huge)."""
PAYMENT_LIMITS, WELFARE_LIMITS = (-0.05, TOP + 0.05), (BOTTOM - 0.05, 0.9)
E3 = {"hawk_reservation": 0.9, "budget": NO_CAP, "payers": "gainers", "setup": "pair"}
E2 = {**E3, "hawk_reservation": 0.6}


def atlantica(values: Mapping[str, Any]) -> nk.Nation:
    """Atlantica for the control ``values``; its welfare is always ``W(x) = x - 0.2``.

    >>> a = atlantica({**E3, "efficiency": 1.0})
    >>> [f.gain.reservation for f in a.factions], a.welfare(0.5)
    ([-0.5, 0.9], 0.3)
    """
    hawk, setup = values["hawk_reservation"], values["setup"]
    # (name, stake, reservation, weight); the exporters' stake is 0.5, their weight 0.4
    others = [(HAWK, 0.5, hawk, 1.0)]
    if setup != "pair":
        others = [(HAWK, 0.4, hawk, 0.3), (FARMERS, 0.1, 0.7, 0.3)]
    rest = sum(stake * reservation for _, stake, reservation, _ in others)
    dove = nk.Faction(DOVE, nk.Linear(0.5, (0.2 - rest) / 0.5), weight=0.4)
    budget = math.inf if values["budget"] >= NO_CAP else values["budget"]
    payers = None if values["payers"] == "gainers" else (DOVE,)
    return nk.Nation(
        "Atlantica",
        (dove, *(nk.Faction(n, nk.Linear(s, r), weight=w) for n, s, r, w in others)),
        rule=nk.Majority() if setup == "majority" else nk.Unanimity(),
        side_payments=nk.SidePayments(values["efficiency"], budget, payers),
    )


@dataclass(frozen=True)
class Views:
    """The explorer's plotting views, by name."""

    line: LineView
    payments: StaticsView
    welfare: StaticsView
    band: ShadedIntervals


def _talks(values: Mapping[str, Any]) -> nk.Negotiation:
    borealia = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, 0.8)),))
    return nk.Negotiation(atlantica(values), borealia, nk.Line())


def _cut(y: np.ndarray) -> np.ndarray:
    return np.where((y > TOP) | (y < BOTTOM), np.nan, y)


class SidePaymentsExplorer(Explorer):
    """Winners pay losers: how efficiency, a budget and who pays reshape Atlantica's win-set.

    Top: the issue line; the pale part of Atlantica's win-set is ratified only with
    side-payments. Middle, along the same issue: what ratifying ``x`` takes (the payers
    must pay ``D*(x)/e`` so that the losers receive ``D*(x)``) against what the payers can
    pay (their gains, and the budget cap); Atlantica ratifies where the first is below
    both. Bottom: Atlantica's welfare ``W``, its net welfare ``N`` (the gap is the
    deadweight) and Borealia's net welfare; the dashed line marks the outcome.

    Examples
    --------
    >>> from negotiation_kit.widgets import SidePaymentsExplorer
    >>> explorer = SidePaymentsExplorer()
    >>> explorer.set(hawk_reservation=0.6, efficiency=1.0)  # docs/model.md E5
    >>> explorer.negotiation.a.win_set(explorer.negotiation.space).intervals
    [(0.2, 1.0)]
    >>> explorer.negotiation.outcome().agreement
    0.5
    >>> explorer.set(efficiency=0.0)  # no payment possible: E2's tied hands
    >>> explorer.negotiation.outcome().agreement
    0.6
    """

    _views: Views
    FIGURE_SIZE: ClassVar[tuple[float, float]] = (6.0, 8.6)
    RELAYOUT: ClassVar[bool] = False
    """Switching setups renames the issue line's rows; the steelworkers' row, there in every
    setup, sets the margin, so the first layout serves them all."""
    ISSUES: ClassVar[int] = 1
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {
        "E2: the hawk's veto, no payments": {**E2, "efficiency": 0.0},
        "E5: efficient payments restore the win-set (E2)": {**E2, "efficiency": 1.0},
        "E3: too hawkish, no payments": {**E3, "efficiency": 0.0},
        "E5: efficient payments rescue the deal (E3)": {**E3, "efficiency": 1.0},
        "leaky payments: half is lost (E3)": {**E3, "efficiency": 0.5},
        "below the efficiency threshold (E3)": {**E3, "efficiency": 0.07},
        "a budget just large enough (E3)": {**E3, "efficiency": 1.0, "budget": 0.05},
        "targeting: majority pays the cheapest loser": {
            **E3, "hawk_reservation": 0.8, "efficiency": 1.0, "setup": "majority",
        },
        "three vetoes: the steelworkers chip in": {
            **E2, "hawk_reservation": 0.3, "efficiency": 0.25, "setup": "all veto",
        },
    }  # fmt: skip

    def _make_controls(self) -> dict[str, Any]:
        setup = widgets.Dropdown(
            options=list(SETUPS.items()), value="pair", description="Atlantica's factions"
        )
        return {
            "hawk_reservation": slider("steelworkers' (hawk's) reservation", 0.9, 0.2, 0.95, 0.01),
            "efficiency": slider("efficiency (share of a payment that arrives)", 0.5, 0, 1, 0.01),
            "budget": slider("budget cap on payments (right end: none)", NO_CAP, 0, NO_CAP, 0.01),
            "payers": choice("who pays", PAYERS, "gainers"),
            "setup": setup,
        }

    def __init__(self) -> None:
        self._scenarios: Memo[nk.Negotiation] = Memo()
        self._least: Memo[float | None] = Memo()
        super().__init__()

    def _scenario(self, values: Mapping[str, Any]) -> nk.Negotiation:
        return self._scenarios.get(tuple(sorted(values.items())), lambda: _talks(values))

    @staticmethod
    def _curves(
        negotiation: nk.Negotiation,
    ) -> tuple[np.ndarray, dict[str, np.ndarray], dict[str, np.ndarray], float]:
        """Along the issue: payments (needed, payable) and welfare; and the outcome."""
        a, b = negotiation.a, negotiation.b
        payments = a.side_payments
        assert payments is not None
        kinks = [f.gain.centre for f in a.factions if isinstance(f.gain, nk.Linear)]
        x = np.union1d(X, np.clip(kinks, 0.0, 1.0))
        _, needed, able = _payments.needs(a, x)
        e = payments.efficiency
        with np.errstate(divide="ignore", invalid="ignore"):
            paid = (
                np.where(needed > 0, needed / e, 0.0) if e > 0 else np.where(needed > 0, np.inf, 0)
            )
        pay = {
            "payers must pay, D*(x)/e": _cut(paid),
            "losers must receive, D*(x)": _cut(needed),
            "payers' gains (the most they can pay)": _cut(able),
            "budget cap (if any)": np.full_like(
                x, payments.budget if payments.budget < TOP else np.nan
            ),
        }
        welfare = {
            "Atlantica's welfare, W(x)": _cut(a.welfare(x)),
            "Atlantica's net welfare, N(x)": _cut(a.net_welfare(x)),
            "Borealia's net welfare": _cut(b.net_welfare(x)),
        }
        point = negotiation.outcome().agreement
        return x, pay, welfare, math.nan if point is None else float(point)

    def _draw(
        self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> Views:
        grid = figure.add_gridspec(3, 1, height_ratios=(1.5, 1, 1))
        line = draw_issue_line(figure.add_subplot(grid[0]), negotiation)
        x, pay, welfare, here = self._curves(negotiation)
        blue, sky = palette.faction_colors(0, 2)
        payments = draw_statics(
            figure.add_subplot(grid[1]), x, pay, here, xlabel="", ylabel="amount",
            colors=[blue, sky, palette.OTHER_COLORS[0], palette.NEUTRAL_COLOR],
        )  # fmt: skip
        worth = draw_statics(
            figure.add_subplot(grid[2]), x, welfare, here, xlabel="terms (toward A)",
            ylabel="welfare", colors=[blue, palette.dark(0), palette.NATION_COLORS[1]],
        )  # fmt: skip
        views = Views(
            line=line, payments=payments, welfare=worth, band=ShadedIntervals(payments.ax)
        )
        self._fix_limits(views)
        self._shade(views)
        return views

    def _update(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> None:
        views = self._views
        views.line.update(negotiation)
        x, pay, welfare, here = self._curves(negotiation)
        views.payments.update(x, pay, here)
        views.welfare.update(x, welfare, here)
        self._fix_limits(views)
        self._shade(views)

    @staticmethod
    def _shade(views: Views) -> None:
        """Shade where payments ratify what the rule alone would not (as on the issue line)."""
        a = views.line.data.a
        views.band.update(difference(a.win_set, a.without_payments))

    @staticmethod
    def _fix_limits(views: Views) -> None:
        """Line the curves up with the issue line; fixed y-limits (no jumps while dragging)."""
        for view, limits in ((views.payments, PAYMENT_LIMITS), (views.welfare, WELFARE_LIMITS)):
            _set_limits(view.ax, views.line.ax.get_xlim(), limits)

    def _describe(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        a, b, space = negotiation.a, negotiation.b, negotiation.space
        payments = a.side_payments
        assert payments is not None
        plain = self._views.line.data.a.without_payments  # the issue line's, for this frame
        partner = b.win_set(space).intervals
        text = (
            f"Atlantica's win-set is {_words.intervals(a.win_set(space).intervals)} "
            f"({_words.intervals(plain)} without payments) and Borealia's "
            f"{_words.intervals(partner)}, so the zone of agreement is "
            f"{_words.intervals(negotiation.zone().intervals)}. {_words.outcome(negotiation)}"
        )
        outcome = negotiation.outcome()
        if outcome.agreement is not None:
            welfare = a.welfare(outcome.agreement)
            text += f" {_payments.transfers(a, outcome)}{self._who_pays(outcome, a.factions)}"
            text += " Atlantica's welfare W is "
            text += f"{_words.number(welfare)} before the deadweight, N = "
            text += f"{_words.number(outcome.welfare[a.name])} after."
        return f"{text} {self._thresholds(a, partner, values)}"

    @staticmethod
    def _who_pays(outcome: nk.Outcome, factions: tuple[nk.Faction, ...]) -> str:
        """Why "who pays" does not matter at these terms, when only the exporters gain there.

        Whichever factions may pay, only those that gain at the agreement can: when that is
        the exporters alone, they pay the whole compensation either way. A student who
        flips the toggle and sees the same deal is told why instead of thinking it broken.
        Read from the outcome already computed; the other choice's negotiation is not built.
        """
        names = [f.name for f in factions]
        gainers = [name for name in names if outcome.faction_gains[name] > _payments.TINY]
        paid = any(outcome.transfers[name] > _payments.TINY for name in names)
        if not paid or gainers != [DOVE]:
            return ""
        return (
            " The exporters are the only faction that gains at these terms, so they pay the"
            " whole compensation whoever is allowed to pay."
        )

    def _thresholds(
        self, a: nk.Nation, partner: list[tuple[float, float]], values: Mapping[str, Any]
    ) -> str:
        """The least efficiency and the least budget that open the zone, in words.

        The least efficiency does not depend on the efficiency, nor the least budget on the
        budget: each is kept by the other control values, so dragging one of those two
        sliders computes only the other threshold.
        """
        payments = a.side_payments
        assert payments is not None
        efficiency = self._least.get(
            ("efficiency", *_except(values, "efficiency")),
            lambda: thresholds.least_efficiency(a, partner, payments.budget),
        )
        if efficiency == 0.0:
            return "The rule alone leaves a zone of agreement: payments only move the deal."
        cap = "with no budget cap" if math.isinf(payments.budget) else "with this budget"
        if efficiency is None:
            first = f"No efficiency opens the zone {cap}"
        elif _payments.at_least(efficiency) == _words.number(1.0):
            first = f"{cap[0].upper()}{cap[1:]}, payments open the zone only when they are "
            first += "fully efficient (e = 1)"
        else:
            first = f"Payments open the zone at efficiency {_payments.at_least(efficiency)} "
            first += f"or more ({cap})"
        budget = self._least.get(
            ("budget", *_except(values, "budget")),
            lambda: thresholds.least_budget(a, partner, payments.efficiency),
        )
        e = _words.number(payments.efficiency)
        if budget is None:
            second = f"at efficiency {e} no budget opens it"
        else:
            second = f"at efficiency {e} a budget of {_payments.at_least(budget)} is just enough"
        return f"{first}; {second}."


def _except(values: Mapping[str, Any], name: str) -> tuple[tuple[str, Any], ...]:
    """The control values but ``name``'s, as a key."""
    return tuple(sorted((key, value) for key, value in values.items() if key != name))


def _set_limits(ax: Any, x: tuple[float, float], y: tuple[float, float]) -> None:
    """Set an Axes' limits if they differ: limits set again, even alike, mark its ticks
    stale, and the renderer would then draw the Axes' layers anew."""
    if (tuple(ax.get_xlim()), tuple(ax.get_ylim())) != (tuple(x), tuple(y)):
        ax.set(xlim=x, ylim=y)
