"""How an explorer looks: a column of controls beside the figure, text under the figure.

The figure is an ``ipywidgets.Image`` (PNG bytes), so it needs no matplotlib backend in the
browser: it works the same in JupyterLab, Voila and Colab. Its text alternative is the
explorer's description, kept in step with every frame (``figure``, ``show``). Under it come
an error area (``role="alert"``, empty while all is well) and the live description
(``role="status"``, so screen readers announce changes). On a narrow screen the figure moves
below the controls and shrinks to fit.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets  # type: ignore[import-untyped]
import traitlets

from . import _controls

NO_PRESET = "choose a scenario…"
_STATUS = '<div role="status" aria-live="polite" style="max-width:{w}px;line-height:1.4">{t}</div>'
ALERT_COLOUR = "var(--jp-error-color1, #A40000)"
"""The error message's colour: JupyterLab's error red, which each of its themes sets to a shade
that reads on its own background (a fixed dark red read at 2.3:1 on the dark theme's); the
fallback is for pages without the variable (Colab, Voila's own page)."""
_ALERT = (
    f'<div role="alert" style="color:{ALERT_COLOUR};max-width:{{w}}px;font-weight:bold">'
    "⚠ {t}</div>"
)


def status(text: str, width: int) -> str:
    """The description under the figure, as HTML.

    >>> status("zone [0.20, 0.80] & more", 600).endswith(">zone [0.20, 0.80] &amp; more</div>")
    True
    """
    return _STATUS.format(w=width, t=html.escape(text, quote=False))


def alert(text: str, width: int) -> str:
    """An error message for the error area, as HTML."""
    return _ALERT.format(w=width, t=html.escape(text, quote=False))


class Figure(widgets.Image):  # type: ignore[misc]
    """An ``ipywidgets.Image`` whose ``tooltip`` is its text alternative (the ``<img>``'s title).

    ipywidgets gives an image no ``alt``; its ``tooltip`` becomes the element's ``title``,
    which browsers and screen readers take as the image's accessible name. The widget
    manager that Voila 0.5 bundles (``@jupyter-widgets/base`` 6.0.10) sets that title only
    when ``description`` is empty, and reads ``description.length`` of a widget that has
    none: an ``Image`` with a tooltip raised there and Voila showed "Could not create a view".
    This synced, always empty ``description`` gives it one, so the same code works in
    JupyterLab and in Voila.
    """

    description = traitlets.Unicode("").tag(sync=True)


def figure(png: bytes, text: str) -> Figure:
    """The explorer's figure: ``png`` shown at most as wide as its column, ``text`` its alt.

    >>> shown = figure(b"PNG", "zone [0.20, 0.80]")
    >>> shown.tooltip, shown.description, shown.format
    ('zone [0.20, 0.80]', '', 'png')
    """
    return Figure(
        value=png,
        format="png",
        tooltip=text,
        layout=widgets.Layout(max_width="100%", height="auto"),
    )


def show(shown: Figure, png: bytes, text: str) -> None:
    """A new frame and its text alternative, sent to the browser in one message."""
    with shown.hold_sync():
        shown.value = png
        shown.tooltip = text


def preset_menu(names: Iterable[str]) -> Any:
    """A dropdown of named scenarios; its value is a name, or "" for none."""
    options = [(NO_PRESET, ""), *((name, name) for name in names)]
    return widgets.Dropdown(options=options, value="", description="scenario")


def arrange(controls: list[Any], buttons: list[Any], figure: list[Any], width: int) -> Any:
    """Controls (each under its description) in a column, beside the figure's column.

    ``width`` is the figure's width in pixels: its column never grows beyond it.
    """
    column = widgets.VBox(
        [*(_controls.labelled(c) for c in controls), *buttons],
        layout=widgets.Layout(flex="0 0 auto", width=_controls.COLUMN_WIDTH, margin="0 1em 0 0"),
    )
    shown = widgets.VBox(
        figure, layout=widgets.Layout(flex="1 1 0%", min_width="24em", max_width=f"{width}px")
    )
    return widgets.HBox(
        [column, shown], layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start")
    )
