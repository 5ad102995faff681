"""Release a student bundle: lessons, exercises, the package, requirements; no solutions.

The bundle holds ``README.md`` (for students), ``notebooks/``, ``exercises/``, the package
``negotiation_kit/`` (without the instructor-only tools, and with a pristine copy of every
exercise in ``negotiation_kit/exercises/fresh/`` for ``reset``), ``requirements.txt`` and
``pyproject.toml``. It refuses to write into a folder that is not empty.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ._generate import MARKERS

INSTRUCTOR_ONLY = ("_generate.py", "_release.py", "_grade.py")
"""Modules of this package left out of a student bundle (they are of no use to students)."""
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", *INSTRUCTOR_ONLY)
FRESH = Path("negotiation_kit") / "exercises" / "fresh"

STUDENT_README = """\
# negotiation_kit: two-level games, hands on

How does domestic politics shape international bargaining? The lessons in `notebooks/` let
you move sliders and watch win-sets, the zone of agreement and the predicted outcome shift.
The exercises in `exercises/` check your answers as you go: a ✓ when an answer is right, a ✗
with a hint when it is not yet, and "not answered yet" while a cell still holds `...`.

## Getting started

You need Python 3.11 or newer. In this folder, run:

```bash
python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/jupyter lab
```

(On Windows: `py -m venv .venv`, then `.venv\\Scripts\\pip install -r requirements.txt` and
`.venv\\Scripts\\jupyter lab`.) Open `notebooks/00_start_here.ipynb` first.

## Exercises

Each lesson has an exercise notebook with the same number in `exercises/`. Replace each `...`
with your answer, run the cell, and read the check under it. Save your work (Ctrl+S) and hand
in the notebook the way your instructor asks.

## A fresh copy of an exercise

Made a mess? Get a fresh copy (your own file is kept, never overwritten):

```bash
.venv/bin/python -m negotiation_kit.exercises reset 03_tied_hands
```

It appears as `exercises/03_tied_hands (fresh 1).ipynb`.
"""


class ReleaseError(ValueError):
    """A release that cannot be made (a message for the instructor)."""


def _copy_tree(root: Path, out: Path) -> None:
    for folder in ("notebooks", "exercises"):
        source = root / folder
        if not source.is_dir():
            raise ReleaseError(f"there is no {folder}/ folder in {root}")
        (out / folder).mkdir(parents=True)
        for notebook in sorted(source.glob("*.ipynb")):
            shutil.copy2(notebook, out / folder / notebook.name)
    shutil.copytree(root / "negotiation_kit", out / "negotiation_kit", ignore=SKIP)
    (out / FRESH).mkdir()
    for notebook in sorted((root / "exercises").glob("*.ipynb")):
        shutil.copy2(notebook, out / FRESH / notebook.name)
    for name in ("requirements.txt", "pyproject.toml"):
        shutil.copy2(root / name, out / name)
    (out / "README.md").write_text(STUDENT_README, encoding="utf-8")


def leaks(folder: Path) -> list[str]:
    """Files of a bundle that are solutions or still carry a solution marker."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if "solution" in relative.lower():
            found.append(f"{relative}: a solution file")
            continue
        if path.is_file():
            content = path.read_bytes().decode("utf-8", errors="replace")
            found.extend(f"{relative}: contains {m!r}" for m in MARKERS if m in content)
    return found


def release(root: Path, out: Path, zip_it: bool = False) -> Path:
    """Write the student bundle to ``out`` (a folder, or ``out.zip``); return what was written."""
    if not (root / "negotiation_kit").is_dir() or not (root / "solutions").is_dir():
        raise ReleaseError(
            f"{root} is not the kit's folder (no negotiation_kit/ and solutions/ in it); "
            "run this command from the kit's folder or pass --root"
        )
    target = out.with_name(out.name + ".zip") if zip_it and out.suffix != ".zip" else out
    if target.exists() and (target.is_file() or any(target.iterdir())):
        raise ReleaseError(f"{target} already exists and is not empty; choose another place")
    with tempfile.TemporaryDirectory() as scratch:
        bundle = Path(scratch) / "negotiation_kit_student"
        _copy_tree(root, bundle)
        problems = leaks(bundle)
        if problems:
            raise ReleaseError("the bundle would leak solutions:\n  " + "\n  ".join(problems))
        if zip_it:
            target.parent.mkdir(parents=True, exist_ok=True)
            made = shutil.make_archive(
                str(target.with_suffix("")), "zip", bundle.parent, bundle.name
            )
            return Path(made)
        target.mkdir(parents=True, exist_ok=True)
        shutil.copytree(bundle, target, dirs_exist_ok=True)
    return target
