"""What every view shares: its list of artists, stable limits, mask images, legends."""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import ConstrainedLayoutEngine
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
    """A legend in rows above the Axes (a fixed place: matplotlib's search for the 'best'
    place costs time on every frame).

    Without ``ncols``, as many columns as fit: over the Axes, flush with its left edge, or,
    when more columns fit that way, over the margin on its left too (tick labels), flush
    with its right edge, but right of the y label if it would cover it. Before the figure is
    laid out the Axes' width is only a guess; ``fit_to_layout`` counts the columns again
    once it is.
    """
    fit, right = ncols, False
    if fit is None:
        fit, width = _columns_that_fit(ax, labels, _room(ax))
        right = width > axes_width(ax)
    legend = ax.legend(
        handles,
        labels,
        loc="lower right" if right else "lower left",
        bbox_to_anchor=(1.0 if right else 0.0, 1.01),
        ncols=fit,
        borderaxespad=0.2,
        handlelength=HANDLE,
        columnspacing=SPACING,
    )
    if ncols is None:
        state = {"ncols": fit, "right": right, "narrow": False}
        handles = list(handles)

        def refit(settled: bool) -> bool:
            labels = [text.get_text() for text in legend.get_texts()]
            if settled and state["right"] and _over_label(legend, ax):
                state["narrow"] = True  # from now on, right of the label only
            room = _room(ax, beside_label=bool(state["narrow"]))
            ncols, width = _columns_that_fit(ax, labels, room)
            right = width > axes_width(ax)
            if (ncols, right) == (state["ncols"], state["right"]):
                return False
            legend.set_ncols(ncols)
            legend._init_legend_box(handles, labels)  # type: ignore[attr-defined]  # the columns
            legend.set_title("")  # as Legend() leaves it: no title, and no room kept for one
            legend.set_loc("lower right" if right else "lower left")
            legend.set_bbox_to_anchor((1.0 if right else 0.0, 1.01), transform=ax.transAxes)
            state.update(ncols=ncols, right=right)
            return True

        setattr(legend, REFIT, refit)
    return legend


HANDLE, PAD, SPACING = 1.6, 0.8, 1.2
"""Legend handle length, gap to its text and gap between columns, in font sizes."""
REFIT = "_nk_refit"
"""The attribute of an artist placed by its Axes' width: a function placing it again for
the laid-out width (True if it changed anything), called by ``fit_to_layout`` (with True
once the layout is no longer the first guess)."""
WORDS = "_nk_words"
"""The attribute of ``end_labels``' first text holding the words of both (full, shorter)."""


def fit_to_layout(figure: Figure, rounds: int = 4) -> bool:
    """Lay ``figure`` out and place again what was placed by an Axes' width before the
    layout (``legend_above``'s columns, ``end_labels``); True if anything changed.

    Before layout an Axes' width is matplotlib's default margins, not what its tick labels
    leave: in a narrow figure a legend got more columns than its Axes could hold (and the
    layout then shrank the Axes to make room for it), and the words at the two ends of an
    axis could overlap. Placing them again may change the layout (and so the widths), so
    this repeats, at most ``rounds`` times.
    """
    engine = figure.get_layout_engine()
    if not isinstance(engine, ConstrainedLayoutEngine):
        return False
    artists = [a for ax in figure.axes for a in ax.get_children()]  # legends, texts
    refits = [getattr(a, REFIT) for a in artists if hasattr(a, REFIT)]
    changed = False
    for round in range(rounds):
        # a fresh engine: the figure's own may keep an earlier layout (FrozenLayout)
        compress = bool(getattr(engine, "_compress", False))
        ConstrainedLayoutEngine(compress=compress, **engine.get()).execute(figure)
        moved = [refit(round > 0) for refit in refits]
        if not any(moved):
            break
        changed = True
    return changed


def _room(ax: Axes, beside_label: bool = False) -> float:
    """Pixels a legend above the Axes may take: from the figure's left edge (less its
    padding) to the Axes' right edge, or from the y label's right edge (``beside_label``),
    or only the Axes' width if other Axes are on its left."""
    figure = ax.get_figure(root=True)
    assert figure is not None
    spec = ax.get_subplotspec()
    if spec is None or spec.colspan.start > 0:
        return axes_width(ax)
    pad = float(palette.STYLE["figure.constrained_layout.w_pad"]) * figure.dpi
    left = ax.yaxis.label.get_window_extent().x1 + pad if beside_label else pad
    return float(ax.get_position().x1 * figure.bbox.width - left)


def _over_label(legend: Legend, ax: Axes) -> bool:
    """Whether the legend covers the Axes' y label (a label longer than the Axes is high
    reaches up beside the legend)."""
    label = ax.yaxis.label
    if not (label.get_visible() and label.get_text()):
        return False
    return bool(legend.get_window_extent().overlaps(label.get_window_extent()))


def _columns_that_fit(ax: Axes, labels: Sequence[str], available: float) -> tuple[int, float]:
    """The most legend columns whose total width fits ``available`` pixels, and that width."""
    size = float(palette.STYLE["legend.fontsize"])
    widths = text_widths(ax, labels, size)
    em = size * ax.get_figure(root=True).dpi / 72  # type: ignore[union-attr]
    needed = 0.0
    for ncols in range(len(labels), 0, -1):
        rows, large = divmod(len(labels), ncols)  # matplotlib fills columns like this
        counts = [rows + 1] * large + [rows] * (ncols - large)
        starts = np.cumsum([0, *counts[:-1]])
        columns = [widths[a : a + n] for a, n in zip(starts, counts, strict=True) if n]
        needed = sum(max(c) + (HANDLE + PAD) * em for c in columns)
        needed += SPACING * em * (len(columns) - 1) + 2 * BORDER * em
        if needed <= available:
            return ncols, needed
    return 1, needed


BORDER = 0.5
"""Half a legend's padding inside its box and its gap to the anchor, in font sizes."""


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
    """The Axes' width in pixels (before the figure is laid out, matplotlib's default
    margins: often wider than the Axes will be)."""
    figure = ax.get_figure(root=True)
    assert figure is not None
    return float(ax.get_position().width * figure.bbox.width)


def end_labels(
    ax: Axes, left: str, right: str, shorter: tuple[str, str] | None = None
) -> tuple[Annotation, Annotation]:
    """Texts at the two ends of the x axis: beside its label if they fit, else under it, or
    (``shorter``) in fewer words under it when the full words would overlap there.

    ``place_ends`` changes their words; ``fit_to_layout`` places them again for the
    laid-out Axes."""
    style: dict[str, Any] = {
        "xycoords": ("axes fraction", ax.xaxis.label),
        "textcoords": "offset points",
        "color": palette.NEUTRAL_COLOR,
    }
    ends = (
        ax.annotate(left, (0.0, 0.5), (0, 0), ha="left", **style),
        ax.annotate(right, (1.0, 0.5), (0, 0), ha="right", **style),
    )
    words: dict[str, Any] = {}

    def refit(settled: bool) -> bool:
        return place_ends(ax, ends, words["full"], words["shorter"])

    setattr(ends[0], REFIT, refit)
    setattr(ends[0], WORDS, words)
    place_ends(ax, ends, (left, right), shorter)
    return ends


def place_ends(
    ax: Axes,
    ends: tuple[Annotation, Annotation],
    full: tuple[str, str],
    shorter: tuple[str, str] | None = None,
) -> bool:
    """Give ``end_labels``' texts these words and the place they fit; True if it changed."""
    getattr(ends[0], WORDS, {}).update(full=full, shorter=shorter)
    size = float(palette.STYLE["font.size"])
    available = axes_width(ax)
    (label,) = text_widths(ax, [ax.get_xlabel()], float(palette.STYLE["axes.labelsize"]))
    words = full
    beside = max(text_widths(ax, full, size)) + 2 * size <= (available - label) / 2
    if not beside and shorter is not None and sum(text_widths(ax, full, size)) + size > available:
        words = shorter
    where, shift = (0.5, (0, 0)) if beside else (0.0, (0, -2))
    changed = False
    for text, word, x in zip(ends, words, (0.0, 1.0), strict=True):
        if text.get_text() != word or tuple(text.xy) != (x, where):
            changed = True
        text.set_text(word)
        text.xy = (x, where)
        text.xyann = shift
        text.set_verticalalignment("center" if beside else "top")
    return changed


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
