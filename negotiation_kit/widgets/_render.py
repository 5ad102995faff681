"""Turn a figure whose few artists change into PNG frames as a slider moves: the one module
that owns the explorers' speed tricks (plotting draws with plain matplotlib).

Most of a full Agg redraw of a lesson figure goes to laying it out and rasterising text that
does not change (tick labels, axis labels, legends). The renderer therefore composes each
frame from layers, the way matplotlib's blitting examples do:

0. **layout**: the figure's constrained layout is computed when a frame is planned (at
   the first frame, and again when the figure's size, its artists or the words that set
   its margins change: axis labels, titles, fixed tick labels, legend texts), not at
   every draw (``FrozenLayout``);
1. **under**: the backgrounds and whatever each Axes draws before its first dynamic
   artist, saved once and restored at every frame;
2. **dynamic**: the artists that ``dynamic`` names (the plotting views' ``.artists``),
   redrawn every frame;
3. **over**: per Axes, the static artists drawn after them (spines, ticks, labels, titles),
   rendered onto a transparent layer and composited on top;
4. **labels** (legends and texts) among the dynamic artists, as transparent layers keyed
   by what they show, so text is rasterised again only when its words or place change;
5. **glyphs**: the bitmap FreeType makes of each glyph is kept by font, size, rotation and
   sub-pixel place (``GlyphCache``), so a note whose number changed rasterises only the
   glyphs it has not drawn before (most often none) and every text is drawn faster.

Naming an artist dynamic is a speed hint, never a condition of a right frame: every other
artist is watched through matplotlib's own ``stale`` flag (set by every setter), so a
static artist that changed invalidates the layer it sits in, and an artist added to or
removed from the figure makes the renderer plan its layers again. An Axes' layers are also
rendered again when its limits or place change. The figure is not modified beyond its
layout engine (``figure.savefig`` draws everything, in the layout the frames show), and
``render_full`` gives the reference frame that tests compare against.

``benchmarks/bench_render_tricks.py`` measures what each of these saves.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends import backend_agg
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font, RenderMode
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.legend import Legend
from matplotlib.text import Text

from ._memo import Memo
from ._png import UInt8Array, png

CACHE = 8
"""Layers kept per label and per Axes (about 1 MB each at most): enough for dragging a
slider back and forth to reuse them."""
LABELS = (Legend, Text)
"""Changing artists drawn as cached layers: rasterising text is most of a frame's work."""
MARGIN = 4
"""Pixels searched beyond a label's extent for what it drew (antialiasing, a box's edge)."""
GLYPHS = 4096
"""Glyph bitmaps kept (a few hundred bytes each): the glyphs of every text of a figure at
the sub-pixel places where they are drawn, with room for a few figures."""
Layer = tuple[UInt8Array, int, int]
"""A transparent RGBA image (rows bottom-up, as Agg draws them) and its left, bottom."""


class FrameRenderer:
    """Render ``figure`` to PNG bytes, redrawing only what changed since the last frame.

    Parameters
    ----------
    figure
        A figure with an Agg canvas (``negotiation_kit.plotting.new_figure`` builds one).
    dynamic
        Returns the artists that change between most frames (the views' ``.artists``): a
        hint that spares re-rendering the layers around them. Any other artist that
        changes is drawn too, at the cost of rendering its layer again.
    relayout
        Whether new margin words lay the figure out again (False: the first layout serves
        every frame, for figures whose widest labels are there from the start).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from matplotlib.backends.backend_agg import FigureCanvasAgg
    >>> figure = Figure(figsize=(2, 1), dpi=50)
    >>> canvas = FigureCanvasAgg(figure)
    >>> marker = figure.add_subplot().axvline(0.5)
    >>> renderer = FrameRenderer(figure, lambda: [marker])
    >>> renderer.render()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """

    def __init__(
        self, figure: Figure, dynamic: Callable[[], Sequence[Artist]], relayout: bool = True
    ) -> None:
        if not isinstance(figure.canvas, FigureCanvasAgg):
            raise TypeError(f"figure must have an Agg canvas, got {type(figure.canvas).__name__}")
        engine = figure.get_layout_engine()
        if isinstance(engine, ConstrainedLayoutEngine) and not isinstance(engine, FrozenLayout):
            figure.set_layout_engine(FrozenLayout(engine))
        self.figure = figure
        self._relayout = relayout
        self.canvas: Any = figure.canvas  # FigureCanvasAgg (its methods are untyped)
        self._dynamic = dynamic
        self._layout: Hashable = None
        self._plans: list[Plan] = []
        self._rest: list[Artist] = []
        self._keys: dict[int, Hashable] = {}
        self._overs: dict[int, Layer | None] = {}
        self._watched: dict[int, list[Artist]] = {}
        self._cache: dict[tuple[str, int], Memo[Layer | None]] = {}
        self._under: Any = None
        self._laid_out_for: Hashable = None
        self.captures = 0
        """How many times saved layers were rendered (for tests and benchmarks)."""

    def render(self) -> bytes:
        """The current figure as PNG bytes, drawing only what changed."""
        artists = list(self._dynamic())
        ids = {id(a) for a in artists}
        if self._layout_key(artists) != self._layout:
            self._plan(artists, ids)
            self._lay_out()
            self._layout = self._layout_key(artists)
            self._keys.clear()
            # Labels may be new objects (a view rebuilt); an Axes' static artists are not.
            self._cache = {k: v for k, v in self._cache.items() if k[0] == "axes"}
        changed = {key for key, watched in self._watched.items() if any(a.stale for a in watched)}
        for key in changed:
            self._cache.pop(("axes", key), None)  # its over layer showed the old artist
        stale = [
            p
            for p in self._plans
            if id(p.ax) in changed or axes_key(p.ax) != self._keys.get(id(p.ax))
        ]
        if stale or changed or self._under is None:
            self._paint(stale, ids)
        drawn = [a for plan in self._plans for a in plan.changing] + self._rest
        labels = [self._label(a) for a in drawn if isinstance(a, LABELS) and a.get_visible()]
        self.canvas.restore_region(self._under)
        renderer = self._renderer()
        for artist in drawn:
            if not isinstance(artist, LABELS):
                artist.draw(renderer)
        gc = renderer.new_gc()
        for layer in [*self._overs.values(), *labels]:
            if layer is not None:
                image, left, bottom = layer
                renderer.draw_image(gc, left, bottom, image)  # alpha-blended by Agg, in place
        gc.restore()
        # The frame shows every watched artist as it is now. Drawing marks ticks stale, and
        # so does autoscaling when ``axes_key`` reads the limits: neither is a change.
        for watched in self._watched.values():
            for artist in watched:
                if artist.stale:
                    artist.stale = False
        return png(self._pixels())

    def render_full(self) -> bytes:
        """The figure as PNG bytes from a complete redraw (the reference for a frame).

        ``Figure.draw`` is called as such, so a figure class with a fast path of its own
        would still draw every artist in z-order.
        """
        renderer = self._renderer()
        renderer.clear()
        Figure.draw(self.figure, renderer)
        self.invalidate()
        return png(self._pixels())

    def _renderer(self) -> Any:
        """The canvas's Agg renderer (a new one when the figure's size changed), drawing
        glyphs through the cache (``RendererAgg``; its methods are untyped)."""
        renderer = self.canvas.get_renderer()
        GLYPH_CACHE.serve(renderer)
        return renderer

    def invalidate(self) -> None:
        """Plan and render every layer again at the next frame."""
        self._layout = None

    def _pixels(self) -> UInt8Array:
        """The canvas as an array of shape (height, width, 4), top row first (no copy)."""
        return np.asarray(self.canvas.buffer_rgba())

    def _layout_key(self, artists: Sequence[Artist]) -> Hashable:
        """What the plan depends on: size, which artists are dynamic, which artists the
        figure and its Axes hold (one added from a notebook cell is drawn), and the words
        that set the margins."""
        figure = self.figure
        return (
            tuple(figure.get_size_inches()),
            figure.dpi,
            tuple(id(a) for a in artists),
            tuple(a.get_zorder() for a in artists),
            tuple(id(a) for a in figure.get_children()),
            tuple((id(a), a.get_animated()) for ax in figure.axes for a in ax.get_children()),
            tuple((ax.get_visible(), ax.axison, ax.get_frame_on()) for ax in figure.axes),
            _margin_words(figure) if self._relayout else None,
        )

    def _lay_out(self) -> None:
        """What ``Figure.draw`` does before drawing: the layout engine and fixed aspects.

        Titles are placed by ``Axes.draw`` itself, so a figure with titles is drawn once.
        """
        figure, renderer = self.figure, self._renderer()
        engine, words = figure.get_layout_engine(), _margin_words(figure)
        before, self._laid_out_for = self._laid_out_for, words
        if isinstance(engine, FrozenLayout) and self._relayout and before not in (None, words):
            engine.reset()  # otherwise the layout computed before (by hand, or for the last
            # plan) is kept: constrained layout run again on laid-out Axes may move them
        if any(ax.get_title(where) for ax in figure.axes for where in ("left", "center", "right")):
            self.canvas.draw()
            return
        if engine is not None:
            engine.execute(figure)
        for ax in figure.axes:
            locator = ax.get_axes_locator()
            ax.apply_aspect(locator(ax, renderer) if locator is not None else None)

    def _plan(self, artists: Sequence[Artist], ids: set[int]) -> None:
        self._plans = [split(ax, ids) for ax in self.figure.axes]
        placed = {id(a) for plan in self._plans for a in plan.changing}
        self._rest = [a for a in artists if id(a) not in placed]  # figure-level or nested
        self._overs.clear()
        self._under = None

    def _paint(self, stale: list[Plan], ids: set[int]) -> None:
        """Render the over layers of ``stale`` Axes, then the under layer, and watch every
        static artist from then on."""
        renderer = self._renderer()
        for plan in stale:
            key = self._keys[id(plan.ax)] = axes_key(plan.ax)
            drawn = (key, tuple(id(a) for a in plan.over))
            self._overs[id(plan.ax)] = self._cached(("axes", id(plan.ax)), drawn, plan.over)
        renderer.clear()
        figure_level = [a for a in self.figure.get_children() if not isinstance(a, Axes)]
        for artist in sorted(figure_level, key=attrgetter("zorder")):
            if id(artist) not in ids:
                artist.draw(renderer)  # the figure patch first (zorder 1), then texts
        for plan in self._plans:
            for artist in plan.under:
                artist.draw(renderer)
        self._under = self.canvas.copy_from_bbox(self.figure.bbox)
        self.captures += 1
        self._watched = {id(self.figure): _static(figure_level, ids)}
        self._watched |= {id(ax): _static(ax.get_children(), ids) for ax in self.figure.axes}

    def _label(self, label: Legend | Text) -> Layer | None:
        """A legend or text alone on a transparent layer, cached by what it shows."""
        if isinstance(label, Legend):
            texts = tuple(t.get_text() for t in label.get_texts())
            key: Hashable = (texts, tuple(_look(handle) for handle in label.legend_handles))
        else:
            where = label.get_transform().transform(label.get_position())
            key = (label.get_text(), tuple(where), str(label.get_color()), label.get_rotation())
            key += (hash(label.get_fontproperties()), label.get_alpha())
            key += (label.get_horizontalalignment(), label.get_verticalalignment())
            key += (label.get_bbox_patch() is None,)
        return self._cached(("label", id(label)), key, [label])

    def _cached(self, owner: tuple[str, int], key: Hashable, artists: list[Artist]) -> Layer | None:
        """``artists`` drawn alone on a transparent layer, remembered under ``key``."""
        memo = self._cache.setdefault(owner, Memo(size=CACHE))
        return memo.get(key, lambda: self._layer(artists, cropped=owner[0] == "label"))

    def _layer(self, artists: list[Artist], cropped: bool) -> Layer | None:
        """``artists`` drawn alone on a transparent layer (``cropped``: searched only
        around their extents)."""
        renderer = self._renderer()
        renderer.clear()
        for artist in artists:
            artist.draw(renderer)
        return _crop(self._pixels(), _window(artists, renderer) if cropped else None)


@dataclass
class Plan:
    """One Axes' artists in drawing order, split into the three layers."""

    ax: Axes
    under: list[Artist] = field(default_factory=list)
    changing: list[Artist] = field(default_factory=list)
    over: list[Artist] = field(default_factory=list)


def split(ax: Axes, changing: set[int]) -> Plan:
    """``ax``'s artists in the order ``Axes.draw`` uses, split around the changing ones
    (those in ``changing`` and those matplotlib marks ``animated``).

    Children sorted by zorder (a stable sort: ties keep the order they were added in), the
    background patch first; spines and axes only when the frame and axes are on.
    """
    plan = Plan(ax)
    if not ax.get_visible():
        return plan
    children = [c for c in ax.get_children() if c is not ax.patch]
    if not (ax.axison and ax.get_frame_on()):
        children = [c for c in children if c not in ax.spines.values()]
    if not ax.axison:
        children = [c for c in children if not isinstance(c, Axis)]
    children.sort(key=attrgetter("zorder"))
    if ax.axison and ax.get_frame_on():
        children.insert(0, ax.patch)
    seen = False
    for child in children:
        if id(child) in changing or child.get_animated():
            plan.changing.append(child)
            seen = True
        else:  # hidden ones too: an artist shown later is already in its layer
            (plan.over if seen else plan.under).append(child)
    return plan


def axes_key(ax: Axes) -> Hashable:
    """Where an Axes is, what it frames and how its ticks are chosen: a change means its
    layers are rendered again.

    Changes to its artists are seen through their ``stale`` flags. An ``Axis`` is stale
    whenever its limits are set, even to the same values (views do so on every update),
    so what it shows is read here instead: limits, locator and formatter.
    """
    return (ax.get_position().bounds, ax.viewLim.bounds, _ticks(ax.xaxis), _ticks(ax.yaxis))


def _ticks(axis: Axis) -> Hashable:
    """Fixed tick positions and labels (``set_ticks(..., labels=...)``); automatic ticks
    follow the limits, which the key already holds."""
    locator, formatter = axis.get_major_locator(), axis.get_major_formatter()
    locs = getattr(locator, "locs", ())
    labels = getattr(formatter, "seq", ())
    return (id(locator), id(formatter), tuple(locs), tuple(labels))


def flatten(items: Any) -> list[Artist]:
    """The artists in ``items``: an artist, or lists and dicts of them, nested."""
    if isinstance(items, Artist):
        return [items]
    if isinstance(items, Mapping):
        items = list(items.values())
    return [a for item in items for a in flatten(item)]


class FrozenLayout(ConstrainedLayoutEngine):
    """A constrained layout computed when the renderer asks (``reset``), then kept.

    Laying a figure out takes longer than drawing a frame, and an explorer's margins change
    only with its words, which the renderer watches; every draw in between (``savefig``
    too) keeps the Axes where the frames show them.
    """

    def __init__(self, like: ConstrainedLayoutEngine) -> None:
        super().__init__(**like.get(), compress=getattr(like, "_compress", False))
        self._done_for: tuple[float, float, int] | None = None

    def execute(self, fig: Any) -> Any:
        width, height = fig.get_size_inches()
        key = (float(width), float(height), len(fig.axes))
        if key == self._done_for:
            return None
        self._done_for = key
        return super().execute(fig)

    def reset(self) -> None:
        """Lay the figure out again at its next draw."""
        self._done_for = None


class GlyphCache:
    """The bitmaps FreeType rendered for glyphs, drawn again wherever the same glyph goes.

    Agg draws a text glyph by glyph: FreeType renders each one at its place, to 1/64 of a
    pixel, then the bitmap is blended onto the canvas. The bitmap depends on the font, its
    size, the glyph, the rotation and the place's fraction of a pixel only (a whole-pixel
    move shifts it), so it is kept under those, and a glyph met again is only blended: the
    pixels are those of matplotlib's own drawing, bit for bit. A renderer is served when
    its matplotlib draws glyphs this way (``RendererAgg._draw_text_glyphs_and_boxes``, from
    matplotlib 3.11); with another it draws as it always does.
    """

    def __init__(self, size: int = GLYPHS) -> None:
        self._bitmaps: Memo[tuple[UInt8Array, int, int]] = Memo(size=size)

    @staticmethod
    def supported() -> bool:
        """Whether this matplotlib draws text glyph by glyph as the cache expects."""
        return hasattr(RendererAgg, "_draw_text_glyphs_and_boxes") and all(
            hasattr(FT2Font, name) for name in ("_render_glyph", "_set_transform")
        )

    def serve(self, renderer: Any) -> None:
        """Make ``renderer`` draw its texts' glyphs through this cache (once)."""
        if getattr(renderer, "_glyph_cache", None) is self or not self.supported():
            return
        plain = renderer._draw_text_glyphs_and_boxes

        def draw(gc: Any, x: float, y: float, angle: float, glyphs: Any, boxes: Any) -> None:
            self.draw(renderer, gc, x, y, angle, glyphs)
            plain(gc, x, y, angle, (), boxes)  # the boxes (mathtext's rules) as matplotlib does

        renderer._draw_text_glyphs_and_boxes = draw  # on this renderer only
        renderer._glyph_cache = self

    def draw(self, renderer: Any, gc: Any, x: float, y: float, angle: float, glyphs: Any) -> None:
        """What ``RendererAgg._draw_text_glyphs_and_boxes`` does with ``glyphs`` (font, size,
        glyph index, slant, extend, dx, dy; ``y`` downwards, ``dy`` upwards), rendering only
        the bitmaps not kept."""
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        flags = backend_agg.get_hinting_flag()  # type: ignore[no-untyped-call]
        mode = RenderMode.NORMAL if gc.get_antialiased() else RenderMode.MONO
        height, dpi = renderer.height, renderer.dpi
        for font, size, index, slant, extend, dx, dy in glyphs:
            # FreeType's place in 1/64 pixel, y upwards: whole pixels and the fraction
            across, x64 = divmod(round(0x40 * (x + dx * cos - dy * sin)), 0x40)
            up, y64 = divmod(round(0x40 * (height - y + dx * sin + dy * cos)), 0x40)
            key = (font, size, dpi, index, angle, slant, extend, x64, y64, flags, mode)
            turn = (cos, sin, slant, extend)
            make = partial(_render_glyph, font, size, dpi, index, turn, x64, y64, flags, mode)
            bitmap, left, top = self._bitmaps.get(key, make)
            renderer._renderer.draw_text_image(
                bitmap, left + across, int(height) - top - up + bitmap.shape[0], 0, gc
            )


def _render_glyph(
    font: Any,
    size: float,
    dpi: float,
    index: int,
    turn: tuple[float, float, float, float],
    x64: int,
    y64: int,
    flags: Any,
    mode: Any,
) -> tuple[UInt8Array, int, int]:
    """The glyph's bitmap, its left column and top row, placed ``x64``/64 and ``y64``/64
    of a pixel from the canvas's corner (as matplotlib renders it)."""
    cos, sin, slant, extend = turn
    matrix = np.array([[cos, -sin], [sin, cos]]) @ [[extend, extend * slant], [0, 1]]
    font.set_size(size, dpi)
    font._set_transform((0x10000 * matrix).round().astype(int), [x64, y64])
    bitmap = font._render_glyph(index, flags, mode)
    image = np.array(bitmap.buffer)  # a copy: FreeType reuses its glyph slot
    if mode == RenderMode.MONO:
        image *= 0xFF
    return image, bitmap.left, bitmap.top


GLYPH_CACHE = GlyphCache()
"""The one glyph cache of every explorer's renderer (a glyph's bitmap is the same in any
figure)."""


def _margin_words(figure: Figure) -> Hashable:
    """The words that set a figure's margins: axis labels, titles, fixed tick labels and
    legend texts (automatic tick labels follow the limits, which ``axes_key`` holds)."""
    legends = [a for ax in figure.axes for a in ax.get_children() if isinstance(a, Legend)]
    legends = [legend for legend in legends + list(figure.legends) if legend.get_visible()]
    return (
        tuple(
            (ax.get_xlabel(), ax.get_ylabel(), ax.get_title(), _ticks(ax.xaxis), _ticks(ax.yaxis))
            for ax in figure.axes
        ),
        tuple(tuple(t.get_text() for t in legend.get_texts()) for legend in legends),
        tuple(t.get_text() for t in figure.texts),
    )


def _static(artists: Sequence[Artist], dynamic: set[int]) -> list[Artist]:
    """``artists`` and all they contain (tick labels, legend texts), but no dynamic one;
    of an ``Axis`` only what it contains (``axes_key`` reads the rest)."""
    found: list[Artist] = []
    for artist in artists:
        if id(artist) not in dynamic and not artist.get_animated():
            if not isinstance(artist, Axis):
                found.append(artist)
            found += _static(artist.get_children(), dynamic)
    return found


def _look(artist: Any) -> Hashable:
    """How a legend handle looks (a handle restyled in place must not reuse an old image)."""
    parts = ("get_marker", "get_color", "get_facecolor", "get_edgecolor", "get_linestyle")
    return tuple(str(getattr(artist, name)()) for name in parts if hasattr(artist, name))


def _window(artists: list[Artist], renderer: Any) -> tuple[int, int, int, int] | None:
    """Where ``artists`` drew: their extents (and a text's box) in pixels, left, bottom,
    right, top; None when an extent is not known or costs more than searching the canvas
    (a legend's does: it lays out every entry again)."""
    texts = [artist for artist in artists if isinstance(artist, Text)]
    if len(texts) != len(artists):
        return None
    boxes = [text.get_window_extent(renderer) for text in texts]
    boxes += [p.get_window_extent(renderer) for t in texts if (p := t.get_bbox_patch())]
    bounds = np.array([box.extents for box in boxes])
    if not np.isfinite(bounds).all():
        return None
    low, high = np.floor(bounds[:, :2].min(axis=0)), np.ceil(bounds[:, 2:].max(axis=0))
    return int(low[0]), int(low[1]), int(high[0]), int(high[1])


def _crop(pixels: UInt8Array, window: tuple[int, int, int, int] | None = None) -> Layer | None:
    """The drawn (not fully transparent) part of ``pixels`` as a layer, or None if blank.

    With a ``window`` (left, bottom, right, top in pixels, y upwards) only that part, widened
    by ``MARGIN``, is searched rather than the whole figure.
    """
    height = pixels.shape[0]
    top, left, drawn = _searched(pixels, window)
    rows, cols = np.flatnonzero(drawn.any(axis=1)), np.flatnonzero(drawn.any(axis=0))
    if rows.size == 0:
        return None
    top, bottom = top + int(rows[0]), top + int(rows[-1]) + 1
    left, right = left + int(cols[0]), left + int(cols[-1]) + 1
    layer = np.ascontiguousarray(pixels[top:bottom, left:right][::-1])
    return layer, left, height - bottom


def _searched(pixels: UInt8Array, window: tuple[int, int, int, int] | None) -> tuple[int, int, Any]:
    """The part of ``pixels`` to search: its top row, left column and drawn-pixel mask.

    The widened window unless something is drawn on its edge (the drawing may go beyond
    it) or it lies off the canvas: then the whole canvas.
    """
    height, width = pixels.shape[:2]
    if window is not None:
        x0, y0, x1, y1 = window
        left, right = max(x0 - MARGIN, 0), min(x1 + MARGIN, width)
        top, bottom = max(height - y1 - MARGIN, 0), min(height - y0 + MARGIN, height)
        drawn = pixels[top:bottom, left:right, 3] > 0
        on_edge = drawn.size == 0 or (
            (top > 0 and drawn[0].any())
            or (bottom < height and drawn[-1].any())
            or (left > 0 and drawn[:, 0].any())
            or (right < width and drawn[:, -1].any())
        )
        if not on_edge:
            return top, left, drawn
    return 0, 0, pixels[:, :, 3] > 0
