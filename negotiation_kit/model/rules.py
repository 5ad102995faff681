"""Ratification rules: which agreements a divided nation would ratify.

A rule looks at the factions that accept an agreement (gain ``>= 0``) and says whether that
is enough (Tsebelis 2002's veto players; weighted voting). For internal side-payments a rule
also names its *minimal winning coalitions*: the cheapest one to compensate decides the
minimum compensation ``D*`` (see ``side_payments``).

Every rule offers ``winning(gains, factions, rounding)`` (a reduction over the factions axis;
``rounding`` is the allowance for sums of gains, used by ``NationalWelfare``),
``coalitions(factions)`` (``NationalWelfare`` has none since it needs no consent) and
``describe()``, the rule in words for students: the one place the kit's explorers and
classroom cards take them from.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

import numpy as np
from numpy.typing import NDArray

from . import _checks
from ._checks import FloatArray
from .gains import ACCEPT_TOL

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .factions import Faction

BoolArray = NDArray[np.bool_]
Coalitions = tuple[tuple[int, ...], ...]


def slack(factions: tuple[Faction, ...]) -> float:
    """Rounding allowance for sums of the factions' gains (see ``gains.ACCEPT_TOL``)."""
    return ACCEPT_TOL * sum(f.gain.scale for f in factions)


class Rule(Protocol):
    """What every ratification rule offers."""

    def check(self, factions: tuple[Faction, ...]) -> None: ...

    def winning(
        self, gains: FloatArray, factions: tuple[Faction, ...], rounding: float | FloatArray = 0.0
    ) -> BoolArray: ...

    def coalitions(self, factions: tuple[Faction, ...]) -> Coalitions: ...

    def describe(self) -> str:
        """The rule in words, as the end of a sentence that starts with the nation's name."""
        ...


def _accepts(gains: FloatArray) -> BoolArray:
    """Gains arrive snapped (``gains.snap``), so a plain comparison is exact."""
    return gains >= 0


@dataclass(frozen=True)
class NationalWelfare:
    """The unitary benchmark: ratify whatever does not lower national welfare, ``W(z) >= 0``.

    >>> import negotiation_kit as nk
    >>> nk.NationalWelfare()
    NationalWelfare()
    """

    def check(self, factions: tuple[Faction, ...]) -> None:
        """Any factions will do."""

    def winning(
        self, gains: FloatArray, factions: tuple[Faction, ...], rounding: float | FloatArray = 0.0
    ) -> BoolArray:
        return gains.sum(axis=0) >= -rounding

    def coalitions(self, factions: tuple[Faction, ...]) -> Coalitions:
        return ()

    def describe(self) -> str:
        return (
            "ratifies any deal that does not lower its national welfare (the sum of its "
            "factions' gains): no single faction can block it."
        )


@dataclass(frozen=True)
class Unanimity:
    """Every faction holds a veto: the win-set is the intersection of acceptance sets.

    >>> import negotiation_kit as nk
    >>> nk.Unanimity()
    Unanimity()
    """

    def check(self, factions: tuple[Faction, ...]) -> None:
        """Any factions will do."""

    def winning(
        self, gains: FloatArray, factions: tuple[Faction, ...], rounding: float | FloatArray = 0.0
    ) -> BoolArray:
        return np.all(_accepts(gains), axis=0)

    def coalitions(self, factions: tuple[Faction, ...]) -> Coalitions:
        return (tuple(range(len(factions))),)

    def describe(self) -> str:
        return "ratifies only what every faction accepts: each one can block it."


@dataclass(frozen=True)
class Quota:
    """Ratified when the factions that accept hold at least ``share`` of the total weight.

    >>> import negotiation_kit as nk
    >>> nk.Quota(2 / 3).share
    0.6666666666666666
    """

    share: float

    def __post_init__(self) -> None:
        share = _checks.number_in("share", self.share, 0.0, 1.0, open_low=True)
        object.__setattr__(self, "share", share)

    strict = False

    def check(self, factions: tuple[Faction, ...]) -> None:
        """A quota needs some political weight to count."""
        if sum(f.weight for f in factions) <= 0:
            raise ValueError(
                "weight: a quota rule needs factions with positive total weight, got 0"
            )

    def _enough(self, weight: FloatArray | float, total: float) -> BoolArray | bool:
        needed = self.share * total
        if self.strict:
            return weight > needed * (1 + 1e-12)
        return weight >= needed * (1 - 1e-12)

    def winning(
        self, gains: FloatArray, factions: tuple[Faction, ...], rounding: float | FloatArray = 0.0
    ) -> BoolArray:
        weights = np.array([f.weight for f in factions])
        return np.asarray(self._enough(weights @ _accepts(gains), weights.sum()))

    def coalitions(self, factions: tuple[Faction, ...]) -> Coalitions:
        return _minimal_coalitions(tuple(f.weight for f in factions), self)

    def describe(self) -> str:
        """
        >>> Quota(2 / 3).describe()
        'ratifies what factions holding at least 66.7% of the political weight accept.'
        """
        more = "more than" if self.strict else "at least"
        return f"ratifies what factions holding {more} {self._share_words()} accept."

    def _share_words(self) -> str:
        return f"{100 * self.share:.3g}% of the political weight"


@dataclass(frozen=True)
class Majority(Quota):
    """Ratified when the accepting factions hold *strictly more* than half the weight.

    >>> import negotiation_kit as nk
    >>> nk.Majority()
    Majority()
    """

    share: float = field(default=0.5, init=False)
    strict = True

    def __repr__(self) -> str:
        return "Majority()"

    def _share_words(self) -> str:
        return "half the political weight"


@dataclass(frozen=True)
class Leader:
    """One faction decides; the factions named in ``vetoes`` must also accept.

    >>> import negotiation_kit as nk
    >>> nk.Leader("finance ministry", vetoes=("farmers",))
    Leader(name='finance ministry', vetoes=('farmers',))
    """

    name: str
    vetoes: tuple[str, ...] = ()

    if TYPE_CHECKING:
        # For type checkers only: lists (any sequence) are welcome, stored as a tuple.

        def __init__(self, name: str, vetoes: Sequence[str] = ()) -> None: ...

    def __post_init__(self) -> None:
        _checks.name("name", self.name)
        object.__setattr__(self, "vetoes", _checks.names("vetoes", self.vetoes))

    def check(self, factions: tuple[Faction, ...]) -> None:
        """The leader and the veto holders must be factions of the nation."""
        names = [f.name for f in factions]
        for param, who in [("name", self.name), *(("vetoes", v) for v in self.vetoes)]:
            if who not in names:
                raise ValueError(
                    f"Leader {param} must name a faction of the nation {names}, got {who!r}"
                )

    def _members(self, factions: tuple[Faction, ...]) -> tuple[int, ...]:
        names = [f.name for f in factions]
        return tuple(sorted({names.index(self.name), *(names.index(v) for v in self.vetoes)}))

    def winning(
        self, gains: FloatArray, factions: tuple[Faction, ...], rounding: float | FloatArray = 0.0
    ) -> BoolArray:
        return np.all(_accepts(gains[list(self._members(factions))]), axis=0)

    def coalitions(self, factions: tuple[Faction, ...]) -> Coalitions:
        return (self._members(factions),)

    def describe(self) -> str:
        """
        >>> Leader("industry", vetoes=("farm lobby", "unions")).describe()
        'ratifies what industry accepts, if farm lobby and unions also accept.'
        """
        if not self.vetoes:
            return f"ratifies what {self.name} accepts ({self.name} decides alone)."
        verb = "accepts" if len(self.vetoes) == 1 else "accept"
        return f"ratifies what {self.name} accepts, if {' and '.join(self.vetoes)} also {verb}."


@lru_cache(maxsize=256)
def _minimal_coalitions(weights: tuple[float, ...], quota: Quota) -> Coalitions:
    """Every winning set of factions none of whose proper subsets wins, smallest first."""
    total = sum(weights)
    found: list[tuple[int, ...]] = []
    for size in range(1, len(weights) + 1):
        for members in itertools.combinations(range(len(weights)), size):
            if any(set(smaller) <= set(members) for smaller in found):
                continue
            if quota._enough(sum(weights[i] for i in members), total):
                found.append(members)
    return tuple(found)


RULES = (NationalWelfare, Unanimity, Quota, Majority, Leader)
