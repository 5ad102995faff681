"""Lesson 8's scenarios: Atlantica's capacity to pay its hawk, and who gains from it.

The free functions behind ``StrategyExplorer`` (in the spirit of Mayer 1992): ``talks``
builds the negotiation (docs/model.md E2 or E3 for Atlantica, with efficient side-payments up to
a budget; Borealia with E2's factions mirrored, acting as one or not, able to pay its own
hawk or not), ``welfare_by_budget`` gives both nations' net welfare over Atlantica's
budget, and ``verdict`` says in words who gains from the capacity to pay.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from .. import model as nk
from ..model import thresholds
from . import _words
from ._memo import Memo

MOST = 0.4
"""The budget axis ends here: more than any deal in these scenarios needs, so as unlimited."""
BUDGETS = np.linspace(0.0, MOST, 41)
Curves = tuple[np.ndarray, np.ndarray, np.ndarray, float]
"""Budgets, Atlantica's and Borealia's net welfare there, and a unitary Atlantica's."""
HAWK = "steelworkers (hawk)"
E2 = {"budget": 0.03, "capacity": "sized", "hawk": 0.6, "borealia": "unitary", "solution": "nash"}
"""Model.md E2 with a small budget: the explorer's starting state."""


def talks(values: Mapping[str, Any], budget: float | None = None) -> nk.Negotiation:
    """The negotiation for the control ``values`` (with Atlantica's ``budget`` if given).

    >>> outcome = talks({**E2, "capacity": "foreclosed"}).outcome()
    >>> outcome.agreement, outcome.welfare  # docs/model.md E2
    (0.6, {'Atlantica': 0.4, 'Borealia': 0.2})
    """
    hawk, budget = values["hawk"], budget_of(values) if budget is None else budget
    dove = nk.Faction("exporters (dove)", nk.Linear(0.5, 0.4 - hawk))
    payments = nk.SidePayments(1.0, budget)
    a = nk.Nation(
        "Atlantica", (dove, nk.Faction(HAWK, nk.Linear(0.5, hawk))), side_payments=payments
    )
    # W_B = 0.8 - x as in every worked example: E2's factions mirrored around 0.5
    factions = (
        nk.Faction("importers (dove)", nk.Linear(-0.5, 1.2)),
        nk.Faction("miners (hawk)", nk.Linear(-0.5, 0.4)),
    )
    rule = nk.NationalWelfare() if values["borealia"] == "unitary" else nk.Unanimity()
    paying = nk.SidePayments(1.0, math.inf if values["borealia"] == "paying" else 0.0)
    b = nk.Nation("Borealia", factions, rule=rule, side_payments=paying)
    return nk.Negotiation(a, b, nk.Line(), solution=values["solution"])


def budget_of(values: Mapping[str, Any], most: float = math.inf) -> float:
    """Atlantica's budget for side-payments: 0 when foreclosed, ``most`` when unlimited."""
    return {"foreclosed": 0.0, "unlimited": most}.get(values["capacity"], values["budget"])


_CURVES: Memo[Curves] = Memo(size=16)
"""The curves of the last few settings (shared by every explorer: the arrays are read-only)."""


def welfare_by_budget(hawk: float, borealia: str, solution: str) -> Curves:
    """Both nations' net welfare over Atlantica's budget, and a unitary Atlantica's.

    Foreclosed (E2) at the left end, as unlimited (E5) at the right, and a unitary
    Atlantica (E1). Computed at ``BUDGETS`` and where the curves bend: the least budget
    that opens the zone (welfare jumps there) and the payment the unlimited deal needs
    (beyond it the budget no longer binds). A few dozen outcomes, so kept in ``_CURVES``.

    >>> budgets, a, b, unitary = welfare_by_budget(0.6, "unitary", "nash")
    >>> [round(float(v), 9) for v in (a[0], b[0], a[-1], b[-1], unitary)]
    [0.4, 0.2, 0.3, 0.3, 0.3]
    """
    return _CURVES.get((hawk, borealia, solution), lambda: _curves(hawk, borealia, solution))


def _curves(hawk: float, borealia: str, solution: str) -> Curves:
    values = {"hawk": hawk, "borealia": borealia, "solution": solution}
    start = talks(values, 0.0)
    least = thresholds.least_budget(start.a, start.b.win_set(start.space).intervals, 1.0)
    unlimited = talks(values, math.inf).outcome().transfers
    corners = [-sum(min(0.0, unlimited[f.name]) for f in start.a.factions)]
    corners += [] if least is None else [least, least - 1e-6]
    budgets = np.union1d(BUDGETS, [c for c in corners if 0 < c < MOST])
    welfare = [talks(values, float(b)).outcome().welfare for b in budgets]
    unitary = start.benchmark("Atlantica").welfare["Atlantica"]
    a, b = (np.array([w[name] for w in welfare]) for name in ("Atlantica", "Borealia"))
    for array in (budgets, a, b):
        array.flags.writeable = False  # shared by every explorer (cached)
    return budgets, a, b, unitary


def verdict(atlantica: float, borealia: float) -> str:
    """Who gains from Atlantica's capacity to pay, in words.

    >>> verdict(-0.1, 0.1)
    "Borealia prefers a partner able to pay: Atlantica's hawk no longer binds"
    """
    up, down = _words.CLOSE, -_words.CLOSE
    if atlantica < down and borealia > up:
        return "Borealia prefers a partner able to pay: Atlantica's hawk no longer binds"
    if atlantica > up and borealia > up:
        return "both gain: payments rescue a deal that a veto would block"
    if atlantica > up:
        return "only Atlantica gains"
    if borealia > up:
        return "only Borealia gains"
    return "it changes nothing here" if atlantica >= down else "Atlantica loses"
