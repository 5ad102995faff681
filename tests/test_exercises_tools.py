"""The instructor tools of ``python -m negotiation_kit.exercises``: generate.

Release and reset are tested in ``test_release.py``, grading in ``test_exercises_grade.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from negotiation_kit.exercises import __main__ as cli
from negotiation_kit.exercises._generate import GenerateError, exercise

ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> int:
    return cli.main([*argv])


# ---------------------------------------------------------------------------- generate


def test_committed_exercises_are_what_generate_makes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("generate", "--check", "--root", str(ROOT)) == 0, capsys.readouterr().out


def solution_notebook(*sources: str) -> nbformat.NotebookNode:
    cells = [new_markdown_cell("# A title")]
    for source in sources:
        cells += [new_markdown_cell("A sentence."), new_code_cell(source)]
    return new_notebook(cells=cells)


def test_generate_check_finds_stale_exercises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "solutions").mkdir()
    source = '### BEGIN SOLUTION\n# STUDENT: x = ...\nx = 1\n### END SOLUTION\ncheck("01.1", x)'
    nbformat.write(solution_notebook(source), tmp_path / "solutions" / "01_one_issue.ipynb")
    assert run("generate", "--check", "--root", str(tmp_path)) == 1
    assert "01_one_issue.ipynb" in capsys.readouterr().out
    assert run("generate", "--root", str(tmp_path)) == 0
    assert run("generate", "--check", "--root", str(tmp_path)) == 0
    made = nbformat.read(tmp_path / "exercises" / "01_one_issue.ipynb", as_version=4)
    assert made.cells[2].source == 'x = ...\ncheck("01.1", x)'


def test_generate_replaces_blocks_and_keeps_the_rest() -> None:
    notebook = solution_notebook(
        "a = 1\n### BEGIN SOLUTION\nb = 2\n### END SOLUTION\nc = 3",
        "def f(x):\n    ### BEGIN SOLUTION\n    # STUDENT: ...\n    return x\n    ### END SOLUTION",
    )
    notebook.cells.append(
        new_markdown_cell("Why?\n<!-- BEGIN SOLUTION -->\nBecause.\n<!-- END SOLUTION -->")
    )
    made = exercise(notebook)
    assert made.cells[2].source == "a = 1\n# your code here\nc = 3"
    assert made.cells[4].source == "def f(x):\n    ..."
    assert made.cells[5].source == "Why?\n*Write your answer here (double-click to edit).*"
    assert made.cells[1].source == "A sentence." and made.cells[1].id == notebook.cells[1].id
    for broken in (
        "### BEGIN SOLUTION\nx = 1",
        "### END SOLUTION",
        "### BEGIN SOLUTION\n### BEGIN SOLUTION",
    ):
        with pytest.raises(GenerateError):
            exercise(solution_notebook(broken))


def test_generate_explains_misuse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("generate", "--root", str(tmp_path)) == 2
    assert "no solutions/ folder" in capsys.readouterr().err
    (tmp_path / "solutions").mkdir()
    nbformat.write(solution_notebook("### BEGIN SOLUTION"), tmp_path / "solutions" / "x.ipynb")
    assert run("generate", "--root", str(tmp_path)) == 2
    assert "x.ipynb: cell 3" in capsys.readouterr().err


# ------------------------------------------------------------------------ the commands


def test_the_command_line_prints_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "negotiation_kit.exercises", "reset", "no", "--dir", str(tmp_path)],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ")
    shutil.rmtree(tmp_path, ignore_errors=True)
