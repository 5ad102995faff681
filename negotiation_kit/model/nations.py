"""A nation: its factions, how it ratifies, and whether winners may compensate losers."""

from __future__ import annotations

import itertools
from collections.abc import Sized
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _checks, expected, ratification, side_payments, uncertainty
from ._checks import FloatArray
from .factions import Faction
from .rules import RULES, Coalitions, NationalWelfare, Rule, Unanimity, slack
from .side_payments import SidePayments
from .winsets import WinSet, win_set

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .spaces import Line, Plane

MAX_FACTIONS = 12


@dataclass(frozen=True)
class Nation:
    """A nation at the table: its domestic factions, its ratification rule and payments.

    Its methods are a thin face over plain functions: ``ratification`` (gains, welfare, net
    welfare, ratifies, over the factions x points gain array), ``winsets`` and ``expected``.

    National welfare is the sum of the factions' gains, ``W(z) = sum_i g_i(z)``; the
    nation ratifies what its ``rule`` accepts, or, with ``side_payments``, what the factions
    that gain can pay the blocking losers to accept (in the spirit of Mayer 1992).

    A faction's reservation may be uncertain (``nk.Uniform``, docs/model.md §8): then ``gains``,
    ``welfare`` and ``net_welfare`` are expected values before the vote, ``win_set`` holds the
    agreements it may ratify, ``ratification_probability`` says how likely it is to, and
    ``ratifies`` and ``compensation`` (which need the realised reservation) are refused.

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> atlantica = nk.Nation("Atlantica", [
    ...     nk.Faction("exporters", nk.Linear(0.5, -0.2)),
    ...     nk.Faction("steelworkers", nk.Linear(0.5, 0.6)),
    ... ])
    >>> atlantica.welfare(0.7)
    0.5
    >>> atlantica.ratifies([0.5, 0.7])
    array([False,  True])
    >>> atlantica.win_set(nk.Line()).intervals
    [(0.6, 1.0)]
    >>> atlantica.unitary().win_set(nk.Line()).intervals
    [(0.2, 1.0)]
    """

    name: str
    factions: tuple[Faction, ...]
    rule: Rule = field(default_factory=Unanimity)
    side_payments: SidePayments | None = None

    if TYPE_CHECKING:
        # For type checkers only: lists (any sequence) are welcome, stored as a tuple.

        def __init__(
            self,
            name: str,
            factions: Sequence[Faction],
            rule: Rule = ...,
            side_payments: SidePayments | None = None,
        ) -> None: ...

    def __post_init__(self) -> None:
        _checks.name("name", self.name)
        if isinstance(self.factions, Faction):
            object.__setattr__(self, "factions", (self.factions,))
        if isinstance(self.factions, str) or not hasattr(self.factions, "__iter__"):
            raise TypeError(f"factions must be a list of nk.Faction, got {self.factions!r}")
        factions = tuple(itertools.islice(self.factions, MAX_FACTIONS + 1))
        if not factions:
            raise ValueError("factions must list at least one nk.Faction, got none")
        if len(factions) > MAX_FACTIONS:
            count = len(self.factions) if isinstance(self.factions, Sized) else "more"
            raise ValueError(f"factions must be at most {MAX_FACTIONS}, got {count}")
        for k, faction in enumerate(factions):
            _checks.instance(f"factions[{k}]", faction, Faction, "an nk.Faction")
        names = [f.name for f in factions]
        for duplicate in sorted({n for n in names if names.count(n) > 1}):
            raise ValueError(f"factions must have distinct names, got {duplicate!r} twice")
        dimensions = {f.dimension for f in factions}
        if len(dimensions) > 1:
            raise ValueError(
                "factions must all have gains on the same number of issues, got "
                + ", ".join(f"{f.name!r}: {f.dimension}" for f in factions)
            )
        _checks.instance("rule", self.rule, RULES, "a rule such as nk.Unanimity() or nk.Quota(0.5)")
        self.rule.check(factions)
        if self.side_payments is not None:
            _checks.instance(
                "side_payments", self.side_payments, SidePayments, "nk.SidePayments(...) or None"
            )
            self.side_payments.check(factions)
        object.__setattr__(self, "factions", factions)
        uncertainty.refuse_in(self)

    @property
    def dimension(self) -> int:
        """How many issues the nation's factions care about."""
        return self.factions[0].dimension

    @cached_property
    def slack(self) -> float:
        """Rounding allowance for national sums such as ``W`` and ``N``."""
        return slack(self.factions)

    @cached_property
    def tolerances(self) -> FloatArray:
        """How far from zero each faction's gain is rounding only, shape (factions, 1)."""
        return ratification.tolerances(self.factions)

    @cached_property
    def coalitions(self) -> Coalitions:
        """The minimal winning coalitions of the rule, as tuples of faction indices."""
        return self.rule.coalitions(self.factions)

    def _evaluate(self, z: Any) -> tuple[FloatArray, bool]:
        array, single = _checks.points(z, self.dimension)
        return ratification.gains(self, array), single

    def gains(self, z: Any) -> FloatArray:
        """Each faction's gain at each point, shape (factions, points) (or (factions,)).

        >>> _example().gains(0.7)
        array([0.45, 0.05])
        """
        gains, single = self._evaluate(z)
        return gains[:, 0] if single else gains

    def welfare(self, z: Any) -> Any:
        """National welfare ``W(z) = sum_i g_i(z)``.

        >>> _example().welfare([0.4, 0.7])
        array([0.2, 0.5])
        """
        gains, single = self._evaluate(z)
        return _one(ratification.welfare(gains), single)

    def compensation(self, z: Any) -> Any:
        """Minimum compensation ``D*(z)``: the delivered amount needed to ratify ``z``.

        Unanimity needs every loser paid its deficit ``max(0, -g_i)``; a quota only the
        cheapest losers that make the coalition winning (targeting).

        >>> _example().compensation([0.5, 0.7])
        array([0.05, 0.  ])
        """
        self._certain("compensation")
        gains, single = self._evaluate(z)
        return _one(side_payments.minimum_compensation(gains, self.coalitions), single)

    def net_welfare(self, z: Any) -> Any:
        """Net national welfare ``N(z) = W(z) - (1/e - 1) D*(z)`` (``W`` without payments).

        It is the nation's welfare if it ratified ``z``, counting the deadweight of the
        payments that ratifying ``z`` takes (none when ``e`` is 0 or 1).

        >>> import dataclasses, negotiation_kit as nk
        >>> leaky = dataclasses.replace(_example(), side_payments=nk.SidePayments(0.5))
        >>> round(leaky.net_welfare(0.5), 12)  # W = 0.3, less 1 x D* = 0.05
        0.25
        """
        gains, single = self._evaluate(z)
        return _one(ratification.net_welfare(self, gains), single)

    def ratifies(self, z: Any) -> Any:
        """Whether the nation would ratify each agreement in ``z``.

        >>> _example().ratifies(0.6)
        True
        """
        self._certain("ratifies")
        gains, single = self._evaluate(z)
        return _one(ratification.ratifies(self, gains), single)

    def ratification_probability(self, z: Any) -> Any:
        """The probability that the nation ratifies each agreement in ``z`` (docs/model.md §8).

        With uncertain reservations (``nk.Uniform``) it is exact, in ``[0, 1]``; a certain
        nation gives 1 inside its win-set and 0 outside.

        >>> import negotiation_kit as nk
        >>> hawk = nk.Faction("steelworkers", nk.Linear(0.5, nk.Uniform(0.5, 0.7)))
        >>> unsure = nk.Nation("Atlantica", [nk.Faction("exporters", nk.Linear(0.5, -0.2)), hawk])
        >>> unsure.ratification_probability([0.4, 0.55, 0.7])
        array([0.  , 0.25, 1.  ])
        """
        array, single = _checks.points(z, self.dimension)
        return _one(expected.ratification_probability(self, array), single)

    def _certain(self, what: str) -> None:
        if uncertainty.is_uncertain_nation(self):
            raise ValueError(
                f"{what} needs every reservation known, and {self.name!r} has an uncertain one "
                "(nk.Uniform): use ratification_probability(z) for the chance it ratifies"
            )

    def transfers(self, z: Any) -> dict[str, float]:
        """Side-payments made to ratify one agreement ``z``: faction name -> amount received.

        Amounts are delivered units; a negative amount is what a payer pays. All zero when
        the nation needs no payments at ``z`` or has no side-payment regime.

        >>> import dataclasses, negotiation_kit as nk
        >>> paying = dataclasses.replace(_example(), side_payments=nk.SidePayments(1.0))
        >>> {k: round(v, 12) for k, v in paying.transfers(0.5).items()}
        {'exporters': -0.05, 'steelworkers': 0.05}
        """
        gains, single = self._evaluate(z)
        if not single:
            raise ValueError("z must be one agreement for transfers, got several points")
        amounts = np.zeros(len(self.factions))
        if self.side_payments is not None and bool(ratification.ratifies(self, gains)[0]):
            amounts = side_payments.transfers(
                gains[:, 0], self.coalitions, self.side_payments, self.factions
            )
        return {f.name: float(a) + 0.0 for f, a in zip(self.factions, amounts, strict=True)}

    def win_set(self, space: Line | Plane) -> WinSet:
        """The agreements in ``space`` the nation would ratify (exact on a Line).

        >>> import negotiation_kit as nk
        >>> _example().win_set(nk.Line(0, 2))
        <win-set on one issue: [0.6, 2]>
        """
        return win_set((self,), space)

    def describe_rule(self) -> str:
        """How the nation ratifies, in one sentence for students (its rule's ``describe()``;
        a nation of one faction acts as one whatever its rule).

        >>> _example().describe_rule()
        'Atlantica ratifies only what every faction accepts: each one can block it.'
        >>> Nation("Borealia", _example().factions[:1]).describe_rule()
        'Borealia acts as one: it ratifies any deal that leaves it no worse off than no deal.'
        """
        if len(self.factions) == 1:
            return (
                f"{self.name} acts as one: it ratifies any deal that leaves it no worse off "
                "than no deal."
            )
        return f"{self.name} {self.rule.describe()}"

    def unitary(self) -> Nation:
        """The benchmark: the same factions acting as one (``NationalWelfare``, no payments).

        >>> _example().unitary().rule
        NationalWelfare()
        """
        return Nation(self.name, self.factions, NationalWelfare(), None)


def _example() -> Nation:
    """The divided nation of the docstrings: a dove and a hawk with a veto (docs/model.md E2)."""
    from .gains import Linear

    return Nation(
        "Atlantica",
        (Faction("exporters", Linear(0.5, -0.2)), Faction("steelworkers", Linear(0.5, 0.6))),
    )


def _one(values: Any, single: bool) -> Any:
    return values[0].item() if single else values
