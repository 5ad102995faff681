"""What the payoff plane and the comparative-statics curves draw: pure, numpy only.

Payoffs are the principals' net welfare ``(N_A, N_B)`` (docs/model.md §3); no agreement is the
disagreement point ``(0, 0)``. Re-exported by ``negotiation_kit.plotting.data``.

Examples
--------
>>> import negotiation_kit as nk
>>> from negotiation_kit.plotting.data import payoff_data
>>> a = nk.Nation("A", [nk.Faction("a", nk.Linear(1, 0.2))])
>>> b = nk.Nation("B", [nk.Faction("b", nk.Linear(-1, 0.8))])
>>> shown = payoff_data(nk.Negotiation(a, b, nk.Line()))
>>> shown.feasible[[0, -1]].round(12).tolist(), shown.outcome
([[0.0, 0.6], [0.6, 0.0]], (0.3, 0.3))
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..model import Line, Nation, Negotiation, Plane, ratification
from ..model.two_issues import grid_gains
from .geometry import BoolArray, FloatArray, IntArray, pareto_mask

Intervals = list[tuple[float, float]]
LINE_SAMPLES = 400
"""How many points sample a one-issue zone (or the whole line) for a payoff curve."""


def net_payoffs(negotiation: Negotiation, points: FloatArray) -> FloatArray:
    """``(N_A, N_B)`` at each agreement in ``points``, shape ``(n, 2)``."""
    if len(points) == 0:
        return np.zeros((0, 2))
    # The model checks the points it is given and prepares its error message with the
    # points' repr even when they are fine; a short repr keeps that from costing more than
    # the welfare itself. The options are context-local.
    with np.printoptions(threshold=0, edgeitems=1):
        columns = [negotiation.a.net_welfare(points), negotiation.b.net_welfare(points)]
    return np.column_stack(columns).astype(np.float64)


def grid_payoffs(negotiation: Negotiation) -> FloatArray:
    """``(N_A, N_B)`` on every cell of a Plane's grid, shape ``(resolution**2, 2)``."""
    assert isinstance(negotiation.space, Plane)
    columns = [on_grid(nation, negotiation.space)[1] for nation in (negotiation.a, negotiation.b)]
    return np.column_stack(columns)


def on_grid(nation: Nation, plane: Plane) -> tuple[BoolArray, FloatArray]:
    """A nation's win-set mask and net welfare on every cell of ``plane``'s grid.

    Cached for the last few nations: when a slider moves one nation, the other's are
    reused (scenario objects are frozen, so equal nations give equal results).
    """
    try:
        hash((nation, plane))
    except TypeError:  # pragma: no cover - every scenario object is frozen and hashable
        return _on_grid.__wrapped__(nation, plane)
    return _on_grid(nation, plane)


@lru_cache(maxsize=8)
def _on_grid(nation: Nation, plane: Plane) -> tuple[BoolArray, FloatArray]:
    mask = nation.win_set(plane).mask  # type: ignore[union-attr]
    # the model's cached gains on the grid (the win-set above used them too): the same
    # numbers as nation.net_welfare(plane.grid), without evaluating and checking them again
    gains = grid_gains(nation, plane)
    welfare = np.asarray(ratification.net_welfare(nation, gains), dtype=np.float64)
    welfare.flags.writeable = False
    return mask, welfare


def sorted_frontier(payoffs: FloatArray) -> tuple[BoolArray, IntArray]:
    """Which payoffs are Pareto-efficient, and the order that sorts those by ``N_A``."""
    on = pareto_mask(payoffs)
    return on, np.argsort(payoffs[on, 0], kind="stable")


def zone_frontier(negotiation: Negotiation) -> tuple[IntArray, FloatArray, BoolArray, IntArray]:
    """On a Plane: the zone's grid cells (indices), their payoffs, which are efficient and
    the order that sorts those by ``N_A``. Cached: both planes of a frame need it."""
    try:
        hash(negotiation)
    except TypeError:  # pragma: no cover - every scenario object is frozen and hashable
        return _zone_frontier.__wrapped__(negotiation)
    return _zone_frontier(negotiation)


@lru_cache(maxsize=4)
def _zone_frontier(negotiation: Negotiation) -> tuple[IntArray, FloatArray, BoolArray, IntArray]:
    inside = np.flatnonzero(negotiation.zone().mask)  # type: ignore[union-attr]
    payoffs = grid_payoffs(negotiation)[inside]
    on, order = sorted_frontier(payoffs)
    return inside, payoffs, on, order


@dataclass(frozen=True)
class PayoffData:
    """Everything the payoff plane draws: points are ``(N_A, N_B)`` net welfare pairs.

    On a Line, ``feasible`` samples the zone's curve in order of the agreement and ``piece``
    says which zone interval each sample belongs to; ``possible`` samples every agreement of
    the line. On a Plane, ``feasible`` has one row per zone cell, ``possible`` one per grid
    cell, and ``piece`` is all zeros.
    """

    names: tuple[str, str]
    kind: str
    """``"curve"`` (one issue) or ``"cells"`` (two issues)."""
    feasible: FloatArray
    piece: IntArray
    on_frontier: BoolArray
    frontier: FloatArray
    """The Pareto-efficient feasible pairs, sorted by ``N_A``."""
    possible: FloatArray
    """Payoffs of every agreement in the space, ratified or not."""
    disagreement: tuple[float, float]
    outcome: tuple[float, float] | None


def _zone_samples(zone: Intervals, total: int = LINE_SAMPLES) -> tuple[FloatArray, IntArray]:
    """Points along each interval (at least two, the ends included) and their interval."""
    if not zone:
        return np.zeros(0), np.zeros(0, dtype=np.intp)
    lows, highs = np.array(zone).T
    width = float(np.sum(highs - lows))
    counts = np.maximum(2, np.round(total * (highs - lows) / max(width, 1e-300))).astype(np.intp)
    piece = np.repeat(np.arange(len(zone)), counts)
    start = np.repeat(np.cumsum(counts) - counts, counts)
    fraction = (np.arange(piece.size) - start) / (counts[piece] - 1)
    return lows[piece] + fraction * (highs - lows)[piece], piece


def payoff_data(negotiation: Negotiation) -> PayoffData:
    """Feasible net-welfare pairs over the zone, their Pareto frontier and the outcome."""
    zone, space = negotiation.zone(), negotiation.space
    if isinstance(space, Line):
        x, piece = _zone_samples(list(zone.intervals))
        feasible, kind = net_payoffs(negotiation, x), "curve"
        everything, _ = _zone_samples([(space.low, space.high)])
        possible = net_payoffs(negotiation, everything)
    else:
        possible, kind = grid_payoffs(negotiation), "cells"
        _, feasible, on, order = zone_frontier(negotiation)
        piece = np.zeros(len(feasible), dtype=np.intp)
    if kind == "curve":
        on, order = sorted_frontier(feasible)
    result = negotiation.outcome()
    names = (negotiation.a.name, negotiation.b.name)
    outcome = None
    if result.agreement is not None:
        outcome = (result.welfare[names[0]], result.welfare[names[1]])
    frontier = feasible[on][order]
    return PayoffData(names, kind, feasible, piece, on, frontier, possible, (0.0, 0.0), outcome)


@dataclass(frozen=True)
class StaticsData:
    """Outcomes of a family of negotiations, one per parameter value.

    ``agreement`` is NaN where there is no agreement (shape (n,) on one issue, (n, 2) on
    two), so a plotted curve breaks there; ``welfare_a``/``welfare_b`` are net welfare,
    which is 0 where there is no agreement (no agreement leaves everyone at their
    no-agreement value); ``agreed`` says where there is one. ``desirability_a``/``_b``
    (``Δ``) are filled only on request.
    """

    values: FloatArray
    names: tuple[str, str]
    agreement: FloatArray
    welfare_a: FloatArray
    welfare_b: FloatArray
    agreed: BoolArray
    desirability_a: FloatArray | None = None
    desirability_b: FloatArray | None = None


def statics_data(
    make: Callable[[float], Negotiation],
    values: Sequence[float] | FloatArray,
    *,
    desirability: bool = False,
) -> StaticsData:
    """Comparative statics: the outcome of ``make(value)`` for each value.

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> b = nk.Nation("B", [nk.Faction("b", nk.Linear(-1, 0.8))])
    >>> def talks(hawk):
    ...     a = nk.Nation("A", [nk.Faction("dove", nk.Linear(0.5, -0.2)),
    ...                         nk.Faction("hawk", nk.Linear(0.5, hawk))])
    ...     return nk.Negotiation(a, b, nk.Line())
    >>> curve = statics_data(talks, [0.6, 0.9], desirability=True)
    >>> curve.agreement, curve.welfare_a, curve.desirability_a.round(12)
    (array([0.6, nan]), array([0.4, 0. ]), array([ 0.1  , -0.225]))
    """
    values = np.asarray(values, dtype=np.float64)
    talks = [make(float(v)) for v in values]
    names = (talks[0].a.name, talks[0].b.name) if talks else ("A", "B")
    outcomes = [t.outcome() for t in talks]
    width = 2 if talks and isinstance(talks[0].space, Plane) else 1
    agreement = np.full((len(talks), width), np.nan)
    for row, result in enumerate(outcomes):
        if result.agreement is not None:
            agreement[row] = result.agreement
    pairs = list(zip(outcomes, talks, strict=True))
    data = StaticsData(
        values,
        names,
        agreement[:, 0] if width == 1 else agreement,
        np.array([r.welfare[t.a.name] for r, t in pairs]),
        np.array([r.welfare[t.b.name] for r, t in pairs]),
        np.array([r.agreement is not None for r in outcomes], dtype=bool),
    )
    if not desirability:
        return data
    return dataclasses.replace(
        data,
        desirability_a=np.array([t.desirability(t.a.name) for t in talks]),
        desirability_b=np.array([t.desirability(t.b.name) for t in talks]),
    )
