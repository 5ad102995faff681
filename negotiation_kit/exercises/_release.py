"""Release a student bundle: lessons, exercises, the package, requirements; no solutions.

The bundle holds ``README.md`` (for students), ``notebooks/``, ``exercises/``, the package
``negotiation_kit/`` (without the instructor's tools, with a pristine copy of every exercise in
``negotiation_kit/exercises/fresh/`` for ``reset``), ``requirements.txt``, ``runtime.txt``
(Binder's Python version), ``pyproject.toml``, and ``.negotiation-kit-release.json`` (what was
released, from which commit). See ``_bundle`` for the checks made before anything is written.

A new bundle goes into a folder that does not exist, is empty, or holds only ``.git`` (a fresh
clone of the students' repository). ``update=True`` refreshes a bundle in place: the kit's
folders and files are replaced, ``.git`` and every file the instructor added elsewhere stay.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ._bundle import KIT_FOLDERS, TOP_FILES, Bundle, ReleaseError, collect, with_exercises
from ._generate import GenerateError
from ._readme import Repository, student_readme
from ._roster import read_roster, student_exercises

__all__ = ["MANIFEST", "Release", "ReleaseError", "release", "release_students", "write_bundle"]

MANIFEST = ".negotiation-kit-release.json"
"""The file that marks a folder as a bundle made by ``release`` (and says from what)."""


@dataclass
class Release:
    """What a release did: where, and which files it added, changed, removed or kept."""

    target: Path
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        """Lines for the instructor: what changed, then what was kept."""
        counts = f"{len(self.added)} added, {len(self.changed)} changed"
        lines = [f"{counts}, {len(self.removed)} removed"]
        for label in ("added", "changed", "removed"):
            lines += [f"  {label}: {path}" for path in getattr(self, label)]
        if self.kept:
            shown = ", ".join(self.kept[:8]) + (" ..." if len(self.kept) > 8 else "")
            lines.append(f"kept your {len(self.kept)} file(s) outside the kit's: {shown}")
        return lines


def _git(root: Path, *args: str) -> str | None:
    """The output of a git command in the kit's folder, or None if git cannot answer."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _commit(root: Path) -> str | None:
    """The kit's git commit (with ``+changes`` if its work tree differs), or None."""
    head = _git(root, "rev-parse", "HEAD")
    if head is None:
        return None
    return head + ("+changes" if _git(root, "status", "--porcelain") else "")


def _kit_files(folder: Path) -> dict[str, Path]:
    """The files of a bundle folder that belong to the kit (what an update may replace)."""
    found = {name: folder / name for name in (*TOP_FILES, MANIFEST) if (folder / name).is_file()}
    for kit in KIT_FOLDERS:
        for path in sorted((folder / kit).rglob("*")) if (folder / kit).is_dir() else []:
            if path.is_file() or path.is_symlink():
                found[path.relative_to(folder).as_posix()] = path
    return found


def _instructor_files(folder: Path, kit: dict[str, Path]) -> list[str]:
    """Files in a bundle folder outside the kit's (kept by an update); ``.git`` not listed."""
    mine = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] == ".git" or not path.is_file():
            continue
        if relative.as_posix() not in kit:
            mine.append(relative.as_posix())
    return mine


def _check_target(target: Path, update: bool) -> None:
    if target.is_file():
        raise ReleaseError(f"{target} is a file; give a folder for the bundle")
    if not target.exists():
        return
    contents = [p.name for p in target.iterdir() if p.name != ".git"]
    if not contents:
        return
    if not update:
        raise ReleaseError(
            f"{target} already exists and is not empty; choose another place, or pass --update "
            "to update a bundle made by `release` (a clone of the students' repository)"
        )
    if (target / MANIFEST).is_file():
        return
    ours = [name for name in KIT_FOLDERS if (target / name).exists()]
    if ours:
        raise ReleaseError(
            f"{target} has {', '.join(n + '/' for n in ours)} but no {MANIFEST}, so `release` did "
            "not make it; refusing to replace folders it did not write"
        )


def write_bundle(bundle: Bundle, target: Path, update: bool = False) -> Release:
    """Write ``bundle`` into ``target`` (new, or updated in place); say what changed."""
    _check_target(target, update)
    report = Release(target, skipped=list(bundle.skipped))
    target.mkdir(parents=True, exist_ok=True)
    current = _kit_files(target)
    report.kept = _instructor_files(target, current)
    for relative, path in current.items():
        if relative not in bundle.files:
            path.unlink()
            report.removed.append(relative)
    for relative, content in sorted(bundle.files.items()):
        path = target / relative
        if relative in current and path.is_file() and not path.is_symlink():
            if path.read_bytes() == content:
                continue
            report.changed.append(relative)
        else:
            report.added.append(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    for kit in KIT_FOLDERS:  # folders emptied by the removals
        for folder in sorted((target / kit).rglob("*"), reverse=True):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
    return report


def zip_bundle(bundle: Bundle, target: Path, top: str) -> Release:
    """Write ``bundle`` as a new zip file whose files sit under the folder ``top``."""
    if target.exists():
        raise ReleaseError(f"{target} already exists; choose another name")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for relative, content in sorted(bundle.files.items()):
            archive.writestr(f"{top}/{relative}", content)
    return Release(target, added=sorted(bundle.files), skipped=list(bundle.skipped))


def manifest(root: Path, files: dict[str, bytes], student: str | None = None) -> bytes:
    """The release's record: the kit's commit, the student (if any) and the files written."""
    record = {
        "format": 1,
        "made_by": "python -m negotiation_kit.exercises release",
        "kit_commit": _commit(root),
        "student": student,
        "files": sorted(files),
    }
    return (json.dumps(record, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def check_root(root: Path) -> None:
    """Refuse a folder that is not the kit's (with ``negotiation_kit/`` and ``solutions/``)."""
    if not (root / "negotiation_kit").is_dir() or not (root / "solutions").is_dir():
        raise ReleaseError(
            f"{root} is not the kit's folder (no negotiation_kit/ and solutions/ in it); "
            "run this command from the kit's folder or pass --root"
        )


def place(root: Path, repo: str | None, hub: str | None) -> Repository | None:
    """The students' repository from ``--repo``; never the kit's own (it has the solutions)."""
    if repo is None:
        if hub:
            raise ReleaseError("--hub needs --repo: the hub's link pulls the students' repository")
        return None
    try:
        where = Repository.parse(repo)
    except ValueError as error:
        raise ReleaseError(str(error)) from None
    origin = (_git(root, "remote", "get-url", "origin") or "").replace(
        "git@github.com:", "https://github.com/"
    )
    try:
        own = Repository.parse(origin).url if origin else None
    except ValueError:
        own = None
    if own == where.url:
        raise ReleaseError(
            f"--repo {repo} is the kit's own repository, which has solutions/; give the "
            "students' repository (where you push the bundle)"
        )
    if hub and not hub.startswith(("https://", "http://")):
        raise ReleaseError(
            f"--hub must be your JupyterHub's address, like https://hub.example.edu; got {hub!r}"
        )
    return where


def release(
    root: Path,
    out: Path,
    zip_it: bool = False,
    update: bool = False,
    repo: str | None = None,
    hub: str | None = None,
) -> Release:
    """Write the student bundle to ``out`` (a folder, or ``out.zip``); say what was written."""
    check_root(root)
    if zip_it and update:
        raise ReleaseError("--zip writes a new zip file; it cannot --update a folder")
    readme = student_readme(place(root, repo, hub), hub)
    bundle = _collect(root, readme)
    bundle.files[MANIFEST] = manifest(root, bundle.files)
    if zip_it:
        target = out if out.suffix == ".zip" else out.with_name(out.name + ".zip")
        return zip_bundle(bundle, target, target.stem)
    return write_bundle(bundle, out, update)


def _collect(root: Path, readme: str) -> Bundle:
    try:
        return collect(root, readme)
    except GenerateError as error:
        raise ReleaseError(f"solutions/ does not generate: {error}") from None


def release_students(
    root: Path,
    out: Path,
    roster: Path,
    zip_it: bool = False,
    update: bool = False,
    repo: str | None = None,
    hub: str | None = None,
) -> list[Release]:
    """One bundle per student of ``roster`` in ``out/<id>/`` (or ``out/<id>.zip``), each with
    the student's own numbers; ``repo`` may name each student's repository with ``{id}``."""
    check_root(root)
    if zip_it and update:
        raise ReleaseError("--zip writes new zip files; it cannot --update folders")
    if repo is not None and "{id}" not in repo:
        raise ReleaseError(
            "with --students, --repo names each student's repository with {id} in it, like "
            "https://github.com/our-course/negotiation-kit-{id}"
        )
    students = read_roster(roster)
    if out.is_file():
        raise ReleaseError(f"{out} is a file; give a folder for the students' bundles")
    if out.exists() and any(out.iterdir()) and not update:
        raise ReleaseError(
            f"{out} already exists and is not empty; choose another place, or pass --update "
            "to update the students' bundles in it"
        )
    places = {
        s.id: place(root, repo.replace("{id}", s.id) if repo else None, hub) for s in students
    }
    base = _collect(root, student_readme(None))
    try:
        numbered = student_exercises(root, students)
    except GenerateError as error:
        raise ReleaseError(f"solutions/ does not generate: {error}") from None
    done = []
    for student in students:
        readme = student_readme(places[student.id], hub, student=student.name or student.id)
        bundle = with_exercises(base, numbered[student.id], readme)
        bundle.files[MANIFEST] = manifest(root, bundle.files, student=student.id)
        if zip_it:
            done.append(zip_bundle(bundle, out / f"{student.id}.zip", student.id))
        else:
            done.append(write_bundle(bundle, out / student.id, update))
    return done
