"""Reading the class's results: a CSV with one line per pair, checked line by line.

Columns: ``pair`` and ``agreement`` on one issue, ``pair``, ``agreement_x`` and
``agreement_y`` on two (other columns, such as a form's timestamp, are ignored), separated by
commas, or by semicolons with decimal commas as spreadsheets write them in many countries. A blank
agreement (or ``no deal``, ``none``) is no deal; a trailing ``%`` is dropped. A bad line (a
word instead of a number, a pair not in the cards, terms outside the issue space, a pair
twice) is reported by its line number and left out; the rest is read.

Examples
--------
>>> import negotiation_kit as nk
>>> space = nk.Line()
>>> text = "pair,agreement\\n1,0.65\\n2,\\n3,sixty\\n9,0.5\\n"
>>> deals, problems = read_results(text, space, pairs={1, 2, 3})
>>> deals
{1: 0.65, 2: None}
>>> problems[0]
"line 4: agreement 'sixty' is not a number (write it like 0.65; leave it blank for no deal)"
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection
from typing import Any

import negotiation_kit as nk

from .pairs import number

NO_DEAL_WORDS = ("", "no deal", "none", "no agreement", "-")


class ResultsError(ValueError):
    """The results file cannot be read at all (no usable header)."""


def columns(space: nk.Line | nk.Plane) -> tuple[str, ...]:
    """The agreement columns a results file needs on ``space``."""
    return ("agreement",) if isinstance(space, nk.Line) else ("agreement_x", "agreement_y")


def read_results(
    text: str, space: nk.Line | nk.Plane, pairs: Collection[int] | None = None
) -> tuple[dict[int, Any], list[str]]:
    """The deals by pair (a float, an ``(x, y)`` tuple, or ``None`` for no deal) and the
    problems found, one sentence per bad line. ``pairs``: the pairs that got cards."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    semicolons = ";" in first and "," not in first  # a spreadsheet in a decimal-comma locale
    reader = csv.reader(io.StringIO(text), delimiter=";" if semicolons else ",")
    header = next(reader, None)
    needed = ("pair", *columns(space))
    names = [h.strip().lower() for h in header or []]
    missing = [c for c in needed if c not in names]
    if missing:
        found = ",".join(names) if names else "nothing"
        raise ResultsError(
            f"the results need the columns {','.join(needed)} in their first line "
            f"(found {found}); missing {', '.join(missing)}"
        )
    where = {c: names.index(c) for c in needed}
    deals: dict[int, Any] = {}
    first_line: dict[int, int] = {}
    problems: list[str] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        cells = {c: (row[k].strip() if k < len(row) else "") for c, k in where.items()}
        try:
            pair = _pair(cells["pair"], pairs)
            if pair in first_line:
                raise ValueError(
                    f"pair {pair} appears again (first on line {first_line[pair]}); "
                    "this line is left out"
                )
            raw = [cells[c] for c in columns(space)]
            deal = _deal([c.replace(",", ".") for c in raw] if semicolons else raw, space)
        except ValueError as problem:
            problems.append(f"line {line}: {problem}")
            continue
        first_line[pair] = line
        deals[pair] = deal
    return deals, problems


def _pair(text: str, pairs: Collection[int] | None) -> int:
    match = re.fullmatch(r"(?:pair)?[\s_-]*0*(\d+)", text.lower())
    if not match:
        raise ValueError(f"pair {text!r} is not a pair number (write 1, 2, 3, ...)")
    pair = int(match.group(1))
    if pairs is not None and pair not in pairs:
        shown = ", ".join(str(p) for p in sorted(pairs))
        raise ValueError(f"pair {pair} is not in the cards (the pairs are {shown})")
    return pair


def _deal(cells: list[str], space: nk.Line | nk.Plane) -> Any:
    blank = [c.lower() in NO_DEAL_WORDS for c in cells]
    if all(blank):
        return None
    if any(blank):
        raise ValueError(
            "agreement_x and agreement_y must both be numbers, or both blank for no deal"
        )
    example = space.low + 0.65 * (space.high - space.low) if isinstance(space, nk.Line) else 0.65
    values = [_number(c, round(example, 2)) for c in cells]
    if isinstance(space, nk.Line):
        (x,) = values
        if not space.low <= x <= space.high:
            raise ValueError(
                f"agreement {number(x)} is outside the issue ({number(space.low)} to "
                f"{number(space.high)})"
            )
        return x
    for value, (low, high), axis in zip(values, (space.x, space.y), "xy", strict=True):
        if not low <= value <= high:
            raise ValueError(
                f"agreement_{axis} {number(value)} is outside the issue ({number(low)} to "
                f"{number(high)})"
            )
    return (values[0], values[1])


def _number(text: str, example: float) -> float:
    cleaned = text.removesuffix("%").strip()
    hint = f"write it like {number(example)}; leave it blank for no deal"
    if re.fullmatch(r"-?\d+,\d+", cleaned):
        hint = "write decimals with a point: " + cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"agreement {text!r} is not a number ({hint})") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"agreement {text!r} is not a number ({hint})")
    return value
