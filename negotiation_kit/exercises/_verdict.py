"""Decide each task of a submission in the grader's own process, from plain answers.

The kernel sends back answers (``_harvest``); here each one goes through the kit's own
``evaluate`` (never the notebook's ``check``), against the student's variant when there is a
roster. What a grades-table cell says, by kind of task:

- compute and build: ``passed``, ``failed`` or ``unanswered``; a build answer that only calls
  the kit's own implementation adds ``(wraps kit)``;
- explain: ``to read`` (a person marks it; the text goes to the answers export), or
  ``unanswered``;
- predict: ``passed`` only when the *first* recorded attempt was right; ``right on try N``
  when a later one was (shown, not counted); ``right (no attempts file)`` when the notebook's
  answer is right but no attempts file was handed in (not counted either); else ``failed``;
- ``no answer``: the check never ran (its cell did not run, or raised before it), or its
  answer could not be read; ``missing``: no notebook of that lesson was handed in.

Only ``passed`` counts towards a student's total.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._core import Check, unanswered

PASSED = "passed"
NO_ANSWER = "no answer"
MISSING = "missing"
TO_READ = "to read"
WRAPS_KIT = "wraps-kit"


@dataclass(frozen=True)
class Verdict:
    """One task of one submission, as the grades table and the feedback show it."""

    status: str
    message: str
    counts: bool = False
    flags: tuple[str, ...] = ()


def _answer_object(kind: str, answer: object) -> object:
    """A build task's function as a ``Probed``; any other answer as it came."""
    if kind == "build" and isinstance(answer, dict) and isinstance(answer.get("function"), dict):
        from . import Probed

        function = answer["function"]
        calls = [tuple(pair) for pair in function.get("calls", []) if len(pair) == 2]
        return Probed(function.get("source"), calls)
    return answer


def _evaluate(task_id: str, answer: object, variant: object) -> Check:
    from . import evaluate

    result: Check = evaluate(task_id, answer, variant=variant)
    return result


def _status(check: Check) -> str:
    return {True: PASSED, False: "failed", None: "unanswered"}[check.passed]


def _predict(task_id: str, check: Check, attempts: Any, variant: object) -> Verdict:
    if attempts is None:
        if check.passed:
            message = (
                f"{check} (no attempts file was handed in: a prediction counts on the first try)"
            )
            return Verdict("right (no attempts file)", message)
        return Verdict(_status(check), str(check))
    tries = [a for a in attempts.get(task_id, []) if isinstance(a, dict) and "answer" in a]
    if not tries:
        if check.passed:
            return Verdict("right (try not recorded)", f"{check} (no attempt was recorded)")
        return Verdict(_status(check), str(check))
    for number, attempt in enumerate(tries, start=1):
        if _evaluate(task_id, attempt["answer"], variant).passed:
            if number == 1:
                return Verdict(PASSED, f"{check} (right on your first try)", counts=True)
            message = f"{check} (right on try {number}; a prediction counts on the first try)"
            return Verdict(f"right on try {number}", message)
    return Verdict("failed", f"{check} ({len(tries)} tries recorded, none right)")


def decide(
    task_id: str, kind: str, answer: object, attempts: Any = None, variant: object = None
) -> Verdict:
    """The verdict on ``answer`` (plain data from the kernel) for task ``task_id``.

    ``attempts`` are the predict attempts handed in (task id -> list), or None if none were.
    """
    check = _evaluate(task_id, _answer_object(kind, answer), variant)
    flags = tuple(getattr(check, "flags", ()))
    if kind == "explain":
        if unanswered(answer):
            return Verdict("unanswered", str(check), flags=flags)
        return Verdict(TO_READ, str(check), flags=flags)
    if kind == "predict":
        return _predict(task_id, check, attempts, variant)
    status = _status(check)
    if WRAPS_KIT in flags:
        status += " (wraps kit)"
    return Verdict(status, str(check), counts=check.passed is True, flags=flags)


def kind_of(task_id: str) -> str:
    """The kind of a known task ("compute", "predict", "explain" or "build")."""
    from . import kind

    found: str = kind(task_id)
    return found


def meant_id(task_id: str) -> str:
    """The task id a mistyped one probably meant ("3.2" -> "03.2")."""
    lesson, _, number = task_id.strip().partition(".")
    return f"{lesson.zfill(2)}.{number}" if lesson.isdigit() and number.isdigit() else task_id
