"""The instructor tools of ``python -m negotiation_kit.exercises``: generate and grade.

Release and reset are tested in ``test_release.py``.

The grade test runs a folder of good, wrong, empty, looping, broken and hostile submissions
with a short time limit, and checks that the submissions are byte-for-byte unchanged.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from negotiation_kit.exercises import __main__ as cli
from negotiation_kit.exercises import kind, tasks
from negotiation_kit.exercises._generate import GenerateError, exercise
from negotiation_kit.exercises._grade import grade

ROOT = Path(__file__).resolve().parent.parent
LESSON01 = [t for t in tasks() if t.startswith("01.")]


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


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------------------- grade


def submission(*sources: str) -> str:
    """A notebook (as JSON text) made of the given code cells."""
    cells = [new_code_cell("from negotiation_kit.exercises import check, lesson01")]
    cells += [new_code_cell(source) for source in sources]
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nbformat.writes(notebook)


GOOD = [
    "talks = lesson01.scenario()",
    "check('01.1', talks.zone().intervals[0])",
    "check('01.2', talks.outcome().agreement)",
    "check('01.3', lesson01.trend(talks.outcome().agreement,"
    " lesson01.scenario(lesson01.BETTER_ALTERNATIVE).outcome().agreement))",
    "check('01.4', 'A better alternative raises the reservation point, so the zone of agreement"
    " shrinks from its side and the middle of the zone, where Nash settles, moves its way.')",
    "def zone(a, b):\n    low, high = max(a, 0.0), min(b, 1.0)\n"
    "    return (low, high) if low <= high else None",
    "check('01.5', zone)",
]
FIRST = GOOD[:2]


@pytest.fixture
def submissions(tmp_path: Path) -> Path:
    folder = tmp_path / "submissions"
    students = {
        "ada": submission(*GOOD),
        "ben": submission("check('01.1', (0.1, 0.2))", "check('01.2', 'half')"),
        "cat": submission(*(f"check('{t}', ...)" for t in LESSON01)),
        "dan": submission(*FIRST, "while True:\n    pass", "check('01.2', 0.5)"),
        "eve": "{ this is not a notebook",
        "fay": submission(
            "import glob, os\nfor p in glob.glob('*') + glob.glob('../*') + glob.glob('../../*'):\n"
            "    os.remove(p) if os.path.isfile(p) else None",
            *FIRST,
        ),
        "gus": submission("raise ValueError('oops')", *FIRST),
        "hal": submission("import sys\nsys.exit(3)", *FIRST),
    }
    for student, text in students.items():
        (folder / student).mkdir(parents=True)
        (folder / student / "01_one_issue.ipynb").write_text(text, encoding="utf-8")
    (folder / "ivy_01_one_issue.ipynb").write_text(
        submission(*FIRST, "import os\nos._exit(1)", "check('01.2', 0.5)"), encoding="utf-8"
    )
    (folder / "notes.txt").write_text("not a notebook, ignored")
    (folder / "jo").mkdir()
    retailers = "import negotiation_kit as nk\nretailers = nk.Nation('r', lesson02.factions()[2:])"
    (folder / "jo" / "02_win_sets.ipynb").write_text(
        submission(
            "from negotiation_kit.exercises import lesson02",
            retailers,
            "check('02.1', retailers.win_set(nk.Line()).intervals[0])",
        ),
        encoding="utf-8",
    )
    return folder


def test_grade_survives_every_kind_of_submission(
    submissions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The grader runs each copy in <temp>/nk-grade-*/work, so fay's "../../*" is the temp
    # folder itself: keep it inside this test's folder (it once emptied the machine's /tmp).
    scratch = tmp_path / "temp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    (scratch / "bystander.txt").write_text("a file that fay deletes")
    before = {p: digest(p) for p in submissions.rglob("*") if p.is_file()}
    lines: list[str] = []
    out = tmp_path / "results" / "results.csv"
    grade(submissions, out, timeout=10, progress=lines.append)
    assert {p: digest(p) for p in submissions.rglob("*") if p.is_file()} == before
    with out.open(encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    students = ["ada", "ben", "cat", "dan", "eve", "fay", "gus", "hal", "ivy_01_one_issue", "jo"]
    assert sorted(rows) == students
    marked = [t for t in LESSON01 if kind(t) != "explain"]  # an explanation is never marked
    assert [rows["ada"][t] for t in marked] == ["passed"] * len(marked)
    assert rows["ada"]["passed"] == str(len(marked))
    assert rows["ben"]["01.1"] == rows["ben"]["01.2"] == "failed"
    assert [rows["cat"][t] for t in LESSON01] == ["unanswered"] * len(LESSON01)
    assert "timeout" in rows["dan"]["status"] and rows["dan"]["01.1"] == "passed"
    assert rows["dan"]["01.2"] == "error"
    assert "not a valid notebook" in rows["eve"]["status"] and rows["eve"]["01.1"] == "error"
    assert rows["fay"]["01.1"] == "passed" and ": ok" in rows["fay"]["status"]
    assert not (scratch / "bystander.txt").exists()  # fay's deletions reached only the temp folder
    assert "raised" in rows["gus"]["status"] and rows["gus"]["01.1"] == "passed"
    assert rows["hal"]["01.1"] == "passed"
    assert "kernel died" in rows["ivy_01_one_issue"]["status"]
    assert rows["jo"]["02.1"] == "passed" and rows["jo"]["01.1"] == "missing"
    assert rows["ada"]["02.1"] == "missing"
    assert rows["ivy_01_one_issue"]["01.1"] == "passed"
    assert rows["ivy_01_one_issue"]["01.2"] == "error"
    feedback = tmp_path / "results" / "results_feedback"
    ada = (feedback / "ada.md").read_text(encoding="utf-8")
    assert "✓ 01.1" in ada and "✓ 01.5" in ada and "✎ 01.4" in ada
    assert "did not finish" in (feedback / "dan.md").read_text(encoding="utf-8")
    assert "this check did not run" in (feedback / "eve.md").read_text(encoding="utf-8")
    assert any("[10/10]" in line and "left" in line for line in lines), lines


def test_grade_explains_misuse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("grade", str(tmp_path / "missing")) == 2
    assert "no folder" in capsys.readouterr().err
    assert run("grade", str(tmp_path), "--timeout", "0") == 2
    assert "--timeout" in capsys.readouterr().err


def test_the_command_line_prints_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "negotiation_kit.exercises", "reset", "no", "--dir", str(tmp_path)],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ")
    shutil.rmtree(tmp_path, ignore_errors=True)
