"""Short notes written above the faction rows of an issue line ("weight 0.40", "no veto").

``draw_issue_line`` names each row after its faction; an explorer that wants to say more
about a faction (its political weight, whether it holds a veto) writes it here instead of
renaming the faction, since a new row name means a new layout of the whole figure.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes

from ..plotting import palette


class RowNotes:
    """A note at the right end of each named row, ``lift`` above its centre (faction bars
    are 0.3 rows high, win-sets 0.48); ``texts`` are the notes (row name -> Text), also
    its ``artists``, and ``update(notes)`` rewrites them (row name -> words).

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> from negotiation_kit.plotting import draw_issue_line, new_figure
    >>> a = nk.Nation("A", [nk.Faction("dove", nk.Linear(0.5, -0.2)),
    ...                     nk.Faction("hawk", nk.Linear(0.5, 0.6))])
    >>> b = nk.Nation("B", [nk.Faction("b", nk.Linear(-1, 0.8))])
    >>> fig = new_figure(8, 4)
    >>> line = draw_issue_line(fig.add_subplot(), nk.Negotiation(a, b, nk.Line()))
    >>> notes = RowNotes(line.ax, {"hawk": "veto"})
    >>> notes.texts["hawk"].get_text()
    'veto'
    """

    def __init__(self, ax: Axes, notes: Mapping[str, str], lift: float = 0.2) -> None:
        labels = [t.get_text() for t in ax.get_yticklabels()]
        rows = dict(zip(labels, ax.get_yticks(), strict=True))
        right = ax.get_xlim()[1] - 0.01 * float(np.diff(ax.get_xlim())[0])
        with palette.style():
            self.texts = {
                name: ax.text(right, float(rows[name]) + lift, "", ha="right", va="bottom",
                              fontsize=11, color=palette.dark(0), zorder=5)
                for name in notes
            }  # fmt: skip
        self.artists: list[Artist] = list(self.texts.values())
        self.update(notes)

    def update(self, notes: Mapping[str, str]) -> None:
        """Rewrite the notes."""
        for name, note in notes.items():
            if self.texts[name].get_text() != note:
                self.texts[name].set_text(note)
