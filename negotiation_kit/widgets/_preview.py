"""Two-issue explorers that preview a drag on a coarser grid and refine when it rests.

On two issues every frame solves the model on the plane's grid (win-sets, the zone, the Nash
point) and the plotting layer evaluates welfare on it again; at the default 200 x 200 cells
that is most of a frame. While a control is being dragged in a kernel, ``PlaneExplorer``
builds the scenario on a ``PREVIEW`` x ``PREVIEW`` grid (a quarter to a third of the work),
and once the controls rest for ``_base.PAUSE`` it draws the frame again on the full grid.
``set()``, presets, ``reset()`` and scripts (no event loop) always get the full grid, so
``explorer.negotiation`` and ``describe()`` are exact whenever a notebook cell reads them.
Scenarios are kept by control values (``Memo``), so a drag back over old values is cheap.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, ClassVar

from .. import model as nk
from ._base import Explorer
from ._memo import Memo

PREVIEW = 120
"""Grid cells per axis of a frame previewed during a drag."""


class PlaneExplorer(Explorer):
    """An explorer on ``PLANE`` whose frames are previewed on a coarser grid during drags.

    Subclasses define ``PLANE`` and ``_build(values, plane)`` (control values and a plane
    -> ``nk.Negotiation``) instead of ``_scenario``; ``previewing(negotiation)`` tells a
    subclass that a frame is a preview (to skip work that can wait, such as a benchmark).

    Examples
    --------
    >>> from negotiation_kit.widgets import TwoIssueExplorer
    >>> explorer = TwoIssueExplorer()  # no event loop here: always the full grid
    >>> explorer.negotiation.space.resolution, explorer.previewing(explorer.negotiation)
    (200, False)
    """

    PLANE: ClassVar[nk.Plane] = nk.Plane()
    ISSUES: ClassVar[int] = 2

    def __init__(self) -> None:
        self._scenarios: Memo[nk.Negotiation] = Memo()
        self._preview = dataclasses.replace(self.PLANE, resolution=PREVIEW)
        super().__init__()

    def _build(self, values: Mapping[str, Any], plane: nk.Plane) -> nk.Negotiation:
        raise NotImplementedError

    def previewing(self, negotiation: nk.Negotiation) -> bool:
        """Whether ``negotiation`` is a coarse preview shown during a drag."""
        return negotiation.space != self.PLANE

    def _scenario(self, values: Mapping[str, Any]) -> nk.Negotiation:
        plane = self.PLANE
        if self._refresh_once_rested():  # the full grid once the controls rest
            plane = self._preview
        key = (plane.resolution, *sorted(values.items()))
        return self._scenarios.get(key, lambda: self._build(values, plane))
