"""Per-student numbers: each student's exercises tell the same story with their own numbers.

A lesson module that varies its numbers registers them with :func:`vary`: its default numbers
(the ones written in ``solutions/`` and ``exercises/``), a function drawing a student's numbers
from a ``random.Random``, and which literal of the solution notebook each number is written as.
:func:`variant_for` gives a student's :class:`Variant` (deterministic: seeded by the id);
:func:`render_notebook` writes a solution notebook with that student's numbers (``release
--students`` then strips the solutions); ``evaluate(..., variant=...)`` and
``probe_inputs(..., variant=...)`` check against them; in a rendered notebook ``use_variant``
makes ``check`` do the same.

>>> ada = variant_for("ada")
>>> ada == variant_for("ada"), ada.numbers("01") == variant_for("ada").numbers("01")
(True, True)
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ._core import active_variant

Numbers = dict[str, float]


@dataclass(frozen=True)
class _Lesson:
    defaults: Numbers
    draw: Callable[[random.Random], Numbers]
    literals: Mapping[str, str]


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
        """This student's numbers for ``lesson`` ("01"); the defaults if it does not vary."""
        known = _LESSONS.get(lesson)
        if known is None:
            return {}
        return known.draw(random.Random(f"negotiation-kit:{self.student_id}:{lesson}"))


def variant_for(student_id: str) -> Variant:
    """The variant of the student with this id (the same id always gives the same numbers)."""
    return Variant(student_id)


def vary(
    lesson: str,
    defaults: Numbers,
    draw: Callable[[random.Random], Numbers],
    literals: Mapping[str, str],
) -> Callable[[], Numbers]:
    """Register a lesson's varied numbers; return the function its checkers read them with.

    ``literals`` maps each number's name to the way the default is written in the solution
    notebook ("0.35"); every occurrence of that literal is the number.
    """
    if set(literals) != set(defaults):
        raise ValueError(f"lesson {lesson}: name a literal for each number, and only those")
    _LESSONS[lesson] = _Lesson(dict(defaults), draw, dict(literals))

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


def shown(value: float) -> str:
    """How a number is written in a notebook: 0.35, 0.5, -0.1."""
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"


def _lesson_of(notebook: Any) -> str | None:
    for cell in notebook.cells:
        if cell.cell_type == "code":
            found = _CHECK.search(cell.source)
            if found:
                return found.group(1)
    return None


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
    if known is not None:
        numbers = variant.numbers(lesson or "")
        by_literal = {literal: shown(numbers[name]) for name, literal in known.literals.items()}
        words = "|".join(re.escape(literal) for literal in sorted(by_literal, key=len)[::-1])
        pattern = re.compile(rf"(?<![\d.])({words})(?!\d)")
        for cell in notebook.cells:  # all at once: a new number is never replaced again
            cell.source = pattern.sub(lambda m: by_literal[m.group(1)], cell.source)
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
