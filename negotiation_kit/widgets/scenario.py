"""Any scenario file as an explorer: an instructor's own case becomes a live figure.

``ScenarioExplorer("my_case.toml")`` opens a one- or two-issue scenario file (the TOML of
``nk.load_scenario``, described in ``docs/classroom.md``) with a slider for each faction's
reservation (its ``threshold`` on two issues) and a menu for the ratification rule of each
nation that has more than one faction. The figure is the kit's own: the issue line or the
issue plane above or beside the payoff plane, exactly as the lessons draw them.

What it opens, and what it refuses with a sentence saying why:

- factions with ``stake`` and ``reservation`` (one issue) or ``weights`` and ``threshold``
  (two issues): opened;
- side-payments (``[a.side_payments]``): opened, with the payments kept as the file sets
  them (the figure shows each win-set with and without them, as lesson 7 does);
- spatial factions (``ideal`` and ``status_quo``): refused, since they have no reservation to
  slide (lesson 4b's ``SpatialRulesExplorer`` explores ideal points);
- uncertain reservations (``{uniform = [low, high]}``): refused, since a slider holds one
  number (write one number in a copy of the file to explore it; lesson 9's
  ``UncertaintyExplorer`` explores uncertain reservations).

A missing file, a broken file or a refused one raises ``ScenarioFileError`` (a
``ValueError``) whose message is the loader's: the file, the key, the value and what is
allowed. In a notebook it shows as that message alone, without a traceback.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import ipywidgets as widgets  # type: ignore[import-untyped]
from matplotlib.figure import Figure

from .. import model as nk
from ..plotting import (
    STYLE,
    LineView,
    PayoffView,
    PlaneView,
    draw_issue_line,
    draw_issue_plane,
    draw_payoff_plane,
)
from . import _words
from ._controls import slider
from ._preview import PlaneExplorer
from .two_issues import PLANES, TwoIssueExplorer

EXAMPLE = Path(__file__).with_name("scenario_example.toml")
"""The file opened when no path is given: ``scenarios/classroom_tied_hands.toml``'s text."""
STEPS = 100
"""A slider moves in about this many steps across the issue (a 'nice' step: 1, 2 or 5 x 10^k)."""
LINE_SIZE = (6.0, 7.0)
"""The figure's size in inches on one issue (BargainExplorer's and a title), and on two (as
TwoIssueExplorer's, whose layout it shares): at most 700 pixels wide, so a notebook cell of
464 pixels (a laptop with JupyterLab's file browser open) shows its text at 9 pixels or more."""
PLANE_SIZE = TwoIssueExplorer.FIGURE_SIZE
MARGIN = 0.04
"""Blank space around the issue plane, as a share of it: room for a star on an edge."""
RULES = {
    "unanimity": ("unanimity: every faction can veto", nk.Unanimity()),
    "majority": ("majority of political weight", nk.Majority()),
    "national": ("national welfare (as one actor)", nk.NationalWelfare()),
}
"""The rules every divided nation's menu offers (key -> label, rule); the file's own rule
is added when it is none of these."""


class ScenarioFileError(ValueError):
    """A scenario file that cannot be opened as an explorer, with the reason in words.

    In IPython and Jupyter it shows as its message alone (``_render_traceback_``): the
    student or instructor sees what to fix in the file, not the kit's inner workings.
    """

    def _render_traceback_(self) -> list[str]:
        return [f"ScenarioFileError: {self}"]


def open_scenario(path: str | Path) -> nk.Scenario:
    """The scenario in ``path`` if ``ScenarioExplorer`` can show it, else ``ScenarioFileError``.

    >>> open_scenario("scenarios/e2_tied_hands.toml").title
    'Tied hands (E2)'
    >>> open_scenario("scenarios/e6_gridlock.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    negotiation_kit.widgets.scenario.ScenarioFileError: e6_gridlock.toml: a.factions[0] ...
    """
    source = Path(path)
    try:
        scenario = nk.load_scenario(source)
    except FileNotFoundError:
        raise ScenarioFileError(
            f"there is no scenario file {str(source)!r} (looked in {Path.cwd()}); give the "
            "path of a .toml file, e.g. 'scenarios/classroom_tied_hands.toml'"
        ) from None
    except IsADirectoryError:
        raise ScenarioFileError(
            f"{str(source)!r} is a folder; give the path of a scenario file inside it, "
            "e.g. 'scenarios/classroom_tied_hands.toml'"
        ) from None
    except UnicodeDecodeError:
        raise ScenarioFileError(
            f"{source.name}: is not a text file; a scenario file is TOML text saved as UTF-8"
        ) from None
    except OSError as error:
        raise ScenarioFileError(f"{source.name}: cannot be read ({error.strerror})") from None
    except ValueError as error:
        raise ScenarioFileError(str(error)) from None
    for side, nation in zip(("a", "b"), scenario.nations, strict=True):
        for k, faction in enumerate(nation.factions):
            where = f"{source.name}: {side}.factions[{k}] ({faction.name!r} of {nation.name})"
            gain = faction.gain
            if isinstance(gain, nk.Spatial):
                raise ScenarioFileError(
                    f"{where} has an ideal point and a status quo (a spatial scenario), which "
                    "has no reservation to slide; ScenarioExplorer opens factions with stake "
                    "and reservation (one issue) or weights and threshold (two issues). "
                    "Lesson 4b's SpatialRulesExplorer explores ideal points."
                )
            if isinstance(gain, nk.Linear) and isinstance(gain.reservation, nk.Uniform):
                low, high = gain.reservation.low, gain.reservation.high
                raise ScenarioFileError(
                    f"{where} has an uncertain reservation {{uniform = [{low:g}, {high:g}]}}, "
                    "and a slider holds one number; ScenarioExplorer opens reservations that "
                    f"are single numbers: write one (e.g. {(low + high) / 2:g}) in a copy of "
                    "the file to explore it. Lesson 9's UncertaintyExplorer explores uncertain "
                    "reservations."
                )
    return scenario


@dataclass(frozen=True)
class Views:
    """The explorer's plotting views, by name: the issue line or plane, the payoff plane and
    the title line of ratification rules."""

    issues: LineView | PlaneView
    payoff: PayoffView
    rules: RulesTitle


class ScenarioExplorer(PlaneExplorer):
    """A scenario file as a live figure: slide each faction's reservation, pick each rule.

    One issue: the issue line (acceptance sets, win-sets, the zone, the outcome) above the
    payoff plane. Two issues: the issue plane beside the payoff plane. A slider moves each
    faction's reservation (on two issues, its threshold: the weighted terms it needs); each
    nation of two or more factions has a menu for its ratification rule (a nation of one
    faction decides alone, so every rule gives the same answer and it gets no menu). The
    file's side-payments, space and solution are kept as written. Without a path it opens an
    example: the classroom's tied-hands scenario (``scenarios/classroom_tied_hands.toml``).

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A scenario file (``docs/classroom.md``). A missing, broken or refused file raises
        ``ScenarioFileError`` with the reason.

    Attributes
    ----------
    scenario : nk.Scenario
        The file as loaded (``negotiation`` holds what the controls now show).

    Examples
    --------
    >>> from negotiation_kit.widgets import ScenarioExplorer
    >>> explorer = ScenarioExplorer("scenarios/e2_tied_hands.toml")
    >>> list(explorer.controls)
    ['exporters', 'steelworkers', 'Borealia', 'a_rule']
    >>> explorer.negotiation == explorer.scenario.negotiation
    True
    >>> explorer.set(a_rule="national")
    >>> explorer.negotiation.outcome().agreement
    0.5
    """

    _views: Views

    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {"as written in the file": {}}

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = EXAMPLE if path is None else Path(path)
        self.scenario = open_scenario(self.path)
        talks = self.scenario.negotiation
        self._sliders = _slider_names(self.scenario)
        self._menus = {side: _rules(nation) for side, nation in self._divided()}
        space = talks.space
        # Instance values of what other explorers fix per class (mypy: ClassVar via instance).
        two = isinstance(space, nk.Plane)
        self.ISSUES = 2 if two else 1  # type: ignore[misc]
        self.FIGURE_SIZE = PLANE_SIZE if two else LINE_SIZE  # type: ignore[misc]
        self.PLANE = space if isinstance(space, nk.Plane) else nk.Plane()  # type: ignore[misc]
        self.PRESETS = self._presets()  # type: ignore[misc]
        super().__init__()

    def _divided(self) -> list[tuple[str, nk.Nation]]:
        nations = zip(("a", "b"), self.scenario.nations, strict=True)
        return [(side, nation) for side, nation in nations if len(nation.factions) > 1]

    def _presets(self) -> dict[str, dict[str, Any]]:
        start: dict[str, Any] = {}
        for (side, k), name in self._sliders.items():
            start[name] = _value(self.scenario.nations[SIDES.index(side)].factions[k].gain)
        for side, nation in self._divided():
            start[f"{side}_rule"] = _key(nation.rule, self._menus[side])
        presets = {"as written in the file": start}
        for name, key in (
            ("each nation as one actor (national welfare)", "national"),
            ("every faction can veto (unanimity)", "unanimity"),
        ):
            preset = {**start, **{f"{side}_rule": key for side in self._menus}}
            if preset not in presets.values():  # a preset the file already is
                presets[name] = preset
        return presets

    def _make_controls(self) -> dict[str, Any]:
        controls: dict[str, Any] = {}
        space = self.scenario.negotiation.space
        for (side, k), name in self._sliders.items():
            faction = self.scenario.nations[SIDES.index(side)].factions[k]
            value = _value(faction.gain)
            low, high = _range(faction.gain, space)
            low, high = min(low, value), max(high, value)
            what = "reservation" if isinstance(faction.gain, nk.Linear) else "threshold"
            control = slider(f"{faction.name}'s {what}", value, low, high, _step(high - low))
            control.readout_format = _format(control.step)
            control.tooltip = _tooltip(faction)
            controls[name] = control
        for side, nation in self._divided():
            options = [(label, key) for key, (label, _) in self._menus[side].items()]
            controls[f"{side}_rule"] = widgets.Dropdown(
                options=options,
                value=_key(nation.rule, self._menus[side]),
                description=f"{nation.name}'s rule",
            )
        return controls

    def _scenario(self, values: Mapping[str, Any]) -> nk.Negotiation:
        if isinstance(self.scenario.negotiation.space, nk.Line):
            return self._build(values, self.scenario.negotiation.space)
        return super()._scenario(values)  # two issues: previewed while dragged

    def _build(self, values: Mapping[str, Any], plane: nk.Line | nk.Plane) -> nk.Negotiation:
        nations = []
        for side, nation in zip(SIDES, self.scenario.nations, strict=True):
            factions = []
            for k, faction in enumerate(nation.factions):
                name = self._sliders.get((side, k))
                gain = faction.gain
                if name is not None:
                    gain = _with_value(gain, values[name])
                factions.append(dataclasses.replace(faction, gain=gain))
            rule = nation.rule
            if side in self._menus:
                rule = self._menus[side][values[f"{side}_rule"]][1]
            nations.append(dataclasses.replace(nation, factions=tuple(factions), rule=rule))
        talks = self.scenario.negotiation
        return nk.Negotiation(nations[0], nations[1], plane, talks.solution)

    def _draw(
        self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> Views:
        rules = RulesTitle(figure, negotiation)
        if isinstance(negotiation.space, nk.Line):
            grid = figure.add_gridspec(2, 1, height_ratios=(1.2, 1))
            line = draw_issue_line(figure.add_subplot(grid[0]), negotiation)
            payoff = draw_payoff_plane(figure.add_subplot(grid[1]), negotiation)
            return Views(issues=line, payoff=payoff, rules=rules)
        # as in TwoIssueExplorer: one plane above the other
        grid = figure.add_gridspec(2, 1, height_ratios=PLANES)
        plane = draw_issue_plane(figure.add_subplot(grid[0]), negotiation)
        plane.set_margin(MARGIN)
        payoff = draw_payoff_plane(figure.add_subplot(grid[1]), negotiation, legend="right")
        return Views(issues=plane, payoff=payoff, rules=rules)

    def _update(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> None:
        self._views.issues.update(negotiation)
        self._views.payoff.update(negotiation)
        self._views.rules.update(negotiation)

    def _describe(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        title = self.scenario.title or self.path.name
        parts = [f"{title}."]
        space = negotiation.space
        for nation in (negotiation.a, negotiation.b):
            parts.append(nation.describe_rule())
            if nation.side_payments is not None:
                parts.append(_payments_words(nation))
            win_set = nation.win_set(space)
            if isinstance(space, nk.Line):
                parts.append(f"Its win-set is {_words.intervals(win_set.intervals)}.")
            else:
                parts.append(f"Its win-set has area {_words.number(win_set.area)}.")
        zone = negotiation.zone()
        if isinstance(space, nk.Line):
            parts.append(f"The zone of agreement is {_words.intervals(zone.intervals)}.")
        else:
            parts.append(f"The zone of agreement has area {_words.number(zone.area)}.")
        parts.append(_words.outcome(negotiation))
        return " ".join(parts)


SIDES = ("a", "b")


class RulesTitle:
    """The figure's title line: each nation's ratification rule, which the menus change.

    Two rules can ratify the same deals (a majority of two equal factions is unanimity), so
    without it the figure could not show which rule is in force.
    """

    def __init__(self, figure: Figure, negotiation: nk.Negotiation) -> None:
        self.text = figure.suptitle(
            rules_line(negotiation), x=0.01, ha="left", fontsize=STYLE["axes.labelsize"]
        )
        self.artists = [self.text]

    def update(self, negotiation: nk.Negotiation) -> None:
        self.text.set_text(rules_line(negotiation))


def rules_line(negotiation: nk.Negotiation) -> str:
    """Each nation's rule in a few words, one line each (a narrow figure holds them).

    >>> print(rules_line(open_scenario("scenarios/e2_tied_hands.toml").negotiation))
    Atlantica: unanimity, every faction can veto.
    Borealia: one actor.
    """
    parts = []
    for nation in (negotiation.a, negotiation.b):
        rule = nation.rule
        if len(nation.factions) == 1:
            words = "one actor"
        elif isinstance(rule, nk.Leader):
            words = _leader_words(rule)
        elif isinstance(rule, nk.Majority):
            words = "majority of political weight"
        elif isinstance(rule, nk.Quota):
            words = f"quota of {_words.number(rule.share)} of political weight"
        elif isinstance(rule, nk.NationalWelfare):
            words = "national welfare, as one actor"
        else:
            words = "unanimity, every faction can veto"
        parts.append(f"{nation.name}: {words}.")
    return "\n".join(parts)


def _slider_names(scenario: nk.Scenario) -> dict[tuple[str, int], str]:
    """(side, faction index) -> control name: the faction's name made a Python name
    (``"farm lobby"`` -> ``farm_lobby``), so ``set(farm_lobby=0.3)`` works."""
    names: dict[tuple[str, int], str] = {}
    for side, nation in zip(SIDES, scenario.nations, strict=True):
        for k, faction in enumerate(nation.factions):
            name = re.sub(r"\W+", "_", faction.name).strip("_")
            if not name.isidentifier() or name in names.values() or name.endswith("_rule"):
                name = f"{side}_faction_{k + 1}"
            names[(side, k)] = name
    return names


def _value(gain: Any) -> float:
    """The number a faction's slider moves: its reservation, or its threshold."""
    value = gain.reservation if isinstance(gain, nk.Linear) else gain.threshold
    assert not isinstance(value, nk.Uniform)  # open_scenario refuses uncertain reservations
    return float(value)


def _with_value(gain: Any, value: float) -> Any:
    if isinstance(gain, nk.Linear):
        return dataclasses.replace(gain, reservation=value)
    return dataclasses.replace(gain, threshold=value)


def _range(gain: Any, space: nk.Line | nk.Plane) -> tuple[float, float]:
    """Where a slider runs: the issue (one issue) or, on two issues, the weighted terms
    ``weights · z`` over the plane's corners (so the threshold line can cross all of it)."""
    if isinstance(space, nk.Line):
        return float(space.low), float(space.high)
    corners = [
        gain.weights[0] * x + gain.weights[1] * y for x in space.x for y in space.y
    ]  # fmt: skip
    return float(min(corners)), float(max(corners))


def _step(span: float) -> float:
    """A round step (1, 2 or 5 x 10^k) giving about ``STEPS`` steps across ``span``.

    >>> _step(1.0), _step(100.0), _step(6.0), _step(0.0)
    (0.01, 1.0, 0.1, 0.01)
    """
    if span <= 0 or not math.isfinite(span):
        return 0.01
    raw = span / STEPS
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw * 0.999:
            return float(round(factor * power, 12))
    return float(10 * power)  # pragma: no cover - the loop always returns


def _format(step: float) -> str:
    """Enough decimals to show a slider's step: ``.2f`` for 0.01, ``.0f`` for 1."""
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return f".{decimals}f"


def _tooltip(faction: nk.Faction) -> str:
    gain = faction.gain
    if isinstance(gain, nk.Linear):
        side = "at least" if gain.stake > 0 else "at most"
        return f"{faction.name} accepts terms of {side} this number."
    return f"{faction.name} accepts deals whose weighted terms reach this threshold."


def _rules(nation: nk.Nation) -> dict[str, tuple[str, Any]]:
    """A divided nation's menu: key -> (label, rule), the file's own rule among them."""
    menu = dict(RULES)
    if _key(nation.rule, menu) == "":
        rule = nation.rule
        if isinstance(rule, nk.Quota):
            menu["quota"] = (f"quota: {rule.share:.2f} of the weight", rule)
        else:
            assert isinstance(rule, nk.Leader)  # the other rules are all in RULES
            menu["leader"] = (_leader_words(rule), rule)
    return menu


def _key(rule: Any, menu: Mapping[str, tuple[str, Any]]) -> str:
    return next((key for key, (_, known) in menu.items() if known == rule), "")


def _leader_words(rule: nk.Leader) -> str:
    vetoes = ", ".join(rule.vetoes)
    if not vetoes:
        return f"{rule.name} decides"
    return f"{rule.name} leads, {vetoes} can veto"


def _payments_words(nation: nk.Nation) -> str:
    payments = nation.side_payments
    assert payments is not None
    budget = "" if payments.budget == math.inf else f", up to {_words.number(payments.budget)}"
    return (
        f"Its factions that gain may pay those that lose (efficiency "
        f"{_words.number(payments.efficiency)}{budget})."
    )
