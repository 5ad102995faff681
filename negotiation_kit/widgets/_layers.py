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
    """``ax``'s artists in the order ``Axes.draw`` uses, split around the changing ones
    (those in ``changing`` and those matplotlib marks ``animated``).

    Children sorted by zorder (a stable sort: ties keep the order they were added in), the
    background patch first; spines and axes only when the frame and axes are on.
    """
    plan = Plan(ax)
    if not ax.get_visible():
        return plan
    children = [c for c in ax.get_children() if c is not ax.patch]
    if not (ax.axison and ax.get_frame_on()):
        children = [c for c in children if c not in ax.spines.values()]
    if not ax.axison:
        children = [c for c in children if not isinstance(c, Axis)]
    children.sort(key=attrgetter("zorder"))
    if ax.axison and ax.get_frame_on():
        children.insert(0, ax.patch)
    seen = False
    for child in children:
        if id(child) in changing or child.get_animated():
            plan.changing.append(child)
            seen = True
        else:  # hidden ones too: an artist shown later is already in its layer
            (plan.over if seen else plan.under).append(child)
    return plan


def axes_key(ax: Axes) -> Hashable:
    """Where an Axes is, what it frames and how its ticks are chosen: a change means its
    layers are rendered again.

    Changes to its artists are seen through their ``stale`` flags. An ``Axis`` is stale
    whenever its limits are set, even to the same values (views do so on every update),
    so what it shows is read here instead: limits, locator and formatter.
    """
    return (ax.get_position().bounds, ax.viewLim.bounds, _ticks(ax.xaxis), _ticks(ax.yaxis))


def _ticks(axis: Axis) -> Hashable:
    """Fixed tick positions and labels (``set_ticks(..., labels=...)``); automatic ticks
    follow the limits, which the key already holds."""
    locator, formatter = axis.get_major_locator(), axis.get_major_formatter()
    locs = getattr(locator, "locs", ())
    labels = getattr(formatter, "seq", ())
    return (id(locator), id(formatter), tuple(locs), tuple(labels))


def flatten(items: Any) -> list[Artist]:
    """The artists in ``items``: an artist, or lists and dicts of them, nested."""
    if isinstance(items, Artist):
        return [items]
    if isinstance(items, Mapping):
        items = list(items.values())
    return [a for item in items for a in flatten(item)]
