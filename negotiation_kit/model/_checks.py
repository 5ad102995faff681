"""Validation helpers: every bad input gets a sentence a student can act on.

Each message names the parameter, shows the value it got and says what is allowed, e.g.
``efficiency must be a number between 0 and 1, got 1.5``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from numbers import Real
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def number(name: str, value: Any, allowed: str = "a finite number") -> float:
    """Return ``value`` as a float, or raise naming ``name`` and what is allowed."""
    if isinstance(value, bool) or not isinstance(value, Real | np.number):
        raise TypeError(f"{name} must be {allowed}, got {_show(value)} ({type(value).__name__})")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{name} must be {allowed}, got {_show(value)}")
    return result


def number_in(name: str, value: Any, low: float, high: float, *, open_low: bool = False) -> float:
    """A finite number in ``[low, high]`` (or ``(low, high]`` with ``open_low``)."""
    bracket = "(" if open_low else "["
    allowed = f"a number in {bracket}{low:g}, {high:g}]"
    result = number(name, value, allowed)
    if result < low or result > high or (open_low and result == low):
        raise ValueError(f"{name} must be {allowed}, got {_show(value)}")
    return result


def vector(name: str, value: Any, length: int | None = None) -> tuple[float, ...]:
    """A sequence of finite numbers (of ``length`` entries when given), as a tuple of floats."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray):
        what = f"{length} numbers" if length else "a sequence of numbers"
        raise TypeError(f"{name} must be {what}, got {_show(value)} ({type(value).__name__})")
    items = (
        list(np.ravel(np.asarray(value, dtype=object))) if isinstance(value, np.ndarray) else value
    )
    result = tuple(number(f"{name}[{k}]", item) for k, item in enumerate(items))
    if length is not None and len(result) != length:
        raise ValueError(f"{name} must have {length} entries, got {len(result)}: {_show(value)}")
    if not result:
        raise ValueError(f"{name} must have at least one entry, got {_show(value)}")
    return result


def name(param: str, value: Any) -> str:
    """A non-empty string such as a faction's or a nation's name."""
    if not isinstance(value, str):
        raise TypeError(f"{param} must be a string, got {_show(value)} ({type(value).__name__})")
    if not value.strip():
        raise ValueError(f"{param} must be a non-empty string, got {_show(value)}")
    return value


def instance(param: str, value: Any, kinds: type | tuple[type, ...], allowed: str) -> Any:
    """``value`` if it is one of ``kinds``, else a TypeError saying what is allowed."""
    if not isinstance(value, kinds):
        raise TypeError(f"{param} must be {allowed}, got {_show(value)} ({type(value).__name__})")
    return value


def points(value: Any, dimension: int) -> tuple[FloatArray, bool]:
    """Points as an array (``(n,)`` on one issue, ``(n, d)`` on several) and whether one was given.

    One issue accepts a number or a 1-D array; several issues accept one point ``(d,)`` or an
    array of shape ``(n, d)``. NaN and infinite coordinates are refused.
    """
    if isinstance(value, (bool, str | bytes)):
        raise TypeError(f"z must be numbers, got {_show(value)} ({type(value).__name__})")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"z must be numbers, got {_show(value)} ({type(value).__name__})") from None
    if dimension == 1:
        single = array.ndim == 0
        if array.ndim > 1:
            raise ValueError(
                f"z must be a number or a 1-D array on one issue, got shape {array.shape}"
            )
        array = np.atleast_1d(array)
    else:
        single = array.ndim == 1
        array = np.atleast_2d(array)
        if array.ndim != 2 or array.shape[1] != dimension:
            raise ValueError(
                f"z must be one point of {dimension} coordinates or an array of shape "
                f"(n, {dimension}), got shape {np.shape(value)}"
            )
    if not np.all(np.isfinite(array)):
        raise ValueError(f"z must be finite numbers, got {_show(value)}")
    return array, single
