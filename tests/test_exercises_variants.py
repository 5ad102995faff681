"""Per-student numbers: a variant changes every compute answer, and only the student's passes.

For many student ids, every task of a varied lesson has an answer under the student's numbers
(computed through the kit), it differs from the default answer, the default answer does not
pass, and the rendered notebook shows the student's numbers and, run, passes every check.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiation_kit import exercises
from negotiation_kit.exercises import (
    evaluate,
    lesson01,
    probe_inputs,
    render_notebook,
    use_variant,
    variant_for,
)
from negotiation_kit.exercises._core import using
from negotiation_kit.exercises._generate import MARKERS, exercise

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
    other = nbformat.read(ROOT / "solutions" / "03_tied_hands.ipynb", as_version=4)
    rendered = render_notebook(other, variant)  # a lesson that does not vary keeps its numbers
    assert [c.source for c in rendered.cells[3:]] == [c.source for c in other.cells[3:]]


def test_a_rendered_solution_passes_every_check_when_run(tmp_path: Path) -> None:
    from nbclient import NotebookClient

    solution = nbformat.read(ROOT / "solutions" / "01_one_issue.ipynb", as_version=4)
    notebook = render_notebook(solution, variant_for("ben"))
    NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    results = [
        output["data"][exercises.MIME]
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if exercises.MIME in output.get("data", {})
    ]
    assert {r["task"]: r["passed"] for r in results} == {
        "01.1": True, "01.2": True, "01.3": True, "01.4": None, "01.5": True,
    }  # fmt: skip
