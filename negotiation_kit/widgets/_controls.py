"""Controls for explorers: how they are made, and what values they accept.

ipywidgets clips an out-of-range slider value without a word and accepts a string where a
number belongs until something downstream fails. ``check`` refuses such values with a
message that names the control and what it allows, so ``explorer.set(...)`` in a notebook
cell fails loudly and clearly instead.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from numbers import Integral, Real
from typing import Any

import ipywidgets as widgets  # type: ignore[import-untyped]

COLUMN_WIDTH = "18em"
"""The width of an explorer's column of controls; the figure takes the rest of the row."""

RADIO_OPTION_LENGTH = 31
"""The most characters a radio option may have: "industry leads, greens can veto" just fits
beside its button in a COLUMN_WIDTH column in JupyterLab (tests/test_widgets.py checks)."""
LABEL = '<div style="white-space:normal;line-height:1.3">{}</div>'
"""A control's description above it: wrapped onto more lines when the column is too narrow."""

NAME_CONTROL = (
    "(function name(img, tries) {"
    " const box = img.closest('.widget-vbox');"
    " if (!box) { if (tries < 100) setTimeout(() => name(img, tries + 1), 100); return; }"
    " const shown = img.parentElement, label = shown.textContent.trim();"
    " const set = (element, key, value) => {"
    " if (value && element.getAttribute(key) !== value) { element.setAttribute(key, value); } };"
    " const apply = () => { const named = box.querySelectorAll('[role=slider], select');"
    " const readout = box.querySelector('.widget-readout');"
    " named.forEach(control => { set(control, 'aria-label', label);"
    " if (readout && control.matches('[role=slider]')) {"
    " set(control, 'aria-valuetext', readout.textContent.trim()); } });"
    " if (named.length) { [shown, ...box.querySelectorAll('.widget-label')].forEach("
    " text => set(text, 'aria-hidden', 'true')); } };"
    " apply(); new MutationObserver(apply).observe(box, {childList: true, subtree: true,"
    " characterData: true, attributes: true, attributeFilter: ['aria-valuetext']});"
    " })(this, 0)"
)
"""Names a control after its description, said once (run by its label's ``<img>``).

ipywidgets draws a slider with noUiSlider and never names its handle (the ``role="slider"``
element a screen reader lands on): the description is a ``<label>`` beside it that no
attribute ties to the handle, and the kit cannot set attributes from Python. The label
above a control (``labelled``) carries a hidden image whose source fails to load at once;
its ``onerror`` runs this: find the label's box, give every slider handle or menu in it the
description as ``aria-label``, and hide the description's text from screen readers (the
label the kit shows, and the one ipywidgets keeps zero pixels wide), which would otherwise
read it a second and a third time. A handle's value is read as its readout shows it
("0.67", where noUiSlider would say "0.6699999999999999"). It does all this again whenever
ipywidgets rebuilds the control (a new range re-creates the handle) or the value moves.
Where the script cannot run, the texts stay readable and nothing is lost. It needs no
extension, so it works in JupyterLab, Voila and Colab alike.
"""
NAMED_LABEL = (
    '<div style="white-space:normal;line-height:1.3">{}'
    '<img hidden alt="" src="data:," onerror="{}"></div>'
)
"""A slider's or a menu's label: the visible description, and the image that names it."""

SLIDERS = (widgets.FloatSlider, widgets.IntSlider)
CHOICES = (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons, widgets.Select)
SWITCHES = (widgets.Checkbox, widgets.ToggleButton)


def slider(description: str, value: float, low: float, high: float, step: float) -> Any:
    """A float slider that updates while it is dragged, with a readable description.

    Examples
    --------
    >>> s = slider("A's reservation", 0.2, 0.0, 1.0, 0.01)
    >>> s.value, s.min, s.max, s.continuous_update
    (0.2, 0.0, 1.0, True)
    """
    return widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=True,
        readout_format=".2f",
    )


def choice(description: str, options: dict[str, Any], value: Any) -> Any:
    """Toggle buttons choosing among ``options`` (label -> value).

    Examples
    --------
    >>> c = choice("solution", {"Nash": "nash", "split": "split"}, "nash")
    >>> c.value, c.options
    ('nash', (('Nash', 'nash'), ('split', 'split')))
    """
    return widgets.ToggleButtons(
        options=list(options.items()),
        value=value,
        description=description,
        style={"button_width": "auto"},
    )


def labelled(control: Any) -> Any:
    """``control`` under its description, filling a narrow column (its own label hidden).

    The description stays on the control (ipywidgets keeps it in a label zero pixels wide);
    it is shown once, above the control, so long descriptions need not be cut short. A
    slider or a menu is named after it, and screen readers say it once (``NAME_CONTROL``).

    The label wraps: a description longer than the column ("Atlantica's budget for paying
    its hawk") takes two lines instead of being cut off. Toggle buttons and radio buttons
    already show their description on its own line above their options (a radio's label
    is an inline element, which ignores ``description_width``), so they get no second label.

    >>> box = labelled(slider("Borealia's reservation", 0.8, 0.0, 1.0, 0.01))
    >>> label, control = box.children
    >>> label.value.startswith(LABEL.format("Borealia's reservation").removesuffix("</div>"))
    True
    >>> "aria-label" in label.value, control.layout.width
    (True, '95%')
    >>> radio = widgets.RadioButtons(options=["a", "b"], description="who holds a veto")
    >>> labelled(radio) is radio
    True
    """
    if isinstance(control, widgets.RadioButtons):
        # JupyterLab floats each radio button left of its option's words; when the words do
        # not fit beside it (one line, never wrapped) the button disappears, so a radio takes
        # the column's full width and its options are kept short (RADIO_OPTION_LENGTH).
        control.layout.width = "100%"
        return control
    control.layout.width = "95%"
    if isinstance(control, widgets.ToggleButtons):
        return control
    control.style.description_width = "0px"
    text = html.escape(control.description, quote=False)
    named = isinstance(control, (*SLIDERS, widgets.Dropdown))
    label = widgets.HTML(
        NAMED_LABEL.format(text, NAME_CONTROL) if named else LABEL.format(text),
        layout=widgets.Layout(margin="0.4em 0 0.2em 0"),
    )
    return widgets.VBox([label, control], layout=widgets.Layout(width="100%"))


def allowed(control: Any) -> str:
    """In words, the values a control accepts."""
    if isinstance(control, widgets.IntSlider):
        return f"a whole number from {control.min} to {control.max}"
    if isinstance(control, SLIDERS):
        return f"a number from {control.min:g} to {control.max:g}"
    if isinstance(control, CHOICES):
        return "one of " + ", ".join(repr(v) for v in _values(control))
    if isinstance(control, SWITCHES):
        return "True or False"
    return "a value this control accepts"


def checked(controls: Mapping[str, Any], values: Mapping[str, Any], where: str) -> dict[str, Any]:
    """``values`` after ``check``; an unknown name raises a ValueError listing the controls.

    >>> checked({"hawk": slider("hawk", 0.6, 0.0, 1.0, 0.01)}, {"dove": 0.1}, "set()")
    Traceback (most recent call last):
    ...
    ValueError: set() got an unknown control 'dove'; the controls are hawk
    """
    unknown = sorted(set(values) - set(controls))
    if unknown:
        raise ValueError(
            f"{where} got an unknown control {unknown[0]!r}; the controls are "
            + ", ".join(controls)
        )
    return {name: check(name, controls[name], value) for name, value in values.items()}


def check(name: str, control: Any, value: Any) -> Any:
    """``value`` if ``control`` accepts it, else a ``TypeError`` or ``ValueError``.

    Examples
    --------
    >>> s = slider("hawk's reservation", 0.6, 0.0, 1.0, 0.01)
    >>> check("hawk", s, 0.7)
    0.7
    >>> check("hawk", s, 1.5)
    Traceback (most recent call last):
    ...
    ValueError: hawk must be a number from 0 to 1, got 1.5
    """
    wanted = allowed(control)
    if isinstance(control, SLIDERS):
        whole = isinstance(control, widgets.IntSlider)
        kind = Integral if whole else Real
        if isinstance(value, bool) or not isinstance(value, kind):
            raise TypeError(f"{name} must be {wanted}, got {value!r}")
        if not (math.isfinite(value) and control.min <= value <= control.max):
            raise ValueError(f"{name} must be {wanted}, got {value!r}")
        number: Any = value  # a Real: numpy numbers become plain Python ones
        return int(number) if whole else float(number)
    if isinstance(control, CHOICES):
        if not any(value == v and type(value) is type(v) for v in _values(control)):
            raise ValueError(f"{name} must be {wanted}, got {value!r}")
        return value
    if isinstance(control, SWITCHES) and not isinstance(value, bool):
        raise TypeError(f"{name} must be {wanted}, got {value!r}")
    return value


def _values(control: Any) -> tuple[Any, ...]:
    return tuple(control._options_values)


def same(preset: Mapping[str, Any], now: Mapping[str, Any]) -> bool:
    """Whether the controls ``now`` hold every value of ``preset`` (floats to 1e-9).

    >>> same({"x": 0.3}, {"x": 0.1 + 0.2, "y": "nash"}), same({"y": "split"}, {"y": "nash"})
    (True, False)
    """
    for name, value in preset.items():
        current = now[name]
        if isinstance(value, float) and isinstance(current, float):
            if not math.isclose(value, current, abs_tol=1e-9):
                return False
        elif value != current:
            return False
    return True
