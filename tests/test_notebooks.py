"""The notebooks as committed: clean, and built the way every lesson promises to be.

nbval runs every notebook in ``notebooks/`` as part of the README's test command (see
``[tool.pytest.ini_options]``), so a cell that raises fails the suite. Committed notebooks carry
no outputs, so nbval has nothing stored to compare; the numbers of the worked examples are
checked instead by ``assert`` lines inside the cells tagged ``nbval-check-output`` (a wrong
number raises, and nbval fails that cell). These tests check what nbval cannot see:

- every notebook in ``notebooks/``, ``exercises/`` and ``solutions/`` is committed clean: no
  outputs, no execution counts, no widget state, the ``python3`` kernel;
- every lesson (``notebooks/01_*`` on, optional extensions such as ``04b_*`` included) opens
  with a title, its questions and learning objectives, has an explorer with "try this" prompts
  and at least one checked worked example, introduces every code cell with text, keeps its
  visible code cells short, and closes with key points and a pointer to its exercise notebook
  (``exercises/`` with the lesson's number; an extension shares its lesson's exercises);
- ``00_start_here`` maps every lesson to its exercise notebook and defines every term of the
  glossary that issue 4 lists.

``test_lesson_structure.py`` checks what a student sees (collapsed checks and answers, case
boxes, citations, length).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("notebooks", "exercises", "solutions")
NOTEBOOKS = sorted(path for folder in FOLDERS for path in (ROOT / folder).glob("*.ipynb"))
LESSONS = sorted(
    path for path in (ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb") if path.name[:2] != "00"
)
START_HERE = ROOT / "notebooks" / "00_start_here.ipynb"
CHECK_TAG = "nbval-check-output"
"""The nbval tag of worked-example cells (nbval would compare their stored output)."""
MAX_CODE_LINES = 12
"""Visible code cells stay short (style.md: under about 10 lines); logic lives in the package.
Collapsed cells (``metadata.jupyter.source_hidden``) that check a worked example may be longer."""
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
GLOSSARY = [
    "reservation point", "BATNA", "zone of agreement", "win-set", "ratification",
    "veto player", "tied hands", "distributive", "integrative", "Pareto frontier",
    "issue linkage", "side-payment", "efficiency", "targeting", "Nash bargaining solution",
    "split-the-difference", "national welfare", "desirability of division",
    "involuntary defection", "ratification probability", "revelation",
]  # fmt: skip


def read(path: Path) -> Any:
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def exercises_of(lesson: Path) -> Path:
    """The exercise notebook of a lesson: the one with its number (04b shares 04's)."""
    found = sorted((ROOT / "exercises").glob(f"{lesson.name[:2]}_*.ipynb"))
    assert len(found) == 1, f"{lesson.name}: expected one exercises/{lesson.name[:2]}_*.ipynb"
    return found[0]


def headings(cell: Any) -> list[str]:
    """The markdown headings of a cell, lower case, without the leading #s."""
    if cell.cell_type != "markdown":
        return []
    return [m.group(1).strip().lower() for m in re.finditer(r"^#+\s+(.*)$", cell.source, re.M)]


def index_of(cells: list[Any], pattern: str) -> int:
    """The index of the first cell with a heading matching ``pattern``, or -1."""
    for i, cell in enumerate(cells):
        if any(re.match(pattern, h) for h in headings(cell)):
            return i
    return -1


def test_the_sequence_has_begun() -> None:
    assert START_HERE.exists(), "notebooks/00_start_here.ipynb is missing"
    assert LESSONS, "no lesson notebooks (notebooks/01_*.ipynb to 09_*.ipynb) found"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=name)
def test_notebook_is_committed_clean(path: Path) -> None:
    notebook = read(path)
    nbformat.validate(notebook)
    assert "widgets" not in notebook.metadata, f"{name(path)}: strip metadata.widgets"
    kernelspec = dict(notebook.metadata.get("kernelspec", {}))
    assert kernelspec == KERNELSPEC, f"{name(path)}: kernelspec must be {KERNELSPEC}"
    for number, cell in enumerate(notebook.cells):
        where = f"{name(path)} cell {number}"
        assert "execution" not in cell.metadata, f"{where}: strip the execution timing metadata"
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{where}: clear its outputs before committing"
            assert cell.execution_count is None, f"{where}: clear its execution count"


@pytest.mark.parametrize("path", LESSONS, ids=name)
def test_lesson_opens_with_title_questions_and_objectives(path: Path) -> None:
    cells = read(path).cells
    number = f"{int(path.name[:2])}{path.name.split('_')[0][2:]}"  # "4", or "4b" for 04b_*
    assert cells[0].cell_type == "markdown", f"{name(path)}: open with a markdown title"
    assert re.match(rf"# Lesson {number}\b", cells[0].source), (
        f"{name(path)}: the first cell must start with '# Lesson {number}: <title>'"
    )
    first_code = next(i for i, c in enumerate(cells) if c.cell_type == "code")
    opening = {"Questions": r"questions\b", "Learning objectives": r"(learning )?objectives\b"}
    for section, pattern in opening.items():
        at = index_of(cells, pattern)
        assert 0 <= at < first_code, f"{name(path)}: a '## {section}' section before any code"


@pytest.mark.parametrize("path", LESSONS, ids=name)
def test_lesson_closes_with_key_points_and_its_exercises(path: Path) -> None:
    cells = read(path).cells
    last_code = max(i for i, c in enumerate(cells) if c.cell_type == "code")
    key_points = index_of(cells, r"key points\b")
    assert key_points > last_code, f"{name(path)}: a '## Key points' section after the last code"
    exercise = f"../exercises/{exercises_of(path).name}"
    closing = "\n".join(c.source for c in cells[key_points:])
    assert f"]({exercise})" in closing, (
        f"{name(path)}: after the key points, link to its exercise notebook ({exercise})"
    )


@pytest.mark.parametrize("path", LESSONS, ids=name)
def test_lesson_has_an_explorer_and_checked_worked_examples(path: Path) -> None:
    cells = read(path).cells
    code = [c for c in cells if c.cell_type == "code"]
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown").lower()
    assert any(re.search(r"\w+Explorer\(", c.source) for c in code), f"{name(path)}: no explorer"
    assert "try this" in text, f"{name(path)}: the explorer needs 'try this' prompts"
    checked = [c for c in code if CHECK_TAG in c.metadata.get("tags", [])]
    assert checked, f"{name(path)}: tag at least one worked-example cell '{CHECK_TAG}'"
    for cell in checked:
        assert re.search(r"^assert ", cell.source, re.M), (
            f"{name(path)}: a '{CHECK_TAG}' cell must assert its numbers:\n{cell.source}"
        )
    assert any("print(" in c.source for c in checked), f"{name(path)}: print a worked example"


@pytest.mark.parametrize("path", LESSONS, ids=name)
def test_every_code_cell_is_introduced_and_short(path: Path) -> None:
    cells = read(path).cells
    for i, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        where = f"{name(path)} cell {i}"
        assert i > 0 and cells[i - 1].cell_type == "markdown", (
            f"{where}: say in a sentence before it what the cell does"
        )
        if cell.metadata.get("jupyter", {}).get("source_hidden", False):
            continue  # a collapsed check (test_lesson_structure.py)
        lines = [line for line in cell.source.splitlines() if line.strip()]
        assert len(lines) <= MAX_CODE_LINES, f"{where}: {len(lines)} lines; move logic to the kit"


def test_start_here_maps_every_lesson_to_its_exercises() -> None:
    text = "\n".join(c.source for c in read(START_HERE).cells)
    mapped = sorted(set(re.findall(r"\]\((\d\d[a-z]?_\w+)\.ipynb\)", text)))
    main = sorted({stem[:2] for stem in mapped if stem[2] == "_"})
    assert main == [f"0{n}" for n in range(1, 10)], (
        f"00_start_here must link each lesson 01 to 09, found {mapped}"
    )
    for lesson in LESSONS:
        assert lesson.stem in mapped, f"00_start_here: link lesson {lesson.stem}"
        exercises = exercises_of(lesson).name
        assert f"](../exercises/{exercises})" in text, (
            f"00_start_here: map {lesson.stem} to ../exercises/{exercises}"
        )


def test_start_here_defines_every_glossary_term() -> None:
    cells = read(START_HERE).cells
    at = index_of(cells, r"glossary\b")
    assert at >= 0, "00_start_here needs a '## Glossary' section"
    glossary = "\n".join(c.source for c in cells[at:]).lower()
    missing = [t for t in GLOSSARY if not re.search(rf"\*\*{re.escape(t.lower())}", glossary)]
    assert not missing, f"00_start_here: define in bold in the glossary: {missing}"
