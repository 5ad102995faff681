"""Validation helpers: every bad input gets a sentence a student can act on.

Each message names the parameter, shows the value it got and says what is allowed, e.g.
``efficiency must be a number between 0 and 1, got 1.5``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from . import _numbers
from ._numbers import LIMIT, is_real, show, to_float
from .uncertainty import refuse

FloatArray = NDArray[np.float64]


MAX_ENTRIES = 100
"""The most entries a list of numbers (weights, coordinates) may have."""


def number(name: str, value: Any, allowed: str = "a finite number") -> float:
    """Return ``value`` as a float, or raise naming ``name`` and what is allowed.

    Numbers must be finite and at most ``LIMIT`` (1e9) in size; an ``nk.Uniform`` is refused
    with a sentence saying where it may stand.
    """
    refuse(name, value)
    return _numbers.number(name, value, allowed)


def budget(name: str, value: Any) -> float:
    """A non-negative number, where ``math.inf`` (no cap) is allowed."""
    allowed = "a non-negative number or math.inf"
    if not is_real(value):
        raise TypeError(f"{name} must be {allowed}, got {show(value)} ({type(value).__name__})")
    result = to_float(name, value, allowed)
    if math.isnan(result) or result < 0 or LIMIT < result < math.inf:
        raise ValueError(f"{name} must be {allowed} (at most 1e9 if finite), got {show(value)}")
    return result


def number_in(name: str, value: Any, low: float, high: float, *, open_low: bool = False) -> float:
    """A finite number in ``[low, high]`` (or ``(low, high]`` with ``open_low``)."""
    bracket = "(" if open_low else "["
    allowed = f"a number in {bracket}{low:g}, {high:g}]"
    result = number(name, value, allowed)
    if result < low or result > high or (open_low and result == low):
        raise ValueError(f"{name} must be {allowed}, got {show(value)}")
    return result


def vector(
    name: str, value: Any, length: int | None = None, what: str = "a sequence of numbers"
) -> tuple[float, ...]:
    """A sequence of finite numbers (of ``length`` entries when given), as a tuple of floats."""
    refuse(name, value)
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray):
        what = f"{length} numbers" if length else what
        raise TypeError(f"{name} must be {what}, got {show(value)} ({type(value).__name__})")
    if len(value) > MAX_ENTRIES:
        raise ValueError(f"{name} must have at most {MAX_ENTRIES} entries, got {len(value)}")
    items = (
        list(np.ravel(np.asarray(value, dtype=object))) if isinstance(value, np.ndarray) else value
    )
    result = tuple(number(f"{name}[{k}]", item) for k, item in enumerate(items))
    if length is not None and len(result) != length:
        raise ValueError(f"{name} must have {length} entries, got {len(result)}: {show(value)}")
    if not result:
        raise ValueError(f"{name} must have at least one entry, got {show(value)}")
    return result


def name(param: str, value: Any) -> str:
    """A non-empty string such as a faction's or a nation's name."""
    if not isinstance(value, str):
        raise TypeError(f"{param} must be a string, got {show(value)} ({type(value).__name__})")
    if not value.strip():
        raise ValueError(f"{param} must be a non-empty string, got {show(value)}")
    return value


def names(param: str, value: Any) -> tuple[str, ...]:
    """A tuple (or list) of non-empty strings, such as veto holders or payers."""
    if not isinstance(value, tuple | list):
        raise TypeError(
            f"{param} must be a tuple of faction names, got {show(value)} ({type(value).__name__})"
        )
    return tuple(name(f"{param}[{k}]", item) for k, item in enumerate(value))


def instance(param: str, value: Any, kinds: type | tuple[type, ...], allowed: str) -> Any:
    """``value`` if it is one of ``kinds``, else a TypeError saying what is allowed."""
    if isinstance(value, type) and issubclass(value, kinds):
        raise TypeError(
            f"{param} must be {allowed}, got the class {value.__name__} itself: "
            f"did you mean nk.{value.__name__}(...) with brackets?"
        )
    if not isinstance(value, kinds):
        raise TypeError(f"{param} must be {allowed}, got {show(value)} ({type(value).__name__})")
    return value


def points(value: Any, dimension: int) -> tuple[FloatArray, bool]:
    """Points as an array (``(n,)`` on one issue, ``(n, d)`` on several) and whether one was given.

    One issue accepts a number or a 1-D array; several issues accept one point ``(d,)`` or an
    array of shape ``(n, d)``. NaN and infinite coordinates are refused.
    """

    def refused() -> TypeError:
        return TypeError(f"z must be numbers, got {show(value)} ({type(value).__name__})")

    try:
        raw = np.asarray(value)
        if raw.dtype.kind == "O" and all(is_real(v) for v in raw.ravel()):
            raw = raw.astype(np.float64)
    except OverflowError:
        too_large = f"z must be finite numbers of size at most 1e9, got {show(value)}"
        raise ValueError(too_large) from None
    except (TypeError, ValueError):
        raise refused() from None
    if raw.dtype.kind not in "iuf":
        raise refused()
    array = raw.astype(np.float64)
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
    if not np.all(np.isfinite(array)) or np.any(np.abs(array) > LIMIT):
        raise ValueError(f"z must be finite numbers of size at most 1e9, got {show(value)}")
    return array, single
