"""The lessons as a static website and printable handouts: ``python -m negotiation_kit.site OUT``.

Each lesson in ``notebooks/`` is run top to bottom on a fresh kernel (nbclient) and written as
one HTML page by nbconvert, with its prose, equations, code and outputs. An explorer cannot
move on a static page, so its sliders give way to its starting figure, with its
``describe()`` text beneath as a caption and as the image's alternative text. Cells the lesson
hides (``metadata.jupyter.source_hidden``: the checks of the worked examples) show only their
outputs. Every page has launch links (Binder, Colab, a JupyterHub through nbgitpuller, as in the
README), and a print style sheet turns it into a clean handout: no navigation, no launch links,
figures and tables kept whole. The index is lesson 00's map of the lessons, and
``docs/references.md`` becomes ``references.html``. Solutions are never read.

The builder needs only the student install (nbconvert and nbclient come with JupyterLab).
"""

from __future__ import annotations

from .build import Links, Site, build

__all__ = ["Links", "Site", "build"]
