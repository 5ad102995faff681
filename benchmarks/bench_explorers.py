"""How fast does an explorer answer a slider? (issue 3's speed benchmark, not a test)

For every explorer in ``negotiation_kit.widgets.__all__`` this starts a real Jupyter kernel
(jupyter_client), builds and displays the explorer there (so its widgets have real comms),
then moves every control across its range with ``control.value = v`` and times each change
until the explorer's ``ipywidgets.Image`` holds the new PNG and its update message has been
sent towards the front end (building the scenario, updating the views, drawing, PNG
encoding and the comm message all count).

In the same kernel it times a naive baseline for the same figure: ``ipywidgets.interactive``
around a function that builds a new pyplot figure each time, draws the same views on it and
shows it with the default inline backend (``plt.show()`` inside interact's Output widget).

It prints a table and, as its last line, one JSON object with the numbers. Run it with::

    .venv/bin/python benchmarks/bench_explorers.py            # 24 values per slider
    .venv/bin/python benchmarks/bench_explorers.py --steps 8  # quicker
    .venv/bin/python benchmarks/bench_explorers.py --snapshots  # PNGs to look at, no timing
    .venv/bin/python benchmarks/bench_explorers.py --only \
        ScenarioExplorer ScenarioExplorer:scenarios/lesson06_several_issues.toml
    .venv/bin/python benchmarks/bench_explorers.py --no-naive  # explorers only (ratio n/a)

``Class:path`` builds an explorer that opens a file (``ScenarioExplorer``) from that path.

``--no-naive`` skips the naive baseline (most of the run's time), for comparing two versions
of the explorers side by side on a busy machine.

Targets (issue 3): median at most 17 ms per frame for one-issue explorers and 33 ms for
two-issue ones, and at least 3x faster than the naive baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BUDGET_MS = {1: 17.0, 2: 33.0}
MIN_RATIO = 3.0
WARMUP = 3


# -- inside the kernel ---------------------------------------------------------------------


def sweep(control: Any, steps: int) -> list[Any]:
    """Values across a control's range: up and back down for sliders, round the options."""
    if hasattr(control, "min"):
        import numpy as np

        count = round((control.max - control.min) / control.step)
        ticks = np.unique(np.round(np.linspace(0, count, steps)).astype(int))
        values = [round(control.min + k * control.step, 10) for k in ticks]
        return values + values[-2::-1]
    options = [value for _, value in control.options] if control.options else []
    return (options * steps)[: max(steps // 2, len(options) + 1)]


def build(name: str) -> Any:
    """The explorer ``name`` names: ``Class``, or ``Class:path`` for one built from a file."""
    import negotiation_kit.widgets as nkw

    cls, _, path = name.partition(":")
    return getattr(nkw, cls)(path) if path else getattr(nkw, cls)()


def clone(control: Any) -> Any:
    """A fresh control like ``control`` for the naive baseline (interact owns its widgets)."""
    import ipywidgets as widgets  # type: ignore[import-untyped]

    if hasattr(control, "min"):
        return type(control)(
            value=control.value, min=control.min, max=control.max, step=control.step,
            description=control.description,
        )  # fmt: skip
    return widgets.ToggleButtons(
        options=control.options, value=control.value, description=control.description
    )


def timed(control: Any, values: list[Any], cpu: list[float] | None = None) -> list[float]:
    """Wall-clock ms of each change; CPU ms of the kernel process go to ``cpu`` if given.

    CPU time does not grow when other programs compete for the processors, so it tells
    what a frame costs on an idle machine even when this one is busy.
    """
    times = []
    for value in values:
        if control.value == value:
            continue
        start, start_cpu = time.perf_counter(), time.process_time()
        control.value = value
        times.append(1000 * (time.perf_counter() - start))
        if cpu is not None:
            cpu.append(1000 * (time.process_time() - start_cpu))
    return times


def naive_for(explorer: Any) -> Any:
    """The interact callback of the naive baseline: a new pyplot figure on every change."""
    import matplotlib.pyplot as plt

    from negotiation_kit.plotting import palette

    def naive(**values: Any) -> None:
        negotiation = explorer._scenario(values)
        with palette.style():
            figure = plt.figure(figsize=explorer.FIGURE_SIZE, layout="constrained")
        explorer._draw(figure, negotiation, values)
        plt.show()

    return naive


def kernel_side(names: list[str], steps: int, naive: bool = True) -> None:
    """Run in the kernel: time every explorer and its naive baseline, print JSON."""
    import ipywidgets as widgets
    import matplotlib
    import numpy as np
    from IPython.display import display

    results: dict[str, Any] = {"backend": matplotlib.get_backend(), "explorers": {}}
    for name in names:
        explorer = build(name)
        display(explorer)  # type: ignore[no-untyped-call]
        fast: list[float] = []
        fast_cpu: list[float] = []
        per_control: dict[str, float] = {}
        frames_before = explorer._renderer.captures
        for key, control in explorer.controls.items():
            values = sweep(control, steps)
            timed(control, values[:WARMUP])
            times = timed(control, values, fast_cpu)
            per_control[key] = round(float(np.median(times)), 2)
            fast += times
            if explorer.last_error is not None:
                raise explorer.last_error
            explorer.reset()

        controls = {key: clone(c) for key, c in explorer.controls.items()}
        baseline = widgets.interactive(naive_for(explorer), **controls)
        display(baseline)  # type: ignore[no-untyped-call]
        slow: list[float] = []
        slow_cpu: list[float] = []
        for _key, control in controls.items() if naive else ():
            values = sweep(control, steps)
            timed(control, values[:WARMUP])
            slow += timed(control, values, slow_cpu)
        results["explorers"][name] = {
            "issues": explorer.ISSUES,
            "frames": len(fast),
            "times_ms": fast,
            "cpu_ms": fast_cpu,
            "naive_times_ms": slow,
            "naive_cpu_ms": slow_cpu,
            "layer_renders": explorer._renderer.captures - frames_before,
            "per_control_median_ms": per_control,
        }
    print(json.dumps(results))


# -- the client ----------------------------------------------------------------------------


def run_kernel(names: list[str], steps: int, naive: bool = True) -> dict[str, Any]:
    """Start a kernel, run ``kernel_side`` in it, return what it printed."""
    from jupyter_client.manager import KernelManager

    scratch = tempfile.mkdtemp(prefix="bench-explorers-")
    env = {**os.environ, "IPYTHONDIR": scratch, "MPLCONFIGDIR": scratch}
    env.pop("MPLBACKEND", None)  # the kernel's default: the inline backend
    manager = KernelManager(kernel_name="python3", transport="ipc")
    manager.connection_file = os.path.join(scratch, "kernel.json")
    manager.ip = os.path.join(scratch, "kernel-ipc")
    manager.start_kernel(env=env, cwd=str(HERE.parent))
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=120)
    printed: list[str] = []

    def collect(message: dict[str, Any]) -> None:
        content = message["content"]
        if message["msg_type"] == "stream" and content["name"] == "stdout":
            printed.append(content["text"])
        elif message["msg_type"] == "error":
            printed.append("\n".join(content["traceback"]))

    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r})\n"
        "import bench_explorers\n"
        f"bench_explorers.kernel_side({names!r}, {steps}, {naive})\n"
    )
    try:
        reply = client.execute_interactive(code, output_hook=collect, timeout=3600)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    text = "".join(printed)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"the kernel side failed:\n{text}")
    return dict(json.loads(text.strip().splitlines()[-1]))


def snapshots(names: list[str], folder: Path) -> None:
    """Save each explorer's frame at its start, at every slider's ends and every option."""

    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        explorer = build(name)
        shots = {"start": explorer._image.value}
        for key, control in explorer.controls.items():
            ends = [control.min, control.max] if hasattr(control, "min") else None
            for value in ends or [v for _, v in control.options]:
                explorer.set(**{key: value})
                shots[f"{key}={value}"] = explorer._image.value
            explorer.reset()
        for label, frame in shots.items():
            path = (
                folder / f"{name.replace(':', '_').replace('/', '_')}_{label.replace(' ', '_')}.png"
            )
            path.write_bytes(bytes(frame))
            print(path)


def percentile(values: list[float], q: float) -> float:
    import numpy as np

    return float(np.percentile(values, q)) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=24, help="values per slider sweep")
    parser.add_argument("--only", nargs="*", help="explorer class names (default: all)")
    parser.add_argument("--snapshots", action="store_true", help="save PNGs to artifacts/")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive baseline")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent))
    import negotiation_kit.widgets as nkw

    names = args.only or list(nkw.__all__)
    if args.snapshots:
        snapshots(names, HERE.parent / "artifacts" / "explorers")
        return 0
    raw = run_kernel(names, args.steps, naive=not args.no_naive)
    load = os.getloadavg()[0]
    print(f"naive baseline backend: {raw['backend']}; load average (1 min): {load:.2f}")
    print(
        f"{'explorer':<20}{'frames':>7}{'median ms':>11}{'p90 ms':>8}{'naive median':>14}"
        f"{'ratio':>7}{'budget':>8}{'cpu median':>12}{'cpu ratio':>11}  ok"
    )
    summary: dict[str, Any] = {}
    for name, found in raw["explorers"].items():
        median, cpu = percentile(found["times_ms"], 50), percentile(found["cpu_ms"], 50)
        naive, naive_cpu = (percentile(found[k], 50) for k in ("naive_times_ms", "naive_cpu_ms"))
        row = {
            "issues": found["issues"],
            "frames": found["frames"],
            "median_ms": round(median, 2),
            "p90_ms": round(percentile(found["times_ms"], 90), 2),
            "naive_median_ms": round(naive, 2),
            "ratio": round(naive / median, 2),
            "budget_ms": BUDGET_MS[found["issues"]],
            "cpu_median_ms": round(cpu, 2),
            "naive_cpu_median_ms": round(naive_cpu, 2),
            "cpu_ratio": round(naive_cpu / cpu, 2),
            "layer_renders": found["layer_renders"],
            "per_control_median_ms": found["per_control_median_ms"],
        }
        row["ok"] = median <= row["budget_ms"] and row["ratio"] >= MIN_RATIO
        summary[name] = row
        print(
            f"{name:<20}{row['frames']:>7}{median:>11.1f}{row['p90_ms']:>8.1f}{naive:>14.1f}"
            f"{row['ratio']:>7.1f}{row['budget_ms']:>8.0f}{cpu:>12.1f}{row['cpu_ratio']:>11.1f}"
            + ("  yes" if row["ok"] else "  NO")
        )
    ok = all(row["ok"] for row in summary.values())
    result = {"explorers": summary, "targets_met": ok, "steps": args.steps, "load": load}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
