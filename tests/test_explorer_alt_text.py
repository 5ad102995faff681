"""Every explorer's figure carries its description as its text alternative.

The figure is an ``ipywidgets.Image``; its ``tooltip`` becomes the image's ``title``, which
screen readers and the accessibility audit take as its text alternative. It must say what
``describe()`` says, at the start and after every change.
"""

from __future__ import annotations

import ipywidgets as widgets
import pytest

import negotiation_kit.widgets as nkw

EXPLORERS = [getattr(nkw, name) for name in nkw.__all__]


@pytest.mark.parametrize("kind", EXPLORERS, ids=lambda kind: kind.__name__)
def test_the_figure_says_what_describe_says(kind: type[nkw.Explorer]) -> None:
    explorer = kind()
    assert explorer._image.tooltip == explorer.describe()
    name, control = next(
        (name, control)
        for name, control in explorer.controls.items()
        if isinstance(control, widgets.FloatSlider)
    )
    explorer.set(**{name: control.min})
    assert explorer._image.tooltip == explorer.describe()
    explorer.reset()
    assert explorer._image.tooltip == explorer.describe()
