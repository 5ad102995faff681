"""The checks of lessons 6, 7 and 8: right answers pass, wrong ones get a kind, specific hint.

Every right answer is computed here through the kit, from the nations the solution notebooks
build (so a checker whose scenario drifts from its notebook fails); every wrong answer must
fail with a hint that never contains the expected number.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

import negotiation_kit as nk
from negotiation_kit.exercises import Check, check, evaluate, kind, lesson06, lesson08, tasks

ROOT = Path(__file__).resolve().parent.parent
LESSONS = {"06": "06_several_issues", "07": "07_side_payments", "08": "08_managing_differences"}
LINE = nk.Line()
BOREALIA = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(stake=-1, reservation=0.8))])


# ------------------------------------------------------------ the notebooks' nations, rebuilt


def two_issues(divided: bool = True) -> nk.Negotiation:
    """Solution 06's negotiation: issues weighed 0.7/0.3 and 0.3/0.7, the farm lobby at 0.7."""
    industry = nk.Faction("industry", nk.Additive(weights=(0.7, 0.0), threshold=0.09))
    farm_lobby = nk.Faction("farm lobby", nk.Additive(weights=(0.0, 0.3), threshold=0.21))
    rule = nk.Leader("industry", vetoes=["farm lobby"]) if divided else nk.NationalWelfare()
    atlantica = nk.Nation("Atlantica", [industry, farm_lobby], rule=rule)
    gain = nk.Additive(weights=(-0.3, -0.7), threshold=-0.7)
    borealia = nk.Nation("Borealia", [nk.Faction("Borealia", gain)])
    return nk.Negotiation(atlantica, borealia, nk.Plane())


def leaky_atlantica(efficiency: float = 0.0) -> nk.Nation:
    """Solution 07's Atlantica: exporters 0.6 (x + 0.4), steelworkers 0.4 (x - 0.85)."""
    factions = [
        nk.Faction("exporters (dove)", nk.Linear(stake=0.6, reservation=-0.4)),
        nk.Faction("steelworkers (hawk)", nk.Linear(stake=0.4, reservation=0.85)),
    ]
    payments = nk.SidePayments(efficiency=efficiency)
    return nk.Nation("Atlantica", factions, rule=nk.Unanimity(), side_payments=payments)


def paying_atlantica(hawk: float, budget: float) -> nk.Nation:
    """Solution 08's Atlantica: W_A = x - 0.2, efficient payments up to ``budget``."""
    exporters = nk.Faction("exporters (dove)", nk.Linear(stake=0.5, reservation=0.4 - hawk))
    steelworkers = nk.Faction("steelworkers (hawk)", nk.Linear(stake=0.5, reservation=hawk))
    payments = nk.SidePayments(efficiency=1.0, budget=budget)
    return nk.Nation("Atlantica", [exporters, steelworkers], side_payments=payments)


def right_answers() -> dict[str, object]:
    """The right answer of every task, computed through the kit as the solutions do."""
    divided = two_issues()
    welfare = divided.a.welfare
    joint = welfare((1, 0)) + divided.b.welfare((1, 0))
    joint -= welfare((0.5, 0.5)) + divided.b.welfare((0.5, 0.5))
    delta = divided.desirability("Atlantica")
    distributive = lesson06.scenario(integrative=0.0).desirability("Atlantica")
    costs = "the same" if abs(distributive - delta) < 0.01 else "more"
    costs = "less" if distributive > delta + 0.01 else costs
    atlantica = leaky_atlantica()
    efficient, leaky = (
        nk.Negotiation(leaky_atlantica(e), BOREALIA, LINE).outcome().agreement for e in (1, 0.5)
    )
    assert efficient is not None and leaky is not None
    unlimited = nk.Negotiation(paying_atlantica(0.6, math.inf), BOREALIA, LINE).outcome()
    foreclosed = nk.Negotiation(paying_atlantica(0.6, 0.0), BOREALIA, LINE).outcome()
    gainers = [n for n in ("Atlantica", "Borealia") if unlimited.welfare[n] > foreclosed.welfare[n]]
    two_sided = nk.Negotiation(paying_atlantica(0.6, math.inf), lesson08.borealia("divided"), LINE)
    ahead = max(two_sided.outcome().welfare.items(), key=lambda item: item[1])[0]
    return {
        "06.1": joint,
        "06.2": two_issues(divided=False).outcome().agreement,  # the logroll: Pareto-efficient
        "06.3": delta,
        "06.4": costs,
        "06.5": lambda x, y: 0.7 * x - 0.09 >= 0 and 0.3 * y - 0.21 >= 0,
        "06.6": EXPLANATIONS["06.6"],
        "07.1": atlantica.compensation(0.5),
        "07.2": lambda x: max(0, -0.6 * (x + 0.4)) + max(0, -0.4 * (x - 0.85)),
        "07.3": leaky_atlantica(0.5).win_set(LINE),
        "07.4": "rises" if leaky > efficient else "falls",
        "07.5": atlantica.compensation(0.8) / atlantica.gains(0.8)[0],
        "07.6": EXPLANATIONS["07.6"],
        "08.1": nk.Negotiation(paying_atlantica(0.7, lesson08.SIZED), BOREALIA, LINE).desirability(
            "Atlantica"
        ),
        "08.2": gainers[0] if len(gainers) == 1 else ("both" if gainers else "neither"),
        "08.3": lambda budget: max(0.2, 0.7 - 2 * budget),
        "08.4": paying_atlantica(0.95, 0.0).compensation(0.8),
        "08.5": ahead,
        "08.6": EXPLANATIONS["08.6"],
    }


EXPLANATIONS = {
    "06.6": (
        "Atlantica cares most about industry and Borealia about agriculture, so a logroll "
        "that trades issue 1 for issue 2 creates joint gains for both nations. The farm "
        "lobby's veto on issue 2 cuts that trade off and destroys value. In a distributive "
        "bargain there is nothing to trade, so the veto only moves the deal."
    ),
    "07.6": (
        "To ratify low terms the exporters must compensate the steelworkers. With efficiency "
        "0.5 half of every payment is lost, a deadweight, so the negotiator serves net "
        "welfare. Better terms shrink the steelworkers' loss and the waste, so the negotiator "
        "holds out for more."
    ),
    "08.6": (
        "Foreclosing payments keeps the steelworkers' veto binding: tied hands win better "
        "terms. Borealia prefers a partner able to pay, since then the hawk no longer binds. "
        "But a hawk who asks too much means no deal, and then a budget just large enough to "
        "open the zone rescues the agreement."
    ),
}
RIGHT = right_answers()
MINE = [task_id for task_id in tasks() if task_id[:2] in LESSONS]
MARKED = sorted(t for t in RIGHT if kind(t) != "explain")
KIT_WRAPS = {
    "06.5": lambda x, y: bool(two_issues().a.ratifies((x, y))),
    "07.2": lambda x: float(leaky_atlantica().compensation(x)),
    "08.3": lambda budget: paying_atlantica(0.7, budget).win_set(LINE).intervals[0][0],
}


pytestmark = pytest.mark.usefixtures("scratch_folder")


def numbers_in(message: str) -> list[float]:
    return [float(m) for m in re.findall(r"-?\d+(?:\.\d+)?", message)]


def assert_hint(result: Check, expected: float | None = None) -> None:
    """A ✗ with a sentence of a hint that does not give ``expected`` away."""
    assert result.passed is False, result
    assert len(result.message.split()) >= 4, result
    if expected is not None:
        leaked = [v for v in numbers_in(result.message) if abs(v - expected) < 1e-3]
        assert not leaked, f"{result} reveals {expected}"


# ------------------------------------------------------------------------------- the tasks


def test_each_lesson_has_at_least_four_tasks_and_every_task_a_right_answer() -> None:
    for lesson in LESSONS:
        assert sum(t.startswith(lesson + ".") for t in MINE) >= 4, lesson
    assert sorted(RIGHT) == MINE


@pytest.mark.parametrize("task_id", MARKED)
def test_the_right_answer_passes(task_id: str) -> None:
    result = check(task_id, RIGHT[task_id])
    assert result.passed is True, result
    assert str(result).startswith(f"✓ {task_id} ")


@pytest.mark.parametrize("task_id", sorted(KIT_WRAPS))
def test_a_function_that_wraps_the_kit_is_recognised(task_id: str) -> None:
    result = check(task_id, KIT_WRAPS[task_id])
    assert result.passed is False and "wraps-kit" in result.flags, result
    assert "kit's own" in result.message


@pytest.mark.parametrize("task_id", sorted(RIGHT))
@pytest.mark.parametrize("answer", [None, ..., "", "   "], ids=repr)
def test_a_placeholder_is_not_answered_yet(task_id: str, answer: object) -> None:
    assert check(task_id, answer).passed is None


class Thing:
    """An object of no use as an answer."""


ODD = [
    "a lot", "0.5", float("nan"), float("inf"), [1, 2, 3], [], (0.1,), Thing(), True, {"x": 1},
]  # fmt: skip


@pytest.mark.parametrize("task_id", MARKED)
@pytest.mark.parametrize("answer", ODD, ids=lambda a: type(a).__name__ + repr(a)[:12])
def test_an_answer_of_the_wrong_kind_gets_a_hint(task_id: str, answer: object) -> None:
    expected = RIGHT[task_id]
    assert_hint(check(task_id, answer), expected if isinstance(expected, float) else None)


def number(task_id: str) -> float:
    """The right answer of a task whose answer is a number."""
    value = RIGHT[task_id]
    assert isinstance(value, float)
    return value


NUMBERS = [task_id for task_id, answer in RIGHT.items() if isinstance(answer, float)]


@pytest.mark.parametrize("task_id", NUMBERS)
@pytest.mark.parametrize("shift", [-0.5, -0.05, 0.02, 0.3])
def test_a_wrong_number_gets_a_hint_without_the_answer(task_id: str, shift: float) -> None:
    expected = number(task_id)
    result = check(task_id, expected + shift)
    assert_hint(result, expected)


@pytest.mark.parametrize(("task_id", "options"), [
    ("06.4", ("more", "less", "the same")),
    ("07.4", ("rises", "falls", "stays")),
    ("08.2", ("Atlantica", "Borealia", "both", "neither")),
    ("08.5", ("Atlantica", "Borealia", "no deal")),
])  # fmt: skip
def test_a_wrong_prediction_gets_one_hint_for_all_wrong_options(
    task_id: str, options: tuple[str, ...]
) -> None:
    right = RIGHT[task_id]
    assert check(task_id, f"  {str(right).upper()} ").passed is True  # case and spaces
    hints = {evaluate(task_id, option).message for option in options if option != right}
    assert len(hints) == 1, "the hint must not depend on (and so reveal) the right option"
    assert_hint(check(task_id, next(o for o in options if o != right)))


def test_specific_hints_for_typical_mistakes() -> None:
    logroll_alone = lesson06.joint_gain(lesson06.LOGROLL)
    assert "compromise" in check("06.1", logroll_alone).message
    assert "sign" in check("06.3", -number("06.3")).message
    assert "never negative" in check("07.1", -number("07.1")).message
    assert "between 0 and 1" in check("07.5", 2).message
    net = nk.Negotiation(paying_atlantica(0.7, lesson08.SIZED), BOREALIA, LINE).outcome()
    assert "net welfare" in check("08.1", net.welfare["Atlantica"]).message
    foreclosed = nk.Negotiation(paying_atlantica(0.7, 0.0), BOREALIA, LINE)
    assert "foreclosed" in check("08.1", foreclosed.desirability("Atlantica")).message
    assert "negative" in check("08.4", -0.1).message


def test_a_deal_better_for_both_is_checked_through_both_nations() -> None:
    talks = two_issues(divided=False)
    compromise = (0.5, 0.5)
    assert check("06.2", (..., ...)).passed is None
    assert "no better off" in check("06.2", compromise).message
    for deal in [(1.0, 1.0), (0.0, 0.0), (0.5, 0.9)]:
        worse = [n.name for n in (talks.a, talks.b) if n.welfare(deal) < n.welfare(compromise)]
        result = check("06.2", deal)
        assert_hint(result)
        assert f"{worse[0]} is worse off" in result.message
    assert "between 0 and 1" in check("06.2", (1.5, -0.5)).message
    assert "pair of numbers" in check("06.2", (0.2, 0.3, 0.4)).message
    assert check("06.2", [0.9, 0.2]).passed is True  # a list is a pair too


def test_the_win_set_check_reads_the_shape_first() -> None:
    right = leaky_atlantica(0.5).win_set(LINE).intervals
    assert check("07.3", right).passed is True
    assert check("07.3", right[0]).passed is True  # one bare pair is read as one interval
    assert_hint(check("07.3", [*right, (0.0, 0.1)]), right[0][0])
    assert_hint(check("07.3", [(right[0][0] + 0.05, right[0][1])]), right[0][0])
    assert "low end first" in check("07.3", [(1.0, right[0][0])]).message


def unanswered_function(*args: object) -> None: ...


def raises(*args: object) -> float:
    raise ZeroDivisionError("a student's bug")


FUNCTIONS: dict[str, list[Callable[..., object]]] = {
    "06.5": [lambda x, y: 0.7 * x - 0.09 >= 0, lambda x, y: x + y, lambda x, y: "yes"],
    "07.2": [lambda x: 0.4 * (0.85 - x), lambda x: max(0, -0.4 * (x - 0.85)) + 0.01],
    "08.3": [lambda budget: 0.7 - 2 * budget, lambda budget: max(0.2, 0.7 - budget)],
}


@pytest.mark.parametrize("task_id", sorted(FUNCTIONS))
def test_a_function_task_treats_a_bare_body_as_unanswered_and_a_crash_as_a_hint(
    task_id: str,
) -> None:
    assert check(task_id, unanswered_function).passed is None
    result = check(task_id, raises)
    assert_hint(result)
    assert "ZeroDivisionError" in result.message


@pytest.mark.parametrize(("task_id", "wrong"), [(t, f) for t, fs in FUNCTIONS.items() for f in fs])
def test_a_wrong_function_gets_a_hint(task_id: str, wrong: Callable[..., object]) -> None:
    assert_hint(check(task_id, wrong))


@pytest.mark.parametrize("task_id", sorted(EXPLANATIONS))
def test_an_explanation_is_read_by_a_person_with_formative_hints_only(task_id: str) -> None:
    for answer in ["Because of the veto.", " ".join(["something"] * 40), EXPLANATIONS[task_id]]:
        result = check(task_id, answer)
        assert result.passed is None and "instructor" in result.message, result
    assert "short" in check(task_id, "Because of the veto.").message
    assert "could you say something about" in check(task_id, "something " * 40).message
    for odd in ODD:
        assert check(task_id, odd).passed is None


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_every_task_is_stated_and_checked_in_its_solution_notebook(lesson: str) -> None:
    notebook = nbformat.read(ROOT / "solutions" / f"{LESSONS[lesson]}.ipynb", as_version=4)
    text = "\n".join(cell.source for cell in notebook.cells)
    for task_id in (t for t in MINE if t.startswith(lesson + ".")):
        assert f"## Task {task_id} " in text, f"no markdown cell states task {task_id}"
        assert f'check("{task_id}", ' in text, f"no cell checks task {task_id}"
