"""The payoff plane: nation A's net welfare against B's over the zone of agreement.

The payoffs of the zone of agreement are a green curve on one issue and a green region (the
zone's cells, binned into an image) on two; grey shows the payoffs of every agreement,
ratified or not, so a reader sees what domestic ratification cuts off. The dark line is the
zone's Pareto frontier, the yellow square the disagreement point (0, 0) and the marker the
outcome (Nash 1950; Raiffa 1982's negotiator's view).

Examples
--------
>>> import negotiation_kit as nk
>>> from negotiation_kit.plotting import draw_payoff_plane, new_figure
>>> a = nk.Nation("Atlantica", [nk.Faction("Atlantica", nk.Linear(1, 0.2))])
>>> b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
>>> fig = new_figure(6, 5)
>>> view = draw_payoff_plane(fig.add_subplot(), nk.Negotiation(a, b, nk.Line()))
>>> view.ax.get_xlabel(), view.data.outcome
('net welfare of Atlantica', (0.3, 0.3))
>>> fig.canvas.draw()
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..model import Negotiation
from . import palette
from ._base import NegotiationView, legend_above, legend_right, stable_limits
from .data import PayoffData, payoff_data
from .geometry import BoolArray, FloatArray, IntArray
from .images import GridImage

POSSIBLE_FILL = 0.25
NOTE = "no zone of agreement"
NOTE_PLACES = [(NOTE, 0.5, 0.96, "center", "top"), (NOTE, 0.97, 0.04, "right", "bottom")] + [
    ("no zone of\nagreement", x, y, ha, va)
    for x, y, ha, va in [(0.03, 0.96, "left", "top"), (0.97, 0.96, "right", "top"),
                         (0.97, 0.04, "right", "bottom"), (0.5, 0.5, "center", "center")]
]  # fmt: skip
"""Where the "no zone of agreement" note may go (text, axes fractions, alignment), in order
of preference; in a narrow plane it breaks into two lines to find room."""
CLEAR = 11.0
"""Points between the note and a payoff it must keep clear of (a star's radius)."""
"""Opacity of the payoffs of all agreements (ratified or not), drawn in grey."""
BINS = 120
"""Image cells per axis for two-issue payoff regions."""
OUTCOME_STYLE: dict[str, dict[str, Any]] = {
    "nash": {"marker": "*", "ms": 22, "mfc": palette.NASH_COLOR, "mec": "white", "mew": 1.2,
             "color": palette.NASH_COLOR},
    "split": {"marker": "D", "ms": 14, "mfc": "none", "mec": palette.SPLIT_COLOR, "mew": 2.5,
              "color": palette.SPLIT_COLOR},
}  # fmt: skip
"""How the outcome is marked under each solution (as on the issue line)."""
Limits = tuple[float, float]
LEGEND_PLACES = ("above", "right")
"""Where the payoff plane's legend may go."""
MAX_REACH = 8
STRIDE = 4


class PayoffView(NegotiationView):
    """The artists of one payoff plane; ``update(negotiation)`` changes them in place."""

    data: PayoffData

    def __init__(
        self,
        ax: Axes,
        negotiation: Negotiation,
        limits: tuple[Limits, Limits] | None = None,
        legend: str = "above",
    ) -> None:
        if legend not in LEGEND_PLACES:
            raise ValueError(f"legend must be one of {LEGEND_PLACES}, got {legend!r}")
        self._solution = negotiation.solution
        self._fixed = limits
        self._beside = legend == "right"
        self._clear: list[tuple[float, float]] = []
        super().__init__(ax, negotiation)

    def keep_clear(self, points: Sequence[tuple[float, float]]) -> None:
        """Keep the "no zone of agreement" note off these payoffs (markers drawn by others,
        e.g. a benchmark's star) as well as off the disagreement point: it moves to the
        first clear place of ``NOTE_PLACES``."""
        self._clear = [(float(x), float(y)) for x, y in points]
        self._place_note()

    def _place_note(self) -> None:
        note = self._empty
        if not note.get_visible():
            return
        figure = self.ax.get_figure(root=True)
        assert figure is not None
        radius = CLEAR * figure.dpi / 72
        centres = self.ax.transData.transform([(0.0, 0.0), *self._clear])  # and no agreement
        for text, x, y, ha, va in NOTE_PLACES:
            note.set(text=text, x=x, y=y, ha=ha, va=va)
            box = note.get_window_extent()
            near = np.clip(centres, (box.x0, box.y0), (box.x1, box.y1))
            if not (np.hypot(*(centres - near).T) < radius).any():
                return
        text, x, y, ha, va = NOTE_PLACES[0]  # nowhere is clear: the usual place
        note.set(text=text, x=x, y=y, ha=ha, va=va)

    def _data(self, negotiation: Negotiation) -> PayoffData:
        return payoff_data(negotiation)

    @staticmethod
    def _key(data: PayoffData) -> str:
        return data.kind

    def _build(self) -> None:
        ax, data, keep = self.ax, self.data, self._keep
        with palette.style():
            palette.style_axes(ax)
            for line in (ax.axhline(0.0), ax.axvline(0.0)):
                line.set(color=palette.NEUTRAL_COLOR, lw=1.0, zorder=0)
                keep(line)
            curve = data.kind == "curve"
            self._possible = keep(
                ax.plot([], [], color=palette.NEUTRAL_COLOR, lw=1.5, ls="--", zorder=0.5)[0]
                if curve
                else GridImage(ax, (0.0, 1.0, 0.0, 1.0), zorder=0.5)
            )
            self._feasible = keep(
                ax.plot([], [], color=palette.ZONE_COLOR, lw=9, solid_capstyle="butt", zorder=1)[0]
                if curve
                else GridImage(ax, (0.0, 1.0, 0.0, 1.0), zorder=1)
            )
            self._frontier = keep(
                ax.plot([], [], color=palette.FRONTIER_COLOR, lw=2.5, zorder=3)[0]
            )
            marks: dict[str, Any] = {"clip_on": False, "in_layout": False, "ls": "none"}
            self._disagreement = keep(
                ax.plot([0.0], [0.0], marker="s", ms=11, mec="black", mew=1.5,
                        color=palette.STATUS_QUO_COLOR, zorder=5, **marks)[0]
            )  # fmt: skip
            self._outcome = keep(ax.plot([], [], zorder=6, **marks)[0])
            self._empty = keep(
                ax.text(0.5, 0.96, NOTE,
                        transform=ax.transAxes, ha="center", va="top", style="italic",
                        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85})
            )  # fmt: skip
            self._outcome.set(**OUTCOME_STYLE[self._solution])
            grey = (*to_rgb(palette.NEUTRAL_COLOR), POSSIBLE_FILL)
            handles = [
                Patch(facecolor=palette.ZONE_COLOR, edgecolor="none"),
                Line2D([], [], color=palette.NEUTRAL_COLOR, lw=1.5, ls="--")
                if curve
                else Patch(facecolor=grey, edgecolor="none"),
                self._frontier,
                self._disagreement,
                self._outcome,
            ]
            labels = ["zone of agreement", "all agreements", "pareto frontier", "no agreement"]
            labels.append(f"{self._solution} outcome")
            place = legend_right if self._beside else legend_above
            self._legend = keep(place(ax, handles, labels))
            self._set_labels(data)
        self._limits: tuple[Limits, Limits] | None = None
        self._draw_data(data)

    def _set_labels(self, data: PayoffData) -> None:
        self.ax.set_xlabel(f"net welfare of {data.names[0]}")
        self.ax.set_ylabel(f"net welfare of {data.names[1]}")

    def _fit(self, data: PayoffData) -> tuple[Limits, Limits]:
        """Limits holding the zone, the outcome, (0, 0) and the agreements good for both
        (or the fixed limits the view was drawn with)."""
        if self._fixed is not None:
            return self._fixed
        possible = data.possible
        both_gain = possible[(possible[:, 0] >= 0) & (possible[:, 1] >= 0)]
        parts = [p for p in (data.feasible, both_gain) if len(p)]
        parts.append(np.array([[0.0, 0.0], data.outcome or (0.0, 0.0)]))
        low = np.min([p.min(axis=0) for p in parts], axis=0)
        high = np.max([p.max(axis=0) for p in parts], axis=0)
        old = self._limits or (None, None)
        x = stable_limits(old[0], float(low[0]), float(high[0]))
        y = stable_limits(old[1], float(low[1]), float(high[1]))
        return x, y

    def _draw_data(self, data: PayoffData) -> None:
        limits = self._fit(data)
        if limits != self._limits:
            self._limits = limits
            self.ax.set_xlim(*limits[0])
            self.ax.set_ylim(*limits[1])
        if data.kind == "curve":
            self._possible.set_data(*data.possible.T)
            self._feasible.set_data(*_with_breaks(data.feasible, data.piece).T)
            on = np.where(data.on_frontier[:, None], data.feasible, np.nan)
            self._frontier.set_data(*_with_breaks(on, data.piece).T)
        else:
            extent = (*limits[0], *limits[1])
            grey, reach = palette.NEUTRAL_COLOR, _reach(data.possible, *limits)
            possible = _occupied(data.possible, *limits, reach)
            self._possible.set_mask(possible, grey, POSSIBLE_FILL)
            feasible = _occupied(data.feasible, *limits, reach)
            self._feasible.set_mask(feasible, palette.ZONE_COLOR, 0.8)
            for image in (self._possible, self._feasible):
                if image.get_extent() != extent:
                    image.set_extent(extent)
            self._frontier.set_data(data.frontier[:, 0], data.frontier[:, 1])
        point = data.outcome
        self._outcome.set_data([] if point is None else [point[0]],
                               [] if point is None else [point[1]])  # fmt: skip
        self._empty.set_visible(len(data.feasible) == 0)
        self._place_note()

    def _restyle(self, data: PayoffData, negotiation: Negotiation) -> None:
        if data.names != self.data.names:
            self._set_labels(data)
        if negotiation.solution != self._solution:  # the marker and its legend entry
            self._solution = negotiation.solution
            style = OUTCOME_STYLE[self._solution]
            self._outcome.set(**style)
            self._legend.legend_handles[-1].set(**style)
            self._legend.get_texts()[-1].set_text(f"{self._solution} outcome")


def _with_breaks(points: FloatArray, piece: IntArray) -> FloatArray:
    """Points with a NaN row wherever the zone interval changes, so a line breaks there."""
    if len(points) == 0:
        return np.zeros((0, 2))
    starts = np.flatnonzero(np.diff(piece)) + 1
    return np.insert(points, starts, np.nan, axis=0)


def _occupied(
    payoffs: FloatArray, x: tuple[float, float], y: tuple[float, float], reach: int
) -> BoolArray:
    """Which cells of a ``BINS`` x ``BINS`` payoff grid over ``x`` by ``y`` hold a pair.

    Neighbouring agreements can land several bins apart, so a morphological closing of
    ``reach`` bins (dilation, then erosion) fills the holes between them without growing
    the region's outline. No loop over pairs.
    """
    col = np.floor((payoffs[:, 0] - x[0]) / (x[1] - x[0]) * BINS).astype(np.intp)
    row = np.floor((payoffs[:, 1] - y[0]) / (y[1] - y[0]) * BINS).astype(np.intp)
    # pairs out of view pile up in a margin, so that regions running off the edge of the
    # view are not eroded there
    size = BINS + 2 * reach
    occupied = np.zeros((size, size), dtype=bool)
    occupied[np.clip(row + reach, 0, size - 1), np.clip(col + reach, 0, size - 1)] = True
    for _ in range(reach):
        occupied = _step(occupied, np.logical_or, fill=False)
    for _ in range(reach):
        occupied = _step(occupied, np.logical_and, fill=False)
    return occupied[reach : reach + BINS, reach : reach + BINS]


def _reach(grid: FloatArray, x: tuple[float, float], y: tuple[float, float]) -> int:
    """How many bins apart the payoffs of neighbouring grid cells land (90th percentile,
    halved: the closing radius that joins them).

    Payoffs are smooth in the agreement, so every ``STRIDE``-th cell (and the distance to
    the next one, divided by ``STRIDE``) is enough to tell.
    """
    n = math.isqrt(len(grid))
    if n <= STRIDE or n * n != len(grid):
        return 1
    per_bin = np.array([BINS / (x[1] - x[0]), BINS / (y[1] - y[0])]) / STRIDE
    cells = grid.reshape(n, n, 2)[::STRIDE, ::STRIDE]
    steps = np.concatenate(
        [
            np.abs(np.diff(cells, axis=0)).reshape(-1, 2),
            np.abs(np.diff(cells, axis=1)).reshape(-1, 2),
        ]
    )
    starts = np.concatenate([cells[1:].reshape(-1, 2), cells[:, 1:].reshape(-1, 2)])
    in_view = (starts[:, 0] >= x[0]) & (starts[:, 0] <= x[1])
    in_view &= (starts[:, 1] >= y[0]) & (starts[:, 1] <= y[1])
    if not in_view.any():
        return 1
    size = np.max(steps[in_view] * per_bin, axis=1)
    return int(np.clip(np.ceil(np.quantile(size, 0.9) / 2), 1, MAX_REACH))


def _step(mask: BoolArray, combine: Any, fill: bool) -> BoolArray:
    """One 3x3 dilation (``np.logical_or``) or erosion (``np.logical_and``) step."""
    padded = np.pad(mask, 1, constant_values=fill)
    n, m = mask.shape
    return combine.reduce([padded[i : i + n, j : j + m] for i in range(3) for j in range(3)])


def draw_payoff_plane(
    ax: Axes,
    negotiation: Negotiation,
    limits: tuple[Limits, Limits] | None = None,
    legend: str = "above",
) -> PayoffView:
    """Draw the principals' net welfare: feasible payoffs, frontier, (0, 0), outcome.

    Draws on ``ax`` only (no pyplot, never clears it). Returns a ``PayoffView``: its
    ``.artists``, ``.data`` (from ``negotiation_kit.plotting.data.payoff_data``) and
    ``.update(negotiation)``, which moves the same artists to show another negotiation on
    a Line or a Plane (a new structure, e.g. a Plane after a Line, replaces its own artists;
    another solution only restyles the outcome's marker). ``limits``, ``((x0, x1), (y0,
    y1))``, fixes the axes; by default they follow the payoffs, changing only when the
    payoffs leave them or shrink to a third of them. ``legend`` is ``"above"`` the plane
    or ``"right"`` of it (where a figure has room, e.g. under an issue plane's legend).
    """
    return PayoffView(ax, negotiation, limits, legend)
