"""Lesson 9's explorer (``UncertaintyExplorer``) and the plotting views it draws with.

``tests/test_widgets.py`` checks the contract every explorer keeps; here the explorer is
checked for what it teaches (docs/model.md §8): its presets reproduce E2, U1 and U2, the
numbers it shows are the model's, the "revealed" switch shows the certain bargain of the
drawn reservation, the lower panel is the model's width sweep, and ``describe()`` states the
risk of involuntary defection.
"""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np
import pytest

import negotiation_kit as nk
from negotiation_kit.model.statics import width_sweep
from negotiation_kit.plotting import new_figure
from negotiation_kit.plotting.uncertainty import (
    chance_words,
    draw_chance,
    draw_expected_welfare,
    draw_width,
    uncertainty_data,
    welfare_limits,
)
from negotiation_kit.widgets import UncertaintyExplorer
from negotiation_kit.widgets._base import PAUSE
from negotiation_kit.widgets.uncertainty import (
    ALONG_LINE_MOST,
    AT_DEAL_MOST,
    HAWK,
    WIDTHS,
    hawk_reservation,
)

ROOT2 = 2**0.5


def check(explorer: UncertaintyExplorer) -> None:
    """Re-raise what a callback swallowed (ipywidgets only logs callback errors)."""
    if explorer.last_error is not None:
        raise explorer.last_error


def drive(explorer: UncertaintyExplorer, **values: Any) -> None:
    """Move controls one by one as a browser does."""
    for name, value in values.items():
        explorer.controls[name].value = value
        check(explorer)


def talks(reservation: float | nk.Uniform, b: float = 0.8) -> nk.Negotiation:
    """docs/model.md §8's scenario, built here as a student would."""
    dove = nk.Faction("exporters (dove)", nk.Linear(0.5, -0.2))
    hawk = nk.Faction(HAWK, nk.Linear(0.5, reservation))
    a = nk.Nation("Atlantica", [dove, hawk], rule=nk.Unanimity())
    b_nation = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, b))])
    return nk.Negotiation(a, b_nation, nk.Line())


@pytest.fixture(scope="module")
def explorer() -> UncertaintyExplorer:
    return UncertaintyExplorer()


@pytest.fixture(autouse=True)
def _start(explorer: UncertaintyExplorer) -> None:
    explorer.reset()
    check(explorer)


# -- the worked examples ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "agreement", "chance", "atlantica", "borealia"),
    [
        ("certain (E2)", 0.6, 1.0, 0.4, 0.2),
        ("a little uncertainty (U1)", 0.7, 1.0, 0.5, 0.1),
        ("a lot of uncertainty (U2)", 0.4 + 0.2 * ROOT2, 1 / ROOT2, 0.362132, 0.082843),
    ],
)
def test_presets_reproduce_the_worked_examples(
    explorer: UncertaintyExplorer,
    preset: str,
    agreement: float,
    chance: float,
    atlantica: float,
    borealia: float,
) -> None:
    explorer.apply_preset(preset)
    outcome = explorer.negotiation.outcome()
    assert outcome.agreement == pytest.approx(agreement, abs=1e-6)
    assert outcome.ratification_probability == pytest.approx(chance, abs=1e-6)
    assert outcome.welfare == pytest.approx(
        {"Atlantica": atlantica, "Borealia": borealia}, abs=1e-6
    )


def test_it_opens_on_u1(explorer: UncertaintyExplorer) -> None:
    assert explorer.presets["a little uncertainty (U1)"] == explorer.values()
    assert explorer.negotiation == talks(nk.Uniform(0.5, 0.7))


# -- the numbers shown are the model's --------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "low", "high"),
    [
        ({"hawk_reservation": 0.6, "width": 0.4, "b_reservation": 0.8}, 0.4, 0.8),
        ({"hawk_reservation": 0.35, "width": 0.7, "b_reservation": 0.9}, 0.0, 0.7),
        ({"hawk_reservation": 0.85, "width": 0.2, "b_reservation": 0.95}, 0.75, 0.95),
    ],
)
def test_the_figure_shows_the_models_numbers(
    explorer: UncertaintyExplorer, values: dict[str, float], low: float, high: float
) -> None:
    drive(explorer, **values)
    width = values["width"]
    model = talks(nk.Uniform(low, high), values["b_reservation"])
    assert explorer.negotiation == model
    views = explorer._views
    chance, welfare, widths = views.chance, views.welfare, views.widths
    outcome = model.outcome()
    assert chance.data.agreement == pytest.approx(outcome.agreement, abs=1e-12)
    assert chance.here.get_ydata()[0] == pytest.approx(outcome.ratification_probability)
    x, shown = chance.curve.get_data()
    assert np.allclose(shown, model.ratification_probability(x), atol=1e-12)
    expected = model.expected_welfare(x)
    for line, dot, name in zip(
        welfare.curves, welfare.dots, ("Atlantica", "Borealia"), strict=True
    ):
        assert np.allclose(line.get_ydata(), expected[name], atol=1e-12)
        assert dot.get_ydata()[0] == pytest.approx(outcome.welfare[name], abs=1e-12)
    # the lower panel: the model's width sweep, the current width exact and marked
    swept = width_sweep(model, HAWK, WIDTHS)
    for line, dot, name in zip(widths.curves, widths.dots, ("Atlantica", "Borealia"), strict=True):
        x, y = (np.asarray(a) for a in line.get_data())
        at = np.flatnonzero(x == width)
        assert at.size >= 1 and np.allclose(y[at], outcome.welfare[name], atol=1e-12)
        assert np.allclose(np.delete(y, at[0]), swept.welfare[name], atol=1e-12)
        assert list(dot.get_data()[0]) == [width]
    assert widths.current.get_xdata()[0] == width


def test_a_little_uncertainty_helps_atlantica_a_lot_hurts_both(
    explorer: UncertaintyExplorer,
) -> None:
    """What the lower panel shows in U1's setting (docs/model.md §8)."""
    widths = explorer._views.widths
    x = np.asarray(widths.curves[0].get_xdata())
    atlantica, borealia = (np.asarray(line.get_ydata()) for line in widths.curves)
    assert x[np.argmax(atlantica)] == pytest.approx(0.2)
    assert atlantica[-1] < atlantica[0] and borealia[-1] < borealia[0]


def test_describe_says_the_risk_of_involuntary_defection(explorer: UncertaintyExplorer) -> None:
    text = explorer.describe()
    assert "from 0.50 to 0.70" in text and "zone of agreement" in text
    assert "settles at 0.70" in text and "certain to be ratified" in text
    assert "no risk of involuntary defection" in text
    assert "Atlantica 0.50, Borealia 0.10" in text
    assert "known to be 0.60, Atlantica would get 0.40 and Borealia 0.20" in text
    assert "helps Atlantica" in text and "make the deal safe" in text
    explorer.apply_preset("a lot of uncertainty (U2)")
    text = explorer.describe()
    assert "ratified with chance 71%" in text
    assert "risk of involuntary defection (a signed deal failing at home) is 29%" in text
    assert "hurts Atlantica" in text and "collapses by accident" in text
    assert chance_words(explorer._views.chance.data) == "deal at 0.68: 29% risk it fails at home"
    assert explorer._views.chance.label.get_text() == "deal at 0.68: 29% risk it fails at home"


def test_describe_when_borealia_concedes_but_the_deal_stays_risky(
    explorer: UncertaintyExplorer,
) -> None:
    explorer.set(hawk_reservation=0.47, width=0.8)
    assert explorer.negotiation.outcome().ratification_probability < 1
    text = explorer.describe()
    assert "helps Atlantica" in text and "make the deal more likely to pass" in text


def test_describe_with_no_deal(explorer: UncertaintyExplorer) -> None:
    explorer.set(hawk_reservation=1.0, width=0.1, b_reservation=0.2)
    assert explorer.negotiation.outcome().agreement is None
    text = explorer.describe()
    assert "is empty: no deal can be ratified" in text and "both get 0" in text
    assert explorer._views.chance.label.get_text() == "no deal: no terms can be ratified"


# -- revealing the hawk's reservation ------------------------------------------------------------


@pytest.mark.parametrize(("drawn", "reservation"), [(0.0, 0.4), (0.5, 0.6), (1.0, 0.8)])
def test_revealed_shows_the_certain_bargain_of_the_drawn_value(
    explorer: UncertaintyExplorer, drawn: float, reservation: float
) -> None:
    explorer.apply_preset("a lot of uncertainty (U2)")
    drive(explorer, revealed=True, drawn=drawn)
    certain = talks(reservation)
    assert explorer.negotiation == certain
    assert explorer.uncertain == talks(nk.Uniform(0.4, 0.8))
    outcome = certain.outcome()
    assert outcome.ratification_probability == 1.0
    chance, welfare = explorer._views.chance, explorer._views.welfare
    assert chance.here.get_xdata()[0] == pytest.approx(outcome.agreement)
    before = explorer.uncertain.outcome()  # the unrevealed deal: hollow marks
    assert chance.before.get_xdata()[0] == pytest.approx(before.agreement)
    assert chance.before.get_ydata()[0] == pytest.approx(1 / ROOT2)
    assert welfare.befores[0].get_ydata()[0] == pytest.approx(before.welfare["Atlantica"])
    text = explorer.describe()
    assert f"turns out to be {reservation:.2f}" in text
    assert f"settle at {outcome.agreement:.2f}, certain to pass" in text
    assert "instead of 0.36 expected" in text
    drive(explorer, revealed=False)
    assert explorer.negotiation == explorer.uncertain == talks(nk.Uniform(0.4, 0.8))
    assert chance.before.get_xdata() == [] and "turns out" not in explorer.describe()


def test_a_new_layout_leaves_room_for_the_revealed_legend() -> None:
    """The top panel switches between two legends; laid out again while the second is shown
    (new labels anywhere in the figure), the panel must still leave room above it."""
    explorer = UncertaintyExplorer()
    chance = explorer._views.chance
    before = chance.ax.get_position().bounds
    explorer.apply_preset("U1, the truth revealed")
    explorer.figure.get_layout_engine().reset()  # the renderer's FrozenLayout: lay out anew
    explorer._renderer.invalidate()
    explorer._refresh()
    check(explorer)
    assert chance.ax.get_position().bounds == pytest.approx(before, abs=1e-3)


def test_revealing_at_the_mean_of_u1_gives_e2(explorer: UncertaintyExplorer) -> None:
    explorer.apply_preset("U1, the truth revealed")
    outcome = explorer.negotiation.outcome()
    assert outcome.agreement == pytest.approx(0.6)
    assert outcome.welfare == pytest.approx({"Atlantica": 0.4, "Borealia": 0.2})
    assert "Atlantica 0.40 instead of 0.50 expected" in explorer.describe()


def test_hawk_reservation_from_the_controls() -> None:
    base = {"hawk_reservation": 0.6, "width": 0.4, "revealed": False, "drawn": 0.25}
    assert hawk_reservation(base) == nk.Uniform(0.4, 0.8)
    assert hawk_reservation({**base, "width": 0.0}) == 0.6
    assert hawk_reservation({**base, "revealed": True}) == pytest.approx(0.5)


# -- extremes, bad input, a drag -------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        {"hawk_reservation": 0.0, "width": 0.8, "b_reservation": 0.0},
        {"hawk_reservation": 1.0, "width": 0.8, "b_reservation": 1.0},
        {"hawk_reservation": 1.0, "width": 0.0, "b_reservation": 0.0},
        {"hawk_reservation": 0.0, "width": 0.0, "b_reservation": 1.0, "revealed": True},
        {"hawk_reservation": 1.0, "width": 0.8, "revealed": True, "drawn": 1.0},
    ],
)
def test_slider_extremes_never_fail(explorer: UncertaintyExplorer, values: dict[str, Any]) -> None:
    explorer.set(**values)
    check(explorer)
    assert explorer._error.value == "" and explorer.describe()
    welfare, widths = explorer._views.welfare, explorer._views.widths
    # the fixed scales hold every value (they would widen otherwise)
    assert welfare.ax.get_ylim() == welfare_limits(np.zeros(1), ALONG_LINE_MOST)
    assert widths.ax.get_ylim() == welfare_limits(np.zeros(1), AT_DEAL_MOST)


def test_bad_input_gets_a_clear_message(explorer: UncertaintyExplorer) -> None:
    with pytest.raises(ValueError, match=r"width must be a number from 0 to 0.8, got 0.9"):
        explorer.set(width=0.9)
    with pytest.raises(ValueError, match=r"revealed must be one of False, True, got 'yes'"):
        explorer.set(revealed="yes")
    with pytest.raises(TypeError, match="drawn must be a number from 0 to 1"):
        explorer.set(drawn="middle")
    assert explorer.values() == explorer.presets["a little uncertainty (U1)"]


def test_a_drag_previews_the_width_curve_then_draws_it(explorer: UncertaintyExplorer) -> None:
    """During a drag of the hawk's reservation in a kernel, a setting not seen before shows
    only the current width in the lower panel; once the controls rest, the whole curve."""
    widths = explorer._views.widths

    async def drag() -> tuple[Any, Any]:
        drive(explorer, hawk_reservation=0.43)
        during = np.asarray(widths.curves[0].get_ydata()).copy()
        await asyncio.sleep(3 * PAUSE)
        return during, np.asarray(widths.curves[0].get_ydata())

    during, after = asyncio.run(drag())
    assert np.isfinite(during).sum() == 1
    assert np.isfinite(after).all() and after.size == WIDTHS.size + 1


# -- the plotting views on their own ------------------------------------------------------------


def test_uncertainty_data_is_the_models() -> None:
    u2 = talks(nk.Uniform(0.4, 0.8))
    data = uncertainty_data(u2)
    assert data.agreement == pytest.approx(0.4 + 0.2 * ROOT2, abs=1e-9)
    assert data.risk == pytest.approx(1 - 1 / ROOT2, abs=1e-9)
    assert data.ranges == [(0.4, 0.8)]
    assert np.allclose(data.chance, u2.ratification_probability(data.x))
    certain = uncertainty_data(talks(0.6))
    assert certain.ranges == [] and certain.risk == 0.0
    # the step at the zone's edges is drawn as a step: 0 just outside, 1 on the edge
    edge = int(np.flatnonzero(certain.x == 0.6)[0])
    assert certain.chance[edge - 1] == 0.0 and certain.chance[edge] == 1.0


def test_views_draw_and_update_in_place() -> None:
    figure = new_figure(7, 7)
    top, middle, bottom = figure.subplots(3, 1)
    u2, e2 = talks(nk.Uniform(0.4, 0.8)), talks(0.6)
    chance, welfare = draw_chance(top, u2), draw_expected_welfare(middle, u2)
    widths = draw_width(bottom, np.array([0.0, 0.4]), {"A": np.zeros(2), "B": np.ones(2)}, 0.4)
    children = [len(ax.get_children()) for ax in (top, middle, bottom)]
    chance.update(e2, before=u2)
    welfare.update(e2, before=u2)
    widths.update(np.array([0.0, 0.2]), {"A": np.ones(2), "B": np.zeros(2)}, 0.2)
    assert [len(ax.get_children()) for ax in (top, middle, bottom)] == children
    assert chance.label.get_text() == "deal at 0.60: ratified for sure"
    assert chance.before.get_xdata()[0] == pytest.approx(0.4 + 0.2 * ROOT2)
    assert widths.dots[0].get_ydata()[0] == 1.0
    assert len(chance.ranges.get_paths()) == 1  # where the hawk might have been: U2's range
    assert [legend.get_visible() for legend in chance.legends] == [False, True]
    chance.update(e2)
    assert list(chance.ranges.get_paths()) == []  # E2 alone is certain: nothing shaded
    assert [legend.get_visible() for legend in chance.legends] == [True, False]
    figure.canvas.draw()
