"""Lesson 4 explorer: one issue, one nation, several ways to ratify (the domestic process).

Atlantica's three factions of worked example E4 (exporters, farmers, steelworkers: a third
of the stake each, reservations -0.15, 0.2 and 0.55, political weights 0.25, 0.35 and 0.40)
ratify by unanimity (every faction a veto player, Tsebelis 2002), by a weighted quota, by
majority, or one faction decides. The same national interest, a different process: the
win-set, the zone and the outcome change, and with them ``Δ``, what division is worth to
Atlantica against a unitary Atlantica (in the spirit of Mayer 1992).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as widgets  # type: ignore[import-untyped]
from matplotlib.figure import Figure

from .. import model as nk
from ..plotting import LineView, RuleBarsData, RuleBarsView, draw_issue_line, draw_rule_bars
from . import _words
from ._base import Explorer
from ._controls import choice, slider
from ._division import delta_sentence
from ._memo import Memo
from ._notes import RowNotes

FACTIONS = {"exporters": -0.15, "farmers": 0.2, "steelworkers": 0.55}
"""E4: each faction's reservation (a third of the stake each)."""
RULES = {
    "unanimity": "unanimity",
    "majority": "majority",
    "weighted quota": "quota",
    **{f"leader: {name}": f"leader {name}" for name in FACTIONS},
}
WEIGHTED = ("quota", "majority")
"""The rules whose win-set depends on the factions' weights."""
SOLUTIONS = {"Nash": "nash", "split": "split"}
WEIGHTS = {"exporters": 0.25, "farmers": 0.35, "steelworkers": 0.40}
"""E4: each faction's political weight (for quotas and majority)."""
E4: dict[str, Any] = {
    "quota_share": 2 / 3,
    **{f"{name}_weight": weight for name, weight in WEIGHTS.items()},
    "solution": "nash",
}
CACHE = 256


def rule_for(key: str, share: float) -> Any:
    """The ``nk`` rule a rule control value stands for."""
    if key.startswith("leader "):
        return nk.Leader(key.removeprefix("leader "))
    return {"unanimity": nk.Unanimity(), "majority": nk.Majority()}.get(key, nk.Quota(share))


@dataclass(frozen=True)
class Views:
    """The explorer's plotting views, by name."""

    line: LineView
    bars: RuleBarsView
    weights: RowNotes
    rule: RowNotes


class RulesExplorer(Explorer):
    """Unanimity, a quota, majority or a leader: how does the rule change Atlantica's deal?

    Top: the issue line with the three factions' acceptance sets, Atlantica's win-set under
    the chosen rule, the zone of agreement with Borealia (who accepts terms up to 0.8) and
    the outcomes. Below: Atlantica's net welfare under every rule at once (the rule in force
    in dark blue) against a unitary Atlantica (dashed line); a bar past the line means
    division helps Atlantica under that rule (``Δ > 0``).
    Controls: the rule, the share of the weight a quota needs, each faction's political
    weight (it counts for the quota and majority only) and the solution. The presets
    reproduce worked example E4 of the kit's model.

    Examples
    --------
    >>> from negotiation_kit.widgets import RulesExplorer
    >>> explorer = RulesExplorer()
    >>> explorer.negotiation.zone().intervals, explorer.negotiation.outcome().agreement
    ([(0.55, 0.8)], 0.55)
    >>> explorer.set(rule="leader exporters", solution="split")
    >>> talks = explorer.negotiation
    >>> talks.outcome().agreement, round(talks.desirability("Atlantica"), 9)
    (0.4, -0.1)
    """

    _views: Views

    FIGURE_SIZE: ClassVar[tuple[float, float]] = (6.0, 7.0)
    ISSUES: ClassVar[int] = 1
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {
        "quota of 2/3 (E4)": {**E4, "rule": "quota"},
        "unanimity (E4)": {**E4, "rule": "unanimity"},
        "unanimity, split the difference (E4)": {**E4, "rule": "unanimity", "solution": "split"},
        "majority (E4)": {**E4, "rule": "majority"},
        "the steelworkers lead (E4)": {**E4, "rule": "leader steelworkers"},
        "the exporters lead (E4)": {**E4, "rule": "leader exporters"},
        "the exporters lead, split (E4)": {**E4, "rule": "leader exporters", "solution": "split"},
        "majority: the steelworkers outvote the rest": {
            **E4, "rule": "majority", "steelworkers_weight": 0.8
        },
    }  # fmt: skip

    def __init__(self) -> None:
        self._bars: Memo[float] = Memo(size=CACHE)
        super().__init__()

    def _make_controls(self) -> dict[str, Any]:
        return {
            "rule": widgets.RadioButtons(
                options=list(RULES.items()), value="quota", description="Atlantica ratifies by"
            ),
            "quota_share": slider("quota: share of weight needed", 2 / 3, 0.05, 1.0, 0.01),
            **{
                f"{name}_weight": slider(f"{name}' political weight", WEIGHTS[name],
                                         0.05, 1.0, 0.05)
                for name in FACTIONS
            },
            "solution": choice("solution", SOLUTIONS, "nash"),
        }  # fmt: skip

    def _scenario(self, values: Mapping[str, Any]) -> nk.Negotiation:
        factions = tuple(
            nk.Faction(name, nk.Linear(1 / 3, reservation), values[f"{name}_weight"])
            for name, reservation in FACTIONS.items()
        )
        rule = rule_for(values["rule"], values["quota_share"])
        a = nk.Nation("Atlantica", factions, rule=rule)
        b = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, 0.8)),))
        return nk.Negotiation(a, b, nk.Line(), solution=values["solution"])

    def _welfare_under(self, key: str, values: Mapping[str, Any]) -> float:
        """Atlantica's net welfare under rule ``key`` (cached by what that rule depends on)."""
        relevant = {"solution": values["solution"]}
        if key in WEIGHTED:
            relevant |= {k: v for k, v in values.items() if k.endswith("_weight")}
        if key == "quota":
            relevant["quota_share"] = values["quota_share"]
        scenario = {**E4, **relevant, "rule": key}
        return self._bars.get((key, *sorted(relevant.items())), lambda: self._welfare_of(scenario))

    def _welfare_of(self, values: Mapping[str, Any]) -> float:
        return _welfare(self._scenario(values))

    def _bar_data(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> RuleBarsData:
        """``plotting.rule_bars.rule_bars_data`` for this negotiation, each rule's welfare
        remembered by what that rule depends on (the rule in force from the model itself)."""
        keys = list(RULES.values())
        shown = [
            _welfare(negotiation) if key == values["rule"]
            else self._welfare_under(key, values)
            for key in keys
        ]  # fmt: skip
        benchmark = negotiation.benchmark("Atlantica").welfare["Atlantica"]
        return RuleBarsData(tuple(RULES), tuple(shown), keys.index(values["rule"]), benchmark)

    def _draw(
        self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> Views:
        grid = figure.add_gridspec(2, 1, height_ratios=(1.3, 1))
        line = draw_issue_line(figure.add_subplot(grid[0]), negotiation)
        bars = draw_rule_bars(
            figure.add_subplot(grid[1]), self._bar_data(negotiation, values), (0.0, 0.6)
        )
        rule = RowNotes(line.ax, _rule_note(values), lift=0.27)
        return Views(line=line, bars=bars, weights=RowNotes(line.ax, _weights(values)), rule=rule)

    def _update(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> None:
        views = self._views
        views.line.update(negotiation)
        views.bars.update(self._bar_data(negotiation, values))
        views.weights.update(_weights(values))
        views.rule.update(_rule_note(values))

    def _describe(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        space = negotiation.space
        ws_a = _words.intervals(negotiation.a.win_set(space).intervals)
        ws_b = _words.intervals(negotiation.b.win_set(space).intervals)
        zone = _words.intervals(negotiation.zone().intervals)
        unitary = negotiation.benchmark("Atlantica").welfare["Atlantica"]
        delta = negotiation.desirability("Atlantica")
        return (
            f"{_process(values)}: Atlantica's win-set is {ws_a} and Borealia's {ws_b}, so the "
            f"zone of agreement is {zone}. {_words.outcome(negotiation)} "
            + delta_sentence(
                unitary,
                delta,
                helps="this rule helps Atlantica",
                hurts="this rule hurts Atlantica",
                neutral="this rule makes no difference to Atlantica",
            )
        )


def _welfare(negotiation: nk.Negotiation) -> float:
    """Atlantica's net welfare at the outcome."""
    return negotiation.outcome().welfare["Atlantica"]


def _weights(values: Mapping[str, Any]) -> dict[str, str]:
    """Each faction's political weight, as written above its bar."""
    return {name: f"weight {values[f'{name}_weight']:.2f}" for name in FACTIONS}


def _rule_note(values: Mapping[str, Any]) -> dict[str, str]:
    """The rule in a few words, written above Atlantica's win-set."""
    rule = values["rule"]
    if rule.startswith("leader "):
        words = f"the {rule.removeprefix('leader ')} decide alone"
    else:
        words = {  # under a quota its share is written, so moving it visibly changes the figure
            "unanimity": "every faction must accept",
            "majority": "accepted by more than half of the weight",
        }.get(rule, f"accepted by at least {values['quota_share']:.0%} of the weight")
    return {"Atlantica's win-set": words}


def _process(values: Mapping[str, Any]) -> str:
    """The rule in force, in words."""
    rule = values["rule"]
    if rule.startswith("leader "):
        return f"The {rule.removeprefix('leader ')} decide alone"
    if rule == "unanimity":
        return "Under unanimity every faction can veto"
    weights = ", ".join(f"{name} {_words.number(values[f'{name}_weight'])}" for name in FACTIONS)
    if rule == "majority":
        need = "more than half of the weight"
    else:
        need = f"at least {values['quota_share']:.0%} of the weight"
    return f"The factions that accept must hold {need} ({weights})"
