"""The worked examples of docs/model.md §5, each a named test with the numbers stated there."""

from __future__ import annotations

import dataclasses
import math

import pytest
from builders import nation

import negotiation_kit as nk
from negotiation_kit.model import gridlock

EXACT = 1e-9


def talks(a: nk.Nation, b: nk.Nation, solution: str = "nash") -> nk.Negotiation:
    return nk.Negotiation(a, b, nk.Line(), solution=solution)


def assert_intervals(found: list[tuple[float, float]], expected: list[tuple[float, float]]) -> None:
    assert len(found) == len(expected), found
    for (lo, hi), (elo, ehi) in zip(found, expected, strict=True):
        assert lo == pytest.approx(elo, abs=EXACT) and hi == pytest.approx(ehi, abs=EXACT)


def assert_outcome(t: nk.Negotiation, agreement: float, n_a: float, n_b: float) -> None:
    out = t.outcome()
    assert out.agreement == pytest.approx(agreement, abs=EXACT)
    assert out.welfare[t.a.name] == pytest.approx(n_a, abs=EXACT)
    assert out.welfare[t.b.name] == pytest.approx(n_b, abs=EXACT)


E1 = nation("Atlantica", ("Atlantica", nk.Linear(1, 0.2)))
E2 = nation("Atlantica", ("dove", nk.Linear(0.5, -0.2)), ("hawk", nk.Linear(0.5, 0.6)))
E3 = nation("Atlantica", ("dove", nk.Linear(0.5, -0.5)), ("hawk", nk.Linear(0.5, 0.9)))
E4_FACTIONS = [
    nk.Faction("doves", nk.Linear(1 / 3, -0.15), weight=0.25),
    nk.Faction("centre", nk.Linear(1 / 3, 0.2), weight=0.35),
    nk.Faction("hawks", nk.Linear(1 / 3, 0.55), weight=0.40),
]


def e4(rule: object) -> nk.Nation:
    return nk.Nation("Atlantica", E4_FACTIONS, rule=rule)  # type: ignore[arg-type]


@pytest.mark.parametrize("a", [E1, E2, E3, e4(nk.Unanimity())], ids=["E1", "E2", "E3", "E4"])
def test_every_example_has_the_same_national_interest(a: nk.Nation) -> None:
    """A's factions are chosen so that W_A(x) = x - 0.2 in every one-issue case."""
    for x in (0.0, 0.3, 0.75, 1.0):
        assert a.welfare(x) == pytest.approx(x - 0.2, abs=EXACT)


def test_e1_unitary_baseline(borealia: nk.Nation) -> None:
    assert_intervals(talks(E1, borealia).zone().intervals, [(0.2, 0.8)])
    assert_outcome(talks(E1, borealia), 0.5, 0.3, 0.3)
    assert_outcome(talks(E1, borealia, "split"), 0.5, 0.3, 0.3)


def test_e2_tied_hands(borealia: nk.Nation) -> None:
    assert_intervals(E2.win_set(nk.Line()).intervals, [(0.6, 1.0)])
    assert_intervals(talks(E2, borealia).zone().intervals, [(0.6, 0.8)])
    assert_outcome(talks(E2, borealia), 0.6, 0.4, 0.2)
    assert_outcome(talks(E2, borealia, "split"), 0.7, 0.5, 0.1)
    assert talks(E2, borealia).desirability("Atlantica") == pytest.approx(0.1, abs=EXACT)
    assert talks(E2, borealia, "split").desirability("Atlantica") == pytest.approx(0.2, abs=EXACT)


def test_e2_benchmark_is_e1(borealia: nk.Nation) -> None:
    """The unitary benchmark of E2 is E1's outcome: 0.5, welfare 0.3 each; Δ = 0.4 - 0.3."""
    benchmark = talks(E2, borealia).benchmark("Atlantica")
    assert benchmark.agreement == pytest.approx(0.5, abs=EXACT)
    assert benchmark.welfare == pytest.approx({"Atlantica": 0.3, "Borealia": 0.3}, abs=EXACT)
    unitary = talks(E2.unitary(), borealia)
    assert unitary.benchmark("Atlantica") is unitary.outcome()
    assert talks(E2, borealia).desirability("Atlantica") == pytest.approx(0.1, abs=EXACT)


def test_e2_with_national_welfare_rule_is_e1_again(borealia: nk.Nation) -> None:
    plain = dataclasses.replace(E2, rule=nk.NationalWelfare())
    assert_intervals(talks(plain, borealia).zone().intervals, [(0.2, 0.8)])
    assert_outcome(talks(plain, borealia), 0.5, 0.3, 0.3)
    assert_outcome(talks(plain, borealia, "split"), 0.5, 0.3, 0.3)


def test_e3_too_hawkish(borealia: nk.Nation) -> None:
    assert_intervals(E3.win_set(nk.Line()).intervals, [(0.9, 1.0)])
    t = talks(E3, borealia)
    assert t.zone().is_empty
    assert t.outcome().agreement is None
    assert t.outcome().welfare == {"Atlantica": 0.0, "Borealia": 0.0}
    assert t.desirability("Atlantica") == pytest.approx(-0.3, abs=EXACT)


@pytest.mark.parametrize("rule", [nk.Unanimity(), nk.Quota(2 / 3), nk.Leader("hawks")])
def test_e4_unanimity_quota_and_hawk_leader(rule: object, borealia: nk.Nation) -> None:
    assert_intervals(talks(e4(rule), borealia).zone().intervals, [(0.55, 0.8)])
    assert talks(e4(rule), borealia).outcome().agreement == pytest.approx(0.55, abs=EXACT)
    assert talks(e4(rule), borealia, "split").outcome().agreement == pytest.approx(0.675, abs=EXACT)


def test_e4_majority(borealia: nk.Nation) -> None:
    assert_intervals(e4(nk.Majority()).win_set(nk.Line()).intervals, [(0.2, 1.0)])
    assert talks(e4(nk.Majority()), borealia).outcome().agreement == pytest.approx(0.5, abs=EXACT)
    split = talks(e4(nk.Majority()), borealia, "split")
    assert split.outcome().agreement == pytest.approx(0.5, abs=EXACT)


def test_e4_dove_leader(borealia: nk.Nation) -> None:
    dove = e4(nk.Leader("doves"))
    assert_intervals(talks(dove, borealia).zone().intervals, [(0.0, 0.8)])
    assert talks(dove, borealia).outcome().agreement == pytest.approx(0.5, abs=EXACT)
    split = talks(dove, borealia, "split")
    assert split.outcome().agreement == pytest.approx(0.4, abs=EXACT)
    assert split.desirability("Atlantica") == pytest.approx(-0.1, abs=EXACT)


@pytest.mark.parametrize("a", [E2, E3], ids=["E2", "E3"])
def test_e5_payments_restore_the_national_win_set(a: nk.Nation, borealia: nk.Nation) -> None:
    paying = dataclasses.replace(a, side_payments=nk.SidePayments(efficiency=1))
    assert_intervals(paying.win_set(nk.Line()).intervals, [(0.2, 1.0)])
    assert talks(paying, borealia).outcome().agreement == pytest.approx(0.5, abs=EXACT)


Q = (0.0, 0.0)
SPATIAL_PLANE = nk.Plane(x=(-3, 3), y=(-3, 3))
EAST = nk.Faction("east", nk.Spatial((2, 0), Q))
NORTH = nk.Faction("north", nk.Spatial((0, 2), Q))
SOUTHWEST = nk.Faction("southwest", nk.Spatial((-1, -1), Q))


def test_e6_spatial_gridlock() -> None:
    gridlocked = nk.Nation("Atlantica", [EAST, NORTH, SOUTHWEST])
    win_set = gridlocked.win_set(SPATIAL_PLANE)
    assert win_set.is_empty
    assert win_set.area == 0.0
    assert gridlocked.ratifies(Q), "the status quo itself is always ratified"
    assert gridlock.gridlocked(gridlocked)
    assert gridlock.veto_players(gridlocked) == ("east", "north", "southwest")


def test_e6_gridlock_ends_when_the_status_quo_leaves_the_hull() -> None:
    """The farm lobby (southwest) moves to (1, 1): the status quo (0, 0) is outside the hull of
    the three ideal points, and the win-set opens; under majority it was never gridlocked."""
    moved = nk.Faction("southwest", nk.Spatial((1, 1), Q))
    free = nk.Nation("Atlantica", [EAST, NORTH, moved])
    assert not gridlock.gridlocked(free) and not free.win_set(SPATIAL_PLANE).is_empty
    majority = nk.Nation("Atlantica", [EAST, NORTH, SOUTHWEST], rule=nk.Majority())
    assert not gridlock.gridlocked(majority) and gridlock.veto_players(majority) == ()
    with pytest.raises(ValueError, match=r"nk\.Spatial"):
        gridlock.gridlocked(E2)
    elsewhere = nk.Faction("southwest", nk.Spatial((-1, -1), (0.5, 0)))
    with pytest.raises(ValueError, match="one status quo"):
        gridlock.gridlocked(nk.Nation("Atlantica", [EAST, NORTH, elsewhere]))
    paying = nk.Nation("Atlantica", [EAST, NORTH], side_payments=nk.SidePayments())
    with pytest.raises(ValueError, match="without side-payments"):
        gridlock.gridlocked(paying)
    unitary = nk.Nation("Atlantica", [EAST, NORTH], rule=nk.NationalWelfare())
    centred = nk.Nation("Atlantica", [EAST, nk.Faction("west", nk.Spatial((-2, 0), Q))])
    assert not gridlock.gridlocked(unitary)  # acting as one, its ideal point is (1, 1)
    assert gridlock.gridlocked(centred.unitary())  # here it is (0, 0): the status quo


def test_e6_two_factions_give_the_lens() -> None:
    lens = nk.Nation("Atlantica", [EAST, NORTH]).win_set(SPATIAL_PLANE)
    assert lens.area == pytest.approx(2 * math.pi - 4, rel=0.01)
    assert lens.contains([1, 1]) and not lens.contains([2, 0.0])
