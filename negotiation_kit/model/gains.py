"""Gain functions: what a faction gains from an agreement compared with no agreement.

A faction's *gain from agreement* is ``g(z) = u(z) - v`` where ``v`` is its value of no
agreement (its BATNA); no agreement gives ``g = 0``. The faction accepts ``z`` when
``g(z) >= 0``. Every gain family is vectorised: ``gain(points)`` returns one gain per point.

On one issue every family is a polynomial of degree at most two in ``x``; ``coefficients``
returns it, which is what lets the kit find win-set edges and outcomes exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real
from typing import TYPE_CHECKING, Any, Protocol, overload

import numpy as np

from . import _checks
from ._checks import FloatArray
from .uncertainty import Uniform

if TYPE_CHECKING:
    from collections.abc import Sequence

ACCEPT_TOL = 1e-12
"""Gains within ``ACCEPT_TOL * scale`` of zero count as zero: rounding never flips a vote."""

Quadratic = tuple[float, float, float]
"""Coefficients ``(c0, c1, c2)`` of ``c0 + c1 x + c2 x**2``."""


class Gain(Protocol):
    """What every gain family offers (see ``Linear``, ``Additive``, ``Spatial``)."""

    @property
    def dimension(self) -> int: ...

    def evaluate(self, z: FloatArray) -> FloatArray: ...

    def coefficients(self) -> Quadratic: ...

    @property
    def scale(self) -> float: ...


def snap(values: FloatArray, scale: float) -> FloatArray:
    """Gains that differ from zero by rounding only (``ACCEPT_TOL * scale``) set to zero."""
    return np.where(np.abs(values) <= ACCEPT_TOL * scale, 0.0, values)


class _GainBase:
    """Shared calling convention: a number or one point gives a float, many points an array."""

    dimension: int

    def evaluate(self, z: FloatArray) -> FloatArray:  # pragma: no cover - overridden
        raise NotImplementedError

    @overload
    def __call__(self, z: float) -> float: ...
    @overload
    def __call__(self, z: Any) -> Any: ...
    def __call__(self, z: Any) -> Any:
        """The gain at ``z``: a float for one point, an array for several."""
        array, single = _checks.points(z, self.dimension)
        values = self.evaluate(array)
        return float(values[0]) if single else values


@dataclass(frozen=True)
class Linear(_GainBase):
    """One issue, ``g(x) = stake * (x - reservation)``.

    The sign of ``stake`` is the faction's orientation: ``stake > 0`` wants high ``x`` (it
    accepts ``x >= reservation``), ``stake < 0`` sides with the other nation (it accepts
    ``x <= reservation``). Its size is how much the faction has riding on the issue.

    The reservation may be uncertain, ``nk.Uniform(low, high)`` (docs/model.md §8): it is drawn
    after the negotiators agree; the gain this function returns is then the expected gain.

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> hawk = nk.Linear(stake=0.5, reservation=0.6)
    >>> hawk(0.8)
    0.1
    >>> hawk([0.4, 0.6])
    array([-0.1,  0. ])
    """

    stake: float
    reservation: float | Uniform

    dimension = 1

    def __post_init__(self) -> None:
        stake = _checks.number("stake", self.stake, "a non-zero finite number")
        if stake == 0:
            raise ValueError(
                "stake must be a non-zero finite number (its sign says which way the faction "
                "leans), got 0"
            )
        object.__setattr__(self, "stake", stake)
        r = self.reservation
        if not isinstance(r, Uniform):
            r = _checks.number("reservation", r)
            object.__setattr__(self, "reservation", r)
        object.__setattr__(self, "_centre", r.mean if isinstance(r, Uniform) else r)

    @property
    def centre(self) -> float:
        """The reservation, or its mean when it is uncertain (``nk.Uniform``)."""
        return self._centre  # type: ignore[attr-defined]

    def evaluate(self, z: FloatArray) -> FloatArray:
        """The gain at ``z``; with an uncertain reservation, the expected gain."""
        return self.stake * (z - self._centre)  # type: ignore[attr-defined]

    @property
    def scale(self) -> float:
        """The size of the numbers this gain works with (for rounding tolerances)."""
        r = self.reservation
        size = max(abs(r.low), abs(r.high)) if isinstance(r, Uniform) else abs(r)
        return abs(self.stake) * (1.0 + size)

    def coefficients(self) -> Quadratic:
        return (-self.stake * self._centre, self.stake, 0.0)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Additive(_GainBase):
    """Several issues, ``g(z) = sum_k weights[k] * z[k] - threshold``.

    Its iso-gain lines are straight; a faction that cares about one issue only has one
    non-zero weight. With a single weight it is a one-issue gain like ``Linear``.

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> farmers = nk.Additive(weights=(0.0, 1.0), threshold=0.3)
    >>> farmers([[0.9, 0.5], [0.1, 0.2]])
    array([ 0.2, -0.1])
    """

    weights: tuple[float, ...]
    threshold: float = 0.0

    if TYPE_CHECKING:
        # For type checkers only: lists (any sequence) are welcome, stored as a tuple.

        def __init__(self, weights: Sequence[float], threshold: float = 0.0) -> None: ...

    def __post_init__(self) -> None:
        weights = _checks.vector("weights", self.weights)
        if not any(weights):
            raise ValueError(f"weights must have at least one non-zero entry, got {weights}")
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "threshold", _checks.number("threshold", self.threshold))

    @property
    def dimension(self) -> int:  # type: ignore[override]
        return len(self.weights)

    @property
    def scale(self) -> float:
        """The size of the numbers this gain works with (for rounding tolerances)."""
        return sum(abs(w) for w in self.weights) + abs(self.threshold)

    def evaluate(self, z: FloatArray) -> FloatArray:
        if self.dimension == 1:
            return self.weights[0] * z - self.threshold
        return z @ np.asarray(self.weights) - self.threshold

    def coefficients(self) -> Quadratic:
        _one_issue_only(self)
        return (-self.threshold, self.weights[0], 0.0)


@dataclass(frozen=True)
class Spatial(_GainBase):
    """Euclidean preferences around an ideal point, with the status quo as no agreement.

    ``g(z) = salience * (|q - ideal|**2 - |z - ideal|**2)``: the faction accepts the disc
    centred on its ideal point that passes through the status quo ``q``. A number for
    ``ideal`` and ``status_quo`` gives the one-issue version (an interval).

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> labour = nk.Spatial(ideal=(2, 0), status_quo=(0, 0))
    >>> labour([[2, 0], [0, 0], [4, 1]])
    array([ 4.,  0., -1.])
    >>> nk.Spatial(ideal=0.7, status_quo=0.2)(0.9)
    0.21
    """

    ideal: Any
    status_quo: Any
    salience: float = 1.0

    def __post_init__(self) -> None:
        ideal = _coordinates("ideal", self.ideal)
        quo = _coordinates("status_quo", self.status_quo)
        if len(quo) != len(ideal):
            raise ValueError(
                f"status_quo must have as many coordinates as ideal ({len(ideal)}), got {quo}"
            )
        salience = _checks.number("salience", self.salience, "a positive finite number")
        if salience <= 0:
            raise ValueError(f"salience must be a positive finite number, got {salience:g}")
        object.__setattr__(self, "ideal", ideal[0] if len(ideal) == 1 else ideal)
        object.__setattr__(self, "status_quo", quo[0] if len(quo) == 1 else quo)
        object.__setattr__(self, "salience", salience)

    @property
    def dimension(self) -> int:  # type: ignore[override]
        return 1 if np.ndim(self.ideal) == 0 else len(self.ideal)

    @property
    def radius(self) -> float:
        """The radius of the acceptance disc, ``|q - ideal|``."""
        return float(math.dist(np.atleast_1d(self.ideal), np.atleast_1d(self.status_quo)))

    @property
    def scale(self) -> float:
        """The size of the numbers this gain works with (for rounding tolerances)."""
        # Rounding in (q - z) . (q + z - 2 theta) for points z of ordinary size.
        quo, theta = float(np.linalg.norm(self.status_quo)), float(np.linalg.norm(self.ideal))
        return self.salience * (1.0 + quo) * (1.0 + quo + 2.0 * theta)

    def evaluate(self, z: FloatArray) -> FloatArray:
        # |q - theta|^2 - |z - theta|^2 = (q - z) . (q + z - 2 theta), without the cancellation
        # of two large squares when the ideal point is far away.
        theta, quo = np.asarray(self.ideal), np.asarray(self.status_quo)
        if self.dimension == 2:  # the plane: a sum of two columns, ~10x faster than np.sum
            x, y = z[..., 0], z[..., 1]
            east = (quo[0] - x) * (quo[0] + x - 2 * theta[0])
            return self.salience * (east + (quo[1] - y) * (quo[1] + y - 2 * theta[1]))
        product = (quo - z) * (quo + z - 2 * theta)
        return self.salience * (product if self.dimension == 1 else np.sum(product, axis=-1))

    def coefficients(self) -> Quadratic:
        _one_issue_only(self)
        theta, quo, s = float(self.ideal), float(self.status_quo), self.salience
        return (s * quo * (quo - 2 * theta), 2 * s * theta, -s)


def _coordinates(name: str, value: Any) -> tuple[float, ...]:
    """A point: one number (one issue) or a sequence of numbers."""
    from .uncertainty import refuse

    refuse(name, value)
    if isinstance(value, Real | np.number | bool):
        return (_checks.number(name, value, "a finite number or a sequence of finite numbers"),)
    return _checks.vector(name, value, what="a finite number or a sequence of finite numbers")


def _one_issue_only(gain: Additive | Spatial) -> None:
    if gain.dimension != 1:
        raise ValueError(f"coefficients exist on one issue only; this gain has {gain.dimension}")
