"""One nation's ratification probability and expected gains under uncertain reservations.

docs/model.md §8. Faction ``i`` with ``Linear(s_i, Uniform(a_i, b_i))`` has the realised gain
``g_i(x; r_i) = s_i (x - r_i)``, ``r_i`` uniform on ``[a_i, b_i]`` (width ``w_i``), drawn after
agreement and independently of every other reservation. Every quantity below is, between
*breakpoints*, a polynomial in ``x``, computed exactly (no sampling):

**One faction.** Write ``e_i(x)`` for how far ``x`` lies into the faction's acceptance range
(``x - a_i`` if ``s_i > 0``, ``b_i - x`` if ``s_i < 0``). Its acceptance probability and its
expected gain *on acceptance* are

- ``p_i(x) = clip(e_i / w_i, 0, 1)``,
- ``G_i+(x) = E[g_i 1{g_i >= 0}] = |s_i| e_i**2 / (2 w_i)`` while ``0 <= e_i <= w_i``,
  ``0`` below, ``s_i (x - mean_i)`` above; ``G_i- = s_i (x - mean_i) - G_i+``.

A certain faction has ``p_i`` in ``{0, 1}`` and ``G_i+ = g_i p_i``.

**Rules that count consents** (unanimity, quotas, majority, a leader with vetoes). The verdict
depends only on which factions accept. Summing over the sets ``U`` of uncertain factions that
accept (the certain ones are fixed), with ``win(U)`` the rule's verdict,

- ``P(x) = sum_U win(U) prod_{i in U} p_i prod_{i not in U} (1 - p_i)``,
- ``E[g_i 1{ratified}] = sum_U win(U) G_i^{+ if i in U else -} prod_{j != i} (p_j or 1 - p_j)``

for an uncertain faction (condition on its own acceptance: the others are independent of
``r_i``); ``g_i P`` for a certain one. Breakpoints: ``a_i``, ``b_i`` and the certain gains' roots.

**National welfare** (the unitary benchmark). Write ``s_i r_i = base_i + d_i u_i`` with
``u_i`` uniform on ``[0, 1]``, ``d_i = |s_i| w_i``, ``base_i = min(s_i a_i, s_i b_i)``, and
``tau(x) = sum_certain g_j(x) + sum_uncertain (s_i x - base_i)``, so ``W = tau - sum d_i u_i``.
With ``m`` uncertain factions, ``D_S = sum_{i in S} d_i`` and ``(y)_+ = max(y, 0)``, the volume
of a box cut by a half-space gives

- ``P(x) = F(tau) = sum_S (-1)^|S| (tau - D_S)_+^m / (m! prod d)``,
- ``E[u_i 1{ratified}] = sum_{S not containing i} (-1)^|S| / ((m-1)! prod_{j != i} d_j d_i^2)
  [((A)_+^(m+1) - (A - d_i)_+^(m+1)) / (m (m+1)) - d_i (A - d_i)_+^m / m]`` with
  ``A = tau - D_S`` (integrate ``u F_others(tau - d_i u)`` over ``u``),
- ``E[g_i 1{ratified}] = (s_i x - base_i) P - d_i E[u_i 1{ratified}]``.

Breakpoints: the roots of ``tau(x) = D_S``. A faction whose ``d_i`` is below ``FOLD`` times the
largest is taken at its mean (error of order ``FOLD`` in ``P``; the alternating sums above lose
their precision when the ``d_i`` differ by more). Polynomials are written in ``t = x - anchor``
around a point of their piece (``_local``), which keeps narrow pieces well conditioned.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from . import _local, _poly, one_issue, ratification
from ._checks import FloatArray
from .gains import Linear
from .rules import NationalWelfare
from .uncertainty import Uniform, is_uncertain, is_uncertain_nation

if TYPE_CHECKING:
    from .party import Party

FOLD = 1e-7
"""Uncertain factions with ``d_i`` below this share of the largest count as certain (at the
mean)."""

Local = tuple[FloatArray, FloatArray]
"""``(P, gains)``: the probability, shape ``(n, size)``, and each faction's
``E[g_i 1{ratified}]``, shape ``(F, n, size)``."""


def local(nation: Party, anchors: FloatArray, size: int, *, exact: bool = False) -> Local:
    """Ratification probability and expected gains as polynomials in ``t = x - anchor``.

    Valid at each anchor and on the open piece (between breakpoints) around it; ``size=1``
    evaluates at the anchors. ``exact`` decides certain consents without rounding allowance
    (for anchors strictly between breakpoints).
    """
    if not is_uncertain_nation(nation):
        return _certain(nation, anchors, size, exact)
    if isinstance(nation.rule, NationalWelfare):
        return _national_welfare(nation, anchors, size)
    return _consents(nation, anchors, size, exact)


def _certain(nation: Party, anchors: FloatArray, size: int, exact: bool) -> Local:
    gains = ratification.gains(nation, anchors, exact=exact)
    ratified = ratification.ratifies(nation, gains, exact=exact).astype(float)
    polys = np.stack(
        [_local.shifted(f.gain.coefficients(), anchors, size) for f in nation.factions]
    )
    polys[:, :, 0] = gains
    return _local.constant(ratified, (anchors.size,), size), polys * ratified[None, :, None]


def net_welfare(
    nation: Party, anchors: FloatArray, size: int, *, exact: bool = False
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(P, E[N 1{ratified}], gains)``: ``local`` with the factions' gains summed into ``N``.

    A certain nation with side-payments counts the deadweight of its payments (``N``, not
    ``W``); an uncertain nation has none (docs/model.md §8).
    """
    probability, gains = local(nation, anchors, size, exact=exact)
    if nation.side_payments is None or is_uncertain_nation(nation):
        return probability, gains.sum(axis=0), gains
    polys = np.stack(
        [
            _local.shifted(one_issue.net_welfare_poly(nation, x), np.array([x]), size)[0]
            for x in anchors
        ]
    )
    polys[:, 0] = ratification.net_welfare(nation, ratification.gains(nation, anchors, exact=exact))
    return probability, polys * probability[:, :1], gains


# --- one uncertain faction --------------------------------------------------------------------


def _faction(gain: Linear, anchors: FloatArray, size: int) -> tuple[FloatArray, ...]:
    """``p, 1 - p, G+, G-`` of one uncertain faction at the anchors, each ``(n, size)``."""
    r = gain.reservation
    assert isinstance(r, Uniform)
    s, w = gain.stake, r.width
    into = anchors - r.low if s > 0 else r.high - anchors
    e = _local.line(into, math.copysign(1.0, s), size)
    middle = ((into > 0) & (into < w))[:, None]
    above = (into >= w)[:, None]
    full = _local.line(s * (anchors - r.mean), s, size)  # s (x - mean): the expected gain
    p = np.where(middle, e / w, np.where(above, _local.constant(1.0, anchors.shape, size), 0.0))
    half_square = abs(s) / (2 * w) * _local.multiply(e, e, size)
    plus = np.where(middle, half_square, np.where(above, full, 0.0))
    return p, _local.constant(1.0, anchors.shape, size) - p, plus, full - plus


def _subsets(k: int) -> np.ndarray:
    """Every subset of ``k`` items as rows of booleans, shape ``(2**k, k)``."""
    return ((np.arange(2**k)[:, None] >> np.arange(k)) & 1).astype(bool)


# --- rules that count consents ----------------------------------------------------------------


def _consents(nation: Party, anchors: FloatArray, size: int, exact: bool) -> Local:
    factions = nation.factions
    unsure = [k for k, f in enumerate(factions) if is_uncertain(f.gain)]
    n, subsets = anchors.size, _subsets(len(unsure))
    gains = ratification.gains(nation, anchors, exact=exact)
    consent = np.repeat(np.where(gains >= 0, 1.0, -1.0)[:, :, None], len(subsets), axis=2)
    consent[unsure] = np.where(subsets.T, 1.0, -1.0)[:, None, :]
    won = nation.rule.winning(consent.reshape(len(factions), -1), factions)
    won = won.reshape(n, len(subsets)).astype(float)[:, :, None]  # (n, subsets, 1)

    parts = [_faction(factions[k].gain, anchors, size) for k in unsure]  # type: ignore[arg-type]
    # factor[i]: p_i where i accepts in the subset, 1 - p_i where it refuses; (n, subsets, size)
    factor = [np.where(subsets[None, :, i, None], p[:, None], q[:, None]) for i, (p, q, _, _) in
              enumerate(parts)]  # fmt: skip

    def product(skip: int | None) -> FloatArray:
        out = _local.constant(1.0, (n, len(subsets)), size)
        for i, f in enumerate(factor):
            if i != skip:
                out = _local.multiply(out, f, size)
        return out

    probability = (won * product(None)).sum(axis=1)
    expected = np.empty((len(factions), n, size))
    for k, f in enumerate(factions):
        if k not in unsure:  # a certain gain: g_k P
            g = _local.shifted(f.gain.coefficients(), anchors, size)
            g[:, 0] = gains[k]
            expected[k] = _local.multiply(g, probability, size)
    for i, k in enumerate(unsure):
        _, _, plus, minus = parts[i]
        own = np.where(subsets[None, :, i, None], plus[:, None], minus[:, None])
        expected[k] = (won * _local.multiply(own, product(i), size)).sum(axis=1)
    return probability, expected


# --- national welfare -------------------------------------------------------------------------


def _split(nation: Party) -> tuple[list[int], list[int]]:
    """Indices of the uncertain factions kept uncertain, and of those taken at their mean."""
    unsure = [k for k, f in enumerate(nation.factions) if is_uncertain(f.gain)]
    spread = {k: _spread(nation.factions[k].gain) for k in unsure}  # type: ignore[arg-type]
    if len(unsure) < 2:
        return unsure, []
    largest = max(spread.values())
    kept = [k for k in unsure if spread[k] > FOLD * largest]
    return kept, [k for k in unsure if k not in kept]


def _spread(gain: Linear) -> float:
    r = gain.reservation
    assert isinstance(r, Uniform)
    return abs(gain.stake) * r.width


def _base(gain: Linear) -> float:
    r = gain.reservation
    assert isinstance(r, Uniform)
    return min(gain.stake * r.low, gain.stake * r.high)


def _tau(nation: Party, kept: list[int]) -> tuple[float, float, float]:
    """``tau(x) = sum_certain g_j(x) + sum_kept (s_i x - base_i)`` as global coefficients."""
    c = [0.0, 0.0, 0.0]
    for k, f in enumerate(nation.factions):
        if k in kept:
            gain = f.gain
            assert isinstance(gain, Linear)
            terms: tuple[float, ...] = (-_base(gain), gain.stake, 0.0)
        else:
            terms = f.gain.coefficients()
        c = [a + b for a, b in zip(c, terms, strict=True)]
    return (c[0], c[1], c[2])


def _national_welfare(nation: Party, anchors: FloatArray, size: int) -> Local:
    factions = nation.factions
    kept, _ = _split(nation)
    n = anchors.size
    spreads = np.array([_spread(factions[k].gain) for k in kept])  # type: ignore[arg-type]
    tau = _local.shifted(_tau(nation, kept), anchors, size)
    tau[:, 0] = 0.0
    for k, f in enumerate(factions):  # the value at the anchor, term by term
        gain = f.gain
        if k in kept:
            assert isinstance(gain, Linear)
            tau[:, 0] += gain.stake * anchors - _base(gain)
        else:
            tau[:, 0] += gain.evaluate(anchors)
    # Above the middle of its range, sum d_i u_i is measured from the top (each d_i (1 - u_i)
    # has the law of d_i u_i): P = 1 - F(sum d - tau), and the alternating sums stay small.
    total = float(spreads.sum())
    top = (tau[:, 0] > 0.5 * total)[:, None]
    reflected = _local.constant(total, (n,), size) - tau
    low_p, low_u = _box(np.where(top, reflected, tau), spreads, size)
    ones = _local.constant(1.0, (n,), size)
    probability = np.where(top, ones - low_p, low_p)

    expected = np.empty((len(factions), n, size))
    for k, f in enumerate(factions):
        if k not in kept:
            g = _local.shifted(f.gain.coefficients(), anchors, size)
            g[:, 0] = f.gain.evaluate(anchors)
            expected[k] = _local.multiply(g, probability, size)
    for i, k in enumerate(kept):
        gain = factions[k].gain
        assert isinstance(gain, Linear)
        d = spreads[i]
        own = _local.line(gain.stake * anchors - _base(gain), gain.stake, size)  # g_i + d_i u_i
        direct = _local.multiply(own, low_p, size) - d * low_u[i]
        # from the top: E[g_i 1R] = E[g_i] - E[g_i 1{not R}], with u_i reflected
        mean = own - _local.constant(0.5 * d, (n,), size)
        refused = _local.multiply(own - _local.constant(d, (n,), size), low_p, size) + d * low_u[i]
        expected[k] = np.where(top, mean - refused, direct)
    return probability, expected


def _box(tau: FloatArray, spreads: FloatArray, size: int) -> tuple[FloatArray, FloatArray]:
    """``F(tau) = Prob(sum d_i u_i <= tau)`` and each ``E[u_i 1{sum d_j u_j <= tau}]``.

    The volume of the unit box ``[0, 1]^m`` (scaled by ``d``) below the hyperplane, by
    inclusion and exclusion over the box's corners (see the module's docstring).
    """
    m, n = len(spreads), tau.shape[0]

    def positive(shift: FloatArray, power: int) -> FloatArray:
        """``(tau - shift)_+ ** power`` per shift, shape ``(shifts, n, size)``."""
        a = tau[None] - _local.constant(shift[:, None], (len(shift), n), size)
        return _local.power(a, power, size) * (a[..., :1] > 0)

    subsets = _subsets(m)
    signs = np.where(subsets.sum(axis=1) % 2, -1.0, 1.0)
    scale = math.factorial(m) * float(np.prod(spreads))
    probability = np.tensordot(signs, positive(subsets @ spreads, m), axes=1) / scale
    means = np.empty((m, n, size))
    for i, d in enumerate(spreads):
        others = subsets[~subsets[:, i]]
        shift = others @ spreads
        sign = np.where(others.sum(axis=1) % 2, -1.0, 1.0)
        norm = math.factorial(m - 1) * float(np.prod(np.delete(spreads, i))) * d * d
        upper = (positive(shift, m + 1) - positive(shift + d, m + 1)) / (m * (m + 1))
        term = upper - d * positive(shift + d, m) / m
        means[i] = np.tensordot(sign, term, axes=1) / norm
    return probability, means


# --- breakpoints and points -------------------------------------------------------------------


def cuts(nation: Party, low: float, high: float) -> tuple[float, ...]:
    """Every point of ``[low, high]`` where the nation's ``P`` or expected gains may change form."""
    if not is_uncertain_nation(nation):
        return one_issue.cuts(nation, low, high)
    points = {low, high}
    if isinstance(nation.rule, NationalWelfare):
        kept, _ = _split(nation)
        spreads = np.array([_spread(nation.factions[k].gain) for k in kept])  # type: ignore[arg-type]
        tau = _tau(nation, kept)
        for shift in _subsets(len(kept)) @ spreads:
            points.update(_poly.roots_between((tau[0] - shift, tau[1], tau[2]), low, high))
        return tuple(sorted(points))
    for f in nation.factions:
        r = getattr(f.gain, "reservation", None)
        if isinstance(r, Uniform):
            points.update(x for x in (r.low, r.high) if low < x < high)
        else:
            points.update(_poly.roots_between(f.gain.coefficients(), low, high))
    return tuple(sorted(points))


def ratification_probability(nation: Party, x: FloatArray) -> FloatArray:
    """``P(x)`` at each point (1 or 0 for a certain nation), clipped into ``[0, 1]``."""
    if not is_uncertain_nation(nation):
        return ratification.ratifies(nation, ratification.gains(nation, x)).astype(float)
    probability, _ = local(nation, x, 1)
    return np.clip(probability[:, 0], 0.0, 1.0)
