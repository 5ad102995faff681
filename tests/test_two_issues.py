"""Two-issue bargains: the grid meets docs/model.md §4's accuracy (0.01 per coordinate, 0.005 in
welfare, areas within 1%) against analytic answers and a 1500 x 1500 brute force."""

from __future__ import annotations

import numpy as np
import pytest
from builders import nation

import negotiation_kit as nk
from negotiation_kit.model.gridlock import in_hull
from negotiation_kit.model.two_issues import tie

PLANE = nk.Plane()


def unitary(name: str, weights: tuple[float, float], threshold: float) -> nk.Nation:
    return nation(name, (name, nk.Additive(weights, threshold)))


def test_integrative_bargain_logrolls_to_the_corner() -> None:
    """A cares about issue 1, B about issue 2: each concedes what it cares less about."""
    a = unitary("Atlantica", (1.0, 0.25), 0.5)  # W_A = x + y/4 - 1/2
    b = unitary("Borealia", (-0.25, -1.0), -0.75)  # W_B = 3/4 - x/4 - y
    outcome = nk.Negotiation(a, b, PLANE).outcome()
    assert outcome.agreement == pytest.approx([1.0, 0.0], abs=0.01)
    assert outcome.welfare["Atlantica"] == pytest.approx(0.5, abs=0.005)
    assert outcome.welfare["Borealia"] == pytest.approx(0.5, abs=0.005)


def test_distributive_bargain_ties_along_a_line_with_defined_welfare() -> None:
    """Both care only about x + y: any point of the line x + y = 1 maximises the product."""
    a = unitary("Atlantica", (0.5, 0.5), 0.25)
    b = unitary("Borealia", (-0.5, -0.5), -0.75)
    outcome = nk.Negotiation(a, b, PLANE).outcome()
    assert outcome.agreement is not None
    assert sum(outcome.agreement) == pytest.approx(1.0, abs=0.02)
    assert outcome.welfare["Atlantica"] == pytest.approx(0.25, abs=0.005)
    assert outcome.welfare["Borealia"] == pytest.approx(0.25, abs=0.005)


def test_a_distributive_bargain_ties_and_an_integrative_one_does_not() -> None:
    """``tie``: in the distributive bargain the agreements that tie with the Nash point run
    along x + y = 1, and their middle gives both nations the outcome's welfare; the
    integrative bargain's corner is the one best agreement."""
    a = unitary("Atlantica", (0.5, 0.5), 0.25)
    b = unitary("Borealia", (-0.5, -0.5), -0.75)
    distributive = nk.Negotiation(a, b, PLANE)
    middle, tied = tie(distributive)
    assert tied and sum(middle) == pytest.approx(1.0, abs=0.01)
    for side in (a, b):
        assert side.net_welfare(middle) == pytest.approx(0.25, abs=0.005)
    logroll = nk.Negotiation(
        unitary("Atlantica", (1.0, 0.25), 0.5), unitary("Borealia", (-0.25, -1.0), -0.75), PLANE
    )
    point, tied = tie(logroll)
    assert not tied and np.array_equal(point, logroll.outcome().agreement)
    apart = nk.Negotiation(
        unitary("Atlantica", (0.5, 0.5), 0.9), unitary("Borealia", (-0.5, -0.5), -0.1), PLANE
    )
    assert tie(apart) == (None, False)  # no agreement: nothing ties
    with pytest.raises(ValueError, match="two issues"):
        tie(
            nk.Negotiation(
                nation("A", ("A", nk.Linear(1, 0.2))),
                nation("B", ("B", nk.Linear(-1, 0.8))),
                nk.Line(),
            )
        )


def test_in_hull_edges_and_corners() -> None:
    triangle = [(2, 0), (0, 2), (-1, -1)]
    assert in_hull((0, 0), triangle) and in_hull((1, 1), triangle)  # inside, on an edge
    assert not in_hull((1.5, 1.5), triangle) and not in_hull((0, 0), [])
    assert in_hull((-1, -1), triangle) and not in_hull((3, 0), [(2, 0)])


def brute_force(talks: nk.Negotiation, n: int = 1500) -> tuple[np.ndarray, float, float]:
    """The best point of an n x n grid for the Nash product (the slow, obvious way)."""
    space = talks.space
    assert isinstance(space, nk.Plane)
    xs = np.linspace(*space.x, n)
    ys = np.linspace(*space.y, n)
    grid = np.column_stack([g.ravel() for g in np.meshgrid(xs, ys)])
    a, b = talks.a, talks.b
    ok = a.ratifies(grid) & b.ratifies(grid)
    n_a, n_b = a.net_welfare(grid), b.net_welfare(grid)
    ok &= (n_a >= 0) & (n_b >= 0)
    assert ok.any(), "the brute force found no agreement: choose a scenario with a zone"
    k = int(np.argmax(np.where(ok, n_a * n_b, -1.0)))
    return grid[k], float(n_a[k]), float(n_b[k])


@pytest.mark.parametrize("rule", [nk.Unanimity(), nk.Majority()], ids=["unanimity", "majority"])
def test_a_divided_spatial_nation_matches_brute_force(rule: object) -> None:
    """Curved win-set edges (discs): the refined grid outcome is as good as a fine brute force."""
    q = (0.0, 0.0)
    a = nk.Nation(
        "Atlantica",
        [
            nk.Faction("east", nk.Spatial((2.0, 0.5), q)),
            nk.Faction("north", nk.Spatial((0.5, 2.0), q)),
            nk.Faction("south", nk.Spatial((1.5, -1.0), q), weight=0.5),
        ],
        rule=rule,  # type: ignore[arg-type]
    )
    b = nation("Borealia", ("Borealia", nk.Spatial((1.0, -0.3), q, salience=2.0)))
    talks = nk.Negotiation(a, b, nk.Plane(x=(-3, 3), y=(-3, 3)))
    expected, n_a, n_b = brute_force(talks)
    outcome = talks.outcome()
    assert outcome.agreement == pytest.approx(expected, abs=0.01)
    assert outcome.welfare["Atlantica"] == pytest.approx(n_a, abs=0.005)
    assert outcome.welfare["Borealia"] == pytest.approx(n_b, abs=0.005)
    assert outcome.welfare["Atlantica"] * outcome.welfare["Borealia"] >= n_a * n_b - 1e-9


def test_payments_with_targeting_on_two_issues_match_brute_force() -> None:
    a = nk.Nation(
        "Atlantica",
        [
            nk.Faction("exporters", nk.Additive((1.0, 0.2), 0.3), weight=0.3),
            nk.Faction("farmers", nk.Additive((-0.2, 1.0), 0.1), weight=0.3),
            nk.Faction("steel", nk.Additive((0.6, -0.3), 0.05), weight=0.4),
        ],
        rule=nk.Quota(2 / 3),
        side_payments=nk.SidePayments(efficiency=0.7, budget=0.3),
    )
    b = unitary("Borealia", (-0.6, -0.6), -0.9)
    talks = nk.Negotiation(a, b, PLANE)
    _, n_a, n_b = brute_force(talks)
    outcome = talks.outcome()
    assert outcome.welfare["Atlantica"] == pytest.approx(n_a, abs=0.005)
    assert outcome.welfare["Borealia"] == pytest.approx(n_b, abs=0.005)
    total = sum(outcome.faction_gains[f.name] for f in a.factions)
    assert total == pytest.approx(outcome.welfare["Atlantica"], abs=1e-9)


def test_gridlock_gives_no_agreement_and_no_transfers() -> None:
    q = (0.0, 0.0)
    a = nation(
        "Atlantica",
        ("east", nk.Spatial((2, 0), q)),
        ("north", nk.Spatial((0, 2), q)),
        ("southwest", nk.Spatial((-1, -1), q)),
    )
    b = nation("Borealia", ("Borealia", nk.Spatial((1, 1), q)))
    outcome = nk.Negotiation(a, b, nk.Plane(x=(-3, 3), y=(-3, 3))).outcome()
    assert outcome.agreement is None
    assert "empty" in outcome.reason
    assert set(outcome.transfers.values()) == {0.0}
