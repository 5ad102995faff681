"""What the functions below ``Nation`` read of a nation: a ``Party`` (``Nation`` is one).

``ratification``, ``winsets``, ``one_issue``, ``two_issues``, ``expected``, ``uncertainty``
and ``uncertain_bargain`` are the theory ``Nation`` is built on, so they must not import
``nations`` (not even for annotations): they take any object with these members, and the
imports run one way, ``nations`` above them (``tests/test_architecture.py`` checks it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ._checks import FloatArray
    from .factions import Faction
    from .rules import Coalitions, Rule
    from .side_payments import SidePayments


class Party(Protocol):
    """A nation at the table, as the functions below ``Nation`` read it: hashable and
    immutable, since they cache what they compute by nation."""

    def __hash__(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def factions(self) -> tuple[Faction, ...]: ...

    @property
    def rule(self) -> Rule: ...

    @property
    def side_payments(self) -> SidePayments | None: ...

    @property
    def dimension(self) -> int:
        """How many issues the factions care about."""
        ...

    @property
    def slack(self) -> float:
        """Rounding allowance for national sums."""
        ...

    @property
    def tolerances(self) -> FloatArray:
        """How far from zero each faction's gain is rounding only, shape (factions, 1)."""
        ...

    @property
    def coalitions(self) -> Coalitions:
        """The rule's minimal winning coalitions, as tuples of faction indices."""
        ...

    def net_welfare(self, z: Any) -> Any:
        """National welfare less what side-payments lose on the way, at each point."""
        ...

    def transfers(self, z: Any) -> dict[str, float]:
        """What each faction pays (negative) or receives at one point."""
        ...
