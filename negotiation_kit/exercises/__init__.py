"""Exercises with friendly automatic feedback: ``check(task_id, answer)`` shows ✓, ✗ or ✎.

Each lesson's tasks live in a module ``lessonNN.py`` of this package, found and imported the
first time a task is checked or listed. Every task has a :func:`kind`: compute, predict,
explain (read by the instructor, never marked here) or build. :func:`evaluate` decides an
answer without side effects (the grader's entry point); :func:`check`, what notebooks call, is
``evaluate`` plus recording each attempt at a prediction beside the notebook. Instructor tools
(generate, release, grade, reset) are the commands of ``python -m negotiation_kit.exercises``.

>>> from negotiation_kit.exercises import check, evaluate, kind, tasks
>>> "01.1" in tasks(), kind("01.1")
(True, 'compute')
>>> evaluate("01.1", ...).passed is None
True
>>> evaluate("01.1", "a lot").passed
False
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re

from . import _attempts
from . import _core as _core_module
from ._core import (
    KINDS,
    MIME,
    TO_READ,
    WRAPS_KIT,
    WRONG_FORM,
    Check,
    Probed,
    Unanswered,
    Wrong,
    WrongForm,
    callable_,
    choice,
    close,
    function_source,
    interval,
    intervals,
    missing,
    number,
    plain,
    registered,
    task,
    text,
)
from ._variants import Variant, render_notebook, variant_for, varied_lessons

__all__ = [
    "KINDS",
    "MIME",
    "TO_READ",
    "WRAPS_KIT",
    "WRONG_FORM",
    "Check",
    "Probed",
    "Unanswered",
    "Variant",
    "Wrong",
    "WrongForm",
    "callable_",
    "check",
    "choice",
    "close",
    "evaluate",
    "function_source",
    "interval",
    "intervals",
    "kind",
    "load_errors",
    "missing",
    "number",
    "plain",
    "probe_inputs",
    "render_notebook",
    "task",
    "tasks",
    "text",
    "use_variant",
    "variant_for",
    "varied_lessons",
]

_LESSON = re.compile(r"^lesson\d\d$")
_session: Variant | None = None
_loaded = False
_errors: dict[str, str] = {}


def _load() -> None:
    """Import every ``lessonNN`` module of this package once (a missing one is simply absent)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if _LESSON.match(module.name):
            try:
                importlib.import_module(f"{__name__}.{module.name}")
            except Exception as error:  # a broken lesson must not break the others
                _errors[module.name] = f"{type(error).__name__}: {error}"


def load_errors() -> dict[str, str]:
    """Lesson modules that failed to import, with the error (empty when all is well)."""
    _load()
    return dict(_errors)


def tasks() -> list[str]:
    """The ids of every registered task, sorted ("01.1", "01.2", ...)."""
    _load()
    return sorted(registered())


def kind(task_id: str) -> str:
    """The kind of task ``task_id``: "compute", "predict", "explain" or "build".

    Raises ``KeyError`` (naming the lesson's tasks) for an unknown id.
    """
    _load()
    return _core_module.kind(task_id)


def probe_inputs(task_id: str, *, variant: object = None) -> list[list[object]]:
    """The inputs a build task tries the student's function on, each a list of arguments.

    The grader calls ``fn(*input)`` for each, records ``(input, output)`` pairs in a
    :class:`Probed` with the function's source, and passes it to :func:`evaluate`.
    """
    _load()
    return _core_module.probe_inputs(task_id, variant=variant)


def evaluate(task_id: str, answer: object, *, variant: object = None) -> Check:
    """Decide ``answer`` for task ``task_id``, against ``variant``'s numbers (None: default).

    Pure (no file written, nothing printed) and never raises. ``answer`` is a live object or
    the plain data the grader sends back (see :func:`plain`), a build task's function a live
    function or a :class:`Probed`. Explain tasks always have ``passed`` None.
    """
    _load()
    result = _core_module.evaluate(task_id, answer, variant=variant)
    if result.passed is False and isinstance(task_id, str) and task_id not in registered():
        broken = _errors.get(f"lesson{task_id[:2]}")
        if broken:
            message = f"the checks of lesson {task_id[:2]} could not be loaded ({broken})."
            return Check(task_id, "", False, message)
    return result


def use_variant(student_id: str) -> None:
    """Check this notebook's answers against the numbers of student ``student_id``.

    The first cell of a notebook ``release --students`` writes calls it; the grader never
    reads it (it checks each student against the roster's id).
    """
    global _session
    _session = variant_for(student_id)


def check(task_id: str, answer: object) -> Check:
    """Check ``answer`` for task ``task_id`` and return a :class:`Check` showing ✓, ✗, ✎ or "…".

    Never raises: a placeholder answer (``None``, ``...``, blank text) is "not answered yet";
    an explanation is kept for the instructor (✎); an unknown task id or any answer the
    checker cannot read is a ✗ with a hint; the expected answer is never shown. Each attempt
    at a prediction is recorded beside the notebook: the first one is what counts.
    """
    result = evaluate(task_id, answer, variant=_session)
    if result.passed is None or WRONG_FORM in result.flags:
        return result
    if not isinstance(task_id, str) or task_id not in registered():
        return result
    if registered()[task_id].kind != "predict":
        return result
    try:
        path = _attempts.attempts_path(task_id)
        count = _attempts.record(path, task_id, plain(answer), result.passed)
    except OSError as error:
        note = f" (this attempt could not be recorded: {type(error).__name__})"
        return dataclasses.replace(result, message=result.message + note)
    if count == 1:
        note = " (your first attempt, recorded: it is the one that counts)"
    else:
        note = f" (attempt {count}, recorded; your first attempt is the one that counts)"
    return dataclasses.replace(result, message=result.message + note)
