"""Shared contracts: one test every ratification rule passes, one every gain family passes.

A new rule or gain family joins the kit by joining the parameter list here (style.md §9).
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import SPACES, additive, factions, linear, numbers, spatial

import negotiation_kit as nk

NAMESPACE = {name: getattr(nk, name) for name in nk.__all__}
CONTRACT = settings(max_examples=25, deadline=None)

RULES = [
    nk.Unanimity(),
    nk.NationalWelfare(),
    nk.Majority(),
    nk.Quota(0.5),
    nk.Quota(2 / 3),
    nk.Quota(1.0),
    nk.Quota(0.3),
    nk.Quota(1e-13),
    nk.Leader("f0"),
    nk.Leader("f1", vetoes=("f0", "f2")),
]
"""Rules for factions named f0, f1, f2, ... (at least three); ``Quota(1e-13)`` is a valid
share so small that rounding allowances could swallow it."""

# a gain clearly accepted (>= 0) or clearly refused, so rounding never decides
consents = st.one_of(st.just(0.0), numbers(0.001, 2.0), numbers(-2.0, -0.001))


def _frozen_hashable_and_copyable(thing: Any) -> None:
    twin = copy.deepcopy(thing)
    assert twin == thing and hash(twin) == hash(thing)
    field = dataclasses.fields(thing)[0].name if dataclasses.fields(thing) else "anything"
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(thing, field, getattr(thing, field, None))


@pytest.mark.parametrize("rule", RULES, ids=repr)
@given(data=st.data())
@CONTRACT
def test_every_rule_keeps_the_rule_contract(rule: Any, data: st.DataObject) -> None:
    dimension = data.draw(st.sampled_from([1, 2]), label="dimension")
    members = data.draw(factions("f", dimension, min_size=3, max_size=5), label="factions")
    n = len(members)
    nation = nk.Nation("Atlantica", members, rule=rule)
    gains = data.draw(hnp.arrays(np.float64, (n, data.draw(st.integers(1, 12))), elements=consents))

    # winning() is a reduction over the factions axis: one bool per point
    won = rule.winning(gains, members)
    assert isinstance(won, np.ndarray) and won.dtype == np.bool_ and won.shape == gains.shape[1:]
    # accepting everybody ratifies; refusing everybody blocks
    assert rule.winning(np.abs(gains), members).all()
    assert not rule.winning(-np.abs(gains) - 0.01, members).any()

    # coalitions: winning, minimal, and exactly the sets that decide
    coalitions = rule.coalitions(members)
    if isinstance(rule, nk.NationalWelfare):
        assert coalitions == (), "the national-welfare rule needs nobody's consent"
    else:
        assert coalitions
        for members_in in coalitions:
            consent = np.where(np.isin(np.arange(n), members_in), 1.0, -1.0)
            assert rule.winning(consent[:, None], members)[0], members_in
            for member in members_in:
                fewer = consent.copy()
                fewer[member] = -1.0
                assert not rule.winning(fewer[:, None], members)[0], (members_in, member)
        accepting = gains >= 0
        decided = np.array(
            [any(accepting[list(c), k].all() for c in coalitions) for k in range(gains.shape[1])]
        )
        np.testing.assert_array_equal(won, decided)

    # D* is zero exactly where the rule ratifies without payments (always, for W >= 0)
    z = SPACES[dimension].grid[::97] if dimension == 2 else np.linspace(-0.2, 1.2, 57)
    needed, ratified = nation.compensation(z), nation.ratifies(z)
    assert needed.shape == ratified.shape == (len(z),) and ratified.dtype == np.bool_
    assert np.all(needed[ratified] == 0)
    if coalitions:
        assert np.all(needed[~ratified] > 0)

    # frozen, hashable, and its repr rebuilds it
    _frozen_hashable_and_copyable(rule)
    assert eval(repr(rule), NAMESPACE) == rule


@pytest.mark.parametrize("share", [1e-13, 1e-12])
def test_a_vanishing_quota_still_needs_someone_to_accept(share: float) -> None:
    """Minimal case of the rule contract: ``Quota(share)`` for any valid share in (0, 1].

    docs/model.md §2: ratified iff the accepting weight is ``>= share * total``. Nobody accepting
    gives weight 0 < share * total, so the nation must refuse, and then ``D* > 0``.
    """
    members = [nk.Faction(f"f{k}", nk.Linear(1.0, 0.5)) for k in range(3)]
    nation = nk.Nation("Atlantica", members, rule=nk.Quota(share))
    refusing = np.full((3, 1), -1.0)
    assert not nk.Quota(share).winning(refusing, tuple(members))[0]
    assert not nation.ratifies(0.2)
    assert nation.compensation(0.2) > 0
    assert nk.Quota(share).coalitions(tuple(members)) == ((0,), (1,), (2,))


GAIN_FAMILIES = {
    "Linear": linear(),
    "Additive-one-issue": additive(1),
    "Additive-two-issues": additive(2),
    "Spatial-one-issue": spatial(1),
    "Spatial-two-issues": spatial(2),
}


def _accepts_a_half_line(gain: nk.Linear, z: np.ndarray) -> None:
    """``stake > 0`` accepts ``x >= reservation``, ``stake < 0`` accepts ``x <= reservation``."""
    assert gain(gain.reservation) == 0.0
    clear = np.abs(z - gain.reservation) > 1e-9
    side = z >= gain.reservation if gain.stake > 0 else z <= gain.reservation
    np.testing.assert_array_equal((gain(z) >= 0)[clear], side[clear])


def _accepts_a_half_plane(gain: nk.Additive, z: np.ndarray) -> None:
    """Affine gain (straight iso-gain lines) rising along ``weights``, zero on its edge."""
    values = gain(z)
    swapped = z[::-1]
    middle = gain(0.5 * (z + swapped))
    np.testing.assert_allclose(middle, 0.5 * (values + values[::-1]), rtol=1e-9, atol=1e-9)
    w = np.asarray(gain.weights)
    step = w if gain.dimension > 1 else w[0]
    assert np.all(gain(z + step) > values)
    edge = gain.threshold * w / (w @ w)
    assert gain(edge if gain.dimension > 1 else float(edge[0])) == pytest.approx(0.0, abs=1e-9)


def _accepts_a_disc_through_the_status_quo(gain: nk.Spatial, z: np.ndarray) -> None:
    """The disc centred on the ideal point whose edge passes through the status quo."""
    ideal, quo = np.atleast_1d(gain.ideal), np.atleast_1d(gain.status_quo)
    radius = np.linalg.norm(quo - ideal)
    scale = gain.salience * max(1.0, radius**2)

    def at(point: np.ndarray) -> float:
        return gain(point if gain.dimension > 1 else float(point[0]))

    assert at(quo) == pytest.approx(0.0, abs=1e-12 * scale)
    assert at(ideal) == pytest.approx(gain.salience * radius**2, rel=1e-12)
    for angle in np.linspace(0, 2 * np.pi, 7):
        turn = np.array([np.cos(angle), np.sin(angle)])[: gain.dimension]
        assert at(ideal + radius * turn / np.linalg.norm(turn)) == pytest.approx(
            0, abs=1e-9 * scale
        )
    points = z if gain.dimension > 1 else z[:, None]
    distance = np.linalg.norm(points - ideal, axis=1)
    clear = np.abs(distance - radius) > 1e-6
    np.testing.assert_array_equal((gain(z) >= 0)[clear], (distance <= radius)[clear])


ACCEPTANCE_SETS = {
    nk.Linear: _accepts_a_half_line,
    nk.Additive: _accepts_a_half_plane,
    nk.Spatial: _accepts_a_disc_through_the_status_quo,
}


@pytest.mark.parametrize("family", list(GAIN_FAMILIES))
@given(data=st.data())
@CONTRACT
def test_every_gain_family_keeps_the_gain_contract(family: str, data: st.DataObject) -> None:
    gain = data.draw(GAIN_FAMILIES[family], label="gain")
    d = gain.dimension
    shape = (data.draw(st.integers(1, 15), label="points"),) + ((d,) if d > 1 else ())
    z = data.draw(hnp.arrays(np.float64, shape, elements=numbers(-1.0, 2.0)), label="z")

    # vectorised: many points give an array, one point a float, and they agree
    values = gain(z)
    assert isinstance(values, np.ndarray) and values.dtype == np.float64
    assert values.shape == (len(z),)
    one_by_one = [gain(point if d > 1 else float(point)) for point in z]
    assert all(type(v) is float for v in one_by_one)
    np.testing.assert_allclose(values, one_by_one, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(gain(list(z)), values)

    # frozen and hashable (cached per plane by the grid code)
    _frozen_hashable_and_copyable(gain)

    # on one issue, coefficients() is the same polynomial
    if d == 1:
        c0, c1, c2 = gain.coefficients()
        np.testing.assert_allclose(c0 + c1 * z + c2 * z**2, values, rtol=1e-9, atol=1e-9)
    else:
        with pytest.raises(ValueError, match="one issue"):
            gain.coefficients()

    # the acceptance set of its family
    ACCEPTANCE_SETS[type(gain)](gain, z)

    # points of the wrong dimension, or not finite, are refused naming z
    with pytest.raises(ValueError, match=r"\bz\b"):
        gain(np.zeros((len(z), d + 1)))
    broken = np.array(z, dtype=float)
    broken.flat[0] = np.nan
    with pytest.raises(ValueError, match=r"\bz\b"):
        gain(broken)
