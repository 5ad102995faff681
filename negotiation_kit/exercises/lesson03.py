"""Lesson 3 exercises: divided nations and tied hands.

The scenario is a new Atlantica of the tied-hands explorer: the exporters (the dove) hold 60%
of the stake and accept any terms from -0.1 up; the steelworkers (the hawk) hold 40% and
accept terms only from 0.7 up; both hold a veto (unanimity). Borealia is one actor that
accepts terms up to 0.85. Those are the default numbers; each student draws their own
(:func:`draw`). Every checker computes what it expects from :func:`scenario` through the kit,
never from a number typed in.

>>> from negotiation_kit.exercises import evaluate
>>> talks = scenario()
>>> evaluate("03.3", talks.desirability("Atlantica")).passed
True
>>> print(evaluate("03.3", 0.5))
✗ 03.3 The desirability of division, Nash: Δ is not right yet (an answer to two decimals is
enough). Δ compares two outcomes: divided Atlantica with Borealia, and unitary Atlantica with
Borealia.
"""

from __future__ import annotations

import math
import operator
import random

import numpy as np

from .. import model as nk
from ._answers import Wrong, callable_, close, interval, number
from ._core import compare_at, explain, predict, refuse_kit, task
from ._variants import vary

HAWK_SHARE = 0.4
HAWK_RESERVATION = 0.7
DOVE_RESERVATION = -0.1
B_RESERVATION = 0.85
DELTA_DECIMALS = 2
"""Task 03.3: Δ to two decimals (the explorer prints it so)."""
NEW_HAWK_SHARE = 0.6
"""Task 03.4: the steelworkers' share of the stake rises to this."""
TRENDS = ("rises", "falls", "stays the same")
TEST_TERMS = (0.0, 0.15, 0.3, 0.5, 0.69, 0.71, 0.85, 0.95, 1.0)
"""Task 03.5: the terms a student's ratification rule is compared with the kit's at (none on
an edge, where rounding could make a right rule look wrong); :func:`probe_terms` moves the two
beside the hawk's reservation to the student's."""


def _derived(h: float, hr: float, d: float, b: float) -> dict[str, float]:
    """The numbers the notebook writes, from the four drawn ones (shares also in per cent)."""
    new = round(h + 0.2, 2)
    return {
        "hawk_share": h, "hawk_reservation": hr, "dove_reservation": d, "b_reservation": b,
        "dove_share": round(1 - h, 2), "dove_gap": round(-d, 2), "new_hawk_share": new,
        "hawk_pct": round(100 * h), "dove_pct": round(100 * (1 - h)),
        "new_hawk_pct": round(100 * new), "new_dove_pct": round(100 * (1 - new)),
        "explorer_b": round(b + 0.05, 2), "tough_b": round(hr - 0.05, 2),
    }  # fmt: skip


DEFAULTS = _derived(HAWK_SHARE, HAWK_RESERVATION, DOVE_RESERVATION, B_RESERVATION)


def _desirability(h: float, hr: float, d: float, b: float) -> float:
    return scenario(h, hr, d, b).desirability("Atlantica")


def draw(rng: random.Random) -> dict[str, float]:
    """A student's numbers: the same story, every compute answer different from the default's.

    The hawk binds inside the zone (tied hands pay, Δ >= 0.04), a unitary Atlantica breaks even
    inside the line, and a bigger hawk makes Δ fall (the prediction's answer stays "falls").
    """
    while True:
        h = rng.choice([0.3, 0.35, 0.4, 0.45])
        hr = rng.choice([0.6, 0.65, 0.7, 0.75])
        d = rng.choice([-0.2, -0.15, -0.1, -0.05])
        b = rng.choice([0.8, 0.85, 0.9])
        break_even = (1 - h) * d + h * hr
        if b - hr < 0.1 or break_even < 0.05 or abs(break_even - 0.22) < 0.002:
            continue
        if (hr, b) == (HAWK_RESERVATION, B_RESERVATION):
            continue
        delta = _desirability(h, hr, d, b)
        if delta < 0.04 or abs(delta - 0.165) < 0.01:
            continue
        if _desirability(round(h + 0.2, 2), hr, d, b) > delta - 0.01:
            continue
        return _derived(h, hr, d, b)


numbers = vary(
    "03",
    DEFAULTS,
    draw,
    {
        "hawk_share": [
            "g_S(x) = <<0.4>>\\,", "Linear(stake=<<0.4>>, reservation=0.7)",
            "hawk_share=<<0.4>>, hawk_", "gain_steelworkers = <<0.4>> *", "from <<0.40>> to",
        ],
        "hawk_reservation": [
            "(x - <<0.7>>).$$", "reservation=<<0.7>>)", "hawk_reservation=<<0.7>>,",
            "* (x - <<0.7>>)", "terms below <<0.7>>;",
        ],
        "dove_reservation": ["reservation=<<-0.1>>)", "dove_reservation=<<-0.1>>,"],
        "b_reservation": ["up to $<<0.85>>$:", "W_B(x) = <<0.85>> - x", "reservation=<<0.85>>)"],
        "dove_share": [
            "g_E(x) = <<0.6>>\\,", "Linear(stake=<<0.6>>, reservation=-0.1)",
            "gain_exporters = <<0.6>> *",
        ],
        "dove_gap": ["(x + <<0.1>>)"],
        "new_hawk_share": ["hawk_share=<<0.6>>)`", "to <<0.60>> and"],
        "hawk_pct": ["(the hawk) <<40>>%", "grows from <<40>>%"],
        "dove_pct": ["hold <<60>>% of"],
        "new_hawk_pct": ["% to <<60>>% (and"],
        "new_dove_pct": ["falls to <<40>>%)"],
        "explorer_b": ["b_reservation=<<0.9>>)", "terms up to <<0.90>>,"],
        "tough_b": ["up to $<<0.65>>$. Use"],
    },
)  # fmt: skip


def probe_terms() -> tuple[float, ...]:
    """:data:`TEST_TERMS` with the student's numbers: 0.01 either side of the hawk's reservation
    (the edge of the win-set) and of the break-even point (where a rule that adds the gains
    instead of asking each faction goes wrong)."""
    n = numbers()
    hr = n["hawk_reservation"]
    break_even = n["dove_share"] * n["dove_reservation"] + n["hawk_share"] * hr
    terms = [x for x in TEST_TERMS if x not in (0.69, 0.71)]
    near = [round(hr - 0.01, 2), round(hr + 0.01, 2)]
    near += [round(break_even - 0.01, 3), round(break_even + 0.01, 3)]
    return tuple(sorted({*terms, *near}))


def scenario(
    hawk_share: float | None = None,
    hawk_reservation: float | None = None,
    dove_reservation: float | None = None,
    b_reservation: float | None = None,
    solution: str = "nash",
) -> nk.Negotiation:
    """Divided Atlantica (exporters and steelworkers, unanimity) at the table with Borealia.

    A number not given is the student's (:data:`DEFAULTS` unless a variant is being checked).

    Examples
    --------
    >>> talks = scenario()
    >>> [f.name for f in talks.a.factions]
    ['exporters (dove)', 'steelworkers (hawk)']
    """
    given = (hawk_share, hawk_reservation, dove_reservation, b_reservation)
    n = numbers() if None in given else DEFAULTS
    hawk_share = n["hawk_share"] if hawk_share is None else hawk_share
    hawk_reservation = n["hawk_reservation"] if hawk_reservation is None else hawk_reservation
    dove_reservation = n["dove_reservation"] if dove_reservation is None else dove_reservation
    b_reservation = n["b_reservation"] if b_reservation is None else b_reservation
    exporters = nk.Faction("exporters (dove)", nk.Linear(1 - hawk_share, dove_reservation))
    steelworkers = nk.Faction("steelworkers (hawk)", nk.Linear(hawk_share, hawk_reservation))
    atlantica = nk.Nation("Atlantica", (exporters, steelworkers), rule=nk.Unanimity())
    borealia = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, b_reservation)),))
    return nk.Negotiation(atlantica, borealia, nk.Line(), solution=solution)


def _near(value: float, expected: float, decimals: int = 3) -> bool:
    return math.isclose(value, expected, abs_tol=0.5 * 10.0**-decimals + 1e-9)


@task("03.1", "Where Atlantica as a whole breaks even")
def _break_even(answer: object) -> str:
    value = number(answer, "the break-even point")
    talks = scenario()
    ((low, _),) = talks.a.unitary().win_set(talks.space).intervals
    n = numbers()
    dove, hawk = n["dove_reservation"], n["hawk_reservation"]
    if _near(value, dove) or _near(value, hawk):
        raise Wrong(
            "that is one faction's reservation point; the nation as a whole breaks even where "
            "the two gains add up to zero (a stake-weighted mean of the reservations)."
        )
    if _near(value, (dove + hawk) / 2):
        raise Wrong(
            "that is the plain average of the reservations; weigh each by its faction's stake."
        )
    close(value, low, "the break-even point", decimals=3)
    return "right: a unitary Atlantica would accept any terms from there up."


@task("03.2", "The zone of agreement with divided Atlantica")
def _zone(answer: object) -> str:
    low, high = interval(answer, "the zone of agreement")
    talks = scenario()
    ((zone_low, zone_high),) = talks.zone().intervals
    ((unitary_low, _),) = talks.unitary("Atlantica").zone().intervals
    if _near(low, unitary_low) and not _near(low, zone_low):
        raise Wrong(
            "that zone starts where a unitary Atlantica's would: remember that under unanimity "
            "the steelworkers must accept too."
        )
    close(low, zone_low, "the low end of the zone", decimals=2)
    close(high, zone_high, "the high end of the zone", decimals=2)
    return "right: the hawk's veto cuts the zone down to terms it accepts."


@task("03.3", "The desirability of division, Nash")
def _delta(answer: object) -> str:
    value = number(answer, "Δ")
    talks = scenario()
    expected = talks.desirability("Atlantica")
    if not _near(value, expected, DELTA_DECIMALS):
        if _near(value, talks.outcome().welfare["Atlantica"]):
            raise Wrong(
                "that is divided Atlantica's welfare at the outcome; Δ subtracts what a "
                "unitary Atlantica would get against the same Borealia."
            )
        if _near(value, scenario(solution="split").desirability("Atlantica")):
            raise Wrong("that is Δ under split-the-difference; this task asks for Nash.")
        if _near(value, -expected):
            raise Wrong("the sign is the wrong way round: Δ is divided minus unitary.")
        try:
            close(value, expected, "Δ", DELTA_DECIMALS)
        except Wrong as wrong:
            raise Wrong(
                f"{wrong} Δ compares two outcomes: divided Atlantica with Borealia, and "
                "unitary Atlantica with Borealia."
            ) from None
    return "right: here the steelworkers' veto is worth something to Atlantica."


def _bigger_hawk() -> str:
    before = scenario().desirability("Atlantica")
    after = scenario(hawk_share=numbers()["new_hawk_share"]).desirability("Atlantica")
    return "stays the same" if _near(after, before) else "rises" if after > before else "falls"


predict(
    "03.4",
    "Predict: a bigger hawk",
    TRENDS,
    _bigger_hawk,
    "not quite. Work out where a unitary Atlantica would settle once the steelworkers hold "
    "more of the stake (its break-even point moves), and where divided Atlantica settles "
    "(does the zone change?).",
    "right: a bigger hawk makes the whole nation more hawkish, so its veto adds less.",
)


def _says(result: object, x: float) -> bool:
    if isinstance(result, bool | np.bool_):
        return bool(result)
    raise Wrong(
        f"ratifies should return True or False; at x = {x} it returned {type(result).__name__}."
    )


@task("03.5", "Build: unanimity by hand", "build", probes=lambda: [[x] for x in probe_terms()])
def _ratifies(answer: object) -> str:
    student = callable_(answer, "ratifies")
    refuse_kit(answer, ["ratifies", "win_set", "zone"], "the ratification rule")
    atlantica = scenario().a

    def wrong(x: float, said: bool, kits: bool) -> str:
        verdict = "would ratify" if said else "would not ratify"
        return (
            f"your function says Atlantica {verdict} terms x = {x}, but the kit disagrees: "
            "check each faction's gain there (under unanimity every faction must accept)."
        )

    compare_at(
        probe_terms(),
        lambda x: _says(student(x), x),
        lambda x: bool(atlantica.ratifies(x)),
        operator.eq,
        wrong,
    )
    return "right: your rule agrees with the kit's unanimity everywhere we tried."


explain(
    "03.6",
    "Explain: when do tied hands pay?",
    {
        "the steelworkers' veto (who can block the deal)": [
            "veto", "block", "reject", "ratif", "steelworker", "hawk",
        ],
        "the zone of agreement (the terms both nations would accept)": [
            "zone", "overlap", "win-set", "win set", "winset", "both nations",
        ],
        "how the veto wins better terms (tied hands)": [
            "better terms", "tied hand", "pull", "push", "more favourable",
            "more favorable", "closer to atlantica", "higher terms", "credib",
        ],
        "what happens when the hawk asks more than Borealia accepts": [
            "no deal", "no agreement", "empty", "kill", "fail", "collapse", "breaks down",
            "break down", "nothing", "walks away",
        ],
    },
)  # fmt: skip
