"""Tiny polynomial helpers for one-issue geometry (degree <= 4, coefficients low to high).

Plain Python floats on purpose: a slider move solves a few dozen of these, and numpy's
per-call overhead would dominate such small problems.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

Poly = tuple[float, ...]

ZERO: Poly = (0.0, 0.0, 0.0)


def _pad(p: Poly) -> Poly:
    return p if len(p) >= 3 else (*p, *(0.0,) * (3 - len(p)))


def add(p: Poly, q: Poly) -> Poly:
    """``p + q`` (quadratics: the only kind that is ever added)."""
    p, q = _pad(p), _pad(q)
    return (p[0] + q[0], p[1] + q[1], p[2] + q[2])


def scale(p: Poly, factor: float) -> Poly:
    """``factor * p``."""
    return tuple(factor * c for c in p)


def sub(p: Poly, q: Poly) -> Poly:
    """``p - q``."""
    p, q = _pad(p), _pad(q)
    return (p[0] - q[0], p[1] - q[1], p[2] - q[2])


def total(polys: Iterable[Poly]) -> Poly:
    """The sum of any number of quadratics (``ZERO`` for none)."""
    c0 = c1 = c2 = 0.0
    for p in polys:
        c0, c1, c2 = c0 + p[0], c1 + p[1], c2 + p[2]
    return (c0, c1, c2)


def multiply(p: Poly, q: Poly) -> Poly:
    """``p * q``."""
    out = [0.0] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            out[i + j] += a * b
    return tuple(out)


def derivative(p: Poly) -> Poly:
    """``p'``."""
    return tuple(k * p[k] for k in range(1, len(p))) or (0.0,)


def _degree(p: Sequence[float]) -> int:
    size = max((abs(c) for c in p), default=0.0)
    for k in range(len(p) - 1, -1, -1):
        if abs(p[k]) > 1e-13 * size:
            return k
    return -1


def roots(p: Poly) -> list[float]:
    """The real roots of ``p`` (none for a constant, even the zero polynomial)."""
    degree = _degree(p)
    if degree <= 0:
        return []
    if degree == 1:
        return [-p[0] / p[1]]
    if degree == 2:
        c0, c1, c2 = p[0], p[1], p[2]
        disc = c1 * c1 - 4 * c2 * c0
        if abs(disc) <= 1e-13 * (c1 * c1 + abs(4 * c2 * c0)):
            return [-c1 / (2 * c2)]  # a double root, however rounding split or lost it
        if disc < 0:
            return []
        q = -0.5 * (c1 + math.copysign(math.sqrt(disc), c1))
        return [q / c2, c0 / q] if q != 0 else [0.0]
    found = np.roots(np.asarray(p[: degree + 1])[::-1])
    scale_ = max(1.0, float(np.max(np.abs(found)))) if found.size else 1.0
    return [float(r.real) for r in found if abs(r.imag) <= 1e-9 * scale_]


def roots_between(p: Poly, low: float, high: float) -> list[float]:
    """The real roots of ``p`` strictly between ``low`` and ``high``."""
    return [r for r in roots(p) if low < r < high]


def evaluate(p: Poly, x: float) -> float:
    """``p(x)`` by Horner's rule."""
    result = 0.0
    for c in reversed(p):
        result = result * x + c
    return result
