"""A bar per ratification rule: nation A's net welfare under each, beside the unitary benchmark.

One horizontal bar per rule (the rule in force in nation A's blue, the others pale), its
value written at its end, and a dashed line at what a unitary nation A would get: a bar
reaching past the line is a rule under which division helps (``Δ > 0``). ``rule_bars_data``
computes what is drawn from the model; ``draw_rule_bars`` draws it once and ``update``
changes widths, colours, texts and the line in place.

Examples
--------
>>> import negotiation_kit as nk
>>> from negotiation_kit.plotting import new_figure
>>> a = nk.Nation("Atlantica", [nk.Faction("exporters", nk.Linear(0.5, -0.2)),
...                             nk.Faction("steelworkers", nk.Linear(0.5, 0.6))])
>>> b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
>>> talks = nk.Negotiation(a, b, nk.Line())  # docs/model.md E2
>>> rules = {"unanimity": nk.Unanimity(), "the exporters decide": nk.Leader("exporters")}
>>> data = rule_bars_data(talks, rules)
>>> data.welfare, data.current, data.benchmark
((0.4, 0.3), 0, 0.3)
>>> fig = new_figure(6, 3)
>>> view = draw_rule_bars(fig.add_subplot(), data, (0.0, 0.6))
>>> [bar.get_width() for bar in view.bars], view.values[0].get_text()
([0.4, 0.3], '0.40')
>>> fig.canvas.draw()
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..model import Negotiation
from . import palette
from ._base import View, legend_above
from .numbers import number

CURRENT = palette.NATION_COLORS[0]
OTHERS = "#A6CEE4"
"""The rules not in force: nation A's blue mixed with 65% white."""
BENCHMARK = palette.FRONTIER_COLOR


@dataclass(frozen=True)
class RuleBarsData:
    """What the bars show: one label and net welfare per rule (top to bottom), the index
    of the rule in force (``None`` if none of them) and the unitary benchmark."""

    rules: tuple[str, ...]
    welfare: tuple[float, ...]
    current: int | None
    benchmark: float


def rule_bars_data(negotiation: Negotiation, rules: Mapping[str, Any]) -> RuleBarsData:
    """Nation A's net welfare at the outcome under each of ``rules`` (label -> rule).

    The rule in force is the one equal to ``negotiation.a.rule``; the benchmark is what
    nation A gets acting as one against the same nation B (``negotiation.benchmark``).
    """
    a = negotiation.a
    welfare = tuple(
        _welfare(dataclasses.replace(negotiation, a=dataclasses.replace(a, rule=rule)))
        for rule in rules.values()
    )
    current = next((k for k, rule in enumerate(rules.values()) if rule == a.rule), None)
    benchmark = negotiation.benchmark(a.name).welfare[a.name]
    return RuleBarsData(tuple(rules), welfare, current, benchmark)


def _welfare(negotiation: Negotiation) -> float:
    return negotiation.outcome().welfare[negotiation.a.name]


class RuleBarsView(View):
    """Bars labelled by rule (top to bottom) on a fixed x-range ``limits``."""

    def __init__(
        self, ax: Axes, data: RuleBarsData, limits: tuple[float, float], nation: str
    ) -> None:
        super().__init__(ax)
        rows = np.arange(len(data.rules))
        with palette.style():
            palette.style_axes(ax)
            container = ax.barh(rows, np.zeros(rows.size), height=0.62, color=OTHERS, zorder=2)
            self.bars = [self._keep(bar) for bar in container]
            self.values = [
                self._keep(
                    ax.text(0.0, float(row), "", va="center", ha="left", fontsize=12, zorder=3)
                )
                for row in rows
            ]
            self.line = self._keep(ax.axvline(0.0, color=BENCHMARK, ls="--", lw=2.0, zorder=4))
            ax.set_yticks(rows, labels=list(data.rules))
            ax.tick_params(axis="y", length=0)
            ax.spines["left"].set_visible(False)
            ax.set_ylim(rows.size - 0.4, -0.6)  # the first rule on top
            ax.set_xlim(*limits)
            ax.set_xlabel(f"net welfare of {nation}")
            handles = [
                Patch(facecolor=CURRENT),
                Patch(facecolor=OTHERS),
                Line2D([], [], color=BENCHMARK, ls="--", lw=2.0),
            ]
            labels = ["the rule in force", "the other rules", f"unitary {nation} (benchmark)"]
            self._keep(legend_above(ax, handles, labels))
        self.update(data)

    def update(self, data: RuleBarsData) -> None:
        """Show ``data``: widths and texts, the rule in force highlighted, the benchmark."""
        pad = 0.012 * float(np.diff(self.ax.get_xlim())[0])
        rows = zip(self.bars, self.values, data.welfare, strict=True)
        for k, (bar, text, value) in enumerate(rows):
            bar.set_width(value)
            bar.set_facecolor(CURRENT if k == data.current else OTHERS)
            text.set_x(value + pad)
            text.set_text(number(value))
        self.line.set_xdata([data.benchmark, data.benchmark])


def draw_rule_bars(
    ax: Axes, data: RuleBarsData, limits: tuple[float, float], nation: str = "Atlantica"
) -> RuleBarsView:
    """Draw ``data`` (from ``rule_bars_data``) as bars on ``ax``, x from ``limits``.

    ``nation`` names nation A in the axis label and the legend.
    """
    return RuleBarsView(ax, data, limits, nation)
