"""Render every view of negotiation_kit.plotting for the worked examples, and time redraws.

    .venv/bin/python benchmarks/render_gallery.py            # PNGs into artifacts/gallery/
    .venv/bin/python benchmarks/render_gallery.py --time     # also time update + draw + PNG

Timing columns, median over the frames, "wall/cpu" milliseconds (cpu is this thread's CPU
time, which other work on the machine disturbs less):

- ``update``: view.update(negotiation) for every view (model + plotting data);
- ``draw``: a frame of the explorers' ``FrameRenderer`` (saved layers, the views' artists
  redrawn, the explorers' PNG encoding included);
- ``full draw``: fig.canvas.draw(), every artist drawn (what the saved layers spare);
- ``pillow``: encoding the drawn canvas with Pillow (level 6, as print_png does);
- ``lean``: encoding it with no PNG row filters and zlib level 1;
- ``print_png``: fig.canvas.print_png (draws again, then Pillow);
- ``frame``: update + draw, what one slider step costs.

The PNGs are for looking at (style.md: "a figure nobody looked at is not done"): the worked
examples E1-E6 of docs/model.md §5, an empty zone, a zone in two pieces, side-payments, a
quota on discs and an integrative two-issue bargain, each view on its own figure, plus
explorer-like pairs (issue view beside payoff plane) and a comparative-statics figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import statistics
import struct
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

import negotiation_kit as nk
import negotiation_kit.plotting as nkp
from negotiation_kit.widgets._render import FrameRenderer

OUT = Path(__file__).resolve().parent.parent / "artifacts" / "gallery"
LINE = nk.Line()
PLANE = nk.Plane(x=(-3, 3), y=(-3, 3))
SQUARE = nk.Plane()
Q = (0.0, 0.0)


def borealia() -> nk.Nation:
    return nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])


def atlantica(*factions: tuple[str, nk.Linear, float], **kw: object) -> nk.Nation:
    return nk.Nation("Atlantica", [nk.Faction(n, g, w) for n, g, w in factions], **kw)  # type: ignore[arg-type]


def dove_hawk(dove: float, hawk: float, **kw: object) -> nk.Nation:
    return atlantica(
        ("exporters", nk.Linear(0.5, dove), 1.0), ("steelworkers", nk.Linear(0.5, hawk), 1.0), **kw
    )


def e4(rule: object) -> nk.Nation:
    stakes = [("exporters", -0.15, 0.25), ("farmers", 0.2, 0.35), ("steelworkers", 0.55, 0.40)]
    return atlantica(*((n, nk.Linear(1 / 3, r), w) for n, r, w in stakes), rule=rule)


def line_cases() -> dict[str, nk.Negotiation]:
    b = borealia()
    two_pieces = atlantica(
        ("exporters", nk.Linear(2, 0.5), 1.0),
        ("importers", nk.Linear(-0.5, 0.2), 1.0),
        rule=nk.Quota(0.5),
    )
    return {
        "e1_unitary": nk.Negotiation(atlantica(("Atlantica", nk.Linear(1, 0.2), 1.0)), b, LINE),
        "e2_tied_hands": nk.Negotiation(dove_hawk(-0.2, 0.6), b, LINE),
        "e3_too_hawkish_empty": nk.Negotiation(dove_hawk(-0.5, 0.9), b, LINE),
        "e4_unanimity": nk.Negotiation(e4(nk.Unanimity()), b, LINE),
        "e4_majority": nk.Negotiation(e4(nk.Majority()), b, LINE),
        "e4_leader_first": nk.Negotiation(e4(nk.Leader("exporters")), b, LINE),
        "e5_payments": nk.Negotiation(
            dove_hawk(-0.5, 0.9, side_payments=nk.SidePayments()), b, LINE
        ),
        "e2_split": nk.Negotiation(dove_hawk(-0.2, 0.6), b, LINE, solution="split"),
        "zone_two_pieces": nk.Negotiation(two_pieces, b, LINE),
    }


def plane_cases() -> dict[str, nk.Negotiation]:
    ideals = {"labour": (2.0, 0.0), "greens": (0.0, 2.0), "farmers": (-1.0, -1.0)}
    factions = [nk.Faction(n, nk.Spatial(p, Q)) for n, p in ideals.items()]
    b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Spatial((0.5, 2.5), Q))])
    b_two = nk.Nation(
        "Borealia",
        [
            nk.Faction("miners", nk.Spatial((-1.0, 2.0), Q)),
            nk.Faction("bankers", nk.Spatial((1.5, 1.5), Q)),
        ],
    )
    a_int = nk.Nation(
        "Atlantica",
        [
            nk.Faction("exporters", nk.Additive((1.0, 0.3), 0.45)),
            nk.Faction("farmers", nk.Additive((0.2, 1.0), 0.35)),
        ],
    )
    b_int = nk.Nation(
        "Borealia",
        [
            nk.Faction("industry", nk.Additive((-1.0, -0.2), -0.75)),
            nk.Faction("fishers", nk.Additive((-0.3, -0.4), -0.55)),
        ],
    )
    return {
        "e6_gridlock_empty": nk.Negotiation(nk.Nation("Atlantica", factions), b, PLANE),
        "e6_lens": nk.Negotiation(nk.Nation("Atlantica", factions[:2]), b, PLANE),
        "e6_majority": nk.Negotiation(
            nk.Nation("Atlantica", factions, nk.Majority()), b_two, PLANE
        ),
        "e6_payments": nk.Negotiation(
            nk.Nation("Atlantica", factions, side_payments=nk.SidePayments()), b, PLANE
        ),
        "integrative_additive": nk.Negotiation(a_int, b_int, SQUARE),
        "integrative_unitary": nk.Negotiation(a_int.unitary(), b_int.unitary(), SQUARE),
    }


def save(fig: object, name: str) -> None:
    fig.savefig(OUT / f"{name}.png")  # type: ignore[attr-defined]


def render() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, talks in line_cases().items():
        fig = nkp.new_figure(9, 4.5)
        nkp.draw_issue_line(fig.add_subplot(), talks)
        save(fig, f"line_{name}")
        fig = nkp.new_figure(5.5, 5)
        nkp.draw_payoff_plane(fig.add_subplot(), talks)
        save(fig, f"payoff_{name}")
    for name, talks in plane_cases().items():
        fig = nkp.new_figure(9, 6)
        nkp.draw_issue_plane(fig.add_subplot(), talks)
        save(fig, f"plane_{name}")
        fig = nkp.new_figure(5.5, 5)
        nkp.draw_payoff_plane(fig.add_subplot(), talks)
        save(fig, f"payoff_{name}")
    # comparative statics: the hawk's reservation in E2, and Δ
    b = borealia()
    values = np.linspace(0.0, 1.0, 101)
    curve = nkp.statics_data(
        lambda r: nk.Negotiation(dove_hawk(-0.2, r), b, LINE), values, desirability=True
    )
    fig = nkp.new_figure(7, 4.5)
    nkp.draw_statics(
        fig.add_subplot(),
        values,
        {"net welfare of Atlantica": curve.welfare_a, "net welfare of Borealia": curve.welfare_b,
         "Δ for Atlantica": curve.desirability_a},
        current=0.6,
        xlabel="steelworkers' reservation",
        ylabel="net welfare",
    )  # fmt: skip
    save(fig, "statics_hawk")
    fig = nkp.new_figure(7, 4.5)
    nkp.draw_statics(fig.add_subplot(), values, {"nash agreement": curve.agreement}, 0.6,
                     "steelworkers' reservation", "agreement")  # fmt: skip
    save(fig, "statics_agreement")
    # a nation's welfare under every rule (docs/model.md E4), the rule in force highlighted
    e4 = line_cases()["e4_unanimity"]
    names = [f.name for f in e4.a.factions]
    rules = {
        "unanimity": nk.Unanimity(),
        "quota 2/3": nk.Quota(2 / 3),
        "majority": nk.Majority(),
        **{f"leader: {n}": nk.Leader(n) for n in names},
    }
    fig = nkp.new_figure(7, 3.5)
    nkp.draw_rule_bars(fig.add_subplot(), nkp.rule_bars_data(e4, rules), (0.0, 0.6))
    save(fig, "rule_bars_e4")
    # explorer-like pairs, updated from a first state (so update's output is what we look at)
    first_line, first_plane = line_cases()["e1_unitary"], plane_cases()["e6_lens"]
    pairs = [("e4_unanimity", line_cases()["e4_unanimity"])]
    pairs += [("integrative_additive", plane_cases()["integrative_additive"])]
    for name, talks in pairs:
        plane = isinstance(talks.space, nk.Plane)
        fig = nkp.new_figure(14, 5.5) if plane else nkp.new_figure(14, 4.5)
        axes = fig.subplots(1, 2, width_ratios=[1.6, 1])
        issue = (nkp.draw_issue_plane if plane else nkp.draw_issue_line)(
            axes[0], first_plane if plane else first_line
        )  # type: ignore[operator]
        payoff = nkp.draw_payoff_plane(axes[1], first_plane if plane else first_line)
        fig.canvas.draw()
        issue.update(talks)
        payoff.update(talks)
        save(fig, f"pair_{name}")
    # stacked as the one-issue explorers stack them (issue line above the payoff plane)
    for name in ("e2_tied_hands", "e5_payments"):
        fig = nkp.new_figure(8.8, 5.4)
        grid = fig.add_gridspec(2, 1, height_ratios=(1, 1.5))
        nkp.draw_issue_line(fig.add_subplot(grid[0]), line_cases()[name])
        nkp.draw_payoff_plane(fig.add_subplot(grid[1]), line_cases()[name])
        save(fig, f"stacked_{name}")
    print(f"wrote {len(list(OUT.glob('*.png')))} PNGs to {OUT}")


def _median_ms(step: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU (this thread) milliseconds of ``step``."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.thread_time()
        step()
        cpu.append(1000 * (time.thread_time() - start_cpu))
        wall.append(1000 * (time.perf_counter() - start))
    return statistics.median(wall), statistics.median(cpu)


class Frames:
    """A figure with views, stepped through a list of negotiations (one per frame)."""

    def __init__(self, size: tuple[float, float], draws: list[Callable], talks: list) -> None:  # type: ignore[type-arg]
        self.fig = nkp.new_figure(*size)
        stacked = size[0] < 10 and len(draws) == 2  # as the one-issue explorers stack them
        axes = self.fig.subplots(*((2, 1) if stacked else (1, len(draws))), squeeze=False).ravel()
        self.views = [draw(ax, talks[0]) for draw, ax in zip(draws, axes, strict=True)]
        self.talks, self.k = talks, 0
        self.fig.canvas.draw()
        self.renderer = FrameRenderer(self.fig, lambda: [a for v in self.views for a in v.artists])
        self.renderer.render()

    def update(self) -> None:
        self.k += 1
        for view in self.views:
            view.update(self.talks[self.k % len(self.talks)])

    def draw(self) -> None:
        self.renderer.render()

    def png(self) -> bytes:
        """Encode the drawn canvas with Pillow, as print_png does (without drawing again)."""
        buffer = io.BytesIO()
        size = self.fig.canvas.get_width_height()
        Image.frombuffer("RGBA", size, self.fig.canvas.buffer_rgba()).save(buffer, format="png")
        return buffer.getvalue()

    def lean_png(self) -> bytes:
        """Encode the drawn canvas with no row filters and zlib level 1."""
        pixels = np.asarray(self.fig.canvas.buffer_rgba())
        height, width = pixels.shape[:2]
        rows = np.zeros((height, 4 * width + 1), dtype=np.uint8)
        rows[:, 1:] = pixels.reshape(height, 4 * width)

        def chunk(tag: bytes, data: bytes = b"") -> bytes:
            crc = struct.pack(">I", zlib.crc32(tag + data))
            return struct.pack(">I", len(data)) + tag + data + crc

        header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
        body = chunk(b"IDAT", zlib.compress(rows.data, 1))
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + body + chunk(b"IEND")

    def full_draw(self) -> None:
        """A complete redraw (what the renderer's saved layers spare)."""
        self.fig.canvas.draw()

    def print_png(self) -> None:
        self.fig.canvas.print_png(io.BytesIO())

    def frame(self) -> None:
        self.update()
        self.draw()


def bench(repeat: int = 60) -> None:
    lines, planes = line_cases(), plane_cases()
    b, lens = borealia(), planes["e6_lens"]
    hawk = [nk.Negotiation(dove_hawk(-0.2, r), b, LINE) for r in np.linspace(0.3, 0.95, repeat)]
    quo = [
        nk.Negotiation(
            nk.Nation("Atlantica", [nk.Faction("labour", nk.Spatial((2, 0), (x, 0))),
                                    nk.Faction("greens", nk.Spatial((0, 2), (x, 0)))]),
            lens.b, PLANE)
        for x in np.linspace(-0.5, 0.5, repeat)
    ]  # fmt: skip
    integrative = planes["integrative_additive"]
    additive = [
        dataclasses.replace(integrative, a=nk.Nation("Atlantica", [
            nk.Faction("exporters", nk.Additive((1.0, 0.3), t)),
            nk.Faction("farmers", nk.Additive((0.2, 1.0), 0.35))]))
        for t in np.linspace(0.2, 0.8, repeat)
    ]  # fmt: skip
    line, plane, payoff = nkp.draw_issue_line, nkp.draw_issue_plane, nkp.draw_payoff_plane
    setups = {
        "line 9x4.5": ((9, 4.5), [line], hawk),
        "line/payoff stacked 8.8x5.4": ((8.8, 5.4), [line, payoff], hawk),
        "line+payoff 14x4.5": ((14, 4.5), [line, payoff], hawk),
        "plane(discs) 9x6": ((9, 6), [plane], quo),
        "plane+payoff(discs) 14x5.5": ((14, 5.5), [plane, payoff], quo),
        "plane+payoff(additive) 14x5.5": ((14, 5.5), [plane, payoff], additive),
    }
    print(f"{lines['e1_unitary'].space} / {PLANE}; medians of {repeat} frames, ms")
    head = ("figure", "update", "draw", "full draw", "pillow", "lean", "print_png", "frame")
    print(f"{head[0]:31}" + "".join(f"{h:>14}" for h in head[1:]) + "   (wall / cpu)")
    for name, (size, draws, talks) in setups.items():
        frames = Frames(size, draws, talks)
        cells = [
            _median_ms(frames.update, repeat),
            _median_ms(frames.draw, repeat),
            _median_ms(frames.full_draw, repeat),
            _median_ms(frames.png, repeat),
            _median_ms(frames.lean_png, repeat),
            _median_ms(frames.print_png, repeat),
            _median_ms(frames.frame, repeat),
        ]
        row = "".join(f"{wall:7.1f}/{cpu:<6.1f}" for wall, cpu in cells)
        print(f"{name:31}{row}", f"layer renders {frames.renderer.captures}")
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time", action="store_true", help="also time update + draw + PNG")
    args = parser.parse_args()
    render()
    if args.time:
        bench()
    sys.exit(0)
