"""Answer readers: turn what a student typed into numbers, intervals, choices or text.

Each reader raises :class:`Wrong` with a kind hint on the wrong kind of answer, and never
reveals an expected value. Checkers (``lessonNN.py``) import them from ``_core``.

>>> number(0.25, "the width")
0.25
>>> interval([0.2, 0.8], "the zone")
(0.2, 0.8)
>>> choice(" Rises", ["rises", "falls"], "your prediction")
'rises'
"""

from __future__ import annotations

import ast
import dis
import inspect
import json
import math
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from numbers import Real
from typing import Any

import numpy as np


class Wrong(Exception):
    """Raised by a checker: the answer is wrong; the message is a kind hint (never the answer)."""


class WrongForm(Wrong):
    """Raised by a reader: the answer is not of the kind asked for (a text for a number, ...).

    A prediction of the wrong form is not counted as an attempt.
    """


class Raised(Exception):
    """What a :class:`Probed` function raises when the student's function raised ``name``."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class Unanswered(Exception):
    """Raised by a checker when the answer is still a placeholder."""


def _describe(answer: object) -> str:
    """A short, safe description of what the student gave."""
    if isinstance(answer, dict) and set(answer) == {"unreadable"}:
        return f"something the grader could not read (a {_short(answer['unreadable'])})"
    if isinstance(answer, str):
        shown = answer if len(answer) <= 30 else answer[:27] + "..."
        return f"the text {shown!r}"
    if isinstance(answer, bool | np.bool_):
        return f"{bool(answer)} (a yes/no value)"
    if isinstance(answer, list | tuple):
        return f"a {type(answer).__name__} of {len(answer)} items"
    return f"a {type(answer).__name__}"


def number(answer: object, what: str) -> float:
    """Read one finite number (int, float or numpy scalar; not a bool, not text)."""
    if isinstance(answer, bool | np.bool_) or not isinstance(answer, Real | np.number):
        if isinstance(answer, np.ndarray) and answer.size == 1 and answer.ndim <= 1:
            return number(answer.reshape(-1)[0].item(), what)
        raise WrongForm(f"{what} should be a number, like 0.25; got {_describe(answer)}.")
    if isinstance(answer, np.complexfloating):
        raise WrongForm(f"{what} should be a real number; got a complex number.")
    value = float(answer)
    if math.isnan(value):
        raise WrongForm(f"{what} is NaN (not a number): did a calculation go wrong?")
    if math.isinf(value):
        raise WrongForm(f"{what} is infinite: give a finite number.")
    return value


def interval(answer: object, what: str) -> tuple[float, float]:
    """Read an interval ``(low, high)``: a pair of numbers with ``low <= high``.

    A kit win-set or zone made of exactly one interval is accepted too.
    """
    pieces = getattr(answer, "intervals", None)
    if isinstance(pieces, list):
        if len(pieces) != 1:
            raise WrongForm(f"{what} should be one interval; the win-set you gave has "
                            f"{len(pieces)}.")  # fmt: skip
        answer = pieces[0]
    if (
        isinstance(answer, list | tuple)
        and len(answer) == 1
        and isinstance(answer[0], list | tuple)
    ):
        answer = answer[0]  # a list of one interval, as a zone reaches the grader: [[lo, hi]]
    if isinstance(answer, np.ndarray):
        answer = list(answer.reshape(-1)) if answer.ndim == 1 else answer
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise WrongForm(f"{what} should be a pair of numbers (low, high), like (0.1, 0.4); "
                    f"got {_describe(answer)}.")  # fmt: skip
    low = number(answer[0], f"the low end of {what}")
    high = number(answer[1], f"the high end of {what}")
    if low > high:
        raise WrongForm(f"{what}: write the low end first, (low, high).")
    return low, high


def intervals(answer: object, what: str) -> list[tuple[float, float]]:
    """Read a list of intervals (``[]`` for an empty set), sorted by low end.

    A kit win-set or zone (anything with ``.intervals``) is accepted too.
    """
    pieces = getattr(answer, "intervals", None)
    if isinstance(pieces, list):
        answer = pieces
    if isinstance(answer, tuple) and len(answer) == 2 and not isinstance(answer[0], tuple | list):
        answer = [answer]  # one bare pair: be kind and read it as a list of one interval
    if not isinstance(answer, list | tuple):
        raise WrongForm(f"{what} should be a list of intervals, like [(0.1, 0.4)] (or [] if "
                        f"empty); got {_describe(answer)}.")  # fmt: skip
    read = [interval(piece, f"interval {i + 1} of {what}") for i, piece in enumerate(answer)]
    return sorted(read)


def _normal(word: str) -> str:
    return " ".join(word.lower().split())


def choice(answer: object, options: Sequence[str], what: str) -> str:
    """Read one of ``options`` (case and spaces do not matter); returns the option as written."""
    listed = ", ".join(repr(option) for option in options)
    if not isinstance(answer, str):
        raise WrongForm(f"{what} should be one of {listed} (in quotes); got {_describe(answer)}.")
    for option in options:
        if _normal(answer) == _normal(option):
            return option
    raise WrongForm(f"{what} should be one of {listed}; got {_describe(answer)}.")


def text(answer: object, what: str) -> str:
    """Read a written answer (any non-blank text)."""
    if not isinstance(answer, str):
        raise WrongForm(f"{what} should be written in words, in quotes; got {_describe(answer)}.")
    return answer


def missing(written: str, groups: Mapping[str, Sequence[str]]) -> list[str]:
    """The ideas of ``groups`` that ``written`` does not mention (in order).

    Each group maps an idea to its synonyms (matched as lower-case substrings). This is a
    formative hint only: mentioning a word is not understanding it.
    """
    lower = _normal(written)
    return [idea for idea, words in groups.items() if not any(_normal(w) in lower for w in words)]


def decimals_phrase(decimals: int) -> str:
    """ "two decimals", "three decimals", ..."""
    words = {1: "one decimal", 2: "two decimals", 3: "three decimals", 4: "four decimals"}
    return words.get(decimals, f"{decimals} decimals")


def close(
    value: float, expected: float, what: str, decimals: int = 3, within: float | None = None
) -> None:
    """Raise :class:`Wrong` unless ``value`` is ``expected`` rounded to ``decimals`` (or closer).

    Rounding either way is accepted (0.16 and 0.17 for 0.165 at two decimals); ``within``
    replaces that tolerance when given. The message says the precision expected and never
    which way the answer is off.
    """
    tolerance = 0.5 * 10.0**-decimals if within is None else within
    if abs(value - expected) <= tolerance + 1e-9:
        return
    enough = decimals_phrase(decimals) if within is None else f"within {within:g}"
    raise Wrong(f"{what} is not right yet (an answer {_to(enough)} is enough).")


def _to(enough: str) -> str:
    return enough if enough.startswith("within") else f"to {enough}"


def agrees(value: float, expected: float, tol: float = 1e-9) -> bool:
    """Whether a build task's result ``value`` agrees with ``expected`` (to ``tol``)."""
    return abs(value - expected) <= tol


# ------------------------------------------------------------------------- functions


def plain(value: object, depth: int = 0) -> object:
    """``value`` as plain JSON data, as the grader sends answers back (contract item 3).

    Numbers (numpy scalars too) become floats or ints, tuples and arrays lists, win-sets and
    zones (anything with ``.intervals``) lists of ``[low, high]``; anything else becomes
    ``{"unreadable": "<type name>"}``.

    >>> plain((np.float64(0.5), [np.int64(1), True]))
    [0.5, [1, True]]
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return number if math.isfinite(number) else {"unreadable": repr(number)}
    if depth < 8:
        pieces = getattr(value, "intervals", None)
        if isinstance(pieces, list):
            return [[plain(a, depth + 1), plain(b, depth + 1)] for a, b in pieces]
        if isinstance(value, np.ndarray):
            return plain(value.tolist(), depth + 1)
        if isinstance(value, list | tuple):
            return [plain(item, depth + 1) for item in value]
    return {"unreadable": type(value).__name__}


def _key(args: object) -> str:
    return json.dumps(plain(args), sort_keys=True)


class Probed:
    """A student's function as the grader saw it: its source and its results on chosen inputs.

    ``calls`` is a list of ``(input, output)`` pairs; an input is the list of positional
    arguments (``probe_inputs``), an output plain data or ``{"raised": "<ExceptionName>"}``.
    Calling it with a recorded input gives the recorded output (or raises :class:`Raised`);
    with any other input it raises ``LookupError``.

    >>> twice = Probed("def twice(x):\\n    return 2 * x\\n", [([0.5], 1.0)])
    >>> twice(0.5), function_source(twice).startswith("def twice")
    (1.0, True)
    """

    def __init__(self, source: str | None, calls: Sequence[tuple[object, object]]) -> None:
        self.source = source
        self.calls = [(list(i) if isinstance(i, tuple) else i, o) for i, o in calls]
        self._table = {_key(i): o for i, o in self.calls}

    def __call__(self, *args: object) -> object:
        key = _key(list(args))
        if key not in self._table:
            raise LookupError(f"the grader did not call the function with {key}")
        output = self._table[key]
        if isinstance(output, dict) and set(output) == {"raised"}:
            raise Raised(str(output["raised"]))
        return output

    def __repr__(self) -> str:
        return f"Probed({len(self.calls)} calls)"


def function_source(fn: object) -> str | None:
    """The source code of a student's function (a real one or a :class:`Probed`), or None."""
    if isinstance(fn, Probed):
        return fn.source if isinstance(fn.source, str) else None
    try:
        return inspect.getsource(fn)  # type: ignore[arg-type]
    except (TypeError, OSError, IndentationError, SyntaxError):
        return None


def kit_calls(fn: object, names: Sequence[str]) -> list[str]:
    """The kit methods among ``names`` that the function's source calls (``x.ratifies(...)``).

    Reads the source only (so it works on a :class:`Probed` too); a source that does not
    parse on its own (a lambda inside a longer line) is searched with a pattern instead.

    >>> kit_calls(lambda x: atl.ratifies(x), ["ratifies", "win_set"])
    ['ratifies']
    """
    source = function_source(fn)
    if not source:
        return []
    try:
        tree = ast.parse(textwrap.dedent(source))
    except SyntaxError:
        found = {m for m in re.findall(r"\.\s*([A-Za-z_]\w*)\s*\(", source) if m in names}
    else:
        found = {
            node.func.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in names
        }
    return sorted(found)


def _source_does_nothing(source: str | None) -> bool:
    """True for a ``def`` whose body is only ``...``, ``pass`` or a docstring."""
    if not source:
        return False
    try:
        tree = ast.parse(textwrap.dedent(source))
    except SyntaxError:
        return False
    defs = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    if len(defs) != 1:
        return False
    return all(
        isinstance(statement, ast.Pass)
        or (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))
        for statement in defs[0].body
    )


def _does_nothing(fn: object) -> bool:
    """True for a function whose body is only ``...``, ``pass`` or a docstring."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return _source_does_nothing(function_source(fn)) if isinstance(fn, Probed) else False
    for instruction in dis.get_instructions(code):
        if instruction.opname in ("RESUME", "NOP", "CACHE", "RETURN_VALUE"):
            continue
        if instruction.opname in ("LOAD_CONST", "RETURN_CONST") and instruction.argval is None:
            continue
        return False
    return True


def callable_(answer: object, what: str) -> Callable[..., Any]:
    """Wrap a function the student wrote, so that its failures become kind hints.

    Raises :class:`Unanswered` if its body is still ``...`` or it returned ``None`` on every
    input so far (so a checker should try first an input where ``None`` is not the answer);
    any exception it raises becomes :class:`Wrong` naming the exception type and the input it
    failed on. A :class:`Probed` function is accepted the same way.
    """
    if not callable(answer):
        raise WrongForm(f"{what} should be a function (written with def); got {_describe(answer)}.")
    if _does_nothing(answer):
        raise Unanswered("the function still has ... as its body")
    results: list[object] = []

    def call(*args: object, **kwargs: object) -> Any:
        shown = ", ".join(
            [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
        )
        try:
            result = answer(*args, **kwargs)
        except Raised as error:
            raise Wrong(f"{what} raised {error.name} when called with ({shown}).") from None
        except LookupError:
            if isinstance(answer, Probed):
                raise
            raise Wrong(f"{what} raised LookupError when called with ({shown}).") from None
        except (Exception, SystemExit) as error:
            raise Wrong(
                f"{what} raised {type(error).__name__} when called with ({shown})."
            ) from None
        results.append(result)
        if all(r is None for r in results):
            raise Unanswered(f"{what} returns nothing yet: is a return line missing?")
        return result

    return call


def _short(value: object) -> str:
    try:
        shown = repr(value)
    except Exception:
        shown = f"<{type(value).__name__}>"
    return shown if len(shown) <= 40 else shown[:37] + "..."
