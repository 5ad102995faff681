"""Plain numbers: the checks every other check builds on (``uncertainty`` needs them too).

Kept apart from ``_checks`` so that ``_checks`` may refuse an ``nk.Uniform`` where a number
belongs while ``uncertainty`` checks ``nk.Uniform``'s own bounds: imports run one way.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

import numpy as np

LIMIT = 1e9
"""The largest size of any number in a scenario: beyond it sums and squares lose meaning."""


def is_real(value: Any) -> bool:
    """A real number: Python or numpy ints and floats; not bools, complex numbers or times."""
    return isinstance(value, Real | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_ | np.timedelta64
    )


def show(value: Any) -> str:
    """``value`` as a message shows it: its repr, cut to 60 characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def number(name: str, value: Any, allowed: str = "a finite number") -> float:
    """Return ``value`` as a float, or raise naming ``name`` and what is allowed.

    Numbers must be finite and at most ``LIMIT`` (1e9) in size.
    """
    if not is_real(value):
        raise TypeError(f"{name} must be {allowed}, got {show(value)} ({type(value).__name__})")
    result = to_float(name, value, allowed)
    if not math.isfinite(result):
        raise ValueError(f"{name} must be {allowed}, got {show(value)}")
    if abs(result) > LIMIT:
        raise ValueError(f"{name} must be {allowed} of size at most 1e9, got {show(value)}")
    return result


def to_float(name: str, value: Any, allowed: str) -> float:
    """``float(value)``, with a sentence instead of an ``OverflowError``."""
    try:
        return float(value)
    except OverflowError:
        raise ValueError(
            f"{name} must be {allowed} of size at most 1e9, got {show(value)}"
        ) from None
