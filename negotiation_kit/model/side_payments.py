"""Internal side-payments: winners compensate losers so that the nation can ratify.

In the spirit of Mayer (1992): linking the external deal to a domestic instrument
(adjustment aid, a subsidy, a concession on another domestic issue) lets the factions that
gain pay the factions that would block. One unit paid delivers ``efficiency`` units; the
rest (``1/efficiency - 1`` per unit delivered) is deadweight, a loss to the nation.

The functions here work on a gains array of shape (factions, points), so they serve one
issue and two issues alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from . import _checks
from ._checks import FloatArray
from .rules import BoolArray, Coalitions, slack

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .factions import Faction


MIN_EFFICIENCY = 1e-6
"""Below this a payment scheme delivers almost nothing: use 0 (no payments) instead."""


@dataclass(frozen=True)
class SidePayments:
    """A domestic side-payment regime: how efficient, how large, and who may pay.

    Parameters
    ----------
    efficiency : float
        Delivered units per unit paid, in ``[0, 1]``; ``0`` means no payment is possible
        (values between 0 and ``MIN_EFFICIENCY`` = 1e-6 are refused).
    budget : float
        Cap on the total amount *paid* (``math.inf`` for none); non-negative.
    payers : tuple of str or None
        The factions that may pay; ``None`` means every faction that gains from the deal.

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> nk.SidePayments(efficiency=0.5, budget=0.2).deadweight
    1.0
    """

    efficiency: float = 1.0
    budget: float = math.inf
    payers: tuple[str, ...] | None = None

    if TYPE_CHECKING:
        # For type checkers only: lists (any sequence) are welcome, stored as a tuple.

        def __init__(
            self,
            efficiency: float = 1.0,
            budget: float = math.inf,
            payers: Sequence[str] | None = None,
        ) -> None: ...

    def __post_init__(self) -> None:
        efficiency = _checks.number_in("efficiency", self.efficiency, 0.0, 1.0)
        if 0 < efficiency < MIN_EFFICIENCY:
            raise ValueError(
                f"efficiency must be 0 (no payments) or between {MIN_EFFICIENCY:g} and 1, "
                f"got {efficiency:g}"
            )
        budget = _checks.budget("budget", self.budget)
        payers = None if self.payers is None else _checks.names("payers", self.payers)
        object.__setattr__(self, "efficiency", efficiency)
        object.__setattr__(self, "budget", budget)
        object.__setattr__(self, "payers", payers)

    @property
    def deadweight(self) -> float:
        """Units lost per unit delivered, ``1/efficiency - 1`` (infinite when efficiency is 0)."""
        return math.inf if self.efficiency == 0 else 1 / self.efficiency - 1

    def check(self, factions: tuple[Faction, ...]) -> None:
        """The payers must be factions of the nation."""
        names = [f.name for f in factions]
        for payer in self.payers or ():
            if payer not in names:
                raise ValueError(f"payers must name factions of the nation {names}, got {payer!r}")

    def payer_mask(self, factions: tuple[Faction, ...]) -> FloatArray:
        """1 for each faction allowed to pay, 0 otherwise."""
        if self.payers is None:
            return np.ones(len(factions))
        return np.array([1.0 if f.name in self.payers else 0.0 for f in factions])


def deficits(gains: FloatArray) -> FloatArray:
    """What each faction would need to be paid to accept: ``max(0, -g_i(z))``."""
    return np.maximum(0.0, -gains)


@lru_cache(maxsize=256)
def membership(coalitions: Coalitions, n_factions: int) -> FloatArray:
    """A (coalitions, factions) matrix of 0/1: who is in each minimal winning coalition."""
    matrix = np.zeros((len(coalitions), n_factions))
    for row, members in enumerate(coalitions):
        matrix[row, list(members)] = 1.0
    matrix.flags.writeable = False
    return matrix


def coalition_costs(gains: FloatArray, coalitions: Coalitions) -> FloatArray:
    """Delivered compensation each coalition needs, shape (coalitions, points)."""
    return membership(coalitions, gains.shape[0]) @ deficits(gains)


def minimum_compensation(gains: FloatArray, coalitions: Coalitions) -> FloatArray:
    """``D*(z)``: the cheapest winning coalition's deficits (0 when no consent is needed)."""
    if not coalitions:
        return np.zeros(gains.shape[1:])
    return coalition_costs(gains, coalitions).min(axis=0)


def capacity(
    gains: FloatArray, payments: SidePayments, factions: tuple[Faction, ...]
) -> FloatArray:
    """The most that can be *paid*: ``min(budget, sum over payers of max(0, g_j))``."""
    available = payments.payer_mask(factions) @ np.maximum(gains, 0.0)
    return np.minimum(payments.budget, available)


def ratifies_with_payments(
    plain: BoolArray,
    needed: FloatArray,
    able: FloatArray,
    efficiency: float,
    rounding: float | FloatArray,
) -> BoolArray:
    """Ratified without payments, or ``D*/e <= capacity`` (written ``D* <= e * capacity``)."""
    return plain | ((efficiency > 0) & (needed <= efficiency * able + rounding))


def net_welfare(
    welfare: FloatArray, needed: FloatArray, payments: SidePayments | None
) -> FloatArray:
    """``N(z) = W(z) - (1/e - 1) D*(z)``: national welfare less the deadweight of payments.

    With no regime, or ``e = 0`` (no payment possible, so none is made), ``N = W``.
    """
    if payments is None or payments.efficiency in (0.0, 1.0):
        return welfare
    return welfare - payments.deadweight * needed


def transfers(
    gains: FloatArray, coalitions: Coalitions, payments: SidePayments, factions: tuple[Faction, ...]
) -> FloatArray:
    """Transfers at one agreement: delivered amount each faction receives (negative = paid).

    The losers of the cheapest winning coalition receive exactly their deficits; the payers
    pay the total ``D*/e`` in proportion to their gains, so no payer is left below zero.
    ``gains`` has shape (factions,).
    """
    result = np.zeros(len(factions))
    if not coalitions or payments.efficiency == 0:
        return result
    costs = coalition_costs(gains[:, None], coalitions)[:, 0]
    if costs.min() <= slack(factions):
        return result
    shares = payments.payer_mask(factions) * np.maximum(gains, 0.0)
    if shares.sum() <= 0:
        return result
    chosen = list(coalitions[int(np.argmin(costs))])
    owed = deficits(gains)
    result[chosen] = owed[chosen]
    paid = costs.min() / payments.efficiency
    result -= paid * shares / shares.sum()
    return result
