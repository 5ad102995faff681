"""A domestic faction: a name, a gain function and a political weight."""

from __future__ import annotations

from dataclasses import dataclass

from . import _checks
from .gains import Additive, Linear, Spatial, snap
from .uncertainty import is_uncertain

GAIN_FAMILIES = (Linear, Additive, Spatial)


@dataclass(frozen=True)
class Faction:
    """A domestic group that gains or loses from an agreement (Putnam 1988's "level II").

    ``gain`` says what the faction gains from each agreement; ``weight`` is its political
    weight (votes, seats, power) used by quota rules, separate from its economic stake.

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> hawk = nk.Faction("steelworkers", nk.Linear(stake=0.5, reservation=0.6), weight=2)
    >>> hawk.accepts([0.5, 0.7])
    array([False,  True])
    """

    name: str
    gain: Linear | Additive | Spatial
    weight: float = 1.0

    def __post_init__(self) -> None:
        _checks.name("name", self.name)
        _checks.instance(
            "gain", self.gain, GAIN_FAMILIES, "a gain: nk.Linear, nk.Additive or nk.Spatial"
        )
        weight = _checks.number("weight", self.weight, "a non-negative finite number")
        if weight < 0:
            raise ValueError(f"weight must be a non-negative finite number, got {weight:g}")
        object.__setattr__(self, "weight", weight)

    @property
    def dimension(self) -> int:
        """How many issues the faction's gain is defined on."""
        return self.gain.dimension

    def accepts(self, z: object) -> object:
        """Whether the faction would accept each agreement in ``z`` (gain ``>= 0``)."""
        if is_uncertain(self.gain):
            raise ValueError(
                f"accepts needs the reservation known, and {self.name!r} has an uncertain one "
                "(nk.Uniform): it accepts x with probability ratification_probability gives "
                "for a nation of this faction alone"
            )
        array, single = _checks.points(z, self.dimension)
        result = snap(self.gain.evaluate(array), self.gain.scale) >= 0
        return bool(result[0]) if single else result
