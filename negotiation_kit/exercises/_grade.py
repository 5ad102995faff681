"""Grade a class: find every submission, run each in a sandbox, decide every task yourself.

The steps, each in its own module: ``_collect`` finds the notebooks and says whose each one
is; ``_runner`` runs one in a fresh kernel under bubblewrap (``_sandbox``) and reads its
answers back as plain data (``_harvest``); ``_verdict`` decides each task with the kit's
``evaluate`` in this process; ``_report`` writes the grades CSV, the feedback files and the
export of written answers. Notebooks run ``jobs`` at a time, each in a process of its own.

When one student handed in several notebooks of one lesson (a fresh copy from ``reset``
beside the original, a duplicate), all are run and the one graded is the one with the most
answered tasks; ties go to the most recently modified, then to the first by path. The others
are named in the report.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from . import _collect
from ._core import unanswered
from ._runner import Job, Outcome, run_notebook
from ._verdict import NO_ANSWER, Verdict, decide, kind_of, meant_id

DEFAULT_MEMORY = 2 * 1024**3


class GradeError(ValueError):
    """Grading cannot start (the message says why and what to do)."""


@dataclass
class Graded:
    """One submission, run and decided."""

    submission: _collect.Submission
    outcome: Outcome
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(v.status not in ("unanswered", NO_ANSWER) for v in self.verdicts.values())


def _package() -> Any:
    return importlib.import_module(__package__ or "negotiation_kit.exercises")


def _variant(student: str, roster: dict[str, str] | None) -> object:
    if roster is None or student not in roster:
        return None
    variant_for = getattr(_package(), "variant_for", None)
    return variant_for(student) if callable(variant_for) else None


def _decide_all(graded: Graded, known: list[str], roster: dict[str, str] | None) -> None:
    sub, out = graded.submission, graded.outcome
    lesson_tasks = [t for t in known if sub.lesson and t.startswith(sub.lesson + ".")]
    variant = _variant(sub.student, roster)
    attempts, where = _collect.read_attempts(sub.path)
    predicted = [t for t in lesson_tasks if kind_of(t) == "predict" and t in out.answers]
    if attempts is None and any(not unanswered(out.answers[t]) for t in predicted):
        graded.notes.append(f"{where}, so no prediction can count as right on the first try")
    meant: dict[str, str] = {}
    for task_id in sorted(set(out.answers) | set(out.unanswerable)):
        if task_id not in known:
            graded.unknown.append(task_id)
            meant[meant_id(task_id)] = task_id
        elif task_id not in lesson_tasks:
            graded.notes.append(
                f"check('{task_id}', ...) belongs to another lesson; not graded here"
            )
    for task_id in lesson_tasks:
        kind = kind_of(task_id)
        if task_id not in out.answers:
            why = out.unanswerable.get(task_id)
            if why:
                message = f"{task_id}: the answer could not be read back ({why})"
            elif task_id in meant:
                message = (
                    f"{task_id}: no check of this task ran; your notebook checks "
                    f"'{meant[task_id]}', which is no task (write '{task_id}')"
                )
            else:
                message = (
                    f"{task_id}: this check did not run (its cell did not run or raised before it)"
                )
            graded.verdicts[task_id] = Verdict(NO_ANSWER, message)
            continue
        answer = out.answers[task_id]
        graded.verdicts[task_id] = decide(task_id, kind, answer, attempts, variant)
        if kind == "explain" and isinstance(answer, str) and not unanswered(answer):
            graded.texts[task_id] = _paragraphs(answer)


def _paragraphs(text: str) -> str:
    """A written answer with its code-cell line breaks joined (blank lines kept)."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def grade_one(job: Job, submission: _collect.Submission, roster: dict[str, str] | None) -> Graded:
    """Run one submission and decide its tasks (in a worker process)."""
    from . import tasks

    try:
        outcome = run_notebook(job)
    except Exception as error:  # one notebook must never stop the class's grading
        outcome = Outcome("error", problems=[f"it could not be run ({type(error).__name__})"])
    graded = Graded(submission, outcome)
    try:
        _decide_all(graded, tasks(), roster)
    except Exception as error:  # a checker that breaks must not lose the other results
        graded.notes.append(f"the grader could not decide every task ({type(error).__name__})")
    return graded


def _probes(
    known: list[str], student: str, roster: dict[str, str] | None
) -> dict[str, list[list[object]]]:
    from . import probe_inputs

    variant = _variant(student, roster)
    return {t: probe_inputs(t, variant=variant) for t in known if kind_of(t) == "build"}


def choose(graded: list[Graded]) -> tuple[dict[tuple[str, str | None], Graded], list[Graded]]:
    """The submission graded per (student, lesson), and the ones set aside."""
    chosen: dict[tuple[str, str | None], Graded] = {}
    aside: list[Graded] = []
    by_key: dict[tuple[str, str | None], list[Graded]] = {}
    for item in graded:
        by_key.setdefault((item.submission.student, item.submission.lesson), []).append(item)
    for key, items in by_key.items():
        if key[1] is None:  # notebooks of no known lesson: report each, grade none
            aside.extend(items)
            continue
        items.sort(key=lambda g: (-g.answered, -g.submission.modified, g.submission.shown))
        chosen[key] = items[0]
        for other in items[1:]:
            items[0].notes.append(
                f"also handed in {other.submission.shown} ({other.answered} tasks answered): "
                f"not graded; {items[0].submission.shown} has the most answers"
            )
            aside.append(other)
    return chosen, aside


def grade(
    folder: Path,
    out: Path,
    timeout: float = 120.0,
    feedback: Path | None = None,
    *,
    jobs: int | None = None,
    sandbox: bool = True,
    memory: int = DEFAULT_MEMORY,
    roster: dict[str, str] | None = None,
    lessons: list[str] | None = None,
    progress: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
) -> list[Graded]:
    """Grade every submission under ``folder``; write ``out`` (CSV), feedback and answers.

    ``lessons`` (e.g. ``["03"]``) grades only the notebooks of those lessons.
    """
    from . import _report, tasks

    found = _collect.find(folder)
    if not found:
        raise GradeError(f"no notebook (*.ipynb) was found anywhere under {folder.resolve()}")
    if lessons is not None:
        kept = [s for s in found if s.lesson in lessons]
        if not kept:
            shown = ", ".join(lessons)
            raise GradeError(f"no notebook of lesson {shown} was found under {folder.resolve()}")
        if len(kept) < len(found):
            progress(f"leaving out {len(found) - len(kept)} notebook(s) of other lessons")
        found = kept
    if roster is not None:  # "Ada" or "Ada Lovelace" (an LMS's prefix) is the roster's "ada"
        names = Counter(name.lower() for name in roster.values() if name)
        ids = {name.lower(): i for i, name in roster.items() if name and names[name.lower()] == 1}
        ids |= {student.lower(): student for student in roster}
        found = [replace(s, student=ids.get(s.student.lower(), s.student)) for s in found]
    known = tasks()
    hidden = (folder.resolve(),)
    jobs_list = [
        (Job(s.student, s.path, s.shown, timeout, memory, sandbox, hidden,
             _probes(known, s.student, roster)), s)
        for s in found
    ]  # fmt: skip
    if roster is not None and not callable(getattr(_package(), "variant_for", None)):
        progress("note: this kit has no per-student numbers yet; graded with the default numbers")
    workers = max(1, min(jobs or os.cpu_count() or 1, len(jobs_list)))
    progress(
        f"grading {len(found)} notebooks from {folder} ({workers} at a time, "
        f"at most {timeout:g} s each{'' if sandbox else ', NOT sandboxed'})"
    )
    graded = _run_all(jobs_list, roster, workers, progress)
    chosen, aside = choose(graded)
    written = _report.write(out, feedback, chosen, aside, known, roster)
    progress(written)
    return graded


def _run_all(
    jobs_list: list[tuple[Job, _collect.Submission]],
    roster: dict[str, str] | None,
    workers: int,
    progress: Callable[[str], None],
) -> list[Graded]:
    start = time.monotonic()
    graded: list[Graded] = []

    def done(item: Graded) -> None:
        graded.append(item)
        elapsed = time.monotonic() - start
        left = elapsed / len(graded) * (len(jobs_list) - len(graded))
        progress(
            f"[{len(graded)}/{len(jobs_list)}] {item.submission.shown}: {item.outcome.status} "
            f"({item.outcome.seconds:.1f} s); about {left:.0f} s left"
        )

    if workers == 1:
        for job, submission in jobs_list:
            done(grade_one(job, submission, roster))
        return graded
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        futures: list[Any] = [pool.submit(grade_one, j, s, roster) for j, s in jobs_list]
        for future in as_completed(futures):
            done(future.result())
    return graded
