"""Closed forms for the one-issue statics panels: linear factions and veto players, vectorised.

The model solves every negotiation exactly but generally (win-set edges and the Nash point
by root finding over pieces), about half a millisecond an outcome: too slow to redraw a
41-point curve in one 60 Hz frame. The explorers' curves have a closed form (model.md §2):

- a nation of ``Linear`` factions has welfare ``W(x) = S (x - r_bar)`` with ``S`` the sum of
  the stakes and ``r_bar`` the stake-weighted mean reservation;
- its win-set when some factions hold a veto is the overlap of their acceptance sets:
  from the highest reservation of the vetoing factions with ``stake > 0`` up to the lowest
  of those with ``stake < 0`` (intersected with the issue line); unitary, ``W >= 0``;
- against Borealia ``Linear(-1, r_B)`` the Nash point is the midpoint of ``r_bar`` and
  ``r_B`` clipped into the part of the zone where both gain; split-the-difference is the
  zone's midpoint, if both gain there.

Only the curves use these; every number in a description, and the marked current point,
comes from the model itself, and ``tests/test_explorers_one_issue.py`` checks the closed
forms against the model (to 1e-9) on many random scenarios.

Examples
--------
>>> import numpy as np
>>> stakes = np.array([[0.5], [0.5]])
>>> reservations = np.array([[-0.2], [0.6]])  # E2: dove and hawk, both veto
>>> low, high = win_set_edges(stakes, reservations, np.array([True, True]))
>>> low, high
(array([0.6]), array([1.]))
>>> slope, r_bar = welfare_line(stakes, reservations)
>>> settle(low, high, slope, r_bar, b_reservation=0.8, solution="split")
(array([0.7]), array([0.5]))
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
LOW, HIGH = 0.0, 1.0
"""The issue line of the explorers, ``nk.Line()``."""


def welfare_line(stakes: FloatArray, reservations: FloatArray) -> tuple[FloatArray, FloatArray]:
    """``S`` and ``r_bar`` of ``W(x) = S (x - r_bar)``; arrays of shape (factions, points)."""
    slope = stakes.sum(axis=0)
    return slope, (stakes * reservations).sum(axis=0) / slope


def win_set_edges(
    stakes: FloatArray, reservations: FloatArray, vetoes: BoolArray
) -> tuple[FloatArray, FloatArray]:
    """Lower and upper edge of the overlap of the vetoing factions' acceptance sets.

    ``vetoes`` (one bool per faction) says who must accept. Empty when lower > upper.
    """
    holds = vetoes[:, None] & np.ones_like(reservations, dtype=bool)
    floors = np.where(holds & (stakes > 0), reservations, LOW)
    ceilings = np.where(holds & (stakes < 0), reservations, HIGH)
    return np.maximum(floors.max(axis=0), LOW), np.minimum(ceilings.min(axis=0), HIGH)


def unitary_edges(slope: FloatArray, r_bar: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The unitary win-set ``W >= 0`` on the line, for ``S > 0``: from ``r_bar`` up."""
    assert np.all(slope > 0), "the explorers keep Atlantica's welfare increasing in x"
    return np.clip(r_bar, LOW, np.inf), np.full_like(r_bar, HIGH)


def settle(
    low: FloatArray,
    high: FloatArray,
    slope: FloatArray,
    r_bar: FloatArray,
    b_reservation: float,
    solution: str,
) -> tuple[FloatArray, FloatArray]:
    """The agreement (NaN if none) and Atlantica's welfare ``S (x - r_bar)`` (0 if none).

    Atlantica's win-set is ``[low, high]``; Borealia accepts ``x <= b_reservation`` and
    gains ``b_reservation - x``.
    """
    zone_low, zone_high = low, np.minimum(high, b_reservation)
    if solution == "split":
        point = 0.5 * (zone_low + zone_high)
        deal = (zone_low <= zone_high) & (point >= r_bar - 1e-12) & (point <= b_reservation)
    else:
        least, most = np.maximum(zone_low, r_bar), np.minimum(zone_high, b_reservation)
        point = np.clip(0.5 * (r_bar + b_reservation), least, most)
        deal = (zone_low <= zone_high) & (least <= most + 1e-12)
    agreement = np.where(deal, point, np.nan)
    return agreement, np.where(deal, slope * (point - r_bar), 0.0)
