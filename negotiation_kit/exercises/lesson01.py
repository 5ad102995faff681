"""Lesson 01 tasks: one issue, two unitary nations (exercises/01_one_issue.ipynb).

The exercise's story: Atlantica's reservation point is 0.35 and Borealia's 0.75; each gains one
unit per unit of the terms. Every checker computes what it expects from :func:`scenario`.

>>> talks = scenario()
>>> talks.zone().intervals, talks.outcome().agreement
([(0.35, 0.75)], 0.55)
"""

from __future__ import annotations

import random

import negotiation_kit as nk

from ._answers import callable_, close, interval, number
from ._core import explain, first_interval, predict, refuse_kit, task
from ._variants import vary

A_RESERVATION, B_RESERVATION = 0.35, 0.75
"""The exercise's reservation points (Atlantica, Borealia)."""
BETTER_ALTERNATIVE = 0.5
"""Atlantica's reservation point once it has found another partner (task 01.3)."""
TREND = ("rises", "falls", "stays")
DEFAULTS = {"a": A_RESERVATION, "b": B_RESERVATION, "alternative": BETTER_ALTERNATIVE}


def draw(rng: random.Random) -> dict[str, float]:
    """A student's numbers: reservations on a 0.05 grid, a better alternative inside the zone.

    Every task keeps its sense (a zone, an alternative that moves the agreement) and no compute
    answer is the default's; the explorer's numbers (the alternative, its agreement) are never
    an answer.
    """
    while True:
        a = rng.choice([0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45])
        b = rng.choice([0.6, 0.65, 0.7, 0.75, 0.8, 0.85])
        alternative = round(a + rng.choice([0.1, 0.15, 0.2]), 2)
        middle = round((a + b) / 2, 3)
        if (a, b) == (A_RESERVATION, B_RESERVATION) or middle == 0.55 or alternative >= b - 0.05:
            continue
        if middle in (alternative, round((alternative + b) / 2, 3)):
            continue
        return {"a": a, "b": b, "alternative": alternative}


numbers = vary("01", DEFAULTS, draw, {"a": "0.35", "b": "0.75", "alternative": "0.5"})


def scenario(
    a_reservation: float | None = None,
    b_reservation: float | None = None,
    solution: str = "nash",
) -> nk.Negotiation:
    """Two unitary nations on one issue: Atlantica gains ``x - a``, Borealia ``b - x``.

    The reservation points default to the student's numbers (:data:`DEFAULTS` unless a variant
    is being checked).
    """
    n = numbers()
    a_reservation = n["a"] if a_reservation is None else a_reservation
    b_reservation = n["b"] if b_reservation is None else b_reservation
    atlantica = nk.Nation("Atlantica", (nk.Faction("Atlantica", nk.Linear(1, a_reservation)),))
    borealia = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, b_reservation)),))
    return nk.Negotiation(atlantica, borealia, nk.Line(), solution=solution)


def trend(before: float, after: float) -> str:
    """ "rises", "falls" or "stays": how a quantity moved (to 1e-9)."""
    if after > before + 1e-9:
        return "rises"
    return "falls" if after < before - 1e-9 else "stays"


@task("01.1", "The zone of agreement")
def zone(answer: object) -> str:
    low, high = interval(answer, "the zone")
    expected_low, expected_high = scenario().zone().intervals[0]
    close(low, expected_low, "the low end of the zone (Atlantica's side)", decimals=2)
    close(high, expected_high, "the high end of the zone (Borealia's side)", decimals=2)
    return "both nations accept every agreement in there."


@task("01.2", "The Nash agreement")
def nash_agreement(answer: object) -> str:
    agreement = scenario().outcome().agreement
    assert agreement is not None
    close(number(answer, "the agreement"), float(agreement), "the agreement", decimals=2)
    return "the Nash product of the two gains is largest there."


def _better_alternative() -> str:
    before = scenario().outcome().agreement
    after = scenario(a_reservation=numbers()["alternative"]).outcome().agreement
    assert before is not None and after is not None
    return trend(float(before), float(after))


predict(
    "01.3",
    "Predict: a better alternative for Atlantica",
    TREND,
    _better_alternative,
    "not this time: where does the low edge of the zone go, and the middle of the zone with "
    "it? Move Atlantica's reservation in the explorer and watch the star.",
    "a better alternative at home is bargaining power.",
)


explain(
    "01.4",
    "Explain: why a better alternative moves the agreement",
    {
        "the reservation point or the alternative (BATNA)": [
            "reservation", "batna", "alternative", "fallback", "walk away",
        ],
        "the zone of agreement": ["zone", "zopa", "overlap", "range of agreement"],
        "where the agreement ends up (the middle of the zone, the Nash product)": [
            "middle", "midpoint", "halfway", "nash", "split", "product",
        ],
    },
)  # fmt: skip


ZONE_INPUTS = [[0.1, 0.6], [0.0, 1.0], [0.3, 0.32], [0.7, 0.4], [0.9, 0.2]]
"""Reservation points the student's zone function is tried on (after the story's own pair):
zones first, then none."""


def zone_inputs() -> list[list[float]]:
    """The story's reservation points, then :data:`ZONE_INPUTS`."""
    n = numbers()
    return [[n["a"], n["b"]], *ZONE_INPUTS]


@task("01.5", "Build: a zone-of-agreement function", "build", probes=zone_inputs)
def zone_function(answer: object) -> str:
    zone_of_agreement = callable_(answer, "zone_of_agreement")
    refuse_kit(answer, ["zone", "win_set", "outcome"], "the zone")
    inputs = zone_inputs()
    for a, b in inputs:
        found = zone_of_agreement(a, b)
        pieces = scenario(a, b).zone().intervals
        first_interval(
            found,
            pieces,
            f"zone_of_agreement({a}, {b})",
            none="which terms would both nations accept?",
            some="both nations accept some terms there.",
            wrong="which terms would both nations accept?",
        )
    return f"it agrees with the kit on {len(inputs)} pairs of reservation points."
