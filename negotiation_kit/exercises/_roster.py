"""Per-student releases: a roster, and each student's exercises with their own numbers.

``release --students roster.csv OUT`` writes one complete bundle per student, ``OUT/<id>/``
(or ``OUT/<id>.zip``), whose exercises and pristine copies (for ``reset``) carry the numbers
of ``variant_for(id)``. One folder per student suits every way of handing out: copy it into
the student's home folder on a hub, push it to the student's own repository (GitHub
Classroom), or attach the zip to the student in an LMS. ``grade --roster`` checks each student
against the same variant.

The roster is a CSV file whose first line names the columns: ``id`` (required: the student's
folder name or file-name prefix, as ``grade`` will see it) and optionally ``name``. Commas,
semicolons or tabs separate the columns; a spreadsheet's byte-order mark is fine.

The numbers come from the task modules (issue 14's contract): ``variant_for(student_id)`` and
``render_notebook(solution_notebook, variant)``, which returns the solution notebook with that
variant's numbers (and its id shown); the exercise is generated from it as usual.
"""

from __future__ import annotations

import csv
import importlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._bundle import ReleaseError
from ._generate import exercise, nbformat, ruff_format

SAFE_ID = re.compile(r"^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]*$")


@dataclass(frozen=True)
class Student:
    """One row of a roster."""

    id: str
    name: str = ""


def read_roster(path: Path) -> list[Student]:
    """The students of a roster CSV file, checked (a clear message for any problem)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReleaseError(f"there is no roster file {path}") from None
    except UnicodeDecodeError:
        raise ReleaseError(f"{path}: not UTF-8 text; save the roster as CSV UTF-8") from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ReleaseError(f"{path}: empty; the first line must name the columns (id, name)")
    delimiter = max(",;\t", key=lines[0].count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = [cell.strip().lower() for cell in rows[0]]
    if "id" not in header:
        shown = ", ".join(repr(c) for c in rows[0]) or "nothing"
        raise ReleaseError(
            f"{path}: no 'id' column; the first line must name the columns, with at least id "
            f"(and optionally name); it has {shown}"
        )
    at, name_at = header.index("id"), header.index("name") if "name" in header else None
    students: list[Student] = []
    seen: dict[str, int] = {}
    problems = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        student_id = row[at].strip() if at < len(row) else ""
        if not student_id:
            problems.append(f"line {number}: the id is empty")
            continue
        if not SAFE_ID.match(student_id):
            problems.append(
                f"line {number}: the id {student_id!r} cannot name a folder; use letters, digits "
                "and . _ - @ + only (no spaces or slashes, not starting with a dot)"
            )
            continue
        key = student_id.lower()
        if key in seen:
            problems.append(
                f"line {number}: the id {student_id!r} is already on line {seen[key]} "
                "(ids name folders, so case does not tell them apart)"
            )
            continue
        seen[key] = number
        name = row[name_at].strip() if name_at is not None and name_at < len(row) else ""
        students.append(Student(student_id, name))
    if problems:
        raise ReleaseError(f"{path}: fix these problem(s) first:\n  " + "\n  ".join(problems))
    if not students:
        raise ReleaseError(f"{path}: no students (only the line naming the columns)")
    return students


def _variants() -> tuple[Any, Any]:
    """``variant_for`` and ``render_notebook`` from the task modules, or a clear error."""
    module = importlib.import_module(__package__ or "negotiation_kit.exercises")
    found = getattr(module, "variant_for", None), getattr(module, "render_notebook", None)
    if found[0] is None or found[1] is None:
        raise ReleaseError(
            "this kit has no per-student variants yet (negotiation_kit.exercises needs "
            "variant_for and render_notebook); release without --students"
        )
    return found


def student_exercises(root: Path, students: list[Student]) -> dict[str, dict[str, bytes]]:
    """Each student's exercise notebooks (file name to bytes), with their variant's numbers."""
    variant_for, render_notebook = _variants()
    solutions = {
        p.name: nbformat.read(p, as_version=4) for p in sorted((root / "solutions").glob("*.ipynb"))
    }
    made = {}
    for index, student in enumerate(students):
        variant = variant_for(student.id)
        for name, solution in solutions.items():
            made[f"{index:05d}-{name}"] = exercise(render_notebook(solution, variant))
    formatted = ruff_format(made, root / "pyproject.toml")  # one ruff run for the whole class
    result: dict[str, dict[str, bytes]] = {s.id: {} for s in students}
    for key, notebook in formatted.items():
        position, name = key.split("-", 1)
        text = nbformat.writes(notebook)
        text = text if text.endswith("\n") else text + "\n"
        result[students[int(position)].id][name] = text.encode("utf-8")
    return result
