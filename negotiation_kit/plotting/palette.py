"""One palette and one style for every figure of the kit.

Colours come from the Okabe-Ito palette (Okabe & Ito 2008), which stays distinguishable for
readers with the common forms of colour blindness: nation A is a blue family, nation B an
orange/vermillion family, and each nation's factions are shades of its hue. The zone of
agreement is bluish green; outcomes are black (nash) and reddish purple (split); the status
quo (no agreement) is a yellow square with a black edge.

``style()`` applies the kit's ``STYLE`` to what is drawn inside it (``figure.new_figure``
builds figures with it).

Examples
--------
>>> from negotiation_kit.plotting import palette
>>> palette.NATION_COLORS
('#0072B2', '#D55E00')
>>> palette.faction_colors(0, 3)
['#0072B2', '#2B93CE', '#56B4E9']
>>> palette.dark(1)
'#7A3500'
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.colors import to_hex, to_rgba

Color = str | tuple[float, float, float, float]

NATION_COLORS: tuple[str, str] = ("#0072B2", "#D55E00")
"""Nation A (Okabe-Ito blue) and nation B (Okabe-Ito vermillion)."""

_SHADES: tuple[tuple[str, str], tuple[str, str]] = (
    ("#0072B2", "#56B4E9"),  # blue to sky blue
    ("#D55E00", "#E69F00"),  # vermillion to orange
)
_DARK: tuple[str, str] = ("#003A5D", "#7A3500")

ZONE_COLOR: tuple[float, float, float, float] = (0.0, 158 / 255, 115 / 255, 0.35)
"""The zone of agreement: Okabe-Ito bluish green, translucent."""
ZONE_EDGE_COLOR = "#006B4E"
NASH_COLOR = "#000000"
SPLIT_COLOR = "#CC79A7"
STATUS_QUO_COLOR = "#F0E442"
FRONTIER_COLOR = "#3A3A3A"
NEUTRAL_COLOR = "#7F7F7F"
OTHER_COLORS: tuple[str, ...] = ("#009E73", "#CC79A7", "#000000", "#56B4E9", "#E69F00")
"""Colours for curves that belong to neither nation (comparative statics)."""

FONT_SIZE = 13
STYLE: dict[str, Any] = {
    "font.size": FONT_SIZE,
    "axes.labelsize": 14,
    "axes.titlesize": 14,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 1.0,
    "lines.linewidth": 2.5,
    "lines.markersize": 10,
    "image.interpolation": "nearest",
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "figure.constrained_layout.h_pad": 0.06,
    "figure.constrained_layout.w_pad": 0.06,
}
"""rc settings readable on a projector: 12pt and larger, no top/right spines."""


def faction_colors(nation_index: int, n: int) -> list[str]:
    """``n`` shades of nation ``nation_index``'s hue (0 for A, 1 for B), dark to light.

    One faction gets the nation's own colour.

    Examples
    --------
    >>> faction_colors(1, 1)
    ['#D55E00']
    >>> len(faction_colors(1, 5))
    5
    """
    if nation_index not in (0, 1):
        raise ValueError(f"nation_index must be 0 (nation A) or 1 (nation B), got {nation_index}")
    if n < 1:
        return []
    first, last = (to_rgba(c) for c in _SHADES[nation_index])
    if n == 1:
        return [to_hex(first).upper()]
    if n > 3:  # widen the range toward a darker shade so many factions stay apart
        first = to_rgba(_DARK[nation_index])
    shades = []
    for k in range(n):
        red, green, blue, alpha = (
            a + (b - a) * k / (n - 1) for a, b in zip(first, last, strict=True)
        )
        shades.append(to_hex((red, green, blue, alpha)).upper())
    return shades


def dark(nation_index: int) -> str:
    """A dark shade of the nation's hue, for outlines and text."""
    return _DARK[nation_index]


@contextmanager
def style() -> Iterator[None]:
    """Apply ``STYLE`` to artists created inside the ``with`` block."""
    with mpl.rc_context(cast(Any, STYLE)):
        yield


def style_axes(ax: Axes) -> None:
    """Apply the kit's look to an Axes made outside ``style()`` (idempotent, cheap)."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=STYLE["xtick.labelsize"])
    ax.xaxis.label.set_fontsize(STYLE["axes.labelsize"])
    ax.yaxis.label.set_fontsize(STYLE["axes.labelsize"])
