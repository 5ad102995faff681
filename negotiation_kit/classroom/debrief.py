"""The debrief: was each pair's deal ratified at home, who blocked it, and what theory says.

For every pair: whether each nation ratifies the deal and, if not, which factions block it;
each nation's net welfare (0 for everyone when the deal fails or there is none); what the
model predicts with that pair's own numbers (nash and split). For the class: one figure with
every deal over the win-sets and the zone, and a report (HTML and Markdown) with the table.

Examples
--------
>>> import negotiation_kit as nk
>>> scenario = nk.load_scenario("scenarios/e2_tied_hands.toml")
>>> verdict = judge(scenario, 0.5)
>>> verdict.ratified, verdict.blocked[0]
((False, True), 'blocked by steelworkers (every faction can block)')
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import negotiation_kit as nk

from ._document import Document, Table, html_body, html_page, markdown
from .cards import percent, terms_text, uncertain
from .pairs import number


@dataclass(frozen=True)
class Verdict:
    """What became of one deal: ratification per nation, why not, net welfare per nation."""

    deal: Any
    ratified: tuple[bool, bool]
    blocked: tuple[str, str]
    welfare: tuple[float, float]
    nash: Any
    split: Any
    payments: tuple[str, str] = ("", "")
    """The side-payments each nation makes to ratify the deal, in words ("" for none)."""
    chance: tuple[float, float] | None = None
    """Where reservations are uncertain (docs/model.md §8): the chance each nation ratifies
    the deal; ``welfare`` then holds expected net welfare. ``None`` when all are certain."""

    @property
    def stands(self) -> bool:
        """Whether both nations ratify (for sure, where reservations are uncertain)."""
        if self.chance is not None:
            return self.deal is not None and self.chance[0] * self.chance[1] >= 1.0
        return self.deal is not None and all(self.ratified)

    @property
    def both(self) -> float:
        """The chance that both nations ratify: 0 or 1 unless reservations are uncertain."""
        if self.deal is None:
            return 0.0
        if self.chance is None:
            return float(all(self.ratified))
        return self.chance[0] * self.chance[1]


def blockers(nation: nk.Nation, z: Any) -> str:
    """Why ``nation`` does not ratify ``z``, naming the factions that block it."""
    gains = nation.gains(z)
    against = [f for f, g in zip(nation.factions, gains, strict=True) if g < 0]
    rule = nation.rule
    paying = nation.side_payments is not None and nation.side_payments.efficiency > 0
    tail = "; side-payments cannot buy their consent at these terms" if paying else ""
    if isinstance(rule, nk.NationalWelfare):
        return f"national welfare would fall ({number(nation.welfare(z))})"
    if isinstance(rule, nk.Leader):
        needed = {rule.name, *rule.vetoes}
        names = [f.name for f in against if f.name in needed]
        role = "the leader" if rule.name in names else "veto holder"
        return f"blocked by {', '.join(names)} ({role}){tail}"
    names = [f.name for f in against]
    if len(nation.factions) == 1:
        return f"{nation.name} would lose from it (its gain {number(gains[0])})"
    if isinstance(rule, nk.Quota):
        total = sum(f.weight for f in nation.factions)
        accept = sum(f.weight for f, g in zip(nation.factions, gains, strict=True) if g >= 0)
        share = "more than 50%" if isinstance(rule, nk.Majority) else f"{100 * rule.share:.0f}%"
        return (
            f"rejected by {', '.join(names)}: those who accept hold "
            f"{100 * accept / total:.0f}% of the weight, {share} needed{tail}"
        )
    return f"blocked by {', '.join(names)} (every faction can block){tail}"


def _prediction(negotiation: nk.Negotiation, solution: str) -> Any:
    try:
        outcome = dataclasses.replace(negotiation, solution=solution).outcome()
    except ValueError:
        return "—"
    if outcome.agreement is None:
        return None
    return outcome.agreement if isinstance(outcome.agreement, float) else tuple(outcome.agreement)


UNDEFINED_SPLIT = "undefined under uncertainty"
"""The split prediction where reservations are uncertain: the model refuses it (the zone has
no sharp edges to split, docs/model.md §8)."""


def is_uncertain(scenario: nk.Scenario) -> bool:
    """Whether some faction's reservation is uncertain (``nk.Uniform``)."""
    return any(uncertain(f) for n in scenario.nations for f in n.factions)


def judge(scenario: nk.Scenario, deal: Any) -> Verdict:
    """The verdict on ``deal`` (``None``: no deal) with ``scenario``'s numbers."""
    talks = scenario.negotiation
    if is_uncertain(scenario):
        return _judge_uncertain(scenario, deal)
    split = _prediction(talks, "split") if isinstance(talks.space, nk.Line) else "—"
    nash = _prediction(talks, "nash")
    if deal is None:
        return Verdict(None, (False, False), ("", ""), (0.0, 0.0), nash, split)
    ratified = tuple(bool(n.ratifies(deal)) for n in scenario.nations)
    blocked = tuple("" if ok else blockers(n, deal)
                    for n, ok in zip(scenario.nations, ratified, strict=True))  # fmt: skip
    stands = all(ratified)
    welfare = tuple(float(n.net_welfare(deal)) if stands else 0.0 for n in scenario.nations)
    paid = tuple(payment_words(n, deal) if ok else ""
                 for n, ok in zip(scenario.nations, ratified, strict=True))  # fmt: skip
    return Verdict(deal, ratified, blocked, welfare, nash, split, paid)  # type: ignore[arg-type]


def _judge_uncertain(scenario: nk.Scenario, deal: Any) -> Verdict:
    """The verdict where reservations are uncertain: each nation's chance of ratifying and
    each nation's expected net welfare (docs/model.md §8) instead of a yes or no."""
    talks = scenario.negotiation
    nash = _prediction(talks, "nash")
    if deal is None:
        return Verdict(None, (False, False), ("", ""), (0.0, 0.0), nash, UNDEFINED_SPLIT,
                       chance=(0.0, 0.0))  # fmt: skip
    chance = tuple(float(n.ratification_probability(deal)) for n in scenario.nations)
    expected = talks.expected_welfare(deal)
    welfare = tuple(float(expected[n.name]) for n in scenario.nations)
    ratified = tuple(p >= 1.0 for p in chance)
    blocked = tuple(_risk(n, deal, p) for n, p in zip(scenario.nations, chance, strict=True))
    return Verdict(deal, ratified, blocked, welfare, nash, UNDEFINED_SPLIT,  # type: ignore[arg-type]
                   chance=chance)  # type: ignore[arg-type]  # fmt: skip


def _risk(nation: nk.Nation, z: Any, chance: float) -> str:
    """Who may block ``z`` in a nation whose reservations may be uncertain ("" if no one)."""
    if chance >= 1.0:
        return ""
    if not any(uncertain(f) for f in nation.factions):
        return blockers(nation, z)
    alone = [(f, float(nk.Nation(f.name, [f]).ratification_probability(z)))
             for f in nation.factions]  # fmt: skip
    sure = [f.name for f, p in alone if p <= 0.0]
    maybe = [f.name for f, p in alone if 0.0 < p < 1.0]
    if chance <= 0.0:
        return f"blocked by {', '.join(sure or maybe)}, whatever the vote reveals"
    return f"{', '.join(maybe)} may block it"


def payment_words(nation: nk.Nation, z: Any) -> str:
    """The side-payments ``nation`` makes to ratify ``z``, in words ("" if none)."""
    amounts = nation.transfers(z)
    if not any(abs(v) > 1e-12 for v in amounts.values()):
        return ""
    payers = [f"{k} pay {number(-v)}" for k, v in amounts.items() if v < -1e-12]
    takers = [f"{k} receive {number(v)}" for k, v in amounts.items() if v > 1e-12]
    return "with side-payments: " + ", ".join(payers + takers)


def _shown(value: Any) -> str:
    if value is None:
        return "no deal"
    return value if isinstance(value, str) else terms_text(value)


def report(
    title: str, talks: nk.Negotiation, verdicts: dict[int, Verdict], problems: list[str],
    figure: str | None, varied: bool,
) -> Document:  # fmt: skip
    """The debrief report: the class table, the figure, the lines left out, questions."""
    a, b = talks.a.name, talks.b.name
    doc = Document(f"{title}: debrief", _count(len(verdicts), "pair"))
    unsure = any(v.chance is not None for v in verdicts.values())
    stands = sum(v.stands for v in verdicts.values())
    failed = sum(v.deal is not None and v.both <= 0.0 for v in verdicts.values())
    risky = sum(v.deal is not None and 0.0 < v.both < 1.0 for v in verdicts.values())
    none = sum(v.deal is None for v in verdicts.values())
    varied_words = " Each pair had its own numbers (--vary): its prediction uses them."
    if unsure:
        doc.paragraph(
            f"{_count(stands, 'deal')} certain to be ratified by both nations, {risky} that "
            f"may fail at home, {failed} that cannot pass, {_count(none, 'pair')} without a "
            "deal." + (varied_words if varied else "")
        )
    else:
        doc.paragraph(
            f"{_count(stands, 'deal')} ratified by both nations, {failed} signed but not "
            f"ratified, {_count(none, 'pair')} without a deal." + (varied_words if varied else "")
        )
    if figure:
        doc.image(figure)
    if unsure:
        header = ["pair", "deal", f"{a} ratifies?", f"{b} ratifies?", "chance both ratify",
                  f"{a} expected net welfare", f"{b} expected net welfare", "model: nash",
                  "model: split"]  # fmt: skip
    else:
        header = ["pair", "deal", f"{a} ratifies?", f"{b} ratifies?", f"{a} net welfare",
                  f"{b} net welfare", "model: nash", "model: split"]  # fmt: skip
    rows = []
    for pair, v in sorted(verdicts.items()):
        cells = [str(pair), _shown(v.deal)]
        chances = v.chance or (None, None)
        for ok, why, paid, p in zip(v.ratified, v.blocked, v.payments, chances, strict=True):
            yes = f"yes, {paid}" if paid else "yes"
            if v.deal is None:
                cells.append("—")
            elif p is not None and 0.0 < p < 1.0:
                cells.append(f"chance {percent(p)}: {why}")
            else:
                cells.append(yes if ok else f"no: {why}")
        if unsure:
            cells.append("—" if v.deal is None else percent(v.both))
        cells += [number(w) for w in v.welfare] + [_shown(v.nash), _shown(v.split)]
        rows.append(cells)
    doc.heading("Pair by pair")
    if unsure:
        doc.paragraph(
            "Some reservations are uncertain: they are settled at the vote, after the deal is "
            "signed, so a deal may pass or fail at home by chance. Each nation's column gives "
            "its chance of ratifying; expected net welfare averages what the deal gives it "
            "over the uncertain reservations, counting a failed deal as 0. The model's nash "
            "prediction maximises the product of expected net welfare (docs/model.md §8); "
            "split-the-difference is undefined under uncertainty (the zone has no sharp "
            "edges to split), so the model refuses it."
        )
        doc.table(Table(header, rows, numeric={4, 5, 6}))
    else:
        doc.paragraph(
            "Net welfare is what the deal gives each nation (after side-payments' losses); a "
            "deal that either nation does not ratify gives everyone 0, like no deal."
        )
        doc.table(Table(header, rows, numeric={4, 5}))
    if problems:
        doc.heading("Lines of the results left out")
        doc.bullets(problems)
    doc.heading("Questions for the class")
    doc.bullets(questions(talks))
    return doc


def _count(n: int, noun: str) -> str:
    """``1 pair``, ``2 pairs``."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def questions(talks: nk.Negotiation) -> list[str]:
    """The discussion questions the figure answers, for this scenario."""
    asked = [
        "Which deals were signed but not ratified? Which faction blocked them, and could "
        "the negotiators have seen it coming from their cards?",
        "Where do the ratified deals lie in the zone of agreement: nearer one nation's end? "
        "Why there?",
        "How close did the pairs come to the model's prediction (the star)? What did the "
        "pairs far from it do differently?",
    ]
    nations = (talks.a, talks.b)
    if any(len(n.factions) > 1 for n in nations):
        asked.append(
            "Did a divided nation's negotiators win better terms because of their domestic "
            "constraint (tied hands)? Would a united nation have got more or less?"
        )
    if any(uncertain(f) for n in nations for f in n.factions):
        asked.append(
            "Where a reservation was uncertain: which pairs took the risk of an involuntary "
            "defection, and which paid for certainty with worse terms? Who gained from the "
            "uncertainty?"
        )
    if any(n.side_payments is not None for n in nations):
        asked.append(
            "Where side-payments were possible: did they rescue deals that would otherwise "
            "fail at home, and what did they cost the nation?"
        )
    return asked


def write_report(doc: Document, out: Path) -> list[Path]:
    """Write ``debrief.html`` and ``debrief.md`` into ``out``."""
    html = out / "debrief.html"
    html.write_text(html_page(doc.title, [html_body(doc)]), encoding="utf-8")
    md = out / "debrief.md"
    md.write_text(markdown(doc), encoding="utf-8")
    return [html, md]
