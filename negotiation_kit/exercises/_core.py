"""The checking machinery: tasks, their kinds, and the result a student sees.

A lesson module registers one checker per task with :func:`task`, saying what *kind* of task it
is: ``"compute"`` (a number, an interval... worked out from the lesson's equations),
``"predict"`` (a choice made before looking; the first try is what counts), ``"explain"``
(written words, read by the instructor, never marked here) or ``"build"`` (a function, tried on
the inputs of :func:`probe_inputs`). A checker takes the student's answer, reads it with the
readers of ``_answers`` (they raise :class:`WrongForm` on the wrong kind of answer), computes
what it expects *through the kit*, and either returns (a word of praise, or ``None``) or raises
:class:`Wrong` naming the first thing that is wrong, without ever revealing the answer.

:func:`evaluate` is pure: it decides an answer (a live object or the plain data the grader
sends back) and returns a :class:`Check`; it writes no file and prints nothing.

>>> @task("99.1", "A demonstration")
... def _demo(answer: object) -> str:
...     close(number(answer, "the width"), 0.6, "the width", decimals=2)
...     return "exactly."
>>> print(evaluate("99.1", 0.6))
✓ 99.1 A demonstration: exactly.
>>> print(evaluate("99.1", 0.9))
✗ 99.1 A demonstration: the width is not right yet (an answer to two decimals is enough).
>>> print(evaluate("99.1", "wide"))
✗ 99.1 A demonstration: the width should be a number, like 0.25; got the text 'wide'.
>>> _unregister("99.1")
"""

from __future__ import annotations

import contextlib
import contextvars
import html
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ._answers import (
    Probed,
    Unanswered,
    Wrong,
    WrongForm,
    _short,
    agrees,
    callable_,
    choice,
    close,
    function_source,
    interval,
    intervals,
    kit_calls,
    missing,
    number,
    plain,
    text,
)

__all__ = [
    "KINDS",
    "MIME",
    "Check",
    "Probed",
    "Unanswered",
    "Wrong",
    "WrongForm",
    "agrees",
    "callable_",
    "choice",
    "close",
    "compare_at",
    "evaluate",
    "explain",
    "first_interval",
    "function_source",
    "interval",
    "intervals",
    "kind",
    "missing",
    "number",
    "plain",
    "predict",
    "probe_inputs",
    "refuse_kit",
    "registered",
    "run",
    "task",
    "text",
]

MIME = "application/vnd.negotiation-kit.check+json"
"""The machine-readable mime type of a check result: ``{"task": id, "passed": bool | None}``."""
TASK_ID = re.compile(r"^(\d\d)\.([1-9]\d*)$")
KINDS = ("compute", "predict", "explain", "build")
DEFAULT_PRAISE = "well done!"
SAVED = "kept in your notebook for your instructor to read (explanations are not marked here)."
WRAPS_KIT = "wraps-kit"
"""The flag of a build answer that only calls the kit's own implementation."""
TO_READ = "to-read"
"""The flag of an explanation: a person reads it."""
WRONG_FORM = "wrong-form"
"""The flag of an answer of the wrong kind (a text for a number): not counted as an attempt."""

Checker = Callable[[object], "str | None"]
Probes = Callable[[], Sequence[Sequence[object]]]


@dataclass(frozen=True)
class _Task:
    task_id: str
    title: str
    checker: Checker
    kind: str
    probes: Probes | None = None


_TASKS: dict[str, _Task] = {}
_ACTIVE: contextvars.ContextVar[Any] = contextvars.ContextVar("variant", default=None)


def task(
    task_id: str, title: str, kind: str = "compute", *, probes: Probes | None = None
) -> Callable[[Checker], Checker]:
    """Register ``fn(answer) -> str | None`` as the checker of task ``task_id`` ("NN.k").

    ``kind`` is one of :data:`KINDS`; a build task gives ``probes``, a function returning the
    inputs its checker calls the student's function on (each a list of positional arguments).
    """
    if not TASK_ID.match(task_id):
        raise ValueError(f"task id must look like '03.2' (lesson.task), got {task_id!r}")
    if kind not in KINDS:
        raise ValueError(f"the kind of task {task_id} must be one of {KINDS}, got {kind!r}")
    if (kind == "build") != (probes is not None):
        raise ValueError(f"task {task_id}: a build task, and only a build task, has probes")

    def register(fn: Checker) -> Checker:
        old = _TASKS.get(task_id)
        if old is not None and _origin(old.checker) != _origin(fn):
            raise ValueError(f"task {task_id} is registered twice ({_origin(old.checker)})")
        _TASKS[task_id] = _Task(task_id, title, fn, kind, probes)
        return fn

    return register


def explain(task_id: str, title: str, ideas: Mapping[str, Sequence[str]]) -> None:
    """Register an explain task: a person reads the answer; ``ideas`` only give hints.

    ``ideas`` maps each idea a good answer uses to words that show it; the first idea the
    answer does not mention yet is offered as a hint, never as a verdict.
    """

    def _explanation(answer: object) -> str:
        written = text(answer, "your explanation")
        words = len(written.split())
        if words < 20:
            count = "1 word" if words == 1 else f"{words} words"
            return f"It is short ({count}): a few full sentences will say more."
        gaps = missing(written, ideas)
        if gaps:
            return f"Before you hand it in: could you say something about {gaps[0]}?"
        return "Compare it with the model answer once your instructor shares it."

    _explanation.__qualname__ = f"explain_{task_id}"
    task(task_id, title, "explain")(_explanation)


def _origin(fn: Callable[..., object]) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', '?')}"


def _unregister(task_id: str) -> None:
    """Forget a task (tests and doctests only)."""
    _TASKS.pop(task_id, None)


def registered() -> dict[str, _Task]:
    """The registered tasks by id (a copy)."""
    return dict(_TASKS)


class WrapsKit(Wrong):
    """Raised by a build checker when the answer only calls the kit's own implementation."""


def refuse_kit(answer: object, names: Sequence[str], what: str) -> None:
    """Raise :class:`WrapsKit` if the function ``answer`` calls one of the kit methods ``names``.

    ``what`` says what the task asks the student to write themselves.
    """
    used = kit_calls(answer, names)
    if used:
        raise WrapsKit(
            f"your function calls the kit's own .{used[0]}(...); this task asks you to write "
            f"{what} yourself, so the check cannot count it."
        )


def predict(
    task_id: str,
    title: str,
    options: Sequence[str],
    right: Callable[[], str],
    hint: str | Callable[[], str],
    praise: str,
    *,
    what: str = "your prediction",
) -> None:
    """Register a predict task: the answer is one of ``options``; ``right()`` computes,
    through the kit, the one that is right.

    A wrong choice gets ``hint`` (which says where to look, never the answer; a function when
    it quotes the student's numbers), a right one ``praise``; ``what`` names the answer in
    the message about an answer that is not one of the options.
    """

    def _prediction(answer: object) -> str:
        if choice(answer, options, what) != right():
            raise Wrong(hint if isinstance(hint, str) else hint())
        return praise

    _prediction.__qualname__ = f"predict_{task_id}"
    task(task_id, title, "predict")(_prediction)


Probe = TypeVar("Probe")
Value = TypeVar("Value")


def compare_at(
    probes: Iterable[Probe],
    yours: Callable[[Probe], Value],
    kits: Callable[[Probe], Value],
    same: Callable[[Value, Value], bool],
    wrong: Callable[[Probe, Value, Value], str],
) -> None:
    """A build checker's loop: at each probe in turn, the student's function (``yours``, which
    reads its result and raises :class:`WrongForm` on the wrong kind) against the kit's; the
    first probe where they are not the ``same`` raises :class:`Wrong` with
    ``wrong(probe, value, expected)``.

    >>> import operator
    >>> compare_at([1, 2, 3], lambda x: x * x, lambda x: 2 * x, operator.eq,
    ...            lambda x, value, expected: f"at {x}: {value}, not {expected}")
    Traceback (most recent call last):
    ...
    negotiation_kit.exercises._answers.Wrong: at 1: 1, not 2
    """
    for probe in probes:
        value, expected = yours(probe), kits(probe)
        if not same(value, expected):
            raise Wrong(wrong(probe, value, expected))


def first_interval(
    found: object, pieces: Sequence[tuple[float, float]], where: str, *, none: str, some: str,
    wrong: str,
) -> None:  # fmt: skip
    """A build task's answer ``found`` (an interval, or None where there is none) against the
    kit's ``pieces``, of which it should be the first.

    ``where`` names the call that gave ``found``; the hints say what to look at: ``none`` when
    the kit has no interval but ``found`` is one, ``some`` when ``found`` is None but the kit
    has one, ``wrong`` when the ends differ.
    """
    if not pieces:
        if found is not None:
            raise Wrong(f"{where} is not right yet: {none}")
        return
    if found is None:
        raise Wrong(f"{where} returned None, but {some}")
    low, high = interval(found, where)
    if not (agrees(low, pieces[0][0]) and agrees(high, pieces[0][1])):
        raise Wrong(f"{where} is not right yet: {wrong}")


# ----------------------------------------------------------------------------- the result


MARK_COLOURS = {
    True: "var(--jp-success-color0, #1a7f37)",
    False: "var(--jp-error-color1, #b3261e)",
    None: "var(--jp-content-font-color2, #6b6b6b)",
}
"""The colour of a check's mark (✓, ✗, and ✎ or … in grey) and of its box's edge.

JupyterLab's theme variables, which its light and dark themes set to a shade that reads on
their own background; the fallback after the comma is for pages without them (the site,
Colab), which are white. Each reaches 4.5:1 against the background of JupyterLab's light and
dark themes (``tests/test_theme_contrast.py`` computes it from the installed themes): one
fixed red could not, since no colour reaches 4.5:1 against both white and #111 (the old
#b3261e was 6.5:1 on white and 2.9:1 on the dark theme's background).
"""


@dataclass(frozen=True)
class Check:
    """What a student sees after ``check(task_id, answer)``: ✓, ✗, ✎ (to read) or "…"."""

    task_id: str
    title: str
    passed: bool | None
    message: str
    flags: tuple[str, ...] = ()

    def __str__(self) -> str:
        mark = "✎" if TO_READ in self.flags else {True: "✓", False: "✗", None: "…"}[self.passed]
        title = f" {self.title}" if self.title else ""
        return f"{mark} {self.task_id}{title}: {self.message}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        colour = MARK_COLOURS[self.passed]
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
        """The machine-readable result: task id, passed, and flags."""
        return {"task": self.task_id, "passed": self.passed, "flags": list(self.flags)}


def unanswered(answer: object, depth: int = 0) -> bool:
    """True for a placeholder: ``None``, ``...``, a blank string, or a pair of ``...``."""
    if answer is None or answer is Ellipsis:
        return True
    if isinstance(answer, str):
        return answer.strip() in ("", "...", "…")
    if isinstance(answer, tuple | list) and depth < 2 and answer:
        return any(unanswered(item, depth + 1) for item in answer)
    return False


@contextlib.contextmanager
def using(variant: object) -> Iterator[None]:
    """Within the block, the lesson modules' numbers are those of ``variant`` (None: default)."""
    token = _ACTIVE.set(variant)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def active_variant() -> Any:
    """The variant being checked against (None for the default numbers)."""
    return _ACTIVE.get()


def kind(task_id: str) -> str:
    """The kind of a registered task: "compute", "predict", "explain" or "build"."""
    if not isinstance(task_id, str) or task_id not in _TASKS:
        raise KeyError(_unknown(task_id if isinstance(task_id, str) else _short(task_id)))
    return _TASKS[task_id].kind


def probe_inputs(task_id: str, *, variant: object = None) -> list[list[object]]:
    """The inputs a build task's checker calls the student's function on (JSON-able).

    Each input is the list of positional arguments: the grader calls ``fn(*input)``.
    """
    if kind(task_id) != "build":
        raise ValueError(f"task {task_id} is a {kind(task_id)} task; only build tasks have inputs")
    probes = _TASKS[task_id].probes
    assert probes is not None
    with using(variant):
        return [list(args) for args in probes()]


def evaluate(task_id: object, answer: object, *, variant: object = None) -> Check:
    """Decide ``answer`` for task ``task_id`` (against ``variant``'s numbers); never raises.

    Pure: no file is written, nothing printed. A placeholder answer (``None``, ``...``, blank
    text) is "not answered yet" (``passed`` is ``None``); an explanation always has ``passed``
    ``None`` (a person reads it); an unknown task id or an answer the checker cannot read is a
    ✗ with a hint; the expected answer is never shown.
    """
    with using(variant):
        return run(task_id, answer)


def run(task_id: object, answer: object) -> Check:
    """Check ``answer`` for task ``task_id`` against the active variant (see :func:`evaluate`)."""
    if not isinstance(task_id, str) or task_id not in _TASKS:
        shown = task_id if isinstance(task_id, str) else _short(task_id)
        return Check(shown, "", False, _unknown(shown))
    registered_task = _TASKS[task_id]
    title, explaining = registered_task.title, registered_task.kind == "explain"
    try:
        if unanswered(answer):
            return Check(task_id, title, None, "not answered yet")
        praise = registered_task.checker(answer)
    except Unanswered as reason:
        note = str(reason)
        return Check(
            task_id, title, None, f"not answered yet ({note})" if note else "not answered yet"
        )
    except WrapsKit as hint:
        return Check(task_id, title, False, str(hint), (WRAPS_KIT,))
    except Wrong as hint:
        flags = (WRONG_FORM,) if isinstance(hint, WrongForm) else ()
        message = str(hint) or "not right yet."
        return Check(task_id, title, None if explaining else False, message, flags)
    except (Exception, SystemExit) as error:
        message = f"could not check this answer ({type(error).__name__}); look at its form again."
        return Check(task_id, title, None if explaining else False, message)
    if explaining:
        note = f" {praise}" if isinstance(praise, str) else ""
        return Check(task_id, title, None, f"{SAVED}{note}", (TO_READ,))
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
