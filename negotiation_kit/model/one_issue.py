"""Exact one-issue geometry: win-set edges and Nash outcomes without a grid.

On one issue every gain is a polynomial of degree <= 2, so a nation's ratification,
its minimum compensation ``D*`` and its net welfare ``N`` are piecewise polynomials. We list
every point where one of them may change form (the *cuts*: roots of the gains, of national
welfare, and, with side-payments, where coalition costs cross each other, the budget or the
payers' capacity), then decide each piece between cuts by evaluating the nation exactly at
its midpoint. Edges are therefore exact up to floating-point rounding.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from . import _poly, ratification
from ._poly import Poly

if TYPE_CHECKING:
    from .party import Party

Intervals = list[tuple[float, float]]
_MERGE = 1e-12


def _gain_polys(nation: Party) -> list[Poly]:
    return [f.gain.coefficients() for f in nation.factions]


def _piece_polys(nation: Party, middle: float) -> tuple[list[Poly], Poly]:
    """Coalition costs and the payers' capacity as polynomials on the piece around ``middle``."""
    gains = _gain_polys(nation)
    values = [_poly.evaluate(p, middle) for p in gains]
    owed = [
        _poly.scale(p, -1.0) if v < 0 else _poly.ZERO for p, v in zip(gains, values, strict=True)
    ]
    costs = [_poly.total(owed[i] for i in members) for members in nation.coalitions]
    payments = nation.side_payments
    assert payments is not None
    mask = payments.payer_mask(nation.factions)
    able = _poly.total(p for p, v, m in zip(gains, values, mask, strict=True) if v > 0 and m)
    return costs, able


@lru_cache(maxsize=256)
def cuts(nation: Party, low: float, high: float) -> tuple[float, ...]:
    """Every point of ``[low, high]`` where the nation's win-set or ``N`` may change form.

    Cached: a slider that moves one nation leaves the other's cuts to be reused.
    """
    gains = _gain_polys(nation)
    points = {low, high}
    for p in [*gains, _poly.total(gains)]:
        points.update(_poly.roots_between(p, low, high))
    payments = nation.side_payments
    if payments is None or not nation.coalitions:
        return tuple(sorted(points))
    first = sorted(points)
    e, budget = payments.efficiency, payments.budget
    for left, right in itertools.pairwise(first):
        costs, able = _piece_polys(nation, 0.5 * (left + right))
        targets: list[Poly] = [_poly.sub(c, _poly.scale(able, e)) for c in costs]
        targets += [_poly.sub(c, d) for c, d in itertools.combinations(costs, 2)]
        if math.isfinite(budget):
            targets.append(_poly.sub(able, (budget,)))
            targets += [_poly.sub(c, (e * budget,)) for c in costs]
        for p in targets:
            points.update(_poly.roots_between(p, left, right))
    return tuple(sorted(points))


def dedupe(points: Iterable[float]) -> list[float]:
    """The points sorted, those closer than ``_MERGE`` to the one before dropped."""
    result: list[float] = []
    for x in sorted(points):
        if not result or x - result[-1] > _MERGE:
            result.append(x)
    return result


def intervals(nations: Sequence[Party], low: float, high: float) -> Intervals:
    """The closed intervals of ``[low, high]`` that every nation in ``nations`` ratifies."""
    points = dedupe(x for n in nations for x in cuts(n, low, high))
    probe = np.empty(2 * len(points) - 1)
    probe[0::2] = points
    probe[1::2] = 0.5 * (probe[0:-1:2] + probe[2::2])
    inside = np.ones(probe.shape, dtype=bool)
    for nation in nations:
        # Cuts may be roots, so rounding is forgiven there; a midpoint lies strictly between
        # roots, where the sign of every gain is exact (snapping there would widen a tangent
        # zero such as a status quo at the ideal point into a band of about 1e-6).
        at_cuts = ratification.gains(nation, probe[0::2])
        between = ratification.gains(nation, probe[1::2], exact=True)
        inside[0::2] &= ratification.ratifies(nation, at_cuts)
        inside[1::2] &= ratification.ratifies(nation, between, exact=True)
    found: Intervals = []
    k = 0
    while k < len(probe):
        if not inside[k]:
            k += 1
            continue
        start = k - 1 if k % 2 else k
        while k + 1 < len(probe) and inside[k + 1]:
            k += 1
        end = k + 1 if k % 2 else k
        found.append((float(probe[start]), float(probe[end])))
        k += 1
    return merge(found)


def merge(found: Intervals) -> Intervals:
    """Sorted intervals with those that touch (to ``_MERGE``) joined into one."""
    merged: Intervals = []
    for lo, hi in found:
        if merged and lo - merged[-1][1] <= _MERGE:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def net_welfare_poly(nation: Party, middle: float) -> Poly:
    """``N`` as a polynomial on the piece (between cuts) that contains ``middle``."""
    welfare = _poly.total(_gain_polys(nation))
    payments = nation.side_payments
    if payments is None or payments.efficiency in (0.0, 1.0) or not nation.coalitions:
        return welfare
    costs, _ = _piece_polys(nation, middle)
    cheapest = min(costs, key=lambda c: _poly.evaluate(c, middle))
    return _poly.sub(welfare, _poly.scale(cheapest, payments.deadweight))


def nash(a: Party, b: Party, zone: Intervals) -> float | None:
    """The point of the zone with ``N_A, N_B >= 0`` that maximises ``N_A * N_B`` (Nash 1950).

    Candidates are the zone's edges, the cuts, the roots of ``N_A`` and ``N_B`` and the
    stationary points of the product on each piece; the maximiser is among them.
    """
    if not zone:
        return None
    low, high = zone[0][0], zone[-1][1]
    edges = [x for interval in zone for x in interval]
    points = dedupe([*edges, *cuts(a, low, high), *cuts(b, low, high)])
    candidates = [x for x in points if _within(x, zone)]
    for left, right in itertools.pairwise(points):
        middle = 0.5 * (left + right)
        if not _within(middle, zone):
            continue
        net_a, net_b = net_welfare_poly(a, middle), net_welfare_poly(b, middle)
        product = _poly.multiply(net_a, net_b)
        for p in (net_a, net_b, _poly.derivative(product)):
            candidates.extend(_poly.roots_between(p, left, right))
    x = np.array(candidates)
    net_a_x = ratification.net_welfare(a, ratification.gains(a, x))
    net_b_x = ratification.net_welfare(b, ratification.gains(b, x))
    feasible = (net_a_x >= -a.slack) & (net_b_x >= -b.slack)
    if not feasible.any():
        return None
    product_x = np.where(feasible, np.maximum(net_a_x, 0) * np.maximum(net_b_x, 0), -np.inf)
    return float(x[int(np.argmax(product_x))])


def _within(x: float, zone: Intervals) -> bool:
    return any(lo - _MERGE <= x <= hi + _MERGE for lo, hi in zone)
