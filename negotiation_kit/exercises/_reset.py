"""Give a student a fresh copy of an exercise, never touching their own file.

The pristine exercise comes from ``negotiation_kit/exercises/fresh/`` (a student bundle made
by ``release``) or, in the instructor's checkout, from the ``exercises/`` generated from
``solutions/``. The copy is written next to the student's file as
``NAME (fresh 1).ipynb``, ``NAME (fresh 2).ipynb``, ...; if the student's file is gone,
the copy takes its place.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE_FRESH = Path(__file__).resolve().parent / "fresh"


class ResetError(ValueError):
    """A reset that cannot be done (a message for the student)."""


def _pristine(name: str, root: Path) -> dict[str, bytes]:
    """The pristine exercises by file name: the package's fresh copies, else generated."""
    if PACKAGE_FRESH.is_dir():
        return {p.name: p.read_bytes() for p in sorted(PACKAGE_FRESH.glob("*.ipynb"))}
    if (root / "solutions").is_dir():
        from ._generate import exercises_from, nbformat

        made = exercises_from(root)
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


def reset(name: str, folder: Path, root: Path) -> Path:
    """Write a fresh copy of exercise ``name`` into ``folder``; return its path."""
    fresh = _pristine(name, root)
    file_name = _match(name, sorted(fresh))
    if not folder.is_dir():
        raise ResetError(f"there is no folder {folder}; pass the folder of your exercises")
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
