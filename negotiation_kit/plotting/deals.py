"""A class's deals: where each pair of negotiators agreed, and whether it was ratified.

Used by the classroom debrief (``python -m negotiation_kit.classroom debrief``). A ratified
deal is a filled circle in the zone's dark bluish green, a failed one a dark grey cross
(marker shape *and* colour tell them apart, also in black and white); each is labelled with
its pair.

- ``draw_pair_rows``: one row per pair on the issue line, with that pair's own zone of
  agreement (pairs may have slightly different numbers), its nash outcome and its deal.
- ``draw_deals``: the deals as marks on an Axes that already shows the issue line or plane.

Examples
--------
>>> from negotiation_kit.plotting import new_figure
>>> from negotiation_kit.plotting.deals import PairRow, draw_pair_rows
>>> rows = [PairRow("1", [(0.6, 0.8)], 0.6, 0.65, True), PairRow("2", [], None, 0.5, False)]
>>> artists = draw_pair_rows(new_figure(6, 2).add_subplot(), rows)
>>> len(artists) > 0
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D

from . import palette

RATIFIED = {"marker": "o", "color": palette.ZONE_EDGE_COLOR, "mec": "white", "ms": 11}
"""A ratified deal: a filled circle in the zone's dark bluish green."""
FAILED = {"marker": "X", "color": palette.FRONTIER_COLOR, "mec": "white", "ms": 12}
"""A failed deal (a nation does not ratify it): a dark grey cross."""
UNSURE = {
    "marker": "o", "color": palette.ZONE_EDGE_COLOR, "mec": palette.ZONE_EDGE_COLOR,
    "mfc": "white", "mew": 2.0, "fillstyle": "left", "ms": 11,
}  # fmt: skip
"""A deal that may pass or fail at home (uncertain reservations): a half-filled circle."""
NO_DEAL = "no deal"


@dataclass(frozen=True)
class PairRow:
    """One pair on the issue line: its zone, the model's nash outcome, its deal."""

    label: str
    zone: list[tuple[float, float]]
    nash: float | None
    deal: float | None
    ratified: bool
    chance: float | None = None
    """The chance both nations ratify the deal, where reservations are uncertain: written
    beside the deal, which is half-filled when it lies strictly between 0 and 1."""


@dataclass(frozen=True)
class Deal:
    """One pair's deal: a point on the line (a float) or on the plane (x, y)."""

    label: str
    point: float | tuple[float, float]
    ratified: bool


def legend_handles(uncertain: bool = False) -> tuple[list[Artist], list[str]]:
    """Legend entries for ratified and failed deals (and, if ``uncertain``, risky ones)."""
    handles: list[Artist] = [
        Line2D([], [], ls="none", **RATIFIED),  # type: ignore[arg-type]
        Line2D([], [], ls="none", **FAILED),  # type: ignore[arg-type]
    ]
    labels = ["deal ratified by both", "deal not ratified (fails)"]
    if uncertain:
        handles.append(Line2D([], [], ls="none", **UNSURE))  # type: ignore[arg-type]
        labels = ["deal certain to be ratified", "deal that cannot pass",
                  "deal that may fail (chance both ratify)"]  # fmt: skip
    return handles, labels


def draw_pair_rows(ax: Axes, rows: Sequence[PairRow]) -> list[Artist]:
    """Draw one row per pair, from the top: zone bar, nash star, deal mark, pair label.

    A pair without a deal shows the words "no deal" at the right of its row.
    """
    artists: list[Artist] = []
    n = len(rows)
    with palette.style():
        palette.style_axes(ax)
        boxes, ys = [], []
        for k, row in enumerate(rows):
            y = n - 1 - k
            ys.append(y)
            boxes += [[(lo, y - 0.22), (hi, y - 0.22), (hi, y + 0.22), (lo, y + 0.22)]
                      for lo, hi in row.zone]  # fmt: skip
        zones = PolyCollection(boxes, facecolors=[palette.ZONE_COLOR], edgecolors="none")
        ax.add_collection(zones)
        artists.append(zones)
        for k, row in enumerate(rows):
            y = n - 1 - k
            if row.nash is not None:
                artists += ax.plot([row.nash], [y], ls="none", marker="*", ms=15, mec="white",
                                   color=palette.NASH_COLOR, zorder=4)  # fmt: skip
            if row.deal is None:
                artists.append(ax.text(1.0, y, NO_DEAL, transform=ax.get_yaxis_transform(),
                                       ha="right", va="center", style="italic",
                                       color=palette.NEUTRAL_COLOR))  # fmt: skip
            else:
                style: dict[str, Any] = RATIFIED if row.ratified else FAILED
                if row.chance is not None and 0.0 < row.chance < 1.0:
                    style = UNSURE
                artists += ax.plot([row.deal], [y], ls="none", zorder=5, **style)
                if row.chance is not None:
                    artists.append(ax.annotate(f"{100 * row.chance:.0f}%", (row.deal, y),
                                               (9, 0), textcoords="offset points", va="center",
                                               fontsize=11, color=palette.FRONTIER_COLOR,
                                               zorder=6))  # fmt: skip
        ax.set_yticks(ys, labels=[f"pair {row.label}" for row in rows])
        ax.set_ylim(-0.7, n - 0.3)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
    return artists


def draw_deals(ax: Axes, deals: Sequence[Deal], y: float = 0.0) -> list[Artist]:
    """Mark each deal on ``ax``: on the plane at its point, on the line at height ``y``;
    each mark is labelled with its pair."""
    artists: list[Artist] = []
    with palette.style():
        for deal in deals:
            x, height = (deal.point, y) if isinstance(deal.point, float | int) else deal.point
            style: dict[str, Any] = RATIFIED if deal.ratified else FAILED
            artists += ax.plot([x], [height], ls="none", zorder=7, clip_on=False, **style)
            artists.append(ax.annotate(deal.label, (x, height), (6, 6), textcoords="offset points",
                                       fontsize=11, fontweight="bold", zorder=7,
                                       color=palette.FRONTIER_COLOR))  # fmt: skip
    return artists
