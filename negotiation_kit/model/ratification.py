"""Ratification as plain functions over a nation's gain array, shape (factions, points).

Every question the model asks about a nation at some agreements starts from the factions'
gains ``g_i(z)`` (docs/model.md §2) and reduces them over the factions axis:

- ``welfare``: national welfare ``W(z) = sum_i g_i(z)``;
- ``net_welfare``: ``N(z) = W(z) - (1/e - 1) D*(z)``, counting the deadweight of the payments
  that ratifying ``z`` takes (docs/model.md §3);
- ``ratifies``: what the nation's rule accepts, or, with side-payments, what the winners can
  pay the blocking losers to accept (``D*(z)/e <= min(budget, payers' gains)``, §3).

``nk.Nation``'s methods are a thin face over these functions; the one-issue and two-issue
solvers call them directly on the gains they have already evaluated.

Examples
--------
>>> from negotiation_kit.model.nations import _example
>>> atlantica = _example()  # docs/model.md E2: a dove and a hawk with a veto
>>> g = gains(atlantica, np.array([0.5, 0.7]))
>>> g
array([[ 0.35,  0.45],
       [-0.05,  0.05]])
>>> welfare(g), ratifies(atlantica, g)
(array([0.3, 0.5]), array([False,  True]))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import side_payments
from ._checks import FloatArray
from .gains import ACCEPT_TOL
from .rules import BoolArray

if TYPE_CHECKING:
    from .factions import Faction
    from .party import Party

SUM_ULPS = 8
"""How many units in the last place of the summed terms' sizes a sum of gains may be off by."""


def gains(nation: Party, z: FloatArray, *, exact: bool = False) -> FloatArray:
    """Each faction's gain ``g_i(z)`` at each point of ``z``, shape (factions, points).

    A gain within rounding of zero (``nation.tolerances``: ``ACCEPT_TOL`` times the gain's
    scale) is set to zero, so a faction at its reservation point accepts; ``exact`` keeps the
    raw values, for points known to lie strictly between roots, where every sign is exact.
    """
    values = np.array([f.gain.evaluate(z) for f in nation.factions])  # stack, without its checks
    if exact:
        return values
    return np.where(np.abs(values) <= nation.tolerances, 0.0, values)


def tolerances(factions: tuple[Faction, ...]) -> FloatArray:
    """How far from zero each faction's gain is rounding only, shape (factions, 1)."""
    return ACCEPT_TOL * np.array([[f.gain.scale] for f in factions])


def welfare(gains: FloatArray) -> FloatArray:
    """National welfare ``W(z) = sum_i g_i(z)`` at each point."""
    return gains.sum(axis=0)


def net_welfare(nation: Party, gains: FloatArray) -> FloatArray:
    """Net national welfare ``N(z) = W(z) - (1/e - 1) D*(z)`` at each point (docs/model.md §3).

    Without side-payments, or when they cost nothing (``e = 1``) or are never made
    (``e = 0``), ``N = W``.
    """
    payments = nation.side_payments
    if payments is None or payments.efficiency in (0.0, 1.0):
        return welfare(gains)  # no deadweight, and no need to find D*
    needed = side_payments.minimum_compensation(gains, nation.coalitions)
    return side_payments.net_welfare(welfare(gains), needed, payments)


def ratifies(nation: Party, gains: FloatArray, *, exact: bool = False) -> BoolArray:
    """Whether the nation ratifies each point, given its ``gains`` there (docs/model.md §2-§3).

    The rule decides first; with side-payments a point the rule refuses is still ratified
    when the delivered compensation ``D*`` can be paid. National sums are allowed the
    nation's rounding slack; ``exact`` (for gains from ``gains(..., exact=True)``) allows
    only the rounding of the sum itself, so a welfare whose terms cancel is zero, not noise.
    """
    rounding = sum_rounding(gains) if exact else nation.slack
    plain = nation.rule.winning(gains, nation.factions, rounding)
    payments = nation.side_payments
    if payments is None or not nation.coalitions:
        return plain
    needed = side_payments.minimum_compensation(gains, nation.coalitions)
    able = side_payments.capacity(gains, payments, nation.factions)
    return side_payments.ratifies_with_payments(plain, needed, able, payments.efficiency, rounding)


def sum_rounding(gains: FloatArray) -> FloatArray:
    """The floating-point error bound of sums over the factions axis of exact ``gains``."""
    return SUM_ULPS * np.finfo(float).eps * np.abs(gains).sum(axis=0)
