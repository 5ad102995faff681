"""The contract every explorer keeps (issue 3), checked the way a browser drives it.

Every class in ``negotiation_kit.widgets.__all__`` is built and driven through
``control.value = ...`` (what a slider drag sends), and must: change its model object, its
``describe()`` text and its PNG frame as it should; draw a frame that matches a fresh, full
drawing of the same scenario; raise nothing and warn nothing; round-trip ``set``, ``reset``
and presets; show callback errors on screen; and keep one figure for its whole life.
A new explorer joins these tests by being listed in ``__all__``.
"""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from typing import Any

import ipywidgets as widgets  # type: ignore[import-untyped]
import numpy as np
import PIL.Image
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text

import negotiation_kit as nk
import negotiation_kit.widgets as nkw
from negotiation_kit.widgets import _controls
from negotiation_kit.widgets._base import PAUSE, Explorer
from negotiation_kit.widgets._render import FrameRenderer

EXPLORERS: list[type[Explorer]] = [getattr(nkw, name) for name in nkw.__all__]
PIXEL_TOLERANCE = 40
"""Largest difference (0-255) allowed in a channel between a frame and a full redraw."""
PIXELS_OFF = 100
"""Pixels allowed beyond that tolerance (antialiased edges blended in layers differ by at
most about 45 across every explorer, control extreme and preset); a stale label of 300
pixels must fail."""


# -- the harness ---------------------------------------------------------------------------


def check(explorer: Explorer) -> None:
    """Re-raise what a callback swallowed (ipywidgets only logs callback errors)."""
    if explorer.last_error is not None:
        raise explorer.last_error


def drive(explorer: Explorer, name: str, value: Any) -> None:
    """Move one control as the browser does, then surface any callback error."""
    explorer.controls[name].value = value
    check(explorer)


def settings(control: Any) -> list[Any]:
    """The values a test drives a control to: minimum, maximum and middle, or every option."""
    if isinstance(control, _controls.SLIDERS):
        middle = control.min + round((control.max - control.min) / control.step / 2) * control.step
        if isinstance(control, widgets.IntSlider):
            middle = int(middle)
        return [control.min, control.max, round(middle, 10)]
    if isinstance(control, _controls.CHOICES):
        return list(control._options_values)
    return [not control.value, control.value]


def other(control: Any) -> Any:
    """A setting of ``control`` other than its current value: moving a control to it always
    sends a change (a two-option control may start at its second option, a slider at its
    maximum)."""
    return next(value for value in settings(control) if value != control.value)


def out_of_range(control: Any) -> tuple[Any, str]:
    """A value past a slider's maximum of the slider's own type, and the words ``set``
    answers it with."""
    if isinstance(control, widgets.IntSlider):
        return control.max + 1, "a whole number from"
    return control.max + 1.0, "a number from"


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)


def reference_frame(explorer: Explorer) -> bytes:
    """The explorer's own figure drawn completely, every artist in z-order (no layers)."""
    return FrameRenderer(explorer.figure, list).render_full()


def assert_same_picture(frame: bytes, reference: bytes) -> None:
    got, want = pixels(frame), pixels(reference)
    assert got.shape == want.shape
    off = np.abs(got - want).max(axis=2) > PIXEL_TOLERANCE
    assert off.sum() <= PIXELS_OFF, f"{off.sum()} pixels differ from a full redraw"


@pytest.fixture(params=EXPLORERS, ids=lambda cls: cls.__name__)
def explorer(request: pytest.FixtureRequest) -> Iterator[Explorer]:
    built = request.param()
    check(built)
    yield built
    check(built)


# -- every explorer ------------------------------------------------------------------------


def test_every_explorer_is_listed_and_documented() -> None:
    assert EXPLORERS, "negotiation_kit.widgets.__all__ lists no explorer"
    for cls in EXPLORERS:
        assert issubclass(cls, Explorer) and cls is not Explorer
        assert cls.__doc__ and "Examples" in cls.__doc__
        assert cls.PRESETS, f"{cls.__name__} has no presets"


def test_starts_in_an_interesting_state(explorer: Explorer) -> None:
    assert isinstance(explorer.negotiation, nk.Negotiation)
    assert explorer.negotiation.outcome().agreement is not None
    text = explorer.describe()
    assert "zone of agreement" in text and "<" not in text and "Traceback" not in text
    assert explorer.describe() in explorer._text.value
    assert explorer._error.value == ""
    assert isinstance(explorer.figure, Figure)
    assert_same_picture(explorer._image.value, reference_frame(explorer))


def test_controls_are_labelled_and_live(explorer: Explorer) -> None:
    assert explorer.controls
    for name, control in explorer.controls.items():
        assert control.description, f"{name} has no description"
        if isinstance(control, _controls.SLIDERS):
            assert control.continuous_update, f"{name} updates only on release"
            assert control.min <= control.value <= control.max


def test_each_description_is_shown_once_and_whole(explorer: Explorer) -> None:
    """In the column of controls every description appears once: radio and toggle buttons
    show their own above their options; any other control gets a label above it that wraps
    (a long one, "Atlantica's budget for paying its hawk", was cut off in JupyterLab). Radio
    options are short enough to sit beside their buttons (a longer one loses its button)."""
    column = explorer.widget.children[0].children
    for name, control in explorer.controls.items():
        if isinstance(control, (widgets.RadioButtons, widgets.ToggleButtons)):
            assert control in column, f"{name} should show its own description only"
        else:
            box = next(c for c in column if isinstance(c, widgets.VBox) and control in c.children)
            label, shown = box.children
            assert shown is control and control.style.description_width == "0px"
            assert "white-space:normal" in label.value and control.description in label.value
        if isinstance(control, widgets.RadioButtons):
            long = [o for o in control._options_labels if len(o) > _controls.RADIO_OPTION_LENGTH]
            assert not long, f"{name}: radio options too long to fit beside their buttons: {long}"


def test_the_first_slider_changes_words_and_picture(explorer: Explorer) -> None:
    """What the browser tests do: one arrow-key step of the first slider changes both the
    ``describe()`` text and the figure (its pixels), so a student sees the move land."""
    name, control = next(
        (n, c) for n, c in explorer.controls.items() if isinstance(c, _controls.SLIDERS)
    )
    up = control.value + control.step
    step = round(up if up <= control.max else control.value - control.step, 10)
    before = (explorer.describe(), pixels(explorer._image.value))
    drive(explorer, name, step)
    assert explorer.describe() != before[0], f"{name} -> {step}: describe() unchanged"
    assert np.any(pixels(explorer._image.value) != before[1]), f"{name} -> {step}: same picture"
    assert_same_picture(explorer._image.value, reference_frame(explorer))


def test_every_control_at_its_extremes_and_middle(explorer: Explorer) -> None:
    for name, control in explorer.controls.items():
        start = control.value
        for value in settings(control):
            before = (explorer.negotiation, explorer.describe(), explorer._image.value)
            drive(explorer, name, value)
            values = explorer.values()
            assert values[name] == value
            assert explorer.negotiation == explorer._scenario(values), "stale model object"
            assert explorer.describe() == explorer._describe(explorer.negotiation, values)
            if explorer.negotiation != before[0]:
                assert explorer._image.value != before[2], f"{name}={value!r}: figure unchanged"
            else:
                assert explorer.describe() == before[1]
            assert_same_picture(explorer._image.value, reference_frame(explorer))
            assert explorer._image.tooltip == explorer.describe(), "alt text out of step"
        drive(explorer, name, start)


def test_the_figure_every_slider_and_every_menu_have_an_accessible_name(explorer: Explorer) -> None:
    """The figure's text alternative is ``describe()`` (its tooltip: the ``<img>``'s title),
    synced with an empty ``description`` so that Voila 0.5's widget manager can build its view
    (it read ``description.length`` and failed without one); every slider's label carries
    the script that gives the slider's handle its description, and so does every menu's
    (browser-checked in ``tests/browser``)."""
    state = explorer._image.get_state()
    assert (state["tooltip"], state["description"]) == (explorer.describe(), "")
    column = explorer.widget.children[0]
    labelled = [box.children for box in column.children if isinstance(box, widgets.VBox)]
    kinds = (*_controls.SLIDERS, widgets.Dropdown)
    controls = [*explorer.controls.values(), explorer._menu]
    named = [control for label, control in labelled if _controls.NAME_CONTROL in label.value]
    assert sorted(map(id, named)) == sorted(id(c) for c in controls if isinstance(c, kinds))


def test_set_reset_and_presets_round_trip(explorer: Explorer) -> None:
    start = (explorer.values(), explorer.describe(), explorer._image.value)
    for name, preset in explorer.presets.items():
        explorer.apply_preset(name)
        check(explorer)
        assert {k: explorer.values()[k] for k in preset} == preset
        assert explorer._menu.value == name
        explorer.reset()
        explorer.set(**preset)
        assert explorer._menu.value == name
        assert_same_picture(explorer._image.value, reference_frame(explorer))
    explorer.reset()
    assert (explorer.values(), explorer.describe()) == start[:2]
    assert_same_picture(explorer._image.value, start[2])


def test_browser_uses_the_menu_and_the_reset_button(explorer: Explorer) -> None:
    start = explorer.values()
    last = list(explorer.presets)[-1]
    explorer._menu.value = last  # what choosing from the dropdown sends
    check(explorer)
    assert {k: explorer.values()[k] for k in explorer.presets[last]} == explorer.presets[last]
    name, control = next(iter(explorer.controls.items()))
    drive(explorer, name, other(control))
    explorer._reset_button.click()
    check(explorer)
    assert explorer.values() == start


@pytest.mark.parametrize(
    ("error", "explained"),
    [
        (RuntimeError("the scenario builder broke"), "the scenario builder broke"),
        (
            ValueError("split-the-difference needs the zone to be one interval, got ..."),
            "Split-the-difference needs the zone of agreement to be one interval",
        ),
    ],
    ids=["a broken callback", "a model error"],
)
def test_an_error_is_explained_and_the_last_figure_stays(
    explorer: Explorer, monkeypatch: pytest.MonkeyPatch, error: Exception, explained: str
) -> None:
    before = (explorer.negotiation, explorer.describe(), explorer._image.value)

    def broken(values: Mapping[str, Any]) -> nk.Negotiation:
        raise error

    monkeypatch.setattr(explorer, "_scenario", broken)
    name, control = next(iter(explorer.controls.items()))
    start = control.value
    explorer.controls[name].value = other(control)
    assert explorer.last_error is error
    shown = explorer._error.value
    assert explained in shown and "Traceback" not in shown
    assert "last settings that worked" in shown
    assert (explorer.negotiation, explorer.describe(), explorer._image.value) == before
    monkeypatch.undo()
    drive(explorer, name, start)
    assert explorer._error.value == "" and explorer.last_error is None


def test_set_refuses_bad_names_and_values(explorer: Explorer) -> None:
    start = explorer.values()
    with pytest.raises(ValueError, match="unknown control 'no_such_control'; the controls are"):
        explorer.set(no_such_control=1)
    for name, control in explorer.controls.items():
        if isinstance(control, _controls.SLIDERS):
            value, words = out_of_range(control)
            with pytest.raises(ValueError, match=rf"{name} must be {words} .* got {value}"):
                explorer.set(**{name: value})
            with pytest.raises(TypeError, match=f"{name} must be"):
                explorer.set(**{name: "0.5"})
            with pytest.raises(TypeError, match=f"{name} must be"):
                explorer.set(**{name: True})
            whole = isinstance(control, widgets.IntSlider)  # NaN is not a whole number
            with pytest.raises(TypeError if whole else ValueError, match=f"{name} must be"):
                explorer.set(**{name: float("nan")})
        elif isinstance(control, _controls.CHOICES):
            with pytest.raises(ValueError, match=f"{name} must be one of"):
                explorer.set(**{name: "no such option"})
    assert explorer.values() == start
    check(explorer)


def test_set_is_all_or_nothing(explorer: Explorer, monkeypatch: pytest.MonkeyPatch) -> None:
    start = (explorer.values(), explorer._image.value)
    name, control = next(iter(explorer.controls.items()))
    original = explorer._scenario

    moved = other(control)

    def fails_there(values: Mapping[str, Any]) -> nk.Negotiation:
        if values[name] == moved:
            raise ValueError("no such scenario")
        return original(values)

    monkeypatch.setattr(explorer, "_scenario", fails_there)
    with pytest.raises(ValueError, match="no such scenario"):
        explorer.set(**{name: moved})
    assert (explorer.values(), explorer._image.value) == start
    assert explorer._error.value == ""


def test_work_deferred_during_a_drag_lands_after_a_pause(explorer: Explorer) -> None:
    """In a kernel (a running event loop) slow parts may show a preview while a control
    moves; once the controls rest for PAUSE the frame must be the final one."""

    async def drag_then_rest(name: str, values: list[Any]) -> None:
        for value in values:
            drive(explorer, name, value)
        await asyncio.sleep(3 * PAUSE)

    for name, control in explorer.controls.items():
        asyncio.run(drag_then_rest(name, settings(control)))
        check(explorer)
        assert explorer._pending is None
        shown = explorer._image.value
        explorer._refresh()  # outside any event loop: everything computed at once
        check(explorer)
        assert_same_picture(shown, explorer._image.value)
        assert_same_picture(shown, reference_frame(explorer))


CELL = 464
"""Pixels a notebook cell offers in a 900-pixel JupyterLab window with the file browser open."""


def test_the_figure_is_readable_in_a_laptops_notebook_cell(explorer: Explorer) -> None:
    # Shown at most CELL pixels wide, the figure's smallest text stays at 9 pixels or more
    # (tests/browser/test_lab.py measures it in the page), and none of its words (legends,
    # axis labels, notes, the title) is cut off by the figure's edge.
    figure = explorer.figure
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    smallest = min(t.get_fontsize() for t in texts) * figure.dpi / 72
    assert smallest * min(1.0, CELL / figure.bbox.width) >= 9, (figure.bbox.width, smallest)
    renderer = figure.canvas.get_renderer()  # the layout of the frame shown
    words = [*figure.texts, *(a for ax in figure.axes for a in ax.get_children())]
    words = [a for a in words if isinstance(a, Legend | Text) and a.get_visible()]
    words = [a for a in words if not isinstance(a, Text) or a.get_text().strip()]
    for artist in words + [
        label for ax in figure.axes for label in (ax.xaxis.label, ax.yaxis.label)
    ]:
        box = artist.get_window_extent(renderer)
        inside = box.x0 >= -1 and box.y0 >= -1
        inside = inside and box.x1 <= figure.bbox.width + 1 and box.y1 <= figure.bbox.height + 1
        assert inside, f"{artist} at {box.bounds} is cut off by the figure ({figure.bbox.bounds})"


def test_the_figure_is_built_once(explorer: Explorer) -> None:
    figure, axes = explorer.figure, list(explorer.figure.axes)
    counts = [len(ax.get_children()) for ax in axes]
    rng = np.random.default_rng(3)
    for _ in range(40):
        name = list(explorer.controls)[rng.integers(len(explorer.controls))]
        options = settings(explorer.controls[name])
        drive(explorer, name, options[rng.integers(len(options))])
    assert explorer.figure is figure and explorer.figure.axes == axes
    assert [len(ax.get_children()) for ax in axes] == counts


def test_displays_itself_as_a_widget(explorer: Explorer) -> None:
    bundle = explorer._repr_mimebundle_()
    view = bundle["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == explorer.widget.model_id
    assert explorer.describe() in repr(explorer)


# -- the harness itself ---------------------------------------------------------------------


def test_the_harness_moves_int_sliders_and_two_option_controls() -> None:
    """``settings``/``other``/``out_of_range`` work for every kind of control an explorer
    may add, including an IntSlider at its maximum and a two-option control at its second
    option, and match what ``set`` says about them."""
    steps = widgets.IntSlider(value=4, min=0, max=4, description="steps")
    assert settings(steps) == [0, 4, 2] and all(type(v) is int for v in settings(steps))
    assert other(steps) == 0
    lean = widgets.ToggleButtons(options=[("with A", 1.0), ("with B", -1.0)], value=-1.0)
    assert settings(lean) == [1.0, -1.0] and other(lean) == 1.0
    share = widgets.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.05, description="share")
    assert settings(share) == [0.0, 1.0, 0.5] and other(share) == 0.0
    controls = {"steps": steps, "share": share}
    for name, control in controls.items():
        value, words = out_of_range(control)
        with pytest.raises(ValueError, match=rf"{name} must be {words} .* got {value}"):
            _controls.checked(controls, {name: value}, "set()")
    with pytest.raises(TypeError, match="steps must be"):
        _controls.checked(controls, {"steps": float("nan")}, "set()")


# -- the frame renderer --------------------------------------------------------------------


def test_frames_follow_limit_and_label_changes() -> None:
    figure = Figure(figsize=(4, 3))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    (line,) = ax.plot([0, 1], [0, 1])
    renderer = FrameRenderer(figure, lambda: [line])
    renderer.render()
    for top in (1, 5, 50):
        line.set_ydata([0, top])
        ax.set_ylim(0, top)
        ax.set_xlabel(f"up to {top}")
        assert_same_picture(renderer.render(), FrameRenderer(figure, list).render_full())


def test_frames_follow_tick_label_colours() -> None:
    # an explorer greys out rows it does not use by recolouring their tick labels
    figure = Figure(figsize=(4, 3))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.set_yticks([0, 1], labels=["used", "not used"], fontsize=40)  # pixels enough to see
    (line,) = ax.plot([0, 1], [0, 1])
    renderer = FrameRenderer(figure, lambda: [line])
    renderer.render()
    for colour in ("lightgrey", "black", "red"):
        ax.yaxis.get_major_ticks()[1].label1.set_color(colour)
        assert_same_picture(renderer.render(), FrameRenderer(figure, list).render_full())


def test_renderer_needs_an_agg_canvas() -> None:
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    figure = Figure()
    FigureCanvasSVG(figure)
    with pytest.raises(TypeError, match="Agg canvas"):
        FrameRenderer(figure, list)


def test_importing_the_kit_loads_no_widgets_or_matplotlib() -> None:
    code = (
        "import sys, negotiation_kit; "
        "print(sorted({'ipywidgets', 'matplotlib'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_explorers_never_touch_pyplot() -> None:
    code = (
        "import sys, negotiation_kit.widgets as nkw; "
        "[getattr(nkw, name)() for name in nkw.__all__]; "
        "print('matplotlib.pyplot' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- the worked examples behind the presets (docs/model.md §5) -------------------------------


@pytest.mark.parametrize(
    ("preset", "agreement", "delta"),
    [
        ("tied hands helps (E2)", 0.6, 0.1),
        ("tied hands helps more with split (E2)", 0.7, 0.2),
        ("too hawkish (E3)", None, -0.3),
        ("unitary (E1)", 0.5, 0.0),
    ],
)
def test_tied_hands_presets_are_the_worked_examples(
    preset: str, agreement: float | None, delta: float
) -> None:
    explorer = nkw.TiedHandsExplorer()
    explorer.apply_preset(preset)
    check(explorer)
    outcome = explorer.negotiation.outcome()
    if agreement is None:
        assert outcome.agreement is None
        assert "no agreement" in explorer.describe()
    else:
        assert outcome.agreement == pytest.approx(agreement, abs=1e-9)
    assert explorer.negotiation.desirability("Atlantica") == pytest.approx(delta, abs=1e-9)
    assert f"Δ = {delta:+.2f}".replace("+0.00", "0.00") in explorer.describe()


def test_bargain_starts_at_the_unitary_baseline() -> None:
    explorer = nkw.BargainExplorer()
    assert explorer.negotiation.zone().intervals == [(0.2, 0.8)]
    assert explorer.negotiation.outcome().agreement == pytest.approx(0.5)
    explorer.set(solution="split")
    assert explorer.negotiation.outcome().agreement == pytest.approx(0.5)
    assert "Splitting the difference settles at 0.50" in explorer.describe()


def test_controls_moved_from_two_threads_draw_one_frame_at_a_time(explorer: Explorer) -> None:
    """ipykernel 7 handles widget messages on a subshell thread as well as the main one, so
    in JupyterLab two control changes (a Reset click and a slider's echo) can arrive at the
    same moment. They must take turns: two frames drawn at once into one canvas left layers
    holding parts of each other, and every later frame showed that stale picture."""
    names = list(explorer.controls)
    pairs = [(names[0], names[-1])] if len(names) > 1 else [(names[0], names[0])]
    errors: list[BaseException] = []

    def move(name: str) -> None:
        try:
            for _ in range(3):
                for value in settings(explorer.controls[name]):
                    explorer.controls[name].value = value
        except BaseException as error:
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often: a race shows up on every run
    try:
        for first, second in pairs:
            threads = [threading.Thread(target=move, args=(name,)) for name in (first, second)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not errors
    check(explorer)
    assert_same_picture(explorer._image.value, reference_frame(explorer))
    drive(explorer, names[0], other(explorer.controls[names[0]]))  # later frames too
    assert_same_picture(explorer._image.value, reference_frame(explorer))


def test_deferred_work_from_two_threads_lands_once_on_the_final_values() -> None:
    """Each kernel thread runs its own event loop: work deferred on one loop and replaced
    from the other is cancelled there, and a timer whose cancel came too late does nothing."""
    explorer = nkw.TwoIssueExplorer()
    first, second = list(explorer.controls)[:2]

    async def drag_then_rest(name: str) -> None:
        for value in settings(explorer.controls[name]):
            explorer.controls[name].value = value
            await asyncio.sleep(PAUSE / 4)
        await asyncio.sleep(3 * PAUSE)

    thread = threading.Thread(target=asyncio.run, args=(drag_then_rest(first),))
    thread.start()
    asyncio.run(drag_then_rest(second))
    thread.join()
    check(explorer)
    assert explorer._pending is None
    assert not explorer.previewing(explorer.negotiation)
    assert_same_picture(explorer._image.value, reference_frame(explorer))

    ran: list[int] = []
    explorer._run_later(lambda: ran.append(1), object())  # a ticket nobody holds
    assert ran == []


def test_a_label_layer_is_found_within_its_window_or_by_a_full_search() -> None:
    from negotiation_kit.widgets._render import MARGIN, _crop

    canvas = np.zeros((60, 80, 4), dtype=np.uint8)
    canvas[10:20, 30:50] = 200  # rows counted from the top; in pixels y up: 40..50
    whole = _crop(canvas)
    assert whole is not None
    for window in [
        (30, 40, 50, 50),  # exactly the drawing
        (30 + MARGIN, 40, 50, 50),  # a little narrow: the margin still holds it
        (35, 42, 40, 45),  # too small: ink on the edge, so all is searched
        (200, 200, 300, 300),  # off the canvas
    ]:
        found = _crop(canvas, window)
        assert found is not None
        assert (found[1], found[2]) == (whole[1], whole[2]) == (30, 40), window
        assert np.array_equal(found[0], whole[0]), window
    assert _crop(np.zeros((60, 80, 4), dtype=np.uint8), (30, 40, 50, 50)) is None


def test_texts_drawn_from_kept_glyphs_are_matplotlibs_own_pixels() -> None:
    # a frame's texts come from the glyph cache; a plain Agg renderer must draw the same
    from matplotlib.backends.backend_agg import RendererAgg

    from negotiation_kit.widgets._render import GlyphCache

    if not GlyphCache.supported():
        pytest.skip("this matplotlib does not draw text glyph by glyph")
    figure = Figure(figsize=(4, 3), dpi=97)  # an odd dpi: glyphs fall between pixels
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.set_title(r"zone $[x_A, x_B]$, $\Delta > 0$")
    rng = np.random.default_rng(7)
    for k in range(40):
        ax.text(
            rng.random(), rng.random(), f"accepted by {rng.random():.0%} of ÄVAW weight",
            fontsize=rng.uniform(5, 14), rotation=[0, 90, 33.3][k % 3],
            style=["normal", "italic"][k % 2], weight=["normal", "bold"][k % 2],
            antialiased=k % 5 != 0,
        )  # fmt: skip
    frames = FrameRenderer(figure, list)
    frames.render_full()  # every glyph rendered once and kept
    cached = np.asarray(PIL.Image.open(io.BytesIO(frames.render_full())))
    plain = RendererAgg(int(figure.bbox.width), int(figure.bbox.height), figure.dpi)
    figure.draw(plain)
    assert np.array_equal(cached, np.asarray(plain.buffer_rgba()))


def test_boxed_and_moving_labels_match_a_full_redraw() -> None:
    # a note on a white box (the "no deal" notes) and a legend: their windows must hold
    # the box's edge, or a frame would cut it off
    figure = Figure(figsize=(4, 3))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    (line,) = ax.plot([0, 1], [0, 1], label="a line")
    note = ax.text(0.5, 0.5, "no zone of agreement", bbox={"facecolor": "white", "pad": 9})
    legend = ax.legend(loc="upper left")
    renderer = FrameRenderer(figure, lambda: [line, note, legend])
    renderer.render()
    for x in (0.1, 0.3, 0.55):
        note.set_position((x, x))
        note.set_text(f"no zone at {x}")
        line.set_label(f"line {x}")
        legend.get_texts()[0].set_text(f"line {x}")
        assert_same_picture(renderer.render(), FrameRenderer(figure, list).render_full())


class NotedBargain(nkw.BargainExplorer):
    """An explorer written the obvious way: a text drawn once and reworded on every update,
    registered with no view (the renderer must notice it changed)."""

    def _draw(self, figure: Figure, negotiation: Any, values: Mapping[str, Any]) -> Any:
        views = super()._draw(figure, negotiation, values)
        self.note = figure.axes[1].text(0.3, 0.5, self._words(values), fontsize=20)
        return views

    def _update(self, negotiation: Any, values: Mapping[str, Any]) -> None:
        super()._update(negotiation, values)
        self.note.set_text(self._words(values))

    @staticmethod
    def _words(values: Mapping[str, Any]) -> str:
        return "Atlantica asks little" if values["a_reservation"] < 0.4 else "Atlantica asks a lot"


def test_a_text_changed_outside_the_views_is_drawn() -> None:
    explorer = NotedBargain()
    for value, words in [(0.3, "little"), (0.45, "a lot"), (0.1, "little")]:
        drive(explorer, "a_reservation", value)
        assert explorer.note.get_text().endswith(words)
        assert_same_picture(explorer._image.value, reference_frame(explorer))


def test_an_annotation_added_from_outside_is_drawn() -> None:
    # what an instructor does in a notebook cell below a live explorer
    explorer = nkw.BargainExplorer()
    # under the rows, clear of the marks: a static text over a mark drawn every frame (the
    # star) shows above it in a frame but below it in a full redraw (the layers' order)
    note = explorer.figure.axes[0].text(0.0, -0.45, "look here", fontsize=24, color="red")
    drive(explorer, "a_reservation", 0.3)
    assert_same_picture(explorer._image.value, reference_frame(explorer))
    note.set_text("and now here")
    drive(explorer, "b_reservation", 0.6)
    assert_same_picture(explorer._image.value, reference_frame(explorer))
    note.remove()
    drive(explorer, "b_reservation", 0.7)
    assert_same_picture(explorer._image.value, reference_frame(explorer))


def test_the_tolerance_catches_a_stale_label() -> None:
    figure = Figure(figsize=(4, 3))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    label = ax.text(0.2, 0.5, "before", fontsize=16)
    before = FrameRenderer(figure, list).render_full()
    label.set_text("after")
    with pytest.raises(AssertionError, match="pixels differ"):
        assert_same_picture(before, FrameRenderer(figure, list).render_full())


def test_a_figure_with_a_text_and_no_axes_renders() -> None:
    figure = Figure(figsize=(3, 1))
    FigureCanvasAgg(figure)
    title = figure.text(0.1, 0.4, "no axes here", fontsize=14)
    renderer = FrameRenderer(figure, list)
    assert_same_picture(renderer.render(), FrameRenderer(figure, list).render_full())
    title.set_text("still none")
    assert_same_picture(renderer.render(), FrameRenderer(figure, list).render_full())


def test_a_static_artist_restyled_or_shown_is_drawn() -> None:
    figure = Figure(figsize=(4, 3))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    (line,) = ax.plot([0, 1], [0, 1])
    (under,) = ax.plot([0, 1], [1, 0], zorder=1, linewidth=6)
    (over,) = ax.plot([0, 1], [0.5, 0.5], zorder=3, linewidth=6, visible=False)
    renderer = FrameRenderer(figure, lambda: [line])
    renderer.render()
    under.set_color("red")
    assert_same_picture(renderer.render(), FrameRenderer(figure, list).render_full())
    over.set_visible(True)
    assert_same_picture(renderer.render(), FrameRenderer(figure, list).render_full())
    ax.xaxis.get_major_ticks()[1].label1.set_fontsize(30)
    assert_same_picture(renderer.render(), FrameRenderer(figure, list).render_full())


@pytest.mark.parametrize("relabel", ["ylabel", "legend", "ticks"])
def test_new_words_in_the_margin_lay_the_figure_out_again(relabel: str) -> None:
    """A frame keeps the figure's layout until the words that set its margins change; then
    the Axes move where matplotlib's own constrained layout puts them."""
    from negotiation_kit.plotting import new_figure

    def labelled(figure: Figure) -> Any:
        ax = figure.add_subplot()
        (line,) = ax.plot([0, 1], [0, 1], label="short")
        ax.set_ylabel("y")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.set_yticks([0, 1], labels=["0", "1"])
        return ax, line

    def relabelled(ax: Any) -> None:
        if relabel == "ylabel":
            ax.set_ylabel("a much longer label\non two lines")
        elif relabel == "legend":
            ax.get_legend().get_texts()[0].set_text("a legend entry much longer than before")
        else:
            ax.set_yticks([0, 1], labels=["nothing at all", "everything"])

    shown = new_figure(5, 3)
    ax, line = labelled(shown)
    renderer = FrameRenderer(shown, lambda: [line])
    renderer.render()
    before = ax.get_position().bounds
    relabelled(ax)
    renderer.render()
    plain = new_figure(5, 3)
    plain_ax, _ = labelled(plain)
    relabelled(plain_ax)
    plain.canvas.draw()
    assert ax.get_position().bounds != before
    assert np.allclose(ax.get_position().bounds, plain_ax.get_position().bounds)
