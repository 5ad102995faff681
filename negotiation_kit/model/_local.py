"""Batched polynomials in a local variable: arrays of shape (..., size), coefficients low to high.

Each row is a polynomial in ``t = x - anchor`` around its own anchor point. Working around
the anchor instead of around 0 keeps the coefficients of a narrow piece well conditioned.
``size`` caps the number of coefficients kept: 1 evaluates at the anchor only.
"""

from __future__ import annotations

import numpy as np

from ._checks import FloatArray


def constant(values: FloatArray | float, shape: tuple[int, ...], size: int) -> FloatArray:
    """The constant ``values`` as polynomials of ``size`` coefficients."""
    out = np.zeros((*shape, size))
    out[..., 0] = values
    return out


def line(value: FloatArray, slope: FloatArray | float, size: int) -> FloatArray:
    """``value + slope * t`` (``value`` of any shape)."""
    out = np.zeros((*np.shape(value), size))
    out[..., 0] = value
    if size > 1:
        out[..., 1] = slope
    return out


def multiply(p: FloatArray, q: FloatArray, size: int) -> FloatArray:
    """``p * q``, keeping at most ``size`` coefficients (broadcast over the leading axes)."""
    shape = np.broadcast_shapes(p.shape[:-1], q.shape[:-1])
    out = np.zeros((*shape, size))
    for i in range(min(p.shape[-1], size)):
        width = min(q.shape[-1], size - i)
        out[..., i : i + width] += p[..., i : i + 1] * q[..., :width]
    return out


def power(p: FloatArray, exponent: int, size: int) -> FloatArray:
    """``p ** exponent`` for a whole ``exponent >= 0``."""
    out = constant(1.0, p.shape[:-1], size)
    for _ in range(exponent):
        out = multiply(out, p, size)
    return out


def resize(p: FloatArray, size: int) -> FloatArray:
    """``p`` with exactly ``size`` coefficients (dropping or adding high ones)."""
    if p.shape[-1] >= size:
        return p[..., :size]
    pad = [(0, 0)] * (p.ndim - 1) + [(0, size - p.shape[-1])]
    return np.pad(p, pad)


def shifted(coefficients: tuple[float, ...], anchors: FloatArray, size: int) -> FloatArray:
    """A global polynomial ``sum c_k x**k`` (degree <= 2) rewritten in ``t = x - anchor``."""
    c = (*coefficients, 0.0, 0.0)[:3]
    out = np.zeros((anchors.size, size))
    out[:, 0] = c[0] + anchors * (c[1] + c[2] * anchors)
    if size > 1:
        out[:, 1] = c[1] + 2 * c[2] * anchors
    if size > 2:
        out[:, 2] = c[2]
    return out
