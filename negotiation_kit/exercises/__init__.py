"""Exercises with friendly automatic feedback: ``check(task_id, answer)`` shows ✓ or ✗.

Each lesson's tasks live in a module ``lessonNN.py`` of this package, found and imported the
first time a task is checked or listed. Instructor tools (generate, release, grade, reset)
are the commands of ``python -m negotiation_kit.exercises``.

>>> from negotiation_kit.exercises import check, tasks
>>> "01.1" in tasks()
True
>>> check("01.1", ...).passed is None
True
>>> check("01.1", "a lot").passed
False
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from ._core import (
    MIME,
    Check,
    Unanswered,
    Wrong,
    callable_,
    choice,
    close,
    interval,
    intervals,
    mentions,
    number,
    registered,
    run,
    task,
    text,
)

__all__ = [
    "MIME",
    "Check",
    "Unanswered",
    "Wrong",
    "callable_",
    "check",
    "choice",
    "close",
    "interval",
    "intervals",
    "load_errors",
    "mentions",
    "number",
    "task",
    "tasks",
    "text",
]

_LESSON = re.compile(r"^lesson\d\d$")
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


def check(task_id: str, answer: object) -> Check:
    """Check ``answer`` for task ``task_id`` and return a :class:`Check` showing ✓, ✗ or "…".

    Never raises: a placeholder answer (``None``, ``...``, blank text) is "not answered yet"
    (``passed`` is ``None``); an unknown task id or any answer the checker cannot read is a ✗
    with a hint; the expected answer is never shown.
    """
    _load()
    result = run(task_id, answer)
    if result.passed is False and isinstance(task_id, str) and task_id not in registered():
        broken = _errors.get(f"lesson{task_id[:2]}")
        if broken:
            message = f"the checks of lesson {task_id[:2]} could not be loaded ({broken})."
            return Check(task_id, "", False, message)
    return result
