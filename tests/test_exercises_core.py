"""The checking machinery of ``negotiation_kit.exercises``: readers, results, and fuzzing.

Every registered task is fuzzed with Hypothesis over arbitrary answers: ``check`` never raises
and always returns ✓, ✗ or "not answered yet".
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiation_kit import exercises
from negotiation_kit.exercises import MIME, Check, Unanswered, Wrong, _core, check, tasks


@pytest.fixture
def demo() -> Iterator[str]:
    """A throwaway task 98.1 expecting the number 0.6."""

    @exercises.task("98.1", "Demo width")
    def _checker(answer: object) -> str:
        exercises.close(exercises.number(answer, "the width"), 0.6, "the width")
        return "spot on."

    yield "98.1"
    _core._unregister("98.1")


# ----------------------------------------------------------------------------- results


def test_right_wrong_and_unanswered(demo: str) -> None:
    assert check(demo, 0.6).passed is True
    assert str(check(demo, 0.6)) == "✓ 98.1 Demo width: spot on."
    wrong = check(demo, 0.7)
    assert wrong.passed is False and str(wrong).startswith("✗ 98.1 Demo width: ")
    assert "too high" in wrong.message and "0.6" not in wrong.message
    assert "too low" in check(demo, 0.1).message
    for placeholder in (None, ..., "", "   ", "...", [..., ...], (..., 0.3)):
        result = check(demo, placeholder)
        assert result.passed is None, placeholder
        assert str(result) == "… 98.1 Demo width: not answered yet"


@pytest.mark.parametrize(
    "answer", [True, "0.6", "wide", math.nan, math.inf, [0.6], {"a": 1}, object(), 1j]
)
def test_wrong_kinds_of_answer_get_a_hint(demo: str, answer: object) -> None:
    result = check(demo, answer)
    assert result.passed is False
    assert "0.6" not in result.message.replace("'0.6'", "")
    assert result.message


def test_numpy_numbers_are_numbers(demo: str) -> None:
    assert check(demo, np.float64(0.6)).passed is True
    assert check(demo, np.array([0.6])).passed is True
    assert check(demo, np.int64(1)).passed is False


def test_unknown_task_lists_the_lesson_tasks() -> None:
    result = check("01.99", 1)
    assert result.passed is False and "01.1" in result.message
    assert check("zz", 1).passed is False
    assert check(None, 1).passed is False  # type: ignore[arg-type]

    class Hostile:
        def __repr__(self) -> str:
            raise RuntimeError("no")

        def __eq__(self, other: object) -> bool:
            raise RuntimeError("no")

        __hash__ = object.__hash__

    assert check(Hostile(), 1).passed is False  # type: ignore[arg-type]
    assert check("01.1", Hostile()).passed is False
    assert check("01.1", [Hostile(), Hostile()]).passed is False


def test_a_crashing_checker_is_a_cross_without_details() -> None:
    @exercises.task("98.2", "Crashes")
    def _checker(answer: object) -> None:
        raise ZeroDivisionError("expected 0.123")

    try:
        result = check("98.2", 1)
        assert result.passed is False
        assert "ZeroDivisionError" in result.message and "0.123" not in result.message
    finally:
        _core._unregister("98.2")


def test_registering_an_id_twice_is_an_error(demo: str) -> None:
    with pytest.raises(ValueError, match="twice"):
        exercises.task(demo, "again")(lambda answer: None)
    with pytest.raises(ValueError, match="look like"):
        exercises.task("3.2", "bad id")


def test_rich_display_carries_the_machine_readable_result(demo: str) -> None:
    bundle = check(demo, 0.6)._repr_mimebundle_()
    assert bundle[MIME] == {"task": "98.1", "passed": True}
    assert "✓" in str(bundle["text/html"]) and bundle["text/plain"] == str(check(demo, 0.6))
    assert json.loads(json.dumps(check(demo, None)._repr_mimebundle_()[MIME]))["passed"] is None
    assert "&lt;" in Check("98.1", "<b>", False, "x")._repr_html_()


# ------------------------------------------------------------------------------ readers


def test_interval_and_intervals() -> None:
    assert exercises.interval((0.2, 0.8), "the zone") == (0.2, 0.8)
    assert exercises.interval(np.array([0.2, 0.8]), "the zone") == (0.2, 0.8)
    assert exercises.intervals([], "the win-set") == []
    assert exercises.intervals([(0.6, 1), (0, 0.2)], "the win-set") == [(0, 0.2), (0.6, 1)]
    assert exercises.intervals((0.2, 0.8), "the win-set") == [(0.2, 0.8)]
    for bad in [(0.8, 0.2), (1, 2, 3), "0.2 to 0.8", 0.5, (None, 1)]:
        with pytest.raises(Wrong):
            exercises.interval(bad, "the zone")
    with pytest.raises(Wrong, match="interval 2"):
        exercises.intervals([(0, 0.2), (1, 0.5)], "the win-set")


def test_kit_win_sets_are_read_as_intervals() -> None:
    import negotiation_kit as nk

    a = nk.Nation("A", [nk.Faction("A", nk.Linear(1, 0.2))])
    b = nk.Nation("B", [nk.Faction("B", nk.Linear(-1, 0.8))])
    zone = nk.Negotiation(a, b, nk.Line()).zone()
    assert exercises.interval(zone, "the zone") == pytest.approx((0.2, 0.8))
    [(low, high)] = exercises.intervals(zone, "the zone")
    assert (low, high) == pytest.approx((0.2, 0.8))


def test_choice_text_and_mentions() -> None:
    assert exercises.choice("  RISES ", ["rises", "falls"], "your prediction") == "rises"
    with pytest.raises(Wrong, match="one of"):
        exercises.choice("up", ["rises", "falls"], "your prediction")
    with pytest.raises(Wrong):
        exercises.choice(1, ["rises", "falls"], "your prediction")
    with pytest.raises(Wrong, match="short"):
        exercises.text("too short", "your explanation", min_words=5)
    words = exercises.text("The hawk can Veto any deal below its reservation.", "it", 5)
    exercises.mentions(words, {"the veto": ["veto", "block"]})
    with pytest.raises(Wrong, match="who gains"):
        exercises.mentions(words, {"the veto": ["veto"], "who gains": ["gain", "benefit"]})


def test_callable_wraps_student_functions() -> None:
    def placeholder(x: float) -> None: ...

    def documented(x: float) -> None:
        """A docstring and nothing else."""

    with pytest.raises(Unanswered):
        exercises.callable_(placeholder, "your rule")
    with pytest.raises(Unanswered):
        exercises.callable_(documented, "your rule")
    with pytest.raises(Wrong, match="function"):
        exercises.callable_(0.5, "your rule")

    def printing(x: float) -> None:
        print(end="")

    with pytest.raises(Unanswered, match="return"):
        exercises.callable_(printing, "your rule")(0.3)

    def crashing(x: float) -> float:
        return 1 / x

    wrapped = exercises.callable_(crashing, "your rule")
    assert wrapped(2) == 0.5
    with pytest.raises(Wrong, match=r"ZeroDivisionError.*\(0\)"):
        wrapped(0)

    def exiting(x: float) -> None:
        sys.exit(3)

    with pytest.raises(Wrong, match="SystemExit"):
        exercises.callable_(exiting, "your rule")(1)


def test_importing_exercises_loads_no_plotting_or_notebook_tools() -> None:
    code = (
        "import sys, negotiation_kit, negotiation_kit.exercises as ex; ex.tasks(); "
        "bad = {'matplotlib', 'ipywidgets', 'nbformat', 'nbclient'} & set(sys.modules); "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_lesson_modules_load_without_errors() -> None:
    assert exercises.load_errors() == {}
    assert tasks() == sorted(tasks()) and len(set(tasks())) == len(tasks())


# ---------------------------------------------------------------------------- fuzzing

leaves = st.one_of(
    st.none(),
    st.just(...),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=80),
    st.complex_numbers(),
    st.builds(object),
    st.sampled_from([np.nan, np.float64(0.5), np.int64(2), np.array([0.1, 0.9]), np.zeros((2, 2))]),
    st.sampled_from([print, len, lambda *a: None, lambda *a: 0.5, lambda *a: 1 / 0, sys.exit]),
)
answers = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=5), inner, max_size=3),
    ),
    max_leaves=8,
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers, data=st.data())
def test_check_never_raises(answer: object, data: st.DataObject) -> None:
    task_id = data.draw(st.sampled_from(tasks()))
    result = check(task_id, answer)
    assert isinstance(result, Check)
    assert result.passed in (True, False, None)
    assert isinstance(result.message, str) and result.message
    assert str(result)[0] in "✓✗…"
