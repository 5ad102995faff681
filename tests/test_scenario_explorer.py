"""ScenarioExplorer (issue 16): any one- or two-issue scenario file as a live explorer.

The shared explorer contract is in ``tests/test_widgets.py`` (it builds
``ScenarioExplorer()``, the example file); here: every shipped file either opens and shows
the model's own numbers for it, or is refused with its reason; sliders and menus change the
model exactly as the file would; bad paths and broken files get the loader's message.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

import negotiation_kit as nk
from negotiation_kit.classroom import card_document
from negotiation_kit.widgets import ScenarioExplorer, _words
from negotiation_kit.widgets.scenario import EXAMPLE, ScenarioFileError, rules_line

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.toml"))
REFUSED = {
    "e6_gridlock.toml": "spatial scenario",
    "lesson04_spatial_rules.toml": "spatial scenario",
    "classroom_uncertain.toml": "uncertain reservation {uniform = [40, 80]}",
    "u1_a_little_uncertainty.toml": "uncertain reservation {uniform = [0.5, 0.7]}",
    "u2_a_lot_of_uncertainty.toml": "uncertain reservation {uniform = [0.4, 0.8]}",
}
"""The shipped files ScenarioExplorer refuses, and words its reason must contain."""


def test_the_shipped_folder_is_all_here() -> None:
    assert len(SHIPPED) >= 19 and set(REFUSED) <= {p.name for p in SHIPPED}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_file_opens_with_the_models_numbers_or_says_why_not(path: Path) -> None:
    if path.name in REFUSED:
        with pytest.raises(ScenarioFileError, match=r"^" + path.name) as refused:
            ScenarioExplorer(path)
        message = str(refused.value)
        assert REFUSED[path.name] in message
        assert "ScenarioExplorer opens" in message  # what is allowed
        return
    explorer = ScenarioExplorer(path)
    model = nk.load_scenario(path).negotiation
    assert explorer.negotiation == model
    assert explorer.last_error is None
    text = explorer.describe()
    space = model.space
    zone = model.zone()
    if isinstance(space, nk.Line):
        assert f"The zone of agreement is {_words.intervals(zone.intervals)}." in text
        for nation in (model.a, model.b):
            assert f"{_words.intervals(nation.win_set(space).intervals)}" in text
        line = explorer._views.issues
        assert line.data.outcome == model.outcome().agreement
    else:
        assert f"The zone of agreement has area {_words.number(zone.area)}." in text
    assert _words.outcome(model) in text
    assert rules_line(model) == explorer.figure.get_suptitle()
    # one slider per faction, at the file's number; one menu per divided nation
    gains = [f.gain for nation in (model.a, model.b) for f in nation.factions]
    sliders = [c for c in explorer.controls.values() if hasattr(c, "min")]
    assert [s.value for s in sliders] == [
        g.reservation if isinstance(g, nk.Linear) else g.threshold for g in gains
    ]
    menus = [key for key in explorer.controls if key.endswith("_rule")]
    divided = zip("ab", (model.a, model.b), strict=True)
    assert menus == [f"{side}_rule" for side, n in divided if len(n.factions) > 1]


def test_a_slider_moves_that_factions_reservation_and_nothing_else() -> None:
    path = ROOT / "scenarios" / "classroom_tied_hands.toml"
    explorer = ScenarioExplorer(path)
    explorer.controls["steelworkers"].value = 70.0
    a, b = explorer.negotiation.a, explorer.negotiation.b
    expected = nk.Nation(
        "Atlantica",
        [
            nk.Faction("exporters", nk.Linear(0.5, -20)),
            nk.Faction("steelworkers", nk.Linear(0.5, 70)),
        ],
    )
    assert a == expected and b == nk.load_scenario(path).negotiation.b
    assert explorer.negotiation.zone().intervals == [(70.0, 80.0)]
    assert "The zone of agreement is [70.00, 80.00]." in explorer.describe()
    assert explorer.controls["steelworkers"].step == 1.0  # a 0-100 line: steps of 1


def test_the_menu_offers_the_files_own_rule_and_changes_the_model() -> None:
    e4 = ScenarioExplorer(ROOT / "scenarios" / "e4_rules.toml")
    assert e4.values()["a_rule"] == "quota"
    assert dict(e4.controls["a_rule"].options)["quota: 0.67 of the weight"] == "quota"
    e4.set(a_rule="unanimity")
    assert e4.negotiation.a.rule == nk.Unanimity()
    assert e4.figure.get_suptitle().startswith("Atlantica: unanimity")
    lesson6 = ScenarioExplorer(ROOT / "scenarios" / "lesson06_several_issues.toml")
    assert lesson6.ISSUES == 2 and lesson6.values()["a_rule"] == "leader"
    assert "industry leads, farm lobby can veto" in dict(lesson6.controls["a_rule"].options)
    lesson6.set(a_rule="national")
    file = lesson6.scenario.negotiation
    unitary = dataclasses.replace(file, a=dataclasses.replace(file.a, rule=nk.NationalWelfare()))
    assert lesson6.negotiation == unitary


@pytest.mark.parametrize(
    ("file", "rule", "words"),
    [
        ("classroom_tied_hands", "unanimity", "only what every faction accepts: each one can"),
        ("classroom_tied_hands", "majority", "more than half the political weight accept."),
        ("classroom_tied_hands", "national", "does not lower its national welfare"),
        ("e4_rules", "quota", "at least 66.7% of the political weight accept."),
        ("lesson06_several_issues", "leader", "what industry accepts, if farm lobby also"),
    ],
)
def test_the_explorer_and_the_cards_say_a_rule_in_the_models_words(
    file: str, rule: str, words: str
) -> None:
    explorer = ScenarioExplorer(ROOT / "scenarios" / f"{file}.toml")
    explorer.set(a_rule=rule)
    sentence = explorer.negotiation.a.describe_rule()
    assert words in sentence and sentence in explorer.describe()
    scenario = dataclasses.replace(explorer.scenario, negotiation=explorer.negotiation)
    assert ("p", sentence) in card_document(scenario, 0, 1).blocks
    assert ("p", f"How Atlantica ratifies: {sentence}") in card_document(scenario, 1, 1).blocks


def test_a_threshold_slider_spans_the_planes_weighted_terms() -> None:
    explorer = ScenarioExplorer(ROOT / "scenarios" / "lesson06_several_issues.toml")
    industry = explorer.controls["industry"]  # weights (0.8, 0) on [0, 1]^2: 0 to 0.8
    assert (industry.min, industry.max, industry.value) == (0.0, 0.8, 0.16)
    assert industry.description == "industry's threshold"
    explorer.set(industry=0.4)
    gain = explorer.negotiation.a.factions[0].gain
    assert gain == nk.Additive((0.8, 0.0), 0.4)


def test_same_weights_majority_is_unanimity_but_the_figure_says_which() -> None:
    explorer = ScenarioExplorer()
    before = explorer._image.value
    explorer.set(a_rule="majority")
    assert explorer.negotiation.zone().intervals == explorer.scenario.negotiation.zone().intervals
    assert explorer._image.value != before
    assert "more than half the political weight" in explorer.describe()


def test_without_a_path_it_opens_the_classroom_example() -> None:
    assert EXAMPLE.read_text() == (ROOT / "scenarios" / "classroom_tied_hands.toml").read_text()
    assert ScenarioExplorer().negotiation == nk.load_scenario(EXAMPLE).negotiation


BROKEN = (
    'space = "line"\n[a]\nname = "A"\nfactions = [{name = "x", stake = 1, reservation = "high"}]\n'
)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: d / "nowhere.toml", "there is no scenario file"),
        (lambda d: d, "is a folder"),
        (lambda d: _write(d / "broken.toml", BROKEN), "broken.toml: a.factions[0].reservation: "),
        (lambda d: _write(d / "bad.toml", "space = [\n"), "bad.toml: not valid TOML"),
        (lambda d: _write_bytes(d / "image.toml", b"\x89PNG\xff\xfe"), "is not a text file"),
    ],
    ids=["missing", "folder", "bad value", "not toml", "binary"],
)
def test_a_bad_path_or_broken_file_gets_a_clear_message(
    tmp_path: Path, make: object, words: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(ScenarioFileError) as error:
        ScenarioExplorer(path)
    assert words in str(error.value)
    assert isinstance(error.value, ValueError)


def test_in_a_notebook_the_error_shows_without_a_traceback(tmp_path: Path) -> None:
    path = _write(tmp_path / "broken.toml", BROKEN)
    shell = InteractiveShell.instance()
    with capture_output() as shown:
        shell.run_cell(
            "from negotiation_kit.widgets import ScenarioExplorer\n"
            f"ScenarioExplorer({str(path)!r})\n"
        )
    text = shown.stdout + shown.stderr
    assert "ScenarioFileError: broken.toml: a.factions[0].reservation: must be a number" in text
    assert "Traceback" not in text and "scenario.py" not in text


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
