"""Per-student numbers: each student's exercises tell the same story with their own numbers.

A lesson module that varies its numbers registers them with :func:`vary`: its default numbers
(the ones written in ``solutions/`` and ``exercises/``), a function drawing a student's numbers
from a ``random.Random``, and *where* the solution notebook writes each number.
:func:`variant_for` gives a student's :class:`Variant` (deterministic: seeded by the id);
:func:`render_notebook` writes a solution notebook with that student's numbers (``release
--students`` then strips the solutions); ``evaluate(..., variant=...)`` and
``probe_inputs(..., variant=...)`` check against them; in a rendered notebook ``use_variant``
makes ``check`` do the same.

Where a number is written, for each name of the defaults:

- ``"0.35"``: every occurrence of this literal in the notebook is the number. Use it only when
  the literal means nothing else in the notebook (lesson 1).
- ``["reservation=<<0.9>>", "$-0.2\\,(x - <<0.9>>)$"]``: a list of *contexts*, each a piece of
  text copied from the solution notebook with the number between ``<<`` and ``>>``. Only the
  marked number of each occurrence of each context changes, so one literal can stand for
  several quantities (in lesson 3, ``0.6`` is both a stake and the new hawk share). The marked
  text must be the default; every context must occur in the notebook (:func:`render_notebook`
  raises, naming it, when an edit of the notebook lost it), and two numbers may not claim the
  same characters.
- ``[]``: the number is never written (the checkers use it, the notebook does not show it).

A student's number is written like the default it replaces: a default padded with a 0 keeps
its decimals ("0.40" becomes "0.35" or "0.30"), and an ``int`` is written as itself (a
percentage: ``40``).

``draw`` may return derived numbers too (an answer the solution writes as a literal, a
threshold a sentence quotes): compute them with the kit from the drawn ones.

>>> ada = variant_for("ada")
>>> ada == variant_for("ada"), ada.numbers("01") == variant_for("ada").numbers("01")
(True, True)
"""

from __future__ import annotations

import copy
import functools
import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._core import active_variant

Numbers = dict[str, float]
Where = str | Sequence[str]
"""Where a number is written: a literal (every occurrence) or contexts ("x=<<0.9>>")."""

MARK = re.compile(r"<<(.*?)>>")


@dataclass(frozen=True)
class _Spot:
    """One way a number is found in a notebook: a pattern whose group 1 is the number."""

    name: str
    pattern: re.Pattern[str]
    context: str | None  # None: a bare literal, every occurrence (and it may occur nowhere)
    written: str  # the default as the notebook writes it ("0.40": keep two decimals)


@dataclass(frozen=True)
class _Lesson:
    defaults: Numbers
    draw: Callable[[random.Random], Numbers]
    spots: tuple[_Spot, ...]


_LESSONS: dict[str, _Lesson] = {}
_CHECK = re.compile(r"""check\(\s*["'](\d\d)\.""")
IMPORT = "from negotiation_kit.exercises import check"


@dataclass(frozen=True)
class Variant:
    """One student's numbers, drawn from their id (the roster's ``id``)."""

    student_id: str

    def __post_init__(self) -> None:
        if not isinstance(self.student_id, str) or not self.student_id.strip():
            raise ValueError(f"a student id must be a non-empty text, got {self.student_id!r}")

    def numbers(self, lesson: str) -> Numbers:
        """This student's numbers for ``lesson`` ("01"); empty if it does not vary."""
        from . import _load

        _load()
        if lesson not in _LESSONS:
            return {}
        return dict(_drawn(self.student_id, lesson))


@functools.lru_cache(maxsize=4096)
def _drawn(student_id: str, lesson: str) -> Numbers:
    """A student's numbers for a lesson, drawn once (a draw may try several times)."""
    return _LESSONS[lesson].draw(random.Random(f"negotiation-kit:{student_id}:{lesson}"))


def variant_for(student_id: str) -> Variant:
    """The variant of the student with this id (the same id always gives the same numbers)."""
    return Variant(student_id)


def _spots(lesson: str, name: str, default: float, where: Where) -> list[_Spot]:
    """The patterns locating number ``name`` (see the module docstring), checked."""
    problem = f"lesson {lesson}, number {name!r}"
    if isinstance(where, str):
        _written_as(problem, where, default)
        pattern = re.compile(rf"(?<![\d.])({re.escape(where)})(?!\d)")
        return [_Spot(name, pattern, None, where)]
    spots = []
    for context in where:
        marked = MARK.findall(context) if isinstance(context, str) else []
        if len(marked) != 1:
            raise ValueError(
                f"{problem}: a context is text from the notebook with the number between "
                f"<< and >> once, like 'reservation=<<0.9>>'; got {context!r}"
            )
        _written_as(problem, marked[0], default)
        before, after = context.split(f"<<{marked[0]}>>")
        # a context that begins or ends with the number must not match inside a longer one
        start = r"(?<![\d.])" if before[:1] in ("", ".", *"0123456789") else ""
        end = r"(?!\d)" if after[-1:] in ("", *"0123456789") else ""
        found = f"{re.escape(before)}({re.escape(marked[0])}){re.escape(after)}"
        pattern = re.compile(start + found + end)
        spots.append(_Spot(name, pattern, context, marked[0]))
    return spots


def _written_as(problem: str, literal: str, default: float) -> None:
    try:
        value = float(literal)
    except ValueError:
        value = float("nan")
    if not abs(value - default) <= 1e-9:
        raise ValueError(f"{problem}: {literal!r} is not its default, {default!r}")


def vary(
    lesson: str,
    defaults: Numbers,
    draw: Callable[[random.Random], Numbers],
    where: Mapping[str, Where],
) -> Callable[[], Numbers]:
    """Register a lesson's varied numbers; return the function its checkers read them with.

    ``where`` says, for each number, how the solution notebook writes it: a literal (every
    occurrence is the number), or a list of contexts with the number marked, like
    ``"reservation=<<0.9>>"`` (only there), or ``[]`` (not written). See the module docstring.
    """
    if set(where) != set(defaults):
        raise ValueError(f"lesson {lesson}: say where each number is written, and only those")
    spots = [s for name in defaults for s in _spots(lesson, name, defaults[name], where[name])]
    _LESSONS[lesson] = _Lesson(dict(defaults), draw, tuple(spots))
    _drawn.cache_clear()

    def numbers() -> Numbers:
        variant = active_variant()
        if isinstance(variant, Variant) and lesson in _LESSONS:
            return variant.numbers(lesson)
        return dict(defaults)

    return numbers


def varied_lessons() -> list[str]:
    """The lessons whose numbers differ from student to student."""
    from . import _load

    _load()
    return sorted(_LESSONS)


def shown(value: float, like: str = "") -> str:
    """How a number is written in a notebook: 0.35, 0.5, -0.1, 2.0 (an int as itself: 40),
    padded like ``like`` when it ends in a 0 (``shown(0.3, like="0.40")`` is "0.30", but
    ``shown(0.2, like="0.15")`` is "0.2")."""
    if isinstance(value, int):
        return str(value)
    text = f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"
    written = like.partition(".")[2]
    decimals = len(written) if written.endswith("0") else 0  # a trailing 0 is a format
    return f"{value:.{decimals}f}" if decimals > len(text.partition(".")[2]) else text


def _lesson_of(notebook: Any) -> str | None:
    for cell in notebook.cells:
        if cell.cell_type == "code":
            found = _CHECK.search(cell.source)
            if found:
                return found.group(1)
    return None


def _rewrite(lesson: str, known: _Lesson, cells: list[Any], numbers: Numbers) -> None:
    """Write ``numbers`` where ``known.spots`` find them, every cell at once (never twice)."""
    found: set[str] = set()
    for cell in cells:
        claimed: dict[int, tuple[int, str, _Spot]] = {}  # start -> (end, new text, spot)
        for spot in sorted(known.spots, key=lambda s: s.context is None):  # contexts first
            for match in spot.pattern.finditer(cell.source):
                start, end = match.span(1)
                clash = [s for s, (e, _, _) in claimed.items() if s < end and start < e]
                if clash:
                    other = claimed[clash[0]][2]
                    if spot.context is None or other.context is None:
                        continue  # a context beats a bare literal
                    raise ValueError(
                        f"lesson {lesson}: {spot.context!r} ({spot.name}) and "
                        f"{other.context!r} ({other.name}) mark the same number"
                    )
                claimed[start] = (end, shown(numbers[spot.name], spot.written), spot)
                if spot.context is not None:
                    found.add(spot.context)
        source = cell.source
        for start in sorted(claimed, reverse=True):
            end, new, _ = claimed[start]
            source = source[:start] + new + source[end:]
        cell.source = source
    lost = [s.context for s in known.spots if s.context is not None and s.context not in found]
    if lost:
        raise ValueError(
            f"lesson {lesson}: the solution notebook no longer has {lost[0]!r}; update where "
            f"vary() says the number is written (negotiation_kit/exercises/lesson{lesson}.py)"
        )


def render_notebook(solution: Any, variant: Variant) -> Any:
    """A copy of a solution notebook with ``variant``'s numbers, its ``check`` using them.

    A lesson that does not vary keeps its numbers; its ``check`` still uses the variant, so
    every notebook of a student is checked the same way.
    """
    from . import _load

    _load()
    notebook = copy.deepcopy(solution)
    lesson = _lesson_of(notebook)
    known = _LESSONS.get(lesson or "")
    if lesson is not None and known is not None:
        _rewrite(lesson, known, notebook.cells, variant.numbers(lesson))
        title = notebook.cells[0]
        title.source += (
            f"\n\n*These exercises use your own numbers (student `{variant.student_id}`): "
            "a neighbour's answers are not yours.*"
        )
    for cell in notebook.cells:
        if cell.cell_type == "code" and IMPORT in cell.source:
            line = f"{IMPORT}, use_variant\n\nuse_variant({variant.student_id!r})  # your numbers"
            cell.source = cell.source.replace(IMPORT, line, 1)
            break
    return notebook
