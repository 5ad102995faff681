"""The unitary benchmark and ``Δ`` in words, shared by the explorers of lessons 4 and 5.

``Δ_A = N_A(outcome) - N_A(outcome with A unitary)`` (``nk.Negotiation.desirability``):
division is desirable for Atlantica when ``Δ > 0`` (in the spirit of Mayer 1992).
"""

from __future__ import annotations

from .. import model as nk
from . import _words


class Benchmark:
    """Atlantica's net welfare if it bargained as one, kept for the last negotiation asked.

    Examples
    --------
    >>> import negotiation_kit as nk
    >>> a = nk.Nation("Atlantica", [nk.Faction("dove", nk.Linear(0.5, -0.2)),
    ...                             nk.Faction("hawk", nk.Linear(0.5, 0.6))])
    >>> b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
    >>> unitary = Benchmark()
    >>> talks = nk.Negotiation(a, b, nk.Line())
    >>> round(unitary(talks), 9), round(unitary.delta(talks), 9)
    (0.3, 0.1)
    """

    def __init__(self, nation: str = "Atlantica") -> None:
        self.nation = nation
        self._last: tuple[nk.Negotiation | None, float] = (None, 0.0)

    def __call__(self, negotiation: nk.Negotiation) -> float:
        """The unitary nation's net welfare against the same partner, same solution."""
        if self._last[0] is not negotiation:
            delta = negotiation.desirability(self.nation)
            self._last = (negotiation, self.welfare(negotiation) - delta)
        return self._last[1]

    def welfare(self, negotiation: nk.Negotiation) -> float:
        """The nation's net welfare at the outcome of ``negotiation``."""
        return negotiation.outcome().welfare[self.nation]

    def delta(self, negotiation: nk.Negotiation) -> float:
        """``Δ``: net welfare as divided minus as unitary."""
        return self.welfare(negotiation) - self(negotiation)


def delta_sentence(
    unitary: float, delta: float, *, helps: str, hurts: str, neutral: str, who: str = "Atlantica"
) -> str:
    """ "A unitary Atlantica would get 0.30, so Δ = +0.10: <verdict>."

    >>> delta_sentence(0.3, 0.1, helps="it helps", hurts="it hurts", neutral="no change")
    'A unitary Atlantica would get 0.30, so Δ = +0.10: it helps.'
    >>> delta_sentence(0.3, -0.001, helps="", hurts="", neutral="no change").split(": ")[-1]
    'no change.'
    """
    verdict = helps if delta > _words.CLOSE else hurts if delta < -_words.CLOSE else neutral
    return (
        f"A unitary {who} would get {_words.number(unitary)}, so "
        f"Δ = {_words.signed(delta)}: {verdict}."
    )
