"""The side-payment explorers (lessons 7 and 8) against the model's worked examples.

``tests/test_widgets.py`` checks the contract every explorer keeps; these tests check what
these two must let a student see: presets that reproduce docs/model.md's numbers (E2, E3, E5),
descriptions that state the transfers and thresholds, thresholds and curves that agree with
the model itself, and the strategic effects of a capacity to pay, seen from both nations.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from matplotlib.colors import to_rgba

import negotiation_kit as nk
from negotiation_kit.model import thresholds
from negotiation_kit.plotting import palette
from negotiation_kit.plotting.issue_line import UNUSED_COLOR
from negotiation_kit.widgets import SidePaymentsExplorer, StrategyExplorer, _capacity
from negotiation_kit.widgets import side_payments as lesson7
from negotiation_kit.widgets import strategy as lesson8

E3 = {"hawk_reservation": 0.9, "efficiency": 1.0, "budget": lesson7.NO_CAP}


def surfaced(explorer: SidePaymentsExplorer | StrategyExplorer) -> None:
    if explorer.last_error is not None:
        raise explorer.last_error


@pytest.fixture(scope="module")
def payments() -> SidePaymentsExplorer:
    return SidePaymentsExplorer()


@pytest.fixture(scope="module")
def strategy() -> StrategyExplorer:
    return StrategyExplorer()


def shown(explorer: SidePaymentsExplorer, **values: object) -> nk.Negotiation:
    explorer.reset()
    explorer.set(**values)
    surfaced(explorer)
    return explorer.negotiation


def a_win_set(negotiation: nk.Negotiation) -> list[tuple[float, float]]:
    return negotiation.a.win_set(negotiation.space).intervals


def flat(intervals: list[tuple[float, float]]) -> list[float]:
    """Interval edges in a row (``pytest.approx`` compares flat sequences)."""
    return [edge for interval in intervals for edge in interval]


# -- lesson 7: SidePaymentsExplorer --------------------------------------------------------


@pytest.mark.parametrize(
    ("preset", "win_set", "zone", "agreement", "welfare"),
    [
        ("E2: the hawk's veto, no payments", [(0.6, 1.0)], [(0.6, 0.8)], 0.6, (0.4, 0.2)),
        ("E3: too hawkish, no payments", [(0.9, 1.0)], [], None, (0.0, 0.0)),
        ("E5: efficient payments restore the win-set (E2)", [(0.2, 1.0)], [(0.2, 0.8)], 0.5,
         (0.3, 0.3)),
        ("E5: efficient payments rescue the deal (E3)", [(0.2, 1.0)], [(0.2, 0.8)], 0.5,
         (0.3, 0.3)),
    ],
)  # fmt: skip
def test_payment_presets_are_the_worked_examples(
    payments: SidePaymentsExplorer,
    preset: str,
    win_set: list[tuple[float, float]],
    zone: list[tuple[float, float]],
    agreement: float | None,
    welfare: tuple[float, float],
) -> None:
    payments.apply_preset(preset)
    surfaced(payments)
    talks = payments.negotiation
    assert flat(a_win_set(talks)) == pytest.approx(flat(win_set), abs=1e-9)
    assert flat(talks.zone().intervals) == pytest.approx(flat(zone), abs=1e-9)
    outcome = talks.outcome()
    if agreement is None:
        assert outcome.agreement is None and "no agreement" in payments.describe()
    else:
        assert outcome.agreement == pytest.approx(agreement, abs=1e-9)
    assert tuple(outcome.welfare.values()) == pytest.approx(welfare, abs=1e-9)
    assert talks.a.welfare(0.7) == pytest.approx(0.5)  # W_A = x - 0.2 in every example


def test_starts_with_leaky_payments_and_says_who_pays_whom(payments: SidePaymentsExplorer) -> None:
    payments.reset()
    outcome = payments.negotiation.outcome()
    assert outcome.agreement == pytest.approx(0.9 - 0.85 / 3, abs=1e-9)  # (1.85 / 3)
    paid = outcome.transfers
    assert paid["steelworkers (hawk)"] == pytest.approx(0.5 * (0.9 - outcome.agreement))
    assert paid["exporters (dove)"] == pytest.approx(-2 * paid["steelworkers (hawk)"])
    text = payments.describe()
    for words in (
        "Atlantica's win-set is [0.43, 1.00] ([0.90, 1.00] without payments)",
        "the exporters (dove) pay 0.28; the steelworkers (hawk) receive 0.14",
        "D* = 0.14",
        "0.14 is lost on the way",
        "W is 0.42 before the deadweight, N = 0.28 after",
        "at efficiency 0.08 or more",
        "a budget of 0.10 is just enough",
    ):
        assert words in text


def test_deadweight_only_below_full_efficiency(payments: SidePaymentsExplorer) -> None:
    for efficiency in (0.3, 0.6, 0.9, 1.0):
        talks = shown(payments, **{**E3, "efficiency": efficiency})
        point = talks.outcome().agreement
        assert point is not None
        lost = talks.a.welfare(point) - talks.outcome().welfare["Atlantica"]
        assert lost == pytest.approx((1 / efficiency - 1) * talks.a.compensation(point))
        assert (lost > 1e-9) == (efficiency < 1)


def test_the_efficiency_threshold_opens_the_zone(payments: SidePaymentsExplorer) -> None:
    assert not shown(payments, **{**E3, "efficiency": 0.07}).zone().intervals
    assert "efficiency 0.08 or more" in payments.describe()
    assert shown(payments, **{**E3, "efficiency": 0.08}).zone().intervals
    edges = []
    for efficiency in np.linspace(0.0, 1.0, 21):
        talks = shown(payments, **{**E3, "efficiency": round(float(efficiency), 2)})
        edges.append(a_win_set(talks)[0][0])
    assert all(np.diff(edges) <= 1e-12), "the win-set grows with efficiency"
    assert edges[0] == pytest.approx(0.9) and edges[-1] == pytest.approx(0.2)


def test_a_budget_that_needs_full_efficiency_says_so(payments: SidePaymentsExplorer) -> None:
    payments.apply_preset("a budget just large enough (E3)")
    text = payments.describe()
    assert "With this budget, payments open the zone only when they are fully efficient" in text
    assert "efficiency 1.00 or more" not in text
    shown(payments, **{**E3, "efficiency": 1.0, "budget": 0.2})
    assert "Payments open the zone at efficiency 0.25 or more (with this budget)" in (
        payments.describe()
    )


def test_the_budget_just_large_enough(payments: SidePaymentsExplorer) -> None:
    assert not shown(payments, **{**E3, "budget": 0.04}).zone().intervals
    talks = shown(payments, **{**E3, "budget": 0.05})
    assert flat(talks.zone().intervals) == pytest.approx([0.8, 0.8])
    assert "a budget of 0.05 is just enough" in payments.describe()
    edges = [a_win_set(shown(payments, **{**E3, "budget": b / 100}))[0][0] for b in range(0, 41, 4)]
    assert all(np.diff(edges) <= 1e-12), "the win-set grows with the budget"
    assert edges[0] == pytest.approx(0.9) and edges[-1] == pytest.approx(0.2)
    assert math.isinf(shown(payments, **E3).a.side_payments.budget)  # type: ignore[union-attr]


@pytest.mark.parametrize("setup", ["pair", "all veto", "majority"])
@pytest.mark.parametrize("payers", ["gainers", "exporters"])
def test_thresholds_agree_with_the_model(setup: str, payers: str) -> None:
    """Efficiency and budget at the reported threshold open the zone, 0.01 less does not."""
    for hawk, other in itertools.product((0.6, 0.9), (0.25, 1.0)):
        values = {"hawk_reservation": hawk, "setup": setup, "payers": payers}

        def zone(efficiency: float, budget: float, values: dict[str, object] = values) -> bool:
            a = lesson7.atlantica({**values, "efficiency": efficiency, "budget": max(budget, 0)})
            b = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, 0.8)),))
            return not nk.Negotiation(a, b, nk.Line()).zone().is_empty

        a = lesson7.atlantica({**values, "efficiency": other, "budget": lesson7.NO_CAP})
        least = thresholds.least_budget(a, [(0.0, 0.8)], other)
        if least not in (None, 0.0):
            assert zone(other, least) and not zone(other, least - 0.01)
        a = lesson7.atlantica({**values, "efficiency": 1.0, "budget": other * 0.2})
        least = thresholds.least_efficiency(a, [(0.0, 0.8)], other * 0.2)
        if least not in (None, 0.0):
            assert zone(least, other * 0.2) and not zone(max(least - 0.01, 0), other * 0.2)


def test_targeting_pays_the_cheapest_pivotal_loser(payments: SidePaymentsExplorer) -> None:
    payments.apply_preset("targeting: majority pays the cheapest loser")
    outcome = payments.negotiation.outcome()
    assert outcome.agreement == pytest.approx(0.5)
    assert outcome.transfers["farmers (hawk)"] == pytest.approx(0.02)  # 0.1 x (0.7 - 0.5)
    assert outcome.transfers["steelworkers (hawk)"] == 0.0  # would need 0.4 x 0.3 = 0.12
    assert "the farmers (hawk) receive 0.02" in payments.describe()
    assert "outvoted, the steelworkers (hawk) lose 0.12" in payments.describe()
    talks = shown(payments, hawk_reservation=0.52, efficiency=1.0, setup="majority")
    transfers = talks.outcome().transfers  # now the steelworkers are the cheaper vote
    assert transfers["steelworkers (hawk)"] == pytest.approx(0.008)
    assert transfers["farmers (hawk)"] == 0.0


def test_who_pays(payments: SidePaymentsExplorer) -> None:
    payments.apply_preset("three vetoes: the steelworkers chip in")
    shared = payments.negotiation.outcome().transfers
    assert shared["steelworkers (hawk)"] < 0 and shared["exporters (dove)"] < 0
    assert "the exporters (dove) pay 0.04 and the steelworkers (hawk) 0.02" in (payments.describe())
    payments.set(payers="exporters")
    alone = payments.negotiation.outcome().transfers
    assert alone["steelworkers (hawk)"] == 0.0
    assert alone["exporters (dove)"] == pytest.approx(shared["exporters (dove)"]
                                                     + shared["steelworkers (hawk)"])  # fmt: skip
    assert NOTHING not in payments.describe()


NOTHING = (
    "The exporters are the only faction that gains at these terms, so they pay the whole"
    " compensation whoever is allowed to pay."
)


@pytest.mark.parametrize("setup", list(lesson7.SETUPS.values()))
def test_who_pays_says_when_it_changes_nothing(payments: SidePaymentsExplorer, setup: str) -> None:
    """With the hawk at 0.9 only the exporters gain at the agreement: the toggle leaves the
    picture and the numbers as they were, and the description says why."""
    payments.reset()
    payments.set(setup=setup)
    before = payments.negotiation
    for payers in lesson7.PAYERS.values():
        payments.set(payers=payers)
        after = payments.negotiation
        assert after.outcome().agreement == before.outcome().agreement
        assert after.a.win_set(after.space).intervals == before.a.win_set(before.space).intervals
        assert NOTHING in payments.describe()


def test_curves_along_the_issue_are_the_model(payments: SidePaymentsExplorer) -> None:
    talks = shown(payments, hawk_reservation=0.7, efficiency=0.5, budget=0.3)
    pay, worth = payments._views.payments, payments._views.welfare
    x, paid = pay.lines[0].get_data()
    a = talks.a
    needed = a.compensation(x)
    assert np.allclose(paid, np.where(needed / 0.5 > lesson7.TOP, np.nan, needed / 0.5),
                       equal_nan=True)  # fmt: skip
    assert np.allclose(pay.lines[3].get_ydata(), 0.3)
    assert np.allclose(worth.lines[0].get_ydata(), a.welfare(x))
    net = worth.lines[1].get_ydata()
    keep = np.isfinite(net)
    assert np.allclose(net[keep], a.net_welfare(x)[keep])
    assert pay.current_line.get_xdata()[0] == pytest.approx(talks.outcome().agreement)


# -- lesson 8: StrategyExplorer ------------------------------------------------------------


def test_payments_erode_tied_hands(strategy: StrategyExplorer) -> None:
    strategy.apply_preset("foreclose: the hawk's veto holds (E2)")
    assert strategy.negotiation.outcome().agreement == pytest.approx(0.6)
    assert "worth -0.10 to Atlantica and +0.10 to Borealia" in strategy.describe()
    assert "Atlantica does best by foreclosing payments (0.40" in strategy.describe()
    strategy.apply_preset("unlimited: the veto is bought off (E2, E5)")
    outcome = strategy.negotiation.outcome()
    assert outcome.agreement == pytest.approx(0.5)
    assert outcome.welfare == pytest.approx({"Atlantica": 0.3, "Borealia": 0.3})
    assert "Borealia prefers a partner able to pay" in strategy.describe()


def test_welfare_against_the_budget(strategy: StrategyExplorer) -> None:
    strategy.reset()
    _, a, b, unitary = _capacity.welfare_by_budget(0.6, "unitary", "nash")
    assert np.all(np.diff(a) <= 1e-12) and np.all(np.diff(b) >= -1e-12)
    assert (a[0], b[0], a[-1], b[-1]) == pytest.approx((0.4, 0.2, 0.3, 0.3))
    assert unitary == pytest.approx(0.3)
    line = strategy._views.statics.current_line
    for capacity, where in (("foreclosed", 0.0), ("sized", 0.03), ("unlimited", 0.4)):
        strategy.set(capacity=capacity)
        assert line.get_xdata()[0] == pytest.approx(where)
        assert strategy.controls["budget"].disabled == (capacity != "sized")


def test_a_unitary_borealia_greys_out_its_factions(strategy: StrategyExplorer) -> None:
    line = strategy._views.line
    rows = {t.label1.get_text(): t.label1 for t in line.ax.yaxis.get_major_ticks()}
    borealia = ("importers (dove)", "miners (hawk)")
    note = line.notes[1]

    def bar_colours() -> set[tuple[float, ...]]:
        return {tuple(np.round(c, 3)) for c in line._bars.get_facecolor()}

    assert strategy.values()["borealia"] == "unitary"
    assert note.get_visible() and note.get_text() == "(unitary: not used)"
    grey = to_rgba(palette.NEUTRAL_COLOR)
    assert all(to_rgba(rows[name].get_color()) == grey for name in borealia)
    assert to_rgba(rows["steelworkers (hawk)"].get_color()) != grey
    assert tuple(np.round(to_rgba(UNUSED_COLOR), 3)) in bar_colours()
    for politics in ("divided", "paying", "unitary", "divided"):
        strategy.controls["borealia"].value = politics
        surfaced(strategy)
        unused = politics == "unitary"
        assert note.get_visible() is unused
        assert all((to_rgba(rows[n].get_color()) == grey) is unused for n in borealia)
        assert (tuple(np.round(to_rgba(UNUSED_COLOR), 3)) in bar_colours()) is unused
    strategy.reset()


def test_moving_a_disabled_budget_changes_nothing(strategy: StrategyExplorer) -> None:
    strategy.set(capacity="foreclosed", budget=0.03)
    before = (strategy.negotiation, strategy.describe())
    strategy.controls["budget"].value = 0.2
    surfaced(strategy)
    assert (strategy.negotiation, strategy.describe()) == before
    strategy.reset()


def test_the_right_end_is_as_good_as_unlimited() -> None:
    for hawk, borealia, solution in itertools.product(
        lesson8.HAWKS.values(), lesson8.BOREALIA.values(), ("nash", "split")
    ):
        values = {"hawk": hawk, "borealia": borealia, "solution": solution, "budget": 0.0}
        most = _capacity.talks({**values, "capacity": "sized", "budget": _capacity.MOST})
        unlimited = _capacity.talks({**values, "capacity": "unlimited"})
        assert most.outcome().welfare == pytest.approx(unlimited.outcome().welfare, abs=1e-12)


def test_sizing_the_budget_when_the_hawk_is_too_hawkish(strategy: StrategyExplorer) -> None:
    strategy.apply_preset("too hawkish and foreclosed: no deal (E3)")
    assert strategy.negotiation.outcome().agreement is None
    assert "Atlantica does best with a budget of 0.05 (0.60" in strategy.describe()
    strategy.apply_preset("size it: just enough to open the zone (E3)")
    assert strategy.negotiation.outcome().welfare["Atlantica"] == pytest.approx(0.6)
    strategy.set(budget=0.1)
    assert strategy.negotiation.outcome().agreement == pytest.approx(0.7)


@pytest.mark.parametrize(
    ("preset", "agreement", "welfare"),
    [
        ("two hawks, no payments: no deal", None, (0.0, 0.0)),
        ("two hawks, only Atlantica can pay", 0.4, (0.2, 0.4)),
        ("two hawks, only Borealia can pay", 0.6, (0.4, 0.2)),
        ("two hawks, both can pay", 0.5, (0.3, 0.3)),
    ],
)
def test_two_sided_division(
    strategy: StrategyExplorer,
    preset: str,
    agreement: float | None,
    welfare: tuple[float, float],
) -> None:
    """The side able to pay rescues the deal and gives up its own tied hands."""
    strategy.apply_preset(preset)
    surfaced(strategy)
    outcome = strategy.negotiation.outcome()
    assert outcome.agreement == (None if agreement is None else pytest.approx(agreement))
    assert tuple(outcome.welfare.values()) == pytest.approx(welfare, abs=1e-9)
    if preset.endswith("only Borealia can pay"):
        assert "In Borealia the importers (dove) pay 0.10" in strategy.describe()
