"""Export each lesson's exercises as an otter-grader assignment (``release --format otter``).

For each ``solutions/NN_name.ipynb`` this writes ``OUT/NN_name/NN_name.ipynb``, a master
notebook in otter-grader's format (``otter assign`` turns it into a student notebook and a
Gradescope autograder), with ``requirements.txt`` for the grading image and a copy of the
package (``negotiation_kit/``, listed in the assignment's ``files``), so the autograder grades
with the same checks the students used.

Each task becomes a question named ``task_NN_k``:

- compute, predict and build tasks are auto-graded by one hidden test that calls the kit's
  ``evaluate`` on the student's answer (the expression the notebook passes to ``check``);
- explain tasks are manually graded questions (no test).

The answer cell becomes an otter solution cell: the student's lines (``# STUDENT:``) form the
prompt, the solution lines are removed from the student's version. Markdown solutions (the
"Why?" notes) become the invitation to write, as in ``exercises/``. The master notebooks hold
the solutions: keep them out of the students' repository.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path
from typing import Any

from ._bundle import Bundle, ReleaseError, package
from ._generate import BEGIN, END, STUDENT, nbformat, strip_markdown

TASK_HEADING = re.compile(r"^#+\s*Task\s+(\d\d\.\d+)\b", re.IGNORECASE)
AUTO = ("compute", "predict", "build")

README = """\
# otter-grader assignments of negotiation_kit

Each folder is one lesson's exercises as an otter-grader master notebook, **with the
solutions**: keep this folder private (never in the students' repository).

```bash
otter assign 03_tied_hands/03_tied_hands.ipynb dist/03_tied_hands
```

writes `dist/03_tied_hands/student/03_tied_hands.ipynb` (give it to students) and
`dist/03_tied_hands/autograder/` with the Gradescope autograder zip (upload it to a Gradescope
programming assignment). Check a notebook locally with
`otter run -a dist/03_tied_hands/autograder/03_tied_hands-autograder_*.zip NOTEBOOK.ipynb`.

Questions are named `task_NN_k` after the kit's task ids. Compute, predict and build tasks are
auto-graded (1 point each) by a hidden test that calls the kit's `evaluate` on the student's
answer; explain tasks are manually graded (1 point each): read them in the submitted notebook.
Change the points in the `# BEGIN QUESTION` cells if you like, before `otter assign`.
"""


def _check_calls(source: str) -> list[tuple[str, str]]:
    """``(task id, answer expression)`` of each ``check("NN.k", <expr>)`` call in a cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "check"
            and len(node.args) == 2
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.args[0].value, ast.unparse(node.args[1])))
    return found


def otter_code(source: str) -> str:
    """A solution cell's source in otter's markers: student lines as the prompt, then the rest.

    >>> print(otter_code("### BEGIN SOLUTION\\n# STUDENT: x = ...\\nx = 1\\n### END SOLUTION"))
    # BEGIN PROMPT
    x = ...
    # END PROMPT
    # BEGIN SOLUTION NO PROMPT
    x = 1
    # END SOLUTION
    """
    out: list[str] = []
    block: list[str] | None = None
    for line in source.split("\n"):
        indent = line[: len(line) - len(line.lstrip())]
        if line.strip() == BEGIN:
            block = []
        elif line.strip() == END and block is not None:
            prompt = [s.strip()[len(STUDENT) :] for s in block if s.strip().startswith(STUDENT)]
            solution = [s for s in block if not s.strip().startswith(STUDENT)]
            out += [f"{indent}# BEGIN PROMPT", *(indent + p for p in prompt or ["..."])]
            out += [f"{indent}# END PROMPT", f"{indent}# BEGIN SOLUTION NO PROMPT"]
            out += [*solution, f"{indent}# END SOLUTION"]
            block = None
        elif block is not None:
            block.append(line)
        else:
            out.append(line)
    return "\n".join(out)


def _raw(text: str) -> Any:
    return nbformat.v4.new_raw_cell(text)


def _test(task_id: str, expression: str) -> Any:
    source = (
        "# HIDDEN\n"
        "from negotiation_kit.exercises import evaluate\n"
        f'_check = evaluate("{task_id}", {expression})\n'
        "_check.passed is True or str(_check)"
    )
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = [
        nbformat.v4.new_output("execute_result", data={"text/plain": "True"}, execution_count=1)
    ]
    return cell


def _copy(cell: Any) -> Any:
    if cell.cell_type == "code":
        return nbformat.v4.new_code_cell(otter_code(cell.source))
    if cell.cell_type == "markdown":
        return nbformat.v4.new_markdown_cell(strip_markdown(cell.source))
    return nbformat.v4.new_raw_cell(cell.source)


def _question(task_id: str, cells: list[Any], answer: Any, expression: str) -> list[Any]:
    from . import kind

    what = kind(task_id)
    name = "task_" + task_id.replace(".", "_")
    manual = what not in AUTO
    config = f"# BEGIN QUESTION\nname: {name}\npoints: 1\ncheck_cell: false"
    config += "\nmanual: true" if manual else ""
    out = [_raw(config), *(_copy(c) for c in cells)]
    out += [_raw("# BEGIN SOLUTION"), _copy(answer), _raw("# END SOLUTION")]
    if not manual:
        out += [_raw("# BEGIN TESTS"), _test(task_id, expression), _raw("# END TESTS")]
    return [*out, _raw("# END QUESTION")]


def master(solution: Any, name: str) -> Any:
    """The otter-grader master notebook of one lesson's solution notebook."""
    config = (
        "# ASSIGNMENT CONFIG\n"
        f"name: {name}\n"
        "requirements: requirements.txt\n"
        "files:\n  - negotiation_kit\n"
        "init_cell: false\ncheck_all_cell: false\nexport_cell: false\n"
        "strip_solutions_from_all_cells: true\n"
        "generate: true\n"
        "tests:\n  files: false\n  ok_format: true"
    )
    cells, index, source = [_raw(config)], 0, solution.cells
    while index < len(source):
        cell = source[index]
        heading = TASK_HEADING.match(cell.source) if cell.cell_type == "markdown" else None
        if heading is None:
            cells.append(_copy(cell))
            index += 1
            continue
        task_id = heading.group(1)
        answer = next(
            (
                i
                for i in range(index + 1, len(source))
                if source[i].cell_type == "code"
                and any(t == task_id for t, _ in _check_calls(source[i].source))
            ),
            None,
        )
        if answer is None:
            raise ReleaseError(f"{name}: no cell after the heading of task {task_id} checks it")
        expression = next(e for t, e in _check_calls(source[answer].source) if t == task_id)
        cells += _question(task_id, source[index:answer], source[answer], expression)
        index = answer + 1
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = nbformat.from_dict(dict(solution.metadata))
    return notebook


def requirements(root: Path) -> str:
    """The grading image's packages: the kit's dependencies and its lessons' (no JupyterLab)."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lessons = project.get("optional-dependencies", {}).get("lessons", [])
    packages = [*project.get("dependencies", []), *lessons]
    kept = [p for p in packages if not p.lower().startswith(("jupyterlab", "voila"))]
    return "\n".join(["# what negotiation_kit needs to run a lesson's exercises", *kept]) + "\n"


def export_otter(root: Path, out: Path) -> list[Path]:
    """Write one otter-grader master notebook per lesson into the new folder ``out``."""
    if out.exists() and any(out.iterdir()):
        raise ReleaseError(f"{out} already exists and is not empty; choose another place")
    code = Bundle()
    problems = package(root, code)
    if problems:
        raise ReleaseError("nothing was written:\n  " + "\n  ".join(problems))
    needs = requirements(root)
    written = []
    for path in sorted((root / "solutions").glob("*.ipynb")):
        name = path.stem
        notebook = master(nbformat.read(path, as_version=4), name)
        folder = out / name
        for relative, content in code.files.items():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_bytes(content)
        (folder / "requirements.txt").write_text(needs, encoding="utf-8")
        nbformat.write(notebook, folder / f"{name}.ipynb")
        written.append(folder / f"{name}.ipynb")
    (out / "README.md").write_text(README, encoding="utf-8")
    return written
