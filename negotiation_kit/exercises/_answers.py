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

import dis
import math
from collections.abc import Callable, Mapping, Sequence
from numbers import Real
from typing import Any

import numpy as np


class Wrong(Exception):
    """Raised by a checker: the answer is wrong; the message is a kind hint (never the answer)."""


class Unanswered(Exception):
    """Raised by a checker when the answer is still a placeholder."""


def _describe(answer: object) -> str:
    """A short, safe description of what the student gave."""
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
        raise Wrong(f"{what} should be a number, like 0.25; got {_describe(answer)}.")
    if isinstance(answer, np.complexfloating):
        raise Wrong(f"{what} should be a real number; got a complex number.")
    value = float(answer)
    if math.isnan(value):
        raise Wrong(f"{what} is NaN (not a number): did a calculation go wrong?")
    if math.isinf(value):
        raise Wrong(f"{what} is infinite: give a finite number.")
    return value


def interval(answer: object, what: str) -> tuple[float, float]:
    """Read an interval ``(low, high)``: a pair of numbers with ``low <= high``.

    A kit win-set or zone made of exactly one interval is accepted too.
    """
    pieces = getattr(answer, "intervals", None)
    if isinstance(pieces, list):
        if len(pieces) != 1:
            raise Wrong(f"{what} should be one interval; the win-set you gave has {len(pieces)}.")
        answer = pieces[0]
    if isinstance(answer, np.ndarray):
        answer = list(answer.reshape(-1)) if answer.ndim == 1 else answer
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise Wrong(f"{what} should be a pair of numbers (low, high), like (0.1, 0.4); "
                    f"got {_describe(answer)}.")  # fmt: skip
    low = number(answer[0], f"the low end of {what}")
    high = number(answer[1], f"the high end of {what}")
    if low > high:
        raise Wrong(f"{what}: write the low end first, (low, high).")
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
        raise Wrong(f"{what} should be a list of intervals, like [(0.1, 0.4)] (or [] if empty); "
                    f"got {_describe(answer)}.")  # fmt: skip
    read = [interval(piece, f"interval {i + 1} of {what}") for i, piece in enumerate(answer)]
    return sorted(read)


def _normal(word: str) -> str:
    return " ".join(word.lower().split())


def choice(answer: object, options: Sequence[str], what: str) -> str:
    """Read one of ``options`` (case and spaces do not matter); returns the option as written."""
    listed = ", ".join(repr(option) for option in options)
    if not isinstance(answer, str):
        raise Wrong(f"{what} should be one of {listed} (in quotes); got {_describe(answer)}.")
    for option in options:
        if _normal(answer) == _normal(option):
            return option
    raise Wrong(f"{what} should be one of {listed}; got {_describe(answer)}.")


def text(answer: object, what: str, min_words: int = 15) -> str:
    """Read a written answer of at least ``min_words`` words."""
    if not isinstance(answer, str):
        raise Wrong(f"{what} should be written in words, in quotes; got {_describe(answer)}.")
    words = len(answer.split())
    if words < min_words:
        raise Wrong(f"{what} is a little short ({words} words): explain in a few full sentences.")
    return answer


def mentions(written: str, groups: Mapping[str, Sequence[str]]) -> None:
    """Raise :class:`Wrong` naming the first idea of ``groups`` that ``written`` does not mention.

    Each group maps an idea to its synonyms (matched as lower-case substrings).
    """
    lower = _normal(written)
    for idea, words in groups.items():
        if not any(_normal(word) in lower for word in words):
            raise Wrong(f"a good start; your answer does not yet say anything about {idea}.")


def close(value: float, expected: float, what: str, tol: float = 1e-3) -> None:
    """Raise :class:`Wrong` unless ``value`` is within ``tol`` of ``expected`` (says which way)."""
    if abs(value - expected) <= tol:
        return
    way = "too high" if value > expected else "too low"
    raise Wrong(f"{what} is not right yet: it is {way}.")


def _does_nothing(fn: object) -> bool:
    """True for a function whose body is only ``...``, ``pass`` or a docstring."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return False
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
    failed on.
    """
    if not callable(answer):
        raise Wrong(f"{what} should be a function (written with def); got {_describe(answer)}.")
    if _does_nothing(answer):
        raise Unanswered("the function still has ... as its body")
    results: list[object] = []

    def call(*args: object, **kwargs: object) -> Any:
        shown = ", ".join(
            [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
        )
        try:
            result = answer(*args, **kwargs)
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
