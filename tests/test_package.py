"""The package as a newcomer meets it: a small public API, light to import."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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


ROOT = Path(__file__).resolve().parent.parent
MODEL_DOC = ROOT / "docs" / "model.md"


def test_every_reference_to_the_model_page_resolves() -> None:
    """A contributor who follows "docs/model.md §3" or "E2" finds that section or example."""
    page = MODEL_DOC.read_text(encoding="utf-8")
    sections = set(re.findall(r"^## (\d+)\.", page, flags=re.MULTILINE))
    examples = set(re.findall(r"\*\*([EU]\d)\b", page))
    assert {"1", "2", "3", "4", "5", "6", "7", "8"} <= sections
    assert examples == {"E1", "E2", "E3", "E4", "E5", "E6", "U1", "U2"}
    files = [*ROOT.glob("negotiation_kit/**/*.py"), *ROOT.glob("tests/**/*.py")]
    files += [*ROOT.glob("benchmarks/*.py"), ROOT / "README.md"]
    cited = 0
    for path in [f for f in files if f != Path(__file__).resolve()]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<![/\w])model\.md", text), f"{path}: cite docs/model.md"
        for reference in re.findall(r"docs/model\.md[^\n]{0,40}", text):
            cited += 1
            for section in re.findall(r"§(\d+)", reference):
                assert section in sections, f"{path}: {reference!r} names no section"
            for example in re.findall(r"\b[EU]\d\b", reference):
                assert example in examples, f"{path}: {reference!r} names no example"
    assert cited > 20
    assert "(docs/model.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
