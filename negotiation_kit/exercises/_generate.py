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


def generate(root: Path, check: bool = False) -> Plan:
    """Write ``root/exercises/NN_*.ipynb`` from ``root/solutions/NN_*.ipynb`` (or only compare)."""
    solutions, exercises = root / "solutions", root / "exercises"
    written, differ = [], []
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
