"""The model of two-level negotiation: numpy only, no plotting, no widgets."""

from .bargaining import Negotiation, Outcome
from .compare import Comparison, compare
from .factions import Faction
from .gains import Additive, Linear, Spatial
from .nations import Nation
from .rules import Leader, Majority, NationalWelfare, Quota, Unanimity
from .scenario import Privacy, Scenario, save_scenario, scenario_text
from .scenario_load import load_scenario
from .side_payments import SidePayments
from .spaces import Line, Plane
from .uncertainty import Uniform
from .winsets import LineWinSet, PlaneWinSet

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
