"""Small pure geometry for the figures: Pareto frontiers and half-planes (numpy only).

Examples
--------
>>> import numpy as np
>>> from negotiation_kit.plotting.geometry import pareto_mask
>>> payoffs = np.array([[0.0, 1.0], [0.5, 0.5], [0.4, 0.4], [1.0, 0.0]])
>>> pareto_mask(payoffs)
array([ True,  True, False,  True])
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.intp]


def _better_elsewhere(first: FloatArray, second: FloatArray, tol: float) -> BoolArray:
    """For each point, whether another point beats it by ``tol`` on ``first`` and ties or
    beats it (within ``tol``) on ``second``. Sort by ``first`` and keep a running maximum
    of ``second`` (``np.maximum.accumulate``): no loop over points."""
    order = np.argsort(-first, kind="stable")
    descending = -first[order]  # ascending
    best_second = np.maximum.accumulate(second[order])
    # how many points beat each point's ``first`` by more than tol
    count = np.searchsorted(descending, -first - tol, side="left")
    best = np.where(count > 0, best_second[np.maximum(count - 1, 0)], -np.inf)
    return best >= second - tol


def pareto_mask(payoffs: FloatArray, tol: float | None = None) -> BoolArray:
    """Which rows of ``payoffs`` (shape ``(n, 2)``) no other row Pareto-dominates.

    A row is dominated when another is better on one coordinate by more than ``tol`` and
    no worse (within ``tol``) on the other; ``tol`` defaults to ``1e-9`` times the scale of
    the payoffs, so ties from rounding (a purely distributive bargain, where every point is
    efficient) do not remove points.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.linspace(0, 1, 5)
    >>> pareto_mask(np.column_stack([x, 1 - x])).all()  # distributive: all efficient
    np.True_
    """
    payoffs = np.asarray(payoffs, dtype=np.float64)
    if payoffs.shape[0] == 0:
        return np.zeros(0, dtype=bool)
    if tol is None:
        tol = 1e-9 * (1.0 + float(np.max(np.abs(payoffs))))
    a, b = payoffs[:, 0], payoffs[:, 1]
    dominated = _better_elsewhere(a, b, tol) | _better_elsewhere(b, a, tol)
    return ~dominated


def half_plane(
    weights: tuple[float, float], threshold: float, box: tuple[float, float, float, float]
) -> tuple[FloatArray, FloatArray]:
    """The part of the rectangle ``box = (x0, x1, y0, y1)`` where ``weights . z >= threshold``.

    Returns the clipped polygon's vertices (shape ``(k, 2)``, ``k = 0`` when the faction
    accepts nothing in the box) and the boundary segment ``weights . z = threshold`` inside
    the box (shape ``(2, 2)``, or ``(0, 2)`` when the line misses the box). One clipping
    step of Sutherland & Hodgman (1974), vectorised over the four edges.

    Examples
    --------
    >>> polygon, edge = half_plane((1.0, 0.0), 0.5, (0, 1, 0, 1))  # x >= 0.5
    >>> polygon.tolist()
    [[0.5, 0.0], [1.0, 0.0], [1.0, 1.0], [0.5, 1.0]]
    >>> edge.tolist()
    [[0.5, 0.0], [0.5, 1.0]]
    """
    x0, x1, y0, y1 = box
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64)
    after = np.roll(corners, -1, axis=0)
    w = np.asarray(weights, dtype=np.float64)
    s, s_after = corners @ w - threshold, after @ w - threshold
    keep = s >= 0
    crosses = keep != (s_after >= 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(crosses, s / (s - s_after), 0.0)
    crossing = corners + t[:, None] * (after - corners)
    # vertices in order: each kept corner, then the crossing on the edge that follows it
    candidates = np.stack([corners, crossing], axis=1).reshape(-1, 2)
    chosen = np.stack([keep, crosses], axis=1).ravel()
    polygon = candidates[chosen]
    points = crossing[crosses]
    edge = points[[0, -1]] if len(points) >= 2 else np.zeros((0, 2))
    return polygon, edge
