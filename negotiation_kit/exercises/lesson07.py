"""Lesson 7 tasks: internal side-payments, in the spirit of Mayer (1992).

The scenario is a new Atlantica in the manner of the kit's worked example E3 (too hawkish
for Borealia): its exporters (the dove, ``0.6 (x + 0.4)``) and steelworkers (the hawk,
``0.4 (x - 0.85)``) ratify by unanimity, so ``W_A(x) = x - 0.1``, and the exporters may pay
the steelworkers; one unit paid delivers ``efficiency`` units. Borealia is unitary and
accepts ``x <= 0.8``. Those are the default numbers; each student draws their own
reservation points (:func:`draw`). Every expected value is computed here through the kit.

>>> round(scenario(efficiency=1.0).outcome().agreement, 12)
0.45
"""

from __future__ import annotations

import math
import random

import numpy as np

from .. import model as nk
from ..model import thresholds
from ._answers import Wrong, agrees, callable_, close, intervals, number
from ._core import compare_at, explain, predict, refuse_kit, task
from ._variants import vary

DOVE, HAWK = "exporters (dove)", "steelworkers (hawk)"
LEAKY = 0.5
"""The efficiency of the leaky payments of tasks 07.3, 07.4 and 07.6: half is lost."""
TERMS = 0.5
"""The deal of task 07.1: what a unitary Atlantica would settle for."""
DEFAULTS = {"dove": -0.4, "hawk": 0.85, "borealia": 0.8, "dove gap": 0.4, "break-even": 0.1}
"""The reservation points a student's variant changes, and what the prompt derives from them:
the dove's ``x + 0.4`` and a unitary Atlantica's break-even point (``0.6 dove + 0.4 hawk``)."""


def draw(rng: random.Random) -> dict[str, float]:
    """A student's reservation points, on a 0.05 grid.

    The story holds: the hawk asks more than Borealia accepts (no zone without payments), a
    unitary Atlantica would settle for the middle of the issue, leaky payments (0.5) still
    open the zone and make the agreement rise; every compute answer differs from the default's
    (the compensation at 0.5, the leaky win-set, the least efficiency).
    """
    while True:
        dove = rng.choice([-0.5, -0.45, -0.4, -0.35, -0.3, -0.25, -0.2])
        hawk = rng.choice([0.8, 0.9, 0.95])
        b = rng.choice([0.7, 0.75, 0.8])
        drawn = {"dove": dove, "hawk": hawk, "borealia": b, "dove gap": round(-dove, 2),
                 "break-even": round(0.6 * dove + 0.4 * hawk, 4)}  # fmt: skip
        if hawk < b + 0.05 or not 0.0 < drawn["break-even"] < b - 0.2:
            continue
        talks = scenario(LEAKY, given=drawn)
        ((low, _),) = talks.a.win_set(talks.space).intervals
        least = least_efficiency(drawn)
        if abs(low - 0.3143) < 0.002 or abs(least - 0.0278) < 0.002 or least > 0.4:
            continue
        efficient = scenario(1.0, given=drawn).outcome().agreement
        leaky = talks.outcome().agreement
        if efficient is None or leaky is None or leaky < efficient + 0.01:
            continue
        return drawn


numbers = vary(
    "07",
    DEFAULTS,
    draw,
    {
        "dove": ["reservation=<<-0.4>>)"],
        "dove gap": ["(x + <<0.4>>)"],
        "hawk": [
            "(x - <<0.85>>)", "below $<<0.85>>$,", "reservation=<<0.85>>)", "terms below <<0.85>>",
        ],
        "borealia": [
            "up to $<<0.8>>$:", "W_B(x) = <<0.8>> - x", "reservation=<<0.8>>)",
            "compensation(<<0.8>>)", "gains(<<0.8>>)[0]",
        ],
        "break-even": ["= x - <<0.1>>.$$"],
    },
)  # fmt: skip


def atlantica(
    efficiency: float = 0.0, budget: float = math.inf, given: dict[str, float] | None = None
) -> nk.Nation:
    """Atlantica with side-payments of this ``efficiency`` (0: none possible) and budget, with
    the student's reservation points (or those ``given``).

    >>> atlantica().win_set(nk.Line()).intervals
    [(0.85, 1.0)]
    """
    n = numbers() if given is None else given
    factions = (
        nk.Faction(DOVE, nk.Linear(stake=0.6, reservation=n["dove"])),
        nk.Faction(HAWK, nk.Linear(stake=0.4, reservation=n["hawk"])),
    )
    payments = nk.SidePayments(efficiency=efficiency, budget=budget)
    return nk.Nation("Atlantica", factions, rule=nk.Unanimity(), side_payments=payments)


def scenario(
    efficiency: float = 0.0, budget: float = math.inf, given: dict[str, float] | None = None
) -> nk.Negotiation:
    """Atlantica (``atlantica``) and a unitary Borealia accepting ``x <= 0.8`` (the student's
    point, or the one ``given``), one issue."""
    n = numbers() if given is None else given
    borealia = nk.Nation(
        "Borealia", (nk.Faction("Borealia", nk.Linear(stake=-1, reservation=n["borealia"])),)
    )
    return nk.Negotiation(atlantica(efficiency, budget, n), borealia, nk.Line())


def least_efficiency(given: dict[str, float] | None = None) -> float:
    """The least efficiency at which the zone of agreement opens (the model's threshold).

    >>> round(least_efficiency(), 4)
    0.0278
    """
    talks = scenario(1.0, given=given)
    least = thresholds.least_efficiency(talks.a, talks.b.win_set(talks.space).intervals)
    assert least is not None
    return least


@task("07.1", "Minimum compensation")
def _compensation(answer: object) -> str:
    value = number(answer, "the minimum compensation")
    if value < 0:
        raise Wrong(
            "the minimum compensation is an amount the losers must receive: it is never "
            "negative. Which faction loses at x = 0.5, and by how much?"
        )
    close(value, float(atlantica().compensation(TERMS)), "the minimum compensation", 2)
    return "that is exactly the steelworkers' loss at x = 0.5."


TEST_TERMS = np.linspace(0.0, 1.0, 21)


def probe_terms() -> list[float]:
    """Task 07.2's terms: 0.01 either side of the student's hawk and Borealia points, then
    :data:`TEST_TERMS`."""
    n = numbers()
    near = [round(n[name] + d, 2) for name in ("hawk", "borealia") for d in (-0.01, 0.01)]
    return [x for x in near if 0 <= x <= 1] + [float(x) for x in TEST_TERMS]


@task(
    "07.2",
    "Minimum compensation, by hand",
    "build",
    probes=lambda: [[x] for x in probe_terms()],
)
def _by_hand(answer: object) -> str:
    compensation = callable_(answer, "your function compensation(x)")
    refuse_kit(answer, ["compensation"], "the minimum compensation")
    terms = probe_terms()
    kit = dict(zip(terms, atlantica().compensation(np.array(terms)), strict=True))

    def wrong(x: float, value: float, expected: float) -> str:
        if value < -1e-9:  # the kit's D* is never below 0, so this is a disagreement too
            return (
                f"at x = {x:g} your function gives a negative amount: a faction that gains "
                "needs no payment (its deficit is max(0, -g), never below 0)."
            )
        hint = (
            "have you paid a faction that gains?"
            if value > expected
            else "is a faction that loses left unpaid?"
        )
        way = "more" if value > expected else "less"
        return f"at x = {x:g} your function gives {way} than the kit: {hint}"

    compare_at(
        terms,
        lambda x: number(compensation(float(x)), f"compensation({x:g})"),
        lambda x: float(kit[x]),
        agrees,
        wrong,
    )
    return "D*(x) is the sum of the losers' deficits, max(0, -g) for each faction."


@task("07.3", "The win-set with leaky payments")
def _win_set(answer: object) -> str:
    given = intervals(answer, "Atlantica's win-set")
    expected = atlantica(LEAKY).win_set(nk.Line()).intervals
    if len(given) != len(expected):
        raise Wrong(
            f"Atlantica's win-set here is {_count(len(expected))}; you gave {_count(len(given))}."
        )
    for (low, high), (lo, hi) in zip(given, expected, strict=True):
        close(low, lo, "the low end of the win-set", decimals=3)
        close(high, hi, "the high end of the win-set", decimals=3)
    return "payments that lose half on the way still open most of the issue."


def _count(n: int) -> str:
    return {0: "empty ([])", 1: "one interval"}.get(n, f"{n} intervals")


def _leaky() -> str:
    efficient = scenario(1.0).outcome().agreement
    leaky = scenario(LEAKY).outcome().agreement
    assert efficient is not None and leaky is not None
    return (
        "stays" if abs(leaky - efficient) <= 1e-6 else ("rises" if leaky > efficient else "falls")
    )


predict(
    "07.4",
    "Predict: leaky payments and the agreement",
    ("rises", "falls", "stays"),
    _leaky,
    "not quite: in the explorer, choose the preset 'E5: efficient payments rescue the deal "
    "(E3)', then drag efficiency to 0.5 and watch the dashed outcome line.",
    "the deadweight makes every payment dearer, so Atlantica's negotiator asks for more.",
)


@task("07.5", "The efficiency threshold")
def _threshold(answer: object) -> str:
    value = number(answer, "the least efficiency")
    if value > 1 or value < 0:
        raise Wrong("an efficiency is a share of each payment that arrives: between 0 and 1.")
    close(value, least_efficiency(), "the least efficiency", decimals=3)
    return "below it, even Borealia's best offer costs more to ratify than the exporters gain."


explain(
    "07.6",
    "Why leaky payments harden the negotiator",
    {
        "the part of each payment that is lost (the deadweight)": [
            "deadweight", "lost", "leak", "waste", "half",
        ],
        "the compensation the steelworkers must receive": [
            "compensat", "pay", "steelworker", "hawk", "loser",
        ],
        "how the needed payment shrinks as the terms move toward Atlantica": [
            "smaller", "shrink", "less", "fall", "decreas", "lower", "closer",
        ],
        "Atlantica's net welfare N (what its negotiator serves)": [
            "net welfare", "net national", "net", "n(x)",
        ],
    },
)  # fmt: skip
