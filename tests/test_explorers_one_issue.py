"""The one-issue explorers of lessons 2, 4 and 5: their numbers, words and drawn data.

``tests/test_widgets.py`` checks the contract every explorer keeps; here each of
``WinSetExplorer``, ``RulesExplorer`` and ``ConfigurationExplorer`` is checked for what it
teaches: its presets reproduce the worked examples of docs/model.md §5, its description states
the win-sets, the zone, the outcome, welfare and ``Δ``, its figure's data follow the
controls, and the closed forms behind its curves agree with the model.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

import negotiation_kit as nk
from negotiation_kit.plotting.rule_bars import rule_bars_data
from negotiation_kit.widgets import ConfigurationExplorer, RulesExplorer, WinSetExplorer, _words
from negotiation_kit.widgets._base import Explorer
from negotiation_kit.widgets.configurations import CURVES, delta_curves
from negotiation_kit.widgets.rules import RULES, rule_for

EXACT = 1e-9


def check(explorer: Explorer) -> None:
    """Re-raise what a callback swallowed (ipywidgets only logs callback errors)."""
    if explorer.last_error is not None:
        raise explorer.last_error


def drive(explorer: Explorer, **values: Any) -> None:
    """Move controls one by one as a browser does."""
    for name, value in values.items():
        explorer.controls[name].value = value
        check(explorer)


def intervals(found: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(round(lo, 9), round(hi, 9)) for lo, hi in found]


def shown(explorer: Explorer, name: str) -> dict[str, Any]:
    """What the explorer's figure shows for the negotiation: win-sets, zone, outcome."""
    talks = explorer.negotiation
    outcome = talks.outcome()
    return {
        "win_set": intervals(talks.a.win_set(talks.space).intervals),
        "zone": intervals(talks.zone().intervals),
        "agreement": None if outcome.agreement is None else round(outcome.agreement, 9),
        "welfare": round(outcome.welfare["Atlantica"], 9),
        "delta": round(talks.desirability("Atlantica"), 9),
        "line": explorer._views.line.data,
        "name": name,
    }


def unitary_welfare_is_x_minus_02(explorer: Explorer) -> bool:
    """docs/model.md §5: A's factions are chosen so that W_A(x) = x - 0.2."""
    x = np.linspace(0, 1, 5)
    return bool(np.allclose(explorer.negotiation.a.welfare(x), x - 0.2, atol=EXACT))


# -- lesson 2: win-sets ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "win_set", "zone", "agreement", "welfare"),
    [
        ("three vetoes (E4, unanimity)", [(0.55, 1.0)], [(0.55, 0.8)], 0.55, 0.35),
        ("the exporters decide alone (E4)", [(0.0, 1.0)], [(0.0, 0.8)], 0.5, 0.3),
        ("two vetoes: the farmers bind", [(0.2, 1.0)], [(0.2, 0.8)], 0.5, 0.3),
        ("steelworkers too demanding: no zone", [(0.9, 1.0)], [], None, 0.0),
        ("farmers lean toward Borealia", [(0.55, 0.7)], [(0.55, 0.7)], 0.55, 0.85 / 3),
        ("opposed vetoes leave no overlap", [], [], None, 0.0),
    ],
)
def test_win_set_presets(
    preset: str,
    win_set: list[tuple[float, float]],
    zone: list[tuple[float, float]],
    agreement: float | None,
    welfare: float,
) -> None:
    explorer = WinSetExplorer()
    explorer.apply_preset(preset)
    check(explorer)
    found = shown(explorer, preset)
    assert (found["win_set"], found["zone"], found["agreement"]) == (win_set, zone, agreement)
    assert found["welfare"] == pytest.approx(welfare, abs=EXACT)
    assert found["line"].a.win_set == explorer.negotiation.a.win_set(nk.Line()).intervals


def test_win_set_starts_at_e4_and_says_so() -> None:
    explorer = WinSetExplorer()
    assert unitary_welfare_is_x_minus_02(explorer)
    text = explorer.describe()
    assert "All three factions hold a veto" in text
    assert "[0.55, 1.00] (length 0.45)" in text
    assert "zone of agreement is [0.55, 0.80] (length 0.25)" in text
    assert "settles at 0.55: net welfare Atlantica 0.35, Borealia 0.25" in text


def test_win_set_words_follow_the_vetoes_and_the_lean() -> None:
    explorer = WinSetExplorer()
    drive(explorer, vetoes=1)
    assert "Only the exporters hold a veto (farmers and steelworkers have no say)" in (
        explorer.describe()
    )
    notes = explorer._views.notes.texts
    assert [notes[name].get_text() for name in notes] == ["veto", "no veto", "no veto"]
    drive(explorer, vetoes=3, farmers_lean=-1.0, farmers=0.4)
    text = explorer.describe()
    assert "the farmers (who lean toward Borealia) only up to 0.40 and" in text
    assert "win-set, the overlap of their sets, is empty" in text
    assert "zone of agreement is empty" in text and "no agreement" in text


def test_win_set_names_each_acceptance_set_even_off_the_line() -> None:
    """The exporters' reservation starts below the drawn line [0, 1]: moving it must still
    change the words (each faction's set) and the figure (a mark at the line's left end
    with the value), or a student who moves the first slider sees nothing happen."""
    explorer = WinSetExplorer()
    edges = explorer._views.edges
    text = explorer.describe()
    assert text.startswith(
        "The exporters accept terms from -0.15 (every term on the line), the farmers from "
        "0.20 and the steelworkers from 0.55. All three factions hold a veto"
    )
    assert edges.texts["exporters"].get_text() == "accepts all terms from -0.15"
    assert edges.marks["exporters"].get_visible() and edges.texts["exporters"].get_visible()
    assert not any(edges.texts[name].get_visible() for name in ("farmers", "steelworkers"))
    drive(explorer, exporters=-0.14)
    assert "The exporters accept terms from -0.14 (every term on the line)" in explorer.describe()
    assert edges.texts["exporters"].get_text() == "accepts all terms from -0.14"
    drive(explorer, exporters=0.1)  # on the line: its bar shows where the set starts
    assert "The exporters accept terms from 0.10, the farmers" in explorer.describe()
    assert not edges.texts["exporters"].get_visible()
    assert not edges.marks["exporters"].get_visible()
    drive(explorer, farmers_lean=-1.0, farmers=-0.1)
    assert "the farmers (who lean toward Borealia) only up to -0.10 (no term on the line)" in (
        explorer.describe()
    )
    assert edges.texts["farmers"].get_text() == "accepts only terms up to -0.10: none here"
    assert explorer._views.line.data.a.acceptance[1] == []


def test_win_set_shrinks_as_vetoes_are_added_and_terms_improve() -> None:
    """Putnam (1988): a smaller win-set, a smaller zone, terms no worse for Atlantica."""
    explorer = WinSetExplorer()
    before = None
    for vetoes in (1, 2, 3):
        drive(explorer, vetoes=vetoes)
        found = shown(explorer, str(vetoes))
        lengths = [hi - lo for lo, hi in found["win_set"]], [hi - lo for lo, hi in found["zone"]]
        if before is not None:
            assert sum(lengths[0]) <= before[0] and sum(lengths[1]) <= before[1]
            assert found["agreement"] >= before[2]
        before = (sum(lengths[0]), sum(lengths[1]), found["agreement"])
    assert before == pytest.approx((0.45, 0.25, 0.55))


def test_win_set_curves_follow_the_controls() -> None:
    explorer = WinSetExplorer()
    statics = explorer._views.statics
    assert statics.current_line.get_xdata()[0] == pytest.approx(0.55)
    drive(explorer, steelworkers=0.7)
    assert statics.current_line.get_xdata()[0] == pytest.approx(0.7)
    x = statics.lines[0].get_xdata()
    win_set, zone, deal = (line.get_ydata() for line in statics.lines)
    at = int(np.flatnonzero(np.isclose(x, 0.7))[0])
    assert (win_set[at], zone[at], deal[at]) == pytest.approx((0.3, 0.1, 0.7))
    assert np.isnan(deal[x > 0.8]).all() and (zone[x > 0.8] == 0).all()
    before = zone.copy()
    drive(explorer, b_reservation=0.6)
    assert not np.allclose(statics.lines[1].get_ydata()[: before.size], before)


def test_win_set_curves_agree_with_the_model() -> None:
    rng = np.random.default_rng(2)
    explorer = WinSetExplorer()
    for _ in range(12):
        values = {
            "exporters": round(float(rng.uniform(-0.3, 1)), 2),
            "farmers": round(float(rng.uniform(-0.3, 1)), 2),
            "farmers_lean": float(rng.choice([1.0, -1.0])),
            "vetoes": int(rng.integers(1, 4)),
            "b_reservation": round(float(rng.uniform(0, 1)), 2),
        }
        explorer.set(**values)
        x, curves, _ = explorer._curves(explorer.negotiation, explorer.values())
        for k in rng.choice(x.size, 8, replace=False):
            talks = explorer._scenario({**explorer.values(), "steelworkers": float(x[k])})
            deal = talks.outcome().agreement
            expected = (
                sum(h - lo for lo, h in talks.a.win_set(talks.space).intervals),
                sum(h - lo for lo, h in talks.zone().intervals),
                np.nan if deal is None else deal,
            )
            got = [curve[k] for curve in curves.values()]
            assert got[:2] == pytest.approx(expected[:2], abs=EXACT), values
            if not (np.isnan(got[2]) and np.isnan(expected[2])):  # ties at N = 0 aside
                same = got[2] == pytest.approx(expected[2], abs=EXACT)
                assert same or talks.outcome().welfare["Atlantica"] < EXACT, (values, x[k])


# -- lesson 4: rules on one issue ------------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "win_set", "zone", "agreement", "delta"),
    [
        ("quota of 2/3 (E4)", [(0.55, 1.0)], [(0.55, 0.8)], 0.55, 0.05),
        ("unanimity (E4)", [(0.55, 1.0)], [(0.55, 0.8)], 0.55, 0.05),
        ("unanimity, split the difference (E4)", [(0.55, 1.0)], [(0.55, 0.8)], 0.675, 0.175),
        ("majority (E4)", [(0.2, 1.0)], [(0.2, 0.8)], 0.5, 0.0),
        ("the steelworkers lead (E4)", [(0.55, 1.0)], [(0.55, 0.8)], 0.55, 0.05),
        ("the exporters lead (E4)", [(0.0, 1.0)], [(0.0, 0.8)], 0.5, 0.0),
        ("the exporters lead, split (E4)", [(0.0, 1.0)], [(0.0, 0.8)], 0.4, -0.1),
    ],
)
def test_rules_presets_are_e4(
    preset: str,
    win_set: list[tuple[float, float]],
    zone: list[tuple[float, float]],
    agreement: float,
    delta: float,
) -> None:
    explorer = RulesExplorer()
    explorer.apply_preset(preset)
    check(explorer)
    assert unitary_welfare_is_x_minus_02(explorer)
    found = shown(explorer, preset)
    assert (found["win_set"], found["zone"], found["agreement"]) == (win_set, zone, agreement)
    assert found["delta"] == pytest.approx(delta, abs=EXACT)
    exact = explorer.negotiation.desirability("Atlantica")
    assert f"Δ = {_words.signed(exact)}" in explorer.describe()
    assert "A unitary Atlantica would get 0.30" in explorer.describe()


def test_rules_describe_names_the_process() -> None:
    explorer = RulesExplorer()
    text = explorer.describe()
    assert "at least 67% of the weight (exporters 0.25, farmers 0.35, steelworkers 0.40)" in text
    assert "zone of agreement is [0.55, 0.80]" in text and "this rule helps Atlantica" in text
    drive(explorer, rule="majority")
    assert "more than half of the weight" in explorer.describe()
    drive(explorer, rule="leader farmers", solution="split")
    text = explorer.describe()
    assert text.startswith("The farmers decide alone")
    assert "Splitting the difference settles at 0.50" in text


def test_rules_bars_are_the_model_under_every_rule() -> None:
    explorer = RulesExplorer()
    bars = explorer._views.bars
    settings = [{}, {"steelworkers_weight": 1.0}, {"quota_share": 0.3, "solution": "split"}]
    for change in settings:
        drive(explorer, **change)
        values = explorer.values()
        for bar, key in zip(bars.bars, RULES.values(), strict=True):
            talks = explorer._scenario({**values, "rule": key})
            assert bar.get_width() == pytest.approx(talks.outcome().welfare["Atlantica"], abs=EXACT)
        unitary = explorer.negotiation.outcome().welfare["Atlantica"]
        unitary -= explorer.negotiation.desirability("Atlantica")
        assert bars.line.get_xdata()[0] == pytest.approx(unitary, abs=EXACT)


def test_rules_bars_draw_rule_bars_data() -> None:
    """The explorer's remembered bar values are what the plotting data function computes."""
    explorer = RulesExplorer()
    for change in [{}, {"rule": "majority", "farmers_weight": 0.9}, {"solution": "split"}]:
        drive(explorer, **change)
        values = explorer.values()
        rules = {label: rule_for(key, values["quota_share"]) for label, key in RULES.items()}
        expected = rule_bars_data(explorer.negotiation, rules)
        found = explorer._bar_data(explorer.negotiation, values)
        assert found.rules == expected.rules and found.current == expected.current
        assert found.welfare == pytest.approx(expected.welfare, abs=EXACT)
        assert found.benchmark == pytest.approx(expected.benchmark, abs=EXACT)


def test_rules_figure_follows_the_controls() -> None:
    explorer = RulesExplorer()
    views = explorer._views
    bars, weights, rule = views.bars, views.weights, views.rule
    note = rule.texts["Atlantica's win-set"]
    assert note.get_text() == "accepted by at least 67% of the weight"
    drive(explorer, quota_share=0.68)  # the first slider: its share is written in the figure
    assert note.get_text() == "accepted by at least 68% of the weight"
    drive(explorer, quota_share=0.3)
    assert note.get_text() == "accepted by at least 30% of the weight"
    assert explorer._views.line.data.a.win_set == [(0.2, 1.0)]  # exporters and farmers suffice
    current = list(RULES.values()).index("quota")
    assert bars.bars[current].get_facecolor() != bars.bars[0].get_facecolor()
    drive(explorer, rule="majority")
    assert bars.bars[1].get_facecolor() != bars.bars[current].get_facecolor()
    drive(explorer, steelworkers_weight=0.8)  # 0.8 of 1.4: the steelworkers outvote the rest
    assert explorer._views.line.data.a.win_set == [(0.55, 1.0)]
    assert weights.texts["steelworkers"].get_text() == "weight 0.80"
    assert bars.bars[1].get_width() == pytest.approx(0.35)
    benchmark = bars.line.get_xdata()[0]
    drive(explorer, solution="split")
    assert bars.line.get_xdata()[0] == pytest.approx(benchmark)  # 0.5 either way
    drive(explorer, rule="leader exporters")
    assert bars.bars[3].get_width() == pytest.approx(0.2)
    assert note.get_text() == "the exporters decide alone"


# -- lesson 5: configurations of interests ---------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "win_set", "zone", "agreement", "welfare", "delta"),
    [
        ("aligned hawk: tied hands (E2)", [(0.6, 1.0)], [(0.6, 0.8)], 0.6, 0.4, 0.1),
        ("aligned hawk, split the difference (E2)", [(0.6, 1.0)], [(0.6, 0.8)], 0.7, 0.5, 0.2),
        ("aligned hawk asks too much (E3)", [(0.9, 1.0)], [], None, 0.0, -0.3),
    ],
)
def test_configuration_aligned_presets_are_e2_and_e3(
    preset: str,
    win_set: list[tuple[float, float]],
    zone: list[tuple[float, float]],
    agreement: float | None,
    welfare: float,
    delta: float,
) -> None:
    explorer = ConfigurationExplorer()
    explorer.apply_preset(preset)
    check(explorer)
    assert unitary_welfare_is_x_minus_02(explorer)
    found = shown(explorer, preset)
    assert (found["win_set"], found["zone"], found["agreement"]) == (win_set, zone, agreement)
    assert (found["welfare"], found["delta"]) == pytest.approx((welfare, delta), abs=EXACT)
    assert f"Δ = {delta:+.2f}" in explorer.describe()


def test_configuration_describe_tells_which_way_it_leans() -> None:
    explorer = ConfigurationExplorer()
    text = explorer.describe()
    assert "is an aligned hawk: it accepts terms from 0.60 up" in text
    assert "zone of agreement is [0.60, 0.80]" in text
    assert "A unitary Atlantica would get 0.30, so Δ = +0.10: its veto helps Atlantica" in text
    explorer.apply_preset("opposed faction binds")
    text = explorer.describe()
    assert "leans toward Borealia: it accepts terms only up to 0.10" in text
    assert "zone of agreement is [0.00, 0.10]" in text and "its veto hurts Atlantica" in text
    explorer.apply_preset("opposed faction does not bind")
    assert "Δ = 0.00: division makes no difference" in explorer.describe()


def test_the_sign_of_delta_depends_on_the_lean() -> None:
    """Lesson 5: an aligned hawk's veto can help; an opposed faction's veto never does while
    the exporters never block (their reservation at most 0)."""
    helped = False
    for exporters in (-0.6, -0.3, 0.0):
        for b_reservation in np.linspace(0.1, 1.0, 10):
            for solution in ("nash", "split"):
                values = {"exporters_reservation": exporters, "b_reservation": b_reservation}
                curves = delta_curves({**values, "solution": solution}, np.linspace(0, 1, 101))
                assert (curves[CURVES["opposed"]] <= EXACT).all()
                helped |= bool((curves[CURVES["aligned"]] > 0.01).any())
    assert helped


@pytest.mark.parametrize(
    ("preset", "delta"),
    [
        ("opposed faction, exporters bind as a hawk (Nash)", 1 / 60),
        ("opposed faction, exporters bind as a hawk (split)", 1 / 30),
    ],
)
def test_an_opposed_veto_faction_and_a_positive_delta(preset: str, delta: float) -> None:
    """Issue 13: with hawkish exporters, Δ > 0 although the veto faction leans toward
    Borealia; the gain comes from the exporters' veto, and taking the opposed faction's veto
    away (the exporters decide alone) never makes Atlantica worse off."""
    explorer = ConfigurationExplorer()
    explorer.apply_preset(preset)
    talks = explorer.negotiation
    assert talks.desirability("Atlantica") == pytest.approx(delta, abs=EXACT)
    assert "the exporters' own veto binds as a hawk's" in explorer.describe()
    alone = dataclasses.replace(talks.a, rule=nk.Leader("exporters"))
    without = dataclasses.replace(talks, a=alone)
    assert without.desirability("Atlantica") >= talks.desirability("Atlantica") - EXACT


def test_configuration_curves_agree_with_the_model() -> None:
    rng = np.random.default_rng(5)
    explorer = ConfigurationExplorer()
    for _ in range(10):
        values = {
            "exporters_reservation": round(float(rng.uniform(-0.6, 0)), 2),
            "b_reservation": round(float(rng.uniform(0, 1)), 2),
            "solution": str(rng.choice(["nash", "split"])),
        }
        explorer.set(**values)
        grid = np.round(rng.uniform(0, 1, 6), 2)
        curves = delta_curves(explorer.values(), grid)
        for lean, name in CURVES.items():
            for k, reservation in enumerate(grid):
                talks = explorer._scenario(
                    {**explorer.values(), "lean": lean, "veto_reservation": float(reservation)}
                )
                expected = talks.desirability("Atlantica")
                assert curves[name][k] == pytest.approx(expected, abs=EXACT), (values, lean)


def test_configuration_figure_follows_the_controls() -> None:
    explorer = ConfigurationExplorer()
    line, statics = explorer._views.line, explorer._views.statics
    assert line.data.a.acceptance[1] == [(0.6, 1.0)]
    drive(explorer, lean="opposed")
    assert line.data.a.acceptance[1] == [(0.0, 0.6)]
    drive(explorer, veto_reservation=0.1)
    assert statics.current_line.get_xdata()[0] == pytest.approx(0.1)
    opposed = statics.lines[1]
    x, y = opposed.get_xdata(), opposed.get_ydata()
    at = int(np.flatnonzero(np.isclose(x, 0.1))[0])
    assert y[at] == pytest.approx(explorer.negotiation.desirability("Atlantica"), abs=EXACT)
    assert y[at] < 0
    before = y.copy()
    drive(explorer, b_reservation=0.5)
    assert not np.allclose(statics.lines[1].get_ydata(), before)
    low, high = statics.ax.get_ylim()
    assert low < 0 < high


def test_configuration_welfare_rises_with_the_terms_whichever_way_it_leans() -> None:
    """W_A stays sensible: Atlantica as a whole always prefers terms better for it."""
    explorer = ConfigurationExplorer()
    for lean in ("aligned", "opposed"):
        for exporters in (-0.6, 0.0):
            drive(explorer, lean=lean, exporters_reservation=exporters, veto_reservation=1.0)
            a = explorer.negotiation.a
            assert a.welfare(0.9) > a.welfare(0.1)
            unitary = dataclasses.replace(explorer.negotiation, a=a.unitary())
            assert unitary.outcome().agreement is not None
