"""Figures of two-level negotiations (matplotlib, no pyplot).

Import it on its own: ``import negotiation_kit.plotting as nkp`` (``import negotiation_kit``
never loads matplotlib). Each ``draw_*`` function draws on an Axes you give it and returns
a view holding its ``artists`` with an ``update(...)`` method that changes them in place;
what each view draws comes from a pure function in ``negotiation_kit.plotting.data``.

- ``draw_issue_line``, ``draw_issue_plane``, ``draw_payoff_plane``, ``draw_statics``: the views;
- ``line_data``, ``plane_data``, ``payoff_data``, ``statics_data``: what they draw;
- ``draw_rule_bars`` and ``rule_bars_data``: a nation's welfare under several rules;
- ``palette``: the kit's colours (Okabe-Ito), ``STYLE`` and ``new_figure``, a Figure built
  without pyplot whose layout is computed once (``relayout`` asks for it again).
- modules the explorers draw with beyond these: ``overlays`` (a hull of ideal points, a
  unitary benchmark, a veil over a frontier region), ``names`` (labels placed clear of
  markers), ``statics.Band`` (shaded stretches of an issue), ``labels`` (numbers written
  as the figures and the explorers' sentences write them), ``sentence`` (a line of words
  whose numbers change, drawn in pieces so only the numbers are drawn anew) and ``figure``
  (layouts).

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
from .data import line_data, payoff_data, plane_data, statics_data
from .figure import relayout
from .geometry import pareto_mask
from .issue_line import LineView, draw_issue_line
from .issue_plane import PlaneView, draw_issue_plane
from .palette import (
    NASH_COLOR,
    NATION_COLORS,
    SPLIT_COLOR,
    STATUS_QUO_COLOR,
    STYLE,
    ZONE_COLOR,
    faction_colors,
    new_figure,
    style,
)
from .payoff_plane import PayoffView, draw_payoff_plane
from .rule_bars import RuleBarsView, draw_rule_bars, rule_bars_data
from .statics import StaticsView, draw_statics

__all__ = [
    "NASH_COLOR",
    "NATION_COLORS",
    "SPLIT_COLOR",
    "STATUS_QUO_COLOR",
    "STYLE",
    "ZONE_COLOR",
    "LineView",
    "PayoffView",
    "PlaneView",
    "RuleBarsView",
    "StaticsView",
    "draw_issue_line",
    "draw_issue_plane",
    "draw_payoff_plane",
    "draw_rule_bars",
    "draw_statics",
    "faction_colors",
    "line_data",
    "new_figure",
    "palette",
    "pareto_mask",
    "payoff_data",
    "plane_data",
    "relayout",
    "rule_bars_data",
    "statics_data",
    "style",
]
