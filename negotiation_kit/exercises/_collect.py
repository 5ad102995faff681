"""Find a class's submissions, whatever the layout, and say whose each one is.

**Who is who.** Every file ending in ``.ipynb`` (any case) anywhere under the submissions
folder is a submission, except in hidden folders (``.ipynb_checkpoints``, ``.git``) and
``__MACOSX``. A notebook inside a sub-folder belongs to the student named by the *top-level*
folder (hub home folders: ``ada/negotiation-kit-student/exercises/03_tied_hands.ipynb`` is
ada's; Moodle's ``Ada Lovelace_123_assignsubmission_file_/`` is Ada Lovelace's). A notebook
lying directly in the submissions folder belongs to the student named by its file name before
the lesson number (LMS downloads: ``ada_03_tied_hands.ipynb`` is ada's).

**Which lesson.** The first two digits followed by ``_`` and a letter in the file name
(``03_tied_hands (fresh 1).ipynb`` is lesson 03); failing that, the lesson of most of the task
ids its ``check`` calls name.

>>> lesson_of_name("ada_03_tied_hands.ipynb"), student_of_name("Ada Lovelace_03_tied_hands.ipynb")
('03', 'Ada Lovelace')
>>> student_of_folder("Ada Lovelace_123456_assignsubmission_file_")
'Ada Lovelace'
>>> sorted(file_names(["ada lovelace", "ada_lovelace", "ben"]).values())
['ada_lovelace', 'ada_lovelace-2', 'ben']
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LESSON = re.compile(r"(?<!\d)(\d\d)_[A-Za-z]")
SKIPPED = ("__MACOSX",)
MOODLE = re.compile(r"_\d+_assign(ment)?submission_.*$")


@dataclass(frozen=True)
class Submission:
    """One notebook handed in."""

    student: str
    path: Path
    shown: str
    """Its path relative to the submissions folder."""
    lesson: str | None
    modified: float


def lesson_of_name(name: str) -> str | None:
    """The lesson number in a file name ("03"), or None."""
    match = LESSON.search(name)
    return match.group(1) if match else None


def student_of_name(name: str) -> str:
    """A loose notebook's student: its file name before the lesson number (else its stem)."""
    stem = re.sub(r"\.ipynb$", "", name, flags=re.IGNORECASE)
    match = LESSON.search(stem)
    before = stem[: match.start()] if match else stem
    return before.strip(" _-.") or stem.strip() or "unnamed"


def student_of_folder(name: str) -> str:
    """A top-level folder's student: its name, without Moodle's ``_123_assignsubmission_...``."""
    return MOODLE.sub("", name).strip() or name


def _lesson_of_checks(path: Path) -> str | None:
    from ._harvest import check_calls

    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        sources = [c.get("source", "") for c in notebook.get("cells", []) if isinstance(c, dict)]
    except (OSError, ValueError, AttributeError):
        return None
    lessons = Counter(
        call.task_id.split(".")[0].zfill(2)
        for source in sources
        for call in check_calls("".join(source) if isinstance(source, list) else str(source))
    )
    return lessons.most_common(1)[0][0] if lessons else None


def find(folder: Path) -> list[Submission]:
    """Every submission under ``folder``, sorted by student and path."""
    found: list[Submission] = []
    for here, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in SKIPPED)
        for name in sorted(files):
            if not name.lower().endswith(".ipynb") or name.startswith("."):
                continue
            path = Path(here) / name
            relative = path.relative_to(folder)
            parts = relative.parts
            student = student_of_folder(parts[0]) if len(parts) > 1 else student_of_name(name)
            lesson = lesson_of_name(name) or _lesson_of_checks(path)
            found.append(
                Submission(student, path, relative.as_posix(), lesson, path.stat().st_mtime)
            )
    return sorted(found, key=lambda s: (s.student, s.shown))


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("._") or "student"


def file_names(students: list[str], reserved: tuple[str, ...] = ()) -> dict[str, str]:
    """A distinct file name (without extension) for each student, even on a case-blind disk."""
    names: dict[str, str] = {}
    taken = {name.lower() for name in reserved}
    for student in sorted(students):
        base = _safe(student)
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.lower())
        names[student] = name
    return names


def read_attempts(path: Path) -> tuple[dict[str, list[Any]] | None, str]:
    """The predict attempts handed in beside a notebook, and which file they came from.

    ``<stem>.attempts.json`` beside the notebook, else ``<NN>.attempts.json`` in its folder;
    ``(None, why)`` when there is none or it cannot be read.
    """
    candidates = [path.with_name(path.stem + ".attempts.json")]
    lesson = lesson_of_name(path.name)
    if lesson:
        candidates.append(path.with_name(f"{lesson}.attempts.json"))
    for candidate in candidates:
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
                tasks = data["tasks"]
                if not isinstance(tasks, dict):
                    raise TypeError
            except (OSError, ValueError, KeyError, TypeError):
                return None, f"{candidate.name} could not be read"
            return {str(k): v for k, v in tasks.items() if isinstance(v, list)}, candidate.name
    return None, "no attempts file was handed in"
