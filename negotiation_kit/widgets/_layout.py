"""How an explorer looks: a column of controls beside the figure, text under the figure.

The figure is an ``ipywidgets.Image`` (PNG bytes), so it needs no matplotlib backend in the
browser: it works the same in JupyterLab, Voila and Colab. Under it come an error area
(``role="alert"``, empty while all is well) and the live description (``role="status"``,
so screen readers announce changes). On a narrow screen the figure moves below the controls
and shrinks to fit.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets  # type: ignore[import-untyped]

from . import _controls

NO_PRESET = "choose a scenario…"
_STATUS = '<div role="status" aria-live="polite" style="max-width:{w}px;line-height:1.4">{t}</div>'
_ALERT = '<div role="alert" style="color:#A40000;max-width:{w}px;font-weight:bold">⚠ {t}</div>'


def status(text: str, width: int) -> str:
    """The description under the figure, as HTML.

    >>> status("zone [0.20, 0.80] & more", 600).endswith(">zone [0.20, 0.80] &amp; more</div>")
    True
    """
    return _STATUS.format(w=width, t=html.escape(text, quote=False))


def alert(text: str, width: int) -> str:
    """An error message for the error area, as HTML."""
    return _ALERT.format(w=width, t=html.escape(text, quote=False))


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
