"""The two-issue explorers teach what docs/model.md says: E6's gridlock and lens, majority's
lens-shaped pieces, and a veto that costs most in integrative bargains (lessons 4 and 6).

The contract every explorer keeps (controls, frames, errors, presets) is checked for these
two in ``test_widgets.py``; here are the numbers and words specific to them.
"""

from __future__ import annotations

import asyncio
import itertools
import math
from typing import Any

import numpy as np
import pytest

import negotiation_kit as nk
from negotiation_kit.widgets import SpatialRulesExplorer, TwoIssueExplorer
from negotiation_kit.widgets._base import PAUSE, Explorer
from negotiation_kit.widgets._preview import PREVIEW
from negotiation_kit.widgets.two_issues import weights

LENS = 2 * math.pi - 4
"""E6: the unanimity win-set of the factions with ideal points (2, 0) and (0, 2)."""


def check_no_error(explorer: Explorer) -> None:
    """Re-raise what a callback swallowed (ipywidgets only logs callback errors)."""
    if explorer.last_error is not None:
        raise explorer.last_error


def win_set_a(explorer: SpatialRulesExplorer | TwoIssueExplorer) -> nk.PlaneWinSet:
    talks = explorer.negotiation
    found = talks.a.win_set(talks.space)
    assert isinstance(found, nk.PlaneWinSet)
    return found


def delta(explorer: SpatialRulesExplorer | TwoIssueExplorer) -> float:
    return explorer.negotiation.desirability("Atlantica")


# -- lesson 4: the spatial model ------------------------------------------------------------


@pytest.fixture
def spatial() -> SpatialRulesExplorer:
    return SpatialRulesExplorer()


def test_spatial_starts_on_e6_under_majority(spatial: SpatialRulesExplorer) -> None:
    talks = spatial.negotiation
    ideals = [f.gain.ideal for f in talks.a.factions]
    assert ideals == [(2.0, 0.0), (0.0, 2.0), (-1.0, -1.0)]
    assert {f.gain.status_quo for f in (*talks.a.factions, *talks.b.factions)} == {(0.0, 0.0)}
    assert talks.space == nk.Plane(x=(-3, 3), y=(-3, 3), labels=talks.space.labels)
    assert talks.a.rule == nk.Majority()
    assert talks.outcome().agreement is not None
    assert "union of the lens-shaped overlaps" in spatial.describe()


def test_e6_unanimity_is_gridlock(spatial: SpatialRulesExplorer) -> None:
    spatial.apply_preset("gridlock: unanimity (E6)")
    check_no_error(spatial)
    assert win_set_a(spatial).is_empty
    assert spatial.negotiation.outcome().agreement is None
    text = spatial.describe()
    assert "Gridlock" in text and "(0.00, 0.00)" in text
    assert (
        "convex hull of the veto players' ideal points (industry, green party and farm lobby)"
        in (text)
    )
    assert "Atlantica's win-set is empty" in text and "There is no agreement" in text
    assert f"Δ = {delta(spatial):+.2f}" in text and delta(spatial) < 0
    hull = spatial._views.hull.outline
    assert hull.get_visible()
    assert hull.get_xy()[:3].tolist() == [[2.0, 0.0], [0.0, 2.0], [-1.0, -1.0]]


def test_e6_two_veto_players_make_the_lens(spatial: SpatialRulesExplorer) -> None:
    spatial.apply_preset("two veto players: the lens (E6)")
    check_no_error(spatial)
    area = win_set_a(spatial).area
    assert area == pytest.approx(LENS, rel=0.01)
    assert f"lens where their two discs overlap, area {area:.2f}" in spatial.describe()
    assert "Gridlock" not in spatial.describe()
    two = nk.Nation("two", [nk.Faction(f.name, f.gain) for f in spatial.negotiation.a.factions[:2]])
    assert np.array_equal(two.win_set(spatial.negotiation.space).mask, win_set_a(spatial).mask)


def test_the_hull_is_dashed_like_its_legend_for_two_veto_players_too(
    spatial: SpatialRulesExplorer,
) -> None:
    # a closed two-corner outline runs there and back: the two passes' dashes fill each
    # other's gaps and the segment looks solid, unlike the legend
    hull = spatial._views.hull.outline
    cases = [("two veto players: the lens (E6)", 2), ("gridlock: unanimity (E6)", 3)]
    for preset, corners in cases:
        spatial.apply_preset(preset)
        check_no_error(spatial)
        assert hull.get_visible() and hull.get_linestyle() == (0, (4, 3))  # as the legend
        path = hull.get_path().vertices.tolist()
        assert len(path) == (corners + 1 if corners > 2 else corners)
        assert len({tuple(v) for v in path}) == corners


def name_boxes(spatial: SpatialRulesExplorer) -> dict[str, Any]:
    figure = spatial.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    names = spatial._views.hull.names.items()
    return {name: text.get_window_extent(renderer) for name, text in names}


@pytest.mark.parametrize(
    "changes",
    [
        {"quo_x": 2.0},
        {"quo_x": 2.0, "quo_y": -0.5},
        {"quo_x": 1.5, "quo_y": -0.5, "rule": "unanimity"},
        {"quo_x": 0.0, "quo_y": 2.0, "rule": "leader"},
        {"farm_x": 1.5, "farm_y": -1.0},
    ],
)
def test_faction_names_cover_neither_the_status_quo_nor_the_outcome(
    spatial: SpatialRulesExplorer, changes: dict[str, object]
) -> None:
    spatial.set(**changes)
    check_no_error(spatial)
    ax = spatial._views.hull.ax
    points = [(spatial.controls["quo_x"].value, spatial.controls["quo_y"].value)]
    if (point := spatial.negotiation.outcome().agreement) is not None:
        points.append(tuple(point))
    boxes = name_boxes(spatial)
    radius = 6 * spatial.figure.dpi / 72  # the markers' inner radius, in pixels
    for name, box in boxes.items():
        for x, y in ax.transData.transform(points):
            nearest = np.clip((x, y), (box.x0, box.y0), (box.x1, box.y1))
            assert math.hypot(x - nearest[0], y - nearest[1]) > radius, (name, changes)
        for other, rival in boxes.items():
            assert other == name or not box.overlaps(rival), (name, other, changes)


def test_majority_is_the_union_of_the_pairs_lenses(spatial: SpatialRulesExplorer) -> None:
    talks = spatial.negotiation
    factions = talks.a.factions
    pairs = [(0, 1), (0, 2), (1, 2)]
    lenses = [nk.Nation("pair", [factions[i], factions[j]]).win_set(talks.space) for i, j in pairs]
    union = np.logical_or.reduce([lens.mask for lens in lenses])
    assert np.array_equal(win_set_a(spatial).mask, union)
    assert all(not lens.is_empty for lens in lenses)  # three pieces, one per pair
    assert not spatial._views.hull.outline.get_visible()  # no veto player, no hull


@pytest.mark.parametrize(
    ("changes", "gridlock"),
    [
        ({"rule": "unanimity"}, True),
        ({"rule": "unanimity", "farm_x": 1.0, "farm_y": 1.0}, False),
        ({"rule": "unanimity", "quo_x": 1.5, "quo_y": 1.5}, False),
        ({"rule": "unanimity", "farm_x": 0.0, "farm_y": -1.0}, True),
        ({"rule": "leader with veto", "quo_x": 1.0, "quo_y": 1.0}, True),
        ({"rule": "leader", "quo_x": 2.0, "quo_y": 0.0}, True),
        ({"rule": "leader"}, False),
    ],
)
def test_gridlock_exactly_when_the_status_quo_is_in_the_hull(
    spatial: SpatialRulesExplorer, changes: dict[str, object], gridlock: bool
) -> None:
    spatial.set(**changes)
    assert win_set_a(spatial).is_empty is gridlock
    assert ("Gridlock" in spatial.describe()) is gridlock
    where = {
        "leader": "is the ideal point of the only veto player, the industry",
        "leader with veto": "on the segment between the veto players' ideal points",
        "unanimity": "inside the convex hull of the veto players' ideal points",
    }[str(changes["rule"])]
    assert (where in spatial.describe()) is gridlock


def test_moving_the_farm_lobby_moves_its_disc_and_name(spatial: SpatialRulesExplorer) -> None:
    spatial.controls["farm_x"].value = 1.5  # as a slider drag does
    check_no_error(spatial)
    farm = spatial.negotiation.a.factions[2].gain
    assert farm.ideal == (1.5, -1.0) and farm.radius == pytest.approx(math.hypot(1.5, 1.0))
    assert spatial._views.hull.names["farm lobby"].get_position()[0] == 1.5


def test_spatial_delta_is_the_models(spatial: SpatialRulesExplorer) -> None:
    for name in spatial.presets:
        spatial.apply_preset(name)
        assert f"so Δ = {delta(spatial):+.2f}".replace("+0.00", "0.00") in spatial.describe()
    spatial.apply_preset("status quo outside the hull")
    assert delta(spatial) > 0  # here the veto players' demands win better terms


def test_a_drag_is_previewed_then_refined_once_the_controls_rest(
    spatial: SpatialRulesExplorer,
) -> None:
    async def drag() -> tuple[str, int]:
        spatial.controls["quo_x"].value = 0.5  # in a kernel: a slider drag
        preview = (spatial.describe(), spatial.negotiation.space.resolution)
        await asyncio.sleep(3 * PAUSE)
        return preview

    text, resolution = asyncio.run(drag())
    assert resolution == PREVIEW and "Δ) follows when the controls rest" in text
    check_no_error(spatial)
    assert spatial.negotiation.space == spatial.PLANE and spatial.PLANE.resolution == 200
    assert f"so Δ = {delta(spatial):+.2f}".replace("+0.00", "0.00") in spatial.describe()

    async def set_in_a_kernel() -> str:
        spatial.set(quo_x=0.7)  # a notebook cell: the text is complete at once
        return spatial.describe()

    assert "so Δ = " in asyncio.run(set_in_a_kernel())


# -- lesson 6: two issues -------------------------------------------------------------------


@pytest.fixture
def two() -> TwoIssueExplorer:
    return TwoIssueExplorer()


def test_two_issues_start_integrative_with_a_veto(two: TwoIssueExplorer) -> None:
    assert two.values() == {"integrative": 0.75, "politics": "divided", "demand": 0.7}
    assert two.negotiation.space == nk.Plane(labels=two.negotiation.space.labels)
    assert delta(two) == pytest.approx(-0.3, abs=0.005)
    text = two.describe()
    assert "the bargain is integrative" in text and "Δ = -0.30" in text
    assert "A unitary Atlantica would settle at (1.00, 0.00) with 0.50" in text


def test_weights_run_from_distributive_to_integrative() -> None:
    assert weights(0.0) == (0.5, 0.5) and weights(1.0) == (0.9, 0.1)
    explorer = TwoIssueExplorer()
    for t in (0.0, 0.5, 1.0):
        explorer.set(integrative=t)
        a, b = explorer.negotiation.a, explorer.negotiation.b
        total = np.sum([f.gain.weights for f in a.factions], axis=0)
        assert total.tolist() == list(weights(t))
        assert list(b.factions[0].gain.weights) == [-weights(t)[1], -weights(t)[0]]


def test_the_demand_moves_the_inside_not_the_national_interest(two: TwoIssueExplorer) -> None:
    points = np.random.default_rng(6).random((50, 2))
    for demand in (0.0, 0.3, 1.0):
        two.set(demand=demand)
        first, second = weights(0.75)
        expected = first * points[:, 0] + second * points[:, 1] - 0.3
        assert two.negotiation.a.welfare(points) == pytest.approx(expected)


def test_division_costs_most_in_integrative_bargains(two: TwoIssueExplorer) -> None:
    deltas = []
    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
        two.set(integrative=t)
        deltas.append(delta(two))
    assert deltas[0] == pytest.approx(0.0, abs=0.005)
    assert all(later < earlier - 0.05 for earlier, later in itertools.pairwise(deltas))
    two.apply_preset("fully integrative: the logroll is cut")
    integrative = delta(two)
    two.apply_preset("distributive: the veto costs nothing")
    assert integrative < delta(two) - 0.3
    assert "purely distributive" in two.describe() and "makes no difference" in two.describe()


def test_the_unitary_logroll_and_its_cut(two: TwoIssueExplorer) -> None:
    two.apply_preset("integrative, unitary: the logroll")
    outcome = two.negotiation.outcome()
    assert outcome.agreement == pytest.approx([1.0, 0.0], abs=0.01)
    assert outcome.welfare == pytest.approx({"Atlantica": 0.6, "Borealia": 0.6}, abs=0.005)
    assert "unitary Atlantica would" not in two.describe() and "joint gain 1.20" in two.describe()
    assert two.describe().endswith("its own benchmark: Δ = 0.00.")
    two.set(politics="divided")
    assert two.negotiation.outcome().agreement[1] >= 0.7 - 0.01  # the farm lobby's demand
    assert "joint gain 0.22" in two.describe() and "Δ = -0.40" in two.describe()


@pytest.mark.parametrize(
    ("preset", "sign", "words"),
    [
        ("a modest demand: tied hands", 1, "helps Atlantica (tied hands)"),
        ("a demand that kills the deal", -1, "There is no agreement"),
    ],
)
def test_two_issue_presets_tell_their_story(
    two: TwoIssueExplorer, preset: str, sign: int, words: str
) -> None:
    two.apply_preset(preset)
    check_no_error(two)
    assert np.sign(round(delta(two), 2)) == sign
    assert words in two.describe()
    assert f"Δ = {delta(two):+.2f}" in two.describe()


def test_the_benchmark_is_drawn_where_the_model_puts_it(two: TwoIssueExplorer) -> None:
    benchmark = two._views.benchmark
    star_plane, star_payoff = benchmark.stars
    assert star_plane.get_xydata()[0] == pytest.approx([1.0, 0.0], abs=0.01)
    assert star_payoff.get_xydata()[0] == pytest.approx([0.5, 0.5], abs=0.005)
    assert benchmark.arrow.get_visible() and benchmark.label.get_text().strip() == "Δ = -0.30"
    assert len(benchmark.edge.get_xydata()) == 2  # the unitary win-set's edge
    two.set(politics="unitary")
    assert not benchmark.arrow.get_visible() and len(benchmark.edge.get_xydata()) == 0


def test_tied_unitary_outcomes_are_said_and_marked_in_one_place(two: TwoIssueExplorer) -> None:
    two.apply_preset("distributive: the veto costs nothing")
    star = two._views.benchmark.stars[0]
    seen = set()
    for demand in (0.0, 0.3, 0.45, 0.5, 0.7, 0.9, 1.0):
        two.controls["demand"].value = demand  # as a slider drag does
        check_no_error(two)
        text = two.describe()
        assert "Many agreements tie for a unitary Atlantica" in text and "settle at" not in text
        x, y = star.get_xydata()[0]
        assert f"marks one of them, ({x:.2f}, {y:.2f})" in text
        seen.add((float(x), float(y)))
        # the marked point is one of the tied agreements: the unitary outcome's welfare
        unitary = two.negotiation.benchmark("Atlantica")
        alone = two.negotiation.unitary("Atlantica")
        for nation in (alone.a, alone.b):
            assert nation.net_welfare([x, y]) == pytest.approx(
                unitary.welfare[nation.name], abs=0.01
            )
    assert len(seen) == 1, seen
    two.reset()  # integrative: one best agreement, stated as such
    assert "A unitary Atlantica would settle at (1.00, 0.00)" in two.describe()


def star_clear_of(artist: Any, star: Any, figure: Any, points: float = 8.0) -> bool:
    """Whether the marker ``star`` (its centre) lies at least ``points`` from ``artist``."""
    figure.canvas.draw()
    box = artist.get_window_extent(figure.canvas.get_renderer())
    x, y = star.axes.transData.transform(star.get_xydata()[0])
    nearest = np.clip((x, y), (box.x0, box.y0), (box.x1, box.y1))
    return bool(math.hypot(x - nearest[0], y - nearest[1]) >= points * figure.dpi / 72)


def test_a_star_in_the_corner_leaves_the_tick_labels_readable(two: TwoIssueExplorer) -> None:
    star = two._views.benchmark.stars[0]
    assert star.get_xydata()[0] == pytest.approx([1.0, 0.0], abs=0.01)
    ax = two._views.plane.ax
    two.figure.canvas.draw()
    labels = [t for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_text()]
    assert {"1.0", "0.0"} <= {t.get_text() for t in labels}
    for label in labels:
        assert star_clear_of(label, star, two.figure), label.get_text()


def test_the_no_zone_note_keeps_clear_of_the_unitary_star(two: TwoIssueExplorer) -> None:
    two.apply_preset("a demand that kills the deal")
    check_no_error(two)
    assert two.negotiation.zone().is_empty
    payoff, star = two._views.payoff, two._views.benchmark.stars[1]
    note = payoff._empty
    assert note.get_visible() and star.get_visible()
    assert star.get_xydata()[0] == pytest.approx([0.6, 0.6], abs=0.01)
    assert star_clear_of(note, star, two.figure)
    two.reset()
    assert not note.get_visible()


def test_a_frontier_region_is_veiled_not_hidden(two: TwoIssueExplorer) -> None:
    plane, veil = two._views.plane, two._views.veil
    assert not veil.image.get_visible()
    two.set(integrative=0.0)  # purely distributive: every deal in the zone is efficient
    assert veil.image.get_visible() and not plane.images[3].get_visible()
    zone = plane.data.zone
    assert np.array_equal(plane.data.frontier_mask & zone, plane.data.frontier_mask)


def test_returning_to_a_setting_reuses_its_scenario(two: TwoIssueExplorer) -> None:
    first = two.negotiation
    two.set(demand=0.5)
    two.set(demand=0.7)
    assert two.negotiation is first
