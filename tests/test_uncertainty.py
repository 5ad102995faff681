"""Uncertain ratification (docs/model.md §8): worked examples U1 and U2, refusals, properties.

The model integrates exactly; these tests check it against the worked examples, against
closed forms for each rule, against a Monte Carlo estimate (here only, with a fixed seed and a
tolerance that fits its sample size), and with Hypothesis properties.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest
from builders import nation
from hypothesis import assume, given, note, settings
from hypothesis import strategies as st
from strategies import (
    LINE,
    numbers,
    revealable_negotiations,
    uncertain_nations,
    uncertain_negotiations,
)

import negotiation_kit as nk

ACCURATE = 1e-6
"""docs/model.md §8: agreement and expected welfare to 1e-6."""
FAST = settings(max_examples=40, deadline=None)

DOVE = ("dove", nk.Linear(0.5, -0.2))
BOREALIA = nation("Borealia", ("Borealia", nk.Linear(-1, 0.8)))


def hawkish(low: float, high: float, rule: object = None) -> nk.Nation:
    """A = dove + a hawk whose reservation is uncertain (docs/model.md §8's worked examples)."""
    options = {} if rule is None else {"rule": rule}
    return nation("Atlantica", DOVE, ("hawk", nk.Linear(0.5, nk.Uniform(low, high))), **options)


def talks(a: nk.Nation, b: nk.Nation = BOREALIA) -> nk.Negotiation:
    return nk.Negotiation(a, b, nk.Line())


# --- worked examples --------------------------------------------------------------------------


def test_e2_certain_is_the_baseline_of_u1_and_u2() -> None:
    out = talks(nation("Atlantica", DOVE, ("hawk", nk.Linear(0.5, 0.6)))).outcome()
    assert out.agreement == pytest.approx(0.6, abs=ACCURATE)
    assert out.welfare == pytest.approx({"Atlantica": 0.4, "Borealia": 0.2}, abs=ACCURATE)
    assert out.ratification_probability == 1.0


def test_u1_a_little_uncertainty_helps_a() -> None:
    t = talks(hawkish(0.5, 0.7))
    out = t.outcome()
    assert out.agreement == pytest.approx(0.7, abs=ACCURATE)
    assert out.welfare["Atlantica"] == pytest.approx(0.5, abs=ACCURATE)
    assert out.welfare["Borealia"] == pytest.approx(0.1, abs=ACCURATE)
    assert out.ratification_probability == pytest.approx(1.0, abs=ACCURATE)
    assert t.revelation_value("Atlantica") == pytest.approx(-0.1, abs=ACCURATE)
    assert t.revelation_value("Borealia") == pytest.approx(0.1, abs=ACCURATE)


def test_u2_a_lot_of_uncertainty_risks_involuntary_defection() -> None:
    t = talks(hawkish(0.4, 0.8))
    out = t.outcome()
    assert out.agreement == pytest.approx(0.4 + 0.2 * math.sqrt(2), abs=ACCURATE)
    assert out.agreement == pytest.approx(0.682843, abs=ACCURATE)
    assert out.ratification_probability == pytest.approx(1 / math.sqrt(2), abs=ACCURATE)
    assert out.ratification_probability == pytest.approx(0.707107, abs=ACCURATE)
    assert 1 - out.ratification_probability == pytest.approx(0.293, abs=5e-4)
    assert out.welfare["Atlantica"] == pytest.approx(0.362132, abs=ACCURATE)
    assert out.welfare["Borealia"] == pytest.approx(0.082843, abs=ACCURATE)
    assert t.revelation_value("Atlantica") > 0
    assert t.revelation_value("Borealia") > 0


def test_u2_revelation_values_match_their_closed_form() -> None:
    """Revealed, the outcome is x(r) = max(r, 0.35 + r/4): the hawk's floor or the midpoint of
    r_bar_A = 0.5 r - 0.1 and 0.8 (r <= 8/15). Averaged over r ~ U(0.4, 0.8):
    E[N_A] = 0.5 E[r] + 0.1 + (A's gain from the midpoint below 8/15), likewise for B."""

    def n_a(r: float) -> float:
        x = max(r, 0.35 + r / 4)
        return x + 0.1 - 0.5 * r

    def n_b(r: float) -> float:
        return 0.8 - max(r, 0.35 + r / 4)

    # Each is piecewise affine with one kink at 7/15: integrate by the trapezoid rule per piece.
    kink = 7 / 15
    pieces = [(0.4, kink), (kink, 0.8)]
    mean_a = sum((n_a(lo) + n_a(hi)) / 2 * (hi - lo) for lo, hi in pieces) / 0.4
    mean_b = sum((n_b(lo) + n_b(hi)) / 2 * (hi - lo) for lo, hi in pieces) / 0.4
    t = talks(hawkish(0.4, 0.8))
    assert t.revelation_value("Atlantica") == pytest.approx(mean_a - 0.362132034, abs=ACCURATE)
    assert t.revelation_value("Borealia") == pytest.approx(mean_b - 0.082842712, abs=ACCURATE)


def test_u1_zone_is_where_ratification_is_possible() -> None:
    t = talks(hawkish(0.5, 0.7))
    assert np.ravel(t.zone().intervals) == pytest.approx([0.5, 0.8], abs=1e-12)
    assert np.ravel(t.a.win_set(nk.Line()).intervals) == pytest.approx([0.5, 1.0], abs=1e-12)
    assert t.a.ratification_probability([0.4, 0.5, 0.55, 0.6, 0.7, 0.9]) == pytest.approx(
        [0, 0, 0.25, 0.5, 1, 1]
    )
    assert t.ratification_probability(0.9) == 0.0
    assert BOREALIA.ratification_probability([0.8, 0.81]).tolist() == [1.0, 0.0]


def test_u1_expected_welfare_along_the_line() -> None:
    """E_A(x) = E[(x + 0.1 - r/2) 1{r <= x}] for r ~ U(0.5, 0.7), times P_B = 1 (x <= 0.8)."""
    t = talks(hawkish(0.5, 0.7))
    x = np.array([0.45, 0.55, 0.6, 0.75, 0.85])
    chance = np.clip((x - 0.5) / 0.2, 0, 1)
    top = np.minimum(x, 0.7)
    # integral from 0.5 to top of (x + 0.1 - r/2) dr / 0.2
    e_a = ((x + 0.1) * (top - 0.5) - (top**2 - 0.25) / 4) / 0.2 * (x >= 0.5)
    e_a = np.where(x <= 0.8, e_a, 0.0)
    e_b = np.where(x <= 0.8, (0.8 - x) * chance, 0.0)
    found = t.expected_welfare(x)
    assert found["Atlantica"] == pytest.approx(e_a, abs=1e-12)
    assert found["Borealia"] == pytest.approx(e_b, abs=1e-12)
    assert t.expected_welfare(0.6) == pytest.approx({"Atlantica": e_a[2], "Borealia": e_b[2]})


def test_u1_faction_gains_are_expected_and_sum_to_welfare() -> None:
    out = talks(hawkish(0.4, 0.8)).outcome()
    assert out.faction_gains["dove"] + out.faction_gains["hawk"] == pytest.approx(
        out.welfare["Atlantica"], abs=1e-12
    )
    assert out.faction_gains["Borealia"] == pytest.approx(out.welfare["Borealia"], abs=1e-12)
    assert set(out.transfers.values()) == {0.0}
    assert "probability 0.7071" in repr(out)


def test_unitary_keeps_the_uncertain_faction_and_decides_by_realised_welfare() -> None:
    """Unitary A ratifies iff W = x + 0.1 - r/2 >= 0, i.e. r <= 2x + 0.2."""
    a = hawkish(0.5, 0.7)
    unitary = a.unitary()
    assert unitary.factions == a.factions and isinstance(unitary.rule, nk.NationalWelfare)
    x = np.array([0.1, 0.15, 0.2, 0.25, 0.3])
    assert unitary.ratification_probability(x) == pytest.approx(
        np.clip((2 * x + 0.2 - 0.5) / 0.2, 0, 1)
    )
    t = talks(a)
    benchmark = talks(unitary).outcome().welfare["Atlantica"]
    assert t.desirability("Atlantica") == pytest.approx(0.5 - benchmark, abs=1e-12)
    assert benchmark == pytest.approx(0.3, abs=ACCURATE)  # nash 0.5 where W >= 0 for sure


def test_no_agreement_has_probability_zero() -> None:
    t = talks(hawkish(0.85, 0.95))  # the hawk asks more than Borealia ever gives
    out = t.outcome()
    assert out.agreement is None and out.ratification_probability == 0.0
    assert t.zone().is_empty
    assert out.welfare == {"Atlantica": 0.0, "Borealia": 0.0}
    assert (
        talks(nation("Atlantica", ("a", nk.Linear(1, 0.9)))).outcome().ratification_probability
        == 0.0
    )


# --- every rule, exactly -------------------------------------------------------------------


def three(rule: object, orientation: float = 1.0) -> nk.Nation:
    """Three factions, two uncertain: U(0.2, 0.6) and U(0.4, 0.8); weights 1, 1, 2."""
    return nk.Nation(
        "Atlantica",
        [
            nk.Faction("f0", nk.Linear(orientation, nk.Uniform(0.2, 0.6)), weight=1),
            nk.Faction("f1", nk.Linear(orientation, nk.Uniform(0.4, 0.8)), weight=1),
            nk.Faction("f2", nk.Linear(orientation, 0.5), weight=2),
        ],
        rule=rule,  # type: ignore[arg-type]
    )


X = np.linspace(0, 1, 41)
P0 = np.clip((X - 0.2) / 0.4, 0, 1)
P1 = np.clip((X - 0.4) / 0.4, 0, 1)
C2 = (X >= 0.5).astype(float)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (nk.Unanimity(), P0 * P1 * C2),
        (nk.Leader("f2", vetoes=("f0",)), C2 * P0),
        (nk.Leader("f1"), P1),
        (nk.Quota(0.5), C2 + (1 - C2) * P0 * P1),  # f2's weight alone is half
        (nk.Majority(), C2 * (1 - (1 - P0) * (1 - P1)) + (1 - C2) * 0),
        (nk.Quota(0.75), C2 * (1 - (1 - P0) * (1 - P1))),
        (nk.Quota(1.0), P0 * P1 * C2),
    ],
    ids=repr,
)
def test_ratification_probability_of_every_consent_rule(rule: object, expected: np.ndarray) -> None:
    assert three(rule).ratification_probability(X) == pytest.approx(expected, abs=1e-12)


def test_ratification_probability_of_factions_that_side_with_the_other_nation() -> None:
    a = three(nk.Unanimity(), orientation=-1.0)
    expected = (1 - P0) * (1 - P1) * (X <= 0.5)
    assert a.ratification_probability(X) == pytest.approx(expected, abs=1e-12)


def test_national_welfare_with_two_uncertain_factions_is_a_triangular_law() -> None:
    """W = (x - r0) + (x - r1) + (x - 0.5): ratified iff r0 + r1 <= 3x - 0.5, where r0 + r1 is
    the sum of U(0.2, 0.6) and U(0.4, 0.8): a triangle on [0.6, 1.4] peaking at 1."""
    s = 3 * X - 0.5
    cdf = np.where(
        s <= 0.6,
        0.0,
        np.where(
            s <= 1.0, (s - 0.6) ** 2 / 0.32, np.where(s <= 1.4, 1 - (1.4 - s) ** 2 / 0.32, 1.0)
        ),
    )
    assert three(nk.NationalWelfare()).ratification_probability(X) == pytest.approx(cdf, abs=1e-12)


# --- Monte Carlo, in the tests only -------------------------------------------------------------

DRAWS = 200_000


def monte_carlo(
    a: nk.Nation, b: nk.Nation, x: np.ndarray, seed: int = 15
) -> tuple[np.ndarray, ...]:
    """Estimates of ``P``, ``E_A``, ``E_B`` from ``DRAWS`` draws of every uncertain reservation."""
    rng = np.random.default_rng(seed)

    def realised(n: nk.Nation) -> tuple[np.ndarray, np.ndarray]:
        gains = []
        for f in n.factions:
            g = f.gain
            assert isinstance(g, nk.Linear)
            r = g.reservation
            draw = (
                rng.uniform(r.low, r.high, DRAWS)
                if isinstance(r, nk.Uniform)
                else np.full(DRAWS, r)
            )
            gains.append(g.stake * (x[:, None] - draw[None, :]))  # (points, draws)
        stacked = np.stack(gains)  # (factions, points, draws)
        flat = stacked.reshape(len(n.factions), -1)
        ok = n.rule.winning(flat, n.factions, 0.0).reshape(stacked.shape[1:])
        return ok, stacked.sum(axis=0)

    ok_a, w_a = realised(a)
    ok_b, w_b = realised(b)
    both = ok_a & ok_b
    return both.mean(axis=1), (w_a * both).mean(axis=1), (w_b * both).mean(axis=1)


@pytest.mark.parametrize(
    "rule",
    [nk.Unanimity(), nk.Majority(), nk.Quota(0.75), nk.Leader("f2", ("f1",)), nk.NationalWelfare()],
    ids=repr,
)
def test_exact_integrals_agree_with_a_monte_carlo_estimate(rule: object) -> None:
    a = three(rule)
    b = nk.Nation(
        "Borealia",
        [
            nk.Faction("g0", nk.Linear(-1.0, nk.Uniform(0.5, 1.0))),
            nk.Faction("g1", nk.Linear(-0.5, 0.9)),
        ],
        rule=nk.Majority() if isinstance(rule, nk.Majority) else nk.Unanimity(),
    )
    x = np.linspace(0.3, 0.95, 14)
    t = nk.Negotiation(a, b, nk.Line())
    chance, e_a, e_b = monte_carlo(a, b, x)
    exact = t.expected_welfare(x)
    # 5 standard errors: sd(1{ratified}) <= 1/2, sd(W 1{ratified}) <= max |W| <= 4
    assert t.ratification_probability(x) == pytest.approx(chance, abs=5 * 0.5 / math.sqrt(DRAWS))
    assert exact["Atlantica"] == pytest.approx(e_a, abs=5 * 4 / math.sqrt(DRAWS))
    assert exact["Borealia"] == pytest.approx(e_b, abs=5 * 2 / math.sqrt(DRAWS))


def test_monte_carlo_check_can_fail() -> None:
    """The Monte Carlo check above is sharp enough to see a 1% error in the probability."""
    a, b = three(nk.Unanimity()), BOREALIA
    x = np.array([0.6, 0.7])
    chance, _, _ = monte_carlo(a, b, x)
    wrong = 1.01 * nk.Negotiation(a, b, nk.Line()).ratification_probability(x)
    assert not np.allclose(wrong, chance, atol=5 * 0.5 / math.sqrt(DRAWS), rtol=0)


# --- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "message"),
    [
        (0.7, 0.5, "high must be greater than low, got low=0.7, high=0.5"),
        (0.6, 0.6, "high must be greater than low.*plain number"),
        (0.6, 0.6 + 1e-12, "high must exceed low by more than 1e-09"),
        (math.nan, 0.6, "low must be a finite number, got nan"),
        (0.5, math.inf, "high must be a finite number, got inf"),
    ],
)
def test_a_bad_uniform_is_refused(low: float, high: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        nk.Uniform(low, high)


def test_a_uniform_needs_numbers() -> None:
    with pytest.raises(TypeError, match=r"low must be a finite number, got '0\.5'"):
        nk.Uniform("0.5", 0.7)  # type: ignore[arg-type]


def test_a_uniform_is_frozen_and_hashable() -> None:
    u = nk.Uniform(0.5, 0.7)
    assert u == nk.Uniform(0.5, 0.7) and hash(u) == hash(nk.Uniform(0.5, 0.7))
    with pytest.raises(dataclasses.FrozenInstanceError):
        u.low = 0.1  # type: ignore[misc]
    assert (u.mean, u.width) == pytest.approx((0.6, 0.2))
    assert nk.Linear(0.5, u).centre == pytest.approx(0.6) and nk.Linear(0.5, 0.3).centre == 0.3


@pytest.mark.parametrize(
    ("build", "parameter"),
    [
        (lambda u: nk.Additive((1.0, 0.5), threshold=u), "threshold"),
        (lambda u: nk.Additive(u), "weights"),
        (lambda u: nk.Spatial(ideal=(0.5, 0.5), status_quo=u), "status_quo"),
        (lambda u: nk.Spatial(ideal=u, status_quo=0.2), "ideal"),
        (lambda u: nk.Linear(u, 0.5), "stake"),
        (lambda u: nk.Faction("f", nk.Linear(1, 0.5), weight=u), "weight"),
        (lambda u: nk.Line(low=u), "low"),
    ],
    ids=[
        "additive threshold",
        "additive weights",
        "status quo",
        "ideal",
        "stake",
        "weight",
        "line",
    ],
)
def test_uncertainty_anywhere_but_a_linear_reservation_is_refused(
    build: object, parameter: str
) -> None:
    assert callable(build)
    with pytest.raises(
        ValueError, match=f"{parameter} cannot be uncertain.*reservation of nk.Linear, on one issue"
    ):
        build(nk.Uniform(0.2, 0.4))


def test_uncertain_reservations_on_two_issues_are_refused() -> None:
    with pytest.raises(ValueError, match=r"uncertain reservations.*'Atlantica'.*one issue only"):
        nk.Negotiation(hawkish(0.5, 0.7), BOREALIA, nk.Plane())


def test_uncertain_reservations_with_side_payments_are_refused() -> None:
    with pytest.raises(
        ValueError, match=r"side_payments cannot be combined.*'Atlantica' \(uncertain: hawk\)"
    ):
        dataclasses.replace(hawkish(0.5, 0.7), side_payments=nk.SidePayments(1.0))


def test_split_with_uncertainty_is_refused() -> None:
    with pytest.raises(
        ValueError, match=r"solution='split' cannot be used with uncertain.*no sharp edges"
    ):
        nk.Negotiation(hawkish(0.5, 0.7), BOREALIA, nk.Line(), solution="split")


@pytest.mark.parametrize("call", ["ratifies", "compensation"])
def test_what_needs_the_realised_reservation_is_refused(call: str) -> None:
    with pytest.raises(
        ValueError, match=f"{call} needs every reservation known.*ratification_probability"
    ):
        getattr(hawkish(0.5, 0.7), call)(0.6)


def test_an_uncertain_faction_does_not_say_whether_it_accepts() -> None:
    with pytest.raises(ValueError, match="accepts needs the reservation known"):
        nk.Faction("hawk", nk.Linear(0.5, nk.Uniform(0.5, 0.7))).accepts(0.6)


def test_revelation_value_needs_one_uncertain_reservation() -> None:
    a = three(nk.Unanimity())
    with pytest.raises(ValueError, match="revelation_value needs one uncertain reservation, got 2"):
        talks(a).revelation_value("Atlantica")


def test_revelation_value_needs_linear_gains() -> None:
    b = nation("Borealia", ("Borealia", nk.Spatial(0.2, 0.9)))
    with pytest.raises(ValueError, match="revelation_value needs linear gains"):
        talks(hawkish(0.5, 0.7), b).revelation_value("Borealia")


def test_revelation_value_of_an_unknown_nation_is_refused() -> None:
    with pytest.raises(ValueError, match="nation_name must be one of"):
        talks(hawkish(0.5, 0.7)).revelation_value("Mordor")


def test_sweeps_need_certain_reservations() -> None:
    from negotiation_kit.model.statics import sweep

    with pytest.raises(ValueError, match="must be a number to be swept"):
        sweep(talks(hawkish(0.5, 0.7)), "dove", [0.1, 0.2])


def test_expected_welfare_is_defined_on_one_issue() -> None:
    square = nk.Negotiation(
        nation("A", ("a", nk.Additive((1.0, 1.0), 0.5))),
        nation("B", ("b", nk.Additive((-1.0, -1.0), -1.5))),
        nk.Plane(),
    )
    with pytest.raises(ValueError, match="one issue"):
        square.expected_welfare([0.5, 0.5])


# --- properties ------------------------------------------------------------------------------


def narrowed(
    talks_: nk.Negotiation, width: float | None, shifts: dict[str, float] | None = None
) -> nk.Negotiation:
    """The negotiation with every uncertainty narrowed to ``width`` around its mean, moved by
    ``shifts[faction name]`` (``width=None``: every reservation certain, at that value)."""
    shifts = shifts or {}

    def replace(n: nk.Nation) -> nk.Nation:
        members = []
        for f in n.factions:
            g = f.gain
            if isinstance(g, nk.Linear) and isinstance(g.reservation, nk.Uniform):
                m = g.reservation.mean + shifts.get(f.name, 0.0)
                r = m if width is None else nk.Uniform(m - width / 2, m + width / 2)
                g = nk.Linear(g.stake, r)
            members.append(dataclasses.replace(f, gain=g))
        return dataclasses.replace(n, factions=tuple(members))

    return dataclasses.replace(talks_, a=replace(talks_.a), b=replace(talks_.b))


@given(talks_=uncertain_negotiations())
@FAST
def test_as_uncertainty_shrinks_the_outcome_tends_to_the_certain_one(
    talks_: nk.Negotiation,
) -> None:
    certain = narrowed(talks_, None).outcome()
    names = list(certain.welfare)
    # Away from knife-edges (where moving one reservation a little changes the certain bargain
    # abruptly, e.g. agreement appearing, or a zone of a single point), the certain outcome is
    # continuous in the reservations ...
    unsure = [
        f.name
        for n in (talks_.a, talks_.b)
        for f in n.factions
        if isinstance(getattr(f.gain, "reservation", None), nk.Uniform)
    ]
    for name in unsure:
        for shift in (-1e-6, 1e-6):
            moved = narrowed(talks_, None, {name: shift}).outcome()
            assume(all(abs(moved.welfare[n] - certain.welfare[n]) <= 1e-5 for n in names))
    # ... and so the outcome under a sliver of uncertainty is close to it.
    out = narrowed(talks_, 1e-7).outcome()
    note(f"narrow {out} vs certain {certain}")
    for n in names:
        assert out.welfare[n] == pytest.approx(certain.welfare[n], abs=1e-5)


@given(a=uncertain_nations(), x=st.lists(numbers(-0.6, 1.6), min_size=1, max_size=30))
@FAST
def test_ratification_probability_lies_in_zero_one(a: nk.Nation, x: list[float]) -> None:
    chance = a.ratification_probability(np.array(x))
    assert np.all((chance >= 0) & (chance <= 1))


@given(a=uncertain_nations(orientation=st.just(1)))
@FAST
def test_ratification_probability_grows_with_the_terms_when_every_faction_wants_more(
    a: nk.Nation,
) -> None:
    chance = a.ratification_probability(np.linspace(-0.6, 2.1, 541))
    assert np.all(np.diff(chance) >= -1e-12)


@given(talks_=uncertain_negotiations())
@FAST
def test_an_outcome_never_gives_a_principal_negative_expected_welfare(
    talks_: nk.Negotiation,
) -> None:
    out = talks_.outcome()
    for n in (talks_.a, talks_.b):
        assert out.welfare[n.name] >= -n.slack
    assert 0.0 <= out.ratification_probability <= 1.0
    assert (out.agreement is None) == (out.ratification_probability == 0.0)


@given(talks_=uncertain_negotiations())
@FAST
def test_no_point_of_the_zone_beats_the_outcome(talks_: nk.Negotiation) -> None:
    """Nash on expected welfare: no sampled feasible point has a larger product E_A E_B."""
    out = talks_.outcome()
    x = np.linspace(0, 1, 2001)
    e = talks_.expected_welfare(x)
    e_a, e_b = e["Atlantica"], e["Borealia"]
    feasible = (talks_.ratification_probability(x) > 0) & (e_a >= 0) & (e_b >= 0)
    best = float(np.max(np.where(feasible, e_a * e_b, 0.0), initial=0.0))
    if out.agreement is None:
        assert not feasible.any() or best <= 1e-12
        return
    assert out.welfare["Atlantica"] * out.welfare["Borealia"] >= best - 1e-9
    assert talks_.zone().contains(out.agreement)


@given(talks_=uncertain_negotiations(), x=st.lists(numbers(0, 1), min_size=1, max_size=20))
@FAST
def test_the_zone_is_where_ratification_is_possible(talks_: nk.Negotiation, x: list[float]) -> None:
    points = np.array(x)
    zone = talks_.zone()
    edges = np.array([e for interval in zone.intervals for e in interval])
    away = np.array([np.all(np.abs(edges - p) > 1e-9) for p in points]) if edges.size else True
    possible = talks_.ratification_probability(points) > 0
    assert np.all((zone.contains(points) == possible) | ~away)


@given(talks_=uncertain_negotiations())
@settings(max_examples=15, deadline=None)
def test_with_every_reservation_certain_revelation_is_worth_nothing(talks_: nk.Negotiation) -> None:
    certain = narrowed(talks_, None)
    for name in (certain.a.name, certain.b.name):
        assert certain.revelation_value(name) == 0.0


@given(talks_=revealable_negotiations())
@settings(max_examples=15, deadline=None)
def test_revelation_value_with_one_uncertain_reservation_is_finite(talks_: nk.Negotiation) -> None:
    for name in (talks_.a.name, talks_.b.name):
        value = talks_.revelation_value(name)
        assert math.isfinite(value)
        assert value + talks_.outcome().welfare[name] >= -1e-9  # revealed welfare is never < 0


def test_certain_negotiations_report_probability_one() -> None:
    out = talks(nation("Atlantica", ("a", nk.Linear(1, 0.2)))).outcome()
    assert out.ratification_probability == 1.0
    assert nk.Negotiation(
        hawkish(0.5, 0.7), BOREALIA, LINE
    ).outcome().ratification_probability == pytest.approx(1.0)


@given(talks_=revealable_negotiations())
@settings(max_examples=10, deadline=None)
def test_revelation_value_agrees_with_a_fine_average_of_certain_outcomes(
    talks_: nk.Negotiation,
) -> None:
    """A midpoint rule over 1000 values of the reservation. Each cell is off by at most the
    welfare's variation within it: about twice the sampled variation over 1000, plus, for a
    feature narrower than a cell that the samples miss (agreement possible for a sliver of
    values only), the largest welfare, at most 3 x the sum of the stakes, over 1000."""
    (k, f), *_ = [
        (k, f)
        for k, f in enumerate(talks_.a.factions)
        if isinstance(f.gain.reservation, nk.Uniform)
    ]  # type: ignore[union-attr]
    r = f.gain.reservation  # type: ignore[union-attr]
    values = r.low + (np.arange(1000) + 0.5) / 1000 * r.width

    def revealed(value: float) -> nk.Outcome:
        members = list(talks_.a.factions)
        members[k] = dataclasses.replace(f, gain=nk.Linear(f.gain.stake, value))  # type: ignore[union-attr]
        return dataclasses.replace(
            talks_, a=dataclasses.replace(talks_.a, factions=members)
        ).outcome()

    outcomes = [revealed(v) for v in values]
    for name in (talks_.a.name, talks_.b.name):
        welfare = np.array([o.welfare[name] for o in outcomes])
        variation = float(np.abs(np.diff(welfare)).sum())
        stakes = sum(abs(g.gain.stake) for n in (talks_.a, talks_.b) for g in n.factions)  # type: ignore[union-attr]
        expected = welfare.mean() - talks_.outcome().welfare[name]
        note(f"{name}: variation {variation}")
        assert talks_.revelation_value(name) == pytest.approx(
            expected, abs=(2 * variation + 3 * stakes) / 1000
        )


def test_a_scenario_file_keeps_an_uncertain_reservation(tmp_path: Path) -> None:
    t = talks(hawkish(0.4, 0.8))
    nk.save_scenario(t, tmp_path / "u2.toml")
    assert "reservation = {uniform = [0.4, 0.8]}" in (tmp_path / "u2.toml").read_text()
    assert nk.load_scenario(tmp_path / "u2.toml").negotiation == t


def test_a_scenario_file_with_a_bad_uncertain_reservation_is_refused(tmp_path: Path) -> None:
    text = nk.scenario_text(talks(hawkish(0.4, 0.8)))
    (tmp_path / "reversed.toml").write_text(text.replace("[0.4, 0.8]", "[0.4, 0.3]"))
    with pytest.raises(ValueError, match=r"reservation.*high must be greater than low"):
        nk.load_scenario(tmp_path / "reversed.toml")
    (tmp_path / "top.toml").write_text(
        text.replace("{uniform = [0.4, 0.8]}", "{low = 0.4, high = 0.8}")
    )
    with pytest.raises(
        ValueError,
        match=r"a.factions\[1\].reservation: must be a number or \{uniform = \[low, high\]\}",
    ):
        nk.load_scenario(tmp_path / "top.toml")


@pytest.mark.parametrize("rule", [nk.NationalWelfare(), nk.Majority(), nk.Unanimity()], ids=repr)
def test_each_factions_expected_gain_agrees_with_a_monte_carlo_estimate(rule: object) -> None:
    """E[g_i 1{ratified}] P_B per faction at the agreement, two uncertain factions in A."""
    a = three(rule)
    out = talks(a).outcome()
    assert out.agreement is not None
    x = float(out.agreement)
    rng = np.random.default_rng(9)
    r0, r1 = rng.uniform(0.2, 0.6, DRAWS), rng.uniform(0.4, 0.8, DRAWS)
    gains = np.stack([x - r0, x - r1, np.full(DRAWS, x - 0.5)])
    ok = a.rule.winning(gains, a.factions, 0.0) & (x <= 0.8)
    for k, name in enumerate(("f0", "f1", "f2")):
        estimate = float(np.mean(gains[k] * ok))
        assert out.faction_gains[name] == pytest.approx(estimate, abs=5 * 1 / math.sqrt(DRAWS))
    total = sum(out.faction_gains[n] for n in ("f0", "f1", "f2"))
    assert total == pytest.approx(out.welfare["Atlantica"], abs=1e-12)
