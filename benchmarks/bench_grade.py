"""How long grading a class takes: seconds per submission, against a naive baseline.

Run:  .venv/bin/python benchmarks/bench_grade.py [--count 100] [--jobs N] [--baseline 5]

Writes a class folder of ``--count`` submissions of lesson 3, made from its solution notebook
(every fourth one with wrong answers, every seventh with its checks printed), grades it once
with ``grade`` (sandboxed, ``--jobs`` at a time, default: the number of cores) and prints the
wall time per submission. The naive baseline runs ``--baseline`` of the same notebooks one at a
time with ``jupyter nbconvert --execute`` (no sandbox, no answers read back) and prints its
median time per notebook: what an instructor would do by hand.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from negotiation_kit.exercises._grade import grade

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "03_tied_hands.ipynb"
WRONG = {'"03.1"': "0.5", '"03.2"': "(0.1, 0.2)", '"03.3"': "-1.0", '"03.4"': '"rises"'}
CHECK = re.compile(r"^check\((\"\d\d\.\d\"), (.+)\)$", re.MULTILINE)


def submission(number: int) -> str:
    """The solution, with wrong answers (every 4th) or printed checks (every 7th)."""
    notebook = nbformat.read(SOLUTION, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if number % 4 == 0:
            cell.source = CHECK.sub(
                lambda m: f"check({m[1]}, {WRONG.get(m[1], m[2])})", cell.source
            )
        elif number % 7 == 0:
            cell.source = CHECK.sub(lambda m: f"print(check({m[1]}, {m[2]}))", cell.source)
    return nbformat.writes(notebook)


def make_class(folder: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        exercises = folder / f"student{number:03d}" / "negotiation-kit-student" / "exercises"
        exercises.mkdir(parents=True)
        path = exercises / SOLUTION.name
        path.write_text(submission(number), encoding="utf-8")
        paths.append(path)
    return paths


def baseline(paths: list[Path], scratch: Path) -> float:
    """Median seconds of ``jupyter nbconvert --execute`` on each notebook, one at a time."""
    jupyter = Path(sys.executable).with_name("jupyter")
    times = []
    for index, path in enumerate(paths):
        start = time.perf_counter()
        subprocess.run(
            [str(jupyter), "nbconvert", "--to", "notebook", "--execute", str(path),
             "--output-dir", str(scratch), "--output", f"run{index}.ipynb"],
            check=True, capture_output=True,
        )  # fmt: skip
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="submissions in the class")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--baseline", type=int, default=5, help="notebooks for the baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-grade-") as scratch:
        folder = Path(scratch) / "class"
        paths = make_class(folder, args.count)
        start = time.perf_counter()
        graded = grade(folder, Path(scratch) / "out" / "results.csv", 300, jobs=args.jobs,
                       progress=lambda line: None)  # fmt: skip
        wall = time.perf_counter() - start
        statuses = sorted({g.outcome.status for g in graded})
        print(
            f"grade --jobs {args.jobs}: {args.count} submissions of lesson 3 in {wall:.0f} s: "
            f"{wall / args.count:.2f} s per submission (statuses: {', '.join(statuses)})"
        )
        kernels = sorted(g.outcome.seconds for g in graded)
        print(f"  one notebook in its sandbox: median {statistics.median(kernels):.1f} s")
        if args.baseline:
            naive = baseline(paths[: args.baseline], Path(scratch))
            print(f"baseline, nbconvert --execute one at a time (no sandbox, no grading): "
                  f"median {naive:.1f} s per notebook over {args.baseline}")  # fmt: skip
        load = os.getloadavg()[0]
        print(f"(load average when done: {load:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
