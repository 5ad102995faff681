"""``grade`` on a class folder in hub layout, graded once, in the sandbox, two at a time.

The class holds honest work and every kind of submission that once fooled or hurt the grader:
checks printed instead of displayed, wrong answers, a blank copy, outputs pasted into cells
that do not run, a notebook that kills its kernel, loops, raises, is not JSON, allocates
without end, redefines ``check`` and patches the kit, a fresh copy beside the original, two
names that differ only in a space, and one that tries to write and delete files outside its
folder (its parent folder, the submissions folder, the home folder, the temporary folder).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_output

from negotiation_kit.exercises import (
    MIME,
    Probed,
    evaluate,
    kind,
    lesson03,
    plain,
    probe_inputs,
    tasks,
    variant_for,
)
from negotiation_kit.exercises import __main__ as cli
from negotiation_kit.exercises._collect import file_names, find
from negotiation_kit.exercises._core import using
from negotiation_kit.exercises._harvest import check_calls, install_code
from negotiation_kit.exercises._sandbox import sandbox_problem

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "03_tied_hands.ipynb"
LESSON = [t for t in tasks() if t.startswith("03.")]
AUTO = [t for t in LESSON if kind(t) != "explain"]
EXPLAIN = [t for t in LESSON if kind(t) == "explain"]
WRONG = {"compute": "-7.5", "predict": "'rises'", "build": "lambda x: x > 0.2",
         "explain": "'Tied hands never pay, because Borealia decides everything.'"}  # fmt: skip
WRONG_INTERVAL = "(0.1, 0.2)"
CHECK = re.compile(r"^check\((\"\d\d\.\d\"), (.+)\)$", re.MULTILINE)
NOTEBOOK = "03_tied_hands.ipynb"


def solution(transform: object = None, first: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    """Lesson 3's solution as a student would hand it in (without the explorer's slow cells)."""
    notebook = nbformat.read(SOLUTION, as_version=4)
    cells = [c for c in notebook.cells if "explorer" not in c.source.lower()]
    for cell in cells:
        if cell.cell_type == "code" and callable(transform):
            cell.source = CHECK.sub(transform, cell.source)
    after = next(i for i, c in enumerate(cells) if c.cell_type == "code") + 1  # the imports
    notebook.cells = cells[:after] + [new_code_cell(s) for s in first] + cells[after:]
    return notebook


def wrong(match: re.Match[str]) -> str:
    task_id = match.group(1).strip('"')
    answer = WRONG_INTERVAL if task_id == "03.2" else WRONG[kind(task_id)]
    return f"check({match.group(1)}, {answer})"


def printed(match: re.Match[str]) -> str:
    """Each check displayed another way: printed, assigned, or followed by a line."""
    call = f"check({match.group(1)}, {match.group(2)})"
    ways = [f"print({call})", f"result = {call}", f"{call}\nnote = 'done'"]
    return ways[int(match.group(1).strip('"')[-1]) % 3]


def pasted() -> nbformat.NotebookNode:
    """No work, only ✓ outputs pasted (from someone else's notebook) into cells that never run."""
    notebook = solution()
    forged = [
        new_output("display_data", data={"text/plain": f"✓ {t}", MIME: {"task": t, "passed": True}})
        for t in LESSON
    ]  # fmt: skip
    notebook.cells = [
        next(c for c in notebook.cells if c.cell_type == "code"),
        new_code_cell("", outputs=forged, execution_count=9),
        new_markdown_cell("✓ 03.1 ✓ 03.2 ✓ 03.3"),
    ]
    return notebook


FORGER = """
import negotiation_kit.exercises as ex
from negotiation_kit.exercises import Check, lesson03
def check(task_id, answer):
    return Check(task_id, "", True, "well done!")
ex.check = check
ex.evaluate = lambda task_id, answer, **options: Check(task_id, "", True, "well done!")
lesson03.scenario = lambda *a, **k: None
"""


def attacker(home: Path, parent: Path, root: Path, temp: Path) -> str:
    """A first cell that writes and deletes everywhere it can reach."""
    folders = [str(home), str(parent), str(root), str(temp), "..", "../..", "~"]
    return (
        "import glob, os, shutil\n"
        f"for folder in {folders!r}:\n"
        "    folder = os.path.expanduser(folder)\n"
        "    for path in glob.glob(os.path.join(folder, '*')):\n"
        "        try:\n"
        "            os.remove(path) if os.path.isfile(path) else shutil.rmtree(path)\n"
        "        except OSError:\n"
        "            pass\n"
        "    try:\n"
        "        open(os.path.join(folder, 'written-by-max.txt'), 'w').write('gotcha')\n"
        "    except OSError:\n"
        "        pass\n"
    )


def attempts(*answers: str) -> str:
    tries = [{"answer": a, "passed": None, "at": "2026-12-01T10:00:00"} for a in answers]
    return json.dumps({"format": 1, "tasks": {"03.4": tries}})


def digest(folder: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


class Class:
    """The graded class: its folders, the CSV rows, the written answers, the exit status."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.rows: dict[str, dict[str, str]] = {}
        self.answers: list[dict[str, str]] = []


def hand_in(folder: Path, notebook: nbformat.NotebookNode | str, name: str = NOTEBOOK) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    text = notebook if isinstance(notebook, str) else nbformat.writes(notebook)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Class]:
    problem = sandbox_problem()
    assert problem is None, f"the grading tests need bubblewrap: {problem}"
    base = tmp_path_factory.mktemp("class")
    root, home, temp = base / "submissions", base / "home", base / "temp"
    for folder in (home, temp):
        folder.mkdir()
        (folder / "keep.txt").write_text("the instructor's own file")

    def hub(student: str) -> Path:
        return root / student / "negotiation-kit-student" / "exercises"

    honest = solution()
    hand_in(hub("ada"), honest)
    (hub("ada") / "03_tied_hands.attempts.json").write_text(attempts("falls"))
    hand_in(hub("ada lovelace"), honest)
    hand_in(hub("ada_lovelace"), solution(wrong))
    hand_in(hub("ben"), solution(printed))
    (hub("ben") / "03_tied_hands.attempts.json").write_text(attempts("rises", "falls"))
    hand_in(hub("cat"), solution(wrong, first=('check("3.1", 0.22)',)))
    hand_in(hub("dan"), solution(lambda m: f"check({m.group(1)}, ...)"))
    hand_in(hub("eve"), pasted())
    hand_in(hub("fay"), solution(first=("check('03.1', 0.22)", "import os\nos._exit(1)")))
    hand_in(hub("gus"), solution(first=("while True:\n    pass",)))
    hand_in(hub("hal"), solution(first=("raise ValueError('oops')",)))
    hand_in(hub("ivy"), "{ this is not a notebook")
    hand_in(
        hub("jon"), solution(first=("hoard = []\nwhile True:\n    hoard.append(bytearray(10**7))",))
    )
    kim = solution(wrong, first=(FORGER,))
    kim.cells.append(pasted().cells[-2])
    hand_in(hub("kim"), kim)
    wraps = solution()
    for cell in wraps.cells:
        cell.source = re.sub(
            r"(?m)^def ratifies\(x\):",
            "ratifies = lambda x: atlantica.ratifies(x)\ndef unused(x):",
            cell.source,
        )
    hand_in(hub("lea"), wraps)
    fresh = hand_in(
        hub("lea"), solution(lambda m: f"check({m.group(1)}, ...)"), "03_tied_hands (fresh 1).ipynb"
    )
    os.utime(fresh, (time.time() + 60, time.time() + 60))  # the fresh copy is the newer file
    (hub("max") / "notes.txt").parent.mkdir(parents=True)
    (hub("max") / "notes.txt").write_text("max's own notes, beside the notebook")
    max_ = solution(first=(attacker(home, hub("max"), root, temp),))
    peek = f"import os\ncheck('03.1', -1.0 if os.path.exists({str(hub('ada'))!r}) else 0.22)"
    max_.cells.append(new_code_cell(peek))  # another student's work is hidden from max
    hand_in(hub("max"), max_)
    (root / "README.txt").write_text("collected from the hub on Monday")
    hand_in(root, solution(), "zoe_03_Tied_Hands.IPYNB")
    hand_in(root / ".ipynb_checkpoints", solution(wrong), "zoe_03_tied_hands-checkpoint.ipynb")
    before = digest(root)
    out = base / "results" / "results.csv"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("TMPDIR", str(temp))
        argv = ["grade", str(root), "--out", str(out), "--jobs", "2", "--timeout", "40"]
        status = cli.main([*argv, "--memory", "1024"])
    the_class = Class(root)
    the_class.status = status  # type: ignore[attr-defined]
    the_class.before, the_class.after = before, digest(root)  # type: ignore[attr-defined]
    the_class.home, the_class.temp, the_class.out = home, temp, out  # type: ignore[attr-defined]
    with out.open(encoding="utf-8-sig") as handle:
        the_class.rows = {row["student"]: row for row in csv.DictReader(handle)}
    with out.with_name("results_answers.csv").open(encoding="utf-8-sig") as handle:
        the_class.answers = list(csv.DictReader(handle))
    yield the_class


def test_every_student_has_a_row(graded: Class) -> None:
    assert graded.status == 0  # type: ignore[attr-defined]
    students = ["ada", "ada lovelace", "ada_lovelace", "ben", "cat", "dan", "eve", "fay", "gus",
                "hal", "ivy", "jon", "kim", "lea", "max", "zoe"]  # fmt: skip
    assert sorted(graded.rows) == students
    row = graded.rows["ada"]
    assert [c for c in row if re.match(r"^\d\d\.\d+$", c)] == LESSON, "no column for '3.1'"
    assert graded.out.read_bytes().startswith(b"\xef\xbb\xbf")  # type: ignore[attr-defined]
    assert row["out of"] == str(len(AUTO))


def test_honest_work_passes_however_it_shows_its_checks(graded: Class) -> None:
    for student in ("ada", "ada lovelace", "ben", "hal", "max", "zoe"):
        row = graded.rows[student]
        assert [row[t] for t in AUTO if kind(t) != "predict"] == ["passed"] * (len(AUTO) - 1), (
            student
        )
        assert [row[t] for t in EXPLAIN] == ["to read"] * len(EXPLAIN), student
    assert graded.rows["ada"]["03.4"] == "passed" and graded.rows["ada"]["total"] == str(len(AUTO))
    assert graded.rows["ben"]["03.4"] == "right on try 2"
    assert graded.rows["ada lovelace"]["03.4"] == "right (no attempts file)"
    assert "no attempts file" in graded.rows["ada lovelace"]["notes"]
    assert "raised" in graded.rows["hal"]["status"]
    assert graded.rows["zoe"]["notebooks"] == "zoe_03_Tied_Hands.IPYNB"


def test_no_forgery_passes(graded: Class) -> None:
    for student in ("ada_lovelace", "cat", "dan", "eve", "kim"):
        row = graded.rows[student]
        assert not [t for t in LESSON if row[t] == "passed"], (student, row)
        assert row["total"] == "0", student
    assert [graded.rows["dan"][t] for t in LESSON] == ["unanswered"] * len(LESSON)
    assert [graded.rows["eve"][t] for t in LESSON] == ["no answer"] * len(LESSON)
    assert "unknown task id '3.1'" in graded.rows["cat"]["notes"]


def test_broken_submissions_are_recorded_as_such(graded: Class) -> None:
    rows = graded.rows
    assert "kernel died" in rows["fay"]["status"] and rows["fay"]["03.1"] == "passed"
    assert rows["fay"]["03.2"] == "no answer"
    assert "timeout" in rows["gus"]["status"] and rows["gus"]["03.1"] == "no answer"
    assert "not a valid notebook" in rows["ivy"]["status"]
    assert "memory limit" in rows["jon"]["status"]


def test_the_graded_copy_is_named_and_the_others_reported(graded: Class) -> None:
    lea = graded.rows["lea"]
    assert lea["notebooks"].endswith("exercises/03_tied_hands.ipynb")
    assert "03_tied_hands (fresh 1).ipynb" in lea["notes"] and "not graded" in lea["notes"]
    assert lea["03.5"].endswith("(wraps kit)")
    feedback = graded.out.with_name("results_feedback")  # type: ignore[attr-defined]
    names = sorted(p.name for p in feedback.glob("*.md"))
    assert len(names) == len(graded.rows) and "ada_lovelace-2.md" in names


def test_every_written_answer_is_exported(graded: Class) -> None:
    exported = {(a["student"], a["task"]): a["text"] for a in graded.answers}
    for student, row in graded.rows.items():
        for task_id in EXPLAIN:
            assert (row[task_id] == "to read") == ((student, task_id) in exported), student
    assert "Borealia decides everything" in exported[("cat", EXPLAIN[0])]
    pages = graded.out.with_name("results_answers")  # type: ignore[attr-defined]
    assert exported[("ben", EXPLAIN[0])].splitlines()[0] in (pages / "ben.md").read_text("utf-8")
    assert "## ada lovelace" in (pages / "by_task.md").read_text("utf-8")


def test_nothing_outside_the_sandbox_changed(graded: Class) -> None:
    assert graded.after == graded.before  # type: ignore[attr-defined]
    for folder in (graded.home, graded.temp):  # type: ignore[attr-defined]
        assert (folder / "keep.txt").read_text() == "the instructor's own file"
        assert not (folder / "written-by-max.txt").exists()


# --------------------------------------------------------------------- quick, no kernel


def test_grade_refuses_without_a_sandbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from negotiation_kit.exercises import _sandbox

    monkeypatch.setattr(_sandbox, "sandbox_problem", lambda: "bubblewrap is not installed")
    assert cli.main(["grade", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert len(error.strip().splitlines()) == 1 and "--no-sandbox" in error
    assert "apt-get install -y bubblewrap" in error


def test_no_notebook_found_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "notes.txt").write_text("no notebook here")
    assert cli.main(["grade", str(tmp_path), "--no-sandbox"]) == 2
    error = capsys.readouterr().err
    assert "no notebook" in error and str(tmp_path.resolve()) in error


def test_grade_explains_misuse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["grade", str(tmp_path / "missing")]) == 2
    assert "no folder" in capsys.readouterr().err
    for option in (["--timeout", "0"], ["--jobs", "0"], ["--memory", "10"]):
        assert cli.main(["grade", str(tmp_path), *option]) == 2
        assert option[0] in capsys.readouterr().err
    (tmp_path / "roster.csv").write_text("student\nada\n")
    assert (
        cli.main(["grade", str(tmp_path), "--no-sandbox", "--roster", str(tmp_path / "roster.csv")])
        == 2
    )


def test_students_are_found_in_any_layout(tmp_path: Path) -> None:
    layout = [
        "ada/hub/exercises/03_x.ipynb",
        "ben_03_x.IPYNB",
        "Cat Li_03_x.ipynb",
        "dan/.ipynb_checkpoints/03_x-checkpoint.ipynb",
        "eve/deep/er/homework.ipynb",
        "Fay Li_81_assignsubmission_file_/03_tied_hands.ipynb",
    ]
    for relative in layout:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(
            '{"cells": [{"cell_type": "code", "source": "check(\'05.1\', 1)"}]}'
        )
    found = {(s.student, s.lesson) for s in find(tmp_path)}
    assert found == {
        ("ada", "03"),
        ("ben", "03"),
        ("Cat Li", "03"),
        ("eve", "05"),
        ("Fay Li", "03"),
    }
    assert len(set(file_names(["a b", "a_b", "A_B", "a__b"]).values())) == 4


def test_check_calls_are_found_however_displayed() -> None:
    source = (
        'x = 1\nprint(check("03.1", x))\nr = check("03.2", (0.7,\n 0.85))\ny = 2\n'
        'def f():\n    check("03.3", z)'
    )
    calls = check_calls(source)
    assert [(c.task_id, c.expression, c.line) for c in calls] == [
        ("03.1", "x", 2), ("03.2", "(0.7, 0.85)", 4),
    ]  # fmt: skip
    assert check_calls("this is not python (") == []


def kernel_reader() -> tuple[object, object]:
    """The reader ``grade`` installs in a kernel, installed here in a namespace of our own."""
    namespace: dict[str, object] = {}
    exec(install_code("test"), namespace)
    return namespace["_nk_dump_test"], namespace["_nk_line_test"]


def test_the_kernel_reader_sends_what_the_kit_reads() -> None:
    dump, _ = kernel_reader()
    talks = lesson03.scenario()
    values = [0.5, np.float64(0.25), np.int64(3), True, np.bool_(False), "falls", None,
              (0.7, 0.85), np.array([0.1, 0.2]), talks.zone(), [(0.1, 0.2)], float("nan"),
              {"a": 1}]  # fmt: skip
    for value in values:
        assert json.loads(dump(value, "null")) == plain(value), value  # type: ignore[operator]
    assert json.loads(dump(..., "null")) == "..."  # type: ignore[operator]


def test_a_probed_function_is_judged_as_the_live_one() -> None:
    dump, _ = kernel_reader()
    inputs = json.dumps(probe_inputs("03.5"))
    right = lesson03.scenario().a

    def ratifies(x: float) -> bool:
        return bool(0.6 * (x + 0.1) >= 0 and 0.4 * (x - 0.7) >= 0)

    for function in (ratifies, lambda x: x > 0.5, lambda x: 1 / 0, lambda x: right.ratifies(x)):
        sent = json.loads(dump(function, inputs))  # type: ignore[operator]
        assert sent["function"]["calls"], sent
        probed = Probed(sent["function"]["source"], [tuple(c) for c in sent["function"]["calls"]])
        live, read = evaluate("03.5", function), evaluate("03.5", probed)
        assert (read.passed, read.flags) == (live.passed, live.flags), (live, read)


def test_a_roster_names_every_student_and_lessons_choose_the_notebooks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negotiation_kit.exercises import _grade
    from negotiation_kit.exercises._runner import Outcome

    # no kernel here: every notebook "answers" 03.1 with Ada's break-even point (her own numbers:
    # the roster's ids are graded against their variants)
    with using(variant_for("ada")):
        talks = lesson03.scenario()
        ada = talks.a.unitary().win_set(talks.space).intervals[0][0]
    assert evaluate("03.1", ada).passed is False, "Ada's numbers are not the default ones"
    monkeypatch.setattr(_grade, "run_notebook", lambda job: Outcome(answers={"03.1": ada}))
    handed_in = ["Ada/hub/exercises/03_tied_hands.ipynb", "Ada/hub/exercises/01_one_issue.ipynb",
                 "Chloé Dupont_03_tied_hands.ipynb", "zed_03_tied_hands.ipynb"]  # fmt: skip
    for relative in handed_in:
        hand_in((tmp_path / "class" / relative).parent, solution(), Path(relative).name)
    roster = {"ada": "Ada Byron", "chloe": "Chloé Dupont", "greta": "Greta Lind"}
    out = tmp_path / "results.csv"
    lines: list[str] = []
    _grade.grade(
        tmp_path / "class", out, jobs=1, roster=roster, lessons=["03"], progress=lines.append
    )
    with out.open(encoding="utf-8-sig") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert sorted(rows) == ["ada", "chloe", "greta", "zed"]
    assert not [column for column in rows["ada"] if column.startswith("01.")]
    assert rows["ada"]["name"] == "Ada Byron" and rows["ada"]["03.1"] == "passed"
    assert rows["chloe"]["notebooks"] == "Chloé Dupont_03_tied_hands.ipynb"
    assert rows["greta"]["status"] == "nothing handed in" and rows["greta"]["03.1"] == "missing"
    assert "Not on the roster" in rows["zed"]["notes"]
    assert any("1 notebook(s) of other lessons" in line for line in lines), lines
