"""A layout computed once: an explorer's labels do not move, so neither do its Axes.

Constrained layout costs milliseconds per draw. ``new_figure`` gives every figure a
``FrozenLayout``, which lays the figure out at its first draw and again only when its size
or number of Axes changes, or after ``relayout(fig)`` (a view that changed its labels calls
it). Fast frames themselves are composed by ``negotiation_kit.widgets._render``.

Examples
--------
>>> from negotiation_kit.plotting import new_figure
>>> fig = new_figure(4, 3)
>>> ax = fig.add_subplot()
>>> fig.canvas.draw()
>>> engine = fig.get_layout_engine()
>>> engine._done_for
(4.0, 3.0, 1)
>>> relayout(fig)
>>> engine._done_for is None
True
"""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
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


def set_limits(ax: Axes, x: tuple[float, float], y: tuple[float, float]) -> None:
    """Set an Axes' limits, only if they differ (setting them costs a little every frame)."""
    if ax.get_xlim() != x:
        ax.set_xlim(*x)
    if ax.get_ylim() != y:
        ax.set_ylim(*y)


def freeze_layout(figure: Figure) -> None:
    """Lay ``figure`` out now and keep its Axes where they are from then on.

    When the number of factions changes, the issue line rebuilds its rows and asks for a
    new constrained layout, which costs about 200 ms. In these explorers the labels that
    set the margins (Atlantica's steelworkers, the bold win-set rows) are there in every
    state, so the first layout serves them all.

    >>> from negotiation_kit.plotting import new_figure
    >>> figure = new_figure(4, 3)
    >>> ax = figure.add_subplot()
    >>> freeze_layout(figure)
    >>> from negotiation_kit.plotting.figure import FrozenLayout
    >>> isinstance(figure.get_layout_engine(), FrozenLayout)  # relayout() does nothing now
    False
    """
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.execute(figure)
    figure.set_layout_engine("none")
