"""What the two-issue explorers draw over the issue and payoff planes: a hull, a benchmark, a veil.

- ``HullView``: the convex hull of the veto players' ideal points (spatial model: the status
  quo inside it means gridlock), and the name of every ideal point.
- ``BenchmarkView``: a unitary nation's outcome as a hollow star on the issue plane and
  the payoff plane, the edge of its win-set as a dotted line on the issue plane, and on
  the payoff plane an arrow labelled ``Δ`` from its payoffs to the outcome's.
- ``FrontierVeil``: when the Pareto frontier is a region (a purely distributive bargain,
  where every deal of the zone is efficient), the issue plane fills it nearly opaque and
  the zone disappears under it; the veil shows the same cells light enough to see through.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Polygon
from matplotlib.transforms import offset_copy

from . import palette
from .images import GridImage
from .issue_plane import PlaneView
from .numbers import CLOSE, signed
from .placement import place_names

HOLLOW: dict[str, Any] = {"marker": "*", "ms": 20, "mfc": "white", "mec": "black", "mew": 1.6}
LABEL_BOX: dict[str, Any] = {"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1}
GAP = 8.0
"""Points between the arrow and its label."""
LINE: dict[str, Any] = {"color": palette.NASH_COLOR, "lw": 1.5, "ls": (0, (1.5, 2))}
"""The edge of the unitary nation's win-set: a dotted line."""
ARROW = 0.08
"""Length of the arrow into the unitary win-set, as a share of the plane's diagonal."""
ARROWS: dict[str, Any] = {"arrowstyle": "-|>", "mutation_scale": 14, "lw": 1.5,
                          "color": palette.NASH_COLOR}  # fmt: skip
NAME_PAD = 0.025
"""Gap between an ideal point and its name, as a share of the plane's height."""
VEIL = 0.35
"""Opacity of the frontier when it is a region."""


class HullView:
    """The convex hull of the veto players' ideal points, and every ideal point's name.

    The hull is a dashed outline (explained in a small legend of its own beside the plane);
    each ideal point is labelled with its faction's name, kept inside the plane and clear of
    the markers (``placement.place_names``, whose example shows where a name goes).

    Examples
    --------
    >>> from negotiation_kit.plotting import new_figure
    >>> ax = new_figure(4, 4).add_subplot()
    >>> view = HullView(ax, {"east": (2, 0), "north": (0, 2)}, [(2, 0), (0, 2)])
    >>> view.outline.get_xy()[:2].tolist(), sorted(view.names)
    ([[2.0, 0.0], [0.0, 2.0]], ['east', 'north'])
    """

    def __init__(
        self, ax: Axes, ideals: Mapping[str, Any], corners: Sequence[Any], avoid: Sequence[Any] = ()
    ) -> None:
        self.ax = ax
        self.outline = Polygon(np.zeros((1, 2)), closed=True, fill=False, ls=(0, (4, 3)), lw=1.6,
                               edgecolor=palette.FRONTIER_COLOR, zorder=3.2)  # fmt: skip
        ax.add_patch(self.outline)
        handle = Line2D([], [], color=palette.FRONTIER_COLOR, ls=(0, (4, 3)), lw=1.6)
        with palette.style():
            label = "hull of the veto\nplayers' ideal points"
            key = Legend(ax, [handle], [label], loc="lower left", bbox_to_anchor=(1.02, 0.0))
            # no background box: a name may cross an outline, but never hides the outcome
            self.names = {
                name: ax.text(0, 0, name, fontsize=11, color=palette.FRONTIER_COLOR, zorder=5.5)
                for name in ideals
            }
        ax.add_artist(key)
        key.set_clip_on(False)  # unclipped, so the layout makes room for it
        self.artists: list[Artist] = [self.outline, *self.names.values()]
        self.update(ideals, corners, avoid)

    def update(
        self, ideals: Mapping[str, Any], corners: Sequence[Any], avoid: Sequence[Any] = ()
    ) -> None:
        """Outline the hull of ``corners`` (if two or more) and label each ideal point.

        A name goes above its point, else below it, a little farther above or below, or
        right or left of it: the first place where it covers no marker (the ideal points and
        the points ``avoid``, e.g. the status quo and the outcome) and no name placed
        before it, and stays inside the plane.
        """
        self.outline.set_visible(len(corners) >= 2)
        if len(corners) >= 2:
            # a closed two-corner polygon runs there and back: its dashes, out of phase,
            # fill each other's gaps and the segment looks solid (unlike the legend)
            self.outline.set_closed(len(corners) > 2)
            self.outline.set_xy(np.asarray(corners, dtype=np.float64))
        place_names(self.ax, self.names, ideals, avoid, NAME_PAD)


class BenchmarkView:
    """The unitary benchmark: a hollow star on both planes, and an arrow labelled ``Δ``.

    On the payoff plane the arrow runs from the unitary nation's payoffs to the divided
    nation's (the outcome, or no agreement at (0, 0)); ``Δ`` is its length along the
    divided nation's axis (the x axis). A small legend beside the issue plane names the star.

    Examples
    --------
    >>> from negotiation_kit.plotting import new_figure
    >>> figure = new_figure(6, 3)
    >>> view = BenchmarkView(figure.add_subplot(121), figure.add_subplot(122), "Atlantica")
    >>> view.update((1.0, 0.0), (0.6, 0.6), (0.2, 0.05), [(0.375, 0.0), (0.0, 1.0)], (0.8, 0.6))
    >>> view.label.get_text()
    'Δ = -0.40'
    """

    def __init__(self, plane: Axes, payoff: Axes, name: str) -> None:
        self.plane, self.payoff = plane, payoff
        marks: dict[str, Any] = {
            "ls": "none",
            "clip_on": False,
            "in_layout": False,
            "zorder": 5.8,
            **HOLLOW,
        }
        self.stars = [ax.plot([], [], **marks)[0] for ax in (plane, payoff)]
        self.arrow = FancyArrowPatch((0, 0), (0, 0), shrinkA=9, shrinkB=11, zorder=5.7, **ARROWS)
        self.inward = FancyArrowPatch((0, 0), (0, 0), shrinkA=0, shrinkB=0, zorder=3.3, **ARROWS)
        payoff.add_patch(self.arrow)
        plane.add_patch(self.inward)
        with palette.style():
            self.label = payoff.text(0, 0, "", va="center", zorder=7, bbox=LABEL_BOX)
            self.edge = plane.plot([], [], zorder=3.3, **LINE)[0]
            handles = [Line2D([], [], ls="none", **{**HOLLOW, "ms": 16}), Line2D([], [], **LINE)]
            labels = [f"unitary {name}'s\noutcome", f"unitary {name}\naccepts"]
            key = Legend(plane, handles, labels, loc="lower left", bbox_to_anchor=(1.02, 0.0),
                         borderaxespad=0.0)  # fmt: skip
        plane.add_artist(key)
        key.set_clip_on(False)  # unclipped, so the layout makes room for it
        self.artists: list[Artist] = [*self.stars, self.edge, self.inward, self.arrow, self.label]

    def update(
        self,
        point: Any,
        unitary: tuple[float, float],
        divided: Any,
        edge: Any = (),
        inward: Any = (0, 0),
    ) -> None:
        """Show the unitary outcome ``point`` with payoffs ``unitary`` against ``divided``
        (the divided payoffs, or None without agreement; no star if ``point`` is None), and
        the edge of the unitary win-set, the segment ``edge`` (none if empty), with an arrow
        along ``inward`` (a unit vector into the win-set) from its middle."""
        edge = np.asarray(edge, dtype=np.float64).reshape(-1, 2)
        self.edge.set_data(edge[:, 0], edge[:, 1])
        self.inward.set_visible(len(edge) == 2)
        if len(edge) == 2:
            (x0, x1), (y0, y1) = self.plane.get_xlim(), self.plane.get_ylim()
            middle = edge.mean(axis=0)
            step = ARROW * np.hypot(x1 - x0, y1 - y0) * np.asarray(inward, dtype=np.float64)
            self.inward.set_positions(
                (middle[0], middle[1]), (middle[0] + step[0], middle[1] + step[1])
            )
        shown = point is not None
        for star in self.stars:
            star.set_visible(shown)
        if point is not None:
            self.stars[0].set_data([point[0]], [point[1]])
            self.stars[1].set_data([unitary[0]], [unitary[1]])
        there = (0.0, 0.0) if divided is None else divided
        delta = there[0] - unitary[0]
        visible = shown and abs(delta) >= CLOSE
        self.arrow.set_visible(visible)
        self.label.set_visible(visible)
        if visible:
            self.arrow.set_positions((unitary[0], unitary[1]), (there[0], there[1]))
            self._place_label(unitary, there, f"Δ = {signed(delta)}")

    def _place_label(self, start: Any, end: Any, text: str) -> None:
        """The label beside the arrow's middle, on the side toward the plane's middle, so
        it covers neither the arrow nor (usually) the stars at its ends."""
        ax = self.payoff
        figure = ax.get_figure(root=True)
        assert figure is not None
        (x0, y0), (x1, y1) = ax.transData.transform([start, end])
        normal = np.array([y0 - y1, x1 - x0])
        normal /= np.hypot(*normal) or 1.0
        if (normal[0] > 0) == ((x0 + x1) / 2 > ax.bbox.x0 + ax.bbox.width / 2):
            normal = -normal  # toward the middle of the plane
        dx, dy = GAP * normal
        ha = "left" if dx > GAP / 3 else "right" if dx < -GAP / 3 else "center"
        va = "bottom" if dy > GAP / 3 else "top" if dy < -GAP / 3 else "center"
        middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        shift = offset_copy(ax.transData, figure, x=dx, y=dy, units="points")
        self.label.set(x=middle[0], y=middle[1], text=text, ha=ha, va=va, transform=shift)


class FrontierVeil:
    """The issue plane's frontier, drawn lightly when it is a region (see the module).

    ``update()`` after the plane view's own update: it hides the view's opaque region and
    shows the same cells at opacity ``VEIL``; a frontier that is a line is left alone.
    """

    def __init__(self, view: PlaneView) -> None:
        self.view = view
        self.image = GridImage(view.ax, view.data.extent, zorder=3.4)
        self.artists: list[Artist] = [self.image]
        self.update()

    def update(self) -> None:
        """Follow the plane view's frontier."""
        opaque = self.view.images[3]  # the frontier cells (issue_plane.PlaneView)
        region = opaque.get_visible()
        opaque.set_visible(False)
        self.image.set_visible(region)
        if region:
            self.image.set_mask(self.view.data.frontier_mask, palette.FRONTIER_COLOR, VEIL)
            if self.image.get_extent() != self.view.data.extent:
                self.image.set_extent(self.view.data.extent)
