"""``release`` and ``reset``: a bundle students can trust, updated in place, reset anywhere.

Most tests release a copy of the kit (``kit`` fixture) so they can spoil it the ways an
instructor might: answers typed into ``exercises/``, a stray fresh copy, saved outputs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import nbformat
import pytest

from negotiation_kit.exercises import __main__ as cli
from negotiation_kit.exercises import kind, tasks
from negotiation_kit.exercises._bundle import audit
from negotiation_kit.exercises._generate import MARKERS
from negotiation_kit.exercises._release import MANIFEST

ROOT = Path(__file__).resolve().parent.parent
KIT = ("negotiation_kit", "solutions", "exercises", "notebooks")
TOP = ("pyproject.toml", "requirements.txt", "runtime.txt")
CACHES = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "fresh")


def run(*argv: str) -> int:
    return cli.main([*argv])


def python(
    *argv: str, cwd: Path, executable: str = sys.executable, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [executable, *argv], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(folder).parts
    }


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    """A copy of the kit's folder that a test may spoil."""
    root = tmp_path / "kit"
    for folder in KIT:
        shutil.copytree(ROOT / folder, root / folder, ignore=CACHES)
    for name in TOP:
        shutil.copy2(ROOT / name, root / name)
    return root


# ----------------------------------------------------------------------------- release


def test_release_writes_a_bundle_students_can_use(tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    assert run("release", str(out), "--root", str(ROOT)) == 0
    shipped = files(out)
    for part in ("README.md", "requirements.txt", "runtime.txt", "pyproject.toml", MANIFEST):
        assert part in shipped, part
    assert shipped["runtime.txt"] == (ROOT / "runtime.txt").read_bytes()
    assert shipped["requirements.txt"] == (ROOT / "requirements.txt").read_bytes()
    assert not (out / "solutions").exists() and not (out / "requirements-dev.txt").exists()
    assert audit(shipped) == []
    assert not [p for p in shipped if "__pycache__" in p or "_grade.py" in p or "_generate" in p]
    names = sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))
    assert sorted(p.name for p in (out / "exercises").iterdir()) == names
    for name in names:  # shipped exactly as committed, and as pristine copies for reset
        committed = (ROOT / "exercises" / name).read_bytes()
        assert shipped[f"exercises/{name}"] == shipped[f"negotiation_kit/exercises/fresh/{name}"]
        assert shipped[f"exercises/{name}"] == committed
    record = json.loads(shipped[MANIFEST])
    assert record["format"] == 1 and "exercises/01_one_issue.ipynb" in record["files"]
    readme = shipped["README.md"].decode("utf-8")
    assert "python -m negotiation_kit.exercises reset 03_tied_hands" in readme  # a hub
    assert ".venv/bin/python -m negotiation_kit.exercises reset" in readme  # a laptop
    assert "!{sys.executable} -m negotiation_kit.exercises reset" in readme  # a notebook cell
    assert "mybinder" not in readme  # no students' repository given, so no launch links
    # in the bundle: checks work, reset works, the instructor's tools are absent
    done = python(
        "-c", "from negotiation_kit.exercises import check; print(check('01.1', (9, 9)))", cwd=out
    )
    assert done.returncode == 0 and "✗ 01.1" in done.stdout, done.stderr
    done = python("-m", "negotiation_kit.exercises", "reset", "01", cwd=out / "notebooks")
    assert done.returncode == 0, done.stderr
    assert (out / "exercises" / "01_one_issue (fresh 1).ipynb").exists()
    for instructor_only in ("generate", "grade x", "release y"):
        done = python("-m", "negotiation_kit.exercises", *instructor_only.split(), cwd=out)
        assert done.returncode == 2 and "instructor command" in done.stderr, done.stderr


def test_release_puts_launch_links_to_the_students_repository(
    kit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bundle"
    repo, hub = "https://github.com/our-dept/nk-student", "https://hub.example.edu"
    assert run("release", str(out), "--root", str(kit), "--repo", repo, "--hub", hub) == 0
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert (
        "https://mybinder.org/v2/gh/our-dept/nk-student/main?urlpath=lab/tree/notebooks/" in readme
    )
    assert (
        "https://colab.research.google.com/github/our-dept/nk-student/blob/main/notebooks/"
        in readme
    )
    assert (
        "https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2F"
        "our-dept%2Fnk-student&branch=main&urlpath=lab%2Ftree%2Fnk-student%2Fnotebooks%2F"
    ) in readme
    capsys.readouterr()
    # never a link to the instructor's own repository, which has solutions/
    subprocess.run(["git", "init", "-q", str(kit)], check=True)
    subprocess.run(["git", "-C", str(kit), "remote", "add", "origin", "git@github.com:me/kit.git"],
                   check=True)  # fmt: skip
    assert run("release", str(tmp_path / "b2"), "--root", str(kit), "--repo", "me/kit") == 2
    assert "the kit's own repository" in capsys.readouterr().err
    assert run("release", str(tmp_path / "b3"), "--root", str(kit), "--repo", "not a url") == 2
    assert run("release", str(tmp_path / "b4"), "--root", str(kit), "--hub", hub) == 2
    assert "--hub needs --repo" in capsys.readouterr().err
    assert not any((tmp_path / b).exists() for b in ("b2", "b3", "b4"))


def spoil(notebook: Path, old: str, new: str) -> None:
    text = notebook.read_text(encoding="utf-8")
    assert old in text, old
    notebook.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_release_refuses_what_is_not_meant_for_students(
    kit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exercises = kit / "exercises"
    spoil(exercises / "03_tied_hands.ipynb", "break_even = ...", "break_even = 0.22")  # an answer
    spoil(kit / "solutions" / "02_win_sets.ipynb", "## Task 02.1", "## Task 02.1 (new)")  # stale
    shutil.copy2(exercises / "01_one_issue.ipynb", exercises / "01_one_issue (fresh 1).ipynb")
    shutil.copy2(exercises / "01_one_issue.ipynb", exercises / "09_extra.ipynb")
    (exercises / "answers.txt").write_text("0.22")
    (exercises / "04_political_processes.ipynb").unlink()
    lesson = nbformat.read(kit / "notebooks" / "03_tied_hands.ipynb", as_version=4)
    cell = next(c for c in lesson.cells if c.cell_type == "code")
    cell.outputs = [nbformat.v4.new_output("stream", text="an output\n")]
    nbformat.write(lesson, kit / "notebooks" / "03_tied_hands.ipynb")
    (kit / "negotiation_kit" / "notes.txt").write_text("private")
    (kit / "requirements.txt").write_text("-r requirements-dev.txt\nnumpy\n")
    (kit / "runtime.txt").unlink()
    out = tmp_path / "bundle"
    assert run("release", str(out), "--root", str(kit)) == 2
    err = capsys.readouterr().err
    expected = {
        "exercises/03_tied_hands.ipynb: not what solutions/03_tied_hands.ipynb generates",
        "exercises/02_win_sets.ipynb: not what solutions/02_win_sets.ipynb generates",
        "exercises/01_one_issue (fresh 1).ipynb: a fresh copy made by `reset`",
        "exercises/09_extra.ipynb: no notebook of this name in solutions/",
        "exercises/answers.txt: no notebook of this name in solutions/",
        "exercises/04_political_processes.ipynb: missing; run `generate`",
        "notebooks/03_tied_hands.ipynb: has saved outputs",
        "negotiation_kit/notes.txt: not part of the kit's code",
        "requirements.txt: '-r requirements-dev.txt' names another file",
        "runtime.txt: missing",
    }
    assert not [line for line in expected if line not in err], err
    assert "fix these 10 problem(s)" in err
    assert not out.exists(), "nothing is written when anything is wrong"


def test_release_skips_caches_and_checkpoints(kit: Path, tmp_path: Path) -> None:
    for folder in ("exercises", "notebooks", "negotiation_kit/exercises"):
        (kit / folder / ".ipynb_checkpoints").mkdir()
        (kit / folder / ".ipynb_checkpoints" / "x-checkpoint.ipynb").write_text("{}")
    (kit / "negotiation_kit" / "__pycache__").mkdir(exist_ok=True)
    (kit / "negotiation_kit" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    (kit / "negotiation_kit" / "exercises" / "fresh").mkdir()  # an old release's, made anew
    (kit / "negotiation_kit" / "exercises" / "fresh" / "old.ipynb").write_text("{}")
    out = tmp_path / "bundle"
    assert run("release", str(out), "--root", str(kit)) == 0
    shipped = files(out)
    assert not [p for p in shipped if "checkpoint" in p or "__pycache__" in p or "old.ipynb" in p]


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                          check=True, timeout=60)  # fmt: skip
    return done.stdout


def test_release_updates_a_students_repository_in_place(
    kit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nk-student"
    out.mkdir()
    git(out, "init", "-q")
    git(out, "config", "user.email", "i@example.edu")
    git(out, "config", "user.name", "Instructor")
    assert run("release", str(out), "--root", str(kit)) == 0  # a clone holding only .git
    (out / "LICENSE").write_text("CC-BY")
    (out / ".github").mkdir()
    (out / ".github" / "badge.yml").write_text("mine")
    git(out, "add", "-A")
    git(out, "commit", "-q", "-m", "first release")
    # the kit moves on: a lesson changes, another is withdrawn; a stray file lands in exercises/
    spoil(kit / "notebooks" / "02_win_sets.ipynb", "Win-sets", "Win sets")
    (kit / "notebooks" / "08_managing_differences.ipynb").unlink()
    (out / "exercises" / "01_one_issue (fresh 1).ipynb").write_text("a stray copy")
    capsys.readouterr()
    assert run("release", str(out), "--root", str(kit)) == 2
    assert "--update" in capsys.readouterr().err
    assert run("release", str(out), "--update", "--root", str(kit)) == 0
    said = capsys.readouterr().out
    assert "changed: notebooks/02_win_sets.ipynb" in said
    assert "removed: notebooks/08_managing_differences.ipynb" in said
    assert "removed: exercises/01_one_issue (fresh 1).ipynb" in said
    assert "kept your 2 file(s) outside the kit's: .github/badge.yml, LICENSE" in said
    assert (out / "LICENSE").read_text() == "CC-BY" and (out / ".github" / "badge.yml").exists()
    assert "first release" in git(out, "log", "--oneline")  # .git untouched
    status = set(git(out, "status", "--porcelain").splitlines())
    assert status == {
        " M notebooks/02_win_sets.ipynb",
        " D notebooks/08_managing_differences.ipynb",
        " M .negotiation-kit-release.json",
    }
    assert run("release", str(out), "--update", "--root", str(kit)) == 0
    assert "0 added, 0 changed, 0 removed" in capsys.readouterr().out
    # a folder with kit-like folders that release did not write is never replaced
    other = tmp_path / "course"
    (other / "notebooks").mkdir(parents=True)
    (other / "notebooks" / "mine.ipynb").write_text("my lecture")
    assert run("release", str(other), "--update", "--root", str(kit)) == 2
    assert "refusing to replace" in capsys.readouterr().err
    assert (other / "notebooks" / "mine.ipynb").read_text() == "my lecture"


def test_release_zips_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine")
    assert run("release", str(busy), "--root", str(ROOT)) == 2
    assert "not empty" in capsys.readouterr().err and (busy / "keep.txt").read_text() == "mine"
    assert run("release", str(tmp_path / "student"), "--zip", "--root", str(ROOT)) == 0
    with zipfile.ZipFile(tmp_path / "student.zip") as bundle:
        names = bundle.namelist()
        assert not [n for n in names if "solution" in n.lower()]
        assert "student/runtime.txt" in names and "student/exercises/01_one_issue.ipynb" in names
        text = b"".join(bundle.read(n) for n in names if not n.endswith("/"))
    assert not [m for m in MARKERS if m.encode() in text]
    assert run("release", str(tmp_path / "student"), "--zip", "--root", str(ROOT)) == 2
    assert run("release", str(tmp_path / "x"), "--root", str(tmp_path)) == 2
    assert "not the kit's folder" in capsys.readouterr().err


# ------------------------------------------------------------------------------- reset


def test_reset_never_touches_the_students_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "01_one_issue.ipynb"
    mine.write_text("my work, even if it is not JSON")
    before = digest(mine)
    for n in (1, 2):
        assert run("reset", "01_one_issue", "--dir", str(tmp_path), "--root", str(ROOT)) == 0
        fresh = tmp_path / f"01_one_issue (fresh {n}).ipynb"
        assert (
            nbformat.read(fresh, as_version=4).cells
            == nbformat.read(ROOT / "exercises" / "01_one_issue.ipynb", as_version=4).cells
        )
    assert digest(mine) == before
    mine.unlink()
    assert run("reset", "01_one_issue.ipynb", "--dir", str(tmp_path), "--root", str(ROOT)) == 0
    assert mine.exists(), "a missing exercise is restored under its own name"
    capsys.readouterr()
    assert run("reset", "99_nothing", "--dir", str(tmp_path), "--root", str(ROOT)) == 2
    assert "01_one_issue" in capsys.readouterr().err
    assert run("reset", "01", "--dir", str(tmp_path / "nowhere"), "--root", str(ROOT)) == 2
    assert "no folder" in capsys.readouterr().err


def test_reset_finds_the_exercises_folder_from_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    bundle = home / "nk-student"
    assert run("release", str(bundle), "--root", str(ROOT)) == 0
    made = []
    for where in (bundle, bundle / "notebooks", bundle / "exercises", home):
        monkeypatch.chdir(where)
        assert run("reset", "03") == 0
        made.append(capsys.readouterr().out)
    fresh = [bundle / "exercises" / f"03_tied_hands (fresh {n}).ipynb" for n in (1, 2, 3, 4)]
    assert all(path.exists() for path in fresh)
    assert all("(your own file was not touched)" in line for line in made)
    (home / "other" / "exercises").mkdir(parents=True)
    assert run("reset", "03") == 2
    assert "several exercises folders" in capsys.readouterr().err
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    monkeypatch.chdir(lonely)
    assert run("reset", "03") == 2
    assert "--dir" in capsys.readouterr().err


def test_reset_works_on_a_hub_install(tmp_path: Path) -> None:
    """A hub: the bundle installed non-editable, the student's exercises anywhere else."""
    bundle = tmp_path / "bundle"
    assert run("release", str(bundle), "--root", str(ROOT)) == 0
    venv = tmp_path / "hub-env"
    uv, env_python = shutil.which("uv"), str(venv / "bin" / "python")
    if uv:  # fast, from uv's cache
        create = [uv, "venv", "-q", str(venv), "--python", sys.executable]
        install = [uv, "pip", "install", "-q", "--python", env_python, str(bundle)]
    else:
        create = [sys.executable, "-m", "venv", str(venv)]
        install = [env_python, "-m", "pip", "install", "-q", str(bundle)]
    subprocess.run(create, check=True, timeout=300)
    done = subprocess.run(install, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    shutil.rmtree(bundle)  # only the installed package is left
    work = tmp_path / "home" / "ada" / "exercises"
    work.mkdir(parents=True)
    (work / "03_tied_hands.ipynb").write_text("ada's work")
    done = python("-m", "negotiation_kit.exercises", "reset", "03_tied_hands", cwd=work.parent,
                  executable=str(venv / "bin" / "python"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (work / "03_tied_hands.ipynb").read_text() == "ada's work"
    fresh = (work / "03_tied_hands (fresh 1).ipynb").read_bytes()
    assert fresh == (ROOT / "exercises" / "03_tied_hands.ipynb").read_bytes()


# ------------------------------------------------------------------- per-student release


def roster(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,email\nAda,a@x\n", "no 'id' column"),
        ("", "empty"),
        ("id,name\n", "no students"),
        ("id,name\nada,Ada\n,Ben\n", "line 3: the id is empty"),
        ("id,name\nada,Ada\nAda,Ada L.\n", "line 3: the id 'Ada' is already on line 2"),
        ("id,name\nada lovelace,Ada\n", "cannot name a folder"),
        ("id,name\n../ben,Ben\n", "cannot name a folder"),
    ],
)
def test_a_bad_roster_gets_a_clear_message(tmp_path: Path, text: str, message: str) -> None:
    from negotiation_kit.exercises._roster import ReleaseError, read_roster

    with pytest.raises(ReleaseError, match=re.escape(message)):
        read_roster(roster(tmp_path, text))


def test_a_roster_from_a_spreadsheet_reads() -> None:
    from negotiation_kit.exercises._roster import Student, read_roster

    path = Path(tempfile.mkdtemp()) / "class.csv"
    path.write_bytes("\ufeffName;ID\nAda Lovelace;ada\n\n;ben\n".encode())
    assert read_roster(path) == [Student("ada", "Ada Lovelace"), Student("ben", "")]
    shutil.rmtree(path.parent)


def variant_for(student_id: str) -> int:
    return sum(map(ord, student_id)) % 9 + 1


@pytest.fixture
def variants(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand-ins for the task modules' variants: Borealia's 0.85 becomes 0.8N, N from the id."""
    import negotiation_kit.exercises as exercises

    def render_notebook(solution: nbformat.NotebookNode, variant: int) -> nbformat.NotebookNode:
        made = nbformat.from_dict(json.loads(json.dumps(solution)))
        for cell in made.cells:
            cell.source = cell.source.replace("0.85", f"0.8{variant}")
        made.cells.insert(0, nbformat.v4.new_markdown_cell(f"Your numbers: variant {variant}."))
        return made

    monkeypatch.setattr(exercises, "variant_for", variant_for, raising=False)
    monkeypatch.setattr(exercises, "render_notebook", render_notebook, raising=False)


@pytest.mark.usefixtures("variants")
def test_release_gives_each_student_their_own_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    students = roster(tmp_path, "id,name\nada,Ada Lovelace\nben,\ncat,Cat\n")
    out = tmp_path / "class"
    repo = "https://github.com/course/nk-{id}"
    assert (
        run("release", str(out), "--students", str(students), "--root", str(ROOT), "--repo", repo)
        == 0
    )
    assert sorted(p.name for p in out.iterdir()) == ["ada", "ben", "cat"]
    seen = set()
    for sid in ("ada", "ben", "cat"):
        variant = variant_for(sid)
        shipped = files(out / sid)
        assert audit(shipped) == []
        exercise = shipped["exercises/03_tied_hands.ipynb"].decode()
        assert f"variant {variant}" in exercise and f"0.8{variant}" in exercise
        assert shipped["negotiation_kit/exercises/fresh/03_tied_hands.ipynb"] == exercise.encode()
        assert json.loads(shipped[MANIFEST])["student"] == sid
        readme = shipped["README.md"].decode()
        assert f"github.com/course/nk-{sid}" in readme
        seen.add(exercise)
    assert "**Ada Lovelace**'s" in files(out / "ada")["README.md"].decode()
    assert len(seen) == 3
    # ada's reset, run in her folder with the kit installed elsewhere, gives ada's numbers
    done = python("-m", "negotiation_kit.exercises", "reset", "03", cwd=out / "ada" / "exercises")
    assert done.returncode == 0, done.stderr
    fresh = out / "ada" / "exercises" / "03_tied_hands (fresh 1).ipynb"
    assert f"variant {variant_for('ada')}" in fresh.read_text(encoding="utf-8")
    # updating the class in place; a zip per student
    capsys.readouterr()
    assert run("release", str(out), "--students", str(students), "--root", str(ROOT)) == 2
    assert (
        run("release", str(out), "--update", "--students", str(students), "--root", str(ROOT)) == 0
    )
    assert capsys.readouterr().out.count("changed: README.md") == 3  # no --repo: no links now
    zips = tmp_path / "zips"
    assert run("release", str(zips), "--zip", "--students", str(students), "--root", str(ROOT)) == 0
    assert sorted(p.name for p in zips.iterdir()) == ["ada.zip", "ben.zip", "cat.zip"]
    assert run("release", str(tmp_path / "x"), "--students", str(students), "--repo", "a/b",
               "--root", str(ROOT)) == 2  # fmt: skip
    assert "{id}" in capsys.readouterr().err


def test_release_per_student_with_the_kits_own_variants(tmp_path: Path) -> None:
    """The task modules' ``variant_for``/``render_notebook``: ada's lesson 1 is hers alone."""
    import negotiation_kit.exercises as exercises

    if not hasattr(exercises, "render_notebook"):
        pytest.skip("the task modules have no per-student variants yet (issue 14, h14b)")
    students = roster(tmp_path, "id,name\nada,Ada\nben,Ben\n")
    out = tmp_path / "class"
    assert run("release", str(out), "--students", str(students), "--root", str(ROOT)) == 0
    ada, ben = files(out / "ada"), files(out / "ben")
    assert audit(ada) == [] and audit(ben) == []
    name = "exercises/01_one_issue.ipynb"
    assert ada[name] != ben[name] != (ROOT / name).read_bytes()
    assert "ada" in ada[name].decode() and "ben" not in ada[name].decode()
    done = python("-m", "negotiation_kit.exercises", "reset", "01", cwd=out / "ada")
    assert done.returncode == 0, done.stderr
    assert (out / "ada" / "exercises" / "01_one_issue (fresh 1).ipynb").read_bytes() == ada[name]


def test_release_per_student_needs_the_variants(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import negotiation_kit.exercises as exercises

    monkeypatch.delattr(exercises, "variant_for", raising=False)
    students = roster(tmp_path, "id\nada\n")
    assert (
        run("release", str(tmp_path / "c"), "--students", str(students), "--root", str(ROOT)) == 2
    )
    assert "no per-student variants" in capsys.readouterr().err
    assert not (tmp_path / "c").exists()


# --------------------------------------------------------------------------------- otter

OTTER = """
import json, sys
from pathlib import Path

import nbformat
from otter.api import grade_submission
from otter.assign import main as assign

master, dist, wrong = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
assign(master, str(dist), no_run_tests=True, no_pdfs=True)
solved = dist / "autograder" / Path(master).name
# a wrong answer to 01.2, in its own cell (otter runs a question's tests right after its cell)
notebook = nbformat.read(solved, as_version=4)
for cell in notebook.cells:
    if cell.cell_type == "code" and 'check("01.2"' in cell.source:
        cell.source = 'agreement = 0.0\\ncheck("01.2", agreement)'
nbformat.write(notebook, wrong)
autograder = str(next((dist / "autograder").glob("*-autograder_*.zip")))
scores = {}
for name, path in (("solved", str(solved)), ("wrong", wrong)):
    results = grade_submission(path, autograder, quiet=True)
    scores[name] = {test: results.get_score(test) for test in results.test_files}
print(json.dumps(scores))
"""


def test_release_as_otter_grader_assignments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``otter assign`` on lesson 1's master; otter grades the solved notebook and a wrong one."""
    if importlib.util.find_spec("otter") is None:
        pytest.skip("otter-grader is not installed (it is in requirements-dev.txt)")
    out = tmp_path / "otter"
    assert run("release", "--format", "otter", str(out), "--root", str(ROOT)) == 0
    assert "keep" in capsys.readouterr().out
    names = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert names == sorted(p.stem for p in (ROOT / "solutions").glob("*.ipynb"))
    lesson = out / "01_one_issue"
    assert (lesson / "negotiation_kit" / "exercises" / "__init__.py").exists()
    assert not list((lesson / "negotiation_kit").rglob("_grade.py"))
    script = tmp_path / "otter_run.py"
    script.write_text(OTTER, encoding="utf-8")
    dist, wrong = tmp_path / "dist", tmp_path / "wrong.ipynb"
    done = python(
        str(script),
        str(lesson / "01_one_issue.ipynb"),
        str(dist),
        str(wrong),
        cwd=tmp_path,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    scores = json.loads(done.stdout.strip().splitlines()[-1])
    auto = [t for t in tasks() if t.startswith("01.") and kind(t) != "explain"]
    questions = sorted(f"task_{t.replace('.', '_')}" for t in auto)
    assert sorted(scores["solved"]) == questions  # explain tasks are graded by hand
    assert all(score == 1.0 for score in scores["solved"].values()), scores
    assert scores["wrong"] == {**scores["solved"], "task_01_2": 0.0}, scores
    # the students' version: no solution, no test, the explain task left for a person
    given = nbformat.read(dist / "student" / "01_one_issue.ipynb", as_version=4)
    student = "\n".join(cell.source for cell in given.cells)
    assert "evaluate(" not in student and not [m for m in MARKERS if m in student]
    solution = nbformat.read(ROOT / "solutions" / "01_one_issue.ipynb", as_version=4)
    answer = next(c.source for c in solution.cells if 'check("01.2"' in c.source)
    hidden = answer.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
    solution_lines = [line.strip() for line in hidden.splitlines()]
    assert not [
        line for line in solution_lines if line and "STUDENT" not in line and line in student
    ]
    assert "manual" in (lesson / "01_one_issue.ipynb").read_text(encoding="utf-8")
    assert run("release", "--format", "otter", str(out), "--root", str(ROOT)) == 2
    assert (
        run("release", "--format", "otter", str(tmp_path / "o2"), "--zip", "--root", str(ROOT)) == 2
    )
