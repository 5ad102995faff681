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
