"""The debrief figure: every pair's deal over the win-sets and the zone of agreement.

One issue: on top, the scenario's issue line (factions, win-sets, zone, predictions); below,
one row per pair with that pair's own zone, its nash outcome and its deal, on the same
axis. Two issues: the scenario's issue plane with every deal marked. Ratified deals are
filled circles, failed ones crosses (``negotiation_kit.plotting.deals``).
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

import negotiation_kit as nk
from negotiation_kit import plotting as nkp
from negotiation_kit.plotting.deals import Deal, PairRow, draw_deals, draw_pair_rows, legend_handles

from .debrief import Verdict


def debrief_figure(
    base: nk.Scenario, pairs: dict[int, nk.Scenario], verdicts: dict[int, Verdict]
) -> Figure:
    """The class's figure (see the module's docstring)."""
    talks = base.negotiation
    if isinstance(talks.space, nk.Plane):
        return _plane_figure(base, verdicts)
    rows = []
    for pair, verdict in sorted(verdicts.items()):
        zone = pairs[pair].negotiation.zone().intervals
        nash = verdict.nash if isinstance(verdict.nash, float) else None
        chance = None if verdict.chance is None or verdict.deal is None else verdict.both
        rows.append(PairRow(str(pair), zone, nash, verdict.deal, verdict.stands, chance))
    if any(v.chance is not None for v in verdicts.values()):
        return _uncertain_figure(base, rows)
    top = len(talks.a.factions) * (len(talks.a.factions) > 1) + 3
    top += len(talks.b.factions) * (len(talks.b.factions) > 1)
    height = 1.9 + 0.42 * top + 0.42 * len(rows) + 1.2
    fig = nkp.new_figure(9.5, height)
    grid = fig.add_gridspec(2, 1, height_ratios=[top + 1.6, len(rows) + 0.8], hspace=0.08)
    upper = fig.add_subplot(grid[0])
    lower = fig.add_subplot(grid[1], sharex=upper)
    nkp.draw_issue_line(upper, talks)
    upper.set_xlabel("")
    fig.suptitle(f"{base.title}: the scenario as written", x=0.02, ha="left", fontsize=14)
    draw_pair_rows(lower, rows)
    lower.set_title("each pair with its own numbers: its zone, its nash outcome and its deal",
                    loc="left", fontsize=12)  # fmt: skip
    lower.set_xlabel(talks.space.label)
    handles, labels = legend_handles()
    star: Any = lower.plot([], [], ls="none", marker="*", ms=15, color=nkp.NASH_COLOR)[0]
    band: Any = lower.fill_between([], [], color=nkp.ZONE_COLOR)
    entries: list[Any] = [band, star, *handles]
    lower.legend(
        entries,
        ["this pair's zone", "this pair's nash outcome", *labels],
        loc="upper left", bbox_to_anchor=(0.0, -0.32), ncols=2, fontsize=11, frameon=False,
    )  # fmt: skip
    return fig


def _uncertain_figure(base: nk.Scenario, rows: list[PairRow]) -> Figure:
    """One issue with uncertain reservations: the pairs' rows only (the issue line's
    win-sets have no sharp edges here), each deal with the chance that both ratify it."""
    talks = base.negotiation
    assert isinstance(talks.space, nk.Line)
    fig = nkp.new_figure(9.5, 2.4 + 0.42 * len(rows) + 1.4)
    ax = fig.add_subplot()
    draw_pair_rows(ax, rows)
    ax.set_xlim(talks.space.low, talks.space.high)
    ax.set_title(f"{base.title}: each pair with its own numbers", loc="left", fontsize=14)
    ax.set_xlabel(talks.space.label)
    handles, labels = legend_handles(uncertain=True)
    star: Any = ax.plot([], [], ls="none", marker="*", ms=15, color=nkp.NASH_COLOR)[0]
    band: Any = ax.fill_between([], [], color=nkp.ZONE_COLOR)
    ax.legend(
        [band, star, *handles],
        ["where this pair's deal may be ratified", "this pair's nash outcome", *labels],
        loc="upper left", bbox_to_anchor=(0.0, -0.25), ncols=2, fontsize=11, frameon=False,
    )  # fmt: skip
    return fig


def _plane_figure(base: nk.Scenario, verdicts: dict[int, Verdict]) -> Figure:
    talks = base.negotiation
    fig = nkp.new_figure(9.5, 6.8)
    ax = fig.add_subplot()
    nkp.draw_issue_plane(ax, talks)
    ax.set_title(f"{base.title}: sets as written; each deal judged with its pair's numbers",
                 loc="left", fontsize=12)  # fmt: skip
    deals = [
        Deal(str(pair), (float(v.deal[0]), float(v.deal[1])), v.stands)
        for pair, v in sorted(verdicts.items())
        if v.deal is not None
    ]
    draw_deals(ax, deals)
    handles, labels = legend_handles()
    fig.legend(handles, labels, loc="lower center", ncols=2, fontsize=11, frameon=False)
    return fig
