"""The kit's figures: built without pyplot, so explorers never touch pyplot's global state.

Examples
--------
>>> import io
>>> fig = new_figure(4, 3)
>>> ax = fig.add_subplot()
>>> buffer = io.BytesIO()
>>> fig.canvas.print_png(buffer)
>>> buffer.getvalue()[:4]
b'\\x89PNG'
"""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .palette import style


def new_figure(width: float, height: float) -> Figure:
    """A Figure of ``width`` x ``height`` inches with the kit's style and an Agg canvas
    (``fig.canvas.draw()``, ``fig.canvas.print_png(buffer)``), laid out by matplotlib's
    constrained layout (compressed, so fixed-aspect Axes leave no gaps)."""
    with style():
        fig = Figure(figsize=(width, height), layout="compressed")
        FigureCanvasAgg(fig)
    return fig
