"""Generate exercise notebooks from solution notebooks (the single source).

In a code cell, the lines from ``### BEGIN SOLUTION`` to ``### END SOLUTION`` (inclusive) become
the block's lines that start with ``# STUDENT: `` (prefix removed), or ``# your code here``. In a
markdown cell, text from ``<!-- BEGIN SOLUTION -->`` to ``<!-- END SOLUTION -->`` becomes an
invitation to write. Everything else is kept; outputs and execution counts are dropped, and
the result is laid out by ``ruff format`` (when ruff is installed) so it passes the lint.

>>> print(strip_code("x = 1\\n### BEGIN SOLUTION\\n# STUDENT: y = ...\\ny = 2\\n### END SOLUTION"))
x = 1
y = ...
>>> strip_markdown("Why? <!-- BEGIN SOLUTION -->Because.<!-- END SOLUTION -->")
'Why? *Write your answer here (double-click to edit).*'
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat as _nbformat

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUDENT = "# STUDENT: "
PLACEHOLDER_CODE = "# your code here"
MD_BEGIN, MD_END = "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"
PLACEHOLDER_TEXT = "*Write your answer here (double-click to edit).*"
MARKERS = (BEGIN, END, STUDENT.strip(), MD_BEGIN, MD_END)
"""Strings that must never appear in an exercise or a student bundle."""
nbformat: Any = _nbformat  # untyped library
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


class GenerateError(ValueError):
    """A solution notebook whose markers do not pair up."""


def strip_code(source: str) -> str:
    """A code cell's source with each solution block replaced by its student lines."""
    out: list[str] = []
    block: list[str] | None = None
    for line in source.split("\n"):
        marker = line.strip()
        if marker == BEGIN:
            if block is not None:
                raise GenerateError(f"'{BEGIN}' inside another solution block")
            block = []
        elif marker == END:
            if block is None:
                raise GenerateError(f"'{END}' without '{BEGIN}'")
            indent = line[: len(line) - len(line.lstrip())]
            student = [s.strip()[len(STUDENT) :] for s in block if s.strip().startswith(STUDENT)]
            student = [indent + s for s in student] if student else [indent + PLACEHOLDER_CODE]
            out.extend(student)
            block = None
        elif block is not None:
            block.append(line)
        else:
            out.append(line)
    if block is not None:
        raise GenerateError(f"'{BEGIN}' without '{END}'")
    return "\n".join(out)


def strip_markdown(source: str) -> str:
    """A markdown cell's source with each solution block replaced by an invitation to write."""
    pattern = re.compile(re.escape(MD_BEGIN) + r".*?" + re.escape(MD_END), re.S)
    stripped = pattern.sub(PLACEHOLDER_TEXT, source)
    if MD_BEGIN in stripped or MD_END in stripped:
        raise GenerateError(f"'{MD_BEGIN}' and '{MD_END}' do not pair up")
    return stripped


def exercise(solution: Any) -> Any:
    """The exercise notebook generated from a solution notebook (a new object)."""
    notebook = nbformat.from_dict(nbformat.v4.new_notebook())
    notebook.metadata = nbformat.from_dict(
        {k: v for k, v in solution.metadata.items() if k not in ("widgets",)}
    )
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    for index, cell in enumerate(solution.cells):
        try:
            if cell.cell_type == "code":
                new = nbformat.v4.new_code_cell(strip_code(cell.source))
            elif cell.cell_type == "markdown":
                new = nbformat.v4.new_markdown_cell(strip_markdown(cell.source))
            else:
                new = nbformat.v4.new_raw_cell(cell.source)
        except GenerateError as error:
            raise GenerateError(f"cell {index + 1}: {error}") from None
        new.metadata = nbformat.from_dict(dict(cell.metadata))
        if "id" in cell:
            new.id = cell.id
        notebook.cells.append(new)
    return notebook


def same(a: Any, b: Any) -> bool:
    """Whether two notebooks have the same cells (id, type, source, metadata) and metadata."""

    def key(nb: Any) -> Any:
        cells = [
            (c.get("id"), c.cell_type, c.source.rstrip("\n"), dict(c.metadata)) for c in nb.cells
        ]
        return cells, dict(nb.metadata)

    return bool(key(a) == key(b))


@dataclass(frozen=True)
class Plan:
    """What ``generate`` would do: notebooks to write, ones that differ, stale exercises."""

    written: list[Path]
    differ: list[Path]
    orphans: list[Path]


def _ruff() -> str | None:
    """The ruff executable of this environment (or on the PATH), if there is one."""
    beside = Path(sys.executable).parent / "ruff"
    return str(beside) if beside.exists() else shutil.which("ruff")


def ruff_format(notebooks: dict[str, Any], config: Path) -> dict[str, Any]:
    """The notebooks as ``ruff format`` leaves them (unchanged if ruff is not installed).

    Removing a solution can leave code ruff would lay out differently (a function whose body
    is now ``...``), and the committed exercises must pass ``ruff format --check``.
    """
    ruff = _ruff()
    if ruff is None or not notebooks:
        return notebooks
    with tempfile.TemporaryDirectory() as scratch:
        paths = {name: Path(scratch) / name for name in notebooks}
        for name, path in paths.items():
            nbformat.write(notebooks[name], path)
        command = [ruff, "format", "--quiet", "--no-cache", *map(str, paths.values())]
        if config.exists():
            command[2:2] = ["--config", str(config)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise GenerateError(f"ruff format failed: {done.stderr.strip()}")
        return {name: nbformat.read(path, as_version=4) for name, path in paths.items()}


def exercises_from(root: Path) -> dict[str, Any]:
    """The exercise notebooks generated from ``root/solutions/``, by file name."""
    made = {}
    for source in sorted((root / "solutions").glob("*.ipynb")):
        try:
            made[source.name] = exercise(nbformat.read(source, as_version=4))
        except GenerateError as error:
            raise GenerateError(f"{source.name}: {error}") from None
    return ruff_format(made, root / "pyproject.toml")


CATALOGUE = Path("docs") / "exercises.md"
"""The instructor's list of every task, its kind, and the explain tasks' model answers."""
RUBRIC = "Rubric: a good answer mentions"
CHECK = re.compile(r"""check\(\s*["'](\d\d\.\d+)["']\s*,\s*(\w+)\s*\)""")
KIND_WORDS = {
    "compute": "worked out from the lesson's equations; the check accepts the precision it states",
    "predict": "a choice made before looking; every try is recorded, the first one counts",
    "explain": "written words, read and marked by the instructor (never by the check)",
    "build": "a function, tried on many inputs; calling the kit's own implementation is flagged",
}


def _explain_parts(cells: list[Any], task_id: str) -> tuple[str, list[str]]:
    """The model answer (the solution's ``explanation``) and the rubric of an explain task."""
    checks = [i for i, c in enumerate(cells) if c.cell_type == "code" and CHECK.search(c.source)]
    at = next(i for i in checks if CHECK.search(cells[i].source).group(1) == task_id)  # type: ignore[union-attr]
    before = max((i for i in checks if i < at), default=-1)
    after = min((i for i in checks if i > at), default=len(cells))
    found = CHECK.search(cells[at].source)
    assert found is not None
    model = ""
    for node in ast.walk(ast.parse(cells[at].source)):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == found.group(2) for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            model = " ".join(node.value.value.split())
    rubric: list[str] = []
    for cell in cells[before + 1 : after]:
        if cell.cell_type == "markdown" and RUBRIC in cell.source:
            text = cell.source.split(RUBRIC, 1)[1].split(MD_END, 1)[0]
            items = re.split(r"\n- ", "\n" + text.split("\n", 1)[1].strip())
            rubric = [" ".join(item.split()) for item in items if item.strip()]
    return model, rubric


def catalogue(root: Path) -> str:
    """``docs/exercises.md``: each lesson's tasks with their kinds, from the registry and
    ``solutions/``, and every explain task's model answer and rubric."""
    from . import kind, tasks
    from ._core import registered

    lines = [
        "# The exercises: every task, its kind, and the explanations' model answers",
        "",
        "*Generated from the task registry and `solutions/` by "
        "`python -m negotiation_kit.exercises generate`; do not edit by hand.*",
        "",
        "Each task has a kind, which decides how it is checked and graded:",
        "",
        *[f"- **{name}**: {words}." for name, words in KIND_WORDS.items()],
    ]
    for path in sorted((root / "solutions").glob("*.ipynb")):
        lesson = path.name[:2]
        cells = nbformat.read(path, as_version=4).cells
        mine = [t for t in tasks() if t.startswith(lesson + ".")]
        lines += ["", f"## Lesson {int(lesson)}: `exercises/{path.name}`", ""]
        lines += ["| Task | Kind | Title |", "|---|---|---|"]
        lines += [f"| {t} | {kind(t)} | {registered()[t].title} |" for t in mine]
        for task_id in (t for t in mine if kind(t) == "explain"):
            model, rubric = _explain_parts(cells, task_id)
            lines += ["", f"### {task_id} {registered()[task_id].title}", ""]
            lines += [f"**Model answer.** {model}", "", "**Rubric** (one point each):", ""]
            lines += [f"- {item}" for item in rubric]
    return "\n".join(lines) + "\n"


def generate(root: Path, check: bool = False) -> Plan:
    """Write ``root/exercises/NN_*.ipynb`` from ``root/solutions/NN_*.ipynb`` (or only compare).

    In the kit's own folder (one with ``docs/``) it also writes ``docs/exercises.md``.
    """
    solutions, exercises = root / "solutions", root / "exercises"
    written, differ = [], []
    if (root / "docs").is_dir():
        target, text = root / CATALOGUE, catalogue(root)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            differ.append(target)
            if not check:
                target.write_text(text, encoding="utf-8")
                written.append(target)
    for name, generated in exercises_from(root).items():
        target = exercises / name
        current = nbformat.read(target, as_version=4) if target.exists() else None
        if current is None or not same(current, generated):
            differ.append(target)
            if not check:
                exercises.mkdir(exist_ok=True)
                nbformat.write(generated, target)
                written.append(target)
    names = {p.name for p in solutions.glob("*.ipynb")}
    orphans = [p for p in sorted(exercises.glob("*.ipynb")) if p.name not in names]
    return Plan(written, differ, orphans)
