"""The checks of lessons 03, 04 and 05: right answers pass, wrong ones get a kind hint.

Every right answer here is computed through the kit (from each lesson module's scenario),
never typed in; the wrong answers are the mistakes students make (a unitary zone instead of
the divided one, Nash instead of split, the wrong sign, an answer of the wrong kind), and
their hints must never contain the expected number.
"""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_kit as nk
from negotiation_kit.exercises import check, lesson03, lesson04, lesson05, tasks

ROOT = Path(__file__).resolve().parent.parent
LESSONS = {"03": "03_tied_hands", "04": "04_political_processes", "05": "05_configurations"}
OUR_TASKS = [t for t in tasks() if t[:2] in LESSONS]
LINE = nk.Line()


pytestmark = pytest.mark.usefixtures("scratch_folder")


def delta(talks: nk.Negotiation) -> float:
    return talks.desirability("Atlantica")


def spellings(value: float) -> list[str]:
    """The ways a hint could leak ``value``: rounded to 2 to 4 decimals, and in full."""
    shown = {f"{value:.{d}f}" for d in (2, 3, 4)} | {repr(value), repr(round(value, 6))}
    return sorted(s.lstrip("-") for s in shown if s.strip("-0.") != "")


def assert_hint(task_id: str, answer: object, *secrets: float, says: str = "") -> str:
    """``answer`` fails with a hint that names no secret and (optionally) contains ``says``."""
    result = check(task_id, answer)
    assert result.passed is False, f"{task_id}: {answer!r} should fail, got {result}"
    for secret in secrets:
        for spelled in spellings(secret):
            assert not re.search(rf"(?<![\d.]){re.escape(spelled)}(?!\d)", result.message), (
                f"{task_id}: the hint {result.message!r} gives away {spelled}"
            )
    assert says in result.message, f"{task_id}: expected {says!r} in {result.message!r}"
    return result.message


def assert_read(task_id: str, answer: str, says: str) -> None:
    """An explanation is never marked: kept for the instructor, with at most a hint."""
    result = check(task_id, answer)
    assert result.passed is None and "instructor" in result.message, result
    assert says in result.message, f"{task_id}: expected {says!r} in {result.message!r}"


def trend(before: float, after: float) -> str:
    if math.isclose(before, after, abs_tol=1e-9):
        return "stays the same"
    return "rises" if after > before else "falls"


# ---------------------------------------------------------------------------------- lesson 03


def test_03_scenario_has_the_shape_of_worked_example_e2() -> None:
    """W_A rises at slope 1 and the hawk's veto binds inside Borealia's win-set (tied hands)."""
    talks = lesson03.scenario()
    assert talks.a.welfare(1.0) - talks.a.welfare(0.0) == pytest.approx(1.0)
    ((low, high),) = talks.zone().intervals
    assert (low, high) == pytest.approx((lesson03.HAWK_RESERVATION, lesson03.B_RESERVATION))


def test_03_1_break_even() -> None:
    ((low, _),) = lesson03.scenario().a.unitary().win_set(LINE).intervals
    assert check("03.1", low).passed is True
    assert_hint("03.1", low + 0.05, low, says="not right yet")
    assert_hint("03.1", lesson03.HAWK_RESERVATION, low, says="one faction's reservation")
    plain_mean = (lesson03.HAWK_RESERVATION + lesson03.DOVE_RESERVATION) / 2
    assert_hint("03.1", plain_mean, low, says="weigh each by its faction's stake")


def test_03_2_zone() -> None:
    talks = lesson03.scenario()
    zone = talks.zone()
    ((low, high),) = zone.intervals
    assert check("03.2", zone).passed is True
    assert check("03.2", (low, high)).passed is True
    assert check("03.2", [round(low, 4), round(high, 4)]).passed is True
    unitary_zone = dataclasses.replace(talks, a=talks.a.unitary()).zone().intervals[0]
    assert_hint("03.2", unitary_zone, low, high, says="unitary")
    assert_hint("03.2", (high, low), low, high, says="low end first")
    assert_hint("03.2", (low, high + 0.1), low, high, says="high end of the zone")
    assert_hint("03.2", [low, high, 1.0], low, high, says="pair of numbers")


def test_03_3_delta() -> None:
    talks = lesson03.scenario()
    expected = delta(talks)
    assert check("03.3", expected).passed is True
    assert check("03.3", round(expected, 4)).passed is True
    divided_welfare = talks.outcome().welfare["Atlantica"]
    assert_hint("03.3", divided_welfare, expected, says="subtracts")
    assert_hint("03.3", delta(lesson03.scenario(solution="split")), expected, says="split")
    assert_hint("03.3", -expected, expected, says="sign")
    assert_hint("03.3", expected + 0.2, expected, says="not right yet")
    assert_hint("03.3", float("nan"), expected, says="NaN")


def test_03_4_prediction_follows_the_kit() -> None:
    before = delta(lesson03.scenario())
    after = delta(lesson03.scenario(hawk_share=lesson03.NEW_HAWK_SHARE))
    right = trend(before, after)
    assert check("03.4", right.upper()).passed is True
    for wrong in set(lesson03.TRENDS) - {right}:
        assert_hint("03.4", wrong, says="not quite")
    assert_hint("03.4", "maybe", says="should be one of")


def test_03_5_ratification_by_hand() -> None:
    atlantica = lesson03.scenario().a

    def by_hand(x: float) -> bool:
        return all(float(g) >= 0 for g in atlantica.gains(x))

    assert check("03.5", by_hand).passed is True
    assert check("03.5", lambda x: x >= lesson03.HAWK_RESERVATION).passed is True
    assert_hint("03.5", lambda x: x >= 0.2, says="would ratify")  # forgot the hawk's veto
    assert_hint("03.5", lambda x: "yes", says="True or False")
    assert_hint("03.5", lambda x: 1 / 0, says="ZeroDivisionError")
    assert_hint("03.5", lambda x: None if x > 0.5 else False, says="returned None")
    assert_hint("03.5", 0.7, says="should be a function")


def test_03_5_placeholder_function_is_unanswered() -> None:
    def ratifies(x: float) -> None: ...

    assert check("03.5", ratifies).passed is None
    assert check("03.5", lambda x: None).passed is None


def test_03_6_explanation() -> None:
    model = (
        "Under unanimity the steelworkers can veto anything below their reservation point, so "
        "the zone of agreement shrinks and Borealia must accept better terms for Atlantica: "
        "tied hands. If Borealia accepted less than the hawk demands, the zone would be empty "
        "and there would be no deal."
    )
    assert_read("03.6", model, says="model answer")
    assert_read("03.6", "The veto helps.", says="short")
    missing_zone = model.replace("zone of agreement shrinks", "range shrinks").replace(
        "the zone would be empty and", ""
    )
    assert_read("03.6", missing_zone, says="the zone of agreement")


# ---------------------------------------------------------------------------------- lesson 04


def test_04_1_quota_win_set() -> None:
    win_set = lesson04.scenario(nk.Quota(lesson04.QUOTA)).a.win_set(LINE)
    assert check("04.1", win_set).passed is True
    assert check("04.1", win_set.intervals).passed is True
    assert check("04.1", win_set.intervals[0]).passed is True  # one bare pair is read kindly
    ((low, high),) = win_set.intervals
    unanimity = lesson04.scenario(nk.Unanimity()).a.win_set(LINE).intervals
    majority = lesson04.scenario(nk.Majority()).a.win_set(LINE).intervals
    assert_hint("04.1", unanimity, low, says="unanimity")
    assert_hint("04.1", majority, low, says="majority")
    assert_hint("04.1", [(low, 0.5), (0.6, high)], low, says="interval")
    assert_hint("04.1", [(low + 0.1, high)], low, says="not right yet")
    assert_hint("04.1", [], low, says="interval")


def test_04_2_majority_with_split() -> None:
    talks = lesson04.scenario(nk.Majority(), solution="split")
    expected = delta(talks)
    assert expected < 0, "a dovish majority under split should cost Atlantica"
    assert check("04.2", expected).passed is True
    assert_hint("04.2", delta(dataclasses.replace(talks, solution="nash")), expected, says="Nash")
    assert_hint("04.2", -expected, expected, says="sign")
    assert_hint("04.2", expected - 0.3, expected, says="not right yet")
    assert_hint("04.2", "-0.1", says="should be a number")


def test_04_3_prediction_follows_the_kit() -> None:
    def agreement(share: float) -> float:
        deal = lesson04.scenario(nk.Quota(share), lesson04.E4_WEIGHTS).outcome().agreement
        assert deal is not None
        return float(deal)

    right = trend(agreement(lesson04.QUOTA), agreement(lesson04.NEW_QUOTA))
    assert check("04.3", f"  {right} ").passed is True
    for wrong in set(lesson04.TRENDS) - {right}:
        assert_hint("04.3", wrong, says="not quite")


def test_04_4_quota_by_hand() -> None:
    atlantica = lesson04.scenario().a

    def by_hand(x: float, share: float) -> bool:
        gains = atlantica.gains(x)
        accepting = sum(f.weight for f, g in zip(atlantica.factions, gains, strict=True) if g >= 0)
        return accepting >= share * sum(f.weight for f in atlantica.factions)

    def counting_heads(x: float, share: float) -> bool:  # forgets the political weights
        accepting = sum(1 for g in atlantica.gains(x) if g >= 0)
        return accepting >= share * len(atlantica.factions)

    assert check("04.4", by_hand).passed is True
    assert_hint("04.4", lambda x, share: True, says="would ratify")
    assert_hint("04.4", lambda x, share: x >= 0.55, says="would not ratify")
    assert_hint("04.4", counting_heads, says="weight")
    assert_hint("04.4", lambda x: True, says="TypeError")


def test_04_5_gridlock_prediction_follows_the_kit() -> None:
    assert lesson04.spatial().win_set(lesson04.PLANE).is_empty, "E6 is gridlocked"
    moved = lesson04.spatial(lesson04.NEW_FARM).win_set(lesson04.PLANE)
    right = lesson04.GRIDLOCK[0] if moved.is_empty else lesson04.GRIDLOCK[1]
    assert check("04.5", right).passed is True
    assert_hint("04.5", next(g for g in lesson04.GRIDLOCK if g != right), says="triangle")
    assert_hint("04.5", True, says="should be one of")


def test_04_6_explanation() -> None:
    model = (
        "Each faction accepts only moves closer to its ideal point than the status quo. The "
        "status quo lies inside the triangle of ideal points, so any move hurts one faction, "
        "which vetoes it. Under majority any two factions can agree on a move."
    )
    assert_read("04.6", model, says="model answer")
    assert_read("04.6", model.replace("majority", "another rule").replace("any two", "some"),
                says="majority")  # fmt: skip


# ---------------------------------------------------------------------------------- lesson 05


def test_05_1_aligned_hawk() -> None:
    talks = lesson05.scenario("aligned", lesson05.ALIGNED_RESERVATION)
    expected = delta(talks)
    assert expected > 0, "an aligned hawk inside the zone should help (tied hands)"
    assert check("05.1", expected).passed is True
    assert_hint("05.1", talks.outcome().welfare["Atlantica"], expected, says="subtracts")
    assert_hint("05.1", expected + 0.05, expected, says="not right yet")
    assert_hint("05.1", [expected], expected, says="should be a number")


def test_05_2_opposed_win_set() -> None:
    win_set = lesson05.scenario("opposed", lesson05.OPPOSED_RESERVATION).a.win_set(LINE)
    ((low, high),) = win_set.intervals
    assert check("05.2", win_set).passed is True
    assert check("05.2", [(low, high)]).passed is True
    aligned = lesson05.scenario("aligned", lesson05.OPPOSED_RESERVATION).a.win_set(LINE)
    assert_hint("05.2", aligned.intervals, high, says="leaning *with* Atlantica")
    assert_hint("05.2", [(low, high + 0.2)], high, says="not right yet")
    assert_hint("05.2", [(low, 0.05), (0.06, high)], high, says="one interval")


def test_05_3_opposed_delta() -> None:
    expected = delta(lesson05.scenario("opposed", lesson05.OPPOSED_RESERVATION))
    assert expected < 0, "a binding opposed veto should hurt"
    assert check("05.3", expected).passed is True
    assert_hint("05.3", -expected, expected, says="sign")
    assert_hint("05.3", 0.0, expected, says="not right yet")


def test_05_4_prediction_follows_the_kit() -> None:
    before = delta(lesson05.scenario("opposed", lesson05.OPPOSED_RESERVATION))
    after = delta(
        lesson05.scenario("opposed", lesson05.OPPOSED_RESERVATION, lesson05.NEW_B_RESERVATION)
    )
    right = trend(before, after)
    assert check("05.4", right).passed is True
    for wrong in set(lesson05.TRENDS) - {right}:
        assert_hint("05.4", wrong, says="not quite")


def test_05_5_delta_function() -> None:
    def by_kit(lean: str, reservation: float) -> float:
        return delta(lesson05.scenario(lean, reservation))

    def wrong_sign(lean: str, reservation: float) -> float:  # both leanings built aligned
        return delta(lesson05.scenario("aligned", reservation))

    assert check("05.5", by_kit).passed is True
    assert_hint("05.5", wrong_sign, says="delta('opposed'")
    assert_hint("05.5", lambda lean, reservation: 0.0, says="not right yet")
    assert_hint("05.5", lambda lean, reservation: "big", says="should be a number")
    assert_hint("05.5", lambda lean: 0.0, says="TypeError")


def test_05_6_threshold() -> None:
    expected = lesson05.threshold("opposed")
    below, above = expected - 0.02, expected + 0.02
    assert delta(lesson05.scenario("opposed", below)) < 0
    assert delta(lesson05.scenario("opposed", above)) == pytest.approx(0.0, abs=1e-12)
    assert check("05.6", expected).passed is True
    assert check("05.6", round(expected, 2)).passed is True  # a scan in steps of 0.01
    aligned = lesson05.threshold("aligned")
    assert delta(lesson05.scenario("aligned", aligned + 0.02)) > 0
    assert_hint("05.6", aligned, expected, says="aligned hawk")
    assert_hint("05.6", lesson05.OPPOSED_RESERVATION, expected, says="not right yet")
    assert_hint("05.6", lesson05.B_RESERVATION, expected, says="delta function")


def test_05_7_explanation() -> None:
    model = (
        "An aligned hawk vetoes terms that are bad for Atlantica, so it can pull the agreement "
        "toward better terms and delta can be positive. A faction that leans toward Borealia "
        "vetoes the terms that are good for Atlantica: compared with the nation without that "
        "veto it never improves the outcome. Δ compares with a unitary Atlantica, so its sign "
        "depends on the configuration."
    )
    assert_read("05.7", model, says="model answer")
    vague = model.replace("pull the agreement toward better terms", "change the agreement")
    assert_read("05.7", vague, says="tied hands")
    assert_read("05.7", model.replace("An aligned hawk", "One group"), says="aligned hawk")


def test_05_7_an_opposed_veto_can_come_with_a_positive_delta() -> None:
    """Issue 13: "Δ <= 0 with an opposed veto" is false; the rubric's counterexample holds."""
    exporters = nk.Faction("exporters", nk.Linear(2 / 3, 0.6))
    importers = nk.Faction("importers", nk.Linear(-1 / 3, 0.9))
    divided = nk.Nation("Atlantica", (exporters, importers), rule=nk.Unanimity())
    borealia = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, 0.8)),))
    talks = nk.Negotiation(divided, borealia, LINE)
    assert round(talks.desirability("Atlantica"), 3) == 0.017
    without = nk.Nation("Atlantica", (exporters, importers), rule=nk.Leader("exporters"))
    with_veto = talks.outcome().welfare["Atlantica"]
    assert with_veto <= nk.Negotiation(without, borealia, LINE).outcome().welfare["Atlantica"]
    rubric = (ROOT / "solutions" / "05_configurations.ipynb").read_text(encoding="utf-8")
    assert "+0.017" in rubric and "without that veto" in rubric


# ------------------------------------------------------------------------ every task, every kind


ODD_ANSWERS: list[Any] = [
    "a string", float("nan"), float("inf"), [1, 2, 3], [(0.1,)], object(), {"a": 1}, True,
    -7, b"bytes", lambda *args: 1 / 0, len,
]  # fmt: skip


@pytest.mark.parametrize("task_id", OUR_TASKS)
@pytest.mark.parametrize("answer", ODD_ANSWERS, ids=lambda a: type(a).__name__)
def test_odd_answers_never_raise_and_never_pass(task_id: str, answer: object) -> None:
    result = check(task_id, answer)
    assert result.passed is not True
    assert "could not check" not in result.message, result.message


@pytest.mark.parametrize("task_id", OUR_TASKS)
def test_placeholders_are_unanswered(task_id: str) -> None:
    for placeholder in (None, ..., "", "  ", "\n...\n"):
        assert check(task_id, placeholder).passed is None


@settings(max_examples=60, deadline=None)
@given(
    task_id=st.sampled_from(OUR_TASKS),
    answer=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=40),
        st.lists(st.floats(-2, 2), max_size=4),
        st.lists(st.tuples(st.floats(-2, 2), st.floats(-2, 2)), max_size=3),
    ),
)
def test_checks_never_raise(task_id: str, answer: object) -> None:
    result = check(task_id, answer)
    assert result.passed in (True, False, None)
    assert str(result).startswith(("✓", "✗", "…", "✎"))


# ------------------------------------------------------------------- the solutions notebooks


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_each_solution_notebook_asks_every_task_of_its_lesson(lesson: str) -> None:
    notebook = nbformat.read(ROOT / "solutions" / f"{LESSONS[lesson]}.ipynb", as_version=4)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    ours = [t for t in OUR_TASKS if t.startswith(lesson)]
    assert len(ours) >= 4
    assert sorted(re.findall(rf'check\("({lesson}\.\d+)"', code)) == ours
    for task_id in ours:
        assert f"Task {task_id}" in text, f"no markdown cell states task {task_id}"
    for cell in notebook.cells:
        if cell.cell_type == "code" and "check(" in cell.source:
            last = cell.source.rstrip().splitlines()[-1]
            assert last.startswith("check("), f"the check must be the last line: {last!r}"
