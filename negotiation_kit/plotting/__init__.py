"""Figures of two-level negotiations (matplotlib, no pyplot).

Import it on its own: ``import negotiation_kit.plotting as nkp`` (``import negotiation_kit``
never loads matplotlib). Each ``draw_*`` function draws on an Axes you give it and returns
a view holding its ``artists`` with an ``update(...)`` method that changes them in place;
what each view draws comes from a pure function in ``negotiation_kit.plotting.data``.

- ``draw_issue_line``, ``draw_issue_plane``, ``draw_payoff_plane``, ``draw_statics``: the views;
- ``line_data``, ``plane_data``, ``payoff_data``, ``statics_data``: what they draw;
- ``draw_rule_bars`` and ``rule_bars_data``: a nation's welfare under several rules;
- ``draw_chance``, ``draw_expected_welfare``, ``draw_width``: uncertain ratification;
- ``new_figure``: a Figure built without pyplot, in the kit's style; ``fit_to_layout`` lays it
  out and fits legends and end labels to its laid-out Axes;
- ``palette``: the kit's colours (Okabe-Ito) and ``STYLE``.
- what explorers draw beyond these: ``HullView`` (the hull of veto players' ideal points),
  ``BenchmarkView`` (a unitary benchmark), ``FrontierVeil`` (a veil over a frontier
  region), ``ShadedIntervals`` (shaded stretches of an issue), ``RuleBarsData``;
- helpers: ``number``, ``signed`` and ``CLOSE`` (numbers written as the figures write
  them, ``numbers``), ``stable_limits``, ``half_plane``, ``place_names`` (labels placed
  clear of markers, ``placement``).

Examples
--------
>>> import negotiation_kit as nk
>>> import negotiation_kit.plotting as nkp
>>> a = nk.Nation("Atlantica", [nk.Faction("Atlantica", nk.Linear(1, 0.2))])
>>> b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
>>> fig = nkp.new_figure(8, 3.5)
>>> view = nkp.draw_issue_line(fig.add_subplot(), nk.Negotiation(a, b, nk.Line()))
>>> view.data.nash, view.data.split
(0.5, 0.5)
"""

from . import palette
from ._base import fit_to_layout, stable_limits
from .data import line_data, payoff_data, plane_data, statics_data
from .figure import new_figure
from .geometry import half_plane, pareto_mask
from .issue_line import LineView, draw_issue_line
from .issue_plane import PlaneView, draw_issue_plane
from .numbers import CLOSE, number, signed
from .overlays import BenchmarkView, FrontierVeil, HullView
from .palette import (
    NASH_COLOR,
    NATION_COLORS,
    SPLIT_COLOR,
    STATUS_QUO_COLOR,
    STYLE,
    ZONE_COLOR,
    faction_colors,
    style,
)
from .payoff_plane import PayoffView, draw_payoff_plane
from .placement import place_names
from .rule_bars import RuleBarsData, RuleBarsView, draw_rule_bars, rule_bars_data
from .statics import ShadedIntervals, StaticsView, draw_statics
from .uncertainty import (
    ChanceView,
    ExpectedWelfareView,
    WidthView,
    draw_chance,
    draw_expected_welfare,
    draw_width,
)

__all__ = [
    "CLOSE",
    "NASH_COLOR",
    "NATION_COLORS",
    "SPLIT_COLOR",
    "STATUS_QUO_COLOR",
    "STYLE",
    "ZONE_COLOR",
    "BenchmarkView",
    "ChanceView",
    "ExpectedWelfareView",
    "FrontierVeil",
    "HullView",
    "LineView",
    "PayoffView",
    "PlaneView",
    "RuleBarsData",
    "RuleBarsView",
    "ShadedIntervals",
    "StaticsView",
    "WidthView",
    "draw_chance",
    "draw_expected_welfare",
    "draw_issue_line",
    "draw_issue_plane",
    "draw_payoff_plane",
    "draw_rule_bars",
    "draw_statics",
    "draw_width",
    "faction_colors",
    "fit_to_layout",
    "half_plane",
    "line_data",
    "new_figure",
    "number",
    "palette",
    "pareto_mask",
    "payoff_data",
    "place_names",
    "plane_data",
    "rule_bars_data",
    "signed",
    "stable_limits",
    "statics_data",
    "style",
]
