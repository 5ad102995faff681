"""Small builders the tests share (a module of its own: ``conftest`` is not importable by
name, since the root, ``tests/`` and ``tests/browser/`` each have a ``conftest.py``)."""

from __future__ import annotations

import negotiation_kit as nk
import negotiation_kit.site


def nation(name: str, *factions: tuple[str, object], **options: object) -> nk.Nation:
    """A nation from (faction name, gain) pairs."""
    return nk.Nation(name, [nk.Faction(n, g) for n, g in factions], **options)  # type: ignore[arg-type]


SITE_LINKS = nk.site.Links(repo="ada-lovelace/two-level-games", hub="hub.example.edu")
"""The launch links of the site the tests build (``built_site`` in ``tests/conftest.py``)."""
