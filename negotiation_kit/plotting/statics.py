"""Comparative statics: outcome or welfare curves against one parameter, current value marked.

Feed it arrays from ``negotiation_kit.plotting.data.statics_data`` (or any curves over the
same ``values``); NaN breaks a curve (e.g. the agreement where there is none).

Examples
--------
>>> import numpy as np
>>> from negotiation_kit.plotting import draw_statics, new_figure
>>> values = np.linspace(0, 1, 11)
>>> fig = new_figure(6, 4)
>>> view = draw_statics(fig.add_subplot(), values, {"net welfare of A": values,
...                     "net welfare of B": 1 - values}, current=0.3,
...                     xlabel="hawk's reservation", ylabel="net welfare")
>>> view.update(values, {"net welfare of A": values**2, "net welfare of B": 1 - values}, 0.6)
>>> view.current_line.get_xdata()
[0.6, 0.6]
>>> fig.canvas.draw()
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D

from . import palette
from ._base import View, legend_above, set_legend_texts, stable_limits
from .geometry import FloatArray

Curves = Mapping[str, Sequence[float] | FloatArray]
DOT = 9
"""The diameter of the dot on each curve at the current value, in points."""
DASHES = ("-", "--", "-.", ":")
"""Each curve has its own dash pattern too, so curves that coincide stay visible."""


def default_colors(n: int) -> list[str]:
    """Curve colours in order: nation A's, nation B's, then the palette's other colours."""
    cycle = [*palette.NATION_COLORS, *palette.OTHER_COLORS]
    return [cycle[k % len(cycle)] for k in range(n)]


class StaticsView(View):
    """Curves against one parameter with the current value marked by a vertical line."""

    def __init__(
        self,
        ax: Axes,
        values: Sequence[float] | FloatArray,
        curves: Curves,
        current: float,
        xlabel: str,
        ylabel: str,
        colors: Sequence[str] | None = None,
        limits: tuple[float, float] | None = None,
    ) -> None:
        super().__init__(ax)
        self._colors = colors
        self._fixed = limits
        self._limits: tuple[float, float] | None = None
        self._x_span: tuple[float, float] | None = None
        self._build(values, curves, current, xlabel, ylabel)

    def _build(
        self, values: Sequence[float] | FloatArray, curves: Curves, current: float,
        xlabel: str, ylabel: str,
    ) -> None:  # fmt: skip
        ax, keep = self.ax, self._keep
        colours = list(self._colors or default_colors(len(curves)))
        with palette.style():
            palette.style_axes(ax)
            keep(ax.axhline(0.0, color=palette.NEUTRAL_COLOR, lw=1.0, zorder=0))
            self.lines: list[Line2D] = [
                keep(ax.plot([], [], color=colours[k % len(colours)], lw=2.5,
                             ls=DASHES[k % len(DASHES)])[0])
                for k in range(len(curves))
            ]  # fmt: skip
            # one collection for every curve's dot: one artist to draw, not one per curve
            self.dots: PathCollection = keep(
                ax.scatter([], [], s=DOT**2, edgecolors="white", linewidths=1.2, zorder=4)
            )
            self._dot_colors = [line.get_color() for line in self.lines]
            self.current_line = keep(
                ax.axvline(current, color=palette.NEUTRAL_COLOR, lw=1.5, ls="--", zorder=1)
            )
            ax.set_xlabel(xlabel)
            ax.set_ylabel(ylabel)
            self._legend = keep(legend_above(ax, self.lines, list(curves)))
        self._draw_data(values, curves, current)

    def _draw_data(
        self, values: Sequence[float] | FloatArray, curves: Curves, current: float
    ) -> None:
        x = np.asarray(values, dtype=np.float64)
        ys = [np.asarray(y, dtype=np.float64) for y in curves.values()]
        heights = []
        for line, y in zip(self.lines, ys, strict=True):
            line.set_data(x, y)
            heights.append(float(np.interp(current, x, y)) if len(x) else np.nan)
        shown = [k for k, height in enumerate(heights) if np.isfinite(height)]
        self.dots.set_offsets([(current, heights[k]) for k in shown] or np.empty((0, 2)))
        self.dots.set_facecolor([self._dot_colors[k] for k in shown] or "none")
        self.current_line.set_xdata([current, current])
        # x-limits follow the values' range when it changes; limits an explorer set (to
        # line the curves up with another plot) stay while the range does
        span = (float(x.min()), float(x.max())) if len(x) else None
        if span is not None and span != self._x_span:
            self._x_span = span
            self.ax.set_xlim(*span)
        limits = self._fixed
        if limits is None:
            finite = np.concatenate([y[np.isfinite(y)] for y in ys]) if ys else np.zeros(0)
            low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
            limits = stable_limits(self._limits, low, high)
        if limits != self._limits:
            self._limits = limits
            self.ax.set_ylim(*limits)

    def update(
        self,
        values: Sequence[float] | FloatArray,
        curves: Curves,
        current: float,
        xlabel: str | None = None,
        ylabel: str | None = None,
    ) -> None:
        """Show new curves and current value, changing the artists in place."""
        if len(curves) != len(self.lines):
            xlabel = xlabel if xlabel is not None else self.ax.get_xlabel()
            ylabel = ylabel if ylabel is not None else self.ax.get_ylabel()
            self.remove()
            self._limits = self._x_span = None
            self._build(values, curves, current, xlabel, ylabel)
            return
        set_legend_texts(self._legend, list(curves))
        for label, setter, getter in (
            (xlabel, self.ax.set_xlabel, self.ax.get_xlabel),
            (ylabel, self.ax.set_ylabel, self.ax.get_ylabel),
        ):
            if label is not None and label != getter():
                setter(label)
        self._draw_data(values, curves, current)


def draw_statics(
    ax: Axes,
    values: Sequence[float] | FloatArray,
    curves: dict[str, FloatArray] | Curves,
    current: float,
    xlabel: str,
    ylabel: str,
    colors: Sequence[str] | None = None,
    limits: tuple[float, float] | None = None,
) -> StaticsView:
    """Draw comparative-statics curves against one parameter, the current value marked.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    values : array of float
        The parameter values (x), e.g. ``statics_data(...).values``.
    curves : dict of str to array of float
        Legend label -> y over ``values``; NaN breaks a curve (no agreement there).
    current : float
        The parameter's current value: a dashed vertical line, and a dot on each curve.
    xlabel, ylabel : str
        Axis labels (lowercase, as everywhere in the kit).
    colors : list of str, optional
        One colour per curve; default nation A's blue, nation B's vermillion, then the
        palette's other colours (each curve also has its own dash pattern).
    limits : (float, float), optional
        Fixed y-limits. By default they follow the curves, changing only when the curves
        leave them or shrink to a third of them; fixed limits never move, so a frame never
        redraws the axis (and a student compares settings against the same scale).

    Returns
    -------
    StaticsView
        ``.artists``, ``.lines``, ``.current_line`` and ``.update(values, curves, current,
        xlabel=None, ylabel=None)``, which moves the same artists (a different number of
        curves rebuilds the view's own artists).
    """
    return StaticsView(ax, values, curves, current, xlabel, ylabel, colors, limits)


class ShadedIntervals:
    """Vertical bands over an Axes' x intervals, pale blue like the agreements the issue line
    shows as "needs side-payments"; ``update(intervals)`` moves them.

    >>> from negotiation_kit.plotting import new_figure
    >>> band = ShadedIntervals(new_figure(4, 3).add_subplot())
    >>> band.update([(0.43, 0.9)])
    >>> len(band.artists[0].get_paths())
    1
    """

    def __init__(self, ax: Axes) -> None:
        pale = tuple(0.82 + 0.18 * c for c in to_rgb(palette.NATION_COLORS[0]))
        self.band = PolyCollection([], facecolors=[pale], edgecolors="none", zorder=-1)
        self.band.set_transform(ax.get_xaxis_transform())
        ax.add_collection(self.band, autolim=False)
        self.artists = [self.band]

    def update(self, intervals: list[tuple[float, float]]) -> None:
        self.band.set_verts([[(lo, 0), (hi, 0), (hi, 1), (lo, 1)] for lo, hi in intervals])
