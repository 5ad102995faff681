"""A scenario: a negotiation with the words and secrets a classroom needs, and its file.

A **scenario file** is TOML an instructor writes without Python (``docs/classroom.md``
describes every key). ``nk.load_scenario(path)`` reads one into a ``Scenario``;
``nk.save_scenario(scenario_or_negotiation, path)`` writes one, so that saving and loading
give back the same negotiation.

A ``Scenario`` holds the ``negotiation`` and what the model does not need: a ``title``, a
``story`` every role card tells, a private ``brief`` per nation, and which fields each
nation keeps ``private`` (by default its factions' reservations: ``reservation`` of a
``Linear`` gain, ``threshold`` of an ``Additive`` one, ``ideal`` of a ``Spatial`` one).

Examples
--------
>>> import negotiation_kit as nk
>>> a = nk.Nation("Atlantica", [nk.Faction("Atlantica", nk.Linear(1, 0.2))])
>>> b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
>>> scenario = nk.Scenario(nk.Negotiation(a, b, nk.Line()), title="Unitary baseline")
>>> print(nk.scenario_text(scenario))
title = "Unitary baseline"
space = "line"
solution = "nash"
<BLANKLINE>
[a]
name = "Atlantica"
rule = "unanimity"
factions = [
  {name = "Atlantica", stake = 1.0, reservation = 0.2},
]
<BLANKLINE>
[b]
name = "Borealia"
rule = "unanimity"
factions = [
  {name = "Borealia", stake = -1.0, reservation = 0.8},
]
>>> secrets = scenario.private[1]  # Borealia's
>>> secrets.hides("Borealia", "reservation"), secrets.hides("Borealia", "stake")
(True, False)
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import _checks
from .bargaining import Negotiation
from .factions import Faction
from .gains import Additive, Linear, Spatial
from .nations import Nation
from .rules import Leader, Majority, NationalWelfare, Quota, Unanimity
from .spaces import Line, Plane
from .uncertainty import Uniform

GAIN_FIELDS: dict[type, tuple[str, ...]] = {
    Linear: ("stake", "reservation"),
    Additive: ("weights", "threshold"),
    Spatial: ("ideal", "status_quo", "salience"),
}
"""The keys of a faction's gain in a scenario file, by gain family."""
FACTION_FIELDS: tuple[str, ...] = ("stake", "reservation", "weights", "threshold", "ideal")
FACTION_FIELDS += ("status_quo", "salience", "weight")
NATION_FIELDS = ("rule", "side_payments")
PRIVATE_FIELDS = FACTION_FIELDS + NATION_FIELDS
"""What a nation may keep private: a field of its factions, its rule or its side-payments."""
DEFAULT_PRIVATE = ("reservation", "threshold", "ideal")
"""Private unless the file says otherwise: where each faction's acceptance set ends."""
SIDES = ("a", "b")


@dataclass(frozen=True)
class Privacy:
    """Which of a nation's fields only its own negotiators see.

    ``fields`` applies to every faction of the nation (and to the nation's ``rule`` and
    ``side_payments``); ``factions`` overrides it for single factions, as pairs
    ``(faction name, fields)``.

    >>> secrets = Privacy(("reservation",), (("farmers", ("stake", "reservation")),))
    >>> secrets.hides("farmers", "stake"), secrets.hides("bankers", "stake")
    (True, False)
    >>> secrets.hides(None, "rule")
    False
    """

    fields: tuple[str, ...] = DEFAULT_PRIVATE
    factions: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", _private_fields("private", self.fields))
        overrides = tuple(
            sorted(
                (_checks.name("factions", who), _private_fields(f"private of {who!r}", what))
                for who, what in self.factions
            )
        )
        object.__setattr__(self, "factions", overrides)

    def hides(self, faction: str | None, name: str) -> bool:
        """Whether field ``name`` of ``faction`` (``None``: of the nation itself) is private."""
        for who, what in self.factions:
            if who == faction:
                return name in what
        return name in self.fields


def _private_fields(param: str, value: Any) -> tuple[str, ...]:
    names = _checks.names(param, value)
    for name in names:
        if name not in PRIVATE_FIELDS:
            raise ValueError(f"{param} must list fields among {list(PRIVATE_FIELDS)}, got {name!r}")
    return names


@dataclass(frozen=True)
class Scenario:
    """A negotiation with a title, a story, a private brief per nation and its secrets.

    ``briefs`` and ``private`` hold nation A's entry first, then nation B's.
    """

    negotiation: Negotiation
    title: str = ""
    story: str = ""
    briefs: tuple[str, str] = ("", "")
    private: tuple[Privacy, Privacy] = field(default_factory=lambda: (Privacy(), Privacy()))

    def __post_init__(self) -> None:
        _checks.instance("negotiation", self.negotiation, Negotiation, "an nk.Negotiation")
        for name in ("title", "story"):
            _checks.instance(name, getattr(self, name), str, "a string")
        for k, brief in enumerate(self.briefs):
            _checks.instance(f"briefs[{k}]", brief, str, "a string")
        for k, secrets in enumerate(self.private):
            _checks.instance(f"private[{k}]", secrets, Privacy, "an nk.Privacy")
        object.__setattr__(self, "briefs", tuple(self.briefs))
        object.__setattr__(self, "private", tuple(self.private))

    @property
    def nations(self) -> tuple[Nation, Nation]:
        """Nation A and nation B."""
        return (self.negotiation.a, self.negotiation.b)


def save_scenario(
    scenario: Scenario | Negotiation, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write ``scenario`` (or a bare negotiation, with the default secrets) as a TOML file.

    An existing file is refused unless ``overwrite=True``. Returns the path written.
    ``nk.load_scenario`` reads it back into the same negotiation.
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise FileExistsError(
            f"{target} already exists; choose another name or pass overwrite=True"
        )
    target.write_text(scenario_text(scenario), encoding="utf-8")
    return target


def scenario_text(scenario: Scenario | Negotiation) -> str:
    """The TOML text of ``scenario`` (what ``save_scenario`` writes)."""
    if isinstance(scenario, Negotiation):
        scenario = Scenario(scenario)
    _checks.instance("scenario", scenario, Scenario, "an nk.Scenario or an nk.Negotiation")
    talks = scenario.negotiation
    lines = []
    if scenario.title:
        lines.append(f"title = {_value(scenario.title)}")
    if scenario.story:
        lines.append(f"story = {_value(scenario.story)}")
    lines += [f"space = {_space(talks.space)}", f"solution = {_value(talks.solution)}"]
    for side, nation, brief, secrets in zip(
        SIDES, scenario.nations, scenario.briefs, scenario.private, strict=True
    ):
        lines += ["", f"[{side}]", f"name = {_value(nation.name)}"]
        lines.append(f"rule = {_rule(nation.rule)}")
        if secrets.fields != DEFAULT_PRIVATE:
            lines.append(f"private = {_value(list(secrets.fields))}")
        if brief:
            lines.append(f"brief = {_value(brief)}")
        overrides = dict(secrets.factions)
        lines.append("factions = [")
        lines += [f"  {_faction(f, overrides.get(f.name))}," for f in nation.factions]
        lines.append("]")
        payments = nation.side_payments
        if payments is not None:
            lines += ["", f"[{side}.side_payments]", f"efficiency = {_value(payments.efficiency)}"]
            if payments.budget != math.inf:
                lines.append(f"budget = {_value(payments.budget)}")
            if payments.payers is not None:
                lines.append(f"payers = {_value(list(payments.payers))}")
    return "\n".join(lines) + "\n"


def _space(space: Line | Plane) -> str:
    if isinstance(space, Line):
        if space == Line():
            return '"line"'
        keys: dict[str, Any] = {"low": space.low, "high": space.high}
        if space.label != Line().label:
            keys["label"] = space.label
        return _value({"line": keys})
    if space == Plane():
        return '"plane"'
    plane: dict[str, Any] = {"x": list(space.x), "y": list(space.y)}
    if space.labels != Plane().labels:
        plane["labels"] = list(space.labels)
    if space.resolution != Plane().resolution:
        plane["resolution"] = space.resolution
    return _value({"plane": plane})


def _rule(rule: Any) -> str:
    if isinstance(rule, Majority):
        return '"majority"'
    if isinstance(rule, Quota):
        return _value({"quota": rule.share})
    if isinstance(rule, Leader):
        return _value({"leader": rule.name, "vetoes": list(rule.vetoes)})
    return '"national"' if isinstance(rule, NationalWelfare) else '"unanimity"'


def _faction(faction: Faction, private: tuple[str, ...] | None) -> str:
    keys: dict[str, Any] = {"name": faction.name}
    gain = faction.gain
    for name in GAIN_FIELDS[type(gain)]:
        value = getattr(gain, name)
        if isinstance(value, Uniform):  # an uncertain reservation (docs/model.md §8)
            value = {"uniform": [value.low, value.high]}
        keys[name] = list(value) if isinstance(value, tuple) else value
    if faction.weight != 1.0:
        keys["weight"] = faction.weight
    if private is not None:
        keys["private"] = list(private)
    return _value(keys)


def _value(value: Any) -> str:
    """``value`` written as TOML (strings, floats, ints, lists and inline tables)."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):  # pragma: no cover - scenarios hold no booleans
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "inf" if value == math.inf else repr(value)  # repr round-trips exactly
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"


def _key(key: str) -> str:
    bare = key.replace("_", "").replace("-", "").isalnum() and key.isascii()
    return key if bare else _string(key)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


RULE_NAMES: dict[str, type] = {
    "unanimity": Unanimity,
    "majority": Majority,
    "national": NationalWelfare,
}
"""Rules a file names by a word; ``{quota = ...}`` and ``{leader = ...}`` are tables."""
