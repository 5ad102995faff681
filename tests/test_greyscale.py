"""The two nations' win-sets on the issue plane stay apart in greyscale (issue 18).

Colour tells nation A's win-set (blue) from B's (vermillion), but both are light translucent
fills of about the same lightness: printed in black and white, or seen through a greyscale
filter, they would look alike. This test draws the plane, turns the picture grey as CSS's
``filter: grayscale(1)`` does (luma 0.2126 R + 0.7152 G + 0.0722 B of the sRGB values), and
reads the pixels of the cells that lie in one win-set only. Two regions are told apart when
their mean lightness differs by a contrast of 3:1 or when one carries a pattern and the other
does not; a pattern counts when its dark lines and its light ground, each at least a tenth
of the region's pixels, contrast 3:1 (WCAG 2.1's least contrast for graphical objects,
criterion 1.4.11). The legend's swatch of each win-set must show the same (pattern or none).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import negotiation_kit as nk
import negotiation_kit.plotting as nkp
from negotiation_kit.plotting.images import GridImage, Hatch, mask_image

GRAPHICS = 3.0
"""WCAG 2.1's least contrast for the parts of a graphic needed to understand it."""
SHARE = 0.1
"""The darkest and the lightest tenth of a region's pixels are its lines and its ground."""
ORIGIN = (0.0, 0.0)


def nation(name: str, *factions: tuple[str, Any]) -> nk.Nation:
    return nk.Nation(name, [nk.Faction(n, g) for n, g in factions])


DISCS = nk.Negotiation(
    nation(
        "Atlantica", ("labour", nk.Spatial((2, 0), ORIGIN)), ("greens", nk.Spatial((0, 2), ORIGIN))
    ),
    nation("Borealia", ("Borealia", nk.Spatial((1, -1), ORIGIN))),
    nk.Plane(x=(-3, 3), y=(-3, 3)),
)
HALF_PLANES = nk.Negotiation(
    nation("Atlantica", ("exporters", nk.Additive((1.0, 0.3), 0.45)),
           ("farmers", nk.Additive((0.2, 1.0), 0.35))),
    nation("Borealia", ("industry", nk.Additive((-1.0, -0.2), -0.75)),
           ("fishers", nk.Additive((-0.3, -0.4), -0.55))),
    nk.Plane(),
)  # fmt: skip


def grey(rgba: Any) -> Any:
    """What CSS ``filter: grayscale(1)`` makes of sRGB pixels: one grey level, 0 to 1."""
    return rgba[..., :3] @ np.array([0.2126, 0.7152, 0.0722]) / 255


def luminance(level: Any) -> Any:
    """WCAG 2 relative luminance of a grey level (0 to 1, sRGB-encoded)."""
    level = np.asarray(level, dtype=float)
    return np.where(level <= 0.04045, level / 12.92, ((level + 0.055) / 1.055) ** 2.4)


def contrast(one: float, two: float) -> float:
    light, dark = max(one, two), min(one, two)
    return float((luminance(light) + 0.05) / (luminance(dark) + 0.05))


def reading(levels: Any) -> tuple[float, float]:
    """A region's mean grey level and the contrast of its pattern (1 when it is plain)."""
    low, high = np.quantile(levels, [SHARE, 1 - SHARE])
    dark, light = levels[levels <= low].mean(), levels[levels >= high].mean()
    return float(levels.mean()), contrast(light, dark)


def shrunk(cells: Any, steps: int) -> Any:
    """``cells`` without those within ``steps`` cells of the region's edge."""
    for _ in range(steps):
        padded = np.pad(cells, 1)
        cells = cells & padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
    return cells


def region_pixels(fig: Any, view: Any, cells: Any) -> Any:
    """Grey levels of the figure's pixels over the grid ``cells`` (a mask), edges left out."""
    cells = shrunk(cells, 3)
    levels = grey(np.asarray(fig.canvas.buffer_rgba(), dtype=float))
    height, width = levels.shape
    x, y = np.meshgrid(np.arange(width) + 0.5, height - np.arange(height) - 0.5)
    data = view.ax.transData.inverted().transform(np.column_stack([x.ravel(), y.ravel()]))
    x0, x1, y0, y1 = view.data.extent
    rows, cols = cells.shape
    col = np.floor((data[:, 0] - x0) / (x1 - x0) * cols).astype(int)
    row = np.floor((data[:, 1] - y0) / (y1 - y0) * rows).astype(int)
    inside = (col >= 0) & (col < cols) & (row >= 0) & (row < rows)
    picked = np.zeros(len(data), dtype=bool)
    picked[inside] = cells[row[inside], col[inside]]
    return levels.ravel()[picked]


def swatch_pixels(fig: Any, patch: Any) -> Any:
    """Grey levels inside a legend swatch, its outline left out."""
    box = patch.get_window_extent()
    levels = grey(np.asarray(fig.canvas.buffer_rgba(), dtype=float))
    height = levels.shape[0]
    top, bottom = height - int(box.y1) + 2, height - int(box.y0) - 2
    return levels[top:bottom, int(box.x0) + 2 : int(box.x1) - 2].ravel()


def apart(one: tuple[float, float], two: tuple[float, float]) -> bool:
    """Whether two readings (mean, pattern contrast) are told apart without colour."""
    lighter = contrast(one[0], two[0]) >= GRAPHICS
    return lighter or (one[1] >= GRAPHICS) != (two[1] >= GRAPHICS)


@pytest.mark.parametrize("talks", [DISCS, HALF_PLANES], ids=["discs", "half-planes"])
def test_win_sets_are_told_apart_in_greyscale(talks: nk.Negotiation) -> None:
    fig = nkp.new_figure(9, 5)
    view = nkp.draw_issue_plane(fig.add_subplot(), talks)
    win_sets = view.images[:2]
    for artist in view.artists:  # only the win-sets and the legend, so no line crosses them
        artist.set_visible(artist in win_sets or artist is view._legend)
    fig.canvas.draw()
    a, b = (nation.win_set for nation in view.data.nations)
    readings = [reading(region_pixels(fig, view, only)) for only in (a & ~b, b & ~a)]
    swatches = [reading(swatch_pixels(fig, p)) for p in view._legend.get_patches()[-3:-1]]
    assert apart(*readings), f"A's and B's win-sets look alike in greyscale: {readings}"
    for region, swatch in zip(readings, swatches, strict=True):
        assert (region[1] >= GRAPHICS) == (swatch[1] >= GRAPHICS), (region, swatch)


def test_a_hatched_image_hatches_whatever_it_shows() -> None:
    """``set_mask`` (the views' way) and ``set_data`` with the same picture draw the same
    pixels: the hatch covers every coloured cell, the fill's and the edge's, and no other."""
    mask = np.zeros((30, 40), dtype=bool)
    mask[5:25, 8:30] = True
    drawn = []
    for way in ("mask", "data"):
        fig = Figure(figsize=(4, 3), dpi=100)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        image = GridImage(ax, (0, 40, 0, 30), hatch=Hatch("#000000"))
        if way == "mask":
            image.set_mask(mask, "#D55E00", 0.25, 1.0)
        else:
            image.set_data(mask_image(mask, "#D55E00", 0.25, 1.0))
        ax.set_xlim(0, 40)
        ax.set_ylim(0, 30)
        fig.canvas.draw()
        drawn.append(grey(np.asarray(fig.canvas.buffer_rgba(), dtype=float)))
    assert np.array_equal(*drawn)
    inside, outside = drawn[0][100:200, 100:200], drawn[0][:20, :20]
    assert inside.min() < 0.2 and inside.max() > 0.8 and outside.min() > 0.999  # lines, fill, white
