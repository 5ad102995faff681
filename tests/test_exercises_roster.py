"""Per-student numbers end to end: release a small class with a roster, grade it with the roster.

Three students get their own numbers from ``release --students``. Ada and Ben each solve their
own notebook (the solution rendered with their numbers); Cat hands in Ben's notebook, and Dan
the default solution (what the shipped check code would give). ``grade --roster`` in the sandbox
passes the honest two and fails the copier and the default on every compute task: a neighbour's
answers, or the default numbers, are not the student's.
"""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import pytest

from negotiation_kit.exercises import __main__ as cli
from negotiation_kit.exercises import kind, lesson03, render_notebook, tasks, variant_for
from negotiation_kit.exercises._core import using
from negotiation_kit.exercises._sandbox import sandbox_problem

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = "03_tied_hands.ipynb"
LESSON = [t for t in tasks() if t.startswith("03.")]
COMPUTE = [t for t in LESSON if kind(t) == "compute"]
AUTO = [t for t in LESSON if kind(t) != "explain"]
CLASS = ("ada", "ben", "cat", "dan")


def solved(variant: object) -> nbformat.NotebookNode:
    """Lesson 3's solution rendered with ``variant``'s numbers (None: the default notebook), as a
    student hands it in (without the explorer's slow cells)."""
    notebook = nbformat.read(ROOT / "solutions" / NOTEBOOK, as_version=4)
    if variant is not None:
        notebook = render_notebook(notebook, variant)
    notebook.cells = [c for c in notebook.cells if "explorer" not in c.source.lower()]
    return notebook


def compute_answers(student: str) -> list[object]:
    """The student's answers to lesson 3's compute tasks, through the kit."""
    with using(variant_for(student)):
        talks = lesson03.scenario()
        return [
            talks.a.unitary().win_set(talks.space).intervals[0][0],
            talks.zone().intervals[0],
            talks.desirability("Atlantica"),
        ]


def test_a_class_released_with_a_roster_is_graded_against_each_students_numbers(
    tmp_path: Path,
) -> None:
    problem = sandbox_problem()
    assert problem is None, f"the grading tests need bubblewrap: {problem}"
    assert len(COMPUTE) == 3
    answers = {student: compute_answers(student) for student in CLASS}
    for one, two in [("ben", "cat"), ("ada", "ben"), ("ada", "cat")]:
        for mine, theirs in zip(answers[one], answers[two], strict=True):
            assert mine != pytest.approx(theirs, abs=0.01), "the test needs different numbers"
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name\n" + "".join(f"{s},{s.title()}\n" for s in CLASS), "utf-8")

    bundles = tmp_path / "class"
    assert cli.main(["release", str(bundles), "--students", str(roster), "--root", str(ROOT)]) == 0
    for student in CLASS:
        notebook = nbformat.read(bundles / student / "exercises" / NOTEBOOK, as_version=4)
        released = "\n".join(cell.source for cell in notebook.cells)
        assert f'use_variant("{student}")' in released and f"`{student}`" in released
        n = variant_for(student).numbers("03")
        assert f"reservation={n['hawk_reservation']:g})" in released

    submissions = tmp_path / "submissions"
    handed_in = {
        "ada": solved(variant_for("ada")),
        "ben": solved(variant_for("ben")),
        "cat": solved(variant_for("ben")),  # Ben's notebook, his numbers and his use_variant
        "dan": solved(None),  # the default numbers, as the shipped check code has them
    }
    for student, notebook in handed_in.items():
        folder = submissions / student / "negotiation-kit-student" / "exercises"
        folder.mkdir(parents=True)
        nbformat.write(notebook, folder / NOTEBOOK)
    out = tmp_path / "results" / "results.csv"
    argv = ["grade", str(submissions), "--out", str(out), "--roster", str(roster)]
    assert cli.main([*argv, "--lessons", "03", "--jobs", "2", "--timeout", "90"]) == 0

    with out.open(encoding="utf-8-sig") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert sorted(rows) == list(CLASS)
    for honest in ("ada", "ben"):
        assert [rows[honest][t] for t in AUTO if kind(t) != "predict"] == ["passed"] * (
            len(AUTO) - 1
        ), rows[honest]
    for copier in ("cat", "dan"):
        assert [rows[copier][t] for t in COMPUTE] == ["failed"] * len(COMPUTE), rows[copier]
        assert int(rows[copier]["total"]) < int(rows["ben"]["total"])
