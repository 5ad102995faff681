"""negotiation_kit: learn how domestic politics shapes international bargaining.

The model lives in ``negotiation_kit.model`` and is re-exported here; plotting and widgets
live in their own subpackages and are imported only when a lesson asks for them.

>>> import negotiation_kit as nk
>>> a = nk.Nation("Atlantica", [nk.Faction("Atlantica", nk.Linear(1, 0.2))])
>>> b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
>>> nk.Negotiation(a, b, nk.Line()).outcome().agreement
0.5
"""

from .model import (
    Additive,
    Comparison,
    Faction,
    Leader,
    Line,
    Linear,
    LineWinSet,
    Majority,
    Nation,
    NationalWelfare,
    Negotiation,
    Outcome,
    Plane,
    PlaneWinSet,
    Privacy,
    Quota,
    Scenario,
    SidePayments,
    Spatial,
    Unanimity,
    Uniform,
    compare,
    load_scenario,
    save_scenario,
    scenario_text,
)

__version__ = "0.1.0"

__all__ = [
    "Additive",
    "Comparison",
    "Faction",
    "Leader",
    "Line",
    "LineWinSet",
    "Linear",
    "Majority",
    "Nation",
    "NationalWelfare",
    "Negotiation",
    "Outcome",
    "Plane",
    "PlaneWinSet",
    "Privacy",
    "Quota",
    "Scenario",
    "SidePayments",
    "Spatial",
    "Unanimity",
    "Uniform",
    "compare",
    "load_scenario",
    "save_scenario",
    "scenario_text",
]
