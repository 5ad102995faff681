"""How fast the model answers a slider move: medians over repeated runs, against a naive baseline.

Run:  .venv/bin/python benchmarks/bench_model.py [--repeats N]

Each timed run builds a fresh negotiation with one faction's reservation moved (as a slider
does), so no cached result of the previous run is reused; the other factions' grid gains
stay cached, as they do in an explorer. The naive baseline answers the same question the way
a first attempt would: a Python loop over a grid of points calling the public API point by
point (one issue: 1001 points, accurate to 1e-3 only; two issues: the same 200 x 200 grid).
With uncertain reservations the baseline draws them (400 draws, each a certain nation
evaluated on the 1001-point grid): expected welfare to a few per cent, never exact.
Targets (issue 2): one issue under 1 ms; two issues under 20 ms; (issue 15) an uncertain
one-issue outcome under 5 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable

import numpy as np

import negotiation_kit as nk


def one_issue(shift: float) -> nk.Negotiation:
    """Three factions, a 2/3 quota, side-payments at 80% efficiency."""
    a = nk.Nation(
        "Atlantica",
        [
            nk.Faction("exporters", nk.Linear(0.5, -0.2 + shift), weight=0.3),
            nk.Faction("farmers", nk.Linear(0.3, 0.5), weight=0.3),
            nk.Faction("steel", nk.Linear(0.2, 0.7), weight=0.4),
        ],
        rule=nk.Quota(2 / 3),
        side_payments=nk.SidePayments(efficiency=0.8),
    )
    b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
    return nk.Negotiation(a, b, nk.Line())


def uncertain(shift: float) -> nk.Negotiation:
    """docs/model.md U2 (the hawk: Uniform(0.4, 0.8)), the hawk's range moved by ``shift``."""
    hawk = nk.Linear(0.5, nk.Uniform(0.4 + shift, 0.8 + shift))
    a = nk.Nation(
        "Atlantica",
        [nk.Faction("exporters", nk.Linear(0.5, -0.2)), nk.Faction("steel", hawk)],
    )
    b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
    return nk.Negotiation(a, b, nk.Line())


def uncertain_quota(shift: float) -> nk.Negotiation:
    """Three factions under a 2/3 quota, two of them with uncertain reservations."""
    a = nk.Nation(
        "Atlantica",
        [
            nk.Faction("exporters", nk.Linear(0.5, -0.2 + shift), weight=0.3),
            nk.Faction("farmers", nk.Linear(0.3, nk.Uniform(0.3, 0.7)), weight=0.3),
            nk.Faction("steel", nk.Linear(0.2, nk.Uniform(0.5, 0.9)), weight=0.4),
        ],
        rule=nk.Quota(2 / 3),
    )
    b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
    return nk.Negotiation(a, b, nk.Line())


DRAWS = 400
"""The naive uncertain baseline: this many draws of the reservations (accurate to ~5%)."""


def sampled(make: Callable[[float], nk.Negotiation]) -> Callable[[float], object]:
    """Expected welfare estimated by drawing reservations, on a grid of 1001 points."""

    def run(shift: float) -> object:
        talks = make(shift)
        x = np.linspace(0, 1, 1001)
        rng = np.random.default_rng(0)
        totals = {"a": np.zeros_like(x), "b": np.zeros_like(x), "both": np.zeros_like(x)}
        for _ in range(DRAWS):
            drawn = []
            for nation in (talks.a, talks.b):
                factions = []
                for f in nation.factions:
                    r = getattr(f.gain, "reservation", None)
                    if isinstance(r, nk.Uniform):
                        gain = nk.Linear(f.gain.stake, rng.uniform(r.low, r.high))  # type: ignore[union-attr]
                        f = nk.Faction(f.name, gain, f.weight)
                    factions.append(f)
                drawn.append(nk.Nation(nation.name, factions, rule=nation.rule))
            both = drawn[0].ratifies(x) & drawn[1].ratifies(x)
            totals["a"] += drawn[0].welfare(x) * both
            totals["b"] += drawn[1].welfare(x) * both
            totals["both"] += both
        e_a, e_b = totals["a"] / DRAWS, totals["b"] / DRAWS
        ok = (totals["both"] > 0) & (e_a >= 0) & (e_b >= 0)
        return float(x[np.argmax(np.where(ok, e_a * e_b, -1.0))]) if ok.any() else None

    return run


def two_issue(shift: float, targeted: bool = False) -> nk.Negotiation:
    """Three factions per nation on an integrative two-issue plane."""
    options: dict[str, object] = {}
    if targeted:
        options = {"rule": nk.Quota(2 / 3), "side_payments": nk.SidePayments(0.7, budget=0.3)}
    a = nk.Nation(
        "Atlantica",
        [
            nk.Faction("exporters", nk.Additive((1.0, 0.2), 0.3 + shift), weight=0.3),
            nk.Faction("farmers", nk.Additive((-0.2, 1.0), 0.1), weight=0.3),
            nk.Faction("steel", nk.Additive((0.6, -0.3), 0.05), weight=0.4),
        ],
        **options,  # type: ignore[arg-type]
    )
    b = nk.Nation(
        "Borealia",
        [
            nk.Faction("bankers", nk.Additive((-1.0, -0.1), -0.7)),
            nk.Faction("growers", nk.Additive((-0.1, -1.0), -0.8)),
            nk.Faction("unions", nk.Additive((-0.5, -0.5), -0.6)),
        ],
    )
    return nk.Negotiation(a, b, nk.Plane())


def kit(make: Callable[[float], nk.Negotiation]) -> Callable[[float], object]:
    def run(shift: float) -> object:
        talks = make(shift)
        talks.zone()
        return talks.outcome().agreement

    return run


def naive(make: Callable[[float], nk.Negotiation]) -> Callable[[float], object]:
    def run(shift: float) -> object:
        talks = make(shift)
        if isinstance(talks.space, nk.Line):
            points: list[object] = list(np.linspace(0, 1, 1001))
        else:
            points = [np.array(p) for p in talks.space.grid]
        best, best_value = None, -1.0
        for z in points:
            if talks.a.ratifies(z) and talks.b.ratifies(z):
                n_a, n_b = talks.a.net_welfare(z), talks.b.net_welfare(z)
                if n_a >= 0 and n_b >= 0 and n_a * n_b > best_value:
                    best, best_value = z, n_a * n_b
        return best

    return run


def median_ms(run: Callable[[float], object], repeats: int) -> tuple[float, float]:
    times = []
    for k in range(repeats):
        start = time.perf_counter()
        run(0.001 * (k % 50))
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times), float(np.percentile(times, 90))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()

    def targeted(shift: float) -> nk.Negotiation:
        return two_issue(shift, targeted=True)

    fewer = max(1, args.repeats // 4)
    cases = [
        ("one issue: 3 factions, quota, payments", one_issue, 1.0, args.repeats),
        ("one issue: uncertain hawk (U2), nash", uncertain, 5.0, args.repeats),
        ("one issue: 2 uncertain of 3, quota, nash", uncertain_quota, 5.0, args.repeats),
        ("two issues: 3 factions, zone + nash", two_issue, 20.0, fewer),
        ("two issues: quota + payments (targeting)", targeted, 20.0, fewer),
    ]
    rows = []
    print(f"{'case':44} {'median':>9} {'p90':>9} {'naive':>10} {'ratio':>8} {'target':>8}")
    for label, make, target, repeats in cases:
        kit(make)(0.0)  # warm the caches a notebook session would have warm
        median, p90 = median_ms(kit(make), repeats)
        baseline = sampled(make) if "uncertain" in label else naive(make)
        slow, _ = median_ms(baseline, 3 if "two" in label or "uncertain" in label else 20)
        verdict = "ok" if median <= target else "SLOW"
        print(
            f"{label:44} {median:7.2f}ms {p90:7.2f}ms {slow:8.1f}ms {slow / median:7.0f}x "
            f"{target:5.0f}ms {verdict}"
        )
        rows.append({"case": label, "median_ms": round(median, 3), "p90_ms": round(p90, 3),
                     "naive_median_ms": round(slow, 2), "ratio": round(slow / median, 1),
                     "target_ms": target})  # fmt: skip
    print(json.dumps({"benchmark": "model", "rows": rows}))


if __name__ == "__main__":
    main()
