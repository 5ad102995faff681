"""The bargain when ratification is uncertain (docs/model.md §8): zone, Nash outcome, revelation.

With ``P_A``, ``P_B`` the nations' ratification probabilities and ``X_A(x) = E[N_A 1{A
ratifies x}]`` (``expected``), the deal passes with probability ``P = P_A P_B`` and A's expected
net welfare is ``E_A = X_A P_B`` (a failed deal gives everyone 0); likewise ``E_B = X_B P_A``.

- ``zone``: the closure of ``{x : P(x) > 0}``.
- ``nash``: the ``x`` with ``P > 0``, ``E_A >= 0``, ``E_B >= 0`` maximising ``E_A E_B`` (Nash
  1950). Between breakpoints every term is a polynomial, so the maximiser is a breakpoint, a
  root of ``E_A`` or ``E_B``, or a real root of the product's derivative on a piece.
- ``revelation_value``: the certain outcome for each realised reservation, averaged exactly over
  it, minus the expected welfare now.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from . import _local, _poly, expected, one_issue
from ._checks import FloatArray
from .gains import Linear
from .spaces import Line
from .uncertainty import Uniform, is_uncertain

if TYPE_CHECKING:
    from .bargaining import Negotiation
    from .party import Party

Intervals = list[tuple[float, float]]


def _size(nation: Party) -> int:
    """Coefficients enough for the nation's ``P`` and ``X`` on a piece."""
    unsure = sum(is_uncertain(f.gain) for f in nation.factions)
    return 2 * unsure + 5


@dataclass(frozen=True)
class _Pieces:
    """The issue line cut at every breakpoint of either nation, with ``E_A``, ``E_B`` and the
    derivative of ``E_A E_B`` as polynomials in ``t = x - middle`` on each piece."""

    points: FloatArray
    chance: FloatArray  # P at the points
    middles: FloatArray
    chance_middles: FloatArray  # P at the middles
    polys: FloatArray  # (3, pieces, size): E_A, E_B, d(E_A E_B)/dt


@lru_cache(maxsize=64)
def _pieces(a: Party, b: Party, low: float, high: float) -> _Pieces:
    """Cached: the zone and the outcome of one negotiation share it."""
    points = np.array(
        one_issue.dedupe([*expected.cuts(a, low, high), *expected.cuts(b, low, high)])
    )
    middles = 0.5 * (points[:-1] + points[1:])
    size_a, size_b = _size(a), _size(b)
    total = 2 * (size_a + size_b)
    p_a, x_a, _ = expected.net_welfare(a, middles, size_a, exact=True)
    p_b, x_b, _ = expected.net_welfare(b, middles, size_b, exact=True)
    e_a = _local.multiply(x_a, p_b, total)
    e_b = _local.multiply(x_b, p_a, total)
    product = _local.multiply(e_a, e_b, total)
    slope = _local.resize(product[:, 1:] * np.arange(1, total), total)
    return _Pieces(
        points,
        at(a, b, points)[2],
        middles,
        p_a[:, 0] * p_b[:, 0],
        np.stack([e_a, e_b, slope]),
    )


def at(a: Party, b: Party, x: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(E_A, E_B, P)`` at each point of ``x``."""
    p_a, x_a, _ = expected.net_welfare(a, x, 1)
    p_b, x_b, _ = expected.net_welfare(b, x, 1)
    p_a, p_b = np.clip(p_a[:, 0], 0, 1), np.clip(p_b[:, 0], 0, 1)
    return x_a[:, 0] * p_b, x_b[:, 0] * p_a, p_a * p_b


def zone(a: Party, b: Party, low: float, high: float) -> Intervals:
    """The closure of ``{x in [low, high] : P(x) > 0}`` as sorted closed intervals."""
    pieces = _pieces(a, b, low, high)
    found: Intervals = []
    for k, x in enumerate(pieces.points):
        if pieces.chance[k] > 0:  # a point where ratification is possible (maybe alone)
            found.append((float(x), float(x)))
        if k < len(pieces.middles) and pieces.chance_middles[k] > 0:
            found.append((float(x), float(pieces.points[k + 1])))
    return one_issue.merge(found)


def nash(a: Party, b: Party, low: float, high: float) -> float | None:
    """The point with ``P > 0`` and ``E_A, E_B >= 0`` maximising ``E_A E_B`` (None: none)."""
    pieces = _pieces(a, b, low, high)
    points = pieces.points
    candidates = [*points, *pieces.middles]
    for k, middle in enumerate(pieces.middles):
        if pieces.chance_middles[k] <= 0:
            continue
        half = 0.5 * (points[k + 1] - points[k])
        for poly in pieces.polys[:, k]:
            roots = _poly.roots(tuple(poly))
            candidates += [middle + t for t in roots if -half < t < half]
    x = np.array(sorted(candidates))
    e_a_x, e_b_x, p_x = at(a, b, x)
    feasible = (p_x > 0) & (e_a_x >= -a.slack) & (e_b_x >= -b.slack)
    if not feasible.any():
        return None
    value = np.where(feasible, np.maximum(e_a_x, 0) * np.maximum(e_b_x, 0), -np.inf)
    return float(x[int(np.argmax(value))])


def settle(a: Party, b: Party, x: float) -> tuple[dict[str, float], dict[str, float], float]:
    """At the agreement ``x``: expected net welfare, each faction's expected gain (after
    transfers, if a certain nation pays any) and the chance that both nations ratify."""
    point = np.array([x])
    results = [expected.net_welfare(n, point, 1) for n in (a, b)]
    chances = [float(np.clip(r[0][0, 0], 0, 1)) for r in results]
    welfare: dict[str, float] = {}
    gains: dict[str, float] = {}
    for nation, (_, net, own), other in zip((a, b), results, chances[::-1], strict=True):
        welfare[nation.name] = float(net[0, 0]) * other
        paid = nation.transfers(x) if nation.side_payments is not None else {}
        for f, g in zip(nation.factions, own[:, 0, 0], strict=True):
            gains[f.name] = (float(g) + paid.get(f.name, 0.0)) * other + 0.0
    return welfare, gains, chances[0] * chances[1]


# --- revelation --------------------------------------------------------------------------------

MIN_PIECE = 1e-9
"""Pieces of the reservation's range narrower than this share of its width are not split."""


def revelation_value(negotiation: Negotiation, name: str) -> float:
    """``E_r[N(certain outcome given r)] - E(now)`` for the nation called ``name``.

    With one uncertain reservation ``r`` and linear gains, the certain outcome's welfare
    ``h(r)`` is piecewise affine in ``r`` (the Nash point is the midpoint of the two nations'
    welfare roots or a zone edge, each affine in ``r``), with jumps where agreement appears or
    vanishes. Its average is integrated exactly, piece by piece: the range is cut where two
    landmarks (reservations, welfare roots, their midpoints) coincide, and any piece on which
    ``h`` is not affine is halved until it is (or narrower than ``MIN_PIECE`` of the range).
    """
    sides = [(side, k) for side in ("a", "b") for k, f in
             enumerate(getattr(negotiation, side).factions) if is_uncertain(f.gain)]  # fmt: skip
    now = negotiation.outcome().welfare[name]
    if not sides:
        return 0.0
    if len(sides) > 1:
        raise ValueError(
            f"revelation_value needs one uncertain reservation, got {len(sides)}: give the "
            "others as numbers"
        )
    for nation in (negotiation.a, negotiation.b):
        for f in nation.factions:
            if f.gain.coefficients()[2] != 0:
                raise ValueError(
                    f"revelation_value needs linear gains (nk.Linear), got {f.gain!r} in {f.name!r}"
                )
    side, index = sides[0]
    nation = getattr(negotiation, side)
    gain = nation.factions[index].gain
    assert isinstance(gain, Linear) and isinstance(gain.reservation, Uniform)
    spread = gain.reservation

    def welfare(r: float) -> float:
        return _revealed(negotiation, side, index, r)[name]

    total = 0.0
    cuts = _landmark_cuts(negotiation, side, index, spread)
    smallest = MIN_PIECE * spread.width
    for left, right in itertools.pairwise(cuts):
        total += _integrate(welfare, left, right, smallest)
    return total / spread.width - now


@lru_cache(maxsize=4096)
def _revealed(negotiation: Negotiation, side: str, index: int, r: float) -> dict[str, float]:
    """The certain outcome's welfare when the uncertain reservation turns out to be ``r``
    (cached: the two nations' revelation values share these outcomes)."""
    nation = getattr(negotiation, side)
    factions = list(nation.factions)
    stake = factions[index].gain.stake
    factions[index] = dataclasses.replace(factions[index], gain=Linear(stake, r))
    told = dataclasses.replace(nation, factions=tuple(factions))
    return dataclasses.replace(negotiation, **{side: told}).outcome().welfare


GAUSS = (0.5 - 0.5 / 3**0.5, 0.5 + 0.5 / 3**0.5)
PROBES = (1e-9, *GAUSS, 0.5, 1 - 1e-9)


def _integrate(h: object, left: float, right: float, smallest: float) -> float:
    """``int_left^right h`` for ``h`` piecewise affine: halve until each piece is affine."""
    assert callable(h)
    width = right - left
    values = [h(left + f * width) for f in PROBES]
    scale = 1.0 + max(abs(v) for v in values)
    slope = (values[-1] - values[0]) / (PROBES[-1] - PROBES[0])
    straight = all(
        abs(v - (values[0] + slope * (f - PROBES[0]))) <= 1e-9 * scale
        for f, v in zip(PROBES, values, strict=True)
    )
    if straight or width <= smallest:
        return 0.5 * (values[1] + values[2]) * width
    middle = 0.5 * (left + right)
    return _integrate(h, left, middle, smallest) + _integrate(h, middle, right, smallest)


def _landmark_cuts(negotiation: Negotiation, side: str, index: int, spread: Uniform) -> list[float]:
    """Where two landmarks, each affine in the uncertain ``r``, coincide within its range.

    Landmarks: the space's bounds, every faction's reservation (``r`` itself for the uncertain
    one), each nation's welfare root and the other nation's breakpoints, and the midpoint of
    every two of them. Each is found at ``r = low`` and ``r = high`` (affine in between).
    """
    space = negotiation.space
    assert isinstance(space, Line)

    def landmarks(r: float) -> FloatArray:
        nation = getattr(negotiation, side)
        factions = list(nation.factions)
        gain = factions[index].gain
        assert isinstance(gain, Linear)
        factions[index] = dataclasses.replace(factions[index], gain=Linear(gain.stake, r))
        told = dataclasses.replace(nation, factions=tuple(factions))
        a, b = (told, negotiation.b) if side == "a" else (negotiation.a, told)
        marks = [space.low, space.high]
        for n in (a, b):
            coefficients = [f.gain.coefficients() for f in n.factions]
            marks += [-c[0] / c[1] for c in coefficients]
            welfare = [sum(c[k] for c in coefficients) for k in range(2)]
            if welfare[1] != 0:
                marks.append(-welfare[0] / welfare[1])
        other = negotiation.b if side == "a" else negotiation.a
        for x in one_issue.cuts(other, space.low, space.high):
            marks.append(x)
            marks += _poly.roots(one_issue.net_welfare_poly(other, x))
        base = np.array(marks)
        pairs = 0.5 * (base[:, None] + base[None, :])
        return np.concatenate([base, pairs[np.triu_indices(len(base), 1)]])

    start, end = landmarks(spread.low), landmarks(spread.high)
    slope = end - start
    gap_value = start[:, None] - start[None, :]
    gap_slope = slope[:, None] - slope[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        share = -gap_value / gap_slope
    share = share[np.isfinite(share) & (share > 0) & (share < 1)]
    inside = spread.low + np.unique(share) * spread.width
    return one_issue.dedupe([spread.low, *inside.tolist(), spread.high])
