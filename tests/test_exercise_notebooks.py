"""The exercise and solution notebooks: built as issue 5 asks, and their checks really run.

Every solution notebook, run, shows ✓ for every task of its lesson, and so does it rendered
with a student's own numbers; every generated exercise notebook runs without error and shows
"not answered yet" for every task, and no cell of it prints the answer of a compute task.
Results are read from the machine-readable output of each check (``MIME``). No cell of any of
them raises or writes to stderr (a warning a student would see); nbval runs the lessons
(``notebooks/``), these tests the exercises and solutions.

Each lesson's three notebooks run in one kernel (``run_lesson``), the exercise notebook first
on the fresh kernel, as a student opens it; before the next one the kernel moves to a folder of
its own and forgets every name (``%reset -f``) and any student's numbers, so a notebook that
leans on a name another one defined fails. Starting a kernel and importing the kit cost more
than running most notebooks, and CI runs them all (the suite must stay under 20 minutes).
"""

from __future__ import annotations

import ast
import re
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import nbformat
import pytest

from negotiation_kit.exercises import MIME, kind, render_notebook, tasks, variant_for
from negotiation_kit.exercises._generate import MARKERS, PLACEHOLDER_TEXT

ROOT = Path(__file__).resolve().parent.parent
TOPICS = (
    "01_one_issue", "02_win_sets", "03_tied_hands", "04_political_processes",
    "05_configurations", "06_several_issues", "07_side_payments", "08_managing_differences",
    "09_uncertainty",
)  # fmt: skip
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
CHECK_CALL = re.compile(r"""^check\(\s*["'](\d\d\.\d+)["']""", re.M)
TIMEOUT = 90


def name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def lesson_tasks(path: Path) -> list[str]:
    return [t for t in tasks() if t.startswith(path.name[:2] + ".")]


def read(path: Path) -> Any:
    return nbformat.read(path, as_version=4)


def test_there_are_solutions() -> None:
    assert SOLUTIONS, "no solution notebooks in solutions/"


@pytest.mark.parametrize("path", SOLUTIONS + EXERCISES, ids=name)
def test_names_match_the_lessons(path: Path) -> None:
    assert path.stem in TOPICS, f"{name(path)}: name it after its lesson, one of {TOPICS}"


@pytest.mark.parametrize("path", SOLUTIONS, ids=name)
def test_every_task_is_stated_answered_and_checked(path: Path) -> None:
    cells = read(path).cells
    code = [c for c in cells if c.cell_type == "code"]
    assert "from negotiation_kit.exercises import check" in code[0].source, (
        f"{name(path)}: the first code cell should import check"
    )
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# "), "a title first"
    checked: list[str] = []
    stated = ""  # the markdown since the previous check: where the next task is stated
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            stated += cell.source
            continue
        previous = cells[index - 1] if index else None
        assert previous is not None and previous.cell_type == "markdown", (
            f"{name(path)}: code cell {index + 1} should be introduced by a sentence"
        )
        body = ast.parse(cell.source).body
        last = ast.get_source_segment(cell.source, body[-1]) if body else ""
        calls = CHECK_CALL.findall(cell.source)
        if calls:
            assert len(calls) == 1 and CHECK_CALL.match(last or ""), (
                f"{name(path)}: cell {index + 1} should end with its one check(...) call"
            )
            assert f"Task {calls[0]}" in stated, (
                f"{name(path)}: a markdown cell before check({calls[0]!r}) should state "
                f"'Task {calls[0]}'"
            )
            stated = ""
            assert "### BEGIN SOLUTION" in cell.source, f"{name(path)}: mark the solution code"
            checked.append(calls[0])
    expected = lesson_tasks(path)
    assert len(expected) >= 4, f"lesson {path.name[:2]} should have at least four tasks"
    assert checked == expected, f"{name(path)}: checks {checked}, registered tasks {expected}"


@pytest.mark.parametrize("path", EXERCISES, ids=name)
def test_exercises_carry_no_solutions(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    leaked = [marker for marker in MARKERS if marker in text]
    assert not leaked, f"{name(path)} still has solution markers {leaked}: run generate"
    assert (ROOT / "solutions" / path.name).exists(), f"{name(path)} has no solution source"


@pytest.mark.parametrize("path", SOLUTIONS, ids=name)
def test_explanations_have_a_model_answer(path: Path) -> None:
    exercise = ROOT / "exercises" / path.name
    if not exercise.exists():
        pytest.fail(f"{name(path)}: run `python -m negotiation_kit.exercises generate`")
    solution_md = [c.source for c in read(path).cells if c.cell_type == "markdown"]
    exercise_md = [c.source for c in read(exercise).cells if c.cell_type == "markdown"]
    assert any("a good answer mentions" in md.lower() for md in solution_md), (
        f"{name(path)}: an explain task needs a model answer listing what a good answer mentions"
    )
    for written, blank in zip(solution_md, exercise_md, strict=True):
        if "<!-- BEGIN SOLUTION -->" in written:
            assert PLACEHOLDER_TEXT in blank


HARMLESS_STDERR = ("Matplotlib is building the font cache",)
"""Lines written to stderr once per machine, not by the notebooks (as in the root conftest)."""
RESET = """\
import os as _os, sys as _sys
_os.chdir({folder!r})
if "negotiation_kit.exercises" in _sys.modules:  # no student's numbers carried over
    _sys.modules["negotiation_kit.exercises"]._session = None
get_ipython().run_line_magic("reset", "-f")
"""


@dataclass
class Run:
    """What one notebook showed when run: each check's passed and text, errors, stderr, and
    the text of every cell without a check."""

    passed: dict[str, object] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)


def results(notebook: Any) -> Run:
    run = Run()
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = output.get("text") or data.get("text/plain", "")
            text = "".join(text) if isinstance(text, list) else str(text)
            if MIME in data:
                run.passed[data[MIME]["task"]] = data[MIME]["passed"]
                run.shown[data[MIME]["task"]] = text
            elif output.get("output_type") == "error":
                run.errors.append(
                    f"cell {index + 1}: {output.get('ename')}: {output.get('evalue')}"
                )
            elif output.get("name") == "stderr":
                lines = [
                    line
                    for line in text.splitlines()
                    if line.strip() and not line.startswith(HARMLESS_STDERR)
                ]
                run.stderr += [f"cell {index + 1}: {line}" for line in lines]
            if text and cell.cell_type == "code" and not CHECK_CALL.search(cell.source):
                run.printed.append(text)
    return run


def run_in_one_kernel(notebooks: list[Any], folder: Path) -> list[Run]:
    """Run ``notebooks`` one after the other in one kernel, each in its own subfolder of
    ``folder`` and, after the first, with every name and any student's numbers forgotten."""
    from nbclient import NotebookClient

    folders = [folder / str(i) for i in range(len(notebooks))]
    for each in folders:
        each.mkdir()
    client = NotebookClient(
        notebooks[0], timeout=TIMEOUT, allow_errors=True,
        resources={"metadata": {"path": str(folders[0])}},
    )  # fmt: skip
    with client.setup_kernel():
        for i, (notebook, where) in enumerate(zip(notebooks, folders, strict=True)):
            if i:
                client.nb = nbformat.v4.new_notebook()
                client.nb.cells = [nbformat.v4.new_code_cell(RESET.format(folder=str(where)))]
                client.execute(cleanup_kc=False)
                assert not results(client.nb).errors, results(client.nb).errors
            client.nb = notebook
            client.execute(cleanup_kc=False)
    return [results(notebook) for notebook in notebooks]


STUDENT = "ben"
"""The student whose rendered solution runs (any id but the default numbers would do)."""


@cache
def run_lesson(lesson: str) -> dict[str, Run]:
    """The exercise notebook, the solution and the solution rendered with ``STUDENT``'s
    numbers of ``lesson`` ("01"...), run in one kernel in that order."""
    path = next(p for p in SOLUTIONS if p.name.startswith(lesson))
    kinds = {
        "exercise": read(ROOT / "exercises" / path.name),
        "solution": read(path),
        "rendered": render_notebook(read(path), variant_for(STUDENT)),
    }
    with tempfile.TemporaryDirectory(prefix=f"nk-lesson{lesson}-") as folder:
        return dict(zip(kinds, run_in_one_kernel(list(kinds.values()), Path(folder)), strict=True))


def expected_results(lesson: str) -> dict[str, object]:
    """What a finished notebook of ``lesson`` shows: ✓ for every task, ✎ for explanations."""
    return {t: None if kind(t) == "explain" else True for t in tasks() if t[:3] == f"{lesson}."}


@pytest.mark.parametrize("path", SOLUTIONS, ids=name)
def test_solution_runs_and_every_check_passes(path: Path) -> None:
    run = run_lesson(path.name[:2])["solution"]
    assert not run.errors and not run.stderr, f"{name(path)}: {run.errors + run.stderr}"
    expected = expected_results(path.name[:2])
    assert run.passed == expected, f"{name(path)}: {run.shown}"
    for task_id in (t for t in expected if kind(t) == "explain"):  # kept for the instructor
        assert run.shown[task_id].startswith(f"✎ {task_id}"), run.shown[task_id]


@pytest.mark.parametrize("path", SOLUTIONS, ids=name)
def test_a_rendered_solution_passes_every_check_when_run(path: Path) -> None:
    """The solution rendered with a student's numbers: every check passes under them."""
    run = run_lesson(path.name[:2])["rendered"]
    assert not run.errors and not run.stderr, f"{name(path)} for {STUDENT}: {run.errors}"
    assert run.passed == expected_results(path.name[:2]), f"{name(path)}: {run.shown}"


@pytest.mark.parametrize("path", EXERCISES, ids=name)
def test_exercise_runs_with_every_check_unanswered(path: Path) -> None:
    run = run_lesson(path.name[:2])["exercise"]
    assert not run.errors and not run.stderr, f"{name(path)}: {run.errors + run.stderr}"
    assert run.passed == dict.fromkeys(lesson_tasks(path)), f"{name(path)}: {run.shown}"
    assert all("not answered yet" in text for text in run.shown.values()), run.shown


def test_one_kernel_forgets_the_last_notebook(tmp_path: Path) -> None:
    """A notebook that uses a name only the one before it defined fails, as on a fresh kernel;
    each runs in its own folder."""
    cell = nbformat.v4.new_code_cell
    first, second = nbformat.v4.new_notebook(), nbformat.v4.new_notebook()
    first.cells = [cell("import os\nleft = 1\nfrom negotiation_kit.exercises import use_variant"),
                   cell("use_variant('ada')"), cell("print(os.getcwd())")]  # fmt: skip
    second.cells = [cell("import os\nprint(os.getcwd())"), cell("left"),
                    cell("import negotiation_kit.exercises as ex\nprint(ex._session)")]  # fmt: skip
    one, two = run_in_one_kernel([first, second], tmp_path)
    assert not one.errors and one.printed == [f"{tmp_path / '0'}\n"]
    assert two.errors == ["cell 2: NameError: name 'left' is not defined"]
    assert two.printed == [f"{tmp_path / '1'}\n", "None\n"]


# ------------------------------------------------- explorers do not print the answers around them


def compute_answers() -> dict[str, float | list[tuple[float, float]]]:
    """The answer of every compute task with a number or interval(s), through the kit."""
    import negotiation_kit as nk
    from negotiation_kit.exercises import (
        lesson01,
        lesson02,
        lesson03,
        lesson04,
        lesson05,
        lesson06,
        lesson07,
        lesson08,
        lesson09,
    )

    line = nk.Line()
    t3 = lesson03.scenario()
    aligned = lesson05.scenario("aligned", lesson05.ALIGNED_RESERVATION)
    opposed = lesson05.scenario("opposed", lesson05.OPPOSED_RESERVATION)
    return {
        "01.1": lesson01.scenario().zone().intervals,
        "01.2": float(lesson01.scenario().outcome().agreement or 0.0),
        "02.1": [(0.0, lesson02.FACTIONS["retailers"][1])],
        "02.2": lesson02.scenario().a.win_set(line).intervals,
        "03.1": t3.a.unitary().win_set(line).intervals[0][0],
        "03.2": t3.zone().intervals,
        "03.3": t3.desirability("Atlantica"),
        "04.1": lesson04.scenario(nk.Quota(lesson04.QUOTA)).a.win_set(line).intervals,
        "04.2": lesson04.scenario(nk.Majority(), solution="split").desirability("Atlantica"),
        "05.1": aligned.desirability("Atlantica"),
        "05.2": opposed.a.win_set(line).intervals,
        "05.3": opposed.desirability("Atlantica"),
        "06.3": lesson06.scenario().desirability("Atlantica"),
        "07.1": float(lesson07.atlantica().compensation(lesson07.TERMS)),
        "07.3": lesson07.atlantica(lesson07.LEAKY).win_set(line).intervals,
        "07.5": lesson07.least_efficiency(),
        "08.1": lesson08.scenario(lesson08.SIZED, lesson08.HARDER).desirability("Atlantica"),
        "08.4": lesson08.least_budget(),
        "09.1": float(lesson09.scenario().a.ratification_probability(lesson09.TERMS)),
        "09.2": float(lesson09.scenario().expected_welfare(lesson09.TERMS)["Borealia"]),
        "09.5": lesson09.scenario().revelation_value("Atlantica"),
    }


def spellings(answer: float | list[tuple[float, float]]) -> list[str]:
    """Patterns an output would print ``answer`` with (2 or 3 decimals; intervals as pairs)."""
    if isinstance(answer, list):
        return [
            rf"[\[(]\s*{low:.{d}f}\s*,\s*{high:.{d}f}\s*[\])]"
            for low, high in answer
            for d in (2, 3)
        ]
    return [rf"(?<![\d.]){abs(answer):.{d}f}(?!\d)" for d in (2, 3)]


@pytest.mark.parametrize("path", EXERCISES, ids=name)
def test_no_cell_prints_the_answer_of_a_compute_task(path: Path) -> None:
    answers = {t: a for t, a in compute_answers().items() if t.startswith(path.name[:2])}
    if not answers:
        pytest.skip("no compute task with a number here")
    printed = "\n".join(run_lesson(path.name[:2])["exercise"].printed)
    for task_id, answer in answers.items():
        for pattern in spellings(answer):
            found = re.search(pattern, printed)
            assert not found, f"{name(path)} prints {found.group(0)!r}, the answer of {task_id}"


def test_the_catalogue_lists_every_task_and_each_explanation_has_a_model_answer_and_rubric() -> (
    None
):
    from negotiation_kit.exercises._generate import CATALOGUE, catalogue

    text = catalogue(ROOT)
    assert (ROOT / CATALOGUE).read_text(encoding="utf-8") == text, "run generate"
    for task_id in tasks():
        assert f"| {task_id} | {kind(task_id)} |" in text, task_id
    for task_id in (t for t in tasks() if kind(t) == "explain"):
        section = text.split(f"### {task_id} ", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
        model = section.split("**Model answer.**", 1)[1].split("**Rubric**", 1)[0]
        assert len(model.split()) >= 30, f"{task_id}: no model answer"
        rubric = section.split("**Rubric**", 1)[1]
        assert rubric.count("\n- ") >= 3, f"{task_id}: the rubric needs at least three points"
