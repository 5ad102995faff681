"""Grade a folder of submitted exercise notebooks.

**Who is who.** Each sub-folder of the submissions folder is one student (its name is the
student), holding their exercise notebooks, e.g. ``submissions/ada/01_one_issue.ipynb``; a
notebook lying directly in the submissions folder is a student of its own, named by its file
name without ``.ipynb`` (e.g. ``submissions/ada_01_one_issue.ipynb``).

Each notebook is copied into a temporary folder of its own and run there by a fresh kernel
(nbclient) with a time limit for the whole notebook, so a submission that loops, raises, exits,
is not a notebook at all, or deletes files around it is recorded as such; the submissions
themselves are only read. The lesson of a notebook is the first two digits followed by ``_``
in its file name (``01_one_issue.ipynb``, ``ada_01_one_issue.ipynb``). The results come from
the machine-readable output of each ``check(...)``: one CSV row per student and a column per
task (passed, failed, unanswered, error: a check that never ran, or missing: no notebook of
that lesson handed in), and a markdown feedback file per student.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._core import MIME

STATUS = {True: "passed", False: "failed", None: "unanswered"}
LESSON = re.compile(r"(?<!\d)(\d\d)_[A-Za-z]")


@dataclass
class Run:
    """What happened to one submitted notebook."""

    student: str
    notebook: str
    status: str = "ok"
    results: dict[str, str] = field(default_factory=dict)
    messages: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def submissions(folder: Path) -> list[tuple[str, Path]]:
    """(student, notebook) pairs: a sub-folder per student, or a loose notebook per student."""
    found: list[tuple[str, Path]] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            found.extend((entry.name, nb) for nb in sorted(entry.glob("*.ipynb")))
        elif entry.suffix == ".ipynb":
            found.append((entry.stem, entry))
    return found


def _read_outputs(notebook: Any, run: Run) -> None:
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME in data:
                result = data[MIME]
                result = json.loads(result) if isinstance(result, str) else result
                task_id, passed = str(result.get("task")), result.get("passed")
                run.results[task_id] = STATUS.get(passed, "error")
                text = data.get("text/plain", "")
                run.messages[task_id] = "".join(text) if isinstance(text, list) else str(text)
            elif output.get("output_type") == "error":
                run.problems.append(f"a cell raised {output.get('ename')}: {output.get('evalue')}")


def run_notebook(student: str, path: Path, timeout: float, kernel: str = "python3") -> Run:
    """Run a copy of one submission in its own folder and kernel, within ``timeout`` seconds."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from ._generate import nbformat

    run = Run(student, path.name)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="nk-grade-") as scratch:
        work = Path(scratch) / "work"
        work.mkdir()
        copy = work / path.name
        shutil.copyfile(path, copy)
        try:
            notebook = nbformat.read(copy, as_version=4)
            nbformat.validate(notebook)
        except Exception as error:
            run.status = "not a valid notebook"
            run.problems.append(f"could not read it as a notebook ({type(error).__name__})")
            return run
        client = NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name=kernel,
            allow_errors=True,
            startup_timeout=60,
            resources={"metadata": {"path": str(work)}},
        )
        try:
            with client.setup_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
                for index, cell in enumerate(notebook.cells):
                    left = timeout - (time.monotonic() - start)
                    if left <= 0:
                        raise CellTimeoutError("the notebook ran out of time")
                    client.timeout = max(1, int(left))
                    client.execute_cell(cell, index)
        except CellTimeoutError:
            run.status = "timeout"
            run.problems.append(f"it did not finish within {timeout:g} s (a loop that never ends?)")
        except DeadKernelError:
            run.status = "kernel died"
            run.problems.append("the kernel stopped while running it (exit, crash or memory)")
        except Exception as error:
            run.status = "error"
            run.problems.append(f"it could not be run ({type(error).__name__})")
        _read_outputs(notebook, run)
        if run.status == "ok" and run.problems:
            run.status = "raised"
    run.seconds = time.monotonic() - start
    return run


def expected_tasks(notebook_name: str, known: list[str]) -> list[str]:
    """The tasks of the lesson a notebook's file name starts with ("03_..." -> 03.*)."""
    match = LESSON.search(notebook_name)
    return [t for t in known if match and t.startswith(match.group(1) + ".")]


def _feedback(student: str, runs: list[Run], known: list[str]) -> str:
    lines = [f"# Feedback for {student}", ""]
    for run in runs:
        lines += [f"## {run.notebook}", "", f"Status: **{run.status}** ({run.seconds:.1f} s)", ""]
        lines += [f"- {problem}" for problem in run.problems]
        if run.problems:
            lines.append("")
        tasks = expected_tasks(run.notebook, known) or sorted(run.results)
        for task_id in sorted(set(tasks) | set(run.results)):
            message = run.messages.get(task_id, f"{task_id}: this check did not run")
            lines.append(f"- {message}")
        lines.append("")
    return "\n".join(lines)


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("._") or "student"


def grade(
    folder: Path,
    out: Path,
    timeout: float = 120.0,
    feedback: Path | None = None,
    kernel: str = "python3",
    progress: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
) -> list[Run]:
    """Grade every submission under ``folder``; write ``out`` (CSV) and feedback files."""
    from . import tasks

    known = tasks()
    work = submissions(folder)
    runs: list[Run] = []
    start = time.monotonic()
    progress(f"grading {len(work)} notebooks from {folder} (at most {timeout:g} s each)")
    for done, (student, path) in enumerate(work, start=1):
        run = run_notebook(student, path, timeout, kernel)
        runs.append(run)
        elapsed = time.monotonic() - start
        left = elapsed / done * (len(work) - done)
        progress(
            f"[{done}/{len(work)}] {student}/{path.name}: {run.status} "
            f"({run.seconds:.1f} s); about {left:.0f} s left"
        )
    students = sorted({run.student for run in runs})
    columns = sorted({t for run in runs for t in expected_tasks(run.notebook, known)}
                     | {t for run in runs for t in run.results})  # fmt: skip
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    with partial.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "notebooks", "status", "passed", *columns])
        for student in students:
            own = [run for run in runs if run.student == student]
            merged: dict[str, str] = {}
            for run in own:
                merged.update(run.results)
            handed_in = {t for run in own for t in expected_tasks(run.notebook, known)}
            cells = [merged.get(t, "error" if t in handed_in else "missing") for t in columns]
            status = "; ".join(f"{run.notebook}: {run.status}" for run in own)
            notebooks = "; ".join(run.notebook for run in own)
            writer.writerow([student, notebooks, status, cells.count("passed"), *cells])
    partial.replace(out)
    feedback = feedback if feedback is not None else out.with_name(out.stem + "_feedback")
    feedback.mkdir(parents=True, exist_ok=True)
    for student in students:
        text = _feedback(student, [run for run in runs if run.student == student], known)
        (feedback / f"{_safe(student)}.md").write_text(text, encoding="utf-8")
    progress(f"wrote {out} and {len(students)} feedback files in {feedback}")
    return runs
