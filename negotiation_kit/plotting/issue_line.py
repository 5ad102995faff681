"""The issue line: factions' acceptance sets, win-sets, the zone and the outcomes on one issue.

Rows from top to bottom: nation A's factions, A's win-set (a thicker bar), the zone of
agreement, B's win-set, B's factions. A nation with a single faction shows only its win-set
row (its one faction's acceptance set is the win-set). The zone is also shaded across every
row, so a reader sees which faction's bar it cuts; ticks mark each nation's unitary
reservation point (Putnam 1988's win-sets; Raiffa's zone of possible agreement).

Examples
--------
>>> import negotiation_kit as nk
>>> from negotiation_kit.plotting import draw_issue_line, new_figure
>>> b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
>>> a = nk.Nation("Atlantica", [nk.Faction("doves", nk.Linear(0.5, -0.2)),
...                             nk.Faction("hawks", nk.Linear(0.5, 0.6))])
>>> fig = new_figure(8, 4)
>>> view = draw_issue_line(fig.add_subplot(), nk.Negotiation(a, b, nk.Line()))
>>> view.data.zone
[(0.6, 0.8)]
>>> view.update(nk.Negotiation(a.unitary(), b, nk.Line()))
>>> view.data.zone, view.data.nash
([(0.2, 0.8)], 0.5)
>>> fig.canvas.draw()
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..model import Negotiation
from . import palette
from ._base import NegotiationView, end_labels, legend_above, place_ends
from .data import LineData, line_data
from .payoffs import Intervals

BAR_HEIGHT = 0.3
"""Faction bars, as a share of the distance between rows (so they never touch, whatever
the figure's size); win-set and zone bars are thicker."""
WIN_SET_HEIGHT = 0.48
TICK_HEIGHT = 0.8
UNUSED_COLOR = "#d4d4d4"
"""The bars of factions whose consent does not count (``LineView.set_unused``)."""


class LineView(NegotiationView):
    """The artists of one issue line; ``update(negotiation)`` moves them in place."""

    data: LineData

    def __init__(self, ax: Axes, negotiation: Negotiation) -> None:
        self._unused: dict[int, str] = {}
        super().__init__(ax, negotiation)

    def _data(self, negotiation: Negotiation) -> LineData:
        return line_data(negotiation)

    def set_unused(self, nation: int, note: str | None) -> None:
        """Grey out the faction rows of nation ``nation`` (0 for A, 1 for B) with ``note``
        written across them, e.g. when the nation acts as one and its factions' consent is
        not asked; ``None`` shows them as usual again.

        >>> import negotiation_kit as nk
        >>> from negotiation_kit.plotting import new_figure
        >>> b = nk.Nation("B", [nk.Faction("doves", nk.Linear(-0.5, 1.2)),
        ...                     nk.Faction("hawks", nk.Linear(-0.5, 0.4))], nk.NationalWelfare())
        >>> a = nk.Nation("A", [nk.Faction("A", nk.Linear(1, 0.2))])
        >>> view = draw_issue_line(new_figure(8, 4).add_subplot(), nk.Negotiation(a, b, nk.Line()))
        >>> view.set_unused(1, "(acts as one: not used)")
        >>> view.notes[1].get_text(), view.notes[1].get_visible()
        ('(acts as one: not used)', True)
        """
        if self._unused.get(nation) == note:
            return  # called on every frame: nothing to do unless it changes
        if note is None:
            self._unused.pop(nation, None)
        else:
            self._unused[nation] = note
        self._label_ticks()
        self._draw_data(self.data)

    # rows ---------------------------------------------------------------------------
    def _rows(self, data: LineData) -> list[tuple[str, int, int]]:
        """(kind, nation index, faction index) for each row from the top."""
        a, b = data.a, data.b
        rows = [("faction", 0, k) for k in range(len(a.factions))] if len(a.factions) > 1 else []
        rows += [("win-set", 0, -1), ("zone", -1, -1), ("win-set", 1, -1)]
        if len(b.factions) > 1:
            rows += [("faction", 1, k) for k in range(len(b.factions))]
        return rows

    def _labels(self, data: LineData) -> list[str]:
        """The row names, from the top."""
        labels = []
        for kind, n, k in self._rows(data):
            if kind == "faction":
                labels.append(data.nations[n].factions[k])
            elif kind == "win-set":
                labels.append(f"{data.nations[n].name}'s win-set")
            else:
                labels.append("zone of agreement")
        return labels

    def _y(self, kind: str, nation: int, faction: int = -1) -> float:
        return float(len(self._row_list) - 1 - self._row_list.index((kind, nation, faction)))

    # build --------------------------------------------------------------------------
    def _build(self) -> None:
        ax, data = self.ax, self.data
        self._row_list = self._rows(data)
        rows = len(self._row_list)
        keep = self._keep
        with palette.style():
            palette.style_axes(ax)
            self._span = keep(
                PolyCollection([], facecolors=[palette.ZONE_COLOR], edgecolors="none", zorder=0)
            )
            self._span.set_transform(ax.get_xaxis_transform())
            ax.add_collection(self._span, autolim=False)
            self._bars = keep(PolyCollection([], edgecolors="none", zorder=2))
            self._sets = keep(PolyCollection([], edgecolors="none", zorder=3))
            self._bought = keep(PolyCollection([], edgecolors="none", zorder=2.9))
            self._ticks = keep(LineCollection([], linewidths=3, zorder=4))
            for collection in (self._bars, self._sets, self._bought, self._ticks):
                ax.add_collection(collection, autolim=False)
            self._nash = keep(
                ax.plot([], [], ls="none", marker="*", ms=20, color=palette.NASH_COLOR,
                        mec="white", mew=1.0, zorder=6)[0]
            )  # fmt: skip
            self._split = keep(
                ax.plot([], [], ls="none", marker="D", ms=15, mfc="none", mew=2.5,
                        color=palette.SPLIT_COLOR, zorder=5)[0]
            )  # fmt: skip
            zone_y = self._y("zone", -1)
            low, high = data.space.low, data.space.high
            self._empty = keep(
                ax.text(0.5 * (low + high), zone_y, "no zone of agreement: no deal",
                        ha="center", va="center", style="italic", color=palette.NEUTRAL_COLOR)
            )  # fmt: skip
            self.notes = [
                keep(ax.text(0.5 * (low + high), 0, "", ha="center", va="center", zorder=5,
                             style="italic", color=palette.NEUTRAL_COLOR, visible=False,
                             bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85}))
                for _ in data.nations
            ]  # fmt: skip
            ax.set_xlim(low - 0.02 * (high - low), high + 0.02 * (high - low))
            ax.set_ylim(-0.7, rows - 0.3)
            ax.set_yticks(np.arange(rows), labels=self._labels(data)[::-1])
            ax.tick_params(axis="y", length=0)
            ax.spines["left"].set_visible(False)
            self._label_ticks()
            ax.set_xlabel(data.space.label)
            self._ends = end_labels(ax, *self._end_words(data), self._end_words(data, False))
            for text in self._ends:
                keep(text)
            handles = [
                self._nash,
                self._split,
                Line2D([], [], ls="none", marker="|", ms=16, mew=3, color=palette.NEUTRAL_COLOR),
            ]
            labels = list(self.LEGEND)
            paying = [n for n, nation in enumerate(data.nations) if nation.payments]
            if paying:
                light = _light(palette.NATION_COLORS[paying[0]])
                handles.append(Patch(facecolor=light, edgecolor="none"))
                labels.append("needs side-payments")
            self._legend = keep(legend_above(ax, handles, labels))
        self._draw_data(data)

    @staticmethod
    def _end_words(data: LineData, full: bool = True) -> tuple[str, str]:
        """Who each end of the line favours (``full``: in more words)."""
        better = "better " if full else ""
        return (f"← {better}for {data.b.name}", f"{better}for {data.a.name} →")

    def _label_ticks(self) -> None:
        colours = {0: palette.dark(0), 1: palette.dark(1), -1: palette.ZONE_EDGE_COLOR}
        for tick, (kind, n, _) in zip(self.ax.yaxis.get_major_ticks(), self._row_list[::-1],
                                      strict=False):  # fmt: skip
            unused = kind == "faction" and n in self._unused
            tick.label1.set_color(palette.NEUTRAL_COLOR if unused else colours[n])
            tick.label1.set_fontweight("normal" if kind == "faction" else "bold")

    @staticmethod
    def _key(data: LineData) -> tuple[int, ...]:
        sizes = (len(data.a.factions), len(data.b.factions))
        return (*sizes, data.a.payments, data.b.payments)

    LEGEND = ("nash outcome", "split the difference", "unitary reservation point")
    """The rows name the bars; the legend names the marks."""

    # update -------------------------------------------------------------------------
    @staticmethod
    def _boxes(intervals: Intervals, y: float, height: float) -> list[list[tuple[float, float]]]:
        """One rectangle per interval, centred on row ``y``."""
        low, high = y - height / 2, y + height / 2
        return [[(lo, low), (hi, low), (hi, high), (lo, high)] for lo, hi in intervals]

    def _draw_data(self, data: LineData) -> None:
        self._span.set_verts([[(lo, 0), (hi, 0), (hi, 1), (lo, 1)] for lo, hi in data.zone])
        bars: list[list[tuple[float, float]]] = []
        colours: list[Any] = []
        for n, nation in enumerate(data.nations):
            if len(nation.factions) < 2:
                continue
            shades = palette.faction_colors(n, len(nation.factions))
            if n in self._unused:
                shades = [UNUSED_COLOR] * len(nation.factions)
            for k, accepted in enumerate(nation.acceptance):
                bars += self._boxes(accepted, self._y("faction", n, k), BAR_HEIGHT)
                colours += [shades[k]] * len(accepted)
        self._bars.set_verts(bars)
        self._bars.set_facecolor(colours or "none")
        sets: list[list[tuple[float, float]]] = []
        bought: list[list[tuple[float, float]]] = []
        ticks: list[list[tuple[float, float]]] = []
        colours, light, dark = [], [], []
        for n, nation in enumerate(data.nations):
            y = self._y("win-set", n)
            sets += self._boxes(nation.without_payments, y, WIN_SET_HEIGHT)
            colours += [palette.NATION_COLORS[n]] * len(nation.without_payments)
            if nation.payments:
                bought += self._boxes(nation.win_set, y, WIN_SET_HEIGHT)
                light += [_light(palette.NATION_COLORS[n])] * len(nation.win_set)
            half = TICK_HEIGHT / 2
            ticks += [[(r, y - half), (r, y + half)] for r in nation.reservations]
            dark += [palette.dark(n)] * len(nation.reservations)
        sets += self._boxes(data.zone, self._y("zone", -1), WIN_SET_HEIGHT)
        colours += [palette.ZONE_EDGE_COLOR] * len(data.zone)
        self._sets.set_verts(sets)
        self._sets.set_facecolor(colours or "none")
        self._bought.set_verts(bought)
        self._bought.set_facecolor(light or "none")
        self._ticks.set_segments(ticks)
        self._ticks.set_color(dark or "none")
        zone_y = self._y("zone", -1)
        for marker, value in ((self._nash, data.nash), (self._split, data.split)):
            marker.set_data([] if value is None else [value], [] if value is None else [zone_y])
        self._empty.set_visible(not data.zone)
        for n, (nation, note) in enumerate(zip(data.nations, self.notes, strict=True)):
            shown = n in self._unused and len(nation.factions) > 1
            note.set_visible(shown)
            if shown:
                rows = [self._y("faction", n, k) for k in range(len(nation.factions))]
                note.set(text=self._unused[n], y=float(np.mean(rows)))

    def _restyle(self, data: LineData, negotiation: Negotiation) -> None:
        if data.space != self.data.space:
            low, high = data.space.low, data.space.high
            self.ax.set_xlim(low - 0.02 * (high - low), high + 0.02 * (high - low))
            self._empty.set_x(0.5 * (low + high))
            self.ax.set_xlabel(data.space.label)
        labels = self._labels(data)
        if (data.a.name, data.b.name) != (self.data.a.name, self.data.b.name):
            place_ends(self.ax, self._ends, self._end_words(data), self._end_words(data, False))
        if labels != self._labels(self.data):
            self.ax.set_yticks(np.arange(len(labels)), labels=labels[::-1])
            self._label_ticks()


def _light(colour: str) -> tuple[float, float, float]:
    """A pale version of ``colour`` (opaque, so bars over the zone shading stay even)."""
    red, green, blue = to_rgb(colour)
    return (0.6 + 0.4 * red, 0.6 + 0.4 * green, 0.6 + 0.4 * blue)


def draw_issue_line(ax: Axes, negotiation: Negotiation) -> LineView:
    """Draw a one-issue negotiation: acceptance sets, win-sets, zone, outcomes.

    Draws on ``ax`` only (no pyplot, never clears it). Returns a ``LineView``: its
    ``.artists``, ``.data`` (from ``negotiation_kit.plotting.data.line_data``) and
    ``.update(negotiation)``, which moves the same artists to show another negotiation on
    an ``nk.Line`` (a new structure, e.g. another number of factions, replaces its own artists).
    """
    return LineView(ax, negotiation)
