"""The plotting layer: its data checked against the model, its drawing smoke-tested under Agg.

The worked examples are those of docs/model.md §5 (B unitary with ``Linear(-1, 0.8)``).
"""

from __future__ import annotations

import dataclasses
import io
import math
import subprocess
import sys

import numpy as np
import pytest
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from PIL import Image

import negotiation_kit as nk
import negotiation_kit.plotting as nkp
from negotiation_kit.plotting.data import line_data, payoff_data, plane_data, statics_data
from negotiation_kit.plotting.geometry import half_plane, pareto_mask
from negotiation_kit.plotting.images import GridImage
from negotiation_kit.plotting.payoffs import on_grid
from negotiation_kit.plotting.rule_bars import draw_rule_bars, rule_bars_data
from negotiation_kit.widgets._render import FrameRenderer

LINE = nk.Line()
ORIGIN = (0.0, 0.0)
SPATIAL = nk.Plane(x=(-3, 3), y=(-3, 3))


def nation(name: str, *factions: tuple[str, object], **options: object) -> nk.Nation:
    return nk.Nation(name, [nk.Faction(n, g) for n, g in factions], **options)  # type: ignore[arg-type]


B = nation("Borealia", ("Borealia", nk.Linear(-1, 0.8)))


def dove_hawk(dove: float, hawk: float, **options: object) -> nk.Nation:
    return nation(
        "Atlantica", ("doves", nk.Linear(0.5, dove)), ("hawks", nk.Linear(0.5, hawk)), **options
    )


def e4(rule: object) -> nk.Nation:
    factions = [
        nk.Faction(name, nk.Linear(1 / 3, r), w)
        for name, r, w in [("low", -0.15, 0.25), ("mid", 0.2, 0.35), ("high", 0.55, 0.40)]
    ]
    return nk.Nation("Atlantica", factions, rule=rule)  # type: ignore[arg-type]


def spatial(*ideals: tuple[float, float], **options: object) -> nk.Nation:
    names = ("labour", "greens", "farmers")
    return nation(
        "Atlantica",
        *((n, nk.Spatial(p, ORIGIN)) for n, p in zip(names, ideals, strict=False)),
        **options,
    )


B_SPATIAL = nation("Borealia", ("Borealia", nk.Spatial((1, 1), ORIGIN)))
"""B's disc (centre (1, 1), through the status quo) holds the whole lens of E6."""


def integrative() -> nk.Negotiation:
    a = nation(
        "Atlantica",
        ("exporters", nk.Additive((1.0, 0.3), 0.45)),
        ("farmers", nk.Additive((0.2, 1.0), 0.35)),
    )
    b = nation(
        "Borealia",
        ("industry", nk.Additive((-1.0, -0.2), -0.75)),
        ("fishers", nk.Additive((-0.3, -0.4), -0.55)),
    )
    return nk.Negotiation(a, b, nk.Plane())


approx = pytest.approx


def close(got: object, expected: object, tol: float = 1e-9) -> bool:
    """Interval lists (or point arrays) equal to ``tol``."""
    return np.shape(got) == np.shape(expected) and np.allclose(got, expected, rtol=0, atol=tol)


# worked examples through line_data ---------------------------------------------------------


def test_e1_unitary_baseline() -> None:
    a = nation("Atlantica", ("Atlantica", nk.Linear(1, 0.2)))
    shown = line_data(nk.Negotiation(a, B, LINE))
    assert close(shown.a.win_set, [(0.2, 1.0)]) and close(shown.zone, [(0.2, 0.8)])
    assert (shown.nash, shown.split) == approx((0.5, 0.5))
    assert shown.a.reservations == approx((0.2,)) and shown.b.reservations == approx((0.8,))
    assert shown.a.acceptance == ([(0.2, 1.0)],)


def test_e2_tied_hands() -> None:
    shown = line_data(nk.Negotiation(dove_hawk(-0.2, 0.6), B, LINE))
    assert shown.a.factions == ("doves", "hawks")
    assert close(shown.a.acceptance[0], [(0.0, 1.0)])
    assert close(shown.a.acceptance[1], [(0.6, 1.0)])
    assert close(shown.a.win_set, [(0.6, 1.0)]) and close(shown.zone, [(0.6, 0.8)])
    assert shown.nash == approx(0.6, abs=1e-9) and shown.split == approx(0.7, abs=1e-9)
    assert shown.a.reservations == approx((0.2,))  # the unitary nation's, W_A = x - 0.2
    assert shown.outcome == shown.nash


def test_e2_under_split_the_difference() -> None:
    shown = line_data(nk.Negotiation(dove_hawk(-0.2, 0.6), B, LINE, solution="split"))
    assert shown.outcome == approx(0.7) and shown.nash == approx(0.6)


def test_e3_too_hawkish_has_no_zone() -> None:
    shown = line_data(nk.Negotiation(dove_hawk(-0.5, 0.9), B, LINE))
    assert close(shown.a.win_set, [(0.9, 1.0)])
    assert shown.zone == [] and shown.nash is None and shown.split is None


@pytest.mark.parametrize(
    ("rule", "zone", "nash", "split"),
    [
        (nk.Unanimity(), [(0.55, 0.8)], 0.55, 0.675),
        (nk.Quota(2 / 3), [(0.55, 0.8)], 0.55, 0.675),
        (nk.Majority(), [(0.2, 0.8)], 0.5, 0.5),
        (nk.Leader("high"), [(0.55, 0.8)], 0.55, 0.675),
        (nk.Leader("low"), [(0.0, 0.8)], 0.5, 0.4),
    ],
)
def test_e4_rules(rule: object, zone: list[tuple[float, float]], nash: float, split: float) -> None:
    shown = line_data(nk.Negotiation(e4(rule), B, LINE))
    assert close(shown.zone, zone)
    assert shown.nash == approx(nash, abs=1e-9) and shown.split == approx(split, abs=1e-9)
    assert [len(a) for a in shown.a.acceptance] == [1, 1, 1]


@pytest.mark.parametrize(("dove", "hawk"), [(-0.2, 0.6), (-0.5, 0.9)])
def test_e5_payments_restore_the_national_win_set(dove: float, hawk: float) -> None:
    a = dove_hawk(dove, hawk, side_payments=nk.SidePayments())
    shown = line_data(nk.Negotiation(a, B, LINE))
    assert close(shown.a.win_set, [(0.2, 1.0)])
    assert close(shown.a.without_payments, [(hawk, 1.0)])  # what the rule alone ratifies
    assert shown.a.payments and not shown.b.payments
    assert shown.nash == approx(0.5, abs=1e-9)


def test_a_zone_in_two_pieces_has_no_split_point() -> None:
    a = nation(
        "Atlantica",
        ("exporters", nk.Linear(2, 0.5)),
        ("importers", nk.Linear(-0.5, 0.2)),
        rule=nk.Quota(0.5),
    )
    shown = line_data(nk.Negotiation(a, B, LINE))
    assert close(shown.zone, [(0.0, 0.2), (0.5, 0.8)])
    assert shown.split is None and shown.nash == approx(0.7, abs=1e-9)
    assert close(shown.a.acceptance[1], [(0.0, 0.2)])


# two issues ----------------------------------------------------------------------------------


def test_e6_three_factions_are_gridlocked() -> None:
    shown = plane_data(nk.Negotiation(spatial((2, 0), (0, 2), (-1, -1)), B_SPATIAL, SPATIAL))
    assert not shown.a.win_set.any() and not shown.zone.any()
    assert shown.outcome is None and len(shown.frontier) == 0
    assert shown.status_quo.tolist() == [[0.0, 0.0]]


def test_e6_two_factions_make_the_lens() -> None:
    talks = nk.Negotiation(spatial((2, 0), (0, 2)), B_SPATIAL, SPATIAL)
    shown = plane_data(talks)
    cell = np.prod(SPATIAL.cell)
    assert shown.zone.shape == (200, 200)
    assert shown.zone.sum() * cell == approx(2 * math.pi - 4, rel=0.01)  # the lens, inside B
    assert np.array_equal(shown.zone.ravel(), talks.zone().mask)
    discs = shown.a.factions
    assert [(d.kind, d.centre, d.radius) for d in discs] == [
        ("disc", (2.0, 0.0), 2.0),
        ("disc", (0.0, 2.0), 2.0),
    ]
    assert shown.outcome is not None and talks.zone().contains(shown.outcome)
    # the frontier of Euclidean preferences runs between the principals' ideal points
    assert np.all(talks.zone().contains(shown.frontier))
    assert shown.frontier_mask.sum() == len(shown.frontier)


def test_half_planes_are_clipped_to_the_plane() -> None:
    polygon, edge = half_plane((1.0, 1.0), 1.5, (0, 1, 0, 1))
    assert sorted(map(tuple, polygon.round(12).tolist())) == [(0.5, 1.0), (1.0, 0.5), (1.0, 1.0)]
    assert sorted(map(tuple, edge.round(12).tolist())) == [(0.5, 1.0), (1.0, 0.5)]
    nothing, missed = half_plane((1.0, 0.0), 2.0, (0, 1, 0, 1))
    assert nothing.shape == (0, 2) and missed.shape == (0, 2)
    everything, _ = half_plane((1.0, 0.0), -1.0, (0, 1, 0, 1))
    assert len(everything) == 4


def test_plane_regions_match_the_factions_acceptance() -> None:
    talks = integrative()
    shown = plane_data(talks)
    for region, faction in zip(shown.a.factions, talks.a.factions, strict=True):
        assert region.kind == "half-plane"
        x, y = region.polygon.T
        area = 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
        accepted = faction.accepts(nk.Plane().grid).mean()  # type: ignore[union-attr]
        assert area == approx(accepted, abs=0.01)
        assert np.all(faction.gain(region.polygon) >= -1e-9)
        assert np.allclose(faction.gain(region.boundary), 0.0)


# Pareto frontiers ----------------------------------------------------------------------------


def brute_force_pareto(points: np.ndarray) -> np.ndarray:
    ge = np.all(points[None, :, :] >= points[:, None, :], axis=2)
    gt = np.any(points[None, :, :] > points[:, None, :], axis=2)
    return ~np.any(ge & gt, axis=1)


def test_grid_payoffs_reuse_the_models_grid_gains_exactly() -> None:
    """``on_grid`` takes the model's cached grid gains: the same numbers, to the bit, as
    asking the nation at every grid point, with and without leaky side-payments."""
    leaky = nk.SidePayments(efficiency=0.5)
    for nation_ in (
        spatial((2, 0), (0, 2)),
        spatial((2, 0), (0, 2), (-1, -1), rule=nk.Majority(), side_payments=leaky),
        integrative().a,
        dataclasses.replace(integrative().b, side_payments=leaky),
    ):
        plane = SPATIAL if isinstance(nation_.factions[0].gain, nk.Spatial) else nk.Plane()
        mask, welfare = on_grid(nation_, plane)
        assert np.array_equal(welfare, nation_.net_welfare(plane.grid))
        assert np.array_equal(mask, nation_.win_set(plane).mask)  # type: ignore[union-attr]


def test_pareto_mask_agrees_with_brute_force() -> None:
    rng = np.random.default_rng(7)
    points = rng.random((400, 2)).round(2)  # rounding makes ties
    assert np.array_equal(pareto_mask(points), brute_force_pareto(points))
    line = np.column_stack([np.linspace(0, 1, 50), np.linspace(1, 0, 50)])
    assert pareto_mask(line).all()  # distributive: every point efficient
    assert pareto_mask(np.zeros((0, 2))).shape == (0,)


def test_payoff_frontier_of_an_integrative_bargain() -> None:
    talks = integrative()
    shown = payoff_data(talks)
    frontier, feasible = shown.frontier, shown.feasible
    assert shown.kind == "cells" and len(feasible) == talks.zone().mask.sum()
    assert np.all(np.diff(frontier[:, 0]) >= 0) and np.all(np.diff(frontier[:, 1]) <= 1e-12)
    # no feasible pair beats a frontier pair on both counts ...
    better = np.all(feasible[None] > frontier[:, None] + 1e-9, axis=2)
    assert not better.any()
    # ... and every pair off the frontier is beaten by one on it
    off = feasible[~shown.on_frontier]
    beaten = np.all(frontier[None] >= off[:, None] - 1e-9, axis=2).any(axis=1)
    assert beaten.all()
    # the Nash outcome is (up to the grid) efficient
    assert shown.outcome is not None
    assert not np.all(feasible > np.array(shown.outcome) + 0.01, axis=1).any()


def test_payoff_curve_of_the_unitary_baseline() -> None:
    a = nation("Atlantica", ("Atlantica", nk.Linear(1, 0.2)))
    shown = payoff_data(nk.Negotiation(a, B, LINE))
    assert shown.kind == "curve" and shown.on_frontier.all()
    assert shown.feasible[0] == approx((0.0, 0.6)) and shown.feasible[-1] == approx((0.6, 0.0))
    assert shown.outcome == approx((0.3, 0.3)) and shown.disagreement == (0.0, 0.0)
    assert shown.possible[0] == approx((-0.2, 0.8)) and shown.possible[-1] == approx((0.8, -0.2))


def test_payoffs_of_an_empty_zone() -> None:
    shown = payoff_data(nk.Negotiation(dove_hawk(-0.5, 0.9), B, LINE))
    assert shown.feasible.shape == (0, 2) and shown.frontier.shape == (0, 2)
    assert shown.outcome is None and len(shown.possible) > 0


def test_statics_of_the_hawks_reservation() -> None:
    def talks(hawk: float) -> nk.Negotiation:
        return nk.Negotiation(dove_hawk(-0.2, hawk), B, LINE)

    curve = statics_data(talks, [0.3, 0.6, 0.9], desirability=True)
    assert curve.names == ("Atlantica", "Borealia")
    assert curve.agreement[:2] == approx([0.425, 0.6]) and math.isnan(curve.agreement[2])
    assert curve.agreed.tolist() == [True, True, False]
    assert curve.welfare_a == approx([0.375, 0.4, 0.0])
    assert curve.welfare_b == approx([0.375, 0.2, 0.0])
    assert curve.desirability_a is not None and curve.desirability_a[1] == approx(0.1)
    plain = statics_data(talks, [0.6])
    assert plain.desirability_a is None


def test_statics_on_two_issues_gives_points() -> None:
    curve = statics_data(lambda _: integrative(), [0.0, 1.0])
    assert curve.agreement.shape == (2, 2) and curve.agreed.all()


def test_rule_bars_data_of_e4() -> None:
    """docs/model.md E4: nash 0.55 under unanimity, quota 2/3 and the third faction leading
    (N_A = 0.35), 0.5 under majority and the first faction leading (0.3, as unitary)."""
    rules = {
        "unanimity": nk.Unanimity(),
        "quota 2/3": nk.Quota(2 / 3),
        "majority": nk.Majority(),
        "high leads": nk.Leader("high"),
        "low leads": nk.Leader("low"),
    }
    data = rule_bars_data(nk.Negotiation(e4(nk.Majority()), B, LINE), rules)
    assert data.rules == tuple(rules) and data.current == 2
    assert data.welfare == approx([0.35, 0.35, 0.3, 0.35, 0.3], abs=1e-9)
    assert data.benchmark == approx(0.3, abs=1e-9)
    split = rule_bars_data(nk.Negotiation(e4(nk.Leader("low")), B, LINE, "split"), rules)
    assert split.current == 4 and split.welfare[4] - split.benchmark == approx(-0.1, abs=1e-9)


def test_rule_bars_view_updates_in_place() -> None:
    fig = nkp.new_figure(6, 3)
    rules = {"unanimity": nk.Unanimity(), "majority": nk.Majority()}
    talks = nk.Negotiation(e4(nk.Unanimity()), B, LINE)
    view = draw_rule_bars(fig.add_subplot(), rule_bars_data(talks, rules), (0.0, 0.6))
    frames = fast_frames(fig, view)
    assert [b.get_width() for b in view.bars] == approx([0.35, 0.3])
    assert view.ax.get_xlabel() == "net welfare of Atlantica"
    first = view.bars[0].get_facecolor()
    view.update(rule_bars_data(nk.Negotiation(e4(nk.Majority()), B, LINE), rules))
    assert view.bars[1].get_facecolor() == first != view.bars[0].get_facecolor()
    assert view.values[1].get_text() == "0.30"
    assert_fast_frame_is_exact(frames)


# drawing -------------------------------------------------------------------------------------


def pixels(fig: object) -> np.ndarray:
    return np.asarray(fig.canvas.buffer_rgba()).copy()  # type: ignore[attr-defined]


def fast_frames(fig: object, view: object) -> FrameRenderer:
    """The explorers' renderer for ``fig``, redrawing only the view's artists."""
    frames = FrameRenderer(fig, lambda: view.artists)  # type: ignore[arg-type, attr-defined]
    frames.render()
    return frames


def decoded(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)


def assert_fast_frame_is_exact(frames: FrameRenderer) -> None:
    """A frame that redraws only the views' artists looks like a complete redraw (to
    antialiasing blended in layers, as in tests/test_widgets.py)."""
    fast, full = decoded(frames.render()), decoded(frames.render_full())
    assert fast.shape == full.shape
    assert (np.abs(fast - full).max(axis=2) > 40).mean() <= 0.002


def test_issue_line_view_updates_in_place() -> None:
    fig = nkp.new_figure(8, 4)
    ax = fig.add_subplot()
    view = nkp.draw_issue_line(ax, nk.Negotiation(dove_hawk(-0.2, 0.6), B, LINE))
    frames = fast_frames(fig, view)
    bars = view._bars
    before = [p.vertices.copy() for p in bars.get_paths()]
    view.update(nk.Negotiation(dove_hawk(-0.2, 0.7), B, LINE))
    assert bars in ax.get_children()  # the same artist, moved
    after = [p.vertices for p in bars.get_paths()]
    assert not all(np.array_equal(x, y) for x, y in zip(before, after, strict=True))
    assert view._nash.get_xdata() == approx([0.7])
    assert view._legend in view.artists
    assert_fast_frame_is_exact(frames)
    # a third faction changes the structure: the view replaces its own artists only
    old = list(view.artists)
    view.update(nk.Negotiation(e4(nk.Unanimity()), B, LINE))
    assert not any(a in ax.get_children() for a in old)
    assert [t.get_text() for t in ax.get_yticklabels()][-3:] == ["low", "mid", "high"][::-1]
    # an empty zone: no outcome marked, a message instead
    view.update(nk.Negotiation(e4(nk.Unanimity()), nation("B", ("B", nk.Linear(-1, 0.3))), LINE))
    assert len(view._nash.get_xdata()) == 0 and view._empty.get_visible()
    assert_fast_frame_is_exact(frames)
    # side-payments: the part of the win-set they buy gets a pale bar of its own
    view.update(nk.Negotiation(dove_hawk(-0.5, 0.9, side_payments=nk.SidePayments()), B, LINE))
    (bought,) = view._bought.get_paths()
    assert close(bought.vertices[:, 0].min(), 0.2) and close(bought.vertices[:, 0].max(), 1.0)
    assert view._legend.get_texts()[-1].get_text() == "needs side-payments"
    assert_fast_frame_is_exact(frames)


def test_issue_plane_view_updates_in_place() -> None:
    fig = nkp.new_figure(9, 6)
    ax = fig.add_subplot()
    view = nkp.draw_issue_plane(ax, nk.Negotiation(spatial((2, 0), (0, 2)), B_SPATIAL, SPATIAL))
    frames = fast_frames(fig, view)
    zone = view.images[2].get_array().copy()
    view.update(nk.Negotiation(spatial((2, 0), (0, 2.5)), B_SPATIAL, SPATIAL))
    assert not np.array_equal(zone, view.images[2].get_array())
    assert_fast_frame_is_exact(frames)
    view.update(nk.Negotiation(spatial((2, 0), (0, 2), (-1, -1)), B_SPATIAL, SPATIAL))  # gridlock
    assert view._empty.get_visible() and len(view._outcome.get_xdata()) == 0
    view.update(integrative())  # half-planes instead of discs, on another plane
    assert ax.get_xlim() == (0.0, 1.0) and not view._empty.get_visible()
    assert_fast_frame_is_exact(frames)


def test_payoff_view_updates_in_place() -> None:
    fig = nkp.new_figure(6, 5)
    ax = fig.add_subplot()
    view = nkp.draw_payoff_plane(ax, nk.Negotiation(dove_hawk(-0.2, 0.6), B, LINE))
    assert ax.get_xlabel() == "net welfare of Atlantica"
    assert ax.get_ylabel() == "net welfare of Borealia"
    frames = fast_frames(fig, view)
    view.update(nk.Negotiation(dove_hawk(-0.2, 0.7), B, LINE))
    assert view._outcome.get_xdata() == approx([0.45])  # N_A = x - 0.25 at x = 0.7
    artists = list(view.artists)
    view.update(nk.Negotiation(dove_hawk(-0.2, 0.7), B, LINE, "split"))  # zone [0.7, 0.8]
    assert view.artists == artists  # the marker is restyled in place, nothing is rebuilt
    assert view._outcome.get_marker() == "D" and view._outcome.get_xdata() == approx([0.5])
    assert view._legend.get_texts()[-1].get_text() == "split outcome"
    assert view._legend.legend_handles[-1].get_marker() == "D"
    assert_fast_frame_is_exact(frames)
    view.update(nk.Negotiation(dove_hawk(-0.2, 0.7), B, LINE))
    assert view._outcome.get_marker() == "*" and view._legend.get_texts()[-1].get_text() == (
        "nash outcome"
    )
    view.update(nk.Negotiation(dove_hawk(-0.5, 0.9), B, LINE))  # empty zone
    assert view._empty.get_visible() and len(view._outcome.get_xdata()) == 0
    assert_fast_frame_is_exact(frames)
    view.update(integrative())  # two issues: the feasible set becomes an image
    assert not view._empty.get_visible() and view._feasible.get_array().any()
    assert_fast_frame_is_exact(frames)


def test_statics_view_updates_in_place() -> None:
    fig = nkp.new_figure(6, 4)
    ax = fig.add_subplot()
    x = np.linspace(0, 1, 11)
    view = nkp.draw_statics(ax, x, {"a": x, "b": 1 - x}, 0.3, "hawk's reservation", "welfare")
    frames = fast_frames(fig, view)
    line = view.lines[0]
    view.update(x, {"a": x**2, "b": np.full_like(x, np.nan)}, 0.5)  # an all-NaN curve is fine
    assert line is view.lines[0] and line.get_ydata()[-1] == 1.0
    assert view.current_line.get_xdata() == [0.5, 0.5]
    assert_fast_frame_is_exact(frames)
    view.update(x, {"a": x, "b": x, "Δ": x - 0.5}, 0.1, ylabel="net welfare")
    assert len(view.lines) == 3 and ax.get_ylabel() == "net welfare"
    assert_fast_frame_is_exact(frames)


def test_views_on_plain_figures_and_savefig() -> None:
    """Views work on any Figure; savefig of a kit figure shows what its canvas draws."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    plain = Figure(figsize=(6, 3))
    FigureCanvasAgg(plain)
    talks = nk.Negotiation(dove_hawk(-0.2, 0.6), B, LINE)
    on_plain = nkp.draw_issue_line(plain.add_subplot(), talks)
    plain.canvas.draw()
    fig = nkp.new_figure(6, 3)
    view = nkp.draw_issue_line(fig.add_subplot(), talks)
    assert on_plain.data == view.data
    assert (pixels(plain)[..., :3] < 128).any()  # something dark (bars, labels) was drawn
    fig.canvas.draw()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    saved = np.asarray(Image.open(buffer).convert("RGBA"))
    fig.canvas.draw()
    assert np.array_equal(saved, pixels(fig))


def test_grid_images_are_drawn_the_right_way_up() -> None:
    fig = nkp.new_figure(3, 3)
    ax = fig.add_subplot()
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    ax.set_axis_off()
    image = GridImage(ax, (0, 2, 0, 2))
    mask = np.zeros((2, 2), dtype=bool)
    mask[0, 1] = True  # row 0 is the bottom, column 1 the right
    image.set_mask(mask, "#FF0000", 1.0)
    fig.canvas.draw()
    height, width = pixels(fig).shape[:2]
    lower_right = ax.transData.transform((1.5, 0.5))
    upper_left = ax.transData.transform((0.5, 1.5))
    pick = pixels(fig)
    assert tuple(pick[height - int(lower_right[1]), int(lower_right[0])][:3]) == (255, 0, 0)
    assert tuple(pick[height - int(upper_left[1]), int(upper_left[0])][:3]) == (255, 255, 255)
    assert width > 0


def test_palette_is_one_hue_family_per_nation() -> None:
    assert nkp.faction_colors(0, 1) == [nkp.NATION_COLORS[0]]
    shades = nkp.faction_colors(1, 4)
    assert len(set(shades)) == 4
    with pytest.raises(ValueError, match="nation_index"):
        nkp.faction_colors(2, 1)
    fonts = {k: v for k, v in nkp.STYLE.items() if k == "font.size" or k.endswith("labelsize")}
    assert len(fonts) >= 4 and min(fonts.values()) >= 12


def test_importing_plotting_loads_neither_ipywidgets_nor_pyplot() -> None:
    code = (
        "import sys, negotiation_kit.plotting\n"
        "print(','.join(m for m in ('ipywidgets', 'matplotlib.pyplot') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


# -- narrow figures (issue 18: a 464-pixel notebook cell on a laptop) --------------------------


def laid_out(fig: Figure) -> RendererAgg:
    """Fit what an Axes' width placed to the laid-out figure; draw it; its renderer."""
    nkp.fit_to_layout(fig)
    fig.canvas.draw()
    return fig.canvas.get_renderer()  # type: ignore[attr-defined,no-any-return]


def test_a_legend_above_a_narrow_axes_fits_its_laid_out_width() -> None:
    # Counted before layout, the columns followed matplotlib's default margins: the issue
    # line's three marks took three rows beside its long row names, and the layout gave the
    # bars less height; a legend wider than its laid-out Axes pulled the Axes in.
    fig = nkp.new_figure(6, 5)
    grid = fig.add_gridspec(2, 1)
    talks = nk.Negotiation(dove_hawk(-0.2, 0.6), B, LINE)
    views = [nkp.draw_issue_line(fig.add_subplot(grid[0]), talks)]
    views.append(nkp.draw_payoff_plane(fig.add_subplot(grid[1]), talks))
    renderer = laid_out(fig)
    width = fig.bbox.width
    for view in views:
        legend = view._legend.get_window_extent(renderer)
        assert legend.x0 >= 0 and legend.x1 <= width, (legend, width)
        assert view.ax.get_position().x1 * width > width - 15  # not pulled in by its legend
    assert views[0]._legend._ncols == 2  # two rows of marks, beside the row names


def test_the_ends_of_a_narrow_issue_line_never_overlap() -> None:
    long = nation("Atlantica Major", ("exporters (dove)", nk.Linear(0.5, -0.2)))
    fig = nkp.new_figure(6, 3)  # "better for ..." at both ends would overlap
    view = nkp.draw_issue_line(fig.add_subplot(), nk.Negotiation(long, B, LINE))
    renderer = laid_out(fig)
    left, right = (text.get_window_extent(renderer) for text in view._ends)
    assert not left.overlaps(right), [text.get_text() for text in view._ends]
    assert left.x0 >= 0 and right.x1 <= fig.bbox.width
    assert [text.get_text() for text in view._ends] == ["← for Borealia", "for Atlantica Major →"]
    view.update(nk.Negotiation(dove_hawk(-0.2, 0.6), B, LINE))  # other names: placed again
    assert view._ends[1].get_text() in ("better for Atlantica →", "for Atlantica →")


def test_an_empty_mark_does_not_stretch_the_layout() -> None:
    # An outcome star with no point (no agreement yet) measured as a box at the figure's
    # corner: the layout kept room for it and the plane came out too small (a stacked
    # figure's Axes collapsed to nothing).
    fig = nkp.new_figure(7, 4.5)
    view = nkp.draw_issue_plane(fig.add_subplot(), integrative())
    view._outcome.set_data([], [])
    box = view.ax.get_tightbbox(laid_out(fig))
    assert box is not None and box.x0 > 0 and box.y0 > 0, box
