"""Does each speed trick of the explorers pay? (issue 17, item 4; a benchmark, not a test)

Every explorer is swept as ``bench_explorers.py`` sweeps it (each control across its range,
``--steps`` values up and back), in this process (no kernel: the comm costs the same with or
without a trick), once with everything as shipped and once with one trick turned off. The
variants take turns (round after round, the same explorer), so a busy machine slows them
alike; two runs of the shipped code ("shipped again") show the noise. CPU milliseconds per
frame of the Python process (``time.process_time``) are compared, since they do not grow
when other programs compete for the processors.

The tricks (each off by a patch of this script only):

- ``label layers``: the renderer keeps a picture of each changing text and legend and
  draws it again only when its words or place change; off: they are drawn every frame.
- ``layers``: the renderer saves what does not change and redraws only the changing
  artists; off: every frame is a full ``Figure.draw`` (``FrameRenderer.render_full``).
- ``layout once``: the figure's constrained layout is computed when the renderer plans a
  frame, not at every draw; off: it is computed at every frame, as a plain figure would.
- ``grid images``: the model's grid masks are drawn cell for cell by one numpy indexing
  step (``plotting.images.GridImage``); off: matplotlib's own resampler.
- ``glyph cache``: the renderer keeps FreeType's bitmap of each glyph by font, size,
  rotation and sub-pixel place (``widgets._render.GlyphCache``), so a text drawn anew
  rasterises only glyphs it has not met; off: matplotlib renders every glyph.

Run it with::

    nice -n 10 .venv/bin/python benchmarks/bench_render_tricks.py --steps 12
    nice -n 10 .venv/bin/python benchmarks/bench_render_tricks.py --only RulesExplorer

``--texts`` lists the texts a frame rasterises when one note's number changes: with label
layers, the changed note whole, and any text a view moved (the rules explorer's arrow beside
its bars). At 2b73920::

    RulesExplorer quota_share 0.68 -> 0.69: ['accepted by at least 69% of the weight']
    RulesExplorer farmers_weight 0.35 -> 0.4: ['better for Atlantica →', 'weight 0.40']
    WinSetExplorer exporters -0.14 -> -0.13: ['accepts all terms from -0.13']

Measured 2026-12-03 14:20-14:30 UTC on the shared 2-core machine (load average 12-16),
median CPU ms per frame, all variants in one sitting per table:

Tricks of main at 4d74465, ``--steps 3 --rounds 1``::

    explorer          shipped  again  label layers off  layers off  layout once off  grid images off
    RulesExplorer       17.05  16.85             79.78      152.66           196.43            16.70
    TwoIssueExplorer    30.97  33.91             88.25      157.84           133.36            45.28

Layers, label layers and the layout computed once each save several times a frame, and
grid images save 12-14 ms a frame where the model's grids are drawn (two issues): all four
stay. ``layers`` and ``layout once`` live in ``widgets/_render.py``; grid images are drawn by
``plotting.images.GridImage``, an image artist whose cells the views set.

``plotting.sentence.Sentence`` (a note written as pieces so that only its number is drawn
anew), main at 4d74465 with this script's ``sentences off`` variant (each note one Text),
``--steps 12 --rounds 2``::

    explorer         shipped  again  sentences off
    RulesExplorer      15.01  15.10          15.72
    WinSetExplorer     12.81  12.94          12.69

0.7 ms a frame (5%) on the rules explorer, whose quota and weight notes change with its
sliders, and nothing on the win-set explorer, so the notes became plain Texts (their
pictures are still kept by the label layers). On a quiet machine (load below 1, 15:38 UTC)
the cost is larger: main at 5052ed3 against 2b73920, taking turns, ``--variants shipped``::

    RulesExplorer     main 13.14 12.03 12.13   without Sentence 14.77 13.38 13.36
    ScenarioExplorer  main 10.03  9.44  9.59   at 2b73920       10.20 10.20  9.75

about 1.3 ms (11%) a frame on the rules explorer, beyond the 10% that issue 17 allows
(still within its 17 ms budget): writing a changing number as its own picture pays there,
and belongs in the renderer (a text's layer split at its numbers) if it is to come back.

It came back as the glyph cache, which needs no split: matplotlib 3.11 draws a text glyph
by glyph, so the words around a changed number are blended from kept bitmaps and only new
glyphs are rendered (in a sweep, almost none). Main at 14f6964 plus the cache, 2026-12-03
17:08-17:12 UTC (load average 10-11), ``--steps 12 --rounds 3 --only RulesExplorer
SidePaymentsExplorer --variants shipped "shipped again" "glyph cache off"`` (and a fourth
variant, the over layers cut into the pieces where something is drawn, which saved nothing
and was dropped)::

    explorer              shipped  again  glyph cache off  over layers in pieces
    RulesExplorer           13.97  14.24            15.11                  13.93
    SidePaymentsExplorer    18.14  17.68            18.07                  17.38

About 1.0 ms (7%) a frame on the rules explorer, whose sliders rewrite its notes, and
nothing beyond noise where few texts change (side payments): the cache stays. Drawing one
text of 40 characters whose number changes took about 7 ms without it and 2-4 ms with it on
the same loaded machine; what remains is matplotlib laying the string out.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_explorers import sweep  # noqa: E402


@contextlib.contextmanager
def shipped() -> Iterator[None]:
    yield


@contextlib.contextmanager
def no_label_layers() -> Iterator[None]:
    from negotiation_kit.widgets import _render

    kept = _render.LABELS
    _render.LABELS = ()  # type: ignore[assignment]
    try:
        yield
    finally:
        _render.LABELS = kept


@contextlib.contextmanager
def no_layers() -> Iterator[None]:
    from negotiation_kit.widgets._render import FrameRenderer

    kept = FrameRenderer.render
    FrameRenderer.render = FrameRenderer.render_full  # type: ignore[method-assign]
    try:
        yield
    finally:
        FrameRenderer.render = kept  # type: ignore[method-assign]


@contextlib.contextmanager
def layout_every_frame() -> Iterator[None]:
    from negotiation_kit.widgets._render import FrameRenderer

    kept = FrameRenderer.render

    def render(self: Any) -> bytes:
        engine = self.figure.get_layout_engine()
        if engine is not None:
            if hasattr(engine, "reset"):
                engine.reset()
            engine.execute(self.figure)
        return kept(self)

    FrameRenderer.render = render  # type: ignore[method-assign]
    try:
        yield
    finally:
        FrameRenderer.render = kept  # type: ignore[method-assign]


@contextlib.contextmanager
def no_glyph_cache() -> Iterator[None]:
    from negotiation_kit.widgets._render import GlyphCache

    kept = GlyphCache.serve
    GlyphCache.serve = lambda self, renderer: None  # type: ignore[method-assign]
    try:
        yield
    finally:
        GlyphCache.serve = kept  # type: ignore[method-assign]


@contextlib.contextmanager
def no_grid_images() -> Iterator[None]:
    from matplotlib.image import AxesImage

    from negotiation_kit.plotting.images import GridImage

    kept = GridImage.make_image
    GridImage.make_image = AxesImage.make_image  # type: ignore[method-assign]
    try:
        yield
    finally:
        GridImage.make_image = kept  # type: ignore[method-assign]


VARIANTS: dict[str, Callable[[], contextlib.AbstractContextManager[None]]] = {
    "shipped": shipped,
    "shipped again": shipped,
    "label layers off": no_label_layers,
    "layers off": no_layers,
    "layout once off": layout_every_frame,
    "grid images off": no_grid_images,
    "glyph cache off": no_glyph_cache,
}


def frames(name: str, steps: int, variant: str) -> list[float]:
    """CPU ms of each frame of a sweep of every control of a new ``name`` explorer."""
    import negotiation_kit.widgets as nkw

    with VARIANTS[variant]():
        explorer = getattr(nkw, name)()
        times: list[float] = []
        for control in explorer.controls.values():
            values = sweep(control, steps)
            for value in values:
                if control.value == value:
                    continue
                start = time.process_time()
                control.value = value
                times.append(1000 * (time.process_time() - start))
            if explorer.last_error is not None:
                raise explorer.last_error
            explorer.reset()
    return times


def rasterised(name: str, control: str, first: float, second: float) -> list[str]:
    """The texts drawn (rasterised) while ``control`` of a new ``name`` explorer moves from
    ``first`` to ``second`` and the frame is made."""
    from matplotlib.text import Text

    import negotiation_kit.widgets as nkw

    explorer = getattr(nkw, name)()
    explorer.controls[control].value = first  # the first move may plan the frame again
    drawn: list[str] = []
    original = Text.draw

    def record(self: Text, renderer: Any) -> None:
        drawn.append(self.get_text())
        original(self, renderer)

    Text.draw = record  # type: ignore[method-assign]
    try:
        explorer.controls[control].value = second
    finally:
        Text.draw = original  # type: ignore[method-assign]
    return [text for text in drawn if text]


MOVES = [
    ("RulesExplorer", "quota_share", 0.68, 0.69),
    ("RulesExplorer", "farmers_weight", 0.35, 0.4),
    ("WinSetExplorer", "exporters", -0.14, -0.13),
]
"""Moves whose frame changes one note's number."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=12, help="values per slider sweep")
    parser.add_argument("--rounds", type=int, default=2, help="turns each variant takes")
    parser.add_argument("--only", nargs="*", help="explorer class names (default: all)")
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--texts", action="store_true", help="list the texts a move redraws")
    args = parser.parse_args()
    import matplotlib

    matplotlib.use("Agg")
    import negotiation_kit.widgets as nkw

    if args.texts:
        for name, control, first, second in MOVES:
            found = rasterised(name, control, first, second)
            print(f"{name} {control} {first} -> {second}: {found}")
        return 0

    names = args.only or list(nkw.__all__)
    table: dict[str, dict[str, float]] = {}
    print(f"{'explorer':<22}" + "".join(f"{v:>18}" for v in args.variants))
    for name in names:
        found: dict[str, list[float]] = {v: [] for v in args.variants}
        frames(name, 3, "shipped")  # warm the model's and matplotlib's caches
        for _ in range(args.rounds):
            for variant in args.variants:
                found[variant] += frames(name, args.steps, variant)
        table[name] = {v: round(float(np.median(t)), 2) for v, t in found.items()}
        print(f"{name:<22}" + "".join(f"{table[name][v]:>18.2f}" for v in args.variants))
    print(json.dumps({"cpu_median_ms": table, "steps": args.steps, "rounds": args.rounds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
