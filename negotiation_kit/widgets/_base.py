"""The explorer: controls on the left, a figure with a live description on the right.

Every explorer of the kit subclasses ``Explorer`` and only says what is specific to it: its
controls, how control values become a ``Negotiation``, how its figure is drawn and updated,
and how to describe it in words. The base class does the wiring that every explorer shares
(style.md, principle 11):

- the figure is built **once**, without pyplot, and shown as PNG bytes in an
  ``ipywidgets.Image`` (works with the default inline backend in JupyterLab, Voila and Colab;
  no ipympl needed);
- a change of any control reads all controls, builds the negotiation, updates the plotting
  views' artists in place, renders a frame and updates the description under the figure;
- an error in that chain never escapes into a log: it is shown as a sentence in the
  explorer, the last good figure stays, and the exception is kept in ``last_error``;
- ``set(**values)`` checks values before applying them (ipywidgets would clip silently),
  ``reset()`` goes back to the start, ``presets`` names scenarios worth seeing;
- frames are composed by ``FrameRenderer`` (only the views' artists are redrawn, PNG
  encoding is lean), and work too slow for every frame of a drag can be deferred with
  ``_later`` until the controls rest, showing a preview meanwhile.
- one change is handled at a time (``TURN``), whichever thread it arrives on.

A new explorer subclasses ``Explorer``, is listed in ``negotiation_kit.widgets.__all__``,
and from then on ``tests/test_widgets.py`` and ``benchmarks/bench_explorers.py`` cover it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, ParamSpec, TypeVar

import ipywidgets as widgets  # type: ignore[import-untyped]
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from ..model import Negotiation
from ..plotting import fit_to_layout, new_figure
from . import _controls, _layout, _words
from ._render import FrameRenderer, flatten

PAUSE = 0.12
"""Seconds the controls must rest before deferred work (``_later``) runs.

Each control change cancels the pending work and starts the wait again, so the exact
redraw runs only once no update has arrived for ``PAUSE``. While a slider is dragged
(``continuous_update``), ipywidgets sends the next value as soon as the kernel has answered
the last one (it keeps one message in flight): the gap is a preview frame plus the round
trip. ``PAUSE`` is longer than that gap, so a steady drag sends previews only and no exact
redraw queues up behind it; and short enough that a held key settles (this pause, one exact
frame and its trip to the browser) within the target of ``benchmarks/bench_browser.py``,
which measures both.
"""

TURN = threading.RLock()
"""Held while an explorer handles a change: one change at a time in the whole kernel.

ipykernel 7 handles widget messages on a subshell thread as well as on the main thread, so
in JupyterLab two changes can arrive at the same moment (a Reset click on one thread, a
slider echoing its value on the other). Drawn at once into one canvas, two frames left the
renderer's saved layers holding parts of each other, and every later frame showed that
stale picture. Matplotlib is not thread-safe either, so the lock is shared by all
explorers; it is re-entrant because a change sets controls whose observers take it again.
"""

P = ParamSpec("P")
R = TypeVar("R")


def in_turn(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` run while holding ``TURN`` (it waits for a change under way to finish)."""

    @functools.wraps(function)
    def taking_turns(*args: P.args, **kwargs: P.kwargs) -> R:
        with TURN:
            return function(*args, **kwargs)

    return taking_turns


@dataclass(frozen=True)
class _Pending:
    """Work waiting for the controls to rest: its event loop, its timer and its ticket."""

    loop: asyncio.AbstractEventLoop
    handle: asyncio.TimerHandle
    ticket: object


class Explorer:
    """Base class of every explorer: subclasses fill in five methods, the rest is shared.

    A subclass defines ``_make_controls`` (name -> control, at its starting value),
    ``_scenario`` (control values -> ``nk.Negotiation``), ``_draw`` (make the Axes and the
    plotting views once and return them as a dataclass whose fields name them, without
    storing anything), ``_update`` (update ``self._views`` for a new negotiation) and
    ``_describe`` (the negotiation in a sentence or two), plus the class attributes
    ``PRESETS``, ``FIGURE_SIZE`` and ``ISSUES``. The last three receive the control values
    the negotiation was built from. Every field of the views is a plotting view (it has
    ``artists``, the artists that change between frames) or None.

    Attributes
    ----------
    controls : dict
        Control name -> ipywidgets control. Setting ``control.value`` updates the figure.
    figure : matplotlib.figure.Figure
        The figure, built once and updated in place.
    negotiation : nk.Negotiation
        The scenario the figure shows: the last one that could be drawn.
    presets : dict
        Scenario name -> control values; the "scenario" menu applies them.
    last_error : Exception or None
        The error of the last update, if it failed (it is also shown in the explorer).
    widget : ipywidgets.Box
        The box a notebook displays.
    """

    _views: Any
    """What ``_draw`` returned: a dataclass of the views, read by name (``self._views.line``)."""
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {}
    FIGURE_SIZE: ClassVar[tuple[float, float]] = (6.0, 3.2)
    """Inches at 100 dpi. At most about 7 wide: in a laptop's JupyterLab window (900 pixels,
    the file browser open) a notebook cell is 464 pixels wide, and the figure's smallest text
    (12 points, 16.7 pixels in the PNG) must still show at 9 pixels or more (issue 18)."""
    ISSUES: ClassVar[int] = 1
    """How many issues it shows: the frame budget is 17 ms on one issue, 33 ms on two."""
    RELAYOUT: ClassVar[bool] = True
    """Whether new words in the margins (axis labels, tick labels, legends) lay the figure
    out again; False when the first layout serves every state (its widest labels are there
    from the start) and a new layout would move the Axes under a student's eyes."""

    def __init__(self) -> None:
        self._pending: _Pending | None = None
        self._dragging = False
        self.controls: dict[str, Any] = self._make_controls()
        self._start = self.values()
        self.presets: dict[str, dict[str, Any]] = {
            name: self._checked(values, f"preset {name!r}") for name, values in self.PRESETS.items()
        }
        self.last_error: Exception | None = None
        self.negotiation: Negotiation = self._scenario(self._start)
        self.figure: Figure = new_figure(*self.FIGURE_SIZE)
        # before _draw: a layout that _draw computes (to place a label in pixels) is kept
        self._renderer = FrameRenderer(self.figure, self._changing_artists, self.RELAYOUT)
        self._views = _named(self._draw(self.figure, self.negotiation, self._start))
        if fit_to_layout(self.figure):  # legends' columns etc., for the laid-out Axes
            reset = getattr(self.figure.get_layout_engine(), "reset", None)
            if reset is not None:  # a layout that _draw computed is out of date
                reset()
            self._update(self.negotiation, self._start)  # what it placed in pixels, again
        self._description = self._describe(self.negotiation, self._start)
        self._quiet = False
        self.widget = self._layout(self._renderer.render())
        for control in self.controls.values():
            control.observe(in_turn(self._on_control), names="value")
        self._sync_menu()

    # -- what subclasses provide ------------------------------------------------------------

    def _make_controls(self) -> dict[str, Any]:
        raise NotImplementedError

    def _scenario(self, values: Mapping[str, Any]) -> Negotiation:
        raise NotImplementedError

    def _draw(self, figure: Figure, negotiation: Negotiation, values: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def _update(self, negotiation: Negotiation, values: Mapping[str, Any]) -> None:
        raise NotImplementedError

    def _describe(self, negotiation: Negotiation, values: Mapping[str, Any]) -> str:
        raise NotImplementedError

    # -- the public face --------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def describe(self) -> str:
        """What the figure shows, in a sentence or two of plain text."""
        return self._description

    @in_turn
    def set(self, **values: Any) -> None:
        """Set several controls at once and update the figure once.

        Unknown names, values of the wrong type and values outside a control's range raise
        before anything changes. If the new scenario cannot be computed, the controls go back
        to where they were and the error is raised.
        """
        checked = self._checked(values, "set()")
        before = self.values()
        self._apply(checked)
        if self.last_error is not None:
            error = self.last_error
            self._apply(before)
            raise error

    @in_turn
    def reset(self) -> None:
        """Go back to the starting state."""
        self._apply(self._start)

    @in_turn
    def apply_preset(self, name: str) -> None:
        """Apply the named scenario from ``presets``."""
        if name not in self.presets:
            raise ValueError(f"name must be one of {sorted(self.presets)}, got {name!r}")
        self._apply(self.presets[name])

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.describe()}>"

    # -- wiring -----------------------------------------------------------------------------

    def _checked(self, values: Mapping[str, Any], where: str) -> dict[str, Any]:
        return _controls.checked(self.controls, values, where)

    def _apply(self, values: Mapping[str, Any]) -> None:
        self._quiet = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._quiet = False
        self._refresh()

    def _on_control(self, change: Any) -> None:
        if self._quiet:
            return
        self._dragging = True  # a control moved in the browser (not set() or a preset)
        try:
            self._refresh()
        finally:
            self._dragging = False

    def _refresh(self) -> bool:
        """Read the controls, rebuild the scenario and redraw; show any error instead."""
        try:
            values = self.values()
            negotiation = self._scenario(values)
            self._update(negotiation, values)
            description = self._describe(negotiation, values)  # may read what the views hold
            png = self._renderer.render()
        except Exception as error:  # shown in the explorer, kept for tests
            self._show_error(error)
            return False
        self.negotiation, self._description, self.last_error = negotiation, description, None
        _layout.show(self._image, png, description)
        self._text.value = _layout.status(description, self._width)
        self._error.value = ""
        self._sync_menu()
        return True

    def _refresh_once_rested(self) -> bool:
        """During a drag in the browser, schedule a full frame for when the controls rest
        (``_later``) and return True: the frame now may be a quick preview. Otherwise (``set()``,
        presets, scripts) return False: do all the work now."""
        return self._dragging and self._later(self._refresh)

    def _later(self, callback: Callable[[], object]) -> bool:
        """Run ``callback`` once the controls have rested for ``PAUSE`` seconds.

        For work too slow for every frame of a drag (a subclass shows a quick preview
        meanwhile). Inside a running event loop (a Jupyter kernel) the callback replaces
        any pending one and True is returned; elsewhere (scripts, tests) nothing is
        scheduled and False says: do the work now.
        """
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        self._cancel_pending()
        ticket = object()
        handle = loop.call_later(PAUSE, self._run_later, callback, ticket)
        self._pending = _Pending(loop, handle, ticket)
        return True

    def _cancel_pending(self) -> None:
        """Cancel the pending callback, on its own event loop (a kernel may run several)."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        try:
            same = asyncio.get_running_loop() is pending.loop
        except RuntimeError:
            same = False
        if same:
            pending.handle.cancel()
        elif not pending.loop.is_closed():
            pending.loop.call_soon_threadsafe(pending.handle.cancel)

    @in_turn
    def _run_later(self, callback: Callable[[], object], ticket: object) -> None:
        if self._pending is None or self._pending.ticket is not ticket:
            return  # replaced by later work whose cancel arrived too late (another thread)
        self._pending = None
        try:
            callback()
        except Exception as error:  # shown like any callback error
            self._show_error(error)

    def _show_error(self, error: Exception) -> None:
        self.last_error = error
        self._error.value = _layout.alert(self._explain(error), self._width)

    def _explain(self, error: Exception) -> str:
        """An error as sentences a student can act on (subclasses may say more)."""
        return _words.explain(error)

    def _changing_artists(self) -> list[Artist]:
        views = [getattr(self._views, field.name) for field in dataclasses.fields(self._views)]
        return flatten([view.artists for view in views if view is not None])

    def _layout(self, png: bytes) -> Any:
        self._width = int(self.figure.bbox.width)
        self._image = _layout.figure(png, self._description)
        self._text = widgets.HTML(_layout.status(self._description, self._width))
        self._error = widgets.HTML("")
        self._menu = _layout.preset_menu(self.presets)
        self._menu.observe(in_turn(self._on_menu), names="value")
        self._reset_button = widgets.Button(description="Reset", icon="undo", tooltip="Go back")
        self._reset_button.on_click(lambda _: self.reset())
        return _layout.arrange(
            [*self.controls.values(), self._menu],
            [self._reset_button],
            [self._image, self._error, self._text],
            self._width,
        )

    def _on_menu(self, change: Any) -> None:
        if change["new"] and not self._quiet:
            self.apply_preset(change["new"])

    def _sync_menu(self) -> None:
        """Show the preset the controls match, or the placeholder after a manual change."""
        now = self.values()
        shown = next((n for n, v in self.presets.items() if _controls.same(v, now)), "")
        if self._menu.value != shown:
            self._quiet = True
            try:
                self._menu.value = shown
            finally:
                self._quiet = False


def _named(views: Any) -> Any:
    """``views`` if it is a dataclass instance whose fields name the views, else a TypeError."""
    if not dataclasses.is_dataclass(views) or isinstance(views, type):
        raise TypeError(
            "_draw must return a dataclass instance whose fields are the views by name "
            f"(e.g. Views(line=..., statics=...)), got {type(views).__name__}"
        )
    return views
