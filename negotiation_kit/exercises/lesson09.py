"""Lesson 9 tasks: uncertain ratification and involuntary defection (docs/model.md §8).

The scenario is lesson 9's with new numbers: Atlantica's exporters (the dove) gain
``0.5 (x + 0.2)``, its steelworkers (the hawk) ``0.5 (x - r)`` with ``r`` uniform on
``[0.55, 0.75]`` (the *narrow* range; on average 0.65) or on ``[0.45, 0.85]`` (the *wide*
one, the same average), and both hold a veto (unanimity). Borealia is one actor accepting
terms up to 0.85. Every checker computes what it expects through the kit, never from a
number typed in.

>>> from negotiation_kit.exercises import evaluate
>>> evaluate("09.1", scenario().a.ratification_probability(TERMS)).passed
True
>>> print(evaluate("09.1", 1 - scenario().a.ratification_probability(TERMS)))
✗ 09.1 The chance that Atlantica ratifies: that is the chance that the steelworkers reject the
terms; the question asks for the chance that Atlantica ratifies them.
"""

from __future__ import annotations

from .. import model as nk
from ._core import Wrong, callable_, choice, close, explain, number, refuse_kit, task

MIDDLE = 0.65
"""The steelworkers' reservation on average (the middle of both ranges)."""
NARROW, WIDE = 0.2, 0.4
"""The width of the range of the steelworkers' reservation: narrow and wide."""
B_RESERVATION = 0.85
TERMS = 0.7
"""Tasks 09.1 and 09.2: the terms whose chance and expected value are asked for."""
TRENDS = ("rises", "falls", "stays the same")
TEST_TERMS = (0.0, 0.3, 0.5, 0.56, 0.6, 0.65, 0.7, 0.74, 0.8, 0.9, 1.0)
"""Task 09.4: the terms a student's probability is compared with the kit's at."""


def atlantica(width: float = NARROW) -> nk.Nation:
    """Atlantica with the steelworkers' reservation uniform on ``MIDDLE ± width / 2``.

    >>> atlantica().ratification_probability([0.55, 0.65, 0.75]).tolist()
    [0.0, 0.5, 1.0]
    """
    reservation = nk.Uniform(MIDDLE - width / 2, MIDDLE + width / 2)
    exporters = nk.Faction("exporters (dove)", nk.Linear(stake=0.5, reservation=-0.2))
    steelworkers = nk.Faction("steelworkers (hawk)", nk.Linear(stake=0.5, reservation=reservation))
    return nk.Nation("Atlantica", (exporters, steelworkers), rule=nk.Unanimity())


def scenario(width: float = NARROW) -> nk.Negotiation:
    """Atlantica (steelworkers' range ``width`` wide) at the table with Borealia.

    >>> scenario().outcome().agreement  # the top of the narrow range: a safe deal
    0.75
    """
    borealia = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, B_RESERVATION)),))
    return nk.Negotiation(atlantica(width), borealia, nk.Line())


def _near(value: float, expected: float, decimals: int) -> bool:
    return abs(value - expected) <= 0.5 * 10.0**-decimals + 1e-9


@task("09.1", "The chance that Atlantica ratifies")
def _chance(answer: object) -> str:
    value = number(answer, "the chance")
    expected = float(scenario().a.ratification_probability(TERMS))
    if 1 < value <= 100 and _near(value / 100, expected, 2):
        raise Wrong("give the chance as a probability between 0 and 1, not in per cent.")
    if not 0 <= value <= 1:
        raise Wrong("a probability lies between 0 and 1.")
    if _near(value, 1 - expected, 2) and not _near(value, expected, 2):
        raise Wrong(
            "that is the chance that the steelworkers reject the terms; the question asks for "
            "the chance that Atlantica ratifies them."
        )
    close(value, expected, "the chance", decimals=2)
    return "right: the share of the steelworkers' range that lies below the terms."


@task("09.2", "Borealia's expected welfare")
def _expected(answer: object) -> str:
    value = number(answer, "Borealia's expected welfare")
    talks = scenario()
    expected = talks.expected_welfare(TERMS)["Borealia"]
    gain_if_ratified = float(talks.b.welfare(TERMS))
    if _near(value, gain_if_ratified, 3) and not _near(value, expected, 3):
        raise Wrong(
            "that is what Borealia gains if the deal is ratified; weigh it by the chance that "
            "it is (a failed deal gives nothing)."
        )
    close(value, expected, "Borealia's expected welfare", decimals=3)
    return "right: a deal that may fail at home is worth its gain times its chance."


def _trend() -> str:
    before = scenario(NARROW).outcome().welfare["Atlantica"]
    after = scenario(WIDE).outcome().welfare["Atlantica"]
    if abs(after - before) < 1e-6:
        return "stays the same"
    return "rises" if after > before else "falls"


@task("09.3", "Predict: more doubt about the steelworkers", "predict")
def _more_doubt(answer: object) -> str:
    said = choice(answer, TRENDS, "your prediction")
    if said != _trend():
        raise Wrong(
            "not quite. With the wide range, can Borealia still afford terms the steelworkers "
            "are certain to accept? If not, what happens to the chance that the deal passes?"
        )
    return "right: too much doubt makes a safe deal too expensive, and a risky one is worth less."


@task(
    "09.4",
    "Build: the ratification probability by hand",
    "build",
    probes=lambda: [[x] for x in TEST_TERMS],
)
def _probability(answer: object) -> str:
    student = callable_(answer, "your function ratification_chance(x)")
    refuse_kit(answer, ["ratification_probability", "expected_welfare"], "the probability")
    nation = atlantica()
    for x in TEST_TERMS:
        value = number(student(x), f"ratification_chance({x})")
        expected = float(nation.ratification_probability(x))
        if abs(value - expected) > 1e-6:
            if not 0 <= value <= 1:
                hint = "a probability lies between 0 and 1: what happens outside the range?"
            else:
                hint = "what share of the steelworkers' range lies below these terms?"
            raise Wrong(f"at x = {x} your chance is not right yet: {hint}")
    return "right: your probability agrees with the kit's everywhere we tried."


@task("09.5", "The value of revelation for Atlantica")
def _revelation(answer: object) -> str:
    value = number(answer, "the value of revelation")
    talks = scenario()
    expected = talks.revelation_value("Atlantica")
    if _near(value, -expected, 2) and not _near(value, expected, 2):
        raise Wrong(
            "the sign is the wrong way round: the value of revelation is what Atlantica expects "
            "with the truth revealed minus what it expects now."
        )
    if _near(value, talks.revelation_value("Borealia"), 2) and not _near(value, expected, 2):
        raise Wrong("that is the value of revelation for Borealia; this task asks for Atlantica.")
    close(value, expected, "the value of revelation", decimals=2)
    return "right: with a little doubt, the truth coming out costs Atlantica its insurance premium."


explain(
    "09.6",
    "Explain: who wants the truth revealed?",
    {
        "the chance of ratification (a deal may fail at home)": [
            "chance", "probab", "risk", "fail", "defect", "reject",
        ],
        "why a little doubt helps Atlantica (Borealia pays to make the deal safe)": [
            "safe", "insur", "concede", "better terms", "higher terms", "pays",
        ],
        "why a lot of doubt hurts both (a risk of collapse)": [
            "both", "collapse", "involuntary", "accident", "too much", "wide",
        ],
        "who gains from revelation in each case": [
            "reveal", "truth", "vote before", "known", "revelation",
        ],
    },
)  # fmt: skip
