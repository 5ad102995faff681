"""The international bargain: the zone of agreement, the outcome, and whether division pays.

Each negotiator serves a *principal*, its nation's net welfare ``N`` and signs nothing
that leaves it worse off than no agreement. ``solution="nash"`` picks the point of the zone
that maximises ``N_A * N_B`` (Nash 1950); ``solution="split"`` splits the difference
between the zone's edges, treating them as reservation points (one issue only).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

from . import _checks, one_issue, two_issues, uncertain_bargain
from .nations import Nation
from .spaces import Line, Plane
from .uncertainty import is_uncertain_nation
from .winsets import LineWinSet, PlaneWinSet, WinSet, win_set

SOLUTIONS = ("nash", "split")


@dataclass(frozen=True)
class Outcome:
    """What a negotiation ends in.

    ``agreement`` is a float (one issue), an array of two coordinates, or ``None`` for no
    agreement; ``welfare`` maps each nation to its net welfare ``N``; ``faction_gains`` maps
    each faction to its gain after transfers; ``transfers`` to the amount it received
    (negative: paid). ``reason`` says in words why there is no agreement, if there is none.
    ``ratification_probability`` is the chance that both nations ratify the agreement: 1.0
    for a certain agreement, 0.0 for none. With uncertain reservations (docs/model.md §8) welfare,
    gains and transfers are expected values, a failed deal counting 0.

    >>> _example().outcome()
    <agreement at 0.6; net welfare Atlantica 0.4, Borealia 0.2>
    """

    agreement: float | np.ndarray | None
    welfare: dict[str, float]
    faction_gains: dict[str, float]
    transfers: dict[str, float]
    reason: str = ""
    ratification_probability: float = 1.0

    def __repr__(self) -> str:
        if self.agreement is None:
            return f"<no agreement: {self.reason}>"
        where = np.round(np.asarray(self.agreement), 4).tolist()
        welfare = ", ".join(f"{k} {v:.4g}" for k, v in self.welfare.items())
        if self.ratification_probability < 1.0:
            chance = f"ratified with probability {self.ratification_probability:.4g}"
            return f"<agreement at {where}, {chance}; expected net welfare {welfare}>"
        return f"<agreement at {where}; net welfare {welfare}>"


@dataclass(frozen=True)
class Negotiation:
    """Two nations bargaining over an issue space.

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> a = nk.Nation("Atlantica", [nk.Faction("exporters", nk.Linear(0.5, -0.2)),
    ...                             nk.Faction("steelworkers", nk.Linear(0.5, 0.6))])
    >>> b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
    >>> talks = nk.Negotiation(a, b, nk.Line())
    >>> talks.zone().intervals
    [(0.6, 0.8)]
    >>> talks.outcome().agreement
    0.6
    >>> round(talks.desirability("Atlantica"), 12)
    0.1
    """

    a: Nation
    b: Nation
    space: Line | Plane
    solution: str = "nash"

    def __post_init__(self) -> None:
        _checks.instance("a", self.a, Nation, "an nk.Nation")
        _checks.instance("b", self.b, Nation, "an nk.Nation")
        _checks.instance("space", self.space, (Line, Plane), "nk.Line(...) or nk.Plane(...)")
        _checks.instance("solution", self.solution, str, f"one of {SOLUTIONS}")
        if self.solution not in SOLUTIONS:
            raise ValueError(f"solution must be one of {SOLUTIONS}, got {self.solution!r}")
        if self.solution == "split" and isinstance(self.space, Plane):
            raise ValueError(
                "solution='split' is defined on one issue only; use solution='nash' on a Plane"
            )
        unsure = [n.name for n in (self.a, self.b) if is_uncertain_nation(n)]
        if unsure and isinstance(self.space, Plane):
            raise ValueError(
                f"uncertain reservations (nk.Uniform, in {', '.join(map(repr, unsure))}) are "
                "defined on one issue only: use space=nk.Line()"
            )
        if unsure and self.solution == "split":
            raise ValueError(
                f"solution='split' cannot be used with uncertain reservations (nk.Uniform, in "
                f"{', '.join(map(repr, unsure))}): the zone has no sharp edges to split; use "
                "solution='nash'"
            )
        if self.a.name == self.b.name:
            raise ValueError(f"b must have a different name from a, both are {self.a.name!r}")
        shared = sorted({f.name for f in self.a.factions} & {f.name for f in self.b.factions})
        if shared:
            raise ValueError(
                f"faction names must differ between the nations, {shared[0]!r} is in both "
                f"{self.a.name!r} and {self.b.name!r}"
            )
        for nation in (self.a, self.b):
            if nation.dimension != self.space.dimension:
                raise ValueError(
                    f"space must match the factions' gains: {nation.name!r} has gains on "
                    f"{nation.dimension} issue(s), the space has {self.space.dimension}"
                )

    @cached_property
    def _zone(self) -> WinSet:
        return win_set((self.a, self.b), self.space)

    def zone(self) -> WinSet:
        """The zone of agreement, ``WS_A ∩ WS_B``: the deals both nations would ratify.

        >>> _example().zone()
        <win-set on one issue: [0.6, 0.8]>
        """
        return self._zone

    @cached_property
    def _uncertain(self) -> bool:
        return is_uncertain_nation(self.a) or is_uncertain_nation(self.b)

    @cached_property
    def _outcome(self) -> Outcome:
        if self._uncertain:
            return self._uncertain_outcome()
        zone = self._zone
        if zone.is_empty:
            return self._no_agreement("the zone of agreement is empty")
        point: Any
        if isinstance(zone, LineWinSet):
            if self.solution == "split":
                point = _split(zone)
            else:
                point = one_issue.nash(self.a, self.b, zone.intervals)
        else:
            assert isinstance(zone, PlaneWinSet)
            point = two_issues.nash(self.a, self.b, zone.space, zone.mask)
        if point is None:
            return self._no_agreement("no point of the zone leaves both nations better off")
        welfare = {n.name: float(n.net_welfare(point)) for n in (self.a, self.b)}
        if any(welfare[n.name] < -n.slack for n in (self.a, self.b)):
            return self._no_agreement("splitting the difference would leave a nation worse off")
        gains: dict[str, float] = {}
        transfers: dict[str, float] = {}
        for nation in (self.a, self.b):
            paid = nation.transfers(point)
            transfers.update(paid)
            for faction, gain in zip(nation.factions, nation.gains(point), strict=True):
                gains[faction.name] = float(gain) + paid[faction.name]
        if isinstance(point, np.ndarray):
            point = point.copy()
            point.flags.writeable = False
        return Outcome(point, welfare, gains, transfers)

    def outcome(self) -> Outcome:
        """The agreement the negotiators reach, with welfare, gains and transfers.

        >>> outcome = _example().outcome()
        >>> outcome.agreement, outcome.welfare
        (0.6, {'Atlantica': 0.4, 'Borealia': 0.2})
        >>> outcome.faction_gains
        {'exporters': 0.4, 'steelworkers': 0.0, 'Borealia': 0.2}
        """
        return self._outcome

    def _no_agreement(self, reason: str) -> Outcome:
        names = [f.name for n in (self.a, self.b) for f in n.factions]
        zeros = dict.fromkeys(names, 0.0)
        welfare = {self.a.name: 0.0, self.b.name: 0.0}
        return Outcome(None, welfare, zeros, dict(zeros), reason, ratification_probability=0.0)

    def _uncertain_outcome(self) -> Outcome:
        """docs/model.md §8: the Nash point of expected net welfare (``uncertain_bargain``)."""
        assert isinstance(self.space, Line)
        if self._zone.is_empty:
            return self._no_agreement("no agreement has any chance of ratification in both")
        point = uncertain_bargain.nash(self.a, self.b, self.space.low, self.space.high)
        if point is None:
            return self._no_agreement("no agreement leaves both nations better off on average")
        welfare, gains, chance = uncertain_bargain.settle(self.a, self.b, point)
        transfers: dict[str, float] = {}
        for nation, other in ((self.a, self.b), (self.b, self.a)):
            chance_other = float(other.ratification_probability(point))
            paid = nation.transfers(point)
            transfers.update({k: v * chance_other + 0.0 for k, v in paid.items()})
        return Outcome(point, welfare, gains, transfers, ratification_probability=chance)

    def ratification_probability(self, z: Any) -> Any:
        """The chance that both nations ratify each agreement in ``z``, ``P = P_A P_B``.

        >>> _example().ratification_probability([0.5, 0.7])
        array([0., 1.])
        """
        return self.a.ratification_probability(z) * self.b.ratification_probability(z)

    def expected_welfare(self, z: Any) -> dict[str, Any]:
        """Each nation's expected net welfare at each agreement in ``z`` (docs/model.md §8).

        ``E_A(x) = E[N_A(x) 1{A ratifies x}] P_B(x)``: a failed deal gives 0. Without
        uncertainty it is ``N`` inside the zone and 0 outside.

        >>> _example().expected_welfare([0.5, 0.7])
        {'Atlantica': array([0. , 0.5]), 'Borealia': array([0. , 0.1])}
        """
        if not isinstance(self.space, Line):
            raise ValueError("expected_welfare is defined on one issue (nk.Line)")
        array, single = _checks.points(z, 1)
        e_a, e_b, _ = uncertain_bargain.at(self.a, self.b, array)
        if single:
            return {self.a.name: float(e_a[0]), self.b.name: float(e_b[0])}
        return {self.a.name: e_a, self.b.name: e_b}

    def revelation_value(self, nation_name: str) -> float:
        """What ``nation_name`` gains, on average, if every uncertain reservation is revealed.

        Its expected net welfare if both negotiators learned the realised reservations before
        bargaining (the certain outcome for each value, averaged exactly over them), minus its
        expected net welfare now (docs/model.md §8). Positive: the nation gains from the truth
        coming out; negative: the uncertainty is worth something to it. 0 without uncertainty.

        >>> import dataclasses, negotiation_kit as nk
        >>> talks = _example()  # docs/model.md U1: the hawk's reservation is uncertain
        >>> hawk = nk.Faction("steelworkers", nk.Linear(0.5, nk.Uniform(0.5, 0.7)))
        >>> a = dataclasses.replace(talks.a, factions=(talks.a.factions[0], hawk))
        >>> u1 = dataclasses.replace(talks, a=a)
        >>> round(u1.revelation_value("Atlantica"), 9), round(u1.revelation_value("Borealia"), 9)
        (-0.1, 0.1)
        """
        self._check_name(nation_name)
        return uncertain_bargain.revelation_value(self, nation_name)

    def _check_name(self, nation_name: str) -> None:
        names = (self.a.name, self.b.name)
        _checks.instance("nation_name", nation_name, str, f"one of the names {names}")
        if nation_name not in names:
            raise ValueError(f"nation_name must be one of {names}, got {nation_name!r}")

    def unitary(self, nation_name: str) -> Negotiation:
        """The same negotiation with ``nation_name`` acting as one (``Nation.unitary``).

        The negotiation itself when that nation is unitary already. Equal negotiations give
        the same object, so its zone and outcome are computed once however often they are
        asked for (a slider that changes only the nation's inside leaves it unchanged).

        >>> _example().unitary("Atlantica").a.rule
        NationalWelfare()
        """
        self._check_name(nation_name)
        side = "a" if nation_name == self.a.name else "b"
        nation = getattr(self, side)
        unitary = nation.unitary()
        if unitary == nation:
            return self
        return _shared(dataclasses.replace(self, **{side: unitary}))

    def benchmark(self, nation_name: str) -> Outcome:
        """The unitary benchmark: the outcome if ``nation_name`` bargained as one actor.

        Against the same partner, space and solution; ``desirability`` compares with it.

        >>> _example().benchmark("Atlantica")  # docs/model.md E2: a unitary Atlantica gets 0.3
        <agreement at 0.5; net welfare Atlantica 0.3, Borealia 0.3>
        """
        return self.unitary(nation_name).outcome()

    def desirability(self, nation_name: str) -> float:
        """``Δ``: the nation's net welfare here minus what it gets if it bargains unitarily.

        Division is *desirable* for the nation when ``Δ > 0`` (in the spirit of Mayer 1992).

        >>> round(_example().desirability("Atlantica"), 12)  # 0.4 divided vs 0.3 unitary
        0.1
        """
        benchmark = self.benchmark(nation_name)
        return self.outcome().welfare[nation_name] - benchmark.welfare[nation_name]


@lru_cache(maxsize=32)
def _shared(negotiation: Negotiation) -> Negotiation:
    """The first negotiation equal to ``negotiation`` of the recent ones: its cached zone and
    outcome serve every equal one (scenario objects are frozen and hashable)."""
    return negotiation


def _example() -> Negotiation:
    """The negotiation of the docstrings: docs/model.md E2, a hawk's veto ties Atlantica's hands."""
    from .factions import Faction
    from .gains import Linear
    from .nations import _example as atlantica

    borealia = Nation("Borealia", (Faction("Borealia", Linear(-1.0, 0.8)),))
    return Negotiation(atlantica(), borealia, Line())


def _split(zone: LineWinSet) -> float:
    if len(zone.intervals) != 1:
        shown = ", ".join(f"[{lo:.3g}, {hi:.3g}]" for lo, hi in zone.intervals)
        raise ValueError(
            f"split-the-difference needs the zone to be one interval, got {shown}; "
            "use solution='nash'"
        )
    low, high = zone.intervals[0]
    return 0.5 * (low + high)
