"""The least efficiency and the least budget of side-payments that open a zone of agreement.

A nation with side-payments ratifies ``x`` when its rule alone does, or when the delivered
compensation the losers need can be paid: ``D*(x)/e <= min(budget, payers' gains)``
(docs/model.md §3). Over the partner's win-set ``P`` the thresholds lessons 7 and 8 ask
about are therefore

- least efficiency: ``min over x in P of D*(x) / min(budget, payers' gains(x))``;
- least budget: ``min over x in P with D*(x) <= e * payers' gains(x) of D*(x) / e``;

both 0 when the rule alone ratifies a point of ``P``.

With linear gains on one issue every coalition's cost ``sum of max(0, -g_i)``, the payers'
gains and the budget are linear between the factions' reservations, so each ratio is
monotone between the reservations, the partner's edges and the points where two of those
lines cross. The minimum is at one of these points: it is computed exactly there, not on a
grid.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Sequence

import numpy as np

from .gains import Spatial
from .nations import Nation
from .side_payments import SidePayments, coalition_costs

FloatArray = np.ndarray
Intervals = Sequence[tuple[float, float]]
ROUNDING = 1e-12
"""Slack on ``D*/e <= capacity`` for sums that are equal up to floating-point rounding."""


def least_efficiency(nation: Nation, partner: Intervals, budget: float = math.inf) -> float | None:
    """The least efficiency at which ``nation`` ratifies a point of ``partner``.

    ``partner`` is the other nation's win-set (its intervals). 0 if ``nation``'s rule alone
    ratifies a point of it; None if no efficiency up to 1 does (the payers cannot afford
    the compensation within ``budget``, or the partner's win-set is empty).

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> a = nk.Nation("A", [nk.Faction("dove", nk.Linear(0.5, -0.5)),
    ...                     nk.Faction("hawk", nk.Linear(0.5, 0.9))])
    >>> least_efficiency(a, [(0.0, 0.8)]) * 13  # docs/model.md E3: 1/13
    1.0
    """

    def ratio(needed: FloatArray, able: FloatArray) -> FloatArray:
        capacity = np.minimum(budget, able)
        share = needed / np.where(capacity > 0, capacity, 1.0)
        return np.where((capacity > 0) & (share <= 1.0 + ROUNDING), share, math.inf)

    return _least(nation, partner, ratio, [budget])


def least_budget(nation: Nation, partner: Intervals, efficiency: float = 1.0) -> float | None:
    """The least budget at which ``nation`` ratifies a point of ``partner``.

    0 if ``nation``'s rule alone ratifies a point of it; None if no budget does
    (``efficiency`` 0, or the payers' gains fall short of ``D*/e`` everywhere).

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> a = nk.Nation("A", [nk.Faction("dove", nk.Linear(0.5, -0.5)),
    ...                     nk.Faction("hawk", nk.Linear(0.5, 0.9))])
    >>> least_budget(a, [(0.0, 0.8)]), least_budget(a, [(0.0, 0.8)], efficiency=0.5)
    (0.05, 0.1)
    """

    def paid(needed: FloatArray, able: FloatArray) -> FloatArray:
        if efficiency <= 0:
            return np.full(needed.shape, math.inf)
        affordable = needed <= efficiency * able + ROUNDING
        return np.where(affordable, needed / efficiency, math.inf)

    return _least(nation, partner, paid, [], efficiency)


def _least(
    nation: Nation,
    partner: Intervals,
    required: Callable[[FloatArray, FloatArray], FloatArray],
    levels: list[float],
    efficiency: float = 1.0,
) -> float | None:
    """The least of ``required(D*, payers' gains)`` over ``partner``, checked at every
    point where it may turn (``levels`` are constant lines such as the budget)."""
    xs = _turning_points(nation, partner, levels, efficiency)
    if xs.size == 0:
        return None
    if dataclasses.replace(nation, side_payments=None).ratifies(xs).any():
        return 0.0
    payments = nation.side_payments or SidePayments()
    gains = nation.gains(xs)
    able = payments.payer_mask(nation.factions) @ np.maximum(gains, 0.0)
    needed = np.asarray(nation.compensation(xs), dtype=np.float64)
    best = float(required(needed, able).min())
    return best if math.isfinite(best) else None


def _turning_points(
    nation: Nation, partner: Intervals, levels: list[float], efficiency: float
) -> FloatArray:
    """The partner's edges, the reservations inside it, the middle of each piece between
    them, and every crossing of two of the piece's lines (coalition costs, the payers'
    gains, ``e`` times them, ``levels``)."""
    if nation.dimension != 1 or any(isinstance(f.gain, Spatial) for f in nation.factions):
        raise ValueError(
            f"thresholds need one issue with linear gains; {nation.name} has "
            + ", ".join(type(f.gain).__name__ for f in nation.factions)
        )
    at_ends = nation.gains(np.array([0.0, 1.0]))  # g(x) = g(0) + (g(1) - g(0)) x
    slopes = at_ends[:, 1] - at_ends[:, 0]
    reservations = [-g0 / slope for g0, slope in zip(at_ends[:, 0], slopes, strict=True) if slope]
    payments = nation.side_payments or SidePayments()
    mask = payments.payer_mask(nation.factions)
    points: list[float] = []
    for low, high in partner:
        inside = [r for r in reservations if low < r < high]
        ends = np.unique([low, high, *inside])
        points += ends.tolist()
        for p, q in itertools.pairwise(ends.tolist()):
            pair = np.array([p, q])
            gains = nation.gains(pair)
            able = mask @ np.maximum(gains, 0.0)
            lines = [*coalition_costs(gains, nation.coalitions), able, efficiency * able]
            lines += [np.full(2, level) for level in levels if math.isfinite(level)]
            points.append((p + q) / 2)
            for i, f in enumerate(lines):
                for g in lines[i + 1 :]:
                    d0, d1 = f[0] - g[0], f[1] - g[1]
                    if d0 * d1 < 0:
                        points.append(p + d0 / (d0 - d1) * (q - p))
    return np.unique(np.asarray(points, dtype=np.float64))
