"""Reading a scenario file: TOML checked key by key, with errors an instructor can act on.

Every error is a ``ValueError`` whose message starts with the file and the key path
(``tied_hands.toml: a.factions[1].reservation: ...``), shows the value and says what is
allowed. Unknown keys are errors (a typo must not be silently ignored), and nothing is
defaulted except what ``docs/classroom.md`` lists: ``title``, ``story`` and ``brief`` are
empty, ``solution`` is ``"nash"``, ``rule`` is ``"unanimity"``, ``private`` is
``["reservation", "threshold", "ideal"]``, a faction's ``weight`` is 1, ``threshold`` 0 and
``salience`` 1, and side-payments have ``efficiency`` 1, no ``budget`` cap and, as
``payers``, every faction that gains.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from .bargaining import SOLUTIONS, Negotiation
from .factions import Faction
from .gains import Additive, Linear, Spatial
from .nations import Nation
from .rules import Leader, Quota
from .scenario import GAIN_FIELDS, PRIVATE_FIELDS, RULE_NAMES, SIDES, Privacy, Scenario
from .side_payments import SidePayments
from .spaces import Line, Plane
from .uncertainty import Uniform

T = TypeVar("T")

TOP_KEYS = ("title", "story", "space", "solution", "a", "b")
NATION_KEYS = ("name", "rule", "factions", "side_payments", "private", "brief")
FACTION_KEYS = ("name", "weight", "private", *(k for keys in GAIN_FIELDS.values() for k in keys))
PAYMENT_KEYS = ("efficiency", "budget", "payers")
RULES_ALLOWED = (
    '"unanimity", "majority", "national", {quota = 0.67} or {leader = "name", vetoes = []}'
)
SPACES_ALLOWED = (
    '"line", "plane", {line = {low = 0, high = 1}} or {plane = {x = [0, 1], y = [0, 1]}}'
)


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read the scenario file at ``path`` (TOML; see ``docs/classroom.md``).

    Raises ``ValueError`` naming the file, the key, the value and what is allowed when the
    file is not a valid scenario, and ``FileNotFoundError`` when there is no such file.

    >>> import negotiation_kit as nk
    >>> scenario = nk.load_scenario("scenarios/e2_tied_hands.toml")
    >>> scenario.title, scenario.negotiation.outcome().agreement
    ('Tied hands (E2)', 0.6)
    """
    source = Path(path)
    text = source.read_text(encoding="utf-8")
    return _Reader(source.name).scenario(text)


class _Reader:
    """Reads one file; ``self.file`` starts every error message."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, where: str, message: str) -> NoReturn:
        raise ValueError(f"{self.file}: {where}: {message}" if where else f"{self.file}: {message}")

    def build(self, where: str, make: Callable[[], T]) -> T:
        """``make()``, with the model's own message about a bad value placed at ``where``."""
        try:
            return make()
        except (ValueError, TypeError) as error:
            self.fail(where, str(error))

    # -- plain values ---------------------------------------------------------------------
    def table(self, where: str, value: Any, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, f"must be a table of keys {list(allowed)}, got {_show(value)}")
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                path = f"{where}.{key}" if where else key
                self.fail(path, f"unknown key{hint}; allowed here: {', '.join(allowed)}")
        return value

    def required(self, where: str, table: dict[str, Any], key: str, what: str) -> Any:
        if key not in table:
            self.fail(_join(where, key), f"is missing; write {what}")
        return table[key]

    def text(self, where: str, value: Any) -> str:
        if not isinstance(value, str):
            self.fail(where, f"must be a string in quotes, got {_show(value)}")
        return value

    def number(self, where: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(where, f"must be a number, got {_show(value)}")
        return float(value)

    def numbers(self, where: str, value: Any, length: int | None = None) -> list[float]:
        size = f"{length} numbers" if length else "numbers"
        if not isinstance(value, list) or (length is not None and len(value) != length):
            self.fail(where, f"must be a list of {size} such as [0, 1], got {_show(value)}")
        return [self.number(f"{where}[{k}]", item) for k, item in enumerate(value)]

    def words(self, where: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.fail(where, f'must be a list of names such as ["farmers"], got {_show(value)}')
        return tuple(self.text(f"{where}[{k}]", item) for k, item in enumerate(value))

    # -- the scenario ---------------------------------------------------------------------
    def scenario(self, text: str) -> Scenario:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            self.fail("", f"not valid TOML: {error}")
        self.table("", data, TOP_KEYS)
        space = self.space(self.required("", data, "space", 'space = "line" or space = "plane"'))
        solution = self.text("solution", data.get("solution", "nash"))
        if solution not in SOLUTIONS:
            self.fail("solution", f'must be "nash" or "split", got {solution!r}')
        if solution == "split" and space.dimension == 2:
            self.fail(
                "solution", 'must be "nash" on a plane (split-the-difference needs one issue)'
            )
        sides = [self.nation(side, data, space.dimension) for side in SIDES]
        (a, brief_a, private_a), (b, brief_b, private_b) = sides
        if a.name == b.name:
            self.fail("b.name", f"must differ from a.name, both are {a.name!r}")
        shared = [f.name for f in b.factions if f.name in {g.name for g in a.factions}]
        if shared:
            self.fail("b.factions", f"faction names must differ from a's, {shared[0]!r} is in both")
        negotiation = self.build("", lambda: Negotiation(a, b, space, solution))
        return Scenario(
            negotiation,
            title=self.text("title", data.get("title", "")),
            story=self.text("story", data.get("story", "")),
            briefs=(brief_a, brief_b),
            private=(private_a, private_b),
        )

    def space(self, value: Any) -> Line | Plane:
        if value == "line":
            return Line()
        if value == "plane":
            return Plane()
        if isinstance(value, dict) and len(value) == 1 and "line" in value:
            keys = self.table("space.line", value["line"], ("low", "high", "label"))
            low = self.number("space.line.low", self.required("space.line", keys, "low", "low = 0"))
            high = self.number(
                "space.line.high", self.required("space.line", keys, "high", "high = 1")
            )
            label = self.text("space.line.label", keys.get("label", Line().label))
            return self.build("space.line", lambda: Line(low, high, label))
        if isinstance(value, dict) and len(value) == 1 and "plane" in value:
            keys = self.table("space.plane", value["plane"], ("x", "y", "labels", "resolution"))
            x, y = (
                self.numbers(f"space.plane.{axis}", self.required("space.plane", keys, axis,
                             f"{axis} = [0, 1]"), 2)
                for axis in ("x", "y")
            )  # fmt: skip
            labels = self.words("space.plane.labels", keys.get("labels", list(Plane().labels)))
            resolution = keys.get("resolution", Plane().resolution)
            return self.build("space.plane", lambda: Plane(x, y, labels, resolution))
        self.fail("space", f"must be {SPACES_ALLOWED}, got {_show(value)}")

    def nation(
        self, side: str, data: dict[str, Any], dimension: int
    ) -> tuple[Nation, str, Privacy]:
        keys = self.table(side, self.required("", data, side, f"a table [{side}]"), NATION_KEYS)
        name = self.text(f"{side}.name", self.required(side, keys, "name", 'name = "Atlantica"'))
        members = self.required(side, keys, "factions", 'factions = [{name = "...", ...}]')
        if not isinstance(members, list) or not members:
            self.fail(
                f"{side}.factions", f"must be a list of one or more factions, got {_show(members)}"
            )
        factions, overrides = [], []
        for k, member in enumerate(members):
            faction, private = self.faction(f"{side}.factions[{k}]", member, dimension)
            factions.append(faction)
            if private is not None:
                overrides.append((faction.name, private))
        rule = self.rule(f"{side}.rule", keys.get("rule", "unanimity"))
        payments = None
        if "side_payments" in keys:
            payments = self.payments(f"{side}.side_payments", keys["side_payments"])
        fields = keys.get("private")
        secret = Privacy().fields if fields is None else self.private(f"{side}.private", fields)
        given = tuple(factions)
        self.build(f"{side}.rule", lambda: rule.check(given))
        if payments is not None:
            self.build(f"{side}.side_payments.payers", lambda: payments.check(given))
        nation = self.build(f"{side}.factions", lambda: Nation(name, factions, rule, payments))
        brief = self.text(f"{side}.brief", keys.get("brief", ""))
        return nation, brief, Privacy(secret, tuple(overrides))

    def private(self, where: str, value: Any) -> tuple[str, ...]:
        names = self.words(where, value)
        for k, name in enumerate(names):
            if name not in PRIVATE_FIELDS:
                close = difflib.get_close_matches(name, PRIVATE_FIELDS, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.fail(f"{where}[{k}]", f"unknown field {name!r}{hint}; allowed: "
                          f"{', '.join(PRIVATE_FIELDS)}")  # fmt: skip
        return names

    def faction(
        self, where: str, value: Any, dimension: int
    ) -> tuple[Faction, tuple[str, ...] | None]:
        keys = self.table(where, value, FACTION_KEYS)
        name = self.text(f"{where}.name", self.required(where, keys, "name", 'name = "farmers"'))
        families = [family for family, fields in GAIN_FIELDS.items() if set(fields) & set(keys)]
        if len(families) != 1:
            given = sorted(set(keys) - {"name", "weight", "private"})
            self.fail(
                where,
                f"must have the keys of one gain: stake and reservation (one issue), weights "
                f"and threshold, or ideal, status_quo and salience; got {given or 'none'}",
            )
        gain = self.gain(where, keys, families[0], dimension)
        weight = self.number(f"{where}.weight", keys.get("weight", 1.0))
        faction = self.build(f"{where}.weight", lambda: Faction(name, gain, weight))
        private = keys.get("private")
        return faction, None if private is None else self.private(f"{where}.private", private)

    def gain(self, where: str, keys: dict[str, Any], family: type, dimension: int) -> Any:
        if family is Linear:
            stake = self.number(f"{where}.stake", self.required(where, keys, "stake", "stake = 1"))
            given = self.required(where, keys, "reservation", "reservation = 0.5")
            reservation: Any
            if isinstance(given, dict):  # uncertain: {uniform = [low, high]} (docs/model.md §8)
                if set(given) != {"uniform"}:
                    self.fail(
                        f"{where}.reservation",
                        f"must be a number or {{uniform = [low, high]}}, got {_show(given)}",
                    )
                low, high = self.numbers(f"{where}.reservation.uniform", given["uniform"], 2)
                reservation = self.build(f"{where}.reservation", lambda: Uniform(low, high))
            else:
                reservation = self.number(f"{where}.reservation", given)
            gain: Any = self.build(f"{where}.stake", lambda: Linear(stake, reservation))
        elif family is Additive:
            weights = self.numbers(
                f"{where}.weights", self.required(where, keys, "weights", "weights = [1, 0]")
            )
            threshold = self.number(f"{where}.threshold", keys.get("threshold", 0.0))
            gain = self.build(f"{where}.weights", lambda: Additive(weights, threshold))
        else:
            ideal = self.point(
                f"{where}.ideal", self.required(where, keys, "ideal", "ideal = [1, 0]")
            )
            quo = self.point(
                f"{where}.status_quo",
                self.required(where, keys, "status_quo", "status_quo = [0, 0]"),
            )
            salience = self.number(f"{where}.salience", keys.get("salience", 1.0))
            gain = self.build(f"{where}.salience", lambda: Spatial(ideal, quo, salience))
        if gain.dimension != dimension:
            self.fail(
                where,
                f"has a gain on {gain.dimension} issue(s) but the space has {dimension} "
                f"({'a line' if dimension == 1 else 'a plane'})",
            )
        return gain

    def point(self, where: str, value: Any) -> float | list[float]:
        return self.numbers(where, value) if isinstance(value, list) else self.number(where, value)

    def rule(self, where: str, value: Any) -> Any:
        if isinstance(value, str) and value in RULE_NAMES:
            return RULE_NAMES[value]()
        if isinstance(value, dict) and set(value) == {"quota"}:
            share = self.number(f"{where}.quota", value["quota"])
            return self.build(f"{where}.quota", lambda: Quota(share))
        if isinstance(value, dict) and "leader" in value:
            self.table(where, value, ("leader", "vetoes"))
            leader = self.text(f"{where}.leader", value["leader"])
            vetoes = self.words(f"{where}.vetoes", value.get("vetoes", []))
            return self.build(where, lambda: Leader(leader, vetoes))
        self.fail(where, f"must be {RULES_ALLOWED}, got {_show(value)}")

    def payments(self, where: str, value: Any) -> SidePayments:
        keys = self.table(where, value, PAYMENT_KEYS)
        efficiency = self.number(f"{where}.efficiency", keys.get("efficiency", 1.0))
        budget = self.number(f"{where}.budget", keys.get("budget", float("inf")))
        payers = keys.get("payers")
        named = None if payers is None else self.words(f"{where}.payers", payers)
        return self.build(where, lambda: SidePayments(efficiency, budget, named))


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
