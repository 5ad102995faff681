"""The record of a student's predictions: every attempt, kept beside the notebook.

A prediction counts on the first try, so ``check()`` appends each attempt at a predict task to
a small JSON file that the student hands in with the notebook (the grading contract, item 5):
``<notebook stem>.attempts.json`` beside the notebook when the kernel knows its notebook
(``JPY_SESSION_NAME``, or IPython's ``__session__``), else ``<NN>.attempts.json`` in the working
folder (NN = the task's lesson)::

    {"format": 1, "tasks": {"03.4": [{"answer": "falls", "passed": false, "at": "2026-..."}]}}

Nothing recorded is ever lost: a file that cannot be read is kept aside (renamed
``<name>.unreadable-N.json``) and a new one started; each write replaces the file atomically.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     path = Path(folder) / "03.attempts.json"
...     record(path, "03.4", "rises", False), record(path, "03.4", "falls", True)
(1, 2)
"""

from __future__ import annotations

import datetime
import json
import os
import sys
import tempfile
from pathlib import Path

FORMAT = 1
SUFFIX = ".attempts.json"


def _session_name() -> str | None:
    name = os.environ.get("JPY_SESSION_NAME")
    if not name:
        ipython = sys.modules.get("IPython")
        get = getattr(ipython, "get_ipython", None)
        shell = get() if callable(get) else None
        name = getattr(shell, "user_ns", {}).get("__session__") if shell is not None else None
    return name if isinstance(name, str) and name.lower().endswith(".ipynb") else None


def attempts_path(task_id: str, folder: Path | None = None) -> Path:
    """Where the attempts at ``task_id`` are recorded (see the module's docstring)."""
    here = Path.cwd() if folder is None else folder
    name = _session_name()
    if name is None:
        return here / f"{task_id[:2]}{SUFFIX}"
    notebook = Path(name)
    beside = notebook.parent if notebook.is_absolute() and notebook.parent.is_dir() else here
    return beside / f"{notebook.stem}{SUFFIX}"


def read(path: Path) -> dict[str, list[dict[str, object]]]:
    """The attempts recorded in ``path`` by task id (empty if there is no file yet).

    Raises ``ValueError`` if the file is not an attempts file.
    """
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    tasks = data.get("tasks") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(tasks, dict):
        raise ValueError(f"{path.name} is not an attempts file of format {FORMAT}")
    if not all(isinstance(v, list) for v in tasks.values()):
        raise ValueError(f"{path.name} is not an attempts file of format {FORMAT}")
    return tasks


def _keep_aside(path: Path) -> None:
    """Rename an unreadable attempts file so that nothing in it is lost."""
    for n in range(1, 10_000):
        aside = path.with_name(f"{path.name[: -len('.json')]}.unreadable-{n}.json")
        if not aside.exists():
            path.rename(aside)
            return
    raise OSError(f"too many unreadable copies of {path.name}")


def record(path: Path, task_id: str, answer: object, passed: bool | None) -> int:
    """Append one attempt at ``task_id`` to ``path``; return its number (1 for the first).

    ``answer`` must be plain JSON data. Raises ``OSError`` if the file cannot be written.
    """
    try:
        tasks = read(path)
    except (ValueError, UnicodeDecodeError, json.JSONDecodeError):
        _keep_aside(path)
        tasks = {}
    at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    tasks.setdefault(task_id, []).append({"answer": answer, "passed": passed, "at": at})
    text = json.dumps({"format": FORMAT, "tasks": tasks}, indent=1, ensure_ascii=False)
    handle, temporary = tempfile.mkstemp(prefix=".attempts-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(tasks[task_id])
