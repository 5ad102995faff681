"""The least efficiency and least budget that open the zone (docs/model.md §3): named cases
and properties over generated nations with side-payments."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import TOWARD_A, TOWARD_B, consent_rules, linear, working_payments

import negotiation_kit as nk
from negotiation_kit.model.side_payments import MIN_EFFICIENCY
from negotiation_kit.model.thresholds import least_budget, least_efficiency

ZONE_B = [(0.0, 0.8)]
"""Borealia's win-set in the worked examples: ``Linear(-1, 0.8)``."""


def too_hawkish(**payments: float) -> nk.Nation:
    """docs/model.md E3: a dove and a hawk with a veto whose reservation is beyond B's."""
    factions = [nk.Faction("dove", nk.Linear(0.5, -0.5)), nk.Faction("hawk", nk.Linear(0.5, 0.9))]
    return nk.Nation("Atlantica", factions, side_payments=nk.SidePayments(**payments))


def test_e3_the_least_efficiency_is_one_thirteenth() -> None:
    # at x = 0.8 the hawk lacks 0.05 and the dove gains 0.65: e = 0.05 / 0.65
    assert least_efficiency(too_hawkish(), ZONE_B) == pytest.approx(1 / 13, abs=1e-12)


def test_e3_the_least_budget_is_the_hawks_deficit_over_efficiency() -> None:
    assert least_budget(too_hawkish(), ZONE_B) == pytest.approx(0.05, abs=1e-12)
    assert least_budget(too_hawkish(), ZONE_B, efficiency=0.5) == pytest.approx(0.1, abs=1e-12)


def test_a_budget_below_the_deficit_leaves_the_zone_closed_at_any_efficiency() -> None:
    assert least_efficiency(too_hawkish(), ZONE_B, budget=0.04) is None
    assert least_efficiency(too_hawkish(), ZONE_B, budget=0.1) == pytest.approx(0.5)


def test_e2_needs_no_payments_and_an_empty_partner_opens_nothing() -> None:
    e2 = dataclasses.replace(too_hawkish(), factions=(
        nk.Faction("dove", nk.Linear(0.5, -0.2)), nk.Faction("hawk", nk.Linear(0.5, 0.6)),
    ))  # fmt: skip
    assert least_efficiency(e2, ZONE_B) == 0.0 == least_budget(e2, ZONE_B)
    assert least_efficiency(too_hawkish(), []) is None
    assert least_budget(too_hawkish(), ZONE_B, efficiency=0.0) is None


def test_thresholds_refuse_gains_other_than_linear() -> None:
    spatial = nk.Nation("A", [nk.Faction("f", nk.Spatial((0.5, 0.5), (0.0, 0.0)))])
    with pytest.raises(ValueError, match="linear gains"):
        least_efficiency(spatial, ZONE_B)


@st.composite
def linear_nations(draw: st.DrawFn, name: str, orientation: st.SearchStrategy[int]) -> nk.Nation:
    """A nation of one to three factions with linear gains, a consent rule and payments."""
    gains = draw(st.lists(linear(orientation), min_size=1, max_size=3))
    members = tuple(nk.Faction(f"{name}{i}", gain) for i, gain in enumerate(gains))
    names = tuple(f.name for f in members)
    rule, payments = draw(consent_rules(names)), draw(working_payments(names))
    return nk.Nation(name, members, rule=rule, side_payments=payments)


def opens(nation: nk.Nation, partner: nk.Nation) -> bool:
    return not nk.Negotiation(nation, partner, nk.Line()).zone().is_empty


def _tiny(first: nk.Linear, second: nk.Linear) -> nk.Nation:
    """A nation whose least efficiency is 1e-6 or 2e-6 (found by Hypothesis)."""
    members = (nk.Faction("Atlantica0", first), nk.Faction("Atlantica1", second))
    return nk.Nation("Atlantica", members, side_payments=nk.SidePayments(1.0))


BOREALIA = nk.Nation("Borealia", [nk.Faction("Borealia0", nk.Linear(-1.0, 0.0))])


@pytest.mark.parametrize("which", ["efficiency", "budget"])
@settings(max_examples=60, deadline=None)
@given(a=linear_nations("Atlantica", TOWARD_A), b=linear_nations("Borealia", TOWARD_B))
@example(a=_tiny(nk.Linear(1.0, -0.5), nk.Linear(0.5, 1e-6)), b=BOREALIA)
@example(a=_tiny(nk.Linear(1.0, 1e-6), nk.Linear(1.0, -0.5)), b=BOREALIA)
def test_the_threshold_opens_the_zone_and_less_does_not(
    which: str, a: nk.Nation, b: nk.Nation
) -> None:
    partner = dataclasses.replace(b, side_payments=None)
    payments = a.side_payments
    assert payments is not None
    intervals = partner.win_set(nk.Line()).intervals
    if which == "efficiency":
        least, most = least_efficiency(a, intervals, payments.budget), 1.0
    else:
        least, most = least_budget(a, intervals, payments.efficiency), math.inf

    def at(value: float) -> nk.Nation:
        changed = dataclasses.replace(payments, **{which: value})
        return dataclasses.replace(a, side_payments=changed)

    if least is None:
        assert not opens(at(most), partner)
    elif least == 0.0:
        assert opens(dataclasses.replace(a, side_payments=None), partner)
    else:
        assert opens(at(min(least * (1 + 1e-9), most)), partner)
        # a little less: relatively, and by more than the model's rounding of D* (1e-12) when
        # the threshold is tiny; below the smallest efficiency allowed is no payments at all
        less = least - max(least * 1e-6, 1e-9)
        if which == "efficiency" and less < MIN_EFFICIENCY:
            less = 0.0
        assert not opens(at(less), partner)
