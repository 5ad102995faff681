"""Win-sets and zones of agreement: the agreements one nation (or both) would ratify.

A nation's **win-set** is the set of agreements its domestic process would ratify
(Putnam 1988). The **zone of agreement** is the intersection of the two nations' win-sets.
On one issue it is a union of closed intervals, exact to rounding; on two issues it is a
set of grid cells (sets of zero area, like the status quo alone under gridlock, count as
empty there).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _checks, one_issue, ratification, two_issues
from ._checks import FloatArray
from .rules import BoolArray
from .spaces import Line, Plane
from .uncertainty import is_uncertain_nation

if TYPE_CHECKING:
    from .party import Party


@dataclass(frozen=True, eq=False)
class LineWinSet:
    """The agreements on one issue that every nation in ``nations`` ratifies.

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> b = nk.Nation("Borealia", [nk.Faction("B", nk.Linear(-1, 0.8))])
    >>> ws = b.win_set(nk.Line())
    >>> ws.intervals, ws.length, ws.is_empty
    ([(0.0, 0.8)], 0.8, False)
    >>> ws.contains([0.5, 0.9])
    array([ True, False])
    """

    space: Line
    nations: tuple[Party, ...]
    intervals: list[tuple[float, float]]

    @property
    def is_empty(self) -> bool:
        """True when no agreement is ratified."""
        return not self.intervals

    @property
    def length(self) -> float:
        """Total length of the intervals."""
        return sum(hi - lo for lo, hi in self.intervals)

    @property
    def area(self) -> float:
        """Only two-issue win-sets have an area; on one issue use ``length``."""
        raise AttributeError("area is defined on two issues; a one-issue win-set has .length")

    def contains(self, z: Any) -> Any:
        """Whether each agreement in ``z`` lies in the win-set."""
        array, single = _checks.points(z, 1)
        inside = np.zeros(array.shape, dtype=bool)
        for lo, hi in self.intervals:
            inside |= (array >= lo - 1e-9) & (array <= hi + 1e-9)
        return bool(inside[0]) if single else inside

    def __repr__(self) -> str:
        shown = " ∪ ".join(f"[{lo:.4g}, {hi:.4g}]" for lo, hi in self.intervals) or "empty"
        return f"<win-set on one issue: {shown}>"


@dataclass(frozen=True, eq=False)
class PlaneWinSet:
    """The agreements on two issues that every nation in ``nations`` ratifies (grid cells).

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> q = (0, 0)
    >>> a = nk.Nation("A", [nk.Faction("east", nk.Spatial((2, 0), q)),
    ...                     nk.Faction("north", nk.Spatial((0, 2), q))])
    >>> lens = a.win_set(nk.Plane(x=(-3, 3), y=(-3, 3)))
    >>> round(lens.area, 1)  # the lens 2*pi - 4 = 2.283 (Plane grids: area within 1%)
    2.3
    >>> lens.contains([1, 1])
    True
    """

    space: Plane
    nations: tuple[Party, ...]
    mask: BoolArray

    @property
    def is_empty(self) -> bool:
        """True when no grid cell is ratified."""
        return not bool(self.mask.any())

    @property
    def area(self) -> float:
        """Area of the ratified cells."""
        dx, dy = self.space.cell
        return float(self.mask.sum()) * dx * dy

    @property
    def intervals(self) -> list[tuple[float, float]]:
        """Only one-issue win-sets are intervals; on two issues use ``area`` or ``points``."""
        raise AttributeError("intervals exist on one issue; a two-issue win-set has .area")

    @cached_property
    def points(self) -> FloatArray:
        """The ratified cell centres, shape (n, 2)."""
        return self.space.grid[self.mask]

    def contains(self, z: Any) -> Any:
        """Whether each point of ``z`` is ratified by every nation (evaluated exactly)."""
        array, single = _checks.points(z, 2)
        lows = np.array([self.space.x[0], self.space.y[0]])
        highs = np.array([self.space.x[1], self.space.y[1]])
        inside = np.all((array >= lows) & (array <= highs), axis=1)
        for nation in self.nations:
            inside &= ratification.ratifies(nation, ratification.gains(nation, array))
        return bool(inside[0]) if single else inside

    def __repr__(self) -> str:
        return f"<win-set on two issues: area {self.area:.4g} of {self.space.area:.4g}>"


WinSet = LineWinSet | PlaneWinSet
Intervals = list[tuple[float, float]]


def difference(spans: Intervals, cut: Intervals) -> Intervals:
    """The parts of the intervals ``spans`` outside the intervals ``cut`` (one issue).

    Both are lists of closed intervals ``(low, high)``; the result is sorted when ``spans``
    is, and keeps the edges it shares with ``cut`` (what a win-set gains when side-payments
    widen it: ``difference(paying.intervals, plain.intervals)``, docs/model.md §3).

    >>> difference([(0.2, 1.0)], [(0.6, 1.0)])
    [(0.2, 0.6)]
    >>> difference([(0.0, 1.0)], [(0.2, 0.3), (0.5, 0.6)])
    [(0.0, 0.2), (0.3, 0.5), (0.6, 1.0)]
    """
    result = []
    for low, high in spans:
        for lo, hi in sorted(cut):
            if lo > low:
                result.append((low, min(lo, high)))
            low = max(low, hi)
        if low < high:
            result.append((low, high))
    return [(lo, hi) for lo, hi in result if hi > lo]


def win_set(nations: Sequence[Party], space: Line | Plane) -> WinSet:
    """The agreements of ``space`` that every nation in ``nations`` ratifies."""
    _checks.instance("space", space, (Line, Plane), "nk.Line(...) or nk.Plane(...)")
    for nation in nations:
        if nation.dimension != space.dimension:
            raise ValueError(
                f"space must match the factions' gains: {nation.name!r} has gains on "
                f"{nation.dimension} issue(s), the space has {space.dimension}"
            )
    if isinstance(space, Line):
        if any(is_uncertain_nation(n) for n in nations):  # where ratification is possible
            from .uncertain_bargain import zone as possible

            a, b = (*nations, *nations)[:2]
            return LineWinSet(space, tuple(nations), possible(a, b, space.low, space.high))
        return LineWinSet(
            space, tuple(nations), one_issue.intervals(nations, space.low, space.high)
        )
    zone = two_issues.mask(nations, space)
    zone.flags.writeable = False
    return PlaneWinSet(space, tuple(nations), zone)
