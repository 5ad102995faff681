"""A bar per ratification rule: Atlantica's net welfare under each, beside the unitary benchmark.

One horizontal bar per rule (the rule in force in nation A's blue, the others pale), its
value written at its end, and a dashed line at what a unitary Atlantica would get: a bar
reaching past the line is a rule under which division helps (``Δ > 0``). Drawn once;
``update`` changes widths, colours, texts and the line in place.

Examples
--------
>>> from negotiation_kit.plotting import new_figure
>>> fig = new_figure(6, 3)
>>> view = RuleBars(fig.add_subplot(), ["unanimity", "majority"], (0.0, 0.6))
>>> view.update([0.35, 0.3], current=0, benchmark=0.3)
>>> [bar.get_width() for bar in view.bars], view.values[0].get_text()
([0.35, 0.3], '0.35')
>>> fig.canvas.draw()
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..plotting import palette
from ..plotting._base import View, legend_above

CURRENT = palette.NATION_COLORS[0]
OTHERS = "#A6CEE4"
"""The rules not in force: nation A's blue mixed with 65% white."""
BENCHMARK = palette.FRONTIER_COLOR


class RuleBars(View):
    """Bars labelled ``rules`` (top to bottom) on a fixed x-range ``limits``."""

    def __init__(self, ax: Axes, rules: Sequence[str], limits: tuple[float, float]) -> None:
        super().__init__(ax)
        rows = np.arange(len(rules))
        with palette.style():
            palette.style_axes(ax)
            container = ax.barh(rows, np.zeros(len(rules)), height=0.62, color=OTHERS, zorder=2)
            self.bars = [self._keep(bar) for bar in container]
            self.values = [
                self._keep(
                    ax.text(0.0, float(row), "", va="center", ha="left", fontsize=12, zorder=3)
                )
                for row in rows
            ]
            self.line = self._keep(ax.axvline(0.0, color=BENCHMARK, ls="--", lw=2.0, zorder=4))
            ax.set_yticks(rows, labels=list(rules))
            ax.tick_params(axis="y", length=0)
            ax.spines["left"].set_visible(False)
            ax.set_ylim(len(rules) - 0.4, -0.6)  # the first rule on top
            ax.set_xlim(*limits)
            ax.set_xlabel("net welfare of Atlantica")
            handles = [
                Patch(facecolor=CURRENT),
                Patch(facecolor=OTHERS),
                Line2D([], [], color=BENCHMARK, ls="--", lw=2.0),
            ]
            labels = ["the rule in force", "the other rules", "unitary Atlantica (benchmark)"]
            self._keep(legend_above(ax, handles, labels), static=True)
        self._register()

    def update(self, values: Sequence[float], current: int, benchmark: float) -> None:
        """Show ``values`` (one per rule), highlight rule ``current``, move the line."""
        pad = 0.012 * float(np.diff(self.ax.get_xlim())[0])
        for k, (bar, text, value) in enumerate(zip(self.bars, self.values, values, strict=True)):
            bar.set_width(value)
            bar.set_facecolor(CURRENT if k == current else OTHERS)
            text.set_x(value + pad)
            text.set_text(f"{round(value, 2) + 0.0:.2f}")
        self.line.set_xdata([benchmark, benchmark])
