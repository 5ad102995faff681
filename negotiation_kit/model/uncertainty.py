"""Uncertain reservations: a faction's bottom line that nobody at the table knows for sure.

Putnam (1988) calls a deal signed in good faith that then fails at home an *involuntary
defection*; Iida (1993) asks what uncertainty about a win-set does to the tied-hands argument.
In the kit (docs/model.md §8) an uncertain reservation is ``nk.Uniform(low, high)``, standing
where a ``nk.Linear`` gain takes its reservation. Its value is drawn once, independently of every
other uncertain reservation, *after* the negotiators agree and before the vote; both
negotiators know only its distribution. One issue only, and never in a nation with
side-payments.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import _numbers

if TYPE_CHECKING:
    from .party import Party

MIN_WIDTH = 1e-9
"""The narrowest uncertainty, relative to the size of its bounds: narrower is a certain value."""


@dataclass(frozen=True)
class Uniform:
    """A reservation equally likely to be anywhere from ``low`` to ``high``.

    Use it as the reservation of a ``nk.Linear`` gain: the faction's bottom line is drawn
    after the negotiators agree, so they know only that it lies between the two bounds.

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> hawk = nk.Linear(0.5, nk.Uniform(0.5, 0.7))
    >>> hawk.reservation
    Uniform(low=0.5, high=0.7)
    >>> round(hawk.reservation.mean, 12), round(hawk(0.8), 12)  # expected gain: at the mean
    (0.6, 0.1)
    """

    low: float
    high: float

    def __post_init__(self) -> None:
        low = _numbers.number("low", self.low)
        high = _numbers.number("high", self.high)
        if not low < high:
            raise ValueError(
                f"high must be greater than low, got low={low:g}, high={high:g} "
                "(a reservation known for sure is a plain number, e.g. nk.Linear(0.5, 0.6))"
            )
        if high - low <= MIN_WIDTH * max(1.0, abs(low), abs(high)):
            raise ValueError(
                f"high must exceed low by more than {MIN_WIDTH:g} of their size, got "
                f"low={low!r}, high={high!r} (so narrow a range is a certain reservation: "
                "give it as a plain number)"
            )
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)

    @property
    def mean(self) -> float:
        """The expected value, ``(low + high) / 2``."""
        return 0.5 * (self.low + self.high)

    @property
    def width(self) -> float:
        """How wide the uncertainty is, ``high - low``."""
        return self.high - self.low


def is_uncertain(gain: Any) -> bool:
    """True for a gain whose reservation is uncertain (a ``Linear`` with a ``Uniform``)."""
    return isinstance(getattr(gain, "reservation", None), Uniform)


def is_uncertain_nation(nation: Party) -> bool:
    """True when some faction of ``nation`` has an uncertain reservation (kept on the nation:
    its factions are frozen, and every certain computation asks first)."""
    known = nation.__dict__.get("_uncertain")
    if known is None:
        known = any(is_uncertain(f.gain) for f in nation.factions)
        object.__setattr__(nation, "_uncertain", known)
    return bool(known)


def refuse(name: str, value: Any) -> None:
    """Raise if ``value`` is a ``Uniform`` anywhere but a ``Linear`` reservation."""
    if isinstance(value, Uniform):
        raise ValueError(
            f"{name} cannot be uncertain: nk.Uniform may stand only as the reservation of "
            f"nk.Linear, on one issue (e.g. nk.Linear(0.5, nk.Uniform(0.5, 0.7))), got {value!r}"
        )


def refuse_in(nation: Party) -> None:
    """An uncertain reservation in a nation with side-payments is refused (docs/model.md §8)."""
    if nation.side_payments is not None and is_uncertain_nation(nation):
        names = [f.name for f in nation.factions if is_uncertain(f.gain)]
        raise ValueError(
            f"side_payments cannot be combined with uncertain reservations (nk.Uniform), "
            f"got both in {nation.name!r} (uncertain: {', '.join(names)}): drop the "
            "side-payments or give the reservations as numbers"
        )
