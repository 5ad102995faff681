"""What a student bundle holds, checked file by file before anything is written.

A bundle is a mapping from a relative path to the file's bytes. :func:`collect` builds it from
the kit's folder and refuses (one line per problem) anything not meant for students: exercises
that are not what ``solutions/`` generates (answers typed into them, or stale), fresh copies
made by ``reset``, notebooks with saved outputs, files the kit does not ship. Caches and
Jupyter's checkpoints are never copied (they are listed as skipped). :func:`audit` checks the
finished bundle once more for solutions, solution markers, caches and development files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._generate import MARKERS, exercises_from, nbformat, same

KIT_FOLDERS = ("notebooks", "exercises", "negotiation_kit", "scenarios")
"""The folders of a bundle that belong to the kit: an update replaces them whole."""
TOP_FILES = ("README.md", "requirements.txt", "runtime.txt", "pyproject.toml")
"""The kit's files at the top of a bundle (an update replaces them too)."""
FRESH = "negotiation_kit/exercises/fresh"
"""Pristine exercises inside the bundle's package, for ``reset`` (package data)."""
INSTRUCTOR_ONLY = frozenset(
    {"_generate.py", "_release.py", "_bundle.py", "_roster.py", "_otter.py", "_readme.py"}
    | {"_grade.py", "_sandbox.py", "_collect.py", "_harvest.py", "_runner.py", "_verdict.py"}
    | {"_report.py"}
)
"""Modules of ``negotiation_kit/exercises`` left out of a bundle: tools students never run."""
ASSETS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".csv")
"""Files besides notebooks that lessons may use (images, data)."""
PACKAGE_DATA = (".css", ".js", ".html", ".json", ".toml", ".png", ".svg", ".ttf", ".woff2")
"""Files besides code that the package may need (style sheets, templates, fonts)."""
CACHE_PARTS = ("__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".mypy_cache", ".ruff_cache")
FRESH_COPY = re.compile(r" \(fresh \d+\)\.ipynb$", re.IGNORECASE)
DEV_FILES = ("requirements-dev.txt",)


class ReleaseError(ValueError):
    """A release that cannot be made (a message for the instructor)."""


@dataclass
class Bundle:
    """The files of a bundle by relative path, and what was left out on purpose."""

    files: dict[str, bytes] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def has_outputs(notebook: Any) -> bool:
    """Whether a notebook keeps outputs, execution counts or widget state."""
    code = [c for c in notebook.cells if c.cell_type == "code"]
    saved = any(c.get("outputs") or c.get("execution_count") is not None for c in code)
    return saved or "widgets" in notebook.metadata


def _read(path: Path) -> Any | None:
    try:
        return nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    except Exception:  # not JSON, not a notebook, not UTF-8: the caller says so
        return None


def _entries(folder: Path, label: str, bundle: Bundle) -> list[Path]:
    """The visible files of a kit folder; hidden ones (checkpoints) are noted as skipped."""
    if not folder.is_dir():
        raise ReleaseError(f"there is no {label}/ folder in {folder.parent}")
    visible = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            bundle.skipped.append(f"{label}/{path.name} (hidden: Jupyter's checkpoints or similar)")
        else:
            visible.append(path)
    return visible


def _notebook_problem(path: Path, label: str) -> str | None:
    if FRESH_COPY.search(path.name):
        return f"{label}: a fresh copy made by `reset`; delete it"
    notebook = _read(path)
    if notebook is None:
        return f"{label}: not a readable notebook"
    if has_outputs(notebook):
        return (
            f"{label}: has saved outputs; clear them (Edit > Clear Outputs of All Cells) and save"
        )
    return None


def lessons(root: Path, bundle: Bundle) -> list[str]:
    """Add ``notebooks/`` (lessons and their images) to the bundle; return the problems."""
    problems = []
    for path in _entries(root / "notebooks", "notebooks", bundle):
        label = f"notebooks/{path.name}"
        if path.is_dir():
            problems.append(f"{label}/: a folder the kit does not ship; move it out of notebooks/")
        elif path.suffix.lower() == ".ipynb":
            problem = _notebook_problem(path, label)
            problems += [problem] if problem else []
            bundle.files[label] = path.read_bytes()
        elif path.suffix.lower() in ASSETS:
            bundle.files[label] = path.read_bytes()
        else:
            problems.append(f"{label}: not a lesson or an image; move it out of notebooks/")
    return problems


def scenarios(root: Path, bundle: Bundle) -> list[str]:
    """Add ``scenarios/*.toml`` (scenario files students may load), if the kit has them."""
    if not (root / "scenarios").is_dir():
        return []
    problems = []
    for path in _entries(root / "scenarios", "scenarios", bundle):
        label = f"scenarios/{path.name}"
        if path.is_file() and path.suffix == ".toml":
            bundle.files[label] = path.read_bytes()
        else:
            problems.append(f"{label}: not a scenario file (.toml); move it out of scenarios/")
    return problems


def exercises(root: Path, bundle: Bundle) -> tuple[dict[str, bytes], list[str]]:
    """The committed exercises, checked against what ``solutions/`` generates; and the problems."""
    generated = exercises_from(root)
    problems, shipped = [], {}
    for path in _entries(root / "exercises", "exercises", bundle):
        label = f"exercises/{path.name}"
        if path.is_dir():
            problems.append(f"{label}/: a folder the kit does not ship; move it out of exercises/")
            continue
        problem = _notebook_problem(path, label) if path.suffix.lower() == ".ipynb" else None
        if problem:
            problems.append(problem)
        elif path.name not in generated:
            problems.append(
                f"{label}: no notebook of this name in solutions/ generates it; delete it, or "
                "add its solution notebook and run `generate`"
            )
        elif not same(_read(path), generated[path.name]):
            problems.append(
                f"{label}: not what solutions/{path.name} generates (answers typed into it, or "
                "stale); run `generate`"
            )
        else:
            shipped[path.name] = path.read_bytes()
    for name in sorted(set(generated) - {p.name for p in (root / "exercises").iterdir()}):
        problems.append(f"exercises/{name}: missing; run `generate`")
    return shipped, problems


def package(root: Path, bundle: Bundle) -> list[str]:
    """Add the package's code (no instructor tools, no caches) to the bundle; return problems."""
    top = root / "negotiation_kit"
    problems = []
    for path in sorted(top.rglob("*")):
        relative = path.relative_to(root).as_posix()
        parts = path.relative_to(top).parts
        if any(p in CACHE_PARTS or p.startswith(".") for p in parts) or path.suffix == ".pyc":
            continue  # caches and hidden files are never shipped, nor worth a word
        if relative == FRESH or relative.startswith(FRESH + "/"):
            if relative == FRESH:
                bundle.skipped.append(f"{relative}/ (release writes it anew)")
            continue
        if path.is_dir():
            continue
        if path.suffix in (".py", *PACKAGE_DATA) or path.name == "py.typed":
            if not (parts[:-1] == ("exercises",) and path.name in INSTRUCTOR_ONLY):
                bundle.files[relative] = path.read_bytes()
        else:
            problems.append(f"{relative}: not part of the kit's code; move it out of the package")
    return problems


def top_files(root: Path, bundle: Bundle, readme: str) -> list[str]:
    """Add README (for students), requirements, runtime and pyproject; return the problems."""
    problems = []
    bundle.files["README.md"] = readme.encode("utf-8")
    for name in TOP_FILES[1:]:
        path = root / name
        if not path.is_file():
            why = {"runtime.txt": "Binder reads the Python version from it"}.get(name, "")
            problems.append(f"{name}: missing from {root}" + (f" ({why})" if why else ""))
            continue
        bundle.files[name] = path.read_bytes()
    requirements = bundle.files.get("requirements.txt", b"").decode("utf-8", errors="replace")
    for line in requirements.splitlines():
        if re.match(r"\s*(-r|-c|--requirement|--constraint)\b", line):
            problems.append(
                f"requirements.txt: {line.strip()!r} names another file, which the bundle does "
                "not have; list the students' packages in requirements.txt itself"
            )
    return problems


def audit(files: dict[str, bytes]) -> list[str]:
    """Everything in a finished bundle that must not reach students, one line each."""
    found = []
    for relative, content in sorted(files.items()):
        parts = relative.split("/")
        if "solution" in relative.lower():
            found.append(f"{relative}: a solution file")
        if any(p in CACHE_PARTS for p in parts) or relative.endswith(".pyc"):
            found.append(f"{relative}: a cache or a checkpoint")
        if FRESH_COPY.search(relative):
            found.append(f"{relative}: a fresh copy made by `reset`")
        if parts[-1] in DEV_FILES:
            found.append(f"{relative}: a development file, not for students")
        text = content.decode("utf-8", errors="replace")
        found.extend(f"{relative}: contains {m!r}" for m in MARKERS if m in text)
        if relative.endswith(".ipynb") and "exercises/" in relative:
            notebook = nbformat.reads(text, as_version=4)
            if has_outputs(notebook):
                found.append(f"{relative}: has saved outputs")
    return found


def collect(root: Path, readme: str) -> Bundle:
    """The checked bundle of the kit in ``root``, with its committed exercises.

    Raises :class:`ReleaseError` listing every problem, one per line, if there is any.
    """
    bundle = Bundle()
    committed, problems = exercises(root, bundle)
    problems += lessons(root, bundle) + scenarios(root, bundle) + package(root, bundle)
    problems += top_files(root, bundle, readme)
    if problems:
        raise ReleaseError(
            f"nothing was written; fix these {len(problems)} problem(s) first:\n  "
            + "\n  ".join(problems)
        )
    return with_exercises(bundle, committed, readme)


def with_exercises(bundle: Bundle, exercise_files: dict[str, bytes], readme: str) -> Bundle:
    """A copy of ``bundle`` with these exercises (and their pristine copies) and README."""
    files = {p: c for p, c in bundle.files.items() if not p.startswith(("exercises/", FRESH))}
    files["README.md"] = readme.encode("utf-8")
    for name, content in sorted(exercise_files.items()):
        files[f"exercises/{name}"] = content
        files[f"{FRESH}/{name}"] = content
    problems = audit(files)
    if problems:
        raise ReleaseError("the bundle would leak solutions:\n  " + "\n  ".join(problems))
    return Bundle(files, list(bundle.skipped))
