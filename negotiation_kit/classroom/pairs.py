"""Each pair's own numbers: private numbers moved a little, so pairs cannot copy each other.

``vary(scenario, amount, rng)`` moves every *private* number of each nation (see
``nk.Privacy``): a position on the issues (``reservation``, ``ideal``, ``status_quo``, and
``threshold``, which is a position times the weights) moves by up to ``amount`` times the
width of the issue; a size (``stake``, ``weights``, ``weight``, ``salience``, and the
side-payments' ``efficiency`` and ``budget`` when ``side_payments`` is private) by up to
``amount`` of itself. Public numbers never move: both sides must read the same ones. Moved
numbers are rounded to about three significant digits of the issue's scale, so cards print
them exactly.

The instructor keeps the numbers of each pair as a scenario file
(``instructor/pair-01.toml``); the debrief reads them back.

Examples
--------
>>> import numpy as np
>>> import negotiation_kit as nk
>>> base = nk.load_scenario("scenarios/e2_tied_hands.toml")
>>> pair = vary(base, 0.05, np.random.default_rng(1))
>>> [f.gain.stake for f in pair.negotiation.a.factions]  # public: unchanged
[0.5, 0.5]
>>> [f.gain.reservation for f in pair.negotiation.a.factions]  # private: moved a little
[-0.199, 0.645]
"""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path
from typing import Any

import numpy as np

import negotiation_kit as nk

MAX_VARY = 0.5
PAIR_FILE = re.compile(r"^pair-(\d+)\.toml$")


def number(x: float) -> str:
    """A number as cards and reports print it: at most 4 significant digits, no noise.

    >>> number(0.30000000000000004), number(-0.2), number(61.66666), number(-1e-17)
    ('0.3', '-0.2', '61.67', '0')
    """
    value = round(float(x), 9) + 0.0  # no -0
    if math.isinf(value):
        return "no limit"
    text = f"{value:.4g}"
    if "e" in text:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text


def slug(name: str) -> str:
    """A file-name-safe form of a nation's name: ``"New Atlantica"`` -> ``"new-atlantica"``."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text or "nation"


def _rounded(value: float, scale: float) -> float:
    """``value`` rounded to about three significant digits of ``scale``."""
    digits = max(0, 3 - math.floor(math.log10(scale))) if scale > 0 else 3
    return round(value, digits) + 0.0


def vary(scenario: nk.Scenario, amount: float, rng: np.random.Generator) -> nk.Scenario:
    """A copy of ``scenario`` whose private numbers moved by up to ``amount`` (see above)."""
    if not 0 <= amount <= MAX_VARY:
        raise ValueError(f"vary must be a number from 0 to {MAX_VARY}, got {amount:g}")
    talks = scenario.negotiation
    space = talks.space
    widths = (
        (space.high - space.low,)
        if isinstance(space, nk.Line)
        else (space.x[1] - space.x[0], space.y[1] - space.y[0])
    )

    def size(value: float) -> float:
        return _rounded(value * (1 + amount * rng.uniform(-1, 1)), abs(value))

    def position(value: float, width: float) -> float:
        return _rounded(value + amount * width * rng.uniform(-1, 1), width)

    def point(value: Any) -> Any:
        if isinstance(value, nk.Uniform):  # an uncertain reservation: its range moves whole
            width = widths[0]
            shift = amount * width * rng.uniform(-1, 1)
            return nk.Uniform(
                _rounded(value.low + shift, width), _rounded(value.high + shift, width)
            )
        if isinstance(value, tuple):
            return tuple(position(v, w) for v, w in zip(value, widths, strict=True))
        return position(value, widths[0])

    def faction(f: nk.Faction, secrets: nk.Privacy) -> nk.Faction:
        fields = ("stake", "reservation", "weights", "threshold", "ideal", "status_quo")
        hidden = [name for name in (*fields, "salience") if secrets.hides(f.name, name)]
        changes: dict[str, Any] = {}
        gain = f.gain
        for name in hidden:
            if not hasattr(gain, name):
                continue
            value = getattr(gain, name)
            if name in ("stake", "salience"):
                changes[name] = size(value)
            elif name == "weights":
                changes[name] = tuple(size(w) if w else 0.0 for w in value)
            elif name == "threshold":
                assert isinstance(gain, nk.Additive)
                scale = sum(abs(w) * width for w, width in zip(gain.weights, widths, strict=False))
                changes[name] = _rounded(value + amount * scale * rng.uniform(-1, 1), scale)
            else:
                changes[name] = point(value)
        weight = size(f.weight) if secrets.hides(f.name, "weight") and f.weight else f.weight
        return nk.Faction(f.name, dataclasses.replace(gain, **changes), weight)

    def nation(n: nk.Nation, secrets: nk.Privacy) -> nk.Nation:
        payments = n.side_payments
        if payments is not None and secrets.hides(None, "side_payments"):
            efficiency = min(1.0, size(payments.efficiency)) if payments.efficiency else 0.0
            budget = payments.budget
            if math.isfinite(budget) and budget > 0:
                budget = size(budget)
            payments = dataclasses.replace(payments, efficiency=efficiency, budget=budget)
        factions = [faction(f, secrets) for f in n.factions]
        return dataclasses.replace(n, factions=tuple(factions), side_payments=payments)

    a, b = (nation(n, s) for n, s in zip(scenario.nations, scenario.private, strict=True))
    return dataclasses.replace(scenario, negotiation=dataclasses.replace(talks, a=a, b=b))


def pair_files(folder: Path) -> dict[int, Path]:
    """The instructor's pair files in ``folder/instructor``, by pair number."""
    found = {}
    for path in sorted((folder / "instructor").glob("pair-*.toml")):
        match = PAIR_FILE.match(path.name)
        if match:
            found[int(match.group(1))] = path
    return found
