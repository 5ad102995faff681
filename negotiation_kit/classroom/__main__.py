"""Classroom commands: ``python -m negotiation_kit.classroom COMMAND``.

- ``cards SCENARIO --pairs N --out DIR [--vary 0.05] [--seed 1] [--force]``: one role card
  per nation and pair (``DIR/pair-01-atlantica.html`` and ``.md``), ``DIR/all-cards.html``
  to print them all, and each pair's numbers in ``DIR/instructor/pair-01.toml`` (keep them:
  the debrief reads them; do not hand them out).
- ``debrief SCENARIO RESULTS.csv --out DIR [--pairs CARDS_DIR]``: ``DIR/debrief.html``,
  ``debrief.md``, ``debrief.png`` and ``debrief.svg``.

Every misuse gets a one-line message and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import numpy as np

import negotiation_kit as nk

MAX_PAIRS = 200
PROG = "python -m negotiation_kit.classroom"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Misuse(f"{message} (see {PROG} --help)")


class _Misuse(Exception):
    """A one-line message for the user; exit status 2."""


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Role cards and debriefs for a classroom negotiation.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                     parser_class=_Parser)  # fmt: skip
    cards = commands.add_parser("cards", help="write one role card per nation and pair")
    cards.add_argument("scenario", type=Path, help="a scenario file (TOML)")
    cards.add_argument("--pairs", type=int, required=True, help="how many pairs of negotiators")
    cards.add_argument("--out", type=Path, required=True, help="the folder for the cards")
    cards.add_argument(
        "--vary",
        type=float,
        default=0.0,
        help="move each pair's private numbers by up to this share (e.g. 0.05)",
    )
    cards.add_argument("--seed", type=int, default=1, help="seed of --vary (default 1)")
    cards.add_argument("--force", action="store_true", help="replace cards already in --out")
    debrief = commands.add_parser("debrief", help="ratify and compare every pair's deal")
    debrief.add_argument("scenario", type=Path, help="the scenario file (TOML)")
    debrief.add_argument("results", type=Path, help="CSV: pair,agreement (or agreement_x,_y)")
    debrief.add_argument("--out", type=Path, required=True, help="the folder for the debrief")
    debrief.add_argument(
        "--pairs", type=Path, default=None, help="the cards folder (each pair's numbers)"
    )
    return parser


def _scenario(path: Path) -> nk.Scenario:
    try:
        scenario = nk.load_scenario(path)
    except FileNotFoundError:
        raise _Misuse(f"there is no scenario file {path}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise _Misuse(str(error).replace("\n", " ")) from None
    return scenario


def _folder(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise _Misuse(f"--out {path} is a file, not a folder")
    path.mkdir(parents=True, exist_ok=True)


def cards(args: argparse.Namespace) -> int:
    from .cards import write_cards
    from .pairs import vary

    scenario = _scenario(args.scenario)
    if not 1 <= args.pairs <= MAX_PAIRS:
        raise _Misuse(f"--pairs must be a whole number from 1 to {MAX_PAIRS}, got {args.pairs}")
    if not 0 <= args.vary <= 0.5:
        raise _Misuse(f"--vary must be a number from 0 to 0.5, got {args.vary:g}")
    out = args.out
    _folder(out)
    records = out / "instructor"
    old = sorted(records.glob("pair-*.toml")) + sorted(out.glob("pair-*-*.html"))
    if old and not args.force:
        raise _Misuse(
            f"{out} already holds cards ({old[0].name}); choose another folder, or pass "
            "--force to replace them (the old pairs' numbers are then lost)"
        )
    for path in old:
        path.unlink()
    records.mkdir(exist_ok=True)
    rng = np.random.default_rng(args.seed)
    pairs = {}
    for pair in range(1, args.pairs + 1):
        pairs[pair] = vary(scenario, args.vary, rng) if args.vary else scenario
        header = (
            f"# Pair {pair} of {args.pairs}: the numbers on this pair's cards. Keep this file:\n"
            f"# the debrief reads it. From {args.scenario.name}, --vary {args.vary:g} "
            f"--seed {args.seed}.\n"
        )
        text = header + nk.scenario_text(pairs[pair])
        (records / f"pair-{pair:02d}.toml").write_text(text, encoding="utf-8")
    written = list(write_cards(pairs, out))
    print(f"wrote {len(written) - 1} cards for {args.pairs} pairs to {out}/ "
          f"(print them all from {written[-1].name}); each pair's numbers are in "
          f"{records}/ (keep them for the debrief)")  # fmt: skip
    return 0


def debrief(args: argparse.Namespace) -> int:
    from .debrief import judge, report, write_report
    from .pairs import pair_files
    from .results import ResultsError, read_results

    base = _scenario(args.scenario)
    varied = False
    if args.pairs is not None:
        files = pair_files(args.pairs)
        if not files:
            raise _Misuse(f"--pairs {args.pairs} holds no instructor/pair-NN.toml files")
        pairs = {pair: _scenario(path) for pair, path in files.items()}
        for pair, scenario in pairs.items():
            if _shape(scenario) != _shape(base):
                raise _Misuse(
                    f"the cards in {args.pairs} were not made from {args.scenario.name} "
                    f"({files[pair].name} has other nations, factions or issues)"
                )
        varied = any(s.negotiation != base.negotiation for s in pairs.values())
    try:
        text = args.results.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise _Misuse(f"there is no results file {args.results}") from None
    except UnicodeDecodeError:
        raise _Misuse(f"{args.results} is not a text (CSV) file in UTF-8") from None
    try:
        deals, problems = read_results(text, base.negotiation.space,
                                       None if args.pairs is None else set(pairs))  # fmt: skip
    except ResultsError as error:
        raise _Misuse(f"{args.results}: {error}") from None
    if args.pairs is None:
        pairs = dict.fromkeys(deals, base)
    else:
        for pair in sorted(set(pairs) - set(deals)):
            problems.append(f"pair {pair} got cards but has no line in the results")
    verdicts = {pair: judge(pairs[pair], deal) for pair, deal in deals.items()}
    _folder(args.out)
    figure = None
    if verdicts:
        from .figure import debrief_figure

        fig = debrief_figure(base, pairs, verdicts)
        fig.savefig(args.out / "debrief.png", dpi=110)
        fig.savefig(args.out / "debrief.svg")
        figure = "debrief.png"
    title = base.title or args.scenario.stem
    doc = report(title, base.negotiation, verdicts, problems, figure, varied)
    written = write_report(doc, args.out)
    for problem in problems:
        print(f"{args.results.name}: {problem}", file=sys.stderr)
    print(f"debriefed {len(verdicts)} pairs: {', '.join(p.name for p in written)}"
          + (", debrief.png, debrief.svg" if figure else "") + f" in {args.out}/")  # fmt: skip
    return 0


def _shape(scenario: nk.Scenario) -> tuple[object, ...]:
    """What --vary never changes: the issue space and the names of nations and factions."""
    talks = scenario.negotiation
    names = tuple((n.name, tuple(f.name for f in n.factions)) for n in (talks.a, talks.b))
    return (talks.space, names)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; return the exit status."""
    try:
        args = _parser().parse_args(argv)
        return int(cards(args) if args.command == "cards" else debrief(args))
    except _Misuse as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{PROG}: error: {error.strerror or error}: {error.filename or ''}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
