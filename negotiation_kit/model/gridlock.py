"""Gridlock in the spatial model: when no agreement beats the status quo (Tsebelis 2002).

A faction with ``nk.Spatial`` gains accepts the disc centred on its ideal point that passes
through the status quo ``q`` (docs/model.md §2). A coalition accepts the intersection of its
members' discs, and discs that all pass through ``q`` share a point other than ``q`` exactly
when ``q`` lies outside the convex hull of their centres. So a nation whose rule needs the
consent of some winning coalition is **gridlocked**, its win-set the status quo alone,
exactly when ``q`` lies in the hull of the ideal points of every minimal winning coalition;
with a veto player in every coalition (``veto_players``), in the hull of theirs. A nation
that ratifies by national welfare acts as one faction whose ideal point is the
salience-weighted mean of its factions' ideals: gridlocked when ``q`` is that point.

Examples
--------
>>> import negotiation_kit as nk
>>> q = (0, 0)  # docs/model.md E6: the status quo inside the three ideal points' triangle
>>> a = nk.Nation("A", [nk.Faction("industry", nk.Spatial((2, 0), q)),
...                     nk.Faction("green party", nk.Spatial((0, 2), q)),
...                     nk.Faction("farm lobby", nk.Spatial((-1, -1), q))])
>>> gridlocked(a), veto_players(a)
(True, ('industry', 'green party', 'farm lobby'))
>>> import dataclasses
>>> gridlocked(dataclasses.replace(a, rule=nk.Majority()))  # each pair's lens is open
False
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ._checks import FloatArray
from .gains import Spatial
from .rules import NationalWelfare

if TYPE_CHECKING:
    from .nations import Nation

HULL_TOL = 1e-9
"""Angles (radians) and distances this close count as equal: a point on the hull's edge is in it."""


def in_hull(point: Sequence[float], corners: Sequence[Sequence[float]] | FloatArray) -> bool:
    """Whether ``point`` lies in the convex hull of ``corners``, its edge included.

    Seen from the point, the corners' directions fit in an open half-plane exactly when the
    point lies outside their hull: then some angular gap between them exceeds π.

    >>> in_hull((0, 0), [(2, 0), (0, 2), (-1, -1)]), in_hull((0, 0), [(2, 0), (0, 2)])
    (True, False)
    >>> in_hull((0, 0), [(2, 0), (-1, 0)]), in_hull((0, 0), [(0, 0)]), in_hull((0, 0), [])
    (True, True, False)
    """
    if len(corners) == 0:
        return False
    offsets = np.asarray(corners, dtype=np.float64) - np.asarray(point, dtype=np.float64)
    if np.any(np.hypot(offsets[:, 0], offsets[:, 1]) < HULL_TOL):
        return True
    angles = np.sort(np.arctan2(offsets[:, 1], offsets[:, 0]))
    gaps = np.diff(np.append(angles, angles[0] + 2 * np.pi))
    return bool(gaps.max() <= np.pi + HULL_TOL)


def veto_players(nation: Nation) -> tuple[str, ...]:
    """The factions whose consent every ratification needs: members of every winning coalition.

    None under ``nk.NationalWelfare`` (no faction's consent is needed) or ``nk.Majority`` of
    three equal factions; every faction under ``nk.Unanimity``.

    >>> import negotiation_kit as nk
    >>> veto_players(nk.Nation("A", [nk.Faction("x", nk.Linear(1, 0))], nk.NationalWelfare()))
    ()
    """
    coalitions = nation.coalitions
    if not coalitions:
        return ()
    members = set.intersection(*(set(c) for c in coalitions))
    return tuple(f.name for k, f in enumerate(nation.factions) if k in members)


def gridlocked(nation: Nation) -> bool:
    """Whether no agreement but the status quo itself is ratified (see the module docstring).

    Defined for a nation whose factions all have ``nk.Spatial`` gains around one status quo
    and that has no side-payments (payments can buy a veto player off).
    """
    gains = [f.gain for f in nation.factions]
    if not all(isinstance(g, Spatial) for g in gains):
        raise ValueError(
            f"gridlock is defined for nations whose factions all have nk.Spatial gains; "
            f"{nation.name!r} has " + ", ".join(type(g).__name__ for g in gains)
        )
    spatial = [g for g in gains if isinstance(g, Spatial)]
    quo = _plane_point(spatial[0].status_quo)
    if any(
        not np.allclose(_plane_point(g.status_quo), quo, rtol=0, atol=HULL_TOL) for g in spatial
    ):
        raise ValueError(
            f"gridlock needs one status quo for every faction of {nation.name!r}, got "
            + ", ".join(repr(g.status_quo) for g in spatial)
        )
    if nation.side_payments is not None:
        raise ValueError(
            f"gridlock is defined without side-payments: {nation.name!r} has "
            f"{nation.side_payments!r}, and payments can buy off a veto player"
        )
    ideals = np.array([_plane_point(g.ideal) for g in spatial])
    if isinstance(nation.rule, NationalWelfare):
        salience = np.array([g.salience for g in spatial])
        centre = salience @ ideals / salience.sum()
        return in_hull(quo, [centre])
    return all(in_hull(quo, ideals[list(members)]) for members in nation.coalitions)


def _plane_point(value: float | Sequence[float]) -> tuple[float, float]:
    """A point of one issue as a point of the plane, so one hull test serves both."""
    coordinates = np.atleast_1d(np.asarray(value, dtype=np.float64))
    return (float(coordinates[0]), float(coordinates[1]) if coordinates.size > 1 else 0.0)
