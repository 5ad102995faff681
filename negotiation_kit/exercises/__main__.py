"""Instructor and student commands: ``python -m negotiation_kit.exercises COMMAND``.

- ``generate [--check]``: write ``exercises/`` from ``solutions/`` (``--check`` only compares
  and exits with 1 listing the notebooks that differ);
- ``release OUT [--zip | --update] [--repo URL [--hub URL]] [--students ROSTER]``: write a
  student bundle (no solutions) to the new folder ``OUT`` (or ``OUT.zip``), or update the bundle
  in ``OUT`` in place; with a roster, one bundle per student in ``OUT/<id>/`` with their own
  numbers; ``release --format otter OUT`` writes otter-grader assignments instead;
- ``grade SUBMISSIONS --out results.csv [--jobs N] [--roster R] [--lessons NN] [--no-sandbox]``:
  run submitted notebooks in a sandbox and grade them (``docs/grading.md``);
- ``reset NAME [--dir DIR]``: a fresh copy of an exercise, next to the student's own (the
  exercises folder is found from the current folder unless ``--dir`` is given).

Every misuse gets a one-line message and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m negotiation_kit.exercises",
        description="Exercises of negotiation_kit: generate, release, grade, reset.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    generate = commands.add_parser("generate", help="write exercises/ from solutions/")
    generate.add_argument("--check", action="store_true", help="only compare; exit 1 if stale")
    generate.add_argument("--root", type=Path, default=Path("."), help="the kit's folder")
    release = commands.add_parser("release", help="write a student bundle without solutions")
    release.add_argument("out", type=Path, help="a new (or empty) folder for the bundle")
    how = release.add_mutually_exclusive_group()
    how.add_argument("--zip", action="store_true", help="write OUT.zip instead of a folder")
    how.add_argument("--update", action="store_true", help="update the bundle in OUT in place")
    release.add_argument("--repo", help="the students' repository (for launch links)")
    release.add_argument("--hub", help="your JupyterHub's address (for an nbgitpuller link)")
    release.add_argument(
        "--students", type=Path, help="a roster CSV (id, name): one bundle per student, own numbers"
    )
    release.add_argument(
        "--format", choices=("bundle", "otter"), default="bundle",
        help="otter: each lesson as an otter-grader assignment (with solutions: keep it private)",
    )  # fmt: skip
    release.add_argument("--root", type=Path, default=Path("."), help="the kit's folder")
    grade = commands.add_parser("grade", help="run and grade submitted exercise notebooks")
    grade.add_argument("submissions", type=Path, help="one sub-folder (or notebook) per student")
    grade.add_argument("--out", type=Path, default=Path("results.csv"), help="the CSV to write")
    grade.add_argument("--timeout", type=float, default=120.0, help="seconds per notebook")
    grade.add_argument("--feedback", type=Path, default=None, help="folder of feedback files")
    grade.add_argument(
        "--jobs", type=int, default=None, help="notebooks at a time (default: cores)"
    )
    grade.add_argument("--memory", type=int, default=2048, help="memory limit per notebook in MB")
    grade.add_argument("--roster", type=Path, default=None, help="CSV with an id column")
    grade.add_argument("--lessons", default=None, help="only these lessons, e.g. 03 or 01,03")
    grade.add_argument(
        "--no-sandbox", action="store_true",
        help="run submissions with your own permissions (only if bubblewrap cannot run)",
    )  # fmt: skip
    reset = commands.add_parser("reset", help="a fresh copy of an exercise")
    reset.add_argument("name", help="the exercise, e.g. 03_tied_hands")
    reset.add_argument("--dir", type=Path, default=None, help="your exercises folder")
    reset.add_argument("--root", type=Path, default=None, help="the kit's folder (instructors)")
    return parser


def _generate(args: argparse.Namespace) -> int:
    try:
        from ._generate import GenerateError, generate
    except ImportError:
        return _fail("generate is an instructor command; it is not part of the student bundle")
    root = args.root
    if not (root / "solutions").is_dir():
        return _fail(
            f"there is no solutions/ folder in {root.resolve()}; run this in the kit's folder"
        )
    try:
        plan = generate(root, check=args.check)
    except GenerateError as error:
        return _fail(f"could not generate: {error}")
    for orphan in plan.orphans:
        print(f"note: {orphan} has no solution notebook (left as it is)")
    if args.check:
        if plan.differ:
            print("not what solutions/ generates (run `generate`):")
            print("\n".join(f"  {path}" for path in plan.differ))
            return 1
        print("exercises/ is up to date")
        return 0
    print("\n".join(f"wrote {path}" for path in plan.written) or "exercises/ is up to date")
    return 0


def _release(args: argparse.Namespace) -> int:
    try:
        from ._release import release, release_students
    except ImportError:
        return _fail("release is an instructor command; it is not part of the student bundle")
    if args.format == "otter":
        return _release_otter(args)
    where = {"zip_it": args.zip, "update": args.update, "repo": args.repo, "hub": args.hub}
    try:
        if args.students is not None:
            done = release_students(args.root, args.out, args.students, **where)
        else:
            done = [release(args.root, args.out, **where)]
    except (ValueError, OSError) as error:  # ReleaseError among them
        return _fail(str(error))
    for item in done[0].skipped:
        print(f"skipped {item}")
    for report in done:
        print(f"wrote the student bundle to {report.target}")
        if args.update:
            print("\n".join(f"  {line}" for line in report.summary()))
    if not args.repo:
        print("note: pass --repo (the students' repository) to put launch links in its README")
    return 0


def _release_otter(args: argparse.Namespace) -> int:
    from ._otter import export_otter

    mixed = [o for o in ("zip", "update", "repo", "hub", "students") if getattr(args, o)]
    if mixed:
        return _fail(f"--format otter writes master notebooks; it takes no --{mixed[0]}")
    try:
        written = export_otter(args.root, args.out)
    except (ValueError, OSError) as error:  # ReleaseError among them
        return _fail(str(error))
    print("\n".join(f"wrote {path}" for path in written))
    print(f"these hold the solutions: keep {args.out} private; see {args.out / 'README.md'}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    try:
        from ._grade import GradeError, grade
        from ._roster import read_roster
        from ._sandbox import HOW_TO_PROCEED, sandbox_problem
    except ImportError:
        return _fail("grade is an instructor command; it is not part of the student bundle")
    if not args.submissions.is_dir():
        return _fail(f"there is no folder {args.submissions}")
    if args.timeout <= 0:
        return _fail(f"--timeout must be a positive number of seconds, got {args.timeout:g}")
    if args.jobs is not None and args.jobs < 1:
        return _fail(f"--jobs must be 1 or more, got {args.jobs}")
    if args.memory < 256:
        return _fail(f"--memory must be at least 256 (MB), got {args.memory}")
    if args.no_sandbox:
        print(
            "warning: --no-sandbox: the submissions run with your own permissions and can read, "
            "change or delete any file you can",
            file=sys.stderr,
        )
    else:
        problem = sandbox_problem()
        if problem is not None:
            return _fail(f"cannot grade in a sandbox: {problem}; {HOW_TO_PROCEED}")
    lessons = None
    if args.lessons is not None:
        lessons = [part.strip().zfill(2) for part in args.lessons.split(",") if part.strip()]
        if not lessons or not all(part.isdigit() and len(part) == 2 for part in lessons):
            return _fail(f"--lessons takes lesson numbers like 03 or 01,03; got {args.lessons!r}")
    try:
        students = read_roster(args.roster) if args.roster is not None else None
    except ValueError as error:  # ReleaseError: a roster that cannot be used
        return _fail(str(error))
    roster = {s.id: s.name for s in students} if students is not None else None
    try:
        grade(
            args.submissions, args.out, args.timeout, args.feedback, jobs=args.jobs,
            sandbox=not args.no_sandbox, memory=args.memory * 1024**2, roster=roster,
            lessons=lessons,
        )  # fmt: skip
    except GradeError as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(f"could not write the results: {error}")
    return 0


def _reset(args: argparse.Namespace) -> int:
    from ._reset import reset

    try:
        written = reset(args.name, args.dir, args.root)
    except (ValueError, OSError) as error:  # ResetError, or a solution that does not generate
        return _fail(str(error))
    print(f"your fresh copy is {written} (your own file was not touched)")
    return 0


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; return the exit status."""
    args = _parser().parse_args(argv)
    command = {"generate": _generate, "release": _release, "grade": _grade, "reset": _reset}
    return command[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
