"""Two-issue geometry on a grid: win-sets as masks of cell centres, outcomes refined locally.

Every faction's gain is evaluated once per plane on all ``resolution**2`` cell centres
(cached, so moving one nation's slider does not recompute the other's gains); rules and
side-payments are reductions over the factions axis, with no Python loop over points.
The Nash point is found on the grid, then refined on finer local grids around it, which
brings it well within 0.01 per coordinate of the true maximiser.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from . import ratification
from ._checks import FloatArray
from .gains import snap
from .rules import BoolArray
from .spaces import Plane

if TYPE_CHECKING:
    from .bargaining import Negotiation
    from .gains import Additive, Linear, Spatial
    from .party import Party

REFINE_LEVELS = 3
REFINE_POINTS = 21
SEEDS = 3
"""Refinement starts from the best few cells, not one, in case the best lies between them."""


@lru_cache(maxsize=128)
def _gain_on_grid(gain: Linear | Additive | Spatial, plane: Plane) -> FloatArray:
    values = snap(gain.evaluate(plane.grid), gain.scale)
    values.flags.writeable = False
    return values


def grid_gains(nation: Party, plane: Plane) -> FloatArray:
    """The nation's gains on the plane's grid, shape (factions, resolution**2)."""
    return np.stack([_gain_on_grid(f.gain, plane) for f in nation.factions])


def mask(nations: Sequence[Party], plane: Plane) -> BoolArray:
    """Which grid cells every nation in ``nations`` ratifies."""
    inside = np.ones(plane.resolution**2, dtype=bool)
    for nation in nations:
        inside &= ratification.ratifies(nation, grid_gains(nation, plane))
    return inside


def _best(a: Party, b: Party, z: FloatArray) -> tuple[int, float] | None:
    """Index and value of the best point of ``z`` for the Nash product, among feasible ones."""
    gains_a, gains_b = ratification.gains(a, z), ratification.gains(b, z)
    net_a = ratification.net_welfare(a, gains_a)
    net_b = ratification.net_welfare(b, gains_b)
    ok = ratification.ratifies(a, gains_a) & ratification.ratifies(b, gains_b)
    ok &= (net_a >= -a.slack) & (net_b >= -b.slack)
    if not ok.any():
        return None
    product = np.where(ok, np.maximum(net_a, 0) * np.maximum(net_b, 0), -np.inf)
    k = int(np.argmax(product))
    return k, float(product[k])


def _seeds(a: Party, b: Party, cells: FloatArray) -> FloatArray:
    """The zone cells to refine around: the best for the Nash product among feasible cells,
    or, when no cell centre serves both principals, the cells that come closest to it (the
    part of the zone that serves both may be thinner than a cell)."""
    net_a = ratification.net_welfare(a, ratification.gains(a, cells))
    net_b = ratification.net_welfare(b, ratification.gains(b, cells))
    feasible = (net_a >= -a.slack) & (net_b >= -b.slack)
    score = np.where(feasible, net_a * net_b, np.minimum(net_a, net_b) - 1.0)
    best = np.argsort(score)[::-1][:SEEDS]
    return cells[best]


def _refine(a: Party, b: Party, plane: Plane, seed: FloatArray) -> tuple[FloatArray, float]:
    """Finer and finer local grids around ``seed``: the best feasible point and its product."""
    point, value = seed, -np.inf
    step = np.array(plane.cell)
    offsets = np.linspace(-1.5, 1.5, REFINE_POINTS)
    ox, oy = np.meshgrid(offsets, offsets)
    unit = np.column_stack([ox.ravel(), oy.ravel()])
    for _ in range(REFINE_LEVELS):
        local = plane.clip(point + unit * step)
        found = _best(a, b, np.vstack([point, local]))
        if found is not None and found[1] >= value:
            point, value = np.vstack([point, local])[found[0]], found[1]
        step = step * 3.0 / (REFINE_POINTS - 1)
    return point, value


def nash(a: Party, b: Party, plane: Plane, zone: BoolArray) -> FloatArray | None:
    """The Nash point: the best zone cells, each refined on ``REFINE_LEVELS`` local grids."""
    if not zone.any():
        return None
    results = [_refine(a, b, plane, seed) for seed in _seeds(a, b, plane.grid[zone])]
    point, value = max(results, key=lambda result: result[1])
    return point if np.isfinite(value) else None


TIE = 0.05
"""Agreements tie when each nation's welfare is the same (to the grid's precision) along
more than this share of the plane's diagonal: then no one point is *the* outcome."""


@lru_cache(maxsize=16)
def tie(negotiation: Negotiation) -> tuple[FloatArray | None, bool]:
    """The middle of the agreements that tie with the outcome, and whether there are many.

    In a purely distributive bargain every agreement on a line of the zone gives both nations
    the outcome's net welfare, so the Nash point is not unique and the grid's pick drifts
    with tiny changes of the scenario. The agreements that tie are the zone's grid cells
    where each nation's net welfare is within a quarter cell's change of the outcome's; when
    they spread over more than ``TIE`` of the plane's diagonal, their middle (rounded to
    1e-6) stands for them and the answer is ``(middle, True)``. Otherwise it is
    ``(agreement, False)``, the outcome's own agreement (``None`` when there is none).

    >>> import negotiation_kit as nk
    >>> a = nk.Nation("A", [nk.Faction("A", nk.Additive((0.5, 0.5), 0.3))])
    >>> b = nk.Nation("B", [nk.Faction("B", nk.Additive((-0.5, -0.5), -0.7))])
    >>> middle, tied = tie(nk.Negotiation(a, b, nk.Plane()))
    >>> tied, round(float(sum(middle)), 2)  # every deal with x + y = 1 gives 0.2 to both
    (True, 1.0)
    """
    outcome, space, zone = negotiation.outcome(), negotiation.space, negotiation.zone()
    if not isinstance(space, Plane):
        raise ValueError("tie is defined on two issues (space=nk.Plane(...)), got a Line")
    if outcome.agreement is None:
        return None, False
    agreement = np.asarray(outcome.agreement, dtype=np.float64)
    grid = space.grid
    near = np.asarray(zone.mask, dtype=bool).copy()  # type: ignore[union-attr]
    for nation in (negotiation.a, negotiation.b):
        welfare = np.asarray(nation.net_welfare(grid), dtype=np.float64)
        step = 0.25 * float(np.ptp(welfare)) / space.resolution  # a quarter cell
        near &= np.abs(welfare - outcome.welfare[nation.name]) <= step
    points = grid[near]
    if len(points) == 0:
        return agreement, False
    spread = float(np.hypot(*np.ptp(points, axis=0)))
    if spread <= TIE * float(np.hypot(np.ptp(space.x), np.ptp(space.y))):
        return agreement, False
    return np.round(points.mean(axis=0), 6), True
