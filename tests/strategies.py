"""Hypothesis strategies that generate whole negotiation_kit scenarios (in the Axelrod style).

Every strategy returns valid, frozen domain objects: gains of each family, factions, nations
under every ratification rule with or without internal side-payments, and negotiations on one
issue (``nk.Line()``) or on two (a coarse ``nk.Plane``, so that the properties stay fast).

Values stay in the ranges the lessons use: stakes in [-2, 2] with ``|stake| >= 0.05``,
reservations in [-0.5, 1.5], political weights in [0, 3]. A faction's name starts with its
nation's name (``"Atlantica0"``, ``"Atlantica1"``, ...), so names are distinct within a nation
and across the two nations of a negotiation.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

import negotiation_kit as nk

LINE = nk.Line()
PLANE = nk.Plane(resolution=60)
"""A coarse two-issue space: docs/model.md §4's accuracy is stated at resolution 200."""

SPACES: dict[int, nk.Line | nk.Plane] = {1: LINE, 2: PLANE}
MAX_FACTIONS = 4

Strategy = st.SearchStrategy
Names = tuple[str, ...]
"""Faction names, as a tuple so that strategies built from them can be cached."""
Gain = nk.Linear | nk.Additive | nk.Spatial

EITHER_WAY = st.sampled_from((1, -1))
TOWARD_A = st.sampled_from((1, 1, -1))
"""Orientations of a nation A's factions: most want high terms, some side with B."""
TOWARD_B = st.sampled_from((-1, -1, 1))


def numbers(low: float, high: float) -> Strategy[float]:
    """Finite floats in ``[low, high]`` (no subnormals: lessons never meet them)."""
    return st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def _signed(orientation: Strategy[int], magnitude: Strategy[float]) -> Strategy[float]:
    return st.tuples(orientation, magnitude).map(lambda pair: pair[0] * pair[1])


@functools.cache
def stakes(orientation: Strategy[int] = EITHER_WAY) -> Strategy[float]:
    """Stakes in [-2, 2] with ``|stake| >= 0.05``; the sign is drawn from ``orientation``."""
    return _signed(orientation, numbers(0.05, 2.0))


reservations = numbers(-0.5, 1.5)
saliences = numbers(0.2, 2.0)
weights = st.one_of(st.just(1.0), st.just(0.0), numbers(0.1, 3.0))


# --- gains --------------------------------------------------------------------------------


@functools.cache
def linear(orientation: Strategy[int] = EITHER_WAY) -> Strategy[nk.Linear]:
    """``Linear(stake, reservation)`` gains on one issue."""
    return st.builds(nk.Linear, stake=stakes(orientation), reservation=reservations)


@st.composite
def additive(
    draw: st.DrawFn, dimension: int = 2, orientation: Strategy[int] = EITHER_WAY
) -> nk.Additive:
    """``Additive(weights, threshold)`` gains whose zero line passes through a sensible point.

    On two issues one weight may be zero (an issue-specialised faction).
    """
    first = draw(stakes(orientation))
    if dimension == 1:
        return nk.Additive((first,), threshold=first * draw(reservations))
    second = draw(st.one_of(st.just(0.0), stakes(orientation)))
    coefficients = (first, second) if draw(st.booleans()) else (second, first)
    through = (draw(reservations), draw(reservations))
    threshold = sum(w * r for w, r in zip(coefficients, through, strict=True))
    return nk.Additive(coefficients, threshold=threshold)


@st.composite
def spatial(
    draw: st.DrawFn, dimension: int = 2, orientation: Strategy[int] = EITHER_WAY
) -> nk.Spatial:
    """``Spatial(ideal, status_quo, salience)``: the ideal lies on the orientation's side of q."""
    if dimension == 1:
        quo = draw(reservations)
        ideal = quo + draw(_signed(orientation, numbers(0.0, 1.5)))
        return nk.Spatial(ideal, quo, salience=draw(saliences))
    quo2 = (draw(numbers(-0.2, 1.2)), draw(numbers(-0.2, 1.2)))
    sign = draw(orientation)
    offset = (draw(numbers(-0.3, 1.0)), draw(numbers(-0.3, 1.0)))
    ideal2 = (quo2[0] + sign * offset[0], quo2[1] + sign * offset[1])
    return nk.Spatial(ideal2, quo2, salience=draw(saliences))


@functools.cache
def gains(dimension: int = 1, orientation: Strategy[int] = EITHER_WAY) -> Strategy[Gain]:
    """A gain of any family defined on ``dimension`` issues."""
    families: list[Strategy[Any]] = [
        additive(dimension, orientation),
        spatial(dimension, orientation),
    ]
    if dimension == 1:
        families.insert(0, linear(orientation))
    return st.one_of(families)


# --- factions, rules, side-payments --------------------------------------------------------


@st.composite
def factions(
    draw: st.DrawFn,
    nation_name: str = "Atlantica",
    dimension: int = 1,
    orientation: Strategy[int] = EITHER_WAY,
    min_size: int = 1,
    max_size: int = MAX_FACTIONS,
) -> tuple[nk.Faction, ...]:
    """Factions named ``nation_name + k``, with some political weight in total."""
    size = draw(st.integers(min_size, max_size))
    political = [draw(weights) for _ in range(size)]
    if sum(political) == 0:
        political[0] = 1.0
    return tuple(
        nk.Faction(f"{nation_name}{k}", draw(gains(dimension, orientation)), weight=political[k])
        for k in range(size)
    )


shares = st.one_of(st.sampled_from((0.5, 2 / 3, 1.0)), numbers(0.05, 1.0))
"""Quota shares; ``tests/test_contracts.py`` also tries a vanishing one."""


@st.composite
def leaders(draw: st.DrawFn, names: Names) -> nk.Leader:
    """A ``Leader`` of the nation, with any of its factions as veto holders."""
    vetoes = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    return nk.Leader(draw(st.sampled_from(names)), vetoes=tuple(vetoes))


@functools.cache
def rules(names: Names) -> Strategy[Any]:
    """Every ratification rule, valid for factions called ``names``."""
    return st.one_of(
        st.just(nk.Unanimity()),
        st.builds(nk.Quota, shares),
        st.just(nk.Majority()),
        leaders(names),
        st.just(nk.NationalWelfare()),
    )


@functools.cache
def convex_rules(names: Names) -> Strategy[Any]:
    """The rules whose win-sets (without payments) are convex when every gain is concave."""
    return st.one_of(st.just(nk.Unanimity()), leaders(names), st.just(nk.NationalWelfare()))


@functools.cache
def no_payments(names: Names) -> Strategy[None]:
    """No side-payment regime."""
    return st.none()


efficiencies = st.one_of(st.just(0.0), st.just(1.0), numbers(0.01, 1.0))
"""0 (no payment possible), 1 (no deadweight), or in between (tiny ones are refused)."""
budgets = st.one_of(st.just(math.inf), st.just(0.0), numbers(0.0, 2.0))


@functools.cache
def payer_lists(names: Names) -> Strategy[tuple[str, ...] | None]:
    """Default payers (``None``: whoever gains) or a named list, possibly empty."""
    named = st.lists(st.sampled_from(names), unique=True, max_size=len(names)).map(tuple)
    return st.one_of(st.none(), named)


@functools.cache
def payment_regimes(names: Names) -> Strategy[nk.SidePayments]:
    """A side-payment regime: any efficiency in [0, 1], finite or infinite budget, any payers."""
    return st.builds(
        nk.SidePayments, efficiency=efficiencies, budget=budgets, payers=payer_lists(names)
    )


@functools.cache
def side_payments(names: Names) -> Strategy[nk.SidePayments | None]:
    """No side-payments, or a regime (see ``payment_regimes``)."""
    return st.one_of(st.none(), payment_regimes(names))


RuleChoice = Callable[[Names], Strategy[Any]]
PaymentChoice = Callable[[Names], Strategy[Any]]


@st.composite
def nations(
    draw: st.DrawFn,
    name: str = "Atlantica",
    dimension: int = 1,
    orientation: Strategy[int] = EITHER_WAY,
    rule: RuleChoice = rules,
    payments: PaymentChoice = side_payments,
    min_factions: int = 1,
    max_factions: int = MAX_FACTIONS,
) -> nk.Nation:
    """A nation with a rule drawn from ``rule(names)`` and payments from ``payments(names)``."""
    members = draw(factions(name, dimension, orientation, min_factions, max_factions))
    names = tuple(f.name for f in members)
    return nk.Nation(name, members, rule=draw(rule(names)), side_payments=draw(payments(names)))


# --- negotiations --------------------------------------------------------------------------


@st.composite
def negotiations(
    draw: st.DrawFn,
    dimension: int = 1,
    solution: str = "nash",
    rule: RuleChoice = rules,
    payments: PaymentChoice = side_payments,
) -> nk.Negotiation:
    """Atlantica (leaning toward high terms) and Borealia (leaning low) on ``SPACES[dimension]``."""
    a = draw(nations("Atlantica", dimension, TOWARD_A, rule, payments))
    b = draw(nations("Borealia", dimension, TOWARD_B, rule, payments))
    return nk.Negotiation(a, b, SPACES[dimension], solution=solution)


@functools.cache
def consent_rules(names: Names) -> Strategy[Any]:
    """The rules under which some factions' consent is needed (all but ``NationalWelfare``)."""
    return st.one_of(
        st.just(nk.Unanimity()), st.builds(nk.Quota, shares), st.just(nk.Majority()), leaders(names)
    )


@functools.cache
def working_payments(names: Names) -> Strategy[nk.SidePayments]:
    """A regime that can actually pay: efficiency at least 0.3, a budget of at least 0.1."""
    return st.builds(
        nk.SidePayments,
        efficiency=st.one_of(st.just(1.0), numbers(0.3, 1.0)),
        budget=st.one_of(st.just(math.inf), numbers(0.1, 2.0)),
        payers=payer_lists(names),
    )


@st.composite
def divided_negotiations(draw: st.DrawFn, dimension: int = 1) -> nk.Negotiation:
    """Lessons 7-8: a divided Atlantica whose winners can pay its losers, against a unitary
    Borealia with a linear interest that accepts a good share of the space.

    Here side-payments are often what ratifies the agreement.
    """
    a = draw(nations("Atlantica", dimension, TOWARD_A, consent_rules, working_payments, 2))
    stake = draw(stakes(st.just(-1)))
    if dimension == 1:
        interest: Gain = nk.Linear(stake, draw(numbers(0.2, 1.2)))
    else:
        w = (stake, draw(stakes(st.just(-1))))
        through = (draw(numbers(0.2, 1.2)), draw(numbers(0.2, 1.2)))
        interest = nk.Additive(w, threshold=w[0] * through[0] + w[1] * through[1])
    b = nk.Nation("Borealia", [nk.Faction("Borealia0", interest)], rule=nk.NationalWelfare())
    return nk.Negotiation(a, b, SPACES[dimension])


def mirror_gain(gain: Gain) -> Gain:
    """The gain seen through the mirror ``z -> 1 - z`` of ``nk.Line()`` and ``PLANE``."""
    if isinstance(gain, nk.Linear):
        return nk.Linear(-gain.stake, 1.0 - gain.reservation)
    if isinstance(gain, nk.Additive):
        return nk.Additive(tuple(-w for w in gain.weights), gain.threshold - sum(gain.weights))
    if gain.dimension == 1:
        return nk.Spatial(1.0 - gain.ideal, 1.0 - gain.status_quo, gain.salience)
    return nk.Spatial(
        tuple(1.0 - c for c in gain.ideal), tuple(1.0 - c for c in gain.status_quo), gain.salience
    )


def mirror_nation(nation: nk.Nation, name: str) -> nk.Nation:
    """The mirror image of ``nation``: same politics, every gain reflected, factions renamed."""
    renamed = {f.name: f"{name}{k}" for k, f in enumerate(nation.factions)}
    members = [
        nk.Faction(renamed[f.name], mirror_gain(f.gain), weight=f.weight) for f in nation.factions
    ]
    rule = nation.rule
    if isinstance(rule, nk.Leader):
        rule = nk.Leader(renamed[rule.name], vetoes=tuple(renamed[v] for v in rule.vetoes))
    payments = nation.side_payments
    if payments is not None and payments.payers is not None:
        payments = dataclasses.replace(payments, payers=tuple(renamed[p] for p in payments.payers))
    return nk.Nation(name, members, rule=rule, side_payments=payments)


@st.composite
def mirror_negotiations(
    draw: st.DrawFn,
    dimension: int = 1,
    rule: RuleChoice = rules,
    payments: PaymentChoice = side_payments,
) -> nk.Negotiation:
    """Atlantica against its own mirror image Borealia, on ``SPACES[dimension]``."""
    a = draw(nations("Atlantica", dimension, TOWARD_A, rule, payments))
    return nk.Negotiation(a, mirror_nation(a, "Borealia"), SPACES[dimension])


# --- uncertain ratification (docs/model.md §8) ---------------------------------------------------


@st.composite
def uniforms(draw: st.DrawFn) -> nk.Uniform:
    """An uncertain reservation ``Uniform(low, low + width)`` within the lessons' range."""
    low = draw(numbers(-0.5, 1.2))
    return nk.Uniform(low, low + draw(numbers(0.02, 0.8)))


@st.composite
def uncertain_factions(
    draw: st.DrawFn,
    nation_name: str,
    orientation: Strategy[int],
    min_uncertain: int = 1,
    max_uncertain: int = 3,
) -> tuple[nk.Faction, ...]:
    """One to four ``Linear`` factions, at least ``min_uncertain`` of them with a ``Uniform``."""
    size = draw(st.integers(max(1, min_uncertain), MAX_FACTIONS))
    unsure = draw(st.integers(min_uncertain, min(size, max_uncertain)))
    members = []
    for k in range(size):
        reservation: float | nk.Uniform = draw(uniforms() if k < unsure else reservations)
        weight = draw(weights) if k else draw(numbers(0.1, 3.0))
        members.append(
            nk.Faction(
                f"{nation_name}{k}", nk.Linear(draw(stakes(orientation)), reservation), weight
            )
        )
    return tuple(members)


@st.composite
def uncertain_nations(
    draw: st.DrawFn,
    name: str = "Atlantica",
    orientation: Strategy[int] = TOWARD_A,
    min_uncertain: int = 1,
    rule: RuleChoice = rules,
    max_uncertain: int = 3,
) -> nk.Nation:
    """A nation of ``Linear`` factions, some with uncertain reservations, under any rule."""
    members = draw(uncertain_factions(name, orientation, min_uncertain, max_uncertain))
    return nk.Nation(name, members, rule=draw(rule(tuple(f.name for f in members))))


@st.composite
def uncertain_negotiations(draw: st.DrawFn) -> nk.Negotiation:
    """Atlantica uncertain, Borealia uncertain or certain (any nation of one issue)."""
    a = draw(uncertain_nations("Atlantica", TOWARD_A))
    b = draw(
        st.one_of(
            uncertain_nations("Borealia", TOWARD_B, min_uncertain=0),
            nations("Borealia", 1, TOWARD_B),
        )
    )
    return nk.Negotiation(a, b, LINE)


@st.composite
def revealable_negotiations(draw: st.DrawFn) -> nk.Negotiation:
    """One uncertain reservation, in Atlantica; Borealia certain with ``Linear`` gains."""
    a = draw(uncertain_nations("Atlantica", TOWARD_A, max_uncertain=1))
    b = draw(uncertain_nations("Borealia", TOWARD_B, min_uncertain=0, max_uncertain=0))
    return nk.Negotiation(a, b, LINE)
