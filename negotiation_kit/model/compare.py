"""Comparative statics as a table: several negotiations, one nation's view of each.

A lesson that asks "what if the rule, or the partner, were different?" builds one
negotiation per case and reads the same few numbers off each: the zone of agreement, the
agreement, the nation's net welfare ``N`` and the desirability of division ``Δ`` (docs/model.md
§2). ``compare`` does that once, so the lesson shows one call and a table instead of a loop.

Examples
--------
>>> import negotiation_kit as nk
>>> hawk = nk.Nation("Atlantica", [nk.Faction("dove", nk.Linear(0.5, -0.2)),
...                                nk.Faction("hawk", nk.Linear(0.5, 0.6))])
>>> b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
>>> table = nk.compare({"unitary": nk.Negotiation(hawk.unitary(), b, nk.Line()),
...                     "divided": nk.Negotiation(hawk, b, nk.Line())}, "Atlantica")
>>> print(table)
case     zone          agreement  Atlantica's gain  Δ
unitary  [0.20, 0.80]  0.50       0.30              +0.00
divided  [0.60, 0.80]  0.60       0.40              +0.10
>>> table.agreement.tolist(), table.chance
([0.5, 0.6], 1.0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .bargaining import Negotiation
from .spaces import Line

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Comparison:
    """Several one-issue negotiations seen from one nation, one row per case.

    ``zones`` holds each zone of agreement as a list of ``(low, high)`` intervals (empty:
    no zone); ``agreement`` the agreement (NaN: none); ``welfare`` the nation's net welfare
    (0 without agreement); ``desirability`` its ``Δ`` against the same nation bargaining as
    one. Print it for a table rounded to two decimals; the arrays keep every digit.
    """

    nation: str
    cases: tuple[str, ...]
    zones: tuple[tuple[tuple[float, float], ...], ...]
    agreement: FloatArray
    welfare: FloatArray
    desirability: FloatArray

    @property
    def agreed(self) -> NDArray[np.bool_]:
        """True for each case that ends in an agreement."""
        return ~np.isnan(self.agreement)

    @property
    def chance(self) -> float:
        """The share of the cases that end in an agreement."""
        return float(self.agreed.mean())

    def row(self, case: str) -> dict[str, object]:
        """One case's numbers by name: ``zone``, ``agreement``, ``welfare``, ``desirability``."""
        if case not in self.cases:
            raise ValueError(f"case must be one of {list(self.cases)}, got {case!r}")
        i = self.cases.index(case)
        deal = float(self.agreement[i])
        return {
            "zone": list(self.zones[i]),
            "agreement": None if np.isnan(deal) else deal,
            "welfare": float(self.welfare[i]),
            "desirability": float(self.desirability[i]),
        }

    def __str__(self) -> str:
        header = ["case", "zone", "agreement", f"{self.nation}'s gain", "Δ"]
        rows = [header]
        for i, case in enumerate(self.cases):
            zone = " ∪ ".join(f"[{lo:.2f}, {hi:.2f}]" for lo, hi in self.zones[i]) or "empty"
            deal = "none" if np.isnan(self.agreement[i]) else f"{self.agreement[i]:.2f}"
            gain, delta = self.welfare[i] + 0.0, self.desirability[i] + 0.0  # no "-0.00"
            rows.append([case, zone, deal, f"{gain:.2f}", f"{delta:+.2f}"])
        widths = [max(len(row[k]) for row in rows) for k in range(len(header))]
        lines = [
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows
        ]
        return "\n".join(line.rstrip() for line in lines)


def compare(
    negotiations: Mapping[str, Negotiation] | Sequence[Negotiation], nation: str
) -> Comparison:
    """The zone, agreement, net welfare and ``Δ`` of ``nation`` in each negotiation.

    Parameters
    ----------
    negotiations
        One-issue negotiations (``nk.Line``), each with a nation called ``nation``: a
        mapping from a label for each case to its negotiation, or a sequence (labelled
        1, 2, ...).
    nation
        The name of the nation whose welfare and ``Δ`` the table shows.
    """
    if isinstance(negotiations, Mapping):
        cases, talks = tuple(str(k) for k in negotiations), list(negotiations.values())
    elif isinstance(negotiations, Sequence) and not isinstance(negotiations, str):
        talks = list(negotiations)
        cases = tuple(str(i + 1) for i in range(len(talks)))
    else:
        raise TypeError(
            "negotiations must be a dict of labelled nk.Negotiation objects or a list of them, "
            f"got {type(negotiations).__name__}"
        )
    if not talks:
        raise ValueError("negotiations must hold at least one nk.Negotiation, got none")
    for case, negotiation in zip(cases, talks, strict=True):
        if not isinstance(negotiation, Negotiation):
            raise TypeError(
                f"negotiations must hold nk.Negotiation objects, got {type(negotiation).__name__}"
                f" for case {case!r}"
            )
        if not isinstance(negotiation.space, Line):
            raise ValueError(
                f"compare needs one-issue negotiations (nk.Line); case {case!r} is not"
            )
        names = (negotiation.a.name, negotiation.b.name)
        if nation not in names:
            raise ValueError(
                f"nation must name a nation of case {case!r} {list(names)}, got {nation!r}"
            )
    outcomes = [negotiation.outcome() for negotiation in talks]
    return Comparison(
        nation=nation,
        cases=cases,
        zones=tuple(tuple(negotiation.zone().intervals) for negotiation in talks),
        agreement=np.array([np.nan if o.agreement is None else o.agreement for o in outcomes]),
        welfare=np.array([o.welfare[nation] for o in outcomes]),
        desirability=np.array([negotiation.desirability(nation) for negotiation in talks]),
    )
