"""Comparative statics on one issue (``negotiation_kit.model.statics``) against the exact model.

The closed forms must give what ``nk.Negotiation`` gives, point by point, to 1e-9: win-sets,
the zone, the outcome, net welfare and ``Δ``, for either solution and every supported rule.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import negotiation_kit as nk
from negotiation_kit.model.bargaining import _example
from negotiation_kit.model.statics import desirability_sweep, sweep, width_sweep

EXACT = 1e-9


def random_nation(rng: np.random.Generator, name: str, sign: float) -> nk.Nation:
    """One to three Linear factions whose stakes sum to the sign ``sign``, any supported rule."""
    count = int(rng.integers(1, 4))
    while True:
        stakes = rng.uniform(0.1, 1.0, count) * rng.choice([1.0, -1.0], count, p=[0.7, 0.3])
        stakes[0] = sign * abs(stakes[0])
        if sign * stakes.sum() > 0.05:
            break
    reservations = rng.uniform(-0.3, 1.3, count)
    factions = tuple(
        nk.Faction(f"{name} {k}", nk.Linear(float(s), float(r)))
        for k, (s, r) in enumerate(zip(stakes, reservations, strict=True))
    )
    names = [f.name for f in factions]
    rule = [nk.Unanimity(), nk.NationalWelfare(), nk.Leader(names[-1], tuple(names[:1]))][
        int(rng.integers(3))
    ]
    return nk.Nation(name, factions, rule=rule)


def edges(intervals: list[tuple[float, float]]) -> tuple[float, float] | None:
    assert len(intervals) <= 1
    return intervals[0] if intervals else None


def test_sweep_matches_the_exact_model_to_1e_9() -> None:
    """Win-sets, zone, agreement and welfare at every swept value equal the model's."""
    rng = np.random.default_rng(11)
    checked = {"deal": 0, "no deal": 0}
    for _ in range(60):
        a = random_nation(rng, "Atlantica", 1.0)
        b = random_nation(rng, "Borealia", -1.0)
        talks = nk.Negotiation(a, b, nk.Line(), solution=str(rng.choice(["nash", "split"])))
        faction = str(rng.choice([f.name for n in (a, b) for f in n.factions]))
        values = rng.uniform(-0.3, 1.3, 7)
        swept = sweep(talks, faction, values)
        for k, value in enumerate(values):
            here = _with_reservation(talks, faction, float(value))
            outcome = here.outcome()
            for nation in (here.a, here.b):
                exact = edges(nation.win_set(here.space).intervals)
                low, high = (e[k] for e in swept.win_sets[nation.name])
                assert (low <= high) == (exact is not None)
                if exact is not None:
                    assert (low, high) == pytest.approx(exact, abs=EXACT)
            zone = edges(here.zone().intervals)
            if zone is not None:
                assert (swept.zone[0][k], swept.zone[1][k]) == pytest.approx(zone, abs=EXACT)
            if outcome.agreement is None:
                assert np.isnan(swept.agreement[k])
                checked["no deal"] += 1
            else:
                assert swept.agreement[k] == pytest.approx(outcome.agreement, abs=EXACT)
                checked["deal"] += 1
            for name, welfare in outcome.welfare.items():
                assert swept.welfare[name][k] == pytest.approx(welfare, abs=EXACT)
    assert min(checked.values()) > 50  # both branches were exercised


def test_desirability_sweep_matches_the_exact_model_to_1e_9() -> None:
    rng = np.random.default_rng(12)
    for _ in range(40):
        a = random_nation(rng, "Atlantica", 1.0)
        b = random_nation(rng, "Borealia", -1.0)
        talks = nk.Negotiation(a, b, nk.Line(), solution=str(rng.choice(["nash", "split"])))
        faction = str(rng.choice([f.name for f in a.factions]))
        values = rng.uniform(-0.3, 1.3, 5)
        for name in ("Atlantica", "Borealia"):
            found = desirability_sweep(talks, name, faction, values)
            for k, value in enumerate(values):
                exact = _with_reservation(talks, faction, float(value)).desirability(name)
                assert found[k] == pytest.approx(exact, abs=EXACT)


def test_sweep_reproduces_e2_and_e3() -> None:
    """docs/model.md §5: the hawk at 0.6 wins Atlantica 0.4 (Δ +0.1); at 0.9 the zone is empty."""
    talks = _example()
    swept = sweep(talks, "steelworkers", [0.6, 0.9])
    assert swept.length(swept.zone).tolist() == pytest.approx([0.2, 0.0])
    assert swept.welfare["Borealia"].tolist() == pytest.approx([0.2, 0.0])
    split = dataclasses.replace(talks, solution="split")
    delta = desirability_sweep(split, "Atlantica", "steelworkers", [0.6])
    assert delta.tolist() == pytest.approx([0.2])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rule": nk.Quota(0.5)}, "one set of veto players"),  # either faction wins alone
        ({"side_payments": nk.SidePayments()}, "side-payments"),
    ],
)
def test_sweep_refuses_what_has_no_closed_form(change: dict[str, object], message: str) -> None:
    talks = _example()
    talks = dataclasses.replace(talks, a=dataclasses.replace(talks.a, **change))
    with pytest.raises(ValueError, match=message):
        sweep(talks, "steelworkers", [0.5])


def test_sweep_names_a_faction_and_needs_opposed_nations() -> None:
    talks = _example()
    with pytest.raises(ValueError, match="faction must name"):
        sweep(talks, "farmers", [0.5])
    with pytest.raises(ValueError, match="nation_name must be one of"):
        desirability_sweep(talks, "Caledonia", "steelworkers", [0.5])
    same_way = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(1, 0.8))])
    with pytest.raises(ValueError, match="opposite directions"):
        sweep(dataclasses.replace(talks, b=same_way), "steelworkers", [0.5])
    indifferent = nk.Nation(
        "Borealia",
        [nk.Faction("up", nk.Linear(1, 0.3)), nk.Faction("down", nk.Linear(-1, 0.8))],
    )  # W_B is flat: a ValueError, not a division by zero
    with pytest.raises(ValueError, match="opposite directions"):
        sweep(dataclasses.replace(talks, b=indifferent), "steelworkers", [0.5])


def _with_reservation(talks: nk.Negotiation, faction: str, value: float) -> nk.Negotiation:
    """The negotiation with one faction's reservation changed (the exact model's view)."""
    sides = {}
    for side in ("a", "b"):
        nation = getattr(talks, side)
        factions = tuple(
            dataclasses.replace(f, gain=nk.Linear(f.gain.stake, value)) if f.name == faction else f
            for f in nation.factions
        )
        sides[side] = dataclasses.replace(nation, factions=factions)
    return dataclasses.replace(talks, **sides)


# -- width_sweep: the width of an uncertain reservation (docs/model.md §8) ------------------


def _hawk(talks: nk.Negotiation, reservation: float | nk.Uniform) -> nk.Negotiation:
    hawk = nk.Faction("steelworkers", nk.Linear(0.5, reservation))
    return dataclasses.replace(
        talks, a=dataclasses.replace(talks.a, factions=(talks.a.factions[0], hawk))
    )


def test_width_sweep_reproduces_e2_u1_and_u2() -> None:
    swept = width_sweep(_example(), "steelworkers", [0.0, 0.2, 0.4])
    root = 2**0.5
    assert swept.agreement == pytest.approx([0.6, 0.7, 0.4 + 0.2 * root], abs=1e-6)
    assert swept.welfare["Atlantica"] == pytest.approx([0.4, 0.5, 0.362132], abs=1e-6)
    assert swept.welfare["Borealia"] == pytest.approx([0.2, 0.1, 0.082843], abs=1e-6)
    assert swept.ratification_probability == pytest.approx([1.0, 1.0, 1 / root], abs=1e-6)


@pytest.mark.parametrize("middle", [0.3, 0.6, 0.95])
def test_width_sweep_is_the_uncertain_outcome_at_each_width(middle: float) -> None:
    """Each entry is ``Negotiation.outcome`` with the reservation spread over that width,
    whether the sweep starts from a certain or an uncertain reservation with that middle."""
    widths = np.array([0.0, 0.05, 0.3, 0.8])
    for start in (
        _hawk(_example(), middle),
        _hawk(_example(), nk.Uniform(middle - 0.1, middle + 0.1)),
    ):
        swept = width_sweep(start, "steelworkers", widths)
        for k, width in enumerate(widths):
            spread = nk.Uniform(middle - width / 2, middle + width / 2) if width else middle
            outcome = _hawk(_example(), spread).outcome()
            if outcome.agreement is None:
                assert np.isnan(swept.agreement[k]) and swept.ratification_probability[k] == 0
            else:
                assert swept.agreement[k] == pytest.approx(outcome.agreement, abs=1e-9)
                assert swept.ratification_probability[k] == pytest.approx(
                    outcome.ratification_probability, abs=1e-9
                )
            for name, value in outcome.welfare.items():
                assert swept.welfare[name][k] == pytest.approx(value, abs=1e-9)


def test_width_sweep_a_little_uncertainty_helps_a_lot_hurts() -> None:
    """docs/model.md §8: Atlantica's expected welfare rises from E2 to U1, then falls."""
    swept = width_sweep(_example(), "steelworkers", np.linspace(0, 0.8, 17))
    atlantica = swept.welfare["Atlantica"]
    assert int(np.argmax(atlantica)) == 4  # width 0.2: U1
    assert np.all(np.diff(atlantica[:5]) > 0) and np.all(np.diff(atlantica[4:]) < 0)
    assert atlantica[-1] < atlantica[0]  # a lot of uncertainty: worse than none


@pytest.mark.parametrize(
    ("faction", "widths", "message"),
    [
        ("nobody", [0.1], "faction must name a faction"),
        ("steelworkers", [-0.1], "widths must be finite numbers of at least 0"),
        ("steelworkers", [np.nan], "widths must be finite numbers of at least 0"),
    ],
)
def test_width_sweep_refuses_bad_input(faction: str, widths: list[float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        width_sweep(_example(), faction, widths)


def test_width_sweep_needs_one_issue_and_a_linear_gain() -> None:
    spatial = nk.Faction("greens", nk.Spatial((0.0, 0.0), (1.0, 1.0)))
    plane = nk.Negotiation(
        nk.Nation("A", [spatial]), nk.Nation("B", [nk.Faction("b", nk.Spatial((1, 1), (0, 0)))]),
        nk.Plane(),
    )  # fmt: skip
    with pytest.raises(ValueError, match="one issue"):
        width_sweep(plane, "greens", [0.1])


def test_width_sweep_needs_a_linear_gain() -> None:
    additive = nk.Faction("steelworkers", nk.Additive((0.5,), 0.3))
    talks = dataclasses.replace(
        _example(),
        a=dataclasses.replace(_example().a, factions=(_example().a.factions[0], additive)),
    )
    with pytest.raises(ValueError, match="must have a Linear gain"):
        width_sweep(talks, "steelworkers", [0.1])
