"""The scenario files shipped in scenarios/: each loads and is the kit's own example.

Worked examples are compared with the builders of ``test_worked_examples`` (whose numbers are
those of docs/model.md §5), lesson files with the starting scenario of the lesson's explorer, and
the classroom files with the example they scale; no number is typed here.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from typing import Any

import pytest
from builders import nation
from test_uncertainty import hawkish
from test_worked_examples import E1, E2, E3, EAST, NORTH, SOUTHWEST, e4

import negotiation_kit as nk
import negotiation_kit.widgets as nkw

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
BOREALIA = nation("Borealia", ("Borealia", nk.Linear(-1, 0.8)))


def load(name: str) -> nk.Negotiation:
    return nk.load_scenario(SCENARIOS / f"{name}.toml").negotiation


def same(found: Any, expected: Any, *, names: bool = True) -> bool:
    """Equal scenario objects, numbers to 1e-12 (files write 0.14, the kit computes
    0.13999999999999999), names compared only if ``names``."""
    if dataclasses.is_dataclass(found) and not isinstance(found, type):
        return type(found) is type(expected) and all(
            same(getattr(found, f.name), getattr(expected, f.name), names=names)
            for f in dataclasses.fields(found)
        )
    if isinstance(found, tuple | list):
        return len(found) == len(expected) and all(
            same(x, y, names=names) for x, y in zip(found, expected, strict=True)
        )
    if isinstance(found, float) and isinstance(expected, float | int):
        return math.isclose(found, expected, rel_tol=1e-12, abs_tol=1e-12)
    if isinstance(found, str):
        return found == expected or not names
    return bool(found == expected)


def test_every_shipped_file_loads_with_a_title() -> None:
    files = sorted(SCENARIOS.glob("*.toml"))
    assert len(files) >= 19
    for path in files:
        assert nk.load_scenario(path).title, path.name


WORKED = {
    "e1_unitary": nk.Negotiation(E1, BOREALIA, nk.Line()),
    "e2_tied_hands": nk.Negotiation(E2, BOREALIA, nk.Line()),
    "e3_too_hawkish": nk.Negotiation(E3, BOREALIA, nk.Line()),
    "e4_rules": nk.Negotiation(e4(nk.Quota(2 / 3)), BOREALIA, nk.Line()),
    "e5_side_payments": nk.Negotiation(
        dataclasses.replace(E3, side_payments=nk.SidePayments(1)), BOREALIA, nk.Line()
    ),
    "u1_a_little_uncertainty": nk.Negotiation(hawkish(0.5, 0.7), BOREALIA, nk.Line()),
    "u2_a_lot_of_uncertainty": nk.Negotiation(hawkish(0.4, 0.8), BOREALIA, nk.Line()),
}
UNCERTAIN = ("u1_a_little_uncertainty", "u2_a_lot_of_uncertainty")


@pytest.mark.parametrize("name", WORKED)
def test_worked_example_files_are_the_worked_examples(name: str) -> None:
    found, expected = load(name), WORKED[name]
    assert same(found, expected, names=False)
    solutions = ("nash",) if name in UNCERTAIN else ("nash", "split")  # docs/model.md §8: no split
    for solution in solutions:
        mine = dataclasses.replace(found, solution=solution).outcome()
        theirs = dataclasses.replace(expected, solution=solution).outcome()
        assert mine.agreement == theirs.agreement
        assert list(mine.welfare.values()) == list(theirs.welfare.values())
    assert found.zone().intervals == expected.zone().intervals


def test_e6_file_is_the_gridlock_example() -> None:
    found = load("e6_gridlock")
    gridlocked = nk.Nation("Atlantica", [EAST, NORTH, SOUTHWEST])
    assert same(found.a, gridlocked, names=False)
    assert same(found.space, nk.Plane(x=(-3, 3), y=(-3, 3)), names=False)
    assert found.a.win_set(found.space).is_empty


LESSONS = {
    "lesson01_one_issue": nkw.BargainExplorer,
    "lesson02_win_sets": nkw.WinSetExplorer,
    "lesson03_tied_hands": nkw.TiedHandsExplorer,
    "lesson04_rules": nkw.RulesExplorer,
    "lesson04_spatial_rules": nkw.SpatialRulesExplorer,
    "lesson05_configurations": nkw.ConfigurationExplorer,
    "lesson06_several_issues": nkw.TwoIssueExplorer,
    "lesson07_side_payments": nkw.SidePaymentsExplorer,
    "lesson08_managing_differences": nkw.StrategyExplorer,
}


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_files_are_the_explorers_starting_scenarios(name: str) -> None:
    assert same(load(name), LESSONS[name]().negotiation)


@pytest.mark.parametrize(
    "name, base",
    [
        ("classroom_tied_hands", "e2_tied_hands"),
        ("classroom_side_payments", "lesson07_side_payments"),
    ],
)
def test_classroom_files_scale_their_example_to_percent(name: str, base: str) -> None:
    found, small = load(name), load(base)
    assert (found.space.low, found.space.high) == (0.0, 100.0)
    for solution in ("nash", "split"):
        mine = dataclasses.replace(found, solution=solution).outcome()
        theirs = dataclasses.replace(small, solution=solution).outcome()
        assert mine.agreement == pytest.approx(100 * theirs.agreement, abs=1e-9)
        for ours, example in zip(mine.welfare.values(), theirs.welfare.values(), strict=True):
            assert ours == pytest.approx(100 * example, abs=1e-9)


def test_the_uncertain_classroom_file_is_u2_in_percent() -> None:
    """docs/model.md §8 U2 on a 0-100 scale: nash at 100 (0.4 + 0.2 √2), P = 1/√2."""
    found = load("classroom_uncertain")
    outcome = found.outcome()
    assert (found.space.low, found.space.high) == (0.0, 100.0)
    assert outcome.agreement == pytest.approx(100 * (0.4 + 0.2 * math.sqrt(2)), abs=1e-4)
    assert outcome.ratification_probability == pytest.approx(1 / math.sqrt(2), abs=1e-6)
    assert outcome.welfare["Atlantica"] == pytest.approx(36.2132, abs=1e-3)
    assert outcome.welfare["Borealia"] == pytest.approx(8.2843, abs=1e-3)
