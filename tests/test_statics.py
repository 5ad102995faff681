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
from negotiation_kit.model.statics import desirability_sweep, sweep

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
