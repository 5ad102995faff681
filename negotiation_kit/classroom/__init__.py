r"""The classroom: role cards for a negotiation exercise and a debrief of the class's deals.

Run from a terminal (``docs/classroom.md`` tells how to run a 50-minute session)::

    python -m negotiation_kit.classroom cards scenarios/classroom_tied_hands.toml \
        --pairs 12 --out cards --vary 0.05
    python -m negotiation_kit.classroom debrief scenarios/classroom_tied_hands.toml \
        results.csv --pairs cards --out debrief

This is the top layer of the kit: it uses the model (``negotiation_kit``) and, for the
debrief figure, ``negotiation_kit.plotting``.
"""

from .cards import card_document, write_cards
from .debrief import Verdict, judge
from .pairs import vary
from .results import read_results

__all__ = ["Verdict", "card_document", "judge", "read_results", "vary", "write_cards"]
