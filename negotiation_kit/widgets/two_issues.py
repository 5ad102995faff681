"""Lesson 6 explorer: two issues, logrolls, and why division costs most in integrative bargains.

Atlantica and Borealia bargain over issue 1 (industry) and issue 2 (agriculture), each
coordinate oriented toward Atlantica. When both weigh the issues alike the bargain is purely
distributive: one side's gain is the other's loss. When Atlantica cares mostly about issue 1
and Borealia about issue 2, trading one for the other (a logroll) gains both: the bargain is
integrative (Raiffa 1982; Lax & Sebenius 1986). Atlantica's farm lobby cares only about issue
2, the issue a logroll gives away; with a veto it cuts the logroll off. Comparing Atlantica's
net welfare with a unitary Atlantica's gives ``Δ`` (in the spirit of Mayer 1992).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from matplotlib.figure import Figure

from .. import model as nk
from ..model.two_issues import tie
from ..plotting import (
    BenchmarkView,
    FrontierVeil,
    PayoffView,
    PlaneView,
    draw_issue_plane,
    draw_payoff_plane,
    half_plane,
)
from . import _words
from ._controls import choice, slider
from ._preview import PlaneExplorer

PLANE = nk.Plane(labels=("issue 1: industry (toward A)", "issue 2: agriculture (toward A)"))
RESERVATION = 0.3
"""What each nation needs from a deal: its welfare is its weighted terms minus 0.3."""
POLITICS = {"unitary: one actor": "unitary", "divided: farm lobby can veto": "divided"}
START = {"integrative": 0.75, "politics": "divided", "demand": 0.7}
MARGIN = 0.04
"""Blank space around the issue plane, as a share of it: room for a star on an edge."""
PLANES = (1.25, 1.0)
"""How the figure's height is shared: the issue plane above, the payoff plane below."""


def weights(integrative: float) -> tuple[float, float]:
    """Atlantica's weights on issues 1 and 2 (Borealia's are the same, swapped).

    >>> weights(0.0), weights(1.0)
    ((0.5, 0.5), (0.9, 0.1))
    """
    return (round(0.5 + 0.4 * integrative, 12), round(0.5 - 0.4 * integrative, 12))


@dataclass(frozen=True)
class Views:
    """The explorer's plotting views, by name."""

    plane: PlaneView
    payoff: PayoffView
    benchmark: BenchmarkView
    veil: FrontierVeil


class TwoIssueExplorer(PlaneExplorer):
    """Two issues: a logroll, and a farm lobby's veto that cuts it off.

    Above: the issue plane, with each faction's iso-gain line ``g = 0`` (the arrow points
    to the deals it accepts), both win-sets, the zone of agreement, its Pareto frontier, the
    Nash outcome (filled star) and a unitary Atlantica's outcome (hollow star). Below: the
    two nations' net welfare; the arrow from the hollow to the filled star is ``Δ``.
    Controls: how integrative the bargain is, whether Atlantica's farm lobby (which cares
    only about issue 2) can veto, and what it demands on issue 2.

    Examples
    --------
    >>> from negotiation_kit.widgets import TwoIssueExplorer
    >>> explorer = TwoIssueExplorer()
    >>> round(explorer.negotiation.desirability("Atlantica"), 2)
    -0.3
    >>> explorer.set(integrative=0.0)
    >>> round(explorer.negotiation.desirability("Atlantica"), 2)
    0.0
    """

    _views: Views

    FIGURE_SIZE: ClassVar[tuple[float, float]] = (7.0, 7.4)
    ISSUES: ClassVar[int] = 2
    PLANE: ClassVar[nk.Plane] = PLANE
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {
        "integrative, farm lobby can veto": START,
        "distributive: the veto costs nothing": {**START, "integrative": 0.0},
        "integrative, unitary: the logroll": {**START, "integrative": 1.0, "politics": "unitary"},
        "fully integrative: the logroll is cut": {**START, "integrative": 1.0},
        "a modest demand: tied hands": {"integrative": 0.5, "politics": "divided", "demand": 0.3},
        "a demand that kills the deal": {**START, "integrative": 1.0, "demand": 0.8},
    }

    def _make_controls(self) -> dict[str, Any]:
        integrative = slider("how integrative the bargain is", 0.75, 0.0, 1.0, 0.05)
        integrative.tooltip = (
            "0: both nations weigh the two issues alike (purely distributive). 1: Atlantica "
            "cares mostly about issue 1 and Borealia about issue 2, so a logroll gains both."
        )
        demand = slider("farm lobby's demand on issue 2", 0.7, 0.0, 1.0, 0.05)
        demand.tooltip = (
            "The farm lobby accepts only deals with issue 2 at least this far toward A."
        )
        return {
            "integrative": integrative,
            "politics": choice("Atlantica's politics", POLITICS, "divided"),
            "demand": demand,
        }

    def _build(self, values: Mapping[str, Any], plane: nk.Plane) -> nk.Negotiation:
        first, second = weights(values["integrative"])
        demand = values["demand"]
        industry = nk.Additive((first, 0.0), RESERVATION - second * demand)
        farm = nk.Additive((0.0, second), second * demand)
        rule: Any = nk.NationalWelfare()
        if values["politics"] == "divided":
            rule = nk.Leader("industry", vetoes=("farm lobby",))
        a = nk.Nation(
            "Atlantica", (nk.Faction("industry", industry), nk.Faction("farm lobby", farm)), rule
        )
        borealia = nk.Additive((-second, -first), RESERVATION - 1.0)
        b = nk.Nation("Borealia", (nk.Faction("Borealia", borealia),))
        return nk.Negotiation(a, b, plane)

    @staticmethod
    def _unitary_point(negotiation: nk.Negotiation) -> tuple[Any, bool]:
        """Where the hollow star goes, and whether many agreements tie for a unitary Atlantica.

        When they tie (``model.two_issues.tie``) the star marks their middle: the same point
        for the same unitary bargain, however Atlantica's inside is divided.
        """
        unitary = negotiation.benchmark("Atlantica")
        if unitary.agreement is None or unitary is negotiation.outcome():
            return unitary.agreement, False
        return tie(negotiation.unitary("Atlantica"))

    def _draw(
        self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> Views:
        # One plane above the other, each with its legend on its right: side by side, a
        # 464-pixel notebook cell (a laptop's window with the file browser open) showed
        # both too small to read.
        grid = figure.add_gridspec(2, 1, height_ratios=PLANES)
        plane = draw_issue_plane(figure.add_subplot(grid[0]), negotiation)
        plane.set_margin(MARGIN)  # a hollow star in a corner stays clear of the tick labels
        payoff = draw_payoff_plane(figure.add_subplot(grid[1]), negotiation, legend="right")
        benchmark = BenchmarkView(plane.ax, payoff.ax, "Atlantica")
        veil = FrontierVeil(plane)
        self._show_benchmark(benchmark, negotiation, payoff)
        engine = figure.get_layout_engine()  # lay out now: the Δ label is placed in pixels
        if engine is not None:
            engine.execute(figure)
            self._show_benchmark(benchmark, negotiation, payoff)
        return Views(plane=plane, payoff=payoff, benchmark=benchmark, veil=veil)

    def _show_benchmark(
        self, view: BenchmarkView, negotiation: nk.Negotiation, payoff: PayoffView
    ) -> None:
        unitary = negotiation.benchmark("Atlantica")
        outcome = negotiation.outcome()
        welfare = (unitary.welfare["Atlantica"], unitary.welfare["Borealia"])
        divided = None
        if outcome.agreement is not None:
            divided = (outcome.welfare["Atlantica"], outcome.welfare["Borealia"])
        edge: Any = ()
        total = np.zeros(2)
        if unitary is not outcome:  # where national welfare W = sum of the gains is zero
            gains = [f.gain for f in negotiation.a.factions if isinstance(f.gain, nk.Additive)]
            total = np.sum([g.weights for g in gains], axis=0)
            box = (*PLANE.x, *PLANE.y)
            edge = half_plane(tuple(total), sum(g.threshold for g in gains), box)[1]
        point = self._unitary_point(negotiation)[0]
        view.update(point, welfare, divided, edge, total / (np.hypot(*total) or 1.0))
        payoff.keep_clear([welfare] if point is not None else [])

    def _update(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> None:
        views = self._views
        views.plane.update(negotiation)
        views.payoff.update(negotiation)
        self._show_benchmark(views.benchmark, negotiation, views.payoff)
        views.veil.update()

    def _describe(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        first, second = (_words.number(w) for w in weights(values["integrative"]))
        if first == second:
            bargain = (
                f"Both nations weigh the two issues alike ({first} each): the bargain is "
                "purely distributive, one side's gain is the other's loss, so every deal in the "
                "zone is Pareto-efficient."
            )
        else:
            bargain = (
                f"Atlantica weighs issue 1 at {first} and issue 2 at {second}, Borealia the "
                "reverse: the bargain is integrative, a logroll giving Atlantica issue 1 and "
                "Borealia issue 2 gains both."
            )
        demand = _words.number(values["demand"])
        politics = "Atlantica ratifies as one actor (national welfare)."
        if values["politics"] == "divided":
            politics = f"Atlantica's farm lobby can veto any deal with issue 2 below {demand}."
        space = negotiation.space
        areas = (negotiation.a.win_set(space).area, negotiation.b.win_set(space).area)
        sets = (
            f"Atlantica's win-set has area {_words.number(areas[0])}, Borealia's "
            f"{_words.number(areas[1])} and the zone of agreement "
            f"{_words.number(negotiation.zone().area)}."
        )
        return f"{bargain} {politics} {sets} {self._result(negotiation)}"

    def _result(self, negotiation: nk.Negotiation) -> str:
        """The outcome, the joint gain, the unitary benchmark and ``Δ`` in words."""
        outcome, unitary = negotiation.outcome(), negotiation.benchmark("Atlantica")
        text = _words.outcome(negotiation)
        if outcome.agreement is not None:
            text = f"{text[:-1]} (joint gain {_words.number(sum(outcome.welfare.values()))})."
        if unitary is outcome:
            return f"{text} Atlantica bargains as one actor, its own benchmark: Δ = 0.00."
        delta = outcome.welfare["Atlantica"] - unitary.welfare["Atlantica"]
        if delta < -_words.CLOSE:
            verdict = "the farm lobby's veto costs Atlantica"
        elif delta > _words.CLOSE:
            verdict = "the farm lobby's veto helps Atlantica (tied hands)"
        else:
            verdict = "the farm lobby's veto makes no difference to Atlantica"
        welfare = (
            f"{_words.number(unitary.welfare['Atlantica'])} (joint gain "
            f"{_words.number(sum(unitary.welfare.values()))})"
        )
        point, tied = self._unitary_point(negotiation)
        if point is None:
            benchmark = f"A unitary Atlantica would reach no agreement with {welfare}"
        else:
            x, y = (_words.number(v) for v in np.asarray(point, dtype=np.float64))
            benchmark = f"A unitary Atlantica would settle at ({x}, {y}) with {welfare}"
            if tied:
                benchmark = (
                    f"Many agreements tie for a unitary Atlantica, each giving it {welfare}; "
                    f"the hollow star marks one of them, ({x}, {y}). Δ = {_words.signed(delta)}"
                )
                return f"{text} {benchmark}: {verdict}."
        return f"{text} {benchmark}, so Δ = {_words.signed(delta)}: {verdict}."
