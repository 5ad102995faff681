"""A Figure that redraws only what moves: layout once, static layer cached (no pyplot).

An explorer's frame changes a few data artists; its axes, ticks, labels and legends stay
put. Drawing text is the slow part of an Agg frame (about a millisecond per label), so
``FastFigure`` draws the static layer once, keeps it as a bitmap, and on each later draw
restores that bitmap and draws only the artists the views registered as *dynamic* (this is
matplotlib's blitting recipe, done inside ``Figure.draw`` so ``canvas.draw()`` and
``print_png`` simply get faster). The cache is dropped whenever a static artist changes
(it is *stale*), an Axes moves or changes its limits, or the canvas size or dpi changes.
Dynamic artists are drawn above the static ones, in z-order.

Examples
--------
>>> from negotiation_kit.plotting.figure import FastFigure, FrozenLayout, mark_dynamic
>>> from matplotlib.backends.backend_agg import FigureCanvasAgg
>>> fig = FastFigure(figsize=(4, 3), layout=FrozenLayout())
>>> canvas = FigureCanvasAgg(fig)
>>> ax = fig.add_subplot()
>>> line, = ax.plot([0, 1], [0, 1])
>>> mark_dynamic(fig, [line])
>>> canvas.draw()  # full draw, caches the static layer
>>> line.set_ydata([1, 0])
>>> canvas.draw()  # restores the static layer, draws the line only
>>> fig.redraws
{'full': 1, 'fast': 1}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine


class FrozenLayout(ConstrainedLayoutEngine):
    """Constrained layout computed on the first draw, then kept for every later frame.

    Laying a figure out costs milliseconds per draw and an explorer's labels do not move,
    so the layout is recomputed only when the figure's size or number of Axes changes, or
    after ``relayout(fig)``.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._done_for: tuple[float, float, int] | None = None

    def execute(self, fig: Any) -> Any:
        width, height = fig.get_size_inches()
        key = (float(width), float(height), len(fig.axes))
        if key == self._done_for:
            return None
        self._done_for = key
        return super().execute(fig)

    def reset(self) -> None:
        """Lay the figure out again at its next draw."""
        self._done_for = None


def relayout(fig: Any) -> None:
    """Recompute the layout of a ``new_figure`` figure at its next draw (e.g. new labels)."""
    engine = fig.get_layout_engine() if isinstance(fig, Figure) else None
    if isinstance(engine, FrozenLayout):
        engine.reset()
    if isinstance(fig, FastFigure):
        fig.invalidate()


class FastFigure(Figure):
    """A Figure that caches its static layer and redraws only its dynamic artists."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._dynamic: dict[int, Artist] = {}
        self._background: Any = None
        self._background_key: tuple[Any, ...] | None = None
        self.redraws = {"full": 0, "fast": 0}

    def add_dynamic(self, artists: Iterable[Artist]) -> None:
        """Draw these artists on every frame, above the cached static layer."""
        for artist in artists:
            self._dynamic[id(artist)] = artist
        self._background = None

    def discard_dynamic(self, artists: Iterable[Artist]) -> None:
        """Forget artists registered with ``add_dynamic`` (e.g. when they are removed)."""
        for artist in artists:
            self._dynamic.pop(id(artist), None)
        self._background = None

    def invalidate(self) -> None:
        """Draw everything at the next draw (and cache the static layer again)."""
        self._background = None

    def _key(self, renderer: Any) -> tuple[Any, ...]:
        axes = tuple((*ax.get_position().bounds, *ax.viewLim.bounds) for ax in self.axes)
        return (id(renderer), renderer.width, renderer.height, self.dpi, axes)

    def _static(self) -> list[Artist]:
        """The figure's static artists: its children and its Axes' children, not dynamic.

        A change deeper down (a tick label) marks its parent (the Axis) stale, so these
        two levels are enough to notice any change.
        """
        found: list[Artist] = []
        for child in self.get_children():
            inner = child.get_children() if child in self.axes else [child]
            found += [a for a in inner if id(a) not in self._dynamic]
        return found

    def _static_stale(self) -> bool:
        return any(a.stale for a in self._static())

    def draw(self, renderer: Any) -> None:
        dynamic = [a for a in self._dynamic.values() if a.get_figure(root=True) is self]
        # savefig's layout pass draws with a renderer whose draw_* methods are disabled:
        # nothing it "draws" may be cached
        disabled = "draw_path" in vars(renderer)
        if not dynamic or disabled or not hasattr(renderer, "copy_from_bbox"):
            self._background = None
            super().draw(renderer)
            return
        key = self._key(renderer)
        if self._background is None or key != self._background_key or self._static_stale():
            shown = [a.get_visible() for a in dynamic]
            for artist in dynamic:
                artist.set_visible(False)
            try:
                super().draw(renderer)
            finally:
                for artist, visible in zip(dynamic, shown, strict=True):
                    artist.set_visible(visible)
            for artist in self._static():  # some (empty texts) never reset it themselves
                artist.stale = False
            self._background = renderer.copy_from_bbox(self.bbox)
            self._background_key = self._key(renderer)  # layout may have moved the Axes
            self.redraws["full"] += 1
        else:
            renderer.restore_region(self._background)
            self.redraws["fast"] += 1
        for artist in sorted(dynamic, key=lambda a: a.get_zorder()):
            artist.draw(renderer)
        self.stale = False


def mark_dynamic(fig: Any, artists: Iterable[Artist]) -> None:
    """Register ``artists`` as redrawn every frame, if ``fig`` is a ``FastFigure``."""
    if isinstance(fig, FastFigure):
        fig.add_dynamic(artists)


def unmark_dynamic(fig: Any, artists: Iterable[Artist]) -> None:
    """Undo ``mark_dynamic``."""
    if isinstance(fig, FastFigure):
        fig.discard_dynamic(artists)
