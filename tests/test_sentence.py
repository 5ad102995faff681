"""``plotting.sentence``: a line of text drawn in pieces looks like the same line drawn whole,
and a changing number is all that a caching renderer draws anew."""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

import negotiation_kit.plotting as nkp
from negotiation_kit.plotting.sentence import PIECES, Sentence, split
from negotiation_kit.widgets import RulesExplorer, WinSetExplorer

LINES = [
    "accepted by at least 67% of the weight",
    "accepted by at least 5% of the weight",
    "accepted by at least 100% of the weight",
    "weight 0.40",
    "accepts all terms from -0.15",
    "accepts only terms up to -0.10: none here",
    "no veto",
    "from 0.25 to 0.80 (length 0.55), 3 factions and 12 more",
]


def picture(figure: Figure) -> np.ndarray:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return np.asarray(Image.open(buffer).convert("L"), dtype=int)


@pytest.mark.parametrize("ha", ["left", "right"])
@pytest.mark.parametrize("words", LINES)
def test_a_sentence_looks_like_the_line_drawn_whole(words: str, ha: str) -> None:
    x = 0.05 if ha == "left" else 0.95
    pictures = []
    for pieces in (True, False):
        figure = nkp.new_figure(6, 1)
        ax = figure.add_subplot()
        ax.set_axis_off()
        style = {"ha": ha, "va": "bottom", "fontsize": 11, "color": "navy"}
        if pieces:
            Sentence(ax, x, 0.3, words, **style)  # type: ignore[arg-type]
        else:
            ax.text(x, 0.3, words, **style)  # type: ignore[arg-type]
        pictures.append(picture(figure))
    pieces_drawn, whole = pictures
    assert (whole < 255).sum() > 100  # something was written
    assert np.abs(pieces_drawn - whole).max() <= 40, "the pieces do not line up as one line"


def test_words_keep_their_place_while_a_number_changes() -> None:
    ax = nkp.new_figure(6, 1).add_subplot()
    note = Sentence(ax, 0.9, 0.5, "accepted by at least 67% of the weight", ha="right")
    places = [p.get_transform().transform(p.get_position()) for p in note.pieces]
    note.set_text("accepted by at least 68% of the weight")
    moved = [p.get_transform().transform(p.get_position()) for p in note.pieces]
    assert [p.get_text() for p in note.pieces[:3]] == [
        "accepted by at least ",
        "68%",
        " of the weight",
    ]
    assert np.allclose(places, moved)


def test_a_sentence_hides_and_shows_as_a_whole() -> None:
    ax = nkp.new_figure(4, 1).add_subplot()
    note = Sentence(ax, 0.1, 0.5, "weight 0.40", fontsize=11)
    assert [p.get_visible() for p in note.pieces] == [True, True, False, False, False]
    note.set_visible(False)
    assert not note.get_visible() and not any(p.get_visible() for p in note.pieces)
    note.set_text("accepts all terms from -0.14")  # stays hidden while its words change
    assert not any(p.get_visible() for p in note.pieces)
    note.set_visible(True)
    assert [p.get_visible() for p in note.pieces] == [True, True, False, False, False]
    assert note.get_text() == "accepts all terms from -0.14"


def test_a_sentence_measures_on_any_canvas() -> None:
    # a figure drawn by another canvas (SVG here) places the pieces as the kit's Agg does
    svg = Figure(figsize=(4, 1), dpi=100)
    FigureCanvasSVG(svg)
    agg = nkp.new_figure(4, 1)
    agg.set_dpi(100)
    gaps = []
    for figure, kind in ((svg, "svg"), (agg, "png")):
        note = Sentence(figure.add_subplot(), 0.1, 0.5, "weight 0.40")
        figure.savefig(io.BytesIO(), format=kind)
        first, second = (p.get_transform().transform((0.1, 0.5))[0] for p in note.pieces[:2])
        gaps.append(second - first)  # how far "0.40" starts after "weight "
    assert gaps[0] > 30 and gaps[0] == pytest.approx(gaps[1])


def test_a_sentence_names_the_alignments_it_allows() -> None:
    ax = nkp.new_figure(4, 1).add_subplot()
    with pytest.raises(ValueError, match=r"ha must be 'left' or 'right', got 'center'"):
        Sentence(ax, 0.5, 0.5, "weight 0.40", ha="center")


@given(
    st.lists(st.sampled_from(["weight", " ", "0.40", "-0.15", "67%", "x2", "a.5", "$", ":", "7"]))
)
def test_the_pieces_always_make_the_line(parts: list[str]) -> None:
    text = "".join(parts)
    pieces = split(text)
    assert len(pieces) == PIECES and "".join(pieces) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("weight 0.40", ["weight ", "0.40"]),
        ("x2 and 3", ["x2 and ", "3"]),  # the digit of a word stays in the word
        ("v1.5 is 1.5", ["v1.5 is ", "1.5"]),
        ("67%", ["", "67%"]),
        ("$x = 2$", ["$x = 2$"]),  # mathtext is written in one piece
    ],
)
def test_numbers_are_cut_out_of_the_words(text: str, expected: list[str]) -> None:
    assert split(text) == expected + [""] * (PIECES - len(expected))


def drawn_texts(explorer: RulesExplorer | WinSetExplorer, name: str, value: float) -> list[str]:
    """The texts rasterised while ``name`` moves to ``value`` and the frame is made."""
    drawn: list[str] = []
    original = Text.draw

    def record(self: Text, renderer: object) -> None:
        drawn.append(self.get_text())
        original(self, renderer)

    Text.draw = record  # type: ignore[method-assign]
    try:
        explorer.controls[name].value = value
    finally:
        Text.draw = original  # type: ignore[method-assign]
    return [text for text in drawn if text]


def test_moving_the_quota_draws_only_its_number_anew() -> None:
    explorer = RulesExplorer()
    drawn_texts(explorer, "quota_share", 0.68)  # the first move may plan the frame again
    assert drawn_texts(explorer, "quota_share", 0.69) == ["69%"]
    rule = explorer._views[3].texts["Atlantica's win-set"]
    assert rule.get_text() == "accepted by at least 69% of the weight"


def test_moving_a_weight_draws_only_its_number_anew() -> None:
    explorer = RulesExplorer()
    drawn_texts(explorer, "farmers_weight", 0.36)
    assert drawn_texts(explorer, "farmers_weight", 0.37) == ["0.37"]


def test_moving_an_acceptance_edge_draws_only_its_number_anew() -> None:
    explorer = WinSetExplorer()
    drawn_texts(explorer, "exporters", -0.14)
    assert drawn_texts(explorer, "exporters", -0.13) == ["-0.13"]
