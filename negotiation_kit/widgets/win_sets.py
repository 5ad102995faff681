"""Lesson 2 explorer: a nation's win-set from its factions' acceptance sets (Putnam 1988).

Atlantica is three factions (exporters, farmers, steelworkers), each with its own
reservation. The factions that hold a veto must all accept a deal, so Atlantica's win-set
is the overlap of their acceptance sets. Make a faction more demanding, or give one more
faction a veto, and the win-set shrinks: the zone of agreement with Borealia narrows (less
chance of agreement) while the terms move Atlantica's way, until the zone vanishes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as widgets  # type: ignore[import-untyped]
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .. import model as nk
from ..model.statics import sweep
from ..plotting import LineView, StaticsView, draw_issue_line, draw_statics, palette
from . import _words
from ._base import Explorer
from ._controls import choice, slider
from ._notes import RowNotes

FACTIONS = ("exporters", "farmers", "steelworkers")
LEANS = {"with Atlantica": 1.0, "with Borealia": -1.0}
"""The farmers' orientation: the sign of their stake (docs/model.md §2, ``Linear``)."""
VETOES = {"the exporters only": 1, "exporters and farmers": 2, "all three factions": 3}
LOWEST, STEP = -0.3, 0.005
SWEEP = np.round(np.arange(0.0, 1.0 + STEP / 2, STEP), 10)
"""The steelworkers' reservations the lower panel's curves are computed at."""
E4 = {
    "exporters": -0.15,
    "farmers": 0.2,
    "farmers_lean": 1.0,
    "steelworkers": 0.55,
    "vetoes": 3,
    "b_reservation": 0.8,
}
LEFT = nk.Line().low
"""The left end of the issue line; a reservation below it is marked at it (``EdgeNotes``)."""
LIMITS = (-0.05, 1.05)
CURVES = ("Atlantica's win-set (length)", "zone of agreement (length)", "nash agreement")


def _stakes(values: Mapping[str, Any]) -> tuple[float, float, float]:
    """Each faction's stake: a third each, the farmers' sign set by their orientation."""
    return (1 / 3, values["farmers_lean"] / 3, 1 / 3)


def _notes(values: Mapping[str, Any]) -> dict[str, str]:
    """What the figure writes above each faction's bar: whether it holds a veto."""
    return {name: "veto" if k < values["vetoes"] else "no veto" for k, name in enumerate(FACTIONS)}


def _off_line(values: Mapping[str, Any]) -> dict[str, str | None]:
    """For each faction whose reservation lies off the drawn line [0, 1], what its row
    says at the line's left end (its bar alone cannot show where the set starts)."""
    notes: dict[str, str | None] = {}
    for name, lean in zip(FACTIONS, _stakes(values), strict=True):
        reservation = values[name]
        if reservation >= LEFT:
            notes[name] = None
        elif lean > 0:
            notes[name] = f"accepts all terms from {_words.number(reservation)}"
        else:
            notes[name] = f"accepts only terms up to {_words.number(reservation)}: none here"
    return notes


def _accepts(values: Mapping[str, Any]) -> str:
    """Each faction's acceptance set in words: where it starts (or, leaning toward
    Borealia, ends), and whether that lies off the line (every term on it, or none)."""
    words = []
    for name, lean in zip(FACTIONS, _stakes(values), strict=True):
        reservation, at = values[name], _words.number(values[name])
        if lean > 0:
            words.append(
                f"from {at}" + (" (every term on the line)" if reservation <= LEFT else "")
            )
        else:
            none = " (no term on the line)" if reservation < LEFT else ""
            words.append(f"(who lean toward Borealia) only up to {at}{none}")
    exporters, farmers, steelworkers = words
    return (
        f"The exporters accept terms {exporters}, the farmers {farmers} and the steelworkers "
        f"{steelworkers}."
    )


def _who(vetoes: int) -> str:
    """The factions holding a veto, in words."""
    return {1: "Only the exporters hold", 2: "The exporters and farmers each hold"}.get(
        vetoes, "All three factions hold"
    )


@dataclass(frozen=True)
class Views:
    """The explorer's plotting views, by name."""

    line: LineView
    statics: StaticsView
    notes: RowNotes
    edges: EdgeNotes


class WinSetExplorer(Explorer):
    """Three factions' acceptance sets make Atlantica's win-set; how big should it be?

    Top: the issue line with each faction's acceptance set, Atlantica's win-set (the
    overlap of the vetoing factions' sets), the zone of agreement with Borealia and the
    Nash outcome; a faction whose reservation lies left of the line (the exporters, at
    -0.15) is marked at the line's end with its value. Below: as the steelworkers'
    reservation rises (the dashed line is where it is now), the win-set and the zone shrink
    while the agreement moves toward Atlantica's end, until the zone is empty and there is
    no agreement.
    Controls: each faction's reservation, which way the farmers lean (with Atlantica:
    they accept terms above their reservation; with Borealia: below it), who holds a
    veto (the exporters only, the exporters and farmers, or all three; the others have no
    say) and Borealia's reservation. Each faction has a third of Atlantica's stake, so
    Atlantica's interest is the same whoever holds a veto. The presets use the factions of
    worked example E4.

    Examples
    --------
    >>> from negotiation_kit.widgets import WinSetExplorer
    >>> explorer = WinSetExplorer()
    >>> explorer.negotiation.zone().intervals
    [(0.55, 0.8)]
    >>> explorer.set(vetoes=1)
    >>> explorer.negotiation.zone().intervals, explorer.negotiation.outcome().agreement
    ([(0.0, 0.8)], 0.5)
    """

    _views: Views

    FIGURE_SIZE: ClassVar[tuple[float, float]] = (6.0, 6.8)
    ISSUES: ClassVar[int] = 1
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {
        "three vetoes (E4, unanimity)": E4,
        "the exporters decide alone (E4)": {**E4, "vetoes": 1},
        "two vetoes: the farmers bind": {**E4, "vetoes": 2},
        "steelworkers too demanding: no zone": {**E4, "steelworkers": 0.9},
        "farmers lean toward Borealia": {**E4, "farmers": 0.7, "farmers_lean": -1.0},
        "opposed vetoes leave no overlap": {**E4, "farmers": 0.4, "farmers_lean": -1.0},
    }

    def _make_controls(self) -> dict[str, Any]:
        return {
            "exporters": slider("exporters' reservation", -0.15, LOWEST, 1.0, 0.01),
            "farmers": slider("farmers' reservation", 0.2, LOWEST, 1.0, 0.01),
            "farmers_lean": choice("the farmers lean", LEANS, 1.0),
            "steelworkers": slider("steelworkers' reservation", 0.55, 0.0, 1.0, 0.01),
            "vetoes": widgets.RadioButtons(
                options=list(VETOES.items()), value=3, description="who holds a veto"
            ),
            "b_reservation": slider("Borealia's reservation", 0.8, 0.0, 1.0, 0.01),
        }

    def _scenario(self, values: Mapping[str, Any]) -> nk.Negotiation:
        factions = tuple(
            nk.Faction(name, nk.Linear(stake, values[name]))
            for name, stake in zip(FACTIONS, _stakes(values), strict=True)
        )
        vetoes = values["vetoes"]
        rule = nk.Unanimity() if vetoes == 3 else nk.Leader(FACTIONS[0], FACTIONS[1:vetoes])
        a = nk.Nation("Atlantica", factions, rule=rule)
        b = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, values["b_reservation"])),))
        return nk.Negotiation(a, b, nk.Line())

    def _curves(
        self, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> tuple[np.ndarray, dict[str, np.ndarray], float]:
        """Win-set and zone length and the Nash agreement against the steelworkers'
        reservation (``model.statics.sweep``), the current point from the model itself."""
        here = float(values["steelworkers"])
        at = int(np.searchsorted(SWEEP, here))
        x = np.insert(SWEEP, at, here)
        nash = dataclasses.replace(negotiation, solution="nash")
        swept = sweep(nash, "steelworkers", x)
        exact = (
            _length(negotiation.a.win_set(negotiation.space).intervals),
            _length(negotiation.zone().intervals),
            np.nan if (deal := negotiation.outcome().agreement) is None else float(deal),
        )
        curves = [
            swept.length(swept.win_sets["Atlantica"]),
            swept.length(swept.zone),
            swept.agreement,
        ]
        for curve, value in zip(curves, exact, strict=True):
            curve[at] = value
        return x, dict(zip(CURVES, curves, strict=True)), here

    def _draw(
        self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> Views:
        grid = figure.add_gridspec(2, 1, height_ratios=(1.35, 1))
        line = draw_issue_line(figure.add_subplot(grid[0]), negotiation)
        colours = [palette.NATION_COLORS[0], palette.ZONE_EDGE_COLOR, palette.NASH_COLOR]
        statics = draw_statics(
            figure.add_subplot(grid[1]),
            *self._curves(negotiation, values),
            xlabel="steelworkers' reservation",
            ylabel="terms / length",
            colors=colours,
        )
        _align(statics, line)
        edges = EdgeNotes(line.ax, LEFT, _off_line(values))
        return Views(
            line=line, statics=statics, notes=RowNotes(line.ax, _notes(values)), edges=edges
        )

    def _update(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> None:
        views = self._views
        views.line.update(negotiation)
        views.statics.update(*self._curves(negotiation, values))
        _align(views.statics, views.line)
        views.notes.update(_notes(values))
        views.edges.update(_off_line(values))

    def _describe(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        space, vetoes = negotiation.space, values["vetoes"]
        win_set, zone = negotiation.a.win_set(space).intervals, negotiation.zone().intervals
        overlap = "the exporters' acceptance set" if vetoes == 1 else "the overlap of their sets"
        silent = {1: " (farmers and steelworkers have no say)", 2: " (steelworkers have none)"}
        return (
            f"{_accepts(values)} {_who(vetoes)} a veto{silent.get(vetoes, '')}, so Atlantica's "
            f"win-set, {overlap}, is {_sized(win_set)}. Borealia accepts terms up to "
            f"{_words.number(values['b_reservation'])}, so the zone of agreement is "
            f"{_sized(zone)}. {_words.outcome(negotiation)}"
        )


class EdgeNotes:
    """A faction whose reservation lies left of the drawn line (``left`` is its end): a mark
    at the left end of its row pointing off the line, and above the bar what it accepts
    ("accepts all terms from -0.14"), so moving that reservation changes the figure too.
    ``update(notes)`` takes row name -> words, or None to hide the row's mark and words.

    >>> line = WinSetExplorer()._views.line
    >>> edges = EdgeNotes(line.ax, 0.0, {"exporters": "accepts all terms from -0.15"})
    >>> edges.texts["exporters"].get_text(), edges.marks["exporters"].get_visible()
    ('accepts all terms from -0.15', True)
    >>> edges.update({"exporters": None})
    >>> edges.texts["exporters"].get_visible(), edges.marks["exporters"].get_visible()
    (False, False)
    """

    def __init__(
        self, ax: Axes, left: float, notes: Mapping[str, str | None], lift: float = 0.2
    ) -> None:
        labels = [t.get_text() for t in ax.get_yticklabels()]
        rows = dict(zip(labels, ax.get_yticks(), strict=True))
        low, high = ax.get_xlim()
        with palette.style():
            self.marks = {
                name: ax.plot([left], [float(rows[name])], ls="none", marker="<", ms=11,
                              color=palette.dark(0), mec="white", mew=1.0, zorder=5)[0]
                for name in notes
            }  # fmt: skip
            self.texts = {
                name: ax.text(left + 0.015 * (high - low), float(rows[name]) + lift, "",
                              ha="left", va="bottom", fontsize=11, color=palette.dark(0),
                              zorder=5)
                for name in notes
            }  # fmt: skip
        self.artists: list[Artist] = [*self.marks.values(), *self.texts.values()]
        self.update(notes)

    def update(self, notes: Mapping[str, str | None]) -> None:
        """Show each row's words (None hides its mark and words)."""
        for name, note in notes.items():
            text, mark = self.texts[name], self.marks[name]
            if text.get_text() != (note or ""):
                text.set_text(note or "")
            if text.get_visible() != (note is not None):
                text.set_visible(note is not None)
                mark.set_visible(note is not None)


def _align(statics: Any, line: Any) -> None:
    """Keep the lower panel still and its x-axis under the issue line's (terms and lengths
    lie in [0, 1]), so the dashed line sits under the steelworkers' reservation above."""
    if tuple(statics.ax.get_xlim()) != tuple(line.ax.get_xlim()):
        statics.ax.set_xlim(line.ax.get_xlim())
    if tuple(statics.ax.get_ylim()) != LIMITS:
        statics.ax.set_ylim(*LIMITS)


def _sized(intervals: list[tuple[float, float]]) -> str:
    """A set and its size: "[0.55, 1.00] (length 0.45)", or "empty"."""
    if not intervals:
        return "empty"
    return f"{_words.intervals(intervals)} (length {_words.number(_length(intervals))})"


def _length(intervals: list[tuple[float, float]]) -> float:
    """The total length of a union of intervals."""
    return float(sum(high - low for low, high in intervals))
