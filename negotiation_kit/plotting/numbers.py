"""Numbers as figures and sentences write them: two decimals, the precision a slider shows.

The explorers' ``describe()`` sentences (``negotiation_kit.widgets._words``) use the same
functions, so a number on a figure and the same number in the text under it always agree.
"""

from __future__ import annotations

CLOSE = 0.005
"""Differences smaller than this read as "no difference" at two decimals."""


def number(x: float) -> str:
    """``x`` with two decimals, never ``-0.00``.

    >>> number(0.3), number(-1e-12), number(2.0 / 3.0)
    ('0.30', '0.00', '0.67')
    """
    return f"{round(x, 2) + 0.0:.2f}"


def signed(x: float) -> str:
    """``x`` with two decimals and its sign.

    >>> signed(0.1), signed(-0.3), signed(1e-13)
    ('+0.10', '-0.30', '0.00')
    """
    text = number(x)
    return text if text == "0.00" or text.startswith("-") else "+" + text
