"""The unitary benchmark and ``Δ`` in words, shared by the explorers of lessons 4 and 5.

``Δ_A = N_A(outcome) - N_A(outcome with A unitary)`` (``nk.Negotiation.desirability``, against
``nk.Negotiation.benchmark``): division is desirable for Atlantica when ``Δ > 0`` (in the
spirit of Mayer 1992).
"""

from __future__ import annotations

from . import _words


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
