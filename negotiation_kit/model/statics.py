"""Comparative statics on one issue: a negotiation swept over one faction's reservation.

The exact one-issue solver (``line.py``) handles any gains and rules by root finding, about
half a millisecond an outcome: too slow for a curve of two hundred points redrawn at every
slider step. When every faction is ``Linear``, each nation's rule is ``NationalWelfare`` or
names one set of veto players (``Unanimity``, ``Leader``) and there are no side-payments,
the whole curve has a closed form, computed here for all values at once (docs/model.md §2):

- national welfare is ``W(x) = S (x - r_bar)``: ``S`` the sum of the stakes, ``r_bar`` the
  stake-weighted mean reservation;
- a win-set is the overlap of the veto players' acceptance sets (from the highest
  reservation of those with ``stake > 0`` up to the lowest of those with ``stake < 0``),
  or ``W >= 0`` under ``NationalWelfare``, within the issue line;
- the zone is the overlap of the two win-sets;
- ``nash``: ``N_A N_B = -S_A S_B (x - r_A)(x - r_B)`` peaks at the midpoint of ``r_A``
  and ``r_B``, clipped into the part of the zone where both nations gain; ``split``: the
  zone's midpoint, if both gain there (Nash 1950; docs/model.md §2).

``tests/test_statics.py`` checks every number against ``Negotiation`` to 1e-9.

Examples
--------
>>> from negotiation_kit.model.bargaining import _example
>>> talks = _example()  # docs/model.md E2: the steelworkers are a hawk with a veto
>>> swept = sweep(talks, "steelworkers", [0.6, 0.9])
>>> swept.agreement.tolist(), swept.welfare["Atlantica"].round(12).tolist()
([0.6, nan], [0.4, 0.0])
>>> desirability_sweep(talks, "Atlantica", "steelworkers", [0.6, 0.9]).round(12).tolist()
[0.1, -0.225]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .bargaining import Negotiation
from .gains import Linear
from .nations import Nation
from .rules import NationalWelfare
from .spaces import Line
from .uncertainty import MIN_WIDTH, Uniform

FloatArray = NDArray[np.float64]
Edges = tuple[FloatArray, FloatArray]
"""Lower and upper edge of an interval per value (empty where lower > upper)."""


@dataclass(frozen=True)
class Sweep:
    """A one-issue negotiation at every value of one faction's reservation.

    ``win_sets`` maps each nation's name to the edges of its win-set, ``zone`` gives the
    edges of the zone of agreement (empty where the lower edge exceeds the upper one),
    ``agreement`` the outcome (NaN: no agreement) and ``welfare`` each nation's net
    welfare (0 without agreement), one entry per value.
    """

    values: FloatArray
    win_sets: dict[str, Edges]
    zone: Edges
    agreement: FloatArray
    welfare: dict[str, FloatArray]

    def length(self, edges: Edges) -> FloatArray:
        """The length of a win-set or of the zone (0 where it is empty)."""
        low, high = edges
        return np.maximum(high - low, 0.0)


def sweep(negotiation: Negotiation, faction: str, reservations: ArrayLike) -> Sweep:
    """The negotiation with ``faction``'s reservation set to each of ``reservations``.

    Parameters
    ----------
    negotiation
        On ``nk.Line``, every faction ``Linear``, each nation's rule ``NationalWelfare``,
        ``Unanimity`` or ``Leader``, no side-payments, the nations' welfare rising in
        opposite directions (``S_A`` and ``S_B`` of opposite signs).
    faction
        The name of a faction of either nation.
    reservations
        The values of its reservation, any shape (flattened).
    """
    values = np.asarray(reservations, dtype=float).ravel()
    space = negotiation.space
    if not isinstance(space, Line):
        raise ValueError("negotiation must be on one issue (nk.Line) to be swept")
    nations = (negotiation.a, negotiation.b)
    names = [f.name for nation in nations for f in nation.factions]
    if faction not in names:
        raise ValueError(f"faction must name a faction of either nation {names}, got {faction!r}")
    linear = [_linear(nation, faction, values) for nation in nations]
    slopes = [stake.sum(axis=0) for stake, _ in linear]  # S of W(x) = S (x - r_bar)
    if not np.all(slopes[0] * slopes[1] < 0):
        raise ValueError(
            "the nations' welfare must rise in opposite directions on the issue (stakes summing "
            "to opposite signs) for the closed form"
        )
    centres = [(s * r).sum(axis=0) / slope for (s, r), slope in zip(linear, slopes, strict=True)]
    edges = [
        _win_set(nation, s, r, slope, centre, space)
        for nation, (s, r), slope, centre in zip(nations, linear, slopes, centres, strict=True)
    ]
    zone = np.maximum(edges[0][0], edges[1][0]), np.minimum(edges[0][1], edges[1][1])
    # where both nations gain: x >= r_bar if a nation's welfare rises with x, else x <= r_bar
    least, most = zone
    for slope, centre in zip(slopes, centres, strict=True):
        least = np.where(slope > 0, np.maximum(least, centre), least)
        most = np.where(slope < 0, np.minimum(most, centre), most)
    slack = [nation.slack for nation in nations]
    if negotiation.solution == "split":
        point = 0.5 * (zone[0] + zone[1])
        welfare = [s * (point - c) for s, c in zip(slopes, centres, strict=True)]
        deal = zone[0] <= zone[1]
        for net, allowance in zip(welfare, slack, strict=True):
            deal &= net >= -allowance
    else:
        point = np.clip(0.5 * (centres[0] + centres[1]), least, most)
        welfare = [s * (point - c) for s, c in zip(slopes, centres, strict=True)]
        deal = (zone[0] <= zone[1]) & (least <= most + 1e-12)
    return Sweep(
        values=values,
        win_sets={nation.name: e for nation, e in zip(nations, edges, strict=True)},
        zone=zone,
        agreement=np.where(deal, point, np.nan),
        welfare={n.name: np.where(deal, w, 0.0) for n, w in zip(nations, welfare, strict=True)},
    )


def desirability_sweep(
    negotiation: Negotiation, nation_name: str, faction: str, reservations: ArrayLike
) -> FloatArray:
    """``Δ`` of ``nation_name`` (as ``Negotiation.desirability``) at every reservation.

    The unitary benchmark is swept too: the faction's reservation moves the nation's
    stake-weighted mean reservation ``r_bar``, and with it what a unitary nation gets.
    """
    sides = {negotiation.a.name: "a", negotiation.b.name: "b"}
    if nation_name not in sides:
        raise ValueError(f"nation_name must be one of {tuple(sides)}, got {nation_name!r}")
    side = sides[nation_name]
    unitary = dataclasses.replace(negotiation, **{side: getattr(negotiation, side).unitary()})
    divided = sweep(negotiation, faction, reservations).welfare[nation_name]
    return divided - sweep(unitary, faction, reservations).welfare[nation_name]


def _linear(nation: Nation, faction: str, values: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Stakes and reservations, shape (factions, values), ``faction``'s set to ``values``."""
    if nation.side_payments is not None:
        raise ValueError(f"nation {nation.name!r} has side-payments: the closed form has none")
    gains = [f.gain for f in nation.factions]
    if not all(isinstance(g, Linear) for g in gains):
        raise ValueError(f"every faction of {nation.name!r} must have a Linear gain to be swept")
    shape = (len(gains), values.size)
    linear = [g for g in gains if isinstance(g, Linear)]
    if any(isinstance(g.reservation, Uniform) for g in linear):
        raise ValueError(f"every reservation in {nation.name!r} must be a number to be swept")
    stakes = np.array([[g.stake] for g in linear]) * np.ones(shape)
    reservations = np.array([[g.reservation] for g in linear]) * np.ones(shape)
    for k, f in enumerate(nation.factions):
        if f.name == faction:
            reservations[k] = values
    return stakes, reservations


def _win_set(
    nation: Nation,
    stakes: FloatArray,
    reservations: FloatArray,
    slope: FloatArray,
    centre: FloatArray,
    space: Line,
) -> Edges:
    """The edges of the nation's win-set at every value."""
    low, high = np.full(centre.shape, space.low), np.full(centre.shape, space.high)
    if isinstance(nation.rule, NationalWelfare):
        return np.where(slope > 0, np.maximum(centre, low), low), np.where(
            slope < 0, np.minimum(centre, high), high
        )
    coalitions: Sequence[tuple[int, ...]] = nation.coalitions
    if len(coalitions) != 1:
        raise ValueError(
            f"the rule of {nation.name!r} must be NationalWelfare, Unanimity or Leader "
            f"(one set of veto players) to be swept, got {nation.rule!r}"
        )
    vetoes = np.zeros(len(nation.factions), dtype=bool)
    vetoes[list(coalitions[0])] = True
    floors = np.where(vetoes[:, None] & (stakes > 0), reservations, -np.inf)
    ceilings = np.where(vetoes[:, None] & (stakes < 0), reservations, np.inf)
    return np.maximum(floors.max(axis=0), low), np.minimum(ceilings.min(axis=0), high)


@dataclass(frozen=True)
class WidthSweep:
    """A one-issue negotiation at every width of one faction's uncertain reservation.

    ``widths`` are the widths ``high - low`` around the reservation's middle (0: known for
    sure); ``agreement`` is the Nash outcome (NaN: no agreement), ``welfare`` each nation's
    expected net welfare there (0 without agreement) and ``ratification_probability`` the
    chance that both nations ratify it (0 without agreement), one entry per width
    (docs/model.md §8).
    """

    widths: FloatArray
    agreement: FloatArray
    welfare: dict[str, FloatArray]
    ratification_probability: FloatArray


def width_sweep(negotiation: Negotiation, faction: str, widths: ArrayLike) -> WidthSweep:
    """The negotiation with ``faction``'s reservation spread evenly over each of ``widths``.

    The reservation becomes ``nk.Uniform(middle - width / 2, middle + width / 2)`` around its
    middle (the number itself, or the middle of its ``Uniform``); a width of 0 makes it the
    certain ``middle``. Every entry is the exact uncertain outcome (docs/model.md §8), a few
    milliseconds each: sweep tens of widths, not thousands.

    Parameters
    ----------
    negotiation
        On ``nk.Line``, solved by ``nash``.
    faction
        The name of a faction of either nation whose gain is ``nk.Linear``.
    widths
        Widths of the uncertainty, each finite and at least 0, any shape (flattened).

    Examples
    --------
    >>> from negotiation_kit.model.bargaining import _example
    >>> talks = _example()  # docs/model.md E2; widths 0.2 and 0.4 are U1 and U2 (§8)
    >>> swept = width_sweep(talks, "steelworkers", [0.0, 0.2, 0.4])
    >>> swept.welfare["Atlantica"].round(6).tolist()
    [0.4, 0.5, 0.362132]
    >>> swept.ratification_probability.round(6).tolist()
    [1.0, 1.0, 0.707107]
    """
    values = np.asarray(widths, dtype=float).ravel()
    if not isinstance(negotiation.space, Line):
        raise ValueError("negotiation must be on one issue (nk.Line) to sweep a width")
    if not np.all(np.isfinite(values) & (values >= 0)):
        raise ValueError(f"widths must be finite numbers of at least 0, got {values.tolist()}")
    side, index, gain = _uncertain_faction(negotiation, faction)
    middle = gain.reservation.mean if isinstance(gain.reservation, Uniform) else gain.reservation
    nation = getattr(negotiation, side)
    agreement, chance = np.full(values.size, np.nan), np.zeros(values.size)
    welfare = {negotiation.a.name: np.zeros(values.size), negotiation.b.name: np.zeros(values.size)}
    for k, width in enumerate(values):
        low, high = middle - 0.5 * width, middle + 0.5 * width
        certain = high - low <= MIN_WIDTH * max(1.0, abs(low), abs(high))
        reservation = middle if certain else Uniform(low, high)
        factions = list(nation.factions)
        factions[index] = dataclasses.replace(factions[index], gain=Linear(gain.stake, reservation))
        told = dataclasses.replace(nation, factions=tuple(factions))
        outcome = dataclasses.replace(negotiation, **{side: told}).outcome()
        if outcome.agreement is not None:
            agreement[k] = outcome.agreement
            chance[k] = outcome.ratification_probability
            for name, value in outcome.welfare.items():
                welfare[name][k] = value
    return WidthSweep(values, agreement, welfare, chance)


def _uncertain_faction(negotiation: Negotiation, faction: str) -> tuple[str, int, Linear]:
    """Which nation (``"a"`` or ``"b"``), which faction and its ``Linear`` gain."""
    names = []
    for side in ("a", "b"):
        for k, f in enumerate(getattr(negotiation, side).factions):
            names.append(f.name)
            if f.name == faction:
                if not isinstance(f.gain, Linear):
                    raise ValueError(
                        f"faction {faction!r} must have a Linear gain to sweep the width of its "
                        f"reservation, got {f.gain!r}"
                    )
                return side, k, f.gain
    raise ValueError(f"faction must name a faction of either nation {names}, got {faction!r}")
