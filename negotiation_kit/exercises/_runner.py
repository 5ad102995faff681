"""Run one submitted notebook in a fresh (sandboxed) kernel and collect its answers.

The notebook is copied into a temporary folder of its own and its code cells are run one by
one, within one time limit for the whole notebook. Outputs are never read, neither the saved
ones nor those of this run: answers are read from the kernel after each cell ran
(``_harvest``), and errors from the kernel's replies. A cell that did not run, or raised
before its check, gives no answer. The submission itself is only read.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import _harvest
from ._sandbox import kernel_manager

STARTUP_SECONDS = 60


@dataclass
class Job:
    """What to run: one notebook of one student."""

    student: str
    path: Path
    shown: str
    """The notebook's path relative to the submissions folder (as reports show it)."""
    timeout: float
    memory: int
    sandbox: bool
    hidden: tuple[Path, ...] = ()
    probes: dict[str, list[list[object]]] = field(default_factory=dict)
    """The inputs each build task's function is called on (by task id)."""


@dataclass
class Outcome:
    """What came out of running a notebook: its answers as plain data, and what went wrong."""

    status: str = "ok"
    answers: dict[str, object] = field(default_factory=dict)
    """The last answer each ``check`` call gave, as plain data, by task id (as written)."""
    unanswerable: dict[str, str] = field(default_factory=dict)
    """Check calls that ran but whose answer could not be read back (task id: why)."""
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


class _OutOfTime(Exception):
    pass


def _harvest_cell(
    client: Any, token: str, source: str, raised: bool, job: Job, out: Outcome
) -> None:
    calls = _harvest.check_calls(source)
    if not calls:
        return
    expressions = {"line": _harvest.error_line_expression(token)} if raised else {}
    for index, call in enumerate(calls):
        probes = job.probes.get(call.task_id)
        expressions[str(index)] = _harvest.dump_expression(token, call, probes)
    msg_id = client.kc.execute(
        "", silent=True, store_history=False, user_expressions=expressions, allow_stdin=False
    )
    reply = client.wait_for_reply(msg_id)
    if reply is None:
        raise _OutOfTime
    values = reply["content"].get("user_expressions", {})
    last_line = 0
    if raised:
        ok, line = _harvest.read_value(values.get("line", {}))
        last_line = line if ok and isinstance(line, int) else 0
    for index, call in enumerate(calls):
        if raised and call.line >= last_line:
            continue  # the cell raised before (or in) this check: it gave no answer
        ok, value = _harvest.read_value(values.get(str(index), {}))
        if ok:
            out.answers[call.task_id] = value
            out.unanswerable.pop(call.task_id, None)
        else:
            out.unanswerable[call.task_id] = str(value)


def _run_cells(client: Any, notebook: Any, job: Job, out: Outcome, start: float) -> None:
    token = _harvest.new_token()
    replies: list[dict[str, Any]] = []
    client.on_cell_executed = lambda **hook: replies.append(hook.get("execute_reply") or {})
    setup = client.kc.execute(_harvest.install_code(token), silent=True, store_history=False)
    client.wait_for_reply(setup)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        left = job.timeout - (time.monotonic() - start)
        if left <= 0:
            raise _OutOfTime
        client.timeout = max(1, int(left))
        replies.clear()
        client.execute_cell(cell, index)
        if not replies:
            continue  # a blank cell is not run (its saved outputs are never read)
        content = replies[-1].get("content", {})
        raised = content.get("status") != "ok"
        if raised:
            name = str(content.get("ename", "an error"))
            problem = f"cell {index + 1} raised {name}: {content.get('evalue', '')}"
            out.problems.append(problem[:300])
            if name == "MemoryError" and out.status != "memory limit":
                out.status = "memory limit"
                out.problems.append(f"it used more memory than allowed ({job.memory // 2**20} MB)")
        _harvest_cell(client, token, cell.source, raised, job, out)


def _client_class() -> Any:
    from nbclient import NotebookClient

    class Client(NotebookClient):
        """A client that keeps no output: the grader reads answers, never what was shown."""

        def output(self, outs: Any, msg: Any, display_id: Any, cell_index: int) -> None:
            return None

    return Client


def run_notebook(job: Job) -> Outcome:
    """Run ``job``'s notebook within its time limit; never raises."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from ._generate import nbformat

    out = Outcome()
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="nk-grade-", ignore_cleanup_errors=True) as scratch:
        work = Path(scratch) / "work"
        work.mkdir()
        copy = work / job.path.name
        shutil.copyfile(job.path, copy)
        try:
            notebook = nbformat.read(copy, as_version=4)
            nbformat.validate(notebook)
        except Exception as error:
            out.status = "not a valid notebook"
            out.problems.append(f"it could not be read as a notebook ({type(error).__name__})")
            out.seconds = time.monotonic() - start
            return out
        manager = kernel_manager(Path(scratch), work, job.memory, job.sandbox, job.hidden)
        client = _client_class()(
            notebook, km=manager, timeout=int(job.timeout), allow_errors=True,
            startup_timeout=STARTUP_SECONDS, resources={"metadata": {"path": str(work)}},
            store_widget_state=False, shutdown_kernel="immediate",
        )  # fmt: skip
        try:
            with client.setup_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
                _run_cells(client, notebook, job, out, start)
        except (CellTimeoutError, _OutOfTime):
            out.status = "timeout"
            out.problems.append(
                f"it did not finish within {job.timeout:g} s (a loop that never ends?)"
            )
        except DeadKernelError:
            if out.status != "memory limit":
                out.status = "kernel died"
            out.problems.append("the kernel stopped while running it (exit, crash or memory)")
        except Exception as error:
            out.status = "error"
            out.problems.append(f"it could not be run ({type(error).__name__}: {error})"[:300])
    if out.status == "ok" and out.problems:
        out.status = "raised"
    out.seconds = time.monotonic() - start
    return out
