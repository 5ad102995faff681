"""Role cards: one confidential brief per nation and pair, in HTML (to print) and Markdown.

A card tells its negotiators the story, their nation's factions with their gains and
reservations, how their nation ratifies, what it may pay at home, what they know of the
other nation (its public fields only: a private field is printed as "secret"), a table of
what their factions gain at sample terms, and what to do. A card shows nothing computed
from the other side's private numbers (no zone, no prediction).

Examples
--------
>>> import negotiation_kit as nk
>>> scenario = nk.load_scenario("scenarios/e2_tied_hands.toml")
>>> card = card_document(scenario, side=1, pair=1)
>>> card.title
'Tied hands (E2): confidential brief for Borealia'
>>> "reservation 0.6" in markdown(card)  # the steelworkers' reservation: Atlantica's secret
False
>>> "stake 0.5; reservation secret" in markdown(card)
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

import negotiation_kit as nk

from ._document import Document, Table, html_body, html_page, markdown
from .pairs import number, slug

SECRET = "secret"
TERMS_ON_A_LINE = 11
TERMS_ON_A_PLANE = 3


def sample_terms(space: nk.Line | nk.Plane) -> list[Any]:
    """The terms a card's table shows: 11 on a line, a 3 by 3 grid on a plane.

    >>> sample_terms(nk.Line(0, 100))[:3]
    [0.0, 10.0, 20.0]
    """
    if isinstance(space, nk.Line):
        return [float(x) for x in np.linspace(space.low, space.high, TERMS_ON_A_LINE)]
    xs = np.linspace(*space.x, TERMS_ON_A_PLANE)
    ys = np.linspace(*space.y, TERMS_ON_A_PLANE)
    return [(float(x), float(y)) for y in ys for x in xs]


def terms_text(z: Any) -> str:
    """Terms as a card writes them: ``0.6`` or ``(0.5, 1)``."""
    if isinstance(z, tuple | list | np.ndarray):
        return "(" + ", ".join(number(c) for c in z) + ")"
    return number(z)


def space_words(space: nk.Line | nk.Plane, a: str, b: str) -> str:
    """What the negotiation is about, in words."""
    if isinstance(space, nk.Line):
        return (
            f"You negotiate one issue, {space.label}: terms from {number(space.low)} "
            f"({b}'s best) to {number(space.high)} ({a}'s best)."
        )
    (x0, x1), (y0, y1) = space.x, space.y
    return (
        f"You negotiate two issues at once: {space.labels[0]} (from {number(x0)} to "
        f"{number(x1)}) and {space.labels[1]} (from {number(y0)} to {number(y1)}). On each, "
        f"higher terms are better for {a} and lower ones for {b}. Terms are written (x, y)."
    )


def win_set_words(nation: nk.Nation, space: nk.Line) -> str:
    """The terms a nation ratifies on one issue (its own numbers only), in words."""

    def terms(n: nk.Nation) -> str:
        intervals = n.win_set(space).intervals
        if not intervals:
            return "no terms at all"
        return "terms " + " and ".join(
            f"{number(lo)}" if hi - lo < 1e-9 else f"from {number(lo)} to {number(hi)}"
            for lo, hi in intervals
        )

    if any(uncertain(f) for f in nation.factions):
        chance = nation.ratification_probability
        sure = [z for z in sample_terms(space) if chance(z) >= 1.0]
        return (
            f"So {nation.name} may ratify {terms(nation)}, and nothing else; of the sample "
            "terms below it ratifies for sure only "
            + (", ".join(number(z) for z in sure) if sure else "none")
            + "."
        )
    if nation.side_payments is None:
        return f"So {nation.name} ratifies {terms(nation)}, and nothing else."
    plain = dataclasses.replace(nation, side_payments=None)
    return (
        f"So {nation.name} ratifies {terms(plain)} without side-payments, and "
        f"{terms(nation)} with them (see below)."
    )


def payment_words(nation: nk.Nation) -> str:
    """What a nation may pay at home, in words."""
    payments = nation.side_payments
    if payments is None or payments.efficiency == 0:
        return "None: the deal cannot be linked to payments between factions at home."
    payers = ", ".join(payments.payers) if payments.payers is not None else None
    who = f"Only {payers} may pay" if payers else "Any faction that gains from the deal may pay"
    if payments.payers == ():
        who = "No faction may pay"
    budget = (
        "There is no limit on the total paid."
        if payments.budget == float("inf")
        else f"At most {number(payments.budget)} may be paid in total."
    )
    return (
        f"Factions that gain may compensate factions that lose, so that they accept. {who}. "
        f"Each unit paid delivers {number(payments.efficiency)} units (the rest is lost "
        f"on the way). {budget}"
    )


def reservation_text(reservation: float | nk.Uniform) -> str:
    """A reservation in words; an uncertain one (lesson 9) as its range.

    >>> reservation_text(nk.Uniform(40, 80))
    'uncertain: anywhere from 40 to 80, each value equally likely'
    """
    if isinstance(reservation, nk.Uniform):
        return (
            f"uncertain: anywhere from {number(reservation.low)} to "
            f"{number(reservation.high)}, each value equally likely"
        )
    return number(reservation)


def uncertain(faction: nk.Faction) -> bool:
    """Whether ``faction``'s reservation is uncertain (``nk.Uniform``, docs/model.md §8)."""
    return isinstance(getattr(faction.gain, "reservation", None), nk.Uniform)


def uncertainty_words(nation: nk.Nation) -> str:
    """What an uncertain reservation means for a nation's negotiators ("" if it has none)."""
    unsure = [f for f in nation.factions if uncertain(f)]
    if not unsure:
        return ""
    names = " and ".join(f.name for f in unsure)
    return (
        f"Nobody knows exactly where {names} will stand, not even you: "
        f"{'its' if len(unsure) == 1 else 'each'} reservation is only known to lie in a range, "
        f"every value in it equally likely, and is settled when {nation.name} votes, after "
        "the deal is signed. A deal you sign may therefore fail at home (Putnam's involuntary "
        f"defection): the table below gives the chance that {nation.name} ratifies each terms, "
        "and gains as expected values (averaged over the range)."
    )


def gain_columns(faction: nk.Faction, hide: Any) -> list[str]:
    """A faction's gain for a table: what it gains, and its numbers (``hide``: secrets)."""
    gain = faction.gain

    def shown(name: str, text: str) -> str:
        return SECRET if hide(faction.name, name) else text

    if isinstance(gain, nk.Linear):
        leans = (
            ""
            if hide(faction.name, "stake")
            else (": wants higher terms" if gain.stake > 0 else ": wants lower terms")
        )
        return [
            f"stake × (terms − reservation){leans}",
            f"stake {shown('stake', number(gain.stake))}; "
            f"reservation {shown('reservation', reservation_text(gain.reservation))}",
        ]
    if isinstance(gain, nk.Additive):
        weights = ", ".join(number(w) for w in gain.weights)
        return [
            "weights · terms − threshold",
            f"weights {shown('weights', f'({weights})')}; "
            f"threshold {shown('threshold', number(gain.threshold))}",
        ]
    return [
        "(distance of the status quo from its ideal point)² − (distance of the terms from "
        "it)², times its salience: it accepts what is closer to its ideal than the status quo",
        f"ideal point {shown('ideal', terms_text(gain.ideal))}; "
        f"status quo {shown('status_quo', terms_text(gain.status_quo))}; "
        f"salience {shown('salience', number(gain.salience))}",
    ]


def factions_table(nation: nk.Nation, hide: Any) -> Table:
    """Factions, how they gain, their numbers and, if a quota counts it or it is not 1 for
    all, their political weight (``hide``: what is secret)."""
    weighs = isinstance(nation.rule, nk.Quota) or any(f.weight != 1 for f in nation.factions)
    rows = []
    for f in nation.factions:
        what, numbers = gain_columns(f, hide)
        weight = [SECRET if hide(f.name, "weight") else number(f.weight)] if weighs else []
        rows.append([f.name, what, numbers, *weight])
    header = ["faction", "its gain from a deal", "its numbers"]
    return Table(header + ["political weight"] * weighs, rows, numeric={3})


def terms_table(nation: nk.Nation, space: nk.Line | nk.Plane) -> Table:
    """What each faction of ``nation`` gains at sample terms, national welfare, ratification."""
    paying = nation.side_payments is not None and nation.side_payments.efficiency > 0
    unsure = any(uncertain(f) for f in nation.factions)
    names = [f"{f.name} (expected)" if uncertain(f) else f.name for f in nation.factions]
    header = ["terms", *names, "expected national welfare" if unsure else "national welfare"]
    header += ["compensation needed"] if paying else []
    header.append(f"chance {nation.name} ratifies" if unsure else f"{nation.name} ratifies?")
    rows = []
    for z in sample_terms(space):
        gains = nation.gains(z)
        row = [terms_text(z), *(number(g) for g in gains), number(nation.net_welfare(z))]
        if paying:
            row.append(number(nation.compensation(z)))
        if unsure:
            row.append(percent(float(nation.ratification_probability(z))))
        else:
            row.append("yes" if nation.ratifies(z) else "no")
        rows.append(row)
    return Table(header, rows, numeric=set(range(1, len(header) - 1)))


def percent(chance: float) -> str:
    """A probability as a card writes it: ``71%``; ``0%`` and ``100%`` only when exact.

    >>> percent(0.707107), percent(0.999), percent(1.0), percent(0.001), percent(0.0)
    ('71%', '>99%', '100%', '<1%', '0%')
    """
    if 0 < chance < 0.005:
        return "<1%"
    if 0.995 <= chance < 1:
        return ">99%"
    return f"{100 * chance:.0f}%"


def card_document(scenario: nk.Scenario, side: int, pair: int) -> Document:
    """The card of nation ``side`` (0 for A, 1 for B) for pair ``pair``."""
    talks = scenario.negotiation
    me, other = scenario.nations[side], scenario.nations[1 - side]
    title = scenario.title or "Negotiation"
    doc = Document(
        f"{title}: confidential brief for {me.name}",
        f"Pair {pair:02d} · you negotiate for {me.name} with {other.name} · "
        "do not show this card to the other side",
    )
    doc.heading("The situation")
    doc.paragraph(scenario.story)
    doc.paragraph(space_words(talks.space, talks.a.name, talks.b.name))
    doc.paragraph(scenario.briefs[side])
    doc.heading(f"{me.name}'s factions")
    doc.paragraph(
        "Each faction gains from a deal what its formula gives (no deal gives every faction 0). "
        "A faction accepts a deal when its gain is not negative."
    )
    doc.table(factions_table(me, lambda *_: False))
    if uncertainty_words(me):
        doc.paragraph(uncertainty_words(me))
    doc.heading(f"How {me.name} ratifies")
    doc.paragraph(me.describe_rule())
    if isinstance(talks.space, nk.Line):
        doc.paragraph(win_set_words(me, talks.space))
    doc.heading("What you may pay at home")
    doc.paragraph(payment_words(me))
    doc.heading("What you gain at sample terms")
    doc.paragraph(
        "National welfare is the sum of your factions' gains"
        + (", less what side-payments lose on the way." if me.side_payments else ".")
    )
    doc.table(terms_table(me, talks.space))
    doc.heading(f"What you know of {other.name}")
    secrets = scenario.private[1 - side]
    doc.paragraph(
        f'These are {other.name}\'s factions as far as you know; "{SECRET}" marks what only '
        f"{other.name}'s negotiators know."
    )
    doc.table(factions_table(other, secrets.hides))
    hidden = secrets.hides(None, "rule")
    doc.paragraph(f"How {other.name} ratifies: " + (SECRET if hidden else other.describe_rule()))
    hidden = secrets.hides(None, "side_payments")
    doc.paragraph(
        f"What {other.name} may pay at home: " + (SECRET if hidden else payment_words(other))
    )
    doc.heading("What to do")
    doc.bullets(instructions(me.name, other.name))
    return doc


def instructions(me: str, other: str) -> list[str]:
    """The steps of the exercise, the same on every card."""
    return [
        f"Your goal: the deal that is best for {me} as a whole (its national welfare), and "
        f"that {me} will ratify. A deal your nation does not ratify gives every faction 0.",
        "Read this card on your own first (5 minutes). Plan what you ask for and what you concede.",
        f"Negotiate with {other}'s negotiators (20 minutes). You may tell them anything, "
        "true or not, but do not show them this card.",
        "When you agree, write your pair number and the terms on the results sheet "
        "(one line per pair). If you do not agree, write your pair number and leave the "
        "terms blank.",
    ]


def write_cards(scenarios: dict[int, nk.Scenario], out: Path) -> Iterator[Path]:
    """Write every pair's cards (HTML and Markdown) and ``all-cards.html`` into ``out``."""
    bodies = []
    title = ""
    for pair, scenario in sorted(scenarios.items()):
        title = scenario.title
        for side, nation in enumerate(scenario.nations):
            doc = card_document(scenario, side, pair)
            stem = out / f"pair-{pair:02d}-{slug(nation.name)}"
            body = html_body(doc)
            bodies.append(body)
            stem.with_suffix(".html").write_text(html_page(doc.title, [body]), encoding="utf-8")
            stem.with_suffix(".md").write_text(markdown(doc), encoding="utf-8")
            yield stem.with_suffix(".html")
    everything = out / "all-cards.html"
    everything.write_text(html_page(f"{title}: all cards", bodies), encoding="utf-8")
    yield everything
