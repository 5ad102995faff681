"""Lesson 9 explorer: a hawk's bottom line nobody at the table knows for sure.

Atlantica's steelworkers (the hawk) hold a veto, but their reservation is uncertain: it is
drawn after the negotiators sign, evenly from a range of the chosen width around its expected
value (docs/model.md §8). A deal signed in good faith can then fail at home, Putnam's (1988)
*involuntary defection*. Borealia, unable to see the veto, may concede to make the deal safe
(a little uncertainty helps Atlantica); with a lot of it, the bargain risks an accidental
collapse that hurts both (Iida 1993 asks what uncertainty does to tied hands).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from matplotlib.figure import Figure

from .. import model as nk
from ..model.statics import WidthSweep, width_sweep
from ..plotting import (
    ChanceView,
    ExpectedWelfareView,
    WidthView,
    draw_chance,
    draw_expected_welfare,
    draw_width,
)
from . import _words
from ._base import Explorer
from ._controls import choice, slider
from ._memo import Memo

HAWK = "steelworkers (hawk)"
DOVE = "exporters (dove)"
WIDEST = 0.8
WIDTHS = np.round(np.linspace(0.0, WIDEST, 33), 10)
"""The widths the lower panel's curves are computed at (each an exact outcome)."""
REVEALED = {"unknown": False, "revealed": True}
ALONG_LINE_MOST = 1.1
"""The most expected net welfare a nation can have anywhere on the issue line with these
sliders: Atlantica's ``x + 0.1 - r / 2`` at ``x = 1`` with the hawk's expected reservation at
0 (a certain value and a wider range around 0 give the same mean; Borealia's is at most its
reservation, 1). The middle panel's scale holds it, so it never moves."""
AT_DEAL_MOST = 0.75
"""The width panel's scale: the most expected net welfare at the deal found over the sliders'
range is about 0.66 (Atlantica, Borealia's reservation 1); a higher value would widen it."""
U1 = {"hawk_reservation": 0.6, "width": 0.2, "b_reservation": 0.8, "revealed": False,
      "drawn": 0.5}  # fmt: skip


def hawk_reservation(values: Mapping[str, Any]) -> float | nk.Uniform:
    """The hawk's reservation as the controls say: revealed, certain or uncertain (rounded
    to 10 decimals, so 0.6 - 0.2 is the 0.4 a student reads on the sliders)."""
    middle, width = float(values["hawk_reservation"]), float(values["width"])
    low, high = round(middle - 0.5 * width, 10), round(middle + 0.5 * width, 10)
    if values["revealed"]:
        return round(low + float(values["drawn"]) * width, 10)
    return middle if width == 0 else nk.Uniform(low, high)


@dataclass(frozen=True)
class Views:
    """The explorer's plotting views, by name."""

    chance: ChanceView
    welfare: ExpectedWelfareView
    widths: WidthView


class UncertaintyExplorer(Explorer):
    """An uncertain hawk: why Borealia pays for safety, and when deals collapse by accident.

    Atlantica is two factions under unanimity, the exporters (dove, reservation -0.2) and the
    steelworkers (hawk), each half of its stake; Borealia is one actor. The hawk's reservation
    is drawn after the deal is signed, evenly from ``width`` around ``hawk_reservation``.
    Top: the chance that the deal is ratified along the issue line, the hawk's range shaded.
    Middle: each nation's expected net welfare along the issue line (a failed deal gives 0).
    Bottom: both nations' expected net welfare at the Nash outcome against the width.
    With ``revealed``, the hawk's true reservation (``drawn``: 0 the low end of its range, 1
    the high end) is known before bargaining: the figure shows that certain bargain, the
    unrevealed outcome as hollow dots. Presets: worked examples E2, U1 and U2 (docs/model.md §8).

    Examples
    --------
    >>> from negotiation_kit.widgets import UncertaintyExplorer
    >>> explorer = UncertaintyExplorer()  # U1: nash at 0.7, certain to pass
    >>> outcome = explorer.negotiation.outcome()
    >>> round(outcome.agreement, 9), outcome.ratification_probability
    (0.7, 1.0)
    >>> explorer.apply_preset("a lot of uncertainty (U2)")
    >>> round(explorer.negotiation.outcome().ratification_probability, 6)
    0.707107
    >>> explorer.set(revealed=True, drawn=0.5)  # the hawk's reservation turns out to be 0.6
    >>> round(explorer.negotiation.outcome().agreement, 9)
    0.6
    """

    _views: Views

    FIGURE_SIZE: ClassVar[tuple[float, float]] = (6.0, 8.0)
    ISSUES: ClassVar[int] = 1
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {
        "certain (E2)": {**U1, "width": 0.0},
        "a little uncertainty (U1)": U1,
        "a lot of uncertainty (U2)": {**U1, "width": 0.4},
        "too much uncertainty": {**U1, "width": WIDEST},
        "U1, the truth revealed": {**U1, "revealed": True},
    }

    def __init__(self) -> None:
        self._curves: Memo[WidthSweep] = Memo()
        self.uncertain: nk.Negotiation
        super().__init__()

    def _make_controls(self) -> dict[str, Any]:
        return {
            "hawk_reservation": slider("hawk's expected reservation", 0.6, 0.0, 1.0, 0.01),
            "width": slider("width of the uncertainty (0 = known)", 0.2, 0.0, WIDEST, 0.01),
            "b_reservation": slider("Borealia's reservation", 0.8, 0.0, 1.0, 0.01),
            "revealed": choice("the hawk's true reservation is", REVEALED, False),
            "drawn": slider("true reservation: where in its range (0 = low end)", 0.5, 0, 1, 0.01),
        }

    def _scenario(self, values: Mapping[str, Any]) -> nk.Negotiation:
        doves = nk.Faction(DOVE, nk.Linear(0.5, -0.2))
        hawks = nk.Faction(HAWK, nk.Linear(0.5, hawk_reservation(values)))
        a = nk.Nation("Atlantica", (doves, hawks), rule=nk.Unanimity())
        b = nk.Nation("Borealia", (nk.Faction("Borealia", nk.Linear(-1, values["b_reservation"])),))
        return nk.Negotiation(a, b, nk.Line())

    def _unrevealed(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> nk.Negotiation:
        """The negotiation before the hawk's reservation is revealed."""
        if not values["revealed"]:
            return negotiation
        return self._scenario({**values, "revealed": False})

    def _width_curve(self, values: Mapping[str, Any]) -> tuple[np.ndarray, dict[str, Any], float]:
        """Expected net welfare at the outcome over ``WIDTHS``, the current width included.

        The curve depends on the hawk's expected reservation and Borealia's only; it costs
        about as much as thirty outcomes, so it is kept per setting of those two. During a
        drag in a kernel, a new setting shows only the current point until the controls rest.
        """
        key = (values["hawk_reservation"], values["b_reservation"])
        width = float(values["width"])
        here = self.uncertain.outcome().welfare
        if key in self._curves or not self._refresh_once_rested():
            swept = self._curves.get(key, lambda: width_sweep(self.uncertain, HAWK, WIDTHS))
            at = int(np.searchsorted(swept.widths, width))
            widths = np.insert(swept.widths, at, width)
            curves = {n: np.insert(swept.welfare[n], at, here[n]) for n in here}
        else:
            widths = np.unique([0.0, width, WIDEST])  # the curve is blank but for this width
            curves = {n: np.where(widths == width, here[n], np.nan) for n in here}
        return widths, curves, width

    def _draw(
        self, figure: Figure, negotiation: nk.Negotiation, values: Mapping[str, Any]
    ) -> Views:
        self.uncertain = self._unrevealed(negotiation, values)
        before = self.uncertain if values["revealed"] else None
        grid = figure.add_gridspec(3, 1, height_ratios=(1, 1.1, 1.1))
        chance = draw_chance(figure.add_subplot(grid[0]), negotiation, before)
        welfare = draw_expected_welfare(
            figure.add_subplot(grid[1]), negotiation, before, least=ALONG_LINE_MOST
        )
        widths = draw_width(
            figure.add_subplot(grid[2]), *self._width_curve(values), least=AT_DEAL_MOST
        )
        return Views(chance=chance, welfare=welfare, widths=widths)

    def _update(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> None:
        self.uncertain = self._unrevealed(negotiation, values)
        before = self.uncertain if values["revealed"] else None
        self._views.chance.update(negotiation, before)
        self._views.welfare.update(negotiation, before)
        self._views.widths.update(*self._width_curve(values))

    def _describe(self, negotiation: nk.Negotiation, values: Mapping[str, Any]) -> str:
        uncertain = self._unrevealed(negotiation, values)
        reservation = hawk_reservation({**values, "revealed": False})
        if isinstance(reservation, nk.Uniform):
            hawk = (
                f"The hawk's reservation is somewhere from {_words.number(reservation.low)} to "
                f"{_words.number(reservation.high)}, every value equally likely; nobody at the "
                "table knows it."
            )
        else:
            hawk = f"The hawk's reservation is known: {_words.number(reservation)}."
        text = f"{hawk} {self._bargain(uncertain)} {self._width_words(uncertain, values)}"
        if values["revealed"] and values["width"] == 0:
            text += " There is nothing to reveal: the hawk's reservation is known already."
        elif values["revealed"]:
            text += " " + self._revealed_words(negotiation, uncertain)
        return text

    @staticmethod
    def _bargain(negotiation: nk.Negotiation) -> str:
        """The zone, the deal, its chance of ratification and both expected welfares."""
        zone = _words.intervals(negotiation.zone().intervals)
        outcome = negotiation.outcome()
        if outcome.agreement is None:
            why = (
                "no deal can be ratified"
                if negotiation.zone().is_empty
                else "but no deal there leaves both nations better off on average"
            )
            return (
                f"The zone of agreement (where ratification is possible) is {zone}: {why}, so "
                "there is no agreement and both get 0."
            )
        chance = outcome.ratification_probability
        welfare = ", ".join(f"{n} {_words.number(v)}" for n, v in outcome.welfare.items())
        if chance >= 1 - 5e-7:
            risk = "it is certain to be ratified, so there is no risk of involuntary defection"
        else:
            risk = (
                f"it is ratified with chance {round(100 * chance)}%, so the risk of involuntary "
                f"defection (a signed deal failing at home) is {round(100 * (1 - chance))}%"
            )
        return (
            f"The zone of agreement (where ratification is possible) is {zone}. Nash bargaining "
            f"settles at {_words.number(float(outcome.agreement))}: {risk}. Expected net welfare: "
            f"{welfare}."
        )

    @staticmethod
    def _width_words(uncertain: nk.Negotiation, values: Mapping[str, Any]) -> str:
        """The expected welfare now compared with a known reservation (width 0)."""
        if values["width"] == 0:
            return (
                "The lower panel shows what uncertainty of each width about the hawk's "
                "reservation would do to both nations."
            )
        outcome = uncertain.outcome()
        known = width_sweep(uncertain, HAWK, [0.0]).welfare
        gap = outcome.welfare["Atlantica"] - known["Atlantica"][0]
        risky = outcome.agreement is not None and outcome.ratification_probability < 1 - 5e-7
        if gap > _words.CLOSE:
            verdict = "so the uncertainty helps Atlantica"
            if outcome.welfare["Borealia"] < known["Borealia"][0] - _words.CLOSE:
                verdict += ": Borealia concedes better terms to make the deal " + (
                    "more likely to pass" if risky else "safe"
                )
        elif gap < -_words.CLOSE:
            verdict = "so the uncertainty hurts Atlantica"
            if risky:
                verdict += ": the risk that the deal collapses by accident costs it more than "
                verdict += "Borealia concedes"
        else:
            verdict = "so the uncertainty makes no difference to Atlantica"
        middle = _words.number(values["hawk_reservation"])
        return (
            f"Were the hawk's reservation known to be {middle}, Atlantica would get "
            f"{_words.number(known['Atlantica'][0])} and Borealia "
            f"{_words.number(known['Borealia'][0])}, {verdict}."
        )

    @staticmethod
    def _revealed_words(revealed: nk.Negotiation, uncertain: nk.Negotiation) -> str:
        hawk = revealed.a.factions[1].gain
        assert isinstance(hawk, nk.Linear) and not isinstance(hawk.reservation, nk.Uniform)
        outcome = revealed.outcome()
        before = uncertain.outcome().welfare
        if outcome.agreement is None:
            deal = "there is no deal and both get 0"
        else:
            deal = f"they settle at {_words.number(float(outcome.agreement))}, certain to pass"
        if uncertain.outcome().agreement is None and outcome.agreement is None:
            change = "as without the truth"
        else:
            change = "net welfare " + ", ".join(
                f"{n} {_words.number(v)} instead of {_words.number(before[n])} expected"
                for n, v in outcome.welfare.items()
            )
            change += "; the hollow dots mark the deal before the truth came out"
        return (
            f"Revealed: the hawk's reservation turns out to be {_words.number(hawk.reservation)}."
            f" Knowing it, {deal} ({change})."
        )
