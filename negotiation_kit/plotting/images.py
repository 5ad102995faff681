"""Images of grid masks: the model's cells drawn cell for cell, fast and crisp.

A mask may be hatched (``GridImage(..., hatch=Hatch(colour))``): thin diagonal lines over
its fill, at the spacing and width of matplotlib's ``"//"`` hatch, so a legend patch with
``hatch=HATCH`` shows the same texture. A hatched region stays distinguishable from a plain
one where colour does not help (greyscale, a black-and-white printout, colour blindness).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.image import AxesImage
from numpy.typing import NDArray

from . import palette
from .geometry import BoolArray

UInt8Array = NDArray[np.uint8]

HATCH = "//"
"""The legend's matplotlib hatch that ``Hatch`` lines imitate."""
LINES_PER_INCH = 3 * HATCH.count("/")
"""How many lines an inch of a row crosses: matplotlib draws 3 an inch for each ``/``."""


@dataclass(frozen=True)
class Hatch:
    """Diagonal lines (bottom left to top right) of ``color`` over a mask's fill.

    They are as far apart and as wide as matplotlib's ``HATCH`` at the figure's dpi, and
    anchored to the figure's pixels, so they stay put when the mask changes.
    """

    color: palette.Color
    width: float = 1.0
    """Line width in points (matplotlib's ``hatch.linewidth``)."""


def mask_image(
    mask: BoolArray, color: palette.Color, fill: float, edge: float | None = None
) -> UInt8Array:
    """An RGBA image (uint8) of ``mask``: translucent fill, and an opaque edge if asked.

    Edge cells are mask cells with a 4-neighbour outside the mask, so each region gets
    a crisp outline at the grid's own resolution (no contouring per frame).
    """
    red, green, blue, _ = to_rgba(color)
    image = np.zeros((*mask.shape, 4), dtype=np.uint8)
    image[..., 0], image[..., 1], image[..., 2] = (round(255 * c) for c in (red, green, blue))
    alpha = np.where(mask, round(255 * fill), 0).astype(np.uint8)
    if edge is not None:
        padded = np.pad(mask, 1, mode="edge")
        inner = padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
        alpha[mask & ~inner] = round(255 * edge)
    image[..., 3] = alpha
    return image


class GridImage(AxesImage):
    """An RGBA uint8 image drawn by nearest-neighbour indexing, cell for cell.

    matplotlib's general resampler converts every output pixel to floats and back; a mask of
    grid cells needs only to repeat each cell over the pixels it covers, which one numpy
    indexing step does. The data are rows from the bottom (``origin="lower"``), as the
    model's grids are.
    """

    def __init__(
        self,
        ax: Axes,
        extent: tuple[float, float, float, float],
        hatch: Hatch | None = None,
        **kwargs: Any,
    ):
        super().__init__(ax, extent=extent, origin="lower", interpolation="nearest", **kwargs)
        self.hatch = hatch
        self._cache: tuple[Any, tuple[float, ...], UInt8Array] | None = None
        self._layers: dict[tuple[Any, ...], Any] = {}
        self._mask: tuple[BoolArray, tuple[Any, ...]] | None = None
        self._drawn: Any = None
        """The array ``set_mask`` made (``set_data`` may have replaced it since)."""
        self.set_data(np.zeros((1, 1, 4), dtype=np.uint8))
        self.set_clip_path(ax.patch)
        ax.add_image(self)

    def set_mask(
        self, mask: BoolArray, color: palette.Color, fill: float, edge: float | None = None
    ) -> None:
        """Show ``mask`` (see ``mask_image``); skipped when nothing changed since last time."""
        key = (color, fill, edge)
        if self._mask is not None and self._mask[1] == key and np.array_equal(self._mask[0], mask):
            return
        self._mask = (mask.copy(), key)
        self.set_data(mask_image(mask, color, fill, edge))
        self._drawn = self.get_array()

    def make_image(
        self, renderer: Any, magnification: float = 1.0, unsampled: bool = False
    ) -> tuple[Any, float, float, Any]:
        data = self.get_array()
        assert data is not None
        x0, x1, y0, y1 = self.get_extent()
        (px0, py0), (px1, py1) = self.get_transform().transform([[x0, y0], [x1, y1]])
        clip = self.get_clip_box() or self.axes.bbox
        left = math.floor(max(min(px0, px1), clip.x0))
        right = math.ceil(min(max(px0, px1), clip.x1))
        bottom = math.floor(max(min(py0, py1), clip.y0))
        top = math.ceil(min(max(py0, py1), clip.y1))
        if right <= left or top <= bottom or px1 == px0 or py1 == py0:
            return None, 0, 0, None
        key = (left, right, bottom, top, px0, px1, py0, py1, renderer.dpi)
        if self._cache is not None and self._cache[0] is data and self._cache[1] == key:
            return self._cache[2], left, bottom, None
        rows, cols = data.shape[:2]
        across = (np.arange(left, right) + 0.5 - px0) / (px1 - px0) * cols
        up = (np.arange(bottom, top) + 0.5 - py0) / (py1 - py0) * rows  # Agg: row 0 at bottom
        col = np.clip(across.astype(np.intp), 0, cols - 1)
        row = np.clip(up.astype(np.intp), 0, rows - 1)
        # one 32-bit word per RGBA pixel: two 1-D takes instead of a 3-D fancy index
        words = np.ascontiguousarray(data, dtype=np.uint8).view(np.uint32)[..., 0]
        pixels = words.take(row, axis=0).take(col, axis=1)
        if self.hatch is not None:
            for word in self._colours(data, words):
                layer = self._hatched(word, (left, right, bottom, top), renderer.dpi)
                pixels = np.where(pixels == word, layer, pixels)
        image = pixels.view(np.uint8).reshape(len(row), len(col), 4)
        self._cache = (data, key, image)
        return image, left, bottom, None

    def _colours(self, data: Any, words: Any) -> Any:
        """The RGBA words of the image's coloured (not transparent) pixels."""
        if self._mask is not None and data is self._drawn:  # a fill and perhaps an edge
            color, *alphas = self._mask[1]
            cells = [mask_image(np.ones((1, 1), bool), color, a) for a in alphas if a is not None]
            return np.concatenate(cells).view(np.uint32).ravel()
        distinct = np.unique(words)
        return distinct[distinct.view(np.uint8).reshape(-1, 4)[:, 3] > 0]

    def _hatched(self, word: Any, box: tuple[int, int, int, int], dpi: float) -> Any:
        """The pixels of ``box`` (left, right, bottom, top) filled with the colour ``word``
        and hatched (kept for the box)."""
        found = self._layers.get((word, box, dpi))
        if found is not None:
            return found
        assert self.hatch is not None
        left, right, bottom, top = box
        spacing = dpi / LINES_PER_INCH  # between lines, along a row of pixels
        width = self.hatch.width * dpi / 72
        x = np.arange(left, right, dtype=np.float32) + 0.5
        y = np.arange(bottom, top, dtype=np.float32)[:, None] + 0.5
        along = (x - y) % spacing  # along a row, from the last line
        apart = np.minimum(along, spacing - along) / math.sqrt(2)  # across the line
        cover = np.clip(width / 2 + 0.5 - apart, 0.0, 1.0)
        below = np.array([word], dtype=np.uint32).view(np.uint8).astype(np.float32) / 255
        layer = _over(self.hatch.color, cover, below)
        if len(self._layers) > 8:  # the figure was laid out anew: old boxes are gone
            self._layers.clear()
        self._layers[word, box, dpi] = layer
        return layer


def _over(color: palette.Color, cover: Any, below: Any) -> Any:
    """RGBA words: ``color`` painted over the colour ``below`` (RGBA 0-1, not premultiplied)
    where ``cover`` (0-1, any shape) says how much of each pixel it covers."""
    top = np.array(to_rgba(color), dtype=np.float32)
    cover = cover[..., None] * top[3]
    alpha = cover + below[3] * (1 - cover)
    rgb = (cover * top[:3] + (1 - cover) * below[3] * below[:3]) / np.maximum(alpha, 1e-6)
    rgba = np.rint(255 * np.concatenate([rgb, alpha], axis=-1)).astype(np.uint8)
    return np.ascontiguousarray(rgba).view(np.uint32)[..., 0]
