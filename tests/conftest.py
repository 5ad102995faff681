"""Shared fixtures: the scenarios of docs/model.md §5 (B unitary, A with W_A(x) = x - 0.2)."""

from __future__ import annotations

import hypothesis
import pytest
from builders import nation

import negotiation_kit as nk

hypothesis.settings.register_profile("ci", deadline=None, print_blob=True)
hypothesis.settings.load_profile("ci")


@pytest.fixture
def line() -> nk.Line:
    return nk.Line()


@pytest.fixture
def borealia() -> nk.Nation:
    """Nation B of the worked examples: unitary, accepts x <= 0.8, W_B = 0.8 - x."""
    return nation("Borealia", ("Borealia", nk.Linear(-1, 0.8)))
