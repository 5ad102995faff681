"""Give a student a fresh copy of an exercise, never touching their own file.

Where the exercises are: ``--dir``, or else found from the current folder: the folder itself
if it is called ``exercises``, its ``exercises/`` or a parent's, the one ``*/exercises/`` one
level down (a hub's home folder holding the bundle), or the folder itself if it holds exercise
notebooks (Colab's ``/content``).

Where the pristine exercise comes from, first found first:

1. the bundle beside the exercises folder (``../negotiation_kit/exercises/fresh/``), which holds
   the student's own numbers when the instructor released one bundle per student;
2. the installed package's data (``negotiation_kit/exercises/fresh/``, present in a bundle made
   by ``release`` and installed with ``pip install``, as on a hub);
3. in the instructor's checkout, the exercises generated from ``solutions/``.

The copy is written next to the student's file as ``NAME (fresh 1).ipynb``, ``NAME (fresh
2).ipynb``, ...; if the student's file is gone, the copy takes its place. Files are opened in
"x" mode, so nothing that exists is ever overwritten.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE_FRESH = Path(__file__).resolve().parent / "fresh"
CHECKOUT = Path(__file__).resolve().parent.parent.parent
EXERCISE = re.compile(r"^\d\d_\w+\.ipynb$")


class ResetError(ValueError):
    """A reset that cannot be done (a message for the student)."""


def _holds_exercises(folder: Path) -> bool:
    return folder.is_dir() and any(EXERCISE.match(p.name) for p in folder.iterdir())


def find_exercises(start: Path) -> Path:
    """The student's exercises folder, found from ``start`` (see the module's docstring)."""
    start = start.resolve()
    if start.name == "exercises":
        return start
    for folder in (start, *start.parents):
        if (folder / "exercises").is_dir():
            return folder / "exercises"
    below = sorted(p for p in start.glob("*/exercises") if p.is_dir())
    if len(below) == 1:
        return below[0]
    if below:
        names = ", ".join(str(p) for p in below)
        raise ResetError(f"there are several exercises folders here ({names}); pass --dir")
    if _holds_exercises(start):  # e.g. Colab's /content, holding one exercise notebook
        return start
    raise ResetError(
        f"could not find your exercises folder from {start}; run this in the kit's folder (or "
        "in its exercises/ folder), or pass --dir path/to/exercises"
    )


def _fresh_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.ipynb"))}


def pristine(exercises: Path, root: Path | None = None) -> dict[str, bytes]:
    """The pristine exercises by file name (see the module's docstring for the order)."""
    beside = exercises.resolve().parent / "negotiation_kit" / "exercises" / "fresh"
    for folder in (beside, PACKAGE_FRESH):
        found = _fresh_in(folder) if folder.is_dir() else {}
        if found:
            return found
    checkout = root if root is not None else CHECKOUT
    if (checkout / "solutions").is_dir():
        from ._generate import exercises_from, nbformat

        made = exercises_from(checkout)
        return {name: nbformat.writes(nb).encode("utf-8") + b"\n" for name, nb in made.items()}
    raise ResetError(
        "no pristine exercises were found: ask your instructor for the kit's student bundle"
    )


def _match(name: str, available: list[str]) -> str:
    wanted = Path(name).name.removesuffix(".ipynb").strip().lower()
    exact = [a for a in available if a.removesuffix(".ipynb").lower() == wanted]
    if exact:
        return exact[0]
    prefixed = [a for a in available if re.match(rf"{re.escape(wanted)}(_|$)", a.lower())]
    if len(prefixed) == 1:
        return prefixed[0]
    names = ", ".join(a.removesuffix(".ipynb") for a in available) or "none"
    raise ResetError(f"there is no exercise called {name!r}; the exercises are: {names}")


def reset(name: str, folder: Path | None = None, root: Path | None = None) -> Path:
    """Write a fresh copy of exercise ``name`` into ``folder`` (found if None); return its path."""
    if folder is None:
        folder = find_exercises(Path.cwd())
    elif not folder.is_dir():
        raise ResetError(f"there is no folder {folder}; pass the folder of your exercises")
    fresh = pristine(folder, root)
    file_name = _match(name, sorted(fresh))
    stem = file_name.removesuffix(".ipynb")
    candidates = [folder / file_name] + [
        folder / f"{stem} (fresh {n}).ipynb" for n in range(1, 1000)
    ]
    for target in candidates:
        try:
            with target.open("xb") as handle:  # "x": never overwrite anything
                handle.write(fresh[file_name])
        except FileExistsError:
            continue
        return target
    raise ResetError(f"too many fresh copies of {stem} in {folder}; delete some first")
