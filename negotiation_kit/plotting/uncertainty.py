"""Uncertain ratification on the issue line: the chance a deal passes and what it is worth.

When a faction's reservation is uncertain (``nk.Uniform``, docs/model.md §8), a deal signed at
the table may still fail at home: Putnam's (1988) *involuntary defection*. Two views share the
issue line's terms as their x-axis:

- ``draw_chance``: the chance that both nations ratify, ``P(x)``, with the range where the
  uncertain reservations may lie shaded and the outcome marked with its chance and its risk
  of involuntary defection ``1 - P``;
- ``draw_expected_welfare``: each nation's expected net welfare ``E(x)`` (a failed deal gives
  0), the outcome marked on both curves.

Both views accept a second negotiation, ``before``, whose outcome is marked with hollow
symbols: the bargain before a reservation was revealed, say. What they draw comes from
``uncertainty_data``, a pure function of the negotiation (computed by the model).

Examples
--------
>>> import negotiation_kit as nk
>>> from negotiation_kit.plotting import new_figure
>>> hawk = nk.Faction("hawk", nk.Linear(0.5, nk.Uniform(0.4, 0.8)))  # docs/model.md U2
>>> a = nk.Nation("Atlantica", [nk.Faction("dove", nk.Linear(0.5, -0.2)), hawk])
>>> b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
>>> talks = nk.Negotiation(a, b, nk.Line())
>>> data = uncertainty_data(talks)
>>> round(data.agreement, 6), round(data.chance_here, 6), data.ranges
(0.682843, 0.707107, [(0.4, 0.8)])
>>> figure = new_figure(7, 5)
>>> top, bottom = figure.subplots(2, 1, sharex=True)
>>> chance, welfare = draw_chance(top, talks), draw_expected_welfare(bottom, talks)
>>> chance.label.get_text()
'deal at 0.68: 29% risk it fails at home'
>>> figure.canvas.draw()
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex, to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import FormatStrFormatter, MultipleLocator

from ..model import Negotiation, Uniform
from ..model.spaces import Line
from . import palette
from ._base import View, legend_above
from .geometry import FloatArray
from .numbers import number

POINTS = 401
"""Points along the issue line where the curves are evaluated (plus every zone edge)."""
STEP = 1e-6
"""How far on either side of a zone edge the curves are evaluated too (a share of the issue
line: beyond the model's rounding allowance at an edge, too close to see)."""
CHANCE_LIMITS = (-0.04, 1.12)
_R, _G, _B = to_rgb(palette.NATION_COLORS[0])
RANGE_COLOR = to_hex((0.78 + 0.22 * _R, 0.78 + 0.22 * _G, 0.78 + 0.22 * _B))
"""Where an uncertain reservation may lie: a pale shade of nation A's blue."""


def welfare_limits(values: FloatArray, least: float = 0.25) -> tuple[float, float]:
    """Limits for expected net welfare (never negative): from 0 to ``least``, or up to the
    next quarter above the data if they go higher.

    A ``least`` that holds every value the figure can show keeps the scale fixed, so
    settings can be compared by eye. With ``welfare_ticks`` the tick labels keep one width
    ("0.25"), so a change of limits never needs a new layout of the figure.

    >>> welfare_limits(np.array([0.0, 0.5])), welfare_limits(np.array([0.0, 0.51]))
    ((-0.05, 0.55), (-0.05, 0.8))
    >>> welfare_limits(np.array([0.0, 1.1]), least=1.1), welfare_limits(np.array([1.11]), 1.1)
    ((-0.05, 1.1500000000000001), (-0.05, 1.3))
    """
    finite = values[np.isfinite(values)]
    top = float(finite.max()) if finite.size else 0.0
    top = least if top <= least else math.ceil(round(top / 0.25, 9)) * 0.25
    return (-0.05, top + 0.05)


def welfare_ticks(ax: Axes, limits: tuple[float, float]) -> None:
    """Set ``limits`` and ticks every 0.1, 0.2 or 0.25 (higher limits), with two decimals."""
    ax.set_ylim(*limits)
    top = limits[1]
    ax.yaxis.set_major_locator(
        MultipleLocator(0.1 if top <= 0.35 else 0.2 if top <= 0.85 else 0.25)
    )
    ax.yaxis.set_major_formatter(FormatStrFormatter("%.2f"))


@dataclass(frozen=True)
class UncertaintyData:
    """What the two views draw: curves along the issue line and the outcome.

    ``x`` the terms, ``chance`` ``P(x)``, ``welfare`` each nation's expected net welfare along
    ``x`` (by name, nation A first); ``agreement`` the outcome (None: none), ``chance_here``
    its ``P``, ``welfare_here`` each nation's expected net welfare there; ``ranges`` the
    ranges of the uncertain reservations (empty when everything is certain).
    """

    x: FloatArray
    chance: FloatArray
    welfare: dict[str, FloatArray]
    agreement: float | None
    chance_here: float
    welfare_here: dict[str, float]
    ranges: list[tuple[float, float]]

    @property
    def risk(self) -> float:
        """The risk of involuntary defection at the outcome, ``1 - P`` (0 without a deal)."""
        return 0.0 if self.agreement is None else 1.0 - self.chance_here


@lru_cache(maxsize=8)
def uncertainty_data(negotiation: Negotiation) -> UncertaintyData:
    """The curves and the outcome of a one-issue ``negotiation`` (docs/model.md §8), from the model.

    Cached for the last few negotiations: both views of a frame draw the same one.
    """
    space = negotiation.space
    if not isinstance(space, Line):
        raise ValueError("uncertainty_data needs one issue (nk.Line), got two")
    edges = [e for span in negotiation.zone().intervals for e in span]
    step = STEP * (space.high - space.low)
    near = [e + side * step for e in edges for side in (-1, 1)]  # a step looks like one
    x = np.unique(np.clip([*np.linspace(space.low, space.high, POINTS), *edges, *near],
                          space.low, space.high))  # fmt: skip
    outcome = negotiation.outcome()
    agreement = outcome.agreement
    spreads = [getattr(f.gain, "reservation", None) for n in (negotiation.a, negotiation.b)
               for f in n.factions]  # fmt: skip
    ranges = [(r.low, r.high) for r in spreads if isinstance(r, Uniform)]
    return UncertaintyData(
        x=x,
        chance=np.asarray(negotiation.ratification_probability(x), dtype=float),
        welfare=negotiation.expected_welfare(x),
        agreement=None if agreement is None else float(agreement),
        chance_here=outcome.ratification_probability,
        welfare_here=dict(outcome.welfare),
        ranges=ranges,
    )


def chance_words(data: UncertaintyData) -> str:
    """The outcome and its chance, as the chance view labels it.

    >>> data = UncertaintyData(np.zeros(0), np.zeros(0), {}, 0.7, 1.0, {}, [])
    >>> chance_words(data)
    'deal at 0.70: ratified for sure'
    """
    if data.agreement is None and not np.any(data.chance > 0):
        return "no deal: no terms can be ratified"
    if data.agreement is None:
        return "no deal: every possible deal leaves a nation worse off on average"
    if data.risk <= 5e-7:
        return f"deal at {number(data.agreement)}: ratified for sure"
    return f"deal at {number(data.agreement)}: {round(100 * data.risk)}% risk it fails at home"


class _IssueView(View):
    """What both views share: the terms as x-axis, the outcome's line and a ``before`` mark."""

    def __init__(
        self, ax: Axes, negotiation: Negotiation, before: Negotiation | None, least: float = 0.25
    ) -> None:
        super().__init__(ax)
        self.least = least
        space = negotiation.space
        assert isinstance(space, Line)
        with palette.style():
            palette.style_axes(ax)
            ax.set_xlim(space.low, space.high)
            ax.set_xlabel(space.label)
            self.deal = self._keep(
                ax.axvline(0.0, color=palette.NASH_COLOR, lw=1.2, ls="--", zorder=1)
            )
            self._build(ax)
            self.update(negotiation, before)

    def _build(self, ax: Axes) -> None:
        raise NotImplementedError

    def _marks(self, color: str, hollow: bool) -> Line2D:
        face, edge = ("white", color) if hollow else (color, "white")
        (marks,) = self.ax.plot([], [], ls="none", marker="o", ms=9, mfc=face, color=color,
                                mec=edge, mew=2.0 if hollow else 1.2, zorder=5)  # fmt: skip
        return self._keep(marks)

    def update(self, negotiation: Negotiation, before: Negotiation | None = None) -> None:
        """Show ``negotiation`` (and the outcome of ``before``, hollow), in place."""
        data = uncertainty_data(negotiation)
        self.data = data
        where = data.agreement
        self.deal.set_visible(where is not None)
        if where is not None:
            self.deal.set_xdata([where, where])
        self._draw_data(data, None if before is None else uncertainty_data(before))

    def _draw_data(self, data: UncertaintyData, before: UncertaintyData | None) -> None:
        raise NotImplementedError


def _point(data: UncertaintyData | None, value: float | None) -> tuple[list[float], list[float]]:
    if data is None or data.agreement is None or value is None:
        return [], []
    return [data.agreement], [value]


class ChanceView(_IssueView):
    """``P(x)`` along the issue line, the uncertain ranges shaded, the outcome labelled."""

    def _build(self, ax: Axes) -> None:
        self.ranges = PolyCollection([], facecolors=[RANGE_COLOR], edgecolors="none", zorder=-1)
        self.ranges.set_transform(ax.get_xaxis_transform())
        ax.add_collection(self.ranges, autolim=False)
        self._keep(self.ranges)
        (self.curve,) = ax.plot([], [], color=palette.FRONTIER_COLOR, lw=2.5)
        self._keep(self.curve)
        self.here = self._marks(palette.NASH_COLOR, hollow=False)
        self.before = self._marks(palette.NEUTRAL_COLOR, hollow=True)
        ax.set_ylim(*CHANCE_LIMITS)
        ax.set_yticks([0, 0.5, 1], labels=["0%", "50%", "100%"])
        ax.set_ylabel("chance of\nratification")  # two lines: the panel is short
        patch = Patch(facecolor=RANGE_COLOR)
        labels = ["both ratify", "hawk may lie here", "before revealing"]  # in one row
        revealed = legend_above(ax, [self.curve, patch, self.before], labels)
        ax.legend_ = None  # kept as an artist: one of the two legends is shown
        ax.add_artist(revealed)
        self.legends = [legend_above(ax, [self.curve, patch], labels[:2]), revealed]
        for legend in self.legends:  # a layout then makes room for whichever is shown
            legend.set_clip_on(False)  # (matplotlib counts a clipped one only as ax.legend_)
        self.artists += self.legends
        low, high = ax.get_xlim()
        self.notes = [
            ax.text(low + 0.01 * (high - low), 0.5, "", ha="left", va="center", zorder=6,
                    fontsize=palette.FONT_SIZE - 1),
            ax.text(high - 0.01 * (high - low), 0.5, "", ha="right", va="center", zorder=6,
                    fontsize=palette.FONT_SIZE - 1),
        ]  # fmt: skip
        self.artists += self.notes

    @property
    def label(self) -> Text:
        """The outcome's note: left of the plot, or right when the deal lies on the left."""
        return next(note for note in self.notes if note.get_visible())

    def _draw_data(self, data: UncertaintyData, before: UncertaintyData | None) -> None:
        ranges = data.ranges or (before.ranges if before is not None else [])
        self.ranges.set_verts([[(lo, 0), (hi, 0), (hi, 1), (lo, 1)] for lo, hi in ranges])
        for wanted, legend in zip((before is None, before is not None), self.legends, strict=True):
            if legend.get_visible() != wanted:
                legend.set_visible(wanted)
        self.curve.set_data(data.x, data.chance)
        self.here.set_data(*_point(data, data.chance_here))
        self.before.set_data(*_point(before, None if before is None else before.chance_here))
        left = data.agreement is None or data.agreement > float(np.mean(self.ax.get_xlim()))
        shown, hidden = self.notes if left else self.notes[::-1]  # away from the outcome
        shown.set_text(chance_words(data))
        shown.set_visible(True)
        hidden.set_visible(False)


class ExpectedWelfareView(_IssueView):
    """Each nation's expected net welfare along the issue line, the outcome marked."""

    def _build(self, ax: Axes) -> None:
        self.curves: list[Line2D] = []
        self.dots: list[Line2D] = []
        self.befores: list[Line2D] = []
        for k, color in enumerate(palette.NATION_COLORS):
            self.curves.append(self._keep(ax.plot([], [], color=color, lw=2.5,
                                                  ls=("-", "--")[k])[0]))  # fmt: skip
            self.dots.append(self._marks(color, hollow=False))
            self.befores.append(self._marks(color, hollow=True))
        self._keep(ax.axhline(0.0, color=palette.NEUTRAL_COLOR, lw=1.0, zorder=0))
        ax.set_ylabel("expected net welfare")
        self._limits: tuple[float, float] | None = None
        self._legend = None

    def _draw_data(self, data: UncertaintyData, before: UncertaintyData | None) -> None:
        names = list(data.welfare)
        if self._legend is None:
            self._legend = self._keep(legend_above(self.ax, self.curves, names))
        for k, name in enumerate(names):
            self.curves[k].set_data(data.x, data.welfare[name])
            self.dots[k].set_data(*_point(data, data.welfare_here.get(name)))
            value = None if before is None else before.welfare_here.get(name)
            self.befores[k].set_data(*_point(before, value))
        limits = welfare_limits(np.concatenate(list(data.welfare.values())), self.least)
        if limits != self._limits:
            self._limits = limits
            welfare_ticks(self.ax, limits)


def draw_chance(
    ax: Axes, negotiation: Negotiation, before: Negotiation | None = None
) -> ChanceView:
    """Draw the chance that both nations ratify each deal on the issue line (docs/model.md §8).

    The ranges where uncertain reservations may lie are shaded (``before``'s, if the
    negotiation has none); the outcome is a black dot labelled with its chance and its risk of
    involuntary defection; ``before``'s outcome, if given, a hollow grey one. Returns a view
    with ``.artists`` and ``.update(negotiation, before=None)``.
    """
    return ChanceView(ax, negotiation, before)


def draw_expected_welfare(
    ax: Axes, negotiation: Negotiation, before: Negotiation | None = None, least: float = 0.25
) -> ExpectedWelfareView:
    """Draw each nation's expected net welfare along the issue line (docs/model.md §8).

    A failed deal gives 0, so a curve falls with the chance of ratification. The outcome is
    marked on each curve; ``before``'s outcome, if given, with hollow dots. The y-axis runs
    from 0 to at least ``least`` (``welfare_limits``). Returns a view with ``.artists`` and
    ``.update(negotiation, before=None)``.
    """
    return ExpectedWelfareView(ax, negotiation, before, least)


class WidthView(View):
    """Draw each nation's expected net welfare at the deal against the width of the uncertainty.

    ``welfare`` maps nation names to values over ``widths`` (e.g. from
    ``negotiation_kit.model.statics.width_sweep``); ``widths`` must hold ``current``, whose
    values get a dot on each curve, and a dashed line marks it; NaN leaves a gap in a curve.
    The y-axis runs from 0 to at least ``least`` (``welfare_limits``). The view holds
    ``.artists``; ``.update(widths, welfare, current)`` shows new curves.
    """

    def __init__(
        self,
        ax: Axes,
        widths: FloatArray,
        welfare: dict[str, FloatArray],
        current: float,
        least: float = 0.25,
    ) -> None:
        super().__init__(ax)
        self.least = least
        with palette.style():
            palette.style_axes(ax)
            ax.set_xlim(0.0, float(np.max(widths)))
            ax.set_xlabel("width of the uncertainty (0 = known)")  # the slider's words
            ax.set_ylabel("expected net welfare\nat the deal")
            self._keep(ax.axhline(0.0, color=palette.NEUTRAL_COLOR, lw=1.0, zorder=0))
            self.current = self._keep(
                ax.axvline(current, color=palette.NEUTRAL_COLOR, lw=1.5, ls="--", zorder=1)
            )
            self.curves = [
                self._keep(ax.plot([], [], color=color, lw=2.5, ls=("-", "--")[k])[0])
                for k, color in enumerate(palette.NATION_COLORS)
            ]
            self.dots = [self._marks_for(line.get_color()) for line in self.curves]
            self._keep(legend_above(ax, self.curves, list(welfare)))
        self._limits: tuple[float, float] | None = None
        self.update(widths, welfare, current)

    def _marks_for(self, color: str) -> Line2D:
        (marks,) = self.ax.plot([], [], ls="none", marker="o", ms=9, color=color, mec="white",
                                mew=1.2, zorder=4)  # fmt: skip
        return self._keep(marks)

    def update(self, widths: FloatArray, welfare: dict[str, FloatArray], current: float) -> None:
        """Show new curves (one per nation, over ``widths``) and the current width."""
        for line, dot, values in zip(self.curves, self.dots, welfare.values(), strict=True):
            line.set_data(widths, values)
            here = values[np.flatnonzero(widths == current)]
            dot.set_data([current] * min(1, here.size), here[:1])
        self.current.set_xdata([current, current])
        limits = welfare_limits(np.concatenate(list(welfare.values())), self.least)
        if limits != self._limits:
            self._limits = limits
            welfare_ticks(self.ax, limits)


draw_width = WidthView
"""The ``draw_*`` name the other views have: ``draw_width(ax, widths, welfare, current)``
builds a ``WidthView``, with no second signature to keep in step."""
