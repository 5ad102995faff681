"""How a figure's artists split into the layers ``FrameRenderer`` composes.

For each Axes: the artists drawn before its first changing artist (**under**), the changing
ones, and the static ones drawn after them (**over**), in the order ``Axes.draw`` uses; and
the key that says when an Axes' saved layers show something out of date.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis


@dataclass
class Plan:
    """One Axes' artists in drawing order, split into the three layers."""

    ax: Axes
    under: list[Artist] = field(default_factory=list)
    changing: list[Artist] = field(default_factory=list)
    over: list[Artist] = field(default_factory=list)


def split(ax: Axes, changing: set[int]) -> Plan:
    """``ax``'s artists in the order ``Axes.draw`` uses, split around the changing ones.

    Children sorted by zorder (a stable sort: ties keep the order they were added in), the
    background patch first; spines and axes only when the frame and axes are on.
    """
    plan = Plan(ax)
    if not ax.get_visible():
        return plan
    children = [c for c in ax.get_children() if c is not ax.patch and not c.get_animated()]
    if not (ax.axison and ax.get_frame_on()):
        children = [c for c in children if c not in ax.spines.values()]
    if not ax.axison:
        children = [c for c in children if not isinstance(c, Axis)]
    children.sort(key=attrgetter("zorder"))
    if ax.axison and ax.get_frame_on():
        children.insert(0, ax.patch)
    seen = False
    for child in children:
        if id(child) in changing:
            plan.changing.append(child)
            seen = True
        elif child.get_visible():
            (plan.over if seen else plan.under).append(child)
    return plan


def axes_key(ax: Axes, changing: set[int]) -> Hashable:
    """What an Axes' saved layers show; a change means they must be rendered again."""
    legend = ax.get_legend()
    texts = () if legend is None or id(legend) in changing else legend.get_texts()
    return (
        ax.get_visible(),
        ax.get_position().bounds,
        ax.viewLim.bounds,
        ax.get_xlabel(),
        ax.get_ylabel(),
        tuple(ax.get_title(where) for where in ("left", "center", "right")),
        tuple(t.get_text() for t in texts),
        _ticks(ax.xaxis),
        _ticks(ax.yaxis),
    )


def _ticks(axis: Axis) -> Hashable:
    """Fixed tick positions, labels and their colours (``set_ticks(..., labels=...)``);
    automatic ticks follow the limits, which the key already holds."""
    locator, formatter = axis.get_major_locator(), axis.get_major_formatter()
    locs = getattr(locator, "locs", ())
    labels = getattr(formatter, "seq", ())
    colours = tuple(str(tick.label1.get_color()) for tick in axis.majorTicks)
    return (id(locator), id(formatter), tuple(locs), tuple(labels), colours)


def flatten(items: Any) -> list[Artist]:
    """The artists in ``items``: an artist, or lists and dicts of them, nested."""
    if isinstance(items, Artist):
        return [items]
    if isinstance(items, Mapping):
        items = list(items.values())
    return [a for item in items for a in flatten(item)]
