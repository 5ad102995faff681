"""The checking machinery: tasks, answer readers, and the result a student sees.

A lesson module registers one checker per task with :func:`task`. A checker takes the
student's answer, reads it with the readers of ``_answers`` (re-exported here; they raise
:class:`Wrong` with a kind hint on the wrong kind of answer), computes what it expects
*through the kit*, and either returns (a word of praise, or ``None``) or raises
:class:`Wrong` naming the first thing that is wrong, without ever revealing the answer.

>>> @task("99.1", "A demonstration")
... def _demo(answer: object) -> str:
...     close(number(answer, "the width"), 0.6, "the width")
...     return "exactly."
>>> print(run("99.1", 0.6))
✓ 99.1 A demonstration: exactly.
>>> print(run("99.1", 0.9))
✗ 99.1 A demonstration: the width is not right yet: it is too high.
>>> print(run("99.1", "wide"))
✗ 99.1 A demonstration: the width should be a number, like 0.25; got the text 'wide'.
>>> _unregister("99.1")
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from ._answers import (
    Unanswered,
    Wrong,
    _short,
    callable_,
    choice,
    close,
    interval,
    intervals,
    mentions,
    number,
    text,
)

__all__ = [
    "MIME",
    "Check",
    "Unanswered",
    "Wrong",
    "callable_",
    "choice",
    "close",
    "interval",
    "intervals",
    "mentions",
    "number",
    "registered",
    "run",
    "task",
    "text",
]

MIME = "application/vnd.negotiation-kit.check+json"
"""The machine-readable mime type of a check result: ``{"task": id, "passed": bool | None}``."""
TASK_ID = re.compile(r"^(\d\d)\.([1-9]\d*)$")
DEFAULT_PRAISE = "well done!"

Checker = Callable[[object], "str | None"]


@dataclass(frozen=True)
class _Task:
    task_id: str
    title: str
    checker: Checker


_TASKS: dict[str, _Task] = {}


def task(task_id: str, title: str) -> Callable[[Checker], Checker]:
    """Register ``fn(answer) -> str | None`` as the checker of task ``task_id`` ("NN.k")."""
    if not TASK_ID.match(task_id):
        raise ValueError(f"task id must look like '03.2' (lesson.task), got {task_id!r}")

    def register(fn: Checker) -> Checker:
        old = _TASKS.get(task_id)
        if old is not None and _origin(old.checker) != _origin(fn):
            raise ValueError(f"task {task_id} is registered twice ({_origin(old.checker)})")
        _TASKS[task_id] = _Task(task_id, title, fn)
        return fn

    return register


def _origin(fn: Callable[..., object]) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', '?')}"


def _unregister(task_id: str) -> None:
    """Forget a task (tests and doctests only)."""
    _TASKS.pop(task_id, None)


def registered() -> dict[str, _Task]:
    """The registered tasks by id (a copy)."""
    return dict(_TASKS)


# ----------------------------------------------------------------------------- the result


@dataclass(frozen=True)
class Check:
    """What a student sees after ``check(task_id, answer)``: ✓, ✗ or "not answered yet"."""

    task_id: str
    title: str
    passed: bool | None
    message: str

    def __str__(self) -> str:
        mark = {True: "✓", False: "✗", None: "…"}[self.passed]
        title = f" {self.title}" if self.title else ""
        return f"{mark} {self.task_id}{title}: {self.message}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        colour = {True: "#1a7f37", False: "#b3261e", None: "#6b6b6b"}[self.passed]
        mark = str(self)[0]
        name = html.escape(f"{self.task_id} {self.title}".strip())
        return (
            f'<div style="border-left: 4px solid {colour}; padding: 0.3em 0.8em">'
            f'<span style="color: {colour}; font-weight: bold">{mark}</span> '
            f"<strong>{name}</strong>: {html.escape(self.message)}</div>"
        )

    def _repr_mimebundle_(
        self, include: object = None, exclude: object = None
    ) -> dict[str, object]:
        return {
            "text/plain": str(self),
            "text/html": self._repr_html_(),
            MIME: self.to_json(),
        }

    def to_json(self) -> dict[str, object]:
        """The machine-readable result the grade tool reads: task id and passed."""
        return {"task": self.task_id, "passed": self.passed}


def unanswered(answer: object, depth: int = 0) -> bool:
    """True for a placeholder: ``None``, ``...``, a blank string, or a pair of ``...``."""
    if answer is None or answer is Ellipsis:
        return True
    if isinstance(answer, str):
        return answer.strip() in ("", "...", "…")
    if isinstance(answer, tuple | list) and depth < 2 and answer:
        return any(unanswered(item, depth + 1) for item in answer)
    return False


def run(task_id: object, answer: object) -> Check:
    """Check ``answer`` for task ``task_id``; never raises (see ``exercises.check``)."""
    if not isinstance(task_id, str) or task_id not in _TASKS:
        shown = task_id if isinstance(task_id, str) else _short(task_id)
        return Check(shown, "", False, _unknown(shown))
    registered_task = _TASKS[task_id]
    title = registered_task.title
    try:
        if unanswered(answer):
            return Check(task_id, title, None, "not answered yet")
        praise = registered_task.checker(answer)
    except Unanswered as reason:
        note = str(reason)
        return Check(
            task_id, title, None, f"not answered yet ({note})" if note else "not answered yet"
        )
    except Wrong as hint:
        return Check(task_id, title, False, str(hint) or "not right yet.")
    except (Exception, SystemExit) as error:
        message = f"could not check this answer ({type(error).__name__}); look at its form again."
        return Check(task_id, title, False, message)
    return Check(task_id, title, True, praise if isinstance(praise, str) else DEFAULT_PRAISE)


def _unknown(task_id: object) -> str:
    ids = sorted(_TASKS)
    lesson = task_id[:2] if isinstance(task_id, str) else ""
    same = [i for i in ids if i.startswith(lesson + ".")] if lesson else []
    if same:
        return f"there is no task {task_id!r}; the tasks of lesson {lesson} are {', '.join(same)}."
    lessons = sorted({i[:2] for i in ids})
    return (
        f"there is no task {task_id!r}; task ids look like '01.2' "
        f"(lessons with tasks: {', '.join(lessons) or 'none yet'})."
    )


def as_json(check: Check) -> str:
    """The result as a JSON string (for logs)."""
    return json.dumps(check.to_json())
