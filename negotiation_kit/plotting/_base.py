"""What every view shares: its list of artists, stable limits, mask images, legends."""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.text import Annotation

from . import palette


class View:
    """The artists one drawing function put on an Axes, and how to change them.

    ``artists`` lists every artist the view drew (and nothing else on the Axes), so a
    widget can hide, test or remove exactly those; ``update`` changes them in place.
    """

    def __init__(self, ax: Axes) -> None:
        self.ax = ax
        self.artists: list[Artist] = []

    def _keep(self, artist: Any) -> Any:
        """Remember an artist the view drew."""
        self.artists.append(artist)
        return artist

    def remove(self) -> None:
        """Take the view's artists off the Axes (the Axes and other artists stay)."""
        for artist in self.artists:
            if artist.axes is not None or artist.figure is not None:
                artist.remove()
        if self.ax.legend_ is not None and self.ax.legend_ in self.artists:
            self.ax.legend_ = None
        self.artists = []


class NegotiationView(View):
    """A view of one negotiation: built once from its data, then changed in place.

    A subclass says how its data comes from a negotiation (``_data``), which features of
    the data need new artists (``_key``, e.g. how many factions there are), how to draw
    the artists (``_build``, from ``self.data``), what to change before new data of the
    same structure is shown (``_restyle``: axes, labels; ``self.data`` is still the old
    data) and how to show it (``_draw_data``).
    """

    data: Any

    def __init__(self, ax: Axes, negotiation: Any) -> None:
        super().__init__(ax)
        self.data = self._data(negotiation)
        self._structure = self._key(self.data)
        self._build()

    def update(self, negotiation: Any) -> None:
        """Show ``negotiation`` instead, changing the artists in place (a new structure,
        e.g. another number of factions, replaces the view's own artists)."""
        data = self._data(negotiation)
        if self._key(data) != self._structure:
            self.remove()
            self.data, self._structure = data, self._key(data)
            self._build()
            return
        self._restyle(data, negotiation)
        self.data = data
        self._draw_data(data)

    def _data(self, negotiation: Any) -> Any:
        raise NotImplementedError

    def _key(self, data: Any) -> Hashable:
        raise NotImplementedError

    def _build(self) -> None:
        raise NotImplementedError

    def _restyle(self, data: Any, negotiation: Any) -> None:
        """Change what the new data needs before it is drawn (nothing by default)."""

    def _draw_data(self, data: Any) -> None:
        raise NotImplementedError


def stable_limits(
    current: tuple[float, float] | None, low: float, high: float, pad: float = 0.08
) -> tuple[float, float]:
    """Axis limits that hold ``[low, high]`` with a margin and change only when they must.

    Limits are kept while the data fits and fills at least a third of them, so a slider
    does not make the axis (and its tick labels) jump every frame.

    >>> stable_limits(None, 0.0, 1.0)
    (-0.1, 1.1)
    >>> stable_limits((-0.1, 1.1), 0.2, 0.9)
    (-0.1, 1.1)
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        low, high = 0.0, 1.0
    span = high - low
    if span <= 1e-12:
        span = max(abs(high), 1.0) * 0.5
        low, high = low - 0.5 * span, high + 0.5 * span
        span = high - low
    if current is not None:
        lo, hi = current
        if lo <= low and hi >= high and (high - low) >= (hi - lo) / 3:
            return current
    step = 10 ** math.floor(math.log10(span)) / 10
    lo = math.floor((low - pad * span) / step) * step
    hi = math.ceil((high + pad * span) / step) * step
    return (round(lo, 12), round(hi, 12))


def legend_above(
    ax: Axes, handles: Sequence[Artist], labels: Sequence[str], ncols: int | None = None
) -> Legend:
    """A legend in rows above the Axes, as many columns as fit its width (a fixed place:
    matplotlib's search for the 'best' place costs time on every frame)."""
    return ax.legend(
        handles,
        labels,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.01),
        ncols=ncols or _columns_that_fit(ax, labels),
        borderaxespad=0.2,
        handlelength=HANDLE,
        columnspacing=SPACING,
    )


HANDLE, PAD, SPACING = 1.6, 0.8, 1.2
"""Legend handle length, gap to its text and gap between columns, in font sizes."""


def _columns_that_fit(ax: Axes, labels: Sequence[str]) -> int:
    """The most legend columns whose total width fits the Axes' width (measured once)."""
    size = float(palette.STYLE["legend.fontsize"])
    widths = text_widths(ax, labels, size)
    points = ax.get_figure(root=True).dpi / 72  # type: ignore[union-attr]
    available = axes_width(ax)
    for ncols in range(len(labels), 1, -1):
        rows, large = divmod(len(labels), ncols)  # matplotlib fills columns like this
        counts = [rows + 1] * large + [rows] * (ncols - large)
        starts = np.cumsum([0, *counts[:-1]])
        columns = [widths[a : a + n] for a, n in zip(starts, counts, strict=True)]
        needed = sum(max(c) + (HANDLE + PAD) * size * points for c in columns)
        if needed + SPACING * size * points * (len(columns) - 1) <= available:
            return ncols
    return 1


def text_widths(ax: Axes, texts: Sequence[str], size: float) -> list[float]:
    """How wide ``texts`` are in pixels at font ``size`` (measured by the canvas, once)."""
    figure = ax.get_figure(root=True)
    assert figure is not None
    font = FontProperties(size=size)
    try:
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        return [renderer.get_text_width_height_descent(t, font, ismath=False)[0] for t in texts]
    except AttributeError:  # a canvas without a renderer: estimate from the characters
        return [0.6 * size * figure.dpi / 72 * len(t) for t in texts]


def axes_width(ax: Axes) -> float:
    """The Axes' width in pixels (before layout: a cautious estimate)."""
    figure = ax.get_figure(root=True)
    assert figure is not None
    return float(ax.get_position().width * figure.bbox.width)


def end_labels(ax: Axes, left: str, right: str) -> tuple[Annotation, Annotation]:
    """Texts at the two ends of the x axis, beside its label if they fit, else under it."""
    size = float(palette.STYLE["font.size"])
    widths = text_widths(ax, [left, right], size)
    (label,) = text_widths(ax, [ax.get_xlabel()], float(palette.STYLE["axes.labelsize"]))
    beside = max(widths) + 2 * size <= (axes_width(ax) - label) / 2
    where, shift = (0.5, (0, 0)) if beside else (0.0, (0, -2))
    style: dict[str, Any] = {
        "xycoords": ("axes fraction", ax.xaxis.label),
        "textcoords": "offset points",
        "va": "center" if beside else "top",
        "color": palette.NEUTRAL_COLOR,
    }
    return (
        ax.annotate(left, (0.0, where), shift, ha="left", **style),
        ax.annotate(right, (1.0, where), shift, ha="right", **style),
    )


def legend_right(ax: Axes, handles: Sequence[Artist], labels: Sequence[str]) -> Legend:
    """A legend beside the Axes, on the right."""
    ncols = 1 if len(handles) <= 12 else 2
    return ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        ncols=ncols,
        borderaxespad=0.0,
        handlelength=1.6,
    )


def set_legend_texts(legend: Legend, labels: Sequence[str]) -> bool:
    """Change a legend's texts in place; True if any changed."""
    changed = False
    for text, label in zip(legend.get_texts(), labels, strict=False):
        if text.get_text() != label:
            text.set_text(label)
            changed = True
    return changed


def fmt(value: float | None, none: str = "none") -> str:
    """A number as the figures show it (3 significant digits), or ``none``."""
    return none if value is None else f"{value:.3g}"
