"""What nbval does not check in the notebooks it runs: no warnings, and how long each takes.

nbval (run on the lessons, ``notebooks/``, by the README's test command; the exercises and
solutions are run by ``tests/test_exercise_notebooks.py``, which checks the same) fails a cell
that raises, but in lax mode it lets anything a cell prints to stderr through, so
a warning a student would see in a lesson (a ``DeprecationWarning``, a ``RuntimeWarning`` from
numpy) would go unnoticed. This plugin fails such a cell, naming the notebook, the cell and the
text. It also adds up the time each notebook takes and prints it at the end of the run (a
report, not a test: this machine is shared and noisy; lessons aim at under 20 s).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HARMLESS_STDERR = ("Matplotlib is building the font cache",)
"""Lines written to stderr once per machine, not by the lessons."""
TARGET_SECONDS = 20.0
"""Issue 4: each lesson runs top to bottom on a fresh kernel in under 20 s."""

_seconds: dict[str, float] = defaultdict(float)


def _is_nbval_cell(item: pytest.Item) -> bool:
    return type(item).__name__ == "IPyNbCell"  # nbval's cell item


def _stderr_of(outputs: Any) -> str:
    """The stderr text of a cell's outputs, without the harmless lines."""
    lines: list[str] = []
    for output in outputs or []:
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            lines += [
                line
                for line in str(output.get("text", "")).splitlines()
                if line.strip() and not line.startswith(HARMLESS_STDERR)
            ]
    return "\n".join(lines)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    if not _is_nbval_cell(item):
        return (yield)
    result = yield
    stderr = _stderr_of(getattr(item, "test_outputs", None))
    if stderr:
        where = Path(str(item.fspath)).relative_to(item.config.rootpath)
        pytest.fail(
            f"{item.name} of {where} wrote to stderr (a student would see this):\n{stderr}",
            pytrace=False,
        )
    return result


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Add up the cells' run time per notebook from the reports: with ``-n 2`` the cells run in
    worker processes and only their reports reach the process that prints the summary."""
    path = report.nodeid.split("::", 1)[0]
    if report.when == "call" and path.endswith(".ipynb"):
        _seconds[path] += report.duration


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _seconds:
        return
    terminalreporter.section("notebook run times (cells only, kernel start excluded)")
    for path, seconds in sorted(_seconds.items()):
        flag = "" if seconds < TARGET_SECONDS else f"  (over the {TARGET_SECONDS:.0f} s aim)"
        terminalreporter.write_line(f"{seconds:6.1f} s  {path}{flag}")


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    """``conftest.py`` files are plugins, not test modules: ``--doctest-modules`` would import
    each as a module named ``conftest``, a name the root, ``tests/`` and ``tests/browser/``
    share. They are still loaded as plugins."""
    return True if collection_path.name == "conftest.py" else None


BROWSER = "tests/browser/"
"""The browser tests: one Chromium, JupyterLab and Voila per process that runs them."""


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With ``-n 2`` (the README's test command), hand out whole files, and all the browser tests
    as one unit, in the order collected (the browser tests first: they take longest).

    A notebook's cells share its kernel, so they must stay together (nbval); a file's
    module-scoped fixtures (the graded class of ``test_exercises_grade.py``, each lesson's
    kernel in ``test_exercise_notebooks.py``) then run once; and one process, not two, starts
    Chromium and the Jupyter servers (the browser tests start them once per process).
    """
    from xdist.scheduler import LoadScopeScheduling

    class ByFile(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return BROWSER if path.startswith(BROWSER) else path

    config.option.loadscopereorder = False  # keep the order collected (browser tests first)
    return ByFile(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the browser tests (``tests/browser/``) together: last in one process, first with
    ``-n 2``, where one process runs them all while the other starts on the rest.

    Playwright's sync API keeps an asyncio loop running in the main thread while it runs
    (the ``browser`` fixture, one per module); a test of the explorers' deferred work run
    meanwhile would find that loop (``asyncio.run`` fails)."""
    first = hasattr(config, "workerinput")  # a pytest-xdist worker
    items.sort(key=lambda item: ("browser" in Path(str(item.fspath)).parent.parts[-1:]) != first)
