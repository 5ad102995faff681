"""Lesson 4 exercises: domestic political processes.

The scenario on one issue is Atlantica of worked example E4 (exporters, farmers and
steelworkers, a third of the stake each, reservations -0.15, 0.2 and 0.55) with new
political weights: the exporters' lobby is strong (0.55), the farmers weak (0.15), the
steelworkers in between (0.30). Borealia accepts terms up to 0.8. Task 04.3 uses the rules
explorer's own E4 weights (0.25, 0.35, 0.40); tasks 04.5 and 04.6 the spatial model of
worked example E6. Every checker computes what it expects through the kit.

>>> from negotiation_kit.exercises import evaluate
>>> evaluate("04.1", scenario(nk.Quota(2 / 3)).a.win_set(nk.Line())).passed
True
>>> evaluate("04.1", [(0.55, 1.0)]).passed
False
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping

import numpy as np

from .. import model as nk
from ..model.rules import Rule
from ._core import Wrong, callable_, choice, close, explain, intervals, number, refuse_kit, task

RESERVATIONS = {"exporters": -0.15, "farmers": 0.2, "steelworkers": 0.55}
WEIGHTS = {"exporters": 0.55, "farmers": 0.15, "steelworkers": 0.30}
E4_WEIGHTS = {"exporters": 0.25, "farmers": 0.35, "steelworkers": 0.40}
"""The rules explorer's weights (worked example E4), for task 04.3."""
B_RESERVATION = 0.8
QUOTA = 2 / 3
NEW_QUOTA = 0.55
"""Task 04.3: the quota's share falls from QUOTA to this."""
TRENDS = ("rises", "falls", "stays the same")
TEST_TERMS = (0.0, 0.1, 0.3, 0.7, 1.0)
TEST_SHARES = (0.4, 0.5, 0.6, 0.75, 0.9)
"""Task 04.4: no pair puts the accepting weight exactly on the quota (rounding-proof)."""
PLANE = nk.Plane(x=(-3, 3), y=(-3, 3))
STATUS_QUO = (0.0, 0.0)
IDEALS = {"industry": (2.0, 0.0), "green party": (0.0, 2.0), "farm lobby": (-1.0, -1.0)}
"""Worked example E6: the status quo lies inside the triangle of the three ideal points."""
NEW_FARM = (1.0, -1.0)
"""Task 04.5: the farm lobby's ideal point moves here."""
GRIDLOCK = ("still gridlocked", "no longer gridlocked")


def scenario(
    rule: Rule | None = None,
    weights: Mapping[str, float] = WEIGHTS,
    solution: str = "nash",
) -> nk.Negotiation:
    """Atlantica's three factions (E4 reservations) under ``rule``, at the table with Borealia.

    ``rule`` defaults to unanimity; ``weights`` are the factions' political weights.

    Examples
    --------
    >>> scenario(nk.Majority()).a.win_set(nk.Line()).intervals
    [(0.0, 1.0)]
    """
    factions = tuple(
        nk.Faction(name, nk.Linear(1 / 3, reservation), weights[name])
        for name, reservation in RESERVATIONS.items()
    )
    atlantica = nk.Nation("Atlantica", factions, rule=rule or nk.Unanimity())
    borealia = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, B_RESERVATION)),))
    return nk.Negotiation(atlantica, borealia, nk.Line(), solution=solution)


def spatial(
    farm: tuple[float, float] = IDEALS["farm lobby"], rule: Rule | None = None
) -> nk.Nation:
    """Atlantica of worked example E6 (three discs through the status quo), farm lobby at ``farm``.

    Examples
    --------
    >>> spatial().win_set(PLANE).is_empty
    True
    """
    ideals = {**IDEALS, "farm lobby": farm}
    factions = tuple(
        nk.Faction(name, nk.Spatial(ideal, STATUS_QUO)) for name, ideal in ideals.items()
    )
    return nk.Nation("Atlantica", factions, rule=rule or nk.Unanimity())


def _same(pieces: list[tuple[float, float]], expected: list[tuple[float, float]]) -> bool:
    return len(pieces) == len(expected) and all(
        math.isclose(a, b, abs_tol=0.005 + 1e-9)
        for p, e in zip(pieces, expected, strict=True)
        for a, b in zip(p, e, strict=True)
    )


@task("04.1", "The win-set under a two-thirds quota")
def _quota_win_set(answer: object) -> str:
    pieces = intervals(answer, "the win-set")
    line = nk.Line()
    expected = scenario(nk.Quota(QUOTA)).a.win_set(line).intervals
    if _same(pieces, expected):
        return "right: the exporters and the farmers together hold enough weight."
    if _same(pieces, scenario(nk.Unanimity()).a.win_set(line).intervals):
        raise Wrong(
            "that is the win-set under unanimity; under a quota an agreement passes as soon as "
            "the factions that accept it hold two thirds of the weight."
        )
    if _same(pieces, scenario(nk.Majority()).a.win_set(line).intervals):
        raise Wrong(
            "that is the win-set under simple majority; two thirds of the weight is more than "
            "any one faction holds here."
        )
    if len(pieces) != len(expected):
        raise Wrong(f"the win-set should be {len(expected)} interval(s); you gave {len(pieces)}.")
    for (low, high), (want_low, want_high) in zip(pieces, expected, strict=True):
        close(low, want_low, "the low end of the win-set", decimals=2)
        close(high, want_high, "the high end of the win-set", decimals=2)
    raise Wrong("not right yet: check each interval again.")  # pragma: no cover


@task("04.2", "A dominant faction and split-the-difference")
def _majority_split(answer: object) -> str:
    value = number(answer, "Δ")
    talks = scenario(nk.Majority(), solution="split")
    expected = talks.desirability("Atlantica")
    if math.isclose(value, expected, abs_tol=0.005 + 1e-9):
        return "right: a majority of doves widens the zone, and split gives part of it away."
    if math.isclose(value, dataclasses.replace(talks, solution="nash").desirability("Atlantica"),
                    abs_tol=1e-3):  # fmt: skip
        raise Wrong("that is Δ under Nash; this task asks for split-the-difference.")
    if math.isclose(value, -expected, abs_tol=1e-3):
        raise Wrong("the sign is the wrong way round: Δ is divided minus unitary.")
    try:
        close(value, expected, "Δ", decimals=2)
    except Wrong as wrong:
        raise Wrong(
            f"{wrong} First find Atlantica's win-set under majority (who holds more than half "
            "of the weight?), then the zone and its midpoint."
        ) from None
    raise AssertionError("unreachable")  # pragma: no cover


@task("04.3", "Predict: a lower quota", "predict")
def _lower_quota(answer: object) -> str:
    said = choice(answer, TRENDS, "your prediction")
    before = scenario(nk.Quota(QUOTA), E4_WEIGHTS).outcome().agreement
    after = scenario(nk.Quota(NEW_QUOTA), E4_WEIGHTS).outcome().agreement
    if before is None or after is None:  # pragma: no cover - both zones are non-empty
        raise AssertionError("task 04.3 expects an agreement before and after")
    gap = after - before
    trend = "stays the same" if abs(gap) < 1e-6 else "rises" if gap > 0 else "falls"
    if said != trend:
        raise Wrong(
            "not quite. Add up the weight of the factions that accept terms just below the "
            "steelworkers' reservation point, and compare it with the new quota."
        )
    return "right: a lower quota lets a coalition without the steelworkers ratify."


def _verdict(result: object, x: float, share: float) -> bool:
    if isinstance(result, bool | np.bool_):
        return bool(result)
    raise Wrong(
        f"quota_ratifies should return True or False; for x = {x}, share = {share} it "
        f"returned {type(result).__name__}."
    )


@task(
    "04.4",
    "Build: a weighted quota by hand",
    "build",
    probes=lambda: [[x, share] for share in TEST_SHARES for x in TEST_TERMS],
)
def _quota_by_hand(answer: object) -> str:
    student = callable_(answer, "quota_ratifies")
    refuse_kit(answer, ["ratifies", "win_set", "zone"], "the quota rule")
    atlantica = scenario().a
    for share in TEST_SHARES:
        kit = dataclasses.replace(atlantica, rule=nk.Quota(share))
        for x in TEST_TERMS:
            said = _verdict(student(x, share), x, share)
            if said != bool(kit.ratifies(x)):
                verdict = "would ratify" if said else "would not ratify"
                raise Wrong(
                    f"your function says Atlantica {verdict} terms x = {x} with a quota of "
                    f"{share}, but the kit disagrees: add up the weight of the factions that "
                    "accept x and compare it with share times the total weight."
                )
    return "right: your quota agrees with the kit's on every case we tried."


@task("04.5", "Predict: the farm lobby moves", "predict")
def _gridlock(answer: object) -> str:
    said = choice(answer, GRIDLOCK, "your prediction")
    stuck = spatial(NEW_FARM).win_set(PLANE).is_empty
    if said != GRIDLOCK[0 if stuck else 1]:
        raise Wrong(
            "not quite. Draw the three ideal points and the status quo: does the status quo "
            "still lie inside the triangle they make?"
        )
    return "right: gridlock depends on where the status quo sits among the veto players."


explain(
    "04.6",
    "Explain: gridlock",
    {
        "the status quo (what stays in place without an agreement)": [
            "status quo", "no agreement", "current policy", "stays in place",
        ],
        "the veto players' ideal points (the triangle they make)": [
            "ideal", "triangle", "hull", "between them", "surround",
        ],
        "why every change hurts some faction, who then vetoes it": [
            "further", "farther", "away from", "hurt", "worse", "lose", "loses",
            "outside its disc", "outside their disc",
        ],
        "why majority rule is different": [
            "majority", "any two", "two of the three", "two factions", "outvote",
        ],
    },
)  # fmt: skip
