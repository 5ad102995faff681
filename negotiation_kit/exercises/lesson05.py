"""Lesson 5 exercises: configurations of interests (which way the veto faction leans).

The scenario is the configuration explorer's: Atlantica's exporters hold two thirds of its
stake and accept any terms (reservation 0); a veto faction holds the other third and either
leans with Atlantica (an aligned hawk, stake +1/3, accepting terms from its reservation up)
or toward Borealia (stake -1/3, accepting terms only up to its reservation). Atlantica
ratifies by unanimity; Borealia accepts terms up to 0.8. Those are the default numbers; each
student draws their own (:func:`draw`). Every checker computes what it expects from
:func:`scenario` through the kit.

>>> from negotiation_kit.exercises import evaluate
>>> evaluate("05.1", scenario("aligned", 0.7).desirability("Atlantica")).passed
True
>>> evaluate("05.5", lambda lean, reservation: 0.0).passed
False
"""

from __future__ import annotations

import functools
import math
import random

from .. import model as nk
from ._answers import Wrong, callable_, close, intervals, number
from ._core import compare_at, explain, predict, task
from ._variants import vary

LEANS = ("aligned", "opposed")
STAKES = {"exporters": 2 / 3, "veto faction": 1 / 3}
EXPORTERS_RESERVATION = 0.0
B_RESERVATION = 0.8
ALIGNED_RESERVATION = 0.7
"""Task 05.1: the aligned hawk's reservation point."""
OPPOSED_RESERVATION = 0.1
"""Tasks 05.2 to 05.4: the opposed faction's reservation point."""
NEW_B_RESERVATION = 1.0
"""Task 05.4: Borealia's reservation rises to this."""
TRENDS = ("rises", "falls", "stays the same")
TEST_CASES = (
    ("aligned", 0.3), ("aligned", 0.6), ("aligned", 0.75), ("aligned", 0.9),
    ("opposed", 0.05), ("opposed", 0.2), ("opposed", 0.5),
)  # fmt: skip
"""Task 05.5: the (lean, reservation) pairs a student's function is compared with the kit at
(after the student's own two, :func:`probe_cases`)."""
DEFAULTS = {
    "aligned": ALIGNED_RESERVATION, "opposed": OPPOSED_RESERVATION, "borealia": B_RESERVATION,
    "explorer veto": 0.15, "scan": 81,
}  # fmt: skip
"""The numbers a student's variant changes. The explorer's veto faction sits 0.05 above the
task's (so it never prints an answer); ``scan`` is the range of the prompt's example scan."""


def _desirability(lean: str, reservation: float, b: float) -> float:
    return scenario(lean, reservation, b).desirability("Atlantica")


def draw(rng: random.Random) -> dict[str, float]:
    """A student's numbers, on a 0.05 grid.

    The story holds: the aligned hawk binds inside the zone (Δ > 0), the opposed faction binds
    (Δ < 0) and sits below the threshold, which stays between the table's 0.1 and 0.3; a more
    generous Borealia (1.0) still makes Δ fall. Every compute answer differs from the default's
    (Borealia's point is never 0.8, so the threshold, a third of it, moves too).
    """
    while True:
        b = rng.choice([0.65, 0.7, 0.75, 0.85])
        aligned = rng.choice([0.5, 0.55, 0.6, 0.65, 0.7, 0.75])
        opposed = rng.choice([0.05, 0.15, 0.2])  # never 0.1: 05.2 asks for [0, opposed]
        if not (0.6 * b + 0.03 < aligned < b - 0.04) or opposed > b / 3 - 0.03:
            continue
        delta_aligned = _desirability("aligned", aligned, b)
        delta_opposed = _desirability("opposed", opposed, b)
        if abs(delta_aligned - 0.1833) < 0.01 or abs(delta_opposed + 0.0833) < 0.01:
            continue
        if _desirability("opposed", opposed, NEW_B_RESERVATION) > delta_opposed - 0.01:
            continue
        scan = round(100 * b) + 1
        return {"aligned": aligned, "opposed": opposed, "borealia": b,
                "explorer veto": round(opposed + 0.05, 2), "scan": scan}  # fmt: skip


numbers = vary(
    "05",
    DEFAULTS,
    draw,
    {
        "aligned": ["reservation point is $<<0.7>>$", "stake=1 / 3, reservation=<<0.7>>)"],
        "opposed": [
            "reservation point $<<0.1>>$ (its", "stake=-1 / 3, reservation=<<0.1>>)",
            "(reservation point $<<0.1>>$)", "faction at $<<0.1>>$.",
        ],
        "borealia": [
            "terms up to $<<0.8>>$.", "reservation=<<0.8>>))", "instead of $<<0.8>>$",
            "b_reservation=<<0.8>>)", "from <<0.80>> to",
        ],
        "explorer veto": ["reservation point $<<0.15>>$. Drag", "veto_reservation=<<0.15>>,"],
        "scan": ["range(<<81>>)"],
    },
)  # fmt: skip


def probe_cases() -> list[tuple[str, float]]:
    """Task 05.5's cases: the student's aligned hawk and opposed faction, then
    :data:`TEST_CASES`."""
    n = numbers()
    return [("aligned", n["aligned"]), ("opposed", n["opposed"]), *TEST_CASES]


THRESHOLD_TOL = 0.01
"""Task 05.6: a scan in steps of 0.01 is close enough (the task says "within 0.01")."""


def scenario(
    lean: str = "aligned",
    reservation: float | None = None,
    b_reservation: float | None = None,
    solution: str = "nash",
) -> nk.Negotiation:
    """Atlantica (exporters and a veto faction leaning ``lean``) at the table with Borealia.

    A reservation not given is the student's: the veto faction's for its lean, Borealia's
    (:data:`DEFAULTS` unless a variant is being checked).

    Examples
    --------
    >>> scenario("opposed", 0.1).a.win_set(nk.Line()).intervals
    [(0.0, 0.1)]
    """
    if reservation is None or b_reservation is None:
        n = numbers()
        reservation = n[lean] if reservation is None else reservation
        b_reservation = n["borealia"] if b_reservation is None else b_reservation
    sign = 1.0 if lean == "aligned" else -1.0
    exporters = nk.Faction("exporters", nk.Linear(STAKES["exporters"], EXPORTERS_RESERVATION))
    veto = nk.Faction("veto faction", nk.Linear(sign * STAKES["veto faction"], reservation))
    atlantica = nk.Nation("Atlantica", (exporters, veto), rule=nk.Unanimity())
    borealia = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, b_reservation)),))
    return nk.Negotiation(atlantica, borealia, nk.Line(), solution=solution)


DECIMALS = 2
"""Tasks 05.1 to 05.3: answers to two decimals."""


def _near(value: float, expected: float, tol: float = 1e-3) -> bool:
    return math.isclose(value, expected, abs_tol=tol)


def _delta(value: float, talks: nk.Negotiation, other_lean: nk.Negotiation, tip: str) -> None:
    """Raise Wrong with a specific hint unless ``value`` is Δ of ``talks``."""
    expected = talks.desirability("Atlantica")
    if _near(value, expected, 0.5 * 10.0**-DECIMALS + 1e-9):
        return
    other = other_lean.desirability("Atlantica")
    if _near(value, other) and not _near(other, 0.0):
        raise Wrong(
            "that is Δ with the veto faction leaning the other way; check its stake's sign."
        )
    outcome = talks.outcome()
    if outcome.agreement is not None and _near(value, outcome.welfare["Atlantica"]):
        raise Wrong(
            "that is divided Atlantica's welfare at the outcome; Δ subtracts what a unitary "
            "Atlantica would get against the same Borealia."
        )
    if _near(value, -expected):
        raise Wrong("the sign is the wrong way round: Δ is divided minus unitary.")
    try:
        close(value, expected, "Δ", DECIMALS)
    except Wrong as wrong:
        raise Wrong(f"{wrong} {tip}") from None


@task("05.1", "Δ with an aligned hawk")
def _aligned(answer: object) -> str:
    value = number(answer, "Δ")
    _delta(
        value,
        scenario("aligned", numbers()["aligned"]),
        scenario("opposed", numbers()["aligned"]),
        "Remember that a unitary Atlantica's break-even point depends on the hawk's "
        "reservation too (the stake-weighted mean).",
    )
    return "right: an aligned hawk inside the zone wins Atlantica better terms."


@task("05.2", "The win-set with a faction leaning toward Borealia")
def _opposed_win_set(answer: object) -> str:
    pieces = intervals(answer, "Atlantica's win-set")
    opposed = numbers()["opposed"]
    expected = scenario("opposed", opposed).a.win_set(nk.Line()).intervals
    if len(pieces) != len(expected):
        raise Wrong(
            f"Atlantica's win-set here is one interval; you gave {len(pieces)}. Which terms "
            "do both factions accept?"
        )
    (low, high), (want_low, want_high) = pieces[0], expected[0]
    aligned = scenario("aligned", opposed).a.win_set(nk.Line()).intervals
    if _near(low, aligned[0][0]) and _near(high, aligned[0][1]) and not _near(high, want_high):
        raise Wrong(
            "that is the win-set of a faction leaning *with* Atlantica; a faction leaning toward "
            "Borealia accepts terms only up to its reservation point."
        )
    close(low, want_low, "the low end of the win-set", DECIMALS)
    close(high, want_high, "the high end of the win-set", DECIMALS)
    return "right: this veto cuts off the terms that are best for Atlantica."


@task("05.3", "Δ with a faction leaning toward Borealia")
def _opposed(answer: object) -> str:
    value = number(answer, "Δ")
    _delta(
        value,
        scenario("opposed", numbers()["opposed"]),
        scenario("aligned", numbers()["opposed"]),
        "Find where a unitary Atlantica would settle (maximise the product of the two "
        "nations' welfare, or ask the kit) and where divided Atlantica settles.",
    )
    return "right: this veto holds Atlantica below the terms it would otherwise get."


def _generous() -> str:
    opposed = numbers()["opposed"]
    before = scenario("opposed", opposed).desirability("Atlantica")
    after = scenario("opposed", opposed, NEW_B_RESERVATION).desirability("Atlantica")
    return "stays the same" if _near(after, before) else "rises" if after > before else "falls"


predict(
    "05.4",
    "Predict: a more generous Borealia",
    TRENDS,
    _generous,
    "not quite. Does the divided outcome move when Borealia accepts more? And where would a "
    "unitary Atlantica settle now?",
    "right: the more Borealia would give, the more an opposed veto costs Atlantica.",
)


@task(
    "05.5",
    "Build: Δ for any veto faction",
    "build",
    probes=lambda: [[lean, reservation] for lean, reservation in probe_cases()],
)
def _build(answer: object) -> str:
    student = callable_(answer, "delta")
    compare_at(
        probe_cases(),
        lambda case: number(student(*case), f"delta({case[0]!r}, {case[1]})"),
        lambda case: scenario(*case).desirability("Atlantica"),
        functools.partial(math.isclose, abs_tol=1e-6),
        lambda case, value, expected: (
            f"delta({case[0]!r}, {case[1]}) is not right yet. Build the veto faction with "
            "a positive stake when it leans with Atlantica and a negative one when it leans "
            "toward Borealia, then ask the negotiation for its desirability."
        ),
    )
    return "right: your function agrees with the kit for both leanings."


def threshold(lean: str = "opposed") -> float:
    """The reservation point where the veto faction's veto starts to bind (``Δ`` leaves 0).

    Found by bisection on the kit's ``desirability``: an opposed veto binds (``Δ < 0``) below
    it, an aligned hawk's (``Δ != 0``) above it.

    Examples
    --------
    >>> round(threshold("opposed"), 6) == round(B_RESERVATION / 3, 6)
    True
    """
    b = numbers()["borealia"]
    low, high = 0.0, b
    for _ in range(60):
        middle = (low + high) / 2
        binds = abs(scenario(lean, middle, b).desirability("Atlantica")) > 1e-12
        if binds == (lean == "opposed"):
            low = middle
        else:
            high = middle
    return (low + high) / 2


@task("05.6", "Where the opposed veto starts to bind")
def _threshold(answer: object) -> str:
    value = number(answer, "the threshold")
    expected = threshold("opposed")
    if not math.isclose(value, expected, abs_tol=THRESHOLD_TOL) and math.isclose(
        value, threshold("aligned"), abs_tol=THRESHOLD_TOL
    ):
        raise Wrong("that is where an aligned hawk's veto starts to bind; this task is about "
                    "the faction leaning toward Borealia.")  # fmt: skip
    try:
        close(value, expected, "the threshold", within=THRESHOLD_TOL)
    except Wrong as wrong:
        raise Wrong(
            f"{wrong} Use your delta function: try reservation points between 0 and "
            f"{numbers()['borealia']} and find where Δ stops being negative."
        ) from None
    return "right: below it the opposed faction blocks terms a unitary Atlantica would take."


explain(
    "05.7",
    "Explain: why the lean decides",
    {
        "what an aligned hawk's veto cuts off (terms bad for Atlantica)": [
            "aligned", "hawk", "with atlantica",
        ],
        "what a faction leaning toward Borealia blocks (terms good for Atlantica)": [
            "toward borealia", "towards borealia", "opposed", "sides with borealia",
            "side with borealia", "leans the other way", "against atlantica",
        ],
        "better terms for Atlantica (tied hands)": [
            "better terms", "tied hand", "pull", "push", "higher terms",
            "more favourable", "more favorable",
        ],
        "the comparison with the same Atlantica without that veto": [
            "without", "never improve", "cut off", "cuts off", "own end", "holds the agreement",
        ],
        "what Δ compares with (a unitary Atlantica), so its sign depends on the configuration": [
            "unitary", "one actor", "as one", "benchmark", "configuration",
        ],
    },
)  # fmt: skip
