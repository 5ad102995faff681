"""negotiation_kit: learn how domestic politics shapes international bargaining.

The model lives in ``negotiation_kit.model`` and is re-exported here; plotting and widgets
live in their own subpackages and are imported only when a lesson asks for them.

>>> import negotiation_kit as nk
>>> a = nk.Nation("Atlantica", [nk.Faction("Atlantica", nk.Linear(1, 0.2))])
>>> b = nk.Nation("Borealia", [nk.Faction("Borealia", nk.Linear(-1, 0.8))])
>>> nk.Negotiation(a, b, nk.Line()).outcome().agreement
0.5
"""

# The model's public names, listed once (model.__all__) and re-exported as they are.
from .model import *  # noqa: F403
from .model import __all__  # noqa: F401

__version__ = "0.1.0"
