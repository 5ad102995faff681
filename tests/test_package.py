"""The package as a newcomer meets it: a small public API, light to import."""

from __future__ import annotations

import subprocess
import sys

import negotiation_kit as nk

MODEL_NOUNS = {
    "Line", "Plane", "Linear", "Additive", "Spatial", "Faction", "Unanimity", "Quota",
    "Majority", "Leader", "NationalWelfare", "SidePayments", "Nation", "Negotiation",
}  # fmt: skip


def test_every_noun_of_the_contract_is_public() -> None:
    assert set(nk.__all__) >= MODEL_NOUNS
    assert all(hasattr(nk, name) for name in nk.__all__)


def test_importing_the_kit_loads_neither_matplotlib_nor_ipywidgets() -> None:
    code = (
        "import sys, negotiation_kit\n"
        "heavy = sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules)\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
