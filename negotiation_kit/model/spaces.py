"""Issue spaces: the agreements a negotiation can reach.

Coordinates are oriented toward nation A: a higher value is better for A and worse for B
(Putnam 1988; Raiffa 1982 calls one such dimension a distributive issue).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from . import _checks
from ._checks import FloatArray

if TYPE_CHECKING:
    from collections.abc import Sequence


@dataclass(frozen=True)
class Line:
    """One issue: agreements are the numbers from ``low`` (B's best) to ``high`` (A's best).

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> nk.Line()
    Line(low=0.0, high=1.0, label='terms (toward A)')
    >>> nk.Line(0, 100, label="tariff cut (%)").width
    100.0
    """

    low: float = 0.0
    high: float = 1.0
    label: str = "terms (toward A)"

    dimension = 1

    def __post_init__(self) -> None:
        low = _checks.number("low", self.low)
        high = _checks.number("high", self.high)
        if not low < high:
            raise ValueError(f"high must be greater than low, got low={low:g}, high={high:g}")
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)
        _checks.instance("label", self.label, str, "a string")

    @property
    def width(self) -> float:
        """The length of the issue, ``high - low``."""
        return self.high - self.low


@dataclass(frozen=True)
class Plane:
    """Two issues: agreements are the points of the rectangle ``x`` by ``y``.

    Win-sets on a plane are computed on a grid of ``resolution`` by ``resolution`` cell
    centres (default 200), then outcomes are refined locally (see ``bargaining``).

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> plane = nk.Plane(x=(-3, 3), y=(-3, 3))
    >>> plane.area
    36.0
    >>> plane.grid.shape
    (40000, 2)
    """

    x: tuple[float, float] = (0.0, 1.0)
    y: tuple[float, float] = (0.0, 1.0)
    labels: tuple[str, str] = ("issue 1 (toward A)", "issue 2 (toward A)")
    resolution: int = field(default=200, compare=True)

    dimension = 2

    if TYPE_CHECKING:
        # For type checkers only: lists (any sequence) are welcome, stored as a tuple.

        def __init__(
            self,
            x: Sequence[float] = (0.0, 1.0),
            y: Sequence[float] = (0.0, 1.0),
            labels: Sequence[str] = ("issue 1 (toward A)", "issue 2 (toward A)"),
            resolution: int = 200,
        ) -> None: ...

    def __post_init__(self) -> None:
        for axis in ("x", "y"):
            low, high = _checks.vector(axis, getattr(self, axis), length=2)
            if not low < high:
                raise ValueError(
                    f"{axis} must be (low, high) with low < high, got {getattr(self, axis)}"
                )
            object.__setattr__(self, axis, (low, high))
        labels = self.labels
        if not (isinstance(labels, tuple | list) and len(labels) == 2):
            raise TypeError(f"labels must be two strings, got {labels!r}")
        for k, text in enumerate(labels):
            _checks.instance(f"labels[{k}]", text, str, "a string")
        object.__setattr__(self, "labels", tuple(labels))
        if isinstance(self.resolution, bool) or not isinstance(self.resolution, int | np.integer):
            raise TypeError(
                f"resolution must be a whole number from 20 to 2000, got {self.resolution!r}"
            )
        if not 20 <= self.resolution <= 2000:
            raise ValueError(
                f"resolution must be a whole number from 20 to 2000, got {self.resolution}"
            )

    @property
    def area(self) -> float:
        """The area of the rectangle."""
        return (self.x[1] - self.x[0]) * (self.y[1] - self.y[0])

    @property
    def cell(self) -> tuple[float, float]:
        """The width and height of one grid cell."""
        n = self.resolution
        return ((self.x[1] - self.x[0]) / n, (self.y[1] - self.y[0]) / n)

    @cached_property
    def axes(self) -> tuple[FloatArray, FloatArray]:
        """The cell-centre coordinates along x and along y."""
        n = self.resolution
        dx, dy = self.cell
        xs = self.x[0] + dx * (np.arange(n, dtype=np.float64) + 0.5)
        ys = self.y[0] + dy * (np.arange(n, dtype=np.float64) + 0.5)
        return xs, ys

    @cached_property
    def grid(self) -> FloatArray:
        """All cell centres as an array of shape ``(resolution**2, 2)``, row by row in y."""
        xs, ys = self.axes
        gx, gy = np.meshgrid(xs, ys)
        grid = np.column_stack([gx.ravel(), gy.ravel()])
        grid.flags.writeable = False
        return grid

    def clip(self, z: FloatArray) -> FloatArray:
        """Points moved into the rectangle."""
        lows = np.array([self.x[0], self.y[0]])
        highs = np.array([self.x[1], self.y[1]])
        return np.clip(z, lows, highs)


Space = Line | Plane
