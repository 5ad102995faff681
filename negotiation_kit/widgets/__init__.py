"""Explorers: slider-driven figures for the lessons (ipywidgets + matplotlib, no pyplot).

Import it on its own: ``import negotiation_kit.widgets as nkw`` (``import negotiation_kit``
never loads ipywidgets). Each explorer is built with no arguments and displays itself as
the last expression of a cell; ``explorer.set(...)``, ``explorer.describe()`` and
``explorer.negotiation`` let the next cell continue from what the student chose.

Examples
--------
>>> from negotiation_kit.widgets import BargainExplorer
>>> explorer = BargainExplorer()
>>> sorted(explorer.controls)
['a_reservation', 'b_reservation', 'solution']
>>> explorer.set(b_reservation=0.6)
>>> explorer.negotiation.zone().intervals
[(0.2, 0.6)]
"""

from ._base import Explorer as Explorer  # the base class, for new explorers
from .bargain import BargainExplorer
from .configurations import ConfigurationExplorer
from .rules import RulesExplorer
from .scenario import ScenarioExplorer
from .side_payments import SidePaymentsExplorer
from .spatial_rules import SpatialRulesExplorer
from .strategy import StrategyExplorer
from .tied_hands import TiedHandsExplorer
from .two_issues import TwoIssueExplorer
from .uncertainty import UncertaintyExplorer
from .win_sets import WinSetExplorer

__all__ = [
    "BargainExplorer",
    "ConfigurationExplorer",
    "RulesExplorer",
    "ScenarioExplorer",
    "SidePaymentsExplorer",
    "SpatialRulesExplorer",
    "StrategyExplorer",
    "TiedHandsExplorer",
    "TwoIssueExplorer",
    "UncertaintyExplorer",
    "WinSetExplorer",
]
