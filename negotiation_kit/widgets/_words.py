"""Plain-text pieces that explorers' ``describe()`` sentences are made of.

Numbers are rounded to two decimals, the precision a slider shows; sets are written as
intervals (``[0.60, 0.80]``), and an empty set says so.
"""

from __future__ import annotations

from ..model import Negotiation
from ..plotting import CLOSE, number, signed

__all__ = ["CLOSE", "explain", "intervals", "number", "outcome", "signed"]


def intervals(spans: list[tuple[float, float]]) -> str:
    """A union of intervals in words.

    >>> intervals([(0.2, 0.8)]), intervals([]), intervals([(0, 0.1), (0.5, 1)])
    ('[0.20, 0.80]', 'empty', '[0.00, 0.10] and [0.50, 1.00]')
    """
    if not spans:
        return "empty"
    return " and ".join(f"[{number(lo)}, {number(hi)}]" for lo, hi in spans)


def outcome(negotiation: Negotiation) -> str:
    """The outcome and both nations' net welfare, as a sentence.

    >>> import negotiation_kit as nk
    >>> a = nk.Nation("Atlantica", [nk.Faction("Atlantica", nk.Linear(1, 0.2))])
    >>> b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
    >>> outcome(nk.Negotiation(a, b, nk.Line()))
    'Nash bargaining settles at 0.50: net welfare Atlantica 0.30, Borealia 0.30.'
    """
    result = negotiation.outcome()
    if result.agreement is None:
        return f"There is no agreement ({result.reason}): both nations get 0."
    how = "Nash bargaining" if negotiation.solution == "nash" else "Splitting the difference"
    where = result.agreement
    place = (
        number(where) if isinstance(where, float) else f"({number(where[0])}, {number(where[1])})"
    )
    welfare = ", ".join(f"{name} {number(value)}" for name, value in result.welfare.items())
    return f"{how} settles at {place}: net welfare {welfare}."


def explain(error: Exception) -> str:
    """A callback's error as sentences a student can act on, never a traceback.

    >>> explain(ValueError("stake must be a non-zero finite number, got 0"))[:60]
    'These settings do not make a scenario the model can solve: s'
    """
    message = str(error).strip().rstrip(".") or type(error).__name__
    if isinstance(error, ValueError) and "split-the-difference" in message:
        text = (
            "Split-the-difference needs the zone of agreement to be one interval, but here it "
            "falls apart into several. Choose Nash, or move a slider to join the pieces."
        )
    elif isinstance(error, ValueError | TypeError):
        text = f"These settings do not make a scenario the model can solve: {message}."
    else:
        text = f"Something went wrong with these settings ({type(error).__name__}: {message})."
    return text[:400] + " The figure still shows the last settings that worked."
