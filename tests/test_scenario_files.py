"""Scenario files: save then load gives the same negotiation; bad files get clear errors."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import negotiations

import negotiation_kit as nk
from negotiation_kit.model.scenario import PRIVATE_FIELDS

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


@st.composite
def privacies(draw: st.DrawFn, nation: nk.Nation) -> nk.Privacy:
    fields = st.lists(st.sampled_from(PRIVATE_FIELDS), unique=True, max_size=4).map(tuple)
    chosen = draw(st.one_of(st.just(nk.Privacy().fields), fields))
    overrides = draw(st.lists(st.sampled_from([f.name for f in nation.factions]), unique=True))
    return nk.Privacy(chosen, tuple((name, draw(fields)) for name in overrides))


@st.composite
def uncertain(draw: st.DrawFn, talks: nk.Negotiation) -> nk.Negotiation:
    """``talks`` with the reservations of A's linear factions made uncertain (docs/model.md §8)."""
    factions = []
    for f in talks.a.factions:
        if isinstance(f.gain, nk.Linear):
            width = draw(st.floats(0.01, 0.5))
            low = f.gain.reservation
            f = dataclasses.replace(f, gain=nk.Linear(f.gain.stake, nk.Uniform(low, low + width)))
        factions.append(f)
    a = dataclasses.replace(talks.a, factions=tuple(factions))
    return dataclasses.replace(talks, a=a)


@st.composite
def scenarios(draw: st.DrawFn) -> nk.Scenario:
    dimension = draw(st.sampled_from((1, 2)))
    solution = draw(st.sampled_from(("nash", "split"))) if dimension == 1 else "nash"
    talks = draw(negotiations(dimension=dimension, solution=solution))
    if solution == "nash" and dimension == 1 and talks.a.side_payments is None:
        talks = draw(st.one_of(st.just(talks), uncertain(talks)))
    return nk.Scenario(
        talks,
        title=draw(texts),
        story=draw(texts),
        briefs=(draw(texts), draw(texts)),
        private=(draw(privacies(talks.a)), draw(privacies(talks.b))),
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios())
def test_save_then_load_gives_the_same_scenario(scenario: nk.Scenario, tmp_path_factory) -> None:
    path = tmp_path_factory.mktemp("round") / "scenario.toml"
    nk.save_scenario(scenario, path)
    loaded = nk.load_scenario(path)
    assert loaded.negotiation == scenario.negotiation
    assert loaded == scenario


@pytest.mark.parametrize(
    "space",
    [
        nk.Line(0, 100, label='tariff "cut" (%)\\ \n'),
        nk.Line(-1, 1),
        nk.Plane(),
        nk.Plane(x=(-3, 3), y=(0, 2), labels=("trade", "green rules"), resolution=80),
    ],
)
def test_spaces_with_bounds_labels_and_resolution_round_trip(space, tmp_path: Path) -> None:
    if space.dimension == 1:
        a = nk.Nation("A", [nk.Faction("a1", nk.Spatial(0.7, 0.2, salience=2.5), weight=0)])
        b = nk.Nation("B", [nk.Faction("b1", nk.Additive([-1.0], -0.8))])
    else:
        a = nk.Nation("A", [nk.Faction("a1", nk.Additive([1, 0.5], 0.3))], nk.Quota(0.4))
        b = nk.Nation("B", [nk.Faction("b1", nk.Spatial((1, -1), (0, 0)))], nk.Majority())
    talks = nk.Negotiation(a, b, space)
    loaded = nk.load_scenario(nk.save_scenario(talks, tmp_path / "s.toml"))
    assert loaded.negotiation == talks


def test_budgets_payers_and_leaders_round_trip(tmp_path: Path) -> None:
    a = nk.Nation(
        "Atlantica",
        [nk.Faction("exporters", nk.Linear(0.5, -0.2)), nk.Faction("steel", nk.Linear(0.5, 0.6))],
        nk.Leader("exporters", vetoes=["steel"]),
        nk.SidePayments(0.25, budget=0.1, payers=[]),
    )
    b = nk.Nation("Borealia", [nk.Faction("B", nk.Linear(-1, 0.8))], nk.NationalWelfare())
    talks = nk.Negotiation(a, b, nk.Line(), solution="split")
    path = nk.save_scenario(talks, tmp_path / "s.toml")
    assert nk.load_scenario(path).negotiation == talks
    assert "payers = []" in path.read_text()


def test_save_refuses_to_overwrite_unless_asked(tmp_path: Path) -> None:
    talks = nk.load_scenario("scenarios/e2_tied_hands.toml").negotiation
    path = tmp_path / "mine.toml"
    path.write_text("my own notes")
    with pytest.raises(FileExistsError, match="already exists"):
        nk.save_scenario(talks, path)
    assert path.read_text() == "my own notes"
    nk.save_scenario(talks, path, overwrite=True)
    assert nk.load_scenario(path).negotiation == talks


def test_a_bare_negotiation_keeps_reservations_private(tmp_path: Path) -> None:
    talks = nk.load_scenario("scenarios/e2_tied_hands.toml").negotiation
    loaded = nk.load_scenario(nk.save_scenario(talks, tmp_path / "s.toml"))
    for secrets in loaded.private:
        assert secrets.hides("exporters", "reservation")
        assert not secrets.hides("exporters", "stake")
        assert not secrets.hides(None, "rule")


# -- bad files ------------------------------------------------------------------------------

GOOD = """\
title = "Tied hands"
space = "line"

[a]
name = "Atlantica"
rule = "unanimity"
factions = [
  {name = "exporters", stake = 0.5, reservation = -0.2},
  {name = "steelworkers", stake = 0.5, reservation = 0.6, weight = 2},
]

[b]
name = "Borealia"
factions = [{name = "Borealia", stake = -1, reservation = 0.8}]
"""

PLANE = """\
space = {plane = {x = [0, 1], y = [0, 1]}}
[a]
name = "A"
factions = [{name = "a1", weights = [1, 0], threshold = 0.2}]
[b]
name = "B"
factions = [{name = "b1", ideal = [0, 0], status_quo = [1, 1]}]
"""


def edit(old: str, new: str, base: str = GOOD) -> str:
    assert old in base
    return base.replace(old, new, 1)


BAD = {
    "not TOML": ("title = ", ["not valid TOML"]),
    "unknown top key": (
        edit('title = "Tied hands"', 'titel = "x"'),
        ["titel", "did you mean 'title'"],
    ),
    "no space": (edit('space = "line"\n', ""), ["space: is missing", '"line"']),
    "space word": (edit('"line"', '"circle"'), ["space:", "'circle'", '"plane"']),
    "space bounds": (
        edit('"line"', "{line = {low = 1, high = 0}}"),
        ["space.line", "high must be greater"],
    ),
    "space low word": (
        edit('"line"', '{line = {low = "zero", high = 1}}'),
        ["space.line.low", "'zero'", "number"],
    ),
    "space unknown": (
        edit('"line"', "{line = {low = 0, hi = 1}}"),
        ["space.line.hi", "did you mean 'high'"],
    ),
    "plane axis": (edit("x = [0, 1]", "x = [0]", PLANE), ["space.plane.x", "2 numbers"]),
    "plane resolution": (
        edit("y = [0, 1]", "y = [0, 1], resolution = 5", PLANE),
        ["space.plane", "resolution", "20 to 2000"],
    ),
    "solution": (
        edit('space = "line"', 'space = "line"\nsolution = "fair"'),
        ["solution", "'fair'", '"nash" or "split"'],
    ),
    "split on plane": (edit("[a]", 'solution = "split"\n[a]', PLANE), ["solution", "one issue"]),
    "no b": (GOOD.split("[b]")[0], ["b: is missing", "[b]"]),
    "nation not a table": (
        'b = "Borealia"\n' + GOOD.split("[b]")[0],
        ["b:", "table", "'Borealia'"],
    ),
    "no name": (edit('name = "Borealia"\n', ""), ["b.name: is missing"]),
    "unknown nation key": (
        edit('rule = "unanimity"', 'rules = "unanimity"'),
        ["a.rules", "did you mean 'rule'"],
    ),
    "rule word": (
        edit('"unanimity"', '"consensus"'),
        ["a.rule", "'consensus'", '"majority"', "quota"],
    ),
    "quota share": (
        edit('"unanimity"', "{quota = 1.5}"),
        ["a.rule.quota", "share must be a number in (0, 1]", "1.5"],
    ),
    "quota word": (edit('"unanimity"', '{quota = "most"}'), ["a.rule.quota", "'most'"]),
    "leader unknown": (
        edit('"unanimity"', '{leader = "bankers"}'),
        ["a.rule", "'bankers'", "exporters"],
    ),
    "leader key": (
        edit('"unanimity"', '{leader = "exporters", veto = []}'),
        ["a.rule.veto", "did you mean 'vetoes'"],
    ),
    "vetoes not a list": (
        edit('"unanimity"', '{leader = "exporters", vetoes = "steelworkers"}'),
        ["a.rule.vetoes", "list of names"],
    ),
    "no factions": (
        edit('factions = [{name = "Borealia", stake = -1, reservation = 0.8}]', "factions = []"),
        ["b.factions", "one or more"],
    ),
    "reservation word": (
        edit("reservation = 0.6", 'reservation = "high"'),
        ["a.factions[1].reservation", "'high'", "number"],
    ),
    "reservation nan": (
        edit("reservation = 0.6", "reservation = nan"),
        ["a.factions[1]", "reservation", "nan"],
    ),
    "stake zero": (
        edit("stake = 0.5, reservation = 0.6", "stake = 0, reservation = 0.6"),
        ["a.factions[1].stake", "non-zero", "got 0"],
    ),
    "missing reservation": (
        edit(", reservation = 0.6", ""),
        ["a.factions[1].reservation: is missing"],
    ),
    "unknown faction key": (
        edit("weight = 2", "wieght = 2"),
        ["a.factions[1].wieght", "did you mean 'weight'"],
    ),
    "negative weight": (
        edit("weight = 2", "weight = -2"),
        ["a.factions[1].weight", "non-negative", "-2"],
    ),
    "bool weight": (edit("weight = 2", "weight = true"), ["a.factions[1].weight", "True"]),
    "two gain families": (
        edit("stake = 0.5, reservation = 0.6", "stake = 0.5, threshold = 0.6"),
        ["a.factions[1]", "one gain"],
    ),
    "no gain": (
        edit(", stake = 0.5, reservation = 0.6", ""),
        ["a.factions[1]", "one gain", "none"],
    ),
    "faction not table": (
        edit(
            '{name = "steelworkers", stake = 0.5, reservation = 0.6, weight = 2}', '"steelworkers"'
        ),
        ["a.factions[1]", "table"],
    ),
    "duplicate faction": (
        edit('name = "steelworkers"', 'name = "exporters"'),
        ["a.factions", "distinct names", "'exporters'"],
    ),
    "gain on wrong space": (
        edit("weights = [1, 0]", "weights = [1]", PLANE),
        ["a.factions[0]", "1 issue", "plane"],
    ),
    "spatial missing quo": (
        edit(", status_quo = [1, 1]", "", PLANE),
        ["b.factions[0].status_quo: is missing"],
    ),
    "spatial salience": (
        edit("status_quo = [1, 1]", "status_quo = [1, 1], salience = 0", PLANE),
        ["b.factions[0]", "salience must be a positive"],
    ),
    "spatial mismatch": (
        edit("status_quo = [1, 1]", "status_quo = [1, 1, 1]", PLANE),
        ["b.factions[0]", "status_quo must have"],
    ),
    "weights empty": (
        edit("weights = [1, 0]", "weights = [0, 0]", PLANE),
        ["a.factions[0].weights", "non-zero"],
    ),
    "same nation names": (
        edit('name = "Borealia"', 'name = "Atlantica"'),
        ["b.name", "must differ"],
    ),
    "shared faction": (
        edit('factions = [{name = "Borealia"', 'factions = [{name = "exporters"'),
        ["b.factions", "'exporters' is in both"],
    ),
    "payments key": (
        GOOD + "\n[b.side_payments]\nefficency = 0.5\n",
        ["b.side_payments.efficency", "did you mean 'efficiency'"],
    ),
    "payments efficiency": (
        GOOD + "\n[b.side_payments]\nefficiency = 1.5\n",
        ["b.side_payments", "efficiency", "1.5", "[0, 1]"],
    ),
    "payments budget": (
        GOOD + "\n[b.side_payments]\nbudget = -1\n",
        ["b.side_payments", "budget", "non-negative"],
    ),
    "payments payer": (
        GOOD + '\n[b.side_payments]\npayers = ["bankers"]\n',
        ["b.side_payments.payers", "'bankers'"],
    ),
    "payments not table": (
        edit("[b]\n", '[b]\nside_payments = "yes"\n'),
        ["b.side_payments", "table"],
    ),
    "private field": (
        edit('rule = "unanimity"', 'rule = "unanimity"\nprivate = ["reservaton"]'),
        ["a.private[0]", "did you mean 'reservation'"],
    ),
    "private not list": (
        edit('rule = "unanimity"', 'rule = "unanimity"\nprivate = "stake"'),
        ["a.private", "list of names"],
    ),
    "faction private": (
        edit("weight = 2}", 'weight = 2, private = ["secret"]}'),
        ["a.factions[1].private[0]", "'secret'", "stake"],
    ),
    "uniform reversed": (
        edit("reservation = 0.6", "reservation = {uniform = [0.7, 0.5]}"),
        ["a.factions[1].reservation", "high must be greater than low"],
    ),
    "uniform unknown key": (
        edit("reservation = 0.6", "reservation = {normal = [0.5, 0.7]}"),
        ["a.factions[1].reservation", "uniform = [low, high]", "normal"],
    ),
    "title number": (edit('"Tied hands"', "3"), ["title", "string", "3"]),
    "brief number": (
        edit('rule = "unanimity"', 'rule = "unanimity"\nbrief = 1'),
        ["a.brief", "string"],
    ),
}


@pytest.mark.parametrize("text, expected", BAD.values(), ids=BAD.keys())
def test_a_bad_file_names_file_key_value_and_what_is_allowed(
    text: str, expected: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "class.toml"
    path.write_text(text)
    with pytest.raises(ValueError) as caught:
        nk.load_scenario(path)
    message = str(caught.value)
    assert message.startswith("class.toml: "), message
    for words in expected:
        assert words in message, message


def test_the_good_file_and_the_plane_load(tmp_path: Path) -> None:
    for text in (GOOD, PLANE):
        (tmp_path / "s.toml").write_text(text)
        assert nk.load_scenario(tmp_path / "s.toml").negotiation.outcome() is not None
    nation = nk.load_scenario(tmp_path / "s.toml").negotiation.a
    assert nation.factions[0].gain == nk.Additive([1, 0], 0.2)


def test_documented_defaults(tmp_path: Path) -> None:
    (tmp_path / "s.toml").write_text(GOOD + "\n[b.side_payments]\n")
    scenario = nk.load_scenario(tmp_path / "s.toml")
    talks = scenario.negotiation
    assert talks.solution == "nash"
    assert talks.b.rule == nk.Unanimity()
    assert talks.a.factions[0].weight == 1.0
    assert talks.b.side_payments == nk.SidePayments(1.0, math.inf, None)
    assert scenario.story == "" and scenario.briefs == ("", "")
    assert scenario.private == (nk.Privacy(), nk.Privacy())
    assert nk.Privacy().fields == ("reservation", "threshold", "ideal")


def test_privacy_refuses_unknown_fields() -> None:
    with pytest.raises(ValueError, match=r"private must list fields among .* got 'secret'"):
        nk.Privacy(("secret",))
    with pytest.raises(ValueError, match="private of 'farmers' must list fields"):
        nk.Privacy(factions=(("farmers", ("secret",)),))
    secrets = nk.Privacy(("reservation",), (("farmers", ("stake",)),))
    assert secrets.hides("farmers", "stake") and not secrets.hides("farmers", "reservation")
