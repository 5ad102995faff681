"""What the side-payment explorers (lessons 7 and 8) compute and say about payments.

A nation with side-payments ratifies an agreement ``x`` that its rule alone refuses when
the delivered compensation the losers need, ``D*(x)``, can be paid: ``D*(x)/e <=
min(budget, payers' gains)`` (docs/model.md §3). The thresholds the lessons ask about
(the least efficiency and budget that open the zone) are the model's
(``negotiation_kit.model.thresholds``); ``transfers`` says in words who pays whom at an
outcome.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from .. import model as nk
from . import _words

FloatArray = np.ndarray
TINY = 1e-9


def needs(nation: nk.Nation, xs: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """At each of ``xs``: ratified by the rule alone, ``D*`` and the payers' gains (no cap)."""
    plain = dataclasses.replace(nation, side_payments=None).ratifies(xs)
    needed = np.asarray(nation.compensation(xs), dtype=np.float64)
    payments = nation.side_payments or nk.SidePayments()
    able = payments.payer_mask(nation.factions) @ np.maximum(nation.gains(xs), 0.0)
    return np.asarray(plain, dtype=bool), needed, able


def at_least(value: float) -> str:
    """``value`` rounded *up* to two decimals: the slider setting that surely suffices.

    >>> at_least(1 / 13), at_least(0.05), at_least(0.1 + 1e-12)
    ('0.08', '0.05', '0.10')
    """
    return _words.number(math.ceil(round(value * 100, 6)) / 100)


def _names(parts: list[str]) -> str:
    """A list in words: 'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _each(parts: dict[str, float], verb: str) -> str:
    """'the x VERB 0.10', or 'the x VERB 0.10 and the y 0.20'."""
    items = [f"the {name} {_words.number(value)}" for name, value in parts.items()]
    first = items[0].rsplit(" ", 1)
    return _names([f"{first[0]} {verb} {first[1]}", *items[1:]])


def transfers(nation: nk.Nation, outcome: nk.Outcome) -> str:
    """Who pays whom how much at ``outcome`` inside ``nation``, and what is lost on the way.

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> a = nk.Nation("A", [nk.Faction("doves", nk.Linear(0.5, -0.5)),
    ...                     nk.Faction("hawks", nk.Linear(0.5, 0.9))],
    ...               side_payments=nk.SidePayments(0.5))
    >>> b = nk.Nation("B", [nk.Faction("b", nk.Linear(-1, 0.8))])
    >>> print(transfers(a, nk.Negotiation(a, b, nk.Line()).outcome()))
    In A the doves pay 0.28; the hawks receive 0.14 (D* = 0.14, the minimum compensation
    that ratifies the deal); 0.14 is lost on the way.
    """
    if outcome.agreement is None:
        return ""
    amounts = {f.name: outcome.transfers[f.name] for f in nation.factions}
    paid = {name: -v for name, v in amounts.items() if v < -TINY}
    received = {name: v for name, v in amounts.items() if v > TINY}
    outvoted = [
        name for name in amounts if name not in received and outcome.faction_gains[name] < -TINY
    ]
    if not received:
        text = f"In {nation.name} no side-payment is needed at that point (D* = 0)"
    else:
        needed = sum(received.values())
        lost = sum(paid.values()) - needed
        waste = "nothing is lost on the way"
        if lost >= _words.CLOSE:
            waste = f"{_words.number(lost)} is lost on the way"
        text = (
            f"In {nation.name} {_each(paid, 'pay')}; {_each(received, 'receive')} "
            f"(D* = {_words.number(needed)}, the minimum compensation that ratifies the "
            f"deal); {waste}"
        )
    if outvoted:
        losers = _each({n: -outcome.faction_gains[n] for n in outvoted}, "lose")
        text += f"; outvoted, {losers} and get nothing"
    return text + "."
