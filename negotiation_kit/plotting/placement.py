"""Where the spatial explorer writes each faction's name: beside its ideal point, clear of
the markers (the status quo, the outcome, other ideal points) and of the other names.

A name goes above its point, else below it, a little farther above or below, or right or
left of it: the first place that covers nothing and stays inside the plane (else the place
that covers least). Sizes are estimated from the font size, so no text is drawn to measure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.text import Text


def place_names(
    ax: Axes,
    names: Mapping[str, Text],
    ideals: Mapping[str, Any],
    avoid: Sequence[Any] = (),
    pad_share: float = 0.025,
) -> None:
    """Move each text of ``names`` next to its point of ``ideals`` (data coordinates), clear
    of the points ``avoid``; ``pad_share`` of the plane's height lies between a point and
    its name.

    Examples
    --------
    >>> from negotiation_kit.plotting import new_figure
    >>> ax = new_figure(4, 4).add_subplot()
    >>> ax.set(xlim=(-3, 3), ylim=(-3, 3))
    [(-3.0, 3.0), (-3.0, 3.0)]
    >>> names = {"east": ax.text(0, 0, "east"), "west": ax.text(0, 0, "west")}
    >>> place_names(ax, names, {"east": (2, 0), "west": (-2, 0)}, avoid=[(-2, 0.3)])
    >>> names["east"].get_position(), names["west"].get_va()  # west goes below the marker
    ((2.0, 0.15), 'top')
    """
    (left, right), (bottom, top) = ax.get_xlim(), ax.get_ylim()
    figure = ax.get_figure(root=True)
    assert figure is not None
    inches = np.asarray(ax.get_position().size) * figure.get_size_inches()
    scale = 72.0 * inches / np.array([right - left, top - bottom])  # points per data unit
    pad = pad_share * float(top - bottom) * scale[1]

    def at(point: Any) -> Any:
        return (np.asarray(point, dtype=np.float64) - (left, bottom)) * scale

    size = 72.0 * inches  # the plane's width and height in points
    marks = [(at(p), DOT) for p in ideals.values()] + [(at(p), MARK) for p in avoid]
    taken: list[Any] = []
    for name, point in ideals.items():
        here = at(point)
        others = [(c, r) for c, r in marks if np.hypot(*(c - here)) > 1e-6 or r > DOT]
        width, height = NAME_EM * names[name].get_fontsize() * (len(name), 1.1)
        best: tuple[float, Any, Any] | None = None
        for dx, dy, ha, va in _places(here, width, size, pad):
            box = _box(here + np.array([dx, dy]), width, height, ha, va)
            cost = _outside(box, size) + sum(_hits(box, c, r) for c, r in others)
            cost += sum(_overlap(box, other) for other in taken)
            if best is None or cost < best[0] - 1e-9:
                best = (cost, (dx, dy, ha, va), box)
            if cost == 0:
                break
        assert best is not None
        (dx, dy, ha, va), box = best[1], best[2]
        taken.append(box)
        x, y = (round(float(v), 12) for v in np.add(point, (dx, dy) / scale))
        names[name].set(x=x, y=y, ha=ha, va=va)


DOT, MARK = 4.0, 10.0
"""Radii in points of what a name must not cover: an ideal point's dot; a status quo or
outcome marker."""
NAME_EM = np.array([0.55, 1.0])
"""A name's size in font sizes, per character across and per line up (an estimate)."""


def _places(here: Any, width: float, size: Any, pad: float) -> list[tuple[float, float, str, str]]:
    """Where a name may go, in order of preference: (dx, dy) in points, ha, va."""
    ha = "center"
    if here[0] + width / 2 > size[0] - 2:
        ha = "right"
    elif here[0] - width / 2 < 2:
        ha = "left"
    return [
        (0.0, pad, ha, "bottom"),
        (0.0, -pad, ha, "top"),
        (0.0, 2.2 * pad, ha, "bottom"),
        (0.0, -2.2 * pad, ha, "top"),
        (1.4 * pad, 0.0, "left", "center"),
        (-1.4 * pad, 0.0, "right", "center"),
    ]


def _box(anchor: Any, width: float, height: float, ha: str, va: str) -> Any:
    """(x0, y0, x1, y1) of a text of this size at ``anchor`` with this alignment."""
    x0 = anchor[0] - {"left": 0.0, "center": width / 2, "right": width}[ha]
    y0 = anchor[1] - {"bottom": 0.0, "center": height / 2, "top": height}[va]
    return np.array([x0, y0, x0 + width, y0 + height])


def _outside(box: Any, size: Any) -> float:
    """How far (in points) ``box`` reaches out of the plane, weighted heavily."""
    return 10.0 * float(max(0, -box[0]) + max(0, box[2] - size[0]) + max(0, -box[1])
                        + max(0, box[3] - size[1]))  # fmt: skip


def _hits(box: Any, centre: Any, radius: float) -> float:
    """How deep a marker of this radius at ``centre`` reaches into ``box`` (0 if apart)."""
    nearest = np.clip(centre, box[:2], box[2:])
    return max(0.0, radius - float(np.hypot(*(centre - nearest))))


def _overlap(box: Any, other: Any) -> float:
    """The overlap of two boxes, in points across plus up (0 if apart)."""
    across = min(box[2], other[2]) - max(box[0], other[0])
    up = min(box[3], other[3]) - max(box[1], other[1])
    return float(across + up) if across > 0 and up > 0 else 0.0
