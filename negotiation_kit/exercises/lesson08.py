"""Lesson 8 tasks: managing domestic differences, in the spirit of Mayer (1992).

The scenario is the one of ``StrategyExplorer`` (lesson 8): Atlantica is the kit's worked
example E2 (exporters ``0.5 (x - 0.4 + hawk)``, steelworkers ``0.5 (x - hawk)`` with a veto,
``hawk`` = 0.6; 0.9 makes it E3) and can pay its steelworkers efficiently (nothing is lost)
up to a ``budget``: 0 forecloses payments, ``math.inf`` leaves them unlimited. Borealia
(``W_B = 0.8 - x``) has E2's factions mirrored, importers and miners: it acts as one, or its
miners can veto, and it may be able to pay its miners or not. Each student draws their own
hard hawk, small budget and too hawkish hawk for tasks 08.1, 08.3 and 08.4 (:func:`draw`);
the predictions follow the explorer's E2. Every expected value is computed here through the
kit.

>>> scenario(budget=0.0).outcome().agreement  # foreclosed: E2's tied hands
0.6
"""

from __future__ import annotations

import functools
import math
import random

from .. import model as nk
from ..model import thresholds
from ._answers import Wrong, agrees, callable_, close, number
from ._core import compare_at, explain, predict, refuse_kit, task
from ._variants import vary

HAWK = "steelworkers (hawk)"
BINDING, HARDER, TOO_HAWKISH = 0.6, 0.7, 0.95
"""The steelworkers' reservation: E2 (the explorer's), the exercises' harder hawk, and one
too hawkish for any deal without payments (task 08.4)."""
SIZED = 0.03
"""The small budget of task 08.1."""
BOREALIA = ("unitary", "divided", "paying")
DEFAULTS = {"harder": HARDER, "sized": SIZED, "too hawkish": TOO_HAWKISH, "exporters gap": 0.3}
"""The numbers a student's variant changes; ``exporters gap`` is the exporters' ``h - 0.4``
for the harder hawk, which task 08.3's prompt shows (``0.5 (x + 0.3)``)."""


def draw(rng: random.Random) -> dict[str, float]:
    """A student's harder hawk, small budget and too hawkish hawk.

    The story holds: the harder hawk binds inside the zone and the budget buys off only part of
    it (the agreement stays above the unitary 0.5, so Δ > 0); the too hawkish one asks more
    than Borealia's 0.8. Both compute answers differ from the default's.
    """
    while True:
        harder = rng.choice([0.65, 0.7, 0.75])
        sized = rng.choice([0.02, 0.025, 0.03, 0.035, 0.04])
        too = rng.choice([0.85, 0.88, 0.9, 0.92, 0.98])
        edge = harder - 2 * sized
        if edge < 0.55 or abs(edge - 0.64) < 0.015:
            continue
        return {"harder": harder, "sized": sized, "too hawkish": too,
                "exporters gap": round(harder - 0.4, 2)}  # fmt: skip


numbers = vary(
    "08",
    DEFAULTS,
    draw,
    {
        "harder": [
            "hard hawk, $h = <<0.7>>$", "is $[<<0.7>>, 0.8]$", "agreement is $<<0.7>>$ instead",
            "0.5\\,(<<0.7>> - x)$", "Below $<<0.7>>$ the", "hawk=<<0.7>>, budget",
            "delta = (<<0.7>> - 2", "max(0.2, <<0.7>> - 2",
        ],
        "sized": ["budget of **<<0.03>>**", "[0.0, <<0.03>>]:", "2 * <<0.03>> - 0.2)"],
        "too hawkish": ["hawkish, $h = <<0.95>>$", "hawk=<<0.95>>, budget"],
        "exporters gap": ["(x + <<0.3>>)$ (the"],
    },
)  # fmt: skip


def atlantica(budget: float, hawk: float = BINDING) -> nk.Nation:
    """Atlantica with efficient side-payments up to ``budget``; ``W_A(x) = x - 0.2`` always.

    >>> atlantica(0.0).win_set(nk.Line()).intervals
    [(0.6, 1.0)]
    """
    factions = (
        nk.Faction("exporters (dove)", nk.Linear(stake=0.5, reservation=0.4 - hawk)),
        nk.Faction(HAWK, nk.Linear(stake=0.5, reservation=hawk)),
    )
    payments = nk.SidePayments(efficiency=1.0, budget=budget)
    return nk.Nation("Atlantica", factions, rule=nk.Unanimity(), side_payments=payments)


def borealia(politics: str = "unitary") -> nk.Nation:
    """Borealia, ``W_B = 0.8 - x``: "unitary", "divided" (its miners veto) or "paying".

    "paying" is divided, and able to pay its miners without limit (efficiently).

    >>> borealia("divided").win_set(nk.Line()).intervals
    [(0.0, 0.4)]
    """
    if politics not in BOREALIA:
        raise ValueError(f"politics must be one of {BOREALIA}, got {politics!r}")
    factions = (
        nk.Faction("importers (dove)", nk.Linear(stake=-0.5, reservation=1.2)),
        nk.Faction("miners (hawk)", nk.Linear(stake=-0.5, reservation=0.4)),
    )
    rule = nk.NationalWelfare() if politics == "unitary" else nk.Unanimity()
    payments = nk.SidePayments(1.0, math.inf) if politics == "paying" else None
    return nk.Nation("Borealia", factions, rule=rule, side_payments=payments)


def scenario(
    budget: float = math.inf, hawk: float = BINDING, politics: str = "unitary"
) -> nk.Negotiation:
    """Atlantica with this budget and hawk against Borealia with these ``politics``."""
    return nk.Negotiation(atlantica(budget, hawk), borealia(politics), nk.Line())


def least_budget(hawk: float | None = None) -> float:
    """The least budget with which the zone of agreement opens (the model's threshold), for
    the student's too hawkish hawk unless ``hawk`` is given.

    >>> round(least_budget(), 4)
    0.075
    """
    hawk = numbers()["too hawkish"] if hawk is None else hawk
    talks = scenario(math.inf, hawk)
    least = thresholds.least_budget(talks.a, talks.b.win_set(talks.space).intervals)
    assert least is not None
    return least


@task("08.1", "A small budget and tied hands")
def _delta(answer: object) -> str:
    value = number(answer, "Δ for Atlantica")
    n = numbers()
    talks = scenario(n["sized"], n["harder"])
    if abs(value - talks.outcome().welfare["Atlantica"]) <= 1e-3:
        raise Wrong(
            "that is Atlantica's net welfare; Δ compares it with what a unitary Atlantica "
            "gets against the same Borealia."
        )
    if abs(value - scenario(0.0, n["harder"]).desirability("Atlantica")) <= 1e-3:
        raise Wrong(
            "that is Δ with payments foreclosed; here Atlantica can pay its steelworkers "
            f"up to {n['sized']:g}."
        )
    close(value, talks.desirability("Atlantica"), "Δ for Atlantica", decimals=2)
    return "a small budget buys off part of the veto, and part of the tied-hands advantage."


WHO = ("Atlantica", "Borealia", "both", "neither")


def _who_gains() -> str:
    foreclosed = scenario(0.0).outcome().welfare
    unlimited = scenario(math.inf).outcome().welfare
    gains = {name: unlimited[name] - foreclosed[name] > 1e-9 for name in foreclosed}
    if all(gains.values()):
        return "both"
    return next((name for name, gained in gains.items() if gained), "neither")


predict(
    "08.2",
    "Predict: who gains from Atlantica's capacity to pay?",
    WHO,
    _who_gains,
    "not quite: in the explorer, choose the preset 'foreclose: the hawk's veto holds (E2)', "
    "note both nations' net welfare, then set the capacity to 'unlimited'.",
    "a partner able to pay is a partner whose hawk no longer binds.",
)


TEST_BUDGETS = (0.0, 0.01, 0.03, 0.05, 0.1, 0.15, 0.2, 0.24, 0.26, 0.3, 1.0)
"""Task 08.3's budgets for the default hawk; :func:`probe_budgets` fits them to the student's."""


def probe_budgets() -> list[float]:
    """Task 08.3's budgets: the student's small budget, 0.01 either side of the budget at
    which the exporters' gain becomes the limit (``(h - 0.2) / 2``), and :data:`TEST_BUDGETS`
    without the default's pair beside it."""
    n = numbers()
    kink = (n["harder"] - 0.2) / 2
    near = [n["sized"], round(kink - 0.01, 3), round(kink + 0.01, 3)]
    rest = [b for b in TEST_BUDGETS if b not in (0.24, 0.26) and abs(b - kink) > 0.005]
    return sorted({*near, *rest})


@task(
    "08.3",
    "The win-set's edge, by hand",
    "build",
    probes=lambda: [[budget] for budget in probe_budgets()],
)
def _edge(answer: object) -> str:
    edge = callable_(answer, "your function lowest_ratified(budget)")
    refuse_kit(answer, ["win_set", "zone", "ratifies"], "the edge of the win-set")
    harder = numbers()["harder"]

    def wrong(budget: float, value: float, expected: float) -> str:
        if value < expected:
            hint = (
                "Atlantica cannot ratify terms that low: can the budget pay the "
                "steelworkers' loss there, and do the exporters gain enough to pay it?"
            )
        else:
            hint = "Atlantica would ratify lower terms: the budget can pay the steelworkers there."
        return f"with a budget of {budget:g} your edge is too {_way(value, expected)}: {hint}"

    compare_at(
        probe_budgets(),
        lambda budget: number(edge(budget), f"lowest_ratified({budget:g})"),
        lambda budget: atlantica(budget, harder).win_set(nk.Line()).intervals[0][0],
        functools.partial(agrees, tol=1e-6),
        wrong,
    )
    return "each unit of budget lowers the edge by two units, until the exporters cannot pay."


def _way(value: float, expected: float) -> str:
    return "high" if value > expected else "low"


@task("08.4", "Size it: the least budget that opens the zone")
def _size(answer: object) -> str:
    value = number(answer, "the least budget")
    if value < 0:
        raise Wrong("a budget is an amount Atlantica may pay: it cannot be negative.")
    close(value, least_budget(), "the least budget", decimals=3)
    return "just enough to buy the steelworkers' consent at Borealia's best offer."


OUTCOMES = ("Atlantica", "Borealia", "no deal")


def _ahead() -> str:
    outcome = scenario(math.inf, BINDING, "divided").outcome()
    if outcome.agreement is None:
        return "no deal"
    return max(outcome.welfare, key=lambda name: outcome.welfare[name])


predict(
    "08.5",
    "Two-sided division: who comes out ahead?",
    OUTCOMES,
    _ahead,
    "not quite: in the explorer choose the preset 'two hawks, only Atlantica can pay' and "
    "compare the two nations' net welfare at the outcome.",
    "the side that can buy off its hawk is the side that gives way.",
    what="your answer",
)


explain(
    "08.6",
    "Foreclose or pay?",
    {
        "tied hands (a veto that binds at home wins better terms)": [
            "tied", "bind", "credib", "commit", "veto",
        ],
        "Borealia's view of a partner able to pay": [
            "borealia", "partner", "other side", "other nation", "foreign",
        ],
        "the risk of no deal when the hawk asks too much": [
            "no deal", "no agreement", "kill", "empty", "too hawkish", "risk", "fail",
        ],
        "sizing the budget (just enough to open the zone)": [
            "size", "small budget", "limited", "just enough", "cap", "budget",
        ],
    },
)  # fmt: skip
