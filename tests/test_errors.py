"""Bad input gets a clear error; extreme but valid input gets finite numbers (docs/model.md §4).

Three layers:

1. One named test per bad input of the contract. Each checks the exception *type* (ValueError
   for a bad value, TypeError for a wrong type) and, with ``pytest.raises(match=...)``, that
   the message names the parameter, shows the value and says what is allowed.
2. Hypothesis fuzzing: arbitrary objects fed into every constructor parameter raise only
   ValueError or TypeError naming that parameter (never AttributeError, IndexError,
   OverflowError or a numpy warning), and whatever *is* constructed can be used.
3. Valid but extreme input (no payments possible, no budget, zero weights, huge stakes,
   reservations far outside the space, the coarsest Plane) gives no NaN and no numpy warning.
   ``pyproject.toml`` turns every warning into an error, so a warning fails the test.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import negotiation_kit as nk


def says(*parts: str) -> str:
    """A regex matching a message that contains every part (each a regex), in any order."""
    return "(?s)" + "".join(f"(?=.*{part})" for part in parts)


def shown(value: object) -> str:
    """The value as the message shows it (the start of its repr), escaped for a regex.

    A class passed without brackets is shown by name with a hint to call it.
    """
    if isinstance(value, type):
        return re.escape(f"the class {value.__name__} itself: did you mean nk.{value.__name__}(")
    return re.escape(repr(value)[:40])


def faction(name: str, gain: Any, weight: float = 1.0) -> nk.Faction:
    return nk.Faction(name, gain, weight)


# ----------------------------------------------------------------------------- scenarios
DOVE = faction("dove", nk.Linear(0.5, -0.2))
HAWK = faction("hawk", nk.Linear(0.5, 0.6))
TOO_HAWKISH = [faction("dove", nk.Linear(0.5, -0.5)), faction("hawk", nk.Linear(0.5, 0.9))]
ATLANTICA = nk.Nation("Atlantica", [DOVE, HAWK])  # E2: W_A = x - 0.2, WS_A = [0.6, 1]
BOREALIA = nk.Nation("Borealia", [faction("Borealia", nk.Linear(-1, 0.8))])
E4_FACTIONS = [
    faction("doves", nk.Linear(1 / 3, -0.15), 0.25),
    faction("centre", nk.Linear(1 / 3, 0.2), 0.35),
    faction("hawks", nk.Linear(1 / 3, 0.55), 0.40),
]

SQUARE = nk.Plane(x=(-3, 3), y=(-3, 3), resolution=20)
UNIT_SQUARE = nk.Plane(resolution=20)
EAST = faction("east", nk.Spatial((2, 0), (0, 0)))
NORTH = faction("north", nk.Spatial((0, 2), (0, 0)))
SOUTHWEST = faction("southwest", nk.Spatial((-1, -1), (0, 0)))
SPATIAL_A = nk.Nation("Atlantica", [EAST, NORTH])  # E6: the lens of area 2*pi - 4
SPATIAL_B = nk.Nation("Borealia", [faction("Borealia", nk.Spatial((1, 0.5), (0, 0)))])
FARMERS = faction("farmers", nk.Additive((1.0, 0.0), 0.3))
INDUSTRY = faction("industry", nk.Additive((0.0, 1.0), 0.3))
ADDITIVE_A = nk.Nation("Atlantica", [FARMERS, INDUSTRY])  # accepts x >= 0.3 and y >= 0.3
ADDITIVE_B = nk.Nation("Borealia", [faction("Borealia", nk.Additive((-1.0, -1.0), -1.4))])


def split_zone_talks() -> nk.Negotiation:
    """Mixed orientations under a 2/3 quota: WS_A = [0, 0.3] ∪ [0.7, 1]; B accepts all."""
    a = nk.Nation(
        "Atlantica",
        [
            faction("up", nk.Linear(1, 0.7)),  # accepts x >= 0.7
            faction("down", nk.Linear(-1, 0.3)),  # accepts x <= 0.3
            faction("always", nk.Linear(1, -5)),  # accepts the whole line
        ],
        rule=nk.Quota(2 / 3),
    )
    b = nk.Nation("Borealia", [faction("Borealia", nk.Linear(-1, 2))])
    return nk.Negotiation(a, b, nk.Line(), solution="split")


# ----------------------------------------------------------------------------- numbers
# Every numeric parameter: how to build an object with that value there, a regex naming
# the parameter, and a regex for what the message says is allowed.
NumberSlot = tuple[Callable[[Any], object], str, str]
NUMBER_SLOTS: dict[str, NumberSlot] = {
    "Linear.stake": (lambda v: nk.Linear(v, 0.5), r"\bstake\b", "non-zero finite number"),
    "Linear.reservation": (lambda v: nk.Linear(1, v), r"\breservation\b", "finite number"),
    "Additive.weights": (lambda v: nk.Additive((1.0, v)), r"weights\[1\]", "finite number"),
    "Additive.threshold": (lambda v: nk.Additive((1, 1), v), r"\bthreshold\b", "finite number"),
    "Spatial.ideal": (lambda v: nk.Spatial(v, 0.2), r"\bideal\b", "finite number"),
    "Spatial.ideal[1]": (lambda v: nk.Spatial((0.5, v), (0, 0)), r"ideal\[1\]", "finite number"),
    "Spatial.status_quo": (lambda v: nk.Spatial(0.7, v), r"\bstatus_quo\b", "finite number"),
    "Spatial.status_quo[0]": (
        lambda v: nk.Spatial((0.5, 0.5), (v, 0)),
        r"status_quo\[0\]",
        "finite number",
    ),
    "Spatial.salience": (
        lambda v: nk.Spatial(0.7, 0.2, v),
        r"\bsalience\b",
        "positive finite number",
    ),
    "Faction.weight": (
        lambda v: nk.Faction("farmers", nk.Linear(1, 0.5), v),
        r"\bweight\b",
        "non-negative finite number",
    ),
    "Quota.share": (lambda v: nk.Quota(v), r"\bshare\b", r"number in \(0, 1\]"),
    "SidePayments.efficiency": (
        lambda v: nk.SidePayments(efficiency=v),
        r"\befficiency\b",
        r"number in \[0, 1\]",
    ),
    "SidePayments.budget": (
        lambda v: nk.SidePayments(budget=v),
        r"\bbudget\b",
        r"non-negative number or math\.inf",
    ),
    "Line.low": (lambda v: nk.Line(low=v), r"\blow\b", "finite number"),
    "Line.high": (lambda v: nk.Line(high=v), r"\bhigh\b", "finite number"),
    "Plane.x[0]": (lambda v: nk.Plane(x=(v, 1)), r"x\[0\]", "finite number"),
    "Plane.x[1]": (lambda v: nk.Plane(x=(0, v)), r"x\[1\]", "finite number"),
    "Plane.y[0]": (lambda v: nk.Plane(y=(v, 1)), r"y\[0\]", "finite number"),
    "Plane.y[1]": (lambda v: nk.Plane(y=(0, v)), r"y\[1\]", "finite number"),
}

NON_FINITE: dict[str, tuple[float, str]] = {
    "nan": (math.nan, r"got (np\.float64\()?nan"),
    "inf": (math.inf, r"got (np\.float64\()?inf"),
    "-inf": (-math.inf, r"got (np\.float64\()?-inf"),
    "np.nan": (np.float64("nan"), r"got (np\.float64\()?nan"),
    "np.inf": (np.float64("inf"), r"got (np\.float64\()?inf"),
}
NON_FINITE_CASES = [
    pytest.param(slot, label, id=f"{slot}={label}")
    for slot in NUMBER_SLOTS
    for label in NON_FINITE
    if not (slot == "SidePayments.budget" and label in ("inf", "np.inf"))  # no cap: allowed
]


@pytest.mark.parametrize(("slot", "label"), NON_FINITE_CASES)
def test_nan_and_infinite_numbers_are_refused(slot: str, label: str) -> None:
    build, param, allowed = NUMBER_SLOTS[slot]
    value, value_regex = NON_FINITE[label]
    with pytest.raises(ValueError, match=says(param, allowed, value_regex)):
        build(value)


@pytest.mark.parametrize("budget", [math.inf, np.float64("inf"), 0, 0.0, 2, 1e6])
def test_an_infinite_or_zero_budget_is_allowed(budget: float) -> None:
    assert nk.SidePayments(budget=budget).budget == float(budget)


WRONG_TYPES: dict[str, object] = {
    "str": "0.5",
    "bool": True,
    "np.bool": np.True_,
    "None": None,
    "list": [0.5],
    "dict": {"value": 0.5},
    "complex": 1 + 2j,
    "Decimal": Decimal("0.5"),
}
WRONG_TYPE_CASES = [
    pytest.param(slot, label, id=f"{slot}={label}")
    for slot in NUMBER_SLOTS
    for label in WRONG_TYPES
    # one point on one issue may be given as a list of one number
    if not (slot in ("Spatial.ideal", "Spatial.status_quo") and label == "list")
]


@pytest.mark.parametrize(("slot", "label"), WRONG_TYPE_CASES)
def test_a_wrong_type_where_a_number_goes_is_a_type_error(slot: str, label: str) -> None:
    build, param, _ = NUMBER_SLOTS[slot]
    value = WRONG_TYPES[label]
    with pytest.raises(TypeError, match=says(param, "must be", f"got {shown(value)}")):
        build(value)


# Numbers that are not plain floats: an int too large for a float, a numpy complex and a
# numpy time interval (numpy counts both as numbers). Each must get a clear error naming the
# parameter, not an OverflowError, a ComplexWarning or a raw ``float()`` message.
EXOTIC_NUMBERS: dict[str, tuple[object, type[Exception], str]] = {
    "10**400": (10**400, ValueError, "got .*1000000"),
    "-10**400": (-(10**400), ValueError, "got .*-1000000"),
    "np.complex128": (np.complex128(1 + 2j), TypeError, r"1\+2j"),
    "np.timedelta64": (np.timedelta64(1, "D"), TypeError, "timedelta64"),
}


@pytest.mark.parametrize("label", EXOTIC_NUMBERS)
def test_exotic_numbers_get_a_clear_error_in_every_numeric_parameter(label: str) -> None:
    """One test per exotic value; the failure lists every parameter that mishandles it."""
    value, kind, value_regex = EXOTIC_NUMBERS[label]
    problems = []
    for slot, (build, param, _) in NUMBER_SLOTS.items():
        try:
            with pytest.raises(kind, match=says(param, "must", value_regex)):
                build(value)
        except (Exception, pytest.fail.Exception) as problem:
            text = " ".join(str(problem).split())  # a failed match ends with the message
            text = text if len(text) < 160 else "..." + text[-120:]
            problems.append(f"{slot}: {type(problem).__name__}: {text}")
    assert not problems, "\n".join(problems)


# ----------------------------------------------------------------------------- bad values
@pytest.mark.parametrize("stake", [0, 0.0, -0.0, np.float64(0)], ids=repr)
def test_stake_zero_is_refused(stake: float) -> None:
    with pytest.raises(ValueError, match=says(r"\bstake\b", "non-zero", r"got 0\b")):
        nk.Linear(stake, 0.5)


@pytest.mark.parametrize("weight", [-1, -0.5, -1e-9, np.float64(-2)], ids=repr)
def test_negative_faction_weight_is_refused(weight: float) -> None:
    allowed, value = "non-negative", f"got {re.escape(f'{float(weight):g}')}"
    with pytest.raises(ValueError, match=says(r"\bweight\b", allowed, value)):
        nk.Faction("farmers", nk.Linear(1, 0.5), weight)


def test_zero_faction_weight_is_allowed() -> None:
    assert nk.Faction("farmers", nk.Linear(1, 0.5), 0).weight == 0.0


@pytest.mark.parametrize("share", [0, 0.0, -0.1, 1.5, 1 + 1e-9, -1], ids=repr)
def test_share_outside_zero_to_one_is_refused(share: float) -> None:
    with pytest.raises(ValueError, match=says(r"\bshare\b", r"\(0, 1\]", f"got {shown(share)}")):
        nk.Quota(share)


@pytest.mark.parametrize("share", [1e-9, 0.5, 1, 1.0])
def test_share_inside_zero_to_one_is_allowed(share: float) -> None:
    assert nk.Quota(share).share == share


@pytest.mark.parametrize("efficiency", [-0.1, 1.5, -1e-9, 1 + 1e-9, 2], ids=repr)
def test_efficiency_outside_zero_to_one_is_refused(efficiency: float) -> None:
    allowed, value = r"\[0, 1\]", f"got {shown(efficiency)}"
    with pytest.raises(ValueError, match=says(r"\befficiency\b", allowed, value)):
        nk.SidePayments(efficiency=efficiency)


@pytest.mark.parametrize("budget", [-1, -0.5, -1e-12, np.float64(-3)], ids=repr)
def test_negative_budget_is_refused(budget: float) -> None:
    allowed, value = "non-negative", f"got .*-{re.escape(f'{abs(float(budget)):g}')}"
    with pytest.raises(ValueError, match=says(r"\bbudget\b", allowed, value)):
        nk.SidePayments(budget=budget)


def test_duplicate_faction_names_are_refused() -> None:
    twin = faction("dove", nk.Linear(1, 0.3))
    with pytest.raises(ValueError, match=says(r"\bfactions\b", "distinct names", "'dove'")):
        nk.Nation("Atlantica", [DOVE, HAWK, twin])


def test_a_leader_that_is_not_a_faction_is_refused() -> None:
    allowed = r"faction of the nation \['dove', 'hawk'\]"
    with pytest.raises(ValueError, match=says(r"Leader name", allowed, "got 'president'")):
        nk.Nation("Atlantica", [DOVE, HAWK], rule=nk.Leader("president"))


def test_a_veto_holder_that_is_not_a_faction_is_refused() -> None:
    allowed = r"faction of the nation \['dove', 'hawk'\]"
    with pytest.raises(ValueError, match=says(r"\bvetoes\b", allowed, "got 'senate'")):
        nk.Nation("Atlantica", [DOVE, HAWK], rule=nk.Leader("hawk", vetoes=("senate",)))


def test_a_payer_that_is_not_a_faction_is_refused() -> None:
    payments = nk.SidePayments(payers=("hawk", "treasury"))
    allowed = r"factions of the nation \['dove', 'hawk'\]"
    with pytest.raises(ValueError, match=says(r"\bpayers\b", allowed, "got 'treasury'")):
        nk.Nation("Atlantica", [DOVE, HAWK], side_payments=payments)


@pytest.mark.parametrize("factions", [[], (), iter([]), {}], ids=["list", "tuple", "iter", "dict"])
def test_a_nation_with_no_factions_is_refused(factions: object) -> None:
    value = r"got (none|\[\]|\(\)|\{\})"
    with pytest.raises(ValueError, match=says(r"\bfactions\b", "at least one", value)):
        nk.Nation("Atlantica", factions)  # type: ignore[arg-type]


def test_a_nation_with_too_many_factions_is_refused() -> None:
    many = [faction(f"f{k}", nk.Linear(1, 0.5)) for k in range(13)]
    with pytest.raises(ValueError, match=says(r"\bfactions\b", "at most 12", "got 13")):
        nk.Nation("Atlantica", many)


def test_factions_of_mixed_dimensions_are_refused() -> None:
    flat = faction("flat", nk.Linear(1, 0.5))
    with pytest.raises(
        ValueError,
        match=says(r"\bfactions\b", "same number of issues", "'flat': 1", "'east': 2"),
    ):
        nk.Nation("Atlantica", [flat, EAST])


def test_a_quota_needs_some_political_weight() -> None:
    weightless = [faction("dove", nk.Linear(1, 0.2), 0), faction("hawk", nk.Linear(1, 0.6), 0)]
    with pytest.raises(ValueError, match=says(r"\bweight\b", "positive total weight", "got 0")):
        nk.Nation("Atlantica", weightless, rule=nk.Quota(0.5))


DIMENSION_MISMATCHES = {
    "one-issue nation on a Plane": (ATLANTICA, UNIT_SQUARE, "'Atlantica'", 1, 2),
    "two-issue nation on a Line": (SPATIAL_A, nk.Line(), "'Atlantica'", 2, 1),
    "three-issue nation on a Plane": (
        nk.Nation("Trinia", [faction("t", nk.Additive((1, 1, 1), 1))]),
        UNIT_SQUARE,
        "'Trinia'",
        3,
        2,
    ),
}


@pytest.mark.parametrize("case", DIMENSION_MISMATCHES)
def test_win_set_refuses_a_space_of_another_dimension(case: str) -> None:
    nation, space, name, gains_on, space_has = DIMENSION_MISMATCHES[case]
    message = says(r"\bspace\b", name, f"{gains_on} issue", f"space has {space_has}")
    with pytest.raises(ValueError, match=message):
        nation.win_set(space)


def test_negotiation_refuses_a_space_of_another_dimension() -> None:
    message = says(r"\bspace\b", "'Atlantica'", "1 issue", "space has 2")
    with pytest.raises(ValueError, match=message):
        nk.Negotiation(ATLANTICA, BOREALIA, UNIT_SQUARE)


def test_negotiation_refuses_nations_of_different_dimensions() -> None:
    two_issue_b = nk.Nation("Borealia", [faction("south", nk.Spatial((0, -2), (0, 0)))])
    message = says(r"\bspace\b", "'Borealia'", "2 issue", "space has 1")
    with pytest.raises(ValueError, match=message):
        nk.Negotiation(ATLANTICA, two_issue_b, nk.Line())


def test_split_on_two_issues_is_refused() -> None:
    message = says(r"\bsolution\b", "'split'", "one issue", "'nash'")
    with pytest.raises(ValueError, match=message):
        nk.Negotiation(SPATIAL_A, SPATIAL_B, SQUARE, solution="split")


def test_split_when_the_zone_is_several_intervals_is_refused_by_outcome() -> None:
    talks = split_zone_talks()
    zone = talks.zone().intervals
    assert len(zone) == 2 and zone[0][1] == pytest.approx(0.3) and zone[1][0] == pytest.approx(0.7)
    message = says("split", "one interval", r"\[0, 0\.3\], \[0\.7, 1\]", "solution='nash'")
    with pytest.raises(ValueError, match=message):
        talks.outcome()
    with pytest.raises(ValueError, match=message):
        talks.desirability("Atlantica")
    nash = dataclasses.replace(talks, solution="nash").outcome()  # nash copes with it
    assert nash.agreement is not None


@pytest.mark.parametrize("solution", ["Nash", "midpoint", "", " nash"])
def test_an_unknown_solution_is_refused(solution: str) -> None:
    message = says(r"\bsolution\b", r"\('nash', 'split'\)", f"got {shown(solution)}")
    with pytest.raises(ValueError, match=message):
        nk.Negotiation(ATLANTICA, BOREALIA, nk.Line(), solution=solution)


@pytest.mark.parametrize("name", ["Mordor", "dove", ""])
def test_desirability_of_an_unknown_nation_is_refused(name: str) -> None:
    talks = nk.Negotiation(ATLANTICA, BOREALIA, nk.Line())
    message = says(r"\bnation_name\b", r"\('Atlantica', 'Borealia'\)", f"got {shown(name)}")
    with pytest.raises(ValueError, match=message):
        talks.desirability(name)


def test_two_nations_with_the_same_name_are_refused() -> None:
    twin = dataclasses.replace(BOREALIA, name="Atlantica")
    with pytest.raises(ValueError, match=says(r"\bb\b", "different name", "'Atlantica'")):
        nk.Negotiation(ATLANTICA, twin, nk.Line())


def test_faction_names_shared_by_the_two_nations_are_refused() -> None:
    b = nk.Nation("Borealia", [faction("hawk", nk.Linear(-1, 0.8))])
    message = says("faction names", "differ between the nations", "'hawk'", "'Borealia'")
    with pytest.raises(ValueError, match=message):
        nk.Negotiation(ATLANTICA, b, nk.Line())


def test_a_line_needs_low_below_high() -> None:
    with pytest.raises(ValueError, match=says(r"\bhigh\b", "greater than low", "low=1", "high=0")):
        nk.Line(1, 0)
    with pytest.raises(ValueError, match=says(r"\bhigh\b", "greater than low", "low=0.5")):
        nk.Line(0.5, 0.5)


@pytest.mark.parametrize("axis", ["x", "y"])
def test_a_plane_needs_two_increasing_bounds_per_axis(axis: str) -> None:
    with pytest.raises(ValueError, match=says(rf"\b{axis}\b", "low < high", r"\(1, 0\)")):
        nk.Plane(**{axis: (1, 0)})
    with pytest.raises(ValueError, match=says(rf"\b{axis}\b", "2 entries", r"\(0, 1, 2\)")):
        nk.Plane(**{axis: (0, 1, 2)})
    with pytest.raises(TypeError, match=says(rf"\b{axis}\b", "2 numbers", "got 5")):
        nk.Plane(**{axis: 5})


@pytest.mark.parametrize(
    ("resolution", "kind"),
    [
        *((bad, ValueError) for bad in (19, 2001, 0, -20)),
        *((bad, TypeError) for bad in (20.0, 20.5, "200", True, None)),
    ],
    ids=repr,
)
def test_plane_resolution_is_a_whole_number_from_20_to_2000(
    resolution: object, kind: type[Exception]
) -> None:
    message = says(r"\bresolution\b", "whole number from 20 to 2000", f"got {shown(resolution)}")
    with pytest.raises(kind, match=message):
        nk.Plane(resolution=resolution)  # type: ignore[arg-type]


def test_additive_weights_need_a_non_zero_entry() -> None:
    with pytest.raises(ValueError, match=says(r"\bweights\b", "non-zero", r"\(0\.0, 0\.0\)")):
        nk.Additive((0, 0))
    with pytest.raises(ValueError, match=says(r"\bweights\b", "at least one entry", r"\[\]")):
        nk.Additive([])


@pytest.mark.parametrize("salience", [0, -1, -0.5], ids=repr)
def test_salience_must_be_positive(salience: float) -> None:
    value = f"got {re.escape(f'{float(salience):g}')}"
    with pytest.raises(ValueError, match=says(r"\bsalience\b", "positive", value)):
        nk.Spatial(0.7, 0.2, salience)


def test_spatial_ideal_and_status_quo_need_the_same_dimension() -> None:
    message = says(r"\bstatus_quo\b", r"as many coordinates as ideal \(2\)", r"\(0\.0,\)")
    with pytest.raises(ValueError, match=message):
        nk.Spatial((0, 0), 0)


@pytest.mark.parametrize("name", ["", "   "])
def test_names_must_not_be_empty(name: str) -> None:
    value = f"got {shown(name)}"
    with pytest.raises(ValueError, match=says(r"\bname\b", "non-empty string", value)):
        nk.Faction(name, nk.Linear(1, 0.5))
    with pytest.raises(ValueError, match=says(r"\bname\b", "non-empty string", value)):
        nk.Nation(name, [DOVE])
    with pytest.raises(ValueError, match=says(r"\bname\b", "non-empty string", value)):
        nk.Leader(name)


# ----------------------------------------------------------------------------- wrong types
NOT_A_FACTION = {
    "list": ["dove", nk.Linear(0.5, -0.2)],
    "str": "dove",
    "gain": nk.Linear(0.5, -0.2),
    "None": None,
    "Faction class": nk.Faction,
}


@pytest.mark.parametrize("label", NOT_A_FACTION)
def test_something_else_where_a_faction_goes_is_a_type_error(label: str) -> None:
    value = NOT_A_FACTION[label]
    message = says(r"factions\[1\]", r"nk\.Faction", f"got {shown(value)}")
    with pytest.raises(TypeError, match=message):
        nk.Nation("Atlantica", [DOVE, value])  # type: ignore[list-item]


@pytest.mark.parametrize("factions", ["dove", None, 5, nk.Linear(1, 0.2)], ids=repr)
def test_factions_that_are_not_a_list_are_a_type_error(factions: object) -> None:
    message = says(r"\bfactions\b", r"list of nk\.Faction", f"got {shown(factions)}")
    with pytest.raises(TypeError, match=message):
        nk.Nation("Atlantica", factions)  # type: ignore[arg-type]


@pytest.mark.parametrize("gain", [0.5, "linear", None, (1, 0.2), nk.Linear, DOVE], ids=repr)
def test_a_gain_that_is_not_a_gain_is_a_type_error(gain: object) -> None:
    message = says(r"\bgain\b", r"nk\.Linear, nk\.Additive or nk\.Spatial", f"got {shown(gain)}")
    with pytest.raises(TypeError, match=message):
        nk.Faction("farmers", gain)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "rule", ["unanimity", None, 0.5, nk.Unanimity, nk.Quota, nk.SidePayments()], ids=repr
)
def test_a_rule_that_is_not_a_rule_is_a_type_error(rule: object) -> None:
    message = says(r"\brule\b", r"nk\.Unanimity\(\)", f"got {shown(rule)}")
    with pytest.raises(TypeError, match=message):
        nk.Nation("Atlantica", [DOVE, HAWK], rule=rule)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "side_payments",
    [0.5, True, "yes", {"efficiency": 0.5}, nk.SidePayments, nk.Unanimity()],
    ids=repr,
)
def test_side_payments_that_are_not_side_payments_are_a_type_error(side_payments: object) -> None:
    message = says(r"\bside_payments\b", r"nk\.SidePayments", f"got {shown(side_payments)}")
    with pytest.raises(TypeError, match=message):
        nk.Nation("Atlantica", [DOVE, HAWK], side_payments=side_payments)  # type: ignore[arg-type]


@pytest.mark.parametrize("space", ["line", None, (0, 1), nk.Line, ATLANTICA], ids=repr)
def test_a_space_that_is_not_a_space_is_a_type_error(space: object) -> None:
    message = says(
        r"\bspace\b", r"nk\.Line\(\.\.\.\) or nk\.Plane\(\.\.\.\)", f"got {shown(space)}"
    )
    with pytest.raises(TypeError, match=message):
        nk.Negotiation(ATLANTICA, BOREALIA, space)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        ATLANTICA.win_set(space)  # type: ignore[arg-type]


@pytest.mark.parametrize("side", ["a", "b"])
@pytest.mark.parametrize("value", ["Atlantica", None, [DOVE, HAWK], DOVE], ids=repr)
def test_a_nation_slot_that_is_not_a_nation_is_a_type_error(side: str, value: object) -> None:
    nations: dict[str, Any] = {"a": ATLANTICA, "b": BOREALIA, side: value}
    message = says(rf"^{side} must", r"nk\.Nation", f"got {shown(value)}")
    with pytest.raises(TypeError, match=message):
        nk.Negotiation(nations["a"], nations["b"], nk.Line())


@pytest.mark.parametrize("solution", [5, None, True, ["nash"]], ids=repr)
def test_a_solution_that_is_not_a_string_is_a_type_error(solution: object) -> None:
    message = says(r"\bsolution\b", r"'nash', 'split'", f"got {shown(solution)}")
    with pytest.raises(TypeError, match=message):
        nk.Negotiation(ATLANTICA, BOREALIA, nk.Line(), solution=solution)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", [5, None, ["Atlantica"]], ids=repr)
def test_desirability_of_a_name_that_is_not_a_string_is_a_type_error(name: object) -> None:
    talks = nk.Negotiation(ATLANTICA, BOREALIA, nk.Line())
    message = says(r"\bnation_name\b", "'Atlantica', 'Borealia'", f"got {shown(name)}")
    with pytest.raises(TypeError, match=message):
        talks.desirability(name)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", [5, None, b"dove", ["dove"]], ids=repr)
def test_a_name_that_is_not_a_string_is_a_type_error(name: object) -> None:
    message = says(r"\bname\b", "string", f"got {shown(name)}")
    with pytest.raises(TypeError, match=message):
        nk.Faction(name, nk.Linear(1, 0.5))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        nk.Nation(name, [DOVE])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        nk.Leader(name)  # type: ignore[arg-type]


NAME_TUPLES: dict[str, Callable[[Any], object]] = {
    "vetoes": lambda v: nk.Leader("hawk", vetoes=v),
    "payers": lambda v: nk.SidePayments(payers=v),
}


NOT_NAME_TUPLES = [
    pytest.param(param, value, id=f"{param}={value!r:.20}")
    for param in NAME_TUPLES
    for value in ["dove", None, 5, 0.5, DOVE]
    if not (param == "payers" and value is None)  # payers=None: every gaining faction pays
]


@pytest.mark.parametrize(("param", "value"), NOT_NAME_TUPLES)
def test_vetoes_and_payers_must_be_a_tuple_of_names(param: str, value: object) -> None:
    message = says(rf"\b{param}\b", "tuple of faction names", f"got {shown(value)}")
    with pytest.raises(TypeError, match=message):
        NAME_TUPLES[param](value)


@pytest.mark.parametrize(
    ("build", "param", "value"),
    [
        (lambda v: nk.Leader("hawk", vetoes=(v,)), r"vetoes\[0\]", 5),
        (lambda v: nk.Leader("hawk", vetoes=(v,)), r"vetoes\[0\]", None),
        (lambda v: nk.SidePayments(payers=(v,)), r"payers\[0\]", 5),
        (lambda v: nk.SidePayments(payers=(v,)), r"payers\[0\]", HAWK),
    ],
    ids=["vetoes-5", "vetoes-None", "payers-5", "payers-Faction"],
)
def test_each_veto_holder_and_payer_is_a_name(
    build: Callable[[object], object], param: str, value: object
) -> None:
    with pytest.raises(TypeError, match=says(param, "string", f"got {shown(value)}")):
        build(value)


def test_labels_must_be_strings() -> None:
    with pytest.raises(TypeError, match=says(r"\blabel\b", "string", "got 5")):
        nk.Line(label=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=says(r"\blabels\b", "two strings", "got 'ab'")):
        nk.Plane(labels="ab")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=says(r"labels\[1\]", "string", "got 5")):
        nk.Plane(labels=("tariffs", 5))  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- points z
ONE_ISSUE_CALLS: dict[str, Callable[[Any], object]] = {
    "Linear(z)": nk.Linear(1, 0.2),
    "Spatial(z)": nk.Spatial(0.7, 0.2),
    "Faction.accepts": DOVE.accepts,
    "Nation.gains": ATLANTICA.gains,
    "Nation.welfare": ATLANTICA.welfare,
    "Nation.net_welfare": nk.Nation(
        "Atlantica", [DOVE, HAWK], side_payments=nk.SidePayments(0.5)
    ).net_welfare,
    "Nation.compensation": ATLANTICA.compensation,
    "Nation.ratifies": ATLANTICA.ratifies,
    "Nation.transfers": ATLANTICA.transfers,
    "LineWinSet.contains": ATLANTICA.win_set(nk.Line()).contains,
}
TWO_ISSUE_CALLS: dict[str, Callable[[Any], object]] = {
    "Additive(z)": nk.Additive((1, 1), 1),
    "Spatial(z)": nk.Spatial((2, 0), (0, 0)),
    "Faction.accepts": EAST.accepts,
    "Nation.welfare": SPATIAL_A.welfare,
    "Nation.ratifies": SPATIAL_A.ratifies,
    "Nation.compensation": SPATIAL_A.compensation,
    "PlaneWinSet.contains": SPATIAL_A.win_set(SQUARE).contains,
}
ONE_ISSUE_BAD_Z: dict[str, tuple[object, type[Exception], str]] = {
    "nan": (math.nan, ValueError, "finite"),
    "inf": (math.inf, ValueError, "finite"),
    "[0.5, nan]": ([0.5, math.nan], ValueError, "finite"),
    "[-inf]": (np.array([-math.inf]), ValueError, "finite"),
    "shape (1, 2)": ([[0.1, 0.2]], ValueError, r"1-D array.*shape \(1, 2\)"),
    "str": ("0.5", TypeError, "numbers.*got '0.5'"),
    "bytes": (b"0.5", TypeError, "numbers.*got b'0.5'"),
    "dict": ({"x": 0.5}, TypeError, "numbers.*got " + re.escape("{'x': 0.5}")),
}
TWO_ISSUE_BAD_Z: dict[str, tuple[object, type[Exception], str]] = {
    "[nan, 0]": ([math.nan, 0.0], ValueError, "finite"),
    "[[0, inf]]": ([[0.0, math.inf]], ValueError, "finite"),
    "shape (3,)": ([0.0, 1.0, 2.0], ValueError, r"shape \(n, 2\).*got shape \(3,\)"),
    "shape (2, 3)": (np.zeros((2, 3)), ValueError, r"shape \(n, 2\).*got shape \(2, 3\)"),
    "scalar": (0.5, ValueError, r"shape \(n, 2\).*got shape \(\)"),
    "str": ("0.5", TypeError, "numbers.*got '0.5'"),
}


BAD_POINTS = [
    pytest.param(call, *bad, id=f"{issues}-{name}-{label}")
    for issues, calls, points in [
        ("one issue", ONE_ISSUE_CALLS, ONE_ISSUE_BAD_Z),
        ("two issues", TWO_ISSUE_CALLS, TWO_ISSUE_BAD_Z),
    ]
    for name, call in calls.items()
    for label, bad in points.items()
]


@pytest.mark.parametrize(("call", "z", "kind", "detail"), BAD_POINTS)
def test_bad_points_are_refused(
    call: Callable[[Any], object], z: object, kind: type[Exception], detail: str
) -> None:
    with pytest.raises(kind, match=says(r"^z must", detail)):
        call(z)


def test_transfers_need_one_agreement() -> None:
    with pytest.raises(ValueError, match=says(r"^z must", "one agreement", "several points")):
        ATLANTICA.transfers([0.6, 0.7])


# Points that numpy would silently coerce to floats (strings inside a list, booleans, None,
# dates) or choke on (complex, an int too large for a float). All go through
# _checks.points, so one entry point per dimension represents every method.
EXOTIC_Z: dict[str, tuple[object, type[Exception], str]] = {
    "None": (None, TypeError, "got None"),
    "[None]": ([None], TypeError, r"got \[None\]"),
    "['0.5']": (["0.5"], TypeError, r"got \['0\.5'\]"),
    "np.array(['0.5'])": (np.array(["0.5"]), TypeError, "0.5"),
    "[True, False]": ([True, False], TypeError, r"got \[True, False\]"),
    "np.True_": (np.True_, TypeError, "True"),
    "np.complex128": (np.complex128(1 + 2j), TypeError, r"1\+2j"),
    "np.array([1+0j])": (np.array([1 + 0j]), TypeError, r"1\.?\+0\.?j"),
    "np.datetime64": (np.datetime64("2020-01-01"), TypeError, "2020-01-01"),
    "10**400": (10**400, ValueError, "got .*1000000"),
    "[10**400]": ([10**400], ValueError, r"got .*\[1000000"),
}


@pytest.mark.parametrize("z_label", EXOTIC_Z)
def test_exotic_points_are_refused_with_a_clear_error(z_label: str) -> None:
    z, kind, value = EXOTIC_Z[z_label]
    with pytest.raises(kind, match=says(r"^z must", value)):
        ATLANTICA.welfare(z)


def test_strings_inside_two_issue_points_are_refused() -> None:
    with pytest.raises(TypeError, match=says(r"^z must", "numbers", r"got \[\['0\.5', '1'\]\]")):
        SPATIAL_A.welfare([["0.5", "1"]])


# ----------------------------------------------------------------------------- usability
def assert_finite(values: object, where: str = "") -> None:
    array = np.asarray(values, dtype=np.float64).ravel()
    assert np.all(np.isfinite(array)), f"non-finite numbers {where}: {array}"


def sample_points(space: nk.Line | nk.Plane) -> np.ndarray:
    if isinstance(space, nk.Line):
        return np.linspace(space.low, space.high, 11)
    xs = np.linspace(*space.x, 5)
    ys = np.linspace(*space.y, 5)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


def assert_usable(talks: nk.Negotiation, *, in_zone: bool = True) -> nk.Outcome:
    """Everything a lesson asks of a negotiation comes out finite and without a warning."""
    zone = talks.zone()
    points = sample_points(talks.space)
    for nation in (talks.a, talks.b):
        for method in (nation.gains, nation.welfare, nation.net_welfare, nation.compensation):
            assert_finite(method(points), f"in {nation.name}.{method.__name__}")
        assert np.asarray(nation.ratifies(points)).dtype == bool
    if isinstance(zone, nk.LineWinSet):
        assert_finite([x for interval in zone.intervals for x in interval], "in the zone")
    else:
        assert_finite(zone.area, "in the zone's area")
    out = talks.outcome()
    assert_finite(list(out.welfare.values()), "in outcome().welfare")
    assert_finite(list(out.faction_gains.values()), "in outcome().faction_gains")
    assert_finite(list(out.transfers.values()), "in outcome().transfers")
    assert_finite([talks.desirability(n.name) for n in (talks.a, talks.b)], "in desirability")
    if out.agreement is None and not zone.is_empty:
        assert out.reason, "no agreement in a non-empty zone needs a reason"
    if out.agreement is not None:
        assert_finite(out.agreement, "in outcome().agreement")
        if in_zone:
            assert zone.contains(out.agreement)
    return out


# ----------------------------------------------------------------------------- extremes
# Keyword arguments of SidePayments, built inside each test.
PAYMENTS: dict[str, dict[str, Any]] = {
    "efficiency 0": {"efficiency": 0},
    "efficiency 0, budget 0": {"efficiency": 0, "budget": 0},
    "budget 0": {"budget": 0},
    "efficiency 0.5, budget 0": {"efficiency": 0.5, "budget": 0},
    "budget inf": {"budget": math.inf},
    "efficiency 0.5, budget inf": {"efficiency": 0.5, "budget": math.inf},
    "nobody may pay": {"efficiency": 0.5, "payers": ()},
    "only the dove pays": {"efficiency": 0.5, "budget": 0.1, "payers": ("dove",)},
    "efficiency 1e-12": {"efficiency": 1e-12},
    "efficiency 1e-300": {"efficiency": 1e-300},
    "efficiency 5e-324 (smallest float)": {"efficiency": 5e-324},
}
# A tiny positive efficiency may instead be refused up front, with a clear ValueError.
TINY_EFFICIENCY = {"efficiency 1e-12", "efficiency 1e-300", "efficiency 5e-324 (smallest float)"}


def side_payments(label: str) -> nk.SidePayments | None:
    """The regime called ``label``, or None when the model refuses a tiny efficiency clearly."""
    if label not in TINY_EFFICIENCY:
        return nk.SidePayments(**PAYMENTS[label])
    try:
        return nk.SidePayments(**PAYMENTS[label])
    except ValueError as error:
        assert re.search(says(r"\befficiency\b", "got"), str(error)), error
        return None


RULES = {
    "unanimity": nk.Unanimity(),
    "quota": nk.Quota(2 / 3),
    "majority": nk.Majority(),
    "leader": nk.Leader("hawk", vetoes=("dove",)),
    "welfare": nk.NationalWelfare(),
}


@pytest.mark.parametrize("payments", PAYMENTS)
@pytest.mark.parametrize("rule", RULES)
def test_extreme_side_payments_give_finite_numbers(payments: str, rule: str) -> None:
    regime = side_payments(payments)
    if regime is None:
        return  # refused up front with a clear error: fine
    for factions in ([DOVE, HAWK], TOO_HAWKISH):
        a = nk.Nation("Atlantica", factions, rule=RULES[rule], side_payments=regime)
        for solution in ("nash", "split"):
            assert_usable(nk.Negotiation(a, BOREALIA, nk.Line(), solution=solution))


@pytest.mark.parametrize("payments", ["efficiency 0", "budget 0", "efficiency 0.5, budget 0"])
@pytest.mark.parametrize("rule", RULES)
def test_no_possible_payment_is_the_same_as_no_payments(payments: str, rule: str) -> None:
    for factions in ([DOVE, HAWK], TOO_HAWKISH):
        plain = nk.Nation("Atlantica", factions, rule=RULES[rule])
        paying = dataclasses.replace(plain, side_payments=side_payments(payments))
        assert paying.win_set(nk.Line()).intervals == plain.win_set(nk.Line()).intervals
        for solution in ("nash", "split"):
            with_payments = assert_usable(nk.Negotiation(paying, BOREALIA, nk.Line(), solution))
            without = nk.Negotiation(plain, BOREALIA, nk.Line(), solution).outcome()
            assert with_payments.agreement == without.agreement
            assert with_payments.welfare == pytest.approx(without.welfare, abs=1e-12)
            assert all(amount == 0 for amount in with_payments.transfers.values())


@pytest.mark.parametrize("factions", [[DOVE, HAWK], TOO_HAWKISH], ids=["E2", "E3"])
def test_an_unlimited_efficient_budget_restores_the_national_win_set(
    factions: list[nk.Faction],
) -> None:
    a = nk.Nation("Atlantica", factions, side_payments=nk.SidePayments(budget=math.inf))
    win_set = a.win_set(nk.Line()).intervals
    assert len(win_set) == 1 and win_set[0] == pytest.approx((0.2, 1.0), abs=1e-9)
    assert assert_usable(nk.Negotiation(a, BOREALIA, nk.Line())).agreement == pytest.approx(0.5)


@pytest.mark.parametrize("heavy", range(3), ids=[f.name for f in E4_FACTIONS])
@pytest.mark.parametrize(
    "rule", [nk.Quota(1e-9), nk.Quota(0.5), nk.Quota(2 / 3), nk.Quota(1.0), nk.Majority()]
)
@pytest.mark.parametrize("payments", [None, nk.SidePayments(0.5), nk.SidePayments(1, 0.05)])
def test_all_weight_on_one_faction_makes_it_the_decider(
    heavy: int, rule: nk.Quota, payments: nk.SidePayments | None
) -> None:
    factions = [dataclasses.replace(f, weight=float(k == heavy)) for k, f in enumerate(E4_FACTIONS)]
    a = nk.Nation("Atlantica", factions, rule=rule, side_payments=payments)
    if payments is None:
        reservation = E4_FACTIONS[heavy].gain.reservation
        assert a.win_set(nk.Line()).intervals == [(pytest.approx(max(reservation, 0.0)), 1.0)]
    for solution in ("nash", "split"):
        assert_usable(nk.Negotiation(a, BOREALIA, nk.Line(), solution))


def test_a_tiny_share_still_needs_a_weighted_faction_to_accept() -> None:
    """Quota(1e-13) with weights (0, 1): only the weighted faction can ratify (x >= 0.95)."""
    a = nk.Nation(
        "Atlantica",
        [faction("ghost", nk.Linear(1, 0.9), 0), faction("boss", nk.Linear(1, 0.95), 1)],
        rule=nk.Quota(1e-13),
    )
    assert not a.ratifies(0.5)
    assert a.win_set(nk.Line()).intervals == [(pytest.approx(0.95), 1.0)]


@pytest.mark.parametrize("scale", [1e6, 1e-6, 1e9])
@pytest.mark.parametrize("payments", [None, nk.SidePayments(0.5), nk.SidePayments(1, 0.1)])
def test_huge_and_tiny_stakes_give_the_same_agreement(
    scale: float, payments: nk.SidePayments | None
) -> None:
    """Nash is invariant to rescaling each nation's gains: E2 at any scale ends at 0.6."""
    a = nk.Nation(
        "Atlantica",
        [
            faction("dove", nk.Linear(0.5 * scale, -0.2)),
            faction("hawk", nk.Linear(0.5 * scale, 0.6)),
        ],
        side_payments=payments,
    )
    b = nk.Nation("Borealia", [faction("Borealia", nk.Linear(-scale, 0.8))])
    out = assert_usable(nk.Negotiation(a, b, nk.Line()))
    if payments is None:
        assert out.agreement == pytest.approx(0.6, abs=1e-9)
        assert out.welfare["Atlantica"] == pytest.approx(0.4 * scale, rel=1e-9)


@pytest.mark.parametrize("stake", [1e-9, 1e-15])
def test_a_tiny_stake_keeps_its_veto(stake: float) -> None:
    """A hawk with stake 1e-15 and reservation 0.5 still rejects x = 0 (its gain is < 0)."""
    hawk = faction("hawk", nk.Linear(stake, 0.5))
    assert not hawk.accepts(0.0)
    a = nk.Nation("Atlantica", [hawk])
    assert a.win_set(nk.Line()).intervals == [(pytest.approx(0.5), 1.0)]


def test_mixed_huge_and_tiny_stakes_give_finite_numbers() -> None:
    a = nk.Nation(
        "Atlantica",
        [faction("giant", nk.Linear(1e6, -0.2)), faction("dwarf", nk.Linear(1e-6, 0.6))],
        rule=nk.Quota(0.5),
        side_payments=nk.SidePayments(0.3, 10),
    )
    assert_usable(nk.Negotiation(a, BOREALIA, nk.Line()))


@pytest.mark.parametrize("far", [1e3, -1e3, 1e6, -1e6])
@pytest.mark.parametrize("payments", [None, nk.SidePayments(0.5, 1.0)])
def test_reservations_far_outside_the_space(far: float, payments: nk.SidePayments | None) -> None:
    a = nk.Nation(
        "Atlantica", [DOVE, faction("outlier", nk.Linear(1, far))], side_payments=payments
    )
    out = assert_usable(nk.Negotiation(a, BOREALIA, nk.Line()))
    if payments is None and far > 0:
        assert out.agreement is None  # the outlier accepts nothing in [0, 1]
    if far < 0:
        assert out.agreement is not None


@pytest.mark.parametrize(
    "gain",
    [
        nk.Spatial(1e6, 0.5),
        nk.Spatial(-1e6, 0.5, salience=1e6),
        nk.Spatial(0.5, 1e6),
        nk.Spatial(0.7, 0.2, salience=1e-6),
        nk.Additive((1e6,), -1e6),
    ],
    ids=repr,
)
def test_one_issue_gains_with_far_away_points(gain: nk.Spatial | nk.Additive) -> None:
    a = nk.Nation("Atlantica", [DOVE, faction("far", gain)], side_payments=nk.SidePayments(0.5))
    for solution in ("nash", "split"):
        assert_usable(nk.Negotiation(a, BOREALIA, nk.Line(), solution))


PLANE_CASES = {
    "E6 gridlock": (nk.Nation("Atlantica", [EAST, NORTH, SOUTHWEST]), SPATIAL_B, SQUARE),
    "E6 lens": (SPATIAL_A, SPATIAL_B, SQUARE),
    "spatial quota with payments": (
        nk.Nation(
            "Atlantica",
            [EAST, NORTH, SOUTHWEST],
            rule=nk.Quota(2 / 3),
            side_payments=nk.SidePayments(0.5, 0.3),
        ),
        SPATIAL_B,
        SQUARE,
    ),
    "spatial unanimity, efficiency 0": (
        dataclasses.replace(SPATIAL_A, side_payments=nk.SidePayments(0)),
        SPATIAL_B,
        SQUARE,
    ),
    "additive": (ADDITIVE_A, ADDITIVE_B, UNIT_SQUARE),
    "additive majority, budget 0": (
        nk.Nation(
            "Atlantica",
            [FARMERS, INDUSTRY, faction("greens", nk.Additive((-1, -1), -1.5))],
            rule=nk.Majority(),
            side_payments=nk.SidePayments(0.8, 0),
        ),
        ADDITIVE_B,
        UNIT_SQUARE,
    ),
    "additive, weights zero but one": (
        nk.Nation(
            "Atlantica",
            [dataclasses.replace(FARMERS, weight=0.0), INDUSTRY],
            rule=nk.Quota(0.5),
            side_payments=nk.SidePayments(0.5),
        ),
        ADDITIVE_B,
        UNIT_SQUARE,
    ),
    "huge plane and stakes": (
        nk.Nation(
            "Atlantica",
            [faction("big", nk.Additive((1e6, 0.0), 0.0)), faction("y", nk.Additive((0, 1), 0))],
        ),
        nk.Nation("Borealia", [faction("Borealia", nk.Additive((-1.0, -1.0), -1e6))]),
        nk.Plane(x=(-1e6, 1e6), y=(-1e6, 1e6), resolution=20),
    ),
    "reservations far outside the plane": (
        nk.Nation("Atlantica", [FARMERS, faction("far", nk.Spatial((1e6, 1e6), (0.5, 0.5)))]),
        ADDITIVE_B,
        UNIT_SQUARE,
    ),
}


@pytest.mark.parametrize("case", PLANE_CASES)
def test_the_coarsest_plane_gives_finite_numbers(case: str) -> None:
    a, b, plane = PLANE_CASES[case]
    assert plane.resolution == 20
    assert_usable(nk.Negotiation(a, b, plane))


def test_gridlock_on_the_coarsest_plane_is_no_agreement() -> None:
    a = nk.Nation("Atlantica", [EAST, NORTH, SOUTHWEST])
    out = assert_usable(nk.Negotiation(a, SPATIAL_B, SQUARE))
    assert out.agreement is None
    assert out.welfare == {"Atlantica": 0.0, "Borealia": 0.0}


# Finite numbers so large that arithmetic on them overflows. The model may refuse them with
# a ValueError when the object is built, or compute with them; either way no warning and no
# infinite or NaN result.
HUGE_CASES: dict[str, tuple[Callable[[], object], Callable[[Any], object]]] = {
    "Linear(1e308, -1e308)(1)": (lambda: nk.Linear(1e308, -1e308), lambda g: g(1.0)),
    "Additive((1e308, 1e308))([1, 1])": (lambda: nk.Additive((1e308, 1e308)), lambda g: g([1, 1])),
    "Spatial(1e200, 0)(0)": (lambda: nk.Spatial(1e200, 0.0), lambda g: g(0.0)),
    "Spatial(0.5, 0, salience=1e308)(2)": (lambda: nk.Spatial(0.5, 0, 1e308), lambda g: g(2.0)),
    "Line(1e308, 1.7e308).width and win_set": (
        lambda: nk.Line(1e308, 1.7e308),
        lambda line: [
            line.width,
            *np.ravel(
                nk.Nation("A", [faction("a", nk.Linear(1, 1.2e308))]).win_set(line).intervals
            ),
        ],
    ),
    "Line(-1.7e308, 1.7e308).width": (lambda: nk.Line(-1.7e308, 1.7e308), lambda s: s.width),
    "Plane(x=(-1.7e308, 1.7e308)).area": (
        lambda: nk.Plane(x=(-1.7e308, 1.7e308), resolution=20),
        lambda s: [s.area, *s.cell],
    ),
    "weights 1e308 under Quota(0.5)": (
        lambda: nk.Nation(
            "A",
            [faction("x", nk.Linear(1, 0.2), 1e308), faction("y", nk.Linear(1, 0.5), 1e308)],
            rule=nk.Quota(0.5),
        ),
        lambda a: [a.ratifies(0.6), *np.ravel(a.win_set(nk.Line()).intervals)],
    ),
    "efficiency 1e-300 with deficits of 1e9": (
        lambda: nk.Nation(
            "A",
            [faction("d", nk.Linear(1e10, -0.5)), faction("h", nk.Linear(1e10, 0.9))],
            side_payments=nk.SidePayments(efficiency=1e-300),
        ),
        lambda a: a.net_welfare([0.5, 0.95]),
    ),
}


@pytest.mark.parametrize("case", HUGE_CASES)
def test_huge_finite_numbers_are_refused_or_computed_without_overflow(case: str) -> None:
    build, use = HUGE_CASES[case]
    try:
        made = build()
    except ValueError:
        return  # refused up front with a clear error: fine
    assert_finite(use(made), f"from {case}")


# ----------------------------------------------------------------------------- fuzzing
NATION_POOL = [
    ATLANTICA,
    BOREALIA,
    SPATIAL_A,
    SPATIAL_B,
    ADDITIVE_A,
    nk.Nation("Atlantica", E4_FACTIONS, rule=nk.Quota(2 / 3), side_payments=nk.SidePayments(0.5)),
    nk.Nation("Borealia", [faction("hawk", nk.Linear(-1, 0.9))]),  # shares a faction name
    nk.Nation("Trinia", [faction("t", nk.Additive((1, 1, 1), 1))]),
]
FACTION_POOL = [DOVE, HAWK, *E4_FACTIONS, *TOO_HAWKISH, EAST, NORTH, FARMERS]
GAIN_POOL = [f.gain for f in FACTION_POOL] + [nk.Additive((1, 1, 1), 1), nk.Spatial(0.5, 0.5)]
RULE_POOL = [
    nk.Unanimity(),
    nk.Majority(),
    nk.Quota(0.5),
    nk.NationalWelfare(),
    nk.Leader("hawk"),
    nk.Leader("hawk", vetoes=("dove",)),
    nk.Leader("nobody"),
]
MODEL_OBJECTS = [
    nk.Line(),
    UNIT_SQUARE,
    *GAIN_POOL[:3],
    DOVE,
    *RULE_POOL[:3],
    nk.SidePayments(),
    ATLANTICA,
    nk.Linear,
    nk.Unanimity,
    nk.SidePayments,
    nk.Line,
]

number_values = st.one_of(
    st.floats(),  # includes nan, inf, -inf, -0.0 and subnormals
    st.integers(),
    st.booleans(),
    st.complex_numbers(),
    st.fractions(),
    st.decimals(),
    st.floats().map(np.float64),
    st.integers(-(2**63), 2**63 - 1).map(np.int64),
    st.sampled_from([10**400, np.complex128(1 + 2j), np.timedelta64(1, "D"), np.True_]),
)
atoms = st.one_of(
    number_values,
    st.text(max_size=6),
    st.binary(max_size=3),
    st.none(),
    st.builds(object),
    st.sampled_from(MODEL_OBJECTS),
)
anything = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=3), inner, max_size=3),
    ),
    max_leaves=6,
) | hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=3))

plausible = st.floats(-2, 2) | st.floats(0, 1) | st.integers(-3, 3)
pairs = st.tuples(plausible, plausible) | st.lists(st.floats(), min_size=1, max_size=3)
names = st.text(max_size=4) | st.sampled_from(["dove", "hawk", "doves", "hawks", "nobody"])


def _regime(efficiency: float, budget: float, payers: Any) -> nk.SidePayments | None:
    """A side-payment regime, or None (no payments) if the model refuses these values."""
    try:
        return nk.SidePayments(efficiency, budget, payers)
    except ValueError:
        return None


NEAR_VALID: dict[str, st.SearchStrategy[Any]] = {
    "x": pairs,
    "y": pairs,
    "labels": st.tuples(st.text(max_size=3), st.text(max_size=3)),
    "resolution": st.integers(0, 2100),
    "weights": pairs,
    "ideal": plausible | pairs,
    "status_quo": plausible | pairs,
    "name": names,
    "gain": st.sampled_from(GAIN_POOL),
    "vetoes": st.lists(names, max_size=3),
    "payers": st.none() | st.lists(names, max_size=3),
    "factions": st.lists(st.sampled_from(FACTION_POOL), max_size=4),
    "rule": st.sampled_from(RULE_POOL) | st.builds(nk.Quota, st.floats(1e-9, 1)),
    "side_payments": st.builds(
        _regime,
        st.floats(0, 1),
        st.floats(0, 10) | st.just(math.inf),
        st.none() | st.lists(st.sampled_from(["dove", "hawk", "nobody"]), max_size=2),
    ),
    "a": st.sampled_from(NATION_POOL),
    "b": st.sampled_from(NATION_POOL),
    "space": st.sampled_from([nk.Line(), nk.Line(-1, 2), UNIT_SQUARE, SQUARE]),
    "solution": st.sampled_from(["nash", "split", "Nash", ""]),
}

VALID: dict[type, dict[str, Any]] = {
    nk.Line: {"low": 0.0, "high": 1.0, "label": "terms"},
    nk.Plane: {"x": (0, 1), "y": (0, 1), "labels": ("p", "q"), "resolution": 20},
    nk.Linear: {"stake": 1.0, "reservation": 0.5},
    nk.Additive: {"weights": (1.0, 1.0), "threshold": 0.5},
    nk.Spatial: {"ideal": (0.5, 0.5), "status_quo": (0.0, 0.0), "salience": 1.0},
    nk.Faction: {"name": "farmers", "gain": nk.Linear(1, 0.5), "weight": 1.0},
    nk.Quota: {"share": 0.5},
    nk.Leader: {"name": "hawks", "vetoes": ()},
    nk.SidePayments: {"efficiency": 1.0, "budget": math.inf, "payers": None},
    nk.Nation: {
        "name": "Atlantica",
        "factions": [DOVE, HAWK],
        "rule": nk.Unanimity(),
        "side_payments": None,
    },
    nk.Negotiation: {"a": ATLANTICA, "b": BOREALIA, "space": nk.Line(), "solution": "nash"},
}
# What an error message about a parameter may call it (a nation check may name the rule).
NAMED_AS = {
    "x": r"\bx\b",
    "y": r"\by\b",
    "rule": r"\brule\b|\bLeader\b|\bweight\b",
    "side_payments": r"\bside_payments\b|\bpayers\b",
    "a": r"^a |\ba\b|faction names|\bspace\b",
    "b": r"^b |\bb\b|faction names|\bspace\b",
    "space": r"\bspace\b",
    "ideal": r"\bideal\b|\bstatus_quo\b",
}
FUZZ_CASES = [
    pytest.param(cls, param, id=f"{cls.__name__}.{param}") for cls in VALID for param in VALID[cls]
]


def _fresh(base: str, taken: set[str]) -> str:
    while base in taken:
        base += "'"
    return base


def _b_for(a: nk.Nation) -> nk.Nation:
    """A one-issue B whose names differ from A's."""
    taken = {a.name, *(f.name for f in a.factions)}
    name = _fresh("Borealia", taken)
    return nk.Nation(name, [faction(_fresh("B", taken), nk.Linear(-1, 0.8))])


def _use_on_line(a: nk.Nation, line: nk.Line | None = None, b: nk.Nation | None = None) -> None:
    """Both solutions on a Line; split may refuse a zone of several intervals, clearly."""
    line = line or nk.Line()
    for solution in ("nash", "split"):
        talks = nk.Negotiation(a, b or _b_for(a), line, solution)
        try:
            assert_usable(talks, in_zone=False)
        except ValueError as error:  # split on a zone of several intervals is a clear refusal
            assert "one interval" in str(error)


def _use_line(line: nk.Line) -> None:
    assert_finite([line.width], "in width")

    def at(share: float) -> float:
        return line.low + share * line.width

    a = nk.Nation(
        "Atlantica",
        [faction("up", nk.Linear(1, at(0.2))), faction("bump", nk.Spatial(at(0.7), at(0.1)))],
    )
    _use_on_line(a, line)


def _use_plane(plane: nk.Plane) -> None:
    assert_finite([plane.area, *plane.cell], "in area and cell")
    plane = dataclasses.replace(plane, resolution=20)
    (x0, x1), (y0, y1) = plane.x, plane.y

    def at_x(share: float) -> float:
        return x0 + share * (x1 - x0)

    def at_y(share: float) -> float:
        return y0 + share * (y1 - y0)

    a = nk.Nation(
        "Atlantica",
        [
            faction("f", nk.Additive((1, 0), at_x(0.3))),
            faction("i", nk.Additive((0, 1), at_y(0.3))),
        ],
    )
    b = nk.Nation("Borealia", [faction("B", nk.Additive((-1, -1), -(at_x(0.8) + at_y(0.8))))])
    assert_usable(nk.Negotiation(a, b, plane), in_zone=False)


def _use_gain(gain: nk.Linear | nk.Additive | nk.Spatial) -> None:
    d = gain.dimension
    if d == 1:
        anchors = [
            getattr(gain, k) for k in ("reservation", "ideal", "status_quo") if hasattr(gain, k)
        ]
        assert_finite(gain([-1.0, 0.0, 0.5, 1.0, 2.0, *anchors]), f"from {gain!r}")
        assert_finite(gain.coefficients(), f"in {gain!r}.coefficients()")
        _use_on_line(nk.Nation("Atlantica", [faction("g", gain)]))
        return
    points = [np.zeros(d), np.ones(d), -np.ones(d)]
    if isinstance(gain, nk.Spatial):
        points += [np.asarray(gain.ideal), np.asarray(gain.status_quo)]
    assert_finite(gain(np.array(points)), f"from {gain!r}")
    if d == 2:
        a = nk.Nation("Atlantica", [faction("g", gain)])
        assert_usable(nk.Negotiation(a, ADDITIVE_B, UNIT_SQUARE), in_zone=False)


def _use_faction(made: nk.Faction) -> None:
    assert_finite([made.weight])
    if made.dimension != 1:
        return
    assert np.asarray(made.accepts([0.0, 0.5, 1.0])).dtype == bool
    other = faction(_fresh("other", {made.name}), nk.Linear(1, 0.2))
    _use_on_line(nk.Nation("Atlantica", [made, other], rule=nk.Quota(0.5)))


def _use_rule(rule: Any, factions: list[nk.Faction], **options: Any) -> None:
    try:
        a = nk.Nation("Atlantica", factions, rule=rule, **options)
    except ValueError as error:  # e.g. a Leader or payer who is not a faction
        assert re.search(r"Leader|payers", str(error)), error
        return
    _use_on_line(a)


def _use_nation(nation: nk.Nation) -> None:
    if nation.dimension == 1:
        _use_on_line(nation)
    elif nation.dimension == 2:
        nation.win_set(UNIT_SQUARE)
        assert_finite(nation.welfare(sample_points(UNIT_SQUARE)))
    else:
        assert_finite(nation.welfare(np.zeros(nation.dimension)))


USE: dict[type, Callable[[Any], None]] = {
    nk.Line: _use_line,
    nk.Plane: _use_plane,
    nk.Linear: _use_gain,
    nk.Additive: _use_gain,
    nk.Spatial: _use_gain,
    nk.Faction: _use_faction,
    nk.Quota: lambda rule: _use_rule(rule, E4_FACTIONS),
    nk.Leader: lambda rule: _use_rule(rule, E4_FACTIONS),
    nk.SidePayments: lambda sp: [
        _use_rule(rule, [DOVE, HAWK], side_payments=sp) for rule in (nk.Unanimity(), nk.Quota(0.5))
    ],
    nk.Nation: _use_nation,
    nk.Negotiation: lambda talks: (
        _use_on_line(talks.a, talks.space, talks.b)
        if isinstance(talks.space, nk.Line)
        else assert_usable(talks, in_zone=False)
    ),
}


@pytest.mark.parametrize(("cls", "param"), FUZZ_CASES)
@settings(
    max_examples=120,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_fuzz_any_value_raises_only_clear_errors_and_what_is_built_works(
    cls: type, param: str, data: st.DataObject
) -> None:
    strategy = anything | NEAR_VALID.get(param, plausible)
    value = data.draw(strategy, label=f"{cls.__name__}.{param}")
    try:
        made = cls(**{**VALID[cls], param: value})
    except (ValueError, TypeError) as error:
        named = NAMED_AS.get(param, rf"\b{re.escape(param)}\b")
        assert re.search(named, str(error)), f"{type(error).__name__} not naming {param}: {error}"
        return
    USE[cls](made)


@settings(max_examples=300, derandomize=True)
@given(z=anything)
def test_fuzz_any_point_raises_only_clear_errors(z: object) -> None:
    for nation in (ATLANTICA, SPATIAL_A):
        try:
            values = nation.welfare(z)
        except (ValueError, TypeError) as error:
            assert re.search(r"^z must", str(error)), error
            continue
        assert_finite(values, f"{nation.name}.welfare({z!r})")
