"""nk.compare: the table of comparative statics the lessons print (E1-E4 of docs/model.md §5)."""

from __future__ import annotations

import math

import pytest

import negotiation_kit as nk

LINE = nk.Line()
B = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])


def atlantica(hawk: float, dove: float = -0.2) -> nk.Nation:
    factions = [nk.Faction("dove", nk.Linear(0.5, dove)), nk.Faction("hawk", nk.Linear(0.5, hawk))]
    return nk.Nation("Atlantica", factions)


def test_rows_reproduce_e1_e2_e3() -> None:
    table = nk.compare(
        {
            "E1": nk.Negotiation(atlantica(0.6).unitary(), B, LINE),
            "E2": nk.Negotiation(atlantica(0.6), B, LINE),
            "E2 split": nk.Negotiation(atlantica(0.6), B, LINE, solution="split"),
            "E3": nk.Negotiation(atlantica(0.9, dove=-0.5), B, LINE),
        },
        "Atlantica",
    )
    assert table.cases == ("E1", "E2", "E2 split", "E3")
    e1 = table.row("E1")
    assert e1["zone"] == [pytest.approx((0.2, 0.8))]
    assert [e1["agreement"], e1["welfare"], e1["desirability"]] == pytest.approx([0.5, 0.3, 0.0])
    assert table.row("E2")["agreement"] == pytest.approx(0.6)
    assert table.row("E2")["desirability"] == pytest.approx(0.1)
    assert table.row("E2 split")["desirability"] == pytest.approx(0.2)
    e3 = table.row("E3")
    assert e3["zone"] == [] and e3["agreement"] is None and e3["welfare"] == 0.0
    assert e3["desirability"] == pytest.approx(-0.3)
    assert table.agreed.tolist() == [True, True, True, False]
    assert table.chance == 0.75
    assert math.isnan(table.agreement[3])


def test_printed_table_has_two_decimals_and_says_none_and_empty() -> None:
    table = nk.compare(
        [nk.Negotiation(atlantica(0.6), B, LINE), nk.Negotiation(atlantica(0.9, -0.5), B, LINE)],
        "Atlantica",
    )
    text = str(table).splitlines()
    assert text[0].split() == ["case", "zone", "agreement", "Atlantica's", "gain", "Δ"]
    assert text[1].split() == ["1", "[0.60,", "0.80]", "0.60", "0.40", "+0.10"]
    assert text[2].split() == ["2", "empty", "none", "0.00", "-0.30"]


def test_borealias_view_and_e4_dovish_leader_under_split() -> None:
    factions = [
        nk.Faction("exporters", nk.Linear(1 / 3, -0.15), weight=0.25),
        nk.Faction("farmers", nk.Linear(1 / 3, 0.2), weight=0.35),
        nk.Faction("steelworkers", nk.Linear(1 / 3, 0.55), weight=0.40),
    ]
    leader = nk.Nation("Atlantica", factions, rule=nk.Leader("exporters"))
    table = nk.compare({"leader": nk.Negotiation(leader, B, LINE, solution="split")}, "Atlantica")
    assert table.row("leader")["agreement"] == pytest.approx(0.4)
    assert table.row("leader")["desirability"] == pytest.approx(-0.1)
    borealia = nk.compare({"leader": nk.Negotiation(leader, B, LINE, solution="split")}, "Borealia")
    assert borealia.row("leader")["welfare"] == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("negotiations", "nation", "error", "words"),
    [
        ({}, "Atlantica", ValueError, "at least one"),
        ("talks", "Atlantica", TypeError, "dict of labelled"),
        ([1], "Atlantica", TypeError, "nk.Negotiation objects, got int"),
        ([nk.Negotiation(atlantica(0.6), B, LINE)], "Atlantis", ValueError, "'Atlantis'"),
    ],
)
def test_bad_input_is_refused_with_a_sentence(
    negotiations: object, nation: str, error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words):
        nk.compare(negotiations, nation)  # type: ignore[arg-type]


def test_two_issue_negotiations_are_refused() -> None:
    q = (0.0, 0.0)
    a = nk.Nation("Atlantica", [nk.Faction("industry", nk.Spatial((2, 0), q))])
    b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Spatial((1, -1), q))])
    talks = nk.Negotiation(a, b, nk.Plane(x=(-3, 3), y=(-3, 3)))
    with pytest.raises(ValueError, match="one-issue"):
        nk.compare({"plane": talks}, "Atlantica")


def test_unknown_case_is_refused() -> None:
    table = nk.compare({"E2": nk.Negotiation(atlantica(0.6), B, LINE)}, "Atlantica")
    with pytest.raises(ValueError, match="case must be one of"):
        table.row("E9")
