"""Lesson 6 tasks: several issues, logrolls, and a veto that cuts the logroll off.

The scenario is the one of ``TwoIssueExplorer`` (lesson 6): Atlantica and Borealia bargain
over issue 1 (industry) and issue 2 (agriculture), each coordinate oriented toward
Atlantica. How *integrative* the bargain is sets the weights: at 0 both nations weigh the
issues alike (purely distributive), at 1 Atlantica weighs issue 1 at 0.9 and Borealia
issue 2 at 0.9, so a logroll gains both (Raiffa 1982; Lax & Sebenius 1986). The exercises
take the half-way bargain, 0.5: Atlantica weighs the issues 0.7 and 0.3, Borealia 0.3 and
0.7. Atlantica's farm lobby cares only about issue 2 and, when Atlantica is divided, can
veto any deal with issue 2 below its demand, 0.7. Those are the default numbers; each student
draws their own bargain and demand (:func:`draw`). Every expected value is computed here
through the kit.

>>> talks = scenario()
>>> round(talks.desirability("Atlantica"), 1)
-0.2
"""

from __future__ import annotations

import operator
import random
from typing import Any

import numpy as np

from .. import model as nk
from ._answers import Wrong, callable_, close, number
from ._core import compare_at, explain, predict, refuse_kit, task
from ._variants import vary

RESERVATION = 0.3
"""What each nation needs from a deal: its welfare is its weighted terms minus 0.3."""
DEMAND = 0.7
"""The farm lobby accepts only deals with issue 2 at least this far toward Atlantica."""
INTEGRATIVE = 0.5
"""How integrative the exercises' bargain is (0: distributive, 1: fully integrative)."""
LOGROLL, COMPROMISE = (1.0, 0.0), (0.5, 0.5)
TWO_ISSUES = 0.01
"""Two-issue outcomes come from a grid: welfare within 0.005 each, so a Δ within 0.01."""


def weights(integrative: float) -> tuple[float, float]:
    """Atlantica's weights on issues 1 and 2 (Borealia's are the same, swapped).

    >>> weights(0.0), weights(1.0)
    ((0.5, 0.5), (0.9, 0.1))
    """
    return (round(0.5 + 0.4 * integrative, 12), round(0.5 - 0.4 * integrative, 12))


def _numbers(integrative: float, demand: float) -> dict[str, float]:
    """The numbers the notebook writes: the bargain, the weights, the demand, the thresholds."""
    first, second = weights(integrative)
    return {
        "integrative": integrative, "demand": demand, "first": first, "second": second,
        "industry threshold": round(RESERVATION - second * demand, 4),
        "farm threshold": round(second * demand, 4),
        "explorer demand": round(demand - 0.1, 2),
    }  # fmt: skip


DEFAULTS = _numbers(INTEGRATIVE, DEMAND)


def draw(rng: random.Random) -> dict[str, float]:
    """A student's bargain (how integrative, on the explorer's 0.05 grid) and farm demand.

    The story holds: the bargain is integrative (never 0.5, so the logroll's extra joint gain
    changes), the veto leaves a zone, costs Atlantica clearly more than in the distributive
    bargain (the prediction stays "less"), and Δ differs from the default's by more than the
    grid's 0.01.
    """
    while True:
        integrative = rng.choice([0.25, 0.3, 0.35, 0.4, 0.6, 0.65, 0.7, 0.75])
        demand = rng.choice([0.6, 0.65, 0.7, 0.75, 0.8])
        talks = scenario(integrative, demand=demand)
        if talks.outcome().agreement is None:
            continue
        delta = talks.desirability("Atlantica")
        if abs(delta - (-0.2)) < 0.03:
            continue
        if scenario(0.0, demand=demand).desirability("Atlantica") < delta + 3 * TWO_ISSUES:
            continue
        return _numbers(integrative, demand)


def scenario(
    integrative: float | None = None, divided: bool = True, demand: float | None = None
) -> nk.Negotiation:
    """The exercises' negotiation: the student's bargain, divided unless told otherwise.

    Divided, Atlantica's industry decides and its farm lobby holds a veto
    (``Leader("industry", vetoes=("farm lobby",))``); unitary, Atlantica ratifies by
    national welfare.

    >>> scenario().a.ratifies([(1.0, 0.0), (1.0, 0.8)]).tolist()
    [False, True]
    """
    if integrative is None or demand is None:
        n = numbers()
        integrative = n["integrative"] if integrative is None else integrative
        demand = n["demand"] if demand is None else demand
    first, second = weights(integrative)
    industry = nk.Faction("industry", nk.Additive((first, 0.0), RESERVATION - second * demand))
    farm = nk.Faction("farm lobby", nk.Additive((0.0, second), second * demand))
    rule: Any = nk.NationalWelfare()
    if divided:
        rule = nk.Leader("industry", vetoes=("farm lobby",))
    atlantica = nk.Nation("Atlantica", (industry, farm), rule)
    gain = nk.Additive((-second, -first), RESERVATION - 1.0)
    borealia = nk.Nation("Borealia", (nk.Faction("Borealia", gain),))
    return nk.Negotiation(atlantica, borealia, nk.Plane())


numbers = vary(
    "06",
    DEFAULTS,
    draw,
    {
        "integrative": [
            "the setting <<0.5>> of", "integrative at <<0.5>>,", "integrative=<<0.5>>,",
        ],
        "demand": ["$y$ below $<<0.7>>$:", "$y$ below <<0.7>>."],
        "first": [
            "industry at <<0.7>> and", "W_A(x, y) = <<0.7>>\\,x", "+ <<0.7>>\\,(1 - y)",
            "\\,x - <<0.7>>\\,y.$$", "g_I(x, y) = <<0.7>>\\,x", "weights=(<<0.7>>, 0.0)",
            "-0.3, -<<0.7>>), threshold", "$<<0.7>>\\,x + 0.3\\,y = 0.5$",
            "$0.3\\,x + <<0.7>>\\,y = 0.5$", "gain_industry = <<0.7>> *",
        ],
        "second": [
            "agriculture at <<0.3>>,", "x + <<0.3>>\\,y - 0.3,", "W_B(x, y) = <<0.3>>\\,(1 - x)",
            "0.7 - <<0.3>>\\,x", "g_F(x, y) = <<0.3>>\\,y", "weights=(0.0, <<0.3>>)",
            "weights=(-<<0.3>>, -0.7)", "$0.7\\,x + <<0.3>>\\,y = 0.5$",
            "$<<0.3>>\\,x + 0.7\\,y = 0.5$", "gain_farm_lobby = <<0.3>> *",
        ],
        "industry threshold": ["x - <<0.09>>,", "threshold=<<0.09>>)", "* x - <<0.09>>"],
        "farm threshold": ["y - <<0.21>> \\quad", "threshold=<<0.21>>)", "* y - <<0.21>>"],
        "explorer demand": ["demand lowered to <<0.6>>,", "demand=<<0.6>>)"],
    },
)  # fmt: skip


def joint_gain(point: tuple[float, float], integrative: float | None = None) -> float:
    """Atlantica's plus Borealia's national welfare at one two-issue deal."""
    talks = scenario(integrative, divided=False)
    return float(talks.a.welfare(point)) + float(talks.b.welfare(point))


@task("06.1", "What a logroll creates")
def _logroll(answer: object) -> str:
    value = number(answer, "the extra joint gain")
    at_logroll, at_compromise = joint_gain(LOGROLL), joint_gain(COMPROMISE)
    if abs(value - at_logroll) <= 1e-3 and abs(at_compromise) > 1e-3:
        raise Wrong(
            "that is the joint gain at the logroll itself; subtract the joint gain at the "
            "compromise (0.5, 0.5)."
        )
    if abs(value + at_logroll - at_compromise) <= 1e-3:
        raise Wrong("the sign is reversed: the logroll's joint gain minus the compromise's.")
    close(value, at_logroll - at_compromise, "the extra joint gain", decimals=2)
    return "trading issues creates value that splitting each issue cannot."


def _point(answer: object, what: str) -> tuple[float, float]:
    """Read a deal on two issues: a pair of numbers ``(x, y)`` inside the issue plane."""
    if isinstance(answer, np.ndarray) and answer.size == 2:
        answer = answer.reshape(-1).tolist()
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        kind = f"a {type(answer).__name__}"
        if isinstance(answer, tuple | list):
            kind += f" of length {len(answer)}"
        raise Wrong(f"{what} should be a pair of numbers (x, y), like (0.2, 0.9); got {kind}.")
    x = number(answer[0], f"issue 1 (the first number) of {what}")
    y = number(answer[1], f"issue 2 (the second number) of {what}")
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise Wrong(f"{what} must lie in the issue plane: both numbers between 0 and 1.")
    return x, y


@task("06.2", "Better for both: a Pareto improvement")
def _better(answer: object) -> str:
    x, y = _point(answer, "your deal")
    talks = scenario(divided=False)
    for nation in (talks.a, talks.b):
        gain = float(nation.welfare((x, y))) - float(nation.welfare(COMPROMISE))
        if gain <= 1e-9:
            how = "no better off" if gain > -1e-9 else "worse off"
            raise Wrong(
                f"at ({x:g}, {y:g}) {nation.name} is {how} than at the compromise: which side of "
                f"{nation.name}'s iso-gain line through (0.5, 0.5) is your deal on?"
            )
    return "both gain: the compromise is not on the Pareto frontier."


@task("06.3", "The cost of the farm lobby's veto")
def _delta(answer: object) -> str:
    value = number(answer, "Δ for Atlantica")
    expected = scenario().desirability("Atlantica")
    if value * expected < 0:
        raise Wrong(
            "Δ has the wrong sign: compare Atlantica's net welfare divided with what it gets "
            "as one actor (divided minus unitary)."
        )
    close(value, expected, "Δ for Atlantica", decimals=2, within=TWO_ISSUES)
    return "the veto cuts off the logroll, and Atlantica pays for it."


def _distributive() -> str:
    integrative = scenario().desirability("Atlantica")
    distributive = scenario(0.0).desirability("Atlantica")
    if abs(distributive - integrative) <= TWO_ISSUES:
        return "the same"
    return "less" if distributive > integrative else "more"


predict(
    "06.4",
    "Predict: a distributive bargain",
    ("more", "less", "the same"),
    _distributive,
    lambda: (
        "not quite: set the slider 'how integrative the bargain is' to 0 and compare Δ "
        f"with its value at {numbers()['integrative']:g}. What does a logroll gain when both "
        "nations weigh the issues alike?"
    ),
    "with nothing to trade, the veto takes nothing of value away.",
)


TEST_POINTS = [(x, y) for x in np.linspace(0.0, 1.0, 9) for y in np.linspace(0.05, 0.95, 10)]
"""Deals to test a rule on, none on a faction's line ``g = 0`` (rounding would decide)."""


def probe_points() -> list[tuple[float, float]]:
    """Task 06.5's deals: the four around the corner of the student's win-set (0.02 from each
    faction's line), then the points of :data:`TEST_POINTS` off both lines."""
    n = numbers()
    corner_x, corner_y = n["industry threshold"] / n["first"], n["demand"]
    near = [(round(corner_x + dx, 4), round(corner_y + dy, 2)) for dx in (-0.02, 0.02)
            for dy in (-0.02, 0.02)]  # fmt: skip
    away = [(float(x), float(y)) for x, y in TEST_POINTS
            if abs(x - corner_x) > 1e-3 and abs(y - corner_y) > 1e-3]  # fmt: skip
    return near + away


@task(
    "06.5",
    "Atlantica's ratification rule, by hand",
    "build",
    probes=lambda: [[x, y] for x, y in probe_points()],
)
def _ratifies(answer: object) -> str:
    ratifies = callable_(answer, "your function ratifies(x, y)")
    refuse_kit(answer, ["ratifies", "win_set", "zone"], "the ratification rule")
    points = probe_points()
    kit = dict(zip(points, scenario().a.ratifies(np.array(points)), strict=True))

    def yours(point: tuple[float, float]) -> bool:
        x, y = point
        result = ratifies(float(x), float(y))
        if not isinstance(result, bool | np.bool_):
            raise Wrong(
                f"ratifies({x:g}, {y:g}) returned {type(result).__name__}; it should return "
                "True or False (a comparison such as a >= b gives one)."
            )
        return bool(result)

    def wrong(point: tuple[float, float], said: bool, kits: bool) -> str:
        verdict = "ratifies" if said else "does not ratify"
        return (
            f"your function says Atlantica {verdict} the deal ({point[0]:g}, {point[1]:g}), the "
            "kit says the opposite: which faction's gain decides there, and is its sign right?"
        )

    compare_at(points, yours, lambda point: bool(kit[point]), operator.eq, wrong)
    return "that is the divided Atlantica's rule: the industry decides, the farm lobby vetoes."


explain(
    "06.6",
    "Why division costs most in integrative bargains",
    {
        "the logroll (trading one issue against the other)": [
            "logroll", "trade", "swap", "exchang", "give up", "concession", "link",
        ],
        "the farm lobby's veto on issue 2": ["veto", "block", "farm"],
        "the joint gains (value) that are lost": [
            "joint", "both nations", "both sides", "value", "pareto", "efficien",
            "surplus", "pie",
        ],
        "the distributive case, for comparison": [
            "distributive", "zero-sum", "zero sum", "alike", "same weight", "equal weight",
        ],
    },
)  # fmt: skip
