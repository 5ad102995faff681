"""The sandbox a submission's kernel runs in: bubblewrap, no network, limited memory.

Each kernel is started as ``bwrap ... python -c LAUNCH -f CONNECTION_FILE``:

- a read-only view of the whole system (``--ro-bind / /``), with ``/tmp`` an empty in-memory
  folder and the submissions folder hidden (one student cannot read another's work);
- one writable folder, the run's own temporary ``work`` folder, which is also ``HOME`` and
  the working folder (the notebook's copy lies there);
- no network and its own processes, users and host name (``--unshare-all``); the kernel
  talks to the grader through Unix sockets in a second bound folder (ZMQ ``ipc`` transport),
  since it cannot reach the host's loopback;
- an address-space limit (``RLIMIT_AS``) set before ipykernel starts, so a cell that allocates
  without end gets a ``MemoryError`` instead of taking the machine down;
- the kernel dies with the grader (``--die-with-parent``), and the grader kills it at the time
  limit.

Without ``bwrap`` (or where it cannot create namespaces) :func:`sandbox_problem` says why.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

BWRAP = "bwrap"
KERNEL_NAME = "nk-grade"
HOW_TO_PROCEED = (
    "install bubblewrap (e.g. `sudo apt-get install -y bubblewrap`), or pass --no-sandbox to "
    "run the submissions with your own permissions"
)
THREADS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
LAUNCH = (
    "import resource, runpy, sys\n"
    "limit = int(sys.argv.pop(1))\n"
    "resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
    "sys.argv[0] = 'ipykernel_launcher'\n"
    "runpy.run_module('ipykernel_launcher', run_name='__main__')\n"
)


def bwrap_path() -> str | None:
    """The bubblewrap program, or None."""
    return shutil.which(BWRAP) or (("/usr/bin/bwrap") if Path("/usr/bin/bwrap").exists() else None)


def sandbox_args(bwrap: str, work: Path, sockets: Path, hidden: tuple[Path, ...] = ()) -> list[str]:
    """The bubblewrap command line (without the program to run)."""
    args = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    args += ["--tmpfs", "/tmp", "--tmpfs", "/dev/shm", "--tmpfs", "/run"]
    python = _python_folders()
    for folder in hidden:
        folder = folder.resolve()
        if folder.is_dir() and not any(p.is_relative_to(folder) for p in python):
            args += ["--tmpfs", str(folder)]
    for path in python:  # a kit or venv under /tmp stays visible (read-only)
        if path.is_relative_to("/tmp") or path.is_relative_to("/run"):
            args += ["--ro-bind", str(path), str(path)]
    args += ["--bind", str(work), str(work), "--bind", str(sockets), str(sockets)]
    args += ["--unshare-all", "--die-with-parent", "--new-session", "--chdir", str(work)]
    args += ["--unsetenv", "JPY_PARENT_PID"]  # the grader's pid means nothing in the sandbox
    return args


def _python_folders() -> list[Path]:
    """The interpreter's folders and import path: what a kernel needs to see."""
    paths = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()}
    paths |= {Path(entry).resolve() for entry in sys.path if entry and Path(entry).exists()}
    paths.add(Path(__file__).resolve().parents[2])
    return sorted(paths)


def sandbox_problem() -> str | None:
    """Why the sandbox cannot run here (one line), or None when it works."""
    bwrap = bwrap_path()
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed"
    import tempfile

    with tempfile.TemporaryDirectory(prefix="nk-sandbox-") as scratch:
        work = Path(scratch)
        probe = [*sandbox_args(bwrap, work, work), "--", sys.executable, "-c", "print('ok')"]
        try:
            done = subprocess.run(probe, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"bubblewrap could not be started ({type(error).__name__}: {error})"
    if done.returncode != 0 or done.stdout.strip() != "ok":
        reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return f"bubblewrap does not work here ({reason})"
    return None


def kernel_env(work: Path) -> dict[str, str]:
    """Environment variables for a grading kernel: its folder as home, one thread for numpy."""
    env = {name: "1" for name in THREADS}
    env["MALLOC_ARENA_MAX"] = "2"  # fewer per-thread heaps, so the memory limit is for data
    env.update(HOME=str(work), TMPDIR=str(work), MPLCONFIGDIR=str(work / ".matplotlib"))
    return env


def kernel_manager(
    scratch: Path, work: Path, memory: int, sandbox: bool, hidden: tuple[Path, ...] = ()
) -> Any:
    """A jupyter kernel manager whose kernel runs in ``work`` (sandboxed unless told not to).

    ``memory`` is the kernel's address-space limit in bytes (applied with or without sandbox).
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    sockets = scratch / "sockets"
    sockets.mkdir()
    command = [sys.executable, "-c", LAUNCH, str(memory), "-f", "{connection_file}"]
    command += ["--HistoryManager.enabled=False"]  # no history database in the work folder
    if sandbox:
        bwrap = bwrap_path()
        if bwrap is None:
            raise RuntimeError("bubblewrap (bwrap) is not installed")
        command = [*sandbox_args(bwrap, work, sockets, hidden), "--", *command]
    specs = scratch / "kernels"
    (specs / KERNEL_NAME).mkdir(parents=True)
    spec = {
        "argv": command,
        "display_name": "grading",
        "language": "python",
        "env": kernel_env(work),
    }
    (specs / KERNEL_NAME / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return AsyncKernelManager(
        kernel_name=KERNEL_NAME,
        kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(specs)]),
        transport="ipc",
        ip=str(sockets / "kernel"),
        connection_file=str(sockets / "connection.json"),
    )
