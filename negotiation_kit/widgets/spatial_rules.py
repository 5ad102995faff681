"""Lesson 4 explorer: ratification rules in the spatial model, lenses and gridlock.

Atlantica's three factions have ideal points on two issues and take the status quo as
their no-agreement point, so each accepts the disc around its ideal point that passes
through the status quo. The rule says which discs must overlap: under unanimity all three
(every faction is a veto player, Tsebelis 2002), under majority any two, under a leader the
leader's own disc (and its veto holder's). When the status quo lies inside the convex hull
of the veto players' ideal points, every move away from it hurts one of them: gridlock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as widgets  # type: ignore[import-untyped]
import numpy as np
from matplotlib.figure import Figure

from .. import model as nk
from ..model.gridlock import gridlocked, veto_players
from ..plotting import HullView, PlaneView, draw_issue_plane
from . import _words
from ._controls import slider
from ._preview import PlaneExplorer

PLANE = nk.Plane(x=(-3, 3), y=(-3, 3), labels=("issue 1: trade opening", "issue 2: green rules"))
IDEALS = {"industry": (2.0, 0.0), "green party": (0.0, 2.0)}
"""The first two factions' ideal points (docs/model.md E6); the farm lobby's is a control."""
BOREALIA = (1.5, -0.5)
"""Borealia's ideal point: more trade opening, slightly looser green rules."""
RULES = {
    "unanimity: all three can veto": "unanimity",
    "industry leads, greens can veto": "leader with veto",
    "industry leads alone": "leader",
    "majority: any two ratify": "majority",
}
"""From three veto players down to none."""
TIPS = {
    "rule": "Whose consent a deal needs: each faction that must accept adds its disc.",
    "quo_": "Policy stays here without an agreement: every disc passes through it.",
    "farm": "The policy the farm lobby likes best: the centre of its disc.",
}
INTRO = {
    "unanimity": "Under unanimity every faction is a veto player:",
    "majority": "Under majority no faction can veto alone:",
    "leader with veto": "The industry leads and the green party holds a veto:",
    "leader": "The industry decides alone:",
}
WIN_SET_SHAPE = {
    "unanimity": "the overlap of all three discs",
    "majority": "the union of the lens-shaped overlaps of any two discs",
    "leader with veto": "the lens where their two discs overlap",
    "leader": "its own disc",
}
E6 = {"rule": "unanimity", "quo_x": 0.0, "quo_y": 0.0, "farm_x": -1.0, "farm_y": -1.0}


def rule_for(name: str) -> Any:
    """The ``nk`` rule a rule control value stands for."""
    return {
        "unanimity": nk.Unanimity(),
        "majority": nk.Majority(),
        "leader with veto": nk.Leader("industry", vetoes=("green party",)),
        "leader": nk.Leader("industry"),
    }[name]


@dataclass(frozen=True)
class Views:
    """The explorer's plotting views, by name."""

    plane: PlaneView
    hull: HullView


class SpatialRulesExplorer(PlaneExplorer):
    """Discs through the status quo: which agreements do unanimity, majority and a leader allow?

    Each of Atlantica's three factions (industry, green party, farm lobby) accepts the disc
    around its ideal point that passes through the status quo; Borealia is one actor with
    its own disc. The dashed outline is the convex hull of Atlantica's veto players' ideal
    points: when the status quo lies inside it, Atlantica's win-set is empty (gridlock).
    Controls: the rule, the status quo and the farm lobby's ideal point. The presets give
    the worked example E6 of the kit's model (gridlock, and the lens of area 2π - 4).

    Examples
    --------
    >>> from negotiation_kit.widgets import SpatialRulesExplorer
    >>> explorer = SpatialRulesExplorer()
    >>> explorer.apply_preset("gridlock: unanimity (E6)")
    >>> explorer.negotiation.a.win_set(explorer.negotiation.space).is_empty
    True
    >>> explorer.apply_preset("two veto players: the lens (E6)")
    >>> round(explorer.negotiation.a.win_set(explorer.negotiation.space).area, 1)
    2.3
    """

    _views: Views

    FIGURE_SIZE: ClassVar[tuple[float, float]] = (6.4, 4.4)
    ISSUES: ClassVar[int] = 2
    PLANE: ClassVar[nk.Plane] = PLANE
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {
        "majority: lens-shaped pieces (E6)": {**E6, "rule": "majority"},
        "gridlock: unanimity (E6)": E6,
        "two veto players: the lens (E6)": {**E6, "rule": "leader with veto"},
        "status quo outside the hull": {**E6, "quo_x": 1.5, "quo_y": 1.5},
        "farm lobby moves: no more gridlock": {**E6, "farm_x": 1.0, "farm_y": 1.0},
        "a dominant faction": {**E6, "rule": "leader"},
    }

    def _make_controls(self) -> dict[str, Any]:
        rule = widgets.RadioButtons(
            options=list(RULES.items()), value="majority", description="Atlantica ratifies by"
        )
        controls = {
            "rule": rule,
            "quo_x": slider("status quo on issue 1", 0.0, -2.0, 2.0, 0.1),
            "quo_y": slider("status quo on issue 2", 0.0, -2.0, 2.0, 0.1),
            "farm_x": slider("farm lobby's ideal on issue 1", -1.0, -3.0, 3.0, 0.1),
            "farm_y": slider("farm lobby's ideal on issue 2", -1.0, -3.0, 3.0, 0.1),
        }
        for name, control in controls.items():
            control.tooltip = TIPS.get(name[:4], "")
        return controls

    def _build(self, values: Mapping[str, Any], plane: nk.Plane) -> nk.Negotiation:
        quo = (values["quo_x"], values["quo_y"])
        ideals = {**IDEALS, "farm lobby": (values["farm_x"], values["farm_y"])}
        factions = tuple(nk.Faction(name, nk.Spatial(ideal, quo)) for name, ideal in ideals.items())
        a = nk.Nation("Atlantica", factions, rule=rule_for(values["rule"]))
        b = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Spatial(BOREALIA, quo)),))
        return nk.Negotiation(a, b, plane)

    @staticmethod
    def _ideals(negotiation: nk.Negotiation) -> dict[str, Any]:
        """Every faction's ideal point, by name (Atlantica's, then Borealia's)."""
        factions = [*negotiation.a.factions, *negotiation.b.factions]
        return {f.name: f.gain.ideal for f in factions if isinstance(f.gain, nk.Spatial)}

    def _vetoes(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> list[Any]:
        """Atlantica's veto players' ideal points (``model.gridlock.veto_players``)."""
        ideals = self._ideals(negotiation)
        return [ideals[name] for name in veto_players(negotiation.a)]

    def _draw(
        self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> Views:
        plane = draw_issue_plane(figure.add_subplot(), negotiation)
        ideals, vetoes = self._ideals(negotiation), self._vetoes(negotiation, values)
        markers = self._markers(negotiation, values)
        return Views(plane=plane, hull=HullView(plane.ax, ideals, vetoes, markers))

    def _update(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> None:
        self._views.plane.update(negotiation)
        markers = self._markers(negotiation, values)
        self._views.hull.update(
            self._ideals(negotiation), self._vetoes(negotiation, values), markers
        )

    @staticmethod
    def _markers(negotiation: nk.Negotiation, values: Mapping[str, Any]) -> list[Any]:
        """The markers the faction names must not cover: the status quo and the outcome."""
        point = negotiation.outcome().agreement
        quo = (values["quo_x"], values["quo_y"])
        return [quo] if point is None else [quo, tuple(np.asarray(point, dtype=np.float64))]

    def _unitary(self, negotiation: nk.Negotiation) -> float | None:
        """Atlantica's net welfare if it bargained as one (``nk.Negotiation.benchmark``).

        None for a preview during a drag: a second Nash solve can wait until it rests.
        """
        if self.previewing(negotiation):
            return None
        return negotiation.benchmark("Atlantica").welfare["Atlantica"]

    def _describe(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        rule, space = values["rule"], negotiation.space
        quo = (values["quo_x"], values["quo_y"])
        vetoes = veto_players(negotiation.a)
        text = f"Every disc passes through the status quo ({_words.number(quo[0])}, "
        text += f"{_words.number(quo[1])}). "
        if gridlocked(negotiation.a):
            where = {
                0: "lies between the ideal points of the factions in every majority",
                1: "is the ideal point of the only veto player, the industry",
                2: "lies on the segment between the veto players' ideal points",
                3: "lies inside the convex hull of the veto players' ideal points",
            }[len(vetoes)]
            if len(vetoes) > 1:
                where += f" ({_and(vetoes)})"
            hurt = "a veto player" if vetoes else "a faction of every majority"
            text += (
                f"Gridlock: it {where}, so every change hurts {hurt} and Atlantica's "
                "win-set is empty."
            )
        else:
            area = _words.number(negotiation.a.win_set(space).area)
            text += f"{INTRO[rule]} Atlantica's win-set is {WIN_SET_SHAPE[rule]}, area {area}."
        welfare = negotiation.outcome().welfare["Atlantica"]
        unitary = self._unitary(negotiation)
        benchmark = "A unitary Atlantica's result (and Δ) follows when the controls rest."
        if unitary is not None:
            benchmark = f"A unitary Atlantica would get {_words.number(unitary)}, so Δ = "
            benchmark += f"{_words.signed(welfare - unitary)}."
        return (
            f"{text} Borealia's win-set has area "
            f"{_words.number(negotiation.b.win_set(space).area)} and the zone of agreement "
            f"{_words.number(negotiation.zone().area)}. {_words.outcome(negotiation)} {benchmark}"
        )


def _and(names: Sequence[str]) -> str:
    """Names in a list: "a, b and c"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
