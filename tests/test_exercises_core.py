"""The checking machinery of ``negotiation_kit.exercises``: readers, results, and fuzzing.

Every registered task is fuzzed with Hypothesis over arbitrary answers: ``check`` and
``evaluate`` never raise and always return ✓, ✗, ✎ or "not answered yet", and never a verdict
on an explain task.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiation_kit import exercises
from negotiation_kit.exercises import (
    MIME,
    Check,
    Unanswered,
    Wrong,
    _core,
    check,
    evaluate,
    kind,
    tasks,
)

pytestmark = pytest.mark.usefixtures("scratch_folder")


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
    assert "not right yet" in wrong.message and "0.6" not in wrong.message
    assert "three decimals" in wrong.message
    for answer in (0.1, 0.7, 0.9):  # never which way: a student cannot bisect the answer
        assert not any(w in check(demo, answer).message for w in ("high", "low", "more", "less"))
    assert check(demo, 0.6004).passed is True and check(demo, 0.5996).passed is True
    assert check(demo, 0.6006).passed is False
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
    assert bundle[MIME] == {"task": "98.1", "passed": True, "flags": []}
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
    with pytest.raises(Wrong, match="in words"):
        exercises.text(3, "your explanation")
    words = exercises.text("The hawk can Veto any deal below its reservation.", "it")
    assert exercises.missing(words, {"the veto": ["veto", "block"]}) == []
    ideas = {"the veto": ["veto"], "who gains": ["gain", "benefit"], "x": ["zebra"]}
    assert exercises.missing(words, ideas) == ["who gains", "x"]


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
def test_check_and_evaluate_never_raise(answer: object, data: st.DataObject) -> None:
    task_id = data.draw(st.sampled_from(tasks()))
    for result in (check(task_id, answer), evaluate(task_id, answer)):
        assert isinstance(result, Check)
        assert result.passed in (True, False, None)
        assert isinstance(result.message, str) and result.message
        assert str(result)[0] in "✓✗…✎"
        if kind(task_id) == "explain":
            assert result.passed is None, result


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(answer=st.text(max_size=400), data=st.data())
def test_an_explanation_never_gets_a_verdict(answer: str, data: st.DataObject) -> None:
    task_id = data.draw(st.sampled_from([t for t in tasks() if kind(t) == "explain"]))
    result = evaluate(task_id, answer)
    assert result.passed is None
    if answer.strip() not in ("", "...", "…"):
        assert "instructor" in result.message and _core.TO_READ in result.flags
        assert str(result).startswith("✎")


# ------------------------------------------------------------------------ kinds and evaluate


def test_every_task_has_a_kind_and_unknown_ids_are_refused() -> None:
    kinds = {task_id: kind(task_id) for task_id in tasks()}
    assert set(kinds.values()) == set(exercises.KINDS)
    for lesson in {t[:2] for t in tasks()}:
        mine = [k for t, k in kinds.items() if t.startswith(lesson)]
        assert "explain" in mine and "predict" in mine, lesson
    with pytest.raises(KeyError, match="tasks of lesson 03"):
        kind("03.99")
    with pytest.raises(ValueError, match="kind"):
        exercises.task("98.5", "bad", "guess")
    with pytest.raises(ValueError, match="probes"):
        exercises.task("98.5", "no inputs", "build")


def test_evaluate_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for task_id in tasks():
        evaluate(task_id, "rises")
        evaluate(task_id, 0.5)
    assert list(tmp_path.iterdir()) == []


def test_a_build_task_is_decided_from_probed_plain_data() -> None:
    inputs = exercises.probe_inputs("03.5")
    assert inputs and all(isinstance(i, list) for i in inputs)
    assert json.loads(json.dumps(inputs)) == inputs
    source = "def ratifies(x):\n    return x >= 0.7\n"
    right = exercises.Probed(source, [(i, i[0] >= 0.7) for i in inputs])
    assert evaluate("03.5", right).passed is True
    wrong = exercises.Probed(source, [(i, i[0] >= 0.2) for i in inputs])
    assert evaluate("03.5", wrong).passed is False
    crashed = exercises.Probed(source, [(i, {"raised": "ZeroDivisionError"}) for i in inputs])
    assert "ZeroDivisionError" in evaluate("03.5", crashed).message
    blank = exercises.Probed("def ratifies(x):\n    ...\n", [(i, None) for i in inputs])
    assert evaluate("03.5", blank).passed is None
    with pytest.raises(LookupError):
        right(0.123456)
    with pytest.raises(ValueError, match="only build tasks"):
        exercises.probe_inputs("03.3")


def test_a_build_answer_that_wraps_the_kit_is_recognised() -> None:
    import negotiation_kit as nk
    from negotiation_kit.exercises import lesson03

    atl = lesson03.scenario().a
    wrapped = evaluate("03.5", lambda x: atl.ratifies(x))
    assert wrapped.passed is False and _core.WRAPS_KIT in wrapped.flags
    assert ".ratifies" in wrapped.message
    probed = exercises.Probed(
        "def ratifies(x):\n    return bool(atlantica.ratifies(x))\n",
        [(i, bool(atl.ratifies(i[0]))) for i in exercises.probe_inputs("03.5")],
    )
    assert _core.WRAPS_KIT in evaluate("03.5", probed).flags

    def by_hand(x: float) -> bool:  # mentions ratifies only in its own name
        return 0.6 * (x + 0.1) >= 0 and 0.4 * (x - 0.7) >= 0

    assert evaluate("03.5", by_hand).passed is True
    assert nk.Unanimity  # the kit is imported: a wrap is recognised by its calls, not names


@pytest.mark.parametrize(
    ("task_id", "plain"),
    [("03.2", [[0.7, 0.85]]), ("03.2", [0.7, 0.85]), ("04.1", [[0.2, 1.0]]), ("03.3", 0.165)],
)
def test_plain_data_as_the_grader_sends_it_is_read(task_id: str, plain: object) -> None:
    assert evaluate(task_id, plain).passed is True


def test_plain_turns_answers_into_json() -> None:
    from negotiation_kit.exercises import lesson03

    zone = lesson03.scenario().zone()
    data = exercises.plain({"a": 1}), exercises.plain((np.float64(0.5), zone, np.array([1, 2])))
    assert data[0] == {"unreadable": "dict"}
    assert data[1][0] == 0.5 and data[1][2] == [1, 2]
    assert data[1][1] == [[pytest.approx(0.7), pytest.approx(0.85)]]
    assert exercises.plain(math.nan) == {"unreadable": "nan"}
    assert evaluate("03.3", {"unreadable": "Figure"}).passed is False
    assert "could not read" in evaluate("03.3", {"unreadable": "Figure"}).message


# ------------------------------------------------------------------- predictions are recorded


def _predict_task() -> tuple[str, str, str]:
    """A predict task, its right option and a wrong one (found by evaluate)."""
    from negotiation_kit.exercises import lesson03

    right = next(o for o in lesson03.TRENDS if evaluate("03.4", o).passed)
    wrong = next(o for o in lesson03.TRENDS if o != right)
    return "03.4", right, wrong


@pytest.fixture
def no_notebook_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Work in ``tmp_path`` with no notebook named by the kernel: attempts are written there."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)


@pytest.mark.usefixtures("no_notebook_named")
def test_each_attempt_at_a_prediction_is_recorded(tmp_path: Path) -> None:
    task_id, right, wrong = _predict_task()
    first = check(task_id, wrong)
    assert first.passed is False and "first attempt" in first.message
    check(task_id, "not an option")  # the wrong form is not an attempt
    check(task_id, ...)  # nor a placeholder
    assert "attempt 2" in check(task_id, right).message
    data = json.loads((tmp_path / "03.attempts.json").read_text(encoding="utf-8"))
    assert data["format"] == 1
    assert [(a["answer"], a["passed"]) for a in data["tasks"][task_id]] == [
        (wrong, False),
        (right, True),
    ]
    assert all(isinstance(a["at"], str) for a in data["tasks"][task_id])
    check("01.1", (0.35, 0.75))  # other kinds are not recorded
    assert sorted(data["tasks"]) == [task_id]


def test_attempts_go_beside_the_notebook_the_kernel_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "exercises"
    folder.mkdir()
    monkeypatch.setenv("JPY_SESSION_NAME", str(folder / "03_tied_hands.ipynb"))
    task_id, right, _ = _predict_task()
    check(task_id, right)
    assert (folder / "03_tied_hands.attempts.json").exists()
    monkeypatch.setenv("JPY_SESSION_NAME", "exercises/03_tied_hands.ipynb")  # relative: cwd
    check(task_id, right)
    assert (tmp_path / "03_tied_hands.attempts.json").exists()


@pytest.mark.usefixtures("no_notebook_named")
def test_an_unreadable_attempts_file_is_kept_aside(tmp_path: Path) -> None:
    task_id, right, _ = _predict_task()
    path = tmp_path / "03.attempts.json"
    for n, broken in enumerate(["{not json", '{"format": 9}', '"a string"'], start=1):
        path.write_text(broken, encoding="utf-8")
        assert "first attempt" in check(task_id, right).message
        aside = tmp_path / f"03.attempts.unreadable-{n}.json"
        assert aside.read_text(encoding="utf-8") == broken
        assert json.loads(path.read_text(encoding="utf-8"))["tasks"][task_id][0]["passed"]
        path.unlink()


@pytest.mark.usefixtures("no_notebook_named")
def test_an_unwritable_folder_does_not_break_the_check(tmp_path: Path) -> None:
    (tmp_path / "03.attempts.json").mkdir()  # a folder where the file should be
    task_id, right, _ = _predict_task()
    result = check(task_id, right)
    assert result.passed is True and "could not be recorded" in result.message


def test_a_wrong_prediction_gets_the_same_hint_whatever_it_is() -> None:
    for task_id in (t for t in tasks() if kind(t) == "predict"):
        options = _options(task_id)
        hints = {evaluate(task_id, o).message for o in options if not evaluate(task_id, o).passed}
        assert len(hints) == 1, f"{task_id}: the hint must not depend on the wrong option"
        assert sum(bool(evaluate(task_id, o).passed) for o in options) == 1, task_id


def _options(task_id: str) -> list[str]:
    """The options a predict task offers, as its form hint lists them."""
    import re

    message = evaluate(task_id, "certainly not an option").message
    listed = message.split("should be one of", 1)[1].split("; got", 1)[0]
    return re.findall(r"'([^']+)'", listed)
