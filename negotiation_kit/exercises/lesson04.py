"""Lesson 4 exercises: domestic political processes.

The scenario on one issue is Atlantica of worked example E4 (exporters, farmers and
steelworkers, a third of the stake each, reservations -0.15, 0.2 and 0.55) with new
political weights: the exporters' lobby is strong (0.55), the farmers weak (0.15), the
steelworkers in between (0.30). Borealia accepts terms up to 0.8. Task 04.3 uses the rules
explorer's own E4 weights (0.25, 0.35, 0.40); tasks 04.5 and 04.6 the spatial model of
worked example E6. Each student draws their own reservation points and weights for tasks
04.1, 04.2 and 04.4 (:func:`draw`); 04.3, 04.5 and 04.6 follow the lesson's explorers, whose
numbers are the lesson's. Every checker computes what it expects through the kit.

>>> from negotiation_kit.exercises import evaluate
>>> evaluate("04.1", scenario(nk.Quota(2 / 3)).a.win_set(nk.Line())).passed
True
>>> evaluate("04.1", [(0.55, 1.0)]).passed
False
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import operator
import random
from collections.abc import Mapping

import numpy as np

from .. import model as nk
from ..model.gridlock import gridlocked
from ..model.rules import Rule
from ._answers import Wrong, callable_, close, intervals, number
from ._core import compare_at, explain, predict, refuse_kit, task
from ._variants import vary

RESERVATIONS = {"exporters": -0.15, "farmers": 0.2, "steelworkers": 0.55}
WEIGHTS = {"exporters": 0.55, "farmers": 0.15, "steelworkers": 0.30}
E4_WEIGHTS = {"exporters": 0.25, "farmers": 0.35, "steelworkers": 0.40}
"""The rules explorer's weights (worked example E4), for task 04.3."""
B_RESERVATION = 0.8
QUOTA = 2 / 3
NEW_QUOTA = 0.55
"""Task 04.3: the quota's share falls from QUOTA to this."""
TRENDS = ("rises", "falls", "stays the same")
TEST_SHARES = (0.4, 0.5, 0.6, 0.75, 0.9)
"""Task 04.4's quotas (see :func:`probe_shares`)."""
PLANE = nk.Plane(x=(-3, 3), y=(-3, 3))
STATUS_QUO = (0.0, 0.0)
IDEALS = {"industry": (2.0, 0.0), "green party": (0.0, 2.0), "farm lobby": (-1.0, -1.0)}
"""Worked example E6: the status quo lies inside the triangle of the three ideal points."""
NEW_FARM = (1.0, -1.0)
"""Task 04.5: the farm lobby's ideal point moves here."""
GRIDLOCK = ("still gridlocked", "no longer gridlocked")
NAMES = ("exporters", "farmers", "steelworkers")
DEFAULTS = {
    **{f"{name} reservation": RESERVATIONS[name] for name in NAMES},
    **{f"{name} weight": WEIGHTS[name] for name in NAMES},
    "break-even": 0.2,
}
"""The numbers a student's variant changes; the break-even point of a unitary Atlantica (the
mean of the reservations, stakes being equal) is derived: the prompt of 04.2 shows it."""


def draw(rng: random.Random) -> dict[str, float]:
    """A student's reservations and weights, on a 0.05 grid.

    The story holds: the exporters accept every term and hold a majority alone, but less than
    two thirds; the steelworkers stay below Borealia's 0.8; the mean reservation (a unitary
    Atlantica's break-even point) is on the grid, so the prompt shows it plainly. Both compute
    answers differ from the default's (the quota's coalition starts elsewhere; Δ = -mean / 2).
    """
    while True:
        reservations = [
            rng.choice([-0.25, -0.2, -0.15, -0.1, -0.05]),
            rng.choice([0.1, 0.15, 0.2, 0.25, 0.3]),
            rng.choice([0.45, 0.5, 0.55, 0.6, 0.65]),
        ]
        exporters = rng.choice([0.55, 0.6])
        farmers = rng.choice([0.1, 0.15, 0.2, 0.25])
        weights = [exporters, farmers, round(1 - exporters - farmers, 2)]
        mean = round(sum(reservations) / 3, 4)
        if round(mean * 20, 6) != round(mean * 20) or abs(mean - 0.2) < 0.03:
            continue
        numbers = {f"{name} reservation": r for name, r in zip(NAMES, reservations, strict=True)}
        numbers |= {f"{name} weight": w for name, w in zip(NAMES, weights, strict=True)}
        numbers["break-even"] = round(mean, 2)
        quota = scenario(nk.Quota(QUOTA), factions=_factions_of(numbers))
        ((low, _),) = quota.a.win_set(nk.Line()).intervals
        if abs(low - 0.2) > 1e-6:
            return numbers


numbers = vary(
    "04",
    DEFAULTS,
    draw,
    {
        "exporters reservation": [
            "points $<<-0.15>>$", "reservation=<<-0.15>>)", '"exporters": <<-0.15>>,',
        ],
        "farmers reservation": [
            "$<<0.2>>$\nand", "reservation=<<0.2>>)", "terms just above $<<0.2>>$",
            '"farmers": <<0.2>>,',
        ],
        "steelworkers reservation": [
            "and $<<0.55>>$ (they", "reservation=<<0.55>>)", '"steelworkers": <<0.55>>}',
        ],
        "exporters weight": [
            "(weight $<<0.55>>$)", "weight=<<0.55>>)", '"exporters": <<0.55>>,',
            "(weights $<<0.55>>$,",
        ],
        "farmers weight": [
            "weak ($<<0.15>>$)", "weight=<<0.15>>)", '"farmers": <<0.15>>,', ", $<<0.15>>$, $",
        ],
        "steelworkers weight": [
            "hold\n$<<0.30>>$.", "weight=<<0.30>>)", '"steelworkers": <<0.30>>}', "$<<0.30>>$).",
        ],
        "break-even": ["W_A(x) = x - <<0.2>>$"],
    },
)  # fmt: skip


def _factions_of(n: Mapping[str, float]) -> tuple[nk.Faction, ...]:
    return tuple(
        nk.Faction(name, nk.Linear(1 / 3, n[f"{name} reservation"]), n[f"{name} weight"])
        for name in NAMES
    )


def probe_terms() -> tuple[float, ...]:
    """Task 04.4's terms: the ends of the line and 0.02 either side of each reservation point
    (never on one, where rounding could make a right rule look wrong)."""
    n = numbers()
    near = [round(n[f"{name} reservation"] + d, 2) for name in NAMES for d in (-0.02, 0.02)]
    return tuple(sorted({0.0, 1.0, *(x for x in near if 0 <= x <= 1)}))


def probe_shares() -> tuple[float, ...]:
    """Task 04.4's quotas: :data:`TEST_SHARES`, each moved by 0.025 if it equals the weight of
    some coalition of the student's factions (rounding-proof)."""
    n = numbers()
    weights = [n[f"{name} weight"] for name in NAMES]
    sums = {round(sum(c), 6) for k in (1, 2, 3) for c in itertools.combinations(weights, k)}
    return tuple(s + 0.025 if round(s, 6) in sums else s for s in TEST_SHARES)


def scenario(
    rule: Rule | None = None,
    weights: Mapping[str, float] | None = None,
    solution: str = "nash",
    factions: tuple[nk.Faction, ...] | None = None,
) -> nk.Negotiation:
    """Atlantica's three factions under ``rule``, at the table with Borealia.

    ``rule`` defaults to unanimity. With ``weights`` (task 04.3: the explorer's), the factions
    are the lesson's (E4 reservations) with those weights; otherwise they are ``factions``, or
    the student's (:data:`DEFAULTS` unless a variant is being checked).

    Examples
    --------
    >>> scenario(nk.Majority()).a.win_set(nk.Line()).intervals
    [(0.0, 1.0)]
    """
    if weights is not None:
        factions = tuple(
            nk.Faction(name, nk.Linear(1 / 3, reservation), weights[name])
            for name, reservation in RESERVATIONS.items()
        )
    elif factions is None:
        factions = _factions_of(numbers())
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


def _lower_quota() -> str:
    before = scenario(nk.Quota(QUOTA), E4_WEIGHTS).outcome().agreement
    after = scenario(nk.Quota(NEW_QUOTA), E4_WEIGHTS).outcome().agreement
    if before is None or after is None:  # pragma: no cover - both zones are non-empty
        raise AssertionError("task 04.3 expects an agreement before and after")
    gap = after - before
    return "stays the same" if abs(gap) < 1e-6 else "rises" if gap > 0 else "falls"


predict(
    "04.3",
    "Predict: a lower quota",
    TRENDS,
    _lower_quota,
    "not quite. Add up the weight of the factions that accept terms just below the "
    "steelworkers' reservation point, and compare it with the new quota.",
    "right: a lower quota lets a coalition without the steelworkers ratify.",
)


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
    probes=lambda: [[x, share] for share in probe_shares() for x in probe_terms()],
)
def _quota_by_hand(answer: object) -> str:
    student = callable_(answer, "quota_ratifies")
    refuse_kit(answer, ["ratifies", "win_set", "zone"], "the quota rule")
    atlantica = scenario().a
    kits = {share: dataclasses.replace(atlantica, rule=nk.Quota(share)) for share in probe_shares()}

    def wrong(case: tuple[float, float], said: bool, kit: bool) -> str:
        x, share = case
        verdict = "would ratify" if said else "would not ratify"
        return (
            f"your function says Atlantica {verdict} terms x = {x} with a quota of "
            f"{share}, but the kit disagrees: add up the weight of the factions that "
            "accept x and compare it with share times the total weight."
        )

    compare_at(
        [(x, share) for share in probe_shares() for x in probe_terms()],
        lambda case: _verdict(student(*case), *case),
        lambda case: bool(kits[case[1]].ratifies(case[0])),
        operator.eq,
        wrong,
    )
    return "right: your quota agrees with the kit's on every case we tried."


predict(
    "04.5",
    "Predict: the farm lobby moves",
    GRIDLOCK,
    lambda: GRIDLOCK[0 if gridlocked(spatial(NEW_FARM)) else 1],
    "not quite. Draw the three ideal points and the status quo: does the status quo still lie "
    "inside the triangle they make?",
    "right: gridlock depends on where the status quo sits among the veto players.",
)


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
