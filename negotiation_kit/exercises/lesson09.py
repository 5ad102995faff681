"""Lesson 9 tasks: uncertain ratification and involuntary defection (docs/model.md §8).

The scenario is lesson 9's with new numbers: Atlantica's exporters (the dove) gain
``0.5 (x + 0.2)``, its steelworkers (the hawk) ``0.5 (x - r)`` with ``r`` uniform on
``[0.55, 0.75]`` (the *narrow* range; on average 0.65) or on ``[0.45, 0.85]`` (the *wide*
one, the same average), and both hold a veto (unanimity). Borealia is one actor accepting
terms up to 0.85. Those are the default numbers; each student draws their own average, both
widths, Borealia's point and the terms of tasks 09.1 and 09.2 (:func:`draw`). Every checker
computes what it expects through the kit, never from a number typed in.

>>> from negotiation_kit.exercises import evaluate
>>> evaluate("09.1", scenario().a.ratification_probability(TERMS)).passed
True
>>> print(evaluate("09.1", 1 - scenario().a.ratification_probability(TERMS)))
✗ 09.1 The chance that Atlantica ratifies: that is the chance that the steelworkers reject the
terms; the question asks for the chance that Atlantica ratifies them.
"""

from __future__ import annotations

import functools
import random

from .. import model as nk
from ._answers import Wrong, agrees, callable_, close, number
from ._core import compare_at, explain, predict, refuse_kit, task
from ._variants import vary

MIDDLE = 0.65
"""The steelworkers' reservation on average (the middle of both ranges), by default."""
NARROW, WIDE = 0.2, 0.4
"""The width of the range of the steelworkers' reservation, narrow and wide, by default."""
B_RESERVATION = 0.85
TERMS = 0.7
"""Tasks 09.1 and 09.2: the terms whose chance and expected value are asked for (default)."""
TRENDS = ("rises", "falls", "stays the same")
DEFAULTS = {
    "middle": MIDDLE, "width": NARROW, "wide": WIDE, "borealia": B_RESERVATION, "terms": TERMS,
    "low": 0.55, "high": 0.75, "wide low": 0.45, "wide high": 0.85, "above low": 0.15,
    "chance": 0.75, "gain": 0.15, "borealia expects": 0.1125, "atlantica expects": 0.525,
    "revealed": 0.425, "value": -0.1, "cost": 0.1,
}  # fmt: skip
"""The numbers a student's variant changes (the first five), and what the prompts derive from
them: both ranges' ends, the chance at the terms and Borealia's gain and expected welfare
there, what Atlantica expects (narrow range), with the truth revealed, and the difference."""


def _derived(m: float, w: float, wide: float, b: float, t: float) -> dict[str, float]:
    """Every number of :data:`DEFAULTS` from the five drawn ones, through the kit."""
    given = {"middle": m, "width": w, "wide": wide, "borealia": b, "terms": t}
    talks = scenario(given=given)
    chance = float(talks.a.ratification_probability(t))
    expects = talks.outcome().welfare["Atlantica"]
    borealia = talks.expected_welfare(t)["Borealia"]
    revealed = expects + talks.revelation_value("Atlantica")
    return {
        **given, "low": round(m - w / 2, 4), "high": round(m + w / 2, 4),
        "wide low": round(m - wide / 2, 4), "wide high": round(m + wide / 2, 4),
        "above low": round(t - (m - w / 2), 4), "chance": round(chance, 4),
        "gain": round(b - t, 4), "borealia expects": round(borealia, 4),
        "atlantica expects": round(expects, 4), "revealed": round(revealed, 4),
        "value": round(revealed - expects, 4), "cost": round(expects - revealed, 4),
    }  # fmt: skip


def draw(rng: random.Random) -> dict[str, float]:
    """A student's numbers: the average on a 0.05 grid, the widths, Borealia's point, the terms.

    The story holds: with the narrow range the Nash deal is safe (the top of the range), with
    the wide one the negotiators gamble and Atlantica expects less (09.3 stays "falls"); with
    the truth revealed the steelworkers' veto binds (the deal is at ``r``, as 09.5 says); the
    terms lie inside the narrow range; every compute answer differs from the default's.
    """
    while True:
        m = rng.choice([0.55, 0.6, 0.65, 0.7])
        w = rng.choice([0.1, 0.12, 0.14, 0.16, 0.24, 0.26, 0.28, 0.3])
        wide = rng.choice([0.4, 0.44, 0.5])
        b = rng.choice([0.8, 0.85, 0.9])
        t = round(m - w / 2 + w * rng.uniform(0.2, 0.9), 2)
        low, high = m - w / 2, m + w / 2
        if not low < t < high or high > b - 0.02 or wide < w + 0.15:
            continue
        drawn = _derived(m, w, wide, b, t)
        narrow_deal = scenario(given=drawn).outcome().agreement
        wide_deal = scenario(wide, given=drawn).outcome().agreement
        if not isinstance(narrow_deal, float) or not isinstance(wide_deal, float):
            continue
        if abs(narrow_deal - high) > 1e-6 or wide_deal > drawn["wide high"] - 1e-6:
            continue
        if _trend(drawn) != "falls":
            continue
        if abs(drawn["revealed"] - 0.5 * (m + 0.2)) > 1e-6:
            continue  # the truth revealed, the deal would not always be at r
        if (
            abs(drawn["chance"] - 0.75) < 0.02
            or abs(drawn["chance"] - 0.5) < 0.02
            or abs(drawn["borealia expects"] - 0.1125) < 0.002
            or abs(drawn["value"] + 0.1) < 0.01
        ):
            continue
        return drawn


numbers = vary(
    "09",
    DEFAULTS,
    draw,
    {
        "middle": [
            "(on average\n$<<0.65>>$)", "average, $<<0.65>>$)", "reservation $<<0.65>>$ on average",
            "hawk_reservation=<<0.65>>", "(<<0.65>> + 0.2)", "the <<0.65>> it would",
        ],
        "width": ["back to $<<0.2>>$"],
        "wide": ["range $<<0.4>>$ wide", "width=<<0.4>>,"],
        "borealia": [
            "up to $<<0.85>>$", "$W_B(x) = <<0.85>> - x$", "reservation=<<0.85>>)",
            "gains $<<0.85>> - ", "(<<0.85>> - ",
        ],
        "terms": [
            "$x = <<0.7>>$", "$P_A(<<0.7>>)$", "accept $<<0.7>>$", "(<<0.7>> - ",
            "ratification_probability(<<0.7>>)", "deal at $<<0.7>>$", " - <<0.7>> = ",
            "$E_B(<<0.7>>)$", "expected_welfare(<<0.7>>)", "- <<0.7>>)", "accept <<0.7>> when",
            "r <= <<0.7>>:", "to <<0.7>>, that",
        ],
        "low": [r"$[<<0.55>>,\ ", "- <<0.55>>)", "from <<0.55>> to", "[<<0.55>>, 0.75]"],
        "high": [
            r",\ <<0.75>>]$", "(<<0.75>> - ", "[0.55, <<0.75>>]", "agreement is $<<0.75>>$",
            "accept, <<0.75>> instead",
        ],
        "wide low": ["from $<<0.45>>$ to", r"$[<<0.45>>,\ "],
        "wide high": ["to $<<0.85>>$ (the same", r",\ <<0.85>>]$"],
        "above low": ["that is <<0.15>> of"],
        "chance": ["= <<0.75>> * "],
        "gain": ["= <<0.15>>$;", "* <<0.15>> ="],
        "borealia expects": ["= <<0.1125>>."],
        "atlantica expects": [
            "Atlantica expects $<<0.525>>$", "- <<0.525>>", "less than <<0.525>>.",
        ],
        "revealed": ["= <<0.425>>:", ": <<0.425>> - "],
        "value": ["= <<-0.1>>."],
        "cost": ["costs it <<0.1>>)", "cost Atlantica <<0.1>>."],
    },
)  # fmt: skip


def atlantica(width: float | None = None, given: dict[str, float] | None = None) -> nk.Nation:
    """Atlantica with the steelworkers' reservation uniform on ``middle ± width / 2`` (the
    student's numbers, or those ``given``; the narrow width unless told).

    >>> atlantica().ratification_probability([0.55, 0.65, 0.75]).tolist()
    [0.0, 0.5, 1.0]
    """
    n = numbers() if given is None else given
    w = n["width"] if width is None else width
    reservation = nk.Uniform(n["middle"] - w / 2, n["middle"] + w / 2)
    exporters = nk.Faction("exporters (dove)", nk.Linear(stake=0.5, reservation=-0.2))
    steelworkers = nk.Faction("steelworkers (hawk)", nk.Linear(stake=0.5, reservation=reservation))
    return nk.Nation("Atlantica", (exporters, steelworkers), rule=nk.Unanimity())


def scenario(width: float | None = None, given: dict[str, float] | None = None) -> nk.Negotiation:
    """Atlantica (steelworkers' range ``width`` wide, the narrow one unless told) at the table
    with Borealia.

    >>> scenario().outcome().agreement  # the top of the narrow range: a safe deal
    0.75
    """
    n = numbers() if given is None else given
    borealia = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, n["borealia"])),))
    return nk.Negotiation(atlantica(width, n), borealia, nk.Line())


def _trend(given: dict[str, float] | None = None) -> str:
    n = numbers() if given is None else given
    before = scenario(n["width"], n).outcome().welfare["Atlantica"]
    after = scenario(n["wide"], n).outcome().welfare["Atlantica"]
    if abs(after - before) < 1e-6:
        return "stays the same"
    return "rises" if after > before else "falls"


def probe_terms() -> list[float]:
    """Task 09.4's terms: both ends of the student's narrow range and 0.01 either side, the
    middle and the terms of 09.1, with a few far from the range."""
    n = numbers()
    low, high = n["middle"] - n["width"] / 2, n["middle"] + n["width"] / 2
    near = [low - 0.01, low, low + 0.01, n["middle"], n["terms"], high - 0.01, high, high + 0.01]
    return sorted({round(x, 4) for x in [0.0, 0.3, *near, 0.9, 1.0] if 0 <= x <= 1})


def _near(value: float, expected: float, decimals: int) -> bool:
    return abs(value - expected) <= 0.5 * 10.0**-decimals + 1e-9


@task("09.1", "The chance that Atlantica ratifies")
def _chance(answer: object) -> str:
    value = number(answer, "the chance")
    terms = numbers()["terms"]
    expected = float(scenario().a.ratification_probability(terms))
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
    talks, terms = scenario(), numbers()["terms"]
    expected = talks.expected_welfare(terms)["Borealia"]
    gain_if_ratified = float(talks.b.welfare(terms))
    if _near(value, gain_if_ratified, 3) and not _near(value, expected, 3):
        raise Wrong(
            "that is what Borealia gains if the deal is ratified; weigh it by the chance that "
            "it is (a failed deal gives nothing)."
        )
    close(value, expected, "Borealia's expected welfare", decimals=3)
    return "right: a deal that may fail at home is worth its gain times its chance."


predict(
    "09.3",
    "Predict: more doubt about the steelworkers",
    TRENDS,
    _trend,
    "not quite. With the wide range, can Borealia still afford terms the steelworkers are "
    "certain to accept? If not, what happens to the chance that the deal passes?",
    "right: too much doubt makes a safe deal too expensive, and a risky one is worth less.",
)


@task(
    "09.4",
    "Build: the ratification probability by hand",
    "build",
    probes=lambda: [[x] for x in probe_terms()],
)
def _probability(answer: object) -> str:
    student = callable_(answer, "your function ratification_chance(x)")
    refuse_kit(answer, ["ratification_probability", "expected_welfare"], "the probability")
    nation = atlantica()

    def wrong(x: float, value: float, expected: float) -> str:
        if not 0 <= value <= 1:
            hint = "a probability lies between 0 and 1: what happens outside the range?"
        else:
            hint = "what share of the steelworkers' range lies below these terms?"
        return f"at x = {x} your chance is not right yet: {hint}"

    compare_at(
        probe_terms(),
        lambda x: number(student(x), f"ratification_chance({x})"),
        lambda x: float(nation.ratification_probability(x)),
        functools.partial(agrees, tol=1e-6),
        wrong,
    )
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
