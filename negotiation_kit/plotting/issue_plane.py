"""The issue plane: acceptance regions, win-sets, the zone and the outcome on two issues.

Each faction's acceptance region is outlined in a shade of its nation's hue, with its own
dash pattern: for ``Additive`` the iso-gain line ``g = 0`` with an arrow into the side it
accepts, for ``Spatial`` the disc through the status quo, with its ideal point. Each
nation's win-set and the zone are translucent images at the model's own grid resolution;
a dark line marks the zone's Pareto frontier (for the two principals' net welfare), a star
the Nash outcome (Nash 1950) and a yellow square the status quo.

Examples
--------
>>> import negotiation_kit as nk
>>> from negotiation_kit.plotting import draw_issue_plane, new_figure
>>> q = (0, 0)
>>> a = nk.Nation("A", [nk.Faction("east", nk.Spatial((2, 0), q)),
...                     nk.Faction("north", nk.Spatial((0, 2), q))])
>>> b = nk.Nation("B", [nk.Faction("B", nk.Spatial((1, 1), q))])
>>> fig = new_figure(8, 5)
>>> view = draw_issue_plane(fig.add_subplot(), nk.Negotiation(a, b, nk.Plane((-3, 3), (-3, 3))))
>>> view.images[2].get_array().shape  # the zone, at the plane's resolution
(200, 200, 4)
>>> fig.canvas.draw()
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, Patch

from ..model import Negotiation
from . import palette
from ._base import NegotiationView, legend_right, set_legend_texts
from .data import FactionRegion, PlaneData, plane_data
from .images import HATCH, GridImage, Hatch

WIN_SET_FILL, ZONE_FILL, FRONTIER_FILL = 0.25, 0.6, 0.9
WIN_SET_HATCH = Hatch(palette.dark(1), width=1.5)
"""Nation B's win-set is hatched, A's plain: in greyscale their fills look alike."""
DASHES = ("-", "--", ":", "-.")
"""Each faction's outline has its own dash pattern as well as its own shade."""
ARROW = 0.08
"""Length of the arrow into a half-plane, as a share of the plane's diagonal."""


class PlaneView(NegotiationView):
    """The artists of one issue plane; ``update(negotiation)`` changes them in place."""

    data: PlaneData
    margin: float = 0.0
    """White space around the plane, as a share of its width and height (``set_margin``)."""

    def _data(self, negotiation: Negotiation) -> PlaneData:
        return plane_data(negotiation)

    def set_margin(self, share: float) -> None:
        """Leave ``share`` of the plane's width and height blank beyond each edge, so that
        a marker on an edge or a corner sits inside the frame, clear of the tick labels.

        >>> import negotiation_kit as nk
        >>> from negotiation_kit.plotting import new_figure
        >>> one = nk.Nation("A", [nk.Faction("A", nk.Additive((1, 0), 0.2))])
        >>> other = nk.Nation("B", [nk.Faction("B", nk.Additive((-1, 0), -0.8))])
        >>> talks = nk.Negotiation(one, other, nk.Plane())
        >>> view = draw_issue_plane(new_figure(4, 4).add_subplot(), talks)
        >>> view.set_margin(0.05)
        >>> [round(float(v), 3) for v in view.ax.get_xlim()]
        [-0.05, 1.05]
        """
        self.margin = share
        self._axes_from(self.data)

    @staticmethod
    def _key(data: PlaneData) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(f.kind for f in nation.factions) for nation in data.nations)

    def _outline(self, n: int, k: int) -> tuple[str, str]:
        """Colour and dash pattern of faction ``k`` of nation ``n``."""
        factions = self.data.nations[n].factions
        if len(factions) == 1:
            return palette.NATION_COLORS[n], "-"
        return palette.faction_colors(n, len(factions))[k], DASHES[k % len(DASHES)]

    def _build(self) -> None:
        ax, data, keep = self.ax, self.data, self._keep
        self._shapes: list[tuple[Any, FancyArrowPatch | None]] = []
        handles: list[Any] = []
        discs = any(f.kind == "disc" for nation in data.nations for f in nation.factions)
        with palette.style():
            palette.style_axes(ax)
            for n, nation in enumerate(data.nations):
                for k, region in enumerate(nation.factions):
                    colour, dash = self._outline(n, k)
                    self._shapes.append(self._region(region, colour, dash))
                    if len(nation.factions) > 1:
                        handles.append(Line2D([], [], color=colour, ls=dash, lw=2.2))
            fills = (WIN_SET_FILL, WIN_SET_FILL, ZONE_FILL, FRONTIER_FILL)
            layers = (2.0, 2.1, 2.2, 3.5)  # win-sets, zone; frontier above the outlines
            hatches = (None, WIN_SET_HATCH, None, None)
            self.images = [
                keep(GridImage(ax, data.extent, hatch=hatch, zorder=z))
                for z, hatch in zip(layers, hatches, strict=True)
            ]
            for n, nation in enumerate(data.nations):
                single = len(nation.factions) == 1
                colour = palette.NATION_COLORS[n]
                edge = colour if single else "none"
                swatch = Patch(facecolor=(*to_rgb(colour), fills[n]), edgecolor=edge)
                if hatches[n] is not None:
                    swatch.set(hatch=HATCH, hatchcolor=WIN_SET_HATCH.color)
                handles.append(swatch)
            handles.append(Patch(facecolor=palette.ZONE_COLOR, edgecolor=palette.ZONE_EDGE_COLOR))
            self._frontier = keep(ax.plot([], [], color=palette.FRONTIER_COLOR, lw=4,
                                          solid_capstyle="round", zorder=3.5)[0])  # fmt: skip
            handles.append(self._frontier)
            marks: dict[str, Any] = {
                "clip_on": False,
                "in_layout": False,
                "ls": "none",
                "zorder": 6,
            }
            self._ideals = keep(ax.scatter([], [], s=45, marker="o", edgecolors="white", zorder=5))
            self._quo = keep(ax.plot([], [], marker="s", ms=11, mec="black", mew=1.5,
                                     color=palette.STATUS_QUO_COLOR, **marks)[0])  # fmt: skip
            self._outcome = keep(ax.plot([], [], marker="*", ms=22, mec="white", mew=1.2,
                                         color=palette.NASH_COLOR, **marks)[0])  # fmt: skip
            if discs:
                handles.append(Line2D([], [], ls="none", marker="o", ms=7, mec="white",
                                      color=palette.NEUTRAL_COLOR))  # fmt: skip
                handles.append(self._quo)
            handles.append(self._outcome)
            self._empty = keep(
                ax.text(0.5, 0.94, "no zone of agreement: no deal", transform=ax.transAxes,
                        ha="center", va="top", style="italic", zorder=7,
                        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85})
            )  # fmt: skip
            self._axes_from(data)
            self._legend = keep(legend_right(ax, handles, self._labels(data, discs)))
            for swatch in self._legend.get_patches():  # the legend's copy drops the width
                if swatch.get_hatch():
                    swatch.set_hatch_linewidth(WIN_SET_HATCH.width)
        self._discs = discs
        self._draw_data(data)

    def _axes_from(self, data: PlaneData) -> None:
        ax, share = self.ax, self.margin
        (x0, x1), (y0, y1) = data.space.x, data.space.y
        ax.set_xlim(x0 - share * (x1 - x0), x1 + share * (x1 - x0))
        ax.set_ylim(y0 - share * (y1 - y0), y1 + share * (y1 - y0))
        ax.set_xlabel(data.space.labels[0])
        ax.set_ylabel(data.space.labels[1])
        ratio = np.ptp(data.space.x) / np.ptp(data.space.y)
        ax.set_aspect("equal" if 0.5 <= ratio <= 2 else "auto", adjustable="box")

    def _region(self, region: FactionRegion, colour: str, dash: str) -> tuple[Any, Any]:
        if region.kind == "disc":
            circle = Circle((0, 0), 1, fill=False, edgecolor=colour, lw=2.2, ls=dash, zorder=3)
            return self._keep(self.ax.add_patch(circle)), None
        line = self.ax.plot([], [], color=colour, lw=2.2, ls=dash, zorder=3)[0]
        arrow = FancyArrowPatch((0, 0), (0, 0), arrowstyle="-|>", mutation_scale=16,
                                color=colour, lw=2, shrinkA=0, shrinkB=0, zorder=3)  # fmt: skip
        return self._keep(line), self._keep(self.ax.add_patch(arrow))

    @staticmethod
    def _labels(data: PlaneData, discs: bool) -> list[str]:
        labels = [
            f"{f.name} accepts"
            for nation in data.nations
            if len(nation.factions) > 1
            for f in nation.factions
        ]
        labels += [f"{nation.name}'s win-set" for nation in data.nations]
        labels += ["zone of agreement", "pareto frontier"]
        labels += ["ideal points", "status quo"] if discs else []
        return [*labels, "nash outcome"]

    def _draw_data(self, data: PlaneData) -> None:
        regions = [f for nation in data.nations for f in nation.factions]
        diagonal = float(np.hypot(np.ptp(data.space.x), np.ptp(data.space.y)))
        for region, (shape, arrow) in zip(regions, self._shapes, strict=True):
            if arrow is None:
                assert region.centre is not None
                shape.set_center(region.centre)
                shape.set_radius(region.radius)
                continue
            shape.set_data(region.boundary[:, 0], region.boundary[:, 1])
            arrow.set_visible(len(region.boundary) == 2)
            if len(region.boundary) == 2:
                middle = region.boundary.mean(axis=0)
                inward = self._inward(region)
                arrow.set_positions(tuple(middle), tuple(middle + ARROW * diagonal * inward))
        colours = [
            self._outline(n, k)[0]
            for n, nation in enumerate(data.nations)
            for k, f in enumerate(nation.factions)
            if f.kind == "disc"
        ]
        centres = [f.centre for f in regions if f.centre is not None]
        self._ideals.set_offsets(np.array(centres).reshape(-1, 2))
        self._ideals.set_facecolors(colours or ["none"])
        for n, nation in enumerate(data.nations):
            self.images[n].set_mask(nation.win_set, palette.NATION_COLORS[n], WIN_SET_FILL)
        self.images[2].set_mask(data.zone, palette.ZONE_COLOR, ZONE_FILL, 1.0)
        self._draw_frontier(data)
        if self.images[0].get_extent() != data.extent:
            for image in self.images:
                image.set_extent(data.extent)
        self._quo.set_data(data.status_quo[:, 0], data.status_quo[:, 1])
        point = data.outcome
        self._outcome.set_data([] if point is None else [point[0]],
                               [] if point is None else [point[1]])  # fmt: skip
        self._empty.set_visible(not data.zone.any())
        set_legend_texts(self._legend, self._labels(data, self._discs))

    def _draw_frontier(self, data: PlaneData) -> None:
        """A line through the frontier cells, or the cells themselves when the frontier is
        a region (in a purely distributive bargain every agreement is efficient)."""
        points = data.frontier
        fat = len(points) > max(20, 0.5 * int(data.zone.sum()))
        self.images[3].set_visible(fat)
        if fat:
            self.images[3].set_mask(data.frontier_mask, palette.FRONTIER_COLOR, FRONTIER_FILL)
            self._frontier.set_data([], [])
            return
        self._frontier.set_data(*_smooth_path(points, 10 * max(data.space.cell)).T)

    @staticmethod
    def _inward(region: FactionRegion) -> Any:
        """Unit normal of a half-plane's boundary, pointing into the side it accepts."""
        (x0, y0), (x1, y1) = region.boundary
        normal = np.array([y0 - y1, x1 - x0])
        normal /= np.hypot(*normal) or 1.0
        probe = region.polygon.mean(axis=0) - region.boundary.mean(axis=0)
        return normal if normal @ probe >= 0 else -normal

    def _restyle(self, data: PlaneData, negotiation: Negotiation) -> None:
        if data.space != self.data.space:
            self._axes_from(data)


def _smooth_path(points: Any, gap: float, window: int = 5) -> Any:
    """Grid cells along a curve as a drawable path: a moving average over ``window`` cells
    irons out the staircase, and a NaN row breaks the path where cells are ``gap`` apart."""
    jumps = np.hypot(*np.diff(points, axis=0).T) > gap
    piece = np.concatenate([[0], np.cumsum(jumps)])
    smooth = points.astype(np.float64, copy=True)
    half = window // 2
    if len(points) > window:
        total = np.cumsum(np.vstack([np.zeros((1, 2)), points]), axis=0)
        middle = (total[window:] - total[:-window]) / window
        same = piece[: -2 * half] == piece[2 * half :]  # the window stays on one piece
        smooth[half:-half][same] = middle[same]
    return np.insert(smooth, np.flatnonzero(jumps) + 1, np.nan, axis=0)


def draw_issue_plane(ax: Axes, negotiation: Negotiation) -> PlaneView:
    """Draw a two-issue negotiation: acceptance regions, win-sets, zone, frontier, outcome.

    Draws on ``ax`` only (no pyplot, never clears it). Returns a ``PlaneView``: its
    ``.artists``, ``.data`` (from ``negotiation_kit.plotting.data.plane_data``) and
    ``.update(negotiation)``, which moves the same artists to show another negotiation on
    an ``nk.Plane`` (a new structure, e.g. another number of factions, replaces its own artists).
    """
    return PlaneView(ax, negotiation)
