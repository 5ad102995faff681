"""The classroom: role cards that keep each side's secrets, and debriefs of good and bad CSVs."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import negotiation_kit as nk
from negotiation_kit.classroom import card_document, judge, read_results, vary
from negotiation_kit.classroom.__main__ import main
from negotiation_kit.classroom._document import html_body, markdown
from negotiation_kit.classroom.pairs import number

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
FILES = sorted(SCENARIOS.glob("*.toml"))
"""Every shipped scenario: the classroom takes them all, uncertain reservations too."""
TIED = SCENARIOS / "classroom_tied_hands.toml"
UNSURE = SCENARIOS / "classroom_uncertain.toml"


def texts(scenario: nk.Scenario, side: int, pair: int = 1) -> list[str]:
    """A card in both formats."""
    doc = card_document(scenario, side, pair)
    return [html_body(doc), markdown(doc)]


def private_numbers(scenario: nk.Scenario, side: int) -> list[float]:
    """Every private number of nation ``side``."""
    nation, secrets = scenario.nations[side], scenario.private[side]
    found: list[float] = []
    for f in nation.factions:
        for name in ("stake", "reservation", "weights", "threshold", "ideal", "status_quo",
                     "salience"):  # fmt: skip
            if secrets.hides(f.name, name) and hasattr(f.gain, name):
                value = getattr(f.gain, name)
                if isinstance(value, nk.Uniform):  # an uncertain reservation: both bounds
                    value = (value.low, value.high, (value.low + value.high) / 2)
                found += list(np.atleast_1d(value).astype(float))
        if secrets.hides(f.name, "weight"):
            found.append(f.weight)
    payments = nation.side_payments
    if payments is not None and secrets.hides(None, "side_payments"):
        found += [payments.efficiency, payments.budget]
    return [x for x in found if np.isfinite(x)]


def formats(x: float) -> set[str]:
    """Every way a card could print ``x``."""
    shown = {number(x), repr(x), f"{x:g}", f"{x:.1f}", f"{x:.2f}", f"{x:.3f}", f"{x:.4f}"}
    shown |= {f"{100 * x:.0f}%", f"{100 * x:.1f}%", f"{100 * x:g}%", f"{100 * x:.0f} %"}
    return shown


def printed(token: str, text: str) -> bool:
    """``token`` printed as a number of its own (not inside a longer number)."""
    return re.search(rf"(?<![\d.\-]){re.escape(token)}(?![\d])", text) is not None


def other_secrets_changed(scenario: nk.Scenario, side: int) -> nk.Scenario:
    """``scenario`` with the private numbers of the nation other than ``side`` moved far."""
    moved = vary(scenario, 0.5, np.random.default_rng(99))
    other = "b" if side == 0 else "a"
    talks = dataclasses.replace(scenario.negotiation, **{other: getattr(moved.negotiation, other)})
    return dataclasses.replace(scenario, negotiation=talks)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_no_card_of_any_pair_prints_the_other_sides_private_numbers(path: Path) -> None:
    base = nk.load_scenario(path)
    rng = np.random.default_rng(7)
    for pair in range(1, 5):
        scenario = vary(base, 0.05, rng)
        for side in (0, 1):
            blind = texts(other_secrets_changed(scenario, side), side, pair)
            for text, control in zip(texts(scenario, side, pair), blind, strict=True):
                for secret in private_numbers(scenario, 1 - side):
                    for token in formats(secret):
                        # printed only where the card would print it whatever the secret is
                        if printed(token, text):
                            assert printed(token, control), (path.name, pair, side, token)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_a_card_does_not_change_when_only_the_other_sides_secrets_do(path: Path) -> None:
    scenario = nk.load_scenario(path)
    for side in (0, 1):
        assert texts(scenario, side) == texts(other_secrets_changed(scenario, side), side)


def test_the_secret_check_catches_a_leak() -> None:
    """The check above fails on a card that prints a secret (here: everything public)."""
    scenario = vary(nk.load_scenario(TIED), 0.05, np.random.default_rng(3))
    public = tuple(nk.Privacy(()) for _ in range(2))
    leaky = dataclasses.replace(scenario, private=public)
    moved = dataclasses.replace(other_secrets_changed(scenario, 0), private=public)
    secret = private_numbers(scenario, 1)[0]
    (text, _), (control, _) = texts(leaky, 0), texts(moved, 0)
    token = f"reservation {number(secret)}"
    assert printed(token, text) and not printed(token, control)
    assert texts(leaky, 0) != texts(moved, 0)


def test_a_card_shows_its_own_numbers_and_marks_the_others_secret() -> None:
    scenario = nk.load_scenario(TIED)
    html, md = texts(scenario, 1)
    for text in (html, md):
        assert "reservation 80" in text  # Borealia's own
        assert "reservation secret" in text  # Atlantica's, hidden
        assert "stake 0.5" in text  # Atlantica's stakes are public
        assert "Atlantica ratifies only what every faction accepts" in text
    assert "@media print" not in html  # the page's style is added by html_page


# -- vary -----------------------------------------------------------------------------------


def test_vary_moves_only_private_numbers_and_is_seeded() -> None:
    base = nk.load_scenario(SCENARIOS / "e4_rules.toml")
    one = vary(base, 0.05, np.random.default_rng(5))
    assert one == vary(base, 0.05, np.random.default_rng(5))
    assert one != vary(base, 0.05, np.random.default_rng(6))
    for moved, f in zip(one.negotiation.a.factions, base.negotiation.a.factions, strict=True):
        assert moved.gain.stake == f.gain.stake and moved.weight == f.weight
        assert 0 < abs(moved.gain.reservation - f.gain.reservation) <= 0.05
    assert one.negotiation.a.rule == base.negotiation.a.rule
    assert vary(base, 0.0, np.random.default_rng(5)) == base
    with pytest.raises(ValueError, match=r"vary must be a number from 0 to 0\.5, got 0\.7"):
        vary(base, 0.7, np.random.default_rng(5))


def test_vary_moves_private_sizes_payments_and_points() -> None:
    base = nk.load_scenario(SCENARIOS / "lesson07_side_payments.toml")
    everything = nk.Privacy(("stake", "reservation", "weight", "side_payments"))
    secret = dataclasses.replace(base, private=(everything, everything))
    moved = vary(secret, 0.1, np.random.default_rng(2))
    a, was = moved.negotiation.a, base.negotiation.a
    assert a.factions[0].gain.stake != was.factions[0].gain.stake
    assert a.factions[0].weight != was.factions[0].weight
    assert a.side_payments.efficiency != was.side_payments.efficiency  # type: ignore[union-attr]
    plane = nk.load_scenario(SCENARIOS / "e6_gridlock.toml")
    ideals = vary(plane, 0.05, np.random.default_rng(2)).negotiation.a.factions
    for f, g in zip(ideals, plane.negotiation.a.factions, strict=True):
        assert f.gain.ideal != g.gain.ideal and f.gain.status_quo == g.gain.status_quo
    additive = nk.load_scenario(SCENARIOS / "lesson06_several_issues.toml")
    moved_a = vary(additive, 0.05, np.random.default_rng(2)).negotiation.a.factions
    assert moved_a[0].gain.threshold != additive.negotiation.a.factions[0].gain.threshold


# -- judging deals --------------------------------------------------------------------------


def e2(**changes: Any) -> nk.Scenario:
    scenario = nk.load_scenario(SCENARIOS / "e2_tied_hands.toml")
    a = dataclasses.replace(scenario.negotiation.a, **changes)
    return dataclasses.replace(scenario, negotiation=dataclasses.replace(scenario.negotiation, a=a))


@pytest.mark.parametrize(
    "changes, deal, why",
    [
        ({}, 0.5, "blocked by steelworkers (every faction can block)"),
        ({"rule": nk.Quota(0.75)}, 0.5, "rejected by steelworkers: those who accept hold 50% "
         "of the weight, 75% needed"),
        ({"rule": nk.Majority()}, 0.5, "50% of the weight, more than 50% needed"),
        ({"rule": nk.Leader("steelworkers")}, 0.5, "blocked by steelworkers (the leader)"),
        ({"rule": nk.Leader("exporters", ["steelworkers"])}, 0.5, "(veto holder)"),
        ({"rule": nk.NationalWelfare()}, 0.1, "national welfare would fall (-0.1)"),
        ({"side_payments": nk.SidePayments(1, budget=0.01)}, 0.5,
         "side-payments cannot buy their consent"),
    ],
)  # fmt: skip
def test_judge_names_who_blocks(changes: dict[str, Any], deal: float, why: str) -> None:
    verdict = judge(e2(**changes), deal)
    assert verdict.ratified == (False, True)
    assert why in verdict.blocked[0]
    assert verdict.welfare == (0.0, 0.0) and not verdict.stands


def test_judge_a_ratified_deal_and_no_deal() -> None:
    scenario = e2()
    verdict = judge(scenario, 0.7)
    assert verdict.stands and verdict.blocked == ("", "")
    assert verdict.welfare == tuple(n.net_welfare(0.7) for n in scenario.nations)
    assert verdict.nash == scenario.negotiation.outcome().agreement
    split = dataclasses.replace(scenario.negotiation, solution="split").outcome()
    assert verdict.split == split.agreement
    nothing = judge(scenario, None)
    assert nothing.deal is None and not nothing.stands and nothing.welfare == (0.0, 0.0)


# -- results --------------------------------------------------------------------------------


def test_results_report_every_bad_line_and_keep_the_rest() -> None:
    text = (
        "\ufeffPair,Agreement,notes\n"
        "1,0.65,fine\n"
        "2,,no deal\n"
        "3,sixty,\n"
        "9,0.5,\n"
        "4,1.4,\n"
        "1,0.7,again\n"
        "five,0.5,\n"
        "\n"
        "pair-06,65%,\n"
        '7,"0,65",\n'
        "8,no deal,\n"
    )
    deals, problems = read_results(text, nk.Line(0, 100), pairs=set(range(1, 9)))
    assert deals == {1: 0.65, 2: None, 4: 1.4, 6: 65.0, 8: None}
    assert problems == [
        "line 4: agreement 'sixty' is not a number (write it like 65; leave it blank for no deal)",
        "line 5: pair 9 is not in the cards (the pairs are 1, 2, 3, 4, 5, 6, 7, 8)",
        "line 7: pair 1 appears again (first on line 2); this line is left out",
        "line 8: pair 'five' is not a pair number (write 1, 2, 3, ...)",
        "line 11: agreement '0,65' is not a number (write decimals with a point: 0.65)",
    ]
    _, outside = read_results("pair,agreement\n1,1.4\n", nk.Line(), None)
    assert outside == ["line 2: agreement 1.4 is outside the issue (0 to 1)"]


def test_results_from_a_decimal_comma_spreadsheet() -> None:
    text = "pair;agreement\r\n1;0,65\r\n2;\r\n3;zero\r\n"
    deals, problems = read_results(text, nk.Line(), None)
    assert deals == {1: 0.65, 2: None}
    assert problems == [
        "line 4: agreement 'zero' is not a number (write it like 0.65; leave it blank for no deal)"
    ]


def test_results_on_two_issues() -> None:
    text = "pair,agreement_x,agreement_y\n1,0.5,0.7\n2,,\n3,0.5,\n4,0.5,1.5\n"
    deals, problems = read_results(text, nk.Plane(), None)
    assert deals == {1: (0.5, 0.7), 2: None}
    assert problems == [
        "line 4: agreement_x and agreement_y must both be numbers, or both blank for no deal",
        "line 5: agreement_y 1.5 is outside the issue (0 to 1)",
    ]


# -- the command line -----------------------------------------------------------------------


def run(*args: str | Path, capsys: Any) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_whole_session_cards_then_debrief(tmp_path: Path, capsys: Any) -> None:
    cards = tmp_path / "cards"
    status, out, _ = run("cards", TIED, "--pairs", "4", "--out", cards, "--vary", "0.05",
                         capsys=capsys)  # fmt: skip
    assert status == 0 and "wrote 8 cards for 4 pairs" in out
    for pair in range(1, 5):
        for nation in ("atlantica", "borealia"):
            for suffix in (".html", ".md"):
                assert (cards / f"pair-{pair:02d}-{nation}{suffix}").is_file()
        recorded = nk.load_scenario(cards / "instructor" / f"pair-{pair:02d}.toml")
        assert recorded.title == nk.load_scenario(TIED).title
    page = (cards / "all-cards.html").read_text()
    assert page.count('<section class="card">') == 8 and "@media print" in page
    pairs = {p: nk.load_scenario(cards / "instructor" / f"pair-{p:02d}.toml") for p in (1, 2)}
    hawk = pairs[1].negotiation.a.factions[1].gain.reservation
    results = tmp_path / "results.csv"
    results.write_text(f"pair,agreement\n1,{hawk - 1}\n2,{hawk + 1}\n3,\n4,sixty\n5,60\n")
    out_dir = tmp_path / "debrief"
    status, out, err = run("debrief", TIED, results, "--pairs", cards, "--out", out_dir,
                           capsys=capsys)  # fmt: skip
    assert status == 0 and "debriefed 3 pairs" in out
    assert err.splitlines() == [
        "results.csv: line 5: agreement 'sixty' is not a number (write it like 65; leave it "
        "blank for no deal)",
        "results.csv: line 6: pair 5 is not in the cards (the pairs are 1, 2, 3, 4)",
        "results.csv: pair 4 got cards but has no line in the results",
    ]
    for name in ("debrief.html", "debrief.md", "debrief.png", "debrief.svg"):
        assert (out_dir / name).stat().st_size > 0
    md = (out_dir / "debrief.md").read_text()
    assert "no: blocked by steelworkers" in md  # pair 1 signed below its hawk's reservation
    assert "line 5: agreement 'sixty'" in md
    verdict = judge(pairs[2], hawk + 1)  # pair 2 is judged with its own numbers
    assert f"| 2 | {number(hawk + 1)} | {'yes' if verdict.ratified[0] else 'no'}" in md


def test_debrief_without_cards_and_on_two_issues(tmp_path: Path, capsys: Any) -> None:
    results = tmp_path / "r.csv"
    results.write_text("pair,agreement_x,agreement_y\n1,0.45,0.7\n2,0.9,0.9\n3,,\n")
    scenario = SCENARIOS / "lesson06_several_issues.toml"
    status, _, err = run("debrief", scenario, results, "--out", tmp_path / "d", capsys=capsys)
    assert status == 0 and err == ""
    md = (tmp_path / "d" / "debrief.md").read_text()
    assert "| 1 | (0.45, 0.7) | yes | yes |" in md
    assert "| 3 | no deal |" in md
    assert "1 deal ratified by both nations, 1 signed but not ratified, 1 pair without" in md


def test_cards_refuse_to_replace_old_cards_unless_forced(tmp_path: Path, capsys: Any) -> None:
    args = ("cards", TIED, "--pairs", "2", "--out", tmp_path, "--vary", "0.05")
    assert run(*args, capsys=capsys)[0] == 0
    before = (tmp_path / "instructor" / "pair-01.toml").read_text()
    status, _, err = run(*args, "--seed", "2", capsys=capsys)
    assert status == 2 and "already holds cards (pair-01.toml)" in err and "--force" in err
    assert (tmp_path / "instructor" / "pair-01.toml").read_text() == before
    assert run(*args, "--seed", "2", "--force", capsys=capsys)[0] == 0
    assert (tmp_path / "instructor" / "pair-01.toml").read_text() != before


@pytest.mark.parametrize(
    "args, message",
    [
        (["cards", "nowhere.toml", "--pairs", "2", "--out", "{tmp}"], "there is no scenario file"),
        (["cards", "{bad}", "--pairs", "2", "--out", "{tmp}"], "bad.toml: a.factions[0].stake"),
        (["cards", str(TIED), "--pairs", "0", "--out", "{tmp}"], "--pairs must be a whole number"),
        (["cards", str(TIED), "--pairs", "two", "--out", "{tmp}"], "invalid int value: 'two'"),
        (["cards", str(TIED), "--pairs", "2", "--out", "{tmp}", "--vary", "2"], "--vary must"),
        (["cards", str(TIED), "--pairs", "2"], "the following arguments are required: --out"),
        (["cards", str(TIED), "--pairs", "2", "--out", "{file}"], "is a file, not a folder"),
        (["debrief", str(TIED), "none.csv", "--out", "{tmp}"], "there is no results file"),
        (["debrief", str(TIED), "{nocols}", "--out", "{tmp}"], "the columns pair,agreement"),
        (["debrief", str(TIED), "{nocols}", "--out", "{tmp}", "--pairs", "{tmp}"],
         "holds no instructor/pair-NN.toml"),
        (["cards", "{unsure}", "--pairs", "2", "--out", "{tmp}"], "a.factions[1].reservation"),
        (["debrief", "{other}", "{nocols}", "--out", "{tmp}", "--pairs", "{cards}"],
         "the cards in"),
        (["teach"], "invalid choice: 'teach'"),
        ([], "the following arguments are required: COMMAND"),
    ],
)  # fmt: skip
def test_misuse_gets_one_line_and_exit_2(
    args: list[str], message: str, tmp_path: Path, capsys: Any
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(TIED.read_text().replace("stake = 0.5", "stake = 0", 1))
    nocols = tmp_path / "nocols.csv"
    nocols.write_text("team,deal\n1,0.5\n")
    afile = tmp_path / "afile"
    afile.write_text("")
    unsure = tmp_path / "unsure.toml"
    unsure.write_text(  # the loader's message for a range the wrong way round
        TIED.read_text().replace("reservation = 60", "reservation = {uniform = [70, 50]}")
    )
    cards = tmp_path / "cards"
    if "{cards}" in args:
        assert main(["cards", str(TIED), "--pairs", "1", "--out", str(cards)]) == 0
        capsys.readouterr()
    other = SCENARIOS / "e2_tied_hands.toml"
    where = {"{tmp}": tmp_path / "out", "{bad}": bad, "{nocols}": nocols, "{file}": afile,
             "{unsure}": unsure}  # fmt: skip
    where |= {"{cards}": cards, "{other}": other}
    status, out, err = run(*(str(where.get(a, a)) for a in args), capsys=capsys)
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert err.startswith("python -m negotiation_kit.classroom: error: ")


def test_the_module_runs_from_a_shell_without_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "negotiation_kit.classroom", "cards", "missing.toml",
         "--pairs", "2", "--out", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith("there is no scenario file missing.toml")


def test_side_payments_on_cards_and_in_the_debrief() -> None:
    scenario = nk.load_scenario(SCENARIOS / "classroom_side_payments.toml")
    atlantica = scenario.negotiation.a
    ((low, high),) = atlantica.win_set(scenario.negotiation.space).intervals
    _, md = texts(scenario, 0)
    assert f"terms from {number(low)} to {number(high)} with them" in md
    assert "Only exporters may pay" in md and "delivers 0.5 units" in md
    assert "Only exporters may pay" in texts(scenario, 1)[1]  # side_payments is public
    verdict = judge(scenario, 70.0)
    paid = atlantica.transfers(70.0)
    assert verdict.stands and verdict.payments[0] == (
        f"with side-payments: exporters pay {number(-paid['exporters'])}, "
        f"steelworkers receive {number(paid['steelworkers'])}"
    )
    assert verdict.payments[1] == ""


# -- uncertain reservations (docs/model.md §8) ----------------------------------------------


def test_an_uncertain_card_shows_its_own_range_and_the_models_chances() -> None:
    scenario = nk.load_scenario(UNSURE)
    atlantica = scenario.negotiation.a
    html, md = texts(scenario, 0)
    for text in (html, md):
        assert "reservation uncertain: anywhere from 40 to 80, each value equally likely" in text
        assert "chance Atlantica ratifies" in text and "expected national welfare" in text
        assert "involuntary defection" in text
    for z in (50.0, 60.0, 70.0):  # the table's chances are the model's
        chance = float(atlantica.ratification_probability(z))
        welfare = float(atlantica.net_welfare(z))
        assert f"| {number(z)} |" in md
        row = next(line for line in md.splitlines() if line.startswith(f"| {number(z)} |"))
        assert row.endswith(f"| {number(welfare)} | {100 * chance:.0f}% |"), row
    assert "ratifies for sure only 80, 90, 100." in md
    _, theirs = texts(scenario, 1)  # Borealia sees public fields only
    assert (
        "steelworkers | stake × (terms − reservation): wants higher terms | stake 0.5; "
        "reservation secret" in theirs
    )
    assert "uncertain" not in theirs and "equally likely" not in theirs


def test_vary_moves_an_uncertain_range_whole() -> None:
    base = nk.load_scenario(UNSURE)
    moved = vary(base, 0.05, np.random.default_rng(4)).negotiation.a.factions[1].gain.reservation
    assert (
        isinstance(moved, nk.Uniform) and moved != base.negotiation.a.factions[1].gain.reservation
    )
    assert moved.high - moved.low == pytest.approx(40.0, abs=0.1)
    assert abs(moved.low - 40.0) <= 5.0


def test_judge_under_uncertainty_gives_chances_and_expected_welfare() -> None:
    scenario = nk.load_scenario(UNSURE)
    talks = scenario.negotiation
    verdict = judge(scenario, 70.0)
    expected = talks.expected_welfare(70.0)
    assert verdict.chance == (float(talks.a.ratification_probability(70.0)), 1.0)
    assert verdict.chance[0] == pytest.approx(0.75)  # r ~ U(40, 80) below 70
    assert verdict.both == pytest.approx(float(talks.ratification_probability(70.0)))
    assert verdict.welfare == (expected["Atlantica"], expected["Borealia"])
    assert verdict.blocked[0] == "steelworkers may block it" and not verdict.stands
    assert verdict.nash == pytest.approx(talks.outcome().agreement)
    assert verdict.split == "undefined under uncertainty"
    sure, never = judge(scenario, 85.0), judge(scenario, 30.0)
    assert sure.chance is not None and sure.chance[0] == 1.0 and not sure.stands  # B refuses
    assert sure.blocked[1].startswith("Borealia would lose from it")
    assert never.both == 0.0 and never.blocked[0].startswith("blocked by steelworkers")


def test_a_mock_session_on_an_uncertain_scenario(tmp_path: Path, capsys: Any) -> None:
    cards = tmp_path / "cards"
    status, out, _ = run("cards", UNSURE, "--pairs", "2", "--out", cards, "--vary", "0.05",
                         capsys=capsys)  # fmt: skip
    assert status == 0 and "wrote 4 cards for 2 pairs" in out
    results = tmp_path / "results.csv"
    results.write_text("pair,agreement\n1,68\n2,\n")
    status, out, err = run("debrief", UNSURE, results, "--pairs", cards, "--out", tmp_path / "d",
                           capsys=capsys)  # fmt: skip
    assert status == 0 and err == "" and "debriefed 2 pairs" in out
    md = (tmp_path / "d" / "debrief.md").read_text()
    pair = nk.load_scenario(cards / "instructor" / "pair-01.toml")
    chance = float(pair.negotiation.ratification_probability(68.0))
    welfare = pair.negotiation.expected_welfare(68.0)
    assert (
        f"| 1 | 68 | chance {100 * chance:.0f}%: steelworkers may block it | yes | "
        f"{100 * chance:.0f}% | {number(welfare['Atlantica'])} | {number(welfare['Borealia'])} |"
    ) in md
    assert "undefined under uncertainty" in md and "chance both ratify" in md
    assert "0 deals certain to be ratified by both nations, 1 that may fail at home" in md
    assert (tmp_path / "d" / "debrief.png").stat().st_size > 0


def test_the_secret_check_catches_a_leaked_uncertain_range() -> None:
    """Made public, Atlantica's uncertain range shows on Borealia's card, and the check sees it."""
    scenario = vary(nk.load_scenario(UNSURE), 0.05, np.random.default_rng(3))
    leaky = dataclasses.replace(scenario, private=(nk.Privacy(()), scenario.private[1]))
    moved = dataclasses.replace(other_secrets_changed(scenario, 1), private=leaky.private)
    low = scenario.negotiation.a.factions[1].gain.reservation.low
    assert low in private_numbers(scenario, 0)
    (text, _), (control, _) = texts(leaky, 1), texts(moved, 1)
    assert printed(number(low), text) and not printed(number(low), control)
