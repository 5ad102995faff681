"""The checks of lesson 9 (uncertain ratification): right answers pass, wrong ones get a hint.

Every right answer is computed here through the kit, from the nations the solution notebook
builds (so a checker whose scenario drifts from its notebook fails); every wrong answer must
fail with a kind hint that never contains the expected number.
"""

from __future__ import annotations

import re

import pytest

import negotiation_kit as nk
from negotiation_kit.exercises import Check, check, kind, lesson09, tasks

LINE = nk.Line()
BOREALIA = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(stake=-1, reservation=0.85))])


def atlantica(low: float, high: float) -> nk.Nation:
    """Solution 09's Atlantica: exporters 0.5 (x + 0.2), steelworkers 0.5 (x - r), r uniform."""
    exporters = nk.Faction("exporters (dove)", nk.Linear(stake=0.5, reservation=-0.2))
    hawk = nk.Linear(stake=0.5, reservation=nk.Uniform(low, high))
    steelworkers = nk.Faction("steelworkers (hawk)", hawk)
    return nk.Nation("Atlantica", [exporters, steelworkers], rule=nk.Unanimity())


NARROW = nk.Negotiation(atlantica(0.55, 0.75), BOREALIA, LINE)
WIDE = nk.Negotiation(atlantica(0.45, 0.85), BOREALIA, LINE)
EXPLANATION = (
    "A deal signed under uncertainty may fail at home, so each side weighs it by its chance of "
    "ratification. With little doubt Borealia concedes terms that are safe, an insurance premium "
    "for Atlantica; with a lot of doubt both expect less, and the truth revealed helps both."
)


def right_answers() -> dict[str, object]:
    """The right answer of every task, computed through the kit as the solution does."""
    narrow_a = NARROW.outcome().welfare["Atlantica"]
    wide_a = WIDE.outcome().welfare["Atlantica"]
    return {
        "09.1": float(NARROW.a.ratification_probability(0.7)),
        "09.2": NARROW.expected_welfare(0.7)["Borealia"],
        "09.3": "falls" if wide_a < narrow_a - 1e-9 else "rises or stays",
        "09.4": lambda x: min(1.0, max(0.0, (x - 0.55) / 0.2)),
        "09.5": NARROW.revelation_value("Atlantica"),
        "09.6": EXPLANATION,
    }


RIGHT = right_answers()
MARKED = sorted(t for t in RIGHT if kind(t) != "explain")


pytestmark = pytest.mark.usefixtures("scratch_folder")


def assert_hint(result: Check, expected: float | None = None, says: str = "") -> None:
    """A ✗ with a sentence of a hint (containing ``says``) that does not give ``expected``."""
    assert result.passed is False, result
    assert len(result.message.split()) >= 4, result
    assert says in result.message, result
    if expected is not None:
        numbers = [float(m) for m in re.findall(r"-?\d+(?:\.\d+)?", result.message)]
        assert not [v for v in numbers if abs(v - expected) < 1e-3], f"{result} reveals {expected}"


def test_the_checkers_use_the_solution_notebooks_scenario() -> None:
    assert lesson09.scenario(lesson09.NARROW).outcome().agreement == NARROW.outcome().agreement
    assert lesson09.scenario(lesson09.WIDE).outcome().welfare == pytest.approx(
        WIDE.outcome().welfare, abs=1e-12
    )
    assert sorted(RIGHT) == [t for t in tasks() if t.startswith("09.")]


def test_the_narrow_range_is_u1_shifted_and_the_wide_one_a_gamble() -> None:
    """As the lesson: a safe deal, then a risky one (docs/model.md §8)."""
    narrow, wide = NARROW.outcome(), WIDE.outcome()
    assert narrow.agreement == pytest.approx(0.75, abs=1e-6)
    assert narrow.ratification_probability == pytest.approx(1.0)
    assert 0 < wide.ratification_probability < 0.8
    assert NARROW.revelation_value("Atlantica") == pytest.approx(-0.1, abs=1e-6)


@pytest.mark.parametrize("task_id", MARKED)
def test_the_right_answer_passes(task_id: str) -> None:
    result = check(task_id, RIGHT[task_id])
    assert result.passed is True, result


def test_an_explanation_is_kept_for_the_instructor() -> None:
    assert check("09.6", EXPLANATION).passed is None


@pytest.mark.parametrize("task_id", sorted(RIGHT))
@pytest.mark.parametrize("answer", [None, ..., "", "   "], ids=repr)
def test_a_placeholder_is_not_answered_yet(task_id: str, answer: object) -> None:
    assert check(task_id, answer).passed is None


ODD = ["a lot", "0.5", float("nan"), float("inf"), [1, 2, 3], (0.1,), True, {"x": 1}]


@pytest.mark.parametrize("task_id", MARKED)
@pytest.mark.parametrize("answer", ODD, ids=lambda a: type(a).__name__ + repr(a)[:12])
def test_an_answer_of_the_wrong_kind_gets_a_hint(task_id: str, answer: object) -> None:
    expected = RIGHT[task_id]
    assert_hint(check(task_id, answer), expected if isinstance(expected, float) else None)


def test_the_chance_of_rejection_or_a_percentage_gets_its_own_hint() -> None:
    chance = RIGHT["09.1"]
    assert isinstance(chance, float)
    assert_hint(check("09.1", 1 - chance), chance, says="reject")
    assert_hint(check("09.1", 100 * chance), chance, says="per cent")
    assert_hint(check("09.1", chance + 0.1), chance, says="two decimals")


def test_the_gain_if_ratified_is_not_the_expected_welfare() -> None:
    expected = RIGHT["09.2"]
    assert isinstance(expected, float)
    assert_hint(check("09.2", 0.85 - 0.7), expected, says="weigh it by the chance")


def test_a_wrong_prediction_gets_a_question_not_the_answer() -> None:
    for wrong in set(lesson09.TRENDS) - {RIGHT["09.3"]}:
        assert_hint(check("09.3", wrong), says="Borealia")


def test_a_probability_without_its_edges_is_caught() -> None:
    assert_hint(check("09.4", lambda x: (x - 0.55) / 0.2), says="between 0 and 1")
    assert_hint(check("09.4", lambda x: min(1.0, max(0.0, (x - 0.45) / 0.4))), says="share")


def test_a_function_that_wraps_the_kit_is_recognised() -> None:
    result = check("09.4", lambda x: float(lesson09.atlantica().ratification_probability(x)))
    assert result.passed is False and "wraps-kit" in result.flags, result


def test_the_value_of_revelation_hints_at_the_sign_and_the_nation() -> None:
    value = RIGHT["09.5"]
    assert isinstance(value, float)
    assert_hint(check("09.5", -value), value, says="sign")
    assert_hint(check("09.5", value + 0.05), value, says="two decimals")
