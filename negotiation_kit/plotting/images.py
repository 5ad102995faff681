"""Images of grid masks: the model's cells drawn cell for cell, fast and crisp."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.image import AxesImage
from numpy.typing import NDArray

from . import palette
from .geometry import BoolArray

UInt8Array = NDArray[np.uint8]


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

    def __init__(self, ax: Axes, extent: tuple[float, float, float, float], **kwargs: Any):
        super().__init__(ax, extent=extent, origin="lower", interpolation="nearest", **kwargs)
        self._cache: tuple[Any, tuple[float, ...], UInt8Array] | None = None
        self._mask: tuple[BoolArray, tuple[Any, ...]] | None = None
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
        key = (left, right, bottom, top, px0, px1, py0, py1)
        if self._cache is not None and self._cache[0] is data and self._cache[1] == key:
            return self._cache[2], left, bottom, None
        rows, cols = data.shape[:2]
        across = (np.arange(left, right) + 0.5 - px0) / (px1 - px0) * cols
        up = (np.arange(bottom, top) + 0.5 - py0) / (py1 - py0) * rows  # Agg: row 0 at bottom
        col = np.clip(across.astype(np.intp), 0, cols - 1)
        row = np.clip(up.astype(np.intp), 0, rows - 1)
        # one 32-bit word per RGBA pixel: two 1-D takes instead of a 3-D fancy index
        words = np.ascontiguousarray(data, dtype=np.uint8).view(np.uint32)[..., 0]
        image = words.take(row, axis=0).take(col, axis=1).view(np.uint8)
        image = image.reshape(len(row), len(col), 4)
        self._cache = (data, key, image)
        return image, left, bottom, None
