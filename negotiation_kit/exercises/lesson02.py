"""Lesson 02 tasks: win-sets from factions (exercises/02_win_sets.ipynb).

The exercise's Atlantica: shippers (stake 0.5, reservation 0.1) and farmers (0.5, 0.45) lean
toward Atlantica; retailers, who want cheap imports, lean toward Borealia (stake -0.2,
reservation 0.9). Borealia is unitary with reservation 0.7. Each student draws their own three
reservation points (:func:`draw`); every checker computes what it expects from :func:`scenario`
and :func:`explorer_scenario`.

>>> scenario().a.win_set(nk.Line()).intervals
[(0.45, 0.9)]
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import negotiation_kit as nk

from ._answers import Wrong, callable_, close, interval, intervals
from ._core import explain, first_interval, predict, refuse_kit, task
from ._variants import vary
from .lesson01 import trend

FACTIONS = {"shippers": (0.5, 0.1), "farmers": (0.5, 0.45), "retailers": (-0.2, 0.9)}
"""The exercise's factions of Atlantica (default numbers): name -> (stake, reservation)."""
B_RESERVATION = 0.7
DEFAULTS = {name: reservation for name, (_, reservation) in FACTIONS.items()}


def draw(rng: random.Random) -> dict[str, float]:
    """A student's reservation points, on a 0.05 grid.

    The story holds: the shippers are the least demanding, the farmers' veto binds from below
    and stays under Borealia's 0.7, the retailers cap the win-set from above; the retailers'
    point is never the default's, so both compute answers change.
    """
    return {
        "shippers": rng.choice([0.05, 0.1, 0.15, 0.2, 0.25]),
        "farmers": rng.choice([0.3, 0.35, 0.4, 0.45, 0.5, 0.55]),
        "retailers": rng.choice([0.75, 0.8, 0.85, 0.95]),
    }


numbers = vary(
    "02",
    DEFAULTS,
    draw,
    {
        "shippers": ["(x - <<0.1>>)$: they", "point $<<0.1>>$", "reservation=<<0.1>>)"],
        "farmers": [
            "(x - <<0.45>>)$", "point $<<0.45>>$", "reservation=<<0.45>>)",
            "ratify terms below <<0.45>>", "ratify terms from <<0.45>> up",
        ],
        "retailers": [
            "(x - <<0.9>>)", "point $<<0.9>>$", "reservation=<<0.9>>)", "x <= <<0.9>>",
            "up to <<0.9>>.", "(0.0, <<0.9>>)",
        ],
    },
)  # fmt: skip


def factions() -> tuple[nk.Faction, ...]:
    """Atlantica's three factions, with the student's reservation points."""
    n = numbers()
    return tuple(nk.Faction(name, nk.Linear(s, n[name])) for name, (s, _) in FACTIONS.items())


def scenario(rule: object = None) -> nk.Negotiation:
    """Atlantica (unanimity unless ``rule`` says otherwise) against a unitary Borealia."""
    atlantica = nk.Nation("Atlantica", factions(), rule=rule or nk.Unanimity())  # type: ignore[arg-type]
    borealia = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, B_RESERVATION)),))
    return nk.Negotiation(atlantica, borealia, nk.Line())


def explorer_scenario(steelworkers: float, vetoes: int) -> nk.Negotiation:
    """The lesson's explorer: E4's factions, ``vetoes`` = 1 (exporters only) or 3 (all)."""
    gains = {"exporters": -0.15, "farmers": 0.2, "steelworkers": steelworkers}
    members = tuple(nk.Faction(name, nk.Linear(1 / 3, r)) for name, r in gains.items())
    rule = nk.Unanimity() if vetoes == 3 else nk.Leader("exporters")
    atlantica = nk.Nation("Atlantica", members, rule=rule)
    borealia = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, 0.8)),))
    return nk.Negotiation(atlantica, borealia, nk.Line())


@task("02.1", "The retailers' acceptance set")
def retailers(answer: object) -> str:
    low, high = interval(answer, "the retailers' acceptance set")
    alone = nk.Nation("retailers", tuple(f for f in factions() if f.name == "retailers"))
    expected_low, expected_high = alone.win_set(nk.Line()).intervals[0]
    close(low, expected_low, "the low end of the retailers' set (which way do they lean?)", 2)
    close(high, expected_high, "the high end of the retailers' set", 2)
    return "a faction that leans toward Borealia accepts terms up to its reservation point."


@task("02.2", "Atlantica's win-set under unanimity")
def unanimity(answer: object) -> str:
    found = intervals(answer, "Atlantica's win-set")
    expected = scenario().a.win_set(nk.Line()).intervals
    if len(found) != len(expected):
        raise Wrong("Atlantica's win-set here is not that many pieces: overlap the three sets.")
    for (low, high), (want_low, want_high) in zip(found, expected, strict=True):
        close(low, want_low, "the low end of the win-set (who is most demanding upward?)", 2)
        close(high, want_high, "the high end of the win-set (who caps it?)", 2)
    return "the win-set is the overlap of every veto player's acceptance set."


def _three_vetoes() -> str:
    before = explorer_scenario(0.45, vetoes=1).outcome().agreement
    after = explorer_scenario(0.45, vetoes=3).outcome().agreement
    assert before is not None and after is not None
    return trend(float(before), float(after))


predict(
    "02.3",
    "Predict: one veto or three?",
    ("rises", "falls", "stays"),
    _three_vetoes,
    "not this time: does the steelworkers' veto cut off the point the negotiators would choose "
    "anyway? Try it in the explorer.",
    "a veto moves the Nash agreement only if it cuts off the point they would choose.",
)


explain(
    "02.4",
    "Explain: how large should a win-set be?",
    {
        "the chance of agreement (how likely the win-sets overlap)": [
            "likely", "chance", "probab", "overlap", "risk", "no agreement", "no deal",
        ],
        "the terms Atlantica gets (its bargaining position)": [
            "terms", "bargain", "leverage", "power", "advantage", "concession",
        ],
        "who must ratify (the veto players at home)": [
            "veto", "ratif", "approv", "block", "farmers", "faction",
        ],
    },
)  # fmt: skip


FACTION_SETS: list[list[list[float]]] = [
    [[0.5, 0.1], [0.5, 0.45], [-0.2, 0.9]],
    [[1.0, 0.3]],
    [[1 / 3, -0.15], [1 / 3, 0.2], [1 / 3, 0.55]],
    [[-1.0, 0.6], [0.4, 0.2], [-0.5, 1.4]],
    [[2.0, 0.7], [-1.0, 0.5]],
]
"""(stake, reservation) lists the student's win-set function is tried on; the last has none.
The first is the story's nation, with the default numbers (:func:`faction_sets` puts the
student's in its place)."""


def faction_sets() -> list[list[list[float]]]:
    """The story's nation with the student's numbers, then the rest of :data:`FACTION_SETS`."""
    n = numbers()
    story = [[stake, n[name]] for name, (stake, _) in FACTIONS.items()]
    return [story, *FACTION_SETS[1:]]


def _nation(pairs: Sequence[Sequence[float]]) -> nk.Nation:
    members = tuple(
        nk.Faction(f"faction {i + 1}", nk.Linear(s, r)) for i, (s, r) in enumerate(pairs)
    )
    return nk.Nation("Atlantica", members)


@task(
    "02.5",
    "Build: a unanimity win-set by hand",
    "build",
    probes=lambda: [[pairs] for pairs in faction_sets()],
)
def win_set_function(answer: object) -> str:
    unanimity_win_set = callable_(answer, "unanimity_win_set")
    refuse_kit(answer, ["win_set", "ratifies", "zone"], "the win-set")
    sets = faction_sets()
    for pairs in sets:
        found = unanimity_win_set([list(pair) for pair in pairs])
        pieces = _nation(pairs).win_set(nk.Line()).intervals
        first_interval(
            found,
            pieces,
            f"unanimity_win_set({[(round(s, 3), r) for s, r in pairs]})",
            none="is there a term every faction accepts?",
            some="every faction accepts some terms there.",
            wrong="which terms does every faction accept?",
        )
    return f"it agrees with the kit on {len(sets)} nations."
