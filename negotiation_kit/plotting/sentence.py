"""A line of words whose numbers change with a slider, drawn so that only the numbers are new.

Matplotlib lays text out and rasterises it glyph by glyph: a note such as "accepted by at
least 67% of the weight" costs about 5 ms to draw, a third of a frame, every time its number
changes. A ``Sentence`` writes the words between the numbers and each number as Text
artists of their own, placed end to end. The explorers' frame renderer keeps each Text's
picture until what it shows changes, so moving the slider draws "68%" anew and reuses the
rest. Digits have one width in the kit's font, so the words beside a number stay where
they are while it changes.
"""

from __future__ import annotations

import re
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation

NUMBER = re.compile(r"((?<![\w.])[-\u2212]?\d+(?:\.\d+)?%?)")
"""A number as the kit writes it: "0.40", "-0.15", "67%" (not the digits of a word)."""
PIECES = 5
"""Words, number, words, number, words: room for two numbers (more stay with the words)."""


class Sentence:
    """One line of text at (``x``, ``y``) in ``ax``'s data coordinates, drawn in pieces.

    It answers like a Text (``get_text``, ``set_text``, ``get_visible``, ``set_visible``);
    ``artists`` are its pieces for a renderer to draw. ``ha`` is "left" or "right" (where
    the line starts or ends); ``va`` and other keywords (``fontsize``, ``color``, ``zorder``)
    are passed to every piece. A line with mathtext (``$``) is written in one piece.

    Examples
    --------
    >>> from negotiation_kit.plotting import new_figure
    >>> ax = new_figure(4, 2).add_subplot()
    >>> note = Sentence(ax, 0.9, 0.5, "accepted by at least 67% of the weight", ha="right")
    >>> [piece.get_text() for piece in note.artists]
    ['accepted by at least ', '67%', ' of the weight', '', '']
    >>> note.set_text("weight 0.40"); note.get_text()
    'weight 0.40'
    """

    def __init__(
        self, ax: Axes, x: float, y: float, text: str = "", *, ha: str = "left", **style: Any
    ) -> None:
        if ha not in ("left", "right"):
            raise ValueError(f"ha must be 'left' or 'right', got {ha!r}")
        self.ax, self.ha = ax, ha
        self.pieces: list[Text] = [ax.text(x, y, "", ha=ha, **style) for _ in range(PIECES)]
        self._shifts: list[float | None] = [None] * PIECES
        self._widths: dict[tuple[str, float], float] = {}
        self._text, self._visible = "", True
        self.set_text(text)

    @property
    def artists(self) -> list[Artist]:
        """The pieces, to be drawn (empty ones are hidden)."""
        return list(self.pieces)

    def get_text(self) -> str:
        """The whole line."""
        return self._text

    def get_visible(self) -> bool:
        """Whether the line is shown."""
        return self._visible

    def set_visible(self, visible: bool) -> None:
        """Show or hide the whole line."""
        self._visible = bool(visible)
        for piece in self.pieces:
            shown = self._visible and bool(piece.get_text())
            if piece.get_visible() != shown:
                piece.set_visible(shown)

    def set_text(self, text: str) -> None:
        """Write ``text``: only the pieces whose words or place change are touched."""
        self._text = str(text)
        parts = split(self._text)
        widths = [self._width(part) for part in parts]
        for i, (piece, part) in enumerate(zip(self.pieces, parts, strict=True)):
            shift = sum(widths[:i]) if self.ha == "left" else -sum(widths[i + 1 :])
            if piece.get_text() != part:
                piece.set_text(part)
            if shift != self._shifts[i]:
                offset = ScaledTranslation(shift / 72, 0, self.ax.figure.dpi_scale_trans)
                piece.set_transform(self.ax.transData + offset)
                self._shifts[i] = shift
        self.set_visible(self._visible)

    def _width(self, words: str) -> float:
        """How wide ``words`` are written, in points (0 for none)."""
        if not words:
            return 0.0
        figure: Any = self.ax.figure
        key = (words, figure.dpi)
        if key not in self._widths:
            canvas = figure.canvas  # any canvas measures as Agg draws (the kit draws with Agg)
            get_renderer = getattr(canvas, "get_renderer", None)
            renderer = get_renderer() if get_renderer else RendererAgg(1, 1, figure.dpi)  # type: ignore[no-untyped-call]
            font = self.pieces[0].get_fontproperties()
            width, _, _ = renderer.get_text_width_height_descent(words, font, ismath=False)
            self._widths[key] = width * 72 / figure.dpi
        return self._widths[key]


def split(text: str) -> list[str]:
    """``text`` cut into ``PIECES`` parts: words, number, words, number, words.

    >>> split("accepts only terms up to -0.10: none here")
    ['accepts only terms up to ', '-0.10', ': none here', '', '']
    >>> split("a 1 b 2 c 3 d")
    ['a ', '1', ' b ', '2', ' c 3 d']
    >>> split("$x^2$ = 4")
    ['$x^2$ = 4', '', '', '', '']
    """
    parts = [text] if "$" in text else NUMBER.split(text)
    parts = [*parts[: PIECES - 1], "".join(parts[PIECES - 1 :])]
    return parts + [""] * (PIECES - len(parts))
