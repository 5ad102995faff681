"""What each figure draws, computed from the model: pure functions, numpy only.

``line_data`` (the issue line), ``plane_data`` (the issue plane), ``payoff_data`` (the payoff
plane) and ``statics_data`` (comparative statics; the last two live in ``payoffs``).

Every figure of ``negotiation_kit.plotting`` draws what one of these functions returns, so
tests can check the numbers without looking at pixels. All sets come from the model itself
(a faction's acceptance set is the win-set of a nation made of that faction alone), so the
one-issue edges are exact.

Examples
--------
>>> import negotiation_kit as nk
>>> from negotiation_kit.plotting.data import line_data
>>> a = nk.Nation("Atlantica", [nk.Faction("exporters", nk.Linear(0.5, -0.2)),
...                             nk.Faction("steelworkers", nk.Linear(0.5, 0.6))])
>>> b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
>>> shown = line_data(nk.Negotiation(a, b, nk.Line()))
>>> shown.a.win_set, shown.zone, shown.nash, shown.split
([(0.6, 1.0)], [(0.6, 0.8)], 0.6, 0.7)
>>> shown.a.reservations
(0.2,)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from ..model import Additive, Faction, Line, Nation, Negotiation, Plane, Spatial
from .geometry import BoolArray, FloatArray, half_plane
from .payoffs import (
    Intervals,
    PayoffData,
    StaticsData,
    on_grid,
    payoff_data,
    statics_data,
    zone_frontier,
)

__all__ = [
    "FactionRegion",
    "LineData",
    "NationOnLine",
    "NationOnPlane",
    "PayoffData",
    "PlaneData",
    "StaticsData",
    "line_data",
    "payoff_data",
    "plane_data",
    "statics_data",
]


@dataclass(frozen=True)
class NationOnLine:
    """One nation on the issue line: its factions' acceptance sets, win-set, reservation."""

    name: str
    factions: tuple[str, ...]
    acceptance: tuple[Intervals, ...]
    win_set: Intervals
    reservations: tuple[float, ...]
    """Where the unitary nation's welfare crosses zero inside the line (its reservation
    point; two points for a quadratic ``Spatial`` welfare, none if it never crosses)."""
    without_payments: Intervals
    """The win-set under the rule alone; ``win_set`` minus this is what side-payments buy."""
    payments: bool = False
    """Whether the nation has a side-payment regime."""


@dataclass(frozen=True)
class LineData:
    """Everything the issue line draws. ``split`` is ``None`` unless the zone is one interval."""

    space: Line
    a: NationOnLine
    b: NationOnLine
    zone: Intervals
    nash: float | None
    split: float | None
    outcome: float | None
    solution: str

    @property
    def nations(self) -> tuple[NationOnLine, NationOnLine]:
        return (self.a, self.b)


def _acceptance(faction: Faction) -> Nation:
    """The faction alone, as a nation under unanimity: its win-set is its acceptance set."""
    return Nation(faction.name, (faction,))


def _with_solution(negotiation: Negotiation, solution: str) -> Negotiation:
    if negotiation.solution == solution:
        return negotiation
    return dataclasses.replace(negotiation, solution=solution)


def _agreement(negotiation: Negotiation) -> float | None:
    point = negotiation.outcome().agreement
    return None if point is None else float(point)


def line_data(negotiation: Negotiation) -> LineData:
    """The issue line of a one-issue negotiation (see the module example)."""
    space = negotiation.space
    if not isinstance(space, Line):
        raise ValueError("line_data needs a one-issue negotiation (space=nk.Line(...))")
    sides = []
    for nation in (negotiation.a, negotiation.b):
        accept = tuple(_acceptance(f).win_set(space).intervals for f in nation.factions)
        unitary = nation.unitary().win_set(space).intervals
        edges = sorted({x for interval in unitary for x in interval})
        inside = tuple(x for x in edges if space.low < x < space.high)
        win_set = list(nation.win_set(space).intervals)
        plain = win_set
        if nation.side_payments is not None:
            plain = dataclasses.replace(nation, side_payments=None).win_set(space).intervals
        names = tuple(f.name for f in nation.factions)
        payments = nation.side_payments is not None
        sides.append(NationOnLine(nation.name, names, accept, win_set, inside, plain, payments))
    zone = list(negotiation.zone().intervals)
    nash = _agreement(_with_solution(negotiation, "nash"))
    split = _agreement(_with_solution(negotiation, "split")) if len(zone) == 1 else None
    outcome = nash if negotiation.solution == "nash" else split
    return LineData(space, sides[0], sides[1], zone, nash, split, outcome, negotiation.solution)


@dataclass(frozen=True)
class FactionRegion:
    """A faction's acceptance region on two issues.

    ``kind`` is ``"half-plane"`` (``Additive``: ``polygon`` is the region clipped to the
    plane, ``boundary`` its iso-gain line inside the plane) or ``"disc"`` (``Spatial``:
    ``centre`` and ``radius``; ``polygon`` and ``boundary`` are empty).
    """

    name: str
    kind: str
    polygon: FloatArray
    boundary: FloatArray
    centre: tuple[float, float] | None = None
    radius: float = 0.0


@dataclass(frozen=True)
class NationOnPlane:
    """One nation on the issue plane: factions' regions and its win-set mask."""

    name: str
    factions: tuple[FactionRegion, ...]
    win_set: BoolArray
    """Shape (resolution, resolution), rows in y from the bottom: ``imshow(origin="lower")``."""


@dataclass(frozen=True)
class PlaneData:
    """Everything the issue plane draws. Masks are indexed ``[row in y, column in x]``."""

    space: Plane
    a: NationOnPlane
    b: NationOnPlane
    zone: BoolArray
    status_quo: FloatArray
    """The distinct status quo points of ``Spatial`` factions, shape (k, 2)."""
    frontier: FloatArray
    """Zone cells on the Pareto frontier of (N_A, N_B), shape (k, 2), sorted by N_A."""
    frontier_mask: BoolArray
    """The same cells as a mask of shape (resolution, resolution)."""
    outcome: FloatArray | None

    @property
    def nations(self) -> tuple[NationOnPlane, NationOnPlane]:
        return (self.a, self.b)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """``(x0, x1, y0, y1)`` for ``imshow``."""
        return (*self.space.x, *self.space.y)


def _region(faction: Faction, box: tuple[float, float, float, float]) -> FactionRegion:
    gain = faction.gain
    if isinstance(gain, Additive):
        w = (gain.weights[0], gain.weights[1])
        polygon, boundary = half_plane(w, gain.threshold, box)
        return FactionRegion(faction.name, "half-plane", polygon, boundary)
    assert isinstance(gain, Spatial)
    empty = np.zeros((0, 2))
    centre = (float(gain.ideal[0]), float(gain.ideal[1]))
    return FactionRegion(faction.name, "disc", empty, empty, centre, gain.radius)


def plane_data(negotiation: Negotiation) -> PlaneData:
    """The issue plane of a two-issue negotiation.

    Examples
    --------
    Win-sets and the zone are the model's grid masks (``nation.win_set(plane).mask``), a
    faction's region its half-plane (``Additive``) or disc (``Spatial``):

    >>> import negotiation_kit as nk
    >>> a = nk.Nation("A", [nk.Faction("exporters", nk.Additive((1, 0.5), 0.6))])
    >>> b = nk.Nation("B", [nk.Faction("B", nk.Additive((-1, -1), -1.5))])
    >>> shown = plane_data(nk.Negotiation(a, b, nk.Plane()))
    >>> shown.a.factions[0].kind, shown.a.factions[0].boundary.round(2).tolist()
    ('half-plane', [[0.6, 0.0], [0.1, 1.0]])
    >>> shown.zone.shape, shown.status_quo.shape  # no Spatial faction: no status quo point
    ((200, 200), (0, 2))
    """
    space = negotiation.space
    if not isinstance(space, Plane):
        raise ValueError("plane_data needs a two-issue negotiation (space=nk.Plane(...))")
    n = space.resolution
    box = (*space.x, *space.y)
    sides = [
        NationOnPlane(
            nation.name,
            tuple(_region(f, box) for f in nation.factions),
            on_grid(nation, space)[0].reshape(n, n),
        )
        for nation in (negotiation.a, negotiation.b)
    ]
    zone = negotiation.zone().mask.reshape(n, n)  # type: ignore[union-attr]
    quo = [
        f.gain.status_quo
        for nation in (negotiation.a, negotiation.b)
        for f in nation.factions
        if isinstance(f.gain, Spatial)
    ]
    status_quo = np.unique(np.asarray(quo, dtype=np.float64).reshape(-1, 2), axis=0)
    inside, _, on, order = zone_frontier(negotiation)
    efficient = np.zeros(n * n, dtype=bool)
    efficient[inside[on]] = True
    point = negotiation.outcome().agreement
    outcome = None if point is None else np.asarray(point, dtype=np.float64)
    frontier = space.grid[inside[on][order]]
    mask = efficient.reshape(n, n)
    return PlaneData(space, sides[0], sides[1], zone, status_quo, frontier, mask, outcome)
