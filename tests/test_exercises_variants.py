"""Per-student numbers: a variant changes every compute answer, and only the student's passes.

For many student ids, every task of a varied lesson has an answer under the student's numbers
(computed through the kit), it differs from the default answer, the default answer does not
pass, and the rendered notebook shows the student's numbers (``test_exercise_notebooks.py`` runs
each lesson's solution rendered with one student's numbers and sees every check pass).
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation_kit as nk
from negotiation_kit import exercises
from negotiation_kit.exercises import (
    evaluate,
    kind,
    lesson01,
    lesson02,
    lesson03,
    lesson04,
    lesson05,
    lesson06,
    lesson07,
    lesson08,
    lesson09,
    probe_inputs,
    registered,
    render_notebook,
    use_variant,
    variant_for,
)
from negotiation_kit.exercises._core import using
from negotiation_kit.exercises._generate import MARKERS, exercise
from negotiation_kit.exercises._variants import _LESSONS, IMPORT, vary

ROOT = Path(__file__).resolve().parent.parent
IDS = [f"student{i:03d}" for i in range(150)]


@pytest.fixture(autouse=True)
def _no_session_variant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    yield
    exercises._session = None


def answers_01(variant: object) -> dict[str, object]:
    """Lesson 1's answers under ``variant``'s numbers, through the kit."""
    with using(variant):
        talks = lesson01.scenario()
        n = lesson01.numbers()
        after = lesson01.scenario(a_reservation=n["alternative"]).outcome().agreement
        return {
            "01.1": talks.zone().intervals[0],
            "01.2": talks.outcome().agreement,
            "01.3": lesson01.trend(float(talks.outcome().agreement or 0), float(after or 0)),
            "01.5": lambda a, b: (max(a, 0.0), min(b, 1.0)) if max(a, 0.0) <= min(b, 1.0) else None,
        }


def answers_02(variant: object) -> dict[str, object]:
    """Lesson 2's answers under ``variant``'s numbers, through the kit."""
    with using(variant):
        retailers = next(f for f in lesson02.factions() if f.name == "retailers")
        alone = nk.Nation("retailers", (retailers,))
        before = lesson02.explorer_scenario(0.45, vetoes=1).outcome().agreement
        after = lesson02.explorer_scenario(0.45, vetoes=3).outcome().agreement
        return {
            "02.1": alone.win_set(nk.Line()).intervals[0],
            "02.2": lesson02.scenario().a.win_set(nk.Line()).intervals,
            "02.3": lesson01.trend(float(before or 0), float(after or 0)),
            "02.5": unanimity_win_set,
        }


def unanimity_win_set(factions: list[list[float]]) -> tuple[float, float] | None:
    """A student's answer to 02.5 (the solution's)."""
    low, high = 0.0, 1.0
    for stake, reservation in factions:
        if stake > 0:
            low = max(low, reservation)
        else:
            high = min(high, reservation)
    return (low, high) if low <= high else None


def answers_03(variant: object) -> dict[str, object]:
    """Lesson 3's answers under ``variant``'s numbers, through the kit."""
    with using(variant):
        talks, n = lesson03.scenario(), lesson03.numbers()
        before = talks.desirability("Atlantica")
        after = lesson03.scenario(hawk_share=n["new_hawk_share"]).desirability("Atlantica")
        h, hr, d = n["hawk_share"], n["hawk_reservation"], n["dove_reservation"]
        return {
            "03.1": talks.a.unitary().win_set(nk.Line()).intervals[0][0],
            "03.2": talks.zone().intervals[0],
            "03.3": before,
            "03.4": {"rises": "rises", "falls": "falls", "stays": "stays the same"}[
                lesson01.trend(before, after)
            ],
            "03.5": lambda x: (1 - h) * (x - d) >= 0 and h * (x - hr) >= 0,
        }


def answers_04(variant: object) -> dict[str, object]:
    """Lesson 4's answers under ``variant``'s numbers, through the kit."""
    with using(variant):
        n = lesson04.numbers()
        quota = lesson04.scenario(nk.Quota(2 / 3)).a.win_set(nk.Line()).intervals
        split = lesson04.scenario(nk.Majority(), solution="split").desirability("Atlantica")
        e4 = lesson04.E4_WEIGHTS
        before = lesson04.scenario(nk.Quota(2 / 3), e4).outcome().agreement
        after = lesson04.scenario(nk.Quota(lesson04.NEW_QUOTA), e4).outcome().agreement
        moved = lesson04.spatial(lesson04.NEW_FARM).win_set(lesson04.PLANE).is_empty

        def quota_ratifies(x: float, share: float) -> bool:
            names = lesson04.NAMES
            weights = {name: n[f"{name} weight"] for name in names}
            accepting = sum(weights[m] for m in names if x >= n[f"{m} reservation"])
            return accepting >= share * sum(weights.values())

        return {
            "04.1": quota,
            "04.2": split,
            "04.3": {"rises": "rises", "falls": "falls", "stays": "stays the same"}[
                lesson01.trend(float(before or 0), float(after or 0))
            ],
            "04.4": quota_ratifies,
            "04.5": lesson04.GRIDLOCK[0 if moved else 1],
        }


def answers_05(variant: object) -> dict[str, object]:
    """Lesson 5's answers under ``variant``'s numbers, through the kit."""
    with using(variant):
        n = lesson05.numbers()
        aligned, opposed, b = n["aligned"], n["opposed"], n["borealia"]
        before = lesson05.scenario("opposed", opposed, b).desirability("Atlantica")
        after = lesson05.scenario("opposed", opposed, 1.0).desirability("Atlantica")
        return {
            "05.1": lesson05.scenario("aligned", aligned, b).desirability("Atlantica"),
            "05.2": lesson05.scenario("opposed", opposed, b).a.win_set(nk.Line()).intervals,
            "05.3": before,
            "05.4": {"rises": "rises", "falls": "falls", "stays": "stays the same"}[
                lesson01.trend(before, after)
            ],
            "05.5": lambda lean, r: lesson05.scenario(lean, r, b).desirability("Atlantica"),
            "05.6": lesson05.threshold("opposed"),
        }


def answers_06(variant: object) -> dict[str, object]:
    """Lesson 6's answers under ``variant``'s numbers, through the kit."""
    with using(variant):
        n = lesson06.numbers()
        talks = lesson06.scenario()
        extra = lesson06.joint_gain(lesson06.LOGROLL) - lesson06.joint_gain(lesson06.COMPROMISE)
        distributive = lesson06.scenario(0.0).desirability("Atlantica")
        first, second = n["first"], n["second"]
        industry, farm = n["industry threshold"], n["farm threshold"]
        return {
            "06.1": extra,
            "06.2": (0.7, 0.3),  # many deals are right: any move along both iso-gain lines
            "06.3": talks.desirability("Atlantica"),
            "06.4": "less" if distributive > talks.desirability("Atlantica") else "more",
            "06.5": lambda x, y: first * x - industry >= 0 and second * y - farm >= 0,
        }


def answers_07(variant: object) -> dict[str, object]:
    """Lesson 7's answers under ``variant``'s numbers, through the kit."""
    with using(variant):
        n = lesson07.numbers()
        dove, hawk = n["dove"], n["hawk"]
        efficient = lesson07.scenario(1.0).outcome().agreement
        leaky = lesson07.scenario(lesson07.LEAKY).outcome().agreement
        return {
            "07.1": float(lesson07.atlantica().compensation(lesson07.TERMS)),
            "07.2": lambda x: max(0, -0.6 * (x - dove)) + max(0, -0.4 * (x - hawk)),
            "07.3": lesson07.atlantica(lesson07.LEAKY).win_set(nk.Line()).intervals,
            "07.4": lesson01.trend(float(efficient or 0), float(leaky or 0)),
            "07.5": lesson07.least_efficiency(),
        }


def answers_08(variant: object) -> dict[str, object]:
    """Lesson 8's answers under ``variant``'s numbers, through the kit."""
    with using(variant):
        n = lesson08.numbers()
        harder = n["harder"]
        foreclosed = lesson08.scenario(0.0).outcome().welfare
        unlimited = lesson08.scenario(math.inf).outcome().welfare
        gained = [name for name in foreclosed if unlimited[name] > foreclosed[name] + 1e-9]
        two_sided = lesson08.scenario(math.inf, lesson08.BINDING, "divided").outcome()
        return {
            "08.1": lesson08.scenario(n["sized"], harder).desirability("Atlantica"),
            "08.2": "both" if len(gained) == 2 else gained[0] if gained else "neither",
            "08.3": lambda budget: max(0.2, harder - 2 * budget),
            "08.4": lesson08.least_budget(),
            "08.5": max(two_sided.welfare, key=lambda name: two_sided.welfare[name]),
        }


def answers_09(variant: object) -> dict[str, object]:
    """Lesson 9's answers under ``variant``'s numbers, through the kit."""
    with using(variant):
        n = lesson09.numbers()
        talks, terms = lesson09.scenario(), n["terms"]
        before = talks.outcome().welfare["Atlantica"]
        after = lesson09.scenario(n["wide"]).outcome().welfare["Atlantica"]
        low, width = n["middle"] - n["width"] / 2, n["width"]
        return {
            "09.1": float(talks.a.ratification_probability(terms)),
            "09.2": talks.expected_welfare(terms)["Borealia"],
            "09.3": {"rises": "rises", "falls": "falls", "stays": "stays the same"}[
                lesson01.trend(before, after)
            ],
            "09.4": lambda x: min(1.0, max(0.0, (x - low) / width)),
            "09.5": talks.revelation_value("Atlantica"),
        }


ANSWERS = {
    "01": answers_01, "02": answers_02, "03": answers_03, "04": answers_04, "05": answers_05,
    "06": answers_06, "07": answers_07, "08": answers_08, "09": answers_09,
}  # fmt: skip
OPEN = {"06.2"}
"""Compute tasks with many right answers: the default's may be right for a student too."""
"""Each varied lesson's answers under a variant (None: the default numbers), through the kit."""
SOLUTIONS = {path.name[:2]: path for path in sorted((ROOT / "solutions").glob("0*.ipynb"))}


def numbers_in(answer: object) -> list[float]:
    """The numbers of a compute answer, flattened (an interval, a list of them, a number)."""
    if isinstance(answer, int | float):
        return [float(answer)]
    if isinstance(answer, list | tuple):
        return [x for item in answer for x in numbers_in(item)]
    return []


def test_every_varied_lesson_has_its_answers_here() -> None:
    assert exercises.varied_lessons() == sorted(ANSWERS)


@pytest.mark.parametrize("lesson", sorted(ANSWERS))
@pytest.mark.parametrize("student", IDS[:25])
def test_each_lesson_own_answers_pass_and_the_default_ones_fail(lesson: str, student: str) -> None:
    variant = variant_for(student)
    default, own = ANSWERS[lesson](None), ANSWERS[lesson](variant)
    tasks = [t for t in registered() if t.startswith(lesson + ".") and kind(t) != "explain"]
    assert sorted(own) == tasks, "the test must answer every task of the lesson"
    for task_id in tasks:
        assert evaluate(task_id, own[task_id], variant=variant).passed is True, task_id
        if kind(task_id) == "compute" and task_id not in OPEN:
            mine, theirs = numbers_in(own[task_id]), numbers_in(default[task_id])
            assert mine and mine != pytest.approx(theirs, abs=1e-6), (task_id, mine)
            assert evaluate(task_id, default[task_id], variant=variant).passed is False, task_id
            assert evaluate(task_id, own[task_id]).passed is False, task_id
        if kind(task_id) == "build":
            assert probe_inputs(task_id, variant=variant) != probe_inputs(task_id), task_id


@pytest.mark.parametrize("lesson", sorted(ANSWERS))
def test_every_student_s_rendered_notebook_finds_each_number(lesson: str) -> None:
    solution = nbformat.read(SOLUTIONS[lesson], as_version=4)
    for student in IDS[:40]:
        variant = variant_for(student)
        render_notebook(solution, variant)  # raises if a context is lost or claimed twice


def test_a_number_is_located_in_its_context_only() -> None:
    defaults = {"stake": 0.6, "share": 0.6}
    where = {"stake": ["stake=<<0.6>>"], "share": ["share <<0.6>>", "(<<0.6>>)"]}
    vary("98", defaults, lambda rng: {"stake": 0.5, "share": 0.75}, where)
    try:
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [
            nbformat.v4.new_markdown_cell("# Title"),
            nbformat.v4.new_code_cell('x = f(stake=0.6, y=0.65)\ncheck("98.1", (0.6))'),
            nbformat.v4.new_markdown_cell("The share 0.6 and 0.6 stay, 0.6 too, 10.6, 0.66."),
        ]
        made = render_notebook(notebook, variant_for("ada"))
        assert made.cells[1].source == 'x = f(stake=0.5, y=0.65)\ncheck("98.1", (0.75))'
        assert made.cells[2].source == "The share 0.75 and 0.6 stay, 0.6 too, 10.6, 0.66."
        notebook.cells[2].source = "The part 0.6 is gone."
        with pytest.raises(ValueError, match=r"no longer has 'share <<0.6>>'.*lesson98"):
            render_notebook(notebook, variant_for("ada"))
    finally:
        del _LESSONS["98"]
    with pytest.raises(ValueError, match="not its default"):
        vary("97", {"a": 0.3}, lambda rng: {"a": 0.4}, {"a": ["a=<<0.35>>"]})
    with pytest.raises(ValueError, match="between << and >> once"):
        vary("97", {"a": 0.3}, lambda rng: {"a": 0.4}, {"a": ["a=0.3"]})
    with pytest.raises(ValueError, match="each number"):
        vary("97", {"a": 0.3}, lambda rng: {"a": 0.4}, {})
    assert "97" not in _LESSONS


def test_a_variant_is_deterministic_and_ids_differ() -> None:
    assert variant_for("ada") == variant_for("ada")
    assert variant_for("ada").numbers("01") == variant_for("ada").numbers("01")
    drawn = {tuple(variant_for(i).numbers("01").values()) for i in IDS}
    assert len(drawn) >= 20, "students should rarely share their numbers"
    assert variant_for("ada").numbers("99") == {}
    with pytest.raises(ValueError, match="student id"):
        variant_for("  ")


@pytest.mark.parametrize("student", IDS)
def test_every_task_has_its_own_answer_and_the_default_one_fails(student: str) -> None:
    variant = variant_for(student)
    default, own = answers_01(None), answers_01(variant)
    for task_id in ("01.1", "01.2"):
        assert own[task_id] is not None and own[task_id] != pytest.approx(default[task_id])
        assert evaluate(task_id, own[task_id], variant=variant).passed is True
        assert evaluate(task_id, default[task_id], variant=variant).passed is False
        assert evaluate(task_id, own[task_id]).passed is False  # and the other way round
    assert own["01.3"] in lesson01.TREND and own["01.3"] != "stays"
    assert evaluate("01.3", own["01.3"], variant=variant).passed is True
    assert evaluate("01.5", own["01.5"], variant=variant).passed is True
    assert probe_inputs("01.5", variant=variant)[0] != probe_inputs("01.5")[0]


@settings(max_examples=40, deadline=None)
@given(student=st.text(string.ascii_letters + string.digits + " _-.", min_size=1, max_size=30))
def test_any_id_gives_a_consistent_variant(student: str) -> None:
    if not student.strip():
        return
    n = variant_for(student).numbers("01")
    assert 0 <= n["a"] < n["alternative"] < n["b"] <= 1


@settings(max_examples=8, deadline=None)
@given(student=st.text(string.ascii_letters + string.digits + " _-.@+", min_size=1, max_size=30))
def test_any_id_draws_every_number_of_every_lesson(student: str) -> None:
    if not student.strip():
        return
    variant = variant_for(student)
    for lesson in exercises.varied_lessons():
        drawn = variant.numbers(lesson)
        assert set(drawn) == set(_LESSONS[lesson].defaults), lesson
        assert drawn != _LESSONS[lesson].defaults, lesson


def test_check_in_a_rendered_notebook_uses_the_students_numbers() -> None:
    own = answers_01(variant_for("ada"))
    assert exercises.check("01.2", own["01.2"]).passed is False
    use_variant("ada")
    assert exercises.check("01.2", own["01.2"]).passed is True


def test_render_writes_the_students_numbers_and_no_default_one() -> None:
    solution = nbformat.read(ROOT / "solutions" / "01_one_issue.ipynb", as_version=4)
    variant = variant_for("ada")
    n = variant.numbers("01")
    made = exercise(render_notebook(solution, variant))
    text = "\n".join(cell.source for cell in made.cells)
    assert not [m for m in MARKERS if m in text]
    assert "use_variant('ada')" in text and "`ada`" in text
    for name, literal in {"a": "0.35", "b": "0.75", "alternative": "0.5"}.items():
        assert f"{n[name]:g}" in text, name
        if n[name] != lesson01.DEFAULTS[name]:
            assert literal not in text.replace(f"{n[name]:g}", ""), name
    assert (
        solution.cells[0].source
        == nbformat.read(ROOT / "solutions" / "01_one_issue.ipynb", as_version=4).cells[0].source
    ), "render_notebook must not change the notebook it is given"
    plain = nbformat.v4.new_notebook()  # a lesson that does not vary keeps its numbers
    plain.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell(f'{IMPORT}\nx = 0.35\ncheck("96.1", x)'),
    ]
    rendered = render_notebook(plain, variant)
    assert rendered.cells[0].source == "# Title"
    assert rendered.cells[1].source == (
        f"{IMPORT}, use_variant\n\nuse_variant('ada')  # your numbers\nx = 0.35\ncheck(\"96.1\", x)"
    )
